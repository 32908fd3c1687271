/* emit_js.c: the generated ES module. Its shape:
 *
 *   module-level runtime regions (errors, loading, WASI imports)
 *   function createLibrary(exports, host) {
 *     instance runtime regions (memory views, temporaries, strings...)
 *     record readers/writers, view classes, handle classes, enums
 *     one specialised wrapper per C function
 *     return the library object
 *   }
 *   export function wrap(...), export default async function load(...)
 *
 * Every wrapper is straight-line code written for its own signature: no
 * per-call tables, closures or argument arrays unless its types need them. */
#include "internal.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- records ----------------------------------------------------------- */

static const char *str_lit(Ctx *ctx, const char *s) {
  return arena_printf(ctx, "'%s'", s);
}

/* Whether a field at this offset can use a typed array view (aligned). */
static bool field_aligned(Ctx *ctx, const Record *rec, const Member *m) {
  int align = layout_alignof(ctx, m->type);
  return !rec->packed && align > 0 && m->offset % align == 0 && rec->align >= align;
}

static const char *addr_expr(Ctx *ctx, const char *base, int64_t offset) {
  return offset ? arena_printf(ctx, "%s + %lld", base, (long long)offset) : base;
}

/* An expression reading an array field of n elements at a. */
static void put_array_load(Ctx *ctx, Buf *b, const Type *arr, const char *a) {
  const Type *elem = arr->base;
  int64_t n = arr->array_len < 0 ? 0 : arr->array_len;
  if (type_is_char_like(elem)) {
    buf_printf(b, "readFixedString(%s, %lld)", a, (long long)n);
  } else if (jsv_typed_array(ctx, elem) && elem->kind != TY_PTR) {
    buf_printf(b, "readArray(%s, %lld, %s)", a, (long long)n, jsv_typed_array(ctx, elem));
  } else {
    int64_t size = layout_sizeof(ctx, elem);
    buf_printf(b, "Array.from({ length: %lld }, (_, k) => ", (long long)n);
    jsv_load(ctx, b, elem, arena_printf(ctx, "%s + k * %lld", a, (long long)size), true);
    buf_puts(b, ")");
  }
}

static void put_array_store(Ctx *ctx, Buf *b, const Type *arr, const char *a, const char *v,
                            const char *name, const char *indent) {
  const Type *elem = arr->base;
  int64_t n = arr->array_len < 0 ? 0 : arr->array_len;
  if (type_is_char_like(elem)) {
    buf_printf(b, "%swriteFixedString(%s, %lld, %s, %s);\n", indent, a, (long long)n, v, name);
  } else {
    int64_t size = layout_sizeof(ctx, elem);
    buf_printf(b,
               "%sif (!Array.isArray(%s) && !ArrayBuffer.isView(%s)) throw wbTypeError(%s, 'an "
               "array of %lld', %s);\n",
               indent, v, v, name, (long long)n, v);
    buf_printf(b,
               "%sif (%s.length !== %lld) throw new RangeError(%s + ': expected %lld elements, got "
               "' + %s.length);\n",
               indent, v, (long long)n, name, (long long)n, v);
    buf_printf(b, "%sfor (let k = 0; k < %lld; k++) {\n", indent, (long long)n);
    const char *in2 = arena_printf(ctx, "%s  ", indent);
    jsv_store(ctx, b, elem, arena_printf(ctx, "%s + k * %lld", a, (long long)size),
              arena_printf(ctx, "%s[k]", v), arena_printf(ctx, "%s + '[' + k + ']'", name), true,
              true, in2);
    buf_printf(b, "%s}\n", indent);
  }
}

/* Checks v against the bitfield's width and stores it. */
static void put_bitfield_store(Ctx *ctx, Buf *b, const Member *m, int64_t offset, const char *p,
                               const char *v, const char *name, const char *indent) {
  long long min, max;
  jsv_int_range(ctx, m->type, &min, &max);
  if (m->bit_width < 64) {
    if (type_is_unsigned(m->type))
      min = 0, max = (long long)((1ULL << m->bit_width) - 1);
    else
      min = -(1LL << (m->bit_width - 1)), max = (1LL << (m->bit_width - 1)) - 1;
  }
  buf_printf(
      b,
      "%sif (!Number.isInteger(%s) || %s < %lld || %s > %lld) throw wbIntError(%s, %s, %lld, "
      "%lld);\n",
      indent, v, v, min, v, max, name, v, min, max);
  buf_printf(b, "%ssetBits(%s, %lld, %d, %s);\n", indent, p,
             (long long)(offset * 8 + m->bit_offset - m->offset * 8), m->bit_width, v);
}

/* readX(p): a record as a plain object. */
static void emit_record_reader(Ctx *ctx, Buf *b, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);

  buf_printf(b, "  /** @returns {%sValue} */\n  function read%s(p) {\n", name, name);
  buf_puts(b, "    if (u8.length === 0) refresh();\n    return {");
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    const Member *m = fm->m;
    const char *a = addr_expr(ctx, "p", fm->offset);
    buf_printf(b, "%s %s: ", i ? "," : "", m->name);
    if (m->bit_width >= 0)
      buf_printf(b, "getBits(p, %lld, %d, %s)",
                 (long long)(fm->offset * 8 + m->bit_offset - m->offset * 8), m->bit_width,
                 type_is_unsigned(m->type) ? "false" : "true");
    else if (m->type->kind == TY_ARRAY)
      put_array_load(ctx, b, m->type, a);
    else
      jsv_load(ctx, b, m->type, a, field_aligned(ctx, fm->owner, m));
  }
  buf_puts(b, " };\n  }\n");
}

/* writeX(p, v, name, inCall): a plain object checked and stored as a record. */
static void emit_record_writer(Ctx *ctx, Buf *b, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  buf_printf(b, "  function write%s(p, v, name, inCall) {\n", name);
  buf_puts(b, "    if (typeof v !== 'object' || v === null) throw wbTypeError(name, 'an object', "
              "v);\n");
  buf_puts(b, "    let x;\n");
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    const Member *m = fm->m;
    const char *a = addr_expr(ctx, "p", fm->offset);
    const char *fname = arena_printf(ctx, "name + '.%s'", m->name);
    bool in_union = fm->owner->is_union;
    /* In a union the members overlap: write only the ones given. */
    const char *indent = in_union ? "      " : "    ";
    /* a getter can run any JS, growing the memory: fresh views after it */
    buf_printf(b, "    x = v.%s;\n    if (u8.length === 0) refresh();\n", m->name);
    if (in_union)
      buf_puts(b, "    if (x !== undefined) {\n");
    if (m->bit_width >= 0) {
      put_bitfield_store(ctx, b, m, fm->offset, "p", "x", fname, indent);
    } else if (m->type->kind == TY_ARRAY) {
      put_array_store(ctx, b, m->type, a, "x", fname, indent);
    } else if (m->type->kind == TY_STRUCT) {
      buf_printf(b, "%swrite%s(%s, x, %s, inCall);\n", indent, js_record_name(ctx, m->type->record),
                 a, fname);
    } else {
      /* Strings need a call to own their copy: only then `inCall`. */
      if (js_kind(ctx, m->type, false) == JK_STRING) {
        buf_printf(b, "%sif (inCall) {\n", indent);
        jsv_store(ctx, b, m->type, a, "x", fname, field_aligned(ctx, fm->owner, m), true,
                  arena_printf(ctx, "%s  ", indent));
        buf_printf(b, "%s} else {\n", indent);
        jsv_store(ctx, b, m->type, a, "x", fname, field_aligned(ctx, fm->owner, m), false,
                  arena_printf(ctx, "%s  ", indent));
        buf_printf(b, "%s}\n", indent);
      } else {
        jsv_store(ctx, b, m->type, a, "x", fname, field_aligned(ctx, fm->owner, m), true, indent);
      }
    }
    if (in_union)
      buf_puts(b, "    }\n");
  }
  buf_puts(b, "  }\n");
}

static void emit_view_class(Ctx *ctx, Buf *b, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  buf_printf(b, "  /** A view of a `%s` in linear memory (borrowed: it does not own it). */\n",
             rec->name ? rec->name : name);
  buf_printf(b, "  class %s {\n", name);
  buf_puts(b, "    static {\n      wbShapes.push(new this(0));\n    }\n");
  buf_puts(b, "    /** @param {number} ptr */\n    constructor(ptr) {\n");
  buf_puts(b, "      if ((ptr >>> 0) !== ptr) throw wbIntError('ptr', ptr, 0, 4294967295);\n");
  buf_puts(b, "      this.ptr = ptr;\n    }\n");
  buf_puts(b, "    /** @param {number} p */\n    static at(p) {\n");
  buf_printf(b, "      return p === 0 ? null : new %s(p);\n    }\n", name);
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    const Member *m = fm->m;
    const char *a = addr_expr(ctx, "this.ptr", fm->offset);
    bool aligned = field_aligned(ctx, fm->owner, m);
    const char *fname = str_lit(ctx, m->name);
    long long bit = (long long)(fm->offset * 8 + m->bit_offset - m->offset * 8);
    /* getter */
    buf_printf(b, "    get %s() {\n", m->name);
    if (m->bit_width >= 0) {
      buf_printf(b, "      return getBits(this.ptr, %lld, %d, %s);\n", bit, m->bit_width,
                 type_is_unsigned(m->type) ? "false" : "true");
    } else if (m->type->kind == TY_STRUCT) {
      buf_printf(b, "      return new %s(%s);\n", js_record_name(ctx, m->type->record), a);
    } else {
      buf_puts(b, "      if (u8.length === 0) refresh();\n      return ");
      if (m->type->kind == TY_ARRAY)
        put_array_load(ctx, b, m->type, a);
      else
        jsv_load(ctx, b, m->type, a, aligned);
      buf_puts(b, ";\n");
    }
    buf_puts(b, "    }\n");
    /* setter */
    buf_printf(b, "    set %s(v) {\n", m->name);
    if (m->bit_width >= 0) {
      put_bitfield_store(ctx, b, m, fm->offset, "this.ptr", "v", fname, "      ");
    } else if (m->type->kind == TY_STRUCT) {
      buf_printf(b, "      write%s(%s, v, %s, false);\n", js_record_name(ctx, m->type->record), a,
                 fname);
    } else {
      buf_puts(b, "      if (u8.length === 0) refresh();\n");
      if (m->type->kind == TY_ARRAY)
        put_array_store(ctx, b, m->type, a, "v", fname, "      ");
      else
        jsv_store(ctx, b, m->type, a, "v", fname, aligned, false, "      ");
    }
    buf_puts(b, "    }\n");
  }
  buf_printf(b, "    /** A plain-object copy of every field. */\n");
  buf_printf(b, "    toObject() {\n      return read%s(this.ptr);\n    }\n", name);
  buf_printf(b, "    toJSON() {\n      return read%s(this.ptr);\n    }\n", name);
  buf_puts(b, "  }\n");
  buf_printf(b, "  %s.size = %lld;\n  %s.align = %d;\n", name, (long long)rec->size, name,
             rec->align);
}

