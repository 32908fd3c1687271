// @ts-check
// make bench-sqlite: wasmbind's SQLite bindings against the official
// SQLite Wasm build and against hand-written glue, in one Node process.
//
//   node bench/sqlite/run.mjs [--quick] [--runs N] [--only a,b,...]
//
// Three workloads, each on an in-memory database of its strategy:
//   insert   ROWS rows through one prepared `INSERT INTO t VALUES (?, ?, ?)`
//            (an integer, a double, a short text) in one transaction, with
//            reset and clear_bindings between rows;
//   select   `SELECT a, b, c FROM t` stepped over those ROWS rows, reading the
//            three columns (int, double, text);
//   prepare  PREPARES rounds of prepare / step / read / finalize of `SELECT 42`.
// Five strategies:
//   (a) wasmbind, low-level functions: lib.sqlite3_bind_int(stmt, 1, v), ...
//   (b) wasmbind, handle classes:      stmt.bind_int(1, v), ...
//       (a) and (b) share one load() of build/examples/sqlite/sqlite3.js.
//   (c) @sqlite.org/sqlite-wasm, capi: raw pointers, pstack for the out-pointer
//   (d) @sqlite.org/sqlite-wasm, oo1:  db.prepare(), stmt.bind/step/getInt/...
//   (e) hand-written glue (bench/sqlite/hand.mjs) over the same sqlite3.wasm as (a)/(b)
// Every strategy is checked once (row count and checksums) before timing;
// then each workload runs WARMUP times untimed and RUNS times timed, the
// strategies interleaved (their order rotates every round), and the table
// shows medians and ratios.

import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { loadHand } from './hand.mjs';

const root = new URL('../../', import.meta.url);
const bindingsUrl = new URL('build/examples/sqlite/sqlite3.js', root);
const wasmPath = fileURLToPath(new URL('build/examples/sqlite/sqlite3.wasm', root));

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
/** @param {string} name @param {number} fallback */
function intOption(name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}
const ROWS = quick ? 10_000 : 100_000;
const PREPARES = quick ? 1_000 : 10_000;
const WARMUP = quick ? 1 : 3;
const RUNS = intOption('--runs', quick ? 3 : 9);
const onlyIdx = argv.indexOf('--only');
const only = onlyIdx >= 0 ? argv[onlyIdx + 1].split(',') : null;

const INSERT_SQL = 'INSERT INTO t VALUES (?, ?, ?)';
const SELECT_SQL = 'SELECT a, b, c FROM t';
const SMALL_SQL = 'SELECT 42';
const SCHEMA_SQL = 'CREATE TABLE t(a INTEGER, b REAL, c TEXT)';

// The rows: built once, so that no workload times string building.
const ints = new Int32Array(ROWS), doubles = new Float64Array(ROWS);
/** @type {string[]} */
const texts = new Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  ints[i] = i * 7 - 3;
  doubles[i] = i + 0.25; // never integral: oo1 would bind those as int64
  texts[i] = `row ${i}`;
}

/** What a select returns: compared with `expected` before timing.
 * @typedef {{ count: number, sumA: number, sumB: number, textLen: number, textSum: number }} Checksum */
/** @returns {Checksum} */
const emptySum = () => ({ count: 0, sumA: 0, sumB: 0, textLen: 0, textSum: 0 });
/** @param {Checksum} s @param {number} a @param {number} b @param {string} c */
function addRow(s, a, b, c) {
  s.count++;
  s.sumA += a;
  s.sumB += b;
  s.textLen += c.length;
  s.textSum += c.charCodeAt(c.length - 1);
}
const expected = emptySum();
for (let i = 0; i < ROWS; i++) addRow(expected, ints[i], doubles[i], texts[i]);

/**
 * @typedef {{
 *   key: string, name: string,
 *   clear(): void,
 *   insert(): void,
 *   select(): Checksum,
 *   prepare(): number,
 * }} Strategy
 */

