"""The EPUB 3 writer: hub HTML → XHTML content documents, navigation, package, zip.

editio packages the book itself instead of handing it to pandoc because an edition needs
what generic converters leave out: a page-list from the source's page breaks, footnotes
that stay in the document of their call, accessibility metadata stated from what the book
really contains, the same fragment identifiers as the web edition, and a zip that is
byte-identical from one build to the next.

Layout inside the container::

    mimetype                    stored, first
    META-INF/container.xml
    EPUB/package.opf
    EPUB/nav.xhtml              toc (also the "Contents" page of the spine), landmarks, page-list
    EPUB/text/*.xhtml           cover, title page, one file per top-level division, apparatus
    EPUB/css/epub.css           @font-face rules + the EPUB CSS of styles/ (editio.stylesheets)
    EPUB/fonts/*.woff2          subsets of the edition's OFL typeface
    EPUB/images/*               cover.svg and the hub's images
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

from lxml import etree

from ... import atomic, clock, fonts, i18n, stylesheets
from ...diagnostics import Diagnostic, warning
from ...hub import links
from ...hub.tree import classes as _classes
from ...hub.tree import code_text, contents_labels, drop_diplomatic_only
from ...hub.tree import remove_keep_tail as _drop
from ...hub.vocabulary import MATHML
from ...model import Hub
from . import cover

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
H = "{%s}" % XHTML
EPUB_TYPE = "{%s}type" % EPUB_NS
NSMAP = {None: XHTML, "epub": EPUB_NS}
HEADINGS = tuple(H + f"h{i}" for i in range(1, 7))
CONTAINERS = {H + n for n in ("section", "div", "main", "article", "header", "body", "nav", "aside")}

MEDIA_TYPES = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
    ".svg": "image/svg+xml", ".webp": "image/webp",
}

# epub:type for the hub's top-level parts (ids and classes from styles/HUB.md)
APPARATUS_TYPES = {
    "notes": ("endnotes", "doc-endnotes"),
    "register": ("index", "doc-index"),
    "index": ("index", "doc-index"),
    "bibliography": ("bibliography", "doc-bibliography"),
}
# characters of text from which ``main`` is cut into one document per division
SPLIT_FROM = 40_000
EMBEDDED_FACES = {(400, "normal"), (400, "italic"), (700, "normal")}
PART_TYPES = {"front": "frontmatter", "body": "bodymatter", "back": "backmatter"}

_DATETIME = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?|--\d{2}-\d{2}"
    r"|\d{2}:\d{2}(:\d{2}(\.\d+)?)?|\d{4}-W\d{2})$")
_W3CDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Doc:
    """One XHTML content document of the spine."""

    name: str                   # file name inside text/
    title: str
    body: etree._Element        # an XHTML <body>
    role: str = ""              # cover | titlepage | text | apparatus | licence
    properties: list[str] = field(default_factory=list)
    html_id: str | None = None  # id of the <html> element, if the hub gives the document one

    @property
    def href(self) -> str:
        return f"text/{self.name}"


@dataclass
class Item:
    """One manifest entry: a path inside EPUB/ and its bytes."""

    href: str
    media_type: str
    data: bytes
    id: str
    properties: str = ""


def _text(el: etree._Element) -> str:
    """The visible text of ``el`` without note call numbers, whitespace collapsed."""
    parts = []

    def walk(e):
        if e.get("role") == "doc-noteref" or e.get("role") == "doc-pagebreak":
            if e.tail:
                parts.append(e.tail)
            return
        if e.text:
            parts.append(e.text)
        for c in e:
            if isinstance(c.tag, str):
                walk(c)
            elif c.tail:
                parts.append(c.tail)
        if e is not el and e.tail:
            parts.append(e.tail)

    walk(el)
    return " ".join("".join(parts).split())


def _heading(el: etree._Element) -> etree._Element | None:
    for child in el:
        if child.tag in HEADINGS:
            return child
        if isinstance(child.tag, str) and child.tag not in (H + "a", H + "span"):
            # a heading is the first element child (a page break may precede it)
            return None
    return None


def _add_type(el, value: str) -> None:
    types = (el.get(EPUB_TYPE) or "").split()
    if value not in types:
        el.set(EPUB_TYPE, " ".join(types + [value]))


def _unlink(a: etree._Element) -> None:
    """Turn a link without a target into a span (attributes of links need an href)."""
    a.tag = H + "span"
    for name in ("download", "type", "hreflang", "rel", "target", "ping", "referrerpolicy", "role"):
        a.attrib.pop(name, None)


def _to_xhtml(root: etree._Element) -> etree._Element:
    """A copy of the hub tree with every no-namespace element moved into XHTML; what
    only the web edition's diplomatic view shows is left out (a book is reading text)."""
    root = copy.deepcopy(root)
    drop_diplomatic_only(root)
    for el in list(root.iter("script", "noscript", "template", "button", "input")):
        if el.getparent() is not None and el.getparent().tag != "head":
            _drop(el)
    for el in list(root.iter("p", "div", "li", "span")):
        if "downloads" in _classes(el) and el.getparent() is not None:
            _drop(el)   # links to the web edition's PDF and EPUB: nothing a book can offer
    for math in list(root.iter("math")):
        # a formula (constructs/math) is MathML, in its namespace, declared on it
        formula = etree.Element(MATHML + "math", dict(math.attrib), nsmap={None: MATHML[1:-1]})
        formula.text, formula.tail = math.text, math.tail
        formula.extend(list(math))
        math.getparent().replace(math, formula)
        for el in formula.iter():
            if isinstance(el.tag, str) and el.tag[0] != "{":
                el.tag = MATHML + el.tag
    for el in list(root.iter()):
        tag = el.tag
        if isinstance(tag, str):
            if tag[0] != "{":
                el.tag = H + tag
            for name in [a for a in el.attrib if a.startswith("data-") and a != a.lower()]:
                # XHTML custom data attributes may not contain upper-case letters
                value = el.attrib.pop(name)
                el.set(re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower(), value)
        elif el.getparent() is not None:  # comments and processing instructions
            _drop(el)
    return root


