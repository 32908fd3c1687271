// Every TypeScript check of the test suites, in one tsc process: starting tsc
// and reading lib.dom.d.ts cost more than checking our files, so one program
// holds them all, and each test below reads the errors of its own files.
//   - web/*.js (the page scripts and web/runtime.js) under --checkJs --strict,
//     as `make lint` checks them (jsconfig.json, which this program extends)
//   - tests/types/usage.ts: the generated mapping.d.ts types every mapping row
//   - tests/types/misuse.ts: and rejects each misuse, on its own line
//   - tests/rules/usage.ts: the .d.ts generated with a rules file
//   - tests/reference/**/*.d.ts: the expected .d.ts of the reference headers
//   - the .d.ts of the real -dev headers of tests/realgen/, generated here
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { realHeaders } from './realgen/headers.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmbind-typecheck-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

/** The .d.ts files under dir, at any depth. @param {string} dir @returns {string[]} */
function declarationsUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** `wasmbind gen` on each real header: the .d.ts written, or what went wrong. */
function generateRealHeaders() {
  const dts = [], failures = [];
  for (const [name, , header, options] of realHeaders(scratch)) {
    const js = path.join(scratch, `${name}.js`);
    const r = spawnSync(path.join(root, 'build/wasmbind'), ['gen', header, ...options(), '-o', js], { encoding: 'utf8' });
    if (r.status === 0) dts.push(js.replace(/\.js$/, '.d.ts'));
    else failures.push(`${name}: ${r.error ?? r.stderr}`);
  }
  return { dts, failures };
}

const groups = {
  web: fs.readdirSync(path.join(root, 'web')).filter((f) => f.endsWith('.js')).map((f) => path.join(root, 'web', f)),
  usage: [path.join(root, 'tests/types/usage.ts')],
  misuse: [path.join(root, 'tests/types/misuse.ts')],
  rules: [path.join(root, 'tests/rules/usage.ts')],
  reference: declarationsUnder(path.join(root, 'tests/reference')),
  realgen: [],
};
const real = generateRealHeaders();
groups.realgen = real.dts;

// The project extends jsconfig.json (options, web/*.js, rootDirs), so this
// program and `make lint` check the scripts alike.
const project = path.join(scratch, 'tsconfig.json');
fs.writeFileSync(project, JSON.stringify({
  extends: path.join(root, 'jsconfig.json'),
  files: [...groups.usage, ...groups.misuse, ...groups.rules, ...groups.reference, ...groups.realgen],
}, null, 2));
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty', 'false'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

/** tsc's errors by absolute file name: each with its line and full text. */
const errors = new Map();
/** What tsc said that names no file (a bad option, a crash). */
const general = [];
{
  let last = null;
  for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error /.exec(line);
    if (m) {
      const file = path.resolve(root, m[1]);
      if (!errors.has(file)) errors.set(file, []);
      last = { line: Number(m[2]), text: line };
      errors.get(file).push(last);
    } else if (/^\s/.test(line) && last) {
      last.text += `\n${line}`; // a message's continuation
    } else if (line.trim()) {
      last = null;
      general.push(line);
    }
  }
}

/** The errors tsc found in these files, as text. @param {string[]} files */
function errorsIn(files) {
  return files.flatMap((f) => (errors.get(f) ?? []).map((e) => e.text));
}

test('tsc ran over every file, and said nothing beyond its files\' errors', () => {
  assert.equal(tsc.error, undefined, `could not run tsc: ${tsc.error}`);
  assert.deepEqual(general, [], 'tsc printed something other than located errors');
  assert.ok(tsc.status === 0 || errors.size > 0, `tsc failed (status ${tsc.status}) without naming a file`);
  assert.ok(groups.reference.length > 0, 'tests/reference holds expected .d.ts files');
});

test('web/*.js type-check under --checkJs --strict (the page scripts against the generated geo.d.ts and sqlite3.d.ts, web/runtime.js)', () => {
  assert.ok(groups.web.some((f) => f.endsWith('runtime.js')));
  assert.deepEqual(errorsIn(groups.web), []);
});

test('the .d.ts types a correct usage of every mapping row (tsc --strict)', () => {
  assert.deepEqual(errorsIn(groups.usage), []);
});

test('the .d.ts rejects each misuse, on its own line', () => {
  const file = groups.misuse[0];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const expected = lines.flatMap((line, i) => (/\/\/ error$/.test(line) ? [i + 1] : []));
  const found = errors.get(file) ?? [];
  const reported = new Set(found.map((e) => e.line));
  const output = found.map((e) => e.text).join('\n');
  assert.ok(expected.length > 0, 'misuse.ts marks the lines that must be rejected');
  for (const line of expected) assert.ok(reported.has(line), `line ${line} was accepted: ${lines[line - 1].trim()}\n${output}`);
  for (const line of reported) assert.ok(expected.includes(line), `unexpected error on line ${line}:\n${output}`);
});

test('the .d.ts made with a rules file types a usage under tsc --strict, and rejects a wrong handle (tests/rules/usage.ts)', () => {
  assert.deepEqual(errorsIn(groups.rules), []);
});

test('every expected .d.ts of the reference headers passes tsc --strict', () => {
  assert.deepEqual(errorsIn(groups.reference), []);
});

test('the .d.ts generated from every real -dev header passes tsc --strict', () => {
  assert.deepEqual(real.failures, [], 'every header was generated');
  assert.equal(groups.realgen.length, realHeaders(scratch).length);
  assert.deepEqual(errorsIn(groups.realgen), []);
});

test('no other file of the program has errors (what the checked files import)', () => {
  const checked = new Set(Object.values(groups).flat());
  const others = [...errors.keys()].filter((f) => !checked.has(f));
  assert.deepEqual(others.flatMap((f) => errors.get(f).map((e) => e.text)), []);
});
