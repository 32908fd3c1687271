/* Unit tests of the tokenizer and the preprocessor: inputs are virtual files,
 * outputs the spelled-out token stream (tokens joined by a space where the
 * source had white space or a new line). No sysroot is used (built-in
 * headers only) except by the real-header smoke checks at the end, which are
 * skipped when the headers are not installed. */
#include "../../src/internal.h"
#include "unit.h"
#include <stdlib.h>

#define NO_SYSROOT "/nonexistent-wasmbind-test-sysroot"

typedef struct {
  const char *main; /* the text of the header, named `header` ("t.h") */
  const char *header;
  const WbVirtualFile *files;
  int nfiles;
  const char *const *incs;
  int nincs;
  const char *const *sys;
  int nsys;
  const WbCppOption *cpp;
  int ncpp;
  const char *sysroot; /* NULL: none */
  const char *expand;  /* an object-like macro to run through pp_expand_tokens */
  size_t arena_limit;
} PPIn;

typedef struct {
  char *out;      /* the token stream on one line */
  char *lines;    /* the token stream with its line breaks */
  char *diag;     /* the diagnostics */
  char *macros;   /* ctx->object_macros names, space-separated */
  char *expanded; /* pp_expand_tokens of `expand`, "(null)" when it failed */
  int nerrors, nwarnings, nfiles;
} PPOut;

/* Everything a run touches after setjmp lives here, not in locals. */
typedef struct {
  Ctx ctx;
  jmp_buf bail;
  Buf out, lines, macros, expanded;
  WbVirtualFile files[16];
  WbOptions opts;
} PPRun;

static PPOut run_pp(const PPIn *in) {
  PPRun *r = calloc(1, sizeof *r);
  int n = 0;
  const char *header = in->header ? in->header : "t.h";
  if (in->main)
    r->files[n++] = (WbVirtualFile){header, in->main, strlen(in->main)};
  for (int i = 0; i < in->nfiles && n < 16; i++)
    r->files[n++] = in->files[i];
  r->opts.header_path = header;
  r->opts.files = r->files;
  r->opts.n_files = n;
  r->opts.include_dirs = in->incs;
  r->opts.n_include_dirs = in->nincs;
  r->opts.system_dirs = in->sys;
  r->opts.n_system_dirs = in->nsys;
  r->opts.cpp = in->cpp;
  r->opts.n_cpp = in->ncpp;
  r->opts.sysroot = in->sysroot ? in->sysroot : NO_SYSROOT;
  r->ctx.opts = &r->opts;
  r->ctx.arena_limit = in->arena_limit ? in->arena_limit : (size_t)256 << 20;
  r->ctx.bail = &r->bail;
  if (setjmp(r->bail) == 0) {
    Token *tok = pp_run(&r->ctx);
    pp_dump(tok, &r->out, true);
    pp_dump(tok, &r->lines, false);
    for (int i = 0; i < r->ctx.object_macros.len; i++) {
      MacroDef *m = r->ctx.object_macros.items[i];
      if (i)
        buf_putc(&r->macros, ' ');
      buf_puts(&r->macros, m->name);
      if (in->expand && strcmp(in->expand, m->name) == 0) {
        Token *t = pp_expand_tokens(&r->ctx, m->body);
        if (t)
          pp_dump(t, &r->expanded, true);
        else
          buf_puts(&r->expanded, "(null)");
      }
    }
  }
  PPOut o;
  o.out = buf_take(&r->out);
  o.lines = buf_take(&r->lines);
  o.macros = buf_take(&r->macros);
  o.expanded = buf_take(&r->expanded);
  o.diag = buf_take(&r->ctx.diag);
  o.nerrors = r->ctx.nerrors;
  o.nwarnings = r->ctx.nwarnings;
  o.nfiles = r->ctx.files.len;
  arena_free(&r->ctx.arena);
  free(r);
  return o;
}

static void free_out(PPOut *o) {
  free(o->out);
  free(o->lines);
  free(o->diag);
  free(o->macros);
  free(o->expanded);
}

/* Preprocesses src alone and compares the one-line token stream. */
#define CHECK_PP(src, expected)                                                                    \
  do {                                                                                             \
    PPIn in_ = {.main = (src)};                                                                    \
    PPOut o_ = run_pp(&in_);                                                                       \
    CHECK_STR(o_.out, expected);                                                                   \
    if (o_.nerrors)                                                                                \
      fprintf(stderr, "%s", o_.diag);                                                              \
    CHECK(o_.nerrors == 0);                                                                        \
    free_out(&o_);                                                                                 \
  } while (0)

/* Preprocesses src and expects nerr errors, one of them with `msg`. */
#define CHECK_PP_ERROR(src, nerr, msg)                                                             \
  do {                                                                                             \
    PPIn in_ = {.main = (src)};                                                                    \
    PPOut o_ = run_pp(&in_);                                                                       \
    CHECK(o_.nerrors == (nerr));                                                                   \
    if (!strstr(o_.diag, msg) || o_.nerrors != (nerr))                                             \
      fprintf(stderr, "%s:%d: wanted %d error(s) with \"%s\", got %d:\n%s", __FILE__, __LINE__,    \
              (nerr), msg, o_.nerrors, o_.diag);                                                   \
    CHECK(strstr(o_.diag, msg) != NULL);                                                           \
    free_out(&o_);                                                                                 \
  } while (0)

/* ---- tokenizer ---------------------------------------------------------- */

typedef struct {
  Ctx ctx;
  jmp_buf bail;
} BareCtx;

