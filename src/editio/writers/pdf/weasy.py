"""The WeasyPrint internals editio relies on, in one place: those that laying a book out
in parallel needs, the import of WeasyPrint itself (:func:`load`), the print copy given
to it as a tree rather than as text to parse (:func:`html_document`), the hooks that keep a
page's footnotes with their calls and make drawn text copy as it is written
(:func:`text_as_written`), and the writing of a tagged PDF in time linear in its pages,
its content streams deflated at zlib's default level (:func:`writing`).

Parallel layout (:mod:`.parallel`) keeps WeasyPrint's layout context to rebuild the
margin boxes of a part's pages with the book's page numbers, opens a page group that
began in an earlier part, and nests the outline of all parts by WeasyPrint's own rules.
None of that is WeasyPrint's public API: it is used only here, and
:func:`missing_internals` checks that every piece exists before parallel layout starts.
When one is missing (another WeasyPrint release), the book is laid out in one process,
with a warning, instead of failing.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
import zlib
from contextlib import contextmanager

#: module → attributes parallel layout uses
INTERNALS = {
    "weasyprint.document": ("layout_document",),
    "weasyprint.layout": ("make_margin_boxes", "layout_backgrounds"),
    "weasyprint.layout.page": ("_update_page_groups", "make_margin_boxes"),
    "weasyprint.layout.background": ("layout_backgrounds",),
    "weasyprint.formatting_structure.boxes": ("MarginBox",),
    "weasyprint.anchors": ("make_page_bookmark_tree",),
    "weasyprint.matrix": ("Matrix",),
}


def load() -> None:
    """Import WeasyPrint without the library search it does not need on Linux.

    WeasyPrint opens each native library (GObject, Pango, HarfBuzz, fontconfig) by
    trying up to six names, the Windows and macOS ones first. cffi answers every name
    it cannot open by ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p``
    and then a compiler and a linker: about 0.25 s of every PDF build went to looking
    for ``libgobject-2.0-0``. The last names WeasyPrint tries are the Linux sonames,
    which the dynamic loader opens by itself; so the search is skipped while WeasyPrint
    is imported, and if the libraries cannot be opened that way the import is done
    again with it (WeasyPrint then prints its own advice).
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        importlib.import_module("weasyprint")
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        importlib.import_module("weasyprint")
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search
    importlib.import_module("weasyprint")


#: Elements whose content an HTML parser would not give back as the tree has it: raw
#: text and foreign content, tables (a row outside a row group gets a tbody), and a
#: pre or textarea (a first newline is dropped).
_REPARSED = ("table", "svg", "math", "template", "script", "noscript", "textarea", "pre",
             "listing", "xmp", "plaintext", "iframe", "noembed", "noframes", "select",
             "frameset", "form", "button", "object", "image", "isindex")
#: Start tags that end an open paragraph in an HTML parser.
_BLOCKS_ENDING_P = ("address", "article", "aside", "blockquote", "center", "details", "dialog",
                    "dir", "div", "dl", "dd", "dt", "fieldset", "figcaption", "figure", "footer",
                    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
                    "menu", "nav", "ol", "p", "search", "section", "summary", "ul")


@functools.cache
def _misnested():
    """Whether a tree holds what an HTML parser would nest otherwise (a paragraph ended
    by a block start tag, a link in a link, a heading in a heading, a list item directly
    in a list item), an element of :data:`_REPARSED`, a comment or a processing
    instruction: an XPath compiled once."""
    from lxml import etree

    blocks = " or ".join(f"self::{t}" for t in _BLOCKS_ENDING_P)
    heads = " or ".join(f"self::h{i}" for i in range(1, 7))
    reparsed = " or ".join(f"self::{t}" for t in _REPARSED)
    return etree.XPath(
        f"boolean(//p//*[{blocks}] | //a//a | //*[{heads}]//*[{heads}] | //li/li"
        f" | //*[{reparsed}] | //comment() | //processing-instruction())")


