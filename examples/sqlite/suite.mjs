// @ts-check
// The SQLite example's test scenario, run by Node (tests/examples/sqlite.test.mjs,
// with node:test and node:assert) and by a browser page (examples/sqlite/index.html,
// with the page's own checks): the same calls through the same generated
// bindings, build/examples/sqlite/sqlite3.js, to the same sqlite3.wasm.
//
//   runSuite(lib, t)   lib: what load() returned; t: the harness, with
//     t.test(name, fn)             registers a test (fn may be async)
//     t.equal(actual, expected, message?)       strict (Object.is)
//     t.deepEqual(actual, expected, message?)   deep and strict, typed arrays included
//     t.ok(value, message?)
//
// The JS API is the one examples/sqlite/sqlite3.rules asks of the generator:
// connections and statements are classes (lib.sqlite3, lib.sqlite3_stmt)
// with methods, result codes other than OK/ROW/DONE throw lib.Sqlite3Error,
// out-parameters are results, strings and blobs carry their lengths, and
// callbacks are closures.

/** @typedef {{ test(name: string, fn: () => unknown): unknown, equal(a: unknown, b: unknown, message?: string): void,
 *   deepEqual(a: unknown, b: unknown, message?: string): void, ok(value: unknown, message?: string): void }} Harness */

