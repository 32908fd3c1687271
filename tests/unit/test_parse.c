/* Unit tests of the declaration parser, the type spellings, the wasm32
 * layouts and the constant expressions (parse.c, parse_expr.c, type.c,
 * layout.c), on sources tokenized directly (no preprocessor). The expected
 * values were checked with clang --target=wasm32-unknown-emscripten. */
#include "../../src/internal.h"
#include "unit.h"
#include <stdlib.h>

typedef struct {
  Ctx *ctx;
  jmp_buf bail;
} Run;

/* Parses src as the header "t.h" (a reported file). */
static Run *parse_src(const char *src) {
  Run *r = calloc(1, sizeof *r);
  r->ctx = calloc(1, sizeof *r->ctx);
  r->ctx->bail = &r->bail;
  r->ctx->arena_limit = (size_t)64 << 20;
  if (setjmp(r->bail) == 0) {
    Token *tok = tokenize_string(r->ctx, "t.h", src);
    tok->file->is_system = false;
    tok->file->reported = true;
    r->ctx->program.header = "dir/t.h";
    parse_translation_unit(r->ctx, tok);
  }
  return r;
}

static void done(Run *r) {
  arena_free(&r->ctx->arena);
  buf_release(&r->ctx->diag);
  free(r->ctx);
  free(r);
}

static const char *diags(Run *r) {
  return r->ctx->diag.data ? r->ctx->diag.data : "";
}

static Func *find_func(Run *r, const char *name) {
  Vec *v = &r->ctx->program.functions;
  for (int i = 0; i < v->len; i++)
    if (!strcmp(((Func *)v->items[i])->name, name))
      return v->items[i];
  return NULL;
}

static Record *find_record(Run *r, const char *name) {
  Vec *v = &r->ctx->program.records;
  for (int i = 0; i < v->len; i++)
    if (!strcmp(((Record *)v->items[i])->name, name))
      return v->items[i];
  return NULL;
}

static Enum *find_enum(Run *r, const char *name) {
  Vec *v = &r->ctx->program.enums;
  for (int i = 0; i < v->len; i++) {
    Enum *e = v->items[i];
    if (name ? e->name && !strcmp(e->name, name) : !e->name)
      return e;
  }
  return NULL;
}

/* The spelling of typedef `name`, or "(none)". */
static const char *td(Run *r, const char *name) {
  Vec *v = &r->ctx->program.typedefs;
  for (int i = 0; i < v->len; i++) {
    TypedefDecl *t = v->items[i];
    if (!strcmp(t->name, name))
      return type_spelling(r->ctx, t->type, NULL);
  }
  return "(none)";
}

static const char *param_type(Run *r, Func *f, int i) {
  if (!f || i >= f->type->nparams)
    return "(none)";
  return type_spelling(r->ctx, f->type->params[i].type, NULL);
}

static int64_t enum_value(Run *r, const char *enum_name, const char *cname) {
  Enum *e = find_enum(r, enum_name);
  if (!e)
    return -999999;
  for (int i = 0; i < e->nconsts; i++)
    if (!strcmp(e->consts[i].name, cname))
      return e->consts[i].value;
  return -999999;
}

static Member *field(Record *rec, const char *name) {
  if (!rec)
    return NULL;
  for (int i = 0; i < rec->nmembers; i++)
    if (!strcmp(rec->members[i].name, name))
      return &rec->members[i];
  return NULL;
}

#define CHECK_LAYOUT(rec, sz, al)                                                                  \
  do {                                                                                             \
    Record *r_ = (rec);                                                                            \
    CHECK(r_ != NULL);                                                                             \
    if (r_) {                                                                                      \
      CHECK((r_)->size == (sz));                                                                   \
      CHECK((r_)->align == (al));                                                                  \
      if (r_->size != (sz) || r_->align != (al))                                                   \
        fprintf(stderr, "  %s: size %lld align %d, expected %d %d\n", r_->name,                    \
                (long long)r_->size, r_->align, (sz), (al));                                       \
    }                                                                                              \
  } while (0)

#define CHECK_FIELD(rec, fname, off)                                                               \
  do {                                                                                             \
    Member *m_ = field((rec), (fname));                                                            \
    CHECK(m_ != NULL && m_->offset == (off));                                                      \
    if (m_ && m_->offset != (off))                                                                 \
      fprintf(stderr, "  field %s: offset %lld, expected %d\n", fname, (long long)m_->offset,      \
              (off));                                                                              \
  } while (0)

#define CHECK_BITS(rec, fname, width, boff)                                                        \
  do {                                                                                             \
    Member *m_ = field((rec), (fname));                                                            \
    CHECK(m_ != NULL && m_->bit_width == (width) && m_->bit_offset == (boff));                     \
    if (m_ && (m_->bit_width != (width) || m_->bit_offset != (boff)))                              \
      fprintf(stderr, "  bitfield %s: %d@%lld, expected %d@%d\n", fname, m_->bit_width,            \
              (long long)m_->bit_offset, (width), (boff));                                         \
  } while (0)

