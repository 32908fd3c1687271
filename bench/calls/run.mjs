// @ts-check
// The call-overhead benchmark (make bench): the functions of bench.h called
// through six strategies, in one Node process, from what mk/bench-calls.mk
// built into build/bench/ (nothing is built here):
//   raw     the standalone .wasm's exports, inputs staged in memory beforehand
//   wasmbind   the bindings wasmbind generated from bench.h
//   ccall, cwrap   Emscripten's JS build of the same C
//   embind  Emscripten's JS build of bench_embind.cpp (embind over the same C)
//   hand    hand.mjs: careful hand-written glue over the standalone .wasm
//
// Method: every strategy is checked once against the expected result of every
// workload (a broken one fails loudly). Then, per (workload, strategy), a
// loop of `iters` calls is compiled on its own (new Function, so that each
// loop's call site stays monomorphic) and calibrated so that one sample takes
// at least --sample-ms; each loop runs a warm-up, then rounds interleave the
// strategies (each runs each workload in turn, the order rotating per round)
// and the median of the samples is reported. Results are accumulated into a
// sink, so no call is dead code.
//
//   node bench/calls/run.mjs [--quick] [--rounds N] [--sample-ms MS] [--only SUBSTRING]

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createHand, tableFunction } from './hand.mjs';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'sample-ms': { type: 'string' },
    only: { type: 'string' },
  },
});
const ROUNDS = Number(opts.rounds ?? (opts.quick ? 3 : 15));
const SAMPLE_MS = Number(opts['sample-ms'] ?? (opts.quick ? 2 : 10));
const WARMUP_MS = opts.quick ? 20 : 200;

const BUILD = new URL('../../build/bench/', import.meta.url);
const HAND = new URL('./hand.mjs', import.meta.url);
const require = createRequire(import.meta.url);

// ---- the inputs -------------------------------------------------------------

const encoder = new TextEncoder();
/** @param {string} unit @param {number} bytes */
const repeatTo = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
const S16 = repeatTo('abcdefghijklmnopqrstuvwxyz', 16);
const S1K = repeatTo('The quick brown fox jumps over the lazy dog. ', 1024);
const S64K = repeatTo('The quick brown fox jumps over the lazy dog. ', 65536);
// 1024 bytes of UTF-8: 102 times 1 + 2 + 3 + 4 bytes (a surrogate pair), then 4 ASCII.
const S1K_UTF8 = 'aé€😀'.repeat(102) + 'abcd';
if (encoder.encode(S1K_UTF8).length !== 1024) throw new Error('S1K_UTF8 is not 1 KiB');
/** The sum of the UTF-8 bytes of s: what str_sum returns. @param {string} s */
const byteSum = (s) => encoder.encode(s).reduce((a, b) => a + b, 0);
/** What make_str(n) returns. @param {number} n */
const madeString = (n) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
/** @param {number} n */
function doubles(n) {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = (i % 100) * 0.25; // exact sums
  return xs;
}
const XS_1K = doubles(1e3), XS_1M = doubles(1e6);
/** @param {Float64Array} xs */
const sumOf = (xs) => xs.reduce((a, b) => a + b, 0);
const PA = { x: 1, y: 2 }, PB = { x: 3, y: 4 };
const A64 = 0x1_0000_0001n, B64 = 0x7fff_ffff_0000_0000n;
const EACH_N = 1000;
/** The callback of each(): identity, so each(1000) is 0 + 1 + ... + 999. @param {number} i */
const identity = (i) => i;

// ---- the workloads ----------------------------------------------------------
// `fold` turns a result into what the timing loop accumulates (an expression
// of r); `expect` is the full result, checked once before timing. A strategy
// may override both (raw does not convert, so its results differ).

