// @ts-check
// Hand-written glue over build/examples/sqlite/sqlite3.wasm: the reference
// that bench/sqlite/run.mjs measures wasmbind's generated bindings against.
// It calls the same exports of the same build, and does only what careful
// glue has to:
//   - strings in: TextEncoder.encodeInto into one reusable scratch block
//     (malloc'ed once, grown on demand), bound with SQLITE_TRANSIENT (-1) so
//     SQLite copies them and the block is free again when the call returns;
//   - strings out: TextDecoder over a subarray of the length SQLite reports;
//   - the Uint8Array / Uint32Array views are rebuilt only when the memory
//     grows (the module imports env.emscripten_notify_memory_growth);
//   - result codes checked (a failure throws with sqlite3_errmsg's text);
//   - pointers are plain numbers; no closures, arrays or objects per call.
// The imports are the four the module needs: clock_time_get,
// environ_sizes_get, environ_get and emscripten_notify_memory_growth.

import { readFile } from 'node:fs/promises';

const SQLITE_OK = 0, SQLITE_ROW = 100, SQLITE_DONE = 101, SQLITE_TRANSIENT = -1;

/** An error SQLite reported: `code` is the result code. */
export class HandError extends Error {
  /** @param {string} fn @param {number} code @param {string} message */
  constructor(fn, code, message) {
    super(`${fn}: ${message} (${code})`);
    this.code = code;
  }
}

