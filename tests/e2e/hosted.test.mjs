// load()'s options.imports: C calls functions that JS provides; a missing one
// fails with a message that names it, when C calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import load, { wrap } from '../../build/e2e/hosted.js';

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

test('bindings for a binary that imports no WASI functions carry no WASI shims', async () => {
  // hosted.wasm imports only its host functions and memory-growth notices;
  // mapping.wasm imports fd_write and more (its printf test needs them).
  const { readFile } = await import('node:fs/promises');
  const hosted = await readFile(new URL('../../build/e2e/hosted.js', import.meta.url), 'utf8');
  const mapping = await readFile(new URL('../../build/e2e/mapping.js', import.meta.url), 'utf8');
  assert.doesNotMatch(hosted, /wbSystemImports|fd_write|proc_exit/);
  assert.match(mapping, /function wbSystemImports\(/);
  assert.match(mapping, /fd_write/);
});

test('a later build that imports WASI functions gets an error saying to generate again', async () => {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(new URL('../../build/e2e/hosted-printf.wasm', import.meta.url));
  const lib = await load(bytes, { imports: { env: { host_add: (a, b) => a + b } } });
  assert.throws(() => lib.hosted_twice(1),
    /the C code called wasi_snapshot_preview1\.fd_write, .*generate them again with --wasm naming this build/);
});

// WB_IMPORT: functions the header declares and JS implements, marshalled.
const greeter = {
  host_add: (a, b) => a + b,
  host_greet: (name) => `hello ${name}`,
  host_label: (n) => (n < 0 ? null : 'é'.repeat(n)),
};

test('an imported function gets strings from C and returns strings C owns or borrows', async () => {
  const lib = await load(undefined, { imports: { env: greeter } });
  assert.equal(lib.hosted_greeting('wörld'), 'hello wörld!');
  assert.equal(lib.hosted_greeting(''), 'hello !');
  assert.equal(lib.hosted_label_len(3), 6); // UTF-8 bytes
  assert.equal(lib.hosted_label_len(-1), -1); // null is NULL
});

test('imported functions leak nothing: owned results are freed by C, lent ones by the binding', async () => {
  const lib = await load(undefined, { imports: { env: greeter } });
  const probe = () => {
    const p = lib.exports.malloc(1 << 20);
    lib.exports.free(p);
    return p;
  };
  for (let i = 0; i < 1000; i++) lib.hosted_greeting('x'.repeat(i % 50)), lib.hosted_label_len(i % 40);
  const before = probe(), size = lib.memory.buffer.byteLength;
  for (let i = 0; i < 20000; i++) lib.hosted_greeting('x'.repeat(i % 50)), lib.hosted_label_len(i % 40);
  assert.equal(probe(), before);
  assert.equal(lib.memory.buffer.byteLength, size);
});

test('an imported function that throws: the same error reaches the caller of the library function', async () => {
  const boom = new Error('no greeting today');
  const lib = await load(undefined, { imports: { env: { ...greeter, host_greet: () => { throw boom; } } } });
  assert.throws(() => lib.hosted_greeting('x'), (e) => e === boom);
  assert.equal(lib.hosted_label_len(2), 4); // the library stays usable
});

test('an imported function returning the wrong type is a TypeError naming it', async () => {
  const lib = await load(undefined, { imports: { env: { ...greeter, host_greet: () => 42 } } });
  assert.throws(() => lib.hosted_greeting('x'), { name: 'TypeError', message: /host_greet \(return value\): expected a string/ });
});

test('an imported function nobody provided fails naming it', async () => {
  const lib = await load(undefined, { imports: { env: { host_add: greeter.host_add } } });
  assert.throws(() => lib.hosted_greeting('x'), /the C code called env\.host_greet, which was not provided/);
});

test('wrap() checks that every bound function takes the wasm parameters the header implies', () => {
  const exports = {
    memory: new WebAssembly.Memory({ initial: 1 }),
    malloc: (/** @type {number} */ n) => 1024 + 0 * n,
    free: () => {},
    hosted_twice: (/** @type {number} */ a, /** @type {number} */ b) => a + b, // the header says one
    hosted_greeting: (/** @type {number} */ p) => p,
    hosted_label_len: (/** @type {number} */ n) => n,
  };
  assert.throws(() => wrap(exports), /the module does not match hosted\.h: hosted_twice takes 2 wasm parameters where hosted\.h implies 1/);
  const { hosted_label_len: _, ...missing } = exports;
  assert.throws(() => wrap(missing), /the module does not export hosted_label_len/);
});
