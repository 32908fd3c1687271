/* Unit tests of the .wasm reader (hand-built binaries, malformed and
 * truncated ones, LEB128 edge cases) and of the wasm32 ABI lowering (abi.c),
 * whose expectations are clang 14's own lowering for
 * wasm32-unknown-emscripten (`clang -S -emit-llvm`, then wasm-objdump of the
 * object file). Runs under ASan: every binary is read from a malloc'ed copy
 * of exactly its length, so an out-of-bounds read is caught. */
#include "../../src/internal.h"
#include "unit.h"
#include <stdlib.h>

/* ---- the reader --------------------------------------------------------- */

typedef struct {
  bool ok;
  int nerrors;
  char *info;              /* wasm_info_print's output (malloc'ed) */
  char *diag;              /* the diagnostics (malloc'ed) */
  int nparams0, nresults0; /* of the first import, when there is one */
  bool found_add;          /* wasm_find_export(info, "add") */
} ReadResult;

static ReadResult read_wasm(const unsigned char *bytes, size_t len) {
  ReadResult res = {0};
  unsigned char *copy = malloc(len ? len : 1);
  if (len)
    memcpy(copy, bytes, len);
  Ctx ctx = {0};
  WbOptions opts = {0};
  ctx.opts = &opts;
  ctx.arena_limit = (size_t)64 << 20;
  jmp_buf bail;
  ctx.bail = &bail;
  Buf out = {0};
  if (setjmp(bail) == 0) {
    res.ok = wasm_read(&ctx, len ? copy : NULL, len, &ctx.wasm);
    if (res.ok) {
      wasm_info_print(&ctx.wasm, &out);
      if (ctx.wasm.nimports) {
        res.nparams0 = ctx.wasm.imports[0].sig.nparams;
        res.nresults0 = ctx.wasm.imports[0].sig.nresults;
      }
      const WasmEntry *add = wasm_find_export(&ctx.wasm, "add");
      res.found_add = add && add->kind == 0 && add->sig.nparams == 2;
    }
  }
  res.nerrors = ctx.nerrors;
  res.info = buf_take(&out);
  res.diag = buf_take(&ctx.diag);
  arena_free(&ctx.arena);
  free(copy);
  return res;
}

static void release(ReadResult *r) {
  free(r->info);
  free(r->diag);
}

#define HEADER 0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00

/* A module with every import kind, multi-value results, a reference type and
 * a code section (valid: `wasm-validate --enable-all` accepts it, and
 * wasm-objdump -x lists what valid_info says). */
static const unsigned char valid[] = {
    HEADER,
    /* custom section "hi" */
    0x00,
    0x05,
    0x02,
    'h',
    'i',
    0x01,
    0x02,
    /* type section: 4 types */
    0x01,
    0x16,
    0x04,
    0x60,
    0x02,
    0x7f,
    0x7e,
    0x01,
    0x7c, /* 0: (i32, i64) -> f64 */
    0x60,
    0x02,
    0x7f,
    0x7f,
    0x01,
    0x7f, /* 1: (i32, i32) -> i32 */
    0x60,
    0x00,
    0x00, /* 2: () -> nil */
    0x60,
    0x01,
    0x70,
    0x02,
    0x7d,
    0x7d, /* 3: (funcref) -> (f32, f32) */
    /* import section: 5 imports */
    0x02,
    0x36,
    0x05,
    0x03,
    'e',
    'n',
    'v',
    0x01,
    'f',
    0x00,
    0x00, /* func, type 0 */
    0x03,
    'e',
    'n',
    'v',
    0x03,
    'm',
    'e',
    'm',
    0x02,
    0x01,
    0x01,
    0x02, /* memory 1..2 */
    0x03,
    'e',
    'n',
    'v',
    0x02,
    's',
    'p',
    0x03,
    0x7f,
    0x01, /* global mut i32 */
    0x03,
    'e',
    'n',
    'v',
    0x03,
    't',
    'b',
    'l',
    0x01,
    0x70,
    0x00,
    0x00, /* table funcref */
    0x03,
    'e',
    'n',
    'v',
    0x03,
    't',
    'a',
    'g',
    0x04,
    0x00,
    0x02, /* tag, type 2 */
    /* function section: two functions, of types 1 and 3 */
    0x03,
    0x03,
    0x02,
    0x01,
    0x03,
    /* export section: 4 exports */
    0x07,
    0x17,
    0x04,
    0x03,
    'a',
    'd',
    'd',
    0x00,
    0x01, /* func 1 (the first defined) */
    0x03,
    'm',
    'e',
    'm',
    0x02,
    0x00, /* memory 0 */
    0x01,
    'f',
    0x00,
    0x00, /* func 0: the import, re-exported */
    0x03,
    'r',
    'e',
    'f',
    0x00,
    0x02, /* func 2 */
    /* code section */
    0x0a,
    0x16,
    0x02,
    0x07,
    0x00,
    0x20,
    0x00,
    0x20,
    0x01,
    0x6a,
    0x0b,
    0x0c,
    0x00,
    0x43,
    0x00,
    0x00,
    0x00,
    0x00,
    0x43,
    0x00,
    0x00,
    0x00,
    0x00,
    0x0b,
};

