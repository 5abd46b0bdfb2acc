"""Layered validation: every rule fires where it should, and nowhere else.

Each file in fixtures/invalid/ marks the lines at fault with a comment
``<!-- expect CODE ... -->``; the test compares those marks with what
:func:`editio.validate.validate` reports, line by line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from editio.diagnostics import sort
from editio.source import validate as validation

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
INVALID = TESTS / "fixtures" / "invalid"
CORPUS = TESTS / "fixtures" / "corpus"
SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"

#: Corpus files written for TEI P5 itself (not for a project schema): editio's grammar admits them.
TEI_CONFORMANT = [
    "ss-generalP5.xml",
    "ss-bibliography1.xml",
    "ss-notes1.xml",
    "ss-quotations1.xml",
    "ss-structure1.xml",
    "drama-shake-hamlet.xml",
    "letter-escher-K0176.xml",
]
#: ELTeC novels carry header elements of their own namespace: grammar warnings, no errors.
FOREIGN = ["eltec-eng-small.xml"]

SCHEMATRON_CODES = {
    "E-PTR-1", "E-ID-1", "E-DATE-1", "E-QUOTE-1", "E-LANG-1", "E-PB-1", "E-FIG-1",
    "E-HDR-1", "E-HDR-2", "E-HDR-3", "E-HDR-4", "E-HDR-5", "E-HDR-6", "E-TEXT-1",
}


def expected(path: Path) -> set[tuple[int, str]]:
    marks = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.search(r"<!-- expect ((?:E-[A-Z]+-\d+\s*)+)-->", line)
        if match:
            marks.update((number, code) for code in match.group(1).split())
    return marks


INVALID_FILES = sorted(INVALID.glob("*.xml"))


def test_fixtures_cover_every_rule():
    covered = {code for path in INVALID_FILES for _, code in expected(path)}
    assert SCHEMATRON_CODES | {"E-RNG-1"} <= covered


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_rule_fires_on_the_marked_lines_only(path):
    found = validation.validate(path)
    reported = {(d.line, d.code) for d in found}
    assert reported == expected(path), "\n".join(d.format() for d in found)
    assert all(d.is_error and d.file == str(path) and d.column >= 1 for d in found)
    assert all(d.message and ";" in d.message for d in found), "every message says what to do"


def test_columns_point_at_the_element():
    found = validation.validate(INVALID / "ptr-unresolved.xml")
    lines = (INVALID / "ptr-unresolved.xml").read_text(encoding="utf-8").splitlines()
    for d in found:
        assert lines[d.line - 1][d.column - 1:].startswith(("<persName", "<ref")), d.format()


def test_all_problems_in_one_run_sorted():
    path = INVALID / "many-problems.xml"
    found = validation.validate(path)
    codes = {d.code for d in found}
    assert {"E-ID-1", "E-DATE-1", "E-PTR-1", "E-FIG-1", "E-RNG-1"} <= codes
    assert found == sort(found)
    assert [(d.line, d.column) for d in found] == sorted((d.line, d.column) for d in found)


def test_schematron_runs_even_when_grammar_fails():
    found = validation.validate(INVALID / "date-invalid.xml")
    assert {"E-RNG-1", "E-DATE-1"} <= {d.code for d in found}


def test_lenient_mode_keeps_duplicate_ids_as_errors():
    found = validation.validate(INVALID / "many-problems.xml", strict=False)
    severity = {(d.line, d.code): d.severity for d in found}
    assert severity[(22, "E-ID-1")] == "error"
    assert severity[(24, "E-ID-1")] == "error"
    assert severity[(23, "E-RNG-1")] == "warning"
    assert severity[(23, "E-DATE-1")] == "warning"
    assert severity[(24, "E-PTR-1")] == "warning"
    assert severity[(25, "E-FIG-1")] == "warning"


def test_loading_failure_is_returned_not_raised(tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader></TEI>\n', encoding="utf-8")
    found = validation.validate(bad)
    assert found and found[0].code == "E-XML-1" and found[0].line == 1


def test_tree_given_is_used(tmp_path):
    """A caller that already loaded the tree passes it, and its content is what is checked."""
    from editio.source import load as source

    tree = source.load(INVALID / "figure-nodesc.xml")
    for figure in tree.iter("{http://www.tei-c.org/ns/1.0}figure"):
        desc = etree.SubElement(figure, "{http://www.tei-c.org/ns/1.0}figDesc")
        desc.text = "added in memory"
    assert validation.validate(INVALID / "figure-nodesc.xml", tree) == []


def test_seed_edition_is_valid_in_strict_mode():
    assert SEED.exists()
    found = validation.validate(SEED, strict=True)
    assert found == [], "\n".join(d.format() for d in found)


def test_every_project_tei_file_is_valid_in_strict_mode():
    files = sorted((REPO / "tei").glob("*.xml"))
    assert SEED in files
    for path in files:
        found = validation.validate(path, strict=True)
        assert found == [], "\n".join(d.format() for d in found)


@pytest.mark.parametrize("name", TEI_CONFORMANT + FOREIGN)
def test_corpus_is_valid_without_errors_when_lenient(name):
    path = CORPUS / name
    assert path.exists(), f"{path} is missing"
    found = validation.validate(path, strict=False)
    assert [d for d in found if d.is_error] == []


@pytest.mark.parametrize("name", TEI_CONFORMANT)
def test_tei_conformant_corpus_matches_the_grammar(name):
    path = CORPUS / name
    assert path.exists(), f"{path} is missing"
    found = validation.validate(path, strict=True)
    assert [d.format() for d in found if d.code == "E-RNG-1"] == []


@pytest.mark.parametrize("name", FOREIGN)
def test_foreign_header_elements_are_grammar_warnings(name):
    found = validation.validate(CORPUS / name, strict=False)
    grammar = [d for d in found if d.code == "E-RNG-1"]
    assert grammar and all(d.severity == "warning" for d in grammar)
    assert any("authorGender" in d.message for d in grammar)


def test_grammar_rejects_what_tei_rejects():
    """The customisation is a grammar, not a pass-through: a misplaced header fails."""
    tree = etree.fromstring(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>'
    )
    assert not validation.relaxng().validate(tree)


def test_schemas_compile_once():
    """Compiled once per process (how long that takes: make bench)."""
    validation.relaxng.cache_clear()
    validation.schematron.cache_clear()
    first = validation.relaxng()
    rules = validation.schematron()
    assert validation.relaxng() is first and validation.schematron() is rules


def test_a_text_annotated_word_by_word_is_valid():
    """The linguistic attributes TEI gives w and pc (lemma, pos, msd, join) are part of the
    schema: a tagged corpus text is not one warning per word."""
    tei = TESTS / "golden" / "transcription" / "tokenised.xml"
    assert validation.validate(tei, strict=True) == []


def test_a_message_repeated_in_a_file_is_printed_at_its_first_places_then_summed_up():
    from editio.diagnostics import condensed, warning

    many = [warning("a.xml", "attribute @reg is not allowed on <w>", "E-RNG-1", line, 5)
            for line in range(10, 20)]
    other = warning("a.xml", "something else", "E-RNG-1", 12, 1)
    shown = condensed([*many, other])
    assert [d.line for d in shown] == [10, 11, 12, 12, 13]
    assert shown[-1].message.startswith("7 more times (lines 13, 14, 15, 16, 17, 18, 19):")
    assert condensed(many[:4]) == many[:4]      # one more place is shown, not summed up


def test_dates_in_iso_and_custom_calendars_are_valid(tmp_path):
    """TEI's att.datable.iso and att.datable.custom (when-iso, notBefore-custom…) are part
    of the schema; a letter edition dating with them gets no warning to remove them."""
    text = (TESTS / "golden" / "transcription" / "tokenised.xml").read_text(encoding="utf-8")
    tei = tmp_path / "dated.xml"
    tei.write_text(text.replace("<p>", '<p><date when-iso="1909-09" notBefore-custom="1909-08-20" '
                                'datingMethod="#julian">September 1909</date> ', 1), encoding="utf-8")
    assert [d.format() for d in validation.validate(tei, strict=True)] == []


def test_a_texts_citation_structure_is_valid(tmp_path):
    """A text cited by its parts says how in refsDecl: the older refState (Perseus: book,
    chapter, section, each with its delimiter) and P5's citeStructure (DTS, CTS); both are
    TEI, and a classical text was told to remove them."""
    text = (TESTS / "golden" / "transcription" / "tokenised.xml").read_text(encoding="utf-8")
    tei = tmp_path / "cited.xml"
    declared = ('<encodingDesc><refsDecl n="CTS"><refState unit="book" delim="."/>'
                '<refState unit="chapter" delim="."/><refState unit="section"/></refsDecl>'
                '<refsDecl><citeStructure unit="book" match="/TEI/text/body/div" use="@n" delim=" ">'
                '<citeStructure unit="section" match="div" use="@n" delim="."/></citeStructure></refsDecl>'
                '</encodingDesc>')
    assert "</fileDesc>" in text and "<encodingDesc" not in text
    tei.write_text(text.replace("</fileDesc>", "</fileDesc>" + declared, 1), encoding="utf-8")
    assert [d.format() for d in validation.validate(tei, strict=True)] == []
