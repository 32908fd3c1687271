// @ts-check
// web/runtime.js is cut into regions that say what they provide and which
// regions they need (`//#region NAME provides DECL... needs REGION...`); the
// generator includes the regions that provide what the plan uses, whole, and
// scans nothing else (src/runtime_regions.c). These tests hold the markers to
// the code: each region declares exactly what it provides, names every
// region whose declarations it uses, and leaves no comment orphaned at its
// end; and every generated module declares each runtime name its code uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runtimeText = readFileSync(join(root, 'web/runtime.js'), 'utf8');

/** The identifiers of JS code outside comments, strings and templates.
 * @param {string} code @returns {Set<string>} */
function identifiers(code) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const names = new Set();
  /** @type {('{' | '${')[]} */
  const open = []; // what each `}` closes: a block, or a template's substitution
  let prev = ts.SyntaxKind.Unknown;
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.CloseBraceToken && open.pop() === '${')
      k = scanner.reScanTemplateToken(false); // a TemplateMiddle or TemplateTail
    if (k === ts.SyntaxKind.OpenBraceToken) open.push('{');
    if (k === ts.SyntaxKind.TemplateHead || k === ts.SyntaxKind.TemplateMiddle) open.push('${');
    // `x.name` is not a use of a variable
    if (k === ts.SyntaxKind.Identifier && prev !== ts.SyntaxKind.DotToken) names.add(scanner.getTokenValue());
    prev = k;
  }
  return names;
}

/** The names a line at a region's own indentation declares.
 * @param {string} line @returns {string[]} */
function declaredOn(line) {
  const m = /^(?:async\s+)?(?:function\*?|class)\s+([\w$]+)/.exec(line);
  if (m) return [m[1]];
  const v = /^(?:const|let|var)\s+(.*)$/.exec(line);
  if (!v) return [];
  // `const a = ..., b = ...`: names before a top-level `=`
  const names = [];
  let depth = 0, start = 0;
  const text = v[1];
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if ((c === ',' || i === text.length) && depth === 0) {
      const decl = /^\s*([\w$]+)\s*(=|;|$)/.exec(text.slice(start, i));
      if (decl) names.push(decl[1]);
      start = i + 1;
    }
  }
  return names;
}

/** @typedef {{ name: string, provides: string[], needs: string[], lines: string[], indent: number }} Region */

/** The regions of runtime.js, as their markers say and as their code is.
 * @param {string} text @returns {Region[]} */
function regionsOf(text) {
  /** @type {Region[]} */
  const regions = [];
  /** @type {Region | null} */
  let cur = null;
  for (const line of text.split('\n')) {
    const marker = /^( *)\/\/#region (\S+)(.*)$/.exec(line);
    if (marker) {
      const [, indent, name, rest] = marker;
      const provides = /provides ((?:(?! needs ).)*)/.exec(rest)?.[1].trim().split(/\s+/) ?? [];
      const needs = / needs (.*)$/.exec(rest)?.[1].trim().split(/\s+/) ?? [];
      cur = { name, provides, needs, lines: [], indent: indent.length };
      regions.push(cur);
    } else if (/^ *\/\/#endregion/.test(line)) {
      cur = null;
    } else if (cur) {
      cur.lines.push(line);
    }
  }
  return regions;
}

const regions = regionsOf(runtimeText);
/** @type {Map<string, Region>} */
const provider = new Map();
for (const r of regions) for (const name of r.provides) provider.set(name, r);

/** The names a region's code declares at its own indentation. @param {Region} r */
function declaredBy(r) {
  const pad = ' '.repeat(r.indent);
  return r.lines.filter((l) => l.startsWith(pad) && l[r.indent] !== ' ').flatMap((l) => declaredOn(l.slice(r.indent)));
}

test('the scanner finds identifiers outside comments, strings and templates', () => {
  const ids = identifiers("a(b); // c\n/* d */ 'e'; `f ${g} h ${{ i }} j`; x.y; if (l) { m(); }");
  for (const n of ['a', 'b', 'g', 'i', 'x', 'l', 'm']) assert.ok(ids.has(n), n);
  for (const n of ['c', 'd', 'e', 'f', 'h', 'j', 'y']) assert.ok(!ids.has(n), n);
});

