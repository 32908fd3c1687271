/* check.c: `wasmbind check HEADER FILE.wasm`: every function the bindings
 * call must be exported by the binary, with the wasm signature the header
 * implies under the wasm32 C ABI (abi.c). Either i64 form is accepted: real
 * i64 values (standalone builds, -sWASM_BIGINT, wasm-ld), or Emscripten's
 * legalized JS interface where an i64 parameter is two i32 (low, high) and an
 * i64 result is an i32 (low half; the high half through getTempRet0). */
#include "internal.h"
#include <string.h>

typedef struct {
  Ctx *ctx;
  const char *wasm_name; /* for messages */
  int problems;
} Checker;

static bool sig_equal(const WasmSig *a, const WasmSig *b) {
  if (a->nparams != b->nparams || a->nresults != b->nresults || a->nparams < 0 || a->nresults < 0)
    return false;
  return memcmp(a->params, b->params, (size_t)a->nparams) == 0 &&
         memcmp(a->results, b->results, (size_t)a->nresults) == 0;
}

/* Emscripten's legalized form of a signature (every i64 split or narrowed).
 * False when it is the same as the signature or does not fit a WasmSig. */
static bool legalize(const WasmSig *sig, WasmSig *out) {
  *out = (WasmSig){0};
  bool changed = false;
  for (int i = 0; i < sig->nparams; i++) {
    bool wide = sig->params[i] == WV_I64;
    if (out->nparams + (wide ? 2 : 1) > (int)sizeof out->params)
      return false;
    out->params[out->nparams++] = wide ? WV_I32 : sig->params[i];
    if (wide) {
      out->params[out->nparams++] = WV_I32;
      changed = true;
    }
  }
  out->nresults = sig->nresults;
  for (int i = 0; i < sig->nresults; i++) {
    out->results[i] = sig->results[i] == WV_I64 ? WV_I32 : sig->results[i];
    changed |= sig->results[i] == WV_I64;
  }
  return changed;
}

static const char *sig_text(Ctx *ctx, const WasmSig *sig) {
  Buf b = {0};
  wasm_sig_print(sig, &b);
  char *s = arena_strdup(ctx, b.data ? b.data : "");
  buf_release(&b);
  return s;
}

/* Looks a function export up; reports it missing (at tok: its declaration
 * when `declared`, else the WB_FREE naming it; without a location when tok
 * is NULL) and returns NULL. */
static const WasmEntry *find_function(Checker *c, const char *name, const Token *tok, bool declared,
                                      const char *why) {
  const WasmEntry *e = wasm_find_export(&c->ctx->wasm, name);
  if (e && e->kind == 0)
    return e;
  c->problems++;
  const char *what = e ? "exported by %s but not as a function" : "not exported by %s";
  char *detail = arena_printf(c->ctx, what, c->wasm_name);
  if (tok && declared)
    diag_error(c->ctx, tok, "function '%s' is declared here but %s%s", name, detail, why);
  else if (tok)
    diag_error(c->ctx, tok, "function '%s' named here by WB_FREE is %s%s", name, detail, why);
  else
    diag_error_plain(c->ctx, "function '%s' is %s%s", name, detail, why);
  return NULL;
}

/* Compares an export's signature with the expected one (either i64 form). */
static void check_signature(Checker *c, const char *name, const Token *tok, const WasmSig *want,
                            const WasmEntry *e) {
  WasmSig legal;
  bool has_legal = legalize(want, &legal);
  if (sig_equal(&e->sig, want) || (has_legal && sig_equal(&e->sig, &legal)))
    return;
  c->problems++;
  const char *also =
      has_legal ? arena_printf(c->ctx, " (or %s with legalized i64)", sig_text(c->ctx, &legal))
                : "";
  if (tok)
    diag_error(c->ctx, tok,
               "function '%s' is exported by %s with wasm signature %s, but the header implies "
               "%s%s",
               name, c->wasm_name, sig_text(c->ctx, &e->sig), sig_text(c->ctx, want), also);
  else
    diag_error_plain(c->ctx,
                     "function '%s' is exported by %s with wasm signature %s, but the glue "
                     "needs %s%s",
                     name, c->wasm_name, sig_text(c->ctx, &e->sig), sig_text(c->ctx, want), also);
}

static void check_function(Checker *c, const ExportFn *fn) {
  const WasmEntry *e = find_function(c, fn->name, fn->tok, fn->func != NULL, "");
  if (!e || !fn->func)
    return;
  AbiSig abi;
  if (!abi_lower(c->ctx, fn->func->type, &abi)) {
    diag_warning(c->ctx, fn->tok, "the signature of '%s' is not checked: %s", fn->name, abi.reason);
    return;
  }
  WasmSig want;
  abi_wasm_sig(&abi, &want);
  check_signature(c, fn->name, fn->tok, &want, e);
}

/* malloc(size_t) -> void * and free(void *), which the glue calls. */
static void check_glue(Checker *c, const char *name, int nresults) {
  char *hint = arena_printf(c->ctx,
                            " (the generated glue needs it: link with "
                            "-sEXPORTED_FUNCTIONS=$(wasmbind exports %s))",
                            c->ctx->opts->header_path ? c->ctx->opts->header_path : "HEADER");
  const WasmEntry *e = find_function(c, name, NULL, false, hint);
  if (!e)
    return;
  WasmSig want = {.nparams = 1, .params = {WV_I32}, .nresults = nresults, .results = {WV_I32}};
  check_signature(c, name, NULL, &want, e);
}

/* A function JS implements (WB_IMPORT): imported with the header's signature. */
static void check_import(Checker *c, const Func *f) {
  const WasmEntry *e = wasm_find_import(&c->ctx->wasm, f->name);
  if (!e) {
    diag_warning(c->ctx, f->tok, "'%s' is declared as an import, but %s does not import it",
                 f->name, c->wasm_name);
    return;
  }
  AbiSig abi;
  if (!abi_lower(c->ctx, f->type, &abi))
    return;
  WasmSig want, legal;
  abi_wasm_sig(&abi, &want);
  bool has_legal = legalize(&want, &legal);
  if (sig_equal(&e->sig, &want) || (has_legal && sig_equal(&e->sig, &legal)))
    return;
  c->problems++;
  diag_error(c->ctx, f->tok,
             "function '%s' is imported by %s with wasm signature %s, but the header implies %s",
             f->name, c->wasm_name, sig_text(c->ctx, &e->sig), sig_text(c->ctx, &want));
}

void emit_check(Ctx *ctx, Buf *out) {
  Checker c = {ctx, ctx->opts->wasm_file ? ctx->opts->wasm_file : "the binary", 0};
  check_glue(&c, "malloc", 1);
  check_glue(&c, "free", 0);
  Vec fns = exports_functions(ctx);
  for (int i = 0; i < fns.len; i++)
    check_function(&c, fns.items[i]);
  for (int i = 0; i < ctx->program.functions.len; i++) {
    const Func *f = ctx->program.functions.items[i];
    if (f->reported && (f->ret_annot.flags & A_IMPORT))
      check_import(&c, f);
  }
  if (c.problems == 0)
    buf_printf(out, "check: %d function%s, all exported with matching signatures\n", fns.len,
               fns.len == 1 ? "" : "s");
  else
    buf_printf(out, "check: %d function%s, %d problem%s\n", fns.len, fns.len == 1 ? "" : "s",
               c.problems, c.problems == 1 ? "" : "s");
}
