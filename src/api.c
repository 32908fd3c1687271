/* api.c: wb_generate(), the run-time mode's entry: one run of the generator
 * from texts packed by JS (web/wasmbind.mjs), with no file system. It only
 * unpacks them into WbOptions and calls wb_run(). */
#include "wasmbind.h"
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
static WbResult *usage_error(const char *what, const char *arg) {
  WbResult *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  size_t n = strlen(what) + strlen(arg) + 32;
  r->diagnostics = malloc(n);
  if (r->diagnostics)
    snprintf(r->diagnostics, n, "wasmbind: error: %s '%s'\n", what, arg);
  r->status = 1;
  return r;
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
  const char **dirs = malloc(sizeof(char *) * (size_t)max_args);
  const char **sys = malloc(sizeof(char *) * (size_t)max_args);
  WbCppOption *cpp = malloc(sizeof(WbCppOption) * (size_t)max_args);
  WbResult *res = NULL;
  if (!file_parts || !argv || !vfiles || !dirs || !sys || !cpp)
    goto done;

  WbOptions o = {0};
  o.header_path = header_name;
  o.no_file_system = true;
  o.exports_format = WB_EXPORTS_EMCC;
  int nparts = unpack(files, files_len, file_parts, max_files);
  for (int i = 0; i + 1 < nparts; i += 2)
    vfiles[o.n_files++] =
        (WbVirtualFile){file_parts[i], file_parts[i + 1], strlen(file_parts[i + 1])};
  o.files = vfiles;

  int nargs = unpack(args, args_len, argv, max_args), ndirs = 0, nsys = 0, ncpp = 0;
  for (int i = 0; i < nargs; i++) {
    const char *a = argv[i];
    const char *value = i + 1 < nargs ? argv[i + 1] : NULL;
    bool takes_value = !strcmp(a, "-I") || !strcmp(a, "-isystem") || !strcmp(a, "-D") ||
                       !strcmp(a, "-U") || !strcmp(a, "-include") || !strcmp(a, "--sysroot") ||
                       !strcmp(a, "--format") || !strcmp(a, "--module") ||
                       !strcmp(a, "--wasm-file");
    if (takes_value && !value) {
      res = usage_error("missing the value of", a);
      goto done;
    }
    if (!strcmp(a, "--strict")) {
      o.strict = true;
      continue;
    }
    if (!takes_value) {
      res = usage_error("unknown option", a);
      goto done;
    }
    i++;
    if (!strcmp(a, "-I"))
      dirs[ndirs++] = value;
    else if (!strcmp(a, "-isystem"))
      sys[nsys++] = value;
    else if (!strcmp(a, "-D"))
      cpp[ncpp++] = (WbCppOption){WB_CPP_DEFINE, value};
    else if (!strcmp(a, "-U"))
      cpp[ncpp++] = (WbCppOption){WB_CPP_UNDEF, value};
    else if (!strcmp(a, "-include"))
      cpp[ncpp++] = (WbCppOption){WB_CPP_INCLUDE, value};
    else if (!strcmp(a, "--sysroot"))
      o.sysroot = value;
    else if (!strcmp(a, "--module"))
      o.module_name = value;
    else if (!strcmp(a, "--wasm-file"))
      o.wasm_file = value;
    else if (!strcmp(value, "emcc") || !strcmp(value, "ld") || !strcmp(value, "list"))
      o.exports_format = !strcmp(value, "emcc") ? WB_EXPORTS_EMCC
                         : !strcmp(value, "ld") ? WB_EXPORTS_LD
                                                : WB_EXPORTS_LIST;
    else {
      res = usage_error("unknown --format", value);
      goto done;
    }
  }
  o.include_dirs = dirs;
  o.n_include_dirs = ndirs;
  o.system_dirs = sys;
  o.n_system_dirs = nsys;
  o.cpp = cpp;
  o.n_cpp = ncpp;
  o.rules = rules;
  o.rules_len = rules ? rules_len : 0;
  o.rules_name = "rules";
  o.wasm = wasm;
  o.wasm_len = wasm ? wasm_len : 0;
  res = wb_run(&o, want);

done:
  free(file_parts);
  free(argv);
  free(vfiles);
  free(dirs);
  free(sys);
  free(cpp);
  return res;
}
