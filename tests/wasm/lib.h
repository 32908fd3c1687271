/* The header of the `wasmbind check` fixtures: one function of each shape
 * the wasm32 C ABI lowers differently. lib.c implements it. */
#ifndef LIB_H
#define LIB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "wasmbind.h"

typedef struct { double x, y; } Vec2;        /* by pointer to a copy; sret */
typedef struct { float value; } Wrapped;     /* passed as its one f32 */
typedef struct { int64_t big[1]; } Wide;     /* passed as its one i64 */
typedef struct { long double ld; } Quad;     /* passed as two i64 */
typedef struct { } Empty;                    /* not passed at all */
typedef union { int32_t i; } OneInt;         /* a union of one int: an i32 */
typedef struct Handle Handle;                /* opaque */
typedef enum { RED, GREEN, BLUE } Color;

int add(int a, int b);
int64_t add64(int64_t a, int64_t b);
uint64_t mix(uint32_t a, int64_t b, double c);
double scale(double v, float by, char c, short s, bool flag);
void nothing(void);
Vec2 vec2_make(double x, double y);
double vec2_len(Vec2 v);
float unwrap(Wrapped w);
Wrapped wrap_f(float f);
int64_t wide_get(Wide w);
long double quad_add(long double a, Quad q);
int empty_arg(Empty e, int x);
int one_int(OneInt u);
Color next_color(Color c);
Handle *handle_new(const char *name);
WB_FREE(handle_free_name) char *handle_name(const Handle *h);
void handle_release(Handle *h);
int sum_ints(int count, ...);
size_t text_length(const char *s);
static inline int twice(int x) { return 2 * x; }

#endif
