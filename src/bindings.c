/* bindings.c: the plan of one function (plan.h): each parameter's role and
 * conversion, the result's shape, the wrapper's temporaries. It implements
 * docs/DESIGN.md, "Default mapping" and "Annotations"; plan.c puts the
 * functions together into the library's plan ("Binding plan"). */
#include "plan.h"
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
    if (type_is_text(base) && (as_result || (base->quals & Q_CONST)))
      return JK_STRING;
    if (base->kind == TY_STRUCT)
      return js_is_handle(base->record) ? JK_HANDLE : JK_VIEW;
    return JK_ADDR;
  }
  default: return JK_UNSUPPORTED;
  }
}

const char *js_typed_array(Ctx *ctx, const Type *ty) {
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

static const char *const reserved_words[] = {
    "arguments", "await",      "break",   "case",    "catch",      "class",     "const",
    "continue",  "debugger",   "default", "delete",  "do",         "else",      "enum",
    "eval",      "export",     "extends", "false",   "finally",    "for",       "function",
    "if",        "implements", "import",  "in",      "instanceof", "interface", "let",
    "new",       "null",       "package", "private", "protected",  "public",    "return",
    "static",    "super",      "switch",  "this",    "throw",      "true",      "try",
    "typeof",    "var",        "void",    "while",   "with",       "yield",     NULL};

/* The globals the generated code uses, which a declaration of the library
 * must not shadow (a function named `undefined` or `Object`). */
static const char *const glue_globals[] = {"undefined",
                                           "NaN",
                                           "Infinity",
                                           "Object",
                                           "Array",
                                           "BigInt",
                                           "Number",
                                           "String",
                                           "Symbol",
                                           "Error",
                                           "TypeError",
                                           "RangeError",
                                           "Map",
                                           "Set",
                                           "WeakRef",
                                           "Promise",
                                           "Math",
                                           "URL",
                                           "WebAssembly",
                                           "ArrayBuffer",
                                           "DataView",
                                           "Uint8Array",
                                           "Int8Array",
                                           "Uint16Array",
                                           "Int16Array",
                                           "Uint32Array",
                                           "Int32Array",
                                           "Float32Array",
                                           "Float64Array",
                                           "BigInt64Array",
                                           "BigUint64Array",
                                           "TextEncoder",
                                           "TextDecoder",
                                           "FinalizationRegistry",
                                           "Buffer",
                                           "globalThis",
                                           "queueMicrotask",
                                           "reportError",
                                           "console",
                                           "process",
                                           NULL};

static bool in_list(const char *const *list, const char *name) {
  for (const char *const *w = list; *w; w++)
    if (strcmp(name, *w) == 0)
      return true;
  return false;
}

const char *js_safe_ident(Ctx *ctx, const char *name) {
  if (in_list(reserved_words, name) || in_list(glue_globals, name))
    return arena_printf(ctx, "%s_", name);
  return name;
}

const char *js_scope_ident(Ctx *ctx, const char *name) {
  name = js_safe_ident(ctx, name);
  const Map *scope = ctx->js_plan ? &ctx->js_plan->scope : NULL;
  while (scope && map_get(scope, name, (int)strlen(name)))
    name = arena_printf(ctx, "%s_", name);
  return name;
}

/* The locals a wrapper declares beside its parameters. */
static const char *const wrapper_locals[] = {"t0", "h0", "e0", "n0", "key", "kept", "mh",    "rp",
                                             "r",  "rv", "q",  "m",  "mp",  "en",   "value", NULL};

static bool is_wrapper_local(const char *name) {
  for (const char *const *w = wrapper_locals; *w; w++)
    if (strcmp(name, *w) == 0)
      return true;
  return false;
}

/* A parameter's identifier: apart from the wrapper's locals and from the
 * library's names it would shadow (the runtime's `u8`, `exports`, a class,
 * `_f`, ...: plan.c, plan_reserved_names). */
static const char *js_param_ident(Ctx *ctx, const char *name) {
  const Map *reserved = &ctx->js_plan->reserved;
  name = js_safe_ident(ctx, name);
  while (is_wrapper_local(name) || map_get(reserved, name, (int)strlen(name)))
    name = arena_printf(ctx, "%s_", name);
  return name;
}

/* The locals a wrapper derives from a parameter's name (p_x for x). */
static const char *const derived_prefixes[] = {"p_", "n_", "o_", "b_", "h_",    "s_",
                                               "a_", "c_", "q_", "r_", "prev_", NULL};

/* Is name taken by another parameter, or by a local derived from one? */
static bool param_name_taken(const JsFunc *out, int i, const char *name) {
  for (int k = 0; k < out->nparams; k++) {
    const char *other = out->params[k].js_name;
    if (k == i || !other)
      continue;
    if (k < i && !strcmp(other, name))
      return true;
    for (const char *const *pre = derived_prefixes; *pre; pre++)
      if (!strncmp(name, *pre, strlen(*pre)) && !strcmp(name + strlen(*pre), other))
        return true;
  }
  return false;
}

/* Parameters whose names meet another's derived locals get a `_` more. */
static void separate_param_names(Ctx *ctx, JsFunc *out) {
  for (int i = 0; i < out->nparams; i++)
    while (param_name_taken(out, i, out->params[i].js_name))
      out->params[i].js_name = arena_printf(ctx, "%s_", out->params[i].js_name);
}

/* The members every view object has, which a field's accessor must not
 * replace (a field named `ptr` made its getter recurse forever). */
static const char *const view_members[] = {"ptr",         "toObject",  "toJSON",
                                           "constructor", "__proto__", NULL};

const char *js_view_accessor(Ctx *ctx, const Member *m) {
  return in_list(view_members, m->name) ? arena_printf(ctx, "%s_", m->name) : m->name;
}

const char *js_field_key(Ctx *ctx, const Member *m) {
  /* `{ __proto__: v }` sets an object's prototype, `o.__proto__` reads it */
  return strcmp(m->name, "__proto__") == 0 ? arena_printf(ctx, "%s_", m->name) : m->name;
}

const char *js_property_name(Ctx *ctx, const char *name) {
  /* a library object with `then` is a thenable: `await load()` would call it */
  return strcmp(name, "then") == 0 ? arena_printf(ctx, "%s_", name) : name;
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
  const TypedefDecl *td =
      program_typedef_of(&ctx->program, rec ? (const void *)rec : (const void *)en);
  return td ? td->name : NULL;
}

const char *js_record_name(Ctx *ctx, const Record *rec) {
  const char *td = rec->tagless_typedef ? NULL : typedef_name_of(ctx, rec, NULL);
  if (td)
    return js_scope_ident(ctx, td);
  if (rec->name)
    return js_scope_ident(ctx, ident_from_ir_name(ctx, rec->name));
  return js_scope_ident(ctx, ident_from_ir_name(ctx, rec->tag ? rec->tag : "anonymous"));
}

const char *js_enum_name(Ctx *ctx, const Enum *e) {
  const char *td = typedef_name_of(ctx, NULL, e);
  if (td)
    return js_safe_ident(ctx, td);
  return e->name ? ident_from_ir_name(ctx, e->name) : NULL;
}

/* The file name of path without its directory and extension ("sqlite3"). */
static const char *path_stem(Ctx *ctx, const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  return arena_strndup(ctx, base, dot ? (size_t)(dot - base) : strlen(base));
}

/* "sqlite3" -> "Sqlite3Error": the error class of the library, named by
 * --name, else by the header's file name. */
const char *js_error_class_name(Ctx *ctx) {
  const char *lib = ctx->opts->library_name;
  if ((!lib || !*lib) && ctx->program.header)
    lib = path_stem(ctx, ctx->program.header);
  const char *id = lib ? ident_from_ir_name(ctx, lib) : "";
  if (!*id || (id[0] >= '0' && id[0] <= '9'))
    return "LibraryError";
  char *name = arena_printf(ctx, "%sError", id);
  if (name[0] >= 'a' && name[0] <= 'z')
    name[0] = (char)(name[0] - 'a' + 'A');
  return name;
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

/* Why a value of this kind cannot cross, for the warning. */
static const char *unsupported_reason(const Type *ty) {
  switch (ty->kind) {
  case TY_LDOUBLE: return "long double";
  case TY_COMPLEX: return "a complex number";
  case TY_INT128:
  case TY_UINT128: return "__int128";
  case TY_STRUCT: return "an incomplete struct by value";
  case TY_ARRAY: return "an array";
  default: return "this type";
  }
}

/* Where a parameter's mistakes are reported: its annotation, else itself. */
static const Token *param_site(const Func *f, const Param *p) {
  return p->annot.tok ? p->annot.tok : (p->tok ? p->tok : f->tok);
}

/* Rules `omit`, `pass N`, `userdata`: C gets a value JS does not pass. */
static bool plan_fixed_value(Ctx *ctx, const Func *f, JsParam *jp) {
  const Param *p = jp->param;
  unsigned flags = p->annot.flags;
  jp->role = flags & A_USERDATA ? PR_USERDATA : flags & A_PASS ? PR_PASS : PR_OMIT;
  jp->conv = CV_CONSTANT;
  jp->kind = js_kind(ctx, p->type, false);
  if (jp->role == PR_USERDATA && p->type->kind != TY_PTR) {
    diag_error(ctx, param_site(f, p), "'userdata' needs a pointer parameter; '%s' is '%s'", p->name,
               type_spelling(ctx, p->type, NULL));
    return false;
  }
  if (jp->kind == JK_STRUCT || jp->kind == JK_UNSUPPORTED) {
    diag_error(ctx, param_site(f, p), "'%s' cannot be left out: C needs a '%s'", p->name,
               type_spelling(ctx, p->type, NULL));
    return false;
  }
  return true;
}

/* rules `output CAP`: a buffer of CAP elements the binding allocates, C
 * fills, and the call returns (a copy of what C produced). */
static bool plan_output(Ctx *ctx, const Func *f, JsParam *jp) {
  const Param *p = jp->param;
  const Type *t = p->type;
  if (t->kind != TY_PTR || (t->base->quals & Q_CONST) ||
      !(t->base->kind == TY_VOID || (t->base->kind != TY_PTR && js_typed_array(ctx, t->base)))) {
    diag_error(ctx, param_site(f, p),
               "'output' applies to a non-const pointer to bytes, chars or numbers; '%s' is '%s'",
               p->name, type_spelling(ctx, t, NULL));
    return false;
  }
  jp->role = PR_OUT;
  jp->conv = CV_OUTPUT;
  jp->elem = t->base;
  jp->kind = JK_ADDR;
  jp->out_cap_param = jp->out_len_param = jp->out_into = -1;
  return true;
}

/* Resolves an output's capacity and length to parameters (or the result). */
/* `output F(P...) into Q`: F, a function of the header taking as many
 * integers as P lists, each an integer parameter (or a filled-in length)
 * or an integer constant of the header (`Argon2_id`); Q, an integer
 * parameter, gets F's result: JS does not pass it. */
static bool link_output_fn(Ctx *ctx, const Func *f, JsFunc *out, JsParam *jp) {
  const Annot *a = &jp->param->annot;
  const Func *g = program_function(&ctx->program, a->output);
  if (!g || g->type->nparams != a->n_output_args || !type_is_integer(g->type->base)) {
    diag_error(ctx, a->tok,
               "output %s(...): no function '%s' of %d parameters returning an integer", a->output,
               a->output, a->n_output_args);
    return false;
  }
  jp->out_cap_fn = g;
  jp->out_cap_nargs = a->n_output_args;
  jp->out_cap_args = arena_alloc(ctx, sizeof(int) * (size_t)(a->n_output_args + 1));
  jp->out_cap_consts = arena_alloc(ctx, sizeof(int64_t) * (size_t)(a->n_output_args + 1));
  for (int i = 0; i < a->n_output_args; i++) {
    int k = find_param(f->type, a->output_args[i]);
    const JsParam *ap = k >= 0 ? &out->params[k] : NULL;
    if (!ap && program_constant(&ctx->program, a->output_args[i], &jp->out_cap_consts[i])) {
      jp->out_cap_args[i] = -1;
      continue;
    }
    if (!ap || !((ap->role == PR_IN && ap->kind == JK_INT) || ap->role == PR_LENGTH)) {
      diag_error(ctx, a->tok,
                 "output %s(%s): '%s' has no integer parameter '%s', and the header no such "
                 "constant",
                 a->output, a->output_args[i], f->name, a->output_args[i]);
      return false;
    }
    jp->out_cap_args[i] = k;
  }
  int q = a->output_into ? find_param(f->type, a->output_into) : -1;
  JsParam *qp = q >= 0 ? &out->params[q] : NULL;
  if (!qp || qp->role != PR_IN || qp->kind != JK_INT) {
    diag_error(ctx, a->tok,
               "output %s(...): 'into P' names the integer parameter C gets the "
               "capacity in",
               a->output);
    return false;
  }
  jp->out_into = q;
  qp->role = PR_LENGTH; /* filled in by the binding */
  qp->conv = CV_LENGTH;
  qp->array_index = (int)(jp - out->params);
  return true;
}

/* `output P`: C gets the capacity in the integer parameter P, which JS
 * passes, or in an in-out count (zlib's destLen). */
static bool link_output_param(Ctx *ctx, const Func *f, JsFunc *out, JsParam *jp) {
  const Annot *a = &jp->param->annot;
  /* C must get the capacity the buffer has: a parameter (by name or
   * position), never a constant beside a size JS could give larger */
  const char *cap = a->output;
  int k = find_param(f->type, cap);
  const JsParam *cp = k >= 0 ? &out->params[k] : NULL;
  /* an in-out count (zlib's destLen) gives the capacity in and the length out */
  if (!cp || !(cp->role == PR_IN || (cp->role == PR_INOUT && cp->conv == CV_OUT)) ||
      cp->kind != JK_INT) {
    diag_error(ctx, a->tok,
               "output %s: '%s' has no integer parameter '%s' (the one C gets the capacity in)",
               cap, f->name, cap);
    return false;
  }
  jp->out_cap_param = k;
  return true;
}

/* `length L`: the C result, or an integer out (or in-out) parameter. */
static bool link_output_length(Ctx *ctx, const Func *f, JsFunc *out, JsParam *jp) {
  const Annot *a = &jp->param->annot;
  if (!a->output_len)
    return true;
  if (!strcmp(a->output_len, "result")) {
    if (!type_is_integer(f->type->base)) {
      diag_error(ctx, a->tok, "output ... length result: '%s' does not return an integer", f->name);
      return false;
    }
    jp->out_len_result = true;
    return true;
  }
  int li = find_param(f->type, a->output_len);
  JsParam *lp = li >= 0 ? &out->params[li] : NULL;
  if (!lp || (lp->role != PR_OUT && lp->role != PR_INOUT) || lp->conv != CV_OUT ||
      !type_is_integer(lp->value)) {
    diag_error(ctx, a->tok, "output ... length %s: '%s' has no integer out parameter '%s'",
               a->output_len, f->name, a->output_len);
    return false;
  }
  jp->out_len_param = li;
  lp->array_index = (int)(jp - out->params); /* read for the length; not returned */
  return true;
}

static bool link_output(Ctx *ctx, const Func *f, JsFunc *out, JsParam *jp) {
  const Annot *a = &jp->param->annot;
  if (a->output_call) {
    if (!link_output_fn(ctx, f, out, jp))
      return false;
  } else if (!link_output_param(ctx, f, out, jp)) {
    return false;
  }
  return link_output_length(ctx, f, out, jp);
}

static bool link_outputs(Ctx *ctx, const Func *f, JsFunc *out) {
  for (int i = 0; i < out->nparams; i++)
    if (out->params[i].conv == CV_OUTPUT && !link_output(ctx, f, out, &out->params[i]))
      return false;
  return true;
}

/* WB_OUT, WB_INOUT: the pointee is returned (and passed in). */
static bool plan_out(Ctx *ctx, const Func *f, JsParam *jp) {
  const Param *p = jp->param;
  unsigned flags = p->annot.flags;
  if (p->type->kind != TY_PTR || p->type->base->kind == TY_VOID) {
    diag_error(ctx, param_site(f, p), "%s needs a pointer parameter; '%s' is '%s'",
               flags & A_OUT ? "WB_OUT" : "WB_INOUT", p->name, type_spelling(ctx, p->type, NULL));
    return false;
  }
  jp->role = flags & A_OUT ? PR_OUT : PR_INOUT;
  jp->conv = CV_OUT;
  jp->value = p->type->base;
  jp->kind = js_kind(ctx, jp->value, true);
  if (p->annot.len) {
    if (jp->role != PR_OUT || jp->value->kind != TY_PTR) {
      diag_error(ctx, param_site(f, p), "WB_LEN on an out parameter needs 'T **'");
      return false;
    }
    jp->elem = jp->value->base;
  }
  return true;
}

/* The conversion of an input value of kind k (plan.h, Conversion). */
static Conversion input_conversion(JsKind k, bool consumed) {
  switch (k) {
  case JK_BOOL: return CV_BOOL;
  case JK_I64: return CV_I64;
  case JK_STRING: return CV_STRING;
  case JK_STRUCT: return CV_STRUCT;
  case JK_VIEW: return consumed ? CV_VIEW_ONLY : CV_VIEW;
  case JK_HANDLE: return CV_HANDLE;
  case JK_FUNC: return CV_CALLBACK;
  case JK_ADDR: return CV_ADDR;
  default: return CV_NUMBER;
  }
}

/* The conversion of an array (WB_LEN on an input pointer) of elem. */
static Conversion array_conversion(Ctx *ctx, const Type *elem) {
  if (elem->kind == TY_VOID)
    return CV_BYTES;
  if (type_is_text(elem))
    return CV_CHARS;
  if (elem->kind != TY_PTR && js_typed_array(ctx, elem))
    return CV_TYPED;
  return CV_ELEMENTS;
}

/* Is f a function that frees or takes over what its first parameter points
 * to: a WB_FREE function, a handle type's destructor? */
static bool frees_first_param(Ctx *ctx, const Func *f) {
  return map_get(&ctx->js_plan->freeing, f->name, (int)strlen(f->name)) != NULL;
}

/* Is f named like a function that frees what it is given (XML_FreeContentModel,
 * g_free, *_destroy, *_release, *_dispose, *_delete)? Its non-const struct
 * pointers then take only memory the library gave out: a copy the binding
 * made would be freed by C, corrupting the heap. */
static bool named_like_a_freer(const char *name) {
  static const char *const words[] = {"free", "destroy", "dispose", "release", "delete"};
  for (const char *s = name; *s; s++)
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
      size_t n = strlen(words[w]), k = 0;
      while (k < n && s[k] && (s[k] | 0x20) == words[w][k])
        k++;
      if (k == n)
        return true;
    }
  return false;
}

/* Does C free or take over what parameter i points to (CV_VIEW_ONLY)? */
static bool consumes(Ctx *ctx, const Func *f, int i) {
  const Param *p = &f->type->params[i];
  if (p->annot.flags & A_CONSUMED)
    return true;
  if (i == 0 && frees_first_param(ctx, f))
    return true;
  if (p->type->kind != TY_PTR || !named_like_a_freer(f->name))
    return false;
  const Type *t = p->type->base;
  return (t->kind == TY_STRUCT && !(t->quals & Q_CONST)) || type_is_text(t);
}

const char *js_wide_fn(Ctx *ctx, unsigned units, const char *fn, bool counted) {
  if (!units) /* UTF-8 */
    return counted ? arena_printf(ctx, "%sN", fn) : fn;
  return arena_printf(ctx, "%s%u%s", fn, units * 8, counted ? "N" : "");
}

/* The units of the wide characters ty points to (char16_t: 2, char32_t and
 * wchar_t: 4), or 0: a string, not numbers. */
static unsigned text_units_of(const Type *ty) {
  return ty->kind == TY_PTR ? ty->base->text_units : 0;
}

/* Can a pointer of type ty hold UTF-16 (rules `utf16`): to void or to a
 * 16-bit integer (char16_t, unsigned short)? */
static bool utf16_pointer(Ctx *ctx, const Type *ty) {
  return ty->kind == TY_PTR && (ty->base->kind == TY_VOID ||
                                (type_is_integer(ty->base) && layout_sizeof(ctx, ty->base) == 2));
}

/* An input: an argument, or an array with its length (WB_LEN). */
static bool plan_input(Ctx *ctx, const Func *f, JsParam *jp, int i) {
  const Param *p = jp->param;
  jp->value = p->type;
  if (p->annot.flags & A_UTF16) { /* a string, with its length in bytes or NUL-terminated */
    if (!utf16_pointer(ctx, p->type)) {
      diag_error(ctx, param_site(f, p),
                 "'utf16' applies to a 'const void *' or a pointer to a "
                 "16-bit integer (char16_t); '%s' is '%s'",
                 p->name, type_spelling(ctx, p->type, NULL));
      return false;
    }
    jp->wide = 2;
    jp->role = p->annot.len ? PR_ARRAY : PR_IN;
    jp->kind = p->annot.len ? JK_ADDR : JK_STRING;
    jp->elem = p->annot.len ? p->type->base : NULL;
    jp->conv = p->annot.len ? CV_CHARS : CV_STRING;
    return true;
  }
  if (text_units_of(p->type) && !p->annot.len && (p->type->base->quals & Q_CONST)) {
    jp->wide = text_units_of(p->type); /* char16_t, char32_t, wchar_t: a string */
    jp->role = PR_IN;
    jp->kind = JK_STRING;
    jp->conv = CV_STRING;
    return true;
  }
  if (!p->annot.len) {
    jp->role = PR_IN;
    jp->kind = js_kind(ctx, p->type, false);
    jp->consumed = consumes(ctx, f, i);
    if (jp->consumed && jp->kind == JK_STRING)
      jp->kind = JK_ADDR; /* a string C frees is one C made: its address, not a copy */
    if ((p->annot.flags & A_CONSUMED) && jp->kind != JK_VIEW) {
      diag_error(ctx, param_site(f, p),
                 "'consumed' applies to a pointer to a struct (a handle's destroying "
                 "function is a 'destroy' item); '%s' is '%s'",
                 p->name, type_spelling(ctx, p->type, NULL));
      return false;
    }
    jp->conv = input_conversion(jp->kind, jp->consumed);
    return true;
  }
  if (p->type->kind != TY_PTR) {
    diag_error(ctx, param_site(f, p), "WB_LEN needs a pointer parameter; '%s' is '%s'", p->name,
               type_spelling(ctx, p->type, NULL));
    return false;
  }
  jp->role = PR_ARRAY;
  jp->elem = p->type->base;
  jp->kind = JK_ADDR;
  jp->conv = array_conversion(ctx, jp->elem);
  return true;
}

static bool plan_param(Ctx *ctx, const Func *f, JsFunc *out, int i) {
  const Param *p = &f->type->params[i];
  JsParam *jp = &out->params[i];
  jp->param = p;
  jp->c_name = p->name[0] ? p->name : arena_printf(ctx, "arg%d", i);
  jp->js_name = js_param_ident(ctx, jp->c_name);
  jp->len_index = jp->array_index = jp->keep_until = -1;
  jp->temp = -1;
  jp->value = p->type;
  jp->nullable =
      (p->annot.flags & A_NULLABLE) || (!ctx->opts->strict && !(p->annot.flags & A_NONNULL));
  jp->typed_nullable = (p->annot.flags & A_NULLABLE) != 0;
  unsigned flags = p->annot.flags;
  if ((flags & A_UTF16) && (flags & (A_OUT | A_INOUT | A_OMIT | A_PASS | A_USERDATA))) {
    diag_error(ctx, param_site(f, p), "'utf16' applies to input parameters and results");
    return false;
  }
  if (flags & A_TERMINATED) {
    diag_error(ctx, param_site(f, p),
               "'terminated' applies to a callback's parameter ('f(cb.N)'); a function's own "
               "array takes 'len'");
    return false;
  }
  if (flags & (A_OMIT | A_PASS | A_USERDATA))
    return plan_fixed_value(ctx, f, jp);
  if (p->annot.output_len && !p->annot.output) {
    diag_error(ctx, param_site(f, p), "'length' goes with an 'output' item");
    return false;
  }
  bool ok = p->annot.output             ? plan_output(ctx, f, jp)
            : flags & (A_OUT | A_INOUT) ? plan_out(ctx, f, jp)
                                        : plan_input(ctx, f, jp, i);
  if (!ok)
    return false;
  if ((flags & A_NONNULL) && p->type->kind != TY_PTR) {
    diag_error(ctx, param_site(f, p), "'nonnull' applies to a pointer result or parameter");
    return false;
  }
  if (flags & A_OWNED && jp->role != PR_OUT) {
    diag_error(ctx, param_site(f, p),
               "WB_OWNED and WB_FREE apply to a return value or a WB_OUT parameter");
    return false;
  }
  if (jp->kind == JK_UNSUPPORTED ||
      (jp->elem && jp->elem->kind != TY_VOID && js_kind(ctx, jp->elem, true) == JK_UNSUPPORTED)) {
    diag_warning(ctx, f->tok, "'%s' is not bound: parameter '%s' is %s", f->name, p->name,
                 unsupported_reason(jp->elem ? jp->elem : jp->value));
    return false;
  }
  return true;
}

/* WB_LEN(n) on parameter i: n becomes the length that the binding fills in,
 * or an out count read to size the out array. */
static bool link_length(Ctx *ctx, const Func *f, JsFunc *out, int i) {
  JsParam *jp = &out->params[i];
  const char *len = jp->param->annot.len;
  int li = find_param(f->type, len);
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
    lp->conv = CV_LENGTH;
    lp->array_index = i;
  } else if (out_count) {
    lp->array_index = i; /* read to size the out array; not returned */
  }
  return true;
}

