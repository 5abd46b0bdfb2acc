"""Validation in layers, cheapest first, every problem reported in one run.

1. Well-formedness and safety: :func:`editio.source.load` (refusal ends the run).
2. Grammar: editio's TEI customisation ``editio-tei.rng``, a strict subset of
   TEI P5 that lxml compiles in milliseconds (full ``tei_all`` takes seconds).
3. Rules the grammar cannot express: ``editio-rules.sch`` (ISO Schematron):
   pointers resolve, ids are unique, dates are ISO 8601, quotations have a
   source, the header has what a publication needs, pages are numbered,
   images are described.

Layers 2 and 3 both run even when layer 2 fails, so an editor sees all
problems at once.  ``strict=False`` is for TEI written for other schemas:
grammar and rule problems become warnings, except duplicate ``xml:id`` values
(they would break anchors in every output), which stay errors.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

from lxml import etree, isoschematron

from ..diagnostics import Diagnostic, EditioError, error, sort, warning
from . import load as source

SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}

#: Codes that remain errors when strict=False.
ALWAYS_ERRORS = {"E-ID-1"}


@cache
def relaxng() -> etree.RelaxNG:
    """editio's TEI grammar, compiled once per process."""
    with files("editio.schema").joinpath("editio-tei.rng").open("rb") as handle:
        return etree.RelaxNG(etree.parse(handle, source.make_parser()))


@cache
def schematron() -> isoschematron.Schematron:
    """editio's Schematron rules, compiled (to XSLT) once per process."""
    with files("editio.schema").joinpath("editio-rules.sch").open("rb") as handle:
        return isoschematron.Schematron(etree.parse(handle, source.make_parser()), store_report=True)


def validate(path, tree: etree._ElementTree | None = None, *, strict: bool = True) -> list[Diagnostic]:
    """All diagnostics for one TEI file, sorted by position; empty when it is valid."""
    name = str(path)
    if tree is None:
        try:
            tree = source.load(path)
        except EditioError as exc:
            return sort(exc.diagnostics)
    columns = _Columns(path, tree)
    found = _grammar(tree, name, strict, columns) + _rules(tree, name, strict, columns)
    return sort(found)


def _report(strict: bool, code: str):
    return error if strict or code in ALWAYS_ERRORS else warning


# libxml2 repeats a fault on the ancestors of the element at fault, in these words.
_RNG_NOISE = re.compile(
    r"^(Element \S+ failed to validate (content|attributes)|Did not expect element \S+ there"
    r"|Expecting element (TEI|teiCorpus), got \S+)$"
)


def _grammar(tree, name: str, strict: bool, columns: _Columns) -> list[Diagnostic]:
    schema = relaxng()
    if schema.validate(tree):
        return []
    entries = [e for e in schema.error_log if e.level >= etree.ErrorLevels.ERROR]
    # Keep the echoes on ancestors only when nothing more precise was said.
    precise = [e for e in entries if not _RNG_NOISE.match(e.message.strip())]
    report = _report(strict, "E-RNG-1")
    found = []
    for entry in precise or entries:
        message = entry.message.strip().rstrip(".")
        line = entry.line or 1
        found.append(report(
            name,
            f"{message} (not allowed by editio's TEI schema); correct the markup, or see "
            "tei/schema/README.md to extend the schema",
            "E-RNG-1", line, entry.column or columns.element(line, _element_in(message))))
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


def _rules(tree, name: str, strict: bool, columns: _Columns) -> list[Diagnostic]:
    rules = schematron()
    rules.validate(tree)
    report = rules.validation_report
    found = []
    for hit in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL):
        code = hit.get("role") or "E-RULE"
        text = " ".join(hit.findtext("svrl:text", default="", namespaces=SVRL).split())
        line, column = _locate(tree, hit.get("location", ""), columns)
        found.append(_report(strict, code)(name, text, code, line, column))
    return found


def _locate(tree, location: str, columns: _Columns) -> tuple[int, int]:
    """Line and column of the node an SVRL location (an XPath from the root) names."""
    try:
        nodes = tree.xpath(location) if location else []
    except etree.XPathError:
        nodes = []
    node = nodes[0] if isinstance(nodes, list) and nodes else None
    if node is not None and not isinstance(node, etree._Element):
        node = getattr(node, "getparent", lambda: None)()
    if node is None or not isinstance(node.tag, str):
        return 1, 1
    line = node.sourceline or 1
    return line, columns.element(line, etree.QName(node).localname)


class _Columns:
    """Columns for diagnostics: lxml keeps only lines, so find the tag on its line."""

    def __init__(self, path, tree):
        self.path, self.tree, self._lines = Path(path), tree, None

    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                data = self.path.read_bytes()
                self._lines = data.decode(self.tree.docinfo.encoding or "utf-8", "replace").splitlines()
            except (OSError, LookupError):
                self._lines = []
        return self._lines

    def element(self, line: int, local: str | None) -> int:
        lines = self.lines()
        if local and 0 < line <= len(lines):
            match = re.search(r"<(?:[\w.-]+:)?%s(?=[\s/>]|$)" % re.escape(local), lines[line - 1])
            if match:
                return match.start() + 1
        return 1
