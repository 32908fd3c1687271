/* bindings.c: decides how each declaration of the header maps to JS, once,
 * for both emitters (emit_js.c writes the code, emit_ts.c the types), so the
 * module and its .d.ts cannot disagree. It implements docs/DESIGN.md,
 * "Default mapping", "Annotations" and "Binding plan". */
#include "internal.h"
#include <stdlib.h>
#include <string.h>

static bool is_64bit(const Type *ty) {
  return ty->kind == TY_LLONG || ty->kind == TY_ULLONG;
}

static Type *enum_int_type(Ctx *ctx, const Type *ty) {
  return ty->enumdecl && ty->enumdecl->int_type ? ty->enumdecl->int_type
                                                : type_builtin(ctx, TY_INT);
}

JsKind js_kind(Ctx *ctx, const Type *ty, bool as_result) {
  switch (ty->kind) {
  case TY_VOID: return JK_VOID;
  case TY_BOOL: return JK_BOOL;
  case TY_ENUM: return is_64bit(enum_int_type(ctx, ty)) ? JK_I64 : JK_INT;
  case TY_CHAR:
  case TY_SCHAR:
  case TY_UCHAR:
  case TY_SHORT:
  case TY_USHORT:
  case TY_INT:
  case TY_UINT:
  case TY_LONG:
  case TY_ULONG: return JK_INT;
  case TY_LLONG:
  case TY_ULLONG: return JK_I64;
  case TY_FLOAT:
  case TY_DOUBLE: return JK_FLOAT;
  case TY_STRUCT: return ty->record->complete ? JK_STRUCT : JK_UNSUPPORTED;
  case TY_PTR: {
    const Type *base = ty->base;
    if (base->kind == TY_FUNC)
      return JK_FUNC;
    if (type_is_char_like(base) && (as_result || (base->quals & Q_CONST)))
      return JK_STRING;
    if (base->kind == TY_STRUCT)
      return base->record->complete ? JK_VIEW : JK_HANDLE;
    return JK_ADDR;
  }
  default: return JK_UNSUPPORTED;
  }
}

static const char *const reserved_words[] = {
    "arguments", "await",      "break",   "case",    "catch",      "class",     "const",
    "continue",  "debugger",   "default", "delete",  "do",         "else",      "enum",
    "eval",      "export",     "extends", "false",   "finally",    "for",       "function",
    "if",        "implements", "import",  "in",      "instanceof", "interface", "let",
    "new",       "null",       "package", "private", "protected",  "public",    "return",
    "static",    "super",      "switch",  "this",    "throw",      "true",      "try",
    "typeof",    "var",        "void",    "while",   "with",       "yield",     NULL};

const char *js_safe_ident(Ctx *ctx, const char *name) {
  for (const char *const *w = reserved_words; *w; w++)
    if (strcmp(name, *w) == 0)
      return arena_printf(ctx, "%s_", name);
  return name;
}

/* The locals a wrapper declares beside its parameters. */
static const char *const wrapper_locals[] = {"t0", "h0", "e0", "key", "kept", "mh", "rp", NULL};

const char *js_param_ident(Ctx *ctx, const char *name) {
  for (const char *const *w = wrapper_locals; *w; w++)
    if (strcmp(name, *w) == 0)
      return arena_printf(ctx, "%s_", name);
  return js_safe_ident(ctx, name);
}

/* "struct P::f" -> "P_f", "struct P::(anonymous@2)" -> "P_anon2". */
static const char *ident_from_ir_name(Ctx *ctx, const char *name) {
  const char *sp = strchr(name, ' ');
  if (sp && (strncmp(name, "struct ", 7) == 0 || strncmp(name, "union ", 6) == 0 ||
             strncmp(name, "enum ", 5) == 0))
    name = sp + 1;
  char *out = arena_alloc(ctx, strlen(name) * 2 + 8);
  char *o = out;
  for (const char *p = name; *p; p++) {
    if (strncmp(p, "(anonymous@", 11) == 0) {
      o += strlen(strcpy(o, "anon"));
      p += 10;
    } else if (*p == ':' && p[1] == ':') {
      *o++ = '_';
      p++;
    } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
               *p == '_' || *p == '$') {
      *o++ = *p;
    }
  }
  *o = '\0';
  return js_safe_ident(ctx, out);
}

