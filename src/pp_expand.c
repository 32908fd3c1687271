/* pp_expand.c: the macro expander (C11 6.10.3): macro names and hidesets,
 * reading a function-like macro's arguments, substituting them into the
 * replacement list (#, ##, __VA_OPT__, GNU's `, ## __VA_ARGS__`), and the
 * rescan. A replacement is linked in front of the tokens that follow the use
 * and read again from there; recursion stops with hidesets (Prosser's
 * algorithm), as in gcc and clang. Built-in macros are pp_builtin.c's. */
#include "pp_internal.h"
#include <string.h>

/* ---- macro names and hidesets ------------------------------------------ */

MacroName *pp_find_name(PP *pp, const char *s, int len) {
  return map_get_hashed(&pp->macros, s, len, map_hash(s, len));
}

MacroName *pp_intern_name(PP *pp, const char *s, int len) {
  uint32_t h = map_hash(s, len);
  MacroName *mn = map_get_hashed(&pp->macros, s, len, h);
  if (!mn) {
    mn = arena_alloc(pp->ctx, sizeof(MacroName));
    mn->name = arena_strndup(pp->ctx, s, (size_t)len);
    mn->len = len;
    map_put_hashed(pp->ctx, &pp->macros, mn->name, len, h, mn);
  }
  return mn;
}

/* The defined macro an identifier names, if it may expand here. */
MacroName *pp_expandable(PP *pp, const Token *tok) {
  MacroName *mn = pp_find_name(pp, tok->loc, tok->len);
  if (!mn || !mn->def)
    return NULL;
  for (Hideset *h = tok->hideset; h; h = h->next)
    if (h->name == mn)
      return NULL;
  return mn;
}

bool pp_is_defined(PP *pp, const Token *tok) {
  MacroName *mn = pp_find_name(pp, tok->loc, tok->len);
  return mn && mn->def && !mn->def->invisible;
}

static bool hideset_contains(const Hideset *hs, const MacroName *mn) {
  for (; hs; hs = hs->next)
    if (hs->name == mn)
      return true;
  return false;
}

static Hideset *hideset_add(PP *pp, Hideset *hs, MacroName *mn) {
  if (hideset_contains(hs, mn))
    return hs;
  Hideset *h = arena_alloc(pp->ctx, sizeof(Hideset));
  h->name = mn;
  h->next = hs;
  h->size = hs ? hs->size + 1 : 1;
  return h;
}

/* Whether a is b or one of b's tails (so a is a subset of b). */
static bool hideset_is_tail(const Hideset *a, const Hideset *b) {
  if (!a)
    return true;
  for (; b && b->size >= a->size; b = b->next)
    if (b == a)
      return true;
  return false;
}

static Hideset *hideset_union(PP *pp, Hideset *a, Hideset *b) {
  if (!a || a == b)
    return b;
  if (!b)
    return a;
  if (a == pp->memo_a && b == pp->memo_b)
    return pp->memo_r;
  if (hideset_is_tail(a, b)) /* the usual case: b extends a */
    return b;
  if (hideset_is_tail(b, a))
    return a;
  Hideset *r = b;
  for (Hideset *h = a; h; h = h->next)
    r = hideset_add(pp, r, h->name);
  pp->memo_a = a;
  pp->memo_b = b;
  pp->memo_r = r;
  return r;
}

static Hideset *hideset_intersect(PP *pp, Hideset *a, Hideset *b) {
  if (hideset_is_tail(a, b))
    return a;
  if (hideset_is_tail(b, a))
    return b;
  Hideset *r = NULL;
  for (Hideset *h = a; h; h = h->next)
    if (hideset_contains(b, h->name))
      r = hideset_add(pp, r, h->name);
  return r;
}

/* ---- macro expansion ---------------------------------------------------- */