static void test_spellings(void) {
  Run *r = parse_src(
      "typedef unsigned long size_t;\n"
      "typedef const char *a;\n"
      "typedef char *const b;\n"
      "typedef int (*c)[4];\n"
      "typedef char *d[4];\n"
      "typedef void (*(*e)(int))(int);\n"
      "typedef int f(void *, const char *);\n"
      "typedef int g();\n"
      "typedef int (*h)(const char *, ...);\n"
      "typedef unsigned int i[4][2];\n"
      "typedef const volatile int j;\n"
      "typedef const char *restrict k;\n"
      "typedef long unsigned int l;\n"
      "typedef signed m;\n"
      "typedef short int n;\n"
      "typedef long long int o;\n"
      "typedef __builtin_va_list va_list;\n"
      "typedef char q[];\n"
      "typedef void (*r)(void);\n"
      "typedef size_t *ps;\n"
      "typedef const char *const cc[2];\n"
      "typedef int (*const fpc)(int);\n"
      "typedef int (*afp[3])(int);\n"
      "typedef int (**ppa)[2];\n"
      "typedef int (*fra(void))[3];\n"
      "typedef _Bool b1; typedef __int128 i128; typedef unsigned __int128 u128;\n"
      "typedef long double ld; typedef signed char sc; typedef char unsigned uc;\n"
      "typedef const struct S *cs;\n"
      "typedef __typeof__(int *) tp;\n"
      "typedef _Atomic(int) ai;\n"
      "typedef int A4[4]; typedef const A4 CA4;\n"
      "typedef int __attribute__((aligned(8))) * __restrict__ pa;\n"
      "typedef union U *pu; typedef enum EE *pe;\n"
      "typedef void (__attribute__((stdcall)) *cb)(int (*)(void), char (*[2])[3]);\n"
      "typedef int (f2)(int x, ...);\n"
      "typedef float fl; typedef double db; typedef unsigned us; typedef short unsigned su;\n"
      "typedef int i8 __attribute__((mode(QI))); typedef unsigned u64 "
      "__attribute__((__mode__(__DI__)));\n"
      "typedef int (*(*fpa)[2])(void); typedef struct S *(*mk)(const struct S *const *);\n");
  CHECK(r->ctx->nerrors == 0);
  CHECK_STR(td(r, "size_t"), "unsigned long");
  CHECK_STR(td(r, "a"), "const char *");
  CHECK_STR(td(r, "b"), "char *const");
  CHECK_STR(td(r, "c"), "int (*)[4]");
  CHECK_STR(td(r, "d"), "char *[4]");
  CHECK_STR(td(r, "e"), "void (*(*)(int))(int)");
  CHECK_STR(td(r, "f"), "int (void *, const char *)");
  CHECK_STR(td(r, "g"), "int ()");
  CHECK_STR(td(r, "h"), "int (*)(const char *, ...)");
  CHECK_STR(td(r, "i"), "unsigned int[4][2]");
  CHECK_STR(td(r, "j"), "const volatile int");
  CHECK_STR(td(r, "k"), "const char *restrict");
  CHECK_STR(td(r, "l"), "unsigned long");
  CHECK_STR(td(r, "m"), "int");
  CHECK_STR(td(r, "n"), "short");
  CHECK_STR(td(r, "o"), "long long");
  CHECK_STR(td(r, "va_list"), "void *");
  CHECK_STR(td(r, "q"), "char[]");
  CHECK_STR(td(r, "r"), "void (*)(void)");
  CHECK_STR(td(r, "ps"), "unsigned long *");
  CHECK_STR(td(r, "cc"), "const char *const[2]");
  CHECK_STR(td(r, "fpc"), "int (*const)(int)");
  CHECK_STR(td(r, "afp"), "int (*[3])(int)");
  CHECK_STR(td(r, "ppa"), "int (**)[2]");
  CHECK_STR(td(r, "fra"), "int (*(void))[3]");
  CHECK_STR(td(r, "b1"), "_Bool");
  CHECK_STR(td(r, "i128"), "__int128");
  CHECK_STR(td(r, "u128"), "unsigned __int128");
  CHECK_STR(td(r, "ld"), "long double");
  CHECK_STR(td(r, "sc"), "signed char");
  CHECK_STR(td(r, "uc"), "unsigned char");
  CHECK_STR(td(r, "cs"), "const struct S *");
  CHECK_STR(td(r, "tp"), "int *");
  CHECK_STR(td(r, "ai"), "int");
  CHECK_STR(td(r, "CA4"), "const int[4]");
  CHECK_STR(td(r, "pa"), "int *restrict");
  CHECK_STR(td(r, "pu"), "union U *");
  CHECK_STR(td(r, "pe"), "enum EE *");
  CHECK_STR(td(r, "cb"), "void (*)(int (*)(void), char (**)[3])");
  CHECK_STR(td(r, "f2"), "int (int, ...)");
  CHECK_STR(td(r, "fl"), "float");
  CHECK_STR(td(r, "db"), "double");
  CHECK_STR(td(r, "us"), "unsigned int");
  CHECK_STR(td(r, "su"), "unsigned short");
  CHECK_STR(td(r, "i8"), "signed char");
  CHECK_STR(td(r, "u64"), "unsigned long long");
  CHECK_STR(td(r, "fpa"), "int (*(*)[2])(void)");
  CHECK_STR(td(r, "mk"), "struct S *(*)(const struct S *const *)");
  CHECK_STR(type_spelling(r->ctx, type_pointer_to(r->ctx, type_builtin(r->ctx, TY_CHAR)), "p"),
            "char *p");
  done(r);
}

