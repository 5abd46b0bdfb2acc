"""Validation in layers, cheapest first, every problem reported in one run.

1. Well-formedness and safety: :func:`editio.source.load` (refusal ends the run).
2. Grammar: editio's TEI customisation ``editio-tei.rng``, a strict subset of
   TEI P5 that lxml compiles in milliseconds (full ``tei_all`` takes seconds).
3. Rules the grammar cannot express: ``editio-rules.sch`` (ISO Schematron):
   pointers resolve, ids are unique, dates are ISO 8601, quotations have a
   source, the header has what a publication needs, pages are numbered,
   images are described.

Layers 2 and 3 both run even when layer 2 fails, so an editor sees all
problems at once.  lxml decides whether the grammar is met (quickly, in C); when
it is not, :mod:`.locate` reads the document against the same grammar the way
jing does, so each problem is reported at its culprit rather than at the
ancestor libxml2 blames.  A problem both layers see (a malformed date, a
duplicate ``xml:id``, a required header part) is reported once, by the layer
whose message says more.  ``strict=False`` is for TEI written for other schemas:
grammar and rule problems become warnings, except duplicate ``xml:id`` values
(they would break anchors in every output), which stay errors.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from lxml import etree, isoschematron

from ..diagnostics import Diagnostic, EditioError, error, sort, warning
from . import load as source
from .positions import SourceMap, column_of

if TYPE_CHECKING:
    from .locate import Finding
    from .relaxng import Grammar

SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
#: The name of the number each element carries while the rules locate findings (see :class:`Rules`).
ORDINAL = "editio-n"

#: Codes that remain errors when strict=False.
ALWAYS_ERRORS = {"E-ID-1"}


@cache
def _grammar_source() -> etree._ElementTree:
    with files("editio.schema").joinpath("editio-tei.rng").open("rb") as handle:
        return etree.parse(handle, source.make_parser())


@cache
def relaxng() -> etree.RelaxNG:
    """editio's TEI grammar, compiled once per process."""
    return etree.RelaxNG(_grammar_source())


@cache
def grammar() -> Grammar:
    """The same grammar as patterns to follow step by step (built only for invalid files)."""
    from .relaxng import Grammar

    return Grammar(_grammar_source().getroot())


class Rules:
    """The compiled Schematron rules, run as the XSLT they compile to.

    Rules are written on attributes where they can be (a pattern on an attribute name
    costs nothing, ``*[predicate]`` costs the node's siblings: see editio-rules.sch). The
    SVRL location of a finding is not the skeleton's XPath from the root, which costs the
    siblings of every step twice (to write it, then to follow it: minutes for a long text
    with thousands of findings), and which the XSLT 1.0 skeleton lxml ships writes for an
    attribute as ``/@name``, without its element. The rules run on a copy whose elements
    are numbered (a processing instruction
    ``<?editio-n N?>`` first in each: no attribute, no text, nothing a rule looks at), and a
    location is ``#N`` or ``#N/@name``: :attr:`elements` ``[N]`` is the element.
    """

    def __init__(self, schema: etree._ElementTree):
        compiled = isoschematron.Schematron(schema, store_xslt=True).validator_xslt
        xsl = "http://www.w3.org/1999/XSL/Transform"
        ordinal = f"processing-instruction('{ORDINAL}')"
        for template in compiled.getroot().iterchildren(f"{{{xsl}}}template"):
            if template.get("mode") != "schematron-get-full-path":
                continue
            if template.get("match") == "@*":
                template.insert(0, etree.Element(f"{{{xsl}}}apply-templates", select="parent::*",
                                                 mode="schematron-get-full-path"))
            elif template.get("match") == "*":
                for child in list(template):
                    template.remove(child)
                template.text = None
                etree.SubElement(template, f"{{{xsl}}}value-of", select=f"concat('#', {ordinal})")
        self._xslt = etree.XSLT(compiled)
        self.validation_report = None
        self.elements: list = []

    def validate(self, tree) -> bool:
        """Run the rules, once, on a copy whose elements are numbered: most TEI written
        for other projects has findings (a quotation without its source, pages without
        numbers), and reading it once plain to learn that, then again numbered to say
        where, cost more than numbering every file (Bleak House: 0.18 s → 0.12 s)."""
        self.elements = [el for el in tree.iter() if isinstance(el.tag, str)]
        numbered = copy.deepcopy(tree.getroot())
        for n, el in enumerate([el for el in numbered.iter() if isinstance(el.tag, str)]):
            mark = etree.ProcessingInstruction(ORDINAL, str(n))
            mark.tail, el.text = el.text, None
            el.insert(0, mark)
        self.validation_report = self._xslt(numbered.getroottree())
        return not self._findings()

    def _findings(self) -> list:
        return self.validation_report.xpath("//svrl:failed-assert | //svrl:successful-report",
                                            namespaces=SVRL)