def _split_main(main: etree._Element) -> list[etree._Element]:
    """Cuts ``main`` into documents at every top-level division (``data-level``).

    The wrappers around a division (``main``, ``section.body``...) are repeated as
    shallow copies in each document so the structure (front/body/back) survives; their
    ids and any text directly inside them stay on the first copy only, so every id exists
    exactly once in the book. Loose content before a division (a page break, an
    untitled opening paragraph) goes into that division's document; loose content after
    the last division of a wrapper joins the last document made from that wrapper.
    """
    out: list[etree._Element] = []
    first_copy: set[int] = set()

    def is_split(el) -> bool:
        # a division with a heading, or one without subdivisions, is a document of its
        # own; an untitled division holding titled ones (ELTeC's "group" of chapters)
        # is a wrapper, so each chapter gets its own document
        if el.get("data-level") is None or el.tag not in (H + "section", H + "div"):
            return False
        if _heading(el) is not None:
            return True
        return not any(c.get("data-level") is not None for c in el.iter(H + "section", H + "div") if c is not el)

    def has_split(el) -> bool:
        return any(is_split(s) for s in el.iter(H + "section", H + "div"))

    def wrap(ancestors, content):
        outer = inner = None
        copies = {}
        for anc in ancestors:
            shallow = etree.Element(anc.tag, dict(anc.attrib))
            if id(anc) in first_copy:
                shallow.attrib.pop("id", None)
            else:
                first_copy.add(id(anc))
                if anc.text and anc.text.strip():
                    shallow.text = anc.text
            copies[id(anc)] = shallow
            if outer is None:
                outer = shallow
            else:
                inner.append(shallow)
            inner = shallow
        for c in content:
            inner.append(c)
        out.append(outer)
        return copies

    def rec(container, ancestors) -> None:
        run: list[etree._Element] = []
        last = None         # the wrapper copies of the last document made at this level
        for child in list(container):
            if not isinstance(child.tag, str):
                continue
            if is_split(child):
                last = wrap(ancestors, run + [child])
                run = []
            elif has_split(child):
                if run:
                    last = wrap(ancestors, run)
                    run = []
                rec(child, ancestors + [child])
                last = None
            else:
                run.append(child)
        if run:
            if last is not None:
                for c in run:
                    last[id(container)].append(c)
            else:
                wrap(ancestors, run)

    rec(main, [main])
    return out


