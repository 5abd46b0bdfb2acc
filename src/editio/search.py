"""Full-text search of a web edition that works from disk: the page's search form and
its data file.

A web edition must be searchable when it is opened as a file (``file://``), where a
page may not fetch a JSON file. So the searchable text is written as a script,
``assets/search-data.js``, that the page (or a corpus catalogue, :mod:`editio.site`)
adds with a ``<script src>`` the first time a reader searches; ``assets/search.js``
then indexes it with MiniSearch (``assets/minisearch.js``) in the browser.

MiniSearch (https://github.com/lucaong/minisearch, MIT, pinned in
``styles/js/vendor/``) was chosen because it is small (18 kB minified, no
dependencies), well kept, runs from a plain ``<script>`` (UMD build) and lets the
caller decide how words are split and folded: editio folds case and accents, and the
spellings a language treats as one (Latin u/v and i/j, German ä/ae, Greek final
sigma), with the edition's language. Indexing in the browser keeps the data file to
the text itself (what the result list shows as context anyway) and the build free of
JavaScript; the file depends only on the page, so builds stay byte-identical.

What is searched: every unit of the text a reader can be sent to, each by its ``id``:
paragraphs, verse lines, speeches, headings (their section), blocks such as quotations
and lists, and the notes. A unit's text leaves out what is no word of the text (note
calls, permalink labels) and keeps the source's readings that the reading view hides
(``sic``, ``orig``, ``abbr``) in a second field, so a search for the source's spelling
finds the corrected passage too.
"""

from __future__ import annotations

import functools
import json
import re

from lxml import etree

from .hub import vocabulary as vocab

DATA_FILE = "search-data.js"      # in the edition's assets/
SCRIPT_FILE = "search.js"         # the search interface (styles/js/search.js)
ENGINE_FILE = "minisearch.js"     # the vendored MiniSearch build
ENGINE_SOURCE = ("js", "vendor", "minisearch.min.js")
ENGINE_LICENCE = ("js", "vendor", "LICENSE-minisearch.txt")

# Elements whose words are no part of the text a reader searches.
_SKIP_CLASSES = frozenset({"permalink", "noteref", "backlink", "choice-label", "toolbar", "search",
                           "anchor", "header-anchors", "skip-link", vocab.FACSIMILE})
# Units: block elements with an id that a result can lead to.
_UNIT_TAGS = (vocab.BLOCK_ELEMENTS - {"html", "body", "main", "tbody", "thead", "tfoot", "tr", "form",
                                      "nav", "header", "footer", "fieldset", "details"})
_SPACE = re.compile(r"\s+")
_MAX_PATH = 3   # headings shown before a hit: the innermost three


class _Unit:
    __slots__ = ("alt", "element", "label", "where", "words")

    def __init__(self, element: etree._Element, where: str, label: str):
        self.element = element
        self.where = where
        self.label = label
        self.words: list[str] = []
        self.alt: list[str] = []


def _text(parts: list[str]) -> str:
    # str.split() splits on what \s matches (every str.isspace() character), faster
    return " ".join("".join(parts).split())


def _plain(el: etree._Element) -> str:
    """An element's words without note calls, permalinks and hidden readings."""
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not (vocab.classes(child) & (_SKIP_CLASSES | {vocab.DIPLOMATIC_ONLY})):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _text(parts)


def _heading(section: etree._Element) -> str:
    for child in section:
        if isinstance(child.tag, str) and (child.tag in vocab.HEADINGS or child.get("role") == "heading"):
            return _plain(child)
    return ""


