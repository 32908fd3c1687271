// @ts-check
// The expat example in headless Chromium: examples/expat/index.html loads
// build/examples/expat/expat.js (which fetches expat.wasm) and runs
// examples/expat/suite.mjs, the scenario tests/examples/expat.test.mjs runs
// in Node, against the events that Python's xml.parsers.expat reports for
// the same documents: computed here (examples/expat/reference.py) and
// injected into the page before its scripts run. Every test must pass (a
// test the suite marks as a known generator bug is reported, not failed),
// with no console errors or failed requests. A screenshot goes to
// tests/artifacts/expat.png. Needs `make expat` and python3.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium, recordProblems } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';
import { referenceInput } from '../../examples/expat/suite.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = `${ROOT}tests/artifacts`;

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;
/** What Python's expat reports for the suite's documents. @type {unknown} */
let refs;

before(async () => {
  refs = JSON.parse(execFileSync('python3', [`${ROOT}examples/expat/reference.py`], {
    input: JSON.stringify(referenceInput()),
    maxBuffer: 64 << 20,
    encoding: 'utf8',
  }));
  // The repository root: the page imports ../../build/examples/expat/expat.js.
  server = await serve(ROOT, { port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the expat suite passes in the browser, with the events Python reports', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.addInitScript((r) => { /** @type {any} */ (window).expatRefs = r; }, refs);

  await page.goto(`${server.url}examples/expat/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'done', null, { timeout: 150_000 });
  /** @type {{ name: string, ok: boolean, error?: string }[]} */
  const results = await page.evaluate(() => /** @type {any} */ (window).results);

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/expat.png`, fullPage: true });

  const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`);
  assert.deepEqual(failures, [], 'failed in the browser');
  assert.ok(results.length >= 18, `${results.length} tests ran`);
  assert.match(await page.textContent('#status') ?? '', /^expat 2\.2\.1 in WebAssembly/);
  assert.equal(await page.textContent('#summary'), `All ${results.length} tests passed`);
  assert.deepEqual(problems, [], 'console errors, page errors, failed requests');
  await context.close();
});
