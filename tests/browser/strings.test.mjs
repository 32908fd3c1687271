// @ts-check
// Strings through generated bindings in headless Chromium, where the runtime
// has no Node Buffer and takes its other paths: returned strings at every
// alignment and across the short (32-byte) and long scans for their NUL,
// ASCII and not, and arguments of the same lengths. The module is
// build/e2e/mapping.js over its standalone .wasm, served with a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium, recordProblems } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** @type {string} */
let dir;
/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  dir = await mkdtemp(`${tmpdir()}/wasmbind-strings-`);
  await copyFile(`${ROOT}build/e2e/mapping.js`, `${dir}/mapping.js`);
  await copyFile(`${ROOT}build/e2e/mapping.wasm`, `${dir}/mapping.wasm`);
  await writeFile(`${dir}/index.html`, '<!doctype html><title>strings</title><link rel="icon" href="data:,">\n');
  server = await serve(dir, { port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('strings in and out of C in a browser, every alignment and length', async () => {
  const page = await browser.newPage();
  const problems = recordProblems(page);
  await page.goto(server.url);
  const failures = await page.evaluate(async () => {
    const { default: load } = await import('./mapping.js');
    const lib = await load();
    const wrong = [];
    const block = lib.m_alloc(1 << 17);
    const lengths = [0, 1, 3, 4, 5, 15, 16, 17, 31, 32, 33, 35, 36, 40, 100, 4096, 70000];
    for (let offset = 0; offset < 4; offset++) {
      for (const n of lengths) {
        for (const text of ['x'.repeat(n), 'é'.repeat(n >> 1) + 'a'.repeat(n & 1)]) {
          const bytes = new TextEncoder().encode(text);
          const u8 = new Uint8Array(lib.memory.buffer);
          u8.fill(0x41, block, block + bytes.length + 64); // no stray NUL after it
          u8.set(bytes, block + offset);
          u8[block + offset + bytes.length] = 0;
          const got = lib.m_string_at(block + offset);
          if (got !== text) wrong.push(`read: offset ${offset}, ${bytes.length} bytes: got ${got.length} chars`);
        }
        const arg = 'y'.repeat(n), wide = 'ü'.repeat(n);
        if (lib.m_strlen(arg) !== n) wrong.push(`argument of ${n} ASCII characters`);
        if (lib.m_strlen(wide) !== 2 * n) wrong.push(`argument of ${n} two-byte characters`);
      }
    }
    lib.m_free(block);
    const big = lib.m_big_string(1 << 20);
    if (big.length !== 1 << 20 || !big.startsWith('abc')) wrong.push('a 1 MiB result');
    return wrong;
  });
  assert.deepEqual(failures, []);
  assert.deepEqual(problems, []);
  await page.close();
});
