/* plan_runtime.c: the runtime declarations the library's code calls
 * (JsPlan.runtime), named one by one as its conversions, records, classes,
 * callbacks and loaders use them. The JS emitter includes the regions of
 * web/runtime.js that provide them and the regions those need
 * (runtime_regions.c): no emitted text is scanned. tests/runtime/regions
 * checks both the regions' declarations and every generated module. */
#include "plan.h"
#include <string.h>

static void use(Ctx *ctx, JsPlan *plan, const char *name) {
  map_put(ctx, &plan->runtime, name, (int)strlen(name), (void *)name);
}

static void use_record(Ctx *ctx, JsPlan *plan, const Record *rec, bool write);
static void use_callback(Ctx *ctx, JsPlan *plan, const JsCallback *cb);

/* Reading a value of type ty from memory (jsv_load). */
static void use_load(Ctx *ctx, JsPlan *plan, const Type *ty) {
  switch (js_kind(ctx, ty, true)) {
  case JK_STRING: use(ctx, plan, "readString"); break;
  case JK_STRUCT: use_record(ctx, plan, ty->record, false); break;
  default: break;
  }
}

/* Checking and storing a value of type ty (jsv_store); strings are copied
 * only `in_call`. */
static void use_store(Ctx *ctx, JsPlan *plan, const Type *ty, bool in_call) {
  switch (js_kind(ctx, ty, true)) {
  case JK_I64: use(ctx, plan, "wbBigInt"); break;
  case JK_STRING:
    if (in_call)
      use(ctx, plan, "tmpString");
    break;
  case JK_STRUCT: use_record(ctx, plan, ty->record, true); break;
  default: break;
  }
}

/* n elements of elem at a pointer (jsv_array_result). */
static void use_array_result(Ctx *ctx, JsPlan *plan, const Type *elem) {
  if (type_is_text(elem))
    use(ctx, plan, "readStringN");
  else if (elem->kind == TY_VOID || (elem->kind != TY_PTR && js_typed_array(ctx, elem)))
    use(ctx, plan, "readArray");
  else
    use_load(ctx, plan, elem);
}

/* A buffer field (rules `type T(f): len L`) read or written. */
static void use_buffer_field(Ctx *ctx, JsPlan *plan, const Member *m, bool write, bool in_call) {
  const char *array;
  BufferKind kind = js_field_buffer(ctx, m, &array);
  if (!write) {
    use(ctx, plan, kind == BUF_TEXT ? "readStringN" : "readArray");
    return;
  }
  use(ctx, plan, "inMemory");
  use(ctx, plan, "wbTaLength");
  use_store(ctx, plan, m->buffer_len->type, false);
  if (!in_call)
    return;
  use(ctx, plan, "tmpArray");
  if (kind == BUF_TEXT)
    use(ctx, plan, "tmpString");
  if (kind == BUF_BYTES)
    use(ctx, plan, "asBytes");
}

/* A field of a record read (reader, view getter) or written (writer,
 * setter; `in_call` for a writer). */
static void use_field(Ctx *ctx, JsPlan *plan, const Member *m, bool write, bool in_call) {
  const Type *ty = m->type;
  const JsCallback *cb = write && in_call ? js_field_callback(plan, m) : NULL;
  if (cb) { /* a JS function for the call, or an address */
    use_callback(ctx, plan, cb);
    use(ctx, plan, "releaseCopies");
    use_store(ctx, plan, ty, false);
  }
  if (m->buffer_len) {
    use_buffer_field(ctx, plan, m, write, in_call);
  } else if (m->bit_width >= 0) {
    use(ctx, plan, write ? "setBits" : "getBits");
    if (write && m->bit_width > 32)
      use(ctx, plan, "wbBigInt");
  } else if (ty->kind == TY_ARRAY && type_is_text(ty->base)) {
    use(ctx, plan, write ? "writeFixedString" : "readFixedString");
  } else if (ty->kind == TY_ARRAY) {
    if (write)
      use_store(ctx, plan, ty->base, in_call);
    else if (ty->base->kind != TY_PTR && js_typed_array(ctx, ty->base))
      use(ctx, plan, "readArray");
    else
      use_load(ctx, plan, ty->base);
  } else if (ty->kind == TY_STRUCT) {
    use_record(ctx, plan, ty->record, write);
  } else if (write) {
    use_store(ctx, plan, ty, in_call);
  } else {
    use_load(ctx, plan, ty);
  }
}

/* What a record's reader or writer calls, once per record and direction. */
static void use_record(Ctx *ctx, JsPlan *plan, const Record *rec, bool write) {
  Map *seen = write ? &plan->runtime_writers : &plan->runtime_readers;
  const char *name = js_record_name(ctx, rec);
  if (map_get(seen, name, (int)strlen(name)))
    return;
  map_put(ctx, seen, name, (int)strlen(name), (void *)rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++)
    use_field(ctx, plan, ((const FlatMember *)fields.items[i])->m, write, true);
}