/* A typedef naming this record or enum directly (`typedef struct S S;`). */
static const char *typedef_name_of(Ctx *ctx, const Record *rec, const Enum *en) {
  Vec *tds = &ctx->program.typedefs;
  for (int i = 0; i < tds->len; i++) {
    const TypedefDecl *td = tds->items[i];
    const Type *t = td->type;
    if ((rec && t->kind == TY_STRUCT && t->record == rec) ||
        (en && t->kind == TY_ENUM && t->enumdecl == en))
      return td->name;
  }
  return NULL;
}

const char *js_record_name(Ctx *ctx, const Record *rec) {
  const char *td = rec->tagless_typedef ? NULL : typedef_name_of(ctx, rec, NULL);
  if (td)
    return js_safe_ident(ctx, td);
  if (rec->name)
    return ident_from_ir_name(ctx, rec->name);
  return ident_from_ir_name(ctx, rec->tag ? rec->tag : "anonymous");
}

const char *js_enum_name(Ctx *ctx, const Enum *e) {
  const char *td = typedef_name_of(ctx, NULL, e);
  if (td)
    return js_safe_ident(ctx, td);
  return e->name ? ident_from_ir_name(ctx, e->name) : NULL;
}

bool js_callback_arg_hidden(const Type *cb, const Annot *annots, int i) {
  if (!annots)
    return false;
  if (annots[i].flags & (A_OMIT | A_USERDATA))
    return true;
  for (int k = 0; k < cb->nparams; k++)
    if (annots[k].len && atoi(annots[k].len) - 1 == i)
      return true;
  return false;
}

Annot *js_param_annots(Ctx *ctx, const Type *fn) {
  Annot *annots = arena_alloc(ctx, sizeof(Annot) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++)
    annots[i] = fn->params[i].annot;
  return annots;
}

/* A parameter by name, or by 1-based position (rules files). */
static int find_param(const Type *fn, const char *name) {
  if (name[0] >= '1' && name[0] <= '9') {
    int n = 0;
    for (const char *c = name; *c >= '0' && *c <= '9' && n <= fn->nparams; c++)
      n = n * 10 + (*c - '0');
    return n <= fn->nparams ? n - 1 : -1;
  }
  for (int i = 0; i < fn->nparams; i++)
    if (strcmp(fn->params[i].name, name) == 0)
      return i;
  return -1;
}

/* Why a value of this kind cannot cross, for the warning; NULL when it can. */
static const char *unsupported_reason(const Type *ty) {
  switch (ty->kind) {
  case TY_LDOUBLE: return "long double";
  case TY_INT128:
  case TY_UINT128: return "__int128";
  case TY_STRUCT: return "an incomplete struct by value";
  case TY_ARRAY: return "an array";
  default: return "this type";
  }
}

/* Whether a JS function can stand for a C function pointer of type fn
 * (emit_js.c's put_callback writes the trampoline for exactly these). */
static bool callback_supported(Ctx *ctx, const Type *fn) {
  AbiSig abi;
  if (fn->variadic || fn->no_prototype || !abi_lower(ctx, fn, &abi) || abi.sret)
    return false;
  for (int i = 0; i < fn->nparams; i++) {
    JsKind k = js_kind(ctx, fn->params[i].type, true);
    AbiClass cls = abi.args[i].cls;
    bool ok = cls == ABI_IGNORE || (cls == ABI_INDIRECT && k == JK_STRUCT) ||
              (cls == ABI_DIRECT && k != JK_STRUCT && k != JK_UNSUPPORTED);
    if (!ok)
      return false;
  }
  switch (js_kind(ctx, fn->base, false)) {
  case JK_VOID:
  case JK_INT:
  case JK_I64:
  case JK_FLOAT:
  case JK_BOOL:
  case JK_ADDR: return true;
  default: return false;
  }
}

