/* type.c: type nodes, their predicates, the usual arithmetic conversions of
 * wasm32, and the canonical spellings of docs/IR-SCHEMA.md, "Type spellings",
 * printed the way clang's TypePrinter prints canonical types. */
#include "internal.h"
#include <string.h>

static Type *new_type(Ctx *ctx, TypeKind kind) {
  Type *ty = arena_alloc(ctx, sizeof *ty);
  ty->kind = kind;
  return ty;
}

Type *type_builtin(Ctx *ctx, TypeKind kind) {
  if (kind <= TY_LDOUBLE) {
    if (!ctx->builtins[kind])
      ctx->builtins[kind] = new_type(ctx, kind);
    return ctx->builtins[kind];
  }
  return new_type(ctx, kind);
}

Type *type_pointer_to(Ctx *ctx, Type *base) {
  Type *ty = new_type(ctx, TY_PTR);
  ty->base = base;
  return ty;
}

Type *type_array_of(Ctx *ctx, Type *base, int64_t len) {
  Type *ty = new_type(ctx, TY_ARRAY);
  ty->base = base;
  ty->array_len = len;
  return ty;
}

Type *type_func(Ctx *ctx, Type *ret) {
  Type *ty = new_type(ctx, TY_FUNC);
  ty->base = ret;
  return ty;
}

Type *type_copy(Ctx *ctx, const Type *ty) {
  Type *copy = new_type(ctx, ty->kind);
  *copy = *ty;
  return copy;
}

/* Qualifiers of an array apply to its elements (C11 6.7.3p9), as clang
 * represents them. */
Type *type_qualified(Ctx *ctx, Type *ty, unsigned quals) {
  if (!quals)
    return ty;
  if (ty->kind == TY_ARRAY) {
    Type *copy = new_type(ctx, TY_ARRAY);
    *copy = *ty;
    copy->base = type_qualified(ctx, ty->base, quals);
    return copy;
  }
  if ((ty->quals | quals) == ty->quals)
    return ty;
  Type *copy = new_type(ctx, ty->kind);
  *copy = *ty;
  copy->quals |= quals;
  return copy;
}

Type *type_complex(Ctx *ctx, Type *base) {
  Type *ty = arena_alloc(ctx, sizeof *ty);
  ty->kind = TY_COMPLEX;
  ty->base = base;
  return ty;
}

Type *type_unqualified(Ctx *ctx, Type *ty) {
  if (!ty->quals)
    return ty;
  Type *copy = new_type(ctx, ty->kind);
  *copy = *ty;
  copy->quals = 0;
  return copy;
}

bool type_is_integer(const Type *ty) {
  return (ty->kind >= TY_BOOL && ty->kind <= TY_UINT128) || ty->kind == TY_ENUM;
}

bool type_is_unsigned(const Type *ty) {
  switch (ty->kind) {
  case TY_BOOL:
  case TY_UCHAR:
  case TY_USHORT:
  case TY_UINT:
  case TY_ULONG:
  case TY_ULLONG:
  case TY_UINT128: return true;
  case TY_ENUM:
    return ty->enumdecl && ty->enumdecl->int_type && type_is_unsigned(ty->enumdecl->int_type);
  default: return false;
  }
}

bool type_is_float(const Type *ty) {
  return ty->kind == TY_FLOAT || ty->kind == TY_DOUBLE || ty->kind == TY_LDOUBLE;
}

bool type_is_scalar(const Type *ty) {
  return type_is_integer(ty) || type_is_float(ty) || ty->kind == TY_PTR;
}

bool type_is_text(const Type *ty) {
  return ty->kind == TY_CHAR; /* signed and unsigned char are bytes */
}

/* ---- usual arithmetic conversions (C11 6.3.1.1, 6.3.1.8) on wasm32 ---- */

int type_int_bits(const Type *ty) {
  switch (ty->kind) {
  case TY_BOOL:
  case TY_CHAR:
  case TY_SCHAR:
  case TY_UCHAR: return 8;
  case TY_SHORT:
  case TY_USHORT: return 16;
  case TY_INT:
  case TY_UINT:
  case TY_LONG:
  case TY_ULONG:
  case TY_PTR: return 32;
  case TY_LLONG:
  case TY_ULLONG: return 64;
  case TY_INT128:
  case TY_UINT128: return 128;
  case TY_ENUM:
    return ty->enumdecl && ty->enumdecl->int_type ? type_int_bits(ty->enumdecl->int_type) : 32;
  default: return 0;
  }
}

