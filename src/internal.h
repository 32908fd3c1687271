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

/* ---- options.c: the options of a run (main.c, api.c) -------------------- */

/* What the options of one run say: opts is ready for wb_run() but for the
 * header and the texts the caller reads (-o, --wasm, --rules are only the
 * command line's). The arrays behind opts are malloc'ed: options_free(). */
typedef struct {
  WbOptions opts;
  const char *out;           /* -o */
  const char *wasm_path;     /* --wasm */
  const char *rules_path;    /* --rules */
  const char *positional[2]; /* the command line's HEADER [FILE.wasm] */
  int npositional;
  char error[256]; /* why the options are wrong ("unknown option '-x'") */
  /* owned */
  const char **include_dirs, **system_dirs;
  WbCppOption *cpp;
  char *module_name, *wasm_file;
} Options;

/* Parses argv[0..argc). cli: the command line (file options and positional
 * arguments allowed), else the library's. False with o->error set; release
 * o with options_free() either way. */
bool options_parse(Options *o, int argc, const char *const *argv, bool cli);
/* Names the generated module `module` unless --module did, and its .wasm
 * after --wasm's file or the module unless --wasm-file did. */
bool options_name_module(Options *o, const char *module);
void options_free(Options *o);

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

/* ---- map.c: string-keyed hash map in the arena ------------------------- */

typedef struct {
  const char *key; /* NULL: empty slot */
  int len;
  uint32_t hash;
  void *val;
} MapEntry;

typedef struct {
  MapEntry *slots;
  int cap, used;
} Map;

uint32_t map_hash(const char *key, int len);
/* The value of key, or NULL. */
void *map_get(const Map *m, const char *key, int len);
void *map_get_hashed(const Map *m, const char *key, int len, uint32_t h);
/* Sets key to val, replacing an existing value. The key is not copied: it
 * must live as long as the map (source text, the arena, a literal). */
void map_put(Ctx *ctx, Map *m, const char *key, int len, void *val);
void map_put_hashed(Ctx *ctx, Map *m, const char *key, int len, uint32_t h, void *val);

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

/* ---- writer.c: generated source, indentation owned by the writer ------ */

typedef struct {
  Buf *out;
  int depth; /* the indentation, in steps of two spaces */
} Writer;
/* One line at the current depth (the format has no newline). */
void wr_line(Writer *w, const char *fmt, ...) WB_PRINTF(2, 3);
void wr_vline(Writer *w, const char *fmt, va_list ap);
/* A line that opens a block ("if (x) {"): the lines after it go one deeper. */
void wr_open(Writer *w, const char *fmt, ...) WB_PRINTF(2, 3);
/* A line that closes a block ("}"), one level up. */
void wr_close(Writer *w, const char *fmt, ...) WB_PRINTF(2, 3);
/* Lines written at depth 0 elsewhere (NULL: none), each put at w's depth. */
void wr_text(Writer *w, const char *text);

/* ---- diag.c: located errors and warnings ------------------------------- */

/* Appends "file:line:col: error: msg", the source line and a caret, and a
 * note for each macro expansion the token came from. Counts the error. */
