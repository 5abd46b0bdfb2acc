"""TEI → hub HTML through ``styles/tei.xsl``, compiled once per process.

The XSLT is the only place where TEI is interpreted. This module runs it with file and
network access denied, turns its ``xsl:message`` warnings into diagnostics, and finds the
images the edition needs so writers can copy them without looking at the TEI.
"""

from __future__ import annotations

import functools
import posixpath
import re
import weakref
from importlib.resources import files
from pathlib import Path

from lxml import etree

from .. import i18n
from ..diagnostics import EditioError, error, warning
from ..model import BuildContext, Hub
from ..source import facts
from ..source.load import XSLT_ACCESS
from . import citations, ids, links, math, pointers, spans, tokens, verse
from . import metadata as metadata_module
from . import resources as resources_module
from . import tree as hub_tree

WARNING_PREFIX = "editio-warning:"
IMAGE_SUFFIXES = set(resources_module.KINDS)

# Transformations may read nothing and write nothing: a TEI file cannot make the
# stylesheet fetch a URL or a local file (document() tricks), whatever it contains.
ACCESS = XSLT_ACCESS


XSL_NS = "http://www.w3.org/1999/XSL/Transform"
# Tables of styles/ filled into the stylesheet's placeholders before it is compiled.
INJECTED_TABLES = {"labels-rtf": "labels.xml", "languages-rtf": "languages.xml"}


def stylesheet_path() -> Path:
    return Path(str(files("editio.styles").joinpath("tei.xsl")))


