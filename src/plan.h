/* plan.h: the binding plan. How each declaration of the header maps to JS is
 * decided once, here: bindings.c plans each function (its parameters'
 * conversions, its result's shape, its callbacks' trampolines, its
 * temporaries), plan.c the library (records, handles, exports, constants,
 * the runtime it needs). The emitters (emit_js.c, emit_ts.c) only print the
 * plan: they lower no ABI, report nothing and decide nothing, so the module
 * and its .d.ts cannot disagree. docs/DESIGN.md, "Binding plan". */
#ifndef WASMBIND_PLAN_H
#define WASMBIND_PLAN_H

#include "internal.h"

/* What a C value is on the JS side (docs/DESIGN.md, "Default mapping"). */
typedef enum {
  JK_VOID,
  JK_INT,    /* integers up to 32 bits and enums: number */
  JK_I64,    /* 64-bit integers: bigint */
  JK_FLOAT,  /* float, double: number */
  JK_BOOL,   /* _Bool: boolean */
  JK_STRING, /* const char * (and char * returned): string | null */
  JK_STRUCT, /* struct or union by value: plain object */
  JK_VIEW,   /* pointer to a complete struct or union: view class */
  JK_HANDLE, /* pointer to an incomplete struct: branded handle */
  JK_FUNC,   /* function pointer: JS function for the call */
  JK_ADDR,   /* any other pointer: number (address) */
  JK_UNSUPPORTED,
} JsKind;

/* How a C parameter appears in JS. */
typedef enum {
  PR_IN,       /* an argument */
  PR_OUT,      /* WB_OUT: not passed; returned */
  PR_INOUT,    /* WB_INOUT: passed and returned */
  PR_ARRAY,    /* WB_LEN(n) on an input pointer: a JS array (string, bytes) */
  PR_LENGTH,   /* the n of a WB_LEN(n): filled in by the binding, not passed */
  PR_OMIT,     /* rules `omit`: not passed; C gets 0 */
  PR_PASS,     /* rules `pass N`: not passed; C gets N */
  PR_USERDATA, /* rules `userdata`: not passed; the binding's key of kept callbacks, or 0 */
} ParamRole;

/* How a parameter's value goes to C: one conversion function each in
 * emit_js_wrapper.c. */
typedef enum {
  CV_NUMBER,    /* an integer up to 32 bits, an enum, a float: checked, passed as is */
  CV_BOOL,      /* checked, passed as is */
  CV_ADDR,      /* a number address; null is 0 where nullable */
  CV_I64,       /* a bigint or safe integer, passed as a BigInt */
  CV_STRING,    /* a string copied to a temporary, NUL-terminated */
  CV_HANDLE,    /* a handle object: its pointer */
  CV_VIEW,      /* a view's pointer, or a plain object copied to a temporary */
  CV_VIEW_ONLY, /* a view's pointer only: C frees or takes the memory (consumed) */
  CV_STRUCT,    /* by value: checked and written to a temporary */
  CV_CALLBACK,  /* a JS function, through a table slot */
  CV_CONSTANT,  /* omit, pass N, userdata: a constant, or the kept callbacks' key */
  CV_LENGTH,    /* the count of an array parameter */
  CV_BYTES,     /* void * with a length: bytes, copied back when not const */
  CV_CHARS,     /* char * with a length: a string (UTF-8) or bytes */
  CV_TYPED,     /* T * with a length, T a scalar: an array-like of numbers */
  CV_ELEMENTS,  /* T * with a length, any other T: an array, each element converted */
  CV_OUT,       /* WB_OUT, WB_INOUT: a temporary C writes, read after the call */
  CV_OUTPUT,    /* rules `output`: a buffer the binding allocates and C fills */
} Conversion;

/* How an out-value becomes JS after the call (CV_OUT). */
typedef enum {
  OUT_NONE,   /* not returned: a count, read where its array is */
  OUT_VALUE,  /* the pointee as a JS value */
  OUT_ARRAY,  /* WB_LEN: the array the pointee points to */
  OUT_HANDLE, /* a handle, owned or lent */
  OUT_OWNED,  /* an owned pointer: converted, then freed */
} OutRead;

/* How long C may call a callback: during the call, until a releasing
 * callback runs (`keep until`), or the releasing callback itself. */
typedef enum { CB_CALL, CB_KEPT, CB_RELEASE } CallbackLife;

