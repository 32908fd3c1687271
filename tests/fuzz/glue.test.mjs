// @ts-check
// A property-based fuzzer of the generated glue (issue 13): random and
// hostile JS values (Proxies, subclasses with a lying length, getters that
// throw, re-enter the library or grow the memory, detached buffers, NULs)
// thrown at every function of tests/e2e/mapping.h that takes JS values. After
// each call: canary blocks of C's heap are intact, and the call either
// worked or threw a TypeError or RangeError naming one of its parameters (or
// rethrew what the hostile value itself threw). After the run the heap is
// flat. GLUE_FUZZ_RUNS sets the number of calls (a short run by default),
// GLUE_FUZZ_SECONDS instead runs for that long; GLUE_FUZZ_SEED replays a run
// (fast-check prints the seed of a failure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import load from '../../build/e2e/mapping.js';

/** @type {any} */
const lib = await load();
const RUNS = Number(process.env.GLUE_FUZZ_RUNS ?? 2000);
const SEED = process.env.GLUE_FUZZ_SEED ? Number(process.env.GLUE_FUZZ_SEED) : undefined;
const SECONDS = Number(process.env.GLUE_FUZZ_SECONDS ?? 0); // a long run: calls for this long

/** What a hostile value throws itself, rethrown by the glue as is. */
class Hostile extends Error {}

// Functions left out: those taking raw addresses (the documented escape
// hatch: m_string_at, m_alloc, m_free, m_string_free, m_format's buffer), the ones freeing a
// handle that the header does not declare a destructor for (no rule: the
// bindings cannot know), allocations sized by the caller (m_big_string), the
// ones that print (m_log), the one that traps on purpose (m_trap) and the one
// calling a callback C was not to keep (m_call_remembered: a named Error).
const RAW = new Set(['m_string_at', 'm_alloc', 'm_free', 'm_string_free', 'm_counter_free', 'm_other_free',
  'm_counter_new', 'm_other_new', 'm_big_string', 'm_log', 'm_trap', 'm_format', 'm_call_remembered',
  'alloc']); // (lib.alloc: memory the caller keeps, freed by the collector)
const targets = Object.entries(lib)
  .filter(([name, fn]) => typeof fn === 'function' && !RAW.has(name) && !/^[A-Z]/.test(name) && !fn.toString().startsWith('class'))
  .map(([name, fn]) => ({ name, fn, params: paramsOf(fn) }));

/** The parameter names of a wrapper, from its source. @param {Function} fn */
function paramsOf(fn) {
  const m = /^function [\w$]+\(([^)]*)\)/.exec(fn.toString());
  // (a default value, `Type = Uint8Array`, is not part of the name)
  return m ? m[1].split(',').map((p) => p.split('=')[0].trim().replace(/_+$/, '')).filter(Boolean) : [];
}

// Values of the library's own types, made before the heap's baseline.
const counter = lib.m_counter_new(1);
const other = lib.m_other_new();
const item = lib.m_item();

/** value, described by `label` when fast-check reports a failing case (it
 * must not run the value's own traps or read a detached buffer).
 * @template T @param {T} v @param {string} label @returns {T} */
function named(v, label) {
  Object.defineProperty(v, fc.toStringMethod, { value: () => label });
  return v;
}
/** A Proxy of target: symbols (the description) pass, the rest to get.
 * @param {object} target @param {(t: any, k: string) => unknown} get */
function proxy(target, get) {
  return new Proxy(target, { get: (t, k) => (typeof k === 'symbol' ? Reflect.get(t, k) : get(t, k)) });
}

/** Hostile arrays: Proxies whose length changes, typed array subclasses
 * that lie, getters that throw or call back into the library. */
const hostileArray = fc.oneof(
  fc.constant(proxy(named([1, 2, 3], 'Proxy: changing length'), (t, k) => (k === 'length' ? Math.floor(Math.random() * 1e6) : Reflect.get(t, k)))),
  fc.constant(named(new (class extends Float64Array { get length() { return 1 << 24; } })(3), 'Float64Array lying length')),
  fc.constant(named(new (class extends Uint8Array { get length() { return 1 << 20; } get byteLength() { return 1 << 20; } })(4), 'Uint8Array lying length')),
  fc.constant(proxy(named([1, 2], 'Proxy: throwing element'), (t, k) => { if (k === '1') throw new Hostile('element getter'); return Reflect.get(t, k); })),
  fc.constant(proxy(named([1, 2], 'Proxy: re-entering element'), (t, k) => { if (k === '0') lib.m_mean([1, 2, 3]); return Reflect.get(t, k); })),
  fc.constant(proxy(named([1, 2], 'Proxy: memory-growing element'), (t, k) => { if (k === '0') lib.exports.free(lib.exports.malloc(1 << 20)); return Reflect.get(t, k); })),
  fc.constant(named(new DataView(new ArrayBuffer(8)), 'DataView')),
  fc.constant((() => { const u = named(new Uint8Array(8), 'detached Uint8Array'); structuredClone(u.buffer, { transfer: [u.buffer] }); return u; })()),
);