// ------------------------------------------------------ (a), (b) wasmbind
const { default: load } = await import(bindingsUrl.href);
const lib = await load();
const OPEN_FLAGS = lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE;

/** @returns {Strategy} */
function wasmbindFunctions() {
  const db = lib.sqlite3_open_v2(':memory:', OPEN_FLAGS, null);
  lib.sqlite3_exec(db, SCHEMA_SQL, null);
  return {
    key: 'a', name: 'wasmbind functions',
    clear: () => lib.sqlite3_exec(db, 'DELETE FROM t', null),
    insert() {
      lib.sqlite3_exec(db, 'BEGIN', null);
      const stmt = lib.sqlite3_prepare_v2(db, INSERT_SQL);
      for (let i = 0; i < ROWS; i++) {
        lib.sqlite3_bind_int(stmt, 1, ints[i]);
        lib.sqlite3_bind_double(stmt, 2, doubles[i]);
        lib.sqlite3_bind_text(stmt, 3, texts[i]);
        lib.sqlite3_step(stmt);
        lib.sqlite3_reset(stmt);
        lib.sqlite3_clear_bindings(stmt);
      }
      lib.sqlite3_finalize(stmt);
      lib.sqlite3_exec(db, 'COMMIT', null);
    },
    select() {
      const sum = emptySum();
      const stmt = lib.sqlite3_prepare_v2(db, SELECT_SQL);
      while (lib.sqlite3_step(stmt) === 100) // SQLITE_ROW
        addRow(sum, lib.sqlite3_column_int(stmt, 0), lib.sqlite3_column_double(stmt, 1), lib.sqlite3_column_text(stmt, 2));
      lib.sqlite3_finalize(stmt);
      return sum;
    },
    prepare() {
      let sum = 0;
      for (let i = 0; i < PREPARES; i++) {
        const stmt = lib.sqlite3_prepare_v2(db, SMALL_SQL);
        lib.sqlite3_step(stmt);
        sum += lib.sqlite3_column_int(stmt, 0);
        lib.sqlite3_finalize(stmt);
      }
      return sum;
    },
  };
}

/** @returns {Strategy} */
function wasmbindHandles() {
  const db = lib.sqlite3_open_v2(':memory:', OPEN_FLAGS, null);
  db.exec(SCHEMA_SQL, null);
  return {
    key: 'b', name: 'wasmbind handles',
    clear: () => db.exec('DELETE FROM t', null),
    insert() {
      db.exec('BEGIN', null);
      const stmt = db.prepare_v2(INSERT_SQL);
      for (let i = 0; i < ROWS; i++) {
        stmt.bind_int(1, ints[i]);
        stmt.bind_double(2, doubles[i]);
        stmt.bind_text(3, texts[i]);
        stmt.step();
        stmt.reset();
        stmt.clear_bindings();
      }
      stmt.finalize();
      db.exec('COMMIT', null);
    },
    select() {
      const sum = emptySum();
      const stmt = db.prepare_v2(SELECT_SQL);
      while (stmt.step() === 100)
        addRow(sum, stmt.column_int(0), stmt.column_double(1), stmt.column_text(2));
      stmt.finalize();
      return sum;
    },
    prepare() {
      let sum = 0;
      for (let i = 0; i < PREPARES; i++) {
        const stmt = db.prepare_v2(SMALL_SQL);
        stmt.step();
        sum += stmt.column_int(0);
        stmt.finalize();
      }
      return sum;
    },
  };
}

// -------------------------------------------- (c), (d) @sqlite.org/sqlite-wasm
// The package's "node" export (dist/node.mjs) loads its own sqlite3.wasm.
const sqlite3 = await sqlite3InitModule();
const { capi, wasm } = sqlite3;

/** Throws unless rc is one of the codes allowed. @param {number} db @param {number} rc @param {string} what */
function capiCheck(db, rc, what) {
  if (rc !== 0 && rc !== 100 && rc !== 101) throw new Error(`${what}: ${capi.sqlite3_errmsg(db)} (${rc})`);
  return rc;
}

