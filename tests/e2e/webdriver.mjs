// A small W3C WebDriver client of our own, for Chromium (chromedriver), Firefox ESR
// (geckodriver) and WebKitGTK (WebKitWebDriver + MiniBrowser): one protocol, so every
// journey is written once and runs in each engine. Node's own `fetch`, no npm dependency
// (selenium-webdriver would bring selenium-manager, which downloads drivers). Nothing here
// downloads a browser or a driver: it starts the ones Debian (and cargo) installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines to run: `FLIMMER_ENGINES=chromium,firefox` narrows a local run. */
export function engines() {
  const list = (process.env.FLIMMER_ENGINES ?? ENGINES.join(',')).split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of list) if (!ENGINES.includes(e)) throw new Error(`FLIMMER_ENGINES: unknown engine "${e}" (${ENGINES})`);
  return list;
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const DEFAULT_TIMEOUT = 15_000;

// Each engine: its driver, and the capabilities of a session for a locale. Chromium and
// Firefox take the language as an option of the session; WebKitGTK reads it from the
// environment of the MiniBrowser process, which inherits the driver's: so WebKit gets one
// driver per locale (`env`), and the others one driver for every locale.
const ENGINE = {
  chromium: {
    command: process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver',
    capabilities: ({ locale, args = [] }) => ({
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [...CHROMIUM_ARGS, `--lang=${locale}`, ...args],
        prefs: { 'intl.accept_languages': locale },
      },
    }),
  },
  firefox: {
    command: process.env.GECKODRIVER ?? `${process.env.HOME}/.cargo/bin/geckodriver`,
    capabilities: ({ locale }) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: { 'intl.accept_languages': locale, 'intl.locale.requested': locale },
      },
    }),
  },
  webkit: {
    command: process.env.WEBKITDRIVER ?? '/usr/bin/WebKitWebDriver',
    // de-AT → LANGUAGE=de_AT, LANG=de_AT.UTF-8 (glib reads the names; no locale needs
    // to be generated on the machine).
    env: (locale) => {
      const posix = locale.replace('-', '_');
      return { LOCPATH: localeDir(posix), LANGUAGE: posix, LANG: `${posix}.UTF-8`, LC_ALL: '', LC_MESSAGES: '' };
    },
    capabilities: ({ proxy }) => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        // WebKitWebDriver 2.50 ignores the W3C proxy capability; MiniBrowser takes one itself
        // (for every scheme, loopback too: our proxy passes those on).
        args: ['--automation', ...(proxy ? [`--proxy=http://${proxy}`] : [])],
      },
    }),
  },
};

// WebKit takes its language from the C library's locale (setlocale), which needs the
// locale's data: a machine may have only C.UTF-8. We compile the few we need from the
// `locales` package's sources into a directory of our own (localedef, about 2 s each,
// once per machine) and point LOCPATH at it, changing nothing on the system.
function localeDir(posix) {
  const dir = join(tmpdir(), 'flimmer-locales');
  if (!existsSync(join(dir, `${posix}.UTF-8`))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('localedef', ['-i', posix, '-f', 'UTF-8', join(dir, `${posix}.UTF-8`)], { stdio: 'ignore' });
  }
  return dir;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    }).on('error', fail);
  });
}

/** One driver process on a free port; `call` sends one WebDriver command to it. */
class Driver {
  constructor(engine, env) {
    this.engine = engine;
    this.env = env;
  }

  async start() {
    this.port = await freePort();
    // A process group of its own, so stop() also ends a browser a session left behind.
    this.proc = spawn(ENGINE[this.engine].command, [`--port=${this.port}`],
      { stdio: 'ignore', env: { ...process.env, ...this.env }, detached: true });
    // The test process may end while a driver runs: the exit handler below stops it.
    this.proc.unref();
    running.add(this);
    this.base = `http://127.0.0.1:${this.port}`;
    // The driver answers /status once it listens.
    for (let i = 0; i < 100; i++) {
      const ready = await fetch(`${this.base}/status`).then((r) => r.json()).then((j) => j.value?.ready !== false).catch(() => false);
      if (ready) return this;
      await sleep(100);
    }
    throw new Error(`${this.engine}: the driver did not start`);
  }

