/* tokenize.c: C11 preprocessing tokens with their locations.
 *
 * A file is tokenized once per inclusion, all at once, into a list ending in
 * TK_EOF. Line splices (backslash-newline, also with blanks before the newline
 * as gcc and clang accept) may appear anywhere, inside tokens included: the
 * scanner looks through them, and a token that contains one gets a cleaned
 * copy of its spelling. Comments become white space. An unterminated string or
 * character literal becomes a TK_OTHER token running to the end of the line;
 * it is an error only where the preprocessor uses it (clang does the same, so
 * an apostrophe in a skipped #if block or in #error text is fine). An
 * unterminated comment is an error here. */
#include "internal.h"
#include <string.h>

typedef struct {
  Ctx *ctx;
  SourceFile *file;
  const char *end; /* contents + len; *end is '\0' */
  int line;
  const char *line_start;
  Token *chunk; /* tokens are allocated in chunks */
  int chunk_left;
} Lexer;

enum { TOKEN_CHUNK = 256 };

static bool is_ident_char(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10 || c == '_' || c == '$' ||
         c >= 0x80;
}

static bool is_digit(unsigned char c) {
  return (unsigned)(c - '0') < 10;
}

/* line-splice: '\' blank* newline. Returns its length at p, 0 if none. */
static int splice_len(const char *p, const char *end) {
  const char *q = p + 1;
  while (q < end && (*q == ' ' || *q == '\t' || *q == '\f' || *q == '\v'))
    q++;
  if (q < end && *q == '\n')
    return (int)(q + 1 - p);
  if (q + 1 < end && q[0] == '\r' && q[1] == '\n')
    return (int)(q + 2 - p);
  return 0;
}

/* Skips the line splices at p: where the next logical character is. */
static inline const char *sk(const Lexer *L, const char *p) {
  while (*p == '\\') {
    int n = splice_len(p, L->end);
    if (!n)
      break;
    p += n;
  }
  return p;
}

/* A token from the current chunk; a chunk holds at most as many tokens as
 * the rest of the text can make (a pasted "ab" needs two, not 256). */
static Token *new_token(Lexer *L, const char *p) {
  if (!L->chunk_left) {
    size_t rest = (size_t)(L->end - p);
    int n = rest / 2 + 2 < TOKEN_CHUNK ? (int)(rest / 2 + 2) : TOKEN_CHUNK;
    L->chunk = arena_alloc(L->ctx, sizeof(Token) * (size_t)n);
    L->chunk_left = n;
  }
  L->chunk_left--;
  return L->chunk++;
}

static void lex_error(Lexer *L, const char *at, const char *msg) {
  Token t = {0};
  t.kind = TK_OTHER;
  t.loc = at;
  t.len = 1;
  t.file = L->file;
  t.line = L->line;
  t.col = (int)(at - L->line_start) + 1;
  diag_error(L->ctx, &t, "%s", msg);
}

/* Advances the line count over the newlines of the raw text [s, e). */
static void count_lines(Lexer *L, const char *s, const char *e) {
  for (const char *p = s; p < e; p++) {
    if (*p == '\n') {
      L->line++;
      L->line_start = p + 1;
    }
  }
}

/* identifier: identifier-nondigit (identifier-nondigit | digit)*
 * (also $ and UTF-8 bytes, as clang accepts). p follows the first char. */
static const char *scan_ident(const Lexer *L, const char *p) {
  for (;;) {
    const char *q = sk(L, p);
    if (!is_ident_char((unsigned char)*q))
      return p;
    p = q + 1;
  }
}

