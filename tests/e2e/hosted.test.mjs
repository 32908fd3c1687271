// load()'s options.imports: C calls functions that JS provides; a missing one
// fails with a message that names it, when C calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import load from '../../build/e2e/hosted.js';

test('options.imports supplies functions the C code imports', async () => {
  const calls = [];
  const lib = await load(undefined, { imports: { env: { host_add: (a, b) => { calls.push([a, b]); return a + b; } } } });
  assert.equal(lib.hosted_twice(21), 42);
  assert.deepEqual(calls, [[21, 21]]);
});

test('an import nobody provided fails when called, naming it', async () => {
  const lib = await load();
  assert.throws(() => lib.hosted_twice(1), /the C code called env\.host_add, which was not provided in options\.imports/);
});
