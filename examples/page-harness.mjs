// @ts-check
// What the examples' pages (examples/*/page.mjs) share: a small harness for
// their suite.mjs (test, equal, deepEqual, ok), which runs each test and
// shows its result in #results, the summary in #status and #summary. When
// done, <html data-state="done"> and window.results (name, ok, error per
// test) are set for tests/browser/*.test.mjs.

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Deep strict equality: primitives by Object.is, arrays, typed arrays, plain objects.
 * @param {any} a @param {any} b @returns {boolean} */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (ArrayBuffer.isView(a)) {
    const x = /** @type {any} */ (a), y = /** @type {any} */ (b);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/** @param {unknown} v */
const show = (v) => {
  try {
    return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? Array.from(/** @type {any} */ (x)) : x));
  } catch {
    return String(v);
  }
};

/** @typedef {{ test(name: string, fn: () => unknown): void, equal(a: unknown, b: unknown, message?: string): void,
 *   deepEqual(a: unknown, b: unknown, message?: string): void, ok(value: unknown, message?: string): void }} Harness */

/** Runs a page: `start(harness)` loads the library, says so in #status and
 * registers the suite's tests; then each test runs, in order.
 * @param {(harness: Harness, status: (text: string) => void) => Promise<void>} start */
export async function runPage(start) {
  /** @type {{ name: string, fn: () => unknown }[]} */
  const tests = [];
  /** @type {Harness} */
  const harness = {
    test: (name, fn) => { tests.push({ name, fn }); },
    equal(a, b, message = '') {
      if (!Object.is(a, b)) throw new Error(`${message ? `${message}: ` : ''}expected ${show(b)}, got ${show(a)}`);
    },
    deepEqual(a, b, message = '') {
      if (!same(a, b)) throw new Error(`${message ? `${message}: ` : ''}expected ${show(b)}, got ${show(a)}`);
    },
    ok(value, message = 'expected a true value') {
      if (!value) throw new Error(message);
    },
  };
  /** @type {{ name: string, ok: boolean, error?: string }[]} */
  const results = [];
  /** @type {any} */ (window).results = results;
  try {
    await start(harness, (text) => { $('status').textContent = text; });
    for (const { name, fn } of tests) {
      const row = document.createElement('tr');
      try {
        await fn();
        results.push({ name, ok: true });
        row.className = 'pass';
        row.innerHTML = '<td>✓</td><td></td>';
      } catch (e) {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        results.push({ name, ok: false, error });
        row.className = 'fail';
        row.innerHTML = '<td>✗</td><td><pre></pre></td>';
        /** @type {HTMLElement} */ (row.querySelector('pre')).textContent = error;
      }
      /** @type {HTMLElement} */ (row.children[1]).prepend(name);
      $('results').append(row);
    }
    const failed = results.filter((r) => !r.ok).length;
    $('summary').textContent = failed ? `${failed} of ${results.length} tests failed` : `All ${results.length} tests passed`;
  } catch (e) {
    $('status').textContent = `Cannot start: ${e instanceof Error ? e.message : e}`;
    results.push({ name: 'load', ok: false, error: String(e) });
  }
  document.documentElement.dataset.state = 'done';
}