static bool plan_param(Ctx *ctx, const Func *f, JsFunc *out, int i) {
  const Param *p = &f->type->params[i];
  JsParam *jp = &out->params[i];
  jp->param = p;
  jp->js_name = js_param_ident(ctx, p->name[0] ? p->name : arena_printf(ctx, "arg%d", i));
  jp->len_index = -1;
  jp->array_index = -1;
  jp->keep_until = -1;
  jp->nullable = (p->annot.flags & A_NULLABLE) || !ctx->opts->strict;
  unsigned flags = p->annot.flags;
  const Token *where = p->annot.tok ? p->annot.tok : (p->tok ? p->tok : f->tok);
  jp->value = p->type;
  if (flags & (A_OMIT | A_PASS | A_USERDATA)) {
    jp->role = flags & A_USERDATA ? PR_USERDATA : flags & A_PASS ? PR_PASS : PR_OMIT;
    jp->kind = js_kind(ctx, p->type, false);
    if (jp->role == PR_USERDATA && p->type->kind != TY_PTR) {
      diag_error(ctx, where, "'userdata' needs a pointer parameter; '%s' is '%s'", p->name,
                 type_spelling(ctx, p->type, NULL));
      return false;
    }
    if (jp->kind == JK_STRUCT || jp->kind == JK_UNSUPPORTED) {
      diag_error(ctx, where, "'%s' cannot be left out: C needs a '%s'", p->name,
                 type_spelling(ctx, p->type, NULL));
      return false;
    }
    return true;
  }

  if (flags & (A_OUT | A_INOUT)) {
    if (p->type->kind != TY_PTR || p->type->base->kind == TY_VOID) {
      diag_error(ctx, where, "%s needs a pointer parameter; '%s' is '%s'",
                 flags & A_OUT ? "WB_OUT" : "WB_INOUT", p->name, type_spelling(ctx, p->type, NULL));
      return false;
    }
    jp->role = flags & A_OUT ? PR_OUT : PR_INOUT;
    jp->value = p->type->base;
    jp->kind = js_kind(ctx, jp->value, true);
    if (p->annot.len) {
      if (jp->role != PR_OUT || jp->value->kind != TY_PTR) {
        diag_error(ctx, where, "WB_LEN on an out parameter needs 'T **'");
        return false;
      }
      jp->elem = jp->value->base;
    }
    out->nouts++;
  } else if (p->annot.len) {
    if (p->type->kind != TY_PTR) {
      diag_error(ctx, where, "WB_LEN needs a pointer parameter; '%s' is '%s'", p->name,
                 type_spelling(ctx, p->type, NULL));
      return false;
    }
    jp->role = PR_ARRAY;
    jp->value = p->type;
    jp->elem = p->type->base;
    jp->kind = JK_ADDR;
  } else {
    jp->role = PR_IN;
    jp->value = p->type;
    jp->kind = js_kind(ctx, p->type, false);
  }
  if (flags & A_OWNED && jp->role != PR_OUT) {
    diag_error(ctx, where, "WB_OWNED and WB_FREE apply to a return value or a WB_OUT parameter");
    return false;
  }
  if (jp->kind == JK_UNSUPPORTED ||
      (jp->elem && jp->elem->kind != TY_VOID && js_kind(ctx, jp->elem, true) == JK_UNSUPPORTED)) {
    diag_warning(ctx, f->tok, "'%s' is not bound: parameter '%s' is %s", f->name, p->name,
                 unsupported_reason(jp->elem ? jp->elem : jp->value));
    return false;
  }
  if (jp->kind == JK_FUNC && !callback_supported(ctx, jp->value->base)) {
    diag_warning(ctx, f->tok,
                 "'%s' is not bound: the callback '%s' takes or returns a type JS cannot "
                 "exchange with C during the call (a string or struct result, a struct "
                 "passed as a scalar, long double, __int128)",
                 f->name, p->name);
    return false;
  }
  return true;
}

