/* emit_js_wrapper.c: one wrapper per bound C function, and one adapter per
 * function JS implements. A wrapper is straight-line code for its own
 * signature, written in sections:
 *
 *   check    the arguments, before anything is written (user code runs here:
 *            getters, valueOf)
 *   setup    temporaries and conversions (inside try when it has any)
 *   late     handles resolved to their pointers: after all user code, so
 *            that a getter cannot destroy a handle already checked
 *   the call, the error check
 *   post     copies back, out-values read
 *   cleanup  on both ways out (callbacks for the call restored)
 *
 * Each conversion of plan.h has its own small function below. They print
 * what the plan decided. */
#include "emit_js.h"
#include <string.h>

typedef struct {
  Ctx *ctx;
  const JsFunc *jf;
  const JsPlan *plan;
  Buf check_buf, setup_buf, late_buf, post_buf, cleanup_buf, decls_buf;
  Writer check, setup, late, post, cleanup, decls;
  Vec args;          /* the wasm call's arguments (an i64 as a BigInt) */
  const char **outs; /* per parameter: its out-value's JS expression, or NULL */
  Buf kept;          /* the table slots of kept callbacks, comma-separated */
} Wrapper;

static void add_arg(Wrapper *wr, const char *expr) {
  vec_push(wr->ctx, &wr->args, (void *)expr);
}

/* The messages name the C parameter (js_name may have a `_` more). */
static const char *qname(Wrapper *wr, const JsParam *jp) {
  return arena_printf(wr->ctx, "'%s'", jp->c_name);
}

/* The address of a temporary: its fixed offset, or a bump of the area. */
static const char *temp_addr(Wrapper *wr, int64_t offset, int64_t size, int align) {
  if (wr->jf->temps == TEMPS_FIXED)
    return jsv_addr(wr->ctx, "fixedScratch", offset);
  return arena_printf(wr->ctx, "tmpAlloc(%lld, %d)", (long long)size, align);
}

/* ---- conversions of arguments ------------------------------------------ */

/* omit, pass N, userdata: a constant (the kept callbacks' key for userdata). */
static void conv_constant(Wrapper *wr, const JsParam *jp) {
  const char *val = jp->role == PR_PASS
                        ? arena_printf(wr->ctx, "%lld", (long long)jp->param->annot.pass)
                    : jp->role == PR_USERDATA && wr->jf->keeps ? "key"
                                                               : "0";
  add_arg(wr, jp->kind == JK_I64 ? arena_printf(wr->ctx, "%sn", val) : val);
}

/* The count of an array parameter, measured when the array was copied. */
static void conv_length(Wrapper *wr, const JsParam *jp) {
  const JsParam *ap = &wr->jf->params[jp->array_index];
  /* an output's capacity (`into`), else an array's length */
  const char *n = arena_printf(wr->ctx, "%s_%s", ap->conv == CV_OUTPUT ? "cap" : "n", ap->js_name);
  add_arg(wr, js_kind(wr->ctx, jp->value, false) == JK_I64 ? arena_printf(wr->ctx, "BigInt(%s)", n)
                                                           : n);
}

static void conv_number(Wrapper *wr, const JsParam *jp) {
  jsv_check(wr->ctx, &wr->check, jp->value, jp->kind, jp->js_name, qname(wr, jp), false);
  add_arg(wr, jp->js_name);
}

static void conv_addr(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  jsv_check(wr->ctx, &wr->check, jp->value, jp->kind, v, qname(wr, jp), jp->nullable);
  add_arg(wr, jp->nullable ? arena_printf(wr->ctx, "%s === null ? 0 : %s", v, v) : v);
}

static void conv_i64(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  bool u = type_is_unsigned(jp->value);
  wr_line(&wr->check,
          "const b_%s = typeof %s === 'bigint' && BigInt.%s(64, %s) === %s ? %s : wbBigInt(%s, "
          "%s, %s);",
          v, v, u ? "asUintN" : "asIntN", v, v, v, v, qname(wr, jp), u ? "true" : "false");
  add_arg(wr, arena_printf(wr->ctx, "b_%s", v));
}

static void conv_string(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  jsv_check(wr->ctx, &wr->check, jp->value, jp->kind, v, qname(wr, jp), jp->nullable);
  const char *q = qname(wr, jp);
  const char *copy = js_wide_fn(wr->ctx, jp->wide, "tmpString", false);
  add_arg(wr, jp->nullable ? arena_printf(wr->ctx, "%s === null ? 0 : %s(%s, %s)", v, copy, v, q)
                           : arena_printf(wr->ctx, "%s(%s, %s)", copy, v, q));
}

static void conv_handle(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  /* a destroying function takes only handles C gave away */
  bool destroyed = wr->jf->destroys && jp - wr->jf->params == wr->jf->destroys_param;
  wr_line(&wr->late, "const h_%s = %s%s.%s(%s, %s);", v,
          jp->nullable ? arena_printf(wr->ctx, "%s === null ? 0 : ", v) : "",
          js_record_name(wr->ctx, jp->value->base->record), destroyed ? "ownedPtrOf" : "ptrOf", v,
          qname(wr, jp));
  add_arg(wr, arena_printf(wr->ctx, "h_%s", v));
}

/* After the call, what a struct's writer listed (c_v): the slots of its
 * callback fields released; C's bytes back into the buffers JS gave, when
 * C could change the struct (`copy_back`: through a non-const pointer). */
static void put_copies_done(Wrapper *wr, const Record *rec, const char *v, bool copy_back) {
  if (js_record_takes_callbacks(wr->ctx, rec)) /* (also when the call throws) */
    wr_line(&wr->cleanup, "releaseCopies(c_%s);", v);
  if (copy_back)
    wr_line(&wr->post, "copyBacks(c_%s);", v);
}

/* A view's pointer, or a plain object copied into a temporary. */
static void conv_view(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  const Record *rec = jp->value->base->record;
  const char *cls = js_record_name(wr->ctx, rec);
  /* the buffers its fields point to (what C wrote goes back into them) and
   * the slots of its callback fields (released) */
  bool copies = js_record_copies_buffers(wr->ctx, rec);
  wr_line(&wr->setup, "let p_%s;", v);
  if (copies)
    wr_line(&wr->check, "const c_%s = [];", v);
  wr_line(&wr->setup, "if (%s instanceof %s) p_%s = %s.ptrOf(%s, %s);", v, cls, v, cls, v,
          qname(wr, jp));
  if (jp->nullable)
    wr_line(&wr->setup, "else if (%s === null) p_%s = 0;", v, v);
  wr_open(&wr->setup, "else {");
  wr_line(&wr->setup, "p_%s = tmpAlloc(%lld, %d);", v, (long long)rec->size, rec->align);
  wr_line(&wr->setup, "%s(p_%s, %s, %s, true%s);", js_writer(wr->ctx, rec), v, v, qname(wr, jp),
          copies ? arena_printf(wr->ctx, ", c_%s", v) : "");
  wr_close(&wr->setup, "}");
  if (copies)
    put_copies_done(wr, rec, v, js_view_copied_back(jp));
  if (js_view_copied_back(jp)) /* C may change it: the plain object gets its values */
    wr_line(&wr->post, "if (p_%s !== 0 && !(%s instanceof %s)) wbAssign(%s, %s(p_%s), %s%s);", v, v,
            cls, v, js_reader(wr->ctx, rec), v, qname(wr, jp),
            copies ? arena_printf(wr->ctx, ", c_%s", v) : "");
  add_arg(wr, arena_printf(wr->ctx, "p_%s", v));
}

