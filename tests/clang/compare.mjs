#!/usr/bin/env node
// @ts-check
// compare.mjs: compares `wasmbind ir HEADER` with clang's own view of the
// header for wasm32-unknown-emscripten, following docs/IR-SCHEMA.md,
// "Equivalences", and prints every difference.
//
//   node tests/clang/compare.mjs HEADER [-I DIR] [-D NAME[=V]] [-isystem DIR] [--verbose]
//
// clang's view is assembled from three runs of clang:
//   1. `-E -dD`: which files are reported (the header, files under -I, files
//      included with "..." relative to a reported file) and which
//      object-like macros they define;
//   2. `-Xclang -ast-dump=json`: functions, records, enums, typedefs;
//   3. a probe file including the header, with `enum { k = sizeof(T) }` for
//      every record (laid out and printed by -fdump-record-layouts) and
//      `enum { k = (MACRO) }` for every macro (evaluated by clang, filtered
//      out of the AST with -ast-dump-filter).
// Type spellings of both sides are parsed as C type names and printed again
// canonically, typedef names resolved through clang's typedefs.
// Exit status: 0 when both agree, 1 on differences, 2 on a failure to run.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const WASMBIND = path.join(ROOT, 'build/wasmbind');
export const SYSROOT = '/usr/share/emscripten/cache/sysroot';
const TARGET = '--target=wasm32-unknown-emscripten';

/** The include search of emcc's clang, as wasmbind has it: the user's -I and
 * -isystem, then <sysroot>/include/compat, clang's own headers,
 * <sysroot>/include (never the host's /usr/include). */
let includeArgsCache = null;
function includeArgs() {
  if (!includeArgsCache) {
    const res = run('clang', ['-print-resource-dir']).stdout.trim();
    includeArgsCache = ['-nostdinc', '-isystem', `${SYSROOT}/include/compat`, '-isystem', `${res}/include`,
      '-isystem', `${SYSROOT}/include`];
  }
  return includeArgsCache;
}

/** clang's arguments for a header: the target, the user's options, the search path. */
function clangArgs(cppArgs, ...rest) {
  return [TARGET, '-x', 'c', ...cppArgs, ...includeArgs(), ...rest];
}
const MAX_BUFFER = 1 << 30;

