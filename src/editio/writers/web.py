"""The web edition: ``index.html`` plus its assets, made from the hub HTML.

The hub already is the edition's HTML; this writer only dresses it for a browser:
viewport and stylesheet links, a skip link, the reading/diplomatic toggle, named
landmarks for the apparatus sections, and self-contained assets (subset WOFF2 fonts,
one stylesheet, one small script, the images). Nothing is fetched at view time.

Output depends only on the hub and the files it names, so two builds of the same
input give the same bytes.
"""

from __future__ import annotations

import copy
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .. import fonts, i18n, search, stylesheets
from ..diagnostics import Diagnostic, warning
from ..hub import vocabulary as vocab
from ..hub.tree import code_text
from ..model import Hub

ASSETS = "assets"
CSS_HREF = f"{ASSETS}/edition.css"
JS_HREF = f"{ASSETS}/edition.js"
SEARCH_HREF = f"{ASSETS}/{search.SCRIPT_FILE}"
FONT_DIR = f"{ASSETS}/fonts"
IMAGE_DIR = f"{ASSETS}/images"


# Words the script writes into the page (the fonts need their characters).
SCRIPT_WORDS = ("cite-copied", "cite-select", "line-abbr")

# Elements whose content must hold no interactive elements (nor anything with tabindex).
_INTERACTIVE = {"a", "button", "label", "select", "textarea", "summary", "details", "audio", "video"}

# Body children that are landmarks by themselves (when they are children of body).
_LANDMARK_TAGS = {"header", "footer", "main", "nav", "aside"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "li", "dd", "dt", "td", "th", "blockquote", "figcaption"} | _HEADINGS


