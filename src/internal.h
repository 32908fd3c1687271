/* Internal types of the generator, sectioned by the file that implements
 * them. Everything allocated here lives in the run's arena (Ctx.arena) and is
 * released with it; only Buf contents are malloc'ed (they become results). */
#ifndef WASMBIND_INTERNAL_H
#define WASMBIND_INTERNAL_H

#include "wasmbind.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define WB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WB_PRINTF(f, a)
#endif

typedef struct Ctx Ctx;
typedef struct Token Token;
typedef struct Type Type;

/* ---- arena.c: one arena per run ---------------------------------------- */

typedef struct ArenaBlock ArenaBlock;
typedef struct {
  ArenaBlock *head;
  size_t total; /* bytes reserved so far, for the size limit */
} Arena;

/* Zeroed memory that lives until arena_free(). Bails out (diag_fatal) when
 * the arena limit is reached or malloc fails. */
void *arena_alloc(Ctx *ctx, size_t size);
char *arena_strndup(Ctx *ctx, const char *s, size_t len);
char *arena_strdup(Ctx *ctx, const char *s);
char *arena_printf(Ctx *ctx, const char *fmt, ...) WB_PRINTF(2, 3);
void arena_free(Arena *arena);

/* A growable array of pointers in the arena. */
typedef struct {
  void **items;
  int len, cap;
} Vec;
void vec_push(Ctx *ctx, Vec *v, void *item);

/* ---- buf.c: growable malloc'ed strings (outputs) ----------------------- */