/* JsParam.keep_until of a callback C keeps until the same function
 * replaces it for the same handle (rules `keep until replaced`). */
enum { KEEP_REPLACED = -2 };

/* One C argument of a callback (or of an import) as JS receives it. */
typedef struct {
  JsKind kind;
  const Type *type;
  bool hidden;       /* not given to JS: omit, userdata, an array's count, a releaser's user data */
  int count_arg;     /* `len N` on a pointer: the wasm argument holding the count, else -1 */
  bool text;         /* ... of chars: a string (plain char, or `text`), not bytes */
  const char *array; /* ... else of numbers: its typed array class (`bytes`: Uint8Array),
                        NULL for pointers (an array of their JS values) */
  bool terminated;   /* `terminated` on a T **: an array up to its NULL element */
  int wasm_arg;      /* the wasm argument holding the value, -1 when none */
  bool by_pointer;   /* a struct passed by pointer to a copy */
} JsCallbackArg;

/* A JS function standing for a C function pointer: the trampoline C calls. */
typedef struct {
  const Type *type; /* TY_FUNC */
  AbiSig abi;
  const char *sig; /* the trampoline's wasm signature, as "ij>d" */
  CallbackLife life;
  JsKind ret;          /* what JS gives back to C */
  JsCallbackArg *args; /* one per C parameter */
  int nargs;
} JsCallback;

typedef struct {
  const Param *param;
  const char *js_name; /* a valid JS identifier, apart from the wrapper's locals */
  const char *c_name;  /* the C name: messages and result keys ("arg2" when unnamed) */
  ParamRole role;
  Conversion conv;
  JsKind kind;         /* of the value JS sees (PR_OUT/PR_INOUT: the pointee's) */
  Type *value;         /* the C type of that value */
  Type *elem;          /* PR_ARRAY or a WB_LEN out/return: the element type (void: bytes) */
  int len_index;       /* WB_LEN: index of the length parameter, -1 when none */
  int array_index;     /* PR_LENGTH: index of the array it measures; an out count: the
                          array's, or -2 when it measures the return */
  bool nullable;       /* null accepted at run time (WB_NULLABLE, or not --strict) */
  bool typed_nullable; /* null in the .d.ts (WB_NULLABLE, a releasing callback) */
  bool consumed;       /* C frees or takes over what it points to: only C's memory */
  int keep_until;      /* a kept callback: index of the callback parameter that releases
                          it, KEEP_REPLACED, or -1 (for the call) */
  bool releases;       /* the callback parameter that releases kept callbacks */
  unsigned wide;       /* a UTF-16 (2) or UTF-32 (4) string, as rules `utf16`, char16_t,
                          char32_t or wchar_t say (CV_STRING, CV_CHARS); 0: not */
  /* CV_OUTPUT: the capacity (in elements) an integer parameter's value, which C gets;
   * the produced length the C result, an integer out parameter's value, or the capacity */
  int out_cap_param;      /* the parameter giving the capacity, or ... */
  const Func *out_cap_fn; /* ... a size function, called with these parameters' values
                             (-1: the constant in out_cap_consts), */
  int *out_cap_args;
  int64_t *out_cap_consts;
  int out_cap_nargs;
  int out_into;         /* ... whose result C gets in this parameter (filled by the binding) */
  int out_len_param;    /* the out parameter giving the length, or -1 */
  bool out_len_result;  /* the C result is the length */
  JsCallback *callback; /* CV_CALLBACK */
  OutRead out_read;     /* CV_OUT */
  int keeper;           /* OUT_HANDLE: the parameter whose handle it is tied to, or -1 */
  bool zeroed;          /* CV_OUT: its temporary starts as zeros */
  int64_t temp;         /* CV_OUT, CV_STRUCT: its offset in fixedScratch, -1 in the area */
} JsParam;

/* Where an error's message comes from: message_fn applied to a handle, or
 * to the result code. */
typedef struct {
  int param;       /* the parameter holding the handle, -1: none */
  const Func *via; /* NULL, or the parent function from that handle to the message's */
  bool by_code;    /* message_fn takes the code (argon2_error_message) */
} JsMessage;

/* Where a function's temporaries live. */
typedef enum {
  TEMPS_NONE,
  TEMPS_FIXED, /* fixed offsets of one block made at instantiation (fixedScratch) */
  TEMPS_AREA,  /* the temporary area, released on both ways out (try/catch) */
} TempStrategy;