/* Resolves each WB_LEN(name) to the parameter that holds the count. */
static bool link_lengths(Ctx *ctx, const Func *f, JsFunc *out) {
  const Type *fn = f->type;
  for (int i = 0; i < out->nparams; i++) {
    JsParam *jp = &out->params[i];
    const char *len = jp->param->annot.len;
    if (!len)
      continue;
    int li = find_param(fn, len);
    if (li < 0 || li == i) {
      diag_error(ctx, jp->param->annot.tok, "WB_LEN(%s): '%s' has no parameter named '%s'", len,
                 f->name, len);
      return false;
    }
    JsParam *lp = &out->params[li];
    bool out_count = lp->role == PR_OUT && type_is_integer(lp->value);
    if (!out_count && (lp->role != PR_IN || !type_is_integer(lp->value))) {
      diag_error(ctx, jp->param->annot.tok, "WB_LEN(%s): '%s' must be an integer parameter", len,
                 len);
      return false;
    }
    jp->len_index = li;
    if (jp->role == PR_ARRAY) {
      lp->role = PR_LENGTH;
      lp->array_index = i;
    } else if (out_count) {
      lp->array_index = i; /* an out count read to size the out array; not returned */
      out->nouts--;
    }
  }
  const char *rlen = f->ret_annot.len;
  if (rlen && find_param(fn, rlen) < 0) {
    /* `len F`: F, called with the same arguments, measures the result */
    const Func *g = program_function(&ctx->program, rlen);
    if (g && g->type->nparams == fn->nparams && type_is_integer(g->type->base))
      out->ret_len_fn = g;
    if (!out->ret_len_fn) {
      diag_error(ctx, f->ret_annot.tok,
                 "len %s: '%s' has no parameter '%s', and no function '%s' takes the same "
                 "parameters and returns an integer",
                 rlen, f->name, rlen, rlen);
      return false;
    }
  } else if (rlen) {
    int li = find_param(fn, rlen);
    if (li < 0 || !type_is_integer(out->params[li].value) ||
        (out->params[li].role != PR_IN && out->params[li].role != PR_OUT)) {
      diag_error(ctx, f->ret_annot.tok, "WB_LEN(%s): '%s' has no integer parameter '%s'", rlen,
                 f->name, rlen);
      return false;
    }
    out->ret_len_index = li;
    if (out->params[li].role == PR_OUT && out->params[li].array_index < 0) {
      out->params[li].array_index = -2; /* measures the return */
      out->nouts--;
    }
  }
  return true;
}

/* Resolves each `keep until X` to the callback parameter X that releases. */
static bool link_kept_callbacks(Ctx *ctx, const Func *f, JsFunc *out) {
  for (int i = 0; i < out->nparams; i++) {
    JsParam *jp = &out->params[i];
    const Annot *a = &jp->param->annot;
    if (!a->keep_until)
      continue;
    int ri = find_param(f->type, a->keep_until);
    if (jp->kind != JK_FUNC || jp->role != PR_IN) {
      diag_error(ctx, a->tok, "'keep until' applies to a callback parameter; '%s' is not one",
                 jp->param->name);
      return false;
    }
    if (ri < 0 || ri == i || out->params[ri].kind != JK_FUNC || out->params[ri].role != PR_IN) {
      diag_error(ctx, a->tok, "keep until %s: '%s' has no callback parameter '%s'", a->keep_until,
                 f->name, a->keep_until);
      return false;
    }
    jp->keep_until = ri;
    out->params[ri].releases = true;
    out->keeps = true;
  }
  if (!out->keeps)
    return true;
  for (int i = 0; i < out->nparams; i++)
    if (out->params[i].role == PR_USERDATA)
      return true;
  diag_error(ctx, f->tok,
             "'%s' keeps callbacks: one of its parameters must be the "
             "'userdata' that C hands back to the releasing callback",
             f->name);
  return false;
}

const HandleRule *js_handle_rule(const Type *ty) {
  if (ty->kind != TY_PTR || ty->base->kind != TY_STRUCT)
    return NULL;
  return ty->base->record->handle;
}

/* The error convention of f and where its message comes from: a handle
 * parameter (or out-parameter) that message_fn takes, or one whose parent
 * function leads to it. */
static bool plan_error(Ctx *ctx, const Func *f, JsFunc *out) {
  out->error = f->error;
  out->message.param = -1;
  if (!f->error || !f->error->message_fn)
    return true;
  const Func *mf = program_function(&ctx->program, f->error->message_fn);
  const Type *mt = mf ? mf->type : NULL;
  if (!mt || mt->nparams != 1 || mt->params[0].type->kind != TY_PTR ||
      mt->params[0].type->base->kind != TY_STRUCT) {
    diag_error(ctx, f->error->tok, "message %s: the message function takes one handle",
               f->error->message_fn);
    return false;
  }
  const Record *want = mt->params[0].type->base->record;
  for (int pass = 0; pass < 2 && out->message.param < 0; pass++)
    for (int i = 0; i < out->nparams && out->message.param < 0; i++) {
      const JsParam *jp = &out->params[i];
      const Type *ty = jp->role == PR_OUT ? jp->value : jp->role == PR_IN ? jp->param->type : NULL;
      if (!ty || ty->kind != TY_PTR || ty->base->kind != TY_STRUCT)
        continue;
      const HandleRule *h = ty->base->record->handle;
      if (pass == 0 && ty->base->record == want) {
        out->message = (JsMessage){i, NULL};
      } else if (pass == 1 && h && h->parent) {
        const Func *pf = program_function(&ctx->program, h->parent);
        const Type *pr = pf ? pf->type->base : NULL;
        if (pr && pr->kind == TY_PTR && pr->base->kind == TY_STRUCT && pr->base->record == want)
          out->message = (JsMessage){i, pf};
      }
    }
  return true;
}

