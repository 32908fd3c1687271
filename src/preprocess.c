/* preprocess.c: the C preprocessor (C11 6.10, with the GNU and clang
 * extensions real headers use), as clang does it for wasm32-unknown-emscripten.
 *
 * pp_run() reads the target's predefined macros, the command line options
 * (-D, -U, -include) and then the header, and returns the fully expanded
 * token list the parser reads. Files are tokenized whole (tokenize.c) and
 * walked through an include stack of frames; a macro's expansion is spliced in
 * front of the remaining tokens and rescanned in place. Macro recursion stops
 * with hidesets (Prosser's algorithm). Tokens made by an expansion carry
 * origin = the macro's name where it was used, so diagnostics point at the
 * use site with "expanded from macro" notes.
 *
 * Limits turn pathological input into a located error: include depth 200,
 * nested macro argument expansion 400, parentheses in one macro invocation's
 * arguments 1024, #if expression depth 256, #if nesting
 * 100000, and a budget of tokens produced by expansions. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SYSROOT "/usr/share/emscripten/cache/sysroot"
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

/* ---- diagnostics ---------------------------------------------------------- */

static char *vformat(Ctx *ctx, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  char *s = arena_alloc(ctx, (size_t)(n < 0 ? 0 : n) + 1);
  if (n > 0)
    vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static void pp_error(PP *pp, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
static void pp_error(PP *pp, const Token *tok, const char *fmt, ...) {
  if (pp->quiet) {
    pp->failed = true;
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(pp->ctx, fmt, ap);
  va_end(ap);
  diag_error(pp->ctx, tok, "%s", msg);
}

static void pp_warning(PP *pp, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
static void pp_warning(PP *pp, const Token *tok, const char *fmt, ...) {
  if (pp->quiet)
    return;
  const Token *site = tok_use_site(tok);
  if (site->file && site->file->is_system)
    return; /* as clang without -Wsystem-headers */
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(pp->ctx, fmt, ap);
  va_end(ap);
  diag_warning(pp->ctx, tok, "%s", msg);
}

static _Noreturn void pp_fatal(PP *pp, const Token *tok, const char *fmt, ...) WB_PRINTF(3, 4);
static _Noreturn void pp_fatal(PP *pp, const Token *tok, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(pp->ctx, fmt, ap);
  va_end(ap);
  if (pp->quiet) {
    pp->failed = true;
    longjmp(*pp->quiet_jmp, 1);
  }
  diag_fatal(pp->ctx, tok, "%s", msg);
}

/* ---- tokens ----------------------------------------------------------- */

static Token *alloc_tok(PP *pp) {
  if (!pp->chunk_left) {
    pp->chunk = arena_alloc(pp->ctx, sizeof(Token) * TOKEN_CHUNK);
    pp->chunk_left = TOKEN_CHUNK;
  }
  pp->chunk_left--;
  pp->produced++;
  return pp->chunk++;
}

static Token *copy_tok(PP *pp, const Token *src) {
  Token *t = alloc_tok(pp);
  *t = *src;
  t->next = NULL;
  return t;
}

/* A token like model with another kind and spelling. */
static Token *tok_like(PP *pp, const Token *model, TokenKind kind, const char *loc, int len) {
  Token *t = copy_tok(pp, model);
  t->kind = kind;
  t->loc = loc;
  t->len = len;
  return t;
}

/* An end of list after `last` (located just past it). */
static Token *new_eof(PP *pp, const Token *last) {
  Token *t = copy_tok(pp, last);
  t->kind = TK_EOF;
  t->loc = last->loc + last->len;
  t->col = last->col + last->len;
  t->len = 0;
  t->at_bol = true;
  t->has_space = false;
  return t;
}

/* A directive starts at a '#' first on its line that was read from a file
 * (tokens made by expansions always have a hideset). */
static bool is_directive_hash(const Token *t) {
  return t->at_bol && !t->hideset && tok_is(t, "#");
}

static Token *skip_line(Token *tok) {
  while (!tok->at_bol)
    tok = tok->next;
  return tok;
}

/* Warns about tokens left on a directive's line; returns the next line. */
static Token *end_of_directive(PP *pp, Token *tok, const char *name) {
  if (!tok->at_bol) {
    pp_warning(pp, tok, "extra tokens at end of #%s directive", name);
    tok = skip_line(tok);
  }
  return tok;
}

static bool quote_of_unterminated(const Token *t, char *q) {
  if (!tok_is_unterminated(t))
    return false;
  const char *p = t->loc;
  while (*p != '"' && *p != '\'' && p < t->loc + t->len)
    p++;
  *q = *p == '"' ? '"' : '\'';
  return true;
}

/* ---- macro names and hidesets ------------------------------------------ */

static MacroName *find_name(PP *pp, const char *s, int len) {
  return map_get_hashed(&pp->macros, s, len, map_hash(s, len));
}

static MacroName *intern_name(PP *pp, const char *s, int len) {
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
static MacroName *expandable(PP *pp, const Token *tok) {
  MacroName *mn = find_name(pp, tok->loc, tok->len);
  if (!mn || !mn->def)
    return NULL;
  for (Hideset *h = tok->hideset; h; h = h->next)
    if (h->name == mn)
      return NULL;
  return mn;
}

static bool is_defined(PP *pp, const Token *tok) {
  MacroName *mn = find_name(pp, tok->loc, tok->len);
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

/* ---- files and the include search --------------------------------------- */

static const char *dir_of(Ctx *ctx, const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? arena_strndup(ctx, path, (size_t)(slash - path + 1)) : "";
}

static char *join_path(Ctx *ctx, const char *dir, const char *name) {
  size_t n = strlen(dir);
  if (n == 0)
    return arena_strdup(ctx, name);
  return arena_printf(ctx, dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, name);
}

/* path without "." components and with "dir/.." folded, for matching
 * virtual file names. Writes into out (size cap); false when too long. */
static bool normalize_path(const char *path, char *out, size_t cap) {
  size_t n = 0;
  const char *p = path;
  bool abs = *p == '/';
  if (abs) {
    out[n++] = '/';
    while (*p == '/')
      p++;
  }
  size_t root = n;
  while (*p) {
    const char *s = p;
    while (*p && *p != '/')
      p++;
    size_t len = (size_t)(p - s);
    while (*p == '/')
      p++;
    if (len == 1 && s[0] == '.')
      continue;
    if (len == 2 && s[0] == '.' && s[1] == '.' && n > root) {
      /* drop the last component unless it is itself ".." */
      size_t e = n - 1; /* n ends with '/' */
      size_t b = e;
      while (b > root && out[b - 1] != '/')
        b--;
      if (!(e - b == 2 && out[b] == '.' && out[b + 1] == '.')) {
        n = b;
        continue;
      }
    }
    if (n + len + 2 > cap)
      return false;
    memcpy(out + n, s, len);
    n += len;
    out[n++] = '/';
  }
  if (n > root)
    n--; /* the trailing '/' */
  out[n] = '\0';
  return true;
}

static const WbVirtualFile *find_virtual_file(const WbOptions *o, const char *path) {
  for (int i = 0; i < o->n_files; i++)
    if (o->files[i].name && strcmp(o->files[i].name, path) == 0)
      return &o->files[i];
  char a[4096], b[4096];
  if (!o->n_files || !normalize_path(path, a, sizeof a))
    return NULL;
  for (int i = 0; i < o->n_files; i++)
    if (o->files[i].name && normalize_path(o->files[i].name, b, sizeof b) && strcmp(a, b) == 0)
      return &o->files[i];
  return NULL;
}

/* Reads a whole regular file into the arena; false when it cannot be read
 * (missing, a directory, not seekable). */
static bool read_whole_file(Ctx *ctx, const char *path, const char **contents, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return false;
  /* Unbuffered: each read goes straight into our buffer, one system call per
   * file instead of three (each costs the wasm build a call out to Node). */
  setvbuf(fp, NULL, _IONBF, 0);
  int c = getc(fp);
  if (c == EOF) {
    bool ok = !ferror(fp);
    fclose(fp);
    *contents = "";
    *len = 0;
    return ok;
  }
  long size;
  if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
    fclose(fp);
    return false;
  }
  char *buf = arena_alloc(ctx, (size_t)size + 1);
  size_t n = fread(buf, 1, (size_t)size, fp);
  bool ok = !ferror(fp);
  fclose(fp);
  buf[n] = '\0';
  *contents = buf;
  *len = n;
  return ok;
}

static SourceFile *new_source_file(Ctx *ctx, const char *name, const char *contents, size_t len,
                                   bool is_system, bool reported) {
  SourceFile *f = arena_alloc(ctx, sizeof(SourceFile));
  f->name = name;
  f->contents = contents;
  f->len = len;
  f->is_system = is_system;
  f->reported = reported;
  f->index = ctx->files.len;
  vec_push(ctx, &ctx->files, f);
  return f;
}

/* The file at path (virtual files first), cached; NULL when there is none. */
static FileInfo *open_path(PP *pp, const char *path, bool is_system, bool reported) {
  Ctx *ctx = pp->ctx;
  int len = (int)strlen(path);
  uint32_t h = map_hash(path, len);
  FileInfo *fi = map_get_hashed(&pp->files, path, len, h);
  if (fi)
    return fi->file ? fi : NULL;
  fi = arena_alloc(ctx, sizeof(FileInfo));
  fi->path = arena_strdup(ctx, path);
  map_put_hashed(ctx, &pp->files, fi->path, len, h, fi);
  const WbVirtualFile *vf = find_virtual_file(ctx->opts, path);
  if (vf) {
    size_t n = vf->contents ? vf->len : 0;
    char *text = arena_strndup(ctx, vf->contents ? vf->contents : "", n);
    fi->file = new_source_file(ctx, fi->path, text, n, is_system, reported);
    return fi;
  }
  const char *contents;
  size_t n;
  if (ctx->opts->no_file_system || !read_whole_file(ctx, path, &contents, &n))
    return NULL;
  fi->file = new_source_file(ctx, fi->path, contents, n, is_system, reported);
  return fi;
}

static FileInfo *open_builtin(PP *pp, const char *name) {
  size_t n;
  const char *text = builtin_header(name, &n);
  if (!text)
    return NULL;
  Ctx *ctx = pp->ctx;
  char *path = arena_printf(ctx, "<builtin>/%s", name);
  int len = (int)strlen(path);
  uint32_t h = map_hash(path, len);
  FileInfo *fi = map_get_hashed(&pp->files, path, len, h);
  if (fi)
    return fi;
  fi = arena_alloc(ctx, sizeof(FileInfo));
  fi->path = path;
  fi->file = new_source_file(ctx, path, text, n, true, false);
  map_put_hashed(ctx, &pp->files, path, len, h, fi);
  return fi;
}

/* Where the include search starts from: the current file, or the header
 * itself when no file is being read (pp_expand_tokens). */
static void includer(PP *pp, const char **dir, SourceFile **file, int *dir_index) {
  if (pp->frame && pp->frame->info) {
    *dir = pp->frame->dir;
    *file = pp->frame->file;
    *dir_index = pp->frame->dir_index;
  } else {
    *dir = pp->main_dir ? pp->main_dir : "";
    *file = pp->main_file;
    *dir_index = -1;
  }
}

/* Looks name up as #include ("..." when quote) or #include_next (next) would.
 * *found_index: the search directory it was found in, -1 for the includer's
 * directory or an absolute path. */
static FileInfo *find_include(PP *pp, const char *name, bool quote, bool next, const Token *at,
                              int *found_index) {
  const char *dir;
  SourceFile *from;
  int from_index;
  includer(pp, &dir, &from, &from_index);
  *found_index = -1;
  if (name[0] == '/')
    return open_path(pp, name, false, false);
  int start = 0;
  if (next) {
    if (from_index >= 0) {
      start = from_index + 1;
      quote = false;
    } else if (!pp->quiet && pp->frame && pp->frame->file == pp->main_file && at) {
      pp_warning(pp, at, "#include_next in primary source file");
    }
  }
  if (quote) {
    bool sys = from ? from->is_system : false;
    bool rep = from ? from->reported : true;
    FileInfo *fi = open_path(pp, join_path(pp->ctx, dir, name), sys, rep);
    if (fi)
      return fi;
  }
  for (int i = start; i < pp->ndirs; i++) {
    SearchDir *d = &pp->dirs[i];
    FileInfo *fi =
        d->builtin ? open_builtin(pp, name)
                   : open_path(pp, join_path(pp->ctx, d->path, name), d->is_system, d->reported);
    if (fi) {
      *found_index = i;
      return fi;
    }
  }
  return NULL;
}

static void push_file(PP *pp, FileInfo *fi, int dir_index, const Token *at) {
  Ctx *ctx = pp->ctx;
  if (pp->depth >= MAX_INCLUDE_DEPTH)
    pp_fatal(pp, at, "#include nested too deeply (more than %d levels)", MAX_INCLUDE_DEPTH);
  /* Tokens take up to about 12 bytes per byte of source: stop with a located
   * error before the arena's limit is reached (repeated inclusions). */
  if (ctx->arena_limit && ctx->arena.total + 12 * fi->file->len + 65536 > ctx->arena_limit)
    pp_fatal(pp, at, "too much input: reading '%s' would exceed the memory limit of %zu MiB",
             fi->file->name, ctx->arena_limit >> 20);
  Frame *f = arena_alloc(ctx, sizeof(Frame));
  f->parent = pp->frame;
  f->file = fi->file;
  f->info = fi;
  f->dir_index = dir_index;
  f->cond_base = pp->nconds;
  f->presumed = fi->file->name;
  f->dir = dir_of(pp->ctx, fi->file->name);
  f->cur = f->first = tokenize_file(pp->ctx, fi->file);
  pp->frame = f;
  pp->depth++;
}

/* Text that is not a file (predefined macros, the command line). */
static void push_text(PP *pp, const char *name, const char *text) {
  Ctx *ctx = pp->ctx;
  size_t n = strlen(text);
  SourceFile *sf = new_source_file(ctx, name, arena_strndup(ctx, text, n), n, true, false);
  FileInfo *fi = arena_alloc(ctx, sizeof(FileInfo));
  fi->path = name;
  fi->file = sf;
  push_file(pp, fi, -1, NULL);
  pp->frame->dir = "";
}

static void pop_frame(PP *pp) {
  Frame *f = pp->frame;
  while (pp->nconds > f->cond_base) {
    Cond *c = &pp->conds[--pp->nconds];
    pp_error(pp, c->tok, "unterminated conditional directive");
  }
  pp->frame = f->parent;
  pp->depth--;
}

/* ---- macro expansion ---------------------------------------------------- */

static Token *expand_list(PP *pp, Token *tok, Mode mode);
enum { NOT_EXPANDED, EXPANDED, EXPAND_NAME_ONLY };
static int expand_macro(PP *pp, Token **rest, Token *tok, MacroName *mn, Mode mode);
static Token *directive(PP *pp, Token *hash);

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
    if (t->kind == TK_IDENT && ((mode == MODE_IF && tok_is(t, "defined")) || expandable(pp, t))) {
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
    cur = cur->next = copy_tok(pp, t);
    cur->at_bol = false;
    last = t;
  }
  cur->next = new_eof(pp, last);
  a->exp = expand_list(pp, head.next, mode == MODE_IF ? MODE_IF : MODE_LIST);
  a->nexp = 0;
  /* The expansions done inside the argument are over: as in gcc and clang,
   * what stays is only whether a name was found inside its own expansion
   * ("painted"); the use being substituted adds its own hideset. */
  for (t = a->exp; t->kind != TK_EOF; t = t->next) {
    a->nexp++;
    if (!t->hideset)
      continue;
    MacroName *mn = t->kind == TK_IDENT ? find_name(pp, t->loc, t->len) : NULL;
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
    Token *c = copy_tok(pp, t);
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
  Token *c = copy_tok(pp, bt);
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
  Token *r = tok_like(pp, hash, TK_STR, s, (int)n);
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
    Token *at = copy_tok(pp, op);
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
      continue;
    }
    if (tok_is(bt, "##") && !last_is_paste(pp)) {
      vpush_op(pp, &pp->paste_marker, bt);
      if (m->nparams)
        *space = false;
      continue;
    }
    if (ai >= 0) {
      MacroArg *a = &args[ai];
      bool next_paste = i + 1 < to && tok_is(&m->body[i + 1], "##");
      bool is_va = m->variadic && ai == m->nparams - 1;
      if (!prev_paste && !next_paste) {
        expand_arg(pp, a, mode);
        push_arg_tokens(pp, a->exp, a->nexp, hs, space, false);
        continue;
      }
      if (a->n > 0) {
        /* GNU `, ## __VA_ARGS__` with arguments: nothing is pasted. (As
         * clang, this looks at the comma produced, not the definition.) */
        Token *before_paste = last_slot(pp, 1);
        if (is_va && last_is_paste(pp) && before_paste && tok_is(before_paste, ",")) {
          pp->vlen--;
          push_arg_tokens(pp, a->first, a->n, hs, space, true);
          *space = false;
        } else {
          push_arg_tokens(pp, a->first, a->n, hs, space, false);
        }
        continue;
      }
      if (next_paste) {
        i++; /* an empty left operand: the ## goes too */
        continue;
      }
      if (last_is_paste(pp))
        pp->vlen--; /* an empty right operand: the ## goes */
      /* GNU: `, ## __VA_ARGS__` without variable arguments loses the comma
       * (and a ## before it: `x ## , ## __VA_ARGS__` is x). */
      if (is_va && a->absent && last_slot(pp, 0) && tok_is(last_slot(pp, 0), ",")) {
        pp->vlen--;
        if (last_is_paste(pp))
          pp->vlen--;
        *space = false;
      }
      continue;
    }
    if (ai == ARG_VA_OPT) {
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
      i = j;
      continue;
    }
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

/* The replacement of one macro use, linked in front of `after`. */
static Token *subst(PP *pp, const Macro *m, const Token *name, MacroArg *args, Hideset *hs,
                    Token *after, Mode mode) {
  Token head = {0};
  Token *cur = &head;
  bool space = false; /* stays false without parameters */
  if (!m->complex) {
    for (int i = 0; i < m->nbody; i++) {
      const Token *bt = &m->body[i];
      int ai = m->arg_index ? m->arg_index[i] : ARG_NONE;
      if (i > 0 && bt->has_space && m->nparams)
        space = true;
      if (ai < 0) {
        cur = cur->next = body_copy(pp, bt, name, m, hs);
        if (m->nparams) { /* clang respaces only macros with parameters */
          cur->has_space = space;
          space = false;
        }
        continue;
      }
      MacroArg *a = &args[ai];
      expand_arg(pp, a, mode);
      Token *t = a->exp;
      for (int k = 0; k < a->nexp; k++, t = t->next) {
        Token *c = copy_tok(pp, t);
        c->hideset = hideset_union(pp, t->hideset, hs);
        c->at_bol = false;
        if (k == 0) {
          c->has_space = space;
          space = false;
        }
        cur = cur->next = c;
      }
    }
  } else {
    int base = pp->vlen, saved_base = pp->vbase;
    pp->vbase = base;
    subst_range(pp, m, name, args, hs, 0, m->nbody, mode, &space);
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
  }
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

/* Reads the arguments of a function-like macro use, from the '(' at lp.
 * On success *end is the closing ')'. On an error *end is where to go on. */
static bool read_args(PP *pp, const Macro *m, Token *name, Token *lp, MacroArg **out, Token **end,
                      Mode mode) {
  int np = m->nparams;
  MacroArg *args = arena_alloc(pp->ctx, sizeof(MacroArg) * (size_t)(np ? np : 1));
  MacroArg extra = {0};
  Token *extra_sep = NULL; /* the ',' before the first argument too many */
  int nargs = 1;
  MacroArg *cur = &args[0];
  Token *prev = lp, *tok = lp->next;
  cur->first = tok;
  int depth = 0;
  for (;;) {
    if (mode == MODE_TOP && is_directive_hash(tok)) {
      /* Directives inside macro arguments, as gcc and clang process them. */
      Token *d = tok->next;
      Token *after;
      if (!d->at_bol &&
          (tok_is(d, "include") || tok_is(d, "include_next") || tok_is(d, "import"))) {
        pp_error(pp, d, "#%.*s inside macro arguments is not supported", d->len, d->loc);
        after = skip_line(d);
      } else {
        after = directive(pp, tok);
      }
      prev->next = after;
      if (cur->n == 0)
        cur->first = after;
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
    if (depth == 0 && tok_is(tok, ",") && !(m->variadic && nargs == np)) {
      if (nargs == np || (np == 0 && nargs == 1))
        extra_sep = tok;
      cur = nargs < np ? &args[nargs] : &extra;
      nargs++;
      cur->first = tok->next;
      cur->n = 0;
      prev = tok;
      tok = tok->next;
      continue;
    }
    if (tok_is(tok, "(") && ++depth > MAX_ARG_NESTING)
      /* F(F(F(...))) a million deep would exhaust memory before any other
       * limit: stop while collecting the outermost call. */
      diag_fatal(pp->ctx, tok, "parentheses in macro arguments nested more than %d deep",
                 MAX_ARG_NESTING);
    else if (tok_is(tok, ")"))
      depth--;
    cur->n++;
    prev = tok;
    tok = tok->next;
  }
  *end = tok;
  if (np == 0) {
    if (nargs > 1 || args[0].n > 0) {
      pp_error(pp,
               args[0].n   ? args[0].first
               : extra_sep ? extra_sep
                           : lp,
               "too many arguments provided to function-like macro invocation");
      *end = tok->next;
      return false;
    }
  } else if (m->variadic) {
    if (nargs < np - 1) {
      pp_error(pp, tok, "too few arguments provided to function-like macro invocation");
      *end = tok->next;
      return false;
    }
    if (nargs == np - 1) {
      args[np - 1].first = tok;
      args[np - 1].n = 0;
      args[np - 1].absent = true;
    } else if (np == 1 && args[0].n == 0) {
      args[0].absent = true; /* F() for F(...) */
    }
  } else if (nargs != np) {
    Token *at = tok;
    if (nargs > np)
      at = tok_is(extra_sep->next, ",") || tok_is(extra_sep->next, ")") ? extra_sep
                                                                        : extra_sep->next;
    pp_error(pp, at, "too %s arguments provided to function-like macro invocation",
             nargs < np ? "few" : "many");
    *end = tok->next;
    return false;
  }
  *out = args;
  return true;
}

/* ---- built-in macros ---------------------------------------------------- */

static const char *const known_attributes[] = {"abi_tag",
                                               "acquire_capability",
                                               "acquire_shared_capability",
                                               "acquired_after",
                                               "acquired_before",
                                               "address_space",
                                               "alias",
                                               "align_value",
                                               "aligned",
                                               "alloc_align",
                                               "alloc_size",
                                               "always_destroy",
                                               "always_inline",
                                               "analyzer_noreturn",
                                               "annotate",
                                               "arm_sve_vector_bits",
                                               "artificial",
                                               "assert_capability",
                                               "assert_exclusive_lock",
                                               "assert_shared_capability",
                                               "assert_shared_lock",
                                               "assume",
                                               "assume_aligned",
                                               "availability",
                                               "blocks",
                                               "btf_decl_tag",
                                               "btf_type_tag",
                                               "callable_when",
                                               "callback",
                                               "called_once",
                                               "capability",
                                               "carries_dependency",
                                               "cdecl",
                                               "cf_audited_transfer",
                                               "cf_consumed",
                                               "cf_returns_not_retained",
                                               "cf_returns_retained",
                                               "cf_unknown_transfer",
                                               "cleanup",
                                               "cold",
                                               "common",
                                               "const",
                                               "constructor",
                                               "consumable",
                                               "consumable_auto_cast_state",
                                               "consumable_set_state_on_read",
                                               "convergent",
                                               "cpu_dispatch",
                                               "cpu_specific",
                                               "deprecated",
                                               "destructor",
                                               "diagnose_as_builtin",
                                               "diagnose_if",
                                               "disable_sanitizer_instrumentation",
                                               "disable_tail_calls",
                                               "enable_if",
                                               "enforce_tcb",
                                               "enforce_tcb_leaf",
                                               "enum_extensibility",
                                               "error",
                                               "exclude_from_explicit_instantiation",
                                               "exclusive_locks_required",
                                               "exclusive_trylock_function",
                                               "ext_vector_type",
                                               "fallthrough",
                                               "fastcall",
                                               "flag_enum",
                                               "flatten",
                                               "format",
                                               "format_arg",
                                               "gnu_inline",
                                               "guarded_by",
                                               "guarded_var",
                                               "hot",
                                               "import_module",
                                               "import_name",
                                               "init_priority",
                                               "intel_ocl_bicc",
                                               "internal_linkage",
                                               "leaf",
                                               "lifetimebound",
                                               "lock_returned",
                                               "locks_excluded",
                                               "malloc",
                                               "matrix_type",
                                               "may_alias",
                                               "mig_server_routine",
                                               "min_vector_width",
                                               "minsize",
                                               "mode",
                                               "ms_abi",
                                               "ms_struct",
                                               "musttail",
                                               "naked",
                                               "neon_polyvector_type",
                                               "neon_vector_type",
                                               "no_address_safety_analysis",
                                               "no_builtin",
                                               "no_destroy",
                                               "no_instrument_function",
                                               "no_profile_instrument_function",
                                               "no_sanitize",
                                               "no_sanitize_address",
                                               "no_sanitize_memory",
                                               "no_sanitize_thread",
                                               "no_split_stack",
                                               "no_stack_protector",
                                               "no_thread_safety_analysis",
                                               "nocommon",
                                               "nodebug",
                                               "noderef",
                                               "noduplicate",
                                               "noescape",
                                               "noinline",
                                               "nomerge",
                                               "nonnull",
                                               "noreturn",
                                               "nothrow",
                                               "ns_consumed",
                                               "ns_consumes_self",
                                               "ns_error_domain",
                                               "ns_returns_autoreleased",
                                               "ns_returns_not_retained",
                                               "ns_returns_retained",
                                               "objc_boxable",
                                               "objc_bridge",
                                               "objc_designated_initializer",
                                               "objc_direct",
                                               "objc_exception",
                                               "objc_independent_class",
                                               "objc_method_family",
                                               "objc_precise_lifetime",
                                               "objc_requires_super",
                                               "objc_root_class",
                                               "objc_runtime_name",
                                               "objc_subclassing_restricted",
                                               "opencl_unroll_hint",
                                               "optnone",
                                               "os_consumed",
                                               "os_returns_not_retained",
                                               "os_returns_retained",
                                               "overloadable",
                                               "ownership_holds",
                                               "ownership_returns",
                                               "ownership_takes",
                                               "packed",
                                               "param_typestate",
                                               "pascal",
                                               "pass_object_size",
                                               "pcs",
                                               "preferred_name",
                                               "preserve_all",
                                               "preserve_most",
                                               "pt_guarded_by",
                                               "pt_guarded_var",
                                               "pure",
                                               "regcall",
                                               "regparm",
                                               "reinitializes",
                                               "release_capability",
                                               "release_generic_capability",
                                               "release_shared_capability",
                                               "require_constant_initialization",
                                               "requires_capability",
                                               "requires_shared_capability",
                                               "retain",
                                               "return_typestate",
                                               "returns_nonnull",
                                               "returns_twice",
                                               "scoped_lockable",
                                               "section",
                                               "selectany",
                                               "sentinel",
                                               "set_typestate",
                                               "shared_locks_required",
                                               "shared_trylock_function",
                                               "speculative_load_hardening",
                                               "stdcall",
                                               "swift_async",
                                               "swift_async_context",
                                               "swift_async_error",
                                               "swift_async_name",
                                               "swift_attr",
                                               "swift_bridge",
                                               "swift_bridged_typedef",
                                               "swift_context",
                                               "swift_error",
                                               "swift_error_result",
                                               "swift_indirect_result",
                                               "swift_name",
                                               "swift_newtype",
                                               "swift_objc_members",
                                               "swift_private",
                                               "swiftasynccall",
                                               "swiftcall",
                                               "sysv_abi",
                                               "target",
                                               "target_clones",
                                               "test_typestate",
                                               "thiscall",
                                               "tls_model",
                                               "transparent_union",
                                               "trivial_abi",
                                               "try_acquire_capability",
                                               "try_acquire_shared_capability",
                                               "type_tag_for_datatype",
                                               "type_visibility",
                                               "unavailable",
                                               "uninitialized",
                                               "unused",
                                               "used",
                                               "using_if_exists",
                                               "vector_size",
                                               "vectorcall",
                                               "visibility",
                                               "warn_unused",
                                               "warn_unused_result",
                                               "warning",
                                               "weak",
                                               "weak_import",
                                               "weakref",
                                               "work_group_size_hint",
                                               "xray_always_instrument",
                                               "xray_log_args",
                                               "xray_never_instrument",
                                               NULL};

static const char *const known_features[] = {"arc_cf_code_audited",
                                             "attribute_analyzer_noreturn",
                                             "attribute_availability",
                                             "attribute_availability_app_extension",
                                             "attribute_availability_in_templates",
                                             "attribute_availability_swift",
                                             "attribute_availability_tvos",
                                             "attribute_availability_watchos",
                                             "attribute_availability_with_message",
                                             "attribute_availability_with_replacement",
                                             "attribute_availability_with_strict",
                                             "attribute_availability_with_version_underscores",
                                             "attribute_cf_consumed",
                                             "attribute_cf_returns_not_retained",
                                             "attribute_cf_returns_on_parameters",
                                             "attribute_cf_returns_retained",
                                             "attribute_deprecated_with_message",
                                             "attribute_deprecated_with_replacement",
                                             "attribute_diagnose_if_objc",
                                             "attribute_ext_vector_type",
                                             "attribute_ns_consumed",
                                             "attribute_ns_consumes_self",
                                             "attribute_ns_returns_not_retained",
                                             "attribute_ns_returns_retained",
                                             "attribute_objc_ivar_unused",
                                             "attribute_objc_method_family",
                                             "attribute_overloadable",
                                             "attribute_unavailable_with_message",
                                             "attribute_unused_on_fields",
                                             "c_alignas",
                                             "c_alignof",
                                             "c_atomic",
                                             "c_generic_selections",
                                             "c_static_assert",
                                             "c_thread_local",
                                             "c_thread_safety_attributes",
                                             "enumerator_attributes",
                                             "nullability",
                                             "nullability_nullable_result",
                                             "nullability_on_arrays",
                                             "objc_arc_fields",
                                             "objc_bool",
                                             "objc_bridge_id",
                                             "objc_bridge_id_on_typedefs",
                                             "objc_c_static_assert",
                                             "objc_nonfragile_abi",
                                             "objc_property_explicit_atomic",
                                             "objc_protocol_qualifier_mangling",
                                             "objc_subscripting",
                                             "objc_weak_class",
                                             "ownership_holds",
                                             "ownership_returns",
                                             "ownership_takes",
                                             "tls",
                                             NULL};

/* __has_extension: the features and these. */
static const char *const known_extensions[] = {"cxx_binary_literals",
                                               "cxx_fixed_enum",
                                               "gnu_asm",
                                               "gnu_asm_goto_with_outputs",
                                               "overloadable_unmarked",
                                               "pragma_clang_attribute_external_declaration",
                                               "statement_attributes_with_gnu_syntax",
                                               NULL};

/* Keywords of clang's C (gnu17) mode: __is_identifier() is 0 for them. */
static const char *const c_keywords[] = {"_Alignas",
                                         "_Alignof",
                                         "_Atomic",
                                         "_BitInt",
                                         "_Bool",
                                         "_Complex",
                                         "_Decimal128",
                                         "_Decimal32",
                                         "_Decimal64",
                                         "_ExtInt",
                                         "_Float16",
                                         "_Generic",
                                         "_Imaginary",
                                         "_Nonnull",
                                         "_Noreturn",
                                         "_Null_unspecified",
                                         "_Nullable",
                                         "_Nullable_result",
                                         "_Static_assert",
                                         "_Thread_local",
                                         "__FUNCTION__",
                                         "__PRETTY_FUNCTION__",
                                         "__alignof",
                                         "__alignof__",
                                         "__asm",
                                         "__asm__",
                                         "__attribute",
                                         "__attribute__",
                                         "__auto_type",
                                         "__bf16",
                                         "__builtin_COLUMN",
                                         "__builtin_FILE",
                                         "__builtin_FUNCTION",
                                         "__builtin_LINE",
                                         "__builtin_available",
                                         "__builtin_bit_cast",
                                         "__builtin_choose_expr",
                                         "__builtin_convertvector",
                                         "__builtin_offsetof",
                                         "__builtin_omp_required_simd_align",
                                         "__builtin_types_compatible_p",
                                         "__builtin_va_arg",
                                         "__cdecl",
                                         "__complex",
                                         "__complex__",
                                         "__const",
                                         "__const__",
                                         "__extension__",
                                         "__fastcall",
                                         "__float128",
                                         "__fp16",
                                         "__func__",
                                         "__imag",
                                         "__imag__",
                                         "__inline",
                                         "__inline__",
                                         "__int128",
                                         "__label__",
                                         "__module_private__",
                                         "__objc_no",
                                         "__objc_yes",
                                         "__pascal",
                                         "__private_extern__",
                                         "__real",
                                         "__real__",
                                         "__regcall",
                                         "__restrict",
                                         "__restrict__",
                                         "__signed",
                                         "__signed__",
                                         "__stdcall",
                                         "__thiscall",
                                         "__thread",
                                         "__typeof",
                                         "__typeof__",
                                         "__vectorcall",
                                         "__volatile",
                                         "__volatile__",
                                         "asm",
                                         "auto",
                                         "break",
                                         "case",
                                         "char",
                                         "const",
                                         "continue",
                                         "default",
                                         "do",
                                         "double",
                                         "else",
                                         "enum",
                                         "extern",
                                         "float",
                                         "for",
                                         "goto",
                                         "if",
                                         "inline",
                                         "int",
                                         "long",
                                         "register",
                                         "restrict",
                                         "return",
                                         "short",
                                         "signed",
                                         "sizeof",
                                         "static",
                                         "struct",
                                         "switch",
                                         "typedef",
                                         "typeof",
                                         "union",
                                         "unsigned",
                                         "void",
                                         "volatile",
                                         "while",
                                         NULL};

static const char *const known_warnings[] = {"all",
                                             "array-bounds",
                                             "assign-enum",
                                             "bad-function-cast",
                                             "bitfield-enum-conversion",
                                             "c++11-compat",
                                             "c++98-compat",
                                             "c++98-compat-pedantic",
                                             "c11-extensions",
                                             "c2x-extensions",
                                             "c99-extensions",
                                             "cast-align",
                                             "cast-function-type",
                                             "cast-qual",
                                             "comma",
                                             "conversion",
                                             "covered-switch-default",
                                             "declaration-after-statement",
                                             "deprecated",
                                             "deprecated-declarations",
                                             "deprecated-register",
                                             "disabled-macro-expansion",
                                             "documentation",
                                             "documentation-unknown-command",
                                             "double-promotion",
                                             "expansion-to-defined",
                                             "extra",
                                             "extra-semi",
                                             "extra-semi-stmt",
                                             "flexible-array-extensions",
                                             "float-equal",
                                             "format",
                                             "format-nonliteral",
                                             "format-security",
                                             "gnu",
                                             "gnu-anonymous-struct",
                                             "gnu-zero-variadic-macro-arguments",
                                             "implicit-fallthrough",
                                             "implicit-int-conversion",
                                             "incompatible-pointer-types",
                                             "int-conversion",
                                             "keyword-macro",
                                             "language-extension-token",
                                             "long-long",
                                             "microsoft-anon-tag",
                                             "missing-declarations",
                                             "missing-field-initializers",
                                             "missing-prototypes",
                                             "missing-variable-declarations",
                                             "nested-anon-types",
                                             "newline-eof",
                                             "nonportable-system-include-path",
                                             "nullability-completeness",
                                             "nullability-extension",
                                             "objc-messaging-id",
                                             "old-style-cast",
                                             "packed",
                                             "padded",
                                             "partial-availability",
                                             "pedantic",
                                             "pointer-arith",
                                             "poison-system-directories",
                                             "pragma-pack",
                                             "redundant-decls",
                                             "reserved-id-macro",
                                             "reserved-identifier",
                                             "shadow",
                                             "shorten-64-to-32",
                                             "sign-compare",
                                             "sign-conversion",
                                             "strict-prototypes",
                                             "switch-enum",
                                             "undef",
                                             "unguarded-availability",
                                             "unguarded-availability-new",
                                             "unknown-attributes",
                                             "unknown-pragmas",
                                             "unknown-warning-option",
                                             "unreachable-code",
                                             "unused",
                                             "unused-function",
                                             "unused-macros",
                                             "unused-parameter",
                                             "unused-result",
                                             "unused-variable",
                                             "used-but-marked-unused",
                                             "variadic-macros",
                                             "vla",
                                             "zero-as-null-pointer-constant",
                                             NULL};

static bool in_list(const char *const *list, const char *s, size_t len) {
  for (; *list; list++)
    if (strlen(*list) == len && memcmp(*list, s, len) == 0)
      return true;
  return false;
}

static bool starts_with(const char *s, size_t len, const char *prefix) {
  size_t n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0;
}

/* __has_builtin(name) as clang 14 answers for wasm32. */
static bool has_builtin(const char *s, size_t len) {
  static const char *const not_builtin[] = {"__builtin_va_list", "__builtin_ms_va_list",
                                            "__builtin_sycl_unique_stable_name",
                                            "__builtin_nondeterministic_value", NULL};
  static const char *const other_targets[] = {
      "__builtin_ia32_",    "__builtin_arm_",     "__builtin_aarch64_", "__builtin_mips_",
      "__builtin_ppc_",     "__builtin_altivec_", "__builtin_x86_",     "__builtin_cpu_",
      "__builtin_coro_",    "__builtin_amdgcn_",  "__builtin_nvvm_",    "__builtin_riscv_",
      "__builtin_hexagon_", "__builtin_s390_",    "__builtin_ve_",      NULL};
  static const char *const library[] = {"abort",
                                        "abs",
                                        "alloca",
                                        "calloc",
                                        "exit",
                                        "fabs",
                                        "free",
                                        "labs",
                                        "llabs",
                                        "malloc",
                                        "memchr",
                                        "memcmp",
                                        "memcpy",
                                        "memmove",
                                        "memset",
                                        "printf",
                                        "realloc",
                                        "snprintf",
                                        "sprintf",
                                        "strchr",
                                        "strcmp",
                                        "strcpy",
                                        "strlen",
                                        "strncmp",
                                        "strncpy",
                                        "vprintf",
                                        "vsnprintf",
                                        "vsprintf",
                                        "__arithmetic_fence",
                                        NULL};
  if (starts_with(s, len, "__builtin_")) {
    if (in_list(not_builtin, s, len))
      return false;
    for (const char *const *p = other_targets; *p; p++)
      if (starts_with(s, len, *p))
        return false;
    return true;
  }
  if (starts_with(s, len, "__sync_") || starts_with(s, len, "__atomic_") ||
      starts_with(s, len, "__c11_atomic_") || starts_with(s, len, "__opencl_atomic_"))
    return true;
  return in_list(library, s, len);
}

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
static Token *builtin_result(PP *pp, Token *tok, TokenKind kind, const char *text, Token *after) {
  Token *t = tok_like(pp, tok, kind, text, (int)strlen(text));
  t->origin = tok;
  t->macro_name = tok_str(pp->ctx, tok);
  t->next = after;
  return t;
}

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

/* The text of a string literal token without prefix and quotes, with \\ and
 * \" undone (_Pragma's destringizing). */
static char *destringize(Ctx *ctx, const Token *t) {
  const char *p = t->loc;
  while (*p != '"')
    p++;
  p++;
  const char *end = t->loc + t->len - 1;
  char *r = arena_alloc(ctx, (size_t)(end - p) + 1);
  size_t n = 0;
  for (; p < end; p++) {
    if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
      p++;
    r[n++] = *p;
  }
  r[n] = '\0';
  return r;
}

static Token *do_pragma_tokens(PP *pp, Token *tok, const Token *model);

/* _Pragma ( string-literal ): runs the pragma and leaves nothing. */
/* The operand is macro-expanded first, as clang lexes it
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
      cur = cur->next = copy_tok(pp, t);
      last = t;
    }
    if (t->kind != TK_EOF) {
      cur->next = new_eof(pp, last);
      Token *e = expand_list(pp, head.next, MODE_LIST);
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
  Token *t =
      do_pragma_tokens(pp, tokenize_string(pp->ctx, "<_Pragma>", destringize(pp->ctx, s)), tok);
  *rest = rp->next;
  if (t) {
    t->next = rp->next;
    *rest = t;
  }
  return true;
}

/* header-name in __has_include(...) or #include: "file" or <file>, else the
 * macro-expanded tokens up to the end (a ')' at depth 0 for __has_include,
 * the end of the line for #include). Returns the name (NULL after an error)
 * and *quote; *rest follows the header name. */
static char *read_header_name(PP *pp, Token *tok, Token **rest, bool *quote, bool in_parens) {
  Ctx *ctx = pp->ctx;
  if (!tok->at_bol && tok->kind == TK_STR && tok->loc[0] == '"') {
    *quote = true;
    *rest = tok->next;
    return arena_strndup(ctx, tok->loc + 1, (size_t)tok->len - 2);
  }
  if (!tok->at_bol && tok_is(tok, "<")) {
    Token *t = tok->next;
    size_t n = 0;
    for (Token *u = t; !u->at_bol && u->kind != TK_EOF && !tok_is(u, ">"); u = u->next)
      n += (size_t)u->len + 1;
    char *name = arena_alloc(ctx, n + 1);
    n = 0;
    for (; !t->at_bol && t->kind != TK_EOF && !tok_is(t, ">"); t = t->next) {
      if (t != tok->next && t->has_space)
        name[n++] = ' ';
      memcpy(name + n, t->loc, (size_t)t->len);
      n += (size_t)t->len;
    }
    if (!tok_is(t, ">")) {
      pp_error(pp, t->at_bol || t->kind == TK_EOF ? tok : t, "expected '>'");
      *rest = t;
      return NULL;
    }
    name[n] = '\0';
    *quote = false;
    *rest = t->next;
    return name;
  }
  /* Computed: expand the tokens, then read a header name from them. */
  Token head = {0};
  Token *cur = &head, *last = tok, *t = tok;
  int depth = 0;
  for (; !t->at_bol && t->kind != TK_EOF; t = t->next) {
    if (in_parens) {
      if (tok_is(t, "("))
        depth++;
      else if (tok_is(t, ")") && depth-- == 0)
        break;
    }
    cur = cur->next = copy_tok(pp, t);
    cur->at_bol = false;
    last = t;
  }
  *rest = t;
  if (cur == &head) {
    pp_error(pp, tok, "expected \"FILENAME\" or <FILENAME>");
    return NULL;
  }
  cur->next = new_eof(pp, last);
  Token *e = expand_list(pp, head.next, MODE_LIST);
  if (e->kind == TK_STR && e->loc[0] == '"') {
    *quote = true;
    if (e->next->kind != TK_EOF && !in_parens)
      pp_warning(pp, e->next, "extra tokens at end of #include directive");
    return arena_strndup(ctx, e->loc + 1, (size_t)e->len - 2);
  }
  if (tok_is(e, "<")) {
    size_t n = 0;
    Token *u = e->next;
    for (; u->kind != TK_EOF && !tok_is(u, ">"); u = u->next)
      n += (size_t)u->len + 1;
    if (u->kind == TK_EOF) {
      pp_error(pp, tok, "expected '>'");
      return NULL;
    }
    char *name = arena_alloc(ctx, n + 1);
    n = 0;
    for (u = e->next; !tok_is(u, ">"); u = u->next) {
      if (u != e->next && u->has_space)
        name[n++] = ' ';
      memcpy(name + n, u->loc, (size_t)u->len);
      n += (size_t)u->len;
    }
    name[n] = '\0';
    *quote = false;
    return name;
  }
  pp_error(pp, tok, "expected \"FILENAME\" or <FILENAME>");
  return NULL;
}

/* __has_include ( header-name ) and the other __has_* operators. */
static bool expand_has(PP *pp, Token **rest, Token *tok, const Macro *m) {
  Token *lp = tok->next;
  if (!tok_is(lp, "(")) {
    pp_error(pp, tok, "missing '(' after '%s'", m->def.name);
    *rest = builtin_result(pp, tok, TK_NUM, "0", tok->next);
    return true;
  }
  Token *arg = lp->next, *rp;
  bool value = false;
  if (m->builtin == BI_HAS_INCLUDE || m->builtin == BI_HAS_INCLUDE_NEXT) {
    bool quote;
    char *name = read_header_name(pp, arg, &rp, &quote, true);
    if (name) {
      int idx;
      value = find_include(pp, name, quote, m->builtin == BI_HAS_INCLUDE_NEXT, NULL, &idx) != NULL;
    }
  } else {
    bool ok = arg->kind == TK_IDENT || (m->builtin == BI_HAS_WARNING && arg->kind == TK_STR);
    if (!ok || arg->at_bol) {
      pp_error(pp, arg, "builtin feature check macro requires a parenthesized identifier");
      rp = arg;
    } else {
      rp = arg->next;
      const char *s = arg->loc;
      size_t len = (size_t)arg->len;
      switch (m->builtin) {
      case BI_HAS_ATTRIBUTE:
        strip_underscores(&s, &len);
        value = in_list(known_attributes, s, len);
        break;
      case BI_HAS_BUILTIN: value = has_builtin(s, len); break;
      case BI_HAS_FEATURE:
        strip_underscores(&s, &len);
        value = in_list(known_features, s, len);
        break;
      case BI_HAS_EXTENSION:
        strip_underscores(&s, &len);
        value = in_list(known_features, s, len) || in_list(known_extensions, s, len);
        break;
      case BI_IS_IDENTIFIER: value = !in_list(c_keywords, s, len); break;
      case BI_HAS_WARNING:
        value = arg->kind == TK_STR && arg->loc[0] == '"' && len > 4 && memcmp(s, "\"-W", 3) == 0 &&
                in_list(known_warnings, s + 3, len - 4);
        break;
      default: /* __has_c_attribute, __has_declspec_attribute: none in C17 */ value = false; break;
      }
    }
  }
  if (!tok_is(rp, ")")) {
    pp_error(pp, rp->at_bol ? tok : rp, "missing ')' after '%s'", m->def.name);
    *rest = builtin_result(pp, tok, TK_NUM, value ? "1" : "0", rp);
    return true;
  }
  *rest = builtin_result(pp, tok, TK_NUM, value ? "1" : "0", rp->next);
  return true;
}

static bool expand_builtin(PP *pp, Token **rest, Token *tok, const Macro *m) {
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
    text = arena_printf(ctx, "%d", use->line + use->line_delta);
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
  *rest = builtin_result(pp, tok, kind, text, tok->next);
  return true;
}

/* defined identifier | defined ( identifier ), in #if: 0 or 1. */
static Token *eval_defined(PP *pp, Token *tok, Token **rest) {
  Token *t = tok->next;
  bool paren = tok_is(t, "(");
  if (paren)
    t = t->next;
  if (t->kind != TK_IDENT) {
    pp_error(pp, t->kind == TK_EOF ? tok : t, "macro name must be an identifier");
    *rest = t;
    return builtin_result(pp, tok, TK_NUM, "0", NULL);
  }
  bool value = is_defined(pp, t);
  t = t->next;
  if (paren) {
    if (!tok_is(t, ")"))
      pp_error(pp, t->kind == TK_EOF ? tok : t, "missing ')' after 'defined'");
    else
      t = t->next;
  }
  *rest = t;
  return builtin_result(pp, tok, TK_NUM, value ? "1" : "0", NULL);
}

/* Expands the macro named by tok, which is not hidden: EXPANDED with the
 * expansion linked in front of the rest at *rest; NOT_EXPANDED for a
 * function-like macro's name without '('; EXPAND_NAME_ONLY after an error in
 * the arguments: tok goes on unexpanded, followed by *rest. */
static int expand_macro(PP *pp, Token **rest, Token *tok, MacroName *mn, Mode mode) {
  const Macro *m = mn->def;
  if (m->kind == MK_BUILTIN)
    return expand_builtin(pp, rest, tok, m) ? EXPANDED : NOT_EXPANDED;
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
static Token *expand_list(PP *pp, Token *tok, Mode mode) {
  if (++pp->expand_depth > MAX_EXPAND_DEPTH)
    pp_fatal(pp, tok, "macro expansion nested too deeply (more than %d levels)", MAX_EXPAND_DEPTH);
  Token head = {0};
  Token *cur = &head;
  while (tok->kind != TK_EOF) {
    if (tok->kind == TK_IDENT) {
      if (mode == MODE_IF && tok_is(tok, "defined")) {
        cur = cur->next = eval_defined(pp, tok, &tok);
        continue;
      }
      MacroName *mn = expandable(pp, tok);
      Token *rest;
      int r = mn ? expand_macro(pp, &rest, tok, mn, mode) : NOT_EXPANDED;
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

/* ---- #if expressions ----------------------------------------------------- */

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

/* The value of the #if / #elif line after dtok; *rest is the next line. */
static bool eval_if_line(PP *pp, Token *dtok, Token **rest) {
  Token head = {0};
  Token *cur = &head, *last = dtok, *t = dtok->next;
  for (; !t->at_bol; t = t->next) {
    cur = cur->next = copy_tok(pp, t);
    last = t;
  }
  *rest = t;
  if (cur == &head) {
    pp_error(pp, dtok, "#%.*s with no expression", dtok->len, dtok->loc);
    return false;
  }
  cur->next = new_eof(pp, last);
  Expr e = {pp, expand_list(pp, head.next, MODE_IF), false, 0};
  Val v = expr_comma(&e, true);
  if (!e.err && e.tok->kind != TK_EOF) {
    if (tok_is_unterminated(e.tok) || e.tok->kind == TK_STR)
      expr_error(&e, e.tok, "invalid token in preprocessor expression");
    else
      expr_error(&e, e.tok, "token is not a valid binary operator in a preprocessor subexpression");
  }
  return !e.err && v.v != 0;
}

/* ---- directives ----------------------------------------------------------- */

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
    if (is_directive_hash(tok) && !tok->next->at_bol && tok->next->kind == TK_IDENT) {
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
    tok = skip_line(tok->next);
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
  return intern_name(pp, t->loc, t->len);
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
    *rest = skip_line(t);
    return false;
  }
  bool v = is_defined(pp, t);
  char name[16];
  snprintf(name, sizeof name, "%.*s", dtok->len, dtok->loc);
  *rest = end_of_directive(pp, t->next, name);
  return v;
}

static Token *do_if(PP *pp, Token *hash, Token *dtok) {
  Frame *f = pp->frame;
  Token *rest;
  bool value;
  if (tok_is(dtok, "if"))
    value = eval_if_line(pp, dtok, &rest);
  else
    value = ifdef_value(pp, dtok, &rest) == tok_is(dtok, "ifdef");
  Cond *c = push_cond(pp, dtok, value);
  if (hash == f->first && f->info && !tok_is(dtok, "ifdef"))
    c->guard = guard_name(pp, dtok);
  return value ? rest : skip_group(rest);
}

static Token *do_elif(PP *pp, Token *dtok) {
  Frame *f = pp->frame;
  if (pp->nconds == f->cond_base) {
    pp_error(pp, dtok, "#%.*s without #if", dtok->len, dtok->loc);
    return skip_line(dtok->next);
  }
  Cond *c = &pp->conds[pp->nconds - 1];
  if (c->state == IN_ELSE)
    pp_error(pp, dtok, "#%.*s after #else", dtok->len, dtok->loc);
  c->state = IN_ELIF;
  c->guard = NULL;
  if (c->included)
    return skip_group(skip_line(dtok->next));
  Token *rest;
  bool value;
  if (tok_is(dtok, "elif"))
    value = eval_if_line(pp, dtok, &rest);
  else
    value = ifdef_value(pp, dtok, &rest) == tok_is(dtok, "elifdef");
  if (value) {
    c->included = true;
    return rest;
  }
  return skip_group(rest);
}

static Token *do_else(PP *pp, Token *dtok) {
  Frame *f = pp->frame;
  Token *rest = end_of_directive(pp, dtok->next, "else");
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

static Token *do_endif(PP *pp, Token *dtok) {
  Frame *f = pp->frame;
  Token *rest = end_of_directive(pp, dtok->next, "endif");
  if (pp->nconds == f->cond_base) {
    pp_error(pp, dtok, "#endif without #if");
    return rest;
  }
  Cond *c = &pp->conds[--pp->nconds];
  if (c->guard && pp->nconds == f->cond_base && rest->kind == TK_EOF)
    f->info->guard = c->guard;
  return rest;
}

/* The index of the parameter named by t, or -1. */
static int param_index(Token **params, int n, const Map *map, const Token *t) {
  if (map)
    return (int)(intptr_t)map_get_hashed(map, t->loc, t->len, map_hash(t->loc, t->len)) - 1;
  for (int k = 0; k < n; k++)
    if (tok_same_spelling(params[k], t))
      return k;
  return -1;
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
      pp_error(pp, new_eof(pp, prev), "missing ')' in macro parameter list");
      return NULL;
    }
    if (tok_is(tok, "...")) {
      Token *va = tok_like(pp, tok, TK_IDENT, "__VA_ARGS__", 11);
      vec_push(pp->ctx, &params, va);
      m->variadic = true;
    } else if (tok->kind == TK_IDENT) {
      if (tok_is(tok, "__VA_ARGS__"))
        pp_warning(pp, tok, "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro");
      if (param_index((Token **)params.items, params.len, m->param_map, tok) >= 0) {
        pp_error(pp, tok, "duplicate macro parameter name '%.*s'", tok->len, tok->loc);
        return NULL;
      }
      if (params.len >= MAX_PARAMS) {
        pp_error(pp, tok, "too many macro parameters (more than %d)", MAX_PARAMS);
        return NULL;
      }
      vec_push(pp->ctx, &params, tok);
      if (params.len == PARAM_MAP_MIN + 1) {
        m->param_map = arena_alloc(pp->ctx, sizeof(Map));
        for (int i = 0; i < params.len; i++) {
          Token *p = params.items[i];
          map_put_hashed(pp->ctx, m->param_map, p->loc, p->len, map_hash(p->loc, p->len),
                         (void *)(intptr_t)(i + 1));
        }
      } else if (m->param_map) {
        map_put_hashed(pp->ctx, m->param_map, tok->loc, tok->len, map_hash(tok->loc, tok->len),
                       (void *)(intptr_t)params.len);
      }
      Token *n = tok->next;
      if (!n->at_bol && tok_is(n, "...")) {
        m->variadic = true; /* GNU named variadic parameter */
        tok = n;
      }
    } else {
      pp_error(pp, tok, "invalid token in macro parameter list");
      return NULL;
    }
    prev = tok;
    tok = tok->next;
    if (!tok->at_bol && tok_is(tok, ")"))
      break;
    if (tok->at_bol || m->variadic) {
      pp_error(pp, tok->at_bol ? new_eof(pp, prev) : tok,
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
  MacroName *mn = intern_name(pp, name->loc, name->len);
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

/* #define identifier [( parameters )] replacement-list */
static Token *do_define(PP *pp, Token *dtok) {
  Token *name = dtok->next;
  if (name->at_bol) {
    pp_error(pp, dtok, "macro name missing");
    return name;
  }
  if (name->kind != TK_IDENT) {
    pp_error(pp, name, "macro name must be an identifier");
    return skip_line(name);
  }
  if (tok_is(name, "defined")) {
    pp_error(pp, name, "'defined' cannot be used as a macro name");
    return skip_line(name);
  }
  Macro *m = arena_alloc(pp->ctx, sizeof(Macro));
  m->def.def = name;
  Token *tok = name->next;
  if (!tok->at_bol && tok_is(tok, "(") && !tok->has_space) {
    m->kind = MK_FUNC;
    tok = read_params(pp, m, tok->next);
    if (!tok)
      return skip_line(name);
  } else {
    m->kind = MK_OBJ;
  }
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
  Token *rest = t;
  Token *eof = &m->body[n];
  *eof = n ? m->body[n - 1] : *name;
  eof->kind = TK_EOF;
  eof->loc = eof->loc + eof->len;
  eof->len = 0;
  eof->next = NULL;
  m->def.body = m->body;

  /* Parameters, # and ## in the replacement list. */
  for (int i = 0; i < n; i++) {
    Token *bt = &m->body[i];
    if (tok_is(bt, "##")) {
      m->complex = true;
      if (i == 0 || i == n - 1) {
        pp_error(pp, bt, "'##' cannot appear at either end of a macro expansion");
        return rest;
      }
    }
    if (m->kind != MK_FUNC)
      continue;
    m->arg_index[i] = ARG_NONE;
    if (bt->kind == TK_IDENT) {
      int k = param_index(m->params, m->nparams, m->param_map, bt);
      if (k >= 0)
        m->arg_index[i] = (short)k;
      if (m->arg_index[i] == ARG_NONE && m->variadic && tok_is(bt, "__VA_OPT__")) {
        if (i + 1 >= n || !tok_is(&m->body[i + 1], "(")) {
          pp_error(pp, bt, "missing '(' following __VA_OPT__");
          return rest;
        }
        int depth = 0, j = i + 1;
        for (; j < n; j++) {
          if (tok_is(&m->body[j], "("))
            depth++;
          else if (tok_is(&m->body[j], ")") && --depth == 0)
            break;
        }
        if (j == n) {
          pp_error(pp, bt, "unterminated __VA_OPT__");
          return rest;
        }
        m->arg_index[i] = ARG_VA_OPT;
        m->complex = true;
      }
    }
  }
  if (m->kind == MK_FUNC) {
    for (int i = 0; i < n; i++) {
      if (!tok_is(&m->body[i], "#"))
        continue;
      m->complex = true;
      if (i + 1 >= n || m->arg_index[i + 1] < 0) {
        pp_error(pp, &m->body[i], "'#' is not followed by a macro parameter");
        return rest;
      }
    }
  }
  install_macro(pp, m, name);
  return rest;
}

static Token *do_undef(PP *pp, Token *dtok) {
  Token *name = dtok->next;
  if (name->at_bol) {
    pp_error(pp, dtok, "macro name missing");
    return name;
  }
  if (name->kind != TK_IDENT) {
    pp_error(pp, name, "macro name must be an identifier");
    return skip_line(name);
  }
  MacroName *mn = find_name(pp, name->loc, name->len);
  if (mn && mn->def) {
    if (mn->def->kind == MK_BUILTIN)
      pp_warning(pp, name, "undefining builtin macro");
    mn->def = NULL;
  }
  return end_of_directive(pp, name->next, "undef");
}

/* #include, #include_next, #import. */
static Token *do_include(PP *pp, Token *dtok) {
  bool next = tok_is(dtok, "include_next");
  bool import = tok_is(dtok, "import");
  Token *rest;
  bool quote;
  Token *name_tok = dtok->next;
  if (name_tok->at_bol) {
    pp_error(pp, dtok, "expected \"FILENAME\" or <FILENAME>");
    return name_tok;
  }
  char *name = read_header_name(pp, name_tok, &rest, &quote, false);
  if (!rest->at_bol)
    rest = end_of_directive(pp, rest, next ? "include_next" : import ? "import" : "include");
  if (!name)
    return rest;
  if (!*name) {
    pp_error(pp, name_tok, "empty filename");
    return rest;
  }
  int idx;
  FileInfo *fi = find_include(pp, name, quote, next, dtok, &idx);
  if (!fi && !quote && (fi = find_include(pp, name, true, false, dtok, &idx))) {
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
  push_file(pp, fi, idx, dtok);
  return rest;
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
    cur = cur->next = copy_tok(pp, t);
    last = t;
  }
  cur->next = new_eof(pp, last);
  Token *t = expand_list(pp, head.next, MODE_LIST);
  if (!tok_is(t, "(")) {
    pp_warning(pp, tok, "missing '(' after '#pragma pack' - ignoring");
    return NULL;
  }
  t = t->next;
  bool push = false, pop = false, set = false;
  const char *label = NULL;
  int value = 0;
  if (tok_is(t, "show"))
    return NULL;
  if (tok_is(t, "push") || tok_is(t, "pop")) {
    push = tok_is(t, "push");
    pop = !push;
    t = t->next;
    while (tok_is(t, ",")) {
      t = t->next;
      if (t->kind == TK_IDENT && !label && !set) {
        label = tok_str(pp->ctx, t);
      } else if (t->kind == TK_NUM && !set) {
        set = true;
        value = (int)strtol(tok_str(pp->ctx, t), NULL, 0);
      } else {
        break;
      }
      t = t->next;
    }
  } else if (t->kind == TK_NUM) {
    set = true;
    value = (int)strtol(tok_str(pp->ctx, t), NULL, 0);
    t = t->next;
  } else if (tok_is(t, ")")) {
    set = true; /* pack(): the default */
  }
  if (!tok_is(t, ")")) {
    pp_warning(pp, tok, "missing ')' after '#pragma pack' - ignoring");
    return NULL;
  }
  if (set && value != 0 && (value > 16 || (value & (value - 1)))) {
    pp_warning(pp, tok, "expected #pragma pack parameter to be '1', '2', '4', '8', or '16'");
    return NULL;
  }
  int old = pp->pack;
  if (push) {
    PackEntry *e = arena_alloc(pp->ctx, sizeof *e);
    e->label = label;
    e->value = pp->pack;
    vec_push(pp->ctx, &pp->pack_stack, e);
  } else if (pop) {
    Vec *st = &pp->pack_stack;
    int i = st->len - 1;
    if (label)
      while (i >= 0 && !(((PackEntry *)st->items[i])->label &&
                         strcmp(((PackEntry *)st->items[i])->label, label) == 0))
        i--;
    if (i < 0) {
      pp_warning(pp, tok, "#pragma pack(pop, ...) failed: stack empty");
    } else {
      pp->pack = ((PackEntry *)st->items[i])->value;
      st->len = i;
    }
  }
  if (set)
    pp->pack = value;
  if (pp->pack == old)
    return NULL;
  const char *text =
      pp->pack ? arena_printf(pp->ctx, "#pragma pack(%d)", pp->pack) : "#pragma pack()";
  Token *r = tok_like(pp, model, TK_PUNCT, text, (int)strlen(text));
  r->at_bol = true;
  r->hideset = NULL;
  return r;
}

/* #pragma once, push_macro("X"), pop_macro("X"), pack(...); every other
 * pragma is ignored. tok: the pragma's first token (a list ending at a new
 * line or EOF); model: where it was written. Returns a token for the parser
 * (pragma pack) or NULL. */
static Token *do_pragma_tokens(PP *pp, Token *tok, const Token *model) {
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
    char *name = destringize(pp->ctx, s);
    MacroName *mn = intern_name(pp, name, (int)strlen(name));
    if (push) {
      vec_push(pp->ctx, &mn->pushed, mn->def);
    } else if (mn->pushed.len) {
      mn->def = mn->pushed.items[--mn->pushed.len];
    }
  }
  return NULL;
}

/* #line digit-sequence ["s-char-sequence"], and GNU's # digit-sequence
 * "file" flags... (tok: the number). */
static Token *do_line(PP *pp, Token *hash, Token *tok, bool gnu) {
  Token *rest = skip_line(tok);
  Token head = {0};
  Token *cur = &head, *last = tok;
  for (Token *t = tok; t != rest; t = t->next) {
    cur = cur->next = copy_tok(pp, t);
    cur->at_bol = false;
    last = t;
  }
  if (cur == &head) {
    pp_error(pp, hash, "#line directive requires a simple digit sequence");
    return rest;
  }
  cur->next = new_eof(pp, last);
  Token *e = gnu ? head.next : expand_list(pp, head.next, MODE_LIST);
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
    f->presumed = destringize(pp->ctx, e->next);
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

/* A directive at '#' hash (6.10): returns the token after it, which may be
 * far away when a group is skipped. An #include also pushes its file. */
static Token *directive(PP *pp, Token *hash) {
  Token *d = hash->next;
  if (d->at_bol)
    return d; /* the null directive */
  Frame *f = pp->frame;
  if (f->line_delta)
    for (Token *t = d; !t->at_bol; t = t->next)
      t->line_delta = f->line_delta;
  if (d->kind == TK_NUM)
    return do_line(pp, hash, d, true);
  if (d->kind == TK_IDENT) {
    switch (d->len) {
    case 2:
      if (tok_is(d, "if"))
        return do_if(pp, hash, d);
      break;
    case 4:
      if (tok_is(d, "else"))
        return do_else(pp, d);
      if (tok_is(d, "elif"))
        return do_elif(pp, d);
      if (tok_is(d, "line"))
        return do_line(pp, hash, d->next, false);
      if (tok_is(d, "sccs"))
        return skip_line(d);
      break;
    case 5:
      if (tok_is(d, "ifdef"))
        return do_if(pp, hash, d);
      if (tok_is(d, "endif"))
        return do_endif(pp, d);
      if (tok_is(d, "undef"))
        return do_undef(pp, d);
      if (tok_is(d, "error")) {
        pp_error(pp, d, "%s", line_text(pp->ctx, d->next));
        return skip_line(d);
      }
      if (tok_is(d, "ident"))
        return skip_line(d);
      break;
    case 6:
      if (tok_is(d, "ifndef"))
        return do_if(pp, hash, d);
      if (tok_is(d, "define"))
        return do_define(pp, d);
      if (tok_is(d, "pragma")) {
        Token *rest = skip_line(d);
        Token *t = d->next->at_bol ? NULL : do_pragma_tokens(pp, d->next, d);
        if (t)
          t->next = rest;
        return t ? t : rest;
      }
      if (tok_is(d, "import"))
        return do_include(pp, d);
      if (tok_is(d, "assert"))
        return skip_line(d);
      break;
    case 7:
      if (tok_is(d, "include"))
        return do_include(pp, d);
      if (tok_is(d, "warning")) {
        pp_warning(pp, d, "%s", line_text(pp->ctx, d->next));
        return skip_line(d);
      }
      if (tok_is(d, "elifdef"))
        return do_elif(pp, d);
      break;
    case 8:
      if (tok_is(d, "elifndef"))
        return do_elif(pp, d);
      if (tok_is(d, "unassert"))
        return skip_line(d);
      break;
    case 12:
      if (tok_is(d, "include_next"))
        return do_include(pp, d);
      break;
    default: break;
    }
  }
  pp_error(pp, d, "invalid preprocessing directive");
  return skip_line(d);
}

/* ---- the run -------------------------------------------------------------- */

/* Reads every frame to its end, appending the output tokens at *tail. */
static void process(PP *pp, Token **tail) {
  while (pp->frame) {
    Frame *f = pp->frame;
    Token *tok = f->cur;
    if (tok->kind == TK_EOF) {
      pop_frame(pp);
      continue;
    }
    if (f->line_delta)
      tok->line_delta = f->line_delta;
    if (is_directive_hash(tok)) {
      Token *next = directive(pp, tok);
      f->cur = next;
      continue;
    }
    if (tok->kind == TK_IDENT) {
      MacroName *mn = expandable(pp, tok);
      Token *rest;
      int r = mn ? expand_macro(pp, &rest, tok, mn, MODE_TOP) : NOT_EXPANDED;
      if (r == EXPANDED) {
        f->cur = rest;
        continue;
      }
      if (r == EXPAND_NAME_ONLY) {
        (*tail)->next = tok;
        *tail = tok;
        f->cur = rest;
        continue;
      }
    } else if (tok->kind == TK_OTHER) {
      char q;
      if (quote_of_unterminated(tok, &q))
        pp_error(pp, tok, "missing terminating %s character", q == '"' ? "'\"'" : "'");
    }
    (*tail)->next = tok;
    *tail = tok;
    f->cur = tok->next;
  }
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

static PP *pp_new(Ctx *ctx) {
  PP *pp = arena_alloc(ctx, sizeof(PP));
  pp->ctx = ctx;
  ctx->pp = pp;
  pp->budget = TOKEN_BUDGET;
  if (ctx->arena_limit && (long long)(ctx->arena_limit / (2 * sizeof(Token))) < pp->budget)
    pp->budget = (long long)(ctx->arena_limit / (2 * sizeof(Token)));
  pp->empty_eof.kind = TK_EOF;
  pp->empty_eof.loc = "";
  pp->empty_eof.at_bol = true;
  pp->paste_marker.kind = TK_PUNCT;
  pp->paste_marker.loc = "##";
  pp->paste_marker.len = 2;
  for (size_t i = 0; i < sizeof builtin_macros / sizeof builtin_macros[0]; i++) {
    const char *name = builtin_macros[i].name;
    MacroName *mn = intern_name(pp, name, (int)strlen(name));
    Macro *m = arena_alloc(ctx, sizeof(Macro));
    m->kind = MK_BUILTIN;
    m->builtin = builtin_macros[i].kind;
    m->invisible = m->builtin == BI_PRAGMA;
    m->mn = mn;
    m->def.name = mn->name;
    m->def.body = &pp->empty_eof;
    mn->def = m;
  }
  return pp;
}

/* The include search of emcc's clang: -I, -isystem, <sysroot>/include/compat,
 * the built-in headers (clang's resource dir), <sysroot>/include. */
static void setup_search(PP *pp) {
  Ctx *ctx = pp->ctx;
  const WbOptions *o = ctx->opts;
  const char *sysroot = o->sysroot;
  if (!sysroot && !o->no_file_system) {
    FILE *fp = fopen(DEFAULT_SYSROOT "/include/stdio.h", "rb");
    if (fp) {
      fclose(fp);
      sysroot = DEFAULT_SYSROOT;
    }
  }
  int n = o->n_include_dirs + o->n_system_dirs + 3;
  pp->dirs = arena_alloc(ctx, sizeof(SearchDir) * (size_t)n);
  for (int i = 0; i < o->n_include_dirs; i++)
    pp->dirs[pp->ndirs++] = (SearchDir){o->include_dirs[i], false, true, false};
  for (int i = 0; i < o->n_system_dirs; i++)
    pp->dirs[pp->ndirs++] = (SearchDir){o->system_dirs[i], true, false, false};
  if (sysroot)
    pp->dirs[pp->ndirs++] =
        (SearchDir){join_path(ctx, sysroot, "include/compat"), true, false, false};
  pp->dirs[pp->ndirs++] = (SearchDir){"", true, false, true};
  if (sysroot)
    pp->dirs[pp->ndirs++] = (SearchDir){join_path(ctx, sysroot, "include"), true, false, false};
}

/* The command line options as the text clang would make of them. */
static char *command_line_text(Ctx *ctx) {
  const WbOptions *o = ctx->opts;
  size_t n = 1;
  for (int i = 0; i < o->n_cpp; i++)
    n += strlen(o->cpp[i].text) + 24;
  char *s = arena_alloc(ctx, n);
  size_t k = 0;
  for (int i = 0; i < o->n_cpp; i++) {
    const char *t = o->cpp[i].text;
    switch (o->cpp[i].kind) {
    case WB_CPP_DEFINE: {
      const char *eq = strchr(t, '=');
      k += (size_t)sprintf(s + k, "#define ");
      if (eq) {
        memcpy(s + k, t, (size_t)(eq - t));
        k += (size_t)(eq - t);
        s[k++] = ' ';
        for (const char *p = eq + 1; *p; p++)
          s[k++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
      } else {
        k += (size_t)sprintf(s + k, "%s 1", t);
      }
      s[k++] = '\n';
      break;
    }
    case WB_CPP_UNDEF: k += (size_t)sprintf(s + k, "#undef %s\n", t); break;
    case WB_CPP_INCLUDE: k += (size_t)sprintf(s + k, "#include \"%s\"\n", t); break;
    }
  }
  s[k] = '\0';
  return s;
}

Token *pp_run(Ctx *ctx) {
  PP *pp = pp_new(ctx);
  setup_search(pp);
  const char *path = ctx->opts->header_path ? ctx->opts->header_path : "";
  pp->main_dir = dir_of(ctx, path);

  Token head = {0};
  Token *tail = &head;
  push_text(pp, "<built-in>",
            arena_printf(ctx, "%s#define __WASMBIND__ 1\n", target_predefined_macros));
  process(pp, &tail);

  FileInfo *main = open_path(pp, path, false, true);
  if (main) {
    main->file->is_system = false;
    main->file->reported = true;
    pp->main_file = main->file;
  }
  push_text(pp, "<command line>", command_line_text(ctx));
  process(pp, &tail);

  Token *eof;
  if (!main) {
    diag_error_plain(ctx, "cannot open '%s'", path);
    eof = &pp->empty_eof;
  } else {
    push_file(pp, main, -1, NULL);
    Token *t = pp->frame->first;
    while (t->kind != TK_EOF)
      t = t->next; /* the main file's end, for the final token */
    eof = t;
    process(pp, &tail);
  }
  Token *end = copy_tok(pp, eof);
  end->next = NULL;
  tail->next = end;

  for (Macro *m = pp->defs_head; m; m = m->next_def)
    if (m->mn->def == m && m->kind == MK_OBJ && m->def.def->file && m->def.def->file->reported)
      vec_push(ctx, &ctx->object_macros, &m->def);
  return head.next;
}

Token *pp_expand_tokens(Ctx *ctx, Token *tokens) {
  PP *pp = ctx->pp;
  if (!pp || !tokens)
    return NULL;
  Token head = {0};
  Token *cur = &head, *t = tokens;
  for (; t->kind != TK_EOF; t = t->next) {
    cur = cur->next = copy_tok(pp, t);
    cur->at_bol = false;
  }
  cur->next = copy_tok(pp, t);

  jmp_buf jb;
  jmp_buf *saved_jmp = pp->quiet_jmp;
  bool saved_quiet = pp->quiet;
  int saved_depth = pp->expand_depth, saved_vlen = pp->vlen, saved_vbase = pp->vbase;
  Frame *saved_frame = pp->frame;
  pp->quiet = true;
  pp->failed = false;
  pp->quiet_jmp = &jb;
  pp->frame = NULL;
  Token *volatile result = NULL;
  if (setjmp(jb) == 0)
    result = expand_list(pp, head.next, MODE_LIST);
  pp->quiet_jmp = saved_jmp;
  pp->quiet = saved_quiet;
  pp->expand_depth = saved_depth;
  pp->vlen = saved_vlen;
  pp->vbase = saved_vbase;
  pp->frame = saved_frame;
  if (pp->failed)
    return NULL;
  return result;
}

static bool is_ident_byte(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u || c == '_' || c == '$' ||
         c >= 0x80;
}

/* Whether writing b right after a would lex differently (as clang's -E
 * printer avoids: "1" "M5", "+" "+", "L" "\"s\""). */
static bool would_merge(const Token *a, const Token *b) {
  if (!a->len || !b->len)
    return false;
  unsigned char x = (unsigned char)a->loc[a->len - 1], y = (unsigned char)b->loc[0];
  if (is_ident_byte(x) && (is_ident_byte(y) || y == '"' || (y == '\'' && !tok_is(a, "u8"))))
    return true;
  if (a->kind == TK_NUM && (y == '.' || ((y == '+' || y == '-') && strchr("eEpP", x))))
    return true;
  if (x == '.' && (y == '.' || (y >= '0' && y <= '9')))
    return true;
  if (a->kind != TK_PUNCT || b->kind != TK_PUNCT)
    return false;
  static const char pairs[] = "++--->&&||<<>>==##//*/=<=>=!=*=%=+=-=&=^=|=";
  for (size_t i = 0; pairs[i] && pairs[i + 1]; i += 2)
    if (pairs[i] == (char)x && pairs[i + 1] == (char)y)
      return true;
  return (x == '/' && y == '*') || (x == '<' && (y == '<' || y == '=')) ||
         (x == '>' && (y == '>' || y == '='));
}

void pp_dump(const Token *tok, Buf *out, bool one_line) {
  const Token *prev = NULL;
  for (; tok && tok->kind != TK_EOF; tok = tok->next) {
    if (prev) {
      if (tok->at_bol && !one_line)
        buf_putc(out, '\n');
      else if (tok->has_space || tok->at_bol || would_merge(prev, tok))
        buf_putc(out, ' ');
    }
    buf_putn(out, tok->loc, (size_t)tok->len);
    prev = tok;
  }
  if (!one_line && prev)
    buf_putc(out, '\n');
}