/* What a wrapper returns. */
typedef enum {
  SHAPE_NONE,   /* undefined */
  SHAPE_RETURN, /* the C result's value */
  SHAPE_OUT,    /* its one out-value */
  SHAPE_OBJECT, /* { return: ..., out1: ..., ... } */
} ResultShape;

typedef struct {
  const Func *func;
  const char *js_ident; /* the wrapper's identifier (js_scope_ident of the C name) */
  const char *js_key;   /* its property on the library object (js_property_name) */
  JsParam *params;
  int nparams;
  JsKind ret;             /* JK_VOID for void */
  Type *ret_elem;         /* WB_LEN on the return: element type (void: bytes) */
  int ret_len_index;      /* WB_LEN on the return: the length parameter, or -1 */
  const Func *ret_len_fn; /* `len F` on the return: F, called with the same arguments */
  bool ret_view;          /* `view` on an array return: a typed array over memory */
  unsigned ret_wide;      /* the result is a UTF-16 (2) or UTF-32 (4) string, as `wide` */
  bool ret_nonnull;       /* NULL throws (`error if null`, `nonnull`): the result is never null */
  int nouts;              /* out-values in the result */
  AbiSig abi;
  const ErrorConv *error; /* rules: how the result says it failed */
  JsMessage message;
  JsMessage code;         /* `code F`: the handle F reads the error's code from (param -1: none) */
  bool keeps;             /* has callbacks kept until a releasing callback runs */
  int replaces_owner;     /* has callbacks kept until replaced: their handle parameter,
                             -2 when none (one per function), -1 when no such callbacks */
  const Record *destroys; /* destroys the handle of this type ... */
  const Destroyer *destroyer; /* ... as this rules `destroy` item says ... */
  int destroys_param;         /* ... given as this parameter */
  int ret_keeper;             /* a handle result is tied to this parameter's handle, or -1 */
  int format_param;           /* printf-like: the format of the variadic arguments, or -1 */
  const char *va_kinds;       /* rules `varargs`: the variadic arguments' kinds (as the
                                 runtime's wbFormatKinds), "" from the JS values; else NULL */
  bool checks_destroys;    /* a struct argument holds handles: none may die while they are read */
  const Record *method_of; /* also a method of this handle class ... */
  const char *method;      /* ... named so */
  /* the wrapper's shape */
  ResultShape shape;
  bool return_in_result; /* the C result is in the JS result (not a passed error check) */
  TempStrategy temps;
  bool temp_area;        /* takes the temporary area's marks (t0/h0) */
  bool calls_back;       /* has callbacks: pending errors are rethrown */
  bool watches;          /* a callback (its own or a kept one) may run during the call */
  bool writes_before;    /* writes memory through the views before the call */
  bool reads_after;      /* reads memory through the views after the call */
  bool direct;           /* numbers in, a number out: nothing but checks around the call */
  bool inline_call;      /* nothing between the call and the result: `return conv(_f(...))` */
  int64_t ret_temp;      /* a struct result: its offset in fixedScratch, -1 in the area */
  int64_t fixed_size;    /* TEMPS_FIXED: the bytes of fixedScratch it uses */
  JsCallback *as_import; /* an import: C's arguments and JS's result, as a callback's */
} JsFunc;

/* A plain integer property of the library object. */
typedef struct {
  const char *name;
  int64_t value;
  bool is_unsigned;
  const ValueMacro *macro; /* a string or floating #define instead of value */
  const Variable *var;     /* a variable of the library instead: a getter (and setter) */
  bool writable;           /* var: a number the JS can set (not const) */
} JsProp;

/* A wasm export the module calls. */
typedef struct {
  const char *name;
  const JsFunc *bound; /* a wrapped function, whose arity load() checks; else NULL */
  bool i64;            /* takes or returns an i64: adapted where a build splits them */
  AbiSig abi;          /* when i64 */
} JsExport;

