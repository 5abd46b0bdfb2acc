// A corpus catalogue's search timed as a reader uses it, in headless Chromium (the Debian
// build, via playwright-core), from file:// (nothing leaves the machine): type a word and
// wait for the first hits (the editions' text is indexed as it loads), wait until every
// edition is indexed, then type a second word and time its hits from the keystroke, and a
// third with Enter (the search alone, without the pause typing allows).
//
// usage: node site_search.mjs CATALOGUE.html FIRST SECOND THIRD [CHROMIUM]
// Prints {"firstHitsMs", "allIndexedMs", "typedQueryMs", "enterQueryMs", "heapMB", …}.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [catalogue, first, second] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.argv[6] || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(pathToFileURL(catalogue).href, { waitUntil: 'load' });
const loadingText = await page.getAttribute('form.search', 'data-loading');
const t0 = Date.now();
await page.fill('#search-input', first);
await page.waitForFunction(() => document.querySelectorAll('a.search-hit-link').length > 0, null, { timeout: 600000, polling: 20 });
const tFirst = Date.now() - t0;
await page.waitForFunction((l) => { const s = document.querySelector('form.search [role=status]'); return s && s.textContent && !s.textContent.includes(l); }, loadingText, { timeout: 600000, polling: 50 });
const tAll = Date.now() - t0;
const memory = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : null);
// the corpus is indexed: a second query, timed from the keystroke to its hits
const before = await page.evaluate(() => document.querySelector('form.search [role=status]').textContent);
const t1 = Date.now();
await page.fill('#search-input', second);
await page.waitForFunction((b) => { const s = document.querySelector('form.search [role=status]'); return s && s.textContent && s.textContent !== b; }, before, { timeout: 60000, polling: 5 });
const tSecond = Date.now() - t1;
const status = await page.evaluate(() => document.querySelector('form.search [role=status]').textContent);
// and with Enter (no pause for typing): the search itself, from the key to the hits
const third = process.argv[5] || 'Gregory';
const before3 = status;
await page.evaluate((q) => { document.querySelector('#search-input').value = q; }, third);
const t3 = Date.now();
await page.press('#search-input', 'Enter');
await page.waitForFunction((b) => { const s = document.querySelector('form.search [role=status]'); return s && s.textContent && s.textContent !== b; }, before3, { timeout: 60000, polling: 'raf' });
const tEnter = Date.now() - t3;
const status3 = await page.evaluate(() => document.querySelector('form.search [role=status]').textContent);
console.log(JSON.stringify({ firstHitsMs: tFirst, allIndexedMs: tAll, typedQueryMs: tSecond, status, enterQueryMs: tEnter, status3, heapMB: memory && Math.round(memory / 1e6) }));
await browser.close();
