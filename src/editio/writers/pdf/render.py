"""The PDF edition: the hub HTML typeset as a book by WeasyPrint with the print CSS of ``styles/``.

The writer never re-reads the TEI. It copies the hub and reshapes the copy for print:
note bodies move from ``section#notes`` to their call sites as ``span.footnote`` (so that
``float: footnote`` puts them at the foot of the page where they are called), back-links
in the register, the list of interventions and the bibliography become page references,
and web-only furniture (scripts, download links) goes.

WeasyPrint only ever sees what belongs to the edition: a custom URL fetcher serves the
images listed in ``hub.resources``, the edition fonts and the stylesheets, and refuses
everything else (no network, no other files). Whatever WeasyPrint logs while typesetting
is collected and turned into diagnostics, because a book that silently lost an image or
a style rule is a broken book.

WeasyPrint 70 places a footnote whole (it never splits one across pages) and, to make
room for a line that widows and orphans keep with the next, sends the page's last notes
on, away from their calls: during layout that is turned off
(:func:`.weasy.notes_stay_with_their_calls`; the paragraph breaks or moves instead), so a
book is laid out once. What may still separate a note from its call (a note dropped at
the end of a page group) is checked after layout: the paragraph holding a stray call moves
to the next page until they meet; notes longer than :data:`LONG_NOTE_CHARS` stay
endnotes. This module lays a book out in one process; :mod:`.parallel` cuts a long one
into parts laid out by several.

Same input, same bytes: dates come from ``BuildContext.modified`` (``SOURCE_DATE_EPOCH``),
the file identifier from the edition's identifier, the XMP packet is written here.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import logging
import mimetypes
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from ... import fonts, i18n, stylesheets
from ...diagnostics import Diagnostic, EditioError, error, warning
from ...hub import vocabulary as vocab
from ...hub.tree import add_class as _add_class
from ...hub.tree import classes as _classes
from ...hub.tree import contents_labels, drop_diplomatic_only, previous_past_points
from ...hub.tree import remove_keep_tail as _remove_keep_tail
from ...model import Hub
from . import fontmerge, linebreak, pagerefs, weasy

BASE = "https://editio.invalid/"
DOC_URL = BASE + "edition/index.html"
STYLE_URL = BASE + "styles/print.css"
FONT_CSS_URL = BASE + "styles/fonts.css"
FONT_URL = BASE + "fonts/"

# Hub elements that are block-level in HTML; inside a footnote (an inline span) they
# become spans, otherwise an HTML parser would close the paragraph around the call.
_BLOCKS = {"p", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
           "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "h1", "h2",
           "h3", "h4", "h5", "h6", "section", "aside", "header", "footer", "pre", "nav",
           "article", "main", "hr", "address"}

# Blocks that may be moved to the next page to bring a footnote back to its call.
_PUSHABLE = {"p", "li", "dd", "dt", "blockquote", "figure", "table", "tr"}
MAX_NOTE_REPAIRS = 12
# Footnotes inside footnotes, as deep as this; deeper notes are endnotes. Each level is a
# float in a float, and laying out a chain of them takes time that grows faster than the
# chain (a note nested 240 deep took minutes); three levels is more than books print.
MAX_FOOTNOTE_NESTING = 3

# Average characters per top-level section from which sections are treated as chapters
# and start on a recto; shorter ones (letters, posts, short poems) run on.
CHAPTER_MIN_CHARS = 6000

# A text under about three pages with at most one heading of its own is a short piece (a
# poem, a letter, a post, a one-section article): its book is a title page, the text and
# a colophon, without contents (of one entry) or blank versos.
SHORT_MAX_CHARS = 7000

# WeasyPrint moves a footnote that does not fit to the next page whole; it never splits
# one. A note longer than about two thirds of a page could then never be placed, so such
# notes stay endnotes (in "Notes" at the end of the book, the call links there).
LONG_NOTE_CHARS = 3000


def _text(el) -> str:
    return "".join(el.itertext())


# --- URL fetching ----------------------------------------------------------------------


def _make_fetcher(allowed: dict[str, Path]):
    """A WeasyPrint URL fetcher that serves exactly the files in ``allowed`` (URL → path)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class EditionFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = allowed.get(url.split("#", 1)[0])
            if path is None:
                raise ValueError(f"not part of the edition: {url}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if path.suffix.lower() == ".css":
                mime = "text/css"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return EditionFetcher(allowed_protocols=("https", "data"))


def _url(href: str) -> str:
    from weasyprint.urls import iri_to_uri

    return iri_to_uri(urljoin(DOC_URL, href))


# --- log capture -----------------------------------------------------------------------


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, logging.LogRecord]] = []
        self.phase = "render"

    def emit(self, record):
        self.records.append((self.phase, record))


# --- preparing the copy ----------------------------------------------------------------


@dataclass
class Prepared:
    root: etree._Element
    glyph_text: str
    chapters: bool
    notes_moved: int = 0
    notes_left: int = 0
    extra: dict = field(default_factory=dict)


