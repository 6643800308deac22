// Loads Flimmer many times in one engine over W3C WebDriver and counts the loads that fail:
// stuck on "loading", or an error the start guard caught; and the page errors. Not part of the test command: it
// runs for minutes. Build first (scripts/build.sh), then, for WebKit:
//   xvfb-run -a node scripts/stress-load.mjs webkit 1000
// Engines: webkit (WebKitWebDriver + MiniBrowser), firefox (geckodriver), chromium (chromedriver).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const [engine = 'webkit', loadsArg = '300'] = process.argv.slice(2);
const LOADS = Number(loadsArg);
const PATHS = ['/', '/?region=DE&services=netflix&types=flatrate', '/film/tmdb:949?region=DE', '/?lang=de', '/?lang=en'];
const READY = '.film-grid article, [data-testid="empty-state"], .film-page, [data-testid="start-failed"], [role="alert"]';

const DRIVERS = {
  webkit: {
    command: 'WebKitWebDriver',
    capabilities: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': {
      binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] } },
  },
  firefox: {
    command: `${process.env.HOME}/.cargo/bin/geckodriver`,
    capabilities: { browserName: 'firefox', 'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'] } },
  },
  chromium: {
    command: '/usr/bin/chromedriver',
    capabilities: { browserName: 'chrome', 'goog:chromeOptions': { binary: '/usr/bin/chromium', args: CHROMIUM_ARGS } },
  },
};

const driver = DRIVERS[engine];
const port = 4444 + Math.floor(Math.random() * 1000);
const proc = spawn(driver.command, [`--port=${port}`], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
const call = async (method, path, body) => {
  // A page whose main thread never comes back would block a command for ever: 20 s is
  // a hung load (the catch below counts it and starts a fresh browser).
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  const json = await res.json();
  if (json.value?.error) throw new Error(`${path}: ${json.value.error}: ${json.value.message}`);
  return json.value;
};

const app = await serve(process.env.FLIMMER_DIST ?? 'dist');
async function newSession() {
  for (let i = 0; i < 50; i++) {
    await sleep(200);
    const id = await call('POST', '/session', { capabilities: { alwaysMatch: driver.capabilities } })
      .then((v) => v.sessionId).catch(() => null);
    if (id) return `/session/${id}`;
  }
  throw new Error(`no ${engine} session`);
}
let s = await newSession();
let failed = 0;
let crashed = 0;
const errors = new Map();
const started = Date.now();
for (let i = 0; i < LOADS; i++) {
  const path = PATHS[i % PATHS.length];
  try {
    await call('POST', `${s}/url`, { url: `${app.url}${path}` });
    let ready = false;
    for (let t = 0; t < 50 && !ready; t++) {
      ready = await call('POST', `${s}/execute/sync`, { script: `return !!document.querySelector(${JSON.stringify(READY)})`, args: [] });
      if (!ready) await sleep(100);
    }
    const pageErrors = await call('POST', `${s}/execute/sync`,
      { script: 'return (window.__flimmerErrors || []).concat(window.__flimmerConsole || [])', args: [] });
    for (const e of pageErrors) errors.set(e, (errors.get(e) ?? 0) + 1);
    // A start the guard had to catch (its message is on screen) failed just as much.
    if (!ready || pageErrors.length > 0) {
      failed++;
      console.log(`load ${i + 1} (${path}): ${ready ? 'error shown' : 'stuck'}; errors: ${JSON.stringify(pageErrors)}`);
    }
  } catch (err) {
    // The browser process itself went away: count it, start a new one, go on.
    crashed++;
    console.log(`load ${i + 1} (${path}): browser lost or page hung: ${err.message}`);
    await call('DELETE', s).catch(() => {});
    s = await newSession();
  }
  if ((i + 1) % 50 === 0) {
    console.error(`${i + 1} loads, ${failed} failed, ${crashed} browser crashes, ${Math.round((Date.now() - started) / 1000)} s`);
  }
}
console.log(`${engine}: ${LOADS} loads, ${failed} failed (stuck or error shown), ${crashed} browser crashes, ${[...errors.values()].reduce((a, b) => a + b, 0)} page errors`);
for (const [e, n] of errors) console.log(`  ${n} × ${e}`);
await call('DELETE', s).catch(() => {});
proc.kill();
await app.close();
