// @ts-check
// The wasmbind runtime: the one hand-written part of every generated module.
//
// wasmbind copies the regions of this file that a library needs into the
// module it generates, so generated modules are self-contained. A region runs
// from `//#region NAME provides DECL... [needs REGION...]` to `//#endregion`:
// it declares exactly DECL... and uses nothing of other regions but theirs
// (tests/runtime/regions.test.mjs checks both). A module carries the regions
// providing what its code calls and those they need, whole. Regions outside
// `createInstanceRuntime` are emitted once at module level; the ones inside it
// are emitted inside each library instance, where they share the instance's
// state (memory views, temporaries) as closure variables, the fastest access
// V8 has.

//#region errors provides wbTypeError wbIntError wbNumberError
/** @param {string} name @param {string} expected @param {unknown} value */
function wbTypeError(name, expected, value) {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return new TypeError(`${name}: expected ${expected}, got ${got}`);
}
/** Why an integer argument was refused: not a number (TypeError) or out of range.
 * @param {string} name @param {unknown} value @param {number} min @param {number} max */
function wbIntError(name, value, min, max) {
  if (typeof value !== 'number') return wbTypeError(name, 'a number', value);
  return new RangeError(`${name}: ${value} is not an integer in [${min}, ${max}]`);
}
/** @param {string} name @param {unknown} value */
function wbNumberError(name, value) {
  return wbTypeError(name, 'a number', value);
}
//#endregion

//#region bigint provides WB_I64_MIN WB_I64_MAX WB_U64_MAX wbBigInt needs errors
const WB_I64_MIN = -(2n ** 63n), WB_I64_MAX = 2n ** 63n - 1n, WB_U64_MAX = 2n ** 64n - 1n;
/** A 64-bit argument: a bigint, or a number that is a safe integer, in range.
 * An unsigned one stays as it is: wasm's i64 and BigInt64Array take it modulo
 * 2^64. Wrappers test the common case inline and call this for the rest.
 * @param {unknown} v @param {string} name @param {boolean} unsigned @returns {bigint} */
function wbBigInt(v, name, unsigned) {
  let b;
  if (typeof v === 'bigint') {
    // in range exactly when 64-bit wrapping leaves it unchanged
    if (unsigned ? BigInt.asUintN(64, v) === v : BigInt.asIntN(64, v) === v) return v;
    b = v;
  } else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
  else if (typeof v === 'number') throw new RangeError(`${name}: ${v} is not a safe integer; pass a bigint`);
  else throw wbTypeError(name, 'a bigint', v);
  const min = unsigned ? 0n : WB_I64_MIN, max = unsigned ? WB_U64_MAX : WB_I64_MAX;
  if (b < min || b > max) throw new RangeError(`${name}: ${b} is out of range [${min}, ${max}]`);
  return b;
}
//#endregion

//#region intrinsics provides wbTypedArray wbGetter wbTaLength wbTaTag wbTaBuffer wbTaOffset wbTaBytes wbDvBuffer wbDvOffset wbDvBytes wbAbBytes
// The built-in accessors, taken when the module loads: a subclass or a Proxy
// cannot override them, so a length or a buffer is read once and truly.
const wbTypedArray = Object.getPrototypeOf(Uint8Array.prototype);
/** @param {object} proto @param {string | symbol} key @returns {Function} */
const wbGetter = (proto, key) => /** @type {Function} */ (Object.getOwnPropertyDescriptor(proto, key)?.get);
const wbTaLength = wbGetter(wbTypedArray, 'length'), wbTaTag = wbGetter(wbTypedArray, Symbol.toStringTag);
const wbTaBuffer = wbGetter(wbTypedArray, 'buffer'), wbTaOffset = wbGetter(wbTypedArray, 'byteOffset');
const wbTaBytes = wbGetter(wbTypedArray, 'byteLength');
const wbDvBuffer = wbGetter(DataView.prototype, 'buffer'), wbDvOffset = wbGetter(DataView.prototype, 'byteOffset');
const wbDvBytes = wbGetter(DataView.prototype, 'byteLength');
const wbAbBytes = wbGetter(ArrayBuffer.prototype, 'byteLength');
//#endregion

//#region load provides wbCompile wbCheckExports
/** The bytes or module behind a load() source.
 * @param {string | URL | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module | null | undefined} source
 * @param {() => URL} fallback the default, made only when needed
 * (a module imported from a data: URL has no base for it)
 * @returns {Promise<WebAssembly.Module>} */
async function wbCompile(source, fallback) {
  if (source instanceof WebAssembly.Module) return source;
  if (source === undefined || source === null) source = fallback();
  if (typeof source === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(source) && typeof process === 'object' && process.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(source));
  }
  if (typeof source === 'string') source = new URL(source, import.meta.url);
  if (source instanceof URL) {
    if (source.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      return WebAssembly.compile(await readFile(source));
    }
    source = fetch(source);
  }
  if (source instanceof Promise) source = await source;
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`wasmbind: cannot load ${source.url}: HTTP ${source.status}`);
    if (WebAssembly.compileStreaming && source.headers.get('content-type')?.startsWith('application/wasm'))
      return WebAssembly.compileStreaming(source);
    return WebAssembly.compile(await source.arrayBuffer());
  }
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return WebAssembly.compile(/** @type {BufferSource} */ (source));
  throw new TypeError('source: expected a URL, path, Response, BufferSource or WebAssembly.Module');
}
/** Checks at instantiation that the module exports every function the
 * bindings call, with the number of wasm parameters the header implies (what
 * `wasmbind check` verifies fully, at the cost of one pass over the list).
 * @param {Record<string, any>} exports
 * @param {string} spec "name:params:legalizedParams" items, comma-separated (counts optional)
 * @param {boolean} legalI64 @param {string} header */
function wbCheckExports(exports, spec, legalI64, header) {
  const missing = [], wrong = [];
  for (const item of spec) {
    const [name, plain, legal = plain] = item.split(':');
    const f = exports[name];
    const want = legalI64 ? legal : plain;
    if (typeof f !== 'function') missing.push(name);
    else if (want !== undefined && f.length !== Number(want))
      wrong.push(`${name} takes ${f.length} wasm parameters where ${header} implies ${want}`);
  }
  if (missing.length)
    throw new Error(`wasmbind: the module does not export ${missing.join(', ')}: link it with -sEXPORTED_FUNCTIONS=$(wasmbind exports ${header})`);
  if (wrong.length)
    throw new Error(`wasmbind: the module does not match ${header}: ${wrong.join('; ')} (wasmbind check ${header} FILE.wasm tells more)`);
}
//#endregion

//#region imports provides wbImports
/** The import object of a module: what the caller supplied, else what
 * `provided` has, else (functions) one that throws a clear error if C calls
 * it.
 * @param {WebAssembly.Module} module @param {Record<string, Record<string, any>> | undefined} user
 * @param {Record<string, Record<string, Function>>} provided */
function wbImports(module, user, provided) {
  /** @type {Record<string, Record<string, any>>} */
  const imports = {};
  for (const { module: mod, name, kind } of WebAssembly.Module.imports(module)) {
    const table = (imports[mod] ??= {});
    const value = user?.[mod]?.[name] ?? (kind === 'function' ? provided[mod]?.[name] : undefined);
    // bindings made from a build without WASI imports carry no WASI functions
    const hint = mod.startsWith('wasi') && !provided[mod]
      ? ' (the build the bindings were generated from imported no WASI functions: generate them again with --wasm naming this build)'
      : '';
    table[name] = value ?? (kind === 'function'
      ? () => { throw new Error(`wasmbind: the C code called ${mod}.${name}, which was not provided in options.imports${hint}`); }
      : undefined);
  }
  return imports;
}
//#endregion

//#region system provides WbExit wbSystemImports needs imports
// Only for a build that imports some of these (or when the generator did
// not see the binary): most libraries import nothing but memory growth.
/** The exit of a WASI program (proc_exit), thrown through the C stack. */
class WbExit extends Error {
  /** @param {number} code */
  constructor(code) {
    super(`the C code exited with status ${code}`);
    this.code = code;
  }
}
/** Imports for a standalone Emscripten or WASI build: stdout/stderr to the
 * console, clocks, random, an empty environment, exit; Emscripten's i64
 * legalization helpers (tempRet0 lives in `state`).
 * @param {{ memory: () => WebAssembly.Memory, onGrow: () => void }} host
 * @param {{ tempRet0: number }} state
 * @returns {Record<string, Record<string, Function>>} */
