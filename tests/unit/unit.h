/* A minimal unit test harness: CHECK records a failure and goes on. */
#ifndef UNIT_H
#define UNIT_H
#include <stdio.h>
#include <string.h>

extern int unit_passed, unit_failed;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond) {                                                                                    \
      unit_passed++;                                                                               \
    } else {                                                                                       \
      unit_failed++;                                                                               \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
    }                                                                                              \
  } while (0)

#define CHECK_STR(actual, expected)                                                                \
  do {                                                                                             \
    const char *a_ = (actual), *e_ = (expected);                                                   \
    if (a_ && e_ && strcmp(a_, e_) == 0) {                                                         \
      unit_passed++;                                                                               \
    } else {                                                                                       \
      unit_failed++;                                                                               \
      fprintf(stderr, "%s:%d: expected \"%s\"\n  got \"%s\"\n", __FILE__, __LINE__,                \
              e_ ? e_ : "(null)", a_ ? a_ : "(null)");                                             \
    }                                                                                              \
  } while (0)

/* One function per area, each in its own file, called by main.c. */
void unit_pp(void);
void unit_parse(void);
void unit_wasm(void);
void unit_core(void);
void unit_literal(void);
void unit_options(void);

#endif
