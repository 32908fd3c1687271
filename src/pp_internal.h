/* pp_internal.h: what the preprocessor's files share, and no other stage
 * sees: preprocess.c (the run, diagnostics, token helpers), pp_expand.c (the
 * macro expander), pp_builtin.c (built-in macros), pp_if.c (#if expressions),
 * pp_include.c (files and the include search) and pp_directive.c (the
 * directives). The interface to the other stages is in internal.h. */
#ifndef WASMBIND_PP_INTERNAL_H
#define WASMBIND_PP_INTERNAL_H

#include "internal.h"

/* Limits that turn pathological input into a located error: include depth,
 * nested argument expansion, parentheses in one invocation's arguments, #if
 * expression depth and nesting, and a budget of tokens made by expansions. */
#define TOKEN_BUDGET 50000000LL

enum {
  MAX_INCLUDE_DEPTH = 200,
  MAX_EXPAND_DEPTH = 400,
  MAX_ARG_NESTING = 1024, /* parentheses inside one macro invocation's arguments */
  MAX_EXPR_DEPTH = 256,
  MAX_HIDESET = 10000, /* macros in one expansion's hideset */
  MAX_PARAMS = 8192,   /* parameters of one macro (arg_index is a short) */
  PARAM_MAP_MIN = 16,  /* more parameters than this are looked up by hash */
  MAX_COND_DEPTH = 100000,
  TOKEN_CHUNK = 256,
};

/* ---- state -------------------------------------------------------------- */

typedef struct Macro Macro;

/* One per name ever defined (the entry outlives #undef): hidesets point here. */
typedef struct MacroName {
  const char *name;
  int len;
  Macro *def;           /* the current definition, NULL when not defined */
  Vec pushed;           /* #pragma push_macro: saved definitions (NULL entries allowed) */
  struct Hideset *self; /* the hideset {this name}, made once */
} MacroName;

/* A set of macro names, as an immutable list sharing tails. */
struct Hideset {
  Hideset *next;
  MacroName *name;
  int size;
};

typedef enum { MK_OBJ, MK_FUNC, MK_BUILTIN } MacroKind;

typedef enum {
  BI_FILE,
  BI_LINE,
  BI_COUNTER,
  BI_INCLUDE_LEVEL,
  BI_BASE_FILE,
  BI_FILE_NAME,
  BI_DATE,
  BI_TIME,
  BI_TIMESTAMP,
  BI_PRAGMA,
  BI_HAS_INCLUDE,
  BI_HAS_INCLUDE_NEXT,
  BI_HAS_ATTRIBUTE,
  BI_HAS_BUILTIN,
  BI_HAS_FEATURE,
  BI_HAS_EXTENSION,
  BI_HAS_C_ATTRIBUTE,
  BI_HAS_DECLSPEC_ATTRIBUTE,
  BI_IS_IDENTIFIER,
  BI_HAS_WARNING,
} BuiltinKind;

enum { ARG_NONE = -1, ARG_VA_OPT = -2 };

struct Macro {
  MacroDef def; /* name, body (ending in TK_EOF), the name in its #define */
  MacroName *mn;
  MacroKind kind;
  BuiltinKind builtin;
  bool invisible; /* _Pragma: handled like a macro, but not `defined` */
  int nparams;
  bool variadic;  /* the last parameter takes the variable arguments */
  Token **params; /* the parameter names ("__VA_ARGS__" for `...`) */
  Map *param_map; /* name -> index + 1, when there are many parameters */
  Token *body;    /* nbody tokens then TK_EOF, contiguous */
  int nbody;
  short *arg_index; /* function-like: per body token, a parameter, ARG_VA_OPT or ARG_NONE */
  bool complex;     /* has #, ## or __VA_OPT__: substituted the slow way */
  Macro *next_def;  /* every definition, in definition order */
};

