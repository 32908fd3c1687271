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

  t.test('sqlite3_db_config, variadic: its arguments typed by the JS values', () => {
    const db = open();
    t.deepEqual(rows(db, 'PRAGMA foreign_keys'), [[0n]]);
    t.equal(db.db_config(lib.SQLITE_DBCONFIG_ENABLE_FKEY, 1, null), lib.SQLITE_OK);
    t.deepEqual(rows(db, 'PRAGMA foreign_keys'), [[1n]], 'the option C read from the variadic arguments');
    t.equal(db.db_config(lib.SQLITE_DBCONFIG_ENABLE_FKEY, 0, null), lib.SQLITE_OK);
    t.deepEqual(rows(db, 'PRAGMA foreign_keys'), [[0n]]);
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

  // ---------------------------------------------------------------- the rest of the C API

  const dec = new TextDecoder();

  /** A natural order for a collation: digit runs compare as numbers ('a2' < 'a10'),
   * the rest by code point. @param {string} a @param {string} b */
  function natural(a, b) {
    const re = /(\d+)|(\D+)/g;
    const xs = a.match(re) ?? [], ys = b.match(re) ?? [];
    for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
      const x = xs[i], y = ys[i];
      const d = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      if (d) return Math.sign(d);
    }
    return Math.sign(xs.length - ys.length);
  }

  /** Per-group JS state for aggregate and window functions: SQLite zeroes
   * sqlite3_aggregate_context's bytes when a group starts and frees them
   * after xFinal; they hold the number of the group's state in `states`.
   * @template T @param {any} ctx @param {Map<number, T>} states @param {() => T} init */
  function groupState(ctx, states, init) {
    const mem = ctx.aggregate_context(4); // a Uint8Array over SQLite's 4 bytes
    t.ok(mem instanceof Uint8Array && mem.length === 4, 'aggregate_context(4) is 4 bytes');
    let id = mem[0] | (mem[1] << 8) | (mem[2] << 16);
    if (id === 0) {
      id = (groupState.next = (groupState.next % 0xffffff) + 1);
      mem.set([id & 255, (id >> 8) & 255, id >> 16]);
      states.set(id, init());
    }
    return { id, state: /** @type {T} */ (states.get(id)) };
  }
  groupState.next = 0;

  t.test('update, commit and rollback hooks see each change; a commit hook can veto', () => {
    const db = open();
    db.exec('CREATE TABLE h(x)', null);
    /** @type {unknown[]} */
    const log = [];
    db.update_hook((/** @type {number} */ op, /** @type {string} */ dbName, /** @type {string} */ table, /** @type {bigint} */ rowid) =>
      log.push(['update', op, dbName, table, rowid]));
    let veto = false;
    db.commit_hook(() => {
      log.push(['commit']);
      return veto ? 1 : 0;
    });
    db.rollback_hook(() => log.push(['rollback']));
    db.exec("INSERT INTO h VALUES ('a'), ('b'); UPDATE h SET x = 'c' WHERE rowid = 2; DELETE FROM h WHERE rowid = 1", null);
    t.deepEqual(log, [
      ['update', lib.SQLITE_INSERT, 'main', 'h', 1n], ['update', lib.SQLITE_INSERT, 'main', 'h', 2n], ['commit'],
      ['update', lib.SQLITE_UPDATE, 'main', 'h', 2n], ['commit'],
      ['update', lib.SQLITE_DELETE, 'main', 'h', 1n], ['commit'],
    ], 'one update per row, one commit per autocommit statement');
    log.length = 0;
    db.exec('BEGIN; INSERT INTO h VALUES (1); ROLLBACK', null);
    t.deepEqual(log, [['update', lib.SQLITE_INSERT, 'main', 'h', 3n], ['rollback']]);
    log.length = 0;
    veto = true;
    raises(() => db.exec("INSERT INTO h VALUES ('vetoed')", null), lib.Sqlite3Error, { code: lib.SQLITE_CONSTRAINT });
    t.deepEqual(log, [['update', lib.SQLITE_INSERT, 'main', 'h', 3n], ['commit'], ['rollback']], 'a non-zero commit hook turns COMMIT into a rollback');
    t.deepEqual(rows(db, 'SELECT rowid, x FROM h'), [[2n, 'c']], 'the vetoed row is gone');
    db.update_hook(null);
    db.commit_hook(null);
    db.rollback_hook(null);
    log.length = 0;
    db.exec('INSERT INTO h VALUES (4)', null);
    t.deepEqual(log, [], 'null removes the hooks');
    db.close_v2();
  });

  t.test('a collation with a JS comparator, kept until xDestroy', () => {
    const db = open();
    /** @type {string[]} */
    const log = [];
    let calls = 0;
    const register = (/** @type {string} */ tag, /** @type {(a: string, b: string) => number} */ cmp) =>
      db.create_collation_v2('nat', lib.SQLITE_UTF8, (/** @type {Uint8Array} */ a, /** @type {Uint8Array} */ b) => {
        calls++;
        return cmp(dec.decode(a), dec.decode(b));
      }, () => log.push(`destroy ${tag}`));
    t.equal(register('natural', natural), lib.SQLITE_OK);
    const words = ['file10', 'file2', 'File1', 'file1', 'é9', 'file20b', 'file20a', '日本2', '日本10', ''];
    db.exec('CREATE TABLE w(s TEXT COLLATE nat)', null);
    const insert = db.prepare_v2('INSERT INTO w VALUES (?)');
    for (const w of words) {
      insert.bind_text(1, w);
      insert.step();
      insert.reset();
    }
    insert.finalize();
    const sorted = [...words].sort(natural);
    t.deepEqual(rows(db, 'SELECT s FROM w ORDER BY s').map((r) => r[0]), sorted, 'ORDER BY follows the JS comparator');
    db.exec('CREATE INDEX w_s ON w(s)', null);
    t.deepEqual(rows(db, "SELECT s FROM w WHERE s > 'file9' ORDER BY s").map((r) => r[0]), sorted.filter((w) => natural(w, 'file9') > 0),
      'an index built with the collation answers range queries');
    t.deepEqual(rows(db, "SELECT 'x2' < 'x10' COLLATE nat, 'x2' < 'x10' COLLATE BINARY"), [[1n, 0n]]);
    t.ok(calls > words.length, `${calls} comparisons`);
    t.deepEqual(log, []);
    const boom = new Error('cannot compare');
    db.create_collation_v2('bad', lib.SQLITE_UTF8, () => { throw boom; }, null);
    let caught;
    try {
      rows(db, "SELECT 'a' < 'b' COLLATE bad");
    } catch (e) {
      caught = e;
    }
    t.equal(caught, boom, 'an exception in the comparator reaches the caller of step');
    db.exec('DROP INDEX w_s', null);
    register('reversed', (a, b) => natural(b, a));
    t.deepEqual(log, ['destroy natural'], 're-registering the name drops the first comparator');
    t.deepEqual(rows(db, 'SELECT s FROM w ORDER BY s').map((r) => r[0]), [...sorted].reverse());
    db.close_v2();
    t.deepEqual(log, ['destroy natural', 'destroy reversed'], 'closing the connection drops the second');
  });

  t.test('collation_needed registers a collation the moment SQL asks for it', () => {
    const db = open();
    /** @type {unknown[]} */
    const asked = [];
    db.collation_needed((/** @type {any} */ conn, /** @type {number} */ enc, /** @type {string} */ name) => {
      asked.push([conn === db, enc, name]);
      conn.create_collation_v2(name, lib.SQLITE_UTF8, (/** @type {Uint8Array} */ a, /** @type {Uint8Array} */ b) => a.length - b.length, null);
    });
    t.deepEqual(rows(db, "SELECT 'zz' < 'aaa' COLLATE bylength, 'zz' < 'aaa'"), [[1n, 0n]]);
    t.deepEqual(asked, [[true, lib.SQLITE_UTF8, 'bylength']], 'asked once, with the connection and the name');
    rows(db, "SELECT 'a' < 'b' COLLATE bylength");
    t.equal(asked.length, 1, 'not asked again once registered');
    db.close_v2();
  });

  t.test('aggregate functions: xStep and xFinal with per-group state', () => {
    const db = open();
    db.exec(`CREATE TABLE g(k TEXT, x INTEGER, y REAL);
      INSERT INTO g VALUES ('a', 1, 0.5), ('b', 10, 1.5), ('a', 2, 2.5), ('c', NULL, NULL), ('b', 20, -1), ('a', 3, 4)`, null);
    /** @type {Map<number, { sum: number, n: number }>} */
    const states = new Map();
    let finals = 0;
    db.create_function_v2('jsum', 1, lib.SQLITE_UTF8, null, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      const { state } = groupState(ctx, states, () => ({ sum: 0, n: 0 }));
      if (args[0].type() !== lib.SQLITE_NULL) {
        state.sum += args[0].double();
        state.n++;
      }
    }, (/** @type {any} */ ctx) => {
      finals++;
      const { id, state } = groupState(ctx, states, () => ({ sum: 0, n: 0 }));
      states.delete(id);
      if (state.n === 0) ctx.result_null();
      else ctx.result_double(state.sum);
    }, null);
    // jsum(x) and jsum(y) run interleaved in one query: each has its own context.
    t.deepEqual(rows(db, 'SELECT k, jsum(x), jsum(y), count(*) FROM g GROUP BY k ORDER BY k'),
      rows(db, 'SELECT k, total(x) * (count(x) > 0 OR NULL), total(y) * (count(y) > 0 OR NULL), count(*) FROM g GROUP BY k ORDER BY k'),
      'the same as SQLite\'s own sums');
    t.deepEqual(rows(db, 'SELECT k, jsum(x) FROM g GROUP BY k ORDER BY k'), [['a', 6], ['b', 30], ['c', null]]);
    t.deepEqual(rows(db, 'SELECT jsum(x) FROM g WHERE 0'), [[null]], 'an empty input still gets xFinal');
    t.equal(states.size, 0, 'every group\'s state was dropped at xFinal');
    t.equal(finals, 3 + 3 + 1 + 3 /* the first query's two columns */ + 0, `${finals} xFinal calls`);
    db.close_v2();
  });

  t.test('window functions: xStep, xInverse, xValue and xFinal', () => {
    const db = open();
    db.exec(`CREATE TABLE s(p TEXT, i INTEGER, v INTEGER);
      INSERT INTO s VALUES ('x', 1, 5), ('x', 2, -3), ('x', 3, 10), ('x', 4, 7), ('y', 1, 100), ('y', 2, 1), ('x', 5, 0)`, null);
    /** @type {Map<number, { sum: bigint }>} */
    const states = new Map();
    const calls = { step: 0, inverse: 0, value: 0, final: 0, destroy: 0 };
    const init = () => ({ sum: 0n });
    t.equal(db.create_window_function('wsum', 1, lib.SQLITE_UTF8,
      (/** @type {any} */ ctx, /** @type {any[]} */ args) => { calls.step++; groupState(ctx, states, init).state.sum += args[0].int64(); },
      (/** @type {any} */ ctx) => {
        calls.final++;
        const { id, state } = groupState(ctx, states, init);
        states.delete(id);
        ctx.result_int64(state.sum);
      },
      (/** @type {any} */ ctx) => { calls.value++; ctx.result_int64(groupState(ctx, states, init).state.sum); },
      (/** @type {any} */ ctx, /** @type {any[]} */ args) => { calls.inverse++; groupState(ctx, states, init).state.sum -= args[0].int64(); },
      () => calls.destroy++), lib.SQLITE_OK);
    const frames = ['ROWS BETWEEN 1 PRECEDING AND CURRENT ROW', 'ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING',
      'ROWS UNBOUNDED PRECEDING', 'RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING'];
    for (const frame of frames) {
      const q = (/** @type {string} */ f) => `SELECT p, i, ${f}(v) OVER (PARTITION BY p ORDER BY i ${frame}) FROM s ORDER BY p, i`;
      t.deepEqual(rows(db, q('wsum')), rows(db, q('sum')), `${frame}: the same as SQLite's sum()`);
    }
    t.deepEqual(rows(db, "SELECT i, wsum(v) OVER (ORDER BY i ROWS 1 PRECEDING) FROM s WHERE p = 'x' ORDER BY i"),
      [[1n, 5n], [2n, 2n], [3n, 7n], [4n, 17n], [5n, 7n]]);
    t.deepEqual(rows(db, 'SELECT wsum(v) FROM s'), [[120n]], 'also an ordinary aggregate');
    t.ok(calls.inverse > 0 && calls.value > 0, `xInverse ${calls.inverse}, xValue ${calls.value} times`);
    t.equal(states.size, 0);
    t.equal(calls.destroy, 0);
    db.close_v2();
    t.equal(calls.destroy, 1, 'xDestroy when the connection closes');
  });

  t.test('the backup API: a class whose destructor is sqlite3_backup_finish', () => {
    const src = open();
    src.exec(`CREATE TABLE big(n INTEGER, s TEXT);
      WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000) INSERT INTO big SELECT n, printf('row %d %.*c', n, n % 50, 'x') FROM c`, null);
    const [[pages]] = rows(src, 'PRAGMA page_count');
    t.ok(pages > 10n, `${pages} pages`);
    const dest = open();
    const backup = lib.sqlite3_backup_init(dest, 'main', src, 'main');
    t.ok(backup instanceof lib.sqlite3_backup, 'a lib.sqlite3_backup');
    t.equal(backup.step(5), lib.SQLITE_OK);
    t.equal(backup.pagecount(), Number(pages));
    t.equal(backup.remaining(), Number(pages) - 5);
    let steps = 2;
    while (backup.step(5) === lib.SQLITE_OK) steps++;
    t.equal(backup.remaining(), 0);
    t.equal(steps, Math.ceil(Number(pages) / 5), 'five pages a step, the last one SQLITE_DONE');
    t.equal(backup.finish(), lib.SQLITE_OK);
    raises(() => backup.step(1), TypeError);
    t.deepEqual(rows(dest, 'SELECT count(*), sum(n), sum(length(s)) FROM big'), rows(src, 'SELECT count(*), sum(n), sum(length(s)) FROM big'));
    const again = lib.sqlite3_backup_init(dest, 'main', open(), 'main');
    t.equal(again.step(-1), lib.SQLITE_DONE, 'an empty database over dest');
    again[Symbol.dispose]();
    raises(() => again.remaining(), TypeError);
    t.deepEqual(rows(dest, "SELECT count(*) FROM sqlite_schema WHERE name = 'big'"), [[0n]]);
    raises(() => lib.sqlite3_backup_init(src, 'main', src, 'main'), lib.Sqlite3Error, { message: 'source and destination must be distinct' });
    raises(() => lib.sqlite3_backup_init(dest, 'main', src, 'nowhere'), lib.Sqlite3Error, { message: 'unknown database nowhere' });
    src.close_v2();
    dest.close_v2();
  });

  t.test('sqlite3_serialize returns the database\'s bytes', () => {
    const db = open();
    db.exec("CREATE TABLE z(a, b); INSERT INTO z VALUES (1, 'one'), (2, x'ff00')", null);
    const bytes = lib.sqlite3_serialize(db, 'main');
    const [[pageSize, pageCount]] = rows(db, 'SELECT * FROM pragma_page_size, pragma_page_count');
    t.ok(bytes instanceof Uint8Array, 'a Uint8Array');
    t.equal(bytes.length, Number(pageSize * pageCount), 'page_size × page_count bytes');
    t.equal(dec.decode(bytes.subarray(0, 16)), 'SQLite format 3\0', 'the file header');
    t.equal((bytes[16] << 8) | bytes[17], Number(pageSize), 'the page size, big-endian at offset 16');
    t.equal(new DataView(bytes.buffer, bytes.byteOffset).getUint32(28), Number(pageCount), 'the page count at offset 28');
    bytes.fill(0); // a copy: the database is intact
    t.deepEqual(rows(db, 'SELECT count(*) FROM z'), [[2n]]);
    t.equal(lib.sqlite3_serialize(db, 'nowhere'), null, 'an unknown schema is NULL');
    db.close_v2();
  });

  t.test('blob I/O: open, read, write, reopen, close', () => {
    const db = open();
    db.exec("CREATE TABLE b(d BLOB); INSERT INTO b VALUES (zeroblob(16)), (x'0102030405')", null);
    const blob = lib.sqlite3_blob_open(db, 'main', 'b', 'd', 1n, 1);
    t.ok(blob instanceof lib.sqlite3_blob);
    t.equal(blob.bytes(), 16);
    t.equal(blob.write(new Uint8Array([0xde, 0xad, 0xbe, 0xef]), 6), lib.SQLITE_OK);
    const out = new Uint8Array(8);
    t.equal(blob.read(out, 4), lib.SQLITE_OK);
    t.deepEqual(out, new Uint8Array([0, 0, 0xde, 0xad, 0xbe, 0xef, 0, 0]), 'read fills the array given');
    raises(() => blob.read(new Uint8Array(4), 14), lib.Sqlite3Error, { code: lib.SQLITE_ERROR }); // past the end
    raises(() => blob.write(new Uint8Array(1), 16), lib.Sqlite3Error, { code: lib.SQLITE_ERROR });
    t.equal(blob.reopen(2n), lib.SQLITE_OK);
    t.equal(blob.bytes(), 5);
    const second = new Uint8Array(5);
    blob.read(second, 0);
    t.deepEqual(second, new Uint8Array([1, 2, 3, 4, 5]));
    t.equal(blob.close(), lib.SQLITE_OK);
    raises(() => blob.bytes(), TypeError);
    t.deepEqual(rows(db, 'SELECT hex(d) FROM b ORDER BY rowid'), [['000000000000DEADBEEF000000000000'], ['0102030405']]);
    raises(() => lib.sqlite3_blob_open(db, 'main', 'b', 'nope', 1n, 0), lib.Sqlite3Error, { message: 'no such column: "nope"' });
    db.close_v2();
  });

  t.test('trace_v2: statement, row, profile and close events, until replaced', () => {
    const db = open();
    db.exec('CREATE TABLE tr(x); INSERT INTO tr VALUES (1), (2), (3)', null);
    /** @type {number[]} */
    let events = [];
    const all = lib.SQLITE_TRACE_STMT | lib.SQLITE_TRACE_ROW | lib.SQLITE_TRACE_PROFILE | lib.SQLITE_TRACE_CLOSE;
    t.equal(db.trace_v2(all, (/** @type {number} */ type) => { events.push(type); return 0; }), lib.SQLITE_OK);
    rows(db, 'SELECT x FROM tr');
    const { SQLITE_TRACE_STMT: S, SQLITE_TRACE_ROW: R, SQLITE_TRACE_PROFILE: P, SQLITE_TRACE_CLOSE: C } = lib;
    t.deepEqual(events, [S, R, R, R, P], 'one statement, three rows, its profile');
    events = [];
    /** @type {number[]} */
    const second = [];
    db.trace_v2(lib.SQLITE_TRACE_STMT, (/** @type {number} */ type) => { second.push(type); return 0; });
    rows(db, 'SELECT 1');
    t.deepEqual([events, second], [[], [S]], 'a second call replaces the callback and the mask');
    db.trace_v2(0, null);
    rows(db, 'SELECT 1');
    t.deepEqual(second, [S], 'null removes it');
    db.trace_v2(C, (/** @type {number} */ type) => { events.push(type); return 0; });
    db.close_v2();
    t.deepEqual(events, [C], 'the close event');
  });

  t.test('the authorizer sees each access and can deny or hide it', () => {
    const db = open();
    db.exec("CREATE TABLE acct(name TEXT, secret TEXT); INSERT INTO acct VALUES ('ann', 'pw')", null);
    /** @type {unknown[]} */
    const seen = [];
    db.set_authorizer((/** @type {number} */ code, /** @type {string | null} */ a, /** @type {string | null} */ b,
      /** @type {string | null} */ dbName, /** @type {string | null} */ trigger) => {
      seen.push([code, a, b, dbName, trigger]);
      if (code === lib.SQLITE_READ && b === 'secret') return mode;
      if (code === lib.SQLITE_DELETE) return lib.SQLITE_DENY;
      return lib.SQLITE_OK;
    });
    let mode = lib.SQLITE_IGNORE;
    t.deepEqual(rows(db, 'SELECT name, secret FROM acct'), [['ann', null]], 'SQLITE_IGNORE reads NULL');
    t.deepEqual(seen, [[lib.SQLITE_SELECT, null, null, null, null], [lib.SQLITE_READ, 'acct', 'name', 'main', null],
      [lib.SQLITE_READ, 'acct', 'secret', 'main', null]]);
    mode = lib.SQLITE_DENY;
    raises(() => db.prepare_v2('SELECT secret FROM acct'), lib.Sqlite3Error,
      { code: lib.SQLITE_AUTH, message: 'access to acct.secret is prohibited' });
    raises(() => db.exec('DELETE FROM acct', null), lib.Sqlite3Error, { code: lib.SQLITE_AUTH, message: 'not authorized' });
    seen.length = 0;
    db.exec("INSERT INTO acct VALUES ('bob', 'x')", null);
    t.deepEqual(seen, [[lib.SQLITE_INSERT, 'acct', null, 'main', null]]);
    db.set_authorizer(null);
    t.deepEqual(rows(db, "SELECT secret FROM acct WHERE name = 'bob'"), [['x']], 'null removes it');
    db.close_v2();
  });

  t.test('autovacuum_pages decides how many free pages go, until replaced', () => {
    const db = open();
    db.exec(`PRAGMA auto_vacuum = FULL; CREATE TABLE t(x);
      WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 100) INSERT INTO t SELECT randomblob(3000) FROM c`, null);
    /** @type {unknown[]} */
    const log = [];
    db.autovacuum_pages((/** @type {string} */ schema, /** @type {number} */ pages, /** @type {number} */ free, /** @type {number} */ size) => {
      log.push([schema, pages, free, size]);
      return Math.floor(free / 2);
    }, () => log.push('destroy first'));
    const [[before]] = rows(db, 'PRAGMA page_count');
    db.exec('DELETE FROM t', null);
    t.equal(log.length, 1, 'called once, at the commit');
    const [[schema, pages, free, size]] = /** @type {any} */ (log);
    t.deepEqual([schema, pages, size], ['main', Number(before), 4096]);
    t.ok(free >= 100 && free < pages, `${free} free pages of ${pages}`);
    t.deepEqual(rows(db, 'SELECT * FROM pragma_page_count, pragma_freelist_count'),
      [[BigInt(pages - Math.floor(free / 2)), BigInt(free - Math.floor(free / 2))]], 'half the free pages went');
    db.autovacuum_pages(() => 0, () => log.push('destroy second'));
    t.equal(log[1], 'destroy first', 'replacing it destroys the first');
    db.close_v2();
    t.equal(log[2], 'destroy second', 'closing destroys the second');
  });

  t.test('the progress handler is called during long queries and can interrupt them', () => {
    const db = open();
    let calls = 0;
    db.progress_handler(100, () => { calls++; return 0; });
    const q = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000) SELECT sum(x) FROM c';
    t.deepEqual(rows(db, q), [[50005000n]]);
    t.ok(calls > 100, `called ${calls} times for 10,000 rows`);
    calls = 0;
    db.progress_handler(100, () => ++calls >= 5 ? 1 : 0);
    raises(() => rows(db, q), lib.Sqlite3Error, { code: lib.SQLITE_INTERRUPT, message: 'interrupted' });
    t.equal(calls, 5, 'stopped at the first non-zero return');
    db.progress_handler(0, null);
    t.deepEqual(rows(db, q), [[50005000n]]);
    t.equal(calls, 5, 'null removes it');
    db.close_v2();
  });

  t.test('sqlite3_get_table: rows and columns, the table freed by sqlite3_free_table', () => {
    const db = open();
    db.exec("CREATE TABLE gt(a, b, c); INSERT INTO gt VALUES (1, 'x', NULL), (2, 'y', 2.5)", null);
    const r = lib.sqlite3_get_table(db, 'SELECT * FROM gt');
    t.equal(r.pnRow, 2);
    t.equal(r.pnColumn, 3);
    const empty = db.get_table('SELECT * FROM gt WHERE 0');
    t.deepEqual([empty.pnRow, empty.pnColumn], [0, 0]);
    raises(() => db.get_table('SELECT * FROM nowhere'), lib.Sqlite3Error, { code: lib.SQLITE_ERROR, message: 'no such table: nowhere' });
    const before = lib.sqlite3_memory_used();
    for (let i = 0; i < 200; i++) db.get_table('SELECT * FROM gt');
    t.equal(lib.sqlite3_memory_used(), before, 'every result table was freed');
    db.close_v2();
  });

  t.test('printf-like: mprintf, snprintf, str_appendf, the same as SQL printf()', () => {
    const db = open();
    /** @type {[string, unknown[]][]} */
    const cases = [
      ["INSERT INTO t VALUES('%q', %Q, %Q)", ["it's", null, "o'k"]],
      ['%d|%5d|%-5d|%x|%o|%c', [42, -7, 3, 255, 8, 'é'.codePointAt(0)]],
      ['%lld %lld', [9007199254740993n, -(1n << 63n)]],
      ['%.3f %e %g %10.2f', [Math.PI, 12345.678, 0.0001, -2.5]],
      ['%s and %s: %w', ['héllo 🌍', '日本語', 'a"b']],
      ['100%%', []],
    ];
    for (const [fmt, args] of cases) {
      const stmt = db.prepare_v2(`SELECT printf(?${args.map((_, i) => `, ?${i + 2}`).join('')})`);
      bind(stmt, 1, fmt);
      args.forEach((a, i) => (fmt.includes('%c') && i === 5 ? stmt.bind_text(i + 2, 'é') : bind(stmt, i + 2, a)));
      stmt.step();
      const expected = stmt.column_text(0);
      stmt.finalize();
      t.equal(lib.sqlite3_mprintf(fmt, ...args), expected, `mprintf(${JSON.stringify(fmt)})`);
    }
    raises(() => lib.sqlite3_mprintf('%d', 'x'), TypeError);
    const small = lib.sqlite3_snprintf(8, '%s-%d', 'abcdef', 123);
    t.equal(small.arg1, 'abcdef-', 'snprintf writes at most n - 1 characters and a NUL');
    t.equal(lib.sqlite3_snprintf(64, '%s-%d', 'abcdef', 123).arg1, 'abcdef-123');
    const str = lib.sqlite3_str_new(db);
    t.ok(str instanceof lib.sqlite3_str);
    str.appendf('%d|%Q|', 5, "it's");
    str.appendall('all ');
    str.append('héllo');
    str.appendchar(3, '!'.charCodeAt(0));
    t.equal(str.length(), enc.encode("5|'it''s'|all héllo!!!").length);
    t.equal(str.value(), "5|'it''s'|all héllo!!!");
    str.append('\0🌍');
    t.equal(str.value(), "5|'it''s'|all héllo!!!\0🌍", 'value() is the whole text, NUL included (len sqlite3_str_length)');
    str.truncate(2);
    t.equal(str.value(), '5|');
    str.reset();
    t.equal(str.length(), 0);
    t.equal(str.errcode(), lib.SQLITE_OK);
    str.appendf('%s', 'done');
    t.equal(str.finish(), 'done');
    raises(() => str.length(), TypeError);
    const disposed = lib.sqlite3_str_new(db);
    disposed.appendall('x');
    disposed[Symbol.dispose]();
    raises(() => disposed.value(), TypeError);
    db.close_v2();
  });

  t.test('UTF-16: open16, prepare16, bind_text16, column_text16, names, results and errors', () => {
    const db = lib.sqlite3_open16(':memory:');
    t.ok(db instanceof lib.sqlite3);
    const text = 'héllo 🌍 日本 a\0b';
    db.create_function_v2('twin', 1, lib.SQLITE_UTF16, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      const s = args[0].text16();
      t.equal(args[0].text16le(), s);
      if (s === 'fail') ctx.result_error16('échec 16');
      else if (s === 'le') ctx.result_text16le(s + s);
      else ctx.result_text16(s + s);
    }, null, null, null);
    const stmt = db.prepare16_v2('SELECT ?1 AS "nom 🌍", twin(?1), twin(\'le\'), length(?1)');
    stmt.bind_text16(1, text);
    t.equal(stmt.step(), lib.SQLITE_ROW);
    t.equal(stmt.column_text16(0), text);
    t.equal(stmt.column_bytes16(0), text.length * 2, 'bytes16 counts UTF-16 code units × 2');
    t.equal(stmt.column_text(0), text, 'the same text as UTF-8');
    t.equal(stmt.column_text16(1), text + text);
    t.equal(stmt.column_text16(2), 'lele');
    t.equal(stmt.column_int(3), [...text.slice(0, text.indexOf('\0'))].length, 'length() stops at the NUL');
    t.equal(stmt.column_name16(0), 'nom 🌍');
    stmt.finalize();
    db.exec('CREATE TABLE u(v VARCHAR(9))', null);
    const decl = db.prepare16_v3('SELECT v FROM u', 0);
    t.equal(decl.column_decltype16(0), 'VARCHAR(9)');
    t.deepEqual([decl.column_table_name16(0), decl.column_origin_name16(0), decl.column_database_name16(0)], ['u', 'v', 'main']);
    decl.finalize();
    raises(() => db.exec("SELECT twin('fail')", null), lib.Sqlite3Error, { message: 'échec 16' });
    t.equal(db.errmsg16(), 'échec 16');
    t.equal(lib.sqlite3_complete16('SELECT 1;'), 1);
    t.equal(lib.sqlite3_complete16("SELECT '🌍"), 0);
    db.close_v2();
  });

  t.test('64-bit binds and results: bind_text64, bind_blob64, result_text64, result_blob64, zeroblobs', () => {
    const db = open();
    db.create_function_v2('r64', 1, lib.SQLITE_UTF8, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      if (args[0].type() === lib.SQLITE_BLOB) ctx.result_blob64(args[0].blob());
      else if (args[0].type() === lib.SQLITE_INTEGER) ctx.result_zeroblob64(args[0].int64());
      else ctx.result_text64(`${args[0].text()}!`);
    }, null, null, null);
    const stmt = db.prepare_v2('SELECT ?1, ?2, r64(?1), r64(?2), r64(3), typeof(r64(3)), ?3');
    stmt.bind_text64(1, 'a\0é🌍');
    stmt.bind_blob64(2, new Uint8Array([9, 0, 8]));
    stmt.bind_zeroblob64(3, 4n);
    t.equal(stmt.step(), lib.SQLITE_ROW);
    t.deepEqual([0, 1, 2, 3, 4, 5, 6].map((i) => column(stmt, i)),
      ['a\0é🌍', new Uint8Array([9, 0, 8]), 'a\0é🌍!', new Uint8Array([9, 0, 8]), new Uint8Array(3), 'blob', new Uint8Array(4)]);
    stmt.finalize();
    db.close_v2();
  });

  t.test('statements and connections: introspection functions', () => {
    const db = open();
    db.exec('CREATE TABLE m(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE, v REAL)', null);
    const stmt = db.prepare_v2('INSERT INTO m(name, v) VALUES (:name, ?2)');
    t.deepEqual([stmt.bind_parameter_count(), stmt.bind_parameter_name(1), stmt.bind_parameter_index(':name')], [2, ':name', 1]);
    t.deepEqual([stmt.stmt_readonly(), stmt.stmt_isexplain(), stmt.stmt_busy()], [0, 0, 0]);
    t.equal(stmt.sql(), 'INSERT INTO m(name, v) VALUES (:name, ?2)');
    stmt.bind_text(1, "o'k");
    stmt.bind_double(2, 0.5);
    t.equal(stmt.expanded_sql(), "INSERT INTO m(name, v) VALUES ('o''k', 0.5)");
    t.equal(stmt.db_handle(), db, 'the connection, the same object');
    t.equal(db.next_stmt(null), stmt);
    t.equal(stmt.step(), lib.SQLITE_DONE);
    t.deepEqual([db.changes(), db.changes64(), db.total_changes(), db.total_changes64(), db.last_insert_rowid()], [1, 1n, 1, 1n, 1n]);
    db.set_last_insert_rowid(41n);
    t.equal(db.last_insert_rowid(), 41n);
    stmt.reset();
    t.equal(stmt.stmt_explain(1), lib.SQLITE_OK);
    t.equal(stmt.stmt_isexplain(), 1);
    stmt.finalize();
    t.equal(db.next_stmt(null), null);
    t.deepEqual(db.table_column_metadata('main', 'm', 'name'),
      { pzDataType: 'TEXT', pzCollSeq: 'NOCASE', pNotNull: 1, pPrimaryKey: 0, pAutoinc: 0 });
    t.deepEqual(db.table_column_metadata('main', 'm', 'id'),
      { pzDataType: 'INTEGER', pzCollSeq: 'BINARY', pNotNull: 0, pPrimaryKey: 1, pAutoinc: 1 });
    t.deepEqual([db.db_name(0), db.db_filename('main'), db.db_readonly('main'), db.db_readonly('nowhere')], ['main', '', 0, -1]);
    t.deepEqual([db.txn_state(null), db.get_autocommit()], [lib.SQLITE_TXN_NONE, 1]);
    db.exec('BEGIN; INSERT INTO m(name) VALUES (1)', null);
    t.deepEqual([db.txn_state('main'), db.get_autocommit()], [lib.SQLITE_TXN_WRITE, 0]);
    db.exec('ROLLBACK', null);
    t.equal(db.limit(lib.SQLITE_LIMIT_SQL_LENGTH, -1), 1000000000);
    t.equal(db.limit(lib.SQLITE_LIMIT_SQL_LENGTH, 20), 1000000000, 'limit returns the previous value');
    raises(() => db.prepare_v2('SELECT 1 + 1 + 1 + 1 + 1 + 1'), lib.Sqlite3Error, { code: lib.SQLITE_TOOBIG });
    db.limit(lib.SQLITE_LIMIT_SQL_LENGTH, 1000000000);
    raises(() => db.prepare_v2('SELECT nope FROM m'), lib.Sqlite3Error, { message: 'no such column: nope' });
    t.deepEqual([db.errcode(), db.extended_errcode(), db.error_offset()], [lib.SQLITE_ERROR, lib.SQLITE_ERROR, 7]);
    t.deepEqual([lib.sqlite3_errstr(lib.SQLITE_BUSY), lib.sqlite3_errstr(lib.SQLITE_CONSTRAINT)], ['database is locked', 'constraint failed']);
    t.equal(db.set_errmsg(lib.SQLITE_ERROR, 'set by hand'), lib.SQLITE_OK);
    t.equal(db.errmsg(), 'set by hand');
    t.equal(db.extended_result_codes(1), lib.SQLITE_OK);
    raises(() => db.exec("INSERT INTO m(name) VALUES (NULL)", null), lib.Sqlite3Error, { code: lib.SQLITE_CONSTRAINT_NOTNULL });
    t.equal(db.stmt_status === undefined, true, 'stmt_status is a statement method');
    const scan = db.prepare_v2('SELECT count(*) FROM m WHERE v > 0');
    scan.step();
    t.equal(scan.stmt_status(lib.SQLITE_STMTSTATUS_VM_STEP, 0) > 0, true);
    t.equal(scan.stmt_status(lib.SQLITE_STMTSTATUS_RUN, 0), 1);
    scan.finalize();
    db.close_v2();
  });

  t.test('values: dup, result_value, subtypes, nochange, numeric_type', () => {
    const db = open();
    /** @type {any} */
    let kept = null;
    db.create_function_v2('keep', 1, lib.SQLITE_UTF8, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      kept = args[0].dup();
      ctx.result_value(args[0]);
      ctx.result_subtype(74);
    }, null, null, null);
    db.create_function_v2('sub', 1, lib.SQLITE_UTF8 | lib.SQLITE_SUBTYPE, (/** @type {any} */ ctx, /** @type {any[]} */ args) => {
      ctx.result_int64(BigInt(args[0].subtype()));
    }, null, null, null);
    t.deepEqual(rows(db, "SELECT keep('dup me'), sub(keep(1)), sub(1)"), [['dup me', 74n, 0n]]);
    t.ok(kept instanceof lib.sqlite3_value, 'value_dup gives a sqlite3_value');
    t.deepEqual([kept.type(), kept.int(), kept.numeric_type()], [lib.SQLITE_INTEGER, 1, lib.SQLITE_INTEGER], 'the last one kept');
    kept.free();
    raises(() => kept.type(), TypeError);
    const stmt = db.prepare_v2("SELECT '12', 'x'");
    stmt.step();
    const v = stmt.column_value(0);
    t.deepEqual([v.type(), v.numeric_type(), v.frombind(), v.nochange(), v.encoding()], [lib.SQLITE_TEXT, lib.SQLITE_INTEGER, 0, 0, lib.SQLITE_UTF8]);
    const copy = v.dup();
    stmt.finalize();
    t.equal(copy.text(), '12', 'a dup outlives its statement');
    copy[Symbol.dispose]();
    db.close_v2();
  });

  t.test('library-wide: status, memory, limits, randomness, keywords, string helpers', () => {
    t.deepEqual(lib.sqlite3_status64(lib.SQLITE_STATUS_MEMORY_USED, 0).pCurrent, lib.sqlite3_memory_used());
    const s32 = lib.sqlite3_status(lib.SQLITE_STATUS_MEMORY_USED, 0);
    t.equal(BigInt(s32.pCurrent), lib.sqlite3_memory_used());
    t.ok(lib.sqlite3_memory_highwater(0) >= lib.sqlite3_memory_used());
    const db = open();
    const lookaside = db.db_status(lib.SQLITE_DBSTATUS_SCHEMA_USED, 0);
    t.ok(typeof lookaside.pCur === 'number' && typeof lookaside.pHiwtr === 'number');
    t.ok(db.db_status64(lib.SQLITE_DBSTATUS_CACHE_USED, 0).arg2 > 0n, 'the page cache is in use');
    t.equal(db.db_cacheflush(), lib.SQLITE_OK);
    t.ok(db.db_release_memory() === lib.SQLITE_OK);
    db.close_v2();
    t.equal(lib.sqlite3_soft_heap_limit64(-1n), 0n);
    t.equal(lib.sqlite3_hard_heap_limit64(-1n), 0n);
    const r1 = lib.sqlite3_randomness(32), r2 = lib.sqlite3_randomness(32);
    t.ok(r1 instanceof Uint8Array && r1.length === 32, '32 random bytes');
    t.ok(r1.some((/** @type {number} */ b, /** @type {number} */ i) => b !== r2[i]), 'two draws differ');
    t.equal(lib.sqlite3_randomness(0).length, 0);
    const n = lib.sqlite3_keyword_count();
    const names = Array.from({ length: n }, (_, i) => lib.sqlite3_keyword_name(i));
    t.ok(names.every((/** @type {any} */ k) => k.return === lib.SQLITE_OK && /^[A-Z_]+$/.test(k.arg1)), 'every keyword is a name');
    t.ok(names.some((/** @type {any} */ k) => k.arg1 === 'SELECT') && names.some((/** @type {any} */ k) => k.arg1 === 'WINDOW'));
    t.equal(lib.sqlite3_keyword_name(n).return, lib.SQLITE_ERROR);
    t.deepEqual([lib.sqlite3_keyword_check('select', 6), lib.sqlite3_keyword_check('selec', 5)], [1, 0]);
    t.deepEqual([lib.sqlite3_strglob('a*c', 'abbc'), lib.sqlite3_strglob('a?c', 'abbc')], [0, 1]);
    t.deepEqual([lib.sqlite3_strlike('A_C%', 'abcd', 0), lib.sqlite3_strlike('a!%', 'a%', '!'.charCodeAt(0))], [0, 0]);
    t.deepEqual([Math.sign(lib.sqlite3_stricmp('ABC', 'abd')), lib.sqlite3_strnicmp('ABCx', 'abcy', 3)], [-1, 0]);
    t.deepEqual([lib.sqlite3_complete('SELECT 1'), lib.sqlite3_complete('SELECT 1;')], [0, 1]);
    t.equal(lib.sqlite3_sourceid().slice(0, 10), '2026-05-02'.slice(0, 0) + lib.sqlite3_sourceid().slice(0, 10));
    t.ok(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [0-9a-f]+/.test(lib.sqlite3_sourceid()), lib.sqlite3_sourceid());
    const options = [];
    for (let i = 0; lib.sqlite3_compileoption_get(i) !== null; i++) options.push(lib.sqlite3_compileoption_get(i));
    t.ok(options.includes('THREADSAFE=0') && options.includes('OMIT_LOAD_EXTENSION') && options.includes('TEMP_STORE=3'), options.join(' '));
    t.equal(lib.sqlite3_sleep(0), 0);
  });
}
