"""Punctuation of tokenised texts set as a reader expects it.

Linguistically annotated TEI (EarlyPrint's EEBO-TCP texts, many corpora) writes each
word in a ``<w>`` and each mark in a ``<pc>``, one token per line: the white space between
the tokens is the encoder's layout, not the text's. Rendered as it is, a full stop or a
comma stands a space away from its word ("the Maior ."). A mark that closes (``. , ; : !
? ) ]`` …) is joined to what comes before it and a mark that opens (``( [ ¿ ¡`` …) to what
comes after, unless the encoder said otherwise with ``@join``, as the Guidelines define
it (left, right, both, none). Quotation marks and dashes open or close by context: they
keep their spaces unless ``@join`` says.
"""

from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
_CLOSING = frozenset(".,;:!?)]}…»›%")
_OPENING = frozenset("([{¿¡«‹")
_PC = etree.XPath("//tei:text//tei:pc", namespaces={"tei": TEI_NS})


def _joins(pc: etree._Element) -> tuple[bool, bool]:
    """(joined to what comes before, joined to what comes after)."""
    join = (pc.get("join") or "").strip()
    if join:
        return join in ("left", "both", "overlap"), join in ("right", "both", "overlap")
    mark = "".join(pc.itertext()).strip()
    if not mark:
        return False, False
    return all(c in _CLOSING for c in mark), all(c in _OPENING for c in mark)


def _blank(text: str | None) -> bool:
    return text is not None and text != "" and not text.strip()


def join_punctuation(tree: etree._ElementTree) -> None:
    """Drop the layout white space on the joined side of each ``pc`` of the text."""
    for pc in _PC(tree):
        left, right = _joins(pc)
        if left:
            before = pc.getprevious()
            if before is not None and _blank(before.tail):
                before.tail = None
            elif before is None and _blank(pc.getparent().text):
                pc.getparent().text = None
        if right and _blank(pc.tail):
            pc.tail = None
