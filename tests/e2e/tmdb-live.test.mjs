// TMDB live: a reader saves their own TMDB token on the settings page (/settings.html) and
// the app shows the region's titles live from TMDB (`source=tmdb`). TMDB is the fake of
// tmdb.mjs (https://api.tmdb.example/3 and https://image.tmdb.example/t/p, through its
// proxy), so every engine meets the same answers and the same faults; each journey types
// those bases into the settings' advanced fields, as a reader with a mirror would.
// The token must go to TMDB only, and only in the Authorization header: never into a URL,
// to our own server, or into localStorage or cookies.
import { describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { engines, start, test as nodeTest } from './browser.mjs';
import { API_HOST, FAULTS, IMAGE_HOST, TMDB_TOKEN, fakeTmdb, faultOn } from './tmdb.mjs';

// What the fake lists in DE (tests/fixtures/tmdb/): every one has a flatrate offer there.
const DE_TITLES = ['tmdb:104', 'tmdb:238', 'tmdb:582', 'tmdb:949', 'tmdbtv:70523'];
const WRONG_TOKEN = 'wrong-token-9c1e';
// A journey that fails leaves a screenshot of its page here (named in the error).
const ARTIFACTS = new URL('./artifacts/', import.meta.url);

for (const engine of engines()) describe(engine, () => {
  let app;
  let tmdb;
  before(async () => {
    app = await start(engine);
    tmdb = await fakeTmdb();
  });
  after(async () => {
    await app?.stop();
    await tmdb?.close();
  });
  beforeEach(() => {
    tmdb.reset();
    app.server.requests.length = 0;
  });

  // The session of the running journey, for the screenshot when it fails.
  let current = null;
  const test = (name, fn) => nodeTest(name, async () => {
    current = null;
    try {
      await fn();
    } catch (err) {
      if (current) {
        mkdirSync(ARTIFACTS, { recursive: true });
        const file = new URL(`tmdb-live-${engine}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`, ARTIFACTS).pathname;
        await current.screenshot(file).then(() => { err.message += `\nscreenshot: ${file}`; }, () => {});
      }
      throw err;
    }
  });

  // A fresh profile (empty storage) that reaches the fake TMDB.
  const open = async (options = {}) => {
    current = await app.open({ proxy: tmdb.proxy, insecureCerts: true, ...options });
    return current;
  };
  const byId = (page, id) => page.$(`[data-testid="${id}"]`);
  const card = (page, id) => page.$(`article[data-film-id="${id}"]`);
  const gridIds = (page) => page.$('.film-grid article[data-film-id]').evalAll((els) => els.map((e) => e.dataset.filmId).sort());
  // Retry in the failure's `note` with TMDB answering again: the note goes (`what` names
  // what comes instead), and TMDB was asked for its discover list again in `lang`.
  async function retried(page, note, button, lang, what) {
    tmdb.fault = () => null;
    const asked = tmdb.requests.length;
    await note.$('button', { name: button }).click();
    await page.waitFor(async () => (await note.count()) === 0, { timeout: 30_000, message: what });
    assert.ok(tmdb.requests.slice(asked).some((r) => r.path === '/3/discover/movie' && r.query.get('language')?.startsWith(lang) && r.status === 200),
      `TMDB asked again, in ${lang}`);
  }
  const apiGets = (path) => tmdb.requests.filter((r) => r.method === 'GET' && r.host === API_HOST && (path instanceof RegExp ? path.test(r.path) : r.path === path));

  // Replaces a field's text by typing it (focus, select all, then the keys in one go), as a reader does.
  async function setText(page, field, text) {
    await field.eval((e) => { e.focus(); e.select(); });
    await page.keys(...text);
    await page.waitFor(async () => (await field.value()) === text, { timeout: 5_000, message: `${field} to hold "${text}"` });
  }

  // The remove button: shown (waiting for it: the settings read the store after loading)
  // or not shown (after the page had a moment to read the store).
  async function removeShown(page, shown) {
    if (shown) {
      await page.waitFor(() => byId(page, 'tmdb-remove').isVisible(), { message: 'the remove button to show' });
    } else {
      await byId(page, 'tmdb-token').waitFor();
      await sleep(1_000);
      assert.equal(await byId(page, 'tmdb-remove').isVisible(), false, 'the remove button shows');
    }
  }

  // The settings status, once it matches `re` (the check with TMDB takes a moment).
  async function statusMatching(page, re, timeout = 15_000) {
    const status = byId(page, 'tmdb-status');
    try {
      await page.waitFor(async () => re.test((await status.text()).trim()), { timeout, message: `the settings status to match ${re}` });
    } catch (err) {
      throw new Error(`${err.message}\nthe status says: ${JSON.stringify(await status.text().catch(() => null))}`);
    }
    return (await status.text()).trim();
  }

  // Opens the settings, points them at the fake (the advanced fields) and saves `token`.
  async function saveToken(page, token, { lang = 'de', base = app.url } = {}) {
    await page.goto(`${base}/settings.html?lang=${lang}`);
    await byId(page, 'tmdb-token').waitFor();
    // The API and image bases are folded away under "advanced".
    if (!(await byId(page, 'tmdb-advanced').prop('open'))) await page.$('[data-testid="tmdb-advanced"] summary').click();
    await page.waitFor(() => byId(page, 'tmdb-api').isVisible(), { message: 'the advanced fields to open' });
    await setText(page, byId(page, 'tmdb-api'), tmdb.apiBase);
    await setText(page, byId(page, 'tmdb-images'), tmdb.imageBase);
    await setText(page, byId(page, 'tmdb-token'), token);
    await byId(page, 'tmdb-save').click();
  }

  // A fresh profile with the valid token saved in the settings.
  async function openSaved() {
    const page = await open();
    await saveToken(page, TMDB_TOKEN);
    await statusMatching(page, /^Gespeichert/);
    return page;
  }

  // The app's failure box saying what is wrong with the token (`said`), and the way to the
  // settings it names: the header's "TMDB live".
  async function tokenFailure(page, said) {
    const alert = page.$('[role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.text(), said);
    assert.match(await alert.text(), /TMDB live/);
    const link = page.$('header a', { name: 'TMDB live' });
    assert.equal(new URL(await link.prop('href')).pathname, '/settings.html');
    return link;
  }

  test('a valid token is saved, the app shows TMDB\'s titles with their offers, and the token goes only into the Authorization header', async () => {
    const page = await openSaved();

    // Checked with TMDB before it was kept.
    const checks = apiGets('/3/authentication');
    assert.ok(checks.length >= 1, 'the token was checked with GET /authentication');
    assert.equal(checks[0].headers.authorization, `Bearer ${TMDB_TOKEN}`);
    assert.equal(checks[0].status, 200);

    // Kept in IndexedDB: not in localStorage, sessionStorage, a cookie or the URL.
    const kept = await page.evalAsync(async (token) => {
      const values = (s) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i))}`);
      return {
        localStorage: values(localStorage).some((v) => v.includes(token)),
        sessionStorage: values(sessionStorage).some((v) => v.includes(token)),
        cookie: document.cookie.includes(token),
        url: location.href.includes(token),
        indexedDb: indexedDB.databases ? (await indexedDB.databases()).length > 0 : 'unknown',
      };
    }, TMDB_TOKEN);
    assert.deepEqual(kept, { localStorage: false, sessionStorage: false, cookie: false, url: false, indexedDb: kept.indexedDb });
    assert.notEqual(kept.indexedDb, false, 'no IndexedDB database after saving');

    // It stays: a reload of the settings offers to remove it.
    await page.reload();
    await removeShown(page, true);

    // The settings' link opens the live catalog.
    assert.match(await byId(page, 'tmdb-open').attr('href'), /source=tmdb/);
    await byId(page, 'tmdb-open').click();
    await page.waitForURL(/source=tmdb/);
    for (const id of DE_TITLES) await card(page, id).waitFor({ timeout: 30_000 });
    assert.deepEqual(await gridIds(page), DE_TITLES);

    // TMDB's titles in the page language (German titles of an English and a German film),
    // with TMDB's offers of the region: Heat on Netflix, flatrate.
    assert.match(await card(page, 'tmdb:238').$('h3').text(), /Der Pate/);
    assert.match(await card(page, 'tmdb:582').$('h3').text(), /Das Leben der Anderen/);
    const netflix = card(page, 'tmdb:949').$('a.offer-badge[data-provider="netflix"][data-type="flatrate"]');
    await netflix.waitFor();
    assert.match(await netflix.text(), /Netflix/);
    await card(page, 'tmdbtv:70523').$('a.offer-badge[data-provider="netflix"]').waitFor();

    // Posters from the configured image base; a title without one gets the drawn placeholder.
    assert.match(await card(page, 'tmdb:949').$('img').attr('src'), /^https:\/\/image\.tmdb\.example\/t\/p\/w(185|342)\/heatPosterFake\.jpg$/);
    assert.equal(await card(page, 'tmdb:104').$('img').count(), 0);
    await page.waitFor(() => tmdb.requests.some((r) => r.host === IMAGE_HOST && /^\/t\/p\/w\d+\/heatPosterFake\.jpg$/.test(r.path)),
      { message: 'the poster requested from the image host' });

    // Whose data it is.
    const attribution = byId(page, 'attribution');
    assert.match(await attribution.text(), /Daten von TMDB/);
    assert.ok(await attribution.$('a[href^="https://www.themoviedb.org"]').count() >= 1, 'the attribution links to TMDB');

    // What was asked of TMDB: both kinds, pages 1 and 2, in DE, on our services (Netflix
    // among them), every way to watch, most popular first, in German; then every title's details.
    for (const kind of ['movie', 'tv']) {
      const lists = apiGets(`/3/discover/${kind}`);
      assert.ok(lists.length >= 1, `discover/${kind} was asked`);
      for (const r of lists) {
        assert.equal(r.query.get('watch_region'), 'DE');
        assert.equal(r.query.get('language'), 'de-DE');
        assert.equal(r.query.get('sort_by'), 'popularity.desc');
        assert.ok((r.query.get('with_watch_providers') ?? '').split('|').includes('8'), `with_watch_providers ${r.query.get('with_watch_providers')}`);
        assert.deepEqual((r.query.get('with_watch_monetization_types') ?? '').split('|').sort(), ['ads', 'buy', 'flatrate', 'free', 'rent']);
      }
      const pages = lists.map((r) => r.query.get('page'));
      assert.ok(pages.includes('1'), `discover/${kind} pages ${pages}`);
      if (kind === 'movie') assert.ok(pages.includes('2'), `discover/movie pages ${pages} (Lola rennt is on page 2)`);
    }
    for (const id of DE_TITLES) {
      const [kind, n] = id.startsWith('tmdbtv:') ? ['tv', id.slice(7)] : ['movie', id.slice(5)];
      const asked = apiGets(`/3/${kind}/${n}`);
      assert.ok(asked.length >= 1, `the details of ${kind} ${n} were asked`);
      assert.equal(asked[0].query.get('language'), 'de-DE');
      const appended = (asked[0].query.get('append_to_response') ?? '').split(',');
      for (const part of ['credits', 'watch/providers', kind === 'movie' ? 'release_dates' : 'content_ratings']) {
        assert.ok(appended.includes(part), `${kind}/${n} appends ${part}: ${appended}`);
      }
    }

    // The region filter still works: in the US, Heat is on Hulu, not Netflix; the films
    // with no flatrate offer there go.
    await page.$('#filter-region').select('US');
    await page.waitForURL(/region=US/);
    assert.match(await page.url(), /source=tmdb/);
    await card(page, 'tmdb:949').$('a.offer-badge[data-provider="hulu"]').waitFor({ timeout: 30_000 });
    await card(page, 'tmdb:582').waitFor({ state: 'detached' });
    await card(page, 'tmdb:104').waitFor({ state: 'detached' });
    assert.equal(await card(page, 'tmdb:949').$('a.offer-badge[data-provider="netflix"]').count(), 0);
    assert.deepEqual(await gridIds(page), ['tmdb:238', 'tmdb:949', 'tmdbtv:70523']);
    // Meanwhile the US catalog is gathered anew (the DE one, with its US offers, stays on
    // screen until it is in): the US lists, then the details of the titles offered there.
    await page.waitFor(async () => apiGets(/^\/3\/discover\//).filter((r) => r.query.get('watch_region') === 'US' && r.status === 200).length === 4,
      { timeout: 30_000, message: 'the US lists to be asked' });
    await page.waitFor(async () => ['movie/238', 'movie/949', 'movie/582', 'tv/70523'].every((t) => apiGets(`/3/${t}`).filter((r) => r.status === 200).length === 2),
      { timeout: 30_000, message: 'the details of the US titles to be asked' });
    assert.equal(apiGets('/3/movie/104').length, 1, 'Lola rennt, offered nowhere in the US, is asked for DE only');

    // The token: to TMDB's API only, in `Authorization: Bearer` only.
    const inUrl = (url) => url.includes(TMDB_TOKEN) || decodeURIComponent(url).includes(TMDB_TOKEN);
    for (const r of apiGets(/^\/3\//)) assert.equal(r.headers.authorization, `Bearer ${TMDB_TOKEN}`, `${r.method} ${r.url}`);
    for (const r of tmdb.requests) {
      assert.ok(!inUrl(r.url), `the token in the URL ${r.url}`);
      for (const [name, value] of Object.entries(r.headers)) {
        if (name !== 'authorization') assert.ok(!String(value).includes(TMDB_TOKEN), `the token in the header ${name} of ${r.url}`);
      }
      if (r.host === IMAGE_HOST) assert.equal(r.headers.authorization, undefined, `the token sent with the image ${r.url}`);
    }
    assert.ok(app.server.requests.length > 0);
    for (const r of app.server.requests) {
      assert.ok(!inUrl(r.url), `the token in a request to our server: ${r.url}`);
      assert.ok(!JSON.stringify(r.headers).includes(TMDB_TOKEN), `the token in the headers of a request to our server: ${r.url}`);
    }
    assert.ok(!(await page.url()).includes(TMDB_TOKEN));
    const fetched = await page.eval(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.deepEqual(fetched.filter(inUrl), []);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a token TMDB does not accept is not stored (in English)', async () => {
    const page = await open({ locale: 'en-US' });
    await saveToken(page, WRONG_TOKEN, { lang: 'en' });
    await statusMatching(page, /did not accept/);
    const checks = apiGets('/3/authentication');
    assert.ok(checks.some((r) => r.headers.authorization === `Bearer ${WRONG_TOKEN}` && r.status === 401));
    assert.equal(await byId(page, 'tmdb-remove').isVisible(), false);

    // Nothing was kept: a reload shows an empty field and nothing to remove,
    await page.reload();
    await removeShown(page, false);
    assert.equal(await byId(page, 'tmdb-token').value(), '');
    // and the app has no token to ask TMDB with.
    await page.goto(`${app.url}/?source=tmdb&region=DE&lang=en`);
    await tokenFailure(page, /No TMDB token is saved/);
    assert.deepEqual(apiGets(/^\/3\/(discover|movie|tv)\//), []);
    await page.close();
  });

  test('with no token stored, the live catalog says so, and the header link leads to the settings', async () => {
    const page = await open();
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    const link = await tokenFailure(page, /kein TMDB-Zugangsschlüssel gespeichert/);
    assert.equal(await page.$('.film-grid article').count(), 0);
    await link.click();
    await page.waitForURL((u) => u.pathname === '/settings.html');
    await byId(page, 'tmdb-token').waitFor();
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a token TMDB no longer accepts (401) leads to the settings', async () => {
    const page = await openSaved();
    tmdb.tokens.clear(); // revoked at TMDB
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    await tokenFailure(page, /nicht angenommen \(401\)/);
    assert.ok(apiGets(/^\/3\/discover\//).some((r) => r.status === 401), 'a list request was refused with 401');
    assert.equal(await page.$('.film-grid article').count(), 0);
    await page.close();
  });

  test('TMDB failing (500) is named, and Retry loads the titles once it answers again', async () => {
    const page = await openSaved();
    tmdb.fault = faultOn(/^\/3\/discover\//, FAULTS.serverError);
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    const alert = page.$('[role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.text(), /500/);
    tmdb.fault = () => null;
    const before = tmdb.requests.length;
    await alert.$('button', { name: 'Erneut versuchen' }).click();
    await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
    assert.ok(tmdb.requests.slice(before).some((r) => r.path === '/3/discover/movie' && r.status === 200));
    assert.equal(await page.$('[role="alert"]').count(), 0);
    // Failing for another country, the titles already loaded stay, under the reason.
    const german = await gridIds(page);
    tmdb.fault = faultOn(/^\/3\/discover\//, FAULTS.serverError);
    await page.$('#filter-region').select('US');
    const note = byId(page, 'load-failed-note');
    await page.waitFor(async () => /500/.test(await note.text().catch(() => '')), { timeout: 20_000, message: 'the reason above the titles' });
    // (Those with an offer in the US: a live catalog keeps the offers of five countries.)
    const kept = await gridIds(page);
    assert.ok(kept.length > 0 && kept.every((id) => german.includes(id)), `the German catalog's titles stay: ${kept}`);
    assert.equal(await page.$('[role="alert"]').count(), 1, 'the reason is the one alert');
    assert.equal(await page.$('[role="alert"]').attr('data-testid'), 'load-failed-note');
    // Retry asks TMDB again for the country the URL names.
    tmdb.fault = () => null;
    await note.$('button', { name: 'Erneut versuchen' }).click();
    await page.waitFor(async () => (await page.$('#filter-region').value().catch(() => '')) === 'US' && (await note.count()) === 0,
      { timeout: 30_000, message: 'the American titles' });
    await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
    assert.match(await card(page, 'tmdb:949').text(), /Hulu/, 'Heat streams on Hulu in the US');
    // The same in another language: the page is drawn anew in English, from the titles it had.
    const american = await gridIds(page);
    tmdb.fault = faultOn(/^\/3\/discover\//, FAULTS.serverError);
    await page.$('.site-header__lang').click();
    await page.waitFor(async () => /The server answered with status 500/.test(await note.text().catch(() => '')),
      { timeout: 20_000, message: 'the reason, in English, above the titles' });
    assert.deepEqual(await gridIds(page), american);
    await retried(page, note, 'Try again', 'en', 'the English titles');
    assert.equal(await page.$('#results-heading').text(), 'Films');
    // On a film's page too: the film stays, under the reason, and Retry brings it in German.
    await card(page, 'tmdb:949').$('a').click();
    const title = page.$('.film-page h1');
    await page.waitFor(async () => /Heat/.test(await title.text().catch(() => '')), { timeout: 20_000, message: 'Heat\'s page' });
    tmdb.fault = faultOn(/^\/3\//, FAULTS.serverError);
    await page.$('.site-header__lang').click();
    await page.waitFor(async () => /Status 500/.test(await note.text().catch(() => '')), { timeout: 20_000, message: 'the reason, in German, above the film' });
    assert.match(await title.text(), /Heat/);
    await retried(page, note, 'Erneut versuchen', 'de', 'the film in German');
    assert.match(await title.text(), /Heat/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a title not among the popular ones is found by TMDB\'s search, asked from the empty state', async () => {
    const page = await openSaved();
    // One title per list page: the popular walk holds The Godfather, Heat and Dark, not Lola rennt.
    tmdb.pageSize = 1;
    try {
      await page.goto(`${app.url}/?source=tmdb&region=DE&q=lola`);
      const find = byId(page, 'find-on-tmdb');
      await page.waitFor(() => find.isVisible(), { timeout: 30_000, message: 'the empty state to offer TMDB\'s search' });
      assert.equal(await card(page, 'tmdb:104').count(), 0);
      assert.equal(apiGets(/^\/3\/search\//).length, 0, 'nothing searched before the reader asks');
      await find.click();
      await card(page, 'tmdb:104').waitFor({ timeout: 30_000 });
      assert.match(await page.url(), /[?&]find=lola(&|$)/);
      for (const kind of ['movie', 'tv']) {
        const searched = apiGets(`/3/search/${kind}`);
        assert.equal(searched.length, 1, `one search for ${kind}`);
        assert.equal(searched[0].query.get('query'), 'lola');
        assert.equal(searched[0].query.get('language'), 'de-DE');
        assert.equal(searched[0].headers.authorization, `Bearer ${TMDB_TOKEN}`);
      }
      assert.equal((await card(page, 'tmdb:104').$('h3').text()).trim(), 'Lola rennt');
      // Back is the popular titles again, searched for "lola": none, and the offer again.
      await page.back();
      await page.waitFor(() => find.isVisible(), { timeout: 30_000, message: 'the popular titles again' });
      assert.equal(await card(page, 'tmdb:104').count(), 0);
      // Words TMDB finds nothing for either: asked once, and then not offered again.
      await setText(page, page.$('input[type="search"]'), 'xyzzy');
      // Leaving the field writes its words at once (not after the typing pause), on this
      // page drawn again for the catalog Back brought as on a new one.
      await page.keys('Tab');
      assert.match(await page.url(), /[?&]q=xyzzy(&|$)/);
      await page.waitFor(() => find.isVisible(), { message: 'the offer to ask TMDB for the new words' });
      await find.click();
      await page.waitForURL(/[?&]find=xyzzy(&|$)/);
      await page.waitFor(async () => apiGets('/3/search/tv').some((r) => r.query.get('query') === 'xyzzy'), { timeout: 30_000, message: 'TMDB asked for xyzzy' });
      await page.waitFor(async () => !(await find.isVisible()) && (await byId(page, 'empty-state').count()) === 1,
        { timeout: 30_000, message: 'nothing found, and no offer to ask TMDB again for the same words' });
    } finally {
      tmdb.pageSize = 3;
    }
    await page.close();
  });

  test('more from TMDB: the grid\'s end asks TMDB\'s discover for the filter on screen, step by step, until TMDB has no more', async () => {
    const page = await openSaved();
    // One title per list page: the popular walk holds The Godfather and Heat of the four
    // films the fake offers in DE (and Dark).
    tmdb.pageSize = 1;
    try {
      // The kept answers are in a cache of the half hour (src/sources/recent.rs): a step
      // in the next half hour asks anew, as it should.
      const halfHour = () => Math.floor(Date.now() / 1_800_000);
      const began = halfHour();
      await page.goto(`${app.url}/?source=tmdb&region=DE&kind=movie`);
      await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
      assert.deepEqual(await gridIds(page), ['tmdb:238', 'tmdb:949']);
      const more = byId(page, 'show-more');
      await page.waitFor(async () => (await more.text()).trim() === 'Mehr von TMDB laden', { message: 'the grid to offer more from TMDB' });
      const asked = tmdb.requests.length;
      await more.click();
      for (const id of ['tmdb:104', 'tmdb:582']) await card(page, id).waitFor({ timeout: 30_000 });
      assert.deepEqual(await gridIds(page), ['tmdb:104', 'tmdb:238', 'tmdb:582', 'tmdb:949']);
      assert.match(await page.url(), /[?&]more=2(&|$)/);
      // The step asked TMDB's discover for this filter: movies only, flatrate (the reader's
      // way to watch), in DE, pages 1 to 4; the popular lists as before.
      const lists = tmdb.requests.slice(asked).filter((r) => r.method === 'GET' && /^\/3\/discover\//.test(r.path));
      const filtered = lists.filter((r) => r.query.get('with_watch_monetization_types') === 'flatrate');
      assert.deepEqual(filtered.map((r) => `${r.path} ${r.query.get('page')}`).sort(),
        ['/3/discover/movie 1', '/3/discover/movie 2', '/3/discover/movie 3', '/3/discover/movie 4']);
      assert.ok(filtered.every((r) => r.query.get('watch_region') === 'DE' && r.headers.authorization === `Bearer ${TMDB_TOKEN}`));
      // What the first step received is not asked again: the popular lists, and the
      // details of the films already shown (src/sources/recent.rs). Not in WebKit (GTK,
      // under WebDriver): what one worker puts in Cache Storage, the next one's match()
      // does not find, though keys() lists the cache; so there every step asks anew.
      if (engine !== 'webkit' && halfHour() === began) {
        assert.deepEqual(lists.filter((r) => r.query.get('with_watch_monetization_types') !== 'flatrate'), [], 'the popular lists asked again');
        for (const path of ['/3/movie/238', '/3/movie/949', '/3/tv/70523']) assert.equal(apiGets(path).length, 1, `${path} asked once`);
      }
      // TMDB listed its last page: no more to ask for. The keyboard goes on from the grid's
      // last card (the button it was on is gone).
      await page.waitFor(async () => !(await more.isVisible()), { message: 'the button to go once TMDB has no more' });
      await page.waitFor(() => page.eval(() => [...document.querySelectorAll('.film-grid .film-card__link')].at(-1) === document.activeElement),
        { message: 'the focus on the grid\'s last card' });
      // A search typed now searches what is there, without asking TMDB again.
      const before = apiGets(/^\/3\//).length;
      await setText(page, page.$('input[type="search"]'), 'lola');
      await page.waitFor(async () => JSON.stringify(await gridIds(page)) === '["tmdb:104"]', { message: 'the search to find Lola rennt' });
      await sleep(500);
      assert.equal(apiGets(/^\/3\//).length, before, `typing asks TMDB nothing: ${apiGets(/^\/3\//).slice(before).map((r) => r.url).join(' ')}`);
    } finally {
      tmdb.pageSize = 3;
    }
    await page.close();
  });

  test('the country\'s services come from TMDB\'s list: one no title shown is on is offered, and more from TMDB finds its titles', async () => {
    const page = await openSaved();
    // One title per list page: the popular walk holds The Godfather and Heat, not Lola
    // rennt, the one film on MUBI.
    tmdb.pageSize = 1;
    try {
      await page.goto(`${app.url}/?source=tmdb&region=DE&kind=movie`);
      await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
      for (const kind of ['movie', 'tv']) {
        const asked = apiGets(`/3/watch/providers/${kind}`);
        assert.ok(asked.some((r) => r.query.get('watch_region') === 'DE' && r.query.get('language') === 'de-DE'
          && r.headers.authorization === `Bearer ${TMDB_TOKEN}`), `TMDB's ${kind} services of DE asked for`);
      }
      // MUBI, on TMDB's list for DE, is offered with no title on it; Hulu (not in DE) is not.
      const mubi = page.$('.toggle--service[data-provider="mubi"]');
      await mubi.waitFor();
      assert.equal((await mubi.$('.toggle__count').text()).trim(), '0');
      assert.equal(await page.$('.toggle--service[data-provider="hulu"]').count(), 0);
      await mubi.click();
      await byId(page, 'empty-state').waitFor();
      const more = byId(page, 'show-more');
      await page.waitFor(async () => (await more.text()).trim() === 'Mehr von TMDB laden', { message: 'the empty state to offer more from TMDB' });
      const asked = tmdb.requests.length;
      await more.click();
      await card(page, 'tmdb:104').waitFor({ timeout: 30_000 });
      assert.deepEqual(await gridIds(page), ['tmdb:104']);
      const onMubi = tmdb.requests.slice(asked).filter((r) => r.path === '/3/discover/movie' && r.query.get('with_watch_providers') === '11');
      assert.ok(onMubi.length > 0, 'TMDB\'s discover asked for MUBI\'s movies');
    } finally {
      tmdb.pageSize = 3;
    }
    await page.close();
  });

  test('a title whose details fail (500, cut JSON) is left out, and the others show', async () => {
    const page = await openSaved();
    // (The preflights pass: a refused one is a CORS failure, which looks like no network.)
    tmdb.fault = (r) => (r.method !== 'GET' ? null : r.path === '/3/movie/582' ? FAULTS.serverError : r.path === '/3/movie/104' ? FAULTS.truncatedJson : null);
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    for (const id of ['tmdb:238', 'tmdb:949', 'tmdbtv:70523']) await card(page, id).waitFor({ timeout: 20_000 });
    assert.deepEqual(await gridIds(page), ['tmdb:238', 'tmdb:949', 'tmdbtv:70523']);
    assert.ok(apiGets('/3/movie/582').some((r) => r.status === 500));
    assert.equal(await page.$('[role="alert"]').count(), 0);
    await page.close();
  });

  test('a cut JSON answer, a stalled one and an HTML page are each named, never a blank page', async () => {
    const page = await openSaved();
    const alert = page.$('[role="alert"]');
    // Half of the JSON of the first list.
    tmdb.fault = faultOn('/3/discover/movie', FAULTS.truncatedJson);
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.text(), /Die Antwort von TMDB auf \/discover\/movie ist nicht lesbar/);
    // A captive portal's page with status 200.
    tmdb.fault = faultOn('/3/discover/tv', FAULTS.htmlPage);
    await page.reload();
    await page.waitFor(async () => /TMDB auf \/discover\/tv ist nicht lesbar/.test(await alert.text().catch(() => '')), { timeout: 20_000, message: 'the HTML page to be named' });
    // No answer at all: given up after 10 s.
    tmdb.fault = faultOn('/3/discover/movie', FAULTS.stall);
    const started = Date.now();
    await page.reload();
    await page.waitFor(async () => /TMDB hat nicht innerhalb von 10 Sekunden geantwortet/.test(await alert.text().catch(() => '')), { timeout: 30_000, message: 'the stall to be named' });
    assert.ok(Date.now() - started >= 9_500, `gave up after ${Date.now() - started} ms`);
    assert.equal(await page.$('.film-grid article').count(), 0);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a rate limit (429, Retry-After: 2) is waited out, and the titles come', async () => {
    const page = await openSaved();
    tmdb.fault = faultOn(/^\/3\/discover\//, FAULTS.rateLimited(2), { times: 1 });
    const started = Date.now();
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    for (const id of DE_TITLES) await card(page, id).waitFor({ timeout: 15_000 });
    const limited = tmdb.requests.find((r) => r.status === 429);
    assert.ok(limited, 'a list request was answered 429');
    const again = tmdb.requests.find((r) => r !== limited && r.method === 'GET' && r.url === limited.url && r.at > limited.at);
    assert.ok(again, `${limited.url} was asked again`);
    assert.ok(again.at - limited.at >= 1_900, `asked again after ${again.at - limited.at} ms, not after the 2 s TMDB asked for`);
    assert.ok(Date.now() - started < 15_000);
    assert.equal(await page.$('[role="alert"]').count(), 0);
    await page.close();
  });

  test('a token is removed in the settings, and the app then has none', async () => {
    const page = await openSaved();
    await page.reload();
    await removeShown(page, true);
    await byId(page, 'tmdb-remove').click();
    await statusMatching(page, /^Entfernt/);
    assert.equal(await byId(page, 'tmdb-remove').isVisible(), false);
    await page.reload();
    await removeShown(page, false);
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    await tokenFailure(page, /kein TMDB-Zugangsschlüssel gespeichert/);
    assert.deepEqual(apiGets(/^\/3\/(discover|movie|tv)\//), []);
    await page.close();
  });

  test('a token that cannot be checked (no answer) is stored anyway, and works once TMDB answers', async () => {
    const page = await open();
    tmdb.fault = faultOn('/3/authentication', FAULTS.offline);
    await saveToken(page, TMDB_TOKEN);
    const said = await statusMatching(page, /nicht (über)?geprüft|could not be checked/i);
    assert.doesNotMatch(said, /nicht angenommen/);
    await page.reload();
    await removeShown(page, true);
    tmdb.fault = () => null;
    await page.goto(`${app.url}/?source=tmdb&region=DE`);
    await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
    await page.close();
  });
  // With the offline app (service worker) on: TMDB's answers are kept, dated, and the live
  // catalog opens from them when TMDB cannot be reached.
  describe('offline', () => {
    let offline;
    before(async () => { offline = await start(engine, { worker: true }); });
    after(async () => { await offline?.stop(); });

    /** A reload as the reader's own (not WebDriver's refresh, a hard reload in Firefox). */
    async function reload(page) {
      await page.eval(() => { window.__beforeReload = true; setTimeout(() => location.reload()); return true; });
      await page.waitFor(() => page.eval(() => !window.__beforeReload).catch(() => false), { message: 'the page reloaded' });
    }

    test('TMDB live opened once opens again with TMDB unreachable, from the answers kept, dated', async () => {
      const page = await offline.open({ proxy: tmdb.proxy, insecureCerts: true });
      current = page;
      await saveToken(page, TMDB_TOKEN, { base: offline.url });
      await statusMatching(page, /^Gespeichert/);
      await page.goto(`${offline.url}/?source=tmdb&region=DE`);
      await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
      await page.waitFor(() => page.eval(() => !!navigator.serviceWorker?.controller),
        { message: 'the service worker controlling the page', timeout: 20_000 });
      // A visit under the worker's control: the catalog worker's requests pass through it.
      await reload(page);
      await card(page, 'tmdb:949').waitFor({ timeout: 30_000 });
      const kept = await page.evalAsync(async () => {
        const cache = await caches.open('flimmer-catalogs');
        const request = (await cache.keys()).find((r) => r.url.includes('/3/discover/movie'));
        return request ? (await cache.match(request)).headers.get('x-flimmer-kept') : null;
      });
      assert.equal(kept, new Date().toISOString().slice(0, 10), 'a kept TMDB answer, dated today');

      // TMDB unreachable: every connection cut.
      tmdb.fault = () => FAULTS.offline;
      const before = tmdb.requests.length;
      await reload(page);
      for (const id of DE_TITLES) await card(page, id).waitFor({ timeout: 30_000 });
      assert.ok(tmdb.requests.slice(before).some((r) => r.status === 'offline'), 'TMDB was asked, and did not answer');
      assert.equal(await page.$('[role="alert"]').count(), 0);
      assert.match(await byId(page, 'attribution').text(), /TMDB/);
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });
  });
});
