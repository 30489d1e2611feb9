// How long headless Chromium takes to open a page, by the Chrome DevTools protocol (tests/cdp.mjs: no npm
// package; Node 18 or later).
//
//   node bench/load_time.mjs FILE.html [RUNS]
//
// Starts one Chromium (--headless, fresh profile, no network needed), then for each run opens a new tab, navigates
// to the file and waits for its load event, and prints one JSON line per run with the page's own Navigation
// Timing and Paint Timing figures, in milliseconds from navigation start:
//   dom_content_loaded  the HTML parsed and the inline scripts run (the workbench draws during parsing);
//   load                the load event ended;
//   first_contentful_paint;
//   render              the workbench's data-render-ms (its first drawing done);
// and "wall", the time from the navigation command to the load event as this script saw it. Then a median line.
import { resolve } from 'node:path';
import { launch } from '../tests/cdp.mjs';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/load_time.mjs FILE.html [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 5);
const url = 'file://' + resolve(file);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const browser = await launch();

const results = [];
for (let run = 0; run < runs; ++run) {
  const tab = await browser.newTab();
  await tab.send('Page.enable');
  const loaded = tab.event('Page.loadEventFired');
  const start = performance.now();
  await tab.send('Page.navigate', { url });
  await loaded;
  const wall = performance.now() - start;
  await sleep(200);  // let the first paint entry arrive
  const { result } = await tab.send('Runtime.evaluate', {
    returnByValue: true,
    expression: `(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
               first_contentful_paint: fcp ? fcp.startTime : null,
               render: Number(document.documentElement.getAttribute('data-render-ms')) };
    })()`,
  });
  const row = Object.fromEntries(Object.entries(result.value).map(([k, v]) => [k, v === null ? null : Math.round(v)]));
  row.wall = Math.round(wall);
  results.push(row);
  console.log(JSON.stringify(row));
  await tab.close();
}
const median = (key) => {
  const values = results.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
console.log(JSON.stringify({ median: Object.fromEntries(Object.keys(results[0]).map((k) => [k, median(k)])) }));
browser.close();
setTimeout(() => process.exit(0), 400);
