/* parse_expr.c: C expressions as far as declarations need them, evaluated
 * as clang's constant folder does for wasm32: integer constant expressions
 * (array bounds, enumerators, bitfield widths, _Static_assert, aligned(N),
 * #define constants) with C11's literal types and usual arithmetic
 * conversions, floating constants cast to integers, address constants of
 * the offsetof kind (`&((T *)0)->m`), and, for the operands of sizeof and
 * typeof, just the type of any expression.
 *
 * Every function computes an ExprVal: its type, and its value when it is a
 * constant. `E.unevaluated` counts operands that are not evaluated (sizeof,
 * the branch a constant condition does not take), where what would not be a
 * constant (division by zero) does not matter. */
#include "internal.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  ParseState *ps;
  Ctx *ctx;
  int unevaluated;
  int depth; /* operands being parsed, nested (cast()): bounded by MAX_EXPR_DEPTH */
} E;

/* The deepest nesting of operands (parentheses, unary operators, casts) an
 * expression may have, as clang's default -fbracket-depth: deeper input would
 * exhaust the C stack (tests/fuzz/pathological.test.mjs). */
#define MAX_EXPR_DEPTH 256

static void assign(E *e, Token **rest, Token *tok, ExprVal *v);
static void conditional(E *e, Token **rest, Token *tok, ExprVal *v);
static void cast(E *e, Token **rest, Token *tok, ExprVal *v);
static void unary(E *e, Token **rest, Token *tok, ExprVal *v);

/* ---- values ------------------------------------------------------------------ */

/* v truncated to the width of integer type ty (sign- or zero-extended). */
static int64_t wrap_int(int64_t v, const Type *ty) {
  if (ty->kind == TY_BOOL)
    return v != 0;
  int bits = type_int_bits(ty);
  if (bits >= 64 || bits == 0)
    return v;
  uint64_t mask = ((uint64_t)1 << bits) - 1;
  uint64_t u = (uint64_t)v & mask;
  if (!type_is_unsigned(ty) && (u >> (bits - 1)) & 1)
    u |= ~mask;
  return (int64_t)u;
}

static void set_int(ExprVal *v, Type *ty, int64_t val) {
  memset(v, 0, sizeof *v);
  v->ty = ty;
  v->is_const = true;
  v->i = wrap_int(val, ty);
}

static void set_nonconst(ExprVal *v, Type *ty) {
  memset(v, 0, sizeof *v);
  v->ty = ty;
}

static Type *size_type(E *e) {
  return type_builtin(e->ctx, TY_ULONG);
} /* size_t */

/* Lvalue conversion, array and function decay (C11 6.3.2.1). */
static void rvalue(E *e, ExprVal *v) {
  if (v->ty->kind == TY_ARRAY) {
    bool c = v->lvalue && v->addr_const;
    int64_t addr = v->addr;
    Type *ty = type_pointer_to(e->ctx, v->ty->base);
    set_nonconst(v, ty);
    v->is_const = c;
    v->i = addr;
    return;
  }
  if (v->ty->kind == TY_FUNC) {
    set_nonconst(v, type_pointer_to(e->ctx, v->ty));
    return;
  }
  if (v->lvalue) {
    Type *ty = type_unqualified(e->ctx, v->ty);
    set_nonconst(v, ty);
    return;
  }
  if (v->ty->quals)
    v->ty = type_unqualified(e->ctx, v->ty);
}

static double as_double(const ExprVal *v) {
  if (type_is_float(v->ty))
    return v->f;
  if (type_is_unsigned(v->ty))
    return (double)(uint64_t)v->i;
  return (double)v->i;
}

/* A floating value converted to an integer type (clang saturates). */
static int64_t float_to_int(double d, const Type *ty) {
  if (ty->kind == TY_BOOL)
    return d != 0;
  if (d != d)
    return 0;
  int bits = type_int_bits(ty);
  if (bits > 64)
    bits = 64;
  if (type_is_unsigned(ty)) {
    if (d <= 0)
      return 0;
    double max = bits == 64 ? 18446744073709551615.0 : (double)(((uint64_t)1 << bits) - 1);
    if (d >= max)
      return bits == 64 ? -1 : (int64_t)(((uint64_t)1 << bits) - 1);
    return (int64_t)(uint64_t)d;
  }
  double max = bits == 64 ? 9223372036854775807.0 : (double)(((int64_t)1 << (bits - 1)) - 1);
  double min = bits == 64 ? -9223372036854775808.0 : -(double)((int64_t)1 << (bits - 1));
  if (d >= max)
    return bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
  if (d <= min)
    return bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
  return (int64_t)d;
}

static double round_float(double d, const Type *ty) {
  return ty->kind == TY_FLOAT ? (double)(float)d : d;
}

/* Converts an rvalue to ty (casts, usual arithmetic conversions). */
static void convert(E *e, ExprVal *v, Type *ty) {
  (void)e;
  bool c = v->is_const;
  if (ty->kind == TY_VOID) {
    set_nonconst(v, ty);
    return;
  }
  if (type_is_integer(ty)) {
    int64_t val = 0;
    if (type_is_float(v->ty))
      val = float_to_int(v->f, ty);
    else if (v->ty->kind == TY_BOOL || type_is_integer(v->ty) || v->ty->kind == TY_PTR)
      val = ty->kind == TY_BOOL ? v->i != 0 : v->i;
    else
      c = false;
    set_int(v, ty, val);
    v->is_const = c;
    return;
  }
  if (type_is_float(ty)) {
    double d = as_double(v);
    set_nonconst(v, ty);
    v->is_const = c;
    v->f = round_float(d, ty);
    return;
  }
  if (ty->kind == TY_PTR) {
    int64_t addr = type_is_float(v->ty) ? 0 : v->i;
    if (type_is_float(v->ty))
      c = false;
    set_nonconst(v, ty);
    v->is_const = c;
    v->i = (int64_t)(uint32_t)addr;
    return;
  }
  set_nonconst(v, ty);
}

