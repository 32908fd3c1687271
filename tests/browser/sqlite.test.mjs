// @ts-check
// The SQLite example in headless Chromium: examples/sqlite/index.html loads
// build/examples/sqlite/sqlite3.js (which fetches sqlite3.wasm) and runs
// examples/sqlite/suite.mjs, the scenario tests/examples/sqlite.test.mjs runs
// in Node. Every test must pass, with no console errors or failed requests.
// A screenshot goes to tests/artifacts/sqlite.png. Needs `make sqlite`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium, recordProblems } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = `${ROOT}tests/artifacts`;

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  // The repository root: the page imports ../../build/examples/sqlite/sqlite3.js.
  server = await serve(ROOT, { port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the SQLite suite passes in the browser', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  const problems = recordProblems(page);

  await page.goto(`${server.url}examples/sqlite/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'done', null, { timeout: 90_000 });
  /** @type {{ name: string, ok: boolean, error?: string }[]} */
  const results = await page.evaluate(() => /** @type {any} */ (window).results);

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/sqlite.png`, fullPage: true });

  const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`);
  assert.deepEqual(failures, [], 'failed in the browser');
  assert.ok(results.length >= 20, `${results.length} tests ran`);
  assert.match(await page.textContent('#status') ?? '', /^SQLite 3\.53\.2 in WebAssembly/);
  assert.equal(await page.textContent('#summary'), `All ${results.length} tests passed`);
  assert.deepEqual(problems, [], 'console errors, page errors, failed requests');
  await context.close();
});
