// Lighthouse on the release build, as the issue's target is stated: 12.8.2, mobile,
// simulated throttling, Debian's Chromium, the build served brotli-compressed by the test
// server (with the service worker, as a production host would). Each build given is
// measured `runs` times, the builds in turns (on this 2-core machine one hour differs from
// the next by more than most changes: README, "Figures"), and each figure printed per
// build as its median and its worst run (of three runs, their p95). Lighthouse comes from
// the npm registry through `npx` (cached after the first run); it is not a project
// dependency. Prints figures; asserts nothing.
//   scripts/build.sh && node scripts/lighthouse.mjs [runs, default 3] [dist …, default dist]
// PAGE chooses the page (default `/`). Each run's report is kept as /tmp/lighthouse-B-R.json.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { serve } from '../tests/e2e/server.mjs';
import { quantile } from './chromium.mjs';

const [runs = '3', ...given] = process.argv.slice(2);
const dists = given.length ? given : ['dist'];
const page = process.env.PAGE ?? '/';
const run = promisify(execFile);

// Lighthouse's audits by id, and how each is printed.
const FIGURES = [
  ['performance', (r) => r.categories.performance.score * 100, ''],
  ['TBT', (r) => r.audits['total-blocking-time'].numericValue, ' ms'],
  ['LCP', (r) => r.audits['largest-contentful-paint'].numericValue, ' ms'],
  ['FCP', (r) => r.audits['first-contentful-paint'].numericValue, ' ms'],
  ['speed index', (r) => r.audits['speed-index'].numericValue, ' ms'],
  ['CLS', (r) => r.audits['cumulative-layout-shift'].numericValue * 1000, ' ‰'],
  ['accessibility', (r) => r.categories.accessibility.score * 100, ''],
  ['best practices', (r) => r.categories['best-practices'].score * 100, ''],
];

const servers = await Promise.all(dists.map((dist) => serve(dist, { worker: true })));
const results = dists.map(() => []);
try {
  for (let r = 0; r < Number(runs); r++) {
    for (const [b, server] of servers.entries()) {
      const report = `/tmp/lighthouse-${b}-${r}.json`;
      await run(
        'npx',
        ['-y', 'lighthouse@12.8.2', `${server.url}${page}`, '--quiet', '--output=json', `--output-path=${report}`,
          '--only-categories=performance,accessibility,best-practices', '--form-factor=mobile',
          '--chrome-flags=--headless --no-sandbox --disable-gpu'],
        { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, maxBuffer: 1 << 26 },
      );
      const figures = FIGURES.map(([, read]) => read(JSON.parse(readFileSync(report, 'utf8'))));
      results[b].push(figures);
      console.log(`${dists[b]} run ${r + 1}: ${FIGURES.map(([name, , unit], i) => `${name} ${Math.round(figures[i])}${unit}`).join(', ')}`);
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.close()));
}

console.log(`\nLighthouse 12.8.2, mobile, ${page}, ${runs} runs per build, median / worst run:`);
for (const [b, dist] of dists.entries()) {
  const line = FIGURES.map(([name, , unit], i) => {
    const at = (q) => Math.round(quantile(results[b].map((f) => f[i]), q));
    // For the scores the worst run is the lowest, for the times the highest.
    const worst = unit === '' ? at(0) : at(1);
    return `${name} ${at(0.5)} / ${worst}${unit}`;
  });
  console.log(`${dist}: ${line.join(', ')}`);
}
