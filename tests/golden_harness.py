"""Golden construct tests: what a reader sees of each TEI construct, in every format.

Each folder of ``tests/golden/`` is one construct (or a family of them). It holds small
TEI files and ``expect.toml``, one ``[[case]]`` per file::

    [[case]]
    input = "lb.xml"
    about = "prose line breaks flow in the reading text"
    [case.all]                       # web, epub, pdf, md, docx
    contains = ["den Feind bekämpfen"]
    [case.pdf]
    line = ["Wir wollen den Feind bekämpfen und siegen."]

Groups of facts: ``all`` (every format built), ``web`` (the web edition as Chromium
shows it), ``diplomatic`` (the web edition after pressing its diplomatic-view button),
``epub`` (every content document of the EPUB in reading order, in Chromium), ``books``
(EPUB and PDF), ``pdf`` (``pdftotext``), ``md`` and ``docx`` (the pandoc exports).

Facts: ``contains``/``absent`` (strings of the reader's text, white space collapsed),
``count`` (a table string → exact number of occurrences), ``order`` (strings in this
order), ``line`` (each string within one line as laid out: a printed line of the PDF, a
line of the page's innerText), ``whole_line`` / ``not_whole_line`` (the string is / is
never a line by itself), ``xpath`` (web/epub:
XPath expressions over the (X)HTML, namespaces dropped, each must be true), ``fonts``
(PDF only: every embedded font's family starts with one of these).

The reader's text is what a person reads, not the markup: the web edition and the EPUB
are loaded in Chromium and their ``innerText`` taken (CSS applied, hidden elements left
out), the PDF is extracted by poppler, the DOCX from its paragraphs.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import tomllib
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from editio.hub.tree import WIDE

GOLDEN = Path(__file__).resolve().parent / "golden"
FORMATS = ("html", "epub", "pdf", "md", "docx")
GROUPS = {
    "all": ("web", "epub", "pdf", "md", "docx"),
    "books": ("epub", "pdf"),
    "screen": ("web", "epub"),
    "web": ("web",),
    "diplomatic": ("diplomatic",),
    "epub": ("epub",),
    "pdf": ("pdf",),
    "md": ("md",),
    "docx": ("docx",),
}
FACT_KINDS = {"contains", "absent", "count", "order", "line", "whole_line", "not_whole_line", "xpath", "fonts"}


@dataclass
class Case:
    construct: str
    input: Path
    about: str
    facts: dict[str, dict] = field(default_factory=dict)   # reader view -> {kind: value}

    @property
    def id(self) -> str:
        return f"{self.construct}/{self.input.stem}"

    def views(self) -> list[str]:
        return sorted(self.facts)


def load_cases() -> list[Case]:
    """Every case of every construct folder, facts grouped by reader view."""
    cases = []
    for spec in sorted(GOLDEN.glob("*/expect.toml")):
        data = tomllib.loads(spec.read_text(encoding="utf-8"))
        for entry in data.get("case", []):
            case = Case(spec.parent.name, spec.parent / entry["input"], entry.get("about", ""))
            for group, views in GROUPS.items():
                facts = entry.get(group)
                if not facts:
                    continue
                unknown = set(facts) - FACT_KINDS
                assert not unknown, f"{spec}: unknown fact kind(s) {unknown}"
                for view in views:
                    merged = case.facts.setdefault(view, {})
                    for kind, value in facts.items():
                        if isinstance(value, dict):
                            merged.setdefault(kind, {}).update(value)
                        else:
                            merged.setdefault(kind, []).extend(value)
            cases.append(case)
    # every case is built into out/STEM: two inputs of one name would overwrite each other
    stems = Counter(case.input.stem for case in cases)
    clashes = sorted(stem for stem, n in stems.items() if n > 1)
    assert not clashes, f"golden inputs must have distinct file names: {clashes}"
    return cases


# --- building ------------------------------------------------------------------------------


def _build_one(args) -> tuple[str, str]:
    tei, out = args
    from editio import build

    # Built as any TEI from elsewhere is: schema problems are warnings. (The inputs are
    # valid TEI P5; the oracle tier checks them against tei_all.)
    result = build.build(Path(tei), FORMATS, Path(out), strict=False, jobs=1)
    messages = "\n".join(d.format() for d in result.diagnostics)
    return str(tei), ("" if result.ok else messages or "build failed")


def build_all(cases: list[Case], out: Path) -> dict[Path, str]:
    """Build every input in every format (two processes); input → error text ('' when built)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    jobs = [(str(c.input), str(out)) for c in cases]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        return {Path(tei): err for tei, err in pool.map(_build_one, jobs)}


