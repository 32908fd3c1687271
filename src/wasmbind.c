/* wasmbind.c: one run of the generator, from options to results. The only
 * place that catches diag_fatal's unwinding, and the only owner of the arena. */
#include "plan.h"
#include <stdlib.h>
#include <string.h>

/* A run never needs this much; the limit turns a runaway input into an error. */
#define ARENA_LIMIT ((size_t)1 << 30)

static void run_stages(Ctx *ctx, unsigned want, WbResult *res) {
  const WbOptions *opts = ctx->opts;
  if (want == WB_WANT_WASM_INFO) {
    Buf out = {0};
    if (wasm_read(ctx, opts->wasm, opts->wasm_len, &ctx->wasm))
      wasm_info_print(&ctx->wasm, &out);
    res->text = buf_take(&out);
    return;
  }
  if (opts->wasm)
    ctx->have_wasm = wasm_read(ctx, opts->wasm, opts->wasm_len, &ctx->wasm);
  Token *tok = pp_run(ctx);
  parse_translation_unit(ctx, tok);
  parse_macro_constants(ctx);
  if (ctx->nerrors)
    return;
  rules_apply(ctx);
  rules_resolve_fields(ctx);
  if (ctx->nerrors) {
    /* mistakes in the rules: also those only planning the bindings finds */
    if (want & WB_WANT_JS)
      js_library_plan(ctx);
    return;
  }

  Buf out = {0};
  if (want & WB_WANT_IR) {
    emit_ir(ctx, &out);
    res->ir = buf_take(&out);
  }
  if (want & WB_WANT_JS) {
    emit_js(ctx, &out);
    res->js = buf_take(&out);
    emit_ts(ctx, &out);
    res->dts = buf_take(&out);
  }
  if (want & WB_WANT_EXPORTS) {
    emit_exports(ctx, &out);
    res->text = buf_take(&out);
  }
  if (want & WB_WANT_CHECK) {
    if (!ctx->have_wasm)
      diag_error_plain(ctx, "check needs a readable .wasm binary");
    else
      emit_check(ctx, &out);
    res->text = buf_take(&out);
  }
}

/* Runs the stages, catching diag_fatal's unwinding. Kept apart so that no
 * local of the caller lives across setjmp. */
static void run_protected(Ctx *ctx, unsigned want, WbResult *res) {
  jmp_buf bail;
  ctx->bail = &bail;
  if (setjmp(bail) == 0)
    run_stages(ctx, want, res);
  ctx->bail = NULL;
}

WbResult *wb_run(const WbOptions *opts, unsigned want) {
  WbResult *res = calloc(1, sizeof *res);
  Ctx *ctx = calloc(1, sizeof *ctx);
  if (!res || !ctx) {
    free(ctx);
    free(res);
    return NULL;
  }
  ctx->opts = opts;
  ctx->arena_limit = ARENA_LIMIT;
  run_protected(ctx, want, res);

  if (ctx->diag.oom)
    ctx->nerrors++;
  res->status = ctx->nerrors ? 1 : 0;
  if (res->status) {
    /* Partial outputs of a failed run are never handed out. */
    free(res->ir);
    free(res->js);
    free(res->dts);
    res->ir = res->js = res->dts = NULL;
  }
  res->diagnostics = buf_take(&ctx->diag);
  arena_free(&ctx->arena);
  free(ctx);
  return res;
}

void wb_result_free(WbResult *result) {
  if (!result)
    return;
  free(result->diagnostics);
  free(result->ir);
  free(result->js);
  free(result->dts);
  free(result->text);
  free(result);
}

WbResult *wb_wasm_info(const unsigned char *wasm, size_t len) {
  WbOptions opts = {.wasm = wasm, .wasm_len = len};
  return wb_run(&opts, WB_WANT_WASM_INFO);
}