static const char valid_info[] = "import env.f func (i32, i64) -> f64\n"
                                 "import env.mem memory\n"
                                 "import env.sp global\n"
                                 "import env.tbl table\n"
                                 "import env.tag tag () -> nil\n"
                                 "export add func (i32, i32) -> i32\n"
                                 "export mem memory\n"
                                 "export f func (i32, i64) -> f64\n"
                                 "export ref func (funcref) -> (f32, f32)\n";

static void test_valid(void) {
  ReadResult r = read_wasm(valid, sizeof valid);
  CHECK(r.ok && r.nerrors == 0);
  CHECK_STR(r.info, valid_info);
  CHECK_STR(r.diag, "");
  CHECK(r.found_add);
  release(&r);

  static const unsigned char empty_module[] = {HEADER};
  r = read_wasm(empty_module, sizeof empty_module);
  CHECK(r.ok);
  CHECK_STR(r.info, "");
  CHECK(!r.found_add);
  release(&r);
}

/* Every prefix of the valid module: accepted exactly where a section ends
 * (a shorter, valid module), else rejected with an error; never read past
 * its end (ASan). */
static void test_prefixes(void) {
  bool boundary[sizeof valid + 1] = {false};
  boundary[8] = true;
  for (size_t p = 8; p < sizeof valid;) {
    p += 2 + valid[p + 1]; /* every section size here is one LEB byte */
    boundary[p] = true;
  }
  CHECK(boundary[sizeof valid]);
  int wrong = 0;
  for (size_t len = 0; len <= sizeof valid; len++) {
    ReadResult r = read_wasm(valid, len);
    if (r.ok != boundary[len] || r.ok != (r.nerrors == 0) || r.ok != (r.diag[0] == '\0')) {
      wrong++;
      fprintf(stderr, "prefix of %zu bytes: ok=%d nerrors=%d\n", len, r.ok, r.nerrors);
    }
    release(&r);
  }
  CHECK(wrong == 0);
}

/* Every byte of the valid module replaced by a few values: any outcome is
 * fine as long as nothing is read out of bounds and an error comes with a
 * rejection. */
static void test_mutations(void) {
  unsigned char buf[sizeof valid];
  int inconsistent = 0, rejected = 0;
  for (size_t i = 0; i < sizeof valid; i++) {
    const unsigned char values[] = {0x00,
                                    0x01,
                                    0x7f,
                                    0x80,
                                    0xff,
                                    (unsigned char)(valid[i] ^ 1),
                                    (unsigned char)(valid[i] ^ 0x80)};
    for (size_t v = 0; v < sizeof values; v++) {
      memcpy(buf, valid, sizeof valid);
      buf[i] = values[v];
      ReadResult r = read_wasm(buf, sizeof buf);
      if (r.ok != (r.nerrors == 0))
        inconsistent++;
      rejected += !r.ok;
      release(&r);
    }
  }
  CHECK(inconsistent == 0);
  CHECK(rejected > 100); /* the mutations did reach the parser */
}

