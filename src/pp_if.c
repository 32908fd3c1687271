/* pp_if.c: the value of an #if or #elif line (C11 6.10.1): `defined`, then
 * macro expansion, then the expression evaluated in intmax_t / uintmax_t as
 * clang does (literals decoded by literal.c). */
#include "pp_internal.h"
#include <stdio.h>
#include <string.h>

typedef struct {
  uint64_t v;
  bool uns;
} Val;

typedef struct {
  PP *pp;
  Token *tok;
  bool err;
  int depth;
} Expr;

/* ---- values and literals -------------------------------------------------- */

static Val expr_error(Expr *e, const Token *at, const char *msg) {
  if (!e->err)
    pp_error(e->pp, at, "%s", msg);
  e->err = true;
  return (Val){0, false};
}

/* An error about byte `at` of t's spelling. */
static Val literal_error(Expr *e, const Token *t, const LitError *err) {
  Token at = tok_at_offset(t, err->at);
  return expr_error(e, &at, err->msg);
}

/* integer-constant (literal.c): in #if, every value is intmax_t or
 * uintmax_t (C11 6.10.1p4); a decimal one too large for intmax_t is unsigned,
 * as in clang. */
static Val eval_int_literal(Expr *e, Token *t) {
  IntLit lit;
  lit_int(t->loc, t->len, &lit);
  if (lit.err.msg[0])
    return literal_error(e, t, &lit.err);
  if (lit.floating || lit.imaginary)
    return expr_error(e, t, "floating point literal in preprocessor expression");
  return (Val){lit.value, lit.is_unsigned || lit.value > (uint64_t)INT64_MAX};
}

/* character-constant (literal.c), with the signedness of its type. */
static Val eval_char_literal(Expr *e, Token *t) {
  CharLit lit;
  lit_char(t->loc, t->len, &lit);
  if (lit.err.msg[0])
    return literal_error(e, t, &lit.err);
  return (Val){(uint64_t)lit.value, lit.type != TY_INT};
}

/* ---- operators ------------------------------------------------------------ */

static Val expr_comma(Expr *e, bool ev);

/* primary: integer-constant | character-constant | identifier | ( expression )
 * unary: (+ | - | ~ | !) unary | primary */
static Val expr_unary(Expr *e, bool ev) {
  if (e->err)
    return (Val){0, false};
  if (++e->depth > MAX_EXPR_DEPTH)
    return expr_error(e, e->tok, "preprocessor expression nested too deeply");
  Token *t = e->tok;
  Val v = {0, false};
  if (t->kind == TK_PUNCT && t->len == 1 && strchr("+-~!", t->loc[0])) {
    e->tok = t->next;
    v = expr_unary(e, ev);
    switch (t->loc[0]) {
    case '-': v.v = 0 - v.v; break;
    case '~': v.v = ~v.v; break;
    case '!': v = (Val){v.v == 0, false}; break;
    default: break;
    }
  } else if (tok_is(t, "(")) {
    e->tok = t->next;
    v = expr_comma(e, ev);
    if (!e->err && !tok_is(e->tok, ")"))
      v = expr_error(e, e->tok->kind == TK_EOF ? t : e->tok,
                     "expected ')' in preprocessor expression");
    else if (!e->err)
      e->tok = e->tok->next;
  } else if (t->kind == TK_NUM) {
    v = eval_int_literal(e, t);
    e->tok = t->next;
  } else if (t->kind == TK_CHAR) {
    v = eval_char_literal(e, t);
    e->tok = t->next;
  } else if (t->kind == TK_IDENT) {
    if (tok_is(t->next, "(")) {
      char msg[160];
      snprintf(msg, sizeof msg, "function-like macro '%.*s' is not defined",
               t->len > 100 ? 100 : t->len, t->loc);
      return expr_error(e, t, msg);
    }
    e->tok = t->next; /* identifiers left after expansion are 0 */
  } else if (t->kind == TK_EOF) {
    v = expr_error(e, t, "expected value in expression");
  } else {
    v = expr_error(e, t, "invalid token at start of a preprocessor expression");
  }
  e->depth--;
  return v;
}

static int binary_prec(const Token *t) {
  if (t->kind != TK_PUNCT)
    return 0;
  char a = t->loc[0], b = t->len > 1 ? t->loc[1] : 0;
  if (t->len == 1) {
    switch (a) {
    case '*':
    case '/':
    case '%': return 10;
    case '+':
    case '-': return 9;
    case '<':
    case '>': return 7;
    case '&': return 5;
    case '^': return 4;
    case '|': return 3;
    default: return 0;
    }
  }
  if (t->len != 2)
    return 0;
  if ((a == '<' && b == '<') || (a == '>' && b == '>'))
    return 8;
  if ((a == '<' || a == '>') && b == '=')
    return 7;
  if ((a == '=' || a == '!') && b == '=')
    return 6;
  if (a == '&' && b == '&')
    return 2;
  if (a == '|' && b == '|')
    return 1;
  return 0;
}

