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

Two ``w`` side by side with nothing between them are two words all the same: a Hebrew
Bible written word by word (``<w>וַיְהִי</w><w>דְּבַר</w>``) ran every verse into one
string that no line could break (:func:`part_adjacent_words`). A word that ends in a
joining mark (the maqaf, a hyphen), a ``@join`` or a ``@part`` says otherwise, and so do
scripts written without spaces (Chinese, Japanese, Thai).
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
_CLOSING = frozenset(".,;:!?)]}…»›%")
_OPENING = frozenset("([{¿¡«‹")
_PC = etree.XPath("//tei:text//tei:pc", namespaces={"tei": TEI_NS})
_W = etree.XPath("//tei:text//tei:w[not(.//tei:w)]", namespaces={"tei": TEI_NS})
_LB = f"{{{TEI_NS}}}lb"
_WORD = f"{{{TEI_NS}}}w"
#: Marks after which the next word follows without a space: maqaf, hyphens, makkef-like.
_JOINERS = frozenset("\u05be-\u2010\u2011\u00ad")
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
    """Drop the layout white space on the joined side of each ``pc`` of the text, and
    inside it (a Menota ``pc`` holds its levels on lines of their own: "heitit , er")."""
    for pc in _PC(tree):
        pc.text = _unlaid(pc.text)
        for el in pc.iterdescendants():
            if isinstance(el.tag, str):
                el.text = _unlaid(el.text)
            el.tail = _unlaid(el.tail)
        left, right = _joins(pc)
        if left:
            before = pc.getprevious()
            if before is not None:
                if before.tail is None or _blank(before.tail):
                    before.tail = None
                    # (and the file's line end closing the element before it: a name's
                    # last word on a line of its own, "Serklandi ." from "</w>⏎</name><pc>")
                    _drop_trailing_layout(before)
            elif _blank(pc.getparent().text):
                pc.getparent().text = None
        if right and _blank(pc.tail):
            pc.tail = None


_LINE_END_MARK = etree.XPath(
    "//tei:text//tei:g[not(node())]"
    "[substring(normalize-space(@ref), string-length(normalize-space(@ref)) - 8) = 'EOLhyphen'"
    " or substring(normalize-space(@ref), string-length(normalize-space(@ref)) - 10) = 'EOLunhyphen']",
    namespaces={"tei": TEI_NS})
_END_LAYOUT = re.compile(r"[ \t\r]*\n[ \t\r\n]*\Z")
_START_LAYOUT = re.compile(r"\A[ \t\r]*\n[ \t\r\n]*")


def join_line_end_marks(tree: etree._ElementTree) -> None:
    """Drop the file's line ends around a print's line-end mark inside a word (TCP's
    ``<g ref="char:EOLhyphen"/>``, ``char:EOLunhyphen``): the word runs on across it
    ("whitſo<gap/>⏎<g ref='char:EOLhyphen'/>daye" read "whitſo[•] daye")."""
    if next(tree.getroot().iter(f"{{{TEI_NS}}}g"), None) is None:
        return      # (most texts have no g: no path search over a novel)
    for g in _LINE_END_MARK(tree):
        before = g.getprevious()
        if before is not None:
            if before.tail:
                before.tail = _END_LAYOUT.sub("", before.tail) or None
            else:
                _drop_trailing_layout(before)
        elif g.getparent() is not None and g.getparent().text:
            g.getparent().text = _END_LAYOUT.sub("", g.getparent().text) or None
        if g.tail:
            g.tail = _START_LAYOUT.sub("", g.tail) or None


def _drop_trailing_layout(el: etree._Element) -> None:
    """Drop the white space with a line end that ends ``el``'s content, at any depth."""
    while isinstance(el.tag, str):
        if not len(el):
            if _blank(el.text) and "\n" in el.text:
                el.text = None
            return
        last = el[-1]
        if last.tail:
            if not (_blank(last.tail) and "\n" in last.tail):
                return
            last.tail = None
        el = last


def _unlaid(text: str | None) -> str | None:
    """``text`` without the white space runs that hold a line end."""
    if not text or "\n" not in text:
        return text
    return _LAYOUT.sub("", text)


def join_word_parts(tree: etree._ElementTree) -> None:
    """Drop the layout white space inside each ``w``; its line breaks break no word."""
    if next(tree.getroot().iter(_WORD), None) is None:
        return      # (most texts have no w: no path search over a novel)
    for w in _W(tree):
        w.text = _unlaid(w.text)
        for el in w.iterdescendants():
            if isinstance(el.tag, str):
                el.text = _unlaid(el.text)
                if el.tag == _LB and el.get("break") is None:
                    el.set("break", "no")
            el.tail = _unlaid(el.tail)


def _starts_with_word(el) -> etree._Element | None:
    """The ``w`` an element begins with (itself, or its first child's, with no text before)."""
    while isinstance(el.tag, str):
        if el.tag == _WORD:
            return el
        if (el.text or "").strip() or not len(el):
            return None
        el = el[0]
    return None


def _ends_with_word(el) -> etree._Element | None:
    """The ``w`` an element ends with (itself, or its last child's, with no text after)."""
    while isinstance(el.tag, str):
        if el.tag == _WORD:
            return el
        if not len(el) or (el[-1].tail or "").strip():
            return None
        el = el[-1]
    return None


def _spaceless(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") or "\u0e00" <= ch <= "\u0eff" \
        or "\u1000" <= ch <= "\u109f" or "\u1780" <= ch <= "\u17ff"


_ALTERNATIVES = frozenset(f"{{{TEI_NS}}}{n}" for n in ("app", "rdgGrp", "choice", "subst", "alt"))
_TEXT_ELEMENTS = etree.XPath("//tei:text//*[tei:w or .//tei:w]", namespaces={"tei": TEI_NS})


def part_adjacent_words(tree: etree._ElementTree) -> None:
    """A space between two words (``w``, or elements ending and beginning with one) that
    stand side by side with nothing between them."""
    if next(tree.getroot().iter(_WORD), None) is None:
        return
    for parent in _TEXT_ELEMENTS(tree):
        if parent.tag in _ALTERNATIVES:
            continue    # (a lemma and its readings are alternatives, not words in a row)
        for el in parent:
            if not isinstance(el.tag, str) or el.tail:
                continue
            following = el.getnext()
            if following is None or not isinstance(following.tag, str):
                continue
            w, nxt = _ends_with_word(el), _starts_with_word(following)
            if w is None or nxt is None:
                continue
            before, after = "".join(w.itertext()).rstrip(), "".join(nxt.itertext()).lstrip()
            if not before or not after:
                continue
            if before[-1] in _JOINERS or _spaceless(before[-1]) or _spaceless(after[0]):
                continue
            if w.get("join") in ("right", "both") or nxt.get("join") in ("left", "both") \
                    or w.get("part") in ("I", "M") or nxt.get("part") in ("M", "F"):
                continue
            el.tail = " "
