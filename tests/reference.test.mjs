// @ts-check
// Reference tests, as wasm-bindgen keeps them: each header of
// tests/reference/ (four broad ones) and tests/reference/features/ (one
// feature each) is run through build/wasmbind, and what `gen` and `ir`
// write, diagnostics included, must equal the expected files beside it
// (tests/reference/harness.mjs says which; `make bless` rewrites them). The
// runtime's text is not compared: it is web/runtime.js's, tested on its own.
// Every expected .js, and the full module it was cut from, imports; every
// expected .d.ts passes tsc --strict in tests/typecheck.test.mjs (one tsc
// for all the suites).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIRS, PLACEHOLDER, ROOT, SUFFIXES, exitOf, lineDiff, listCases, orphans, runCase, stripRuntime,
} from './reference/harness.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmbind-ref-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const cases = listCases();

/** The expected text of a case's file; an omitted diagnostics file is empty. @param {string} file */
const expectedText = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

test('stripRuntime replaces each bracketed block with one indented line', () => {
  const js = 'a\n// wasmbind runtime: begin\nx\ny\n// wasmbind runtime: end\nb\n  // wasmbind runtime: begin\n  z\n  // wasmbind runtime: end\nc';
  assert.equal(stripRuntime(js), `a\n${PLACEHOLDER}\nb\n  ${PLACEHOLDER}\nc`);
  assert.throws(() => stripRuntime('// wasmbind runtime: begin\nx\n'), /without/);
  assert.throws(() => stripRuntime('x\n// wasmbind runtime: end\n'), /without/);
});

test('lineDiff shows each changed line, numbered, with some context', () => {
  const d = lineDiff('a\nb\nc\nd\ne\nf\ng\nh', 'a\nB\nc\nd\ne\nf\ng\nh\ni');
  assert.equal(d, ['(- expected, + actual, line numbers of each)', '     1 a', '-    2 b', '+    2 B', '     3 c', '     4 d',
    '  ...', '     7 g', '     8 h', '+    9 i'].join('\n'));
});

test('orphans finds expected files without a header and headers without expected files', () => {
  const names = ['a.h', 'a.js', 'a.d.ts', 'a.json', 'b.h', 'b.js', 'c.stderr', 'd.rules', 'e.ir.stderr', 'f.h', 'f.stderr', 'f.js', 'g.h'];
  const problems = orphans(names, (h) => (h === 'f.h' || h === 'g.h' ? 1 : 0));
  assert.deepEqual(problems.sort(), [
    'b.h has no b.d.ts: make bless', 'b.h has no b.json: make bless',
    'c.stderr has no header c.h', 'd.rules has no header d.h', 'e.ir.stderr has no header e.h',
    'f.h must fail generation, yet f.js exists', 'g.h has no g.stderr: make bless',
  ].sort());
});

for (const dir of DIRS) {
  test(`${dir}: every header has its expected files, every expected file its header`, () => {
    const names = fs.readdirSync(path.join(ROOT, dir)).filter((f) => fs.statSync(path.join(ROOT, dir, f)).isFile());
    const exitStatus = (h) => exitOf(fs.readFileSync(path.join(ROOT, dir, h), 'utf8'));
    assert.deepEqual(orphans(names, exitStatus), []);
    // An empty diagnostics file is omitted, not kept: one way only.
    for (const f of names.filter((n) => n.endsWith('.stderr')))
      assert.notEqual(fs.statSync(path.join(ROOT, dir, f)).size, 0, `${dir}/${f} is empty: delete it (make bless does)`);
  });
}

test('there are reference cases, and some must fail', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  assert.ok(cases.some((c) => exitOf(c.text) !== 0), 'a case that must fail');
});

for (const c of cases) {
  test(`reference ${c.name}`, async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'case-'));
    const r = runCase(c, dir);
    const want = exitOf(c.text);
    assert.equal(r.status, want, `gen ${c.header}: exit status\n${r.files['.stderr']}`);
    if (want !== 0) assert.equal(r.wrote, false, 'a failed generation writes no module');
    else assert.equal(r.irStatus, 0, `ir ${c.header}:\n${r.files['.ir.stderr']}`);
    for (const s of want !== 0 ? ['.stderr'] : SUFFIXES) {
      const file = c.stem + s;
      const expected = expectedText(path.join(ROOT, file));
      if (r.files[s] !== expected)
        assert.fail(`${file} differs from the output (make bless after checking):\n${lineDiff(expected, r.files[s])}`);
    }
    if (want !== 0) return;
    JSON.parse(r.files['.json']);
    // The expected module (runtime stripped) and the full one import; load() is not called.
    for (const file of [path.join(ROOT, `${c.stem}.js`), r.jsPath]) {
      const mod = await import(pathToFileURL(file).href);
      assert.equal(typeof mod.default, 'function', `${file}: default export`);
      assert.equal(typeof mod.wrap, 'function', `${file}: wrap`);
    }
  });
}