/** @param {any} lib @param {Harness} t */
export function runSuite(lib, t) {
  const enc = new TextEncoder();

  /** Calls fn, which must throw an instance of type whose properties match
   * props (a RegExp tests a string property); returns what was thrown.
   * @param {() => unknown} fn @param {Function} type @param {Record<string, unknown>} [props] */
  function raises(fn, type, props = {}) {
    /** @type {any} */
    let error;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    t.ok(error !== undefined, `expected a ${type.name}, nothing was thrown`);
    t.ok(error instanceof type, `expected a ${type.name}, got ${error?.constructor?.name}: ${error?.message}`);
    for (const [key, want] of Object.entries(props)) {
      if (want instanceof RegExp) t.ok(want.test(error[key]), `${key}: ${JSON.stringify(error[key])} does not match ${want}`);
      else t.equal(error[key], want, `${key} of the ${type.name}`);
    }
    return error;
  }

  /** A fresh in-memory connection. */
  const open = () => lib.sqlite3_open_v2(':memory:', lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, null);

  /** Finalizes a statement whose last step failed: sqlite3_finalize then
   * reports that error again (a Sqlite3Error), and frees the statement all
   * the same. @param {any} stmt */
  function finalizeAfterError(stmt) {
    try {
      stmt.finalize();
    } catch (e) {
      t.ok(e instanceof lib.Sqlite3Error, `finalize: ${e}`);
    }
  }

  /** The rows of a query, each an array of column values read by type.
   * @param {any} db @param {string} sql @param {unknown[]} [params] */
  function rows(db, sql, params = []) {
    const stmt = db.prepare_v2(sql);
    try {
      params.forEach((p, i) => bind(stmt, i + 1, p));
      const out = [];
      while (stmt.step() === lib.SQLITE_ROW) {
        const row = [];
        for (let i = 0; i < stmt.column_count(); i++) row.push(column(stmt, i));
        out.push(row);
      }
      return out;
    } finally {
      stmt.finalize();
    }
  }

  /** Binds a JS value with the bind_* that fits it. @param {any} stmt @param {number} i @param {unknown} v */
  function bind(stmt, i, v) {
    if (v === null) stmt.bind_null(i);
    else if (typeof v === 'bigint') stmt.bind_int64(i, v);
    else if (typeof v === 'number' && v === (v | 0) && !Object.is(v, -0)) stmt.bind_int(i, v);
    else if (typeof v === 'number' && Number.isSafeInteger(v)) stmt.bind_int64(i, v);
    else if (typeof v === 'number') stmt.bind_double(i, v);
    else if (typeof v === 'string') stmt.bind_text(i, v);
    else if (v instanceof Uint8Array) stmt.bind_blob(i, v);
    else throw new TypeError(`cannot bind ${v}`);
  }

  /** Reads column i as its storage class says. @param {any} stmt @param {number} i */
  function column(stmt, i) {
    switch (stmt.column_type(i)) {
      case lib.SQLITE_INTEGER: return stmt.column_int64(i);
      case lib.SQLITE_FLOAT: return stmt.column_double(i);
      case lib.SQLITE_TEXT: return stmt.column_text(i);
      case lib.SQLITE_BLOB: return stmt.column_blob(i) ?? new Uint8Array(0);
      default: return null;
    }
  }

  t.test('constants and the library version', () => {
    t.equal(lib.SQLITE_OK, 0);
    t.equal(lib.SQLITE_ERROR, 1);
    t.equal(lib.SQLITE_CONSTRAINT, 19);
    t.equal(lib.SQLITE_ROW, 100);
    t.equal(lib.SQLITE_DONE, 101);
    t.deepEqual([lib.SQLITE_INTEGER, lib.SQLITE_FLOAT, lib.SQLITE_TEXT, lib.SQLITE_BLOB, lib.SQLITE_NULL], [1, 2, 3, 4, 5]);
    t.equal(lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, 6);
    t.equal(lib.sqlite3_libversion(), '3.53.2');
    t.equal(lib.sqlite3_libversion_number(), 3053002);
    t.equal(lib.sqlite3_threadsafe(), 0);
    t.equal(lib.sqlite3_compileoption_used('OMIT_LOAD_EXTENSION'), 1);
  });

  t.test('sqlite3_open_v2 returns a connection, close_v2 closes it', () => {
    const db = open();
    t.ok(db instanceof lib.sqlite3, 'db is a lib.sqlite3');
    t.equal(db.get_autocommit(), 1);
    t.equal(db.exec('SELECT 1', null), lib.SQLITE_OK);
    db.close_v2();
    raises(() => db.exec('SELECT 1', null), TypeError);
  });

  t.test('opening a file fails: this build has no file system', () => {
    const e = raises(() => lib.sqlite3_open_v2('/data/app.db', lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, null),
      lib.Sqlite3Error, { code: lib.SQLITE_CANTOPEN, function: 'sqlite3_open_v2', message: /unable to open database file/ });
    t.ok(e instanceof Error, 'a Sqlite3Error is an Error');
  });

  t.test('exec runs SQL and calls back with each row as strings', () => {
    const db = open();
    t.equal(db.exec('CREATE TABLE t(a INTEGER, b REAL, c TEXT, d BLOB, e)', null), lib.SQLITE_OK);
    t.equal(db.exec("INSERT INTO t VALUES (1, 1.5, 'un', x'00ff', NULL), (2, -0.25, 'deux', NULL, 'x')", null), lib.SQLITE_OK);
    /** @type {unknown[]} */
    const seen = [];
    const rc = db.exec('SELECT a, b, c, e FROM t ORDER BY a', (/** @type {unknown} */ values, /** @type {unknown} */ names) => {
      seen.push({ values, names });
      return 0;
    });
    t.equal(rc, lib.SQLITE_OK);
    t.deepEqual(seen, [
      { values: ['1', '1.5', 'un', null], names: ['a', 'b', 'c', 'e'] },
      { values: ['2', '-0.25', 'deux', 'x'], names: ['a', 'b', 'c', 'e'] },
    ]);
    db.close_v2();
  });

  t.test('exec stops when the callback returns non-zero or throws', () => {
    const db = open();
    db.exec('CREATE TABLE n(x); INSERT INTO n VALUES (1), (2), (3)', null);
    let calls = 0;
    raises(() => db.exec('SELECT x FROM n', () => ++calls), lib.Sqlite3Error, { code: lib.SQLITE_ABORT });
    t.equal(calls, 1, 'a non-zero return stops after the first row');
    const boom = new Error('stop here');
    calls = 0;
    let caught;
    try {
      db.exec('SELECT x FROM n', () => {
        calls++;
        throw boom;
      });
    } catch (e) {
      caught = e;
    }
    t.equal(caught, boom, 'the callback\'s own Error reaches the caller of exec');
    t.equal(calls, 1);
    t.deepEqual(rows(db, 'SELECT count(*) FROM n'), [[3n]], 'the connection still works');
    db.close_v2();
  });

  t.test('prepare_v2, bind_*, step, column_*: every storage class', () => {
    const db = open();
    db.exec('CREATE TABLE t(a INTEGER, b REAL, c TEXT, d BLOB, e)', null);
    const insert = db.prepare_v2('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
    t.ok(insert instanceof lib.sqlite3_stmt, 'a statement is a lib.sqlite3_stmt');
    insert.bind_int64(1, 1n << 40n);
    insert.bind_int(1, 7); // rebinding replaces
    insert.bind_double(2, 1.5);
    insert.bind_text(3, 'héllo 🌍');
    insert.bind_blob(4, new Uint8Array([0, 1, 255]));
    insert.bind_null(5);
    t.equal(insert.step(), lib.SQLITE_DONE);
    insert.finalize();

    const select = db.prepare_v2('SELECT a, b, c, d, e FROM t');
    t.equal(select.column_count(), 5);
    t.deepEqual([0, 1, 2, 3, 4].map((i) => select.column_name(i)), ['a', 'b', 'c', 'd', 'e']);
    t.equal(select.step(), lib.SQLITE_ROW);
    t.deepEqual([0, 1, 2, 3, 4].map((i) => select.column_type(i)),
      [lib.SQLITE_INTEGER, lib.SQLITE_FLOAT, lib.SQLITE_TEXT, lib.SQLITE_BLOB, lib.SQLITE_NULL]);
    t.equal(select.column_int(0), 7);
    t.equal(select.column_int64(0), 7n);
    t.equal(select.column_double(1), 1.5);
    t.equal(select.column_text(2), 'héllo 🌍');
    t.deepEqual(select.column_blob(3), new Uint8Array([0, 1, 255]));
    t.equal(select.column_text(4), null);
    t.equal(select.column_blob(4), null);
    t.equal(select.column_text(0), '7', 'SQLite converts an integer to text');
    t.equal(select.step(), lib.SQLITE_DONE);
    select.finalize();
    db.close_v2();
  });

  t.test('text: UTF-8 both ways, and an embedded NUL kept whole', () => {
    const db = open();
    const samples = ['', 'plain ASCII', 'héllo wörld, ça va ?', '🌍🚀 emoji, 𝄞', '日本語のテキスト 中文 한국어', 'a\0b', '\0 leading and trailing \0'];
    for (const s of samples) {
      const [[text, hex, bytes]] = rows(db, 'SELECT ?1, hex(?1), octet_length(?1)', [s]);
      t.equal(text, s, `round trip of ${JSON.stringify(s)}`);
      const utf8 = enc.encode(s);
      t.equal(bytes, BigInt(utf8.length), `${JSON.stringify(s)} reached SQLite as ${utf8.length} bytes`);
      t.equal(hex, Array.from(utf8, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(''));
    }
    t.deepEqual(rows(db, "SELECT upper('straße'), length('日本語'), 'x' || ?", ['🌍']), [['STRAßE', 3n, 'x🌍']]);
    db.close_v2();
  });

  t.test('64-bit integers round trip as BigInt, beyond 2^53', () => {
    const db = open();
    for (const v of [0n, -1n, 9007199254740993n, -9007199254740993n, 1n << 62n, 9223372036854775807n, -9223372036854775808n]) {
      const stmt = db.prepare_v2('SELECT ?1, ?1 + 0 = ?1, typeof(?1)');
      stmt.bind_int64(1, v);
      t.equal(stmt.step(), lib.SQLITE_ROW);
      t.equal(stmt.column_int64(0), v, `${v}`);
      t.equal(stmt.column_type(0), lib.SQLITE_INTEGER);
      t.equal(stmt.column_text(2), 'integer');
      stmt.finalize();
    }
    t.deepEqual(rows(db, 'SELECT 9007199254740993, 9007199254740992 + 1'), [[9007199254740993n, 9007199254740993n]]);
    t.deepEqual(rows(db, 'SELECT ?', [2 ** 31]), [[2147483648n]], 'bind_int64 takes a safe-integer number too');
    const narrow = db.prepare_v2('SELECT ?');
    raises(() => narrow.bind_int(1, 2 ** 31), RangeError); // bind_int takes an int, checked before C runs
    narrow.finalize();
    db.close_v2();
  });

  t.test('doubles', () => {
    const db = open();
    for (const x of [0.1 + 0.2, Math.PI, -1e-300, 1.7976931348623157e308, 5e-324, -0.5]) {
      const [[back]] = rows(db, 'SELECT ?', [x]);
      t.equal(back, x, `${x}`);
    }
    const [[sum, third]] = rows(db, 'SELECT 0.1 + 0.2, 1.0 / 3');
    t.equal(sum, 0.1 + 0.2);
    t.equal(third, 1 / 3);
    db.close_v2();
  });

  t.test('NULL', () => {
    const db = open();
    const stmt = db.prepare_v2('SELECT ?, NULL');
    stmt.bind_null(1);
    t.equal(stmt.step(), lib.SQLITE_ROW);
    for (const i of [0, 1]) {
      t.equal(stmt.column_type(i), lib.SQLITE_NULL);
      t.equal(stmt.column_text(i), null);
      t.equal(stmt.column_blob(i), null);
      t.equal(stmt.column_int(i), 0);
      t.equal(stmt.column_int64(i), 0n);
      t.equal(stmt.column_double(i), 0);
    }
    stmt.finalize();
    db.close_v2();
  });

  t.test('blobs: bytes, empty, large, and copies', () => {
    const db = open();
    const stmt = db.prepare_v2('SELECT ?1, typeof(?1), length(?1)');
    stmt.bind_blob(1, new Uint8Array(0));
    t.equal(stmt.step(), lib.SQLITE_ROW);
    t.equal(stmt.column_text(1), 'blob', 'an empty Uint8Array is an empty blob, not NULL');
    t.equal(stmt.column_int(2), 0);
    t.equal(stmt.column_blob(0), null, 'a zero-length blob reads as null');
    stmt.reset();
    const big = new Uint8Array(300_000).map((_, i) => (i * 31 + 7) & 255);
    stmt.bind_blob(1, big);
    t.equal(stmt.step(), lib.SQLITE_ROW);
    const back = stmt.column_blob(0);
    t.ok(back instanceof Uint8Array, 'column_blob gives a Uint8Array');
    t.equal(back.length, big.length);
    t.deepEqual(back, big);
    back[0] ^= 255; // a copy: changing it changes nothing in SQLite
    t.deepEqual(stmt.column_blob(0), big);
    stmt.finalize();
    t.deepEqual(rows(db, "SELECT x'', x'DEADBEEF', zeroblob(3)"),
      [[new Uint8Array(0), new Uint8Array([0xde, 0xad, 0xbe, 0xef]), new Uint8Array(3)]]);
    db.close_v2();
  });

  t.test('empty SQL prepares to null', () => {
    const db = open();
    t.equal(db.prepare_v2(''), null);
    t.equal(db.prepare_v2('   -- only a comment'), null);
    t.equal(db.prepare_v2('/* another */'), null);
    db.close_v2();
  });

  t.test('reset, clear_bindings and reuse of a statement', () => {
    const db = open();
    db.exec('CREATE TABLE r(k INTEGER, v TEXT)', null);
    const insert = db.prepare_v2('INSERT INTO r VALUES (?, ?)');
    db.exec('BEGIN', null);
    for (let k = 1; k <= 100; k++) {
      insert.bind_int(1, k);
      insert.bind_text(2, `row ${k}`);
      t.equal(insert.step(), lib.SQLITE_DONE);
      insert.reset();
    }
    insert.clear_bindings();
    t.equal(insert.step(), lib.SQLITE_DONE, 'cleared parameters are NULL');
    insert.finalize();
    db.exec('COMMIT', null);
    t.deepEqual(rows(db, 'SELECT count(*), sum(k), count(v), max(v) FROM r'), [[101n, 5050n, 100n, 'row 99']]);
    db.close_v2();
  });

  t.test('a syntax error throws Sqlite3Error with SQLite\'s message', () => {
    const db = open();
    const e = raises(() => db.prepare_v2('SELEC 1'), lib.Sqlite3Error,
      { code: lib.SQLITE_ERROR, function: 'sqlite3_prepare_v2', message: /syntax error/ });
    t.ok(e instanceof Error);
    t.ok(/near "SELEC"/.test(e.message), e.message);
    raises(() => db.exec('SELECT * FROM nowhere', null), lib.Sqlite3Error,
      { code: lib.SQLITE_ERROR, function: 'sqlite3_exec', message: /no such table: nowhere/ });
    t.deepEqual(rows(db, 'SELECT 1'), [[1n]], 'the connection still works');
    db.close_v2();
  });

  t.test('constraint violations throw from step with SQLITE_CONSTRAINT', () => {
    const db = open();
    db.exec('CREATE TABLE u(x INTEGER NOT NULL UNIQUE)', null);
    db.exec('INSERT INTO u VALUES (1)', null);
    let stmt = db.prepare_v2('INSERT INTO u VALUES (?)');
    stmt.bind_int(1, 1);
    raises(() => stmt.step(), lib.Sqlite3Error,
      { code: lib.SQLITE_CONSTRAINT, function: 'sqlite3_step', message: /UNIQUE constraint failed: u\.x/ });
    finalizeAfterError(stmt);
    stmt = db.prepare_v2('INSERT INTO u VALUES (?)');
    stmt.bind_null(1);
    raises(() => stmt.step(), lib.Sqlite3Error, { code: lib.SQLITE_CONSTRAINT, message: /NOT NULL constraint failed: u\.x/ });
    finalizeAfterError(stmt);
    raises(() => db.exec('INSERT INTO u VALUES (1)', null), lib.Sqlite3Error, { code: lib.SQLITE_CONSTRAINT });
    t.deepEqual(rows(db, 'SELECT x FROM u'), [[1n]], 'nothing was inserted, the connection still works');
    db.close_v2();
  });

  t.test('closed and mistyped handles are TypeErrors, never a double free', () => {
    const db = open();
    const stmt = db.prepare_v2('SELECT 1');
    raises(() => lib.sqlite3_exec(stmt, 'SELECT 1', null), TypeError);
    raises(() => lib.sqlite3_step(db), TypeError);
    raises(() => lib.sqlite3_step({}), TypeError);
    stmt.finalize();
    raises(() => stmt.step(), TypeError);
    raises(() => stmt.finalize(), TypeError);
    raises(() => lib.sqlite3_finalize(stmt), TypeError);
    t.equal(typeof stmt[Symbol.dispose], 'function', 'statements are disposable');
    const other = db.prepare_v2('SELECT 2');
    other[Symbol.dispose]();
    raises(() => other.step(), TypeError);
    t.deepEqual(rows(db, 'SELECT 3'), [[3n]]);
    t.equal(typeof db[Symbol.dispose], 'function', 'connections are disposable');
    db[Symbol.dispose]();
    raises(() => db.prepare_v2('SELECT 1'), TypeError);
  });

  t.test('the functions are there too, with the same semantics as the methods', () => {
    const db = open();
    const stmt = lib.sqlite3_prepare_v2(db, 'SELECT 42');
    t.ok(stmt instanceof lib.sqlite3_stmt);
    t.equal(lib.sqlite3_step(stmt), lib.SQLITE_ROW);
    t.equal(lib.sqlite3_column_int(stmt, 0), 42);
    t.equal(lib.sqlite3_step(stmt), lib.SQLITE_DONE);
    t.equal(lib.sqlite3_finalize(stmt), lib.SQLITE_OK);
    t.equal(lib.sqlite3_exec(db, 'CREATE TABLE f(x UNIQUE); INSERT INTO f VALUES (1)', null), lib.SQLITE_OK);
    const again = lib.sqlite3_prepare_v2(db, 'INSERT INTO f VALUES (1)');
    raises(() => lib.sqlite3_step(again), lib.Sqlite3Error, { code: lib.SQLITE_CONSTRAINT, function: 'sqlite3_step' });
    finalizeAfterError(again);
    t.equal(lib.sqlite3_errmsg(db), 'UNIQUE constraint failed: f.x');
    lib.sqlite3_close_v2(db);
  });

  t.test('transactions: ROLLBACK undoes, COMMIT keeps', () => {
    const db = open();
    db.exec('CREATE TABLE a(x); INSERT INTO a VALUES (1)', null);
    db.exec('BEGIN', null);
    t.equal(db.get_autocommit(), 0);
    db.exec('INSERT INTO a VALUES (2); INSERT INTO a VALUES (3)', null);
    t.deepEqual(rows(db, 'SELECT count(*) FROM a'), [[3n]]);
    db.exec('ROLLBACK', null);
    t.equal(db.get_autocommit(), 1);
    t.deepEqual(rows(db, 'SELECT x FROM a'), [[1n]]);
    db.exec('BEGIN', null);
    db.exec('INSERT INTO a VALUES (4)', null);
    db.exec('COMMIT', null);
    t.deepEqual(rows(db, 'SELECT x FROM a ORDER BY x'), [[1n], [4n]]);
    db.close_v2();
  });

  t.test('a SQL function written in JS', () => {
    const db = open();
    const flags = lib.SQLITE_UTF8 | lib.SQLITE_DETERMINISTIC;
    t.equal(db.create_function_v2('twice', 1, flags, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      ctx.result_int(args[0].int() * 2);
    }, null, null, null), lib.SQLITE_OK);
    t.deepEqual(rows(db, 'SELECT twice(21)'), [[42n]]);
    t.deepEqual(rows(db, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000)
      SELECT sum(twice(x)) FROM c`), [[1001000n]], 'called 1000 times in one statement');
    /** @type {unknown[]} */
    const values = [];
    db.exec('SELECT twice(2), twice(-4)', (/** @type {unknown} */ v) => {
      values.push(v);
      return 0;
    });
    t.deepEqual(values, [['4', '-8']]);
    db.close_v2();
  });

  t.test('a SQL function reads its arguments as sqlite3_value handles', () => {
    const db = open();
    /** @type {unknown[]} */
    let seen = [];
    db.create_function_v2('inspect', -1, lib.SQLITE_UTF8, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      seen = args.map((v) => {
        t.ok(v instanceof lib.sqlite3_value, 'an argument is a lib.sqlite3_value');
        const type = v.type();
        switch (type) {
          case lib.SQLITE_INTEGER: return ['integer', v.int64(), v.int()]; // int(): the low 32 bits
          case lib.SQLITE_FLOAT: return ['float', v.double()];
          case lib.SQLITE_TEXT: return ['text', v.text(), v.bytes()];
          case lib.SQLITE_BLOB: return ['blob', v.blob(), v.bytes()]; // a copy: compared after the call
          default: return ['null', v.text(), v.blob()];
        }
      });
      ctx.result_int(args.length);
    }, null, null, null);
    const stmt = db.prepare_v2('SELECT inspect(?, ?, ?, ?, ?, ?)');
    [9007199254740993n, 2.5, 'ç 🌍 a\0b', new Uint8Array([7, 0, 9]), null, 5].forEach((v, i) => bind(stmt, i + 1, v));
    t.equal(stmt.step(), lib.SQLITE_ROW);
    t.equal(stmt.column_int(0), 6);
    stmt.finalize();
    t.deepEqual(seen, [
      ['integer', 9007199254740993n, 1],
      ['float', 2.5],
      ['text', 'ç 🌍 a\0b', enc.encode('ç 🌍 a\0b').length],
      ['blob', new Uint8Array([7, 0, 9]), 3],
      ['null', null, null],
      ['integer', 5n, 5],
    ]);
    t.deepEqual(rows(db, 'SELECT inspect()'), [[0n]]);
    db.close_v2();
  });

  t.test('a SQL function returns every type with result_*', () => {
    const db = open();
    db.create_function_v2('make', 1, lib.SQLITE_UTF8, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      switch (args[0].text()) {
        case 'int64': return ctx.result_int64(-9007199254740993n);
        case 'double': return ctx.result_double(0.1);
        case 'text': return ctx.result_text('日本 🌍 a\0z');
        case 'blob': return ctx.result_blob(new Uint8Array([1, 2, 3, 255]));
        case 'empty': return ctx.result_text('');
        default: return ctx.result_null();
      }
    }, null, null, null);
    t.deepEqual(rows(db, "SELECT make('int64'), make('double'), make('text'), make('blob'), make('empty'), make('null')"),
      [[-9007199254740993n, 0.1, '日本 🌍 a\0z', new Uint8Array([1, 2, 3, 255]), '', null]]);
    t.deepEqual(rows(db, "SELECT typeof(make('int64')), typeof(make('blob')), typeof(make('null')), octet_length(make('text'))"),
      [['integer', 'blob', 'null', BigInt(enc.encode('日本 🌍 a\0z').length)]]);
    db.close_v2();
  });

  t.test('result_error makes step throw Sqlite3Error with that message', () => {
    const db = open();
    db.create_function_v2('fail', 0, lib.SQLITE_UTF8, (/** @type {any} */ ctx) => ctx.result_error('bad'), null, null, null);
    const stmt = db.prepare_v2('SELECT fail()');
    raises(() => stmt.step(), lib.Sqlite3Error, { code: lib.SQLITE_ERROR, message: 'bad', function: 'sqlite3_step' });
    finalizeAfterError(stmt);
    db.create_function_v2('fail', 0, lib.SQLITE_UTF8, (/** @type {any} */ ctx) => ctx.result_error('échec 🌍'), null, null, null);
    raises(() => db.exec('SELECT fail()', null), lib.Sqlite3Error, { message: 'échec 🌍' });
    t.deepEqual(rows(db, 'SELECT 1'), [[1n]]);
    db.close_v2();
  });

  t.test('a SQL function that throws: the same Error reaches the caller', () => {
    const db = open();
    const boom = new RangeError('boom from JS');
    let calls = 0;
    db.create_function_v2('explode', 1, lib.SQLITE_UTF8, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      calls++;
      if (args[0].int() === 3) throw boom;
      ctx.result_int(args[0].int());
    }, null, null, null);
    const stmt = db.prepare_v2('SELECT explode(x) FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)');
    t.equal(stmt.step(), lib.SQLITE_ROW);
    t.equal(stmt.step(), lib.SQLITE_ROW);
    let caught;
    try {
      stmt.step();
    } catch (e) {
      caught = e;
    }
    t.equal(caught, boom, 'step throws the function\'s own RangeError');
    t.equal(calls, 3, 'SQLite stopped at the row that threw');
    finalizeAfterError(stmt);
    caught = undefined;
    try {
      db.exec('SELECT explode(3)', null);
    } catch (e) {
      caught = e;
    }
    t.equal(caught, boom, 'exec throws it too');
    t.equal(db.get_autocommit(), 1);
    t.deepEqual(rows(db, 'SELECT explode(7), explode(8)'), [[7n, 8n]], 'the connection and the function still work');
    db.close_v2();
  });

  t.test('xDestroy runs when SQLite drops the function', () => {
    const db = open();
    /** @type {string[]} */
    const log = [];
    const register = (/** @type {string} */ tag) => db.create_function_v2('tagged', 0, lib.SQLITE_UTF8,
      (/** @type {any} */ ctx) => ctx.result_text(tag), null, null, () => log.push(`destroy ${tag}`));
    register('first');
    t.deepEqual(rows(db, 'SELECT tagged()'), [['first']]);
    t.deepEqual(log, []);
    register('second');
    t.deepEqual(log, ['destroy first'], 're-registering the name drops the first function');
    t.deepEqual(rows(db, 'SELECT tagged()'), [['second']]);
    db.close_v2();
    t.deepEqual(log, ['destroy first', 'destroy second'], 'closing the connection drops the second');
  });
}