/** An object whose getters are hostile. */
const hostileObject = fc.oneof(
  fc.constant(named({ get x() { throw new Hostile('field getter'); }, y: 1 }, 'throwing getter')),
  fc.constant(named({ get x() { lib.exports.free(lib.exports.malloc(1 << 20)); return 1; }, y: 2, v: 3, value: 4 }, 'memory-growing getter')),
  fc.constant(proxy(named({}, 'Proxy: throwing get'), () => { throw new Hostile('proxy get'); })),
  fc.constant(named({ valueOf() { throw new Hostile('valueOf'); }, toString() { throw new Hostile('toString'); } }, 'throwing valueOf')),
);

/** A callback: returns anything, throws, or re-enters the library. */
const hostileFunction = fc.oneof(
  fc.constant(() => 1),
  fc.constant(() => { throw new Hostile('callback'); }),
  fc.constant(() => 'not a number'),
  fc.constant(() => 2n ** 70n),
  fc.constant(() => lib.m_mean([1, 2])),
  fc.constant(() => lib.m_strlen('re-entered')),
);

const value = fc.oneof(
  fc.integer(), fc.double(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.string(), fc.string().map((s) => `${s}\0${s}`), fc.fullUnicodeString({ maxLength: 80 }),
  fc.array(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), { maxLength: 40 }),
  fc.array(fc.record({ x: fc.integer(), y: fc.integer() }), { maxLength: 8 }),
  fc.float64Array({ maxLength: 40 }), fc.int32Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }),
  fc.record({ x: fc.integer(), y: fc.integer(), ptr: fc.integer(), value: fc.double() }),
  fc.constant(Symbol('s')), fc.constant(counter), fc.constant(other), fc.constant(item),
  hostileArray, hostileObject, hostileFunction,
);

/** Canary blocks among C's allocations, each filled with its own pattern. */
const canaries = [16, 40, 256, 4096, 70000].map((size, i) => {
  const p = lib.exports.malloc(size);
  new Uint8Array(lib.memory.buffer, p, size).fill(0xa0 + i);
  return { p, size, byte: 0xa0 + i };
});
function canariesIntact() {
  for (const c of canaries) {
    const bytes = new Uint8Array(lib.memory.buffer, c.p, c.size);
    const k = bytes.findIndex((b) => b !== c.byte);
    if (k >= 0) return `canary of ${c.size} bytes at ${c.p} overwritten at +${k}`;
  }
  return null;
}

/** Where malloc puts a 1 MiB block: the top of the heap's free space. */
function heapTop() {
  const p = lib.exports.malloc(1 << 20);
  lib.exports.free(p);
  return p;
}

/** Is e what a bad argument of fn should throw, or the hostile value's own,
 * or C's own trap on a value it does not take (NULL, a negative count: C's
 * contract, which the glue cannot know)? After a trap the stack pointer
 * must be back (checked by the caller). */
function acceptable(e, params) {
  if (e instanceof Hostile || e instanceof WebAssembly.RuntimeError) return true;
  if (!(e instanceof TypeError || e instanceof RangeError)) return false;
  // xs[2], p.x, cb (return value), fmt argument 1 (a printf-like function's variadic ones)
  const m = /^([\w$]+)(?:\[\d+\]|\.[\w$]+)*(?: \(return value\)| argument \d+)?: /.exec(e.message);
  return m !== null && (params.includes(m[1]) || params.includes(m[1].replace(/_+$/, '')));
}

test('hostile values: canaries intact, errors name a parameter, the heap flat', { timeout: Math.max(600_000, SECONDS * 2000) }, () => {
  assert.ok(targets.length > 30, `${targets.length} functions fuzzed`);
  lib.m_mean([1]); // warm the temporaries before the baseline
  const top = heapTop();
  const sp = lib.exports.stackSave();
  let calls = 0, threw = 0, trapped = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: targets.length - 1 }), fc.array(value, { maxLength: 6 }), (t, args) => {
      const { name, fn, params } = targets[t];
      calls++;
      try {
        fn(...args);
      } catch (e) {
        threw++;
        trapped += e instanceof WebAssembly.RuntimeError ? 1 : 0;
        if (!acceptable(e, params)) throw new Error(`${name}(${params}) threw ${e?.constructor?.name}: ${e?.message}`);
      }
      if (lib.exports.stackSave() !== sp) throw new Error(`${name}: the stack pointer moved`);
      const damage = canariesIntact();
      if (damage) throw new Error(`${name}: ${damage}`);
    }),
    SECONDS > 0
      ? { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false, seed: SEED }
      : { numRuns: RUNS, seed: SEED },
  );
  assert.equal(heapTop(), top, `the heap grew over ${calls} calls`);
  console.log(`glue fuzz: ${calls} calls over ${targets.length} functions, ${threw} refused (${trapped} trapped in C), canaries intact, stack and heap flat`);
});
