"""``editio serve``: write a text and see its web edition change as you save.

The web editions of the given TEI files (and their catalogue, as ``editio site`` makes
it) are built into a folder of their own (a temporary one unless ``--out`` names one,
so ``dist/`` and ``make`` never see a lenient, half-finished build) and served on
``http://127.0.0.1:PORT/``. The TEI files' folders and editio's ``styles/`` are watched
with ``watchfiles`` (native file-system events, debounced, editors' temporary files
ignored); a save rebuilds what it touched and every open page reloads itself.

Each build runs ``editio build`` in a child process: styles and labels are read afresh
each time, a crash cannot take the server down, and a failed build leaves the last good
edition in place (``editio build`` writes nothing when it fails). Its located messages
(``FILE:LINE:COL: error CODE: text``) are shown at the top of the page until a save
builds again. The reload is a small script added to the pages as they are served
(never to the files), listening to server-sent events.

Ctrl-C (or SIGTERM) stops the watcher and the server, ends a build in progress and
removes the temporary folder; it is the normal way out and exits 0.
"""

from __future__ import annotations

import html
import http.server
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import i18n, stylesheets

PREFIX = "/__editio__/"
_LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning) ")
_BODY = re.compile(rb"<body\b[^>]*>", re.I)

RELOAD_JS = """// editio serve: reload this page when its edition has been built again.
(function () {
  'use strict';
  var me = document.currentScript;
  var seen = me && me.getAttribute('data-version');
  if (!window.EventSource) { return; }
  var events = new EventSource('%sevents');
  events.onmessage = function (e) {
    if (seen !== null && e.data !== seen) { events.close(); window.location.reload(); }
  };
}());
""" % PREFIX


class ServeError(Exception):
    """A problem that stops 'editio serve' before it serves (a busy port, a name clash)."""


class State:
    """What the server knows: a version that grows with every build, and the messages of
    the builds that failed, by edition name."""

    def __init__(self):
        self.version = 0
        self.problems: dict[str, list[str]] = {}
        self.changed = threading.Condition()
        self.stopping = threading.Event()

    def publish(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or self.stopping.is_set(), timeout)
            return self.version


class Builder:
    """Builds web editions and the catalogue in child processes, one at a time."""

    def __init__(self, files: list[Path], out: Path, state: State, *, strict: bool, echo):
        self.files = files
        self.out = out
        self.state = state
        self.strict = strict
        self.echo = echo
        self.lock = threading.Lock()
        self.child: subprocess.Popen | None = None

    def _run(self, args: list[str]) -> tuple[int, str]:
        with self.lock:
            if self.state.stopping.is_set():
                return 1, ""
            # A session of its own: a Ctrl-C in the terminal reaches the server, which
            # then ends the child itself, instead of both printing at once.
            self.child = subprocess.Popen([sys.executable, "-m", "editio", *args], stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = self.child.communicate()
            return self.child.returncode, (out or "") + (err or "")
        finally:
            self.child = None

    def stop(self) -> None:
        child = self.child
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()

    def build(self, paths: list[Path]) -> None:
        for path in paths:
            if self.state.stopping.is_set():
                return
            args = ["build", str(path), "--format", "html", "--out", str(self.out), "--quiet"]
            if self.strict:
                args.append("--strict")
            code, output = self._run(args)
            if self.state.stopping.is_set():
                return
            if code == 0:
                if self.state.problems.pop(path.stem, None) is not None:
                    self.echo(f"editio: {path}: built again")
                else:
                    self.echo(f"editio: {path}: built")
            else:
                lines = [line for line in output.splitlines() if line.strip()]
                located = [line for line in lines if _LOCATED.match(line) and " error " in line]
                self.state.problems[path.stem] = located or lines[-20:] or [f"{path}: the build failed"]
                for line in self.state.problems[path.stem]:
                    self.echo(line)
                self.echo(f"editio: {path}: not built; serving the last edition that built")
        self._run(["site", str(self.out), "--quiet"])
        self.state.publish()


# --- HTTP ---------------------------------------------------------------------------------


def _banner(state: State, names: list[str], lang: str) -> bytes:
    """The located messages of the failed builds, at the top of a page."""
    shown = [(n, state.problems[n]) for n in names if n in state.problems]
    if not shown:
        return b""
    words = i18n.label("rebuild-failed", lang)
    parts = ['<div id="editio-serve-problems" role="alert" style="position:sticky;top:0;z-index:100;'
             'max-width:none;margin:0 -1.125rem 1rem;padding:0.75rem 1.125rem;background:#7a1c0c;color:#fff;'
             'font:0.9rem/1.45 system-ui,sans-serif">']
    for name, lines in shown:
        parts.append(f"<p style=\"margin:0 0 0.4rem\"><strong>{html.escape(name)}</strong>: "
                     f"{html.escape(words)}</p>")
        parts.append('<pre style="margin:0 0 0.5rem;white-space:pre-wrap;font:0.85rem/1.4 ui-monospace,monospace">')
        parts.append(html.escape("\n".join(lines)))
        parts.append("</pre>")
    parts.append("</div>")
    return "".join(parts).encode("utf-8")


def _handler(out: Path, state: State):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(out), **kwargs)

        def log_message(self, format, *args):  # a quiet server: the builds speak, not every request
            return

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            path = unquote(urlsplit(self.path).path)
            if path.startswith(PREFIX):
                return self._own(path[len(PREFIX):])
            local = Path(self.translate_path(self.path))
            parts = [p for p in path.split("/") if p]
            if len(parts) == 1 and parts[0] in state.problems and not local.exists():
                return self._page(path, local / "index.html")   # never built: only the messages
            if local.is_dir():
                if not path.endswith("/"):
                    return super().do_GET()        # the redirect to NAME/
                local = local / "index.html"
            if local.suffix == ".html":
                return self._page(path, local)
            return super().do_GET()

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _page(self, path: str, local: Path) -> None:
            parts = [p for p in path.split("/") if p]
            edition = parts[0] if len(parts) >= 1 and parts[0] != "index.html" else None
            names = [edition] if edition else sorted(state.problems)
            if local.is_file():
                body = local.read_bytes()
                lang = (re.search(rb'<html[^>]*\blang="([^"]+)"', body) or [b"", b"en"])[1].decode()
            elif edition in state.problems:
                lang = "en"
                body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(edition)}'
                        "</title></head><body></body></html>\n").encode()
            else:
                return self.send_error(404)
            script = (f'<script src="{PREFIX}reload.js" data-version="{state.version}"></script>').encode()
            banner = _banner(state, names, lang)
            match = _BODY.search(body)
            if match:
                body = body[:match.end()] + banner + script + body[match.end():]
            else:
                body = banner + script + body
            self._send(200, "text/html; charset=utf-8", body)

        def _own(self, what: str) -> None:
            if what == "reload.js":
                return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode("utf-8"))
            if what == "status":
                data = {"version": state.version, "problems": state.problems}
                return self._send(200, "application/json", json.dumps(data).encode("utf-8"))
            if what == "events":
                return self._events()
            return self.send_error(404)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            version = state.version
            try:
                self.wfile.write(f"retry: 1000\ndata: {version}\n\n".encode())
                self.wfile.flush()
                while not state.stopping.is_set():
                    now = state.wait(version, timeout=15)
                    if state.stopping.is_set():
                        break
                    message = f"data: {now}\n\n" if now != version else ": keep-alive\n\n"
                    version = now
                    self.wfile.write(message.encode())
                    self.wfile.flush()
            except OSError:
                pass            # the page went away

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


