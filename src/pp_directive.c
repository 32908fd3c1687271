/* pp_directive.c: the directives (C11 6.10.1-6.10.9 and GNU's): conditional
 * groups, #define and #undef, #include (pp_include.c finds the file), #line,
 * #error and #warning, and the pragmas the preprocessor runs (once,
 * push_macro, pop_macro, pack). */
#include "pp_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- conditional groups: #if, #ifdef, #elif, #else, #endif ---------------- */

static Cond *push_cond(PP *pp, Token *tok, bool included) {
  if (pp->nconds >= MAX_COND_DEPTH)
    pp_fatal(pp, tok, "#if nested too deeply (more than %d levels)", MAX_COND_DEPTH);
  if (pp->nconds == pp->capconds) {
    int cap = pp->capconds ? pp->capconds * 2 : 64;
    Cond *c = arena_alloc(pp->ctx, sizeof(Cond) * (size_t)cap);
    if (pp->nconds)
      memcpy(c, pp->conds, sizeof(Cond) * (size_t)pp->nconds);
    pp->conds = c;
    pp->capconds = cap;
  }
  Cond *c = &pp->conds[pp->nconds++];
  *c = (Cond){tok, IN_THEN, included, NULL};
  return c;
}

/* Skips a group whose condition is false: returns the '#' of the #elif,
 * #else or #endif that ends it (nested conditionals are skipped whole). */
static Token *skip_group(Token *tok) {
  int depth = 0;
  while (tok->kind != TK_EOF) {
    if (pp_is_directive_hash(tok) && !tok->next->at_bol && tok->next->kind == TK_IDENT) {
      Token *d = tok->next;
      if (tok_is(d, "if") || tok_is(d, "ifdef") || tok_is(d, "ifndef")) {
        depth++;
      } else if (tok_is(d, "endif")) {
        if (depth == 0)
          return tok;
        depth--;
      } else if (depth == 0 && (tok_is(d, "elif") || tok_is(d, "else") || tok_is(d, "elifdef") ||
                                tok_is(d, "elifndef"))) {
        return tok;
      }
    }
    tok = pp_skip_line(tok->next);
  }
  return tok;
}

/* The macro X of an include guard's `#ifndef X` or `#if !defined(X)`. */
static MacroName *guard_name(PP *pp, Token *dtok) {
  Token *t = dtok->next;
  if (tok_is(dtok, "if")) {
    if (!tok_is(t, "!") || t->at_bol || !tok_is(t->next, "defined") || t->next->at_bol)
      return NULL;
    t = t->next->next;
    bool paren = tok_is(t, "(");
    if (paren)
      t = t->next;
    if (t->at_bol || t->kind != TK_IDENT)
      return NULL;
    Token *e = t->next;
    if (paren) {
      if (!tok_is(e, ")") || e->at_bol)
        return NULL;
      e = e->next;
    }
    if (!e->at_bol)
      return NULL;
  } else if (t->at_bol || t->kind != TK_IDENT || !t->next->at_bol) {
    return NULL;
  }
  return pp_intern_name(pp, t->loc, t->len);
}

/* #ifdef / #ifndef / #elifdef / #elifndef: the macro name's definedness. */
static bool ifdef_value(PP *pp, Token *dtok, Token **rest) {
  Token *t = dtok->next;
  if (t->at_bol) {
    pp_error(pp, dtok, "macro name missing");
    *rest = t;
    return false;
  }
  if (t->kind != TK_IDENT) {
    pp_error(pp, t, "macro name must be an identifier");
    *rest = pp_skip_line(t);
    return false;
  }
  bool v = pp_is_defined(pp, t);
  char name[16];
  snprintf(name, sizeof name, "%.*s", dtok->len, dtok->loc);
  *rest = pp_end_of_directive(pp, t->next, name);
  return v;
}

static Token *do_if(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  Frame *f = pp->frame;
  Token *rest;
  bool value;
  if (tok_is(dtok, "if"))
    value = pp_eval_if_line(pp, dtok, &rest);
  else
    value = ifdef_value(pp, dtok, &rest) == tok_is(dtok, "ifdef");
  Cond *c = push_cond(pp, dtok, value);
  if (hash == f->first && f->info && !tok_is(dtok, "ifdef"))
    c->guard = guard_name(pp, dtok);
  return value ? rest : skip_group(rest);
}