def _move_notes(root) -> tuple[int, int]:
    """Put every note body at its call site as a ``span.footnote``; return (moved, left).

    Notes the TEI places at the end (``@place="end"``) stay in the notes section."""
    notes_section = vocab.section(root, vocab.NOTES)
    if notes_section is None:
        return 0, 0
    bodies = {el.get("id"): el for el in notes_section.iter("aside") if el.get("id")}
    # (the hub's comma between two calls: footnote calls are parted by their own CSS)
    for sep in [el for el in root.iter("span") if "noteref-sep" in _classes(el)]:
        _remove_keep_tail(sep)
    moved = 0
    for ref in list(root.iter("a")):
        if "noteref" not in _classes(ref):
            continue
        if any(a is notes_section for a in ref.iterancestors()):
            continue  # a call inside another note: that note stays an endnote
        if sum("footnote" in _classes(a) for a in ref.iterancestors()) >= MAX_FOOTNOTE_NESTING:
            continue  # a footnote's footnote's footnote…: from this depth on, endnotes
        target = (ref.get("href") or "")[1:]
        aside = bodies.get(target)
        if aside is None or len(_text(aside)) > LONG_NOTE_CHARS or aside.get("data-place") == "end":
            continue   # an endnote by the TEI's own @place, or too long to set on one page
        del bodies[target]
        label = re.sub(r"\s+", " ", _text(ref)).strip()
        fn = etree.Element("span")
        fn.set("class", " ".join(["footnote"] + sorted(_classes(aside) - {"note"})))
        fn.set("id", target)
        fn.set("data-label", label)
        if aside.get("lang"):
            fn.set("lang", aside.get("lang"))
        for back in list(aside.iter("a")):
            if back.get("role") == "doc-backlink" or "backlink" in _classes(back):
                _remove_keep_tail(back)
        fn.text = aside.text
        for child in list(aside):
            fn.append(child)
        _strip_leading_space(fn)
        _collapse_space(fn)
        for el in fn.iter():
            if el is not fn and el.tag in _BLOCKS:
                el.set("class", (f"fn-block fn-{el.tag} " + (el.get("class") or "")).strip())
                el.tag = "span"
        _attach_to_block(ref)
        # The call sticks to the word before it: no space, a word joiner instead; a
        # lettered call (textual notes: "a") after a narrow no-break space, so that it
        # never reads as the last letter of the word ("Zeilena").
        parent = ref.getparent()
        prev = ref.getprevious()
        before = (prev.tail if prev is not None else parent.text) or ""
        stripped = before.rstrip()
        gap = before[len(stripped):]
        last = stripped[-1:] or ("".join(prev.itertext())[-1:] if prev is not None and not before else "")
        glue = "\u202f" if label[:1].isalpha() and last.isalpha() else "\u2060"
        # a call right after another: "1,2", not "12" (twelve); over empty points between
        # them (the calls' own anchors, CBETA's one anchor per note)
        earlier = previous_past_points(ref)
        if (earlier is not None and not stripped and "footnote" in _classes(earlier)
                and not (earlier.tail or "").strip()):
            fn.set("class", fn.get("class") + " fn-next-call")
        if stripped:
            joined = stripped + glue
        else:   # the word before ends inside an element: only a lettered call needs the space
            joined = "\u202f" if glue == "\u202f" and not before else before
        if prev is not None:
            prev.tail = joined
        else:
            parent.text = joined
        anchor = etree.Element("span")
        anchor.set("id", ref.get("id") or f"noteref-{target}")
        anchor.set("class", "noteref-anchor")
        tail = ref.tail or ""
        if gap and stripped and not tail[:1].isspace():
            tail = " " + tail
        fn.tail = tail
        parent.replace(ref, anchor)
        anchor.addnext(fn)
        # keep the anchor before the call; the anchor is empty so it cannot break a line
        anchor.tail = None
        aside.getparent().remove(aside)
        moved += 1
    left = len([a for a in notes_section.iter("aside")])
    if left == 0:
        notes_section.getparent().remove(notes_section)
    return moved, left


_BLOCK_CONTAINERS = {"div", "section", "main", "body", "blockquote", "li", "dd", "td", "th", "figure",
                     "header", "footer", "article", "aside", "nav"}


def _attach_to_block(ref) -> None:
    """A call standing between blocks (after a speaker label, before a paragraph) joins
    the end of the block before it, or else the start of the block after it, so that it
    never makes a line of its own."""
    parent = ref.getparent()
    if parent is None or parent.tag not in _BLOCK_CONTAINERS:
        return
    prev, nxt = ref.getprevious(), ref.getnext()
    if (ref.tail or "").strip():
        return  # inline context after all: text follows the call
    if prev is not None and not (prev.tail or "").strip() and prev.tag in _BLOCKS | {"p"}:
        tail = ref.tail
        _remove_keep_tail(ref)
        if tail and not tail.strip():
            pass
        ref.tail = None
        prev.append(ref)
    elif nxt is not None and nxt.tag in _BLOCKS:
        _remove_keep_tail(ref)
        ref.tail = nxt.text
        nxt.text = None
        nxt.insert(0, ref)


_SPACE = re.compile(r"[ \t\n\r\f]+")


def _collapse_space(el) -> None:
    """Source line breaks inside a floated footnote would be kept as line breaks by
    WeasyPrint (it skips white-space collapsing there), so collapse them beforehand."""
    for node in el.iter():
        if node.text:
            node.text = _SPACE.sub(" ", node.text)
        if node is not el and node.tail:
            node.tail = _SPACE.sub(" ", node.tail)


def _strip_leading_space(el) -> None:
    if el.text and el.text.strip():
        el.text = el.text.lstrip()
        return
    el.text = None
    for child in el:
        if child.tag in _BLOCKS:
            _strip_leading_space(child)
        break


def _append_text(el, text: str) -> None:
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