def element_tree(root):
    """The tree WeasyPrint's HTML parser (tinyhtml5) makes of ``root`` serialised as HTML,
    built from ``root`` directly; None when ``root`` holds what a parser would build
    otherwise (see :data:`_REPARSED`, :func:`_misnested`, carriage returns and NULs).

    Serialising the print copy and parsing it again took 1.6 s of every layout of a
    900-page novel (plain WeasyPrint pays it too); copying the tree takes 0.04 s."""
    import xml.etree.ElementTree as ET

    if root.tag != "html" or _misnested()(root):
        return None
    out = ET.Element("html", dict(root.attrib))
    stack = [(root, out)]
    while stack:
        source, made = stack.pop()
        for child in source:
            tag = child.tag
            if not isinstance(tag, str) or ":" in tag or "{" in tag:
                return None
            copy = ET.SubElement(made, tag, dict(child.attrib))
            copy.text, copy.tail = child.text, child.tail
            stack.append((child, copy))
    for text in root.itertext():
        if "\r" in text or "\x00" in text:
            return None
    # whitespace before <head> and around <body> is dropped or kept by the parser
    if out.text is not None and not out.text.strip():
        out.text = None
    return out


def html_document(root, base_url: str, url_fetcher):
    """WeasyPrint's ``HTML`` of the print copy ``root``: built from the tree itself
    (:func:`element_tree`), or, where a parser would build another tree, from ``root``
    serialised and parsed as WeasyPrint does."""
    import cssselect2
    import weasyprint
    from lxml import etree

    tree = element_tree(root) if _html_fields() == _HTML_FIELDS else None
    if tree is None:
        text = etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
        return weasyprint.HTML(string=text, base_url=base_url, url_fetcher=url_fetcher)
    html = weasyprint.HTML.__new__(weasyprint.HTML)
    html.base_url = weasyprint._find_base_url(tree, base_url)
    html.url_fetcher = url_fetcher
    html.media_type = "print"
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
    html.etree_element = html.wrapper_element.etree_element
    return html


#: What :func:`html_document` sets on WeasyPrint's ``HTML``: all that its constructor sets
#: (another WeasyPrint release that sets more, or lacks ``_find_base_url``, gets the copy
#: parsed instead).
_HTML_FIELDS = frozenset({"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"})


@functools.cache
def _html_fields() -> frozenset:
    import weasyprint

    if not hasattr(weasyprint, "_find_base_url"):
        return frozenset()
    return frozenset(vars(weasyprint.HTML(string="<p>x</p>")))


def missing_internals() -> str:
    """'' when every internal is there, else the first missing one ('module.name')."""
    load()
    for module, names in INTERNALS.items():
        try:
            found = importlib.import_module(module)
        except ImportError:
            return module
        for name in names:
            if not hasattr(found, name):
                return f"{module}.{name}"
    return ""


@contextmanager
def captured_layout():
    """Keep WeasyPrint's layout context, which the margin boxes are rebuilt from."""
    import weasyprint.document as wdoc

    original = wdoc.layout_document
    contexts = []

    def layout_document(html, root_box, context, *args, **kwargs):
        contexts.append(context)
        return original(html, root_box, context, *args, **kwargs)

    wdoc.layout_document = layout_document
    try:
        yield contexts
    finally:
        wdoc.layout_document = original


@contextmanager
def main_group_continues():
    """A part after the first opens inside <main>, whose page group (``page: text``)
    began pages earlier in the book. WeasyPrint would open only the chapter's group on
    the part's first page, and a new ``text`` group when the chapter ends (a page of
    carried-over notes would then match ``:nth(1 of text)``); open the ``text`` group on
    the first page as one already running."""
    import weasyprint.layout.page as wpage

    original = wpage._update_page_groups

    def update(page_groups, resume_at, next_page, root_box, blank):
        name = original(page_groups, resume_at, next_page, root_box, blank)
        if resume_at is None and not blank:
            found = _main_box_path(root_box)
            if found is not None:
                path, page_name = found
                if page_name and page_name != "auto" and not any(g[0] == page_name for g in page_groups):
                    page_groups.insert(0, [page_name, 1, path])
        return name

    wpage._update_page_groups = update
    try:
        yield
    finally:
        wpage._update_page_groups = original