/* WB_LEN or `len` on the return: a parameter, or a function F called with
 * the same arguments. */
static bool link_return_length(Ctx *ctx, const Func *f, JsFunc *out) {
  const Type *fn = f->type;
  const char *rlen = f->ret_annot.len;
  int li = find_param(fn, rlen);
  if (li < 0) {
    const Func *g = program_function(&ctx->program, rlen);
    if (g && g->type->nparams == fn->nparams && type_is_integer(g->type->base)) {
      out->ret_len_fn = g;
      return true;
    }
    diag_error(ctx, f->ret_annot.tok,
               "len %s: '%s' has no parameter '%s', and no function '%s' takes the same "
               "parameters and returns an integer",
               rlen, f->name, rlen, rlen);
    return false;
  }
  JsParam *lp = &out->params[li];
  if (!type_is_integer(lp->value) || (lp->role != PR_IN && lp->role != PR_OUT)) {
    diag_error(ctx, f->ret_annot.tok, "WB_LEN(%s): '%s' has no integer parameter '%s'", rlen,
               f->name, rlen);
    return false;
  }
  out->ret_len_index = li;
  if (lp->role == PR_OUT && lp->array_index < 0)
    lp->array_index = -2; /* measures the return */
  return true;
}

static bool link_lengths(Ctx *ctx, const Func *f, JsFunc *out) {
  for (int i = 0; i < out->nparams; i++)
    if (out->params[i].param->annot.len && !link_length(ctx, f, out, i))
      return false;
  return !f->ret_annot.len || link_return_length(ctx, f, out);
}

