/* plan.c: the plan of the library (plan.h): which functions are bound and
 * imported, the records they read and write (by value, as views, as
 * handles), the exports the module calls, its constants, and the wrappers'
 * shapes, which depend on the library as a whole. */
#include "plan.h"
#include <stdlib.h>
#include <string.h>

/* Is item in set (a Map keyed by the pointer's bytes)? */
bool js_set_has(const Map *set, const void *item) {
  return map_get(set, (const char *)&item, (int)sizeof item) != NULL;
}

/* Appends item to v once, with set remembering it: one lookup, not a scan
 * (a header of 100,000 types). */
static bool add_once(Ctx *ctx, Vec *v, Map *set, void *item) {
  if (js_set_has(set, item))
    return false;
  void **key = arena_alloc(ctx, sizeof *key); /* the key's bytes must outlive the map */
  *key = item;
  map_put(ctx, set, (const char *)key, (int)sizeof *key, item);
  vec_push(ctx, v, item);
  return true;
}

static void note_value_record(Ctx *ctx, JsPlan *plan, Record *rec);

/* Records reached from a field type, by value, by view or as handles. */
static void note_type(Ctx *ctx, JsPlan *plan, const Type *ty, bool by_value) {
  while (ty->kind == TY_ARRAY)
    ty = ty->base;
  if (ty->kind == TY_ENUM && ty->enumdecl && ty->enumdecl->complete) {
    add_once(ctx, &plan->used_enums, &plan->enum_set, ty->enumdecl);
  } else if (ty->kind == TY_STRUCT) {
    if (ty->record->complete)
      note_value_record(ctx, plan, ty->record);
    if (!by_value && ty->record->complete)
      add_once(ctx, &plan->view_records, &plan->view_set, ty->record);
  } else if (ty->kind == TY_PTR && ty->base->kind == TY_STRUCT) {
    Record *rec = ty->base->record;
    if (js_is_handle(rec)) {
      add_once(ctx, &plan->handles, &plan->handle_set, rec);
    } else {
      note_type(ctx, plan, ty->base, false);
    }
  }
}