/* A file as found by the include search; cached by path, found or not. */
typedef struct {
  const char *path;
  SourceFile *file; /* NULL: no such file */
  MacroName *guard; /* its whole text is #ifndef guard ... #endif */
  bool once;        /* #pragma once */
} FileInfo;

typedef struct {
  const char *path; /* "" for the built-in headers */
  bool is_system, reported, builtin;
} SearchDir;

/* A file being read. */
typedef struct Frame {
  struct Frame *parent;
  Token *cur;   /* the next token to read */
  Token *first; /* the file's first token (include guard detection) */
  SourceFile *file;
  FileInfo *info;
  int dir_index;        /* the search directory it was found in, -1 otherwise */
  int cond_base;        /* conditional stack depth when the file was entered */
  int line_delta;       /* #line */
  const char *presumed; /* __FILE__ */
  const char *dir;      /* prefix for "..." includes: "" or "dir/" */
} Frame;

enum { IN_THEN, IN_ELIF, IN_ELSE };

typedef struct {
  Token *tok; /* the directive's name, for errors */
  int state;
  bool included;    /* a group of this #if was taken */
  MacroName *guard; /* #ifndef X first in its file: a candidate include guard */
} Cond;

typedef enum { MODE_TOP, MODE_LIST, MODE_IF } Mode;

typedef struct {
  Token *first; /* the raw tokens, linked in the input */
  int n;
  Token *exp; /* fully expanded, computed once when needed */
  int nexp;
  bool expanded;
  bool absent; /* the variable arguments were left out (clang's "elided") */
} MacroArg;

/* A substitution in progress: a token, or paste_marker for a ## (op: it). */
typedef struct {
  Token *t;
  const Token *op;
} Slot;

typedef struct PPState {
  Ctx *ctx;
  Map macros; /* name -> MacroName */
  Map files;  /* path -> FileInfo */
  SearchDir *dirs;
  int ndirs;
  Frame *frame;
  int depth;
  Cond *conds;
  int nconds, capconds;
  Macro *defs_head, *defs_tail;
  SourceFile *main_file;
  const char *main_dir;
  int counter;
  long long produced, budget;
  int expand_depth;
  bool quiet, failed; /* pp_expand_tokens: no diagnostics, failure instead */
  jmp_buf *quiet_jmp;
  Slot *v; /* scratch stack for substitutions */
  int vlen, vcap;
  int vbase;                         /* where the substitution in progress starts on it */
  Hideset *memo_a, *memo_b, *memo_r; /* the last hideset union */
  Token *chunk;
  int chunk_left;
  Token paste_marker;
  Token empty_eof;
  int pack;       /* #pragma pack: max field alignment in bytes, 0 = none */
  Vec pack_stack; /* PackEntry*: #pragma pack(push) */
} PP;

typedef struct {
  const char *label; /* #pragma pack(push, label), or NULL */
  int value;
} PackEntry;

/* ---- preprocess.c: diagnostics and token helpers ------------------------- */

/* Errors are counted (or only mark the run failed when quiet: pp_expand_tokens);
 * warnings in system headers are not given, as clang without -Wsystem-headers;
 * pp_fatal ends the run. */
