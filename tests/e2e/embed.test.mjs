// The embed (issue #9): a publisher's article on another origin, with CSS that tries to
// break everything, gets cards from the app's origin (public/embed.js makes the iframes)
// that show the right film, take their content's height, ignore forged messages, and send
// nothing anywhere but to the app.
import { describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, engines, start, test } from './browser.mjs';
import { site } from './server.mjs';

// CSS a careless (or hostile) host page could have: every box reset, every iframe tiny.
const HOSTILE_CSS = '* { all: unset !important; } iframe { width: 10px !important; height: 10px !important; }';

// The host page's own bookkeeping, before the loader: its warnings (the loader's way to
// report bad options), its uncaught errors (the loader must throw none), and the card
// messages it overhears (to know when every card has reported).
const RECORDER = `<script>
  window.warnings = []; window.errors = []; window.heard = [];
  const warn = console.warn;
  console.warn = function () { warnings.push([].join.call(arguments, ' ')); return warn.apply(console, arguments); };
  addEventListener('error', (e) => errors.push(String(e.message)));
  addEventListener('message', (e) => heard.push({ origin: e.origin, source: e.source, data: e.data }));
</script>`;

/**
 * An article that embeds `cards` (HTML) with the loader from `app`, as a publisher writes
 * it. Its icon is inline, so every request to the article's site is the article itself.
 */
const article = (app, cards) => `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Heat im Stream</title><link rel="icon" href="data:,">
<style>${HOSTILE_CSS}</style>${RECORDER}</head>
<body><h1>Wo läuft Heat?</h1><p>Michael Manns Klassiker.</p>${cards}
<script src="${app.url}/embed.js" async></script></body></html>`;

// Three cards: by TMDB id, by title and year, and an unknown film in the publisher's words.
const THREE = `<div id="heat" data-flimmer-film data-tmdb="949" data-region="DE"></div>
<div id="amelie" data-flimmer-film data-title="Die fabelhafte Welt der Amélie" data-year="2001" data-region="DE"></div>
<div id="unknown" data-flimmer-film="tmdb:999999999" data-region="DE" data-text-unknown="Diesen Film kennt Flimmer nicht."></div>`;

// The iframe of the card element with this id (a WebDriver reference): in its shadow root,
// or a plain child where the element can have none.
const frameOf = (page, id) => page.eval((id) => {
  const el = document.getElementById(id);
  return (el.shadowRoot || el).querySelector('iframe');
}, id);

/**
 * Runs `fn()` inside the card's iframe, then returns to the article. The frame is scrolled
 * into view first: it loads lazily.
 */
async function inCard(page, id, fn) {
  const frame = await page.waitFor(() => frameOf(page, id), { message: `the iframe of #${id}` });
  await page.eval((f) => f.scrollIntoView(), frame);
  await page.frame(frame);
  try {
    return await fn();
  } finally {
    await page.parentFrame();
  }
}

/** Waits until the card shows text matching `pattern`; returns its text. */
const cardText = (page, id, pattern) => inCard(page, id, () => page.waitFor(async () => {
  const text = await page.eval(() => document.body?.innerText ?? '');
  return pattern.test(text) && text;
}, { message: `#${id} to show ${pattern}` }));

// The card's height as the article lays it out, and its content's height inside.
async function heights(page, id) {
  const inside = await inCard(page, id, () => page.eval(() => ({
    scroll: document.documentElement.scrollHeight,
    content: document.documentElement.getBoundingClientRect().height,
  })));
  const box = await page.eval((f) => f.getBoundingClientRect().toJSON(), await frameOf(page, id));
  return { ...inside, height: box.height, width: box.width };
}

const fits = ({ scroll, content, height }) => Math.abs(height - scroll) <= 3 && Math.abs(height - content) <= 3;

