// Types of web/wasmbind.mjs, the package's entry: wasmbind at run time.

export interface GenerateOptions {
  /** The header's file name (default 'library.h'): the generated module's name and the name in diagnostics. */
  name?: string;
  /** Other files the header may #include, by the name the preprocessor opens ('include/util.h'). */
  files?: Record<string, string>;
  /** -I directories, searched in `files`. */
  includeDirs?: string[];
  /** -isystem directories. */
  systemDirs?: string[];
  /** -D: { NAME: value } (true: defined as 1, false: left out) or ['NAME=value', ...]. */
  defines?: Record<string, string | number | boolean> | string[];
  /** -U */
  undefines?: string[];
  /** -include files */
  include?: string[];
  /** Where `files` holds a C library's headers (as --sysroot). */
  sysroot?: string;
  /** A rules file's text (README, "Rules files"). */
  rules?: string;
  /** The library's binary: real signatures, and only what it exports is bound. */
  wasm?: BufferSource;
  /** The .wasm the generated load() fetches by default (default: the header's name with .wasm). */
  wasmFile?: string;
  /** Pointer parameters refuse null unless WB_NULLABLE. */
  strict?: boolean;
  /**
   * More options as the command line takes them ('-Iinclude', '-DDEBUG=1', '--module=demo'),
   * after the options above. Options naming files (-o, --wasm, --rules) are refused: pass
   * their contents as `files`, `wasm` and `rules`.
   */
  args?: string[];
}

export interface Generated {
  /** No errors (warnings may be in `diagnostics`). */
  ok: boolean;
  /** Every error and warning, formatted as the command line prints them. */
  diagnostics: string;
  /** The ES module, when ok. */
  js: string | null;
  /** Its TypeScript declarations, when ok. */
  dts: string | null;
  /** The header's description (wasmbind-ir/1), when ok. */
  ir: string | null;
}

/** Generates the bindings of a header: what `wasmbind gen` and `wasmbind ir` write, byte for byte. */
export function generate(headerText: string, options?: GenerateOptions): Promise<Generated>;

/** The header had errors: `diagnostics` says which. */
export class GenerateError extends Error {
  constructor(diagnostics: string);
  readonly diagnostics: string;
}

/**
 * The library object of a binary and its header, with no build step: what the
 * generated module's load() returns. It imports the generated module from a
 * blob: (browsers) or data: (Node) URL; under a strict Content-Security-Policy,
 * generate the module ahead of time instead.
 */
export function bind(
  wasm: BufferSource | WebAssembly.Module,
  headerText: string,
  options?: GenerateOptions & { imports?: Record<string, Record<string, unknown>> },
): Promise<any>;
