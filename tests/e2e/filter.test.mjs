// Journey: a German reader picks Netflix in Germany, finds Heat, reloads and walks back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { start, openPage } from './browser.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

const heatCard = (page) => page.locator('article[data-film-id="tmdb:949"]');
// The first card of the grid (the grid mounts a page of 48 at a time).
const firstCard = (page) => page.locator('.film-grid article').first();

test('DE + Netflix shows Heat on Netflix, survives a reload, and back undoes it', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/`);

  // The browser language picks the country, and the URL says so at once.
  await page.waitForURL(/\?region=DE&types=flatrate$/);
  assert.equal(await page.locator('#filter-region').inputValue(), 'DE');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  const allCount = await page.getByTestId('result-count').textContent();

  const netflix = page.getByRole('button', { name: /^Netflix( [\d.,]+)?$/ });
  assert.equal(await netflix.getAttribute('aria-pressed'), 'false');
  await netflix.click();
  await page.waitForURL(/services=netflix/);
  assert.equal(await netflix.getAttribute('aria-pressed'), 'true');
  assert.match(page.url(), /\?region=DE&services=netflix&types=flatrate$/);

  const heat = heatCard(page);
  await heat.waitFor();
  const badge = heat.locator('a.offer-badge[data-provider="netflix"]');
  assert.equal(await badge.getAttribute('title'), 'Heat kann bei Netflix im Abo gestreamt werden');
  assert.match(await badge.textContent(), /Netflix.*Flatrate/);
  // Only Netflix offers are left in the grid.
  const providers = await page.locator('.film-grid a.offer-badge').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.provider))]);
  assert.deepEqual(providers, ['netflix']);
  const netflixCount = await page.getByTestId('result-count').textContent();
  assert.notEqual(netflixCount, allCount);
  assert.match(netflixCount, /^\d+ Filme?$/);

  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot.png' });
  await page.setViewportSize({ width: 360, height: 760 });
  await page.screenshot({ path: 'docs/screenshot-phone.png' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A reload (or a copied link) shows the same view.
  await page.reload();
  await heatCard(page).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Netflix( [\d.,]+)?$/ }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('result-count').textContent(), netflixCount);

  // Back walks to the view before Netflix was picked.
  await page.goBack();
  await page.waitForURL(/\?region=DE&types=flatrate$/);
  assert.equal(await page.getByRole('button', { name: /^Netflix( [\d.,]+)?$/ }).getAttribute('aria-pressed'), 'false');
  assert.equal(await page.getByTestId('result-count').textContent(), allCount);
  await page.goForward();
  await page.waitForURL(/services=netflix/);

  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the built-in catalog is downloaded once: the preload in index.html is what the app reads', async () => {
  const { page, context } = await openPage(app.browser);
  const requests = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/catalog.json') requests.push(r); });
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await firstCard(page).waitFor();
  assert.equal(requests.length, 1, 'a preload that does not match the fetch downloads the catalog twice');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('adding rent shows store offers; removing every type shows a hint that fixes it', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await firstCard(page).waitFor();

  await page.getByRole('button', { name: 'Leihen' }).click();
  await page.waitForURL(/types=flatrate,rent/);
  assert.ok(await page.locator('.film-grid a.offer-badge[data-type="rent"]').count() > 0);

  await page.getByRole('button', { name: 'Leihen' }).click();
  await page.getByRole('button', { name: 'Flatrate' }).click();
  await page.waitForURL(/types=$/);
  const empty = page.getByTestId('empty-state');
  await empty.waitFor();
  assert.match(await empty.textContent(), /Wähle mindestens eine Angebotsart/);
  assert.equal(await page.locator('.film-grid li').count(), 0);
  await empty.getByRole('button').click();
  await page.waitForURL(/types=flatrate$/);
  await firstCard(page).waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the result count is announced politely, once typing pauses, not after every keystroke', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  const live = page.getByTestId('result-announcement');
  assert.equal(await live.getAttribute('role'), 'status');
  // The first count is announced once the list is there.
  await page.waitForFunction(() => document.querySelector('[data-testid=result-announcement]')?.textContent !== '');
  assert.equal(await live.textContent(), await page.getByTestId('result-count').textContent());
  // Every text the live region takes from here on.
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid=result-announcement]');
    window.__announced = [];
    new MutationObserver(() => window.__announced.push(region.textContent))
      .observe(region, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('searchbox', { name: 'Suche' }).pressSequentially('heat', { delay: 80 });
  await page.waitForFunction(() => window.__announced.length > 0);
  await page.waitForTimeout(1000);
  const announced = [...new Set(await page.evaluate(() => window.__announced))];
  // One announcement, of the final count: not "h", "he", "hea" on the way.
  assert.deepEqual(announced, [await page.getByTestId('result-count').textContent()]);
  assert.deepEqual(page.problems, []);
  await context.close();
});
