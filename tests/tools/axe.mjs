// Runs axe-core WCAG checks on local HTML pages and/or takes screenshots, in one
// headless Chromium (the Debian build) launched through playwright-core.
//
// usage: node axe.mjs JOB.json
// JOB: {"pages": [{"path": "/abs/index.html", "width": 1280, "colorScheme": "light",
//                  "axe": true, "screenshot": "/abs/out.png", "fullPage": true,
//                  "serve": false}],
//       "tags": ["wcag2a", ...], "executablePath": "/usr/bin/chromium"}
// With "serve": true the page's folder is served over http://127.0.0.1 (for pages
// that fetch files, which Chromium refuses on file: URLs); nothing else is reachable.
// Prints one JSON object: {"results": [{"path", "width", "violations": [...], "screenshot"}]}
import { createReadStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.xhtml': 'application/xhtml+xml', '.css': 'text/css',
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.otf': 'font/otf', '.pdf': 'application/pdf', '.epub': 'application/epub+zip',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};

// A static file server for one folder, on the loopback interface only.
function serve(root) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let file = path.join(root, path.normalize(decodeURIComponent(new URL(req.url, 'http://h').pathname)));
      if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
      try {
        if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
        statSync(file);
      } catch { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

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
      colorScheme: p.colorScheme || 'light',
    });
    let server = null;
    let url = pathToFileURL(p.path).href;
    let origin = null;
    if (p.serve) {
      server = await serve(path.dirname(p.path));
      origin = `http://127.0.0.1:${server.address().port}`;
      url = `${origin}/${encodeURIComponent(path.basename(p.path))}`;
    }
    // Nothing leaves the machine: file:, data:, blob: and the local server only.
    await context.route(/^(https?|wss?|ftp):/, (route) => (
      origin && route.request().url().startsWith(origin + '/') ? route.continue() : route.abort()));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
    const out = { path: p.path, width: p.width || 1280, pageErrors: errors, title: await page.title() };
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
    if (server) server.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }));
