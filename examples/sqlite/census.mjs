// @ts-check
// How much of sqlite3.h the generated bindings cover, measured from what the
// generator says and writes, never from a list kept by hand:
//
//   declared   every function of sqlite3.h (`wasmbind ir`)
//   compiled   those the objects define (build/examples/sqlite/exports.txt)
//   bound      those the generated module binds (`wasmbind gen` with the rules)
//   JS values  bound, with no C address in or out: every parameter, result
//              and callback argument whose C type is a pointer (function
//              pointers aside) is something else than a plain `number` in
//              the .d.ts (a string, bytes, a handle, a view, an array...),
//              and no struct it takes or returns has a pointer field typed
//              `number` (a function pointer as an address)
//   raw        bound, with at least one such address: each with the reason
//   not bound  each with the generator's warning
//
//   node examples/sqlite/census.mjs            prints the table and the lists (Markdown)
//   node examples/sqlite/census.mjs --write    puts them in examples/sqlite/README.md
//   node examples/sqlite/census.mjs --json     the measures as JSON
// Needs `make sqlite`. tests/examples/sqlite.test.mjs calls census() too.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HEADER = join(ROOT, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.h');
const RULES = join(ROOT, 'examples/sqlite/sqlite3.rules');
const BUILD = join(ROOT, 'build/examples/sqlite');
const WASMBIND = join(ROOT, 'build/wasmbind');

/** The C allocator: raw by nature (addresses in, addresses out). */
export const ALLOCATORS = ['sqlite3_malloc', 'sqlite3_malloc64', 'sqlite3_realloc', 'sqlite3_realloc64', 'sqlite3_free', 'sqlite3_msize'];

/** Splits a parameter list at its top-level commas. @param {string} s */
function splitTop(s) {
  /** @type {string[]} */
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '<' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '>' || c === '}' || c === ']') { if (s[i - 1] !== '=') depth--; }
    else if (c === ',' && depth === 0) { parts.push(s.slice(start, i).trim()); start = i + 1; }
  }
  if (s.slice(start).trim()) parts.push(s.slice(start).trim());
  return parts;
}

/** The index of the parenthesis closing the one at `open`. @param {string} s @param {number} open */
function closing(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && s[i - 1] !== '=' && --depth === 0) return i;
  }
  throw new Error(`unbalanced: ${s}`);
}

/** A .d.ts signature `(a: T, b: U): R` as { params: [{name, type}], result }. @param {string} sig */
function parseSignature(sig) {
  const end = closing(sig, 0);
  const params = splitTop(sig.slice(1, end)).map((p) => {
    const colon = p.indexOf(':');
    return { name: p.slice(0, colon).replace(/^\.\.\./, '').replace(/\?$/, '').trim(), type: p.slice(colon + 1).trim(), rest: p.startsWith('...') };
  });
  let result = sig.slice(end + 1).trim();
  result = result.startsWith(':') ? result.slice(1).trim() : result.startsWith('=>') ? result.slice(2).trim() : result;
  return { params, result: result.replace(/;$/, '') };
}

/** A C function-pointer type `R (*)(A, B)` as its parameter types, or null. @param {string} type */
function cCallbackParams(type) {
  const star = type.indexOf('(*)');
  if (star < 0) return null;
  const open = type.indexOf('(', star + 3);
  const inner = type.slice(open + 1, closing(type, open));
  return inner === 'void' || inner === '' ? [] : splitTop(inner);
}

/** @param {string} type */
const isDataPointer = (type) => type.includes('*') && !type.includes('(*)');
/** A .d.ts type that is only an address. @param {string} type */
const isAddress = (type) => /^(number|bigint|number \| null)$/.test(type.trim());
/** A .d.ts callback type `((a: T) => R)`, its outer parentheses and `| null` removed. @param {string} type */
function callbackSignature(type) {
  let t = type.replace(/\s*\|\s*null$/, '').trim();
  while (t.startsWith('((') && closing(t, 0) === t.length - 1) t = t.slice(1, -1);
  return t.startsWith('(') && t.includes('=>') ? t : null;
}

