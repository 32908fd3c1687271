// `wasmbind gen` on real -dev headers as Debian ships them: the generated
// module imports, its .d.ts passes tsc --strict, and every declaration it
// cannot bind is reported by one located warning.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const wasmbind = path.join(root, 'build/wasmbind');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmbind-realgen-'));
after(() => fs.rmSync(out, { recursive: true, force: true }));

// Only the one directory a header needs from the host's /usr/include goes on
// the search path (the rest is glibc's, not the wasm target's).
function hostDir(name, entries) {
  const dir = path.join(out, `host-${name}`);
  if (fs.existsSync(dir)) return dir;
  for (const [from, to] of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    fs.symlinkSync(from, path.join(dir, to));
  }
  return dir;
}

const glib = ['-I', '/usr/include/glib-2.0', '-I', '/usr/lib/x86_64-linux-gnu/glib-2.0/include'];
/** [name, package, header, options () => string[]] */
const HEADERS = [
  ['zlib', 'zlib1g-dev', '/usr/include/zlib.h', () => []],
  ['sqlite3', 'libsqlite3-dev', '/usr/include/sqlite3.h', () => []],
  ['cjson', 'libcjson-dev', '/usr/include/cjson/cJSON.h', () => []],
  ['yaml', 'libyaml-dev', '/usr/include/yaml.h', () => []],
  ['expat', 'libexpat1-dev', '/usr/include/expat.h', () => []],
  ['png', 'libpng-dev', '/usr/include/png.h', () => []],
  ['zstd', 'libzstd-dev', '/usr/include/zstd.h', () => []],
  ['zstd_static', 'libzstd-dev', '/usr/include/zstd.h', () => ['-DZSTD_STATIC_LINKING_ONLY']],
  ['jansson', 'libjansson-dev', '/usr/include/jansson.h', () => []],
  ['libxml2', 'libxml2-dev', '/usr/include/libxml2/libxml/parser.h',
    () => ['-I', '/usr/include/libxml2', '-isystem', hostDir('icu', [['/usr/include/unicode', 'unicode']])]],
  ['sdl2', 'libsdl2-dev', '/usr/include/SDL2/SDL.h',
    () => ['-I', '/usr/include/SDL2', '-isystem',
      hostDir('sdl', [['/usr/include/x86_64-linux-gnu/SDL2/_real_SDL_config.h', 'SDL2/_real_SDL_config.h']])]],
  ['glib', 'libglib2.0-dev', '/usr/include/glib-2.0/glib.h', () => glib],
];

const generated = [];
for (const [name, pkg, header, options] of HEADERS) {
  test(`gen ${name}: imports, every skipped declaration warned about`, async () => {
    assert.ok(fs.existsSync(header), `${header} is missing: make setup installs ${pkg}`);
    const js = path.join(out, `${name}.js`);
    const r = spawnSync(wasmbind, ['gen', header, ...options(), '-o', js], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // Each warning is located and names what is not bound.
    const all = r.stderr.split('\n').filter((l) => / warning: /.test(l));
    for (const w of all) assert.match(w, /^\S+:\d+:\d+: warning: .*is not bound: /, w);
    const warnings = all.filter((w) => /warning: '\w+' is not bound: /.test(w)); // functions
    const mod = await import(pathToFileURL(js).href);
    assert.equal(typeof mod.default, 'function');
    assert.equal(typeof mod.wrap, 'function');
    const dts = fs.readFileSync(js.replace(/\.js$/, '.d.ts'), 'utf8');
    const library = dts.slice(dts.indexOf('export interface Library {'));
    const bound = (library.slice(0, library.indexOf('\n}\n')).match(/^ {2}\w+\(/gm) ?? []).length;
    const ir = JSON.parse(spawnSync(wasmbind, ['ir', header, ...options()], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
    const declared = ir.functions.filter((f) => !f.static && !f.inline).length;
    assert.equal(bound + warnings.length, declared, 'every declared function is bound or warned about');
    generated.push(js.replace(/\.js$/, '.d.ts'));
  });
}

test('every generated .d.ts passes tsc --strict --noEmit', () => {
  assert.equal(generated.length, HEADERS.length, 'every header was generated');
  const project = path.join(out, 'tsconfig.json');
  fs.writeFileSync(project, JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] },
    files: generated,
  }));
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