typedef struct {
  const char *what;
  unsigned char bytes[96];
  size_t len;
  const char *error; /* expected in the diagnostic, NULL when accepted */
  const char *info;  /* expected listing when accepted, or NULL */
} Case;

#define BYTES(...) {__VA_ARGS__}, sizeof((unsigned char[]){__VA_ARGS__})

static const Case cases[] = {
    {"empty file", {0}, 0, "not a WebAssembly binary", NULL},
    {"no magic", BYTES('\0', 'a', 's', 'n', 1, 0, 0, 0), "not a WebAssembly binary", NULL},
    {"magic only", BYTES(0, 'a', 's', 'm'), "at offset 4: unexpected end in the version", NULL},
    {"version 2", BYTES(0, 'a', 's', 'm', 2, 0, 0, 0), "binary version 2", NULL},
    {"version 0x1000d (a component)", BYTES(0, 'a', 's', 'm', 0x0d, 0, 1, 0),
     "binary version 65549", NULL},
    {"section id without a size", BYTES(HEADER, 0x01), "offset 9: unexpected end", NULL},
    /* LEB128 */
    {"u32 of 6 bytes", BYTES(HEADER, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00),
     "integer representation too long", NULL},
    {"u32 with bits past 32", BYTES(HEADER, 0x01, 0xff, 0xff, 0xff, 0xff, 0x1f),
     "integer too large", NULL},
    {"u32 0xffffffff: a section larger than the file",
     BYTES(HEADER, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f), "section runs past the end", NULL},
    {"u32 cut in the middle", BYTES(HEADER, 0x01, 0x80, 0x80), "unexpected end", NULL},
    {"padded u32 (5 bytes for 1)", BYTES(HEADER, 0x01, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00), NULL,
     ""},
    {"padded zero count", BYTES(HEADER, 0x01, 0x05, 0x80, 0x80, 0x80, 0x80, 0x00), NULL, ""},
    {"s33 heap type of 6 bytes",
     BYTES(HEADER, 0x01, 0x0b, 0x01, 0x60, 0x01, 0x63, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00),
     "integer representation too long", NULL},
    {"s33 heap type with bad sign bits",
     BYTES(HEADER, 0x01, 0x0a, 0x01, 0x60, 0x01, 0x63, 0xff, 0xff, 0xff, 0xff, 0x4f, 0x00),
     "integer too large", NULL},
    {"s33 heap type, 5 bytes, negative",
     BYTES(HEADER, 0x01, 0x0a, 0x01, 0x60, 0x01, 0x64, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x02,
           0x07, 0x01, 0x01, 'a', 0x01, 'b', 0x00, 0x00),
     NULL, "import a.b func (ref) -> nil\n"},
    /* structure */
    {"count larger than the section", BYTES(HEADER, 0x01, 0x02, 0x81, 0x01),
     "count larger than the data", NULL},
    {"type form 0x5f (GC struct)", BYTES(HEADER, 0x01, 0x04, 0x01, 0x5f, 0x00, 0x00),
     "unsupported type form", NULL},
    {"unknown value type", BYTES(HEADER, 0x01, 0x05, 0x01, 0x60, 0x01, 0x55, 0x00),
     "at offset 13: unknown value type", NULL},
    {"type index out of range",
     BYTES(HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x05),
     "type index out of range", NULL},
    {"function section without types", BYTES(HEADER, 0x03, 0x02, 0x01, 0x00),
     "type index out of range", NULL},
    {"unknown import kind", BYTES(HEADER, 0x02, 0x06, 0x01, 0x01, 'a', 0x01, 'b', 0x07),
     "unknown import kind", NULL},
    {"unknown limits flags", BYTES(HEADER, 0x02, 0x07, 0x01, 0x01, 'a', 0x01, 'b', 0x02, 0x08),
     "unknown limits flags", NULL},
    {"memory64 limits (u64)",
     BYTES(HEADER, 0x02, 0x0e, 0x01, 0x01, 'a', 0x01, 'b', 0x02, 0x05, 0x80, 0x01, 0x80, 0x80, 0x80,
           0x80, 0x10),
     NULL, "import a.b memory\n"},
    {"global mutability 2", BYTES(HEADER, 0x02, 0x08, 0x01, 0x01, 'a', 0x01, 'b', 0x03, 0x7f, 0x02),
     "unknown global mutability", NULL},
    {"import name past the section",
     BYTES(HEADER, 0x02, 0x05, 0x01, 0x01, 'a', 0x05, 'b', 'c', 'd', 'e', 'f'),
     "name runs past the end", NULL},
    {"custom section name past its end", BYTES(HEADER, 0x00, 0x03, 0x05, 'a', 'b'),
     "name runs past the end", NULL},
    {"export kind 9", BYTES(HEADER, 0x07, 0x05, 0x01, 0x01, 'x', 0x09, 0x00), "unknown export kind",
     NULL},
    {"exported function out of range", BYTES(HEADER, 0x07, 0x05, 0x01, 0x01, 'x', 0x00, 0x00),
     "exported function index out of range", NULL},
    {"exported memory, not checked against a memory",
     BYTES(HEADER, 0x07, 0x05, 0x01, 0x01, 'x', 0x02, 0x00), NULL, "export x memory\n"},
    {"sections out of order", BYTES(HEADER, 0x03, 0x01, 0x00, 0x01, 0x01, 0x00),
     "out of order or repeated", NULL},
    {"type section twice", BYTES(HEADER, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00),
     "out of order or repeated", NULL},
    {"section longer than its contents", BYTES(HEADER, 0x01, 0x03, 0x00, 0x00, 0x00),
     "section size mismatch", NULL},
    {"contents longer than the section", BYTES(HEADER, 0x03, 0x02, 0x01, 0x80, 0x01),
     "offset 12: unexpected end", NULL},
    {"custom and unknown sections skipped",
     BYTES(HEADER, 0x00, 0x03, 0x01, 'c', 0xff, 0x20, 0x02, 0xaa, 0xbb, 0x01, 0x01, 0x00, 0x00,
           0x01, 0x00),
     NULL, ""},
    {"tag and data count sections in order",
     BYTES(HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x0d, 0x03, 0x01, 0x00, 0x00, 0x06, 0x01,
           0x00, 0x0c, 0x01, 0x00, 0x0a, 0x01, 0x00),
     NULL, ""},
    {"tag section after the global section", BYTES(HEADER, 0x06, 0x01, 0x00, 0x0d, 0x01, 0x00),
     "out of order", NULL},
};

