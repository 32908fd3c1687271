/* mapping.c: the implementation behind mapping.h. */
#include "mapping.h"
#include <ctype.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int add(int a, int b) {
  return a + b;
}
int8_t m_i8(int8_t v) {
  return (int8_t)(v - 1);
}
uint8_t m_u8(uint8_t v) {
  return (uint8_t)(v + 1);
}
int16_t m_i16(int16_t v) {
  return (int16_t)(v - 1);
}
uint16_t m_u16(uint16_t v) {
  return (uint16_t)(v + 1);
}
uint32_t m_u32(uint32_t v) {
  return v + 1;
}
unsigned long m_ulong(unsigned long v) {
  return v * 2;
}
float m_f32(float v) {
  return v / 2;
}
double m_f64(double v) {
  return v * 1.5;
}
bool m_not(bool v) {
  return !v;
}
Color m_next_color(Color c) {
  return c == COLOR_RED ? COLOR_GREEN : c == COLOR_GREEN ? COLOR_BLUE : COLOR_RED;
}

int64_t m_add64(int64_t a, int64_t b) {
  return a + b;
}
uint64_t m_u64(uint64_t v) {
  return ~v;
}

size_t m_strlen(const char *s) {
  return strlen(s);
}
int m_is_null(const char *s) {
  return s == NULL;
}
size_t m_strlen2(const char *a, const char *b) {
  return strlen(a) * 1000 + strlen(b);
}
size_t m_clash(const char *t0, const char *h0, int key, int kept) {
  return strlen(t0) * 1000 + strlen(h0) * 100 + (size_t)(key * 10 + kept);
}
int m_shadow(const char *u8, const char *r, int exports, int readVec2, int m_strlen) {
  return (int)strlen(u8) * 10000 + (int)strlen(r) * 1000 + exports * 100 + readVec2 * 10 + m_strlen;
}
const char *m_greeting(void) {
  return "héllo, wörld";
}
const char *m_string_at(uintptr_t address) {
  return (const char *)address;
}
const char *m_no_string(void) {
  return NULL;
}

char *m_upper(const char *s) {
  size_t n = strlen(s);
  char *out = malloc(n + 1);
  if (!out)
    return NULL;
  for (size_t i = 0; i <= n; i++)
    out[i] = (char)toupper((unsigned char)s[i]);
  return out;
}

char *m_big_string(size_t n) {
  char *out = malloc(n + 1);
  for (size_t i = 0; i < n; i++)
    out[i] = (char)('a' + i % 26);
  out[n] = '\0';
  return out;
}

char *m_repeat(const char *s, int times) {
  /* robust C: the glue fuzzer gives it any int (tests/fuzz/glue.test.mjs) */
  if (!s || times < 0 || times > (1 << 20))
    return NULL;
  size_t n = strlen(s);
  char *out = malloc(n * (size_t)times + 1);
  if (!out)
    return NULL;
  for (int i = 0; i < times; i++)
    memcpy(out + n * (size_t)i, s, n);
  out[n * (size_t)times] = '\0';
  return out;
}
void m_string_free(char *s) {
  free(s);
}

Vec2 m_vec_add(Vec2 a, Vec2 b) {
  return (Vec2){a.x + b.x, a.y + b.y};
}
Wrapped m_wrap(double v) {
  return (Wrapped){v};
}
double m_unwrap(Wrapped w) {
  return w.value;
}

static Item the_item = {"first", 7, -3, 1ull << 40, 0.5f, {1, 2}, "label", true, 5, -7, {1, 2, 3}};
Item *m_item(void) {
  return &the_item;
}
int m_item_score(const Item *item) {
  return item->flags + item->delta + item->pos.x * 10 + item->pos.y * 100 + (int)item->mode +
         item->level + (item->on ? 1000 : 0) + (int)item->samples[2];
}

