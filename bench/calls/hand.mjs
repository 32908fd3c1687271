// @ts-check
// Careful hand-written glue for bench.h over the standalone bench.wasm: the
// baseline "what a person who knows the library and the JS engine would
// write". Per call it allocates no closures, arrays or arguments lists, and
// uses no apply:
//   - string arguments: TextEncoder.encodeInto into a reusable scratch
//     buffer, malloc'ed once and grown on demand;
//   - returned strings: TextDecoder over a subarray whose length indexOf(0)
//     found, then free();
//   - typed-array views rebuilt only when memory.buffer changes, checked
//     after the calls that can grow memory (malloc, make_str);
//   - structs: fixed scratch blocks, read into a fresh plain object;
//   - the callback: one table slot, installed once, that calls the function
//     of the current call.
// It checks no arguments: it is the lower bound on the glue's cost, not a
// safe binding.

/**
 * A wasm function that calls fn, so that it can sit in a function table:
 * a tiny module importing fn with the signature (i32) -> i32 and exporting it.
 * @param {(i: number) => number} fn
 */
export function tableFunction(fn) {
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type 0: (i32) -> i32
    0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x00, // import "e" "f": func type 0
    0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f" = func 0
  ]);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { e: { f: fn } });
  return instance.exports.f;
}

/**
 * The hand-written bindings over the exports of an instantiated bench.wasm.
 * @param {any} exports
 */
export function createHand(exports) {
  /** @type {WebAssembly.Memory} */
  const memory = exports.memory;
  const _malloc = exports.malloc, _free = exports.free;
  const _add = exports.add, _add64 = exports.add64, _str_sum = exports.str_sum;
  const _make_str = exports.make_str, _sum_f64 = exports.sum_f64, _sum_f64_at = exports.sum_f64_at;
  const _get_point = exports.get_point, _mid = exports.mid, _each = exports.each;

  let buffer = memory.buffer;
  let u8 = new Uint8Array(buffer);
  let f64 = new Float64Array(buffer);
  function refresh() {
    buffer = memory.buffer;
    u8 = new Uint8Array(buffer);
    f64 = new Float64Array(buffer);
  }
  /** malloc, then the views follow a grown memory. @param {number} size */
  function malloc(size) {
    const p = _malloc(size);
    if (p === 0) throw new RangeError(`malloc(${size}) failed`);
    if (memory.buffer !== buffer) refresh();
    return p;
  }

  // The scratch buffer for string and array arguments (8-aligned: malloc's).
  let scratch = 0, scratchSize = 0;
  /** @param {number} size */
  function scratchFor(size) {
    if (size > scratchSize) {
      if (scratch !== 0) _free(scratch);
      scratchSize = Math.max(size, scratchSize * 2, 1024);
      scratch = 0;
      scratch = malloc(scratchSize);
    }
    return scratch;
  }
  // Points: out (16 bytes), and a, b, result of mid (48 bytes).
  const pointOut = malloc(16);
  const midBlock = malloc(48);

  const encoder = new TextEncoder(), decoder = new TextDecoder();

  /** @param {number} a @param {number} b */
  function add(a, b) {
    return _add(a, b);
  }
  /** @param {bigint} a @param {bigint} b @returns {bigint} */
  function add64(a, b) {
    return _add64(a, b);
  }
  /** @param {string} s */
  function str_sum(s) {
    const max = s.length * 3 + 1;
    const p = scratchFor(max);
    const written = /** @type {number} */ (encoder.encodeInto(s, u8.subarray(p, p + max - 1)).written);
    u8[p + written] = 0;
    return _str_sum(p) >>> 0;
  }
  /** @param {number} n */
  function make_str(n) {
    const p = _make_str(n);
    if (p === 0) return null;
    if (memory.buffer !== buffer) refresh();
    const s = decoder.decode(u8.subarray(p, u8.indexOf(0, p)));
    _free(p);
    return s;
  }
  /** @param {Float64Array} xs */
  function sum_f64(xs) {
    const n = xs.length;
    const p = scratchFor(n * 8);
    f64.set(xs, p >> 3);
    return _sum_f64(p, n);
  }
  /** @param {number} xs address of n doubles @param {number} n */
  function sum_f64_at(xs, n) {
    return _sum_f64_at(xs, n);
  }
  function get_point() {
    _get_point(pointOut);
    const i = pointOut >> 3;
    return { x: f64[i], y: f64[i + 1] };
  }
  /** @param {{x: number, y: number}} a @param {{x: number, y: number}} b */
  function mid(a, b) {
    const i = midBlock >> 3;
    f64[i] = a.x;
    f64[i + 1] = a.y;
    f64[i + 2] = b.x;
    f64[i + 3] = b.y;
    _mid(midBlock + 32, midBlock, midBlock + 16);
    return { x: f64[i + 4], y: f64[i + 5] };
  }

  // One table slot for every call of each(): it calls the current callback.
  /** @type {(i: number) => number} */
  let current = () => 0;
  /** @param {number} i */
  function trampoline(i) {
    return current(i) | 0;
  }
  /** @type {WebAssembly.Table} */
  const table = exports.__indirect_function_table;
  const slot = table.grow(1);
  table.set(slot, tableFunction(trampoline));
  /** @param {number} n @param {(i: number) => number} cb */
  function each(n, cb) {
    const previous = current; // each() may run inside a callback
    current = cb;
    try {
      return _each(n, slot);
    } finally {
      current = previous;
    }
  }

  return { add, add64, str_sum, make_str, sum_f64, sum_f64_at, get_point, mid, each, malloc, memory };
}
