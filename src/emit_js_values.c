/* emit_js_values.c: JS code that moves one C value between JS and linear
 * memory or a wasm call: checks, loads, stores, conversions. emit_js.c puts
 * these expressions together into functions, records and view classes. */
#include "emit_js.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* The integer type that stands for ty in memory and calls (enums: theirs). */
static const Type *int_repr(Ctx *ctx, const Type *ty) {
  if (ty->kind == TY_ENUM)
    return ty->enumdecl && ty->enumdecl->int_type ? ty->enumdecl->int_type
                                                  : type_builtin(ctx, TY_INT);
  return ty;
}

void jsv_int_range(Ctx *ctx, const Type *ty, long long *min, long long *max) {
  ty = int_repr(ctx, ty);
  int64_t size = layout_sizeof(ctx, ty);
  bool is_unsigned = type_is_unsigned(ty);
  if (ty->kind == TY_BOOL) {
    *min = 0, *max = 1;
  } else if (size >= 8) { /* 64 bits: no shift by 64; a max of ~0ULL prints as -1 */
    *min = is_unsigned ? 0 : INT64_MIN;
    *max = INT64_MAX;
  } else if (is_unsigned) {
    *min = 0;
    *max = (long long)((1ULL << (size * 8)) - 1);
  } else {
    *min = -(1LL << (size * 8 - 1));
    *max = (1LL << (size * 8 - 1)) - 1;
  }
}

/* A condition that is true when v is NOT a valid integer of type ty. The
 * typeof test comes first: bit operations on a bigint or a symbol would throw
 * an error that does not name the parameter. */
static void put_int_invalid(Ctx *ctx, Buf *b, const Type *ty, const char *v) {
  ty = int_repr(ctx, ty);
  buf_printf(b, "typeof %s !== 'number' || ", v);
  int64_t size = layout_sizeof(ctx, ty);
  bool u = type_is_unsigned(ty);
  if (size == 4)
    buf_printf(b, u ? "(%s >>> 0) !== %s" : "(%s | 0) !== %s", v, v);
  else if (size == 2)
    buf_printf(b, u ? "(%s & 0xffff) !== %s" : "((%s << 16) >> 16) !== %s", v, v);
  else
    buf_printf(b, u ? "(%s & 0xff) !== %s" : "((%s << 24) >> 24) !== %s", v, v);
}

/* " && v !== null" where null is accepted, else "". */
static const char *or_null(Ctx *ctx, const char *v, bool nullable) {
  return nullable ? arena_printf(ctx, " && %s !== null", v) : "";
}

void jsv_check(Ctx *ctx, Writer *w, const Type *ty, JsKind kind, const char *v, const char *name,
               bool nullable) {
  switch (kind) {
  case JK_INT: {
    long long min, max;
    jsv_int_range(ctx, ty, &min, &max);
    Buf c = {0};
    put_int_invalid(ctx, &c, ty, v);
    wr_line(w, "if (%s) throw wbIntError(%s, %s, %lld, %lld);", c.data, name, v, min, max);
    buf_release(&c);
    break;
  }
  case JK_FLOAT:
    wr_line(w, "if (typeof %s !== 'number') throw wbNumberError(%s, %s);", v, name, v);
    break;
  case JK_BOOL:
    wr_line(w, "if (typeof %s !== 'boolean') throw wbTypeError(%s, 'a boolean', %s);", v, name, v);
    break;
  case JK_STRING:
    wr_line(w, "if (typeof %s !== 'string'%s) throw wbTypeError(%s, 'a string', %s);", v,
            or_null(ctx, v, nullable), name, v);
    break;
  case JK_ADDR:
    wr_line(w,
            "if ((typeof %s !== 'number' || (%s >>> 0) !== %s)%s) throw wbIntError(%s, %s, 0, "
            "4294967295);",
            v, v, v, or_null(ctx, v, nullable), name, v);
    break;
  case JK_FUNC:
    wr_line(w, "if (typeof %s !== 'function'%s) throw wbTypeError(%s, 'a function', %s);", v,
            or_null(ctx, v, nullable), name, v);
    break;
  case JK_HANDLE: {
    const char *cls = js_record_name(ctx, ty->base->record);
    wr_line(w, "if (!(%s instanceof %s)%s) throw wbTypeError(%s, 'a %s handle', %s);", v, cls,
            or_null(ctx, v, nullable), name, cls, v);
    break;
  }
  default: /* bigints convert through wbBigInt; records check in their writers */ break;
  }
}

