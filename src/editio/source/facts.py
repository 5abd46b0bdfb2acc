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
    "da": "og i at det en af den til er som på de med han ikke der var mig sig men har om havde hvad".split(),
    "nb": "og i det at en den til er som på de med han av ikke der var meg seg men har om hadde hva".split(),
    "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag från".split(),
    "pl": "i w na z do się nie że to jest o jak ale po co tak za od jego już był przez dla czy".split(),
    "cs": "a se na v je že to s z do o jako ale jsem by jsou pro k po tak který jeho byl jsme".split(),
    "hu": "a az és hogy nem is egy van meg de ki csak már el volt mint még azt ha ez".split(),
    "fi": "ja on ei se että oli hän en mutta niin kun ole jo sen kuin hänen joka nyt mitä ovat".split(),
    "ro": "și în de la cu nu a pe se că o din care este un mai ce fost lui sunt".split(),
    "ca": "de la i el que a en les els del per un una amb no es com al va seu".split(),
    "tr": "ve bir bu da de için ile ne o çok gibi daha ama sonra kadar ben var olan değil".split(),
    "hr": "i je u da se na za su od a ne što kao iz ali bi sam ili kad".split(),
    "sl": "in je v da se na za so ki z pa ne bi tudi sem kot ali iz".split(),
}


# Scripts that name their language well enough (ranges of code points → language): a
# Chinese text has no function words to count, nor spaces between its words.
_SCRIPTS = (
    ((0x3040, 0x30FF), "ja"),      # kana: Japanese, even beside its kanji
    ((0xAC00, 0xD7AF), "ko"), ((0x1100, 0x11FF), "ko"),
    ((0x4E00, 0x9FFF), "zh"), ((0x3400, 0x4DBF), "zh"), ((0x20000, 0x2FA1F), "zh"),
    ((0x0590, 0x05FF), "he"), ((0x0600, 0x06FF), "ar"), ((0x0400, 0x04FF), "ru"),
    ((0x0370, 0x03FF), "el"), ((0x1F00, 0x1FFF), "el"),
)


# Letters of one Cyrillic alphabet only: a text using them is in that language, not Russian.
_CYRILLIC_OWN = (("uk", set("їєґЇЄҐ")), ("sr", set("ђћџјљњЂЋЏЈЉЊ")))


