/* digest.h: a toy keyed checksum whose parameters travel in structs of
 * pointers and lengths, as argon2_context and z_stream do. Bound through
 * digest.rules (tests/rules/buffers.test.mjs). */
#ifndef DIGEST_H
#define DIGEST_H
#include <stddef.h>
#include <stdint.h>

#define DG_CLEAR_KEY 1u /* dg_mix zeroes the key after use */
#define DG_WIPE_KEY 2u  /* ... and sets keylen to 0, as argon2 clears a password */

typedef struct dg_params {
  uint8_t *out;  /* written by dg_mix: out[i] = (sum + i) & 255 */
  uint32_t outlen;
  uint8_t *key; /* the sum of its bytes counts; cleared with DG_CLEAR_KEY */
  uint32_t keylen;
  const char *label; /* UTF-8, NULs allowed: the sum of its bytes counts */
  size_t labellen;
  const void *data; /* any bytes: the sum counts */
  uint64_t datalen;
  const double *weights; /* the sum of their integer parts counts */
  uint16_t nweights;
  unsigned flags;
} dg_params;

/* Fills p->out; returns the sum, or -1 when p->out is NULL. */
int dg_mix(dg_params *p);
/* The sum dg_mix would use, reading only. */
int dg_sum(const dg_params *p);
/* What the last dg_mix or dg_sum saw: NULL pointers, lengths (keylen, labellen, datalen, nweights). */
int dg_last_nulls(void);
uint32_t dg_last_lengths(int which);

/* Streaming, as z_stream: dg_consume takes up to n bytes of next_in,
 * advancing it and counting down avail_in, and adds them to total. */
typedef struct {
  const uint8_t *next_in;
  uint32_t avail_in;
  uint32_t total;
} dg_stream;
int dg_consume(dg_stream *s, uint32_t n);

/* The library's own parameters block (a view), and a scratch buffer it
 * allocates (a view of linear memory) for it to point at. */
dg_params *dg_saved(void);
uint8_t *dg_scratch(uint32_t n);
int dg_mix_saved(void);

/* Calls visit once with the words of text, a NULL-terminated list (as
 * expat's attributes), and the text with its length in bytes. */
typedef void (*dg_visitor)(void *ud, const char **words, const char *text, int len);
void dg_split(const char *text, dg_visitor visit, void *ud);
void dg_split_bytes(const char *text, dg_visitor visit, void *ud);

/* Variadic functions without a format, as sqlite3_db_config: dg_vsum
 * reads its arguments as `kinds` says ('i' int, 'u' unsigned, 'd' double,
 * 'j' long long, 's' a string: its length, 'p' a pointer: 1 if NULL) and
 * sums them (rules `varargs`: typed by the JS values); dg_vsum3 takes an
 * int, a double and a string (rules `varargs int double string`). */
double dg_vsum(const char *kinds, ...);
double dg_vsum3(int unused, ...);

/* Callbacks that return strings: dg_join calls name_of(i) for i < n and
 * joins what it returns with ','; dg_set_namer keeps one until replaced,
 * which dg_name(i) calls. A string a callback returns is C's to read until
 * that callback's next call. */
typedef const char *(*dg_namer)(void *ud, int i);
int dg_join(int n, dg_namer name_of, void *ud, char *out, int cap);
void dg_set_namer(dg_namer name_of, void *ud);
int dg_name_len(int i);

/* A struct with a callback field, as tree-sitter's TSInput: dg_drain
 * calls next(ud, i) for i < count and sums the results. */
typedef struct {
  int (*next)(void *ud, int i);
  void *ud;
  int count;
} dg_source;
int dg_drain(const dg_source *src);
int dg_drain_value(dg_source src);

/* A callback returning a struct by value: dg_span_total calls span_of(i)
 * for i < n and sums the spans' lengths (end - start). */
typedef struct {
  int start, end;
  double weight;
} dg_span;
double dg_span_total(int n, dg_span (*span_of)(int i));

/* Functions that free the struct they are given, as XML_FreeContentModel
 * frees its second argument: named so (a free, destroy, dispose, release or
 * delete in the name), or said by a rule (`consumed`). */
dg_params *dg_params_new(void);
/* A struct holding one: a view of it has views of its parts. */
typedef struct {
  dg_params params;
  int extra;
} dg_box;
dg_box *dg_box_new(void);
void dg_box_free(dg_box *box);
void dg_params_free_with(int unused, dg_params *p);
void dg_take(dg_params *p);

#endif
