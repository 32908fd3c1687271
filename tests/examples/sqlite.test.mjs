// @ts-check
// SQLite through its generated bindings: examples/sqlite/suite.mjs with
// node:test and node:assert, then a soak that checks nothing leaks (neither
// the wasm heap nor SQLite's own allocations). Needs `make sqlite`
// (build/examples/sqlite/sqlite3.js, .d.ts, .wasm; part of TEST_PREREQS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import load from '../../build/examples/sqlite/sqlite3.js';
import { runSuite } from '../../examples/sqlite/suite.mjs';

/** @type {any} */
const lib = await load();

runSuite(lib, {
  test: (name, fn) => test(name, fn),
  equal: (a, b, message) => assert.equal(a, b, message),
  deepEqual: (a, b, message) => assert.deepEqual(a, b, message),
  ok: (value, message) => assert.ok(value, message),
});

/** Where malloc puts a 1 MiB block, freed at once: the start of the free
 * space at the top of the heap (dlmalloc coalesces what is freed back into
 * it). A leak of a few bytes per call leaves it higher; the memory's byte
 * length alone only moves once the leaks outgrow the initial memory. */
function heapTop() {
  const p = lib.exports.malloc(1 << 20);
  assert.ok(p > 0, 'malloc(1 MiB) failed');
  lib.exports.free(p);
  return p;
}

/** One round of the soak: prepare, bind every type, step, read, finalize.
 * @param {any} db @param {number} i */
function round(db, i) {
  const stmt = db.prepare_v2('SELECT ?1 + 1, ?2, ?3, ?4, length(?3)');
  stmt.bind_int64(1, BigInt(i) << 20n);
  stmt.bind_double(2, i / 7);
  stmt.bind_text(3, `row ${i}: héllo 🌍`);
  stmt.bind_blob(4, new Uint8Array([i & 255, 0, 255]));
  assert.equal(stmt.step(), lib.SQLITE_ROW);
  if (stmt.column_int64(0) !== (BigInt(i) << 20n) + 1n) assert.fail(`row ${i}: ${stmt.column_int64(0)}`);
  if (stmt.column_double(1) !== i / 7) assert.fail(`row ${i}: ${stmt.column_double(1)}`);
  if (stmt.column_text(2) !== `row ${i}: héllo 🌍`) assert.fail(`row ${i}: ${stmt.column_text(2)}`);
  if (stmt.column_blob(3)[0] !== (i & 255)) assert.fail(`row ${i}: blob`);
  if (stmt.column_int(4) !== [...`row ${i}: héllo 🌍`].length) assert.fail(`row ${i}: length`); // characters
  assert.equal(stmt.step(), lib.SQLITE_DONE);
  stmt.finalize();
}

test('soak: 100,000 prepare/bind/step/column/finalize rounds leak nothing', { timeout: 60_000 }, () => {
  const db = lib.sqlite3_open_v2(':memory:', lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, null);
  for (let i = 0; i < 1000; i++) round(db, i);
  const heap = lib.memory.buffer.byteLength;
  const top = heapTop();
  const used = lib.sqlite3_memory_used();
  assert.equal(typeof used, 'bigint');
  for (let i = 0; i < 100_000; i++) round(db, i);
  assert.equal(lib.memory.buffer.byteLength, heap, 'the wasm memory did not grow');
  assert.equal(heapTop(), top, 'the free space at the top of the heap starts where it did');
  assert.equal(lib.sqlite3_memory_used(), used, 'SQLite holds no more memory than after the warm-up');
  db.close_v2();
});

test('soak: SQL functions and exec callbacks called 100,000 times leak nothing', { timeout: 60_000 }, () => {
  const db = lib.sqlite3_open_v2(':memory:', lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, null);
  const table = lib.exports.__indirect_function_table;
  const rounds = (/** @type {number} */ n) => {
    let seen = 0;
    db.create_function_v2('twice', 1, lib.SQLITE_UTF8, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      ctx.result_text(`${args[0].int() * 2}`);
    }, null, null, () => {});
    db.exec(`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n}) SELECT twice(x) FROM c`,
      (/** @type {(string | null)[]} */ values) => {
        seen++;
        if (values[0] !== `${seen * 2}`) throw new Error(`row ${seen}: ${values[0]}`);
        return 0;
      });
    assert.equal(seen, n);
  };
  // Warm-up: twice, so that re-registering 'twice' (the new closures are
  // added before SQLite drops the old ones) is part of it.
  rounds(1000);
  rounds(1000);
  const heap = lib.memory.buffer.byteLength;
  const used = lib.sqlite3_memory_used();
  const slots = table?.length;
  const top = heapTop();
  for (let i = 0; i < 100; i++) rounds(1000);
  assert.equal(lib.memory.buffer.byteLength, heap, 'the wasm memory did not grow');
  assert.equal(heapTop(), top, 'the free space at the top of the heap starts where it did');
  assert.equal(lib.sqlite3_memory_used(), used, 'SQLite holds no more memory than after the warm-up');
  // A released callback's slot is never reused (C may still hold it): one
  // entry each for the function and its destructor per registration.
  assert.equal(table?.length, slots + 200, 'the function table grew by one entry per kept callback');
  db.close_v2();
});
