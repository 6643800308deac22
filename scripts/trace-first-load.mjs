// Where the first load's blocking time goes, in Debian's Chromium against the release
// build: a trace of loading `/` (phone viewport, CPU 4× slower, as Lighthouse's mobile
// runs), each long task on the page's main thread (over 50 ms) with the trace events that
// took its time (self time, by name), and their sums over all long tasks. Prints figures;
// asserts nothing. Traces are written to /tmp/trace-N.json (chrome://tracing reads them).
//   scripts/build.sh && node scripts/trace-first-load.mjs [loads] [path, default /]
import { readFileSync } from 'node:fs';
import { start, openPage } from './chromium.mjs';
const runs = Number(process.argv[2] ?? 2);
const path = process.argv[3] ?? '/';
const app = await start();
const agg = new Map();
let blocking = 0;
for (let r = 0; r < runs; r++) {
  const { context, page } = await openPage(app.browser, { viewport: { width: 412, height: 823 } });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const file = `/tmp/trace-${r}.json`;
  await app.browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading'] });
  await page.goto(`${app.url}${path}`);
  await page.locator('.film-card').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2500);
  await app.browser.stopTracing();
  await context.close();
  const events = JSON.parse(readFileSync(file)).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'ParseHTML'));
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
  const line = [];
  for (const t of tasks) {
    blocking += (t.dur - 50_000) / 1000;
    const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    // Self time: an event's duration less its children's (nesting read from containment).
    const stack = [];
    const selfOf = new Map();
    for (const e of inside) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      if (stack.length) selfOf.set(stack.at(-1), (selfOf.get(stack.at(-1)) ?? stack.at(-1).dur) - e.dur);
      stack.push(e);
    }
    const here = new Map();
    for (const e of inside) {
      const s = selfOf.get(e) ?? e.dur;
      here.set(e.name, (here.get(e.name) ?? 0) + s / 1000);
      agg.set(e.name, (agg.get(e.name) ?? 0) + s / 1000);
    }
    const top = [...here].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    line.push(`  task ${(t.dur / 1000).toFixed(0)} ms: ${top}`);
  }
  console.log(`run ${r}:\n${line.join('\n')}`);
}
console.log(`blocking (sum of task - 50 ms) per run: ${(blocking / runs).toFixed(0)} ms`);
console.log('self time in long tasks, per run:');
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(v / runs).toFixed(1).padStart(7)}  ${k}`);
await app.stop();