static void test_tokenize(void) {
  BareCtx *b = calloc(1, sizeof *b);
  b->ctx.bail = &b->bail;
  b->ctx.arena_limit = (size_t)64 << 20;
  if (setjmp(b->bail) == 0) {
    Token *t = tokenize_string(&b->ctx, "x.h",
                               "a b\n"
                               "  /* c */ foo\\\nbar 1e+5 0x1p-3 .5e-3 1.2.3 0xe+1\n"
                               "L\"w\" u8\"s\" U'c' u'\\'' \"a\\\"b\" 'x'\n"
                               "... ## <<= >>= -> ++ @ \\ $x // line \\\n"
                               "still comment\n"
                               "x/**/y a\\  \n+=");
    struct {
      TokenKind kind;
      const char *spelling;
      int line, col;
      bool at_bol, has_space;
    } want[] = {
        {TK_IDENT, "a", 1, 1, true, false},         {TK_IDENT, "b", 1, 3, false, true},
        {TK_IDENT, "foobar", 2, 11, true, true},    {TK_NUM, "1e+5", 3, 5, false, true},
        {TK_NUM, "0x1p-3", 3, 10, false, true},     {TK_NUM, ".5e-3", 3, 17, false, true},
        {TK_NUM, "1.2.3", 3, 23, false, true},      {TK_NUM, "0xe+1", 3, 29, false, true},
        {TK_STR, "L\"w\"", 4, 1, true, false},      {TK_STR, "u8\"s\"", 4, 6, false, true},
        {TK_CHAR, "U'c'", 4, 12, false, true},      {TK_CHAR, "u'\\''", 4, 17, false, true},
        {TK_STR, "\"a\\\"b\"", 4, 23, false, true}, {TK_CHAR, "'x'", 4, 30, false, true},
        {TK_PUNCT, "...", 5, 1, true, false},       {TK_PUNCT, "##", 5, 5, false, true},
        {TK_PUNCT, "<<=", 5, 8, false, true},       {TK_PUNCT, ">>=", 5, 12, false, true},
        {TK_PUNCT, "->", 5, 16, false, true},       {TK_PUNCT, "++", 5, 19, false, true},
        {TK_OTHER, "@", 5, 22, false, true},        {TK_OTHER, "\\", 5, 24, false, true},
        {TK_IDENT, "$x", 5, 26, false, true},       {TK_IDENT, "x", 7, 1, true, false},
        {TK_IDENT, "y", 7, 6, false, true},         {TK_IDENT, "a", 7, 8, false, true},
        {TK_PUNCT, "+=", 8, 1, false, false},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    int i = 0;
    for (; t->kind != TK_EOF && i < n; t = t->next, i++) {
      char *s = tok_str(&b->ctx, t);
      CHECK_STR(s, want[i].spelling);
      CHECK(t->kind == want[i].kind);
      if (t->line != want[i].line || t->col != want[i].col)
        fprintf(stderr, "token %s at %d:%d, wanted %d:%d\n", s, t->line, t->col, want[i].line,
                want[i].col);
      CHECK(t->line == want[i].line && t->col == want[i].col);
      CHECK(t->at_bol == want[i].at_bol && t->has_space == want[i].has_space);
      CHECK(strcmp(t->file->name, "x.h") == 0);
    }
    CHECK(i == n);
    CHECK(t->kind == TK_EOF);
    CHECK(b->ctx.nerrors == 0);

    /* A splice inside a string literal and a punctuator. */
    t = tokenize_string(&b->ctx, "y.h", "\"ab\\\ncd\" -\\\n> <\\\n<\\\n=");
    CHECK_STR(tok_str(&b->ctx, t), "\"abcd\"");
    CHECK(t->kind == TK_STR);
    CHECK_STR(tok_str(&b->ctx, t->next), "->");
    CHECK(t->next->line == 2 && t->next->col == 5);
    CHECK_STR(tok_str(&b->ctx, t->next->next), "<<=");
    CHECK(t->next->next->next->kind == TK_EOF && t->next->next->next->line == 5);
    CHECK(tok_is(t->next, "->") && !tok_is(t->next, "-"));

    /* CRLF line ends and a splice before them. */
    t = tokenize_string(&b->ctx, "crlf.h", "a\r\nb\\\r\nc\r\n d");
    CHECK_STR(tok_str(&b->ctx, t), "a");
    CHECK_STR(tok_str(&b->ctx, t->next), "bc");
    CHECK(t->next->at_bol && t->next->line == 2);
    CHECK(t->next->next->line == 4 && t->next->next->col == 2);

    /* Unterminated literals are tokens (errors only where used). */
    t = tokenize_string(&b->ctx, "u.h", "don't stop\n\"open\nok");
    CHECK_STR(tok_str(&b->ctx, t->next), "'t stop");
    CHECK(t->next->kind == TK_OTHER && tok_is_unterminated(t->next));
    CHECK(tok_is_unterminated(t->next->next));
    CHECK(!tok_is_unterminated(t));
    CHECK_STR(tok_str(&b->ctx, t->next->next->next), "ok");
    CHECK(b->ctx.nerrors == 0);

    /* An unterminated comment is a located error. */
    t = tokenize_string(&b->ctx, "c.h", "a\n  /* never closed\n b");
    CHECK(b->ctx.nerrors == 1);
    CHECK(strstr(b->ctx.diag.data, "c.h:2:3: error: unterminated /* comment") != NULL);
    CHECK(t->next->kind == TK_EOF);
  } else {
    CHECK(!"tokenizer test bailed out");
  }
  arena_free(&b->ctx.arena);
  buf_release(&b->ctx.diag);
  free(b);
}

/* ---- macros: the C standard's examples ----------------------------------- */

static void test_standard_examples(void) {
  /* C11 6.10.3.5 EXAMPLE 3 */
  CHECK_PP("#define x 3\n"
           "#define f(a) f(x * (a))\n"
           "#undef x\n"
           "#define x 2\n"
           "#define g f\n"
           "#define z z[0]\n"
           "#define h g(~\n"
           "#define m(a) a(w)\n"
           "#define w 0,1\n"
           "#define t(a) a\n"
           "#define p() int\n"
           "#define q(x) x\n"
           "#define r(x,y) x ## y\n"
           "#define str(x) # x\n"
           "f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);\n"
           "g(x+(3,4)-w) | h 5) & m\n"
           "(f)^m(m);\n"
           "p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };\n"
           "char c[2][6] = { str(hello), str() };\n",
           "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1); "
           "f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1); "
           "int i[] = { 1, 23, 4, 5, }; "
           "char c[2][6] = { \"hello\", \"\" };");

  /* EXAMPLE 4, the #include included (vers2.h). */
  {
    WbVirtualFile vers = {"vers2.h", "from_vers2\n", 11};
    PPIn in = {.main = "#define str(s) # s\n"
                       "#define xstr(s) str(s)\n"
                       "#define debug(s, t) printf(\"x\" # s \"= %d, x\" # t \"= %s\", \\\n"
                       " x ## s, x ## t)\n"
                       "#define INCFILE(n) vers ## n\n"
                       "#define glue(a, b) a ## b\n"
                       "#define xglue(a, b) glue(a, b)\n"
                       "#define HIGHLOW \"hello\"\n"
                       "#define LOW LOW \", world\"\n"
                       "debug(1, 2);\n"
                       "fputs(str(strncmp(\"abc\\0d\", \"abc\", '\\4') // this goes away\n"
                       " == 0) str(: @\\n), s);\n"
                       "#include xstr(INCFILE(2).h)\n"
                       "glue(HIGH, LOW);\n"
                       "xglue(HIGH, LOW)\n",
               .files = &vers,
               .nfiles = 1};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out,
              "printf(\"x\" \"1\" \"= %d, x\" \"2\" \"= %s\", x1, x2); "
              "fputs(\"strncmp(\\\"abc\\\\0d\\\", \\\"abc\\\", '\\\\4') == 0\" \": @\\n\", s); "
              "from_vers2 \"hello\"; \"hello\" \", world\"");
    CHECK(o.nerrors == 0);
    free_out(&o);
  }

  /* EXAMPLE 5 */
  CHECK_PP("#define t(x,y,z) x ## y ## z\n"
           "int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),\n"
           " t(10,,), t(,11,), t(,,12), t(,,) };\n",
           "int j[] = { 123, 45, 67, 89, 10, 11, 12, };");

  /* EXAMPLE 6: valid redefinitions are silent, the invalid ones warn. */
  {
    PPIn in = {.main = "#define OBJ_LIKE (1-1)\n"
                       "#define OBJ_LIKE /* white space */ (1-1) /* other */\n"
                       "#define FUNC_LIKE(a) ( a )\n"
                       "#define FUNC_LIKE( a )( /* note the white space */ \\\n"
                       " a /* other stuff on this line\n"
                       " */ )\n"};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 0 && o.nwarnings == 0);
    free_out(&o);
    in.main = "#define OBJ_LIKE (1-1)\n"
              "#define FUNC_LIKE(a) ( a )\n"
              "#define OBJ_LIKE (0)\n"
              "#define OBJ_LIKE (1 - 1)\n"
              "#define FUNC_LIKE(b) ( a )\n"
              "#define FUNC_LIKE(b) ( b )\n";
    o = run_pp(&in);
    CHECK(o.nerrors == 0 && o.nwarnings == 4);
    CHECK(strstr(o.diag, "t.h:3:9: warning: 'OBJ_LIKE' macro redefined") != NULL);
    free_out(&o);
  }

  /* EXAMPLE 7 */
  CHECK_PP("#define debug(...) fprintf(stderr, __VA_ARGS__)\n"
           "#define showlist(...) puts(#__VA_ARGS__)\n"
           "#define report(test, ...) ((test)?puts(#test):\\\n"
           " printf(__VA_ARGS__))\n"
           "debug(\"Flag\");\n"
           "debug(\"X = %d\\n\", x);\n"
           "showlist(The first, second, and third items.);\n"
           "report(x>y, \"x is %d but y is %d\", x, y);\n",
           "fprintf(stderr, \"Flag\"); fprintf(stderr, \"X = %d\\n\", x); "
           "puts(\"The first, second, and third items.\"); "
           "((x>y)?puts(\"x>y\"): printf(\"x is %d but y is %d\", x, y));");

  /* 6.10.3.3 EXAMPLE: ## made by ## is not an operator. */
  CHECK_PP("#define hash_hash # ## #\n"
           "#define mkstr(a) # a\n"
           "#define in_between(a) mkstr(a)\n"
           "#define join(c, d) in_between(c hash_hash d)\n"
           "char p[] = join(x, y);\n",
           "char p[] = \"x ## y\";");

  /* 6.10.3.4: rescanning with the rest of the source. */
  CHECK_PP("#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)\n", "2*9*g");
}