function wbSystemImports(host, state) {
  const lines = ['', '', ''];
  const decoder = new TextDecoder();
  const u8 = () => new Uint8Array(host.memory().buffer);
  const dv = () => new DataView(host.memory().buffer);
  /** @param {number} fd @param {Uint8Array} bytes */
  const write = (fd, bytes) => {
    const text = lines[fd] + decoder.decode(bytes, { stream: true });
    const parts = text.split('\n');
    lines[fd] = /** @type {string} */ (parts.pop());
    for (const line of parts) (fd === 2 ? console.error : console.log)(line);
  };
  /** @type {Record<string, Function>} */
  const wasi = {
    fd_write(/** @type {number} */ fd, /** @type {number} */ iovs, /** @type {number} */ n, /** @type {number} */ nwritten) {
      const view = dv();
      let total = 0;
      for (let i = 0; i < n; i++) {
        const p = view.getUint32(iovs + i * 8, true), len = view.getUint32(iovs + i * 8 + 4, true);
        if (fd === 1 || fd === 2) write(fd, u8().subarray(p, p + len));
        else return 8; // EBADF
        total += len;
      }
      view.setUint32(nwritten, total, true);
      return 0;
    },
    fd_close: () => 0,
    fd_seek: () => 70, // ESPIPE: the console cannot seek
    fd_read: () => 8,
    fd_fdstat_get(/** @type {number} */ fd, /** @type {number} */ p) {
      if (fd > 2) return 8;
      const view = dv();
      view.setUint8(p, 2); // character device
      view.setUint16(p + 2, 0, true);
      view.setBigUint64(p + 8, 0n, true);
      view.setBigUint64(p + 16, 0n, true);
      return 0;
    },
    proc_exit(/** @type {number} */ code) {
      throw new WbExit(code);
    },
    environ_sizes_get(/** @type {number} */ count, /** @type {number} */ size) {
      const view = dv();
      view.setUint32(count, 0, true);
      view.setUint32(size, 0, true);
      return 0;
    },
    environ_get: () => 0,
    args_sizes_get(/** @type {number} */ count, /** @type {number} */ size) {
      return wasi.environ_sizes_get(count, size);
    },
    args_get: () => 0,
    clock_time_get(/** @type {number} */ id, /** @type {bigint} */ _precision, /** @type {number} */ out) {
      const ns = id === 0 ? BigInt(Date.now()) * 1000000n : BigInt(Math.round(performance.now() * 1e6));
      dv().setBigUint64(out, ns, true);
      return 0;
    },
    clock_res_get(/** @type {number} */ _id, /** @type {number} */ out) {
      dv().setBigUint64(out, 1000n, true);
      return 0;
    },
    random_get(/** @type {number} */ p, /** @type {number} */ len) {
      for (let i = 0; i < len; i += 65536) crypto.getRandomValues(u8().subarray(p + i, p + Math.min(len, i + 65536)));
      return 0;
    },
    sched_yield: () => 0,
  };
  /** @type {Record<string, Function>} */
  const env = {
    emscripten_notify_memory_growth: () => host.onGrow(),
    setTempRet0: (/** @type {number} */ v) => { state.tempRet0 = v; },
    getTempRet0: () => state.tempRet0,
    emscripten_memcpy_big(/** @type {number} */ dst, /** @type {number} */ src, /** @type {number} */ n) {
      u8().copyWithin(dst, src, src + n);
    },
    emscripten_resize_heap(/** @type {number} */ requested) {
      const memory = host.memory(), have = memory.buffer.byteLength;
      if (requested <= have) return 1;
      try {
        memory.grow(Math.ceil((requested - have) / 65536));
        return 1;
      } catch {
        return 0;
      }
    },
  };
  return { wasi_snapshot_preview1: wasi, wasi_unstable: wasi, env };
}
//#endregion

/**
 * The per-instance part of the runtime. Never called: its regions are copied
 * into each generated library's instance function.
 * @param {Record<string, any>} exports
 */
