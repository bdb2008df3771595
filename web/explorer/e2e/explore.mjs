// End-to-end test of the explorer in headless Chromium, run by the Go test
// TestExplorerInBrowser (cmd/silkgraph) against a real server on the seed data:
//
//   node e2e/explore.mjs http://127.0.0.1:PORT OUTDIR
//
// It searches Hytera, expands the body-cam purchase, opens the supply edge of
// MIBO Komunikacije and reads its source quote, finds the paths from Huawei to
// the City of Belgrade, exports the view, reopens its URL, follows GraphiQL's
// link to the explorer, and writes
// screenshots and exports into OUTDIR (canvas.png, explorer.png, narrow.png,
// view.png, view.graphml) for the Go test to check. Exits non-zero on failure.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, settled } from './browser.mjs';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node e2e/explore.mjs BASE_URL OUTDIR');
  process.exit(2);
}
await mkdir(out, { recursive: true });

const PURCHASE = 'sarajevo-canton-bodycam-purchase-2023';
const MIBO = 'mibo-komunikacije';
const MINISTRY = 'sarajevo-canton-ministry-of-interior';
const SUPPLY = `${MIBO}|SUPPLIER_OF|${PURCHASE}`;
const QUOTE = 'The equipment was acquired from a Sarajevo-based supplier called MIBO Komunikacije in November 2023';

const { browser, problems, open } = await launch();

/**
 * Where to click an element of the graph on the page: a node's center, or a
 * point along an edge that no node (or its label) covers.
 */
const at = (page, id) =>
  page.evaluate((id) => {
    const cy = window.explorer.cy;
    const el = cy.getElementById(id);
    if (el.empty() || !el.visible()) return null;
    const box = cy.container().getBoundingClientRect();
    let p = el.isNode() ? el.renderedPosition() : null;
    if (el.isEdge()) {
      const [a, b] = [el.renderedSourceEndpoint(), el.renderedTargetEndpoint()];
      const covered = (q) => cy.nodes(':visible').some((n) => {
        const bb = n.renderedBoundingBox();
        return q.x >= bb.x1 && q.x <= bb.x2 && q.y >= bb.y1 && q.y <= bb.y2;
      });
      p = [0.5, 0.4, 0.6, 0.3, 0.7].map((t) => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t })).find((q) => !covered(q)) ?? el.renderedMidpoint();
    }
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);

/** Fails unless every id is a shown element drawn inside the canvas. */
async function onCanvas(page, ...ids) {
  for (const id of ids) {
    const inside = await page.evaluate((id) => {
      const cy = window.explorer.cy;
      const el = cy.getElementById(id);
      if (el.empty() || !el.visible()) return false;
      const b = el.renderedBoundingBox();
      const c = cy.container();
      return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= c.clientWidth && b.y2 <= c.clientHeight;
    }, id);
    if (!inside) throw new Error(`${id} is not drawn on the canvas`);
  }
}

async function pick(page, input, text, option) {
  await page.fill(input, text);
  await page.locator(`${input} + ul [role=option]`, { hasText: option }).first().click();
}

const step = (name) => console.log(`explore.mjs: ${name}`);