# --- what a reader sees ---------------------------------------------------------------------


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


_HYPHEN_AT_LINE_END = re.compile(r"(?<=[^\W\d_])[-\u2010]\n(?=[^\W\d_])")
# a line that ends between two Chinese or Japanese characters ends inside a word
_WIDE_LINE_END = re.compile(r"(?<=%s)\n(?=%s)" % (WIDE.pattern, WIDE.pattern))


def pdf_text(pdf: Path) -> tuple[str, list[str]]:
    """The PDF's text (line-end hyphens of a split word joined) and its printed lines."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    lines = [collapse(line) for line in raw.splitlines() if line.strip()]
    return collapse(_WIDE_LINE_END.sub("", _HYPHEN_AT_LINE_END.sub("", raw))), lines


def pdf_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True).stdout.decode()
    names = []
    for line in out.splitlines()[2:]:
        if line.strip():
            name = line.split()[0]
            names.append(name.split("+", 1)[-1])
    return names


def markdown_text(md: Path) -> str:
    """The Markdown as its reader sees it rendered (pandoc's HTML of it, as text)."""
    import pypandoc

    html = pypandoc.convert_file(str(md), "html5", format="markdown", extra_args=["--wrap=none"])
    root = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser())
    return collapse("".join(root.itertext()))


def docx_text(docx: Path) -> str:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    parts = []
    with zipfile.ZipFile(docx) as z:
        for member in ("word/document.xml", "word/footnotes.xml"):
            if member not in z.namelist():
                continue
            root = etree.fromstring(z.read(member))
            for p in root.iter(f"{w}p"):
                parts.append("".join(t.text or "" for t in p.iter(f"{w}t")))
    return collapse("\n".join(parts))


def epub_documents(epub: Path, into: Path) -> list[Path]:
    """Unpack the EPUB; its spine documents in reading order."""
    into.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(epub) as z:
        z.extractall(into)
    container = etree.parse(str(into / "META-INF" / "container.xml"))
    opf_path = into / container.xpath("//*[local-name()='rootfile']/@full-path")[0]
    opf = etree.parse(str(opf_path))
    items = {i.get("id"): i.get("href") for i in opf.xpath("//*[local-name()='item']")}
    return [opf_path.parent / items[ref.get("idref")] for ref in opf.xpath("//*[local-name()='itemref']")]


def plain_tree(path: Path) -> etree._Element:
    """An (X)HTML file as a tree without namespaces (epub:type becomes epub-type)."""
    if path.suffix in (".xhtml", ".opf"):
        root = etree.parse(str(path)).getroot()
    else:
        root = etree.parse(str(path), etree.HTMLParser(encoding="utf-8")).getroot()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        el.tag = etree.QName(el).localname
        for name in list(el.attrib):
            if name.startswith("{"):
                local = etree.QName(name).localname
                value = el.attrib.pop(name)
                el.set(("epub-" if "ops" in name else "xml-") + local, value)
    etree.cleanup_namespaces(root)
    return root


def one_document(docs: list[Path]) -> Path:
    """The bodies of an EPUB's content documents in reading order, in one XHTML document
    beside them with the EPUB's stylesheet: Chromium then reads the whole book as one
    page (cover and font licence left out: an image, the OFL)."""
    xhtml = "http://www.w3.org/1999/xhtml"
    text_docs = [d for d in docs if d.parent.name == "text"]
    first = etree.parse(str(text_docs[0]))
    html = first.getroot()
    body = html.find(f"{{{xhtml}}}body")
    for child in list(body):
        body.remove(child)
    for doc in docs:
        if doc.name in ("cover.xhtml", "font-licence.xhtml"):
            continue
        other = etree.parse(str(doc)).getroot().find(f"{{{xhtml}}}body")
        section = etree.SubElement(body, f"{{{xhtml}}}div")
        for child in list(other):
            section.append(child)
    target = text_docs[0].parent / "_all.xhtml"
    first.write(str(target), encoding="utf-8", xml_declaration=True)
    return target


@dataclass
class Reading:
    """What a reader gets of one built case, per view: text, lines, trees, fonts."""

    text: dict[str, str] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    trees: dict[str, list[etree._Element]] = field(default_factory=dict)
    fonts: list[str] = field(default_factory=list)