static bool is_arith(const Type *ty) {
  return type_is_integer(ty) || type_is_float(ty);
}

static void need_arith(E *e, const Token *tok, const ExprVal *v) {
  if (!is_arith(v->ty))
    parse_fail(e->ps, tok, "invalid operand of type '%s'", type_spelling(e->ctx, v->ty, NULL));
}

static void need_integer(E *e, const Token *tok, const ExprVal *v) {
  if (!type_is_integer(v->ty))
    parse_fail(e->ps, tok, "invalid operand of type '%s' (an integer is required)",
               type_spelling(e->ctx, v->ty, NULL));
}

static void need_scalar(E *e, const Token *tok, const ExprVal *v) {
  if (!type_is_scalar(v->ty))
    parse_fail(e->ps, tok, "invalid operand of type '%s' (a scalar is required)",
               type_spelling(e->ctx, v->ty, NULL));
}

static bool truth(const ExprVal *v) {
  if (type_is_float(v->ty))
    return v->f != 0;
  return v->i != 0;
}

/* ---- literals ------------------------------------------------------------------ */

/* Reports a literal's error (literal.c) at the byte it is about. */
static _Noreturn void literal_fail(ParseState *ps, const Token *tok, const LitError *err) {
  Token at = tok_at_offset(tok, err->at);
  parse_fail(ps, &at, "%s", err->msg);
}

