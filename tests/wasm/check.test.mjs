// @ts-check
// `wasmbind exports` and `wasmbind check` end to end: tests/wasm/lib.h
// against the emcc builds of build/wasm-fixtures/ (mk/wasm.mk), and
// tests/wasm/abi.h (every shape the wasm32 C ABI lowers differently) against
// what clang compiled from abi.c, with the exports wasmbind itself lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The generator to test: $WASMBIND (a native binary, or a .js run by node). */
const wasmbind = process.env.WASMBIND || join(root, 'build/wasmbind');
const fx = 'build/wasm-fixtures';
const header = 'tests/wasm/lib.h';
const headerLines = readFileSync(join(root, header), 'utf8').split('\n');

/** Runs the generator in the project's root (paths in messages are relative).
 * @param {string[]} args */
function run(args) {
  const [cmd, argv] = /\.[cm]?js$/.test(wasmbind)
    ? [process.execPath, ['--no-experimental-fetch', wasmbind, ...args]] /* Emscripten 3.1.6 vs Node's fetch */
    : [wasmbind, args];
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/** @param {string[]} args */
function emcc(args, cwd = root) {
  const r = spawnSync('emcc', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '/usr/share/nodejs' },
  });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `emcc ${args.join(' ')}\n${r.stderr}`);
}

/** The 1-based line of lib.h declaring `name` (its first `name(`). */
function lineOf(/** @type {string} */ name) {
  const i = headerLines.findIndex((l) => new RegExp(`\\b${name}\\(`).test(l));
  assert.ok(i >= 0, `${name} is not in ${header}`);
  return i + 1;
}

/** The exports the fixtures were built with (mk/wasm.mk's WASM_LIB_EXPORTS). */
const fixtureExports = /^WASM_LIB_EXPORTS := (.*)$/m.exec(readFileSync(join(root, 'mk/wasm.mk'), 'utf8'))?.[1];

