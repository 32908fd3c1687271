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
    if (arg->count_arg >= 0 || arg->terminated) {
      const Type *elem = arg->type->base;
      if (arg->text) {
        buf_puts(b, "string | null");
      } else if (arg->array) {
        buf_printf(b, "%s | null", arg->array);
      } else { /* a NULL ends a terminated array: none is in it */
        buf_puts(b, "Array<");
        put_type(ctx, b, elem, js_kind(ctx, elem, true), false, !arg->terminated);
        buf_puts(b, ">");
        if (arg->terminated)
          buf_puts(b, " | null");
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

/* The TS type of a value: `input` when JS passes it to C. A pointer is
 * null (NULL) too when `nullable`. */
static void put_type(Ctx *ctx, Buf *b, const Type *ty, JsKind kind, bool input, bool nullable) {
  const char *or_null = nullable ? " | null" : "";
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
static void put_array_result(Ctx *ctx, Buf *b, const Type *elem, bool nullable) {
  const char *cls = typed_array_ts(ctx, elem);
  if (elem->kind == TY_VOID)
    buf_puts(b, "Uint8Array");
  else if (type_is_text(elem))
    buf_puts(b, "string");
  else if (cls)
    buf_puts(b, cls);
  else {
    buf_puts(b, "Array<");
    put_type(ctx, b, elem, js_kind(ctx, elem, true), false, true);
    buf_puts(b, ">");
  }
  if (nullable)
    buf_puts(b, " | null");
}

static void put_array_input(Ctx *ctx, Buf *b, const Type *elem, bool nullable) {
  const Type *t = elem->kind == TY_ENUM ? type_builtin(ctx, TY_INT) : elem;
  if (elem->kind == TY_VOID)
    buf_puts(b, "Uint8Array | ArrayBuffer | ArrayBufferView");
  else if (type_is_text(elem))
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
  const char *array;
  if (js_field_buffer(ctx, m, &array) != BUF_NONE) {
    buf_printf(b, "%s | null", array ? array : "string");
    return;
  }
  const JsCallback *cb = js_field_callback(ctx->js_plan, m);
  if (cb) { /* a JS function for a call; read back, an address */
    buf_puts(b, "(");
    put_callback_type(ctx, b, cb);
    buf_puts(b, ") | number | null");
    return;
  }
  if (ty->kind == TY_ARRAY) {
    const Type *elem = ty->base;
    if (type_is_text(elem))
      buf_puts(b, "string");
    else if (typed_array_ts(ctx, elem))
      buf_printf(b, "ArrayLike<%s>", js_kind(ctx, elem, false) == JK_I64 ? "bigint" : "number");
    else {
      buf_puts(b, "Array<");
      put_type(ctx, b, elem, js_kind(ctx, elem, true), false, true);
      buf_puts(b, ">");
    }
    return;
  }
  JsKind k = js_kind(ctx, ty, true);
  put_type(ctx, b, ty, k, false, true);
}

/* Writes the Buf's text as one line of w, and empties the Buf. */
static void put_line(Writer *w, Buf *line) {
  wr_line(w, "%s", line->data ? line->data : "");
  line->len = 0;
  if (line->data)
    line->data[0] = '\0';
}

static void emit_value_interface(Ctx *ctx, Writer *w, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  wr_line(w, "/** `%s` as a plain object (by value). */", rec->name ? rec->name : name);
  wr_open(w, "export interface %sValue {", name);
  Buf line = {0};
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *f = fields.items[i];
    if (f->m->fills_buffer) /* part of its buffer's value */
      continue;
    /* In a union, a value to write names the members it sets. */
    buf_printf(&line, "%s%s: ", js_field_key(ctx, f->m), f->owner->is_union ? "?" : "");
    put_field_value_type(ctx, &line, f->m);
    buf_puts(&line, ";");
    put_line(w, &line);
  }
  buf_release(&line);
  wr_close(w, "}");
}

/* A field's setter's parameter type in a view interface. */
static void put_setter_type(Ctx *ctx, Buf *b, const Member *m) {
  const Type *ty = m->type;
  JsKind k = js_kind(ctx, ty, false);
  const char *array;
  if (js_field_buffer(ctx, m, &array) != BUF_NONE) {
    buf_printf(b, "%s | null", array ? array : "Uint8Array"); /* over linear memory */
  } else if (ty->kind == TY_STRUCT) {
    const char *n = js_record_name(ctx, ty->record);
    buf_printf(b, "%s | %sValue", n, n);
  } else if (ty->kind == TY_ARRAY) {
    put_field_value_type(ctx, b, m);
  } else if (k == JK_STRING || k == JK_FUNC) {
    buf_puts(b, "number | null"); /* an address: nothing would own a copy */
  } else if (m->bit_width > 32) {
    buf_puts(b, "bigint | number"); /* read as a bigint */
  } else if (m->bit_width >= 0) {
    buf_puts(b, "number");
  } else {
    put_type(ctx, b, ty, k, true, true);
  }
}

static void emit_view_interface(Ctx *ctx, Writer *w, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  wr_line(w, "/** A view of a `%s` in linear memory (borrowed). */", rec->name ? rec->name : name);
  wr_open(w, "export interface %s {", name);
  wr_line(w, "readonly ptr: number;");
  Buf line = {0};
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    buf_printf(&line, "get %s(): ", js_view_accessor(ctx, m));
    if (m->type->kind == TY_STRUCT)
      buf_puts(&line, js_record_name(ctx, m->type->record));
    else
      put_field_value_type(ctx, &line, m);
    buf_puts(&line, ";");
    put_line(w, &line);
    if (m->fills_buffer) /* read-only: set with its buffer */
      continue;
    buf_printf(&line, "set %s(value: ", js_view_accessor(ctx, m));
    put_setter_type(ctx, &line, m);
    buf_puts(&line, ");");
    put_line(w, &line);
  }
  buf_release(&line);
  wr_line(w, "toObject(): %sValue;", name);
  wr_line(w, "toJSON(): %sValue;", name);
  wr_close(w, "}");
  wr_open(w, "export interface %sClass {", name);
  wr_line(w, "readonly prototype: %s;", name);
  wr_line(w, "/** Unsafe: a view of any address, which C will trust. */");
  wr_line(w, "fromPointer(address: number): %s | null;", name);
  wr_line(w, "readonly size: %lld;", (long long)rec->size);
  wr_line(w, "readonly align: %d;", rec->align);
  wr_close(w, "}");
}

/* A parameter's TS type. */
static void put_param_type(Ctx *ctx, Buf *b, const JsParam *p) {
  bool nullable = p->typed_nullable;
  if (p->role == PR_ARRAY && p->wide) { /* a string, or its UTF-16 bytes */
    buf_printf(b, "string | Uint8Array%s", nullable ? " | null" : "");
  } else if (p->role == PR_ARRAY) {
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

/* The TS type of a variadic argument of a rules `varargs` kind. */
static const char *va_kind_ts(char kind) {
  switch (kind) {
  case 'j':
  case 'J': return "bigint | number";
  case 's': return "string";
  case 'p': return "number | null";
  default: return "number";
  }
}

/* The TS type of an out-value. */
static void put_out_type(Ctx *ctx, Buf *b, const JsParam *p) {
  if (p->conv == CV_OUTPUT) /* never null: a copy of what C produced */
    buf_puts(b, type_is_text(p->elem)      ? "string"
                : p->elem->kind == TY_VOID ? "Uint8Array"
                                           : typed_array_ts(ctx, p->elem));
  else if (p->out_read == OUT_ARRAY)
    put_array_result(ctx, b, p->elem, true);
  else if (p->out_read == OUT_OWNED && p->kind == JK_VIEW)
    buf_printf(b, "%sValue | null", js_record_name(ctx, p->value->base->record));
  else
    put_type(ctx, b, p->value, p->kind, false, true);
}

/* The TS type of the C result. */
static void put_return_type(Ctx *ctx, Buf *b, const JsFunc *jf) {
  const Func *f = jf->func;
  if (jf->ret_wide)
    buf_puts(b, jf->ret_nonnull ? "string" : "string | null");
  else if (jf->ret_elem)
    put_array_result(ctx, b, jf->ret_elem, !jf->ret_nonnull);
  else if (jf->ret == JK_VIEW && (f->ret_annot.flags & A_OWNED))
    buf_printf(b, "%sValue%s", js_record_name(ctx, f->type->base->base->record),
               jf->ret_nonnull ? "" : " | null");
  else
    put_type(ctx, b, f->type->base, jf->ret, false, !jf->ret_nonnull);
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
    if ((p->conv != CV_OUT && p->conv != CV_OUTPUT) || p->out_read == OUT_NONE)
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
static void emit_function_type(Ctx *ctx, Writer *w, const JsFunc *jf, bool as_method) {
  Buf b = {0};
  buf_printf(&b, "%s(", as_method ? jf->method : jf->js_key);
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
    buf_printf(&b, "%s%s: ", first ? "" : ", ", js_safe_ident(ctx, p->c_name));
    first = false;
    put_param_type(ctx, &b, p);
  }
  if (jf->format_param >= 0) /* what the format's conversions take */
    buf_printf(&b, "%s...args: Array<number | bigint | string | null>", first ? "" : ", ");
  else if (jf->va_kinds && !jf->va_kinds[0]) /* as the values are */
    buf_printf(&b, "%s...args: Array<number | bigint | string | boolean | null>",
               first ? "" : ", ");
  else if (jf->va_kinds) /* the rules' kinds */
    for (const char *k = jf->va_kinds; *k; k++)
      buf_printf(&b, "%sva%d: %s", first && k == jf->va_kinds ? "" : ", ",
                 (int)(k - jf->va_kinds) + 1, va_kind_ts(*k));
  buf_puts(&b, "): ");
  put_result_type(ctx, &b, jf);
  buf_puts(&b, ";");
  put_line(w, &b);
  buf_release(&b);
}

/* An opaque type: a branded interface with its methods, and its class. */
static void emit_handle_interface(Ctx *ctx, Writer *w, const Record *rec, const JsPlan *plan) {
  const char *name = js_record_name(ctx, rec);
  const HandleRule *h = rec->handle;
  wr_line(w, "declare const %sBrand: unique symbol;", name);
  if (h && h->destroy)
    wr_line(w, "/** An opaque `%s *` handle; destroyed by %s(), by `using`, or when collected. */",
            rec->name ? rec->name : name, h->destroy);
  else
    wr_line(w, "/** An opaque `%s *` handle. */", rec->name ? rec->name : name);
  wr_open(w, "export interface %s {", name);
  wr_line(w, "/** The C pointer; 0 once destroyed. */");
  wr_line(w, "readonly ptr: number;");
  wr_line(w, "readonly [%sBrand]: true;", name);
  if (h && h->destroy)
    wr_line(w, "[Symbol.dispose](): void;");
  const Vec *methods = js_methods_of(plan, rec);
  for (int i = 0; i < methods->len; i++)
    emit_function_type(ctx, w, methods->items[i], true);
  wr_close(w, "}");
}

/* `export type E = 0 | 1 | 2;` for each enum, the header's and those it
 * uses from other headers. */
static void emit_enum_types(Ctx *ctx, Writer *w, const JsPlan *plan) {
  Buf line = {0};
  for (int i = 0; i < plan->enums.len + plan->type_enums.len; i++) {
    const Enum *e =
        i < plan->enums.len ? plan->enums.items[i] : plan->type_enums.items[i - plan->enums.len];
    bool u = e->int_type && type_is_unsigned(e->int_type);
    buf_printf(&line, "export type %s =", js_enum_name(ctx, e));
    if (e->nconsts == 0)
      buf_puts(&line, " never");
    Map seen = {0}; /* each value once: a map, not a scan (100,000 constants) */
    for (int k = 0; k < e->nconsts; k++) {
      const int64_t *value = &e->consts[k].value;
      if (map_get(&seen, (const char *)value, (int)sizeof *value))
        continue;
      map_put(ctx, &seen, (const char *)value, (int)sizeof *value, (void *)value);
      buf_puts(&line, k ? " | " : " ");
      jsv_int_literal(&line, e->consts[k].value, u);
    }
    buf_puts(&line, ";");
    put_line(w, &line);
  }
  buf_release(&line);
}

/* The constants of the library object: enums, enumerators, #defines. */
static void emit_constant_members(Ctx *ctx, Writer *w, const JsPlan *plan) {
  Buf line = {0};
  for (int i = 0; i < plan->enums.len; i++) {
    const Enum *e = plan->enums.items[i];
    bool u = e->int_type && type_is_unsigned(e->int_type);
    buf_printf(&line, "readonly %s: {", js_enum_name(ctx, e));
    for (int k = 0; k < e->nconsts; k++) {
      buf_printf(&line, " readonly %s: ", e->consts[k].name);
      jsv_int_literal(&line, e->consts[k].value, u);
      buf_puts(&line, ";");
    }
    buf_puts(&line, " };");
    put_line(w, &line);
  }
  for (int i = 0; i < plan->props.len; i++) {
    const JsProp *p = plan->props.items[i];
    if (p->var) { /* a variable: its type, read-only when JS cannot set it */
      buf_printf(&line, "%s%s: ", p->writable ? "" : "readonly ", p->name);
      if (p->var->type->kind == TY_ARRAY)
        buf_puts(&line, "string");
      else
        put_type(ctx, &line, p->var->type, js_kind(ctx, p->var->type, true), false, true);
      buf_puts(&line, ";");
      put_line(w, &line);
      continue;
    }
    buf_printf(&line, "readonly %s: ", p->name);
    if (p->macro && !p->macro->text)
      buf_puts(&line, "number"); /* NaN and Infinity have no literal type */
    else
      jsv_prop_literal(&line, p);
    buf_puts(&line, ";");
    put_line(w, &line);
  }
  buf_release(&line);
}

/* lib.alloc's result and the typed arrays it takes. */
static void emit_allocation_types(Writer *w) {
  wr_line(w, "%s", "");
  wr_line(w, "/** The typed arrays lib.alloc makes. */");
  wr_line(w, "export type AllocArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | "
             "Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | "
             "BigInt64Array | BigUint64Array;");
  wr_line(w, "/** Memory C keeps using across calls (lib.alloc): pass `array` where an array "
             "goes, and keep the allocation while C holds the pointer. */");
  wr_open(w, "export interface Allocation<T extends AllocArray> {");
  wr_line(w, "/** The address; 0 once freed. */");
  wr_line(w, "readonly ptr: number;");
  wr_line(w, "readonly length: number;");
  wr_line(w,
          "/** A typed array over the memory, valid until the memory grows (then ask again). */");
  wr_line(w, "readonly array: T;");
  wr_line(w, "/** Frees the memory, once; C must no longer use it. */");
  wr_line(w, "free(): void;");
  wr_line(w, "[Symbol.dispose](): void;");
  wr_close(w, "}");
}

/* `interface Library`: the functions, classes and constants. */
static void emit_library_interface(Ctx *ctx, Writer *w, const JsPlan *plan) {
  wr_line(w, "%s", "");
  wr_line(w, "/** The library: its functions, types and constants. */");
  wr_open(w, "export interface Library {");
  for (int i = 0; i < plan->funcs.len; i++)
    emit_function_type(ctx, w, plan->funcs.items[i], false);
  for (int i = 0; i < plan->view_records.len; i++) {
    const char *name = js_record_name(ctx, plan->view_records.items[i]);
    wr_line(w, "readonly %s: %sClass;", name, name);
  }
  for (int i = 0; i < plan->handles.len; i++) {
    const char *name = js_record_name(ctx, plan->handles.items[i]);
    /* inline: a `%sClass` interface could clash with a C type (GObject) */
    wr_open(w, "readonly %s: {", name);
    wr_line(w, "readonly prototype: %s;", name);
    wr_line(w, "/** Unsafe: a borrowed handle of any address, which C will trust. */");
    wr_line(w, "fromPointer(address: number): %s | null;", name);
    wr_close(w, "};");
  }
  if (plan->error_class)
    wr_line(w, "readonly %s: typeof %s;", plan->error_class, plan->error_class);
  emit_constant_members(ctx, w, plan);
  if (plan->uses_alloc) {
    wr_line(w, "/** Zeroed memory for length elements of type (Uint8Array by default), which C "
               "may keep using across calls. */");
    wr_line(w, "alloc(length: number): Allocation<Uint8Array>;");
    wr_line(w, "alloc<T extends AllocArray>(length: number, type: { new (buffer: ArrayBufferLike, "
               "byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number }): "
               "Allocation<T>;");
  }
  wr_line(w, "readonly memory: WebAssembly.Memory;");
  wr_line(w, "readonly exports: WebAssembly.Exports;");
  wr_close(w, "}");
  wr_line(w, "%s", "");
}

/* LoadOptions, with the functions JS implements typed where load() takes
 * them. */
static void emit_load_options(Ctx *ctx, Writer *w, const JsPlan *plan) {
  wr_open(w, "export interface LoadOptions {");
  wr_line(w, "/** Functions the C code imports, by module and name. */");
  if (!plan->imports.len) {
    wr_line(w, "imports?: Record<string, Record<string, unknown>>;");
  } else {
    wr_open(w, "imports?: Record<string, Record<string, unknown>> & {");
    wr_open(w, "env?: {");
    Buf line = {0};
    for (int i = 0; i < plan->imports.len; i++) {
      const JsFunc *jf = plan->imports.items[i];
      buf_printf(&line, "%s?: ", jf->func->name);
      put_callback_type(ctx, &line, jf->as_import);
      buf_puts(&line, ";");
      put_line(w, &line);
    }
    buf_release(&line);
    wr_close(w, "};");
    wr_close(w, "};");
  }
  wr_close(w, "}");
  wr_line(w, "%s", "");
}

/* load() and wrap(). */
static void emit_loader_types(Writer *w) {
  wr_line(w, "/** Loads the library; by default its .wasm next to this module. */");
  wr_open(w, "export default function load(");
  wr_line(w, "source?: string | URL | Response | PromiseLike<Response> | BufferSource | "
             "WebAssembly.Module,");
  wr_line(w, "options?: LoadOptions,");
  wr_close(w, "): Promise<Library>;");
  wr_line(w, "%s", "");
  wr_line(w, "/** The library over an instantiated module or an Emscripten Module. */");
  wr_open(w, "export function wrap(");
  wr_line(w, "instanceOrExports: WebAssembly.Instance | WebAssembly.Exports | { asm: "
             "WebAssembly.Exports },");
  wr_close(w, "): Library;");
}

/* The library's error class. */
static void emit_error_class(Writer *w, const char *name) {
  wr_line(w, "/** A C function of the library reported failure. */");
  wr_open(w, "export declare class %s extends Error {", name);
  wr_line(w, "constructor(fn: string, code: number | bigint, message?: string | null);");
  wr_line(w, "/** What the function returned. */");
  wr_line(w, "readonly code: number | bigint;");
  wr_line(w, "/** The C function's name. */");
  wr_line(w, "readonly function: string;");
  wr_close(w, "}");
}

void emit_ts(Ctx *ctx, Buf *out) {
  const JsPlan *plan = js_library_plan(ctx);
  Writer w = {out, 0};
  const char *header = ctx->opts->header_path;
  const char *slash = strrchr(header, '/');
  wr_line(&w, "// Generated by wasmbind from %s. Do not edit.", slash ? slash + 1 : header);
  bool disposable = false;
  for (int i = 0; i < plan->handles.len; i++) {
    const Record *rec = plan->handles.items[i];
    disposable |= rec->handle && rec->handle->destroy;
  }
  disposable |= plan->uses_alloc;
  if (disposable) /* Symbol.dispose, for `using` */
    wr_line(&w, "/// <reference lib=\"esnext.disposable\" />");
  wr_line(&w, "%s", "");
  emit_enum_types(ctx, &w, plan);
  for (int i = 0; i < plan->value_records.len; i++)
    emit_value_interface(ctx, &w, plan->value_records.items[i]);
  for (int i = 0; i < plan->view_records.len; i++)
    emit_view_interface(ctx, &w, plan->view_records.items[i]);
  for (int i = 0; i < plan->handles.len; i++)
    emit_handle_interface(ctx, &w, plan->handles.items[i], plan);
  if (plan->error_class)
    emit_error_class(&w, plan->error_class);
  if (plan->uses_alloc)
    emit_allocation_types(&w);
  emit_library_interface(ctx, &w, plan);
  emit_load_options(ctx, &w, plan);
  emit_loader_types(&w);
}
