/* emit_js_records.c: the records of the generated module: readX(p) and
 * writeX(p, v, name, inCall) moving a struct between linear memory and a
 * plain object, the view classes over linear memory, and the handle
 * classes of opaque types. */
#include "emit_js.h"
#include <stdint.h>
#include <string.h>

/* An expression reading an array field of n elements at a. */
static const char *array_load(Ctx *ctx, const Type *arr, const char *a) {
  const Type *elem = arr->base;
  int64_t n = arr->array_len < 0 ? 0 : arr->array_len;
  if (type_is_text(elem))
    return arena_printf(ctx, "readFixedString(%s, %lld)", a, (long long)n);
  if (js_typed_array(ctx, elem) && elem->kind != TY_PTR)
    return arena_printf(ctx, "readArray(%s, %lld, %s)", a, (long long)n, js_typed_array(ctx, elem));
  int64_t size = layout_sizeof(ctx, elem);
  return arena_printf(
      ctx, "Array.from({ length: %lld }, (_, k) => %s)", (long long)n,
      jsv_load(ctx, elem, arena_printf(ctx, "%s + k * %lld", a, (long long)size), true));
}

/* Statements checking the array v (name: its name expression) and storing
 * it in the array field at a. */
static void array_store(Ctx *ctx, Writer *w, const Type *arr, const char *a, const char *v,
                        const char *name, bool in_call) {
  const Type *elem = arr->base;
  long long n = arr->array_len < 0 ? 0 : (long long)arr->array_len;
  if (type_is_text(elem)) {
    wr_line(w, "writeFixedString(%s, %lld, %s, %s);", a, n, v, name);
    return;
  }
  long long size = (long long)layout_sizeof(ctx, elem);
  wr_line(w,
          "if (!Array.isArray(%s) && !ArrayBuffer.isView(%s)) throw wbTypeError(%s, 'an "
          "array of %lld', %s);",
          v, v, name, n, v);
  wr_line(w, "if (%s.length !== %lld) throw new RangeError(%s + %s.length);", v, n,
          jsv_name_part(ctx, name, arena_printf(ctx, ": expected %lld elements, got ", n)), v);
  wr_open(w, "for (let k = 0; k < %lld; k++) {", n);
  jsv_store(ctx, w, elem, arena_printf(ctx, "%s + k * %lld", a, size),
            arena_printf(ctx, "%s[k]", v), jsv_name_part(ctx, name, "[' + k + ']"), true, in_call);
  wr_close(w, "}");
}

/* The bit position of a bitfield from the start of the outer record. */
static long long bit_position(const FlatMember *fm) {
  return (long long)(fm->offset * 8 + fm->m->bit_offset - fm->m->offset * 8);
}

/* Checks v against the bitfield's width and stores it. A field wider than
 * 32 bits reads as a bigint (getBits) and takes a bigint or a safe integer;
 * its bounds are bigint literals, computed without shifting by 64. */
static void bitfield_store(Writer *w, const FlatMember *fm, const char *p, const char *v,
                           const char *name) {
  const Member *m = fm->m;
  int width = m->bit_width;
  bool u = type_is_unsigned(m->type);
  if (width > 32) {
    uint64_t umax = width == 64 ? UINT64_MAX : (1ULL << width) - 1;
    uint64_t smax = umax >> 1;
    wr_line(w, "%s = wbBigInt(%s, %s, %s);", v, v, name, u ? "true" : "false");
    if (width < 64 && u)
      wr_line(w, "if (%s > %llun) throw new RangeError(%s + `: ${%s} is out of range [0, %llu]`);",
              v, (unsigned long long)umax, name, v, (unsigned long long)umax);
    else if (width < 64)
      wr_line(
          w,
          "if (%s < -%llun - 1n || %s > %llun) throw new RangeError(%s + `: ${%s} is out of range "
          "[-%llu - 1, %llu]`);",
          v, (unsigned long long)smax, v, (unsigned long long)smax, name, v,
          (unsigned long long)smax, (unsigned long long)smax);
  } else {
    long long min = u ? 0 : -(1LL << (width - 1));
    long long max = u ? (long long)((1ULL << width) - 1) : (1LL << (width - 1)) - 1;
    wr_line(w,
            "if (!Number.isInteger(%s) || %s < %lld || %s > %lld) throw wbIntError(%s, %s, %lld, "
            "%lld);",
            v, v, min, v, max, name, v, min, max);
  }
  wr_line(w, "setBits(%s, %lld, %d, %s);", p, bit_position(fm), width, v);
}

