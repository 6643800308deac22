// A static file server for the built app (dist/), the way a production host serves an
// SPA: real files as they are, every other path gets index.html so deep links work.
// The faults the journeys inject (failing, broken, slow, stalled, truncated responses) live
// here, in the server, so every browser engine meets them the same way; so does a second,
// foreign origin for catalogs from another site (`foreign()`), and a publisher's
// site that embeds cards (`site()`). `secure()` is the https machinery under `foreign()`,
// for fakes that need more than a path (tmdb.mjs, the fake TMDB).
import { execFileSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
 * Answers a request with a fault instead of the file. A fault is an HTTP status (503), or
 * an object: { status = 200, body = '', type = 'text/plain', headers, delay (ms before
 * answering), stall (headers, then nothing: the response never ends), truncate (the
 * headers promise the whole body, half of it is sent, then the connection is cut; at once,
 * or that many ms later when it is a number),
 * trickle ({ bytes, every }: the body in parts of `bytes`, `every` ms apart, a slow line),
 * offline (no answer: the connection is cut, as when the network is gone) }.
 */
export async function answer(res, fault) {
  const f = typeof fault === 'number' ? { status: fault, body: `fault injected by the test: ${fault}` } : fault;
  if (f.offline) {
    // No answer at all, as with the network gone: the connection is cut.
    res.socket?.destroy();
    return;
  }
  if (f.delay) await new Promise((ok) => setTimeout(ok, f.delay));
  const body = Buffer.from(f.body ?? '');
  const headers = { 'content-type': f.type ?? 'text/plain', 'cache-control': 'no-cache', ...f.headers };
  // A header given as undefined is left out (a fault that drops one, e.g. CORS).
  for (const [k, v] of Object.entries(headers)) if (v === undefined) delete headers[k];
  if (f.stall) {
    res.writeHead(f.status ?? 200, headers);
    res.flushHeaders();
    return;
  }
  if (f.truncate) {
    res.writeHead(f.status ?? 200, { ...headers, 'content-length': body.length });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      if (typeof f.truncate === 'number') setTimeout(() => res.destroy(), f.truncate);
      else res.destroy();
    });
    return;
  }
  if (f.trickle) {
    res.writeHead(f.status ?? 200, headers);
    for (let at = 0; at < body.length && !res.destroyed; at += f.trickle.bytes) {
      res.write(body.subarray(at, at + f.trickle.bytes));
      await new Promise((ok) => setTimeout(ok, f.trickle.every));
    }
    res.end();
    return;
  }
  res.writeHead(f.status ?? 200, headers).end(body);
}

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to the server's handle:
 * { url, close, requests, fault, inject }.
 * - `fault(path, req)` may return a fault (see answer()) to give instead of the file; it is
 *   a property the test may switch mid-journey (`server.fault = () => null`).
 * - `inject`: a script put into index.html before the app's own, on every page load while it
 *   is set (what Playwright's addInitScript did, in every engine).
 * - `requests`: the requests ({ path, url, headers }; `url` as sent, with its query), in
 *   order, so a test can count downloads.
 * - `worker`: whether to serve the offline app's service worker. Off unless a journey
 *   asks: a worker answers from its cache, and the journeys that inject faults into the
 *   app's own files mean the network (tests/e2e/offline.test.mjs is the worker's).
 * - `root` is a property too: a journey can switch to another build mid-journey.
 */
export async function serve(root, { port = 0, fault = () => null, inject = null, worker = false } = {}) {
  const handle = { fault, inject, worker, root, requests: [] };
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      handle.requests.push({ path, url: req.url, headers: req.headers });
      const injected = handle.fault(path, req);
      if (injected) {
        await answer(res, injected);
        return;
      }
      const base = resolve(handle.root);
      if (path === '/service-worker.js' && !handle.worker) {
        await answer(res, 404);
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
      const script = file.endsWith('index.html') && handle.inject;
      if (script) body = Buffer.from(String(body).replace('<script', `<script>${script}</script><script`));
      // Compressed like a production host would, so timings over a throttled network
      // mean something. Each file is compressed once per server.
      if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = script ? brotliCompressSync(body) : compressed(file, body, info?.mtimeMs);
        headers['content-encoding'] = 'br';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  handle.url = `http://127.0.0.1:${server.address().port}`;
  // A stalled response would keep close() waiting for ever: cut every connection.
  handle.close = () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); });
  return handle;
}

/**
 * A publisher's site: plain http on 127.0.0.1 at a port of its own, so another origin
 * than the app's (the embed's host page). `pages` maps a path to its HTML, a property the
 * journey may change; any other path is a 404. `requests` as in serve().
 */