void diag_error(Ctx *ctx, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
void diag_warning(Ctx *ctx, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
/* A note that explains the diagnostic before it ("to match this '('"). */
void diag_note(Ctx *ctx, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
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
  bool reported;  /* in the IR (docs/IR-SCHEMA.md, "Which declarations are reported") */
} SourceFile;

typedef enum {
  TK_IDENT,
  TK_PUNCT,
  TK_STR,   /* string literal, prefix included in loc */
  TK_CHAR,  /* character literal */
  TK_NUM,   /* preprocessing number */
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
  int line, col;  /* 1-based, of the spelling's place */
  int line_delta; /* #line adjustment for the reported line */
  bool at_bol;    /* first token on its line */
  bool has_space; /* preceded by white space */
  Hideset *hideset;
  Token *origin;          /* for a token produced by a macro: the macro's name where it was used */
  const char *macro_name; /* the macro that produced this token, for notes */
};

/* The line diagnostics and __LINE__ give for tok: its line moved by #line,
 * which may pass INT_MAX (`#line 2147483647` then more lines). */
static inline long long tok_presumed_line(const Token *tok) {
  return (long long)tok->line + tok->line_delta;
}

/* Tokens of a whole file, ending in TK_EOF. Errors are reported and the
 * offending characters skipped. */
Token *tokenize_file(Ctx *ctx, SourceFile *file);
/* Tokens of a string (macro bodies from -D, _Pragma, stringizing). */
Token *tokenize_string(Ctx *ctx, const char *name, const char *text);
/* The token helpers, for every stage: is tok spelled s ("(", "define")? The
 * end of a list (TK_EOF) never is. */
bool tok_is(const Token *tok, const char *s);
bool tok_same_spelling(const Token *a, const Token *b);
/* A token for a diagnostic about byte `offset` of tok's spelling (a digit
 * in a literal): tok moved there when its spelling is in its file as it
 * is, else tok's own place. */
Token tok_at_offset(const Token *tok, int offset);
char *tok_str(Ctx *ctx, const Token *tok); /* the spelling, NUL-terminated */
/* Where a token was written, through macro expansions: the macro's use site. */
const Token *tok_use_site(const Token *tok);
/* An unterminated string or character literal (a TK_OTHER running to the end
 * of its line); the preprocessor reports it where it is used. */
bool tok_is_unterminated(const Token *tok);

/* ---- preprocess.c (its parts, pp_*.c, share pp_internal.h) ------------- */

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
/* Appends the spelling of a token list: a space where the source had white
 * space, a newline before a token first on its line (a space if one_line). */
void pp_dump(const Token *tok, Buf *out, bool one_line);

/* ---- builtin_headers.c: the freestanding headers (clang's resource dir) -- */

/* The text of the built-in header `name` ("stddef.h"), static, NUL-terminated;
 * NULL when there is none. */
const char *builtin_header(const char *name, size_t *len);

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
  TY_STRUCT,  /* struct or union: see record->is_union */
  TY_COMPLEX, /* _Complex base: parsed and laid out, never bound (no JS form) */
} TypeKind;

enum { Q_CONST = 1, Q_VOLATILE = 2, Q_RESTRICT = 4 };

/* Annotations from include/wasmbind.h and rules files (rules.c). */
enum {
  A_OWNED = 1,
  A_OUT = 2,
  A_INOUT = 4,
  A_NULLABLE = 8,
  A_OMIT = 16,      /* rules `omit`: not passed from JS; C gets 0 (a callback's: not given to JS) */
  A_USERDATA = 32,  /* rules `userdata`: a callback's user data: the binding's own value */
  A_PASS = 64,      /* rules `pass N`: not passed from JS; C always gets N */
  A_VIEW = 128,     /* rules `view`: an array result as a view of linear memory, not a copy */
  A_IMPORT = 256,   /* WB_IMPORT, rules `import`: a function JS implements, C calls */
  A_TEXT = 512,     /* rules `text`: a signed/unsigned char pointer is a string */
  A_BYTES = 1024,   /* rules `bytes`: a char pointer is bytes (a Uint8Array) */
  A_NONNULL = 2048, /* rules `nonnull`: a pointer result or parameter is never NULL */
  A_UTF16 = 4096,   /* rules `utf16`: a 16-bit or void pointer is a UTF-16 string */
  A_CONSUMED = 8192,    /* rules `consumed`: C frees or keeps what the parameter points to */
  A_TERMINATED = 16384, /* rules `terminated`: a callback's T ** ends at a NULL element */
};
typedef struct Annot {
  unsigned flags;
  const char *free_fn;      /* WB_FREE(fn): implies A_OWNED */
  const char *len;          /* WB_LEN(param): a parameter's name or 1-based position; on a
                               return, also a function called with the same arguments */
  int64_t pass;             /* A_PASS */
  const char *keep_until;   /* a callback kept until C calls this callback parameter */
  const char *varargs;      /* rules `varargs [K...]`: a variadic function's arguments, of the
                               kinds K (letters: i u j J d s p), or "" from the JS values */
  const char *format;       /* a printf-like variadic function's format parameter (name or
                               1-based position): format(printf, N, M), rules `format P` */
  const char *output;       /* rules `output CAP`: a buffer the binding allocates, CAP an
                               integer parameter, or a size function F(P...) */
  bool output_call;         /* CAP is a size function F(P...) ... */
  const char **output_args; /* ... called with these parameters */
  int n_output_args;
  const char *output_into; /* `into P`: the parameter C gets F's capacity in */
  const char *output_len;  /* `length L`: "result", or an integer out parameter */
  struct Annot *cb;        /* a callback parameter: one Annot per callback parameter, or NULL */
  int ncb;
  const Token *tok; /* where the first annotation was written */
} Annot;

/* How a function's result says it failed (a rules `error` item). */
typedef enum { EC_UNLESS, EC_NONZERO, EC_NEGATIVE, EC_NULL, EC_PREDICATE } ErrorKind;
typedef struct {
  ErrorKind kind;
  const Token **ok; /* EC_UNLESS: the success values, constants' names or numbers */
  int64_t *values;  /* ... and their values */
  int nok;
  const char *predicate;  /* EC_PREDICATE: a function of the result, nonzero on failure */
  const char *message_fn; /* takes a handle or the result, returns the message; NULL: none */
  const char *code_fn;    /* `code F`: F takes a handle and returns the error's code
                             (XML_GetErrorCode), which message_fn may take; NULL: the result */
  bool use_errno;         /* `errno`: the error's code is errno (cleared before the call) */
  const Token *tok;
} ErrorConv;

/* A function that destroys a handle (rules `destroy F [on success]`). */
typedef struct {
  const char *fn;
  bool on_success; /* the handle dies only when fn's error convention says success */
  const Token *tok;
} Destroyer;

/* What a rules `type NAME:` says about an opaque type. */
typedef struct {
  const char *destroy;    /* the destructor (the first `destroy`), or NULL */
  Destroyer **destroyers; /* every destroying function, the destructor first */
  int ndestroyers;
  const char *methods; /* the functions named PREFIX... taking one first become methods */
  const char *parent;  /* a function from this handle to another (for error messages) */
  bool opaque;         /* `handle`: a complete struct bound as a handle, not a view */
  const Token *tok;
} HandleRule;

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
  int align_attr; /* parse.c: aligned(N) / _Alignas on the member, 0 if none */
  bool packed;    /* parse.c: __attribute__((packed)) on the member */
  Annot annot;    /* WB_LEN(L) on the member, rules `type T(f): len L, text, bytes` */
  /* Resolved from annot (rules.c): the pointer f is a buffer of L elements,
   * one JS value (an array, bytes or a string); L, a member of the same
   * record, is the binding's to fill, and JS never sees it. */
  struct Member *buffer_len; /* on f: L */
  bool fills_buffer;         /* on L */
} Member;

