"""Small operations on the hub HTML tree that every writer needs.

Writers restructure their own copy of the hub (notes moved, furniture dropped); these
helpers keep such edits from losing text: lxml stores the text after an element in the
element's ``tail``, so removing an element naively removes the words that follow it.
"""

from __future__ import annotations

import re

from lxml import etree


def classes(el: etree._Element) -> set[str]:
    """The element's HTML classes."""
    return set((el.get("class") or "").split())


def add_class(el: etree._Element, name: str) -> None:
    """Add one class, keeping the others in their order."""
    if name not in classes(el):
        el.set("class", ((el.get("class") or "") + " " + name).strip())


def remove_keep_tail(el: etree._Element) -> None:
    """Remove ``el`` from its parent but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def drop_diplomatic_only(root: etree._Element) -> None:
    """Remove what only the web edition's views show (the diplomatic view's forme work,
    source readings and deletions; the facsimile view's page images), keeping the text
    after each: a book or an export carries the reading text only."""
    from .vocabulary import DIPLOMATIC_ONLY, FACSIMILE

    for el in list(root.iter()):
        if isinstance(el.tag, str) and {DIPLOMATIC_ONLY, FACSIMILE} & set((el.get("class") or "").split()):
            remove_keep_tail(el)


_WHITE = " \t\r\n\u00a0"      # the white space a no-break space may stand beside
_SPACE_RUN = re.compile(f"[{_WHITE}]{{2,}}")
_VERBATIM = {"pre", "code", "textarea", "script", "style"}


def _one_space(match: re.Match) -> str:
    run = match.group()
    if "\u00a0" not in run:
        return run                      # plain white space: HTML collapses it already
    return "\u00a0" if not run.strip("\u00a0") else " "


def _text_before(el: etree._Element) -> str:
    """The text right before an element: its previous sibling's tail, or its parent's text."""
    previous = el.getprevious()
    if previous is not None:
        return previous.tail or ""
    parent = el.getparent()
    return (parent.text or "") if parent is not None else ""


def collapse_spaces(root: etree._Element) -> None:
    """One space where the source has a no-break space beside other spaces.

    Transcriptions of printed books often keep the compositor's wide space after a full
    stop as a no-break space followed by a space; in a reflowed edition that is two
    spaces, and in justified text a gap twice as wide as any other. A book sets one
    word space there: a run of spaces with a no-break space becomes one space (one
    no-break space when the run is no-break spaces only, so nothing breaks where the
    source forbade it). Verbatim text (pre, code) keeps its spaces.
    """
    def verbatim(el) -> bool:
        return el.tag in _VERBATIM or any(a.tag in _VERBATIM for a in el.iterancestors())

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and "\u00a0" in el.text and not verbatim(el):
            el.text = _SPACE_RUN.sub(_one_space, el.text)
        parent = el.getparent()
        if el.tail and "\u00a0" in el.tail and (parent is None or not verbatim(parent)):
            el.tail = _SPACE_RUN.sub(_one_space, el.tail)
            # The same run split by an empty element (a page break between "sea" and
            # "\u00a0voyage"): the space before the element is the word space.
            before = _text_before(el)
            if (el.tail[0] in _WHITE and not el.text and len(el) == 0
                    and before and before[-1] in _WHITE):
                el.tail = el.tail.lstrip(_WHITE) or None


#: Elements whose text is set in the monospaced face (code, markup examples).
CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp"})


def code_text(root: etree._Element) -> str:
    """The text of the elements set in the monospaced face (any namespace)."""
    out = []
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in CODE_ELEMENTS:
            out.append("".join(el.itertext()))
    return "".join(out)