def _page_references(root) -> None:
    """Back-links from the back matter (register, index, bibliography) print the page of their
    target instead of their number: a link whose text only locates (``a.backlink``)
    becomes ``a.pageref``; links with words of their own keep them."""
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    main = root.find(".//main")
    if main is None:
        return
    scopes = [vocab.section(root, name) for name in (vocab.REGISTER, vocab.INDEX, vocab.INTERVENTIONS)]
    # (and the back matter's own lists of persons, places and organisations, set where
    # the TEI has them: constructs/names)
    scopes += [el for el in root.iter("section", "div")
               if _classes(el) & {vocab.BIBLIOGRAPHY, "listPerson", "listPlace", "listOrg"}]
    for scope in scopes:
        if scope is None:
            continue
        for a in scope.iter("a"):
            if vocab.BACKLINK in _classes(a):
                _as_page_reference(a, ids, main, None)
        # a character's speeches ("— 6 répliques", linked to the first): the count, then
        # the page of the first ("— 6 répliques, p. 5"); without it the printed register
        # listed names with nothing to find them by
        abbr = i18n.labels(root.get("lang"))["page-abbr"]
        for speeches in [el for el in scope.iter("span") if "speeches" in _classes(el)]:
            for a in list(speeches.iter("a")):
                words = "".join(a.itertext())
                _as_page_reference(a, ids, main, f", {abbr}\u00a0")
                if "pageref" in _classes(a):
                    previous = a.getprevious()
                    if previous is not None:
                        previous.tail = (previous.tail or "") + words
                    else:
                        a.getparent().text = (a.getparent().text or "") + words
    # A pointer that reads as a paragraph's number ("¶ 4") or as the word "passage" names
    # what a reader of the web edition finds; a printed page numbers no paragraphs, so in
    # print it reads as the page of its target ("p. 12", in the text's language:
    # data-page-abbr, set by constructs/phrase).
    for a in main.iter("a"):
        if a.get("data-page-abbr"):
            _as_page_reference(a, ids, main, a.get("data-page-abbr") + "\u00a0")


def _as_page_reference(a, ids, main, text: str | None) -> None:
    """Make a link to a place in the text print that place's page (``a.pageref``), after
    ``text``; links elsewhere are left as they are."""
    href = a.get("href") or ""
    if not href.startswith("#") or len(href) < 2:
        return
    target = ids.get(href[1:])
    if target is None or not any(anc is main for anc in target.iterancestors()):
        return
    for child in list(a):
        a.remove(child)
    a.text = text
    _add_class(a, "pageref")


def _interventions(root) -> None:
    """Each entry of the list of interventions starts with the page where it is made."""
    section = root.find(".//section[@id='interventions']")
    if section is None:
        return
    for li in section.iter("li"):
        target = next((a for a in li.iter("a") if (a.get("href") or "").startswith("#")), None)
        if target is None:
            continue
        ref = etree.Element("a")
        ref.set("href", target.get("href"))
        ref.set("class", "pageref lead")
        ref.tail = li.text
        li.text = None
        li.insert(0, ref)


def _tidy_blocks(root) -> None:
    """Print-only tidying: a line break opening a paragraph (a TEI ``lb`` before the
    first word) would print an empty line; list items with no content an empty bullet."""
    for br in list(root.iter("br")):
        parent = br.getparent()
        if parent is None or parent.tag not in ("p", "div", "li", "dd", "td"):
            continue
        before = (parent.text or "").strip()
        prev = br.getprevious()
        while prev is not None and not before:
            before = "".join(prev.itertext()).strip() or (prev.tail or "").strip()
            prev = prev.getprevious()
        if not before:
            _remove_keep_tail(br)
            if parent.text and not parent.text.strip():
                parent.text = None
    for p in root.iter("p"):
        if len(p.findall(".//br")) >= 2:
            _add_class(p, "has-lb")   # lines as in the source: set ragged, not justified
    for li in list(root.iter("li")):
        if not "".join(li.itertext()).strip() and li.find(".//img") is None and li.getparent() is not None:
            _remove_keep_tail(li)
    for ul in list(root.iter("ul", "ol")):
        if len(ul) == 0 and ul.getparent() is not None:
            _remove_keep_tail(ul)



def _fix_dangling_links(root) -> None:
    """Links whose target the print copy dropped (the emptied notes section): contents
    entries go, other links become plain text."""
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in list(root.iter("a")):
        href = a.get("href") or ""
        if not href.startswith("#") or href[1:] in ids:
            continue
        li = a.getparent()
        if li is not None and li.tag == "li" and any(x.tag == "nav" for x in li.iterancestors()):
            li.getparent().remove(li)
            continue
        a.tag = "span"
        for attr in ("href", "role"):
            a.attrib.pop(attr, None)


