// The few Node.js APIs that web/*.js and web/wasmbind.mjs use when they run
// under Node (each use is guarded by a check that Node is there), declared
// for the type check of `make lint` (jsconfig.json): the project does not
// depend on @types/node. Only what the scripts call is here.

/** Node's `process`, as far as the scripts look at it. */
declare var process: { versions: { node?: string } };

/** A Node Buffer: a Uint8Array with Node's fast UTF-8 decoding. */
interface NodeJSBuffer extends Uint8Array<ArrayBuffer> {
  toString(encoding?: 'utf8' | 'base64'): string;
  utf8Slice(start: number, end: number): string;
}
declare var Buffer: {
  new (size: number): NodeJSBuffer;
  prototype: NodeJSBuffer;
  from(data: string | ArrayBuffer): NodeJSBuffer;
};

declare module 'node:fs/promises' {
  export function readFile(path: string | URL): Promise<Uint8Array<ArrayBuffer>>;
}

// web/cli-pre.js, prepended to the generator's CommonJS build.
declare module 'v8' {
  export function setFlagsFromString(flags: string): void;
}
