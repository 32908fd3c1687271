/* rules.c: rules files, the annotations of include/wasmbind.h for headers
 * that cannot be edited (README, "Rules files"):
 *
 *   # a comment
 *   type sqlite3_stmt: destroy sqlite3_finalize, methods sqlite3_
 *   sqlite3_bind_* !sqlite3_bind_parameter_*: error unless SQLITE_OK, message sqlite3_errmsg
 *   sqlite3_prepare*(ppStmt): out owned
 *   type argon2_context(pwd): len pwdlen
 *
 * A rule starts at the beginning of a line and goes on over indented lines:
 * selectors, a colon, then items separated by commas. Rules apply in order,
 * so a later rule adds to, or overrides, an earlier one. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>

/* One selector: functions named by a pattern, maybe one of their parameters,
 * maybe one parameter of that callback parameter; or a type. */
typedef struct {
  const Token *pattern;
  bool exclude;       /* "!pattern": the rule skips these functions */
  const Token *param; /* NULL: the function (its result) */
  int cb_index;       /* "param.N": the callback parameter's N-th parameter */
  bool field;         /* "type T(f)": pattern is T, param the field f */
  bool used;          /* matched something */
} Selector;

typedef struct {
  Vec sels; /* Selector* */
  bool is_type;
  bool is_field;           /* `type T(f ...)`: fields of a struct (param: the field) */
  Annot annot;             /* the items for functions and parameters */
  ErrorConv *error;        /* `error ...`, `message F` */
  const Token *message;    /* `message F` */
  const Token *errno_item; /* `errno` */
  const Token *code;       /* `code F` */
  HandleRule handle;       /* the items for types (`destroy`: in destroys) */
  Vec destroys;            /* Destroyer*, in order */
  Vec misfits;             /* Func*: a pattern matched them, the error item does not fit */
  Vec keep_misfits;        /* Func*: ... the parameter `keep until` selects is no callback */
  const Token *start;
} Rule;

typedef struct {
  Ctx *ctx;
  Token *tok;
  const Token *start; /* the current rule's first token */
} RulesParser;

/* ---- tokens ------------------------------------------------------------ */

static bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '*';
}

static Token *new_token(Ctx *ctx, SourceFile *f, TokenKind kind, const char *p, int len, int line,
                        const char *line_start) {
  Token *t = arena_alloc(ctx, sizeof *t);
  t->kind = kind;
  t->loc = p;
  t->len = len;
  t->file = f;
  t->line = line;
  t->col = (int)(p - line_start) + 1;
  t->at_bol = p == line_start;
  t->has_space = p > f->contents && (p[-1] == ' ' || p[-1] == '\t');
  return t;
}

/* Words (patterns included), numbers and the punctuators ! ( ) : , . */
static Token *rules_tokenize(Ctx *ctx, SourceFile *f) {
  Token head = {0}, *cur = &head;
  const char *p = f->contents, *end = f->contents + f->len, *line_start = p;
  int line = 1;
  while (p < end) {
    char c = *p;
    if (c == '\n') {
      line++;
      line_start = ++p;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      p++;
    } else if (c == '#') {
      while (p < end && *p != '\n')
        p++;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const char *q = p + 1;
      while (q < end && is_word_char(*q))
        q++;
      cur = cur->next = new_token(ctx, f, TK_NUM, p, (int)(q - p), line, line_start);
      p = q;
    } else if (is_word_char(c)) {
      const char *q = p;
      while (q < end && is_word_char(*q))
        q++;
      cur = cur->next = new_token(ctx, f, TK_IDENT, p, (int)(q - p), line, line_start);
      p = q;
    } else if (strchr("!():,.", c)) {
      cur = cur->next = new_token(ctx, f, TK_PUNCT, p, 1, line, line_start);
      p++;
    } else {
      Token *bad = new_token(ctx, f, TK_OTHER, p, 1, line, line_start);
      diag_error(ctx, bad, "unexpected character in a rules file");
      p++;
    }
  }
  cur->next = new_token(ctx, f, TK_EOF, end, 0, line, line_start);
  return head.next;
}

/* ---- parsing ----------------------------------------------------------- */

/* Does the current rule end before tok? The next rule starts at a line's start. */
static bool ends(const RulesParser *rp, const Token *tok) {
  return tok->kind == TK_EOF || (tok->at_bol && tok != rp->start);
}

static bool is_punct(const RulesParser *rp, char c) {
  return rp->tok->kind == TK_PUNCT && rp->tok->loc[0] == c && !ends(rp, rp->tok);
}

static bool is_word(const RulesParser *rp, const char *w) {
  return rp->tok->kind == TK_IDENT && !ends(rp, rp->tok) && tok_is(rp->tok, w);
}

/* Skips to the next rule after an error (the error may have stopped on
 * the rule's last token, on the next rule's first, or at the end). */
static void skip_rule(RulesParser *rp) {
  while (!ends(rp, rp->tok))
    rp->tok = rp->tok->next;
}

/* Where to report a missing token: after the last one of the rule when the
 * rule ended early, else at the token that is there. */
