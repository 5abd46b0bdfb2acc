"""Orchestration: load → validate → transform → write each format, atomically.

One parse and one transform feed every writer. Each writer fills a private temporary
folder; only when all requested formats succeeded are their files moved into
``OUT/NAME/``, so a failed build leaves the previous edition intact and never half a book.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import __version__, atomic, beside, clock, publish
from .diagnostics import Diagnostic, EditioError, error
from .model import BuildContext, Hub

# format name → (module, the outputs it owns inside the edition folder, given NAME)
# A module is "package.module" (its write()) or "package.module:function".
# The order is the order of writing: citations come last because they read the EPUB and PDF.
WRITERS: dict[str, tuple[str, Callable[[str], list[str]]]] = {
    "html": ("editio.writers.web", lambda name: ["index.html", "assets"]),
    "epub": ("editio.writers.epub", lambda name: [f"{name}.epub"]),
    "pdf": ("editio.writers.pdf", lambda name: [f"{name}.pdf"]),
    "docx": ("editio.writers.pandoc:write_docx", lambda name: [f"{name}.docx"]),
    "odt": ("editio.writers.pandoc:write_odt", lambda name: [f"{name}.odt"]),
    "md": ("editio.writers.pandoc:write_md", lambda name: [f"{name}.md"]),
    "tei": ("editio.writers.tei", lambda name: [f"{name}.xml"]),
    "citations": ("editio.writers.citations", lambda name: ["citations.json", f"{name}.csl.json",
                                                     f"{name}.bib", "bibliography.csl.json"]),
}
DEFAULT_FORMATS = ("html", "epub", "pdf")
# Formats that come with another: the web edition publishes the TEI it was made from
# (NAME.xml, linked from its page), so a web edition is never without its source.
IMPLIED: dict[str, tuple[str, ...]] = {"html": ("tei",)}


# Formats that read only the hub and write only their own files: with more than one
# process allowed, a forked process writes them while this one writes the others.
BESIDE_FORMATS = frozenset({"tei"})
# From this size of TEI on, validation runs in a second process beside the transform
# (below it, starting the process costs about what it saves).
BESIDE_MIN_BYTES = 200_000


def register_writer(fmt: str, module: str, outputs: Callable[[str], list[str]]) -> None:
    """Let a format module (exports, TEI for reuse) join the build without editing it."""
    WRITERS[fmt] = (module, outputs)


@dataclass
class BuildResult:
    source: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def edition_name(path: Path) -> str:
    return path.stem


def make_context(path: Path, *, strict: bool, base_url: str = "", verbose: bool = False,
                 jobs: int = 1, quiet: bool = False) -> BuildContext:
    when = clock.source_date()
    return BuildContext(
        source_path=path,
        name=edition_name(path),
        strict=strict,
        editio_version=__version__,
        build_date=when.date().isoformat(),
        modified=clock.iso_seconds(when),
        base_url=base_url,
        verbose=verbose,
        quiet=quiet,
        jobs=jobs,
    )


def prepare(path: Path, *, strict: bool, base_url: str = "", verbose: bool = False,
            jobs: int = 1, timings: dict | None = None, quiet: bool = False,
            deferred: list | None = None) -> tuple[Hub | None, list[Diagnostic]]:
    """Load, validate and transform: the work every format shares, done once per content.

    The result is kept in :mod:`.hub.cache`: the next format of the same edition (``make``
    runs one process per format) and the next build of an unchanged TEI start from it.

    When a long text is validated by a second process and ``deferred`` is a list, the hub
    is returned as soon as it is made, and a function that waits for the validation is
    appended to ``deferred``: the caller writes the formats meanwhile and publishes them
    only if that function's diagnostics have no error.
    """
    from .hub import cache, transform
    from .source import load as source
    from .source import validate

    timings = timings if timings is not None else {}
    context = make_context(path, strict=strict, base_url=base_url, verbose=verbose, jobs=jobs,
                           quiet=quiet)
    t0 = time.perf_counter()
    entry_key = None
    try:
        data = source.read(path)
    except EditioError:
        data = None      # load() reports it, located
    if data is not None:
        entry_key = cache.key(data, Path(path), strict=strict, base_url=base_url,
                              build_date=context.build_date)
        entry = cache.get(entry_key)
        if entry is not None:
            hub = transform.with_resources(cache.tree_of(entry), entry.metadata, [], context)
            timings["hub from cache"] = time.perf_counter() - t0
            return hub, entry.diagnostics + hub.diagnostics
    try:
        tree = source.load(path)
    except EditioError as exc:
        return None, exc.diagnostics
    t1 = time.perf_counter()
    timings["load"] = t1 - t0
    if jobs > 1 and len(data or b"") >= BESIDE_MIN_BYTES and beside.possible():
        # A long text is validated by a second process while this one transforms it (the
        # transform of an invalid text is thrown away).
        validated = beside.start(validate.validate, path, tree, strict=strict)
        try:
            transformed = _transformed(tree, context)
        except BaseException:       # interrupted, or a fault: the child's work is not needed
            validated.close()
            raise
        if deferred is not None and not isinstance(transformed, EditioError):
            return _deferred_hub(path, tree, transformed, validated, context, entry_key, timings, t1,
                                 deferred)
        diagnostics = validated.result()
        stage, since = "transform (validated beside it)", t1
    else:
        diagnostics = validate.validate(path, tree, strict=strict)
        since = time.perf_counter()
        timings["validate"] = since - t1
        transformed, stage = None, "transform"
    if any(d.is_error for d in diagnostics):
        return None, diagnostics
    transformed = transformed or _transformed(tree, context)
    if isinstance(transformed, EditioError):
        return None, diagnostics + transformed.diagnostics
    html, metadata, found = transformed
    found = _placed(path, tree, found, diagnostics)
    if entry_key is not None:
        cache.put(entry_key, html, metadata, diagnostics + found)
    hub = transform.with_resources(html, metadata, found, context)
    timings[stage] = time.perf_counter() - since
    return hub, diagnostics + hub.diagnostics


def _deferred_hub(path: Path, tree, transformed, validated: beside.Pending, context: BuildContext,
                  entry_key: str | None, timings: dict, since: float,
                  deferred: list) -> tuple[Hub, list[Diagnostic]]:
    """The hub at once, its validation to be waited for later (see :func:`prepare`)."""
    from .hub import cache, transform

    html, metadata, found = transformed
    # (the hub as the transform made it is what the cache keeps; the resources change it)
    kept = etree.tostring(html, encoding="unicode") if entry_key is not None and cache.folder() else None
    hub = transform.with_resources(html, metadata, [], context)
    timings["transform (validation goes on beside it)"] = time.perf_counter() - since

    def finish() -> list[Diagnostic]:
        """The validation's diagnostics and the transform's, placed; the hub is cached only
        for a valid text."""
        diagnostics = validated.result()
        if any(d.is_error for d in diagnostics):
            return diagnostics
        placed = _placed(path, tree, found, diagnostics)
        if kept is not None:
            cache.put(entry_key, kept, metadata, diagnostics + placed)
        return diagnostics + placed

    finish.close = validated.close
    deferred.append(finish)
    return hub, hub.diagnostics


def _transformed(tree, context):
    """The transform's result, or the located error that stopped it."""
    from .hub import transform

    try:
        return transform.transform_text(tree, context)
    except EditioError as exc:
        return exc