/** @typedef {{ key: string, label: string, fold: string, zero?: string, expect: any, note?: string }} Workload */
/** @type {Workload[]} */
const WORKLOADS = [
  { key: 'add', label: 'add(int, int)', fold: 'r', expect: 3 + 1 },
  { key: 'add64', label: 'add64 (BigInt)', fold: 'r', zero: '0n', expect: BigInt.asIntN(64, A64 + B64) },
  { key: 'str16', label: 'string arg 16 B', fold: 'r', expect: byteSum(S16) },
  { key: 'str1k', label: 'string arg 1 KiB', fold: 'r', expect: byteSum(S1K) },
  { key: 'str64k', label: 'string arg 64 KiB', fold: 'r', expect: byteSum(S64K) },
  { key: 'str1ku', label: 'string arg 1 KiB non-ASCII', fold: 'r', expect: byteSum(S1K_UTF8) },
  { key: 'ret16', label: 'string ret+free 16 B', fold: 'r.length', expect: madeString(16) },
  { key: 'ret4k', label: 'string ret+free 4 KiB', fold: 'r.length', expect: madeString(4096) },
  { key: 'f64c1k', label: 'f64 sum 1e3 copied', fold: 'r', expect: sumOf(XS_1K) },
  { key: 'f64c1m', label: 'f64 sum 1e6 copied', fold: 'r', expect: sumOf(XS_1M) },
  { key: 'f64z1k', label: 'f64 sum 1e3 zero-copy', fold: 'r', expect: sumOf(XS_1K) },
  { key: 'f64z1m', label: 'f64 sum 1e6 zero-copy', fold: 'r', expect: sumOf(XS_1M) },
  { key: 'out', label: 'struct out-pointer', fold: 'r.x', expect: { x: 1.5, y: -2.25 } },
  { key: 'mid', label: 'struct by value in+out', fold: 'r.x', expect: { x: 2, y: 3 } },
  { key: 'each', label: 'callback x1000 (per call)', fold: 'r', expect: (EACH_N * (EACH_N - 1)) / 2 },
];

// ---- the strategies ---------------------------------------------------------

/** @typedef {(i: number) => any} Op */
/** @typedef {Op | { op: Op, fold?: string, expect?: any }} Entry */
/** @typedef {{ name: string, note: string, size: number, minSize: number, ops: Record<string, Entry> }} Strategy */

/** A strategy's JS gzipped, as it is and minified by terser (what a bundler
 * ships): Emscripten's -O2 output is already whitespace-minified, a
 * generated module is not.
 * @param {URL} url @returns {Promise<{ size: number, minSize: number }>} */
async function jsSizes(url) {
  const code = readFileSync(url, 'utf8');
  const { code: min } = await minify(code, { module: url.pathname.endsWith('.mjs') || url.pathname.endsWith('.js') });
  const gz = (/** @type {string} */ text) => gzipSync(text, { level: 9 }).length;
  return { size: gz(code), minSize: gz(/** @type {string} */ (min)) };
}
const wasmModule = new WebAssembly.Module(readFileSync(new URL('bench.wasm', BUILD)));

/** A standalone instance of bench.wasm for the raw and hand strategies. */
function instantiateStandalone() {
  /** @type {Record<string, Record<string, Function>>} */
  const imports = {};
  for (const { module, name } of WebAssembly.Module.imports(wasmModule)) {
    // emscripten_notify_memory_growth is the only one: views are checked anyway.
    (imports[module] ??= {})[name] = () => {};
  }
  const instance = new WebAssembly.Instance(wasmModule, imports);
  /** @type {any} */
  const ex = instance.exports;
  ex._initialize?.();
  return ex;
}

/** Copies xs into memory allocated with malloc; returns the address.
 * @param {(n: number) => number} malloc @param {() => ArrayBuffer} buffer @param {Float64Array} xs */
function stage(malloc, buffer, xs) {
  const p = malloc(xs.length * 8);
  new Float64Array(buffer(), p, xs.length).set(xs);
  return p;
}

/** (a) The raw exports, with every input staged in memory beforehand: the
 * cost of the C function and of crossing the boundary with numbers only.
 * @returns {Strategy} */
