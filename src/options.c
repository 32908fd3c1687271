/* options.c: the options of a run, parsed in one place for the command line
 * (main.c) and for the library entry wb_generate() (api.c), which
 * web/wasmbind.mjs calls with generate()'s options as strings. Every option
 * is written the same way everywhere:
 *   -I DIR or -IDIR            -I -isystem -D -U -include -o (as cc takes them)
 *   --name VALUE or --name=VALUE   --sysroot --format --module --wasm-file
 *                              --wasm --rules
 *   --strict                   a flag
 * -o, --wasm and --rules name files to read or write, so only the command line
 * takes them (the library has no file system: it gets texts). Nothing here
 * prints or exits: a bad option is a message in Options.error. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  OPT_INCLUDE_DIR,
  OPT_SYSTEM_DIR,
  OPT_DEFINE,
  OPT_UNDEF,
  OPT_INCLUDE,
  OPT_SYSROOT,
  OPT_STRICT,
  OPT_FORMAT,
  OPT_MODULE,
  OPT_NAME,
  OPT_WASM_FILE,
  OPT_OUT,
  OPT_WASM,
  OPT_RULES,
} OptionId;

static const struct {
  const char *name;
  OptionId id;
  bool flag;     /* takes no value */
  bool cli_only; /* names a file on disk */
} option_table[] = {
    {"-I", OPT_INCLUDE_DIR, false, false},
    {"-isystem", OPT_SYSTEM_DIR, false, false},
    {"-D", OPT_DEFINE, false, false},
    {"-U", OPT_UNDEF, false, false},
    {"-include", OPT_INCLUDE, false, false},
    {"--sysroot", OPT_SYSROOT, false, false},
    {"--strict", OPT_STRICT, true, false},
    {"--format", OPT_FORMAT, false, false},
    {"--module", OPT_MODULE, false, false},
    {"--name", OPT_NAME, false, false},
    {"--wasm-file", OPT_WASM_FILE, false, false},
    {"-o", OPT_OUT, false, true},
    {"--wasm", OPT_WASM, false, true},
    {"--rules", OPT_RULES, false, true},
};
enum { NOPTIONS = sizeof option_table / sizeof option_table[0] };

static bool fail(Options *o, const char *fmt, const char *arg) {
  snprintf(o->error, sizeof o->error, fmt, arg);
  return false;
}

/* The option arg is written with (NULL when none). *joined: the value is in
 * arg itself (-IDIR, --sysroot=DIR). */
static int find_option(const char *arg, const char **joined) {
  for (int i = 0; i < NOPTIONS; i++) {
    const char *name = option_table[i].name;
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
      continue;
    bool long_option = name[1] == '-';
    if (arg[n] == '\0' || (long_option && arg[n] == '=')) {
      *joined = arg[n] ? arg + n + 1 : NULL;
      return i;
    }
    if (!long_option) {
      *joined = arg + n;
      return i;
    }
  }
  return -1;
}

static bool set_format(Options *o, const char *value) {
  static const struct {
    const char *name;
    WbExportsFormat format;
  } formats[] = {{"emcc", WB_EXPORTS_EMCC}, {"ld", WB_EXPORTS_LD}, {"list", WB_EXPORTS_LIST}};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    if (strcmp(value, formats[i].name) == 0) {
      o->opts.exports_format = formats[i].format;
      return true;
    }
  }
  return fail(o, "unknown --format '%s' (emcc, ld or list)", value);
}

