"""The PDF edition laid out in several processes, page for page the book ``pdf.write`` makes.

WeasyPrint lays a document out in one thread, so a long novel keeps one core busy for
most of a minute, holds every page in memory, and a note repair (a paragraph moved so
that a note meets its call) lays the whole book out again. A book of chapters can be cut
where the stylesheet forces a break anyway: every ``section.chapter`` starts on a recto,
and nothing on its pages depends on what came before except

* the folios (the page counter),
* the running head with the edition title (set by the title page),
* the page numbers in the contents and in the back matter (``target-counter``),
* links to ids that live in another part,
* how many paragraphs the note repairs of ``pdf.render`` may still move.

So the print copy made by ``pdf.prepare`` is cut into parts: the front and back matter
(title page, imprint, contents, register, interventions…) form one document, the frame,
and runs of whole chapters form the others. Each part keeps the rest of the tree as
empty hidden elements, so that sibling selectors match as in the book, and ends with the
element that follows it in the book, emptied: that element breaks to a recto as in the
book, so the part's last pages (notes carried over, the blank verso) come out as in the
book, and its page and what follows are dropped. Worker processes (forked) lay the parts
out with the same stylesheets and note repairs as ``pdf.render`` (one worker, when the
build may use one process, takes the parts in turn: a long book is cut all the same). Only the margin boxes
carry the page counter, and WeasyPrint builds them after the body of every page is laid
out; once the page counts of all parts are known each worker rebuilds the margin boxes
of its pages with the book's page numbers and writes its PDF: no part is laid out twice.
The frame is typeset last, with the page numbers written in as text (the digits
``target-counter`` would print), until the numbers it prints agree with its own layout.
Links to ids of another part are written as external links to a private URL and turned
back into named destinations when the parts are merged.

The merge (pikepdf) keeps what ``pdf.write`` produces: one structure tree (the parts'
elements under one Document element, the parent tree renumbered), one outline nested by
WeasyPrint's own rules over all pages, the named destinations of every part, the text
each glyph stands for as first drawn in the book (a hyphen and a hyphenation point share
a glyph), and the metadata, XMP packet, attachment and /ID of the frame, which is
written with ``pdf.write``'s own finisher.

``write`` declines (returns None, writes nothing) when the text is short, when a custom
print stylesheet is in force, when the stylesheet selects pages in a way a part cannot
know (``:nth()`` other than a group's first page, page counter resets), when there are
no chapters, or when WeasyPrint does not break to a recto where a part starts or ends;
the caller then typesets the book in one process.
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import math
import multiprocessing
import os
import re
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from lxml import etree

from ... import publish
from ...diagnostics import Diagnostic, EditioError
from ...hub.tree import classes as _classes
from ...model import Hub
from . import fontmerge, weasy
from . import render as pdf

# Below this much text in <main>, a second process costs more than it saves (forking,
# typesetting the front and back matter apart, merging).
PARALLEL_MIN_CHARS = 100_000

# Parts per worker: more parts balance uneven chapters, each part costs a little setup.
PARTS_PER_JOB = 2
# Characters of text per part at most (about 200 pages): a part is one WeasyPrint
# document, which keeps every page it lays out in memory, and a note repair lays out
# its part again, not the book. So a long book is cut into parts even by one process.
PART_MAX_CHARS = 400_000

# Links to an id of another part: an external link WeasyPrint keeps, made internal again
# in the merged PDF.
XREF = pdf.BASE + "xref/"

_CHUNK_CSS = """html { string-set: edition-title attr(data-edition-title); }
"""
_FRAME_CSS = """nav#toc a::after { content: leader(". ") "\\2002" attr(data-page); }
a.pageref::after { content: attr(data-page); }
"""

log = logging.getLogger(__name__)


# --- planning the cut --------------------------------------------------------------------


@dataclass
class Plan:
    """Where the print copy is cut: preorder indexes of the elements of the whole tree."""

    index: dict                      # element -> preorder index
    last: dict                       # element -> index of its last descendant
    main: etree._Element
    starts: list[int]                # first index of each part (the first part: main + 1)
    end: int                         # one past main's last descendant
    title: str                       # edition-title string of the running heads
    sizes: list[int] = field(default_factory=list)


def _plan(root, jobs: int, min_chars: int) -> Plan | None:
    body = root.find("body")
    main = root.find(".//main")
    if body is None or main is None or main.getparent() is not body:
        return None
    if "chapters" not in _classes(body):
        return None
    text_size = len("".join(main.itertext()))
    if text_size < min_chars:
        return None
    # Back matter must start on a page of its own (body > section breaks to a recto).
    after = False
    for child in body:
        if child is main:
            after = True
        elif after and isinstance(child.tag, str) and child.tag != "section":
            return None
    index, last = {}, {}
    order = []
    for i, el in enumerate(root.iter()):
        index[el] = i
        order.append(el)
    for el in reversed(order):
        kids = [c for c in el]
        last[el] = last[kids[-1]] if kids else index[el]
    chapters = [s for s in main.iter("section") if "chapter" in _classes(s)]
    # Chapters inside chapters: only the outermost start parts.
    chapters = [c for c in chapters
                if not any("chapter" in _classes(a) for a in c.iterancestors("section"))]
    if len(chapters) < 2:
        return None
    sizes = [len("".join(c.itertext())) for c in chapters]
    parts = max(2, min(len(chapters), max(jobs * PARTS_PER_JOB, math.ceil(text_size / PART_MAX_CHARS))))
    target = text_size / parts
    starts = [index[main] + 1]
    acc = len("".join(main.itertext())) - sum(sizes)   # text before/after the chapters
    for i, (chap, size) in enumerate(zip(chapters, sizes)):
        if i and acc >= target * len(starts) and len(starts) < parts:
            starts.append(index[chap])
        acc += size
    if len(starts) < 2:
        return None
    title_el = root.find(".//header[@id='titlepage']//h1")
    title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else ""
    plan = Plan(index, last, main, starts, last[main] + 1, title)
    bounds = starts + [plan.end]
    plan.sizes = [sum(len(el.text or "") + len(el.tail or "") for el in order[a:b])
                  for a, b in zip(bounds, bounds[1:])]
    return plan


def _placeholder(el) -> None:
    """Empty the element but keep it, so that sibling selectors (``+``, ``:first-child``)
    match as in the whole book; it produces no box."""
    for child in list(el):
        el.remove(child)
    el.text = None
    el.tail = None
    el.attrib.pop("id", None)
    el.set("style", "display: none")


SENTINEL = "editio-part-end"


def _sentinel(el) -> None:
    """The element that follows a part in the book, emptied: it starts on a page of its own
    as in the book, so the part's last pages (notes carried over, the blank verso before
    the next recto) come out as in the book; its page and those after are dropped."""
    for child in list(el):
        el.remove(child)
    el.text = None
    el.tail = None
    el.set("id", SENTINEL)
    el.attrib.pop("style", None)


def _xref(root) -> None:
    """Links to ids this document lacks become links to the private URL."""
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in root.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            a.set("href", XREF + quote(href[1:], safe=""))


def _part_root(source, plan: Plan, k: int):
    """The print copy with only part ``k`` of <main> (and none of the front or back matter)."""
    lo = plan.starts[k]
    hi = plan.starts[k + 1] if k + 1 < len(plan.starts) else plan.end
    root = copy.deepcopy(source)
    # deepcopy keeps document order: map by position
    src_order = list(source.iter())
    new_order = list(root.iter())
    main = new_order[plan.index[plan.main]]
    body = main.getparent()
    following = None        # what comes after this part in the book
    seen_main = False
    for child in body:
        if child is main:
            seen_main = True
        elif isinstance(child.tag, str):
            if seen_main and following is None and k == len(plan.starts) - 1:
                following = child
            _placeholder(child)
    if k + 1 < len(plan.starts):
        following = new_order[plan.starts[k + 1]]
    drop, notext = [], []
    i = plan.index[plan.main] + 1
    while i < plan.end:
        el, orig = new_order[i], src_order[i]
        end = plan.last[orig]
        if lo <= i < hi:
            if not lo <= end < hi:
                el.tail = None          # text after it belongs to the next part
            i += 1
            continue
        if i < lo and end >= lo:
            # an ancestor of the part: its opening text belongs to an earlier part
            if k > 0:
                notext.append(el)
            if end >= hi:
                el.tail = None
            i += 1
            continue
        drop.append(el)
        i = end + 1                     # its descendants go with it
    for el in notext:
        el.text = None
    for el in drop:
        if isinstance(el.tag, str):
            _placeholder(el)
        elif el.getparent() is not None:
            el.tail = None
            el.getparent().remove(el)
    if following is not None:
        _sentinel(following)
    root.set("data-edition-title", plan.title)
    _xref(root)
    return root


def _frame_root(source, plan: Plan, pages: dict[str, int] | None):
    """Front and back matter without <main>, page references written in as text."""
    root = copy.deepcopy(source)
    main = list(root.iter())[plan.index[plan.main]]
    _sentinel(main)
    for a in root.iter("a"):
        href = a.get("href") or ""
        if not href.startswith("#"):
            continue
        in_toc = any(x.tag == "nav" and x.get("id") == "toc" for x in a.iterancestors())
        if in_toc or "pageref" in _classes(a):
            # a target the book does not print has no number (target-counter prints none)
            page = (pages or {}).get(href[1:], "0" if pages is None else None)
            if page is not None:
                a.set("data-page", str(page))
    if pages is not None:
        pdf.dedupe_page_references(root, pages)
    _xref(root)
    return root


# --- typesetting a part --------------------------------------------------------------------


def _typeset(hub: Hub, root, css: str, tmpdir: Path, name: str, inside_main: bool = False,
             repairs: int | None = None, push=None):
    css_path = tmpdir / f"{name}.css"
    css_path.write_text(css, encoding="utf-8")
    prepared = pdf.Prepared(root, "", True)
    groups = weasy.main_group_continues() if inside_main else contextlib.nullcontext()
    # every page of a part or of the frame is given its margin boxes by weasy.refolio
    with weasy.captured_layout() as contexts, groups, weasy.margin_boxes_later():
        document, diags, prepared = pdf.render(hub, extra_css=[css_path], prepared=prepared,
                                               repairs=repairs, push=push)
    # the stylesheet added here is ours: its messages are not the user's
    return document, contexts[-1], diags, prepared


def _bookmarks(document):
    return [(list(p.bookmarks), p.height) for p in document.pages]


def _local_anchors(document) -> dict[str, int]:
    return pdf.anchor_pages(document)


_NOTE_CODES = {"E-PDF-NOTE", "W-PDF-NOTE"}


class _Unsafe(Exception):
    """The cut does not fall on a forced break to a recto (a stylesheet changed that)."""


def _is_chapter(el) -> bool:
    return el.tag == "section" and "chapter" in _classes(el)


def _is_main(el) -> bool:
    return el.tag == "main"


def _is_sentinel(el) -> bool:
    return el.get("id") == SENTINEL


def _opens_on_recto(document, page_no: int, match) -> bool:
    """Whether the first element ``match`` finds on the page breaks to a recto before it,
    as computed by WeasyPrint from the stylesheets in force."""
    for box in document.pages[page_no - 1]._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and isinstance(element.tag, str) and match(element):
            return box.style["break_before"] in ("right", "recto")
    return False


def _worker(hub: Hub, source, plan: Plan, queue, tmpdir: Path, conn, budget: int, push) -> None:
    """Lay out parts taken from the shared queue (longest first) until none is left, then
    write each with the page offsets the parent sends."""
    # The parent stops its workers: Ctrl-C (sent to the whole process group) is left to
    # it, and its terminate() ends a worker at once, without a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        done = {}

        def lay(k: int, repairs: int) -> None:
            root = _part_root(source, plan, k)
            document, context, diags, prepared = _typeset(
                hub, root, _CHUNK_CSS, tmpdir, f"part{k}", inside_main=k > 0, repairs=repairs, push=push)
            pushes = sum(1 for el in prepared.root.iter() if isinstance(el.tag, str)
                         and "fn-push" in _classes(el))
            anchors = _local_anchors(document)
            count = anchors.pop(SENTINEL, len(document.pages) + 1) - 1
            anchors = {a: p for a, p in anchors.items() if p <= count}
            if not _opens_on_recto(document, 1, _is_chapter if k else _is_main) or (
                    count < len(document.pages)
                    and not _opens_on_recto(document, count + 1, _is_sentinel)):
                raise _Unsafe(f"part {k} does not start or end where the book breaks to a recto")
            log.debug("part %d laid out: %d pages, %.1f s CPU", k, count, time.process_time())
            # notes apart from their calls are reported with the book's page numbers, later
            diags = [d for d in diags if d.code not in _NOTE_CODES]
            conn.send(("laid", k, count, anchors, _bookmarks(document)[:count], diags, pushes))
            done[k] = (document, context, prepared.root, _local_anchors(document))

        counter, order = queue
        while True:
            with counter.get_lock():
                taken = counter.value
                counter.value += 1
            if taken >= len(order):
                break
            lay(order[taken], budget)
        while True:
            msg = conn.recv()
            if msg[0] == "relayout":
                for k, repairs in msg[1].items():
                    if k in done:
                        lay(k, repairs)
                continue
            if msg[0] != "offsets":
                return
            break
        offsets = msg[1]
        for k in sorted(done):
            document, context, root, local = done.pop(k)
            notes = pdf.check_notes(root, {a: p + offsets[k] for a, p in local.items()},
                                     str(hub.context.source_path))
            weasy.refolio(document, context, [offsets[k]] * len(document.pages))
            with weasy.writing():
                data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True,
                                          pdf_identifier=pdf.pdf_identifier(hub))
            log.debug("part %d written, %.1f s CPU", k, time.process_time())
            conn.send(("pdf", k, data, notes))
    except _Unsafe as exc:
        conn.send(("unsafe", str(exc)))
    except BaseException:
        with contextlib.suppress(Exception):
            conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


# --- the writer ---------------------------------------------------------------------------


def write(hub: Hub, outdir: Path, jobs: int, *, min_chars: int = PARALLEL_MIN_CHARS,
          repairs: int | None = None, push=None) -> list[Diagnostic] | None:
    """Write ``outdir/NAME.pdf`` as the one-process writer does, laid out by ``jobs``
    processes (``repairs`` and ``push`` as for :func:`render.render`, for the whole book).

    Returns None (and writes nothing) when the book is too short or cannot be cut safely;
    the caller then typesets it in one process."""
    repairs = pdf.MAX_NOTE_REPAIRS if repairs is None else repairs
    push = push or pdf.push_misplaced_note
    jobs = min(jobs, os.cpu_count() or 1, 64)
    if jobs < 1 or pdf.custom_stylesheets(hub):
        return None
    if jobs == 1:
        # one process gains from parts only when the book is long (memory, repairs)
        min_chars = max(min_chars, PART_MAX_CHARS)
    # A part knows it continues <main>'s page group, not how far into it: page selectors
    # other than the first page of a group would need that.
    css = pdf.print_css()
    if re.search(r":nth\(\s*(?!1\s+of\b)", css) or re.search(r"counter-(reset|set|increment)\s*:\s*page", css):
        return None
    if ("fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):   # a daemon may not fork workers
        return None
    prepared = pdf.prepare(hub)
    plan = _plan(prepared.root, jobs, min_chars)
    if plan is None:
        return None
    diags = pdf.check_glyphs(prepared.glyph_text, hub, [])
    if any(d.is_error for d in diags):
        raise EditioError(diags)
    with publish.Scratch("pdf") as tmp:
        try:
            result = _write(hub, Path(outdir), jobs, prepared, plan, Path(tmp), repairs, push)
        except EditioError as exc:
            raise EditioError(_unique(diags + list(exc.diagnostics))) from None
    if result is None:
        return None
    return _unique(diags + result)


def _unique(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for d in diags:
        key = str(d)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _frame_layout(hub, prepared, plan, pages, tmp, name):
    root = _frame_root(prepared.root, plan, pages)
    document, context, diags, _ = _typeset(hub, root, _FRAME_CSS, tmp, name)
    anchors = _local_anchors(document)
    front_end = anchors.pop(SENTINEL) - 1
    if not _opens_on_recto(document, front_end + 1, _is_sentinel):
        raise _Unsafe("the text does not start on a recto")
    back_ids = [c.get("id") for c in plan.main.itersiblings() if c.get("id")]
    back_first = min((anchors[i] for i in back_ids if i in anchors), default=None)
    return document, context, diags, anchors, front_end, back_first


def _write(hub, outdir, jobs, prepared, plan, tmp, repairs, push) -> list[Diagnostic] | None:
    ctx = multiprocessing.get_context("fork")
    # parts are taken longest first by whichever worker is free
    order = sorted(range(len(plan.sizes)), key=lambda k: -plan.sizes[k])
    queue = (ctx.Value("i", 0), order)
    workers = []
    for _ in range(min(jobs, len(order))):
        parent_end, child_end = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(hub, prepared.root, plan, queue, tmp, child_end,
                                                 repairs, push), daemon=True)
        proc.start()
        child_end.close()
        workers.append((proc, parent_end, None))
    try:
        return _drive(hub, outdir, prepared, plan, tmp, workers, repairs)
    except _Unsafe as exc:
        log.info("PDF laid out in one process: %s", exc)
        return None
    except RuntimeError as exc:
        # A worker failed (killed, out of memory, a bug): one process makes the book.
        log.warning("PDF laid out in one process after a layout process failed: %s", exc)
        return None
    except KeyboardInterrupt:
        # the build is stopped (Ctrl-C, SIGTERM): the parts are no longer wanted
        for proc, _, _ in workers:
            proc.terminate()
        raise
    finally:
        for proc, conn, _ in workers:
            with contextlib.suppress(Exception):
                conn.close()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()


def _receive(workers, want: str, count: int) -> dict:
    from multiprocessing.connection import wait

    got = {}
    conns = {conn: proc for proc, conn, _ in workers}
    while len(got) < count:
        ready = wait(list(conns), timeout=5)
        if not ready:
            if any(not p.is_alive() and not c.poll() for c, p in conns.items()):
                raise RuntimeError("a PDF layout process ended without its result")
            continue
        for conn in ready:
            try:
                msg = conn.recv()
            except EOFError:
                del conns[conn]
                if len(got) < count and not conns:
                    raise RuntimeError("a PDF layout process ended without its result") from None
                continue
            if msg[0] == "error":
                raise RuntimeError(msg[1])
            if msg[0] == "unsafe":
                raise _Unsafe(msg[1])
            if msg[0] == want:
                got[msg[1]] = msg[2:]
    return got


def _drive(hub, outdir, prepared, plan, tmp, workers, repairs: int) -> list[Diagnostic] | None:
    parts = len(plan.starts)
    # the frame with the page numbers not yet known, while the parts are laid out
    previous = _frame_layout(hub, prepared, plan, None, tmp, "frame0")
    log.debug("frame laid out (0), %.1f s CPU", time.process_time())
    laid = _receive(workers, "laid", parts)
    counts = [laid[k][0] for k in range(parts)]
    # One process moves at most MAX_NOTE_REPAIRS paragraphs in the whole book, always
    # the first misplaced note's: the parts in book order use up that budget. A part
    # that moved more than it has left is laid out again with what it has left.
    left, again = repairs, {}
    for k in range(parts):
        used = min(laid[k][4], left)
        if used < laid[k][4]:
            again[k] = used
        left -= used
    if again:
        for _, conn, _ in workers:
            conn.send(("relayout", again))
        laid.update(_receive(workers, "laid", len(again)))
    counts = [laid[k][0] for k in range(parts)]
    diags: list[Diagnostic] = []
    for k in range(parts):
        diags += laid[k][3]

    # The frame (front and back matter) carries the page numbers of the whole book, its
    # own anchors included (contents entries of the back matter): lay it out until the
    # numbers it prints are those of its own layout.
    frame = None
    for attempt in range(4):
        *_, p_anchors, p_end, p_back = previous
        starts, back_start = _layout_pages(p_end, counts)
        if any(p % 2 == 0 for p in starts + [back_start]):
            break       # a part would open on a verso: the cut is not where a recto starts
        # an id on several parts is where the book has it: in the first part holding it
        pages = {a: p for a, p in p_anchors.items() if p <= p_end}
        for k in range(parts):
            for anchor, p in laid[k][1].items():
                pages.setdefault(anchor, starts[k] + p - 1)
        shift = (back_start - p_back) if p_back else 0
        for anchor, p in p_anchors.items():
            if p_back is not None and p >= p_back:
                pages.setdefault(anchor, p + shift)
        current = _frame_layout(hub, prepared, plan, pages, tmp, f"frame{attempt + 1}")
        log.debug("frame laid out (%d), %.1f s CPU", attempt + 1, time.process_time())
        *_, c_anchors, c_end, c_back = current
        referenced = _frame_targets(prepared.root, plan)
        if (c_end, c_back) == (p_end, p_back) and all(
                c_anchors.get(i) == p_anchors.get(i) for i in referenced):
            frame = current + (starts, back_start, shift)
            break
        previous = current
    if frame is None:
        for _, conn, _ in workers:
            conn.send(("stop",))
        return None
    fdoc, fctx, fdiags, _, fend, fback, starts, back_start, shift = frame
    diags += fdiags
    offsets = {k: starts[k] - 1 for k in range(parts)}
    for _, conn, _ in workers:
        conn.send(("offsets", offsets))
    n = len(fdoc.pages)
    weasy.refolio(fdoc, fctx, [0 if (fback is None or i + 1 < fback) else shift for i in range(n)])

    front_glyphs = _snapshot_glyphs(fdoc, fend)
    with weasy.writing():
        frame_pdf = fdoc.write_pdf(**pdf.write_options(hub))
    frame_bookmarks = _bookmarks(fdoc)
    part_pdfs = _receive(workers, "pdf", parts)
    for k in range(parts):
        diags += part_pdfs[k][1]
    if any(d.is_error for d in diags):
        raise EditioError(_unique(diags))
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / f"{hub.context.name}.pdf"
    tmp_target = target.with_name(target.name + ".part")
    log.debug("all parts written, %.1f s CPU", time.process_time())
    _merge(frame_pdf, fend, fback, [part_pdfs[k][0] for k in range(parts)], counts,
           frame_bookmarks, [laid[k][2] for k in range(parts)], tmp_target, front_glyphs)
    tmp_target.replace(target)
    log.debug("merged, %.1f s CPU", time.process_time())
    return diags


def _frame_targets(source, plan) -> set[str]:
    """Ids that the contents and the page references of the frame point at."""
    out = set()
    for a in source.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and not any(x is plan.main for x in a.iterancestors()):
            out.add(href[1:])
    return out


def _layout_pages(front_end: int, counts: list[int]) -> tuple[list[int], int]:
    """First page of each part and of the back matter (each count ends before a recto)."""
    starts = []
    page = front_end + 1
    for n in counts:
        starts.append(page)
        page += n
    return starts, page


# --- merging ------------------------------------------------------------------------------


def _nums(tree) -> dict[int, object]:
    out = {}

    def walk(node):
        if "/Nums" in node:
            arr = node.Nums
            for i in range(0, len(arr), 2):
                out[int(arr[i])] = arr[i + 1]
        if "/Kids" in node:
            for kid in node.Kids:
                walk(kid)

    walk(tree)
    return out


def _names(tree) -> list[tuple[str, object]]:
    out = []

    def walk(node):
        if "/Names" in node:
            arr = node.Names
            for i in range(0, len(arr), 2):
                out.append((str(arr[i]), arr[i + 1]))
        if "/Kids" in node:
            for kid in node.Kids:
                walk(kid)

    walk(tree)
    return out


def _snapshot_glyphs(document, front_end: int) -> dict:
    """The text of each glyph as first drawn on the front matter pages (filled in while
    the PDF is written): in one document the first drawing of a glyph decides the text
    its ToUnicode entry gives (a hyphen and a hyphenation point share a glyph)."""
    snapshot: dict = {}
    if front_end <= 0:
        return snapshot
    page = document.pages[front_end - 1]
    paint = page.paint

    def paint_and_record(*args, **kwargs):
        result = paint(*args, **kwargs)
        for font in document.fonts.values():
            name = font.name.decode("latin-1")
            seen = snapshot.setdefault(name, {})
            for gid, text in font.to_unicode.items():
                seen.setdefault(gid, text)
        return result

    page.paint = paint_and_record
    return snapshot


def _unify_glyph_text(page_groups, front_glyphs: dict) -> None:
    """Give every glyph the text of its first drawing in the book, in all parts.

    ``page_groups`` are the pages of each part in book order, the frame last (its front
    pages came first, recorded in ``front_glyphs``)."""
    winners: dict = {name: dict(glyphs) for name, glyphs in front_glyphs.items()}
    cmaps = []
    for pages in page_groups:
        seen = set()
        for page in pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            for key in list(fonts.keys()):
                font = fonts[key]
                if "/ToUnicode" not in font or font.ToUnicode.objgen in seen:
                    continue
                seen.add(font.ToUnicode.objgen)
                entries = fontmerge.to_unicode(font.ToUnicode)
                name = str(font.BaseFont)
                for gid, text in entries.items():
                    winners.setdefault(name, {}).setdefault(gid, text)
                cmaps.append((font.ToUnicode, name, entries))
    done = set()
    for stream, name, entries in cmaps:
        if stream.objgen in done:
            continue
        done.add(stream.objgen)
        fixed = {gid: winners[name].get(gid, text) for gid, text in entries.items()}
        if fixed != entries:
            stream.write(fontmerge.write_cmap(fixed))


def _merge(frame_pdf, front_end, back_first, part_pdfs, counts, frame_bookmarks,
           part_bookmarks, target: Path, front_glyphs: dict) -> None:
    """One PDF of the frame's front pages, the first ``counts[k]`` pages of each part and
    the frame's back pages, with one structure tree, outline and name tree."""
    import pikepdf
    from pikepdf import Array, Dictionary

    out = pikepdf.open(io.BytesIO(frame_pdf))
    frame_pages = [p.obj for p in out.pages]
    front = frame_pages[:front_end]
    back = frame_pages[back_first - 1:] if back_first else []
    back_marks = frame_bookmarks[back_first - 1:] if back_first else []
    sroot = out.Root.StructTreeRoot
    frame_nums = _nums(sroot.ParentTree)
    docel = sroot.K[0] if isinstance(sroot.K, Array) else sroot.K
    frame_kids = list(docel.K)

    sequence = [(p, frame_nums) for p in front]      # (page, parent tree of its part)
    bookmarks = list(frame_bookmarks[:front_end])
    part_kids, page_groups, dests = [], [], []
    for k, data in enumerate(part_pdfs):
        src = pikepdf.open(io.BytesIO(data))
        kept = [out.copy_foreign(p.obj) for p in list(src.pages)[:counts[k]]]
        kept_ids = {p.objgen for p in kept}
        croot = out.copy_foreign(src.Root.StructTreeRoot)
        nums = _nums(croot.ParentTree)
        cdoc = croot.K[0] if isinstance(croot.K, Array) else croot.K
        part_kids.append([kid for kid in cdoc.K if _on_pages(kid, kept_ids)])
        page_groups.append(kept)
        sequence += [(p, nums) for p in kept]
        bookmarks += part_bookmarks[k][:counts[k]]
        if "/Names" in src.Root and "/Dests" in src.Root.Names:
            src_kept = {p.objgen for p in list(src.pages)[:counts[k]]}
            pairs = [(name, dest) for name, dest in _names(src.Root.Names.Dests)
                     if dest[0].objgen in src_kept]
            holder = out.copy_foreign(src.make_indirect(Array([d for _, d in pairs])))
            dests += [(name, dest) for (name, _), dest in zip(pairs, holder)]
        src.close()
    sequence += [(p, frame_nums) for p in back]
    bookmarks += back_marks

    # the page tree in book order; the parent tree renumbered: pages, then annotations
    while len(out.pages):
        del out.pages[len(out.pages) - 1]
    new_nums, annots = [], []
    for g, (page, nums) in enumerate(sequence):
        entry = nums.get(int(page.get("/StructParents", -1)), Array())
        page.StructParents = g
        out.pages.append(pikepdf.Page(page))
        new_nums += [g, entry]
        for annot in page.get("/Annots", []):
            if "/StructParent" in annot:
                annots.append((annot, nums.get(int(annot.StructParent))))
            _unxref(annot)
    key = len(sequence)
    for annot, owner in annots:
        annot.StructParent = key
        if owner is not None:
            new_nums += [key, owner]
        key += 1
    sroot.ParentTree = out.make_indirect(Dictionary(Nums=Array(new_nums)))
    sroot.ParentTreeNextKey = key

    # the parts' elements between the frame's front and back elements
    front_ids = {p.objgen for p in front}
    back_ids = {p.objgen for p in back}
    kids = [kid for kid in frame_kids if _on_pages(kid, front_ids)]
    for group in part_kids:
        kids += group
    kids += [kid for kid in frame_kids if _on_pages(kid, back_ids)]
    docel.K = Array(kids)
    for kid in kids:
        kid.P = docel
    # elements WeasyPrint hangs under the Document without listing them there
    for i in range(1, len(new_nums), 2):
        entry = new_nums[i]
        for el in (entry if isinstance(entry, Array) else [entry]):
            node = el
            while isinstance(node, Dictionary) and "/P" in node and node.get("/S") != "/Document":
                parent = node.P
                if parent.get("/S") == "/Document" and parent.objgen != docel.objgen:
                    node.P = docel
                    break
                node = parent

    # named destinations of every part, as one sorted name tree
    # an id on several parts (the <html> and <body> ids, <main>'s ancestors) is where
    # the book has it: in the first part holding it, the front matter first
    if "/Names" in out.Root and "/Dests" in out.Root.Names:
        frame_dests = _names(out.Root.Names.Dests)
        dests = ([d for d in frame_dests if d[1][0].objgen in front_ids] + dests
                 + [d for d in frame_dests if d[1][0].objgen in back_ids])
    flat, seen = [], set()
    for name, dest in sorted(dests, key=lambda d: d[0]):
        if name not in seen and name != SENTINEL:
            seen.add(name)
            flat += [pikepdf.String(name), dest]
    if flat:
        if "/Names" not in out.Root:
            out.Root.Names = Dictionary()
        out.Root.Names.Dests = out.make_indirect(Dictionary(Names=Array(flat)))

    _unify_glyph_text(page_groups + [front + back], front_glyphs)
    fontmerge.merge_fonts(out)
    _outline(out, bookmarks)
    out.save(target, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _on_pages(el, page_ids: set) -> bool:
    page = _first_page(el)
    return page is not None and page.objgen in page_ids


def _first_page(el):
    """The page of a structure element: its own /Pg or the first found below it."""
    from pikepdf import Array, Dictionary

    stack = [el]
    while stack:
        node = stack.pop(0)
        if not isinstance(node, Dictionary):
            continue
        if "/Pg" in node:
            return node.Pg
        kids = node.get("/K")
        if isinstance(kids, Array):
            stack.extend(kids)
        elif kids is not None:
            stack.append(kids)
    return None


def _unxref(annot) -> None:
    from pikepdf import String

    action = annot.get("/A")
    if action is None or "/URI" not in action:
        return
    uri = str(action.URI)
    if not uri.startswith(XREF):
        return
    name = unquote(uri[len(XREF):])
    del annot["/A"]
    annot.Dest = String(name)
    if "/Contents" in annot:
        annot.Contents = String(name)


def _outline(out, bookmarks) -> None:
    """The outline of the whole book, nested by WeasyPrint's rules across the parts."""
    from types import SimpleNamespace

    from pikepdf import Array, Dictionary, Name, String

    root = []
    skipped, last_by_depth, previous = [], [root], 0
    for number, (marks, height) in enumerate(bookmarks):
        page = SimpleNamespace(bookmarks=marks, height=height)
        previous = weasy.page_bookmark_tree(page, skipped, last_by_depth, previous, number, height)
    if "/Outlines" in out.Root:
        del out.Root["/Outlines"]
    if not root:
        return
    pages = out.pages

    def build(items, parent):
        made = []
        count = len(items)
        for title, (page, x, y), children, state in items:
            item = out.make_indirect(Dictionary(
                Title=String(title), Dest=Array([pages[page].obj, Name.XYZ, x, y, 0])))
            kids, kid_count = build(children, item)
            item.Count = -kid_count if state == "closed" else kid_count
            if state != "closed":
                count += kid_count
            if made:
                item.Prev = made[-1]
                made[-1].Next = item
            if kids:
                item.First = kids[0]
                item.Last = kids[-1]
            item.Parent = parent
            made.append(item)
        return made, count

    top = out.make_indirect(Dictionary(Type=Name.Outlines))
    made, count = build(root, top)
    top.First, top.Last, top.Count = made[0], made[-1], count
    out.Root.Outlines = top
    out.Root.PageMode = Name.UseOutlines