/** Loads the module and returns its glue. @param {string | URL} wasmPath */
export async function loadHand(wasmPath) {
  const module = await WebAssembly.compile(await readFile(wasmPath));
  /** @type {WebAssembly.Memory} */
  let memory;
  let u8 = new Uint8Array(0), u32 = new Uint32Array(0);
  const refresh = () => {
    u8 = new Uint8Array(memory.buffer);
    u32 = new Uint32Array(memory.buffer);
  };
  const imports = {
    wasi_snapshot_preview1: {
      /** @param {number} id @param {bigint} _precision @param {number} out */
      clock_time_get(id, _precision, out) {
        const ns = id === 0 ? BigInt(Date.now()) * 1000000n : BigInt(Math.round(performance.now() * 1e6));
        new DataView(memory.buffer).setBigUint64(out, ns, true);
        return 0;
      },
      /** An empty environment. @param {number} count @param {number} size */
      environ_sizes_get(count, size) {
        new DataView(memory.buffer).setUint32(count, 0, true);
        new DataView(memory.buffer).setUint32(size, 0, true);
        return 0;
      },
      environ_get: () => 0,
    },
    env: { emscripten_notify_memory_growth: () => refresh() },
  };
  const instance = await WebAssembly.instantiate(module, imports);
  /** @type {any} */
  const x = instance.exports;
  memory = x.memory;
  if (typeof x._initialize === 'function') x._initialize();
  refresh();

  // The raw exports, each in a constant: a call is one wasm call.
  const _malloc = x.malloc, _free = x.free;
  const _open_v2 = x.sqlite3_open_v2, _close_v2 = x.sqlite3_close_v2, _exec = x.sqlite3_exec;
  const _errmsg = x.sqlite3_errmsg, _db_handle = x.sqlite3_db_handle;
  const _prepare_v2 = x.sqlite3_prepare_v2, _finalize = x.sqlite3_finalize;
  const _step = x.sqlite3_step, _reset = x.sqlite3_reset, _clear_bindings = x.sqlite3_clear_bindings;
  const _bind_int = x.sqlite3_bind_int, _bind_double = x.sqlite3_bind_double, _bind_text = x.sqlite3_bind_text;
  const _column_int = x.sqlite3_column_int, _column_double = x.sqlite3_column_double;
  const _column_text = x.sqlite3_column_text, _column_bytes = x.sqlite3_column_bytes;

  const encoder = new TextEncoder(), decoder = new TextDecoder();
  // Scratch: one block for strings going in, plus a 4-byte out-slot.
  const outSlot = _malloc(4);
  let scratchSize = 4096;
  let scratch = _malloc(scratchSize);
  if (outSlot === 0 || scratch === 0) throw new Error('malloc failed');
  if (u8.buffer !== memory.buffer) refresh();

  /** Writes s as UTF-8 (NUL-terminated) into the scratch block; returns its
   * byte length. Grows the block when 3 bytes per UTF-16 unit might not fit.
   * @param {string} s */
  function encode(s) {
    const max = s.length * 3 + 1;
    if (max > scratchSize) {
      _free(scratch);
      scratchSize = Math.max(max, scratchSize * 2);
      scratch = _malloc(scratchSize);
      if (scratch === 0) throw new Error('malloc failed');
    }
    const n = /** @type {number} */ (encoder.encodeInto(s, u8.subarray(scratch, scratch + max - 1)).written);
    u8[scratch + n] = 0;
    return n;
  }
  /** The NUL-terminated string at p. @param {number} p */
  function cstring(p) {
    let end = p;
    while (u8[end] !== 0) end++;
    return decoder.decode(u8.subarray(p, end));
  }
  /** @param {string} fn @param {number} db @param {number} rc */
  function fail(fn, db, rc) {
    return new HandError(fn, rc, db === 0 ? 'error' : cstring(_errmsg(db)));
  }

  return {
    memory,
    /** An in-memory connection (its pointer). */
    open() {
      encode(':memory:');
      u32[outSlot >> 2] = 0;
      const rc = _open_v2(scratch, outSlot, 0x2 | 0x4, 0); // READWRITE | CREATE
      const db = u32[outSlot >> 2];
      if (rc !== SQLITE_OK) throw fail('sqlite3_open_v2', db, rc);
      return db;
    },
    /** @param {number} db */
    close(db) {
      const rc = _close_v2(db);
      if (rc !== SQLITE_OK) throw fail('sqlite3_close_v2', db, rc);
    },
    /** @param {number} db @param {string} sql */
    exec(db, sql) {
      encode(sql);
      const rc = _exec(db, scratch, 0, 0, 0);
      if (rc !== SQLITE_OK) throw fail('sqlite3_exec', db, rc);
    },
    /** A statement (its pointer). @param {number} db @param {string} sql */
    prepare(db, sql) {
      const n = encode(sql);
      u32[outSlot >> 2] = 0;
      const rc = _prepare_v2(db, scratch, n, outSlot, 0);
      if (rc !== SQLITE_OK) throw fail('sqlite3_prepare_v2', db, rc);
      return u32[outSlot >> 2];
    },
    /** @param {number} stmt */
    finalize(stmt) {
      const db = _db_handle(stmt);
      const rc = _finalize(stmt);
      if (rc !== SQLITE_OK) throw fail('sqlite3_finalize', db, rc);
    },
    /** SQLITE_ROW or SQLITE_DONE. @param {number} stmt */
    step(stmt) {
      const rc = _step(stmt);
      if (rc !== SQLITE_ROW && rc !== SQLITE_DONE) throw fail('sqlite3_step', _db_handle(stmt), rc);
      return rc;
    },
    /** @param {number} stmt */
    reset(stmt) {
      const rc = _reset(stmt);
      if (rc !== SQLITE_OK) throw fail('sqlite3_reset', _db_handle(stmt), rc);
    },
    /** @param {number} stmt */
    clearBindings(stmt) {
      _clear_bindings(stmt);
    },
    /** @param {number} stmt @param {number} i @param {number} v */
    bindInt(stmt, i, v) {
      const rc = _bind_int(stmt, i, v);
      if (rc !== SQLITE_OK) throw fail('sqlite3_bind_int', _db_handle(stmt), rc);
    },
    /** @param {number} stmt @param {number} i @param {number} v */
    bindDouble(stmt, i, v) {
      const rc = _bind_double(stmt, i, v);
      if (rc !== SQLITE_OK) throw fail('sqlite3_bind_double', _db_handle(stmt), rc);
    },
    /** @param {number} stmt @param {number} i @param {string} s */
    bindText(stmt, i, s) {
      const n = encode(s);
      const rc = _bind_text(stmt, i, scratch, n, SQLITE_TRANSIENT);
      if (rc !== SQLITE_OK) throw fail('sqlite3_bind_text', _db_handle(stmt), rc);
    },
    /** @param {number} stmt @param {number} i */
    columnInt(stmt, i) {
      return _column_int(stmt, i);
    },
    /** @param {number} stmt @param {number} i */
    columnDouble(stmt, i) {
      return _column_double(stmt, i);
    },
    /** The text of a column, or null for NULL. @param {number} stmt @param {number} i */
    columnText(stmt, i) {
      const p = _column_text(stmt, i); // may convert, and so allocate: before the views are used
      if (p === 0) return null;
      const n = _column_bytes(stmt, i);
      return decoder.decode(u8.subarray(p, p + n));
    },
  };
}
