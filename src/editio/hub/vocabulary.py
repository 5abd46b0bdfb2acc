"""The hub's vocabulary: the element sets and class names every writer relies on.

``styles/HUB.md`` is the contract in prose; this module is the same contract in names,
so that a writer never spells a class or re-lists the HTML block elements itself. When
the XSLT renames a class, this file and HUB.md change with it, and every writer follows.
"""

from __future__ import annotations

from lxml import etree

# --- HTML element sets -------------------------------------------------------------------

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that are blocks in HTML (they hold flow content or are flow content themselves).
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}) | HEADINGS
#: Blocks that hold other blocks (a call standing between blocks sits in one of these).
CONTAINERS = frozenset({"article", "aside", "blockquote", "body", "dd", "div", "figure", "footer",
                        "header", "li", "main", "nav", "section", "td", "th"})
#: Elements that are interactive: nothing interactive may be nested inside them.
INTERACTIVE = frozenset({"a", "audio", "button", "details", "label", "select", "summary",
                         "textarea", "video"})
#: The namespace of a formula's MathML (the hub writes it in no namespace, as HTML does;
#: the EPUB and pandoc's output put it in this one), in lxml's {uri} form.
MATHML = "{http://www.w3.org/1998/Math/MathML}"
#: Elements that never carry reading text (a formula's annotation is its TeX source).
NON_TEXT = frozenset({"script", "style", "template", "noscript", "link", "meta", "head", "annotation"})

# --- the hub's own sections (body children; select them by class, ids may be prefixed) ------

TITLEPAGE = "titlepage"
IMPRINT = "imprint"
TOC = "toc"
TEXT = "text"                 # main.text
NOTES = "notes"
PARTICIPANTS = "participants"
REGISTER = "register"
INDEX = "index"               # section.index: the index the text's own entries (tei:index) make
INDEX_ENTRY = "index-entry"   # li.index-entry: its places only (a sub-entry is an li of its own)
INTERVENTIONS = "interventions"
ABOUT = "about"
BIBLIOGRAPHY = "bibliography"  # section.bibliography or div.bibliography, anywhere
APPARATUS_SECTIONS = (NOTES, PARTICIPANTS, REGISTER, INDEX, INTERVENTIONS, ABOUT)

# --- classes ------------------------------------------------------------------------------

NOTE = "note"                  # aside.note[role=doc-footnote]: a note body in section.notes
NOTEREF = "noteref"            # a.noteref[role=doc-noteref]: a note call
BACKLINK = "backlink"          # a.backlink: from an apparatus entry back to the text
LOCATOR = "locator"            # a.locator: a link whose text only says where (a number)
PB = "pb"                      # span.pb[role=doc-pagebreak]: a page break of the source
PB_NUMBER = "pb-n"             # span.pb-n: the number the source gives a page
LB = "lb"                      # span.lb / br.lb: a line break of the source
LINENO = "lineno"              # span.lineno: a line number
CHOICE = "choice"              # span.choice: an editorial choice
EDITED_READINGS = frozenset({"corr", "reg", "expan"})
SOURCE_READINGS = frozenset({"sic", "orig", "abbr"})
#: Shown in the web edition's diplomatic view only: not reading text (forme work, the
#: source readings of a choice, deletions). Books and exports leave it out.
DIPLOMATIC_ONLY = "diplomatic-only"
#: span.facs > img.facs-image after a page break: the image of the page, shown beside the
#: text in the web edition's facsimile view only. Books and exports leave it out.
FACSIMILE = "facs"
SP = "sp"
SPEAKER = "speaker"
STAGE = "stage"
LG = "lg"
L = "l"
QUOTE_SOURCE = "quote-source"  # a.quote-source: the link from a quotation to its source
EDITORIAL = "editorial"        # text the editor adds (source labels, headings for untitled parts)
DOWNLOADS = "downloads"        # p.downloads on the title page: web only
WEB_ONLY = frozenset({DOWNLOADS, "skip-link", "toolbar", "permalink"})


def classes(el: etree._Element) -> set[str]:
    """The element's HTML classes."""
    return set((el.get("class") or "").split())


def has_class(el: etree._Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


def section(root: etree._Element, name: str) -> etree._Element | None:
    """One of the hub's own sections (titlepage, toc, text, notes, register…) by class."""
    body = root.find("body") if root.tag == "html" else root
    if body is None:
        return None
    for child in body:
        if isinstance(child.tag, str) and has_class(child, name):
            return child
    return None


def is_diplomatic_only(el: etree._Element) -> bool:
    return has_class(el, DIPLOMATIC_ONLY)
