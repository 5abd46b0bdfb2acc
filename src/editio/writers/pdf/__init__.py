"""The PDF writer: the print copy of the hub typeset by WeasyPrint.

:mod:`.render` makes the print copy and typesets it in one process; :mod:`.parallel`
lays a long book out in several processes, page for page the same; :mod:`.weasy` holds
the WeasyPrint internals that parallel layout needs, checked before use. This module
is the writer: it chooses between the two and writes the file.
"""

from __future__ import annotations

from pathlib import Path

from ... import atomic, publish
from ...diagnostics import Diagnostic, EditioError, warning
from ...model import Hub
from . import parallel, render, weasy


def write(hub: Hub, outdir: Path, extra_css=(), *, repairs: int | None = None, push=None) -> list[Diagnostic]:
    """Write ``outdir/NAME.pdf``; raise :class:`EditioError` when the book would be broken.

    Long books with chapters are laid out in parts, by as many worker processes as the
    build may use (``hub.context.jobs``, one included: a note repair then sets one part
    again, not the book, and no layout holds more than a part's pages); :mod:`.parallel`
    declines whatever it cannot set page for page as one process would, and the book is
    then set here.
    """
    with publish.temporary_files_in_scratch("pdf-tmp"):
        return _write(hub, Path(outdir), extra_css, repairs=repairs, push=push)


def _write(hub: Hub, outdir: Path, extra_css=(), *, repairs: int | None = None, push=None) -> list[Diagnostic]:
    outdir.mkdir(parents=True, exist_ok=True)
    notices: list[Diagnostic] = []
    if not extra_css:
        missing = weasy.missing_internals()
        if missing:
            notices.append(warning(hub.context.source_path, (
                f"this WeasyPrint lacks {missing}, which laying a book out in parallel needs: "
                "the PDF is laid out in one process"), "W-PDF-PARALLEL"))
        else:
            diags = parallel.write(hub, outdir, hub.context.jobs, repairs=repairs, push=push)
            if diags is not None:
                return diags
    document, diags, _ = render.render(hub, extra_css, repairs=repairs, push=push)
    if any(d.is_error for d in diags):
        raise EditioError(diags)
    with atomic.replacing(outdir / f"{hub.context.name}.pdf") as tmp, weasy.writing():
        document.write_pdf(tmp, **render.write_options(hub))
    return notices + diags


__all__ = ["write"]