bool js_plan_function(Ctx *ctx, const Func *f, JsFunc *out) {
  memset(out, 0, sizeof *out);
  out->func = f;
  out->ret_len_index = -1;
  const Type *fn = f->type;
  if (fn->variadic) {
    diag_warning(ctx, f->tok, "'%s' is not bound: variadic functions cannot be called from JS",
                 f->name);
    return false;
  }
  if (fn->no_prototype) {
    diag_warning(ctx, f->tok, "'%s' is not bound: it has no prototype; declare it as '%s(void)'",
                 f->name, f->name);
    return false;
  }
  out->nparams = fn->nparams;
  out->params = arena_alloc(ctx, sizeof(JsParam) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++)
    if (!plan_param(ctx, f, out, i))
      return false;

  const Type *rt = fn->base;
  out->ret = js_kind(ctx, rt, true);
  if (out->ret == JK_UNSUPPORTED) {
    diag_warning(ctx, f->tok, "'%s' is not bound: it returns %s", f->name, unsupported_reason(rt));
    return false;
  }
  if (f->ret_annot.flags & (A_OUT | A_INOUT)) {
    diag_error(ctx, f->ret_annot.tok, "WB_OUT and WB_INOUT apply to parameters");
    return false;
  }
  if ((f->ret_annot.flags & A_OWNED) && rt->kind != TY_PTR) {
    diag_error(ctx, f->ret_annot.tok, "WB_OWNED and WB_FREE need a pointer return");
    return false;
  }
  if (f->ret_annot.len) {
    if (rt->kind != TY_PTR) {
      diag_error(ctx, f->ret_annot.tok, "WB_LEN on a return needs a pointer return");
      return false;
    }
    out->ret_elem = rt->base;
    if (rt->base->kind != TY_VOID && js_kind(ctx, rt->base, true) == JK_UNSUPPORTED) {
      diag_warning(ctx, f->tok, "'%s' is not bound: it returns an array of %s", f->name,
                   unsupported_reason(rt->base));
      return false;
    }
  }
  if (!link_lengths(ctx, f, out) || !link_kept_callbacks(ctx, f, out) || !plan_error(ctx, f, out))
    return false;
  if (!abi_lower(ctx, fn, &out->abi)) {
    diag_warning(ctx, f->tok, "'%s' is not bound: %s", f->name,
                 out->abi.reason ? out->abi.reason : "its wasm signature is unknown");
    return false;
  }
  return true;
}

static void flatten(Ctx *ctx, const Record *rec, int64_t base, Vec *out) {
  for (int i = 0; i < rec->nmembers; i++) {
    const Member *m = &rec->members[i];
    if (!m->name[0] && m->type->kind == TY_STRUCT) {
      flatten(ctx, m->type->record, base + m->offset, out);
      continue;
    }
    FlatMember *fm = arena_alloc(ctx, sizeof *fm);
    fm->m = m;
    fm->owner = rec;
    fm->offset = base + m->offset;
    vec_push(ctx, out, fm);
  }
}

void js_flat_members(Ctx *ctx, const Record *rec, Vec *out) {
  flatten(ctx, rec, 0, out);
}

static bool vec_has(const Vec *v, const void *item) {
  for (int i = 0; i < v->len; i++)
    if (v->items[i] == item)
      return true;
  return false;
}

static void note_value_record(Ctx *ctx, JsPlan *plan, Record *rec);

