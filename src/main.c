/* main.c: the command line. Parses arguments into WbOptions, runs the
 * generator once and writes its results. The only file that exits. */
#include "internal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: wasmbind COMMAND HEADER [options] [cpp options]\n"
    "\n"
    "commands:\n"
    "  gen HEADER -o OUT.js [--wasm FILE] [--rules FILE] [--strict]\n"
    "                       write OUT.js (ES module) and OUT.d.ts\n"
    "  ir HEADER            print the header's declarations as JSON (wasmbind-ir/1)\n"
    "  exports HEADER [--format emcc|ld|list] [--rules FILE]\n"
    "                       print the functions to export (emcc: -sEXPORTED_FUNCTIONS value)\n"
    "  check HEADER FILE.wasm\n"
    "                       check that FILE.wasm exports every declared function\n"
    "                       with the signature the header implies\n"
    "\n"
    "cpp options: -I DIR, -isystem DIR, -D NAME[=VALUE], -U NAME, -include FILE,\n"
    "             --sysroot DIR (libc headers; default: Emscripten's when installed)\n"
    "other: --help, --version\n"
    "\n"
    "exit status: 0 success, 1 errors in the input, 2 bad usage\n";

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct {
  const char *command;
  const char *header;
  const char *out;
  const char *wasm_path;
  const char *rules_path;
  const char *format;
  bool strict;
  const char **include_dirs, **system_dirs;
  int n_include, n_system;
  WbCppOption *cpp;
  int n_cpp;
  const char *sysroot;
} Args;

static _Noreturn void die_usage(const char *fmt, const char *arg) {
  fprintf(stderr, "wasmbind: error: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n(see wasmbind --help)\n");
  exit(EXIT_USAGE);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fprintf(stderr, "wasmbind: error: out of memory\n");
    exit(EXIT_INPUT);
  }
  return p;
}

/* The value of an option: "-I DIR", "-IDIR" or "--opt=VALUE". */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (arg[n] == '=' && name[1] == '-')
    return arg + n + 1;
  if (arg[n] && name[1] != '-')
    return arg + n;
  if (*i + 1 >= argc)
    die_usage("option '%s' needs a value", name);
  return argv[++*i];
}

static bool starts_with_option(const char *arg, const char *name) {
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0)
    return false;
  if (name[1] == '-') /* long options: exact or --opt=value */
    return arg[n] == '\0' || arg[n] == '=';
  return true;
}

static void parse_args(int argc, char **argv, Args *a) {
  a->include_dirs = xmalloc(sizeof(char *) * (size_t)argc);
  a->system_dirs = xmalloc(sizeof(char *) * (size_t)argc);
  a->cpp = xmalloc(sizeof(WbCppOption) * (size_t)argc);
  a->command = argv[1];
  const char *positional[2] = {0};
  int npositional = 0;
  for (int i = 2; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "-o") == 0)
      a->out = option_value(argc, argv, &i, "-o");
    else if (starts_with_option(arg, "--wasm"))
      a->wasm_path = option_value(argc, argv, &i, "--wasm");
    else if (starts_with_option(arg, "--rules"))
      a->rules_path = option_value(argc, argv, &i, "--rules");
    else if (starts_with_option(arg, "--format"))
      a->format = option_value(argc, argv, &i, "--format");
    else if (starts_with_option(arg, "--sysroot"))
      a->sysroot = option_value(argc, argv, &i, "--sysroot");
    else if (strcmp(arg, "--strict") == 0)
      a->strict = true;
    else if (strcmp(arg, "-isystem") == 0)
      a->system_dirs[a->n_system++] = option_value(argc, argv, &i, "-isystem");
    else if (strcmp(arg, "-include") == 0)
      a->cpp[a->n_cpp++] = (WbCppOption){WB_CPP_INCLUDE, option_value(argc, argv, &i, "-include")};
    else if (starts_with_option(arg, "-I"))
      a->include_dirs[a->n_include++] = option_value(argc, argv, &i, "-I");
    else if (starts_with_option(arg, "-D"))
      a->cpp[a->n_cpp++] = (WbCppOption){WB_CPP_DEFINE, option_value(argc, argv, &i, "-D")};
    else if (starts_with_option(arg, "-U"))
      a->cpp[a->n_cpp++] = (WbCppOption){WB_CPP_UNDEF, option_value(argc, argv, &i, "-U")};
    else if (arg[0] == '-' && arg[1])
      die_usage("unknown option '%s'", arg);
    else if (npositional < 2)
      positional[npositional++] = arg;
    else
      die_usage("unexpected argument '%s'", arg);
  }
  a->header = positional[0];
  if (!a->header)
    die_usage("%s needs a HEADER", a->command);
  bool is_check = strcmp(a->command, "check") == 0;
  if (is_check) {
    if (!positional[1])
      die_usage("%s needs a FILE.wasm after the header", a->command);
    a->wasm_path = positional[1];
  } else if (positional[1]) {
    die_usage("unexpected argument '%s'", positional[1]);
  }
  if (strcmp(a->command, "gen") == 0 && !a->out)
    die_usage("%s needs -o OUT.js", a->command);
}

/* Reads a whole file; NULL with errno set on failure. Caller frees. */
static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  unsigned char *data = xmalloc(cap);
  size_t got;
  while ((got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *bigger = realloc(data, cap *= 2);
      if (!bigger) {
        free(data);
        fclose(f);
        errno = ENOMEM;
        return NULL;
      }
      data = bigger;
    }
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(data);
    errno = EIO;
    return NULL;
  }
  *len = n;
  return data;
}

