// The journeys' start: the built app on our test server, and browser sessions in each
// engine over W3C WebDriver (webdriver.mjs). Every test file registers its journeys once
// per engine: `for (const engine of engines()) describe(engine, () => { … })`.
import { after, test as nodeTest } from 'node:test';
import { serve } from './server.mjs';
import { newSession, stopDrivers } from './webdriver.mjs';

export { CHROMIUM_ARGS, engines } from './webdriver.mjs';

export const DIST = process.env.FLIMMER_DIST ?? 'dist';

/**
 * A journey: node:test's `test`, run once more when its browser was lost under it (the
 * driver answers "invalid session id": the browser process is gone, so no later command
 * can tell anything about the page). WebKitGTK's MiniBrowser did so once in a CI-like
 * run, in the middle of a journey that passes alone and in 1,200 stress loads. The second
 * run gets a new browser (the journey's `app.open()`), and the log says so; any other
 * failure fails at once. `scripts/stress-load.mjs` counts lost browsers, never retried.
 */
export function test(name, fn) {
  return nodeTest(name, async (t) => {
    try {
      return await fn(t);
    } catch (err) {
      if (!/invalid session id/.test(err?.message ?? '')) throw err;
      t.diagnostic(`the browser was lost (${err.message.split('\n')[0]}); the journey runs once more in a new one`);
      return fn(t);
    }
  });
}

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
