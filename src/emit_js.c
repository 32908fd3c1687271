/* emit_js.c: the generated ES module, printed from the plan (plan.h). Its
 * shape:
 *
 *   module-level runtime regions (errors, loading, WASI imports)
 *   function createLibrary(exports, host) {
 *     instance runtime regions (memory views, temporaries, strings...)
 *     the exports it calls, record readers/writers, view classes, handle
 *     classes, one specialised wrapper per C function, import adapters
 *     return the library object
 *   }
 *   export function wrap(...), export default async function load(...)
 *
 * Records are written by emit_js_records.c, wrappers by emit_js_wrapper.c. */
#include "emit_js.h"
#include <string.h>

static const char *header_base(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

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
static void put_raw_export(Ctx *ctx, Writer *w, const JsExport *e) {
  const AbiSig *abi = &e->abi;
  if (!e->i64) {
    wr_line(w, "const _%s = exports.%s;", e->name, e->name);
    return;
  }
  Buf params = {0}, args = {0};
  for (int k = 0; k < abi->nparams; k++) {
    buf_printf(&params, "%sa%d", k ? ", " : "", k);
    buf_printf(&args,
               abi->params[k] == WV_I64 ? "%sNumber(a%d & 0xffffffffn) | 0, Number(a%d >> 32n) | 0"
                                        : "%sa%d",
               k ? ", " : "", k, k);
  }
  wr_open(w, "const _%s = !legalI64 ? exports.%s : (%s) => {", e->name, e->name,
          params.data ? params.data : "");
  wr_line(w, "%sexports.%s(%s);", abi->nresults ? "const r = " : "", e->name,
          args.data ? args.data : "");
  if (abi->nresults && abi->result == WV_I64)
    wr_line(w, "return BigInt.asIntN(64, (BigInt(host.tempRet0()) << 32n) | BigInt(r >>> 0));");
  else if (abi->nresults)
    wr_line(w, "return r;");
  wr_close(w, "};");
  buf_release(&params);
  buf_release(&args);
  (void)ctx;
}

/* wbCheckExports: each export by name, a bound function with its arity
 * (and its arity in a build that splits i64). */
static void put_export_check(Ctx *ctx, Writer *w, const JsPlan *plan) {
  wr_open(w, "wbCheckExports(exports, [");
  for (int i = 0; i < plan->exports.len; i++) {
    const JsExport *e = plan->exports.items[i];
    if (!e->bound) {
      wr_line(w, "'%s',", e->name);
      continue;
    }
    int plain = e->bound->abi.nparams, legal = legalized_arity(&e->bound->abi);
    if (plain == legal)
      wr_line(w, "'%s:%d',", e->name, plain);
    else
      wr_line(w, "'%s:%d:%d',", e->name, plain, legal);
  }
  if (plan->uses_errno)
    wr_line(w, "'__errno_location',");
  wr_close(w, "], legalI64, '%s');", header_base(ctx->opts->header_path));
}

static void emit_raw_exports(Ctx *ctx, Writer *w, const JsPlan *plan) {
  put_export_check(ctx, w, plan);
  if (plan->uses_errno) /* errno's address is fixed (one thread) */
    wr_line(w, "const _errno = exports.__errno_location();");
  for (int i = 0; i < plan->exports.len; i++)
    put_raw_export(ctx, w, plan->exports.items[i]);
}

/* An enum as a frozen object, one constant a line. */
static void put_enum_object(Ctx *ctx, Writer *w, const Enum *e) {
  bool u = e->int_type && type_is_unsigned(e->int_type);
  if (e->nconsts == 0) {
    wr_line(w, "%s: Object.freeze({}),", js_enum_name(ctx, e));
    return;
  }
  wr_open(w, "%s: Object.freeze({", js_enum_name(ctx, e));
  for (int k = 0; k < e->nconsts; k++) {
    Buf v = {0};
    jsv_int_literal(&v, e->consts[k].value, u);
    wr_line(w, "%s: %s,", e->consts[k].name, v.data);
    buf_release(&v);
  }
  wr_close(w, "}),");
}

/* `key: value,` in an object literal; `key,` when they are the same name; a
 * computed key for `__proto__`, which a plain one would make the prototype. */
static void put_property(Writer *w, const char *key, const char *value) {
  if (!strcmp(key, "__proto__"))
    wr_line(w, "['__proto__']: %s,", value);
  else if (!strcmp(key, value))
    wr_line(w, "%s,", key);
  else
    wr_line(w, "%s: %s,", key, value);
}

/* `get x() {...}` (and `set x(v) {...}`) reading a variable of the library
 * where its export says it is. */
static void put_variable(Ctx *ctx, Writer *w, const JsProp *p) {
  const Variable *v = p->var;
  const char *addr = arena_printf(ctx, "wbVarAddress(exports.%s, '%s')", v->name, v->name);
  wr_open(w, "get %s() {", p->name);
  wr_line(w, "const a = %s;", addr);
  if (v->type->kind == TY_ARRAY) /* a char array */
    wr_line(w, "return readFixedString(a, %lld);", (long long)v->type->array_len);
  else
    wr_line(w, "return %s;", jsv_load(ctx, v->type, "a", true));
  wr_close(w, "},");
  if (!p->writable)
    return;
  wr_open(w, "set %s(v) {", p->name);
  wr_line(w, "const a = %s;", addr);
  jsv_store(ctx, w, v->type, "a", "v", arena_printf(ctx, "'%s'", v->name), true, false);
  wr_close(w, "},");
}

/* A class of the library by its public face: no constructor (wbPublic). */
static void put_public_class(Writer *w, const char *name) {
  wr_line(w, "%s: wbPublic(%s),", name, name);
}

/* `return Object.freeze({...})`: the library object. */
static void put_library_object(Ctx *ctx, Writer *w, const JsPlan *plan) {
  wr_open(w, "return Object.freeze({");
  for (int i = 0; i < plan->funcs.len; i++) {
    const JsFunc *jf = plan->funcs.items[i];
    put_property(w, jf->js_key, jf->js_ident);
  }
  /* the classes stay inside: only their public face (no constructor) */
  for (int i = 0; i < plan->view_records.len; i++)
    put_public_class(w, js_record_name(ctx, plan->view_records.items[i]));
  for (int i = 0; i < plan->handles.len; i++)
    put_public_class(w, js_record_name(ctx, plan->handles.items[i]));
  if (plan->error_class)
    wr_line(w, "%s,", plan->error_class);
  for (int i = 0; i < plan->enums.len; i++)
    put_enum_object(ctx, w, plan->enums.items[i]);
  /* Enumerators and #defines are plain properties, variables accessors. */
  for (int i = 0; i < plan->props.len; i++) {
    const JsProp *p = plan->props.items[i];
    if (p->var) {
      put_variable(ctx, w, p);
      continue;
    }
    Buf v = {0};
    jsv_prop_literal(&v, p);
    put_property(w, p->name, v.data);
    buf_release(&v);
  }
  if (plan->uses_alloc)
    wr_line(w, "alloc: wbAlloc,");
  wr_line(w, "memory: exports.memory,");
  wr_line(w, "exports,");
  wr_close(w, "});");
}

/* The inside of createLibrary after the runtime. */
static void emit_library(Ctx *ctx, Writer *w, const JsPlan *plan) {
  wr_line(w, "const legalI64 = host.legalI64;");
  emit_raw_exports(ctx, w, plan);
  emit_record_io(ctx, w, plan);
  for (int i = 0; i < plan->view_records.len; i++)
    emit_view_class(ctx, w, plan->view_records.items[i]);
  for (int i = 0; i < plan->handles.len; i++)
    emit_handle_class(ctx, w, plan->handles.items[i], plan);
  for (int i = 0; i < plan->funcs.len; i++)
    emit_wrapper(ctx, w, plan->funcs.items[i], plan);
  if (plan->fixed_scratch) /* shared: these functions cannot run inside one another */
    wr_line(w, "const fixedScratch = malloc(%lld);", (long long)plan->fixed_scratch);
  for (int i = 0; i < plan->imports.len; i++)
    emit_import(ctx, w, plan->imports.items[i]);
  put_library_object(ctx, w, plan);
}

/* isLegalized(): the i64 form of the binary, told by the arity of an
 * export taking an i64. */
static void emit_is_legalized(Writer *w, const JsPlan *plan) {
  wr_line(w, "/** True when i64 crosses as (low, high) i32 pairs: Emscripten builds without");
  wr_line(w, " * -sWASM_BIGINT that are not standalone. */");
  wr_open(w, "function isLegalized(exports, imports) {");
  if (plan->i64_probe) {
    wr_line(w, "const probe = exports.%s;", plan->i64_probe->func->name);
    wr_line(w, "if (typeof probe === 'function') return probe.length !== %d;",
            plan->i64_probe->abi.nparams);
  }
  wr_line(w, "return imports.some((i) => i.name === 'setTempRet0') || typeof exports.getTempRet0 "
             "=== 'function';");
  wr_close(w, "}");
  wr_line(w, "%s", "");
}

static void emit_wrap(Writer *w, const JsPlan *plan) {
  wr_line(w, "/**");
  wr_line(w, " * The library over an instantiated module: a WebAssembly.Instance, its exports,");
  wr_line(w, " * or an Emscripten Module whose runtime is ready.");
  wr_line(w, " */");
  wr_open(w, "export function wrap(instanceOrExports) {");
  wr_line(w, "const x = instanceOrExports;");
  wr_line(w, "const exports = x instanceof WebAssembly.Instance ? x.exports : x.asm ?? "
             "x.wasmExports ?? x;");
  wr_line(w, "if (!exports || !(exports.memory instanceof WebAssembly.Memory))");
  w->depth++; /* the if's statement */
  wr_line(w, "throw new TypeError('instanceOrExports: expected a WebAssembly.Instance, its "
             "exports or an Emscripten Module');");
  w->depth--;
  wr_line(w, "const tempRet0 = x.getTempRet0 ?? exports.getTempRet0;");
  wr_line(w, "const legalI64 = isLegalized(exports, []);");
  if (plan->i64_results) {
    wr_line(w, "if (legalI64 && typeof tempRet0 !== 'function')");
    w->depth++; /* the if's statement */
    wr_line(w, "throw new Error('wasmbind: this build passes 64-bit integers as (low, high) "
               "pairs and does not export getTempRet0: link it with -sWASM_BIGINT');");
    w->depth--;
  }
  wr_line(w, "return createLibrary(exports, { legalI64, tempRet0 });");
  wr_close(w, "}");
  wr_line(w, "%s", "");
}

/* Imports JS implements go through adapters that createLibrary fills in
 * once the instance (its memory, malloc) exists. */
static void put_import_hooks(Ctx *ctx, Writer *w, const JsPlan *plan) {
  if (!plan->imports.len)
    return;
  wr_line(w, "const adapters = {};");
  for (int i = 0; i < plan->imports.len; i++) {
    const JsFunc *jf = plan->imports.items[i];
    const char *n = jf->func->name;
    Buf params = {0};
    for (int k = 0; k < jf->abi.nparams; k++)
      buf_printf(&params, "%sa%d", k ? ", " : "", k);
    const char *ps = arena_strdup(ctx, params.data ? params.data : "");
    buf_release(&params);
    wr_line(w, "if (imports.env && '%s' in imports.env) imports.env.%s = (%s) => adapters.%s(%s);",
            n, n, ps, n, ps);
  }
}

/* The import object: what the caller gives, and the WASI and Emscripten
 * functions when the binary seen imports any (one built later that does
 * gets a clear error if C calls them). */
static void put_import_object(Writer *w, const JsPlan *plan) {
  if (!plan->system_imports) {
    wr_line(w, "const imports = wbImports(module, options.imports, { env: { "
               "emscripten_notify_memory_growth: () => {} } });");
    return;
  }
  wr_line(w, "const state = { tempRet0: 0 };");
  wr_open(w, "const imports = wbImports(module, options.imports, wbSystemImports({");
  wr_line(w, "memory: () => instance.exports.memory,");
  wr_line(w, "onGrow: () => {},");
  wr_close(w, "}, state));");
}

static void emit_load(Ctx *ctx, Writer *w, const JsPlan *plan) {
  const char *wasm = ctx->opts->wasm_file ? ctx->opts->wasm_file : "module.wasm";
  wr_line(w, "/**");
  wr_line(w, " * Loads and instantiates the library. `source`: a URL, path, Response,");
  wr_line(w, " * BufferSource or WebAssembly.Module; by default %s next to this file.", wasm);
  wr_line(w, " */");
  wr_open(w, "export default async function load(source, options = {}) {");
  wr_line(w, "const module = await wbCompile(source, () => new URL('./%s', import.meta.url));",
          wasm);
  wr_line(w, "let instance;");
  put_import_object(w, plan);
  put_import_hooks(ctx, w, plan);
  wr_line(w, "instance = await WebAssembly.instantiate(module, imports);");
  wr_line(w, "// Static constructors: _initialize in standalone builds, else __wasm_call_ctors.");
  wr_line(w, "const init = instance.exports._initialize ?? instance.exports.__wasm_call_ctors;");
  wr_line(w, "if (typeof init === 'function') init();");
  wr_line(w, "const legalI64 = isLegalized(instance.exports, WebAssembly.Module.imports(module));");
  /* without setTempRet0 imported, no export returns a legalized i64 */
  wr_line(w, "return createLibrary(instance.exports, { legalI64, tempRet0: %s%s });",
          plan->system_imports ? "() => state.tempRet0" : "() => 0",
          plan->imports.len ? ", imports: options.imports, adapters" : "");
  wr_close(w, "}");
}

/* After createLibrary: isLegalized(), wrap() and load(). */
static void emit_loaders(Ctx *ctx, Writer *w, const JsPlan *plan) {
  emit_is_legalized(w, plan);
  emit_wrap(w, plan);
  emit_load(ctx, w, plan);
}

/* The library's error class: `code` is what the C function returned. */
static void emit_error_class(Writer *w, const char *name) {
  wr_line(w, "%s", "");
  wr_line(w, "/** A C function of the library reported failure: `code` is its result,");
  wr_line(w, " * `function` its name. */");
  wr_open(w, "export class %s extends Error {", name);
  wr_open(w, "constructor(fn, code, message) {");
  wr_line(w, "super(message ?? `${fn} failed (${code})`);");
  wr_line(w, "this.name = '%s';", name);
  wr_line(w, "this.code = code;");
  wr_line(w, "this.function = fn;");
  wr_close(w, "}");
  wr_close(w, "}");
}

/* The regions of the runtime that provide what the plan uses, and those
 * they need. */
static RuntimeRegions *wanted_runtime(Ctx *ctx, const JsPlan *plan) {
  RuntimeRegions *rt = rt_regions(ctx);
  for (int i = 0; i < plan->runtime.cap; i++) {
    const char *name = plan->runtime.slots[i].val;
    if (name && !rt_want(rt, name))
      diag_error_plain(ctx, "internal error: no region of web/runtime.js provides %s", name);
  }
  return rt;
}

void emit_js(Ctx *ctx, Buf *out) {
  const JsPlan *plan = js_library_plan(ctx);
  RuntimeRegions *rt = wanted_runtime(ctx, plan);
  Writer w = {out, 0};
  wr_line(&w, "// Generated by wasmbind from %s. Do not edit.",
          header_base(ctx->opts->header_path));
  wr_line(&w, "// @ts-nocheck");
  rt_put(out, rt, false);
  if (plan->error_class)
    emit_error_class(&w, plan->error_class);
  wr_line(&w, "%s", "");
  wr_line(&w, "/** The library object over one instance's exports. */");
  wr_open(&w, "function createLibrary(exports, host) {");
  rt_put(out, rt, true);
  emit_library(ctx, &w, plan);
  wr_close(&w, "}");
  wr_line(&w, "%s", "");
  emit_loaders(ctx, &w, plan);
}
