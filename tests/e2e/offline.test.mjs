// Journey: the offline app. After one visit Flimmer opens with the network gone and
// searches, filters and shows a film's page; a new build waits until the reader takes it,
// then brings its new data. "Offline" is the test server cutting every connection
// (server.mjs, `offline`), the same in every engine.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, engines, start, test } from './browser.mjs';
import { foreign } from './server.mjs';

const OFFLINE = { offline: true };

// A catalog on another site whose films have posters there: our films, each poster a
// 4 × 6 px PNG (the worker's stand-in for a missing poster is 2 × 3 px). PNG, since
// WebKit reports an SVG's drawn size as its natural size.
const POSTER = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAGCAIAAABrW6giAAAAEElEQVR42mMwdgmFIwZKOQDnHBMhi4lJSAAAAABJRU5ErkJggg==', 'base64');
function posterCatalog(site) {
  const catalog = JSON.parse(readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8'));
  for (const film of catalog.films) film.poster = `${site}/posters/${film.id.replace(':', '-')}.png`;
  return JSON.stringify(catalog);
}

test('the web app manifest names the app, works under a sub-path and has every icon it lists', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
  for (const key of ['name', 'short_name', 'description', 'theme_color', 'background_color']) {
    assert.ok(manifest[key], `manifest ${key}`);
  }
  assert.equal(manifest.display, 'standalone');
  // Relative: the app installs from wherever it is served, a sub-path included.
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  const png = (file) => {
    const bytes = readFileSync(join(DIST, file));
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG', file);
    return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
  };
  for (const icon of manifest.icons) {
    if (icon.type === 'image/png') assert.equal(png(icon.src), icon.sizes, icon.src);
    else assert.match(readFileSync(join(DIST, icon.src), 'utf8'), /^<svg/);
  }
  const sizes = (purpose) => manifest.icons.filter((i) => i.purpose === purpose).map((i) => i.sizes);
  assert.ok(sizes('any').includes('192x192') && sizes('any').includes('512x512'));
  assert.ok(sizes('maskable').includes('512x512'));
});

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine, { worker: true }); });
  after(async () => { await app?.stop(); });

  const firstCard = (page) => page.$('.film-grid article.film-card').first();

  /** The first visit: the app, and its worker in control once it has everything cached. */
  async function visit(page, path) {
    await page.goto(`${app.url}${path}`);
    await firstCard(page).waitFor();
    await page.waitFor(() => page.eval(() => !!navigator.serviceWorker?.controller),
      { message: 'the service worker controlling the page', timeout: 20_000 });
  }

  /** A reload as the reader's own (F5, the reload button). Not WebDriver's refresh: that
   *  is a hard reload in Firefox, which passes service workers by, as Shift+F5 does. */
  async function reload(page) {
    await page.eval(() => { window.__beforeReload = true; setTimeout(() => location.reload()); return true; });
    await page.waitFor(() => page.eval(() => !window.__beforeReload).catch(() => false),
      { message: 'the page reloaded' });
  }

  test('after one visit, the app opens and reloads with no network; search, filter and a film page work', async () => {
    app.server.fault = () => null;
    const page = await app.open();
    await visit(page, '/?region=DE&types=flatrate');

    app.server.fault = () => OFFLINE;
    // The reader opens Flimmer again, and reloads it.
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await firstCard(page).waitFor();
    await reload(page);
    await firstCard(page).waitFor();

    // Every order works offline too: by rating, best first.
    await page.$('#sort-select').select('rating');
    await page.waitForURL(/sort=rating/);
    const ratings = await page.$('.film-grid article .film-card__rating dd').allTexts();
    const values = ratings.map((r) => Number(r.match(/(\d+),(\d)/).slice(1).join('.')));
    assert.ok(values.length > 5, ratings.join());
    assert.deepEqual(values, [...values].sort((a, b) => b - a));

    await page.$('input[type="search"]', { name: 'Suche' }).fill('heat');
    await page.waitFor(async () => (await firstCard(page).attr('data-film-id')) === 'tmdb:949',
      { message: 'Heat found offline' });
    await page.$('button', { name: /^Netflix( [\d.,]+)?$/ }).click();
    await page.waitForURL(/services=netflix/);
    await page.$('article[data-film-id="tmdb:949"] a.offer-badge[data-provider="netflix"]').waitFor();

    await page.$('article[data-film-id="tmdb:949"] h3 a').click();
    await page.waitForURL(/\/film\/tmdb:949\?/);
    assert.equal((await page.$('h1').text()).trim(), 'Heat');
    // The page says how old its data is.
    assert.match(await page.$('.film-page .as-of').text(), /Stand: 25\. November 2026/);

    // While the browser reports no network, a notice says what is shown; it goes when the
    // network is back. (The server's fault cannot switch navigator.onLine: the page's
    // events are played here, the same in every engine.)
    await page.eval(() => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      dispatchEvent(new Event('offline'));
    });
    assert.match(await page.$('#app-offline').text(), /Offline – Flimmer zeigt die in diesem Browser gespeicherten Daten\./);
    await page.eval(() => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
      dispatchEvent(new Event('online'));
    });
    assert.equal(await page.$('#app-offline').count(), 0);

    // A deep link typed in while offline: every page of the app is the cached index.html.
    await page.goto(`${app.url}/film/tmdb:680?region=DE`);
    await page.$('h1').waitFor();
    assert.equal((await page.$('h1').text()).trim(), 'Pulp Fiction');

    // Nothing failed in the page, though every request that reached the server was cut.
    assert.equal(await page.$('[data-testid="start-failed"]').count(), 0);
    assert.deepEqual(await page.problems(), []);
    app.server.fault = () => null;
    await page.close();
  });

  // The worker's own keeping (`keep` in public/service-worker.js), run in a page of the app:
  // the built worker's code, evaluated there, on a cache of the page's origin.
  test('kept copies stay within their limit, oldest dropped first; a full storage drops the oldest quarter and keeps the new one', async () => {
    app.server.fault = () => null;
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE`);
    const result = await page.evalAsync(async () => {
      (0, eval)(await (await fetch('/service-worker.js')).text());
      const paths = async (cache) => (await cache.keys()).map((r) => new URL(r.url).pathname);
      const cache = await caches.open('flimmer-test-keep');
      for (const n of [1, 2, 3, 4, 5]) await keep(cache, new Request(`/kept/${n}`), new Response(`${n}`), 3);
      const limited = await paths(cache);
      // Kept again: now the newest.
      await keep(cache, new Request('/kept/3'), new Response('3 again'), 3);
      const renewed = await paths(cache);
      const body = await (await cache.match('/kept/3')).text();
      await caches.delete('flimmer-test-keep');
      // A storage that is full until something is dropped.
      const entries = ['/a', '/b', '/c', '/d', '/e', '/f', '/g', '/h'];
      let full = true;
      const fake = {
        async put(request) { if (full) throw new DOMException('full', 'QuotaExceededError'); entries.push(new URL(request.url).pathname); },
        async keys() { return entries.map((p) => new Request(p)); },
        async delete(request) {
          const at = entries.indexOf(new URL(request.url).pathname);
          if (at < 0) return false;
          full = false;
          entries.splice(at, 1);
          return true;
        },
      };
      const keptWhenFull = await keep(fake, new Request('/new'), new Response('new'), 100);
      return { limited, renewed, body, keptWhenFull, afterFull: [...entries] };
    });
    assert.deepEqual(result.limited, ['/kept/3', '/kept/4', '/kept/5']);
    assert.deepEqual(result.renewed, ['/kept/4', '/kept/5', '/kept/3']);
    assert.equal(result.body, '3 again');
    assert.equal(result.keptWhenFull, true);
    assert.deepEqual(result.afterFull, ['/c', '/d', '/e', '/f', '/g', '/h', '/new']);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a catalog from another site and the posters seen, once opened, work offline; an unseen poster is blank, not broken', async () => {
    let siteOffline = false;
    const posters = [];
    const site = await foreign('catalog.example', (path) => {
      if (siteOffline) return OFFLINE;
      if (path === '/films.json') return { type: 'application/json', body: catalog };
      if (path.startsWith('/posters/')) {
        posters.push(path);
        return { type: 'image/png', body: POSTER };
      }
      return null;
    });
    const catalog = posterCatalog(site.url);
    const source = `source=${site.url}/films.json`;
    try {
      app.server.fault = () => null;
      const page = await app.open({ proxy: site.proxy, insecureCerts: true });
      await visit(page, `/?region=DE&types=flatrate&${source}`);
      const heat = `/?region=DE&types=flatrate&q=heat&${source}`;
      await page.goto(`${app.url}${heat}`);
      const poster = page.$('article[data-film-id="tmdb:949"] img.poster');
      await page.waitFor(() => poster.eval((img) => img.complete && img.naturalWidth === 4),
        { message: "Heat's poster" });
      assert.ok(posters.includes('/posters/tmdb-949.png'));

      siteOffline = true;
      app.server.fault = () => OFFLINE;
      await page.goto(`${app.url}${heat}`);
      await page.waitFor(() => poster.eval((img) => img.complete && img.naturalWidth === 4),
        { message: "Heat's poster, kept by the worker" });
      assert.match(await page.$('[data-testid="source-note"]').text(), /catalog\.example/);

      // Amélie only rents in Germany, so her poster was never on screen: offline it is the
      // stand-in, not a broken image.
      await page.goto(`${app.url}/?region=DE&types=rent&q=amelie&${source}`);
      const unseen = page.$('article[data-film-id="tmdb:194"] img.poster');
      await page.waitFor(() => unseen.eval((img) => img.complete && img.naturalWidth === 2),
        { message: 'the blank stand-in for a poster never seen' });
      assert.ok(!posters.includes('/posters/tmdb-194.png'), 'that poster was never fetched');
      assert.deepEqual(await page.problems(), []);
      await page.close();
    } finally {
      app.server.fault = () => null;
      await site.close();
    }
  });

  test('a next build that fails to install leaves the running version working', async () => {
    app.server.fault = () => null;
    const page = await app.open();
    await visit(page, '/?region=DE&types=flatrate');
    const next = mkdtempSync(join(tmpdir(), 'flimmer-broken-'));
    try {
      // A new worker whose precache names a file the server does not have.
      cpSync(DIST, next, { recursive: true });
      writeFileSync(join(next, 'index.html'), `${readFileSync(join(next, 'index.html'), 'utf8')}\n`);
      execFileSync('node', ['scripts/service-worker.mjs', next], { stdio: 'ignore' });
      rmSync(join(next, 'catalog.bin'));
      app.server.root = next;
      const installed = await page.eval(() => navigator.serviceWorker.getRegistration()
        .then((r) => r.update().then(() => new Promise((done) => {
          const worker = r.installing;
          if (!worker) return done('no new worker');
          worker.addEventListener('statechange', () => {
            if (worker.state === 'redundant' || worker.state === 'installed') done(worker.state);
          });
        }))));
      assert.equal(installed, 'redundant');
      assert.equal(await page.$('#app-update').count(), 0, 'no update is offered');

      app.server.fault = () => OFFLINE;
      await reload(page);
      await firstCard(page).waitFor();
      assert.match(await page.$('.as-of').text(), /Stand: 25\. November 2026/);
      assert.deepEqual(await page.problems(), []);
    } finally {
      app.server.fault = () => null;
      app.server.root = DIST;
      rmSync(next, { recursive: true, force: true });
    }
    await page.close();
  });

  // Chromium's own verdict, over the DevTools protocol that chromedriver passes on.
  if (engine === 'chromium') test('Chromium finds the app installable: no installability errors', async () => {
    const page = await app.open();
    await visit(page, '/');
    const { installabilityErrors } = await page.call('POST', '/goog/cdp/execute',
      { cmd: 'Page.getInstallabilityErrors', params: {} });
    assert.deepEqual(installabilityErrors, []);
    const { url, errors } = await page.call('POST', '/goog/cdp/execute', { cmd: 'Page.getAppManifest', params: {} });
    assert.match(url, /\/manifest\.webmanifest$/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a new build waits for the reader: "new data" is offered, and taken on Reload', async () => {
    app.server.fault = () => null;
    const page = await app.open();
    await visit(page, '/?region=DE&types=flatrate');
    assert.match(await page.$('.as-of').text(), /Stand: 25\. November 2026/);

    // The next release: the app under new hashed names (as a changed app would be), a
    // catalog of a later date, and its worker written by the build's own hook.
    const next = mkdtempSync(join(tmpdir(), 'flimmer-next-'));
    try {
      cpSync(DIST, next, { recursive: true });
      let html = readFileSync(join(next, 'index.html'), 'utf8');
      // Trunk writes the hash without leading zeros: 15 digits now and then, not always 16.
      const oldHash = html.match(/flimmer-([0-9a-f]{1,16})\.js/)[1];
      const newHash = 'feedc0de'.repeat(2);
      for (const file of readdirSync(next).filter((f) => f.includes(oldHash))) {
        renameSync(join(next, file), join(next, file.replace(oldHash, newHash)));
      }
      html = html.split(oldHash).join(newHash);
      writeFileSync(join(next, 'index.html'), html);
      const catalog = JSON.parse(readFileSync(join(next, 'catalog.json'), 'utf8'));
      catalog.as_of = '2026-12-01';
      writeFileSync(join(next, 'catalog.json'), JSON.stringify(catalog));
      execFileSync('cargo', ['run', '-q', '--locked', '-p', 'import', '--no-default-features', '--bin', 'flimmer-pack', '--',
        join(next, 'catalog.json'), join(next, 'catalog.bin')], { stdio: 'inherit' });
      execFileSync('node', ['scripts/service-worker.mjs', next], { stdio: 'ignore' });
      app.server.root = next;

      // Nothing changes under the reader's feet: the page keeps its data until asked.
      await page.eval(() => navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true));
      const notice = page.$('#app-update');
      await notice.waitFor({ timeout: 20_000 });
      assert.match(await notice.text(), /Neue Daten vom 1\. Dezember 2026 sind da\./);
      assert.match(await page.$('.as-of').text(), /Stand: 25\. November 2026/);

      await notice.$('button', { name: 'Neu laden' }).click();
      await page.waitFor(async () => /Stand: 1\. Dezember 2026/.test(await page.$('.as-of').text().catch(() => '')),
        { message: 'the new data after the reload', timeout: 20_000 });
      // The new app runs, and only the new build's files are kept: old and new never mix.
      assert.equal(await page.eval(() => performance.getEntriesByType('resource').filter((e) => /flimmer-feedc0de/.test(e.name)).length > 0), true);
      const shells = await page.eval(() => caches.keys().then((keys) => keys.filter((k) => k.startsWith('flimmer-shell-'))));
      assert.equal(shells.length, 1, shells.join());
      assert.deepEqual(await page.problems(), []);
    } finally {
      app.server.root = DIST;
      rmSync(next, { recursive: true, force: true });
    }
    await page.close();
  });
});