/* `view[index]` for an aligned scalar at address expression a. */
static const char *heap_access(Ctx *ctx, const char *heap, int shift, const char *a) {
  if (shift)
    return arena_printf(ctx, "%s[%s >> %d]", heap, jsv_paren(ctx, a), shift);
  return arena_printf(ctx, "%s[%s]", heap, a);
}

typedef struct {
  const char *heap; /* typed array view name */
  int shift;
  const char *dv; /* DataView method suffix: Int32, Float64, BigInt64... */
} HeapSlot;

static HeapSlot heap_slot(Ctx *ctx, const Type *ty) {
  ty = int_repr(ctx, ty);
  switch (ty->kind) {
  case TY_BOOL:
  case TY_UCHAR: return (HeapSlot){"u8", 0, "Uint8"};
  case TY_CHAR:
  case TY_SCHAR: return (HeapSlot){"i8", 0, "Int8"};
  case TY_SHORT: return (HeapSlot){"i16", 1, "Int16"};
  case TY_USHORT: return (HeapSlot){"u16", 1, "Uint16"};
  case TY_INT:
  case TY_LONG: return (HeapSlot){"i32", 2, "Int32"};
  case TY_UINT:
  case TY_ULONG:
  case TY_PTR: return (HeapSlot){"u32", 2, "Uint32"};
  case TY_LLONG:
  case TY_ULLONG: return (HeapSlot){"i64", 3, "BigInt64"};
  case TY_FLOAT: return (HeapSlot){"f32", 2, "Float32"};
  case TY_DOUBLE: return (HeapSlot){"f64", 3, "Float64"};
  default: return (HeapSlot){NULL, 0, NULL};
  }
}

const char *jsv_load_raw(Ctx *ctx, const Type *ty, const char *a, bool aligned) {
  HeapSlot s = heap_slot(ctx, ty);
  if (aligned || s.shift == 0)
    return heap_access(ctx, s.heap, s.shift, a);
  return arena_printf(ctx, "dv.get%s(%s, true)", s.dv, a);
}

const char *jsv_load(Ctx *ctx, const Type *ty, const char *a, bool aligned) {
  JsKind kind = js_kind(ctx, ty, true);
  switch (kind) {
  case JK_INT:
  case JK_FLOAT:
  case JK_ADDR:
  case JK_FUNC: return jsv_load_raw(ctx, ty, a, aligned);
  case JK_BOOL: return arena_printf(ctx, "%s !== 0", jsv_load_raw(ctx, ty, a, aligned));
  case JK_I64:
    if (type_is_unsigned(int_repr(ctx, ty)))
      return arena_printf(ctx, "BigInt.asUintN(64, %s)", jsv_load_raw(ctx, ty, a, aligned));
    return jsv_load_raw(ctx, ty, a, aligned);
  case JK_STRING: return arena_printf(ctx, "readString(%s)", jsv_load_raw(ctx, ty, a, aligned));
  case JK_VIEW:
  case JK_HANDLE:
    return arena_printf(ctx, "%s.at(%s)", js_record_name(ctx, ty->base->record),
                        jsv_load_raw(ctx, ty, a, aligned));
  case JK_STRUCT: return arena_printf(ctx, "%s(%s)", js_reader(ctx, ty->record), a);
  default: return "undefined";
  }
}