static void note_value_record(Ctx *ctx, JsPlan *plan, Record *rec) {
  if (!add_once(ctx, &plan->value_records, &plan->value_set, rec))
    return;
  for (int i = 0; i < rec->nmembers; i++) {
    const Member *m = &rec->members[i];
    note_type(ctx, plan, m->type, true);
    if (m->type->kind == TY_STRUCT && m->type->record->complete)
      add_once(ctx, &plan->view_records, &plan->view_set, m->type->record); /* nested views */
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

/* The property a constant named so becomes, with a warning when renamed. */
static const char *prop_name(Ctx *ctx, const char *name, const Token *tok) {
  const char *prop = js_property_name(ctx, name);
  if (strcmp(prop, name))
    diag_warning(ctx, tok, "'%s' is bound as '%s': a library object with '%s' would be a thenable",
                 name, prop, name);
  return prop;
}

/* Can JS read a variable of type ty (a number, a string pointer, a char
 * array)? Set it (a number, not const)? */
static bool variable_readable(Ctx *ctx, const Type *ty) {
  if (ty->kind == TY_ARRAY)
    return type_is_text(ty->base) && ty->array_len > 0;
  JsKind k = js_kind(ctx, ty, true);
  return k == JK_INT || k == JK_FLOAT || k == JK_BOOL || k == JK_I64 || k == JK_STRING;
}

static bool variable_writable(Ctx *ctx, const Type *ty) {
  JsKind k = js_kind(ctx, ty, true);
  return !(ty->quals & Q_CONST) && ty->kind != TY_ARRAY &&
         (k == JK_INT || k == JK_FLOAT || k == JK_BOOL || k == JK_I64);
}

/* The header's variables as properties (getters, and setters when JS can
 * write them), each name once; the others get a warning. */
static void plan_variable_props(Ctx *ctx, JsPlan *plan, Map *names) {
  Vec *vars = &ctx->program.variables;
  for (int i = 0; i < vars->len; i++) {
    const Variable *v = vars->items[i];
    const char *why = !variable_readable(ctx, v->type)
                          ? "only numbers, strings and char arrays are bound as variables"
                      : ctx->have_wasm && !wasm_find_export(&ctx->wasm, v->name)
                          ? "the .wasm does not export it"
                          : NULL;
    if (why) {
      diag_warning(ctx, v->tok, "variable '%s' is not bound: %s", v->name, why);
      continue;
    }
    JsProp *p = arena_alloc(ctx, sizeof *p);
    *p = (JsProp){.name = prop_name(ctx, v->name, v->tok),
                  .var = v,
                  .writable = variable_writable(ctx, v->type)};
    if (name_add(ctx, names, p->name))
      vec_push(ctx, &plan->props, p);
    else
      diag_warning(ctx, v->tok, "variable '%s' is not bound: the name is taken", v->name);
  }
}

/* The constant properties of the library object: enumerators, integer
 * #defines, then string and floating ones, each name once. A macro that names an enumerator of the
 * same value (`#define XML_STATUS_OK XML_STATUS_OK`) is that enumerator; any other clash with a
 * name already on the object is reported. */
static void plan_props(Ctx *ctx, JsPlan *plan) {
  Map names = {0};
  for (int i = 0; i < plan->funcs.len; i++)
    name_add(ctx, &names, ((const JsFunc *)plan->funcs.items[i])->js_key);
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
      *p = (JsProp){.name = prop_name(ctx, e->consts[k].name, e->tok),
                    .value = e->consts[k].value,
                    .is_unsigned = e->int_type && type_is_unsigned(e->int_type)};
      if (name_add(ctx, &names, p->name))
        vec_push(ctx, &plan->props, p);
      else
        diag_warning(ctx, e->tok, "enumerator '%s' is not bound: the name is taken", p->name);
    }
  }
  Vec *consts = &ctx->program.constants;
  for (int i = 0; i < consts->len; i++) {
    const Constant *c = consts->items[i];
    const char *name = prop_name(ctx, c->name, c->tok);
    if (name_add(ctx, &names, name)) {
      JsProp *p = arena_alloc(ctx, sizeof *p);
      *p = (JsProp){.name = name, .value = c->value, .is_unsigned = type_is_unsigned(c->type)};
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
  plan_variable_props(ctx, plan, &names);
  Vec *values = &ctx->program.value_macros;
  for (int i = 0; i < values->len; i++) {
    const ValueMacro *vm = values->items[i];
    JsProp *p = arena_alloc(ctx, sizeof *p);
    *p = (JsProp){.name = prop_name(ctx, vm->name, vm->tok), .macro = vm};
    if (name_add(ctx, &names, p->name))
      vec_push(ctx, &plan->props, p);
    else
      diag_warning(ctx, vm->tok, "constant '%s' is not bound: the name is taken", vm->name);
  }
}

/* The first parameter JS passes, if it is a handle (a method's `this`),
 * else -1. */
static int first_handle_index(const JsFunc *jf) {
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    if (jp->role == PR_IN || jp->role == PR_INOUT || jp->role == PR_ARRAY)
      return jp->role == PR_IN && jp->kind == JK_HANDLE ? i : -1;
  }
  return -1;
}

static const Record *first_handle(const JsFunc *jf) {
  int i = first_handle_index(jf);
  return i < 0 ? NULL : jf->params[i].value->base->record;
}

/* A handle a method or a destructor takes is not null (not even without
 * --strict), unless a `nullable` says so: null is a TypeError. */
static void not_null_unless_said(JsParam *jp) {
  jp->nullable &= (jp->param->annot.flags & A_NULLABLE) != 0;
}

/* A function one of its first handle's `destroy` items names destroys
 * that handle: always, or (`on success`) when its error convention says it
 * succeeded, which it then needs. */
static void plan_destroyer(Ctx *ctx, JsFunc *jf) {
  int k = first_handle_index(jf);
  const HandleRule *h = k < 0 ? NULL : jf->params[k].value->base->record->handle;
  for (int i = 0; h && i < h->ndestroyers; i++) {
    const Destroyer *d = h->destroyers[i];
    if (strcmp(d->fn, jf->func->name))
      continue;
    if (d->on_success && !jf->error)
      diag_error(ctx, d->tok,
                 "'destroy %s on success' needs an error convention for %s (an 'error' item)",
                 d->fn, d->fn);
    jf->destroys = jf->params[k].value->base->record;
    jf->destroyer = d;
    jf->destroys_param = k;
    not_null_unless_said(&jf->params[k]);
    if (jf->code.param == k) /* gone when the error is made */
      diag_error(ctx, jf->error->tok, "code %s: '%s' destroys the handle %s would read",
                 jf->error->code_fn, d->fn, jf->error->code_fn);
  }
}

/* The parameter a handle result of type rec is tied to, or -1. A lent
 * handle lives in its lender's memory: it dies with the first handle
 * argument, which it keeps from the collector. An owned one keeps the
 * first handle argument of another type alive (a statement its
 * connection); one of its own type would chain every version (a copy, an
 * edited tree). The type's `parent` function leads back: no tie. */
static int keeper_of(const JsFunc *jf, const Record *rec, bool owned) {
  const Record *arg0 = first_handle(jf);
  const HandleRule *h = arg0 ? arg0->handle : NULL;
  if (h && h->parent && !strcmp(h->parent, jf->func->name))
    return -1;
  for (int i = 0; i < jf->nparams; i++) {
    const JsParam *jp = &jf->params[i];
    if (jp->role == PR_IN && jp->kind == JK_HANDLE && (!owned || jp->value->base->record != rec))
      return i;
  }
  return -1;
}

static void plan_keepers(JsFunc *jf) {
  const Func *f = jf->func;
  jf->ret_keeper = jf->ret == JK_HANDLE ? keeper_of(jf, f->type->base->base->record,
                                                    (f->ret_annot.flags & A_OWNED) != 0)
                                        : -1;
  for (int i = 0; i < jf->nparams; i++) {
    JsParam *jp = &jf->params[i];
    jp->keeper = jp->out_read == OUT_HANDLE ? keeper_of(jf, jp->value->base->record,
                                                        (jp->param->annot.flags & A_OWNED) != 0)
                                            : -1;
  }
}

/* A function taking a handle whose type has `methods PREFIX` first, and
 * named PREFIX..., is also a method. */
static void plan_method(JsFunc *jf) {
  const Record *rec = first_handle(jf);
  const HandleRule *h = rec ? rec->handle : NULL;
  if (!h)
    return;
  const char *name = jf->func->name;
  size_t n = h->methods ? strlen(h->methods) : 0;
  if (n && !strncmp(name, h->methods, n) && name[n] && !(name[n] >= '0' && name[n] <= '9')) {
    jf->method_of = rec;
    jf->method = name + n;
    not_null_unless_said(&jf->params[first_handle_index(jf)]);
  }
}

/* The methods of each handle class, in function order, keyed by record. */
static void group_methods(Ctx *ctx, JsPlan *plan) {
  for (int i = 0; i < plan->funcs.len; i++) {
    JsFunc *jf = plan->funcs.items[i];
    if (!jf->method_of)
      continue;
    Vec *methods =
        (Vec *)map_get(&plan->methods, (const char *)&jf->method_of, (int)sizeof(void *));
    if (!methods) {
      methods = arena_alloc(ctx, sizeof *methods);
      const Record **key = arena_alloc(ctx, sizeof *key);
      *key = jf->method_of;
      map_put(ctx, &plan->methods, (const char *)key, (int)sizeof *key, methods);
    }
    vec_push(ctx, methods, jf);
  }
}

const Vec *js_methods_of(const JsPlan *plan, const Record *rec) {
  static const Vec none = {0};
  const Vec *v = map_get(&plan->methods, (const char *)&rec, (int)sizeof rec);
  return v ? v : &none;
}

static void note_lent(Ctx *ctx, JsPlan *plan, const Type *ty) {
  if (ty->kind == TY_PTR && ty->base->kind == TY_STRUCT && js_is_handle(ty->base->record))
    add_once(ctx, &plan->lent_handles, &plan->lent_set, ty->base->record);
}

/* The handle types C lends as well as gives: a result or out-value that is
 * not owned, a callback's argument, a struct's field. Only those need one
 * object per pointer (runtime.js, handleClass). */
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

  /* a struct read from C holds the handle objects themselves */
  const Vec *recs[] = {&plan->value_records, &plan->view_records};
  for (int r = 0; r < 2; r++)
    for (int i = 0; i < recs[r]->len; i++) {
      const Record *rec = recs[r]->items[i];
      for (int k = 0; k < rec->nmembers; k++) {
        const Type *t = rec->members[k].type;
        while (t->kind == TY_ARRAY)
          t = t->base;
        note_lent(ctx, plan, t);
        /* what C hands the JS function of a callback field */
        const JsCallback *cb = js_field_callback(plan, &rec->members[k]);
        for (int j = 0; cb && j < cb->nargs; j++)
          note_lent(ctx, plan, cb->args[j].type);
      }
    }
}

