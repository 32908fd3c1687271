// Reference outputs of `wasmbind gen`: for each tests/reference/NAME.h, the
// generated module and .d.ts must equal NAME.js and NAME.d.ts (`make bless`
// rewrites them after a deliberate change). Every expected .js must import;
// every expected .d.ts must pass tsc --strict (tests/typecheck.test.mjs).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../..');
const headers = readdirSync(here).filter((f) => f.endsWith('.h')).sort();
const scratch = mkdtempSync(join(tmpdir(), 'wasmbind-ref-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const argsOf = (text) => (text.match(/wasmbind-args: *(.*?) *\*\//)?.[1] ?? '').split(/\s+/).filter(Boolean);

for (const header of headers) {
  const name = header.slice(0, -2);
  test(`gen ${header} matches ${name}.js and ${name}.d.ts`, () => {
    const out = join(scratch, `${name}.js`);
    const args = argsOf(readFileSync(join(here, header), 'utf8'));
    const r = spawnSync(join(root, 'build/wasmbind'), ['gen', join(here, header), ...args, '-o', out], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), readFileSync(join(here, `${name}.js`), 'utf8'), `${name}.js differs: run make bless after checking the change`);
    assert.equal(readFileSync(out.replace(/\.js$/, '.d.ts'), 'utf8'), readFileSync(join(here, `${name}.d.ts`), 'utf8'), `${name}.d.ts differs`);
  });

  test(`${name}.js imports`, async () => {
    const mod = await import(pathToFileURL(join(here, `${name}.js`)).href);
    assert.equal(typeof mod.default, 'function');
    assert.equal(typeof mod.wrap, 'function');
  });
}