/* C frees or takes over the memory: only a view of C's memory will do. */
static void conv_view_only(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  const char *cls = js_record_name(wr->ctx, jp->value->base->record);
  wr_line(&wr->check,
          "if (!(%s instanceof %s)%s) throw wbTypeError(%s, 'a %s view of memory the library "
          "gave out', %s);",
          v, cls, jp->nullable ? arena_printf(wr->ctx, " && %s !== null", v) : "", qname(wr, jp),
          cls, v);
  const char *p = arena_printf(wr->ctx, "%s.ptrOf(%s, %s)", cls, v, qname(wr, jp));
  wr_line(&wr->late, "const p_%s = %s;", v,
          jp->nullable ? arena_printf(wr->ctx, "%s === null ? 0 : %s", v, p) : p);
  /* C freed (or took) it: the view, and its parts', die */
  wr_line(&wr->post, "if (p_%s !== 0) %s.release(%s);", v, cls, v);
  add_arg(wr, arena_printf(wr->ctx, "p_%s", v));
}

/* A struct of numbers: its fields are read into locals with the argument
 * checks, before any temporary is written (a getter can run any JS, this
 * very function or a memory growth included), then checked and stored. */
static void struct_two_phase(Wrapper *wr, const JsParam *jp, const char *a) {
  Ctx *ctx = wr->ctx;
  const char *v = jp->js_name;
  Vec fields = {0};
  js_flat_members(ctx, jp->value->record, &fields);
  wr_line(&wr->check,
          "if (typeof %s !== 'object' || %s === null) throw wbTypeError(%s, 'an object', %s);", v,
          v, qname(wr, jp), v);
  Buf decl = {0};
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    buf_printf(&decl, "%s%s$%s = %s.%s", i ? ", " : "", v, m->name, v, js_field_key(ctx, m));
  }
  wr_line(&wr->check, "const %s;", decl.data);
  buf_release(&decl);
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    jsv_store(ctx, &wr->setup, fm->m->type, jsv_addr(ctx, a, fm->offset),
              arena_printf(ctx, "%s$%s", v, fm->m->name),
              arena_printf(ctx, "'%s.%s'", jp->c_name, js_field_key(ctx, fm->m)),
              js_field_aligned(ctx, fm->owner, fm->m), true);
  }
}

/* A struct by value: written to a temporary, passed by pointer or, when it
 * holds one scalar, as that scalar. */
static void conv_struct(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const char *v = jp->js_name;
  const Record *rec = jp->value->record;
  const char *s = arena_printf(ctx, "s_%s", v);
  wr_line(&wr->setup, "const %s = %s;", s,
          temp_addr(wr, jp->temp, rec->size ? rec->size : 1, rec->align));
  bool copies = js_record_copies_buffers(ctx, rec);
  if (copies)
    wr_line(&wr->check, "const c_%s = [];", v);
  if (js_record_of_numbers(ctx, rec))
    struct_two_phase(wr, jp, s);
  else
    wr_line(&wr->setup, "%s(%s, %s, %s, true%s);", js_writer(ctx, rec), s, v, qname(wr, jp),
            copies ? arena_printf(ctx, ", c_%s", v) : "");
  if (copies)
    put_copies_done(wr, rec, v, false);
  const AbiArg *abi = &wr->jf->abi.args[jp - wr->jf->params];
  if (abi->cls == ABI_INDIRECT)
    add_arg(wr, s);
  else if (abi->cls == ABI_DIRECT)
    add_arg(wr, jsv_load(ctx, abi->scalar, s, true));
}

/* ---- arrays (WB_LEN) ------------------------------------------------- */

/* const void * and a length: bytes, copied back when C may write them. */
static void conv_bytes(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name, *q = qname(wr, jp);
  wr_line(&wr->setup, "let p_%s = 0, n_%s = 0;", v, v);
  wr_open(&wr->setup, "if (%s !== null) {", v);
  wr_line(&wr->setup, "p_%s = tmpArray(asBytes(%s, %s), %s, Uint8Array);", v, v, q, q);
  wr_line(&wr->setup, "n_%s = tmpArrayLen;", v);
  wr_close(&wr->setup, "}");
  if (!(jp->elem->quals & Q_CONST))
    wr_line(&wr->post, "if (%s !== null) copyBack(asBytes(%s, %s), p_%s, n_%s, Uint8Array, %s);", v,
            v, q, v, v, q);
  add_arg(wr, arena_printf(wr->ctx, "p_%s", v));
}

/* char * and a length: a string (UTF-8, no NUL) or bytes. */
static void conv_chars(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  wr_line(&wr->setup, "let p_%s = 0, n_%s = 0;", v, v);
  wr_open(&wr->setup, "if (typeof %s === 'string') {", v);
  wr_line(&wr->setup, "p_%s = %s(%s, null);", v, js_wide_fn(wr->ctx, jp->wide, "tmpString", false),
          v); /* a length: NULs kept */
  wr_line(&wr->setup, "n_%s = tmpStringLen;", v);
  wr_close(&wr->setup, "} else if (%s !== null) {", v);
  wr->setup.depth++;
  wr_line(&wr->setup, "p_%s = tmpArray(%s, %s, Uint8Array);", v, v, qname(wr, jp));
  wr_line(&wr->setup, "n_%s = tmpArrayLen;", v);
  wr_close(&wr->setup, "}");
  add_arg(wr, arena_printf(wr->ctx, "p_%s", v));
}

/* Scalars and a length: any array-like of numbers, copied back when C may
 * write them. */
static void conv_typed(Wrapper *wr, const JsParam *jp) {
  const char *v = jp->js_name;
  const char *cls = js_typed_array(wr->ctx, jp->elem);
  wr_line(&wr->setup, "let p_%s = 0, n_%s = 0;", v, v);
  wr_open(&wr->setup, "if (%s !== null) {", v);
  wr_line(&wr->setup, "p_%s = tmpArray(%s, %s, %s);", v, v, qname(wr, jp), cls);
  wr_line(&wr->setup, "n_%s = tmpArrayLen;", v);
  wr_close(&wr->setup, "}");
  if (!(jp->elem->quals & Q_CONST))
    wr_line(&wr->post, "if (%s !== null) copyBack(%s, p_%s, n_%s, %s, %s);", v, v, v, v, cls,
            qname(wr, jp));
  add_arg(wr, arena_printf(wr->ctx, "p_%s", v));
}

/* Any other element: an array, each element converted into a temporary. */
static void conv_elements(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const char *v = jp->js_name, *q = qname(wr, jp);
  long long size = (long long)layout_sizeof(ctx, jp->elem);
  wr_line(&wr->setup, "let p_%s = 0, n_%s = 0;", v, v);
  wr_open(&wr->setup, "if (%s !== null) {", v);
  wr_line(&wr->setup, "if (!Array.isArray(%s)) throw wbTypeError(%s, 'an array', %s);", v, q, v);
  wr_line(&wr->setup, "const a_%s = wbArrayCopy(%s, %s);", v, v, q);
  wr_line(&wr->setup, "n_%s = a_%s.length;", v, v);
  wr_line(&wr->setup, "p_%s = tmpAlloc(n_%s * %lld || 1, %d);", v, v, size,
          layout_alignof(ctx, jp->elem));
  wr_open(&wr->setup, "for (let k = 0; k < n_%s; k++) {", v);
  jsv_store(ctx, &wr->setup, jp->elem, arena_printf(ctx, "p_%s + k * %lld", v, size),
            arena_printf(ctx, "a_%s[k]", v), jsv_name_part(ctx, q, "[' + k + ']"), true, true);
  wr_close(&wr->setup, "}");
  wr_close(&wr->setup, "}");
  add_arg(wr, arena_printf(ctx, "p_%s", v));
}

/* ---- out-values ------------------------------------------------------- */

/* Statements zeroing `size` bytes at p: a few typed stores for small aligned
 * values, else a fill. */
