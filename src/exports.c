/* exports.c: the functions a binary must export for the generated bindings
 * (`wasmbind exports`): malloc and free, which the glue itself calls, then
 * every function the header declares without defining it (but those JS
 * implements, WB_IMPORT), then the release functions named by WB_FREE(fn). */
#include "internal.h"
#include <string.h>

static bool is_glue_function(const char *name) {
  return strcmp(name, "malloc") == 0 || strcmp(name, "free") == 0;
}

static bool listed(const Vec *fns, const char *name) {
  for (int i = 0; i < fns->len; i++)
    if (strcmp(((ExportFn *)fns->items[i])->name, name) == 0)
      return true;
  return false;
}

/* A static function is not the binary's to export, even where another
 * declaration of it is not static. (An inline one that is not static has
 * an external definition in the library: C99 6.7.4, GNU `extern inline`.) */
static bool defined_in_header(const Program *prog, const char *name) {
  for (int i = 0; i < prog->functions.len; i++) {
    const Func *f = prog->functions.items[i];
    if (strcmp(f->name, name) == 0 && f->is_static)
      return true;
  }
  return false;
}

static void add(Ctx *ctx, Vec *fns, const char *name, const Func *func, const Token *tok) {
  if (is_glue_function(name) || listed(fns, name))
    return;
  ExportFn *e = arena_alloc(ctx, sizeof *e);
  e->name = name;
  e->func = func;
  e->tok = tok;
  vec_push(ctx, fns, e);
}

static void add_free_fn(Ctx *ctx, Vec *fns, const Annot *annot) {
  const char *name = annot->free_fn;
  if (!name || !*name || defined_in_header(&ctx->program, name))
    return;
  const Func *func = program_function(&ctx->program, name);
  add(ctx, fns, name, func, func ? func->tok : annot->tok);
}

Vec exports_functions(Ctx *ctx) {
  Vec fns = {0};
  const Vec *all = &ctx->program.functions;
  for (int i = 0; i < all->len; i++) {
    const Func *f = all->items[i];
    if (f->reported && !defined_in_header(&ctx->program, f->name) &&
        !(f->ret_annot.flags & A_IMPORT)) /* JS implements it: an import */
      add(ctx, &fns, f->name, f, f->tok);
  }
  for (int i = 0; i < all->len; i++) {
    const Func *f = all->items[i];
    if (!f->reported)
      continue;
    if (f->error && f->error->use_errno) /* the bindings read errno through it */
      add(ctx, &fns, "__errno_location", NULL, f->error->tok);
    add_free_fn(ctx, &fns, &f->ret_annot);
    for (int j = 0; j < f->type->nparams; j++)
      add_free_fn(ctx, &fns, &f->type->params[j].annot);
  }
  return fns;
}

/* The functions, then the header's variables (exported as globals holding
 * their addresses: emcc takes them in -sEXPORTED_FUNCTIONS too). */
void emit_exports(Ctx *ctx, Buf *out) {
  Vec fns = exports_functions(ctx);
  const Vec *vars = &ctx->program.variables;
  const char *glue[] = {"malloc", "free"};
  int n = fns.len + 2 + vars->len;
  for (int i = 0; i < n; i++) {
    const char *name = i < 2             ? glue[i]
                       : i < fns.len + 2 ? ((ExportFn *)fns.items[i - 2])->name
                                         : ((const Variable *)vars->items[i - 2 - fns.len])->name;
    switch (ctx->opts->exports_format) {
    case WB_EXPORTS_EMCC: buf_printf(out, "%s_%s", i ? "," : "", name); break;
    case WB_EXPORTS_LD: buf_printf(out, "%s--export=%s", i ? " " : "", name); break;
    case WB_EXPORTS_LIST: buf_printf(out, "%s\n", name); break;
    }
  }
  if (ctx->opts->exports_format != WB_EXPORTS_LIST)
    buf_putc(out, '\n');
}
