"""Schema diagnostics name the culprit at its own line, as jing does.

A battery of mutations of the seed edition, each made from the seed's own text:
unknown elements (in a paragraph, inside ``<hi>``, in the header, in another
namespace), known elements in the wrong place, unknown attributes, values the
schema refuses (of attributes and of elements), missing required children and
attributes, and text where none is allowed.  For each, editio must report one
diagnostic that names the culprit at the line where the mutation put it, never
a line 0, and nothing twice.

Two tiers check the same battery.  The fast tier knows where each mutation put
its culprit (the line of a mark in the mutated text) and needs no external
tool.  The oracle tier runs jing on the same file and requires editio to
report every one of jing's errors at jing's line, naming the same element or
attribute, and no schema error jing does not report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from editio.diagnostics import Diagnostic
from editio.source import validate as validation

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
RNG = REPO / "tei" / "schema" / "editio-tei.rng"


@dataclass(frozen=True)
class Mutation:
    """Replace the first match of ``pattern`` (a regular expression) by ``replacement``;
    the culprit then stands at the first ``mark`` from there, and is called ``name``
    (``@name`` for an attribute, ``#text`` for text)."""

    id: str
    pattern: str
    replacement: str
    mark: str
    name: str

    def apply(self, text: str) -> tuple[str, int, int]:
        """The mutated text and the line and column (from 1) of the culprit."""
        match = re.search(self.pattern, text, re.S)
        assert match, f"{self.id}: the seed no longer contains {self.pattern!r}"
        mutated = text[:match.start()] + match.expand(self.replacement) + text[match.end():]
        at = mutated.index(self.mark, match.start())
        line_start = mutated.rfind("\n", 0, at) + 1
        return mutated, mutated.count("\n", 0, at) + 1, at - line_start + 1


M = Mutation
MUTATIONS = [
    # Unknown elements: not TEI, misspelt, in another namespace; in text, in the header, between blocks.
    M("unknown-in-p", r'(<p xml:id="post1-p1">)', r"\1<frobnicate>x</frobnicate>", "<frobnicate", "frobnicate"),
    M("unknown-in-hi", r'(<p xml:id="post3-p1">)', r'\1<hi rend="italic">very <wibble>odd</wibble></hi> ',
      "<wibble", "wibble"),
    M("unknown-in-titleStmt", r'(<title type="sub">[^<]*</title>)', r"\1<subtitle>x</subtitle>", "<subtitle",
      "subtitle"),
    M("unknown-in-header-note", r"(Leader of the Soviet)", r"<b>x</b> \1", "<b>", "b"),
    M("unknown-in-body", r"(<body>)", r"\1\n      <chapter>x</chapter>", "<chapter", "chapter"),
    M("foreign-in-p", r'(<p xml:id="post2-p1">)', r'\1<x:mark xmlns:x="urn:example">x</x:mark>', "<x:mark",
      "mark"),
    M("misspelt-in-p", r'<persName ref="#mussolini">Mussolini</persName>',
      r'<persname ref="#mussolini">Mussolini</persname>', "<persname", "persname"),
    M("unknown-in-bibl", r'(<bibl xml:id="bibl-magenheimer" type="book">)', r"\1<publisherName>x</publisherName>",
      "<publisherName", "publisherName"),
    M("unknown-in-head", r'(<head xml:id="thread-head">)', r"\1<big>x</big>", "<big", "big"),
    # Known elements in the wrong place.
    M("p-in-head", r'(<head xml:id="thread-head">)', r"\1<p>x</p>", "<p>", "p"),
    M("div-in-p", r'(<p xml:id="post1-p2">)', r"\1<div><p>x</p></div>", "<div>", "div"),
    M("cell-in-body", r"(<body>)", r"\1\n      <cell>x</cell>", "<cell>", "cell"),
    M("titleStmt-in-p", r'(<p xml:id="post1-p3">)', r"\1<titleStmt><title>x</title></titleStmt>", "<titleStmt>",
      "titleStmt"),
    M("head-after-ab", r'(<ab type="separator"[^>]*>[^<]*</ab>)', r"\1\n          <head>Late</head>", "<head>Late",
      "head"),
    M("speaker-after-p", r'(Why was <persName ref="#hitler">Hitler</persName> so stupid\?</p>)',
      r"\1\n          <speaker>x</speaker>", "<speaker>x", "speaker"),
    M("item-in-p", r'(<p xml:id="post2-p2">)', r"\1<item>x</item>", "<item>", "item"),
    M("editionStmt-after-sourceDesc", r"(</sourceDesc>)", r"\1\n      <editionStmt><p>x</p></editionStmt>",
      "<editionStmt>", "editionStmt"),
    M("sourceDesc-before-publicationStmt", r"\s*<publicationStmt>.*?</publicationStmt>", "", "<sourceDesc>",
      "sourceDesc"),
    # Attributes the schema does not have, and values it refuses.
    M("attribute-on-p", r'<p xml:id="post1-p1">', r'<p xml:id="post1-p1" foo="bar">', 'foo="bar"', "@foo"),
    M("attribute-on-persName", r'<persName ref="#stalin">', r'<persName ref="#stalin" colour="red">', "colour=",
      "@colour"),
    M("attribute-on-TEI", r'<TEI xmlns="http://www.tei-c.org/ns/1.0"', r'\g<0> version2="5"', "version2=",
      "@version2"),
    M("attribute-in-header", r'<title type="main">', r'<title type="main" lang="en">', 'lang="en"', "@lang"),
    M("value-of-when", r'<date when="1939">', r'<date when="yesterday">', 'when="yesterday"', "@when"),
    M("value-of-level", r'<title level="m" ref="#bibl-magenheimer">', r'<title level="z" ref="#bibl-magenheimer">',
      'level="z"', "@level"),
    M("value-of-marks", r'<quotation marks="all">', r'<quotation marks="many">', 'marks="many"', "@marks"),
    M("content-of-gi", r"<gi>choice</gi>", r"<gi>two words</gi>", "two words", "gi"),
    # Required children and attributes missing.
    M("empty-titleStmt", r"<titleStmt>.*?</titleStmt>", r"<titleStmt></titleStmt>", "</titleStmt>", "titleStmt"),
    M("fileDesc-without-sourceDesc", r"\s*<sourceDesc>.*?</sourceDesc>", "", "</fileDesc>", "fileDesc"),
    M("empty-publicationStmt", r"<publicationStmt>.*?</publicationStmt>", r"<publicationStmt></publicationStmt>",
      "</publicationStmt>", "publicationStmt"),
    M("listOrg-without-org", r'(<listOrg xml:id="orgs">\s*<head>[^<]*</head>).*?(</listOrg>)', r"\1\n        \2",
      "</listOrg>", "listOrg"),
    M("language-without-ident", r'<language ident="en">', r"<language>", "<language>", "language"),
    # Text where the schema allows none.
    M("text-in-body", r"(<body>)", r"\1\n      Stray words.", "Stray", "#text"),
    M("text-in-sp", r'(<sp xml:id="post2"[^>]*>)', r"\1 stray words", "stray", "#text"),
    M("text-in-listPlace", r"(<head>Places named in the thread</head>)", r"\1 and more", "and more", "#text"),
]

#: Mutations on one line each, at places that do not interact: together they make one file
#: with many problems and unchanged line numbers.
TOGETHER = ["unknown-in-p", "attribute-on-TEI", "attribute-in-header", "value-of-level", "value-of-marks",
            "text-in-sp", "p-in-head", "language-without-ident", "unknown-in-hi", "item-in-p"]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def names(diagnostic: Diagnostic, name: str) -> bool:
    """Whether a message names the culprit: ``<x>`` or ``<prefix:x>``, ``@x``, or text."""
    if name == "#text":
        return diagnostic.message.startswith("text ")
    if name.startswith("@"):
        return re.search(r"@%s\b" % re.escape(name[1:]), diagnostic.message) is not None
    return re.search(r"<(?:[\w.-]+:)?%s>" % re.escape(name), diagnostic.message) is not None


def write(tmp_path: Path, mutation: Mutation) -> tuple[Path, int, int]:
    text, line, column = mutation.apply(seed_text())
    path = tmp_path / f"{mutation.id}.xml"
    path.write_text(text, encoding="utf-8")
    return path, line, column


def assert_sound(found: list[Diagnostic]) -> None:
    """Never a line 0, and nothing said twice."""
    assert all(d.line >= 1 and d.column >= 1 for d in found), "\n".join(d.format() for d in found)
    keys = [(d.line, d.column, d.message) for d in found]
    assert len(keys) == len(set(keys)), "\n".join(d.format() for d in found)


def jing_errors(path: Path, tools) -> list[tuple[int, str]]:
    """jing's errors as (line, culprit) with the culprit named as in :class:`Mutation`."""
    errors = []
    for message in tools.jing(RNG, path):
        match = re.search(r":(\d+):\d+: error: (.*)$", message)
        assert match, message
        line, text = int(match.group(1)), match.group(2)
        if text.startswith("text not allowed"):
            errors.append((line, "#text"))
            continue
        culprit = re.match(r'(?:value of |character content of )?(element|attribute) "([^"]+)"', text)
        assert culprit, message
        local = culprit.group(2).rpartition(":")[2]
        errors.append((line, ("@" if culprit.group(1) == "attribute" else "") + local))
    return errors


# --- the battery, fast tier ---------------------------------------------------------------------


def test_seed_is_valid():
    assert validation.validate(SEED) == []


def test_battery_is_large_and_each_mutation_applies():
    assert len(MUTATIONS) >= 20
    assert len({m.id for m in MUTATIONS}) == len(MUTATIONS)
    text = seed_text()
    for mutation in MUTATIONS:
        mutated, line, _ = mutation.apply(text)
        assert mutated != text and line >= 1


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.id)
def test_culprit_named_at_its_line(tmp_path, mutation):
    path, line, column = write(tmp_path, mutation)
    found = validation.validate(path)
    report = "\n".join(d.format() for d in found)
    assert_sound(found)
    culprit = [d for d in found if names(d, mutation.name)]
    assert [d.line for d in culprit] == [line], report
    grammar = [d for d in found if d.code == "E-RNG-1"]
    assert all(d.line == line for d in grammar), f"schema messages away from the culprit:\n{report}"
    assert all(d.column == column for d in culprit if d.code == "E-RNG-1"), report
    assert all(";" in d.message for d in found), "every message says what to do"


