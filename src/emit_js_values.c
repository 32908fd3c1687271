/* emit_js_values.c: JS code that moves one C value between JS and linear
 * memory or a wasm call: checks, loads, stores, conversions. emit_js.c puts
 * these expressions together into functions, records and view classes. */
#include "internal.h"
#include <string.h>

const char *jsv_typed_array(Ctx *ctx, const Type *ty) {
  if (ty->kind == TY_ENUM)
    ty =
        ty->enumdecl && ty->enumdecl->int_type ? ty->enumdecl->int_type : type_builtin(ctx, TY_INT);
  switch (ty->kind) {
  case TY_BOOL:
  case TY_UCHAR: return "Uint8Array";
  case TY_CHAR:
  case TY_SCHAR: return "Int8Array";
  case TY_SHORT: return "Int16Array";
  case TY_USHORT: return "Uint16Array";
  case TY_INT:
  case TY_LONG: return "Int32Array";
  case TY_UINT:
  case TY_ULONG:
  case TY_PTR: return "Uint32Array";
  case TY_LLONG: return "BigInt64Array";
  case TY_ULLONG: return "BigUint64Array";
  case TY_FLOAT: return "Float32Array";
  case TY_DOUBLE: return "Float64Array";
  default: return NULL;
  }
}

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

void jsv_check(Ctx *ctx, Buf *b, const Type *ty, JsKind kind, const char *v, const char *name,
               bool nullable, const char *indent) {
  switch (kind) {
  case JK_INT: {
    long long min, max;
    jsv_int_range(ctx, ty, &min, &max);
    buf_printf(b, "%sif (", indent);
    put_int_invalid(ctx, b, ty, v);
    buf_printf(b, ") throw wbIntError(%s, %s, %lld, %lld);\n", name, v, min, max);
    break;
  }
  case JK_FLOAT:
    buf_printf(b, "%sif (typeof %s !== 'number') throw wbNumberError(%s, %s);\n", indent, v, name,
               v);
    break;
  case JK_BOOL:
    buf_printf(b, "%sif (typeof %s !== 'boolean') throw wbTypeError(%s, 'a boolean', %s);\n",
               indent, v, name, v);
    break;
  case JK_STRING:
    buf_printf(b, "%sif (typeof %s !== 'string'%s) throw wbTypeError(%s, 'a string', %s);\n",
               indent, v, nullable ? arena_printf(ctx, " && %s !== null", v) : "", name, v);
    break;
  case JK_ADDR:
    buf_printf(b,
               "%sif ((typeof %s !== 'number' || (%s >>> 0) !== %s)%s) throw wbIntError(%s, %s, 0, "
               "4294967295);\n",
               indent, v, v, v, nullable ? arena_printf(ctx, " && %s !== null", v) : "", name, v);
    break;
  case JK_FUNC:
    buf_printf(b, "%sif (typeof %s !== 'function'%s) throw wbTypeError(%s, 'a function', %s);\n",
               indent, v, nullable ? arena_printf(ctx, " && %s !== null", v) : "", name, v);
    break;
  case JK_HANDLE: {
    const char *cls = js_record_name(ctx, ty->base->record);
    buf_printf(b, "%sif (!(%s instanceof %s)%s) throw wbTypeError(%s, 'a %s handle', %s);\n",
               indent, v, cls, nullable ? arena_printf(ctx, " && %s !== null", v) : "", name, cls,
               v);
    break;
  }
  default: /* bigints convert through wbBigInt; records check in their writers */ break;
  }
}

