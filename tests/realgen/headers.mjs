// The real -dev headers as Debian ships them that tests/realgen/gen.test.mjs
// generates bindings for; tests/typecheck.test.mjs type-checks their .d.ts.
import fs from 'node:fs';
import path from 'node:path';

// Only the one directory a header needs from the host's /usr/include goes on
// the search path (the rest is glibc's, not the wasm target's).
/** @param {string} scratch @param {string} name @param {[string, string][]} entries */
function hostDir(scratch, name, entries) {
  const dir = path.join(scratch, `host-${name}`);
  if (fs.existsSync(dir)) return dir;
  for (const [from, to] of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    fs.symlinkSync(from, path.join(dir, to));
  }
  return dir;
}

const glib = ['-I', '/usr/include/glib-2.0', '-I', '/usr/lib/x86_64-linux-gnu/glib-2.0/include'];
/** The headers: [name, package, header, options () => string[]]; the
 * options of some name directories made under `scratch` on first use.
 * @param {string} scratch @returns {[string, string, string, () => string[]][]} */
export function realHeaders(scratch) {
  return [
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
      () => ['-I', '/usr/include/libxml2', '-isystem', hostDir(scratch, 'icu', [['/usr/include/unicode', 'unicode']])]],
    ['sdl2', 'libsdl2-dev', '/usr/include/SDL2/SDL.h',
      () => ['-I', '/usr/include/SDL2', '-isystem',
        hostDir(scratch, 'sdl', [['/usr/include/x86_64-linux-gnu/SDL2/_real_SDL_config.h', 'SDL2/_real_SDL_config.h']])]],
    ['glib', 'libglib2.0-dev', '/usr/include/glib-2.0/glib.h', () => glib],
  ];
}