/** Runs the generator and measures. @param {{ rules?: string }} [options] */
export function census(options = {}) {
  const rules = options.rules ?? RULES;
  const ir = JSON.parse(execFileSync(WASMBIND, ['ir', HEADER], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  /** @type {Map<string, { name: string, returns: string, params: { name: string, type: string }[], variadic: boolean }>} */
  const declared = new Map(ir.functions.map((/** @type {any} */ f) => [f.name, f]));
  const compiled = new Set(readFileSync(join(BUILD, 'exports.txt'), 'utf8').trim().split(',').map((s) => s.replace(/^_/, ''))
    .filter((n) => declared.has(n)));

  const { warnings, dts } = generate(rules);

  // Struct value interfaces (`interface SValue`) with their fields typed `number`
  // that are pointers in C: such a struct carries raw addresses.
  /** @type {Map<string, string[]>} */
  const rawFields = new Map();
  for (const rec of ir.records ?? []) {
    const recName = String(rec.name ?? '').replace(/^(struct|union) /, '');
    if (!recName || !rec.fields) continue;
    const m = dts.match(new RegExp(`export interface ${recName}Value \\{([^}]*)\\}`));
    if (!m) continue;
    /** @type {string[]} */
    const raw = [];
    for (const field of rec.fields) {
      const line = m[1].match(new RegExp(`\\n\\s*${field.name}\\??: ([^;]*);`));
      if (line && (isDataPointer(field.type) || field.type.includes('(*)')) && isAddress(line[1])) raw.push(field.name);
    }
    if (raw.length) rawFields.set(recName, raw);
  }

  const lib = dts.slice(dts.indexOf('export interface Library {'));
  /** @type {Map<string, string>} */
  const signatures = new Map();
  for (const m of lib.matchAll(/^ {2}(sqlite3_\w+)(\(.*);$/gm)) signatures.set(m[1], m[2]);

  /** @type {Map<string, string>} */
  const notBound = new Map();
  for (const w of warnings.matchAll(/warning: '(\w+)' is not bound: (.*)$/gm)) notBound.set(w[1], w[2]);

  /** @type {Map<string, string[]>} */
  const raw = new Map();
  const jsOnly = [];
  for (const name of compiled) {
    const sig = signatures.get(name);
    if (!sig) {
      if (!notBound.has(name)) notBound.set(name, 'no warning, and not in the .d.ts');
      continue;
    }
    const c = /** @type {NonNullable<ReturnType<typeof declared.get>>} */ (declared.get(name));
    const js = parseSignature(sig);
    /** @type {string[]} */
    const why = [];
    /** What JS sees for the C parameter at index i (named or `argI`). @param {{name: string, type: string}[]} list @param {{name: string}} p @param {number} i */
    const find = (list, p, i) => list.find((q) => q.name === (p.name || `arg${i}`)) ?? list.find((q) => q.name === `arg${i}`);
    const structRaw = (/** @type {string} */ ctype, /** @type {string} */ where) => {
      const s = ctype.match(/struct (\w+) \*/);
      const fields = s && rawFields.get(s[1]);
      if (s && fields) why.push(`${where}: ${fields.length} fields of struct ${s[1]} (${fields.slice(0, 2).join(', ')}, ...)`);
    };
    c.params.forEach((p, i) => {
      const label = p.name || `#${i + 1}`;
      const j = find(js.params, p, i);
      if (!j) return; // omitted, passed, out or userdata: not an address JS sees
      if (p.type.includes('(*)')) {
        const cb = callbackSignature(j.type);
        const cParams = cCallbackParams(p.type) ?? [];
        if (!cb) {
          if (isAddress(j.type)) why.push(`${label}: a function pointer as an address`);
          return;
        }
        const inner = parseSignature(cb);
        cParams.forEach((cp, k) => {
          const jp = inner.params.find((q) => q.name === `arg${k}`);
          if (jp && isDataPointer(cp) && isAddress(jp.type)) why.push(`${label}'s argument ${k + 1} (${cp})`);
        });
        const cRet = p.type.slice(0, p.type.indexOf('(*)')).trim();
        if (isDataPointer(cRet)) why.push(`${label} returns ${cRet}`);
      } else if (isDataPointer(p.type)) {
        if (isAddress(j.type)) why.push(`${label} (${p.type})`);
        structRaw(p.type, label);
      }
    });
    // Out-parameters come back in the result ({ return, name, ... }): C's
    // `T *` gives JS a T, an address when T is itself a data pointer.
    if (js.result.startsWith('{')) {
      for (const f of js.result.slice(1, -1).split(';').map((x) => x.trim()).filter(Boolean)) {
        const [fname, ftype] = [f.slice(0, f.indexOf(':')).trim(), f.slice(f.indexOf(':') + 1).trim()];
        const i = c.params.findIndex((p, k) => (p.name || `arg${k}`) === fname);
        if (i < 0) continue;
        const pointee = c.params[i].type.replace(/\s*\*$/, '');
        if (isDataPointer(pointee) && isAddress(ftype)) why.push(`${c.params[i].name || `#${i + 1}`}, out (${pointee})`);
      }
    }
    if (isDataPointer(c.returns)) {
      if (isAddress(js.result)) why.push(`the result (${c.returns})`);
      structRaw(c.returns, 'the result');
    }
    // rules `varargs` without kinds: the variadic arguments as the JS values say, unchecked
    if (c.variadic && sig.includes('...args: Array<number | bigint | string | boolean | null>'))
      why.push('the variadic arguments (typed by the JS values)');
    if (why.length) raw.set(name, why);
    else jsOnly.push(name);
  }
  return {
    declared: [...declared.keys()],
    compiled: [...compiled],
    bound: [...compiled].filter((n) => signatures.has(n)),
    jsOnly,
    raw: Object.fromEntries(raw),
    notBound: Object.fromEntries([...notBound].filter(([n]) => declared.has(n))),
  };
}

/** Runs `wasmbind gen` with the rules: its warnings (stderr) and the .d.ts. @param {string} rules */
export function generate(rules = RULES) {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-census-'));
  try {
    const r = spawnSync(WASMBIND, ['gen', HEADER, '--rules', rules, '--wasm', join(BUILD, 'sqlite3.wasm'), '-o', join(dir, 'sqlite3.js')],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`wasmbind gen failed:\n${r.stderr}`);
    return { warnings: r.stderr, dts: readFileSync(join(dir, 'sqlite3.d.ts'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why each function that stays raw does: what no rule can say yet. A raw
 * function missing here fails tests/examples/sqlite.test.mjs. */
export const WHY_RAW = {
  ...Object.fromEntries(ALLOCATORS.map((n) => [n, 'the allocator: addresses in and out by nature'])),
  sqlite3_get_table: 'the table is `(rows + 1) × columns` strings: `len` takes a parameter, not an expression; the binding frees it (`free sqlite3_free_table`) and JS gets the counts only',
  sqlite3_free_table: 'takes what `sqlite3_get_table` gives out; the binding calls it',
  sqlite3_vmprintf: '`va_list`: `format` types `...` only',
  sqlite3_vsnprintf: '`va_list`: `format` types `...` only',
  sqlite3_str_vappendf: '`va_list`: `format` types `...` only',
  sqlite3_trace_v2: 'the callback\'s `P` and `X` are a statement, a connection, SQL text or an `int64 *` by event code: no rule types a parameter by another\'s value',
  sqlite3_create_filename: '`azParam` holds `2 × nParam` strings (`len` takes no expression); the result is for `sqlite3_free_filename` only',
  sqlite3_bind_pointer: 'an application object SQLite passes through (`void *` + destructor): no rule boxes a JS value',
  sqlite3_result_pointer: 'an application object SQLite passes through: no rule boxes a JS value',
  sqlite3_value_pointer: 'an application object SQLite passes through: no rule boxes a JS value',
  sqlite3_user_data: 'returns `pApp`, the binding\'s `userdata`: no rule maps it back',
  sqlite3_get_auxdata: 'application data (`void *` + destructor): no rule boxes a JS value',
  sqlite3_set_auxdata: 'application data (`void *` + destructor): no rule boxes a JS value',
  sqlite3_get_clientdata: 'application data (`void *` + destructor): no rule boxes a JS value',
  sqlite3_set_clientdata: 'application data (`void *` + destructor): no rule boxes a JS value',
  sqlite3_create_function: 'no `xDestroy`: SQLite keeps the callbacks until the name is registered again or the connection closes; `keep until replaced` releases them at the next call for the connection, whatever the name (use `_v2`)',
  sqlite3_create_function16: 'as `sqlite3_create_function` (use `_v2`)',
  sqlite3_create_collation: 'as `sqlite3_create_function`: no `xDestroy` (use `_v2`)',
  sqlite3_create_collation16: 'as `sqlite3_create_function`: no `xDestroy` (use `_v2`)',
  sqlite3_collation_needed16: 'the callback\'s name is UTF-16: `utf16` does not apply to a callback\'s parameters',
  sqlite3_value_text16be: 'big-endian UTF-16: `utf16` is little-endian only',
  sqlite3_result_text16be: 'big-endian UTF-16: `utf16` is little-endian only',
  sqlite3_create_module: '`sqlite3_module` is a struct of function pointers: SQLite keeps it, and a JS function in a struct field lives for the call only (no rule keeps one longer yet)',
  sqlite3_create_module_v2: '`sqlite3_module` is a struct of function pointers: as `sqlite3_create_module`',
  sqlite3_drop_modules: '`azKeep` is a NULL-terminated array of strings: no rule for a terminated array',
  sqlite3_vfs_find: '`sqlite3_vfs` is a struct of function pointers SQLite keeps (a JS function in a field lives for the call only), two of which return pointers',
  sqlite3_vfs_register: '`sqlite3_vfs` is a struct of function pointers',
  sqlite3_vfs_unregister: '`sqlite3_vfs` is a struct of function pointers',
  sqlite3_file_control: 'the `void *` argument\'s type depends on `op`',
  sqlite3_config: 'rules `varargs`: the arguments\' types depend on the option, so JS values type them, unchecked (pointers are addresses)',
  sqlite3_db_config: 'as `sqlite3_config` (`sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, null)`)',
  sqlite3_test_control: 'as `sqlite3_config`',
  sqlite3_vtab_config: 'as `sqlite3_config`',
  sqlite3_free_filename: 'frees a `sqlite3_filename` (`const char *`) SQLite made: named like a freer, it takes the address, since a JS string would be a copy that C frees',
  sqlite3_deserialize: 'SQLite keeps `pData` (and frees it with `FREEONCLOSE`): bytes from JS are a temporary copy; `consumed` applies to struct pointers only',
};

/** Bound with JS values only, yet not safe or not usable as bound: the types
 * are JS values, the contract is not (checked to be in jsOnly). */
export const JS_TYPED_BUT_UNSOUND = {
  sqlite3_uri_parameter: 'a `sqlite3_filename` again: SQLite reads before the string for the database name',
  sqlite3_uri_boolean: 'a `sqlite3_filename`: reads before the string',
  sqlite3_uri_int64: 'a `sqlite3_filename`: reads before the string',
  sqlite3_uri_key: 'a `sqlite3_filename`: reads before the string',
  sqlite3_filename_database: 'a `sqlite3_filename`: reads before the string',
  sqlite3_filename_journal: 'a `sqlite3_filename`: reads before the string',
  sqlite3_filename_wal: 'a `sqlite3_filename`: reads before the string',
  sqlite3_database_file_object: 'a `sqlite3_filename`: reads before the string',
  sqlite3_auto_extension: 'the header types the entry point `void (*)(void)`, SQLite calls it with three arguments (a signature-mismatch trap), and keeps it after the call',
  sqlite3_cancel_auto_extension: 'as `sqlite3_auto_extension`',
};

/** The census as the Markdown that examples/sqlite/README.md carries. @param {ReturnType<typeof census>} r */
export function markdown(r) {
  const raw = Object.keys(r.raw);
  const notCompiled = Object.entries(r.notBound).filter(([, w]) => /does not export/.test(w));
  const variadic = Object.entries(r.notBound).filter(([, w]) => !/does not export/.test(w));
  const code = (/** @type {string} */ n) => `\`${n}\``;
  const lines = [
    '| functions of `sqlite3.h` | count |',
    '| --- | ---: |',
    `| declared | ${r.declared.length} |`,
    `| compiled in (\`exports.txt\`, without \`malloc\` and \`free\`) | ${r.compiled.length} |`,
    `| bound | ${r.bound.length} |`,
    `| bound with JS values only | ${r.jsOnly.length} |`,
    `| bound, still raw (${ALLOCATORS.filter((n) => raw.includes(n)).length} of them the allocator) | ${raw.length} |`,
    `| compiled in, not bound (variadic with neither a format nor \`varargs\`) | ${variadic.filter(([n]) => r.compiled.includes(n)).length} |`,
    `| declared, not compiled in (so not bound) | ${notCompiled.length} |`,
    '',
    'Still raw, each with what is an address and why:',
    '',
    '| function | addresses | why |',
    '| --- | --- | --- |',
    ...raw.map((n) => `| ${code(n)} | ${r.raw[n].join('; ').replace(/\|/g, '\\|')} | ${WHY_RAW[/** @type {keyof typeof WHY_RAW} */ (n)] ?? '**unexplained**'} |`),
    '',
    'Not bound, with the generator\'s warning:',
    '',
    '| function | `wasmbind gen` says |',
    '| --- | --- |',
    ...variadic.map(([n, w]) => `| ${code(n)} | ${w} |`),
    `| ${notCompiled.map(([n]) => code(n)).join(', ')} | ${notCompiled[0]?.[1] ?? ''} (not compiled under this build's options) |`,
    '',
    'Bound with JS values only, but unsound or unusable as bound (the types are JS values, the contract is not):',
    '',
    '| function | why |',
    '| --- | --- |',
    ...Object.entries(JS_TYPED_BUT_UNSOUND).map(([n, w]) => `| ${code(n)} | ${w} |`),
  ];
  return `${lines.join('\n')}\n`;
}

const BEGIN = '<!-- census: node examples/sqlite/census.mjs --write -->\n';
const END = '<!-- end of census -->';
export const README = join(ROOT, 'examples/sqlite/README.md');
/** The census part of README.md, or null. @param {string} text */
export function readmeCensus(text) {
  const a = text.indexOf(BEGIN), b = text.indexOf(END);
  return a < 0 || b < a ? null : text.slice(a + BEGIN.length, b);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = census();
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else if (process.argv.includes('--write')) {
    const text = readFileSync(README, 'utf8');
    if (readmeCensus(text) === null) throw new Error(`${README}: no census markers`);
    writeFileSync(README, text.slice(0, text.indexOf(BEGIN) + BEGIN.length) + markdown(r) + text.slice(text.indexOf(END)));
  } else process.stdout.write(markdown(r));
}