def read_all(cases: list[Case], out: Path, reader_texts) -> dict[Path, Reading]:
    """The reader's view of every built case; one Chromium session for all pages."""
    readings: dict[Path, Reading] = {}
    pages = []
    for case in cases:
        edition = out / case.input.stem
        reading = readings.setdefault(case.input, Reading())
        views = set(case.views())
        if {"web", "diplomatic"} & views:
            page = edition / "index.html"
            reading.trees["web"] = [plain_tree(page)]
            reading.trees["diplomatic"] = reading.trees["web"]
            pages.append((case.input, "web", {"path": page}))
            if "diplomatic" in views:
                pages.append((case.input, "diplomatic", {"path": page, "click": "#diplomatic-toggle"}))
        if "epub" in views:
            docs = epub_documents(edition / f"{case.input.stem}.epub", out / "_epub" / case.input.stem)
            opf = next((out / "_epub" / case.input.stem).rglob("*.opf"))
            # the content documents, then the package document (its metadata)
            reading.trees["epub"] = [plain_tree(d) for d in docs] + [plain_tree(opf)]
            pages.append((case.input, "epub", {"path": one_document(docs)}))
        if "pdf" in views:
            reading.text["pdf"], reading.lines["pdf"] = pdf_text(edition / f"{case.input.stem}.pdf")
            reading.fonts = pdf_fonts(edition / f"{case.input.stem}.pdf")
        if "md" in views:
            reading.text["md"] = markdown_text(edition / f"{case.input.stem}.md")
        if "docx" in views:
            reading.text["docx"] = docx_text(edition / f"{case.input.stem}.docx")
    # two Chromium processes, one per core, each with half of the pages
    half = (len(pages) + 1) // 2
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(reader_texts, [[p for _, _, p in pages[:half]], [p for _, _, p in pages[half:]]]))
    results = parts[0] + parts[1]
    for (source, view, _), result in zip(pages, results):
        raw = result.get("text", "")
        readings[source].text[view] = collapse(raw)
        readings[source].lines[view] = [collapse(x) for x in raw.splitlines() if x.strip()]
    return readings


# --- checking facts ---------------------------------------------------------------------------


