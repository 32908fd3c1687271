// Buffers in struct fields (tests/rules/lib/digest.rules: `type T(f): len L`):
// a plain object of typed arrays, strings and bytes goes in, each length is
// filled in by the binding, and what C wrote comes back; a view's buffer
// fields are copies going out and arrays of linear memory going in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import load from '../../build/rules/digest.js';

const lib = await load();
const enc = new TextEncoder();

/** The sum dg_mix computes, in JS. */
function sumOf({ key, label, data, weights }) {
  const bytes = (/** @type {any} */ b) => (b ? [...new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength)] : []);
  let sum = 0;
  for (const b of key ?? []) sum += b;
  for (const b of typeof label === 'string' ? enc.encode(label) : label ?? []) sum += b;
  for (const b of bytes(data)) sum += b;
  for (const w of weights ?? []) sum += Math.trunc(w);
  return sum;
}

function params(overrides = {}) {
  return {
    out: new Uint8Array(8),
    key: new Uint8Array([1, 2, 3]),
    label: 'héllo\0wörld',
    data: new Uint16Array([0x0102, 0x0304]),
    weights: [1.5, 2.5, 300],
    flags: 0,
    ...overrides,
  };
}

/** Where malloc puts a 1 MiB block, freed at once: higher after a leak. */
function heapTop() {
  const p = lib.exports.malloc(1 << 20);
  lib.exports.free(p);
  return p;
}

test('a plain object of buffers goes in with its lengths, and C writes into the array given', () => {
  const p = params();
  const out = p.out;
  const sum = lib.dg_mix(p);
  assert.equal(sum, sumOf(p));
  assert.equal(p.out, out, 'the same Uint8Array, filled in place');
  assert.deepEqual([...out], Array.from({ length: 8 }, (_, i) => (sum + i) & 255));
  assert.deepEqual([0, 1, 2, 3].map((i) => lib.dg_last_lengths(i)), [3, enc.encode(p.label).length, 4, 3]);
  assert.equal(lib.dg_last_nulls(), 0);
  assert.ok(!('outlen' in p) && !('keylen' in p), 'lengths are the binding\'s, not in the object');
});

test('null buffers are NULL with a length of 0', () => {
  const p = params({ key: null, label: null, data: null, weights: null });
  assert.equal(lib.dg_mix(p), 0);
  assert.equal(lib.dg_last_nulls(), 0b1111);
  assert.deepEqual([0, 1, 2, 3].map((i) => lib.dg_last_lengths(i)), [0, 0, 0, 0]);
  assert.equal(lib.dg_mix(params({ out: null })), -1);
  assert.equal(lib.dg_last_nulls() & 0b10000, 0b10000);
});

test('what C changes in a buffer comes back into the array given', () => {
  const key = new Uint8Array([9, 8, 7]);
  lib.dg_mix(params({ key, flags: lib.DG_CLEAR_KEY }));
  assert.deepEqual([...key], [0, 0, 0], 'C cleared the key');
  const plain = [5, 6];
  const p = params({ key: plain, flags: lib.DG_CLEAR_KEY });
  lib.dg_mix(p);
  assert.equal(p.key, plain, 'an array of numbers stays, with C\'s values');
  assert.deepEqual(plain, [0, 0]);
});

test('what C wrote into a buffer reaches the array given, even when C then changes its length', () => {
  const key = new Uint8Array([9, 8, 7]);
  const p = params({ key, flags: lib.DG_WIPE_KEY });
  lib.dg_mix(p);
  assert.deepEqual([...key], [0, 0, 0], 'C wiped the key it was given');
  assert.equal(p.key.length, 0, 'the field is what C left: keylen 0');
  const wrapped = new Uint8Array(new ArrayBuffer(8), 2, 3);
  wrapped.set([1, 2, 3]);
  lib.dg_mix(params({ key: wrapped, flags: lib.DG_WIPE_KEY }));
  assert.deepEqual([...wrapped], [0, 0, 0]);
});