/* The handle a callback kept until replaced belongs to: the first handle
 * parameter (the next call for the same handle replaces it, and its
 * destruction releases it), or -2: one per function. */
static int replace_owner(const JsFunc *out) {
  for (int i = 0; i < out->nparams; i++)
    if (out->params[i].role == PR_IN && out->params[i].kind == JK_HANDLE)
      return i;
  return -2;
}

/* Resolves each `keep until X` to the callback parameter X that releases,
 * or to KEEP_REPLACED. */
static bool link_kept_callbacks(Ctx *ctx, const Func *f, JsFunc *out) {
  out->replaces_owner = -1;
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
    if (!strcmp(a->keep_until, "replaced") && ri < 0) {
      jp->keep_until = KEEP_REPLACED;
      out->replaces_owner = replace_owner(out);
      continue;
    }
    if (ri < 0 || ri == i || out->params[ri].kind != JK_FUNC || out->params[ri].role != PR_IN) {
      diag_error(ctx, a->tok, "keep until %s: '%s' has no callback parameter '%s'", a->keep_until,
                 f->name, a->keep_until);
      return false;
    }
    jp->keep_until = ri;
    out->params[ri].releases = true;
    out->params[ri].typed_nullable = true; /* null: only release */
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

/* Each callback parameter's trampoline, for its lifetime. */
static bool plan_callbacks(Ctx *ctx, const Func *f, JsFunc *out) {
  for (int i = 0; i < out->nparams; i++) {
    JsParam *jp = &out->params[i];
    if (jp->conv != CV_CALLBACK)
      continue;
    CallbackLife life = jp->releases ? CB_RELEASE : jp->keep_until != -1 ? CB_KEPT : CB_CALL;
    if (!js_check_callback_annots(ctx, f, jp->param))
      return false;
    const char *why;
    jp->callback = js_plan_callback(ctx, jp->value->base, jp->param->annot.cb, life, &why);
    if (!jp->callback) {
      diag_warning(ctx, f->tok,
                   "'%s' is not bound: the callback '%s' takes or returns a type JS cannot "
                   "exchange with C during the call (a struct passed or returned as a scalar, "
                   "long double, __int128)",
                   f->name, jp->param->name);
      return false;
    }
    out->calls_back = true;
  }
  return true;
}

bool js_is_handle(const Record *rec) {
  return !rec->complete || (rec->handle && rec->handle->opaque);
}

const HandleRule *js_handle_rule(const Type *ty) {
  if (ty->kind != TY_PTR || ty->base->kind != TY_STRUCT)
    return NULL;
  return ty->base->record->handle;
}

/* The handle type a parameter holds (an input, or an out-value), or NULL. */
static const Record *param_handle(const JsParam *jp) {
  const Type *ty = jp->role == PR_OUT ? jp->value : jp->role == PR_IN ? jp->param->type : NULL;
  if (!ty || ty->kind != TY_PTR || ty->base->kind != TY_STRUCT)
    return NULL;
  return ty->base->record;
}

/* The parameter whose handle leads to the message: one that message_fn
 * takes, else one whose parent function returns such a handle. */
static JsMessage find_message_handle(Ctx *ctx, const JsFunc *out, const Record *want) {
  for (int i = 0; i < out->nparams; i++)
    if (param_handle(&out->params[i]) == want)
      return (JsMessage){.param = i};
  for (int i = 0; i < out->nparams; i++) {
    const Record *rec = param_handle(&out->params[i]);
    const HandleRule *h = rec ? rec->handle : NULL;
    const Func *pf = h && h->parent ? program_function(&ctx->program, h->parent) : NULL;
    const Type *pr = pf ? pf->type->base : NULL;
    if (pr && pr->kind == TY_PTR && pr->base->kind == TY_STRUCT && pr->base->record == want)
      return (JsMessage){.param = i, .via = pf};
  }
  return (JsMessage){.param = -1};
}

/* Does g (a rules `error if G` or `message G`) take one argument f's
 * result can be passed as (the same wasm value), returning a scalar? */
static bool takes_result(Ctx *ctx, const Func *f, const char *g, const Token *where,
                         const char *item) {
  const Func *gf = program_function(&ctx->program, g);
  const Type *gt = gf ? gf->type : NULL;
  int res = abi_scalar_kind(f->type->base); /* a WV_*: 0 or negative for no scalar */
  bool ok = gt && gt->nparams == 1 && res > 0 && abi_scalar_kind(gt->params[0].type) == res &&
            type_is_scalar(gt->base);
  if (!ok)
    diag_error(ctx, where, "%s %s: %s must take one argument of %s's result type ('%s')", item, g,
               g, f->name, type_spelling(ctx, f->type->base, NULL));
  return ok;
}

/* `code F`: F takes a handle of one of f's parameters (or of its parent)
 * and returns the error's code, read when f failed (plan_destroyer: not
 * from a handle f destroys, which is gone by then). */
static bool plan_error_code(Ctx *ctx, const Func *f, JsFunc *out) {
  const char *name = f->error->code_fn;
  const Func *cf = program_function(&ctx->program, name);
  const Type *ct = cf ? cf->type : NULL;
  const Type *pt = ct && ct->nparams == 1 ? ct->params[0].type : NULL;
  if (!pt || pt->kind != TY_PTR || pt->base->kind != TY_STRUCT || !type_is_integer(ct->base)) {
    diag_error(ctx, f->error->tok,
               "code %s: the code function takes one handle and returns an "
               "integer",
               name);
    return false;
  }
  out->code = find_message_handle(ctx, out, pt->base->record);
  if (out->code.param < 0) {
    diag_error(ctx, f->error->tok, "code %s: '%s' has no handle parameter %s takes", name, f->name,
               name);
    return false;
  }
  return true;
}

/* The error convention of f and where its message comes from. */
static bool plan_error(Ctx *ctx, const Func *f, JsFunc *out) {
  out->error = f->error;
  out->message.param = out->code.param = -1;
  if (!out->error && (f->ret_annot.flags & A_NONNULL)) { /* NULL is a failure */
    if (f->type->base->kind != TY_PTR) {
      diag_error(ctx, f->ret_annot.tok, "'nonnull' applies to a pointer result or parameter");
      return false;
    }
    ErrorConv *e = arena_alloc(ctx, sizeof *e);
    *e = (ErrorConv){.kind = EC_NULL, .tok = f->ret_annot.tok};
    out->error = e;
  }
  if (f->error && f->error->kind == EC_PREDICATE &&
      !takes_result(ctx, f, f->error->predicate, f->error->tok, "error if"))
    return false;
  out->ret_nonnull = out->error && out->error->kind == EC_NULL;
  if (f->error && f->error->code_fn && !plan_error_code(ctx, f, out))
    return false;
  if (!f->error || !f->error->message_fn)
    return true;
  const Func *mf = program_function(&ctx->program, f->error->message_fn);
  const Type *mt = mf ? mf->type : NULL;
  if (!mf || js_kind(ctx, mt->base, true) != JK_STRING) {
    diag_error(ctx, f->error->tok, "message %s: the message function returns a string ('%s')",
               f->error->message_fn, mf ? type_spelling(ctx, mt->base, NULL) : "?");
    return false;
  }
  if (mt->nparams == 1 && type_is_integer(mt->params[0].type)) {
    out->message.by_code = true; /* the code's message */
    return out->code.param >= 0 || takes_result(ctx, f, mf->name, f->error->tok, "message");
  }
  if (!mt || mt->nparams != 1 || mt->params[0].type->kind != TY_PTR ||
      mt->params[0].type->base->kind != TY_STRUCT) {
    diag_error(ctx, f->error->tok,
               "message %s: the message function takes one handle, or the result code",
               f->error->message_fn);
    return false;
  }
  out->message = find_message_handle(ctx, out, mt->params[0].type->base->record);
  return true;
}

/* How each out-value becomes JS, and what the wrapper returns: its one
 * out-value, the C result, or an object of both. A result code that passed
 * its error check says nothing more, and is left out. */
static void plan_result(Ctx *ctx, const Func *f, JsFunc *out) {
  out->nouts = 0;
  for (int i = 0; i < out->nparams; i++) {
    JsParam *jp = &out->params[i];
    if (jp->conv == CV_OUTPUT) {
      jp->out_read = OUT_VALUE;
      out->nouts++;
      continue;
    }
    if (jp->conv != CV_OUT)
      continue;
    bool owned = (jp->param->annot.flags & A_OWNED) != 0;
    jp->out_read = jp->array_index != -1                ? OUT_NONE
                   : jp->elem                           ? OUT_ARRAY
                   : jp->kind == JK_HANDLE              ? OUT_HANDLE
                   : owned && jp->value->kind == TY_PTR ? OUT_OWNED
                                                        : OUT_VALUE;
    out->nouts += jp->out_read != OUT_NONE;
  }
  out->ret_view = (f->ret_annot.flags & A_VIEW) && out->ret_elem &&
                  (out->ret_elem->kind == TY_VOID ||
                   (out->ret_elem->kind != TY_PTR && js_typed_array(ctx, out->ret_elem)));
  bool has_ret = out->ret != JK_VOID;
  bool ret_is_length = false; /* an output's length: said by the output itself */
  for (int i = 0; i < out->nparams; i++)
    ret_is_length |= out->params[i].conv == CV_OUTPUT && out->params[i].out_len_result;
  out->return_in_result =
      has_ret && !ret_is_length && !(out->nouts && out->error && out->error->kind != EC_NULL);
  if (out->nouts == 0)
    out->shape = has_ret ? SHAPE_RETURN : SHAPE_NONE;
  else if (out->nouts == 1 && !out->return_in_result)
    out->shape = SHAPE_OUT;
  else
    out->shape = SHAPE_OBJECT;
}

/* The checks of the C return type and its annotations. */
static bool plan_return(Ctx *ctx, const Func *f, JsFunc *out) {
  const Type *rt = f->type->base;
  out->ret = js_kind(ctx, rt, true);
  if (f->ret_annot.flags & A_UTF16) {
    if (!utf16_pointer(ctx, rt)) {
      diag_error(ctx, f->ret_annot.tok,
                 "'utf16' applies to a 'const void *' or a pointer to a "
                 "16-bit integer (char16_t); '%s' returns '%s'",
                 f->name, type_spelling(ctx, rt, NULL));
      return false;
    }
    out->ret = JK_STRING;
    out->ret_wide = 2;
  } else if (text_units_of(rt) && !f->ret_annot.len) {
    out->ret = JK_STRING; /* char16_t, char32_t, wchar_t: text */
    out->ret_wide = text_units_of(rt);
  }
  if (f->ret_annot.flags & A_OMIT) { /* rules `omit`: JS gets nothing (an old user data) */
    if (f->ret_annot.flags & A_OWNED) {
      diag_error(ctx, f->ret_annot.tok, "'%s': an owned result cannot be 'omit' (it would leak)",
                 f->name);
      return false;
    }
    out->ret = JK_VOID; /* the call still returns it: error conventions read it */
  }
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
  if (!f->ret_annot.len)
    return true;
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
  return true;
}

/* Unprototyped functions have no call JS could make; variadic ones only
 * when something types the variadic arguments: a printf format, or the
 * rules (`varargs int double`, or `varargs`: the JS values). */
static bool has_callable_prototype(Ctx *ctx, const Func *f, JsFunc *out) {
  out->format_param = -1;
  if (f->type->variadic && !f->ret_annot.format && !f->ret_annot.varargs) {
    diag_warning(ctx, f->tok,
                 "'%s' is not bound: a variadic function needs its arguments typed: by a format "
                 "(__attribute__((format(printf, N, M))), or rules 'format P'), or by rules "
                 "'varargs int double ...' (or 'varargs': as the JS values are, unchecked)",
                 f->name);
    return false;
  }
  if (f->ret_annot.varargs && !f->type->variadic) {
    diag_error(ctx, f->ret_annot.tok, "'varargs' applies to a variadic function; '%s' is not one",
               f->name);
    return false;
  }
  if (f->type->variadic && !f->ret_annot.format) {
    out->va_kinds = f->ret_annot.varargs;
  } else if (f->type->variadic) {
    int k = find_param(f->type, f->ret_annot.format);
    const Type *t = k >= 0 ? f->type->params[k].type : NULL;
    if (!t || t->kind != TY_PTR || !type_is_text(t->base)) {
      diag_error(ctx, f->ret_annot.tok ? f->ret_annot.tok : f->tok,
                 "format %s: '%s' has no 'const char *' parameter %s", f->ret_annot.format, f->name,
                 f->ret_annot.format);
      return false;
    }
    out->format_param = k;
  }
  if (f->type->no_prototype) {
    diag_warning(ctx, f->tok, "'%s' is not bound: it has no prototype; declare it as '%s(void)'",
                 f->name, f->name);
    return false;
  }
  return true;
}

/* A struct by value that holds nothing but a long double or __int128
 * travels as that scalar's two i64 halves: JS has no such number. */
static bool structs_cross(Ctx *ctx, const Func *f, const JsFunc *out) {
  for (int i = 0; i < out->nparams; i++)
    if (out->params[i].conv == CV_STRUCT && out->abi.args[i].cls == ABI_PAIR) {
      diag_warning(ctx, f->tok, "'%s' is not bound: parameter '%s' is a struct holding %s", f->name,
                   out->params[i].c_name, unsupported_reason(out->abi.args[i].scalar));
      return false;
    }
  if (out->ret == JK_STRUCT && out->abi.ret.cls == ABI_PAIR) {
    diag_warning(ctx, f->tok, "'%s' is not bound: it returns a struct holding %s", f->name,
                 unsupported_reason(out->abi.ret.scalar));
    return false;
  }
  return true;
}

/* A char pointer as a rules `text` or `bytes` item says: `unsigned char *`
 * as text is `char *`, `char *` as bytes is `unsigned char *` (one ABI).
 * NULL when the item does not fit ty. */
static Type *retype_chars(Ctx *ctx, Type *ty, unsigned flags) {
  if (!(flags & (A_TEXT | A_BYTES)))
    return ty;
  if ((flags & A_TEXT) && (flags & A_BYTES))
    return NULL;
  if (ty->kind != TY_PTR ||
      !(ty->base->kind == TY_CHAR || ty->base->kind == TY_SCHAR || ty->base->kind == TY_UCHAR))
    return NULL;
  Type *base = type_builtin(ctx, flags & A_TEXT ? TY_CHAR : TY_UCHAR);
  Type *ptr = type_pointer_to(ctx, type_qualified(ctx, base, ty->base->quals));
  return type_qualified(ctx, ptr, ty->quals);
}

/* f as JS sees it: its char pointers retyped by `text` and `bytes` items
 * (a copy; f itself when it has none). NULL, with an error, when an item
 * is not on a pointer to char, signed char or unsigned char. */
static const Func *func_as_bound(Ctx *ctx, const Func *f) {
  unsigned any = f->ret_annot.flags;
  for (int i = 0; i < f->type->nparams; i++)
    any |= f->type->params[i].annot.flags;
  if (!(any & (A_TEXT | A_BYTES)))
    return f;
  Func *g = arena_alloc(ctx, sizeof *g);
  *g = *f;
  Type *fn = arena_alloc(ctx, sizeof *fn);
  *fn = *f->type;
  fn->params = arena_alloc(ctx, sizeof(Param) * (size_t)(fn->nparams + 1));
  g->type = fn;
  bool ok = (fn->base = retype_chars(ctx, f->type->base, f->ret_annot.flags)) != NULL;
  if (!ok)
    diag_error(ctx, f->ret_annot.tok,
               "'text' and 'bytes' apply to a pointer to char, signed "
               "char or unsigned char (one of them)");
  for (int i = 0; i < fn->nparams; i++) {
    const Param *p = &f->type->params[i];
    fn->params[i] = *p;
    if (!(fn->params[i].type = retype_chars(ctx, p->type, p->annot.flags))) {
      diag_error(ctx, param_site(f, p),
                 "'text' and 'bytes' apply to a pointer to char, signed "
                 "char or unsigned char (one of them)");
      ok = false;
    }
  }
  return ok ? g : NULL;
}

bool js_plan_function(Ctx *ctx, const Func *f, JsFunc *out) {
  memset(out, 0, sizeof *out);
  if (!(f = func_as_bound(ctx, f)))
    return false;
  out->func = f;
  out->ret_len_index = -1;
  out->ret_temp = -1;
  const Type *fn = f->type;
  if (!has_callable_prototype(ctx, f, out))
    return false;
  out->nparams = fn->nparams;
  out->params = arena_alloc(ctx, sizeof(JsParam) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++)
    if (!plan_param(ctx, f, out, i))
      return false;
  separate_param_names(ctx, out);
  if (!plan_return(ctx, f, out) || !link_lengths(ctx, f, out) || !link_outputs(ctx, f, out) ||
      !link_kept_callbacks(ctx, f, out) || !plan_callbacks(ctx, f, out) || !plan_error(ctx, f, out))
    return false;
  if (!abi_lower(ctx, fn, &out->abi)) {
    diag_warning(ctx, f->tok, "'%s' is not bound: %s", f->name,
                 out->abi.reason ? out->abi.reason : "its wasm signature is unknown");
    return false;
  }
  if (!structs_cross(ctx, f, out))
    return false;
  plan_result(ctx, f, out);
  return true;
}

/* A function JS implements: C's arguments become JS values as a callback's
 * do, and the JS result goes back to C. */
bool js_plan_import(Ctx *ctx, const Func *f, JsFunc *out) {
  memset(out, 0, sizeof *out);
  out->func = f;
  out->ret_len_index = -1;
  out->message.param = -1;
  out->format_param = -1;
  out->replaces_owner = -1;
  const Type *fn = f->type;
  Annot *annots = arena_alloc(ctx, sizeof(Annot) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++)
    annots[i] = fn->params[i].annot;
  const char *why;
  out->as_import = js_plan_callback(ctx, fn, annots, CB_KEPT, &why);
  if (out->as_import && out->as_import->ret == JK_STRUCT) { /* (callbacks only, for now) */
    out->as_import = NULL;
    why = "it returns a struct";
  }
  if (!out->as_import) {
    diag_warning(ctx, f->tok, "'%s' is not imported from JS: %s", f->name, why);
    return false;
  }
  out->abi = out->as_import->abi;
  out->ret = out->as_import->ret;
  out->nparams = fn->nparams;
  out->params = arena_alloc(ctx, sizeof(JsParam) * (size_t)(fn->nparams + 1));
  for (int i = 0; i < fn->nparams; i++) {
    JsParam *jp = &out->params[i];
    jp->param = &fn->params[i];
    jp->c_name = jp->param->name[0] ? jp->param->name : arena_printf(ctx, "arg%d", i);
    jp->js_name = js_param_ident(ctx, jp->c_name);
    jp->value = fn->params[i].type;
    jp->kind = js_kind(ctx, jp->value, true);
    jp->len_index = jp->array_index = jp->keep_until = -1;
  }
  if (ctx->have_wasm && !wasm_find_import(&ctx->wasm, f->name))
    diag_warning(ctx, f->tok, "'%s' is declared as an import, but %s does not import it", f->name,
                 ctx->opts->wasm_file ? ctx->opts->wasm_file : "the .wasm");
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

BufferKind js_field_buffer(Ctx *ctx, const Member *m, const char **array) {
  *array = NULL;
  if (!m->buffer_len)
    return BUF_NONE;
  const Type *elem = m->type->base;
  bool one_byte = type_is_integer(elem) && layout_sizeof(ctx, elem) == 1;
  if (one_byte && (m->annot.flags & A_TEXT || (type_is_text(elem) && !(m->annot.flags & A_BYTES))))
    return BUF_TEXT;
  if (elem->kind == TY_VOID || (one_byte && m->annot.flags & A_BYTES)) {
    *array = "Uint8Array";
    return BUF_BYTES;
  }
  *array = js_typed_array(ctx, elem);
  return BUF_ARRAY;
}

const JsCallback *js_field_callback(const JsPlan *plan, const Member *m) {
  return map_get(&plan->field_callbacks, (const char *)&m, sizeof m);
}

/* Does a field of rec, or of a struct it holds, satisfy `has`? */
static bool record_has_field(Ctx *ctx, const Record *rec, bool (*has)(Ctx *, const Member *)) {
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    if (has(ctx, m) || (m->type->kind == TY_STRUCT && m->bit_width < 0 &&
                        record_has_field(ctx, m->type->record, has)))
      return true;
  }
  return false;
}

static bool is_callback_field(Ctx *ctx, const Member *m) {
  return js_field_callback(ctx->js_plan, m) != NULL;
}

static bool is_copied_field(Ctx *ctx, const Member *m) {
  return m->buffer_len || is_callback_field(ctx, m);
}

bool js_record_takes_callbacks(Ctx *ctx, const Record *rec) {
  return record_has_field(ctx, rec, is_callback_field);
}

bool js_record_copies_buffers(Ctx *ctx, const Record *rec) {
  return record_has_field(ctx, rec, is_copied_field);
}

bool js_field_aligned(Ctx *ctx, const Record *rec, const Member *m) {
  int align = layout_alignof(ctx, m->type);
  return !rec->packed && align > 0 && m->offset % align == 0 && rec->align >= align;
}

bool js_record_of_numbers(Ctx *ctx, const Record *rec) {
  if (rec->is_union)
    return false;
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++) {
    const FlatMember *fm = fields.items[i];
    if (fm->owner->is_union || fm->m->bit_width >= 0 || !fm->m->name[0] || fm->m->buffer_len ||
        fm->m->fills_buffer)
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

/* ---- the wrapper ------------------------------------------------------- */

/* The library's block for fixed-size temporaries (TEMPS_FIXED). */
enum { FIXED_SCRATCH_MAX = 1024 };

/* Does the conversion copy its value into the temporary area? */
static bool needs_temp_area(Conversion conv) {
  switch (conv) {
  case CV_STRING:
  case CV_VIEW:
  case CV_BYTES:
  case CV_CHARS:
  case CV_TYPED:
  case CV_ELEMENTS:
  case CV_OUTPUT: return true;
  default: return false;
  }
}

/* The bytes and alignment of a parameter's own temporary (CV_OUT, CV_STRUCT). */
static bool param_temp(Ctx *ctx, const JsParam *jp, int64_t *size, int *align) {
  if (jp->conv == CV_OUT) {
    *size = layout_sizeof(ctx, jp->value);
    *align = layout_alignof(ctx, jp->value);
    return true;
  }
  if (jp->conv == CV_STRUCT) {
    *size = jp->value->record->size ? jp->value->record->size : 1;
    *align = jp->value->record->align;
    return true;
  }
  return false;
}

/* Can the temporaries sit at fixed offsets of one block made at
 * instantiation: only out-values of numbers and structs of numbers, no
 * strings, arrays or objects going in, and no way for JS to run during the
 * call or while the arguments are written (which could call the function
 * again)? Then the wrapper needs no temporary area, marks or try/catch. */
static bool fits_fixed_scratch(Ctx *ctx, const JsFunc *jf) {
  if (jf->watches || jf->keeps || jf->ret_elem)
    return false;
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    if (needs_temp_area(jp->conv) || jp->conv == CV_CALLBACK)
      return false;
    /* an in-value that is an object could run a getter, and the getter
     * this very function: only numbers go in */
    if (jp->conv == CV_OUT &&
        (jp->elem || (jp->role == PR_INOUT && jp->kind != JK_INT && jp->kind != JK_FLOAT &&
                      jp->kind != JK_BOOL && jp->kind != JK_I64)))
      return false;
    if (jp->conv == CV_STRUCT && !js_record_of_numbers(ctx, jp->value->record))
      return false;
  }
  return true;
}

/* Offsets in fixedScratch: the struct result first, then each temporary
 * in parameter order. False when they take more than the block. */
static bool place_fixed_temps(Ctx *ctx, JsFunc *jf) {
  int64_t end = 0;
  const Type *rt = jf->func->type->base;
  if (jf->ret == JK_STRUCT) {
    jf->ret_temp = 0;
    end = rt->record->size ? rt->record->size : 1;
  }
  for (int i = 0; i < jf->nparams; i++) {
    JsParam *jp = &jf->params[i];
    int64_t size;
    int align;
    if (!param_temp(ctx, jp, &size, &align))
      continue;
    jp->temp = (end + align - 1) / align * align;
    end = jp->temp + size;
  }
  jf->fixed_size = end;
  return end <= FIXED_SCRATCH_MAX;
}

/* Where the temporaries live. */
static void plan_temps(Ctx *ctx, JsFunc *jf) {
  /* variadic arguments are written to a temporary (and strings among them) */
  bool area = jf->format_param >= 0 || jf->va_kinds, temps = jf->ret == JK_STRUCT;
  for (int i = 0; i < jf->nparams; i++) {
    area |= needs_temp_area(jf->params[i].conv);
    temps |= jf->params[i].conv == CV_OUT || jf->params[i].conv == CV_STRUCT;
  }
  jf->temps = area ? TEMPS_AREA : temps ? TEMPS_FIXED : TEMPS_NONE;
  if (jf->temps == TEMPS_FIXED && !(fits_fixed_scratch(ctx, jf) && place_fixed_temps(ctx, jf))) {
    jf->temps = TEMPS_AREA;
    jf->ret_temp = -1;
    jf->fixed_size = 0;
    for (int i = 0; i < jf->nparams; i++)
      jf->params[i].temp = -1;
  }
}

/* Does the wrapper read memory through the views after the call (so must
 * refresh them, as the call may have grown the memory)? Strings and records
 * are read by functions that check the views themselves. */
bool js_view_copied_back(const JsParam *jp) {
  const Type *t = jp->value->base;
  return jp->conv == CV_VIEW && !(t->quals & Q_CONST) && !t->record->is_union;
}

static bool reads_after(const JsFunc *jf) {
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    if (js_view_copied_back(jp))
      return true;
    if (jp->conv == CV_OUT && !(jp->out_read == OUT_VALUE && jp->kind == JK_STRUCT))
      return true;
    if (jp->conv == CV_OUTPUT)
      return true;
    if ((jp->conv == CV_BYTES || jp->conv == CV_TYPED) && !(jp->elem->quals & Q_CONST))
      return true; /* copied back */
  }
  switch (jf->ret) {
  case JK_VIEW:
  case JK_FUNC: return true;
  case JK_STRUCT: return jf->abi.ret.cls == ABI_DIRECT;
  default: return jf->ret_elem != NULL;
  }
}