static const Token *missing_at(const RulesParser *rp) {
  if (!ends(rp, rp->tok))
    return rp->tok;
  const Token *t = rp->start;
  while (t->next != rp->tok)
    t = t->next;
  return t;
}

static const Token *expect_word(RulesParser *rp, const char *what) {
  Token *t = rp->tok;
  if (t->kind != TK_IDENT || ends(rp, t)) {
    diag_error(rp->ctx, missing_at(rp), "expected %s", what);
    return NULL;
  }
  rp->tok = t->next;
  return t;
}

/* A word or a number (a parameter's name or position). */
static const Token *expect_name_or_number(RulesParser *rp, const char *what) {
  Token *t = rp->tok;
  if ((t->kind != TK_IDENT && t->kind != TK_NUM) || ends(rp, t)) {
    diag_error(rp->ctx, missing_at(rp), "expected %s", what);
    return NULL;
  }
  rp->tok = t->next;
  return t;
}

static bool parse_int(const Token *t, int64_t *out) {
  char buf[32];
  if (t->kind != TK_NUM || t->len >= (int)sizeof buf)
    return false;
  memcpy(buf, t->loc, (size_t)t->len);
  buf[t->len] = '\0';
  char *end;
  long long v = strtoll(buf, &end, 0);
  if (*end)
    return false;
  *out = v;
  return true;
}

/* param = (word | number) ("." number)? */
static bool selector_param(RulesParser *rp, Selector *s) {
  s->param = expect_name_or_number(rp, "a parameter's name or position");
  if (!s->param)
    return false;
  if (is_punct(rp, '.')) {
    rp->tok = rp->tok->next;
    int64_t n;
    if (!parse_int(rp->tok, &n) || n < 1 || ends(rp, rp->tok)) {
      diag_error(rp->ctx, rp->tok, "expected the position (1, 2, ...) of the callback's parameter");
      return false;
    }
    s->cb_index = (int)n;
    rp->tok = rp->tok->next;
  }
  return true;
}

/* The names a parameter list applies to: the pattern written against it
 * (`f(x)`), or after a space (`f g (x)`) every name since the last list,
 * which are then no function selectors of their own. */
static int list_names(const Token *list, const Token *pattern, Vec *sels, int run_start,
                      const Token **names) {
  if (!list->has_space) {
    names[0] = pattern;
    return 1;
  }
  int n = 0;
  for (int i = run_start; i < sels->len; i++)
    names[n++] = ((Selector *)sels->items[i])->pattern;
  names[n++] = pattern;
  sels->len = run_start;
  return n;
}

/* fields = "(" word+ ")": after `type T`, fields of the struct T */
static bool field_selectors(RulesParser *rp, Rule *r, const Token *type) {
  rp->tok = rp->tok->next;
  do {
    Selector *s = arena_alloc(rp->ctx, sizeof *s);
    s->pattern = type;
    s->field = true;
    if (!(s->param = expect_word(rp, "a field's name")))
      return false;
    vec_push(rp->ctx, &r->sels, s);
    if (is_punct(rp, ','))
      rp->tok = rp->tok->next;
  } while (!is_punct(rp, ')') && !ends(rp, rp->tok));
  if (!is_punct(rp, ')')) {
    diag_error(rp->ctx, rp->tok, "expected ')' after the fields");
    return false;
  }
  rp->tok = rp->tok->next;
  r->is_field = true;
  return true;
}

static int count_fields(const Rule *r) {
  int n = 0;
  for (int i = 0; i < r->sels.len; i++)
    n += ((const Selector *)r->sels.items[i])->field;
  return n;
}

/* selectors = ("type" word fields? | "!"? word ("(" param+ ")")?)+ ":"
 * A list after a space (`f g (x)`) is every name's since the last list. */
static bool selectors(RulesParser *rp, Rule *r) {
  Ctx *ctx = rp->ctx;
  int run_start = 0; /* the bare names a spaced list takes */
  while (!is_punct(rp, ':')) {
    if (ends(rp, rp->tok)) {
      diag_error(ctx, r->start, "expected ':' after the rule's selectors");
      return false;
    }
    if (is_word(rp, "type")) {
      rp->tok = rp->tok->next;
      Selector *s = arena_alloc(ctx, sizeof *s);
      if (!(s->pattern = expect_word(rp, "a type name after 'type'")))
        return false;
      if (is_punct(rp, '(') && !rp->tok->has_space) {
        if (!field_selectors(rp, r, s->pattern))
          return false;
      } else {
        r->is_type = true;
        vec_push(ctx, &r->sels, s);
      }
      run_start = r->sels.len;
      continue;
    }
    bool exclude = is_punct(rp, '!');
    if (exclude)
      rp->tok = rp->tok->next;
    const Token *pattern = expect_word(rp, "a function name or pattern");
    if (!pattern)
      return false;
    if (!is_punct(rp, '(')) {
      Selector *s = arena_alloc(ctx, sizeof *s);
      s->pattern = pattern;
      s->exclude = exclude;
      if (exclude) /* `!f` is no name a spaced list takes */
        run_start = r->sels.len + 1;
      vec_push(ctx, &r->sels, s);
      continue;
    }
    if (exclude) {
      diag_error(ctx, rp->tok, "an excluded function ('!') takes no parameters");
      return false;
    }
    const Token **names = arena_alloc(ctx, sizeof *names * (size_t)(r->sels.len - run_start + 1));
    int nnames = list_names(rp->tok, pattern, &r->sels, run_start, names);
    rp->tok = rp->tok->next;
    do {
      Selector param = {0};
      if (!selector_param(rp, &param))
        return false;
      for (int k = 0; k < nnames; k++) {
        Selector *s = arena_alloc(ctx, sizeof *s);
        *s = param;
        s->pattern = names[k];
        vec_push(ctx, &r->sels, s);
      }
      if (is_punct(rp, ','))
        rp->tok = rp->tok->next;
    } while (!is_punct(rp, ')') && !ends(rp, rp->tok));
    if (!is_punct(rp, ')')) {
      diag_error(ctx, rp->tok, "expected ')' after the parameters");
      return false;
    }
    rp->tok = rp->tok->next;
    run_start = r->sels.len;
  }
  rp->tok = rp->tok->next; /* ":" */
  if (r->is_field && (r->is_type || r->sels.len > count_fields(r))) {
    diag_error(ctx, r->start, "a rule on fields ('type T(f)') selects only fields");
    return false;
  }
  return true;
}