/** @param {string} cmd @param {string[]} args */
function run(cmd, args, allowFail = false) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: MAX_BUFFER });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(0, 4000)}`);
  return r;
}

// ---- C type spellings --------------------------------------------------------

const BUILTIN_WORDS = new Set([
  'void', '_Bool', 'bool', 'char', 'short', 'int', 'long', 'float', 'double',
  'signed', 'unsigned', '__int128', '__signed', '__signed__',
]);
const QUAL_WORDS = new Map([
  ['const', 'const'], ['__const', 'const'], ['volatile', 'volatile'], ['__volatile', 'volatile'],
  ['restrict', 'restrict'], ['__restrict', 'restrict'], ['__restrict__', 'restrict'],
]);
const IGNORED_WORDS = new Set(['_Atomic', '_Nonnull', '_Nullable', '_Null_unspecified', '__unaligned',
  'struct', 'union', 'enum']);

/** The canonical name of a multiset of builtin type words. */
function builtinName(words) {
  const count = (w) => words.filter((x) => x === w).length;
  const unsigned = words.includes('unsigned');
  const longs = count('long');
  if (words.includes('void')) return 'void';
  if (words.includes('_Bool') || words.includes('bool')) return '_Bool';
  if (words.includes('float')) return 'float';
  if (words.includes('double')) return longs ? 'long double' : 'double';
  if (words.includes('char'))
    return unsigned ? 'unsigned char' : words.some((w) => w.startsWith('__signed') || w === 'signed') ? 'signed char' : 'char';
  if (words.includes('__int128')) return unsigned ? 'unsigned __int128' : '__int128';
  if (words.includes('short')) return unsigned ? 'unsigned short' : 'short';
  if (longs >= 2) return unsigned ? 'unsigned long long' : 'long long';
  if (longs === 1) return unsigned ? 'unsigned long' : 'long';
  return unsigned ? 'unsigned int' : 'int';
}

/** Splits a spelling into tokens; tags after struct/union/enum keep their `P::x` qualifiers. */
function tokenize(s) {
  s = stripAttributes(s);
  const toks = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (s.startsWith('...', i)) { toks.push('...'); i += 3; continue; }
    if ('*()[],'.includes(c)) { toks.push(c); i++; continue; }
    const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i));
    if (m) {
      toks.push(m[0]);
      i += m[0].length;
      if (m[0] === 'struct' || m[0] === 'union' || m[0] === 'enum') {
        // a tag: name(::name | ::(anonymous@i) | (unnamed@...))*
        while (/\s/.test(s[i])) i++;
        const t = /^(?:[\w$]+|\((?:anonymous|unnamed)@[^)]*\))(?:::(?:[\w$]+|\((?:anonymous|unnamed)@[^)]*\)))*/.exec(s.slice(i));
        if (t) { toks.push('tag:' + t[0]); i += t[0].length; }
      }
      continue;
    }
    const n = /^\d+[uUlL]*/.exec(s.slice(i));
    if (n) { toks.push(n[0].replace(/[uUlL]+$/, '')); i += n[0].length; continue; }
    // a bare `(unnamed@...)`-style name or anything else: one token up to a delimiter
    const o = /^\([^)]*\)/.exec(s.slice(i));
    if (o && /@/.test(o[0])) { toks.push('tag:' + o[0]); i += o[0].length; continue; }
    toks.push(c);
    i++;
  }
  return toks;
}

/** Removes __attribute__((...)) groups and similar noise from a spelling. */
function stripAttributes(s) {
  let out = '';
  let i = 0;
  for (;;) {
    const j = s.indexOf('__attribute__', i);
    if (j < 0) { out += s.slice(i); break; }
    out += s.slice(i, j);
    let k = s.indexOf('(', j);
    let depth = 0;
    for (; k < s.length; k++) {
      if (s[k] === '(') depth++;
      else if (s[k] === ')' && --depth === 0) break;
    }
    i = k + 1;
  }
  return out.replace(/_Atomic\(([^()]*)\)/g, '$1');
}

/**
 * A parsed type: {k:'base', name, q} | {k:'ptr', to, q} | {k:'arr', of, n} |
 * {k:'fn', ret, params, variadic, noproto}. q: a Set of qualifiers.
 */
class TypeParser {
  constructor(toks, resolver) {
    this.toks = toks;
    this.i = 0;
    this.resolver = resolver;
  }
  peek() { return this.toks[this.i]; }
  next() { return this.toks[this.i++]; }
  expect(t) {
    if (this.next() !== t) throw new Error(`expected ${t} in ${this.toks.join(' ')}`);
  }
  isSpecStart(t) {
    if (t === undefined) return false;
    return BUILTIN_WORDS.has(t) || QUAL_WORDS.has(t) || IGNORED_WORDS.has(t) || /^[A-Za-z_$]/.test(t) || t.startsWith('tag:');
  }
  specifiers() {
    const q = new Set();
    const words = [];
    let base = null;
    for (;;) {
      const t = this.peek();
      if (t === undefined) break;
      if (QUAL_WORDS.has(t)) { q.add(QUAL_WORDS.get(t)); this.i++; continue; }
      if (t === 'struct' || t === 'union' || t === 'enum') {
        this.i++;
        const tag = this.next();
        if (!tag || !tag.startsWith('tag:')) throw new Error(`bad tag after ${t}`);
        base = this.resolver.tag(t, tag.slice(4));
        continue;
      }
      if (IGNORED_WORDS.has(t)) { this.i++; continue; }
      if (BUILTIN_WORDS.has(t)) { words.push(t); this.i++; continue; }
      if (t.startsWith('tag:')) { base = { k: 'base', name: t.slice(4), q: new Set() }; this.i++; continue; }
      if (/^[A-Za-z_$]/.test(t) && !base && !words.length) {
        base = this.resolver.typedef(t);
        this.i++;
        continue;
      }
      break;
    }
    if (!base) base = { k: 'base', name: builtinName(words), q: new Set() };
    return qualify(base, q);
  }
  // declarator: returns a function building the full type from the base type
  declarator() {
    let ptrs = [];
    while (this.peek() === '*') {
      this.i++;
      const q = new Set();
      while (QUAL_WORDS.has(this.peek()) || IGNORED_WORDS.has(this.peek())) {
        const t = this.next();
        if (QUAL_WORDS.has(t)) q.add(QUAL_WORDS.get(t));
      }
      ptrs.push(q);
    }
    let inner = (t) => t;
    if (this.peek() === '(' && (this.toks[this.i + 1] === '*' || this.toks[this.i + 1] === '(' || this.toks[this.i + 1] === '^')) {
      this.i++;
      inner = this.declarator();
      this.expect(')');
    } else if (this.peek() && /^[A-Za-z_$]/.test(this.peek()) && !QUAL_WORDS.has(this.peek())) {
      this.i++; // a name
    }
    const suffixes = [];
    for (;;) {
      if (this.peek() === '[') {
        this.i++;
        let n = -1;
        while (this.peek() !== ']') {
          const t = this.next();
          if (/^\d+$/.test(t)) n = Number(t);
          if (t === undefined) throw new Error('unterminated [');
        }
        this.i++;
        suffixes.push({ k: 'arr', n });
      } else if (this.peek() === '(') {
        this.i++;
        suffixes.push(this.params());
      } else break;
    }
    return (base) => {
      let t = base;
      for (const q of ptrs) t = { k: 'ptr', to: t, q };
      for (let j = suffixes.length - 1; j >= 0; j--) {
        const s = suffixes[j];
        t = s.k === 'arr' ? { k: 'arr', of: t, n: s.n } : { ...s, ret: t };
      }
      return inner(t);
    };
  }
  params() {
    const fn = { k: 'fn', ret: null, params: [], variadic: false, noproto: false };
    if (this.peek() === ')') { this.i++; fn.noproto = true; return fn; }
    if (this.peek() === 'void' && this.toks[this.i + 1] === ')') { this.i += 2; return fn; }
    for (;;) {
      if (this.peek() === '...') { this.i++; fn.variadic = true; break; }
      fn.params.push(this.typeName());
      if (this.peek() !== ',') break;
      this.i++;
    }
    this.expect(')');
    return fn;
  }
  typeName() {
    const base = this.specifiers();
    return this.declarator()(base);
  }
}

function qualify(t, q) {
  if (!q.size) return t;
  if (t.k === 'arr') return { ...t, of: qualify(t.of, q) };
  return { ...t, q: new Set([...(t.q || []), ...q]) };
}

function qualText(q) {
  return ['const', 'volatile', 'restrict'].filter((x) => q && q.has(x)).join(' ');
}

/** Prints a parsed type as type.c's spellings do (clang's TypePrinter). */
export function printType(t, inner = '') {
  switch (t.k) {
    case 'ptr': {
      const qt = qualText(t.q);
      let s = '*' + qt + (qt && inner && !'[()'.includes(inner[0]) ? ' ' : '') + inner;
      if (t.to.k === 'arr' || t.to.k === 'fn') s = '(' + s + ')';
      return printType(t.to, s);
    }
    case 'arr':
      return printType(t.of, inner + (t.n < 0 ? '[]' : `[${t.n}]`));
    case 'fn': {
      let p;
      if (t.noproto) p = '';
      else if (!t.params.length && !t.variadic) p = 'void';
      // Canonical parameter types (clang's getCanonicalParamType): decayed,
      // without top-level qualifiers; clang's qualType keeps them as written.
      else p = t.params.map((x) => printType(unqualified(decayParam(x)))).join(', ') + (t.variadic ? (t.params.length ? ', ...' : '...') : '');
      return printType(t.ret, inner + '(' + p + ')');
    }
    default: {
      const qt = qualText(t.q);
      let s = (qt ? qt + ' ' : '') + t.name;
      if (inner) s += (inner[0] === '[' ? '' : ' ') + inner;
      return s;
    }
  }
}

function unqualified(t) {
  if (t.k === 'arr') return t;
  return { ...t, q: new Set() };
}

/** Resolves typedef names and tags to canonical types. */
class Resolver {
  constructor() {
    /** @type {Map<string, string>} typedef name -> spelling (clang's, sugared) */
    this.typedefs = new Map();
    /** names of tagless records/enums named by a typedef ("T") */
    this.tagless = new Set();
    this.cache = new Map();
    this.resolving = new Set();
  }
  typedef(name) {
    if (this.tagless.has(name)) return { k: 'base', name, q: new Set() };
    if (this.cache.has(name)) return this.cache.get(name);
    const spelling = this.typedefs.get(name);
    if (spelling === undefined || this.resolving.has(name)) return { k: 'base', name, q: new Set() };
    this.resolving.add(name);
    let t;
    try {
      t = this.parse(spelling);
    } finally {
      this.resolving.delete(name);
    }
    this.cache.set(name, t);
    return t;
  }
  tag(kw, name) {
    if (this.tagless.has(name)) return { k: 'base', name, q: new Set() };
    return { k: 'base', name: `${kw} ${name}`, q: new Set() };
  }
  parse(spelling) {
    const p = new TypeParser(tokenize(spelling), this);
    const t = p.typeName();
    if (p.i !== p.toks.length) throw new Error(`trailing tokens in "${spelling}": ${p.toks.slice(p.i).join(' ')}`);
    return t;
  }
  /** The canonical spelling, or the input with a note when it does not parse. */
  normalize(spelling, dropTopQuals = false) {
    try {
      let t = this.parse(spelling);
      if (dropTopQuals) t = unqualified(t);
      return printType(t);
    } catch (e) {
      return `${spelling} (unparsed: ${e.message})`;
    }
  }
}

// ---- clang's view ------------------------------------------------------------

/** Does includer have an `#include "X"` that names file relative to its directory? */
const sourceCache = new Map();
function quoteIncluded(includer, file) {
  let text = sourceCache.get(includer);
  if (text === undefined) {
    try { text = fs.readFileSync(includer, 'utf8'); } catch { text = ''; }
    sourceCache.set(includer, text);
  }
  for (const m of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*"([^"]+)"/gm))
    if (path.resolve(path.dirname(includer), m[1]) === path.resolve(file)) return true;
  return false;
}

