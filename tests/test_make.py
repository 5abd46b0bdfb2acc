"""The Makefile's promises: it builds everything, rebuilds only what changed, is safe with -j.

Each test works on a copy of the project's Makefile, styles and TEI in a temporary folder,
with the project's virtualenv linked in, so nothing touches the real dist/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LETTER = REPO / "tests" / "fixtures" / "make" / "short-letter.xml"
VENV = REPO / ".venv"

pytestmark = pytest.mark.slow


def make(workdir: Path, *args, check=True) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", MAKEFLAGS="")
    proc = subprocess.run(["make", *args], cwd=workdir, capture_output=True, text=True,
                          env=env, timeout=1200)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project with two editions: the seed and a short letter."""
    if not (VENV / ".editio-installed").exists():
        pytest.fail("run `make` once first: the project's .venv is not installed", pytrace=False)
    work = tmp_path / "project"
    work.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(REPO / name, work / name)
    # The copy shares the project's virtualenv: its pyproject.toml must not look newer
    # than the venv's stamp, or make would reinstall editio from the copy into the venv.
    os.utime(work / "pyproject.toml", (0, 0))
    for folder in ("src", "styles"):
        shutil.copytree(REPO / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "tei", work / "tei", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(LETTER, work / "tei" / LETTER.name)
    (work / ".venv").symlink_to(VENV)
    return work


def outputs(work: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime_ns for p in sorted((work / "dist").glob("*/*")) if p.is_file()}


def editions(work: Path) -> list[str]:
    return sorted(p.stem for p in (work / "tei").glob("*.xml"))


def test_make_builds_everything_then_nothing(project):
    make(project)
    names = editions(project)
    assert len(names) >= 2
    for name in names:
        for output in ("index.html", f"{name}.epub", f"{name}.pdf"):
            assert (project / "dist" / name / output).stat().st_size > 0
    built = outputs(project)
    second = make(project)          # (how long a no-op make takes: make bench)
    assert "Nothing to be done" in second.stdout
    assert outputs(project) == built


def test_touching_one_tei_rebuilds_that_edition_only(project):
    make(project)
    before = outputs(project)
    time.sleep(1.1)
    (project / "tei" / LETTER.name).touch()
    make(project)
    after = outputs(project)
    changed = {p.parent.name for p in after if after[p] != before.get(p)}
    assert changed == {"short-letter"}
    letter = project / "dist" / "short-letter"
    assert all(after[p] != before[p] for p in after if p.parent == letter and p.suffix in (".html", ".epub", ".pdf"))


def test_touching_the_print_stylesheet_rebuilds_only_pdfs(project):
    make(project)
    before = outputs(project)
    time.sleep(1.1)
    (project / "styles" / "media" / "print.css").touch()
    make(project)
    after = outputs(project)
    changed = sorted(p.name for p in after if after[p] != before.get(p))
    assert changed == sorted(f"{n}.pdf" for n in editions(project))


def test_parallel_make_gives_the_same_bytes(project, tmp_path):
    make(project, "-j2")
    parallel = {p.relative_to(project): p.read_bytes() for p in outputs(project)
                if p.suffix in (".html", ".epub")}
    make(project, "clean")
    make(project, "-j1")
    serial = {p.relative_to(project): p.read_bytes() for p in outputs(project)
              if p.suffix in (".html", ".epub")}
    assert parallel.keys() == serial.keys() and parallel
    assert parallel == serial


def test_make_validate_fails_on_a_broken_edition(project):
    make(project, "validate")
    broken = project / "tei" / "broken.xml"
    broken.write_text(LETTER.read_text(encoding="utf-8").replace("</p>", "", 1), encoding="utf-8")
    proc = make(project, "validate", check=False)
    assert proc.returncode != 0
    assert "broken.xml:" in proc.stderr
