"""``editio site DIR``: the catalogue of a corpus, ``DIR/index.html``.

One page lists every edition built into ``DIR`` (title, author, date, language) with
links to its web edition, EPUB, PDF and TEI, and searches all of them at once. Like the
editions, it works when opened from disk: its search adds each edition's own
``NAME/assets/search-data.js`` with a ``<script src>`` the first time a reader searches
(one after the other, the hits listed as each edition arrives), so the page stays small
however large the corpus (about 1 kB per edition) and no index is built twice.

Everything the catalogue says is read from the editions' own pages (the hub's head:
``dc.title``, ``dc.creator``, ``dcterms.created``, ``html/@lang``), so ``editio site``
needs no TEI and can be rerun at any time. Output depends only on what is in ``DIR``:
the same editions give the same bytes. The page is always rewritten (``make`` compares
its date with the editions'), its assets only when their bytes change.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from . import __version__, atomic, fonts, i18n, search, stylesheets
from .diagnostics import Diagnostic, EditioError, error, warning

ASSETS = "assets"
CSS_FILE = "site.css"
INDEX = "index.html"
_SPACE = re.compile(r"\s+")


@dataclass
class Edition:
    name: str
    title: str
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    date: str = ""
    lang: str = ""
    files: dict[str, str] = field(default_factory=dict)   # kind → href relative to DIR
    searchable: bool = False


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _sort_key(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def read_edition(folder: Path) -> Edition:
    """What the catalogue shows of one edition, from its ``index.html``."""
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    root = lxml_html.parse(str(folder / INDEX), parser).getroot()
    head = root.find("head")

    def metas(name: str) -> list[str]:
        if head is None:
            return []
        found = (_clean(m.get("content")) for m in head.iter("meta") if m.get("name") == name)
        return [value for value in found if value]

    name = folder.name
    title = (metas("dc.title") or [_clean(head.findtext("title")) if head is not None else ""])[0] or name
    edition = Edition(
        name=name, title=title, subtitle=(metas("dcterms.alternative") or [""])[0],
        authors=metas("dc.creator"), editors=metas("dc.contributor"),
        date=(metas("dcterms.created") or [""])[0], lang=root.get("lang") or "",
    )
    edition.files["web"] = f"{name}/{INDEX}"
    for kind, filename in (("epub", f"{name}.epub"), ("pdf", f"{name}.pdf"), ("tei", f"{name}.xml")):
        if (folder / filename).is_file():
            edition.files[kind] = f"{name}/{filename}"
    edition.searchable = (folder / ASSETS / search.DATA_FILE).is_file()
    return edition


def editions(directory: Path) -> list[Edition]:
    """Every edition in ``directory`` (a folder with an index.html), in title order."""
    found = []
    for folder in sorted(Path(directory).iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and folder.name != ASSETS \
                and (folder / INDEX).is_file():
            found.append(read_edition(folder))
    return sorted(found, key=lambda e: (_sort_key(e.title), e.name))


def interface_language(found: list[Edition]) -> str:
    """The catalogue speaks the language most of its editions are in (English if none)."""
    counts = collections.Counter(i18n.primary(e.lang) for e in found if e.lang)
    if not counts:
        return i18n.DEFAULT
    best = max(counts.values())
    return sorted(lang for lang, n in counts.items() if n == best)[0]


def _date(value: str) -> str:
    """An ISO interval START/END reads as START–END."""
    start, slash, end = value.partition("/")
    return f"{start}–{end}" if slash and start and end else value.strip("/")


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text:
        el.text = text
    return el


def page(found: list[Edition], *, title: str, lang: str) -> etree._Element:
    """The catalogue page as an HTML tree."""
    ui = i18n.labels(lang)
    root = etree.Element("html", lang=lang)
    head = _el(root, "head")
    _el(head, "meta", charset="utf-8")
    _el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _el(head, "meta", name="color-scheme", content="light dark")
    _el(head, "title", title)
    _el(head, "meta", name="generator", content=f"editio {__version__}".strip())
    _el(head, "link", rel="stylesheet", href=f"{ASSETS}/{CSS_FILE}")
    _el(head, "script", src=f"{ASSETS}/{search.SCRIPT_FILE}", defer="defer")

    body = _el(root, "body")
    header = _el(body, "header", class_="site-header")
    _el(header, "h1", title)
    data = [f"{e.name}/{ASSETS}/{search.DATA_FILE}" for e in found if e.searchable]
    form = search.form(ui, data=data, engine=f"{ASSETS}/{search.ENGINE_FILE}", site=True)
    form.set("data-site", "data-site")
    body.append(form)

    main = _el(body, "main", id="catalogue", class_="catalogue", aria_labelledby="catalogue-heading")
    header[0].set("id", "catalogue-heading")
    items = _el(main, "ol", class_="editions")
    for edition in found:
        li = _el(items, "li", class_="edition", id=f"edition-{edition.name}")
        heading = _el(li, "h2", class_="edition-title")
        link = _el(heading, "a", edition.title, href=edition.files["web"])
        if edition.lang:
            link.set("lang", edition.lang)
        if edition.subtitle:
            sub = _el(li, "p", edition.subtitle, class_="edition-subtitle")
            if edition.lang:
                sub.set("lang", edition.lang)
        facts = _el(li, "dl", class_="edition-facts")
        people = edition.authors or edition.editors
        if people:
            _el(facts, "dt", ui["author"] if edition.authors else ui["edited-by"])
            _el(facts, "dd", "; ".join(people))
        if edition.date:
            _el(facts, "dt", ui["date"])
            _el(facts, "dd", _date(edition.date))
        if edition.lang:
            _el(facts, "dt", ui["language"])
            _el(facts, "dd", edition.lang)
        if len(facts) == 0:
            li.remove(facts)
        formats = _el(li, "p", class_="edition-formats")
        first = _el(formats, "a", ui["web-edition"], href=edition.files["web"])
        first.tail = ""
        for kind, label, mime in (("epub", "EPUB", "application/epub+zip"), ("pdf", "PDF", "application/pdf"),
                                  ("tei", "TEI", "application/tei+xml")):
            if kind in edition.files:
                last = formats[-1]
                last.tail = (last.tail or "") + " · "
                _el(formats, "a", label, href=edition.files[kind], type=mime)
    if not found:
        _el(main, "p", ui["search-none"], class_="editions-none")

    footer = _el(body, "footer", class_="site-footer")
    _el(footer, "p", ui["made-with"])
    for el in root.iter():
        if el.tag in ("head", "body", "header", "main", "footer", "ol", "li", "dl", "form") or el.getparent() is head:
            el.tail = "\n"
    return root


def stylesheet() -> str:
    """The catalogue's stylesheet: the web edition's page furniture (colours, links,
    focus), the search's own rules, then the catalogue's."""
    root = stylesheets.styles_dir()
    parts = ["/* editio corpus catalogue stylesheet. */\n"]
    for path in (root / "media" / "screen.css", root / "constructs" / "search" / "screen.css",
                 root / "site" / CSS_FILE):
        parts.append(f"/* --- {path.relative_to(root).as_posix()} --- */\n")
        parts.append(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n")
    return "".join(parts)


def _write_fonts(assets: Path, root: etree._Element, found: list[Edition], directory: Path,
                 lang: str) -> list:
    """The editions' own typefaces, subset for the catalogue and for the text its search
    shows from every edition (never a font the reader's machine happens to have)."""
    from .writers.web import page_text

    chars = set(page_text(root) + search.interface_text(i18n.labels(lang)))
    for edition in found:
        data = directory / edition.name / ASSETS / search.DATA_FILE
        if data.is_file():
            chars.update(data.read_text(encoding="utf-8", errors="replace"))
    chosen = fonts.subset_faces("".join(sorted(c for c in chars if c.isprintable())))
    faces = [face for face, _ in chosen]
    folder = assets / "fonts"
    folder.mkdir(exist_ok=True)
    for face, data in zip(faces, fonts.woff2_subsets(faces, [text for _, text in chosen])):
        path = folder / f"{face.stem}.woff2"
        if not (path.is_file() and path.read_bytes() == data):
            atomic.write_bytes(path, data)
    families = list(dict.fromkeys(face.family for face in faces))
    _write_if_changed(folder / "OFL.txt", "The fonts in this folder are subsets of "
                      + ", ".join(f.name for f in families)
                      + ", licensed under the SIL Open Font License 1.1:\n\n" + fonts.licence_text(families))
    return faces


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    atomic.write_bytes(path, data)


def write(directory: Path, *, title: str = "", lang: str = "") -> tuple[Path, list[Edition], list[Diagnostic]]:
    """Write ``directory/index.html`` and its assets; returns the page, the editions
    listed and what was noticed on the way."""
    from .writers.web import serialize

    directory = Path(directory)
    if not directory.is_dir():
        raise EditioError(error(directory, f"no such folder: {directory}; build editions into it first "
                                           "(editio build FILE --out DIR)", "E-SITE-1"))
    if (directory / ASSETS / INDEX).is_file():
        raise EditioError(error(directory / ASSETS, f"an edition is named '{ASSETS}', the name of the "
                                "catalogue's own folder; rename its TEI file", "E-SITE-2"))
    found = editions(directory)
    diagnostics: list[Diagnostic] = []
    if not found:
        diagnostics.append(warning(directory, f"no editions in {directory} (folders with an {INDEX}); "
                                   "the catalogue is empty", "W-SITE-1"))
    for edition in found:
        if not edition.searchable:
            diagnostics.append(warning(directory / edition.name, f"{edition.name} has no {ASSETS}/"
                                       f"{search.DATA_FILE}; rebuild it to make it searchable", "W-SITE-2"))
    lang = i18n.bcp47(lang) or interface_language(found)
    title = _clean(title) or i18n.label("editions", lang)
    root = page(found, title=title, lang=lang)
    assets = directory / ASSETS
    assets.mkdir(exist_ok=True)
    faces = _write_fonts(assets, root, found, directory, lang)
    _write_if_changed(assets / CSS_FILE, fonts.font_face_css(lambda face: f"fonts/{face.stem}.woff2", faces)
                      + "\n" + stylesheet())
    _write_if_changed(assets / search.SCRIPT_FILE, stylesheets.style_file("js", search.SCRIPT_FILE))
    _write_if_changed(assets / search.ENGINE_FILE, stylesheets.style_file(*search.ENGINE_SOURCE))
    _write_if_changed(assets / "LICENSE-minisearch.txt", stylesheets.style_file(*search.ENGINE_LICENCE))
    target = directory / INDEX
    atomic.write_text(target, serialize(root))
    return target, found, diagnostics


__all__ = ["Edition", "editions", "interface_language", "page", "read_edition", "stylesheet", "write"]