static void vpush_op(PP *pp, Token *t, const Token *op) {
  if (pp->vlen == pp->vcap) {
    int cap = pp->vcap ? pp->vcap * 2 : 256;
    Slot *v = arena_alloc(pp->ctx, sizeof(Slot) * (size_t)cap);
    if (pp->vlen)
      memcpy(v, pp->v, sizeof(Slot) * (size_t)pp->vlen);
    pp->v = v;
    pp->vcap = cap;
  }
  pp->v[pp->vlen++] = (Slot){t, op};
}

static void vpush(PP *pp, Token *t) {
  vpush_op(pp, t, NULL);
}

/* The argument fully macro-expanded (C11 6.10.3.1), computed once. */
static void expand_arg(PP *pp, MacroArg *a, Mode mode) {
  if (a->expanded)
    return;
  a->expanded = true;
  bool need = false;
  Token *t = a->first;
  for (int i = 0; i < a->n; i++, t = t->next) {
    if (t->kind == TK_IDENT &&
        ((mode == MODE_IF && tok_is(t, "defined")) || pp_expandable(pp, t))) {
      need = true;
      break;
    }
  }
  if (!need) {
    a->exp = a->first;
    a->nexp = a->n;
    return;
  }
  Token head = {0};
  Token *cur = &head, *last = a->first;
  t = a->first;
  for (int i = 0; i < a->n; i++, t = t->next) {
    cur = cur->next = pp_copy_tok(pp, t);
    cur->at_bol = false;
    last = t;
  }
  cur->next = pp_new_eof(pp, last);
  a->exp = pp_expand_list(pp, head.next, mode == MODE_IF ? MODE_IF : MODE_LIST);
  a->nexp = 0;
  /* The expansions done inside the argument are over: as in gcc and clang,
   * what stays is only whether a name was found inside its own expansion
   * ("painted"); the use being substituted adds its own hideset. */
  for (t = a->exp; t->kind != TK_EOF; t = t->next) {
    a->nexp++;
    if (!t->hideset)
      continue;
    MacroName *mn = t->kind == TK_IDENT ? pp_find_name(pp, t->loc, t->len) : NULL;
    if (mn && hideset_contains(t->hideset, mn)) {
      if (!mn->self)
        mn->self = hideset_add(pp, NULL, mn);
      t->hideset = mn->self;
    } else {
      t->hideset = NULL;
    }
  }
}

/* Pushes copies of n tokens from t, hidden by hs. The first one's leading
 * space is *space (clang's NextTokGetsSpace), unless keep_space. */
static void push_arg_tokens(PP *pp, Token *t, int n, Hideset *hs, bool *space, bool keep_space) {
  for (int i = 0; i < n; i++, t = t->next) {
    Token *c = pp_copy_tok(pp, t);
    c->hideset = hideset_union(pp, t->hideset, hs);
    c->at_bol = false;
    if (i == 0 && !keep_space)
      c->has_space = *space;
    vpush(pp, c);
  }
  if (n)
    *space = false;
}

static Token *body_copy(PP *pp, const Token *bt, const Token *name, const Macro *m, Hideset *hs) {
  Token *c = pp_copy_tok(pp, bt);
  c->origin = (Token *)name;
  c->macro_name = m->def.name;
  c->hideset = hs;
  return c;
}