/* The parameters JS passes, in order. */
static bool js_visible(const JsParam *p) {
  return p->role == PR_IN || p->role == PR_INOUT || p->role == PR_ARRAY;
}

static void emit_handle_class(Ctx *ctx, Buf *b, const Record *rec, const JsPlan *plan) {
  const char *name = js_record_name(ctx, rec);
  const HandleRule *h = rec->handle;
  buf_printf(b, "  /** An opaque `%s *`: only functions of this library can use it. */\n",
             rec->name ? rec->name : name);
  bool lent = false;
  for (int i = 0; i < plan->lent_handles.len; i++)
    lent |= plan->lent_handles.items[i] == rec;
  if (h && h->destroy)
    buf_printf(b, "  class %s extends handleClass('%s', '%s', (p) => _%s(p), %s) {\n", name, name,
               h->destroy, h->destroy, lent ? "true" : "false");
  else
    buf_printf(b, "  class %s extends handleClass('%s', null, null, false) {\n", name, name);
  buf_puts(b, "    static {\n      wbShapes.push(new this(0));\n    }\n");
  /* methods: the functions that take this handle first */
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    if (jf->method_of != rec)
      continue;
    Buf params = {0};
    bool first = true;
    for (int k = 0; k < jf->nparams; k++) {
      const JsParam *p = &jf->params[k];
      if (!js_visible(p))
        continue;
      if (!first)
        buf_printf(&params, "%s%s", params.len ? ", " : "", p->js_name);
      first = false;
    }
    const char *ps = params.data ? params.data : "";
    buf_printf(b, "    %s(%s) {\n      return %s(this%s%s);\n    }\n", jf->method, ps,
               jf->func->name, *ps ? ", " : "", ps);
    buf_release(&params);
  }
  buf_puts(b, "  }\n");
}

/* ---- functions --------------------------------------------------------- */

typedef struct {
  Ctx *ctx;
  const JsFunc *jf;
  Buf pre;    /* argument checks, before any temporary */
  Buf setup;  /* temporaries, conversions */
  Buf post;   /* after the call: rethrow, read outs */
  Buf args;   /* the wasm call's arguments (an i64 as a BigInt) */
  bool frame; /* temporaries or callbacks: try/catch */
  bool temps; /* temporaries in the temporary area: marks t0/h0 */
  bool callbacks;
  Vec cleanup;       /* statements run on both ways out of the call */
  Buf kept;          /* the table slots of kept callbacks, comma-separated */
  bool fixed;        /* temporaries at fixed offsets of fixedScratch (fixed_temps_only) */
  bool writes;       /* out-values are written before the call */
  bool reads;        /* out-values read through the views after the call (a
                        record's reader checks the views itself) */
  Buf decls;         /* declarations at the library's level, before the function */
  int64_t fixed_end; /* ... the bytes they take */
} FnGen;

/* The library's block for fixed-size temporaries (see fixed_temps_only). */
enum { FIXED_SCRATCH_MAX = 1024 };

/* An address for a temporary of `size` bytes: a fixed offset in
 * fixedScratch, or a bump of the temporary area. */
static const char *temp_addr(FnGen *g, int64_t size, int align) {
  if (!g->fixed) {
    g->frame = g->temps = true;
    return arena_printf(g->ctx, "tmpAlloc(%lld, %d)", (long long)size, align);
  }
  int64_t off = (g->fixed_end + align - 1) / align * align;
  g->fixed_end = off + size;
  return arena_printf(g->ctx, "fixedScratch + %lld", (long long)off);
}

/* Is every field of rec a number, bool, pointer or 64-bit integer, outside
 * unions and bitfields? Its fields can be read into locals and stored
 * inline (put_fields_two_phase). */
static bool record_of_numbers(Ctx *ctx, const Record *rec) {
  if (rec->is_union)
    return false;
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    if (fm->owner->is_union || fm->m->bit_width >= 0 || !fm->m->name[0])
      return false;
    switch (js_kind(ctx, fm->m->type, true)) {
    case JK_INT:
    case JK_FLOAT:
    case JK_BOOL:
    case JK_ADDR:
    case JK_I64: break;
    default: return false;
    }
  }
  return fields.len > 0;
}

/* A struct argument of numbers, in two phases: its fields are read into
 * locals with the argument checks, before any temporary is written (a
 * getter can run any JS, this very function or a memory growth included),
 * then checked and stored at address `a`. */
static void put_fields_two_phase(FnGen *g, const Record *rec, const char *v, const char *cname,
                                 const char *a) {
  Ctx *ctx = g->ctx;
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  buf_printf(
      &g->pre,
      "    if (typeof %s !== 'object' || %s === null) throw wbTypeError('%s', 'an object', %s);\n",
      v, v, cname, v);
  buf_puts(&g->pre, "    const ");
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    buf_printf(&g->pre, "%s%s$%s = %s.%s", i ? ", " : "", v, m->name, v, m->name);
  }
  buf_puts(&g->pre, ";\n");
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    const Member *m = fm->m;
    jsv_store(ctx, &g->setup, m->type, addr_expr(ctx, a, fm->offset),
              arena_printf(ctx, "%s$%s", v, m->name), arena_printf(ctx, "'%s.%s'", cname, m->name),
              field_aligned(ctx, fm->owner, m), true, "      ");
  }
  g->writes = true;
}

static void add_arg(FnGen *g, const char *expr) {
  if (g->args.len)
    buf_puts(&g->args, ", ");
  buf_puts(&g->args, expr);
}

static char wasm_letter(uint8_t v) {
  switch (v) {
  case WV_I64: return 'j';
  case WV_F32: return 'f';
  case WV_F64: return 'd';
  default: return 'i';
  }
}

/* How long C may call a callback: during the call, until a releasing
 * callback runs (`keep until`), or the releasing callback itself. */
typedef enum { CB_CALL, CB_KEPT, CB_RELEASE } CallbackMode;

/* The JS value of callback parameter i (wasm value `a`), per its rules:
 * `len N` reads an array of the count in parameter N. */
static void put_callback_arg(Ctx *ctx, Buf *b, const Type *cb, const AbiSig *abi,
                             const Annot *annots, int i) {
  const Type *pt = cb->params[i].type;
  const AbiArg *arg = &abi->args[i];
  const char *a = arena_printf(ctx, "a%d", arg->first);
  const char *len = annots ? annots[i].len : NULL;
  if (len && pt->kind == TY_PTR) {
    int n = atoi(len) - 1; /* the callback's parameters are numbered */
    const char *count =
        arena_printf(ctx, "(a%d >>> 0)", n >= 0 && n < cb->nparams ? abi->args[n].first : 0);
    const Type *elem = pt->base;
    if (elem->kind == TY_PTR) {
      buf_printf(b, "Array.from({ length: %s }, (_, k) => ", count);
      jsv_load(ctx, b, elem, arena_printf(ctx, "%s + 4 * k", a), true);
      buf_puts(b, ")");
    } else {
      const char *cls = jsv_typed_array(ctx, elem);
      buf_printf(b, "readArray(%s, %s, %s)", a, count, cls ? cls : "Uint8Array");
    }
    return;
  }
  JsKind pk = js_kind(ctx, pt, true);
  if (arg->cls == ABI_INDIRECT && pk == JK_STRUCT)
    buf_printf(b, "read%s(%s)", js_record_name(ctx, pt->record), a);
  else if (arg->cls == ABI_IGNORE)
    buf_puts(b, "{}");
  else
    jsv_from_wasm(ctx, b, pt, pk, a);
}

/* A JS function that C can call through a function pointer of type cb.
 * `annots`: the rules for the callback's parameters (NULL when none). */
/* Writes text with up to `cut` leading spaces less on each line. */
static void put_dedented(Buf *b, const char *text, size_t cut) {
  for (const char *line = text; *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
    size_t skip = 0;
    while (skip < cut && skip + 1 < n && line[skip] == ' ')
      skip++;
    buf_putn(b, line + skip, n - skip);
    line += n;
  }
}

/* Writes `addCallback((a0, ...) => {...}, 'sig')` into b, or for a callback
 * for the call only, `(a0, ...) => {...}` alone; the signature goes to
 * *sig_out either way. */