function rawStrategy() {
  const ex = instantiateStandalone();
  const buf = () => ex.memory.buffer;
  /** @param {string} s */
  const cstring = (s) => {
    const bytes = encoder.encode(s);
    const p = ex.malloc(bytes.length + 1);
    new Uint8Array(buf()).set(bytes, p);
    new Uint8Array(buf())[p + bytes.length] = 0;
    return p;
  };
  const s16 = cstring(S16), s1k = cstring(S1K), s64k = cstring(S64K), s1ku = cstring(S1K_UTF8);
  const x1k = stage(ex.malloc, buf, XS_1K), x1m = stage(ex.malloc, buf, XS_1M);
  const pts = ex.malloc(64); // out | a | b | result
  new Float64Array(buf(), pts + 16, 4).set([PA.x, PA.y, PB.x, PB.y]);
  const slot = ex.__indirect_function_table.grow(1);
  ex.__indirect_function_table.set(slot, tableFunction(identity));
  let f64 = new Float64Array(buf());
  const { add, add64, str_sum, make_str, free, sum_f64, sum_f64_at, get_point, mid, each } = ex;
  const o = pts >> 3;
  return {
    name: 'raw',
    note: 'exports called with inputs already in memory; no conversion (ret: call + free; struct: reads one field)',
    size: 0,
    minSize: 0,
    ops: {
      add: (i) => add(3, 1 + (i & 0)),
      add64: () => add64(A64, B64),
      str16: () => str_sum(s16) >>> 0,
      str1k: () => str_sum(s1k) >>> 0,
      str64k: () => str_sum(s64k) >>> 0,
      str1ku: () => str_sum(s1ku) >>> 0,
      ret16: { op: () => { const p = make_str(16); free(p); return p; }, fold: 'r', expect: (/** @type {number} */ r) => r !== 0 },
      ret4k: { op: () => { const p = make_str(4096); free(p); return p; }, fold: 'r', expect: (/** @type {number} */ r) => r !== 0 },
      f64c1k: () => sum_f64(x1k, 1e3),
      f64c1m: () => sum_f64(x1m, 1e6),
      f64z1k: () => sum_f64_at(x1k, 1e3),
      f64z1m: () => sum_f64_at(x1m, 1e6),
      out: {
        op: () => {
          get_point(pts);
          if (f64.length === 0) f64 = new Float64Array(buf());
          return f64[o];
        },
        fold: 'r', expect: 1.5,
      },
      mid: {
        op: () => {
          mid(pts + 48, pts + 16, pts + 32);
          if (f64.length === 0) f64 = new Float64Array(buf());
          return f64[o + 6];
        },
        fold: 'r', expect: 2,
      },
      each: () => each(EACH_N, slot),
    },
  };
}

// The ops tables of the strategies look alike on purpose: each arrow is its
// own function literal, so V8 keeps each strategy's call sites apart. One
// shared `opsFor(lib)` would make every strategy's op the same closure code,
// sharing feedback (polymorphic call sites, as with loops; see compileLoop).

/** (b) wasmbind's generated bindings. @returns {Promise<Strategy>} */
async function wasmbindStrategy() {
  const url = new URL('bench.js', BUILD);
  const lib = (await import(url.href)).default;
  const b = await lib();
  const x1k = stage(b.exports.malloc, () => b.memory.buffer, XS_1K);
  const x1m = stage(b.exports.malloc, () => b.memory.buffer, XS_1M);
  return {
    name: 'wasmbind',
    note: 'build/bench/bench.js, generated from bench.h',
    ...(await jsSizes(url)),
    ops: {
      add: (i) => b.add(3, 1 + (i & 0)),
      add64: () => b.add64(A64, B64),
      str16: () => b.str_sum(S16),
      str1k: () => b.str_sum(S1K),
      str64k: () => b.str_sum(S64K),
      str1ku: () => b.str_sum(S1K_UTF8),
      ret16: () => b.make_str(16),
      ret4k: () => b.make_str(4096),
      f64c1k: () => b.sum_f64(XS_1K),
      f64c1m: () => b.sum_f64(XS_1M),
      f64z1k: () => b.sum_f64_at(x1k, 1e3),
      f64z1m: () => b.sum_f64_at(x1m, 1e6),
      out: () => b.get_point(),
      mid: () => b.mid(PA, PB),
      each: () => b.each(EACH_N, identity),
    },
  };
}