/* Records reached from a field type, by value, by view or as handles. */
static void note_type(Ctx *ctx, JsPlan *plan, const Type *ty, bool by_value) {
  while (ty->kind == TY_ARRAY)
    ty = ty->base;
  if (ty->kind == TY_STRUCT) {
    if (ty->record->complete)
      note_value_record(ctx, plan, ty->record);
    if (!by_value && ty->record->complete && !vec_has(&plan->view_records, ty->record))
      vec_push(ctx, &plan->view_records, ty->record);
  } else if (ty->kind == TY_PTR && ty->base->kind == TY_STRUCT) {
    Record *rec = ty->base->record;
    if (!rec->complete) {
      if (!vec_has(&plan->handles, rec))
        vec_push(ctx, &plan->handles, rec);
    } else {
      note_type(ctx, plan, ty->base, false);
    }
  } else if (ty->kind == TY_PTR && type_is_char_like(ty->base)) {
    plan->uses_strings = true;
  } else if (is_64bit(ty) || (ty->kind == TY_ENUM && is_64bit(enum_int_type(ctx, ty)))) {
    plan->uses_i64 = true;
  }
}

static void note_value_record(Ctx *ctx, JsPlan *plan, Record *rec) {
  if (vec_has(&plan->value_records, rec))
    return;
  vec_push(ctx, &plan->value_records, rec);
  for (int i = 0; i < rec->nmembers; i++) {
    const Member *m = &rec->members[i];
    if (m->bit_width >= 0)
      plan->uses_bits = true;
    if (m->type->kind == TY_ARRAY)
      plan->uses_arrays = true;
    note_type(ctx, plan, m->type, true);
    if (m->type->kind == TY_STRUCT && !vec_has(&plan->view_records, m->type->record) &&
        m->type->record->complete)
      vec_push(ctx, &plan->view_records, m->type->record); /* nested views */
  }
}

/* Adds name to the set; false when it was already there. */
static bool name_add(Ctx *ctx, Map *names, const char *name) {
  int len = (int)strlen(name);
  if (map_get(names, name, len))
    return false;
  map_put(ctx, names, name, len, (void *)name);
  return true;
}

/* The integer properties of the library object: enumerators, then #define
 * constants, each name once. A macro that names an enumerator of the same
 * value (`#define XML_STATUS_OK XML_STATUS_OK`) is that enumerator; any
 * other clash with a name already on the object is reported. */
static void plan_props(Ctx *ctx, JsPlan *plan) {
  Map names = {0};
  for (int i = 0; i < plan->funcs.len; i++)
    name_add(ctx, &names, ((const JsFunc *)plan->funcs.items[i])->func->name);
  for (int i = 0; i < plan->view_records.len; i++)
    name_add(ctx, &names, js_record_name(ctx, plan->view_records.items[i]));
  for (int i = 0; i < plan->handles.len; i++)
    name_add(ctx, &names, js_record_name(ctx, plan->handles.items[i]));
  if (plan->error_class)
    name_add(ctx, &names, plan->error_class);
  for (int i = 0; i < plan->enums.len; i++)
    name_add(ctx, &names, js_enum_name(ctx, plan->enums.items[i]));
  name_add(ctx, &names, "memory");
  name_add(ctx, &names, "exports");
  Vec *enums = &ctx->program.enums;
  for (int i = 0; i < enums->len; i++) {
    const Enum *e = enums->items[i];
    for (int k = 0; k < e->nconsts; k++) {
      JsProp *p = arena_alloc(ctx, sizeof *p);
      *p = (JsProp){e->consts[k].name, e->consts[k].value,
                    e->int_type && type_is_unsigned(e->int_type)};
      if (name_add(ctx, &names, p->name))
        vec_push(ctx, &plan->props, p);
      else
        diag_warning(ctx, e->tok, "enumerator '%s' is not bound: the name is taken", p->name);
    }
  }
  Vec *consts = &ctx->program.constants;
  for (int i = 0; i < consts->len; i++) {
    const Constant *c = consts->items[i];
    if (name_add(ctx, &names, c->name)) {
      JsProp *p = arena_alloc(ctx, sizeof *p);
      *p = (JsProp){c->name, c->value, type_is_unsigned(c->type)};
      vec_push(ctx, &plan->props, p);
      continue;
    }
    bool same = false;
    for (int k = 0; k < plan->props.len; k++) {
      const JsProp *p = plan->props.items[k];
      same |= strcmp(p->name, c->name) == 0 && p->value == c->value;
    }
    if (!same)
      diag_warning(ctx, c->tok, "constant '%s' is not bound: the name is taken", c->name);
  }
}

