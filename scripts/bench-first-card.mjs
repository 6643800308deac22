// Time from navigation to the first film card, in Debian's Chromium against the release
// build (served brotli-compressed, like a production host): on this machine's loopback,
// on a throttled mobile connection, and offline after one visit (the service worker
// answers; the server cuts every connection). Prints figures; asserts nothing.
//   scripts/build.sh && node scripts/bench-first-card.mjs [runs]
import { start, openPage } from './chromium.mjs';

const runs = Number(process.argv[2] ?? 7);
const OFFLINE = 'offline, after one visit';
const NETWORKS = {
  'loopback': null,
  '4 Mbit/s, 150 ms RTT': { offline: false, latency: 150, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 },
  [OFFLINE]: null,
};

const app = await start({ worker: true });
for (const [name, conditions] of Object.entries(NETWORKS)) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await openPage(app.browser);
    // A fresh context each run: the other figures are first visits, with no worker yet.
    if (name === OFFLINE) {
      app.server.fault = () => null;
      await page.goto(`${app.url}/?region=DE&types=flatrate`);
      await page.waitForFunction(() => navigator.serviceWorker.controller);
      app.server.fault = () => ({ offline: true });
    }
    if (conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', conditions);
    }
    // Stamped by the page itself when the first card enters the DOM.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.film-card')) {
          window.__firstCard = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    if (name === OFFLINE) await page.reload();
    else await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await page.locator('.film-card').first().waitFor({ timeout: 30_000 });
    times.push(await page.evaluate(() => window.__firstCard));
    await context.close();
  }
  app.server.fault = () => null;
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  console.log(`first card, ${name.padEnd(26)} median ${at(0.5).padStart(5)} ms   min ${at(0).padStart(5)} ms   max ${at(1).padStart(5)} ms   (${runs} cold loads)`);
}
await app.stop();