/* The address of the length field of buffer field fm (in the same record). */
static const char *buffer_len_addr(Ctx *ctx, const FlatMember *fm, const char *p) {
  return jsv_addr(ctx, p, fm->offset - fm->m->offset + fm->m->buffer_len->offset);
}

/* A buffer field's value (rules `type T(f): len L`): a copy of its L
 * elements, or null for NULL. */
static const char *buffer_load(Ctx *ctx, const FlatMember *fm, const char *p) {
  const Member *m = fm->m, *l = m->buffer_len;
  const char *array;
  BufferKind kind = js_field_buffer(ctx, m, &array);
  const char *ptr =
      jsv_load_raw(ctx, m->type, jsv_addr(ctx, p, fm->offset), js_field_aligned(ctx, fm->owner, m));
  const char *n =
      jsv_load(ctx, l->type, buffer_len_addr(ctx, fm, p), js_field_aligned(ctx, fm->owner, l));
  if (js_kind(ctx, l->type, true) == JK_I64)
    n = arena_printf(ctx, "Number(%s)", n);
  if (kind == BUF_TEXT)
    return arena_printf(ctx, "(%s === 0 ? null : readStringN(%s, %s))", ptr, ptr, n);
  return arena_printf(ctx, "readArray(%s, %s, %s)", ptr, n, array);
}

/* Statements storing x, a buffer field's value, and its length: copied to
 * a temporary in a writer for a call (`inCall`), else (a view's setter, a
 * callback's result) an array already in linear memory, since nothing
 * would own a copy. */
static void buffer_store(Ctx *ctx, Writer *w, const FlatMember *fm, const char *p, const char *x,
                         const char *name, bool in_writer) {
  const Member *m = fm->m, *l = m->buffer_len;
  const char *array;
  BufferKind kind = js_field_buffer(ctx, m, &array);
  const char *cls = array ? array : "Uint8Array";
  wr_open(w, "{");
  wr_line(w, "let q = 0, n = 0;");
  if (in_writer) {
    wr_line(w, "if (%s === null) {", x);
    wr_open(w, "} else if (!inCall) {");
  } else {
    wr_open(w, "if (%s !== null) {", x);
  }
  wr_line(w, "q = inMemory(%s, %s, %s);", x, name, cls);
  wr_line(w, "n = wbTaLength.call(%s);", x);
  if (in_writer && kind == BUF_TEXT) {
    wr_close(w, "} else if (typeof %s === 'string') {", x);
    w->depth++;
    wr_line(w, "q = tmpString(%s, null);", x); /* a length: NULs kept */
    wr_line(w, "n = tmpStringLen;");
  }
  if (in_writer) {
    wr_close(w, "} else {");
    w->depth++;
    const char *b = kind == BUF_BYTES ? "b" : x;
    if (kind == BUF_BYTES)
      wr_line(w, "const b = asBytes(%s, %s);", x, name);
    wr_line(w, "q = tmpArray(%s, %s, %s);", b, name, cls);
    wr_line(w, "n = tmpArrayLen;");
    /* what C may write goes back after the call; every buffer JS gave stays
     * its field's value while C leaves pointer and length */
    wr_line(w, "if (copies) copies.push(%s, %s, q, n, %s, %s);", x, b,
            m->type->base->quals & Q_CONST ? "null" : cls, name);
  }
  wr_close(w, "}");
  wr_line(w, "if (u8.length === 0) refresh();");
  /* the length first: one it refuses leaves the field as it was */
  jsv_store(ctx, w, l->type, buffer_len_addr(ctx, fm, p), "n", jsv_name_part(ctx, name, ".length"),
            js_field_aligned(ctx, fm->owner, l), false);
  jsv_store_raw(ctx, w, m->type, jsv_addr(ctx, p, fm->offset), "q",
                js_field_aligned(ctx, fm->owner, m));
  wr_close(w, "}");
}

/* Statements storing x in a function-pointer field: a JS function gets a
 * table slot for the call (listed in `copies`, released after it; not
 * outside a call, where nothing would release it), else an address or null. */