/* ---- macros: the rest ------------------------------------------------------ */

static void test_macros(void) {
  /* Recursion stops (hidesets). */
  CHECK_PP("#define foo foo\nfoo\n", "foo");
  CHECK_PP("#define a b\n#define b a\na b\n", "a b");
  CHECK_PP("#define obj(x) obj x\nobj(obj(1))\n", "obj obj 1");
  CHECK_PP("#define q(x) x\n#define r q(r)\nr q(q)(4)\n", "r q(4)");
  CHECK_PP("#define NIL(x) x\n#define G0 NIL(NIL)(1)\nG0\n", "NIL(1)");
  /* A function-like name without '(' is left alone; '(' may be lines away. */
  CHECK_PP("#define f(x) [x]\nf + f\n(1) f\n", "f + [1] f");
  CHECK_PP("#define paren (\n#define NIL(x) x\nNIL paren 5)\n", "NIL ( 5)");
  /* Empty arguments and argument counts. */
  CHECK_PP("#define m1() M1\n#define m2(x) M2 x\nm1() m1( ) m2() m2( ) m2((,))\n",
           "M1 M1 M2 M2 M2 (,)");
  /* Arguments are expanded first, except next to # and ##. */
  CHECK_PP("#define ONE 1\n#define str(x) #x\n#define xstr(x) str(x)\n#define cat(a,b) a##b\n"
           "str(ONE) xstr(ONE) cat(ONE,2) cat(O,NE)\n",
           "\"ONE\" \"1\" ONE2 1");
  /* Stringizing: spacing, escapes, empty. */
  CHECK_PP("#define s(x) #x\ns(  a\n  b   c  ) s(\"\\n\" '\\'' \"\\\\\") s() s(L\"a\" 'x')\n",
           "\"a b c\" \"\\\"\\\\n\\\" '\\\\'' \\\"\\\\\\\\\\\"\" \"\" \"L\\\"a\\\" 'x'\"");
  /* White space in results, as clang's (it shows when stringized). */
  CHECK_PP(
      "#define S(x) #x\n#define XS(x) S(x)\n#define EMPTY\n#define F2(a) + a/x\n"
      "#define F4(a) x a\n#define F5(a) + a ## b\n#define F6(a) +a ## b\n#define F3(a, b) a b/c\n"
      "XS(F2()) XS(x EMPTY;) XS(F4()/y) XS(F5() F6()) XS(F3(,)) XS(F3(1,)) XS(y EMPTY/x)\n",
      "\"+ /x\" \"x ;\" \"x /y\" \"+ b +b\" \"/c\" \"1 /c\" \"y /x\"");
  /* Pasting. */
  CHECK_PP("#define C(a,b) a##b\nC(1,2) C(x,) C(,y) C(L, \"s\") C(<,<=) C(-,>) C(%,=) C(.,5)\n",
           "12 x y L\"s\" <<= -> %= .5");
  CHECK_PP("#define C(a,b) a ## b\n#define X(a,b) C(a,b)\nX(X(a,b),c) C(a b, c d)\n", "abc a bc d");
  /* Variadic macros, GNU comma elision, named variadic parameter. */
  CHECK_PP("#define E(fmt, ...) p(fmt, ## __VA_ARGS__)\n"
           "#define E2(fmt, args...) p(fmt, ## args)\n"
           "#define E3(...) f(a, ## __VA_ARGS__)\n"
           "E(\"x\") E(\"x\",) E(\"x\", 1, 2) E2(\"y\") E2(\"y\", 3) E3() E3(1)\n",
           "p(\"x\") p(\"x\",) p(\"x\", 1, 2) p(\"y\") p(\"y\", 3) f(a) f(a,1)");
  CHECK_PP("#define V(a, ...) [a|__VA_ARGS__]\nV(1) V(1,2) V(1,2,(3,4),5) V()\n",
           "[1|] [1|2] [1|2,(3,4),5] [|]");
  /* __VA_OPT__ (C2x, as clang 14 has it). */
  CHECK_PP("#define F(...) f(0 __VA_OPT__(,) __VA_ARGS__)\n"
           "#define G(X, ...) f(0, X __VA_OPT__(,) __VA_ARGS__)\n"
           "#define SDEF(sname, ...) S sname __VA_OPT__(= { __VA_ARGS__ })\n"
           "#define EMP\n"
           "#define H2(X, Y, ...) __VA_OPT__(X ## Y,) __VA_ARGS__\n"
           "F(a,b,c) F() F(EMP) G(a,b,c) G(a,) G(a) SDEF(foo); SDEF(bar, 1, 2); H2(a, b, c, d)\n",
           "f(0 , a,b,c) f(0 ) f(0 ) f(0, a , b,c) f(0, a ) f(0, a ) S foo ; S bar = { 1, 2 }; ab, "
           "c, d");
  /* Invocations spanning lines; the result keeps the first line's start. */
  {
    PPIn in = {.main = "#define F(a, b) a + b\nx F(1,\n2)\nF\n(3, 4) y\n"};
    PPOut o = run_pp(&in);
    CHECK_STR(o.lines, "x 1 + 2\n3 + 4 y\n");
    free_out(&o);
  }
  /* Directives inside macro arguments. */
  CHECK_PP("#define EMPTY\n#define FN(a, b) [a|b]\nFN(1,\n#ifdef EMPTY\n 2\n#else\n 3\n#endif\n)\n",
           "[1|2]");
  /* Expansion results carry the use site. */
  {
    BareCtx *b = calloc(1, sizeof *b);
    WbVirtualFile f = {"t.h", "#define ONE 1\n#define F(x) (x + ONE)\nint v = F(2);\n", 0};
    f.len = strlen(f.contents);
    WbOptions o = {.header_path = "t.h", .files = &f, .n_files = 1, .sysroot = NO_SYSROOT};
    b->ctx.opts = &o;
    b->ctx.bail = &b->bail;
    b->ctx.arena_limit = (size_t)64 << 20;
    if (setjmp(b->bail) == 0) {
      Token *t = pp_run(&b->ctx);
      while (t->kind != TK_EOF && !tok_is(t, "("))
        t = t->next;
      CHECK(t->origin && t->origin->line == 3 && t->origin->col == 9);
      CHECK(t->macro_name && strcmp(t->macro_name, "F") == 0);
      CHECK(t->line == 2 && t->col == 14); /* where it is spelled */
      Token *two = t->next;
      CHECK(tok_is(two, "2") && !two->origin && two->line == 3 && two->col == 11);
      Token *one = two->next->next;
      CHECK(tok_is(one, "1") && one->origin && strcmp(one->macro_name, "ONE") == 0);
      CHECK(one->origin->origin && tok_use_site(one)->line == 3 && tok_use_site(one)->col == 9);
      CHECK(tok_use_site(one)->file->reported);
    } else {
      CHECK(!"bailed out");
    }
    arena_free(&b->ctx.arena);
    buf_release(&b->ctx.diag);
    free(b);
  }
}

