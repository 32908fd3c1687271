// @ts-check
// `wasmbind ir` against clang's own view of the same headers (compare.mjs):
// the reference headers, and real -dev headers when they are installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareHeader, ROOT, WASMBIND } from './compare.mjs';

const haveClang = spawnSync('clang', ['--version']).status === 0;
const haveWasmbind = fs.existsSync(WASMBIND);
const skip = !haveClang ? 'clang is not installed' : !haveWasmbind ? 'build/wasmbind is not built' : false;

/** @param {string} header @param {string[]} args */
function check(header, args = []) {
  const { diffs, stats } = compareHeader(header, args);
  const total = Object.values(stats).reduce((a, b) => a + b, 0);
  assert.ok(total > 0, `${header}: nothing was compared`);
  assert.deepEqual(diffs, [], `${header}: wasmbind and clang differ:\n${diffs.join('\n')}`);
  return stats;
}

const refDir = path.join(ROOT, 'tests/reference');
for (const h of fs.readdirSync(refDir).filter((f) => f.endsWith('.h')).sort()) {
  test(`reference ${h} agrees with clang`, { skip }, () => {
    const m = /wasmbind-args:\s*(.*?)\s*\*\//.exec(fs.readFileSync(path.join(refDir, h), 'utf8'));
    check(path.join(refDir, h), m ? m[1].split(/\s+/).filter(Boolean) : []);
  });
}

// The comparison must be able to fail: a wasmbind that reports a wrong
// offset, a wrong type and a wrong constant is caught.
test('compare.mjs reports differences', { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wbcmp-test-'));
  try {
    const fake = path.join(dir, 'fake-wasmbind.sh');
    fs.writeFileSync(fake, `#!/bin/sh\n"${WASMBIND}" "$@" | sed -e 's/"offset": 4}/"offset": 5}/' ` +
      `-e 's/"name": "seed", "type": "unsigned int"/"name": "seed", "type": "unsigned long"/' -e 's/"value": 5, "type": "int"/"value": 6, "type": "int"/'\n`);
    fs.chmodSync(fake, 0o755);
    const { diffs } = compareHeader(path.join(refDir, 'declarations.h'), [], { wasmbind: fake });
    assert.ok(diffs.some((d) => /offset 5, clang 4/.test(d)), diffs.join('\n'));
    assert.ok(diffs.some((d) => /param 2 \(seed\) type "unsigned long", clang "unsigned int"/.test(d)), diffs.join('\n'));
    assert.ok(diffs.some((d) => /constant DECL_ENUM_ALIAS: 6, clang 5/.test(d)), diffs.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Real headers: [package, header, extra options, todo]. */
const REAL = [
  ['zlib1g-dev', '/usr/include/zlib.h', []],
  ['libsqlite3-dev', '/usr/include/sqlite3.h', []],
  ['libexpat1-dev', '/usr/include/expat.h', []],
  ['libyaml-dev', '/usr/include/yaml.h', []],
  ['libbz2-dev', '/usr/include/bzlib.h', []],
  ['libpng-dev', '/usr/include/png.h', []],
  ['liblzma-dev', '/usr/include/lzma.h', []],
  ['libcjson-dev', '/usr/include/cjson/cJSON.h', []],
  ['libzstd-dev', '/usr/include/zstd.h', []],
  ['libzstd-dev', '/usr/include/zstd.h', ['-DZSTD_STATIC_LINKING_ONLY']],
  ['libjansson-dev', '/usr/include/jansson.h', []],
  ['libglib2.0-dev', '/usr/include/glib-2.0/glib.h',
    ['-I', '/usr/include/glib-2.0', '-I', '/usr/lib/x86_64-linux-gnu/glib-2.0/include']],
];

for (const [pkg, header, args, todo] of REAL) {
  const missing = !fs.existsSync(header) && `${header} is not installed (apt-get install ${pkg})`;
  test(`${path.basename(header)}${args.filter((a) => a.startsWith('-D')).map((a) => ' ' + a).join('')} agrees with clang`, { skip: skip || missing, todo }, () => {
    check(header, args);
  });
}

// SDL2's configuration header lives in the host's multiarch directory; only
// that file is put on the search path (the rest of it is glibc's).
const sdlConfig = '/usr/include/x86_64-linux-gnu/SDL2/_real_SDL_config.h';
test('SDL.h agrees with clang', {
  skip: skip || (!fs.existsSync(sdlConfig) && 'SDL2 is not installed (apt-get install libsdl2-dev)'),
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wbcmp-sdl-'));
  try {
    fs.mkdirSync(path.join(dir, 'SDL2'));
    fs.copyFileSync(sdlConfig, path.join(dir, 'SDL2/_real_SDL_config.h'));
    check('/usr/include/SDL2/SDL.h', ['-I', '/usr/include/SDL2', '-isystem', dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// libxml2 includes ICU's <unicode/ucnv.h> (libicu-dev): only that directory of
// the host's /usr/include is put on the search path (the rest is glibc's).
const icuDir = '/usr/include/unicode';
const xmlParser = '/usr/include/libxml2/libxml/parser.h';
test('libxml/parser.h agrees with clang', {
  skip: skip || (!fs.existsSync(xmlParser) && 'libxml2 is not installed (apt-get install libxml2-dev)') ||
    (!fs.existsSync(icuDir) && 'ICU is not installed (apt-get install libicu-dev)'),
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wbcmp-icu-'));
  try {
    fs.symlinkSync(icuDir, path.join(dir, 'unicode'));
    check(xmlParser, ['-I', '/usr/include/libxml2', '-isystem', dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
