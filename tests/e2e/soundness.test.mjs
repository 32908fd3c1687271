// @ts-check
// Soundness of the glue against hostile JS values (issue 13): lengths and
// elements read once through the built-in accessors, each element checked as
// a scalar, NUL-terminated strings refusing U+0000, handles resolved after
// any user code. Through the e2e library (tests/e2e/mapping.h) and SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import loadMapping from '../../build/e2e/mapping.js';
import loadSqlite from '../../build/examples/sqlite/sqlite3.js';

/** @type {any} */
const lib = await loadMapping();
/** @type {any} */
const sql = await loadSqlite();

/** A connection with a table t(x), closed after fn. @param {(db: any) => void} fn */
function withDb(fn) {
  const db = sql.sqlite3_open_v2(':memory:', sql.SQLITE_OPEN_READWRITE | sql.SQLITE_OPEN_CREATE, null);
  try {
    db.exec('CREATE TABLE t(x)', null);
    fn(db);
  } finally {
    db.close_v2();
  }
}

/** The one value `select` gives. @param {any} db @param {string} query @param {(stmt: any) => void} bind */
function scalar(db, query, bind = () => {}) {
  const stmt = db.prepare_v2(query);
  try {
    bind(stmt);
    assert.equal(stmt.step(), sql.SQLITE_ROW);
    return stmt.column_int(0);
  } finally {
    stmt.finalize();
  }
}

