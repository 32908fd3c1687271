/* wasm_reader.c: what a WebAssembly binary imports and exports, with the
 * signature of every function import and export (the binary format of the
 * WebAssembly core specification, section 5).
 *
 * Only the sections that name functions and their types are parsed (type,
 * import, function, export); every other section is skipped by its size.
 * Every read is bounds-checked: a truncated or malformed binary is reported
 * with diag_error_plain() and wasm_read() returns false. */
#include "internal.h"
#include <string.h>

/* Section ids of the binary format. */
enum {
  SEC_CUSTOM = 0,
  SEC_TYPE = 1,
  SEC_IMPORT = 2,
  SEC_FUNCTION = 3,
  SEC_TABLE = 4,
  SEC_MEMORY = 5,
  SEC_GLOBAL = 6,
  SEC_EXPORT = 7,
  SEC_START = 8,
  SEC_ELEMENT = 9,
  SEC_CODE = 10,
  SEC_DATA = 11,
  SEC_DATACOUNT = 12,
  SEC_TAG = 13,
};

/* A cursor over [p, end) of the binary. `base` is the start of the whole
 * binary, for offsets in error messages. */
typedef struct {
  Ctx *ctx;
  const unsigned char *base, *p, *end;
  bool failed;
} Reader;

/* What the sections read so far declare. */
typedef struct {
  WasmSig *types;
  uint32_t ntypes;
  uint32_t *func_types; /* type index of each function, imports first */
  uint32_t nfuncs;      /* size of the function index space so far */
  uint32_t nimported_funcs;
} Module;

/* Reports a malformed binary at the cursor's offset; returns false. */
static bool malformed(Reader *r, const char *what) {
  if (!r->failed)
    diag_error_plain(r->ctx, "malformed WebAssembly binary at offset %zu: %s",
                     (size_t)(r->p - r->base), what);
  r->failed = true;
  return false;
}

static size_t remaining(const Reader *r) {
  return (size_t)(r->end - r->p);
}

/* byte */
static bool read_byte(Reader *r, uint8_t *out) {
  if (r->p >= r->end)
    return malformed(r, "unexpected end");
  *out = *r->p++;
  return true;
}

/* uN ::= an unsigned LEB128 of at most ceil(N/7) bytes whose unused high bits
 * in the last byte are zero. */
static bool read_uleb(Reader *r, int bits, uint64_t *out) {
  uint64_t value = 0;
  int max_bytes = (bits + 6) / 7;
  for (int i = 0; i < max_bytes; i++) {
    uint8_t b;
    if (!read_byte(r, &b))
      return false;
    int shift = 7 * i;
    value |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      if (i == max_bytes - 1 && bits - shift < 7 && (b >> (bits - shift)) != 0)
        return malformed(r, "integer too large");
      *out = value;
      return true;
    }
  }
  return malformed(r, "integer representation too long");
}

/* u32 */
static bool read_u32(Reader *r, uint32_t *out) {
  uint64_t v;
  if (!read_uleb(r, 32, &v))
    return false;
  *out = (uint32_t)v;
  return true;
}

/* sN ::= a signed LEB128 of at most ceil(N/7) bytes; the unused bits of the
 * last byte must be the sign extension. Only the value's validity matters
 * here (heap types), so the value itself is not returned. */
static bool skip_sleb(Reader *r, int bits) {
  int max_bytes = (bits + 6) / 7;
  for (int i = 0; i < max_bytes; i++) {
    uint8_t b;
    if (!read_byte(r, &b))
      return false;
    if (!(b & 0x80)) {
      if (i == max_bytes - 1) {
        int used = bits - 7 * i; /* value bits in this byte, sign included */
        if (used < 7) {
          uint8_t high = (uint8_t)(b & 0x7f) >> (used - 1); /* sign bit and above */
          if (high != 0 && high != (0x7f >> (used - 1)))
            return malformed(r, "integer too large");
        }
      }
      return true;
    }
  }
  return malformed(r, "integer representation too long");
}

/* vec(B) ::= n:u32 B^n. Each element takes at least `min_size` bytes, so a
 * count larger than what is left is malformed before anything is allocated. */
static bool read_count(Reader *r, size_t min_size, uint32_t *out) {
  if (!read_u32(r, out))
    return false;
  if ((uint64_t)*out * min_size > remaining(r))
    return malformed(r, "count larger than the data that follows");
  return true;
}