static void test_functions(void) {
  Run *r = parse_src(
      "typedef int fn_t(int a);\n"
      "void f(unsigned char out[32], const int x, int g(int), char *restrict p, int a[const static "
      "3]);\n"
      "int k();\n"
      "int v(void);\n"
      "int pr(const char *fmt, ...);\n"
      "static inline int sq(int x) { if (x) { return x * x; } return 0; }\n"
      "void (*signal(int sig, void (*func)(int)))(int);\n"
      "fn_t foo;\n"
      "int dup(int a);\n"
      "int dup(int b);\n"
      "extern int counter, table[4];\n"
      "int unnamed(int, char *);\n"
      "static int (*getter(void))[3];\n"
      "int vla(int n, int m[n][n]);\n"
      "__attribute__((annotate(\"wb_owned\"))) char "
      "*describe(__attribute__((annotate(\"wb_out\"))) int *n,\n"
      "    __attribute__((annotate(\"wb_len:\" \"n\"))) const double *xs, unsigned long n);\n"
      "__attribute__((annotate(\"wb_free:\" \"release\"))) void "
      "*make(__attribute__((annotate(\"wb_nullable\"))) const char *name);\n"
      "int asmlabel(int) __asm__(\"_asmlabel\") __attribute__((nothrow));\n"
      "extern __inline __attribute__((__gnu_inline__)) int gi(void) { return 1; }\n"
      "int knr(a, b) int a; char *b; { return 0; }\n");
  CHECK(r->ctx->nerrors == 0);
  if (r->ctx->nerrors)
    fprintf(stderr, "%s", diags(r));
  Func *f = find_func(r, "f");
  CHECK(f && f->type->nparams == 5);
  CHECK_STR(param_type(r, f, 0), "unsigned char *");
  CHECK_STR(param_type(r, f, 1), "int");
  CHECK_STR(param_type(r, f, 2), "int (*)(int)");
  CHECK_STR(param_type(r, f, 3), "char *");
  CHECK_STR(param_type(r, f, 4), "int *");
  CHECK(f && !strcmp(f->type->params[0].name, "out"));
  Func *k = find_func(r, "k");
  CHECK(k && k->type->no_prototype && k->type->nparams == 0);
  Func *v = find_func(r, "v");
  CHECK(v && !v->type->no_prototype && v->type->nparams == 0);
  Func *pr = find_func(r, "pr");
  CHECK(pr && pr->type->variadic && pr->type->nparams == 1);
  Func *sq = find_func(r, "sq");
  CHECK(sq && sq->is_static && sq->is_inline && sq->has_body);
  Func *sig = find_func(r, "signal");
  CHECK(sig != NULL);
  if (sig) {
    CHECK_STR(type_spelling(r->ctx, sig->type->base, NULL), "void (*)(int)");
    CHECK_STR(param_type(r, sig, 1), "void (*)(int)");
    CHECK_STR(sig->type->params[1].name, "func");
  }
  Func *foo = find_func(r, "foo");
  CHECK(foo && foo->type->nparams == 1 && !strcmp(foo->type->params[0].name, "a"));
  Func *dup = find_func(r, "dup");
  CHECK(dup && !strcmp(dup->type->params[0].name, "a"));
  int ndup = 0;
  for (int i = 0; i < r->ctx->program.functions.len; i++)
    ndup += !strcmp(((Func *)r->ctx->program.functions.items[i])->name, "dup");
  CHECK(ndup == 1);
  CHECK(find_func(r, "counter") == NULL && find_func(r, "table") == NULL);
  Func *un = find_func(r, "unnamed");
  CHECK(un && un->type->nparams == 2 && !strcmp(un->type->params[0].name, ""));
  Func *getter = find_func(r, "getter");
  CHECK(getter && getter->is_static && !getter->has_body);
  if (getter)
    CHECK_STR(type_spelling(r->ctx, getter->type->base, NULL), "int (*)[3]");
  CHECK_STR(param_type(r, find_func(r, "vla"), 1), "int (*)[]");
  Func *d = find_func(r, "describe");
  CHECK(d && (d->ret_annot.flags & A_OWNED) && d->ret_annot.tok);
  CHECK(d && (d->type->params[0].annot.flags & A_OUT));
  CHECK(d && d->type->params[1].annot.len && !strcmp(d->type->params[1].annot.len, "n"));
  CHECK(d && d->type->params[2].annot.flags == 0);
  Func *mk = find_func(r, "make");
  CHECK(mk && (mk->ret_annot.flags & A_OWNED) && mk->ret_annot.free_fn &&
        !strcmp(mk->ret_annot.free_fn, "release"));
  CHECK(mk && (mk->type->params[0].annot.flags & A_NULLABLE));
  CHECK(find_func(r, "asmlabel") != NULL);
  Func *gi = find_func(r, "gi");
  CHECK(gi && gi->is_inline && gi->has_body && !gi->is_static);
  Func *knr = find_func(r, "knr");
  CHECK(knr && knr->type->no_prototype && knr->has_body);
  done(r);
}

