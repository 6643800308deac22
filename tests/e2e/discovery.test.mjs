// Journeys: live counts on the filter's options, "not on Netflix", the order of the list,
// the folded filters, and a shared link that restores all of it.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, start, test } from './browser.mjs';

const resultCount = async (page) => Number((await page.$('[data-testid="result-count"]').text()).replace(/\D/g, ''));
const optionCount = async (button) => Number((await button.$('.toggle__count').text()).replace(/\D/g, ''));

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine); });
  after(async () => { await app?.stop(); });

  test('an option’s count is the number of films the list shows after choosing it', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await page.$('.film-grid article').first().waitFor();

    // A service: its count is the list after pressing it.
    const netflix = page.$('.toggle--service[data-provider="netflix"]');
    const netflixCount = await optionCount(netflix);
    assert.ok(netflixCount > 0 && netflixCount < (await resultCount(page)));
    await netflix.click();
    await page.waitForURL(/services=netflix/);
    assert.equal(await resultCount(page), netflixCount);

    // A way to watch, counted with Netflix still chosen.
    const rent = page.$('.toggle--type[data-type="rent"]');
    const rentCount = await optionCount(rent);
    await rent.click();
    await page.waitForURL(/types=flatrate,rent|types=rent,flatrate/);
    assert.equal(await resultCount(page), rentCount);

    // A folded filter: the genres are behind "more filters", with their counts too.
    await page.$('.filter__more > summary').click();
    const drama = page.$('[data-facet="genres"] button[data-value="drama"]');
    const dramaCount = await optionCount(drama);
    assert.ok(dramaCount > 0);
    await drama.click();
    await page.waitForURL(/genres=drama/);
    assert.equal(await resultCount(page), dramaCount);
    assert.equal(await drama.attr('aria-pressed'), 'true');
    const genres = await page.$('.film-grid article .film-card__meta').allTexts();
    assert.ok(genres.length > 0 && genres.every((meta) => /Drama/.test(meta)), 'every card is a drama');

    // A year range: an empty "to" leaves that end open.
    await page.$('#filter-years-from').fill('2000');
    await page.keys('Tab');
    await page.waitForURL(/years=2000/);
    const years = await page.$('.film-grid article .film-card__meta').evalAll((els) => els.map((e) => Number(e.textContent.slice(0, 4))));
    assert.ok(years.length > 0 && years.every((y) => y >= 2000), `every film is from 2000 or later: ${years}`);
    assert.equal(await page.$('#filter-years-to').value(), '');
    await page.back();
    await page.waitForURL((url) => !/years=/.test(url.search));
    assert.equal(await page.$('#filter-years-from').value(), '');

    // And back undoes one step at a time.
    await page.back();
    await page.waitForURL((url) => !/genres=/.test(url.search));
    assert.equal(await resultCount(page), rentCount);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('"not on Netflix" hides what Netflix offers, and survives a reload', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/?region=DE&types=flatrate&q=heat`);
    const heat = page.$('article[data-film-id="tmdb:949"]');
    await heat.waitFor();

    const exclude = page.$('button', { name: 'Ohne Netflix' });
    assert.equal(await exclude.attr('aria-pressed'), 'false');
    await exclude.click();
    await page.waitForURL(/exclude=netflix/);
    await heat.waitFor({ state: 'detached' });
    assert.equal(await exclude.attr('aria-pressed'), 'true');
    // Every film left can be watched somewhere else than Netflix.
    const providers = await page.$('.film-grid a.offer-badge').evalAll((els) => [...new Set(els.map((e) => e.dataset.provider))]);
    assert.ok(!providers.includes('netflix'));

    await page.reload();
    await page.$('[data-testid="result-count"]').waitFor();
    assert.equal(await page.$('button', { name: 'Ohne Netflix' }).attr('aria-pressed'), 'true');
    assert.equal(await heat.count(), 0);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  // After Back the select must show the URL's order in every engine: once a reader has
  // chosen an option, changing the options' `selected` attribute no longer moves the
  // selection (Firefox follows that rule), so sort_select.rs sets the value property.
  test('the order of the list, and a shared link restores the whole view', async () => {
    const page = await app.open({ locale: 'de-DE' });
    const shared = '/?region=DE&services=netflix,disney-plus&types=flatrate,rent&genres=drama&sort=title';
    await page.goto(`${app.url}${shared}`);
    await page.$('.film-grid article').first().waitFor();

    // Every control shows what the link says.
    assert.equal(await page.$('#filter-region').value(), 'DE');
    for (const id of ['netflix', 'disney-plus']) {
      assert.equal(await page.$(`.toggle--service[data-provider="${id}"]`).attr('aria-pressed'), 'true');
    }
    assert.equal(await page.$('.toggle--type[data-type="rent"]').attr('aria-pressed'), 'true');
    assert.equal(await page.$('.filter__more').attr('open'), '', 'the folded filters open when one is set');
    assert.equal(await page.$('[data-facet="genres"] button[data-value="drama"]').attr('aria-pressed'), 'true');
    assert.equal(await page.$('#sort-select').value(), 'title');

    // Title A–Z in German collation: "Ä" sorts with "A", not after "Z".
    const titles = await page.$('.film-grid article .film-card__title').allTexts();
    const collated = [...titles].sort(new Intl.Collator('de').compare);
    assert.deepEqual(titles, collated);

    // Another order is one choice away, and a history entry.
    await page.$('#sort-select').select('rating');
    await page.waitForURL(/sort=rating/);
    const ratings = await page.$('.film-grid article .film-card__rating dd').allTexts();
    const values = ratings.map((r) => Number(r.match(/(\d+),(\d)/).slice(1).join('.')));
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
    await page.back();
    await page.waitForURL(/sort=title/);
    assert.equal(await page.$('#sort-select').value(), 'title');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a pressed option keeps the keyboard focus, so the next Tab goes on from it', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await page.$('.film-grid article').first().waitFor();
    await page.$('.filter__more > summary').click();
    const drama = page.$('[data-facet="genres"] button[data-value="drama"]');
    await drama.focus();
    await page.keys('Enter');
    await page.waitForURL(/genres=drama/);
    assert.equal(await drama.attr('aria-pressed'), 'true');
    assert.equal(await page.eval(() => document.activeElement?.dataset.value), 'drama');
    await page.keys('Space');
    await page.waitForURL((url) => !/genres=/.test(url.search));
    // Un-pressing the last folded filter must not fold "Weitere Filter" away under the focus.
    await new Promise((ok) => setTimeout(ok, 300));
    assert.equal(await page.eval(() => document.activeElement?.dataset.value), 'drama');
    assert.equal(await page.$('.filter__more').prop('open'), true);
    await page.close();
  });

  test('my services: saved in this browser, the start of a fresh visit, never over a link', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\?region=DE&types=flatrate$/);
    const mine = page.$('[data-testid="my-services"]');
    assert.match(await mine.text(), /Meine Dienste: noch keine gemerkt/);

    await page.$('.toggle--service[data-provider="netflix"]').click();
    await page.$('.toggle--service[data-provider="disney-plus"]').click();
    await page.waitForURL(/services=disney-plus(,|%2C)netflix/);
    await mine.$('button', { name: 'Auswahl als meine Dienste merken' }).click();
    await page.byText('Gemerkt in diesem Browser.').waitFor();
    assert.match(await mine.text(), /Meine Dienste: Disney\+, Netflix/);
    assert.equal(await mine.$('button', { name: 'Auswahl als meine Dienste merken' }).isVisible(), false);

    // Another tab of the same browser (a window of this session shares its storage).
    const main = await page.window();
    const inNewTab = async (visit) => {
      await page.switchTo(await page.newWindow());
      await visit();
      await page.closeWindow();
      await page.switchTo(main);
    };
    // A fresh visit starts with them; so does a link that chooses no services.
    for (const start of ['/', '/?q=heat']) {
      await inNewTab(async () => {
        await page.goto(`${app.url}${start}`);
        await page.waitForURL(/services=disney-plus(,|%2C)netflix/);
        assert.equal(await page.$('.toggle--service[data-provider="netflix"]').attr('aria-pressed'), 'true');
      });
    }
    // A link that names its view keeps it.
    await inNewTab(async () => {
      await page.goto(`${app.url}/?region=DE&types=flatrate`);
      await page.$('.film-grid article').first().waitFor();
      assert.equal(await page.$('.toggle--service[data-provider="netflix"]').attr('aria-pressed'), 'false');
      assert.match(await page.url(), /\?region=DE&types=flatrate$/);
      // … and offers them in one click.
      await page.$('[data-testid="my-services"]').$('button', { name: 'Meine Dienste wählen' }).click();
      await page.waitForURL(/services=disney-plus(,|%2C)netflix/);
    });

    // Forgotten: a fresh visit shows every service again.
    await mine.$('button', { name: 'Meine Dienste vergessen' }).click();
    await mine.$('*', { text: 'noch keine gemerkt' }).waitFor();
    await inNewTab(async () => {
      await page.goto(`${app.url}/`);
      await page.waitForURL(/\?region=DE&types=flatrate$/);
    });
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('my services from a damaged store keep only real services; a refused save says so', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/?region=DE`);
    await page.eval(() => localStorage.setItem('flimmer.my-services', '<script>alert(1)</script>,,netflix,%zz,javascript:x'));
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\?region=DE&services=netflix&types=flatrate$/);
    assert.match(await page.$('[data-testid="my-services"]').text(), /Meine Dienste: Netflix/);
    assert.deepEqual(await page.problems(), []);
    await page.close();

    // A browser that refuses to store (full, or blocked by the reader's settings): the test
    // server puts this before the app's scripts in every page it serves meanwhile.
    app.server.inject = `Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };`;
    try {
      const refused = await app.open({ locale: 'de-DE' });
      await refused.goto(`${app.url}/?region=DE&types=flatrate`);
      await refused.$('.toggle--service[data-provider="netflix"]').click();
      await refused.waitForURL(/services=netflix/);
      const box = refused.$('[data-testid="my-services"]');
      await box.$('button', { name: 'Auswahl als meine Dienste merken' }).click();
      await box.$('*', { text: /Dieser Browser erlaubt gerade kein Speichern/ }).waitFor();
      assert.equal(await refused.$('.toggle--service[data-provider="netflix"]').attr('aria-pressed'), 'true');
      assert.deepEqual(await refused.problems(), []);
      await refused.close();
    } finally {
      app.server.inject = null;
    }
  });
});
