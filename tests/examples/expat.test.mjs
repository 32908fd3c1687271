// @ts-check
// expat through its generated bindings: examples/expat/suite.mjs with
// node:test and node:assert, its events compared with those of Python's
// xml.parsers.expat (examples/expat/reference.py, run here on the suite's
// documents). Needs `make expat` (build/examples/expat/expat.js, .d.ts,
// .wasm; part of TEST_PREREQS) and python3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import load from '../../build/examples/expat/expat.js';
import { runSuite, referenceInput } from '../../examples/expat/suite.mjs';

const REFERENCE = fileURLToPath(new URL('../../examples/expat/reference.py', import.meta.url));

/** What Python's expat reports for the suite's documents. */
export function references() {
  const out = execFileSync('python3', [REFERENCE], {
    input: JSON.stringify(referenceInput()),
    maxBuffer: 64 << 20,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/** @type {any} */
const lib = await load();
const refs = references();

test('the reference is Python\'s expat, not this one', () => {
  // Independent: another libexpat (2.5.0 or later) behind another binding.
  assert.notEqual(refs.basic.events.length, 0);
  assert.equal(lib.XML_ExpatVersion(), 'expat_2.2.1');
});

runSuite(lib, {
  test: (name, fn) => test(name, { timeout: 120_000 }, fn),
  equal: (a, b, message) => assert.equal(a, b, message),
  deepEqual: (a, b, message) => assert.deepEqual(a, b, message),
  ok: (value, message) => assert.ok(value, message),
}, refs);