/* '#' parameter: the argument's spelling as a string literal (6.10.3.2). */
static Token *stringize(PP *pp, const Token *hash, const MacroArg *a, const Token *name,
                        const Macro *m, Hideset *hs) {
  size_t len = 2;
  Token *t = a->first;
  for (int i = 0; i < a->n; i++, t = t->next) {
    if (i && (t->has_space || t->at_bol))
      len++;
    len += (size_t)t->len;
    if (t->kind == TK_STR || t->kind == TK_CHAR)
      for (int k = 0; k < t->len; k++)
        len += t->loc[k] == '"' || t->loc[k] == '\\';
  }
  char *s = arena_alloc(pp->ctx, len + 1);
  size_t n = 0;
  s[n++] = '"';
  t = a->first;
  for (int i = 0; i < a->n; i++, t = t->next) {
    if (i && (t->has_space || t->at_bol))
      s[n++] = ' ';
    bool esc = t->kind == TK_STR || t->kind == TK_CHAR;
    for (int k = 0; k < t->len; k++) {
      if (esc && (t->loc[k] == '"' || t->loc[k] == '\\'))
        s[n++] = '\\';
      s[n++] = t->loc[k];
    }
  }
  s[n++] = '"';
  s[n] = '\0';
  Token *r = pp_tok_like(pp, hash, TK_STR, s, (int)n);
  r->origin = (Token *)name;
  r->macro_name = m->def.name;
  r->hideset = hs;
  return r;
}

/* l ## r (6.10.3.3): one token from the two spellings. On failure both are
 * kept (*extra = r) after an error at op, the ## in the definition. */
static Token *paste(PP *pp, Token *l, Token *r, const Token *op, const Token *name, const Macro *m,
                    Token **extra) {
  *extra = NULL;
  Ctx *ctx = pp->ctx;
  char *s = arena_alloc(ctx, (size_t)l->len + (size_t)r->len + 1);
  memcpy(s, l->loc, (size_t)l->len);
  memcpy(s + l->len, r->loc, (size_t)r->len);
  s[l->len + r->len] = '\0';
  Token *t = NULL;
  if (!(s[0] == '/' && (s[1] == '/' || s[1] == '*')))
    t = tokenize_string(ctx, "<scratch space>", s);
  if (!t || t->kind == TK_EOF || t->next->kind != TK_EOF || tok_is_unterminated(t)) {
    Token *at = pp_copy_tok(pp, op);
    at->origin = (Token *)name;
    at->macro_name = m->def.name;
    pp_error(pp, at, "pasting formed '%s', an invalid preprocessing token", s);
    *extra = r;
    return l;
  }
  pp->produced++;
  t->file = l->file;
  t->line = l->line;
  t->col = l->col;
  t->line_delta = l->line_delta;
  t->has_space = l->has_space;
  t->at_bol = false;
  t->origin = (Token *)name;
  t->macro_name = m->def.name;
  t->hideset = hideset_union(pp, l->hideset, r->hideset);
  t->next = NULL;
  return t;
}

/* The index of the ')' that closes the '(' at body index i. */
static int matching_paren(const Macro *m, int i) {
  int depth = 0;
  for (int j = i; j < m->nbody; j++) {
    if (tok_is(&m->body[j], "("))
      depth++;
    else if (tok_is(&m->body[j], ")") && --depth == 0)
      return j;
  }
  return m->nbody - 1;
}

/* The last slot pushed by the substitution in progress, or NULL. */
static Token *last_slot(const PP *pp, int back) {
  return pp->vlen - back > pp->vbase ? pp->v[pp->vlen - 1 - back].t : NULL;
}

static bool last_is_paste(const PP *pp) {
  return last_slot(pp, 0) == &pp->paste_marker;
}

static void subst_range(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                        int from, int to, Mode mode, bool *space);

/* A non-empty argument next to ## goes in unexpanded. GNU `, ## __VA_ARGS__`
 * with variable arguments pastes nothing: as clang, this looks at the comma
 * produced, not at the definition. */
static void subst_pasted_arg(PP *pp, const MacroArg *a, bool is_va, Hideset *hs, bool *space) {
  Token *before_paste = last_slot(pp, 1);
  if (is_va && last_is_paste(pp) && before_paste && tok_is(before_paste, ",")) {
    pp->vlen--;
    push_arg_tokens(pp, a->first, a->n, hs, space, true);
    *space = false;
  } else {
    push_arg_tokens(pp, a->first, a->n, hs, space, false);
  }
}

