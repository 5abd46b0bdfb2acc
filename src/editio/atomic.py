"""Writing files so that a reader never sees half of one.

Every output is first written beside its destination under a hidden temporary name and
then renamed over it (``os.replace`` is atomic on one file system), so a crash, a kill or
a full disk leaves the old file or the new one, never a truncated mix. Folders are
swapped in with two renames.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    For writers that need a file name (a zip library, a subprocess). On an error the
    temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp makes the file private (0600); an edition is published: the mode a
        # new file gets from the umask, as with open()
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with replacing(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))


def replace(src: Path, dest: Path) -> None:
    """Move ``src`` over ``dest``: one rename for a file, two for a folder.

    A folder ``dest`` is first renamed aside, then ``src`` takes its name, then the old
    one is deleted: at every moment ``dest`` is either the old folder or the new one.
    """
    src, dest = Path(src), Path(dest)
    if src.is_dir():
        trash = None
        if dest.exists():
            trash = dest.with_name(f".{dest.name}.old-{os.getpid()}")
            os.replace(dest, trash)
        os.replace(src, dest)
        if trash is not None:
            shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(src, dest)
