"""The edition's typefaces: Source Serif Pro (SIL OFL 1.1), taken from a PyPI package.

Fonts come from the ``font-source-serif-pro`` dependency, so every machine that installs
editio has the same files and no output depends on what fonts a machine happens to have.
The PDF embeds the TrueType files; the web edition and the EPUB get WOFF2 subsets made
with fontTools for the characters the edition uses (deterministic: same text, same bytes).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

FAMILY = "Source Serif Pro"
CSS_FAMILY = "Editio Serif"   # the name our stylesheets use, so the family can change in one place


@dataclass(frozen=True)
class Face:
    """One font file and the CSS descriptors that select it."""

    path: Path
    weight: int
    style: str  # "normal" | "italic"

    @property
    def stem(self) -> str:
        return self.path.stem


_FACES = (
    ("SourceSerifPro-Regular.ttf", 400, "normal"),
    ("SourceSerifPro-It.ttf", 400, "italic"),
    ("SourceSerifPro-Semibold.ttf", 600, "normal"),
    ("SourceSerifPro-SemiboldIt.ttf", 600, "italic"),
    ("SourceSerifPro-Bold.ttf", 700, "normal"),
    ("SourceSerifPro-BoldIt.ttf", 700, "italic"),
)


def font_dir() -> Path:
    return Path(str(files("font_source_serif_pro").joinpath("files")))


@functools.cache
def faces() -> tuple[Face, ...]:
    """The faces editio uses, in a fixed order (regular, italic, semibold, bold...)."""
    base = font_dir()
    return tuple(Face(base / name, w, s) for name, w, s in _FACES if (base / name).exists())


def licence_text() -> str:
    return (font_dir() / "LICENSE.txt").read_text(encoding="utf-8", errors="replace")


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


def woff2_subset(face: Face, text: str) -> bytes:
    return _woff2_subset(face, frozenset(text))


@functools.lru_cache(maxsize=32)
def _woff2_subset(face: Face, chars: frozenset[str]) -> bytes:
    """A WOFF2 of ``face`` limited to the characters of ``text`` (plus basic Latin).

    Subsetting keeps the web edition and the EPUB small; the result depends only on the
    font file and the set of characters, so rebuilds are byte-identical.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = set(chars) | {chr(c) for c in range(0x20, 0x7F)} | set("‘’“”–—…")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.desubroutinize = True
    font = TTFont(face.path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()


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
