/* counter.h: a tiny C library bound only through counter.rules (no
 * annotations here), for tests/rules/counter.test.mjs. */
#ifndef COUNTER_H
#define COUNTER_H
#include <stddef.h>

#define COUNTER_OK 0
#define COUNTER_ERANGE (-1)
#define COUNTER_ENEGATIVE (-2)

typedef struct Counter Counter;
typedef struct CounterView CounterView;

/* Constructor: COUNTER_ERANGE and *out = NULL when start < 0. */
int counter_new(int start, Counter **out);
void counter_free(Counter *c);
/* Counters alive, frees of a dead or unknown pointer (should stay 0). */
int counter_live(void);
int counter_bad_frees(void);

/* Adds delta; returns the new value, or COUNTER_ENEGATIVE (and the value is
 * unchanged) when it would go below 0. Calls the change callback. */
int counter_add(Counter *c, int delta);
int counter_value(const Counter *c);
const char *counter_last_error(Counter *c);

/* A view: owned by its counter, the same pointer each time. */
CounterView *counter_view(Counter *c);
Counter *counter_view_owner(CounterView *v);
/* Sets the counter's value; COUNTER_ERANGE when value < 0. */
int counter_view_reset(CounterView *v, int value);
int counter_view_peek(CounterView *v);

/* The change callback, kept until C calls release(ud): when replaced, or by
 * counter_free. */
void counter_on_change(Counter *c, void (*cb)(void *ud, int value), void *ud,
                       void (*release)(void *ud));
int counter_releases(void);

/* Adds delta * scale; records whether note was NULL. */
int counter_add_ex(Counter *c, int delta, int scale, const char *note);
int counter_last_note_was_null(const Counter *c);

/* Adds the sum of n bytes. */
int counter_add_bytes(Counter *c, const void *data, size_t n);
/* A name of len bytes (NULs included). */
void counter_set_name(Counter *c, const char *name, size_t len);
const char *counter_name(Counter *c);
size_t counter_name_len(Counter *c);
/* The value's 4 bytes, little-endian, then one 0xff per unit of the value
 * (up to 16). */
const void *counter_bytes(Counter *c);
int counter_bytes_len(Counter *c);
/* The same bytes, for a zero-copy view (rules `view`): valid until the
 * counter changes. */
const void *counter_bytes_view(Counter *c);
int counter_bytes_view_len(Counter *c);

/* The name again, as unsigned char (rules `text`: a string), and as
 * bytes with its length (rules `bytes`: a Uint8Array). */
const unsigned char *counter_name_text(Counter *c);
const char *counter_name_bytes(Counter *c);

/* "given" when give is not 0, else NULL (rules `nonnull`: an error);
 * whether s is NULL (rules `nonnull` on s: null is refused). */
const char *counter_maybe(int give);
int counter_is_null(const char *s);

/* Returns v; a predicate on such results (odd ones below -1 are errors),
 * and each code's message (rules `error if F`, `message F` by code). */
int counter_check(int v);
int counter_is_bad(int code);
const char *counter_code_message(int code);

/* Caller-allocated output buffers (rules `output CAP, length L`):
 * counter_encode writes n bytes of src xor 0x5a into dst and returns n, or
 * COUNTER_ERANGE when cap < n; counter_fill writes len bytes 0, 3, 6...;
 * counter_describe is snprintf-like (returns the length it would write);
 * counter_drain writes up to cap ints value, value+1... and their count. */
int counter_encode(const void *src, size_t n, unsigned char *dst, int cap);
void counter_fill(unsigned char *out, size_t len);
int counter_describe(Counter *c, char *buf, size_t size);
int counter_drain(Counter *c, int *out, int cap, int *got);
/* zlib's shape: *dest_len is the capacity in, the length out; -5 (and
 * nothing written) when it is too small. */
int counter_pack(unsigned char *dest, unsigned long *dest_len, const void *src, size_t n);
/* LZ4's shape: a size function gives the capacity (n + 2), which C gets in
 * dst_cap; counter_wrap writes n, the bytes, 0xff, and returns the count. */
int counter_bound(int n);
int counter_wrap(const void *src, size_t n, unsigned char *dst, int dst_cap);
/* Doubles n bytes in place (an in-place buffer: copied back, or written
 * where it is when it already is in linear memory). */
void counter_double(unsigned char *data, size_t n);
/* The address counter_double last got (a number: rules say nothing). */
size_t counter_last_doubled(void);

/* Sets how much counter_step adds: -1 with errno EINVAL when step <= 0,
 * ERANGE when step > 1000 (rules `error if negative, errno`). */
int counter_set_step(Counter *c, int step);
int counter_step(Counter *c);
/* libc's, for the errno messages */
char *strerror(int errnum);
#endif
