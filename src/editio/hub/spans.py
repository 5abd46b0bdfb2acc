"""Deletions and additions written as spans (``delSpan``, ``addSpan``) made elements.

A manuscript edition marks a deletion of several lines where it starts, with an empty
``<delSpan spanTo="#d01"/>``, and where it ends, with ``<anchor xml:id="d01"/>`` (the
Whitman Archive does so for lines struck through with one stroke). Read element by
element the span is empty, and the lines it strikes read as live text. When the anchor
stands beside the span (a later sibling, the usual case), what lies between them is
wrapped in the ``del`` (or ``add``) the span stands for, with the span's attributes, so
that every output shows it as the deletion or addition it is (constructs/editorial).
A span whose end is elsewhere is left as it is, with a located warning.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from ..diagnostics import Diagnostic, warning
from .tree import remove_keep_tail

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_AS = {f"{TEI}delSpan": f"{TEI}del", f"{TEI}addSpan": f"{TEI}add"}


def spans_as_elements(tree: etree._ElementTree, source_path, where) -> list[Diagnostic]:
    """Wrap what each delSpan/addSpan covers in a del/add; warn where that cannot be done."""
    root = tree.getroot()
    spans = [el for el in root.iter(*_AS) if el.get("spanTo")]
    diagnostics = []
    pointers = _pointer_counts(root) if spans else Counter()
    for span in spans:
        end = span.get("spanTo").strip()
        anchor = next((sib for sib in span.itersiblings()
                       if isinstance(sib.tag, str) and sib.get(XML_ID) == end[1:]), None) \
            if end.startswith("#") else None
        if anchor is None:
            line, column = where.attribute(span, "spanTo")
            diagnostics.append(warning(
                source_path, f"<{etree.QName(span).localname} spanTo=\"{end}\">: its end is not an "
                "element beside it, so what it spans is not marked; put the anchor it points at in "
                "the same parent element", "W-SPAN-1", line, column))
            continue
        wrapper = etree.Element(_AS[span.tag], {k: v for k, v in span.attrib.items() if k != "spanTo"})
        wrapper.text = span.tail
        for sib in list(span.itersiblings()):
            if sib is anchor:
                break
            wrapper.append(sib)
        wrapper.tail = None
        parent = span.getparent()
        parent.replace(span, wrapper)
        # the anchor marked the end only: the span's element holds its id (an empty
        # anchor between two blocks of lines made an empty line, a false stanza break)
        # (nothing but this span's spanTo points at it)
        if wrapper.get(XML_ID) is None and pointers["#" + anchor.get(XML_ID)] <= 1:
            wrapper.set(XML_ID, anchor.get(XML_ID))
            remove_keep_tail(anchor)
    return diagnostics


def _pointer_counts(root) -> Counter:
    """How many times each ``#id`` is pointed at, by any attribute: counted once for all
    the spans of a document (a manuscript with hundreds of them is not walked once each)."""
    counts: Counter = Counter()
    for value in root.xpath("//@*[contains(., '#')]"):
        counts.update(token for token in value.split() if token.startswith("#"))
    return counts