static void callback_field_store(Ctx *ctx, Writer *w, const FlatMember *fm, const JsCallback *cb,
                                 const char *p, const char *x, const char *name) {
  const char *a = jsv_addr(ctx, p, fm->offset);
  wr_open(w, "if (typeof %s === 'function') {", x);
  wr_line(w,
          "if (!inCall || !copies) throw new TypeError(%s + ': a JS function is taken for "
          "a call only');",
          name);
  wr_line(w, "const f = %s;", x);
  wr_line(w, "const held = %s;", cb->ret == JK_STRING ? "{ p: 0 }" : "null");
  Buf text = {0};
  Writer tw = {&text, 0};
  emit_callback_fn(ctx, &tw, cb, "f", name, "held");
  emit_statement(
      ctx, w, "const q = addCallback(", text.data,
      arena_printf(ctx, ", '%s', %s + ' (a struct field for the call) after the call', held);",
                   cb->sig, name));
  buf_release(&text);
  wr_line(w, "copies.push(f, f, q, 0, 'callback', %s);", name);
  wr_line(w, "if (u8.length === 0) refresh();");
  jsv_store_raw(ctx, w, fm->m->type, a, "q", js_field_aligned(ctx, fm->owner, fm->m));
  wr_close(w, "} else {");
  w->depth++;
  jsv_store(ctx, w, fm->m->type, a, x, name, js_field_aligned(ctx, fm->owner, fm->m), false);
  wr_close(w, "}");
}

/* The JS value of a field of the record at p. */
static const char *field_load(Ctx *ctx, const FlatMember *fm, const char *p) {
  const Member *m = fm->m;
  const char *a = jsv_addr(ctx, p, fm->offset);
  if (m->buffer_len)
    return buffer_load(ctx, fm, p);
  if (m->bit_width >= 0)
    return arena_printf(ctx, "getBits(%s, %lld, %d, %s)", p, bit_position(fm), m->bit_width,
                        type_is_unsigned(m->type) ? "false" : "true");
  if (m->type->kind == TY_ARRAY)
    return array_load(ctx, m->type, a);
  return jsv_load(ctx, m->type, a, js_field_aligned(ctx, fm->owner, m));
}

/* readX(p): a record as a plain object. */
static void emit_reader(Ctx *ctx, Writer *w, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  wr_line(w, "/** @returns {%sValue} */", name);
  wr_open(w, "function %s(p) {", js_reader(ctx, rec));
  wr_line(w, "if (u8.length === 0) refresh();");
  wr_open(w, "return {");
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    if (!fm->m->fills_buffer) /* part of its buffer's value */
      wr_line(w, "%s: %s,", js_field_key(ctx, fm->m), field_load(ctx, fm, "p"));
  }
  wr_close(w, "};");
  wr_close(w, "}");
}

/* Statements storing x, the value of field fm, in the record at p: in a
 * writer (`in_writer`, whose `inCall` says whether strings can be copied
 * for a call) or in a view's setter (never in a call). */
static void field_store(Ctx *ctx, Writer *w, const FlatMember *fm, const char *p, const char *x,
                        const char *name, bool in_writer) {
  const Member *m = fm->m;
  const char *a = jsv_addr(ctx, p, fm->offset);
  bool aligned = js_field_aligned(ctx, fm->owner, m);
  const JsCallback *cb = in_writer ? js_field_callback(ctx->js_plan, m) : NULL;
  if (m->buffer_len) {
    buffer_store(ctx, w, fm, p, x, name, in_writer);
  } else if (cb) {
    callback_field_store(ctx, w, fm, cb, p, x, name);
  } else if (m->bit_width >= 0) {
    bitfield_store(w, fm, p, x, name);
  } else if (m->type->kind == TY_ARRAY) {
    array_store(ctx, w, m->type, a, x, name, in_writer);
  } else if (m->type->kind == TY_STRUCT) {
    bool copies = in_writer && js_record_copies_buffers(ctx, m->type->record);
    wr_line(w, "%s(%s, %s, %s, %s%s);", js_writer(ctx, m->type->record), a, x, name,
            in_writer ? "inCall" : "false", copies ? ", copies" : "");
  } else if (js_kind(ctx, m->type, false) == JK_STRING && in_writer) {
    /* Strings need a call to own their copy: only then `inCall`. */
    wr_open(w, "if (inCall) {");
    jsv_store(ctx, w, m->type, a, x, name, aligned, true);
    wr_close(w, "} else {");
    w->depth++;
    jsv_store(ctx, w, m->type, a, x, name, aligned, false);
    wr_close(w, "}");
  } else {
    jsv_store(ctx, w, m->type, a, x, name, aligned, in_writer);
  }
}