/* Does an out-value's temporary start as zeros? A function that can say it
 * failed may leave its out-values alone, and any function may leave a
 * pointer unwritten: it must then read as NULL, not as the last call's
 * pointer (which an owned out-value would free again). A number written by
 * a void function without an error convention needs no zeros, nor an
 * in-out scalar, which its value in overwrites whole. */
static bool out_starts_zeroed(const JsFunc *jf, const JsParam *jp) {
  if (jp->conv != CV_OUT)
    return false;
  if (jp->role == PR_INOUT)
    return jp->value->kind == TY_STRUCT; /* a union or padding is written in part */
  return jf->ret != JK_VOID || jf->error != NULL || jp->value->kind == TY_PTR;
}

/* Is a value of type ty, converted from JS, or does it hold, a handle? */
static bool type_holds_handle(Ctx *ctx, const Type *ty) {
  while (ty->kind == TY_ARRAY)
    ty = ty->base;
  if (ty->kind == TY_PTR)
    return ty->base->kind == TY_STRUCT && js_is_handle(ty->base->record);
  if (ty->kind != TY_STRUCT)
    return false;
  Vec fields = {0};
  js_flat_members(ctx, ty->record, &fields);
  for (int i = 0; i < fields.len; i++)
    if (type_holds_handle(ctx, ((const FlatMember *)fields.items[i])->m->type))
      return true;
  return false;
}

