"""Where editio keeps what it can make again (font subsets, validated hubs) between builds.

One folder per kind under ``$EDITIO_CACHE`` (or the XDG cache, ``~/.cache/editio``);
``EDITIO_CACHE=off`` turns every cache off. A cache changes what a build costs, never
what it writes.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder(kind: str) -> Path | None:
    """The folder of one kind of cache entry, or None when caches are off."""
    explicit = os.environ.get("EDITIO_CACHE")
    if explicit == "off":
        return None
    if explicit:
        return Path(explicit) / kind
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "editio" / kind
