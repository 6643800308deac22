// The journeys' start: the built app on our test server, and browser sessions in each
// engine over W3C WebDriver (webdriver.mjs). Every test file registers its journeys once
// per engine: `for (const engine of engines()) describe(engine, () => { … })`.
import { after } from 'node:test';
import { serve } from './server.mjs';
import { newSession, stopDrivers } from './webdriver.mjs';

export { CHROMIUM_ARGS, engines } from './webdriver.mjs';

export const DIST = process.env.FLIMMER_DIST ?? 'dist';

// Once a test file's journeys are done, its drivers (and sessions a failure left open) go.
after(stopDrivers);

/**
 * Starts the test server for one engine's journeys; `fault` is the server's fault
 * injection (see server.mjs), switchable later through `app.server.fault`.
 */
export async function start(engine, { fault, worker } = {}) {
  const server = await serve(DIST, { fault, worker });
  const pages = [];
  // A journey that failed leaves its session open, and WebKitWebDriver runs one session at
  // a time: the next journey's open() ends the sessions before it.
  const closeAll = async () => { while (pages.length) await pages.pop().close(); };
  return {
    engine,
    url: server.url,
    server,
    /** A new session (fresh profile and storage); options of newSession(). */
    async open(options) {
      await closeAll();
      pages.push(await newSession(engine, options));
      return pages.at(-1);
    },
    async stop() {
      await closeAll();
      await server.close();
    },
  };
}