static void put_zero(Writer *w, const char *p, int64_t size, int align) {
  if (align >= 8 && size % 8 == 0 && size <= 32) { /* +0.0 is eight zero bytes */
    for (int64_t k = 0; k < size / 8; k++)
      wr_line(w, k ? "f64[(%s >> 3) + %lld] = 0;" : "f64[%s >> 3] = 0;", p, (long long)k);
    return;
  }
  if (align >= 4 && size % 4 == 0 && size <= 16) {
    for (int64_t k = 0; k < size / 4; k++)
      wr_line(w, k ? "u32[(%s >> 2) + %lld] = 0;" : "u32[%s >> 2] = 0;", p, (long long)k);
    return;
  }
  wr_line(w, "u8.fill(0, %s, %s + %lld);", p, p, (long long)size);
}

/* The element count of an out array or array result: its length parameter,
 * an out-value or an argument. */
static const char *count_expr(Wrapper *wr, int len_index) {
  const JsParam *lp = &wr->jf->params[len_index];
  if (lp->role == PR_OUT)
    return arena_printf(
        wr->ctx, "Number(%s)",
        jsv_load(wr->ctx, lp->value, arena_printf(wr->ctx, "o_%s", lp->js_name), true));
  return arena_printf(wr->ctx, "Number(%s)", lp->js_name);
}

/* The statement freeing an owned pointer p with the right function. */
static const char *free_stmt(Ctx *ctx, const Annot *a, const char *p) {
  if (a->free_fn)
    return arena_printf(ctx, "if (%s !== 0) _%s(%s);", p, a->free_fn, p);
  return arena_printf(ctx, "if (%s !== 0) wbFree(%s);", p, p);
}

/* An owned value: converted from pointer q, then freed; its JS value is r_v. */
static const char *owned_out(Wrapper *wr, const JsParam *jp, const char *value) {
  const char *v = jp->js_name;
  wr_line(&wr->post, "const r_%s = %s;", v, value);
  wr_line(&wr->post, "%s", free_stmt(wr->ctx, &jp->param->annot, arena_printf(wr->ctx, "q_%s", v)));
  return arena_printf(wr->ctx, "r_%s", v);
}

/* The handle of type ty (a pointer type) for pointer p: owned (destroyed
 * with its object) or lent, tied to the handle argument the plan says. */
static const char *handle_result(Wrapper *wr, const Type *ty, bool owned, int keeper,
                                 const char *p) {
  Ctx *ctx = wr->ctx;
  const char *cls = js_record_name(ctx, ty->base->record);
  if (keeper < 0)
    return arena_printf(ctx, "%s.%s(%s)", cls, owned ? "own" : "at", p);
  const JsParam *kp = &wr->jf->params[keeper];
  return arena_printf(ctx, "%s.%s(%s, %s.lifeOf(%s))", cls, owned ? "own" : "at", p,
                      js_record_name(ctx, kp->value->base->record), kp->js_name);
}

/* The JS expression of an out-value after the call. */
static const char *out_value(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const char *v = jp->js_name;
  const char *o = arena_printf(ctx, "o_%s", v);
  const char *q = arena_printf(ctx, "q_%s", v);
  switch (jp->out_read) {
  case OUT_NONE: return NULL;
  case OUT_VALUE: return jsv_load(ctx, jp->value, o, true);
  case OUT_HANDLE:
    return handle_result(wr, jp->value, (jp->param->annot.flags & A_OWNED) != 0, jp->keeper,
                         arena_printf(ctx, "u32[%s >> 2]", o));
  case OUT_ARRAY: {
    wr_line(&wr->post, "const %s = u32[%s >> 2];", q, o);
    const char *val = jsv_array_result(ctx, jp->elem, q, count_expr(wr, jp->len_index));
    return jp->param->annot.flags & A_OWNED ? owned_out(wr, jp, val) : val;
  }
  case OUT_OWNED:
    wr_line(&wr->post, "const %s = u32[%s >> 2];", q, o);
    if (jp->kind == JK_VIEW)
      return owned_out(wr, jp,
                       arena_printf(ctx, "%s === 0 ? null : %s(%s)", q,
                                    js_reader(ctx, jp->value->base->record), q));
    return owned_out(wr, jp, jsv_from_wasm(ctx, jp->value, jp->kind, q));
  }
  return NULL;
}

/* WB_OUT, WB_INOUT: a temporary C writes (zeroed or holding the value in),
 * read after the call. */
static void conv_out(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const char *o = arena_printf(ctx, "o_%s", jp->js_name);
  int64_t size = layout_sizeof(ctx, jp->value);
  int align = layout_alignof(ctx, jp->value);
  wr_line(&wr->setup, "const %s = %s;", o, temp_addr(wr, jp->temp, size, align));
  if (jp->zeroed)
    put_zero(&wr->setup, o, size, align);
  if (jp->role == PR_INOUT)
    jsv_store(ctx, &wr->setup, jp->value, o, jp->js_name, qname(wr, jp), true, true);
  add_arg(wr, o);
  wr->outs[jp - wr->jf->params] = out_value(wr, jp);
}

/* rules `output`: a zeroed buffer of the capacity (C need not fill it all,
 * and JS must not see old temporaries), then a copy of what C produced,
 * its length clamped to the capacity (snprintf says what it would have
 * written). Chars are text: up to the length, or to the first NUL. */
static void conv_output(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  const char *v = jp->js_name;
  int64_t size = jp->elem->kind == TY_VOID ? 1 : layout_sizeof(ctx, jp->elem);
  int align = jp->elem->kind == TY_VOID ? 1 : layout_alignof(ctx, jp->elem);
  long long max = (long long)(0x7fffffff / size);
  /* a size function runs once every length it takes is known: in `late` */
  Writer *at = jp->out_cap_fn ? &wr->late : &wr->setup;
  const char *cap, *what;
  if (jp->out_cap_fn) {
    Buf args = {0};
    for (int i = 0; i < jp->out_cap_nargs; i++) {
      if (i)
        buf_puts(&args, ", ");
      if (jp->out_cap_args[i] < 0) { /* a constant of the header */
        buf_printf(&args, "%lld", (long long)jp->out_cap_consts[i]);
        continue;
      }
      const JsParam *ap = &jf->params[jp->out_cap_args[i]];
      buf_puts(&args, ap->role == PR_LENGTH
                          ? arena_printf(ctx, "n_%s", jf->params[ap->array_index].js_name)
                          : ap->js_name);
    }
    cap = arena_printf(ctx, "_%s(%s)", jp->out_cap_fn->name, args.data ? args.data : "");
    buf_release(&args);
    what = arena_printf(ctx, "%s (capacity)", jp->out_cap_fn->name);
  } else {
    cap = jf->params[jp->out_cap_param].js_name;
    what = jf->params[jp->out_cap_param].c_name;
  }
  wr_line(at, "const cap_%s = %s;", v, cap);
  wr_line(at,
          "if (!Number.isInteger(cap_%s) || cap_%s < 0 || cap_%s > %lld) throw wbIntError('%s', "
          "cap_%s, 0, %lld);",
          v, v, v, max, what, v, max);
  wr_line(at, "const p_%s = tmpAllocFor(cap_%s * %lld || 1, %d, '%s');", v, v, (long long)size,
          align, what);
  wr_line(at, "u8.fill(0, p_%s, p_%s + cap_%s * %lld);", v, v, v, (long long)size);
  add_arg(wr, arena_printf(ctx, "p_%s", v));
  const char *len = "null";
  if (jp->out_len_result)
    len = "r";
  else if (jp->out_len_param >= 0)
    len = jsv_load(ctx, jf->params[jp->out_len_param].value,
                   arena_printf(ctx, "o_%s", jf->params[jp->out_len_param].js_name), true);
  if (!strcmp(len, "null"))
    len = arena_printf(ctx, "cap_%s", v);
  wr_line(&wr->post, "const n_%s = Math.max(0, Math.min(Number(%s), cap_%s));", v, len, v);
  /* text stops at a NUL too: snprintf counts what it would have written */
  wr->outs[jp - jf->params] =
      type_is_text(jp->elem)
          ? arena_printf(ctx, "readFixedString(p_%s, n_%s)", v, v)
          : arena_printf(ctx, "readArray(p_%s, n_%s, %s)", v, v,
                         jp->elem->kind == TY_VOID ? "Uint8Array" : js_typed_array(ctx, jp->elem));
}

