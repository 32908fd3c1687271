// @ts-check
// What the browser tests share: Debian's Chromium, launched headless (a
// downloaded browser is not possible here), and a page that records what went
// wrong on it.
import { chromium } from 'playwright-core';

/** Chromium with a fresh, temporary profile and no background traffic. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors and warnings, page errors, failed requests and
 * HTTP errors of a page, as lines for an assertion message.
 * @param {import('playwright-core').Page} page @returns {string[]} */
export function recordProblems(page) {
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
  return problems;
}
