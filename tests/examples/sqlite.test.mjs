// @ts-check
// SQLite through its generated bindings: examples/sqlite/suite.mjs with
// node:test and node:assert; then the same SQL through @sqlite.org/sqlite-wasm
// (SQLite's own official WebAssembly build) as an independent reference; the
// census of the C API (examples/sqlite/census.mjs) against the README; and a
// soak that checks nothing leaks (neither the wasm heap nor SQLite's own
// allocations). Needs `make sqlite` (build/examples/sqlite/sqlite3.js, .d.ts,
// .wasm; part of TEST_PREREQS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import load from '../../build/examples/sqlite/sqlite3.js';
import { runSuite } from '../../examples/sqlite/suite.mjs';
import { census, markdown, readmeCensus, README, ALLOCATORS, WHY_RAW, JS_TYPED_BUT_UNSOUND } from '../../examples/sqlite/census.mjs';

/** @type {any} */
const lib = await load();

runSuite(lib, {
  test: (name, fn) => test(name, fn),
  equal: (a, b, message) => assert.equal(a, b, message),
  deepEqual: (a, b, message) => assert.deepEqual(a, b, message),
  ok: (value, message) => assert.ok(value, message),
});

// ------------------------------------------------ the reference: @sqlite.org/sqlite-wasm

const ref = await sqlite3InitModule({ print() {}, printErr() {} });

/** Rows of a query in the reference, values as ours come back (integers as
 * BigInt, blobs as Uint8Array). @param {any} db @param {string} sql */
function refRows(db, sql) {
  /** @type {unknown[][]} */
  const out = [];
  db.exec({ sql, rowMode: 'array', resultRows: out });
  return out;
}

/** Rows of a query through the bindings, integers as numbers where the
 * reference has numbers. @param {any} db @param {string} sql */
function ourRows(db, sql) {
  const stmt = db.prepare_v2(sql);
  /** @type {unknown[][]} */
  const out = [];
  try {
    while (stmt.step() === lib.SQLITE_ROW) {
      const row = [];
      for (let i = 0; i < stmt.column_count(); i++) {
        const type = stmt.column_type(i);
        row.push(type === lib.SQLITE_INTEGER ? Number(stmt.column_int64(i)) : type === lib.SQLITE_FLOAT ? stmt.column_double(i)
          : type === lib.SQLITE_TEXT ? stmt.column_text(i) : type === lib.SQLITE_BLOB ? stmt.column_blob(i) ?? new Uint8Array(0) : null);
      }
      out.push(row);
    }
  } finally {
    stmt.finalize();
  }
  return out;
}

const openOurs = () => lib.sqlite3_open_v2(':memory:', lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, null);

test('reference: constants the two builds share have the same values', () => {
  const names = Object.keys(ref.capi).filter((k) => /^SQLITE_[A-Z0-9_]+$/.test(k) && typeof ref.capi[k] === 'number' && k in lib);
  assert.ok(names.length > 300, `${names.length} shared constants`);
  const differ = names.filter((k) => lib[k] !== ref.capi[k] && !/^SQLITE_(VERSION_NUMBER|MAX_|LIMIT_WORKER)/.test(k));
  assert.deepEqual(differ, []);
});