static void test_cases(void) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const Case *c = &cases[i];
    ReadResult r = read_wasm(c->bytes, c->len);
    bool good = c->error ? !r.ok && r.nerrors == 1 && strstr(r.diag, c->error) &&
                               strncmp(r.diag, "wasmbind: error: ", 17) == 0
                         : r.ok && r.nerrors == 0 && (!c->info || strcmp(r.info, c->info) == 0);
    if (!good)
      fprintf(stderr, "case '%s': ok=%d\n  diag: %s  info: %s\n", c->what, r.ok, r.diag, r.info);
    CHECK(good);
    release(&r);
  }
}

/* More than 64 parameters and 4 results: counted as -1, listed as "(...)". */
static void test_long_signatures(void) {
  unsigned char b[128] = {HEADER, 0x01, 0, 0x01, 0x60, 65};
  size_t n = 13;
  for (int i = 0; i < 65; i++)
    b[n++] = 0x7f;
  b[n++] = 5;
  for (int i = 0; i < 5; i++)
    b[n++] = 0x7c;
  b[9] = (unsigned char)(n - 10);
  const unsigned char import[] = {0x02, 0x07, 0x01, 0x01, 'a', 0x01, 'b', 0x00, 0x00};
  memcpy(b + n, import, sizeof import);
  n += sizeof import;
  ReadResult r = read_wasm(b, n);
  CHECK(r.ok);
  CHECK(r.nparams0 == -1 && r.nresults0 == -1);
  CHECK_STR(r.info, "import a.b func (...) -> (...)\n");
  release(&r);
}