static bool put_callback(FnGen *g, const Type *cb, const Annot *annots, const char *fn,
                         const char *name, CallbackMode mode, Buf *b, const char **sig_out) {
  Ctx *ctx = g->ctx;
  AbiSig abi;
  if (!abi_lower(ctx, cb, &abi) || abi.sret)
    return false;
  char sig[ABI_MAX_PARAMS + 4];
  int k = 0;
  for (int i = 0; i < abi.nparams; i++)
    sig[k++] = wasm_letter(abi.params[i]);
  sig[k++] = '>';
  if (abi.nresults)
    sig[k++] = wasm_letter(abi.result);
  sig[k] = '\0';
  *sig_out = arena_strdup(ctx, sig);
  buf_puts(b, mode == CB_CALL ? "(" : "addCallback((");
  for (int i = 0; i < abi.nparams; i++)
    buf_printf(b, "%sa%d", i ? ", " : "", i);
  const Type *rt = cb->base;
  JsKind rk = js_kind(ctx, rt, false);
  const char *zero = rk == JK_I64 ? " 0n" : rk == JK_VOID ? "" : " 0";
  buf_puts(b, ") => {\n");
  if (mode == CB_RELEASE) {
    buf_puts(b, "        releaseKept(a0 >>> 0);\n");
    buf_printf(b, "        if (%s === null) return%s;\n", fn, zero);
  }
  buf_puts(b, "        try {\n          ");
  if (rk != JK_VOID)
    buf_puts(b, "const r = ");
  buf_printf(b, "%s(", fn);
  bool comma = false;
  for (int i = 0; i < cb->nparams; i++) {
    if (js_callback_arg_hidden(cb, annots, i) || (mode == CB_RELEASE && i == 0))
      continue;
    if (comma)
      buf_puts(b, ", ");
    comma = true;
    put_callback_arg(ctx, b, cb, &abi, annots, i);
  }
  buf_puts(b, ");\n");
  const char *rname = arena_printf(ctx, "%s + ' (return value)'", name);
  switch (rk) {
  case JK_VOID: break;
  case JK_INT:
  case JK_FLOAT:
  case JK_ADDR:
    /* a callback that returns nothing returns 0 */
    buf_puts(b, "          if (r === undefined) return 0;\n");
    jsv_check(ctx, b, rt, rk, "r", rname, false, "          ");
    buf_puts(b, "          return r;\n");
    break;
  case JK_BOOL:
    buf_puts(b, "          if (r === undefined) return 0;\n");
    jsv_check(ctx, b, rt, rk, "r", rname, false, "          ");
    buf_puts(b, "          return r ? 1 : 0;\n");
    break;
  case JK_I64:
    buf_printf(b, "          return wbBigInt(r ?? 0n, %s, %s);\n", rname,
               type_is_unsigned(rt) ? "true" : "false");
    break;
  default: return false;
  }
  buf_puts(b, "        } catch (e) {\n          pendingErrors.push(e);\n");
  /* Once it threw, C is on its way back: later calls do nothing. */
  if (mode == CB_CALL)
    buf_printf(b, "          %s = wbIgnored;\n", fn);
  if (rk != JK_VOID)
    buf_printf(b, "          return%s;\n", zero);
  buf_puts(b, "        }\n      }");
  if (mode != CB_CALL)
    buf_printf(b, ", '%s')", sig);
  return true;
}

/* jsv_load() as an arena string. */
static const char *load_expr(Ctx *ctx, const Type *ty, const char *addr) {
  Buf t = {0};
  jsv_load(ctx, &t, ty, addr, true);
  const char *s = arena_strdup(ctx, t.data ? t.data : "");
  buf_release(&t);
  return s;
}

static const char *elem_array_class(Ctx *ctx, const Type *elem) {
  return elem->kind == TY_PTR ? NULL : jsv_typed_array(ctx, elem);
}

/* An expression for the JS value of `n` elements of elem at pointer p. */
static const char *array_result(Ctx *ctx, const Type *elem, const char *p, const char *n) {
  if (elem->kind == TY_VOID) /* bytes */
    return arena_printf(ctx, "readArray(%s, %s, Uint8Array)", p, n);
  if (type_is_char_like(elem))
    return arena_printf(ctx, "(%s === 0 ? null : readStringN(%s, %s))", p, p, n);
  const char *cls = elem_array_class(ctx, elem);
  if (cls)
    return arena_printf(ctx, "readArray(%s, %s, %s)", p, n, cls);
  Buf b = {0};
  buf_printf(&b, "(%s === 0 ? null : Array.from({ length: %s }, (_, k) => ", p, n);
  jsv_load(ctx, &b, elem,
           arena_printf(ctx, "%s + k * %lld", p, (long long)layout_sizeof(ctx, elem)), true);
  buf_puts(&b, "))");
  const char *s = arena_strdup(ctx, b.data);
  buf_release(&b);
  return s;
}

/* The statement freeing an owned pointer p with the right function. */
static const char *free_stmt(Ctx *ctx, const Annot *a, const char *p) {
  if (a->free_fn)
    return arena_printf(ctx, "if (%s !== 0) _%s(%s);", p, a->free_fn, p);
  return arena_printf(ctx, "if (%s !== 0) wbFree(%s);", p, p);
}

/* Statements zeroing `size` bytes at address expression p: a few typed
 * stores for small aligned values (an out-parameter C may leave unset),
 * else a fill. */
static void put_zero(Buf *b, const char *p, int64_t size, int align) {
  if (align >= 8 && size % 8 == 0 && size <= 32) { /* +0.0 is eight zero bytes */
    for (int64_t k = 0; k < size / 8; k++)
      buf_printf(b, "      f64[(%s >> 3) + %lld] = 0;\n", p, (long long)k);
    return;
  }
  if (align >= 4 && size % 4 == 0 && size <= 16) {
    for (int64_t k = 0; k < size / 4; k++)
      buf_printf(b, "      u32[(%s >> 2) + %lld] = 0;\n", p, (long long)k);
    return;
  }
  buf_printf(b, "      u8.fill(0, %s, %s + %lld);\n", p, p, (long long)size);
}

