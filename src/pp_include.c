/* pp_include.c: finding and reading files: the include search of emcc's
 * clang (the includer's directory, -I, -isystem, the sysroot, the built-in
 * headers), virtual files before the file system, the header-name of
 * #include and __has_include, and the stack of files being read. */
#include "pp_internal.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_SYSROOT "/usr/share/emscripten/cache/sysroot"

/* ---- files ----------------------------------------------------------------- */

const char *pp_dir_of(Ctx *ctx, const char *path) {
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
 * (missing, a directory, not seekable). Only regular files: opening a FIFO
 * would wait for a writer, and a device may never end. */
static bool read_whole_file(Ctx *ctx, const char *path, const char **contents, size_t *len) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return false;
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
FileInfo *pp_open_path(PP *pp, const char *path, bool is_system, bool reported) {
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

/* ---- the include search --------------------------------------------------- */

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
FileInfo *pp_find_include(PP *pp, const char *name, bool quote, bool next, const Token *at,
                          int *found_index) {
  const char *dir;
  SourceFile *from;
  int from_index;
  includer(pp, &dir, &from, &from_index);
  *found_index = -1;
  if (name[0] == '/')
    return pp_open_path(pp, name, false, false);
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
    FileInfo *fi = pp_open_path(pp, join_path(pp->ctx, dir, name), sys, rep);
    if (fi)
      return fi;
  }
  for (int i = start; i < pp->ndirs; i++) {
    SearchDir *d = &pp->dirs[i];
    FileInfo *fi =
        d->builtin ? open_builtin(pp, name)
                   : pp_open_path(pp, join_path(pp->ctx, d->path, name), d->is_system, d->reported);
    if (fi) {
      *found_index = i;
      return fi;
    }
  }
  return NULL;
}

/* The include search of emcc's clang: -I, -isystem, <sysroot>/include/compat,
 * the built-in headers (clang's resource dir), <sysroot>/include. */
void pp_setup_search(PP *pp) {
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

/* ---- the files being read ------------------------------------------------- */

void pp_push_file(PP *pp, FileInfo *fi, int dir_index, const Token *at) {
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
  f->dir = pp_dir_of(pp->ctx, fi->file->name);
  f->cur = f->first = tokenize_file(pp->ctx, fi->file);
  pp->frame = f;
  pp->depth++;
}

/* Text that is not a file (predefined macros, the command line). */
void pp_push_text(PP *pp, const char *name, const char *text) {
  Ctx *ctx = pp->ctx;
  size_t n = strlen(text);
  SourceFile *sf = new_source_file(ctx, name, arena_strndup(ctx, text, n), n, true, false);
  FileInfo *fi = arena_alloc(ctx, sizeof(FileInfo));
  fi->path = name;
  fi->file = sf;
  pp_push_file(pp, fi, -1, NULL);
  pp->frame->dir = "";
}

void pp_pop_frame(PP *pp) {
  Frame *f = pp->frame;
  while (pp->nconds > f->cond_base) {
    Cond *c = &pp->conds[--pp->nconds];
    pp_error(pp, c->tok, "unterminated conditional directive");
  }
  pp->frame = f->parent;
  pp->depth--;
}

/* ---- header names --------------------------------------------------------- */

/* Whether t ends the tokens of a <header-name>. */
static bool ends_angled(const Token *t) {
  return t->at_bol || t->kind == TK_EOF || tok_is(t, ">");
}

/* The spelling of the tokens after the '<' at lt, up to what ends them (*gt),
 * with a space where the source had one. */
static char *angled_name(Ctx *ctx, const Token *lt, Token **gt) {
  size_t n = 0;
  Token *t = lt->next;
  for (; !ends_angled(t); t = t->next)
    n += (size_t)t->len + 1;
  char *name = arena_alloc(ctx, n + 1);
  n = 0;
  for (Token *u = lt->next; u != t; u = u->next) {
    if (u != lt->next && u->has_space)
      name[n++] = ' ';
    memcpy(name + n, u->loc, (size_t)u->len);
    n += (size_t)u->len;
  }
  name[n] = '\0';
  *gt = t;
  return name;
}

/* A copy of the tokens from tok to the end of the line (or to the ')' that
 * closes __has_include's operand: in_parens), ending in TK_EOF; *rest: what
 * ended them. NULL when there are none. */
static Token *copy_operand(PP *pp, Token *tok, Token **rest, bool in_parens) {
  Token head = {0};
  Token *cur = &head, *last = tok, *t = tok;
  int depth = 0;
  for (; !t->at_bol && t->kind != TK_EOF; t = t->next) {
    if (in_parens && tok_is(t, "("))
      depth++;
    else if (in_parens && tok_is(t, ")") && depth-- == 0)
      break;
    cur = cur->next = pp_copy_tok(pp, t);
    cur->at_bol = false;
    last = t;
  }
  *rest = t;
  if (cur == &head)
    return NULL;
  cur->next = pp_new_eof(pp, last);
  return head.next;
}

/* A computed header name: the tokens at tok macro-expanded, then read as
 * "file" or <file>. */
static char *computed_header_name(PP *pp, Token *tok, Token **rest, bool *quote, bool in_parens) {
  Token *operand = copy_operand(pp, tok, rest, in_parens);
  Token *e = operand ? pp_expand_list(pp, operand, MODE_LIST) : NULL;
  if (e && e->kind == TK_STR && e->loc[0] == '"') {
    *quote = true;
    if (e->next->kind != TK_EOF && !in_parens)
      pp_warning(pp, e->next, "extra tokens at end of #include directive");
    return arena_strndup(pp->ctx, e->loc + 1, (size_t)e->len - 2);
  }
  if (e && tok_is(e, "<")) {
    Token *gt;
    char *name = angled_name(pp->ctx, e, &gt);
    if (gt->kind == TK_EOF) {
      pp_error(pp, tok, "expected '>'");
      return NULL;
    }
    *quote = false;
    return name;
  }
  pp_error(pp, tok, "expected \"FILENAME\" or <FILENAME>");
  return NULL;
}

/* header-name in __has_include(...) or #include: "file" or <file>, else the
 * macro-expanded tokens up to the end (a ')' at depth 0 for __has_include,
 * the end of the line for #include). Returns the name (NULL after an error)
 * and *quote; *rest follows the header name. */
char *pp_read_header_name(PP *pp, Token *tok, Token **rest, bool *quote, bool in_parens) {
  if (!tok->at_bol && tok->kind == TK_STR && tok->loc[0] == '"') {
    *quote = true;
    *rest = tok->next;
    return arena_strndup(pp->ctx, tok->loc + 1, (size_t)tok->len - 2);
  }
  if (tok->at_bol || !tok_is(tok, "<"))
    return computed_header_name(pp, tok, rest, quote, in_parens);
  Token *gt;
  char *name = angled_name(pp->ctx, tok, &gt);
  if (!tok_is(gt, ">")) {
    pp_error(pp, tok, "expected '>'");
    *rest = gt;
    return NULL;
  }
  *quote = false;
  *rest = gt->next;
  return name;
}