static Token *do_elif(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  Frame *f = pp->frame;
  if (pp->nconds == f->cond_base) {
    pp_error(pp, dtok, "#%.*s without #if", dtok->len, dtok->loc);
    return pp_skip_line(dtok->next);
  }
  Cond *c = &pp->conds[pp->nconds - 1];
  if (c->state == IN_ELSE)
    pp_error(pp, dtok, "#%.*s after #else", dtok->len, dtok->loc);
  c->state = IN_ELIF;
  c->guard = NULL;
  if (c->included)
    return skip_group(pp_skip_line(dtok->next));
  Token *rest;
  bool value;
  if (tok_is(dtok, "elif"))
    value = pp_eval_if_line(pp, dtok, &rest);
  else
    value = ifdef_value(pp, dtok, &rest) == tok_is(dtok, "elifdef");
  if (value) {
    c->included = true;
    return rest;
  }
  return skip_group(rest);
}

static Token *do_else(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  Frame *f = pp->frame;
  Token *rest = pp_end_of_directive(pp, dtok->next, "else");
  if (pp->nconds == f->cond_base) {
    pp_error(pp, dtok, "#else without #if");
    return rest;
  }
  Cond *c = &pp->conds[pp->nconds - 1];
  if (c->state == IN_ELSE)
    pp_error(pp, dtok, "#else after #else");
  c->state = IN_ELSE;
  c->guard = NULL;
  if (c->included)
    return skip_group(rest);
  c->included = true;
  return rest;
}

static Token *do_endif(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  Frame *f = pp->frame;
  Token *rest = pp_end_of_directive(pp, dtok->next, "endif");
  if (pp->nconds == f->cond_base) {
    pp_error(pp, dtok, "#endif without #if");
    return rest;
  }
  Cond *c = &pp->conds[--pp->nconds];
  if (c->guard && pp->nconds == f->cond_base && rest->kind == TK_EOF)
    f->info->guard = c->guard;
  return rest;
}

/* ---- #define and #undef --------------------------------------------------- */

/* The index of the parameter named by t, or -1. */
static int param_index(Token **params, int n, const Map *map, const Token *t) {
  if (map)
    return (int)(intptr_t)map_get_hashed(map, t->loc, t->len, map_hash(t->loc, t->len)) - 1;
  for (int k = 0; k < n; k++)
    if (tok_same_spelling(params[k], t))
      return k;
  return -1;
}

/* Adds the parameter named by tok; false after an error. Past PARAM_MAP_MIN
 * parameters, names are looked up by hash. */
static bool add_param(PP *pp, Macro *m, Vec *params, Token *tok) {
  if (tok_is(tok, "__VA_ARGS__"))
    pp_warning(pp, tok, "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro");
  if (param_index((Token **)params->items, params->len, m->param_map, tok) >= 0) {
    pp_error(pp, tok, "duplicate macro parameter name '%.*s'", tok->len, tok->loc);
    return false;
  }
  if (params->len >= MAX_PARAMS) {
    pp_error(pp, tok, "too many macro parameters (more than %d)", MAX_PARAMS);
    return false;
  }
  vec_push(pp->ctx, params, tok);
  if (params->len == PARAM_MAP_MIN + 1) {
    m->param_map = arena_alloc(pp->ctx, sizeof(Map));
    for (int i = 0; i < params->len; i++) {
      Token *p = params->items[i];
      map_put_hashed(pp->ctx, m->param_map, p->loc, p->len, map_hash(p->loc, p->len),
                     (void *)(intptr_t)(i + 1));
    }
  } else if (m->param_map) {
    map_put_hashed(pp->ctx, m->param_map, tok->loc, tok->len, map_hash(tok->loc, tok->len),
                   (void *)(intptr_t)params->len);
  }
  return true;
}