/** Emscripten's MODULARIZE'd CommonJS build. @param {string} file */
async function loadEmscripten(file) {
  const url = new URL(file, BUILD);
  const factory = require(fileURLToPath(url));
  // Node has fetch, which 3.1.6 would try on a file path: hand it the bytes.
  const wasmBinary = readFileSync(new URL(file.replace(/\.cjs$/, '.wasm'), BUILD));
  return { M: await factory({ wasmBinary }), ...(await jsSizes(url)) };
}

/** (c, d) ccall and cwrap: strings and arrays through their 'string' and
 * 'array' types (on the wasm stack); a returned string as 'number' then
 * UTF8ToString and _free; structs on the stack (stackAlloc); the callback
 * added with addFunction and removed after the call, as wasmbind does.
 * @returns {Promise<Strategy[]>} */
async function emscriptenStrategies() {
  const { M, size, minSize } = await loadEmscripten('ccall/bench.cjs');
  const x1k = stage(M._malloc, () => M.HEAPF64.buffer, XS_1K);
  const x1m = stage(M._malloc, () => M.HEAPF64.buffer, XS_1M);
  /** @param {Float64Array} xs */
  const bytes = (xs) => new Uint8Array(xs.buffer, xs.byteOffset, xs.byteLength);
  const { ccall, cwrap, UTF8ToString, stackSave, stackAlloc, stackRestore, addFunction, removeFunction } = M;
  const N = 'number', S = 'string', A = 'array';

  /** @returns {Strategy} */
  function viaCcall() {
    return {
      name: 'ccall',
      note: 'build/bench/ccall/bench.cjs, shared with cwrap (string/array args on the stack, callback via addFunction/removeFunction per call)',
      size,
      minSize,
      ops: {
        add: (i) => ccall('add', N, [N, N], [3, 1 + (i & 0)]),
        add64: () => ccall('add64', N, [N, N], [A64, B64]),
        str16: () => ccall('str_sum', N, [S], [S16]) >>> 0,
        str1k: () => ccall('str_sum', N, [S], [S1K]) >>> 0,
        str64k: () => ccall('str_sum', N, [S], [S64K]) >>> 0,
        str1ku: () => ccall('str_sum', N, [S], [S1K_UTF8]) >>> 0,
        ret16: () => { const p = ccall('make_str', N, [N], [16]); const s = UTF8ToString(p); M._free(p); return s; },
        ret4k: () => { const p = ccall('make_str', N, [N], [4096]); const s = UTF8ToString(p); M._free(p); return s; },
        f64c1k: () => ccall('sum_f64', N, [A, N], [bytes(XS_1K), 1e3]),
        f64c1m: () => ccall('sum_f64', N, [A, N], [bytes(XS_1M), 1e6]),
        f64z1k: () => ccall('sum_f64_at', N, [N, N], [x1k, 1e3]),
        f64z1m: () => ccall('sum_f64_at', N, [N, N], [x1m, 1e6]),
        out: () => {
          const sp = stackSave();
          const p = stackAlloc(16);
          ccall('get_point', null, [N], [p]);
          const r = { x: M.HEAPF64[p >> 3], y: M.HEAPF64[(p >> 3) + 1] };
          stackRestore(sp);
          return r;
        },
        mid: () => {
          const sp = stackSave();
          const p = stackAlloc(48), h = M.HEAPF64, i = p >> 3;
          h[i] = PA.x; h[i + 1] = PA.y; h[i + 2] = PB.x; h[i + 3] = PB.y;
          ccall('mid', null, [N, N, N], [p + 32, p, p + 16]);
          const r = { x: M.HEAPF64[i + 4], y: M.HEAPF64[i + 5] };
          stackRestore(sp);
          return r;
        },
        each: () => {
          const fp = addFunction(identity, 'ii');
          try {
            return ccall('each', N, [N, N], [EACH_N, fp]);
          } finally {
            removeFunction(fp);
          }
        },
      },
    };
  }

  /** @returns {Strategy} */
  function viaCwrap() {
    // Numbers only: cwrap returns the export itself (its fast path).
    const add = cwrap('add', N, [N, N]), add64 = cwrap('add64', N, [N, N]);
    const strSum = cwrap('str_sum', N, [S]), makeStr = cwrap('make_str', N, [N]);
    const sumF64 = cwrap('sum_f64', N, [A, N]), sumF64At = cwrap('sum_f64_at', N, [N, N]);
    const getPoint = cwrap('get_point', null, [N]), midC = cwrap('mid', null, [N, N, N]);
    const each = cwrap('each', N, [N, N]);
    return {
      name: 'cwrap',
      note: 'same build as ccall',
      size,
      minSize,
      ops: {
        add: (i) => add(3, 1 + (i & 0)),
        add64: () => add64(A64, B64),
        str16: () => strSum(S16) >>> 0,
        str1k: () => strSum(S1K) >>> 0,
        str64k: () => strSum(S64K) >>> 0,
        str1ku: () => strSum(S1K_UTF8) >>> 0,
        ret16: () => { const p = makeStr(16); const s = UTF8ToString(p); M._free(p); return s; },
        ret4k: () => { const p = makeStr(4096); const s = UTF8ToString(p); M._free(p); return s; },
        f64c1k: () => sumF64(bytes(XS_1K), 1e3),
        f64c1m: () => sumF64(bytes(XS_1M), 1e6),
        f64z1k: () => sumF64At(x1k, 1e3),
        f64z1m: () => sumF64At(x1m, 1e6),
        out: () => {
          const sp = stackSave();
          const p = stackAlloc(16);
          getPoint(p);
          const r = { x: M.HEAPF64[p >> 3], y: M.HEAPF64[(p >> 3) + 1] };
          stackRestore(sp);
          return r;
        },
        mid: () => {
          const sp = stackSave();
          const p = stackAlloc(48), h = M.HEAPF64, i = p >> 3;
          h[i] = PA.x; h[i + 1] = PA.y; h[i + 2] = PB.x; h[i + 3] = PB.y;
          midC(p + 32, p, p + 16);
          const r = { x: M.HEAPF64[i + 4], y: M.HEAPF64[i + 5] };
          stackRestore(sp);
          return r;
        },
        each: () => {
          const fp = addFunction(identity, 'ii');
          try {
            return each(EACH_N, fp);
          } finally {
            removeFunction(fp);
          }
        },
      },
    };
  }
  return [viaCcall(), viaCwrap()];
}

