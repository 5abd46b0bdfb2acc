"""Punctuation of tokenised texts set as a reader expects it.

Linguistically annotated TEI (EarlyPrint's EEBO-TCP texts, many corpora) writes each
word in a ``<w>`` and each mark in a ``<pc>``, one token per line: the white space between
the tokens is the encoder's layout, not the text's. Rendered as it is, a full stop or a
comma stands a space away from its word ("the Maior ."). A mark that closes (``. , ; : !
? ) ]`` …) is joined to what comes before it and a mark that opens (``( [ ¿ ¡`` …) to what
comes after, unless the encoder said otherwise with ``@join``, as the Guidelines define
it (left, right, both, none). Quotation marks and dashes open or close by context: they
keep their spaces unless ``@join`` says.

A ``<w>`` is one word, and the encoder's layout inside it is no space of the text: Coptic
Scriptorium writes each letter group of a word on its own line ("<w><hi>ⲥ</hi> ⲟⲛ</w>"),
a genealogy its words across the source's lines ("<w>Feld <lb/>meßer</w>"). White space
that holds a line end inside a ``w`` is dropped and a line break inside it (without
``@break``) breaks no word (:func:`join_word_parts`). A space within one line stays: some
corpora write a multi-word unit as one ``w`` ("New York").
"""

from __future__ import annotations

import re

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
_CLOSING = frozenset(".,;:!?)]}…»›%")
_OPENING = frozenset("([{¿¡«‹")
_PC = etree.XPath("//tei:text//tei:pc", namespaces={"tei": TEI_NS})
_W = etree.XPath("//tei:text//tei:w[not(.//tei:w)]", namespaces={"tei": TEI_NS})
_LB = f"{{{TEI_NS}}}lb"
_LAYOUT = re.compile(r"[ \t\r]*\n\s*")


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


def _unlaid(text: str | None) -> str | None:
    """``text`` without the white space runs that hold a line end."""
    if not text or "\n" not in text:
        return text
    return _LAYOUT.sub("", text)


def join_word_parts(tree: etree._ElementTree) -> None:
    """Drop the layout white space inside each ``w``; its line breaks break no word."""
    for w in _W(tree):
        w.text = _unlaid(w.text)
        for el in w.iterdescendants():
            if isinstance(el.tag, str):
                el.text = _unlaid(el.text)
                if el.tag == _LB and el.get("break") is None:
                    el.set("break", "no")
            el.tail = _unlaid(el.tail)
