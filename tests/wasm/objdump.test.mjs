// @ts-check
// What wasmbind's .wasm reader sees (the hidden `wasmbind wasm-info FILE`)
// compared with wabt's `wasm-objdump -x` on every binary of
// build/wasm-fixtures/ (mk/wasm.mk): imports, exports and the signature of
// every function import and export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'build/wasm-fixtures');
/** The generator to test: $WASMBIND (a native binary, or a .js run by node). */
const wasmbind = process.env.WASMBIND || join(root, 'build/wasmbind');

/** @param {string[]} args */
function run(args) {
  const [cmd, argv] = /\.[cm]?js$/.test(wasmbind)
    ? [process.execPath, ['--no-experimental-fetch', wasmbind, ...args]] /* Emscripten 3.1.6 vs Node's fetch */
    : [wasmbind, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/** @param {string} file */
function objdump(file) {
  const r = spawnSync('wasm-objdump', ['-x', file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/**
 * wasm-objdump -x's listing in the form of `wasmbind wasm-info`:
 * "import MODULE.NAME KIND [SIG]" then "export NAME KIND [SIG]" lines.
 * @param {string} text
 */
function fromObjdump(text) {
  /** @type {string[]} */
  const types = [];
  /** @type {number[]} type index of each function, imports first */
  const funcSig = [];
  const imports = [];
  const exports = [];
  let section = '';
  for (const line of text.split('\n')) {
    const head = /^(\w+)(?:\[\d+\])?:$/.exec(line);
    if (head) {
      section = head[1];
      continue;
    }
    let m;
    if (section === 'Type' && (m = /^ - type\[(\d+)\] (.*)$/.exec(line))) {
      types[Number(m[1])] = m[2];
    } else if (section === 'Import' && (m = /^ - (\w+)\[(\d+)\] (.*) <- (\S+)$/.exec(line))) {
      const [, kind, index, rest, name] = m;
      const sig = /^sig=(\d+)/.exec(rest);
      if (kind === 'func') funcSig[Number(index)] = Number(sig?.[1]);
      imports.push(`import ${name} ${kind}` + (sig ? ` ${types[Number(sig[1])]}` : ''));
    } else if (section === 'Function' && (m = /^ - func\[(\d+)\] sig=(\d+)/.exec(line))) {
      funcSig[Number(m[1])] = Number(m[2]);
    } else if (section === 'Export' && (m = /^ - (\w+)\[(\d+)\](?: <.*>)? -> "(.*)"$/.exec(line))) {
      const [, kind, index, name] = m;
      exports.push(`export ${name} ${kind}` + (kind === 'func' ? ` ${types[funcSig[Number(index)]]}` : ''));
    }
  }
  return [...imports, ...exports];
}

const files = readdirSync(fixtures).filter((f) => /\.(wasm|o)$/.test(f)).sort();

test('the fixtures are built (make wasm-fixtures)', () => {
  for (const f of ['lib-standalone.wasm', 'lib-legal.wasm', 'imports.wasm', 'tags.wasm', 'tags.o'])
    assert.ok(files.includes(f), `${f} is missing from ${fixtures}`);
});

for (const file of files) {
  test(`wasm-info agrees with wasm-objdump -x: ${file}`, () => {
    const path = join(fixtures, file);
    const dump = objdump(path);
    assert.equal(dump.status, 0, dump.stderr);
    const expected = fromObjdump(dump.stdout);
    assert.ok(expected.length > 0, 'wasm-objdump listed nothing');
    const r = run(['wasm-info', path]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), expected);
  });
}

test('the standalone build keeps real i64, the legalized one splits it', () => {
  const info = (/** @type {string} */ f) => run(['wasm-info', join(fixtures, f)]).stdout;
  assert.match(info('lib-standalone.wasm'), /^export add64 func \(i64, i64\) -> i64$/m);
  assert.match(info('lib-legal.wasm'), /^export add64 func \(i32, i32, i32, i32\) -> i32$/m);
  assert.match(info('imports.wasm'), /^import GOT\.mem\.js_counter global$/m);
  assert.match(info('tags.wasm'), /^import env\.__cpp_exception tag \(i32\) -> nil$/m);
});

test('truncated and corrupted binaries are rejected like wasm-objdump does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbind-wasm-'));
  try {
    const whole = readFileSync(join(fixtures, 'lib-standalone.wasm'));
    const cases = [
      ['half', whole.subarray(0, whole.length >> 1)],
      ['no-version', whole.subarray(0, 6)],
      ['last-byte-missing', whole.subarray(0, whole.length - 1)],
      ['bad-magic', Buffer.concat([Buffer.from('\0asn'), whole.subarray(4)])],
      ['version-2', Buffer.concat([whole.subarray(0, 4), Buffer.from([2, 0, 0, 0]), whole.subarray(8)])],
    ];
    for (const [name, bytes] of cases) {
      const path = join(dir, `${name}.wasm`);
      writeFileSync(path, bytes);
      assert.notEqual(objdump(path).status, 0, `wasm-objdump accepts ${name}`);
      const r = run(['wasm-info', path]);
      assert.equal(r.status, 1, `${name}: status`);
      assert.match(r.stderr, /^wasmbind: error: (malformed WebAssembly binary at offset \d+|not a WebAssembly binary|unsupported WebAssembly binary version)/, name);
      assert.equal(r.stdout, '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