class Book:
    """The EPUB being assembled from one hub."""

    def __init__(self, hub: Hub):
        self.hub = hub
        self.meta = hub.metadata
        self.ctx = hub.context
        self.diagnostics: list[Diagnostic] = []
        self.root = _to_xhtml(hub.root)
        # the header's language (metadata.py) is the book's: OPF, package and every document
        self.lang = (self.meta.language or self.root.get("lang") or "en").strip() or "en"
        # (and the text's, when it has its own beside the edition's: hub main's)
        main = self.root.find(f"{H}body/{H}main")
        self.text_lang = ((main.get("lang") if main is not None else "") or "").strip()
        self.labels = i18n.labels(self.lang)
        # ids the hub gives the whole document (the TEI element's xml:id on <html>, maybe
        # one on <body>) go on the first document after the cover, the book's own start
        self.root_ids = {"html": self.root.get("id"), "body": None}
        hub_body = self.root.find(H + "body")
        if hub_body is not None:
            self.root_ids["body"] = hub_body.get("id")
        self.docs: list[Doc] = []
        self.items: list[Item] = []
        self.id_file: dict[str, str] = {}
        self.pages: list[tuple[str, str]] = []        # (href, label)
        self.images: list[etree._Element] = []
        self.has_register = False
        self.has_index = False
        self.unheaded_labels: dict[str, str] = {}    # id → contents name of a division without heading
        self.timings: dict[str, float] = {}

    # -- diagnostics ---------------------------------------------------------------
    def warn(self, message: str, code: str) -> None:
        self.diagnostics.append(warning(self.ctx.source_path, message, code))

    # -- documents -------------------------------------------------------------------
    def _body(self, *children, epub_type: str = "") -> etree._Element:
        body = etree.Element(H + "body", nsmap=NSMAP)
        if epub_type:
            body.set(EPUB_TYPE, epub_type)
        for c in children:
            body.append(c)
        return body

    def split(self) -> None:
        body = self.root.find(H + "body")
        if body is None:
            body = self.root
        labels = self.labels
        cover_doc = Doc("cover.xhtml", labels["cover"], self._body(), role="cover")
        self.docs.append(cover_doc)
        front: list[etree._Element] = []
        main = None
        apparatus: list[etree._Element] = []
        notes = None
        for child in body:
            if not isinstance(child.tag, str):
                continue
            cid = child.get("id", "")
            if child.tag == H + "main":
                main = child
            elif child.tag == H + "nav" and ("toc" in _classes(child) or cid == "toc"):
                # the navigation document takes its place; the names it gives divisions
                # without a heading (a play's one division: the play's title) are kept
                self.unheaded_labels = contents_labels(child, H + "a")
                continue
            elif main is None:
                front.append(child)
            elif cid == "notes":
                notes = child
            else:
                apparatus.append(child)
        if front:
            title = labels["titlepage"]
            for el in front:
                if el.tag == H + "header":
                    _add_type(el, "titlepage")
            self.docs.append(Doc("titlepage.xhtml", title, self._body(*front), role="titlepage"))
        self.docs.append(Doc("nav.xhtml", labels["contents"], None, role="nav"))
        if main is not None:
            # short texts stay whole: splitting only helps reading systems with long ones
            long_text = sum(len(t) for t in main.itertext()) > SPLIT_FROM
            chunks = _split_main(main) if long_text else [main]
            for n, chunk in enumerate(chunks, 1):
                for part in chunk.iter(H + "section", H + "div"):
                    for cls, t in PART_TYPES.items():
                        if cls in _classes(part):
                            _add_type(part, t)
                h = next((e for e in chunk.iter(*HEADINGS)), None)
                title = _text(h) if h is not None else (self.meta.title or labels["contents"])
                body = self._body(chunk)
                # (a text in a language of its own beside the edition's: a Sanskrit text
                # edited in English; its documents say so, as the web page's main does)
                if self.text_lang:
                    body.set("lang", self.text_lang)
                if main.get("dir"):
                    body.set("dir", main.get("dir"))
                if self.text_lang:
                    body.set(XML_LANG, self.text_lang)
                self.docs.append(Doc(f"text-{n:03d}.xhtml", title or self.meta.title, body, role="text"))
        self._notes = notes
        for n, el in enumerate(apparatus, 1):
            cid = el.get("id") or f"part-{n}"
            key = cid if cid in APPARATUS_TYPES else next(
                (c for c in _classes(el) if c in APPARATUS_TYPES), "")
            if key:
                t, role = APPARATUS_TYPES[key]
                _add_type(el, t)
                if not el.get("role"):
                    el.set("role", role)
            if key == "register":
                self.has_register = True
            if key == "index":
                self.has_index = True
            h = _heading(el)
            title = _text(h) if h is not None else cid.replace("-", " ").capitalize()
            self.docs.append(Doc(f"{_slug(cid)}.xhtml", title, self._body(el), role="apparatus"))
        self._place_notes()

    def _place_notes(self) -> None:
        """Move each note body to the end of the document holding its call.

        Reading systems show pop-up footnotes only for an ``aside`` in the same file as
        the ``noteref``; notes whose call cannot be found stay in a Notes document.
        """
        notes = self._notes
        if notes is None:
            return
        asides = [a for a in notes.iter(H + "aside")]
        if not asides:
            return
        where: dict[str, Doc] = {}
        for doc in self.docs:
            if doc.body is None:
                continue
            for a in doc.body.iter(H + "a"):
                if a.get("role") == "doc-noteref":
                    href = a.get("href", "")
                    if href.startswith("#"):
                        where.setdefault(href[1:], doc)
        # notes called from inside other notes follow their parent note
        pending = list(asides)
        per_doc: dict[str, list[etree._Element]] = {}
        changed = True
        placed: set[str] = set()
        while pending and changed:
            changed = False
            rest = []
            for aside in pending:
                nid = aside.get("id", "")
                doc = where.get(nid)
                if doc is None:
                    rest.append(aside)
                    continue
                per_doc.setdefault(doc.name, []).append(aside)
                placed.add(nid)
                changed = True
                for a in aside.iter(H + "a"):
                    if a.get("role") == "doc-noteref" and a.get("href", "").startswith("#"):
                        where.setdefault(a.get("href")[1:], doc)
            pending = rest
        for doc in self.docs:
            group = per_doc.get(doc.name)
            if not group:
                continue
            order = {id(a): i for i, a in enumerate(asides)}
            group.sort(key=lambda a: order[id(a)])
            section = etree.SubElement(doc.body, H + "section")
            section.set("class", "footnotes")
            section.set(EPUB_TYPE, "footnotes")
            section.set("aria-label", self.labels["notes"])
            for aside in group:
                section.append(aside)
        leftover = [a for a in notes.iter(H + "aside")]
        if leftover:
            _add_type(notes, "endnotes")
            notes.set("role", "doc-endnotes")
            h = _heading(notes)
            title = _text(h) if h is not None else self.labels["notes"]
            # goes before the other apparatus, right after the text
            idx = max((i for i, d in enumerate(self.docs) if d.role == "text"), default=len(self.docs) - 1) + 1
            self.docs.insert(idx, Doc("notes.xhtml", title, self._body(notes), role="apparatus"))

    # -- fixing content --------------------------------------------------------------
    def prepare_content(self) -> None:
        """Per-element fixes: epub:type semantics, images, ids, dates; then the id map."""
        seen: set[str] = set()
        first = next((d for d in self.docs if d.body is not None and d.role != "cover"), None)
        if first is not None:
            first.html_id = self.root_ids["html"]
            if self.root_ids["body"] and not first.body.get("id"):
                first.body.set("id", self.root_ids["body"])
            if first.html_id:
                seen.add(first.html_id)
                self.id_file[first.html_id] = first.href
        for doc in self.docs:
            if doc.body is None:
                continue
            for el in doc.body.iter():
                if not isinstance(el.tag, str):
                    continue
                eid = el.get("id")
                if eid is not None:
                    if eid in seen or not _valid_id(eid):
                        new = _unique(_slug(eid) or "id", seen)
                        self.warn(f"EPUB: duplicate or invalid id '{eid}' renamed to '{new}'", "W-EPUB-ID")
                        el.set("id", new)
                        eid = new
                    seen.add(eid)
                    self.id_file.setdefault(eid, doc.href)
                role = el.get("role")
                tag = el.tag
                if role == "doc-noteref":
                    _add_type(el, "noteref")
                elif role == "doc-footnote" and tag == H + "aside":
                    _add_type(el, "footnote")
                elif role == "doc-pagebreak":
                    _add_type(el, "pagebreak")
                elif role == "doc-backlink":
                    pass
                if tag == H + "img":
                    self.images.append(el)
                elif tag == H + "time":
                    dt = el.get("datetime")
                    if dt is not None and not _DATETIME.match(dt):
                        del el.attrib["datetime"]
            props = []
            if next(doc.body.iter("{http://www.w3.org/2000/svg}svg"), None) is not None:
                props.append("svg")
            if next(doc.body.iter(MATHML + "math"), None) is not None:
                props.append("mathml")
            doc.properties = props
        self.id_file.setdefault("toc", "nav.xhtml")

    def elements(self):
        """(document, element) for every element of every content document, in order."""
        for doc in self.docs:
            if doc.body is not None:
                for el in doc.body.iter():
                    if isinstance(el.tag, str):
                        yield doc, el

    def collect_pages(self) -> None:
        """The page-list: the page breaks the source numbers, in reading order.

        A break without a number (no ``data-n``) is no page a reader could look up: it
        stays an anchor, without the pagebreak semantics and out of the page-list.
        """
        for doc, el in self.elements():
            if el.get("role") != "doc-pagebreak":
                continue
            number = (el.get("data-n") or "").strip()
            if not number or not el.get("id"):
                for name in ("role", EPUB_TYPE, "title", "aria-label"):
                    el.attrib.pop(name, None)
                continue
            if not el.get("aria-label"):
                el.set("aria-label", f"{self.labels['page']} {number}")
            self.pages.append((f"{doc.href}#{el.get('id')}", number))

    def rewrite_links(self) -> None:
        """``#id`` → ``file.xhtml#id`` across documents; links out of the book made absolute or removed."""
        base = self.ctx.base_url
        for doc in self.docs:
            if doc.body is None:
                continue
            here = doc.href
            for el in list(doc.body.iter(H + "a", H + "q", H + "blockquote", H + "area")):
                for attr in ("href", "cite"):
                    val = el.get(attr)
                    if val is None:
                        continue
                    new = self._resolve(val, here, base)
                    if new is None or new == "":
                        # "" is a file of the web edition (its PDF, its index): no target in a book
                        del el.attrib[attr]
                        if attr == "href":
                            _unlink(el)
                        if attr == "href" and new is None:
                            self.warn(f"EPUB: link '{val}' points to no element; kept as text",
                                      "W-EPUB-LINK")
                    elif new != val:
                        el.set(attr, new)

    def _resolve(self, val: str, here: str, base: str) -> str | None:
        if val.startswith("#"):
            target = unquote(val[1:])
            f = self.id_file.get(target)
            if f is None:
                return None
            return ("#" + quote(target, safe="")) if f == here else _rel(here, f) + "#" + quote(target, safe="")
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", val):
            return val if links.is_safe(val) else None
        if base:
            joined = urljoin(base if base.endswith("/") else base + "/", val)
            return joined if links.is_safe(joined) else ""
        return ""

    # -- images ----------------------------------------------------------------------
    def embed_images(self) -> None:
        used: dict[str, str] = {}
        for img in self.images:
            src = img.get("src", "")
            path = self.hub.resources.get(src)
            alt = img.get("alt")
            if alt is None:
                img.set("alt", "")
            if src in used:
                img.set("src", _rel("text/x.xhtml", used[src]))
                continue
            ext = Path(path or src).suffix.lower()
            if path is None or not Path(path).is_file() or ext not in MEDIA_TYPES:
                # a book may not point outside itself: keep the description, drop the picture
                span = etree.Element(H + "span")
                span.set("class", "missing-image")
                span.text = img.get("alt") or ""
                span.tail = img.tail
                parent = img.getparent()
                parent.replace(img, span)
                self.warn(f"EPUB: image '{src}' is not available; its description is shown instead",
                          "W-EPUB-IMG")
                continue
            name = f"images/img-{len(used) + 1:03d}{ext}"
            used[src] = name
            self.items.append(Item(name, MEDIA_TYPES[ext], Path(path).read_bytes(), f"img-{len(used):03d}"))
            img.set("src", _rel("text/x.xhtml", name))
        self.images = [i for i in self.images
                       if i.getparent() is not None and i.get("src", "").startswith("../images/")]

    # -- navigation ------------------------------------------------------------------
    def toc_entries(self) -> list[tuple[str, str, list]]:
        """Nested (label, href, children) from the sections with an id and a heading."""

        def walk(el, doc) -> list:
            out = []
            for child in el:
                if not isinstance(child.tag, str) or child.tag not in CONTAINERS:
                    continue
                if child.get("role") in ("doc-footnote", "doc-endnote") or child.tag == H + "aside":
                    continue
                if "footnotes" in _classes(child):
                    continue
                h = _heading(child) if child.tag in (H + "section", H + "header", H + "nav", H + "div") else None
                if h is not None and (child.get("id") or h.get("id")):
                    label = _text(h)
                    target = child.get("id") or h.get("id")
                    if label:
                        out.append((label, f"{doc.href}#{target}", walk(child, doc)))
                        continue
                cid = child.get("id")
                if h is None and child.get("data-level") == "1" and cid in self.unheaded_labels:
                    out.append((self.unheaded_labels[cid], f"{doc.href}#{cid}", walk(child, doc)))
                    continue
                out.extend(walk(child, doc))
            return out

        entries = []
        entries_docs: list[Doc] = []
        for doc in self.docs:
            if doc.role == "cover":
                continue
            if doc.role == "nav":
                continue
            if doc.role == "titlepage":
                entries.append((doc.title, doc.href, []))
                continue
            if doc.role == "licence":
                entries.append((doc.title, doc.href, []))
                continue
            found = walk(doc.body, doc)
            if not found and doc.role == "text" and not any(d for d in entries_docs if d.role == "text"):
                # an untitled opening (or a text without headings) is listed once, by the book's title
                found = [(doc.title, doc.href, [])]
            entries_docs.append(doc)
            entries.extend(found)
        return entries

    def nav_document(self) -> bytes:
        labels = self.labels
        body = etree.Element(H + "body", nsmap=NSMAP)
        toc = etree.SubElement(body, H + "nav", {"id": "toc", "role": "doc-toc", "aria-labelledby": "toc-title"})
        toc.set(EPUB_TYPE, "toc")
        h = etree.SubElement(toc, H + "h1", {"id": "toc-title"})
        h.text = labels["contents"]

        def ol(parent, entries):
            lst = etree.SubElement(parent, H + "ol")
            for label, href, children in entries:
                li = etree.SubElement(lst, H + "li")
                a = etree.SubElement(li, H + "a", {"href": _rel("nav.xhtml", href)})
                a.text = label
                if children:
                    ol(li, children)

        entries = self.toc_entries()
        ol(toc, entries or [(self.meta.title, self.docs[-1].href, [])])

        def hidden_nav(kind: str, title: str, links) -> None:
            """A nav the reading system uses but does not show: landmarks, page list."""
            nav = etree.SubElement(body, H + "nav", {"id": kind, "hidden": "hidden",
                                                     "aria-labelledby": f"{kind}-title"})
            nav.set(EPUB_TYPE, kind)
            etree.SubElement(nav, H + "h2", {"id": f"{kind}-title"}).text = title
            lst = etree.SubElement(nav, H + "ol")
            for epub_type, label, href in links:
                a = etree.SubElement(etree.SubElement(lst, H + "li"), H + "a",
                                     {"href": _rel("nav.xhtml", href)})
                if epub_type:
                    a.set(EPUB_TYPE, epub_type)
                a.text = label

        hidden_nav("landmarks", labels["landmarks"], self.landmarks())
        if self.pages:
            hidden_nav("page-list", labels["pages"],
                       [(None, label, href) for href, label in self.pages])
        return self.serialise(body, labels["contents"], "nav.xhtml")

    def landmarks(self) -> list[tuple[str, str, str]]:
        out = [("cover", self.labels["cover"], "text/cover.xhtml")]
        if any(d.role == "titlepage" for d in self.docs):
            out.append(("titlepage", self.labels["titlepage"], "text/titlepage.xhtml"))
        out.append(("toc", self.labels["contents"], "nav.xhtml#toc"))
        text_docs = [d for d in self.docs if d.role == "text"]
        body_start = None
        for d in text_docs:
            for s in d.body.iter(H + "section", H + "div"):
                if "body" in _classes(s) or "bodymatter" in (s.get(EPUB_TYPE) or ""):
                    body_start = f"{d.href}#{s.get('id')}" if s.get("id") else d.href
                    break
            if body_start:
                break
        if body_start is None and text_docs:
            body_start = text_docs[0].href
        if body_start:
            out.append(("bodymatter", self.labels["start-of-text"], body_start))
        back = None
        for d in text_docs:
            for s in d.body.iter(H + "section", H + "div"):
                if "back" in _classes(s):
                    back = f"{d.href}#{s.get('id')}" if s.get("id") else d.href
                    break
            if back:
                break
        if back is None:
            after = [d for d in self.docs if d.role in ("apparatus", "licence")]
            if after:
                back = after[0].href
        if back:
            out.append(("backmatter", self.back_label(back), back))
        for d in self.docs:
            if d.body is None:
                continue
            for s in d.body:
                t = s.get(EPUB_TYPE) or ""
                for kind in ("bibliography", "index"):
                    if kind in t.split():
                        out.append((kind, d.title, d.href))
        return out

    def back_label(self, href: str) -> str:
        """The name of the back matter's landmark: its own heading where the part it points
        at has one, else the document's title when the link is to a whole apparatus
        document, else "Back matter"."""
        path, _, frag = href.partition("#")
        for d in self.docs:
            if d.href != path or d.body is None:
                continue
            if not frag:
                return d.title
            target = next((e for e in d.body.iter() if e.get("id") == frag), None)
            if target is not None:
                h = next((c for c in target if isinstance(c.tag, str) and c.tag in HEADINGS), None)
                if h is not None and _text(h):
                    return _text(h)
        return self.labels["back-matter"]

    # -- serialisation ---------------------------------------------------------------
    def serialise(self, body: etree._Element, title: str, href: str, html_id: str | None = None) -> bytes:
        html = etree.Element(H + "html", nsmap=NSMAP)
        if html_id:
            html.set("id", html_id)
        html.set("lang", self.lang)
        html.set(XML_LANG, self.lang)
        if self.root.get("dir"):
            html.set("dir", self.root.get("dir"))
        head = etree.SubElement(html, H + "head")
        etree.SubElement(head, H + "meta", {"charset": "utf-8"})
        t = etree.SubElement(head, H + "title")
        t.text = title
        etree.SubElement(head, H + "link", {"rel": "stylesheet", "type": "text/css",
                                             "href": _rel(href, "css/epub.css")})
        html.append(body)
        data = etree.tostring(html, encoding="unicode")
        html.remove(body)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + data + "\n").encode("utf-8")

    def cover_page(self) -> None:
        m = self.meta
        byline_parts = []
        if m.authors:
            byline_parts.append(_join(m.authors))
        if m.editors:
            byline_parts.append(f"{self.labels['edited'].capitalize() if not m.authors else self.labels['edited']} "
                                f"{_join(m.editors)}")
        byline = ", ".join(byline_parts)
        svg = cover.cover_svg(m.title or "Untitled", m.subtitle, byline, m.publisher)
        self.items.append(Item("images/cover.svg", "image/svg+xml", svg.encode("utf-8"), "cover-image",
                               "cover-image"))
        doc = self.docs[0]
        section = etree.SubElement(doc.body, H + "section", {"class": "cover"})
        section.set(EPUB_TYPE, "cover")
        etree.SubElement(section, H + "img", {"src": "../images/cover.svg", "role": "doc-cover",
                                                     "alt": cover.alt_text(m.title, m.subtitle, byline)})

    def licence_page(self) -> None:
        """The typeface's OFL text, as the licence asks to ship it with the font."""
        body = self._body()
        section = etree.SubElement(body, H + "section", {"id": "font-licence", "class": "licence"})
        h = etree.SubElement(section, H + "h2")
        h.text = self.labels["typeface-licence"]
        families = list(dict.fromkeys(face.family for face, _ in fonts.subset_faces(
            self.characters(), self.code_text())))
        names = [family.name for family in families]
        p = etree.SubElement(section, H + "p")
        p.text = self.labels["typeface-note"].replace(
            "{font}", " + ".join(names) if len(names) > 1 else names[0])
        pre = etree.SubElement(section, H + "pre", {"lang": "en", "dir": "ltr"})
        pre.text = fonts.licence_text(families).replace("\r\n", "\n")
        self.docs.append(Doc("font-licence.xhtml", self.labels["typeface-licence"], body, role="licence"))

    # -- fonts and CSS ---------------------------------------------------------------
    def font_items(self, text: str) -> str:
        # epub.css uses regular, italic and bold; bold italic is rare enough to be
        # synthesised by the reading system, and each face costs a third of a second
        code = self.code_text()
        chosen = fonts.subset_faces(text, code, keep=lambda f: (f.weight, f.style) in EMBEDDED_FACES)
        faces = [face for face, _ in chosen]
        blobs = fonts.woff2_subsets(faces, [t for _, t in chosen], self.ctx.jobs)
        for face, data in zip(faces, blobs):
            name = f"fonts/{face.stem}.woff2"
            self.items.append(Item(name, "font/woff2", data, f"font-{_slug(face.stem).lower()}"))
        return fonts.font_face_css(lambda f: f"../fonts/{f.stem}.woff2", faces) if faces else ""

    def code_text(self) -> str:
        """The text set in the monospaced face (the font licence is not code)."""
        return "".join(code_text(doc.body) for doc in self.docs
                       if doc.body is not None and doc.role != "licence")

    def characters(self) -> str:
        """Every character the book can show: text, alternative texts, labels, generated content."""
        chars = set(stylesheets.generated_characters("epub"))
        chars |= stylesheets.shown_characters(doc.body for doc in self.docs if doc.body is not None)
        for v in self.labels.values():
            chars.update(v)
        for v in (self.meta.title, self.meta.subtitle):
            chars.update(v or "")
        return "".join(sorted(chars))

    def stylesheet(self, font_css: str) -> bytes:
        base = stylesheets.css("epub")
        return (font_css + "\n" + base).encode("utf-8")

    # -- package ---------------------------------------------------------------------
    def identifier(self) -> str:
        ident = (self.meta.identifier or "").strip()
        if ident:
            return ident
        text = " ".join(self.root.itertext())
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, (self.meta.title or "") + "\n" + text))

    def modified(self) -> str:
        mod = (self.ctx.modified or "").strip()
        if re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", mod):
            return mod
        return clock.iso_seconds(clock.source_date())

    def accessibility(self) -> dict:
        """Accessibility facts derived from the content (EPUB Accessibility 1.1, schema.org)."""
        imgs = self.images
        all_alt = all((i.get("alt") or "").strip() for i in imgs)
        has_headings = any(d.body is not None and next(d.body.iter(*HEADINGS), None) is not None
                           for d in self.docs)
        modes = ["textual"] + (["visual"] if imgs else [])
        sufficient = []
        if all_alt:
            sufficient.append("textual")
        if imgs:
            sufficient.append("textual,visual")
        features = ["tableOfContents", "readingOrder"]
        if has_headings:
            features.append("structuralNavigation")
        if self.pages:
            features += ["pageNavigation", "pageBreakMarkers"]
        if imgs and all_alt:
            features.append("alternativeText")
        if self.has_register or self.has_index:
            features.append("index")
        features.append("displayTransformability")
        if any("mathml" in d.properties for d in self.docs):
            features.append("MathML")
        # a conformance claim only when nothing is known to fail: an image without a text
        # alternative fails WCAG 1.1.1 unless it is decorative, which editio cannot know
        conforms = all_alt
        sentences = ["This publication meets WCAG 2.2 Level AA as far as automated checks can tell."
                     if conforms else
                     "This publication makes no WCAG conformance claim, because some images lack a "
                     "text description."]
        notes = [a for d in self.docs if d.body is not None for a in d.body.iter(H + "aside")
                 if a.get(EPUB_TYPE) in ("footnote", "endnote") or a.get("role") == "doc-footnote"]
        both_ways = bool(notes) and all(any(x.get("role") == "doc-backlink" for x in a.iter(H + "a"))
                                        for a in notes)
        parts = ["a table of contents", "headings for every division" if has_headings else None,
                 ("notes linked to their calls and back" if both_ways else "notes linked from their calls")
                 if notes else None,
                 "a register of names linked to every mention" if self.has_register else None,
                 "an index of terms linked to every place" if self.has_index else None,
                 "markers of the source's numbered page breaks and a list of them" if self.pages else None]
        parts = [p for p in parts if p]
        sentences.append("It offers " + _join(parts, "and") + ".")
        if imgs:
            if all_alt:
                sentences.append("Every image has a text description.")
        else:
            sentences.append("The text has no images besides the cover, which repeats the title page.")
        sentences.append("The text reflows, and font, size and colours can be changed by the reader.")
        return {"modes": modes, "sufficient": sufficient, "features": features,
                "summary": " ".join(sentences), "conforms": conforms}

    def opf(self, manifest: list[Item], spine: list[tuple[str, bool]]) -> bytes:
        m = self.meta
        pkg = etree.Element("{%s}package" % OPF, nsmap={None: OPF, "dc": DC},
                            attrib={"version": "3.0", "unique-identifier": "pub-id"})
        pkg.set(XML_LANG, self.lang)
        md = etree.SubElement(pkg, "{%s}metadata" % OPF)

        def dc(name, text, **attrs):
            el = etree.SubElement(md, "{%s}%s" % (DC, name), attrs)
            el.text = text
            return el

        def meta(prop, text, **attrs):
            el = etree.SubElement(md, "{%s}meta" % OPF, {"property": prop, **attrs})
            el.text = text
            return el

        dc("identifier", self.identifier(), id="pub-id")
        dc("title", m.title or "Untitled", id="title")
        meta("title-type", "main", refines="#title")
        if m.subtitle:
            dc("title", m.subtitle, id="subtitle")
            meta("title-type", "subtitle", refines="#subtitle")
        n = 0
        for name in m.authors:
            n += 1
            dc("creator", name, id=f"creator-{n}")
            meta("role", "aut", refines=f"#creator-{n}", scheme="marc:relators")
        for name in m.editors:
            n += 1
            dc("creator" if not m.authors else "contributor", name, id=f"creator-{n}")
            meta("role", "edt", refines=f"#creator-{n}", scheme="marc:relators")
        # (the text's language first when it has its own beside the edition's: a Latin text
        # edited in English is a Latin book to a reading system, with English apparatus)
        if self.text_lang and self.text_lang != self.lang:
            dc("language", self.text_lang)
        dc("language", self.lang)
        if m.date and _W3CDTF.match(m.date.strip()):
            dc("date", m.date.strip())
        if m.publisher:
            dc("publisher", m.publisher)
        rights = " ".join(p for p in (m.licence, m.licence_url) if p)
        if rights:
            dc("rights", rights)
        if m.source:
            dc("source", m.source)
        if m.description:
            dc("description", m.description)
        for s in m.subjects:
            dc("subject", s)
        meta("dcterms:modified", self.modified())
        if self.pages:
            meta("pageBreakSource", m.source or m.title or "unknown")
        a11y = self.accessibility()
        for v in a11y["modes"]:
            meta("schema:accessMode", v)
        for v in a11y["sufficient"]:
            meta("schema:accessModeSufficient", v)
        for v in a11y["features"]:
            meta("schema:accessibilityFeature", v)
        meta("schema:accessibilityHazard", "none")
        meta("schema:accessibilitySummary", a11y["summary"])
        if a11y["conforms"]:
            # a claim editio makes from its checks; nobody certified it, so no certifiedBy
            meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA", id="conformance")
        etree.SubElement(md, "{%s}meta" % OPF, {"name": "cover", "content": "cover-image"})

        man = etree.SubElement(pkg, "{%s}manifest" % OPF)
        for it in manifest:
            attrs = {"id": it.id, "href": it.href, "media-type": it.media_type}
            if it.properties:
                attrs["properties"] = it.properties
            etree.SubElement(man, "{%s}item" % OPF, attrs)
        sp = etree.SubElement(pkg, "{%s}spine" % OPF)
        if self.root.get("dir") == "rtl":
            # a book in a language written right to left turns its pages to the left
            sp.set("page-progression-direction", "rtl")
        for idref, linear in spine:
            attrs = {"idref": idref}
            if not linear:
                attrs["linear"] = "no"
            etree.SubElement(sp, "{%s}itemref" % OPF, attrs)
        return etree.tostring(pkg, encoding="UTF-8", xml_declaration=True, pretty_print=True)

    # -- the whole book --------------------------------------------------------------
    def assemble(self) -> list[tuple[str, bytes]]:
        t = time.perf_counter
        t0 = t()
        self.split()
        self.licence_page()
        self.prepare_content()
        self.embed_images()
        self.cover_page()
        self.collect_pages()
        self.rewrite_links()
        t1 = t()
        text = self.characters()
        font_css = self.font_items(text)
        t2 = t()
        content: list[Item] = []
        spine: list[tuple[str, bool]] = []
        for doc in self.docs:
            if doc.role == "nav":
                data = self.nav_document()
                content.append(Item("nav.xhtml", "application/xhtml+xml", data, "nav", "nav"))
                spine.append(("nav", True))
                continue
            data = self.serialise(doc.body, doc.title, doc.href, doc.html_id)
            props = " ".join(doc.properties)
            iid = "x-" + _slug(Path(doc.name).stem)
            content.append(Item(doc.href, "application/xhtml+xml", data, iid, props))
            spine.append((iid, True))
        css = Item("css/epub.css", "text/css", self.stylesheet(font_css), "css")
        nav = [c for c in content if c.id == "nav"]
        rest = [c for c in content if c.id != "nav"]
        manifest = nav + rest + [css] + [i for i in self.items]
        opf = self.opf(manifest, spine)
        t3 = t()
        self.timings.update(content=t1 - t0, fonts=t2 - t1, serialise=t3 - t2)
        files_out = [("EPUB/package.opf", opf)] + [("EPUB/" + i.href, i.data) for i in manifest]
        return files_out