_NAMED_ELEMENT = re.compile(r"element <([^>\s]+)>")


def _placed(path: Path, tree, found: list[Diagnostic], validation: list[Diagnostic]) -> list[Diagnostic]:
    """The transform's warnings, each once, at the element it names.

    A warning that names an element is dropped when validation already reported that
    element (the schema's message says what to do; the transform's would only repeat it);
    one the stylesheet could not place (0:0) is moved to the element's first occurrence.
    """
    from .source.positions import SourceMap

    reported = {m.group(1) for d in validation for m in _NAMED_ELEMENT.finditer(d.message)}
    where = None
    placed = []
    for d in found:
        match = _NAMED_ELEMENT.search(d.message)
        if match is not None and match.group(1) in reported:
            continue
        if match is None or d.line != 0:
            placed.append(d)
            continue
        name = match.group(1)
        element = next((e for e in tree.iter() if isinstance(e.tag, str)
                        and etree.QName(e).localname == name.rpartition(":")[2]), None)
        if element is not None:
            where = where or SourceMap(path, tree)
            line, column = where.start(element)
            d = dataclasses.replace(d, line=line, column=column)
        placed.append(d)
    return placed


def fault(path: Path, fmt: str, exc: BaseException) -> Diagnostic:
    """An unexpected failure of one writer, as a message: the format, what failed and
    where in editio, and what to do. The other formats are still published."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = frames[-1] if frames else None
    place = f" in {Path(where.filename).name}:{where.lineno} ({where.name})" if where else ""
    what = ("nesting deeper than the writer can follow" if isinstance(exc, RecursionError)
            else f"{type(exc).__name__}: {exc}")
    return error(path, f"the {fmt} edition could not be written ({what}{place}); the other formats "
                       f"were built. This is a fault in editio, not in the TEI: please report it "
                       f"with this file, or build without --format {fmt}", "E-WRITE-1", line=1, column=1)


def _discard(folder: Path, names, keep) -> None:
    """Remove the named outputs from ``folder``; never one of ``keep`` (the inputs) nor a
    folder holding one."""
    for name in names:
        target = folder / name
        if publish.clashes(folder, [name], [Path(k).resolve() for k in keep]):
            continue
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target, ignore_errors=True)
        elif target.exists() or target.is_symlink():
            target.unlink()


def build(path: Path, formats=DEFAULT_FORMATS, out: Path = Path("dist"), *, strict: bool = False,
          base_url: str = "", verbose: bool = False, jobs: int = 1, quiet: bool = False,
          progress: Callable[[str, str, float], None] | None = None,
          report: Callable[[list[Diagnostic]], None] | None = None) -> BuildResult:
    """Build the requested formats of one TEI file into ``out/NAME/``.

    ``progress(name, step, seconds)`` is called as each format is written (and, before
    them, after load, validate and transform); ``report(diagnostics)`` as each stage finds
    problems, so a caller can print them in the order they happen.
    """
    from .source import load as source

    path = Path(path)
    try:
        data = source.read(path)
    except EditioError:
        data = None      # prepare() reports it, located
    with source.pinned(path, data) if data is not None else contextlib.nullcontext():
        return _build(path, formats, out, strict=strict, base_url=base_url, verbose=verbose, jobs=jobs,
                      quiet=quiet, progress=progress, report=report)


def _build(path: Path, formats, out: Path, *, strict: bool, base_url: str, verbose: bool, jobs: int,
           quiet: bool, progress, report) -> BuildResult:
    """:func:`build`, with the TEI's bytes pinned: every format is made from one read."""
    result = BuildResult(source=path)

    def add(found) -> None:
        found = list(found)
        result.diagnostics.extend(found)
        if report is not None and found:
            report(found)

    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        add([error(path, f"unknown format(s): {', '.join(unknown)}; "
                         f"choose from {', '.join(WRITERS)}", "E-CLI-1")])
        return result
    problem = publish.name_problem(path)
    if problem is not None:
        add([error(path, problem, "E-NAME-1", 1, 1)])
        return result
    deferred: list = []        # the validation of a long text, still going on beside
    hub, diagnostics = prepare(path, strict=strict, base_url=base_url, verbose=verbose,
                               jobs=jobs, timings=result.timings, quiet=quiet, deferred=deferred)
    if progress and verbose:
        for stage, seconds in result.timings.items():
            progress(edition_name(path), stage, seconds)
    add(diagnostics)
    if hub is None:
        return result
    try:
        return _write_all(path, formats, out, hub, result, add, progress, deferred)
    finally:
        for finish in deferred:
            finish.close()


