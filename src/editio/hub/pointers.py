"""Pointers the way their encoders meant them, before the stylesheet reads them.

Two habits of real TEI that the Guidelines' letter would turn into lost text:

* A pointer written without its ``#`` (``<ref target="n-1-3">``, ``<sp who="hamlet">``):
  by the letter a relative address, a file called ``n-1-3``; when the document has an
  element with exactly that ``xml:id`` and the value has no scheme or path, the encoder
  meant that element (a Polish edition calls its 70 back notes so). It is read with its
  ``#`` in every output, and a warning at its first occurrence says how to write it.
* A note call that carries the note's label as text (``<ref target="#n4"
  type="noteAnchor">4</ref>``): the stylesheet takes an empty ``ref`` or a ``ptr``
  pointing at a note as the note's call (constructs/notes). A ref whose only content is
  the note's own label (its ``@n``) or a short mark is such a call too; the label is
  kept as the note's ``@n`` when the note has none, and the ref is emptied, so the note
  is set at its call (a footnote in the PDF) rather than left in the back matter behind
  a row of links.

A note without words is no note: one that says it is the same as a note of this file
(``<note sameAs="#n3"/>``) is a second call of that note; one that points elsewhere (to
another file's note) or nowhere is left out, rather than printed as a numbered, empty
footnote.

A note whose ``@target`` is its own id (as the same edition writes them) annotates no
other place: the target is dropped, so it is not called twice.

The TEI file is not changed: these passes work on the tree the hub is made from; the TEI
written back for reuse is read anew from the file (writers/tei).
"""

from __future__ import annotations

import re

from lxml import etree

from ..diagnostics import Diagnostic, warning
from .tree import remove_keep_tail

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: Attributes whose values point at elements of the document (data.pointer in the
#: Guidelines) and that the stylesheet follows.
POINTING = ("target", "who", "corresp", "sameAs", "source", "ref", "hand", "wit", "resp",
            "facs", "spanTo")
_BARE_POINTERS = etree.XPath("//@*[namespace-uri() = ''][" + " or ".join(
    f"local-name() = '{name}'" for name in POINTING) + "][not(contains(., '#'))][normalize-space(.) != '']")
#: A value that could be an address: a scheme, a path, a query.
_ADDRESS = re.compile(r"[:/?\\]")
#: A call's own mark: a number, a letter or two, a sign (*, †, ‡…).
_MARK = re.compile(r"^(?:[0-9]{1,4}|[A-Za-z]{1,2}|[*†‡§¶#]{1,3})[.)]?$")


def read_as_meant(tree: etree._ElementTree, source_path, where) -> list[Diagnostic]:
    """Apply both passes to ``tree`` (the hub's working copy); the warnings they give."""
    root = tree.getroot()
    ids = set(root.xpath("//@xml:id"))
    diagnostics = _hash_bare_ids(root, ids, source_path, where)
    notes = {n.get(XML_ID): n for n in root.iter(f"{TEI}note") if n.get(XML_ID)}
    _labelled_calls(root, notes)
    _empty_notes(root, notes)
    for note in root.iter(f"{TEI}note"):
        if note.get("target") and note.get("target").strip() == "#" + (note.get(XML_ID) or ""):
            del note.attrib["target"]   # a note that names itself as what it annotates
    return diagnostics


def _hash_bare_ids(root, ids: set[str], source_path, where) -> list[Diagnostic]:
    first = None
    count = 0
    # (the pointing attributes without '#', found by one path search: a novel has none)
    for attribute in _BARE_POINTERS(root):
        el, name, value = attribute.getparent(), attribute.attrname, str(attribute)
        tokens = value.split()
        if not any(t in ids and not _ADDRESS.search(t) for t in tokens):
            continue
        el.set(name, " ".join("#" + t if t in ids and not _ADDRESS.search(t) else t
                              for t in tokens))
        count += 1
        if first is None:
            first = (el, name, value)
    if first is None:
        return []
    el, name, value = first
    line, column = where.attribute(el, name)
    more = f" (and {count - 1} more pointers so written)" if count > 1 else ""
    token = next(t for t in value.split() if t in ids)
    return [warning(source_path, f"<{etree.QName(el).localname} {name}=\"{value}\"> names an "
                    f"xml:id of this document without '#'{more}; it is read as '#{token}'. "
                    f"Write {name}=\"#{token}\" (a value without '#' is the address of a file)",
                    "W-PTR-1", line, column)]


def _labelled_calls(root, notes: dict) -> None:
    for ref in root.iter(f"{TEI}ref"):
        target = (ref.get("target") or "").strip()
        if not target.startswith("#") or " " in target or len(ref):
            continue
        label = (ref.text or "").strip()
        if not _MARK.match(label):
            continue
        note = notes.get(target[1:])
        if note is None:
            continue
        own = (note.get("n") or "").strip()
        if own and own != label.rstrip(".)"):
            continue
        if not own:
            note.set("n", label.rstrip(".)"))
        ref.text = None


def _empty_notes(root, notes: dict) -> None:
    empty = [n for n in root.iter(f"{TEI}note")
             if len(n) == 0 and not (n.text or "").strip() and n.get(XML_ID) is None]
    for note in empty:
        same = (note.get("sameAs") or "").strip()
        parent = note.getparent()
        if parent is None:
            continue
        if same.startswith("#") and same[1:] in notes:
            call = etree.Element(f"{TEI}ptr", target=same)
            call.tail = note.tail
            parent.replace(note, call)
            continue
        remove_keep_tail(note)
