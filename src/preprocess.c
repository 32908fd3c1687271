/* preprocess.c: the C preprocessor's entry (C11 6.10, with the GNU and clang
 * extensions real headers use), as clang does it for wasm32-unknown-emscripten.
 *
 * pp_run() reads the target's predefined macros, the command line options
 * (-D, -U, -include) and then the header, and returns the fully expanded
 * token list the parser reads. Files are tokenized whole (tokenize.c) and
 * walked through an include stack of frames (pp_include.c); a directive is
 * run where it stands (pp_directive.c, #if expressions in pp_if.c); a macro's
 * expansion is spliced in front of the remaining tokens and rescanned in place
 * (pp_expand.c, built-in macros in pp_builtin.c). Tokens made by an expansion
 * carry origin = the macro's name where it was used, so diagnostics point at
 * the use site with "expanded from macro" notes.
 *
 * This file holds the run, the diagnostics and token helpers the others share,
 * and pp_dump(). The limits that turn pathological input into a located error
 * are in pp_internal.h. */
#include "pp_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void pp_error(PP *pp, const Token *tok, const char *fmt, ...) {
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

void pp_warning(PP *pp, const Token *tok, const char *fmt, ...) {
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

_Noreturn void pp_fatal(PP *pp, const Token *tok, const char *fmt, ...) {
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

Token *pp_copy_tok(PP *pp, const Token *src) {
  Token *t = alloc_tok(pp);
  *t = *src;
  t->next = NULL;
  return t;
}

/* A token like model with another kind and spelling. */
Token *pp_tok_like(PP *pp, const Token *model, TokenKind kind, const char *loc, int len) {
  Token *t = pp_copy_tok(pp, model);
  t->kind = kind;
  t->loc = loc;
  t->len = len;
  return t;
}

/* An end of list after `last` (located just past it). */
Token *pp_new_eof(PP *pp, const Token *last) {
  Token *t = pp_copy_tok(pp, last);
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
bool pp_is_directive_hash(const Token *t) {
  return t->at_bol && !t->hideset && tok_is(t, "#");
}

Token *pp_skip_line(Token *tok) {
  while (!tok->at_bol)
    tok = tok->next;
  return tok;
}

/* Warns about tokens left on a directive's line; returns the next line. */
Token *pp_end_of_directive(PP *pp, Token *tok, const char *name) {
  if (!tok->at_bol) {
    pp_warning(pp, tok, "extra tokens at end of #%s directive", name);
    tok = pp_skip_line(tok);
  }
  return tok;
}

/* The text of a string literal token without prefix and quotes, with \\ and
 * \" undone (_Pragma's destringizing). */
char *pp_destringize(Ctx *ctx, const Token *t) {
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

static bool quote_of_unterminated(const Token *t, char *q) {
  if (!tok_is_unterminated(t))
    return false;
  const char *p = t->loc;
  while (*p != '"' && *p != '\'' && p < t->loc + t->len)
    p++;
  *q = *p == '"' ? '"' : '\'';
  return true;
}

/* ---- the run -------------------------------------------------------------- */

/* Reads every frame to its end, appending the output tokens at *tail. */
static void process(PP *pp, Token **tail) {
  while (pp->frame) {
    Frame *f = pp->frame;
    Token *tok = f->cur;
    if (tok->kind == TK_EOF) {
      pp_pop_frame(pp);
      continue;
    }
    if (f->line_delta)
      tok->line_delta = f->line_delta;
    if (pp_is_directive_hash(tok)) {
      Token *next = pp_directive(pp, tok);
      f->cur = next;
      continue;
    }
    if (tok->kind == TK_IDENT) {
      MacroName *mn = pp_expandable(pp, tok);
      Token *rest;
      int r = mn ? pp_expand_macro(pp, &rest, tok, mn, MODE_TOP) : NOT_EXPANDED;
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
  pp_define_builtins(pp);
  return pp;
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
  pp_setup_search(pp);
  const char *path = ctx->opts->header_path ? ctx->opts->header_path : "";
  pp->main_dir = pp_dir_of(ctx, path);

  Token head = {0};
  Token *tail = &head;
  pp_push_text(pp, "<built-in>",
               arena_printf(ctx, "%s#define __WASMBIND__ 1\n", target_predefined_macros));
  process(pp, &tail);

  FileInfo *main = pp_open_path(pp, path, false, true);
  if (main) {
    main->file->is_system = false;
    main->file->reported = true;
    pp->main_file = main->file;
  }
  pp_push_text(pp, "<command line>", command_line_text(ctx));
  process(pp, &tail);

  Token *eof;
  if (!main) {
    diag_error_plain(ctx, "cannot open '%s'", path);
    eof = &pp->empty_eof;
  } else {
    pp_push_file(pp, main, -1, NULL);
    Token *t = pp->frame->first;
    while (t->kind != TK_EOF)
      t = t->next; /* the main file's end, for the final token */
    eof = t;
    process(pp, &tail);
  }
  Token *end = pp_copy_tok(pp, eof);
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
    cur = cur->next = pp_copy_tok(pp, t);
    cur->at_bol = false;
  }
  cur->next = pp_copy_tok(pp, t);

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
    result = pp_expand_list(pp, head.next, MODE_LIST);
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
