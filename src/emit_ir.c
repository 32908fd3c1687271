/* emit_ir.c: `wasmbind ir`, the JSON description of docs/IR-SCHEMA.md.
 *
 * Keys in the schema's order; one line per function, typedef, constant,
 * record field and enum constant, so that reference outputs diff well.
 * Integers that do not fit in ±(2^53-1) are decimal strings. */
#include "internal.h"
#include <string.h>

#define MAX_SAFE_INT 9007199254740991LL

static void put_int(Buf *out, int64_t v, bool is_unsigned) {
  if (is_unsigned && v < 0) {
    buf_printf(out, "\"%llu\"", (unsigned long long)v);
  } else if (v > MAX_SAFE_INT || v < -MAX_SAFE_INT) {
    buf_printf(out, "\"%lld\"", (long long)v);
  } else {
    buf_printf(out, "%lld", (long long)v);
  }
}

static void put_key(Buf *out, const char *key) {
  buf_put_json_string(out, key);
  buf_puts(out, ": ");
}

static void put_str_member(Buf *out, const char *key, const char *value, bool comma) {
  put_key(out, key);
  if (value)
    buf_put_json_string(out, value);
  else
    buf_puts(out, "null");
  if (comma)
    buf_puts(out, ", ");
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static void emit_function(Ctx *ctx, Buf *out, const Func *fn) {
  const Type *ty = fn->type;
  buf_puts(out, "{");
  put_str_member(out, "name", fn->name, true);
  put_str_member(out, "returns", type_spelling(ctx, ty->base, NULL), true);
  put_key(out, "params");
  buf_puts(out, "[");
  for (int i = 0; i < ty->nparams; i++) {
    if (i)
      buf_puts(out, ", ");
    buf_puts(out, "{");
    put_str_member(out, "name", ty->params[i].name, true);
    put_str_member(out, "type", type_spelling(ctx, ty->params[i].type, NULL), false);
    buf_puts(out, "}");
  }
  buf_puts(out, "], ");
  put_key(out, "variadic");
  buf_puts(out, ty->variadic ? "true" : "false");
  if (ty->no_prototype)
    buf_puts(out, ", \"noPrototype\": true");
  if (fn->is_static)
    buf_puts(out, ", \"static\": true");
  if (fn->is_inline)
    buf_puts(out, ", \"inline\": true");
  buf_puts(out, "}");
}

static void emit_record(Ctx *ctx, Buf *out, const Record *rec) {
  buf_puts(out, "{");
  put_str_member(out, "name", rec->name, true);
  put_str_member(out, "kind", rec->is_union ? "union" : "struct", true);
  buf_printf(out, "\"size\": %lld, \"align\": %d, ", (long long)rec->size, rec->align);
  if (rec->tagless_typedef)
    buf_puts(out, "\"tagless\": true, ");
  put_key(out, "fields");
  if (!rec->nmembers) {
    buf_puts(out, "[]}");
    return;
  }
  buf_puts(out, "[\n");
  for (int i = 0; i < rec->nmembers; i++) {
    const Member *m = &rec->members[i];
    buf_puts(out, "      {");
    put_str_member(out, "name", m->name, true);
    put_str_member(out, "type", type_spelling(ctx, m->type, NULL), true);
    buf_printf(out, "\"offset\": %lld", (long long)m->offset);
    if (m->bit_width >= 0)
      buf_printf(out, ", \"bitWidth\": %d, \"bitOffset\": %lld", m->bit_width,
                 (long long)m->bit_offset);
    buf_puts(out, i + 1 < rec->nmembers ? "},\n" : "}\n");
  }
  buf_puts(out, "    ]}");
}

static void emit_enum(Buf *out, const Enum *en) {
  buf_puts(out, "{");
  put_str_member(out, "name", en->name, true);
  put_key(out, "constants");
  buf_puts(out, "[\n");
  bool is_unsigned = en->int_type && type_is_unsigned(en->int_type);
  for (int i = 0; i < en->nconsts; i++) {
    buf_puts(out, "      {");
    put_str_member(out, "name", en->consts[i].name, true);
    put_key(out, "value");
    put_int(out, en->consts[i].value, is_unsigned);
    buf_puts(out, i + 1 < en->nconsts ? "},\n" : "}\n");
  }
  buf_puts(out, "    ]}");
}

static void annot_list(Buf *out, const Annot *a) {
  buf_puts(out, "[");
  bool first = true;
#define ITEM(cond, text)                                                                           \
  if (cond) {                                                                                      \
    if (!first)                                                                                    \
      buf_puts(out, ", ");                                                                         \
    buf_put_json_string(out, text);                                                                \
    first = false;                                                                                 \
  }
  ITEM((a->flags & A_OWNED) && !a->free_fn, "owned");
  ITEM(a->flags & A_OUT, "out");
  ITEM(a->flags & A_INOUT, "inout");
  ITEM(a->flags & A_NULLABLE, "nullable");
#undef ITEM
  if (a->free_fn) {
    if (!first)
      buf_puts(out, ", ");
    buf_printf(out, "\"free:%s\"", a->free_fn);
    first = false;
  }
  if (a->len) {
    if (!first)
      buf_puts(out, ", ");
    buf_printf(out, "\"len:%s\"", a->len);
  }
  buf_puts(out, "]");
}

static bool has_annot(const Annot *a) {
  return a->flags || a->free_fn || a->len;
}

/* meta.annotations: what include/wasmbind.h's macros said, per function. */
static void emit_meta(Buf *out, const Program *prog) {
  buf_puts(out, "  \"meta\": {");
  bool any = false;
  for (int i = 0; i < prog->functions.len; i++) {
    const Func *fn = prog->functions.items[i];
    bool params = false;
    for (int j = 0; j < fn->type->nparams; j++)
      params |= has_annot(&fn->type->params[j].annot);
    if (!params && !has_annot(&fn->ret_annot))
      continue;
    buf_puts(out, any ? ",\n    " : "\"annotations\": {\n    ");
    any = true;
    buf_put_json_string(out, fn->name);
    buf_puts(out, ": {");
    bool comma = false;
    if (has_annot(&fn->ret_annot)) {
      buf_puts(out, "\"return\": ");
      annot_list(out, &fn->ret_annot);
      comma = true;
    }
    for (int j = 0; j < fn->type->nparams; j++) {
      const Param *p = &fn->type->params[j];
      if (!has_annot(&p->annot))
        continue;
      if (comma)
        buf_puts(out, ", ");
      buf_put_json_string(out, p->name[0] ? p->name : "");
      buf_puts(out, ": ");
      annot_list(out, &p->annot);
      comma = true;
    }
    buf_puts(out, "}");
  }
  if (any)
    buf_puts(out, "\n  }");
  buf_puts(out, "}\n");
}

/* Opens a top-level array; entries follow one per line. */
static void open_array(Buf *out, const char *key, int n) {
  buf_puts(out, "  ");
  put_key(out, key);
  buf_puts(out, n ? "[\n" : "[],\n");
}

static void next_entry(Buf *out, int i, int n) {
  buf_puts(out, i + 1 < n ? ",\n" : "\n  ],\n");
}

void emit_ir(Ctx *ctx, Buf *out) {
  const Program *prog = &ctx->program;
  buf_puts(out, "{\n");
  buf_puts(out, "  \"schema\": \"wasmbind-ir/1\",\n");
  buf_puts(out, "  \"target\": ");
  buf_put_json_string(out, target_triple);
  buf_puts(out, ",\n  \"header\": ");
  buf_put_json_string(out, prog->header ? base_name(prog->header) : "");
  buf_puts(out, ",\n");

  open_array(out, "functions", prog->functions.len);
  for (int i = 0; i < prog->functions.len; i++) {
    buf_puts(out, "    ");
    emit_function(ctx, out, prog->functions.items[i]);
    next_entry(out, i, prog->functions.len);
  }
  open_array(out, "records", prog->records.len);
  for (int i = 0; i < prog->records.len; i++) {
    buf_puts(out, "    ");
    emit_record(ctx, out, prog->records.items[i]);
    next_entry(out, i, prog->records.len);
  }
  open_array(out, "enums", prog->enums.len);
  for (int i = 0; i < prog->enums.len; i++) {
    buf_puts(out, "    ");
    emit_enum(out, prog->enums.items[i]);
    next_entry(out, i, prog->enums.len);
  }
  open_array(out, "typedefs", prog->typedefs.len);
  for (int i = 0; i < prog->typedefs.len; i++) {
    const TypedefDecl *td = prog->typedefs.items[i];
    buf_puts(out, "    {");
    put_str_member(out, "name", td->name, true);
    put_str_member(out, "type", type_spelling(ctx, td->type, NULL), false);
    buf_puts(out, "}");
    next_entry(out, i, prog->typedefs.len);
  }
  open_array(out, "constants", prog->constants.len);
  for (int i = 0; i < prog->constants.len; i++) {
    const Constant *c = prog->constants.items[i];
    buf_puts(out, "    {");
    put_str_member(out, "name", c->name, true);
    put_key(out, "value");
    put_int(out, c->value, type_is_unsigned(c->type));
    buf_puts(out, ", ");
    put_str_member(out, "type", type_spelling(ctx, c->type, NULL), false);
    buf_puts(out, "}");
    next_entry(out, i, prog->constants.len);
  }
  emit_meta(out, prog);
  buf_puts(out, "}\n");
}
