// Inputs the generator must refuse at once, with `wasmbind: error: FILE:
// REASON` (docs/DESIGN.md, "Command line"): anything but a regular file (a
// device would be read forever, a FIFO would block), a file above the size
// limit, and an output that is one of the inputs. Every build of the
// generator; each run has a timeout so that a hang fails instead of blocking.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generators = {
  native: [join(root, 'build/wasmbind')],
  'native (ASan, UBSan)': [join(root, 'build/wasmbind-asan')],
  wasm: [process.execPath, join(root, 'build/wasmbind-wasm.cjs')],
};

const dir = mkdtempSync(join(tmpdir(), 'wasmbind-inputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const header = 'int add(int a, int b);\n';
writeFileSync(join(dir, 'lib.h'), header);
writeFileSync(join(dir, 'lib.rules'), 'add: nullable\n');
mkdirSync(join(dir, 'a-directory'));
execFileSync('mkfifo', [join(dir, 'fifo')]);
/* Sparse files just above the limits: 16 MiB for texts, 256 MiB for .wasm. */
const sparse = (name, bytes) => {
  writeFileSync(join(dir, name), '');
  truncateSync(join(dir, name), bytes);
};
sparse('big.h', (16 << 20) + 1);
sparse('big.rules', (16 << 20) + 1);
sparse('big.wasm', 256 * 2 ** 20 + 1);

for (const [name, command] of Object.entries(generators)) {
  const run = (...args) => {
    const r = spawnSync(command[0], [...command.slice(1), ...args], {
      encoding: 'utf8', cwd: dir, timeout: 20_000,
    });
    assert.equal(r.signal, null, `${args.join(' ')}: killed by ${r.signal} (a hang?)\n${r.stderr}`);
    return r;
  };
  /** The run fails with `wasmbind: error: FILE: ...` matching reason. */
  const refuses = (args, file, reason, status = 1) => {
    const r = run(...args);
    assert.equal(r.status, status, r.stderr);
    const escaped = file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    assert.match(r.stderr, new RegExp(`^wasmbind: error: ${escaped}: ${reason.source}`, 'm'));
  };

  describe(`inputs (${name})`, () => {
    test('a device as header, --rules or --wasm', () => {
      refuses(['ir', '/dev/zero'], '/dev/zero', /not a regular file/);
      refuses(['gen', 'lib.h', '-o', 'out.js', '--rules', '/dev/zero'], '/dev/zero', /not a regular file/);
      refuses(['gen', 'lib.h', '-o', 'out.js', '--wasm', '/dev/zero'], '/dev/zero', /not a regular file/);
      refuses(['check', 'lib.h', '/dev/zero'], '/dev/zero', /not a regular file/);
    });

    test('a FIFO as header, --rules, --wasm or #include does not block', () => {
      refuses(['ir', 'fifo'], 'fifo', /not a regular file/);
      refuses(['exports', 'lib.h', '--rules', 'fifo'], 'fifo', /not a regular file/);
      refuses(['gen', 'lib.h', '-o', 'out.js', '--wasm', 'fifo'], 'fifo', /not a regular file/);
      writeFileSync(join(dir, 'includes-fifo.h'), '#include "fifo"\n');
      const r = run('ir', 'includes-fifo.h');
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /includes-fifo\.h:1:10: error: 'fifo' file not found/);
    });

    test('a directory as header, --rules or --wasm', () => {
      refuses(['ir', 'a-directory'], 'a-directory', /is a directory/);
      refuses(['exports', 'lib.h', '--rules', 'a-directory'], 'a-directory', /is a directory/);
      refuses(['gen', 'lib.h', '-o', 'out.js', '--wasm', 'a-directory'], 'a-directory', /is a directory/);
    });

    test('a missing --rules or --wasm file', () => {
      refuses(['exports', 'lib.h', '--rules', 'missing.rules'], 'missing.rules', /No such file/);
      refuses(['check', 'lib.h', 'missing.wasm'], 'missing.wasm', /No such file/);
    });

    test('inputs above the size limits', () => {
      refuses(['ir', 'big.h'], 'big.h', /16777217 bytes: larger than the limit of 16 MiB/);
      refuses(['exports', 'lib.h', '--rules', 'big.rules'], 'big.rules', /16777217 bytes: larger than the limit of 16 MiB/);
      refuses(['gen', 'lib.h', '-o', 'out.js', '--wasm', 'big.wasm'], 'big.wasm',
        /268435457 bytes: larger than the limit of 256 MiB/);
    });

    test('-o never overwrites an input', () => {
      refuses(['gen', 'lib.h', '-o', 'lib.h'], 'lib.h', /the output would overwrite the header/, 2);
      refuses(['gen', 'lib.h', '-o', './lib.rules', '--rules', 'lib.rules'], './lib.rules',
        /the output would overwrite the rules file/, 2);
      // OUT.d.ts counts too: -o lib.js writes lib.d.ts.
      writeFileSync(join(dir, 'lib.d.ts'), 'add: nullable\n');
      refuses(['gen', 'lib.h', '-o', 'lib.js', '--rules', 'lib.d.ts'], 'lib.d.ts',
        /the output would overwrite the rules file/, 2);
      assert.equal(readFileSync(join(dir, 'lib.h'), 'utf8'), header);
      assert.equal(readFileSync(join(dir, 'lib.rules'), 'utf8'), 'add: nullable\n');
      const ok = run('gen', 'lib.h', '-o', 'out.js', '--rules', 'lib.rules');
      assert.equal(ok.status, 0, ok.stderr);
    });
  });
}