/* name ::= vec(byte), UTF-8 */
static bool read_name(Reader *r, const char **out) {
  uint32_t len;
  if (!read_u32(r, &len))
    return false;
  if (len > remaining(r))
    return malformed(r, "name runs past the end");
  *out = arena_strndup(r->ctx, (const char *)r->p, len);
  r->p += len;
  return true;
}

/* valtype ::= numtype | vectype | reftype
 * reftype ::= 0x70 | 0x6f | ... | (0x63 | 0x64) heaptype   (heaptype: s33) */
static bool read_valtype(Reader *r, uint8_t *out) {
  if (!read_byte(r, out))
    return false;
  switch (*out) {
  case WV_I32:
  case WV_I64:
  case WV_F32:
  case WV_F64:
  case 0x7b: /* v128 */
  case 0x70: /* funcref */
  case 0x6f: /* externref */
  case 0x69: /* exnref */ return true;
  case 0x63: /* ref null ht */
  case 0x64: /* ref ht */ return skip_sleb(r, 33);
  default: r->p--; return malformed(r, "unknown value type");
  }
}

/* resulttype ::= vec(valtype): keeps the first `cap`, counts all (-1 when
 * there are more than `cap`). */
static bool read_resulttype(Reader *r, uint8_t *types, int cap, int *count) {
  uint32_t n;
  if (!read_count(r, 1, &n))
    return false;
  *count = n > (uint32_t)cap ? -1 : (int)n;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t t;
    if (!read_valtype(r, &t))
      return false;
    if (i < (uint32_t)cap)
      types[i] = t;
  }
  return true;
}

/* typesec ::= vec(functype)
 * functype ::= 0x60 resulttype resulttype */
static bool read_type_section(Reader *r, Module *m) {
  if (!read_count(r, 3, &m->ntypes))
    return false;
  m->types = arena_alloc(r->ctx, sizeof(WasmSig) * (m->ntypes ? m->ntypes : 1));
  for (uint32_t i = 0; i < m->ntypes; i++) {
    uint8_t form;
    if (!read_byte(r, &form))
      return false;
    if (form != 0x60) {
      r->p--;
      return malformed(r, "unsupported type form (only function types, 0x60, are read)");
    }
    WasmSig *sig = &m->types[i];
    if (!read_resulttype(r, sig->params, (int)sizeof sig->params, &sig->nparams) ||
        !read_resulttype(r, sig->results, (int)sizeof sig->results, &sig->nresults))
      return false;
  }
  return true;
}

/* typeidx, which must name a type of the type section. */
static bool read_typeidx(Reader *r, const Module *m, uint32_t *out) {
  if (!read_u32(r, out))
    return false;
  if (*out >= m->ntypes)
    return malformed(r, "type index out of range");
  return true;
}

/* limits ::= flags:byte min:u32 (max:u32)?  (u64 for 64-bit memories;
 * flags: 1 has max, 2 shared, 4 64-bit) */
static bool read_limits(Reader *r) {
  uint8_t flags;
  if (!read_byte(r, &flags))
    return false;
  if (flags > 7) {
    r->p--;
    return malformed(r, "unknown limits flags");
  }
  int bits = flags & 4 ? 64 : 32;
  uint64_t v;
  if (!read_uleb(r, bits, &v))
    return false;
  if ((flags & 1) && !read_uleb(r, bits, &v))
    return false;
  return true;
}

/* Adds a function of type `type` to the function index space. */
static void add_function(Module *m, uint32_t type) {
  m->func_types[m->nfuncs++] = type;
}

/* importsec ::= vec(import)
 * import ::= module:name name:name importdesc
 * importdesc ::= 0x00 typeidx | 0x01 tabletype | 0x02 memtype
 *              | 0x03 globaltype | 0x04 tagtype
 * tabletype ::= reftype limits      globaltype ::= valtype mut:byte
 * tagtype ::= attribute:byte typeidx */