export function createInstanceRuntime(exports) {
  //#region memory provides memory u8 i8 u16 i16 u32 i32 f32 f64 i64 dv refresh
  /** @type {WebAssembly.Memory} */
  const memory = exports.memory;
  let u8 = new Uint8Array(memory.buffer), i8 = new Int8Array(memory.buffer);
  let u16 = new Uint16Array(memory.buffer), i16 = new Int16Array(memory.buffer);
  let u32 = new Uint32Array(memory.buffer), i32 = new Int32Array(memory.buffer);
  let f32 = new Float32Array(memory.buffer), f64 = new Float64Array(memory.buffer);
  let i64 = new BigInt64Array(memory.buffer), dv = new DataView(memory.buffer);
  // A grown memory detaches the old buffer, and a detached view has length 0:
  // one comparison tells whether the views are stale.
  /** Rebuilds the views after memory.grow detached the old buffer. */
  function refresh() {
    const b = memory.buffer;
    u8 = new Uint8Array(b); i8 = new Int8Array(b); u16 = new Uint16Array(b); i16 = new Int16Array(b);
    u32 = new Uint32Array(b); i32 = new Int32Array(b); f32 = new Float32Array(b); f64 = new Float64Array(b);
    i64 = new BigInt64Array(b); dv = new DataView(b);
  }
  //#endregion

  //#region unwind provides wbStackRestore wbSpBase wbNest wbUnwind
  // A trap inside C (or a JS stack overflow) unwinds C's frames without
  // restoring the wasm stack pointer: each leaks a frame, until every call
  // traps. An exception that leaves the library at the top level (no C frame
  // is live: wbNest counts the calls into C that may call back into JS) puts the
  // stack pointer back where it is between calls. Inside a callback the C
  // frames around it restore it themselves when they return.
  /** @type {(sp: number) => void} */
  const wbStackRestore = exports.stackRestore;
  const wbSpBase = typeof exports.stackSave === 'function' && typeof wbStackRestore === 'function' ? exports.stackSave() : 0;
  let wbNest = 0;
  /** e, after the stack pointer is restored if C is not running. @param {unknown} e */
  function wbUnwind(e) {
    if (wbNest === 0 && wbSpBase !== 0) wbStackRestore(wbSpBase);
    return e;
  }
  //#endregion

  //#region shapes provides wbShapes wbPublic wbFreedView needs errors
  // One object of each class of handles and views, made in the class's
  // static block and kept while the library lives. Without it V8 drops the
  // layout (map) of a class's objects once a collection finds none alive,
  // and with it the optimized code of every function that handled them: a
  // prepare/finalize loop ran 1.5x slower after each collection. (Made after
  // the class instead, the object did not keep the layout alive: measured.)
  /** @type {object[]} */
  const wbShapes = [];
  /** What the library object holds for a class of views or handles: a
   * function that constructs nothing, sharing the class's prototype (so
   * `instanceof` works), its `size` and `align`, and `fromPointer`, the one
   * visible, unsafe way to wrap a raw address. The class itself, whose
   * constructor, `at` and `own` make objects C trusts, stays inside the
   * bindings: the prototypes' `constructor` links lead to this function
   * instead, and the prototypes are frozen (a view's `ptr` getter cannot be
   * replaced). @param {any} cls */
  function wbPublic(cls) {
    const name = cls.name;
    /** @type {any} */
    const pub = { [name]: function () {
      throw new TypeError(`${name}: objects of this type come from the library; ` +
        `${name}.fromPointer(address) wraps a raw address (unsafe)`);
    } }[name];
    pub.prototype = cls.prototype;
    /** @param {number} address */
    pub.fromPointer = function fromPointer(address) {
      if ((address >>> 0) !== address) throw wbIntError('address', address, 0, 4294967295);
      return cls.at(address);
    };
    if ('size' in cls) pub.size = cls.size;
    if ('align' in cls) pub.align = cls.align;
    for (let p = cls.prototype; p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      Object.defineProperty(p, 'constructor', { value: pub, writable: false, enumerable: false, configurable: false });
      Object.freeze(p);
    }
    return Object.freeze(pub);
  }
  /** The error of a view whose memory C freed (a consuming call took it).
   * @param {string} name @param {string} type */
  function wbFreedView(name, type) {
    return new TypeError(`${name}: this ${type} was freed (a function that frees it took it)`);
  }
  //#endregion

  //#region alloc provides wbMalloc wbFree malloc needs memory
  const wbMalloc = exports.malloc, wbFree = exports.free;
  /** @param {number} size */
  function malloc(size) {
    const p = wbMalloc(size);
    if (p === 0 && size !== 0) throw new RangeError(`wasmbind: malloc(${size}) failed: out of memory`);
    if (u8.length === 0) refresh();
    return p;
  }
  //#endregion

  //#region temps provides TMP_SIZE tmpBase tmpEnd tmpTop tmpHeap tmpAlloc tmpMalloc tmpAllocFor tmpRelease needs alloc
  // Temporaries for one call (strings, struct copies, arrays, out-values):
  // bumped from a reusable scratch block, released in stack order when the
  // call returns, so calls from callbacks nest safely. Larger ones are
  // malloc'ed individually and freed with them. Never the wasm stack: a
  // multi-megabyte string must not overflow it.
  const TMP_SIZE = 65536;
  const tmpBase = malloc(TMP_SIZE), tmpEnd = tmpBase + TMP_SIZE;
  let tmpTop = tmpBase;
  /** @type {number[]} */
  const tmpHeap = [];
  /** @param {number} size @param {number} align @returns {number} */
  // Small enough for V8 to inline into every wrapper: the wrapper, not this,
  // refreshes the views once before its first temporary.
  function tmpAlloc(size, align) {
    const p = (tmpTop + align - 1) & -align;
    if (p + size <= tmpEnd) {
      tmpTop = p + size;
      return p;
    }
    return tmpMalloc(size);
  }
  /** A temporary too large for the scratch block. @param {number} size */
  function tmpMalloc(size) {
    const q = malloc(size);
    tmpHeap.push(q);
    return q;
  }
  /** tmpAlloc for a size JS chose (an output's capacity): out of memory is
   * a RangeError naming it. @param {number} size @param {number} align @param {string} name */
  function tmpAllocFor(size, align, name) {
    try {
      return tmpAlloc(size, align);
    } catch (e) {
      throw new RangeError(`${name}: ${size} bytes do not fit in the memory (${e instanceof Error ? e.message : e})`);
    }
  }
  /** Frees what the call allocated beyond the marks taken before it.
   * @param {number} top @param {number} heapLen */
  function tmpRelease(top, heapLen) {
    tmpTop = top;
    while (tmpHeap.length > heapLen) wbFree(tmpHeap.pop());
  }
  //#endregion

  //#region encoder provides encoder
  const encoder = new TextEncoder();
  //#endregion

  //#region string-in provides tmpStringLen tmpString wbNulError needs temps memory encoder errors
  /** The UTF-8 length of the last string tmpString() wrote. */
  let tmpStringLen = 0;
  /** A string with U+0000 where C reads up to the first NUL: C would see only
   * its start (`exec("SELECT 1;\0DROP TABLE t")`). @param {string} name */
  function wbNulError(name) {
    return new TypeError(`${name}: the string contains U+0000, where C would end it`);
  }
  /** A string argument as a NUL-terminated UTF-8 temporary. Short ASCII is
   * copied by a loop: TextEncoder's fixed cost dominates below ~32 bytes.
   * Lone surrogates become U+FFFD, as TextEncoder does. A string holding
   * U+0000 is refused (TypeError naming `name`), unless `name` is null: a
   * parameter with an explicit length keeps its NULs.
   * @param {string} s @param {string | null} name @returns {number} */
  function tmpString(s, name) {
    const n = s.length;
    if (n <= 32) {
      // four characters a step, checked at the end: fewer branches
      // (aligned to 4: one 32-bit store per four characters, little-endian);
      // x - 1 is negative only for a NUL, so `nul` is negative if any was
      const p = tmpAlloc(n + 1, 4);
      let i = 0, any = 0, nul = 0;
      for (; i + 4 <= n; i += 4) {
        const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2), d = s.charCodeAt(i + 3);
        any |= a | b | c | d;
        nul |= (a - 1) | (b - 1) | (c - 1) | (d - 1);
        u32[(p + i) >> 2] = a | (b << 8) | (c << 16) | (d << 24);
      }
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        any |= c;
        nul |= c - 1;
        u8[p + i] = c;
      }
      if (nul < 0 && name !== null) throw wbNulError(name);
      if (any <= 127) {
        u8[p + n] = 0;
        tmpStringLen = n;
        return p;
      }
      // Not ASCII: give the bytes back if they came from the scratch block
      // (a malloc'ed one is freed with the call) and encode below.
      if (p >= tmpBase && p < tmpEnd) tmpTop = p;
    }
    if (name !== null && s.indexOf('\0') !== -1) throw wbNulError(name);
    const max = n * 3 + 1;
    const p = tmpAlloc(max, 1);
    const written = /** @type {number} */ (encoder.encodeInto(s, u8.subarray(p, p + max - 1)).written);
    u8[p + written] = 0;
    if (tmpTop === p + max) tmpTop = p + written + 1; // give back the unused tail
    tmpStringLen = written;
    return p;
  }
  //#endregion

  //#region utf8-read provides decoder NodeBuffer nodeBytes nodeMemory readStringN decodeUtf8 needs memory
  const decoder = new TextDecoder();
  // Node's Buffer decodes UTF-8 with less fixed cost than TextDecoder; a
  // Buffer over the memory is remade when the memory grows.
  /** @type {any} */
  const NodeBuffer = typeof Buffer === 'function' && typeof Buffer.prototype.utf8Slice === 'function' ? Buffer : null;
  /** @type {any} */
  let nodeBytes = NodeBuffer ? NodeBuffer.from(memory.buffer) : null;
  /** nodeBytes, remade if the memory grew. */
  function nodeMemory() {
    if (nodeBytes.buffer !== memory.buffer) nodeBytes = NodeBuffer.from(memory.buffer);
    return nodeBytes;
  }
  /** UTF-8 bytes [p, p+n) as a string; invalid sequences become U+FFFD.
   * @param {number} p @param {number} n */
  function readStringN(p, n) {
    if (n > 16) return decodeUtf8(p, n);
    // A few ASCII bytes: cheaper in JS than any decoder's fixed cost, when
    // fromCharCode takes eight at a time (one by one costs more than a decoder).
    let s = '', i = 0, any = 0;
    for (; i + 8 <= n; i += 8) {
      const a = u8[p + i], b = u8[p + i + 1], c = u8[p + i + 2], d = u8[p + i + 3];
      const e = u8[p + i + 4], f = u8[p + i + 5], g = u8[p + i + 6], h = u8[p + i + 7];
      any |= a | b | c | d | e | f | g | h;
      s += String.fromCharCode(a, b, c, d, e, f, g, h);
    }
    for (; i < n; i++) {
      const c = u8[p + i];
      any |= c;
      s += String.fromCharCode(c);
    }
    return any > 127 ? decodeUtf8(p, n) : s;
  }
  /** @param {number} p @param {number} n */
  function decodeUtf8(p, n) {
    if (NodeBuffer) {
      return nodeMemory().utf8Slice(p, p + n);
    }
    return decoder.decode(u8.subarray(p, p + n));
  }
  //#endregion

  //#region c-strings provides readString findNul needs utf8-read memory
  /** The NUL-terminated string at p, or null for NULL. @param {number} p */
  function readString(p) {
    if (p === 0) return null;
    if (u8.length === 0) refresh();
    // short strings: a loop finds the NUL sooner than indexOf's fixed cost
    let end = p;
    const stop = Math.min(p + 32, u8.length);
    if ((p & 3) === 0 && stop === p + 32) {
      // four bytes a step (malloc'ed strings are aligned): a word has a zero
      // byte exactly when (v - 0x01010101) & ~v & 0x80808080 is not 0
      let w = p >> 2;
      for (const wend = w + 8; w < wend; w++) {
        const v = u32[w];
        if (((v - 0x01010101) & ~v & 0x80808080) !== 0) break;
      }
      end = w << 2;
    }
    while (end < stop && u8[end] !== 0) end++;
    if (end === stop && end < u8.length) end = findNul(end);
    return readStringN(p, end - p);
  }
  /** The address of the first NUL at or after `from`, or the memory's end.
   * @param {number} from */
  function findNul(from) {
    // Node's Buffer.indexOf is memchr: 25 times faster than a typed array's
    if (NodeBuffer) {
      const end = nodeMemory().indexOf(0, from);
      return end < 0 ? u8.length : end;
    }
    // elsewhere four bytes a step: in Chromium 2.3 times faster than indexOf
    let end = from;
    while ((end & 3) !== 0 && end < u8.length && u8[end] !== 0) end++;
    if ((end & 3) === 0) {
      let w = end >> 2;
      for (const wend = u8.length >> 2; w < wend; w++) {
        const v = u32[w];
        if (((v - 0x01010101) & ~v & 0x80808080) !== 0) break;
      }
      end = w << 2;
    }
    while (end < u8.length && u8[end] !== 0) end++;
    return end;
  }
  //#endregion

  //#region fixed-strings provides readFixedString writeFixedString needs utf8-read encoder memory errors
  /** A char array field of n bytes: the string up to its first NUL.
   * @param {number} p @param {number} n */
  function readFixedString(p, n) {
    const end = u8.subarray(p, p + n).indexOf(0);
    return readStringN(p, end < 0 ? n : end);
  }
  /** Stores s in a char array field of n bytes, NUL-padded.
   * @param {number} p @param {number} n @param {unknown} s @param {string} name */
  function writeFixedString(p, n, s, name) {
    if (typeof s !== 'string') throw wbTypeError(name, 'a string', s);
    const bytes = encoder.encode(s);
    if (bytes.length > n) throw new RangeError(`${name}: ${bytes.length} bytes do not fit in char[${n}]`);
    if (u8.length === 0) refresh();
    u8.set(bytes, p);
    u8.fill(0, p + bytes.length, p + n);
  }
  //#endregion

  //#region variables provides wbVarAddress needs memory
  /** The address of a variable of the library: its export, a global (or a
   * number, from Emscripten's JS); views fresh for reading or writing it.
   * @param {any} g @param {string} name @returns {number} */
  function wbVarAddress(g, name) {
    if (g === undefined)
      throw new Error(`wasmbind: the module does not export the variable ${name}: link it with -sEXPORTED_FUNCTIONS=$(wasmbind exports HEADER)`);
    if (u8.length === 0) refresh();
    return typeof g === 'number' ? g : g.value;
  }
  //#endregion
  //#region utf16 provides decoder16 tmpString16 readString16 readString16N needs temps memory string-in
  // UTF-16 strings (rules `utf16`: SQLite's *16 functions): little-endian
  // code units, a terminating 0 unit. Lone surrogates pass through as they are.
  const decoder16 = new TextDecoder('utf-16le');
  /** A string as NUL-terminated UTF-16 in a temporary; tmpStringLen gets
   * its length in bytes. U+0000 is refused (TypeError naming `name`) unless
   * `name` is null (a parameter with a length).
   * @param {string} s @param {string | null} name @returns {number} */
  function tmpString16(s, name) {
    if (name !== null && s.indexOf('\0') !== -1) throw wbNulError(name);
    const n = s.length;
    const p = tmpAlloc(n * 2 + 2, 2);
    const at = p >> 1;
    for (let i = 0; i < n; i++) u16[at + i] = s.charCodeAt(i);
    u16[at + n] = 0;
    tmpStringLen = n * 2;
    return p;
  }
  /** The UTF-16 string at p up to its first 0 unit (null for NULL); it
   * stops at the end of memory. @param {number} p */
  function readString16(p) {
    if (p === 0) return null;
    if (u8.length === 0) refresh();
    let q = p;
    while (q + 1 < u8.length && (u8[q] | u8[q + 1]) !== 0) q += 2;
    return readString16N(p, q - p);
  }
  /** n bytes of UTF-16 at p as a string. @param {number} p @param {number} n */
  function readString16N(p, n) {
    if (u8.length === 0) refresh();
    return decoder16.decode(u8.subarray(p, p + (n & ~1)));
  }
  //#endregion
  //#region utf32 provides tmpString32 readString32 readString32N needs temps memory string-in
  // UTF-32 strings (char32_t, and wchar_t, 4 bytes on wasm32): one code
  // point a unit, a terminating 0 unit. Lone surrogates pass through as
  // code points; units beyond U+10FFFF read as U+FFFD.
  /** A string as NUL-terminated UTF-32 in a temporary; tmpStringLen gets
   * its length in bytes. U+0000 is refused unless `name` is null.
   * @param {string} s @param {string | null} name @returns {number} */
  function tmpString32(s, name) {
    if (name !== null && s.indexOf('\0') !== -1) throw wbNulError(name);
    const p = tmpAlloc(s.length * 4 + 4, 4);
    let at = p >> 2;
    for (let i = 0; i < s.length; i++) {
      const c = /** @type {number} */ (s.codePointAt(i));
      u32[at++] = c;
      if (c > 0xffff) i++;
    }
    u32[at] = 0;
    tmpStringLen = at * 4 - p;
    return p;
  }
  /** The UTF-32 string at p up to its first 0 unit (null for NULL); it
   * stops at the end of memory. @param {number} p */
  function readString32(p) {
    if (p === 0) return null;
    if (u8.length === 0) refresh();
    let q = p >> 2;
    while (q < u32.length && u32[q] !== 0) q++;
    return readString32N(p, q * 4 - p);
  }
  /** n bytes of UTF-32 at p as a string. @param {number} p @param {number} n */
  function readString32N(p, n) {
    if (u8.length === 0) refresh();
    let s = '';
    for (let q = p >> 2, end = q + (n >> 2); q < end; q++) {
      const c = u32[q];
      s += String.fromCodePoint(c > 0x10ffff ? 0xfffd : c);
    }
    return s;
  }
  //#endregion
  //#region varargs provides lastFormat lastKinds wbFormatKinds wbVarargs wbVarargsOf wbValueKinds wbWriteVarargs needs temps string-in memory errors bigint
  // A variadic function's arguments, typed by a printf format, by the rules
  // (`varargs int double`) or by the JS values (`varargs`): what C's va_arg
  // will read, where it reads it (wasm32: a buffer of the values in order,
  // each at its alignment; int, pointers and strings 4 bytes, long long and
  // double 8). A conversion the bindings cannot type, or one that writes
  // (%n), is refused: C would read or write through garbage.
  /** The last format typed, and its kinds. @type {string | null} */
  let lastFormat = null;
  /** @type {string[]} */
  let lastKinds = [];
  /** The kinds of the arguments fmt takes: 'i' int, 'u' unsigned, 'j'
   * and 'J' 64-bit (signed, unsigned), 'd' double, 's' string, 'S' string
   * or null, 'p' pointer (an address).
   * @param {string} fmt @param {string} name @returns {string[]} */
  function wbFormatKinds(fmt, name) {
    if (fmt === lastFormat) return lastKinds; // a call in a loop parses its format once
    const kinds = [];
    for (let i = 0; i < fmt.length; i++) {
      if (fmt[i] !== '%') continue;
      const at = i++;
      if (fmt[i] === '%') continue;
      while ('-+ #0\'!,'.includes(fmt[i]) && i < fmt.length) i++;
      if (fmt[i] === '*') { kinds.push('i'); i++; } else while (fmt[i] >= '0' && fmt[i] <= '9') i++;
      if (fmt[i] === '.') {
        i++;
        if (fmt[i] === '*') { kinds.push('i'); i++; } else while (fmt[i] >= '0' && fmt[i] <= '9') i++;
      }
      let size = '';
      while ('hljztL'.includes(fmt[i]) && i < fmt.length) size += fmt[i++];
      const c = fmt[i];
      const wide = size === 'll' || size === 'j';
      let kind = null;
      if ('di'.includes(c) && size !== 'L') kind = wide ? 'j' : 'i';
      else if ('ouxXc'.includes(c) && size !== 'L') kind = wide ? 'J' : c === 'c' ? 'i' : 'u';
      else if ('eEfFgGaA'.includes(c) && size === '') kind = 'd';
      else if ('sqw'.includes(c) && size === '') kind = 's'; // %q %w: SQLite's quoting
      else if (c === 'Q' && size === '') kind = 'S'; // SQLite's %Q: NULL prints NULL
      else if (c === 'p' && size === '') kind = 'p';
      if (kind === null || c === undefined)
        throw new TypeError(`${name}: the format's ${JSON.stringify(fmt.slice(at, i + 1))} cannot be typed ` +
          '(the bindings take d i o u x X c e f g a s p, and q Q w as strings)');
      kinds.push(kind);
    }
    lastFormat = fmt;
    lastKinds = kinds;
    return kinds;
  }
  /** Checks args against fmt and writes them where C's va_list reads them
   * (a temporary); returns its address.
   * @param {unknown} fmt @param {unknown[]} args @param {string} name the format's parameter
   * @returns {number} */
  function wbVarargs(fmt, args, name) {
    if (typeof fmt !== 'string') throw wbTypeError(name, 'a format string', fmt);
    const kinds = wbFormatKinds(fmt, name);
    if (args.length !== kinds.length)
      throw new TypeError(`${name}: the format takes ${kinds.length} arguments, got ${args.length}`);
    return wbWriteVarargs(kinds, args, name);
  }
  /** The variadic arguments of a function the rules type (`kinds`, as
   * wbFormatKinds's), or, with kinds null, typed by the JS values.
   * @param {string | null} kinds @param {unknown[]} args @param {string} fn @returns {number} */
  function wbVarargsOf(kinds, args, fn) {
    if (kinds !== null && args.length !== kinds.length)
      throw new TypeError(`${fn}: takes ${kinds.length} variadic arguments, got ${args.length}`);
    return wbWriteVarargs(kinds === null ? wbValueKinds(args, fn) : kinds.split(''), args, fn);
  }
  /** Kinds from the JS values: an integer an int (unsigned above 2^31 - 1),
   * another number a double, a bigint a long long, a string a string,
   * null a NULL pointer, a boolean an int.
   * @param {unknown[]} args @param {string} fn */
  function wbValueKinds(args, fn) {
    return args.map((v, k) => {
      if (typeof v === 'number') return Number.isInteger(v) && v >= -2147483648 && v <= 4294967295 ? (v > 2147483647 ? 'u' : 'i') : 'd';
      if (typeof v === 'bigint') return 'j';
      if (typeof v === 'string') return 's';
      if (v === null) return 'p';
      if (typeof v === 'boolean') return 'b';
      throw wbTypeError(`${fn} argument ${k + 1}`, 'a number, bigint, string, boolean or null', v);
    });
  }
  /** Writes args, checked against their kinds, where va_arg reads them.
   * @param {string[]} kinds @param {unknown[]} args @param {string} name @returns {number} */
  function wbWriteVarargs(kinds, args, name) {
    /** @type {(number | bigint)[]} */
    const values = [];
    /** @type {number[]} each value's offset in the buffer, at its alignment */
    const offsets = [];
    let size = 0;
    for (let k = 0; k < kinds.length; k++) {
      const v = args[k], kind = kinds[k], argName = `${name} argument ${k + 1}`;
      if (kind === 'b') {
        values.push(v ? 1 : 0);
      } else if (kind === 'i' || kind === 'u' || kind === 'p') {
        const min = kind === 'i' ? -2147483648 : 0, max = kind === 'i' ? 2147483647 : 4294967295;
        if (kind === 'p' && v === null) values.push(0);
        else if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) values.push(v);
        else throw typeof v === 'number' ? wbIntError(argName, v, min, max) : wbTypeError(argName, 'an integer', v);
      } else if (kind === 'j' || kind === 'J') {
        values.push(BigInt.asIntN(64, wbBigInt(v, argName, kind === 'J')));
      } else if (kind === 'd') {
        if (typeof v !== 'number') throw wbTypeError(argName, 'a number', v);
        values.push(v);
      } else if (kind === 'S' && v === null) {
        values.push(0);
      } else {
        if (typeof v !== 'string') throw wbTypeError(argName, 'a string', v);
        values.push(tmpString(v, argName));
      }
      const bytes = 'jJd'.includes(kind) ? 8 : 4;
      offsets.push((size + bytes - 1) & -bytes);
      size = offsets[k] + bytes;
    }
    const base = tmpAlloc(size || 8, 8);
    if (u8.length === 0) refresh();
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k], v = values[k], at = base + offsets[k];
      if (kind === 'd') f64[at >> 3] = /** @type {number} */ (v);
      else if (kind === 'j' || kind === 'J') i64[at >> 3] = /** @type {bigint} */ (v);
      else u32[at >> 2] = /** @type {number} */ (v) >>> 0;
    }
    return base;
  }
  //#endregion
  //#region heap-strings provides heapString needs alloc memory encoder errors string-in
  /** s as NUL-terminated UTF-8 in malloc'ed memory (for C to keep).
   * @param {string} s @param {string} name @returns {number} */
  function heapString(s, name) {
    if (typeof s !== 'string') throw wbTypeError(name, 'a string', s);
    if (s.indexOf('\0') !== -1) throw wbNulError(name);
    const bytes = encoder.encode(s);
    const p = malloc(bytes.length + 1);
    u8.set(bytes, p);
    u8[p + bytes.length] = 0;
    return p;
  }
  //#endregion

  //#region array-copy provides wbArrayCopy wbDetachedCheck needs errors
  /** f(), whose only TypeError can be a detached buffer's: named for the
   * argument. @template T @param {() => T} f @param {string} name @returns {T} */
  function wbDetachedCheck(f, name) {
    try {
      return f();
    } catch (e) {
      if (e instanceof TypeError) throw new TypeError(`${name}: ${e.message}`);
      throw e;
    }
  }
  /** An array argument's elements in an array of ours: its length read once,
   * each element once (a Proxy's traps run here, before anything is written),
   * and not through slice(), whose species constructor is the caller's.
   * @param {any} v @param {string} name @returns {any[]} */
  function wbArrayCopy(v, name) {
    const n = v.length;
    // (no array is longer, nor fits in a 32-bit memory)
    if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`${name}: length ${String(n)} is not a valid length`);
    const a = new Array(n);
    for (let k = 0; k < n; k++) a[k] = v[k];
    return a;
  }
  //#endregion

  //#region array-in provides tmpArrayLen tmpArray wbElements needs temps memory errors bigint intrinsics array-copy
  /** The element count of the last array tmpArray() copied. */
  let tmpArrayLen = 0;
  /** The elements of v (an array, or a typed array of another type) as a
   * plain array of checked values: each read once, each checked as a scalar
   * parameter of the element type is (`xs[2]: expected a number, got
   * object`). A typed array's elements are read through its internal slots.
   * @param {any} v @param {string | undefined} tag @param {string} name @param {any} Type */
  function wbElements(v, tag, name, Type) {
    const big = Type === BigInt64Array || Type === BigUint64Array;
    /** @type {any[]} */
    let a;
    if (tag === undefined) {
      a = wbArrayCopy(v, name);
    } else {
      const bigTag = tag === 'BigInt64Array' || tag === 'BigUint64Array';
      if (bigTag !== big) throw new TypeError(`${name}: expected ${Type.name} or an array, got ${tag}`);
      // a copy through the internal slots, exact (any number element is a double)
      const copy = wbDetachedCheck(() => tag === 'BigInt64Array' ? new BigInt64Array(v) : bigTag ? new BigUint64Array(v) : new Float64Array(v), name);
      a = new Array(wbTaLength.call(copy));
      for (let k = 0; k < a.length; k++) a[k] = copy[k];
    }
    const n = a.length;
    if (big) {
      for (let k = 0; k < n; k++) a[k] = wbBigInt(a[k], `${name}[${k}]`, Type === BigUint64Array);
    } else if (Type === Float64Array || Type === Float32Array) {
      for (let k = 0; k < n; k++) if (typeof a[k] !== 'number') throw wbNumberError(`${name}[${k}]`, a[k]);
    } else {
      const bits = Type.BYTES_PER_ELEMENT * 8, signed = Type.name[0] === 'I';
      const min = signed ? -(2 ** (bits - 1)) : 0, max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
      for (let k = 0; k < n; k++) {
        const x = a[k];
        if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) throw wbIntError(`${name}[${k}]`, x, min, max);
      }
    }
    return a;
  }
  /** An array argument copied into a temporary of `Type` elements; its count
   * is left in tmpArrayLen. A typed array of that type is copied as is; an
   * array or another typed array element by element, each checked. Lengths
   * and elements are read once, through the built-in accessors, before
   * anything is written: a lying `length` or a getter cannot change what C
   * gets. @param {any} v @param {string} name @param {any} Type typed array class
   * @returns {number} the address */
  function tmpArray(v, name, Type) {
    const tag = ArrayBuffer.isView(v) ? wbTaTag.call(v) : undefined;
    if (tag === Type.name && wbTaBuffer.call(v) === memory.buffer) {
      // already in linear memory (a `view` result, lib.memory): C reads and
      // writes it in place, memory JS could write anyway
      tmpArrayLen = wbTaLength.call(v);
      return wbTaOffset.call(v);
    }
    /** @type {any} */
    let src;
    if (tag === Type.name) src = v;
    else if (tag !== undefined || Array.isArray(v)) src = wbElements(v, tag, name, Type);
    else throw wbTypeError(name, `${Type.name} or an array`, v);
    const n = tag === Type.name ? wbTaLength.call(v) : src.length, size = Type.BYTES_PER_ELEMENT;
    const p = tmpAlloc(n * size || 1, size);
    const view = new Type(memory.buffer, p, n);
    wbDetachedCheck(() => view.set(src), name);
    tmpArrayLen = n;
    return p;
  }
  //#endregion

  //#region bytes provides asBytes needs errors intrinsics array-copy
  /** The bytes of a `void *` argument: a Uint8Array over any ArrayBuffer or
   * view (a DataView too), without copying, its extent read through the
   * built-in accessors. @param {any} v @param {string} name */
  function asBytes(v, name) {
    if (ArrayBuffer.isView(v)) {
      if (wbTaTag.call(v) !== undefined)
        return wbDetachedCheck(() => new Uint8Array(wbTaBuffer.call(v), wbTaOffset.call(v), wbTaBytes.call(v)), name);
      return wbDetachedCheck(() => new Uint8Array(wbDvBuffer.call(v), wbDvOffset.call(v), wbDvBytes.call(v)), name);
    }
    let n = -1;
    try {
      n = wbAbBytes.call(v); // an ArrayBuffer (not a look-alike)
    } catch {
      throw wbTypeError(name, 'a Uint8Array, an ArrayBuffer or a view of one', v);
    }
    return wbDetachedCheck(() => new Uint8Array(v, 0, n), name);
  }
  //#endregion

  //#region assign provides wbAssign wbCopied wbSameExtent needs errors intrinsics
  /** Gives a plain object the values C left in its copy (a struct C changed
   * through a non-const pointer). A buffer JS gave (in `copies`, already
   * given C's bytes) stays its field's value while C left its extent; a
   * typed array given for an array field is filled in place when the
   * lengths agree; anything else is replaced.
   * @param {any} to @param {any} from @param {string} name @param {any[] | null} [copies] */
  function wbAssign(to, from, name, copies = null) {
    try {
      for (const k of Object.keys(from)) {
        const old = to[k], now = from[k];
        if (copies !== null && wbSameExtent(wbCopied(copies, old), now)) continue;
        const tag = ArrayBuffer.isView(old) ? wbTaTag.call(old) : undefined;
        if (tag !== undefined && tag === wbTaTag.call(now) && wbTaLength.call(old) === wbTaLength.call(now))
          /** @type {Function} */ (wbTypedArray.set).call(old, now);
        else to[k] = now;
      }
    } catch (e) {
      throw new TypeError(`${name}: C changed the struct, and the object given does not take its values (${e})`);
    }
  }
  /** What was copied of v, a value JS gave for a buffer field (the array
   * its elements were read from: the bytes of an ArrayBuffer), or
   * undefined (copies: 6 entries a buffer). @param {any[]} copies @param {unknown} v */
  function wbCopied(copies, v) {
    for (let i = 0; i < copies.length; i += 6) if (copies[i] === v) return copies[i + 1];
    return undefined;
  }
  /** Has what was copied the element count of what C left (now)? Then C
   * left the buffer's extent, and the value JS gave stays.
   * @param {unknown} copied @param {unknown} now */
  function wbSameExtent(copied, now) {
    if (copied === undefined) return false;
    if (typeof copied === 'function') return true; // a callback field: JS's function stays
    if (typeof now === 'string' || now === null) return copied === now;
    const n = wbTaLength.call(now);
    if (Array.isArray(copied)) return copied.length === n;
    return ArrayBuffer.isView(copied) && wbTaTag.call(copied) !== undefined && wbTaLength.call(copied) === n;
  }
  //#endregion
  //#region allocations provides wbAlloc Allocation wbAllocFreed wbAllocOf wbAllocToken wbAllocTypes needs alloc memory errors intrinsics
  // lib.alloc(length, Type): memory C keeps using across calls (a
  // streaming compressor's window, a buffer a struct field points to), as
  // a typed array over linear memory, made anew once the memory grows.
  // Passed where arrays go, it is used in place. Freed by free(), `using`,
  // or the collector once neither it nor an array it gave is reachable:
  // keep one while C holds the pointer.
  const wbAllocTypes = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  const wbAllocFreed = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((/** @type {number} */ p) => wbFree(p)) : null;
  /** The allocation an array belongs to: it keeps it alive. @type {WeakMap<object, object>} */
  const wbAllocOf = new WeakMap();
  /** Only wbAlloc makes allocations: a forged one would free any address. */
  const wbAllocToken = {};
  class Allocation {
    #p;
    #length;
    /** @type {any} */
    #Type;
    /** @type {any} */
    #array = null;
    /** @param {object} token @param {number} p @param {number} length @param {any} Type */
    constructor(token, p, length, Type) {
      if (token !== wbAllocToken) throw new TypeError('Allocation: made by lib.alloc() only');
      this.#p = p;
      this.#length = length;
      this.#Type = Type;
      wbAllocFreed?.register(this, p, this);
    }
    /** The address; 0 once freed. */
    get ptr() {
      return this.#p;
    }
    /** The number of elements. */
    get length() {
      return this.#length;
    }
    /** A typed array over the memory, valid until the memory grows (then ask again). */
    get array() {
      if (this.#p === 0) throw new TypeError('alloc: this allocation was freed');
      if (this.#array === null || wbTaBuffer.call(this.#array) !== memory.buffer) {
        this.#array = new this.#Type(memory.buffer, this.#p, this.#length);
        wbAllocOf.set(this.#array, this);
      }
      return this.#array;
    }
    /** Frees the memory, once; C must no longer use it. */
    free() {
      if (this.#p === 0) return;
      wbAllocFreed?.unregister(this);
      wbFree(this.#p);
      this.#p = 0;
      this.#array = null;
    }
    [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
      this.free();
    }
  }
  /** lib.alloc(length, Type = Uint8Array): zeroed, aligned for Type.
   * @param {unknown} length @param {any} [Type] */
  function wbAlloc(length, Type = Uint8Array) {
    if (!wbAllocTypes.includes(Type)) throw wbTypeError('Type', 'a typed array class (Uint8Array, Float64Array, ...)', Type);
    const max = Math.floor(0x7fffffff / Type.BYTES_PER_ELEMENT);
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > max)
      throw new RangeError(`length: ${String(length)} is not a count of elements in [0, ${max}]`);
    const bytes = length * Type.BYTES_PER_ELEMENT;
    const p = malloc(bytes || 1);
    if (p === 0) throw new RangeError(`alloc: out of memory for ${bytes} bytes`);
    if (u8.length === 0) refresh();
    u8.fill(0, p, p + bytes);
    return new Allocation(wbAllocToken, p, length, Type);
  }
  //#endregion
  //#region in-memory provides inMemory needs memory errors intrinsics
  /** The address of v, a `Type` array over linear memory (a `view`
   * result, lib.memory): what a buffer field holds outside a call, where
   * nothing would own a copy. @param {any} v @param {string} name @param {any} Type */
  function inMemory(v, name, Type) {
    if (!ArrayBuffer.isView(v) || wbTaTag.call(v) !== Type.name || wbTaBuffer.call(v) !== memory.buffer)
      throw wbTypeError(name, `a ${Type.name} over the library's memory (outside a call nothing would own a copy)`, v);
    return wbTaOffset.call(v);
  }
  //#endregion
  //#region copy-back provides copyBack copyBacks needs memory intrinsics
  /** Gives back the buffers a struct's writer copied for a call (its
   * `copies`, six entries a buffer: the value JS gave, what its bytes are
   * written into, the copy's address and count, its Type (null: const, C
   * did not write it), its name): what C made of them.
   * @param {any[]} copies */
  function copyBacks(copies) {
    for (let i = 0; i < copies.length; i += 6) {
      const Type = copies[i + 4];
      if (Type !== null && Type !== 'callback') copyBack(copies[i + 1], copies[i + 2], copies[i + 3], Type, copies[i + 5]);
    }
  }
  /** Copies the n elements at p, what C made of an array argument, back into
   * it: a typed array through its built-in set, an array element by element
   * (an array that refuses them is a TypeError naming it).
   * @param {any} v @param {number} p @param {number} n @param {any} Type @param {string} name */
  function copyBack(v, p, n, Type, name) {
    if (ArrayBuffer.isView(v) && wbTaTag.call(v) !== undefined) {
      const buffer = wbTaBuffer.call(v);
      // C wrote it in place (tmpArray), in this memory or, if the call grew
      // it, in the new one at the same place: v is then detached
      if ((buffer === memory.buffer && wbTaOffset.call(v) === p) || wbTaLength.call(v) !== n) return;
      /** @type {Function} */ (wbTypedArray.set).call(v, new Type(memory.buffer, p, n));
      return;
    }
    const src = new Type(memory.buffer, p, n);
    if (ArrayBuffer.isView(v)) { // a DataView over the bytes
      new Uint8Array(wbDvBuffer.call(v), wbDvOffset.call(v), n).set(new Uint8Array(src.buffer, p, n));
      return;
    }
    try {
      for (let i = 0; i < n; i++) v[i] = src[i];
    } catch (e) {
      throw new TypeError(`${name}: C changed the array, and the array given does not take its values (${e})`);
    }
  }
  //#endregion

  //#region terminated provides readTerminated needs memory
  /** The elements of a NULL-terminated array of pointers at p (argv,
   * expat's attributes), each made a JS value by `read`; null for NULL.
   * @param {number} p @param {(e: number) => any} read */
  function readTerminated(p, read) {
    if (p === 0) return null;
    const out = [];
    for (let q = p; ; q += 4) {
      if (u8.length === 0) refresh();
      if (q + 4 > u8.length) throw new RangeError('a NULL-terminated array has no NULL before the end of memory');
      const e = u32[q >> 2];
      if (e === 0) return out;
      out.push(read(e));
    }
  }
  //#endregion
  //#region array-out provides readArray needs memory
  /** A copy of n elements of `Type` at p (the result outlives the memory).
   * @param {number} p @param {number} n @param {any} Type */
  function readArray(p, n, Type) {
    if (p === 0) return null;
    return new Type(memory.buffer.slice(p, p + n * Type.BYTES_PER_ELEMENT));
  }
  //#endregion

  //#region bits provides getBits setBits needs memory
  /** A bitfield's value: `width` bits at bit `bit` of the record at p.
   * @param {number} p @param {number} bit @param {number} width @param {boolean} signed */
  function getBits(p, bit, width, signed) {
    if (u8.length === 0) refresh();
    let v = 0n;
    const first = bit >> 3, last = (bit + width - 1) >> 3;
    for (let i = last; i >= first; i--) v = (v << 8n) | BigInt(u8[p + i]);
    v = (v >> BigInt(bit & 7)) & ((1n << BigInt(width)) - 1n);
    if (signed) v = BigInt.asIntN(width, v);
    return width > 32 ? v : Number(v);
  }
  /** @param {number} p @param {number} bit @param {number} width @param {number | bigint} value */
  function setBits(p, bit, width, value) {
    if (u8.length === 0) refresh();
    const first = bit >> 3, last = (bit + width - 1) >> 3, shift = BigInt(bit & 7);
    const mask = ((1n << BigInt(width)) - 1n) << shift;
    let word = 0n;
    for (let i = last; i >= first; i--) word = (word << 8n) | BigInt(u8[p + i]);
    word = (word & ~mask) | ((BigInt(value) << shift) & mask);
    for (let i = first; i <= last; i++, word >>= 8n) u8[p + i] = Number(word & 255n);
  }
  //#endregion

  //#region handles provides wbDispose wbDestroys wbDestroyHooks wbRegistry wbLater wbHandleError wbManyUndestroyed wbWarn wbReport wbDestroyed handleClass needs errors pending
  // Opaque C pointers as objects, one class per C type. The pointer sits in
  // a private field of a class made per type, so a handle of another type, a
  // look-alike object or a handle whose destructor ran is refused
  // (TypeError) before C sees it.
  // An owned handle (C gave it away) is destroyed by its destructor method,
  // by `using`, or by the garbage collector, once: the registry holds a cell
  // that release() empties, from the end of the task that made the handle.
  // Types that C also lends (a function returns one it keeps) keep one
  // object per live pointer, so a pointer C hands back is the same object
  // and is never freed twice; the others skip that map.
  // A handle a call made holds the life (lifeOf) of the handle argument the
  // plan ties it to: a lent one dies with that lender and keeps it from the
  // collector; an owned one only keeps it from the collector.
  const wbDispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
  const wbRegistry = typeof FinalizationRegistry === 'function' ? FinalizationRegistry : null;
  /** How many handles were destroyed so far: a wrapper whose arguments hold
   * handles checks that none died while it converted them. */
  let wbDestroys = 0;
  /** Run with (type, pointer) once C destroyed a handle: what it owned in
   * the bindings goes (callbacks kept until replaced).
   * @type {((type: string, p: number) => void)[]} */
  const wbDestroyHooks = [];
  /** Runs f once the current task is over. @type {(f: () => void) => void} */
  const wbLater = typeof queueMicrotask === 'function' ? queueMicrotask : (f) => { Promise.resolve().then(f); };
  /** Why a handle was refused. @param {string} name @param {string} type @param {any} h */
  function wbHandleError(name, type, h) {
    const other = typeof h === 'object' && h !== null && h.constructor?.name;
    // another library type is named; a plain object is just an object
    if (other && other !== 'Object') return new TypeError(`${name}: expected a ${type}, got a ${other}`);
    return wbTypeError(name, `a ${type}`, h);
  }
  /** How many owned handles of one type made in one task and alive there
   * are worth a warning. */
  const wbManyUndestroyed = 100000;
  /** A warning, on the console at once (Node's process warnings wait for
   * the task to end, which a task running out of memory never sees).
   * @param {string} message */
  function wbWarn(message) {
    console.warn(`wasmbind: warning: ${message}`);
  }
  /** Reports an error no caller can catch (a destructor the collector ran):
   * the host's reportError, else the uncaught-exception path (Node).
   * @param {unknown} e */
  function wbReport(e) {
    if (typeof reportError === 'function') reportError(e);
    else wbLater(() => { throw e; });
  }
  /** Runs a destructor outside any call of the bindings; returns what a
   * callback C ran meanwhile threw (the first), which no wrapper rethrows.
   * @param {(p: number) => unknown} destroy @param {number} p
   * @returns {{ error: unknown } | null} */
  function wbDestroyed(destroy, p) {
    const e0 = pendingErrors.length;
    destroy(p);
    return pendingErrors.length > e0 ? { error: pendingErrors.splice(e0)[0] } : null;
  }
  /** A handle's life as its children see it: p is 0 once it is destroyed;
   * h keeps it from the collector.
   * @typedef {{ p: number, h: object, type: string }} WbLife */
  /** The base class of the handles of one C type.
   * @param {string} type the C type, for messages
   * @param {string | null} destroyName the destructor's C name
   * @param {((p: number) => unknown) | null} destroy the raw destructor
   * @param {boolean} lent whether C also lends pointers of this type */
  function handleClass(type, destroyName, destroy, lent) {
    /** @type {Map<number, WeakRef<any>> | null} */
    const live = destroy && lent ? new Map() : null;
    // Owned handles the collector found unreachable: destroyed, unless
    // release() ran (the cell is empty) or C lent the pointer out again
    // meanwhile (then that object owns it).
    const owned = destroy && wbRegistry ? new wbRegistry((/** @type {{p: number}} */ cell) => {
      const p = cell.p;
      if (p === 0) return;
      const again = live?.get(p)?.deref();
      if (again) {
        Handle.adopt(again, cell);
      } else {
        live?.delete(p);
        try {
          const failed = wbDestroyed(destroy, p);
          if (failed) wbReport(failed.error);
        } catch (e) {
          wbReport(e); // a trap: nobody else would hear of it
        }
        for (const hook of wbDestroyHooks) hook(type, p);
      }
    }) : null;
    const lentOnly = live && wbRegistry ? new wbRegistry((/** @type {number} */ p) => {
      if (live.get(p)?.deref() === undefined) live.delete(p);
    }) : null;
    // Owned handles made during the current task. They enter the registry
    // only when the task is over: most are destroyed before that (prepare,
    // step, finalize), and registering costs more than the rest of their life.
    // Entering it earlier, once the list is long, does not bound a long
    // synchronous task either: no finalizer runs before the task ends, and
    // V8 keeps a registered cell until then. Measured (2,000,000 owned
    // handles dropped in one loop, tests/rules counter, gc() in the loop's
    // task): 167 MB of JS heap held here against 453 MB when enrolled every
    // 4,096 handles, and 5 us per handle against 31. Their C memory cannot be
    // freed before the task ends anyway: a long loop destroys what it makes,
    // and one that does not is warned (warnUndestroyed). Across tasks they are
    // collected: 2,000,000 SQLite statements dropped, a task per 10,000, peak
    // at 287 MB of linear memory; in one task, C runs out at 1,359,172.
    /** @type {any[]} */
    let recent = [];
    let enrolling = false;
    function enrollRecent() {
      enrolling = false;
      const list = recent;
      recent = [];
      for (const h of list) Handle.enroll(h);
    }
    // A task that drops many owned handles undestroyed runs C out of memory
    // before their finalizers can run (no engine runs one during a task):
    // said once per type, when so many are alive.
    let warned = false;
    function warnUndestroyed() {
      if (warned) return;
      warned = true;
      wbWarn(`${wbManyUndestroyed} ${type} handles made in this task are not destroyed: the garbage ` +
        `collector cannot destroy any before the task ends; destroy them (${destroyName}) or use \`using\``);
    }
    /** A live handle of this task for p, if any. @param {number} p */
    function young(p) {
      for (let i = recent.length - 1; i >= 0; i--) if (recent[i].ptr === p) return recent[i];
      return undefined;
    }
    class Handle {
      #p;
      /** @type {{p: number} | null} the registry's cell, for owned handles */
      #cell = null;
      /** @type {WbLife | null} this handle's life, once a child asked for it */
      #life = null;
      /** @type {WbLife | null} the life of the handle that lent this one: it dies with it */
      #lender = null;
      /** @type {WbLife | null} the life of a parent kept from the collector */
      #keep = null;
      /** C gave it away (`owned`): the bindings may destroy it; a lent one is C's */
      #owned = false;
      /** @param {number} p */
      constructor(p) {
        this.#p = p;
      }
      /** The C pointer; 0 once destroyed. */
      get ptr() {
        return this.#p;
      }
      /** The pointer of h, checked: a live handle of this type, whose
       * lender (if any) is alive. @param {any} h @param {string} name */
      static ptrOf(h, name) {
        if (typeof h === 'object' && h !== null && #p in h) {
          const p = h.#p, lender = h.#lender;
          if (p !== 0 && (lender === null || lender.p !== 0)) return p;
          if (p === 0 || lender === null) throw new TypeError(`${name}: this ${type} was destroyed (${destroyName})`);
          throw new TypeError(`${name}: this ${type} was lent by a ${lender.type}, which was destroyed`);
        }
        throw wbHandleError(name, type, h);
      }
      /** ptrOf(h), for a function that destroys it: only a handle C gave
       * away, never one C lent (destroying that would free C's own memory).
       * @param {any} h @param {string} name */
      static ownedPtrOf(h, name) {
        const p = Handle.ptrOf(h, name);
        if (!h.#owned)
          throw new TypeError(`${name}: this ${type} is lent by C, not owned: only C destroys it ` +
            '(a function that gives one away is `owned` in the rules)');
        return p;
      }
      /** What a child of h holds: h's life, or that of the handle that lent
       * h (the first owner), so a chain of lent handles holds one owner.
       * @param {any} h a handle of this type, or null @returns {WbLife | null} */
      static lifeOf(h) {
        if (h === null) return null;
        return h.#lender ?? (h.#life ??= { p: h.#p, h, type });
      }
      /** The handle of a pointer C lent (null for NULL); lender: the life
       * of the handle it came from, which it then dies with.
       * @param {number} p @param {WbLife | null} [lender] */
      static at(p, lender = null) {
        if (p === 0) return null;
        if (!live) return Handle.lent(new this(p), lender);
        const h = live.get(p)?.deref() ?? young(p);
        // (a lent object whose lender died holds a pointer since reused)
        if (h && (h.#lender === null || h.#lender.p !== 0)) return h;
        const fresh = Handle.lent(new this(p), lender);
        live.set(p, new WeakRef(fresh));
        lentOnly?.register(fresh, p);
        return fresh;
      }
      /** @param {any} h @param {WbLife | null} lender */
      static lent(h, lender) {
        h.#lender = lender;
        return h;
      }
      /** The handle of a pointer C gave away: destroyed with the object if
       * nobody destroys it first; parent: the life of a handle it needs
       * alive (the collector keeps it while this one is reachable).
       * @param {number} p @param {WbLife | null} [parent] */
      static own(p, parent = null) {
        if (p === 0) return null;
        // (a pointer C just gave away is new: only one it lent before can be known)
        const h = (live && live.get(p)?.deref()) || new this(p);
        h.#keep ??= parent;
        h.#owned = true;
        if (owned && !h.#cell) {
          h.#cell = { p };
          if (recent.push(h) === wbManyUndestroyed) warnUndestroyed();
          if (!enrolling) {
            enrolling = true;
            wbLater(enrollRecent);
          }
        }
        return h;
      }
      /** Puts an owned handle that outlived the task that made it under the
       * registry (and in the map of live pointers). @param {any} h */
      static enroll(h) {
        const cell = h.#cell;
        if (!cell || cell.p === 0) return;
        owned?.register(h, cell);
        if (live && !live.get(cell.p)?.deref()) live.set(cell.p, new WeakRef(h));
      }
      /** h takes over the registry cell of a collected owner of its pointer.
       * @param {any} h @param {{p: number}} cell */
      static adopt(h, cell) {
        h.#cell = cell;
        h.#owned = true;
        owned?.register(h, cell);
      }
      /** Marks h destroyed (its destructor ran or runs now); returns its pointer.
       * @param {any} h */
      static release(h) {
        const p = h.#p;
        h.#p = 0;
        if (h.#life) h.#life.p = 0;
        wbDestroys++;
        for (const hook of wbDestroyHooks) hook(type, p);
        if (h.#cell) {
          h.#cell.p = 0;
          // Made and destroyed in one task, the usual way (prepare, step,
          // finalize): forget it now rather than hold it to the task's end.
          if (recent[recent.length - 1] === h) recent.pop();
        }
        live?.delete(p);
        return p;
      }
      /** `using`: runs the destructor, once; its result is not checked,
       * but what a callback it ran threw is thrown here. */
      [wbDispose]() {
        if (typeof this !== 'object' || this === null || !(#p in this)) throw wbHandleError('this', type, this);
        if (this.#p === 0 || !destroy) return;
        Handle.ownedPtrOf(this, 'this');
        let failed = null;
        try {
          failed = wbDestroyed(destroy, this.#p);
        } finally {
          Handle.release(this); // after C: what it owned goes once C is done with it
        }
        if (failed) throw failed.error;
      }
    }
    return Handle;
  }
  //#endregion

  //#region pending provides pendingErrors
  /** The error a callback threw, rethrown when C returns. @type {any[]} */
  const pendingErrors = [];
  //#endregion

  //#region table-slots provides table trampolines wbOutlived wbIgnored trampoline tableSlot
  // JS functions as C function pointers: each signature gets a tiny wasm
  // module that imports a JS function and exports it with that signature, so
  // it can sit in the function table.
  /** @type {WebAssembly.Table} */
  const table = exports.__indirect_function_table;
  /** @type {Map<string, WebAssembly.Module>} */
  const trampolines = new Map();
  /** What the slot of a callback "for the call" runs outside the calls
   * that take it: an error naming the function that took it and the rule
   * that would keep it. @param {string} fn @param {string} param */
  function wbOutlived(fn, param) {
    return () => {
      throw new Error(`wasmbind: C called a function pointer after its callback was released: '${param}' of ` +
        `${fn} lives for the call only; if C keeps it, a rules item 'keep until replaced' or ` +
        `'keep until X' says for how long`);
    };
  }
  function wbIgnored() {}
  /** A module exporting an import of the given signature, e.g. "ii>i".
   * @param {string} sig */
  function trampoline(sig) {
    let mod = trampolines.get(sig);
    if (!mod) {
      const code = { i: 0x7f, j: 0x7e, f: 0x7d, d: 0x7c };
      const [params, result] = sig.split('>');
      const type = [0x60, params.length, ...[...params].map((c) => code[/** @type {'i'} */ (c)]),
        result ? 1 : 0, ...(result ? [code[/** @type {'i'} */ (result)]] : [])];
      const section = (/** @type {number} */ id, /** @type {number[]} */ body) => [id, body.length, ...body];
      const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
        ...section(1, [1, ...type]),
        ...section(2, [1, 1, 0x65, 1, 0x66, 0, 0]), // import "e" "f" (func type 0)
        ...section(7, [1, 1, 0x66, 0, 0])]); // export "f" = func 0
      mod = new WebAssembly.Module(bytes);
      trampolines.set(sig, mod);
    }
    return mod;
  }
  /** A new table slot whose trampoline imports fn itself; returns its index.
   * Also what a parameter whose callbacks live for the call only uses as its
   * slot: there fn is a stable function that calls the current call's
   * callback.
   * @param {Function} fn @param {string} sig */
  function tableSlot(fn, sig) {
    if (!table) throw new Error('wasmbind: the module exports no function table (__indirect_function_table)');
    const wasmFn = new WebAssembly.Instance(trampoline(sig), { e: { f: fn } }).exports.f;
    let slot;
    try {
      slot = table.grow(1);
    } catch {
      // no growth at all, or the engine's limit after many kept callbacks
      throw new RangeError('wasmbind: the function table cannot grow: build with -sALLOW_TABLE_GROWTH ' +
        `(it has ${table.length} entries; each callback C keeps uses one for good, even once released)`);
    }
    table.set(slot, wasmFn);
    return slot;
  }
  //#endregion

  //#region callbacks provides slotSigs releasedFns addCallback removeCallback releaseCopies needs table-slots alloc
  // Callbacks that come and go (kept beyond the call) each get a slot of
  // their own, never reused. C may keep a pointer after the callback was
  // released (a bug, but one a sound API must survive), and nothing can tell
  // which pointers C still holds: a function pointer carries no generation
  // to check. So a released slot is pointed, forever, at a trampoline that
  // raises "called after release" (one per signature), and its closure is
  // dropped: what stays per released callback is one table entry (8 bytes).
  // Costs, measured (100,000 callbacks added and released, Node 22): about
  // 10 us per callback (an instance and a table.grow) instead of 0.2 us when
  // slots were reused, and 0.8 MB of table. The table stops at the engine's
  // limit (V8: 10,000,000 entries): then addCallback throws a RangeError.
  /** Each live slot's signature, what it is, and the string it returned
   * last (null: it returns none), by table index.
   * @type {Map<number, {sig: string, where: string, held: {p: number} | null}>} */
  const slotSigs = new Map();
  /** Per signature and callback, the function a released slot holds (one
   * per callback parameter of the library, not per slot). @type {Map<string, Function>} */
  const releasedFns = new Map();
  /** Puts fn in a new table slot with signature sig; returns its index.
   * where: which callback it is, and how long it is kept, for the error
   * when C calls it after its release; held: the string it returned last,
   * freed with it.
   * @param {Function} fn @param {string} sig @param {string} where @param {{p: number} | null} held */
  function addCallback(fn, sig, where, held) {
    const slot = tableSlot(fn, sig);
    slotSigs.set(slot, { sig, where, held });
    return slot;
  }
  /** Releases the slots of the JS functions a struct's writer put in its
   * callback fields for a call (entries of `copies` whose Type is
   * 'callback', their slot in place of the address). @param {any[]} copies */
  function releaseCopies(copies) {
    for (let i = 0; i < copies.length; i += 6) if (copies[i + 4] === 'callback') removeCallback(copies[i + 2]);
  }
  /** Points a slot at its callback's "called after release" function.
   * @param {number} slot */
  function removeCallback(slot) {
    const entry = slotSigs.get(slot);
    if (entry === undefined) return;
    slotSigs.delete(slot);
    if (entry.held !== null && entry.held.p !== 0) wbFree(entry.held.p);
    const key = `${entry.sig} ${entry.where}`;
    let gone = releasedFns.get(key);
    if (!gone) {
      const released = () => {
        throw new Error(`wasmbind: C called ${entry.where}; if C keeps it longer, the rules must say ` +
          'for how long (keep until X, keep until replaced)');
      };
      gone = /** @type {Function} */ (new WebAssembly.Instance(trampoline(entry.sig), { e: { f: released } }).exports.f);
      releasedFns.set(key, gone);
    }
    table.set(slot, gone);
  }
  //#endregion

  //#region replaced provides replacedSlots replacedOf keepReplacing dropReplaced needs callbacks handles
  // Callbacks C keeps until the same function replaces them for the same
  // handle (or removes them, given null), or the handle is destroyed (rules
  // `keep until replaced`: sqlite3_update_hook, XML_SetElementHandler).
  /** Slots by function and owner. @type {Map<string, number[]>} */
  const replacedSlots = new Map();
  /** The keys each owner (type and pointer) holds. @type {Map<string, Set<string>>} */
  const replacedOf = new Map();
  /** After a successful call of fn for owner: its new slots replace the
   * previous ones, which C no longer holds.
   * @param {string} fn @param {string} type @param {number} p the owner, 0: none
   * @param {number[]} slots */
  function keepReplacing(fn, type, p, slots) {
    const owner = `${type}:${p}`, key = `${fn}@${owner}`;
    const old = replacedSlots.get(key);
    if (slots.some((slot) => slot !== 0)) {
      replacedSlots.set(key, slots);
      let keys = replacedOf.get(owner);
      if (!keys) replacedOf.set(owner, (keys = new Set()));
      keys.add(key);
    } else {
      replacedSlots.delete(key);
    }
    if (old) for (const slot of old) if (slot !== 0) removeCallback(slot);
  }
  /** A destroyed handle's kept callbacks go with it. @param {string} type @param {number} p */
  function dropReplaced(type, p) {
    const owner = `${type}:${p}`;
    const keys = replacedOf.get(owner);
    if (!keys) return;
    replacedOf.delete(owner);
    for (const key of keys) {
      const slots = replacedSlots.get(key);
      replacedSlots.delete(key);
      if (slots) for (const slot of slots) if (slot !== 0) removeCallback(slot);
    }
  }
  wbDestroyHooks.push(dropReplaced);
  //#endregion

  //#region kept provides keptSlots keyNext keepKey keepSlots releaseKept needs callbacks
  // Callbacks C keeps beyond the call (rules `keep until`): their slots, by
  // the user-data key C hands back to the releasing callback.
  /** @type {Map<number, number[]>} */
  const keptSlots = new Map();
  let keyNext = 1;
  function keepKey() {
    return keyNext++;
  }
  /** @param {number} key @param {number[]} slots */
  function keepSlots(key, slots) {
    keptSlots.set(key, slots);
  }
  /** Frees the slots kept under key, once. @param {number} key */
  function releaseKept(key) {
    const slots = keptSlots.get(key);
    if (!slots) return;
    keptSlots.delete(key);
    for (const slot of slots) if (slot !== 0) removeCallback(slot);
  }
  //#endregion
}