/* ---- the ABI ------------------------------------------------------------ */

typedef struct {
  Ctx ctx;
  WbOptions opts;
  jmp_buf bail;
} AbiEnv;

static Type *ty(AbiEnv *e, TypeKind k) {
  return type_builtin(&e->ctx, k);
}

/* A complete record of the given members (bit width -1: not a bitfield). */
static Type *record(AbiEnv *e, bool is_union, int align_attr, bool packed, int n,
                    const Type *const *types, const int *widths) {
  Ctx *ctx = &e->ctx;
  Record *rec = arena_alloc(ctx, sizeof *rec);
  rec->is_union = is_union;
  rec->complete = true;
  rec->align_attr = align_attr;
  rec->packed = packed;
  rec->members = arena_alloc(ctx, sizeof(Member) * (size_t)(n ? n : 1));
  rec->nmembers = n;
  for (int i = 0; i < n; i++) {
    rec->members[i].name = arena_printf(ctx, "m%d", i);
    rec->members[i].type = (Type *)types[i];
    rec->members[i].bit_width = widths ? widths[i] : -1;
  }
  layout_record(ctx, rec);
  Type *t = type_builtin(ctx, TY_STRUCT);
  t->record = rec;
  return t;
}

#define STRUCT(...)                                                                                \
  record(e, false, 0, false, (int)(sizeof((const Type *[]){__VA_ARGS__}) / sizeof(Type *)),        \
         (const Type *[]){__VA_ARGS__}, NULL)
#define UNION(...)                                                                                 \
  record(e, true, 0, false, (int)(sizeof((const Type *[]){__VA_ARGS__}) / sizeof(Type *)),         \
         (const Type *[]){__VA_ARGS__}, NULL)

/* The wasm signature of ret(params...), or "error: reason". */
static const char *lower(AbiEnv *e, Type *ret, bool variadic, int n, Type *const *params) {
  Ctx *ctx = &e->ctx;
  Type *fn = type_func(ctx, ret);
  fn->variadic = variadic;
  fn->nparams = n;
  fn->params = arena_alloc(ctx, sizeof(Param) * (size_t)(n ? n : 1));
  for (int i = 0; i < n; i++) {
    fn->params[i].name = "";
    fn->params[i].type = params[i];
  }
  AbiSig abi;
  if (!abi_lower(ctx, fn, &abi))
    return arena_printf(ctx, "error: %s", abi.reason);
  WasmSig sig;
  abi_wasm_sig(&abi, &sig);
  Buf b = {0};
  wasm_sig_print(&sig, &b);
  const char *s = arena_strdup(ctx, b.data);
  buf_release(&b);
  return s;
}

#define FN(ret, ...)                                                                               \
  lower(e, ret, false, (int)(sizeof((Type *[]){__VA_ARGS__}) / sizeof(Type *)),                    \
        (Type *[]){__VA_ARGS__})
#define FN0(ret) lower(e, ret, false, 0, NULL)