test('a const struct pointer reads the buffers and gives nothing back', () => {
  const p = params();
  assert.equal(lib.dg_sum(p), sumOf(p));
  assert.deepEqual(Object.keys(p), Object.keys(params()));
  assert.equal(typeof p.label, 'string');
});

test('bytes take any ArrayBuffer or view; text takes a string or bytes', () => {
  const data = new ArrayBuffer(3);
  new Uint8Array(data).set([10, 20, 30]);
  assert.equal(lib.dg_sum(params({ data, label: null, key: null, weights: null })), 60);
  const dv = new DataView(new Uint8Array([0, 7, 7, 0]).buffer, 1, 2);
  assert.equal(lib.dg_sum(params({ data: dv, label: null, key: null, weights: null })), 14);
  assert.equal(lib.dg_sum(params({ label: new Uint8Array([200, 0, 1]), key: null, data: null, weights: null })), 201);
});

test('a struct C advances through its buffer reads back what is left (z_stream)', () => {
  const s = { next_in: new Uint8Array([1, 2, 3, 4, 5]), total: 0 };
  assert.equal(lib.dg_consume(s, 2), 2);
  assert.equal(s.total, 3);
  assert.deepEqual([...s.next_in], [3, 4, 5], 'next_in now starts where C stopped');
  assert.equal(lib.dg_consume(s, 10), 3);
  assert.equal(s.total, 15);
  assert.deepEqual([...s.next_in], []);
});

test('bad buffers are errors naming the field, and leak nothing', () => {
  const top = heapTop();
  assert.throws(() => lib.dg_mix(params({ key: 'abc' })), { name: 'TypeError', message: /^p\.key: / });
  assert.throws(() => lib.dg_mix(params({ data: [1, 2] })), { name: 'TypeError', message: /^p\.data: / });
  assert.throws(() => lib.dg_mix(params({ weights: ['x'] })), { name: 'TypeError', message: /^p\.weights\[0\]/ });
  assert.throws(() => lib.dg_mix(params({ weights: new Float64Array(70000) })),
    { name: 'RangeError', message: /^p\.weights\.length: 70000 / });
  assert.throws(() => lib.dg_mix(params({ out: undefined })), { name: 'TypeError', message: /^p\.out: / });
  for (let i = 0; i < 2000; i++) lib.dg_mix(params({ data: new Uint8Array(4096) }));
  assert.equal(heapTop(), top);
});

test('a getter that grows the memory while the buffers are copied', () => {
  const big = new Uint8Array(3 * lib.memory.buffer.byteLength).fill(1);
  const p = params({ key: null, label: null, weights: null });
  Object.defineProperty(p, 'data', { get: () => big, enumerable: true });
  assert.equal(lib.dg_mix(p), big.length);
  assert.deepEqual([...p.out.slice(0, 2)], [big.length & 255, (big.length + 1) & 255]);
});

test('a function that frees its struct argument takes only a view of memory the library gave out', () => {
  const top = heapTop();
  const plain = { out: null, key: null, label: null, data: null, weights: null, flags: 0 };
  assert.throws(() => lib.dg_params_free_with(0, plain), { name: 'TypeError', message: /^p: expected a dg_params view of memory the library gave out/ });
  assert.throws(() => lib.dg_take(plain), { name: 'TypeError', message: /^p: expected a dg_params view/ });
  lib.dg_params_free_with(0, lib.dg_params_new());
  lib.dg_take(lib.dg_params_new());
  assert.equal(heapTop(), top);
});

test("a callback's NULL-terminated array ('terminated') and chars with a length: strings, or bytes", () => {
  const seen = [];
  lib.dg_split('one two  thrée', (words, text) => seen.push(words, text));
  assert.deepEqual(seen, [['one', 'two', 'thrée'], 'one two  thrée']);
  lib.dg_split('', (words, text) => seen.push(words, text));
  assert.deepEqual(seen.slice(2), [[], '']);
  lib.dg_split_bytes('hé', (words, text) => seen.push(text));
  assert.deepEqual(seen[4], new Uint8Array([0x68, 0xc3, 0xa9]));
});

