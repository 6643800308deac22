// Journeys: live counts on the filter's options, "not on Netflix", the order of the list,
// the folded filters, and a shared link that restores all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

const resultCount = async (page) => Number((await page.getByTestId('result-count').textContent()).replace(/\D/g, ''));
const optionCount = async (button) => Number((await button.locator('.toggle__count').textContent()).replace(/\D/g, ''));

test('an option’s count is the number of films the list shows after choosing it', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await page.locator('.film-grid article').first().waitFor();

  // A service: its count is the list after pressing it.
  const netflix = page.locator('.toggle--service[data-provider="netflix"]');
  const netflixCount = await optionCount(netflix);
  assert.ok(netflixCount > 0 && netflixCount < (await resultCount(page)));
  await netflix.click();
  await page.waitForURL(/services=netflix/);
  assert.equal(await resultCount(page), netflixCount);

  // A way to watch, counted with Netflix still chosen.
  const rent = page.locator('.toggle--type[data-type="rent"]');
  const rentCount = await optionCount(rent);
  await rent.click();
  await page.waitForURL(/types=flatrate,rent|types=rent,flatrate/);
  assert.equal(await resultCount(page), rentCount);

  // A folded filter: the genres are behind "more filters", with their counts too.
  await page.locator('.filter__more > summary').click();
  const drama = page.locator('[data-facet="genres"] button[data-value="drama"]');
  const dramaCount = await optionCount(drama);
  assert.ok(dramaCount > 0);
  await drama.click();
  await page.waitForURL(/genres=drama/);
  assert.equal(await resultCount(page), dramaCount);
  assert.equal(await drama.getAttribute('aria-pressed'), 'true');
  const genres = await page.locator('.film-grid article .film-card__meta').allTextContents();
  assert.ok(genres.length > 0 && genres.every((meta) => /Drama/.test(meta)), 'every card is a drama');

  // A year range: an empty "to" leaves that end open.
  await page.locator('#filter-years-from').fill('2000');
  await page.locator('#filter-years-from').press('Tab');
  await page.waitForURL(/years=2000/);
  const years = await page.locator('.film-grid article .film-card__meta').evaluateAll((els) => els.map((e) => Number(e.textContent.slice(0, 4))));
  assert.ok(years.length > 0 && years.every((y) => y >= 2000), `every film is from 2000 or later: ${years}`);
  assert.equal(await page.locator('#filter-years-to').inputValue(), '');
  await page.goBack();
  await page.waitForURL((url) => !/years=/.test(url.search));
  assert.equal(await page.locator('#filter-years-from').inputValue(), '');

  // And back undoes one step at a time.
  await page.goBack();
  await page.waitForURL((url) => !/genres=/.test(url.search));
  assert.equal(await resultCount(page), rentCount);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('"not on Netflix" hides what Netflix offers, and survives a reload', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/?region=DE&types=flatrate&q=heat`);
  const heat = page.locator('article[data-film-id="tmdb:949"]');
  await heat.waitFor();

  const exclude = page.getByRole('button', { name: 'Ohne Netflix' });
  assert.equal(await exclude.getAttribute('aria-pressed'), 'false');
  await exclude.click();
  await page.waitForURL(/exclude=netflix/);
  await heat.waitFor({ state: 'detached' });
  assert.equal(await exclude.getAttribute('aria-pressed'), 'true');
  // Every film left can be watched somewhere else than Netflix.
  const providers = await page.locator('.film-grid a.offer-badge').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.provider))]);
  assert.ok(!providers.includes('netflix'));

  await page.reload();
  await page.getByTestId('result-count').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Ohne Netflix' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await heat.count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the order of the list, and a shared link restores the whole view', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  const shared = '/?region=DE&services=netflix,disney-plus&types=flatrate,rent&genres=drama&sort=title';
  await page.goto(`${app.url}${shared}`);
  await page.locator('.film-grid article').first().waitFor();

  // Every control shows what the link says.
  assert.equal(await page.locator('#filter-region').inputValue(), 'DE');
  for (const id of ['netflix', 'disney-plus']) {
    assert.equal(await page.locator(`.toggle--service[data-provider="${id}"]`).getAttribute('aria-pressed'), 'true');
  }
  assert.equal(await page.locator('.toggle--type[data-type="rent"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.filter__more').getAttribute('open'), '', 'the folded filters open when one is set');
  assert.equal(await page.locator('[data-facet="genres"] button[data-value="drama"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#sort-select').inputValue(), 'title');

  // Title A–Z in German collation: "Ä" sorts with "A", not after "Z".
  const titles = await page.locator('.film-grid article .film-card__title').allTextContents();
  const collated = [...titles].sort(new Intl.Collator('de').compare);
  assert.deepEqual(titles, collated);

  // Another order is one choice away, and a history entry.
  await page.locator('#sort-select').selectOption('rating');
  await page.waitForURL(/sort=rating/);
  const ratings = await page.locator('.film-grid article .film-card__rating dd').allTextContents();
  const values = ratings.map((r) => Number(r.match(/(\d+),(\d)/).slice(1).join('.')));
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  await page.goBack();
  await page.waitForURL(/sort=title/);
  assert.equal(await page.locator('#sort-select').inputValue(), 'title');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a pressed option keeps the keyboard focus, so the next Tab goes on from it', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await page.locator('.film-grid article').first().waitFor();
  await page.locator('.filter__more > summary').click();
  const drama = page.locator('[data-facet="genres"] button[data-value="drama"]');
  await drama.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/genres=drama/);
  assert.equal(await drama.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.value), 'drama');
  await page.keyboard.press('Space');
  await page.waitForURL((url) => !/genres=/.test(url.search));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.value), 'drama');
  await context.close();
});

test('my services: saved in this browser, the start of a fresh visit, never over a link', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/`);
  await page.waitForURL(/\?region=DE&types=flatrate$/);
  const mine = page.getByTestId('my-services');
  assert.match(await mine.textContent(), /Meine Dienste: noch keine gemerkt/);

  await page.locator('.toggle--service[data-provider="netflix"]').click();
  await page.locator('.toggle--service[data-provider="disney-plus"]').click();
  await page.waitForURL(/services=disney-plus(,|%2C)netflix/);
  await mine.getByRole('button', { name: 'Auswahl als meine Dienste merken' }).click();
  await mine.getByText('Gemerkt in diesem Browser.').waitFor();
  assert.match(await mine.textContent(), /Meine Dienste: Disney\+, Netflix/);
  assert.equal(await mine.getByRole('button', { name: 'Auswahl als meine Dienste merken' }).isVisible(), false);

  // A fresh visit starts with them; so does a link that chooses no services.
  for (const start of ['/', '/?q=heat']) {
    const visit = await context.newPage();
    await visit.goto(`${app.url}${start}`);
    await visit.waitForURL(/services=disney-plus(,|%2C)netflix/);
    assert.equal(await visit.locator('.toggle--service[data-provider="netflix"]').getAttribute('aria-pressed'), 'true');
    await visit.close();
  }
  // A link that names its view keeps it.
  const link = await context.newPage();
  await link.goto(`${app.url}/?region=DE&types=flatrate`);
  await link.locator('.film-grid article').first().waitFor();
  assert.equal(await link.locator('.toggle--service[data-provider="netflix"]').getAttribute('aria-pressed'), 'false');
  assert.match(link.url(), /\?region=DE&types=flatrate$/);
  // … and offers them in one click.
  await link.getByTestId('my-services').getByRole('button', { name: 'Meine Dienste wählen' }).click();
  await link.waitForURL(/services=disney-plus(,|%2C)netflix/);
  await link.close();

  // Forgotten: a fresh visit shows every service again.
  await mine.getByRole('button', { name: 'Meine Dienste vergessen' }).click();
  await mine.getByText('noch keine gemerkt').waitFor();
  const fresh = await context.newPage();
  await fresh.goto(`${app.url}/`);
  await fresh.waitForURL(/\?region=DE&types=flatrate$/);
  await fresh.close();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('my services from a damaged store keep only real services; a refused save says so', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/?region=DE`);
  await page.evaluate(() => localStorage.setItem('flimmer.my-services', '<script>alert(1)</script>,,netflix,%zz,javascript:x'));
  await page.goto(`${app.url}/`);
  await page.waitForURL(/\?region=DE&services=netflix&types=flatrate$/);
  assert.match(await page.getByTestId('my-services').textContent(), /Meine Dienste: Netflix/);
  assert.deepEqual(page.problems, []);
  await context.close();

  // A browser that refuses to store (full, or blocked by the reader's settings).
  const refused = await openPage(app.browser, { locale: 'de-DE' });
  await refused.context.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await refused.page.goto(`${app.url}/?region=DE&types=flatrate`);
  await refused.page.locator('.toggle--service[data-provider="netflix"]').click();
  await refused.page.waitForURL(/services=netflix/);
  const box = refused.page.getByTestId('my-services');
  await box.getByRole('button', { name: 'Auswahl als meine Dienste merken' }).click();
  await box.getByText(/Dieser Browser erlaubt gerade kein Speichern/).waitFor();
  assert.equal(await refused.page.locator('.toggle--service[data-provider="netflix"]').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(refused.page.problems, []);
  await refused.context.close();
});
