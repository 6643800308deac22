// Journey: a catalog split by region (docs/catalog-format.md, "Catalogs split by region").
// A reader opens it by its index and downloads only the region in view; another region
// loads its shard while the current view stays; a shard seen before comes from the HTTP
// cache; a shard that is not the file its index names is refused, with Retry.
// The shards are our own catalog, split by `flimmer-pack --shards`, served by another site.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engines, start, test } from './browser.mjs';
import { foreign } from './server.mjs';

const CATALOG = new URL('../../public/catalog.json', import.meta.url).pathname;
// Every way to watch, so the counts compare the whole region.
const VIEW = 'types=flatrate,free,ads,rent,buy';

// The shards of our catalog, and of its next edition (a day later): file name → bytes.
let dir;
const files = {};
const next = {};
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'flimmer-shards-'));
  const split = (catalog, out, into) => {
    execFileSync('cargo', ['run', '-q', '--locked', '-p', 'import', '--no-default-features', '--bin', 'flimmer-pack', '--',
      '--shards', catalog, out], { stdio: 'ignore' });
    for (const name of readdirSync(out)) into[name] = readFileSync(join(out, name));
  };
  split(CATALOG, join(dir, 'now'), files);
  const later = JSON.parse(readFileSync(CATALOG, 'utf8'));
  later.as_of = '2026-11-26';
  writeFileSync(join(dir, 'later.json'), JSON.stringify(later));
  split(join(dir, 'later.json'), join(dir, 'later'), next);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

