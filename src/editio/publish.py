"""Where an edition goes: its name, its private staging folder, what it may not replace.

``editio build tei/NAME.xml --out OUT`` writes ``OUT/NAME/``, so the file's name decides
a folder editio creates and fills, and it must never decide one outside ``OUT`` (``..``),
nor ``OUT`` itself (``.``), nor a hidden one (editio's staging folders are hidden). The
edition is written first into ``OUT/.NAME.XXXX`` (the staging folder) and moved into
place when every format is done. A build that is killed leaves its staging folder behind;
the next build of the same edition removes it, and only it: a staging folder holds a
marker that its build keeps locked while it runs, so a folder whose lock can be taken is
one whose build is gone, and a folder without the marker was not made by editio.

The staging folder is also where the disk fills up or turns out to be read-only:
:func:`storage_problem` tells those faults of the machine from faults of editio.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

MARKER = ".editio-staging"
#: Characters no edition name may hold: path separators, what Windows refuses in file
#: names, and the ':' that would make NAME.pdf a URL scheme in a link.
FORBIDDEN = set('/\\:*?"<>|')
#: The nesting depth from which a writer runs with a larger stack (see :func:`deep_call`),
#: the recursion limit it then has, and the stack that holds it.
DEEP = 64
DEEP_LIMIT = 30_000
DEEP_STACK = 1024 * 2**20
#: Faults of the machine, not of editio: no space, no quota, a read-only file system…
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}
#: … and, when they concern a file in --out, a folder that may not be written or is no folder.
OUT_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EEXIST, errno.EISDIR, errno.EIO,
              errno.ENAMETOOLONG}


def name_problem(path: Path) -> str | None:
    """Why the file's name cannot name an edition folder, or None when it can."""
    name = Path(path).stem
    shown = repr(name)
    if name in ("", ".", ".."):
        return (f"the file name gives the edition name {shown}, which names no folder of its own "
                "(the edition would be written into --out itself or beside it); rename the file, "
                "e.g. to text.xml")
    if name.startswith("."):
        return (f"the edition name {shown} starts with '.', which would make a hidden folder "
                "(editio's own working folders in --out are hidden); rename the file")
    if any(c in FORBIDDEN or ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return (f"the edition name {shown} holds a character a folder name or link may not hold "
                "(/ \\ : * ? \" < > | or a control character); rename the file")
    return None


def same_names(paths) -> dict[str, list[Path]]:
    """Edition names given by more than one of ``paths`` (each would overwrite the other)."""
    seen: dict[str, list[Path]] = {}
    for path in paths:
        seen.setdefault(Path(path).stem, []).append(Path(path))
    return {name: found for name, found in seen.items() if len(found) > 1}


# --- the staging folder -------------------------------------------------------------------


class _LockedFolder:
    """A new folder ``WHERE/PREFIXXXXX`` holding a marker this process keeps locked; the
    unlocked ones of the same prefix (their process was killed) are removed first."""

    def __init__(self, where: Path, prefix: str, sweep: str | None = None):
        where = Path(where)
        where.mkdir(parents=True, exist_ok=True)
        _remove_unlocked(where, sweep or prefix)
        self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=where))
        self._lock = None
        try:
            # the marker appears already locked (locked under another name, then renamed):
            # another build sweeping meanwhile must not find it unlocked and take the folder
            unlocked = self.folder / f"{MARKER}.new"
            self._lock = os.open(unlocked, os.O_RDWR | os.O_CREAT, 0o600)
            _lock(self._lock, wait=False)
            os.rename(unlocked, self.folder / MARKER)
        except OSError:
            self.close()
            raise

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None

    def __enter__(self) -> Path:
        return self.folder

    def __exit__(self, *exc) -> None:
        self.close()


class Staging(_LockedFolder):
    """``OUT/.NAME.XXXX``, locked by this build while it exists."""

    def __init__(self, out: Path, name: str):
        super().__init__(Path(out), f".{name}.")
        remove_stale_scratch()


class Scratch(_LockedFolder):
    """A private folder in the system's temporary folder for a build's intermediate files
    (the checked copies of images, the parts of a parallel PDF). Locked like a staging
    folder, so the next build removes what a killed one left in the temporary folder."""

    def __init__(self, kind: str):
        super().__init__(Path(tempfile.gettempdir()), f"editio-{kind}-", sweep=SCRATCH_PREFIX)


SCRATCH_PREFIX = "editio-"


