/* Unit tests of integer and character constants, decoded alike in #if (the
 * preprocessor) and in declarations (the parser). Each case runs through both:
 *   #if LIT == VALUE           (tokens "yes" come out)
 *   _Static_assert(LIT == VALUE, "");
 * or, for an invalid literal, expects the error clang 14 gives for it:
 *   clang --target=wasm32-unknown-emscripten -E / -fsyntax-only
 * (the messages and values below were checked with it). */
#include "../../src/internal.h"
#include "unit.h"
#include <stdlib.h>

typedef struct {
  Ctx ctx;
  jmp_buf bail;
  Buf out;
  WbVirtualFile file;
  WbOptions opts;
} LitRun;

typedef struct {
  char *out;  /* the preprocessed tokens, or the parser's "ok" */
  char *diag; /* the diagnostics */
  int nerrors;
} LitOut;

static LitOut finish(LitRun *r) {
  LitOut o = {buf_take(&r->out), buf_take(&r->ctx.diag), r->ctx.nerrors};
  arena_free(&r->ctx.arena);
  free(r);
  return o;
}

/* Preprocesses src as the header "t.h" (built-in headers only). */
static LitOut run_preprocessor(const char *src) {
  LitRun *r = calloc(1, sizeof *r);
  r->file = (WbVirtualFile){"t.h", src, strlen(src)};
  r->opts.header_path = "t.h";
  r->opts.files = &r->file;
  r->opts.n_files = 1;
  r->opts.no_file_system = true;
  r->ctx.opts = &r->opts;
  r->ctx.arena_limit = (size_t)64 << 20;
  r->ctx.bail = &r->bail;
  if (setjmp(r->bail) == 0)
    pp_dump(pp_run(&r->ctx), &r->out, true);
  return finish(r);
}

/* Parses src (not preprocessed) as the reported header "t.h". */
static LitOut run_parser(const char *src) {
  LitRun *r = calloc(1, sizeof *r);
  r->ctx.arena_limit = (size_t)64 << 20;
  r->ctx.bail = &r->bail;
  if (setjmp(r->bail) == 0) {
    Token *tok = tokenize_string(&r->ctx, "t.h", src);
    tok->file->is_system = false;
    tok->file->reported = true;
    r->ctx.program.header = "t.h";
    parse_translation_unit(&r->ctx, tok);
    buf_puts(&r->out, "ok");
  }
  return finish(r);
}

static void free_lit(LitOut *o) {
  free(o->out);
  free(o->diag);
}

/* Both stages agree that lit == value (a literal both read the same). */
static void check_value(const char *file, int line, const char *lit, const char *value) {
  char src[512];
  snprintf(src, sizeof src, "#if %s == %s\nyes\n#else\nno\n#endif\n", lit, value);
  LitOut pp = run_preprocessor(src);
  bool pp_ok = pp.nerrors == 0 && strcmp(pp.out, "yes") == 0;
  snprintf(src, sizeof src, "_Static_assert(%s == %s, \"\");\n", lit, value);
  LitOut ps = run_parser(src);
  bool parse_ok = ps.nerrors == 0;
  if (pp_ok && parse_ok)
    unit_passed++;
  else
    unit_failed++;
  if (!pp_ok)
    fprintf(stderr, "%s:%d: #if %s == %s: got '%s'\n%s", file, line, lit, value, pp.out, pp.diag);
  if (!parse_ok)
    fprintf(stderr, "%s:%d: _Static_assert(%s == %s):\n%s", file, line, lit, value, ps.diag);
  free_lit(&pp);
  free_lit(&ps);
}