typedef struct Record {
  bool is_union;
  const char *tag;      /* NULL when tagless */
  const char *name;     /* IR name: "struct T", "T" (tagless typedef), "struct P::f" */
  bool tagless_typedef; /* named after its first typedef */
  bool complete;
  Member *members; /* named and anonymous members; unnamed bitfields omitted */
  int nmembers;
  int64_t size;
  int align;
  bool packed;
  int align_attr; /* __attribute__((aligned(N))) / _Alignas on the record, 0 if none */
  int pack;      /* parse.c: #pragma pack(N) in effect at its '{': max field alignment, 0 if none */
  bool reported; /* belongs to the header: listed in the IR */
  const Token *tok;
  /* parse.c, for the naming rules of docs/IR-SCHEMA.md, "records" (name is set
   * from these once the translation unit is parsed): */
  const char *typedef_name;  /* first typedef naming a tagless record */
  struct Record *parent;     /* tagless record defined in a member of parent */
  const char *parent_member; /* ... that member's name, or NULL (anonymous) */
  int anon_index;            /* anonymous member: its index in parent's fields */
  bool defining;             /* body being parsed */
  Member *all_members;       /* members with unnamed bitfields (name NULL), for layout */
  int nall_members;
  const HandleRule *handle; /* rules.c: `type NAME:`, or NULL */
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
  bool packed;              /* parse.c: __attribute__((packed)): smallest type */
  const char *typedef_name; /* parse.c: first typedef naming a tagless enum */
  struct Record *parent;    /* parse.c: tagless enum type of member parent_member */
  const char *parent_member;
} Enum;