test('reference: a JS window function and aggregate give what SQLite\'s own sum() gives in sqlite-wasm', () => {
  const setup = `CREATE TABLE s(p TEXT, i INTEGER, v INTEGER);
    WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 200)
    INSERT INTO s SELECT char(97 + n % 3), n, (n * 7919) % 101 - 50 FROM c`;
  const ours = openOurs();
  ours.exec(setup, null);
  /** @type {Map<number, bigint>} */
  const sums = new Map();
  let next = 0;
  const slot = (/** @type {any} */ ctx) => {
    const mem = ctx.aggregate_context(4);
    if (mem[0] === 0 && mem[1] === 0) {
      next = next % 65535 + 1;
      mem.set([next & 255, next >> 8]);
      sums.set(next, 0n);
    }
    return mem[0] | (mem[1] << 8);
  };
  ours.create_window_function('jsum', 1, lib.SQLITE_UTF8,
    (/** @type {any} */ ctx, /** @type {any[]} */ a) => { const k = slot(ctx); sums.set(k, (sums.get(k) ?? 0n) + a[0].int64()); },
    (/** @type {any} */ ctx) => { const k = slot(ctx); ctx.result_int64(sums.get(k) ?? 0n); sums.delete(k); },
    (/** @type {any} */ ctx) => ctx.result_int64(sums.get(slot(ctx)) ?? 0n),
    (/** @type {any} */ ctx, /** @type {any[]} */ a) => { const k = slot(ctx); sums.set(k, (sums.get(k) ?? 0n) - a[0].int64()); }, null);
  const theirs = new ref.oo1.DB(':memory:');
  theirs.exec(setup);
  for (const over of ['PARTITION BY p ORDER BY i ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING',
    'ORDER BY v, i ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW', 'PARTITION BY p ORDER BY v RANGE BETWEEN 10 PRECEDING AND 5 FOLLOWING',
    'PARTITION BY p ORDER BY i GROUPS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW']) {
    assert.deepEqual(ourRows(ours, `SELECT p, i, coalesce(jsum(v) OVER (${over}), 0) FROM s ORDER BY p, i`),
      refRows(theirs, `SELECT p, i, coalesce(sum(v) OVER (${over}), 0) FROM s ORDER BY p, i`), over);
  }
  assert.deepEqual(ourRows(ours, 'SELECT p, jsum(v), jsum(i) FROM s GROUP BY p ORDER BY p'),
    refRows(theirs, 'SELECT p, sum(v), sum(i) FROM s GROUP BY p ORDER BY p'));
  assert.equal(sums.size, 0);
  theirs.close();
  ours.close_v2();
});

test('reference: the bytes of sqlite3_serialize open in sqlite-wasm with the same rows', () => {
  const ours = openOurs();
  ours.exec(`CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, data BLOB, x REAL);
    CREATE INDEX t_name ON t(name);
    WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500)
    INSERT INTO t SELECT n, 'naïve ' || n || ' 🌍', randomblob(n % 40), n / 7.0 FROM c`, null);
  const bytes = lib.sqlite3_serialize(ours, 'main');
  const { capi, wasm } = ref;
  const theirs = new ref.oo1.DB(':memory:');
  const p = wasm.allocFromTypedArray(bytes);
  theirs.checkRc(capi.sqlite3_deserialize(theirs.pointer, 'main', p, bytes.length, bytes.length,
    capi.SQLITE_DESERIALIZE_FREEONCLOSE | capi.SQLITE_DESERIALIZE_RESIZEABLE));
  assert.deepEqual(refRows(theirs, 'PRAGMA integrity_check'), [['ok']]);
  for (const q of ['SELECT * FROM t ORDER BY id', "SELECT name FROM t WHERE name > 'naïve 42' ORDER BY name LIMIT 5",
    'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name']) {
    assert.deepEqual(refRows(theirs, q), ourRows(ours, q), q);
  }
  theirs.close();
  ours.close_v2();
});

