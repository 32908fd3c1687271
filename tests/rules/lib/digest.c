#include "digest.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int last_nulls;
static uint32_t last_lengths[4];

static int sum_of(const dg_params *p) {
  int sum = 0;
  last_nulls = (p->key == NULL) | (p->label == NULL) << 1 | (p->data == NULL) << 2 |
               (p->weights == NULL) << 3 | (p->out == NULL) << 4;
  last_lengths[0] = p->keylen;
  last_lengths[1] = (uint32_t)p->labellen;
  last_lengths[2] = (uint32_t)p->datalen;
  last_lengths[3] = p->nweights;
  for (uint32_t i = 0; p->key && i < p->keylen; i++)
    sum += p->key[i];
  for (size_t i = 0; p->label && i < p->labellen; i++)
    sum += (unsigned char)p->label[i];
  for (uint64_t i = 0; p->data && i < p->datalen; i++)
    sum += ((const unsigned char *)p->data)[i];
  for (uint16_t i = 0; p->weights && i < p->nweights; i++)
    sum += (int)p->weights[i];
  return sum;
}

int dg_mix(dg_params *p) {
  int sum = sum_of(p);
  if (!p->out)
    return -1;
  for (uint32_t i = 0; i < p->outlen; i++)
    p->out[i] = (uint8_t)(sum + (int)i);
  if (p->flags & (DG_CLEAR_KEY | DG_WIPE_KEY) && p->key)
    memset(p->key, 0, p->keylen);
  if (p->flags & DG_WIPE_KEY)
    p->keylen = 0;
  return sum;
}

int dg_sum(const dg_params *p) {
  return sum_of(p);
}

int dg_last_nulls(void) {
  return last_nulls;
}

uint32_t dg_last_lengths(int which) {
  return which >= 0 && which < 4 ? last_lengths[which] : 0;
}

int dg_consume(dg_stream *s, uint32_t n) {
  if (n > s->avail_in)
    n = s->avail_in;
  for (uint32_t i = 0; i < n; i++)
    s->total += s->next_in[i];
  s->next_in += n;
  s->avail_in -= n;
  return (int)n;
}

static dg_params saved;

dg_params *dg_saved(void) {
  return &saved;
}

uint8_t *dg_scratch(uint32_t n) {
  return malloc(n ? n : 1);
}

void dg_split(const char *text, dg_visitor visit, void *ud) {
  const char *words[16];
  char copy[256];
  int n = 0;
  size_t len = strlen(text);
  if (len >= sizeof copy)
    len = sizeof copy - 1;
  memcpy(copy, text, len);
  copy[len] = 0;
  for (char *w = strtok(copy, " "); w && n < 15; w = strtok(NULL, " "))
    words[n++] = w;
  words[n] = NULL;
  visit(ud, words, text, (int)strlen(text));
}

void dg_split_bytes(const char *text, dg_visitor visit, void *ud) {
  dg_split(text, visit, ud);
}

static double vsum(const char *kinds, va_list ap) {
  double sum = 0;
  for (const char *k = kinds; *k; k++)
    switch (*k) {
    case 'i': sum += va_arg(ap, int); break;
    case 'u': sum += va_arg(ap, unsigned); break;
    case 'd': sum += va_arg(ap, double); break;
    case 'j': sum += (double)va_arg(ap, long long); break;
    case 's': sum += (double)strlen(va_arg(ap, const char *)); break;
    case 'p': sum += va_arg(ap, void *) == NULL; break;
    }
  return sum;
}

double dg_vsum(const char *kinds, ...) {
  va_list ap;
  va_start(ap, kinds);
  double sum = vsum(kinds, ap);
  va_end(ap);
  return sum;
}

double dg_vsum3(int unused, ...) {
  va_list ap;
  va_start(ap, unused);
  double sum = vsum("ids", ap);
  va_end(ap);
  return sum;
}

int dg_join(int n, dg_namer name_of, void *ud, char *out, int cap) {
  int len = 0;
  out[0] = 0;
  for (int i = 0; i < n; i++) {
    const char *s = name_of(ud, i);
    if (!s)
      s = "?";
    len += snprintf(out + len, (size_t)(cap > len ? cap - len : 0), "%s%s", i ? "," : "", s);
    if (len >= cap)
      len = cap - 1;
  }
  return len;
}

static dg_namer the_namer;
static void *the_namer_ud;

void dg_set_namer(dg_namer name_of, void *ud) {
  the_namer = name_of;
  the_namer_ud = ud;
}

int dg_name_len(int i) {
  const char *s = the_namer ? the_namer(the_namer_ud, i) : NULL;
  return s ? (int)strlen(s) : -1;
}

int dg_drain(const dg_source *src) {
  int sum = 0;
  for (int i = 0; i < src->count; i++)
    sum += src->next(src->ud, i);
  return sum;
}

int dg_drain_value(dg_source src) {
  return dg_drain(&src);
}

double dg_span_total(int n, dg_span (*span_of)(int i)) {
  double total = 0;
  for (int i = 0; i < n; i++) {
    dg_span s = span_of(i);
    total += (s.end - s.start) * s.weight;
  }
  return total;
}

dg_params *dg_params_new(void) {
  return calloc(1, sizeof(dg_params));
}

dg_box *dg_box_new(void) {
  return calloc(1, sizeof(dg_box));
}

void dg_box_free(dg_box *box) {
  free(box);
}

void dg_params_free_with(int unused, dg_params *p) {
  (void)unused;
  free(p);
}

void dg_take(dg_params *p) {
  free(p);
}

int dg_mix_saved(void) {
  return dg_mix(&saved);
}
