"""``editio new``: a newcomer's first TEI file, valid from the start.

Writing a TEI header from nothing is where most first texts stall: the strict rules want a
title, a responsible person, a publisher, a licence, a source and a declared language
before anything can be built. ``editio new`` writes a small document of the chosen kind
that already passes them, with comments at each place where the user's own text, notes,
names and sources go, and placeholders in square brackets that a reader cannot mistake for
finished work.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

from . import clock

# The kinds of text there is a template for: src/editio/templates/KIND.xml. The first is the default.
KINDS = ("prose", "letter", "play", "poem", "bibliography")

# A name becomes a file stem, an edition folder and part of the EPUB's and PDF's file
# names, so it stays within what every file system, URL and shell takes as it is.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class NewTextError(Exception):
    """A request ``editio new`` refuses: the message says what to do instead."""


def check_name(name: str) -> str:
    """Return ``name`` if it is a safe file stem, else say which characters are allowed."""
    if not _SAFE_NAME.fullmatch(name):
        raise NewTextError(f"{name!r} cannot be the name of a text: use the letters A-Z and a-z, digits, "
                           "'-' and '_' only, starting with a letter or a digit (for example "
                           "'letter-1838-escher')")
    return name


def placeholder_title(name: str) -> str:
    """The title a new file carries until the user gives it its own: bracketed, so it shows."""
    return f"[Title of {name}]"


def render(kind: str, name: str) -> str:
    """The text of a new ``NAME.xml`` of ``kind``, with its title, date and name filled in.

    The date is the build date (``SOURCE_DATE_EPOCH`` when set, else today), so a file made
    by a test or a reproducible run does not depend on the day it ran.
    """
    if kind not in KINDS:
        raise NewTextError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    template = resources.files("editio.templates").joinpath(f"{kind}.xml").read_text(encoding="utf-8")
    date = clock.source_date().date().isoformat()
    return Template(template).substitute(title=placeholder_title(name), date=date, name=name)


def create(name: str, kind: str = KINDS[0], directory: Path = Path("tei")) -> Path:
    """Write ``DIRECTORY/NAME.xml`` from the template of ``kind``; never replace a file."""
    directory = Path(directory)
    target = directory / f"{check_name(name)}.xml"
    text = render(kind, name)
    if directory.exists() and not directory.is_dir():
        raise NewTextError(f"{directory} is not a folder; give --dir a folder to write {target.name} in")
    directory.mkdir(parents=True, exist_ok=True)
    _write_new(target, text.encode("utf-8"))
    return target


def _write_new(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``, which must not exist yet.

    Exclusive creation refuses a name that is taken, even by a file made a moment after
    any check could have run; a write that fails halfway removes what it began, so a
    second try is not refused because of a broken first one.
    """
    created = False
    try:
        with open(target, "xb") as out:
            created = True
            out.write(data)
    except FileExistsError:
        raise NewTextError(f"{target} already exists; editio new never overwrites a file: "
                           "choose another NAME or remove the file first") from None
    except BaseException:
        if created:
            target.unlink(missing_ok=True)
        raise
