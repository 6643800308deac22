// The catalog engine in Chromium: one query with every facet's counts (`Index::run`, what
// the app runs on every keystroke and filter change) and the index build, on the 22,563
// imported titles (tests/e2e/artifacts/catalog-23k.json, written by scripts/test.sh).
// Builds crates/bench-wasm as the app shell is built (the release profile, the shell's
// toolchain and flags from scripts/env.sh, the shell's wasm-opt passes read from
// index.html), opens it in Debian's Chromium and prints median and p95 per query. The same
// queries natively: `cargo bench -p catalog`. Prints figures; asserts nothing.
//   node scripts/bench-query.mjs [runs] [catalog.json]
//
// Chromium's `performance.now()` is coarsened to 0.1 ms here (a page that is not
// cross-origin isolated): single timings below that read as 0 or 0.1.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { start, spread } from './chromium.mjs';

const runs = Number(process.argv[2] ?? 200);
const catalog = process.argv[3] ?? 'tests/e2e/artifacts/catalog-23k.json';
const out = 'target/bench-query';

// The shell's wasm-opt passes, as index.html gives them to Trunk for the app's wasm.
const shell = readFileSync('index.html', 'utf8').match(/data-bin="flimmer"[^>]*data-wasm-opt-params="([^"]*)"/);
if (!shell) throw new Error('index.html: no data-wasm-opt-params on the app shell\'s link');
const features = '--enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals';
mkdirSync(out, { recursive: true });
execFileSync('bash', ['-c', `set -euo pipefail
  source scripts/env.sh
  release_wasm_env
  cargo build -q --locked --release --target wasm32-unknown-unknown -p bench-wasm
  wasm-bindgen --target web --out-dir ${out} target/wasm32-unknown-unknown/release/bench_wasm.wasm
  wasm-opt -Oz ${shell[1]} ${features} -o ${out}/bench_wasm_bg.wasm ${out}/bench_wasm_bg.wasm 2>/dev/null`], { stdio: 'inherit' });
copyFileSync(catalog, `${out}/catalog.json`);
writeFileSync(`${out}/index.html`, `<!doctype html><meta charset="utf-8"><title>bench-query</title>
<script type="module">
  import init, { bench } from './bench_wasm.js';
  try {
    await init();
    const json = await (await fetch('./catalog.json')).text();
    window.result = JSON.parse(bench(json, 'US', 'netflix', 5, ${runs}));
  } catch (e) {
    window.failure = String(e);
  }
</script>`);

const app = await start({ root: out });
const page = await app.browser.newPage();
await page.goto(`${app.url}/index.html`);
await page.waitForFunction(() => window.result || window.failure, null, { timeout: 600_000 });
const { result, failure } = await page.evaluate(() => ({ result: window.result, failure: window.failure }));
await app.stop();
if (failure) throw new Error(`in the page: ${failure}`);

console.log(`catalog engine in Chromium (wasm, built as the app shell), ${result.films} films, ${result.words} words, ${runs} runs a query`);
for (const { label, ms } of result.timings) console.log(`  ${label.slice(0, 62).padEnd(62)} ${spread(ms, { fine: true })}`);
