"""The one id scheme of every output: the anchors of elements that have no xml:id.

A paragraph, a name, a note… without ``xml:id`` still needs a stable anchor, identical in
the web edition, the EPUB, the citations and the TEI written back for reuse. Python
numbers them once, before the transform, and marks each element with ``editio:id``;
the XSLT uses that mark (constructs/core, ``id-value``) and the TEI export writes the
same values as ``xml:id``.

Python also numbers the paragraphs of the text (``editio:para``), the citable "¶ 12" of
every output: the ``p`` and ``ab`` inside ``text`` and outside notes, in document order.
(Numbered in XSLT, the lookup cost a seventh of the transform.)

``NAME-N``: N is the element's 1-based position among the same-named TEI elements inside
``text`` and ``standOff`` (in document order, examples of markup left out), so that an
edit of the header never renumbers the text. Elements of the header get ``NAME-hN``.
"""

from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
EDITIO_NS = "urn:editio"
MARK = f"{{{EDITIO_NS}}}id"
PARA = f"{{{EDITIO_NS}}}para"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: The TEI elements that get an anchor when they have no xml:id.
NAMES = frozenset("""p ab div div1 div2 div3 div4 div5 div6 div7 group text floatingText sp stage move
    lg l list table figure castList choice sic corr supplied persName placeName orgName name rs geogName
    title quote q said cit listBibl bibl biblStruct biblFull msDesc note app pb opener closer postscript
    epigraph argument listPerson listPlace listOrg person personGrp place org""".split())


def assign(root: etree._Element) -> dict[etree._Element, str]:
    """element → generated id, for every element of :data:`NAMES` without xml:id."""
    scoped: dict[str, int] = {}
    header: dict[str, int] = {}
    out: dict[etree._Element, str] = {}
    _walk(root, False, scoped, header, out)
    taken = set(root.xpath("//@xml:id"))
    for el, ident in out.items():
        while ident in taken:   # the source already uses this name for something else
            ident += "-x"
        out[el] = ident
        taken.add(ident)
    return out


_TEI_OPEN = f"{{{TEI_NS}}}"
_TEI_PREFIX = len(_TEI_OPEN)
_EXAMPLES_OPEN = "{http://www.tei-c.org/ns/Examples}"


def _walk(el, inside: bool, scoped, header, out) -> None:
    for child in el.iterchildren(etree.Element):
        if not child.tag.startswith(_TEI_OPEN):
            # an example of markup (egXML) is not the text's; another vocabulary's wrapper
            # (DHQ's dhq:abstract) holds TEI that is: its paragraphs had no ids of their
            # own, and took those of the text's ("p-3" twice)
            if not child.tag.startswith(_EXAMPLES_OPEN):
                _walk(child, inside, scoped, header, out)
            continue
        name = child.tag[_TEI_PREFIX:]
        here = inside or name in ("text", "standOff")
        if name in NAMES:
            counts = scoped if here else header
            counts[name] = counts.get(name, 0) + 1
            if child.get(XML_ID) is None:
                out[child] = f"{name}-{counts[name]}" if here else f"{name}-h{counts[name]}"
        _walk(child, here, scoped, header, out)


def mark(tree: etree._ElementTree) -> None:
    """Put each generated id on its element as ``editio:id`` and each paragraph's number
    as ``editio:para`` (both read by the XSLT). An ``xml:id`` written with spaces around
    it (``"AgAna_1 "``) is the id without them, as the xml:id Recommendation normalises
    it: an HTML id has no spaces, and ``#AgAna_1`` points to it."""
    root = tree.getroot()
    for el in _SPACED_IDS(root):
        el.set(XML_ID, " ".join(el.get(XML_ID).split()))
    for el, ident in assign(root).items():
        el.set(MARK, ident)
    for n, el in enumerate(paragraphs(root), 1):
        el.set(PARA, str(n))


def paragraphs(root: etree._Element) -> list[etree._Element]:
    """The paragraphs (``p``, ``ab``) of the running text, in document order."""
    return _PARAGRAPHS(root)


_SPACED_IDS = etree.XPath("//*[@xml:id != normalize-space(@xml:id)]")

# (not those of a note, a figure's caption or a table's cell, nor those another vocabulary
# wraps, DHQ's abstract: they are no paragraphs of the running text that a reader cites
# by number)
_PARAGRAPHS = etree.XPath("//tei:text//*[self::tei:p or self::tei:ab][not(ancestor::tei:note or ancestor::tei:figure"
                          " or ancestor::tei:cell or ancestor::*[not(self::tei:*)])]",
                          namespaces={"tei": TEI_NS})

