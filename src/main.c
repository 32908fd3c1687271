/* main.c: the command line. Parses arguments (options.c) into WbOptions,
 * runs the generator once and writes its results. The only file that exits. */
#include "internal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: wasmbind COMMAND HEADER [options] [cpp options]\n"
    "\n"
    "commands:\n"
    "  gen HEADER -o OUT.js [--wasm FILE] [--rules FILE] [--strict]\n"
    "                       write OUT.js (ES module) and OUT.d.ts\n"
    "                       [--module NAME] [--wasm-file NAME]: the module's name\n"
    "                       (default: OUT) and the .wasm its load() fetches\n"
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
    "An option's value may also be joined to it: -IDIR, --sysroot=DIR.\n"
    "\n"
    "exit status: 0 success, 1 errors in the input, 2 bad usage\n";

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* The largest inputs read (docs/DESIGN.md, "Command line"): far above real
 * ones (SQLite's amalgamation header is 0.6 MiB, its .wasm 1.5 MiB), low
 * enough that a wrong file fails at once instead of filling memory. */
#define MAX_WASM_BYTES ((size_t)256 << 20)
#define MAX_TEXT_BYTES ((size_t)16 << 20) /* a header or a rules file */

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

/* Why path cannot be an input of at most limit bytes, given its status
 * (NULL when it can): only regular files, which cannot block or be endless. */
static const char *unreadable_reason(const struct stat *st, size_t limit, char *why, size_t n) {
  if (S_ISDIR(st->st_mode))
    return "is a directory, not a file";
  if (!S_ISREG(st->st_mode))
    return "not a regular file (a device, a pipe or a socket)";
  if ((unsigned long long)st->st_size > limit) {
    snprintf(why, n, "%lld bytes: larger than the limit of %zu MiB", (long long)st->st_size,
             limit >> 20);
    return why;
  }
  return NULL;
}

/* Opens path, a regular file of at most limit bytes, and sets *st; -1 with
 * *reason set when it cannot. Checked before opening (the wasm build's open()
 * ignores O_NONBLOCK, and a FIFO would wait for a writer) and once open (no
 * race with a rename). */
static int open_input(const char *path, size_t limit, struct stat *st, const char **reason,
                      char *why, size_t n) {
  if (stat(path, st) != 0) {
    *reason = strerror(errno);
    return -1;
  }
  if ((*reason = unreadable_reason(st, limit, why, n)))
    return -1;
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0 || fstat(fd, st) != 0)
    *reason = strerror(errno);
  else
    *reason = unreadable_reason(st, limit, why, n);
  if (*reason && fd >= 0) {
    close(fd);
    fd = -1;
  }
  return fd;
}

/* Reads the whole regular file at path, at most limit bytes. NULL on failure
 * with the message printed. Caller frees. */
static unsigned char *read_file(const char *path, size_t limit, size_t *len) {
  char why[128];
  const char *reason;
  struct stat st;
  int fd = open_input(path, limit, &st, &reason, why, sizeof why);
  unsigned char *data = fd < 0 ? NULL : xmalloc((size_t)st.st_size + 1);
  size_t n = 0;
  while (data && n < (size_t)st.st_size) {
    ssize_t got = read(fd, data + n, (size_t)st.st_size - n);
    if (got == 0)
      break; /* shrunk while reading: what is there */
    if (got < 0 && errno != EINTR) {
      reason = strerror(errno);
      free(data);
      data = NULL;
    }
    n += got > 0 ? (size_t)got : 0;
  }
  if (fd >= 0)
    close(fd);
  if (!data)
    fprintf(stderr, "wasmbind: error: %s: %s\n", path, reason);
  *len = n;
  return data;
}

/* Exits when the header cannot be an input; a missing one is left to the
 * preprocessor, which reports it. */
static void check_header(const char *path) {
  struct stat st;
  char why[128];
  const char *reason;
  if (stat(path, &st) == 0 && (reason = unreadable_reason(&st, MAX_TEXT_BYTES, why, sizeof why))) {
    fprintf(stderr, "wasmbind: error: %s: %s\n", path, reason);
    exit(EXIT_INPUT);
  }
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
  unsigned char *bytes = read_file(path, MAX_WASM_BYTES, &len);
  if (!bytes)
    return EXIT_INPUT;
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

/* The results wb_run() makes for a command; 0 when there is no such command. */
static unsigned command_want(const char *command) {
  static const struct {
    const char *name;
    unsigned want;
  } commands[] = {{"gen", WB_WANT_JS},
                  {"ir", WB_WANT_IR},
                  {"exports", WB_WANT_EXPORTS},
                  {"check", WB_WANT_CHECK}};
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(command, commands[i].name) == 0)
      return commands[i].want;
  return 0;
}