/** The C-style API as the SQLite Wasm docs describe it: pointers are numbers,
 * out-pointers come from wasm.pstack (its cheapest allocator), results are
 * checked by the caller. Strings are converted by capi itself where it can:
 * sqlite3_prepare_v2 takes the SQL as a JS string and sqlite3_column_text
 * returns one. For sqlite3_bind_text the text goes through
 * wasm.allocCString(s, true) + SQLITE_WASM_DEALLOC: exactly what capi's
 * bind_text does with a JS string, spelled out because in 3.54.1-build1
 * passing the string itself throws a ReferenceError (`pMem is not defined`
 * in capi.sqlite3_bind_text, dist/node.mjs).
 * @returns {Strategy} */
function officialCapi() {
  const { pstack } = wasm;
  const sp0 = pstack.pointer;
  const ppDb = pstack.allocPtr();
  capiCheck(0, capi.sqlite3_open_v2(':memory:', ppDb, capi.SQLITE_OPEN_READWRITE | capi.SQLITE_OPEN_CREATE, null), 'open');
  const db = wasm.peekPtr(ppDb);
  pstack.restore(sp0);
  /** @param {string} sql */
  const exec = (sql) => capiCheck(db, capi.sqlite3_exec(db, sql, 0, 0, 0), sql);
  /** @param {string} sql @returns {number} */
  function prepare(sql) {
    const sp = pstack.pointer;
    try {
      const pp = pstack.allocPtr();
      capiCheck(db, capi.sqlite3_prepare_v2(db, sql, -1, pp, null), 'prepare');
      return wasm.peekPtr(pp);
    } finally {
      pstack.restore(sp);
    }
  }
  const DEALLOC = capi.SQLITE_WASM_DEALLOC;
  exec(SCHEMA_SQL);
  return {
    key: 'c', name: 'sqlite-wasm capi',
    clear: () => exec('DELETE FROM t'),
    insert() {
      exec('BEGIN');
      const stmt = prepare(INSERT_SQL);
      for (let i = 0; i < ROWS; i++) {
        capiCheck(db, capi.sqlite3_bind_int(stmt, 1, ints[i]), 'bind_int');
        capiCheck(db, capi.sqlite3_bind_double(stmt, 2, doubles[i]), 'bind_double');
        const [p, n] = wasm.allocCString(texts[i], true);
        capiCheck(db, capi.sqlite3_bind_text(stmt, 3, p, n, DEALLOC), 'bind_text');
        capiCheck(db, capi.sqlite3_step(stmt), 'step');
        capiCheck(db, capi.sqlite3_reset(stmt), 'reset');
        capi.sqlite3_clear_bindings(stmt);
      }
      capi.sqlite3_finalize(stmt);
      exec('COMMIT');
    },
    select() {
      const sum = emptySum();
      const stmt = prepare(SELECT_SQL);
      while (capiCheck(db, capi.sqlite3_step(stmt), 'step') === capi.SQLITE_ROW)
        addRow(sum, capi.sqlite3_column_int(stmt, 0), capi.sqlite3_column_double(stmt, 1), capi.sqlite3_column_text(stmt, 2));
      capi.sqlite3_finalize(stmt);
      return sum;
    },
    prepare() {
      let sum = 0;
      for (let i = 0; i < PREPARES; i++) {
        const stmt = prepare(SMALL_SQL);
        capiCheck(db, capi.sqlite3_step(stmt), 'step');
        sum += capi.sqlite3_column_int(stmt, 0);
        capiCheck(db, capi.sqlite3_finalize(stmt), 'finalize');
      }
      return sum;
    },
  };
}

/** The object-oriented API #1 as its docs suggest for repeated work: one
 * prepared Stmt, bind(index, value) per parameter (no array or object to
 * walk), step(), the typed getters getInt/getFloat/getString (no type
 * lookup), reset(true) to clear the bindings.
 * @returns {Strategy} */