def _drop_furniture(root) -> None:
    for el in list(root.iter("script", "link", "style", "noscript", "button", "input", "form")):
        parent = el.getparent()
        if parent is not None and el.tag != "style":
            _remove_keep_tail(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        cls = _classes(el)
        if el.get("download") is not None or cls & {"downloads", "download", "web-only", "no-print",
                                                    "skip-link", "view-switch"}:
            _remove_keep_tail(el)


def _set_head(root, hub: Hub) -> None:
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    for el in list(head):
        if el.tag == "meta" and el.get("name", "").lower() in {"author", "keywords", "generator",
                                                              "dcterms.created", "dcterms.modified"}:
            head.remove(el)
    title = head.find("title")
    if title is None:
        title = etree.SubElement(head, "title")
    md = hub.metadata
    title.text = md.title + (f": {md.subtitle}" if md.subtitle else "")
    if not root.get("lang"):
        root.set("lang", md.language or "en")

    def meta(name, content):
        if content:
            m = etree.SubElement(head, "meta")
            m.set("name", name)
            m.set("content", content)

    for person in md.authors or md.editors:
        meta("author", person)
    meta("keywords", ", ".join(md.subjects))
    meta("generator", f"editio {hub.context.editio_version}".strip())
    if hub.context.modified:
        meta("dcterms.created", hub.context.modified)
        meta("dcterms.modified", hub.context.modified)
    if md.description and head.find("meta[@name='description']") is None:
        meta("description", md.description)


_ADDRESS = re.compile(r"(?:https?|ftp)://[^\s<>\"]+|www\.[^\s<>\"]+|doi:[^\s<>\"]+")
_WJ, _ZWSP = "\u2060", "\u200b"


def _address_break(url: str) -> str:
    """Break opportunities of a printed address where a reader cannot mistake them for
    part of it (as the Chicago Manual of Style advises): after ``//``, before a slash,
    a full stop, a hyphen and the other punctuation, never after a hyphen (a word
    joiner holds it to what follows: a line ending in "-" would read as a word divided
    by the layout)."""
    out = []
    for k, ch in enumerate(url):
        before = url[k - 1] if k else ""
        if k and ch in "/.-?#%_~=&" and not (ch == "/" and before in "/:"):
            out.append(_ZWSP)
        out.append(ch)
        if ch == "-":
            out.append(_WJ)
        elif ch in "=&" or (ch == "/" and before == "/"):
            out.append(_ZWSP)
    return "".join(out).replace(_ZWSP + _ZWSP, _ZWSP)


def _address_breaks(root) -> None:
    """Addresses in the text (URLs, DOIs) get their break opportunities, and are set in a
    ``span.address`` that is never hyphenated (constructs/core/print.css): the break
    opportunities only part an address where a reader cannot mistake them for part of it;
    hyphenation had also divided its words with a hyphen of its own ("htt‐ps://",
    "schnitzler-inter‐views"), which a reader copying it would copy. The zero-width space
    and the word joiner are drawn as nothing: a reader copying the address from the PDF
    gets it without them."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title", "pre"):
            continue
        if any(a.tag == "pre" for a in el.iterancestors()):
            continue
        for slot in ("text", "tail"):
            value = getattr(el, slot)
            if value and ("://" in value or "www." in value or "doi:" in value):
                matches = list(_ADDRESS.finditer(value))
                if matches:
                    found.append((el, slot, value, matches))
    for el, slot, value, matches in found:
        setattr(el, slot, value[:matches[0].start()] or None)
        spans = []
        for match, following in zip(matches, [*matches[1:], None]):
            span = etree.Element("span", {"class": "address"})
            span.text = _address_break(match.group())
            span.tail = value[match.end():following.start() if following else None] or None
            spans.append(span)
        if slot == "text":
            for k, span in enumerate(spans):
                el.insert(k, span)
        else:
            anchor = el
            for span in spans:
                anchor.addnext(span)
                anchor = span


#: A dash between words, then an opening quotation mark: "the angry thought—“they know".
_DASH_QUOTE = re.compile(f"(?<=\\S)([{linebreak.DASHES}])(?=[\u201c\u2018\u00ab\u201e\u201a\u2039\"'])")


def _dash_breaks(root) -> None:
    """A line may end after a dash that opens a quotation, as books set it (a line may
    end after an em dash, never before one): Unicode's line-breaking rules forbid a break
    before a quotation mark, which leaves "thought—“they" one unbreakable word and
    a loose line before it. A zero-width space, drawn as nothing, allows it."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title", "pre", "code"):
            continue
        if el.text and any(d in el.text for d in linebreak.DASHES):
            el.text = _DASH_QUOTE.sub("\\1" + _ZWSP, el.text)
        if el.tail and any(d in el.tail for d in linebreak.DASHES):
            el.tail = _DASH_QUOTE.sub("\\1" + _ZWSP, el.tail)


_EM = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*em\s*$")


def _formulas_for_print(root) -> None:
    """MathML put in the order a page shows its parts from top to bottom, for the box
    layout of constructs/math/print.css (WeasyPrint does not typeset MathML): a limit
    or accent above before its base, the two scripts of a base stacked in one box
    (superscript first), a root's index before its sign and its radicand; a space of a
    given width (TeX's ``\\quad``) as spaces of that width; a number written as digits,
    point and digits (``<mn>0</mn><mo>.</mo><mn>01</mn>``) as one number, and other
    punctuation as such (no space before it)."""
    if next(root.iter("math"), None) is None:
        return
    for space in list(root.iter("mspace")):
        width = _EM.match(space.get("width") or "")
        ems = float(width.group(1)) if width else 0.0
        space.text = "\u2003" * int(ems) + "\u2009" * round((ems - int(ems)) / 0.167)
    for mo in list(root.iter("mo")):
        if mo.text not in (".", ",", ";", ":"):
            continue
        before, after = mo.getprevious(), mo.getnext()
        if (mo.text in ".," and before is not None and after is not None and before.tag == "mn" == after.tag
                and not before.tail and not mo.tail):
            before.text = (before.text or "") + mo.text + (after.text or "")   # 0 . 01: one number
            mo.getparent().remove(after)
            mo.getparent().remove(mo)
        else:
            mo.set("separator", "true")
    for math in root.iter("math"):
        for el in list(math.iter("munderover", "mover", "msubsup", "mroot")):
            parts = [c for c in el if isinstance(c.tag, str)]
            if el.tag == "munderover" and len(parts) == 3:
                el.insert(0, parts[2])
            elif el.tag == "mover" and len(parts) == 2:
                el.insert(0, parts[1])
            elif el.tag == "msubsup" and len(parts) == 3:
                scripts = etree.SubElement(el, "mrow", {"class": "scripts"})
                scripts.extend([parts[2], parts[1]])
            elif el.tag == "mroot" and len(parts) == 2:
                el.insert(0, parts[1])
                sign = etree.Element("mo", {"class": "radical"})
                sign.text = "\u221a"
                parts[0].addprevious(sign)


def _code_lines(root) -> None:
    """Each line of a listing (``code.lines``, ``pre.eg``) a block of its own, so that a
    line too long for the page wraps with a hanging indent under its own indentation
    (constructs/phrase/print.css), never back to the margin as if it were a new line."""
    for code in list(root.iter("code")):
        parent = code.getparent()
        listing = "lines" in _classes(code) or (parent is not None and parent.tag == "pre"
                                               and "eg" in _classes(parent))
        if not listing or len(code) or not code.text or "\n" not in code.text.strip("\n"):
            continue
        lines = code.text.strip("\n").split("\n")
        code.text = None
        for line in lines:
            span = etree.SubElement(code, "span", {"class": "code-line"})
            span.text = line or "\u200b"      # an empty line keeps its height
            head = line[:len(line) - len(line.lstrip(" \t"))]
            columns = len(head.expandtabs(4))
            if columns:     # the wrapped part hangs under the line's own indentation
                span.set("style", f"padding-left: calc({columns}ch + 2em); text-indent: calc(-{columns}ch - 2em)")