test('exports: the emcc list, malloc and free first, in header order', () => {
  const r = run(['exports', header, '-Iinclude']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${fixtureExports}\n`);
  assert.doesNotMatch(r.stdout, /twice/); /* static inline */
});

test('exports: --format ld and list', () => {
  const names = /** @type {string} */ (fixtureExports).split(',').map((n) => n.slice(1));
  const ld = run(['exports', header, '-Iinclude', '--format', 'ld']);
  assert.equal(ld.status, 0, ld.stderr);
  assert.equal(ld.stdout, names.map((n) => `--export=${n}`).join(' ') + '\n');
  const list = run(['exports', header, '-Iinclude', '--format=list']);
  assert.equal(list.status, 0, list.stderr);
  assert.equal(list.stdout, names.map((n) => `${n}\n`).join(''));
});

for (const file of ['lib-standalone.wasm', 'lib-legal.wasm']) {
  test(`check passes: ${file}`, () => {
    const r = run(['check', header, `${fx}/${file}`, '-Iinclude']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'check: 20 functions, all exported with matching signatures\n');
  });
}

test('check: a missing function is located at its declaration', () => {
  const wasm = `${fx}/lib-missing.wasm`;
  const r = run(['check', header, wasm, '-Iinclude']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'check: 20 functions, 2 problems\n');
  const lines = r.stderr.split('\n');
  const at = lines.findIndex((l) =>
    new RegExp(`^${header}:${lineOf('vec2_len')}:\\d+: error: function 'vec2_len' is declared here but not exported by ${wasm}$`).test(l));
  assert.ok(at >= 0, r.stderr);
  assert.equal(lines[at + 1], headerLines[lineOf('vec2_len') - 1]); /* the source line */
  assert.match(lines[at + 2], /^ *\^$/); /* and a caret */
  /* handle_free_name is only named by WB_FREE(...): located there. */
  assert.match(r.stderr, new RegExp(`^${header}:${lineOf('WB_FREE')}:\\d+: error: function 'handle_free_name' named here by WB_FREE is not exported by ${wasm}$`, 'm'));
  assert.equal((r.stderr.match(/error:/g) || []).length, 2, r.stderr);
});

test('check: signatures that disagree with the header', () => {
  const wasm = `${fx}/lib-wrong.wasm`;
  const r = run(['check', header, wasm, '-Iinclude']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'check: 20 functions, 2 problems\n');
  assert.match(r.stderr, new RegExp(`^${header}:${lineOf('scale')}:\\d+: error: function 'scale' is exported by ${wasm} with wasm signature \\(f32, f32, i32, i32, i32\\) -> f64, but the header implies \\(f64, f32, i32, i32, i32\\) -> f64$`, 'm'));
  assert.match(r.stderr, new RegExp(`^${header}:${lineOf('add64')}:\\d+: error: function 'add64' is exported by ${wasm} with wasm signature \\(i64, i64\\) -> i32, but the header implies \\(i64, i64\\) -> i64 \\(or \\(i32, i32, i32, i32\\) -> i32 with legalized i64\\)$`, 'm'));
  assert.equal((r.stderr.match(/error:/g) || []).length, 2, r.stderr);
});

test('check: malloc and free must be exported for the glue', () => {
  const r = run(['check', header, `${fx}/lib-nomalloc.wasm`, '-Iinclude']);
  assert.equal(r.status, 1);
  for (const fn of ['malloc', 'free'])
    assert.match(r.stderr, new RegExp(`^wasmbind: error: function '${fn}' is not exported by ${fx}/lib-nomalloc.wasm \\(the generated glue needs it: link with -sEXPORTED_FUNCTIONS=\\$\\(wasmbind exports ${header}\\)\\)$`, 'm'));
  assert.equal(r.stdout, 'check: 20 functions, 2 problems\n');
});

test('check: a malformed binary is an error, not a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbind-check-'));
  try {
    const bytes = readFileSync(join(root, fx, 'lib-standalone.wasm'));
    const path = join(dir, 'cut.wasm');
    writeFileSync(path, bytes.subarray(0, 100));
    const r = run(['check', header, path, '-Iinclude']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^wasmbind: error: malformed WebAssembly binary at offset \d+: /m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check: a function without a prototype is exported but not compared', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbind-check-'));
  try {
    writeFileSync(join(dir, 'knr.h'), 'int add();\nlong long add64(long long a, long long b);\n');
    const r = run(['check', join(dir, 'knr.h'), `${fx}/lib-standalone.wasm`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /knr\.h:1:\d+: warning: the signature of 'add' is not checked: declared without a prototype/);
    assert.equal(r.stdout, 'check: 2 functions, all exported with matching signatures\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The ABI lowering against clang itself: abi.c built with the list
// `wasmbind exports abi.h` gives, standalone (real i64) and legalized.
test('check: every ABI shape of abi.h matches what clang compiled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbind-abi-'));
  try {
    const ex = run(['exports', 'tests/wasm/abi.h']);
    assert.equal(ex.status, 0, ex.stderr);
    const list = ex.stdout.trim();
    assert.match(list, /^_malloc,_free,_fE,_fS1,.*,_rU2F$/);
    const nfuncs = list.split(',').length - 2;
    const standalone = join(dir, 'abi.wasm');
    emcc(['-O1', '--no-entry', '-sSTANDALONE_WASM', `-sEXPORTED_FUNCTIONS=${list}`, 'tests/wasm/abi.c', '-o', standalone]);
    emcc(['-O1', `-sEXPORTED_FUNCTIONS=${list}`, 'tests/wasm/abi.c', '-o', join(dir, 'abi-legal.js')]);
    for (const wasm of [standalone, join(dir, 'abi-legal.wasm')]) {
      const r = run(['check', 'tests/wasm/abi.h', wasm]);
      assert.equal(r.stderr, '', wasm);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `check: ${nfuncs} functions, all exported with matching signatures\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check: functions JS implements (WB_IMPORT) are imported with the header\'s signature', () => {
  // tests/e2e/hosted.h declares host_greet and host_label as imports; hosted.wasm imports them.
  const ok = run(['check', 'tests/e2e/hosted.h', 'build/e2e/hosted.wasm', '-Iinclude']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, 'check: 3 functions, all exported with matching signatures\n');
  const dir = mkdtempSync(join(tmpdir(), 'wasmbind-check-'));
  try {
    const bad = join(dir, 'hosted.h');
    writeFileSync(bad, readFileSync(join(root, 'tests/e2e/hosted.h'), 'utf8')
      .replace('host_label(int n)', 'host_label(long long n)'));
    const r = run(['check', bad, 'build/e2e/hosted.wasm', '-Iinclude']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /:13:\d+: error: function 'host_label' is imported by build\/e2e\/hosted\.wasm with wasm signature \(i32\) -> i32, but the header implies \(i64\) -> i32$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