/* The value stored for a checked JS value v of kind (null is 0). */
static const char *stored_value(Ctx *ctx, Writer *w, const Type *ty, JsKind kind, const char *v,
                                const char *name, bool in_call) {
  switch (kind) {
  case JK_INT:
  case JK_FLOAT: jsv_check(ctx, w, ty, kind, v, name, true); return v;
  case JK_BOOL:
    jsv_check(ctx, w, ty, kind, v, name, true);
    return arena_printf(ctx, "%s ? 1 : 0", v);
  case JK_I64:
    return arena_printf(ctx, "wbBigInt(%s, %s, %s)", v, name,
                        type_is_unsigned(int_repr(ctx, ty)) ? "true" : "false");
  case JK_STRING:
    if (in_call) {
      jsv_check(ctx, w, ty, kind, v, name, true);
      return arena_printf(ctx, "%s === null ? 0 : tmpString(%s, %s)", v, v, name);
    }
    /* Outside a call nothing would own the copy: an address. */
    jsv_check(ctx, w, ty, JK_ADDR, v, name, true);
    return arena_printf(ctx, "%s === null ? 0 : %s", v, v);
  case JK_VIEW: {
    const char *cls = js_record_name(ctx, ty->base->record);
    wr_line(w, "if (!(%s instanceof %s) && %s !== null) throw wbTypeError(%s, 'a %s or null', %s);",
            v, cls, v, name, cls, v);
    return arena_printf(ctx, "%s === null ? 0 : %s.ptrOf(%s, %s)", v, cls, v, name);
  }
  case JK_HANDLE: /* a live one: not destroyed, its lender alive */
    return arena_printf(ctx, "%s === null ? 0 : %s.ptrOf(%s, %s)", v,
                        js_record_name(ctx, ty->base->record), v, name);
  case JK_ADDR:
  case JK_FUNC:
    jsv_check(ctx, w, ty, JK_ADDR, v, name, true);
    return arena_printf(ctx, "%s === null ? 0 : %s", v, v);
  default: return NULL;
  }
}

void jsv_store(Ctx *ctx, Writer *w, const Type *ty, const char *a, const char *v, const char *name,
               bool aligned, bool in_call) {
  /* char * fields hold strings whether or not they are const. */
  JsKind kind = js_kind(ctx, ty, true);
  if (kind == JK_STRUCT) {
    wr_line(w, "%s(%s, %s, %s, %s);", js_writer(ctx, ty->record), a, v, name,
            in_call ? "true" : "false");
    return;
  }
  const char *stored = stored_value(ctx, w, ty, kind, v, name, in_call);
  if (!stored) {
    wr_line(w, "throw new TypeError(%s + ': this field cannot be written from JS');", name);
    return;
  }
  /* A copy may grow the memory: the heap view is taken after it, since
   * `u32[i] = f()` takes u32 before calling f. */
  bool copies = kind == JK_STRING && in_call;
  if (copies) {
    wr_open(w, "{");
    wr_line(w, "const q = %s;", stored);
    wr_line(w, "if (u8.length === 0) refresh();");
    stored = "q";
  }
  jsv_store_raw(ctx, w, ty, a, stored, aligned);
  if (copies)
    wr_close(w, "}");
}

void jsv_store_raw(Ctx *ctx, Writer *w, const Type *ty, const char *a, const char *x,
                   bool aligned) {
  HeapSlot s = heap_slot(ctx, ty);
  if (aligned || s.shift == 0)
    wr_line(w, "%s = %s;", heap_access(ctx, s.heap, s.shift, a), x);
  else
    wr_line(w, "dv.set%s(%s, %s, true);", s.dv, a, x);
}