def _running_heads(root) -> None:
    """A heading with a note gives the running head its words only (``data-running``,
    which print.css sets as the running head): CSS's content() would carry the note's
    call into every head of the section ("Al-Sham wa-l-hurriya1"). A division without a
    heading gets its name in the contents."""
    for heading in root.iter("h2"):
        if any({"footnote", "noteref"} & _classes(el) or el.tag == "del" for el in heading.iter()):
            heading.set("data-running", " ".join(_words_without_notes(heading).split()))
    # A division of the text's top level without a heading of its own (a play's one
    # division after its cast list) is named in the running head as the contents name it;
    # else the heading before it (the cast list's) stood over every page of the play.
    main = root.find(".//main")
    toc = root.find(".//nav[@id='toc']")
    if main is None or toc is None:
        return
    labels = contents_labels(toc)
    for division in main.iter("div"):
        if (division.get("data-level") == "1" and division.get("id") in labels
                and not any(child.tag == "h2" for child in division)):
            division.set("data-running", labels[division.get("id")])
    # A book whose text is one headed division holding its chapters (a novel's "book"
    # division, headed by its title) is headed page by page by its chapters: its title
    # stood over all 35 pages of a novel.
    if len(main.findall(".//h2")) == 1 and len(main.findall(".//h3")) > 1:
        for heading in main.iter("h3"):
            heading.set("data-running", " ".join(_words_without_notes(heading).split()))


def _words_without_notes(el) -> str:
    """An element's text, leaving out the notes and note calls inside it, and what the
    writer struck out (a running head cannot strike it through: "Jan. 1<del>1</del>3th"
    headed its pages "Jan. 113th")."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not {"footnote", "noteref"} & _classes(child) and child.tag != "del":
            parts.append(_words_without_notes(child))
        parts.append(child.tail or "")
    return "".join(parts)


def prepare(hub: Hub) -> Prepared:
    """A copy of the hub reshaped for print; ``hub.tree`` is left untouched."""
    root = copy.deepcopy(hub.root)
    drop_diplomatic_only(root)
    _drop_furniture(root)
    _set_head(root, hub)
    moved, left = _move_notes(root)
    _page_references(root)
    _interventions(root)
    _tidy_blocks(root)
    _fix_dangling_links(root)
    _address_breaks(root)
    _dash_breaks(root)
    _formulas_for_print(root)
    _code_lines(root)
    _running_heads(root)
    body = root.find("body")
    main = root.find(".//main")
    # The chapters are the sections headed by the text's top heading level (h2): a
    # novel's chapters, a play's acts. Long ones start on a recto with an opening page;
    # short ones (letters, posts, poems) run on. The median, not the mean, decides: one
    # long letter body between a short dateline and a signature is not a book.
    heads = [] if main is None else [s for s in main.iter("section") if any(c.tag == "h2" for c in s)]
    chapters = False
    if len(heads) >= 2:
        sizes = sorted(len(_text(s)) for s in heads)
        chapters = sizes[(len(sizes) - 1) // 2] >= CHAPTER_MIN_CHARS
    if body is not None:
        _add_class(body, "print")
        if chapters:
            _add_class(body, "chapters")
            for sec in heads:
                _add_class(sec, "chapter")
    # Headings inside notes, quotations or the toc are not part of the outline.
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        if any(a.tag in ("blockquote", "nav", "figure") or "footnote" in _classes(a)
               for a in el.iterancestors()):
            _add_class(el, "no-bookmark")
    if body is not None and main is not None and _is_short(main):
        _short_book(body)
    glyph_text = visible_text(body if body is not None else root)
    return Prepared(root, glyph_text, chapters, moved, left)


def _is_short(main) -> bool:
    """A piece with at most one heading of its own in the text and little text (see
    :data:`SHORT_MAX_CHARS`)."""
    heads = (h for h in main.iter("h2", "h3", "h4", "h5", "h6") if "no-bookmark" not in _classes(h))
    if next(heads, None) is not None and next(heads, None) is not None:
        return False
    return len(_text(main)) <= SHORT_MAX_CHARS


def _short_book(body) -> None:
    """Title page, text, colophon: the contents would list only the back matter, and
    the imprint moves to the end, after what is said about the edition."""
    _add_class(body, "short")
    toc = body.find("nav[@id='toc']")
    if toc is not None:
        body.remove(toc)
    imprint = body.find(f"section[@id='{vocab.IMPRINT}']")
    if imprint is not None:
        body.remove(imprint)
        body.append(imprint)


def visible_text(el) -> str:
    """The text a reader sees in print: no head, no scripts (the print copy holds no
    diplomatic-only readings)."""
    out: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "head"):
            return
        if node.tag == "br":
            out.append("\n")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return "".join(out)


# --- glyphs ----------------------------------------------------------------------------


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')} ({ch})"


def _css_urls(css: Path) -> list[str]:
    text = css.read_text(encoding="utf-8")
    return [m.group(1).strip() for m in re.finditer(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text)
            if not re.match(r"[a-z][a-z0-9+.-]*:", m.group(1).strip(), re.I)]


def _custom_coverage(css_files: list[Path]) -> frozenset[int]:
    """Code points covered by fonts that a custom stylesheet adds with ``@font-face``."""
    covered: set[int] = set()
    for css in css_files:
        for ref in _css_urls(css):
            font = (css.parent / ref).resolve()
            if font.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2") and font.is_file():
                try:
                    from fontTools.ttLib import TTFont

                    with TTFont(font, lazy=True) as f:
                        covered |= set(f.getBestCmap())
                except Exception:  # an unreadable font file covers nothing
                    continue
    return frozenset(covered)


def _first_position(path: Path, ch: str) -> tuple[int, int]:
    """Line and column of the first ``ch`` in the TEI file (1, 1 when it is not there)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1, 1
    at = text.find(ch)
    if at < 0:
        return 1, 1
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def check_glyphs(text: str, hub: Hub, custom_css: list[Path]) -> list[Diagnostic]:
    """Characters the edition's fonts cannot draw: in the text (located at their first
    occurrence in the TEI) or written by the print stylesheet itself. WeasyPrint would
    take them from whatever font the machine has; a strict build refuses that."""
    extra = _custom_coverage(custom_css) if custom_css else frozenset()
    missing_text = [ch for ch in fonts.missing_glyphs(text) if ord(ch) not in extra]
    missing_css = [ch for ch in fonts.missing_glyphs("".join(stylesheets.generated_characters("print")))
                   if ord(ch) not in extra]
    make = error if hub.context.strict else warning
    source = hub.context.source_path
    found = []
    if missing_text:
        shown = ", ".join(_char_name(ch) for ch in missing_text[:20])
        more = f" and {len(missing_text) - 20} more" if len(missing_text) > 20 else ""
        stem = Path(source).stem
        line, column = _first_position(source, missing_text[0])
        found.append(make(source, (
            f"the text has characters the edition font ({fonts.FAMILY}) has no glyph for: {shown}{more}"
            f"{fonts.install_hint(''.join(missing_text))}; "
            f"add a font that has them with @font-face in a custom print stylesheet ({stem}.print.css "
            f"next to the TEI file, font files beside it) or replace the characters in the TEI"),
            "E-GLYPH-1" if hub.context.strict else "W-GLYPH-1", line, column))
    if missing_css:
        shown = ", ".join(_char_name(ch) for ch in missing_css)
        found.append(make(source, (
            f"the print stylesheet writes characters the edition font ({fonts.FAMILY}) has no glyph "
            f"for: {shown}; change the content: rules that write them"),
            "E-GLYPH-2" if hub.context.strict else "W-GLYPH-2", 1, 1))
    return found