static bool write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "wasmbind: error: cannot write '%s': %s\n", path, strerror(errno));
    return false;
  }
  size_t n = strlen(text);
  bool ok = fwrite(text, 1, n, f) == n;
  ok = fclose(f) == 0 && ok;
  if (!ok)
    fprintf(stderr, "wasmbind: error: cannot write '%s'\n", path);
  return ok;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* "dir/name.js" -> "name" (the generated module's name). */
static char *stem(const char *path) {
  const char *base = base_name(path);
  const char *dot = strrchr(base, '.');
  size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  char *s = xmalloc(n + 1);
  memcpy(s, base, n);
  s[n] = '\0';
  return s;
}

/* OUT.js -> OUT.d.ts (OUT.mjs -> OUT.d.mts). */
static char *dts_path(const char *out) {
  size_t n = strlen(out);
  char *p = xmalloc(n + 8);
  if (n > 4 && strcmp(out + n - 4, ".mjs") == 0)
    sprintf(p, "%.*s.d.mts", (int)(n - 4), out);
  else if (n > 3 && strcmp(out + n - 3, ".js") == 0)
    sprintf(p, "%.*s.d.ts", (int)(n - 3), out);
  else
    sprintf(p, "%s.d.ts", out);
  return p;
}

static int run_wasm_info(const char *path) {
  size_t len = 0;
  unsigned char *bytes = read_file(path, &len);
  if (!bytes) {
    fprintf(stderr, "wasmbind: error: cannot read '%s': %s\n", path, strerror(errno));
    return EXIT_INPUT;
  }
  WbResult *res = wb_wasm_info(bytes, len);
  free(bytes);
  if (!res) {
    fprintf(stderr, "wasmbind: error: out of memory\n");
    return EXIT_INPUT;
  }
  fputs(res->diagnostics, stderr);
  if (res->text)
    fputs(res->text, stdout);
  int status = res->status;
  wb_result_free(res);
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(usage, stdout);
    return 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("wasmbind %s\n", WASMBIND_VERSION);
    return 0;
  }
  if (strcmp(argv[1], "wasm-info") == 0 && argc == 3) /* debugging aid, used by tests */
    return run_wasm_info(argv[2]);

  static const struct {
    const char *name;
    unsigned want;
  } commands[] = {{"gen", WB_WANT_JS},
                  {"ir", WB_WANT_IR},
                  {"exports", WB_WANT_EXPORTS},
                  {"check", WB_WANT_CHECK}};
  unsigned want = 0;
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0)
      want = commands[i].want;
  if (!want)
    die_usage("unknown command '%s'", argv[1]);

  Args a = {0};
  parse_args(argc, argv, &a);

  WbOptions opts = {0};
  opts.header_path = a.header;
  opts.include_dirs = a.include_dirs;
  opts.n_include_dirs = a.n_include;
  opts.system_dirs = a.system_dirs;
  opts.n_system_dirs = a.n_system;
  opts.cpp = a.cpp;
  opts.n_cpp = a.n_cpp;
  opts.sysroot = a.sysroot;
  opts.strict = a.strict;
  opts.exports_format = WB_EXPORTS_EMCC;
  if (a.format) {
    if (strcmp(a.format, "emcc") == 0)
      opts.exports_format = WB_EXPORTS_EMCC;
    else if (strcmp(a.format, "ld") == 0)
      opts.exports_format = WB_EXPORTS_LD;
    else if (strcmp(a.format, "list") == 0)
      opts.exports_format = WB_EXPORTS_LIST;
    else
      die_usage("unknown --format '%s' (emcc, ld or list)", a.format);
  }

  unsigned char *rules = NULL;
  if (a.rules_path) {
    rules = read_file(a.rules_path, &opts.rules_len);
    if (!rules) {
      fprintf(stderr, "wasmbind: error: cannot read '%s': %s\n", a.rules_path, strerror(errno));
      return EXIT_INPUT;
    }
    opts.rules = (const char *)rules;
    opts.rules_name = a.rules_path;
  }
  unsigned char *wasm = NULL;
  if (a.wasm_path) {
    wasm = read_file(a.wasm_path, &opts.wasm_len);
    if (!wasm) {
      fprintf(stderr, "wasmbind: error: cannot read '%s': %s\n", a.wasm_path, strerror(errno));
      return EXIT_INPUT;
    }
    opts.wasm = wasm;
    opts.wasm_file = a.wasm_path; /* named in check's messages; gen sets its own below */
  }
  char *module_name = NULL, *wasm_file = NULL;
  if (a.out) {
    module_name = stem(a.out);
    if (a.wasm_path) {
      wasm_file = xmalloc(strlen(a.wasm_path) + 1);
      strcpy(wasm_file, base_name(a.wasm_path));
    } else {
      wasm_file = xmalloc(strlen(module_name) + 6);
      sprintf(wasm_file, "%s.wasm", module_name);
    }
    opts.module_name = module_name;
    opts.wasm_file = wasm_file;
  }

  WbResult *res = wb_run(&opts, want);
  if (!res) {
    fprintf(stderr, "wasmbind: error: out of memory\n");
    return EXIT_INPUT;
  }
  fputs(res->diagnostics, stderr);
  int status = res->status;
  if (status == 0) {
    if (res->ir)
      fputs(res->ir, stdout);
    if (res->js) {
      char *dts = dts_path(a.out);
      if (!write_file(a.out, res->js) || !write_file(dts, res->dts))
        status = EXIT_INPUT;
      free(dts);
    }
  }
  if (res->text)
    fputs(res->text, stdout);
  wb_result_free(res);
  free(wasm);
  free(rules);
  free(module_name);
  free(wasm_file);
  free(a.include_dirs);
  free(a.system_dirs);
  free(a.cpp);
  return status;
}
