/* buf.c: growable strings for the outputs (JS, .d.ts, IR, diagnostics).
 * They are malloc'ed, not in the arena, because they outlive the run. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool buf_reserve(Buf *b, size_t extra) {
  if (b->oom)
    return false;
  if (b->len + extra + 1 <= b->cap)
    return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *data = realloc(b->data, cap);
  if (!data) {
    b->oom = true;
    return false;
  }
  b->data = data;
  b->cap = cap;
  return true;
}

void buf_putn(Buf *b, const char *s, size_t n) {
  if (!buf_reserve(b, n))
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_putc(Buf *b, char c) {
  buf_putn(b, &c, 1);
}

void buf_puts(Buf *b, const char *s) {
  buf_putn(b, s, strlen(s));
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0 || !buf_reserve(b, (size_t)n))
    return;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void buf_put_json_string(Buf *b, const char *s) {
  buf_putc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': buf_puts(b, "\\\""); break;
    case '\\': buf_puts(b, "\\\\"); break;
    case '\n': buf_puts(b, "\\n"); break;
    case '\t': buf_puts(b, "\\t"); break;
    case '\r': buf_puts(b, "\\r"); break;
    default:
      if (*p < 0x20)
        buf_printf(b, "\\u%04x", *p);
      else
        buf_putc(b, (char)*p);
    }
  }
  buf_putc(b, '"');
}

char *buf_take(Buf *b) {
  char *s = b->data;
  if (!s)
    s = calloc(1, 1);
  b->data = NULL;
  b->len = b->cap = 0;
  b->oom = false;
  return s;
}

void buf_release(Buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