/* An empty argument as the right operand of ## (C's placemarker): the ##
 * goes; GNU `, ## __VA_ARGS__` without variable arguments loses the comma
 * too (and a ## before it: `x ## , ## __VA_ARGS__` is x). */
static void drop_empty_operand(PP *pp, const MacroArg *a, bool is_va, bool *space) {
  if (last_is_paste(pp))
    pp->vlen--;
  if (is_va && a->absent && last_slot(pp, 0) && tok_is(last_slot(pp, 0), ",")) {
    pp->vlen--;
    if (last_is_paste(pp))
      pp->vlen--;
    *space = false;
  }
}

/* The parameter at body[i], argument a: its expansion, or its tokens
 * unexpanded next to ##. Returns the body index it ends at. */
static int subst_param(PP *pp, const Macro *m, MacroArg *a, bool is_va, Hideset *hs, int i, int to,
                       Mode mode, bool *space) {
  bool prev_paste = i > 0 && tok_is(&m->body[i - 1], "##");
  bool next_paste = i + 1 < to && tok_is(&m->body[i + 1], "##");
  if (!prev_paste && !next_paste) {
    expand_arg(pp, a, mode);
    push_arg_tokens(pp, a->exp, a->nexp, hs, space, false);
  } else if (a->n > 0) {
    subst_pasted_arg(pp, a, is_va, hs, space);
  } else if (next_paste) {
    return i + 1; /* an empty left operand: the ## goes too */
  } else {
    drop_empty_operand(pp, a, is_va, space);
  }
  return i;
}

/* __VA_OPT__ ( ... ) at body[i]: its contents when there are variable
 * arguments. Returns the body index of its ')' (or of a ## dropped after it). */
static int subst_va_opt(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                        int i, int to, Mode mode, bool *space) {
  int j = matching_paren(m, i + 1);
  int before = pp->vlen;
  MacroArg *va = &args[m->nparams - 1];
  expand_arg(pp, va, mode);
  if (va->nexp > 0)
    subst_range(pp, m, name, args, hs, i + 2, j, mode, space);
  if (pp->vlen == before) {
    /* An empty __VA_OPT__ is a placemarker: one ## next to it goes. */
    if (last_is_paste(pp))
      pp->vlen--;
    else if (j + 1 < to && tok_is(&m->body[j + 1], "##"))
      j++;
  }
  return j;
}

/* Substitutes body[from, to) onto the scratch stack (C11 6.10.3.1-3): '#',
 * '##' (as paste_marker), parameters, __VA_OPT__, GNU `, ## __VA_ARGS__`.
 * This follows clang's ExpandFunctionArguments: an empty operand of ## is
 * dropped with the ## next to it (C's placemarker), which decides what the
 * GNU comma rule sees; a body token's leading space (not after ##) goes to
 * the next token produced, *space carrying it over empty arguments. */
static void subst_range(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                        int from, int to, Mode mode, bool *space) {
  for (int i = from; i < to; i++) {
    const Token *bt = &m->body[i];
    int ai = m->arg_index ? m->arg_index[i] : ARG_NONE;
    bool prev_paste = i > from && tok_is(&m->body[i - 1], "##");
    if (i > 0 && bt->has_space && !tok_is(&m->body[i - 1], "##") && m->nparams)
      *space = true;
    if (m->kind == MK_FUNC && tok_is(bt, "#") && i + 1 < to && m->arg_index[i + 1] >= 0) {
      Token *str = stringize(pp, bt, &args[m->arg_index[i + 1]], name, m, hs);
      str->has_space = *space;
      *space = false;
      vpush(pp, str);
      i++;
    } else if (tok_is(bt, "##") && !last_is_paste(pp)) {
      vpush_op(pp, &pp->paste_marker, bt);
      if (m->nparams)
        *space = false;
    } else if (ai >= 0) {
      bool is_va = m->variadic && ai == m->nparams - 1;
      i = subst_param(pp, m, &args[ai], is_va, hs, i, to, mode, space);
    } else if (ai == ARG_VA_OPT) {
      i = subst_va_opt(pp, m, name, args, hs, i, to, mode, space);
    } else {
      Token *c = body_copy(pp, bt, name, m, hs);
      if (m->nparams) {
        /* After a ## with something on its left, a token keeps its own space
         * (it shows only if the paste fails). */
        c->has_space = *space || (prev_paste && last_is_paste(pp) && bt->has_space);
        *space = false;
      }
      vpush(pp, c);
    }
  }
}

