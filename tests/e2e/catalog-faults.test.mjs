// A catalog with broken entries, a catalog that is not JSON, a damaged built-in catalog and
// a server that fails: always a clear message, never a blank page, never a script run from
// catalog text. JSON catalogs come from another site through `source=` (the built-in one is
// shipped packed; JSON is read by the catalog worker). The faults are answers of the test
// servers (server.mjs), so every engine meets them alike.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engines, start, test } from './browser.mjs';
import { foreign } from './server.mjs';

const BROKEN = readFileSync(new URL('../fixtures/catalog-with-broken-entries.json', import.meta.url), 'utf8');

for (const engine of engines()) describe(engine, () => {
  let app;
  let site;
  let stalling = true;
  // What catalog.example was asked for, in order.
  const asked = [];
  before(async () => {
    app = await start(engine);
    // Another site, https://catalog.example, serving broken catalogs with CORS.
    const files = {
      '/films.json': BROKEN,
      '/not-json.json': '{\n  "format": 1,\n  oops',
    };
    site = await foreign('catalog.example', (path) => (asked.push(path), path === '/stalled.json' ? (stalling ? { stall: true } : { type: 'application/json', body: BROKEN })
      : path === '/gone.json' ? { offline: true }
      : path === '/no-cors.json' ? { type: 'application/json', body: BROKEN, headers: { 'access-control-allow-origin': undefined } }
        : files[path] ? { type: 'application/json', body: files[path] } : null));
  });
  after(async () => {
    await app?.stop();
    await site?.close();
  });

  // The built-in catalog (/catalog.bin) answers with `reply` (a fault of server.mjs) for one journey.
  const catalogAnswers = (reply) => { app.server.fault = (path) => (path === '/catalog.bin' ? reply : null); };
  // A session that reaches catalog.example (through the site's proxy) and opens `file` there.
  const openBroken = async (file, options = {}) => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true, ...options });
    await page.goto(`${app.url}/?region=DE&source=${site.url}${file}`);
    return page;
  };
  const healthy = () => { app.server.fault = () => null; };

  test('broken entries are skipped and listed; the rest shows', async () => {
    const page = await openBroken('/films.json');
    const notice = page.$('[data-testid="skipped-notice"]');
    await notice.waitFor();
    assert.match(await notice.$('summary').text(), /^5 Einträge im Katalog waren fehlerhaft/);
    await notice.$('summary').click();
    const details = await notice.text();
    assert.match(details, /films\[2\]\.title: Pflichtfeld fehlt/);
    assert.match(details, /films\[3\]\.offers\[0\]\.type: unbekannte Angebotsart "stream"/);
    assert.match(details, /films\[4\]\.offers\[0\]\.url: Links müssen https-Adressen sein, gefunden: "javascript:alert\(1\)"/);
    assert.match(details, /films\[5\]\.id: doppelte ID "tmdb:949"/);
    assert.match(details, /films\[6\]\.runtime: -5 liegt nicht zwischen 1 und 1000/);
    await page.$('article[data-film-id="tmdb:949"]').waitFor();
    // The hostile title is shown as text and ran nothing.
    await page.byText('<img src=x onerror="window.__pwned=1">Hostile', { exact: true }).first().waitFor();
    assert.equal(await page.eval(() => typeof window.__pwned), 'undefined');
    assert.equal(await page.$('a[href^="javascript:"]').count(), 0);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('an English reader gets the problems in English', async () => {
    const page = await openBroken('/films.json', { locale: 'en-GB' });
    const notice = page.$('[data-testid="skipped-notice"]');
    await notice.waitFor();
    assert.match(await notice.$('summary').text(), /^5 catalog entries were broken/);
    await notice.$('summary').click();
    assert.match(await notice.text(), /films\[3\]\.offers\[0\]\.type: unknown monetization "stream"/);
    await page.close();
  });

  test('a catalog that is not JSON gets one message with its position', async () => {
    const page = await openBroken('/not-json.json');
    const alert = page.$('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.text(), /Der Katalog ist fehlerhaft: kein gültiges JSON in Zeile 3, Spalte 3/);
    // The page's error, handled: not a crash the start guard would have to catch.
    assert.equal(await page.$('[data-testid="start-failed"]').count(), 0);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a damaged built-in catalog says so, and Retry loads it once it is whole', async () => {
    catalogAnswers({ type: 'application/octet-stream', body: 'FLIMMER\u0001 not what the build wrote' });
    const page = await app.open();
    await page.goto(`${app.url}/`);
    const alert = page.$('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.text(), /Die Katalogdatei ist beschädigt und kann nicht gelesen werden/);
    healthy();
    await page.$('button', { name: 'Erneut versuchen' }).click();
    await page.$('.film-grid article').first().waitFor();
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a failing server shows the reason and Retry loads the catalog', async () => {
    catalogAnswers({ status: 503, body: 'busy' });
    const page = await app.open();
    await page.goto(`${app.url}/`);
    const alert = page.$('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.text(), /Status 503/);
    healthy();
    await page.$('button', { name: 'Erneut versuchen' }).click();
    await page.$('.film-grid article').first().waitFor();
    await page.close();
  });

  // Never loaded in this browser, and no answer now: the built-in catalog, saying why.
  // In German, then (after a language switch) in English.
  const reasons = {
    '/gone.json': [/^Der Katalog konnte nicht geladen werden \(.+\)\. Bist du online\?$/, /^The catalog could not be loaded \(.+\)\. Are you online\?$/],
    // Told apart from no answer: the site answers a request without CORS (status 0).
    '/no-cors.json': [/^catalog\.example hat geantwortet, lässt den Katalog aber nicht von anderen Seiten lesen \(kein CORS-Header Access-Control-Allow-Origin\)\. Hier siehst du den eingebauten Katalog\.$/,
      /^catalog\.example answered, but does not let other sites read its catalog \(no CORS header Access-Control-Allow-Origin\)\. This is the built-in catalog\.$/],
  };
  for (const [file, why] of [['/gone.json', 'a site that does not answer'], ['/no-cors.json', 'a site that refuses us by CORS']]) {
    test(`${why}: the built-in catalog in its place, with the reason and its date`, async () => {
      const page = await app.open({ proxy: site.proxy, insecureCerts: true });
      await page.goto(`${app.url}/?region=DE&types=flatrate`);
      await page.$('.film-grid article').first().waitFor();
      const ours = await page.$('[data-testid="result-count"]').text();
      await page.goto(`${app.url}/?region=DE&types=flatrate&source=${site.url}${file}`);
      const note = page.$('[data-testid="source-note"]');
      await note.waitFor({ timeout: 30_000 });
      assert.match(await note.text(), reasons[file][0]);
      await page.$('.film-grid article').first().waitFor();
      assert.equal(await page.$('[data-testid="result-count"]').text(), ours, 'the built-in catalog, whole');
      assert.match(await page.$('.as-of').text(), /Stand: 25\. November 2026 · Beispieldaten/);
      // The reader's view is kept: the link still names the catalog they asked for.
      assert.match(await page.url(), new RegExp(`source=https://catalog\\.example${file.replace('.', '\\.')}`));
      // In English, the same reason, without asking the site again.
      const tries = asked.length;
      await page.$('.site-header__lang').click();
      await page.waitFor(async () => reasons[file][1].test(await note.text().catch(() => '')), { timeout: 10_000, message: 'the reason in English' });
      assert.match(await page.$('.as-of').text(), /Sample data/);
      assert.equal(asked.length, tries, 'nothing asked again');
      await page.close();
    });
  }

  // Never fetched: a catalog over plain http could be changed on its way by anyone between.
  for (const [source, lang, reason] of [
    ['http://catalog.example/films.json', 'de', /^source: Links müssen https-Adressen sein, gefunden: "http:\/\/catalog\.example\/films\.json"$/],
    ['javascript:alert(1)', 'en', /^source: link must be an https URL, found "javascript:alert\(1\)"$/],
  ]) test(`a source that is no https URL (${source}) is not loaded: the built-in catalog, saying why`, async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    await page.goto(`${app.url}/?region=DE&lang=${lang}&source=${encodeURIComponent(source)}`);
    const note = page.$('[data-testid="source-note"]');
    await note.waitFor();
    assert.match(await note.text(), reason);
    await page.$('.film-grid article').first().waitFor();
    assert.match(await page.$('.as-of').text(), /Beispieldaten|Sample data/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a site that stalls is given up after 10 s of silence: the built-in catalog, and a reload asks again', async () => {
    stalling = true;
    const page = await openBroken('/stalled.json');
    const note = page.$('[data-testid="source-note"]');
    await note.waitFor({ timeout: 45_000 });
    assert.match(await note.text(), /\(no answer for 10 s\)/);
    await page.$('.film-grid article').first().waitFor();
    // The link still names the catalog asked for: a reload tries it again.
    stalling = false;
    await page.reload();
    await page.waitFor(async () => /kommt von catalog\.example/.test(await note.text().catch(() => '')),
      { timeout: 30_000, message: 'the catalog asked for, after a reload' });
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a catalog from another site says so, and links keep the source and language', async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    await page.goto(`${app.url}/?region=DE&lang=en&source=${site.url}/films.json`);
    const note = page.$('[data-testid="source-note"]');
    await note.waitFor();
    assert.match(await note.text(), /This catalog comes from catalog\.example, not from Flimmer/);
    // The film page and the way back keep where the catalog came from and the language.
    await page.$('article[data-film-id="tmdb:949"] h3 a').click();
    await page.waitForURL(/\/film\/tmdb:949\?/);
    assert.match(await page.url(), /lang=en/);
    assert.match(await page.url(), /source=https:\/\/catalog\.example\/films\.json/);
    assert.equal((await page.$('h1').text()).trim(), 'Heat');
    await page.$('a[href]', { name: /Back to the list/ }).click();
    await page.waitForURL(/\/\?region=DE/);
    assert.match(await page.url(), /source=https:\/\/catalog\.example\/films\.json/);
    await note.waitFor();
    await page.close();
  });
});