static void test_records(void) {
  Run *r = parse_src(
      "struct P { char c; int i; double d; short s; };\n"
      "struct A { char c; } __attribute__((aligned));\n"
      "typedef int aint __attribute__((aligned(2)));\n"
      "struct B { char c; aint x; };\n"
      "struct C { char c; aint x; } __attribute__((packed));\n"
      "typedef int bint __attribute__((aligned(16)));\n"
      "struct D { char c; bint x; } __attribute__((packed));\n"
      "struct E { char a:3; int b:30; char c; };\n"
      "struct F { int a:3; int :0; char c; int :5; };\n"
      "struct G { char a; int :5; };\n"
      "struct H { char a; long long b:4; };\n"
      "struct I { char a; _Bool b:1; short c:9; int d:17; long long e:40; };\n"
      "union U { char a:3; int b:20; };\n"
      "struct J { char a; int b[]; };\n"
      "struct K { short a; char b[0]; };\n"
      "struct __attribute__((packed)) PK { char a; int b:5; int c:30; short s; };\n"
      "struct M { char a; int b __attribute__((aligned(8))); char c; _Alignas(16) char d; };\n"
      "struct N { char a; int b __attribute__((packed)); };\n"
      "struct LD { char c; long double d; };\n"
      "struct O { struct { int q; } in; union { int u; float f; }; enum { E1 = 5 } e; struct { "
      "char x; } *p, arr[2]; };\n"
      "typedef struct { int b; } *PT, T2;\n"
      "typedef const struct { int z; } CT;\n"
      "struct Out { struct In { int x; } in; };\n"
      "typedef struct In InT;\n"
      "struct Fw; typedef struct Fw FwT; struct Fw { int a; char b; };\n"
      "union V { struct { short lo, hi; }; int all; };\n"
      "struct Deep { union { struct { int a; }; int b; }; int c; };\n"
      "typedef struct { struct { int k; } inner; } Outer;\n"
      "struct Z { int a:4, :4, b:8; unsigned : 0; unsigned char c; };\n"
      "struct Al { int a; } __attribute__((aligned(8)));\n"
      "struct Al2 { char c; struct Al al; };\n");
  CHECK(r->ctx->nerrors == 0);
  if (r->ctx->nerrors)
    fprintf(stderr, "%s", diags(r));
  Record *p = find_record(r, "struct P");
  CHECK_LAYOUT(p, 24, 8);
  CHECK_FIELD(p, "i", 4);
  CHECK_FIELD(p, "d", 8);
  CHECK_FIELD(p, "s", 16);
  CHECK_LAYOUT(find_record(r, "struct A"), 16, 16);
  CHECK_LAYOUT(find_record(r, "struct B"), 6, 2);
  CHECK_LAYOUT(find_record(r, "struct C"), 5, 1);
  CHECK_LAYOUT(find_record(r, "struct D"), 5, 1);
  Record *e = find_record(r, "struct E");
  CHECK_LAYOUT(e, 12, 4);
  CHECK_BITS(e, "a", 3, 0);
  CHECK_BITS(e, "b", 30, 32);
  CHECK_FIELD(e, "c", 8);
  Record *fr = find_record(r, "struct F");
  CHECK_LAYOUT(fr, 8, 4);
  CHECK_FIELD(fr, "c", 4);
  CHECK(fr && fr->nmembers == 2); /* unnamed bitfields are not listed */
  CHECK_LAYOUT(find_record(r, "struct G"), 2, 1);
  CHECK_LAYOUT(find_record(r, "struct H"), 8, 8);
  Record *i = find_record(r, "struct I");
  CHECK_LAYOUT(i, 16, 8);
  CHECK_BITS(i, "b", 1, 8);
  CHECK_BITS(i, "c", 9, 16);
  CHECK_BITS(i, "d", 17, 32);
  CHECK_BITS(i, "e", 40, 64);
  Record *u = find_record(r, "union U");
  CHECK_LAYOUT(u, 4, 4);
  CHECK_BITS(u, "b", 20, 0);
  Record *j = find_record(r, "struct J");
  CHECK_LAYOUT(j, 4, 4);
  CHECK_FIELD(j, "b", 4);
  Record *kk = find_record(r, "struct K");
  CHECK_LAYOUT(kk, 2, 2);
  CHECK_FIELD(kk, "b", 2);
  Record *pk = find_record(r, "struct PK");
  CHECK_LAYOUT(pk, 8, 1);
  CHECK_BITS(pk, "b", 5, 8);
  CHECK_BITS(pk, "c", 30, 13);
  CHECK_FIELD(pk, "s", 6);
  Record *m = find_record(r, "struct M");
  CHECK_LAYOUT(m, 32, 16);
  CHECK_FIELD(m, "b", 8);
  CHECK_FIELD(m, "c", 12);
  CHECK_FIELD(m, "d", 16);
  Record *n = find_record(r, "struct N");
  CHECK_LAYOUT(n, 5, 1);
  CHECK_FIELD(n, "b", 1);
  CHECK_LAYOUT(find_record(r, "struct LD"), 24, 8);

  Record *o = find_record(r, "struct O");
  CHECK_LAYOUT(o, 20, 4);
  CHECK(o && o->nmembers == 5);
  if (o && o->nmembers == 5) {
    CHECK_STR(type_spelling(r->ctx, o->members[0].type, NULL), "struct O::in");
    CHECK_STR(o->members[1].name, "");
    CHECK_STR(type_spelling(r->ctx, o->members[1].type, NULL), "union O::(anonymous@1)");
    CHECK(o->members[1].offset == 4);
    CHECK_STR(type_spelling(r->ctx, o->members[2].type, NULL), "enum O::e");
    CHECK_STR(type_spelling(r->ctx, o->members[3].type, NULL), "struct O::p *");
    CHECK_STR(type_spelling(r->ctx, o->members[4].type, NULL), "struct O::p[2]");
  }
  CHECK(find_record(r, "struct O::in") != NULL);
  CHECK(find_record(r, "union O::(anonymous@1)") != NULL);
  CHECK(find_enum(r, "enum O::e") != NULL);

  Record *t2 = find_record(r, "T2");
  CHECK(t2 && t2->tagless_typedef);
  CHECK_STR(td(r, "PT"), "T2 *");
  CHECK_STR(td(r, "T2"), "T2");
  CHECK_STR(td(r, "CT"), "const struct (unnamed@t.h:22:15)");
  CHECK(find_record(r, "struct (unnamed@t.h:22:15)") != NULL);
  CHECK(find_record(r, "struct In") != NULL);
  CHECK_STR(td(r, "InT"), "struct In");
  Record *fw = find_record(r, "struct Fw");
  CHECK_LAYOUT(fw, 8, 4);
  CHECK_STR(td(r, "FwT"), "struct Fw");
  Record *vv = find_record(r, "union V");
  CHECK_LAYOUT(vv, 4, 4);
  Record *va = find_record(r, "struct V::(anonymous@0)");
  CHECK(va != NULL);
  CHECK_FIELD(va, "hi", 2);
  CHECK(find_record(r, "union Deep::(anonymous@0)") != NULL);
  CHECK(find_record(r, "struct Deep::(anonymous@0)::(anonymous@0)") != NULL);
  CHECK_FIELD(find_record(r, "struct Deep"), "c", 4);
  CHECK(find_record(r, "struct Outer::inner") != NULL);
  Record *z = find_record(r, "struct Z");
  CHECK_LAYOUT(z, 8, 4);
  CHECK_BITS(z, "b", 8, 8);
  CHECK_FIELD(z, "c", 4);
  CHECK_LAYOUT(find_record(r, "struct Al"), 8, 8);
  CHECK_LAYOUT(find_record(r, "struct Al2"), 16, 8);
  done(r);
}

