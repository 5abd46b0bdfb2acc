"""A fault inside one writer is one located message with a code: the other formats are
published, no output of the failed format is left from an earlier build, and the CLI
prints no traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from editio import build, cli

TEI = REPO / "tests" / "golden" / "notes" / "notes-in-notes.xml"


def _explode(hub, out: Path):
    def deeper(n):
        return deeper(n + 1)
    deeper(0)


def test_a_writer_that_fails_loses_only_its_format(tmp_path, monkeypatch, capsys):
    import editio.writers.pdf as pdf_writer

    out = tmp_path / "dist"
    # an earlier build left a PDF: it must not stay beside the new HTML and EPUB
    (out / TEI.stem).mkdir(parents=True)
    stale = out / TEI.stem / f"{TEI.stem}.pdf"
    stale.write_bytes(b"%PDF-1.7 an old book")
    monkeypatch.setattr(pdf_writer, "write", _explode)
    status = cli.main(["build", str(TEI), "--out", str(out), "--format", "html,epub,pdf"])
    err = capsys.readouterr().err
    assert status != 0
    assert "Traceback" not in err and "RecursionError:" not in err
    lines = [ln for ln in err.splitlines() if "E-WRITE-1" in ln]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{TEI}:1:1: error E-WRITE-1: the pdf edition could not be written"), lines[0]
    assert "nesting deeper than the writer can follow in test_build_faults.py" in lines[0]
    edition = out / TEI.stem
    assert (edition / "index.html").is_file() and (edition / f"{TEI.stem}.epub").is_file()
    assert not stale.exists(), "the PDF of the earlier build is still beside the new edition"
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "a staging folder was left behind"


def test_a_fault_names_the_format_the_failure_and_where(tmp_path):
    try:
        raise ValueError("a box without a parent")
    except ValueError as exc:
        d = build.fault(TEI, "epub", exc)
    assert d.is_error and d.code == "E-WRITE-1" and d.line == 1
    assert "epub" in d.message and "ValueError: a box without a parent" in d.message
    assert "test_build_faults.py" in d.message and "test_a_fault_names_the_format" in d.message
    assert "build without --format epub" in d.message
