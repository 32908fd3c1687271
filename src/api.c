/* api.c: wb_generate(), the run-time mode's entry: one run of the generator
 * from texts packed by JS (web/wasmbind.mjs), with no file system. It unpacks
 * them, parses the options as the command line does (options.c) and calls
 * wb_run(). */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Strings packed as S \0 S \0 ...; `out` gets pointers into `packed`. */
static int unpack(const char *packed, size_t len, const char **out, int max) {
  int n = 0;
  for (size_t i = 0; i < len && n < max;) {
    const char *s = packed + i;
    const char *nul = memchr(s, '\0', len - i);
    out[n++] = s;
    i = nul ? (size_t)(nul - packed) + 1 : len;
  }
  return n;
}

/* A result that only reports a problem with the arguments. */
static WbResult *usage_error(const char *what) {
  WbResult *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  size_t n = strlen(what) + 32;
  r->diagnostics = malloc(n);
  if (r->diagnostics)
    snprintf(r->diagnostics, n, "wasmbind: error: %s\n", what);
  r->status = 1;
  return r;
}

/* The generated module is named after the header: its base name without
 * ".h" ("include/demo.h" is "demo"), unless --module names it. */
static bool name_module(Options *o, const char *header_name) {
  const char *slash = strrchr(header_name, '/');
  const char *base = slash ? slash + 1 : header_name;
  size_t n = strlen(base);
  char *module = malloc(n + 1);
  if (!module)
    return false;
  if (n >= 2 && strcmp(base + n - 2, ".h") == 0)
    n -= 2;
  memcpy(module, base, n);
  module[n] = '\0';
  bool ok = options_name_module(o, module);
  free(module);
  return ok;
}

/* The run itself, once the options are parsed. */
static WbResult *generate(Options *o, const char *header_name, const WbVirtualFile *files,
                          int nfiles, unsigned want) {
  if (!name_module(o, header_name))
    return usage_error("out of memory");
  WbOptions *w = &o->opts;
  w->header_path = header_name;
  w->no_file_system = true;
  w->files = files;
  w->n_files = nfiles;
  w->rules_name = "rules";
  return wb_run(w, want);
}

WbResult *wb_generate(const char *header_name, const char *files, size_t files_len,
                      const char *args, size_t args_len, const char *rules, size_t rules_len,
                      const unsigned char *wasm, size_t wasm_len, unsigned want) {
  /* Texts arrive as one block whose last byte is the final NUL; the packed
   * lists are at most one entry per two bytes. */
  int max_files = (int)(files_len / 2 + 1), max_args = (int)(args_len / 2 + 1);
  const char **file_parts = malloc(sizeof(char *) * (size_t)max_files);
  const char **argv = malloc(sizeof(char *) * (size_t)max_args);
  WbVirtualFile *vfiles = malloc(sizeof(WbVirtualFile) * (size_t)(max_files / 2 + 1));
  WbResult *res = NULL;
  if (file_parts && argv && vfiles) {
    int nparts = unpack(files, files_len, file_parts, max_files), nfiles = 0;
    for (int i = 0; i + 1 < nparts; i += 2)
      vfiles[nfiles++] =
          (WbVirtualFile){file_parts[i], file_parts[i + 1], strlen(file_parts[i + 1])};
    Options o;
    if (!options_parse(&o, unpack(args, args_len, argv, max_args), argv, false)) {
      res = usage_error(o.error);
    } else {
      o.opts.rules = rules;
      o.opts.rules_len = rules ? rules_len : 0;
      o.opts.wasm = wasm;
      o.opts.wasm_len = wasm ? wasm_len : 0;
      res = generate(&o, header_name, vfiles, nfiles, want);
    }
    options_free(&o);
  }
  free(file_parts);
  free(argv);
  free(vfiles);
  return res;
}