/* ---- functions that free what they are given --------------------------- */

static void note_freeing(Ctx *ctx, JsPlan *plan, const char *fn) {
  if (fn)
    map_put(ctx, &plan->freeing, fn, (int)strlen(fn), (void *)fn);
}

/* The WB_FREE(fn) functions of the header: fn frees its first parameter,
 * which must then be memory C gave out, never a temporary of the binding. */
static void plan_freeing(Ctx *ctx, JsPlan *plan) {
  Vec *fns = &ctx->program.functions;
  for (int i = 0; i < fns->len; i++) {
    const Func *f = fns->items[i];
    note_freeing(ctx, plan, f->ret_annot.free_fn);
    for (int k = 0; k < f->type->nparams; k++)
      note_freeing(ctx, plan, f->type->params[k].annot.free_fn);
  }
}

/* ---- names parameters must not shadow -------------------------------------- */

static void reserve(Ctx *ctx, JsPlan *plan, const char *name) {
  map_put(ctx, &plan->reserved, name, (int)strlen(name), (void *)name);
}

/* The names of createLibrary's scope that the library's own functions and
 * classes must not take: the runtime's declarations and the glue's. */
static void plan_scope(Ctx *ctx, JsPlan *plan) {
  static const char *const glue[] = {"exports",      "host",          "memory",   "legalI64",
                                     "fixedScratch", "createLibrary", "wrap",     "load",
                                     "isLegalized",  "_errno",        "adapters", NULL};
  for (const char *const *n = glue; *n; n++)
    map_put(ctx, &plan->scope, *n, (int)strlen(*n), (void *)*n);
  rt_declared_names(ctx, rt_regions(ctx), &plan->scope);
}