class _Collector:
    """Walks the page once, sending each word to the unit it belongs to."""

    def __init__(self, ui: dict[str, str]):
        self.ui = ui
        self.units: list[_Unit] = []

    def locator(self, el: etree._Element, speaker: str) -> str:
        cls = _classes(el.get("class"))[0]
        own = ""
        if el.get("data-para"):
            own = f"¶\u00a0{el.get('data-para')}"
        elif vocab.L in cls and el.get("data-n"):
            own = f"{self.ui['line-abbr']}\u00a0{el.get('data-n')}"
        elif vocab.NOTE in cls:
            number = next((_plain_all(a) for a in el.iter("a") if vocab.has_class(a, vocab.BACKLINK)), "")
            own = f"{self.ui['note-abbr']}\u00a0{number}" if number else self.ui["note"]
        if vocab.SP in cls:
            return speaker
        return ", ".join(p for p in (speaker, own) if p)

    def walk(self, el: etree._Element, unit: _Unit, path: tuple[str, ...], speaker: str,
             hidden: bool) -> None:
        cls, skip = _classes(el.get("class"))
        if skip or el.tag in vocab.NON_TEXT:
            return
        hidden = hidden or vocab.DIPLOMATIC_ONLY in cls
        if el.tag == "section":
            heading = _heading(el)
            if heading:
                path = (*path, heading)
        if vocab.SP in cls:
            spk = next((c for c in el if isinstance(c.tag, str) and vocab.has_class(c, vocab.SPEAKER)), None)
            speaker = _plain(spk) if spk is not None else speaker
        if not hidden and el.tag in _UNIT_TAGS and el.get("id"):
            where = " › ".join(path[-_MAX_PATH:])
            unit = _Unit(el, where, self.locator(el, speaker))
            self.units.append(unit)
        sink = unit.alt if hidden else unit.words
        block = el.tag in vocab.BLOCK_ELEMENTS or el.tag == "br"
        if block:
            sink.append(" ")
        if el.text:
            sink.append(el.text)
        for child in el:
            # (a child's classes are looked at before the call: most children of a long
            # text's paragraphs are permalinks, skipped)
            if isinstance(child.tag, str) and not _classes(child.get("class"))[1]:
                self.walk(child, unit, path, speaker, hidden)
            if child.tail:
                sink.append(child.tail)
        if block:
            sink.append(" ")
        if hidden:
            unit.alt.append(" ")


@functools.lru_cache(maxsize=4096)
def _classes(value: str | None) -> tuple[frozenset[str], bool]:
    """The classes of a class attribute, and whether they mark words no part of the text
    (a long text has a few dozen distinct class attributes: each is split once)."""
    cls = frozenset((value or "").split())
    return cls, bool(cls & _SKIP_CLASSES)


def _plain_all(el: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(el.itertext())).strip()


def documents(root: etree._Element, ui: dict[str, str]) -> tuple[list[str], list[list]]:
    """The searchable units of a web page: (section paths, records).

    Each record is ``[id, index of its section path, label, text]`` plus the hidden
    source readings as a fifth item when there are any; units without words are left
    out. Order is document order, which is the order results are listed in.
    """
    body = root.find("body")
    collector = _Collector(ui)
    containers = []
    if body is not None:
        main = body.find("main")
        if main is not None:
            containers.append(main)
        notes = vocab.section(root, vocab.NOTES)
        if notes is not None:
            containers.append(notes)
    for container in containers:
        top = _Unit(container, "", "")
        collector.units.append(top)
        collector.walk(container, top, (), "", False)
    paths: dict[str, int] = {}
    records = []
    for unit in collector.units:
        text = _text(unit.words)
        if not text or not unit.element.get("id"):
            continue
        record = [unit.element.get("id"), paths.setdefault(unit.where, len(paths)), unit.label, text]
        alt = _text(unit.alt)
        if alt:
            record.append(alt)
        records.append(record)
    return list(paths), records


def _json(value) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # Line and paragraph separators are legal in JSON strings but end a line in older JS.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")