static void test_enums_and_constants(void) {
  Run *r = parse_src(
      "enum E1 { A1, B1, C1 = 10, D1, E1x = C1 * 2 + B1 };\n"
      "enum E2 { A2 = -1, B2 };\n"
      "enum E3 { A3 = 0x80000000 };\n"
      "enum E4 { A4 = 0x100000000 };\n"
      "enum E5 { A5 = -1, B5 = 0x80000000 };\n"
      "enum __attribute__((packed)) E6 { A6 = 200 };\n"
      "enum __attribute__((packed)) E7 { A7 = -2 };\n"
      "enum E8 { A8 = 0xFFFFFFFFFFFFFFFFULL };\n"
      "typedef enum { TA, TB = 'a', TC } TE;\n"
      "enum { ANON = sizeof(int) * 3 };\n"
      "struct S { int a; char b; };\n"
      "enum V { V1 = (int)1.5, V2 = __builtin_offsetof(struct S, b), V3 = '\\xff',\n"
      "  V4 = 1 << 32, V5 = (unsigned char)300, V6 = -1 >> 1, V7 = (int)(~0ULL >> 33),\n"
      "  V8 = (unsigned long)&((struct S *)0)->b, V9 = 1 ? 2 : 1 / 0, V10 = 'ab', V11 = "
      "sizeof(\"abc\"),\n"
      "  V12 = sizeof(L\"ab\"), V13 = _Alignof(double), V14 = (int)1e10, V15 = 2147483647 + 1,\n"
      "  V16 = -2147483648 < 0, V17 = (int)(1.5 * 2), V18 = 0x7fffffff, V19 = 010 + 0b11,\n"
      "  V20 = _Generic(1UL, unsigned long: 7, default: 8), V21 = sizeof(struct S[3]) };\n"
      "typedef __typeof__(0xFFFFFFFF) t1; typedef __typeof__(4294967296) t2; typedef "
      "__typeof__(1UL) t3;\n"
      "typedef __typeof__('a') t4; typedef __typeof__((char)1 + (char)2) t5; typedef "
      "__typeof__(sizeof(int)) t6;\n"
      "typedef __typeof__(-2147483648) t7; typedef __typeof__(2147483648L) t8; typedef "
      "__typeof__(0x80000000L) t9;\n"
      "typedef __typeof__(1ULL << 2) t10; typedef __typeof__(1u + 1L) t11; typedef __typeof__(1u + "
      "1LL) t12;\n"
      "typedef __typeof__(A1) t13; typedef __typeof__(A4) t14; typedef __typeof__(1.0f) t15;\n"
      "typedef __typeof__(1 ? (char *)0 : 0) t16; typedef __typeof__(((struct S *)0)->b) t17;\n"
      "typedef __typeof__(\"xy\") t18; typedef __typeof__(1 == 2) t19; typedef "
      "__typeof__(18446744073709551615) t20;\n"
      "_Static_assert(sizeof(enum E6) == 1, \"packed enum\");\n"
      "_Static_assert(sizeof(enum E4) == 8 && _Alignof(enum E7) == 1, \"enum sizes\");\n"
      "struct HasEnum { char c; enum E6 e6; enum E4 e4; };\n");
  CHECK(r->ctx->nerrors == 0);
  if (r->ctx->nerrors)
    fprintf(stderr, "%s", diags(r));
  CHECK(enum_value(r, "enum E1", "B1") == 1);
  CHECK(enum_value(r, "enum E1", "D1") == 11);
  CHECK(enum_value(r, "enum E1", "E1x") == 21);
  Enum *e1 = find_enum(r, "enum E1");
  CHECK(e1 && e1->int_type->kind == TY_UINT);
  CHECK(find_enum(r, "enum E2") && find_enum(r, "enum E2")->int_type->kind == TY_INT);
  CHECK(find_enum(r, "enum E3") && find_enum(r, "enum E3")->int_type->kind == TY_UINT);
  CHECK(find_enum(r, "enum E4") && find_enum(r, "enum E4")->int_type->kind == TY_ULLONG);
  CHECK(find_enum(r, "enum E5") && find_enum(r, "enum E5")->int_type->kind == TY_LLONG);
  CHECK(find_enum(r, "enum E6") && find_enum(r, "enum E6")->int_type->kind == TY_UCHAR);
  CHECK(find_enum(r, "enum E7") && find_enum(r, "enum E7")->int_type->kind == TY_SCHAR);
  CHECK(find_enum(r, "enum E8") && find_enum(r, "enum E8")->int_type->kind == TY_ULLONG);
  CHECK(enum_value(r, "enum E8", "A8") == -1); /* the bits of 18446744073709551615 */
  CHECK(enum_value(r, "TE", "TC") == 98);
  CHECK(enum_value(r, NULL, "ANON") == 12);
  CHECK(enum_value(r, "enum V", "V1") == 1);
  CHECK(enum_value(r, "enum V", "V2") == 4);
  CHECK(enum_value(r, "enum V", "V3") == -1);
  CHECK(enum_value(r, "enum V", "V4") == INT32_MIN);
  CHECK(enum_value(r, "enum V", "V5") == 44);
  CHECK(enum_value(r, "enum V", "V6") == -1);
  CHECK(enum_value(r, "enum V", "V7") == INT32_MAX);
  CHECK(enum_value(r, "enum V", "V8") == 4);
  CHECK(enum_value(r, "enum V", "V9") == 2);
  CHECK(enum_value(r, "enum V", "V10") == 24930);
  CHECK(enum_value(r, "enum V", "V11") == 4);
  CHECK(enum_value(r, "enum V", "V12") == 12);
  CHECK(enum_value(r, "enum V", "V13") == 8);
  CHECK(enum_value(r, "enum V", "V14") == INT32_MAX);
  CHECK(enum_value(r, "enum V", "V15") == INT32_MIN);
  CHECK(enum_value(r, "enum V", "V16") == 1);
  CHECK(enum_value(r, "enum V", "V17") == 3);
  CHECK(enum_value(r, "enum V", "V18") == INT32_MAX);
  CHECK(enum_value(r, "enum V", "V19") == 11);
  CHECK(enum_value(r, "enum V", "V20") == 7);
  CHECK(enum_value(r, "enum V", "V21") == 24);
  CHECK_STR(td(r, "t1"), "unsigned int");
  CHECK_STR(td(r, "t2"), "long long");
  CHECK_STR(td(r, "t3"), "unsigned long");
  CHECK_STR(td(r, "t4"), "int");
  CHECK_STR(td(r, "t5"), "int");
  CHECK_STR(td(r, "t6"), "unsigned long");
  CHECK_STR(td(r, "t7"), "long long");
  CHECK_STR(td(r, "t8"), "long long");
  CHECK_STR(td(r, "t9"), "unsigned long");
  CHECK_STR(td(r, "t10"), "unsigned long long");
  CHECK_STR(td(r, "t11"), "unsigned long");
  CHECK_STR(td(r, "t12"), "long long");
  CHECK_STR(td(r, "t13"), "int");
  CHECK_STR(td(r, "t14"), "enum E4");
  CHECK_STR(td(r, "t15"), "float");
  CHECK_STR(td(r, "t16"), "char *");
  CHECK_STR(td(r, "t17"), "char");
  CHECK_STR(td(r, "t18"), "char[3]");
  CHECK_STR(td(r, "t19"), "int");
  CHECK_STR(td(r, "t20"), "unsigned long long");
  CHECK_STR(td(r, "TE"), "TE");
  Record *he = find_record(r, "struct HasEnum");
  CHECK_LAYOUT(he, 16, 8);
  CHECK_FIELD(he, "e6", 1);
  CHECK_FIELD(he, "e4", 8);
  done(r);
}

