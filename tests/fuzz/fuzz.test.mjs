// The libFuzzer targets (tests/fuzz/fuzz_header.c, fuzz_rules.c, fuzz_wasm.c)
// each replay their committed corpus (every past crash included) and then fuzz
// until their share of FUZZ_TIME seconds has passed, the replay included:
// `make fuzz-run`. `make test` passes its FUZZ_TIME (default 10 s), split here:
// a quarter each to the rules and .wasm targets (at least 1 s), the rest to
// the header target, whose replay is the longest; `make test FUZZ_TIME=60`
// fuzzes longer.
// No skip: when clang's fuzzer runtime is missing the build fails, and so does
// this test (tools/setup.sh installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seconds = Number(process.env.FUZZ_TIME || 10);
const quarter = Math.max(1, Math.floor(seconds / 4));
const targets = [
  { name: 'header', corpus: 'corpus', min: 50, seconds: Math.max(1, seconds - 2 * quarter) },
  { name: 'rules', corpus: 'corpus-rules', min: 20, seconds: quarter },
  { name: 'wasm', corpus: 'corpus-wasm', min: 20, seconds: quarter },
];

test(`libFuzzer: 3 targets, corpus replay and fuzzing, ${seconds} s in all, find no crash`,
  { timeout: (seconds + 240) * 1000 }, (t) => {
    const times = targets.map((g) => `FUZZ_TIME_${g.name}=${g.seconds}`);
    const r = spawnSync('make', ['--no-print-directory', 'fuzz-run', ...times], {
      cwd: root, encoding: 'utf8', maxBuffer: 256 << 20,
      env: { ...process.env, MAKEFLAGS: '' },
    });
    const log = `${r.stdout}\n${r.stderr}`;
    const tail = log.split('\n').slice(-60).join('\n');
    assert.equal(r.error, undefined, `could not run make: ${r.error}`);
    assert.doesNotMatch(log, /ERROR: (libFuzzer|AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:|SUMMARY: /,
      `the fuzzer found a bug:\n${tail}`);
    assert.equal(r.status, 0, `make fuzz-run failed (status ${r.status}):\n${tail}`);
    // fuzz-run prints "== fuzz_NAME: S s" before each target's output.
    const parts = log.split(/^== fuzz_(\w+): \d+ s$/m);
    for (const g of targets) {
      const at = parts.indexOf(g.name);
      assert.ok(at > 0, `fuzz_${g.name} did not run:\n${tail}`);
      const part = parts[at + 1];
      const corpus = readdirSync(new URL(`./${g.corpus}/`, import.meta.url));
      assert.ok(corpus.length > g.min, `tests/fuzz/${g.corpus} holds ${corpus.length} inputs`);
      // The corpus was replayed in full (INITED: every input ran once), then
      // fuzzing went on until the time asked had passed.
      const inited = Number(part.match(/#(\d+)\s+INITED cov: \d+/)?.[1] ?? 0);
      assert.ok(inited >= corpus.length, `fuzz_${g.name}: the replay ran ${inited} of ${corpus.length} inputs:\n${part}`);
      const execs = Number(part.match(/stat::number_of_executed_units: *(\d+)/)?.[1] ?? 0);
      assert.ok(execs >= inited, `fuzz_${g.name}: only ${execs} executions:\n${part}`);
      const done = part.match(/Done \d+ runs in (\d+) second/);
      assert.ok(done && Number(done[1]) >= g.seconds, `fuzz_${g.name} stopped before ${g.seconds} s:\n${part}`);
      t.diagnostic(`fuzz_${g.name}: ${corpus.length} inputs replayed, then ${execs - inited} fuzzed, in ${done[1]} s`);
    }
  });
