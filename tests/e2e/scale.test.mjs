// Journey at real scale: the 22,563 titles of the public Netflix, Prime Video, Disney+ and
// Hulu lists, imported in this run from ../shared/data by flimmer-import (scripts/test.sh
// writes tests/e2e/artifacts/catalog-23k.json), opened as a remote catalog through
// `source=` over https, as a reader would, and searched.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { engines, start } from './browser.mjs';
import { foreign } from './server.mjs';

const CATALOG = 'tests/e2e/artifacts/catalog-23k.json';

let body;
let remote;
before(async () => {
  assert.ok(existsSync(CATALOG), `${CATALOG} is written by scripts/test.sh before the journeys`);
  body = brotliCompressSync(readFileSync(CATALOG));
  // https://127.0.0.1:<port>, a self-signed certificate the sessions trust (insecureCerts).
  remote = await foreign('127.0.0.1', () => ({ type: 'application/json', body, headers: { 'content-encoding': 'br' } }));
});
after(async () => { await remote?.close(); });

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine); });
  after(async () => { await app?.stop(); });

  test('23,000 imported titles load through source= and are searchable', async () => {
    const page = await app.open({ locale: 'en-US', insecureCerts: true });
    const url = `${remote.url}/catalog-23k.json`;
    const started = Date.now();
    await page.goto(`${app.url}/?region=US&source=${encodeURIComponent(url)}`);
    await page.$('.film-grid article.film-card').first().waitFor({ timeout: 60_000 });
    const loadMs = Date.now() - started;
    const count = Number((await page.$('[data-testid="result-count"]').text()).replace(/\D/g, ''));
    assert.ok(count > 20_000, `${count} titles on flatrate in the US`);
    assert.equal(await page.$('.film-grid article').count(), 48, 'a page of cards, not 20,000');
    assert.match(await page.$('[data-testid="source-note"]').text(), /127\.0\.0\.1/);

    const box = page.$('input[type="search"]', { name: 'Search' });
    await box.fill('irishman');
    await page.waitForURL(/q=irishman/);
    const first = page.$('.film-grid article.film-card').first();
    await first.waitFor();
    assert.match(await first.$('.film-card__title').text(), /The Irishman/);
    await box.fill('godfahter');
    await page.waitForURL(/q=godfahter/);
    assert.match(await page.$('.film-grid article .film-card__title').first().text(), /Godfather/);
    console.log(`23k catalog in ${engine}: first card after ${loadMs} ms (loopback, brotli, cold)`);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