/* ---- conditionals and expressions ------------------------------------------ */

static void test_conditionals(void) {
  CHECK_PP("#if 1 ? 2 : (1/0)\nok\n#endif\n", "ok");
  CHECK_PP(
      "#if (-1 < 0u) == 0 && (-1 < 0) && 18446744073709551615u == -1 && 0xFFFFFFFFFFFFFFFF > 0\n"
      "ok\n#endif\n",
      "ok");
  CHECK_PP("#if (1 << 63) < 0 && (-8 >> 1) == -4 && (7 / -2) == -3 && (7 % -2) == 1 && ~0u == "
           "0xffffffffffffffff\nok\n#endif\n",
           "ok");
  CHECK_PP("#if (2 || 1/0) && !(0 && 1/0) && (1, 2) == 2 && (0 ? 1u : -1) > 0\nok\n#endif\n", "ok");
  CHECK_PP("#if 10 - 2 * 3 == 4 && 7 & 3 == 3 && (1 | 2 ^ 3) == 1 && 017 == 15 && 0b101 == 5\n"
           "ok\n#endif\n",
           "ok");
  CHECK_PP("#if 'a' == 97 && '\\377' < 0 && 'ab' == 24930 && L'\\xffffffff' < 0 && u'\\xffff' > 0 "
           "&& U'\\xffffffff' > 0 && '\\n' == 10 && '\\0' == 0 && L'\xc3\xa9' == 233\nok\n#endif\n",
           "ok");
  CHECK_PP("#if true || false || UNDEFINED\nno\n#else\nok\n#endif\n", "ok");
  /* (the argument is expanded first: F must not expand to something else) */
  CHECK_PP("#define F()\n#define HAS(x) defined(x)\n"
           "#if defined F && defined(F) && !defined G && HAS(F) && !HAS(G)\nok\n#endif\n",
           "ok");
  CHECK_PP("#if 0\n#if garbage ' unterminated\n#else\n#endif\n#elif 1\nok1\n#else\nno\n#endif\n"
           "#ifdef X\nno\n#elifndef X\nok2\n#endif\n"
           "#define X\n#ifndef X\nno\n#elifdef X\nok3\n#elif 1/0\n#endif\n"
           "#if 0\n#elif 0\n#else\nok4\n#endif\n",
           "ok1 ok2 ok3 ok4");
  CHECK_PP("#if 0\n#error not here\n#include \"missing.h\"\n#bogus\n'unterminated\n#endif\nend\n",
           "end");
  /* Deep #if nesting is not recursion. */
  {
    Buf b = {0};
    for (int i = 0; i < 5000; i++)
      buf_puts(&b, "#if 1\n");
    buf_puts(&b, "deep\n");
    for (int i = 0; i < 5000; i++)
      buf_puts(&b, "#endif\n");
    CHECK_PP(b.data, "deep");
    buf_release(&b);
  }

  /* Errors, located. */
  CHECK_PP_ERROR("int a;\n#if 1\nint b;\n", 1,
                 "t.h:2:2: error: unterminated conditional directive");
  CHECK_PP_ERROR("#if 1/0\n#endif\n", 1,
                 "t.h:1:6: error: division by zero in preprocessor expression");
  CHECK_PP_ERROR("#if\n#endif\n", 1, "t.h:1:2: error: #if with no expression");
  CHECK_PP_ERROR("#if 1 +\n#endif\n", 1, "t.h:1:8: error: expected value in expression");
  CHECK_PP_ERROR("#if (1\n#endif\n", 1, "t.h:1:5: error: expected ')' in preprocessor expression");
  CHECK_PP_ERROR("#if 1.5\n#endif\n", 1, "t.h:1:5: error: floating point literal in preprocessor");
  CHECK_PP_ERROR("#if FOO(2)\n#endif\n", 1,
                 "t.h:1:5: error: function-like macro 'FOO' is not defined");
  CHECK_PP_ERROR("#if 1 2\n#endif\n", 1, "t.h:1:7: error: token is not a valid binary operator");
  CHECK_PP_ERROR("#if 09\n#endif\n", 1, "t.h:1:6: error: invalid digit '9' in octal constant");
  CHECK_PP_ERROR("#if 1 = 1\n#endif\n", 1, "t.h:1:7: error: token is not a valid binary operator");
  CHECK_PP_ERROR("#if 1zz\n#endif\n", 1, "t.h:1:6: error: invalid suffix 'zz' on integer constant");
  CHECK_PP_ERROR("#if 99999999999999999999\n#endif\n", 1, "integer literal is too large");
  CHECK_PP_ERROR("#if \"s\"\n#endif\n", 1,
                 "t.h:1:5: error: invalid token at start of a preprocessor");
  CHECK_PP_ERROR("#if defined(\n#endif\n", 1, "error: macro name must be an identifier");
  CHECK_PP_ERROR("#else\n", 1, "t.h:1:2: error: #else without #if");
  CHECK_PP_ERROR("#endif\n", 1, "t.h:1:2: error: #endif without #if");
  CHECK_PP_ERROR("#elif 1\n", 1, "t.h:1:2: error: #elif without #if");
  CHECK_PP_ERROR("#if 1\n#else\n#else\n#endif\n", 1, "t.h:3:2: error: #else after #else");
  CHECK_PP_ERROR("#ifdef\n#endif\n", 1, "t.h:1:2: error: macro name missing");
  /* An error in #if makes it false, and processing goes on. */
  CHECK_PP_ERROR("#if 1 +\nno\n#else\nyes\n#endif\n#if 1/0\n#endif\n", 2, "t.h:6:6: error");
  {
    PPIn in = {.main = "#if 1 +\nno\n#else\nyes\n#endif\n"};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "yes");
    free_out(&o);
  }
}

/* ---- built-in macros and operators -------------------------------------- */

