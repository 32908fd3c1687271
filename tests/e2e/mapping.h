/* mapping.h: one function per row of wasmbind's default mapping table and
 * per annotation, for the end-to-end tests (mapping.test.mjs). */
#ifndef MAPPING_H
#define MAPPING_H

#include "wasmbind.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* <uchar.h>'s char16_t (the run-time generator has no libc headers) */
typedef uint_least16_t char16_t;

#define MAP_VERSION 3
#define MAP_FLAG_HIGH 0x80000000u
#define MAP_ALL_ONES 0xFFFFFFFFFFFFFFFFULL
#define MAP_SHIFTED (1 << 4 | MAP_VERSION)
#define MAP_NAME "mapping " "v3 \xe2\x9c\x93"
#define MAP_RATIO (MAP_VERSION / 4.0)

typedef enum { COLOR_RED, COLOR_GREEN = 5, COLOR_BLUE } Color;

typedef struct {
  int32_t x, y;
} Vec2;
typedef struct {
  double value;
} Wrapped; /* one scalar: passed directly */

typedef struct {
  char name[16];
  uint8_t flags;
  int16_t delta;
  uint64_t big;
  float ratio;
  Vec2 pos;
  const char *label;
  bool on;
  unsigned mode : 3;
  signed level : 5;
  double samples[3];
} Item;

typedef struct Counter Counter; /* opaque */
typedef struct Other Other;     /* opaque, another type */

/* integers, floats, booleans, enums */
int add(int a, int b);
int8_t m_i8(int8_t v);
uint8_t m_u8(uint8_t v);
int16_t m_i16(int16_t v);
uint16_t m_u16(uint16_t v);
uint32_t m_u32(uint32_t v);
unsigned long m_ulong(unsigned long v);
float m_f32(float v);
double m_f64(double v);
bool m_not(bool v);
Color m_next_color(Color c);

/* 64-bit integers */
int64_t m_add64(int64_t a, int64_t b);
uint64_t m_u64(uint64_t v);

/* strings */
size_t m_strlen(const char *s);
/* Wide strings: char16_t is UTF-16, wchar_t (4 bytes) UTF-32. */
size_t m_len16(const char16_t *s); /* code units */
size_t m_len32(const wchar_t *s);  /* code points */
const char16_t *m_hello16(void);
const wchar_t *m_hello32(void);
int m_is_null(WB_NULLABLE const char *s);
size_t m_strlen2(const char *a, const char *b);
/* Parameters named like the binding's own locals (t0, h0, key, kept...). */
size_t m_clash(const char *t0, const char *h0, int key, int kept);
/* Parameters named like the library's own names (the memory views, a
 * result local, the exports, a record reader, another function). */
int m_shadow(const char *u8, const char *r, int exports, int readVec2, int m_strlen);
const char *m_greeting(void);
/* The NUL-terminated string at an address JS chose (borrowed). */
const char *m_string_at(uintptr_t address);
const char *m_no_string(void);
WB_OWNED char *m_upper(const char *s);
WB_OWNED char *m_big_string(size_t n);
WB_FREE(m_string_free) char *m_repeat(const char *s, int times);
void m_string_free(char *s);

/* structs by value and by pointer */
Vec2 m_vec_add(Vec2 a, Vec2 b);
Wrapped m_wrap(double v);
double m_unwrap(Wrapped w);
Item *m_item(void);
int m_item_score(const Item *item);
size_t m_item_label_len(const Item *item); /* strlen(label), 0 when NULL */

/* opaque handles */
Counter *m_counter_new(int start);
int m_counter_next(Counter *c);
void m_counter_free(Counter *c);
Other *m_other_new(void);
void m_other_free(Other *o);

/* function pointers and addresses */
int m_apply(int (*fn)(int value, void *user), int x, void *user);
int64_t m_each(WB_LEN(n) const int32_t *xs, size_t n, void (*visit)(int32_t x, const char *label));
void *m_alloc(size_t n);
void m_free(void *p);

/* annotations */
void m_divmod(int a, int b, WB_OUT int *quot, WB_OUT int *rem);
int m_parse_vec(const char *text, WB_OUT Vec2 *out);
void m_double_it(WB_INOUT int *v);
double m_mean(WB_LEN(n) const double *xs, size_t n);
void m_fill(WB_LEN(n) double *out, size_t n, double v);
size_t m_bytes_sum(WB_LEN(n) const uint8_t *data, size_t n);
WB_OWNED WB_LEN(count)
int32_t *m_range(int32_t start, int32_t stop, WB_OUT size_t *count);
int m_split(const char *text, WB_OUT WB_OWNED char **head, WB_OUT WB_OWNED char **tail);
/* Traps after `depth` frames of 4 KiB each: the wasm stack pointer must be
 * back where it was after each, or the instance dies after some hundreds. */
int m_trap(int depth);
/* Names that are JS keywords, globals, runtime names or view members. */
int then(int x);
int refresh(void);
int delete (int new);
double undefined(double x);
typedef struct {
  int32_t ptr;
  double x;
} MPtrField;
double m_ptr_field(const MPtrField *p);
/* Bytes are bytes: signed and unsigned char arrays are typed arrays; only
 * char is text. */
typedef struct {
  unsigned char digest[4];
  signed char delta[2];
  char tag[4];
} MDigest;
MDigest m_digest(uint32_t seed);
int m_digest_sum(MDigest d);
/* A struct C changes through a non-const pointer: a plain object given
 * gets C's values back (a view is changed where it is). */
void m_vec_step(Vec2 *v, int32_t dx);
/* Variables of the library: getters, and setters for numbers not const. */
extern int m_calls;
extern const double m_ratio;
extern const char *m_motto;
extern char m_label[8];
extern long long m_big_count;
int m_bump(void); /* m_calls + 1, stored */
/* A callback bound "for the call" that C keeps anyway (no rule says so):
 * m_call_remembered calls it later. */
void m_remember(int (*cb)(int x));
int m_call_remembered(int x);
/* printf-like functions: the format types the variadic arguments. */
int m_format(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Caller-allocated output buffers said by annotations (as rules `output`):
 * the binding allocates `cap` bytes, and returns those C produced. */
int m_produce(WB_OUTPUT(cap) WB_OUTPUT_LENGTH(result) uint8_t *out, int cap, int value);
void m_digits(WB_OUTPUT(n) char *buf, size_t n, int value);
WB_OWNED char *m_aprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Fields named like the members every JS object has. */
typedef struct {
  int __proto__;
  int constructor;
} MProtoField;
MProtoField m_proto_make(int proto, int ctor);
int m_proto_sum(MProtoField v);
/* Bitfields wider than 32 bits: bigints both ways, 64 bits wide included. */
typedef struct {
  uint64_t all : 64;
  uint64_t wide : 40;
  int64_t neg : 36;
} MWide;
uint64_t m_wide_sum(MWide w);
/* Writes *name only when asked: left alone, it must read as NULL, never as
 * the last call's (freed) string. */
void m_maybe_name(int give, WB_OUT WB_OWNED char **name);

/* printf and fprintf(stderr) through the WASI imports, to the console */
void m_log(const char *message, int code);

/* the heap, for the leak and growth tests */
size_t m_heap_used(void);

#endif
