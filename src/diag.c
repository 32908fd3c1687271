/* diag.c: errors and warnings in the compiler's format:
 *   file:line:col: error: message
 *   the source line
 *       ^
 * followed by a note for each macro expansion the token came out of. */
#include "internal.h"
#include <stdio.h>
#include <string.h>

/* The source line holding tok and the caret under its column. */
static void put_source_line(Buf *out, const Token *tok) {
  const SourceFile *f = tok->file;
  if (!f || !f->contents || tok->loc < f->contents || tok->loc > f->contents + f->len)
    return;
  const char *start = tok->loc;
  while (start > f->contents && start[-1] != '\n')
    start--;
  const char *end = tok->loc;
  while (end < f->contents + f->len && *end != '\n' && *end != '\r')
    end++;
  /* A NUL byte in the line would end the diagnostics string: shown as a space. */
  for (const char *p = start; p < end; p++)
    buf_putc(out, *p ? *p : ' ');
  buf_putc(out, '\n');
  for (const char *p = start; p < tok->loc; p++)
    buf_putc(out, *p == '\t' ? '\t' : ' ');
  buf_puts(out, "^\n");
}

enum { MAX_NOTES = 6 };

static void put_location(Buf *out, const Token *tok) {
  buf_printf(out, "%s:%lld:%d: ", tok->file ? tok->file->name : "<input>", tok_presumed_line(tok),
             tok->col);
}

/* Reports a diagnostic, unless the same one (place, kind and text) was
 * reported already: a rule whose pattern matches many functions says a
 * thing once. Returns whether it was reported. */
static bool report(Ctx *ctx, const Token *tok, const char *kind, const char *fmt, va_list ap) {
  Buf *out = &ctx->diag;
  if (!tok) {
    buf_printf(out, "wasmbind: %s: ", kind);
    buf_vprintf(out, fmt, ap);
    buf_putc(out, '\n');
    return true;
  }
  const Token *site = tok_use_site(tok);
  Buf head = {0};
  put_location(&head, site);
  buf_printf(&head, "%s: ", kind);
  buf_vprintf(&head, fmt, ap);
  buf_putc(&head, '\n');
  bool again = head.data && map_get(&ctx->diag_seen, head.data, (int)head.len);
  if (!again && head.data)
    map_put(ctx, &ctx->diag_seen, arena_strndup(ctx, head.data, head.len), (int)head.len, ctx);
  if (!again)
    buf_puts(out, head.data ? head.data : "");
  buf_release(&head);
  if (again)
    return false;
  put_source_line(out, site);
  /* Like clang, a deep expansion shows its first and last levels only. */
  int depth = 0, levels = 0;
  for (const Token *t = tok; t->origin; t = t->origin)
    levels++;
  for (const Token *t = tok; t->origin; t = t->origin, depth++) {
    if (levels > MAX_NOTES && depth == MAX_NOTES / 2)
      buf_printf(out, "note: (skipping %d expansions)\n", levels - MAX_NOTES);
    if (levels > MAX_NOTES && depth >= MAX_NOTES / 2 && depth < levels - MAX_NOTES / 2)
      continue;
    put_location(out, t);
    buf_printf(out, "note: expanded from macro '%s'\n", t->macro_name ? t->macro_name : "?");
    put_source_line(out, t);
  }
  return true;
}

const Token *tok_use_site(const Token *tok) {
  while (tok->origin)
    tok = tok->origin;
  return tok;
}

void diag_error(Ctx *ctx, const Token *tok, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  bool reported = report(ctx, tok, "error", fmt, ap);
  va_end(ap);
  ctx->nerrors += reported;
}

void diag_warning(Ctx *ctx, const Token *tok, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ctx->nwarnings += report(ctx, tok, "warning", fmt, ap);
  va_end(ap);
}

void diag_note(Ctx *ctx, const Token *tok, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(ctx, tok, "note", fmt, ap);
  va_end(ap);
}

void diag_error_plain(Ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(ctx, NULL, "error", fmt, ap);
  va_end(ap);
  ctx->nerrors++;
}

_Noreturn void diag_fatal(Ctx *ctx, const Token *tok, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(ctx, tok, "error", fmt, ap);
  va_end(ap);
  ctx->nerrors++;
  longjmp(*ctx->bail, 1);
}