static void test_builtins(void) {
  WbVirtualFile inc = {"inc.h", "__FILE__ __LINE__ __INCLUDE_LEVEL__ __BASE_FILE__\n", 0};
  inc.len = strlen(inc.contents);
  PPIn in = {.main = "__FILE__ __LINE__ __COUNTER__ __COUNTER__ __INCLUDE_LEVEL__\n"
                     "#include \"inc.h\"\n"
                     "__DATE__ __TIME__ __FILE_NAME__\n"
                     "#define L __LINE__\n"
                     "L\n"
                     "#line 100\n"
                     "__LINE__\n"
                     "#line 200 \"other.h\"\n"
                     "__LINE__ __FILE__\n",
             .files = &inc,
             .nfiles = 1};
  PPOut o = run_pp(&in);
  CHECK_STR(o.out,
            "\"t.h\" 1 0 1 0 \"inc.h\" 1 1 \"t.h\" \"Jan  1 1970\" \"00:00:00\" \"t.h\" 5 100 "
            "200 \"other.h\"");
  CHECK(o.nerrors == 0);
  free_out(&o);

  /* The target's predefined macros. */
  CHECK_PP(
      "__wasm32__ __wasm__ __EMSCRIPTEN__ __WASMBIND__ __STDC_VERSION__ __SIZE_TYPE__ "
      "__INT64_TYPE__ __CHAR_BIT__ __SIZEOF_LONG__ __SIZEOF_POINTER__ __ILP32__ __clang_major__\n"
      "#if defined(__linux__) || defined(__x86_64__) || defined(__CHAR_UNSIGNED__)\nbad\n#endif\n",
      "1 1 1 1 201710L long unsigned int long long int 8 4 4 1 14");

  /* Feature checks answer as clang 14 does for wasm32. */
  CHECK_PP(
      "__has_attribute(visibility) __has_attribute(__aligned__) __has_attribute(packed) "
      "__has_attribute(enum_extensibility) __has_attribute(foo) __has_attribute(dllexport)\n"
      "__has_builtin(__builtin_expect) __has_builtin(__builtin_va_list) "
      "__has_builtin(__sync_fetch_and_add) "
      "__has_builtin(__builtin_ia32_pause) __has_builtin(nope)\n"
      "__has_feature(c_alignas) __has_feature(address_sanitizer) __has_extension(c_static_assert) "
      "__has_extension(gnu_asm) __has_feature(gnu_asm)\n"
      "__has_c_attribute(deprecated) __has_declspec_attribute(dllexport) "
      "__is_identifier(int) __is_identifier(foo) __is_identifier(__wchar_t) "
      "__has_warning(\"-Wall\") __has_warning(\"-Wfoo-bar\")\n",
      "1 1 1 1 0 0 1 0 1 0 0 1 0 1 1 0 0 0 0 1 1 1 0");
  CHECK_PP(
      "#ifdef __has_include\na\n#endif\n#ifdef __has_attribute\nb\n#endif\n"
      "#if defined(__LINE__) && !defined(_Pragma) && !defined(__has_cpp_attribute)\nc\n#endif\n",
      "a b c");

  /* __has_include: virtual files, built-in headers, computed names. */
  {
    WbVirtualFile f = {"there.h", "", 0};
    PPIn in2 = {.main =
                    "#define H \"there.h\"\n#define S <stddef.h>\n"
                    "__has_include(\"there.h\") __has_include(<there.h>) __has_include(\"nope.h\") "
                    "__has_include(<stddef.h>) __has_include(H) __has_include(S) "
                    "__has_include(<nope/x.h>)\n"
                    "#if __has_include(<stdint.h>) && !__has_include(\"gone.h\")\nok\n#endif\n",
                .files = &f,
                .nfiles = 1};
    PPOut o2 = run_pp(&in2);
    CHECK_STR(o2.out, "1 0 0 1 1 1 0 ok");
    CHECK(o2.nerrors == 0);
    free_out(&o2);
  }

  /* _Pragma and #pragma leave nothing; push_macro / pop_macro. */
  CHECK_PP("a _Pragma(\"GCC diagnostic push\") b\n#pragma clang diagnostic ignored \"-Wx\"\n"
           "#define P _Pragma(\"whatever\") c\nP\n"
           "#define X 1\n#pragma push_macro(\"X\")\n#undef X\n#define X 2\nX\n#pragma "
           "pop_macro(\"X\")\nX\n",
           "a b c 2 1");
  CHECK_PP_ERROR("_Pragma(1)\n", 1, "t.h:1:1: error: _Pragma takes a parenthesized string literal");
  /* The operand of _Pragma is macro-expanded first, as clang does (glib's
   * _Pragma(G_STRINGIFY(x))). */
  CHECK_PP("#define S(x) #x\n#define DO(x) _Pragma(S(x))\n#define Y 1\n"
           "DO(push_macro(\"Y\"))\n#undef Y\n#define Y 2\nY\n_Pragma(S(pop_macro(\"Y\"))) Y\n"
           "#define W(x) DO(GCC warning #x) x\nW(7)\n",
           "2 1 7");
  CHECK_PP_ERROR("#define S(x) x\n_Pragma(S(1))\n", 1,
                 "t.h:2:1: error: _Pragma takes a parenthesized string literal");
  /* #pragma pack: a token for the parser where the maximum field alignment
   * changes (operands macro-expanded; push/pop with labels). */
  CHECK_PP(
      "#define N 2\n#pragma pack(push, N)\na\n#pragma pack(push, lbl, 1)\n#pragma pack(push, 4)\n"
      "b\n#pragma pack(pop, lbl)\nc\n#pragma pack(show)\n#pragma pack(2)\n"
      "_Pragma(\"pack(pop)\") d\n#pragma pack(8)\n#pragma pack()\n",
      "#pragma pack(2) a #pragma pack(1) #pragma pack(4) b #pragma pack(2) c #pragma pack() d "
      "#pragma pack(8) #pragma pack()");
}

/* ---- #include ------------------------------------------------------------- */