export async function site(pages = {}) {
  const handle = { pages, requests: [] };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    handle.requests.push({ path, headers: req.headers });
    const page = handle.pages[path];
    if (page == null) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' }).end(page);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  handle.url = `http://127.0.0.1:${server.address().port}`;
  handle.close = () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); });
  return handle;
}

/**
 * A throwaway self-signed certificate for `hosts` (one name or several) and 127.0.0.1
 * (the app loads only https catalogs).
 */
function certificate(hosts) {
  const names = [].concat(hosts);
  const dir = mkdtempSync(join(tmpdir(), 'flimmer-tls-'));
  const san = [...names.filter((h) => h !== '127.0.0.1').map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${names[0]}`,
    '-addext', `subjectAltName=${san}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
  { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

/**
 * Another site serving catalogs over https, with CORS: `handler(path)` returns what to
 * answer (a fault object of answer(): { body, type, status, … }).
 * - host '127.0.0.1': reached at https://127.0.0.1:<port>.
 * - any other host (e.g. 'catalog.example'): reached at https://<host>/ through `proxy`, an
 *   HTTP CONNECT proxy the browser session is given (W3C `proxy` capability), so the page
 *   sees the real host name on port 443 and no name needs to resolve on the machine.
 * Sessions must trust the self-signed certificate (`insecureCerts`).
 */
export async function foreign(host, handler) {
  const site = await secure(host, async (req, res) => {
    const reply = handler(decodeURIComponent(new URL(req.url, 'https://x').pathname)) ?? { status: 404 };
    await answer(res, { ...reply, headers: { 'access-control-allow-origin': '*', ...reply.headers } });
  });
  return {
    url: host === '127.0.0.1' ? `https://127.0.0.1:${site.port}` : `https://${host}`,
    proxy: site.proxy,
    close: site.close,
  };
}

/**
 * An https server for `hosts` (a name or a list: 'api.tmdb.example', …) answering with
 * `listener(req, res)` (node's request listener: method, headers and query are the
 * listener's to read; `req.headers.host` says which of the hosts was asked). The browser
 * reaches the hosts at https://<host>/ (port 443) through `proxy`, an HTTP CONNECT proxy
 * for the session (W3C `proxy` capability; WebKit: MiniBrowser's --proxy), which sends
 * these names to this server, loopback addresses where they say, and refuses the rest: a
 * request for a real host (api.themoviedb.org) never leaves the machine. The certificate
 * is self-signed: sessions need `insecureCerts`. Resolves to { port (the https server's,
 * on 127.0.0.1), proxy ('127.0.0.1:<port>'), close }.
 */
export async function secure(hosts, listener) {
  const names = [].concat(hosts);
  const tls = createHttpsServer(certificate(names), listener);
  await new Promise((ok) => tls.listen(0, '127.0.0.1', ok));
  const tlsPort = tls.address().port;
  // Plain http through the proxy (WebKit sends every scheme to it): loopback only, passed on.
  const proxy = createServer((req, res) => {
    const target = new URL(req.url);
    if (!['127.0.0.1', 'localhost'].includes(target.hostname)) {
      res.writeHead(403).end();
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: target.port, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (answer) => {
        answer.on('error', () => res.destroy());
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
    // A browser that drops a connection (a page closed mid-load) resets it: that ends the
    // exchange, and must not reach the test run as an uncaught ECONNRESET.
    upstream.on('error', () => res.destroy());
    req.on('error', () => upstream.destroy());
    res.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  const tunnels = new Set();
  proxy.on('clientError', (_, socket) => socket.destroy());
  tls.on('clientError', (_, socket) => socket.destroy());
  proxy.on('connect', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    // Our hosts go to our server; loopback addresses go where they say; nothing else.
    const [name, port] = req.url.split(':');
    const target = names.includes(name) ? { host: '127.0.0.1', port: tlsPort }
      : name === '127.0.0.1' || name === 'localhost' ? { host: '127.0.0.1', port: Number(port) } : null;
    if (!target) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(target.port, target.host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));
  return {
    port: tlsPort,
    proxy: `127.0.0.1:${proxy.address().port}`,
    close: async () => {
      tls.closeAllConnections();
      proxy.closeAllConnections();
      for (const socket of tunnels) socket.destroy();
      await Promise.all([new Promise((ok) => tls.close(ok)), new Promise((ok) => proxy.close(ok))]);
    },
  };
}

// `node tests/e2e/server.mjs dist 8080` serves by hand, as a production host would (with
// the service worker).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2] ?? 'dist', { port: Number(process.argv[3] ?? 8080), worker: true });
  console.log(`Flimmer is served at ${url}/`);
}
