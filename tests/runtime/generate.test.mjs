// @ts-check
// The run-time mode (web/wasmbind.mjs): generate() is the generator compiled
// to WebAssembly and called through the bindings wasmbind generated for its
// own API, so its output must be the native CLI's, byte for byte; bind() gives
// the library object with no build step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bind, generate, GenerateError } from '../../web/wasmbind.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SYSROOT = '/usr/share/emscripten/cache/sysroot';
const searchDirs = [`${SYSROOT}/include/compat`, `${SYSROOT}/include`];
/** @param {string} path absolute, or relative to the root */
const onDisk = (path) => (path.startsWith('/') ? path : join(root, path));

/** Every file `header` may include, transitively (an over-approximation:
 * conditionals are ignored), by the paths the preprocessor opens.
 * @param {string} header a path relative to the root */
function includedFiles(header) {
  /** @type {Record<string, string>} */
  const files = {};
  const todo = [header];
  while (todo.length) {
    const file = /** @type {string} */ (todo.pop());
    const text = readFileSync(onDisk(file), 'utf8');
    if (file !== header) files[file] = text;
    for (const m of text.matchAll(/^\s*#\s*include(?:_next)?\s*([<"])([^>"]+)[>"]/gm)) {
      const candidates = m[1] === '"' ? [join(dirname(file), m[2]), ...searchDirs.map((d) => join(d, m[2]))]
        : searchDirs.map((d) => join(d, m[2]));
      for (const c of candidates) {
        const raw = m[1] === '"' && !c.startsWith('/') ? `${dirname(file)}/${m[2]}` : c;
        for (const key of new Set([raw, normalize(raw), c])) {
          if (key in files || !existsSync(onDisk(key)) || key === header) continue;
          files[key] = '';
          todo.push(key);
        }
      }
    }
  }
  return files;
}

const references = readdirSync(join(root, 'tests/reference')).filter((f) => f.endsWith('.h'));

test('generate() writes what the native CLI writes, byte for byte, on every reference header', async () => {
  const out = mkdtempSync(join(tmpdir(), 'wasmbind-runtime-'));
  try {
    for (const name of references) {
      const header = `tests/reference/${name}`;
      const stem = name.replace(/\.h$/, '');
      const native = spawnSync(join(root, 'build/wasmbind'), ['gen', header, '--sysroot', SYSROOT, '-o', join(out, `${stem}.js`)], { cwd: root, encoding: 'utf8' });
      assert.equal(native.status, 0, native.stderr);
      const ir = spawnSync(join(root, 'build/wasmbind'), ['ir', header, '--sysroot', SYSROOT], { cwd: root, encoding: 'utf8' });
      const files = includedFiles(header);
      const g = await generate(readFileSync(join(root, header), 'utf8'), { name: header, files, sysroot: SYSROOT });
      assert.ok(g.ok, g.diagnostics);
      assert.equal(g.diagnostics, native.stderr, `${name}: diagnostics`);
      assert.equal(g.js, readFileSync(join(out, `${stem}.js`), 'utf8'), `${name}: .js`);
      assert.equal(g.dts, readFileSync(join(out, `${stem}.d.ts`), 'utf8'), `${name}: .d.ts`);
      assert.equal(g.ir, ir.stdout, `${name}: IR`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('generate() reports errors as the CLI does, with no file system behind it', async () => {
  const g = await generate('#include <stdio.h>\nint f(;\n', { name: 'bad.h' });
  assert.equal(g.ok, false);
  assert.equal(g.js, null);
  assert.match(g.diagnostics, /^bad\.h:1:10: error: 'stdio\.h' file not found\n#include <stdio\.h>\n {9}\^$/m);
  assert.match(g.diagnostics, /^bad\.h:2:7: error: expected parameter declarator before ';'$/m);
});

test('generate() takes included files, macros and rules as options', async () => {
  const g = await generate('#include "util.h"\nint twice(int x);\n#if WANT_MORE\nint more(void);\n#endif\n', {
    name: 'lib.h',
    files: { 'util.h': '#define UTIL_VERSION 3\ntypedef struct H H;\nint h_close(H *h);\n' },
    defines: { WANT_MORE: 1 },
    rules: 'type H: destroy h_close\n',
  });
  assert.ok(g.ok, g.diagnostics);
  assert.match(/** @type {string} */ (g.dts), /^  more\(\): number;$/m);
  assert.match(/** @type {string} */ (g.js), /class H extends handleClass\('H', 'h_close'/);
  const bad = await generate('int f(void);\n', { name: 'r.h', rules: 'f: bogus\n' });
  assert.match(bad.diagnostics, /^rules:1:4: error: unknown item 'bogus'$/m);
  await assert.rejects(generate(/** @type {any} */ (42)), TypeError);
});

test('generate() parses options as the command line does: -IDIR, --opt=VALUE, args', async () => {
  const header = '#include "util.h"\nint f(UTIL_T x);\n';
  const files = { 'inc/util.h': 'typedef long long UTIL_T;\n' };
  for (const options of [{ args: ['-Iinc'] }, { args: ['-I', 'inc'] }, { includeDirs: ['inc'] }]) {
    const g = await generate(header, { name: 'lib.h', files, ...options });
    assert.ok(g.ok, `${JSON.stringify(options)}: ${g.diagnostics}`);
    assert.match(/** @type {string} */ (g.dts), /f\(x: bigint \| number\): number;/);
  }
  const missing = await generate(header, { name: 'lib.h', files });
  assert.match(missing.diagnostics, /'util\.h' file not found/);
  const named = await generate('int f(void);\n', { name: 'include/lib.h', args: ['--wasm-file=other.wasm', '-DX=1'] });
  assert.match(/** @type {string} */ (named.js), /new URL\('\.\/other\.wasm'/);
  const byName = await generate('int f(void);\n', { name: 'include/lib.h' });
  assert.match(/** @type {string} */ (byName.js), /new URL\('\.\/lib\.wasm'/);
  const file = await generate('int f(void);\n', { args: ['--rules=x.rules'] });
  assert.equal(file.ok, false);
  assert.match(file.diagnostics, /^wasmbind: error: option '--rules' names a file: pass its contents instead$/m);
  const unknown = await generate('int f(void);\n', { args: ['-Q'] });
  assert.match(unknown.diagnostics, /^wasmbind: error: unknown option '-Q'$/m);
  await assert.rejects(generate('int f(void);\n', { args: ['-DX\0'] }), TypeError);
});

test('bind() gives the library object of a binary and its header, with no build step', async () => {
  const lib = await bind(readFileSync(join(root, 'build/e2e/mapping.wasm')),
    readFileSync(join(root, 'tests/e2e/mapping.h'), 'utf8'), { name: 'mapping.h' });
  assert.equal(lib.add(2, 3), 5);
  assert.equal(lib.m_upper('héllo'), 'HéLLO');
  assert.deepEqual(lib.m_divmod(17, 5), { quot: 3, rem: 2 });
  await assert.rejects(bind(new Uint8Array(8), 'int f(;'), (e) => e instanceof GenerateError && /expected/.test(e.diagnostics));
});