  async call(method, path, body, timeout = 60_000) {
    // A page whose main thread never comes back would block a command for ever.
    const res = await fetch(`${this.base}${path}`, {
      method, headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body), signal: AbortSignal.timeout(timeout),
    });
    const json = await res.json();
    if (json.value?.error) {
      const err = new Error(`${this.engine} ${method} ${path.replace(/^\/session\/[^/]+/, '')}: ${json.value.error}: ${json.value.message}`);
      err.code = json.value.error;
      throw err;
    }
    return json.value;
  }

  stop() {
    if (!this.proc) return;
    try {
      process.kill(-this.proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    this.proc = null;
    running.delete(this);
  }
}

const drivers = new Map(); // engine (WebKit: engine and locale) → Promise<Driver>
const running = new Set(); // the started ones, for the exit handler (which cannot await)
process.on('exit', () => { for (const d of running) d.stop(); });

async function driverFor(engine, locale) {
  const env = ENGINE[engine].env?.(locale);
  const key = env ? `${engine}:${locale}` : engine;
  if (!drivers.has(key)) drivers.set(key, new Driver(engine, env).start());
  return drivers.get(key);
}

const openPages = new Set();

/** Ends the sessions a failed journey left open, then every driver this process started. */
export async function stopDrivers() {
  for (const page of openPages) await page.close();
  for (const d of drivers.values()) (await d.catch(() => null))?.stop();
  drivers.clear();
}

/**
 * A new session: a fresh browser profile, so fresh storage. `locale` sets the browser
 * language; `insecureCerts` trusts our self-signed test certificates; `proxy` sends https
 * through our proxy (server.mjs), which is how a foreign origin gets its own host name.
 */
export async function newSession(engine, { locale = 'de-DE', args = [], insecureCerts = false, proxy, viewport = { width: 1280, height: 900 } } = {}) {
  const driver = await driverFor(engine, locale);
  const capabilities = ENGINE[engine].capabilities({ locale, args, proxy });
  if (insecureCerts) capabilities.acceptInsecureCerts = true;
  if (proxy && engine !== 'webkit') capabilities.proxy = { proxyType: 'manual', sslProxy: proxy };
  let lastError;
  let viewportFailures = 0;
  // A driver that has just started may refuse a first session for a moment.
  for (let i = 0; i < 5; i++) {
    try {
      const { sessionId } = await driver.call('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
      const page = new Page(driver, sessionId, engine);
      openPages.add(page);
      // A window that would not take the size (a busy machine: Chromium stayed 780 px wide
      // in the CI-like run of 80a43d3) gets one more try in a new session; a viewport the
      // engine cannot take twice is no reason to go on: end the session, say so.
      await page.setViewport(viewport.width, viewport.height).catch(async (err) => {
        await page.close();
        throw Object.assign(err, { final: ++viewportFailures > 1 });
      });
      return page;
    } catch (err) {
      if (err.final) throw err;
      lastError = err;
      await sleep(500);
    }
  }
  throw lastError;
}

// Turns a RegExp or string into something the page script can rebuild.
const pattern = (p) => (p instanceof RegExp ? { re: p.source, flags: p.flags } : p == null ? null : { str: String(p) });

/**
 * The script that finds elements in the page, step by step (a step narrows to descendants
 * of the previous step's elements). `name` matches the accessible name the way Playwright's
 * getByRole did (aria-label, aria-labelledby, a label, else the text without aria-hidden
 * parts; a string matches case-insensitively as a substring unless `exact`); `text` the
 * text the way getByText did (the innermost elements whose text matches).
 */
const FIND = `
const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
// The text a screen reader gets: no aria-hidden or hidden parts; a box that is not inline
// (the count beside a label) is a word of its own.
const shown = (e) => {
  if (e.nodeType === 3) return e.data;
  if (e.nodeType !== 1 || e.getAttribute('aria-hidden') === 'true') return '';
  const css = getComputedStyle(e);
  if (css.display === 'none' || css.visibility === 'hidden') return '';
  const text = [...e.childNodes].map(shown).join('');
  return css.display === 'inline' ? text : ' ' + text + ' ';
};
const nameOf = (e) => {
  if (e.getAttribute('aria-label')) return norm(e.getAttribute('aria-label'));
  const by = e.getAttribute('aria-labelledby');
  if (by) return norm(by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  if (e.labels && e.labels.length) return norm([...e.labels].map((l) => l.textContent).join(' '));
  return norm(shown(e));
};
const test = (p, exact, s) => p.re != null ? new RegExp(p.re, p.flags).test(s)
  : exact ? s === p.str : s.toLowerCase().includes(p.str.toLowerCase());
const find = (steps) => {
  let found = [document];
  for (const step of steps) {
    const next = new Set();
    for (const root of found) {
      for (const e of root.querySelectorAll(step.css)) {
        if (step.name && !test(step.name, step.exact, nameOf(e))) continue;
        if (step.text) {
          const own = test(step.text, step.exact, norm(e.textContent));
          if (!own || [...e.children].some((c) => test(step.text, step.exact, norm(c.textContent)))) continue;
        }
        next.add(e);
      }
    }
    found = [...next];
    if (step.nth != null) found = found.slice(step.nth, step.nth + 1 || undefined);
  }
  return found;
};
`;

/** A browsing session with a small page-like API. */
export class Page {
  constructor(driver, id, engine) {
    this.driver = driver;
    this.path = `/session/${id}`;
    this.engine = engine;
    this.seenProblems = [];
  }

  call(method, path, body) {
    return this.driver.call(method, `${this.path}${path}`, body);
  }

  // Navigation. Before the page goes away, its recorded errors are kept (see problems()).
  async goto(url) { await this.collectProblems(); await this.call('POST', '/url', { url }); }
  async url() { return this.call('GET', '/url'); }
  async back() { await this.collectProblems(); await this.call('POST', '/back', {}); }
  async forward() { await this.collectProblems(); await this.call('POST', '/forward', {}); }
  async reload() { await this.collectProblems(); await this.call('POST', '/refresh', {}); }

  /** Runs `fn(...args)` in the page (execute/sync); elements come back as references. */
  async eval(fn, ...args) {
    return this.call('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args });
  }

  /** Runs an async `fn(...args)` in the page and waits for its promise (execute/async). */
  async evalAsync(fn, ...args) {
    const result = await this.call('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn}).apply(null, [].slice.call(arguments, 0, -1)))
          .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`,
      args,
    });
    if (result?.error) throw new Error(`in the page: ${result.error}`);
    return result?.value;
  }

  /** Elements by CSS selector; see Locator. */
  $(css, options) { return new Locator(this, [{ css, ...stepOptions(options) }]); }

  /** The innermost elements whose text matches (a string: a part of it, any case; or a RegExp). */
  byText(text, { exact } = {}) { return this.$('body *', { text, exact }); }

  /** Waits until `predicate` (a selector, or an async function of this page) holds. */
  async waitFor(predicate, { timeout = DEFAULT_TIMEOUT, message } = {}) {
    const check = typeof predicate === 'string' ? () => this.$(predicate).count() : predicate;
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await check(this);
        if (last) return last;
      } catch (err) {
        last = err;
      }
      if (Date.now() > until) {
        // What the page shows and what it recorded, so a failure says stuck, error or wrong.
        const state = await this.eval(() => ({ errors: window.__flimmerErrors, text: document.body?.innerText.slice(0, 160) }))
          .catch((err) => err.message);
        throw new Error(`${this.engine}: waited ${timeout} ms for ${message ?? predicate}; last: ${last?.message ?? last}; url ${await this.url().catch(() => '?')}; page: ${JSON.stringify(state)}`);
      }
      await sleep(50);
    }
  }

  /** Waits until the URL matches a RegExp, or a function of a URL object returns true. */
  waitForURL(match, options) {
    const ok = (u) => (match instanceof RegExp ? match.test(u) : match(new URL(u)));
    return this.waitFor(async () => ok(await this.url()), { message: `the URL to match ${match}`, ...options });
  }

  /**
   * Presses keys through the Actions API, as a keyboard would: 'Tab', 'Enter', ' ' (or
   * 'Space'), 'Backspace', or any single character.
   */
  async keys(...names) {
    const actions = [];
    for (const name of names) {
      const value = KEYS[name] ?? name;
      actions.push({ type: 'keyDown', value }, { type: 'keyUp', value });
    }
    await this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Types `text` key by key into the focused element, `delay` ms apart. */
  async type(text, { delay = 0 } = {}) {
    for (const ch of text) {
      await this.keys(ch);
      if (delay) await sleep(delay);
    }
  }

  /**
   * Sets the size of the viewport (not of the window around it): the window is resized,
   * then corrected by what its toolbars and borders take, which differs per engine.
   */
  async setViewport(width, height) {
    let rect = { width, height };
    // A window's new size can reach the page a little after the WebDriver call returns (a
    // busy machine: Chromium once read 780 px after three tries, CI-like run of bdbc4c7):
    // the viewport is read once two reads 50 ms apart agree.
    const settled = async () => {
      let last = await this.eval(() => [innerWidth, innerHeight]);
      for (let i = 0; i < 20; i++) {
        await sleep(50);
        const now = await this.eval(() => [innerWidth, innerHeight]);
        if (now[0] === last[0] && now[1] === last[1]) return now;
        last = now;
      }
      return last;
    };
    for (let i = 0; i < 5; i++) {
      await this.call('POST', '/window/rect', rect);
      const inner = await settled();
      if (inner[0] === width && inner[1] === height) return;
      const outer = await this.call('GET', '/window/rect');
      rect = { width: outer.width + width - inner[0], height: outer.height + height - inner[1] };
    }
    let inner = await settled();
    if (inner[0] !== width && this.engine === 'firefox' && (await this.url()) === 'about:blank') {
      // Firefox keeps a browser window at least 500 px wide (its toolbars), narrower than a
      // phone. A pop-up window has no toolbars and takes the phone's width: before the first
      // page, the session continues in one of that size.
      const [old] = await this.call('GET', '/window/handles');
      await this.eval((w, h) => { window.open('about:blank', '_blank', `popup,width=${w},height=${h}`); }, width, height);
      const popup = (await this.call('GET', '/window/handles')).find((h) => h !== old);
      await this.call('DELETE', '/window');
      await this.switchTo(popup);
      await this.call('POST', '/window/rect', { width, height });
      inner = await this.eval(() => [innerWidth, innerHeight]);
      const outer = await this.call('GET', '/window/rect');
      await this.call('POST', '/window/rect', { width: outer.width + width - inner[0], height: outer.height + height - inner[1] });
      inner = await this.eval(() => [innerWidth, innerHeight]);
    }
    if (inner[0] !== width) throw new Error(`${this.engine}: the viewport is ${inner} wide, not ${width}`);
  }

  async screenshot(path) {
    writeFileSync(path, Buffer.from(await this.call('GET', '/screenshot'), 'base64'));
  }

  /** Continues in the iframe `element` (a reference from eval), until parentFrame(). */
  async frame(element) { await this.call('POST', '/frame', { id: element }); }
  async parentFrame() { await this.call('POST', '/frame/parent', {}); }

  // Windows of the same session share its storage, like tabs of one browser profile.
  async newWindow() {
    const { handle } = await this.call('POST', '/window/new', { type: 'tab' });
    return handle;
  }
  async window() { return this.call('GET', '/window'); }
  async switchTo(handle) { await this.call('POST', '/window', { handle }); }
  async closeWindow() { await this.collectProblems(); await this.call('DELETE', '/window'); }

  // Page errors, engine-neutrally: index.html's start guard records uncaught errors in
  // window.__flimmerErrors and console.error calls in window.__flimmerConsole. They are
  // read before each navigation (a new document starts empty) and by problems(); a
  // document remembers how many it has handed over, so nothing is counted twice.
  // A document the app restarted after a wasm trap (the start guard's restart) is no
  // problem of the journey, but the trap is said on stderr, so a run shows how often.
  async collectProblems() {
    const { fresh, restarted } = await this.eval(() => {
      const all = [].concat((window.__flimmerErrors || []).map((e) => `pageerror: ${e}`),
        (window.__flimmerConsole || []).map((e) => `console: ${e}`));
      const seen = window.__flimmerSeen || 0;
      window.__flimmerSeen = all.length;
      const restarted = window.__flimmerRestartSeen ? [] : window.__flimmerRestarted || [];
      window.__flimmerRestartSeen = true;
      return { fresh: all.slice(seen), restarted };
    }).catch(() => ({ fresh: [], restarted: [] }));
    this.seenProblems.push(...fresh);
    for (const e of restarted) console.warn(`${this.engine}: the app restarted itself after a wasm trap: ${e}`);
  }

  /** Every page error and console error so far, in this window and the ones before. */
  async problems() {
    await this.collectProblems();
    return this.seenProblems;
  }

  async close() {
    openPages.delete(this);
    await this.call('DELETE', '').catch(() => {});
  }
}

const KEYS = { Tab: '\uE004', Enter: '\uE007', Space: ' ', Backspace: '\uE003', Escape: '\uE00C' };

function stepOptions({ name, text, exact, nth } = {}) {
  return { name: pattern(name), text: pattern(text), exact: !!exact, nth };
}

/**
 * Elements found afresh for every action, like Playwright's locators: a re-rendered element
 * is found again instead of going stale, and an action waits until its element is there.
 * `name`: the accessible name (string or RegExp); `text`: the text (getByText).
 */
export class Locator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  $(css, options) { return new Locator(this.page, [...this.steps, { css, ...stepOptions(options) }]); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }
  nth(n) {
    const steps = [...this.steps];
    steps[steps.length - 1] = { ...steps[steps.length - 1], nth: n };
    return new Locator(this.page, steps);
  }

  toString() { return this.steps.map((s) => s.css + (s.name ? ` [name ${s.name.str ?? `/${s.name.re}/`}]` : '') + (s.text ? ` [text ${s.text.str ?? `/${s.text.re}/`}]` : '')).join(' >> '); }

  /** Runs `fn(elements, ...args)` in the page over every element found now. */
  evalAll(fn, ...args) {
    return this.page.eval(`function (steps, ...args) { ${FIND} return (${fn})(find(steps), ...args); }`, this.steps, ...args);
  }

  count() { return this.evalAll((els) => els.length); }

  /** The first element (a WebDriver reference), waiting until there is one. */
  async element(timeout) {
    return this.page.waitFor(() => this.evalAll((els) => els[0] ?? null), { timeout, message: `${this}` });
  }

  /** Runs `fn(element, ...args)` on the first element, once it is there. */
  async eval(fn, ...args) {
    await this.element();
    return this.evalAll(`(els, ...args) => (${fn})(els[0], ...args)`, ...args);
  }

  async waitFor({ state = 'attached', timeout } = {}) {
    if (state === 'detached') {
      await this.page.waitFor(async () => (await this.count()) === 0, { timeout, message: `${this} to go` });
    } else {
      await this.element(timeout);
    }
  }

  text() { return this.eval((e) => e.textContent); }
  allTexts() { return this.evalAll((els) => els.map((e) => e.textContent)); }
  attr(name) { return this.eval((e, n) => e.getAttribute(n), name); }
  prop(name) { return this.eval((e, n) => e[n], name); }
  value() { return this.prop('value'); }
  isVisible() {
    return this.evalAll((els) => !!els[0] && els[0].getClientRects().length > 0 && getComputedStyle(els[0]).visibility !== 'hidden');
  }
  focus() { return this.eval((e) => e.focus()); }

  /**
   * A click as a hand makes it: the mouse button pressed at the element's centre, held for
   * `ms`, then released, through the Actions API. An Element Click presses and releases at
   * once, and geckodriver dispatches both with no microtask checkpoint between them, which
   * no reader's click does: what the page does on the press (a field's `change`) has not
   * finished by the release there.
   */
  async clickHeld(ms = 80) {
    const el = await this.element();
    const origin = { [ELEMENT]: el[ELEMENT] };
    await this.page.call('POST', '/actions', {
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
          { type: 'pointerMove', origin, x: 0, y: 0 },
          { type: 'pointerDown', button: 0 },
          { type: 'pause', duration: ms },
          { type: 'pointerUp', button: 0 },
        ],
      }],
    });
  }

  /** A real click (WebDriver Element Click: scrolled into view, at its centre), retried while the element is not ready. */
  async click({ timeout = DEFAULT_TIMEOUT } = {}) {
    await this.page.waitFor(async () => {
      const el = await this.element(timeout);
      try {
        await this.page.call('POST', `/element/${el[ELEMENT]}/click`, {});
        return true;
      } catch (err) {
        if (/stale|not interactable|intercepted|no such element/.test(err.code)) return false;
        throw err;
      }
    }, { timeout, message: `a click on ${this}` });
  }

  /**
   * Replaces the field's text by typing: focus, select what is there, then real key
   * presses, so the page sees the input (and, on leaving, change) events a reader causes.
   */
  async fill(text) {
    await this.eval((e) => { e.focus(); e.select?.(); });
    if (text === '') await this.page.keys('Backspace');
    else await this.page.type(text);
  }

  /** Focuses the element and types `text` key by key. */
  async type(text, options) {
    await this.focus();
    await this.page.type(text, options);
  }

  async press(key) {
    await this.focus();
    await this.page.keys(key);
  }

  /**
   * Chooses an option of a <select> as a reader does: a click on the control, then on the
   * <option>, which every driver turns into the reader's selection (input and change events
   * included; the native pop-up differs in every engine and is no part of the page). The
   * first click matters in WebKit: it is the user interaction without which WebKit marks the
   * history entry the change makes as script-made, and Back skips it.
   */
  async select(value) {
    await this.click();
    await this.$(`option[value="${value}"]`).click();
  }
}