/* The replacement of a macro without #, ## or __VA_OPT__, linked after cur:
 * each parameter is its argument's expansion. Returns the last token. */
static Token *subst_simple(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                           Token *cur, Mode mode, bool *space) {
  for (int i = 0; i < m->nbody; i++) {
    const Token *bt = &m->body[i];
    int ai = m->arg_index ? m->arg_index[i] : ARG_NONE;
    if (i > 0 && bt->has_space && m->nparams)
      *space = true;
    if (ai < 0) {
      cur = cur->next = body_copy(pp, bt, name, m, hs);
      if (m->nparams) { /* clang respaces only macros with parameters */
        cur->has_space = *space;
        *space = false;
      }
      continue;
    }
    MacroArg *a = &args[ai];
    expand_arg(pp, a, mode);
    Token *t = a->exp;
    for (int k = 0; k < a->nexp; k++, t = t->next) {
      Token *c = pp_copy_tok(pp, t);
      c->hideset = hideset_union(pp, t->hideset, hs);
      c->at_bol = false;
      if (k == 0) {
        c->has_space = *space;
        *space = false;
      }
      cur = cur->next = c;
    }
  }
  return cur;
}

/* The replacement of any macro, linked after cur: substituted onto the
 * scratch stack, then each ## pasted (left to right). Returns the last token. */
static Token *subst_complex(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                            Token *cur, Mode mode, bool *space) {
  int base = pp->vlen, saved_base = pp->vbase;
  pp->vbase = base;
  subst_range(pp, m, name, args, hs, 0, m->nbody, mode, space);
  pp->vbase = saved_base;
  int out = base;
  for (int k = base; k < pp->vlen; k++) {
    Slot sl = pp->v[k];
    if (sl.t != &pp->paste_marker) {
      pp->v[out++] = sl;
      continue;
    }
    if (k + 1 >= pp->vlen)
      break;
    Token *r = pp->v[++k].t;
    if (out == base) {
      pp->v[out++] = (Slot){r, NULL};
      continue;
    }
    Token *extra;
    pp->v[out - 1].t = paste(pp, pp->v[out - 1].t, r, sl.op, name, m, &extra);
    if (extra)
      pp->v[out++] = (Slot){extra, NULL};
  }
  for (int k = base; k < out; k++)
    cur = cur->next = pp->v[k].t;
  pp->vlen = base;
  return cur;
}

/* The replacement of one macro use, linked in front of `after`. */
static Token *subst(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                    Token *after, Mode mode) {
  Token head = {0};
  bool space = false; /* stays false without parameters */
  Token *cur = m->complex ? subst_complex(pp, m, name, args, hs, &head, mode, &space)
                          : subst_simple(pp, m, name, args, hs, &head, mode, &space);
  /* A space still pending (or an empty expansion's own) goes to the token
   * after it, as clang has it (it shows when that is stringized). */
  if (cur == &head) {
    if (name->has_space || name->at_bol || space)
      after->has_space = true;
    return after;
  }
  if (space)
    after->has_space = true;
  head.next->has_space = name->has_space;
  head.next->at_bol = name->at_bol;
  cur->next = after;
  return head.next;
}

/* A directive inside a macro's arguments, run as gcc and clang run it
 * (#include excepted): returns the token after it. */
