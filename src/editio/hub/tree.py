"""Small operations on the hub HTML tree that every writer needs.

Writers restructure their own copy of the hub (notes moved, furniture dropped); these
helpers keep such edits from losing text: lxml stores the text after an element in the
element's ``tail``, so removing an element naively removes the words that follow it.
"""

from __future__ import annotations

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
    """Remove what only the diplomatic view shows (forme work, source readings, deletions),
    keeping the text after each: a book or an export carries the reading text only."""
    from .vocabulary import DIPLOMATIC_ONLY

    for el in list(root.iter()):
        if isinstance(el.tag, str) and DIPLOMATIC_ONLY in (el.get("class") or "").split():
            remove_keep_tail(el)
