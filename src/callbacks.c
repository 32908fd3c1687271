/* callbacks.c: plans the JS functions that C calls: a function pointer
 * parameter's callback, and a WB_IMPORT function. Each gets the wasm
 * signature of its trampoline and, per C argument, how JS receives it. A
 * type that cannot cross fails here, in planning, never in an emitter. */
#include "plan.h"
#include <stdlib.h>
#include <string.h>

static char wasm_letter(uint8_t v) {
  switch (v) {
  case WV_I64: return 'j';
  case WV_F32: return 'f';
  case WV_F64: return 'd';
  default: return 'i';
  }
}

/* "ij>d": the wasm parameters, '>', the result (Emscripten's letters). */
static const char *signature(Ctx *ctx, const AbiSig *abi) {
  char *sig = arena_alloc(ctx, (size_t)abi->nparams + 4);
  int k = 0;
  for (int i = 0; i < abi->nparams; i++)
    sig[k++] = wasm_letter(abi->params[i]);
  sig[k++] = '>';
  if (abi->nresults)
    sig[k++] = wasm_letter(abi->result);
  return sig;
}

/* Parameter i of fn is the count of another parameter's array (`len N`). */
static bool is_count(const Type *fn, const Annot *annots, int i) {
  for (int k = 0; k < fn->nparams; k++)
    if (annots[k].len && atoi(annots[k].len) - 1 == i)
      return true;
  return false;
}

/* Argument i as JS receives it; false when its type cannot cross. */
static bool plan_arg(Ctx *ctx, JsCallback *cb, const Annot *annots, int i) {
  const Type *fn = cb->type;
  const AbiArg *abi = &cb->abi.args[i];
  JsCallbackArg *arg = &cb->args[i];
  arg->type = fn->params[i].type;
  arg->kind = js_kind(ctx, arg->type, true);
  arg->wasm_arg = abi->first;
  arg->count_arg = -1;
  arg->hidden = cb->life == CB_RELEASE && i == 0; /* the releaser's user data */
  if (annots) {
    arg->hidden |= (annots[i].flags & (A_OMIT | A_USERDATA)) || is_count(fn, annots, i);
    int n = annots[i].len ? atoi(annots[i].len) - 1 : -1;
    if (n >= 0 && n < fn->nparams && arg->type->kind == TY_PTR)
      arg->count_arg = cb->abi.args[n].first;
  }
  switch (abi->cls) {
  case ABI_IGNORE: return true; /* an empty struct: {} */
  case ABI_INDIRECT: arg->by_pointer = true; return arg->kind == JK_STRUCT;
  case ABI_DIRECT: return arg->kind != JK_STRUCT && arg->kind != JK_UNSUPPORTED;
  default: return false;
  }
}

/* Can JS give this kind back to C? An import may also return a string (C's
 * to free, or lent until the next call) or a handle. */
static bool result_crosses(JsKind k, bool import) {
  switch (k) {
  case JK_VOID:
  case JK_INT:
  case JK_I64:
  case JK_FLOAT:
  case JK_BOOL:
  case JK_ADDR: return true;
  case JK_STRING:
  case JK_HANDLE: return import;
  default: return false;
  }
}

JsCallback *js_plan_callback(Ctx *ctx, const Type *fn, const Annot *annots, CallbackLife life,
                             bool import, const char **why) {
  JsCallback *cb = arena_alloc(ctx, sizeof *cb);
  cb->type = fn;
  cb->life = life;
  *why = NULL;
  if (fn->variadic || fn->no_prototype)
    *why = "it has no fixed prototype";
  else if (!abi_lower(ctx, fn, &cb->abi) || cb->abi.sret)
    *why = "its wasm signature is not one JS can implement";
  else if (!result_crosses(cb->ret = js_kind(ctx, fn->base, import), import))
    *why = "it returns a type JS cannot hand to C";
  if (*why)
    return NULL;
  cb->sig = signature(ctx, &cb->abi);
  cb->nargs = fn->nparams;
  cb->args = arena_alloc(ctx, sizeof(JsCallbackArg) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++)
    if (!plan_arg(ctx, cb, annots, i)) {
      *why = "a parameter's type cannot reach JS";
      return NULL;
    }
  return cb;
}
