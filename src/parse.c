/* parse.c: the declarations of a whole preprocessed header, as they ship
 * (GNU C11 with clang's extensions), into ctx->program.
 *
 * A recursive descent parser in chibicc's style (`Token **rest, Token *tok`):
 * external declarations, declaration specifiers, declarators, struct / union
 * / enum specifiers, attributes. Function bodies are skipped by balanced
 * braces; expressions (array bounds, enumerators, bitfield widths,
 * _Static_assert, #define constants) are parse_expr.c's.
 *
 * Scopes: the file scope (hash maps for ordinary identifiers and tags) and
 * prototype scopes (short lists), as C has them; a tag declared inside a
 * struct belongs to the enclosing scope. Types are canonical: typedef names
 * resolve to the type they name, except that a tagless record or enum takes
 * the first typedef name naming it (docs/IR-SCHEMA.md, "records").
 *
 * Errors are located; a syntax error unwinds (longjmp) to the innermost
 * recovery point, a struct member or an external declaration, which skips
 * to the next `;` (or `}`) at its nesting level, so one run reports every
 * broken declaration. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A prototype scope's names: few, so a list. */
typedef struct ScopeEntry ScopeEntry;
struct ScopeEntry {
  ScopeEntry *next;
  const char *key;
  int len;
  void *val;
};

/* ---- keywords -------------------------------------------------------------- */

typedef enum {
  KW_NONE,
  KW_TYPEDEF,
  KW_EXTERN,
  KW_STATIC,
  KW_AUTO,
  KW_REGISTER,
  KW_THREAD,
  KW_INLINE,
  KW_NORETURN,
  KW_CONST,
  KW_VOLATILE,
  KW_RESTRICT,
  KW_ATOMIC,
  KW_VOID,
  KW_BOOL,
  KW_CHAR,
  KW_SHORT,
  KW_INT,
  KW_LONG,
  KW_FLOAT,
  KW_DOUBLE,
  KW_SIGNED,
  KW_UNSIGNED,
  KW_INT128,
  KW_COMPLEX,
  KW_BAD_TYPE, /* _Float16, __float128, _Decimal32...: no wasm32 support here */
  KW_STRUCT,
  KW_UNION,
  KW_ENUM,
  KW_TYPEOF,
  KW_ATTRIBUTE,
  KW_DECLSPEC,
  KW_EXTENSION,
  KW_ALIGNAS,
  KW_STATIC_ASSERT,
  KW_ASM,
  KW_IGNORED, /* calling conventions, nullability: no effect on wasm32 */
  KW_AUTO_TYPE,
  KW_RESERVED, /* statement and expression keywords: never a declarator name */
} Keyword;

static const struct {
  const char *name;
  Keyword kw;
} keyword_table[] = {
    {"typedef", KW_TYPEDEF},
    {"extern", KW_EXTERN},
    {"static", KW_STATIC},
    {"auto", KW_AUTO},
    {"register", KW_REGISTER},
    {"_Thread_local", KW_THREAD},
    {"__thread", KW_THREAD},
    {"inline", KW_INLINE},
    {"__inline", KW_INLINE},
    {"__inline__", KW_INLINE},
    {"_Noreturn", KW_NORETURN},
    {"const", KW_CONST},
    {"__const", KW_CONST},
    {"__const__", KW_CONST},
    {"volatile", KW_VOLATILE},
    {"__volatile", KW_VOLATILE},
    {"__volatile__", KW_VOLATILE},
    {"restrict", KW_RESTRICT},
    {"__restrict", KW_RESTRICT},
    {"__restrict__", KW_RESTRICT},
    {"_Atomic", KW_ATOMIC},
    {"void", KW_VOID},
    {"_Bool", KW_BOOL},
    {"char", KW_CHAR},
    {"short", KW_SHORT},
    {"int", KW_INT},
    {"long", KW_LONG},
    {"float", KW_FLOAT},
    {"double", KW_DOUBLE},
    {"signed", KW_SIGNED},
    {"__signed", KW_SIGNED},
    {"__signed__", KW_SIGNED},
    {"unsigned", KW_UNSIGNED},
    {"__int128", KW_INT128},
    {"_Complex", KW_COMPLEX},
    {"__complex", KW_COMPLEX},
    {"__complex__", KW_COMPLEX},
    {"_Imaginary", KW_BAD_TYPE},
    {"_Float16", KW_BAD_TYPE},
    {"__fp16", KW_BAD_TYPE},
    {"__bf16", KW_BAD_TYPE},
    {"_Float32", KW_BAD_TYPE},
    {"_Float32x", KW_BAD_TYPE},
    {"_Float64", KW_BAD_TYPE},
    {"_Float64x", KW_BAD_TYPE},
    {"_Float128", KW_BAD_TYPE},
    {"__float128", KW_BAD_TYPE},
    {"__ibm128", KW_BAD_TYPE},
    {"_Decimal32", KW_BAD_TYPE},
    {"_Decimal64", KW_BAD_TYPE},
    {"_Decimal128", KW_BAD_TYPE},
    {"struct", KW_STRUCT},
    {"union", KW_UNION},
    {"enum", KW_ENUM},
    {"typeof", KW_TYPEOF},
    {"__typeof", KW_TYPEOF},
    {"__typeof__", KW_TYPEOF},
    {"__attribute", KW_ATTRIBUTE},
    {"__attribute__", KW_ATTRIBUTE},
    {"__declspec", KW_DECLSPEC},
    {"__extension__", KW_EXTENSION},
    {"_Alignas", KW_ALIGNAS},
    {"_Static_assert", KW_STATIC_ASSERT},
    {"asm", KW_ASM},
    {"__asm", KW_ASM},
    {"__asm__", KW_ASM},
    {"__cdecl", KW_IGNORED},
    {"__stdcall", KW_IGNORED},
    {"__fastcall", KW_IGNORED},
    {"__thiscall", KW_IGNORED},
    {"__vectorcall", KW_IGNORED},
    {"__regcall", KW_IGNORED},
    {"_Nonnull", KW_IGNORED},
    {"_Nullable", KW_IGNORED},
    {"_Nullable_result", KW_IGNORED},
    {"_Null_unspecified", KW_IGNORED},
    {"__ptr32", KW_IGNORED},
    {"__ptr64", KW_IGNORED},
    {"__sptr", KW_IGNORED},
    {"__uptr", KW_IGNORED},
    {"__w64", KW_IGNORED},
    {"__unaligned", KW_IGNORED},
    {"__auto_type", KW_AUTO_TYPE},
    {"sizeof", KW_RESERVED},
    {"_Alignof", KW_RESERVED},
    {"__alignof", KW_RESERVED},
    {"__alignof__", KW_RESERVED},
    {"_Generic", KW_RESERVED},
    {"if", KW_RESERVED},
    {"else", KW_RESERVED},
    {"while", KW_RESERVED},
    {"do", KW_RESERVED},
    {"for", KW_RESERVED},
    {"switch", KW_RESERVED},
    {"case", KW_RESERVED},
    {"default", KW_RESERVED},
    {"break", KW_RESERVED},
    {"continue", KW_RESERVED},
    {"return", KW_RESERVED},
    {"goto", KW_RESERVED},
};

/* ---- state ------------------------------------------------------------------ */

typedef struct {
  int kind; /* 0 struct, 1 union, 2 enum */
  Type *type;
} Tag;

/* A prototype scope: names are few, so lists. */
typedef struct Scope Scope;
struct Scope {
  Scope *parent;
  ScopeEntry *ords, *tags;
};

struct ParseState {
  Ctx *ctx;
  Map keywords; /* name -> (Keyword) in val */
  Map ords;     /* file scope: Sym* */
  Map tags;     /* file scope: Tag* */
  Scope *scope; /* innermost prototype scope, NULL at file scope */
  jmp_buf *recover;
  bool silent;   /* evaluating a #define: failures are not errors */
  int in_params; /* nesting of parameter lists: VLA bounds are allowed there */
  Vec records;   /* every Record*, in order of creation */
  Vec enums;     /* every Enum* */
  Vec defining;  /* Record* whose body is being parsed */
  int pack;      /* #pragma pack in effect: max field alignment, 0 if none */
  int depth;     /* nesting of record bodies, against MAX_NESTING */
};

/* Brackets and record bodies nest at most this deep, as clang's default
 * -fbracket-depth: deeper input is an error, not a stack overflow or a
 * quadratic scan. */
enum { MAX_NESTING = 256 };

/* Attributes that matter (others are parsed and skipped). */
typedef struct {
  int aligned; /* largest aligned(N), 0 if none */
  bool packed;
  int mode_bits; /* mode(QI/HI/SI/DI/TI...), 0 if none */
  Annot annot;
} Attrs;

typedef struct {
  Type *type;
  bool is_typedef, is_static, is_extern, is_inline, has_storage;
  int alignas;
  Attrs attrs;
  Record *new_record; /* a record whose body is in these specifiers */
  Enum *new_enum;
} DeclSpec;

typedef struct {
  const char *name; /* NULL when abstract */
  Token *name_tok;
  Type *type;
  Attrs attrs;
  bool knr_ids; /* `f(a, b)`: an identifier list */
} Decl;

static Type *declspec(ParseState *ps, Token **rest, Token *tok, DeclSpec *ds, bool storage_ok);
static Type *declarator(ParseState *ps, Token **rest, Token *tok, Type *ty, Decl *d);
static void attribute_list(ParseState *ps, Token **rest, Token *tok, Attrs *a);
static void static_assert_decl(ParseState *ps, Token **rest, Token *tok);

/* ---- tokens ---------------------------------------------------------------- */

static Keyword keyword_of(ParseState *ps, const Token *tok) {
  if (tok->kind != TK_IDENT)
    return KW_NONE;
  /* KW_NONE is 0: a name that is no keyword maps to NULL. */
  return (Keyword)(intptr_t)map_get(&ps->keywords, tok->loc, tok->len);
}

static char *vformat(Ctx *ctx, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  char *s = arena_alloc(ctx, (size_t)n + 1);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

_Noreturn void parse_fail(ParseState *ps, const Token *tok, const char *fmt, ...) {
  if (!ps->silent) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(ps->ctx, fmt, ap);
    va_end(ap);
    diag_error(ps->ctx, tok, "%s", msg);
  }
  longjmp(*ps->recover, 1);
}

