// The generated .d.ts checked by the real TypeScript compiler: usage.ts must
// compile under --strict; in misuse.ts every line marked `error` (and only
// those) must be rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

function compile(file) {
  const dir = fileURLToPath(new URL('../../build/types/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const config = JSON.parse(readFileSync(here + 'tsconfig.json', 'utf8'));
  config.files = [here + file];
  const project = `${dir}tsconfig.${file}.json`;
  writeFileSync(project, JSON.stringify(config));
  const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('the .d.ts types a correct usage of every mapping row (tsc --strict)', () => {
  const { status, output } = compile('usage.ts');
  assert.equal(status, 0, output);
});

test('the .d.ts rejects each misuse, on its own line', () => {
  const { status, output } = compile('misuse.ts');
  assert.notEqual(status, 0);
  const lines = readFileSync(here + 'misuse.ts', 'utf8').split('\n');
  const expected = lines.flatMap((line, i) => (/\/\/ error$/.test(line) ? [i + 1] : []));
  const reported = new Set([...output.matchAll(/misuse\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  for (const line of expected) assert.ok(reported.has(line), `line ${line} was accepted: ${lines[line - 1].trim()}\n${output}`);
  for (const line of reported) assert.ok(expected.includes(line), `unexpected error on line ${line}:\n${output}`);
});
