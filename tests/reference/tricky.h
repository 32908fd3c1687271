/* tricky.h: declarations as real headers write them: attributes in every
 * place, GNU and C11 extensions, odd declarators, macros making code. */
#ifndef TRICKY_H
#define TRICKY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TR_API __attribute__((visibility("default")))
#define TR_DEPRECATED(msg) __attribute__((deprecated(msg)))
#define TR_STRUCT(name) struct name { int id; }
#define TR_COUNT(a) (sizeof(a) / sizeof((a)[0]))

TR_STRUCT(tr_made);
__extension__ typedef long long tr_ll;
typedef int tr_i8 __attribute__((mode(QI)));
typedef unsigned tr_u64 __attribute__((__mode__(__DI__)));
typedef __typeof__(sizeof(int)) tr_size;
typedef __typeof__(((struct tr_made *)0)->id) tr_id_type;
typedef _Atomic(int) tr_atomic;
typedef _Atomic int tr_atomic2;
typedef int tr_array3[3];
typedef const tr_array3 tr_const_array3;
typedef struct tr_node tr_node;
typedef void (*tr_visit)(tr_node *node, void *user);
typedef int (*tr_table[4])(const char *, ...);

_Static_assert(sizeof(tr_ll) == 8, "long long is 8 bytes");
_Static_assert(TR_COUNT((int[5]){0}) == 5 || 1, "not evaluated");

struct tr_node {
  struct tr_node *next, *prev;
  tr_visit visit;
  union {
    struct { uint16_t lo, hi; } half;
    uint32_t whole;
    unsigned char bytes[4];
  } u;
  unsigned flags : 4, : 2, kind : 2;
  char name[16 + 1];
  void *children[];
};

struct __attribute__((__packed__, __aligned__(4))) tr_packed_aligned { char c; int i; };
struct tr_fn_ptrs {
  int (*cmp)(const void *a, const void *b);
  void (*(*factory)(int))(void);
  const char *(*names)[3];
  int (*matrix)[2][3];
};

enum tr_fixed : unsigned char { TR_F0, TR_F1 = 200 };
enum tr_bits { TR_B0 = 1 << 0, TR_B1 = 1 << 1, TR_BALL = TR_B0 | TR_B1, TR_NEG = ~0 };
enum { TR_ANON_FIRST = -3, TR_ANON_NEXT };

TR_API int tr_visible(int x) __attribute__((warn_unused_result));
TR_API TR_DEPRECATED("use tr_visible") int tr_old(void);
__attribute__((noreturn)) void tr_abort(const char *why);
void __attribute__((nonnull(1))) tr_walk(tr_node *root, tr_visit visit, void *user);
int tr_printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
extern int (tr_paren)(int (a));
int tr_array_params(int a[restrict 4], const char names[const][8], int n, double m[static n]);
void tr_register(register int r);
tr_visit tr_get_visitor(int kind);
struct tr_made tr_make(void);
int tr_atomic_get(const _Atomic int *p);
unsigned long tr_strlen(const char *s) __asm__("tr_strlen_impl");
static inline __attribute__((always_inline)) int tr_square(int x) { struct { int v; } box = { x }; return box.v * box.v; }
static __inline__ tr_ll tr_widen(int x) { return (tr_ll)x; }
void tr_proto_tag(struct tr_later *p);
struct tr_later { int v; };
int tr_knr();
int tr_void_typedef(void);

#ifdef __cplusplus
}
#endif

#endif
