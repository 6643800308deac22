// Debian's Chromium through Playwright, for the benchmark scripts (they read Chromium's
// own figures: network emulation over CDP, performance timings). The journeys under
// tests/e2e run in three engines over WebDriver instead (tests/e2e/webdriver.mjs).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { foreign, serve } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/webdriver.mjs';

/**
 * The built app (FLIMMER_DIST or dist/; or the directory `root`) served, and Chromium
 * launched with `args` added.
 */
export async function start({ args = [], worker = false, root = process.env.FLIMMER_DIST ?? 'dist' } = {}) {
  const server = await serve(root, { worker });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...args],
  });
  return {
    url: server.url,
    server,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/** A fresh context and page in `locale`. */
export async function openPage(browser, { locale = 'de-DE', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  return { context, page: await context.newPage() };
}

/**
 * "median … ms   p95 … ms   min … ms" of a benchmark's timings, in whole ms; `fine`: to
 * the hundredth and with the max instead of the min, for timings of a few ms, where the
 * worst one is the figure to watch.
 */
export function spread(values, { fine = false } = {}) {
  const at = (q) => quantile(values, q).toFixed(fine ? 2 : 0).padStart(fine ? 7 : 5);
  return `median ${at(0.5)} ms   p95 ${at(0.95)} ms   ${fine ? `max ${at(1)}` : `min ${at(0)}`} ms`;
}

/** The value at quantile `q` (0.5 the median, 1 the largest) of `values`, nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round(q * (sorted.length - 1))];
}

/**
 * The catalog file at `path` served brotli-compressed by the test server's other site
 * (https://127.0.0.1:<port> with a throwaway certificate: start Chromium with
 * `--ignore-certificate-errors`), as a reader's `source=` names it: its URL, and `close`.
 */
export async function remoteCatalog(path) {
  const body = brotliCompressSync(readFileSync(path));
  const remote = await foreign('127.0.0.1', () => ({ type: 'application/json', body, headers: { 'content-encoding': 'br' } }));
  return { source: `${remote.url}/catalog.json`, close: () => remote.close() };
}
