/* Implements lib.h for the `wasmbind check` fixtures. */
#include "lib.h"
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct Handle { char *name; };

int add(int a, int b) { return a + b; }
int64_t add64(int64_t a, int64_t b) { return a + b; }
uint64_t mix(uint32_t a, int64_t b, double c) { return (uint64_t)a ^ (uint64_t)b ^ (uint64_t)c; }
double scale(double v, float by, char c, short s, bool flag) { return flag ? v * by + c + s : v; }
void nothing(void) {}
Vec2 vec2_make(double x, double y) { Vec2 v = {x, y}; return v; }
double vec2_len(Vec2 v) { return sqrt(v.x * v.x + v.y * v.y); }
float unwrap(Wrapped w) { return w.value; }
Wrapped wrap_f(float f) { Wrapped w = {f}; return w; }
int64_t wide_get(Wide w) { return w.big[0]; }
long double quad_add(long double a, Quad q) { return a + q.ld; }
int empty_arg(Empty e, int x) { (void)e; return x; }
int one_int(OneInt u) { return u.i; }
Color next_color(Color c) { return (Color)((c + 1) % 3); }
Handle *handle_new(const char *name) {
  Handle *h = malloc(sizeof *h);
  h->name = strdup(name);
  return h;
}
char *handle_name(const Handle *h) { return strdup(h->name); }
void handle_free_name(char *name) { free(name); }
void handle_release(Handle *h) { free(h->name); free(h); }
int sum_ints(int count, ...) {
  va_list ap;
  va_start(ap, count);
  int sum = 0;
  for (int i = 0; i < count; i++)
    sum += va_arg(ap, int);
  va_end(ap);
  return sum;
}
size_t text_length(const char *s) { return strlen(s); }
