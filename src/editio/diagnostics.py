"""Diagnostics: one message format for every layer, so editors can jump to the spot.

Every problem editio reports is a :class:`Diagnostic`, printed as
``FILE:LINE:COL: error CODE: text`` (or ``warning``).  Layers collect them
instead of raising, so one run reports everything it can find.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one input file, at a position as precise as we know."""

    file: str
    line: int = 0
    column: int = 0
    severity: Severity = field(default="error", compare=False)
    code: str = field(default="", compare=False)
    message: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        label = f"{self.severity} {self.code}" if self.code else self.severity
        return f"{self.file}:{self.line}:{self.column}: {label}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class EditioError(Exception):
    """A user-facing failure: carries diagnostics, never needs a traceback."""

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic]):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def error(file, message: str, code: str = "", line: int = 0, column: int = 0) -> Diagnostic:
    return Diagnostic(str(file), line or 0, column or 0, "error", code, message)


def warning(file, message: str, code: str = "", line: int = 0, column: int = 0) -> Diagnostic:
    return Diagnostic(str(file), line or 0, column or 0, "warning", code, message)


def sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file and position, duplicates dropped (layers may see the same fault)."""
    seen, out = set(), []
    for d in sorted(diagnostics):
        key = (d.file, d.line, d.column, d.severity, d.code, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)