def _main_box_path(root_box):
    for i, body in enumerate(getattr(root_box, "children", ())):
        if body.element_tag != "body":
            continue
        for j, box in enumerate(getattr(body, "children", ())):
            if box.element_tag == "main":
                return {i: {j: None}}, box.style["page"]
    return None


@contextmanager
def margin_boxes_later():
    """Within this block, WeasyPrint lays pages out without their margin boxes (folios,
    running heads) and page backgrounds: a part's or the frame's pages get them from
    :func:`refolio` once the book's page numbers are known, so the first ones were made
    for nothing (a 900-page novel in six parts: every margin box made twice)."""
    import weasyprint.layout as wlayout

    original = wlayout.make_margin_boxes, wlayout.layout_backgrounds
    wlayout.make_margin_boxes = lambda context, page, state: ()
    wlayout.layout_backgrounds = lambda page, get_image_from_uri: None
    try:
        yield
    finally:
        wlayout.make_margin_boxes, wlayout.layout_backgrounds = original


def refolio(document, context, offsets: list[int]) -> None:
    """Rebuild the margin boxes (folios, running heads) of every page with the page
    counter moved by ``offsets[i]``: the body of the pages is not touched."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.layout.page import make_margin_boxes

    for i, page in enumerate(document.pages):
        box = page._page_box
        state = context.page_maker[i + 1][3]
        counters = state[1]
        if "page" in counters and offsets[i]:
            counters["page"] = [value + offsets[i] for value in counters["page"]]
        context.current_page = i + 1
        kept = [c for c in box.children if not isinstance(c, boxes.MarginBox)]
        box.children = tuple(kept + list(make_margin_boxes(context, box, state)))
        layout_backgrounds(box, context.get_image_from_uri)


def page_bookmark_tree(page, skipped, last_by_depth, previous, number, height):
    """One page's bookmarks added to the outline tree, as WeasyPrint nests them."""
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    matrix = Matrix(a=0.75, d=-0.75, f=height * 0.75)
    return make_page_bookmark_tree(page, skipped, last_by_depth, previous, number, matrix)


class _NotesStay:
    """``LayoutContext.in_column``, read as true where a paragraph's line overflows the
    page (``weasyprint.layout.block._linebox_layout``); elsewhere its real value.

    When a line overflows a page and widows and orphans forbid breaking before it,
    WeasyPrint 70 makes room by sending the page's last footnotes on to the next page,
    away from their calls (it does not in columns: ``report = not context.in_column …``).
    Read as in a column there, WeasyPrint breaks the paragraph as widows and orphans
    allow, or moves it to the next page, and every note stays on its call's page. The
    note repairs of :func:`.render.render` used to do the same after the fact, by laying
    the book out again."""

    def __init__(self, code):
        self.code = code

    def __get__(self, context, owner=None):
        if context is None:
            return self
        value = context.__dict__.get("in_column", False)
        return value or sys._getframe(1).f_code is self.code

    def __set__(self, context, value):
        context.__dict__["in_column"] = value


@contextmanager
def notes_stay_with_their_calls():
    """Within this block, WeasyPrint never sends a page's footnotes on to make room for
    a line (see :class:`_NotesStay`); without the internals it needs, nothing changes
    (the note repairs then do the work)."""
    try:
        from weasyprint.layout import LayoutContext
        from weasyprint.layout.block import _linebox_layout
    except ImportError:
        yield
        return
    if "in_column" in LayoutContext.__dict__:       # already in force (nested use)
        yield
        return
    LayoutContext.in_column = _NotesStay(_linebox_layout.__code__)
    try:
        yield
    finally:
        del LayoutContext.in_column