/* A function JS implements: C's arguments become JS values as a callback's
 * do, and the JS result goes back to C. */
static bool plan_import(Ctx *ctx, const Func *f, JsFunc *out) {
  memset(out, 0, sizeof *out);
  out->func = f;
  out->ret_len_index = -1;
  out->message.param = -1;
  const Type *fn = f->type;
  const char *why = NULL;
  if (fn->variadic || fn->no_prototype)
    why = "it has no fixed prototype";
  else if (!abi_lower(ctx, fn, &out->abi) || out->abi.sret)
    why = "its wasm signature is not one JS can implement";
  JsKind rk = js_kind(ctx, fn->base, true);
  if (!why && (rk == JK_STRUCT || rk == JK_VIEW || rk == JK_FUNC || rk == JK_UNSUPPORTED))
    why = "it returns a type JS cannot hand to C";
  for (int i = 0; !why && i < fn->nparams; i++) {
    JsKind k = js_kind(ctx, fn->params[i].type, true);
    if (k == JK_UNSUPPORTED || (k == JK_STRUCT && out->abi.args[i].cls != ABI_INDIRECT))
      why = "a parameter's type cannot reach JS";
  }
  if (why) {
    diag_warning(ctx, f->tok, "'%s' is not imported from JS: %s", f->name, why);
    return false;
  }
  out->ret = rk;
  out->nparams = fn->nparams;
  out->params = arena_alloc(ctx, sizeof(JsParam) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++) {
    JsParam *jp = &out->params[i];
    jp->param = &fn->params[i];
    jp->js_name =
        js_param_ident(ctx, jp->param->name[0] ? jp->param->name : arena_printf(ctx, "arg%d", i));
    jp->value = fn->params[i].type;
    jp->kind = js_kind(ctx, jp->value, true);
    jp->len_index = jp->array_index = jp->keep_until = -1;
  }
  if (ctx->have_wasm && !wasm_find_import(&ctx->wasm, f->name))
    diag_warning(ctx, f->tok, "'%s' is declared as an import, but %s does not import it", f->name,
                 ctx->opts->wasm_file ? ctx->opts->wasm_file : "the .wasm");
  return true;
}

/* The first parameter JS passes, if it is a handle: a method's `this`. */
static const Record *first_handle(const JsFunc *jf) {
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    if (jp->role == PR_IN || jp->role == PR_INOUT || jp->role == PR_ARRAY)
      return jp->role == PR_IN && jp->kind == JK_HANDLE ? jp->value->base->record : NULL;
  }
  return NULL;
}

/* A function taking a handle whose type has `methods PREFIX` first, and
 * named PREFIX..., is also a method; the destructor is marked. */
static void plan_method(JsFunc *jf) {
  const Record *rec = first_handle(jf);
  const HandleRule *h = rec ? rec->handle : NULL;
  if (!h)
    return;
  const char *name = jf->func->name;
  if (h->destroy && !strcmp(h->destroy, name))
    jf->destroys = rec;
  size_t n = h->methods ? strlen(h->methods) : 0;
  if (n && !strncmp(name, h->methods, n) && name[n] && !(name[n] >= '0' && name[n] <= '9')) {
    jf->method_of = rec;
    jf->method = name + n;
  }
}

static void note_lent(Ctx *ctx, JsPlan *plan, const Type *ty) {
  if (ty->kind == TY_PTR && ty->base->kind == TY_STRUCT && !ty->base->record->complete &&
      !vec_has(&plan->lent_handles, ty->base->record))
    vec_push(ctx, &plan->lent_handles, ty->base->record);
}

/* The handle types C lends as well as gives: a result or out-value that is
 * not owned, or a callback's argument. Only those need one object per
 * pointer (runtime.js, handleClass). */
