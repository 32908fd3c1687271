/* wasmbind: the public C API of the generator.
 *
 * main.c (the native CLI) and the WebAssembly build call only what is
 * declared here. One call to wb_run() is one run of the generator: it owns an
 * arena for everything it builds and releases it before returning, errors
 * included. Nothing here touches global state or calls exit(). */
#ifndef WASMBIND_H
#define WASMBIND_H

#include <stdbool.h>
#include <stddef.h>

#define WASMBIND_VERSION "0.1.0"

/* What a run produces; several may be asked at once (bit flags). */
enum {
  WB_WANT_IR = 1,      /* result->ir: JSON, see docs/IR-SCHEMA.md */
  WB_WANT_JS = 2,      /* result->js and result->dts */
  WB_WANT_EXPORTS = 4, /* result->text: the functions to export */
  WB_WANT_CHECK = 8,   /* result->text: the report of `wasmbind check` */
};

typedef enum { WB_EXPORTS_EMCC, WB_EXPORTS_LD, WB_EXPORTS_LIST } WbExportsFormat;

/* One preprocessor command line option, kept in command line order because
 * -D and -U of the same name override each other in that order. */
typedef enum { WB_CPP_DEFINE, WB_CPP_UNDEF, WB_CPP_INCLUDE } WbCppKind;
typedef struct {
  WbCppKind kind;
  const char *text; /* "NAME", "NAME=VALUE", or a file name for -include */
} WbCppOption;

/* A file given by content instead of on disk (run-time mode, tests). Looked up
 * by the exact name the preprocessor would open, before the file system. */
typedef struct {
  const char *name;
  const char *contents;
  size_t len;
} WbVirtualFile;

typedef struct {
  const char *header_path;         /* the header to read (required) */
  const char *const *include_dirs; /* -I, searched for "..." and <...> */
  int n_include_dirs;
  const char *const *system_dirs; /* -isystem, searched after -I */
  int n_system_dirs;
  const WbCppOption *cpp; /* -D, -U, -include in order */
  int n_cpp;
  const char *sysroot;        /* libc headers; NULL: Emscripten's when found, else built-in */
  const WbVirtualFile *files; /* consulted before the file system */
  int n_files;
  bool no_file_system; /* only `files` and the built-in headers: no file is opened */

  /* gen */
  const char *module_name;   /* base name of the header without .h ("demo") */
  const char *library_name;  /* --name: the error class is NAMEError; NULL: the header's stem */
  const char *wasm_file;     /* name load() fetches by default ("demo.wasm"), or NULL */
  const unsigned char *wasm; /* the binary, when known: real signatures, check */
  size_t wasm_len;
  bool strict;       /* pointer params refuse null unless WB_NULLABLE */
  const char *rules; /* a rules file's text (README, "Rules files"), or NULL */
  size_t rules_len;
  const char *rules_name; /* its name in diagnostics ("sqlite3.rules") */

  WbExportsFormat exports_format;
} WbOptions;

typedef struct {
  int status;        /* 0 success, 1 errors in the input */
  char *diagnostics; /* every error and warning, formatted; "" when none */
  char *ir;          /* WB_WANT_IR, else NULL */
  char *js;          /* WB_WANT_JS, else NULL */
  char *dts;         /* WB_WANT_JS, else NULL */
  char *text;        /* WB_WANT_EXPORTS / WB_WANT_CHECK, else NULL */
} WbResult;

/* Runs the generator once. Returns NULL only when the result itself cannot be
 * allocated (any other failure, out of memory included, is status 1 with a
 * diagnostic). The caller owns the result and releases it, strings included,
 * with wb_result_free(). */
WbResult *wb_run(const WbOptions *opts, unsigned want);

/* Describes the imports and exports of a .wasm binary in result->text, one
 * per line ("export add func (i32, i32) -> i32"): a debugging aid the tests
 * compare with wabt. Release with wb_result_free(). */
WbResult *wb_wasm_info(const unsigned char *wasm, size_t len);

/* Releases a result of wb_run() and every string in it. NULL is ignored. */
void wb_result_free(WbResult *result);

/* The run-time mode's entry (web/wasmbind.mjs binds it, through the bindings
 * wasmbind generates from this header and src/wasmbind.rules): one run from
 * texts alone, with no file opened.
 *   header_name      the header, as named in `files` and in diagnostics
 *   files, files_len the header and whatever it may #include, packed as
 *                    NAME \0 TEXT \0 NAME \0 TEXT \0 ... (texts without NULs)
 *   args, args_len   options packed as ARG \0 ARG \0 ...: the command line's
 *                    (README, "Commands"; -I DIR or -IDIR, --opt VALUE or
 *                    --opt=VALUE), parsed as the command line is (options.c);
 *                    -o, --wasm and --rules are refused (texts come here);
 *                    --module NAME names the generated module (default: the
 *                    header's base name without .h), --wasm-file NAME what
 *                    load() fetches by default (default: NAME.wasm)
 *   rules            a rules file's text (rules_len bytes), or NULL
 *   wasm             the library's binary (wasm_len bytes), or NULL
 *   want             WB_WANT_* flags
 * A bad option is status 1 with a diagnostic. Returns and owns like wb_run(). */
WbResult *wb_generate(const char *header_name, const char *files, size_t files_len,
                      const char *args, size_t args_len, const char *rules, size_t rules_len,
                      const unsigned char *wasm, size_t wasm_len, unsigned want);

#endif
