// How long headless Chromium takes to open a page, by the Chrome DevTools protocol (no npm package: Node's own
// WebSocket, behind --experimental-websocket in Node 20, built in from Node 22).
//
//   node --experimental-websocket bench/load_time.mjs FILE.html [RUNS]
//
// Starts one Chromium (--headless, fresh profile, no network needed), then for each run opens a new tab, navigates
// to the file and waits for its load event, and prints one JSON line per run with the page's own Navigation
// Timing and Paint Timing figures, in milliseconds from navigation start:
//   dom_content_loaded  the HTML parsed and the inline scripts run (the workbench draws during parsing);
//   load                the load event ended;
//   first_contentful_paint;
//   render              the workbench's data-render-ms (its first drawing done);
// and "wall", the time from the navigation command to the load event as this script saw it. Then a median line.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --experimental-websocket bench/load_time.mjs FILE.html [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 5);
const url = 'file://' + resolve(file);
const profile = mkdtempSync(join(tmpdir(), 'isnad-cdp-'));
const chromium = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--remote-debugging-port=0', '--user-data-dir=' + profile, 'about:blank'], { stdio: 'ignore' });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function browserSocket() {
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 200 && !existsSync(portFile); ++i) await sleep(50);
  const [port, path] = readFileSync(portFile, 'utf8').split('\n');
  return 'ws://127.0.0.1:' + port + path;
}

const ws = new WebSocket(await browserSocket());
await new Promise((r) => ws.addEventListener('open', r, { once: true }));
let nextId = 1;
const pending = new Map();
const listeners = [];
ws.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  if (msg.id && pending.has(msg.id)) {
    const { resolve: ok, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) reject(new Error(JSON.stringify(msg.error))); else ok(msg.result);
  } else {
    for (const l of listeners) l(msg);
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((ok, reject) => pending.set(id, { resolve: ok, reject }));
}
const event = (name, sessionId) => new Promise((ok) => {
  const l = (msg) => {
    if (msg.method === name && msg.sessionId === sessionId) {
      listeners.splice(listeners.indexOf(l), 1);
      ok(msg.params);
    }
  };
  listeners.push(l);
});

const results = [];
for (let run = 0; run < runs; ++run) {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Page.enable', {}, sessionId);
  const loaded = event('Page.loadEventFired', sessionId);
  const start = performance.now();
  await send('Page.navigate', { url }, sessionId);
  await loaded;
  const wall = performance.now() - start;
  await sleep(200);  // let the first paint entry arrive
  const { result } = await send('Runtime.evaluate', {
    returnByValue: true,
    expression: `(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
               first_contentful_paint: fcp ? fcp.startTime : null,
               render: Number(document.documentElement.getAttribute('data-render-ms')) };
    })()`,
  }, sessionId);
  const row = Object.fromEntries(Object.entries(result.value).map(([k, v]) => [k, v === null ? null : Math.round(v)]));
  row.wall = Math.round(wall);
  results.push(row);
  console.log(JSON.stringify(row));
  await send('Target.closeTarget', { targetId });
}
const median = (key) => {
  const values = results.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
console.log(JSON.stringify({ median: Object.fromEntries(Object.keys(results[0]).map((k) => [k, median(k)])) }));
ws.close();
chromium.kill();
await sleep(300);
rmSync(profile, { recursive: true, force: true });
