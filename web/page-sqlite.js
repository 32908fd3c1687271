// @ts-check
// The SQLite example of the demo page (shell.html, Examples → SQLite): SQLite
// compiled to WebAssembly (build/examples/sqlite, `make sqlite`), called
// through the bindings wasmbind generated from sqlite3.h. page-tabs.js
// imports this module when the tab first opens: only then are sqlite/sqlite3.js
// and sqlite3.wasm fetched. An in-memory database starts with a table t.
// <html data-sqlite="ready"> once it is open; data-sqlite-run counts the runs.

/** @param {string} id */
const byId = (id) => /** @type {any} */ (document.getElementById(id));

const PRELOAD = `
CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT, year INTEGER);
INSERT INTO t(name, kind, year) VALUES
  ('SQLite', 'database', 2000),
  ('Lua', 'language', 1993),
  ('WebAssembly', 'bytecode', 2017),
  ('Emscripten', 'toolchain', 2011),
  ('wasmbind', NULL, 2026);
`;
const MAX_ROWS = 1000;

let started = false;

export async function start() {
  if (started) return;
  started = true;
  const status = byId('sqlite-status');
  status.textContent = 'Loading SQLite (sqlite3.wasm)…';
  const t0 = performance.now();
  const { default: load } = await import('./sqlite/sqlite3.js');
  /** @type {any} */
  const lib = await load();
  const db = lib.sqlite3_open_v2(':memory:', lib.SQLITE_OPEN_READWRITE | lib.SQLITE_OPEN_CREATE, null);
  db.exec(PRELOAD, null);
  status.textContent = `SQLite ${lib.sqlite3_libversion()} · ready in ${Math.round(performance.now() - t0)} ms`;
  status.className = 'status ready';

  /** Splits a script into statements, where SQLite says one is complete. @param {string} sql */
  function statements(sql) {
    /** @type {string[]} */
    const out = [];
    let from = 0;
    for (let i = sql.indexOf(';'); i >= 0; i = sql.indexOf(';', i + 1)) {
      if (lib.sqlite3_complete(sql.slice(from, i + 1))) {
        out.push(sql.slice(from, i + 1));
        from = i + 1;
      }
    }
    if (sql.slice(from).trim()) out.push(sql.slice(from));
    return out;
  }

  /** A cell's text and class, by the value's type. @param {any} stmt @param {number} i */
  function cell(stmt, i) {
    const type = stmt.column_type(i);
    if (type === lib.SQLITE_NULL) return { text: 'NULL', cls: 'null' };
    if (type === lib.SQLITE_BLOB) {
      const bytes = stmt.column_blob(i) ?? new Uint8Array();
      return { text: `x'${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}'`, cls: 'blob' };
    }
    const num = type === lib.SQLITE_INTEGER || type === lib.SQLITE_FLOAT;
    return { text: stmt.column_text(i) ?? '', cls: num ? 'num' : '' };
  }

  /** @param {string} sql @param {string[]} names @param {{ text: string, cls: string }[][]} rows @param {boolean} more */
  function table(sql, names, rows, more) {
    const figure = document.createElement('figure');
    figure.className = 'result';
    const cap = document.createElement('figcaption');
    cap.innerHTML = '<code></code><span class="muted"></span>';
    cap.children[0].textContent = sql.trim();
    cap.children[1].textContent = `${rows.length}${more ? '+' : ''} row${rows.length === 1 ? '' : 's'}`;
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    for (const n of names) {
      const th = document.createElement('th');
      th.textContent = n;
      head.append(th);
    }
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const c of r) {
        const td = tr.insertCell();
        td.textContent = c.text;
        if (c.cls) td.className = c.cls;
      }
    }
    wrap.append(t);
    figure.append(cap, wrap);
    return figure;
  }

  /** @param {string} sql @param {string} text */
  function note(sql, text) {
    const p = document.createElement('p');
    p.className = 'result-note';
    p.innerHTML = '<span class="ok-mark">✓</span> <code></code> <span class="muted"></span>';
    p.children[1].textContent = sql.trim().replace(/\s+/g, ' ').slice(0, 80);
    p.children[2].textContent = text;
    return p;
  }

  let runs = 0;
  function run() {
    const sql = byId('sql').value;
    const error = byId('sql-error');
    const results = byId('sql-results');
    error.hidden = true;
    /** @type {HTMLElement[]} */
    const shown = [];
    const list = statements(sql);
    let n = 0;
    const t1 = performance.now();
    try {
      for (const text of list) {
        n++;
        const stmt = db.prepare_v2(text);
        if (!stmt) continue; // only a comment or white space
        try {
          const count = stmt.column_count();
          const names = Array.from({ length: count }, (_, i) => stmt.column_name(i) ?? '');
          /** @type {{ text: string, cls: string }[][]} */
          const rows = [];
          let more = false;
          while (stmt.step() === lib.SQLITE_ROW) {
            if (rows.length === MAX_ROWS) { more = true; break; }
            rows.push(Array.from({ length: count }, (_, i) => cell(stmt, i)));
          }
          if (count > 0) shown.push(table(text, names, rows, more));
          else {
            const changes = db.changes();
            shown.push(note(text, /^\s*(insert|update|delete|replace)\b/i.test(text) ? `${changes} row${changes === 1 ? '' : 's'} changed` : 'done'));
          }
        } finally {
          stmt.finalize();
        }
      }
    } catch (e) {
      const err = /** @type {any} */ (e);
      error.textContent = err instanceof lib.Sqlite3Error
        ? `${list.length > 1 ? `Statement ${n}: ` : ''}${err.message} (SQLite error ${err.code})`
        : `${err?.message ?? String(err)}`;
      error.hidden = false;
    }
    if (!shown.length && error.hidden) shown.push(note(sql || '(nothing)', 'no statements'));
    results.replaceChildren(...shown);
    status.textContent = `SQLite ${lib.sqlite3_libversion()} · ran ${n} statement${n === 1 ? '' : 's'} in ${(performance.now() - t1).toFixed(1)} ms`;
    document.documentElement.dataset.sqliteRun = String(++runs);
  }

  byId('sql-form').addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    run();
  });
  byId('sql').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  byId('sql-run').disabled = false;
  document.documentElement.dataset.sqlite = 'ready';
  run();
}
