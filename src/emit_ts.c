/* emit_ts.c: the .d.ts of the generated module. It types the library object
 * exactly as emit_js.c builds it, from the same plan (bindings.c). */
#include "emit_js.h"
#include <stdlib.h>
#include <string.h>

/* The name of an enum's type alias, when the enum has one. */
static const char *enum_alias(Ctx *ctx, const Type *ty) {
  if (ty->kind != TY_ENUM || !ty->enumdecl || !ty->enumdecl->complete)
    return NULL;
  return js_enum_name(ctx, ty->enumdecl);
}

static const char *typed_array_ts(Ctx *ctx, const Type *elem) {
  return elem->kind == TY_PTR ? NULL : js_typed_array(ctx, elem);
}

static void put_type(Ctx *ctx, Buf *b, const Type *ty, JsKind kind, bool input, bool nullable);

/* `(a: number, b: string | null) => number`: the JS function standing for
 * a callback or implementing an import. */
static void put_callback_type(Ctx *ctx, Buf *b, const JsCallback *cb) {
  buf_puts(b, "(");
  bool first = true;
  for (int i = 0; i < cb->nargs; i++) {
    const JsCallbackArg *arg = &cb->args[i];
    const Param *p = &cb->type->params[i];
    if (arg->hidden)
      continue;
    buf_printf(b, "%s%s: ", first ? "" : ", ",
               p->name[0] ? js_safe_ident(ctx, p->name) : arena_printf(ctx, "arg%d", i));
    first = false;
    if (arg->count_arg >= 0) {
      const Type *elem = arg->type->base;
      const char *cls = typed_array_ts(ctx, elem);
      if (cls) {
        buf_printf(b, "%s | null", cls);
      } else {
        buf_puts(b, "Array<");
        put_type(ctx, b, elem, js_kind(ctx, elem, true), false, true);
        buf_puts(b, ">");
      }
      continue;
    }
    put_type(ctx, b, arg->type, arg->kind, false, true);
  }
  buf_puts(b, ") => ");
  JsKind rk = cb->ret;
  if (rk == JK_I64)
    buf_puts(b, "bigint | number | void");
  else if (rk == JK_INT || rk == JK_FLOAT || rk == JK_ADDR) {
    put_type(ctx, b, cb->type->base, rk, true, false);
    buf_puts(b, " | void"); /* nothing returned: 0 */
  } else                    /* a string or handle result may be null: NULL */
    put_type(ctx, b, cb->type->base, rk, true, true);
}

/* The TS type of a value: `input` when JS passes it to C. Pointers that C
 * returns may always be NULL; inputs take null when `nullable`. */
static void put_type(Ctx *ctx, Buf *b, const Type *ty, JsKind kind, bool input, bool nullable) {
  const char *or_null = (input ? nullable : true) ? " | null" : "";
  switch (kind) {
  case JK_VOID: buf_puts(b, "void"); break;
  case JK_INT: {
    const char *alias = enum_alias(ctx, ty);
    buf_puts(b, alias ? alias : "number");
    break;
  }
  case JK_I64: buf_puts(b, input ? "bigint | number" : "bigint"); break;
  case JK_FLOAT: buf_puts(b, "number"); break;
  case JK_BOOL: buf_puts(b, "boolean"); break;
  case JK_STRING: buf_printf(b, "string%s", or_null); break;
  case JK_STRUCT: buf_printf(b, "%sValue", js_record_name(ctx, ty->record)); break;
  case JK_VIEW: {
    const char *name = js_record_name(ctx, ty->base->record);
    if (input)
      buf_printf(b, "%s | %sValue%s", name, name, or_null);
    else
      buf_printf(b, "%s%s", name, or_null);
    break;
  }
  case JK_HANDLE: buf_printf(b, "%s%s", js_record_name(ctx, ty->base->record), or_null); break;
  case JK_FUNC: buf_printf(b, "number%s", input ? or_null : ""); break; /* an address */
  case JK_ADDR: buf_printf(b, "number%s", input ? or_null : ""); break;
  default: buf_puts(b, "never");
  }
}

/* The JS value of `n` elements of elem (WB_LEN results). */
static void put_array_result(Ctx *ctx, Buf *b, const Type *elem) {
  const char *cls = typed_array_ts(ctx, elem);
  if (elem->kind == TY_VOID)
    buf_puts(b, "Uint8Array | null");
  else if (type_is_char_like(elem))
    buf_puts(b, "string | null");
  else if (cls)
    buf_printf(b, "%s | null", cls);
  else {
    buf_puts(b, "Array<");
    put_type(ctx, b, elem, js_kind(ctx, elem, true), false, false);
    buf_puts(b, "> | null");
  }
}