/* The names in scope where the wrappers are: the runtime's declarations,
 * createLibrary's own, the records' classes, readers and writers, the
 * functions and their exports. A parameter named so gets a `_` more. */
static void plan_reserved_names(Ctx *ctx, JsPlan *plan) {
  static const char *const fixed[] = {"exports",      "host",          "memory", "legalI64",
                                      "fixedScratch", "createLibrary", "_errno", NULL};
  for (const char *const *n = fixed; *n; n++)
    reserve(ctx, plan, *n);
  rt_declared_names(ctx, rt_regions(ctx), &plan->reserved);
  Vec *recs = &ctx->program.all_records;
  for (int i = 0; i < recs->len; i++) {
    const char *name = js_record_name(ctx, recs->items[i]);
    reserve(ctx, plan, name);
    reserve(ctx, plan, arena_printf(ctx, "read%s", name));
    reserve(ctx, plan, arena_printf(ctx, "write%s", name));
  }
  Vec *fns = &ctx->program.functions;
  for (int i = 0; i < fns->len; i++) {
    const Func *f = fns->items[i];
    reserve(ctx, plan, f->name);
    reserve(ctx, plan, js_scope_ident(ctx, f->name));
    reserve(ctx, plan, arena_printf(ctx, "_%s", f->name));
    for (int k = 0; k < f->type->nparams; k++) { /* handle classes */
      const Type *t = f->type->params[k].type;
      if (t->kind == TY_PTR && t->base->kind == TY_STRUCT)
        reserve(ctx, plan, js_record_name(ctx, t->base->record));
    }
  }
}

/* ---- what a bound function uses ------------------------------------------ */

/* The records a function reaches; its error convention, kept callbacks. */
/* The records and handles a callback's arguments and result reach. */
static void note_callback_types(Ctx *ctx, JsPlan *plan, const JsCallback *cb) {
  note_type(ctx, plan, cb->type->base, true);
  for (int j = 0; j < cb->nargs; j++) {
    note_type(ctx, plan, cb->args[j].type, false);
    if (cb->args[j].count_arg >= 0) /* an array: its elements' types */
      note_type(ctx, plan, cb->args[j].type->base, false);
  }
}

static void note_function_types(Ctx *ctx, JsPlan *plan, const JsFunc *jf) {
  note_type(ctx, plan, jf->func->type->base, jf->ret == JK_STRUCT);
  plan->uses_errors |= jf->error != NULL;
  plan->uses_kept |= jf->keeps || jf->replaces_owner != -1; /* either kind of kept callback */
  for (int k = 0; k < jf->nparams; k++) {
    const JsParam *p = &jf->params[k];
    note_type(ctx, plan, p->value, p->kind == JK_STRUCT);
    if (p->elem)
      note_type(ctx, plan, p->elem, true);
    if (p->callback)
      note_callback_types(ctx, plan, p->callback);
  }
}