static void test_include(void) {
  /* "..." from the includer's directory first, then -I; <...> only -I. */
  {
    WbVirtualFile files[] = {
        {"dir/a.h", "#include \"b.h\"\na_end\n", 0},
        {"dir/b.h", "from_dir_b\n", 0},
        {"b.h", "from_top_b\n", 0},
        {"inc/c.h", "from_inc_c\n", 0},
        {"inc2/c.h", "from_inc2_c\n", 0},
        {"inc/n.h", "n1\n#include_next <n.h>\n", 0},
        {"inc2/n.h", "n2\n#include_next <n.h>\n", 0},
        {"sys/n.h", "n3\n", 0},
        {"sys/s.h", "sys_s\n", 0},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
      files[i].len = strlen(files[i].contents);
    const char *incs[] = {"inc", "inc2"};
    const char *sys[] = {"sys"};
    PPIn in = {.main = "#include \"dir/a.h\"\n#include <c.h>\n#include \"c.h\"\n#include <n.h>\n"
                       "#define S <s.h>\n#include S\n#define Q(x) #x\n#include Q(b.h)\n",
               .files = files,
               .nfiles = (int)(sizeof files / sizeof files[0]),
               .incs = incs,
               .nincs = 2,
               .sys = sys,
               .nsys = 1};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "from_dir_b a_end from_inc_c from_inc_c n1 n2 n3 sys_s from_top_b");
    CHECK(o.nerrors == 0);
    if (o.nerrors)
      fprintf(stderr, "%s", o.diag);
    free_out(&o);
  }
  /* Which files are reported, which are system files. */
  {
    WbVirtualFile files[] = {
        {"inc/r.h", "#define IN_R 1\n", 0},
        {"sys/s.h", "#define IN_S 1\n", 0},
        {"q.h", "#define IN_Q 1\n", 0},
    };
    for (size_t i = 0; i < 3; i++)
      files[i].len = strlen(files[i].contents);
    const char *incs[] = {"inc"};
    const char *sys[] = {"sys"};
    WbCppOption cpp[] = {{WB_CPP_DEFINE, "CMD=1"}};
    PPIn in = {.main = "#define FIRST 1\n#define FN(x) x\n#include <r.h>\n#include <s.h>\n"
                       "#include \"q.h\"\n#include <stddef.h>\n#define GONE 1\n#undef GONE\n"
                       "#define LAST 2\n#define FIRST 3\n",
               .files = files,
               .nfiles = 3,
               .incs = incs,
               .nincs = 1,
               .sys = sys,
               .nsys = 1,
               .cpp = cpp,
               .ncpp = 1,
               .expand = "LAST"};
    PPOut o = run_pp(&in);
    CHECK_STR(o.macros, "IN_R IN_Q LAST FIRST");
    CHECK_STR(o.expanded, "2");
    free_out(&o);
  }
  /* Include guards and #pragma once: included once; a guard that is
   * #undef'd lets the file in again; a file with text after its #endif is
   * not guarded. */
  {
    WbVirtualFile files[] = {
        {"g.h", "#ifndef G_H\n#define G_H\nin_g\n#endif\n", 0},
        {"o.h", "#pragma once\nin_o\n", 0},
        {"p.h", "_Pragma(\"once\") in_p\n", 0},
        {"n.h", "#ifndef N_H\n#define N_H\nin_n\n#endif\nafter_n\n", 0},
        {"e.h", "#if !defined(E_H)\n#define E_H\nin_e\n#else\nelse_e\n#endif\n", 0},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
      files[i].len = strlen(files[i].contents);
    PPIn in = {.main = "#include \"g.h\"\n#include \"g.h\"\n#include \"o.h\"\n#include \"o.h\"\n"
                       "#include \"p.h\"\n#include \"p.h\"\n#include \"n.h\"\n#include \"n.h\"\n"
                       "#include \"e.h\"\n#include \"e.h\"\n#undef G_H\n#include \"g.h\"\n"
                       "#import \"i.h\"\n#import \"i.h\"\n",
               .files = files,
               .nfiles = (int)(sizeof files / sizeof files[0])};
    WbVirtualFile all[6];
    memcpy(all, files, sizeof files);
    all[5] = (WbVirtualFile){"i.h", "in_i\n", 5};
    in.files = all;
    in.nfiles = 6;
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "in_g in_o in_p in_n after_n after_n in_e else_e in_g in_i");
    CHECK(o.nerrors == 0);
    /* <built-in>, <command line>, t.h and the six headers: each read once. */
    CHECK(o.nfiles == 9);
    free_out(&o);
  }
  /* Built-in headers: clang's types for wasm32. */
  CHECK_PP("#include <stddef.h>\n#include <stdbool.h>\n#include <limits.h>\n#include <stdint.h>\n"
           "#include <stdarg.h>\n#include <float.h>\n#include <iso646.h>\n#include <inttypes.h>\n"
           "#include <stdalign.h>\n#include <stdnoreturn.h>\n"
           "true false bool INT_MAX LONG_MAX UINT64_C(1) INT64_MAX SIZE_MAX NULL offsetof(S, f) "
           "CHAR_BIT FLT_MAX and alignof noreturn\n",
           "typedef long int ptrdiff_t; typedef long unsigned int size_t; typedef int wchar_t; "
           "typedef struct { long long __clang_max_align_nonce1 "
           "__attribute__((__aligned__(__alignof__(long "
           "long)))); long double __clang_max_align_nonce2 "
           "__attribute__((__aligned__(__alignof__(long double)))); } max_align_t; "
           "typedef signed char int8_t; typedef unsigned char uint8_t; typedef short int16_t; "
           "typedef unsigned short uint16_t; typedef int int32_t; typedef unsigned int uint32_t; "
           "typedef long long int int64_t; typedef long long unsigned int uint64_t; "
           "typedef signed char int_least8_t; typedef unsigned char uint_least8_t; "
           "typedef short int_least16_t; typedef unsigned short uint_least16_t; "
           "typedef int int_least32_t; typedef unsigned int uint_least32_t; "
           "typedef long long int int_least64_t; typedef long long unsigned int uint_least64_t; "
           "typedef signed char int_fast8_t; typedef unsigned char uint_fast8_t; "
           "typedef short int_fast16_t; typedef unsigned short uint_fast16_t; "
           "typedef int int_fast32_t; typedef unsigned int uint_fast32_t; "
           "typedef long long int int_fast64_t; typedef long long unsigned int uint_fast64_t; "
           "typedef long int intptr_t; typedef long unsigned int uintptr_t; "
           "typedef long long int intmax_t; typedef long long unsigned int uintmax_t; "
           "typedef __builtin_va_list va_list; typedef __builtin_va_list __gnuc_va_list; "
           "typedef struct { intmax_t quot, rem; } imaxdiv_t; "
           "1 0 _Bool 2147483647 2147483647L 1ULL 9223372036854775807LL 4294967295UL ((void*)0) "
           "__builtin_offsetof(S, f) 8 3.40282347e+38F && _Alignof _Noreturn");
  /* Errors. */
  CHECK_PP_ERROR("#include \"missing.h\"\nafter\n", 1,
                 "t.h:1:10: error: 'missing.h' file not found");
  CHECK_PP_ERROR("#include <missing.h>\n", 1, "t.h:1:10: error: 'missing.h' file not found");
  CHECK_PP_ERROR("#include\n", 1, "t.h:1:2: error: expected \"FILENAME\" or <FILENAME>");
  CHECK_PP_ERROR("#include <x.h\n", 1, "error: expected '>'");
  CHECK_PP_ERROR("#include \"t.h\"\n", 1, "t.h:1:2: error: #include nested too deeply");
  {
    PPIn in = {
        .main = "#include \"x.h\" junk\n", .files = &(WbVirtualFile){"x.h", "x\n", 2}, .nfiles = 1};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "x");
    CHECK(o.nwarnings == 1 && strstr(o.diag, "t.h:1:16: warning: extra tokens at end of #include"));
    free_out(&o);
  }
}

/* ---- other directives, command line, errors --------------------------------- */

