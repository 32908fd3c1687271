/* pp_builtin.c: the built-in macros: __FILE__, __LINE__, __COUNTER__ and
 * their kin, the _Pragma operator, and the __has_* operators (clang's answers
 * for the target are target.c's tables). */
#include "pp_internal.h"
#include <string.h>

/* An attribute or feature name without its __x__ underscores. */
static void strip_underscores(const char **s, size_t *len) {
  if (*len >= 5 && memcmp(*s, "__", 2) == 0 && memcmp(*s + *len - 2, "__", 2) == 0) {
    *s += 2;
    *len -= 4;
  }
}

/* The result of a built-in macro or operator: a token in place of tok,
 * produced by it (origin, macro_name: so __LINE__ and __COUNTER__ stay
 * recognizable in the result). */
Token *pp_result_token(PP *pp, Token *tok, TokenKind kind, const char *text, Token *after) {
  Token *t = pp_tok_like(pp, tok, kind, text, (int)strlen(text));
  t->origin = tok;
  t->macro_name = tok_str(pp->ctx, tok);
  t->next = after;
  return t;
}

/* s as a string literal's spelling. */
static const char *quoted(Ctx *ctx, const char *s) {
  size_t n = 2;
  for (const char *p = s; *p; p++)
    n += 1 + (*p == '"' || *p == '\\');
  char *r = arena_alloc(ctx, n + 1);
  size_t k = 0;
  r[k++] = '"';
  for (const char *p = s; *p; p++) {
    if (*p == '"' || *p == '\\')
      r[k++] = '\\';
    r[k++] = *p;
  }
  r[k++] = '"';
  r[k] = '\0';
  return r;
}

/* _Pragma ( string-literal ): runs the pragma and leaves nothing. The
 * operand is macro-expanded first, as clang lexes it
 * (`_Pragma(G_STRINGIFY(x))`): the tokens up to the matching ')' are expanded
 * and must give one string literal. */
static bool expand_pragma_operator(PP *pp, Token **rest, Token *tok) {
  Token *lp = tok->next;
  Token *s = lp->next, *rp = NULL;
  if (tok_is(lp, "(") && s->kind == TK_STR && tok_is(s->next, ")")) {
    rp = s->next;
  } else if (tok_is(lp, "(")) {
    Token head = {0};
    Token *cur = &head, *last = lp, *t = lp->next;
    int depth = 0;
    for (; t->kind != TK_EOF; t = t->next) {
      if (tok_is(t, "("))
        depth++;
      else if (tok_is(t, ")") && depth-- == 0)
        break;
      cur = cur->next = pp_copy_tok(pp, t);
      last = t;
    }
    if (t->kind != TK_EOF) {
      cur->next = pp_new_eof(pp, last);
      Token *e = pp_expand_list(pp, head.next, MODE_LIST);
      if (e->kind == TK_STR && e->next->kind == TK_EOF) {
        s = e;
        rp = t;
      }
    }
  }
  if (!rp) {
    pp_error(pp, tok, "_Pragma takes a parenthesized string literal");
    *rest = tok->next;
    return true;
  }
  Token *t = pp_pragma(pp, tokenize_string(pp->ctx, "<_Pragma>", pp_destringize(pp->ctx, s)), tok);
  *rest = rp->next;
  if (t) {
    t->next = rp->next;
    *rest = t;
  }
  return true;
}

/* __has_attribute(x) and its kin: clang's answer for the target (target.c). */
static bool has_name(const Macro *m, const Token *arg) {
  const char *s = arg->loc;
  size_t len = (size_t)arg->len;
  switch (m->builtin) {
  case BI_HAS_ATTRIBUTE: strip_underscores(&s, &len); return target_has_attribute(s, len);
  case BI_HAS_BUILTIN: return target_has_builtin(s, len);
  case BI_HAS_FEATURE: strip_underscores(&s, &len); return target_has_feature(s, len);
  case BI_HAS_EXTENSION: strip_underscores(&s, &len); return target_has_extension(s, len);
  case BI_IS_IDENTIFIER: return !target_is_keyword(s, len);
  case BI_HAS_WARNING:
    return arg->kind == TK_STR && arg->loc[0] == '"' && len > 4 && memcmp(s, "\"-W", 3) == 0 &&
           target_has_warning(s + 3, len - 4);
  default: return false; /* __has_c_attribute, __has_declspec_attribute: none in C17 */
  }
}

/* The value of a __has_* operator's operand at arg; *rp: the token after it. */
static bool has_operand(PP *pp, const Macro *m, Token *arg, Token **rp) {
  if (m->builtin == BI_HAS_INCLUDE || m->builtin == BI_HAS_INCLUDE_NEXT) {
    bool quote;
    int idx;
    char *name = pp_read_header_name(pp, arg, rp, &quote, true);
    return name && pp_find_include(pp, name, quote, m->builtin == BI_HAS_INCLUDE_NEXT, NULL, &idx);
  }
  bool ok = arg->kind == TK_IDENT || (m->builtin == BI_HAS_WARNING && arg->kind == TK_STR);
  if (!ok || arg->at_bol) {
    pp_error(pp, arg, "builtin feature check macro requires a parenthesized identifier");
    *rp = arg;
    return false;
  }
  *rp = arg->next;
  return has_name(m, arg);
}