/* Are handles checked while arguments are still being converted (in a
 * struct's fields, an array's elements)? Then a getter converted later
 * could destroy one: the wrapper makes sure none was destroyed meanwhile. */
static bool checks_destroys(Ctx *ctx, const JsFunc *jf) {
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    if (jp->conv == CV_STRUCT && type_holds_handle(ctx, jp->value))
      return true;
    if ((jp->conv == CV_VIEW || jp->conv == CV_ELEMENTS) && type_holds_handle(ctx, jp->value->base))
      return true;
  }
  return false;
}

void js_plan_wrapper(Ctx *ctx, JsFunc *jf, bool others_call_back) {
  jf->checks_destroys = checks_destroys(ctx, jf);
  jf->watches = jf->calls_back || others_call_back;
  for (int i = 0; i < jf->nparams; i++) {
    JsParam *jp = &jf->params[i];
    jp->zeroed = out_starts_zeroed(jf, jp);
    jf->writes_before |= jp->zeroed || jp->role == PR_INOUT ||
                         (jp->conv == CV_STRUCT && js_record_of_numbers(ctx, jp->value->record));
  }
  plan_temps(ctx, jf);
  jf->reads_after = reads_after(jf);
  jf->direct = jf->temps == TEMPS_NONE && !jf->watches && !jf->ret_elem && !jf->destroys &&
               !jf->error && !(jf->func->ret_annot.flags & A_OWNED);
  /* reads_after covers what a wrapper does after the call otherwise:
   * copies back and out-values */
  jf->inline_call =
      jf->direct || (!jf->destroys && !jf->watches && !jf->reads_after && !jf->error &&
                     !(jf->func->ret_annot.flags & A_OWNED) && jf->ret != JK_STRUCT &&
                     !jf->ret_elem && (jf->shape == SHAPE_NONE || jf->shape == SHAPE_RETURN));
}