def data_script(name: str, root: etree._Element, ui: dict[str, str]) -> str:
    """``assets/search-data.js``: the page's search documents, handed to the page's
    script (or the catalogue's) through a queue, so scripts may load in any order."""
    head = root.find("head")
    title = (head.findtext("title") if head is not None else "") or name
    authors = [m.get("content") for m in (head.findall("meta[@name='dc.creator']") if head is not None else [])]
    paths, records = documents(root, ui)
    data = {
        "edition": name,
        "title": _SPACE.sub(" ", title).strip(),
        "authors": authors,
        "lang": root.get("lang") or "",
        "paths": paths,
        "docs": records,
    }
    return ("/* The searchable text of this edition, read by search.js (written by editio). */\n"
            "(window.editioSearchData = window.editioSearchData || []).push(" + _json(data) + ");\n")


# --- the search form --------------------------------------------------------------------------


def form(ui: dict[str, str], *, data: list[str], engine: str, site: bool = False) -> etree._Element:
    """The search landmark: a labelled field, a hint, a live status and the result list.

    It is ``hidden`` until the script runs (without script it could not work). The result
    list holds a ``template`` of one hit, which the script clones: the markup of a hit is
    here, in the page, where the stylesheet and its checks can see it. ``data`` lists the
    data scripts to load (one per edition), ``engine`` the MiniSearch script.
    """
    label_key = "search-site" if site else "search-label"
    el = etree.Element("form", {
        "class": "search", "id": "search", "role": "search", "aria-labelledby": "search-label",
        "hidden": "hidden", "data-engine": engine, "data-index": " ".join(data),
        "data-none": ui["search-none"], "data-one": ui["search-count-one"],
        "data-other": ui["search-count-other"], "data-loading": ui["search-loading"],
        "data-more": ui["search-more"], "data-source-reading": ui["search-source-reading"],
    })
    label = etree.SubElement(el, "label", {"for": "search-input", "id": "search-label"})
    label.text = ui[label_key]
    etree.SubElement(el, "input", {
        "type": "search", "id": "search-input", "name": "q", "autocomplete": "off", "spellcheck": "false",
        "aria-describedby": "search-hint", "aria-controls": "search-results",
    })
    hint = etree.SubElement(el, "p", {"class": "search-hint", "id": "search-hint"})
    hint.text = ui["search-hint"]
    status = etree.SubElement(el, "p", {"class": "search-status", "id": "search-status", "role": "status",
                                        "aria-live": "polite", "aria-atomic": "true"})
    status.text = ""
    # The status (a live region) announces how many hits there are; the list itself is
    # not live, or a screen reader would read every hit at every keystroke.
    results = etree.SubElement(el, "ol", {"class": "search-results", "id": "search-results",
                                          "aria-labelledby": "search-label", "hidden": "hidden"})
    template = etree.SubElement(results, "template")
    hit = etree.SubElement(template, "li", {"class": "search-hit"})
    link = etree.SubElement(hit, "a", {"class": "search-hit-link"})   # the script sets its href
    for cls in ("search-hit-edition", "search-hit-where", "search-hit-snippet"):
        etree.SubElement(link, "span", {"class": cls}).text = ""
    link.find("span[@class='search-hit-snippet']").append(etree.Element("mark", {"class": "search-mark"}))
    more = etree.SubElement(el, "button", {"type": "button", "class": "search-more", "id": "search-more",
                                           "hidden": "hidden"})
    more.text = " ".join(ui["search-more"].replace("{n}", "").split())
    el.tail = "\n"
    return el


def interface_text(ui: dict[str, str]) -> str:
    """The words the script writes into the page (counts, messages): the web fonts need
    their characters even though the page's own text may not have them."""
    keys = ("search-none", "search-count-one", "search-count-other", "search-loading", "search-more",
            "search-source-reading")
    # digits, and the group separators of the counts the script writes (1,234 / 1.234 / 1 234)
    return "".join(ui[k] for k in keys) + "0123456789,.\u00a0\u202f…"


__all__ = ["DATA_FILE", "ENGINE_FILE", "SCRIPT_FILE", "data_script", "documents", "form", "interface_text"]