static void abi_cases(AbiEnv *e) {
  Ctx *ctx = &e->ctx;
  Type *i32 = ty(e, TY_INT), *chr = ty(e, TY_CHAR), *f32 = ty(e, TY_FLOAT), *f64 = ty(e, TY_DOUBLE);
  Type *ld = ty(e, TY_LDOUBLE), *ll = ty(e, TY_LLONG), *v = ty(e, TY_VOID);
  Type *empty = record(e, false, 0, false, 0, NULL, NULL);
  Type *s1 = STRUCT(i32);

  /* Scalars (clang: ll(long long, char, short, _Bool, unsigned char), ff, ld). */
  CHECK_STR(FN(ll, ll, chr, ty(e, TY_SHORT), ty(e, TY_BOOL), ty(e, TY_UCHAR)),
            "(i64, i32, i32, i32, i32) -> i64");
  CHECK_STR(FN(f32, f32, f64), "(f32, f64) -> f32");
  CHECK_STR(FN(ty(e, TY_ULONG), type_pointer_to(ctx, v), ty(e, TY_ULLONG)), "(i32, i64) -> i32");
  CHECK_STR(FN(ld, ld, i32), "(i32, i64, i64, i32) -> nil");
  CHECK_STR(FN(ty(e, TY_INT128), ty(e, TY_UINT128), i32), "(i32, i64, i64, i32) -> nil");
  CHECK_STR(FN0(v), "() -> nil");
  CHECK_STR(lower(e, i32, true, 1, (Type *[]){i32}), "(i32, i32) -> i32");
  CHECK_STR(lower(e, i32, true, 1, (Type *[]){type_pointer_to(ctx, chr)}), "(i32, i32) -> i32");

  /* Records by value (clang: fE, fS1, fSC, fSA, fSN, fSE, fU1, fU2, fU3, fSF,
   * fSI, fSL, fAl, fP2, fBF, fZ0, fPK, fEA, fFAM, fOut, fAnon). */
  CHECK_STR(FN(v, empty, i32), "(i32) -> nil");
  CHECK(abi_struct_direct_kind(ctx, empty) == ABI_REC_IGNORE);
  CHECK_STR(FN(i32, s1), "(i32) -> i32");
  CHECK(abi_struct_direct_kind(ctx, s1) == WV_I32);
  Type *sc = STRUCT(chr);
  CHECK(abi_struct_direct_kind(ctx, sc) == WV_I32 && abi_single_element(ctx, sc) == chr);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(type_array_of(ctx, chr, 1))) == WV_I32);
  Type *sn = STRUCT(STRUCT(type_array_of(ctx, s1, 1)));
  CHECK(abi_struct_direct_kind(ctx, sn) == WV_I32 && abi_single_element(ctx, sn) == i32);
  CHECK_STR(FN(i32, STRUCT(empty, f32)), "(f32) -> i32");
  CHECK(abi_struct_direct_kind(ctx, UNION(i32)) == WV_I32);
  CHECK_STR(FN(i32, UNION(i32, f32)), "(i32) -> i32");
  CHECK(abi_struct_direct_kind(ctx, UNION(i32, f32)) == ABI_REC_INDIRECT);
  CHECK(abi_struct_direct_kind(ctx, UNION(i32, empty)) == WV_I32);
  Type *sf = STRUCT(ld);
  CHECK(abi_struct_direct_kind(ctx, sf) == ABI_REC_PAIR);
  CHECK_STR(FN(i32, sf), "(i64, i64) -> i32");
  CHECK_STR(FN(i32, STRUCT(ty(e, TY_INT128))), "(i64, i64) -> i32");
  CHECK_STR(FN(i32, STRUCT(ll)), "(i64) -> i32");
  Type *aligned = record(e, false, 4, false, 1, (const Type *[]){chr}, NULL);
  CHECK(abi_struct_direct_kind(ctx, aligned) == ABI_REC_INDIRECT);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(i32, i32)) == ABI_REC_INDIRECT);
  Type *bf8 = record(e, false, 0, false, 1, (const Type *[]){i32}, (int[]){8});
  CHECK(abi_struct_direct_kind(ctx, bf8) == WV_I32);
  Type *llbf8 = record(e, false, 0, false, 1, (const Type *[]){ll}, (int[]){8});
  CHECK(abi_struct_direct_kind(ctx, llbf8) == WV_I64);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(i32, type_array_of(ctx, i32, 0))) == WV_I32);
  Type *packed = record(e, false, 0, true, 2, (const Type *[]){chr, ll}, NULL);
  CHECK(abi_struct_direct_kind(ctx, packed) == ABI_REC_INDIRECT);
  CHECK_STR(FN(i32, STRUCT(type_array_of(ctx, empty, 3), f64)), "(f64) -> i32");
  Type *fam = STRUCT(i32, type_array_of(ctx, i32, -1));
  CHECK(abi_struct_direct_kind(ctx, fam) == ABI_REC_INDIRECT);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(fam)) == ABI_REC_INDIRECT);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(type_array_of(ctx, i32, 2))) == ABI_REC_INDIRECT);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(ty(e, TY_BOOL))) == WV_I32);
  CHECK(abi_struct_direct_kind(ctx, STRUCT(type_pointer_to(ctx, v))) == WV_I32);

  /* Records returned (clang: rE, rS1, rSF, rSI, rP2, rU1). */
  CHECK_STR(FN0(empty), "() -> nil");
  CHECK_STR(FN0(s1), "() -> i32");
  CHECK_STR(FN0(sf), "(i32) -> nil");
  CHECK_STR(FN(STRUCT(i32, i32), i32), "(i32, i32) -> nil");
  CHECK_STR(FN0(UNION(i32)), "() -> i32");

  /* The per-value classification the JS emitter reads. */
  Type *fn = type_func(ctx, STRUCT(f64, f64));
  fn->nparams = 3;
  fn->params = arena_alloc(ctx, sizeof(Param) * 3);
  fn->params[0].type = empty;
  fn->params[1].type = ld;
  fn->params[2].type = STRUCT(f32);
  AbiSig abi;
  CHECK(abi_lower(ctx, fn, &abi));
  CHECK(abi.sret && abi.ret.cls == ABI_INDIRECT && abi.nresults == 0);
  CHECK(abi.nargs == 3 && abi.args[0].cls == ABI_IGNORE && abi.args[0].first == -1);
  CHECK(abi.args[1].cls == ABI_PAIR && abi.args[1].first == 1 && abi.args[1].scalar == ld);
  CHECK(abi.args[2].cls == ABI_DIRECT && abi.args[2].first == 3 && abi.args[2].wasm == WV_F32 &&
        abi.args[2].scalar == f32);
  CHECK(abi.nparams == 4 && !abi.variadic);

  /* Enums lower as their integer type (clang: fEB, a 64-bit enum). */
  Enum *big = arena_alloc(ctx, sizeof *big);
  big->complete = true;
  big->int_type = ty(e, TY_ULLONG);
  Type *big_ty = type_builtin(ctx, TY_ENUM);
  big_ty->enumdecl = big;
  CHECK_STR(FN(big_ty, STRUCT(big_ty), big_ty), "(i64, i64) -> i64");

  /* Not lowerable. */
  Type *knr = type_func(ctx, i32);
  knr->no_prototype = true;
  CHECK(!abi_lower(ctx, knr, &abi) && strstr(abi.reason, "prototype"));
  Record *incomplete = arena_alloc(ctx, sizeof *incomplete);
  Type *inc = type_builtin(ctx, TY_STRUCT);
  inc->record = incomplete;
  CHECK(strncmp(FN(i32, inc), "error: ", 7) == 0);
  Type *many[40];
  for (int i = 0; i < 40; i++)
    many[i] = ld;
  CHECK_STR(lower(e, v, false, 40, many), "error: more than 64 wasm parameters");
}

static void test_abi(void) {
  AbiEnv *e = calloc(1, sizeof *e);
  e->ctx.opts = &e->opts;
  e->ctx.arena_limit = (size_t)64 << 20;
  e->ctx.bail = &e->bail;
  if (setjmp(e->bail) == 0)
    abi_cases(e);
  else
    CHECK(!"abi tests unwound");
  CHECK(e->ctx.nerrors == 0);
  arena_free(&e->ctx.arena);
  buf_release(&e->ctx.diag);
  free(e);
}

void unit_wasm(void) {
  test_valid();
  test_prefixes();
  test_mutations();
  test_cases();
  test_long_signatures();
  test_abi();
}
