"""The TEI edition of the seed thread is faithful to its source and internally consistent.

An edition can silently lose or invent text while still being valid TEI. These tests
derive two readings from the encoding, as a reader of the edition would see them, and
hold them against the plain-text source:

* the diplomatic reading (the source's side of every ``choice``; no notes, no speaker
  labels or other supplied text, no header or back matter) must contain exactly the
  words of the source, in order;
* the corrected reading must differ from it only where an editorial correction is
  marked, one differing region per correction.

They also check the things a renderer relies on: every ``#pointer`` resolves, names point
to register entries of the right kind, every quotation names its source, and every
paragraph-level element has a stable ``xml:id``.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).parents[1]
EDITION = ROOT / "tei" / "stalin-hitler-1942-thread.xml"
SEED = ROOT / "seeds" / "stalin-hitler-1942-thread.txt"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Content that is the editor's and never the source's: the header, notes, text
# supplied by the editor (speaker labels among it) and the apparatus in <back>.
EDITORIAL = {"teiHeader", "note", "supplied", "back"}
# Pairs of alternatives inside <choice>: source reading -> editorial reading.
ALTERNATIVES = {"sic": "corr", "orig": "reg", "abbr": "expan"}
SOURCE_SIDE = set(ALTERNATIVES)
EDITOR_SIDE = set(ALTERNATIVES.values())

# A word is a maximal run of letters and digits (so "Stalin’s" is "Stalin", "s").
WORD = re.compile(r"[^\W_]+")

ISO_DATE = re.compile(r"^(-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?|--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$")
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@pytest.fixture(scope="module")
def tree() -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(EDITION), parser)


@pytest.fixture(scope="module")
def ids(tree) -> dict[str, etree._Element]:
    return {el.get(XML_ID): el for el in tree.iter() if isinstance(el.tag, str) and el.get(XML_ID)}


def reading_text(tree: etree._ElementTree, version: str) -> tuple[str, list[object]]:
    """Characters of one reading of <text>, each with the <choice> element it comes from (or None).

    ``version`` is "diplomatic" (the source's alternative of each choice) or "corrected"
    (the editor's). Outside a choice, a source-side element (a bare <sic>) is source text
    in both readings and an editor-side element (a bare <corr>) is editorial text, kept
    only in the corrected reading.
    """
    assert version in ("diplomatic", "corrected")
    chars: list[str] = []
    origin: list[object] = []

    def emit(text: str | None, choice: object) -> None:
        if text:
            chars.extend(text)
            origin.extend([choice] * len(text))

    def walk(el: etree._Element, choice: object) -> None:
        name = local(el)
        in_choice = el.getparent() is not None and local(el.getparent()) == "choice"
        dropped = (
            not isinstance(el.tag, str)
            or name in EDITORIAL
            or (name in EDITOR_SIDE and version == "diplomatic")
            or (name in SOURCE_SIDE and in_choice and version == "corrected")
        )
        if not dropped:
            if name == "choice":
                choice = el
            emit(el.text, choice)
            for child in el:
                walk(child, choice)
        emit(el.tail, choice)

    text = tree.getroot().find(f"{{{TEI_NS}}}text")
    assert text is not None, "the edition has no <text>"
    emit(text.text, None)
    for child in text:
        walk(child, None)

    return "".join(chars), origin


def reading(tree: etree._ElementTree, version: str) -> list[tuple[str, frozenset]]:
    """Words of one reading of <text>, each with the set of <choice> elements it comes from."""
    joined, origin = reading_text(tree, version)
    return [
        (m.group(), frozenset(o for o in origin[m.start():m.end()] if o is not None))
        for m in WORD.finditer(joined)
    ]


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def words_of(el: etree._Element) -> list[str]:
    return WORD.findall("".join(el.itertext()))


def test_edition_is_utf8_tei(tree):
    assert tree.docinfo.encoding.upper() == "UTF-8"
    assert tree.getroot().tag == f"{{{TEI_NS}}}TEI"


def test_diplomatic_reading_holds_every_word_of_the_source(tree):
    source = WORD.findall(SEED.read_text(encoding="utf-8"))
    diplomatic = [w for w, _ in reading(tree, "diplomatic")]
    assert len(source) > 500, "the seed text was not read"
    if diplomatic != source:
        diff = "\n".join(difflib.unified_diff(source, diplomatic, "source", "diplomatic", lineterm="", n=3))
        pytest.fail(f"diplomatic reading differs from the source:\n{diff}")


def test_diplomatic_reading_keeps_the_source_typography(tree):
    """Beyond words: quotation marks, dashes, "--", ". . .", "= = =" and " :" survive as written.

    Only whitespace is normalised (runs collapsed to one space): paragraph breaks of the
    source become markup, and dropped notes leave their surrounding spaces behind.
    """
    source = collapse(SEED.read_text(encoding="utf-8"))
    diplomatic = collapse(reading_text(tree, "diplomatic")[0])
    if diplomatic != source:
        ops = [op for op in difflib.SequenceMatcher(None, source, diplomatic, autojunk=False).get_opcodes()
               if op[0] != "equal"]
        _, i1, i2, j1, j2 = ops[0]
        pytest.fail(f"{len(ops)} difference(s); first: source {source[i1 - 20:i2 + 20]!r} "
                    f"vs diplomatic {diplomatic[j1 - 20:j2 + 20]!r}")


def test_corrected_reading_differs_exactly_at_the_marked_corrections(tree):
    diplomatic = reading(tree, "diplomatic")
    corrected = reading(tree, "corrected")
    changing = {
        choice
        for choice in tree.iter(f"{{{TEI_NS}}}choice")
        if choice.find(f"{{{TEI_NS}}}sic") is not None
        and words_of(choice.find(f"{{{TEI_NS}}}sic")) != words_of(choice.find(f"{{{TEI_NS}}}corr"))
    }
    assert changing, "the edition marks no correction that changes words"

    matcher = difflib.SequenceMatcher(None, [w for w, _ in diplomatic], [w for w, _ in corrected], autojunk=False)
    regions = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    touched = []
    for tag, i1, i2, j1, j2 in regions:
        tokens = diplomatic[i1:i2] + corrected[j1:j2]
        origins = {frozenset(o) for _, o in tokens}
        context = " ".join(w for w, _ in diplomatic[max(0, i1 - 4):i2 + 4])
        assert len(origins) == 1 and len(next(iter(origins))) == 1, (
            f"{tag} region not inside exactly one <choice>: …{context}…"
        )
        touched.append(next(iter(next(iter(origins)))))
    assert len(touched) == len(set(touched)), "one correction produced several differing regions"
    assert set(touched) == changing
    assert len(regions) == len(changing)


def test_xml_ids_are_unique(tree):
    seen: dict[str, int] = {}
    for el in tree.iter():
        if isinstance(el.tag, str) and el.get(XML_ID):
            seen[el.get(XML_ID)] = seen.get(el.get(XML_ID), 0) + 1
    assert not {k: n for k, n in seen.items() if n > 1}


def test_every_local_pointer_resolves(tree, ids):
    unresolved = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            for token in value.split():
                if token.startswith("#") and token[1:] not in ids:
                    unresolved.append(f"line {el.sourceline}: {local(el)}/@{etree.QName(attr).localname}={token}")
    assert not unresolved, unresolved
    pointers = [t for el in tree.iter() if isinstance(el.tag, str)
                for a in ("ref", "who", "source", "corresp", "target") for t in (el.get(a) or "").split()
                if t.startswith("#")]
    assert len(pointers) > 50


def test_paragraph_level_elements_have_ids(tree):
    text = tree.getroot().find(f"{{{TEI_NS}}}text")
    missing = [
        f"line {el.sourceline}: {local(el)}"
        for el in text.iter()
        if local(el) in {"p", "sp", "quote", "div", "ab", "seg", "lg", "listBibl", "choice"} and not el.get(XML_ID)
    ]
    missing += [
        f"line {el.sourceline}: {local(el)}"
        for el in tree.iter()
        if local(el) in {"note", "bibl", "person", "place", "org"} and not el.get(XML_ID)
    ]
    assert not missing, missing


def test_names_point_to_register_entries_of_their_kind(tree, ids):
    kinds = {"persName": "person", "placeName": "place", "orgName": "org"}
    text = tree.getroot().find(f"{{{TEI_NS}}}text")
    wrong = []
    count = 0
    for el in text.iter(*(f"{{{TEI_NS}}}{n}" for n in kinds)):
        count += 1
        ref = el.get("ref", "")
        target = ids.get(ref[1:]) if ref.startswith("#") else None
        if target is None or local(target) != kinds[local(el)]:
            wrong.append(f"line {el.sourceline}: {local(el)} ref={ref!r}")
    assert count > 40
    assert not wrong, wrong


def test_every_contribution_has_a_participant_and_an_editorial_label(tree, ids):
    speeches = list(tree.iter(f"{{{TEI_NS}}}sp"))
    assert [sp.get(XML_ID) for sp in speeches] == ["post1", "post2", "post3"]
    for sp in speeches:
        who = sp.get("who", "")
        assert who.startswith("#") and local(ids[who[1:]]) == "person", sp.get(XML_ID)
        assert sp.get("cert"), f"{sp.get(XML_ID)}: the inferred attribution has no @cert"
        evidence = [n for n in sp.iter(f"{{{TEI_NS}}}note") if n.get("target") == f"#{sp.get(XML_ID)}"]
        assert evidence, f"{sp.get(XML_ID)}: no note gives the evidence for the attribution"
        # A speaker label the source does not have must be wholly supplied text.
        for speaker in sp.iter(f"{{{TEI_NS}}}speaker"):
            own = (speaker.text or "") + "".join(
                (child.tail or "") + ("" if local(child) == "supplied" else "".join(child.itertext()))
                for child in speaker
            )
            assert not own.strip(), f"{sp.get(XML_ID)}: speaker label outside <supplied>: {own!r}"


def test_every_quotation_names_its_source(tree, ids):
    quotes = list(tree.iter(f"{{{TEI_NS}}}quote"))
    assert quotes
    for quote in quotes:
        source = quote.get("source", "")
        parent = quote.getparent()
        in_cit = local(parent) == "cit" and (
            parent.find(f"{{{TEI_NS}}}bibl") is not None or parent.find(f"{{{TEI_NS}}}biblStruct") is not None
        )
        assert source or in_cit, f"line {quote.sourceline}: quote without a source"
        for token in source.split():
            assert token.startswith("#") and token[1:] in ids, f"line {quote.sourceline}: {token}"


def test_quotation_of_an_earlier_contribution_matches_the_passage(tree, ids):
    """A quotation pointing into the text must reproduce the passage it points to."""
    inner = [q for q in tree.iter(f"{{{TEI_NS}}}quote")
             if q.get("source", "")[1:] in ids and local(ids[q.get("source")[1:]]) not in {"bibl", "biblStruct"}]
    assert inner, "no quotation of an earlier contribution is encoded"
    for quote in inner:
        assert words_of(quote) == words_of(ids[quote.get("source")[1:]])


def test_dates_are_iso_8601(tree):
    bad = [
        f"line {el.sourceline}: {local(el)}/@{attr}={el.get(attr)}"
        for el in tree.iter()
        if isinstance(el.tag, str)
        for attr in DATE_ATTRIBUTES
        if el.get(attr) is not None and local(el) in {"date", "birth", "death", "change"}
        and not ISO_DATE.match(el.get(attr))
    ]
    assert not bad, bad