static void note_import_types(Ctx *ctx, JsPlan *plan, const JsFunc *imp) {
  for (int k = 0; k < imp->nparams; k++)
    note_type(ctx, plan, imp->params[k].value, false);
  note_type(ctx, plan, imp->func->type->base, false);
}

/* The wrapper's identifier and its property on the library object, with a
 * warning where the property is not the C name. */
static void plan_function_names(Ctx *ctx, JsFunc *jf) {
  jf->js_ident = js_scope_ident(ctx, jf->func->name);
  jf->js_key = js_property_name(ctx, jf->func->name);
  if (strcmp(jf->js_key, jf->func->name))
    diag_warning(ctx, jf->func->tok,
                 "'%s' is bound as '%s': a library object with '%s' would be a thenable",
                 jf->func->name, jf->js_key, jf->func->name);
}

/* Plans the functions of the header: the imports, and the exports the
 * binary (when given) has. */
static void plan_functions(Ctx *ctx, JsPlan *plan) {
  Vec *fns = &ctx->program.functions;
  for (int i = 0; i < fns->len; i++) {
    const Func *f = fns->items[i];
    if (f->is_static)
      continue; /* in no binary; an inline one that is not static has an external definition */
    JsFunc *jf = arena_alloc(ctx, sizeof *jf);
    if (f->ret_annot.flags & A_IMPORT) {
      if (js_plan_import(ctx, f, jf)) {
        vec_push(ctx, &plan->imports, jf);
        note_import_types(ctx, plan, jf);
      }
      continue;
    }
    if (ctx->have_wasm && !wasm_find_export(&ctx->wasm, f->name)) {
      diag_warning(ctx, f->tok, "'%s' is not bound: %s does not export it", f->name,
                   ctx->opts->wasm_file ? ctx->opts->wasm_file : "the .wasm");
      continue;
    }
    if (!js_plan_function(ctx, f, jf))
      continue;
    plan_function_names(ctx, jf);
    vec_push(ctx, &plan->funcs, jf);
    plan_method(jf);
    plan_destroyer(ctx, jf);
    plan_keepers(jf);
    note_function_types(ctx, plan, jf);
  }
}

/* ---- the exports the module calls ------------------------------------------ */

/* Does the export take or return an i64 (two i32 in a legalized build)? */
static bool abi_has_i64(const AbiSig *abi) {
  bool i64 = abi->nresults && abi->result == WV_I64;
  for (int k = 0; k < abi->nparams; k++)
    i64 |= abi->params[k] == WV_I64;
  return i64;
}

static void add_export(Ctx *ctx, JsPlan *plan, Map *seen, const char *name, const JsFunc *bound) {
  if (!name || map_get(seen, name, (int)strlen(name)))
    return;
  map_put(ctx, seen, name, (int)strlen(name), (void *)name);
  JsExport *e = arena_alloc(ctx, sizeof *e);
  e->name = name;
  e->bound = bound;
  const Func *f = bound ? bound->func : program_function(&ctx->program, name);
  if (bound)
    e->abi = bound->abi;
  bool lowered = bound || (f && abi_lower(ctx, f->type, &e->abi));
  e->i64 = lowered && !e->abi.variadic && abi_has_i64(&e->abi);
  vec_push(ctx, &plan->exports, e);
}

/* Each bound function, then what the wrappers call besides: free
 * functions, lengths, messages, parents, destructors. */
static void plan_exports(Ctx *ctx, JsPlan *plan) {
  Map seen = {0};
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    add_export(ctx, plan, &seen, jf->func->name, jf);
    add_export(ctx, plan, &seen, jf->func->ret_annot.free_fn, NULL);
    add_export(ctx, plan, &seen, jf->ret_len_fn ? jf->ret_len_fn->name : NULL, NULL);
    add_export(ctx, plan, &seen, jf->error ? jf->error->message_fn : NULL, NULL);
    add_export(ctx, plan, &seen, jf->error ? jf->error->predicate : NULL, NULL);
    for (int k = 0; k < jf->nparams; k++)
      if (jf->params[k].conv == CV_OUTPUT && jf->params[k].out_cap_fn)
        add_export(ctx, plan, &seen, jf->params[k].out_cap_fn->name, NULL);
    add_export(ctx, plan, &seen, jf->message.via ? jf->message.via->name : NULL, NULL);
    for (int k = 0; k < jf->nparams; k++)
      add_export(ctx, plan, &seen, jf->params[k].param->annot.free_fn, NULL);
    plan->uses_errno |= jf->error && jf->error->use_errno;
  }
  for (int i = 0; i < plan->handles.len; i++) {
    const Record *rec = plan->handles.items[i];
    if (rec->handle)
      add_export(ctx, plan, &seen, rec->handle->destroy, NULL);
  }
}