/* The plan of the library. */
typedef struct JsPlan {
  Vec value_records;    /* Record*: read/write as plain objects (their .d.ts interfaces) */
  Vec view_records;     /* Record*: view classes */
  Vec handles;          /* Record*: incomplete structs used through pointers */
  Vec lent_handles;     /* Record*: those C also lends (not owned results, callback arguments) */
  Vec funcs;            /* JsFunc*: the bound functions */
  Vec imports;          /* JsFunc*: functions JS implements (WB_IMPORT) */
  Vec enums;            /* Enum*: with a JS name */
  Vec type_enums;       /* Enum*: used by what is bound, declared elsewhere (a system
                           header): a type alias in the .d.ts only */
  Vec props;            /* JsProp*: enumerators and #define constants, each name once */
  Vec exports;          /* JsExport*: the wasm exports called, each once */
  Map readers, writers; /* record JS name -> Record*: the readX/writeX functions needed */
  Map freeing;          /* names of functions that free their first parameter (WB_FREE) */
  Map reserved;         /* names a wrapper's parameter must not shadow */
  Map value_set, view_set, handle_set, lent_set; /* the Vecs above as sets (js_set_has) */
  Vec used_enums; /* Enum*: every enum type what is bound uses, first use first */
  Map enum_set;   /* used_enums as a set */
  Map methods;    /* Record* (pointer bytes) -> Vec of its methods' JsFunc* */
  Map scope;      /* the runtime's and createLibrary's own names */
  Map runtime;    /* the runtime declarations the code calls (plan_runtime.c) */
  Map runtime_readers, runtime_writers; /* records whose readers/writers were walked */
  Map field_callbacks;     /* Member* (pointer bytes) -> JsCallback*: a function-pointer field a
                              plain object fills with a JS function, for the call */
  const char *error_class; /* rules `error`: the library's error class ("Sqlite3Error") */
  bool uses_errno;         /* an `errno` error convention: __errno_location */
  bool system_imports;     /* load() provides the WASI and Emscripten imports */
  const JsFunc *i64_probe; /* a function taking an i64: its arity tells the build's i64 form */
  bool i64_results;        /* some export returns an i64 */
  bool uses_kept;          /* some function keeps callbacks beyond its call */
  int64_t fixed_scratch;   /* bytes of fixedScratch, 0: none */
  bool uses_errors;        /* some function has an error convention: the error class */
  bool uses_alloc;         /* some conversion takes arrays (in place when in memory): lib.alloc */
} JsPlan;

/* ---- bindings.c: naming, kinds, and the plan of one function ----------- */

/* The plan of the whole library, made once per run (its warnings too). */
const JsPlan *js_library_plan(Ctx *ctx);
/* Plans the binding of f. Returns false after a located warning when f
 * cannot be bound (it is skipped, never silently). Arena memory. */
bool js_plan_function(Ctx *ctx, const Func *f, JsFunc *out);
/* The wrapper's temporaries and checks, once the library is planned:
 * `others_call_back` when kept callbacks or imports may run in any call. */
void js_plan_wrapper(Ctx *ctx, JsFunc *jf, bool others_call_back);
/* Plans f as an import (WB_IMPORT). False after a located warning. */
bool js_plan_import(Ctx *ctx, const Func *f, JsFunc *out);
/* The JS name of a record (class and value types) and of an enum. */
const char *js_record_name(Ctx *ctx, const Record *rec);
const char *js_enum_name(Ctx *ctx, const Enum *e);
/* The library's error class: "sqlite3" -> "Sqlite3Error". */
const char *js_error_class_name(Ctx *ctx);
/* The runtime's function for a string of `units` bytes per unit (0: UTF-8),
 * `counted` for the one with a length: js_wide_fn(2, "readString", true)
 * is "readString16N". */
const char *js_wide_fn(Ctx *ctx, unsigned units, const char *fn, bool counted);
/* The typed array class of a scalar element type ("Float64Array"), or NULL. */
const char *js_typed_array(Ctx *ctx, const Type *ty);
/* An identifier that is safe as a JS binding name: reserved words and the
 * globals the glue uses (`undefined`, `Object`...) get a `_`. */
const char *js_safe_ident(Ctx *ctx, const char *name);
/* js_safe_ident(), also apart from the runtime's and createLibrary's own
 * names (plan->scope): for functions and classes of the library. */
const char *js_scope_ident(Ctx *ctx, const char *name);
/* A property of the library object named so: `then` gets a `_` (the object
 * would be a thenable). */
const char *js_property_name(Ctx *ctx, const char *name);
/* The accessor of field m in a view class: a `_` more for the classes' own
 * members (`ptr`, `toObject`, `toJSON`, `constructor`, `__proto__`). */
