/* abi.c: the wasm32 C ABI, as clang lowers C function types for
 * wasm32-unknown-emscripten (clang's WebAssemblyABIInfo and DefaultABIInfo,
 * then the WebAssembly backend's legalization), checked against clang 14:
 *
 *   - integers up to 32 bits, _Bool, enums, pointers: i32; long long: i64;
 *     float: f32; double: f64;
 *   - long double (fp128) and __int128: two i64 parameters (low half first);
 *     returned through a hidden pointer, the first parameter (sret);
 *   - an empty struct or union is not passed at all, and returns nothing;
 *   - a record whose only non-empty field (through nested records and
 *     one-element arrays) is a scalar of the record's size is passed and
 *     returned as that scalar (isSingleElementStruct; unions included);
 *   - any other record is passed as a pointer to a copy the caller makes,
 *     and returned through sret;
 *   - `...` adds one i32 parameter: a pointer to the variadic arguments. */
#include "internal.h"

int abi_scalar_kind(const Type *ty) {
  switch (ty->kind) {
  case TY_BOOL:
  case TY_CHAR:
  case TY_SCHAR:
  case TY_UCHAR:
  case TY_SHORT:
  case TY_USHORT:
  case TY_INT:
  case TY_UINT:
  case TY_LONG:
  case TY_ULONG:
  case TY_PTR: return WV_I32;
  case TY_LLONG:
  case TY_ULLONG: return WV_I64;
  case TY_INT128:
  case TY_UINT128:
  case TY_LDOUBLE: return ABI_REC_PAIR;
  case TY_FLOAT: return WV_F32;
  case TY_DOUBLE: return WV_F64;
  case TY_ENUM:
    /* The enum's integer type; a forward-declared enum is an int. */
    if (ty->enumdecl && ty->enumdecl->int_type && ty->enumdecl->int_type->kind != TY_ENUM)
      return abi_scalar_kind(ty->enumdecl->int_type);
    return WV_I32;
  default: return 0;
  }
}

static bool is_record(const Type *ty) {
  return ty->kind == TY_STRUCT && ty->record;
}

static bool is_empty_record(const Type *ty);

/* isEmptyField (AllowArrays): a member that is a zero-length array, or an
 * array of empty records, or an empty record. (Unnamed bitfields, also empty,
 * are not members.) */
static bool is_empty_field(const Member *m) {
  const Type *ty = m->type;
  while (ty->kind == TY_ARRAY) {
    if (ty->array_len == 0)
      return true;
    ty = ty->base;
  }
  return is_record(ty) && is_empty_record(ty);
}

static bool has_flexible_array_member(const Record *rec) {
  if (rec->is_union || rec->nmembers == 0)
    return false;
  const Type *last = rec->members[rec->nmembers - 1].type;
  if (last->kind == TY_ARRAY && last->array_len < 0)
    return true;
  /* A struct ending in a struct with a flexible array member has one too. */
  return is_record(last) && has_flexible_array_member(last->record);
}

/* isEmptyRecord (AllowArrays): a complete record all of whose fields are
 * empty, and no flexible array member. */
static bool is_empty_record(const Type *ty) {
  const Record *rec = ty->record;
  if (!rec->complete || has_flexible_array_member(rec))
    return false;
  for (int i = 0; i < rec->nmembers; i++)
    if (!is_empty_field(&rec->members[i]))
      return false;
  return true;
}

/* isSingleElementStruct: the only non-empty field's type, with one-element
 * arrays unwrapped and nested single-element records looked through, when
 * that scalar is exactly as large as the record. */
static const Type *single_element(Ctx *ctx, const Type *ty) {
  if (!is_record(ty))
    return NULL;
  const Record *rec = ty->record;
  if (!rec->complete || has_flexible_array_member(rec))
    return NULL;
  const Type *found = NULL;
  for (int i = 0; i < rec->nmembers; i++) {
    const Member *m = &rec->members[i];
    if (is_empty_field(m))
      continue;
    if (found)
      return NULL;
    const Type *ft = m->type;
    while (ft->kind == TY_ARRAY && ft->array_len == 1)
      ft = ft->base;
    if (ft->kind == TY_ARRAY || is_record(ft)) {
      found = single_element(ctx, ft);
      if (!found)
        return NULL;
    } else {
      found = ft;
    }
  }
  if (found && layout_sizeof(ctx, found) != layout_sizeof(ctx, ty))
    return NULL;
  return found;
}

