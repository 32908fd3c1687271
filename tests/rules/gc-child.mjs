// Run by counter.test.mjs as `node --expose-gc gc-child.mjs`: owned handles
// nobody destroyed are freed by the collector, once; prints a JSON report.
import load from '../../build/rules/counter.js';

const lib = await load();
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
async function collect(until) {
  for (let i = 0; i < 200 && !until(); i++) {
    globalThis.gc();
    await tick();
  }
}

const base = lib.counter_live();
const releasesBefore = lib.counter_releases();
let released = 0;
(() => {
  for (let i = 0; i < 50; i++) {
    const c = lib.counter_new(i);
    c.add(1);
    c.view().peek();
    if (i % 10 === 0) c.on_change(() => {}, () => released++);
  }
})();
const created = lib.counter_live() - base;
await collect(() => lib.counter_live() === base);
const afterCollect = lib.counter_live() - base;

// A handle destroyed by hand and then dropped is not freed a second time.
(() => {
  const c = lib.counter_new(1);
  c.free();
  const d = lib.counter_new(2);
  d.add(1);
  d[Symbol.dispose]();
})();
for (let i = 0; i < 5; i++) {
  globalThis.gc();
  await tick();
}

// A borrowed Counter (from a view) keeps its owned twin: collected once.
(() => {
  const c = lib.counter_new(3);
  const owner = c.view().owner();
  if (owner !== c) throw new Error('owner() is not the same object');
})();
await collect(() => lib.counter_live() === base);

console.log(JSON.stringify({
  created,
  afterCollect,
  final: lib.counter_live() - base,
  badFrees: lib.counter_bad_frees(),
  releases: lib.counter_releases() - releasesBefore,
  released,
}));
