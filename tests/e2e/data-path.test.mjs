// Journeys of the data path and the way back from a film: a JSON catalog from another
// site shows how much has arrived while it loads; the film page groups its offers; back,
// the back link and Escape return to the grid at the same place.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { engines, start, test } from './browser.mjs';
import { foreign } from './server.mjs';

// Our own catalog as JSON: 877 KB, in 64 KB parts every 100 ms from the other site.
const CATALOG = readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8');

for (const engine of engines()) describe(engine, () => {
  let app;
  let site;
  before(async () => {
    app = await start(engine);
    site = await foreign('catalog.example', (path) => (path === '/slow.json'
      ? { type: 'application/json', body: CATALOG, trickle: { bytes: 64 * 1024, every: 100 } }
      : null));
  });
  after(async () => {
    await app?.stop();
    await site?.close();
  });

  test('a catalog from a slow site shows how much has arrived, then its films', async () => {
    const page = await app.open({ proxy: site.proxy, insecureCerts: true });
    await page.goto(`${app.url}/?region=DE&source=${site.url}/slow.json`);
    const progress = page.$('[data-testid="load-progress"]');
    // Read every 256 KB by the catalog worker: "0,3 MB empfangen", then "wird gelesen".
    await page.waitFor(async () => /^\d+,\d MB empfangen$/.test(await progress.text().catch(() => '')),
      { message: 'the received megabytes while the catalog arrives' });
    await page.$('.film-grid article').first().waitFor({ timeout: 30_000 });
    assert.match(await page.$('[data-testid="result-count"]').text(), /^\d+ Filme$/);
    assert.equal(await progress.count(), 0, 'the loading message is gone');
    assert.match(await page.$('[data-testid="source-note"]').text(), /catalog\.example/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('the film page groups the offers by way to watch and folds the other countries', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/film/tmdb:949?region=DE`);
    const offers = page.$('[data-testid="film-offers"]');
    await offers.waitFor();
    assert.deepEqual((await offers.$('h3').allTexts()).slice(0, 3), ['Flatrate', 'Leihen', 'Kaufen']);
    const others = page.$('[data-testid="other-countries"]');
    assert.equal(await others.prop('open'), false, 'the other countries start folded');
    await others.$('summary').click();
    assert.equal(await others.prop('open'), true);
    assert.ok((await others.$('h3').allTexts()).includes('Österreich'));
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('back, the back link and Escape return to the grid at the same place', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&types=flatrate,rent,buy`);
    await page.$('[data-testid="show-more"]').click();
    await page.waitFor(async () => (await page.$('.film-grid article').count()) === 96);
    const card = page.$('.film-grid article').nth(70);
    const id = await card.attr('data-film-id');
    await card.eval((e) => e.scrollIntoView({ block: 'center' }));
    const place = await page.eval(() => Math.round(scrollY));
    assert.ok(place > 2000, `scrolled deep into the grid (${place})`);
    const grid = await page.url();

    const cameBack = async (how) => {
      await page.waitForURL((u) => u.href === grid);
      await page.waitFor(async () => Math.abs((await page.eval(() => scrollY)) - place) <= 2,
        { message: `${how}: back at ${place}, not ${await page.eval(() => scrollY)}` });
      assert.equal(await page.$('.film-grid article').count(), 96, `${how}: as many cards as before`);
    };
    for (const how of ['Escape', 'back button', 'back link']) {
      await page.$(`article[data-film-id="${id}"] h3 a`).click();
      await page.waitForURL(/\/film\//);
      if (how === 'Escape') await page.keys('Escape');
      else if (how === 'back button') await page.back();
      else await page.$('a[href]', { name: /Zurück zur Übersicht/ }).click();
      await cameBack(how);
    }
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  // All 42 cards after the first screen in one task were a long task on a slow phone, most
  // of it laying them out (README, "Figures": Lighthouse): they come a screen at a time.
  test('a new list draws its first page a screen of cards at a time, a task each', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    const articles = page.$('.film-grid article');
    await page.waitFor(async () => (await articles.count()) === 48, { message: 'the first list\'s first page' });
    // The cards each batch of changes to the grid adds (a MutationObserver's callback comes
    // after the task that made them, so one batch is at most one task's cards).
    await page.eval(() => {
      window.__added = [];
      new MutationObserver((records) => {
        const cards = records.flatMap((r) => [...r.addedNodes]).filter((n) => n.matches?.('.film-grid__item')).length;
        if (cards) window.__added.push(cards);
      }).observe(document.querySelector('.film-grid'), { childList: true });
    });
    // On screen before the click: a click that scrolls the page first draws the rest at once.
    const rent = page.$('button', { name: 'Leihen' });
    await rent.eval((e) => e.scrollIntoView({ block: 'center' }));
    await sleep(300);
    await rent.click();
    await page.waitForURL(/types=flatrate,rent/);
    await page.waitFor(async () => (await articles.count()) === 48, { message: 'the whole first page' });
    const added = await page.eval(() => window.__added);
    assert.ok(added.length >= 7 && added.every((n) => n <= 6), `cards added per task: ${added}`);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('back from deep in a long list to a short one shows the short one from its start', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    const articles = page.$('.film-grid article');
    await articles.first().waitFor();
    const shortFirst = await articles.first().attr('data-film-id');
    // A long list (every way to watch), seven pages deep: its first page has left the DOM.
    const count = page.$('[data-testid="result-count"]');
    const shortCount = await count.text();
    await page.$('button', { name: 'Leihen' }).click();
    await page.waitForURL(/types=flatrate,rent/);
    await page.waitFor(async () => (await count.text()) !== shortCount, { message: 'the longer list' });
    const longFirst = await articles.first().attr('data-film-id');
    for (let pages = 2; pages <= 7; pages++) {
      const last = await articles.last().attr('data-film-id');
      await page.$('[data-testid="show-more"]').click();
      await page.waitFor(async () => (await articles.last().attr('data-film-id')) !== last, { message: `page ${pages}` });
    }
    // The window lets go of page 1 once page 7 is drawn; WebKit may do so a task later. The
    // reader is at the end of the list: a view near its top would bring page 1 back, as
    // scrolling up does. In WebKit the window was twice found back on pages 1 to 6 with
    // the reader at the very end (two CI-like runs, never reproduced here), where a scroll
    // to the end moves nothing and so tells the grid nothing: the reader scrolls a pixel
    // up and back down, as a reader would, until the grid follows.
    // (While it has not, the wait's last error says where the reader is.)
    await page.waitFor(async () => {
      await page.evalAsync(async () => {
        const frame = () => new Promise((done) => requestAnimationFrame(done));
        window.scrollTo(0, document.documentElement.scrollHeight - innerHeight - 1);
        await frame();
        window.scrollTo(0, document.documentElement.scrollHeight);
        await frame();
      });
      if ((await page.$(`article[data-film-id="${longFirst}"]`).count()) === 0) return true;
      throw new Error(await page.eval(() => `scrollY ${Math.round(scrollY)} of ${document.documentElement.scrollHeight}, ${document.querySelectorAll('.film-grid article').length} cards`));
    }, { message: 'deep enough: page 1 left the DOM' });
    await page.back();
    await page.waitForURL(/types=flatrate$/);
    await page.$(`article[data-film-id="${shortFirst}"]`).waitFor();
    // Its first page, with "show more" for the second: not the long list's seven pages.
    await page.$('[data-testid="show-more"]').waitFor();
    assert.equal(await articles.count(), 48);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