/* error = "error" ("unless" value+ | "if" ("nonzero" | "negative" | "null" | word)) */
static bool error_item(RulesParser *rp, Rule *r, const Token *item) {
  Ctx *ctx = rp->ctx;
  ErrorConv *e = r->error ? r->error : arena_alloc(ctx, sizeof *e);
  r->error = e;
  e->tok = item;
  if (is_word(rp, "unless")) {
    rp->tok = rp->tok->next;
    e->kind = EC_UNLESS;
    Vec ok = {0};
    while (!ends(rp, rp->tok) && !is_punct(rp, ',')) {
      const Token *v = expect_name_or_number(rp, "a success value (a constant or a number)");
      if (!v)
        return false;
      vec_push(ctx, &ok, (void *)v);
    }
    if (!ok.len) {
      diag_error(ctx, rp->tok, "expected the success values after 'unless'");
      return false;
    }
    e->ok = (const Token **)ok.items;
    e->nok = ok.len;
    return true;
  }
  if (is_word(rp, "if")) {
    rp->tok = rp->tok->next;
    if (is_word(rp, "nonzero"))
      e->kind = EC_NONZERO;
    else if (is_word(rp, "negative"))
      e->kind = EC_NEGATIVE;
    else if (is_word(rp, "null"))
      e->kind = EC_NULL;
    else if (rp->tok->kind == TK_IDENT && !ends(rp, rp->tok)) {
      e->kind = EC_PREDICATE; /* a function saying whether the result failed */
      e->predicate = tok_str(ctx, rp->tok);
    } else {
      diag_error(ctx, rp->tok,
                 "expected 'nonzero', 'negative', 'null' or a function after 'error if'");
      return false;
    }
    rp->tok = rp->tok->next;
    return true;
  }
  diag_error(ctx, rp->tok, "expected 'unless VALUES' or 'if nonzero|negative|null' after 'error'");
  return false;
}

/* destroy = "destroy" word ("on" "success")? */
static bool destroy_item(RulesParser *rp, Rule *r, const Token *it) {
  const Token *fn = expect_word(rp, "the function that destroys it");
  if (!fn)
    return false;
  Destroyer *d = arena_alloc(rp->ctx, sizeof *d);
  d->fn = tok_str(rp->ctx, fn);
  d->tok = fn;
  if (is_word(rp, "on")) {
    rp->tok = rp->tok->next;
    if (!is_word(rp, "success")) {
      diag_error(rp->ctx, missing_at(rp), "expected 'success' after 'on'");
      return false;
    }
    rp->tok = rp->tok->next;
    d->on_success = true;
  }
  vec_push(rp->ctx, &r->destroys, d);
  r->handle.tok = it;
  return true;
}

/* output = "output" (word | number) ","? "length" word
 *        | "output" (word | number) | "length" word */
static bool output_item(RulesParser *rp, Annot *a, bool length) {
  if (length) {
    const Token *len = expect_word(rp, "'result' or the out parameter that says the length");
    if (!len)
      return false;
    a->output_len = tok_str(rp->ctx, len);
    return true;
  }
  const Token *cap = expect_name_or_number(rp, "the capacity: a number or an integer parameter");
  if (!cap)
    return false;
  a->output = tok_str(rp->ctx, cap);
  if (!is_punct(rp, '(')) /* a size function: F(P...), F called with those parameters */
    return true;
  rp->tok = rp->tok->next;
  Vec args = {0};
  while (!is_punct(rp, ')')) {
    const Token *arg = expect_name_or_number(rp, "a parameter of the function, or ')'");
    if (!arg)
      return false;
    vec_push(rp->ctx, &args, (void *)tok_str(rp->ctx, arg));
    if (is_punct(rp, ','))
      rp->tok = rp->tok->next;
  }
  rp->tok = rp->tok->next;
  a->output_call = true;
  a->output_args = (const char **)args.items;
  a->n_output_args = args.len;
  return true;
}