def _script_language(text: str) -> str | None:
    """The language the letters' script names, when most letters are in one such script
    (kana anywhere in a text of ideographs makes it Japanese)."""
    letters = [ord(c) for c in text if c.isalpha()]
    if len(letters) < 20:
        return None
    counts: dict[str, int] = {}
    for cp in letters:
        for (lo, hi), lang in _SCRIPTS:
            if lo <= cp <= hi:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts.get("ja", 0) >= len(letters) // 20 and counts.get("ja", 0) + counts.get("zh", 0) > len(letters) // 2:
        return "ja"
    best = max(counts, key=counts.get, default=None)
    if best == "ru":
        for lang, own in _CYRILLIC_OWN:
            if sum(1 for c in text if c in own) >= max(3, counts["ru"] // 200):
                return lang
    return best if best is not None and counts[best] > len(letters) // 2 else None


_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*|\S+@\S+\.\S+")

#: Languages written in the Latin script (a stated one of these on a text written in
#: another script is no statement about the text).
_LATIN_SCRIPT = frozenset("""en de fr it es pt nl la da sv no nb nn fi is pl cs sk sl hr hu ro ca
    tr lt lv et ga cy eu gl oc af sq mt""".split())


def _text_sample(root, limit: int = 20000) -> str:
    """The first characters of the text, for the script (read lazily: a novel is not
    walked whole for it)."""
    text = root.find(".//{http://www.tei-c.org/ns/1.0}text")
    if text is None:
        return ""
    pieces, length = [], 0
    for piece in text.itertext():
        pieces.append(piece)
        length += len(piece)
        if length >= limit:
            break
    return "".join(pieces)


# A text given with its translation (a letter's original, then the translation beside
# it): its language is the original's.
_ORIGINAL = ("//t:text/t:body[t:div[@type = 'translation']]/t:div[not(@type = 'translation')][1]"
             "//text()[not(ancestor::t:note)]")


def guess_language(root, sample_words: int = 3000) -> str | None:
    """The language of the text by its script (Chinese, Japanese, Korean, Hebrew, Arabic,
    Cyrillic, Greek), else by its function words; None when the text is too short."""
    words: list[str] = []
    pieces: list[str] = []
    length = 0
    texts = root.xpath(_ORIGINAL, namespaces=NS) or root.xpath("//t:text//text()[not(ancestor::t:note)]", namespaces=NS)
    for piece in texts:
        pieces.append(str(piece))
        length += len(pieces[-1])
        words.extend(_words_of(pieces[-1]))
        if len(words) >= sample_words or length >= 20 * sample_words:
            break
    by_script = _script_language("".join(pieces))
    if by_script:
        return by_script
    return _language_of_words(words)


def _words_of(text: str) -> list[str]:
    """The words of a text, lower case, for the function-word count (an address's parts
    are no words: ".ac.at" is no Danish "at")."""
    return re.findall(r"[^\W\d_]+", _ADDRESS.sub(" ", text.lower()))


def _language_of_words(words: list[str]) -> str | None:
    """The language whose function words these are, or None (too few words, no clear one)."""
    if len(words) < 40:
        return None
    # a function word of several languages ("de", "i", "en") counts for each of them by
    # its share: the words of one language only (Danish "af", "mig" beside Norwegian
    # "av", "meg") decide between neighbours
    # (a word of one letter is weak evidence: "u" is Croatian's "in" and a ledger's sign
    # for a thousand, 129 times in a Spanish account book)
    counts = {lang: 0.0 for lang in _STOPWORDS}
    for word in words:
        langs = _LANGUAGES_OF_WORD.get(word)
        if langs:
            weight = (0.25 if len(word) == 1 else 1.0) / len(langs)
            for lang in langs:
                counts[lang] += weight
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    # (function words are a fifth or more of any text in a language the table has; three
    # chance hits in sixty words of Old English made it Czech)
    weighed = sum(0.25 if len(word) == 1 else 1.0 for word in words)
    return best if counts[best] >= max(3, 0.06 * weighed) else None


_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _word in set(_words):
        _LANGUAGES_OF_WORD[_word] = (*_LANGUAGES_OF_WORD.get(_word, ()), _lang)


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Languages an edition's own words are not written in, though the labels table has
#: them: a Latin text edited today is introduced in a modern language.
_CLASSICAL = frozenset({"la"})


def header_language(root) -> str:
    """The language of the header's own words, when the file states a classical language
    on its text only (``<text xml:lang="la">``, nothing on TEI or teiHeader): guessed from
    those words, else English; '' in every other case (the header's language is then the
    one stated, or the text's). A Latin commentary edited in English had its title page,
    contents and imprint in Latin ("Depromere", "Factum cum editio")."""
    header = root.find("{http://www.tei-c.org/ns/1.0}teiHeader")
    if root.get(_XML_LANG) or header is None or header.get(_XML_LANG):
        return ""
    if i18n.primary(i18n.bcp47(declared_language(root))) not in _CLASSICAL:
        return ""
    guess = _language_of_words(_words_of(" ".join(header.itertext()))[:3000])
    return guess if guess and guess not in _CLASSICAL else "en"


def declared_language(root) -> str:
    """The language the file states on its text: TEI/@xml:lang, text/@xml:lang, or the
    body's first part's (a letter's original before its translation); else ''."""
    for path in ("/*/@xml:lang", "/*/t:text/@xml:lang", "//t:text/@xml:lang",
                 "/*/t:text/t:body/*[1]/@xml:lang"):
        found = root.xpath(path, namespaces=NS)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return ""


def document_language(root) -> str:
    """The language stated on the text as a BCP 47 tag; else, of the languages langUsage
    lists, the one the text is guessed to be in; else the guess (a list of the languages
    the text quotes); else the first listed; else 'en'.

    Many published TEI files state no language on the text: CBETA's canon lists English
    (its header's) before Chinese (its text's). Calling a German letter or a Chinese
    sutra English would mislead screen readers, hyphenation and e-readers alike.
    """
    stated = i18n.bcp47(declared_language(root))
    if stated:
        # (a language written in the Latin script stated on a text in another script, an
        # Arabic commentary under xml:lang="en", is the template's, not the text's: the
        # script decides, for direction, fonts and hyphenation)
        if i18n.primary(stated) in _LATIN_SCRIPT:
            script = _script_language(_text_sample(root))
            if script and script not in _LATIN_SCRIPT:
                return script
        return stated
    listed = [i18n.bcp47(str(v).strip()) for v in root.xpath(
        "/*/t:teiHeader/t:profileDesc/t:langUsage/t:language/@ident", namespaces=NS)]
    listed = [tag for tag in listed if tag]
    if len(listed) == 1:
        return listed[0]     # nothing to choose: the text is not read for a guess
    guess = guess_language(root)
    if listed:
        # (the list may name only the languages quoted in the text: an English novel that
        # lists French, Hebrew, Italian and Latin is English, by its own words)
        return next((tag for tag in listed if guess and i18n.primary(tag) == guess), guess or listed[0])
    return guess or "en"


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