static void test_scopes(void) {
  Run *r = parse_src("typedef int T;\n"
                     "void shadow(int T, int x);\n"   /* a parameter named like a typedef */
                     "void after(T y);\n"             /* T is the typedef again */
                     "void proto(struct Local *p);\n" /* prototype scope tag */
                     "struct Local { int a; };\n"
                     "struct Member { struct Member *next; int (*cb)(struct Member *); };\n"
                     "typedef struct List List; struct List { List *next; };\n"
                     "typedef int T;\n" /* a repeated typedef is fine */
                     "int T2, *T3;\n"
                     "struct S2 { int size_t; };\n" /* member names live apart */
                     "typedef unsigned long size_t;\n"
                     "void uses(size_t n);\n");
  CHECK(r->ctx->nerrors == 0);
  if (r->ctx->nerrors)
    fprintf(stderr, "%s", diags(r));
  Func *s = find_func(r, "shadow");
  CHECK(s && s->type->nparams == 2 && !strcmp(s->type->params[0].name, "T"));
  CHECK_STR(param_type(r, find_func(r, "after"), 0), "int");
  CHECK_STR(param_type(r, find_func(r, "proto"), 0), "struct Local *");
  CHECK_STR(param_type(r, find_func(r, "uses"), 0), "unsigned long");
  CHECK(find_record(r, "struct Member") != NULL);
  CHECK_STR(type_spelling(r->ctx, field(find_record(r, "struct Member"), "cb")->type, NULL),
            "int (*)(struct Member *)");
  CHECK(find_record(r, "struct List") != NULL);
  done(r);
}