const Type *abi_single_element(Ctx *ctx, const Type *record_type) {
  const Type *found = single_element(ctx, record_type);
  return found && abi_scalar_kind(found) ? found : NULL;
}

int abi_struct_direct_kind(Ctx *ctx, const Type *record_type) {
  if (!is_record(record_type))
    return ABI_REC_INDIRECT;
  if (is_empty_record(record_type))
    return ABI_REC_IGNORE;
  const Type *elem = abi_single_element(ctx, record_type);
  return elem ? abi_scalar_kind(elem) : ABI_REC_INDIRECT;
}

/* Classifies one C value (classifyArgumentType / classifyReturnType). Returns
 * a reason when it cannot be lowered, else NULL. */
static const char *classify(Ctx *ctx, const Type *ty, AbiArg *out) {
  *out = (AbiArg){ABI_IGNORE, 0, NULL, -1};
  if (ty->kind == TY_VOID)
    return NULL;
  if (ty->kind == TY_STRUCT) {
    if (!ty->record || !ty->record->complete)
      return "a struct or union of incomplete type is passed by value";
    int kind = abi_struct_direct_kind(ctx, ty);
    if (kind == ABI_REC_IGNORE)
      return NULL;
    if (kind == ABI_REC_INDIRECT) {
      out->cls = ABI_INDIRECT;
      out->wasm = WV_I32;
      return NULL;
    }
    ty = abi_single_element(ctx, ty);
  }
  if (ty->kind == TY_ENUM && ty->enumdecl && !ty->enumdecl->complete && !ty->enumdecl->int_type)
    return "an enum of incomplete type is passed by value";
  int kind = abi_scalar_kind(ty);
  if (!kind)
    return "a value of this type cannot be passed (not a scalar, struct or union)";
  out->scalar = ty;
  if (kind == ABI_REC_PAIR) {
    out->cls = ABI_PAIR;
    out->wasm = WV_I64;
  } else {
    out->cls = ABI_DIRECT;
    out->wasm = (uint8_t)kind;
  }
  return NULL;
}

static bool add_param(AbiSig *out, uint8_t type) {
  if (out->nparams >= ABI_MAX_PARAMS) {
    out->reason = "more than 64 wasm parameters";
    return false;
  }
  out->params[out->nparams++] = type;
  return true;
}

bool abi_lower(Ctx *ctx, const Type *fn, AbiSig *out) {
  *out = (AbiSig){0};
  if (fn->kind != TY_FUNC) {
    out->reason = "not a function type";
    return false;
  }
  if (fn->no_prototype) {
    out->reason = "declared without a prototype: its parameters are unknown";
    return false;
  }
  const char *why = classify(ctx, fn->base, &out->ret);
  if (why) {
    out->reason = why;
    return false;
  }
  if (out->ret.cls == ABI_INDIRECT || out->ret.cls == ABI_PAIR) {
    out->sret = true;
    add_param(out, WV_I32);
  } else if (out->ret.cls == ABI_DIRECT) {
    out->nresults = 1;
    out->result = out->ret.wasm;
  }
  out->nargs = fn->nparams;
  out->args = arena_alloc(ctx, sizeof(AbiArg) * (size_t)(fn->nparams ? fn->nparams : 1));
  for (int i = 0; i < fn->nparams; i++) {
    AbiArg *arg = &out->args[i];
    why = classify(ctx, fn->params[i].type, arg);
    if (!why && fn->params[i].type->kind == TY_VOID)
      why = "a parameter has type void";
    if (why) {
      out->reason = why;
      return false;
    }
    if (arg->cls == ABI_IGNORE)
      continue;
    arg->first = out->nparams;
    if (!add_param(out, arg->wasm) || (arg->cls == ABI_PAIR && !add_param(out, WV_I64)))
      return false;
  }
  if (fn->variadic) {
    out->variadic = true;
    if (!add_param(out, WV_I32))
      return false;
  }
  return true;
}

void abi_wasm_sig(const AbiSig *abi, WasmSig *out) {
  *out = (WasmSig){0};
  out->nparams = abi->nparams;
  for (int i = 0; i < abi->nparams; i++)
    out->params[i] = abi->params[i];
  out->nresults = abi->nresults;
  if (abi->nresults)
    out->results[0] = abi->result;
}