# --- stylesheets -----------------------------------------------------------------------


def print_css() -> str:
    """editio's print stylesheet: every construct's print rules (editio.stylesheets)."""
    return stylesheets.css("print")


def custom_stylesheets(hub: Hub, extra_css=()) -> list[Path]:
    """A ``NAME.print.css`` beside the TEI file, then any given explicitly (they win)."""
    out = []
    src = Path(hub.context.source_path)
    beside = src.with_name(src.stem + ".print.css")
    # read only from the TEI's folder: not through a symbolic link leading out of it
    if beside.is_file() and beside.resolve().is_relative_to(src.resolve().parent):
        out.append(beside)
    out += [Path(p) for p in extra_css]
    return out


def _dt_from_iso(value: str) -> _dt.datetime | None:
    if not value:
        return None
    try:
        return _dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(_dt.UTC).replace(tzinfo=None)
    except ValueError:
        return None


# --- metadata --------------------------------------------------------------------------


def _xmp(hub: Hub) -> bytes:
    """The XMP packet: PDF/UA identification, Dublin Core from the header, dates."""
    from xml.sax.saxutils import escape

    md, ctx = hub.metadata, hub.context
    e = lambda s: escape(s, {'"': "&quot;"})

    def alt(tag, value):
        return (f"<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{e(value)}</rdf:li></rdf:Alt></{tag}>"
                if value else "")

    def seq(tag, values, kind="Seq"):
        if not values:
            return ""
        items = "".join(f"<rdf:li>{e(v)}</rdf:li>" for v in values)
        return f"<{tag}><rdf:{kind}>{items}</rdf:{kind}></{tag}>"

    title = md.title + (f": {md.subtitle}" if md.subtitle else "")
    creators = md.authors or md.editors
    props = [
        "<pdfuaid:part>1</pdfuaid:part>",
        alt("dc:title", title),
        seq("dc:creator", creators),
        seq("dc:contributor", md.editors if md.authors else []),
        alt("dc:description", md.description),
        seq("dc:subject", md.subjects, "Bag"),
        seq("dc:language", [md.language or "en"], "Bag"),
        seq("dc:publisher", [md.publisher] if md.publisher else [], "Bag"),
        alt("dc:rights", md.licence),
        f"<dc:identifier>{e(md.identifier)}</dc:identifier>" if md.identifier else "",
        "<dc:format>application/pdf</dc:format>",
        f"<pdf:Keywords>{e(', '.join(md.subjects))}</pdf:Keywords>" if md.subjects else "",
        f"<pdf:Producer>{e(_producer())}</pdf:Producer>",
        f"<xmp:CreatorTool>{e(('editio ' + ctx.editio_version).strip())}</xmp:CreatorTool>",
    ]
    if ctx.modified:
        props += [f"<xmp:CreateDate>{e(ctx.modified)}</xmp:CreateDate>",
                  f"<xmp:ModifyDate>{e(ctx.modified)}</xmp:ModifyDate>",
                  f"<xmp:MetadataDate>{e(ctx.modified)}</xmp:MetadataDate>"]
    if md.licence_url:
        props.append(f"<xmpRights:WebStatement>{e(md.licence_url)}</xmpRights:WebStatement>")
    body = "".join(p for p in props if p)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    return packet.encode("utf-8")


def _producer() -> str:
    import weasyprint

    return f"WeasyPrint {weasyprint.__version__}"


