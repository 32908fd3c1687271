// counter.h has no annotations: tests/rules/lib/counter.rules makes its
// handles classes with a destructor, its negative results errors, its kept
// callback a closure and its byte parameters and results typed arrays.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import load, { CounterError } from '../../build/rules/counter.js';

const lib = await load();

// Node 20 has no `using` declaration: handles a test creates are disposed
// after it (the `using` test below runs TypeScript's own lowering of it).
const tracked = [];
const track = (h) => (tracked.push(h), h);
afterEach(() => {
  for (const h of tracked.splice(0)) h[Symbol.dispose]();
});
const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

test('a constructor with an out-parameter returns an owned handle', () => {
  const before = lib.counter_live();
  const c = lib.counter_new(5);
  assert.ok(c instanceof lib.Counter);
  assert.equal(c.value(), 5);
  assert.equal(lib.counter_live(), before + 1);
  assert.equal(c.add(2), 7);
  assert.equal(lib.counter_add(c, 1), 8);
  c.free();
  assert.equal(lib.counter_live(), before);
});

test('a failing constructor throws the library error; nothing is left alive', () => {
  const before = lib.counter_live();
  assert.throws(() => lib.counter_new(-1), (e) => {
    assert.ok(e instanceof CounterError);
    assert.ok(e instanceof lib.CounterError);
    assert.equal(e.code, lib.COUNTER_ERANGE);
    assert.equal(e.function, 'counter_new');
    return true;
  });
  assert.equal(lib.counter_live(), before);
  assert.equal(lib.counter_bad_frees(), 0);
});

test('error if negative: the message comes from the handle parameter', () => {
  const c = track(lib.counter_new(1));
  assert.throws(() => c.add(-5), (e) => {
    assert.ok(e instanceof CounterError);
    assert.equal(e.code, lib.COUNTER_ENEGATIVE);
    assert.equal(e.function, 'counter_add');
    assert.match(e.message, /counter would go negative/);
    return true;
  });
  assert.equal(c.value(), 1);
  assert.equal(c.add(0), 0 + 1, 'a zero or positive result is returned');
});

test('error on a CounterView: the message comes from its parent counter', () => {
  const c = track(lib.counter_new(4));
  const v = c.view();
  assert.ok(v instanceof lib.CounterView);
  assert.equal(v.reset(9), 0);
  assert.equal(c.value(), 9);
  assert.equal(v.peek(), 9);
  assert.throws(() => v.reset(-3), (e) => {
    assert.ok(e instanceof CounterError);
    assert.equal(e.code, lib.COUNTER_ERANGE);
    assert.equal(e.function, 'counter_view_reset');
    assert.match(e.message, /reset to a negative value/);
    return true;
  });
});

test('destroy by the method: later calls throw TypeError, never a second free', () => {
  const before = lib.counter_live();
  const c = lib.counter_new(1);
  c.free();
  assert.equal(lib.counter_live(), before);
  assert.equal(c.ptr, 0);
  assert.throws(() => c.add(1), TypeError);
  assert.throws(() => c.free(), TypeError);
  assert.throws(() => lib.counter_free(c), /destroyed/);
  c[Symbol.dispose](); // ignored: already destroyed
  assert.equal(lib.counter_live(), before);
  assert.equal(lib.counter_bad_frees(), 0);
});

test('destroy by Symbol.dispose, once', () => {
  const before = lib.counter_live();
  const c = lib.counter_new(3);
  assert.equal(lib.counter_live(), before + 1);
  c[Symbol.dispose]();
  assert.equal(lib.counter_live(), before);
  assert.throws(() => c.value(), TypeError);
  c[Symbol.dispose]();
  assert.throws(() => c.free(), TypeError);
  assert.equal(lib.counter_live(), before);
  assert.equal(lib.counter_bad_frees(), 0);
});

