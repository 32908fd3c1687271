/* layout.h: struct, union and enum layouts of wasm32 as clang computes
 * them: alignment, packed and aligned attributes, bitfields, anonymous and
 * nested members, flexible arrays; enum values and integer types. */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdint.h>

struct lay_basic { char c; int i; double d; short s; long long ll; char tail; };
struct lay_ptrs { char c; void *p; const char *s; int (*fn)(int); };
union lay_union { char c[5]; int i; double d; };

struct lay_bits {
  unsigned a : 3;
  unsigned b : 5;
  unsigned c : 30;
  int : 0;
  unsigned char d : 4;
  _Bool flag : 1;
  long long wide : 40;
  short : 3;
  short e : 9;
};

struct lay_bits_mix { char c; int x : 17; char d; int y : 20; };
union lay_bits_union { char a : 3; int b : 20; };

struct __attribute__((packed)) lay_packed { char c; int i; short s; double d; };
struct lay_packed_bits { char c; int b : 5; int d : 30; short s; } __attribute__((packed));
struct lay_member_packed { char c; int i __attribute__((packed)); char t; };

struct lay_aligned { char c; } __attribute__((aligned(8)));
struct lay_aligned_member { char c; int i __attribute__((aligned(16))); char t; };
struct lay_alignas { char c; _Alignas(8) char d; _Alignas(double) int e; };
typedef int lay_int2 __attribute__((aligned(2)));
typedef int lay_int16 __attribute__((aligned(16)));
struct lay_typedef_aligned { char c; lay_int2 small; lay_int16 big; };
struct lay_packed_typedef { char c; lay_int16 big; } __attribute__((packed));
struct lay_nested { char c; struct lay_aligned a; struct lay_basic b; };

struct lay_flex { short n; int items[]; };
struct lay_zero { char c; short none[0]; };

struct lay_anon {
  int kind;
  union {
    int i;
    float f;
    struct { short lo, hi; };
  };
  struct { char x, y; } point, *ppoint;
  enum { LAY_ANON_A, LAY_ANON_B } which;
  struct lay_inner { int deep; } inner;
};

typedef struct { int x, y; } lay_vec, *lay_vec_ptr;
typedef union { uint32_t u; float f; } lay_bits32;
typedef struct { struct { int k; } key; union { int v; } val; } lay_entry;
typedef const struct { int z; } lay_const_anon;

struct lay_fwd;
typedef struct lay_fwd lay_fwd_t;
struct lay_fwd { lay_fwd_t *next; struct lay_opaque *data; };

enum lay_small { LAY_S0, LAY_S1, LAY_S2 = 10, LAY_S3 };
enum lay_neg { LAY_N = -1, LAY_N0, LAY_N1 };
enum lay_big { LAY_BIG = 0x80000000 };
enum lay_huge { LAY_HUGE = 0x100000000 };
enum lay_mixed { LAY_MNEG = -1, LAY_MBIG = 0x80000000 };
enum lay_expr { LAY_E1 = 1 << 4, LAY_E2 = LAY_E1 | 3, LAY_E3 = LAY_E2 * 2 - LAY_S3, LAY_E4 = 'A', LAY_E5 = sizeof(struct lay_basic) };
enum __attribute__((packed)) lay_packed_enum { LAY_P0, LAY_P1 = 200 };
typedef enum { LAY_T0, LAY_T1 } lay_tagless_enum;
enum { LAY_PLAIN = 7 };
struct lay_with_enums { char c; enum lay_packed_enum p; enum lay_huge h; lay_tagless_enum t; };

#endif
