#include "counter.h"
#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAGIC 0xC0117E25u

struct CounterView {
  Counter *owner;
};

struct Counter {
  unsigned magic;
  int value;
  const char *error;
  CounterView view;
  void (*cb)(void *, int);
  void *ud;
  void (*release)(void *);
  int note_null;
  char *name;
  size_t name_len;
  unsigned char bytes[20];
  int step;
};

static int live, bad_frees, releases;

int counter_new(int start, Counter **out) {
  if (start < 0) {
    *out = NULL;
    return COUNTER_ERANGE;
  }
  Counter *c = calloc(1, sizeof *c);
  c->magic = MAGIC;
  c->value = start;
  c->error = "no error";
  c->view.owner = c;
  *out = c;
  live++;
  return COUNTER_OK;
}

static void release_cb(Counter *c) {
  if (c->release) {
    void (*r)(void *) = c->release;
    c->release = NULL;
    releases++;
    r(c->ud);
  } else if (c->cb) {
    releases++;
  }
  c->cb = NULL;
  c->ud = NULL;
}

void counter_free(Counter *c) {
  if (!c)
    return;
  if (c->magic != MAGIC) {
    bad_frees++;
    return;
  }
  release_cb(c);
  c->magic = 0;
  free(c->name);
  live--;
  /* Not freed: the magic must stay cleared to catch a second free. */
}

int counter_live(void) { return live; }
int counter_bad_frees(void) { return bad_frees; }
int counter_releases(void) { return releases; }

int counter_add(Counter *c, int delta) {
  if (c->value + delta < 0) {
    c->error = "counter would go negative";
    return COUNTER_ENEGATIVE;
  }
  c->value += delta;
  if (c->cb)
    c->cb(c->ud, c->value);
  return c->value;
}

int counter_value(const Counter *c) { return c->value; }
/* NULL: the binding asks about a counter_new that failed (no counter). */
const char *counter_last_error(Counter *c) { return c ? c->error : "no counter: start must be >= 0"; }

CounterView *counter_view(Counter *c) { return &c->view; }
Counter *counter_view_owner(CounterView *v) { return v->owner; }

int counter_view_reset(CounterView *v, int value) {
  if (value < 0) {
    v->owner->error = "reset to a negative value";
    return COUNTER_ERANGE;
  }
  v->owner->value = value;
  return COUNTER_OK;
}

int counter_view_peek(CounterView *v) { return v->owner->value; }

void counter_on_change(Counter *c, void (*cb)(void *ud, int value), void *ud,
                       void (*release)(void *ud)) {
  release_cb(c);
  c->cb = cb;
  c->ud = ud;
  c->release = release;
}

int counter_add_ex(Counter *c, int delta, int scale, const char *note) {
  c->note_null = note == NULL;
  return counter_add(c, delta * scale);
}

int counter_last_note_was_null(const Counter *c) { return c->note_null; }

int counter_add_bytes(Counter *c, const void *data, size_t n) {
  const unsigned char *p = data;
  int sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += p[i];
  return counter_add(c, sum);
}

void counter_set_name(Counter *c, const char *name, size_t len) {
  free(c->name);
  c->name = malloc(len + 1);
  memcpy(c->name, name, len);
  c->name[len] = '\0';
  c->name_len = len;
}

const char *counter_name(Counter *c) { return c->name ? c->name : ""; }
size_t counter_name_len(Counter *c) { return c->name_len; }

const void *counter_bytes(Counter *c) {
  unsigned v = (unsigned)c->value;
  for (int i = 0; i < 4; i++)
    c->bytes[i] = (unsigned char)(v >> (8 * i));
  for (int i = 4; i < 20; i++)
    c->bytes[i] = 0xff;
  return c->bytes;
}

int counter_bytes_len(Counter *c) { return 4 + (c->value < 16 ? c->value : 16); }

const void *counter_bytes_view(Counter *c) { return counter_bytes(c); }
int counter_bytes_view_len(Counter *c) { return counter_bytes_len(c); }

int counter_set_step(Counter *c, int step) {
  if (step <= 0 || step > 1000) {
    errno = step <= 0 ? EINVAL : ERANGE;
    return -1;
  }
  c->step = step;
  return 0;
}

int counter_step(Counter *c) {
  c->value += c->step ? c->step : 1;
  return c->value;
}

const unsigned char *counter_name_text(Counter *c) { return (const unsigned char *)counter_name(c); }
const char *counter_name_bytes(Counter *c) { return counter_name(c); }

const char *counter_maybe(int give) { return give ? "given" : NULL; }
int counter_is_null(const char *s) { return s == NULL; }

int counter_check(int v) { return v; }
int counter_is_bad(int code) { return code < -1 && code % 2 != 0; }
const char *counter_code_message(int code) { return code == -3 ? "three" : "another"; }

int counter_encode(const void *src, size_t n, unsigned char *dst, int cap) {
  if ((size_t)cap < n)
    return COUNTER_ERANGE;
  for (size_t i = 0; i < n; i++)
    dst[i] = ((const unsigned char *)src)[i] ^ 0x5a;
  return (int)n;
}

void counter_fill(unsigned char *out, size_t len) {
  for (size_t i = 0; i < len; i++)
    out[i] = (unsigned char)(i * 3);
}

int counter_describe(Counter *c, char *buf, size_t size) {
  return snprintf(buf, size, "counter at %d", c->value);
}

int counter_drain(Counter *c, int *out, int cap, int *got) {
  int n = cap < 3 ? cap : 3;
  for (int i = 0; i < n; i++)
    out[i] = c->value + i;
  *got = n;
  return 0;
}

int counter_pack(unsigned char *dest, unsigned long *dest_len, const void *src, size_t n) {
  if (*dest_len < n)
    return -5;
  memcpy(dest, src, n);
  *dest_len = n;
  return 0;
}

int counter_bound(int n) { return n + 2; }

int counter_wrap(const void *src, size_t n, unsigned char *dst, int dst_cap) {
  if ((size_t)dst_cap < n + 2)
    return -1;
  dst[0] = (unsigned char)n;
  memcpy(dst + 1, src, n);
  dst[n + 1] = 0xff;
  return (int)n + 2;
}

static size_t last_doubled;
size_t counter_last_doubled(void) { return last_doubled; }

void counter_double(unsigned char *data, size_t n) {
  last_doubled = (size_t)data;
  for (size_t i = 0; i < n; i++)
    data[i] = (unsigned char)(data[i] * 2);
}