static int utf8_encode(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The encoding of adjacent string literals: the widest of theirs (a wide
 * one makes them all wide, C11 6.4.5p5). *cap: bytes enough for the
 * narrow contents. */
static LitEncoding strings_encoding(const Token *tok, size_t *cap) {
  LitEncoding enc = LIT_PLAIN;
  *cap = 0;
  for (const Token *t = tok; t->kind == TK_STR; t = t->next) {
    const char *body;
    LitEncoding e = lit_encoding(t->loc, &body);
    if (lit_elem_size(e) > lit_elem_size(enc))
      enc = e;
    *cap += (size_t)t->len * 4;
  }
  return enc;
}

Token *parse_string_literal(ParseState *ps, Token *tok, const char **out, int *len, int *elem,
                            int64_t *count) {
  size_t cap;
  LitEncoding enc = strings_encoding(tok, &cap);
  int size = lit_elem_size(enc);
  char *buf = out ? arena_alloc(parse_ctx(ps), cap + 1) : NULL;
  size_t n = 0;
  int64_t elems = 0;
  for (; tok->kind == TK_STR; tok = tok->next) {
    const char *p, *end = tok->loc + tok->len - 1; /* the closing quote */
    lit_encoding(tok->loc, &p);
    while (p < end) {
      LitChar c;
      LitError err;
      if (!lit_read_char(tok->loc, &p, end, enc, true, &c, &err))
        literal_fail(ps, tok, &err);
      if (size > 1) {
        elems += size == 2 && c.value > 0xFFFF ? 2 : 1; /* a surrogate pair */
        continue;
      }
      char u[4] = {(char)c.value};
      int k = c.code_point ? utf8_encode(c.value, u) : 1;
      if (buf)
        memcpy(buf + n, u, (size_t)k);
      n += (size_t)k;
      elems += k;
    }
  }
  if (out) {
    buf[n] = '\0';
    *out = buf;
  }
  *len = (int)n;
  *elem = size;
  *count = elems + 1;
  return tok;
}

/* character-constant (C11 6.4.4.4), decoded by literal.c. */
static void char_literal(E *e, Token *tok, ExprVal *v) {
  CharLit lit;
  lit_char(tok->loc, tok->len, &lit);
  if (lit.err.msg[0])
    literal_fail(e->ps, tok, &lit.err);
  set_int(v, type_builtin(e->ctx, lit.type), lit.value);
}

/* floating-constant: literal.c checked its syntax, strtod reads its value. */
static void floating_constant(E *e, Token *tok, char suffix, ExprVal *v) {
  if (suffix == 'q')
    parse_fail(e->ps, tok, "the type '__float128' is not supported on wasm32");
  char buf[128];
  if (tok->len >= (int)sizeof buf)
    parse_fail(e->ps, tok, "floating constant too long");
  memcpy(buf, tok->loc, (size_t)tok->len);
  buf[tok->len] = '\0';
  double d = strtod(buf, NULL);
  TypeKind k = suffix == 'f' ? TY_FLOAT : suffix == 'l' ? TY_LDOUBLE : TY_DOUBLE;
  set_nonconst(v, type_builtin(e->ctx, k));
  v->is_const = true;
  v->f = round_float(d, v->ty);
}

/* integer-constant / floating-constant (C11 6.4.4.1-2) with wasm32 types. */
static void number(E *e, Token *tok, ExprVal *v) {
  IntLit lit;
  lit_int(tok->loc, tok->len, &lit);
  if (lit.err.msg[0])
    literal_fail(e->ps, tok, &lit.err);
  if (lit.imaginary)
    parse_fail(e->ps, tok, "complex values are not supported");
  if (lit.floating)
    floating_constant(e, tok, lit.float_suffix, v);
  else
    set_int(v, type_builtin(e->ctx, lit_int_type(&lit)), (int64_t)lit.value);
}

/* ---- primary and postfix ------------------------------------------------------ */

/* member-designator = ident ("." ident | "[" expression "]")*  (offsetof) */
static int64_t offsetof_designator(E *e, Token **rest, Token *tok, Type *ty) {
  int64_t offset = 0;
  bool first = true;
  for (;;) {
    if (first || tok_is(tok, ".")) {
      if (!first)
        tok = tok->next;
      first = false;
      if (ty->kind != TY_STRUCT || !ty->record->complete)
        parse_fail(e->ps, tok,
                   "offsetof of a member of '%s', which is not a complete struct or union",
                   type_spelling(e->ctx, ty, NULL));
      if (tok->kind != TK_IDENT)
        parse_fail(e->ps, tok, "expected a member name");
      int64_t off;
      Member *m = parse_find_member(ty->record, tok->loc, tok->len, &off);
      if (!m)
        parse_fail(e->ps, tok, "no member named '%.*s' in '%s'", tok->len, tok->loc,
                   type_spelling(e->ctx, ty, NULL));
      if (m->bit_width >= 0)
        parse_fail(e->ps, tok, "cannot compute offset of bit-field '%s'", m->name);
      offset += off;
      ty = m->type;
      tok = tok->next;
    } else if (tok_is(tok, "[")) {
      if (ty->kind != TY_ARRAY)
        parse_fail(e->ps, tok, "subscript of a member that is not an array");
      ExprVal idx;
      Token *at = tok->next;
      assign(e, &tok, tok->next, &idx);
      rvalue(e, &idx);
      need_integer(e, at, &idx);
      parse_expect(e->ps, &tok, tok, "]");
      int64_t size = layout_sizeof(e->ctx, ty->base);
      offset += idx.i * (size < 0 ? 0 : size);
      ty = ty->base;
    } else {
      break;
    }
  }
  *rest = tok;
  return offset;
}

/* Are a and b the same type, qualifiers ignored (for _Generic and
 * __builtin_types_compatible_p)? */
static bool same_type(E *e, Type *a, Type *b) {
  a = type_unqualified(e->ctx, a);
  b = type_unqualified(e->ctx, b);
  if (a->kind != b->kind)
    return false;
  if (a->kind == TY_STRUCT)
    return a->record == b->record;
  if (a->kind == TY_ENUM)
    return a->enumdecl == b->enumdecl;
  return strcmp(type_spelling(e->ctx, a, NULL), type_spelling(e->ctx, b, NULL)) == 0;
}

/* generic-selection = "_Generic" "(" assignment-expression
 *                     ("," (type-name | "default") ":" assignment-expression)+ ")" */
static void generic_selection(E *e, Token **rest, Token *tok, ExprVal *v) {
  parse_expect(e->ps, &tok, tok->next, "(");
  ExprVal ctl;
  e->unevaluated++;
  assign(e, &tok, tok, &ctl);
  e->unevaluated--;
  rvalue(e, &ctl);
  bool found = false, have_default = false;
  ExprVal def = {0};
  while (tok_is(tok, ",")) {
    tok = tok->next;
    bool is_default = tok_is(tok, "default");
    bool match = false;
    if (is_default) {
      tok = tok->next;
    } else {
      Type *ty = parse_typename(e->ps, &tok, tok);
      match = !found && same_type(e, ctl.ty, ty);
    }
    parse_expect(e->ps, &tok, tok, ":");
    ExprVal arm;
    if (!match)
      e->unevaluated++;
    assign(e, &tok, tok, &arm);
    if (!match)
      e->unevaluated--;
    if (match) {
      *v = arm;
      found = true;
    } else if (is_default) {
      def = arm;
      have_default = true;
    }
  }
  parse_expect(e->ps, rest, tok, ")");
  if (!found) {
    if (!have_default)
      parse_fail(
          e->ps, tok,
          "controlling expression type '%s' not compatible with any generic association type",
          type_spelling(e->ctx, ctl.ty, NULL));
    *v = def;
  }
}

/* primary = number | char | string+ | ident | "(" expression ")" | generic-selection
 *         | "__builtin_offsetof" "(" type-name "," member-designator ")"
 *         | "__builtin_types_compatible_p" "(" type-name "," type-name ")"
 *         | "__builtin_choose_expr" "(" const "," expr "," expr ")"
 *         | "__builtin_expect" "(" expr "," expr ")" */
static void primary(E *e, Token **rest, Token *tok, ExprVal *v) {
  Ctx *ctx = e->ctx;
  if (tok_is(tok, "(")) {
    if (tok_is(tok->next, "{"))
      parse_fail(e->ps, tok, "statement expressions are not supported here");
    ExprVal x;
    assign(e, &tok, tok->next, &x);
    while (tok_is(tok, ",")) { /* comma operator: never a constant */
      assign(e, &tok, tok->next, &x);
      rvalue(e, &x);
      x.is_const = false;
    }
    parse_expect(e->ps, rest, tok, ")");
    *v = x;
    return;
  }
  if (tok->kind == TK_NUM) {
    number(e, tok, v);
    *rest = tok->next;
    return;
  }
  if (tok->kind == TK_CHAR) {
    char_literal(e, tok, v);
    *rest = tok->next;
    return;
  }
  if (tok->kind == TK_STR) {
    const char *s;
    int len, elem;
    int64_t count;
    *rest = parse_string_literal(e->ps, tok, &s, &len, &elem, &count);
    Type *ch = type_builtin(ctx, elem == 1 ? TY_CHAR : elem == 2 ? TY_USHORT : TY_INT);
    set_nonconst(v, type_array_of(ctx, ch, count));
    v->lvalue = true;
    return;
  }
  if (tok->kind != TK_IDENT)
    parse_fail(e->ps, tok, "expected expression before '%.*s'", tok->len, tok->loc);

  if (tok_is(tok, "_Generic")) {
    generic_selection(e, rest, tok, v);
    return;
  }
  if (tok_is(tok, "__builtin_offsetof")) {
    parse_expect(e->ps, &tok, tok->next, "(");
    Type *ty = parse_typename(e->ps, &tok, tok);
    parse_expect(e->ps, &tok, tok, ",");
    int64_t off = offsetof_designator(e, &tok, tok, ty);
    parse_expect(e->ps, rest, tok, ")");
    set_int(v, size_type(e), off);
    return;
  }
  if (tok_is(tok, "__builtin_types_compatible_p")) {
    parse_expect(e->ps, &tok, tok->next, "(");
    Type *a = parse_typename(e->ps, &tok, tok);
    parse_expect(e->ps, &tok, tok, ",");
    Type *b = parse_typename(e->ps, &tok, tok);
    parse_expect(e->ps, rest, tok, ")");
    set_int(v, type_builtin(ctx, TY_INT), same_type(e, a, b));
    return;
  }
  if (tok_is(tok, "__builtin_choose_expr")) {
    parse_expect(e->ps, &tok, tok->next, "(");
    int64_t c = parse_int_const(e->ps, &tok, tok, NULL);
    parse_expect(e->ps, &tok, tok, ",");
    ExprVal a, b;
    if (!c)
      e->unevaluated++;
    assign(e, &tok, tok, &a);
    if (!c)
      e->unevaluated--;
    parse_expect(e->ps, &tok, tok, ",");
    if (c)
      e->unevaluated++;
    assign(e, &tok, tok, &b);
    if (c)
      e->unevaluated--;
    parse_expect(e->ps, rest, tok, ")");
    *v = c ? a : b;
    return;
  }
  if (tok_is(tok, "__builtin_expect")) {
    parse_expect(e->ps, &tok, tok->next, "(");
    assign(e, &tok, tok, v);
    parse_expect(e->ps, &tok, tok, ",");
    ExprVal ignored;
    assign(e, &tok, tok, &ignored);
    parse_expect(e->ps, rest, tok, ")");
    return;
  }

  Sym *s = parse_lookup(e->ps, tok);
  if (!s)
    parse_fail(e->ps, tok, "use of undeclared identifier '%.*s'", tok->len, tok->loc);
  *rest = tok->next;
  switch (s->kind) {
  case SYM_ENUMCONST: set_int(v, s->type, s->value); return;
  case SYM_TYPEDEF:
    parse_fail(e->ps, tok, "unexpected type name '%.*s': expected expression", tok->len, tok->loc);
  case SYM_VAR:
  case SYM_FUNC:
    set_nonconst(v, s->type);
    v->lvalue = true;
    return;
  }
}

/* The struct or union of a member access, and the member. */
static void member_access(E *e, Token *name, ExprVal *v, bool arrow) {
  Type *rt;
  bool addr_const;
  int64_t base;
  if (arrow) {
    rvalue(e, v);
    if (v->ty->kind != TY_PTR)
      parse_fail(e->ps, name, "member reference type '%s' is not a pointer",
                 type_spelling(e->ctx, v->ty, NULL));
    rt = v->ty->base;
    addr_const = v->is_const;
    base = v->i;
  } else {
    rt = v->ty;
    addr_const = v->lvalue && v->addr_const;
    base = v->addr;
  }
  if (rt->kind != TY_STRUCT)
    parse_fail(e->ps, name, "member reference base type '%s' is not a structure or union",
               type_spelling(e->ctx, rt, NULL));
  if (!rt->record->complete)
    parse_fail(e->ps, name, "incomplete definition of type '%s'", type_spelling(e->ctx, rt, NULL));
  if (name->kind != TK_IDENT)
    parse_fail(e->ps, name, "expected a member name");
  int64_t off;
  Member *m = parse_find_member(rt->record, name->loc, name->len, &off);
  if (!m)
    parse_fail(e->ps, name, "no member named '%.*s' in '%s'", name->len, name->loc,
               type_spelling(e->ctx, rt, NULL));
  Type *ty = type_qualified(e->ctx, m->type, rt->quals);
  set_nonconst(v, ty);
  v->lvalue = true;
  v->addr_const = addr_const && m->bit_width < 0;
  v->addr = base + off;
}

/* postfix = primary ("[" expression "]" | "(" args ")" | "." ident | "->" ident
 *                    | "++" | "--")* */
static void postfix_ops(E *e, Token **rest, Token *tok, ExprVal *v);

static void postfix(E *e, Token **rest, Token *tok, ExprVal *v) {
  primary(e, &tok, tok, v);
  postfix_ops(e, rest, tok, v);
}

/* compound-literal = "(" type-name ")" "{" initializer-list "}": only its
 * type matters (sizeof); an array of unknown size counts its initializers. */
static void compound_literal(E *e, Token **rest, Token *tok, Type *ty, ExprVal *v) {
  Token *end = tok;
  int depth = 0, count = 0;
  bool item = false;
  for (; end->kind != TK_EOF; end = end->next) {
    if (tok_is(end, "{") || tok_is(end, "(") || tok_is(end, "[")) {
      if (depth == 1 && !item)
        item = true;
      depth++;
    } else if (tok_is(end, "}") || tok_is(end, ")") || tok_is(end, "]")) {
      if (--depth == 0)
        break;
    } else if (depth == 1 && tok_is(end, ",")) {
      count += item;
      item = false;
    } else if (depth == 1) {
      item = true;
    }
  }
  if (end->kind == TK_EOF)
    parse_fail(e->ps, tok, "unterminated compound literal");
  count += item;
  if (ty->kind == TY_ARRAY && ty->array_len < 0)
    ty = type_array_of(e->ctx, ty->base, count);
  set_nonconst(v, ty);
  v->lvalue = true;
  postfix_ops(e, rest, end->next, v);
}

static void postfix_ops(E *e, Token **rest, Token *tok, ExprVal *v) {
  for (;;) {
    if (tok_is(tok, "[")) {
      Token *at = tok;
      ExprVal idx;
      rvalue(e, v);
      assign(e, &tok, tok->next, &idx);
      rvalue(e, &idx);
      parse_expect(e->ps, &tok, tok, "]");
      if (v->ty->kind != TY_PTR) {
        ExprVal t = *v;
        *v = idx;
        idx = t;
      }
      if (v->ty->kind != TY_PTR || !type_is_integer(idx.ty))
        parse_fail(e->ps, at, "subscripted value is not an array or pointer");
      int64_t size = layout_sizeof(e->ctx, v->ty->base);
      bool c = v->is_const && idx.is_const;
      int64_t addr = v->i + idx.i * (size < 0 ? 1 : size);
      Type *ty = v->ty->base;
      set_nonconst(v, ty);
      v->lvalue = true;
      v->addr_const = c;
      v->addr = addr;
      continue;
    }
    if (tok_is(tok, "(")) {
      Token *at = tok;
      rvalue(e, v);
      Type *fn = v->ty->kind == TY_PTR ? v->ty->base : NULL;
      if (!fn || fn->kind != TY_FUNC)
        parse_fail(e->ps, at, "called object type '%s' is not a function",
                   type_spelling(e->ctx, v->ty, NULL));
      tok = tok->next;
      while (!tok_is(tok, ")")) {
        ExprVal arg;
        assign(e, &tok, tok, &arg);
        if (!tok_is(tok, ","))
          break;
        tok = tok->next;
      }
      parse_expect(e->ps, &tok, tok, ")");
      set_nonconst(v, fn->base);
      continue;
    }
    if (tok_is(tok, ".") || tok_is(tok, "->")) {
      member_access(e, tok->next, v, tok_is(tok, "->"));
      tok = tok->next->next;
      continue;
    }
    if (tok_is(tok, "++") || tok_is(tok, "--")) {
      rvalue(e, v);
      v->is_const = false;
      tok = tok->next;
      continue;
    }
    break;
  }
  *rest = tok;
}

/* ---- unary and cast ------------------------------------------------------------ */

static void sizeof_type(E *e, const Token *at, Type *ty, bool align, ExprVal *v) {
  int64_t n;
  if (align) {
    n = layout_alignof(e->ctx, ty);
  } else if (ty->kind == TY_VOID || ty->kind == TY_FUNC) {
    n = 1; /* GNU */
  } else {
    n = layout_sizeof(e->ctx, ty);
    if (n < 0)
      parse_fail(e->ps, at, "invalid application of 'sizeof' to an incomplete type '%s'",
                 type_spelling(e->ctx, ty, NULL));
  }
  set_int(v, size_type(e), n);
}

/* unary = ("+" | "-" | "~" | "!" | "*" | "&") cast
 *       | ("++" | "--") unary
 *       | ("sizeof" | "_Alignof" | "__alignof__") ("(" type-name ")" | unary)
 *       | "__extension__" cast
 *       | postfix */
static void unary(E *e, Token **rest, Token *tok, ExprVal *v) {
  Ctx *ctx = e->ctx;
  if (tok->kind == TK_IDENT) {
    bool is_sizeof = tok_is(tok, "sizeof");
    bool is_align =
        tok_is(tok, "_Alignof") || tok_is(tok, "__alignof__") || tok_is(tok, "__alignof");
    if (is_sizeof || is_align) {
      Token *at = tok;
      if (tok_is(tok->next, "(") && parse_is_typename(e->ps, tok->next->next)) {
        Type *ty = parse_typename(e->ps, &tok, tok->next->next);
        parse_expect(e->ps, &tok, tok, ")");
        if (tok_is(tok, "{")) { /* sizeof (T){...}: an expression */
          ExprVal x;
          e->unevaluated++;
          compound_literal(e, rest, tok, ty, &x);
          e->unevaluated--;
          sizeof_type(e, at, x.ty, is_align, v);
          return;
        }
        sizeof_type(e, at, ty, is_align, v);
        *rest = tok;
        return;
      }
      ExprVal x;
      e->unevaluated++;
      unary(e, rest, tok->next, &x);
      e->unevaluated--;
      sizeof_type(e, at, x.ty, is_align, v);
      return;
    }
    if (tok_is(tok, "__extension__")) {
      cast(e, rest, tok->next, v);
      return;
    }
    if (tok_is(tok, "__real__") || tok_is(tok, "__imag__"))
      parse_fail(e->ps, tok, "complex values are not supported");
  }
  if (tok->kind != TK_PUNCT) {
    postfix(e, rest, tok, v);
    return;
  }
  Token *op = tok;
  if (tok_is(tok, "+") || tok_is(tok, "-") || tok_is(tok, "~") || tok_is(tok, "!")) {
    cast(e, rest, tok->next, v);
    rvalue(e, v);
    char c = op->loc[0];
    if (c == '!') {
      need_scalar(e, op, v);
      bool r = !truth(v);
      bool k = v->is_const;
      set_int(v, type_builtin(ctx, TY_INT), r);
      v->is_const = k;
      return;
    }
    if (c == '~')
      need_integer(e, op, v);
    else
      need_arith(e, op, v);
    if (type_is_float(v->ty)) {
      if (c == '-')
        v->f = -v->f;
      return;
    }
    Type *ty = type_int_promoted(ctx, v->ty);
    bool k = v->is_const;
    int64_t x = wrap_int(v->i, ty);
    int64_t r = c == '+' ? x : c == '-' ? (int64_t)(0 - (uint64_t)x) : ~x;
    set_int(v, ty, r);
    v->is_const = k;
    return;
  }
  if (tok_is(tok, "*")) {
    cast(e, rest, tok->next, v);
    rvalue(e, v);
    if (v->ty->kind != TY_PTR)
      parse_fail(e->ps, op, "indirection requires pointer operand ('%s' invalid)",
                 type_spelling(ctx, v->ty, NULL));
    bool c = v->is_const;
    int64_t addr = v->i;
    Type *ty = v->ty->base;
    set_nonconst(v, ty);
    v->lvalue = true;
    v->addr_const = c;
    v->addr = addr;
    return;
  }
  if (tok_is(tok, "&")) {
    cast(e, rest, tok->next, v);
    if (v->ty->kind == TY_FUNC) {
      set_nonconst(v, type_pointer_to(ctx, v->ty));
      return;
    }
    if (!v->lvalue)
      parse_fail(e->ps, op, "cannot take the address of an rvalue of type '%s'",
                 type_spelling(ctx, v->ty, NULL));
    bool c = v->addr_const;
    int64_t addr = v->addr;
    set_nonconst(v, type_pointer_to(ctx, v->ty));
    v->is_const = c;
    v->i = addr;
    return;
  }
  if (tok_is(tok, "++") || tok_is(tok, "--")) {
    unary(e, rest, tok->next, v);
    rvalue(e, v);
    v->is_const = false;
    return;
  }
  if (tok_is(tok, "&&"))
    parse_fail(e->ps, tok, "label addresses are not supported");
  postfix(e, rest, tok, v);
}

/* cast = "(" type-name ")" cast | unary */
static void cast_operand(E *e, Token **rest, Token *tok, ExprVal *v);
static void cast(E *e, Token **rest, Token *tok, ExprVal *v) {
  if (e->depth >= MAX_EXPR_DEPTH)
    parse_fail(e->ps, tok, "expression nested too deeply (more than %d levels)", MAX_EXPR_DEPTH);
  e->depth++;
  cast_operand(e, rest, tok, v);
  e->depth--;
}

/* The cast rule itself, nested inside cast()'s depth check. */
static void cast_operand(E *e, Token **rest, Token *tok, ExprVal *v) {
  if (tok_is(tok, "(") && parse_is_typename(e->ps, tok->next)) {
    Token *at = tok;
    Type *ty = parse_typename(e->ps, &tok, tok->next);
    parse_expect(e->ps, &tok, tok, ")");
    if (tok_is(tok, "{")) {
      compound_literal(e, rest, tok, ty, v);
      return;
    }
    cast(e, rest, tok, v);
    rvalue(e, v);
    ty = type_unqualified(e->ctx, ty);
    if (ty->kind != TY_VOID && !type_is_scalar(ty))
      parse_fail(e->ps, at, "used type '%s' where arithmetic or pointer type is required",
                 type_spelling(e->ctx, ty, NULL));
    if (ty->kind != TY_VOID && !type_is_scalar(v->ty))
      parse_fail(e->ps, at, "operand of type '%s' where arithmetic or pointer type is required",
                 type_spelling(e->ctx, v->ty, NULL));
    convert(e, v, ty);
    return;
  }
  unary(e, rest, tok, v);
}

/* ---- binary operators ----------------------------------------------------------- */

/* Integer arithmetic in ty (already converted operands). */
static bool int_arith(char op, int64_t a, int64_t b, Type *ty, int64_t *out) {
  bool u = type_is_unsigned(ty);
  int bits = type_int_bits(ty);
  if (bits > 64)
    bits = 64;
  uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
  if (u && bits < 64) {
    uint64_t mask = ((uint64_t)1 << bits) - 1;
    ua &= mask;
    ub &= mask;
  }
  int64_t r;
  switch (op) {
  case '+': r = (int64_t)(ua + ub); break;
  case '-': r = (int64_t)(ua - ub); break;
  case '*': r = (int64_t)(ua * ub); break;
  case '/':
  case '%':
    if (ub == 0)
      return false;
    if (u) {
      r = (int64_t)(op == '/' ? ua / ub : ua % ub);
    } else {
      if (a == INT64_MIN && b == -1)
        r = op == '/' ? INT64_MIN : 0;
      else
        r = op == '/' ? a / b : a % b;
    }
    break;
  case '&': r = (int64_t)(ua & ub); break;
  case '|': r = (int64_t)(ua | ub); break;
  case '^': r = (int64_t)(ua ^ ub); break;
  default: return false;
  }
  *out = wrap_int(r, ty);
  return true;
}

/* "<<" and ">>" as clang folds them: a negative count shifts the other way,
 * a count of the width or more is taken as width - 1. */
static int64_t int_shift(bool left, int64_t a, int64_t count, bool count_unsigned, Type *ty) {
  int bits = type_int_bits(ty);
  if (bits > 64)
    bits = 64;
  if (!count_unsigned && count < 0) {
    left = !left;
    count = count == INT64_MIN ? INT64_MAX : -count;
  }
  if ((uint64_t)count >= (uint64_t)bits)
    count = bits - 1;
  if (left)
    return wrap_int((int64_t)((uint64_t)a << count), ty);
  if (type_is_unsigned(ty)) {
    uint64_t ua = (uint64_t)a;
    if (bits < 64)
      ua &= ((uint64_t)1 << bits) - 1;
    return wrap_int((int64_t)(ua >> count), ty);
  }
  return wrap_int(a >= 0 ? a >> count : ~(~a >> count), ty);
}

/* The usual arithmetic conversions of two rvalues. */
static Type *arith_convert(E *e, ExprVal *a, ExprVal *b) {
  Type *ty = type_common_arith(e->ctx, a->ty, b->ty);
  convert(e, a, ty);
  convert(e, b, ty);
  return ty;
}

static void binary_arith(E *e, const Token *op, const char *o, ExprVal *a, ExprVal *b) {
  Ctx *ctx = e->ctx;
  rvalue(e, a);
  rvalue(e, b);
  bool k = a->is_const && b->is_const;

  /* pointer arithmetic and comparisons */
  if ((a->ty->kind == TY_PTR || b->ty->kind == TY_PTR) &&
      (!strcmp(o, "+") || !strcmp(o, "-") || !strcmp(o, "==") || !strcmp(o, "!=") ||
       !strcmp(o, "<") || !strcmp(o, ">") || !strcmp(o, "<=") || !strcmp(o, ">="))) {
    if (o[0] == '+' || (o[0] == '-' && b->ty->kind != TY_PTR)) {
      ExprVal *p = a->ty->kind == TY_PTR ? a : b, *n = p == a ? b : a;
      if (!type_is_integer(n->ty))
        parse_fail(e->ps, op, "invalid operands to binary expression ('%s' and '%s')",
                   type_spelling(ctx, a->ty, NULL), type_spelling(ctx, b->ty, NULL));
      int64_t size = layout_sizeof(ctx, p->ty->base);
      if (size < 0)
        size = 1;
      int64_t addr = o[0] == '+' ? p->i + n->i * size : p->i - n->i * size;
      Type *ty = p->ty;
      set_nonconst(a, ty);
      a->is_const = k;
      a->i = (int64_t)(uint32_t)addr;
      return;
    }
    if (o[0] == '-') {
      if (a->ty->kind != TY_PTR || b->ty->kind != TY_PTR)
        parse_fail(e->ps, op, "invalid operands to binary expression");
      int64_t size = layout_sizeof(ctx, a->ty->base);
      if (size <= 0)
        size = 1;
      int64_t d = (a->i - b->i) / size;
      set_int(a, type_builtin(ctx, TY_LONG), d); /* ptrdiff_t */
      a->is_const = k;
      return;
    }
    /* comparisons: pointers against pointers or null pointer constants */
    uint64_t x = (uint32_t)a->i, y = (uint32_t)b->i;
    bool r = !strcmp(o, "==")   ? x == y
             : !strcmp(o, "!=") ? x != y
             : !strcmp(o, "<")  ? x < y
             : !strcmp(o, ">")  ? x > y
             : !strcmp(o, "<=") ? x <= y
                                : x >= y;
    set_int(a, type_builtin(ctx, TY_INT), r);
    a->is_const = k;
    return;
  }

  bool is_shift = !strcmp(o, "<<") || !strcmp(o, ">>");
  bool is_bitwise = !strcmp(o, "&") || !strcmp(o, "|") || !strcmp(o, "^") || !strcmp(o, "%");
  if (is_shift || is_bitwise) {
    need_integer(e, op, a);
    need_integer(e, op, b);
  } else {
    need_arith(e, op, a);
    need_arith(e, op, b);
  }

  if (is_shift) {
    Type *ty = type_int_promoted(ctx, a->ty);
    Type *cty = type_int_promoted(ctx, b->ty);
    int64_t x = wrap_int(a->i, ty), c = wrap_int(b->i, cty);
    set_int(a, ty, int_shift(o[0] == '<', x, c, type_is_unsigned(cty), ty));
    a->is_const = k;
    return;
  }

  bool cmp = !strcmp(o, "==") || !strcmp(o, "!=") || !strcmp(o, "<") || !strcmp(o, ">") ||
             !strcmp(o, "<=") || !strcmp(o, ">=");
  Type *ty = arith_convert(e, a, b);
  if (type_is_float(ty)) {
    double x = a->f, y = b->f;
    if (cmp) {
      bool r = !strcmp(o, "==")   ? x == y
               : !strcmp(o, "!=") ? x != y
               : !strcmp(o, "<")  ? x < y
               : !strcmp(o, ">")  ? x > y
               : !strcmp(o, "<=") ? x <= y
                                  : x >= y;
      set_int(a, type_builtin(ctx, TY_INT), r);
      a->is_const = k;
      return;
    }
    double r = o[0] == '+' ? x + y : o[0] == '-' ? x - y : o[0] == '*' ? x * y : x / y;
    set_nonconst(a, ty);
    a->is_const = k;
    a->f = round_float(r, ty);
    return;
  }
  if (cmp) {
    bool u = type_is_unsigned(ty);
    int64_t x = a->i, y = b->i;
    bool lt = u ? (uint64_t)x < (uint64_t)y : x < y;
    bool gt = u ? (uint64_t)x > (uint64_t)y : x > y;
    bool r = !strcmp(o, "==")   ? x == y
             : !strcmp(o, "!=") ? x != y
             : !strcmp(o, "<")  ? lt
             : !strcmp(o, ">")  ? gt
             : !strcmp(o, "<=") ? !gt
                                : !lt;
    set_int(a, type_builtin(ctx, TY_INT), r);
    a->is_const = k;
    return;
  }
  int64_t r = 0;
  bool ok = int_arith(o[0], a->i, b->i, ty, &r);
  set_int(a, ty, r);
  a->is_const = k && ok;
  if (k && !ok && !e->unevaluated)
    a->is_const = false; /* division by zero: not a constant */
}

/* The binary operators by precedence, loosest first. */
static const char *const binary_ops[][5] = {
    {"|", NULL},
    {"^", NULL},
    {"&", NULL},
    {"==", "!=", NULL},
    {"<", ">", "<=", ">=", NULL},
    {"<<", ">>", NULL},
    {"+", "-", NULL},
    {"*", "/", "%", NULL},
};
enum { N_LEVELS = sizeof binary_ops / sizeof binary_ops[0] };

/* The level in binary_ops of the operator at tok, or -1. */
static int binary_level(const Token *tok) {
  if (tok->kind != TK_PUNCT || tok->len > 2)
    return -1;
  char a = tok->loc[0], b = tok->len == 2 ? tok->loc[1] : 0;
  switch (a) {
  case '|': return b ? -1 : 0;
  case '^': return b ? -1 : 1;
  case '&': return b ? -1 : 2;
  case '=': return b == '=' ? 3 : -1;
  case '!': return b == '=' ? 3 : -1;
  case '<':
  case '>': return !b || b == '=' ? 4 : b == a ? 5 : -1;
  case '+':
  case '-': return b ? -1 : 6;
  case '*':
  case '/':
  case '%': return b ? -1 : 7;
  default: return -1;
  }
}

/* binary(level) = binary(level + 1) (op(level) binary(level + 1))* */
static void binary(E *e, Token **rest, Token *tok, ExprVal *v, int level) {
  if (level == N_LEVELS) {
    cast(e, rest, tok, v);
    return;
  }
  binary(e, &tok, tok, v, level + 1);
  while (binary_level(tok) == level) {
    const char *op = NULL;
    for (int i = 0; binary_ops[level][i]; i++)
      if (tok_is(tok, binary_ops[level][i]))
        op = binary_ops[level][i];
    Token *at = tok;
    ExprVal rhs;
    binary(e, &tok, tok->next, &rhs, level + 1);
    binary_arith(e, at, op, v, &rhs);
  }
  *rest = tok;
}

/* logand = binary ("&&" binary)*   logor = logand ("||" logand)* */
static void logical(E *e, Token **rest, Token *tok, ExprVal *v, bool is_or) {
  if (is_or)
    logical(e, &tok, tok, v, false);
  else
    binary(e, &tok, tok, v, 0);
  while (tok_is(tok, is_or ? "||" : "&&")) {
    Token *at = tok;
    rvalue(e, v);
    need_scalar(e, at, v);
    bool decided = v->is_const && (is_or ? truth(v) : !truth(v));
    ExprVal rhs;
    if (decided)
      e->unevaluated++;
    if (is_or)
      logical(e, &tok, tok->next, &rhs, false);
    else
      binary(e, &tok, tok->next, &rhs, 0);
    if (decided)
      e->unevaluated--;
    rvalue(e, &rhs);
    need_scalar(e, at, &rhs);
    bool k, r;
    if (decided) {
      k = true;
      r = is_or;
    } else {
      k = v->is_const && rhs.is_const;
      r = is_or ? truth(v) || truth(&rhs) : truth(v) && truth(&rhs);
    }
    set_int(v, type_builtin(e->ctx, TY_INT), r);
    v->is_const = k;
  }
  *rest = tok;
}

static bool is_null_pointer_constant(const ExprVal *v) {
  return v->is_const && v->i == 0 &&
         (type_is_integer(v->ty) || (v->ty->kind == TY_PTR && v->ty->base->kind == TY_VOID));
}

/* conditional = logor ("?" expression? ":" conditional)? */
static void conditional(E *e, Token **rest, Token *tok, ExprVal *v) {
  logical(e, &tok, tok, v, true);
  if (!tok_is(tok, "?")) {
    *rest = tok;
    return;
  }
  Token *at = tok;
  rvalue(e, v);
  need_scalar(e, at, v);
  bool cond_const = v->is_const;
  bool c = truth(v);
  ExprVal cond = *v, a, b;
  if (tok_is(tok->next, ":")) { /* GNU `x ?: y` */
    a = cond;
    tok = tok->next->next;
  } else {
    if (cond_const && !c)
      e->unevaluated++;
    ExprVal x;
    assign(e, &tok, tok->next, &x);
    while (tok_is(tok, ",")) {
      assign(e, &tok, tok->next, &x);
      x.is_const = false;
    }
    if (cond_const && !c)
      e->unevaluated--;
    a = x;
    parse_expect(e->ps, &tok, tok, ":");
  }
  if (cond_const && c)
    e->unevaluated++;
  conditional(e, rest, tok, &b);
  if (cond_const && c)
    e->unevaluated--;
  rvalue(e, &a);
  rvalue(e, &b);

  Type *ty;
  if (is_arith(a.ty) && is_arith(b.ty)) {
    ty = type_common_arith(e->ctx, a.ty, b.ty);
    convert(e, &a, ty);
    convert(e, &b, ty);
  } else if (a.ty->kind == TY_PTR && b.ty->kind != TY_PTR) {
    ty = a.ty;
  } else if (b.ty->kind == TY_PTR && a.ty->kind != TY_PTR) {
    ty = b.ty;
  } else if (a.ty->kind == TY_PTR && b.ty->kind == TY_PTR) {
    ty = is_null_pointer_constant(&a) ? b.ty : a.ty;
  } else {
    ty = a.ty;
  }
  ExprVal *chosen = c ? &a : &b;
  bool k = cond_const && chosen->is_const;
  ExprVal r = *chosen;
  r.ty = ty;
  r.is_const = k;
  r.lvalue = false;
  *v = r;
}

/* assignment = conditional (assign-op assignment)?  -- never a constant */
static void assign(E *e, Token **rest, Token *tok, ExprVal *v) {
  conditional(e, &tok, tok, v);
  static const char *const ops[] = {
      "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    if (tok_is(tok, ops[i])) {
      ExprVal rhs;
      assign(e, &tok, tok->next, &rhs);
      Type *ty = type_unqualified(e->ctx, v->ty);
      set_nonconst(v, ty);
      break;
    }
  }
  *rest = tok;
}

/* ---- entry points ------------------------------------------------------------------ */

void parse_cond_expr(ParseState *ps, Token **rest, Token *tok, ExprVal *out) {
  E e = {ps, parse_ctx(ps), 0, 0};
  conditional(&e, rest, tok, out);
}

void parse_assign_expr(ParseState *ps, Token **rest, Token *tok, ExprVal *out) {
  E e = {ps, parse_ctx(ps), 0, 0};
  assign(&e, rest, tok, out);
  rvalue(&e, out);
}

int64_t parse_int_const(ParseState *ps, Token **rest, Token *tok, Type **type_out) {
  E e = {ps, parse_ctx(ps), 0, 0};
  ExprVal v;
  Token *start = tok;
  conditional(&e, rest, tok, &v);
  rvalue(&e, &v);
  if (!type_is_integer(v.ty))
    parse_fail(ps, start, "integer constant expression must have integer type, not '%s'",
               type_spelling(e.ctx, v.ty, NULL));
  if (!v.is_const)
    parse_fail(ps, start, "expression is not an integer constant expression");
  if (type_out)
    *type_out = v.ty;
  return v.i;
}