static void test_errors(void) {
  Run *r = parse_src("int ok1(void);\n"
                     "int bad1(int x, @);\n"
                     "struct X { int a; foo_t b; int c; };\n"
                     "_Static_assert(1 == 2, \"boom\");\n"
                     "_Complex _Complex double z;\n"
                     "int bad2(__attribute__((annotate(\"wb_bogus\"))) int *p);\n"
                     "enum BadE { BA = undefined_thing, BB };\n"
                     "struct Y { int a : 40; int b; };\n"
                     "struct X { int again; };\n"
                     "int arr[-1];\n"
                     "typedef int F(void)[3];\n"
                     "struct Inc { struct Nope n; };\n"
                     "struct Bo { _Bool b : 2; };\n"
                     "int ok2(int);\n");
  const char *d = diags(r);
  CHECK(r->ctx->nerrors >= 12);
  CHECK(strstr(d, "t.h:13:23: error: width of bit-field 'b' (2 bits) exceeds the width of its type "
                  "(1 bits)") != NULL);
  CHECK(strstr(d, "t.h:2:17: error:") != NULL);
  CHECK(strstr(d, "t.h:3:19: error: unknown type name 'foo_t'") != NULL);
  CHECK(strstr(d, "t.h:4:16: error: static assertion failed: boom") != NULL);
  CHECK(strstr(d, "t.h:5:10: error: duplicate '_Complex'") != NULL);
  CHECK(strstr(d, "t.h:6:34: error: unknown wasmbind annotation \"wb_bogus\"") != NULL);
  CHECK(strstr(d, "t.h:7:18: error: use of undeclared identifier 'undefined_thing'") != NULL);
  CHECK(strstr(d, "t.h:8:20: error: width of bit-field 'a'") != NULL);
  CHECK(strstr(d, "t.h:9:8: error: redefinition of 'struct X'") != NULL);
  CHECK(strstr(d, "t.h:10:9: error: array has a negative size") != NULL);
  CHECK(strstr(d, "t.h:11:14: error: function cannot return array type") != NULL);
  CHECK(strstr(d, "t.h:12:26: error: field 'n' has incomplete type 'struct Nope'") != NULL);
  /* recovery: what follows the errors is still there */
  CHECK(find_func(r, "ok1") != NULL);
  CHECK(find_func(r, "ok2") != NULL);
  Record *x = find_record(r, "struct X");
  CHECK(x && x->nmembers == 2 && field(x, "c") && field(x, "c")->offset == 4);
  CHECK(find_record(r, "struct Y") != NULL && field(find_record(r, "struct Y"), "b") != NULL);
  if (r->ctx->nerrors < 12)
    fprintf(stderr, "%s", d);
  done(r);

  /* an unterminated declaration at the end of the input */
  r = parse_src("struct Open { int a;\n");
  CHECK(r->ctx->nerrors == 1);
  done(r);
  r = parse_src("int f(void) { if (1) { }\n");
  CHECK(r->ctx->nerrors == 1);
  done(r);
}

/* The whole pipeline on a virtual header: #define constants (parse.c's
 * parse_macro_constants on the preprocessor's macros) and the IR text. */
static WbResult *run_header(const char *text) {
  WbVirtualFile vf = {"/virtual/m.h", text, strlen(text)};
  WbOptions o = {0};
  o.header_path = "/virtual/m.h";
  o.files = &vf;
  o.n_files = 1;
  return wb_run(&o, WB_WANT_IR);
}

static void test_macro_constants(void) {
  WbResult *res = run_header("#define A 1\n"
                             "#define B (A + 2)\n"
                             "#define C 0xFFFFFFFF\n"
                             "#define D 4294967296\n"
                             "#define E 1UL\n"
                             "#define F '/'\n"
                             "#define G ((unsigned char)300)\n"
                             "#define H 0xFFFFFFFFFFFFFFFFULL\n"
                             "#define I (sizeof(struct s) * 2)\n"
                             "#define J ANSWER\n"
                             "#define K (-9007199254740993LL)\n"
                             "#define EMPTY\n"
                             "#define STR \"x\"\n"
                             "#define FLT 1.5\n"
                             "#define PTR ((void *)0)\n"
                             "#define FN(x) (x)\n"
                             "#define LINE __LINE__\n"
                             "#define UNKNOWN nothing_here\n"
                             "#define TYPE int\n"
                             "#define UNDONE 5\n"
                             "#undef UNDONE\n"
                             "struct s { int a; char b; };\n"
                             "enum { ANSWER = 42 };\n");
  CHECK(res && res->status == 0);
  const char *ir = res && res->ir ? res->ir : "";
  CHECK(strstr(ir, "{\"name\": \"A\", \"value\": 1, \"type\": \"int\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"B\", \"value\": 3, \"type\": \"int\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"C\", \"value\": 4294967295, \"type\": \"unsigned int\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"D\", \"value\": 4294967296, \"type\": \"long long\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"E\", \"value\": 1, \"type\": \"unsigned long\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"F\", \"value\": 47, \"type\": \"int\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"G\", \"value\": 44, \"type\": \"unsigned char\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"H\", \"value\": \"18446744073709551615\", \"type\": \"unsigned "
                   "long long\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"I\", \"value\": 16, \"type\": \"unsigned long\"}") != NULL);
  CHECK(strstr(ir, "{\"name\": \"J\", \"value\": 42, \"type\": \"int\"}") != NULL);
  CHECK(
      strstr(ir, "{\"name\": \"K\", \"value\": \"-9007199254740993\", \"type\": \"long long\"}") !=
      NULL);
  static const char *const not_constants[] = {"EMPTY", "STR",     "FLT",  "PTR",   "FN",
                                              "LINE",  "UNKNOWN", "TYPE", "UNDONE"};
  for (size_t i = 0; i < sizeof not_constants / sizeof not_constants[0]; i++) {
    char key[64];
    snprintf(key, sizeof key, "{\"name\": \"%s\", \"value\"", not_constants[i]);
    CHECK(strstr(ir, key) == NULL);
  }
  CHECK(res && res->diagnostics && res->diagnostics[0] == '\0');
  wb_result_free(res);

  /* errors: status 1, located diagnostics, no IR */
  res = run_header("int ok(void);\nint bad(int x, @);\nstruct T { unknown_t a; };\n");
  CHECK(res && res->status == 1 && res->ir == NULL);
  CHECK(res && strstr(res->diagnostics, "m.h:2:16: error:") != NULL);
  CHECK(res && strstr(res->diagnostics, "m.h:3:12: error: unknown type name 'unknown_t'") != NULL);
  wb_result_free(res);
}