/* A view class: its getters, setters (outside a call) and toObject(). */
static void use_view_class(Ctx *ctx, JsPlan *plan, const Record *rec) {
  use(ctx, plan, "wbShapes");
  use_record(ctx, plan, rec, false);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    use_field(ctx, plan, m, false, false);
    use_field(ctx, plan, m, true, false);
  }
}

/* The JS function C calls for a callback or an import (its arguments). */
static void use_callback_args(Ctx *ctx, JsPlan *plan, const JsCallback *cb) {
  use(ctx, plan, "pendingErrors");
  if (cb->ret == JK_I64)
    use(ctx, plan, "wbBigInt");
  for (int i = 0; i < cb->nargs; i++) {
    const JsCallbackArg *arg = &cb->args[i];
    if (arg->hidden)
      continue;
    if (arg->terminated) {
      use(ctx, plan, "readTerminated");
      use_load(ctx, plan, arg->type->base);
    } else if (arg->count_arg >= 0 && arg->text) {
      use(ctx, plan, "readStringN");
    } else if (arg->count_arg >= 0 && arg->type->base->kind == TY_PTR) {
      use_load(ctx, plan, arg->type->base);
    } else if (arg->count_arg >= 0) {
      use(ctx, plan, "readArray");
    } else if (arg->by_pointer)
      use_record(ctx, plan, arg->type->record, false);
    else if (arg->kind == JK_STRING)
      use(ctx, plan, "readString");
  }
}

static void use_callback(Ctx *ctx, JsPlan *plan, const JsCallback *cb) {
  use_callback_args(ctx, plan, cb);
  if (cb->ret == JK_STRING) {
    use(ctx, plan, "heapString");
    use(ctx, plan, "wbFree");
  }
  if (cb->ret == JK_STRUCT)
    use_record(ctx, plan, cb->type->base->record, true);
  if (cb->life == CB_CALL) {
    use(ctx, plan, "tableSlot");
    use(ctx, plan, "wbOutlived");
    use(ctx, plan, "wbIgnored");
  } else {
    use(ctx, plan, "addCallback");
  }
  if (cb->life == CB_RELEASE)
    use(ctx, plan, "releaseKept");
}

/* An out-value read after the call. */
static void use_out(Ctx *ctx, JsPlan *plan, const JsParam *jp) {
  const Annot *an = &jp->param->annot;
  if (jp->role == PR_INOUT)
    use_store(ctx, plan, jp->value, true);
  switch (jp->out_read) {
  case OUT_VALUE: use_load(ctx, plan, jp->value); break;
  case OUT_ARRAY: use_array_result(ctx, plan, jp->elem); break;
  case OUT_OWNED:
    if (jp->kind == JK_VIEW)
      use_record(ctx, plan, jp->value->base->record, false);
    else if (jp->kind == JK_STRING)
      use(ctx, plan, "readString");
    break;
  default: break;
  }
  if ((an->flags & A_OWNED) && !an->free_fn && jp->out_read != OUT_HANDLE)
    use(ctx, plan, "wbFree");
}

static void use_param(Ctx *ctx, JsPlan *plan, const JsParam *jp) {
  bool writable = jp->elem && !(jp->elem->quals & Q_CONST);
  switch (jp->conv) {
  case CV_I64: use(ctx, plan, "wbBigInt"); break;
  case CV_STRING: use(ctx, plan, js_wide_fn(ctx, jp->wide, "tmpString", false)); break;
  case CV_VIEW:
    use_record(ctx, plan, jp->value->base->record, true);
    if (js_view_copied_back(jp)) {
      use_record(ctx, plan, jp->value->base->record, false);
      use(ctx, plan, "wbAssign");
      if (js_record_copies_buffers(ctx, jp->value->base->record))
        use(ctx, plan, "copyBacks");
    }
    break;
  case CV_STRUCT: use_record(ctx, plan, jp->value->record, true); break;
  case CV_CALLBACK: use_callback(ctx, plan, jp->callback); break;
  case CV_BYTES:
    use(ctx, plan, "asBytes");
    use(ctx, plan, "tmpArray");
    if (writable)
      use(ctx, plan, "copyBack");
    break;
  case CV_CHARS:
    use(ctx, plan, js_wide_fn(ctx, jp->wide, "tmpString", false));
    use(ctx, plan, "tmpArray");
    break;
  case CV_TYPED:
    use(ctx, plan, "tmpArray");
    if (writable)
      use(ctx, plan, "copyBack");
    break;
  case CV_ELEMENTS:
    use(ctx, plan, "wbArrayCopy");
    use_store(ctx, plan, jp->elem, true);
    break;
  case CV_OUT: use_out(ctx, plan, jp); break;
  case CV_OUTPUT:
    use(ctx, plan, "tmpAllocFor");
    use(ctx, plan, "tmpAlloc");
    use(ctx, plan, type_is_text(jp->elem) ? "readFixedString" : "readArray");
    use(ctx, plan, "wbIntError");
    break;
  default: break;
  }
}

