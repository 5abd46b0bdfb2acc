"""Formulas written in TeX, typeset as MathML in the hub.

TEI's ``<formula notation="latex">`` holds a formula as its author typed it
(``\\frac{\\partial v}{\\partial t}``); a reader of the edition should see the formula,
not its source. The stylesheet writes such a formula as ``code.formula`` with its
notation (constructs/math); :func:`typeset_tex` turns every one of them into a ``math``
element with pandoc's TeX reader (texmath, in the pandoc that editio runs anyway), in
one pandoc process for the whole document. The TeX stays in the formula as its
``annotation`` (what a reader copies, what a screen reader may offer), so no word of the
source is lost. A formula pandoc cannot read stays code, as written, with a warning at
its place in the TEI.

The MathML is made of elements in no namespace, like the rest of the hub (the EPUB
writer moves it into MathML's namespace): browsers and EPUB reading systems typeset it,
the print stylesheet lays it out for the PDF.
"""

from __future__ import annotations

import json
import re
import subprocess

from lxml import etree

from ..diagnostics import Diagnostic, EditioError, warning
from ..pandoc_binary import pandoc_api_version, pandoc_path
from .vocabulary import MATHML

#: Notations pandoc's TeX reader reads (TEI leaves the values to the encoder).
TEX_NOTATIONS = frozenset({"tex", "latex", "tex-math", "amstex", "text/x-tex", "application/x-tex"})
#: TeX's own delimiters of a formula, which the TEI often keeps inside the element.
_DELIMITED = re.compile(r"^\s*(\\\[|\\\(|\$\$|\$)(.*?)(\\\]|\\\)|\$\$|\$)\s*$", re.S)
_DISPLAY_OPENERS = ("\\[", "$$")
TIMEOUT = 120
#: An accent over a letter (``\hat{a}``) as the spacing sign MathML asks for, instead of
#: the combining mark texmath writes: alone, a combining mark is drawn on a dotted circle.
SPACING_ACCENTS = {"\u0300": "`", "\u0301": "\u00b4", "\u0302": "\u02c6", "\u0303": "\u02dc",
                   "\u0304": "\u00af", "\u0305": "\u00af", "\u0306": "\u02d8", "\u0307": "\u02d9",
                   "\u0308": "\u00a8", "\u030a": "\u02da", "\u030c": "\u02c7", "\u20d7": "\u2192"}


def tex_formulas(root: etree._Element) -> list[etree._Element]:
    """The hub's formulas written in TeX (``code.formula`` with a TeX notation)."""
    return [code for code in root.iter("code")
            if "formula" in (code.get("class") or "").split()
            and (code.get("data-notation") or "").strip().lower() in TEX_NOTATIONS
            and (code.text or "").strip()]


def split_delimiters(tex: str) -> tuple[str, bool]:
    """(the formula without TeX's delimiters, whether they ask for a displayed formula)."""
    match = _DELIMITED.match(tex)
    if not match or (match.group(1) in _DISPLAY_OPENERS) != (match.group(3) in ("\\]", "$$")):
        return tex.strip(), False
    return match.group(2).strip(), match.group(1) in _DISPLAY_OPENERS


def to_mathml(formulas: list[tuple[str, bool]]) -> list[etree._Element | None]:
    """Each (TeX formula, whether it is displayed) as a MathML ``math`` element (None
    where pandoc cannot read it). A displayed formula sets its limits above and below
    (``\\sum``), one in running text beside."""
    document = {"pandoc-api-version": pandoc_api_version(), "meta": {}, "blocks": [
        {"t": "Para", "c": [{"t": "Math", "c": [{"t": "DisplayMath" if display else "InlineMath"}, tex]}]}
        for tex, display in formulas]}
    done = subprocess.run([pandoc_path(), "-f", "json", "-t", "html", "--mathml", "--wrap=none"],
                          input=json.dumps(document).encode(), capture_output=True, check=True,
                          timeout=TIMEOUT)
    html = etree.fromstring(b"<div>" + done.stdout + b"</div>", etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False))
    paragraphs = html.findall("p")
    if len(paragraphs) != len(formulas):
        return [None] * len(formulas)
    return [p.find(MATHML + "math") for p in paragraphs]


def _into_hub(math: etree._Element, display: bool) -> etree._Element:
    """The MathML in no namespace, without the style attributes texmath sets on table
    cells (the edition's pages allow no inline styles); a name of several letters
    (``sin``) is upright in every medium, as MathML says it is; an accent is a spacing
    sign; a comma separates (no space before it)."""
    for el in math.iter():
        if isinstance(el.tag, str):
            el.tag = etree.QName(el).localname
            el.attrib.pop("style", None)
            if el.tag == "mi" and len(el.text or "") > 1 and "mathvariant" not in el.attrib:
                el.set("mathvariant", "normal")
            elif el.tag == "mo" and el.text in SPACING_ACCENTS:
                el.text = SPACING_ACCENTS[el.text]
            elif el.tag == "mo" and el.text in (",", ";"):
                el.set("separator", "true")
    etree.cleanup_namespaces(math)
    math.set("display", "block" if display else "inline")
    return math


def typeset_tex(root: etree._Element, tei: etree._ElementTree, path, where) -> list[Diagnostic]:
    """Replace the hub's TeX formulas by MathML; a warning for each one that stays TeX.

    ``where`` is the TEI's :class:`~editio.source.positions.SourceMap`, to name the line
    of a formula that cannot be read."""
    codes = tex_formulas(root)
    if not codes:
        return []
    parts = []
    for code in codes:
        tex, delimited_display = split_delimiters(code.text)
        parts.append((tex, delimited_display or "display" in code.get("class", "").split()))
    try:
        maths = to_mathml(parts)
    except (EditioError, OSError, subprocess.SubprocessError, ValueError, etree.XMLSyntaxError) as exc:
        # no pandoc to read TeX: every formula stays as written, and one warning says why
        why = exc.diagnostics[0].message if isinstance(exc, EditioError) else f"pandoc failed ({exc})"
        line, column = _position(where, tei, codes[0].text)
        return [warning(path, f"{len(codes)} formula(s) in TeX are shown as written, not typeset: "
                        f"{why}", "W-MATH-2", line, column)]
    diagnostics = []
    unread = []
    for code, (_, display), math in zip(codes, parts, maths):
        if math is None:
            unread.append(code.text)
            continue
        span = etree.Element("span")
        for name, value in code.attrib.items():
            span.set(name, value)
        span.set("class", "formula display" if display else "formula")
        span.append(_into_hub(math, display))
        span.tail = code.tail
        code.getparent().replace(code, span)
    for text in unread[:20]:
        line, column = _position(where, tei, text)
        shown = text if len(text) <= 60 else text[:57] + "…"
        diagnostics.append(warning(
            path, f"formula '{shown}' is not TeX that can be typeset; it is shown as written. "
            "Check its TeX (or give it in MathML)", "W-MATH-1", line, column))
    return diagnostics


def _position(where, tei: etree._ElementTree, text: str) -> tuple[int, int]:
    """Line and column of the TEI formula a hub formula was made from (the first with
    its words)."""
    formula = next((f for f in tei.getroot().iter("{http://www.tei-c.org/ns/1.0}formula")
                    if " ".join("".join(f.itertext()).split()) == text), None)
    return where.start(formula) if formula is not None else (0, 0)