/* identifier-list in a function-like #define: ( [identifier (, identifier)*
 * [, ...] | ...] ), also GNU's `name...`. Returns the token after ')', or
 * NULL after an error. */
static Token *read_params(PP *pp, Macro *m, Token *tok) {
  Vec params = {0};
  Token *prev = tok; /* for errors at the end of the line */
  if (tok_is(tok, ")") && !tok->at_bol) {
    m->nparams = 0;
    return tok->next;
  }
  for (;;) {
    if (tok->at_bol) {
      pp_error(pp, pp_new_eof(pp, prev), "missing ')' in macro parameter list");
      return NULL;
    }
    if (tok_is(tok, "...")) {
      vec_push(pp->ctx, &params, pp_tok_like(pp, tok, TK_IDENT, "__VA_ARGS__", 11));
      m->variadic = true;
    } else if (tok->kind != TK_IDENT) {
      pp_error(pp, tok, "invalid token in macro parameter list");
      return NULL;
    } else if (!add_param(pp, m, &params, tok)) {
      return NULL;
    } else if (!tok->next->at_bol && tok_is(tok->next, "...")) {
      m->variadic = true; /* GNU named variadic parameter */
      tok = tok->next;
    }
    prev = tok;
    tok = tok->next;
    if (!tok->at_bol && tok_is(tok, ")"))
      break;
    if (tok->at_bol || m->variadic) {
      pp_error(pp, tok->at_bol ? pp_new_eof(pp, prev) : tok,
               m->variadic ? "missing ')' in macro parameter list"
                           : "expected comma in macro parameter list");
      return NULL;
    }
    if (!tok_is(tok, ",")) {
      pp_error(pp, tok, "expected comma in macro parameter list");
      return NULL;
    }
    prev = tok;
    tok = tok->next;
  }
  m->nparams = params.len;
  m->params = (Token **)params.items;
  return tok->next;
}

static bool same_definition(const Macro *a, const Macro *b) {
  if (a->kind != b->kind || a->nparams != b->nparams || a->variadic != b->variadic ||
      a->nbody != b->nbody)
    return false;
  for (int i = 0; i < a->nparams; i++)
    if (!tok_same_spelling(a->params[i], b->params[i]))
      return false;
  for (int i = 0; i < a->nbody; i++) {
    const Token *x = &a->body[i], *y = &b->body[i];
    if (x->kind != y->kind || !tok_same_spelling(x, y) || (i > 0 && x->has_space != y->has_space))
      return false;
  }
  return true;
}

static void install_macro(PP *pp, Macro *m, const Token *name) {
  MacroName *mn = pp_intern_name(pp, name->loc, name->len);
  Macro *old = mn->def;
  if (old && old->kind == MK_BUILTIN)
    pp_warning(pp, name, "redefining builtin macro");
  else if (old && !same_definition(old, m))
    pp_warning(pp, name, "'%s' macro redefined", mn->name);
  m->mn = mn;
  m->def.name = mn->name;
  mn->def = m;
  if (pp->defs_tail)
    pp->defs_tail->next_def = m;
  else
    pp->defs_head = m;
  pp->defs_tail = m;
}

/* Copies the replacement list from tok to the end of the line into m->body
 * (then TK_EOF); returns the next line. */
static Token *copy_body(PP *pp, Macro *m, const Token *name, Token *tok) {
  int n = 0;
  for (Token *t = tok; !t->at_bol; t = t->next)
    n++;
  m->nbody = n;
  m->body = arena_alloc(pp->ctx, sizeof(Token) * (size_t)(n + 1));
  if (m->kind == MK_FUNC)
    m->arg_index = arena_alloc(pp->ctx, sizeof(short) * (size_t)(n + 1));
  Token *t = tok;
  for (int i = 0; i < n; i++, t = t->next) {
    m->body[i] = *t;
    m->body[i].at_bol = false;
    m->body[i].next = &m->body[i + 1];
    if (i == 0)
      m->body[i].has_space = false;
  }
  Token *eof = &m->body[n];
  *eof = n ? m->body[n - 1] : *name;
  eof->kind = TK_EOF;
  eof->loc = eof->loc + eof->len;
  eof->len = 0;
  eof->next = NULL;
  m->def.body = m->body;
  return t;
}