function officialOo1() {
  const db = new sqlite3.oo1.DB(':memory:', 'c');
  db.exec(SCHEMA_SQL);
  return {
    key: 'd', name: 'sqlite-wasm oo1',
    clear: () => db.exec('DELETE FROM t'),
    insert() {
      db.exec('BEGIN');
      const stmt = db.prepare(INSERT_SQL);
      for (let i = 0; i < ROWS; i++) {
        stmt.bind(1, ints[i]).bind(2, doubles[i]).bind(3, texts[i]);
        stmt.step();
        stmt.reset(true);
      }
      stmt.finalize();
      db.exec('COMMIT');
    },
    select() {
      const sum = emptySum();
      const stmt = db.prepare(SELECT_SQL);
      while (stmt.step()) addRow(sum, stmt.getInt(0), stmt.getFloat(1), stmt.getString(2));
      stmt.finalize();
      return sum;
    },
    prepare() {
      let sum = 0;
      for (let i = 0; i < PREPARES; i++) {
        const stmt = db.prepare(SMALL_SQL);
        stmt.step();
        sum += stmt.getInt(0);
        stmt.finalize();
      }
      return sum;
    },
  };
}

// ------------------------------------------------------------ (e) hand glue
const hand = await loadHand(wasmPath);

/** @returns {Strategy} */
function handGlue() {
  const h = hand;
  const db = h.open();
  h.exec(db, SCHEMA_SQL);
  return {
    key: 'e', name: 'hand glue',
    clear: () => h.exec(db, 'DELETE FROM t'),
    insert() {
      h.exec(db, 'BEGIN');
      const stmt = h.prepare(db, INSERT_SQL);
      for (let i = 0; i < ROWS; i++) {
        h.bindInt(stmt, 1, ints[i]);
        h.bindDouble(stmt, 2, doubles[i]);
        h.bindText(stmt, 3, texts[i]);
        h.step(stmt);
        h.reset(stmt);
        h.clearBindings(stmt);
      }
      h.finalize(stmt);
      h.exec(db, 'COMMIT');
    },
    select() {
      const sum = emptySum();
      const stmt = h.prepare(db, SELECT_SQL);
      while (h.step(stmt) === 100) addRow(sum, h.columnInt(stmt, 0), h.columnDouble(stmt, 1), /** @type {string} */ (h.columnText(stmt, 2)));
      h.finalize(stmt);
      return sum;
    },
    prepare() {
      let sum = 0;
      for (let i = 0; i < PREPARES; i++) {
        const stmt = h.prepare(db, SMALL_SQL);
        h.step(stmt);
        sum += h.columnInt(stmt, 0);
        h.finalize(stmt);
      }
      return sum;
    },
  };
}

// ------------------------------------------------------------------- run
/** @type {Strategy[]} */
const strategies = [wasmbindFunctions(), wasmbindHandles(), officialCapi(), officialOo1(), handGlue()]
  .filter((s) => !only || only.includes(s.key));

// Correctness, once per strategy, before any timing.
for (const s of strategies) {
  s.clear();
  s.insert();
  const got = s.select();
  for (const k of /** @type {(keyof Checksum)[]} */ (Object.keys(expected)))
    if (got[k] !== expected[k]) throw new Error(`(${s.key}) ${s.name}: select ${k} = ${got[k]}, expected ${expected[k]}`);
  const p = s.prepare();
  if (p !== 42 * PREPARES) throw new Error(`(${s.key}) ${s.name}: prepare sum ${p}, expected ${42 * PREPARES}`);
}

