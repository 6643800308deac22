// Where the app's own time goes, by function: Chromium's sampling profiler (CDP) over the
// first load of a page (phone viewport, CPU 4× slower, as Lighthouse's mobile runs) or over
// the scripted search of bench-keystrokes.mjs, then the time under the root of our code
// summed by the functions it passed through (inclusive: a component counts its children).
// Prints figures; asserts nothing. Read the names from a build that keeps them:
//   scripts/build.sh --names --dist /tmp/names
//   FLIMMER_DIST=/tmp/names node scripts/profile-wasm.mjs load [loads] [path]
//   FLIMMER_DIST=/tmp/names node scripts/profile-wasm.mjs keys [rounds]
// `pick` (a regular expression, default: our crates) chooses the functions listed.
import { start, openPage, remoteCatalog } from './chromium.mjs';

const [mode = 'load', count = mode === 'load' ? '3' : '20', path = '/'] = process.argv.slice(2);
const pick = new RegExp(process.env.PICK ?? 'flimmer::|catalog::|__component');
const clean = (name) => name.replace(/\[[0-9a-f]{16}\]/g, '');

/** Milliseconds under each function whose name `pick` matches, within calls into wasm. */
function tally(profile, into = new Map()) {
  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const at = new Map();
  profile.samples.forEach((id, i) => at.set(id, (at.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  for (const [id, ms] of at) {
    const chain = [];
    for (let x = id; x !== undefined; x = parent.get(x)) chain.push(clean(node.get(x).callFrame.functionName || '(anonymous)'));
    const root = chain.findLastIndex((name) => name.startsWith('js-to-wasm'));
    if (root < 0) continue;
    into.set('(all wasm)', (into.get('(all wasm)') ?? 0) + ms);
    for (const name of new Set(chain.slice(0, root))) if (pick.test(name)) into.set(name, (into.get(name) ?? 0) + ms);
  }
  return into;
}

async function profiled(page, run) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await run(cdp);
  return (await cdp.send('Profiler.stop')).profile;
}

const totals = new Map();
const app = await start({ args: ['--ignore-certificate-errors'] });
let per = Number(count);
if (mode === 'load') {
  for (let r = 0; r < per; r++) {
    const { context, page } = await openPage(app.browser, { viewport: { width: 412, height: 823 } });
    tally(await profiled(page, async (cdp) => {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${app.url}${path}`);
      await page.locator('.film-card').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(2500);
    }), totals);
    await context.close();
  }
  console.log(`first load of ${path}, CPU 4× slower, per load (${per} loads):`);
} else {
  const remote = await remoteCatalog('tests/e2e/artifacts/catalog-23k.json');
  const { page } = await openPage(app.browser, { locale: 'en-US' });
  await page.goto(`${app.url}/?region=US&source=${encodeURIComponent(remote.source)}`);
  await page.locator('.film-card').first().waitFor({ timeout: 120_000 });
  const typed = ['h', 'he', 'hea', 'heat', 'heatt', ''];
  tally(await profiled(page, () => page.evaluate(async ({ rounds, typed }) => {
    const box = document.querySelector('#search-input');
    for (let r = 0; r < rounds; r++) {
      for (const text of typed) {
        box.value = text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((ok) => setTimeout(ok, 30));
      }
    }
  }, { rounds: per, typed })), totals);
  per *= typed.length;
  await remote.close();
  console.log(`keystrokes on 22,563 titles, per keystroke (${per} keystrokes):`);
}
for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) {
  console.log(`${(ms / per).toFixed(2).padStart(8)} ms  ${name.slice(0, 160)}`);
}
await app.stop();