@cache
def schematron() -> Rules:
    """editio's Schematron rules, compiled (to XSLT) once per process."""
    with files("editio.schema").joinpath("editio-rules.sch").open("rb") as handle:
        return Rules(etree.parse(handle, source.make_parser()))


def validate(path, tree: etree._ElementTree | None = None, *, strict: bool = True) -> list[Diagnostic]:
    """All diagnostics for one TEI file, sorted by position; empty when it is valid."""
    name = str(path)
    if tree is None:
        try:
            tree = source.load(path)
        except EditioError as exc:
            return sort(exc.diagnostics)
    where = SourceMap(path, tree)
    return sort(_merge(_grammar(tree, name, strict, where), _rules(tree, name, strict, where))
                + _external_dtd(tree, name, where))


def _external_dtd(tree, name: str, where: SourceMap) -> list[Diagnostic]:
    """A warning, never an error (TEI P5 allows a DOCTYPE), that the DTD a DOCTYPE names
    is not read: the file is read as it is, and validated with editio's schema."""
    info = tree.docinfo
    if not (info.system_url or info.public_id):
        return []
    offset = where.text.find("<!DOCTYPE")
    line, column = where.position(offset) if offset >= 0 else (1, 1)
    return [warning(name, "the DOCTYPE names an external DTD, which editio never reads: the file is "
                    "read without it and validated with editio's TEI P5 schema; remove the DOCTYPE "
                    "declaration to silence this", "E-XML-4", line, column)]


def _report(strict: bool, code: str):
    return error if strict or code in ALWAYS_ERRORS else warning


# libxml2 repeats a fault on the ancestors of the element at fault, in these words.
_RNG_NOISE = re.compile(
    r"^(Element \S+ failed to validate (content|attributes)|Did not expect element \S+ there"
    r"|Expecting element (TEI|teiCorpus), got \S+)$"
)


def _grammar(tree, name: str, strict: bool, where: SourceMap) -> list[tuple[Diagnostic, Finding | None]]:
    """Grammar problems, each with what it is about (None when only libxml2 could say)."""
    schema = relaxng()
    if schema.validate(tree):
        return []
    report = _report(strict, "E-RNG-1")
    located = _located(tree, where)
    if located:
        return [(report(name, f.message, "E-RNG-1", f.line, f.column), f) for f in located]
    return [(d, None) for d in _libxml2_messages(schema, name, report, where)]


def _located(tree, where: SourceMap) -> list[Finding]:
    """Problems at their culprits, or [] if the grammar or the tree is beyond the step-by-step
    reading (then libxml2's own messages are the best there is)."""
    # Imported here: valid files, the common case, never need the step-by-step reading.
    from .locate import findings
    from .relaxng import Unsupported

    try:
        return findings(grammar(), tree, where)
    except (Unsupported, RecursionError):
        return []


def _libxml2_messages(schema, name: str, report, where: SourceMap) -> list[Diagnostic]:
    entries = [e for e in schema.error_log if e.level >= etree.ErrorLevels.ERROR]
    # Keep the echoes on ancestors only when nothing more precise was said.
    precise = [e for e in entries if not _RNG_NOISE.match(e.message.strip())]
    found = []
    for entry in precise or entries:
        message = entry.message.strip().rstrip(".")
        line = entry.line or 1
        found.append(report(
            name,
            f"{message} (not allowed by editio's TEI schema); correct the markup, or see "
            "tei/schema/README.md to extend the schema",
            "E-RNG-1", line, entry.column or column_of(where.lines(), line, _element_in(message))))
    if not found:
        found.append(report(name, "the document does not match editio's TEI schema", "E-RNG-1", 1, 1))
    return found