struct Type {
  TypeKind kind;
  unsigned quals;    /* Q_CONST | Q_VOLATILE | Q_RESTRICT */
  Type *base;        /* TY_PTR: pointee; TY_ARRAY: element; TY_FUNC: return type */
  int64_t array_len; /* TY_ARRAY: element count, -1 for [] */
  Param *params;     /* TY_FUNC */
  int nparams;
  bool variadic;
  bool no_prototype;  /* K&R `f()` */
  Record *record;     /* TY_STRUCT */
  Enum *enumdecl;     /* TY_ENUM */
  int align_override; /* typedef with aligned(N): the alignment of its uses, 0 if none */
  unsigned
      text_units; /* char16_t: 2, char32_t and wchar_t: 4 (parse.c): a pointer to them is text */
};

/* Shared, unqualified builtin types (one per kind, in the arena). */
Type *type_builtin(Ctx *ctx, TypeKind kind);
Type *type_pointer_to(Ctx *ctx, Type *base);
Type *type_array_of(Ctx *ctx, Type *base, int64_t len);
/* A copy of ty, to mark (records and enums stay shared). Arena memory. */
Type *type_copy(Ctx *ctx, const Type *ty);
/* A copy of ty with quals added (records and enums stay shared). */
Type *type_qualified(Ctx *ctx, Type *ty, unsigned quals);
Type *type_unqualified(Ctx *ctx, Type *ty);
Type *type_complex(Ctx *ctx, Type *base);
bool type_is_integer(const Type *ty); /* _Bool, char..__int128, enums */
bool type_is_unsigned(const Type *ty);
bool type_is_float(const Type *ty);
bool type_is_scalar(const Type *ty); /* arithmetic, enum or pointer */
/* Text: a plain `char`, any qualifiers (signed and unsigned char are bytes). */
bool type_is_text(const Type *ty);
/* The canonical spelling of docs/IR-SCHEMA.md, "Type spellings" ("const char *",
 * "int (*)[4]"), with `name` placed in the declarator when not NULL. Arena string. */
const char *type_spelling(Ctx *ctx, const Type *ty, const char *name);
/* A function type returning ret, without parameters (filled in by the caller). */
Type *type_func(Ctx *ctx, Type *ret);
/* The IR names of records and enums by the naming rules of docs/IR-SCHEMA.md, "records"
 * (rec->name / e->name once set; "(unnamed@FILE:LINE:COL)" forms otherwise,
 * NULL for a plain tagless enum). Arena strings. */
const char *type_record_name(Ctx *ctx, const Record *rec);
const char *type_enum_name(Ctx *ctx, const Enum *e);
/* Rank-ordered integer helpers for the usual arithmetic conversions. */
Type *type_int_promoted(Ctx *ctx, Type *ty);
Type *type_common_arith(Ctx *ctx, Type *a, Type *b);
/* The width in bits of an integer type (enums: their integer type). */
int type_int_bits(const Type *ty);

/* ---- literal.c: integer and character constants, string characters ----- */

/* Why a literal is invalid, as clang words it ("" when it is valid), and the
 * byte of its spelling that is wrong (for tok_at_offset()). */