def write(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """Write ``outdir/index.html`` and ``outdir/assets/``; return what went wrong on the way."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    diagnostics: list[Diagnostic] = []
    source = str(hub.context.source_path)

    root = copy.deepcopy(hub.root)
    diagnostics += _copy_images(root, hub.resources, outdir, source)
    page(root)

    assets = outdir / ASSETS
    (outdir / FONT_DIR).mkdir(parents=True, exist_ok=True)
    ui = i18n.labels(root.get("lang"))
    text = page_text(root) + search.interface_text(ui) + "".join(ui[k] for k in SCRIPT_WORDS)
    chosen = fonts.subset_faces(text, code_text(root))
    faces = [face for face, _ in chosen]
    for face, data in zip(faces, _subsets(chosen, hub.context.jobs)):
        (outdir / FONT_DIR / f"{face.stem}.woff2").write_bytes(data)
    (outdir / FONT_DIR / "OFL.txt").write_text(_licence(faces), encoding="utf-8")
    (assets / "edition.css").write_text(stylesheet(faces), encoding="utf-8")
    (assets / "edition.js").write_text(stylesheets.style_file("js", "edition.js"), encoding="utf-8")
    # Search: the interface, the engine and this edition's text (see editio.search).
    (assets / search.SCRIPT_FILE).write_text(stylesheets.style_file("js", search.SCRIPT_FILE), encoding="utf-8")
    (assets / search.ENGINE_FILE).write_text(stylesheets.style_file(*search.ENGINE_SOURCE), encoding="utf-8")
    (assets / "LICENSE-minisearch.txt").write_text(stylesheets.style_file(*search.ENGINE_LICENCE),
                                                   encoding="utf-8")
    (assets / search.DATA_FILE).write_text(search.data_script(hub.context.name, root, ui), encoding="utf-8")

    (outdir / "index.html").write_text(serialize(root), encoding="utf-8")
    return diagnostics


# --- the page ------------------------------------------------------------------------


def page(root: etree._Element) -> etree._Element:
    """Turn (a copy of) the hub into the web page, in place; returns ``root``."""
    head = _head(root)
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    ui = i18n.labels(root.get("lang"))

    # Browser furniture in the head: viewport, colour schemes, stylesheet, script.
    if head.find("meta[@name='viewport']") is None:
        _append(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    if head.find("meta[@name='color-scheme']") is None:
        _append(head, "meta", name="color-scheme", content="light dark")
    _append(head, "link", rel="stylesheet", href=CSS_HREF)
    _append(head, "script", src=JS_HREF, defer="defer")
    _append(head, "script", src=SEARCH_HREF, defer="defer")

    _landmarks(body)
    _headless_sections(body)
    _page_breaks(body)
    _focusable_choices(body)
    _permalinks(body, ui)
    _contents_menu(body, ui)

    # A skip link first, so keyboard users reach the text in one step.
    skip = etree.Element("a", {"class": "skip-link", "href": "#text"})
    skip.text = ui["skip-to-text"]
    skip.tail = "\n"
    body.insert(0, skip)
    # The search field comes next: a reader looking for a word finds it before the title page.
    body.insert(1, search.form(ui, data=[f"{ASSETS}/{search.DATA_FILE}"], engine=f"{ASSETS}/{search.ENGINE_FILE}"))

    main = body.find("main")
    if main is not None:
        diplomatic, facsimile = has_interventions(main), has_facsimiles(main)
        if diplomatic or facsimile:
            main.insert(0, _toolbar(ui, diplomatic=diplomatic, facsimile=facsimile))
        _cite_panel(main, body, ui)
    return root


def has_interventions(el: etree._Element) -> bool:
    """Whether the text has anything the diplomatic view shows differently."""
    return bool(el.xpath(
        ".//span[contains(concat(' ', normalize-space(@class), ' '), ' choice ')"
        " or contains(concat(' ', normalize-space(@class), ' '), ' supplied ')"
        " or contains(concat(' ', normalize-space(@class), ' '), ' lb ')"
        " or contains(concat(' ', normalize-space(@class), ' '), ' diplomatic-only ')] | .//del | .//ins"
    ))


def has_facsimiles(el: etree._Element) -> bool:
    """Whether the text has images of its pages (span.facs after its page breaks)."""
    return bool(el.xpath(f".//span[contains(concat(' ', normalize-space(@class), ' '), ' {vocab.FACSIMILE} ')]"))


def _toolbar(ui: dict[str, str], *, diplomatic: bool = True, facsimile: bool = False) -> etree._Element:
    """The view switches: reading/diplomatic, and the page images beside the text, each a
    toggle button; the bar is hidden until the script runs.

    Without script the page shows the corrected reading without images, and no useless control.
    """
    bar = etree.Element("div", {"class": "toolbar", "id": "toolbar", "hidden": "hidden"})
    for wanted, key in ((diplomatic, "diplomatic"), (facsimile, "facsimile")):
        if not wanted:
            continue
        button = etree.SubElement(bar, "button", {
            "type": "button", "id": f"{key}-toggle", "class": "toggle", "aria-pressed": "false",
            "aria-describedby": f"{key}-hint",
        })
        button.text = ui["diplomatic-view" if key == "diplomatic" else key]
        hint = etree.SubElement(bar, "span", {"class": "toggle-hint", "id": f"{key}-hint"})
        hint.text = ui[f"{key}-hint"]
    bar.tail = "\n"
    return bar


def _contents_menu(body: etree._Element, ui: dict[str, str]) -> None:
    """A "Contents" button in the table of contents, for screens too narrow for it as a
    sidebar: the script shows it (fixed at the foot of the screen) and opens the contents
    over the page with it, so they are one tap away wherever the reader is.

    It is hidden until the script runs: without script the contents stay where they are,
    at the top of the page. It sits inside the ``nav`` so it is part of that landmark.
    """
    toc = vocab.section(body, "toc")
    if toc is None or toc.find("ol") is None:
        return
    ol = toc.find("ol")
    taken = _ids(body)
    if not ol.get("id"):
        ol.set("id", _unique_id(body, f"{toc.get('id') or 'toc'}-list", taken))
    button = etree.Element("button", {
        "type": "button", "id": _unique_id(body, "toc-button", taken), "class": "toc-button",
        "aria-controls": ol.get("id"), "aria-describedby": _unique_id(body, "toc-button-hint", taken),
        "hidden": "hidden",
    })
    button.text = ui["contents"]
    button.tail = "\n"
    hint = etree.Element("span", {"class": "toggle-hint", "id": button.get("aria-describedby")})
    hint.text = ui["contents-menu-hint"]
    hint.tail = "\n"
    toc.insert(0, button)
    toc.insert(1, hint)


def _cite_panel(main: etree._Element, body: etree._Element, ui: dict[str, str]) -> None:
    """What the script needs for "cite this passage": a button to clone beside each
    permalink (a ``template``: the markup is in the page, where the stylesheet and its
    checks see it), and the panel that shows the citation, hidden until used.

    The citation is the edition's own "How to cite" without its address and final stop,
    then the passage ("¶ 12", "l. 3.1.64") and its address: the base URL's when the
    edition has one (``data-base``), else the page's own, which only the script knows.
    """
    if main.find(".//a[@class='permalink']") is None:
        return
    cite, base = _edition_citation(body)
    panel = etree.SubElement(main, "div", {
        "class": "cite-panel", "id": "cite-panel", "role": "dialog", "aria-labelledby": "cite-heading",
        "hidden": "hidden", "data-citation": cite, "data-base": base, "data-line": ui["line-abbr"],
        "data-copied": ui["cite-copied"], "data-select": ui["cite-select"],
        "data-name": ui["cite-passage"], "data-paragraph": ui["paragraph"], "data-line-name": ui["line"],
    })
    heading = etree.SubElement(panel, "p", {"class": "cite-heading", "id": "cite-heading"})
    heading.text = ui["cite-passage"]
    etree.SubElement(panel, "p", {"class": "cite-text", "id": "cite-text", "tabindex": "-1"}).text = ""
    etree.SubElement(panel, "p", {"class": "cite-status", "id": "cite-status", "role": "status"}).text = ""
    close = etree.SubElement(panel, "button", {"type": "button", "class": "cite-close", "id": "cite-close"})
    close.text = ui["close"]
    template = etree.SubElement(panel, "template", {"id": "cite-template"})
    etree.SubElement(template, "button", {"type": "button", "class": "cite-button"}).text = ui["cite"]
    panel.tail = "\n"


def _edition_citation(body: etree._Element) -> tuple[str, str]:
    """(The "How to cite" text without its address and final stop, the base URL or '')."""
    found = body.xpath(".//div[contains(concat(' ', @class, ' '), ' how-to-cite ')]/p[@class='citation']")
    if not found:
        return "", ""
    citation = copy.deepcopy(found[0])
    base = ""
    for url in citation.xpath(".//a[@class='url']"):
        base = base or (url.get("href") or "")
        prev = url.getprevious()
        if prev is not None:
            prev.tail = re.sub(r",\s*$", "", prev.tail or "")
        else:
            citation.text = re.sub(r",\s*$", "", citation.text or "")
        parent = url.getparent()
        tail = url.tail
        parent.remove(url)
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                citation.text = (citation.text or "") + tail
    text = " ".join("".join(citation.itertext()).split())
    return (text[:-1] if text.endswith(".") else text), base


def _permalinks(body: etree._Element, ui: dict[str, str]) -> None:
    """A link to copy for every citable unit of the text: numbered paragraphs ("¶ 12")
    and numbered verse lines (a speech is cited by its paragraphs and lines). The link
    is empty (its label is generated by the stylesheet, in the margin), so the reading
    text and a copied passage stay clean; its accessible name says what it links to."""
    main = body.find("main")
    if main is None:
        return
    for el in main.iter("p", "div"):
        ident = el.get("id")
        if not ident:
            continue
        cls = vocab.classes(el)
        if el.get("data-para"):
            label, name = f"¶\u00a0{el.get('data-para')}", f"{ui['paragraph']} {el.get('data-para')}"
        elif vocab.L in cls and el.get("data-n"):
            label, name = el.get("data-n"), f"{ui['line']} {el.get('data-n')}"
        else:
            continue
        link = etree.Element("a", {"class": "permalink", "href": f"#{ident}", "data-label": label,
                                   "aria-label": f"{ui['link-to']} {name}"})
        link.tail = el.text
        el.text = None
        el.insert(0, link)


def _head(root: etree._Element) -> etree._Element:
    """The head, with ``<meta charset="utf-8">`` as its first child (HTML requires it early)."""
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    for meta in head.findall("meta"):
        if meta.get("charset") is not None or (meta.get("http-equiv") or "").lower() == "content-type":
            head.remove(meta)
    meta = etree.Element("meta", charset="utf-8")
    meta.tail = "\n"
    head.insert(0, meta)
    return head


def _append(parent: etree._Element, tag: str, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag)
    el.tail = "\n"
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _landmarks(body: etree._Element) -> None:
    """Give every top-level section an accessible name, so it is a landmark (region).

    Screen-reader users move between landmarks; content outside them is easy to miss
    (axe rule ``region``). The hub's sections each start with an ``h2``: it names them.
    """
    for child in body:
        if not isinstance(child.tag, str) or child.tag in _LANDMARK_TAGS:
            continue
        if child.tag == "section":
            if child.get("aria-label") or child.get("aria-labelledby"):
                continue
            heading = next((h for h in child.iter("h1", "h2", "h3", "h4", "h5", "h6")), None)
            if heading is None:
                continue
            if not heading.get("id"):
                base = child.get("id") or child.get("class", "section").split()[0]
                heading.set("id", _unique_id(body, f"{base}-heading"))
            child.set("aria-labelledby", heading.get("id"))


def _headless_sections(body: etree._Element) -> None:
    """A ``section`` of the text without a heading of its own becomes a ``div``.

    The hub wraps the TEI front, body and back in sections for the writers' sake; to a
    reader (and to the outline) a section is something with a title.
    """
    main = body.find("main")
    if main is None:
        return
    for section in list(main.iter("section")):
        if not any(isinstance(c.tag, str) and c.tag in _HEADINGS for c in section):
            section.tag = "div"


def _page_breaks(body: etree._Element) -> None:
    """Page breaks name themselves with ``title``, which every checker accepts on a span.

    (axe rejects ``aria-label`` on a ``span`` even with role ``doc-pagebreak``.) The
    stylesheet shows the title as the page number in the margin.
    """
    for span in body.iter("span"):
        if span.get("role") == "doc-pagebreak" and span.get("aria-label") is not None:
            label = span.attrib.pop("aria-label")
            span.set("title", span.get("title") or label)


def _ids(tree_el: etree._Element) -> set[str]:
    return set(tree_el.getroottree().getroot().xpath("//@id"))


def _unique_id(tree_el: etree._Element, wanted: str, taken: set[str] | None = None) -> str:
    """``wanted``, or ``wanted-N``, free in the page; ``taken`` (the page's ids, kept up to
    date here) saves a scan of the page per call."""
    taken = _ids(tree_el) if taken is None else taken
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def _focusable_choices(body: etree._Element) -> None:
    """Make each editorial choice reachable by keyboard, where HTML allows it.

    The source reading pops up on hover and on focus; a ``tabindex`` inside a link or
    button would be invalid HTML (and a trap for assistive technology), so there the
    link itself is the way in.
    """
    for span in body.iter("span"):
        if "choice" not in (span.get("class") or "").split():
            continue
        inside_interactive = any(a.tag in _INTERACTIVE for a in span.iterancestors())
        if inside_interactive:
            span.attrib.pop("tabindex", None)
        elif span.get("tabindex") is None:
            span.set("tabindex", "0")


# --- images ----------------------------------------------------------------------------


def _copy_images(root: etree._Element, resources: dict[str, Path], outdir: Path,
                 source: str) -> list[Diagnostic]:
    """Copy each image next to the page under its own href, or under assets/images/.

    An href that would land outside the edition folder (``../Images/x.png``, an
    absolute path) is rewritten to a file inside it, so the folder is self-contained.
    """
    diagnostics = []
    used: set[str] = set()
    renamed: dict[str, str] = {}
    for href in sorted(resources):
        path = Path(resources[href])
        if not path.is_file():
            diagnostics.append(warning(source, f"image not found: {href} ({path})", "web-image"))
            continue
        target = _safe_relative(href)
        if target is None or target in used:
            stem = posixpath.basename(unquote(urlsplit(href).path)) or "image"
            target = f"{IMAGE_DIR}/{stem}"
            n = 1
            while target in used:
                n += 1
                base, ext = posixpath.splitext(stem)
                target = f"{IMAGE_DIR}/{base}-{n}{ext}"
            renamed[href] = target
        used.add(target)
        dest = outdir.joinpath(*target.split("/"))
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    if renamed:
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("src", "href", "poster"):
                value = el.get(attr)
                if value in renamed:
                    el.set(attr, renamed[value])
    return diagnostics


def _safe_relative(href: str) -> str | None:
    """``href`` as a relative path inside the edition folder, or None if it leaves it."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    path = unquote(parts.path)
    if not path or path.startswith("/") or "\\" in path:
        return None
    norm = posixpath.normpath(path)
    if norm.startswith("../") or norm == ".." or norm == "." or norm in ("index.html",):
        return None
    if norm.split("/")[0] == ASSETS and not norm.startswith(IMAGE_DIR + "/"):
        return None
    return norm


# --- assets ------------------------------------------------------------------------------


def stylesheet(faces=None) -> str:
    """The one stylesheet of the web edition: @font-face rules (of ``faces``, every face
    by default), shared tokens, screen rules."""
    rules = fonts.font_face_css(lambda face: f"fonts/{face.stem}.woff2", faces)
    return "".join([
        "/* editio web edition stylesheet: fonts, shared typography, screen and print rules. */\n",
        rules, "\n", stylesheets.css("screen"),
    ])


def _subsets(chosen, jobs: int) -> list[bytes]:
    """One WOFF2 subset per (face, text); in worker processes when the build may use
    several. Subsetting is the slow part of this writer (about a second per face) and
    each face is independent; the bytes do not depend on how many processes made them.
    """
    return fonts.woff2_subsets([face for face, _ in chosen], [text for _, text in chosen], jobs)


def _licence(faces) -> str:
    families = list(dict.fromkeys(face.family for face in faces))
    names = ", ".join(family.name for family in families)
    return (
        f"The fonts in this folder are subsets of {names}, "
        "licensed under the SIL Open Font License 1.1:\n\n" + fonts.licence_text(families)
    )


def page_text(root: etree._Element) -> str:
    """Every character the page can show: its text, its attributes and the CSS's own."""
    chars = set(stylesheets.generated_characters("screen"))
    chars |= stylesheets.shown_characters([root], skip_text_of=("script", "style"))
    return "".join(sorted(chars))


# --- serialisation -----------------------------------------------------------------------

_VOID_SELF_CLOSING = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)(\s[^<>]*?)?\s*/>")


def serialize(root: etree._Element) -> str:
    """HTML5 text: doctype, then the tree in HTML syntax (void elements without slashes)."""
    html = etree.tostring(root, method="html", encoding="unicode")
    html = _VOID_SELF_CLOSING.sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}>", html)
    if not html.endswith("\n"):
        html += "\n"
    return "<!DOCTYPE html>\n" + html


__all__ = ["has_facsimiles", "has_interventions", "page", "page_text", "serialize", "stylesheet", "write"]
