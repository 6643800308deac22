// Keystroke to updated grid, in Debian's Chromium against the release build, on the 22,563
// imported titles (tests/e2e/artifacts/catalog-23k.json, written by scripts/test.sh) opened
// through `source=` from a local https server. Types "h", "he", "hea", "heat", "heatt"
// (a typo) and clears the box, many rounds, and prints median and p95 per keystroke and
// overall. Prints figures; asserts nothing.
//   scripts/build.sh && node scripts/bench-keystrokes.mjs [rounds] [catalog.json]
//
// One keystroke is timed from the input event to the end of the first task after it, with
// a forced layout there: Leptos applies the change in microtasks (the router's navigation,
// the filter memo, one Index::run with every count, the grid's diff), so by then the DOM
// is updated and laid out. Painting is not included, nor the rest of the page of cards,
// which the grid adds once typing pauses, 6 cards a task (src/pages/catalog_page.rs, fill).
import { start, openPage, remoteCatalog, spread } from './chromium.mjs';

const rounds = Number(process.argv[2] ?? 20);
const catalog = process.argv[3] ?? 'tests/e2e/artifacts/catalog-23k.json';
const TYPED = ['h', 'he', 'hea', 'heat', 'heatt', ''];

const remote = await remoteCatalog(catalog);

const app = await start({ args: ['--ignore-certificate-errors'] });
const { page } = await openPage(app.browser, { locale: 'en-US' });
await page.goto(`${app.url}/?region=US&source=${encodeURIComponent(remote.source)}`);
await page.locator('.film-card').first().waitFor({ timeout: 120_000 });

const times = await page.evaluate(async ({ rounds, typed }) => {
  const box = document.querySelector('#search-input');
  const afterMicrotasks = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
  const out = Object.fromEntries(typed.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    for (const text of typed) {
      const before = document.querySelector('[data-testid=result-count]').textContent;
      const t0 = performance.now();
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await afterMicrotasks();
      void document.body.offsetHeight; // layout
      const ms = performance.now() - t0;
      // A keystroke that changes the list must have changed the count by now.
      const after = document.querySelector('[data-testid=result-count]').textContent;
      const cards = document.querySelectorAll('.film-grid article').length;
      out[text].push({ ms, changed: after !== before, cards });
      await new Promise((ok) => setTimeout(ok, 30)); // a typist's pause
    }
  }
  return out;
}, { rounds, typed: TYPED });

console.log(`keystroke to updated grid, 22,563 titles, Chromium, ${rounds} rounds`);
const all = [];
for (const text of TYPED) {
  const xs = times[text].map((t) => t.ms);
  all.push(...xs);
  const unchanged = times[text].filter((t) => !t.changed).length;
  const cards = Math.max(...times[text].map((t) => t.cards));
  console.log(`  ${JSON.stringify(text).padEnd(8)} ${spread(xs, { fine: true })}   (${cards} cards${unchanged ? `, ${unchanged} without a count change` : ''})`);
}
console.log(`  every keystroke ${spread(all, { fine: true })}`);
await app.stop();
await remote.close();