/* The options of `command`, and its HEADER (and check's FILE.wasm). */
static void parse_args(const char *command, int argc, char **argv, Options *o) {
  if (!options_parse(o, argc, (const char *const *)argv, true))
    die_usage("%s", o->error);
  o->opts.header_path = o->positional[0];
  if (!o->opts.header_path)
    die_usage("%s needs a HEADER", command);
  if (strcmp(command, "check") == 0) {
    if (!o->positional[1])
      die_usage("%s needs a FILE.wasm after the header", command);
    o->wasm_path = o->positional[1];
  } else if (o->positional[1]) {
    die_usage("unexpected argument '%s'", o->positional[1]);
  }
  if (strcmp(command, "gen") == 0 && !o->out)
    die_usage("%s needs -o OUT.js", command);
}

/* Reads a file an option names into *data; exits when it cannot. */
static void read_input(const char *path, size_t limit, unsigned char **data, size_t *len) {
  *data = read_file(path, limit, len);
  if (!*data)
    exit(EXIT_INPUT);
}

/* Is path the same file as input (when both exist)? */
static bool same_file(const char *path, const char *input) {
  struct stat a, b;
  return input && stat(path, &a) == 0 && stat(input, &b) == 0 && a.st_dev == b.st_dev &&
         a.st_ino == b.st_ino;
}

/* Exits when an output of gen would overwrite one of its inputs. */
static void check_output(const Options *o, const char *out) {
  const struct {
    const char *path, *what;
  } inputs[] = {{o->opts.header_path, "the header"},
                {o->rules_path, "the rules file"},
                {o->wasm_path, "the .wasm file"}};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
    if (same_file(out, inputs[i].path)) {
      fprintf(stderr, "wasmbind: error: %s: the output would overwrite %s\n", out, inputs[i].what);
      exit(EXIT_USAGE);
    }
}

/* The rules and the binary the options name, and the generated module's
 * names: after OUT.js for gen, else the binary is named in check's messages.
 * *rules and *wasm are the caller's to free. */
static void load_inputs(Options *o, unsigned char **rules, unsigned char **wasm) {
  WbOptions *w = &o->opts;
  *rules = *wasm = NULL;
  if (o->rules_path) {
    read_input(o->rules_path, MAX_TEXT_BYTES, rules, &w->rules_len);
    w->rules = (const char *)*rules;
    w->rules_name = o->rules_path;
  }
  if (o->wasm_path) {
    read_input(o->wasm_path, MAX_WASM_BYTES, wasm, &w->wasm_len);
    w->wasm = *wasm;
  }
  if (o->out) {
    char *module = stem(o->out);
    bool ok = options_name_module(o, module);
    free(module);
    if (!ok)
      die_usage("%s", o->error);
  } else if (o->wasm_path && !w->wasm_file) {
    w->wasm_file = o->wasm_path;
  }
}

/* Prints or writes what the run made; returns the exit status. */
static int write_results(const WbResult *res, const char *out) {
  fputs(res->diagnostics, stderr);
  int status = res->status;
  if (status == 0) {
    if (res->ir)
      fputs(res->ir, stdout);
    if (res->js) {
      char *dts = dts_path(out);
      if (!write_file(out, res->js) || !write_file(dts, res->dts))
        status = EXIT_INPUT;
      free(dts);
    }
  }
  if (res->text)
    fputs(res->text, stdout);
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
  unsigned want = command_want(argv[1]);
  if (!want)
    die_usage("unknown command '%s'", argv[1]);

  Options o;
  parse_args(argv[1], argc - 2, argv + 2, &o);
  check_header(o.opts.header_path);
  if (o.out) {
    char *dts = dts_path(o.out);
    check_output(&o, o.out);
    check_output(&o, dts);
    free(dts);
  }
  unsigned char *rules, *wasm;
  load_inputs(&o, &rules, &wasm);
  WbResult *res = wb_run(&o.opts, want);
  if (!res) {
    fprintf(stderr, "wasmbind: error: out of memory\n");
    return EXIT_INPUT;
  }
  int status = write_results(res, o.out);
  wb_result_free(res);
  free(wasm);
  free(rules);
  options_free(&o);
  return status;
}
