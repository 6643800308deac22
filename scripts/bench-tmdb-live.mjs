// TMDB live (`source=tmdb`) in Debian's Chromium against the release build: the fake TMDB
// of the journeys (tests/e2e/tmdb.mjs) on this machine, serving 40 movies and 40 series
// in DE, each with the recorded real `watch/providers` block of Fight Club (96 regions,
// 108 KB: ../shared/data/tmdb-samples, read in place), so every details answer is as large
// as a popular film's; each load in a fresh profile (cold caches). Prints figures; asserts
// nothing. TMDB's own latency is not in it: this measures what the app does with the
// answers (requests in flight, reading, the catalog, the page).
//   scripts/build.sh && node scripts/bench-tmdb-live.mjs [runs]
//
// For each load, from navigation:
// - first card: the first film card in the DOM;
// - the page's longest task before it (Long Tasks API; 0 when every task was under 50 ms);
// - the requests and the bytes of the answers TMDB sent.
import { readFileSync } from 'node:fs';
import { API_BASE, IMAGE_BASE, TMDB_TOKEN, fakeTmdb, loadTitles } from '../tests/e2e/tmdb.mjs';
import { start, openPage, spread } from './chromium.mjs';

const runs = Number(process.argv[2] ?? 7);
const providers = JSON.parse(readFileSync(new URL('../../shared/data/tmdb-samples/movie_550_watch_providers.json', import.meta.url), 'utf8'));

// 40 of each kind from the fixtures, under new ids, with the real-sized offers.
const fixtures = [...loadTitles()];
const titles = new Map();
for (const kind of ['movie', 'tv']) {
  const own = fixtures.filter(([key]) => key.startsWith(`${kind}/`)).map(([, d]) => d);
  for (let i = 0; i < 40; i++) {
    const d = structuredClone(own[i % own.length]);
    d.id = 100000 + i;
    d.popularity = 1000 - i;
    d['watch/providers'] = { results: providers.results };
    titles.set(`${kind}/${d.id}`, d);
  }
}
const tmdb = await fakeTmdb({ titles, pageSize: 20 });
const app = await start({ args: ['--ignore-certificate-errors', `--proxy-server=http://${tmdb.proxy}`, '--proxy-bypass-list=<-loopback>'] });

const firstCard = [];
const longest = [];
let requests = 0;
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const { context, page } = await openPage(app.browser, { locale: 'de-DE' });
  // The token, saved as a reader does (IndexedDB of this origin); then the timed load.
  await page.goto(`${app.url}/settings.html`);
  await page.click('[data-testid="tmdb-advanced"] summary');
  await page.fill('[data-testid="tmdb-api"]', API_BASE);
  await page.fill('[data-testid="tmdb-images"]', IMAGE_BASE);
  await page.fill('[data-testid="tmdb-token"]', TMDB_TOKEN);
  await page.click('[data-testid="tmdb-save"]');
  await page.waitForFunction(() => /^Gespeichert/.test(document.querySelector('[data-testid="tmdb-status"]').textContent));
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector('.film-card')) {
        window.__firstCard = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  tmdb.requests.length = 0;
  await page.goto(`${app.url}/?region=DE&source=tmdb`);
  await page.locator('.film-card').first().waitFor({ timeout: 60_000 });
  const t = await page.evaluate(() => ({ firstCard: window.__firstCard, tasks: window.__longTasks }));
  firstCard.push(t.firstCard);
  longest.push(Math.max(0, ...t.tasks));
  const gets = tmdb.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/3/'));
  requests = gets.length;
  bytes = gets.reduce((sum, r) => sum + r.bytes, 0);
  await context.close();
}
const figure = (label, values) => console.log(`${label.padEnd(36)} ${spread(values)}`);
console.log(`TMDB live, ${runs} cold loads, ${requests} requests to TMDB per load (${(bytes / 1e6).toFixed(1)} MB of answers)`);
figure('navigation → first card', firstCard);
figure('longest page task before it', longest);
await app.stop();
await tmdb.close();
