// Lifetimes across objects (tests/rules/lib/shelf.rules): every destroying
// function invalidates its handle, children keep their parents alive,
// handles a parent lends die with it, and structs holding handles check them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import load, { ShelfError } from '../../build/rules/shelf.js';

const lib = await load();
const here = fileURLToPath(new URL('.', import.meta.url));
const destroyed = /destroyed/;

test('a destroying function that succeeds invalidates the handle', () => {
  const before = lib.shelf_live();
  const s = lib.shelf_new(1);
  assert.equal(s.close(), lib.SHELF_OK);
  assert.equal(s.ptr, 0);
  assert.equal(lib.shelf_live(), before);
  assert.throws(() => s.id(), destroyed);
  assert.throws(() => lib.shelf_close(s), destroyed);
  s[Symbol.dispose](); // already destroyed: not freed again
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a destroying function "on success" that fails leaves the handle valid', () => {
  const s = lib.shelf_new(2);
  const c = s.cursor();
  assert.throws(() => s.close(), (e) => e instanceof ShelfError && e.code === lib.SHELF_EBUSY &&
    /a cursor is open/.test(e.message));
  assert.notEqual(s.ptr, 0);
  assert.equal(s.id(), 2);
  c.free();
  s.close();
  assert.equal(s.ptr, 0);
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a destroying function without "on success" invalidates even when it fails', () => {
  const s = lib.shelf_new(3);
  const c = s.cursor();
  assert.throws(() => s.drop(), (e) => e instanceof ShelfError && e.code === lib.SHELF_EBUSY);
  assert.equal(s.ptr, 0);
  assert.throws(() => s.id(), destroyed);
  c.free();
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a destructor given null: a TypeError naming the parameter, or NULL when nullable', () => {
  assert.throws(() => lib.shelf_free(null), (e) => e instanceof TypeError && /^s: /.test(e.message));
  assert.throws(() => lib.Shelf.prototype.free.call(null), TypeError);
  for (const self of [null, undefined, {}, lib.shelf_new(4).book(0)])
    assert.throws(() => lib.Shelf.prototype[Symbol.dispose].call(self),
      (e) => e instanceof TypeError && /expected a Shelf/.test(e.message));
  assert.equal(lib.cursor_free(null), undefined);
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a handle a parent lends refuses use once the parent is destroyed', () => {
  const s = lib.shelf_new(5);
  const b = s.book(0);
  assert.equal(b.shelf_id(), 5);
  assert.equal(b.shelf(), s, 'the parent function gives the parent itself');
  s.free();
  assert.throws(() => b.shelf_id(), (e) => e instanceof TypeError && /lent by a Shelf, which was destroyed/.test(e.message));
  assert.throws(() => lib.book_shelf(b), destroyed);
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a handle lent by a lent handle answers to the first owner', () => {
  const s = lib.shelf_new(6);
  const b = s.book(1);
  const again = b.shelf().book(1);
  assert.equal(again.shelf_id(), 6);
  s.drop();
  assert.throws(() => again.shelf_id(), destroyed);
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a struct holding a destroyed handle is refused before C sees it', () => {
  const s = lib.shelf_new(8);
  const r = lib.shelf_ref(s, 2);
  assert.equal(r.shelf, s);
  assert.equal(lib.shelf_ref_sum(r), 10);
  assert.equal(lib.shelf_ref_sum_at(r), 10);
  s.free();
  assert.throws(() => lib.shelf_ref_sum(r), (e) => e instanceof TypeError && /r\.shelf/.test(e.message));
  assert.throws(() => lib.shelf_ref_sum_at(r), destroyed);
  assert.throws(() => lib.shelf_ref_sum({ shelf: 12345, extra: 1 }), TypeError);
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a handle destroyed by a getter while the arguments are read is refused', () => {
  for (const f of [lib.shelf_ref_sum, lib.shelf_ref_sum_at]) {
    const s = lib.shelf_new(9);
    assert.throws(() => f({ shelf: s, get extra() { s.free(); return 1; } }), TypeError);
    assert.equal(lib.shelf_bad_uses(), 0);
  }
});

test("a complete struct made a handle by 'handle': branded, destroyed once, no fields", () => {
  const st = lib.stats_new();
  assert.ok(st instanceof lib.ShelfStats);
  assert.equal(st.add(2), 2);
  assert.equal(st.add(3), 5);
  assert.equal(st.total, undefined); // a handle, not a view
  assert.throws(() => lib.stats_add({ magic: 0, total: 0 }, 1), TypeError);
  st.free();
  assert.throws(() => st.add(1), destroyed);
  st[Symbol.dispose]();
  assert.equal(lib.shelf_bad_uses(), 0);
});