static bool read_import_section(Reader *r, Module *m, WasmInfo *out) {
  uint32_t n;
  if (!read_count(r, 4, &n))
    return false;
  out->imports = arena_alloc(r->ctx, sizeof(WasmEntry) * (n ? n : 1));
  m->func_types = arena_alloc(r->ctx, sizeof(uint32_t) * (n ? n : 1));
  for (uint32_t i = 0; i < n; i++) {
    WasmEntry *e = &out->imports[i];
    uint8_t kind, b;
    uint32_t type;
    if (!read_name(r, &e->module) || !read_name(r, &e->name) || !read_byte(r, &kind))
      return false;
    e->kind = kind;
    switch (kind) {
    case 0:
      if (!read_typeidx(r, m, &type))
        return false;
      e->sig = m->types[type];
      add_function(m, type);
      m->nimported_funcs++;
      break;
    case 1:
      if (!read_valtype(r, &b) || !read_limits(r))
        return false;
      break;
    case 2:
      if (!read_limits(r))
        return false;
      break;
    case 3:
      if (!read_valtype(r, &b) || !read_byte(r, &b))
        return false;
      if (b > 1) {
        r->p--;
        return malformed(r, "unknown global mutability");
      }
      break;
    case 4:
      if (!read_byte(r, &b) || !read_typeidx(r, m, &type))
        return false;
      e->sig = m->types[type];
      break;
    default: r->p--; return malformed(r, "unknown import kind");
    }
    out->nimports++;
  }
  return true;
}

/* funcsec ::= vec(typeidx) */
static bool read_function_section(Reader *r, Module *m) {
  uint32_t n;
  if (!read_count(r, 1, &n))
    return false;
  uint32_t *types = arena_alloc(r->ctx, sizeof(uint32_t) * ((size_t)m->nfuncs + n + 1));
  if (m->nfuncs)
    memcpy(types, m->func_types, sizeof(uint32_t) * m->nfuncs);
  m->func_types = types;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t type;
    if (!read_typeidx(r, m, &type))
      return false;
    add_function(m, type);
  }
  return true;
}

/* exportsec ::= vec(export)
 * export ::= name:name exportdesc
 * exportdesc ::= (0x00 funcidx | 0x01 tableidx | 0x02 memidx | 0x03 globalidx
 *               | 0x04 tagidx) */
static bool read_export_section(Reader *r, const Module *m, WasmInfo *out) {
  uint32_t n;
  if (!read_count(r, 3, &n))
    return false;
  out->exports = arena_alloc(r->ctx, sizeof(WasmEntry) * (n ? n : 1));
  for (uint32_t i = 0; i < n; i++) {
    WasmEntry *e = &out->exports[i];
    uint8_t kind;
    uint32_t index;
    if (!read_name(r, &e->name) || !read_byte(r, &kind))
      return false;
    if (kind > 4) {
      r->p--;
      return malformed(r, "unknown export kind");
    }
    if (!read_u32(r, &index))
      return false;
    e->kind = kind;
    if (kind == 0) {
      if (index >= m->nfuncs)
        return malformed(r, "exported function index out of range");
      e->sig = m->types[m->func_types[index]];
    }
    out->nexports++;
  }
  return true;
}

/* The order known sections must come in (the tag section goes between
 * memory and global, data count between element and code). */
static int section_rank(uint8_t id) {
  static const int rank[] = {
      [SEC_TYPE] = 1,   [SEC_IMPORT] = 2,   [SEC_FUNCTION] = 3,   [SEC_TABLE] = 4,
      [SEC_MEMORY] = 5, [SEC_TAG] = 6,      [SEC_GLOBAL] = 7,     [SEC_EXPORT] = 8,
      [SEC_START] = 9,  [SEC_ELEMENT] = 10, [SEC_DATACOUNT] = 11, [SEC_CODE] = 12,
      [SEC_DATA] = 13,
  };
  return id < sizeof rank / sizeof rank[0] ? rank[id] : 0;
}

/* module ::= magic version section*
 * section ::= id:byte size:u32 contents */