static void emit_param(FnGen *g, int i, const char **out_exprs) {
  Ctx *ctx = g->ctx;
  const JsParam *jp = &g->jf->params[i];
  const AbiArg *abi = &g->jf->abi.args[i];
  const char *v = jp->js_name;
  /* messages name the C parameter (js_name may have a `_` more) */
  const char *cname = jp->param->name[0] ? jp->param->name : v;
  const char *qname = str_lit(ctx, cname);
  const Type *ty = jp->value;
  switch (jp->role) {
  case PR_OMIT:
  case PR_PASS:
  case PR_USERDATA: {
    const char *val = jp->role == PR_PASS
                          ? arena_printf(ctx, "%lld", (long long)jp->param->annot.pass)
                      : jp->role == PR_USERDATA && g->jf->keeps ? "key"
                                                                : "0";
    if (js_kind(ctx, ty, false) == JK_I64)
      add_arg(g, arena_printf(ctx, "%sn", val));
    else
      add_arg(g, val);
    return;
  }
  case PR_LENGTH: {
    const JsParam *arr = &g->jf->params[jp->array_index];
    const char *n = arena_printf(ctx, "n_%s", arr->js_name);
    if (js_kind(ctx, ty, false) == JK_I64)
      add_arg(g, arena_printf(ctx, "BigInt(%s)", n));
    else
      add_arg(g, n);
    return;
  }
  case PR_ARRAY: {
    const Type *elem = jp->elem;
    g->frame = g->temps = true;
    buf_printf(&g->setup, "      let p_%s = 0, n_%s = 0;\n", v, v);
    if (elem->kind == TY_VOID) {
      /* const void * and a length: bytes */
      buf_printf(
          &g->setup,
          "      if (%s !== null) {\n        const b_%s = asBytes(%s, %s);\n"
          "        p_%s = tmpArray(b_%s, %s, Uint8Array);\n        n_%s = b_%s.length;\n      }\n",
          v, v, v, qname, v, v, qname, v, v);
      if (!(elem->quals & Q_CONST)) /* C fills the buffer */
        buf_printf(&g->post,
                   "      if (%s !== null) copyBack(asBytes(%s, %s), p_%s, Uint8Array);\n", v, v,
                   qname, v);
    } else if (type_is_char_like(elem)) {
      buf_printf(
          &g->setup,
          "      if (typeof %s === 'string') {\n        p_%s = tmpString(%s);\n"
          "        n_%s = tmpStringLen;\n      } else if (%s !== null) {\n"
          "        p_%s = tmpArray(%s, %s, Uint8Array);\n        n_%s = %s.length;\n      }\n",
          v, v, v, v, v, v, v, qname, v, v);
    } else if (elem_array_class(ctx, elem)) {
      const char *cls = elem_array_class(ctx, elem);
      buf_printf(&g->setup,
                 "      if (%s !== null) {\n        p_%s = tmpArray(%s, %s, %s);\n"
                 "        n_%s = %s.length;\n      }\n",
                 v, v, v, qname, cls, v, v);
      if (!(elem->quals & Q_CONST))
        buf_printf(&g->post, "      if (%s !== null) copyBack(%s, p_%s, %s);\n", v, v, v, cls);
    } else {
      int64_t size = layout_sizeof(ctx, elem);
      buf_printf(&g->setup,
                 "      if (%s !== null) {\n"
                 "        if (!Array.isArray(%s)) throw wbTypeError(%s, 'an array', %s);\n"
                 "        n_%s = %s.length;\n        p_%s = tmpAlloc(n_%s * %lld || 1, %d);\n"
                 "        for (let k = 0; k < n_%s; k++) {\n",
                 v, v, qname, v, v, v, v, v, (long long)size, layout_alignof(ctx, elem), v);
      jsv_store(ctx, &g->setup, elem, arena_printf(ctx, "p_%s + k * %lld", v, (long long)size),
                arena_printf(ctx, "%s[k]", v), arena_printf(ctx, "%s + '[' + k + ']'", qname), true,
                true, "          ");
      buf_puts(&g->setup, "        }\n      }\n");
    }
    add_arg(g, arena_printf(ctx, "p_%s", v));
    return;
  }
  case PR_OUT:
  case PR_INOUT: {
    int64_t size = layout_sizeof(ctx, ty);
    int align = layout_alignof(ctx, ty);
    buf_printf(&g->setup, "      const o_%s = %s;\n", v, temp_addr(g, size, align));
    /* A function that can say it failed may leave its out-values alone:
     * they start as zeros (a NULL handle, not the last call's). A void
     * one without an error convention writes them. */
    if (jp->role == PR_INOUT || g->jf->ret != JK_VOID || g->jf->error) {
      put_zero(&g->setup, arena_printf(ctx, "o_%s", v), size, align);
      g->writes = true;
    }
    if (jp->role == PR_INOUT)
      jsv_store(ctx, &g->setup, ty, arena_printf(ctx, "o_%s", v), v, qname, true, true, "      ");
    add_arg(g, arena_printf(ctx, "o_%s", v));
    const Annot *an = &jp->param->annot;
    const char *val;
    if (jp->array_index != -1) {
      val = NULL; /* an out count: read where the array is */
    } else if (jp->elem) {
      const JsParam *lp = &g->jf->params[jp->len_index];
      const char *n =
          lp->role == PR_OUT
              ? arena_printf(ctx, "Number(%s)",
                             load_expr(ctx, lp->value, arena_printf(ctx, "o_%s", lp->js_name)))
              : arena_printf(ctx, "Number(%s)", lp->js_name);
      const char *p = arena_printf(ctx, "u32[o_%s >> 2]", v);
      buf_printf(&g->post, "      const q_%s = %s;\n", v, p);
      val = array_result(ctx, jp->elem, arena_printf(ctx, "q_%s", v), n);
      if (an->flags & A_OWNED) {
        buf_printf(&g->post, "      const r_%s = %s;\n      %s\n", v, val,
                   free_stmt(ctx, an, arena_printf(ctx, "q_%s", v)));
        val = arena_printf(ctx, "r_%s", v);
      }
    } else if (jp->kind == JK_HANDLE) {
      /* an owned handle belongs to its object, destroyed with it */
      val = arena_printf(ctx, "%s.%s(u32[o_%s >> 2])", js_record_name(ctx, ty->base->record),
                         an->flags & A_OWNED ? "own" : "at", v);
    } else if ((an->flags & A_OWNED) && ty->kind == TY_PTR) {
      buf_printf(&g->post, "      const q_%s = u32[o_%s >> 2];\n", v, v);
      Buf t = {0};
      if (jp->kind == JK_VIEW)
        buf_printf(&t, "q_%s === 0 ? null : read%s(q_%s)", v, js_record_name(ctx, ty->base->record),
                   v);
      else
        jsv_from_wasm(ctx, &t, ty, jp->kind, arena_printf(ctx, "q_%s", v));
      buf_printf(&g->post, "      const r_%s = %s;\n      %s\n", v, t.data,
                 free_stmt(ctx, an, arena_printf(ctx, "q_%s", v)));
      buf_release(&t);
      val = arena_printf(ctx, "r_%s", v);
    } else {
      val = load_expr(ctx, ty, arena_printf(ctx, "o_%s", v));
    }
    if (!(val && jp->kind == JK_STRUCT))
      g->reads = true;
    out_exprs[i] = val;
    return;
  }
  case PR_IN: break;
  }

  /* PR_IN */
  switch (jp->kind) {
  case JK_INT:
  case JK_FLOAT:
  case JK_BOOL:
    jsv_check(ctx, &g->pre, ty, jp->kind, v, qname, false, "    ");
    add_arg(g, v);
    break;
  case JK_ADDR:
    jsv_check(ctx, &g->pre, ty, jp->kind, v, qname, jp->nullable, "    ");
    add_arg(g, jp->nullable ? arena_printf(ctx, "%s === null ? 0 : %s", v, v) : v);
    break;
  case JK_I64:
    buf_printf(&g->pre,
               "    const b_%s = typeof %s === 'bigint' && BigInt.%s(64, %s) === %s ? %s : "
               "wbBigInt(%s, %s, %s);\n",
               v, v, type_is_unsigned(ty) ? "asUintN" : "asIntN", v, v, v, v, qname,
               type_is_unsigned(ty) ? "true" : "false");
    add_arg(g, arena_printf(ctx, "b_%s", v));
    break;
  case JK_STRING:
    jsv_check(ctx, &g->pre, ty, jp->kind, v, qname, jp->nullable, "    ");
    g->frame = g->temps = true;
    add_arg(g, jp->nullable ? arena_printf(ctx, "%s === null ? 0 : tmpString(%s)", v, v)
                            : arena_printf(ctx, "tmpString(%s)", v));
    break;
  case JK_HANDLE: {
    const char *cls = js_record_name(ctx, ty->base->record);
    /* a method's handle cannot be null */
    bool nullable = jp->nullable && !(g->jf->method_of && i == 0);
    buf_printf(&g->pre, "    const h_%s = %s%s.ptrOf(%s, %s);\n", v,
               nullable ? arena_printf(ctx, "%s === null ? 0 : ", v) : "", cls, v, qname);
    add_arg(g, arena_printf(ctx, "h_%s", v));
    break;
  }
  case JK_VIEW: {
    const Record *rec = ty->base->record;
    const char *cls = js_record_name(ctx, rec);
    g->frame = g->temps = true;
    buf_printf(&g->setup, "      let p_%s;\n      if (%s instanceof %s) p_%s = %s.ptr;\n", v, v,
               cls, v, v);
    if (jp->nullable)
      buf_printf(&g->setup, "      else if (%s === null) p_%s = 0;\n", v, v);
    buf_printf(&g->setup,
               "      else {\n        p_%s = tmpAlloc(%lld, %d);\n        write%s(p_%s, %s, %s, "
               "true);\n      }\n",
               v, (long long)rec->size, rec->align, cls, v, v, qname);
    add_arg(g, arena_printf(ctx, "p_%s", v));
    break;
  }
  case JK_STRUCT: {
    const Record *rec = ty->record;
    const char *cls = js_record_name(ctx, rec);
    buf_printf(&g->setup, "      const s_%s = %s;\n", v,
               temp_addr(g, rec->size ? rec->size : 1, rec->align));
    if (record_of_numbers(ctx, rec))
      put_fields_two_phase(g, rec, v, cname, arena_printf(ctx, "s_%s", v));
    else
      buf_printf(&g->setup, "      write%s(s_%s, %s, %s, true);\n", cls, v, v, qname);
    if (abi->cls == ABI_INDIRECT) {
      add_arg(g, arena_printf(ctx, "s_%s", v));
    } else if (abi->cls == ABI_DIRECT) {
      Buf t = {0};
      jsv_load(ctx, &t, abi->scalar, arena_printf(ctx, "s_%s", v), true);
      if (abi->wasm == WV_I64)
        add_arg(g, t.data);
      else
        add_arg(g, arena_printf(ctx, "%s", t.data));
      buf_release(&t);
    }
    break;
  }
  case JK_FUNC: {
    jsv_check(ctx, &g->pre, ty, jp->kind, v, qname, jp->nullable, "    ");
    g->frame = g->callbacks = true;
    Buf t = {0};
    CallbackMode mode = jp->releases ? CB_RELEASE : jp->keep_until >= 0 ? CB_KEPT : CB_CALL;
    const char *sig = NULL;
    /* For the call only: the parameter's own table slot, made at the first
     * call, calls the function of the current call (nested calls save and
     * restore it). A stable function that V8 optimizes once, and nothing to
     * make or release per call. */
    /* `$` keeps the names apart from C's */
    const char *cur = arena_printf(ctx, "%s$%s", g->jf->func->name, v);
    if (!put_callback(g, ty->base, jp->param->annot.cb, mode == CB_CALL ? cur : v, qname, mode, &t,
                      &sig))
      diag_error(ctx, jp->param->tok, "cannot bind the callback '%s'", jp->param->name);
    if (mode == CB_CALL) {
      buf_printf(&g->decls, "  let %s = wbReleased, %s$slot = 0;\n  const %s$call = ", cur, cur,
                 cur);
      put_dedented(&g->decls, t.data, 4); /* written for a wrapper's body */
      buf_puts(&g->decls, ";\n");
      buf_printf(&g->pre, "    const prev_%s = %s;\n", v, cur);
      buf_printf(&g->setup,
                 "      if (%s !== null) {\n        %s = %s;\n"
                 "        c_%s = %s$slot || (%s$slot = tableSlot(%s$call, '%s'));\n      }\n",
                 v, cur, v, v, cur, cur, cur, sig);
      vec_push(ctx, &g->cleanup, arena_printf(ctx, "%s = prev_%s;", cur, v));
    } else if (mode == CB_RELEASE) {
      /* the releasing callback is always there: it frees the kept ones */
      buf_printf(&g->setup, "      c_%s = %s;\n", v, t.data);
    } else {
      buf_printf(&g->setup, "      c_%s = %s === null ? 0 : %s;\n", v, v, t.data);
    }
    buf_release(&t);
    if (mode != CB_CALL)
      buf_printf(&g->kept, "%sc_%s", g->kept.len ? ", " : "", v);
    add_arg(g, arena_printf(ctx, "c_%s", v));
    break;
  }
  default: break;
  }
}

/* The key of an out value in a result object: the parameter's name. */
static const char *out_key(const JsParam *p) {
  return p->param->name[0] ? p->param->name : p->js_name;
}

/* The handle pointer an error message is read through (JsMessage). */
static const char *message_handle(Ctx *ctx, const JsFunc *jf) {
  const JsParam *jp = &jf->params[jf->message.param];
  const char *p = jp->role == PR_OUT ? arena_printf(ctx, "u32[o_%s >> 2]", jp->js_name)
                                     : arena_printf(ctx, "h_%s", jp->js_name);
  if (!jf->message.via)
    return p;
  if (jf->destroys)
    return "mh"; /* read before the destructor ran */
  return arena_printf(ctx, "_%s(%s)", jf->message.via->name, p);
}

