/* Unit tests of the option parser (options.c), shared by the command line
 * (main.c) and the library entry wb_generate() (api.c): every form of every
 * option is accepted by both, and wb_generate() reads -IDIR as the CLI does. */
#include "../../src/internal.h"
#include "unit.h"
#include <stdlib.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void test_forms(bool cli) {
  const char *argv[] = {"-Iinc",    "-I",           "inc2",
                        "-isystem", "sys",          "-isystems2",
                        "-DA=1",    "-D",           "B",
                        "-UC",      "-U",           "D",
                        "-include", "pre.h",        "-includepre2.h",
                        "--strict", "--sysroot=/s", "--format",
                        "ld",       "--module=m",   "--wasm-file",
                        "m.wasm"};
  Options o;
  CHECK(options_parse(&o, COUNT(argv), argv, cli));
  const WbOptions *w = &o.opts;
  CHECK(w->n_include_dirs == 2 && !strcmp(w->include_dirs[0], "inc") &&
        !strcmp(w->include_dirs[1], "inc2"));
  CHECK(w->n_system_dirs == 2 && !strcmp(w->system_dirs[0], "sys") &&
        !strcmp(w->system_dirs[1], "s2"));
  CHECK(w->n_cpp == 6);
  CHECK(w->cpp[0].kind == WB_CPP_DEFINE && !strcmp(w->cpp[0].text, "A=1"));
  CHECK(w->cpp[1].kind == WB_CPP_DEFINE && !strcmp(w->cpp[1].text, "B"));
  CHECK(w->cpp[2].kind == WB_CPP_UNDEF && !strcmp(w->cpp[2].text, "C"));
  CHECK(w->cpp[3].kind == WB_CPP_UNDEF && !strcmp(w->cpp[3].text, "D"));
  CHECK(w->cpp[4].kind == WB_CPP_INCLUDE && !strcmp(w->cpp[4].text, "pre.h"));
  CHECK(w->cpp[5].kind == WB_CPP_INCLUDE && !strcmp(w->cpp[5].text, "pre2.h"));
  CHECK(w->strict && w->sysroot && !strcmp(w->sysroot, "/s"));
  CHECK(w->exports_format == WB_EXPORTS_LD);
  CHECK_STR(w->module_name, "m");
  CHECK_STR(w->wasm_file, "m.wasm");
  options_free(&o);
}

/* The parser's message for argv, "" when it is accepted. */
static char *parse_error(bool cli, int argc, const char *const *argv) {
  static char error[256];
  Options o;
  bool ok = options_parse(&o, argc, argv, cli);
  snprintf(error, sizeof error, "%s", ok ? "" : o.error);
  options_free(&o);
  return error;
}

#define CHECK_OPTIONS_ERROR(cli, expected, ...)                                                    \
  do {                                                                                             \
    const char *argv_[] = {__VA_ARGS__};                                                           \
    CHECK_STR(parse_error(cli, COUNT(argv_), argv_), expected);                                    \
  } while (0)

static void test_errors(void) {
  CHECK_OPTIONS_ERROR(true, "unknown option '--bogus'", "h.h", "--bogus");
  CHECK_OPTIONS_ERROR(false, "unknown option '--bogus'", "--bogus");
  CHECK_OPTIONS_ERROR(true, "option '-I' needs a value", "-I");
  CHECK_OPTIONS_ERROR(false, "option '--sysroot' needs a value", "--sysroot");
  CHECK_OPTIONS_ERROR(true, "option '--strict' takes no value", "--strict=1");
  CHECK_OPTIONS_ERROR(false, "unknown --format 'xml' (emcc, ld or list)", "--format=xml");
  CHECK_OPTIONS_ERROR(true, "unexpected argument 'c'", "a", "b", "c");
  CHECK_OPTIONS_ERROR(false, "unexpected argument 'a.h'", "a.h");
  /* Files are the command line's: the library gets their texts. */
  CHECK_OPTIONS_ERROR(true, "", "h.h", "-o", "out.js", "--wasm=x.wasm", "--rules", "x.rules");
  CHECK_OPTIONS_ERROR(false, "option '-o' names a file: pass its contents instead", "-oout.js");
  CHECK_OPTIONS_ERROR(false, "option '--rules' names a file: pass its contents instead",
                      "--rules=x");
  CHECK_OPTIONS_ERROR(true, "", "--wasm-file", "w.wasm", "h.h"); /* not --wasm */
}

static void test_module_names(void) {
  const char *argv[] = {"--wasm", "dir/lib.wasm"};
  Options o;
  CHECK(options_parse(&o, COUNT(argv), argv, true));
  CHECK(options_name_module(&o, "demo"));
  CHECK_STR(o.opts.module_name, "demo");
  CHECK_STR(o.opts.wasm_file, "lib.wasm");
  options_free(&o);
  CHECK(options_parse(&o, 0, argv, false));
  CHECK(options_name_module(&o, "demo"));
  CHECK_STR(o.opts.wasm_file, "demo.wasm");
  options_free(&o);
}

/* Runs wb_generate() on a header including "util.h" from the directory inc,
 * with args packed as the JS side packs them. */
static WbResult *generate_with(const char *args, size_t args_len) {
  static const char files[] = "lib.h\0#include \"util.h\"\nint f(UTIL_T x);\n\0"
                              "inc/util.h\0typedef long UTIL_T;\n";
  return wb_generate("lib.h", files, sizeof files, args, args_len, NULL, 0, NULL, 0, WB_WANT_IR);
}

static void test_generate(void) {
  static const char joined[] = "-Iinc";
  static const char separate[] = "-I\0inc";
  WbResult *r = generate_with(joined, sizeof joined);
  CHECK(r && r->status == 0 && strstr(r->ir, "\"type\": \"long\""));
  if (r && r->status)
    fprintf(stderr, "%s", r->diagnostics);
  wb_result_free(r);
  r = generate_with(separate, sizeof separate);
  CHECK(r && r->status == 0);
  wb_result_free(r);
  r = generate_with("", 0); /* no -I: util.h is not found */
  CHECK(r && r->status == 1 && strstr(r->diagnostics, "'util.h' file not found"));
  wb_result_free(r);
  static const char file_option[] = "--rules\0x.rules";
  r = generate_with(file_option, sizeof file_option);
  CHECK(r && r->status == 1);
  CHECK_STR(r ? r->diagnostics : NULL,
            "wasmbind: error: option '--rules' names a file: pass its contents instead\n");
  wb_result_free(r);
}

void unit_options(void) {
  test_forms(true);
  test_forms(false);
  test_errors();
  test_module_names();
  test_generate();
}