/* Records the value of one option. */
static bool set_option(Options *o, OptionId id, const char *value) {
  WbOptions *w = &o->opts;
  switch (id) {
  case OPT_INCLUDE_DIR: o->include_dirs[w->n_include_dirs++] = value; break;
  case OPT_SYSTEM_DIR: o->system_dirs[w->n_system_dirs++] = value; break;
  case OPT_DEFINE: o->cpp[w->n_cpp++] = (WbCppOption){WB_CPP_DEFINE, value}; break;
  case OPT_UNDEF: o->cpp[w->n_cpp++] = (WbCppOption){WB_CPP_UNDEF, value}; break;
  case OPT_INCLUDE: o->cpp[w->n_cpp++] = (WbCppOption){WB_CPP_INCLUDE, value}; break;
  case OPT_SYSROOT: w->sysroot = value; break;
  case OPT_STRICT: w->strict = true; break;
  case OPT_FORMAT: return set_format(o, value);
  case OPT_MODULE: w->module_name = value; break;
  case OPT_NAME: w->library_name = value; break;
  case OPT_WASM_FILE: w->wasm_file = value; break;
  case OPT_OUT: o->out = value; break;
  case OPT_WASM: o->wasm_path = value; break;
  case OPT_RULES: o->rules_path = value; break;
  }
  return true;
}

/* The option at argv[*i] and its value (the next argument when it is not
 * joined to the option). */
static bool parse_option(Options *o, int argc, const char *const *argv, int *i, bool cli) {
  const char *arg = argv[*i], *value;
  int k = find_option(arg, &value);
  if (k < 0)
    return fail(o, "unknown option '%s'", arg);
  if (option_table[k].cli_only && !cli)
    return fail(o, "option '%s' names a file: pass its contents instead", option_table[k].name);
  if (option_table[k].flag) {
    if (value)
      return fail(o, "option '%s' takes no value", option_table[k].name);
    return set_option(o, option_table[k].id, NULL);
  }
  if (!value) {
    if (*i + 1 >= argc)
      return fail(o, "option '%s' needs a value", option_table[k].name);
    value = argv[++*i];
  }
  return set_option(o, option_table[k].id, value);
}

bool options_parse(Options *o, int argc, const char *const *argv, bool cli) {
  memset(o, 0, sizeof *o);
  o->opts.exports_format = WB_EXPORTS_EMCC;
  size_t n = (size_t)(argc > 0 ? argc : 1);
  o->include_dirs = malloc(sizeof(char *) * n);
  o->system_dirs = malloc(sizeof(char *) * n);
  o->cpp = malloc(sizeof(WbCppOption) * n);
  if (!o->include_dirs || !o->system_dirs || !o->cpp)
    return fail(o, "%s", "out of memory");
  o->opts.include_dirs = o->include_dirs;
  o->opts.system_dirs = o->system_dirs;
  o->opts.cpp = o->cpp;
  int max_positional = cli ? 2 : 0;
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (arg[0] == '-' && arg[1]) {
      if (!parse_option(o, argc, argv, &i, cli))
        return false;
    } else if (o->npositional < max_positional) {
      o->positional[o->npositional++] = arg;
    } else {
      return fail(o, "unexpected argument '%s'", arg);
    }
  }
  return true;
}

bool options_name_module(Options *o, const char *module) {
  if (!o->opts.module_name) {
    o->module_name = malloc(strlen(module) + 1);
    if (!o->module_name)
      return fail(o, "%s", "out of memory");
    strcpy(o->module_name, module);
    o->opts.module_name = o->module_name;
  }
  if (!o->opts.wasm_file) {
    const char *wasm = o->wasm_path ? strrchr(o->wasm_path, '/') : NULL;
    wasm = wasm ? wasm + 1 : o->wasm_path;
    o->wasm_file = malloc(strlen(o->opts.module_name) + (wasm ? strlen(wasm) : 0) + 6);
    if (!o->wasm_file)
      return fail(o, "%s", "out of memory");
    if (wasm)
      strcpy(o->wasm_file, wasm);
    else
      sprintf(o->wasm_file, "%s.wasm", o->opts.module_name);
    o->opts.wasm_file = o->wasm_file;
  }
  return true;
}

void options_free(Options *o) {
  free(o->include_dirs);
  free(o->system_dirs);
  free(o->cpp);
  free(o->module_name);
  free(o->wasm_file);
  memset(o, 0, sizeof *o);
}
