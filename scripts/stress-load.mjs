// Loads Flimmer many times in one engine over W3C WebDriver and counts the loads that fail:
// stuck on "loading", or an error the start guard caught; the loads it restarted after a wasm
// trap (recovered, but the engine trapped); and the page errors. Not part of the test command: it
// runs for minutes. Build first (scripts/build.sh), then, for WebKit:
//   xvfb-run -a node scripts/stress-load.mjs webkit 1000
// Engines: webkit (WebKitWebDriver + MiniBrowser), firefox (geckodriver), chromium (chromedriver);
// the sessions come from the journeys' own WebDriver client (tests/e2e/webdriver.mjs).
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '../tests/e2e/server.mjs';
import { newSession, stopDrivers } from '../tests/e2e/webdriver.mjs';

const [engine = 'webkit', loadsArg = '300'] = process.argv.slice(2);
const LOADS = Number(loadsArg);
const PATHS = ['/', '/?region=DE&exclude=netflix&types=flatrate&q=heat', '/?region=DE&services=netflix&types=flatrate', '/film/tmdb:949?region=DE', '/?lang=de', '/?lang=en'];
// The embed's card (its own wasm) instead: FLIMMER_STRESS=embed.
const EMBED_PATHS = ['/embed.html?film=tmdb:949&region=DE', '/embed.html?title=amelie&year=2001&region=DE&lang=en'];
const READY = '.film-grid article, [data-testid="empty-state"], .film-page, [data-testid="start-failed"], [role="alert"], .embed .film-card';

const app = await serve(process.env.FLIMMER_DIST ?? 'dist');
let page = await newSession(engine);
// A page whose main thread never comes back would block a command for ever: 20 s is a
// hung load (the catch below counts it and starts a fresh browser).
const call = (method, path, body) => page.driver.call(method, `${page.path}${path}`, body, 20_000);
let failed = 0;
let crashed = 0;
let restarted = 0;
const errors = new Map();
const started = Date.now();
for (let i = 0; i < LOADS; i++) {
  const paths = process.env.FLIMMER_STRESS === 'embed' ? EMBED_PATHS : PATHS;
  const path = paths[i % paths.length];
  try {
    await call('POST', '/url', { url: `${app.url}${path}` });
    let ready = false;
    for (let t = 0; t < 50 && !ready; t++) {
      ready = await call('POST', '/execute/sync', { script: `return !!document.querySelector(${JSON.stringify(READY)})`, args: [] });
      if (!ready) await sleep(100);
    }
    const pageErrors = await call('POST', '/execute/sync',
      { script: 'return (window.__flimmerErrors || []).concat(window.__flimmerConsole || [])', args: [] });
    for (const e of pageErrors) errors.set(e, (errors.get(e) ?? 0) + 1);
    // A trap the start guard recovered from by restarting the app: the reader saw a blink.
    const trapped = await call('POST', '/execute/sync', { script: 'return window.__flimmerRestarted || []', args: [] });
    if (trapped.length > 0) {
      restarted++;
      for (const e of trapped) errors.set(`(restarted) ${e}`, (errors.get(`(restarted) ${e}`) ?? 0) + 1);
      console.log(`load ${i + 1} (${path}): restarted after a trap; errors: ${JSON.stringify(trapped)}`);
    }
    // A start the guard had to catch (its message is on screen) failed just as much.
    if (!ready || pageErrors.length > 0) {
      failed++;
      console.log(`load ${i + 1} (${path}): ${ready ? 'error shown' : 'stuck'}; errors: ${JSON.stringify(pageErrors)}`);
    }
  } catch (err) {
    // The browser process itself went away: count it, start a new one, go on.
    crashed++;
    console.log(`load ${i + 1} (${path}): browser lost or page hung: ${err.message}`);
    await page.close();
    page = await newSession(engine);
  }
  if ((i + 1) % 50 === 0) {
    console.error(`${i + 1} loads, ${failed} failed, ${restarted} restarted, ${crashed} browser crashes, ${Math.round((Date.now() - started) / 1000)} s`);
  }
}
console.log(`${engine}: ${LOADS} loads, ${failed} failed (stuck or error shown), ${restarted} restarted after a trap (recovered), ${crashed} browser crashes, ${[...errors.values()].reduce((a, b) => a + b, 0)} page errors`);
for (const [e, n] of errors) console.log(`  ${n} × ${e}`);
await page.close();
await stopDrivers();
await app.close();