/* #pragma pack / _Pragma("pack(...)"): the maximum field alignment of the
 * records defined while it is in effect (layouts from clang's
 * -fdump-record-layouts for wasm32). */
static void test_pragma_pack(void) {
  WbResult *res = run_header(
      "#pragma pack(push, 1)\n"
      "struct p1 { char a; int b; double c; short d; };\n"
      "struct p1b { char a; int b:5; int c:30; char d; long long e:40; };\n"
      "#pragma pack(push, 2)\n"
      "struct p2a { char a; int b __attribute__((aligned(8))); char c; };\n"
      "struct p2b { char a; int b:3; int :0; char c; int d:20; int e:15; };\n"
      "struct p2e { char a; int b __attribute__((packed)); int c:9 __attribute__((packed)); };\n"
      "#pragma pack(pop)\n"
      "struct after1 { char a; int b; };\n"
      "#pragma pack(pop)\n"
      "struct after0 { char a; int b; };\n"
      "#define PACKN 4\n"
      "#pragma pack(PACKN)\n"
      "struct p4 { char a; double b; long long c:33; };\n"
      "#pragma pack()\n"
      "struct d0 { char a; double b; };\n"
      "#define STR(x) #x\n"
      "#define DO_PRAGMA(x) _Pragma(STR(x))\n"
      "DO_PRAGMA(pack(push, 2))\n"
      "struct viaop { char a; int b; };\n"
      "#pragma pack(pop)\n"
      "#pragma pack(1)\n"
      "struct outer { char a;\n"
      "#pragma pack(4)\n"
      "  struct inner { char x; int y; } i; int z; };\n"
      "#pragma pack()\n"
      "#pragma pack(2)\n"
      "union u2 { char a[5]; int b; };\n");
  CHECK(res && res->status == 0);
  const char *ir = res && res->ir ? res->ir : "";
  static const char *const expect[] = {
      "{\"name\": \"struct p1\", \"kind\": \"struct\", \"size\": 15, \"align\": 1",
      "{\"name\": \"d\", \"type\": \"short\", \"offset\": 13}",
      "{\"name\": \"struct p1b\", \"kind\": \"struct\", \"size\": 12, \"align\": 1",
      "{\"name\": \"c\", \"type\": \"int\", \"offset\": 1, \"bitWidth\": 30, \"bitOffset\": 13}",
      "{\"name\": \"e\", \"type\": \"long long\", \"offset\": 7, \"bitWidth\": 40, \"bitOffset\": "
      "56}",
      "{\"name\": \"struct p2a\", \"kind\": \"struct\", \"size\": 8, \"align\": 2",
      "{\"name\": \"struct p2b\", \"kind\": \"struct\", \"size\": 10, \"align\": 2",
      "{\"name\": \"d\", \"type\": \"int\", \"offset\": 5, \"bitWidth\": 20, \"bitOffset\": 40}",
      "{\"name\": \"e\", \"type\": \"int\", \"offset\": 7, \"bitWidth\": 15, \"bitOffset\": 60}",
      "{\"name\": \"struct p2e\", \"kind\": \"struct\", \"size\": 8, \"align\": 2",
      "{\"name\": \"struct after1\", \"kind\": \"struct\", \"size\": 5, \"align\": 1",
      "{\"name\": \"struct after0\", \"kind\": \"struct\", \"size\": 8, \"align\": 4",
      "{\"name\": \"struct p4\", \"kind\": \"struct\", \"size\": 20, \"align\": 4",
      "{\"name\": \"struct d0\", \"kind\": \"struct\", \"size\": 16, \"align\": 8",
      "{\"name\": \"struct viaop\", \"kind\": \"struct\", \"size\": 6, \"align\": 2",
      "{\"name\": \"struct outer\", \"kind\": \"struct\", \"size\": 13, \"align\": 1",
      "{\"name\": \"struct inner\", \"kind\": \"struct\", \"size\": 8, \"align\": 4",
      "{\"name\": \"union u2\", \"kind\": \"union\", \"size\": 6, \"align\": 2",
  };
  for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
    CHECK(strstr(ir, expect[i]) != NULL);
    if (!strstr(ir, expect[i]))
      fprintf(stderr, "  missing: %s\n", expect[i]);
  }
  CHECK(res && res->diagnostics && res->diagnostics[0] == '\0');
  wb_result_free(res);

  /* an invalid alignment is ignored with a warning */
  res = run_header("#pragma pack(3)\nstruct s { char a; double b; };\n");
  CHECK(res && res->status == 0);
  CHECK(res && res->ir && strstr(res->ir, "\"size\": 16, \"align\": 8") != NULL);
  CHECK(res && res->diagnostics &&
        strstr(res->diagnostics, "m.h:1:9: warning: expected #pragma pack parameter") != NULL);
  wb_result_free(res);
}

void unit_parse(void) {
  test_pragma_pack();
  test_macro_constants();
  test_spellings();
  test_functions();
  test_records();
  test_enums_and_constants();
  test_scopes();
  test_errors();
}
