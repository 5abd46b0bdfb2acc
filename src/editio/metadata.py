"""teiHeader → one :class:`~editio.model.Metadata` record used by every writer.

The header is read once; HTML ``<meta>``, the EPUB package document and the PDF's
Info/XMP all say the same thing because they are filled from this one record.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from lxml import etree

from .model import Metadata

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# A fixed namespace for editio identifiers: uuid5(namespace, content digest) is stable.
EDITIO_NAMESPACE = uuid.UUID("6f3c1a52-3e4e-5b8a-9d51-2c0f5a7e9b10")


def _text(node) -> str:
    """The normalised text of an element (notes inside titles are skipped)."""
    if node is None:
        return ""
    text = "".join(node.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS))
    return re.sub(r"\s+", " ", text).strip()


_NOT_NAME = {"idno", "email", "affiliation", "note", "address", "ptr", "ref"}


def _name(node) -> str:
    """A person's or organisation's name: forename and surname spaced, ids and emails left out."""
    words = []

    def walk(el):
        if el.text:
            words.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif etree.QName(child).localname not in _NOT_NAME:
                words.append(" ")
                walk(child)
                words.append(" ")
            if child.tail:
                words.append(child.tail)

    walk(node)
    return re.sub(r"\s+", " ", "".join(words)).strip().rstrip(",;")


def _names(root, path) -> list[str]:
    seen, out = set(), []
    for node in root.xpath(path, namespaces=NS):
        value = _name(node)
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


def _first(root, *paths) -> str:
    for path in paths:
        for node in root.xpath(path, namespaces=NS):
            value = node if isinstance(node, str) else _text(node)
            value = re.sub(r"\s+", " ", value).strip()
            if value:
                return value
    return ""


def _all(root, path) -> list[str]:
    seen, out = set(), []
    for node in root.xpath(path, namespaces=NS):
        value = _text(node) if not isinstance(node, str) else re.sub(r"\s+", " ", node).strip()
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


def document_language(root) -> str:
    """TEI/@xml:lang, else text/@xml:lang, else the first langUsage language, else 'en'."""
    for path in ("/*/@xml:lang", "/*/t:text/@xml:lang", "//t:text/@xml:lang",
                 "/*/t:teiHeader/t:profileDesc/t:langUsage/t:language/@ident"):
        found = root.xpath(path, namespaces=NS)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return "en"


def content_identifier(root) -> str:
    """A urn:uuid that depends only on the document's bytes-independent content.

    Derived from the canonical text of the header title and the whole <text>, so the
    same edition gets the same identifier on every build and every machine.
    """
    digest = hashlib.sha256()
    for piece in root.xpath("//t:titleStmt/t:title//text() | //t:text//text()", namespaces=NS):
        digest.update(str(piece).encode("utf-8"))
        digest.update(b"\x00")
    return f"urn:uuid:{uuid.uuid5(EDITIO_NAMESPACE, digest.hexdigest())}"


def from_tei(tree: etree._ElementTree) -> Metadata:
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    header = "/*/t:teiHeader"
    title_stmt = f"{header}/t:fileDesc/t:titleStmt"
    titles = root.xpath(f"{title_stmt}/t:title", namespaces=NS)
    main = [t for t in titles if t.get("type") in (None, "main")] or titles
    title = _text(main[0]) if main else ""
    subtitle = ""
    for t in titles:
        if t.get("type") == "sub":
            subtitle = _text(t)
            break
    editors = _names(root, f"{title_stmt}/t:editor")
    if not editors:
        editors = _names(
            root,
            f"{title_stmt}/t:respStmt[contains(translate(t:resp, 'EDITNCOG', 'editncog'), 'edit')"
            f" or contains(translate(t:resp, 'ENCODIG', 'encodig'), 'encod')]"
            f"/*[self::t:name or self::t:persName or self::t:orgName]",
        )
    licence_url = _first(root, f"{header}/t:fileDesc/t:publicationStmt//t:licence/@target")
    licence = _first(
        root,
        f"{header}/t:fileDesc/t:publicationStmt//t:licence",
        f"{header}/t:fileDesc/t:publicationStmt/t:availability",
    )
    return Metadata(
        title=title or "Untitled",
        subtitle=subtitle,
        authors=_names(root, f"{title_stmt}/t:author"),
        editors=editors,
        language=document_language(root),
        publisher=_first(
            root,
            f"{header}/t:fileDesc/t:publicationStmt/t:publisher",
            f"{header}/t:fileDesc/t:publicationStmt/t:authority",
            f"{header}/t:fileDesc/t:publicationStmt/t:distributor",
        ),
        licence=licence,
        licence_url=licence_url,
        date=_first(
            root,
            f"{header}/t:fileDesc/t:publicationStmt/t:date/@when",
            f"{header}/t:fileDesc/t:publicationStmt/t:date",
        ),
        source=_first(
            root,
            f"{header}/t:fileDesc/t:sourceDesc/t:bibl",
            f"{header}/t:fileDesc/t:sourceDesc/t:biblStruct",
            f"{header}/t:fileDesc/t:sourceDesc/t:p",
            f"{header}/t:fileDesc/t:sourceDesc",
        ),
        description=_first(
            root,
            f"{header}/t:encodingDesc/t:projectDesc/t:p",
            f"{header}/t:profileDesc/t:abstract",
        ),
        subjects=_all(root, f"{header}/t:profileDesc/t:textClass/t:keywords/t:term"),
        identifier=content_identifier(root),
    )
