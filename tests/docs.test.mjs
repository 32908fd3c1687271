// @ts-check
// Citations of the design documents: wherever the sources name a file of
// docs/, that file must exist, and a section named after it in quotes must be
// one of its headings. A citation is `docs/NAME.md`, optionally followed by a
// comma and a section in quotes (which may start on the next comment line).
// A design document named without its docs/ directory is an error too: that
// is how the citations went stale before (docs/DESIGN.md, "Tests").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const SCANNED = ['src', 'web', 'tests', 'mk', 'tools', 'include', 'examples', 'bench', 'Makefile', 'README.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'build', 'corpus', 'artifacts']);
const TEXT = /\.(c|h|js|mjs|cjs|ts|mk|sh|md|rules|py)$|^Makefile$/;

/** The files under `rel` (a file or a directory) whose text may cite. @param {string} rel */
function sourceFiles(rel) {
  const full = path.join(ROOT, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : sourceFiles(path.join(rel, e.name));
    return TEXT.test(e.name) ? [path.join(full, e.name)] : [];
  });
}

/** The headings of each docs/*.md, by file name. @returns {Map<string, Set<string>>} */
function docHeadings() {
  const docs = new Map();
  for (const name of fs.readdirSync(path.join(ROOT, 'docs')).filter((n) => n.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(ROOT, 'docs', name), 'utf8');
    const inFence = { on: false };
    const headings = new Set();
    for (const line of text.split('\n')) {
      if (line.startsWith('```')) inFence.on = !inFence.on;
      const m = !inFence.on && /^#{1,6}\s+(.*?)\s*$/.exec(line);
      if (m) headings.add(m[1]);
    }
    docs.set(name, headings);
  }
  return docs;
}

// `docs/NAME.md`, then maybe sections: `, "A"`, `, "A", "B" and "C"` (comment
// leaders may come between, when a list goes on over the next line).
const CITATION = /docs\/([\w.-]+\.md)((?:(?:,|\s+and)(?:[\s*#]|\/\/)*"[^"\n]+")*)/g;

/** The problems of one file's text. @param {string} text @param {Map<string, Set<string>>} docs */
export function citationProblems(text, docs) {
  const problems = [];
  const lineOf = (/** @type {number} */ i) => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(CITATION)) {
    const [, file, list] = m;
    const headings = docs.get(file);
    if (!headings) {
      problems.push(`${lineOf(m.index ?? 0)}: docs/${file} does not exist`);
      continue;
    }
    for (const [, section] of list.matchAll(/"([^"]+)"/g))
      if (!headings.has(section)) problems.push(`${lineOf(m.index ?? 0)}: docs/${file} has no section "${section}"`);
  }
  for (const file of docs.keys()) {
    const bare = new RegExp(`(?<![\\w/.-])${file.replace(/[.]/g, '\\.')}`, 'g');
    for (const m of text.matchAll(bare))
      problems.push(`${lineOf(m.index ?? 0)}: ${file} cited without its directory: docs/${file}`);
  }
  return problems;
}

test('the checker finds a missing file, a missing section and a bare name', () => {
  const docs = new Map([['DESIGN.md', new Set(['Pipeline', 'Default mapping'])]]);
  const ok = '/* docs/DESIGN.md, "Pipeline"; docs/DESIGN.md,\n * "Default mapping"; docs/DESIGN.md: "not a section" */';
  assert.deepEqual(citationProblems(ok, docs), []);
  const bad = '// docs/DESIGN.md, "Pipe line"\n// docs/NOPE.md\n// see DESIGN.md\n' +
    '// docs/DESIGN.md, "Pipeline",\n// "Defaults" and "Pipeline"\n';
  assert.deepEqual(citationProblems(bad, docs), [
    '1: docs/DESIGN.md has no section "Pipe line"',
    '2: docs/NOPE.md does not exist',
    '4: docs/DESIGN.md has no section "Defaults"',
    '3: DESIGN.md cited without its directory: docs/DESIGN.md',
  ]);
});

test('every citation of docs/ names an existing file and section', () => {
  const docs = docHeadings();
  assert.ok(docs.has('DESIGN.md') && docs.has('IR-SCHEMA.md'), 'docs/DESIGN.md and docs/IR-SCHEMA.md exist');
  const problems = [];
  let citing = 0;
  for (const file of SCANNED.flatMap(sourceFiles)) {
    if (file === SELF) continue; // its examples are made-up citations
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes('docs/')) citing++;
    for (const p of citationProblems(text, docs)) problems.push(`${path.relative(ROOT, file)}:${p}`);
  }
  assert.deepEqual(problems, []);
  assert.ok(citing >= 10, `only ${citing} files cite docs/: is the scan looking in the right places?`);
});
