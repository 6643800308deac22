// Journey: from a card to the film's page with every offer in the country, and back.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, start, test } from './browser.mjs';

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine); });
  after(async () => { await app?.stop(); });

  test('the title opens /film/<id> with all offers in the region; back returns to the filter', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&services=netflix&types=flatrate`);
    await page.$('article[data-film-id="tmdb:949"] h3 a').click();
    await page.waitForURL(/\/film\/tmdb:949\?region=DE/);
    const title = page.$('h1');
    assert.equal((await title.text()).trim(), 'Heat');
    // Every way to watch in Germany, not only the Netflix flatrate the grid was narrowed to.
    const kinds = await page.$('a.offer-badge').evalAll((els) => els.map((e) => `${e.dataset.provider}:${e.dataset.type}`));
    assert.ok(kinds.includes('netflix:flatrate'), kinds.join());
    assert.ok(kinds.length > 1, `expected more offers than Netflix: ${kinds}`);
    assert.match(await page.$('[data-testid="offers-region"]').text(), /Alle Angebote in Deutschland/);

    await page.$('a[href]', { name: /Zurück zur Übersicht/ }).click();
    await page.waitForURL(/\/\?region=DE&services=netflix&types=flatrate$/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a deep link to a film loads directly, and an unknown film says so', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/film/tmdb:949?region=DE`);
    assert.equal((await page.$('h1').text()).trim(), 'Heat');
    await page.goto(`${app.url}/film/tmdb:0?region=DE`);
    await page.byText('Diesen Film gibt es im Katalog nicht.').waitFor();
    await page.goto(`${app.url}/no/such/page`);
    await page.byText('Diese Seite gibt es nicht.').waitFor();
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
