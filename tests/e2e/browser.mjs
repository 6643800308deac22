// Launching Debian's Chromium (never a downloaded browser) and a page that records
// every console error and uncaught exception, so a test can assert there were none.
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export const DIST = process.env.FLIMMER_DIST ?? 'dist';

/**
 * Starts the server and the browser once per test file; `args` adds browser flags and
 * `fault` is the server's fault injection (see server.mjs).
 */
export async function start({ args = [], fault } = {}) {
  const server = await serve(DIST, { fault });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...args],
  });
  return {
    url: server.url,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/** A fresh context and page; `page.problems` collects console errors and page errors. */
export async function openPage(browser, { locale = 'de-DE', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  return { context, page };
}
