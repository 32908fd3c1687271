/* An inline function that is not static has an external definition in
 * the library (C99 `inline` with one `extern` declaration in a source
 * file; GNU `extern inline`, as gmp's mpz_get_ui): it is bound. A static
 * one is in no binary: not bound, and not in `exports`. */
static inline int il_helper(int x) { return x + 1; }
inline int il_c99(int x) { return x * 2; }
extern inline int il_gnu(int x) { return x * 3; }
__attribute__((gnu_inline)) extern inline int il_gnu_attr(int x) { return x * 4; }
static int il_static(int x);
int il_plain(int x);
