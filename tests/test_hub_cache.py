"""The hub cache changes what a build costs, never what it writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPO, build_env

LETTER = REPO / "tests" / "fixtures" / "make" / "short-letter.xml"


def _build(editio_bin, tei: Path, out: Path, fmt: str, cache) -> subprocess.CompletedProcess:
    env = dict(build_env(), EDITIO_CACHE=str(cache), EDITIO_CACHE_HUBS="on")
    proc = subprocess.run([*editio_bin, "build", str(tei), "--format", fmt, "--out", str(out), "-v"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def _steps(proc) -> list[str]:
    return [line.split(": ")[2].split(" ")[0] for line in proc.stderr.splitlines()
            if line.startswith("editio: ") and line.count(": ") >= 2]


def test_a_second_format_costs_no_parse_validation_or_transform(editio_bin, tmp_path):
    tei = tmp_path / "letter.xml"
    shutil.copy(LETTER, tei)
    first = _build(editio_bin, tei, tmp_path / "out", "html", tmp_path / "cache")
    assert {"load", "validate", "transform"} <= set(_steps(first))
    second = _build(editio_bin, tei, tmp_path / "out", "epub", tmp_path / "cache")
    steps = _steps(second)
    assert "hub" in steps and not {"load", "validate", "transform"} & set(steps), second.stderr


def test_outputs_are_the_same_bytes_with_and_without_the_cache(editio_bin, tmp_path):
    tei = tmp_path / "letter.xml"
    shutil.copy(LETTER, tei)
    runs = {"off": "off", "cold": tmp_path / "cache", "warm": tmp_path / "cache"}
    for label, cache in runs.items():
        _build(editio_bin, tei, tmp_path / label, "html,epub", cache)
    for name in ("index.html", "letter.epub"):
        off = (tmp_path / "off" / "letter" / name).read_bytes()
        assert off == (tmp_path / "cold" / "letter" / name).read_bytes(), name
        assert off == (tmp_path / "warm" / "letter" / name).read_bytes(), name


def test_an_edited_tei_is_never_served_from_the_cache(editio_bin, tmp_path):
    tei = tmp_path / "letter.xml"
    shutil.copy(LETTER, tei)
    _build(editio_bin, tei, tmp_path / "out", "html", tmp_path / "cache")
    tei.write_text(tei.read_text(encoding="utf-8").replace("next week", "next month"), encoding="utf-8")
    again = _build(editio_bin, tei, tmp_path / "out", "html", tmp_path / "cache")
    assert "validate" in _steps(again)
    page = (tmp_path / "out" / "letter" / "index.html").read_text(encoding="utf-8")
    assert "next month" in page and "next week" not in page


def test_images_are_looked_for_again_on_every_build(editio_bin, tmp_path):
    """The cached hub is what the TEI decides; whether its image exists is asked anew."""
    source = LETTER.read_text(encoding="utf-8")
    start = source.index('<p xml:id="p2">')
    figure = '<figure><graphic url="press.jpg"/><figDesc>The press</figDesc></figure>'
    tei = tmp_path / "letter.xml"
    tei.write_text(source[:start] + figure + source[start:], encoding="utf-8")
    first = _build(editio_bin, tei, tmp_path / "out", "html", tmp_path / "cache")
    assert "press.jpg" in first.stderr      # not found: a warning and a placeholder
    shutil.copy(REPO / "tests" / "fixtures" / "Images" / "nature1.jpg", tmp_path / "press.jpg")
    second = _build(editio_bin, tei, tmp_path / "out", "html", tmp_path / "cache")
    assert "hub" in _steps(second)
    assert "press.jpg" not in second.stderr
    assert (tmp_path / "out" / "letter" / "images" / "press.jpg").is_file()


_FONT_FACTS = """
import sys
from editio import fonts
print(len(fonts.text_coverage()), fonts.missing_glyphs("A\u4e2d\u05d0\U00013000"), hash(fonts.licence_text()))
print("fontTools.ttLib" in sys.modules)
"""


def test_a_fonts_coverage_and_notice_are_read_once_then_kept(tmp_path):
    """The code points the fonts draw and their notices come from fontTools the first time
    and from the font cache after: a later process does not load fontTools' tables (about a
    tenth of a second of every build), and gets the same answers; with the caches off,
    fontTools answers every time."""
    import os
    import sys

    def run(cache) -> list[str]:
        env = dict(os.environ, EDITIO_CACHE=str(cache), PYTHONHASHSEED="0")
        out = subprocess.run([sys.executable, "-c", _FONT_FACTS], capture_output=True, text=True,
                             env=env, timeout=120, check=True).stdout.split("\n")
        return out[:2]

    first, second = run(tmp_path), run(tmp_path)
    assert first[1] == "True" and second[1] == "False", (first, second)
    assert first[0] == second[0] and int(first[0].split()[0]) > 500
    assert list((tmp_path / "fonts").glob("*.json"))
    off = run("off")
    assert off == first


def test_editions_in_one_script_share_their_font_subsets(tmp_path, monkeypatch):
    """Subsets are cut at pages of code points: two texts in English (one with a
    pound sign and an œ, one without) get the same subset of each face, which a corpus
    makes once; a Greek word adds the Greek pages, and nothing of another script."""
    from editio import fonts

    monkeypatch.setenv("EDITIO_CACHE", str(tmp_path))
    face = fonts.faces()[0]
    plain = fonts.subset_chars(face, "It was the best of times.")
    assert fonts.subset_chars(face, "A manœuvre cost £5 — “a trifle”.") == plain
    have = {chr(c) for c in fonts.text_coverage()}
    assert {"é", "œ", "£", "—", "’"} <= plain <= have
    greek = fonts.subset_chars(face, "It was λόγος.")
    assert greek > plain and {"λ", "ό"} <= greek
    assert all(0x370 <= ord(c) < 0x400 or c in plain for c in greek - plain)
    assert not any("\u0590" <= c <= "\u06ff" for c in greek)


def test_a_subset_another_build_is_making_is_waited_for_not_made_twice(tmp_path, monkeypatch):
    """Builds run side by side (make -j) take turns at a subset: while one holds its
    lock, another asks for the rest first (None: being made), and the subset, once
    made, is read from the cache by both."""
    import fcntl

    from editio import fonts

    monkeypatch.setenv("EDITIO_CACHE", str(tmp_path))
    face = fonts.faces()[0]
    path = fonts._cache_path(face, fonts.subset_chars(face, "text"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert fonts.woff2_subset(face, "text", wait=False) is None
        assert not path.exists()
    made = fonts.woff2_subset(face, "text", wait=False)
    assert made[:4] == b"wOF2" and path.read_bytes() == made