/* ---- callbacks ------------------------------------------------------- */

/* The JS value of callback argument i (wasm value a<wasm_arg>). */
static const char *callback_arg(Ctx *ctx, const JsCallback *cb, int i) {
  const JsCallbackArg *arg = &cb->args[i];
  const char *a = arena_printf(ctx, "a%d", arg->wasm_arg);
  if (arg->terminated) { /* an array up to its NULL element */
    const Type *elem = arg->type->base;
    return arena_printf(ctx, "readTerminated(%s, (e) => %s)", a,
                        jsv_from_wasm(ctx, elem, js_kind(ctx, elem, true), "e"));
  }
  if (arg->count_arg >= 0) { /* `len N`: an array of the count in argument N */
    const char *count = arena_printf(ctx, "(a%d >>> 0)", arg->count_arg);
    const Type *elem = arg->type->base;
    if (arg->text)
      return arena_printf(ctx, "(%s === 0 ? null : readStringN(%s, %s))", a, a, count);
    if (!arg->array)
      return arena_printf(ctx, "Array.from({ length: %s }, (_, k) => %s)", count,
                          jsv_load(ctx, elem, arena_printf(ctx, "%s + 4 * k", a), true));
    return arena_printf(ctx, "readArray(%s, %s, %s)", a, count, arg->array);
  }
  if (arg->by_pointer)
    return arena_printf(ctx, "%s(%s)", js_reader(ctx, arg->type->record), a);
  if (arg->wasm_arg < 0)
    return "{}"; /* an empty struct */
  return jsv_from_wasm(ctx, arg->type, arg->kind, a);
}

/* fn(args...) with the arguments JS receives. */
static const char *callback_call(Ctx *ctx, const JsCallback *cb, const char *fn) {
  Buf b = {0};
  buf_printf(&b, "%s(", fn);
  bool comma = false;
  for (int i = 0; i < cb->nargs; i++) {
    if (cb->args[i].hidden)
      continue;
    buf_printf(&b, "%s%s", comma ? ", " : "", callback_arg(ctx, cb, i));
    comma = true;
  }
  buf_puts(&b, ")");
  const char *s = arena_strdup(ctx, b.data);
  buf_release(&b);
  return s;
}

/* The zero C gets when the callback threw ("" for void). */
static const char *callback_zero(JsKind k) {
  return k == JK_I64 ? " 0n" : k == JK_VOID || k == JK_STRUCT ? "" : " 0";
}

/* Zeros the struct a callback returns through sret (a0): what C reads
 * when the callback threw or returned nothing. */
static void zero_struct_result(Writer *w, const JsCallback *cb) {
  wr_line(w, "if (u8.length === 0) refresh();");
  wr_line(w, "u8.fill(0, a0 >>> 0, (a0 >>> 0) + %lld);", (long long)cb->type->base->record->size);
}

/* Statements giving the JS result r back to C, checked. */
static void callback_return(Ctx *ctx, Writer *w, const JsCallback *cb, const char *name,
                            const char *held) {
  const Type *rt = cb->type->base;
  const char *rname = jsv_name_part(ctx, name, " (return value)");
  switch (cb->ret) {
  case JK_VOID: break;
  case JK_STRING: /* malloc'ed, C's to read until this callback's next call */
    wr_line(w, "if (%s.p !== 0) wbFree(%s.p);", held, held);
    wr_line(w, "%s.p = r === null || r === undefined ? 0 : heapString(r, %s);", held, rname);
    wr_line(w, "return %s.p;", held);
    break;
  case JK_HANDLE:
    wr_line(w, "return r === null || r === undefined ? 0 : %s.ptrOf(r, %s);",
            js_record_name(ctx, rt->base->record), rname);
    break;
  case JK_STRUCT: /* written where C said (sret), outside a call: no copies */
    wr_open(w, "if (r === undefined) {");
    zero_struct_result(w, cb);
    wr_close(w, "} else {");
    w->depth++;
    wr_line(w, "%s(a0 >>> 0, r, %s, false);", js_writer(ctx, rt->record), rname);
    wr_close(w, "}");
    break;
  case JK_I64:
    wr_line(w, "return wbBigInt(r ?? 0n, %s, %s);", rname, type_is_unsigned(rt) ? "true" : "false");
    break;
  default: /* a callback that returns nothing returns 0 */
    wr_line(w, "if (r === undefined) return 0;");
    jsv_check(ctx, w, rt, cb->ret, "r", rname, false);
    wr_line(w, cb->ret == JK_BOOL ? "return r ? 1 : 0;" : "return r;");
  }
}

void emit_callback_fn(Ctx *ctx, Writer *w, const JsCallback *cb, const char *fn, const char *name,
                      const char *held) {
  Buf params = {0};
  for (int i = 0; i < cb->abi.nparams; i++)
    buf_printf(&params, "%sa%d", i ? ", " : "", i);
  wr_open(w, "(%s) => {", params.data ? params.data : "");
  buf_release(&params);
  if (cb->life == CB_RELEASE) {
    wr_line(w, "releaseKept(a0 >>> 0);");
    wr_line(w, "if (%s === null) return%s;", fn, callback_zero(cb->ret));
  }
  if (cb->life == CB_CALL) /* outside its calls: thrown to whoever called C, not kept */
    wr_line(w, "if (%s === %s$gone) %s$gone();", fn, fn, fn);
  wr_open(w, "try {");
  const char *call = callback_call(ctx, cb, fn);
  wr_line(w, cb->ret == JK_VOID ? "%s;" : "const r = %s;", call);
  callback_return(ctx, w, cb, name, held);
  wr_close(w, "} catch (e) {");
  w->depth++;
  wr_line(w, "pendingErrors.push(e);");
  /* Once it threw, C is on its way back: later calls do nothing. */
  if (cb->life == CB_CALL)
    wr_line(w, "%s = wbIgnored;", fn);
  if (cb->ret == JK_STRUCT)
    zero_struct_result(w, cb);
  else if (cb->ret != JK_VOID)
    wr_line(w, "return%s;", callback_zero(cb->ret));
  wr_close(w, "}");
  wr_close(w, "}");
}

void emit_statement(Ctx *ctx, Writer *w, const char *prefix, const char *text, const char *suffix) {
  const char *nl = strchr(text, '\n');
  const char *last = text + strlen(text) - 1; /* the final newline */
  while (last > text && last[-1] != '\n')
    last--;
  wr_line(w, "%s%.*s", prefix, (int)(nl - text), text);
  if (last > nl + 1) {
    char *middle = arena_strndup(ctx, nl + 1, (size_t)(last - nl - 1));
    wr_text(w, middle);
  }
  wr_line(w, "%.*s%s", (int)strcspn(last, "\n"), last, suffix);
}

/* A callback for the call only: the parameter's own table slot, made at
 * the first call, calls the function of the current call (nested calls
 * save and restore it): a stable function that V8 optimizes once, and
 * nothing to make or release per call. `$` keeps the names apart from C's. */