/* The integer conversion rank (C11 6.3.1.1p1); `long` ranks above `int`
 * although both have 32 bits on wasm32. */
static int int_rank(TypeKind k) {
  switch (k) {
  case TY_BOOL: return 0;
  case TY_CHAR:
  case TY_SCHAR:
  case TY_UCHAR: return 1;
  case TY_SHORT:
  case TY_USHORT: return 2;
  case TY_INT:
  case TY_UINT: return 3;
  case TY_LONG:
  case TY_ULONG: return 4;
  case TY_LLONG:
  case TY_ULLONG: return 5;
  default: return 6;
  }
}

Type *type_int_promoted(Ctx *ctx, Type *ty) {
  if (ty->kind == TY_ENUM)
    ty =
        ty->enumdecl && ty->enumdecl->int_type ? ty->enumdecl->int_type : type_builtin(ctx, TY_INT);
  if (int_rank(ty->kind) < 3)
    return type_builtin(ctx, TY_INT); /* every narrower type fits in int */
  return type_builtin(ctx, ty->kind);
}

static TypeKind unsigned_of(TypeKind k) {
  switch (k) {
  case TY_INT: return TY_UINT;
  case TY_LONG: return TY_ULONG;
  case TY_LLONG: return TY_ULLONG;
  case TY_INT128: return TY_UINT128;
  default: return k;
  }
}

Type *type_common_arith(Ctx *ctx, Type *a, Type *b) {
  if (a->kind == TY_LDOUBLE || b->kind == TY_LDOUBLE)
    return type_builtin(ctx, TY_LDOUBLE);
  if (a->kind == TY_DOUBLE || b->kind == TY_DOUBLE)
    return type_builtin(ctx, TY_DOUBLE);
  if (a->kind == TY_FLOAT || b->kind == TY_FLOAT)
    return type_builtin(ctx, TY_FLOAT);
  a = type_int_promoted(ctx, a);
  b = type_int_promoted(ctx, b);
  if (a->kind == b->kind)
    return a;
  bool ua = type_is_unsigned(a), ub = type_is_unsigned(b);
  int ra = int_rank(a->kind), rb = int_rank(b->kind);
  if (ua == ub)
    return ra >= rb ? a : b;
  Type *u = ua ? a : b, *s = ua ? b : a;
  int ru = ua ? ra : rb, rs = ua ? rb : ra;
  if (ru >= rs)
    return u;
  if (type_int_bits(s) > type_int_bits(u))
    return s; /* the signed type can represent every value of the unsigned one */
  return type_builtin(ctx, unsigned_of(s->kind));
}

/* ---- names of records and enums (docs/IR-SCHEMA.md, "records") --------- */

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static const char *unnamed_name(Ctx *ctx, const char *kw, const Token *tok) {
  if (!tok)
    return arena_printf(ctx, "%s (unnamed)", kw);
  const Token *site = tok_use_site(tok);
  return arena_printf(ctx, "%s (unnamed@%s:%lld:%d)", kw,
                      site->file ? base_name(site->file->name) : "<input>", tok_presumed_line(site),
                      site->col);
}

/* "struct P" -> "P"; "P" (tagless typedef) -> "P". */
static const char *without_keyword(const char *name) {
  if (strncmp(name, "struct ", 7) == 0)
    return name + 7;
  if (strncmp(name, "union ", 6) == 0)
    return name + 6;
  if (strncmp(name, "enum ", 5) == 0)
    return name + 5;
  return name;
}

static const char *member_suffixed(Ctx *ctx, const char *kw, const Record *parent,
                                   const char *member, int anon_index) {
  const char *p = without_keyword(type_record_name(ctx, parent));
  if (member)
    return arena_printf(ctx, "%s %s::%s", kw, p, member);
  return arena_printf(ctx, "%s %s::(anonymous@%d)", kw, p, anon_index);
}

const char *type_record_name(Ctx *ctx, const Record *rec) {
  if (rec->name)
    return rec->name;
  const char *kw = rec->is_union ? "union" : "struct";
  if (rec->tag)
    return arena_printf(ctx, "%s %s", kw, rec->tag);
  if (rec->typedef_name)
    return rec->typedef_name;
  if (rec->parent)
    return member_suffixed(ctx, kw, rec->parent, rec->parent_member, rec->anon_index);
  return unnamed_name(ctx, kw, rec->tok);
}

const char *type_enum_name(Ctx *ctx, const Enum *e) {
  if (e->name)
    return e->name;
  if (e->tag)
    return arena_printf(ctx, "enum %s", e->tag);
  if (e->typedef_name)
    return e->typedef_name;
  if (e->parent && e->parent_member)
    return member_suffixed(ctx, "enum", e->parent, e->parent_member, 0);
  return NULL;
}