/* A located error that does not end the declaration. */
static void error_at(ParseState *ps, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
static void error_at(ParseState *ps, const Token *tok, const char *fmt, ...) {
  if (ps->silent)
    return;
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(ps->ctx, fmt, ap);
  va_end(ap);
  diag_error(ps->ctx, tok, "%s", msg);
}

static const char *tok_text(ParseState *ps, const Token *tok) {
  if (tok->kind == TK_EOF)
    return "end of input";
  return arena_printf(ps->ctx, "'%.*s'", tok->len, tok->loc);
}

void parse_expect(ParseState *ps, Token **rest, Token *tok, const char *punct) {
  if (!tok_is(tok, punct))
    parse_fail(ps, tok, "expected '%s' before %s", punct, tok_text(ps, tok));
  *rest = tok->next;
}

/* Expects `punct` closing `open`: else an error, a note at the opener (the
 * construct left unclosed), and the declaration's recovery. */
static void expect_closing(ParseState *ps, Token **rest, Token *tok, const char *punct,
                           const Token *open) {
  if (!tok_is(tok, punct)) {
    if (!ps->silent) {
      diag_error(ps->ctx, tok, "expected '%s' before %s", punct, tok_text(ps, tok));
      diag_note(ps->ctx, open, "to match this '%.*s'", open->len, open->loc);
    }
    longjmp(*ps->recover, 1);
  }
  *rest = tok->next;
}

static bool consume(Token **rest, Token *tok, const char *s) {
  if (tok_is(tok, s)) {
    *rest = tok->next;
    return true;
  }
  *rest = tok;
  return false;
}

/* The token after the bracket matching the opening one at tok. */
static Token *skip_balanced(ParseState *ps, Token *tok) {
  int depth = 0;
  Token *open = tok;
  for (; tok->kind != TK_EOF; tok = tok->next) {
    if (tok->kind != TK_PUNCT)
      continue;
    if (tok_is(tok, "(") || tok_is(tok, "[") || tok_is(tok, "{")) {
      if (++depth > MAX_NESTING)
        parse_fail(ps, tok, "bracket nesting level exceeded maximum of %d", MAX_NESTING);
    } else if (tok_is(tok, ")") || tok_is(tok, "]") || tok_is(tok, "}")) {
      if (--depth == 0)
        return tok->next;
    }
  }
  parse_fail(ps, open, "unbalanced %s", tok_text(ps, open));
}

static const char *ident_name(ParseState *ps, const Token *tok) {
  return arena_strndup(ps->ctx, tok->loc, (size_t)tok->len);
}

static bool is_reported(const Token *tok) {
  const Token *site = tok_use_site(tok);
  return site->file && site->file->reported;
}

/* ---- scopes ---------------------------------------------------------------- */

static ScopeEntry *list_find(ScopeEntry *e, const char *name, int len) {
  for (; e; e = e->next)
    if (e->len == len && memcmp(e->key, name, (size_t)len) == 0)
      return e;
  return NULL;
}

static void list_push(ParseState *ps, ScopeEntry **list, const char *name, int len, void *val) {
  ScopeEntry *e = arena_alloc(ps->ctx, sizeof *e);
  e->key = arena_strndup(ps->ctx, name, (size_t)len);
  e->len = len;
  e->val = val;
  e->next = *list;
  *list = e;
}

static void enter_scope(ParseState *ps) {
  Scope *sc = arena_alloc(ps->ctx, sizeof *sc);
  sc->parent = ps->scope;
  ps->scope = sc;
}

static void leave_scope(ParseState *ps) {
  ps->scope = ps->scope->parent;
}

static Sym *lookup_name(ParseState *ps, const char *name, int len) {
  for (Scope *sc = ps->scope; sc; sc = sc->parent) {
    ScopeEntry *e = list_find(sc->ords, name, len);
    if (e)
      return e->val;
  }
  return map_get(&ps->ords, name, len);
}

Sym *parse_lookup(ParseState *ps, const Token *tok) {
  if (tok->kind != TK_IDENT)
    return NULL;
  return lookup_name(ps, tok->loc, tok->len);
}

/* The symbol of that name in the innermost scope only. */
static Sym *lookup_current(ParseState *ps, const Token *tok) {
  if (ps->scope) {
    ScopeEntry *e = list_find(ps->scope->ords, tok->loc, tok->len);
    return e ? e->val : NULL;
  }
  return map_get(&ps->ords, tok->loc, tok->len);
}

static Sym *define_sym(ParseState *ps, const Token *tok, SymKind kind, Type *ty) {
  Sym *s = arena_alloc(ps->ctx, sizeof *s);
  s->kind = kind;
  s->name = ident_name(ps, tok);
  s->type = ty;
  s->tok = tok;
  if (ps->scope)
    list_push(ps, &ps->scope->ords, tok->loc, tok->len, s);
  else
    map_put(ps->ctx, &ps->ords, tok->loc, tok->len, s);
  return s;
}

static Tag *lookup_tag(ParseState *ps, const Token *tok, bool current_only) {
  for (Scope *sc = ps->scope; sc; sc = sc->parent) {
    ScopeEntry *e = list_find(sc->tags, tok->loc, tok->len);
    if (e)
      return e->val;
    if (current_only)
      return NULL;
  }
  return map_get(&ps->tags, tok->loc, tok->len);
}

static void define_tag(ParseState *ps, const Token *tok, Tag *tag) {
  if (ps->scope)
    list_push(ps, &ps->scope->tags, tok->loc, tok->len, tag);
  else
    map_put(ps->ctx, &ps->tags, tok->loc, tok->len, tag);
}

bool parse_is_typename(ParseState *ps, const Token *tok) {
  while (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_EXTENSION)
    tok = tok->next;
  if (tok->kind != TK_IDENT)
    return false;
  switch (keyword_of(ps, tok)) {
  case KW_NONE: {
    Sym *s = parse_lookup(ps, tok);
    return s && s->kind == SYM_TYPEDEF;
  }
  case KW_RESERVED:
  case KW_STATIC_ASSERT:
  case KW_ASM: return false;
  default: return true;
  }
}

/* ---- attributes ------------------------------------------------------------- */

/* The attribute's name without the `__x__` decoration. */
static bool attr_is(const Token *tok, const char *name) {
  size_t n = strlen(name);
  const char *s = tok->loc;
  size_t len = (size_t)tok->len;
  if (len == n + 4 && strncmp(s, "__", 2) == 0 && strncmp(s + len - 2, "__", 2) == 0) {
    s += 2;
    len -= 4;
  }
  return len == n && strncmp(s, name, n) == 0;
}

/* annotate("wb_...") of include/wasmbind.h. */
static void annotation(ParseState *ps, Token *tok, const char *text, Attrs *a) {
  if (strncmp(text, "wb_", 3) != 0)
    return; /* someone else's annotation */
  Annot *an = &a->annot;
  if (!an->tok)
    an->tok = tok;
  if (strcmp(text, "wb_owned") == 0) {
    an->flags |= A_OWNED;
  } else if (strcmp(text, "wb_out") == 0) {
    an->flags |= A_OUT;
  } else if (strcmp(text, "wb_inout") == 0) {
    an->flags |= A_INOUT;
  } else if (strcmp(text, "wb_nullable") == 0) {
    an->flags |= A_NULLABLE;
  } else if (strcmp(text, "wb_import") == 0) {
    an->flags |= A_IMPORT;
  } else if (strncmp(text, "wb_free:", 8) == 0 && text[8]) {
    an->flags |= A_OWNED;
    an->free_fn = arena_strdup(ps->ctx, text + 8);
  } else if (strncmp(text, "wb_len:", 7) == 0 && text[7]) {
    an->len = arena_strdup(ps->ctx, text + 7);
  } else if (strncmp(text, "wb_output:", 10) == 0 && text[10]) {
    an->output = arena_strdup(ps->ctx, text + 10);
  } else if (strncmp(text, "wb_output_length:", 17) == 0 && text[17]) {
    an->output_len = arena_strdup(ps->ctx, text + 17);
  } else {
    error_at(ps, tok, "unknown wasmbind annotation \"%s\"", text);
  }
}

/* mode(QI|HI|SI|DI|TI|word|pointer|byte), in bits. */
static int mode_bits(const Token *tok) {
  if (attr_is(tok, "QI") || attr_is(tok, "byte"))
    return 8;
  if (attr_is(tok, "HI"))
    return 16;
  if (attr_is(tok, "SI") || attr_is(tok, "word") || attr_is(tok, "pointer"))
    return 32;
  if (attr_is(tok, "DI"))
    return 64;
  if (attr_is(tok, "TI"))
    return 128;
  return 0;
}

/* attribute = name ("(" args ")")? */
static Token *attribute(ParseState *ps, Token *tok, Attrs *a) {
  Token *name = tok;
  if (tok->kind != TK_IDENT)
    parse_fail(ps, tok, "expected attribute name before %s", tok_text(ps, tok));
  tok = tok->next;
  bool has_args = tok_is(tok, "(");
  Token *args = has_args ? tok->next : NULL;
  Token *after = has_args ? skip_balanced(ps, tok) : tok;

  if (attr_is(name, "packed")) {
    a->packed = true;
  } else if (attr_is(name, "aligned")) {
    int64_t n = 16; /* __BIGGEST_ALIGNMENT__ of wasm32 */
    if (has_args) {
      Token *t;
      n = parse_int_const(ps, &t, args, NULL);
      parse_expect(ps, &t, t, ")");
      if (n <= 0 || (n & (n - 1)) || n > (1 << 28)) {
        error_at(ps, args, "requested alignment is not a power of 2");
        n = 0;
      }
    }
    if (n > a->aligned)
      a->aligned = (int)n;
  } else if (attr_is(name, "mode")) {
    int bits = has_args ? mode_bits(args) : 0;
    if (!bits)
      error_at(ps, has_args ? args : name, "unsupported mode attribute");
    a->mode_bits = bits;
  } else if (attr_is(name, "annotate")) {
    if (!has_args || args->kind != TK_STR)
      parse_fail(ps, has_args ? args : name, "annotate needs a string literal");
    const char *text;
    int len, elem;
    int64_t count;
    parse_string_literal(ps, args, &text, &len, &elem, &count);
    annotation(ps, args, text, a);
  } else if (attr_is(name, "format") && has_args && args->kind == TK_IDENT &&
             (tok_is(args, "printf") || tok_is(args, "__printf__") || tok_is(args, "gnu_printf"))) {
    /* format(printf, N, M): parameter N is the format of the variadic ones */
    Token *t = args->next;
    if (tok_is(t, ",") && t->next->kind == TK_NUM) {
      int64_t n;
      Token *end;
      n = parse_int_const(ps, &end, t->next, NULL);
      if (n > 0 && n < 1000)
        a->annot.format = arena_printf(ps->ctx, "%d", (int)n);
    }
  } else if (attr_is(name, "vector_size") || attr_is(name, "ext_vector_type") ||
             attr_is(name, "neon_vector_type") || attr_is(name, "matrix_type")) {
    error_at(ps, name, "vector types are not supported");
  }
  return after;
}

/* attribute-list = ("__attribute__" "((" attribute? ("," attribute?)* "))"
 *                  | "__declspec" "(" ... ")")* */
static void attribute_list(ParseState *ps, Token **rest, Token *tok, Attrs *a) {
  for (;;) {
    Keyword kw = keyword_of(ps, tok);
    if (kw == KW_DECLSPEC) {
      if (!tok_is(tok->next, "("))
        parse_fail(ps, tok->next, "expected '(' after __declspec");
      tok = skip_balanced(ps, tok->next);
      continue;
    }
    if (kw != KW_ATTRIBUTE)
      break;
    tok = tok->next;
    parse_expect(ps, &tok, tok, "(");
    parse_expect(ps, &tok, tok, "(");
    while (!tok_is(tok, ")")) {
      if (tok_is(tok, ",")) {
        tok = tok->next;
        continue;
      }
      tok = attribute(ps, tok, a);
      if (!tok_is(tok, ",") && !tok_is(tok, ")"))
        parse_fail(ps, tok, "expected ')' after attribute, not %s", tok_text(ps, tok));
    }
    tok = tok->next;
    parse_expect(ps, &tok, tok, ")");
  }
  *rest = tok;
}

static void merge_annot(Annot *to, const Annot *from) {
  if (from->format)
    to->format = from->format;
  if (!from->flags && !from->free_fn && !from->len && !from->output && !from->output_len)
    return;
  to->flags |= from->flags;
  if (from->free_fn)
    to->free_fn = from->free_fn;
  if (from->len)
    to->len = from->len;
  if (from->output)
    to->output = from->output;
  if (from->output_len)
    to->output_len = from->output_len;
  if (!to->tok)
    to->tok = from->tok;
}

static void merge_attrs(Attrs *to, const Attrs *from) {
  if (from->aligned > to->aligned)
    to->aligned = from->aligned;
  to->packed |= from->packed;
  if (from->mode_bits)
    to->mode_bits = from->mode_bits;
  merge_annot(&to->annot, &from->annot);
}

/* Attributes, calling conventions, nullability and `__asm__("label")` where
 * a declarator may carry them. */
static Token *decl_extras(ParseState *ps, Token *tok, Attrs *a) {
  for (;;) {
    Keyword kw = keyword_of(ps, tok);
    if (kw == KW_ATTRIBUTE || kw == KW_DECLSPEC) {
      attribute_list(ps, &tok, tok, a);
    } else if (kw == KW_IGNORED) {
      tok = tok->next;
    } else if (kw == KW_ASM) {
      tok = tok->next;
      if (!tok_is(tok, "("))
        parse_fail(ps, tok, "expected '(' after asm");
      tok = skip_balanced(ps, tok);
    } else {
      return tok;
    }
  }
}

/* ---- types from specifiers --------------------------------------------------- */

/* The integer type of `bits` bits with the signedness of ty (mode attribute). */
static Type *int_type_of_width(ParseState *ps, Type *ty, int bits, const Token *where) {
  if (!type_is_integer(ty)) {
    error_at(ps, where, "mode attribute on a type that is not an integer");
    return ty;
  }
  bool u = type_is_unsigned(ty);
  TypeKind k = bits == 8    ? (u ? TY_UCHAR : TY_SCHAR)
               : bits == 16 ? (u ? TY_USHORT : TY_SHORT)
               : bits == 32 ? (u ? TY_UINT : TY_INT)
               : bits == 64 ? (u ? TY_ULLONG : TY_LLONG)
                            : (u ? TY_UINT128 : TY_INT128);
  return type_qualified(ps->ctx, type_builtin(ps->ctx, k), ty->quals);
}

static Record *new_record(ParseState *ps, bool is_union, const Token *kw, const Token *tag) {
  Record *rec = arena_alloc(ps->ctx, sizeof *rec);
  rec->is_union = is_union;
  rec->tag = tag ? ident_name(ps, tag) : NULL;
  rec->tok = kw;
  rec->anon_index = -1;
  vec_push(ps->ctx, &ps->records, rec);
  return rec;
}

static Type *record_type(ParseState *ps, Record *rec) {
  Type *ty = type_builtin(ps->ctx, TY_STRUCT);
  ty->record = rec;
  return ty;
}

/* The members of a record being parsed (in the arena: they survive the
 * longjmp of a member's recovery). names indexes the named ones, so that
 * the duplicate check stays O(1) however many members there are. */
typedef struct {
  Vec members; /* Member* */
  Map names;   /* name -> Member* */
  int nnamed;
} MemberList;

static void add_member(Ctx *ctx, MemberList *ml, Member *m) {
  vec_push(ctx, &ml->members, m);
  if (m->name && *m->name) {
    map_put(ctx, &ml->names, m->name, (int)strlen(m->name), m);
    ml->nnamed++;
  }
}

Member *parse_find_member(Record *rec, const char *name, int len, int64_t *offset) {
  for (int i = 0; i < rec->nmembers; i++) {
    Member *m = &rec->members[i];
    if (!*m->name) {
      if (m->type->kind == TY_STRUCT) {
        int64_t inner;
        Member *found = parse_find_member(m->type->record, name, len, &inner);
        if (found) {
          *offset = m->offset + inner;
          return found;
        }
      }
      continue;
    }
    if ((int)strlen(m->name) == len && memcmp(m->name, name, (size_t)len) == 0) {
      *offset = m->offset;
      return m;
    }
  }
  return NULL;
}

/* Skips a member declaration that failed: to after its `;`, or to the `}`
 * that ends the record. */
static Token *skip_member(Token *tok) {
  int depth = 0;
  for (; tok->kind != TK_EOF; tok = tok->next) {
    if (tok->kind != TK_PUNCT)
      continue;
    if (tok_is(tok, "(") || tok_is(tok, "[") || tok_is(tok, "{")) {
      depth++;
    } else if (tok_is(tok, ")") || tok_is(tok, "]") || tok_is(tok, "}")) {
      if (depth == 0)
        return tok;
      depth--;
    } else if (depth == 0 && tok_is(tok, ";")) {
      return tok->next;
    }
  }
  return tok;
}

/* Ends the definition of records whose body an error left. */
static void abandon_definitions(ParseState *ps, int keep) {
  while (ps->defining.len > keep) {
    Record *rec = ps->defining.items[--ps->defining.len];
    rec->defining = false;
  }
}

/* Names the tagless records and enums defined in ds after member `name`
 * of parent (docs/IR-SCHEMA.md, "records": "struct P::f", "struct P::(anonymous@i)"). */
static void name_nested(DeclSpec *ds, Record *parent, const char *name, int anon_index) {
  if (ds->new_record && !ds->new_record->tag && !ds->new_record->parent) {
    ds->new_record->parent = parent;
    ds->new_record->parent_member = name;
    ds->new_record->anon_index = anon_index;
  }
  if (ds->new_enum && !ds->new_enum->tag && !ds->new_enum->parent && name) {
    ds->new_enum->parent = parent;
    ds->new_enum->parent_member = name;
  }
}

/* Reports a member of a type a record cannot hold, or a bit-field width
 * its type cannot take; returns the width, -2 when the member is dropped. */
static int check_member_type(ParseState *ps, Type *ty, const char *name, const Token *where,
                             const Token *width_tok, int width) {
  Ctx *ctx = ps->ctx;
  const char *n = name ? name : "";
  if (ty->kind == TY_FUNC) {
    error_at(ps, where, "field '%s' declared as a function", n);
  } else if (width_tok) {
    int bits = ty->kind == TY_BOOL ? 1 : type_int_bits(ty);
    if (!type_is_integer(ty)) {
      error_at(ps, width_tok, "bit-field '%s' has non-integral type '%s'", n,
               type_spelling(ctx, ty, NULL));
      return -2;
    }
    if (width == -2)
      error_at(ps, width_tok, "bit-field '%s' has a negative or too large width", n);
    else if (width > bits)
      error_at(ps, width_tok,
               "width of bit-field '%s' (%d bits) exceeds the width of its type (%d bits)", n,
               width, bits);
    else if (width == 0 && name)
      error_at(ps, width_tok, "named bit-field '%s' has zero width", name);
    else
      return width;
    return -2;
  } else if (!(ty->kind == TY_ARRAY && ty->array_len < 0) && layout_sizeof(ctx, ty) < 0) {
    error_at(ps, where, "field '%s' has incomplete type '%s'", n, type_spelling(ctx, ty, NULL));
  }
  return width;
}

/* struct-declaration = specifier-qualifier-list
 *                      (struct-declarator ("," struct-declarator)*)? ";"
 *                    | static_assert-declaration
 * struct-declarator = declarator? (":" constant-expression)? attribute-list */
/* WB_LEN(L) on a member (before it or after its declarator) makes it a
 * buffer (rules.c resolves L); no other annotation applies to a member. */
static void member_annot(ParseState *ps, Member *m, const Annot *before, const Annot *after) {
  merge_annot(&m->annot, before);
  merge_annot(&m->annot, after);
  m->annot.format = NULL; /* format(printf...) on a function pointer member: not ours */
  if (m->annot.flags || m->annot.free_fn || m->annot.output || m->annot.output_len)
    error_at(ps, m->annot.tok, "only WB_LEN(field) applies to a struct member");
}

static void struct_declaration(ParseState *ps, Token **rest, Token *tok, Record *rec,
                               MemberList *ml) {
  Ctx *ctx = ps->ctx;
  Keyword kw = keyword_of(ps, tok);
  if (kw == KW_STATIC_ASSERT ||
      (tok->kind == TK_IDENT && tok_is(tok, "static_assert") && tok_is(tok->next, "("))) {
    static_assert_decl(ps, rest, tok);
    return;
  }
  if (!parse_is_typename(ps, tok)) {
    if (tok->kind == TK_IDENT && kw == KW_NONE)
      parse_fail(ps, tok, "unknown type name '%.*s'", tok->len, tok->loc);
    parse_fail(ps, tok, "expected a member declaration before %s", tok_text(ps, tok));
  }
  DeclSpec ds = {0};
  declspec(ps, &tok, tok, &ds, false);

  if (tok_is(tok, ";")) {
    /* C11 anonymous struct/union member: a tagless record with no declarator. */
    if (ds.new_record && !ds.new_record->tag && ds.type->kind == TY_STRUCT) {
      name_nested(&ds, rec, NULL, ml->nnamed);
      Member *m = arena_alloc(ctx, sizeof *m);
      m->name = "";
      m->type = ds.type;
      m->bit_width = -1;
      m->tok = ds.new_record->tok;
      m->align_attr = ds.alignas > ds.attrs.aligned ? ds.alignas : ds.attrs.aligned;
      m->packed = ds.attrs.packed;
      add_member(ctx, ml, m);
      ml->nnamed++; /* counted though it has no name (name_nested's index) */
    }
    *rest = tok->next;
    return;
  }

  for (bool first = true;; first = false) {
    Decl d = {0};
    Token *start = tok;
    declarator(ps, &tok, tok, ds.type, &d);
    int width = -1;
    Token *width_tok = NULL;
    if (tok_is(tok, ":")) {
      width_tok = tok->next;
      Type *wt;
      int64_t w = parse_int_const(ps, &tok, tok->next, &wt);
      width = w < 0 || w > 1024 ? -2 : (int)w;
    }
    tok = decl_extras(ps, tok, &d.attrs);
    if (first)
      name_nested(&ds, rec, d.name, ml->nnamed);

    Type *ty = d.type;
    if (ds.attrs.mode_bits || d.attrs.mode_bits)
      ty = int_type_of_width(ps, ty, d.attrs.mode_bits ? d.attrs.mode_bits : ds.attrs.mode_bits,
                             start);
    const Token *where = d.name_tok ? d.name_tok : start;
    if (!d.name && width < 0 && width_tok == NULL)
      parse_fail(ps, where, "expected member name or ';' after declaration specifiers");
    if (d.name && map_get(&ml->names, d.name, (int)strlen(d.name)))
      error_at(ps, where, "duplicate member '%s'", d.name);

    width = check_member_type(ps, ty, d.name, where, width_tok, width);
    if (width != -2) {
      Member *m = arena_alloc(ctx, sizeof *m);
      m->name = d.name; /* NULL: an unnamed bitfield, laid out but not listed */
      m->type = ty;
      m->bit_width = width;
      m->tok = where;
      int align = ds.attrs.aligned;
      if (ds.alignas > align)
        align = ds.alignas;
      if (d.attrs.aligned > align)
        align = d.attrs.aligned;
      m->align_attr = align;
      m->packed = ds.attrs.packed || d.attrs.packed;
      member_annot(ps, m, &ds.attrs.annot, &d.attrs.annot);
      add_member(ctx, ml, m);
    }
    if (tok_is(tok, ","))
      tok = tok->next;
    else
      break;
  }
  parse_expect(ps, rest, tok, ";");
}

/* The type a typedef names, marked as text when it is one of C's wide
 * characters: char16_t (UTF-16), char32_t and wchar_t (UTF-32 on wasm32),
 * whose pointers are strings, not arrays of numbers. */
static Type *wide_char_type(ParseState *ps, const Token *name, Type *ty) {
  unsigned units = tok_is(name, "char16_t")                              ? 2
                   : tok_is(name, "char32_t") || tok_is(name, "wchar_t") ? 4
                                                                         : 0;
  if (!units || !type_is_integer(ty) || layout_sizeof(ps->ctx, ty) != units)
    return ty;
  Type *t = type_copy(ps->ctx, ty);
  t->text_units = units;
  return t;
}

/* struct-body = "{" struct-declaration* "}" */
/* The token the preprocessor puts (pp_directive.c) where a #pragma pack changes the maximum field
 * alignment: "#pragma pack(N)" or "#pragma pack()". Sets ps->pack. */
static bool pragma_pack(ParseState *ps, const Token *tok) {
  static const char prefix[] = "#pragma pack(";
  int n = (int)sizeof prefix - 1;
  if (tok->kind != TK_PUNCT || tok->len <= n || memcmp(tok->loc, prefix, (size_t)n) != 0)
    return false;
  ps->pack = atoi(tok->loc + n);
  return true;
}

/* One struct-declaration; after an error in it, skips to the member's end.
 * (A function of its own, called per member: Emscripten's setjmp keeps a
 * table per call of the function that calls setjmp, which a loop of setjmps
 * would grow and scan, quadratically.) */
static void member_with_recovery(ParseState *ps, Token **rest, Token *tok, Record *rec,
                                 MemberList *ml) {
  jmp_buf jb;
  jmp_buf *saved = ps->recover;
  Scope *saved_scope = ps->scope;
  int saved_in_params = ps->in_params;
  int saved_depth = ps->depth;
  int saved_defining = ps->defining.len;
  Token *volatile start = tok;
  ps->recover = &jb;
  if (setjmp(jb)) {
    ps->recover = saved;
    ps->scope = saved_scope;
    ps->in_params = saved_in_params;
    ps->depth = saved_depth;
    abandon_definitions(ps, saved_defining);
    Token *next = skip_member(start);
    *rest = next == start ? next->next : next;
    return;
  }
  struct_declaration(ps, rest, tok, rec, ml);
  ps->recover = saved;
}

static void struct_body(ParseState *ps, Token **rest, Token *tok, Record *rec) {
  Ctx *ctx = ps->ctx;
  MemberList *body = arena_alloc(ctx, sizeof *body);
  const Token *open = tok;
  if (ps->depth >= MAX_NESTING)
    parse_fail(ps, tok, "record bodies nested deeper than %d", MAX_NESTING);
  ps->depth++;
  tok = tok->next; /* "{" */
  while (!tok_is(tok, "}")) {
    if (tok->kind == TK_EOF) {
      error_at(ps, tok, "expected '}' at end of the definition of '%s'",
               type_record_name(ctx, rec));
      if (!ps->silent)
        diag_note(ctx, open, "to match this '{'");
      longjmp(*ps->recover, 1);
    }
    if (tok_is(tok, ";") || pragma_pack(ps, tok)) {
      tok = tok->next;
      continue;
    }
    member_with_recovery(ps, &tok, tok, rec, body);
  }
  ps->depth--;
  *rest = tok->next;

  Vec *members = &body->members;
  rec->nall_members = members->len;
  rec->all_members = arena_alloc(ctx, sizeof(Member) * (size_t)(members->len ? members->len : 1));
  for (int i = 0; i < members->len; i++)
    rec->all_members[i] = *(Member *)members->items[i];
}

/* struct-union-specifier = ("struct" | "union") attribute-list ident? attribute-list
 *                          ("{" struct-declaration* "}" attribute-list)? */
static Type *struct_union_specifier(ParseState *ps, Token **rest, Token *tok, DeclSpec *ds) {
  Ctx *ctx = ps->ctx;
  Token *kw = tok;
  bool is_union = keyword_of(ps, tok) == KW_UNION;
  int kind = is_union ? 1 : 0;
  Attrs attrs = {0};
  attribute_list(ps, &tok, tok->next, &attrs);
  Token *tag = NULL;
  if (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_NONE) {
    tag = tok;
    tok = tok->next;
    attribute_list(ps, &tok, tok, &attrs);
  }
  if (!tag && !tok_is(tok, "{"))
    parse_fail(ps, tok, "expected identifier or '{' after '%.*s'", kw->len, kw->loc);

  Record *rec = NULL;
  Type *ty = NULL;
  if (tag) {
    /* `struct S;` alone declares S in the current scope; a use without a
     * body refers to the visible S or declares it; a body defines S in the
     * current scope. */
    bool body = tok_is(tok, "{");
    bool forward = !body && tok_is(tok, ";") && ds->type == NULL;
    Tag *t = lookup_tag(ps, tag, body || forward);
    if (t) {
      if (t->kind != kind)
        parse_fail(ps, tag, "use of '%.*s' with tag type that does not match previous declaration",
                   tag->len, tag->loc);
      ty = t->type;
      rec = ty->record;
      if (body && (rec->complete || rec->defining))
        parse_fail(ps, tag, "redefinition of '%s'", type_record_name(ctx, rec));
    } else {
      rec = new_record(ps, is_union, kw, tag);
      ty = record_type(ps, rec);
      t = arena_alloc(ctx, sizeof *t);
      t->kind = kind;
      t->type = ty;
      define_tag(ps, tag, t);
    }
    if (!body) {
      *rest = tok;
      return ty;
    }
  } else {
    rec = new_record(ps, is_union, kw, NULL);
    ty = record_type(ps, rec);
  }

  rec->tok = kw;
  rec->pack = ps->pack; /* as clang: the pragma in effect at the '{' */
  rec->defining = true;
  rec->reported = is_reported(kw);
  vec_push(ctx, &ps->defining, rec);
  ds->new_record = rec;
  struct_body(ps, &tok, tok, rec);
  attribute_list(ps, &tok, tok, &attrs);
  rec->packed = attrs.packed;
  rec->align_attr = attrs.aligned;
  layout_record(ctx, rec);
  rec->defining = false;
  rec->complete = true;
  ps->defining.len--;
  *rest = tok;
  return ty;
}

static int64_t active_bits(uint64_t v) {
  int n = 0;
  while (v) {
    n++;
    v >>= 1;
  }
  return n;
}

/* The integer type clang gives an enum from its values (Sema::ActOnEnumBody):
 * unsigned int when none is negative, else int, widening when needed; the
 * smallest type under __attribute__((packed)). */
static Type *enum_int_type(Ctx *ctx, bool packed, int neg_bits, int pos_bits) {
  TypeKind k;
  if (neg_bits) {
    if (packed && neg_bits <= 8 && pos_bits < 8)
      k = TY_SCHAR;
    else if (packed && neg_bits <= 16 && pos_bits < 16)
      k = TY_SHORT;
    else if (neg_bits <= 32 && pos_bits < 32)
      k = TY_INT;
    else
      k = TY_LLONG;
  } else {
    if (packed && pos_bits <= 8)
      k = TY_UCHAR;
    else if (packed && pos_bits <= 16)
      k = TY_USHORT;
    else if (pos_bits <= 32)
      k = TY_UINT;
    else
      k = TY_ULLONG;
  }
  return type_builtin(ctx, k);
}

static bool fits_int(int64_t v, bool is_unsigned) {
  if (is_unsigned)
    return (uint64_t)v <= INT32_MAX;
  return v >= INT32_MIN && v <= INT32_MAX;
}

/* enum-body = "{" enumerator ("," enumerator)* ","? "}"
 * enumerator = ident attribute-list ("=" constant-expression)? */
static void enum_body(ParseState *ps, Token **rest, Token *tok, Enum *en, Type *enum_ty) {
  Ctx *ctx = ps->ctx;
  Vec syms = {0};
  Vec consts = {0};
  int64_t val = -1;
  bool val_unsigned = false;
  int neg_bits = 0, pos_bits = 0;
  bool first = true;
  const Token *open = tok;
  tok = tok->next; /* "{" */
  if (tok_is(tok, "}"))
    parse_fail(ps, tok, "use of empty enum");
  while (!tok_is(tok, "}")) {
    if (tok->kind != TK_IDENT || keyword_of(ps, tok) != KW_NONE)
      parse_fail(ps, tok, "expected identifier before %s", tok_text(ps, tok));
    Token *name = tok;
    Attrs ignored = {0};
    attribute_list(ps, &tok, tok->next, &ignored);
    if (tok_is(tok, "=")) {
      Type *vt;
      val = parse_int_const(ps, &tok, tok->next, &vt);
      val_unsigned = vt && type_is_unsigned(vt) && type_int_bits(vt) >= 64 && val < 0;
    } else if (first) {
      val = 0;
      val_unsigned = false;
    } else {
      if (!val_unsigned && val == INT64_MAX) /* as clang: wraps to INT64_MIN, a warning */
        diag_warning(ctx, name,
                     "incremented enumerator value 9223372036854775808 is not representable in "
                     "the largest integer type");
      else if (val_unsigned && val == -1) { /* as clang: wraps to 0, a warning */
        diag_warning(ctx, name,
                     "incremented enumerator value 18446744073709551616 is not representable in "
                     "the largest integer type");
        val_unsigned = false;
      }
      val = (int64_t)((uint64_t)val + 1); /* no signed overflow */
    }
    first = false;
    if (val_unsigned || val >= 0) {
      int b = (int)active_bits((uint64_t)val);
      if (b > pos_bits)
        pos_bits = b;
    } else {
      int b = (int)active_bits(~(uint64_t)val) + 1;
      if (b > neg_bits)
        neg_bits = b;
    }
    Sym *prev = lookup_current(ps, name);
    if (prev)
      error_at(ps, name, "redefinition of '%.*s'", name->len, name->loc);
    Type *ty = fits_int(val, val_unsigned) ? type_builtin(ctx, TY_INT)
                                           : type_builtin(ctx, val_unsigned ? TY_ULLONG : TY_LLONG);
    Sym *s = define_sym(ps, name, SYM_ENUMCONST, ty);
    s->value = val;
    vec_push(ctx, &syms, s);
    EnumConst *c = arena_alloc(ctx, sizeof *c);
    c->name = s->name;
    c->value = val;
    vec_push(ctx, &consts, c);
    if (!tok_is(tok, ","))
      break;
    tok = tok->next;
  }
  expect_closing(ps, &tok, tok, "}", open);
  Attrs attrs = {0};
  attribute_list(ps, &tok, tok, &attrs);
  *rest = tok;

  if (attrs.packed)
    en->packed = true;
  if (!en->int_type)
    en->int_type = enum_int_type(ctx, en->packed, neg_bits, pos_bits);
  en->consts = arena_alloc(ctx, sizeof(EnumConst) * (size_t)consts.len);
  for (int i = 0; i < consts.len; i++)
    en->consts[i] = *(EnumConst *)consts.items[i];
  en->nconsts = consts.len;
  en->complete = true;
  /* After the definition an enumerator is an int when its value fits,
   * else of the enum's type (clang). */
  for (int i = 0; i < syms.len; i++) {
    Sym *s = syms.items[i];
    if (!fits_int(s->value, type_is_unsigned(s->type)))
      s->type = enum_ty;
  }
}

/* enum-specifier = "enum" attribute-list ident? attribute-list (":" type-name)?
 *                  ("{" enum-body)? */
static Type *enum_specifier(ParseState *ps, Token **rest, Token *tok, DeclSpec *ds) {
  Ctx *ctx = ps->ctx;
  Token *kw = tok;
  Attrs attrs = {0};
  attribute_list(ps, &tok, tok->next, &attrs);
  Token *tag = NULL;
  if (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_NONE) {
    tag = tok;
    tok = tok->next;
    attribute_list(ps, &tok, tok, &attrs);
  }
  Type *fixed = NULL;
  if (tok_is(tok, ":")) {
    fixed = parse_typename(ps, &tok, tok->next);
    if (!type_is_integer(fixed) || fixed->kind == TY_ENUM)
      parse_fail(ps, tok, "non-integral type '%s' is an invalid underlying type",
                 type_spelling(ctx, fixed, NULL));
    fixed = type_unqualified(ctx, fixed);
  }
  if (!tag && !tok_is(tok, "{"))
    parse_fail(ps, tok, "expected identifier or '{' after 'enum'");

  Enum *en = NULL;
  Type *ty = NULL;
  bool body = tok_is(tok, "{");
  if (tag) {
    bool forward = !body && tok_is(tok, ";") && ds->type == NULL;
    Tag *t = lookup_tag(ps, tag, body || forward);
    if (t) {
      if (t->kind != 2)
        parse_fail(ps, tag, "use of '%.*s' with tag type that does not match previous declaration",
                   tag->len, tag->loc);
      ty = t->type;
      en = ty->enumdecl;
      if (body && en->complete)
        parse_fail(ps, tag, "redefinition of 'enum %.*s'", tag->len, tag->loc);
    }
  }
  if (!en) {
    en = arena_alloc(ctx, sizeof *en);
    en->tag = tag ? ident_name(ps, tag) : NULL;
    en->tok = kw;
    ty = type_builtin(ctx, TY_ENUM);
    ty->enumdecl = en;
    vec_push(ctx, &ps->enums, en);
    if (tag) {
      Tag *t = arena_alloc(ctx, sizeof *t);
      t->kind = 2;
      t->type = ty;
      define_tag(ps, tag, t);
    }
  }
  if (fixed)
    en->int_type = fixed;
  if (!body) {
    *rest = tok;
    return ty;
  }
  en->tok = kw;
  en->reported = is_reported(kw);
  en->packed = attrs.packed;
  ds->new_enum = en;
  enum_body(ps, rest, tok, en, ty);
  return ty;
}

/* typeof-specifier = ("typeof" | "__typeof__") "(" (type-name | expression) ")" */
static Type *typeof_specifier(ParseState *ps, Token **rest, Token *tok) {
  parse_expect(ps, &tok, tok->next, "(");
  Type *ty;
  if (parse_is_typename(ps, tok)) {
    ty = parse_typename(ps, &tok, tok);
  } else {
    ExprVal v;
    parse_cond_expr(ps, &tok, tok, &v);
    ty = v.ty;
  }
  parse_expect(ps, rest, tok, ")");
  return ty;
}

/* alignas-specifier = "_Alignas" "(" (type-name | constant-expression) ")" */
static int alignas_specifier(ParseState *ps, Token **rest, Token *tok) {
  parse_expect(ps, &tok, tok->next, "(");
  int64_t n;
  Token *at = tok;
  if (parse_is_typename(ps, tok)) {
    Type *ty = parse_typename(ps, &tok, tok);
    n = layout_alignof(ps->ctx, ty);
  } else {
    n = parse_int_const(ps, &tok, tok, NULL);
    if (n < 0 || (n & (n - 1)) || n > (1 << 28)) {
      error_at(ps, at, "requested alignment is not a power of 2");
      n = 0;
    }
  }
  parse_expect(ps, rest, tok, ")");
  return (int)n;
}

enum {
  T_VOID = 1 << 0,
  T_BOOL = 1 << 2,
  T_CHAR = 1 << 4,
  T_SHORT = 1 << 6,
  T_INT = 1 << 8,
  T_LONG = 1 << 10,
  T_FLOAT = 1 << 12,
  T_DOUBLE = 1 << 14,
  T_OTHER = 1 << 16,
  T_SIGNED = 1 << 17,
  T_UNSIGNED = 1 << 18,
  T_INT128 = 1 << 19,
};

static TypeKind specifier_kind(int c) {
  switch (c) {
  case T_VOID: return TY_VOID;
  case T_BOOL: return TY_BOOL;
  case T_CHAR: return TY_CHAR;
  case T_SIGNED + T_CHAR: return TY_SCHAR;
  case T_UNSIGNED + T_CHAR: return TY_UCHAR;
  case T_SHORT:
  case T_SHORT + T_INT:
  case T_SIGNED + T_SHORT:
  case T_SIGNED + T_SHORT + T_INT: return TY_SHORT;
  case T_UNSIGNED + T_SHORT:
  case T_UNSIGNED + T_SHORT + T_INT: return TY_USHORT;
  case T_INT:
  case T_SIGNED:
  case T_SIGNED + T_INT: return TY_INT;
  case T_UNSIGNED:
  case T_UNSIGNED + T_INT: return TY_UINT;
  case T_LONG:
  case T_LONG + T_INT:
  case T_SIGNED + T_LONG:
  case T_SIGNED + T_LONG + T_INT: return TY_LONG;
  case T_UNSIGNED + T_LONG:
  case T_UNSIGNED + T_LONG + T_INT: return TY_ULONG;
  case T_LONG + T_LONG:
  case T_LONG + T_LONG + T_INT:
  case T_SIGNED + T_LONG + T_LONG:
  case T_SIGNED + T_LONG + T_LONG + T_INT: return TY_LLONG;
  case T_UNSIGNED + T_LONG + T_LONG:
  case T_UNSIGNED + T_LONG + T_LONG + T_INT: return TY_ULLONG;
  case T_INT128:
  case T_SIGNED + T_INT128: return TY_INT128;
  case T_UNSIGNED + T_INT128: return TY_UINT128;
  case T_FLOAT: return TY_FLOAT;
  case T_DOUBLE: return TY_DOUBLE;
  case T_LONG + T_DOUBLE: return TY_LDOUBLE;
  default: return TY_STRUCT; /* invalid */
  }
}

/* declspec = (storage-class | type-specifier | type-qualifier | function-specifier
 *             | alignment-specifier | attribute-list | "__extension__")+ */
static Type *declspec(ParseState *ps, Token **rest, Token *tok, DeclSpec *ds, bool storage_ok) {
  Ctx *ctx = ps->ctx;
  int counter = 0;
  unsigned quals = 0;
  Type *other = NULL;
  Token *first = tok;
  const Token *complex_tok = NULL;
  ds->type = NULL;

  for (;;) {
    if (tok->kind != TK_IDENT)
      break;
    Keyword kw = keyword_of(ps, tok);
    Token *at = tok;
    switch (kw) {
    case KW_TYPEDEF:
    case KW_EXTERN:
    case KW_STATIC:
    case KW_AUTO:
    case KW_REGISTER:
    case KW_THREAD:
      if (!storage_ok && kw != KW_REGISTER)
        parse_fail(ps, tok, "storage class '%.*s' not allowed here", tok->len, tok->loc);
      if (kw == KW_TYPEDEF)
        ds->is_typedef = true;
      else if (kw == KW_STATIC)
        ds->is_static = true;
      else if (kw == KW_EXTERN)
        ds->is_extern = true;
      ds->has_storage = true;
      tok = tok->next;
      continue;
    case KW_INLINE:
      ds->is_inline = true;
      tok = tok->next;
      continue;
    case KW_NORETURN:
    case KW_EXTENSION:
    case KW_IGNORED: tok = tok->next; continue;
    case KW_CONST:
      quals |= Q_CONST;
      tok = tok->next;
      continue;
    case KW_VOLATILE:
      quals |= Q_VOLATILE;
      tok = tok->next;
      continue;
    case KW_RESTRICT:
      quals |= Q_RESTRICT;
      tok = tok->next;
      continue;
    case KW_ATOMIC:
      if (tok_is(tok->next, "(")) {
        /* _Atomic(T) is taken as T */
        if (counter)
          parse_fail(ps, tok, "cannot combine _Atomic(...) with previous type specifiers");
        other = parse_typename(ps, &tok, tok->next->next);
        parse_expect(ps, &tok, tok, ")");
        counter += T_OTHER;
      } else {
        tok = tok->next; /* the _Atomic qualifier: no effect here */
      }
      continue;
    case KW_ATTRIBUTE:
    case KW_DECLSPEC: attribute_list(ps, &tok, tok, &ds->attrs); continue;
    case KW_ALIGNAS: {
      int n = alignas_specifier(ps, &tok, tok);
      if (n > ds->alignas)
        ds->alignas = n;
      continue;
    }
    case KW_STRUCT:
    case KW_UNION:
    case KW_ENUM:
    case KW_TYPEOF:
      if (counter)
        parse_fail(ps, tok, "cannot combine with previous declaration specifier");
      ds->type = NULL;
      if (kw == KW_TYPEOF)
        other = typeof_specifier(ps, &tok, tok);
      else if (kw == KW_ENUM)
        other = enum_specifier(ps, &tok, tok, ds);
      else
        other = struct_union_specifier(ps, &tok, tok, ds);
      counter += T_OTHER;
      ds->type = other;
      continue;
    case KW_COMPLEX:
      if (complex_tok)
        parse_fail(ps, tok, "duplicate '_Complex'");
      complex_tok = tok;
      tok = tok->next;
      continue;
    case KW_BAD_TYPE:
      parse_fail(ps, tok, "the type '%.*s' is not supported on wasm32", tok->len, tok->loc);
    case KW_AUTO_TYPE: parse_fail(ps, tok, "__auto_type is not supported in declarations");
    case KW_VOID: counter += T_VOID; break;
    case KW_BOOL: counter += T_BOOL; break;
    case KW_CHAR: counter += T_CHAR; break;
    case KW_SHORT: counter += T_SHORT; break;
    case KW_INT: counter += T_INT; break;
    case KW_LONG: counter += T_LONG; break;
    case KW_FLOAT: counter += T_FLOAT; break;
    case KW_DOUBLE: counter += T_DOUBLE; break;
    case KW_SIGNED: counter |= T_SIGNED; break;
    case KW_UNSIGNED: counter |= T_UNSIGNED; break;
    case KW_INT128: counter += T_INT128; break;
    case KW_NONE: {
      if (counter)
        goto done;
      Sym *s = parse_lookup(ps, tok);
      if (!s || s->kind != SYM_TYPEDEF)
        goto done;
      other = wide_char_type(ps, tok, s->type);
      counter += T_OTHER;
      tok = tok->next;
      continue;
    }
    default: goto done;
    }
    /* a builtin type specifier: every prefix of a valid combination is
     * itself valid, so an invalid one is reported where it becomes so */
    if ((counter & T_OTHER) || specifier_kind(counter) == TY_STRUCT)
      parse_fail(ps, at, "cannot combine with previous declaration specifier");
    tok = tok->next;
  }
done:
  if (complex_tok) { /* `_Complex` alone is `_Complex double`, as in clang */
    if (counter & T_OTHER)
      parse_fail(ps, complex_tok, "'_Complex' applies to arithmetic types");
    other = type_complex(ctx, type_builtin(ctx, counter ? specifier_kind(counter) : TY_DOUBLE));
  } else if (counter == 0) {
    if (tok == first)
      parse_fail(ps, tok, "expected a type before %s", tok_text(ps, tok));
    /* `typedef foo_t *p;`, `extern foo_t x;`: foo_t was meant as a type */
    if (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_NONE &&
        (tok->next->kind == TK_IDENT || tok_is(tok->next, "*")))
      parse_fail(ps, tok, "unknown type name '%.*s'", tok->len, tok->loc);
    /* C89 implicit int (`static x;`, `const y;`) */
    if (!ps->silent)
      diag_warning(ctx, tok, "type specifier missing, defaults to 'int'");
    other = type_builtin(ctx, TY_INT);
  } else if (counter & T_OTHER) {
    if (counter != T_OTHER)
      parse_fail(ps, first, "cannot combine with previous declaration specifier");
  } else {
    other = type_builtin(ctx, specifier_kind(counter));
  }
  ds->type = type_qualified(ctx, other, quals);
  *rest = tok;
  return ds->type;
}

/* ---- declarators ----------------------------------------------------------- */

static Type *type_suffix(ParseState *ps, Token **rest, Token *tok, Type *ty, Decl *d);

/* pointers = ("*" (type-qualifier | attribute-list | nullability)*)* */
static Type *pointers(ParseState *ps, Token **rest, Token *tok, Type *ty, Attrs *a) {
  while (tok_is(tok, "*") || tok_is(tok, "^")) {
    if (tok_is(tok, "^"))
      parse_fail(ps, tok, "block pointers are not supported");
    ty = type_pointer_to(ps->ctx, ty);
    tok = tok->next;
    unsigned quals = 0;
    for (;;) {
      Keyword kw = keyword_of(ps, tok);
      if (kw == KW_CONST)
        quals |= Q_CONST;
      else if (kw == KW_VOLATILE)
        quals |= Q_VOLATILE;
      else if (kw == KW_RESTRICT)
        quals |= Q_RESTRICT;
      else if (kw == KW_ATOMIC || kw == KW_IGNORED || kw == KW_EXTENSION)
        ;
      else if (kw == KW_ATTRIBUTE || kw == KW_DECLSPEC) {
        attribute_list(ps, &tok, tok, a);
        continue;
      } else
        break;
      tok = tok->next;
    }
    ty->quals = quals;
  }
  *rest = tok;
  return ty;
}

/* Is the "(" at tok a parenthesized declarator (rather than parameters)? */
static bool is_nested_declarator(ParseState *ps, Token *tok) {
  Token *t = tok->next;
  for (;;) {
    Keyword kw = keyword_of(ps, t);
    if (kw == KW_ATTRIBUTE || kw == KW_DECLSPEC) {
      t = t->next;
      if (!tok_is(t, "("))
        return false;
      t = skip_balanced(ps, t);
    } else if (kw == KW_IGNORED) {
      t = t->next;
    } else {
      break;
    }
  }
  if (tok_is(t, "*") || tok_is(t, "(") || tok_is(t, "^"))
    return true;
  if (t->kind == TK_IDENT && keyword_of(ps, t) == KW_NONE) {
    Sym *s = parse_lookup(ps, t);
    return !(s && s->kind == SYM_TYPEDEF);
  }
  return false;
}

/* Parameter types are adjusted (C11 6.7.6.3p7-8): arrays and functions
 * become pointers, top-level qualifiers go. */
static Type *adjust_param(Ctx *ctx, Type *ty) {
  if (ty->kind == TY_ARRAY)
    return type_pointer_to(ctx, ty->base);
  if (ty->kind == TY_FUNC)
    return type_pointer_to(ctx, ty);
  if (ty->quals || ty->align_override) {
    Type *copy = type_unqualified(ctx, ty);
    if (copy == ty) {
      copy = arena_alloc(ctx, sizeof *copy);
      *copy = *ty;
    }
    copy->align_override = 0;
    return copy;
  }
  return ty;
}

/* func-params = ("void" | param ("," param)* ("," "...")?)? ")"
 *             | ident ("," ident)* ")"            (K&R identifier list)
 * param = declspec declarator */
static Type *func_params(ParseState *ps, Token **rest, Token *open, Type *ret, Decl *outer) {
  Token *tok = open->next;
  Ctx *ctx = ps->ctx;
  if (ret->kind == TY_FUNC)
    parse_fail(ps, tok, "function cannot return function type '%s'", type_spelling(ctx, ret, NULL));
  if (ret->kind == TY_ARRAY)
    parse_fail(ps, tok, "function cannot return array type '%s'", type_spelling(ctx, ret, NULL));
  Type *fn = type_func(ctx, ret);
  if (tok_is(tok, ")")) {
    fn->no_prototype = true;
    *rest = tok->next;
    return fn;
  }
  if (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_NONE && !parse_is_typename(ps, tok) &&
      (tok_is(tok->next, ",") || tok_is(tok->next, ")"))) {
    /* K&R identifier list: only in a definition, whose declarations follow. */
    while (tok->kind == TK_IDENT && !tok_is(tok, ")")) {
      tok = tok->next;
      if (!consume(&tok, tok, ","))
        break;
    }
    expect_closing(ps, rest, tok, ")", open);
    fn->no_prototype = true;
    if (outer)
      outer->knr_ids = true;
    return fn;
  }

  Vec params = {0};
  enter_scope(ps);
  ps->in_params++;
  for (;;) {
    if (tok_is(tok, "...")) {
      if (!params.len)
        parse_fail(ps, tok, "ISO C requires a named parameter before '...'");
      fn->variadic = true;
      tok = tok->next;
      break;
    }
    if (!parse_is_typename(ps, tok)) {
      if (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_NONE)
        parse_fail(ps, tok, "unknown type name '%.*s'", tok->len, tok->loc);
      parse_fail(ps, tok, "expected parameter declarator before %s", tok_text(ps, tok));
    }
    Token *start = tok;
    DeclSpec ds = {0};
    declspec(ps, &tok, tok, &ds, true);
    if (ds.is_typedef || ds.is_static || ds.is_extern)
      error_at(ps, start, "invalid storage class specifier in function declarator");
    Decl pd = {0};
    declarator(ps, &tok, tok, ds.type, &pd);
    tok = decl_extras(ps, tok, &pd.attrs);

    Type *pty = pd.type;
    if (ds.attrs.mode_bits || pd.attrs.mode_bits)
      pty = int_type_of_width(ps, pty, pd.attrs.mode_bits ? pd.attrs.mode_bits : ds.attrs.mode_bits,
                              start);
    if (pty->kind == TY_VOID) {
      /* `f(void)`, also through a typedef of void */
      if (params.len || pd.name || !tok_is(tok, ")") || pty->quals)
        parse_fail(ps, start, "'void' must be the first and only parameter if specified");
      break;
    }
    Param *p = arena_alloc(ctx, sizeof *p);
    p->name = pd.name ? pd.name : "";
    p->type = adjust_param(ctx, pty);
    p->annot = ds.attrs.annot;
    merge_annot(&p->annot, &pd.attrs.annot);
    p->tok = pd.name_tok ? pd.name_tok : start;
    vec_push(ctx, &params, p);
    if (pd.name_tok)
      define_sym(ps, pd.name_tok, SYM_VAR, pd.type);
    if (!tok_is(tok, ","))
      break;
    tok = tok->next;
  }
  ps->in_params--;
  leave_scope(ps);
  expect_closing(ps, rest, tok, ")", open);

  fn->nparams = params.len;
  fn->params = arena_alloc(ctx, sizeof(Param) * (size_t)(params.len ? params.len : 1));
  for (int i = 0; i < params.len; i++)
    fn->params[i] = *(Param *)params.items[i];
  return fn;
}

/* An array type of more than SIZE_MAX bytes, 2^32 - 1 on wasm32, is an error
 * as in clang (which counts the elements, as here); at: the bound. */
static void check_array_size(ParseState *ps, const Token *at, Type *elem, int64_t len) {
  const int64_t max_bytes = ((int64_t)1 << 32) - 1;
  int64_t elem_size = layout_sizeof(ps->ctx, elem);
  if (at && elem_size > 0 && len > max_bytes / elem_size)
    parse_fail(ps, at, "array is too large (%lld elements)", (long long)len);
}

/* array-dimensions = ("static" | type-qualifier)* assignment-expression? "]" type-suffix */
static Type *array_dimensions(ParseState *ps, Token **rest, Token *tok, Type *ty, Decl *d) {
  Ctx *ctx = ps->ctx;
  for (;;) {
    Keyword kw = keyword_of(ps, tok);
    if (kw == KW_STATIC || kw == KW_CONST || kw == KW_VOLATILE || kw == KW_RESTRICT ||
        kw == KW_ATOMIC)
      tok = tok->next; /* qualify the adjusted parameter pointer: top-level, dropped */
    else
      break;
  }
  int64_t len = -1;
  Token *at = NULL; /* the bound */
  if (tok_is(tok, "]")) {
    tok = tok->next;
  } else if (tok_is(tok, "*") && tok_is(tok->next, "]")) {
    if (!ps->in_params)
      parse_fail(ps, tok, "star modifier used outside of function prototype");
    tok = tok->next->next;
  } else {
    at = tok;
    ExprVal v;
    parse_assign_expr(ps, &tok, tok, &v);
    if (!type_is_integer(v.ty))
      parse_fail(ps, at, "size of array has non-integer type '%s'", type_spelling(ctx, v.ty, NULL));
    if (v.is_const) {
      len = v.i;
      if (len < 0 && !(type_is_unsigned(v.ty) && type_int_bits(v.ty) == 64))
        parse_fail(ps, at, "array has a negative size");
      if (len < 0 || len > ((int64_t)1 << 40))
        parse_fail(ps, at, "array is too large (%llu elements)", (unsigned long long)len);
    } else if (!ps->in_params) {
      parse_fail(ps, at, "variable length arrays are not supported here");
    }
    parse_expect(ps, &tok, tok, "]");
  }
  Type *elem = type_suffix(ps, rest, tok, ty, d);
  if (elem->kind == TY_FUNC)
    parse_fail(ps, tok, "array of functions is not allowed");
  if (elem->kind == TY_VOID || (elem->kind == TY_ARRAY && elem->array_len < 0 && !ps->in_params))
    parse_fail(ps, tok, "array has incomplete element type '%s'", type_spelling(ctx, elem, NULL));
  check_array_size(ps, at, elem, len);
  return type_array_of(ctx, elem, len);
}

/* type-suffix = "(" func-params | "[" array-dimensions | ε */
static Type *type_suffix(ParseState *ps, Token **rest, Token *tok, Type *ty, Decl *d) {
  if (tok_is(tok, "(")) {
    Type *fn = func_params(ps, rest, tok, ty, d);
    if (tok_is(*rest, "["))
      parse_fail(ps, tok, "function cannot return array type");
    if (tok_is(*rest, "("))
      parse_fail(ps, tok, "function cannot return function type");
    return fn;
  }
  if (tok_is(tok, "["))
    return array_dimensions(ps, rest, tok->next, ty, d);
  *rest = tok;
  return ty;
}

/* declarator = pointers extras ("(" declarator ")" | ident)? extras type-suffix
 * Abstract when there is no identifier (type names, unnamed parameters). */
static Type *declarator(ParseState *ps, Token **rest, Token *tok, Type *ty, Decl *d) {
  tok = decl_extras(ps, tok, &d->attrs);
  ty = pointers(ps, &tok, tok, ty, &d->attrs);
  tok = decl_extras(ps, tok, &d->attrs);
  if (tok_is(tok, "(") && is_nested_declarator(ps, tok)) {
    Token *start = tok;
    tok = skip_balanced(ps, tok);
    tok = decl_extras(ps, tok, &d->attrs);
    ty = type_suffix(ps, &tok, tok, ty, d);
    Token *inner_end;
    declarator(ps, &inner_end, start->next, ty, d);
    parse_expect(ps, &inner_end, inner_end, ")");
    *rest = tok;
    return d->type;
  }
  if (tok->kind == TK_IDENT && keyword_of(ps, tok) == KW_NONE) {
    d->name = ident_name(ps, tok);
    d->name_tok = tok;
    tok = tok->next;
    tok = decl_extras(ps, tok, &d->attrs);
  }
  ty = type_suffix(ps, rest, tok, ty, d);
  d->type = ty;
  return ty;
}

Type *parse_typename(ParseState *ps, Token **rest, Token *tok) {
  DeclSpec ds = {0};
  declspec(ps, &tok, tok, &ds, false);
  Decl d = {0};
  declarator(ps, &tok, tok, ds.type, &d);
  if (d.name)
    parse_fail(ps, d.name_tok, "unexpected identifier '%s' in a type name", d.name);
  *rest = tok;
  Type *ty = d.type;
  if (ds.attrs.mode_bits)
    ty = int_type_of_width(ps, ty, ds.attrs.mode_bits, tok);
  return ty;
}

/* ---- declarations ------------------------------------------------------------ */

/* static_assert-declaration = ("_Static_assert" | "static_assert")
 *                             "(" constant-expression ("," string-literal)? ")" ";" */
static void static_assert_decl(ParseState *ps, Token **rest, Token *tok) {
  parse_expect(ps, &tok, tok->next, "(");
  Token *at = tok;
  int64_t v = parse_int_const(ps, &tok, tok, NULL);
  const char *msg = NULL;
  if (tok_is(tok, ",")) {
    tok = tok->next;
    if (tok->kind != TK_STR)
      parse_fail(ps, tok, "expected string literal for static assertion message");
    int len, elem;
    int64_t count;
    tok = parse_string_literal(ps, tok, &msg, &len, &elem, &count);
  }
  parse_expect(ps, &tok, tok, ")");
  parse_expect(ps, rest, tok, ";");
  if (!v)
    error_at(ps, at, "static assertion failed%s%s", msg ? ": " : "", msg ? msg : "");
}

/* Skips an initializer up to the "," or ";" that ends it. */
static Token *skip_initializer(ParseState *ps, Token *tok) {
  while (tok->kind != TK_EOF && !tok_is(tok, ",") && !tok_is(tok, ";")) {
    if (tok_is(tok, "(") || tok_is(tok, "[") || tok_is(tok, "{"))
      tok = skip_balanced(ps, tok);
    else
      tok = tok->next;
  }
  return tok;
}

/* Records td in program.typedef_by_type when it names a record or an enum
 * directly and is the first to: the key is the pointer's bytes, kept in the
 * arena. */
static void index_typedef(Ctx *ctx, const TypedefDecl *td) {
  const Type *t = td->type;
  const void *target = t->kind == TY_STRUCT ? (const void *)t->record
                       : t->kind == TY_ENUM ? (const void *)t->enumdecl
                                            : NULL;
  if (!target || program_typedef_of(&ctx->program, target))
    return;
  const void **key = arena_alloc(ctx, sizeof *key);
  *key = target;
  map_put(ctx, &ctx->program.typedef_by_type, (const char *)key, (int)sizeof *key, (void *)td);
}

static void typedef_decl(ParseState *ps, DeclSpec *ds, Decl *d, Attrs *attrs) {
  Ctx *ctx = ps->ctx;
  Type *ty = d->type;
  /* The first typedef of a tagless record or enum names it (clang's
   * "typedef name for linkage"): only when the declarator adds nothing. */
  if (ty == ds->type && !ty->quals) {
    if (ty->kind == TY_STRUCT && ds->new_record == ty->record && !ty->record->tag &&
        !ty->record->typedef_name && !ty->record->parent) {
      ty->record->typedef_name = d->name;
      ty->record->tagless_typedef = true;
    }
    if (ty->kind == TY_ENUM && ds->new_enum == ty->enumdecl && !ty->enumdecl->tag &&
        !ty->enumdecl->typedef_name)
      ty->enumdecl->typedef_name = d->name;
  }
  if (attrs->mode_bits)
    ty = int_type_of_width(ps, ty, attrs->mode_bits, d->name_tok);
  if (attrs->aligned || ds->alignas) {
    Type *copy = arena_alloc(ctx, sizeof *copy);
    *copy = *ty;
    copy->align_override = attrs->aligned ? attrs->aligned : ds->alignas;
    ty = copy;
  }
  Sym *s = lookup_current(ps, d->name_tok);
  if (s) {
    if (s->kind != SYM_TYPEDEF) {
      error_at(ps, d->name_tok, "redefinition of '%s' as a different kind of symbol", d->name);
      return;
    }
    /* a repeated typedef: the first one stands, listed where the header
     * first declares it */
  } else {
    s = define_sym(ps, d->name_tok, SYM_TYPEDEF, ty);
  }
  if (!ps->scope && !s->reported && is_reported(d->name_tok)) {
    s->reported = true;
    TypedefDecl *td = arena_alloc(ctx, sizeof *td);
    td->name = d->name;
    td->type = s->type;
    td->reported = true;
    td->tok = d->name_tok;
    vec_push(ctx, &ctx->program.typedefs, td);
    index_typedef(ctx, td);
  }
}

static void func_decl(ParseState *ps, DeclSpec *ds, Decl *d, Attrs *attrs, bool has_body) {
  Ctx *ctx = ps->ctx;
  Sym *s = map_get(&ps->ords, d->name_tok->loc, d->name_tok->len);
  Func *fn;
  if (s && s->kind == SYM_FUNC) {
    fn = s->func;
    fn->has_body |= has_body;
    fn->is_inline |= ds->is_inline;
    if (!fn->ret_annot.tok)
      fn->ret_annot = attrs->annot;
  } else {
    if (s)
      error_at(ps, d->name_tok, "redefinition of '%s' as a different kind of symbol", d->name);
    fn = arena_alloc(ctx, sizeof *fn);
    fn->name = d->name;
    fn->type = d->type;
    fn->ret_annot = attrs->annot;
    fn->is_static = ds->is_static;
    fn->is_inline = ds->is_inline;
    fn->has_body = has_body;
    fn->tok = d->name_tok;
    if (!s) {
      Scope *saved = ps->scope;
      ps->scope = NULL; /* functions live at file scope */
      s = define_sym(ps, d->name_tok, SYM_FUNC, d->type);
      ps->scope = saved;
      s->func = fn;
    }
  }
  if (!fn->reported && is_reported(d->name_tok)) {
    /* first declared in a system header: the header's own declaration
     * gives the parameter names and annotations */
    if (fn->tok != d->name_tok) {
      fn->type = d->type;
      fn->ret_annot = attrs->annot;
      fn->tok = d->name_tok;
    }
    fn->reported = true;
    vec_push(ctx, &ctx->program.functions, fn);
    if (!program_function(&ctx->program, fn->name))
      map_put(ctx, &ctx->program.function_by_name, fn->name, (int)strlen(fn->name), fn);
  }
}

/* Skips a function body by balanced braces. */
static Token *function_body(ParseState *ps, Token *tok) {
  return skip_balanced(ps, tok);
}

/* external-declaration = ";" | static_assert-declaration | asm-declaration
 *   | declspec (init-declarator ("," init-declarator)*)? ";"
 *   | declspec declarator declaration* compound-statement
 * init-declarator = declarator extras ("=" initializer)? */
static void external_declaration(ParseState *ps, Token **rest, Token *tok) {
  Keyword kw = keyword_of(ps, tok);
  if (tok_is(tok, ";")) {
    *rest = tok->next;
    return;
  }
  if (kw == KW_STATIC_ASSERT || (tok->kind == TK_IDENT && tok_is(tok, "static_assert") &&
                                 tok_is(tok->next, "(") && !parse_lookup(ps, tok))) {
    static_assert_decl(ps, rest, tok);
    return;
  }
  if (kw == KW_ASM) {
    tok = tok->next;
    while (keyword_of(ps, tok) == KW_VOLATILE)
      tok = tok->next;
    if (!tok_is(tok, "("))
      parse_fail(ps, tok, "expected '(' after asm");
    tok = skip_balanced(ps, tok);
    parse_expect(ps, rest, tok, ";");
    return;
  }
  if (!parse_is_typename(ps, tok)) {
    if (tok->kind == TK_IDENT && kw == KW_NONE) {
      if (tok->next->kind == TK_IDENT || tok_is(tok->next, "*"))
        parse_fail(ps, tok, "unknown type name '%.*s'", tok->len, tok->loc);
      parse_fail(ps, tok, "type specifier missing before '%.*s'", tok->len, tok->loc);
    }
    parse_fail(ps, tok, "expected a declaration before %s", tok_text(ps, tok));
  }

  DeclSpec ds = {0};
  declspec(ps, &tok, tok, &ds, true);
  if (tok_is(tok, ";")) {
    *rest = tok->next;
    return;
  }

  for (;;) {
    Decl d = {0};
    Token *start = tok;
    declarator(ps, &tok, tok, ds.type, &d);
    tok = decl_extras(ps, tok, &d.attrs);
    if (!d.name)
      parse_fail(ps, start, "expected identifier or '(' before %s", tok_text(ps, start));
    Attrs attrs = ds.attrs;
    merge_attrs(&attrs, &d.attrs);

    if (ds.is_typedef) {
      typedef_decl(ps, &ds, &d, &attrs);
    } else if (d.type->kind == TY_FUNC) {
      if (d.knr_ids && !tok_is(tok, ";") && !tok_is(tok, ",")) {
        /* K&R definition: parameter declarations, then the body */
        while (tok->kind != TK_EOF && !tok_is(tok, "{"))
          tok = tok->next;
      }
      bool body = tok_is(tok, "{");
      func_decl(ps, &ds, &d, &attrs, body);
      if (body) {
        *rest = function_body(ps, tok);
        return;
      }
    } else {
      Type *ty = d.type;
      if (attrs.mode_bits)
        ty = int_type_of_width(ps, ty, attrs.mode_bits, d.name_tok);
      Sym *prev = lookup_current(ps, d.name_tok);
      if (!prev && !ps->scope && !ds.is_static && is_reported(d.name_tok)) {
        Variable *v = arena_alloc(ps->ctx, sizeof *v); /* the library's: a property */
        *v = (Variable){d.name, ty, d.name_tok};
        vec_push(ps->ctx, &ps->ctx->program.variables, v);
      }
      if (!prev)
        define_sym(ps, d.name_tok, SYM_VAR, ty);
      else if (prev->kind == SYM_TYPEDEF || prev->kind == SYM_ENUMCONST)
        error_at(ps, d.name_tok, "redefinition of '%s' as a different kind of symbol", d.name);
      if (tok_is(tok, "="))
        tok = skip_initializer(ps, tok->next);
    }
    if (tok_is(tok, ",")) {
      tok = tok->next;
      continue;
    }
    if (!tok_is(tok, ";"))
      parse_fail(ps, tok, "expected ';' after declaration, not %s", tok_text(ps, tok));
    *rest = tok->next;
    return;
  }
}

/* Skips a declaration that failed, from its first token: to after the `;`
 * that ends it at its nesting level, or after a function body. */
static Token *skip_declaration(Token *tok) {
  Token *start = tok;
  int depth = 0, braces = 0;
  Token *prev = NULL;
  Token *body_open = NULL;
  for (; tok->kind != TK_EOF; prev = tok, tok = tok->next) {
    if (tok->kind != TK_PUNCT)
      continue;
    if (tok_is(tok, "(") || tok_is(tok, "[") || tok_is(tok, "{")) {
      if (depth == 0 && tok_is(tok, "{"))
        body_open = prev && tok_is(prev, ")") ? tok : NULL;
      braces += tok_is(tok, "{");
      depth++;
    } else if (tok_is(tok, ";") && braces == 0) {
      /* Outside braces a ';' ends the declaration even inside an unclosed
       * '(' or '[': `int f(int a;` must not swallow the rest of the file. */
      return tok->next;
    } else if (tok_is(tok, ")") || tok_is(tok, "]") || tok_is(tok, "}")) {
      braces -= tok_is(tok, "}") && braces > 0;
      if (depth == 0)
        return tok == start ? tok->next : tok->next; /* a stray closer */
      depth--;
      if (depth == 0 && body_open && tok_is(tok, "}"))
        return tok->next;
    } else if (depth == 0 && tok_is(tok, ";")) {
      return tok->next;
    }
  }
  return tok;
}

static ParseState *parse_state(Ctx *ctx) {
  if (ctx->parse)
    return ctx->parse;
  ParseState *ps = arena_alloc(ctx, sizeof *ps);
  ps->ctx = ctx;
  for (size_t i = 0; i < sizeof keyword_table / sizeof keyword_table[0]; i++)
    map_put(ctx, &ps->keywords, keyword_table[i].name, (int)strlen(keyword_table[i].name),
            (void *)(intptr_t)keyword_table[i].kw);
  /* clang's builtin typedefs */
  static const struct {
    const char *name;
    TypeKind kind;
    bool pointer;
  } builtin_typedefs[] = {
      {"__builtin_va_list", TY_VOID, true},
      {"__int128_t", TY_INT128, false},
      {"__uint128_t", TY_UINT128, false},
  };
  for (size_t i = 0; i < sizeof builtin_typedefs / sizeof builtin_typedefs[0]; i++) {
    Sym *s = arena_alloc(ctx, sizeof *s);
    s->kind = SYM_TYPEDEF;
    s->name = builtin_typedefs[i].name;
    Type *ty = type_builtin(ctx, builtin_typedefs[i].kind);
    s->type = builtin_typedefs[i].pointer ? type_pointer_to(ctx, ty) : ty;
    map_put(ctx, &ps->ords, s->name, (int)strlen(s->name), s);
  }
  ctx->parse = ps;
  return ps;
}

/* Gives every record and enum its IR name and fills the program's lists:
 * records and enums reported by the header (each name once), all records. */
static void finish_program(ParseState *ps) {
  Ctx *ctx = ps->ctx;
  Program *prog = &ctx->program;
  Map seen = {0};
  for (int i = 0; i < ps->records.len; i++) {
    Record *rec = ps->records.items[i];
    rec->name = type_record_name(ctx, rec);
  }
  for (int i = 0; i < ps->records.len; i++) {
    Record *rec = ps->records.items[i];
    if (!rec->complete)
      continue;
    vec_push(ctx, &prog->all_records, rec);
    if (!rec->reported)
      continue;
    int len = (int)strlen(rec->name);
    if (map_get(&seen, rec->name, len)) {
      rec->reported = false;
      continue;
    }
    map_put(ctx, &seen, rec->name, len, rec);
    vec_push(ctx, &prog->records, rec);
  }
  Map seen_enums = {0};
  for (int i = 0; i < ps->enums.len; i++) {
    Enum *en = ps->enums.items[i];
    en->name = type_enum_name(ctx, en);
    if (!en->complete || !en->reported)
      continue;
    if (en->name) {
      int len = (int)strlen(en->name);
      if (map_get(&seen_enums, en->name, len)) {
        en->reported = false;
        continue;
      }
      map_put(ctx, &seen_enums, en->name, len, en);
    }
    vec_push(ctx, &prog->enums, en);
  }
}

/* One external-declaration; after an error in it, skips to its end. Returns
 * the token after it. (Its own function for the reason member_with_recovery
 * gives.) */
static Token *declaration_with_recovery(ParseState *ps, Token *first) {
  jmp_buf jb;
  Token *volatile start = first;
  ps->recover = &jb;
  if (setjmp(jb)) {
    ps->scope = NULL;
    ps->in_params = 0;
    ps->depth = 0;
    ps->silent = false;
    abandon_definitions(ps, 0);
    Token *next = skip_declaration(start);
    return next == start ? next->next : next;
  }
  Token *rest;
  external_declaration(ps, &rest, start);
  return rest;
}

bool program_constant(const Program *prog, const char *name, int64_t *out) {
  const Vec *cs = &prog->constants;
  for (int i = 0; i < cs->len; i++) {
    Constant *c = cs->items[i];
    if (!strcmp(c->name, name)) {
      *out = c->value;
      return true;
    }
  }
  const Vec *es = &prog->enums;
  for (int i = 0; i < es->len; i++) {
    Enum *e = es->items[i];
    for (int k = 0; k < e->nconsts; k++)
      if (!strcmp(e->consts[k].name, name)) {
        *out = e->consts[k].value;
        return true;
      }
  }
  return false;
}

Func *program_function(const Program *prog, const char *name) {
  return map_get(&prog->function_by_name, name, (int)strlen(name));
}

const TypedefDecl *program_typedef_of(const Program *prog, const void *record_or_enum) {
  return map_get(&prog->typedef_by_type, (const char *)&record_or_enum, (int)sizeof record_or_enum);
}

void parse_translation_unit(Ctx *ctx, Token *tok) {
  ParseState *ps = parse_state(ctx);
  if (!ctx->program.header && ctx->opts && ctx->opts->header_path)
    ctx->program.header = ctx->opts->header_path;
  while (tok->kind != TK_EOF) {
    if (pragma_pack(ps, tok)) {
      tok = tok->next;
      continue;
    }
    tok = declaration_with_recovery(ps, tok);
  }
  ps->recover = NULL;
  finish_program(ps);
}

Ctx *parse_ctx(ParseState *ps) {
  return ps->ctx;
}

/* Does an expansion depend on the place of use (__LINE__, __COUNTER__)? */
static bool place_dependent(const Token *tok) {
  for (; tok && tok->kind != TK_EOF; tok = tok->next) {
    for (const Token *t = tok; t; t = t->origin) {
      if (t->kind == TK_IDENT && (tok_is(t, "__LINE__") || tok_is(t, "__COUNTER__") ||
                                  tok_is(t, "__FILE__") || tok_is(t, "__INCLUDE_LEVEL__")))
        return true;
      if (t->macro_name &&
          (!strcmp(t->macro_name, "__LINE__") || !strcmp(t->macro_name, "__COUNTER__")))
        return true;
    }
  }
  return false;
}

/* Evaluates one macro's expansion; false when it is not an integer or
 * floating constant. */
static bool macro_value(ParseState *ps, Token *tok, ExprVal *v) {
  jmp_buf jb;
  ps->recover = &jb;
  ps->silent = true;
  int saved_defining = ps->defining.len;
  volatile bool ok = false;
  if (setjmp(jb) == 0) {
    Token *end;
    parse_cond_expr(ps, &end, tok, v);
    ok = end->kind == TK_EOF && v->is_const && (type_is_integer(v->ty) || type_is_float(v->ty));
  }
  ps->scope = NULL;
  ps->in_params = 0;
  abandon_definitions(ps, saved_defining);
  ps->silent = false;
  ps->recover = NULL;
  return ok;
}

/* Is s (len bytes) valid UTF-8? A JS string holds what it says. */
static bool valid_utf8(const char *s, int len) {
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  while (p < end) {
    int n = *p < 0x80             ? 1
            : (*p & 0xE0) == 0xC0 ? 2
            : (*p & 0xF0) == 0xE0 ? 3
            : (*p & 0xF8) == 0xF0 ? 4
                                  : 0;
    if (!n || end - p < n || (n == 2 && *p < 0xC2))
      return false;
    for (int k = 1; k < n; k++)
      if ((p[k] & 0xC0) != 0x80)
        return false;
    p += n;
  }
  return true;
}

/* The adjacent string literals at tok, decoded; NULL when they do not
 * decode (the error is not reported: a macro need not be a constant). */
static Token *decode_strings(ParseState *ps, Token *tok, const char **text, int *len, int *elem) {
  jmp_buf jb;
  ps->recover = &jb;
  ps->silent = true;
  int64_t count;
  Token *volatile end = NULL;
  if (setjmp(jb) == 0)
    end = parse_string_literal(ps, tok, text, len, elem, &count);
  ps->silent = false;
  ps->recover = NULL;
  return end;
}

/* A macro whose expansion is narrow string literals, perhaps in
 * parentheses (`#define SQLITE_VERSION "3.45.0"`), as a ValueMacro; one
 * that JS cannot hold as it is gets a warning. */
static void value_macro_string(ParseState *ps, const MacroDef *md, Token *exp) {
  int parens = 0;
  while (exp->kind == TK_PUNCT && tok_is(exp, "(")) {
    parens++;
    exp = exp->next;
  }
  if (exp->kind != TK_STR)
    return;
  const char *text = NULL;
  int len = 0, elem = 0;
  Token *end = decode_strings(ps, exp, &text, &len, &elem);
  for (; end && parens > 0 && tok_is(end, ")"); parens--)
    end = end->next;
  if (!end || parens || end->kind != TK_EOF)
    return;
  const char *why = elem != 1                         ? "a wide string"
                    : !valid_utf8(text, len)          ? "a string that is not UTF-8"
                    : memchr(text, '\0', (size_t)len) ? "a string holding NUL"
                                                      : NULL;
  if (why) {
    diag_warning(ps->ctx, md->def, "macro '%s' is not bound: %s", md->name, why);
    return;
  }
  ValueMacro *vm = arena_alloc(ps->ctx, sizeof *vm);
  *vm = (ValueMacro){md->name, text, 0, md->def};
  vec_push(ps->ctx, &ps->ctx->program.value_macros, vm);
}

void parse_macro_constants(Ctx *ctx) {
  ParseState *ps = parse_state(ctx);
  for (int i = 0; i < ctx->object_macros.len; i++) {
    MacroDef *md = ctx->object_macros.items[i];
    if (!md->body || md->body->kind == TK_EOF || place_dependent(md->body))
      continue;
    Token *exp = pp_expand_tokens(ctx, md->body);
    if (!exp || exp->kind == TK_EOF || place_dependent(exp))
      continue;
    ExprVal v;
    if (!macro_value(ps, exp, &v)) {
      value_macro_string(ps, md, exp);
      continue;
    }
    if (type_is_float(v.ty)) {
      ValueMacro *vm = arena_alloc(ctx, sizeof *vm);
      *vm = (ValueMacro){md->name, NULL, v.f, md->def};
      vec_push(ctx, &ctx->program.value_macros, vm);
      continue;
    }
    Constant *c = arena_alloc(ctx, sizeof *c);
    c->name = md->name;
    c->value = v.i;
    c->type = type_unqualified(ctx, v.ty);
    c->tok = md->def;
    vec_push(ctx, &ctx->program.constants, c);
  }
}
