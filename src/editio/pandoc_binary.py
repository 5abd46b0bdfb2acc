"""The pandoc program editio runs: the one the ``pypandoc-binary`` wheel carries.

It runs offline and is the same on every machine (no system pandoc is looked for). The
hub runs it to typeset TeX formulas (:mod:`editio.hub.math`), the export writers to
write Markdown, DOCX and ODT (:mod:`editio.writers.pandoc`).
"""

from __future__ import annotations

import functools
import json
import subprocess

from .diagnostics import EditioError, error


def pandoc_path() -> str:
    """Where the pandoc program is; an error that says what to install when it is not."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise EditioError(error("pandoc", f"pandoc is not available ({exc}); install the "
                                "pypandoc-binary package", "E-EXP-2")) from None


@functools.cache
def pandoc_api_version() -> list[int]:
    """The version of pandoc's document model, which a JSON document given to it states."""
    proc = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "json"], input=b"x",
                          capture_output=True, timeout=60, check=True)
    return json.loads(proc.stdout)["pandoc-api-version"]