static Token *directive_in_args(PP *pp, Token *hash) {
  Token *d = hash->next;
  if (!d->at_bol && (tok_is(d, "include") || tok_is(d, "include_next") || tok_is(d, "import"))) {
    pp_error(pp, d, "#%.*s inside macro arguments is not supported", d->len, d->loc);
    return pp_skip_line(d);
  }
  return pp_directive(pp, hash);
}

/* The arguments of a use being read: one per parameter, then `extra`,
 * where those too many are counted. */
typedef struct {
  MacroArg *args, extra, *cur;
  int nargs;
  Token *extra_sep; /* the ',' before the first argument too many */
} ArgList;

/* A ',' at depth 0 that starts the next argument. */
static void next_arg(const Macro *m, ArgList *al, Token *comma) {
  int np = m->nparams;
  if (al->nargs == np || (np == 0 && al->nargs == 1))
    al->extra_sep = comma;
  al->cur = al->nargs < np ? &al->args[al->nargs] : &al->extra;
  al->nargs++;
  al->cur->first = comma->next;
  al->cur->n = 0;
}

/* Checks the number of arguments once the ')' at rp is read (an error when
 * there are too many or too few); absent variable arguments become empty. */
static bool check_arg_count(PP *pp, const Macro *m, Token *lp, ArgList *al, Token *rp) {
  int np = m->nparams, nargs = al->nargs;
  MacroArg *args = al->args;
  const char *msg = "too %s arguments provided to function-like macro invocation";
  if (np == 0) {
    if (nargs == 1 && args[0].n == 0)
      return true;
    pp_error(pp, args[0].n ? args[0].first : al->extra_sep ? al->extra_sep : lp, msg, "many");
    return false;
  }
  if (m->variadic) {
    if (nargs < np - 1) {
      pp_error(pp, rp, msg, "few");
      return false;
    }
    if (nargs == np - 1)
      args[np - 1] = (MacroArg){.first = rp, .absent = true};
    else if (np == 1 && args[0].n == 0)
      args[0].absent = true; /* F() for F(...) */
    return true;
  }
  if (nargs == np)
    return true;
  Token *at = rp, *sep = al->extra_sep;
  if (nargs > np)
    at = tok_is(sep->next, ",") || tok_is(sep->next, ")") ? sep : sep->next;
  pp_error(pp, at, msg, nargs < np ? "few" : "many");
  return false;
}

/* Reads the arguments of a function-like macro use, from the '(' at lp.
 * On success *end is the closing ')'. On an error *end is where to go on. */
static bool read_args(PP *pp, const Macro *m, Token *name, Token *lp, MacroArg **out, Token **end,
                      Mode mode) {
  int np = m->nparams;
  ArgList al = {.nargs = 1};
  al.args = arena_alloc(pp->ctx, sizeof(MacroArg) * (size_t)(np ? np : 1));
  al.cur = &al.args[0];
  Token *prev = lp, *tok = lp->next;
  al.cur->first = tok;
  int depth = 0;
  for (;;) {
    if (mode == MODE_TOP && pp_is_directive_hash(tok)) {
      Token *after = directive_in_args(pp, tok);
      prev->next = after;
      if (al.cur->n == 0)
        al.cur->first = after;
      tok = after;
      continue;
    }
    if (tok->kind == TK_EOF) {
      pp_error(pp, name, "unterminated function-like macro invocation");
      *end = NULL; /* as clang: the name is lost with the arguments */
      return false;
    }
    if (mode == MODE_TOP && pp->frame && pp->frame->line_delta)
      tok->line_delta = pp->frame->line_delta;
    if (depth == 0 && tok_is(tok, ")"))
      break;
    if (depth == 0 && tok_is(tok, ",") && !(m->variadic && al.nargs == np)) {
      next_arg(m, &al, tok);
    } else {
      if (tok_is(tok, "(") && ++depth > MAX_ARG_NESTING)
        /* F(F(F(...))) a million deep would exhaust memory before any other
         * limit: stop while collecting the outermost call. */
        diag_fatal(pp->ctx, tok, "parentheses in macro arguments nested more than %d deep",
                   MAX_ARG_NESTING);
      else if (tok_is(tok, ")"))
        depth--;
      al.cur->n++;
    }
    prev = tok;
    tok = tok->next;
  }
  *end = tok;
  if (!check_arg_count(pp, m, lp, &al, tok)) {
    *end = tok->next;
    return false;
  }
  *out = al.args;
  return true;
}

