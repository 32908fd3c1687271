// Run by lifetimes.test.mjs as `node --expose-gc lifetimes-gc.mjs`: what a
// reachable child keeps alive through garbage collection; prints a JSON report.
import load from '../../build/rules/shelf.js';

const lib = await load();
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
async function collect(rounds = 30) {
  for (let i = 0; i < rounds; i++) {
    globalThis.gc();
    await tick();
  }
}
// Makes a shelf that only `keep(shelf)` still reaches after this returns.
const only = (keep) => keep(lib.shelf_new(7));

const report = {};
let held;

held = only((s) => s.book(2));
await collect();
report.book = { live: lib.shelf_live(), id: held.shelf_id() };
held = null;
await collect();
report.bookDropped = lib.shelf_live();

held = only((s) => s.cursor());
await collect();
report.cursor = { live: lib.shelf_live(), id: held.shelf_id() };
held = null;
await collect();
report.cursorDropped = lib.shelf_live();

held = only((s) => lib.shelf_ref(s, 5));
await collect();
report.ref = { live: lib.shelf_live(), sum: lib.shelf_ref_sum(held) };
held = null;
await collect();
report.refDropped = lib.shelf_live();

// A callback kept until replaced goes with its shelf when the collector
// destroys it: C calling it then raises "called after release".
only((s) => {
  s.on_event(() => 1);
  s.fire(0); // (the C side keeps a stale copy)
  return null;
});
await collect();
try {
  lib.shelf_fire_stale(0);
  report.staleAfterCollect = 'called';
} catch (e) {
  report.staleAfterCollect = /after it was released/.test(String(e)) ? 'released' : String(e);
}

report.badUses = lib.shelf_bad_uses();
console.log(JSON.stringify(report));
