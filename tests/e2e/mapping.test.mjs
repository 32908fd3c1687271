// End-to-end: every row of the default mapping table and every annotation,
// through the generated bindings of tests/e2e/mapping.h, on both i64 forms.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import load, { wrap } from '../../build/e2e/mapping.js';

const builds = {
  'standalone (i64 as BigInt)': () => load(),
  'Emscripten JS build (legalized i64)': () =>
    load(new URL('../../build/e2e/legal/mapping.wasm', import.meta.url)),
};

for (const [buildName, open] of Object.entries(builds)) {
  describe(buildName, async () => {
    const lib = await open();

    test('integers up to 32 bits: values and range checks naming the parameter', () => {
      assert.equal(lib.add(2, 3), 5);
      assert.equal(lib.add(-2147483648, 0), -2147483648);
      assert.equal(lib.m_i8(-128), 127); // wraps in C: -129 -> 127
      assert.equal(lib.m_u8(255), 0);
      assert.equal(lib.m_i16(0), -1);
      assert.equal(lib.m_u16(65535), 0);
      assert.equal(lib.m_u32(4294967295), 0);
      assert.equal(lib.m_u32(2147483647), 2147483648);
      assert.equal(lib.m_ulong(2147483648), 0);
      assert.throws(() => lib.add(1.5, 1), { name: 'RangeError', message: /^a: 1.5 / });
      assert.throws(() => lib.add(1, 2 ** 31), { name: 'RangeError', message: /^b: / });
      assert.throws(() => lib.add('1', 1), { name: 'TypeError', message: /^a: expected a number, got string/ });
      assert.throws(() => lib.m_u8(256), { name: 'RangeError', message: /v: 256 is not an integer in \[0, 255\]/ });
      assert.throws(() => lib.m_i8(-129), RangeError);
      assert.throws(() => lib.m_u32(-1), RangeError);
      assert.throws(() => lib.add(1), { name: 'TypeError', message: /^b: expected a number, got undefined/ });
      assert.throws(() => lib.add(1n, 1), { name: 'TypeError', message: /^a: expected a number, got bigint/ });
      assert.throws(() => lib.m_u16(Symbol('x')), { name: 'TypeError', message: /^v: expected a number, got symbol/ });
      assert.throws(() => lib.m_next_color(5n), { name: 'TypeError', message: /^c: expected a number/ });
    });

    test('float, double, _Bool, enums', () => {
      assert.equal(lib.m_f32(3), 1.5);
      assert.equal(lib.m_f32(0.1), Math.fround(Math.fround(0.1) / 2));
      assert.equal(lib.m_f64(2), 3);
      assert.ok(Number.isNaN(lib.m_f64(NaN)));
      assert.throws(() => lib.m_f64('2'), { name: 'TypeError', message: /^v: expected a number/ });
      assert.equal(lib.m_not(true), false);
      assert.equal(lib.m_not(false), true);
      assert.throws(() => lib.m_not(1), { name: 'TypeError', message: /^v: expected a boolean/ });
      assert.deepEqual({ ...lib.Color }, { COLOR_RED: 0, COLOR_GREEN: 5, COLOR_BLUE: 6 });
      assert.ok(Object.isFrozen(lib.Color));
      assert.equal(lib.m_next_color(lib.Color.COLOR_GREEN), lib.Color.COLOR_BLUE);
      assert.equal(lib.COLOR_BLUE, 6);
    });

    test('integer constants', () => {
      assert.equal(lib.MAP_VERSION, 3);
      assert.equal(lib.MAP_FLAG_HIGH, 2147483648);
      assert.equal(lib.MAP_ALL_ONES, 18446744073709551615n);
      assert.equal(lib.MAP_SHIFTED, 19);
    });

    test('a struct C changes through a non-const pointer: a plain object gets the new values', () => {
      const v = { x: 1, y: 2 };
      lib.m_vec_step(v, 10);
      assert.deepEqual(v, { x: 11, y: -2 });
      const frozen = Object.freeze({ x: 1, y: 2 });
      assert.throws(() => lib.m_vec_step(frozen, 1), { name: 'TypeError', message: /^v: / });
    });

    test('variables of the library: getters, and setters for numbers', () => {
      assert.equal(lib.m_calls, 3);
      assert.equal(lib.m_bump(), 4);
      assert.equal(lib.m_calls, 4); // read where C keeps it
      lib.m_calls = 10;
      assert.equal(lib.m_bump(), 11); // written where C reads it
      assert.throws(() => { lib.m_calls = 1.5; }, { name: 'RangeError', message: /^m_calls: / });
      assert.throws(() => { lib.m_calls = 'x'; }, { name: 'TypeError', message: /^m_calls: / });
      assert.equal(lib.m_ratio, 0.25);
      assert.throws(() => { lib.m_ratio = 1; }, TypeError); // const: no setter
      assert.equal(lib.m_motto, 'small is fast');
      assert.equal(lib.m_label, 'tag');
      assert.equal(lib.m_big_count, 1n << 40n);
      lib.m_big_count = 5n;
      assert.equal(lib.m_big_count, 5n);
      lib.m_calls = 3; // as the other tests expect
    });

    test('string and floating #defines', () => {
      assert.equal(lib.MAP_NAME, 'mapping v3 \u2713');
      assert.equal(lib.MAP_RATIO, 0.75);
    });

    test('64-bit integers as BigInt, safe integers accepted', () => {
      assert.equal(lib.m_add64(1n << 40n, 2n), (1n << 40n) + 2n);
      assert.equal(lib.m_add64(-5n, 2), -3n);
      assert.equal(lib.m_add64(9223372036854775807n, 1n), -9223372036854775808n);
      assert.equal(lib.m_u64(0n), 18446744073709551615n);
      assert.equal(lib.m_u64(18446744073709551615n), 0n);
      assert.throws(() => lib.m_add64(2 ** 60, 1n), { name: 'RangeError', message: /^a: .*not a safe integer/ });
      assert.throws(() => lib.m_add64(1n << 63n, 1n), { name: 'RangeError', message: /^a: / });
      assert.throws(() => lib.m_u64(-1n), { name: 'RangeError', message: /^v: / });
      assert.throws(() => lib.m_u64('1'), { name: 'TypeError', message: /^v: expected a bigint/ });
    });

    test('strings in and out, UTF-8, null', () => {
      assert.equal(lib.m_strlen('hello'), 5);
      assert.equal(lib.m_strlen('héllo'), 6);
      assert.equal(lib.m_strlen('😀'), 4);
      assert.equal(lib.m_strlen(''), 0);
      assert.equal(lib.m_strlen('a'.repeat(100)), 100);
      assert.equal(lib.m_is_null(null), 1);
      assert.equal(lib.m_is_null('x'), 0);
      assert.equal(lib.m_greeting(), 'héllo, wörld');
      assert.equal(lib.m_no_string(), null);
      assert.equal(lib.m_upper('abc'), 'ABC');
      assert.equal(lib.m_upper('straße'), 'STRAßE');
      assert.equal(lib.m_repeat('ab', 3), 'ababab');
      assert.throws(() => lib.m_strlen(42), { name: 'TypeError', message: /^s: expected a string, got number/ });
      // parameters named like the wrapper's locals keep their own values
      assert.equal(lib.m_clash('abc', 'de', 4, 5), 3245);
      assert.throws(() => lib.m_clash('abc', 7, 4, 5), { name: 'TypeError', message: /^h0: expected a string/ });
      // ... and like the library's names in scope: the views, exports, readers
      assert.equal(lib.m_shadow('abcd', 'xyz', 5, 6, 7), 43567);
      assert.throws(() => lib.m_shadow('a', 'b', 1, 2, 'x'), { name: 'TypeError', message: /^m_strlen: expected/ });
    });

    test('strings read back at every alignment and length around the short-string paths', () => {
      const block = lib.m_alloc(64);
      for (let offset = 0; offset < 4; offset++) {
        for (let n = 0; n <= 40; n++) {
          for (const text of ['x'.repeat(n), 'é'.repeat(n >> 1) + 'a'.repeat(n & 1)]) {
            const bytes = new TextEncoder().encode(text);
            const u8 = new Uint8Array(lib.memory.buffer);
            u8.fill(0x41, block, block + 64); // no stray NUL after the string
            u8.set(bytes, block + offset);
            u8[block + offset + bytes.length] = 0;
            assert.equal(lib.m_string_at(block + offset), text, `offset ${offset}, ${bytes.length} bytes`);
          }
          // and written: the same lengths as arguments
          assert.equal(lib.m_strlen('y'.repeat(n)), n);
          assert.equal(lib.m_strlen('ü'.repeat(n)), 2 * n);
        }
      }
      lib.m_free(block);
    });

    test('several strings in one call, filling the reusable temporary area', () => {
      // 21845 '€' reserve 3 * 21845 + 1 = 65536 bytes, the whole 64 KiB area,
      // and fill it: the next strings spill over to malloc.
      for (const fill of [21843, 21844, 21845]) {
        for (const second of ['é', 'ab', 'x'.repeat(40), '€'.repeat(30)]) {
          const expected = fill * 3 * 1000 + new TextEncoder().encode(second).length;
          assert.equal(lib.m_strlen2('€'.repeat(fill), second), expected);
        }
      }
      assert.equal(lib.m_upper('still sound'), 'STILL SOUND');
    });

    test('memory grown by a call with nothing to read back leaves no stale view', () => {
      const before = lib.memory.buffer.byteLength;
      const p = lib.m_alloc(32 << 20); // a numeric call that grows the memory
      assert.ok(lib.memory.buffer.byteLength > before);
      assert.equal(lib.m_strlen('hello wide world'), 16); // written into the new buffer
      assert.deepEqual(lib.m_divmod(17, 5), { quot: 3, rem: 2 });
      lib.m_free(p);
    });

    test('strings of any size: an 8 MiB argument, a 1 MiB result', () => {
      const big = 'x'.repeat(8 << 20);
      assert.equal(lib.m_strlen(big), 8 << 20);
      const nonAscii = 'é'.repeat(1 << 20);
      assert.equal(lib.m_strlen(nonAscii), 2 << 20);
      const result = lib.m_big_string(1 << 20);
      assert.equal(result.length, 1 << 20);
      assert.equal(result.slice(0, 3), 'abc');
    });

    test('structs by value in both directions (hidden result pointer, scalar struct)', () => {
      assert.deepEqual(lib.m_vec_add({ x: 1, y: 2 }, { x: 10, y: 20 }), { x: 11, y: 22 });
      assert.deepEqual(lib.m_wrap(2.5), { value: 2.5 });
      assert.equal(lib.m_unwrap({ value: 4.25 }), 4.25);
      assert.throws(() => lib.m_vec_add({ x: 1 }, { x: 1, y: 2 }), { name: 'TypeError', message: /^a\.y: expected a number, got undefined/ });
      assert.throws(() => lib.m_vec_add(null, { x: 1, y: 2 }), { name: 'TypeError', message: /^a: expected an object/ });
      assert.throws(() => lib.m_vec_add({ x: 2 ** 40, y: 0 }, { x: 1, y: 2 }), { name: 'RangeError', message: /^a\.x: / });
    });

    test('struct pointers as views: every field kind, read and written', () => {
      const item = lib.m_item();
      assert.ok(item instanceof lib.Item);
      assert.equal(item.name, 'first');
      assert.equal(item.flags, 7);
      assert.equal(item.delta, -3);
      assert.equal(item.big, 1n << 40n);
      assert.equal(item.ratio, 0.5);
      assert.deepEqual(item.pos.toObject(), { x: 1, y: 2 });
      assert.equal(item.label, 'label');
      assert.equal(item.on, true);
      assert.equal(item.mode, 5);
      assert.equal(item.level, -7);
      assert.deepEqual([...item.samples], [1, 2, 3]);
      const before = lib.m_item_score(item);
      assert.equal(before, 7 - 3 + 10 + 200 + 5 - 7 + 1000 + 3);
      item.flags = 9;
      item.pos.y = 3;
      item.mode = 2;
      item.level = -16;
      item.on = false;
      item.samples = [0, 0, 10];
      item.name = 'renamed';
      assert.equal(lib.m_item_score(item), 9 - 3 + 10 + 300 + 2 - 16 + 10);
      assert.equal(lib.m_item().name, 'renamed');
      assert.throws(() => { item.mode = 8; }, RangeError);
      assert.throws(() => { item.flags = 300; }, { name: 'RangeError', message: /^flags: / });
      assert.throws(() => { item.name = 'x'.repeat(17); }, RangeError);
      assert.equal(JSON.stringify(item.pos), '{"x":1,"y":3}');
      // A plain object is copied for the call.
      const copy = { ...item.toObject(), flags: 1, on: true };
      assert.equal(lib.m_item_score(copy), 1 - 3 + 10 + 300 + 2 - 16 + 1000 + 10);
      assert.equal(lib.m_item().flags, 9);
    });

    test('output buffers said by annotations: WB_OUTPUT(cap), WB_OUTPUT_LENGTH(result)', () => {
      assert.deepEqual(lib.m_produce(8, 10), new Uint8Array([10, 11, 12]), 'the bytes C produced');
      assert.deepEqual(lib.m_produce(2, 1), new Uint8Array([1, 2]));
      assert.equal(lib.m_digits(16, -1234), '-1234', 'chars: text up to the NUL');
      assert.throws(() => lib.m_produce(-1, 0), { name: 'RangeError', message: /^cap: / });
    });

    test('wide strings: char16_t as UTF-16, wchar_t as UTF-32, in and out', () => {
      assert.equal(lib.m_len16('héllo 🌍'), 8, 'UTF-16 code units');
      assert.equal(lib.m_len32('héllo 🌍'), 7, 'code points');
      assert.equal(lib.m_hello16(), 'héllo 🌍');
      assert.equal(lib.m_hello32(), 'héllo 🌍');
      assert.equal(lib.m_len32('\ud800x'), 2, 'a lone surrogate is one code point');
      assert.equal(lib.m_len16(''), 0);
      assert.throws(() => lib.m_len32('a\0b'), { name: 'TypeError', message: /^s: / });
      assert.throws(() => lib.m_len16(42), { name: 'TypeError', message: /^s: expected a string/ });
    });

    test('a string field copied for a call reaches C even when the copy grows the memory', () => {
      const label = 'x'.repeat(3 * lib.memory.buffer.byteLength);
      const bytes = lib.memory.buffer.byteLength;
      assert.equal(lib.m_item_label_len({ ...lib.m_item().toObject(), label }), label.length);
      assert.ok(lib.memory.buffer.byteLength > bytes, 'the memory grew');
    });

    test('opaque handles: branded, refused where another type is expected', () => {
      const c = lib.m_counter_new(5);
      assert.equal(lib.m_counter_next(c), 5);
      assert.equal(lib.m_counter_next(c), 6);
      const other = lib.m_other_new();
      assert.throws(() => lib.m_counter_next(other), { name: 'TypeError', message: 'c: expected a Counter, got a Other' });
      assert.throws(() => lib.m_counter_next({ ptr: c.ptr }), { name: 'TypeError', message: 'c: expected a Counter, got object' });
      assert.throws(() => lib.m_counter_next(c.ptr), { name: 'TypeError', message: 'c: expected a Counter, got number' });
      assert.ok(c instanceof lib.Counter);
      assert.throws(() => { c.ptr = 1; }, TypeError); // read-only: the pointer is private
      lib.m_counter_free(c);
      lib.m_other_free(other);
    });

    test('handles and views come from the library: no constructor or at() forges one', () => {
      const c = lib.m_counter_new(5);
      const item = lib.m_item();
      for (const [cls, obj] of [[lib.Counter, c], [lib.Item, item]]) {
        assert.throws(() => new cls(c.ptr), { name: 'TypeError', message: /comes? from the library.*fromPointer\(address\) wraps a raw address \(unsafe\)/ });
        // every way back to the class reaches the same constructor-less face
        for (let p = Object.getPrototypeOf(obj); p !== Object.prototype; p = Object.getPrototypeOf(p)) {
          assert.equal(p.constructor, cls);
          assert.ok(Object.isFrozen(p));
        }
        assert.equal(cls.at, undefined);
        assert.equal(cls.own, undefined);
        assert.ok(Object.isFrozen(cls));
        assert.ok(obj instanceof cls);
        assert.throws(() => { class Evil extends cls {} new Evil(); }, TypeError);
      }
      // a view: its address is read-only, nothing can shadow it
      assert.throws(() => { item.ptr = 8; }, TypeError);
      assert.throws(() => Object.defineProperty(item, 'ptr', { value: 8 }), TypeError);
      assert.throws(() => Object.setPrototypeOf(item, { ptr: 8 }), TypeError);
      const fake = Object.create(lib.Item.prototype, { ptr: { value: item.ptr } });
      assert.ok(fake instanceof lib.Item, 'instanceof sees the prototype only...');
      assert.throws(() => lib.m_item_score(fake), TypeError, '...the bindings check the object itself');
      // the unsafe, visible way: fromPointer
      const again = lib.Item.fromPointer(item.ptr);
      assert.equal(lib.m_item_score(again), lib.m_item_score(item));
      assert.equal(lib.Item.fromPointer(0), null);
      assert.throws(() => lib.Item.fromPointer(-1), { name: 'RangeError', message: /^address: / });
      assert.throws(() => lib.Counter.fromPointer('8'), { name: 'TypeError', message: /^address: / });
      const borrowed = lib.Counter.fromPointer(c.ptr);
      assert.equal(lib.m_counter_next(borrowed), 5);
      assert.equal(lib.m_counter_next(c), 6);
      lib.m_counter_free(c);
    });

    test('function pointers: JS functions valid for the call, errors rethrown', () => {
      const seen = [];
      assert.equal(lib.m_apply((value, user) => { seen.push(user); return value * 3; }, 7, 1234), 22);
      assert.deepEqual(seen, [1234]);
      const visits = [];
      assert.equal(lib.m_each([1, 2, 3], (x, label) => visits.push(`${x}:${label}`)), 6n);
      assert.deepEqual(visits, ['1:odd', '2:even', '3:odd']);
      assert.equal(lib.m_each(new Int32Array([5, 6]), null), 11n);
      // a call from inside a callback, of the same function: each call's C
      // reaches its own JS function, before and after the nested call
      const log = [];
      lib.m_each([1, 2], (x) => {
        log.push(`outer ${x}`);
        if (x === 1) lib.m_each([7], (y) => log.push(`inner ${y}`));
      });
      assert.deepEqual(log, ['outer 1', 'inner 7', 'outer 2']);
      assert.throws(() => lib.m_apply(() => { throw new Error('from JS'); }, 1, 0), /from JS/);
      assert.throws(() => lib.m_apply(() => 'nope', 1, 0), { name: 'TypeError', message: /fn \(return value\)/ });
      assert.throws(() => lib.m_apply(42, 1, 0), { name: 'TypeError', message: /^fn: expected a function/ });
      // slots are reused: many calls do not grow the table without bound
      const table = lib.exports.__indirect_function_table;
      for (let i = 0; i < 100; i++) lib.m_apply((v) => v, i, 0);
      const size = table.length;
      for (let i = 0; i < 1000; i++) lib.m_apply((v) => v, i, 0);
      assert.equal(table.length, size);
    });

    test('void * and other pointers are addresses', () => {
      const p = lib.m_alloc(16);
      assert.equal(typeof p, 'number');
      assert.ok(p > 0);
      lib.m_free(p);
      lib.m_free(null);
      assert.throws(() => lib.m_free(-1), { name: 'RangeError', message: /^p: / });
      assert.throws(() => lib.m_free(8n), { name: 'TypeError', message: /^p: expected a number, got bigint/ });
    });

    test('WB_OUT, WB_INOUT', () => {
      assert.deepEqual(lib.m_divmod(17, 5), { quot: 3, rem: 2 });
      assert.deepEqual(lib.m_parse_vec('3,4'), { return: 0, out: { x: 3, y: 4 } });
      assert.equal(lib.m_parse_vec('nope').return, -1);
      assert.equal(lib.m_double_it(21), 42);
      assert.throws(() => lib.m_double_it('21'), { name: 'TypeError', message: /^v: / });
      assert.deepEqual(lib.m_split('left,right'), { return: 0, head: 'left', tail: 'right' });
      // an owned out-pointer C leaves unwritten is NULL, not the last call's
      // (which the binding freed): no use after free, no double free
      assert.equal(lib.m_maybe_name(1), 'given');
      assert.equal(lib.m_maybe_name(0), null);
      assert.equal(lib.m_maybe_name(0), null);
      assert.equal(lib.m_maybe_name(1), 'given');
    });

    test('C calling a callback "for the call" after the call: an error naming it and the rule', () => {
      lib.m_remember((x) => x + 1);
      assert.throws(() => lib.m_call_remembered(1),
        /after its callback was released: 'cb' of m_remember lives for the call only; .*'keep until replaced'/);
    });

    test('printf-like variadic functions: each argument typed by the format', () => {
      assert.equal(lib.m_aprintf('%d %s %.2f %lld %c %x %u %%', -5, 'abc', 1.5, 2n ** 40n, 65, 255, 3000000000),
        '-5 abc 1.50 1099511627776 A ff 3000000000 %');
      assert.equal(lib.m_aprintf('[%*d|%-4s|%.*f]', 5, 42, 'ab', 1, 2.25), '[   42|ab  |2.2]');
      assert.equal(lib.m_aprintf('%llu %hhd %zu', 2n ** 64n - 1n, 7, 9), '18446744073709551615 7 9');
      assert.equal(lib.m_aprintf('no arguments'), 'no arguments');
      const buf = lib.exports.malloc(16);
      assert.equal(lib.m_format(buf, 16, '%05d', 42), 5);
      lib.exports.free(buf);
      const refused = (args, pattern) =>
        assert.throws(() => lib.m_aprintf(...args), (e) => e instanceof TypeError || e instanceof RangeError
          ? pattern.test(e.message) : false, String(args));
      refused(['%d', 'x'], /^fmt argument 1: expected an integer/);
      refused(['%d', 2 ** 31], /^fmt argument 1: /);
      refused(['%d %d', 1], /^fmt: the format takes 2 arguments, got 1$/);
      refused(['%d', 1, 2], /^fmt: the format takes 1 arguments, got 2$/);
      refused(['%n', 0], /^fmt: the format's "%n" cannot be typed/);
      refused(['%Lf', 1], /^fmt: the format's "%Lf" cannot be typed/);
      refused(['%ls', 'x'], /cannot be typed/);
      refused(['%s', 'a\0b'], /^fmt argument 1: the string contains U\+0000/);
      refused(['%'], /cannot be typed/);
      refused([null], /^fmt: expected a format string/);
    });

    test('signed and unsigned char arrays are bytes; char arrays are text', () => {
      const d = lib.m_digest(0x04030201);
      assert.ok(d.digest instanceof Uint8Array);
      assert.deepEqual([...d.digest], [1, 2, 3, 4]);
      assert.ok(d.delta instanceof Int8Array);
      assert.deepEqual([...d.delta], [-1, 1]);
      assert.equal(d.tag, 'ab');
      assert.equal(lib.m_digest_sum(d), 10 + 0 + 2);
      assert.equal(lib.m_digest_sum({ digest: [255, 0, 0, 0], delta: new Int8Array([-128, 0]), tag: '' }), 127);
      assert.throws(() => lib.m_digest_sum({ digest: 'abcd', delta: [0, 0], tag: '' }),
        { name: 'TypeError', message: /^d\.digest: / });
      assert.throws(() => lib.m_digest_sum({ digest: [256, 0, 0, 0], delta: [0, 0], tag: '' }),
        { name: 'RangeError', message: /^d\.digest\[0\]: / });
    });

    test('WB_LEN arrays in and out; WB_OWNED and WB_FREE results', () => {
      assert.equal(lib.m_mean([1, 2, 3, 4]), 2.5);
      assert.equal(lib.m_mean(new Float64Array([10, 20])), 15);
      assert.equal(lib.m_mean([]), 0);
      const out = new Float64Array(4);
      lib.m_fill(out, 2);
      assert.deepEqual([...out], [0, 2, 4, 6]);
      const plain = [0, 0, 0];
      lib.m_fill(plain, 1);
      assert.deepEqual(plain, [0, 1, 2]);
      assert.equal(lib.m_bytes_sum(new Uint8Array([1, 2, 250])), 253);
      assert.equal(lib.m_bytes_sum([65, 66]), 65 + 66);
      // uint8_t is bytes, not text
      assert.throws(() => lib.m_bytes_sum('AB'), { name: 'TypeError', message: /^data: / });
      const range = lib.m_range(3, 7);
      assert.ok(range instanceof Int32Array);
      assert.deepEqual([...range], [3, 4, 5, 6]);
      assert.deepEqual([...lib.m_range(5, 5)], []);
      assert.throws(() => lib.m_mean('1,2'), { name: 'TypeError', message: /^xs: / });
      assert.throws(() => lib.m_mean(5), { name: 'TypeError', message: /^xs: / });
    });

    test('owned strings do not leak: the heap stays flat over 100,000 calls', () => {
      for (let i = 0; i < 1000; i++) lib.m_upper('warm up ' + i);
      const before = lib.m_heap_used();
      for (let i = 0; i < 100000; i++) {
        lib.m_upper('leak check ' + i);
        lib.m_repeat('ab', 4);
        lib.m_range(0, 8);
      }
      assert.equal(lib.m_heap_used(), before);
    });

    test('errors leave nothing behind: temporaries released when a call throws', () => {
      const before = lib.m_heap_used();
      // 128 KiB: beyond the 64 KiB scratch block, a temporary of its own. (C
      // goes on over every element after the throw, through the released
      // slot: 4 MiB made this test take 6 s.)
      const big = new Int32Array(1 << 15);
      for (let i = 0; i < 50; i++) {
        let calls = 0;
        assert.throws(() => lib.m_each(big, () => { calls++; throw new Error('stop'); }), /stop/);
        assert.equal(calls, 1); // C goes on looping, but JS is not called again
        assert.throws(() => lib.m_strlen(big), TypeError);
        assert.throws(() => lib.m_vec_add({ x: 1, y: 2 }, { x: 'bad', y: 0 }), TypeError);
        assert.throws(() => lib.m_apply(() => { throw new Error('x'); }, 1, 0));
      }
      assert.equal(lib.m_heap_used(), before);
    });

    test('printf from C reaches the console', (t) => {
      const log = t.mock.method(console, 'log', () => {});
      const error = t.mock.method(console, 'error', () => {});
      lib.m_log('héllo', 42);
      assert.deepEqual(log.mock.calls.map((c) => c.arguments), [['log: héllo (42)']]);
      assert.deepEqual(error.mock.calls.map((c) => c.arguments), [['warn: héllo']]);
    });

    test('memory growth during and between calls leaves no stale view', () => {
      const item = lib.m_item();
      const pages = lib.memory.buffer.byteLength / 65536;
      const blocks = [];
      // grows memory (earlier tests may have left free memory: until it does)
      while (lib.memory.buffer.byteLength / 65536 === pages && blocks.length < 64) blocks.push(lib.m_alloc(8 << 20));
      assert.ok(lib.memory.buffer.byteLength / 65536 > pages);
      assert.equal(item.delta, -3); // a view made before the growth still reads right
      assert.equal(lib.m_upper('after growth'), 'AFTER GROWTH');
      // growth inside a call that returns a string
      const s = lib.m_big_string(20 << 20);
      assert.equal(s.length, 20 << 20);
      for (const b of blocks) lib.m_free(b);
    });

    test('a struct argument whose getter calls the function again and grows the memory', () => {
      let inner;
      const before = lib.memory.buffer;
      const a = {
        get x() {
          inner = lib.m_vec_add({ x: 100, y: 200 }, { x: 1, y: 2 });
          lib.exports.free(lib.exports.malloc(lib.memory.buffer.byteLength)); // grows: detaches every view
          return 1;
        },
        y: 2,
      };
      assert.deepEqual(lib.m_vec_add(a, { x: 10, y: 20 }), { x: 11, y: 22 });
      assert.deepEqual(inner, { x: 101, y: 202 });
      assert.notEqual(lib.memory.buffer, before, 'the memory grew');
    });

    test('a plain object copied for a struct pointer, whose getter grows the memory mid-copy', () => {
      const fields = { ...lib.m_item().toObject(), flags: 1, on: true };
      const expected = lib.m_item_score(fields);
      const growing = {
        ...fields,
        get delta() {
          lib.exports.free(lib.exports.malloc(lib.memory.buffer.byteLength)); // detaches every view
          return fields.delta;
        },
      };
      // other values in the same temporary first: a lost store would show
      lib.m_item_score({ ...fields, flags: 0, delta: 0, pos: { x: 0, y: 0 }, on: false, samples: [0, 0, 0] });
      const before = lib.memory.buffer;
      assert.equal(lib.m_item_score(growing), expected);
      assert.notEqual(lib.memory.buffer, before, 'the memory grew');
    });
  });
}

test('wrap() gives the same library over an instance', async () => {
  const bytes = await import('node:fs/promises').then((fs) =>
    fs.readFile(new URL('../../build/e2e/mapping.wasm', import.meta.url)));
  const lib = await load(bytes);
  const again = wrap(lib.exports);
  assert.equal(again.add(40, 2), 42);
  assert.equal(again.m_upper('wrapped'), 'WRAPPED');
  assert.throws(() => wrap({}), TypeError);
});

test('a build whose function table cannot grow: callbacks fail clearly, the rest works', async () => {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(new URL('../../build/e2e/fixed-table.wasm', import.meta.url));
  const lib = await load(bytes);
  for (let i = 0; i < 2; i++) // and again: nothing half-made stays behind
    assert.throws(() => lib.m_apply((v) => v, 1, 0), { name: 'RangeError', message: /function table cannot grow: build with -sALLOW_TABLE_GROWTH/ });
  assert.equal(lib.m_upper('still fine'), 'STILL FINE');
});

test('load() names the functions a build forgot to export', async () => {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(new URL('../../build/e2e/partial.wasm', import.meta.url));
  await assert.rejects(load(bytes), /does not export .*m_upper.*wasmbind exports mapping\.h/);
});
