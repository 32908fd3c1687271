// Must compile under tsc --strict: every mapping row as a user writes it.
import load, { wrap, type Library, type Item, type Counter, type Vec2Value, type Color } from '../../build/e2e/mapping.js';

async function main(): Promise<void> {
  const lib: Library = await load();
  const sum: number = lib.add(1, 2);
  const small: number = lib.m_u8(3) + lib.m_i8(-1) + lib.m_u16(1) + lib.m_i16(1) + lib.m_u32(1) + lib.m_ulong(2);
  const real: number = lib.m_f32(1) + lib.m_f64(2);
  const flag: boolean = lib.m_not(true);
  const color: Color = lib.m_next_color(lib.Color.COLOR_RED);
  const blue: 6 = lib.Color.COLOR_BLUE;
  const version: 3 = lib.MAP_VERSION;
  const ones: bigint = lib.MAP_ALL_ONES;
  const big: bigint = lib.m_add64(1n, 2) + lib.m_u64(3n);
  const n: number = lib.m_strlen('text') + lib.m_is_null(null);
  const greeting: string | null = lib.m_greeting();
  const upper: string | null = lib.m_upper('abc');
  const v: Vec2Value = lib.m_vec_add({ x: 1, y: 2 }, { x: 3, y: 4 });
  const w: number = lib.m_unwrap(lib.m_wrap(2));
  const item: Item | null = lib.m_item();
  if (item) {
    const name: string = item.name;
    item.flags = 3;
    item.pos = { x: 1, y: 2 };
    const x: number = item.pos.x;
    const label: string | null = item.label;
    const bigField: bigint = item.big;
    item.samples = [1, 2, 3];
    lib.m_item_score(item);
    lib.m_item_score(item.toObject());
    void [name, x, label, bigField];
  }
  const counter: Counter | null = lib.m_counter_new(1);
  if (counter) lib.m_counter_next(counter);
  const r: number = lib.m_apply((value: number, user: number) => value + user, 1, 0);
  const total: bigint = lib.m_each([1, 2], (x: number, label: string | null) => { void [x, label]; });
  const p: number = lib.m_alloc(4);
  lib.m_free(p);
  const dm: { quot: number; rem: number } = lib.m_divmod(7, 2);
  const parsed: { return: number; out: Vec2Value } = lib.m_parse_vec('1,2');
  const doubled: number = lib.m_double_it(2);
  const mean: number = lib.m_mean(new Float64Array([1, 2]));
  lib.m_fill(new Float64Array(3), 1);
  const bytes: number = lib.m_bytes_sum([65, 66]) + lib.m_bytes_sum(new Uint8Array(2));
  const digest: ArrayLike<number> = lib.m_digest(1).digest;
  const text: string | null = lib.m_aprintf('%d %s %f %lld', 1, 'a', 1.5, 2n);
  const name: string = lib.MAP_NAME;
  const range: Int32Array | null = lib.m_range(0, 3);
  const split: { return: number; head: string | null; tail: string | null } = lib.m_split('a,b');
  const again: Library = wrap(lib.exports);
  const size: number = lib.Item.size;
  void [sum, small, real, flag, color, blue, version, ones, big, n, greeting, upper, v, w, r, total, dm, parsed, doubled, mean, bytes, range, split, again, size, digest, text, name];
}
void main;