def test_every_problem_in_one_run(tmp_path):
    text, expected = seed_text(), set()
    chosen = [m for m in MUTATIONS if m.id in TOGETHER]
    for mutation in chosen:
        text, line, _ = mutation.apply(text)
        expected.add((line, mutation.name))
    path = tmp_path / "together.xml"
    path.write_text(text, encoding="utf-8")
    found = validation.validate(path)
    assert_sound(found)
    located = {(line, name) for line, name in expected for d in found if d.line == line and names(d, name)}
    assert located == expected, "\n".join(d.format() for d in found)


def test_messages_say_what_to_do(tmp_path):
    cases = {
        "unknown-in-p": "element <frobnicate> is not TEI; remove it or use a TEI element such as <hi> or <seg>",
        "misspelt-in-p": "write <persName>",
        "attribute-in-header": "did you mean @xml:lang?",
        "value-of-level": 'use "a", "j", "m", "s" or "u"',
        "empty-titleStmt": "element <titleStmt> is incomplete; add <title>",
        "sourceDesc-before-publicationStmt": "add <publicationStmt> before it",
        "language-without-ident": 'add ident="…"',
        "head-after-ab": "move it there or remove it",
    }
    by_id = {m.id: m for m in MUTATIONS}
    for mutation_id, words in cases.items():
        path, _, _ = write(tmp_path, by_id[mutation_id])
        messages = [d.message for d in validation.validate(path)]
        assert any(words in m for m in messages), (mutation_id, messages)