/* __VA_OPT__ at body[i] of a variadic macro: it must be followed by a
 * balanced ( ... ). False after an error. */
static bool mark_va_opt(PP *pp, Macro *m, int i) {
  Token *bt = &m->body[i];
  if (i + 1 >= m->nbody || !tok_is(&m->body[i + 1], "(")) {
    pp_error(pp, bt, "missing '(' following __VA_OPT__");
    return false;
  }
  int depth = 0, j = i + 1;
  for (; j < m->nbody; j++) {
    if (tok_is(&m->body[j], "("))
      depth++;
    else if (tok_is(&m->body[j], ")") && --depth == 0)
      break;
  }
  if (j == m->nbody) {
    pp_error(pp, bt, "unterminated __VA_OPT__");
    return false;
  }
  m->arg_index[i] = ARG_VA_OPT;
  m->complex = true;
  return true;
}

/* Finds the parameters, ## and __VA_OPT__ in the replacement list (C11
 * 6.10.3.3p1: no ## at either end); then every # must name a parameter
 * (6.10.3.2p1). False after an error. */
static bool mark_body(PP *pp, Macro *m) {
  int n = m->nbody;
  for (int i = 0; i < n; i++) {
    Token *bt = &m->body[i];
    if (tok_is(bt, "##")) {
      m->complex = true;
      if (i == 0 || i == n - 1) {
        pp_error(pp, bt, "'##' cannot appear at either end of a macro expansion");
        return false;
      }
    }
    if (m->kind != MK_FUNC)
      continue;
    int k = bt->kind == TK_IDENT ? param_index(m->params, m->nparams, m->param_map, bt) : -1;
    m->arg_index[i] = k >= 0 ? (short)k : ARG_NONE;
    if (k < 0 && bt->kind == TK_IDENT && m->variadic && tok_is(bt, "__VA_OPT__") &&
        !mark_va_opt(pp, m, i))
      return false;
  }
  for (int i = 0; i < n && m->kind == MK_FUNC; i++) {
    if (!tok_is(&m->body[i], "#"))
      continue;
    m->complex = true;
    if (i + 1 >= n || m->arg_index[i + 1] < 0) {
      pp_error(pp, &m->body[i], "'#' is not followed by a macro parameter");
      return false;
    }
  }
  return true;
}

/* #define identifier [( parameters )] replacement-list */
static Token *do_define(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  Token *name = dtok->next;
  if (name->at_bol) {
    pp_error(pp, dtok, "macro name missing");
    return name;
  }
  if (name->kind != TK_IDENT || tok_is(name, "defined")) {
    pp_error(pp, name,
             name->kind != TK_IDENT ? "macro name must be an identifier"
                                    : "'defined' cannot be used as a macro name");
    return pp_skip_line(name);
  }
  Macro *m = arena_alloc(pp->ctx, sizeof(Macro));
  m->def.def = name;
  m->kind = MK_OBJ;
  Token *tok = name->next;
  if (!tok->at_bol && tok_is(tok, "(") && !tok->has_space) {
    m->kind = MK_FUNC;
    tok = read_params(pp, m, tok->next);
    if (!tok)
      return pp_skip_line(name);
  }
  Token *rest = copy_body(pp, m, name, tok);
  if (mark_body(pp, m))
    install_macro(pp, m, name);
  return rest;
}

static Token *do_undef(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  Token *name = dtok->next;
  if (name->at_bol) {
    pp_error(pp, dtok, "macro name missing");
    return name;
  }
  if (name->kind != TK_IDENT) {
    pp_error(pp, name, "macro name must be an identifier");
    return pp_skip_line(name);
  }
  MacroName *mn = pp_find_name(pp, name->loc, name->len);
  if (mn && mn->def) {
    if (mn->def->kind == MK_BUILTIN)
      pp_warning(pp, name, "undefining builtin macro");
    mn->def = NULL;
  }
  return pp_end_of_directive(pp, name->next, "undef");
}

/* ---- #include ------------------------------------------------------------- */