static void put_array_input(Ctx *ctx, Buf *b, const Type *elem, bool nullable) {
  const Type *t = elem->kind == TY_ENUM ? type_builtin(ctx, TY_INT) : elem;
  if (elem->kind == TY_VOID)
    buf_puts(b, "Uint8Array | ArrayBuffer | ArrayBufferView");
  else if (type_is_char_like(elem))
    buf_puts(b, "string | Uint8Array");
  else if (typed_array_ts(ctx, elem))
    buf_printf(b, "ArrayLike<%s>", js_kind(ctx, t, false) == JK_I64 ? "bigint" : "number");
  else {
    buf_puts(b, "ReadonlyArray<");
    put_type(ctx, b, elem, js_kind(ctx, elem, false), true, false);
    buf_puts(b, ">");
  }
  if (nullable)
    buf_puts(b, " | null");
}

/* A field's type as a plain-object property (both directions). */
static void put_field_value_type(Ctx *ctx, Buf *b, const Member *m) {
  const Type *ty = m->type;
  if (ty->kind == TY_ARRAY) {
    const Type *elem = ty->base;
    if (type_is_char_like(elem))
      buf_puts(b, "string");
    else if (typed_array_ts(ctx, elem))
      buf_printf(b, "ArrayLike<%s>", js_kind(ctx, elem, false) == JK_I64 ? "bigint" : "number");
    else {
      buf_puts(b, "Array<");
      put_type(ctx, b, elem, js_kind(ctx, elem, true), false, false);
      buf_puts(b, ">");
    }
    return;
  }
  JsKind k = js_kind(ctx, ty, true);
  put_type(ctx, b, ty, k, false, true);
}

static void emit_value_interface(Ctx *ctx, Buf *b, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  buf_printf(b, "/** `%s` as a plain object (by value). */\n", rec->name ? rec->name : name);
  buf_printf(b, "export interface %sValue {\n", name);
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *f = fields.items[i];
    /* In a union, a value to write names the members it sets. */
    buf_printf(b, "  %s%s: ", f->m->name, f->owner->is_union ? "?" : "");
    put_field_value_type(ctx, b, f->m);
    buf_puts(b, ";\n");
  }
  buf_puts(b, "}\n");
}

static void emit_view_interface(Ctx *ctx, Buf *b, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  buf_printf(b, "/** A view of a `%s` in linear memory (borrowed). */\n",
             rec->name ? rec->name : name);
  buf_printf(b, "export interface %s {\n  readonly ptr: number;\n", name);
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    const Type *ty = m->type;
    buf_printf(b, "  get %s(): ", m->name);
    if (ty->kind == TY_STRUCT)
      buf_puts(b, js_record_name(ctx, ty->record));
    else
      put_field_value_type(ctx, b, m);
    buf_printf(b, ";\n  set %s(value: ", m->name);
    JsKind k = js_kind(ctx, ty, false);
    if (ty->kind == TY_STRUCT) {
      const char *n = js_record_name(ctx, ty->record);
      buf_printf(b, "%s | %sValue", n, n);
    } else if (ty->kind == TY_ARRAY) {
      put_field_value_type(ctx, b, m);
    } else if (k == JK_STRING || k == JK_FUNC) {
      buf_puts(b, "number | null"); /* an address: nothing would own a copy */
    } else if (m->bit_width >= 0) {
      buf_puts(b, "number");
    } else {
      put_type(ctx, b, ty, k, true, true);
    }
    buf_puts(b, ");\n");
  }
  buf_printf(b, "  toObject(): %sValue;\n  toJSON(): %sValue;\n}\n", name, name);
  buf_printf(b,
             "export interface %sClass {\n  new (ptr: number): %s;\n"
             "  at(ptr: number): %s | null;\n  readonly size: %lld;\n  readonly align: %d;\n}\n",
             name, name, name, (long long)rec->size, rec->align);
}

/* A parameter's TS type. */
static void put_param_type(Ctx *ctx, Buf *b, const JsParam *p) {
  bool nullable = p->typed_nullable;
  if (p->role == PR_ARRAY) {
    put_array_input(ctx, b, p->elem, nullable);
  } else if (p->callback) {
    buf_puts(b, "(");
    put_callback_type(ctx, b, p->callback);
    buf_puts(b, nullable ? ") | null" : ")");
  } else if (p->conv == CV_VIEW_ONLY) { /* C's memory only: no plain object */
    buf_printf(b, "%s%s", js_record_name(ctx, p->value->base->record), nullable ? " | null" : "");
  } else {
    put_type(ctx, b, p->value, p->kind, true, nullable);
  }
}

/* The TS type of an out-value. */
static void put_out_type(Ctx *ctx, Buf *b, const JsParam *p) {
  if (p->out_read == OUT_ARRAY)
    put_array_result(ctx, b, p->elem);
  else if (p->out_read == OUT_OWNED && p->kind == JK_VIEW)
    buf_printf(b, "%sValue | null", js_record_name(ctx, p->value->base->record));
  else
    put_type(ctx, b, p->value, p->kind, false, true);
}

