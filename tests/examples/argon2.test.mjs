// @ts-check
// argon2 through its generated bindings: examples/argon2/suite.mjs with
// node:test and node:assert, its hashes compared with what Debian's argon2
// command prints for the same inputs. The references are also written to
// build/examples/argon2/references.json, which examples/argon2/index.html
// reads when opened by hand (tests/browser/argon2.test.mjs gives the page its
// own). Needs `make argon2` (build/examples/argon2/argon2.js, .d.ts, .wasm;
// part of TEST_PREREQS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import load from '../../build/examples/argon2/argon2.js';
import { runSuite, cliReferences, CASES } from '../../examples/argon2/suite.mjs';

/** @type {any} */
const lib = await load();
const refs = cliReferences(spawnSync);
writeFileSync(new URL('../../build/examples/argon2/references.json', import.meta.url), `${JSON.stringify(refs, null, 1)}\n`);

test('the command gave a reference for every case', () => {
  assert.equal(Object.keys(refs.hashes).length, CASES.length);
  assert.equal(Object.keys(refs.errors).length, 3);
});

runSuite(lib, {
  test: (name, fn) => test(name, fn),
  equal: (a, b, message) => assert.equal(a, b, message),
  deepEqual: (a, b, message) => assert.deepEqual(a, b, message),
  ok: (value, message) => assert.ok(value, message),
}, refs);