/* Both stages reject lit with clang's message. */
static void check_error(const char *file, int line, const char *lit, const char *msg) {
  char src[512];
  snprintf(src, sizeof src, "#if %s\n#endif\n", lit);
  LitOut pp = run_preprocessor(src);
  bool pp_ok = pp.nerrors == 1 && strstr(pp.diag, msg);
  snprintf(src, sizeof src, "int x[(%s) ? 1 : 1];\n", lit);
  LitOut ps = run_parser(src);
  bool parse_ok = ps.nerrors == 1 && strstr(ps.diag, msg);
  if (pp_ok && parse_ok)
    unit_passed++;
  else
    unit_failed++;
  if (!pp_ok)
    fprintf(stderr, "%s:%d: #if %s: wanted \"%s\", got:\n%s", file, line, lit, msg, pp.diag);
  if (!parse_ok)
    fprintf(stderr, "%s:%d: %s in a declaration: wanted \"%s\", got:\n%s", file, line, lit, msg,
            ps.diag);
  free_lit(&pp);
  free_lit(&ps);
}

#define CHECK_LIT(lit, value) check_value(__FILE__, __LINE__, lit, value)
#define CHECK_LIT_ERROR(lit, msg) check_error(__FILE__, __LINE__, lit, msg)

/* A '\x' escape with 70 hex digits: its value is its last digits'. */
#define LONG_HEX                                                                                   \
  "'\\x"                                                                                           \
  "0000000000000000000000000000000000000000000000000000000000000000000041'"

static void test_char_constants(void) {
  CHECK_LIT("'a'", "97");
  CHECK_LIT("'\\377'", "-1");         /* one char: signed */
  CHECK_LIT("'\\xff\\x01'", "65281"); /* several: not sign-extended */
  CHECK_LIT("'\\xff\\xff\\xff\\xff'", "-1");
  CHECK_LIT("'abcde'", "1650680933"); /* 'bcde': the last four */
  CHECK_LIT(LONG_HEX, "65");
  CHECK_LIT("'\\0101'", "2097"); /* '\010' '1': three octal digits at most */
  CHECK_LIT("'\\e'", "27");
  CHECK_LIT("'\\q'", "113");
  CHECK_LIT("'$'", "36");
  CHECK_LIT("L'\\xffffffff'", "-1"); /* wchar_t is int */
  CHECK_LIT("L'\xc3\xa9'", "233");   /* UTF-8 source: the code point */
  CHECK_LIT("L'\\u00e9'", "233");
  CHECK_LIT("u'\\xffff'", "65535"); /* char16_t is unsigned */
  CHECK_LIT("U'\\U0001F600'", "128512");
  CHECK_LIT("L'\\x00000041'", "65");
  CHECK_LIT_ERROR("'\\x100'", "hex escape sequence out of range");
  CHECK_LIT_ERROR("u'\\x10000'", "hex escape sequence out of range");
  CHECK_LIT_ERROR("'\\777'", "octal escape sequence out of range");
  CHECK_LIT_ERROR("'\\x'", "\\x used with no following hex digits");
  CHECK_LIT_ERROR("'\\u12'", "incomplete universal character name");
  CHECK_LIT_ERROR("'\\u00e9'", "character too large for enclosing character literal type");
  CHECK_LIT_ERROR("'\xc3\xa9'", "character too large for enclosing character literal type");
  CHECK_LIT_ERROR("u'\\U00010000'", "character too large for enclosing character literal type");
  CHECK_LIT_ERROR("'\\u0041'", "character 'A' cannot be specified by a universal character name");
  CHECK_LIT_ERROR("U'\\U00110000'", "invalid universal character");
  CHECK_LIT_ERROR("L'\\ud800'", "invalid universal character");
  CHECK_LIT_ERROR("L'ab'", "wide character literals may not contain multiple characters");
  CHECK_LIT_ERROR("u'ab'", "Unicode character literals may not contain multiple characters");
  CHECK_LIT_ERROR("''", "empty character constant");
}

