"""The edition's typeface: Gentium Book Plus (SIL Open Font License 1.1).

Gentium was made for scholarly texts in many scripts: one family draws Latin with its
medieval and early-modern letters (ſ, ꝛ, combining e above as in German prints before
1900), polytonic Greek, Cyrillic and the editorial brackets, in roman and italic alike,
so an edition never needs a glyph from another font. The files come from one registry
package, Debian's ``fonts-sil-gentiumplus`` (``make deps`` installs it), found at a
fixed path (or ``EDITIO_FONT_DIR``): no output depends on what fonts a machine happens
to have, and a missing package is an error that says how to install it.

The PDF embeds the TrueType files; the web edition and the EPUB get WOFF2 subsets made
with fontTools for the characters the edition uses (deterministic: same text, same
bytes), named "Editio Serif": the licence reserves the name Gentium for the complete
font, so a subset carries another name, with the copyright and licence notices kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from . import atomic

FAMILY = "Gentium Book Plus"
CSS_FAMILY = "Editio Serif"   # the name our stylesheets and our subsets use
DEBIAN_PACKAGE = "fonts-sil-gentiumplus"
DEFAULT_DIR = Path("/usr/share/fonts/truetype/gentiumplus")


@dataclass(frozen=True)
class Face:
    """One font file and the CSS descriptors that select it."""

    path: Path
    weight: int
    style: str  # "normal" | "italic"

    @property
    def stem(self) -> str:
        """The file name of the face's subsets: the family's own name, not the RFN."""
        style = {(400, "normal"): "regular", (400, "italic"): "italic",
                 (700, "normal"): "bold", (700, "italic"): "bold-italic"}
        return "editio-serif-" + style.get((self.weight, self.style), f"{self.weight}-{self.style}")


_FACES = (
    ("GentiumBookPlus-Regular.ttf", 400, "normal"),
    ("GentiumBookPlus-Italic.ttf", 400, "italic"),
    ("GentiumBookPlus-Bold.ttf", 700, "normal"),
    ("GentiumBookPlus-BoldItalic.ttf", 700, "italic"),
)


class FontMissing(RuntimeError):
    """The typeface package is not installed."""


def font_dir() -> Path:
    return Path(os.environ.get("EDITIO_FONT_DIR") or DEFAULT_DIR)


@functools.cache
def faces() -> tuple[Face, ...]:
    """The faces editio uses, in a fixed order (regular, italic, bold, bold italic)."""
    base = font_dir()
    missing = [name for name, _, _ in _FACES if not (base / name).is_file()]
    if missing:
        raise FontMissing(
            f"the edition typeface {FAMILY} is not installed ({', '.join(missing)} not in {base}); "
            f"install the Debian package {DEBIAN_PACKAGE} (make deps does), or set EDITIO_FONT_DIR "
            "to a folder holding its files")
    return tuple(Face(base / name, w, s) for name, w, s in _FACES)


def licence_text() -> str:
    """The SIL Open Font License of the typeface, with its copyright notice."""
    from fontTools.ttLib import TTFont

    with TTFont(faces()[0].path, lazy=True) as font:
        notice = font["name"].getDebugName(0) or ""
    ofl = Path(str(files("editio.styles").joinpath("fonts", "OFL.txt"))).read_text(encoding="utf-8")
    return f"{FAMILY}: {notice}\n\n{ofl}"


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def coverage() -> frozenset[int]:
    """Code points every regular face can draw (the text face decides; italic is close)."""
    return _cmap(faces()[0].path)


# Characters that never need a glyph: controls, spaces and format characters that
# shaping removes (soft hyphen, zero-width joiners, bidi marks, variation selectors).
_IGNORABLE = set(range(0x00, 0x21)) | {0x7F, 0xA0, 0xAD, 0x200B, 0x200C, 0x200D, 0x200E,
                                        0x200F, 0x2060, 0xFEFF} | set(range(0xFE00, 0xFE10))


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` the edition font cannot draw, sorted, each once."""
    have = coverage()
    return sorted({ch for ch in text if ord(ch) not in have and ord(ch) not in _IGNORABLE
                   and not ch.isspace()})


BASE_CHARS = frozenset({chr(c) for c in range(0x20, 0x7F)} | set("‘’“”–—…"))


def cache_dir() -> Path:
    """Where font subsets are kept between builds: $EDITIO_CACHE, else the XDG cache."""
    explicit = os.environ.get("EDITIO_CACHE")
    if explicit:
        return Path(explicit) / "fonts"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "editio" / "fonts"