/* writeX(p, v, name, inCall): a plain object checked and stored as a record. */
static void emit_writer(Ctx *ctx, Writer *w, const Record *rec) {
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  wr_open(w, "function %s(p, v, name, inCall%s) {", js_writer(ctx, rec),
          js_record_copies_buffers(ctx, rec) ? ", copies" : "");
  wr_line(w, "if (typeof v !== 'object' || v === null) throw wbTypeError(name, 'an object', v);");
  wr_line(w, "let x;");
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    if (fm->m->fills_buffer) /* written with its buffer */
      continue;
    /* a getter can run any JS, growing the memory: fresh views after it */
    const char *key = js_field_key(ctx, fm->m);
    wr_line(w, "x = v.%s;", key);
    wr_line(w, "if (u8.length === 0) refresh();");
    /* In a union the members overlap: write only the ones given. */
    if (fm->owner->is_union)
      wr_open(w, "if (x !== undefined) {");
    field_store(ctx, w, fm, "p", "x", arena_printf(ctx, "name + '.%s'", key), true);
    if (fm->owner->is_union)
      wr_close(w, "}");
  }
  wr_close(w, "}");
}

void emit_record_io(Ctx *ctx, Writer *w, const JsPlan *plan) {
  for (int i = 0; i < plan->value_records.len; i++) {
    const Record *rec = plan->value_records.items[i];
    const char *name = js_record_name(ctx, rec);
    if (map_get(&plan->readers, name, (int)strlen(name)))
      emit_reader(ctx, w, rec);
    if (map_get(&plan->writers, name, (int)strlen(name)))
      emit_writer(ctx, w, rec);
  }
}

/* Throws when the view's memory was freed by a consuming call. */
static void put_live_check(Writer *w, const char *cls, const char *name) {
  wr_line(w, "if (this.#life !== null && this.#life.p === 0) throw wbFreedView(%s, '%s');", name,
          cls);
}

/* A field's getter and setter in a view class. */
static void emit_view_field(Ctx *ctx, Writer *w, const Record *rec, const FlatMember *fm) {
  const Member *m = fm->m;
  const char *name = arena_printf(ctx, "'%s'", m->name);
  const char *accessor = js_view_accessor(ctx, m);
  const char *cls = js_record_name(ctx, rec);
  wr_open(w, "get %s() {", accessor);
  put_live_check(w, cls, "'this'");
  if (m->type->kind == TY_STRUCT && m->bit_width < 0) {
    /* a view of a part dies with the whole */
    wr_line(w, "return new %s(%s, this.#lifeCell());", js_record_name(ctx, m->type->record),
            jsv_addr(ctx, "this.#ptr", fm->offset));
  } else {
    if (m->bit_width < 0)
      wr_line(w, "if (u8.length === 0) refresh();");
    wr_line(w, "return %s;", field_load(ctx, fm, "this.#ptr"));
  }
  wr_close(w, "}");
  if (m->fills_buffer) /* read-only: set with its buffer */
    return;
  wr_open(w, "set %s(v) {", accessor);
  put_live_check(w, cls, "'this'");
  if (m->bit_width < 0 && m->type->kind != TY_STRUCT)
    wr_line(w, "if (u8.length === 0) refresh();");
  field_store(ctx, w, fm, "this.#ptr", "v", name, false);
  wr_close(w, "}");
}