bool wasm_read(Ctx *ctx, const unsigned char *bytes, size_t len, WasmInfo *out) {
  static const unsigned char header[8] = {0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00};
  memset(out, 0, sizeof *out);
  Reader r = {ctx, bytes, bytes, bytes + len, false};
  if (!bytes || len < 4 || memcmp(bytes, header, 4) != 0) {
    diag_error_plain(ctx, "not a WebAssembly binary (no \\0asm magic number)");
    return false;
  }
  if (len < 8) {
    r.p = r.end;
    return malformed(&r, "unexpected end in the version");
  }
  if (memcmp(bytes + 4, header + 4, 4) != 0) {
    diag_error_plain(ctx, "unsupported WebAssembly binary version %u (only 1 is read)",
                     (unsigned)bytes[4] | (unsigned)bytes[5] << 8 | (unsigned)bytes[6] << 16 |
                         (unsigned)bytes[7] << 24);
    return false;
  }
  r.p += 8;

  Module m = {0};
  int last_rank = 0;
  while (r.p < r.end) {
    uint8_t id;
    uint32_t size;
    if (!read_byte(&r, &id) || !read_u32(&r, &size))
      return false;
    if (size > remaining(&r))
      return malformed(&r, "section runs past the end");
    int rank = section_rank(id);
    if (rank) {
      if (rank <= last_rank) {
        r.p -= 1;
        return malformed(&r, "section out of order or repeated");
      }
      last_rank = rank;
    }
    Reader sec = r;
    sec.end = r.p + size;
    bool ok = true;
    switch (id) {
    case SEC_TYPE: ok = read_type_section(&sec, &m); break;
    case SEC_IMPORT: ok = read_import_section(&sec, &m, out); break;
    case SEC_FUNCTION: ok = read_function_section(&sec, &m); break;
    case SEC_EXPORT: ok = read_export_section(&sec, &m, out); break;
    case SEC_CUSTOM: {
      const char *name;
      ok = read_name(&sec, &name); /* the rest is the custom section's own */
      sec.p = sec.end;
      break;
    }
    default: /* not needed: skipped by size */ sec.p = sec.end; break;
    }
    if (!ok)
      return false;
    if (sec.p != sec.end) {
      r.p = sec.p;
      return malformed(&r, "section size mismatch");
    }
    r.p = sec.end;
  }
  return true;
}

const WasmEntry *wasm_find_export(const WasmInfo *info, const char *name) {
  for (int i = 0; i < info->nexports; i++)
    if (strcmp(info->exports[i].name, name) == 0)
      return &info->exports[i];
  return NULL;
}

const WasmEntry *wasm_find_import(const WasmInfo *info, const char *name) {
  for (int i = 0; i < info->nimports; i++)
    if (info->imports[i].kind == 0 && strcmp(info->imports[i].name, name) == 0)
      return &info->imports[i];
  return NULL;
}

const char *wasm_valtype_name(uint8_t type) {
  switch (type) {
  case WV_I32: return "i32";
  case WV_I64: return "i64";
  case WV_F32: return "f32";
  case WV_F64: return "f64";
  case 0x7b: return "v128";
  case 0x70: return "funcref";
  case 0x6f: return "externref";
  case 0x69: return "exnref";
  case 0x63:
  case 0x64: return "ref";
  default: return "?";
  }
}

/* Appends a list of value types: "i32" alone, else "(i32, i64)"; "nil" for
 * none when `nil` (results, as wasm-objdump writes them), else "()". */
static void put_types(Buf *out, const uint8_t *types, int n, bool parens_for_one, bool nil) {
  if (n < 0) {
    buf_puts(out, "(...)");
    return;
  }
  if (n == 0) {
    buf_puts(out, nil ? "nil" : "()");
    return;
  }
  bool parens = n > 1 || parens_for_one;
  if (parens)
    buf_putc(out, '(');
  for (int i = 0; i < n; i++)
    buf_printf(out, "%s%s", i ? ", " : "", wasm_valtype_name(types[i]));
  if (parens)
    buf_putc(out, ')');
}

void wasm_sig_print(const WasmSig *sig, Buf *out) {
  put_types(out, sig->params, sig->nparams, true, false);
  buf_puts(out, " -> ");
  put_types(out, sig->results, sig->nresults, false, true);
}

static const char *const kind_names[] = {"func", "table", "memory", "global", "tag"};

static void put_entry(Buf *out, const WasmEntry *e) {
  if (e->module)
    buf_printf(out, "import %s.%s %s", e->module, e->name, kind_names[e->kind]);
  else
    buf_printf(out, "export %s %s", e->name, kind_names[e->kind]);
  if (e->kind == 0 || (e->kind == 4 && e->module)) { /* exported tags' types are not read */
    buf_putc(out, ' ');
    wasm_sig_print(&e->sig, out);
  }
  buf_putc(out, '\n');
}

void wasm_info_print(const WasmInfo *info, Buf *out) {
  for (int i = 0; i < info->nimports; i++)
    put_entry(out, &info->imports[i]);
  for (int i = 0; i < info->nexports; i++)
    put_entry(out, &info->exports[i]);
}