def _finisher(hub: Hub):
    def finish(document, pdf):
        import pydyf

        stream = pydyf.Stream([_xmp(hub)], {"Type": "/Metadata", "Subtype": "/XML"})
        pdf.add_object(stream)
        pdf.catalog["Metadata"] = stream.reference
        prefs = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
        prefs["DisplayDocTitle"] = "true"
        pdf.catalog["ViewerPreferences"] = prefs
        if "Outlines" in pdf.catalog:
            pdf.catalog["PageMode"] = "/UseOutlines"
        if hub.metadata.subjects:
            pdf.info["Keywords"] = pydyf.String(", ".join(hub.metadata.subjects))
        fontmerge.cap_glyph_texts(pdf)
    return finish


# --- the writer ------------------------------------------------------------------------


def _classify(records, ours: set[str], source) -> list[Diagnostic]:
    out = []
    for phase, rec in records:
        msg = rec.getMessage().splitlines()[0]
        if phase == "css" or (rec.levelno >= logging.WARNING and msg.startswith("Ignored")
                              and any(name in msg for name in ours)):
            out.append(error(source, f"print stylesheet: {msg}", "E-PDF-CSS"))
        elif re.match(r"(Failed to load|Error fetching|Relative URI reference without a base"
                      r"|Unsupported stylesheet)", msg):
            out.append(error(source, f"PDF: {msg}", "E-PDF-FETCH"))
        elif "undefined anchor" in msg or "No anchor" in msg:
            out.append(warning(source, f"PDF: {msg}", "W-PDF-LINK"))
        elif rec.levelno >= logging.ERROR:
            out.append(error(source, f"PDF: {msg}", "E-PDF-RENDER"))
        else:
            out.append(warning(source, f"PDF: {msg}", "W-PDF"))
    return out


def render(hub: Hub, extra_css=(), prepared: Prepared | None = None, *,
           repairs: int | None = None, push=None):
    """Typeset the hub; returns (WeasyPrint document, diagnostics, prepared copy).

    ``repairs``: how many paragraphs may be moved to bring notes back to their calls
    (default :data:`MAX_NOTE_REPAIRS`); ``push``: the function that moves one (default
    :func:`push_misplaced_note`). Parallel layout passes both, per part."""
    weasy.load()
    repairs = MAX_NOTE_REPAIRS if repairs is None else repairs
    push = push or push_misplaced_note
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    source = str(hub.context.source_path)
    prepared = prepared or prepare(hub)
    custom = custom_stylesheets(hub, extra_css)
    diags = check_glyphs(prepared.glyph_text, hub, custom)
    if any(d.is_error for d in diags):
        raise EditioError(diags)

    allowed: dict[str, Path] = {}
    for href, path in hub.resources.items():
        allowed[_url(href)] = Path(path)
    declared = fonts.declared_faces(prepared.glyph_text)
    for face in declared:
        allowed[FONT_URL + face.path.name] = face.path
    custom_urls = []
    for i, css in enumerate(custom):
        base = f"{BASE}custom{i}/"
        custom_urls.append(base + css.name)
        allowed[base + css.name] = css
        root = css.parent.resolve()
        # Only the files the stylesheet names, and only inside its own folder.
        for ref in _css_urls(css):
            target = (root / ref).resolve()
            if target.is_file() and target.is_relative_to(root):
                allowed[_url_in(base, target.relative_to(root))] = target
    fetcher = _make_fetcher(allowed)

    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    old_level = logger.level
    logger.addHandler(collector)
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        collector.phase = "css"
        font_config = FontConfiguration()
        font_css = CSS(string=fonts.font_face_css(lambda f: FONT_URL + f.path.name, declared),
                       base_url=FONT_CSS_URL, url_fetcher=fetcher, font_config=font_config)
        book_css = CSS(string=print_css(),
                        base_url=STYLE_URL, url_fetcher=fetcher, font_config=font_config)
        collector.phase = "user-css"
        user = [CSS(url=u, url_fetcher=fetcher, font_config=font_config) for u in custom_urls]
        collector.phase = "render"
        def typeset(why: str):
            started = time.perf_counter()
            html = weasy.html_document(prepared.root, DOC_URL, fetcher)
            registers = pagerefs.cited_once() if repeatable else contextlib.nullcontext([])
            with linebreak.whole_paragraphs(), weasy.notes_stay_with_their_calls(), registers as records:
                document = html.render(stylesheets=[font_css, book_css, *user],
                                       font_config=font_config)
            say(hub, f"pdf: {why}: {len(document.pages)} pages laid out in "
                     f"{time.perf_counter() - started:.1f} s")
            return document, records

        # entries citing pages: their repeated pages are dropped during layout (.pagerefs)
        repeatable = any(sum(1 for a in li.iter("a") if "pageref" in _classes(a)) > 1
                         for li in prepared.root.iter("li"))
        document, records = typeset("layout")
        for attempt in range(repairs):
            if not push(prepared.root, anchor_pages(document)):
                break
            collector.records.clear()
            document, records = typeset(f"layout again to bring a note to its call ({attempt + 1})")
        note_problems = check_notes(prepared.root, anchor_pages(document), source)
        dropped = dedupe_page_references(prepared.root, anchor_pages(document))
        done_in_layout = len(records) == 1 and not records[0].declined and records[0].dropped == dropped
        if dropped and not done_in_layout:
            # Only the back matter changed, so the text keeps its pages; set it again
            # to print each page once per entry.
            collector.records.clear()
            document, _ = typeset("layout again to print each page once per entry")
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)
    diags += _classify(collector.records, {"print.css", "fonts.css"}, source)
    diags += note_problems
    return document, diags, prepared