/* The condition under which result r means failure (rules `error`). */
static const char *error_condition(Ctx *ctx, const ErrorConv *e, const char *r, bool big) {
  const char *n = big ? "n" : "";
  switch (e->kind) {
  case EC_NONZERO: return arena_printf(ctx, "%s !== 0%s", r, n);
  case EC_NEGATIVE: return arena_printf(ctx, "%s < 0%s", r, n);
  case EC_NULL: return arena_printf(ctx, "%s === 0", r);
  case EC_UNLESS: break;
  }
  Buf t = {0};
  for (int i = 0; i < e->nok; i++)
    buf_printf(&t, "%s%s !== %lld%s", i ? " && " : "", r, (long long)e->values[i], n);
  const char *c = arena_strdup(ctx, t.data ? t.data : "false");
  buf_release(&t);
  return c;
}

/* Throws the library's error when the result says C failed: with the
 * message, after destroying the handles the failed call handed out. */
static void put_error_check(Ctx *ctx, Buf *b, const JsFunc *jf, const JsPlan *plan, const char *r,
                            bool big, const char *in) {
  buf_printf(b, "%sif (%s) {\n", in, error_condition(ctx, jf->error, r, big));
  const char *msg = "null";
  if (jf->message.param >= 0) {
    /* no handle (an out-parameter left NULL): no message */
    buf_printf(b, "%s  const mp = %s;\n%s  const m = mp === 0 ? null : readString(_%s(mp));\n", in,
               message_handle(ctx, jf), in, jf->error->message_fn);
    msg = "m";
  }
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    const HandleRule *h = jp->role == PR_OUT ? js_handle_rule(jp->value) : NULL;
    if (h && h->destroy)
      buf_printf(b, "%s  if (u32[o_%s >> 2] !== 0) _%s(u32[o_%s >> 2]);\n", in, jp->js_name,
                 h->destroy, jp->js_name);
  }
  if (jf->keeps)
    buf_printf(b, "%s  releaseKept(key);\n", in);
  const char *code = r;
  if (jf->error->use_errno) {
    /* the code is errno; the message strerror's, when the module has it */
    buf_printf(b, "%s  const en = i32[_errno >> 2];\n", in);
    if (msg[0] == 'n')
      buf_printf(b,
                 "%s  const m = typeof exports.strerror === 'function' ? "
                 "readString(exports.strerror(en)) : `errno ${en}`;\n",
                 in);
    msg = "m";
    code = "en";
  }
  buf_printf(b, "%s  throw new %s('%s', %s, %s);\n%s}\n", in, plan->error_class, jf->func->name,
             code, msg, in);
}

/* Can the function's temporaries sit at fixed offsets of one block made at
 * instantiation: only out-values and a struct result (no strings, arrays or
 * objects going in), few, and no way for JS to run during the call or while
 * the arguments are written (which could call the function again)? Then it
 * needs no temporary area, marks or try/finally. */
static bool fixed_temps_only(Ctx *ctx, const JsFunc *jf, const JsPlan *plan) {
  if (plan->uses_kept || plan->imports.len || jf->keeps || jf->ret_elem)
    return false;
  int64_t total = jf->ret == JK_STRUCT ? jf->func->type->base->record->size + 8 : 0;
  int ntemps = jf->ret == JK_STRUCT;
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    switch (jp->role) {
    case PR_ARRAY: return false;
    case PR_OUT:
    case PR_INOUT:
      /* an in-value that is an object could run a getter, and the getter
       * this very function: only numbers go in */
      if (jp->elem || (jp->role == PR_INOUT && jp->kind != JK_INT && jp->kind != JK_FLOAT &&
                       jp->kind != JK_BOOL && jp->kind != JK_I64))
        return false;
      total += layout_sizeof(ctx, jp->value) + 8;
      ntemps++;
      break;
    case PR_IN: /* strings, arrays, objects: temporaries of their own */
      if (jp->kind == JK_STRING || jp->kind == JK_VIEW || jp->kind == JK_FUNC)
        return false;
      if (jp->kind == JK_STRUCT) { /* read whole before it is written */
        const Record *rec = jp->value->record;
        if (!record_of_numbers(ctx, rec))
          return false;
        total += rec->size + 8;
        ntemps++;
      }
      break;
    default: break;
    }
  }
  return ntemps > 0 && total <= FIXED_SCRATCH_MAX;
}

/* Releases a call's temporaries and its callbacks for the call. */
static void put_frame_release(Buf *b, const FnGen *g, const char *in) {
  /* tmpRelease inlined for the common case: nothing was malloc'ed */
  if (g->temps)
    buf_printf(b, "%stmpTop = t0;\n%sif (tmpHeap.length !== h0) tmpRelease(t0, h0);\n", in, in);
  for (int i = 0; i < g->cleanup.len; i++)
    buf_printf(b, "%s%s\n", in, (const char *)g->cleanup.items[i]);
}

