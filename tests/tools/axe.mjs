// Runs axe-core WCAG checks on local HTML pages and/or takes screenshots, in one
// headless Chromium (the Debian build) launched through playwright-core.
//
// usage: node axe.mjs JOB.json
// JOB: {"pages": [{"path": "/abs/index.html", "width": 1280,
//                  "axe": true, "screenshot": "/abs/out.png", "fullPage": true}],
//       "tags": ["wcag2a", ...], "executablePath": "/usr/bin/chromium"}
// Prints one JSON object: {"results": [{"path", "width", "violations": [...], "screenshot"}]}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tags = job.tags || ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const browser = await chromium.launch({
  executablePath: job.executablePath || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
  timeout: 60000,
});
const results = [];
try {
  for (const p of job.pages) {
    const context = await browser.newContext({
      viewport: { width: p.width || 1280, height: p.height || 900 },
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
    });
    // Nothing leaves the machine: only file: and data: URLs load.
    await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(p.path).href, { waitUntil: 'load', timeout: 60000 });
    const out = { path: p.path, width: p.width || 1280, pageErrors: errors };
    if (p.screenshot) {
      await page.screenshot({ path: p.screenshot, fullPage: p.fullPage !== false, timeout: 60000 });
      out.screenshot = p.screenshot;
    }
    if (p.axe !== false) {
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(async (runTags) => {
        // eslint-disable-next-line no-undef
        const res = await axe.run(document, { runOnly: { type: 'tag', values: runTags }, resultTypes: ['violations'] });
        return { violations: res.violations, incomplete: res.incomplete.length };
      }, tags);
      out.violations = r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 300), summary: n.failureSummary })),
      }));
    }
    results.push(out);
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }));