void emit_view_class(Ctx *ctx, Writer *w, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  wr_line(w, "/** A view of a `%s` in linear memory (borrowed: it does not own it). */",
          rec->name ? rec->name : name);
  wr_open(w, "class %s {", name);
  wr_line(w, "#ptr;");
  wr_line(w, "/** {p}: the memory's life, shared with the views of its parts; p is 0 once C "
             "freed it */");
  wr_line(w, "#life;");
  wr_open(w, "static {");
  wr_line(w, "wbShapes.push(new this(0));");
  wr_close(w, "}");
  /* Made by the bindings only (the library holds wbPublic's face), with
   * an address C gave; sealed, so no own `ptr` can hide the real one. */
  wr_line(w, "/** @param {number} ptr @param {{p: number} | null} [life] */");
  wr_open(w, "constructor(ptr, life = null) {");
  wr_line(w, "this.#ptr = ptr;");
  wr_line(w, "this.#life = life;");
  wr_line(w, "Object.preventExtensions(this);");
  wr_close(w, "}");
  wr_line(w, "/** The address (read-only); 0 once freed. */");
  wr_open(w, "get ptr() {");
  wr_line(w, "return this.#life !== null && this.#life.p === 0 ? 0 : this.#ptr;");
  wr_close(w, "}");
  /* (`?\?=`: "??=" would be a C trigraph) */
  wr_open(w, "#lifeCell() {");
  wr_line(w, "return (this.#life ?\?= { p: this.#ptr });");
  wr_close(w, "}");
  wr_line(w, "/** The address of v, a view of this type whose memory C has not freed. */");
  wr_line(w, "/** @param {any} v @param {string} name */");
  wr_open(w, "static ptrOf(v, name) {");
  wr_line(w, "if (v.#life !== null && v.#life.p === 0) throw wbFreedView(name, '%s');", name);
  wr_line(w, "return v.#ptr;");
  wr_close(w, "}");
  wr_line(w, "/** C freed v's memory (a consuming call): v and its parts' views die. */");
  wr_line(w, "/** @param {any} v */");
  wr_open(w, "static release(v) {");
  wr_line(w, "(v.#life ?\?= { p: v.#ptr }).p = 0;");
  wr_close(w, "}");
  /* `v instanceof X` in the bindings: real views only, not an object made
   * from the prototype with a `ptr` of its own. */
  wr_line(w, "/** @param {any} v */");
  wr_open(w, "static [Symbol.hasInstance](v) {");
  wr_line(w, "return typeof v === 'object' && v !== null && #ptr in v;");
  wr_close(w, "}");
  wr_line(w, "/** @param {number} p */");
  wr_open(w, "static at(p) {");
  wr_line(w, "return p === 0 ? null : new %s(p);", name);
  wr_close(w, "}");
  for (int i = 0; i < fields.len; i++)
    emit_view_field(ctx, w, rec, fields.items[i]);
  wr_line(w, "/** A plain-object copy of every field. */");
  wr_open(w, "toObject() {");
  put_live_check(w, name, "'this'");
  wr_line(w, "return %s(this.#ptr);", js_reader(ctx, rec));
  wr_close(w, "}");
  wr_open(w, "toJSON() {");
  put_live_check(w, name, "'this'");
  wr_line(w, "return %s(this.#ptr);", js_reader(ctx, rec));
  wr_close(w, "}");
  wr_close(w, "}");
  wr_line(w, "%s.size = %lld;", name, (long long)rec->size);
  wr_line(w, "%s.align = %d;", name, rec->align);
}

void emit_handle_class(Ctx *ctx, Writer *w, const Record *rec, const JsPlan *plan) {
  const char *name = js_record_name(ctx, rec);
  const HandleRule *h = rec->handle;
  wr_line(w, "/** An opaque `%s *`: only functions of this library can use it. */",
          rec->name ? rec->name : name);
  bool lent = js_set_has(&plan->lent_set, rec);
  if (h && h->destroy)
    wr_open(w, "class %s extends handleClass('%s', '%s', (p) => _%s(p), %s) {", name, name,
            h->destroy, h->destroy, lent ? "true" : "false");
  else
    wr_open(w, "class %s extends handleClass('%s', null, null, false) {", name, name);
  wr_open(w, "static {");
  wr_line(w, "wbShapes.push(new this(0));");
  wr_close(w, "}");
  /* methods: the functions that take this handle first */
  const Vec *methods = js_methods_of(plan, rec);
  for (int i = 0; i < methods->len; i++) {
    const JsFunc *jf = methods->items[i];
    const char *ps = js_visible_params(ctx, jf, true);
    wr_open(w, "%s(%s) {", jf->method, ps);
    wr_line(w, "return %s(this%s%s);", jf->js_ident, *ps ? ", " : "", ps);
    wr_close(w, "}");
  }
  wr_close(w, "}");
}
