"""teiHeader → one :class:`~editio.model.Metadata` record used by every writer.

The header is read once; HTML ``<meta>``, the EPUB package document and the PDF's
Info/XMP all say the same thing because they are filled from this one record.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from lxml import etree

from ..model import Metadata

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


# The commonest function words of the languages TEI texts are most often written in.
# Enough to tell them apart on a few hundred words; used only when a file declares nothing.
_STOPWORDS = {
    "en": "the and of to a in that is was he for it with as his on be at by had not but".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch".split(),
    "fr": "le la les de et des en un une du que est dans qui pour pas au sur il ne se".split(),
    "it": "di e il la che in un per non una del della le si con da sono gli al".split(),
    "es": "de la que el en y los del se las por un para con no una su al lo como".split(),
    "la": "et in est non ad cum quod ut sed qui quae per ex enim autem esse sunt etiam nec".split(),
    "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als bij".split(),
    "pt": "de a o que e do da em um para com não uma os no se na por mais as dos".split(),
}


def guess_language(root, sample_words: int = 3000) -> str | None:
    """The language of the text by its function words, or None when the text is too short."""
    words: list[str] = []
    for piece in root.xpath("//t:text//text()[not(ancestor::t:note)]", namespaces=NS):
        words.extend(re.findall(r"[^\W\d_]+", str(piece).lower()))
        if len(words) >= sample_words:
            break
    if len(words) < 40:
        return None
    counts = {lang: 0 for lang in _STOPWORDS}
    sets = {lang: set(ws) for lang, ws in _STOPWORDS.items()}
    for word in words:
        for lang, vocabulary in sets.items():
            if word in vocabulary:
                counts[lang] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] >= max(5, len(words) // 50) else None


def declared_language(root) -> str:
    """The language the file states: TEI/@xml:lang, text/@xml:lang or langUsage; else ''."""
    for path in ("/*/@xml:lang", "/*/t:text/@xml:lang", "//t:text/@xml:lang",
                 "/*/t:teiHeader/t:profileDesc/t:langUsage/t:language/@ident"):
        found = root.xpath(path, namespaces=NS)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return ""


def document_language(root) -> str:
    """The declared language, else a guess from the text's function words, else 'en'.

    Many published TEI files declare no language; calling a German letter English would
    mislead screen readers, hyphenation and e-readers alike.
    """
    return declared_language(root) or guess_language(root) or "en"


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