test('reference: get_table\'s counts, printf, keywords and error strings match sqlite-wasm', () => {
  const { capi, wasm } = ref;
  const ours = openOurs();
  const theirs = new ref.oo1.DB(':memory:');
  const setup = "CREATE TABLE g(a, b, c); INSERT INTO g VALUES (1, 'x', NULL), (2, 'y', 2.5), (3, 'z', x'00')";
  ours.exec(setup, null);
  theirs.exec(setup);
  for (const q of ['SELECT * FROM g', 'SELECT a FROM g WHERE a > 1', 'SELECT * FROM g WHERE 0', 'SELECT 1, 2, 3, 4, 5']) {
    const r = ours.get_table(q);
    const stmt = theirs.prepare(q);
    const columns = stmt.columnCount;
    stmt.finalize();
    const n = refRows(theirs, q).length;
    assert.deepEqual([r.pnRow, r.pnColumn], [n, n === 0 ? 0 : columns], q);
  }
  for (const [fmt, ...args] of /** @type {[string, ...(string | number | bigint)[]][]} */ ([
    ['%q|%Q|%w', "it's", "o'k", 'a"b'], ['%5.2f|%-6d|%x|%lld', Math.E, 42, 3054, -(2n ** 62n)], ['%s|%.3s|%10.4g|%%', 'naïve 🌍', 'abcdef', 1234567.0]])) {
    const expected = theirs.selectValue(`SELECT printf(${['?', ...args.map(() => '?')].join(', ')})`, [fmt, ...args]);
    assert.equal(lib.sqlite3_mprintf(fmt, ...args), expected, fmt);
  }
  const sp = wasm.pstack.pointer;
  try {
    const pz = wasm.pstack.allocPtr(), pn = wasm.pstack.alloc(4);
    const theirKeywords = Array.from({ length: capi.sqlite3_keyword_count() }, (_, i) => {
      capi.sqlite3_keyword_name(i, pz, pn);
      return wasm.cstrToJs(wasm.peekPtr(pz)).slice(0, wasm.peek32(pn));
    });
    const ourKeywords = Array.from({ length: lib.sqlite3_keyword_count() }, (_, i) => lib.sqlite3_keyword_name(i).arg1);
    assert.deepEqual(ourKeywords.sort(), theirKeywords.sort());
  } finally {
    wasm.pstack.restore(sp);
  }
  for (let rc = 0; rc <= 30; rc++) assert.equal(lib.sqlite3_errstr(rc), capi.sqlite3_errstr(rc), `errstr(${rc})`);
  for (const rc of [lib.SQLITE_CONSTRAINT_UNIQUE, lib.SQLITE_IOERR_READ, lib.SQLITE_BUSY_SNAPSHOT, 100, 101, 516]) {
    assert.equal(lib.sqlite3_errstr(rc), capi.sqlite3_errstr(rc), `errstr(${rc})`);
  }
  theirs.close();
  ours.close_v2();
});

// ------------------------------------------------ the census of the C API

test('census: every compiled-in function is bound; the raw ones are explained; the README says so', () => {
  const r = census();
  assert.equal(r.compiled.length, 272, 'functions compiled in');
  const notBoundCompiled = Object.keys(r.notBound).filter((n) => r.compiled.includes(n));
  assert.deepEqual(notBoundCompiled, [], 'every function compiled in is bound (the variadic ones by `varargs`)');
  for (const n of ['sqlite3_config', 'sqlite3_db_config', 'sqlite3_test_control', 'sqlite3_vtab_config'])
    assert.ok(n in r.raw, `${n}: its variadic arguments typed by the JS values are raw`);
  for (const n of ALLOCATORS) assert.ok(n in r.raw, `${n} is raw`);
  assert.deepEqual(Object.keys(r.raw).filter((n) => !(n in WHY_RAW)), [], 'a raw function without an explanation in census.mjs');
  assert.deepEqual(Object.keys(WHY_RAW).filter((n) => !(n in r.raw)), [], 'explained as raw, but bound with JS values now: update census.mjs');
  assert.deepEqual(Object.keys(JS_TYPED_BUT_UNSOUND).filter((n) => !r.jsOnly.includes(n)), []);
  for (const n of ['sqlite3_serialize', 'sqlite3_backup_init', 'sqlite3_create_window_function', 'sqlite3_create_collation_v2',
    'sqlite3_blob_read', 'sqlite3_set_authorizer', 'sqlite3_progress_handler', 'sqlite3_mprintf', 'sqlite3_snprintf', 'sqlite3_str_appendf',
    'sqlite3_randomness', 'sqlite3_keyword_name', 'sqlite3_aggregate_context', 'sqlite3_column_text16', 'sqlite3_result_text16']) {
    assert.ok(r.jsOnly.includes(n), `${n} takes and gives JS values only`);
  }
  assert.equal(readmeCensus(readFileSync(README, 'utf8')), markdown(r),
    'examples/sqlite/README.md is out of date: node examples/sqlite/census.mjs --write');
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