def _excerpt(text: str, needle: str = "", width: int = 400) -> str:
    if needle:
        key = needle.split()[0] if needle.split() else needle
        at = text.find(key)
        if at >= 0:
            return "…" + text[max(0, at - width // 2): at + width // 2] + "…"
    return text[:width] + ("…" if len(text) > width else "")


def check(view: str, facts: dict, reading: Reading) -> list[str]:
    """The facts of one view that do not hold, each as a readable sentence."""
    problems = []
    text = reading.text.get(view, "")
    for needle in facts.get("contains", []):
        if collapse(needle) not in text:
            problems.append(f"{view}: missing {needle!r}; the reader sees {_excerpt(text, needle)!r}")
    for needle in facts.get("absent", []):
        if collapse(needle) in text:
            problems.append(f"{view}: should not show {needle!r}; it does: {_excerpt(text, needle)!r}")
    for needle, n in facts.get("count", {}).items():
        found = text.count(collapse(needle))
        if found != n:
            problems.append(f"{view}: {needle!r} shown {found} time(s), expected {n}")
    order = facts.get("order", [])
    at = 0
    for needle in order:
        i = text.find(collapse(needle), at)
        if i < 0:
            problems.append(f"{view}: {needle!r} not found after position {at} (order {order})")
            break
        at = i + len(collapse(needle))
    for needle in facts.get("line", []):
        if not any(collapse(needle) in line for line in reading.lines.get(view, [])):
            near = [line for line in reading.lines.get(view, []) if needle.split()[0] in line][:3]
            problems.append(f"{view}: {needle!r} is not on one printed line; lines near it: {near}")
    lines = reading.lines.get(view, [])
    for needle in facts.get("whole_line", []):
        if collapse(needle) not in lines:
            near = [line for line in lines if needle.split()[0] in line][:3]
            problems.append(f"{view}: {needle!r} is not a line of its own; lines near it: {near}")
    for needle in facts.get("not_whole_line", []):
        if collapse(needle) in lines:
            problems.append(f"{view}: {needle!r} stands alone on a line")
    for expr in facts.get("xpath", []):
        trees = reading.trees.get(view, [])
        if not any(bool(tree.xpath(expr)) for tree in trees):
            problems.append(f"{view}: XPath {expr!r} is false")
    if facts.get("fonts"):
        bad = [f for f in reading.fonts if not any(f.startswith(x) for x in facts["fonts"])]
        if bad:
            problems.append(f"{view}: fonts other than {facts['fonts']}: {bad}")
    return problems


# --- stylesheet lint ---------------------------------------------------------------------------

# Selectors of furniture that only some editions have, or that appear only in states no
# static page is in (a focused link, the diplomatic view), are reduced to the part before
# such pseudo-classes and to their element and class parts; @page and @font-face rules and
# selectors of elements WeasyPrint makes (::footnote-call) are no selectors of the document.
_PSEUDO = re.compile(r"::?[a-zA-Z-]+(\([^)]*\))?")

# Classes no document the lint reads can carry, because they are added only after layout:
# the lint keeps the element part of a selector and drops these classes (as it drops
# states). Keep this list to classes some code really adds, each with the code named.
#   fn-push: pdf/render.py push_misplaced_note() marks the block holding a note call that
#   WeasyPrint set on an earlier page than its note, after measuring the pages; the page
#   is typeset again with it (pdf/parallel.py counts them). render.prepare() never sets it.
LAYOUT_CLASSES = ("fn-push",)
_LAYOUT_CLASS = re.compile(r"\.(?:%s)(?![\w-])" % "|".join(map(re.escape, LAYOUT_CLASSES)))


def _selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    # walk the blocks, keeping the selectors of style rules (inside @media too)
    last = 0
    stack: list[str] = []
    for m in re.finditer(r"[{}]", css):
        if m.group() == "{":
            prelude = css[last:m.start()].strip()
            stack.append(prelude)
            if not prelude.startswith("@") and not any(p.startswith(("@page", "@font-face", "@footnote", "@top", "@bottom")) for p in stack[:-1]):
                out.extend(sel.strip() for sel in prelude.split(","))
        else:
            if stack:
                stack.pop()
        last = m.end()
    return [s for s in out if s]


def _testable(selector: str) -> str:
    """The element part of a selector: states no static page is in (hover, focus, the
    diplomatic view the script sets), classes added after layout (LAYOUT_CLASSES) and
    pseudo-elements removed."""
    sel = selector.replace("html.diplomatic", "html").replace("html:not(.diplomatic)", "html")
    sel = sel.replace("html.facsimile", "html")   # the facsimile view, set by the script too
    sel = sel.replace('[aria-pressed="true"]', "")   # pressed by the reader, through the script
    sel = _LAYOUT_CLASS.sub("", sel)
    sel = re.sub(r"(^|(?<=[\s>+~]))\s*:(?:is|where)\([^)]*\)", " * ", sel)   # a compound of its own
    sel = _PSEUDO.sub("", sel)
    sel = re.sub(r"\s+", " ", sel).strip()
    if sel[:1] in (">", "+", "~"):
        sel = "* " + sel
    if sel[-1:] in (">", "+", "~"):
        sel += " *"
    return sel or "*"


def unused_selectors(medium: str, trees: list[etree._Element]) -> list[str]:
    from cssselect import GenericTranslator, SelectorError

    from editio import stylesheets

    translator = GenericTranslator()
    unused = []
    for selector in dict.fromkeys(_selectors(stylesheets.css(medium))):
        testable = _testable(selector)
        try:
            xpath = translator.css_to_xpath(testable)
        except SelectorError:
            continue
        if not any(tree.xpath(xpath) for tree in trees):
            unused.append(selector)
    return unused


def styled_trees(medium: str, cases: list[Case], out: Path) -> list[etree._Element]:
    """The documents a medium's stylesheet styles, for every golden case and every corpus
    fixture: the web pages, the EPUB's documents, the PDF's print copies."""
    import copy

    from editio import build
    from editio.writers import epub, web
    from editio.writers.pdf import render

    trees = []
    for case in cases:
        edition = out / case.input.stem
        if medium == "screen":
            trees.append(plain_tree(edition / "index.html"))
        elif medium == "epub":
            folder = out / "_lint" / case.input.stem
            trees.extend(plain_tree(d) for d in epub_documents(edition / f"{case.input.stem}.epub", folder))
    project = Path(__file__).parent.parent
    sources = sorted((project / "tests" / "fixtures" / "corpus").glob("*.xml")) + sorted((project / "tei").glob("*.xml"))
    if medium == "print":
        sources = [c.input for c in cases] + sources
    for source in sources:
        hub, _ = build.prepare(source, strict=False)
        if hub is None:
            continue
        if medium == "screen":
            trees.append(web.page(copy.deepcopy(hub.root)))
        elif medium == "epub":
            _, book = epub.build_entries(hub)
            for doc in book.docs:
                if doc.body is not None:
                    trees.append(_plain(copy.deepcopy(doc.body)))
        else:
            trees.append(render.prepare(hub).root)
    return trees


def _plain(root: etree._Element) -> etree._Element:
    """An XHTML element tree without namespaces (as plain_tree makes them)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        el.tag = etree.QName(el).localname
        for name in list(el.attrib):
            if name.startswith("{"):
                value = el.attrib.pop(name)
                el.set(("epub-" if "ops" in name else "xml-") + etree.QName(name).localname, value)
    return root