/* The TS type of the C result. */
static void put_return_type(Ctx *ctx, Buf *b, const JsFunc *jf) {
  const Func *f = jf->func;
  if (jf->ret_elem)
    put_array_result(ctx, b, jf->ret_elem);
  else if (jf->ret == JK_VIEW && (f->ret_annot.flags & A_OWNED))
    buf_printf(b, "%sValue | null", js_record_name(ctx, f->type->base->base->record));
  else
    put_type(ctx, b, f->type->base, jf->ret, false, true);
}

/* The wrapper's result (plan.h, ResultShape). */
static void put_result_type(Ctx *ctx, Buf *b, const JsFunc *jf) {
  if (jf->shape == SHAPE_NONE || jf->shape == SHAPE_RETURN) {
    put_return_type(ctx, b, jf);
    return;
  }
  bool object = jf->shape == SHAPE_OBJECT;
  if (object) {
    buf_puts(b, "{ ");
    if (jf->return_in_result) {
      buf_puts(b, "return: ");
      put_return_type(ctx, b, jf);
      buf_puts(b, "; ");
    }
  }
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *p = &jf->params[i];
    if (p->conv != CV_OUT || p->out_read == OUT_NONE)
      continue;
    if (object)
      buf_printf(b, "%s: ", p->c_name);
    put_out_type(ctx, b, p);
    if (object)
      buf_puts(b, "; ");
  }
  if (object)
    buf_puts(b, "}");
}

/* `name(params): result;`, for the library (as_method: without the handle
 * the method is called on). */
static void emit_function_type(Ctx *ctx, Buf *b, const JsFunc *jf, bool as_method) {
  const Func *f = jf->func;
  buf_printf(b, "  %s(", as_method ? jf->method : f->name);
  bool first = true, skipped_this = !as_method;
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *p = &jf->params[i];
    if (p->role != PR_IN && p->role != PR_INOUT && p->role != PR_ARRAY)
      continue;
    if (!skipped_this) {
      skipped_this = true;
      continue;
    }
    /* the C name: .d.ts has no wrapper locals to keep apart from */
    buf_printf(b, "%s%s: ", first ? "" : ", ", js_safe_ident(ctx, p->c_name));
    first = false;
    put_param_type(ctx, b, p);
  }
  buf_puts(b, "): ");
  put_result_type(ctx, b, jf);
  buf_puts(b, ";\n");
}

/* An opaque type: a branded interface with its methods, and its class. */
static void emit_handle_interface(Ctx *ctx, Buf *out, const Record *rec, const JsPlan *plan) {
  const char *name = js_record_name(ctx, rec);
  const HandleRule *h = rec->handle;
  buf_printf(out, "declare const %sBrand: unique symbol;\n", name);
  buf_printf(out, "/** An opaque `%s *` handle", rec->name ? rec->name : name);
  if (h && h->destroy)
    buf_printf(out, "; destroyed by %s(), by `using`, or when collected", h->destroy);
  buf_printf(out,
             ". */\nexport interface %s {\n  /** The C pointer; 0 once destroyed. */\n"
             "  readonly ptr: number;\n  readonly [%sBrand]: true;\n",
             name, name);
  if (h && h->destroy)
    buf_puts(out, "  [Symbol.dispose](): void;\n");
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    if (jf->method_of == rec)
      emit_function_type(ctx, out, jf, true);
  }
  buf_puts(out, "}\n");
}

/* `export type E = 0 | 1 | 2;` for each enum. */
static void emit_enum_types(Ctx *ctx, Buf *out, const JsPlan *plan) {
  for (int i = 0; i < plan->enums.len; i++) {
    const Enum *e = plan->enums.items[i];
    bool u = e->int_type && type_is_unsigned(e->int_type);
    buf_printf(out, "export type %s =", js_enum_name(ctx, e));
    if (e->nconsts == 0)
      buf_puts(out, " never");
    for (int k = 0; k < e->nconsts; k++) {
      bool dup = false;
      for (int j = 0; j < k; j++)
        dup |= e->consts[j].value == e->consts[k].value;
      if (dup)
        continue;
      buf_puts(out, k ? " | " : " ");
      jsv_int_literal(out, e->consts[k].value, u);
    }
    buf_puts(out, ";\n");
  }
}

