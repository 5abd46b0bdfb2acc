"""Diagnostics: one message format for every layer, so editors can jump to the spot.

Every problem editio reports is a :class:`Diagnostic`, printed as
``FILE:LINE:COL: error CODE: text`` (or ``warning``).  Layers collect them
instead of raising, so one run reports everything it can find.
"""

from __future__ import annotations

import json
from collections import Counter
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


#: How many times one message is printed at its places before the rest are summed up.
REPEATS_SHOWN = 3


def condensed(diagnostics: Iterable[Diagnostic], shown: int = REPEATS_SHOWN) -> list[Diagnostic]:
    """:func:`sort`, with a message that recurs in a file printed at its first ``shown``
    places and then once more, at the next, for all the others: a token-annotated text
    with one unknown attribute on every ``<w>`` has one fault, not a screenful of it."""
    ordered = sort(diagnostics)
    groups: dict[tuple, list[Diagnostic]] = {}
    for d in ordered:
        groups.setdefault((d.file, d.severity, d.code, d.message), []).append(d)
    out = []
    met: Counter[tuple] = Counter()       # how many of each group came before
    for d in ordered:
        key = (d.file, d.severity, d.code, d.message)
        group = groups[key]
        at = met[key] if len(group) > shown + 1 else 0
        met[key] += 1
        if at < shown:
            out.append(d)
        elif at == shown:
            rest = group[shown:]
            lines = ", ".join(str(r.line) for r in rest[:8]) + (", …" if len(rest) > 8 else "")
            out.append(Diagnostic(d.file, d.line, d.column, d.severity, d.code,
                                  f"{len(rest)} more times (lines {lines}): {d.message}"))
    return out


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)