test("a callback kept 'until replaced': by the next call for the same handle, null, or the handle's end", () => {
  const s = lib.shelf_new(10);
  const seen = [];
  s.on_event((ev) => { seen.push(['first', ev]); return 1; });
  assert.equal(s.fire(1), 1);
  assert.equal(s.fire(2), 1); // still kept after the call that set it
  s.on_event((ev) => { seen.push(['second', ev]); return 2; });
  // C calling the replaced one: its slot was released
  assert.throws(() => lib.shelf_fire_stale(4),
    /C called 'cb' of shelf_on_event after it was released: it was kept until shelf_on_event replaced it for its Shelf, or the Shelf was destroyed/);
  assert.equal(s.fire(3), 2);
  assert.deepEqual(seen, [['first', 1], ['first', 2], ['second', 3]]);
  s.on_event(null); // removed
  assert.equal(s.fire(5), -1);
  const other = lib.shelf_new(11);
  other.on_event(() => 7);
  s.on_event(() => 3); // another shelf's callback is another key
  assert.equal(s.fire(0), 3);
  assert.equal(other.fire(0), 7);
  other.free(); // its callback goes with it
  assert.throws(() => lib.shelf_fire_stale(0), /after it was released: it was kept until shelf_on_event replaced it/);
  assert.equal(s.fire(0), 3);
  s.free();
  assert.equal(lib.shelf_bad_uses(), 0);
});

test("an exception in a callback kept 'until replaced' is rethrown by the call C made it in", () => {
  const s = lib.shelf_new(12);
  s.on_event(() => { throw new RangeError('no such event'); });
  assert.throws(() => s.fire(1), { name: 'RangeError', message: 'no such event' });
  s.on_event(() => 5);
  assert.equal(s.fire(2), 5, 'nothing left pending from the last call');
  s.free();
});

test("an error's code read from the handle ('code F'), and its message from the code", () => {
  const s = lib.shelf_new(13);
  assert.equal(s.put(3), lib.SHELF_STATUS_OK);
  assert.throws(() => s.put(9), (e) => e instanceof ShelfError && e.code === lib.SHELF_ENOSPACE &&
    e.message === 'no space left on the shelf' && e.function === 'shelf_put');
  s.free();
});

test('a handle C lent (not owned) cannot be destroyed: it is C\'s', () => {
  const d = lib.shelf_default();
  assert.equal(d.id(), 100);
  assert.throws(() => d.free(), { name: 'TypeError', message: /^s: this Shelf is lent by C, not owned: only C destroys it/ });
  assert.throws(() => lib.shelf_close(d), TypeError);
  assert.throws(() => lib.shelf_drop(d), TypeError);
  assert.throws(() => d[Symbol.dispose](), TypeError);
  assert.equal(lib.shelf_default_alive(), 1);
  assert.equal(d.id(), 100, 'still usable');
  assert.equal(lib.shelf_bad_uses(), 0);
});

test('a reachable child keeps its parent from the collector (node --expose-gc)', () => {
  const run = spawnSync(process.execPath, ['--expose-gc', here + 'lifetimes-gc.mjs'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  assert.deepEqual(r.book, { live: 1, id: 7 }, 'a lent book keeps its shelf');
  assert.equal(r.bookDropped, 0);
  assert.deepEqual(r.cursor, { live: 1, id: 7 }, 'an owned cursor keeps its shelf');
  assert.equal(r.cursorDropped, 0);
  assert.deepEqual(r.ref, { live: 1, sum: 12 }, 'a struct value keeps the shelf it holds');
  assert.equal(r.refDropped, 0);
  assert.equal(r.staleAfterCollect, 'released', 'a collected shelf releases its kept callback');
  assert.equal(r.badUses, 0);
});

test('many owned handles left undestroyed in one task: one warning, naming the destructor', () => {
  const code = `
    import load from ${JSON.stringify(new URL('../../build/rules/shelf.js', import.meta.url).href)};
    const lib = await load();
    const warnings = [];
    console.warn = (m) => warnings.push(m);
    const kept = [];
    for (let i = 0; i < 100000; i++) lib.shelf_new(i).free(); // destroyed: no warning
    for (let i = 0; i < 250000; i++) kept.push(lib.shelf_new(i));
    for (const s of kept) s.free();
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(JSON.stringify({ warnings, live: lib.shelf_live(), bad: lib.shelf_bad_uses() }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  assert.equal(r.warnings.length, 1, r.warnings.join('\n'));
  assert.match(r.warnings[0], /^wasmbind: warning: 100000 Shelf handles made in this task are not destroyed: .*\(shelf_free\)/);
  assert.equal(r.live, 0);
  assert.equal(r.bad, 0);
});
