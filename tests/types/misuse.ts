// Must NOT compile: each line marked `error` is a misuse tsc has to reject.
import load from '../../build/e2e/mapping.js';

async function main(): Promise<void> {
  const lib = await load();
  lib.add('1', 2); // error
  lib.add(1); // error
  lib.m_not(1); // error
  lib.m_strlen(42); // error
  lib.m_strlen(null); // error
  const s: string = lib.m_greeting(); // error
  lib.m_vec_add({ x: 1 }, { x: 1, y: 2 }); // error
  const big: number = lib.m_add64(1n, 2n); // error
  lib.m_add64('1', 2n); // error
  const other = lib.m_other_new();
  if (other) lib.m_counter_next(other); // error
  lib.m_counter_next({ ptr: 8 }); // error
  lib.m_apply((value: string) => 1, 1, 0); // error
  lib.m_divmod(7, 2, 0, 0); // error
  const q: number = lib.m_divmod(7, 2); // error
  lib.m_mean('1,2'); // error
  lib.m_bytes_sum('AB'); // error
  lib.m_aprintf('%d', {}); // error
  const ratio: string = lib.MAP_RATIO; // error
  const c: 1 = lib.Color.COLOR_RED; // error
  lib.m_next_color(3); // error
  lib.nonexistent(); // error
  const item = lib.m_item();
  if (item) item.name = 5; // error
  void [s, big, q, c, ratio];
}
void main;