/* The i64 form of the build is told by the arity of an export that takes an
 * i64; a build that splits i64 results needs getTempRet0. */
static void plan_i64_form(JsPlan *plan) {
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    for (int k = 0; k < jf->abi.nparams && !plan->i64_probe; k++)
      if (jf->abi.params[k] == WV_I64)
        plan->i64_probe = jf;
    plan->i64_results |= jf->abi.nresults && jf->abi.result == WV_I64;
  }
}

/* Does load() provide the WASI and Emscripten imports? Only when the binary
 * imports one of them, or when the generator did not see the binary. Other
 * imports are the caller's (options.imports, WB_IMPORT). */
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

/* ---- callbacks in struct fields ---------------------------------------- */

/* The function-pointer fields of the structs JS writes from plain objects:
 * a JS function there gets a table slot for the call (released after it),
 * with a trampoline planned as a kept callback's. A function that writes
 * such a struct calls back: it rethrows what the callbacks threw. */
static void plan_field_callbacks(Ctx *ctx, JsPlan *plan) {
  for (int i = 0; i < plan->value_records.len; i++) {
    Vec fields = {0};
    js_flat_members(ctx, plan->value_records.items[i], &fields);
    for (int k = 0; k < fields.len; k++) {
      const Member *m = ((const FlatMember *)fields.items[k])->m;
      if (m->bit_width >= 0 || m->type->kind != TY_PTR || m->type->base->kind != TY_FUNC)
        continue;
      const char *why;
      JsCallback *cb = js_plan_callback(ctx, m->type->base, NULL, CB_KEPT, &why);
      if (!cb) /* its types cannot cross: an address, as every other pointer */
        continue;
      note_callback_types(ctx, plan, cb); /* (its handles are lent: plan_lent_handles) */
      const Member **key = arena_alloc(ctx, sizeof *key); /* the key outlives the map */
      *key = m;
      map_put(ctx, &plan->field_callbacks, (const char *)key, (int)sizeof *key, cb);
    }
  }
  for (int i = 0; i < plan->funcs.len; i++) {
    JsFunc *jf = plan->funcs.items[i];
    for (int k = 0; k < jf->nparams; k++) {
      const JsParam *jp = &jf->params[k];
      const Record *rec = jp->conv == CV_STRUCT ? jp->value->record
                          : jp->conv == CV_VIEW ? jp->value->base->record
                                                : NULL;
      if (rec && js_record_takes_callbacks(ctx, rec))
        jf->calls_back = true;
    }
  }
}

/* ---- record readers and writers -------------------------------------- */

static void want_reader(Ctx *ctx, JsPlan *plan, const Record *rec);
static void want_writer(Ctx *ctx, JsPlan *plan, const Record *rec);

/* The record a value of type ty is read or written as (a struct, or an
 * array of them), else NULL. */
static const Record *value_record(const Type *ty) {
  while (ty->kind == TY_ARRAY)
    ty = ty->base;
  return ty->kind == TY_STRUCT && ty->record->complete ? ty->record : NULL;
}

static bool want(Ctx *ctx, Map *set, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  if (map_get(set, name, (int)strlen(name)))
    return false;
  map_put(ctx, set, name, (int)strlen(name), (void *)rec);
  return true;
}

/* readX reads its struct fields and arrays of structs with their readers. */
static void want_reader(Ctx *ctx, JsPlan *plan, const Record *rec) {
  if (!rec || !want(ctx, &plan->readers, rec))
    return;
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++)
    want_reader(ctx, plan, value_record(((const FlatMember *)fields.items[i])->m->type));
}

static void want_writer(Ctx *ctx, JsPlan *plan, const Record *rec) {
  if (!rec || !want(ctx, &plan->writers, rec))
    return;
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++)
    want_writer(ctx, plan, value_record(((const FlatMember *)fields.items[i])->m->type));
}