/* #include, #include_next, #import. */
static Token *do_include(PP *pp, Token *hash) {
  Token *dtok = hash->next;
  bool next = tok_is(dtok, "include_next");
  bool import = tok_is(dtok, "import");
  Token *rest;
  bool quote;
  Token *name_tok = dtok->next;
  if (name_tok->at_bol) {
    pp_error(pp, dtok, "expected \"FILENAME\" or <FILENAME>");
    return name_tok;
  }
  char *name = pp_read_header_name(pp, name_tok, &rest, &quote, false);
  if (!rest->at_bol)
    rest = pp_end_of_directive(pp, rest, next ? "include_next" : import ? "import" : "include");
  if (!name)
    return rest;
  if (!*name) {
    pp_error(pp, name_tok, "empty filename");
    return rest;
  }
  int idx;
  FileInfo *fi = pp_find_include(pp, name, quote, next, dtok, &idx);
  if (!fi && !quote && (fi = pp_find_include(pp, name, true, false, dtok, &idx))) {
    /* clang's recovery: still an error, but the file is read. */
    pp_error(pp, name_tok, "'%s' file not found with <angled> include; use \"quotes\" instead",
             name);
  } else if (!fi) {
    pp_error(pp, name_tok, "'%s' file not found", name);
    return rest;
  }
  if (fi->once || (fi->guard && fi->guard->def))
    return rest;
  if (import)
    fi->once = true;
  pp->frame->cur = rest;
  pp_push_file(pp, fi, idx, dtok);
  return rest;
}

/* ---- pragmas -------------------------------------------------------------- */

/* What a #pragma pack asks. */
typedef struct {
  bool push, pop, set;
  const char *label; /* pack(push, label), or NULL */
  int value;         /* set: the new maximum alignment, 0 for the default */
} PackArgs;

/* The operands of pack after its '(' at t, up to the ')'; false (after a
 * warning at tok, "pack") when the pragma is to be ignored. */
static bool read_pack_args(PP *pp, Token *tok, Token *t, PackArgs *a) {
  if (tok_is(t, "push") || tok_is(t, "pop")) {
    a->push = tok_is(t, "push");
    a->pop = !a->push;
    for (t = t->next; tok_is(t, ","); t = t->next) {
      t = t->next;
      if (t->kind == TK_IDENT && !a->label && !a->set) {
        a->label = tok_str(pp->ctx, t);
      } else if (t->kind == TK_NUM && !a->set) {
        a->set = true;
        a->value = (int)strtol(tok_str(pp->ctx, t), NULL, 0);
      } else {
        break;
      }
    }
  } else if (t->kind == TK_NUM) {
    a->set = true;
    a->value = (int)strtol(tok_str(pp->ctx, t), NULL, 0);
    t = t->next;
  } else if (tok_is(t, ")")) {
    a->set = true; /* pack(): the default */
  }
  if (!tok_is(t, ")")) {
    pp_warning(pp, tok, "missing ')' after '#pragma pack' - ignoring");
    return false;
  }
  if (a->set && a->value != 0 && (a->value > 16 || (a->value & (a->value - 1)))) {
    pp_warning(pp, tok, "expected #pragma pack parameter to be '1', '2', '4', '8', or '16'");
    return false;
  }
  return true;
}

/* Pushes, pops (to the label's entry when there is one) and sets pp->pack. */
static void apply_pack(PP *pp, const Token *tok, const PackArgs *a) {
  Vec *st = &pp->pack_stack;
  if (a->push) {
    PackEntry *e = arena_alloc(pp->ctx, sizeof *e);
    e->label = a->label;
    e->value = pp->pack;
    vec_push(pp->ctx, st, e);
  } else if (a->pop) {
    int i = st->len - 1;
    for (; a->label && i >= 0; i--) {
      const PackEntry *e = st->items[i];
      if (e->label && strcmp(e->label, a->label) == 0)
        break;
    }
    if (i < 0) {
      pp_warning(pp, tok, "#pragma pack(pop, ...) failed: stack empty");
    } else {
      pp->pack = ((PackEntry *)st->items[i])->value;
      st->len = i;
    }
  }
  if (a->set)
    pp->pack = a->value;
}