static void callback_for_call(Wrapper *wr, const JsParam *jp, const char *text) {
  const char *v = jp->js_name;
  const char *cur = arena_printf(wr->ctx, "%s$%s", wr->jf->func->name, v);
  wr_line(&wr->decls, "const %s$gone = wbOutlived('%s', '%s');", cur, wr->jf->func->name,
          jp->c_name);
  wr_line(&wr->decls, "let %s = %s$gone, %s$slot = 0;", cur, cur, cur);
  emit_statement(wr->ctx, &wr->decls, arena_printf(wr->ctx, "const %s$call = ", cur), text, ";");
  wr_line(&wr->check, "const prev_%s = %s;", v, cur);
  wr_open(&wr->setup, "if (%s !== null) {", v);
  wr_line(&wr->setup, "%s = %s;", cur, v);
  wr_line(&wr->setup, "c_%s = %s$slot || (%s$slot = tableSlot(%s$call, '%s'));", v, cur, cur, cur,
          jp->callback->sig);
  wr_close(&wr->setup, "}");
  wr_line(&wr->cleanup, "%s = prev_%s;", cur, v);
  if (jp->callback->ret == JK_STRING) { /* each call's last string goes with the call */
    wr_line(&wr->check, "const prevheld_%s = %s$held.p;", v, cur);
    wr_line(&wr->check, "%s$held.p = 0;", cur);
    wr_line(&wr->cleanup, "if (%s$held.p !== 0) wbFree(%s$held.p);", cur, cur);
    wr_line(&wr->cleanup, "%s$held.p = prevheld_%s;", cur, v);
  }
}

/* What a released slot of a kept callback says when C calls it anyway:
 * which callback it was, and for how long the rules kept it. */
static const char *kept_callback_where(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  const char *f = jf->func->name, *p = jp->c_name;
  if (jp->callback->life == CB_RELEASE)
    return arena_printf(ctx,
                        "'%s' of %s after it was released: C calls it once, to release "
                        "the callbacks it kept",
                        p, f);
  if (jp->keep_until >= 0)
    return arena_printf(ctx, "'%s' of %s after it was released: it was kept until C called '%s'", p,
                        f, jf->params[jp->keep_until].c_name);
  if (jf->replaces_owner < 0)
    return arena_printf(ctx, "'%s' of %s after it was released: it was kept until %s replaced it",
                        p, f, f);
  const char *owner = js_record_name(ctx, jf->params[jf->replaces_owner].value->base->record);
  return arena_printf(ctx,
                      "'%s' of %s after it was released: it was kept until %s replaced it for "
                      "its %s, or the %s was destroyed",
                      p, f, f, owner, owner);
}

static void conv_callback(Wrapper *wr, const JsParam *jp) {
  Ctx *ctx = wr->ctx;
  const JsCallback *cb = jp->callback;
  const char *v = jp->js_name;
  jsv_check(ctx, &wr->check, jp->value, jp->kind, v, qname(wr, jp), jp->nullable);
  Buf text = {0};
  Writer tw = {&text, 0};
  const char *fn = cb->life == CB_CALL ? arena_printf(ctx, "%s$%s", wr->jf->func->name, v) : v;
  /* the string a callback returned last, freed at its next call (or its
   * slot's release): per parameter for the call, per kept callback */
  const char *held = cb->ret != JK_STRING  ? "null"
                     : cb->life == CB_CALL ? arena_printf(ctx, "%s$held", fn)
                                           : arena_printf(ctx, "held_%s", v);
  if (cb->ret == JK_STRING)
    wr_line(cb->life == CB_CALL ? &wr->decls : &wr->setup, "const %s = { p: 0 };", held);
  emit_callback_fn(ctx, &tw, cb, fn, qname(wr, jp), held);
  if (cb->life == CB_CALL) {
    callback_for_call(wr, jp, text.data);
  } else {
    /* the releasing callback is always there: it frees the kept ones */
    const char *prefix = cb->life == CB_RELEASE
                             ? arena_printf(ctx, "c_%s = addCallback(", v)
                             : arena_printf(ctx, "c_%s = %s === null ? 0 : addCallback(", v, v);
    emit_statement(
        ctx, &wr->setup, prefix, text.data,
        arena_printf(ctx, ", '%s', \"%s\", %s);", cb->sig, kept_callback_where(wr, jp), held));
    if (jp->keep_until != KEEP_REPLACED) /* (those have keepReplacing) */
      buf_printf(&wr->kept, "%sc_%s", wr->kept.len ? ", " : "", v);
  }
  buf_release(&text);
  add_arg(wr, arena_printf(ctx, "c_%s", v));
}

/* ---- the wrapper ------------------------------------------------------- */

typedef void ConvertFn(Wrapper *wr, const JsParam *jp);
static ConvertFn *const converters[] = {
    [CV_NUMBER] = conv_number,     [CV_BOOL] = conv_number,
    [CV_ADDR] = conv_addr,         [CV_I64] = conv_i64,
    [CV_STRING] = conv_string,     [CV_HANDLE] = conv_handle,
    [CV_VIEW] = conv_view,         [CV_VIEW_ONLY] = conv_view_only,
    [CV_STRUCT] = conv_struct,     [CV_CALLBACK] = conv_callback,
    [CV_CONSTANT] = conv_constant, [CV_LENGTH] = conv_length,
    [CV_BYTES] = conv_bytes,       [CV_CHARS] = conv_chars,
    [CV_TYPED] = conv_typed,       [CV_ELEMENTS] = conv_elements,
    [CV_OUT] = conv_out,           [CV_OUTPUT] = conv_output,
};

const char *js_visible_params(Ctx *ctx, const JsFunc *jf, bool as_method) {
  Buf b = {0};
  bool skip = as_method;
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *p = &jf->params[i];
    if (p->role != PR_IN && p->role != PR_INOUT && p->role != PR_ARRAY)
      continue;
    if (skip) {
      skip = false;
      continue;
    }
    buf_printf(&b, "%s%s", b.len ? ", " : "", p->js_name);
  }
  if (jf->format_param >= 0 || jf->va_kinds) /* the variadic arguments */
    buf_printf(&b, "%s...va$", b.len ? ", " : "");
  const char *s = arena_strdup(ctx, b.data ? b.data : "");
  buf_release(&b);
  return s;
}

/* The call's arguments, comma-separated. */
static const char *call_args(Wrapper *wr) {
  Buf b = {0};
  for (int i = 0; i < wr->args.len; i++)
    buf_printf(&b, "%s%s", i ? ", " : "", (const char *)wr->args.items[i]);
  const char *s = arena_strdup(wr->ctx, b.data ? b.data : "");
  buf_release(&b);
  return s;
}

/* ---- after the call: errors and the result ------------------------------ */

/* The handle pointer an error message is read through (JsMessage). */
static const char *message_handle(Ctx *ctx, const JsFunc *jf, const JsMessage *from) {
  const JsParam *jp = &jf->params[from->param];
  const char *p = jp->role == PR_OUT ? arena_printf(ctx, "u32[o_%s >> 2]", jp->js_name)
                                     : arena_printf(ctx, "h_%s", jp->js_name);
  if (!from->via)
    return p;
  if (jf->destroys && from == &jf->message)
    return "mh"; /* read before the destructor ran */
  return arena_printf(ctx, "_%s(%s)", from->via->name, p);
}

/* One success value: `r !== 0`, with the name the rules gave it in a
 * comment (SQLITE_OK). */
static void put_ok_test(Buf *b, const ErrorConv *e, int i, const char *r, const char *n) {
  buf_printf(b, "%s%s !== %lld%s", i ? " && " : "", r, (long long)e->values[i], n);
  const Token *t = e->ok[i];
  if (t && t->kind == TK_IDENT)
    buf_printf(b, " /* %.*s */", t->len, t->loc);
}

