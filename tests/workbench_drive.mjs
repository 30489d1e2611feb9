// Drives report.html's workbench in headless Chromium as a user would, over the Chrome DevTools protocol
// (tests/cdp.mjs: no npm package; Node 18 or later), for tests/workbench_test.cpp:
//
//   node tests/workbench_drive.mjs REPORT.html SEARCH ENTITY_ID FROM_DAY
//
// Steps: open the page; type SEARCH into the search box; click ENTITY_ID's row in the index; click the chip of the
// first act its page offers; set the "from" date to FROM_DAY; press back twice. Prints one JSON object with what
// the page showed after each step (fragment, view, counts, listed ids) for the test to check against graph.json.
import { resolve } from 'node:path';
import { launch } from './cdp.mjs';

const [report, searchText, entityId, fromDay] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const browser = await launch();
function finish(code, output) {
  if (output) process.stdout.write(JSON.stringify(output) + '\n');
  browser.close();
  setTimeout(() => process.exit(code), 400);
}
setTimeout(() => { process.stderr.write('workbench_drive: timed out\n'); finish(1); }, 60000);
const tab = await browser.newTab();
async function page(expression) {
  const result = await tab.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (result.exceptionDetails) {
    process.stderr.write('workbench_drive: ' + JSON.stringify(result.exceptionDetails) + '\n');
    finish(1);
    await sleep(1000);
  }
  return result.result.value;
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
await tab.send('Page.navigate', { url: 'file://' + resolve(report) });
await settled();
steps.opened = await snapshot();

await page(`document.getElementById('wb-search').focus()`);
await tab.send('Input.insertText', { text: searchText });
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
