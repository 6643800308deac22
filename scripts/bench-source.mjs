// A large catalog through `source=`, in Debian's Chromium against the release build: the
// 22,563 imported titles (tests/e2e/artifacts/catalog-23k.json, written by scripts/test.sh;
// the same packed by flimmer-pack, and packed with its index by `flimmer-pack --indexed`)
// served brotli from a local https server, each opened cold N times. Prints figures;
// asserts nothing.
//   scripts/build.sh && node scripts/bench-source.mjs [runs]
//
// For each load, stamped by the page itself:
// - bytes in: the catalog worker's "all bytes received" message (Progress::Reading),
//   the moment the "ready within 200 ms of its bytes arriving" counts from;
// - ready: the first film card in the DOM, after the worker read, checked and indexed the
//   catalog and the page took it over;
// - the page's longest task from bytes in to ready (Long Tasks API: tasks over 50 ms;
//   "none" when every task was shorter).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { foreign } from '../tests/e2e/server.mjs';
import { start, openPage, spread } from './chromium.mjs';

const runs = Number(process.argv[2] ?? 9);
const JSON_FILE = 'tests/e2e/artifacts/catalog-23k.json';
const PACKED_FILE = 'tests/e2e/artifacts/catalog-23k.bin';
const INDEXED_FILE = 'tests/e2e/artifacts/catalog-23k-indexed.bin';

const pack = (...args) => execFileSync('cargo',
  ['run', '-q', '--locked', '-p', 'import', '--no-default-features', '--bin', 'flimmer-pack', '--', ...args], { stdio: 'inherit' });
pack(JSON_FILE, PACKED_FILE);
pack('--indexed', JSON_FILE, INDEXED_FILE);
const bodies = {
  'catalog-23k.json': brotliCompressSync(readFileSync(JSON_FILE)),
  'catalog-23k.bin': brotliCompressSync(readFileSync(PACKED_FILE)),
  'catalog-23k-indexed.bin': brotliCompressSync(readFileSync(INDEXED_FILE)),
};
// The test server's other site: https://127.0.0.1:<port> with a throwaway certificate.
const remote = await foreign('127.0.0.1', (path) => ({
  type: path.endsWith('.bin') ? 'application/octet-stream' : 'application/json',
  body: bodies[path.slice(1)],
  headers: { 'content-encoding': 'br' },
}));

const app = await start({ args: ['--ignore-certificate-errors'] });
for (const file of ['catalog-23k-indexed.bin', 'catalog-23k.bin', 'catalog-23k.json']) {
  const source = `${remote.url}/${file}`;
  const ready = [];
  const longest = [];
  const total = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await openPage(app.browser, { locale: 'en-US' });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      const Original = window.Worker;
      window.Worker = class extends Original {
        constructor(...args) {
          super(...args);
          // -1 is Progress::Reading: the worker has every byte (src/sources/mod.rs).
          this.addEventListener('message', (e) => {
            if (e.data === -1 && window.__bytesIn === undefined) window.__bytesIn = performance.now();
          });
        }
      };
      new MutationObserver((_, observer) => {
        if (document.querySelector('.film-card')) {
          window.__firstCard = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${app.url}/?region=US&source=${encodeURIComponent(source)}`);
    await page.locator('.film-card').first().waitFor({ timeout: 120_000 });
    const t = await page.evaluate(() => ({ bytesIn: window.__bytesIn, firstCard: window.__firstCard, tasks: window.__longTasks }));
    ready.push(t.firstCard - t.bytesIn);
    total.push(t.firstCard);
    const during = t.tasks.filter((task) => task.start + task.duration > t.bytesIn && task.start < t.firstCard);
    longest.push(Math.max(0, ...during.map((task) => task.duration)));
    await context.close();
  }
  const figure = (label, values) => console.log(`${file.padEnd(24)} ${label.padEnd(31)} ${spread(values)}`);
  figure('bytes in → first card (ready)', ready);
  figure('longest page task in between', longest);
  figure('navigation → first card', total);
}
await app.stop();
await remote.close();