@contextlib.contextmanager
def temporary_files_in_scratch(kind: str) -> Iterator[Path]:
    """Inside the block, the temporary files of the libraries editio calls (WeasyPrint's
    font folders) go into a scratch folder of editio's: a build killed in the middle
    leaves them there, and the next build removes them with the folder."""
    with Scratch(kind) as folder:
        previous = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield folder
        finally:
            tempfile.tempdir = previous


def remove_stale_scratch() -> list[Path]:
    """Remove the scratch folders of killed builds (any kind) from the temporary folder."""
    return _remove_unlocked(Path(tempfile.gettempdir()), SCRATCH_PREFIX)


def _lock(fd: int, wait: bool) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False


def remove_stale(out: Path, name: str) -> list[Path]:
    """Remove ``OUT/.NAME.*`` folders left by builds that were killed; return them.

    Only folders with editio's marker whose lock nobody holds: a build still running
    (``make -j`` builds the formats of one edition at once) keeps its folder.
    """
    return _remove_unlocked(Path(out), f".{name}.")


def _remove_unlocked(where: Path, prefix: str) -> list[Path]:
    removed = []
    with contextlib.suppress(OSError):
        candidates = [p for p in where.iterdir() if p.name.startswith(prefix)]
        for folder in candidates:
            marker = folder / MARKER
            if folder.is_symlink() or not folder.is_dir() or not marker.is_file():
                continue
            try:
                fd = os.open(marker, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
            except OSError:
                continue
            try:
                if _lock(fd, wait=False):
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
            finally:
                os.close(fd)
    return removed


# --- faults of the machine ----------------------------------------------------------------


def storage_problem(exc: BaseException, out: Path) -> str | None:
    """What to tell about an OSError writing the edition (None: not a storage fault)."""
    if not isinstance(exc, OSError):
        return None
    if exc.errno not in FULL_ERRNOS and not (exc.errno in OUT_ERRNOS and _inside(exc.filename, out)):
        return None
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        advice = "the disk (or your quota) is full; free some space, or build with --out on another disk"
    elif exc.errno == errno.EROFS:
        advice = "it is on a read-only file system; give --out a folder you can write to"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        advice = "you may not write there; give --out a folder you can write to"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST) and Path(out).exists() and not Path(out).is_dir():
        advice = "it is a file, not a folder; give --out a folder (it is created if missing)"
    else:
        advice = "give --out another folder"
    return f"cannot write the edition into --out {out}: {exc.strerror or exc}{where}; {advice}"


def _inside(filename, out: Path) -> bool:
    if not filename:
        return False
    try:
        here, folder = Path(os.fsdecode(filename)).absolute(), Path(out).absolute()
    except (TypeError, ValueError):
        return False
    return here == folder or folder in here.parents


def clashes(edition_dir: Path, names, inputs) -> list[tuple[str, Path]]:
    """(name, input) for each output that would replace an input or a folder holding one."""
    found = []
    for name in names:
        target = Path(edition_dir) / name
        if not (target.exists() or target.is_symlink()):
            continue
        here = target.resolve()
        for source in inputs:
            if source == here or here in source.parents:
                found.append((name, source))
                break
    return found


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait while the edition is moved into place, so a stopped build
    publishes all of its outputs or none."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    usable = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked) if usable else None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# --- deep documents ------------------------------------------------------------------------


def depth(root) -> int:
    """How deep the elements of ``root`` nest."""
    from lxml import etree

    level = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest


def deep_call(function, *args, levels: int = 0):
    """``function(*args)``, in a thread with room for deep nesting when the hub has
    ``levels`` of it, or when the plain call ran out of recursion.

    TEI nests as deep as the parser allows (256 levels): a note in a note… A writer walks
    such a tree recursively, as WeasyPrint lays out boxes in boxes, and Python's default
    limit of 1000 frames is reached at about sixty levels. A deep document is therefore
    written in a thread with a large stack and a higher recursion limit, so it is laid out
    instead of failing with a RecursionError. An interrupt (SIGINT, SIGTERM) still stops
    the build at once: the main thread only waits for the writer.
    """
    if levels < DEEP:
        try:
            return function(*args)
        except RecursionError:
            pass         # a writer may nest deeper than the hub (notes in notes as footnotes)
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:      # handed to the caller, never printed by the thread
            outcome["error"] = exc

    limit = sys.getrecursionlimit()
    size = threading.stack_size()
    sys.setrecursionlimit(max(limit, DEEP_LIMIT, 200 * levels))
    try:
        threading.stack_size(DEEP_STACK)
        try:
            worker = threading.Thread(target=run, name="editio-writer", daemon=True)
            worker.start()
        finally:
            threading.stack_size(size)
        worker.join()
    finally:
        sys.setrecursionlimit(limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