const char *jsv_from_wasm(Ctx *ctx, const Type *ty, JsKind kind, const char *r) {
  switch (kind) {
  case JK_INT: {
    const Type *t = int_repr(ctx, ty);
    int64_t size = layout_sizeof(ctx, t);
    bool u = type_is_unsigned(t);
    if (size == 4)
      return u ? arena_printf(ctx, "%s >>> 0", r) : r;
    if (size == 2)
      return arena_printf(ctx, u ? "%s & 0xffff" : "(%s << 16) >> 16", r);
    return arena_printf(ctx, u ? "%s & 0xff" : "(%s << 24) >> 24", r);
  }
  case JK_BOOL: return arena_printf(ctx, "%s !== 0", r);
  case JK_ADDR:
  case JK_FUNC: return arena_printf(ctx, "%s >>> 0", r);
  case JK_I64:
    if (type_is_unsigned(int_repr(ctx, ty)))
      return arena_printf(ctx, "BigInt.asUintN(64, %s)", r);
    return r;
  case JK_STRING: return arena_printf(ctx, "readString(%s)", r);
  case JK_VIEW:
  case JK_HANDLE: return arena_printf(ctx, "%s.at(%s)", js_record_name(ctx, ty->base->record), r);
  default: return r;
  }
}

/* An address expression a plus a byte offset, without "+ 0". */
const char *jsv_addr(Ctx *ctx, const char *a, int64_t offset) {
  return offset ? arena_printf(ctx, "%s + %lld", a, (long long)offset) : a;
}

/* a in parentheses when it is more than a name or number (for `a >> 2`). */
const char *jsv_paren(Ctx *ctx, const char *a) {
  for (const char *p = a; *p; p++)
    if (!(*p == '_' || *p == '$' || *p == '.' || (*p >= '0' && *p <= '9') ||
          (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
      return arena_printf(ctx, "(%s)", a);
  return a;
}

/* The name expression of a part of the value named by `name` (a JS string
 * expression): a field (`.x`) or an element (`[' + k + ']`), folded into
 * the literal when name is one ('pts[' + k + ']', not 'pts' + '[' + ...). */
const char *jsv_name_part(Ctx *ctx, const char *name, const char *part) {
  size_t n = strlen(name);
  bool literal = n >= 2 && name[0] == '\'' && name[n - 1] == '\'' && !memchr(name + 1, '\'', n - 2);
  if (literal)
    return arena_printf(ctx, "'%.*s%s'", (int)(n - 2), name + 1, part);
  return arena_printf(ctx, "%s + '%s'", name, part);
}

void jsv_prop_literal(Buf *b, const JsProp *p) {
  if (!p->macro)
    jsv_int_literal(b, p->value, p->is_unsigned);
  else if (p->macro->text)
    buf_put_json_string(b, p->macro->text); /* JSON strings are JS strings */
  else if (isnan(p->macro->number))
    buf_puts(b, "NaN");
  else if (isinf(p->macro->number))
    buf_puts(b, p->macro->number < 0 ? "-Infinity" : "Infinity");
  else
    buf_printf(b, "%.17g", p->macro->number);
}

void jsv_int_literal(Buf *b, int64_t v, bool is_unsigned) {
  if (is_unsigned && (uint64_t)v > 9007199254740991ULL)
    buf_printf(b, "%llun", (unsigned long long)v);
  else if (!is_unsigned && (v > 9007199254740991LL || v < -9007199254740991LL))
    buf_printf(b, "%lldn", (long long)v);
  else if (is_unsigned)
    buf_printf(b, "%llu", (unsigned long long)v);
  else
    buf_printf(b, "%lld", (long long)v);
}
const char *jsv_array_result(Ctx *ctx, const Type *elem, const char *p, const char *n) {
  if (elem->kind == TY_VOID) /* bytes */
    return arena_printf(ctx, "readArray(%s, %s, Uint8Array)", p, n);
  if (type_is_text(elem))
    return arena_printf(ctx, "(%s === 0 ? null : readStringN(%s, %s))", p, p, n);
  const char *cls = elem->kind == TY_PTR ? NULL : js_typed_array(ctx, elem);
  if (cls)
    return arena_printf(ctx, "readArray(%s, %s, %s)", p, n, cls);
  long long size = (long long)layout_sizeof(ctx, elem);
  return arena_printf(ctx, "(%s === 0 ? null : Array.from({ length: %s }, (_, k) => %s))", p, n,
                      jsv_load(ctx, elem, arena_printf(ctx, "%s + k * %lld", p, size), true));
}
