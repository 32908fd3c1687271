/* declarations.h: declarators, function forms, typedefs and their canonical
 * spellings (IR reference; checked against clang by tests/clang). */
#ifndef DECLARATIONS_H
#define DECLARATIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

#define DECL_API extern
#define DECL_VERSION 0x010203
#define DECL_MAX_NAME (64 - 1)
#define DECL_FLAG(n) (1u << (n))
#define DECL_ALL (DECL_FLAG(0) | DECL_FLAG(3))
#define DECL_BIG 0xFFFFFFFFFFFFFFFFULL
#define DECL_NEG (-2147483647 - 1)
#define DECL_LONG 4294967296
#define DECL_CHAR '/'
#define DECL_SIZE (sizeof(struct decl_pair) * 2)
#define DECL_CAST ((uint8_t)300)
#define DECL_ENUM_ALIAS DECL_GREEN
#define DECL_STRING "not a constant"
#define DECL_FLOAT 1.5
#define DECL_EMPTY
#define DECL_PTR ((void *)0)

typedef unsigned char decl_byte;
typedef decl_byte *decl_bytes;
typedef const char *decl_cstr;
typedef int (*decl_cmp)(const void *, const void *);
typedef void (*(*decl_signal)(int))(int);
typedef int decl_matrix[4][2];
typedef char *decl_names[8];
typedef int (*decl_row)[4];
typedef int decl_fn(void *, const char *);
typedef int decl_knr();
typedef size_t decl_size;
typedef va_list decl_va;
typedef FILE *decl_file;
typedef int64_t decl_i64;
typedef const volatile unsigned short decl_cvus;
typedef char *const decl_const_ptr;
typedef const char *restrict decl_restrict;
typedef long long unsigned int decl_ull;
typedef _Bool decl_bool;
typedef long double decl_ld;
typedef __int128 decl_i128;

enum decl_color { DECL_RED, DECL_GREEN = 5, DECL_BLUE };

struct decl_pair { int a, b; };

DECL_API int decl_add(int a, int b);
DECL_API void decl_nothing(void);
DECL_API int decl_old();
DECL_API int decl_printf(const char *fmt, ...);
DECL_API int decl_vprintf(const char *fmt, va_list ap);
DECL_API size_t decl_hash(const decl_byte *data, size_t len, uint32_t seed);
DECL_API void decl_fill(unsigned char out[32], const int count, char name[]);
DECL_API void decl_sort(void *base, size_t n, size_t size, decl_cmp cmp);
DECL_API void decl_callback(void cb(int), int (*other)(void));
DECL_API void (*decl_handler(int sig, void (*func)(int)))(int);
DECL_API int (*decl_rows(void))[4];
DECL_API decl_cstr decl_name(const struct decl_pair *p);
DECL_API struct decl_pair decl_swap(struct decl_pair p);
DECL_API enum decl_color decl_next(enum decl_color c);
DECL_API int64_t decl_sum(const int64_t *xs, size_t n, uint64_t *out);
DECL_API double decl_scale(float f, double d, long double ld);
DECL_API FILE *decl_open(const char *restrict path, const char *restrict mode);
DECL_API int decl_unnamed(int, char *, struct decl_opaque *);
DECL_API const char *const *decl_list(int *count);
DECL_API void decl_matrix_op(decl_matrix m, int rows[static 4], const int (*cols)[2]);
DECL_API void decl_bits(_Bool b, signed char sc, unsigned short us, long l, unsigned long ul);

static inline int decl_inline_max(int a, int b) { return a > b ? a : b; }
static int decl_static_decl(int x);
int decl_dup(int first);
int decl_dup(int second);
decl_fn decl_by_typedef;
int decl_variable;
extern const char decl_table[16];

#endif
