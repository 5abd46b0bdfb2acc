"""Citations assembled from a header's fields, punctuated once.

Library catalogues, and the TEI headers made from them (EEBO-TCP's, for one), end each
field with the punctuation of the catalogue card: an author "Gurney, Richard, Sir,
1577-1647.", a place "[London :", a publisher "s.n.,". editio puts its own separators
between the fields it cites, so the card's marks would double them ("1577-1647., ",
"[London :: s.n.,, 1641]"). In the citations editio writes (the source line, "how to
cite", a described source, a structured bibliography entry), a mark repeated across a
field's end is written once, and a full stop before editio's comma goes unless it ends
an abbreviation ("s.n.", "J.", "etc.").
"""

from __future__ import annotations

import re

from lxml import etree

from .tree import text_slots

#: Elements whose text editio assembles from fields.
CITATION_CLASSES = frozenset({"source", "citation", "biblFull", "biblStruct"})
#: Meta elements whose content is such a citation.
CITATION_META = frozenset({"dc.source", "dcterms.bibliographicCitation", "citation"})
#: Words that keep their full stop before a comma.
ABBREVIATIONS = frozenset("""etc mr mrs ms dr st jr sr inc co ltd ed eds vol vols no nos pp p ca cf
    vs bros esq col gen rev hon fol ff ibid id op cit trans repr""".split())

_DOUBLED = re.compile(r"([,:;])\s*\1")
_STOP_COMMA = re.compile(r"(\S+)\.(?=,)")


def _stop_goes(word: str) -> bool:
    """Whether the full stop after ``word`` is a field's end rather than an abbreviation's."""
    core = word.lstrip("([“‘\"'")
    return not ("." in core or len(core) <= 1 or core.lower() in ABBREVIATIONS)


def tidy(text: str) -> str:
    """One mark where a field's own and editio's separator meet."""
    text = _DOUBLED.sub(r"\1", text)
    return _STOP_COMMA.sub(lambda m: m.group(1) if _stop_goes(m.group(1)) else m.group(0), text)


def tidy_citations(root: etree._Element) -> None:
    """:func:`tidy` the citations of a hub page, also where a field ends inside an element
    and the separator follows it (``<cite>Sabbath day.</cite>, [London``)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "meta" and el.get("name") in CITATION_META and el.get("content"):
            el.set("content", tidy(el.get("content")))
        elif CITATION_CLASSES & set((el.get("class") or "").split()):
            _tidy_element(el)


def _tidy_element(el: etree._Element) -> None:
    previous = None
    # (across blocks too: a citation's fields are one run of text)
    for node, slot in [(node, slot) for node, slot in text_slots(el) if node is not None]:
        value = tidy(getattr(node, slot))
        if previous is not None:
            before_node, before_slot = previous
            before = getattr(before_node, before_slot)
            start = value.lstrip()
            if start[:1] == "," and before.endswith("."):
                words = before[:-1].split()
                if words and _stop_goes(words[-1]):
                    setattr(before_node, before_slot, before[:-1])
            elif start[:1] in (",", ":", ";") and before.rstrip().endswith(start[:1]):
                value = value[:len(value) - len(start)] + start[1:]
        setattr(node, slot, value)
        if value:
            previous = (node, slot)
