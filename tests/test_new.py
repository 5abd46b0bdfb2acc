"""``editio new``: a newcomer's first file is valid, builds in every format, and never costs them a file."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from lxml import etree

from conftest import SOURCE_DATE_EPOCH, build_env
from editio.new import KINDS

TEI = "{http://www.tei-c.org/ns/1.0}"


def run(editio_bin, *args, cwd):
    return subprocess.run([*editio_bin, *map(str, args)], capture_output=True, text=True,
                          env=build_env(), cwd=cwd, timeout=600)


def new_text(editio_bin, tmp_path, kind, name="mytext"):
    """Run ``editio new`` in ``tmp_path`` as a user would, and return the file it wrote."""
    proc = run(editio_bin, "new", name, "--kind", kind, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "tei" / f"{name}.xml"
    assert path.is_file(), proc.stderr
    return path


def title_of(path):
    return etree.parse(str(path)).findtext(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")


def test_help_lists_every_kind(editio_bin, tmp_path):
    proc = run(editio_bin, "new", "--help", cwd=tmp_path)
    assert proc.returncode == 0
    assert "usage: editio new" in proc.stdout
    for kind in KINDS:
        assert kind in proc.stdout, kind


@pytest.mark.parametrize("kind", KINDS)
def test_new_file_is_strictly_valid_with_its_placeholders_filled(editio_bin, tmp_path, kind):
    path = new_text(editio_bin, tmp_path, kind)
    text = path.read_text(encoding="utf-8")
    assert "${" not in text, "a template placeholder was left unfilled"
    assert title_of(path).startswith("[") and "mytext" in title_of(path)
    day = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=dt.UTC).date().isoformat()
    assert f'<date when="{day}">' in text
    proc = run(editio_bin, "validate", path, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_new_file_builds_in_every_format(editio_bin, tmp_path, kind):
    path = new_text(editio_bin, tmp_path, kind)
    out = tmp_path / "dist"
    proc = run(editio_bin, "build", path, "--format", "html,epub,pdf", "--out", out, "--strict",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    edition = out / "mytext"
    for name in ("index.html", "mytext.epub", "mytext.pdf"):
        assert (edition / name).stat().st_size > 0, name
    assert title_of(path) in (edition / "index.html").read_text(encoding="utf-8")


def test_new_text_goes_where_dir_says(editio_bin, tmp_path):
    proc = run(editio_bin, "new", "letter-1", "--kind", "letter", "--dir", "texts/letters", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "texts" / "letters" / "letter-1.xml").is_file()


def test_an_existing_file_is_never_overwritten(editio_bin, tmp_path):
    mine = tmp_path / "tei" / "mytext.xml"
    mine.parent.mkdir()
    mine.write_text("my own work", encoding="utf-8")
    proc = run(editio_bin, "new", "mytext", "--kind", "poem", cwd=tmp_path)
    assert proc.returncode == 1
    assert "already exists" in proc.stderr and str(mine.relative_to(tmp_path)) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert mine.read_text(encoding="utf-8") == "my own work"
    assert [p.name for p in mine.parent.iterdir()] == ["mytext.xml"], "temporary file left behind"


@pytest.mark.parametrize("name", ["../escape", "a/b", "with space", ".hidden", "-dash", "semi;colon", "ünïcode", ""])
def test_an_unsafe_name_is_refused_before_anything_is_written(editio_bin, tmp_path, name):
    proc = run(editio_bin, "new", "--", name, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "A-Z and a-z, digits, '-' and '_'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not any(tmp_path.rglob("*")), "something was written"