static void test_directives(void) {
  CHECK_PP("#\n# /* null directive */\n#ident \"x\"\n#sccs \"y\"\n#pragma anything at all\n"
           "#assert x(y)\nok\n",
           "ok");
  CHECK_PP("#define X 1\n#undef X\n#undef NEVER\nX\n", "X");
  CHECK_PP("# 33 \"file.h\" 1 3\n__LINE__ __FILE__\n", "33 \"file.h\"");
  CHECK_PP_ERROR("#line 50\n\n#if 1/0\n#endif\n", 1, "t.h:51:6: error: division by zero");
  {
    PPIn in = {.main = "#warning careful now\n#error this is \"bad\" don't\nafter\n"};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 1 && o.nwarnings == 1);
    CHECK(strstr(o.diag, "t.h:1:2: warning: careful now") != NULL);
    CHECK(strstr(o.diag, "t.h:2:2: error: this is \"bad\" don't") != NULL);
    CHECK_STR(o.out, "after");
    free_out(&o);
  }
  CHECK_PP_ERROR("#foo\nx\n", 1, "t.h:1:2: error: invalid preprocessing directive");
  CHECK_PP_ERROR("#define defined 1\n", 1,
                 "t.h:1:9: error: 'defined' cannot be used as a macro name");
  CHECK_PP_ERROR("#define 3\n", 1, "t.h:1:9: error: macro name must be an identifier");
  CHECK_PP_ERROR("#define G(a,a) a\n", 1, "t.h:1:13: error: duplicate macro parameter name 'a'");
  CHECK_PP_ERROR("#define G(a b) a\n", 1,
                 "t.h:1:13: error: expected comma in macro parameter list");
  CHECK_PP_ERROR("#define G(a\n", 1, "t.h:1:12: error: expected comma in macro parameter list");
  CHECK_PP_ERROR("#define G(a,\n", 1, "t.h:1:13: error: missing ')' in macro parameter list");
  CHECK_PP_ERROR("#define H(a) #b\n", 1,
                 "t.h:1:14: error: '#' is not followed by a macro parameter");
  CHECK_PP_ERROR("#define I(a) ## a\n", 1, "t.h:1:14: error: '##' cannot appear at either end");
  CHECK_PP_ERROR("#undef\n", 1, "t.h:1:2: error: macro name missing");
  CHECK_PP_ERROR("#define F(a) a\nF(1, 2)\n", 1,
                 "t.h:2:6: error: too many arguments provided to function-like macro invocation");
  CHECK_PP_ERROR("#define G() x\nG(1)\n", 1, "t.h:2:3: error: too many arguments provided");
  /* After an argument error the name stays (clang's recovery). */
  {
    PPIn in = {.main = "#define F(a, b) a\nx F(1) y\n"};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "x F y");
    free_out(&o);
  }
  CHECK_PP_ERROR("#define F(a, b) a\nF(1)\n", 1,
                 "t.h:2:4: error: too few arguments provided to function-like macro invocation");
  CHECK_PP_ERROR("#define F(a) a\nF(1, (2\n", 1,
                 "t.h:2:1: error: unterminated function-like macro invocation");
  CHECK_PP_ERROR("#define F(a) a\nF(\n#include \"x.h\"\n)\n", 1,
                 "t.h:3:2: error: #include inside macro arguments is not supported");
  /* Pasting errors point into the definition, with a note. */
  CHECK_PP_ERROR("#define X(a) a ## +\nint X(1);\n", 1,
                 "t.h:2:5: error: pasting formed '1+', an invalid preprocessing token\n"
                 "int X(1);\n    ^\nt.h:1:16: note: expanded from macro 'X'");
  /* Unterminated literals are errors where they are used, not elsewhere. */
  CHECK_PP_ERROR("char c = 'x;\n", 1, "t.h:1:10: error: missing terminating ' character");
  CHECK_PP_ERROR("#define Q \"open\nQ\n", 1, "t.h:2:1: error: missing terminating '\"' character");
  CHECK_PP("#define Q don't\n#if 0\n'\n#endif\nok\n", "ok");
  /* Stray characters are tokens for the parser to reject. */
  CHECK_PP("a @ b ` c\n", "a @ b ` c");

  /* Command line: -D, -U, -include in order. */
  {
    WbVirtualFile f = {"pre.h", "#define FROM_PRE 7\npre_text\n", 0};
    f.len = strlen(f.contents);
    WbCppOption cpp[] = {{WB_CPP_DEFINE, "A"},           {WB_CPP_DEFINE, "B=2"},
                         {WB_CPP_DEFINE, "C="},          {WB_CPP_DEFINE, "F(x)=(x*2)"},
                         {WB_CPP_DEFINE, "D=1"},         {WB_CPP_UNDEF, "D"},
                         {WB_CPP_UNDEF, "__WASMBIND__"}, {WB_CPP_INCLUDE, "pre.h"}};
    PPIn in = {.main = "A B [C] F(3) D __WASMBIND__ FROM_PRE\n",
               .files = &f,
               .nfiles = 1,
               .cpp = cpp,
               .ncpp = 8};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "pre_text 1 2 [] (3*2) D __WASMBIND__ 7");
    CHECK_STR(o.macros, "");
    CHECK(o.nerrors == 0);
    free_out(&o);
  }
}

/* ---- pp_expand_tokens ------------------------------------------------------- */

static void test_expand_tokens(void) {
  /* Place-dependent results stay recognizable (parse.c skips them). */
  {
    PPIn in = {.main = "#define L __LINE__\n#define X (L + 1)\n", .expand = "X"};
    PPOut o = run_pp(&in);
    CHECK_STR(o.expanded, "(2 + 1)");
    free_out(&o);
    BareCtx *b = calloc(1, sizeof *b);
    WbVirtualFile f = {"t.h", "#define L __LINE__\nint a = L;\n", 0};
    f.len = strlen(f.contents);
    WbOptions opts = {.header_path = "t.h", .files = &f, .n_files = 1, .sysroot = NO_SYSROOT};
    b->ctx.opts = &opts;
    b->ctx.bail = &b->bail;
    b->ctx.arena_limit = (size_t)64 << 20;
    if (setjmp(b->bail) == 0) {
      Token *t = pp_run(&b->ctx);
      while (t->kind != TK_EOF && t->kind != TK_NUM)
        t = t->next;
      CHECK(tok_is(t, "2") && t->macro_name && strcmp(t->macro_name, "__LINE__") == 0);
      CHECK(t->origin && t->origin->origin && strcmp(t->origin->macro_name, "L") == 0);
      CHECK(tok_use_site(t)->line == 2 && tok_use_site(t)->col == 9);
    }
    arena_free(&b->ctx.arena);
    buf_release(&b->ctx.diag);
    free(b);
  }

  PPIn in = {.main = "#define BIT(n) (1u << (n))\n#define FLAG BIT(3)\n#define BAD BIT(\n"
                     "#define SELF SELF + 1\n#define LATER X\n#define X 42\n",
             .expand = "FLAG"};
  PPOut o = run_pp(&in);
  CHECK_STR(o.expanded, "(1u << (3))");
  CHECK_STR(o.macros, "FLAG BAD SELF LATER X");
  free_out(&o);
  in.expand = "BAD";
  o = run_pp(&in);
  CHECK_STR(o.expanded, "(null)");
  CHECK(o.nerrors == 0); /* quiet: the failure is the NULL result */
  free_out(&o);
  in.expand = "SELF";
  o = run_pp(&in);
  CHECK_STR(o.expanded, "SELF + 1 + 1");
  free_out(&o);
  in.expand = "LATER";
  o = run_pp(&in);
  CHECK_STR(o.expanded, "42");
  free_out(&o);
}

/* ---- limits: pathological input ends with a located error ------------------- */