let page;
try {
  step('open /explore at 1280x800');
  page = await open(`${base}/explore`, { width: 1280, height: 800 });

  step('a search that no entity matches in full says so');
  await page.fill('#search', 'Hytera xylophone');
  await page.locator('#search-list [role=option]', { hasText: 'Hytera' }).first().waitFor();
  await page.locator('#search-list .option-note', { hasText: 'No entity matches all the words' }).waitFor();
  await page.fill('#search', '');
  await page.keyboard.press('Escape');

  step('search "Hytera" and choose it with the keyboard');
  await page.press('body', '/');
  await page.keyboard.type('Hytera', { delay: 20 });
  await page.locator('#search-list [role=option]', { hasText: 'Hytera' }).first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.explorer.cy.getElementById(id).visible(), PURCHASE);
  await settled(page);
  await page.locator('#details-title', { hasText: 'Hytera' }).waitFor();
  await onCanvas(page, 'hytera', PURCHASE);

  step('double-click the body-cam purchase to expand it');
  const purchase = await at(page, PURCHASE);
  await page.mouse.dblclick(purchase.x, purchase.y);
  await page.waitForFunction((ids) => ids.every((id) => window.explorer.cy.getElementById(id).visible()), [MIBO, MINISTRY]);
  await settled(page);
  await page.keyboard.press('f'); // fit, from the keyboard
  await settled(page);
  await onCanvas(page, MIBO, MINISTRY, SUPPLY);

  step('open the supply edge of MIBO Komunikacije and read its source');
  const edge = await at(page, SUPPLY);
  await page.mouse.click(edge.x, edge.y);
  await page.locator('#details-title', { hasText: 'supplier of' }).waitFor();
  await page.locator('#details blockquote', { hasText: QUOTE }).first().waitFor();

  step('find the paths from Huawei to the City of Belgrade');
  await pick(page, '#path-from', 'Huawei', 'Huawei');
  await pick(page, '#path-to', 'Belgrade', 'City of Belgrade');
  await page.click('#path-find');
  // Six paths connect them (the Smart City MoU twice); five are listed.
  await page.locator('#path-results', { hasText: 'The 5 shortest of more paths; the shortest has 2 hops' }).waitFor();
  await settled(page);
  const lit = await page.evaluate(() => window.explorer.cy.$('node.path').map((n) => n.id()));
  for (const id of ['huawei', 'belgrade']) {
    if (!lit.includes(id)) throw new Error(`the path does not light ${id}: lit ${lit}`);
  }
  await page.keyboard.press('f');
  await settled(page);

  step('screenshots and exports');
  await page.locator('#graph').screenshot({ path: path.join(out, 'canvas.png') });
  await page.screenshot({ path: path.join(out, 'explorer.png') });
  for (const [button, file] of [
    ['#export-png', 'view.png'],
    ['#export-graphml', 'view.graphml'],
  ]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    await download.saveAs(path.join(out, file));
  }

  step('reopen the view from its URL');
  const url = page.url();
  for (const want of [`expand=hytera,${PURCHASE}`, 'path=huawei,belgrade', 'select=']) {
    if (!url.includes(want)) throw new Error(`the URL ${url} lacks ${want}`);
  }
  const ids = (p) => p.evaluate(() => window.explorer.cy.elements(':visible').map((el) => el.id()).sort().join(' '));
  const again = await open(url, { width: 1280, height: 800 });
  if ((await ids(again)) !== (await ids(page))) throw new Error('the reopened URL shows another graph');
  await again.locator('#details blockquote', { hasText: QUOTE }).first().waitFor();
  await again.locator('#path-results', { hasText: 'the shortest has 2 hops' }).waitFor();

  step('narrow screen');
  await again.setViewportSize({ width: 390, height: 800 });
  await again.keyboard.press('f');
  await settled(again);
  await again.locator('#toggle-controls').waitFor({ state: 'visible' });
  const fits = await again.evaluate(() => [...document.querySelectorAll('#details, #graph, header')].every((el) => el.getBoundingClientRect().right <= window.innerWidth + 1));
  if (!fits) throw new Error('the page is wider than a narrow screen');
  await again.screenshot({ path: path.join(out, 'narrow.png') });
  await again.click('#toggle-controls');
  await again.waitForFunction(() => getComputedStyle(document.getElementById('controls')).transform === 'none'); // slid in
  await again.locator('#path-find').waitFor({ state: 'visible' });
  await again.screenshot({ path: path.join(out, 'narrow-controls.png') });

  step('GraphiQL links to the explorer');
  const ide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  ide.setDefaultTimeout(20_000);
  await ide.goto(`${base}/`);
  await ide.locator('a[href="/explore"]').click();
  await ide.waitForURL(`${base}/explore`);
  await settled(ide);

  if (problems.length > 0) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
  step('ok');
} catch (err) {
  console.error(`explore.mjs: FAIL: ${err.message}`);
  if (page) await page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
