// Journey: from a card to the film's page with every offer in the country, and back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

test('the title opens /film/<id> with all offers in the region; back returns to the filter', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&services=netflix&types=flatrate`);
  await page.locator('article[data-film-id="tmdb:949"] h3 a').click();
  await page.waitForURL(/\/film\/tmdb:949\?region=DE/);
  const title = page.getByRole('heading', { level: 1 });
  assert.equal((await title.textContent()).trim(), 'Heat');
  // Every way to watch in Germany, not only the Netflix flatrate the grid was narrowed to.
  const kinds = await page.locator('a.offer-badge').evaluateAll((els) => els.map((e) => `${e.dataset.provider}:${e.dataset.type}`));
  assert.ok(kinds.includes('netflix:flatrate'), kinds.join());
  assert.ok(kinds.length > 1, `expected more offers than Netflix: ${kinds}`);
  assert.match(await page.getByTestId('offers-region').textContent(), /Alle Angebote in Deutschland/);

  await page.getByRole('link', { name: /Zurück zur Übersicht/ }).click();
  await page.waitForURL(/\/\?region=DE&services=netflix&types=flatrate$/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a deep link to a film loads directly, and an unknown film says so', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/film/tmdb:949?region=DE`);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), 'Heat');
  await page.goto(`${app.url}/film/tmdb:0?region=DE`);
  await page.getByText('Diesen Film gibt es im Katalog nicht.').waitFor();
  await page.goto(`${app.url}/no/such/page`);
  await page.getByText('Diese Seite gibt es nicht.').waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});
