/* literal.c: the values of integer constants, character constants and the
 * characters of string literals (C11 6.4.4.1, 6.4.4.4, 6.4.5), decoded as
 * clang 14 decodes them for wasm32-unknown-emscripten in C17 (GNU binary
 * constants, \e and imaginary suffixes included). The one decoder of the
 * preprocessor's #if (pp_if.c) and of the parser (parse_expr.c).
 *
 * Nothing is reported here: a literal clang rejects comes back with clang's
 * message and the byte of its spelling the message is about (LitError), and
 * the caller reports it. Warnings clang gives (multi-character constants,
 * unknown escapes, decimal constants too large for a signed type) are not
 * given. */
#include "internal.h"
#include <stdio.h>
#include <string.h>

static bool is_digit(int c) {
  return c >= '0' && c <= '9';
}

static int hex_value(int c) {
  if (is_digit(c))
    return c - '0';
  if ((c | 32) >= 'a' && (c | 32) <= 'f')
    return (c | 32) - 'a' + 10;
  return -1;
}

static bool set_error(LitError *err, const char *spelling, const char *at, const char *fmt, ...)
    WB_PRINTF(4, 5);
static bool set_error(LitError *err, const char *spelling, const char *at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  err->at = (int)(at - spelling);
  return false;
}

/* ---- integer constants ---------------------------------------------------- */

/* Scanning a pp-number: s is its spelling, p the next byte, end its end. */
typedef struct {
  const char *s, *p, *end;
  IntLit *out;
} NumScan;

static int peek(const NumScan *n) {
  return n->p < n->end ? (unsigned char)*n->p : 0;
}

static void skip_digits(NumScan *n, int base) {
  while (n->p < n->end && hex_value(*n->p) >= 0 && hex_value(*n->p) < base)
    n->p++;
}

/* An exponent after e/E/p/P at n->p: [+-] digit+. */
static bool scan_exponent(NumScan *n) {
  const char *e = n->p++;
  if (peek(n) == '+' || peek(n) == '-')
    n->p++;
  if (!is_digit(peek(n)))
    return set_error(&n->out->err, n->s, e, "exponent has no digits");
  skip_digits(n, 10);
  return true;
}

/* The rest of a decimal floating constant from its '.' or exponent. */
static bool scan_decimal_float(NumScan *n) {
  n->out->floating = true;
  if (peek(n) == '.') {
    n->p++;
    skip_digits(n, 10);
  }
  return (peek(n) | 32) != 'e' || scan_exponent(n);
}

/* 0x...: hexadecimal digits, or a hexadecimal floating constant. */
static bool scan_hex(NumScan *n) {
  skip_digits(n, 16);
  if (peek(n) == '.') {
    n->out->floating = true;
    n->p++;
    skip_digits(n, 16);
  }
  if ((peek(n) | 32) == 'p') {
    n->out->floating = true;
    return scan_exponent(n);
  }
  if (n->out->floating)
    return set_error(&n->out->err, n->s, n->p,
                     "hexadecimal floating constant requires an exponent");
  return true;
}

/* Digits in base 2, 8 or 10 (8: a leading 0 without x or b); a decimal
 * floating constant may start like an octal one (09.5). */
static bool scan_digits(NumScan *n, int base) {
  static const char *const names[] = {[2] = "binary", [8] = "octal", [10] = "decimal"};
  skip_digits(n, base);
  if (base == 8 && is_digit(peek(n))) {
    const char *bad = n->p;
    skip_digits(n, 10);
    if (peek(n) == '.' || (peek(n) | 32) == 'e')
      return scan_decimal_float(n);
    return set_error(&n->out->err, n->s, bad, "invalid digit '%c' in octal constant", *bad);
  }
  if (base != 2 && (peek(n) == '.' || (peek(n) | 32) == 'e'))
    return scan_decimal_float(n);
  if (hex_value(peek(n)) >= 0)
    return set_error(&n->out->err, n->s, n->p, "invalid digit '%c' in %s constant", *n->p,
                     names[base]);
  return true;
}

