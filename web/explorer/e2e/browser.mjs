// What the explorer's browser tests share: headless Chromium, pages that
// record their problems, and waiting for the graph to settle.
import { chromium } from 'playwright-core';

/** Starts Chromium; problems collects what the pages report. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // Without the background-networking flags Chromium keeps calling home, which this machine refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];

  /** A page that records console errors, uncaught exceptions and failed requests. */
  async function open(url, viewport) {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(url);
    await settled(page);
    return page;
  }
  return { browser, problems, open };
}

/** Waits until the graph is loaded and laid out and the viewport is still. */
export const settled = (page) =>
  page.waitForFunction(() => document.getElementById('graph').getAttribute('aria-busy') === 'false' && !window.explorer.cy.animated());
