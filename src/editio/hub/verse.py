"""Verse lines shared between parts: each part after the first starts where the last ended.

A line of verse split between speakers (``<l part="I">Tush, tush, ’twill not
appear.</l>`` … ``<l part="F">Sit down awhile,</l>``) is printed as a stepped line in
every edition of a play: the final part is set to the right, under the end of the
initial part, so that the eye reads one line. editio measures each part by its length in
characters, once, before the transform (``editio:step``, in em); the transform gives it to
the stylesheets as ``--step`` (``style="--step: 12.2em"``), and each medium's CSS decides
what to do with it (``styles/constructs/verse/base.css`` indents the part by that much).
"""

from __future__ import annotations

from lxml import etree

from .ids import EDITIO_NS

TEI_NS = "http://www.tei-c.org/ns/1.0"
STEP = f"{{{EDITIO_NS}}}step"
#: Average advance of a character of the text face, in em (Gentium Book Plus, with spaces).
CHAR_EM = 0.45
#: The widest indent, in em (a longer part is rare, and the page is narrow).
MAX_STEP = 30.0
_LINES = etree.XPath("//tei:text//tei:l[@part]", namespaces={"tei": TEI_NS})


_NOT_PRINTED_IN_LINE = (f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}app", f"{{{TEI_NS}}}witDetail")


def _printed_text(el: etree._Element) -> str:
    """The words a part prints in its line: its notes (a note of 1,200 characters on a
    half-line set the next part 30 em to the right, over the margin) are elsewhere."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _NOT_PRINTED_IN_LINE:
            parts.append(_printed_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _width(line: etree._Element) -> float:
    """The printed width of a part, in em (its words, one space between them)."""
    return len(" ".join(_printed_text(line).split())) * CHAR_EM


def mark_split_lines(tree: etree._ElementTree) -> None:
    """Put on each medial and final part its indent, in steps (``editio:step``)."""
    before = 0.0        # the width of the parts of the current line so far
    for line in _LINES(tree):
        part = (line.get("part") or "").strip().upper()
        if part == "I":
            before = _width(line) + 0.5
        elif part in ("M", "F") and before:
            line.set(STEP, f"{min(MAX_STEP, before):.1f}")
            before = before + _width(line) + 0.5 if part == "M" else 0.0
        else:
            before = 0.0
