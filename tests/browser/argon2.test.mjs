// @ts-check
// The argon2 example in headless Chromium: examples/argon2/index.html loads
// build/examples/argon2/argon2.js (which fetches argon2.wasm) and runs
// examples/argon2/suite.mjs, the scenario tests/examples/argon2.test.mjs runs
// in Node. The reference hashes come from Debian's argon2 command, run here
// in Node and given to the page before it loads (window.argon2References).
// Every test must pass, with no console errors or failed requests. Needs
// `make argon2`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium, recordProblems } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';
import { cliReferences, CASES } from '../../examples/argon2/suite.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  // The repository root: the page imports ../../build/examples/argon2/argon2.js.
  server = await serve(ROOT, { port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the argon2 suite passes in the browser, against the argon2 command\'s hashes', { timeout: 120_000 }, async () => {
  const refs = cliReferences(spawnSync);
  assert.equal(Object.keys(refs.hashes).length, CASES.length);
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  await context.addInitScript((r) => { /** @type {any} */ (window).argon2References = r; }, refs);
  const page = await context.newPage();
  const problems = recordProblems(page);

  await page.goto(`${server.url}examples/argon2/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'done', null, { timeout: 90_000 });
  /** @type {{ name: string, ok: boolean, error?: string }[]} */
  const results = await page.evaluate(() => /** @type {any} */ (window).results);

  const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`);
  assert.deepEqual(failures, [], 'failed in the browser');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).referencesFrom), 'given by the test');
  assert.ok(results.length >= 3 * CASES.length + 10, `${results.length} tests ran`);
  assert.match(await page.textContent('#status') ?? '', /^Argon2 \(the reference implementation\) in WebAssembly/);
  assert.equal(await page.textContent('#summary'), `All ${results.length} tests passed`);
  assert.deepEqual(problems, [], 'console errors, page errors, failed requests');
  await context.close();
});
