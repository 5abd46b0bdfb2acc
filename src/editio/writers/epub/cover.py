"""A cover image made from the edition's metadata: an SVG with the text drawn as outlines.

The letters are the edition's own typeface turned into SVG paths with fontTools, so the
cover looks the same in every reading system (an SVG shown through ``<img>`` may not load
fonts) and the bytes depend only on the metadata and the font file: rebuilds are identical.
Reading systems show it in their library view; the cover page gives it an alternative text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ... import fonts

WIDTH, HEIGHT = 1200, 1800
MARGIN = 130
INK = "#1f1d1a"
PAPER = "#f4efe4"
RULE = "#8a2d1c"


@dataclass(frozen=True)
class _Font:
    glyphs: object
    cmap: dict
    advances: dict
    units: int


@functools.cache
def _font(index: int) -> _Font:
    from fontTools.ttLib import TTFont

    faces = fonts.faces()
    face = faces[min(index, len(faces) - 1)]
    tt = TTFont(face.path)
    return _Font(tt.getGlyphSet(), tt.getBestCmap(), {k: v[0] for k, v in tt["hmtx"].metrics.items()},
                 tt["head"].unitsPerEm)


def _glyph_name(font: _Font, ch: str) -> str:
    return font.cmap.get(ord(ch)) or font.cmap.get(0xFFFD) or ".notdef"


def _width(font: _Font, text: str, size: float) -> float:
    return sum(font.advances.get(_glyph_name(font, c), 0) for c in text) * size / font.units


def _wrap(font: _Font, text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking on spaces by the glyphs' advance widths."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and _width(font, trial, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


@functools.lru_cache(maxsize=4096)
def _path(index: int, name: str) -> str:
    from fontTools.pens.svgPathPen import SVGPathPen

    font = _font(index)
    pen = SVGPathPen(font.glyphs)
    font.glyphs[name].draw(pen)
    return pen.getCommands()


def _line(index: int, text: str, size: float, y: float) -> str:
    """One centred line of outlined text with its baseline at ``y``."""
    font = _font(index)
    scale = size / font.units
    x = (WIDTH - _width(font, text, size)) / 2
    parts = []
    pen_x = 0
    for ch in text:
        name = _glyph_name(font, ch)
        d = _path(index, name)
        if d:
            parts.append(f'<path transform="translate({pen_x})" d="{d}"/>')
        pen_x += font.advances.get(name, 0)
    return (f'<g transform="translate({x:.2f} {y:.2f}) scale({scale:.5f} {-scale:.5f})">'
            + "".join(parts) + "</g>")


def _fit(index: int, text: str, size: float, min_size: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to ``min_size``) at which ``text`` fits in ``max_lines`` lines."""
    font = _font(index)
    width = WIDTH - 2 * MARGIN
    while True:
        lines = _wrap(font, text, size, width)
        if (len(lines) <= max_lines and all(_width(font, l, size) <= width for l in lines)) \
                or size <= min_size:
            return size, lines
        size *= 0.9


def alt_text(title: str, subtitle: str = "", byline: str = "") -> str:
    """What the cover shows, said in words (its alternative text)."""
    return ". ".join(p for p in (title, subtitle, byline) if p)


def cover_svg(title: str, subtitle: str = "", byline: str = "", imprint: str = "") -> str:
    """The cover as an SVG document: title, subtitle, a rule, the byline and an imprint line."""
    italic = 1 if len(fonts.faces()) > 1 else 0
    bold = next((i for i, f in enumerate(fonts.faces()) if f.weight == 700 and f.style == "normal"), 0)
    out = []
    y = 430.0
    size, lines = _fit(bold, title or "Untitled", 104, 44, 6)
    for line in lines:
        out.append(_line(bold, line, size, y))
        y += size * 1.2
    if subtitle:
        y += 20
        size, lines = _fit(italic, subtitle, 58, 30, 4)
        for line in lines:
            out.append(_line(italic, line, size, y))
            y += size * 1.25
    y += 40
    out.append(f'<rect x="{WIDTH / 2 - 120:.0f}" y="{y:.0f}" width="240" height="6" fill="{RULE}"/>')
    y += 120
    if byline:
        size, lines = _fit(0, byline, 54, 30, 4)
        for line in lines:
            out.append(_line(0, line, size, y))
            y += size * 1.3
    if imprint:
        size, lines = _fit(0, imprint, 36, 24, 2)
        y = HEIGHT - MARGIN - (len(lines) - 1) * size * 1.3
        for line in lines:
            out.append(_line(0, line, size, y))
            y += size * 1.3
    label = escape(alt_text(title, subtitle, byline))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="cover-title">\n'
        f'<title id="cover-title">{label}</title>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>\n'
        f'<rect x="60" y="60" width="{WIDTH - 120}" height="{HEIGHT - 120}" fill="none" '
        f'stroke="{INK}" stroke-width="3"/>\n'
        f'<g fill="{INK}">\n' + "\n".join(out) + "\n</g>\n</svg>\n"
    )
