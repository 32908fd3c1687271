// Type-checked by counter.test.mjs (tsc --strict): the .d.ts generated from
// counter.h with counter.rules.
import load, { CounterError, type Counter, type CounterView, type Library } from '../../build/rules/counter.js';

export async function main(): Promise<number> {
  const lib: Library = await load();
  using c = lib.counter_new(1) ?? undefined;
  if (!c) return -1;
  const v: CounterView | null = c.view();
  const owner: Counter | null = v?.owner() ?? null;
  c.on_change((value: number) => { void value; }, null);
  c.on_change(() => {}, () => {});
  const n: number = c.add(2) + c.add_ex(1) + c.add_bytes(new Uint8Array([1])) + c.add_bytes(new ArrayBuffer(2));
  c.set_name('x');
  const name: string | null = c.name();
  const bytes: Uint8Array | null = c.bytes();
  try {
    c.add(-100);
  } catch (e) {
    if (e instanceof CounterError) return Number(e.code);
  }
  // @ts-expect-error a CounterView is not a Counter
  lib.counter_add(v!, 1);
  // @ts-expect-error a Counter is not a CounterView
  lib.counter_view_peek(c);
  // @ts-expect-error omitted and passed parameters are not in the signature
  c.add_ex(1, 3);
  // @ts-expect-error the callback gets the value, not the user data
  c.on_change((ud: number, value: number) => {}, null);
  return n + (owner ? 1 : 0) + (name?.length ?? 0) + (bytes?.length ?? 0);
}
