// Journey: a German reader picks Netflix in Germany, finds Heat, reloads and walks back.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { engines, start, test } from './browser.mjs';

// The README's screenshots are written only on request (FLIMMER_SCREENSHOTS=1), from
// Chromium, so a test run never rewrites committed files.
const SCREENSHOTS = process.env.FLIMMER_SCREENSHOTS === '1';

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine); });
  after(async () => { await app?.stop(); });

  const heatCard = (page) => page.$('article[data-film-id="tmdb:949"]');
  // The first card of the grid (the grid mounts a page of 48 at a time).
  const firstCard = (page) => page.$('.film-grid article').first();
  const netflixToggle = (page) => page.$('button', { name: /^Netflix( [\d.,]+)?$/ });
  const resultCount = (page) => page.$('[data-testid="result-count"]');

  test('DE + Netflix shows Heat on Netflix, survives a reload, and back undoes it', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/`);

    // The browser language picks the country, and the URL says so at once.
    await page.waitForURL(/\?region=DE&types=flatrate$/);
    assert.equal(await page.$('#filter-region').value(), 'DE');
    assert.equal(await page.$('html').attr('lang'), 'de');
    const allCount = await resultCount(page).text();

    const netflix = netflixToggle(page);
    assert.equal(await netflix.attr('aria-pressed'), 'false');
    await netflix.click();
    await page.waitForURL(/services=netflix/);
    assert.equal(await netflix.attr('aria-pressed'), 'true');
    assert.match(await page.url(), /\?region=DE&services=netflix&types=flatrate$/);

    const heat = heatCard(page);
    await heat.waitFor();
    const badge = heat.$('a.offer-badge[data-provider="netflix"]');
    assert.equal(await badge.attr('title'), 'Heat kann bei Netflix im Abo gestreamt werden');
    assert.match(await badge.text(), /Netflix.*Flatrate/);
    // Only Netflix offers are left in the grid.
    const providers = await page.$('.film-grid a.offer-badge').evalAll((els) => [...new Set(els.map((e) => e.dataset.provider))]);
    assert.deepEqual(providers, ['netflix']);
    const netflixCount = await resultCount(page).text();
    assert.notEqual(netflixCount, allCount);
    assert.match(netflixCount, /^\d+ Filme?$/);

    if (SCREENSHOTS && engine === 'chromium') {
      mkdirSync('docs', { recursive: true });
      await page.screenshot('docs/screenshot.png');
      await page.setViewport(360, 760);
      await page.screenshot('docs/screenshot-phone.png');
      await page.setViewport(1280, 900);
    }

    // A reload (or a copied link) shows the same view.
    await page.reload();
    await heatCard(page).waitFor();
    assert.equal(await netflixToggle(page).attr('aria-pressed'), 'true');
    assert.equal(await resultCount(page).text(), netflixCount);

    // Back walks to the view before Netflix was picked.
    await page.back();
    await page.waitForURL(/\?region=DE&types=flatrate$/);
    assert.equal(await netflixToggle(page).attr('aria-pressed'), 'false');
    assert.equal(await resultCount(page).text(), allCount);
    await page.forward();
    await page.waitForURL(/services=netflix/);

    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  // index.html starts the request before the app loads and the app takes it over: a
  // <link rel=preload> did not work in WebKit (two downloads; the preload came with an
  // Origin header, the app's fetch without, and WebKit did not match them).
  test('the built-in catalog is downloaded once: the request index.html starts is what the app reads', async () => {
    const page = await app.open();
    // Counted by the server: every request the browser makes for it arrives there (a fresh
    // profile has no cache, and the server says no-cache).
    app.server.requests.length = 0;
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await firstCard(page).waitFor();
    const requests = app.server.requests.filter((r) => r.path === '/catalog.bin');
    assert.equal(requests.length, 1, 'an early request the app does not take over downloads the catalog twice');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('adding rent shows store offers; removing every type shows a hint that fixes it', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await firstCard(page).waitFor();

    await page.$('button', { name: 'Leihen' }).click();
    await page.waitForURL(/types=flatrate,rent/);
    assert.ok(await page.$('.film-grid a.offer-badge[data-type="rent"]').count() > 0);

    await page.$('button', { name: 'Leihen' }).click();
    await page.$('button', { name: 'Flatrate' }).click();
    await page.waitForURL(/types=$/);
    const empty = page.$('[data-testid="empty-state"]');
    await empty.waitFor();
    assert.match(await empty.text(), /Wähle mindestens eine Angebotsart/);
    assert.equal(await page.$('.film-grid article').count(), 0);
    await empty.$('button').click();
    await page.waitForURL(/types=flatrate$/);
    await firstCard(page).waitFor();
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('the result count is announced politely, once typing pauses, not after every keystroke', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    const live = page.$('[data-testid="result-announcement"]');
    assert.equal(await live.attr('role'), 'status');
    // The first count is announced once the list is there.
    await page.waitFor(() => page.eval(() => document.querySelector('[data-testid=result-announcement]')?.textContent !== ''));
    assert.equal(await live.text(), await resultCount(page).text());
    // Every text the live region takes from here on.
    await page.eval(() => {
      const region = document.querySelector('[data-testid=result-announcement]');
      window.__announced = [];
      new MutationObserver(() => window.__announced.push(region.textContent))
        .observe(region, { subtree: true, childList: true, characterData: true });
    });
    await page.$('input[type="search"]', { name: 'Suche' }).type('heat', { delay: 80 });
    await page.waitFor(() => page.eval(() => window.__announced.length > 0));
    await new Promise((ok) => setTimeout(ok, 1000));
    const announced = [...new Set(await page.eval(() => window.__announced))];
    // One announcement, of the final count: not "h", "he", "hea" on the way.
    assert.deepEqual(announced, [await resultCount(page).text()]);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