/* The condition under which result r means failure (rules `error`). */
static const char *error_condition(Ctx *ctx, const ErrorConv *e, const char *r, bool big) {
  const char *n = big ? "n" : "";
  switch (e->kind) {
  case EC_NONZERO: return arena_printf(ctx, "%s !== 0%s", r, n);
  case EC_NEGATIVE: return arena_printf(ctx, "%s < 0%s", r, n);
  case EC_NULL: return arena_printf(ctx, "%s === 0", r);
  case EC_PREDICATE: return arena_printf(ctx, "_%s(%s) !== 0", e->predicate, r);
  case EC_UNLESS: break;
  }
  Buf t = {0};
  for (int i = 0; i < e->nok; i++)
    put_ok_test(&t, e, i, r, n);
  const char *c = arena_strdup(ctx, t.data ? t.data : "false");
  buf_release(&t);
  return c;
}

/* Throws the library's error when the result says C failed: with the
 * message, after destroying the handles the failed call handed out. */
static void put_error_check(Wrapper *wr, Writer *w, const char *r, bool big) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  wr_open(w, "if (%s) {", error_condition(ctx, jf->error, r, big));
  const char *msg = "null", *code = r;
  if (jf->code.param >= 0) { /* the code the handle says (none: the result) */
    wr_line(w, "const cp = %s;", message_handle(ctx, jf, &jf->code));
    wr_line(w, "const c = cp === 0 ? %s : _%s(cp);", r, jf->error->code_fn);
    code = "c";
  }
  if (jf->message.param >= 0) {
    /* no handle (an out-parameter left NULL): no message */
    wr_line(w, "const mp = %s;", message_handle(ctx, jf, &jf->message));
    wr_line(w, "const m = mp === 0 ? null : readString(_%s(mp));", jf->error->message_fn);
    msg = "m";
  }
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    const HandleRule *h = jp->role == PR_OUT ? js_handle_rule(jp->value) : NULL;
    if (h && h->destroy)
      wr_line(w, "if (u32[o_%s >> 2] !== 0) _%s(u32[o_%s >> 2]);", jp->js_name, h->destroy,
              jp->js_name);
  }
  if (jf->keeps)
    wr_line(w, "releaseKept(key);");
  if (jf->error->use_errno) {
    /* the code is errno; the message strerror's, when the module has it */
    wr_line(w, "const en = i32[_errno >> 2];");
    if (!strcmp(msg, "null"))
      wr_line(w,
              "const m = typeof exports.strerror === 'function' ? readString(exports.strerror(en)) "
              ": `errno ${en}`;");
    msg = "m";
    code = "en";
  }
  if (jf->message.by_code) {
    wr_line(w, "const m = readString(_%s(%s));", jf->error->message_fn, code);
    msg = "m";
  }
  wr_line(w, "throw new %s('%s', %s, %s);", wr->plan->error_class, jf->func->name, code, msg);
  wr_close(w, "}");
}

/* The JS value of an array result at q (WB_LEN, `len F`, `view`). */
static const char *array_return(Wrapper *wr, Writer *w, const char *args) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  const char *n;
  if (jf->ret_len_fn) {
    wr_line(w, "const n_r = _%s(%s);", jf->ret_len_fn->name, args);
    n = "n_r";
  } else {
    n = count_expr(wr, jf->ret_len_index);
  }
  wr_line(w, "const q = r >>> 0;");
  if (jf->ret_wide) /* n bytes of UTF-16 (or UTF-32) */
    return arena_printf(ctx, "(q === 0 ? null : %s(q, %s))",
                        js_wide_fn(ctx, jf->ret_wide, "readString", true), n);
  if (jf->ret_view) /* zero-copy: valid until C reuses the memory or the memory grows */
    return arena_printf(
        ctx, "(q === 0 ? null : new %s(memory.buffer, q, %s))",
        jf->ret_elem->kind == TY_VOID ? "Uint8Array" : js_typed_array(ctx, jf->ret_elem), n);
  return jsv_array_result(ctx, jf->ret_elem, "q", n);
}

/* The JS value of the C result r (written after the error check). */
static const char *return_value(Wrapper *wr, Writer *w, const char *r, const char *args) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  const Func *f = jf->func;
  const Type *rt = f->type->base;
  bool owned = (f->ret_annot.flags & A_OWNED) != 0;
  const char *val, *p = "r";
  if (jf->ret == JK_STRUCT) {
    if (jf->abi.ret.cls == ABI_DIRECT)
      jsv_store(ctx, w, jf->abi.ret.scalar, "rp", r, "'return'", true, true);
    return arena_printf(ctx, "%s(rp)", js_reader(ctx, rt->record));
  }
  if (jf->ret_elem) {
    val = array_return(wr, w, args);
    p = "q";
  } else if (jf->ret == JK_HANDLE) {
    return handle_result(wr, rt, owned, jf->ret_keeper, r);
  } else if (jf->ret == JK_VOID) {
    return NULL;
  } else if (owned && jf->ret == JK_VIEW) {
    val = arena_printf(ctx, "r === 0 ? null : %s(r)", js_reader(ctx, rt->base->record));
  } else if (jf->ret_wide) {
    val = arena_printf(ctx, "%s(%s)", js_wide_fn(ctx, jf->ret_wide, "readString", false), r);
  } else {
    val = jsv_from_wasm(ctx, rt, jf->ret, r);
  }
  if (!owned)
    return val;
  wr_line(w, "const value = %s;", val);
  wr_line(w, "%s", free_stmt(ctx, &f->ret_annot, p));
  return "value";
}

/* The wrapper's result: the C result, its one out-value, or an object. */
static const char *result_expr(Wrapper *wr, const char *ret) {
  const JsFunc *jf = wr->jf;
  if (jf->shape == SHAPE_RETURN || jf->shape == SHAPE_NONE)
    return ret;
  Buf b = {0};
  for (int i = 0; i < jf->nparams; i++)
    if (wr->outs[i] && jf->shape == SHAPE_OUT)
      buf_puts(&b, wr->outs[i]);
  if (jf->shape == SHAPE_OBJECT) {
    buf_puts(&b, "{");
    if (jf->return_in_result)
      buf_printf(&b, " return: %s,", ret);
    for (int i = 0; i < jf->nparams; i++)
      if (wr->outs[i])
        buf_printf(&b, " %s: %s,", jf->params[i].c_name, wr->outs[i]);
    b.data[b.len - 1] = ' ';
    buf_puts(&b, "}");
  }
  const char *s = arena_strdup(wr->ctx, b.data);
  buf_release(&b);
  return s;
}

/* Does the wrapper take a try/catch (temporaries or callbacks to release)? */
static bool has_frame(const JsFunc *jf) {
  return jf->temps == TEMPS_AREA || jf->calls_back;
}

/* A destroying function's handle is dead: its object refuses further use.
 * An `on success` one only if result r says so; a nullable one may have
 * been null (C got NULL). */
static void put_destroyed(Wrapper *wr, Writer *w, const char *r, bool big) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  const JsParam *jp = &jf->params[jf->destroys_param];
  const char *release =
      arena_printf(ctx, "%s.release(%s);", js_record_name(ctx, jf->destroys), jp->js_name);
  if (jf->destroyer->on_success && jp->nullable)
    wr_line(w, "if (%s !== null && !(%s)) %s", jp->js_name, error_condition(ctx, jf->error, r, big),
            release);
  else if (jf->destroyer->on_success)
    wr_line(w, "if (!(%s)) %s", error_condition(ctx, jf->error, r, big), release);
  else if (jp->nullable)
    wr_line(w, "if (%s !== null) %s", jp->js_name, release);
  else
    wr_line(w, "%s", release);
}

/* C took the callbacks kept until replaced: they replace the ones kept for
 * the same function and owner (the first handle argument). */