/* pp-number: '.'? digit (digit | identifier-nondigit | [eEpP] sign | '.')* */
static const char *scan_number(const Lexer *L, const char *p, char prev) {
  for (;;) {
    const char *q = sk(L, p);
    char c = *q;
    if (is_ident_char((unsigned char)c) || c == '.' ||
        ((c == '+' || c == '-') && (prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P'))) {
      prev = c;
      p = q + 1;
      continue;
    }
    return p;
  }
}

/* The rest of a quoted literal after its opening quote at p: the end of the
 * closing quote, or NULL when the line ends first. */
static const char *scan_quoted(const Lexer *L, const char *p, char quote) {
  p++;
  for (;;) {
    p = sk(L, p);
    char c = *p;
    if (c == quote)
      return p + 1;
    if (p >= L->end || c == '\n' || (c == '\r' && p[1] == '\n'))
      return NULL;
    if (c == '\\') {
      p = sk(L, p + 1);
      if (p >= L->end || *p == '\n')
        return NULL;
    }
    p++;
  }
}

/* The end of the logical line from p (splices followed). */
static const char *line_end(const Lexer *L, const char *p) {
  for (;;) {
    p = sk(L, p);
    if (p >= L->end || *p == '\n' || (*p == '\r' && p[1] == '\n'))
      return p;
    p++;
  }
}

/* punctuator: the longest of C11 6.4.6 (without digraphs) at p. */
static const char *scan_punct(const Lexer *L, const char *p) {
  char c0 = *p;
  const char *q1 = sk(L, p + 1);
  char c1 = *q1;
  switch (c0) {
  case '.':
    if (c1 == '.') {
      const char *q2 = sk(L, q1 + 1);
      if (*q2 == '.')
        return q2 + 1;
    }
    return p + 1;
  case '<':
  case '>':
    if (c1 == c0) {
      const char *q2 = sk(L, q1 + 1);
      return *q2 == '=' ? q2 + 1 : q1 + 1;
    }
    return c1 == '=' ? q1 + 1 : p + 1;
  case '-': return (c1 == '-' || c1 == '=' || c1 == '>') ? q1 + 1 : p + 1;
  case '+':
  case '&':
  case '|': return (c1 == c0 || c1 == '=') ? q1 + 1 : p + 1;
  case '#': return c1 == '#' ? q1 + 1 : p + 1;
  case '*':
  case '/':
  case '%':
  case '^':
  case '=':
  case '!': return c1 == '=' ? q1 + 1 : p + 1;
  default: return p + 1;
  }
}

static bool is_punct_char(char c) {
  switch (c) {
  case '[':
  case ']':
  case '(':
  case ')':
  case '{':
  case '}':
  case '.':
  case '-':
  case '+':
  case '&':
  case '*':
  case '~':
  case '!':
  case '/':
  case '%':
  case '<':
  case '>':
  case '^':
  case '|':
  case '?':
  case ':':
  case ';':
  case '=':
  case ',':
  case '#': return true;
  default: return false;
  }
}

/* Whether the raw text [s, e) holds a line splice. */
static bool has_splice(const Lexer *L, const char *s, const char *e) {
  for (const char *p = s; p < e; p++) {
    p = memchr(p, '\\', (size_t)(e - p));
    if (!p)
      return false;
    if (splice_len(p, L->end))
      return true;
  }
  return false;
}

/* The spelling of [s, e) without its line splices, in the arena. */
static char *clean_spelling(Lexer *L, const char *s, const char *e, int *len) {
  char *buf = arena_alloc(L->ctx, (size_t)(e - s) + 1);
  int n = 0;
  for (const char *p = s; p < e;) {
    if (*p == '\\') {
      int k = splice_len(p, L->end);
      if (k) {
        p += k;
        continue;
      }
    }
    buf[n++] = *p++;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* A // comment from p (q: its second '/'): runs to a newline that is not
 * spliced. Returns that newline (or the end). */
static const char *skip_line_comment(Lexer *L, const char *p, const char *q) {
  const char *s = q + 1;
  for (;;) {
    const char *nl = memchr(s, '\n', (size_t)(L->end - s));
    if (!nl) {
      count_lines(L, p, L->end);
      return L->end;
    }
    const char *b = nl;
    if (b > s && b[-1] == '\r')
      b--;
    while (b > s && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\f' || b[-1] == '\v'))
      b--;
    if (b > s && b[-1] == '\\') {
      s = nl + 1;
      continue;
    }
    count_lines(L, p, nl);
    return nl;
  }
}

/* A block comment from p (q: its '*'): returns what follows it; an
 * unterminated one is an error and runs to the end. */
static const char *skip_block_comment(Lexer *L, const char *p, const char *q) {
  const char *s = q + 1;
  for (;;) {
    if (s >= L->end) {
      lex_error(L, p, "unterminated /* comment");
      count_lines(L, p, L->end);
      return L->end;
    }
    if (*s == '*') {
      const char *t = sk(L, s + 1);
      if (*t == '/') {
        s = t + 1;
        break;
      }
    }
    s++;
  }
  count_lines(L, p, s);
  return s;
}

/* Skips white space and comments from p; sets *at_bol / *has_space. */
static const char *skip_space(Lexer *L, const char *p, bool *at_bol, bool *has_space) {
  for (;;) {
    char c = *p;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      p++;
      *has_space = true;
      continue;
    }
    if (c == '\n') {
      p++;
      L->line++;
      L->line_start = p;
      *at_bol = true;
      *has_space = false;
      continue;
    }
    if (c == '\\') {
      int n = splice_len(p, L->end);
      if (!n)
        return p;
      p += n;
      L->line++;
      L->line_start = p;
      continue;
    }
    const char *q = c == '/' ? sk(L, p + 1) : p;
    if (c != '/' || (*q != '/' && *q != '*'))
      return p;
    p = *q == '/' ? skip_line_comment(L, p, q) : skip_block_comment(L, p, q);
    *has_space = true;
  }
}

/* The kind and end of the token at p (after its spelling; literals with
 * their prefix). An unterminated literal is TK_OTHER to the end of the line. */
static const char *scan_token(Lexer *L, const char *p, TokenKind *kind) {
  const char *start = p;
  unsigned char c = (unsigned char)*p;
  if (is_digit(c) || (c == '.' && is_digit((unsigned char)*sk(L, p + 1)))) {
    *kind = TK_NUM;
    return scan_number(L, p + 1, (char)c);
  }
  if (is_ident_char(c)) {
    *kind = TK_IDENT;
    const char *e = scan_ident(L, p + 1);
    /* String prefixes: L, u, U, u8; character prefixes: L, u, U (u8 is
     * C2x's: in C17, u8'a' is the name u8, then 'a'). */
    const char *q = sk(L, e);
    bool one = e - start == 1 && (c == 'L' || c == 'u' || c == 'U');
    bool u8 = e - start == 2 && c == 'u' && start[1] == '8' && *q == '"';
    if (!((*q == '"' || *q == '\'') && (one || u8)))
      return e;
    p = q;
  } else if (c != '"' && c != '\'') {
    *kind = is_punct_char((char)c) ? TK_PUNCT : TK_OTHER;
    return *kind == TK_PUNCT ? scan_punct(L, p) : p + 1;
  }
  char quote = *p;
  const char *e = scan_quoted(L, p, quote);
  if (e) {
    *kind = quote == '"' ? TK_STR : TK_CHAR;
    return e;
  }
  *kind = TK_OTHER; /* unterminated: reported when used */
  return line_end(L, p);
}

static Token *tokenize_buffer(Ctx *ctx, SourceFile *file) {
  Lexer L = {0};
  L.ctx = ctx;
  L.file = file;
  L.end = file->contents + file->len;
  L.line = 1;
  const char *p = file->contents;
  if (file->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  L.line_start = p;

  Token head = {0};
  Token *cur = &head;
  bool at_bol = true;
  for (;;) {
    bool has_space = false;
    p = skip_space(&L, p, &at_bol, &has_space);
    Token *t = new_token(&L, p);
    t->file = file;
    t->line = L.line;
    t->col = (int)(p - L.line_start) + 1;
    t->at_bol = at_bol;
    t->has_space = has_space;
    t->loc = p;
    cur = cur->next = t;
    if (p >= L.end) {
      t->kind = TK_EOF;
      t->at_bol = true;
      break;
    }
    at_bol = false;
    const char *e = scan_token(&L, p, &t->kind);
    if (has_splice(&L, p, e)) {
      t->loc = clean_spelling(&L, p, e, &t->len);
      count_lines(&L, p, e);
    } else {
      t->len = (int)(e - p);
    }
    p = e;
  }
  return head.next;
}

Token *tokenize_file(Ctx *ctx, SourceFile *file) {
  return tokenize_buffer(ctx, file);
}

Token *tokenize_string(Ctx *ctx, const char *name, const char *text) {
  SourceFile *f = arena_alloc(ctx, sizeof(SourceFile));
  f->name = name;
  f->len = strlen(text);
  f->contents = arena_strndup(ctx, text, f->len);
  f->index = -1;
  f->is_system = true;
  return tokenize_buffer(ctx, f);
}

/* The one token comparison: is tok spelled s? (The end of a list never is.)
 * String and character literals compare with their quotes: "(" is no "\"(\"". */
bool tok_is(const Token *tok, const char *s) {
  return tok->len > 0 && tok->loc[0] == s[0] && strlen(s) == (size_t)tok->len &&
         memcmp(tok->loc, s, (size_t)tok->len) == 0;
}

bool tok_same_spelling(const Token *a, const Token *b) {
  return a->len == b->len && memcmp(a->loc, b->loc, (size_t)a->len) == 0;
}

Token tok_at_offset(const Token *tok, int offset) {
  Token t = *tok;
  const SourceFile *f = tok->file;
  bool in_file =
      f && f->contents && tok->loc >= f->contents && tok->loc + tok->len <= f->contents + f->len;
  if (in_file && !tok->origin && offset > 0 && offset <= tok->len) {
    t.loc += offset;
    t.col += offset;
    t.len = 1;
  }
  return t;
}

char *tok_str(Ctx *ctx, const Token *tok) {
  return arena_strndup(ctx, tok->loc, (size_t)tok->len);
}

bool tok_is_unterminated(const Token *tok) {
  return tok->kind == TK_OTHER && (tok->len > 1 || tok->loc[0] == '"' || tok->loc[0] == '\'');
}
