/* ppdump: prints the preprocessed tokens of a header, one source line per
 * line, for comparing wasmbind's preprocessor with clang's (compare_clang.sh,
 * difftest.py). Not part of the generator. Build:
 *   make build/wasmbind_h.c
 *   cc -std=c11 -O2 -Isrc -o build/ppdump tests/pp/ppdump.c src/tokenize.c \
 *     src/preprocess.c src/pp_*.c src/literal.c src/builtin_headers.c \
 *     src/target.c src/arena.c src/buf.c src/diag.c src/map.c build/wasmbind_h.c
 * Usage: ppdump HEADER [-I DIR | -IDIR] [-isystem DIR] [-D X[=V]] [-U X]
 *                      [-include FILE] [--sysroot=DIR] [-q]
 * Diagnostics go to stderr; exit status 1 when there were errors. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_OPTS = 64 };

typedef struct {
  Ctx ctx;
  jmp_buf bail;
  Buf out;
  WbOptions opts;
  const char *incs[MAX_OPTS], *sys[MAX_OPTS];
  WbCppOption cpp[MAX_OPTS];
  bool quiet;
} Run;

/* The value of an option written as "-Xvalue" or "-X value". */
static const char *opt_value(int argc, char **argv, int *i, const char *flag) {
  size_t n = strlen(flag);
  if (argv[*i][n])
    return argv[*i] + n;
  return *i + 1 < argc ? argv[++*i] : "";
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: ppdump HEADER [cpp options] [-q]\n");
    return 2;
  }
  Run *r = calloc(1, sizeof *r);
  if (!r)
    return 2;
  WbOptions *o = &r->opts;
  o->header_path = argv[1];
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-q") == 0)
      r->quiet = true;
    else if (strncmp(a, "-isystem", 8) == 0 && o->n_system_dirs < MAX_OPTS)
      r->sys[o->n_system_dirs++] = opt_value(argc, argv, &i, "-isystem");
    else if (strncmp(a, "-include", 8) == 0 && o->n_cpp < MAX_OPTS)
      r->cpp[o->n_cpp++] = (WbCppOption){WB_CPP_INCLUDE, opt_value(argc, argv, &i, "-include")};
    else if (strncmp(a, "-I", 2) == 0 && o->n_include_dirs < MAX_OPTS)
      r->incs[o->n_include_dirs++] = opt_value(argc, argv, &i, "-I");
    else if (strncmp(a, "-D", 2) == 0 && o->n_cpp < MAX_OPTS)
      r->cpp[o->n_cpp++] = (WbCppOption){WB_CPP_DEFINE, opt_value(argc, argv, &i, "-D")};
    else if (strncmp(a, "-U", 2) == 0 && o->n_cpp < MAX_OPTS)
      r->cpp[o->n_cpp++] = (WbCppOption){WB_CPP_UNDEF, opt_value(argc, argv, &i, "-U")};
    else if (strncmp(a, "--sysroot=", 10) == 0)
      o->sysroot = a + 10;
  }
  o->include_dirs = r->incs;
  o->system_dirs = r->sys;
  o->cpp = r->cpp;
  r->ctx.opts = o;
  r->ctx.arena_limit = (size_t)1 << 30;
  r->ctx.bail = &r->bail;
  if (setjmp(r->bail) == 0) {
    Token *tok = pp_run(&r->ctx);
    if (!r->quiet)
      pp_dump(tok, &r->out, false);
  }
  if (r->out.data)
    fputs(r->out.data, stdout);
  if (r->ctx.diag.data)
    fputs(r->ctx.diag.data, stderr);
  int status = r->ctx.nerrors ? 1 : 0;
  buf_release(&r->out);
  buf_release(&r->ctx.diag);
  arena_free(&r->ctx.arena);
  free(r);
  return status;
}