/* __has_include ( header-name ) and the other __has_* operators: 0 or 1. */
static bool expand_has(PP *pp, Token **rest, Token *tok, const Macro *m) {
  Token *lp = tok->next;
  if (!tok_is(lp, "(")) {
    pp_error(pp, tok, "missing '(' after '%s'", m->def.name);
    *rest = pp_result_token(pp, tok, TK_NUM, "0", tok->next);
    return true;
  }
  Token *rp;
  const char *value = has_operand(pp, m, lp->next, &rp) ? "1" : "0";
  if (!tok_is(rp, ")")) {
    pp_error(pp, rp->at_bol ? tok : rp, "missing ')' after '%s'", m->def.name);
    *rest = pp_result_token(pp, tok, TK_NUM, value, rp);
    return true;
  }
  *rest = pp_result_token(pp, tok, TK_NUM, value, rp->next);
  return true;
}

bool pp_expand_builtin(PP *pp, Token **rest, Token *tok, const Macro *m) {
  Ctx *ctx = pp->ctx;
  const char *text;
  TokenKind kind = TK_STR;
  Frame *f = pp->frame;
  const char *file = f ? f->presumed : pp->main_file ? pp->main_file->name : "";
  switch (m->builtin) {
  case BI_FILE: text = quoted(ctx, file); break;
  case BI_FILE_NAME: {
    const char *slash = strrchr(file, '/');
    text = quoted(ctx, slash ? slash + 1 : file);
    break;
  }
  case BI_BASE_FILE: text = quoted(ctx, pp->main_file ? pp->main_file->name : ""); break;
  case BI_LINE: {
    const Token *use = tok_use_site(tok);
    text = arena_printf(ctx, "%lld", tok_presumed_line(use));
    kind = TK_NUM;
    break;
  }
  case BI_COUNTER:
    text = arena_printf(ctx, "%d", pp->counter++);
    kind = TK_NUM;
    break;
  case BI_INCLUDE_LEVEL:
    text = arena_printf(ctx, "%d", pp->depth > 0 ? pp->depth - 1 : 0);
    kind = TK_NUM;
    break;
  case BI_DATE: text = "\"Jan  1 1970\""; break;
  case BI_TIME: text = "\"00:00:00\""; break;
  case BI_TIMESTAMP: text = "\"Thu Jan  1 00:00:00 1970\""; break;
  case BI_PRAGMA: return expand_pragma_operator(pp, rest, tok);
  default: return expand_has(pp, rest, tok, m);
  }
  *rest = pp_result_token(pp, tok, kind, text, tok->next);
  return true;
}

static const struct {
  const char *name;
  BuiltinKind kind;
} builtin_macros[] = {
    {"__FILE__", BI_FILE},
    {"__LINE__", BI_LINE},
    {"__COUNTER__", BI_COUNTER},
    {"__INCLUDE_LEVEL__", BI_INCLUDE_LEVEL},
    {"__BASE_FILE__", BI_BASE_FILE},
    {"__FILE_NAME__", BI_FILE_NAME},
    {"__DATE__", BI_DATE},
    {"__TIME__", BI_TIME},
    {"__TIMESTAMP__", BI_TIMESTAMP},
    {"_Pragma", BI_PRAGMA},
    {"__has_include", BI_HAS_INCLUDE},
    {"__has_include_next", BI_HAS_INCLUDE_NEXT},
    {"__has_attribute", BI_HAS_ATTRIBUTE},
    {"__has_builtin", BI_HAS_BUILTIN},
    {"__has_feature", BI_HAS_FEATURE},
    {"__has_extension", BI_HAS_EXTENSION},
    {"__has_c_attribute", BI_HAS_C_ATTRIBUTE},
    {"__has_declspec_attribute", BI_HAS_DECLSPEC_ATTRIBUTE},
    {"__is_identifier", BI_IS_IDENTIFIER},
    {"__has_warning", BI_HAS_WARNING},
};

void pp_define_builtins(PP *pp) {
  for (size_t i = 0; i < sizeof builtin_macros / sizeof builtin_macros[0]; i++) {
    const char *name = builtin_macros[i].name;
    MacroName *mn = pp_intern_name(pp, name, (int)strlen(name));
    Macro *m = arena_alloc(pp->ctx, sizeof(Macro));
    m->kind = MK_BUILTIN;
    m->builtin = builtin_macros[i].kind;
    m->invisible = m->builtin == BI_PRAGMA;
    m->mn = mn;
    m->def.name = mn->name;
    m->def.body = &pp->empty_eof;
    mn->def = m;
  }
}