for (const engine of engines()) describe(engine, () => {
  const servers = [];
  after(async () => { for (const s of servers) await s.close(); });

  // The app on its origin, and a publisher's site on another one.
  async function setup(pages) {
    const app = await start(engine);
    const host = await site();
    servers.push(app.server, host);
    host.pages = pages(app, host);
    return { app, host };
  }

  // Geckodriver and WebKitWebDriver run one session at a time: a journey that failed
  // before closing its page must not fail the next one too.
  let opened;
  async function open(app, host, path = '/article') {
    await opened?.close();
    opened = await app.open();
    await opened.goto(`${host.url}${path}`);
    return opened;
  }

  const noErrors = async (page) => assert.deepEqual(await page.eval(() => window.errors), [], 'the loader threw on the host page');

  test('three cards on a hostile article show their films', async () => {
    // And a fourth in an English part of the article, without a language of its own.
    const english = '<section lang="en-GB"><div id="english" data-flimmer-film="tmdb:949" data-region="GB"></div></section>';
    const { app, host } = await setup((app) => ({ '/article': article(app, THREE + english) }));
    const page = await open(app, host);
    // Heat streams on Netflix in Germany (public/catalog.json).
    const heat = await cardText(page, 'heat', /Heat/);
    assert.match(heat, /1995/);
    assert.match(heat, /Netflix/);
    const amelie = await cardText(page, 'amelie', /Amélie/);
    assert.match(amelie, /2001/);
    assert.match(await cardText(page, 'unknown', /Diesen Film kennt Flimmer nicht\./), /kennt Flimmer nicht/);
    // The frame as the contract has it: our origin, sandboxed, lazy, no referrer, German.
    const frame = await page.eval((f) => ({
      src: f.src, title: f.title, loading: f.getAttribute('loading'), referrer: f.getAttribute('referrerpolicy'),
      sandbox: f.getAttribute('sandbox'), allow: f.getAttribute('allow'), name: f.name,
    }), await frameOf(page, 'heat'));
    assert.equal(frame.src, `${app.url}/embed.html?tmdb=949&region=DE&lang=de`);
    assert.deepEqual({ ...frame, src: undefined }, {
      src: undefined, title: 'Flimmer: wo der Film läuft', loading: 'lazy', referrer: 'no-referrer',
      sandbox: 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox', allow: null, name: '',
    });
    const en = await frameOf(page, 'english');
    assert.equal(await page.eval((f) => f.title, en), 'Flimmer: where to stream');
    await cardText(page, 'english', /Heat/);
    assert.equal(await inCard(page, 'english', () => page.eval(() => document.documentElement.lang)), 'en');
    await noErrors(page);
    await page.close();
  });

  test('each card is as tall as its content and as wide as the article, whatever its CSS', async () => {
    // A <figure> cannot have a shadow root: its frame is a plain child, in reach of the
    // article's `iframe { width: 10px !important }`, which the loader's inline styles beat.
    const cards = `${THREE}<figure id="figure" data-flimmer-film="tmdb:949" data-region="DE"></figure>`;
    const { app, host } = await setup((app) => ({ '/article': article(app, cards) }));
    const page = await open(app, host);
    assert.equal(await page.eval(() => document.getElementById('figure').shadowRoot), null);
    for (const [id, shows] of [['heat', /Heat/], ['amelie', /Amélie/], ['unknown', /kennt Flimmer nicht/], ['figure', /Heat/]]) {
      await cardText(page, id, shows);
      // The card reports again whenever its height changes (poster, fonts): wait for it.
      let last;
      await page.waitFor(async () => fits(last = await heights(page, id)), { message: `#${id} to fit its content` })
        .catch((err) => { throw new Error(`${err.message}\n#${id}: ${JSON.stringify(last)}`); });
      assert.ok(last.width > 200, `#${id} is ${last.width} px wide`);
      assert.ok(last.height > 10, `#${id} is ${last.height} px tall`);
    }
    await noErrors(page);
    await page.close();
  });

  test('a card added after load, one marked later and one embedded by hand all render', async () => {
    const { app, host } = await setup((app) => ({ '/article': article(app, '<section id="feed"><p id="later">…</p></section>') }));
    const page = await open(app, host);
    await page.waitFor(() => page.eval(() => !!window.Flimmer), { message: 'the loader to run' });
    await page.eval(() => {
      // An endless feed appends an article with a card.
      const added = Object.assign(document.createElement('div'), { id: 'added' });
      added.dataset.flimmerFilm = 'tmdb:949';
      added.dataset.region = 'DE';
      document.getElementById('feed').append(added);
      // A paragraph that becomes a card when a site's script marks it.
      document.getElementById('later').dataset.flimmerFilm = 'tmdb:194';
      // Without the marker the loader leaves it alone; Flimmer.embed takes it (twice: one card).
      const manual = Object.assign(document.createElement('div'), { id: 'manual' });
      manual.dataset.tmdb = '194';
      manual.dataset.region = 'DE';
      document.body.append(manual);
      Flimmer.embed(manual);
      Flimmer.embed(manual);
      // Nonsense is ignored, not thrown.
      for (const nonsense of [null, undefined, 'div', {}, document.createTextNode('x')]) Flimmer.embed(nonsense);
    });
    assert.match(await cardText(page, 'added', /Heat/), /1995/);
    assert.match(await cardText(page, 'later', /Amélie/), /2001/);
    assert.match(await cardText(page, 'manual', /Amélie/), /2001/);
    // One frame, in the shadow root or beside it.
    assert.equal(await page.eval(() => {
      const manual = document.getElementById('manual');
      return manual.querySelectorAll('iframe').length + manual.shadowRoot.querySelectorAll('iframe').length;
    }), 1, 'embedded twice');
    await noErrors(page);
    await page.close();
  });

  test('forged size messages change no card', async () => {
    const forge = '<!DOCTYPE html><script>parent.postMessage({ flimmer: "embed", height: 5 }, "*")</script>';
    const { app, host } = await setup((app) => ({ '/article': article(app, THREE), '/forge': forge }));
    // A page of the app's origin that is no card of the loader's.
    app.server.fault = (path) => (path === '/forge.html' ? { type: 'text/html', body: forge } : null);
    const page = await open(app, host);
    const ids = ['heat', 'amelie', 'unknown'];
    for (const id of ids) await page.waitFor(async () => fits(await heights(page, id)), { message: `#${id} to fit` });
    // Every height a card takes from now on: the card reports its own height again when a
    // forged one squeezes it (a scroll bar changes its width), so only this catches a forgery.
    await page.eval((ids) => {
      window.taken = [];
      for (const id of ids) {
        const frame = document.getElementById(id).shadowRoot.querySelector('iframe');
        new MutationObserver((records) => taken.push(...records.map((r) => r.target.style.height)))
          .observe(frame, { attributeFilter: ['style'] });
      }
    }, ids);
    // From the article itself: through WebDriver, from a script of its own, and from an
    // iframe of the app's origin the article made itself (our origin, not our frame).
    await page.eval((url) => {
      window.postMessage({ flimmer: 'embed', height: 5 }, '*');
      const script = document.createElement('script');
      script.textContent = 'postMessage({ flimmer: "embed", height: 5, problems: ["forged"] }, "*")';
      document.head.append(script);
      document.body.append(Object.assign(document.createElement('iframe'), { src: `${url}/forge.html` }));
    }, app.url);
    // Our frame, navigated to the article's origin: our frame, but not our origin.
    await inCard(page, 'unknown', () => page.eval((url) => { location.href = `${url}/forge`; }, host.url));
    // Every forgery arrived, and none moved a card. The article's listener hears a message
    // in the same dispatch as the loader's, so once it has heard one, the loader had it too.
    await page.waitFor(() => page.eval(() => heard.filter((m) => m.data?.height === 5).length === 4),
      { message: 'the four forged messages' });
    const origins = await page.eval(() => heard.filter((m) => m.data?.height === 5).map((m) => m.origin));
    assert.deepEqual(origins.sort(), [app.url, host.url, host.url, host.url].sort());
    assert.deepEqual(await page.eval(() => taken.filter((height) => parseFloat(height) < 10)), []);
    assert.deepEqual(await page.eval(() => warnings), [], 'a forged problem was reported');
    await noErrors(page);
    await page.close();
  });

  test('nothing is requested from anywhere but the app, and no card learns the article', async () => {
    const { app, host } = await setup((app) => ({ '/article': article(app, THREE) }));
    const page = await open(app, host, '/article?reader=4711');
    const ids = ['heat', 'amelie', 'unknown'];
    await cardText(page, 'heat', /Netflix/);
    await cardText(page, 'amelie', /Amélie/);
    await cardText(page, 'unknown', /kennt Flimmer nicht/);
    // The article's site served the article (its icon is inline), nothing else.
    assert.deepEqual(host.requests.map((r) => r.path), ['/article']);
    // Everything the article and each card loaded came from the app.
    const foreign = (entries) => entries.filter((url) => !url.startsWith(`${app.url}/`));
    const entries = () => page.eval(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.deepEqual(foreign(await entries()), []);
    for (const id of ids) {
      const inside = await inCard(page, id, async () => ({
        entries: await entries(),
        ...(await page.eval(() => ({ referrer: document.referrer, cookie: document.cookie, stored: localStorage.length + sessionStorage.length }))),
      }));
      assert.deepEqual(foreign(inside.entries), [], `#${id} loaded from elsewhere`);
      assert.deepEqual({ referrer: inside.referrer, cookie: inside.cookie, stored: inside.stored }, { referrer: '', cookie: '', stored: 0 });
    }
    // The cards' documents were asked for without a Referer, and no request to the app
    // carries the article's address.
    const cards = app.server.requests.filter((r) => r.path === '/embed.html');
    assert.ok(cards.length >= ids.length, `${cards.length} card documents requested`);
    assert.deepEqual(cards.map((r) => r.headers.referer).filter(Boolean), []);
    assert.deepEqual(app.server.requests.filter((r) => /article|reader/.test(r.headers.referer ?? '')).map((r) => r.path), []);
    await page.close();
  });

  test('bad options still show a working card and are said once in the console', async () => {
    // Two cards with the same bad options: one warning per problem for the page.
    const bad = (id) => `<div id="${id}" data-flimmer-film="tmdb:949" data-region="Mars" data-theme="pink"></div>`;
    const { app, host } = await setup((app) => ({ '/article': article(app, bad('one') + bad('two')) }));
    const page = await open(app, host);
    assert.match(await cardText(page, 'one', /Heat/), /1995/);
    assert.match(await cardText(page, 'two', /Heat/), /1995/);
    // Both cards have reported their problems; the loader said each of them once.
    await page.waitFor(() => page.eval(() => new Set(heard.filter((m) => m.data?.problems?.length).map((m) => m.source)).size === 2),
      { message: 'both cards to report their problems' });
    const problems = await page.eval(() => heard.find((m) => m.data?.problems?.length).data.problems);
    assert.ok(problems.some((p) => /Mars/.test(p)) && problems.some((p) => /pink/.test(p)), JSON.stringify(problems));
    assert.deepEqual(await page.eval(() => warnings), problems.map((p) => `Flimmer embed: ${p}`));
    await noErrors(page);
    await page.close();
  });

  // The card's own document: a browser's note that a size change waits for the next frame
  // (WebKit sent one in a fifth of loads) is no failure; a real error is, and says so in a line.
  test('the card survives a ResizeObserver loop note, and a real error shows a line, not an empty box', async () => {
    const app = await start(engine);
    servers.push(app.server);
    await opened?.close();
    const page = opened = await app.open();
    await page.goto(`${app.url}/embed.html?film=tmdb:949&region=DE`);
    await page.$('.embed .film-card').waitFor();
    await page.eval(() => dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' })));
    assert.equal(await page.$('[data-testid="embed-failed"]').count(), 0);
    assert.equal(await page.$('.embed .film-card').count(), 1);
    await page.eval(() => dispatchEvent(new ErrorEvent('error', { message: 'boom', error: new Error('boom') })));
    const line = page.$('[data-testid="embed-failed"]');
    await line.waitFor();
    assert.match(await line.text(), /Flimmer konnte nicht anzeigen, wo der Film läuft/);
    assert.deepEqual(await page.eval(() => window.__flimmerErrors), ['boom']);
    await page.close();
  });

  // A trap of the engine (WebKit's baseline compiler, README "WebKit") ends a card; it
  // starts once more by itself, and a trap on every start ends at the line.
  test('a wasm trap restarts the card once; a trap on every start shows the line', async () => {
    const app = await start(engine);
    servers.push(app.server);
    const html = readFileSync(join(DIST, 'embed.html'), 'utf8');
    const trapping = (everyStart) => {
      const trap = `<script>if (${everyStart} || location.hash !== '#restarted') setTimeout(function () {
        throw new WebAssembly.RuntimeError('Out of bounds memory access'); }, 50);</script>`;
      app.server.fault = (path) => (path === '/embed.html' ? { body: html.replace('<script', `${trap}<script`), type: 'text/html; charset=utf-8' } : null);
    };
    await opened?.close();
    const page = opened = await app.open();
    // Only a document started again has __flimmerRestarted (the first one has no mark in
    // its URL when its script runs): proof of the restart that holds in every engine,
    // whether or not a reload reaches the server.
    const restarted = () => page.eval(() => window.__flimmerRestarted ?? null).catch(() => null);

    trapping(false);
    await page.goto(`${app.url}/embed.html?film=tmdb:949&region=DE`);
    await page.waitFor(async () => (await restarted()) && (await page.$('.embed .film-card').count()) === 1,
      { message: 'the card, started again' });
    assert.deepEqual(await restarted(), ['a wasm trap; the card started again']);
    assert.equal(await page.$('[data-testid="embed-failed"]').count(), 0);

    trapping(true);
    await page.goto(`${app.url}/embed.html?film=tmdb:603&region=DE`);
    await page.waitFor(async () => (await restarted()) && (await page.$('[data-testid="embed-failed"]').count()) === 1,
      { message: 'the line, after one restart' });
    // No loop: the document that shows the line stays.
    await page.eval(() => { window.__stays = true; });
    await new Promise((ok) => setTimeout(ok, 500));
    assert.equal(await page.eval(() => window.__stays), true, 'no second restart');
    await page.close();
  });
});
