// Where the first load's blocking time goes, in Debian's Chromium against the release
// build: a trace of loading `/` (phone viewport; CPU 4× slower, as Lighthouse's mobile
// runs, unless RATE says otherwise) and the page's main-thread tasks.
//
// Two sums per load. `blocking` is the sum of (task − 50 ms) over the tasks that took more
// than 50 ms on the clock, as before. `from CPU` is what Lighthouse's simulation would make
// of the tasks' own CPU time (thread time): the sum of (4 × CPU − 50 ms) over every task,
// the CPU time divided by RATE first (the throttling spins on the thread, so it counts as
// the thread's time); closest with RATE=1. The clock varies with whatever else the machine
// runs; the thread time much less: on this 2-core machine, Lighthouse's own trace shows
// each task taking about 2.2 times its CPU time on the clock (README, "Figures"), so a task
// counts in its blocking time from about 5.5 ms of CPU, and its figures spread over 2×.
// Each task of more than 12.5 ms of CPU (the ones that count even without that factor)
// is listed with the trace events that took its time (self time on the clock, by name).
// Also per load: the app's wasm functions V8 compiled during it (`wasm.CompileLazy`: each
// function is compiled with Liftoff on its first call, on the main thread), how many bytes
// of code they are and the CPU that took: the code the first load runs, which only a
// smaller start path makes less (README, "Figures": inlining small functions into their
// callers made fewer functions but more code, compiled in no less time).
// Prints figures; asserts nothing. Traces are written to /tmp/trace-N.json (chrome://tracing
// reads them).
//   scripts/build.sh && node scripts/trace-first-load.mjs [loads] [path, default /]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, spread } from './chromium.mjs';
const runs = Number(process.argv[2] ?? 2);
const path = process.argv[3] ?? '/';
const rate = Number(process.env.RATE ?? 4);
const app = await start();
const agg = new Map();
const blocking = [];
const fromCpu = [];
const code = codeSizes(process.env.FLIMMER_DIST ?? 'dist');
const compiled = [];
for (let r = 0; r < runs; r++) {
  const { context, page } = await openPage(app.browser, { viewport: { width: 412, height: 823 } });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const file = `/tmp/trace-${r}.json`;
  await app.browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading'] });
  await page.goto(`${app.url}${path}`);
  await page.locator('.film-card').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2500);
  await app.browser.stopTracing();
  await context.close();
  const events = JSON.parse(readFileSync(file)).traceEvents;
  // The page's main thread: the renderer main thread that ran our wasm (Chromium's own
  // WebUI renderer may run more tasks), else the one that ran the most.
  const thread = (e) => `${e.pid}:${e.tid}`;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [thread(e), e.args.name]));
  const ran = new Map();
  const wasm = new Set();
  for (const e of events) {
    if (names.get(thread(e)) !== 'CrRendererMain') continue;
    if (e.name === 'RunTask' && e.ph === 'X') ran.set(thread(e), (ran.get(thread(e)) ?? 0) + e.dur);
    if (e.cat === 'v8.wasm') wasm.add(thread(e));
  }
  const main = [...ran].sort((a, b) => wasm.has(b[0]) - wasm.has(a[0]) || b[1] - a[1])[0][0];
  const mine = events.filter((e) => thread(e) === main && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Top-level tasks only (a task may run another inside it).
  const tasks = [];
  for (const t of mine.filter((e) => e.name === 'RunTask')) if (!tasks.length || t.ts >= tasks.at(-1).ts + tasks.at(-1).dur) tasks.push(t);
  const ms = (us) => us / 1000;
  const cpu = (t) => ms(t.tdur ?? t.dur) / rate;
  blocking.push(tasks.reduce((sum, t) => sum + Math.max(0, ms(t.dur) - 50), 0));
  fromCpu.push(tasks.reduce((sum, t) => sum + Math.max(0, 4 * cpu(t) - 50), 0));
  const line = [];
  for (const t of tasks.filter((t) => t.dur > 50_000 || cpu(t) > 12.5)) {
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
      const s = ms(selfOf.get(e) ?? e.dur);
      here.set(e.name, (here.get(e.name) ?? 0) + s);
      agg.set(e.name, (agg.get(e.name) ?? 0) + s);
    }
    const top = [...here].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    const at = ms(t.ts - tasks[0].ts).toFixed(0);
    line.push(`  at ${at} ms, ${ms(t.dur).toFixed(0)} ms (CPU ${cpu(t).toFixed(1)} unthrottled): ${top}`);
  }
  // Lazy compilation runs in the page's renderer (its pid), on the main thread.
  const lazy = new Map();
  for (const e of events) if (e.name === 'wasm.CompileLazy' && e.pid === Number(main.split(':')[0])) lazy.set(e.args.func_index, e);
  const bytes = [...lazy.keys()].reduce((sum, i) => sum + (code.sizes[i - code.imported] ?? 0), 0);
  const compileCpu = [...lazy.values()].reduce((sum, e) => sum + cpu(e), 0);
  compiled.push({ functions: lazy.size, bytes, cpu: compileCpu });
  console.log(`load ${r}: blocking ${blocking.at(-1).toFixed(0)} ms, from CPU ${fromCpu.at(-1).toFixed(0)} ms, compiled ${lazy.size} functions (${kb(bytes)}) in ${compileCpu.toFixed(1)} ms of CPU\n${line.join('\n')}`);
}
console.log(`CPU ${rate}× slower, ${runs} loads of ${path}`);
console.log(`blocking (sum of task − 50 ms on the clock): ${spread(blocking)}`);
console.log(`from CPU (sum of 4 × thread time − 50 ms):   ${spread(fromCpu)}`);
// The same functions every load (printed per load above); only the time varies.
const total = code.sizes.reduce((sum, n) => sum + n, 0);
const { functions, bytes } = compiled.at(-1);
console.log(`wasm compiled lazily: ${functions} of ${code.sizes.length} functions, ${kb(bytes)} of ${kb(total)} of code`);
console.log(`compiling it, CPU:                           ${spread(compiled.map((c) => c.cpu), { fine: true })}`);
console.log('self time in the tasks listed, per load:');
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(v / runs).toFixed(1).padStart(7)}  ${k}`);
await app.stop();

/** The app's wasm in `dir`: how many functions it imports, and each own function's body size. */
function codeSizes(dir) {
  const file = readdirSync(dir).find((f) => /^flimmer-.*_bg\.wasm$/.test(f));
  const b = readFileSync(join(dir, file));
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = b[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const skipLimits = () => (b[at++] & 1 ? (leb(), leb()) : leb());
  let imported = 0;
  const sizes = [];
  while (at < b.length) {
    const id = b[at++];
    const length = leb();
    const end = at + length;
    if (id === 2) {
      // Imports: module and field names, then what is imported (only functions count).
      for (let n = leb(); n > 0; n--) {
        // (`at += leb()` would add to `at` as it was before the length was read.)
        const module = leb();
        at += module;
        const field = leb();
        at += field;
        const kind = b[at++];
        if (kind === 0) (leb(), imported++);
        else if (kind === 1) (at++, skipLimits());
        else if (kind === 2) skipLimits();
        else if (kind === 3) at += 2;
        else (at++, leb());
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        sizes.push(size);
        at += size;
      }
    }
    at = end;
  }
  return { imported, sizes };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} KB`;
}