/** clang -E -dD: reported files and their object-like macros. */
function preprocessorView(headerAbs, cppArgs, includeDirs) {
  const r = run('clang', clangArgs(cppArgs, '-E', '-dD', headerAbs), true);
  if (r.status !== 0) throw new Error(`clang -E failed:\n${r.stderr.slice(0, 4000)}`);
  const reported = new Map(); // file -> bool
  const isUnder = (f) => includeDirs.some((d) => f.startsWith(d.endsWith('/') ? d : d + '/'));
  const stack = [];
  const macros = new Map(); // name -> body
  const all = new Map(); // every object-like macro, for place-dependence
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('# ')) {
      const m = /^# \d+ "((?:[^"\\]|\\.)*)"((?: \d+)*)$/.exec(line);
      if (!m) continue;
      const file = m[1].replace(/\\(.)/g, '$1');
      const flags = m[2].trim().split(' ').filter(Boolean);
      if (flags.includes('1')) {
        const includer = stack[stack.length - 1];
        if (!reported.has(file)) {
          const rep = file === headerAbs || isUnder(file) ||
            (includer !== undefined && reported.get(includer) === true && quoteIncluded(includer, file));
          reported.set(file, rep);
        }
        stack.push(file);
      } else if (flags.includes('2')) {
        while (stack.length && stack[stack.length - 1] !== file) stack.pop();
      } else if (!stack.length || stack[stack.length - 1] !== file) {
        if (file === headerAbs && !reported.has(file)) reported.set(file, true);
        if (stack.length && stack[stack.length - 1] !== file) stack[stack.length - 1] = file;
        else if (!stack.length) stack.push(file);
      }
      continue;
    }
    const cur = stack[stack.length - 1];
    const d = /^#define ([A-Za-z_$][\w$]*)(\(| |$)(.*)$/.exec(line);
    if (d) {
      if (d[2] === '(') { macros.delete(d[1]); all.delete(d[1]); continue; }
      all.set(d[1], d[3].trim());
      if (cur && reported.get(cur)) macros.set(d[1], d[3].trim());
      else macros.delete(d[1]);
      continue;
    }
    const u = /^#undef ([A-Za-z_$][\w$]*)/.exec(line);
    if (u) { macros.delete(u[1]); all.delete(u[1]); }
  }
  // docs/IR-SCHEMA.md, "constants": not the macros whose value depends on the place of use
  const placeDependent = (name, seen = new Set()) => {
    if (seen.has(name)) return false;
    seen.add(name);
    const body = all.get(name) ?? '';
    for (const id of body.match(/[A-Za-z_$][\w$]*/g) || []) {
      if (id === '__LINE__' || id === '__COUNTER__' || id === '__FILE__') return true;
      if (all.has(id) && placeDependent(id, seen)) return true;
    }
    return false;
  };
  for (const name of [...macros.keys()]) if (placeDependent(name)) macros.delete(name);
  return { reported, macros };
}