/* into = "into" word: the parameter C gets a size function's capacity in */
static bool into_item(RulesParser *rp, Annot *a) {
  const Token *p = expect_name_or_number(rp, "the parameter C gets the capacity in");
  if (!p)
    return false;
  a->output_into = tok_str(rp->ctx, p);
  return true;
}

/* field-item = "len" word | "text" | "bytes": on fields ('type T(f): ...') */
static bool field_item(RulesParser *rp, Rule *r, const Token *it) {
  Annot *a = &r->annot;
  if (tok_is(it, "text") || tok_is(it, "bytes")) {
    a->flags |= tok_is(it, "text") ? A_TEXT : A_BYTES;
    return true;
  }
  if (tok_is(it, "len")) {
    const Token *arg = expect_word(rp, "the field holding the length");
    if (arg)
      a->len = tok_str(rp->ctx, arg);
    return arg != NULL;
  }
  diag_error(rp->ctx, it, "a rule on fields ('type T(f)') takes 'len L', 'text' and 'bytes'");
  return false;
}

/* varargs = "varargs" kind*: a variadic function's arguments, each of a
 * kind, or (none) as the JS values say */
static bool varargs_item(RulesParser *rp, Annot *a) {
  static const struct {
    const char *word;
    char letter;
  } kinds[] = {{"int", 'i'},    {"unsigned", 'u'}, {"int64", 'j'},  {"uint64", 'J'},
               {"double", 'd'}, {"string", 's'},   {"pointer", 'p'}};
  Buf letters = {0};
  while (!ends(rp, rp->tok) && rp->tok->kind == TK_IDENT) {
    size_t k = 0;
    while (k < sizeof kinds / sizeof kinds[0] && !tok_is(rp->tok, kinds[k].word))
      k++;
    if (k == sizeof kinds / sizeof kinds[0])
      break; /* the next item */
    buf_printf(&letters, "%c", kinds[k].letter);
    rp->tok = rp->tok->next;
  }
  a->varargs = arena_strdup(rp->ctx, letters.data ? letters.data : "");
  buf_release(&letters);
  return true;
}

/* item = flag | "free" word | "len" (word | number) | "format" (word | number) | "pass" number
 *      | "keep" "until" word | error | "message" word | "errno"
 *      | destroy | "methods" word | "parent" word */
static bool item(RulesParser *rp, Rule *r) {
  Ctx *ctx = rp->ctx;
  const Token *it = expect_word(rp, "an item (out, owned, len N, error ..., ...)");
  if (!it)
    return false;
  Annot *a = &r->annot;
  if (!a->tok)
    a->tok = it;
  if (r->is_field)
    return field_item(rp, r, it);
  static const struct {
    const char *word;
    unsigned flag;
  } flags[] = {{"out", A_OUT},           {"inout", A_INOUT},
               {"owned", A_OWNED},       {"nullable", A_NULLABLE},
               {"omit", A_OMIT},         {"userdata", A_USERDATA},
               {"view", A_VIEW},         {"import", A_IMPORT},
               {"text", A_TEXT},         {"bytes", A_BYTES},
               {"nonnull", A_NONNULL},   {"utf16", A_UTF16},
               {"consumed", A_CONSUMED}, {"terminated", A_TERMINATED}};
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
    if (tok_is(it, flags[i].word)) {
      a->flags |= flags[i].flag;
      return !r->is_type ||
             (diag_error(ctx, it, "'%s' applies to functions and parameters", flags[i].word),
              false);
    }
  bool type_item = tok_is(it, "destroy") || tok_is(it, "methods") || tok_is(it, "parent") ||
                   tok_is(it, "handle");
  if (r->is_type != type_item) {
    if (r->is_type)
      diag_error(ctx, it,
                 "a type rule takes 'handle', 'destroy F', 'methods PREFIX' and 'parent F'");
    else if (type_item)
      diag_error(ctx, it, "'%s' applies to a type ('type NAME: ...')", tok_str(ctx, it));
    else
      diag_error(ctx, it, "unknown item '%s'", tok_str(ctx, it));
    return false;
  }
  const Token *arg;
  if (tok_is(it, "free")) {
    if (!(arg = expect_word(rp, "the function that frees it")))
      return false;
    a->flags |= A_OWNED;
    a->free_fn = tok_str(ctx, arg);
  } else if (tok_is(it, "into")) {
    return into_item(rp, a);
  } else if (tok_is(it, "output") || tok_is(it, "length")) {
    return output_item(rp, a, tok_is(it, "length"));
  } else if (tok_is(it, "varargs")) {
    return varargs_item(rp, a);
  } else if (tok_is(it, "format")) {
    if (!(arg = expect_name_or_number(rp, "the format parameter: its name or position")))
      return false;
    a->format = tok_str(ctx, arg);
  } else if (tok_is(it, "len")) {
    if (!(arg = expect_name_or_number(rp, "the length: a parameter's name or position, or a "
                                          "function")))
      return false;
    a->len = tok_str(ctx, arg);
  } else if (tok_is(it, "pass")) {
    if (!parse_int(rp->tok, &a->pass) || ends(rp, rp->tok)) {
      diag_error(ctx, rp->tok, "expected the integer to pass");
      return false;
    }
    rp->tok = rp->tok->next;
    a->flags |= A_PASS;
  } else if (tok_is(it, "keep")) {
    if (!is_word(rp, "until")) {
      diag_error(ctx, rp->tok, "expected 'until' after 'keep'");
      return false;
    }
    rp->tok = rp->tok->next;
    if (!(arg = expect_word(rp, "the callback parameter that releases it")))
      return false;
    a->keep_until = tok_str(ctx, arg);
  } else if (tok_is(it, "error")) {
    return error_item(rp, r, it);
  } else if (tok_is(it, "errno")) {
    r->errno_item = it;
  } else if (tok_is(it, "message")) {
    if (!(r->message = expect_word(rp, "the function that returns the error message")))
      return false;
  } else if (tok_is(it, "code")) {
    if (!(r->code = expect_word(rp, "the function that returns the error's code")))
      return false;
  } else if (tok_is(it, "destroy")) {
    return destroy_item(rp, r, it);
  } else if (tok_is(it, "handle")) {
    r->handle.opaque = true;
    r->handle.tok = it;
  } else if (tok_is(it, "methods") || tok_is(it, "parent")) {
    if (!(arg = expect_word(rp, tok_is(it, "methods") ? "the methods' prefix" : "a function")))
      return false;
    *(tok_is(it, "methods") ? &r->handle.methods : &r->handle.parent) = tok_str(ctx, arg);
    r->handle.tok = it;
  } else {
    diag_error(ctx, it, "unknown item '%s'", tok_str(ctx, it));
    return false;
  }
  return true;
}