/* Writes the function; returns the bytes of fixedScratch it uses. */
static int64_t emit_function(Ctx *ctx, Buf *b, const JsFunc *jf, const JsPlan *plan) {
  const Func *f = jf->func;
  const Type *fn = f->type;
  FnGen g = {.ctx = ctx, .jf = jf};
  const char **out_exprs = arena_alloc(ctx, sizeof(char *) * (size_t)(jf->nparams + 1));
  const Type *rt = fn->base;

  g.fixed = fixed_temps_only(ctx, jf, plan);
  /* A struct result travels through a hidden pointer or as a scalar. */
  if (jf->ret == JK_STRUCT) /* C writes all of it: not zeroed */
    buf_printf(&g.setup, "      const rp = %s;\n",
               temp_addr(&g, rt->record->size ? rt->record->size : 1, rt->record->align));
  if (jf->abi.sret)
    add_arg(&g, "rp");
  for (int i = 0; i < jf->nparams; i++)
    emit_param(&g, i, out_exprs);
  bool ret_i64 = jf->abi.nresults && jf->abi.result == WV_I64;
  bool has_value = jf->ret != JK_VOID || jf->ret_elem;
  for (int i = 0; i < jf->nparams; i++)
    has_value |= out_exprs[i] != NULL;
  /* Callbacks kept by C run during other calls too: every call watches. */
  bool watch = g.callbacks || plan->uses_kept || plan->imports.len;

  if (g.decls.data)
    buf_puts(b, g.decls.data);
  /* signature */
  buf_printf(b, "  function %s(", f->name);
  bool first = true;
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *p = &jf->params[i];
    if (js_visible(p)) {
      buf_printf(b, "%s%s", first ? "" : ", ", p->js_name);
      first = false;
    }
  }
  buf_puts(b, ") {\n");
  if (g.pre.data)
    buf_puts(b, g.pre.data);
  if (jf->destroys && jf->message.via && jf->message.param >= 0)
    buf_printf(b, "    const mh = _%s(h_%s);\n", jf->message.via->name,
               jf->params[jf->message.param].js_name);
  const char *in = "    ";
  if (watch)
    buf_puts(b, "    const e0 = pendingErrors.length;\n");
  if (g.frame) {
    if (g.temps)
      buf_puts(b, "    const t0 = tmpTop, h0 = tmpHeap.length;\n");
    if (g.callbacks) {
      buf_puts(b, "    let ");
      int k = 0;
      for (int i = 0; i < jf->nparams; i++)
        if (jf->params[i].role == PR_IN && jf->params[i].kind == JK_FUNC)
          buf_printf(b, "%sc_%s = 0", k++ ? ", " : "", jf->params[i].js_name);
      buf_puts(b, ";\n");
    }
    if (jf->keeps)
      buf_puts(b, "    const key = keepKey();\n    let kept = false;\n");
    if (has_value)
      buf_puts(b, "    let value$;\n");
    buf_puts(b, "    try {\n");
    in = "      ";
    /* the temporaries are written through the views: fresh ones, as an
     * earlier call that read nothing back may have grown the memory */
    if (g.temps)
      buf_puts(b, "      if (u8.length === 0) refresh();\n");
    if (g.setup.data)
      buf_puts(b, g.setup.data);
    if (jf->keeps)
      buf_printf(b, "      keepSlots(key, [%s]);\n", g.kept.data ? g.kept.data : "");
  } else if (g.fixed && g.setup.data) {
    /* the out-values are written through the views: fresh ones, as an
     * earlier call that read nothing back may have grown the memory */
    if (g.writes)
      buf_puts(b, "    if (u8.length === 0) refresh();\n");
    put_dedented(b, g.setup.data, 2); /* written for the try block */
  }
  if (jf->error && jf->error->use_errno) {
    /* a store through a stale view would be lost, and errno kept */
    bool fresh = g.frame ? g.temps : g.fixed && g.setup.data && g.writes;
    if (!fresh)
      buf_printf(b, "%sif (u8.length === 0) refresh();\n", in);
    buf_printf(b, "%si32[_errno >> 2] = 0;\n", in);
  }
  /* the call */
  const char *call_args = g.args.data ? g.args.data : "";
  bool has_r = jf->abi.nresults > 0;
  bool simple = !g.frame && !g.fixed && jf->nouts == 0 && !jf->ret_elem && !watch &&
                !jf->destroys && !jf->error && !(f->ret_annot.flags & A_OWNED);
  if (simple) {
    /* Numeric functions: as close to the raw export as it gets. */
    if (!has_r) {
      buf_printf(b, "%s_%s(%s);\n", in, f->name, call_args);
    } else {
      Buf t = {0};
      jsv_from_wasm(ctx, &t, rt, jf->ret, arena_printf(ctx, "_%s(%s)", f->name, call_args));
      buf_printf(b, "%sreturn %s;\n", in, t.data);
      buf_release(&t);
    }
    buf_puts(b, "  }\n");
    goto done;
  }
  buf_printf(b, "%s%s_%s(%s);\n", in, has_r ? "const r = " : "", f->name, call_args);
  if (jf->destroys)
    buf_printf(b, "%s%s.release(%s);\n", in, js_record_name(ctx, jf->destroys),
               jf->params[0].js_name);
  if (watch)
    buf_printf(b, "%sif (pendingErrors.length > e0) throw pendingErrors.splice(e0)[0];\n", in);
  /* reading results from memory: the call may have grown it (strings,
   * records and error messages are read by functions that look themselves;
   * a check costs more once any buffer was detached, as V8 then checks for
   * detached buffers on every typed array access) */
  bool self_checked_ret =
      jf->ret == JK_STRING || (jf->ret == JK_STRUCT && jf->abi.ret.cls != ABI_DIRECT);
  bool reads =
      g.reads || jf->ret_elem ||
      (jf->ret != JK_VOID && jf->ret != JK_INT && jf->ret != JK_FLOAT && jf->ret != JK_BOOL &&
       jf->ret != JK_I64 && jf->ret != JK_ADDR && jf->ret != JK_HANDLE && !self_checked_ret);
  if (reads || g.post.data || (jf->error && jf->error->use_errno))
    buf_printf(b, "%sif (u8.length === 0) refresh();\n", in);

  /* the result, and what it says about failure */
  const char *ret = NULL;
  const char *r = "r";
  if (ret_i64) /* an i64 arrives signed */
    r = type_is_unsigned(rt) ? "BigInt.asUintN(64, r)" : "r";
  if (jf->error) {
    if (ret_i64) {
      buf_printf(b, "%sconst rv = %s;\n", in, r);
      r = "rv";
    }
    put_error_check(ctx, b, jf, plan, r, ret_i64, in);
  }
  if (jf->keeps)
    buf_printf(b, "%skept = true;\n", in);
  if (g.post.data)
    buf_puts(b, g.post.data);

  if (jf->ret == JK_STRUCT) {
    const Record *rec = rt->record;
    const AbiArg *ra = &jf->abi.ret;
    if (ra->cls == ABI_DIRECT) {
      Buf t = {0};
      jsv_store(ctx, &t, ra->scalar, "rp", r, "'return'", true, true, in);
      buf_puts(b, t.data);
      buf_release(&t);
    }
    ret = arena_printf(ctx, "read%s(rp)", js_record_name(ctx, rec));
  } else if (jf->ret_elem) {
    const char *n;
    if (jf->ret_len_fn) {
      n = arena_printf(ctx, "n_r");
      buf_printf(b, "%sconst n_r = _%s(%s);\n", in, jf->ret_len_fn->name, call_args);
    } else {
      const JsParam *lp = &jf->params[jf->ret_len_index];
      if (lp->role == PR_OUT)
        n = arena_printf(ctx, "Number(%s)",
                         load_expr(ctx, lp->value, arena_printf(ctx, "o_%s", lp->js_name)));
      else
        n = arena_printf(ctx, "Number(%s)", lp->js_name);
    }
    buf_printf(b, "%sconst q = r >>> 0;\n", in);
    const char *cls =
        jf->ret_elem->kind == TY_VOID ? "Uint8Array" : elem_array_class(ctx, jf->ret_elem);
    if ((f->ret_annot.flags & A_VIEW) && cls)
      /* zero-copy: valid until C reuses the memory or the memory grows (a
       * grown memory detaches the old buffer: the view's length becomes 0) */
      ret = arena_printf(ctx, "(q === 0 ? null : new %s(memory.buffer, q, %s))", cls, n);
    else
      ret = array_result(ctx, jf->ret_elem, "q", n);
    if (f->ret_annot.flags & A_OWNED) {
      buf_printf(b, "%sconst value = %s;\n%s%s\n", in, ret, in, free_stmt(ctx, &f->ret_annot, "q"));
      ret = "value";
    }
  } else if (jf->ret == JK_HANDLE) {
    ret = arena_printf(ctx, "%s.%s(%s)", js_record_name(ctx, rt->base->record),
                       f->ret_annot.flags & A_OWNED ? "own" : "at", r);
  } else if (jf->ret != JK_VOID) {
    Buf t = {0};
    if ((f->ret_annot.flags & A_OWNED) && jf->ret == JK_VIEW)
      buf_printf(&t, "r === 0 ? null : read%s(r)", js_record_name(ctx, rt->base->record));
    else
      jsv_from_wasm(ctx, &t, rt, jf->ret, r);
    if (f->ret_annot.flags & A_OWNED) {
      buf_printf(b, "%sconst value = %s;\n%s%s\n", in, t.data, in,
                 free_stmt(ctx, &f->ret_annot, "r"));
      ret = "value";
    } else {
      ret = arena_strdup(ctx, t.data);
    }
    buf_release(&t);
  }

  /* out values: the single one, or an object with the return value; a
   * result code that passed the error check says nothing more */
  const char *give = g.frame ? "value$ = " : "return ";
  int nouts = 0;
  const char *single = NULL;
  for (int i = 0; i < jf->nparams; i++)
    if (out_exprs[i]) {
      nouts++;
      single = out_exprs[i];
    }
  if (nouts && jf->error && jf->error->kind != EC_NULL)
    ret = NULL;
  if (nouts == 0) {
    if (ret)
      buf_printf(b, "%s%s%s;\n", in, give, ret);
  } else if (nouts == 1 && !ret) {
    buf_printf(b, "%s%s%s;\n", in, give, single);
  } else {
    buf_printf(b, "%s%s{", in, give);
    bool comma = false;
    if (ret) {
      buf_printf(b, " return: %s", ret);
      comma = true;
    }
    for (int i = 0; i < jf->nparams; i++)
      if (out_exprs[i]) {
        buf_printf(b, "%s %s: %s", comma ? "," : "", out_key(&jf->params[i]), out_exprs[i]);
        comma = true;
      }
    buf_puts(b, " };\n");
  }
  if (g.frame) {
    /* The temporaries are released on both ways out. Not with `finally`:
     * V8 optimizes a try/finally far worse than a catch that rethrows. */
    buf_puts(b, "    } catch (e) {\n");
    put_frame_release(b, &g, "      ");
    if (jf->keeps)
      buf_puts(b, "      if (!kept) releaseKept(key);\n");
    buf_puts(b, "      throw e;\n    }\n");
    put_frame_release(b, &g, "    ");
    if (has_value)
      buf_puts(b, "    return value$;\n");
  }
  buf_puts(b, "  }\n");
done:
  buf_release(&g.pre);
  buf_release(&g.decls);
  buf_release(&g.setup);
  buf_release(&g.post);
  buf_release(&g.args);
  buf_release(&g.kept);
  return g.fixed ? g.fixed_end : 0;
}

/* A function C imports and JS implements (WB_IMPORT): the wasm import's
 * body, converting C's arguments as a callback's and the JS result back.
 * A string result is malloc'ed: C owns it when the import is `owned`, else
 * the binding frees it at the import's next call. An exception is rethrown
 * by the library call that was running when C returns; C sees 0. */
static void emit_import(Ctx *ctx, Buf *b, const JsFunc *jf) {
  const Func *f = jf->func;
  const Type *fn = f->type;
  const char *name = f->name;
  bool owned = (f->ret_annot.flags & A_OWNED) != 0;
  const Annot *annots = js_param_annots(ctx, fn);
  if (jf->ret == JK_STRING && !owned)
    buf_printf(b, "  let lent_%s = 0; /* the last string handed to C, freed at the next call */\n",
               name);
  buf_printf(b, "  function import_%s(", name);
  for (int i = 0; i < jf->abi.nparams; i++)
    buf_printf(b, "%sa%d", i ? ", " : "", i);
  buf_puts(b, ") {\n");
  const char *zero = jf->ret == JK_I64 ? "0n" : "0";
  if (jf->ret == JK_STRING && !owned)
    buf_printf(b, "    if (lent_%s !== 0) wbFree(lent_%s), lent_%s = 0;\n", name, name, name);
  buf_printf(b, "    const fn = host.imports?.env?.%s;\n", name);
  buf_printf(b,
             "    if (typeof fn !== 'function') {\n"
             "      pendingErrors.push(new Error('wasmbind: the C code called env.%s, which was "
             "not provided in options.imports'));\n      return%s%s;\n    }\n",
             name, jf->ret == JK_VOID ? "" : " ", jf->ret == JK_VOID ? "" : zero);
  buf_puts(b, "    try {\n      ");
  if (jf->ret != JK_VOID)
    buf_puts(b, "const r = ");
  buf_puts(b, "fn(");
  bool comma = false;
  for (int i = 0; i < fn->nparams; i++) {
    if (js_callback_arg_hidden(fn, annots, i))
      continue;
    if (comma)
      buf_puts(b, ", ");
    comma = true;
    put_callback_arg(ctx, b, fn, &jf->abi, annots, i);
  }
  buf_puts(b, ");\n");
  const Type *rt = fn->base;
  const char *rname = arena_printf(ctx, "'%s (return value)'", name);
  switch (jf->ret) {
  case JK_VOID: break;
  case JK_STRING:
    buf_printf(b,
               "      if (r === null || r === undefined) return 0;\n"
               "      const p = heapString(r, %s);\n",
               rname);
    if (!owned)
      buf_printf(b, "      lent_%s = p;\n", name);
    buf_puts(b, "      return p;\n");
    break;
  case JK_HANDLE:
    buf_printf(b, "      return r === null ? 0 : %s.ptrOf(r, %s);\n",
               js_record_name(ctx, rt->base->record), rname);
    break;
  case JK_I64:
    buf_printf(b, "      return wbBigInt(r ?? 0n, %s, %s);\n", rname,
               type_is_unsigned(rt) ? "true" : "false");
    break;
  case JK_BOOL: buf_puts(b, "      return r ? 1 : 0;\n"); break;
  default:
    buf_puts(b, "      if (r === undefined) return 0;\n");
    jsv_check(ctx, b, rt, jf->ret, "r", rname, false, "      ");
    buf_puts(b, "      return r;\n");
  }
  buf_printf(b, "    } catch (e) {\n      pendingErrors.push(e);\n      return%s%s;\n    }\n  }\n",
             jf->ret == JK_VOID ? "" : " ", jf->ret == JK_VOID ? "" : zero);
  buf_printf(b, "  if (host.adapters) host.adapters.%s = import_%s;\n", name, name);
}