/* The C result and its error check. */
static void use_result(Ctx *ctx, JsPlan *plan, const JsFunc *jf) {
  const Func *f = jf->func;
  const Type *rt = f->type->base;
  bool owned = (f->ret_annot.flags & A_OWNED) != 0;
  if (jf->ret == JK_STRUCT) {
    use_record(ctx, plan, rt->record, false);
    if (jf->abi.ret.cls == ABI_DIRECT)
      use_store(ctx, plan, jf->abi.ret.scalar, true);
  } else if (jf->ret_wide) {
    use(ctx, plan, js_wide_fn(ctx, jf->ret_wide, "readString", jf->ret_elem != NULL));
  } else if (jf->ret_elem && !jf->ret_view) {
    use_array_result(ctx, plan, jf->ret_elem);
  } else if (owned && jf->ret == JK_VIEW) {
    use_record(ctx, plan, rt->base->record, false);
  } else if (jf->ret == JK_STRING) {
    use(ctx, plan, "readString");
  }
  if (owned && !f->ret_annot.free_fn && jf->ret != JK_HANDLE)
    use(ctx, plan, "wbFree");
  if (jf->error && (jf->message.param >= 0 || jf->message.by_code || jf->error->use_errno))
    use(ctx, plan, "readString");
}

static void use_wrapper(Ctx *ctx, JsPlan *plan, const JsFunc *jf) {
  use(ctx, plan, "wbUnwind");
  if (jf->checks_destroys)
    use(ctx, plan, "wbDestroys");
  if (jf->format_param >= 0)
    use(ctx, plan, "wbVarargs");
  if (jf->va_kinds)
    use(ctx, plan, "wbVarargsOf");
  if (jf->replaces_owner != -1) {
    use(ctx, plan, "keepReplacing");
    use(ctx, plan, "removeCallback");
  }
  if (jf->temps == TEMPS_AREA)
    use(ctx, plan, "tmpAlloc");
  else if (jf->temps == TEMPS_FIXED)
    use(ctx, plan, "malloc"); /* fixedScratch */
  if (jf->watches)
    use(ctx, plan, "pendingErrors");
  if (jf->keeps)
    use(ctx, plan, "keepKey");
  for (int i = 0; i < jf->nparams; i++)
    use_param(ctx, plan, &jf->params[i]);
  use_result(ctx, plan, jf);
}

static void use_import(Ctx *ctx, JsPlan *plan, const JsFunc *jf) {
  use_callback_args(ctx, plan, jf->as_import);
  if (jf->ret == JK_STRING) {
    use(ctx, plan, "heapString");
    use(ctx, plan, "wbFree");
  }
}

/* A variable's getter and setter (emit_js.c, put_variable). */
static void use_variable(Ctx *ctx, JsPlan *plan, const JsProp *p) {
  if (!p->var)
    return;
  use(ctx, plan, "wbVarAddress");
  if (p->var->type->kind == TY_ARRAY)
    use(ctx, plan, "readFixedString");
  else
    use_load(ctx, plan, p->var->type);
  if (p->writable)
    use_store(ctx, plan, p->var->type, false);
}

/* lib.alloc goes with conversions that take arrays in place (tmpArray,
 * inMemory): memory C keeps using across calls is passed so. */
static void plan_alloc(Ctx *ctx, JsPlan *plan) {
  plan->uses_alloc =
      map_get(&plan->runtime, "tmpArray", 8) || map_get(&plan->runtime, "inMemory", 8);
  if (plan->uses_alloc)
    use(ctx, plan, "wbAlloc");
}

void plan_runtime(Ctx *ctx, JsPlan *plan) {
  static const char *const always[] = {"wbTypeError", "wbCompile", "wbCheckExports",
                                       "wbImports",   "refresh",   NULL};
  for (const char *const *n = always; *n; n++)
    use(ctx, plan, *n);
  if (plan->system_imports)
    use(ctx, plan, "wbSystemImports");
  for (int i = 0; i < plan->view_records.len; i++)
    use_view_class(ctx, plan, plan->view_records.items[i]);
  if (plan->handles.len) {
    use(ctx, plan, "handleClass");
    use(ctx, plan, "wbShapes");
  }
  for (int i = 0; i < plan->funcs.len; i++)
    use_wrapper(ctx, plan, plan->funcs.items[i]);
  for (int i = 0; i < plan->props.len; i++)
    use_variable(ctx, plan, plan->props.items[i]);
  for (int i = 0; i < plan->imports.len; i++)
    use_import(ctx, plan, plan->imports.items[i]);
  plan_alloc(ctx, plan);
}