typedef struct {
  char msg[160];
  int at;
} LitError;

/* An integer constant (or the kind of a floating one). */
typedef struct {
  uint64_t value;
  bool is_unsigned;  /* u */
  int longs;         /* 0, 1 (l) or 2 (ll) */
  bool decimal;      /* not octal, hexadecimal or binary (C11 6.4.4.1p5) */
  bool floating;     /* a floating constant: value is not set */
  char float_suffix; /* floating: 'f', 'l', 'q' or 0 */
  bool imaginary;    /* GNU's i or j suffix */
  LitError err;
} IntLit;

/* Decodes the pp-number spelled s (len bytes). */
void lit_int(const char *s, int len, IntLit *out);
/* The type of a valid integer constant on wasm32 (TY_INT .. TY_ULLONG). */
TypeKind lit_int_type(const IntLit *lit);

/* A character constant: its value in its type (sign-extended when that is
 * signed) and its type: TY_INT for 'c' and L'c', TY_USHORT for u'c',
 * TY_UINT for U'c'. */
typedef struct {
  int64_t value;
  TypeKind type;
  LitError err;
} CharLit;
void lit_char(const char *s, int len, CharLit *out);

/* The prefix of a character or string literal: "", u8, L, u, U. */
typedef enum { LIT_PLAIN, LIT_UTF8, LIT_WIDE, LIT_UTF16, LIT_UTF32 } LitEncoding;
/* The encoding of the literal spelled s; *body is past its opening quote. */
LitEncoding lit_encoding(const char *s, const char **body);
int lit_elem_size(LitEncoding e); /* bytes per element: 1, 2 or 4 */

/* One character of a literal: a code unit, or a code point (\u, or UTF-8
 * read in a wide literal) that the caller encodes. */
typedef struct {
  uint32_t value;
  bool code_point;
} LitChar;
/* Reads the character at *p (before end, the closing quote) of the literal
 * spelled s, as an element of encoding enc: an escape sequence or a source
 * character. False with *err set when it is invalid. */
bool lit_read_char(const char *s, const char **p, const char *end, LitEncoding enc, bool in_string,
                   LitChar *out, LitError *err);

/* ---- layout.c: wasm32 sizes, alignments, offsets ----------------------- */

int64_t layout_sizeof(Ctx *ctx, const Type *ty); /* -1 for incomplete and void */
int layout_alignof(Ctx *ctx, const Type *ty);
/* Computes offsets, bit positions, size and alignment of a complete record. */
void layout_record(Ctx *ctx, Record *rec);

/* ---- target.c: the one table of target facts --------------------------- */

typedef struct {
  TypeKind kind;
  int size, align;
} TargetScalar;
extern const TargetScalar target_scalars[];   /* indexed by TypeKind up to TY_LDOUBLE */
extern const char target_predefined_macros[]; /* "#define ...\n" lines, as clang -dM */
extern const char target_triple[];
/* clang's answers for the target (names without __x__ decoration): */
bool target_has_attribute(const char *name, size_t len); /* __has_attribute */
bool target_has_builtin(const char *name, size_t len);   /* __has_builtin */
bool target_has_feature(const char *name, size_t len);   /* __has_feature */
bool target_has_extension(const char *name, size_t len); /* __has_extension */
bool target_is_keyword(const char *name, size_t len);    /* __is_identifier is its negation */
bool target_has_warning(const char *name, size_t len);   /* __has_warning("-Wname"): name */

/* ---- parse.c: declarations --------------------------------------------- */