/* ---- the module -------------------------------------------------------- */

static const char *header_base(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* The exports every wrapper calls, and the free functions annotations name. */
/* The number of wasm parameters when i64 travels as two i32. */
static int legalized_arity(const AbiSig *abi) {
  int n = abi->nparams;
  for (int i = 0; i < abi->nparams; i++)
    n += abi->params[i] == WV_I64;
  return n;
}

/* `_name`, what the wrappers call: the export, or where a build passes i64
 * as (low, high) i32 pairs, an adapter that takes and returns BigInts as a
 * BigInt build's export does, so that the wrappers have one form. */
static void put_raw_export(Ctx *ctx, Buf *b, const char *name) {
  const Func *f = program_function(&ctx->program, name);
  AbiSig abi;
  bool i64 = f && abi_lower(ctx, f->type, &abi) && !abi.variadic;
  bool ret_i64 = i64 && abi.nresults && abi.result == WV_I64;
  if (i64 && !ret_i64) {
    i64 = false;
    for (int k = 0; k < abi.nparams; k++)
      i64 |= abi.params[k] == WV_I64;
  }
  if (!i64) {
    buf_printf(b, "  const _%s = exports.%s;\n", name, name);
    return;
  }
  buf_printf(b, "  const _%s = !legalI64 ? exports.%s : (", name, name);
  for (int k = 0; k < abi.nparams; k++)
    buf_printf(b, "%sa%d", k ? ", " : "", k);
  buf_printf(b, ") => {\n    %sexports.%s(", abi.nresults ? "const r = " : "", name);
  for (int k = 0; k < abi.nparams; k++)
    buf_printf(b,
               abi.params[k] == WV_I64 ? "%sNumber(a%d & 0xffffffffn) | 0, Number(a%d >> 32n) | 0"
                                       : "%sa%d",
               k ? ", " : "", k, k);
  buf_puts(b, ");\n");
  if (ret_i64)
    buf_puts(b,
             "    return BigInt.asIntN(64, (BigInt(host.tempRet0()) << 32n) | BigInt(r >>> 0));\n");
  else if (abi.nresults)
    buf_puts(b, "    return r;\n");
  buf_puts(b, "  };\n");
}

static void emit_raw_exports(Ctx *ctx, Buf *b, const JsPlan *plan) {
  Vec names = {0}, arities = {0};
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    vec_push(ctx, &names, (void *)jf->func->name);
    int legal = legalized_arity(&jf->abi);
    vec_push(ctx, &arities,
             legal == jf->abi.nparams ? arena_printf(ctx, ":%d", legal)
                                      : arena_printf(ctx, ":%d:%d", jf->abi.nparams, legal));
    /* functions the binding calls besides: lengths, messages, parents */
    const char *extra[] = {
        jf->func->ret_annot.free_fn, jf->ret_len_fn ? jf->ret_len_fn->name : NULL,
        jf->error ? jf->error->message_fn : NULL, jf->message.via ? jf->message.via->name : NULL};
    for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++)
      if (extra[k]) {
        vec_push(ctx, &names, (void *)extra[k]);
        vec_push(ctx, &arities, "");
      }
    for (int k = 0; k < jf->nparams; k++)
      if (jf->params[k].param->annot.free_fn) {
        vec_push(ctx, &names, (void *)jf->params[k].param->annot.free_fn);
        vec_push(ctx, &arities, "");
      }
  }
  for (int i = 0; i < plan->handles.len; i++) {
    const Record *rec = plan->handles.items[i];
    if (rec->handle && rec->handle->destroy) {
      vec_push(ctx, &names, (void *)rec->handle->destroy);
      vec_push(ctx, &arities, "");
    }
  }
  buf_puts(b, "  wbCheckExports(exports, '");
  Vec seen = {0};
  for (int i = 0; i < names.len; i++) {
    bool dup = false;
    for (int k = 0; k < seen.len; k++)
      dup |= strcmp(seen.items[k], names.items[i]) == 0;
    if (dup)
      continue;
    vec_push(ctx, &seen, names.items[i]);
    buf_printf(b, "%s%s%s", seen.len > 1 ? "," : "", (const char *)names.items[i],
               (const char *)arities.items[i]);
  }
  bool uses_errno = false;
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    uses_errno |= jf->error && jf->error->use_errno;
  }
  if (uses_errno)
    buf_printf(b, "%s__errno_location", seen.len ? "," : "");
  buf_printf(b, "', legalI64, '%s');\n", header_base(ctx->opts->header_path));
  if (uses_errno) /* errno's address is fixed (one thread) */
    buf_puts(b, "  const _errno = exports.__errno_location();\n");
  for (int i = 0; i < seen.len; i++)
    put_raw_export(ctx, b, seen.items[i]);
}

static void emit_library(Ctx *ctx, Buf *out, const JsPlan *plan);
static void emit_loaders(Ctx *ctx, Buf *out, const JsPlan *plan);
static void emit_used_record_io(Ctx *ctx, Buf *out, const JsPlan *plan, const char *code);

/* Does load() need the WASI and Emscripten imports (wbSystemImports)? Only
 * when the binary imports one of them, or when the generator did not see the
 * binary. Other imports are the caller's (options.imports, WB_IMPORT). */
static bool needs_system_imports(const Ctx *ctx) {
  if (!ctx->have_wasm)
    return true;
  /* the env part of wbSystemImports in web/runtime.js, but for memory-growth
   * notices, which need nothing */
  static const char *const env_shims[] = {"setTempRet0", "getTempRet0", "emscripten_memcpy_big",
                                          "emscripten_resize_heap"};
  for (int i = 0; i < ctx->wasm.nimports; i++) {
    const WasmEntry *imp = &ctx->wasm.imports[i];
    if (imp->kind != 0)
      continue;
    if (!strncmp(imp->module, "wasi_", 5))
      return true;
    for (size_t k = 0; k < sizeof env_shims / sizeof env_shims[0]; k++)
      if (!strcmp(imp->module, "env") && !strcmp(imp->name, env_shims[k]))
        return true;
  }
  return false;
}

void emit_js(Ctx *ctx, Buf *out) {
  const JsPlan plan = *js_library_plan(ctx);
  const char *header = header_base(ctx->opts->header_path);
  RuntimeRegions *rt = rt_regions(ctx);
  static const char *const always[] = {"errors", "load", "imports", "memory", "alloc"};
  for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
    rt_want(rt, always[i]);
  if (needs_system_imports(ctx))
    rt_want(rt, "system");
  if (plan.uses_i64)
    rt_want(rt, "bigint");
  if (plan.uses_temps || plan.uses_strings || plan.value_records.len)
    rt_want(rt, "temps");
  if (plan.uses_strings || plan.uses_arrays || plan.value_records.len || plan.uses_errors)
    rt_want(rt, "strings"); /* error messages are C strings */
  if (plan.uses_arrays || plan.value_records.len)
    rt_want(rt, "arrays");
  if (plan.uses_bits)
    rt_want(rt, "bits");
  if (plan.uses_callbacks || plan.imports.len)
    rt_want(rt, "callbacks");
  if (plan.handles.len)
    rt_want(rt, "handles");

  /* The library's own code first: it decides which runtime declarations
   * the module carries. */
  Buf lib = {0}, tail = {0};
  emit_library(ctx, &lib, &plan);
  emit_loaders(ctx, &tail, &plan);
  Buf roots = {0};
  buf_puts(&roots, lib.data ? lib.data : "");
  buf_puts(&roots, tail.data ? tail.data : "");
  rt_shake(ctx, rt, roots.data ? roots.data : "");
  buf_release(&roots);

  buf_printf(out, "// Generated by wasmbind from %s. Do not edit.\n", header);
  buf_puts(out, "// @ts-nocheck\n");
  rt_put(out, rt, false);
  if (plan.uses_errors)
    buf_printf(out,
               "\n/** A C function of the library reported failure: `code` is its result,\n"
               " * `function` its name. */\n"
               "export class %s extends Error {\n"
               "  constructor(fn, code, message) {\n"
               "    super(message ?? `${fn} failed (${code})`);\n"
               "    this.name = '%s';\n    this.code = code;\n    this.function = fn;\n"
               "  }\n}\n",
               plan.error_class, plan.error_class);
  buf_puts(out, "\n/** The library object over one instance's exports. */\n");
  buf_puts(out, "function createLibrary(exports, host) {\n");
  rt_put(out, rt, true);
  buf_puts(out, lib.data ? lib.data : "");
  buf_puts(out, tail.data ? tail.data : "");
  buf_release(&lib);
  buf_release(&tail);
}

/* The inside of createLibrary after the runtime: exports, record readers
 * and writers, classes, functions, and the library object. */