static void test_int_constants(void) {
  CHECK_LIT("0777", "511");
  CHECK_LIT("0B11", "3");
  CHECK_LIT("0x7fffffffffffffff", "9223372036854775807");
  CHECK_LIT("1LLU", "1");
  CHECK_LIT("1lu", "1");
  CHECK_LIT_ERROR("09", "invalid digit '9' in octal constant");
  CHECK_LIT_ERROR("0777a", "invalid digit 'a' in octal constant");
  CHECK_LIT_ERROR("0b", "invalid digit 'b' in octal constant");
  CHECK_LIT_ERROR("0b102", "invalid digit '2' in binary constant");
  CHECK_LIT_ERROR("0b1e", "invalid digit 'e' in binary constant");
  CHECK_LIT_ERROR("12a", "invalid digit 'a' in decimal constant");
  CHECK_LIT_ERROR("0x", "invalid suffix 'x' on integer constant");
  CHECK_LIT_ERROR("0xg", "invalid suffix 'xg' on integer constant");
  CHECK_LIT_ERROR("1lL", "invalid suffix 'lL' on integer constant");
  CHECK_LIT_ERROR("1ulu", "invalid suffix 'ulu' on integer constant");
  CHECK_LIT_ERROR("1_0", "invalid suffix '_0' on integer constant");
  CHECK_LIT_ERROR("1z", "'size_t' suffix for literals is a C++2b feature");
  CHECK_LIT_ERROR("1lz", "invalid suffix 'lz' on integer constant");
  CHECK_LIT_ERROR("1e", "exponent has no digits");
  CHECK_LIT_ERROR("0x1p", "exponent has no digits");
  CHECK_LIT_ERROR("0x1.", "hexadecimal floating constant requires an exponent");
  CHECK_LIT_ERROR("18446744073709551616",
                  "integer literal is too large to be represented in any integer type");
  CHECK_LIT_ERROR("99999999999999999999x", "invalid suffix 'x' on integer constant");
}

/* The preprocessor alone: what only #if sees. */
static void test_if_only(void) {
  LitOut o =
      run_preprocessor("#if 0xffffffffffffffff == -1 && 18446744073709551615 > 0\nyes\n#endif\n");
  CHECK_STR(o.out, "yes");
  free_lit(&o);
  static const char *const floating[] = {"1.0", "1e5", "0x1p3", "1i", "1ui"};
  for (size_t i = 0; i < sizeof floating / sizeof *floating; i++) {
    char src[64];
    snprintf(src, sizeof src, "#if %s\n#endif\n", floating[i]);
    o = run_preprocessor(src);
    CHECK(o.nerrors == 1 && strstr(o.diag, "floating point literal in preprocessor expression"));
    free_lit(&o);
  }
  /* In C17, u8 is no character prefix: u8'a' is the name u8, then 'a'. */
  o = run_preprocessor("#if u8'a' == 97\n#endif\n");
  CHECK(o.nerrors == 1 &&
        strstr(o.diag, "token is not a valid binary operator in a preprocessor subexpression"));
  free_lit(&o);
  o = run_preprocessor("#define S(x) #x\nu8'a' S(u8'a')\n");
  CHECK_STR(o.out, "u8'a' \"u8'a'\"");
  free_lit(&o);
}

/* The parser alone: string literals and the types of character constants. */
static void test_parse_only(void) {
  LitOut o = run_parser("_Static_assert(sizeof(\"\\x100\") == 2, \"\");\n");
  CHECK(o.nerrors == 1 && strstr(o.diag, "hex escape sequence out of range"));
  free_lit(&o);
  o = run_parser("_Static_assert(sizeof(\"\\u00e9\") == 3, \"\");\n"
                 "_Static_assert(sizeof(u\"\\U0001F600\") == 6, \"\");\n"
                 "_Static_assert(_Generic(u'a', unsigned short: 1, default: 0), \"\");\n"
                 "_Static_assert(_Generic(U'a', unsigned int: 1, default: 0), \"\");\n"
                 "_Static_assert(_Generic(L'a', int: 1, default: 0), \"\");\n"
                 "_Static_assert(_Generic('a', int: 1, default: 0), \"\");\n");
  CHECK(o.nerrors == 0);
  if (o.nerrors)
    fprintf(stderr, "%s", o.diag);
  free_lit(&o);
}

void unit_literal(void) {
  test_char_constants();
  test_int_constants();
  test_if_only();
  test_parse_only();
}