test('destroy by a using declaration (TypeScript lowers it to Symbol.dispose)', async () => {
  const ts = (await import(root + 'node_modules/typescript/lib/typescript.js')).default;
  const source = `
    import load from ${JSON.stringify(root + 'build/rules/counter.js')};
    const lib = await load();
    const before = lib.counter_live();
    let kept;
    {
      using c = lib.counter_new(3);
      kept = c;
      if (lib.counter_live() !== before + 1) throw new Error('not created');
    }
    export const result = { before, after: lib.counter_live(), ptr: kept.ptr, bad: lib.counter_bad_frees() };
    try {
      using d = lib.counter_new(1);
      d.add(-5);
    } catch (e) {
      result.error = e.function;
    }
    result.afterThrow = lib.counter_live();
  `;
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const dir = root + 'build/rules/';
  mkdirSync(dir, { recursive: true });
  writeFileSync(dir + 'using.mjs', js);
  const { result } = await import(dir + 'using.mjs');
  assert.equal(result.after, result.before);
  assert.equal(result.ptr, 0);
  assert.equal(result.bad, 0);
  assert.equal(result.error, 'counter_add');
  assert.equal(result.afterThrow, result.before, 'disposed when the block threw');
});

test('a pointer C returns again is the same object (a type with a destructor)', () => {
  const c = track(lib.counter_new(2));
  const v = c.view();
  // CounterView has no destructor: a new object each time, the same pointer.
  assert.equal(c.view().ptr, v.ptr);
  assert.equal(lib.counter_view(c).ptr, v.ptr);
  assert.equal(v.owner(), c);
  assert.equal(c.view().owner(), c);
  assert.equal(lib.counter_view_owner(v), c);
});

test('a handle of another type, a look-alike or a plain value is refused', () => {
  const c = track(lib.counter_new(2));
  const v = c.view();
  assert.throws(() => lib.counter_add(v, 1), TypeError);
  assert.throws(() => lib.counter_view_peek(c), TypeError);
  assert.throws(() => lib.counter_add({ ptr: c.ptr }, 1), TypeError);
  assert.throws(() => lib.counter_add(c.ptr, 1), TypeError);
  assert.throws(() => lib.counter_add(null, 1), TypeError);
  assert.equal(c.value(), 2);
});

