// A catalog with broken entries, a catalog that is not JSON, and a server that fails:
// always a clear message, never a blank page, never a script run from catalog text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, openPage } from './browser.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

const BROKEN = readFileSync(new URL('../fixtures/catalog-with-broken-entries.json', import.meta.url), 'utf8');

test('broken entries are skipped and listed; the rest shows', async () => {
  const { page, context } = await openPage(app.browser);
  await page.route('**/catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: BROKEN }));
  await page.goto(`${app.url}/?region=DE`);
  const notice = page.getByTestId('skipped-notice');
  await notice.waitFor();
  assert.match(await notice.locator('summary').textContent(), /^5 Einträge im Katalog waren fehlerhaft/);
  await notice.locator('summary').click();
  const details = await notice.textContent();
  assert.match(details, /films\[2\]\.title: Pflichtfeld fehlt/);
  assert.match(details, /films\[3\]\.offers\[0\]\.type: unbekannte Angebotsart "stream"/);
  assert.match(details, /films\[4\]\.offers\[0\]\.url: Links müssen https-Adressen sein, gefunden: "javascript:alert\(1\)"/);
  assert.match(details, /films\[5\]\.id: doppelte ID "tmdb:949"/);
  assert.match(details, /films\[6\]\.runtime: -5 liegt nicht zwischen 1 und 1000/);
  await page.locator('article[data-film-id="tmdb:949"]').waitFor();
  // The hostile title is shown as text and ran nothing.
  await page.getByText('<img src=x onerror="window.__pwned=1">Hostile', { exact: true }).first().waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('an English reader gets the problems in English', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'en-GB' });
  await page.route('**/catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: BROKEN }));
  await page.goto(`${app.url}/?region=DE`);
  const notice = page.getByTestId('skipped-notice');
  await notice.waitFor();
  assert.match(await notice.locator('summary').textContent(), /^5 catalog entries were broken/);
  await notice.locator('summary').click();
  assert.match(await notice.textContent(), /films\[3\]\.offers\[0\]\.type: unknown monetization "stream"/);
  await context.close();
});

test('a catalog that is not JSON gets one message with its position', async () => {
  const { page, context } = await openPage(app.browser);
  await page.route('**/catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: '{\n  "format": 1,\n  oops' }));
  await page.goto(`${app.url}/`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Der Katalog ist fehlerhaft: kein gültiges JSON in Zeile 3, Spalte 3/);
  await context.close();
});

test('a failing server shows the reason and Retry loads the catalog', async () => {
  const { page, context } = await openPage(app.browser);
  await page.route('**/catalog.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.goto(`${app.url}/`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Status 503/);
  await page.unroute('**/catalog.json');
  await page.getByRole('button', { name: 'Erneut versuchen' }).click();
  await page.locator('.film-grid article').first().waitFor();
  await context.close();
});

test('a catalog from another site says so, and links keep the source and language', async () => {
  const { page, context } = await openPage(app.browser);
  await page.route('https://catalog.example/films.json', (route) =>
    route.fulfill({ contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: BROKEN }));
  await page.goto(`${app.url}/?region=DE&lang=en&source=https://catalog.example/films.json`);
  const note = page.getByTestId('source-note');
  await note.waitFor();
  assert.match(await note.textContent(), /This catalog comes from catalog\.example, not from Flimmer/);
  // The film page and the way back keep where the catalog came from and the language.
  await page.locator('article[data-film-id="tmdb:949"] h3 a').click();
  await page.waitForURL(/\/film\/tmdb:949\?/);
  assert.match(page.url(), /lang=en/);
  assert.match(page.url(), /source=https:\/\/catalog\.example\/films\.json/);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), 'Heat');
  await page.getByRole('link', { name: /Back to the list/ }).click();
  await page.waitForURL(/\/\?region=DE/);
  assert.match(page.url(), /source=https:\/\/catalog\.example\/films\.json/);
  await note.waitFor();
  await context.close();
});
