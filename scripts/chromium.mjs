// Debian's Chromium through Playwright, for the benchmark scripts (they read Chromium's
// own figures: network emulation over CDP, performance timings). The journeys under
// tests/e2e run in three engines over WebDriver instead (tests/e2e/webdriver.mjs).
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
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

/** "median … ms   p95 … ms   min … ms" of a benchmark's timings (sorts them). */
export function spread(values) {
  values.sort((a, b) => a - b);
  const at = (q) => values[Math.min(values.length - 1, Math.floor(q * values.length))].toFixed(0).padStart(5);
  return `median ${at(0.5)} ms   p95 ${at(0.95)} ms   min ${at(0)} ms`;
}

/** "median … ms   p95 … ms   max … ms" to the hundredth, for timings of a few ms. */
export function fineSpread(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))].toFixed(2).padStart(7);
  return `median ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${at(1)} ms`;
}