test('the garbage collector frees dropped handles, once (node --expose-gc)', () => {
  const run = spawnSync(process.execPath, ['--expose-gc', here + 'gc-child.mjs'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  assert.equal(r.created, 50);
  assert.equal(r.afterCollect, 0, 'every dropped counter was freed');
  assert.equal(r.final, 0);
  assert.equal(r.badFrees, 0, 'no pointer was freed twice');
  assert.equal(r.releases, 5, 'C released the 5 kept callbacks when it freed their counters');
  assert.equal(r.released, 5, 'the JS release functions ran');
});

test('a kept callback runs during later calls', () => {
  const c = track(lib.counter_new(0));
  const seen = [];
  const released = [];
  c.on_change((value) => seen.push(value), () => released.push('first'));
  c.add(1);
  c.add(2);
  c.add_ex(1);
  assert.deepEqual(seen, [1, 3, 6]);
  assert.deepEqual(released, []);
  c.on_change((value) => seen.push(-value), null); // replaces: C releases the first
  assert.deepEqual(released, ['first']);
  c.add(1);
  assert.deepEqual(seen, [1, 3, 6, -7]);
});

test('an exception in a kept callback is rethrown by the call that ran it', () => {
  const c = track(lib.counter_new(0));
  const boom = new Error('boom');
  c.on_change((value) => { if (value === 2) throw boom; }, null);
  c.add(1);
  assert.throws(() => c.add(1), (e) => e === boom);
  assert.equal(c.value(), 2, 'C finished its call');
  assert.equal(c.add(1), 3, 'the next call is not affected');
});

test('kept callbacks are dropped when C releases them; their slots stay stale', () => {
  const table = lib.exports.__indirect_function_table;
  assert.ok(table instanceof WebAssembly.Table);
  const before = lib.counter_releases();
  const c = lib.counter_new(0);
  let calls = 0, releases = 0;
  c.on_change(() => calls++, () => releases++);
  const length = table.length;
  for (let i = 0; i < 1000; i++) {
    c.on_change(() => calls++, () => releases++);
    c.add(1);
  }
  // one entry per callback and its release function, never reused
  assert.equal(table.length, length + 2000);
  assert.equal(calls, 1000);
  assert.equal(releases, 1000);
  c.free(); // releases the last one
  assert.equal(releases, 1001);
  assert.equal(lib.counter_releases() - before, 1001);
});

test('C calling a released callback raises "called after release", even once the slot could be reused', () => {
  const table = lib.exports.__indirect_function_table;
  const c = track(lib.counter_new(0));
  const seen = [];
  c.on_change((v) => seen.push(['first', v]), null);
  // the callback's slot: the trampolines are added at the table's end
  const stale = [...Array(table.length).keys()].slice(-2);
  c.on_change((v) => seen.push(['second', v]), null); // C releases the first
  c.on_change((v) => seen.push(['third', v]), null); // same signature again
  for (const slot of stale) {
    const f = table.get(slot);
    assert.throws(() => f(0, 42), { message: /C called '(cb' of counter_on_change after it was released: it was kept until C called 'release'|release' of counter_on_change after it was released: C calls it once)/ });
  }
  c.add(1);
  assert.deepEqual(seen, [['third', 1]], 'only the current callback ran');
});

test('an error a callback throws while [Symbol.dispose] destroys is thrown by it, once', () => {
  const c = lib.counter_new(0);
  const boom = new Error('release failed');
  c.on_change(() => {}, () => { throw boom; });
  assert.throws(() => c[Symbol.dispose](), (e) => e === boom);
  assert.equal(c.ptr, 0, 'destroyed all the same');
  const d = track(lib.counter_new(0));
  assert.equal(d.add(1), 1, 'the next call does not see it');
});

test('an error thrown while the collector destroys a handle is reported, not lost', () => {
  // Node has no reportError: the error reaches the uncaught-exception path.
  const script = `
    import load from ${JSON.stringify(root + 'build/rules/counter.js')};
    const lib = await load();
    const seen = [];
    process.on('uncaughtException', (e) => seen.push(e.message));
    (() => {
      const c = lib.counter_new(0);
      c.on_change(() => {}, () => { throw new Error('release failed in GC'); });
    })();
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(JSON.stringify(seen));
  `;
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ['release failed in GC']);
});

test('omit and pass N: C gets NULL and the constant', () => {
  const c = track(lib.counter_new(0));
  assert.equal(c.add_ex.length, 1);
  assert.equal(c.add_ex(2), 6);
  assert.equal(lib.counter_add_ex(c, 1), 9);
  assert.equal(c.last_note_was_null(), 1);
  assert.throws(() => c.add_ex(-10), CounterError);
});

test('bytes in: Uint8Array, ArrayBuffer and other views, with their length', () => {
  const c = track(lib.counter_new(0));
  assert.equal(c.add_bytes(new Uint8Array([1, 2, 3])), 6);
  assert.equal(c.add_bytes(new Uint8Array([10, 0, 20]).buffer), 36);
  assert.equal(c.add_bytes(new Uint16Array([0x0101])), 38);
  assert.equal(c.add_bytes(new Uint8Array(0)), 38);
  assert.equal(c.add_bytes(new DataView(new Uint8Array([255, 1]).buffer, 1)), 39);
});

test("rules 'output': buffers the binding allocates, C fills and the call returns", () => {
  const enc = lib.counter_encode(new Uint8Array([1, 2, 3]), 8);
  assert.ok(enc instanceof Uint8Array);
  assert.deepEqual([...enc], [1 ^ 0x5a, 2 ^ 0x5a, 3 ^ 0x5a]);
  assert.throws(() => lib.counter_encode(new Uint8Array(4), 2), CounterError); // cap too small
  assert.throws(() => lib.counter_encode(new Uint8Array(1), -1), { name: 'RangeError', message: /^cap: / });
  assert.deepEqual([...lib.counter_fill(4)], [0, 3, 6, 9]);
  assert.equal(lib.counter_fill(0).length, 0);
  const c = track(lib.counter_new(42));
  assert.equal(c.describe(64), 'counter at 42');
  assert.equal(c.describe(6), 'count'); // snprintf's would-be length is clamped, its NUL ends it
  const drained = c.drain(8);
  assert.equal(drained.return, 0);
  assert.ok(drained.out instanceof Int32Array);
  assert.deepEqual([...drained.out], [42, 43, 44]);
  assert.deepEqual([...c.drain(2).out], [42, 43]);
  // an in-out length: the capacity in, the length out (zlib's compress)
  const packed = lib.counter_pack(16, new Uint8Array([7, 8, 9]));
  assert.deepEqual([...packed], [7, 8, 9]);
  assert.throws(() => lib.counter_pack(2, new Uint8Array(3)), (e) => e instanceof CounterError && e.code === -5);
  assert.throws(() => lib.counter_pack('16', new Uint8Array(3)), { name: 'TypeError', message: /^dest_len: / });
  // a size function gives the capacity, which C gets in dst_cap (LZ4's compress)
  assert.deepEqual([...lib.counter_wrap(new Uint8Array([5, 6]))], [2, 5, 6, 255]);
  assert.deepEqual([...lib.counter_wrap(new Uint8Array(0))], [0, 255]);
  assert.equal(lib.counter_wrap.length, 1); // dst and dst_cap are the binding's
});

test('an in-place buffer: copied back, or written where it is when it views linear memory', () => {
  const copied = new Uint8Array([1, 2, 3]);
  lib.counter_double(copied);
  assert.deepEqual([...copied], [2, 4, 6]);
  const plain = [5, 6];
  lib.counter_double(plain);
  assert.deepEqual(plain, [10, 12]);
  const c = track(lib.counter_new(3));
  const view = c.bytes_view(); // the counter's own bytes, in linear memory
  assert.equal(view.buffer, lib.memory.buffer);
  lib.counter_double(view);
  assert.deepEqual([...view.subarray(0, 4)], [6, 0, 0, 0]);
  assert.equal(lib.counter_last_doubled(), view.byteOffset, 'C got the view itself, not a copy');
  lib.counter_double(copied);
  assert.notEqual(lib.counter_last_doubled(), view.byteOffset);
});

test("rules 'error if F' and 'message F' of the code", () => {
  assert.equal(lib.counter_check(5), 5);
  assert.equal(lib.counter_check(-2), -2); // not an error: the predicate says so
  assert.throws(() => lib.counter_check(-3), (e) => e instanceof CounterError && e.code === -3 &&
    /three/.test(e.message) && e.function === 'counter_check');
  assert.throws(() => lib.counter_check(-5), (e) => e instanceof CounterError && /another/.test(e.message));
});

test("rules 'nonnull': a NULL result throws, a null argument is refused", () => {
  assert.equal(lib.counter_maybe(1), 'given');
  assert.throws(() => lib.counter_maybe(0), (e) => e instanceof CounterError && e.function === 'counter_maybe');
  assert.equal(lib.counter_is_null('x'), 0);
  assert.throws(() => lib.counter_is_null(null), { name: 'TypeError', message: /^s: / });
});

test("rules 'text' and 'bytes': unsigned char as a string, char as bytes", () => {
  const c = track(lib.counter_new(0));
  c.set_name('h\u00e9');
  assert.equal(c.name_text(), 'h\u00e9');
  const raw = c.name_bytes();
  assert.ok(raw instanceof Uint8Array);
  assert.deepEqual([...raw], [104, 0xc3, 0xa9]);
});

test('string in with a length, string and bytes out with a length function', () => {
  const c = track(lib.counter_new(0));
  c.set_name('a\0b\u00e9');
  assert.equal(c.name_len(), 5);
  assert.equal(c.name(), 'a\0b\u00e9');
  c.set_name(new Uint8Array([104, 105]));
  assert.equal(c.name(), 'hi');
  c.add(3);
  const bytes = c.bytes();
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...bytes], [3, 0, 0, 0, 255, 255, 255]);
  c.add(0x100 - 3);
  assert.deepEqual([...c.bytes()].slice(0, 4), [0, 1, 0, 0]);
  assert.equal(c.bytes().length, 20);
});

test('view: a zero-copy result over linear memory, as long as the memory stays', () => {
  const c = lib.counter_new(2);
  const view = c.bytes_view();
  assert.ok(view instanceof Uint8Array);
  assert.equal(view.buffer, lib.memory.buffer); // not a copy
  assert.deepEqual([...view], [2, 0, 0, 0, 255, 255]);
  c.add(1);
  c.bytes_view(); // C rewrote the same bytes: the earlier view sees them
  assert.equal(view[0], 3);
  // Memory growth detaches the old buffer: the stale view reads as empty.
  lib.memory.grow(1);
  assert.equal(view.length, 0);
  assert.deepEqual([...c.bytes_view()], [3, 0, 0, 0, 255, 255, 255]);
  c.free();
});

test('errno: the error code is errno, the message strerror\'s', () => {
  const c = lib.counter_new(0);
  assert.equal(c.set_step(5), 0);
  assert.equal(c.step(), 5);
  assert.throws(() => c.set_step(0), (e) => e instanceof lib.CounterError && e.code === 28 /* EINVAL */ &&
    e.function === 'counter_set_step' && e.message === 'Invalid argument');
  assert.throws(() => c.set_step(5000), (e) => e.code === 68 /* ERANGE */ && /result not representable/i.test(e.message));
  assert.equal(c.set_step(2), 0); // errno was cleared before the call
  c.free();
});