def _inject_tables(doc: etree._ElementTree, folder: Path) -> None:
    """Copy the rows of the shared tables into the stylesheet's empty variables.

    The interface words and the language table are read by Python too; the transform may
    read no file at run time, so the rows are put into the stylesheet before compiling.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_blank_text=True)
    for name, filename in INJECTED_TABLES.items():
        (var,) = doc.getroot().findall(f"{{{XSL_NS}}}variable[@name='{name}']")
        table = etree.parse(str(folder / filename), parser).getroot()
        for row in table:
            # the rows become literal result elements, whose attributes are value
            # templates: a placeholder such as "{n}" must stay a placeholder
            for name_, value in row.attrib.items():
                if "{" in value or "}" in value:
                    row.set(name_, value.replace("{", "{{").replace("}", "}}"))
            var.append(row)


@functools.cache
def _compiled() -> etree.XSLT:
    path = stylesheet_path()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        doc = etree.parse(str(path), parser)
        _inject_tables(doc, path.parent)
        return etree.XSLT(doc, access_control=ACCESS)
    except (OSError, ValueError, etree.XMLSyntaxError, etree.XSLTParseError) as exc:
        raise EditioError(error(path, f"the edition stylesheet cannot be compiled: {exc}",
                                "E-XSLT-1")) from None


def _param(value: str):
    return etree.XSLT.strparam(value or "")


def run_xslt(tree: etree._ElementTree, context: BuildContext,
             default_lang: str = "en", where=None) -> tuple[etree._ElementTree, list]:
    """Apply the stylesheet; return the HTML tree and the diagnostics it reported.

    ``default_lang`` is the document language when the TEI declares none (a guess from
    its text, see :func:`editio.source.facts.document_language`). ``where`` is the TEI's
    :class:`~editio.source.positions.SourceMap`, to place the stylesheet's warnings
    (made here when a warning needs it and none is given).
    """
    xslt = _compiled()
    ids.mark(tree)   # the anchors every output shares, read by the stylesheet
    tokens.join_punctuation(tree)
    tokens.join_line_end_marks(tree)
    tokens.join_word_parts(tree)
    tokens.part_adjacent_words(tree)
    verse.mark_split_lines(tree)
    try:
        result = xslt(
            tree,
            **{
                "default-lang": _param(default_lang),
                "header-guess": _param(facts.header_language(tree.getroot())),
                "editio-version": _param(context.editio_version),
                "edition-name": _param(context.name),
                "base-url": _param(context.base_url),
                "build-date": _param(context.build_date),
            },
        )
    except etree.XSLTApplyError as exc:
        raise EditioError(error(context.source_path, f"the transformation failed: {exc}",
                                "E-XSLT-2")) from None
    diagnostics = []
    for entry in xslt.error_log:
        message = entry.message.strip()
        located = _LOCATED_WARNING.match(message)
        if located:
            if where is None:
                from ..source.positions import SourceMap

                where = SourceMap(context.source_path, tree)
            line, column = _element_at(tree, located.group(1), where)
            diagnostics.append(warning(context.source_path, located.group(2).strip(), "W-XSLT-1",
                                       line, column))
        elif message.startswith(WARNING_PREFIX):
            diagnostics.append(warning(context.source_path, message[len(WARNING_PREFIX):].strip(),
                                       "W-XSLT-1"))
        elif message:
            diagnostics.append(warning(context.source_path, message, "W-XSLT-2"))
    if result.getroot() is None:
        raise EditioError(error(context.source_path, "the transformation produced no document",
                                "E-XSLT-3"))
    return result, diagnostics


#: A warning of the stylesheet that says where its element is (core.xsl, element-path).
_LOCATED_WARNING = re.compile(r"^editio-warning\[([0-9.]*)\]:(.*)$", re.S)


def _element_at(tree: etree._ElementTree, path: str, where) -> tuple[int, int]:
    """Line and column of the element at ``path`` (positions among element children from
    the root, "1.2.5"), or (0, 0) when the path leads nowhere."""
    el = tree.getroot()
    for step in filter(None, path.split(".")):
        children = [c for c in el if isinstance(c.tag, str)]
        index = int(step) - 1
        if not 0 <= index < len(children):
            return 0, 0
        el = children[index]
    return where.start(el)


def _safe_href(name: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "image"
    candidate, n = f"images/{stem}", 1
    while candidate in taken:
        n += 1
        base, dot, ext = stem.rpartition(".")
        candidate = f"images/{base}-{n}.{ext}" if dot else f"images/{stem}-{n}"
    taken.add(candidate)
    return candidate


#: Where the TEI names an image, written on its ``img`` by :func:`transform_text` (so that
#: a hub from the cache still knows it) and taken off by :func:`collect_images`.
SOURCE_AT = "data-editio-at"


def mark_image_sources(tree: etree._ElementTree, html: etree._Element, path: Path) -> None:
    """Put on each ``img`` the line and column of the first ``graphic`` with its address."""
    from ..source.positions import SourceMap

    imgs = [img for img in html.iter("img") if img.get("src") is not None]
    if not imgs:
        return
    where, first = SourceMap(path, tree), {}
    for el in tree.getroot().iter("{http://www.tei-c.org/ns/1.0}graphic",
                                  "{http://www.tei-c.org/ns/1.0}media",
                                  "{http://www.tei-c.org/ns/1.0}pb"):
        name = "facs" if el.tag == "{http://www.tei-c.org/ns/1.0}pb" else "url"
        url = el.get(name)
        if url is not None and url.strip() not in first:
            first[url.strip()] = (el, name)   # a page's facs is the image of its facsimile view
    for img in imgs:
        found = first.get(img.get("src"))
        if found is not None:
            el, name = found
            line, column = where.attribute(el, name) if name == "facs" else where.start(el)
            img.set(SOURCE_AT, f"{line}:{column}")


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: Page images (a pb's facs) that are not shown, listed one by one; the rest are counted.
MAX_PAGE_IMAGE_WARNINGS = 3


def _identifier(src: str) -> bool:
    """Whether a facsimile reference names a page in some project's own scheme rather
    than an image file or address (a drive letter of a Windows path is no scheme)."""
    match = _SCHEME.match(src)
    return bool(match) and len(match.group(1)) > 1 and match.group(1).lower() not in (
        "http", "https", "file", "ftp", "data")


def collect_images(root: etree._Element, source_path: Path,
                   store: resources_module.Store | None = None) -> tuple[dict[str, Path], list]:
    """Resolve every ``img/@src`` against the TEI file's folder.

    Only image files inside that folder are published (see :mod:`.resources`: no URL, no
    path leading out, no symbolic link out, the content what its suffix says, an SVG
    cleaned of scripts and references), each as ``images/NAME`` from a checked copy in
    ``store``; anything else becomes a visible placeholder and a warning at its
    ``graphic``, because an edition must not fetch from the network nor give away a file
    of the machine, nor silently drop a figure.
    """
    resources: dict[str, Path] = {}
    by_path: dict[Path, str] = {}
    refused: dict[Path, str] = {}
    taken: set[str] = set()
    diagnostics = []
    reported: set[str] = set()
    store = store if store is not None else resources_module.Store()
    base = source_path.resolve().parent
    unshown_pages: list[tuple[str, str]] = []
    for img in list(root.iter("img")):
        src = (img.get("src") or "").strip()
        line, _, column = (img.attrib.pop(SOURCE_AT, None) or "0:0").partition(":")
        problem, code = None, "W-IMG-2"
        try:
            path = resources_module.locate(src, base)
            if path in refused:
                raise resources_module.Refused(refused[path])
            if path not in by_path:
                try:
                    data = resources_module.check(resources_module.read(path), path.suffix)
                except resources_module.Refused as exc:
                    refused[path] = str(exc)
                    raise
                href = _safe_href(posixpath.basename(path.name), taken)
                by_path[path] = href
                resources[href] = store.add(data, href, path)
            img.set("src", by_path[path])
            continue
        except resources_module.Refused as exc:
            problem = str(exc)
            if problem == "was not found":
                code = "W-IMG-1"
        facsimile = img.getparent() if "facs-image" in (img.get("class") or "").split() else None
        if facsimile is not None and _identifier(src):
            # a page's facs naming the page in another project's scheme ("tcp:185229:1",
            # EEBO-TCP's page images): no image was meant to be shown here
            hub_tree.remove_keep_tail(facsimile)
            continue
        if src not in reported:
            reported.add(src)
            instead = ("the page is shown without it" if facsimile is not None
                       else "a placeholder is shown instead in every format")
            if facsimile is None or len(unshown_pages) < MAX_PAGE_IMAGE_WARNINGS:
                diagnostics.append(warning(source_path, f"image '{src}' {problem}; {instead} (put "
                                           "the image file beside the TEI file and refer to it by a "
                                           "relative path)", code, int(line), int(column)))
            if facsimile is not None:
                unshown_pages.append((line, column))
        if facsimile is not None and facsimile.getparent() is not None:
            # a page's facsimile is only an image: without it the page has none (the
            # facsimile view shows the text alone there); no words enter the text
            hub_tree.remove_keep_tail(facsimile)
            continue
        lang = root.get("lang")
        placeholder = etree.Element("span")
        placeholder.set("class", "img-missing")
        placeholder.set("role", "img")
        alt = img.get("alt") or ""
        missing = i18n.label("image-missing", lang)
        placeholder.set("aria-label", f"{missing}: {alt}" if alt else missing)
        # an image on the web is named by its file and linked: its whole address in the
        # running text ("[…: https://raw.githubusercontent.com/…/KR1319.png]") buried the line
        remote = src.startswith(("https://", "http://"))
        name = alt or src
        if remote and not alt:
            name = posixpath.basename(src.split("?")[0].split("#")[0].rstrip("/")) or src
        placeholder.text = f"[{i18n.label('image-not-available', lang)}: "
        if remote:
            link = etree.SubElement(placeholder, "a", href=src)
            link.text = name
            link.tail = "]"
        else:
            placeholder.text += f"{name}]"
        placeholder.tail = img.tail
        img.getparent().replace(img, placeholder)
    if len(unshown_pages) > MAX_PAGE_IMAGE_WARNINGS:
        line, column = unshown_pages[MAX_PAGE_IMAGE_WARNINGS]
        diagnostics.append(warning(source_path, f"{len(unshown_pages) - MAX_PAGE_IMAGE_WARNINGS} "
                                   "more page images are not shown, for the same reason (not listed "
                                   "one by one)", "W-IMG-2", int(line), int(column)))
    return resources, diagnostics


def to_hub(tree: etree._ElementTree, context: BuildContext) -> Hub:
    """TEI tree → :class:`Hub` (HTML tree + metadata + resources + diagnostics)."""
    html, metadata, diagnostics = transform_text(tree, context)
    return with_resources(html, metadata, diagnostics, context)


def transform_text(tree: etree._ElementTree, context: BuildContext):
    """What the TEI alone decides: (hub HTML tree, metadata, the transform's messages).

    This part depends on nothing but the TEI and the stylesheets, so it can be cached."""
    from ..source.positions import SourceMap

    root = tree.getroot()
    where = SourceMap(context.source_path, tree)
    pointed = pointers.read_as_meant(tree, context.source_path, where)
    pointed += spans.spans_as_elements(tree, context.source_path, where)
    html, diagnostics = run_xslt(tree, context, facts.document_language(root), where)
    diagnostics = pointed + diagnostics
    refused = links.sanitize(html.getroot())
    diagnostics += links.refused_in_tei(tree, context.source_path, where, refused)
    mark_image_sources(tree, html.getroot(), context.source_path)
    diagnostics += math.typeset_tex(html.getroot(), tree, context.source_path, where)
    hub_tree.collapse_spaces(html.getroot())
    hub_tree.tidy_layout_spaces(html.getroot())
    hub_tree.join_wide_lines(html.getroot())
    hub_tree.bind_dandas(html.getroot())
    hub_tree.number_parts(html.getroot())
    hub_tree.surface_note_calls(html.getroot())
    hub_tree.attach_lone_calls(html.getroot())
    hub_tree.dedent_examples(html.getroot())
    hub_tree.part_adjacent_note_calls(html.getroot())
    citations.tidy_citations(html.getroot())
    hub_tree.interface_directions(html.getroot(),
                                  i18n.primary(html.getroot().get("lang")) in i18n.supported())
    metadata = metadata_module.from_hub(html.getroot(), facts.content_identifier(root))
    return html, metadata, diagnostics


def with_resources(html: etree._ElementTree, metadata, diagnostics: list, context: BuildContext) -> Hub:
    """The hub, with the files it points to found on disk (never cached: they may change)."""
    store = resources_module.Store()
    resources, image_diagnostics = collect_images(html.getroot(), context.source_path, store)
    hub = Hub(
        tree=html,
        metadata=metadata,
        context=context,
        diagnostics=diagnostics + image_diagnostics,
        resources=resources,
        inputs=[Path(context.source_path).resolve(), *store.origins],
    )
    # the checked copies live as long as the hub (or the process) does
    weakref.finalize(hub, store.remove)
    return hub