/* A view class copies itself with its reader; a field that is an array of
 * structs is read and written with theirs; a struct field is read as a
 * view of its own and written with its writer. */
static void view_record_io(Ctx *ctx, JsPlan *plan, const Record *rec) {
  want_reader(ctx, plan, rec);
  Vec fields = {0};
  js_flat_members(ctx, rec, &fields);
  for (int i = 0; i < fields.len; i++) {
    const Member *m = ((const FlatMember *)fields.items[i])->m;
    if (m->bit_width >= 0)
      continue;
    if (m->type->kind == TY_ARRAY)
      want_reader(ctx, plan, value_record(m->type));
    want_writer(ctx, plan, value_record(m->type));
  }
}

/* The pointee record of a pointer type, or NULL. */
static const Record *pointee_record(const Type *ty) {
  return ty->kind == TY_PTR ? value_record(ty->base) : NULL;
}

/* What a callback reads (its structs by value) and writes (its struct result). */
static void callback_record_io(Ctx *ctx, JsPlan *plan, const JsCallback *cb) {
  for (int i = 0; i < cb->nargs; i++)
    if (cb->args[i].by_pointer)
      want_reader(ctx, plan, value_record(cb->args[i].type));
  if (cb->ret == JK_STRUCT)
    want_writer(ctx, plan, value_record(cb->type->base));
}

/* What a parameter's conversion reads or writes. */
static void param_record_io(Ctx *ctx, JsPlan *plan, const JsParam *jp) {
  switch (jp->conv) {
  case CV_VIEW:
    want_writer(ctx, plan, pointee_record(jp->value));
    if (js_view_copied_back(jp))
      want_reader(ctx, plan, pointee_record(jp->value));
    break;
  case CV_STRUCT:
    if (!js_record_of_numbers(ctx, jp->value->record))
      want_writer(ctx, plan, jp->value->record);
    break;
  case CV_ELEMENTS: want_writer(ctx, plan, value_record(jp->elem)); break;
  case CV_OUT:
    if (jp->role == PR_INOUT)
      want_writer(ctx, plan, value_record(jp->value));
    if (jp->out_read == OUT_VALUE)
      want_reader(ctx, plan, value_record(jp->value));
    else if (jp->out_read == OUT_OWNED)
      want_reader(ctx, plan, pointee_record(jp->value));
    else if (jp->out_read == OUT_ARRAY)
      want_reader(ctx, plan, value_record(jp->elem));
    break;
  case CV_CALLBACK: callback_record_io(ctx, plan, jp->callback); break;
  default: break;
  }
}

static void function_record_io(Ctx *ctx, JsPlan *plan, const JsFunc *jf) {
  const Type *rt = jf->func->type->base;
  if (jf->ret == JK_STRUCT)
    want_reader(ctx, plan, rt->record);
  else if (jf->ret_elem)
    want_reader(ctx, plan, value_record(jf->ret_elem));
  else if (jf->ret == JK_VIEW && (jf->func->ret_annot.flags & A_OWNED))
    want_reader(ctx, plan, pointee_record(rt));
  for (int k = 0; k < jf->nparams; k++)
    param_record_io(ctx, plan, &jf->params[k]);
}

/* The readX and writeX functions the module's code calls. */
static void plan_record_io(Ctx *ctx, JsPlan *plan) {
  for (int i = 0; i < plan->view_records.len; i++)
    view_record_io(ctx, plan, plan->view_records.items[i]);
  for (int i = 0; i < plan->funcs.len; i++)
    function_record_io(ctx, plan, plan->funcs.items[i]);
  for (int i = 0; i < plan->imports.len; i++)
    callback_record_io(ctx, plan, ((const JsFunc *)plan->imports.items[i])->as_import);
  for (int i = 0; i < plan->value_records.len; i++) { /* callback fields */
    const Record *rec = plan->value_records.items[i];
    for (int k = 0; k < rec->nmembers; k++) {
      const JsCallback *cb = js_field_callback(plan, &rec->members[k]);
      if (cb)
        callback_record_io(ctx, plan, cb);
    }
  }
}

