// Journey: a reader searches as they type: diacritics and typos forgiven, best match
// first, a hint when the way to watch hides the film, and the search in the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

const cards = (page) => page.locator('.film-grid article.film-card');
const firstCard = (page) => cards(page).first();

async function search(page, text) {
  const box = page.getByRole('searchbox', { name: 'Suche' });
  await box.fill(text);
  await page.waitForURL((url) => new URL(url).searchParams.get('q') === text);
}

test('typing finds Heat first, and the search survives a reload; back leaves the search', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await firstCard(page).waitFor();
  const before = await page.getByTestId('result-count').textContent();

  await search(page, 'hea');
  await search(page, 'heat');
  assert.equal(await firstCard(page).getAttribute('data-film-id'), 'tmdb:949');
  assert.match(page.url(), /q=heat/);

  await page.reload();
  await page.locator('article[data-film-id="tmdb:949"]').waitFor();
  assert.equal(await page.getByRole('searchbox', { name: 'Suche' }).inputValue(), 'heat');
  assert.equal(await firstCard(page).getAttribute('data-film-id'), 'tmdb:949');

  // The keystrokes replaced each other: one step back is the list before the search.
  await page.goBack();
  await page.waitForURL((url) => !new URL(url).searchParams.has('q'));
  assert.equal(await page.getByTestId('result-count').textContent(), before);
  assert.equal(await page.getByRole('searchbox', { name: 'Suche' }).inputValue(), '');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('"amelie" finds Amélie; when only renting shows it, the hint says so and fixes it', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await firstCard(page).waitFor();
  await search(page, 'amelie');
  const empty = page.getByTestId('empty-state');
  await empty.waitFor();
  assert.match(await empty.textContent(), /Mit Leihen, Kaufen und Gratis-Angeboten gäbe es 1 Film/);
  await empty.getByRole('button').click();
  await page.waitForURL(/types=flatrate,free,ads,rent,buy/);
  const amelie = page.locator('article[data-film-id="tmdb:194"]');
  await amelie.waitFor();
  assert.match(await amelie.locator('.film-card__title').textContent(), /Die fabelhafte Welt der Amélie/);
  assert.match(page.url(), /q=amelie/, 'loosening keeps the search');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a typo and word prefixes still find the film; "strasse" finds "Straße"', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate,rent,buy`);
  await firstCard(page).waitFor();
  await search(page, 'godfahter');
  assert.equal(await firstCard(page).getAttribute('data-film-id'), 'tmdb:238');
  assert.match(await firstCard(page).locator('.film-card__title').textContent(), /Der Pate/);
  await search(page, 'dark kni');
  assert.equal(await firstCard(page).getAttribute('data-film-id'), 'tmdb:155');
  await search(page, 'strasse');
  await page.locator('article[data-film-id="tmdb:405"]').waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the grid mounts a page of cards at a time and shows more on request', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate,rent,buy`);
  await firstCard(page).waitFor();
  const total = Number((await page.getByTestId('result-count').textContent()).replace(/\D/g, ''));
  assert.ok(total > 96, `the shipped catalog has more than two pages here (${total})`);
  assert.equal(await cards(page).count(), 48);
  const more = page.getByTestId('show-more');
  assert.equal(await more.textContent(), '48 weitere anzeigen');
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('.film-grid article').length === 96);
  // A new search starts again from one page.
  await search(page, 'the');
  const shown = await cards(page).count();
  assert.ok(shown <= 48, `${shown} cards after a new search`);
  assert.deepEqual(page.problems, []);
  await context.close();
});