@functools.cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Changes whenever _woff2_subset makes different bytes from the same font and characters,
# so that no subset made by an older recipe is served from the cache.
SUBSET_RECIPE = "2: graphite tables dropped, renamed Editio Serif"


def _cache_path(face: Face, chars: frozenset[str]) -> Path:
    from fontTools import version as fonttools_version

    key = hashlib.sha256(
        f"{_file_digest(face.path)}|{fonttools_version}|{SUBSET_RECIPE}|".encode()
        + "".join(sorted(chars)).encode("utf-8", "surrogatepass")
    ).hexdigest()
    return cache_dir() / f"{face.stem}-{key[:32]}.woff2"


def woff2_subsets(faces: Sequence[Face], text: str, jobs: int = 1) -> list[bytes]:
    """:func:`woff2_subset` of each face, the ones not cached yet made in parallel.

    Both the web edition and the EPUB need several faces; a worker pool is started only
    when more than one face has still to be subset, never for a cache hit.
    """
    chars = frozenset(text) | BASE_CHARS
    out: list[bytes | None] = []
    for face in faces:
        try:
            out.append(_cache_path(face, chars).read_bytes())
        except OSError:
            out.append(None)
    missing = [i for i, data in enumerate(out) if data is None]
    if jobs > 1 and len(missing) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(jobs, len(missing)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            made = list(pool.map(woff2_subset, [faces[i] for i in missing],
                                 [text] * len(missing)))
    else:
        made = [woff2_subset(faces[i], text) for i in missing]
    for i, data in zip(missing, made):
        out[i] = data
    return out  # type: ignore[return-value]


def woff2_subset(face: Face, text: str) -> bytes:
    """A WOFF2 subset of ``face`` for ``text``, from the on-disk cache when it was made before.

    Subsetting costs about a third of a second per face; the web edition and the EPUB
    of one text (often built by separate processes) need the same subsets, and so does
    every rebuild after an edit that adds no new character.
    """
    chars = frozenset(text) | BASE_CHARS
    cached = _cache_path(face, chars)
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = _woff2_subset(face, chars)
    with contextlib.suppress(OSError):   # a read-only home only costs time
        atomic.write_bytes(cached, data)
    return data


@functools.lru_cache(maxsize=32)
def _woff2_subset(face: Face, chars: frozenset[str]) -> bytes:
    """A WOFF2 of ``face`` limited to the characters of ``text`` (plus basic Latin).

    Subsetting keeps the web edition and the EPUB small; the result depends only on the
    font file and the set of characters, so rebuilds are byte-identical.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.desubroutinize = True
    # Graphite tables (SIL's own shaping engine; browsers and e-readers use OpenType)
    options.drop_tables += ["Silf", "Silt", "Sill", "Glat", "Gloc", "Feat"]
    font = TTFont(face.path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    _rename(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()


# name table entries that name the font (the OFL's Reserved Font Names may not name a
# subset): family, unique id, full name, PostScript name, typographic family, WWS family
_NAMING_IDS = (1, 3, 4, 6, 16, 21)


def _rename(font) -> None:
    """Give a subset the family name "Editio Serif"; keep copyright and licence notices."""
    name = font["name"]
    style = name.getDebugName(2) or "Regular"
    wanted = {1: CSS_FAMILY, 3: f"{CSS_FAMILY} {style}; subset", 4: f"{CSS_FAMILY} {style}",
              6: f"{CSS_FAMILY.replace(' ', '')}-{style.replace(' ', '')}", 16: CSS_FAMILY, 21: CSS_FAMILY}
    for record in list(name.names):
        if record.nameID in _NAMING_IDS:
            name.removeNames(nameID=record.nameID)
    for name_id, value in wanted.items():
        name.setName(value, name_id, 3, 1, 0x409)


def font_face_css(url_for_face, family: str = CSS_FAMILY) -> str:
    """``@font-face`` rules for every face; ``url_for_face(face)`` gives each ``src`` URL."""
    rules = []
    for face in faces():
        rules.append(
            "@font-face {\n"
            f'  font-family: "{family}";\n'
            f"  src: url(\"{url_for_face(face)}\");\n"
            f"  font-weight: {face.weight};\n"
            f"  font-style: {face.style};\n"
            "  font-display: swap;\n"
            "}\n"
        )
    return "".join(rules)