static void plan_lent_handles(Ctx *ctx, JsPlan *plan) {
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    const Func *f = jf->func;
    if (!(f->ret_annot.flags & A_OWNED))
      note_lent(ctx, plan, f->type->base);
    for (int k = 0; k < jf->nparams; k++) {
      const JsParam *jp = &jf->params[k];
      if (jp->role == PR_OUT && !(jp->param->annot.flags & A_OWNED))
        note_lent(ctx, plan, jp->value);
      if (jp->kind == JK_FUNC && jp->role == PR_IN) {
        const Type *cb = jp->value->base;
        for (int j = 0; j < cb->nparams; j++) {
          const Type *t = cb->params[j].type;
          note_lent(ctx, plan, t);
          if (t->kind == TY_PTR) /* arrays of handles (len) */
            note_lent(ctx, plan, t->base);
        }
      }
    }
  }
  for (int i = 0; i < plan->imports.len; i++) {
    const JsFunc *jf = plan->imports.items[i];
    for (int k = 0; k < jf->nparams; k++)
      note_lent(ctx, plan, jf->params[k].value);
  }
}

/* "sqlite3" -> "Sqlite3Error": the error class of the library. */
static const char *error_class_name(Ctx *ctx) {
  const char *m = ctx->opts->module_name;
  if (!m || !*m)
    return "LibraryError";
  char *name = arena_printf(ctx, "%sError", ident_from_ir_name(ctx, m));
  if (name[0] >= 'a' && name[0] <= 'z')
    name[0] = (char)(name[0] - 'a' + 'A');
  return name;
}

const JsPlan *js_library_plan(Ctx *ctx) {
  if (ctx->js_plan)
    return ctx->js_plan;
  JsPlan *plan = ctx->js_plan = arena_alloc(ctx, sizeof *plan);
  Vec *fns = &ctx->program.functions;
  for (int i = 0; i < fns->len; i++) {
    const Func *f = fns->items[i];
    if (f->has_body || f->is_static)
      continue; /* static inline functions are not in the binary */
    if (f->ret_annot.flags & A_IMPORT) {
      JsFunc *imp = arena_alloc(ctx, sizeof *imp);
      if (plan_import(ctx, f, imp)) {
        vec_push(ctx, &plan->imports, imp);
        plan->uses_callbacks = plan->uses_strings = plan->uses_temps = true;
        for (int k = 0; k < imp->nparams; k++)
          note_type(ctx, plan, imp->params[k].value, false);
        note_type(ctx, plan, f->type->base, false);
      }
      continue;
    }
    /* Given the binary, the bindings are for what it has. */
    if (ctx->have_wasm && !wasm_find_export(&ctx->wasm, f->name)) {
      diag_warning(ctx, f->tok, "'%s' is not bound: %s does not export it", f->name,
                   ctx->opts->wasm_file ? ctx->opts->wasm_file : "the .wasm");
      continue;
    }
    JsFunc *jf = arena_alloc(ctx, sizeof *jf);
    if (!js_plan_function(ctx, f, jf))
      continue;
    vec_push(ctx, &plan->funcs, jf);
    plan_method(jf);
    plan->uses_errors |= jf->error != NULL;
    plan->uses_kept |= jf->keeps;
    if (jf->ret == JK_STRING || jf->ret == JK_STRUCT || jf->nouts || jf->ret_elem)
      plan->uses_temps = true;
    note_type(ctx, plan, f->type->base, jf->ret == JK_STRUCT);
    if (jf->ret_elem)
      plan->uses_arrays = true;
    for (int k = 0; k < jf->nparams; k++) {
      const JsParam *p = &jf->params[k];
      if (p->role != PR_IN || p->kind == JK_STRING || p->kind == JK_STRUCT || p->kind == JK_VIEW)
        plan->uses_temps = true;
      if (p->role == PR_ARRAY || p->elem)
        plan->uses_arrays = true;
      if (p->kind == JK_FUNC)
        plan->uses_callbacks = true;
      note_type(ctx, plan, p->value, p->kind == JK_STRUCT);
      if (p->elem)
        note_type(ctx, plan, p->elem, true);
      if (p->kind == JK_FUNC) {
        const Type *cb = p->value->base;
        note_type(ctx, plan, cb->base, true);
        for (int j = 0; j < cb->nparams; j++)
          note_type(ctx, plan, cb->params[j].type, false);
      }
    }
  }
  Vec *enums = &ctx->program.enums;
  for (int i = 0; i < enums->len; i++) {
    Enum *e = enums->items[i];
    if (js_enum_name(ctx, e))
      vec_push(ctx, &plan->enums, e);
  }
  if (plan->uses_errors)
    plan->error_class = error_class_name(ctx);
  plan_lent_handles(ctx, plan);
  plan_props(ctx, plan);
  return plan;
}
