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

/* Are chars with a length a string: plain char, or `text` on a 1-byte
 * integer (else bytes, as with `bytes`)? */
static bool chars_as_text(Ctx *ctx, const Type *elem, unsigned flags) {
  if (!type_is_integer(elem) || layout_sizeof(ctx, elem) != 1 || (flags & A_BYTES))
    return false;
  return type_is_text(elem) || (flags & A_TEXT);
}

/* The typed array class of a counted array of elem: bytes for void and
 * `bytes`, NULL for pointers. */
static const char *count_array(Ctx *ctx, const Type *elem, unsigned flags) {
  if (elem->kind == TY_VOID || (flags & A_BYTES))
    return "Uint8Array";
  return elem->kind == TY_PTR ? NULL : js_typed_array(ctx, elem);
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
    const Annot *a = &annots[i];
    arg->hidden |= (a->flags & (A_OMIT | A_USERDATA)) || is_count(fn, annots, i);
    int n = a->len ? atoi(a->len) - 1 : -1;
    if (n >= 0 && n < fn->nparams && arg->type->kind == TY_PTR)
      arg->count_arg = cb->abi.args[n].first;
    arg->text = arg->count_arg >= 0 && chars_as_text(ctx, arg->type->base, a->flags);
    arg->array = arg->count_arg >= 0 ? count_array(ctx, arg->type->base, a->flags) : NULL;
    arg->terminated = (a->flags & A_TERMINATED) != 0;
  }
  switch (abi->cls) {
  case ABI_IGNORE: return true; /* an empty struct: {} */
  case ABI_INDIRECT: arg->by_pointer = true; return arg->kind == JK_STRUCT;
  case ABI_DIRECT: return arg->kind != JK_STRUCT && arg->kind != JK_UNSUPPORTED;
  default: return false;
  }
}

/* Can JS give this kind back to C? A string is malloc'ed (an import's C's
 * to free when `owned`; else lent until the next call); a handle is its
 * pointer. */
static bool result_crosses(JsKind k, const AbiSig *abi) {
  if (abi->sret) /* a struct the callback writes where C says (not a long double) */
    return k == JK_STRUCT && abi->ret.cls == ABI_INDIRECT;
  switch (k) {
  case JK_VOID:
  case JK_INT:
  case JK_I64:
  case JK_FLOAT:
  case JK_BOOL:
  case JK_ADDR:
  case JK_STRING:
  case JK_HANDLE: return true;
  default: return false;
  }
}

JsCallback *js_plan_callback(Ctx *ctx, const Type *fn, const Annot *annots, CallbackLife life,
                             const char **why) {
  JsCallback *cb = arena_alloc(ctx, sizeof *cb);
  cb->type = fn;
  cb->life = life;
  *why = NULL;
  if (fn->variadic || fn->no_prototype)
    *why = "it has no fixed prototype";
  else if (!abi_lower(ctx, fn, &cb->abi))
    *why = "its wasm signature is not one JS can implement";
  else if (!result_crosses(cb->ret = js_kind(ctx, fn->base, true), &cb->abi))
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

/* Why rule item flags (or `len`) cannot apply to callback parameter k of
 * fn, or NULL. */
static const char *callback_annot_mistake(Ctx *ctx, const Type *fn, int k, const Annot *a) {
  const Type *t = fn->params[k].type;
  const unsigned allowed = A_OMIT | A_USERDATA | A_TEXT | A_BYTES | A_TERMINATED;
  if ((a->flags & ~allowed) || a->free_fn || a->format || a->output || a->keep_until)
    return "a callback's parameter takes 'omit', 'userdata', 'len N', 'text', 'bytes' and "
           "'terminated'";
  if (a->len) {
    int n = atoi(a->len) - 1;
    if (a->len[0] < '1' || a->len[0] > '9' || n >= fn->nparams || n == k ||
        !type_is_integer(fn->params[n].type))
      return "'len N' on a callback's parameter names the callback's integer parameter N "
             "(1, 2, ...) holding the count";
    if (t->kind != TY_PTR)
      return "'len N' applies to a pointer";
  }
  if ((a->flags & (A_TEXT | A_BYTES)) &&
      !(a->len && type_is_integer(t->base) && layout_sizeof(ctx, t->base) == 1))
    return "'text' and 'bytes' apply to a pointer to 1-byte characters with 'len N'";
  if ((a->flags & A_TERMINATED) &&
      (a->len || t->kind != TY_PTR || t->base->kind != TY_PTR || t->base->base->kind == TY_FUNC))
    return "'terminated' applies to a 'T **' without 'len': an array of strings, handles or "
           "addresses ended by NULL";
  return NULL;
}

bool js_check_callback_annots(Ctx *ctx, const Func *f, const Param *p) {
  const Annot *annots = p->annot.cb;
  const Type *fn = p->type->base;
  bool ok = true;
  for (int k = 0; annots && k < p->annot.ncb && k < fn->nparams; k++) {
    const char *mistake = callback_annot_mistake(ctx, fn, k, &annots[k]);
    if (mistake) {
      diag_error(ctx, annots[k].tok, "%s(%s.%d): %s", f->name, p->name, k + 1, mistake);
      ok = false;
    }
  }
  return ok;
}