test('a NUL-terminated string with U+0000 is refused, naming the parameter', () => {
  assert.throws(() => lib.m_strlen('a\0b'), { name: 'TypeError', message: /^s: .*U\+0000/ });
  assert.throws(() => lib.m_strlen('é'.repeat(40) + '\0'), { name: 'TypeError', message: /^s: / });
  assert.throws(() => lib.m_strlen('x'.repeat(100) + '\0'), { name: 'TypeError', message: /^s: / });
  assert.equal(lib.m_strlen('abc'), 3);
  withDb((db) => {
    // exec would run only `SELECT 1;` and silently drop the rest
    assert.throws(() => db.exec('SELECT 1;\0DROP TABLE t', null), { name: 'TypeError', message: /^sql: / });
    assert.equal(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 't'"), 1);
    // a string with an explicit length keeps its NULs
    assert.equal(scalar(db, 'SELECT length(CAST(?1 AS BLOB))', (s) => s.bind_text(1, 'a\0b')), 3);
  });
});

test('a lying length cannot make C read or write past the array', () => {
  class Liar extends Float64Array {
    get length() { return 1e6; }
  }
  assert.equal(lib.m_mean(new Liar([1, 2, 3])), 2);
  let reads = 0;
  const shifty = new Proxy([1, 2, 3], {
    get(target, key) {
      if (key === 'length') return reads++ === 0 ? 3 : 100000;
      return Reflect.get(target, key);
    },
  });
  assert.equal(lib.m_mean(shifty), 2);
  assert.equal(reads, 1, 'the length is read once');
  // a mutable array C fills: copied back over the length first read
  const out = new (class extends Float64Array { get length() { return 1 << 20; } })(2);
  lib.m_fill(out, 7);
  assert.deepEqual([out[0], out[1]], [0, 7]);
  withDb((db) => {
    class LyingBytes extends Uint8Array {
      get length() { return 69632; }
      get byteLength() { return 69632; }
      get buffer() { return new ArrayBuffer(69632); }
    }
    const n = scalar(db, 'SELECT length(?1)', (s) => s.bind_blob(1, new LyingBytes([42])));
    assert.equal(n, 1, 'the blob is the one byte given');
  });
});

test('array elements are checked as scalars, with their index', () => {
  assert.throws(() => lib.m_mean([1, 'x']), { name: 'TypeError', message: /^xs\[1\]: expected a number, got string/ });
  assert.throws(() => lib.m_mean([1, {}]), { name: 'TypeError', message: /^xs\[1\]: / });
  const seen = [];
  assert.throws(() => lib.m_each([1.5], (x) => seen.push(x)), { name: 'RangeError', message: /^xs\[0\]: 1.5 / });
  assert.throws(() => lib.m_each([1, 2 ** 40], () => {}), { name: 'RangeError', message: /^xs\[1\]: / });
  assert.throws(() => lib.m_each(['1'], () => {}), { name: 'TypeError', message: /^xs\[0\]: expected a number/ });
  // a typed array of another type: converted exactly, or refused
  assert.equal(lib.m_each(new Float64Array([1, 2]), () => {}), 3n);
  assert.throws(() => lib.m_each(new Float64Array([0.5]), () => {}), { name: 'RangeError', message: /^xs\[0\]: / });
  assert.throws(() => lib.m_each(new BigInt64Array([1n]), () => {}), { name: 'TypeError', message: /^xs: expected Int32Array or an array, got BigInt64Array/ });
  assert.throws(() => lib.m_bytes_sum(new DataView(new ArrayBuffer(4))), { name: 'TypeError', message: /^data: / });
  assert.throws(() => lib.m_bytes_sum([1, 256]), { name: 'RangeError', message: /^data\[1\]: 256 / });
  assert.equal(lib.m_bytes_sum([1, 255]), 256);
});

test('a getter that grows the memory during the copy changes nothing C reads', () => {
  const growing = new Proxy([1, 2, 3], {
    get(target, key) {
      if (key === '1') lib.exports.free(lib.exports.malloc(32 << 20));
      return Reflect.get(target, key);
    },
  });
  assert.equal(lib.m_mean(growing), 2);
});

test('a handle is resolved after every conversion that can run user code', () => {
  withDb((db) => {
    const stmt = db.prepare_v2('SELECT length(?1)');
    const destroying = new Proxy([97, 98], {
      get(target, key) {
        if (key === 'length' && stmt.ptr !== 0) stmt.finalize();
        return Reflect.get(target, key);
      },
    });
    // the statement is gone by the time C would run: refused, not used
    assert.throws(() => stmt.bind_text(1, destroying), { name: 'TypeError', message: /destroyed/ });
  });
});

test('bitfields wider than 32 bits take bigints, 64 bits wide included', () => {
  const all = 2n ** 64n - 1n, wide = 2n ** 40n - 1n;
  assert.equal(lib.m_wide_sum({ all, wide, neg: -5n }), (all + wide - 5n) & (2n ** 64n - 1n));
  assert.equal(lib.m_wide_sum({ all: 1n, wide: 2, neg: 3 }), 6n); // safe integers too
  assert.throws(() => lib.m_wide_sum({ all: 0n, wide: 2n ** 40n, neg: 0n }), { name: 'RangeError', message: /wide/ });
  assert.throws(() => lib.m_wide_sum({ all: 0n, wide: 0n, neg: -(2n ** 35n) - 1n }), { name: 'RangeError', message: /neg/ });
  assert.throws(() => lib.m_wide_sum({ all: -1n, wide: 0n, neg: 0n }), { name: 'RangeError', message: /all/ });
});

test('C names that are keywords, globals, runtime names or view members', () => {
  // `then` would have made the library a thenable: `await load()` above worked
  assert.equal(lib.then_(1), 2);
  assert.equal(lib.then, undefined);
  assert.equal(lib.refresh(), 42); // not the runtime's refresh()
  assert.equal(lib.delete(3), -3);
  assert.equal(lib.undefined(2), 4);
  assert.equal(lib.m_strlen('abc'), 3); // the glue's own `undefined` is intact
  assert.equal(lib.m_ptr_field({ ptr: 2, x: 0.5 }), 2.5);
  const view = lib.MPtrField.fromPointer
    ? lib.MPtrField.fromPointer(lib.exports.malloc(lib.MPtrField.size))
    : new lib.MPtrField(lib.exports.malloc(lib.MPtrField.size));
  view.ptr_ = 5; // the field; view.ptr stays the address
  view.x = 1;
  assert.equal(lib.m_ptr_field(view), 6);
  assert.deepEqual(view.toObject(), { ptr: 5, x: 1 });
  lib.exports.free(view.ptr);
  // `__proto__` in a plain object would be its prototype: renamed
  const proto = lib.m_proto_make(4, 2);
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual({ ...proto }, { __proto___: 4, constructor: 2 });
  assert.equal(lib.m_proto_sum(proto), 42);
  assert.equal(lib.m_proto_sum({ __proto___: 1, constructor: 3 }), 13);
  assert.throws(() => lib.m_proto_sum({ constructor: 3 }), { name: 'TypeError', message: /__proto___/ });
});

test('a detached buffer is refused, naming the parameter', () => {
  const detached = () => {
    const u = new Uint8Array(8);
    structuredClone(u.buffer, { transfer: [u.buffer] });
    return u;
  };
  // found by tests/fuzz/glue.test.mjs: a TypeError that named nothing
  assert.throws(() => lib.m_mean(detached()), { name: 'TypeError', message: /^xs: / });
  assert.throws(() => lib.m_bytes_sum(detached()), { name: 'TypeError', message: /^data: / });
  withDb((db) => {
    assert.throws(() => scalar(db, 'SELECT length(?1)', (st) => st.bind_blob(1, detached())), { name: 'TypeError', message: /^arg2: / });
  });
});

test('after a trap in C the stack pointer is back and the library keeps working', () => {
  const sp = lib.exports.stackSave();
  for (let i = 0; i < 2000; i++) // 16 KiB leaked each time would exhaust the stack
    assert.throws(() => lib.m_trap(3), WebAssembly.RuntimeError);
  assert.equal(lib.exports.stackSave(), sp);
  // a trap in a call made from a callback: C's frames around it unwind it
  assert.throws(() => lib.m_apply(() => lib.m_trap(2), 1, null), WebAssembly.RuntimeError);
  assert.equal(lib.exports.stackSave(), sp);
  assert.equal(lib.m_strlen('still works'), 11);
  assert.deepEqual(lib.m_parse_vec('3,4'), { return: 0, out: { x: 3, y: 4 } });
});

test('a value SQLite lends a SQL function cannot be freed by it: only a sqlite3_value_dup copy', () => {
  withDb((db) => {
    db.create_function_v2('grab', 1, sql.SQLITE_UTF8, (ctx, args) => {
      const copy = args[0].dup();
      copy.free(); // owned: its own
      args[0].free(); // lent: SQLite's
    }, null, null, null);
    assert.throws(() => scalar(db, 'SELECT grab(42)'), { name: 'TypeError', message: /this sqlite3_value is lent by C, not owned/ });
    assert.equal(scalar(db, 'SELECT 40 + 2'), 42, 'SQLite is fine');
  });
});

test('sqlite3_close invalidates its connection when it succeeds, and only then', () => {
  const flags = sql.SQLITE_OPEN_READWRITE | sql.SQLITE_OPEN_CREATE;
  const db = sql.sqlite3_open_v2(':memory:', flags, null);
  const stmt = db.prepare_v2('SELECT 1');
  // SQLITE_BUSY: a statement is open, the connection stays
  assert.throws(() => db.close(), { code: sql.SQLITE_BUSY });
  assert.notEqual(db.ptr, 0);
  stmt.finalize();
  db.close();
  assert.equal(db.ptr, 0);
  // the next connection may get the same address: the old handle cannot reach it
  const next = sql.sqlite3_open_v2(':memory:', flags, null);
  try {
    next.exec('CREATE TABLE kept(x)', null);
    assert.throws(() => db.exec('DROP TABLE kept', null), { name: 'TypeError', message: /destroyed/ });
    assert.throws(() => db.close(), { name: 'TypeError', message: /destroyed/ });
    db[Symbol.dispose](); // already destroyed: does not close `next`
    const check = next.prepare_v2("SELECT count(*) FROM sqlite_master WHERE name = 'kept'");
    assert.equal(check.step(), sql.SQLITE_ROW);
    assert.equal(check.column_int(0), 1);
    check.finalize();
  } finally {
    next.close_v2();
  }
});

test('sqlite3_mprintf: arguments typed by the format, %q and %Q quoting for SQL', () => {
  assert.equal(sql.sqlite3_mprintf("INSERT INTO t VALUES('%q', %Q, %d)", "it's", null, 7),
    "INSERT INTO t VALUES('it''s', NULL, 7)");
  assert.equal(sql.sqlite3_mprintf('%Q', "o'k"), "'o''k'");
  assert.throws(() => sql.sqlite3_mprintf('%z', 'x'), { name: 'TypeError', message: /cannot be typed/ });
  assert.throws(() => sql.sqlite3_mprintf('%s'), { name: 'TypeError', message: /takes 1 arguments, got 0/ });
  assert.throws(() => sql.sqlite3_mprintf('%d', 'x'), { name: 'TypeError', message: /argument 1/ });
});

test("SQLite's hooks are kept until replaced or the connection closes", () => {
  const db = sql.sqlite3_open_v2(':memory:', sql.SQLITE_OPEN_READWRITE | sql.SQLITE_OPEN_CREATE, null);
  db.exec('CREATE TABLE t(x)', null);
  const seen = [];
  db.update_hook((op, dbName, table, rowid) => seen.push([op, dbName, table, rowid]));
  let commits = 0;
  db.commit_hook(() => { commits++; return 0; });
  db.exec('INSERT INTO t VALUES (1)', null); // hooks run in later calls
  db.exec('INSERT INTO t VALUES (2)', null);
  assert.deepEqual(seen, [[sql.SQLITE_INSERT, 'main', 't', 1n], [sql.SQLITE_INSERT, 'main', 't', 2n]]);
  assert.equal(commits, 2);
  db.update_hook((op) => seen.push(['second', op]));
  db.exec('DELETE FROM t WHERE x = 1', null);
  assert.deepEqual(seen.at(-1), ['second', sql.SQLITE_DELETE]);
  db.update_hook(null);
  db.exec('INSERT INTO t VALUES (3)', null);
  assert.equal(seen.length, 3);
  // a commit hook that says no turns the commit into a rollback
  db.commit_hook(() => 1);
  assert.throws(() => db.exec('INSERT INTO t VALUES (4)', null), { code: sql.SQLITE_CONSTRAINT });
  db.commit_hook(null);
  let denied = 0;
  db.set_authorizer((action, a, b) => (action === sql.SQLITE_DELETE && a === 't' ? (denied++, sql.SQLITE_DENY) : sql.SQLITE_OK));
  assert.throws(() => db.exec('DELETE FROM t', null), { code: sql.SQLITE_AUTH });
  assert.equal(denied, 1);
  db.close_v2();
});

test('UTF-16 functions take and give JS strings (rules utf16)', () => {
  const db = sql.sqlite3_open16(':memory:');
  try {
    const text = 'h\u00e9llo \u2713 \u{1F600}';
    const stmt = db.prepare16_v2("SELECT ?1, 'x' || ?1, length(?1)");
    stmt.bind_text16(1, text);
    assert.equal(stmt.step(), sql.SQLITE_ROW);
    assert.equal(stmt.column_text16(0), text);
    assert.equal(stmt.column_text16(1), 'x' + text);
    assert.equal(stmt.column_int(2), [...text].length);
    stmt.finalize();
    assert.throws(() => db.prepare16_v2('SELEC 1'), { name: 'Sqlite3Error' });
    assert.match(db.errmsg16(), /syntax error/);
  } finally {
    db.close_v2();
  }
});