/** (e) embind over bench_embind.cpp. @returns {Promise<Strategy>} */
async function embindStrategy() {
  const { M, size, minSize } = await loadEmscripten('embind/bench_embind.cjs');
  const x1k = stage(M._malloc, () => M.HEAPF64.buffer, XS_1K);
  const x1m = stage(M._malloc, () => M.HEAPF64.buffer, XS_1M);
  return {
    name: 'embind',
    note: 'build/bench/embind/bench_embind.cjs (std::string, value_object, val)',
    size,
    minSize,
    ops: {
      add: (i) => M.add(3, 1 + (i & 0)),
      add64: () => M.add64(A64, B64),
      str16: () => M.str_sum(S16),
      str1k: () => M.str_sum(S1K),
      str64k: () => M.str_sum(S64K),
      str1ku: () => M.str_sum(S1K_UTF8),
      ret16: () => M.make_str(16),
      ret4k: () => M.make_str(4096),
      f64c1k: () => M.sum_f64(XS_1K),
      f64c1m: () => M.sum_f64(XS_1M),
      f64z1k: () => M.sum_f64_at(x1k, 1e3),
      f64z1m: () => M.sum_f64_at(x1m, 1e6),
      out: () => M.get_point(),
      mid: () => M.mid(PA, PB),
      each: () => M.each(EACH_N, identity),
    },
  };
}

