/* bench.c: see bench.h. */
#include "bench.h"

#include <stdlib.h>

int add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }

int64_t add64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

uint32_t str_sum(const char *s) {
  uint32_t sum = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) sum += *p;
  return sum;
}

char *make_str(int n) {
  if (n < 0) n = 0;
  char *s = malloc((size_t)n + 1);
  if (!s) return NULL;
  for (int i = 0; i < n; i++) s[i] = (char)('a' + i % 26);
  s[n] = '\0';
  return s;
}

double sum_f64(const double *xs, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += xs[i];
  return sum;
}

double sum_f64_at(double *xs, size_t n) { return sum_f64(xs, n); }

void get_point(Point *out) {
  out->x = 1.5;
  out->y = -2.25;
}

Point mid(Point a, Point b) {
  Point m = {(a.x + b.x) / 2, (a.y + b.y) / 2};
  return m;
}

int each(int n, int (*cb)(int)) {
  int sum = 0;
  for (int i = 0; i < n; i++) sum += cb(i);
  return sum;
}