test("variadic functions without a format: 'varargs' typed by the JS values, or by the rules", () => {
  assert.equal(lib.dg_vsum('idjsp', 7, 0.5, 1n << 40n, 'héllo', null), 7 + 0.5 + 2 ** 40 + 6 + 1);
  assert.equal(lib.dg_vsum('ui', 3000000000, true), 3000000001);
  assert.equal(lib.dg_vsum(''), 0);
  assert.throws(() => lib.dg_vsum('i', {}), { name: 'TypeError', message: /^dg_vsum argument 1: expected a number, bigint, string, boolean or null/ });
  assert.equal(lib.dg_vsum3(0, 2, 1.25, 'abc'), 6.25);
  assert.throws(() => lib.dg_vsum3(0, 2, 1.25), { name: 'TypeError', message: /^dg_vsum3: takes 3 variadic arguments, got 2/ });
  assert.throws(() => lib.dg_vsum3(0, 2.5, 1, 'x'), { name: 'RangeError', message: /^dg_vsum3 argument 1/ });
  assert.throws(() => lib.dg_vsum3(0, 2, 1, null), { name: 'TypeError', message: /^dg_vsum3 argument 3: expected a string/ });
});

test('lib.alloc: memory C keeps using across calls, a typed array that survives growth, freed by free() or using', () => {
  const top = heapTop();
  const a = lib.alloc(4);
  assert.equal(a.length, 4);
  assert.deepEqual([...a.array], [0, 0, 0, 0], 'zeroed');
  const v = lib.dg_saved();
  v.out = a.array; // C keeps pointing at it
  v.key = null;
  v.label = null;
  v.data = null;
  v.weights = null;
  // the memory grows between the calls: the allocation's array follows
  const big = lib.alloc(3 * lib.memory.buffer.byteLength);
  assert.equal(a.array.length, 4);
  assert.equal(lib.dg_mix_saved(), 0);
  assert.deepEqual([...a.array], [0, 1, 2, 3], 'C wrote where JS reads');
  assert.equal(a.array.buffer, lib.memory.buffer);
  big.free();
  const f = lib.alloc(3, Float64Array);
  f.array.set([1.5, 2.5, 3.25]);
  assert.equal(lib.dg_vsum('ddd', ...f.array), 7.25);
  assert.equal(f.array.byteOffset % 8, 0, 'aligned for its type');
  f[Symbol.dispose]();
  assert.throws(() => f.array, { name: 'TypeError', message: /freed/ });
  f.free(); // once
  v.out = null;
  a.free();
  assert.throws(() => lib.alloc(-1), RangeError);
  assert.throws(() => lib.alloc(2 ** 31), RangeError);
  assert.throws(() => lib.alloc(1, Array), TypeError);
  assert.throws(() => new (/** @type {any} */ (a.constructor))(8, 8, Uint8Array), TypeError, 'no allocation is forged');
  assert.equal(heapTop(), top);
});

test('a callback that returns a string: C reads it until the callback is called again, nothing leaks', () => {
  const top = heapTop();
  assert.equal(lib.dg_join(3, (i) => ['α', 'beta', ''][i], 64), 'α,beta,');
  assert.equal(lib.dg_join(2, (i) => (i ? null : 'x'), 64), 'x,?', 'null is NULL');
  assert.throws(() => lib.dg_join(1, () => 42, 64), { name: 'TypeError', message: /^name_of \(return value\): expected a string/ });
  assert.throws(() => lib.dg_join(1, () => 'a\0b', 64), { name: 'TypeError', message: /^name_of \(return value\)/ });
  for (let i = 0; i < 1000; i++) lib.dg_join(2, (k) => `name ${k}`, 64);
  lib.dg_set_namer((i) => 'x'.repeat(i));
  assert.equal(lib.dg_name_len(5), 5);
  assert.equal(lib.dg_name_len(300), 300);
  lib.dg_set_namer(null);
  assert.equal(lib.dg_name_len(1), -1);
  assert.equal(heapTop(), top);
});