/** (f) hand.mjs over its own instance of bench.wasm. @returns {Promise<Strategy>} */
async function handStrategy() {
  const h = createHand(instantiateStandalone());
  const x1k = stage(h.malloc, () => h.memory.buffer, XS_1K);
  const x1m = stage(h.malloc, () => h.memory.buffer, XS_1M);
  return {
    name: 'hand',
    note: 'bench/calls/hand.mjs',
    ...(await jsSizes(HAND)),
    ops: {
      add: (i) => h.add(3, 1 + (i & 0)),
      add64: () => h.add64(A64, B64),
      str16: () => h.str_sum(S16),
      str1k: () => h.str_sum(S1K),
      str64k: () => h.str_sum(S64K),
      str1ku: () => h.str_sum(S1K_UTF8),
      ret16: () => h.make_str(16),
      ret4k: () => h.make_str(4096),
      f64c1k: () => h.sum_f64(XS_1K),
      f64c1m: () => h.sum_f64(XS_1M),
      f64z1k: () => h.sum_f64_at(x1k, 1e3),
      f64z1m: () => h.sum_f64_at(x1m, 1e6),
      out: () => h.get_point(),
      mid: () => h.mid(PA, PB),
      each: () => h.each(EACH_N, identity),
    },
  };
}

// ---- checking and timing ----------------------------------------------------