/* `view[index]` for an aligned scalar at address expression a. */
static void put_heap_access(Buf *b, const char *heap, int shift, const char *a) {
  if (shift)
    buf_printf(b, "%s[(%s) >> %d]", heap, a, shift);
  else
    buf_printf(b, "%s[%s]", heap, a);
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

/* The raw scalar at a: a number (or bigint for 64-bit). */
static void put_raw_load(Ctx *ctx, Buf *b, const Type *ty, const char *a, bool aligned) {
  HeapSlot s = heap_slot(ctx, ty);
  if (aligned || s.shift == 0)
    put_heap_access(b, s.heap, s.shift, a);
  else
    buf_printf(b, "dv.get%s(%s, true)", s.dv, a);
}

void jsv_load(Ctx *ctx, Buf *b, const Type *ty, const char *a, bool aligned) {
  JsKind kind = js_kind(ctx, ty, true);
  switch (kind) {
  case JK_INT:
  case JK_FLOAT:
  case JK_ADDR:
  case JK_FUNC: put_raw_load(ctx, b, ty, a, aligned); break;
  case JK_BOOL:
    put_raw_load(ctx, b, ty, a, aligned);
    buf_puts(b, " !== 0");
    break;
  case JK_I64:
    if (type_is_unsigned(int_repr(ctx, ty))) {
      buf_puts(b, "BigInt.asUintN(64, ");
      put_raw_load(ctx, b, ty, a, aligned);
      buf_puts(b, ")");
    } else {
      put_raw_load(ctx, b, ty, a, aligned);
    }
    break;
  case JK_STRING:
    buf_puts(b, "readString(");
    put_raw_load(ctx, b, ty, a, aligned);
    buf_puts(b, ")");
    break;
  case JK_VIEW:
  case JK_HANDLE:
    buf_printf(b, "%s.at(", js_record_name(ctx, ty->base->record));
    put_raw_load(ctx, b, ty, a, aligned);
    buf_puts(b, ")");
    break;
  case JK_STRUCT: buf_printf(b, "read%s(%s)", js_record_name(ctx, ty->record), a); break;
  default: buf_puts(b, "undefined");
  }
}

void jsv_store(Ctx *ctx, Buf *b, const Type *ty, const char *a, const char *v, const char *name,
               bool aligned, bool in_call, const char *indent) {
  /* char * fields hold strings whether or not they are const. */
  JsKind kind = js_kind(ctx, ty, true);
  if (kind == JK_STRUCT) {
    buf_printf(b, "%swrite%s(%s, %s, %s, %s);\n", indent, js_record_name(ctx, ty->record), a, v,
               name, in_call ? "true" : "false");
    return;
  }
  /* The value to store, after its check. */
  const char *stored = v;
  switch (kind) {
  case JK_INT:
  case JK_FLOAT:
  case JK_BOOL:
  case JK_ADDR:
    jsv_check(ctx, b, ty, kind, v, name, true, indent);
    if (kind == JK_ADDR)
      stored = arena_printf(ctx, "%s === null ? 0 : %s", v, v);
    else if (kind == JK_BOOL)
      stored = arena_printf(ctx, "%s ? 1 : 0", v);
    break;
  case JK_I64:
    stored = arena_printf(ctx, "wbBigInt(%s, %s, %s)", v, name,
                          type_is_unsigned(int_repr(ctx, ty)) ? "true" : "false");
    break;
  case JK_STRING:
    if (in_call) {
      jsv_check(ctx, b, ty, kind, v, name, true, indent);
      stored = arena_printf(ctx, "%s === null ? 0 : tmpString(%s)", v, v);
    } else {
      /* Outside a call nothing would own the copy: store an address. */
      jsv_check(ctx, b, ty, JK_ADDR, v, name, true, indent);
      stored = arena_printf(ctx, "%s === null ? 0 : %s", v, v);
    }
    break;
  case JK_VIEW:
  case JK_HANDLE: {
    const char *cls = js_record_name(ctx, ty->base->record);
    buf_printf(b,
               "%sif (!(%s instanceof %s) && %s !== null) throw wbTypeError(%s, 'a %s or null', "
               "%s);\n",
               indent, v, cls, v, name, cls, v);
    stored = arena_printf(ctx, "%s === null ? 0 : %s.ptr", v, v);
    break;
  }
  case JK_FUNC:
    jsv_check(ctx, b, ty, JK_ADDR, v, name, true, indent);
    stored = arena_printf(ctx, "%s === null ? 0 : %s", v, v);
    break;
  default:
    buf_printf(b, "%sthrow new TypeError(%s + ': this field cannot be written from JS');\n", indent,
               name);
    return;
  }
  HeapSlot s = heap_slot(ctx, ty);
  if (aligned || s.shift == 0) {
    buf_puts(b, indent);
    put_heap_access(b, s.heap, s.shift, a);
    buf_printf(b, " = %s;\n", stored);
  } else {
    buf_printf(b, "%sdv.set%s(%s, %s, true);\n", indent, s.dv, a, stored);
  }
}

void jsv_from_wasm(Ctx *ctx, Buf *b, const Type *ty, JsKind kind, const char *r) {
  switch (kind) {
  case JK_INT: {
    const Type *t = int_repr(ctx, ty);
    int64_t size = layout_sizeof(ctx, t);
    bool u = type_is_unsigned(t);
    if (size == 4)
      buf_printf(b, u ? "%s >>> 0" : "%s", r);
    else if (size == 2)
      buf_printf(b, u ? "%s & 0xffff" : "(%s << 16) >> 16", r);
    else
      buf_printf(b, u ? "%s & 0xff" : "(%s << 24) >> 24", r);
    break;
  }
  case JK_BOOL: buf_printf(b, "%s !== 0", r); break;
  case JK_ADDR:
  case JK_FUNC: buf_printf(b, "%s >>> 0", r); break;
  case JK_I64:
    if (type_is_unsigned(int_repr(ctx, ty)))
      buf_printf(b, "BigInt.asUintN(64, %s)", r);
    else
      buf_puts(b, r);
    break;
  case JK_STRING: buf_printf(b, "readString(%s)", r); break;
  case JK_VIEW:
  case JK_HANDLE: buf_printf(b, "%s.at(%s)", js_record_name(ctx, ty->base->record), r); break;
  default: buf_puts(b, r);
  }
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