def _element_in(message: str) -> str | None:
    """The element a libxml2 RelaxNG message is about (the offending child when it names one)."""
    for pattern in (r"extra content: (\S+)", r"\bgot (\S+)", r"Did not expect element (\S+)",
                    r"\b[Ee]lement (\S+)"):
        match = re.search(pattern, message)
        if match:
            return match.group(1).rstrip(",.:")
    return None


def _rules(tree, name: str, strict: bool, where: SourceMap) -> list[tuple[Diagnostic, etree._Element | None]]:
    """Schematron's findings, each with the element it is about."""
    rules = schematron()
    rules.validate(tree)
    report = rules.validation_report
    found = []
    for hit in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL):
        code = hit.get("role") or "E-RULE"
        text = " ".join(hit.findtext("svrl:text", default="", namespaces=SVRL).split())
        node = _node(tree, hit.get("location", ""), rules.elements)
        line, column = where.start(node) if node is not None else (1, 1)
        if code == "E-HDR-6":
            text = _with_guessed_language(tree, text)
        found.append((_report(strict, code)(name, text, code, line, column), node))
    return found


def _with_guessed_language(tree, text: str) -> str:
    """The undeclared-language message, saying which language the editions will be in
    (the guess from the text's words, or English), so that a wrong guess is seen."""
    from . import facts

    guessed = facts.guess_language(tree.getroot())
    how = f"as '{guessed}', guessed from its words" if guessed else "as English ('en'), by default"
    head, _, advice = text.partition("; ")
    return f"{head}; the editions take it {how}; {advice}" if advice else text


def _node(tree, location: str, elements=()) -> etree._Element | None:
    """The element an SVRL location (``#N`` of :class:`Rules`, else an XPath from the root)
    names, or holds the named node."""
    numbered = re.match(r"^#(\d+)", location)
    if numbered:
        n = int(numbered.group(1))
        return elements[n] if n < len(elements) else None
    try:
        nodes = tree.xpath(location) if location else []
    except etree.XPathError:
        nodes = []
    node = nodes[0] if isinstance(nodes, list) and nodes else None
    if node is not None and not isinstance(node, etree._Element):
        node = getattr(node, "getparent", lambda: None)()
    if node is None or not isinstance(node.tag, str):
        return None
    return node


def _merge(grammar_found: list, rules_found: list) -> list[Diagnostic]:
    """Both layers' diagnostics, with each problem both saw reported once.

    A value both reject (a date, a repeated ``xml:id``) keeps the rule's message, which
    says what the value should be; a missing part both notice keeps the grammar's,
    which stands where the part is missing rather than at the header.
    """
    located = [f for _, f in grammar_found if f is not None]
    kept_rules = [d for d, node in rules_found if not any(_lacks_same(f, d, node) for f in located)]
    restated = {id(f) for f in located for d, node in rules_found if _same_value(f, d, node)}
    kept_grammar = [d for d, f in grammar_found if id(f) not in restated]
    return kept_grammar + kept_rules


def _same_value(finding: Finding, rule: Diagnostic, node) -> bool:
    """Whether a rule's message is about the attribute value the grammar refuses."""
    if finding.value_of is None or node is None or finding.element is not node:
        return False
    local = finding.value_of.rpartition("}")[2]
    written = "xml:" + local if finding.value_of.startswith("{http://www.w3.org/XML/1998/namespace}") else local
    return re.search(r"(?<![\w:.-])%s(?![\w:.-])" % re.escape(written), rule.message) is not None


def _lacks_same(finding: Finding, rule: Diagnostic, node) -> bool:
    """Whether a rule, on the element or an ancestor, asks for an element the grammar says is missing."""
    if not finding.missing or node is None or finding.element is None:
        return False
    if node is not finding.element and node not in finding.element.iterancestors():
        return False
    return any(re.search(r"(?<=[/<\s])%s(?=[/>\s,.;)]|$)" % re.escape(m), rule.message) for m in finding.missing)


