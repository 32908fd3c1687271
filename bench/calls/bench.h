/* bench: the C library of the call-overhead benchmark (make bench).
 *
 * Every function does little work of its own, so the time the benchmark
 * measures is mostly the cost of crossing between JavaScript and wasm. The
 * same code is compiled once into a standalone .wasm (raw exports, wasmbind's
 * bindings, the hand-written glue), once with Emscripten's JS (ccall, cwrap)
 * and once under bench_embind.cpp (embind). */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "wasmbind.h"

typedef struct {
  double x, y;
} Point;

/* a + b (wrapping). */
int add(int a, int b);
/* a + b (wrapping), 64-bit. */
int64_t add64(int64_t a, int64_t b);
/* The sum of the bytes of the NUL-terminated string s (a checksum). */
uint32_t str_sum(const char *s);
/* A new string of n bytes ("abcd...", cycling through a..z). The caller
 * frees it. */
WB_OWNED char *make_str(int n);
/* The sum of n doubles, copied in from a JS array. */
double sum_f64(WB_LEN(n) const double *xs, size_t n);
/* The same sum over n doubles already in linear memory, at address xs. */
double sum_f64_at(double *xs, size_t n);
/* Writes the point (1.5, -2.25) to *out. */
void get_point(WB_OUT Point *out);
/* The midpoint of a and b. */
Point mid(Point a, Point b);
/* Calls cb(0), cb(1), ... cb(n - 1) and returns the sum of the results. */
int each(int n, int (*cb)(int));

#endif