static Val apply_binary(Expr *e, const Token *op, Val l, Val r, bool ev) {
  char a = op->loc[0], b = op->len > 1 ? op->loc[1] : 0;
  bool u = l.uns || r.uns;
  int64_t sl = (int64_t)l.v, sr = (int64_t)r.v;
  switch (binary_prec(op)) {
  case 1: return (Val){l.v || r.v, false};
  case 2: return (Val){l.v && r.v, false};
  case 3: return (Val){l.v | r.v, u};
  case 4: return (Val){l.v ^ r.v, u};
  case 5: return (Val){l.v & r.v, u};
  case 6: return (Val){(l.v == r.v) == (a == '='), false};
  case 7: {
    bool lt = u ? l.v < r.v : sl < sr, gt = u ? l.v > r.v : sl > sr;
    bool res = a == '<' ? (b ? !gt : lt) : (b ? !lt : gt);
    return (Val){res, false};
  }
  case 8: {
    bool big = (!r.uns && sr < 0) || r.v >= 64;
    if (a == '<')
      return (Val){big ? 0 : l.v << r.v, l.uns};
    if (big)
      return (Val){(l.uns || sl >= 0) ? 0 : UINT64_MAX, l.uns};
    return (Val){l.uns ? l.v >> r.v : (uint64_t)(sl >> r.v), l.uns};
  }
  case 9: return (Val){a == '+' ? l.v + r.v : l.v - r.v, u};
  default:
    if (a == '*')
      return (Val){l.v * r.v, u};
    if (r.v == 0) {
      if (ev)
        return expr_error(e, op,
                          a == '/' ? "division by zero in preprocessor expression"
                                   : "remainder by zero in preprocessor expression");
      return (Val){0, u};
    }
    if (u)
      return (Val){a == '/' ? l.v / r.v : l.v % r.v, true};
    if (sl == INT64_MIN && sr == -1)
      return (Val){a == '/' ? l.v : 0, false};
    return (Val){(uint64_t)(a == '/' ? sl / sr : sl % sr), false};
  }
}

/* Binary operators by precedence climbing, C11 6.5.5 to 6.5.14. */
static Val expr_binary(Expr *e, int min_prec, bool ev) {
  Val l = expr_unary(e, ev);
  for (;;) {
    if (e->err)
      return l;
    int p = binary_prec(e->tok);
    if (p == 0 || p < min_prec)
      return l;
    Token *op = e->tok;
    e->tok = op->next;
    bool rev = p == 1 ? ev && !l.v : p == 2 ? ev && l.v : ev;
    Val r = expr_binary(e, p + 1, rev);
    if (e->err)
      return l;
    l = apply_binary(e, op, l, r, ev);
  }
}

/* conditional: logical-or ( ? expression : conditional )? */
static Val expr_cond(Expr *e, bool ev) {
  Val c = expr_binary(e, 1, ev);
  if (e->err || !tok_is(e->tok, "?"))
    return c;
  if (++e->depth > MAX_EXPR_DEPTH)
    return expr_error(e, e->tok, "preprocessor expression nested too deeply");
  Token *q = e->tok;
  e->tok = q->next;
  Val a = expr_comma(e, ev && c.v);
  if (e->err)
    return a;
  if (!tok_is(e->tok, ":"))
    return expr_error(e, e->tok->kind == TK_EOF ? q : e->tok,
                      "expected ':' in preprocessor expression");
  e->tok = e->tok->next;
  Val b = expr_cond(e, ev && !c.v);
  Val r = c.v ? a : b;
  r.uns = a.uns || b.uns;
  e->depth--;
  return r;
}

/* expression: conditional ( , conditional )* */
static Val expr_comma(Expr *e, bool ev) {
  Val v = expr_cond(e, ev);
  while (!e->err && tok_is(e->tok, ",")) {
    e->tok = e->tok->next;
    v = expr_cond(e, ev);
  }
  return v;
}

/* ---- the line ------------------------------------------------------------- */

/* The value of the #if / #elif line after dtok; *rest is the next line. */
bool pp_eval_if_line(PP *pp, Token *dtok, Token **rest) {
  Token head = {0};
  Token *cur = &head, *last = dtok, *t = dtok->next;
  for (; !t->at_bol; t = t->next) {
    cur = cur->next = pp_copy_tok(pp, t);
    last = t;
  }
  *rest = t;
  if (cur == &head) {
    pp_error(pp, dtok, "#%.*s with no expression", dtok->len, dtok->loc);
    return false;
  }
  cur->next = pp_new_eof(pp, last);
  Expr e = {pp, pp_expand_list(pp, head.next, MODE_IF), false, 0};
  Val v = expr_comma(&e, true);
  if (!e.err && e.tok->kind != TK_EOF) {
    if (tok_is_unterminated(e.tok) || e.tok->kind == TK_STR)
      expr_error(&e, e.tok, "invalid token in preprocessor expression");
    else
      expr_error(&e, e.tok, "token is not a valid binary operator in a preprocessor subexpression");
  }
  return !e.err && v.v != 0;
}

/* defined identifier | defined ( identifier ), in #if: 0 or 1. */
Token *pp_eval_defined(PP *pp, Token *tok, Token **rest) {
  Token *t = tok->next;
  bool paren = tok_is(t, "(");
  if (paren)
    t = t->next;
  if (t->kind != TK_IDENT) {
    pp_error(pp, t->kind == TK_EOF ? tok : t, "macro name must be an identifier");
    *rest = t;
    return pp_result_token(pp, tok, TK_NUM, "0", NULL);
  }
  bool value = pp_is_defined(pp, t);
  t = t->next;
  if (paren) {
    if (!tok_is(t, ")"))
      pp_error(pp, t->kind == TK_EOF ? tok : t, "missing ')' after 'defined'");
    else
      t = t->next;
  }
  *rest = t;
  return pp_result_token(pp, tok, TK_NUM, value ? "1" : "0", NULL);
}