test('every region declares exactly what it says it provides', () => {
  assert.ok(regions.length >= 20, `${regions.length} regions`);
  for (const r of regions) {
    assert.deepEqual(declaredBy(r).sort(), [...r.provides].sort(), `region ${r.name}`);
  }
  const names = regions.flatMap((r) => r.provides);
  assert.equal(new Set(names).size, names.length, 'each name is provided once');
});

test('every region names the regions whose declarations it uses', () => {
  const byName = new Map(regions.map((r) => [r.name, r]));
  /** @type {string[]} */
  const missing = [];
  for (const r of regions) {
    for (const need of r.needs) assert.ok(byName.has(need), `region ${r.name} needs an unknown region ${need}`);
    const code = r.lines.join('\n');
    // its own names, and its locals that shadow another region's
    const own = new Set([...r.provides, ...[...code.matchAll(/\b(?:const|let|var|function|class)\s+([\w$]+)/g)].map((m) => m[1])]);
    for (const id of identifiers(code)) {
      const from = provider.get(id);
      if (!from || own.has(id) || from === r) continue;
      if (!r.needs.includes(from.name)) missing.push(`region ${r.name} uses ${id} of region ${from.name} without needing it`);
    }
  }
  assert.deepEqual(missing, []);
});

test('no comment is left at the end of a region, where nothing follows it', () => {
  for (const r of regions) {
    const last = r.lines.filter((l) => l.trim() !== '').at(-1) ?? '';
    assert.ok(!/^\s*(\/\/|\/\*|\*)/.test(last), `region ${r.name} ends with a comment: ${last.trim()}`);
  }
  // comments between regions are never copied: only the file's own (at
  // column 0) and createInstanceRuntime's documentation may sit there
  const outside = runtimeText.split(/ *\/\/#region[^\n]*\n[\s\S]*? *\/\/#endregion/).join('\n');
  const stray = outside.split('\n').filter((l) => /^\s+\/\/(?!#)/.test(l));
  assert.deepEqual(stray, [], 'comments outside regions');
});

/** Generated modules to check: the examples and e2e libraries already built,
 * and every reference header generated now. */
function generatedModules() {
  const scratch = mkdtempSync(join(tmpdir(), 'wasmbind-regions-'));
  /** @type {[string, string][]} */
  const modules = [];
  const dirs = [join(root, 'tests/reference'), join(root, 'tests/reference/features')];
  for (const dir of dirs) {
    for (const h of readdirSync(dir).filter((f) => f.endsWith('.h'))) {
      const text = readFileSync(join(dir, h), 'utf8');
      if (/wasmbind-exit: *1/.test(text)) continue;
      const args = (/wasmbind-args: *(.*?) *\*\//.exec(text)?.[1] ?? '').split(/\s+/).filter(Boolean);
      const out = join(scratch, `${h}.js`);
      const r = spawnSync(join(root, 'build/wasmbind'), ['gen', join(dir, h), ...args, '-o', out], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, `${h}: ${r.stderr}`);
      modules.push([h, readFileSync(out, 'utf8')]);
    }
  }
  for (const built of ['build/examples/geo/geo.js', 'build/examples/sqlite/sqlite3.js', 'build/e2e/mapping.js', 'build/e2e/hosted.js', 'build/rules/counter.js', 'build/lib/wasmbind-api.js'])
    modules.push([built, readFileSync(join(root, built), 'utf8')]);
  rmSync(scratch, { recursive: true, force: true });
  return modules;
}

test('every generated module declares each runtime name its code uses', () => {
  const modules = generatedModules();
  assert.ok(modules.length > 50, `${modules.length} modules`);
  for (const [name, code] of modules) {
    const declared = new Set(code.split('\n').flatMap((l) => declaredOn(l.trimStart())));
    for (const id of identifiers(code)) {
      if (provider.has(id)) assert.ok(declared.has(id), `${name} uses ${id} of region ${provider.get(id)?.name}, which it does not carry`);
    }
  }
});