def _validated(deferred: list, add) -> bool:
    """Wait for a validation still going on beside; False when it found an error."""
    while deferred:
        found = deferred.pop()()
        add(found)
        if any(d.is_error for d in found):
            return False
    return True


def _write_all(path: Path, formats, out: Path, hub: Hub, result: BuildResult, add, progress,
               deferred: list) -> BuildResult:
    """Write every format into a staging folder, then publish them all, or nothing. A text
    whose validation goes on beside is published only once it is known to be valid; the
    formats' diagnostics are held until then, so they are reported after the validation's,
    as when it is done first."""
    held: list[Diagnostic] = []

    def note(found) -> None:
        (held.extend if deferred else add)(list(found))

    def settle() -> bool:
        valid = _validated(deferred, add)
        add(held)
        held.clear()
        return valid

    # An implied format reports its errors only: its warnings (unresolved pointers…) repeat
    # what validation said, and are for whoever asks for that format by name.
    implied = {more for fmt in formats for more in IMPLIED.get(fmt, ())} - set(formats)
    formats = sorted(dict.fromkeys([*formats, *implied]), key=list(WRITERS).index)
    edition_dir = Path(out) / hub.context.name
    hub.context.edition_dir = edition_dir
    inputs = hub.inputs or [path.resolve()]
    try:
        stage = publish.Staging(Path(out), hub.context.name)
    except OSError as exc:
        add([error(path, publish.storage_problem(exc, Path(out)) or f"cannot write into --out {out}: "
                   f"{exc.strerror or exc}; give --out a folder you can write to", "E-OUT-1", 1, 1)])
        return result
    staging = stage.folder
    levels = publish.depth(hub.root)
    failed: list[str] = []
    # A format that needs nothing but the hub is written by a second process meanwhile.
    pending = {fmt: beside.start(_write_format, fmt, hub, staging, levels)
               for fmt in formats if fmt in BESIDE_FORMATS and len(formats) > 1
               and hub.context.jobs > 1 and beside.possible()}
    try:
        for fmt in formats:
            t0 = time.perf_counter()
            try:
                written = (pending.pop(fmt).result() if fmt in pending
                           else _write_format(fmt, hub, staging, levels))
            except EditioError as exc:
                written = exc.diagnostics
            except Exception as exc:
                from .fonts import FontMissing  # imported here: 'editio validate' needs no fonts

                problem = publish.storage_problem(exc, Path(out))
                if problem is not None:
                    # the disk, not editio: nothing of this build is published
                    add([error(path, problem, "E-OUT-1", 1, 1)])
                    return result
                if isinstance(exc, FontMissing):
                    written = [error(path, str(exc), "E-FONT-1")]
                else:
                    written = [fault(path, fmt, exc)]
                    failed.append(fmt)
                    _discard(staging, WRITERS[fmt][1](hub.context.name), inputs)
            elapsed = time.perf_counter() - t0
            result.timings[fmt] = elapsed
            if (fmt in failed or any(d.is_error for d in written)) and not settle():
                return result       # the text is invalid: that, not the format's fault, is said
            note([d for d in written if d.is_error] if fmt in implied else written)
            if fmt not in failed and any(d.is_error for d in written):
                return result
            if progress and fmt not in failed:
                progress(hub.context.name, fmt, elapsed)
        if not settle():
            return result
        produced = [name for fmt in formats if fmt not in failed
                    for name in WRITERS[fmt][1](hub.context.name) if (staging / name).exists()]
        # Shared assets a writer may add beside its output (e.g. images for the web edition).
        extras = sorted(p.name for p in staging.iterdir() if p.name != publish.MARKER and p.name not in produced)
        # An edition never replaces what it was made from (a TEI built into its own folder).
        clash = publish.clashes(edition_dir, produced + extras, inputs)
        if clash:
            name, source = clash[0]
            add([error(path, f"publishing {edition_dir / name} would replace {source}, which this "
                       "edition is made from; nothing was written: build into another folder "
                       "(--out)", "E-OUT-2", 1, 1)])
            return result
        try:
            with publish.signals_deferred():
                edition_dir.mkdir(exist_ok=True)
                # A format that failed leaves no output of an earlier build beside the new ones.
                _discard(edition_dir, [n for fmt in failed for n in WRITERS[fmt][1](hub.context.name)],
                         inputs)
                for name in produced + extras:
                    atomic.replace(staging / name, edition_dir / name)
                    if name in produced:
                        result.outputs.append(edition_dir / name)
        except OSError as exc:
            add([error(path, publish.storage_problem(exc, Path(out)) or f"cannot publish the edition "
                       f"in {edition_dir}: {exc.strerror or exc}", "E-OUT-1", 1, 1)])
            return result
    finally:
        for rest in pending.values():
            rest.close()
        stage.close()
    return result


def _write_format(fmt: str, hub: Hub, staging: Path, levels: int) -> list[Diagnostic]:
    """Write one format into the staging folder; its diagnostics."""
    module_name, _, function = WRITERS[fmt][0].partition(":")
    writer = getattr(importlib.import_module(module_name), function or "write")
    return publish.deep_call(writer, hub, staging, levels=levels) or []