# --- the command --------------------------------------------------------------------------


def _watched(files: list[Path], out: Path) -> tuple[list[Path], Path]:
    folders = sorted({f.resolve().parent for f in files})
    return folders + [stylesheets.styles_dir().resolve()], out.resolve()


def _affected(changes, files: list[Path], out: Path) -> list[Path]:
    """The TEI files a set of changes asks to rebuild (all of them for a style)."""
    by_path = {f.resolve(): f for f in files}
    styles = stylesheets.styles_dir().resolve()
    wanted: list[Path] = []
    for _, changed in sorted(changes):
        path = Path(changed).resolve()
        if path == out or out in path.parents:
            continue
        if path in by_path:
            wanted.append(by_path[path])
        elif styles in path.parents or path.suffix in (".xml", ".rng", ".sch", ".xsl"):
            return list(files)   # a stylesheet, a label or an included part: everything
    return list(dict.fromkeys(wanted))


def serve(files: list[Path], *, port: int = 8000, out: Path | None = None, strict: bool = False,
          quiet: bool = False, ready=None) -> int:
    """Build, serve and watch until interrupted; returns the exit code."""
    from watchfiles import watch

    def echo(line: str) -> None:
        if not quiet or " error " in line:
            print(line, file=sys.stderr, flush=True)

    stems = [f.stem for f in files]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        raise ServeError(f"two files would be the same edition: {', '.join(clash)}")
    temporary = out is None
    out = Path(tempfile.mkdtemp(prefix="editio-serve-")) if out is None else Path(out)
    out.mkdir(parents=True, exist_ok=True)
    state = State()
    builder = Builder(files, out, state, strict=strict, echo=echo)
    httpd = None
    watcher = None
    # Ctrl-C and SIGTERM end serve_forever() with KeyboardInterrupt; the finally clause
    # stops everything else. Both are set here, as a shell that starts a job in the
    # background may have told it to ignore SIGINT.
    previous = _stop_on_signals()
    try:
        try:
            httpd = _Server(("127.0.0.1", port), _handler(out, state))
        except OSError as exc:
            raise ServeError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror or exc}); "
                             "choose another port with --port") from None
        # What each file was when it was last built: a save made before the watcher is
        # running (it starts after the first build) has no event, only a new stamp.
        stamps = {f: _stamp(f) for f in files}
        builder.build(files)
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"

        def watching():
            folders, out_dir = _watched(files, out)
            for changes in watch(*folders, stop_event=state.stopping, debounce=300, step=50,
                                 raise_interrupt=False, yield_on_timeout=True, rust_timeout=500):
                wanted = _affected(changes, files, out_dir) if changes else []
                wanted += [f for f in files if f not in wanted and _stamp(f) != stamps[f]]
                if wanted and not state.stopping.is_set():
                    stamps.update({f: _stamp(f) for f in wanted})
                    builder.build(wanted)

        watcher = threading.Thread(target=watching, name="editio-watch", daemon=True)
        watcher.start()
        echo(f"editio: serving {url} (catalogue; editions at {url}NAME/), built into {out}; "
             f"watching {len(files)} file(s) and the styles; Ctrl-C to stop")
        if ready is not None:
            ready(url)
        httpd.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        state.stopping.set()
        with state.changed:
            state.changed.notify_all()
        builder.stop()
        if httpd is not None:
            httpd.server_close()
        if watcher is not None:
            watcher.join(timeout=5)
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    echo("editio: stopped")
    return 0


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _stop_on_signals() -> dict:
    """SIGINT and SIGTERM raise KeyboardInterrupt (in the main thread only, where Python
    lets a handler be set); returns the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum, frame):
        raise KeyboardInterrupt

    return {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}


def default_files() -> list[Path]:
    """The project's texts when no file is named: tei/*.xml of the current folder."""
    return sorted(Path("tei").glob("*.xml"))


__all__ = ["ServeError", "default_files", "serve"]

