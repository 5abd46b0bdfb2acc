// What a reader sees of local pages: each page's innerText (CSS applied, hidden
// elements left out) in one headless Chromium (the Debian build, via playwright-core),
// a few tabs reused for every page, so that hundreds of small pages take seconds.
//
// usage: node reader.mjs JOB.json
// JOB: {"pages": [{"path": "/abs/index.html", "click": "#diplomatic-toggle"}],
//       "executablePath": "/usr/bin/chromium", "width": 1280}
// "click" clicks an element after loading, as a reader would, before the text is taken.
// Prints {"results": [{"path", "text", "pageErrors"}]}. Nothing leaves the machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await chromium.launch({
  executablePath: job.executablePath || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage', '--disable-remote-fonts'],
  timeout: 60000,
});
const results = [];
try {
  // a few tabs at once: a navigation mostly waits, so tabs overlap well
  const tabs = Math.max(1, Math.min(job.tabs || 4, job.pages.length));
  const slots = new Array(job.pages.length);
  let next = 0;
  async function worker() {
    // a context of its own: what one page remembers (the reading view) reaches no other tab
    const context = await browser.newContext({
      viewport: { width: job.width || 1280, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce',
    });
    await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
    // every page as a first-time reader sees it: no view remembered from the page before
    await context.addInitScript(() => { try { window.localStorage.clear(); } catch (e) { /* none */ } });
    const page = await context.newPage();
    let errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    while (next < job.pages.length) {
      const i = next++;
      const p = job.pages[i];
      errors = [];
      await page.goto(pathToFileURL(p.path).href, { waitUntil: 'load', timeout: 60000 });
      if (p.click) {
        await page.click(p.click, { timeout: 120000 });
      }
      const text = await page.evaluate(() => document.body.innerText);
      slots[i] = { path: p.path, text, pageErrors: errors };
    }
  }
  await Promise.all(Array.from({ length: tabs }, worker));
  results.push(...slots);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }));