typedef struct {
  char *data; /* always NUL-terminated once anything was written */
  size_t len, cap;
  bool oom; /* an allocation failed; contents are truncated */
} Buf;
void buf_putc(Buf *b, char c);
void buf_putn(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_printf(Buf *b, const char *fmt, ...) WB_PRINTF(2, 3);
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal, quotes included. */
void buf_put_json_string(Buf *b, const char *s);
/* Hands the contents over (caller frees; "" when empty) and resets b. */
char *buf_take(Buf *b);
void buf_release(Buf *b);

/* ---- diag.c: located errors and warnings ------------------------------- */

/* Appends "file:line:col: error: msg", the source line and a caret, and a
 * note for each macro expansion the token came from. Counts the error. */
void diag_error(Ctx *ctx, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
void diag_warning(Ctx *ctx, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
/* Reports an error and unwinds to wb_run() (longjmp to ctx->bail). */
_Noreturn void diag_fatal(Ctx *ctx, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
/* An error with no source location ("wasmbind: error: ..."). */
void diag_error_plain(Ctx *ctx, const char *fmt, ...) WB_PRINTF(2, 3);

/* ---- tokenize.c -------------------------------------------------------- */

typedef struct {
  const char *name;     /* as opened ("include/foo.h") */
  const char *contents; /* NUL-terminated */
  size_t len;
  int index;
  bool is_system; /* reached through -isystem, the sysroot or built-ins */
  bool reported;  /* its declarations belong to the header (IR-SCHEMA.md) */
} SourceFile;

typedef enum {
  TK_IDENT,
  TK_PUNCT,
  TK_STR,  /* string literal, prefix included in loc */
  TK_CHAR, /* character literal */
  TK_NUM,  /* preprocessing number */
  TK_OTHER, /* a stray character (`@`, `\`), an error only if parsed */
  TK_EOF,
} TokenKind;

typedef struct Hideset Hideset;

struct Token {
  TokenKind kind;
  Token *next;
  const char *loc; /* spelling, points into the source or the arena */
  int len;
  SourceFile *file;
  int line, col;   /* 1-based, of the spelling's place */
  int line_delta;  /* #line adjustment for the reported line */
  bool at_bol;     /* first token on its line */
  bool has_space;  /* preceded by white space */
  Hideset *hideset;
  Token *origin;   /* for a token produced by a macro: the macro's name where it was used */
  const char *macro_name; /* the macro that produced this token, for notes */
};

/* Tokens of a whole file, ending in TK_EOF. Errors are reported and the
 * offending characters skipped. */
Token *tokenize_file(Ctx *ctx, SourceFile *file);
/* Tokens of a string (macro bodies from -D, _Pragma, stringizing). */
Token *tokenize_string(Ctx *ctx, const char *name, const char *text);
bool tok_is(const Token *tok, const char *s);
char *tok_str(Ctx *ctx, const Token *tok); /* the spelling, NUL-terminated */
/* Where a token was written, through macro expansions: the macro's use site. */
const Token *tok_use_site(const Token *tok);

/* ---- preprocess.c ------------------------------------------------------ */

/* Object-like macros still defined at the end of the run, in definition
 * order, for integer constants (parse.c evaluates them). */
typedef struct {
  const char *name;
  Token *body; /* ends with TK_EOF */
  Token *def;  /* the name in its #define */
} MacroDef;

/* Preprocesses the header named in ctx->opts: the result is the token list
 * the parser reads, ending in TK_EOF. Defined macros are left in
 * ctx->object_macros. */
Token *pp_run(Ctx *ctx);
/* Expands the tokens of a macro body as if written at the end of the header
 * (used to evaluate #define constants). NULL when the expansion fails. */
Token *pp_expand_tokens(Ctx *ctx, Token *tokens);

/* ---- types (type.c) ---------------------------------------------------- */

typedef enum {
  TY_VOID,
  TY_BOOL,
  TY_CHAR,
  TY_SCHAR,
  TY_UCHAR,
  TY_SHORT,
  TY_USHORT,
  TY_INT,
  TY_UINT,
  TY_LONG,
  TY_ULONG,
  TY_LLONG,
  TY_ULLONG,
  TY_INT128,
  TY_UINT128,
  TY_FLOAT,
  TY_DOUBLE,
  TY_LDOUBLE,
  TY_ENUM,
  TY_PTR,
  TY_ARRAY,
  TY_FUNC,
  TY_STRUCT, /* struct or union: see record->is_union */
} TypeKind;

enum { Q_CONST = 1, Q_VOLATILE = 2, Q_RESTRICT = 4 };

/* Annotations from include/wasmbind.h (and, later, rules files). */
enum {
  A_OWNED = 1,
  A_OUT = 2,
  A_INOUT = 4,
  A_NULLABLE = 8,
};
typedef struct {
  unsigned flags;
  const char *free_fn; /* WB_FREE(fn): implies A_OWNED */
  const char *len;     /* WB_LEN(param) */
  const Token *tok;    /* where the first annotation was written */
} Annot;

typedef struct Param {
  const char *name; /* "" when unnamed */
  Type *type;       /* adjusted: arrays and functions decayed, top-level quals dropped */
  Annot annot;
  const Token *tok;
} Param;

typedef struct Member {
  const char *name; /* "" for an anonymous struct/union member */
  Type *type;
  int64_t offset;     /* bytes */
  int bit_width;      /* -1 when not a bitfield */
  int64_t bit_offset; /* bitfields: from the start of the record */
  const Token *tok;
} Member;

typedef struct Record {
  bool is_union;
  const char *tag;  /* NULL when tagless */
  const char *name; /* IR name: "struct T", "T" (tagless typedef), "struct P::f" */
  bool tagless_typedef; /* named after its first typedef */
  bool complete;
  Member *members; /* named and anonymous members; unnamed bitfields omitted */
  int nmembers;
  int64_t size;
  int align;
  bool packed;
  int align_attr; /* __attribute__((aligned(N))) / _Alignas on the record, 0 if none */
  bool reported;  /* belongs to the header: listed in the IR */
  const Token *tok;
} Record;

typedef struct {
  const char *name;
  int64_t value;
} EnumConst;

typedef struct Enum {
  const char *tag;  /* NULL when tagless */
  const char *name; /* IR name: "enum T", "T", "enum P::f", or NULL */
  EnumConst *consts;
  int nconsts;
  bool complete;
  Type *int_type; /* the integer type clang picks (int, unsigned int, long long...) */
  bool reported;
  const Token *tok;
} Enum;

struct Type {
  TypeKind kind;
  unsigned quals;    /* Q_CONST | Q_VOLATILE | Q_RESTRICT */
  Type *base;        /* TY_PTR: pointee; TY_ARRAY: element; TY_FUNC: return type */
  int64_t array_len; /* TY_ARRAY: element count, -1 for [] */
  Param *params;     /* TY_FUNC */
  int nparams;
  bool variadic;
  bool no_prototype; /* K&R `f()` */
  Record *record;    /* TY_STRUCT */
  Enum *enumdecl;    /* TY_ENUM */
};

/* Shared, unqualified builtin types (one per kind, in the arena). */
Type *type_builtin(Ctx *ctx, TypeKind kind);
Type *type_pointer_to(Ctx *ctx, Type *base);
Type *type_array_of(Ctx *ctx, Type *base, int64_t len);
/* A copy of ty with quals added (records and enums stay shared). */
Type *type_qualified(Ctx *ctx, Type *ty, unsigned quals);
Type *type_unqualified(Ctx *ctx, Type *ty);
bool type_is_integer(const Type *ty); /* _Bool, char..__int128, enums */
bool type_is_unsigned(const Type *ty);
bool type_is_float(const Type *ty);
bool type_is_scalar(const Type *ty); /* arithmetic, enum or pointer */
/* A `char`, `signed char` or `unsigned char`, any qualifiers. */
bool type_is_char_like(const Type *ty);
/* The canonical spelling of IR-SCHEMA.md ("const char *", "int (*)[4]"),
 * with `name` placed in the declarator when not NULL. Arena string. */
const char *type_spelling(Ctx *ctx, const Type *ty, const char *name);

/* ---- layout.c: wasm32 sizes, alignments, offsets ----------------------- */

int64_t layout_sizeof(Ctx *ctx, const Type *ty);  /* -1 for incomplete and void */
int layout_alignof(Ctx *ctx, const Type *ty);
/* Computes offsets, bit positions, size and alignment of a complete record. */
void layout_record(Ctx *ctx, Record *rec);

/* ---- target.c: the one table of target facts --------------------------- */

typedef struct {
  TypeKind kind;
  int size, align;
} TargetScalar;
extern const TargetScalar target_scalars[]; /* indexed by TypeKind up to TY_LDOUBLE */
extern const char target_predefined_macros[]; /* "#define ...\n" lines, as clang -dM */
extern const char target_triple[];

/* ---- parse.c: declarations --------------------------------------------- */

typedef struct Func {
  const char *name;
  Type *type; /* TY_FUNC with params */
  Annot ret_annot;
  bool is_static, is_inline, has_body;
  bool reported;
  const Token *tok;
} Func;

typedef struct {
  const char *name;
  Type *type;
  bool reported;
  const Token *tok;
} TypedefDecl;

typedef struct {
  const char *name;
  int64_t value; /* the bits; interpret with type_is_unsigned(type) */
  Type *type;
  const Token *tok;
} Constant;

/* The declarations the header reports, each list in header order. */
typedef struct {
  const char *header; /* as given on the command line */
  Vec functions;      /* Func* */
  Vec records;        /* Record*, reported definitions */
  Vec enums;          /* Enum*, reported definitions */
  Vec typedefs;       /* TypedefDecl* */
  Vec constants;      /* Constant* */
  Vec all_records;    /* every complete Record*, system headers included */
} Program;

/* Parses the preprocessed tokens into ctx->program. */
void parse_translation_unit(Ctx *ctx, Token *tok);
/* Evaluates #define constants (IR-SCHEMA.md, constants) into ctx->program. */
void parse_macro_constants(Ctx *ctx);

/* ---- wasm_reader.c: what a .wasm binary declares ----------------------- */

typedef enum { WV_I32 = 0x7f, WV_I64 = 0x7e, WV_F32 = 0x7d, WV_F64 = 0x7c } WasmValType;

typedef struct {
  uint8_t params[64];
  int nparams; /* -1 when more than 64 */
  uint8_t results[4];
  int nresults;
} WasmSig;

typedef struct {
  const char *module; /* NULL for exports */
  const char *name;
  int kind; /* 0 func, 1 table, 2 memory, 3 global, 4 tag */
  WasmSig sig; /* functions only */
} WasmEntry;

typedef struct {
  WasmEntry *imports;
  int nimports;
  WasmEntry *exports;
  int nexports;
} WasmInfo;

/* Reads the imports and exports of a binary (in the arena). Returns false
 * and reports an error when the binary is malformed. */
bool wasm_read(Ctx *ctx, const unsigned char *bytes, size_t len, WasmInfo *out);
const WasmEntry *wasm_find_export(const WasmInfo *info, const char *name);
/* One line per import and export, as `wasmbind wasm-info` prints them. */
void wasm_info_print(const WasmInfo *info, Buf *out);

/* ---- emitters ---------------------------------------------------------- */

void emit_ir(Ctx *ctx, Buf *out);   /* emit_ir.c */
void emit_js(Ctx *ctx, Buf *out);   /* emit_js.c */
void emit_ts(Ctx *ctx, Buf *out);   /* emit_ts.c */
void emit_exports(Ctx *ctx, Buf *out); /* exports.c */
void emit_check(Ctx *ctx, Buf *out);   /* check.c: returns via ctx->nerrors */

/* ---- the run (wasmbind.c) ---------------------------------------------- */

struct Ctx {
  Arena arena;
  size_t arena_limit;
  const WbOptions *opts;
  Buf diag;
  int nerrors, nwarnings;
  jmp_buf *bail; /* where diag_fatal unwinds to */

  Vec files; /* SourceFile* */
  struct PPState *pp;
  Vec object_macros; /* MacroDef* */
  Program program;
  WasmInfo wasm; /* valid when have_wasm */
  bool have_wasm;
  Type *builtins[TY_LDOUBLE + 1];
};

#endif
