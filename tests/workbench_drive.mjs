// Drives report.html's workbench in headless Chromium as a user would, over the Chrome DevTools protocol (Node's
// own WebSocket: no npm package), for tests/workbench_test.cpp:
//
//   node --experimental-websocket tests/workbench_drive.mjs REPORT.html SEARCH ENTITY_ID FROM_DAY
//
// Steps: open the page; type SEARCH into the search box; click ENTITY_ID's row in the index; click the chip of the
// first act its page offers; set the "from" date to FROM_DAY; press back twice. Prints one JSON object with what
// the page showed after each step (fragment, view, counts, listed ids) for the test to check against graph.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [report, searchText, entityId, fromDay] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'isnad-drive-'));
const chromium = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--remote-debugging-port=0', '--user-data-dir=' + profile, 'about:blank'], { stdio: 'ignore' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function finish(code, output) {
  if (output) process.stdout.write(JSON.stringify(output) + '\n');
  chromium.kill();
  setTimeout(() => { rmSync(profile, { recursive: true, force: true }); process.exit(code); }, 300);
}
setTimeout(() => { process.stderr.write('workbench_drive: timed out\n'); finish(1); }, 60000);

const portFile = join(profile, 'DevToolsActivePort');
for (let i = 0; i < 400 && !existsSync(portFile); ++i) await sleep(50);
const [port, path] = readFileSync(portFile, 'utf8').split('\n');
const ws = new WebSocket('ws://127.0.0.1:' + port + path);
await new Promise((r) => ws.addEventListener('open', r, { once: true }));
let nextId = 1;
const pending = new Map();
ws.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  if (msg.id && pending.has(msg.id)) {
    pending.get(msg.id)(msg);
    pending.delete(msg.id);
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((r) => pending.set(id, r));
}
const { result: { targetId } } = await send('Target.createTarget', { url: 'about:blank' });
const { result: { sessionId } } = await send('Target.attachToTarget', { targetId, flatten: true });
async function page(expression) {
  const msg = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
  if (msg.error || msg.result.exceptionDetails) {
    process.stderr.write('workbench_drive: ' + JSON.stringify(msg.error || msg.result.exceptionDetails) + '\n');
    finish(1);
    await sleep(1000);
  }
  return msg.result.result.value;
}
// Waits until the workbench has drawn (after a navigation, a click, a history step).
async function settled() {
  for (let i = 0; i < 100; ++i) {
    // During a navigation the old document may be gone and the new one not yet there.
    if (await page(`location.protocol === 'file:' && !!document.getElementById('wb') &&
      document.documentElement.getAttribute('data-ready') === '1'`)) break;
    await sleep(50);
  }
  await sleep(250);
}
// What the page shows now.
const snapshot = () => page(`(() => {
  const wb = document.getElementById('wb');
  const list = (id) => { const e = document.getElementById(id); return e ? Number(e.dataset.count) : null; };
  return {
    hash: decodeURIComponent(location.hash), view: wb.dataset.view, selected: Number(wb.dataset.selected),
    index: Array.from(document.querySelectorAll('#wb-index tbody tr')).map((r) => r.dataset.entity),
    entity: (document.getElementById('wb-entity') || {}).dataset ? document.getElementById('wb-entity').dataset.entity : null,
    said: list('wb-said'), heard: list('wb-heard'),
    said_ids: Array.from(document.querySelectorAll('#wb-said [data-statement]')).map((c) => c.dataset.statement),
    search: (document.getElementById('wb-search') || {}).value || null,
  };
})()`);

const steps = {};
await send('Page.navigate', { url: 'file://' + resolve(report) }, sessionId);
await settled();
steps.opened = await snapshot();

await page(`document.getElementById('wb-search').focus()`);
await send('Input.insertText', { text: searchText }, sessionId);
await sleep(300);
steps.searched = await snapshot();
steps.searched.focus = await page(`document.activeElement && document.activeElement.id`);

await page(`document.querySelector('#wb-index tr[data-entity="${entityId}"] a').click()`);
await settled();
steps.entity = await snapshot();

const act = await page(`document.querySelector('.wb-act').dataset.act`);
await page(`document.querySelector('.wb-act').click()`);
await settled();
steps.act = Object.assign(await snapshot(), { act: act });

await page(`(() => { const i = document.getElementById('wb-from'); i.value = '${fromDay}';
  i.dispatchEvent(new Event('change')); })()`);
await settled();
steps.dated = await snapshot();

await page(`history.back()`);
await settled();
steps.back1 = await snapshot();
await page(`history.back()`);
await settled();
steps.back2 = await snapshot();
await page(`history.back()`);
await settled();
steps.back3 = await snapshot();
finish(0, steps);
