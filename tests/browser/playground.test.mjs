// @ts-check
// The demo page's playground and SQLite tab (build/demo, `make demo`'s build
// rules) in headless Chromium:
// - the playground generates bindings as the header is typed: a function
//   added to the header shows up in the .d.ts pane; an error is marked in
//   the editor (gutter marker, highlighted line) and listed under it with its
//   line; a click on the diagnostic puts the caret there; fixed, the marks go;
// - the SQLite tab loads SQLite only when it opens, runs CREATE/INSERT/SELECT
//   and shows the rows in a table, and shows SQLite's message for bad SQL.
// Screenshots go to tests/artifacts/ (playground.png, playground-phone.png,
// sqlite-tab.png). The test prints the bytes transferred (CDP's
// encodedDataLength of every response) and the time from navigation to the
// first generated output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = `${ROOT}tests/artifacts`;

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  server = await serve(`${ROOT}build/demo`, { port: 0 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page that records problems (console errors and warnings, page errors,
 * failed requests, HTTP errors, requests off the server) and the bytes
 * received, per URL, from CDP's Network.loadingFinished.
 * @param {import('playwright-core').BrowserContext} context
 */
async function watchedPage(context) {
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      problems.push(`request outside the page: ${r.url()}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  /** @type {Map<string, string>} */
  const urls = new Map();
  /** @type {Map<string, number>} bytes received, by path */
  const received = new Map();
  cdp.on('Network.responseReceived', (e) => { urls.set(e.requestId, e.response.url); });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (!url || url.startsWith('data:')) return;
    const path = new URL(url).pathname;
    received.set(path, (received.get(path) ?? 0) + e.encodedDataLength);
  });
  const total = () => [...received.values()].reduce((a, b) => a + b, 0);
  return { page, problems, received, total };
}

/** @param {number} n */
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

test('the playground generates as you type and marks errors; SQLite runs in its tab', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, problems, received, total } = await watchedPage(context);

  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.playground === 'ready', null, { timeout: 30_000 });
  const wall = Date.now() - t0;
  /** performance.now() when the first output was shown: from the navigation's start. */
  const firstOutputMs = await page.evaluate(() => /** @type {any} */ (window).wbPlayground.firstOutputMs);
  await page.waitForLoadState('networkidle');
  const initial = total();
  console.log(`playground: first generated output ${Math.round(firstOutputMs)} ms after navigation (${wall} ms from page.goto)`);
  console.log(`playground: ${kB(initial)} transferred at first load:`);
  for (const [path, n] of [...received].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(8)}  ${path}`);
  assert.ok(![...received.keys()].some((p) => p.includes('sqlite')), 'SQLite waits for its tab');

  const dts = () => page.textContent('#out-dts');
  assert.match(await page.textContent('#pg-status') ?? '', /^Generated in/);
  assert.match(await dts() ?? '', /shape_describe\(s: shape\): string \| null;/);
  assert.match(await dts() ?? '', /readonly SHAPES_VERSION: 2;/);
  assert.match(await page.textContent('#out-js') ?? '', /^\/\/ Generated by wasmbind from shapes\.h/);
  assert.match(await page.textContent('#out-ir') ?? '', /"schema": "wasmbind-ir\/1"/);
  assert.equal(await page.locator('#gutter .mark').count(), 0);
  assert.equal(await page.locator('#diagnostics li').count(), 0);

  // Type a function at the end: the .d.ts pane shows it.
  await page.click('#header');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\ndouble shape_perimeter(const shape *s);\n');
  await page.waitForFunction(() => document.getElementById('out-dts')?.textContent?.includes('shape_perimeter(s: shape): number;'),
    null, { timeout: 10_000 });

  // An error: marked on its line, listed with its line, the panes dimmed.
  await page.keyboard.type('int broken(;');
  const line = await page.$eval('#header', (/** @type {any} */ ta) => ta.value.split('\n').indexOf('int broken(;') + 1);
  assert.ok(line > 30, `the error is on line ${line}`);
  await page.waitForSelector('#gutter .mark.is-error', { timeout: 10_000 });
  assert.equal(await page.textContent('#gutter .mark.is-error'), String(line));
  assert.equal(await page.locator('#gutter .mark').count(), 1);
  assert.equal(await page.locator('#backdrop .line-mark.is-error').count(), 1);
  const marked = await page.$$eval('#backdrop > div', (ds) => ds.findIndex((d) => d.classList.contains('line-mark')) + 1);
  assert.equal(marked, line, 'the highlighted line');
  assert.equal(await page.locator('#diagnostics li').count(), 1);
  const diag = await page.textContent('#diagnostics li') ?? '';
  assert.match(diag, new RegExp(`^errorshapes\\.h:${line}:12expected parameter declarator before ';'`));
  assert.equal(await page.textContent('#pg-status'), '1 error');
  assert.equal(await page.locator('#out-dts.stale').count(), 1);
  // The marks sit on the textarea's own line: same offset from the top.
  const boxes = await page.evaluate((n) => {
    const ta = /** @type {HTMLTextAreaElement} */ (document.getElementById('header'));
    const lh = parseFloat(getComputedStyle(ta).lineHeight);
    const top = ta.getBoundingClientRect().top + parseFloat(getComputedStyle(ta).paddingTop) + (n - 1) * lh - ta.scrollTop;
    const mark = /** @type {HTMLElement} */ (document.querySelector('#backdrop .line-mark')).getBoundingClientRect().top;
    const gutter = /** @type {HTMLElement} */ (document.querySelector('#gutter .mark')).getBoundingClientRect().top;
    return { top, mark, gutter };
  }, line);
  assert.ok(Math.abs(boxes.mark - boxes.top) < 1 && Math.abs(boxes.gutter - boxes.top) < 1, JSON.stringify(boxes));
  await page.screenshot({ path: `${ARTIFACTS}/playground.png`, fullPage: true });

  // A click on the diagnostic puts the caret on line:12, where ')' fixes it.
  await page.keyboard.press('Control+Home');
  await page.click('#diagnostics li button');
  const caret = await page.$eval('#header', (/** @type {any} */ ta) => {
    const before = ta.value.slice(0, ta.selectionStart).split('\n');
    return { focused: document.activeElement === ta, line: before.length, col: before[before.length - 1].length + 1 };
  });
  assert.deepEqual(caret, { focused: true, line, col: 12 });
  await page.keyboard.type(')');
  await page.waitForFunction(() => document.documentElement.dataset.playgroundOk === 'true', null, { timeout: 10_000 });
  // `int broken();` has no prototype: a warning, marked as one, and not bound.
  assert.equal(await page.textContent('#gutter .mark.is-warning'), String(line));
  assert.equal(await page.locator('#gutter .mark.is-error').count(), 0);
  assert.match(await page.textContent('#diagnostics li.is-warning') ?? '', new RegExp(`^warningshapes\\.h:${line}:5'broken' is not bound`));
  assert.match(await page.textContent('#pg-status') ?? '', /^Generated in .* · 1 warning$/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('void');
  await page.waitForFunction(() => !document.querySelector('#diagnostics li'), null, { timeout: 10_000 });
  assert.equal(await page.locator('#gutter .mark').count(), 0);
  assert.equal(await page.locator('#backdrop .line-mark').count(), 0);
  assert.equal(await page.locator('#diagnostics li').count(), 0);
  assert.equal(await page.locator('#out-dts.stale').count(), 0);
  assert.match(await dts() ?? '', /broken\(\): number;/);

  // Rules: a rules file makes shape a class with methods; a bad one is an error in it.
  await page.click('#rules-box summary');
  await page.fill('#rules', 'type shape: destroy shape_free, methods shape_\n');
  await page.waitForFunction(() => document.getElementById('out-dts')?.textContent?.includes('area(): number;'), null, { timeout: 10_000 });
  await page.fill('#rules', 'type shape: destroy shape_free, methods shape_\nnot a rule\n');
  await page.waitForSelector('#diagnostics li.is-error', { timeout: 10_000 });
  assert.match(await page.textContent('#diagnostics li') ?? '', /^errorrules:2:/);
  assert.equal(await page.locator('#gutter .mark').count(), 0, 'rules errors are not marked in the header');
  await page.fill('#rules', '');
  await page.waitForFunction(() => document.documentElement.dataset.playgroundOk === 'true', null, { timeout: 10_000 });

  // SQLite: fetched when its tab opens; a table t is there.
  const before = total();
  await page.click('#tab-examples');
  assert.equal(await page.isVisible('#panel-geo'), true, 'Examples opens on geo');
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  console.log(`geo tab: ${kB(total() - before)} more (index.js, index.wasm, demo.js, geo.js)`);
  const beforeSqlite = total();
  await page.click('#tab-sqlite');
  await page.waitForFunction(() => document.documentElement.dataset.sqlite === 'ready', null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  console.log(`sqlite tab: ${kB(total() - beforeSqlite)} more (sqlite3.js ${kB(received.get('/sqlite/sqlite3.js') ?? 0)}, sqlite3.wasm ${kB(received.get('/sqlite/sqlite3.wasm') ?? 0)})`);
  assert.match(await page.textContent('#sqlite-status') ?? '', /^SQLite 3\.\d+\.\d+/);
  assert.equal(await page.locator('#sql-results tbody tr').count(), 5, 'SELECT * FROM t');

  /** @param {string} sql */
  async function runSql(sql) {
    const runs = await page.evaluate(() => Number(document.documentElement.dataset.sqliteRun));
    await page.fill('#sql', sql);
    await page.click('#sql-run');
    await page.waitForFunction((n) => Number(document.documentElement.dataset.sqliteRun) > n, runs, { timeout: 10_000 });
  }
  await runSql(`CREATE TABLE langs(name TEXT, year INTEGER);
INSERT INTO langs VALUES ('C', 1972), ('JavaScript', 1995), ('Zig', NULL);
SELECT name, year FROM langs ORDER BY year IS NULL, year;`);
  assert.equal(await page.isVisible('#sql-error'), false);
  assert.deepEqual(await page.$$eval('#sql-results .result-note', (ps) => ps.map((p) => p.textContent)),
    ['✓ CREATE TABLE langs(name TEXT, year INTEGER); done', "✓ INSERT INTO langs VALUES ('C', 1972), ('JavaScript', 1995), ('Zig', NULL); 3 rows changed"]);
  assert.deepEqual(await page.$$eval('#sql-results th', (th) => th.map((e) => e.textContent)), ['name', 'year']);
  assert.deepEqual(await page.$$eval('#sql-results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent))),
    [['C', '1972'], ['JavaScript', '1995'], ['Zig', 'NULL']]);
  await page.screenshot({ path: `${ARTIFACTS}/sqlite-tab.png`, fullPage: true });

  // Bad SQL: SQLite's message.
  await runSql('SELEC name FROM langs');
  assert.equal(await page.isVisible('#sql-error'), true);
  assert.equal(await page.textContent('#sql-error'), 'near "SELEC": syntax error (SQLite error 1)');
  assert.equal(await page.locator('#sql-results table').count(), 0);
  await runSql("SELECT count(*) FROM t;\nINSERT INTO t(name) VALUES (NULL);");
  assert.equal(await page.textContent('#sql-error'), 'Statement 2: NOT NULL constraint failed: t.name (SQLite error 19)');
  assert.deepEqual(await page.$$eval('#sql-results tbody td', (tds) => tds.map((e) => e.textContent)), ['5'], 'what ran before');

  console.log(`total: ${kB(total())} transferred`);
  assert.deepEqual(problems, [], 'console errors, page errors, failed requests');
  await context.close();
});

test('the playground on a phone: 375 px wide, nothing sideways', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, colorScheme: 'dark' });
  const { page, problems } = await watchedPage(context);
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.playground === 'ready', null, { timeout: 30_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  // The panes are stacked: one above the other, each the width of the page.
  const boxes = await page.$$eval('.out', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })));
  assert.equal(boxes.length, 3);
  assert.ok(boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y && boxes.every((b) => b.x === boxes[0].x), JSON.stringify(boxes));
  await page.screenshot({ path: `${ARTIFACTS}/playground-phone.png` });
  await page.click('#tab-examples');
  await page.click('#tab-sqlite');
  await page.waitForFunction(() => document.documentElement.dataset.sqlite === 'ready', null, { timeout: 30_000 });
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 0, `the SQLite tab is ${overflow2}px wider than the screen`);
  assert.deepEqual(problems, [], 'console errors, page errors, failed requests');
  await context.close();
});

