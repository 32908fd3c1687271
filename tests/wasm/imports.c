/* A binary with many imports (built as an Emscripten side module: memory,
 * table, globals, GOT entries and functions) for the wasm-objdump test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern int64_t js_wide(int64_t a, int32_t b, double c);
extern float js_float(float a);
extern void js_void(void);
extern int js_counter;

static int add_one(int x) { return x + 1; }
int (*pick(int which))(int) { return which ? add_one : abs; }

int64_t use_imports(int64_t a) {
  printf("%lld %d\n", (long long)a, js_counter);
  js_void();
  return js_wide(a, (int32_t)time(NULL), js_float(1.5f)) + (int64_t)clock();
}

double many_params(int a, int64_t b, float c, double d, int e, int64_t f, float g, double h) {
  return a + b + c + d + e + f + g + h;
}