static void emit_library(Ctx *ctx, Buf *out, const JsPlan *plan_p) {
  const JsPlan plan = *plan_p;
  buf_puts(out, "  const legalI64 = host.legalI64;\n");
  emit_raw_exports(ctx, out, &plan);
  /* The readers and writers of records come first, but only those the rest
   * uses: the rest goes to `body` first, and `out` now means body. */
  Buf body = {0};
  Buf *record_io_out = out;
  out = &body;
  for (int i = 0; i < plan.view_records.len; i++)
    emit_view_class(ctx, out, plan.view_records.items[i]);
  for (int i = 0; i < plan.handles.len; i++)
    emit_handle_class(ctx, out, plan.handles.items[i], &plan);
  int64_t fixed_scratch = 0;
  for (int i = 0; i < plan.funcs.len; i++) {
    int64_t used = emit_function(ctx, out, plan.funcs.items[i], &plan);
    if (used > fixed_scratch)
      fixed_scratch = used;
  }
  if (fixed_scratch) /* shared: these functions cannot run inside one another */
    buf_printf(out, "  const fixedScratch = malloc(%lld);\n", (long long)fixed_scratch);
  for (int i = 0; i < plan.imports.len; i++)
    emit_import(ctx, out, plan.imports.items[i]);

  buf_puts(out, "  return Object.freeze({\n");
  for (int i = 0; i < plan.funcs.len; i++)
    buf_printf(out, "    %s,\n", ((const JsFunc *)plan.funcs.items[i])->func->name);
  for (int i = 0; i < plan.view_records.len; i++)
    buf_printf(out, "    %s,\n", js_record_name(ctx, plan.view_records.items[i]));
  for (int i = 0; i < plan.handles.len; i++)
    buf_printf(out, "    %s,\n", js_record_name(ctx, plan.handles.items[i]));
  if (plan.uses_errors)
    buf_printf(out, "    %s,\n", plan.error_class);
  for (int i = 0; i < plan.enums.len; i++) {
    const Enum *e = plan.enums.items[i];
    bool u = e->int_type && type_is_unsigned(e->int_type);
    buf_printf(out, "    %s: Object.freeze({", js_enum_name(ctx, e));
    for (int k = 0; k < e->nconsts; k++) {
      buf_printf(out, "%s %s: ", k ? "," : "", e->consts[k].name);
      jsv_int_literal(out, e->consts[k].value, u);
    }
    buf_puts(out, " }),\n");
  }
  /* Enumerators and integer #defines are plain properties. */
  for (int i = 0; i < plan.props.len; i++) {
    const JsProp *p = plan.props.items[i];
    buf_printf(out, "    %s: ", p->name);
    jsv_int_literal(out, p->value, p->is_unsigned);
    buf_puts(out, ",\n");
  }
  buf_puts(out, "    memory: exports.memory,\n    exports,\n  });\n}\n\n");
  emit_used_record_io(ctx, record_io_out, &plan, body.data ? body.data : "");
  buf_puts(record_io_out, body.data ? body.data : "");
  buf_release(&body);
}

/* Marks the readers and writers of records that `code` calls (`readX(`,
 * `writeX(`: `index` maps their names to their position + 1); the newly
 * marked go on `todo`. One pass over the code. */
static void mark_record_io_calls(const char *code, const Map *index, bool *used, int *todo,
                                 int *ntodo) {
  for (const char *p = code; *p; p++) {
    if (*p != 'r' && *p != 'w')
      continue;
    if (p > code && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '$'))
      continue;
    const char *q = p;
    while (isalnum((unsigned char)*q) || *q == '_' || *q == '$')
      q++;
    if (*q == '(') {
      intptr_t k = (intptr_t)map_get(index, p, (int)(q - p)) - 1;
      if (k >= 0 && !used[k]) {
        used[k] = true;
        todo[(*ntodo)++] = (int)k;
      }
    }
    p = q - 1;
  }
}

/* The readX/writeX of the value records that `code`, or one another, call. */
static void emit_used_record_io(Ctx *ctx, Buf *out, const JsPlan *plan, const char *code) {
  int n = 2 * plan->value_records.len; /* reader 2i, writer 2i + 1 */
  Buf *io = arena_alloc(ctx, sizeof(Buf) * (size_t)(n + 1));
  bool *used = arena_alloc(ctx, sizeof(bool) * (size_t)(n + 1));
  int *todo = arena_alloc(ctx, sizeof(int) * (size_t)(n + 1));
  Map index = {0};
  for (int i = 0; i < n; i += 2) {
    const Record *rec = plan->value_records.items[i / 2];
    memset(&io[i], 0, sizeof(Buf) * 2);
    emit_record_reader(ctx, &io[i], rec);
    emit_record_writer(ctx, &io[i + 1], rec);
    const char *reader = arena_printf(ctx, "read%s", js_record_name(ctx, rec));
    const char *writer = arena_printf(ctx, "write%s", js_record_name(ctx, rec));
    map_put(ctx, &index, reader, (int)strlen(reader), (void *)(intptr_t)(i + 1));
    map_put(ctx, &index, writer, (int)strlen(writer), (void *)(intptr_t)(i + 2));
    used[i] = used[i + 1] = false;
  }
  /* what the library calls, then what those call (a writer calls the
   * writers of nested records) */
  int ntodo = 0;
  mark_record_io_calls(code, &index, used, todo, &ntodo);
  while (ntodo > 0) {
    int k = todo[--ntodo];
    mark_record_io_calls(io[k].data ? io[k].data : "", &index, used, todo, &ntodo);
  }
  for (int k = 0; k < n; k++) {
    if (used[k])
      buf_puts(out, io[k].data);
    buf_release(&io[k]);
  }
}

/* After createLibrary: isLegalized(), wrap() and load(). */
static void emit_loaders(Ctx *ctx, Buf *out, const JsPlan *plan_p) {
  const JsPlan plan = *plan_p;
  /* wrap() and load(): which i64 form the binary uses, from an export's
   * arity when a function takes an i64 (legalized, it takes two i32). */
  const JsFunc *probe = NULL;
  bool i64_results = false;
  for (int i = 0; i < plan.funcs.len; i++) {
    const JsFunc *jf = plan.funcs.items[i];
    for (int k = 0; k < jf->abi.nparams && !probe; k++)
      if (jf->abi.params[k] == WV_I64)
        probe = jf;
    i64_results |= jf->abi.nresults && jf->abi.result == WV_I64;
  }
  buf_puts(out, "/** True when i64 crosses as (low, high) i32 pairs: Emscripten builds without\n"
                " * -sWASM_BIGINT that are not standalone. */\n"
                "function isLegalized(exports, imports) {\n");
  if (probe)
    buf_printf(out,
               "  const probe = exports.%s;\n"
               "  if (typeof probe === 'function') return probe.length !== %d;\n",
               probe->func->name, probe->abi.nparams);
  buf_puts(out, "  return imports.some((i) => i.name === 'setTempRet0') || "
                "typeof exports.getTempRet0 === 'function';\n}\n\n");
  buf_puts(out,
           "/**\n * The library over an instantiated module: a WebAssembly.Instance, its exports,\n"
           " * or an Emscripten Module whose runtime is ready.\n */\n"
           "export function wrap(instanceOrExports) {\n"
           "  const x = instanceOrExports;\n"
           "  const exports = x instanceof WebAssembly.Instance ? x.exports : x.asm ?? "
           "x.wasmExports ?? x;\n"
           "  if (!exports || !(exports.memory instanceof WebAssembly.Memory))\n"
           "    throw new TypeError('instanceOrExports: expected a WebAssembly.Instance, its "
           "exports or an Emscripten Module');\n"
           "  const tempRet0 = x.getTempRet0 ?? exports.getTempRet0;\n"
           "  const legalI64 = isLegalized(exports, []);\n");
  if (i64_results)
    buf_puts(out, "  if (legalI64 && typeof tempRet0 !== 'function')\n"
                  "    throw new Error('wasmbind: this build passes 64-bit integers as (low, high) "
                  "pairs and does not export getTempRet0: link it with -sWASM_BIGINT');\n");
  buf_puts(out, "  return createLibrary(exports, { legalI64, tempRet0 });\n}\n\n");
  /* Imports JS implements go through adapters that createLibrary fills in
   * once the instance (its memory, malloc) exists. */
  Buf hooks = {0};
  if (plan.imports.len) {
    buf_puts(&hooks, "  const adapters = {};\n");
    for (int i = 0; i < plan.imports.len; i++) {
      const JsFunc *jf = plan.imports.items[i];
      const char *n = jf->func->name;
      Buf params = {0};
      for (int k = 0; k < jf->abi.nparams; k++)
        buf_printf(&params, "%sa%d", k ? ", " : "", k);
      const char *ps = params.data ? params.data : "";
      buf_printf(
          &hooks,
          "  if (imports.env && '%s' in imports.env) imports.env.%s = (%s) => adapters.%s(%s);\n",
          n, n, ps, n, ps);
      buf_release(&params);
    }
  }
  /* The binary seen by the generator imports no WASI or Emscripten
   * functions: none are carried (one built later that does gets a clear
   * error if C calls them). */
  const char *provide =
      needs_system_imports(ctx)
          ? "  const state = { tempRet0: 0 };\n"
            "  const imports = wbImports(module, options.imports, wbSystemImports({\n"
            "    memory: () => instance.exports.memory,\n"
            "    onGrow: () => {},\n"
            "  }, state));\n"
          : "  const imports = wbImports(module, options.imports, { env: { "
            "emscripten_notify_memory_growth: () => {} } });\n";
  /* without setTempRet0 imported, no export returns a legalized i64 */
  const char *temp_ret0 = needs_system_imports(ctx) ? "() => state.tempRet0" : "() => 0";
  buf_printf(
      out,
      "/**\n * Loads and instantiates the library. `source`: a URL, path, Response,\n"
      " * BufferSource or WebAssembly.Module; by default %s next to this file.\n */\n"
      "export default async function load(source, options = {}) {\n"
      "  const module = await wbCompile(source, () => new URL('./%s', import.meta.url));\n"
      "  let instance;\n"
      "%s"
      "%s"
      "  instance = await WebAssembly.instantiate(module, imports);\n"
      "  // Static constructors: _initialize in standalone builds, else __wasm_call_ctors.\n"
      "  const init = instance.exports._initialize ?? instance.exports.__wasm_call_ctors;\n"
      "  if (typeof init === 'function') init();\n"
      "  const legalI64 = isLegalized(instance.exports, WebAssembly.Module.imports(module));\n"
      "  return createLibrary(instance.exports, { legalI64, tempRet0: %s%s });\n"
      "}\n",
      ctx->opts->wasm_file ? ctx->opts->wasm_file : "module.wasm",
      ctx->opts->wasm_file ? ctx->opts->wasm_file : "module.wasm", provide,
      hooks.data ? hooks.data : "", temp_ret0,
      plan.imports.len ? ", imports: options.imports, adapters" : "");
  buf_release(&hooks);
}
