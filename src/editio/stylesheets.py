"""The CSS of each medium, assembled from ``styles/`` in one fixed order.

Every construct keeps its rules in ``styles/constructs/<construct>/``: ``base.css`` for
every medium, then ``screen.css``, ``print.css`` or ``epub.css`` for what is only that
medium's. A medium's stylesheet is ``styles/media/base.css``, ``styles/media/<medium>.css``
(page furniture), then each construct's files in alphabetical order of the construct.
So changing how a construct looks means editing its own folder, and the writers load one
string per medium without knowing which constructs exist.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path

from lxml import etree

from .hub.vocabulary import MATHML

MEDIA = ("screen", "print", "epub")


def styles_dir() -> Path:
    """The folder of the shipped styles (``styles/`` in a checkout)."""
    return Path(str(files("editio.styles")))


def constructs() -> list[str]:
    """The construct folders, in the order their rules are loaded."""
    return sorted(p.name for p in (styles_dir() / "constructs").iterdir() if p.is_dir())


def css_files(medium: str) -> list[Path]:
    """The CSS files of one medium, in cascade order."""
    if medium not in MEDIA:
        raise ValueError(f"unknown medium {medium!r}; choose from {', '.join(MEDIA)}")
    root = styles_dir()
    found = [root / "media" / "base.css", root / "media" / f"{medium}.css"]
    for name in constructs():
        for filename in ("base.css", f"{medium}.css"):
            path = root / "constructs" / name / filename
            if path.is_file():
                found.append(path)
    return [p for p in found if p.is_file()]


@functools.cache
def css(medium: str) -> str:
    """The whole stylesheet of one medium, each file introduced by a comment naming it."""
    root = styles_dir()
    parts = []
    for path in css_files(medium):
        parts.append(f"/* --- {path.relative_to(root).as_posix()} --- */\n")
        parts.append(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n")
    return "".join(parts)


def style_file(*parts: str) -> str:
    """A text file of ``styles/`` (a script, a licence)."""
    return files("editio.styles").joinpath(*parts).read_text(encoding="utf-8")


_CONTENT = re.compile(r"\bcontent\s*:\s*([^;}]*)")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'', re.S)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
#: attributes whose value a stylesheet shows with attr(): their text needs glyphs too
ATTRIBUTES_SHOWN = ("data-label", "data-n", "data-lineno", "title")
#: attributes a reader sees or hears, beside those a stylesheet shows
_SHOWN = ("alt", "aria-label", *ATTRIBUTES_SHOWN)


#: signs a browser or reading system draws for an element itself (MathML's radical)
_DRAWN = {f"{ns}{tag}": "\u221a" for ns in ("", MATHML) for tag in ("msqrt", "mroot")}


#: each attribute a reader sees, as one XPath (the values as plain strings: one per attribute)
_SHOWN_VALUES = [etree.XPath(f"//@{name}", smart_strings=False) for name in _SHOWN]


def shown_characters(roots, skip_text_of=()) -> set[str]:
    """Every character of the trees' text and shown attributes (the glyphs their fonts
    need), and the signs drawn for an element itself.

    Read by libxml2, not element by element: the text as the text serialisation of each
    tree, the attributes by one XPath each (Bleak House's page: 0.09 s → 0.065 s). The
    text of ``skip_text_of`` elements (a page's scripts and styles) is set aside for the
    serialisation and put back."""
    parts = []
    for root in roots:
        skipped = [(el, el.text) for el in root.iter(*skip_text_of) if el.text] if skip_text_of else []
        for el, _ in skipped:
            el.text = None
        try:
            parts.append(etree.tostring(root, method="text", encoding="unicode", with_tail=False))
        finally:
            for el, text in skipped:
                el.text = text
        parts += [_DRAWN[el.tag] for el in root.iter(*_DRAWN)]
        for values in _SHOWN_VALUES:
            parts += values(root)
    return set("".join(parts))


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), value)


@functools.cache
def generated_characters(medium: str) -> frozenset[str]:
    """Every character a medium's stylesheet writes itself (``content: "…"``, ``quotes``,
    ``leader()``): the fonts must draw them, so the subsets include them and the strict
    glyph check covers them."""
    text = re.sub(r"/\*.*?\*/", "", css(medium), flags=re.S)
    chars: set[str] = set()
    for match in _CONTENT.finditer(text):
        for string in _STRING.finditer(match.group(1)):
            chars.update(_unescape(string.group(1) if string.group(1) is not None else string.group(2)))
    for match in re.finditer(r"\bquotes\s*:\s*([^;}]*)", text):
        for string in _STRING.finditer(match.group(1)):
            chars.update(_unescape(string.group(1) if string.group(1) is not None else string.group(2)))
    return frozenset(c for c in chars if not c.isspace() or c in "\u00a0\u202f\u2009")