/* The suffix after the digits: u, l, ll, GNU's imaginary i or j for an
 * integer; f, l, q (__float128), then i or j for a floating constant. A
 * well-formed size_t suffix (z, uz) is C++'s only. */
static bool scan_suffix(NumScan *n) {
  IntLit *lit = n->out;
  const char *suffix = n->p;
  bool fsuffix = false, size_t_suffix = false;
  for (; n->p < n->end; n->p++) {
    int c = *n->p, lc = c | 32;
    bool integer = !lit->floating;
    if ((lc == 'i' || lc == 'j') && !lit->imaginary) {
      lit->imaginary = true;
    } else if (!integer && (lc == 'f' || lc == 'l' || lc == 'q') && !fsuffix) {
      fsuffix = true;
      lit->float_suffix = (char)lc;
    } else if (integer && lc == 'u' && !lit->is_unsigned) {
      lit->is_unsigned = true;
    } else if (integer && lc == 'l' && !lit->longs && !size_t_suffix) {
      lit->longs = n->p + 1 < n->end && n->p[1] == c ? 2 : 1;
      n->p += lit->longs - 1;
    } else if (integer && lc == 'z' && !size_t_suffix && !lit->longs) {
      size_t_suffix = true;
    } else {
      int len = (int)(n->end - suffix) > 100 ? 100 : (int)(n->end - suffix);
      return set_error(&lit->err, n->s, suffix, "invalid suffix '%.*s' on %s constant", len, suffix,
                       integer ? "integer" : "floating");
    }
  }
  if (size_t_suffix)
    return set_error(&lit->err, n->s, n->s, "'size_t' suffix for literals is a C++2b feature");
  return true;
}

/* The value of the digits [from, to) in base; false when it overflows. */
static bool digits_value(const char *from, const char *to, int base, uint64_t *value) {
  uint64_t v = 0;
  for (const char *p = from; p < to; p++) {
    uint64_t d = (uint64_t)hex_value(*p);
    if (v > (UINT64_MAX - d) / (uint64_t)base)
      return false;
    v = v * (uint64_t)base + d;
  }
  *value = v;
  return true;
}

void lit_int(const char *s, int len, IntLit *out) {
  memset(out, 0, sizeof *out);
  NumScan n = {s, s, s + len, out};
  int base = 10;
  if (len > 2 && s[0] == '0' && (s[1] | 32) == 'x' && (hex_value(s[2]) >= 0 || s[2] == '.'))
    base = 16;
  else if (len > 2 && s[0] == '0' && (s[1] | 32) == 'b' && (s[2] == '0' || s[2] == '1'))
    base = 2;
  else if (s[0] == '0')
    base = 8;
  if (base == 16 || base == 2)
    n.p += 2;
  const char *digits = n.p;
  if (!(base == 16 ? scan_hex(&n) : scan_digits(&n, base)))
    return;
  const char *digits_end = n.p;
  if (!scan_suffix(&n) || out->floating)
    return;
  out->decimal = base == 10;
  if (!digits_value(digits, digits_end, base, &out->value))
    set_error(&out->err, s, s,
              "integer literal is too large to be represented in any integer type");
}

TypeKind lit_int_type(const IntLit *lit) {
  uint64_t v = lit->value;
  bool fits32 = v <= INT32_MAX, fitsu32 = v <= UINT32_MAX, fits64 = v <= INT64_MAX;
  int l = lit->longs;
  if (lit->is_unsigned)
    return l == 2 ? TY_ULLONG : fitsu32 ? (l ? TY_ULONG : TY_UINT) : TY_ULLONG;
  if (l == 2)
    return fits64 ? TY_LLONG : TY_ULLONG;
  if (fits32)
    return l ? TY_LONG : TY_INT;
  if (fitsu32 && !lit->decimal) /* only octal and hexadecimal constants may be unsigned */
    return l ? TY_ULONG : TY_UINT;
  return fits64 ? TY_LLONG : TY_ULLONG; /* a decimal one too large: clang's extension */
}