test('a view C freed (consumed) and the views of its parts are refused afterwards', () => {
  const box = lib.dg_box_new();
  const inner = box.params;
  inner.flags = 3;
  assert.equal(box.params.flags, 3);
  lib.dg_box_free(box);
  assert.throws(() => box.extra, { name: 'TypeError', message: /this dg_box was freed/ });
  assert.throws(() => { inner.flags = 1; }, { name: 'TypeError', message: /this dg_params was freed/ });
  assert.throws(() => lib.dg_box_free(box), { name: 'TypeError', message: /^box: this dg_box was freed/ });
  assert.throws(() => lib.dg_take(inner), { name: 'TypeError', message: /^p: this dg_params was freed/ });
  assert.throws(() => lib.dg_sum(inner), TypeError, 'nor read by C');
  assert.equal(box.ptr, 0);
});

test('a callback in a struct field: a JS function for the call, its errors rethrown, its slot released', () => {
  const src = { next: (ud, i) => i * 2, ud: null, count: 4 };
  assert.equal(lib.dg_drain(src), 12);
  assert.equal(typeof src.next, 'function', 'the object keeps its function');
  assert.equal(lib.dg_drain_value({ ...src, count: 3 }), 6, 'by value too');
  assert.throws(() => lib.dg_drain({ ...src, next: () => { throw new RangeError('no more'); } }),
    { name: 'RangeError', message: 'no more' });
  assert.throws(() => lib.dg_drain({ ...src, next: 'x' }), { name: 'TypeError', message: /^src\.next: / });
  assert.equal(lib.dg_drain({ ...src, next: null, count: 0 }), 0);
  const table = lib.exports.__indirect_function_table;
  const before = table.length;
  for (let i = 0; i < 100; i++) lib.dg_drain(src);
  assert.ok(table.length - before <= 100, 'a slot a call (released slots are never reused)');
  const stale = table.get(table.length - 1);
  assert.throws(() => stale(0, 0), /after the call/, 'C calling it after the call: an error naming it');
});

test('a callback that returns a struct: written where C reads it, checked, zero when it throws', () => {
  assert.equal(lib.dg_span_total(3, (i) => ({ start: i, end: i * 3, weight: 0.5 })), (0 + 2 + 4) * 0.5);
  assert.throws(() => lib.dg_span_total(1, () => ({ start: 1, end: 'x', weight: 1 })),
    { name: 'TypeError', message: /^span_of \(return value\)\.end: / });
  assert.throws(() => lib.dg_span_total(2, (i) => { if (i) throw new RangeError('no span'); return { start: 0, end: 1, weight: 1 }; }),
    { name: 'RangeError', message: 'no span' });
  assert.equal(lib.dg_span_total(1, () => undefined), 0, 'nothing returned: zeros');
});

test('a view\'s buffer fields: copies going out, arrays of linear memory going in', () => {
  const v = lib.dg_saved();
  const out = lib.dg_scratch(4);
  const key = lib.dg_scratch(2);
  key.set([40, 2]);
  v.out = out;
  v.key = key;
  assert.equal(v.outlen, 4);
  assert.equal(v.keylen, 2);
  assert.equal(lib.dg_mix_saved(), 42);
  assert.deepEqual([...v.out], [42, 43, 44, 45]);
  assert.notEqual(v.out.buffer, lib.memory.buffer, 'the getter copies');
  assert.throws(() => { v.key = new Uint8Array(2); }, { name: 'TypeError', message: /^key: expected a Uint8Array over the library's memory/ });
  assert.throws(() => { v.keylen = 100; }, TypeError, 'a length is read-only: it is set with its buffer');
  assert.equal(v.keylen, 2);
  v.key = null;
  assert.equal(v.keylen, 0);
  assert.equal(v.key, null);
  assert.deepEqual(Object.keys(v.toObject()), ['out', 'key', 'label', 'data', 'weights', 'flags']);
});