/* pack ( [show | push [, identifier] [, n] | pop [, identifier | n] | n] ),
 * as clang's Sema::ActOnPragmaPack: n is 1, 2, 4, 8 or 16 (anything else
 * ignores the pragma). tok: "pack"; the operands are macro-expanded. Returns
 * the token that tells the parser the new maximum field alignment (spelled
 * "#pragma pack(N)", "#pragma pack()" for none), NULL when nothing changed. */
static Token *pragma_pack(PP *pp, Token *tok, const Token *model) {
  Token head = {0};
  Token *cur = &head, *last = tok;
  for (Token *t = tok->next; t->kind != TK_EOF && !t->at_bol; t = t->next) {
    cur = cur->next = pp_copy_tok(pp, t);
    last = t;
  }
  cur->next = pp_new_eof(pp, last);
  Token *t = pp_expand_list(pp, head.next, MODE_LIST);
  if (!tok_is(t, "(")) {
    pp_warning(pp, tok, "missing '(' after '#pragma pack' - ignoring");
    return NULL;
  }
  PackArgs a = {0};
  if (tok_is(t->next, "show") || !read_pack_args(pp, tok, t->next, &a))
    return NULL;
  int old = pp->pack;
  apply_pack(pp, tok, &a);
  if (pp->pack == old)
    return NULL;
  const char *text =
      pp->pack ? arena_printf(pp->ctx, "#pragma pack(%d)", pp->pack) : "#pragma pack()";
  Token *r = pp_tok_like(pp, model, TK_PUNCT, text, (int)strlen(text));
  r->at_bol = true;
  r->hideset = NULL;
  return r;
}

/* #pragma once, push_macro("X"), pop_macro("X"), pack(...); every other
 * pragma is ignored. tok: the pragma's first token (a list ending at a new
 * line or EOF); model: where it was written. Returns a token for the parser
 * (pragma pack) or NULL. */
Token *pp_pragma(PP *pp, Token *tok, const Token *model) {
  if (tok->kind == TK_EOF)
    return NULL;
  if (tok_is(tok, "once")) {
    if (pp->frame && pp->frame->info)
      pp->frame->info->once = true;
    return NULL;
  }
  if (tok_is(tok, "pack"))
    return pragma_pack(pp, tok, model);
  bool push = tok_is(tok, "push_macro");
  if (push || tok_is(tok, "pop_macro")) {
    Token *lp = tok->next, *s = lp->next;
    if (!tok_is(lp, "(") || s->kind != TK_STR || !tok_is(s->next, ")")) {
      pp_warning(pp, tok, "pragma %s requires a parenthesized string",
                 push ? "push_macro" : "pop_macro");
      return NULL;
    }
    char *name = pp_destringize(pp->ctx, s);
    MacroName *mn = pp_intern_name(pp, name, (int)strlen(name));
    if (push) {
      vec_push(pp->ctx, &mn->pushed, mn->def);
    } else if (mn->pushed.len) {
      mn->def = mn->pushed.items[--mn->pushed.len];
    }
  }
  return NULL;
}

/* ---- #line, #error, #warning, and the dispatch ---------------------------- */

/* #line digit-sequence ["s-char-sequence"], and GNU's # digit-sequence
 * "file" flags... (tok: the number). */
static Token *do_line(PP *pp, Token *hash, Token *tok, bool gnu) {
  Token *rest = pp_skip_line(tok);
  Token head = {0};
  Token *cur = &head, *last = tok;
  for (Token *t = tok; t != rest; t = t->next) {
    cur = cur->next = pp_copy_tok(pp, t);
    cur->at_bol = false;
    last = t;
  }
  if (cur == &head) {
    pp_error(pp, hash, "#line directive requires a simple digit sequence");
    return rest;
  }
  cur->next = pp_new_eof(pp, last);
  Token *e = gnu ? head.next : pp_expand_list(pp, head.next, MODE_LIST);
  long n = 0;
  bool ok = e->kind == TK_NUM;
  for (int i = 0; ok && i < e->len; i++) {
    ok = e->loc[i] >= '0' && e->loc[i] <= '9';
    n = n * 10 + (e->loc[i] - '0');
    if (n > 2147483647L)
      ok = false;
  }
  if (!ok) {
    pp_error(pp, e->kind == TK_EOF ? hash : e, "#line directive requires a simple digit sequence");
    return rest;
  }
  Frame *f = pp->frame;
  f->line_delta = (int)n - (hash->line + 1);
  if (e->next->kind == TK_STR)
    f->presumed = pp_destringize(pp->ctx, e->next);
  else if (e->next->kind != TK_EOF && !gnu)
    pp_error(pp, e->next, "invalid filename for #line directive");
  return rest;
}

