// bench_embind.cpp: the functions of bench.h bound with embind, for the
// call-overhead benchmark (make bench). Each binding calls the C function
// in bench.c; only the conversions are embind's: std::string for strings,
// value_object for Point, a JS array or typed array copied in through
// convertJSArrayToNumberVector, emscripten::val for the callback.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" {
#include "bench.h"
}

using namespace emscripten;

namespace {

uint32_t str_sum_s(const std::string &s) { return str_sum(s.c_str()); }

// The C string is copied into a std::string, which embind converts to JS.
std::string make_str_s(int n) {
  char *p = make_str(n);
  std::string s(p ? p : "");
  free(p);
  return s;
}

double sum_f64_v(const val &xs) {
  std::vector<double> v = convertJSArrayToNumberVector<double>(xs);
  return sum_f64(v.data(), v.size());
}

// Zero-copy: the doubles are already in linear memory, at address xs.
double sum_f64_at_p(uintptr_t xs, size_t n) {
  return sum_f64_at(reinterpret_cast<double *>(xs), n);
}

Point get_point_v() {
  Point p;
  get_point(&p);
  return p;
}

int each_v(int n, val cb) {
  int sum = 0;
  for (int i = 0; i < n; i++) sum += cb(i).as<int>();
  return sum;
}

}  // namespace

EMSCRIPTEN_BINDINGS(bench) {
  value_object<Point>("Point").field("x", &Point::x).field("y", &Point::y);
  function("add", &add);
  function("add64", &add64);
  function("str_sum", &str_sum_s);
  function("make_str", &make_str_s);
  function("sum_f64", &sum_f64_v);
  function("sum_f64_at", &sum_f64_at_p);
  function("get_point", &get_point_v);
  function("mid", &mid);
  function("each", &each_v);
}