static void put_keep_replacing(Wrapper *wr, Writer *w) {
  const JsFunc *jf = wr->jf;
  Buf slots = {0};
  for (int i = 0; i < jf->nparams; i++)
    if (jf->params[i].keep_until == KEEP_REPLACED)
      buf_printf(&slots, "%sc_%s", slots.len ? ", " : "", jf->params[i].js_name);
  if (jf->replaces_owner < 0) {
    wr_line(w, "keepReplacing('%s', '', 0, [%s]);", jf->func->name, slots.data);
  } else {
    const JsParam *owner = &jf->params[jf->replaces_owner];
    wr_line(w, "keepReplacing('%s', '%s', h_%s, [%s]);", jf->func->name,
            js_record_name(wr->ctx, owner->value->base->record), owner->js_name, slots.data);
  }
  buf_release(&slots);
  wr_line(w, "replaced = true;");
}

/* The call and all after it, up to handing the result over. */
static void put_call(Wrapper *wr, Writer *w) {
  Ctx *ctx = wr->ctx;
  const JsFunc *jf = wr->jf;
  const char *name = jf->func->name, *args = call_args(wr);
  const char *give = has_frame(jf) ? "value$ = " : "return ";
  bool has_r = jf->abi.nresults > 0;
  bool ret_i64 = has_r && jf->abi.result == WV_I64;
  if (jf->inline_call) { /* as close to the raw export as it gets */
    const char *call = arena_printf(ctx, "_%s(%s)", name, args);
    if (jf->shape == SHAPE_NONE || !has_r)
      wr_line(w, "%s;", call);
    else if (jf->ret == JK_HANDLE)
      wr_line(w, "%s%s;", give,
              handle_result(wr, jf->func->type->base, false, jf->ret_keeper, call));
    else if (jf->ret_wide)
      wr_line(w, "%s%s(%s);", give, js_wide_fn(ctx, jf->ret_wide, "readString", false), call);
    else
      wr_line(w, "%s%s;", give, jsv_from_wasm(ctx, jf->func->type->base, jf->ret, call));
    return;
  }
  /* C may call back into JS: while it runs, a trap is not the top level's */
  if (jf->watches)
    wr_line(w, "wbNest++;");
  wr_line(w, "%s_%s(%s);", has_r ? "const r = " : "", name, args);
  if (jf->watches)
    wr_line(w, "wbNest--;");
  const char *r = "r"; /* an i64 arrives signed */
  if (ret_i64 && type_is_unsigned(jf->func->type->base))
    r = "BigInt.asUintN(64, r)";
  if (jf->error && ret_i64) {
    wr_line(w, "const rv = %s;", r);
    r = "rv";
  }
  /* before anything can throw: C has destroyed it (or, `on success`, not) */
  if (jf->destroys)
    put_destroyed(wr, w, r, ret_i64);
  if (jf->watches)
    wr_line(w, "if (pendingErrors.length > e0) throw pendingErrors.splice(e0)[0];");
  /* reading from memory: the call may have grown it */
  if (jf->reads_after || wr->post_buf.len || (jf->error && jf->error->use_errno))
    wr_line(w, "if (u8.length === 0) refresh();");
  if (jf->error)
    put_error_check(wr, w, r, ret_i64);
  if (jf->keeps)
    wr_line(w, "kept = true;");
  if (jf->replaces_owner != -1)
    put_keep_replacing(wr, w);
  wr_text(w, wr->post_buf.data);
  const char *ret = return_value(wr, w, r, args);
  const char *result = result_expr(wr, ret);
  if (result)
    wr_line(w, "%s%s;", give, result);
}

/* Releases a call's temporaries and its callbacks for the call. */
static void put_release(Wrapper *wr, Writer *w) {
  /* tmpRelease inlined for the common case: nothing was malloc'ed */
  if (wr->jf->temps == TEMPS_AREA) {
    wr_line(w, "tmpTop = t0;");
    wr_line(w, "if (tmpHeap.length !== h0) tmpRelease(t0, h0);");
  }
  wr_text(w, wr->cleanup_buf.data);
}

/* `let c_a = 0, c_b = 0;`: the table slots of the callbacks. */
static void put_callback_slots(Wrapper *wr, Writer *w) {
  Buf b = {0};
  for (int i = 0; i < wr->jf->nparams; i++)
    if (wr->jf->params[i].conv == CV_CALLBACK)
      buf_printf(&b, "%sc_%s = 0", b.len ? ", " : "", wr->jf->params[i].js_name);
  if (b.len) /* (none: the callbacks are in struct fields) */
    wr_line(w, "let %s;", b.data);
  buf_release(&b);
}

/* errno is cleared before the call (an `errno` error convention); a store
 * through a stale view would be lost. */
static void put_errno_reset(Wrapper *wr, Writer *w) {
  const JsFunc *jf = wr->jf;
  if (!jf->error || !jf->error->use_errno)
    return;
  bool fresh = has_frame(jf) ? jf->temps == TEMPS_AREA
                             : jf->temps == TEMPS_FIXED && wr->setup_buf.len && jf->writes_before;
  if (!fresh)
    wr_line(w, "if (u8.length === 0) refresh();");
  wr_line(w, "i32[_errno >> 2] = 0;");
}

/* Rethrows e from the catch of a wrapper, with the stack pointer put back
 * if the call came from the top level (wbUnwind, web/runtime.js). */
static void put_unwind(Wrapper *wr, Writer *w) {
  if (wr->jf->watches)
    wr_line(w, "wbNest = n0;");
  wr_line(w, "throw wbUnwind(e);");
}

/* The body of a wrapper with temporaries or callbacks: the call in a try,
 * whose temporaries are released on both ways out. Not with `finally`: V8
 * optimizes a try/finally far worse than a catch that rethrows. */
static void put_framed_body(Wrapper *wr, Writer *w) {
  const JsFunc *jf = wr->jf;
  if (jf->temps == TEMPS_AREA)
    wr_line(w, "const t0 = tmpTop, h0 = tmpHeap.length;");
  if (jf->calls_back)
    put_callback_slots(wr, w);
  if (jf->keeps) {
    wr_line(w, "const key = keepKey();");
    wr_line(w, "let kept = false;");
  }
  if (jf->replaces_owner != -1)
    wr_line(w, "let replaced = false;");
  if (jf->shape != SHAPE_NONE)
    wr_line(w, "let value$;");
  wr_open(w, "try {");
  /* temporaries are written through the views: fresh ones, as an earlier
   * call that read nothing back may have grown the memory */
  if (jf->temps == TEMPS_AREA)
    wr_line(w, "if (u8.length === 0) refresh();");
  wr_text(w, wr->setup_buf.data);
  wr_text(w, wr->late_buf.data);
  if (jf->keeps)
    wr_line(w, "keepSlots(key, [%s]);", wr->kept.data ? wr->kept.data : "");
  put_errno_reset(wr, w);
  put_call(wr, w);
  wr_close(w, "} catch (e) {");
  w->depth++;
  put_release(wr, w);
  if (jf->keeps)
    wr_line(w, "if (!kept) releaseKept(key);");
  if (jf->replaces_owner != -1) /* C did not take them */
    for (int i = 0; i < jf->nparams; i++)
      if (jf->params[i].keep_until == KEEP_REPLACED)
        wr_line(w, "if (!replaced && c_%s !== 0) removeCallback(c_%s);", jf->params[i].js_name,
                jf->params[i].js_name);
  put_unwind(wr, w);
  wr_close(w, "}");
  put_release(wr, w);
  if (jf->shape != SHAPE_NONE)
    wr_line(w, "return value$;");
}

/* The body of a wrapper without a frame: at most temporaries at fixed
 * offsets, written in place. A trap or a stack overflow out of C puts the
 * stack pointer back (wbUnwind); the catch costs nothing otherwise. */