/* ---- characters ---------------------------------------------------------- */

LitEncoding lit_encoding(const char *s, const char **body) {
  LitEncoding e = LIT_PLAIN;
  const char *p = s;
  if (p[0] == 'u' && p[1] == '8')
    e = LIT_UTF8, p += 2;
  else if (p[0] == 'L')
    e = LIT_WIDE, p++;
  else if (p[0] == 'u')
    e = LIT_UTF16, p++;
  else if (p[0] == 'U')
    e = LIT_UTF32, p++;
  *body = p + 1;
  return e;
}

int lit_elem_size(LitEncoding e) {
  return e == LIT_UTF16 ? 2 : e == LIT_WIDE || e == LIT_UTF32 ? 4 : 1;
}

/* A well-formed UTF-8 sequence at p (before end) as a code point; its
 * length in *n, 0 when it is not one (clang's strict conversion). */
static uint32_t decode_utf8(const unsigned char *p, const unsigned char *end, int *n) {
  static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
  int k = p[0] >= 0xF0 && p[0] < 0xF8 ? 3 : p[0] >= 0xE0 ? 2 : p[0] >= 0xC0 ? 1 : -1;
  *n = 0;
  if (k < 0 || end - p <= k)
    return 0;
  uint32_t c = p[0] & (0x3Fu >> k);
  for (int i = 1; i <= k; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (p[i] & 0x3F);
  }
  if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *n = k + 1;
  return c;
}

/* \x hex-digits: at most `bits` bits of value. */
static bool read_hex_escape(const char *s, const char *bs, const char **p, const char *end,
                            int bits, uint32_t *out, LitError *err) {
  if (*p >= end || hex_value(**p) < 0)
    return set_error(err, s, bs, "\\x used with no following hex digits");
  uint64_t v = 0;
  bool overflow = false;
  for (; *p < end && hex_value(**p) >= 0; (*p)++) {
    v = (v << 4) | (uint64_t)hex_value(**p);
    overflow |= v >> bits != 0;
    v &= 0xFFFFFFFFu;
  }
  if (overflow)
    return set_error(err, s, bs, "hex escape sequence out of range");
  *out = (uint32_t)v;
  return true;
}