def test_one_problem_seen_by_two_layers_is_reported_once(tmp_path):
    """A date both the grammar and the rules refuse: the rule's message, which says how to
    write a date, is the one kept."""
    path, line, _ = write(tmp_path, next(m for m in MUTATIONS if m.id == "value-of-when"))
    about = [d for d in validation.validate(path) if d.line == line]
    assert [d.code for d in about] == ["E-DATE-1"], [d.format() for d in about]


def test_two_problems_with_one_attribute_are_both_reported(tmp_path):
    """@when on <p>: the grammar refuses the attribute there, the rules refuse its value;
    both are said, each once."""
    text = seed_text().replace('<p xml:id="post1-p1">', '<p xml:id="post1-p1" when="yesterday">', 1)
    path = tmp_path / "when-on-p.xml"
    path.write_text(text, encoding="utf-8")
    found = validation.validate(path)
    assert sorted(d.code for d in found if names(d, "@when")) == ["E-DATE-1", "E-RNG-1"]


def test_missing_header_part_reported_where_it_is_missing(tmp_path):
    """A header without sourceDesc: the grammar's message at </fileDesc>, not the rule's at
    <teiHeader> as well."""
    path, line, _ = write(tmp_path, next(m for m in MUTATIONS if m.id == "fileDesc-without-sourceDesc"))
    found = validation.validate(path)
    assert [(d.line, d.code) for d in found if "sourceDesc" in d.message] == [(line, "E-RNG-1")]