void pp_error(PP *pp, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
void pp_warning(PP *pp, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
_Noreturn void pp_fatal(PP *pp, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
/* A copy of src, unlinked (counted against the token budget). */
Token *pp_copy_tok(PP *pp, const Token *src);
/* A token like model with another kind and spelling. */
Token *pp_tok_like(PP *pp, const Token *model, TokenKind kind, const char *loc, int len);
/* An end of list after `last` (located just past it). */
Token *pp_new_eof(PP *pp, const Token *last);
/* A '#' that starts a directive: first on its line, read from a file. */
bool pp_is_directive_hash(const Token *t);
/* The first token of the next line. */
Token *pp_skip_line(Token *tok);
/* Warns about tokens left on a directive's line; returns the next line. */
Token *pp_end_of_directive(PP *pp, Token *tok, const char *name);
/* A string literal's text without prefix and quotes, \\ and \" undone. */
char *pp_destringize(Ctx *ctx, const Token *t);

/* ---- pp_expand.c: macros and their expansion ----------------------------- */

MacroName *pp_find_name(PP *pp, const char *s, int len);
/* The entry of a name, made on first use. */
MacroName *pp_intern_name(PP *pp, const char *s, int len);
/* Whether `defined` says so of the identifier tok. */
bool pp_is_defined(PP *pp, const Token *tok);
/* The defined macro an identifier names, if it may expand here. */
MacroName *pp_expandable(PP *pp, const Token *tok);
enum { NOT_EXPANDED, EXPANDED, EXPAND_NAME_ONLY };
/* Expands the macro named by tok: EXPANDED with the expansion linked in front
 * of the rest at *rest; NOT_EXPANDED for a function-like macro's name without
 * '('; EXPAND_NAME_ONLY after an error in the arguments (tok goes on
 * unexpanded, followed by *rest). */
int pp_expand_macro(PP *pp, Token **rest, Token *tok, MacroName *mn, Mode mode);
/* Fully expands a list ending in TK_EOF; the result ends in the same TK_EOF. */
Token *pp_expand_list(PP *pp, Token *tok, Mode mode);

/* ---- pp_builtin.c: built-in macros --------------------------------------- */

/* Defines __FILE__, __LINE__, _Pragma, __has_include... (pp_new). */
void pp_define_builtins(PP *pp);
/* Expands the built-in macro m named by tok (false: not expanded). */
bool pp_expand_builtin(PP *pp, Token **rest, Token *tok, const Macro *m);
/* A built-in's result: a token in place of tok, followed by after. */
Token *pp_result_token(PP *pp, Token *tok, TokenKind kind, const char *text, Token *after);

/* ---- pp_if.c: #if expressions -------------------------------------------- */

/* The value of the #if / #elif line after dtok; *rest is the next line. */
bool pp_eval_if_line(PP *pp, Token *dtok, Token **rest);
/* `defined X` or `defined(X)` at tok, as a 0 or 1 token. */
Token *pp_eval_defined(PP *pp, Token *tok, Token **rest);

/* ---- pp_include.c: files and the include search -------------------------- */

void pp_setup_search(PP *pp);
/* "dir/" of a path ("" when it has none), in the arena. */
const char *pp_dir_of(Ctx *ctx, const char *path);
/* The file at path (virtual files first), cached; NULL when there is none. */
FileInfo *pp_open_path(PP *pp, const char *path, bool is_system, bool reported);
/* Looks name up as #include ("..." when quote) or #include_next (next) would;
 * *found_index: the search directory it was found in, or -1. */
FileInfo *pp_find_include(PP *pp, const char *name, bool quote, bool next, const Token *at,
                          int *found_index);
/* The header-name at tok ("file", <file>, or macros giving one); NULL after
 * an error. *quote: it was "..."; *rest follows it. */
char *pp_read_header_name(PP *pp, Token *tok, Token **rest, bool *quote, bool in_parens);
/* Starts reading a file, or text that is not one. */
void pp_push_file(PP *pp, FileInfo *fi, int dir_index, const Token *at);
void pp_push_text(PP *pp, const char *name, const char *text);
/* Ends the file being read (its unterminated conditionals are errors). */
void pp_pop_frame(PP *pp);

/* ---- pp_directive.c: directives ------------------------------------------ */

/* Runs the directive at '#' hash; returns the token after it, which may be
 * far away when a group is skipped. An #include pushes its file. */
Token *pp_directive(PP *pp, Token *hash);
/* Runs the pragma whose first token is tok (a list ending at a new line or
 * EOF); model: where it was written. Returns a token for the parser (#pragma
 * pack) or NULL. */
Token *pp_pragma(PP *pp, Token *tok, const Token *model);

#endif
