"""The PDF writer: the print copy of the hub typeset by WeasyPrint (see
:mod:`editio.writers.pdf.render`), long books laid out in parallel
(:mod:`editio.writers.pdf.parallel`)."""

from .render import write

__all__ = ["write"]