def _marked_clusters(stream, textbox) -> bool:
    """Map the glyphs of clusters with combining marks to their own characters, before
    WeasyPrint draws the line; return whether the line has left-to-right clusters of
    several glyphs or glyphs out of reading order (whose text only ActualText gives).

    WeasyPrint maps a glyph to its cluster's text the first time it draws it; a cluster
    of several glyphs (a lam-alef ligature with its tanwin: one spacing glyph and a
    zero-width one) gave its whole text to one glyph and nothing to the other, and the
    map holds one text per glyph for the whole book: every later bare lam-alef copied
    with a tanwin ("امتلًاك" for "امتلاك"). When a cluster is one spacing glyph and a
    zero-width glyph per combining mark, the spacing glyph stands for the letters and
    each zero-width glyph for its mark. A virama is no such mark: the zero-width glyph
    of a Devanagari conjunct is a letter's form (the reph of "र्म"), so those clusters,
    like all others, are left to WeasyPrint.
    """
    import unicodedata

    from weasyprint.text.ffi import ffi, pango

    layout = textbox.pango_layout
    first_line, _ = layout.get_first_line()
    run = first_line.runs[0] if first_line.runs != ffi.NULL else ffi.NULL
    text = None
    complex_ltr = False
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyphs = glyph_item.glyphs
        count = glyphs.num_glyphs
        if count < 2:
            continue
        clusters = ffi.unpack(glyphs.log_clusters, count)
        item = glyph_item.item
        rtl = item.analysis.level % 2
        distinct = len(set(clusters)) == count
        if not rtl and not (distinct and all(a < b for a, b in zip(clusters, clusters[1:]))):
            complex_ltr = True
        if distinct:
            continue            # one glyph per cluster: WeasyPrint maps them right
        infos = glyphs.glyphs
        groups: dict[int, list[int]] = {}
        for i, start in enumerate(clusters):
            groups.setdefault(start, []).append(i)
        starts = sorted(groups)
        ends = dict(zip(starts, [*starts[1:], item.length]))
        text = text if text is not None else layout.text.encode()
        font = None
        for start, members in groups.items():
            if len(members) < 2:
                continue
            # decomposed: a letter the font draws as letter and mark (alef with hamza
            # below, U+0625, as alef and U+0655) has its mark glyph too
            raw = text[item.offset + start:item.offset + ends[start]]
            cluster = unicodedata.normalize("NFD", raw.decode(errors="ignore"))
            if any(unicodedata.combining(c) == 9 for c in cluster):
                continue        # a virama: a conjunct, not a letter and its marks
            marks = [c for c in cluster if unicodedata.combining(c)]
            spacing = [i for i in members if infos[i].geometry.width != 0]
            zero = [i for i in members if infos[i].geometry.width == 0]
            if (not marks or len(spacing) != 1 or len(zero) != len(marks)
                    or any(infos[i].glyph == pango.PANGO_GLYPH_EMPTY
                           or infos[i].glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG for i in members)):
                continue
            font = font or stream.add_font(item.analysis.font)[0]
            if rtl:
                zero.reverse()          # right to left: the glyphs in visual order
            font.to_unicode.setdefault(infos[spacing[0]].glyph, unicodedata.normalize(
                "NFC", "".join(c for c in cluster if not unicodedata.combining(c))))
            for i, mark in zip(zero, marks):
                font.to_unicode.setdefault(infos[i].glyph, mark)
    return complex_ltr


#: Characters that shaping may draw as several glyphs, or out of reading order: combining
#: marks, and the scripts from Hebrew to Mongolian (Arabic, the Indic scripts, Thai,
#: Tibetan…), the other complex ones past U+A800, and the supplementary planes. A line
#: without any (Latin, Greek, Cyrillic, punctuation) is drawn one glyph per character.
_SHAPED = re.compile("[\u0300-\u036f\u0483-\u0489\u0590-\u1dff\u20d0-\u20ff\u2de0-\u2dff"
                     "\u302a-\u302f\u3099\u309a\ua66f-\ua67f\ua800-\uabff\ufb1d-\ufdff"
                     "\ufe20-\ufe2f\U00010000-\U0010ffff]")


