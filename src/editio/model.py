"""The few objects passed between stages: what a writer receives and returns.

Keeping them here, apart from any stage, lets each writer know only its own format:
it gets the hub HTML and the edition's metadata, never the TEI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic


@dataclass
class Metadata:
    """One record of the teiHeader, used by every writer (HTML meta, OPF, PDF Info/XMP)."""

    title: str = "Untitled"
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    language: str = "en"
    publisher: str = ""
    licence: str = ""
    licence_url: str = ""
    date: str = ""              # publication date of the edition (ISO 8601) if the header gives one
    source: str = ""            # a plain-text description of the source
    description: str = ""
    subjects: list[str] = field(default_factory=list)
    identifier: str = ""        # stable: urn:uuid derived from the header and text, never random


@dataclass
class BuildContext:
    """Everything about one build that is not the document itself."""

    source_path: Path           # the TEI file
    name: str                   # NAME in dist/NAME/
    strict: bool = False        # schema problems and missing glyphs are errors, not warnings
    editio_version: str = ""
    build_date: str = ""        # ISO date from SOURCE_DATE_EPOCH (or today)
    modified: str = ""          # ISO datetime, seconds precision, 'Z' (dcterms:modified)
    base_url: str = ""
    verbose: bool = False
    quiet: bool = False         # no progress lines (long PDF layouts report as they go)
    jobs: int = 1               # processes a build may use (PDF layout, validation beside the transform)
    edition_dir: Path | None = None  # OUT/NAME: where the finished outputs are published


@dataclass
class Hub:
    """The hub HTML: one HTML tree (no namespace) made from the TEI by styles/tei.xsl."""

    tree: etree._ElementTree
    metadata: Metadata
    context: BuildContext
    diagnostics: list[Diagnostic] = field(default_factory=list)
    resources: dict[str, Path] = field(default_factory=dict)   # href in the hub -> file on disk (images)
    inputs: list[Path] = field(default_factory=list)   # the files it was made from: never replaced by an output

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()