/* rule = selectors item (","? item)* */
static Rule *rule(RulesParser *rp) {
  Rule *r = arena_alloc(rp->ctx, sizeof *r);
  r->start = rp->start = rp->tok;
  if (!selectors(rp, r))
    return NULL;
  for (;;) {
    if (!item(rp, r))
      return NULL;
    if (ends(rp, rp->tok))
      break;
    if (is_punct(rp, ',')) /* optional, but for ending the values of `error unless` */
      rp->tok = rp->tok->next;
  }
  if (r->errno_item) {
    if (!r->error) {
      diag_error(rp->ctx, r->errno_item, "'errno' goes with an 'error' item");
      return NULL;
    }
    r->error->use_errno = true;
  }
  if (r->message) {
    if (!r->error) {
      diag_error(rp->ctx, r->message, "'message' goes with an 'error' item");
      return NULL;
    }
    r->error->message_fn = tok_str(rp->ctx, r->message);
  }
  if (r->code) {
    if (!r->error) {
      diag_error(rp->ctx, r->code, "'code' goes with an 'error' item");
      return NULL;
    }
    r->error->code_fn = tok_str(rp->ctx, r->code);
  }
  return r;
}

/* ---- applying ---------------------------------------------------------- */

static bool has_wildcard(const Token *t) {
  return memchr(t->loc, '*', (size_t)t->len) != NULL;
}

/* Glob match: '*' matches any run of characters. Linear in the pattern
 * times the name: on a mismatch only the last '*' needs to take one more
 * character (whatever earlier stars matched, the last one can absorb the
 * difference), so there is one backtrack point, never a recursion. */