size_t m_len16(const char16_t *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

size_t m_len32(const wchar_t *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

const char16_t *m_hello16(void) {
  return u"h\u00e9llo \U0001F30D";
}

const wchar_t *m_hello32(void) {
  return L"h\u00e9llo \U0001F30D";
}

size_t m_item_label_len(const Item *item) {
  return item->label ? strlen(item->label) : 0;
}

struct Counter {
  int next;
};
struct Other {
  int unused;
};
Counter *m_counter_new(int start) {
  Counter *c = malloc(sizeof *c);
  c->next = start;
  return c;
}
int m_counter_next(Counter *c) {
  return c->next++;
}
void m_counter_free(Counter *c) {
  free(c);
}
Other *m_other_new(void) {
  return calloc(1, sizeof(Other));
}
void m_other_free(Other *o) {
  free(o);
}

int m_apply(int (*fn)(int, void *), int x, void *user) {
  return fn(x, user) + 1;
}
int64_t m_each(const int32_t *xs, size_t n, void (*visit)(int32_t, const char *)) {
  int64_t sum = 0;
  for (size_t i = 0; i < n; i++) {
    sum += xs[i];
    if (visit)
      visit(xs[i], xs[i] % 2 ? "odd" : "even");
  }
  return sum;
}
void *m_alloc(size_t n) {
  return malloc(n);
}
void m_free(void *p) {
  free(p);
}

void m_divmod(int a, int b, int *quot, int *rem) {
  *quot = a / b;
  *rem = a % b;
}
int m_parse_vec(const char *text, Vec2 *out) {
  return sscanf(text, "%d,%d", &out->x, &out->y) == 2 ? 0 : -1;
}
void m_double_it(int *v) {
  *v *= 2;
}
double m_mean(const double *xs, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += xs[i];
  return n ? sum / (double)n : 0;
}
void m_fill(double *out, size_t n, double v) {
  for (size_t i = 0; i < n; i++)
    out[i] = v * (double)i;
}
size_t m_bytes_sum(const uint8_t *data, size_t n) {
  size_t sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += data[i];
  return sum;
}
int32_t *m_range(int32_t start, int32_t stop, size_t *count) {
  size_t n = stop > start ? (size_t)((int64_t)stop - start) : 0;
  int32_t *out = n <= (1 << 24) ? malloc(n * sizeof *out + 1) : NULL;
  *count = 0;
  if (!out)
    return NULL;
  for (size_t i = 0; i < n; i++)
    out[i] = start + (int32_t)i;
  *count = n;
  return out;
}
int m_split(const char *text, char **head, char **tail) {
  const char *comma = strchr(text, ',');
  if (!comma)
    return -1;
  *head = strndup(text, (size_t)(comma - text));
  *tail = strdup(comma + 1);
  return 0;
}

int m_trap(int depth) {
  volatile char frame[4096];
  frame[0] = (char)depth;
  if (depth == 0)
    __builtin_trap();
  return m_trap(depth - 1) + frame[0];
}
int then(int x) {
  return x + 1;
}
int refresh(void) {
  return 42;
}
int delete (int new) {
  return -new;
}
double undefined(double x) {
  return x * 2;
}
double m_ptr_field(const MPtrField *p) {
  return p->ptr + p->x;
}
uint64_t m_wide_sum(MWide w) {
  return w.all + w.wide + (uint64_t)w.neg;
}

void m_maybe_name(int give, char **name) {
  if (give)
    *name = strdup("given");
}

void m_log(const char *message, int code) {
  printf("log: %s (%d)\n", message, code);
  fflush(stdout);
  fprintf(stderr, "warn: %s\n", message);
}

size_t m_heap_used(void) {
  return mallinfo().uordblks;
}

MProtoField m_proto_make(int proto, int ctor) { return (MProtoField){proto, ctor}; }
int m_proto_sum(MProtoField v) { return v.__proto__ * 10 + v.constructor; }

MDigest m_digest(uint32_t seed) {
  MDigest d = {{0}, {-1, 1}, "ab"};
  for (int i = 0; i < 4; i++)
    d.digest[i] = (unsigned char)(seed >> (8 * i));
  return d;
}

int m_digest_sum(MDigest d) {
  int sum = (int)strlen(d.tag);
  for (int i = 0; i < 4; i++)
    sum += d.digest[i];
  return sum + d.delta[0] + d.delta[1];
}

int m_produce(uint8_t *out, int cap, int value) {
  int n = cap < 3 ? cap : 3;
  for (int i = 0; i < n; i++)
    out[i] = (uint8_t)(value + i);
  return n;
}

void m_digits(char *buf, size_t n, int value) {
  snprintf(buf, n, "%d", value);
}

int m_format(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return r;
}

char *m_aprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return NULL; /* EOVERFLOW: more than INT_MAX characters */
  char *s = malloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}

static int (*remembered)(int);
void m_remember(int (*cb)(int x)) { remembered = cb; }
int m_call_remembered(int x) { return remembered ? remembered(x) : -1; }

int m_calls = 3;
const double m_ratio = 0.25;
const char *m_motto = "small is fast";
char m_label[8] = "tag";
long long m_big_count = 1LL << 40;
int m_bump(void) { return ++m_calls; }

void m_vec_step(Vec2 *v, int32_t dx) {
  v->x += dx;
  v->y = -v->y;
}