/* ---- spellings ---------------------------------------------------------- */

/* A small string builder in the arena (spellings are short). */
typedef struct {
  Ctx *ctx;
  char *s;
  size_t len, cap;
} Str;

static void str_putn(Str *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = arena_alloc(b->ctx, cap);
    if (b->len)
      memcpy(p, b->s, b->len);
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void str_puts(Str *b, const char *s) {
  str_putn(b, s, strlen(s));
}

static const char *quals_text(unsigned q) {
  static const char *const text[8] = {
      "",         "const",          "volatile",          "const volatile",
      "restrict", "const restrict", "volatile restrict", "const volatile restrict",
  };
  return text[q & 7];
}

static const char *builtin_name(TypeKind k) {
  switch (k) {
  case TY_VOID: return "void";
  case TY_BOOL: return "_Bool";
  case TY_CHAR: return "char";
  case TY_SCHAR: return "signed char";
  case TY_UCHAR: return "unsigned char";
  case TY_SHORT: return "short";
  case TY_USHORT: return "unsigned short";
  case TY_INT: return "int";
  case TY_UINT: return "unsigned int";
  case TY_LONG: return "long";
  case TY_ULONG: return "unsigned long";
  case TY_LLONG: return "long long";
  case TY_ULLONG: return "unsigned long long";
  case TY_INT128: return "__int128";
  case TY_UINT128: return "unsigned __int128";
  case TY_FLOAT: return "float";
  case TY_DOUBLE: return "double";
  case TY_LDOUBLE: return "long double";
  default: return "?";
  }
}

/* Spells ty around the declarator text `inner` (clang's printBefore /
 * printAfter, folded into one recursion from the outside in). */
static const char *spell(Ctx *ctx, const Type *ty, const char *inner) {
  Str b = {ctx, NULL, 0, 0};
  switch (ty->kind) {
  case TY_PTR: {
    str_puts(&b, "*");
    if (ty->quals) {
      str_puts(&b, quals_text(ty->quals));
      if (*inner && *inner != '[' && *inner != ')' && *inner != '(')
        str_puts(&b, " ");
    }
    str_puts(&b, inner);
    if (ty->base->kind == TY_ARRAY || ty->base->kind == TY_FUNC) {
      Str p = {ctx, NULL, 0, 0};
      str_puts(&p, "(");
      str_puts(&p, b.s);
      str_puts(&p, ")");
      return spell(ctx, ty->base, p.s);
    }
    return spell(ctx, ty->base, b.s);
  }
  case TY_ARRAY:
    str_puts(&b, inner);
    if (ty->array_len < 0)
      str_puts(&b, "[]");
    else
      str_puts(&b, arena_printf(ctx, "[%lld]", (long long)ty->array_len));
    return spell(ctx, ty->base, b.s);
  case TY_FUNC:
    str_puts(&b, inner);
    str_puts(&b, "(");
    if (ty->no_prototype) {
      /* `int ()` */
    } else if (ty->nparams == 0 && !ty->variadic) {
      str_puts(&b, "void");
    } else {
      for (int i = 0; i < ty->nparams; i++) {
        if (i)
          str_puts(&b, ", ");
        str_puts(&b, spell(ctx, ty->params[i].type, ""));
      }
      if (ty->variadic)
        str_puts(&b, ty->nparams ? ", ..." : "...");
    }
    str_puts(&b, ")");
    return spell(ctx, ty->base, b.s);
  default: break;
  }

  if (ty->quals) {
    str_puts(&b, quals_text(ty->quals));
    str_puts(&b, " ");
  }
  if (ty->kind == TY_STRUCT) {
    str_puts(&b, type_record_name(ctx, ty->record));
  } else if (ty->kind == TY_COMPLEX) {
    str_puts(&b, "_Complex ");
    str_puts(&b, builtin_name(ty->base->kind));
  } else if (ty->kind == TY_ENUM) {
    const char *n = type_enum_name(ctx, ty->enumdecl);
    str_puts(&b, n ? n : unnamed_name(ctx, "enum", ty->enumdecl->tok));
  } else {
    str_puts(&b, builtin_name(ty->kind));
  }
  if (*inner) {
    if (*inner != '[')
      str_puts(&b, " ");
    str_puts(&b, inner);
  }
  return b.s;
}

const char *type_spelling(Ctx *ctx, const Type *ty, const char *name) {
  return spell(ctx, ty, name ? name : "");
}
