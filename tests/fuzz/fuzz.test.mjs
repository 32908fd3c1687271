// The libFuzzer target (tests/fuzz/fuzz_header.c) replays the committed corpus
// (every past crash included) and then fuzzes until FUZZ_TIME seconds have
// passed, the replay included: `make fuzz-run`. `make test` passes its
// FUZZ_TIME (default 10 s); `make test FUZZ_TIME=60` fuzzes longer.
// No skip: when clang's fuzzer runtime is missing the build fails, and so does
// this test (tools/setup.sh installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seconds = Number(process.env.FUZZ_TIME || 10);

test(`libFuzzer: corpus replay and fuzzing, ${seconds} s in all, find no crash`, { timeout: (seconds + 120) * 1000 }, (t) => {
  const corpus = readdirSync(new URL('./corpus/', import.meta.url));
  assert.ok(corpus.length > 50, `tests/fuzz/corpus holds ${corpus.length} inputs`);
  const r = spawnSync('make', ['--no-print-directory', 'fuzz-run', `FUZZ_TIME=${seconds}`], {
    cwd: root, encoding: 'utf8', maxBuffer: 256 << 20,
    env: { ...process.env, MAKEFLAGS: '' },
  });
  const log = `${r.stdout}\n${r.stderr}`;
  const tail = log.split('\n').slice(-60).join('\n');
  assert.equal(r.error, undefined, `could not run make: ${r.error}`);
  assert.doesNotMatch(log, /ERROR: (libFuzzer|AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:|SUMMARY: /,
    `the fuzzer found a bug:\n${tail}`);
  assert.equal(r.status, 0, `make fuzz-run failed (status ${r.status}):\n${tail}`);
  // The corpus was replayed in full (INITED: every input ran once), then
  // fuzzing went on until the time asked had passed.
  const inited = Number(log.match(/#(\d+)\s+INITED cov: \d+/)?.[1] ?? 0);
  assert.ok(inited >= corpus.length, `the replay ran ${inited} of ${corpus.length} inputs:\n${tail}`);
  const execs = Number(log.match(/stat::number_of_executed_units: *(\d+)/)?.[1] ?? 0);
  assert.ok(execs >= inited, `only ${execs} executions:\n${tail}`);
  const done = log.match(/Done \d+ runs in (\d+) second/);
  assert.ok(done && Number(done[1]) >= seconds, `libFuzzer stopped before ${seconds} s:\n${tail}`);
  t.diagnostic(`${corpus.length} inputs replayed, then ${execs - inited} fuzzed, in ${done[1]} s`);
});
