// bench/parse/run.mjs: how fast wasmbind reads real headers, next to clang.
//   make bench-parse            (or: node bench/parse/run.mjs [--runs N] [--warmup N])
// Times `build/wasmbind ir`, `build/wasmbind gen` (native), the wasm build
// (`node build/wasmbind-wasm.cjs ir`) and `clang --target=wasm32-unknown-emscripten
// -fsyntax-only` with the same include flags and the same search path as
// wasmbind's default (Emscripten's sysroot, clang's own headers). Runs are
// interleaved (round-robin over headers and tools) after a warm-up; the table
// shows the median wall time of each, and the ratios wasmbind/clang and
// wasm/native (also without the wasm build's start-up: Node and compiling the
// module, timed as `--version`). Not part of `make test`.
// @ts-check
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SYSROOT = '/usr/share/emscripten/cache/sysroot';
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('--runs', 11);
const WARMUP = arg('--warmup', 2);

const scratch = mkdtempSync(join(tmpdir(), 'wasmbind-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

// SDL2's configuration header lives in the host's multiarch directory; only that
// file goes on the search path (the rest of that directory is glibc's).
const sdlConfig = '/usr/include/x86_64-linux-gnu/SDL2/_real_SDL_config.h';
mkdirSync(join(scratch, 'sdl/SDL2'), { recursive: true });
if (existsSync(sdlConfig)) copyFileSync(sdlConfig, join(scratch, 'sdl/SDL2/_real_SDL_config.h'));

const headers = [
  { name: 'sqlite3.h', path: '/usr/include/sqlite3.h', flags: [] },
  { name: 'SDL2/SDL.h', path: '/usr/include/SDL2/SDL.h',
    flags: ['-I', '/usr/include/SDL2', '-isystem', join(scratch, 'sdl')] },
  { name: 'glib.h', path: '/usr/include/glib-2.0/glib.h',
    flags: ['-I', '/usr/include/glib-2.0', '-I', '/usr/lib/x86_64-linux-gnu/glib-2.0/include'] },
].filter((h) => existsSync(h.path));

const resourceDir = spawnSync('clang', ['-print-resource-dir'], { encoding: 'utf8' }).stdout.trim();
const clangSearch = ['-nostdinc', '-isystem', `${SYSROOT}/include/compat`, '-isystem', `${resourceDir}/include`,
  '-isystem', `${SYSROOT}/include`];

/** @type {{name: string, cmd: (h: typeof headers[0]) => string[]}[]} */
const tools = [
  { name: 'native ir', cmd: (h) => [join(root, 'build/wasmbind'), 'ir', h.path, ...h.flags] },
  { name: 'native gen', cmd: (h) => [join(root, 'build/wasmbind'), 'gen', h.path, ...h.flags,
    '-o', join(scratch, `${h.name.replace(/\W/g, '_')}.js`)] },
  { name: 'wasm ir', cmd: (h) => [process.execPath, join(root, 'build/wasmbind-wasm.cjs'), 'ir', h.path, ...h.flags] },
  // Node's start and the module's compilation, without any parsing: what the
  // wasm column costs before reading the header.
  { name: 'wasm --version', cmd: () => [process.execPath, join(root, 'build/wasmbind-wasm.cjs'), '--version'] },
  { name: 'clang -fsyntax-only', cmd: (h) => ['clang', '--target=wasm32-unknown-emscripten', '-x', 'c',
    '-fsyntax-only', ...h.flags, ...clangSearch, h.path] },
];

/** One run: wall time in ms; throws when the command fails. */
function time(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0)
    throw new Error(`${argv.join(' ')} failed (${r.error ?? r.status}):\n${(r.stderr ?? '').slice(0, 2000)}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** @type {Map<string, number[]>} */
const samples = new Map();
const failed = new Map();
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (const h of headers) {
    for (const t of tools) {
      const key = `${h.name}\0${t.name}`;
      if (failed.has(key)) continue;
      try {
        const ms = time(t.cmd(h));
        if (round >= WARMUP) samples.set(key, [...(samples.get(key) ?? []), ms]);
      } catch (e) {
        failed.set(key, /** @type {Error} */ (e).message);
      }
    }
  }
  process.stderr.write(`\rround ${round + 1}/${WARMUP + RUNS}${round < WARMUP ? ' (warm-up)' : ''}   `);
}
process.stderr.write('\n');

const fmt = (ms) => (ms === undefined ? 'failed' : `${ms.toFixed(1)} ms`);
const ratio = (a, b) => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(2)}x`);
const rows = [['header', ...tools.map((t) => t.name), 'ir/clang', 'gen/clang', 'wasm/native (ir)',
  'wasm/native (ir, less start-up)']];
for (const h of headers) {
  const m = Object.fromEntries(tools.map((t) => {
    const xs = samples.get(`${h.name}\0${t.name}`);
    return [t.name, xs ? median(xs) : undefined];
  }));
  rows.push([h.name, ...tools.map((t) => fmt(m[t.name])),
    ratio(m['native ir'], m['clang -fsyntax-only']), ratio(m['native gen'], m['clang -fsyntax-only']),
    ratio(m['wasm ir'], m['native ir']),
    ratio(m['wasm ir'] === undefined || m['wasm --version'] === undefined ? undefined
      : m['wasm ir'] - m['wasm --version'], m['native ir'])]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(`median of ${RUNS} runs after ${WARMUP} warm-up rounds, interleaved; wall time per process`);
console.log(line(rows[0]));
console.log(`|${widths.map((w, i) => (i ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
for (const [key, msg] of failed) console.log(`\nfailed: ${key.replace('\0', ' / ')}: ${msg}`);
process.exitCode = failed.size ? 1 : 0;