#: A letter with a combining mark drawn over it (a DTA print's "bestim\u0303t", "u\u0364ber"): the
#: mark is placed by the font over the letter before it, and a reader of the page's text
#: (poppler) then finds a gap after it and reads "bestim\u0303 t". Such a left-to-right line
#: carries its text as ActualText too.
_MARKED_LETTER = re.compile("[^\\W\\d_][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
#: Right-to-left letters (Hebrew to NKo, the presentation forms): no ActualText for their lines.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


@contextmanager
def text_as_written():
    """Within this block, the glyphs of clusters with combining marks are mapped to their
    own characters (see :func:`_marked_clusters`), and a left-to-right line whose glyphs
    do not follow its characters one by one (Devanagari conjuncts and vowel signs drawn
    before their consonant, a letter drawn with its mark) carries its text as
    ``ActualText``. (Not right-to-left lines: poppler reads an ActualText right to left as
    if it were drawn left to right, and gives it backwards.)"""
    import pydyf
    import weasyprint.draw.text as wtext

    original = wtext.draw_first_line

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if text_overflow == "ellipsis" or block_ellipsis != "none" or not _SHAPED.search(textbox.text):
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        if not _marked_clusters(stream, textbox) and not (
                _MARKED_LETTER.search(textbox.text) and not _RIGHT_TO_LEFT.search(textbox.text)):
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        # (ActualText, PDF 32000-1 14.9.4: the line's text as written, for copying and
        # search; the glyphs of a conjunct or a reordered vowel sign stand for no
        # character of their own)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            stream.end_marked_content()

    wtext.draw_first_line = draw_first_line
    try:
        yield
    finally:
        wtext.draw_first_line = original


class _PageReferences:
    """``pydyf.PDF.page_references``, kept while no page is added.

    pydyf builds the tuple of every page's reference each time it is read, and
    WeasyPrint's tagging reads it once per tagged element (``pdf.page_references[n]``
    in ``weasyprint.pdf.tags``): writing a tagged book took time in pages × elements
    (a 253-page novel: 3.7 million references made for 15,000 tagged elements). The
    tuple is the same until a page is added (pages are only appended to ``Kids``), so it
    is kept by the length of ``Kids``."""

    def __init__(self, original):
        self.original = original

    def __get__(self, pdf, owner=None):
        if pdf is None:
            return self
        kids = pdf.pages["Kids"]
        kept = pdf.__dict__.get("_editio_page_references")
        if kept is None or kept[0] is not kids or kept[1] != len(kids):
            kept = (kids, len(kids), self.original.__get__(pdf, owner))
            pdf.__dict__["_editio_page_references"] = kept
        return kept[2]


class _Deflate:
    """pydyf's ``zlib`` with content streams deflated at zlib's default level, 6.

    pydyf compresses every page's content stream at level 9: three times the time of
    level 6 for streams 3 % smaller (the content streams of a 253-page novel, 7.8 MB:
    0.64 s and 1.06 MB at level 9, 0.21 s and 1.09 MB at level 6)."""

    LEVEL = 6
    compress = staticmethod(zlib.compress)

    @classmethod
    def compressobj(cls, level: int = -1, *args, **kwargs):
        return zlib.compressobj(min(level, cls.LEVEL) if level >= 0 else level, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(zlib, name)


@contextmanager
def writing():
    """The context every ``write_pdf`` of editio runs in: text copied as written
    (:func:`text_as_written`), page references built once per page count
    (:class:`_PageReferences`) and content streams deflated at level 6
    (:class:`_Deflate`). Without the pydyf internals these use, nothing changes."""
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if isinstance(original, property):
        pydyf.PDF.page_references = _PageReferences(original)
    deflate = getattr(pydyf, "zlib", None)
    if deflate is zlib:
        pydyf.zlib = _Deflate()
    try:
        with text_as_written():
            yield
    finally:
        if isinstance(original, property):
            pydyf.PDF.page_references = original
        if deflate is zlib:
            pydyf.zlib = zlib
