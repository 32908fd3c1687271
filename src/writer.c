/* writer.c: generated source written a line at a time, with the indentation
 * owned by the writer (as cbindgen's SourceWriter does): callers never write
 * leading spaces, they open and close blocks. A section written on its own
 * (a wrapper's checks, its cleanup) is placed into another writer at that
 * writer's depth with wr_text(). */
#include "internal.h"
#include <string.h>

static void put_indent(Writer *w) {
  for (int i = 0; i < w->depth; i++)
    buf_puts(w->out, "  ");
}

void wr_vline(Writer *w, const char *fmt, va_list ap) {
  put_indent(w);
  buf_vprintf(w->out, fmt, ap);
  buf_putc(w->out, '\n');
}

void wr_line(Writer *w, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  wr_vline(w, fmt, ap);
  va_end(ap);
}

void wr_open(Writer *w, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  wr_vline(w, fmt, ap);
  va_end(ap);
  w->depth++;
}

void wr_close(Writer *w, const char *fmt, ...) {
  va_list ap;
  w->depth--;
  va_start(ap, fmt);
  wr_vline(w, fmt, ap);
  va_end(ap);
}

void wr_text(Writer *w, const char *text) {
  for (const char *line = text ? text : ""; *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    if (n)
      put_indent(w);
    buf_putn(w->out, line, n);
    buf_putc(w->out, '\n');
    line += nl ? n + 1 : n;
  }
}