static bool glob(const char *p, const char *pend, const char *s) {
  const char *star = NULL; /* the pattern after the last '*' seen */
  const char *resume = s;  /* where that '*''s match ends so far */
  while (*s) {
    if (p < pend && *p == '*') {
      star = ++p;
      resume = s;
    } else if (p < pend && *p == *s) {
      p++, s++;
    } else if (star) {
      p = star;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pend && *p == '*')
    p++;
  return p == pend;
}

static bool matches(const Token *pattern, const char *name) {
  return glob(pattern->loc, pattern->loc + pattern->len, name);
}

/* The index of the parameter a selector or `len` names, or -1. */
static int param_index(const Type *fn, const char *name) {
  if (name[0] >= '0' && name[0] <= '9') {
    int n = atoi(name);
    return n >= 1 && n <= fn->nparams ? n - 1 : -1;
  }
  for (int i = 0; i < fn->nparams; i++)
    if (!strcmp(fn->params[i].name, name))
      return i;
  return -1;
}

static void merge_annot(Annot *to, const Annot *from) {
  to->flags |= from->flags;
  if (from->free_fn)
    to->free_fn = from->free_fn;
  if (from->len)
    to->len = from->len;
  if (from->flags & A_PASS)
    to->pass = from->pass;
  if (from->keep_until)
    to->keep_until = from->keep_until;
  if (from->format)
    to->format = from->format;
  if (from->varargs)
    to->varargs = from->varargs;
  if (from->output) {
    to->output = from->output;
    to->output_call = from->output_call;
    to->output_args = from->output_args;
    to->n_output_args = from->n_output_args;
  }
  if (from->output_into)
    to->output_into = from->output_into;
  if (from->output_len)
    to->output_len = from->output_len;
  to->tok = from->tok;
}

/* The Annot a selector picks in f, NULL (reported when the selector names
 * one function exactly) when f has no such parameter. */
static Annot *target(Ctx *ctx, Func *f, Selector *s) {
  if (!s->param)
    return &f->ret_annot;
  const Type *fn = f->type;
  char *pname = tok_str(ctx, s->param);
  int i = param_index(fn, pname);
  if (i < 0) {
    if (!has_wildcard(s->pattern)) {
      diag_error(ctx, s->param, "'%s' has no parameter '%s'", f->name, pname);
      s->used = true; /* reported: no warning too */
    }
    return NULL;
  }
  Param *p = &fn->params[i];
  if (!s->cb_index)
    return &p->annot;
  const Type *cb = p->type->kind == TY_PTR ? p->type->base : NULL;
  if (!cb || cb->kind != TY_FUNC || s->cb_index > cb->nparams) {
    if (!has_wildcard(s->pattern)) {
      diag_error(ctx, s->param, "'%s' of '%s' is not a callback with %d parameters", pname, f->name,
                 s->cb_index);
      s->used = true;
    }
    return NULL;
  }
  if (!p->annot.cb) {
    p->annot.cb = arena_alloc(ctx, sizeof(Annot) * (size_t)cb->nparams);
    p->annot.ncb = cb->nparams;
  }
  return &p->annot.cb[s->cb_index - 1];
}

/* Does the error convention fit f's result type? */
static bool error_fits(const ErrorConv *e, const Func *f) {
  const Type *rt = f->type->base;
  return e->kind == EC_NULL ? rt->kind == TY_PTR : type_is_integer(rt);
}

/* Is the parameter a selector picks in f a callback (a function pointer)? */
static bool is_callback_param(Ctx *ctx, const Func *f, const Selector *s) {
  int i = param_index(f->type, tok_str(ctx, s->param));
  const Type *t = i >= 0 ? f->type->params[i].type : NULL;
  return t && t->kind == TY_PTR && t->base->kind == TY_FUNC;
}

static void apply_to_func(Ctx *ctx, Rule *r, Func *f) {
  for (int i = 0; i < r->sels.len; i++) {
    Selector *s = r->sels.items[i];
    if (s->exclude && matches(s->pattern, f->name))
      return;
  }
  for (int i = 0; i < r->sels.len; i++) {
    Selector *s = r->sels.items[i];
    if (s->exclude || !matches(s->pattern, f->name))
      continue;
    if (r->error && !s->param) {
      if (!error_fits(r->error, f)) {
        if (!has_wildcard(s->pattern))
          diag_error(ctx, r->error->tok, "'%s' returns '%s': 'error %s' needs %s", f->name,
                     type_spelling(ctx, f->type->base, NULL),
                     r->error->kind == EC_NULL ? "if null" : "unless/if",
                     r->error->kind == EC_NULL ? "a pointer" : "an integer");
        else if (!r->misfits.len || r->misfits.items[r->misfits.len - 1] != f)
          vec_push(ctx, &r->misfits, f); /* said once for the rule */
        continue;
      }
      f->error = r->error;
    }
    Annot *a = target(ctx, f, s);
    if (!a)
      continue;
    s->used = true;
    if (r->annot.keep_until && !s->cb_index && has_wildcard(s->pattern) &&
        !is_callback_param(ctx, f, s)) {
      vec_push(ctx, &r->keep_misfits, f); /* the pattern's item does not fit: left out */
      continue;
    }
    merge_annot(a, &r->annot);
  }
}

/* The record a type rule names: a typedef's or a tag (of a complete
 * record, or one a function uses). */
static Record *find_record(Ctx *ctx, const char *name) {
  Vec *tds = &ctx->program.typedefs;
  for (int i = 0; i < tds->len; i++) {
    TypedefDecl *td = tds->items[i];
    if (!strcmp(td->name, name) && td->type->kind == TY_STRUCT)
      return td->type->record;
  }
  Vec *recs = &ctx->program.all_records;
  for (int i = 0; i < recs->len; i++) {
    Record *rec = recs->items[i];
    if (rec->tag && !strcmp(rec->tag, name))
      return rec;
  }
  Vec *fs = &ctx->program.functions;
  for (int i = 0; i < fs->len; i++) {
    const Type *fn = ((Func *)fs->items[i])->type;
    for (int k = -1; k < fn->nparams; k++) {
      const Type *t = k < 0 ? fn->base : fn->params[k].type;
      while (t->kind == TY_PTR)
        t = t->base;
      if (t->kind == TY_STRUCT && t->record->tag && !strcmp(t->record->tag, name))
        return t->record;
    }
  }
  return NULL;
}

/* h's destroying functions and then the rule's: one entry per function (a
 * later rule changes its `on success`); the first is the destructor, which
 * must always destroy (`[Symbol.dispose]` and the collector cannot fail). */
static void add_destroyers(Ctx *ctx, HandleRule *h, const Vec *more) {
  Vec all = {0};
  for (int i = 0; i < h->ndestroyers; i++)
    vec_push(ctx, &all, h->destroyers[i]);
  for (int i = 0; i < more->len; i++) {
    Destroyer *d = more->items[i];
    int k = 0;
    while (k < all.len && strcmp(((Destroyer *)all.items[k])->fn, d->fn))
      k++;
    if (k < all.len)
      all.items[k] = d;
    else
      vec_push(ctx, &all, d);
  }
  h->destroyers = (Destroyer **)all.items;
  h->ndestroyers = all.len;
  h->destroy = all.len ? h->destroyers[0]->fn : NULL;
  if (all.len && h->destroyers[0]->on_success && more->len)
    diag_error(ctx, h->destroyers[0]->tok,
               "'%s' is the destructor (the type's first 'destroy'): it cannot be 'on success', "
               "since [Symbol.dispose] and the garbage collector cannot fail; name a destructor "
               "that always destroys first",
               h->destroy);
}

static void apply_to_types(Ctx *ctx, Rule *r) {
  for (int i = 0; i < r->sels.len; i++) {
    Selector *s = r->sels.items[i];
    char *name = tok_str(ctx, s->pattern);
    Record *rec = find_record(ctx, name);
    if (!rec) {
      diag_error(ctx, s->pattern, "no struct type named '%s'", name);
      continue;
    }
    if (rec->complete && !r->handle.opaque && !(rec->handle && rec->handle->opaque)) {
      diag_error(ctx, s->pattern,
                 "'%s' is a complete struct: 'handle' makes it one (the library allocates it, "
                 "JS never reads its fields)",
                 name);
      continue;
    }
    s->used = true;
    HandleRule *h = arena_alloc(ctx, sizeof *h);
    if (rec->handle)
      *h = *rec->handle;
    add_destroyers(ctx, h, &r->destroys);
    if (r->handle.methods)
      h->methods = r->handle.methods;
    if (r->handle.parent)
      h->parent = r->handle.parent;
    h->opaque |= r->handle.opaque;
    h->tok = r->handle.tok;
    rec->handle = h;
  }
}

static Member *find_member(Record *rec, const char *name) {
  for (int i = 0; i < rec->nmembers; i++)
    if (!strcmp(rec->members[i].name, name))
      return &rec->members[i];
  return NULL;
}

/* `len L` on field m of rec: L holds its element count. */
static void set_buffer_len(Ctx *ctx, Record *rec, Member *m) {
  const char *len = m->annot.len;
  Member *l = find_member(rec, len);
  if (!l)
    diag_error(ctx, m->annot.tok, "'%s' has no field '%s' for the length of '%s'", rec->name, len,
               m->name);
  else if (l == m || l->annot.len)
    diag_error(ctx, m->annot.tok, "'%s' is a buffer: it cannot be the length of '%s'", len,
               m->name);
  else if (!type_is_integer(l->type) || l->bit_width >= 0)
    diag_error(ctx, m->annot.tok, "'%s' is '%s': the length of '%s' is an integer field", len,
               type_spelling(ctx, l->type, NULL), m->name);
  else if (l->fills_buffer)
    diag_error(ctx, m->annot.tok, "'%s' is already the length of another buffer", len);
  else {
    m->buffer_len = l;
    l->fills_buffer = true;
  }
}

/* `type T(f ...): len L, text, bytes`: buffers in struct fields, as
 * WB_LEN(L) on f says in a header. */
static void apply_to_fields(Ctx *ctx, Rule *r) {
  for (int i = 0; i < r->sels.len; i++) {
    Selector *s = r->sels.items[i];
    char *name = tok_str(ctx, s->pattern), *field = tok_str(ctx, s->param);
    Record *rec = find_record(ctx, name);
    Member *m = rec && rec->complete ? find_member(rec, field) : NULL;
    if (!m) {
      diag_error(ctx, rec && rec->complete ? s->param : s->pattern,
                 rec && rec->complete ? "'%s' has no field '%s'" : "no struct type named '%s'",
                 name, field);
      continue;
    }
    s->used = true;
    if (r->annot.flags & (A_TEXT | A_BYTES)) /* a later rule overrides */
      m->annot.flags = r->annot.flags & (A_TEXT | A_BYTES);
    if (r->annot.len)
      m->annot.len = r->annot.len;
    m->annot.tok = s->param;
  }
}

/* A buffer field's mistakes, or NULL: its type, and `text`/`bytes`. */
static const char *buffer_field_mistake(Ctx *ctx, const Member *m) {
  if (m->type->kind != TY_PTR)
    return "a buffer field is a pointer";
  const Type *elem = m->type->base;
  TypeKind k = elem->kind;
  bool wide = k == TY_INT128 || k == TY_UINT128 || k == TY_LDOUBLE; /* no typed array */
  if (k != TY_VOID && (!(type_is_integer(elem) || type_is_float(elem)) || wide))
    return "a buffer field points to numbers, bytes or characters";
  if (!m->annot.len)
    return "'text' and 'bytes' on a field go with 'len L' (the field holding its length)";
  if (m->annot.flags && k != TY_VOID && !(type_is_integer(elem) && layout_sizeof(ctx, elem) == 1))
    return "'text' and 'bytes' take a pointer to 1-byte characters";
  return NULL;
}

void rules_resolve_fields(Ctx *ctx) {
  Vec *recs = &ctx->program.all_records;
  for (int i = 0; i < recs->len; i++) {
    Record *rec = recs->items[i];
    for (int k = 0; k < rec->nmembers; k++) {
      Member *m = &rec->members[k];
      if (!m->annot.len && !m->annot.flags)
        continue;
      const char *mistake = buffer_field_mistake(ctx, m);
      if (mistake)
        diag_error(ctx, m->annot.tok, "'%s' of '%s' is '%s': %s", m->name, rec->name,
                   type_spelling(ctx, m->type, NULL), mistake);
      else
        set_buffer_len(ctx, rec, m);
    }
  }
}

static void resolve_success_values(Ctx *ctx, ErrorConv *e) {
  e->values = arena_alloc(ctx, sizeof(int64_t) * (size_t)(e->nok + 1));
  for (int i = 0; i < e->nok; i++) {
    const Token *t = e->ok[i];
    if (t->kind == TK_NUM ? !parse_int(t, &e->values[i])
                          : !program_constant(&ctx->program, tok_str(ctx, t), &e->values[i]))
      diag_error(ctx, t, "'%s' is not %s", tok_str(ctx, t),
                 t->kind == TK_NUM ? "an integer" : "an integer constant of the header");
  }
}

/* Every function a rule names must exist. */
static void check_function_name(Ctx *ctx, const char *name, const Token *where) {
  if (name && !program_function(&ctx->program, name))
    diag_error(ctx, where, "'%s' is not a function of the header", name);
}

/* "f, g and 3 more": the functions of v (at most 6 named). Arena string. */
static const char *misfit_names(Ctx *ctx, const Vec *v) {
  Buf names = {0};
  int shown = v->len < 6 ? v->len : 6;
  for (int i = 0; i < shown; i++)
    buf_printf(&names, "%s%s", i ? ", " : "", ((const Func *)v->items[i])->name);
  if (v->len > shown)
    buf_printf(&names, " and %d more", v->len - shown);
  const char *s = arena_strdup(ctx, names.data);
  buf_release(&names);
  return s;
}

/* One warning for the functions a rule's pattern matched but its error
 * item, or its `keep until`, does not fit: the rule leaves them out. */
static void warn_misfits(Ctx *ctx, const Rule *r) {
  if (r->misfits.len)
    diag_warning(ctx, r->error->tok, "'error %s' needs %s result: the rule leaves out %s",
                 r->error->kind == EC_NULL ? "if null" : "unless/if",
                 r->error->kind == EC_NULL ? "a pointer" : "an integer",
                 misfit_names(ctx, &r->misfits));
  if (r->keep_misfits.len)
    diag_warning(ctx, r->annot.tok,
                 "'keep until' needs a callback parameter: the rule leaves out %s",
                 misfit_names(ctx, &r->keep_misfits));
}

void rules_apply(Ctx *ctx) {
  const WbOptions *o = ctx->opts;
  if (!o->rules)
    return;
  SourceFile *f = arena_alloc(ctx, sizeof *f);
  f->name = o->rules_name ? o->rules_name : "<rules>";
  f->contents = arena_strndup(ctx, o->rules, o->rules_len);
  f->len = o->rules_len;
  RulesParser rp = {.ctx = ctx, .tok = rules_tokenize(ctx, f)};
  Vec rules = {0};
  while (rp.tok->kind != TK_EOF) {
    if (!rp.tok->at_bol) {
      diag_error(ctx, rp.tok, "a rule starts at the beginning of a line");
      rp.start = rp.tok;
      skip_rule(&rp);
      continue;
    }
    Rule *r = rule(&rp);
    if (r)
      vec_push(ctx, &rules, r);
    else
      skip_rule(&rp);
  }

  Vec *fs = &ctx->program.functions;
  for (int k = 0; k < rules.len; k++) {
    Rule *r = rules.items[k];
    if (r->is_field) {
      apply_to_fields(ctx, r);
      continue;
    }
    if (r->is_type) {
      apply_to_types(ctx, r);
      for (int i = 0; i < r->destroys.len; i++) {
        const Destroyer *d = r->destroys.items[i];
        check_function_name(ctx, d->fn, d->tok);
      }
      check_function_name(ctx, r->handle.parent, r->handle.tok);
      continue;
    }
    if (r->error) {
      check_function_name(ctx, r->error->message_fn, r->message);
      check_function_name(ctx, r->error->code_fn, r->code);
      check_function_name(ctx, r->error->predicate, r->error->tok);
      if (r->error->kind == EC_UNLESS)
        resolve_success_values(ctx, r->error);
    }
    check_function_name(ctx, r->annot.free_fn, r->annot.tok);
    for (int i = 0; i < fs->len; i++)
      apply_to_func(ctx, r, fs->items[i]);
    warn_misfits(ctx, r);
    for (int i = 0; i < r->sels.len; i++) {
      Selector *s = r->sels.items[i];
      if (!s->used && !s->exclude)
        diag_warning(ctx, s->param ? s->param : s->pattern, "this rule matches no %s",
                     s->param ? "parameter" : "function");
    }
  }
}