static void test_limits(void) {
  /* Nested macro arguments: deeper than the expansion limit (400), and
   * deeper than the parentheses allowed in one invocation (1024). */
  static const struct {
    int levels;
    const char *message;
  } nested[] = {{600, "error: macro expansion nested too deeply"},
                {2000, "error: parentheses in macro arguments nested more than 1024 deep"}};
  for (size_t k = 0; k < sizeof nested / sizeof nested[0]; k++) {
    Buf b = {0};
    buf_puts(&b, "#define f(x) x\n");
    for (int i = 0; i < nested[k].levels; i++)
      buf_puts(&b, "f(");
    buf_puts(&b, "1");
    for (int i = 0; i < nested[k].levels; i++)
      buf_puts(&b, ")");
    buf_puts(&b, "\n");
    PPIn in = {.main = b.data};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 1);
    CHECK(strstr(o.diag, "t.h:2:") && strstr(o.diag, nested[k].message));
    free_out(&o);
    buf_release(&b);
  }
  /* Long chains of macros: fine up to a limit, then a located error. */
  {
    Buf b = {0};
    buf_puts(&b, "#define A0 x\n#define F0(x) x\n");
    for (int i = 1; i < 3000; i++)
      buf_printf(&b, "#define A%d A%d\n#define F%d(x) F%d(x)\n", i, i - 1, i, i - 1);
    buf_puts(&b, "A2999 F2999(1)\n");
    PPIn in = {.main = b.data};
    PPOut o = run_pp(&in);
    CHECK_STR(o.out, "x 1");
    CHECK(o.nerrors == 0);
    free_out(&o);
    buf_release(&b);
    buf_puts(&b, "#define A0 x\n");
    for (int i = 1; i < 10100; i++)
      buf_printf(&b, "#define A%d A%d\n", i, i - 1);
    buf_puts(&b, "A10099\n");
    in.main = b.data;
    o = run_pp(&in);
    CHECK(o.nerrors == 1);
    CHECK(strstr(o.diag, "t.h:10101:1: error: macro expansion nested too deeply") != NULL);
    free_out(&o);
    buf_release(&b);
  }
  /* Exponential expansion. */
  {
    Buf b = {0};
    buf_puts(&b, "#define a0 x x\n");
    for (int i = 1; i <= 40; i++)
      buf_printf(&b, "#define a%d a%d a%d\n", i, i - 1, i - 1);
    buf_puts(&b, "a40\n");
    PPIn in = {.main = b.data, .arena_limit = (size_t)64 << 20};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 1);
    CHECK(strstr(o.diag, "error: macro expansion produces too many tokens") != NULL);
    CHECK(strstr(o.diag, "t.h:") != NULL);
    free_out(&o);
    buf_release(&b);
  }
  /* Unguarded files included exponentially often: a located error. */
  {
    WbVirtualFile files[12];
    char names[12][16], texts[12][96];
    for (int i = 0; i < 12; i++) {
      snprintf(names[i], sizeof names[i], "e%d.h", i);
      if (i < 11)
        snprintf(texts[i], sizeof texts[i], "#include \"e%d.h\"\n#include \"e%d.h\"\nx%d\n", i + 1,
                 i + 1, i);
      else
        snprintf(texts[i], sizeof texts[i], "leaf leaf leaf leaf\n");
      files[i] = (WbVirtualFile){names[i], texts[i], strlen(texts[i])};
    }
    PPIn in = {.header = "e0.h", .files = files, .nfiles = 12, .arena_limit = (size_t)2 << 20};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 1);
    CHECK(strstr(o.diag, "error: too much input: reading 'e") != NULL);
    CHECK(strstr(o.diag, ".h:1:2: error") || strstr(o.diag, ".h:2:2: error"));
    free_out(&o);
  }
  /* Deep #if expressions. */
  {
    Buf b = {0};
    buf_puts(&b, "#if ");
    for (int i = 0; i < 3000; i++)
      buf_puts(&b, "(");
    buf_puts(&b, "1");
    for (int i = 0; i < 3000; i++)
      buf_puts(&b, ")");
    buf_puts(&b, "\n#endif\n#if 1");
    for (int i = 0; i < 3000; i++)
      buf_puts(&b, " ? 1 : 0");
    buf_puts(&b, "\n#endif\n#if ");
    for (int i = 0; i < 3000; i++)
      buf_puts(&b, "-");
    buf_puts(&b, "1\n#endif\nok\n");
    PPIn in = {.main = b.data};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 3);
    CHECK(strstr(o.diag, "t.h:1:") && strstr(o.diag, "t.h:3:") && strstr(o.diag, "t.h:5:"));
    CHECK(strstr(o.diag, "preprocessor expression nested too deeply") != NULL);
    CHECK_STR(o.out, "ok");
    free_out(&o);
    buf_release(&b);
  }
  /* Garbage bytes are tokens, not crashes. */
  {
    char junk[300];
    for (int i = 0; i < 299; i++)
      junk[i] = (char)(i % 7 == 0 ? '\n' : i % 5 == 0 ? '\\' : 1 + (i * 37) % 250);
    junk[299] = '\0';
    PPIn in = {.main = junk};
    PPOut o = run_pp(&in);
    CHECK(o.out != NULL);
    free_out(&o);
  }
}

/* ---- real headers (skipped when not installed) ------------------------------ */

static bool file_exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f)
    fclose(f);
  return f != NULL;
}

static void test_real_headers(void) {
  const char *sysroot = "/usr/share/emscripten/cache/sysroot";
  char stdio_path[256];
  snprintf(stdio_path, sizeof stdio_path, "%s/include/stdio.h", sysroot);
  if (file_exists(stdio_path)) {
    PPIn in = {.main = "#include <stdio.h>\n#include <stdint.h>\n#include <limits.h>\n"
                       "#include <stdlib.h>\n#include <string.h>\n#include <pthread.h>\n"
                       "int64_t i; size_t s; FILE *f; int m = INT_MAX; long l = LONG_MAX;\n",
               .sysroot = sysroot};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 0);
    if (o.nerrors)
      fprintf(stderr, "%s", o.diag);
    CHECK(strstr(o.out, "typedef int64_t int_fast64_t;") != NULL); /* musl's, via #include_next */
    CHECK(strstr(o.out, "int m = 2147483647; long l = 2147483647L;") != NULL);
    CHECK_STR(o.macros, "");
    free_out(&o);
  } else {
    fprintf(stderr, "note: %s not installed, sysroot smoke check skipped\n", stdio_path);
  }
  if (file_exists("/usr/include/zlib.h")) {
    PPIn in = {.header = "/usr/include/zlib.h", .sysroot = sysroot};
    PPOut o = run_pp(&in);
    CHECK(o.nerrors == 0);
    if (o.nerrors)
      fprintf(stderr, "%s", o.diag);
    CHECK(strstr(o.out, "extern int deflate (z_streamp strm, int flush);") != NULL);
    CHECK(strstr(o.macros, "Z_DEFLATED") != NULL);
    free_out(&o);
  } else {
    fprintf(stderr, "note: /usr/include/zlib.h not installed, zlib smoke check skipped\n");
  }
}

/* target.c: the table agrees with clang --target=wasm32-unknown-emscripten. */
static void test_target(void) {
  static const struct {
    TypeKind kind;
    int size, align;
  } want[] = {{TY_BOOL, 1, 1},  {TY_CHAR, 1, 1},   {TY_SHORT, 2, 2},   {TY_INT, 4, 4},
              {TY_LONG, 4, 4},  {TY_ULONG, 4, 4},  {TY_LLONG, 8, 8},   {TY_INT128, 16, 16},
              {TY_FLOAT, 4, 4}, {TY_DOUBLE, 8, 8}, {TY_LDOUBLE, 16, 8}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    CHECK(target_scalars[want[i].kind].kind == want[i].kind);
    CHECK(target_scalars[want[i].kind].size == want[i].size);
    CHECK(target_scalars[want[i].kind].align == want[i].align);
  }
  CHECK_STR(target_triple, "wasm32-unknown-emscripten");
  CHECK(strstr(target_predefined_macros, "#define __wasm32__ 1\n") != NULL);
  CHECK(strstr(target_predefined_macros, "#define __SIZE_TYPE__ long unsigned int\n") != NULL);
  CHECK(strstr(target_predefined_macros, "__linux__") == NULL);
}

void unit_pp(void) {
  test_target();
  test_tokenize();
  test_standard_examples();
  test_macros();
  test_conditionals();
  test_builtins();
  test_include();
  test_directives();
  test_expand_tokens();
  test_limits();
  test_real_headers();
}
