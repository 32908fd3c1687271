/* emit_js.h: what the files of the JS emitter share. emit_js.c writes the
 * module, emit_js_records.c the records' readers, writers and classes,
 * emit_js_wrapper.c the functions' wrappers and the imports, and
 * emit_js_values.c the code moving one value. They print the plan (plan.h)
 * and decide nothing. */
#ifndef WASMBIND_EMIT_JS_H
#define WASMBIND_EMIT_JS_H

#include "plan.h"

/* ---- emit_js_values.c: one value ----------------------------------------- */

/* The value range of an integer type (or enum). */
void jsv_int_range(Ctx *ctx, const Type *ty, long long *min, long long *max);
/* A statement throwing TypeError/RangeError naming `name` (a JS string
 * expression) when the JS value `v` is not acceptable for ty. */
void jsv_check(Ctx *ctx, Writer *w, const Type *ty, JsKind kind, const char *v, const char *name,
               bool nullable);
/* An expression reading the scalar ty at address expression `a` as stored:
 * a number (a pointer's address), or a bigint for 64-bit integers. */
const char *jsv_load_raw(Ctx *ctx, const Type *ty, const char *a, bool aligned);
/* An expression reading the ty at address expression `a` as a JS value. */
const char *jsv_load(Ctx *ctx, const Type *ty, const char *a, bool aligned);
/* Statements checking the JS value `v` and storing it at `a`. Strings are
 * copied to temporaries only `in_call` (else an address is required). */
void jsv_store(Ctx *ctx, Writer *w, const Type *ty, const char *a, const char *v, const char *name,
               bool aligned, bool in_call);
/* A statement storing `x`, already checked and converted (an integer, an
 * address), as the scalar ty at `a`. */
void jsv_store_raw(Ctx *ctx, Writer *w, const Type *ty, const char *a, const char *x, bool aligned);
/* `(a0, ...) => {...}`: the function C calls for callback cb, calling the
 * JS function fn with JS values (name: for errors; held: the holder of a
 * string it returns, or "null"). An exception is kept for the wrapper to
 * rethrow once C returns. */
void emit_callback_fn(Ctx *ctx, Writer *w, const JsCallback *cb, const char *fn, const char *name,
                      const char *held);
/* Lines written at depth 0 (`text`) as one statement of w: prefix before
 * the first line, suffix after the last. */
void emit_statement(Ctx *ctx, Writer *w, const char *prefix, const char *text, const char *suffix);
/* An expression turning the wasm result `r` of kind into its JS value. */
const char *jsv_from_wasm(Ctx *ctx, const Type *ty, JsKind kind, const char *r);
/* An integer as a JS literal: a number when safe, else a bigint (`123n`). */
void jsv_int_literal(Buf *b, int64_t v, bool is_unsigned);
/* A constant property's value: an integer, a string or a number. */
void jsv_prop_literal(Buf *b, const JsProp *p);
/* `a + offset`, or a when the offset is 0. */
const char *jsv_addr(Ctx *ctx, const char *a, int64_t offset);
/* a in parentheses unless it is a name or a number. */
const char *jsv_paren(Ctx *ctx, const char *a);
/* The name expression of a part (".x", "[' + k + ']") of the value `name`. */
const char *jsv_name_part(Ctx *ctx, const char *name, const char *part);
/* An expression for the JS value of `n` elements of elem at pointer p
 * (bytes for void, a string for chars, a typed array, else an array). */
const char *jsv_array_result(Ctx *ctx, const Type *elem, const char *p, const char *n);

/* ---- emit_js_records.c: records and handles ------------------------------ */

/* readX(p) and writeX(p, v, name, inCall) of the records the plan asks for. */
void emit_record_io(Ctx *ctx, Writer *w, const JsPlan *plan);
/* The view class of a complete record, and the class of a handle type. */
void emit_view_class(Ctx *ctx, Writer *w, const Record *rec);
void emit_handle_class(Ctx *ctx, Writer *w, const Record *rec, const JsPlan *plan);

/* ---- emit_js_wrapper.c: functions ---------------------------------------- */

/* The wrapper of a bound function (and its library-level declarations). */
void emit_wrapper(Ctx *ctx, Writer *w, const JsFunc *jf, const JsPlan *plan);
/* The adapter of a function JS implements (WB_IMPORT). */
void emit_import(Ctx *ctx, Writer *w, const JsFunc *jf);
/* The parameters JS passes, comma-separated (as_method: without the first). */
const char *js_visible_params(Ctx *ctx, const JsFunc *jf, bool as_method);

#endif