/* Expands the macro named by tok, which is not hidden: EXPANDED with the
 * expansion linked in front of the rest at *rest; NOT_EXPANDED for a
 * function-like macro's name without '('; EXPAND_NAME_ONLY after an error in
 * the arguments: tok goes on unexpanded, followed by *rest. */
int pp_expand_macro(PP *pp, Token **rest, Token *tok, MacroName *mn, Mode mode) {
  const Macro *m = mn->def;
  if (m->kind == MK_BUILTIN)
    return pp_expand_builtin(pp, rest, tok, m) ? EXPANDED : NOT_EXPANDED;
  Mode argmode = mode == MODE_IF ? MODE_IF : MODE_LIST;
  if (tok->hideset && tok->hideset->size >= MAX_HIDESET)
    pp_fatal(pp, tok, "macro expansion nested too deeply (more than %d macros)", MAX_HIDESET);
  if (m->kind == MK_OBJ) {
    *rest = subst(pp, m, tok, NULL, hideset_add(pp, tok->hideset, mn), tok->next, argmode);
  } else {
    Token *lp = tok->next;
    if (!tok_is(lp, "("))
      return NOT_EXPANDED;
    MacroArg *args;
    Token *end;
    if (!read_args(pp, m, tok, lp, &args, &end, mode)) {
      /* As clang: the name is passed on as it is (a later rescan may
       * expand it), the arguments are dropped; at the end of the input
       * both are dropped. */
      if (!end) {
        for (end = lp; end->kind != TK_EOF; end = end->next)
          ;
        *rest = end;
        return EXPANDED;
      }
      *rest = end;
      return EXPAND_NAME_ONLY;
    }
    Hideset *hs = hideset_add(pp, hideset_intersect(pp, tok->hideset, end->hideset), mn);
    *rest = subst(pp, m, tok, args, hs, end->next, argmode);
  }
  if (pp->produced > pp->budget)
    pp_fatal(pp, tok, "macro expansion produces too many tokens (more than %lld)", pp->budget);
  return EXPANDED;
}

/* Fully expands a list ending in TK_EOF (argument pre-expansion, #if, computed
 * #include, pp_expand_tokens); the result ends in the same TK_EOF. */
Token *pp_expand_list(PP *pp, Token *tok, Mode mode) {
  if (++pp->expand_depth > MAX_EXPAND_DEPTH)
    pp_fatal(pp, tok, "macro expansion nested too deeply (more than %d levels)", MAX_EXPAND_DEPTH);
  Token head = {0};
  Token *cur = &head;
  while (tok->kind != TK_EOF) {
    if (tok->kind == TK_IDENT) {
      if (mode == MODE_IF && tok_is(tok, "defined")) {
        cur = cur->next = pp_eval_defined(pp, tok, &tok);
        continue;
      }
      MacroName *mn = pp_expandable(pp, tok);
      Token *rest;
      int r = mn ? pp_expand_macro(pp, &rest, tok, mn, mode) : NOT_EXPANDED;
      if (r == EXPANDED) {
        tok = rest;
        continue;
      }
      if (r == EXPAND_NAME_ONLY) {
        cur = cur->next = tok;
        tok = rest;
        continue;
      }
    }
    cur = cur->next = tok;
    tok = tok->next;
  }
  cur->next = tok;
  pp->expand_depth--;
  return head.next;
}