def test_start_tag_over_several_lines(tmp_path):
    """Each culprit at its own line: the element where its tag begins, the attribute where it
    is written (jing gives both the line where the start tag ends)."""
    written = '<frobnicate\n   colour="red">x</frobnicate><p xml:id="post1-p1"\n   foo="bar">'
    text = seed_text().replace('<p xml:id="post1-p1">', written, 1)
    path = tmp_path / "lines.xml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    found = {d.message.split(";")[0]: (d.line, d.column) for d in validation.validate(path)}
    line, column = found["element <frobnicate> is not TEI"]
    assert lines[line - 1][column - 1:].startswith("<frobnicate")
    line, column = found["attribute @foo is not allowed on <p>"]
    assert lines[line - 1][column - 1:].startswith('foo="bar"')


def test_positions_fall_back_when_the_tree_is_not_the_file(tmp_path):
    """A tree changed in memory has no tags in the file: lxml's line, never 0."""
    from editio.source import load as source

    path, _, _ = write(tmp_path, next(m for m in MUTATIONS if m.id == "unknown-in-p"))
    tree = source.load(path)
    body = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}body")
    body.insert(0, body.makeelement("{http://www.tei-c.org/ns/1.0}wrong", {}))
    found = validation.validate(path, tree)
    assert_sound(found)
    assert any("<wrong>" in d.message for d in found)


# --- the battery against jing -----------------------------------------------------------------


@pytest.mark.oracle
@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.id)
def test_located_as_jing_locates(tmp_path, tools, mutation):
    path, line, _ = write(tmp_path, mutation)
    errors = jing_errors(path, tools)
    assert errors and errors[0] == (line, mutation.name), f"jing: {errors}"
    assert_located_as_jing(path, errors)


@pytest.mark.oracle
def test_every_problem_in_one_run_as_jing(tmp_path, tools):
    text = seed_text()
    for mutation in (m for m in MUTATIONS if m.id in TOGETHER):
        text, _, _ = mutation.apply(text)
    path = tmp_path / "together.xml"
    path.write_text(text, encoding="utf-8")
    errors = jing_errors(path, tools)
    assert len(errors) == len(TOGETHER)
    assert_located_as_jing(path, errors)


def assert_located_as_jing(path: Path, errors: list[tuple[int, str]]) -> None:
    found = validation.validate(path)
    report = "\n".join(d.format() for d in found)
    assert_sound(found)
    for line, name in errors:
        assert [d.line for d in found if names(d, name) and d.line == line] == [line], (
            f"jing reports {name} at line {line}:\n{report}")
    lines = {line for line, _ in errors}
    assert all(d.line in lines for d in found if d.code == "E-RNG-1"), f"not reported by jing:\n{report}"


@pytest.mark.oracle
def test_tei_element_names_are_tei_p5s(tools):
    """The list that tells "not TEI" from "TEI that editio leaves out" is TEI P5's own."""
    from lxml import etree

    from editio.source.tei_elements import TEI_ELEMENTS

    rng = etree.parse(str(tools.tei_all_rng()))
    names = {e.get("name") for e in rng.iter("{http://relaxng.org/ns/structure/1.0}element") if e.get("name")}
    assert names == TEI_ELEMENTS