def say(hub: Hub, text: str) -> None:
    """A step of a long layout as it ends (a book can take a minute); ``-q`` silences it."""
    if not hub.context.quiet:
        print(f"editio: {hub.context.name}: {text}", file=sys.stderr, flush=True)


def anchor_pages(document) -> dict[str, int]:
    """Page number (1-based) of every anchor of a rendered document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def push_misplaced_note(root, pages: dict[str, int]) -> bool:
    """When WeasyPrint left a footnote on a later page than its call, move a paragraph to
    the next page so that call and note meet again. True when a paragraph was pushed.

    WeasyPrint does so when a later paragraph of the page cannot be broken there (its
    widows and orphans) and it makes room by sending the page's last notes on: so the
    paragraph pushed is that later one, the last to start on the call's page, and the
    page ends before it, notes included. Only when the call's own paragraph is the last
    on its page does that paragraph go to the next page, taking its call along."""
    for fn in root.iter("span"):
        if "footnote" not in _classes(fn):
            continue
        anchor = fn.getprevious()
        if anchor is None or "noteref-anchor" not in _classes(anchor):
            continue
        call_page, note_page = pages.get(anchor.get("id")), pages.get(fn.get("id"))
        # note_page None: WeasyPrint dropped the note altogether (it does, when a note it
        # deferred meets the end of a page group); moving the paragraph brings it back.
        if call_page is None or call_page == note_page:
            continue
        block = next((a for a in fn.iterancestors() if a.tag in _PUSHABLE), None)
        if block is None:
            continue
        later = _last_started_on(block, call_page, pages)
        if later is not None and "fn-push" not in _classes(later):
            _add_class(later, "fn-push")
            return True
        if "fn-push" in _classes(block):
            continue
        # A speaker label or a heading goes along with the paragraph it introduces.
        while True:
            prev = block.getprevious()
            if prev is not None and (prev.tag in ("h2", "h3", "h4", "h5", "h6")
                                     or "speaker" in _classes(prev)):
                block = prev
                continue
            if prev is None and block.getparent() is not None and "sp" in _classes(block.getparent()):
                block = block.getparent()
                continue
            break
        _add_class(block, "fn-push")
        return True
    return False


def _last_started_on(block, page: int, pages: dict[str, int]):
    """The last block after ``block`` (its siblings) that starts on ``page``, or None."""
    last = None
    for el in block.itersiblings():
        if not isinstance(el.tag, str):
            continue
        where = pages.get(el.get("id") or "")
        if where is None:
            continue
        if where > page:
            break
        if where == page and el.tag in _PUSHABLE:
            last = el
    return last


def check_notes(root, pages: dict[str, int], source) -> list[Diagnostic]:
    """A note WeasyPrint did not print is lost text (an error); one printed on another page
    than its call is a flaw (a warning)."""
    out = []
    for fn in root.iter("span"):
        if "footnote" not in _classes(fn):
            continue
        anchor = fn.getprevious()
        call_page = pages.get(anchor.get("id")) if anchor is not None else None
        note_page = pages.get(fn.get("id"))
        label = fn.get("data-label")
        if note_page is None:
            out.append(error(source, f"PDF: note {label} ({fn.get('id')}) was not printed", "E-PDF-NOTE"))
        elif call_page is not None and call_page != note_page:
            out.append(warning(source, f"PDF: note {label} ({fn.get('id')}) is printed on page "
                               f"{note_page}, its call on page {call_page}", "W-PDF-NOTE"))
    return out


def dedupe_page_references(root, pages: dict[str, int]) -> int:
    """Within one entry, a page is cited once: drop later references to the same page
    (with the separator before them). Returns how many were dropped. (During layout,
    :mod:`.pagerefs` drops the same ones from WeasyPrint's boxes.)"""
    changed = 0
    for li in root.iter("li"):
        # (a reference dropped already, as part of an enclosing entry, is not cited; an
        # index entry cites its own places, its sub-entries theirs)
        own = vocab.INDEX_ENTRY in _classes(li)
        refs = [a for a in li.iter("a") if "pageref" in _classes(a) and a.getparent() is not None
                and not (own and next(a.iterancestors("li")) is not li)]
        for a in pagerefs.repeated_citations(refs, lambda a: pages.get((a.get("href") or "#")[1:])):
            prev = a.getprevious()
            parent = a.getparent()
            if prev is not None:
                prev.tail = a.tail
            else:
                parent.text = (parent.text or "") + (a.tail or "")
            parent.remove(a)
            changed += 1
    return changed


def _url_in(base: str, rel: Path) -> str:
    from weasyprint.urls import iri_to_uri

    return iri_to_uri(urljoin(base, rel.as_posix()))


def write_options(hub: Hub) -> dict:
    """The options of every ``write_pdf`` that makes the edition's PDF.

    One place for them, so that the book laid out in one process and the one laid out
    in parts (``pdf_parallel``) carry the same variant, tags, attachment, /ID and metadata.
    """
    from weasyprint import Attachment

    when = _dt_from_iso(hub.context.modified) or _dt.datetime(2000, 1, 1)
    attachments = []
    from ...source.load import current_bytes

    src = Path(hub.context.source_path)
    try:
        data = current_bytes(src)
    except OSError:
        data = None
    if data is not None:
        attachments.append(Attachment(string=data, name=src.name,
                                      description="TEI P5 source of this edition",
                                      created=when, modified=when, relationship="Source"))
    return {
        "pdf_variant": "pdf/ua-1",
        "pdf_tags": True,
        "attachments": attachments,
        "pdf_identifier": pdf_identifier(hub),
        "finisher": _finisher(hub),
    }


def pdf_identifier(hub: Hub) -> bytes:
    """A stable /ID: derived from the edition identifier, so rebuilds give the same file."""
    import hashlib

    seed = hub.metadata.identifier or (hub.metadata.title + hub.context.name)
    return hashlib.md5(seed.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")
