// @ts-check
// wasmbind at run time, in Node and in browsers: the generator compiled to
// WebAssembly (build/lib/wasmbind-module.mjs), called through the bindings
// wasmbind generates for its own C API (src/wasmbind.h, src/wasmbind.rules).
//
//   import { generate, bind } from 'wasmbind';
//   const { js, dts, ir, diagnostics } = await generate(headerText, { name: 'demo.h' });
//   const lib = await bind(wasmBytes, headerText);     // the library object load() returns
//
// Nothing here reads files: the header and whatever it includes come as
// texts (options.files); the built-in headers (stddef.h, stdint.h, ...,
// wasmbind.h) are always there.
import createWasmbind from '../build/lib/wasmbind-module.mjs';
import { wrap } from '../build/lib/wasmbind-api.js';

const WANT_IR = 1, WANT_JS = 2;

/** @type {Promise<import('../build/lib/wasmbind-api.js').Library> | null} */
let generator = null;

/** The generator's instance, made on first use. */
function instance() {
  generator ??= createWasmbind().then((/** @type {any} */ module) => wrap(module));
  return generator;
}

/**
 * @typedef {object} GenerateOptions
 * @property {string} [name] the header's file name (default 'library.h'): the
 *   generated module's name, and the name in diagnostics
 * @property {Record<string, string>} [files] other files the header may
 *   #include, by the name the preprocessor opens ('include/util.h')
 * @property {string[]} [includeDirs] -I directories, searched in `files`
 * @property {string[]} [systemDirs] -isystem directories
 * @property {Record<string, string | number | boolean> | string[]} [defines]
 *   -D: { NAME: value } or ['NAME=value', ...]
 * @property {string[]} [undefines] -U
 * @property {string[]} [include] -include files
 * @property {string} [sysroot] where `files` holds a C library's headers
 * @property {string} [rules] a rules file's text (README, "Rules files")
 * @property {BufferSource} [wasm] the library's binary: real signatures, and
 *   only what it exports is bound
 * @property {string} [wasmFile] the .wasm the generated load() fetches by default
 *   (default: the header's name with .wasm)
 * @property {boolean} [strict] pointer parameters refuse null unless WB_NULLABLE
 * @property {string[]} [args] more options as the command line takes them
 *   (README, "Commands"): ['-Iinclude', '-DDEBUG=1', '--module=demo'];
 *   after the options above. Options naming files (-o, --wasm, --rules) are
 *   refused: pass their contents as files, wasm and rules.
 */

/**
 * @typedef {object} Generated
 * @property {boolean} ok no errors (warnings may be in `diagnostics`)
 * @property {string} diagnostics every error and warning, formatted as the CLI does
 * @property {string | null} js the ES module, when ok
 * @property {string | null} dts its TypeScript declarations, when ok
 * @property {string | null} ir the header's description (docs/IR-SCHEMA.md), when ok
 */

/** The options as command line arguments, packed for wb_generate
 * (src/wasmbind.h), which parses them as the CLI does (src/options.c).
 * @param {GenerateOptions} o */
function packArgs(o) {
  /** @type {string[]} */
  const args = [];
  if (o.wasmFile != null) args.push('--wasm-file', o.wasmFile);
  for (const d of o.includeDirs ?? []) args.push('-I', d);
  for (const d of o.systemDirs ?? []) args.push('-isystem', d);
  const defines = Array.isArray(o.defines) ? o.defines
    : Object.entries(o.defines ?? {}).filter(([, v]) => v !== false).map(([k, v]) => (v === true ? k : `${k}=${v}`));
  for (const d of defines) args.push('-D', d);
  for (const u of o.undefines ?? []) args.push('-U', u);
  for (const f of o.include ?? []) args.push('-include', f);
  if (o.sysroot) args.push('--sysroot', o.sysroot);
  if (o.strict) args.push('--strict');
  args.push(...(o.args ?? []));
  for (const a of args)
    if (typeof a !== 'string' || a.includes('\0')) throw new TypeError(`options: ${JSON.stringify(a)} is not a string without NUL characters`);
  return args.map((a) => `${a}\0`).join('');
}

/** @param {BufferSource | undefined} b */
function bytesOf(b) {
  if (b === undefined) return null;
  if (b instanceof Uint8Array) return b;
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return new Uint8Array(b);
}

/**
 * Generates the bindings of a header: what `wasmbind gen` and `wasmbind ir`
 * write, byte for byte.
 * @param {string} headerText @param {GenerateOptions} [options]
 * @returns {Promise<Generated>}
 */
export async function generate(headerText, options = {}) {
  if (typeof headerText !== 'string') throw new TypeError('headerText: expected a string');
  const name = options.name ?? 'library.h';
  const files = [[name, headerText], ...Object.entries(options.files ?? {})];
  for (const [file, text] of files)
    if (typeof text !== 'string' || text.includes('\0')) throw new TypeError(`files['${file}']: expected a string without NUL characters`);
  const api = await instance();
  const result = api.wb_generate(name, files.map(([f, t]) => `${f}\0${t}\0`).join(''), packArgs(options),
    options.rules ?? null, bytesOf(options.wasm), WANT_IR | WANT_JS);
  if (!result) throw new RangeError('wasmbind: out of memory');
  const ok = result.status === 0;
  return { ok, diagnostics: result.diagnostics ?? '', js: ok ? result.js : null, dts: ok ? result.dts : null, ir: ok ? result.ir : null };
}

/** The generated bindings could not be made: `diagnostics` says why. */
export class GenerateError extends Error {
  /** @param {string} diagnostics */
  constructor(diagnostics) {
    super(`wasmbind: the header has errors:\n${diagnostics}`);
    this.name = 'GenerateError';
    this.diagnostics = diagnostics;
  }
}

/** Imports a module from its source text: a blob: URL in browsers, a data:
 * URL in Node (which cannot import blob: URLs). No file, no fetch.
 * @param {string} js */
async function importText(js) {
  if (typeof process === 'object' && process.versions?.node)
    return import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  try {
    return await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The library object of a binary and its header, with no build step: what
 * `load()` of the module `wasmbind gen` would write returns. The generated
 * module is imported from a blob: (browsers) or data: (Node) URL, so a page's
 * Content-Security-Policy must allow that script source; under a strict one,
 * generate the module ahead of time (`wasmbind gen`, or generate() at build
 * time) and import it as a file.
 * @param {BufferSource | WebAssembly.Module} wasm
 * @param {string} headerText
 * @param {GenerateOptions & { imports?: Record<string, Record<string, unknown>> }} [options]
 * @returns {Promise<any>}
 */
export async function bind(wasm, headerText, options = {}) {
  const bytes = wasm instanceof WebAssembly.Module ? undefined : wasm;
  const out = await generate(headerText, { ...options, wasm: bytes });
  if (!out.ok || !out.js) throw new GenerateError(out.diagnostics);
  const mod = await importText(out.js);
  return mod.default(wasm, { imports: options.imports });
}
