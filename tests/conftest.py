"""Shared fixtures: the repository, the real TEI corpus, the CLI, and built editions.

Editions are built once per TEI file per test session by running the real
``editio build`` command, exactly as a user would, and shared by every test that
reads them (web, EPUB, PDF, fidelity). Builds use a fixed ``SOURCE_DATE_EPOCH``
so outputs are reproducible.

Missing checkers make tests fail, never skip: ``bash tests/tools/install.sh``
installs them (``make test`` runs it first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import checkers  # noqa: E402

REPO = TESTS.parent

CORPUS_DIR = TESTS / "fixtures" / "corpus"
# The full corpus (with the large novels the benchmarks read) lies beside the repository
# on development and CI machines; the tests' own fixtures are in CORPUS_DIR.
SHARED_CORPUS_DIR = REPO.parent / "shared" / "corpus"
SOURCE_DATE_EPOCH = "1700000000"
BUILD_TIMEOUT = 900  # seconds; the largest fixture builds in far less
# Tests change stylesheets and stages in the process (monkeypatch) and expect them to run:
# the hub cache is off unless a test turns it on (tests/test_hub_cache.py).
os.environ["EDITIO_CACHE_HUBS"] = "off"


@pytest.fixture(scope="session", autouse=True)
def _library_temporary_files(tmp_path_factory):
    """Temporary files made in the test processes (WeasyPrint's font folders, which it
    removes only when its font configuration is collected, never in a forked worker that
    exits at once) go into pytest's own folder, not the machine's /tmp. Builds run as
    editio processes keep theirs in editio's scratch folders, as in use."""
    import tempfile

    previous = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("library-temp"))
    yield
    tempfile.tempdir = previous


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


class _Corpus(dict):
    """The fixtures (what iterating gives); the shared corpus answers lookups they miss."""

    def _shared(self, key) -> Path | None:
        path = SHARED_CORPUS_DIR / f"{key}.xml"
        return path if isinstance(key, str) and path.is_file() else None

    def __missing__(self, key):
        path = self._shared(key)
        if path is None:
            raise KeyError(f"{key}.xml is neither in {CORPUS_DIR} nor in {SHARED_CORPUS_DIR}")
        return path

    def __contains__(self, key):
        return super().__contains__(key) or self._shared(key) is not None


@pytest.fixture(scope="session")
def corpus() -> dict[str, Path]:
    """The real TEI files of tests/fixtures/corpus (see its MANIFEST.md), keyed by
    file stem: ``corpus["letter-escher-K0176"]``; iterating gives exactly these.

    The large novels the benchmarks use (``corpus["eltec-eng-large"]``) are looked
    up in ../shared/corpus, beside the repository; where it is absent, asking for
    them fails with a message naming both folders.
    """
    files = {p.stem: p for p in sorted(CORPUS_DIR.glob("*.xml"))}
    assert files, f"no TEI files in {CORPUS_DIR}"
    return _Corpus(files)


@pytest.fixture(scope="session")
def tools():
    """The checkers module, after making sure every external checker is installed."""
    try:
        checkers.require_all()
    except checkers.ToolMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    return checkers


def _editio_command() -> list[str]:
    # The console script beside the running interpreter (the project's virtualenv),
    # then one on PATH, then the module itself.
    here = Path(sys.executable).parent / "editio"
    if here.exists():
        return [str(here)]
    venv = REPO / ".venv" / "bin" / "editio"
    if venv.exists():
        return [str(venv)]
    found = shutil.which("editio")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from editio.cli import main; sys.exit(main())"]


@pytest.fixture(scope="session")
def editio_bin() -> list[str]:
    """The command that runs the editio CLI, as an argv prefix."""
    return _editio_command()


_HUBS: dict[Path, object] = {}


def prepared_hub(tei_path: Path):
    """The hub of a TEI file (``editio.build.prepare``, lenient), made once per session."""
    from editio import build

    tei_path = Path(tei_path).resolve()
    if tei_path not in _HUBS:
        hub, diagnostics = build.prepare(tei_path, strict=False)
        assert hub is not None, "\n".join(d.format() for d in diagnostics)
        _HUBS[tei_path] = hub
    return _HUBS[tei_path]


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    env.setdefault("PYTHONHASHSEED", "0")
    return env


class EditionBuilder:
    """Builds a TEI file with ``editio build`` once per session and remembers the result.

    ``builder(tei_path)`` returns ``OUT/NAME`` (the edition folder, holding
    index.html, NAME.epub, NAME.pdf). A failed build fails every test asking for
    it with the CLI's own messages, without building again.
    """

    def __init__(self, base: Path, command: list[str]):
        self.base = base
        self.command = command
        self._done: dict[tuple[Path, str], Path] = {}
        self._failed: dict[tuple[Path, str], str] = {}
        self.logs: dict[Path, str] = {}

    def __call__(self, tei_path: Path, formats: str = "html,epub,pdf") -> Path:
        tei_path = Path(tei_path).resolve()
        key = (tei_path, formats)
        if key in self._done:
            return self._done[key]
        if key in self._failed:
            pytest.fail(self._failed[key], pytrace=False)
        out = self.base / f"{len(self._done) + len(self._failed):02d}-{formats.replace(',', '-')}"
        cmd = [*self.command, "build", str(tei_path), "--out", str(out), "--format", formats]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=build_env(), cwd=REPO,
                                  timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._failed[key] = f"`{' '.join(cmd)}` did not finish in {BUILD_TIMEOUT} s"
            pytest.fail(self._failed[key], pytrace=False)
        self.logs[tei_path] = proc.stdout + proc.stderr
        edition = out / tei_path.stem
        if proc.returncode != 0 or not edition.is_dir():
            self._failed[key] = (
                f"`{' '.join(cmd)}` exited {proc.returncode}"
                f"{'' if edition.is_dir() else f' and wrote no {edition}'}:\n{proc.stdout}{proc.stderr}"
            )
            pytest.fail(self._failed[key], pytrace=False)
        self._done[key] = edition
        return edition


@pytest.fixture(scope="session")
def built_edition(tmp_path_factory, editio_bin) -> EditionBuilder:
    """``built_edition(corpus["ss-notes1"])`` → the built edition folder ``dist/ss-notes1``."""
    return EditionBuilder(tmp_path_factory.mktemp("dist"), editio_bin)
