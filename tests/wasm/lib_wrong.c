/* lib.c with two definitions that disagree with lib.h (built without it):
 * scale takes a float where the header says double, and add64 returns an
 * int where the header says int64_t. The rest comes from lib.c. */
#define scale scale_unused
#define add64 add64_unused
#include "lib.c"
#undef scale
#undef add64
double scale(float v, float by, char c, short s, bool flag);
double scale(float v, float by, char c, short s, bool flag) { return flag ? v * by + c + s : v; }
int add64(int64_t a, int64_t b);
int add64(int64_t a, int64_t b) { return (int)(a + b); }
