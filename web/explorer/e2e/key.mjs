// The explorer on a server whose reads need an API key, in headless
// Chromium, run by the Go test TestExplorerWithAKey (cmd/silkgraph):
//
//   node e2e/key.mjs http://127.0.0.1:PORT KEY OUTDIR
//
// Without a key the page says that one is needed, a wrong key is refused
// with a message, and one with a space is not taken; with the right key it
// searches and draws, a server export downloads (saved as OUTDIR/server.graphml
// for the Go test to check), and the key outlives a reload of the tab;
// forgotten, it is no longer sent. Exits non-zero on failure.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, settled } from './browser.mjs';

const [base, key, out] = process.argv.slice(2);
if (!base || !key || !out) {
  console.error('usage: node e2e/key.mjs BASE_URL KEY OUTDIR');
  process.exit(2);
}
await mkdir(out, { recursive: true });

const { browser, problems, open } = await launch();
const step = (name) => console.log(`key.mjs: ${name}`);
const NEEDS_KEY = 'This server needs an API key';

let page;
try {
  step('open /explore without a key');
  page = await open(`${base}/explore`, { width: 1280, height: 800 });
  await page.locator('#alert', { hasText: NEEDS_KEY }).waitFor();
  const refused = () => {
    // The browser logs each refused request; those are expected here, nothing else is.
    const rest = problems.filter((p) => !p.includes('status of 401'));
    problems.length = 0;
    problems.push(...rest);
  };
  refused();

  step('a wrong key is refused, and the page says so');
  await page.fill('#api-key', 'sgk_wrong');
  await page.click('#key-use');
  await page.locator('#alert', { hasText: 'The server refused the API key' }).waitFor();
  refused();

  step('a key with a space is not taken, and the page says why');
  await page.fill('#api-key', 'sgk_01 23');
  await page.click('#key-use');
  await page.locator('#alert', { hasText: 'An API key has no spaces in it' }).waitFor();
  if ((await page.evaluate(() => sessionStorage.getItem('silkgraph-api-key'))) !== 'sgk_wrong') {
    throw new Error('the key with a space replaced the one in use');
  }

  step('enter the key and search');
  await page.fill('#api-key', key);
  await page.click('#key-use');
  await page.fill('#search', 'Hytera');
  await page.locator('#search-list [role=option]', { hasText: 'Hytera' }).first().click();
  await page.waitForFunction(() => window.explorer.cy.getElementById('hytera').visible());
  await settled(page);
  if ((await page.textContent('#alert')).trim() !== '') throw new Error(`an alert with the key: ${await page.textContent('#alert')}`);

  step('download a server export with the key');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#server-exports a[href="/export/graphml"]')]);
  if (download.suggestedFilename() !== 'silkgraph-graph.graphml') throw new Error(`the export is named ${download.suggestedFilename()}`);
  await download.saveAs(path.join(out, 'server.graphml'));

  step('reload: the tab keeps the key');
  await page.reload();
  await settled(page);
  await page.waitForFunction(() => window.explorer.cy.getElementById('hytera').visible());
  if ((await page.inputValue('#api-key')) !== key) throw new Error('the key field is empty after a reload');

  if (problems.length > 0) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);

  step('forget the key');
  await page.click('#key-forget');
  await page.locator('#alert', { hasText: NEEDS_KEY }).waitFor();
  refused();
  if (problems.length > 0) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
  step('ok');
} catch (err) {
  console.error(`key.mjs: FAIL: ${err.message}`);
  if (page) await page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
