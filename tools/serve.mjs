// @ts-check
// A tiny static file server for the demo page (node's http module only).
//
//   node tools/serve.mjs [DIR] [--port N] [--host H]
//
// Serves DIR (default build/demo) on 127.0.0.1, on the first free port from
// 8080 (or exactly --port N; --port 0 takes any free port), prints the URL and
// serves until Ctrl-C. The tests import serve() and use an ephemeral port.
// Text, JavaScript and WebAssembly go out gzipped to clients that accept it,
// as any real host would send them.
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** What is worth compressing (images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.map', '.ts', '.txt', '.svg']);

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string} text
 */
function fail(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${status} ${text}\n`);
}

/**
 * The request handler for the files under root.
 * @param {string} root
 * @returns {import('node:http').RequestListener}
 */
function handler(root) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'method not allowed');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return fail(res, 400, 'bad request');
    }
    if (path.includes('\0')) return fail(res, 400, 'bad request');
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return fail(res, 403, 'forbidden');
    let info;
    try {
      info = await stat(file);
    } catch {
      return fail(res, 404, 'not found');
    }
    if (info.isDirectory()) {
      res.writeHead(301, { location: `${path}/` });
      return res.end();
    }
    const ext = extname(file).toLowerCase();
    const gzip = COMPRESSIBLE.has(ext) && info.size > 1024
      && /(^|[\s,])gzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      ...(gzip ? { 'content-encoding': 'gzip' } : { 'content-length': info.size }),
      vary: 'accept-encoding',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    const stream = createReadStream(file).on('error', () => res.destroy());
    if (gzip) stream.pipe(createGzip()).on('error', () => res.destroy()).pipe(res);
    else stream.pipe(res);
  };
}

/**
 * Serves root on host:port. With `tries` > 1, a port in use moves on to the
 * next one. Resolves once listening.
 * @param {string} root
 * @param {{ port?: number, host?: string, tries?: number }} [options]
 * @returns {Promise<{ server: import('node:http').Server, port: number, url: string, close: () => Promise<void> }>}
 */
export async function serve(root, options = {}) {
  const host = options.host ?? '127.0.0.1';
  const first = options.port ?? 0;
  const tries = options.tries ?? 1;
  const dir = resolve(root);
  for (let i = 0; ; i++) {
    const server = createServer(handler(dir));
    try {
      await new Promise((ok, ko) => {
        server.once('error', ko);
        server.listen(first === 0 ? 0 : first + i, host, () => ok(undefined));
      });
    } catch (e) {
      const code = /** @type {NodeJS.ErrnoException} */ (e).code;
      if ((code === 'EADDRINUSE' || code === 'EACCES') && first !== 0 && i + 1 < tries) continue;
      throw e;
    }
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : first + i;
    return {
      server,
      port,
      url: `http://${host}:${port}/`,
      close: () => new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
    };
  }
}

// As a command.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let root = 'build/demo', port = 8080, host = '127.0.0.1', exact = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') {
      port = Number(args[++i]);
      exact = true;
    } else if (args[i] === '--host') {
      host = args[++i];
    } else if (args[i] === '--help' || args[i] === '-h') {
      console.log('usage: node tools/serve.mjs [DIR] [--port N] [--host H]');
      process.exit(0);
    } else {
      root = args[i];
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad port ${port}`);
    process.exit(2);
  }
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    console.error(`serve: ${root} is not a directory (run \`make demo\`)`);
    process.exit(1);
  }
  const { url } = await serve(root, { port, host, tries: exact ? 1 : 100 });
  console.log(`Serving ${root} at ${url}  (Ctrl-C to stop)`);
  process.on('SIGINT', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