/** Walks clang's JSON AST in document order, tracking the file and line
 * that JSONNodeDumper only writes when they change. */
function annotateLocations(root) {
  let file = null;
  let line = 0;
  const bare = (b) => {
    if (!b) return null;
    if (b.file) file = b.file;
    if (b.line) line = b.line;
    return { file, line, col: b.col };
  };
  const loc = (l) => {
    if (!l) return null;
    if (l.spellingLoc || l.expansionLoc) {
      bare(l.spellingLoc);
      return bare(l.expansionLoc);
    }
    return bare(l);
  };
  const walk = (node) => {
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (key === 'loc') node.__loc = loc(v);
      else if (key === 'range') { loc(v.begin); loc(v.end); }
      else if (key === 'inner') for (const c of v) walk(c);
    }
  };
  walk(root);
}

const locKey = (l) => (l ? `${l.file}:${l.line}:${l.col}` : '?');
/** A type's spelling; typeof(expr) is taken desugared (it is no C type name). */
const spellingOf = (t) => (/\b(?:__)?typeof\b/.test(t.qualType) && t.desugaredQualType ? t.desugaredQualType : t.qualType);
const UNNAMED_RE = /(?:\b(?:struct|union|enum)\s+)?(?:[\w$]+::)*\((?:unnamed|anonymous)(?: (?:struct|union|enum))? at ([^)]+)\)/g;