const char *js_view_accessor(Ctx *ctx, const Member *m);
/* A field's key in the plain objects of its struct: `__proto__` is renamed. */
const char *js_field_key(Ctx *ctx, const Member *m);
/* The value kind of a C type; `as_result` when C hands it to JS. */
JsKind js_kind(Ctx *ctx, const Type *ty, bool as_result);
/* The handle rule of a pointer-to-handle type, or NULL. */
const HandleRule *js_handle_rule(const Type *ty);
/* Is a pointer to rec a handle: an incomplete struct, or one a rules
 * `handle` item makes opaque? (Else a pointer to it is a view.) */
bool js_is_handle(const Record *rec);
/* Does a plain object given for this struct pointer get C's values back: a
 * non-const pointer (CV_VIEW) to a struct, not a union (its members overlap)? */
bool js_view_copied_back(const JsParam *jp);
/* A member as JS sees it: anonymous struct/union members are flattened, as
 * in C where `s.a` reaches into an anonymous union. */
typedef struct {
  const Member *m;
  const Record *owner; /* the (anonymous) record that declares m */
  int64_t offset;      /* bytes from the start of the outer record */
} FlatMember;
/* Appends the FlatMember* of rec to out, in declaration order. */
void js_flat_members(Ctx *ctx, const Record *rec, Vec *out);
/* Is every field of rec a number, bool, pointer or 64-bit integer, outside
 * unions and bitfields? Such a struct argument is read whole into locals
 * before anything is written. */
bool js_record_of_numbers(Ctx *ctx, const Record *rec);
/* How JS sees a pointer field that a rules `type T(f): len L` makes a
 * buffer (Member.buffer_len): one value, L filled in by the binding. */
typedef enum {
  BUF_NONE,  /* not a buffer: an address */
  BUF_TEXT,  /* char (or `text`): a string, UTF-8; bytes accepted going in */
  BUF_BYTES, /* void (or `bytes`): a Uint8Array; any BufferSource going in */
  BUF_ARRAY, /* numbers: a typed array; any array of numbers going in */
} BufferKind;
/* The buffer kind of field m, and its typed array class (*array; NULL for
 * text). */
BufferKind js_field_buffer(Ctx *ctx, const Member *m, const char **array);
/* Does a plain object written as rec (its nested structs included) copy
 * buffers (buffer fields) or put JS functions in table slots (callback
 * fields)? Its writer then lists them (`copies`), for the call to give
 * back what C wrote, keep the values JS gave, and release the slots. */
bool js_record_copies_buffers(Ctx *ctx, const Record *rec);
/* Does a plain object written as rec (nested structs included) put JS
 * functions in table slots, released after the call (releaseCopies)? */
bool js_record_takes_callbacks(Ctx *ctx, const Record *rec);
/* The callback a function-pointer field takes from a plain object, or NULL
 * (an address). */
const JsCallback *js_field_callback(const JsPlan *plan, const Member *m);
/* Can a typed array view read a field at its offset (aligned)? */
bool js_field_aligned(Ctx *ctx, const Record *rec, const Member *m);

/* ---- callbacks.c: the trampolines of function pointers and imports ----- */

/* The plan of a JS function standing for function type fn (a callback, or
 * a WB_IMPORT function), or NULL when JS cannot exchange its arguments and
 * result with C during a call: *why says why, and the caller reports it.
 * `annots`: one per parameter, or NULL. */
JsCallback *js_plan_callback(Ctx *ctx, const Type *fn, const Annot *annots, CallbackLife life,
                             const char **why);
/* Reports the rule items on the parameters of callback parameter p of f
 * that do not apply there (`free`, `len` of no integer parameter, ...);
 * false when there was one. */
bool js_check_callback_annots(Ctx *ctx, const Func *f, const Param *p);

/* ---- plan_runtime.c: the runtime the code calls ------------------------ */

/* Fills plan->runtime, once the functions and records are planned. */
void plan_runtime(Ctx *ctx, JsPlan *plan);

/* ---- plan.c: the library --------------------------------------------- */

/* Is item in a set of the plan (view_set, handle_set, lent_set...)? */
bool js_set_has(const Map *set, const void *item);
/* The methods of handle type rec (JsFunc*), in function order. */
const Vec *js_methods_of(const JsPlan *plan, const Record *rec);
/* The name of record rec's reader or writer function (readX, writeX), which
 * the plan must have asked for: an internal error otherwise. */
const char *js_reader(Ctx *ctx, const Record *rec);
const char *js_writer(Ctx *ctx, const Record *rec);

#endif