/* The constants of the library object: enums, enumerators, #defines. */
static void emit_constant_members(Ctx *ctx, Buf *out, const JsPlan *plan) {
  for (int i = 0; i < plan->enums.len; i++) {
    const Enum *e = plan->enums.items[i];
    bool u = e->int_type && type_is_unsigned(e->int_type);
    buf_printf(out, "  readonly %s: {", js_enum_name(ctx, e));
    for (int k = 0; k < e->nconsts; k++) {
      buf_printf(out, " readonly %s: ", e->consts[k].name);
      jsv_int_literal(out, e->consts[k].value, u);
      buf_puts(out, ";");
    }
    buf_puts(out, " };\n");
  }
  for (int i = 0; i < plan->props.len; i++) {
    const JsProp *p = plan->props.items[i];
    buf_printf(out, "  readonly %s: ", p->name);
    jsv_int_literal(out, p->value, p->is_unsigned);
    buf_puts(out, ";\n");
  }
}

/* `interface Library`: the functions, classes and constants. */
static void emit_library_interface(Ctx *ctx, Buf *out, const JsPlan *plan) {
  buf_puts(out, "\n/** The library: its functions, types and constants. */\n"
                "export interface Library {\n");
  for (int i = 0; i < plan->funcs.len; i++)
    emit_function_type(ctx, out, plan->funcs.items[i], false);
  for (int i = 0; i < plan->view_records.len; i++) {
    const char *name = js_record_name(ctx, plan->view_records.items[i]);
    buf_printf(out, "  readonly %s: %sClass;\n", name, name);
  }
  for (int i = 0; i < plan->handles.len; i++) {
    const char *name = js_record_name(ctx, plan->handles.items[i]);
    buf_printf(out, "  readonly %s: { readonly prototype: %s };\n", name, name);
  }
  if (plan->error_class)
    buf_printf(out, "  readonly %s: typeof %s;\n", plan->error_class, plan->error_class);
  emit_constant_members(ctx, out, plan);
  buf_puts(out, "  readonly memory: WebAssembly.Memory;\n"
                "  readonly exports: WebAssembly.Exports;\n}\n\n");
}

/* load() and wrap(), with the functions JS implements typed where load()
 * takes them. */
static void emit_loader_types(Ctx *ctx, Buf *out, const JsPlan *plan) {
  Buf imports = {0};
  if (plan->imports.len) {
    buf_puts(&imports, " & {\n    env?: {\n");
    for (int i = 0; i < plan->imports.len; i++) {
      const JsFunc *jf = plan->imports.items[i];
      buf_printf(&imports, "      %s?: ", jf->func->name);
      put_callback_type(ctx, &imports, jf->as_import);
      buf_puts(&imports, ";\n");
    }
    buf_puts(&imports, "    };\n  }");
  }
  buf_printf(out,
             "export interface LoadOptions {\n"
             "  /** Functions the C code imports, by module and name. */\n"
             "  imports?: Record<string, Record<string, unknown>>%s;\n}\n\n"
             "/** Loads the library; by default its .wasm next to this module. */\n"
             "export default function load(\n"
             "  source?: string | URL | Response | PromiseLike<Response> | BufferSource | "
             "WebAssembly.Module,\n"
             "  options?: LoadOptions,\n): Promise<Library>;\n\n"
             "/** The library over an instantiated module or an Emscripten Module. */\n"
             "export function wrap(\n"
             "  instanceOrExports: WebAssembly.Instance | WebAssembly.Exports | { asm: "
             "WebAssembly.Exports },\n"
             "): Library;\n",
             imports.data ? imports.data : "");
  buf_release(&imports);
}

void emit_ts(Ctx *ctx, Buf *out) {
  const JsPlan *plan = js_library_plan(ctx);
  const char *header = ctx->opts->header_path;
  const char *slash = strrchr(header, '/');
  buf_printf(out, "// Generated by wasmbind from %s. Do not edit.\n", slash ? slash + 1 : header);
  bool disposable = false;
  for (int i = 0; i < plan->handles.len; i++) {
    const Record *rec = plan->handles.items[i];
    disposable |= rec->handle && rec->handle->destroy;
  }
  if (disposable) /* Symbol.dispose, for `using` */
    buf_puts(out, "/// <reference lib=\"esnext.disposable\" />\n");
  buf_putc(out, '\n');
  emit_enum_types(ctx, out, plan);
  for (int i = 0; i < plan->value_records.len; i++)
    emit_value_interface(ctx, out, plan->value_records.items[i]);
  for (int i = 0; i < plan->view_records.len; i++)
    emit_view_interface(ctx, out, plan->view_records.items[i]);
  for (int i = 0; i < plan->handles.len; i++)
    emit_handle_interface(ctx, out, plan->handles.items[i], plan);
  if (plan->error_class)
    buf_printf(out,
               "/** A C function of the library reported failure. */\n"
               "export declare class %s extends Error {\n"
               "  constructor(fn: string, code: number | bigint, message?: string | null);\n"
               "  /** What the function returned. */\n  readonly code: number | bigint;\n"
               "  /** The C function's name. */\n  readonly function: string;\n}\n",
               plan->error_class);
  emit_library_interface(ctx, out, plan);
  emit_loader_types(ctx, out, plan);
}
