// @ts-check
// Reference tests of `wasmbind ir`: every tests/reference/NAME.h is run
// through build/wasmbind and compared with NAME.json (`make bless` rewrites
// them). A header may name extra options: /* wasmbind-args: -I include */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'tests/reference');
const WASMBIND = process.env.WASMBIND || path.join(ROOT, 'build/wasmbind');

/** Extra command line options written in the header. */
export function referenceArgs(text) {
  const m = /wasmbind-args:\s*(.*?)\s*\*\//.exec(text);
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

/** A readable line diff: the first differing lines with some context. */
function lineDiff(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  let je = e.length - 1;
  let ja = a.length - 1;
  while (je > i && ja > i && e[je] === a[ja]) { je--; ja--; }
  const out = [`first difference at line ${i + 1}:`];
  for (let k = Math.max(0, i - 2); k < i; k++) out.push(`  ${e[k]}`);
  for (let k = i; k <= je && k < i + 20; k++) out.push(`- ${e[k]}`);
  for (let k = i; k <= ja && k < i + 20; k++) out.push(`+ ${a[k]}`);
  return out.join('\n');
}

const headers = fs.readdirSync(DIR).filter((f) => f.endsWith('.h')).sort();

test('there are reference headers with expected IR', () => {
  assert.ok(headers.length >= 3, 'tests/reference/*.h');
  for (const h of headers) assert.ok(fs.existsSync(path.join(DIR, h.replace(/\.h$/, '.json'))), `${h} has no .json: make bless`);
});

for (const h of headers) {
  const expectedPath = path.join(DIR, h.replace(/\.h$/, '.json'));
  test(`wasmbind ir ${h}`, { skip: !fs.existsSync(expectedPath) && 'no expected .json' }, () => {
    const headerPath = path.join('tests/reference', h);
    const args = referenceArgs(fs.readFileSync(path.join(DIR, h), 'utf8'));
    const r = spawnSync(WASMBIND, ['ir', headerPath, ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `wasmbind ir ${headerPath} failed:\n${r.stderr}`);
    assert.equal(r.stderr, '', 'no diagnostics expected');
    const expected = fs.readFileSync(expectedPath, 'utf8');
    JSON.parse(r.stdout); // valid JSON
    if (r.stdout !== expected)
      assert.fail(`${h}: the IR differs from ${path.basename(expectedPath)} (make bless after checking):\n${lineDiff(expected, r.stdout)}`);
  });
}
