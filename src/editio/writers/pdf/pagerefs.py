"""Each page cited once per register entry, in the layout that prints it.

A register entry lists the pages its person, place or work is named on: one
``a.pageref`` per occurrence, each printing its target's page (``target-counter``).
Two occurrences on one page would print that page twice ("12, 12"), and which ones
share a page is known only once the text is laid out. The back matter that holds the
entries comes after the text, so dropping a repeated reference cannot move a page of
the text; it used to cost a second layout of the whole book all the same
(:func:`.render.dedupe_page_references`, then the book set again).

Here the repeated references are dropped from WeasyPrint's box tree as soon as the
pages are laid out, and WeasyPrint remakes only the pages from the one where their
section begins (its own mechanism for pages whose content changed: ``page_maker``,
``content_changed``). The rule is :func:`.render.dedupe_page_references`'s: within an
entry (``li``), a reference to a page already cited drops, with the text between it and
the element before it. Whatever the boxes do not show as that rule expects, the hook
leaves alone and reports (``declined``): the caller then sets the book again.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from ...hub import vocabulary as vocab


@dataclass
class Record:
    """What the hook did during one layout."""

    dropped: int = 0         # references dropped from the boxes
    declined: bool = False   # a repeated reference the boxes did not let it drop


def repeated_citations(refs, page_of):
    """The references of one register entry that cite a page an earlier one of the entry
    cites: the rule of every writer (here on WeasyPrint's boxes, and
    :func:`.render.dedupe_page_references` on the print copy), which must drop the same
    ones. ``page_of(ref)`` is None for a page that is not known."""
    seen: set[int] = set()
    for ref in refs:
        page = page_of(ref)
        if page is None:
            continue
        if page in seen:
            yield ref
        seen.add(page)


def _is_pageref(box) -> bool:
    element = getattr(box, "element", None)
    return (box.element_tag == "a" and element is not None
            and "pageref" in (element.get("class") or "").split())


def _entries(root_box) -> list[tuple[object, list[tuple[object, object]]]]:
    """[(li box, [(pageref box, its parent)…])…] in document order, for the entries
    citing two pages or more; a register entry's references include those of the entries
    inside it (as the rule has it), an index entry's are its own."""
    entries: list = []

    def walk(box, open_entries):
        for child in getattr(box, "children", ()):
            inner = open_entries
            if child.element_tag == "li" and hasattr(child, "children"):
                entry = (child, [])
                entries.append(entry)
                own = vocab.INDEX_ENTRY in (child.element.get("class") or "").split()
                inner = [entry] if own else open_entries + [entry]
            if _is_pageref(child):
                for entry in inner:
                    entry[1].append((child, box))
                continue
            walk(child, inner)

    walk(root_box, [])
    return [e for e in entries if len(e[1]) > 1]


def _pages_of(pages, targets: set[str], elements: set) -> tuple[dict[str, int], dict]:
    """(anchor → index of its first page, for ``targets``; element → index of the first
    page holding one of its boxes, for ``elements``), in one walk over the pages."""
    anchors: dict[str, int] = {}
    first: dict = {}
    for number, page in enumerate(pages):
        for box in page.descendants():
            name = box.style["anchor"]
            if name and name in targets and name not in anchors:
                anchors[name] = number
            element = getattr(box, "element", None)
            if element is not None and element in elements and element not in first:
                first[element] = number
    return anchors, first


def _drop(ref, parent) -> bool:
    """Take the reference out of its parent's children with the text before it (back to
    the element before it); False when it is not there."""
    from weasyprint.formatting_structure import boxes

    children = list(parent.children)
    k = next((i for i, c in enumerate(children) if c is ref), None)
    if k is None:
        return False
    start = k
    while start > 0 and isinstance(children[start - 1], boxes.TextBox):
        start -= 1
    if start == 0:
        # no element before it: only the reference goes (its parent's text stays)
        start = k
    parent.children = children[:start] + children[k + 1:]
    return True


def drop_repeated(root_box, pages, record: Record) -> int | None:
    """Drop the repeated references of every entry; return the index of the first page
    to lay out again (where the first changed entry begins), or None.

    Only boxes inside the changed entries go, so every page before the first one's page
    starts where it did (WeasyPrint resumes a page from child indexes of the box tree)."""
    entries = _entries(root_box)
    if not entries:
        return None
    targets = {(ref.element.get("href") or "#")[1:] for _, refs in entries for ref, _ in refs}
    where, starts = _pages_of(pages, targets, {li.element for li, _ in entries})
    changed = []
    for li, refs in entries:
        # (a reference dropped already, as part of an enclosing entry, is not cited)
        live = [(ref, parent) for ref, parent in refs if any(c is ref for c in parent.children)]
        for ref, parent in repeated_citations(live, lambda cited: where.get((cited[0].element.get("href") or "#")[1:])):
            if _drop(ref, parent):
                record.dropped += 1
                changed.append(li)
            else:
                record.declined = True
    if not changed:
        return None
    first = [starts.get(li.element) for li in changed]
    if None in first:
        record.declined = True
        return None
    return min(first)


@contextmanager
def cited_once():
    """Within this block, every layout drops its register entries' repeated page
    references and remakes the pages they were on; yields the list of :class:`Record`
    (one per layout)."""
    import weasyprint.layout as wlayout

    records: list[Record] = []
    original = getattr(wlayout, "make_all_pages", None)
    if original is None:        # another WeasyPrint: no record, so the caller sets the book again
        yield records
        return

    def make_all_pages(context, root_box, html, pages):
        if not pages:
            records.append(Record())
        pages = list(original(context, root_box, html, pages))
        try:
            first = drop_repeated(root_box, pages, records[-1])
        except Exception:   # boxes of a shape this module does not know: the book is set again
            records[-1].declined = True
            first = None
        if first is not None:
            # layout_document() lays out again the pages marked as changed
            for state in context.page_maker[first:len(pages)]:
                state[-1]["content_changed"] = True
        yield from pages

    wlayout.make_all_pages = make_all_pages
    try:
        yield records
    finally:
        wlayout.make_all_pages = original
