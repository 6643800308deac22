// A static file server for the built app (dist/), the way a production host serves an
// SPA: real files as they are, every other path gets index.html so deep links work.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

const brotliCache = new Map();

function compressed(file, body, mtime) {
  const key = `${file}@${mtime}`;
  if (!brotliCache.has(key)) {
    brotliCache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
  }
  return brotliCache.get(key);
}

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to { url, close }.
 * `fault(path)` may return an HTTP status to answer a request with instead of the file:
 * faults live here, in the server, so every browser engine meets them the same way.
 */
export async function serve(root, { port = 0, fault = () => null } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const status = fault(path);
      if (status) {
        res.writeHead(status, { 'content-type': 'text/plain' }).end(`fault injected by the test: ${status}`);
        return;
      }
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || info.isDirectory()) file = join(base, 'index.html');
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
      };
      // Compressed like a production host would, so timings over a throttled network
      // mean something. Each file is compressed once per server.
      if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = compressed(file, body, info?.mtimeMs);
        headers['content-encoding'] = 'br';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

// `node tests/e2e/server.mjs dist 8080` serves by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2] ?? 'dist', { port: Number(process.argv[3] ?? 8080) });
  console.log(`Flimmer is served at ${url}/`);
}