for (const engine of engines()) describe(engine, () => {
  let app;
  let site;
  // What the other site was asked for, in order; and what it answers instead of a file.
  const asked = [];
  let fault = () => null;
  let published = files;
  before(async () => {
    app = await start(engine);
    site = await foreign('shards.example', (path) => {
      asked.push(path);
      const name = path.replace(/^\/world\//, '');
      const injected = fault(name);
      if (injected) return injected;
      const body = published[name];
      if (!body) return null;
      // The index changes with every new catalog; a shard's content is checked against it,
      // so it may be kept for long (the HTTP cache answers a region seen before).
      return name === 'index.json'
        ? { type: 'application/json', body }
        : { type: 'application/octet-stream', body, headers: { 'cache-control': 'max-age=3600' } };
    });
  });
  after(async () => {
    await app?.stop();
    await site?.close();
  });

  // The built-in catalog's count and first cards in `region`: a shard must show the same.
  async function builtIn(page, region) {
    await page.goto(`${app.url}/?region=${region}&${VIEW}`);
    await page.$('.film-grid article').first().waitFor();
    return view(page);
  }
  const view = async (page) => ({
    count: await page.$('[data-testid="result-count"]').text(),
    first: await page.eval(() => [...document.querySelectorAll('.film-grid article')].slice(0, 12).map((a) => a.dataset.filmId)),
  });

  test('only the region in view is downloaded; another region loads while the view stays; a region seen before comes from the cache', async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    const de = await builtIn(page, 'DE');
    const at = await builtIn(page, 'AT');

    asked.length = 0;
    const source = `source=${site.url}/world/index.json`;
    await page.goto(`${app.url}/?region=DE&${VIEW}&${source}`);
    await page.$('.film-grid article').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await view(page), de, 'the DE shard shows what the whole catalog shows in DE');
    assert.deepEqual(asked, ['/world/index.json', '/world/DE.bin'], 'the index and the DE shard, nothing else');
    // Every region of the catalog is offered, not only the one loaded.
    const regions = await page.eval(() => [...document.querySelectorAll('#filter-region option')].map((o) => o.value));
    assert.deepEqual(regions, ['AT', 'CH', 'DE', 'GB', 'US']);

    // Austria's shard comes slowly: meanwhile the German view stays, and says what loads.
    fault = (name) => (name === 'AT.bin' ? { type: 'application/octet-stream', body: files['AT.bin'], delay: 1500 } : null);
    assert.notEqual(await page.$('#results').attr('aria-busy'), 'true', 'not busy before');
    await page.$('#filter-region').select('AT');
    await page.waitForURL(/region=AT/);
    const busy = page.$('#results[aria-busy="true"]');
    await busy.waitFor();
    // Drawn by style/status.css from `data-loading` (Firefox reports the computed content
    // as the attr() it comes from, Chromium and WebKit as the text).
    assert.equal(await page.$('#results').attr('data-loading'), 'Katalog wird geladen …');
    const drawn = await page.eval(() => getComputedStyle(document.querySelector('#results'), '::before').content);
    assert.ok(['"Katalog wird geladen …"', 'attr(data-loading)'].includes(drawn), `the busy line is drawn: ${drawn}`);
    assert.equal(await page.$('[data-testid="result-count"]').text(), de.count, 'the German view stays while Austria loads');
    await busy.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await page.$('#results').attr('aria-busy'), 'false');
    await page.waitFor(async () => (await page.$('[data-testid="result-count"]').text()) === at.count,
      { message: `Austria's count ${at.count}` });
    assert.deepEqual(await view(page), at, 'the AT shard shows what the whole catalog shows in AT');
    assert.ok(asked.includes('/world/AT.bin'));
    assert.equal(await page.$('#filter-region').value(), 'AT');
    fault = () => null;

    // Back to Germany: its shard is in the HTTP cache, the site is not asked for it again.
    // (Only Firefox keeps answers of a site whose certificate it was told to accept, as the
    // test's self-signed one; Chromium and WebKit cache nothing from such a site.)
    const before = asked.length;
    await page.$('#filter-region').select('DE');
    await page.waitFor(async () => (await page.$('[data-testid="result-count"]').text()) === de.count,
      { message: `Germany's count ${de.count}` });
    if (engine === 'firefox') {
      assert.ok(!asked.slice(before).includes('/world/DE.bin'), `the DE shard again from the cache: ${asked.slice(before)}`);
    }
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a shard that is not the file its index names is refused with the reason, the region on screen stays, and a reload loads the right one', async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    // Another region's file in Switzerland's place (a broken upload, a stale mirror).
    fault = (name) => (name === 'CH.bin' ? { type: 'application/octet-stream', body: files['AT.bin'] } : null);
    // Opened so, nothing was loaded before: the reason, and Retry.
    await page.goto(`${app.url}/?region=CH&${VIEW}&source=${site.url}/world/index.json`);
    const failed = page.$('.load-status--failed');
    await failed.waitFor({ timeout: 30_000 });
    assert.match(await failed.text(), /beschädigt.*CH/s);
    fault = () => null;
    assert.equal(asked.filter((p) => p === '/world/CH.bin').length, 2, 'asked once more, past the HTTP cache, before it is refused');
    await failed.$('button', { name: 'Erneut versuchen' }).click();
    await page.$('.film-grid article').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.$('#filter-region').value(), 'CH');
    const ch = await view(page);

    // Switched to from Germany: Germany's view stays, under the reason. (Great Britain, a
    // shard not loaded before: Firefox's HTTP cache holds the right CH.bin by now.)
    await page.$('#filter-region').select('DE');
    await page.waitFor(async () => (await page.$('[data-testid="result-count"]').text()) !== ch.count, { timeout: 30_000, message: 'Germany' });
    const de = await view(page);
    fault = (name) => (name === 'GB.bin' ? { type: 'application/octet-stream', body: files['AT.bin'] } : null);
    await page.$('#filter-region').select('GB');
    const note = page.$('[data-testid="load-failed-note"]');
    await page.waitFor(async () => /beschädigt.*GB/s.test(await note.text().catch(() => '')), { timeout: 30_000, message: 'the reason above the view' });
    assert.deepEqual(await view(page), de, 'the German view stays');
    assert.equal(await page.$('#filter-region').value(), 'DE');
    assert.equal(await failed.count(), 0);
    assert.equal(await note.attr('role'), 'alert');
    // Retry asks again; still the wrong file: the German view stays, under the reason.
    const tries = asked.filter((p) => p === '/world/GB.bin').length;
    await note.$('button', { name: 'Erneut versuchen' }).click();
    await page.waitFor(() => asked.filter((p) => p === '/world/GB.bin').length > tries, { timeout: 30_000, message: 'GB asked again' });
    await page.waitFor(async () => /beschädigt.*GB/s.test(await note.text().catch(() => '')), { timeout: 30_000, message: 'the reason again' });
    // (Drawn anew under the new reason: the first screen of cards, then the rest of the page.)
    await page.waitFor(async () => JSON.stringify(await view(page)) === JSON.stringify(de), { timeout: 10_000, message: 'the German view again' });
    // The URL names the region that failed: a reload asks again.
    fault = () => null;
    await page.reload();
    await page.waitFor(async () => (await page.$('#filter-region').value().catch(() => '')) === 'GB'
      && (await page.$('.film-grid article').count()) > 0, { timeout: 30_000, message: 'Great Britain\'s view' });
    assert.equal(await note.count(), 0);
    assert.match(await page.$('[data-testid="source-note"]').text(), /shards\.example/, 'the note that names the catalog\'s site');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  // Meaningful where the HTTP cache keeps the shard (Firefox, see above); elsewhere the
  // shard is fetched anew anyway.
  test('a shard the HTTP cache kept from before the catalog changed is fetched anew', async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    const url = `${app.url}/?region=GB&${VIEW}&source=${site.url}/world/index.json`;
    await page.goto(url);
    await page.$('.film-grid article').first().waitFor({ timeout: 30_000 });
    assert.match(await page.$('.as-of').text(), /Stand: 25\. November 2026/);
    // The next edition is published; the GB shard in the cache is now the old one.
    published = next;
    try {
      const before = asked.length;
      await page.goto(url);
      await page.waitFor(async () => /Stand: 26\. November 2026/.test(await page.$('.as-of').text().catch(() => '')),
        { timeout: 30_000, message: 'the new edition' });
      assert.ok(asked.slice(before).includes('/world/GB.bin'), 'the new GB shard was fetched from the site');
      assert.deepEqual(await page.problems(), []);
    } finally {
      published = files;
    }
    await page.close();
  });

  test('a broken index says why', async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    fault = (name) => (name === 'index.json'
      ? { type: 'application/json', body: JSON.stringify({ format: 1, as_of: '2026-11-27', shards: [{ region: 'DE', path: '../DE.bin', bytes: 1, sha256: '0'.repeat(64), films: 1 }] }) }
      : null);
    await page.goto(`${app.url}/?region=DE&source=${site.url}/world/index.json`);
    const failed = page.$('.load-status--failed');
    await failed.waitFor({ timeout: 30_000 });
    assert.match(await failed.text(), /relative path below the index/);
    assert.ok(!asked.includes('/DE.bin'), 'nothing above the index is asked for');
    fault = () => null;
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