typedef struct Func {
  const char *name;
  Type *type; /* TY_FUNC with params */
  Annot ret_annot;
  const ErrorConv *error; /* rules: how the result says it failed, or NULL */
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

/* A variable the header declares at file scope, not static (`extern int
 * x;`): the library defines it; JS reads (and writes) it through a getter. */
typedef struct {
  const char *name;
  Type *type;
  const Token *tok;
} Variable;

/* An object-like macro whose expansion is a narrow string literal (or
 * several, concatenated) or a floating constant expression. */
typedef struct {
  const char *name;
  const char *text; /* the string's bytes (UTF-8), NUL-terminated; NULL: a number */
  double number;
  const Token *tok;
} ValueMacro;

/* The declarations the header reports, each list in header order. */
typedef struct {
  const char *header; /* as given on the command line */
  Vec functions;      /* Func* */
  Vec records;        /* Record*, reported definitions */
  Vec enums;          /* Enum*, reported definitions */
  Vec typedefs;       /* TypedefDecl* */
  Vec constants;      /* Constant* */
  Vec value_macros;   /* ValueMacro*: string and floating #defines (not in the IR) */
  Vec variables;      /* Variable*: file-scope variables, not static (not in the IR) */
  Vec all_records;    /* every complete Record*, system headers included */
  /* indexes, so that lookups stay O(1) however many declarations there are */
  Map function_by_name; /* name -> its Func* in functions */
  Map typedef_by_type;  /* Record* or Enum* (the pointer's bytes) -> the first
                           TypedefDecl* in typedefs naming it directly */
} Program;

/* Parses the preprocessed tokens into ctx->program. */
void parse_translation_unit(Ctx *ctx, Token *tok);
/* The program's (first) function named so, or NULL. */
Func *program_function(const Program *prog, const char *name);
/* The value of an integer constant the header defines (#define or
 * enumerator): false when there is none so named. */
bool program_constant(const Program *prog, const char *name, int64_t *out);
/* The first reported typedef naming this record or enum directly
 * (`typedef struct S S;`), or NULL. */
const TypedefDecl *program_typedef_of(const Program *prog, const void *record_or_enum);

/* Parser internals shared by parse.c (declarations) and parse_expr.c
 * (expressions); not for other stages. */
typedef struct ParseState ParseState;
typedef enum { SYM_TYPEDEF, SYM_ENUMCONST, SYM_VAR, SYM_FUNC } SymKind;
typedef struct Sym {
  SymKind kind;
  const char *name;
  Type *type;    /* typedef: the type; enumerator: int or the enum's type; object, function */
  int64_t value; /* enumerators */
  Func *func;
  const Token *tok;
  bool reported; /* typedefs: listed in the program */
} Sym;
/* The value of an expression: constant integer / floating / address
 * constant, or only its type (operands of sizeof, typeof). */
typedef struct {
  Type *ty;
  bool is_const; /* integer, floating or pointer constant in i / f */
  int64_t i;
  double f;
  bool lvalue;     /* designates an object (or a function) */
  bool addr_const; /* lvalue at the constant address addr (&((T *)0)->m) */
  int64_t addr;
} ExprVal;
/* An error that ends the current declaration: reported (unless evaluating
 * a macro constant) and unwound to the declaration's recovery point. */
Ctx *parse_ctx(ParseState *ps);
_Noreturn void parse_fail(ParseState *ps, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
void parse_expect(ParseState *ps, Token **rest, Token *tok, const char *punct);
bool parse_is_typename(ParseState *ps, const Token *tok);
/* type-name = specifier-qualifier-list abstract-declarator? */
Type *parse_typename(ParseState *ps, Token **rest, Token *tok);
Sym *parse_lookup(ParseState *ps, const Token *tok);
/* The member `name` of rec, looking through anonymous members; *offset is
 * its byte offset from the start of rec. NULL when there is none. */
Member *parse_find_member(Record *rec, const char *name, int len, int64_t *offset);
/* Decoded contents of a string literal (adjacent literals concatenated):
 * bytes in *out, element size 1/2/4 in *elem, element count with the NUL. */
Token *parse_string_literal(ParseState *ps, Token *tok, const char **out, int *len, int *elem,
                            int64_t *count);
/* parse_expr.c: conditional-expression (assignment-expression in array
 * bounds); the value's constness is in out->is_const. */
void parse_cond_expr(ParseState *ps, Token **rest, Token *tok, ExprVal *out);
void parse_assign_expr(ParseState *ps, Token **rest, Token *tok, ExprVal *out);
/* An integer constant expression (enumerators, bitfield widths, bounds,
 * _Static_assert, aligned(N)): reports an error when it is not one. */
int64_t parse_int_const(ParseState *ps, Token **rest, Token *tok, Type **type_out);
/* Evaluates #define constants (docs/IR-SCHEMA.md, "constants") into ctx->program. */
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
  int kind;    /* 0 func, 1 table, 2 memory, 3 global, 4 tag */
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
/* A function import of that name (any module), or NULL. */
const WasmEntry *wasm_find_import(const WasmInfo *info, const char *name);
/* "i32", "f64", "externref"... (static strings). */
const char *wasm_valtype_name(uint8_t type);
/* Appends a signature as wasm-objdump writes it: "(i32, i64) -> f64",
 * "() -> nil", "(f32) -> (i32, i32)". */
void wasm_sig_print(const WasmSig *sig, Buf *out);
/* One line per import, then per export (`wasmbind wasm-info`):
 *   import env.f func (i32, i64) -> f64
 *   export add func (i32, i32) -> i32
 *   export memory memory */
void wasm_info_print(const WasmInfo *info, Buf *out);

/* ---- abi.c: the wasm32 C ABI (clang's WebAssemblyABIInfo) --------------- */

/* How one C value (a parameter or the return) travels in wasm. */
typedef enum {
  ABI_DIRECT,   /* one wasm value of type `wasm`: scalars, single-element records */
  ABI_PAIR,     /* long double, __int128 (or a record holding just one): two i64,
                   low half first, as a parameter; through sret as a return */
  ABI_INDIRECT, /* any other record: an i32 pointer to a copy the caller makes;
                   as a return, through sret */
  ABI_IGNORE,   /* nothing at all: a void return, an empty record */
} AbiClass;

typedef struct {
  AbiClass cls;
  uint8_t wasm;       /* ABI_DIRECT: its WV_*; ABI_PAIR: WV_I64; ABI_INDIRECT: WV_I32 */
  const Type *scalar; /* ABI_DIRECT, ABI_PAIR: the C scalar that travels (a record's
                         single element, at offset 0), else NULL */
  int first;          /* parameters: index in AbiSig.params of its first wasm value,
                         -1 when it has none */
} AbiArg;

enum { ABI_MAX_PARAMS = 64 };

/* A C function type lowered to its wasm signature. */
typedef struct {
  int nparams;
  uint8_t params[ABI_MAX_PARAMS]; /* WV_*, the sret pointer first when sret */
  int nresults;                   /* 0 or 1 */
  uint8_t result;                 /* WV_*, when nresults is 1 */
  bool sret;                      /* params[0] (i32) points where the callee writes the result
                                     (ret.cls ABI_INDIRECT or ABI_PAIR) */
  AbiArg ret;                     /* how the C return value travels */
  AbiArg *args;                   /* one per C parameter (arena) */
  int nargs;
  bool variadic;      /* the last wasm param (i32) points to a buffer holding the
                         variadic arguments */
  const char *reason; /* abi_lower() failed: why (static or arena string) */
} AbiSig;

/* Lowers a TY_FUNC type as clang does for wasm32-unknown-emscripten. Returns
 * false with out->reason set when it cannot: no prototype, a record or enum by
 * value that is incomplete, more than ABI_MAX_PARAMS wasm parameters. Nothing
 * is reported. out->args is in the arena. */
bool abi_lower(Ctx *ctx, const Type *fn, AbiSig *out);

/* How a struct or union is passed and returned by value: */
enum {
  ABI_REC_INDIRECT = 0, /* by pointer to a copy / through sret */
  ABI_REC_IGNORE = -1,  /* an empty record: not passed at all */
  ABI_REC_PAIR = -2,    /* a single 128-bit scalar: two i64 / through sret */
};
/* ABI_REC_* above, or the WV_* of the single scalar the record is passed and
 * returned as directly (clang's isSingleElementStruct). */
int abi_struct_direct_kind(Ctx *ctx, const Type *record_type);
/* The scalar a record is passed as directly (at offset 0), else NULL. */
const Type *abi_single_element(Ctx *ctx, const Type *record_type);
/* The wasm value type of a scalar C type: WV_*, ABI_REC_PAIR for 128-bit
 * types, 0 when not a scalar. */
int abi_scalar_kind(const Type *ty);
/* The wasm signature of a lowered function. */
void abi_wasm_sig(const AbiSig *abi, WasmSig *out);

/* ---- exports.c: the functions the binary must export ------------------- */

typedef struct {
  const char *name;
  const Func *func; /* NULL for a WB_FREE(fn) function the header does not declare */
  const Token *tok; /* the declaration, or the annotation naming it */
} ExportFn;

/* The header's functions without a body that are not static, in header
 * order, then the WB_FREE(fn) functions not among them; each name once,
 * malloc and free left out. A Vec of ExportFn* in the arena. */
Vec exports_functions(Ctx *ctx);

/* ---- rules.c: rules files (wasmbind gen --rules) ---------------------- */

/* Reads opts->rules and applies it to the program's functions and types:
 * their Annot, Func.error and Record.handle. Reports mistakes located in the
 * rules file; a selector that matches nothing is a warning. */
void rules_apply(Ctx *ctx);
/* Resolves the buffer fields that annotations and rules name (Member.annot
 * to buffer_len), reporting the mistakes. After rules_apply. */
void rules_resolve_fields(Ctx *ctx);

/* ---- runtime_regions.c: what of web/runtime.js a module carries -------- */

typedef struct RuntimeRegions RuntimeRegions;
/* The regions of the embedded runtime.js, as their markers declare them. */
RuntimeRegions *rt_regions(Ctx *ctx);
/* Wants the region that provides the declaration `decl`, and the regions it
 * needs; false when no region provides it. */
bool rt_want(RuntimeRegions *rr, const char *decl);
/* Adds the names every region provides to the set `out` (keys point into
 * the runtime's text, with their lengths). */
void rt_declared_names(Ctx *ctx, const RuntimeRegions *rr, Map *out);
/* Appends the wanted module-level or instance-level regions, whole. */
void rt_put(Buf *out, const RuntimeRegions *rr, bool instance);

/* ---- emitters ---------------------------------------------------------- */

void emit_ir(Ctx *ctx, Buf *out);      /* emit_ir.c */
void emit_js(Ctx *ctx, Buf *out);      /* emit_js.c */
void emit_ts(Ctx *ctx, Buf *out);      /* emit_ts.c */
void emit_exports(Ctx *ctx, Buf *out); /* exports.c */
void emit_check(Ctx *ctx, Buf *out);   /* check.c: returns via ctx->nerrors */

/* ---- the run (wasmbind.c) ---------------------------------------------- */

/* wb_wasm_info()'s run: only the binary is read. */
enum { WB_WANT_WASM_INFO = 1 << 16 };

struct Ctx {
  Arena arena;
  size_t arena_limit;
  const WbOptions *opts;
  Buf diag;
  Map diag_seen; /* each diagnostic's first line: reported once */
  int nerrors, nwarnings;
  jmp_buf *bail; /* where diag_fatal unwinds to */

  Vec files; /* SourceFile* */
  struct PPState *pp;
  Vec object_macros; /* MacroDef* */
  Program program;
  WasmInfo wasm; /* valid when have_wasm */
  bool have_wasm;
  Type *builtins[TY_LDOUBLE + 1];
  struct ParseState *parse; /* parse.c: scopes, kept for parse_macro_constants */
  struct JsPlan *js_plan;   /* bindings.c: js_library_plan() */
};

#endif
