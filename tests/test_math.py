"""Formulas (constructs/math, editio.hub.math): TeX typeset as MathML in the hub.

The golden case ``tests/golden/math`` states what a reader sees in every format; these
tests hold the parts that decide it: TeX's delimiters, the warning for TeX that cannot
be read, and a build without pandoc."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio import build as build_module
from editio.diagnostics import EditioError, error
from editio.hub import math

FORMULAS = Path(__file__).resolve().parent / "golden" / "math" / "formulas.xml"


@pytest.mark.parametrize("written, tex, display", [
    (r"\[\frac{a}{b}\]", r"\frac{a}{b}", True),
    (r"\(x^2\)", "x^2", False),
    ("$$x$$", "x", True),
    ("$x$", "x", False),
    (r"\sin x", r"\sin x", False),
    (r"\[x\)", r"\[x\)", False),          # unmatched: left as it is
])
def test_tex_delimiters_are_taken_off_and_say_whether_the_formula_is_displayed(written, tex, display):
    assert math.split_delimiters(written) == (tex, display)


def _hub(monkeypatch, tmp_path):
    monkeypatch.setenv("EDITIO_CACHE_HUBS", "off")
    return build_module.prepare(FORMULAS, strict=False, quiet=True)


def test_tex_that_cannot_be_read_stays_as_written_with_a_located_warning(monkeypatch, tmp_path):
    hub, diagnostics = _hub(monkeypatch, tmp_path)
    unread = [d for d in diagnostics if d.code == "W-MATH-1"]
    assert len(unread) == 1, [d.format() for d in diagnostics]
    line = next(n for n, text in enumerate(FORMULAS.read_text(encoding="utf-8").splitlines(), 1)
                if "unknowncommand" in text)
    assert (unread[0].line, unread[0].severity) == (line, "warning")
    assert "\\unknowncommand{" in unread[0].message
    codes = hub.root.xpath("//code[contains(@class, 'formula')]")
    assert [c.text for c in codes] == ["\\unknowncommand{"]
    assert len(hub.root.xpath("//math")) == 10


def test_without_pandoc_every_formula_is_shown_as_written(monkeypatch, tmp_path):
    def missing():
        raise EditioError(error("pandoc", "pandoc is not available", "E-EXP-2"))

    monkeypatch.setattr(math, "pandoc_path", missing)
    hub, diagnostics = _hub(monkeypatch, tmp_path)
    assert hub is not None
    codes = [c.text for c in hub.root.xpath("//code[contains(@class, 'formula')]")]
    assert "x^2 + y_1 = \\sqrt{z}" not in codes and "\\(x^2 + y_1 = \\sqrt{z}\\)" in codes
    assert len(hub.root.xpath("//math")) == 3      # the MathML of the TEI itself
    said = [d for d in diagnostics if d.code.startswith("W-MATH")]
    assert [d.code for d in said] == ["W-MATH-2"] and "8 formula(s)" in said[0].message
    assert "pandoc is not available" in said[0].message and said[0].line > 0