CONTAINER_XML = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
                 b'  <rootfiles>\n'
                 b'    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
                 b'  </rootfiles>\n'
                 b'</container>\n')


def _zip_time(modified: str) -> tuple[int, int, int, int, int, int]:
    try:
        when = _dt.datetime.strptime(modified, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        when = _dt.datetime(1980, 1, 1)
    if when.year < 1980:
        when = _dt.datetime(1980, 1, 1)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def package(path: Path, entries: list[tuple[str, bytes]], modified: str) -> None:
    """A deterministic OCF zip: fixed order, times, permissions and compression level."""
    stamp = _zip_time(modified)
    with zipfile.ZipFile(path, "w") as zf:
        def add(name: str, data: bytes, compress: int) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = compress
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.extra = b""
            zf.writestr(info, data, compress_type=compress, compresslevel=6 if compress else None)

        add("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        add("META-INF/container.xml", CONTAINER_XML, zipfile.ZIP_DEFLATED)
        for name, data in entries:
            # fonts and images are compressed already; deflating them again only costs time
            compress = zipfile.ZIP_STORED if name.endswith((".woff2", ".jpg", ".jpeg", ".png", ".gif", ".webp")) \
                else zipfile.ZIP_DEFLATED
            add(name, data, compress)


def build_entries(hub: Hub) -> tuple[list[tuple[str, bytes]], Book]:
    book = Book(hub)
    return book.assemble(), book


def write(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """Write ``outdir/NAME.epub`` from the hub; returns the problems met (never raises for content)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    entries, book = build_entries(hub)
    target = outdir / f"{hub.context.name}.epub"
    t0 = time.perf_counter()
    with atomic.replacing(target) as tmp:
        package(tmp, entries, book.modified())
    book.timings["zip"] = time.perf_counter() - t0
    if hub.context.verbose:
        import sys
        steps = ", ".join(f"{k} {v:.3f} s" for k, v in book.timings.items())
        print(f"editio: {hub.context.name}: epub: {steps}", file=sys.stderr)
    return book.diagnostics


# -- small helpers -------------------------------------------------------------------
def _rel(from_href: str, to_href: str) -> str:
    """``to_href`` relative to the document at ``from_href`` (both relative to EPUB/)."""
    frm = from_href.split("/")[:-1]
    to_path, _, frag = to_href.partition("#")
    to = to_path.split("/")
    i = 0
    while i < len(frm) and i < len(to) - 1 and frm[i] == to[i]:
        i += 1
    rel = "/".join([".."] * (len(frm) - i) + to[i:])
    return rel + ("#" + frag if frag else "")


def _slug(s: str) -> str:
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", s).strip("-")
    if not s or not s[0].isalpha():
        s = "x" + s
    return s


_NCNAME = re.compile(r"^[^\s]+$")


def _valid_id(s: str) -> bool:
    return bool(s) and bool(_NCNAME.match(s))


def _unique(base: str, seen: set[str]) -> str:
    n = 2
    while f"{base}-{n}" in seen:
        n += 1
    return f"{base}-{n}"


def _join(names: list[str], word: str = "and") -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {word} " + names[-1]