test('the page scripts type-check against web/wasmbind.mjs and the generated sqlite3.d.ts', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(`${tmpdir()}/wasmbind-playground-`);
  try {
    // build/demo's layout, with declarations for what the scripts import.
    await mkdir(`${dir}/web`);
    await mkdir(`${dir}/build/lib`, { recursive: true });
    await mkdir(`${dir}/sqlite`);
    const scripts = ['page-tabs.js', 'playground.js', 'page-sqlite.js'];
    for (const f of scripts) await copyFile(`${ROOT}web/${f}`, `${dir}/${f}`);
    await copyFile(`${ROOT}web/wasmbind.mjs`, `${dir}/web/wasmbind.mjs`);
    await copyFile(`${ROOT}build/lib/wasmbind-api.d.ts`, `${dir}/build/lib/wasmbind-api.d.ts`);
    await writeFile(`${dir}/build/lib/wasmbind-api.js`, 'export {};\n');
    await writeFile(`${dir}/build/lib/wasmbind-module.mjs`, 'export {};\n');
    await writeFile(`${dir}/build/lib/wasmbind-module.d.mts`, 'export default function createWasmbind(): Promise<unknown>;\n');
    await copyFile(`${ROOT}build/examples/sqlite/sqlite3.d.ts`, `${dir}/sqlite/sqlite3.d.ts`);
    await writeFile(`${dir}/sqlite/sqlite3.js`, 'export {};\n');
    await writeFile(`${dir}/demo.js`, 'export {};\n');
    const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
    const args = ['--noEmit', '--allowJs', '--checkJs', '--strict', '--target', 'es2022', '--module', 'es2022',
      '--moduleResolution', 'bundler', '--lib', 'es2022,dom,dom.iterable', ...scripts.map((f) => `${dir}/${f}`)];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: dir }).catch((e) => e);
    // Only the page scripts' own errors: web/wasmbind.mjs is checked where it is tested.
    const ours = String(result.stdout).split('\n').filter((l) => scripts.some((f) => l.startsWith(f)));
    assert.deepEqual(ours, [], 'tsc reports nothing in the page scripts');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