/* An internal error when the emitter calls what the plan did not ask for. */
static const char *planned(Ctx *ctx, const Map *set, const char *what, const Record *rec) {
  const char *name = js_record_name(ctx, rec);
  if (!map_get(set, name, (int)strlen(name)))
    diag_error_plain(ctx, "internal error: the plan has no %s%s", what, name);
  return arena_printf(ctx, "%s%s", what, name);
}

const char *js_reader(Ctx *ctx, const Record *rec) {
  return planned(ctx, &ctx->js_plan->readers, "read", rec);
}

const char *js_writer(Ctx *ctx, const Record *rec) {
  return planned(ctx, &ctx->js_plan->writers, "write", rec);
}

/* A field whose view accessor cannot have its name (a view's own member). */
static void warn_field_keys(Ctx *ctx, const JsPlan *plan) {
  for (int i = 0; i < plan->value_records.len; i++) {
    Vec fields = {0};
    js_flat_members(ctx, plan->value_records.items[i], &fields);
    for (int k = 0; k < fields.len; k++) {
      const Member *m = ((const FlatMember *)fields.items[k])->m;
      const char *key = js_field_key(ctx, m);
      if (strcmp(key, m->name))
        diag_warning(ctx, m->tok,
                     "field '%s' is '%s' in plain objects of '%s': '%s' is a JS object's prototype",
                     m->name, key, js_record_name(ctx, plan->value_records.items[i]), m->name);
    }
  }
}

static void warn_view_accessors(Ctx *ctx, const JsPlan *plan) {
  for (int i = 0; i < plan->view_records.len; i++) {
    Vec fields = {0};
    js_flat_members(ctx, plan->view_records.items[i], &fields);
    for (int k = 0; k < fields.len; k++) {
      const Member *m = ((const FlatMember *)fields.items[k])->m;
      const char *accessor = js_view_accessor(ctx, m);
      if (strcmp(accessor, m->name))
        diag_warning(ctx, m->tok,
                     "field '%s' is '%s' on views of '%s': views have a '%s' of their own", m->name,
                     accessor, js_record_name(ctx, plan->view_records.items[i]), m->name);
    }
  }
}

/* ---- the wrappers ------------------------------------------------------ */

/* Each wrapper's temporaries and checks; fixedScratch fits the largest. */
static void plan_wrappers(Ctx *ctx, JsPlan *plan) {
  bool others_call_back = plan->uses_kept || plan->imports.len > 0;
  for (int i = 0; i < plan->funcs.len; i++) {
    JsFunc *jf = plan->funcs.items[i];
    js_plan_wrapper(ctx, jf, others_call_back);
    if (jf->temps == TEMPS_FIXED && jf->fixed_size > plan->fixed_scratch)
      plan->fixed_scratch = jf->fixed_size;
  }
}

/* The header's enums, and the types of those it uses from elsewhere. */
static void plan_enums(Ctx *ctx, JsPlan *plan) {
  Vec *enums = &ctx->program.enums;
  Vec reported_list = {0};
  Map reported = {0};
  for (int i = 0; i < enums->len; i++) {
    Enum *e = enums->items[i];
    add_once(ctx, &reported_list, &reported, e);
    if (js_enum_name(ctx, e))
      vec_push(ctx, &plan->enums, e);
  }
  for (int i = 0; i < plan->used_enums.len; i++) {
    Enum *e = plan->used_enums.items[i];
    if (!js_set_has(&reported, e) && js_enum_name(ctx, e))
      vec_push(ctx, &plan->type_enums, e);
  }
}

const JsPlan *js_library_plan(Ctx *ctx) {
  if (ctx->js_plan)
    return ctx->js_plan;
  JsPlan *plan = ctx->js_plan = arena_alloc(ctx, sizeof *plan);
  plan_freeing(ctx, plan);
  plan_scope(ctx, plan);
  plan_reserved_names(ctx, plan);
  plan_functions(ctx, plan);
  plan_field_callbacks(ctx, plan);
  plan_enums(ctx, plan);
  if (plan->uses_errors)
    plan->error_class = js_error_class_name(ctx);
  plan_lent_handles(ctx, plan);
  group_methods(ctx, plan);
  plan_props(ctx, plan);
  plan_wrappers(ctx, plan);
  plan_exports(ctx, plan);
  plan_i64_form(plan);
  plan->system_imports = needs_system_imports(ctx);
  plan_record_io(ctx, plan);
  plan_runtime(ctx, plan);
  warn_view_accessors(ctx, plan);
  warn_field_keys(ctx, plan);
  return plan;
}