/** @param {any} a @param {any} b */
function same(a, b) {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null)
    return Object.keys(b).length === Object.keys(a).length && Object.keys(b).every((k) => same(a[k], b[k]));
  return Object.is(a, b);
}
/** @param {any} v */
function show(v) {
  const s = typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** @typedef {{ strategy: Strategy, workload: Workload, op: Op, fold: string, expect: any }} Case */

/** The entry of a strategy for a workload, with the workload's defaults.
 * @param {Strategy} strategy @param {Workload} workload @returns {Case} */
function caseOf(strategy, workload) {
  const entry = strategy.ops[workload.key];
  if (!entry) throw new Error(`${strategy.name} has no ${workload.key}`);
  const { op, fold = workload.fold, expect = workload.expect } = typeof entry === 'function' ? { op: entry } : entry;
  return { strategy, workload, op, fold, expect };
}

/** Calls the op once and compares with the expected result; throws if it differs.
 * @param {Case} c */
function verify(c) {
  let r;
  try {
    r = c.op(0);
  } catch (e) {
    throw new Error(`${c.strategy.name} / ${c.workload.label}: threw ${/** @type {Error} */ (e).stack}`);
  }
  const ok = typeof c.expect === 'function' ? c.expect(r) : same(r, c.expect);
  if (!ok)
    throw new Error(`${c.strategy.name} / ${c.workload.label}: got ${show(r)}, expected ${typeof c.expect === 'function' ? c.expect.toString() : show(c.expect)}`);
}

/** A loop of n calls of op, compiled on its own so that its call site sees
 * only this op; it returns the accumulated results. The source names the
 * case: V8 caches `new Function` by source text, and closures of one cached
 * function share their feedback, so identical loops of different strategies
 * would share one call site, megamorphic, where no call is inlined.
 * @param {Case} c @returns {(n: number) => any} */
function compileLoop(c) {
  const zero = c.workload.zero ?? '0';
  return new Function('op', `// ${c.strategy.name} / ${c.workload.key}
    return function loop(n) {
      let acc = ${zero};
      for (let i = 0; i < n; i++) {
        const r = op(i);
        acc += ${c.fold};
      }
      return acc;
    };`)(c.op);
}

/** @type {any[]} */
const sink = [];
/** Nanoseconds per call of one sample of n calls. @param {(n: number) => any} loop @param {number} n */
function sample(loop, n) {
  const t0 = process.hrtime.bigint();
  const acc = loop(n);
  const t1 = process.hrtime.bigint();
  sink.push(acc);
  if (sink.length > 1000) sink.length = 0;
  return Number(t1 - t0) / n;
}

/** The number of calls that takes at least SAMPLE_MS, after a warm-up.
 * @param {(n: number) => any} loop */
function calibrate(loop) {
  let n = 1;
  const deadline = performance.now() + WARMUP_MS;
  for (;;) {
    const ns = sample(loop, n) * n;
    if (ns >= SAMPLE_MS * 1e6 / 4) {
      n = Math.max(1, Math.ceil((n * SAMPLE_MS * 1e6 * 1.2) / ns));
      break;
    }
    n *= 2;
  }
  while (performance.now() < deadline) sample(loop, n);
  // Recalibrate once warm: optimized code is faster than the first samples.
  const ns = sample(loop, n) * n;
  if (ns < SAMPLE_MS * 1e6) n = Math.ceil((n * SAMPLE_MS * 1e6 * 1.2) / ns);
  return n;
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---- the run ----------------------------------------------------------------

const strategies = [rawStrategy(), await wasmbindStrategy(), ...(await emscriptenStrategies()), await embindStrategy(), await handStrategy()];
const workloads = WORKLOADS.filter((w) => !opts.only || w.key.includes(opts.only) || w.label.includes(opts.only));

for (const w of workloads) for (const s of strategies) verify(caseOf(s, w));
console.log(`all ${strategies.length} strategies return the expected results for ${workloads.length} workloads`);
console.log(`node ${process.version}, ${ROUNDS} rounds, samples of >= ${SAMPLE_MS} ms, medians${opts.quick ? ' (--quick: a smoke run, not numbers to quote)' : ''}`);

/** @type {{ c: Case, loop: (n: number) => any, n: number, ns: number[] }[][]} */
const grid = workloads.map((w) => strategies.map((s) => {
  const c = caseOf(s, w);
  const loop = compileLoop(c);
  return { c, loop, n: 0, ns: [] };
}));
for (const row of grid) for (const cell of row) cell.n = calibrate(cell.loop);

for (let round = 0; round < ROUNDS; round++) {
  for (const row of grid) {
    for (let k = 0; k < row.length; k++) {
      const cell = row[(k + round) % row.length];
      cell.ns.push(sample(cell.loop, cell.n));
    }
  }
}

// ---- the report -------------------------------------------------------------

const names = strategies.map((s) => s.name);
const RAW = names.indexOf('raw'), HANDI = names.indexOf('hand'), WB = names.indexOf('wasmbind');
/** @param {number} ns */
const fmtNs = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)}ms` : ns >= 1e4 ? `${(ns / 1e3).toFixed(1)}us` : ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
/** @param {number} x */
const fmtX = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** @param {string} s @param {number} n */
const pad = (s, n) => s.padStart(n);
const W = 28, C = 9;
const medians = grid.map((row) => row.map((cell) => median(cell.ns)));

/** @param {string} title @param {(row: number[]) => string[]} cells */
function table(title, cells) {
  console.log(`\n${title}`);
  console.log(''.padEnd(W) + names.map((n) => pad(n, C)).join(''));
  workloads.forEach((w, i) => console.log(w.label.padEnd(W) + cells(medians[i]).map((s) => pad(s, C)).join('')));
}
table('ns/op (median)', (row) => row.map(fmtNs));
table('ratio to raw (a)', (row) => row.map((ns) => fmtX(ns / row[RAW])));
table('ratio to hand (f)', (row) => row.map((ns) => fmtX(ns / row[HANDI])));

console.log('\nspread (max/min of the samples, %)');
console.log(''.padEnd(W) + names.map((n) => pad(n, C)).join(''));
grid.forEach((row, i) => console.log(workloads[i].label.padEnd(W) + row.map((cell) => pad(`${((Math.max(...cell.ns) / Math.min(...cell.ns) - 1) * 100).toFixed(0)}%`, C)).join('')));

console.log('\nJS size, gzipped (zlib level 9): as it is, and minified by terser');
for (const s of strategies)
  console.log(`  ${s.name.padEnd(9)} ${pad(s.size ? `${s.size} B` : '0', 8)} ${pad(s.minSize ? `${s.minSize} B` : '0', 8)}   ${s.note}`);

// The issue's targets for wasmbind's glue, against this run.
/** @param {string} key */
const row = (key) => medians[workloads.findIndex((w) => w.key === key)];
/** @type {[string, string, (r: number[]) => number, number][]} */
const TARGETS = [
  ['numeric', 'add', (r) => r[WB] / r[RAW], 1.1],
  ['16 B string arg vs hand', 'str16', (r) => r[WB] / r[HANDI], 0.8],
  ['1 KiB string arg vs raw', 'str1k', (r) => r[WB] / r[RAW], 1.5],
  ['64 KiB string arg vs raw', 'str64k', (r) => r[WB] / r[RAW], 1.5],
  ['16 B returned string vs hand', 'ret16', (r) => r[WB] / r[HANDI], 0.8],
  ['struct out-pointer vs hand', 'out', (r) => r[WB] / r[HANDI], 0.6],
  ['zero-copy f64 sum 1e3 vs raw', 'f64z1k', (r) => r[WB] / r[RAW], 1.05],
  ['zero-copy f64 sum 1e6 vs raw', 'f64z1m', (r) => r[WB] / r[RAW], 1.05],
  ['BigInt add vs raw', 'add64', (r) => r[WB] / r[RAW], 1.1],
  ['callback vs raw table call', 'each', (r) => r[WB] / r[RAW], 1.2],
];
console.log('\nissue 6 targets for wasmbind (this run)');
for (const [label, key, f, limit] of TARGETS) {
  if (!workloads.some((w) => w.key === key)) continue;
  const x = f(row(key));
  console.log(`  ${x <= limit ? 'ok  ' : 'MISS'} ${label.padEnd(32)} ${fmtX(x).padStart(6)}x  (target <= ${limit}x)`);
}
// ">= 3x faster than ccall, cwrap (where it marshals) and embind": judged
// where the peer has 3x to lose, i.e. takes >= 3x the raw call. A peer under
// that passes numbers through (cwrap's numeric calls) or spends its time in
// the C code (sums, the callback loop), so no glue can be 3x faster.
const peers = ['ccall', 'cwrap', 'embind'].map((n) => names.indexOf(n)).filter((j) => j >= 0);
/** @type {string[]} */
const misses = [], exempt = [];
let judged = 0;
workloads.forEach((w, i) => {
  for (const j of peers) {
    const pair = `${w.key}/${names[j]}`;
    if (medians[i][j] / medians[i][RAW] < 3) {
      exempt.push(pair);
      continue;
    }
    judged++;
    const x = medians[i][j] / medians[i][WB];
    if (x < 3) misses.push(`${pair} ${fmtX(x)}x`);
  }
});
console.log(`  ${misses.length ? 'MISS' : 'ok  '} >= 3x faster than ccall/cwrap/embind: ${judged - misses.length} of ${judged} pairs` +
  (misses.length ? `; slower in ${misses.join(', ')}` : ''));
console.log(`       not judged (the peer within 3x of raw): ${exempt.join(', ')}`);
const { size: wbSize, minSize: wbMin } = strategies[WB];
console.log(`  ${wbSize <= 2048 ? 'ok  ' : 'MISS'} generated JS <= 2 KB gzipped: ${wbSize} B (minified: ${wbMin} B)`);