/** clang's declarations, named by the IR's naming rules. */
function astView(headerAbs, cppArgs, reported) {
  const r = run('clang', clangArgs(cppArgs, '-fsyntax-only', '-Wno-everything', '-Xclang', '-ast-dump=json', headerAbs), true);
  if (!r.stdout.trim()) throw new Error(`clang -ast-dump=json failed:\n${r.stderr.slice(0, 4000)}`);
  const tu = JSON.parse(r.stdout);
  annotateLocations(tu);
  const resolver = new Resolver();
  const isReported = (n) => n.__loc && reported.get(n.__loc.file) === true;

  /** @type {Map<string, string>} location key -> IR name of an unnamed record/enum */
  const locName = new Map();
  const declName = new Map(); // decl id -> IR name
  const records = []; // {node, parent}
  const enums = [];

  // tagless records and enums named by their first typedef
  for (const n of tu.inner) {
    if (n.kind !== 'TypedefDecl' || !n.inner) continue;
    let t = n.inner[0];
    if (t && t.kind === 'ElaboratedType' && t.inner) t = t.inner[0];
    if (t && (t.kind === 'RecordType' || t.kind === 'EnumType') && t.decl && !t.decl.name) {
      const q = t.type.qualType;
      if (!/\(unnamed|\(anonymous/.test(q) && !declName.has(t.decl.id)) declName.set(t.decl.id, q);
    }
  }

  const baseOf = (name) => name.replace(/^(struct|union|enum) /, '');
  // names nested unnamed records and enums after the members that use them
  const nameNested = (rec, recName) => {
    const fields = (rec.inner || []).filter((c) => c.kind === 'FieldDecl');
    let index = 0;
    for (const f of fields) {
      const unnamedBitfield = f.isBitfield && !f.name;
      const q = (f.type.desugaredQualType || '') + ' ' + f.type.qualType;
      for (const m of q.matchAll(UNNAMED_RE)) {
        const key = m[1];
        if (locName.has(key)) continue;
        const nested = (rec.inner || []).find((c) => (c.kind === 'RecordDecl' || c.kind === 'EnumDecl') && c.__loc && locKey(c.__loc) === key);
        if (!nested || declName.has(nested.id)) continue;
        const kw = nested.kind === 'EnumDecl' ? 'enum' : nested.tagUsed;
        let name;
        if (f.name) name = `${kw} ${baseOf(recName)}::${f.name}`;
        else if (kw !== 'enum') name = `${kw} ${baseOf(recName)}::(anonymous@${index})`;
        if (name) {
          declName.set(nested.id, name);
          locName.set(key, name);
        }
      }
      if (!unnamedBitfield) index++;
    }
  };

  const visit = (n, parent) => {
    if (n.kind === 'RecordDecl' || n.kind === 'EnumDecl') {
      const kw = n.kind === 'EnumDecl' ? 'enum' : n.tagUsed;
      let name = n.name ? `${kw} ${n.name}` : declName.get(n.id);
      const unnamed = n.__loc && `${kw} (unnamed@${path.basename(n.__loc.file)}:${n.__loc.line}:${n.__loc.col})`;
      // "(unnamed@FILE:LINE:COL)" names; a plain anonymous enum has no IR
      // name (null), only that spelling
      if (!name && kw !== 'enum') name = unnamed;
      if (name) declName.set(n.id, name);
      if (n.__loc && !locName.has(locKey(n.__loc))) locName.set(locKey(n.__loc), name || unnamed);
      if (n.kind === 'RecordDecl' && n.completeDefinition) {
        nameNested(n, declName.get(n.id) || `${kw} (unnamed)`);
        records.push(n);
        for (const c of n.inner || []) if (c.kind === 'RecordDecl' || c.kind === 'EnumDecl') visit(c, n);
      }
      if (n.kind === 'EnumDecl' && n.inner) enums.push(n);
    }
  };
  for (const n of tu.inner) {
    visit(n, null);
    // tags defined in a prototype (`void f(enum { A } x)`) are children of the function
    if (n.kind === 'FunctionDecl')
      for (const c of n.inner || []) if (c.kind === 'RecordDecl' || c.kind === 'EnumDecl') visit(c, null);
  }
  // enums nested in records were named by their members; plain ones have no name
  for (const [id, name] of declName) if (!/^(struct|union|enum) /.test(name)) resolver.tagless.add(name);

  const fixUnnamed = (s) => s.replace(UNNAMED_RE, (all, key) => locName.get(key) || all);
  for (const n of tu.inner)
    if (n.kind === 'TypedefDecl' && !resolver.typedefs.has(n.name)) resolver.typedefs.set(n.name, fixUnnamed(spellingOf(n.type)));

  const functions = new Map();
  const typedefs = new Map();
  for (const n of tu.inner) {
    if (n.isImplicit || !isReported(n)) continue;
    if (n.kind === 'FunctionDecl' && !functions.has(n.name)) {
      const params = (n.inner || []).filter((c) => c.kind === 'ParmVarDecl');
      functions.set(n.name, { type: fixUnnamed(spellingOf(n.type)), paramNames: params.map((p) => p.name || '') });
    }
    if (n.kind === 'TypedefDecl' && !typedefs.has(n.name)) typedefs.set(n.name, fixUnnamed(spellingOf(n.type)));
  }

  const recs = new Map();
  for (const n of records) {
    if (!isReported(n)) continue;
    const name = declName.get(n.id);
    if (!name || recs.has(name)) continue;
    const fields = (n.inner || []).filter((c) => c.kind === 'FieldDecl').map((f) => ({
      name: f.name || '',
      type: fixUnnamed(spellingOf(f.type)),
      unnamedBitfield: !!(f.isBitfield && !f.name),
      isBitfield: !!f.isBitfield,
    }));
    recs.set(name, { kind: n.tagUsed, fields, probe: n.name ? `${n.tagUsed} ${n.name}` : declName.has(n.id) && !/[ :(]/.test(name) ? name : null });
  }
  // records with no name to write in C: through a typedef of them
  for (const [name, rec] of recs) {
    if (rec.probe) continue;
    for (const [td, spelling] of resolver.typedefs)
      if (spelling.replace(/^(const |volatile )+/, '') === name) { rec.probe = td; break; }
  }
  const ens = [];
  for (const n of enums) {
    if (!isReported(n)) continue;
    let value = -1n;
    const consts = [];
    for (const c of n.inner) {
      if (c.kind !== 'EnumConstantDecl') continue;
      const ce = findConstantExpr(c);
      value = ce !== undefined ? BigInt(ce) : value + 1n;
      consts.push({ name: c.name, value });
    }
    ens.push({ name: declName.get(n.id) || null, consts });
  }
  return { resolver, functions, typedefs, records: recs, enums: ens, locName };
}

function findConstantExpr(node) {
  for (const c of node.inner || []) {
    if (c.kind === 'ConstantExpr' && c.value !== undefined) return c.value;
    const v = findConstantExpr(c);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Splits concatenated JSON objects (-ast-dump-filter prints one per decl). */
function splitJsonObjects(text) {
  const out = [];
  let depth = 0, start = -1, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{') { if (depth++ === 0) start = i; }
    else if (c === '}') { if (--depth === 0) out.push(text.slice(start, i + 1)); }
  }
  return out;
}

function balancedBody(body) {
  if (!body || /[;{}#]/.test(body)) return false;
  let depth = 0;
  for (const c of body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') { if (--depth < 0) return false; }
  }
  return depth === 0;
}

/** The probe: record layouts (-fdump-record-layouts) and macro values. */
function probeView(headerAbs, cppArgs, ast, macros) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wbcmp-'));
  const probe = path.join(dir, 'probe.c');
  const lines = [`#include "${headerAbs}"`];
  let i = 0;
  for (const [, rec] of ast.records) if (rec.probe) lines.push(`enum { __wbprobe_sz_${i++} = sizeof(${rec.probe}) };`);
  const names = [...macros.keys()].filter((n) => balancedBody(macros.get(n)));
  const lineOf = new Map(); // probe line -> macro
  names.forEach((n) => {
    lines.push(`enum { __wbprobe_k_${n} = (${n}) };`);
    lineOf.set(lines.length, n);
  });
  fs.writeFileSync(probe, lines.join('\n') + '\n');
  const r = run('clang', clangArgs(cppArgs, '-fsyntax-only', '-Wno-everything', '-ferror-limit=0',
    '-Xclang', '-fdump-record-layouts', '-Xclang', '-ast-dump=json', '-Xclang', '-ast-dump-filter=__wbprobe_k_', probe), true);
  fs.rmSync(dir, { recursive: true, force: true });

  // a probe with an error is not a constant, whatever value clang recovered with
  const failed = new Set();
  let inError = false;
  for (const l of r.stderr.split('\n')) {
    const m = /^(.*?):(\d+):\d+: (error|warning|note): /.exec(l);
    if (!m) continue;
    if (m[3] !== 'note') inError = m[3] === 'error';
    if (inError && m[1] === probe && lineOf.has(Number(m[2]))) failed.add(lineOf.get(Number(m[2])));
  }
  const out = r.stdout;
  const jsonStart = out.search(/^\{/m);
  const layoutText = jsonStart < 0 ? out : out.slice(0, jsonStart);
  const layouts = new Map();
  for (const block of layoutText.split('*** Dumping AST Record Layout').slice(1)) {
    const ls = block.split('\n').filter((l) => l.includes('|'));
    const head = /^\s*0 \| (.*)$/.exec(ls[0]);
    if (!head) continue;
    let name = head[1].trim();
    const un = /\((?:unnamed|anonymous)(?: (?:struct|union|enum))? at ([^)]+)\)/.exec(name);
    if (un) name = ast.locName.get(un[1]) || name;
    const size = /sizeof=(\d+), align=(\d+)/.exec(block);
    const fields = [];
    for (const l of ls.slice(1)) {
      const m = /^\s*(\d+)(?::(\d+)-(\d+)|:-)?\s\|( +)(\S.*)$/.exec(l);
      if (!m || m[4].length !== 3) continue;
      const byte = Number(m[1]);
      const f = { offset: byte };
      if (m[2] !== undefined) { f.bitOffset = byte * 8 + Number(m[2]); f.bitWidth = Number(m[3]) - Number(m[2]) + 1; }
      else if (/:-/.test(l.split('|')[0])) { f.bitOffset = byte * 8; f.bitWidth = 0; }
      fields.push(f);
    }
    if (size && !layouts.has(name)) layouts.set(name, { size: Number(size[1]), align: Number(size[2]), fields });
  }

  const constants = new Map();
  if (jsonStart >= 0) {
    for (const text of splitJsonObjects(out.slice(jsonStart))) {
      const n = JSON.parse(text);
      if (n.kind !== 'EnumConstantDecl' || !n.name.startsWith('__wbprobe_k_')) continue;
      const ce = findCE(n);
      const name = n.name.slice('__wbprobe_k_'.length);
      if (ce && !failed.has(name)) constants.set(name, { value: BigInt(ce.value), type: spellingOf(ce.type) });
    }
  }
  return { layouts, constants };
}

function findCE(node) {
  for (const c of node.inner || []) {
    if (c.kind === 'ConstantExpr' && c.value !== undefined) return c;
    const v = findCE(c);
    if (v) return v;
  }
  return null;
}

// ---- the comparison -------------------------------------------------------------

/**
 * Compares wasmbind's IR of a header with clang's view.
 * @param {string} header
 * @param {string[]} cppArgs -I/-D/-U/-isystem/-include options for both
 * @returns {{diffs: string[], stats: Record<string, number>, ours: any}}
 */
export function compareHeader(header, cppArgs = [], { wasmbind = WASMBIND } = {}) {
  const headerAbs = path.resolve(header);
  const includeDirs = [];
  for (let i = 0; i < cppArgs.length; i++) {
    const a = cppArgs[i];
    if (a === '-I') includeDirs.push(path.resolve(cppArgs[++i]));
    else if (a.startsWith('-I')) includeDirs.push(path.resolve(a.slice(2)));
  }
  const w = run(wasmbind, ['ir', headerAbs, ...cppArgs], true);
  if (w.status !== 0) throw new Error(`wasmbind ir failed (${w.status}):\n${w.stderr.slice(0, 4000)}`);
  const ours = JSON.parse(w.stdout);

  const pp = preprocessorView(headerAbs, cppArgs, includeDirs);
  const ast = astView(headerAbs, cppArgs, pp.reported);
  const probe = probeView(headerAbs, cppArgs, ast, pp.macros);
  const R = ast.resolver;
  for (const r of ours.records) if (r.tagless) R.tagless.add(r.name);
  for (const e of ours.enums) if (e.name && !/^enum /.test(e.name)) R.tagless.add(e.name);

  const diffs = [];
  const stats = { functions: 0, records: 0, enums: 0, typedefs: 0, constants: 0 };
  const norm = (s, top = false) => R.normalize(s, top);
  const same = (a, b, top = false) => norm(a, top) === norm(b, top);
  const show = (s, top = false) => JSON.stringify(norm(s, top));

  // functions
  const ourFns = new Map(ours.functions.map((f) => [f.name, f]));
  for (const [name, cf] of ast.functions) {
    const of = ourFns.get(name);
    if (!of) { diffs.push(`function ${name}: missing in wasmbind`); continue; }
    stats.functions++;
    let ct;
    try {
      ct = R.parse(cf.type);
      while (ct.k === 'base' && R.typedefs.has(ct.name)) ct = R.typedef(ct.name);
    } catch (e) { diffs.push(`function ${name}: clang type "${cf.type}" does not parse: ${e.message}`); continue; }
    if (ct.k !== 'fn') { diffs.push(`function ${name}: clang type "${cf.type}" is not a function`); continue; }
    const cret = printType(unqualified(ct.ret));
    if (norm(of.returns, true) !== cret) diffs.push(`function ${name}: returns ${show(of.returns, true)}, clang ${JSON.stringify(cret)}`);
    if (of.variadic !== ct.variadic) diffs.push(`function ${name}: variadic ${of.variadic}, clang ${ct.variadic}`);
    if (of.params.length !== ct.params.length) {
      diffs.push(`function ${name}: ${of.params.length} params, clang ${ct.params.length}`);
      continue;
    }
    of.params.forEach((p, i) => {
      const cp = printType(unqualified(decayParam(ct.params[i])));
      if (norm(p.type, true) !== cp) diffs.push(`function ${name}: param ${i} (${p.name}) type ${show(p.type, true)}, clang ${JSON.stringify(cp)}`);
      const cname = cf.paramNames[i] ?? '';
      if (p.name !== cname) diffs.push(`function ${name}: param ${i} name "${p.name}", clang "${cname}"`);
    });
  }
  for (const name of ourFns.keys()) if (!ast.functions.has(name)) diffs.push(`function ${name}: not in clang's view`);

  // typedefs
  const ourTds = new Map(ours.typedefs.map((t) => [t.name, t]));
  for (const [name, ctype] of ast.typedefs) {
    const ot = ourTds.get(name);
    if (!ot) { diffs.push(`typedef ${name}: missing in wasmbind`); continue; }
    stats.typedefs++;
    if (!same(ot.type, ctype)) diffs.push(`typedef ${name}: ${show(ot.type)}, clang ${show(ctype)}`);
  }
  for (const name of ourTds.keys()) if (!ast.typedefs.has(name)) diffs.push(`typedef ${name}: not in clang's view`);

  // records
  const ourRecs = new Map(ours.records.map((r) => [r.name, r]));
  for (const [name, cr] of ast.records) {
    const or = ourRecs.get(name) || ourRecs.get(name.replace(/^(struct|union) /, ''));
    if (!or) { diffs.push(`record ${name}: missing in wasmbind`); continue; }
    stats.records++;
    if (or.kind !== cr.kind) diffs.push(`record ${name}: kind ${or.kind}, clang ${cr.kind}`);
    const lay = probe.layouts.get(name);
    if (!lay) { diffs.push(`record ${name}: clang printed no layout for it`); continue; }
    if (or.size !== lay.size || or.align !== lay.align)
      diffs.push(`record ${name}: size ${or.size} align ${or.align}, clang size ${lay.size} align ${lay.align}`);
    if (lay.fields.length !== cr.fields.length) {
      diffs.push(`record ${name}: clang's layout has ${lay.fields.length} fields, its AST ${cr.fields.length}`);
      continue;
    }
    const cfields = cr.fields.map((f, i) => ({ ...f, ...lay.fields[i] })).filter((f) => !f.unnamedBitfield);
    if (cfields.length !== or.fields.length) {
      diffs.push(`record ${name}: ${or.fields.length} fields, clang ${cfields.length}`);
      continue;
    }
    or.fields.forEach((f, i) => {
      const c = cfields[i];
      const where = `record ${name}: field ${i} (${f.name})`;
      if (f.name !== c.name) diffs.push(`${where}: name "${f.name}", clang "${c.name}"`);
      if (!same(f.type, c.type)) diffs.push(`${where}: type ${show(f.type)}, clang ${show(c.type)}`);
      if (f.offset !== c.offset) diffs.push(`${where}: offset ${f.offset}, clang ${c.offset}`);
      if (f.bitWidth !== undefined || c.bitWidth !== undefined) {
        if (f.bitWidth !== c.bitWidth || f.bitOffset !== c.bitOffset)
          diffs.push(`${where}: bits ${f.bitWidth}@${f.bitOffset}, clang ${c.bitWidth}@${c.bitOffset}`);
      }
    });
  }
  for (const name of ourRecs.keys()) {
    if (!ast.records.has(name) && !ast.records.has(`struct ${name}`) && !ast.records.has(`union ${name}`))
      diffs.push(`record ${name}: not in clang's view`);
  }

  // enums, matched by name, or by their first constant
  const enumKey = (e) => e.name || `(anonymous enum starting with ${e.consts?.[0]?.name ?? e.constants?.[0]?.name})`;
  const ourEnums = new Map(ours.enums.map((e) => [enumKey(e), e]));
  const clangEnumKeys = new Set();
  for (const ce of ast.enums) {
    const key = enumKey(ce);
    clangEnumKeys.add(key);
    const oe = ourEnums.get(key) || ourEnums.get(key.replace(/^enum /, ''));
    if (!oe) { diffs.push(`enum ${key}: missing in wasmbind`); continue; }
    stats.enums++;
    const ov = new Map(oe.constants.map((c) => [c.name, BigInt(c.value)]));
    for (const c of ce.consts) {
      if (!ov.has(c.name)) diffs.push(`enum ${key}: constant ${c.name} missing in wasmbind`);
      else if (ov.get(c.name) !== c.value) diffs.push(`enum ${key}: ${c.name} = ${ov.get(c.name)}, clang ${c.value}`);
    }
    if (oe.constants.length !== ce.consts.length) diffs.push(`enum ${key}: ${oe.constants.length} constants, clang ${ce.consts.length}`);
  }
  for (const key of ourEnums.keys()) if (!clangEnumKeys.has(key) && !clangEnumKeys.has(`enum ${key}`)) diffs.push(`enum ${key}: not in clang's view`);

  // constants
  const ourConsts = new Map(ours.constants.map((c) => [c.name, c]));
  for (const [name, cc] of probe.constants) {
    const oc = ourConsts.get(name);
    if (!oc) { diffs.push(`constant ${name}: missing in wasmbind (clang: ${cc.value})`); continue; }
    stats.constants++;
    if (BigInt(oc.value) !== cc.value && BigInt.asUintN(64, BigInt(oc.value)) !== BigInt.asUintN(64, cc.value))
      diffs.push(`constant ${name}: ${oc.value}, clang ${cc.value}`);
    if (oc.type && !same(oc.type, fixProbeType(cc.type, ast), true)) diffs.push(`constant ${name}: type ${show(oc.type, true)}, clang ${show(fixProbeType(cc.type, ast), true)}`);
  }
  for (const name of ourConsts.keys()) if (!probe.constants.has(name)) diffs.push(`constant ${name}: not a constant for clang`);

  return { diffs, stats, ours };
}

function fixProbeType(t, ast) {
  return t.replace(UNNAMED_RE, (all, key) => ast.locName.get(key) || all);
}

function decayParam(t) {
  if (t.k === 'arr') return { k: 'ptr', to: t.of, q: new Set() };
  if (t.k === 'fn') return { k: 'ptr', to: t, q: new Set() };
  return t;
}

// ---- command line ------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const rest = args.filter((a) => a !== '--verbose');
  const header = rest.find((a, i) => !a.startsWith('-') && !['-I', '-D', '-U', '-isystem', '-include'].includes(rest[i - 1]));
  if (!header) {
    console.error('usage: node tests/clang/compare.mjs HEADER [-I DIR] [-D NAME[=V]] [--verbose]');
    process.exit(2);
  }
  const cpp = rest.filter((a) => a !== header);
  let result;
  try {
    result = compareHeader(header, cpp);
  } catch (e) {
    console.error(`compare: ${e.message}`);
    process.exit(2);
  }
  const { diffs, stats } = result;
  for (const d of diffs) console.log(d);
  if (verbose || diffs.length)
    console.log(`${path.basename(header)}: compared ${stats.functions} functions, ${stats.records} records, ` +
      `${stats.enums} enums, ${stats.typedefs} typedefs, ${stats.constants} constants; ${diffs.length} differences`);
  else
    console.log(`${path.basename(header)}: same as clang (${stats.functions} functions, ${stats.records} records, ` +
      `${stats.enums} enums, ${stats.typedefs} typedefs, ${stats.constants} constants)`);
  process.exit(diffs.length ? 1 : 0);
}
