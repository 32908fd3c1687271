// @ts-check
// The demo page (build/demo, from `make demo`'s build rules) in headless
// Chromium, its geo example (Examples → geo; the playground and SQLite are
// in playground.test.mjs): it must start, show values the C library
// computed, react to input, and log no errors. Its numbers are compared with the same library
// called from Node through the same generated bindings (the page's build is
// Emscripten's HTML one, with legalized i64; Node's is the standalone .wasm).
// A screenshot goes to tests/artifacts/demo.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium, recordProblems } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';
import load from '../../build/examples/geo/geo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = `${ROOT}tests/artifacts`;
const GOOGLE_POLYLINE = '_p~iF~ps|U_ulLnnqC_mqNvxq`@';

/** @type {any} */
const lib = await load();
/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  server = await serve(`${ROOT}build/demo`, { port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's numbers, formatted as demo.js does. @param {number} x @param {number} digits */
const fixed = (x, digits) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

test('the demo page computes with the C library and reacts to input', { timeout: 60_000 }, async () => {
  // A phone-sized screen.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const problems = recordProblems(page);
  /** Every request stays on our server: no CDN, no web fonts. */
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
  });

  // The page opens on the playground; geo loads when its tab (Examples → geo) opens.
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.playground === 'ready', null, { timeout: 20_000 });
  assert.equal(await page.isVisible('#panel-geo'), false);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.state), undefined, 'geo waits for its tab');
  await page.click('#tab-examples');
  assert.equal(await page.isVisible('#panel-geo'), true);
  assert.equal(new URL(page.url()).hash, '#geo');
  await page.waitForFunction(() => document.documentElement.dataset.state, null, { timeout: 20_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  const status = await page.textContent('#status');
  assert.equal(state, 'ready', `the page says: ${status}; ${problems.join('; ')}`);
  assert.equal(status, 'Ready: geo.wasm, Earth radius 6371008 m');

  const text = async (/** @type {string} */ selector) => (await page.textContent(selector))?.trim();

  // Distance: Paris to London, in km.
  assert.equal(await text('#distance'), '343.56 km');
  assert.equal(await text('#bearing'), '330° NNW');
  assert.equal(await text('#midpoint'), '50°11′19″N 1°08′48″E');
  assert.equal(await text('#from-hint'), '48°51′24″N 2°21′08″E');
  assert.equal(await text('#to-hint'), '51°30′27″N 0°07′40″W');
  assert.deepEqual(await page.$$eval('#unit option', (os) => os.map((o) => o.textContent)),
    ['m (meters)', 'km (kilometers)', 'mi (miles)', 'nmi (nautical miles)']);

  // Polyline: Google's example, and its points decoded back.
  assert.equal(await text('#polyline'), GOOGLE_POLYLINE);
  assert.deepEqual(await page.$$eval('#decoded li', (li) => li.map((e) => e.textContent)),
    ['38.5, -120.2', '40.7, -120.95', '43.252, -126.453']);

  // Track: 13 points, 3.82 km in 47 min 47 s.
  assert.equal(await text('#track-name'), 'Louvre → Tour Eiffel');
  assert.equal(await text('#track-points'), '13 of 13');
  assert.equal(await text('#track-length'), '3.82 km');
  assert.equal(await text('#track-duration'), '0:47:47');
  assert.equal(await text('#track-speed'), '4.8 km/h');
  assert.equal(await text('#track-bounds'), '48.8584…48.8656 N, 2.2921…2.3358 E');
  assert.match(await text('#track-geojson') ?? '', /^\d{3} bytes$/);
  assert.equal(await page.locator('#track-map circle').count(), 13);

  // Interaction: Paris to Tokyo in miles, compared with the Node build.
  const paris = { lat: 48.8566, lon: 2.3522 }, tokyo = { lat: 35.6762, lon: 139.6503 };
  await page.fill('#to', '35.6762 N, 139.6503 E');
  await page.selectOption('#unit', String(lib.GeoUnit.GEO_MILES));
  await page.click('#compute');
  const miles = lib.geo_convert(lib.geo_distance_m(paris, tokyo), lib.GeoUnit.GEO_MILES);
  assert.equal(await text('#distance'), `${fixed(miles, 2)} mi`);
  assert.match(await text('#distance') ?? '', /^6,0\d\d\.\d\d mi$/);
  assert.equal(await text('#to-hint'), '35°40′34″N 139°39′01″E');
  const bearing = lib.geo_bearing_deg(paris, tokyo);
  assert.equal(await text('#bearing'), `${bearing}° ${lib.geo_compass(bearing)}`);

  // A bad coordinate: the C library's message is shown.
  await page.fill('#from', 'north of here');
  await page.click('#compute');
  assert.equal(await page.isVisible('#distance-error'), true);
  assert.equal(await text('#distance-error'), 'From: expected a latitude in "north of here"');
  assert.equal(await text('#distance'), '–');
  assert.match(await text('#from-hint') ?? '', /lat, lon/);
  await page.fill('#from', '48.8566, 2.3522');
  await page.click('#compute');
  assert.equal(await page.isVisible('#distance-error'), false);

  // Precision 6 re-encodes; a broken polyline is refused with a message.
  await page.selectOption('#precision', '6');
  const google = [{ lat: 38.5, lon: -120.2 }, { lat: 40.7, lon: -120.95 }, { lat: 43.252, lon: -126.453 }];
  assert.equal(await text('#polyline'), lib.geo_polyline_encode(google, 6));
  await page.fill('#polyline-input', '_p~iF~ps|U_');
  await page.click('#decode');
  assert.equal(await text('#polyline-error'), 'Cannot decode: truncated value at offset 11');

  // Simplify the track: fewer points, shorter, same duration (64-bit times).
  await page.$eval('#tolerance', (/** @type {any} */ el) => {
    el.value = '50';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await text('#tolerance-value'), '50 m');
  const kept = Number((await text('#track-points'))?.split(' ')[0]);
  assert.ok(kept >= 2 && kept < 13, `${kept} points kept`);
  assert.equal(await page.locator('#track-map circle').count(), kept);
  assert.equal(await text('#track-duration'), '0:47:47');

  // Nothing sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/demo.png`, fullPage: true });

  assert.deepEqual(foreign, [], 'requests outside the page');
  assert.deepEqual(problems, [], 'console errors, page errors, failed requests');
  await context.close();
});

test('the static server refuses paths outside its directory', async () => {
  const res = await fetch(`${server.url}..%2f..%2fpackage.json`);
  assert.equal(res.status, 403);
  const missing = await fetch(`${server.url}nothing-here.js`);
  assert.equal(missing.status, 404);
  const wasm = await fetch(`${server.url}index.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
});