/* The text of a #error / #warning line. */
static char *line_text(Ctx *ctx, Token *tok) {
  size_t n = 0;
  for (Token *t = tok; !t->at_bol; t = t->next)
    n += (size_t)t->len + 1;
  char *s = arena_alloc(ctx, n + 1);
  n = 0;
  for (Token *t = tok; !t->at_bol; t = t->next) {
    if (t != tok && (t->has_space))
      s[n++] = ' ';
    memcpy(s + n, t->loc, (size_t)t->len);
    n += (size_t)t->len;
  }
  s[n] = '\0';
  return s;
}

/* #error, #warning: the rest of the line as the message. */
static Token *do_error(PP *pp, Token *hash) {
  Token *d = hash->next;
  pp_error(pp, d, "%s", line_text(pp->ctx, d->next));
  return pp_skip_line(d);
}

static Token *do_warning(PP *pp, Token *hash) {
  Token *d = hash->next;
  pp_warning(pp, d, "%s", line_text(pp->ctx, d->next));
  return pp_skip_line(d);
}

/* #ident, #sccs, #assert, #unassert: accepted and ignored, as clang does. */
static Token *do_ignored(PP *pp, Token *hash) {
  (void)pp;
  return pp_skip_line(hash->next);
}

/* #pragma: what it gives the parser (#pragma pack) comes first. */
static Token *do_pragma(PP *pp, Token *hash) {
  Token *d = hash->next;
  Token *rest = pp_skip_line(d);
  Token *t = d->next->at_bol ? NULL : pp_pragma(pp, d->next, d);
  if (!t)
    return rest;
  t->next = rest;
  return t;
}

static Token *do_line_directive(PP *pp, Token *hash) {
  return do_line(pp, hash, hash->next->next, false);
}

/* Every directive by name, the most frequent first. */
static const struct {
  const char *name;
  Token *(*run)(PP *pp, Token *hash);
} directives[] = {
    {"define", do_define},
    {"ifndef", do_if},
    {"endif", do_endif},
    {"ifdef", do_if},
    {"if", do_if},
    {"else", do_else},
    {"include", do_include},
    {"undef", do_undef},
    {"elif", do_elif},
    {"pragma", do_pragma},
    {"error", do_error},
    {"warning", do_warning},
    {"elifdef", do_elif},
    {"elifndef", do_elif},
    {"include_next", do_include},
    {"import", do_include},
    {"line", do_line_directive},
    {"ident", do_ignored},
    {"sccs", do_ignored},
    {"assert", do_ignored},
    {"unassert", do_ignored},
};

/* A directive at '#' hash (6.10): returns the token after it, which may be
 * far away when a group is skipped. An #include also pushes its file. */
Token *pp_directive(PP *pp, Token *hash) {
  Token *d = hash->next;
  if (d->at_bol)
    return d; /* the null directive */
  Frame *f = pp->frame;
  if (f->line_delta)
    for (Token *t = d; !t->at_bol; t = t->next)
      t->line_delta = f->line_delta;
  if (d->kind == TK_NUM)
    return do_line(pp, hash, d, true); /* GNU's # 42 "file" */
  for (size_t i = 0; d->kind == TK_IDENT && i < sizeof directives / sizeof *directives; i++)
    if (tok_is(d, directives[i].name))
      return directives[i].run(pp, hash);
  pp_error(pp, d, "invalid preprocessing directive");
  return pp_skip_line(d);
}