/** @typedef {{ name: string, run(s: Strategy): unknown, before?(s: Strategy): void }} Workload */
/** @type {Workload[]} */
const workloads = [
  { name: `insert ${ROWS.toLocaleString('en')} rows`, before: (s) => s.clear(), run: (s) => s.insert() },
  { name: `select ${ROWS.toLocaleString('en')} rows`, run: (s) => s.select() },
  { name: `${PREPARES.toLocaleString('en')} prepare/step/finalize`, run: (s) => s.prepare() },
];
const gc = /** @type {undefined | (() => void)} */ (globalThis.gc);
/** @type {number[][][]} times[workload][strategy] */
const times = workloads.map(() => strategies.map(() => /** @type {number[]} */ ([])));

for (let round = 0; round < WARMUP + RUNS; round++) {
  for (let w = 0; w < workloads.length; w++) {
    for (let k = 0; k < strategies.length; k++) {
      const si = (k + round) % strategies.length; // rotate who goes first
      const s = strategies[si], wl = workloads[w];
      wl.before?.(s);
      // A task boundary: objects that WeakRefs kept alive during the last
      // run (wasmbind's handles) are released, and finalizers may run.
      await new Promise((resolve) => setImmediate(resolve));
      gc?.();
      const t0 = performance.now();
      wl.run(s);
      const t = performance.now() - t0;
      if (round >= WARMUP) times[w][si].push(t);
    }
  }
}

/** @param {number[]} xs */
function median(xs) {
  const a = [...xs].sort((x, y) => x - y), m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}
const med = times.map((row) => row.map(median));
const idx = (/** @type {string} */ key) => strategies.findIndex((s) => s.key === key);
const E = idx('e'), A = idx('a'), B = idx('b'), C = idx('c'), D = idx('d');

// ------------------------------------------------------------------ report
const pad = (/** @type {string} */ s, /** @type {number} */ n) => s.padStart(n);
const W0 = Math.max(...workloads.map((w) => w.name.length)) + 2, W = 22;
console.log(`SQLite: wasmbind/hand ${lib.sqlite3_libversion()} (build/examples/sqlite/sqlite3.wasm), ` +
  `@sqlite.org/sqlite-wasm ${sqlite3.version.libVersion}; Node ${process.version}; ` +
  `median of ${RUNS} runs after ${WARMUP} warm-up${quick ? ' (--quick)' : ''}${gc ? ', gc before each run' : ''}`);
console.log('ms per workload (ratio to (e) hand glue)');
console.log(''.padEnd(W0) + strategies.map((s) => pad(`(${s.key}) ${s.name}`, W)).join(''));
workloads.forEach((wl, w) => {
  const cells = strategies.map((_, si) => {
    const ms = med[w][si].toFixed(1);
    return pad(E >= 0 ? `${ms} (${(med[w][si] / med[w][E]).toFixed(2)}×)` : ms, W);
  });
  console.log(wl.name.padEnd(W0) + cells.join(''));
});

if (A >= 0 && B >= 0 && C >= 0 && D >= 0 && E >= 0) {
  console.log('\nTargets (issue 6):');
  const fmt = (/** @type {number} */ x) => `${x.toFixed(2)}×`;
  const mark = (/** @type {boolean} */ ok) => (ok ? 'ok  ' : 'MISS');
  workloads.forEach((wl, w) => {
    const m = med[w];
    const checks = [
      [`(a)/(e) ${fmt(m[A] / m[E])} ≤ 1.15`, m[A] / m[E] <= 1.15],
      [`(b)/(e) ${fmt(m[B] / m[E])} ≤ 1.15`, m[B] / m[E] <= 1.15],
      [`(b)/(a) ${fmt(m[B] / m[A])} ≤ 1.3`, m[B] / m[A] <= 1.3],
      [`(c)/(a) ${fmt(m[C] / m[A])} ≥ 3`, m[C] / m[A] >= 3],
      [`(d)/(c) ${fmt(m[D] / m[C])} > 1`, m[D] / m[C] > 1],
    ];
    console.log(`  ${wl.name.padEnd(W0)}` + checks.map(([t, ok]) => `${mark(/** @type {boolean} */ (ok))} ${t}`).join('   '));
  });
}