/* \u XXXX, \U XXXXXXXX: a code point C11 6.4.3 allows. */
static bool read_ucn(const char *s, const char *bs, const char **p, const char *end, int ndigits,
                     uint32_t *out, LitError *err) {
  uint32_t v = 0;
  for (int i = 0; i < ndigits; i++, (*p)++) {
    if (*p >= end || hex_value(**p) < 0)
      return set_error(err, s, bs, "incomplete universal character name");
    v = (v << 4) | (uint32_t)hex_value(**p);
  }
  if (v < 0xA0 && v != '$' && v != '@' && v != '`') {
    if (v < 0x20 || v >= 0x7F)
      return set_error(err, s, bs, "universal character name refers to a control character");
    return set_error(err, s, bs, "character '%c' cannot be specified by a universal character name",
                     (char)v);
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return set_error(err, s, bs, "invalid universal character");
  *out = v;
  return true;
}

/* The value of a one-letter escape (\n), or -1. */
static int simple_escape(int c) {
  switch (c) {
  case 'a': return 7;
  case 'b': return 8;
  case 'f': return 12;
  case 'n': return 10;
  case 'r': return 13;
  case 't': return 9;
  case 'v': return 11;
  case 'e':
  case 'E': return 27; /* GNU */
  default: return -1;
  }
}

/* One escape sequence at the backslash *p, for elements of `bits` bits. */
static bool read_escape(const char *s, const char **p, const char *end, int bits, LitChar *out,
                        LitError *err) {
  const char *bs = (*p)++;
  int c = *p < end ? (unsigned char)*(*p)++ : '\\';
  out->code_point = c == 'u' || c == 'U';
  if (c == 'x')
    return read_hex_escape(s, bs, p, end, bits, &out->value, err);
  if (c == 'u' || c == 'U')
    return read_ucn(s, bs, p, end, c == 'u' ? 4 : 8, &out->value, err);
  if (c >= '0' && c <= '7') {
    uint32_t v = (uint32_t)(c - '0');
    for (int i = 0; i < 2 && *p < end && **p >= '0' && **p <= '7'; i++)
      v = v * 8 + (uint32_t)(*(*p)++ - '0');
    if (bits < 32 && v >> bits)
      return set_error(err, s, bs, "octal escape sequence out of range");
    out->value = v;
    return true;
  }
  int v = simple_escape(c);
  out->value = v >= 0 ? (uint32_t)v : (uint32_t)c; /* \\ \' \" \? and unknown ones (clang warns) */
  return true;
}

bool lit_read_char(const char *s, const char **p, const char *end, LitEncoding enc, bool in_string,
                   LitChar *out, LitError *err) {
  /* Narrow strings keep their bytes; everything else reads UTF-8 as clang
   * does, to check that the character fits. */
  bool decode = !in_string || lit_elem_size(enc) > 1;
  if (**p == '\\')
    return read_escape(s, p, end, lit_elem_size(enc) * 8, out, err);
  const unsigned char *u = (const unsigned char *)*p;
  int n = 0;
  uint32_t c = u[0] >= 0x80 && decode ? decode_utf8(u, (const unsigned char *)end, &n) : 0;
  if (n) {
    out->value = c;
    out->code_point = true;
    *p += n;
    return true;
  }
  if (u[0] >= 0x80 && decode && lit_elem_size(enc) > 1)
    return set_error(err, s, s, "illegal character encoding in %s literal",
                     in_string ? "string" : "character");
  out->value = u[0]; /* ASCII, or a byte of a narrow literal as it is */
  out->code_point = false;
  (*p)++;
  return true;
}

/* The largest code point a character constant of this encoding holds. */
static uint32_t char_max(LitEncoding e) {
  return e == LIT_UTF16 ? 0xFFFF : e == LIT_WIDE || e == LIT_UTF32 ? 0xFFFFFFFF : 0x7F;
}

void lit_char(const char *s, int len, CharLit *out) {
  memset(out, 0, sizeof *out);
  const char *p, *end = s + len - 1;
  LitEncoding enc = lit_encoding(s, &p);
  out->type = enc == LIT_UTF16 ? TY_USHORT : enc == LIT_UTF32 ? TY_UINT : TY_INT;
  if (p >= end) {
    set_error(&out->err, s, s, "empty character constant");
    return;
  }
  uint32_t acc = 0;
  int n = 0;
  for (; p < end; n++) {
    LitChar c;
    if (!lit_read_char(s, &p, end, enc, false, &c, &out->err))
      return;
    if (c.code_point && c.value > char_max(enc)) {
      set_error(&out->err, s, s, "character too large for enclosing character literal type");
      return;
    }
    acc = enc == LIT_PLAIN ? (acc << 8) | (c.value & 0xFF) : c.value;
  }
  if (n > 1 && enc != LIT_PLAIN) {
    set_error(&out->err, s, s, "%s character literals may not contain multiple characters",
              enc == LIT_WIDE ? "wide" : "Unicode");
    return;
  }
  /* One plain character is a (signed) char; several make an int. */
  if (enc == LIT_PLAIN && n == 1)
    out->value = (int8_t)(uint8_t)acc;
  else if (out->type == TY_INT)
    out->value = (int32_t)acc;
  else
    out->value = acc;
}
