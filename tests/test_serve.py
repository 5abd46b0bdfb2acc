"""``editio serve``: a real server in a subprocess on a free port of 127.0.0.1. It serves
the built edition, rebuilds when the TEI is saved, shows the located messages of a save
that does not build while keeping the last good edition, reloads an open page, and stops
on SIGINT without a traceback.

Every wait polls the server's state (``/__editio__/status``, whose version grows with
each build) or the browser's page until a deadline: no test depends on how fast the
machine is, only on the build finishing at all.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CORPUS_DIR, build_env

NOTES = CORPUS_DIR / "ss-notes1.xml"
DEADLINE = 300   # seconds: far beyond any build of this small file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


class Serving:
    """``editio serve FILE --port PORT`` in a subprocess, its stderr collected."""

    def __init__(self, editio_bin, tei: Path, out: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        args = [*editio_bin, "serve", str(tei), "--port", str(self.port)]
        if out is not None:
            args += ["--out", str(out)]
        self.proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env=build_env(), cwd=tei.parent)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if not self.ready.wait(DEADLINE):
            self.stop()
            pytest.fail("editio serve never said it was serving:\n" + "".join(self.lines), pytrace=False)
        assert self.proc.poll() is None, "".join(self.lines)

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)
            if "editio: serving " in line:
                self.ready.set()
        self.ready.set()

    def status(self) -> dict:
        return json.loads(get(self.url + "__editio__/status"))

    def wait_for(self, condition, what: str) -> dict:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            state = self.status()
            if condition(state):
                return state
            time.sleep(0.2)
        pytest.fail(f"{what}: not seen before the deadline\n" + "".join(self.lines), pytrace=False)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.reader.join(timeout=10)
        return code


@pytest.fixture
def text(tmp_path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    return Path(shutil.copy2(NOTES, folder / NOTES.name))


def edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_serve_rebuilds_shows_messages_keeps_the_last_edition_and_stops_cleanly(editio_bin, text, tmp_path):
    out = tmp_path / "served"
    server = Serving(editio_bin, text, out)
    try:
        page = get(server.url + f"{text.stem}/")
        assert "Lorem ipsum" in page and "/__editio__/reload.js" in page
        assert "editio-serve-problems" not in page
        catalogue = get(server.url)
        assert f'href="{text.stem}/index.html"' in catalogue
        assert "/__editio__/reload.js" not in (out / text.stem / "index.html").read_text(encoding="utf-8"), \
            "the reload script is added as pages are served, never written to the edition"

        version = server.status()["version"]
        edit(text, "<p>", "<p>Quetzalcoatlique ")
        server.wait_for(lambda s: s["version"] > version, "the rebuild after a save")
        assert "Quetzalcoatlique" in get(server.url + f"{text.stem}/index.html")

        version = server.status()["version"]
        edit(text, "</p>", "</q>")
        state = server.wait_for(lambda s: s["version"] > version, "the build of the broken save")
        assert state["problems"].get(text.stem), state
        page = get(server.url + f"{text.stem}/")
        banner = re.search(r'<div id="editio-serve-problems" role="alert".*?</div>', page, re.S)
        assert banner, page[:2000]
        assert re.search(rf"{re.escape(text.name)}:\d+:\d+: error E-XML-1", banner.group(0)), banner.group(0)
        assert "Quetzalcoatlique" in page, "the last edition that built is still served"

        version = server.status()["version"]
        edit(text, "</q>", "</p>")
        state = server.wait_for(lambda s: s["version"] > version, "the build of the repaired save")
        assert state["problems"] == {}
        assert "editio-serve-problems" not in get(server.url + f"{text.stem}/")
    finally:
        code = server.stop()
    log = "".join(server.lines)
    assert code == 0, log
    assert "Traceback" not in log, log
    assert log.rstrip().endswith("editio: stopped"), log


@pytest.mark.slow
def test_serve_removes_its_temporary_folder_and_refuses_a_busy_port(editio_bin, text):
    server = Serving(editio_bin, text)
    try:
        # a second server on the same port is refused with a message, not a traceback
        proc = subprocess.run([*editio_bin, "serve", str(text), "--port", str(server.port)],
                              capture_output=True, text=True, env=build_env(), timeout=120)
        assert proc.returncode == 1 and "choose another port with --port" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
        built_into = Path(re.search(r"built into (\S+);", "".join(server.lines)).group(1))
        assert (built_into / text.stem / "index.html").is_file()
    finally:
        assert server.stop() == 0
    assert not built_into.exists(), "the temporary build folder is removed"


RELOAD_SCRIPT = r"""
const { chromium } = require('playwright-core');
const job = JSON.parse(process.env.EDITIO_JOB);
(async () => {
  const browser = await chromium.launch({ executablePath: job.chromium, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(job.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('script[src*="reload.js"]') !== null);
    process.stdout.write('ready\n');
    // the test edits the TEI now; the page must reload by itself and show the new word
    await page.waitForFunction((word) => document.body.innerText.indexOf(word) >= 0, job.word, { timeout: 300000 });
    process.stdout.write('reloaded\n');
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
"""


@pytest.mark.oracle
@pytest.mark.slow
def test_an_open_page_reloads_itself_after_a_save(editio_bin, text, tools):
    server = Serving(editio_bin, text)
    try:
        job = {"chromium": tools.chromium(), "url": server.url + f"{text.stem}/", "word": "Xylophonique"}
        browser = subprocess.Popen([tools.node(), "-e", RELOAD_SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, cwd=tools.TOOLS, env=dict(os.environ, EDITIO_JOB=json.dumps(job)))
        assert browser.stdout.readline().strip() == "ready", browser.stderr.read()
        edit(text, "<p>", "<p>Xylophonique ")
        said = browser.stdout.readline().strip()
        code = browser.wait(timeout=DEADLINE)
        assert said == "reloaded" and code == 0, browser.stderr.read()
    finally:
        assert server.stop() == 0


def test_changes_rebuild_what_they_touch(tmp_path):
    from watchfiles import Change

    from editio import serve, stylesheets

    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    out = tmp_path / "out"
    files = [a, b]
    assert serve._affected({(Change.modified, str(a))}, files, out) == [a]
    assert serve._affected({(Change.modified, str(out / "a" / "index.html"))}, files, out) == []
    assert serve._affected({(Change.modified, str(tmp_path / "part.xml"))}, files, out) == files
    css = stylesheets.styles_dir() / "media" / "screen.css"
    assert serve._affected({(Change.modified, str(css))}, files, out) == files
    assert serve._affected({(Change.added, str(tmp_path / "notes.txt"))}, files, out) == []