static void put_plain_body(Wrapper *wr, Writer *w) {
  wr_open(w, "try {");
  if (wr->setup_buf.len) {
    /* written through the views: fresh ones, as an earlier call that read
     * nothing back may have grown the memory */
    if (wr->jf->writes_before)
      wr_line(w, "if (u8.length === 0) refresh();");
    wr_text(w, wr->setup_buf.data);
  }
  wr_text(w, wr->late_buf.data);
  put_errno_reset(wr, w);
  put_call(wr, w);
  wr_close(w, "} catch (e) {");
  w->depth++;
  put_unwind(wr, w);
  wr_close(w, "}");
}

static void wrapper_init(Wrapper *wr, Ctx *ctx, const JsFunc *jf, const JsPlan *plan) {
  memset(wr, 0, sizeof *wr);
  wr->ctx = ctx;
  wr->jf = jf;
  wr->plan = plan;
  wr->check.out = &wr->check_buf;
  wr->setup.out = &wr->setup_buf;
  wr->late.out = &wr->late_buf;
  wr->post.out = &wr->post_buf;
  wr->cleanup.out = &wr->cleanup_buf;
  wr->decls.out = &wr->decls_buf;
  wr->outs = arena_alloc(ctx, sizeof(char *) * (size_t)(jf->nparams + 1));
}

static void wrapper_release(Wrapper *wr) {
  buf_release(&wr->check_buf);
  buf_release(&wr->setup_buf);
  buf_release(&wr->late_buf);
  buf_release(&wr->post_buf);
  buf_release(&wr->cleanup_buf);
  buf_release(&wr->decls_buf);
  buf_release(&wr->kept);
}

void emit_wrapper(Ctx *ctx, Writer *w, const JsFunc *jf, const JsPlan *plan) {
  Wrapper wr;
  wrapper_init(&wr, ctx, jf, plan);
  /* A struct result travels through a hidden pointer or as a scalar; C
   * writes all of it: not zeroed. */
  const Type *rt = jf->func->type->base;
  if (jf->ret == JK_STRUCT)
    wr_line(
        &wr.setup, "const rp = %s;",
        temp_addr(&wr, jf->ret_temp, rt->record->size ? rt->record->size : 1, rt->record->align));
  if (jf->abi.sret)
    add_arg(&wr, "rp");
  if (jf->checks_destroys)
    wr_line(&wr.check, "const d0 = wbDestroys;");
  for (int i = 0; i < jf->nparams; i++)
    converters[jf->params[i].conv](&wr, &jf->params[i]);
  if (jf->format_param >= 0) { /* typed by the format, written where va_arg reads them */
    wr_line(&wr.setup, "const p_va$ = wbVarargs(%s, va$, %s);",
            jf->params[jf->format_param].js_name, qname(&wr, &jf->params[jf->format_param]));
    add_arg(&wr, "p_va$");
  } else if (jf->va_kinds) { /* typed by the rules, or by the values */
    wr_line(&wr.setup, "const p_va$ = wbVarargsOf(%s, va$, '%s');",
            jf->va_kinds[0] ? arena_printf(ctx, "'%s'", jf->va_kinds) : "null", jf->func->name);
    add_arg(&wr, "p_va$");
  }
  if (jf->checks_destroys)
    wr_line(&wr.late,
            "if (wbDestroys !== d0) throw new TypeError('%s: a handle was destroyed while the "
            "arguments were read');",
            jf->func->name);
  if (jf->destroys && jf->message.via && jf->message.param >= 0) /* read before it is destroyed */
    wr_line(&wr.late, "const mh = _%s(h_%s);", jf->message.via->name,
            jf->params[jf->message.param].js_name);
  wr_text(w, wr.decls_buf.data);
  wr_open(w, "function %s(%s) {", jf->js_ident, js_visible_params(ctx, jf, false));
  wr_text(w, wr.check_buf.data);
  if (jf->watches) {
    wr_line(w, "const e0 = pendingErrors.length;");
    wr_line(w, "const n0 = wbNest;");
  }
  if (has_frame(jf))
    put_framed_body(&wr, w);
  else
    put_plain_body(&wr, w);
  wr_close(w, "}");
  wrapper_release(&wr);
}

/* ---- imports ----------------------------------------------------------- */

/* Statements giving an import's JS result r back to C. A string is
 * malloc'ed: C owns it when the import is `owned`, else it is freed at the
 * import's next call. */
static void import_return(Ctx *ctx, Writer *w, const JsFunc *jf, bool owned) {
  const char *name = jf->func->name;
  const Type *rt = jf->func->type->base;
  const char *rname = arena_printf(ctx, "'%s (return value)'", name);
  switch (jf->ret) {
  case JK_VOID: break;
  case JK_STRING:
    wr_line(w, "if (r === null || r === undefined) return 0;");
    wr_line(w, "const p = heapString(r, %s);", rname);
    if (!owned)
      wr_line(w, "lent_%s = p;", name);
    wr_line(w, "return p;");
    break;
  case JK_HANDLE:
    wr_line(w, "return r === null ? 0 : %s.ptrOf(r, %s);", js_record_name(ctx, rt->base->record),
            rname);
    break;
  case JK_I64:
    wr_line(w, "return wbBigInt(r ?? 0n, %s, %s);", rname, type_is_unsigned(rt) ? "true" : "false");
    break;
  case JK_BOOL: wr_line(w, "return r ? 1 : 0;"); break;
  default:
    wr_line(w, "if (r === undefined) return 0;");
    jsv_check(ctx, w, rt, jf->ret, "r", rname, false);
    wr_line(w, "return r;");
  }
}

/* A function C imports and JS implements (WB_IMPORT): the wasm import's
 * body, converting C's arguments as a callback's and the JS result back.
 * An exception is rethrown by the library call that was running when C
 * returns; C sees 0. */
void emit_import(Ctx *ctx, Writer *w, const JsFunc *jf) {
  const char *name = jf->func->name;
  bool owned = (jf->func->ret_annot.flags & A_OWNED) != 0;
  const char *zero = jf->ret == JK_VOID ? "" : jf->ret == JK_I64 ? " 0n" : " 0";
  if (jf->ret == JK_STRING && !owned)
    wr_line(w, "let lent_%s = 0; /* the last string handed to C, freed at the next call */", name);
  Buf params = {0};
  for (int i = 0; i < jf->abi.nparams; i++)
    buf_printf(&params, "%sa%d", i ? ", " : "", i);
  wr_open(w, "function import_%s(%s) {", name, params.data ? params.data : "");
  buf_release(&params);
  if (jf->ret == JK_STRING && !owned)
    wr_line(w, "if (lent_%s !== 0) wbFree(lent_%s), lent_%s = 0;", name, name, name);
  wr_line(w, "const fn = host.imports?.env?.%s;", name);
  wr_open(w, "if (typeof fn !== 'function') {");
  wr_line(w,
          "pendingErrors.push(new Error('wasmbind: the C code called env.%s, which was not "
          "provided in options.imports'));",
          name);
  wr_line(w, "return%s;", zero);
  wr_close(w, "}");
  wr_open(w, "try {");
  const char *call = callback_call(ctx, jf->as_import, "fn");
  wr_line(w, jf->ret == JK_VOID ? "%s;" : "const r = %s;", call);
  import_return(ctx, w, jf, owned);
  wr_close(w, "} catch (e) {");
  w->depth++;
  wr_line(w, "pendingErrors.push(e);");
  wr_line(w, "return%s;", zero);
  wr_close(w, "}");
  wr_close(w, "}");
  wr_line(w, "if (host.adapters) host.adapters.%s = import_%s;", name, name);
}
