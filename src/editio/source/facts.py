"""What editio learns from a TEI file before rendering it: its language (declared, or
guessed from its words when it declares none) and a content identifier.

The hub's metadata (title, authors, licence...) is read from the header by the XSLT
(constructs/header) and from the hub by :mod:`editio.hub.metadata`; these two facts are
the source's own, passed to the transform.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from .. import i18n

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}

# A fixed namespace for editio identifiers: uuid5(namespace, content digest) is stable.
EDITIO_NAMESPACE = uuid.UUID("6f3c1a52-3e4e-5b8a-9d51-2c0f5a7e9b10")


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
    """The declared language as a BCP 47 tag, else a guess from the text's function
    words, else 'en'.

    Many published TEI files declare no language; calling a German letter English would
    mislead screen readers, hyphenation and e-readers alike.
    """
    return i18n.bcp47(declared_language(root)) or guess_language(root) or "en"


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


