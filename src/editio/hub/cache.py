"""The validated, transformed hub of an edition, kept between processes.

``make`` runs one process per format, and a rebuild after a change to a stylesheet of
one medium runs them again: each would parse, validate and transform the same TEI. The
hub (the transform's HTML, the metadata, the messages of validation and transform) is
therefore kept in a cache keyed by everything it is made from: the TEI's bytes, editio's
version, every file of the stylesheets, the schemas and the Python that validates and
transforms, and the options that reach the transform (strict, base URL, build date, the
file's path, which names the edition and every message). A change to any of them is a
new key, so a stale hub is never served.

What depends on other files than the TEI (the images it points to) is not cached: it is
resolved again on every build. Entries are written atomically, so builds running at once
(``make -j``) can share the folder. An entry is JSON (plain strings, lists and numbers,
never code: whoever can write to the cache folder can change an edition's text, not run
anything) holding the HTML as text.
The folder is ``$EDITIO_CACHE/hubs`` (or ``~/.cache/editio/hubs``); ``EDITIO_CACHE=off``
turns every cache off, ``EDITIO_CACHE_HUBS=off`` this one only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields
from importlib.resources import files
from pathlib import Path

from lxml import etree

from .. import __version__, atomic, caches
from ..diagnostics import Diagnostic
from ..model import Metadata

#: Entries kept; the oldest beyond this are removed when a new one is written.
MAX_ENTRIES = 256
#: Bumped when the shape of an entry changes.
FORMAT = 2


@dataclass
class Entry:
    html: bytes                      # the hub tree, serialised as XML
    metadata: Metadata
    diagnostics: list[Diagnostic]    # validation, then transform, in order


def folder() -> Path | None:
    if os.environ.get("EDITIO_CACHE_HUBS") == "off":
        return None
    return caches.folder("hubs")


@functools.cache
def _code_digest() -> str:
    """Digest of every file that decides what the hub of a given TEI is."""
    here = Path(__file__).resolve().parent
    package = here.parent
    sources = sorted([*package.joinpath("source").glob("*.py"), *here.glob("*.py"),
                      package / "diagnostics.py", package / "model.py", package / "i18n.py",
                      package / "pandoc_binary.py"])
    styles = Path(str(files("editio.styles")))
    schema = Path(str(files("editio.schema")))
    sources += sorted(p for p in styles.rglob("*") if p.suffix in (".xsl", ".xml"))
    sources += sorted(p for p in schema.iterdir() if p.suffix in (".rng", ".sch"))
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|".encode())
    for path in sources:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(_pandoc_stamp().encode())
    return digest.hexdigest()


def _pandoc_stamp() -> str:
    """Size and time of the pandoc program that typesets TeX formulas (hub.math): another
    pandoc may write other MathML. Found without importing pypandoc or running pandoc."""
    import importlib.util

    with contextlib.suppress(ImportError, ValueError, OSError, TypeError):
        spec = importlib.util.find_spec("pypandoc")
        if spec is not None and spec.origin:
            info = (Path(spec.origin).parent / "files" / "pandoc").stat()
            return f"pandoc|{info.st_size}|{info.st_mtime_ns}"
    return "pandoc|none"


def key(data: bytes, path: Path, *, strict: bool, base_url: str, build_date: str) -> str:
    """The options that reach the transform; the build's time of day does not (only the
    writers read it, from the build's own context)."""
    digest = hashlib.sha256(_code_digest().encode())
    for part in (str(path), str(strict), base_url, build_date):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def get(entry_key: str) -> Entry | None:
    where = folder()
    if where is None:
        return None
    try:
        data = json.loads((where / f"{entry_key}.json").read_text(encoding="utf-8"))
        names = {f.name for f in fields(Metadata)}
        metadata = Metadata(**{k: v for k, v in data["metadata"].items() if k in names})
        diagnostics = [Diagnostic(**d) for d in data["diagnostics"]]
        return Entry(data["html"].encode("utf-8"), metadata, diagnostics)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def put(entry_key: str, tree: etree._ElementTree | str, metadata: Metadata, diagnostics: list[Diagnostic]) -> None:
    """Keep a hub (its tree, or the tree already serialised) with its metadata and diagnostics."""
    where = folder()
    if where is None:
        return
    html = tree if isinstance(tree, str) else etree.tostring(tree, encoding="unicode")
    entry = {"html": html, "metadata": asdict(metadata),
             "diagnostics": [d.as_dict() for d in diagnostics]}
    with contextlib.suppress(OSError):     # a read-only home only costs time
        where.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(where / f"{entry_key}.json",
                           json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        _prune(where)


def tree_of(entry: Entry) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             remove_blank_text=False)
    return etree.ElementTree(etree.fromstring(entry.html, parser))


def _prune(where: Path) -> None:
    entries = list(where.glob("*.json"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            old.unlink()
