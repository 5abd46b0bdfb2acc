"""Typography: a typeset PDF measured as a typographer reads its pages.

The conformance checkers see a valid, tagged PDF; they do not see a loose line, a
ladder of hyphens, a URL broken with a hyphen that is not in it, the last line of a
paragraph alone at the top of a page, or a glyph taken from a fallback font. This
module measures those on the PDF itself (pikepdf), from the glyphs' positions, so that
it measures any PDF (editio's, plain WeasyPrint's) the same way.

What is measured
    * **Lines**: the glyphs of each page, in content-stream order, grouped by baseline
      (a note call raised above the baseline belongs to its line). A line is
      *justified* when it reaches the right edge of its column (the most common right
      edge of the page's lines, to within half a point) and has a word space: the last
      line of a paragraph and ragged text do not count.
    * **Word spaces**: a run of spaces (U+0020, U+00A0) between two glyphs; its width is
      the distance from the end of the glyph before to the start of the glyph after,
      and its *ratio* the width over the space of the font at that size (the glyph's
      advance in the font's widths). A *loose* line has a space over 2× the normal
      space; over 3× is a hole no book shows.
    * **Ladders**: consecutive lines of a page ending in a hyphen (U+002D, U+2010,
      U+00AD); the book convention allows two in a row.
    * **Broken URLs**: a line ending in a hyphen inside a link to a URL or inside a
      word that is an address (``://``, ``www.``, a slash or an ``@`` beside a dot): a
      reader would copy the hyphen.
    * **Widows and orphans**: with the PDF's structure tree (the tags WeasyPrint
      writes), the lines of each paragraph per page; a paragraph of three lines or
      more that leaves one line at the foot of a page (orphan) or carries one line
      to the top of the next (widow).
    * **Fonts**: every font the pages use; a font outside the edition's family is a
      *fallback*, and one face embedded twice is a *duplicate* subset.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..writers.pdf.fontmerge import cid_widths, to_unicode

#: Characters a word space is made of.
SPACES = frozenset(" \u00a0")
#: Characters a hyphenated line ends with.
HYPHENS = frozenset("-\u2010\u00ad")
#: The family the edition's PDF is set in (its subsets' names, see editio.fonts).
EDITION_FAMILIES = ("Editio-Serif", "Editio-Supplement", "Editio-Hebrew", "Editio-Arabic", "Editio-CJK",
                    "Editio-Korean", "Editio-Mono", "GentiumBookPlus", "JunicodeTwo", "EzraSIL",
                    "Scheherazade", "HanaMin", "NanumMyeongjo", "NotoSansMono")
LOOSE = 2.0
HOLE = 3.0
LADDER_MAX = 3
# (a slash alone is no address: German's "Journalist/Journalistin", "and/or"; with a dot
# in the word, a host or a file, or a second slash, a path, it is: "acdh.oeaw.ac.at/pmb146",
# "10.1553/0x0028", "cal/titleinfo/6198103")
_ADDRESS = re.compile(r"://|www\.|@[^\s@]*\.|\.[^\s/]*/|/[^\s/]*[./]|^/")
_BLOCK_TAGS = frozenset({"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LBody", "LI", "TD", "TH",
                         "Caption", "BlockQuote", "Note", "Lbl", "TOCI"})


@dataclass
class Glyph:
    char: str
    x: float          # start, text space of the page (WeasyPrint's px, y down)
    end: float        # start + advance
    y: float          # baseline
    size: float
    space: float      # width of this font's space glyph at this size
    font: str
    mcid: int | None
    run: int = 0      # the text-showing operator that drew it
    next_x: float = 0.0   # where the next glyph of its run starts (after adjustments)


@dataclass
class Line:
    page: int
    y: float
    size: float
    glyphs: list[Glyph]
    block: object = None          # the structure element of the paragraph, when tagged
    justified: bool = False
    ratios: list[float] = field(default_factory=list)
    placed_from: float | None = None   # x of a glyph placed on its own (margin number)

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def right(self) -> float:
        """Where the line's text ends (a number placed in the margin is not text)."""
        limit = self.placed_from if self.placed_from is not None else float("inf")
        return max((g.end for g in self.glyphs if g.x < limit), default=0.0)

    @property
    def worst(self) -> float:
        return max(self.ratios, default=0.0)

    @property
    def hyphenated(self) -> bool:
        text = self.text.rstrip(" \u00a0")
        return bool(text) and text[-1] in HYPHENS and len(text) > 1 and text[-2].isalnum()


@dataclass
class Report:
    """What :func:`measure` found in one PDF."""

    path: Path
    pages: int = 0
    lines: int = 0
    justified: int = 0
    loose: list[Line] = field(default_factory=list)       # worst space over LOOSE
    holes: list[Line] = field(default_factory=list)       # worst space over HOLE
    ladders: list[list[Line]] = field(default_factory=list)   # runs over LADDER_MAX
    longest_ladder: int = 0
    broken_urls: list[Line] = field(default_factory=list)
    widows: list[tuple[int, str]] = field(default_factory=list)
    orphans: list[tuple[int, str]] = field(default_factory=list)
    fonts: dict[str, int] = field(default_factory=dict)   # face name -> embedded copies
    fallback_fonts: list[str] = field(default_factory=list)
    duplicate_fonts: list[str] = field(default_factory=list)

    @property
    def loose_share(self) -> float:
        return len(self.loose) / self.justified if self.justified else 0.0

    def problems(self) -> list[str]:
        """The findings that break the edition's rules, one sentence each."""
        out = []
        for line in self.holes:
            out.append(f"p. {line.page}: a word space {line.worst:.1f}× the normal space: "
                       f"“{_excerpt(line)}”")
        if self.loose_share > 0.02:
            out.append(f"{len(self.loose)} of {self.justified} justified lines "
                       f"({self.loose_share:.1%}) have a word space over {LOOSE:g}× the normal space")
        for run in self.ladders:
            out.append(f"p. {run[0].page}: {len(run)} hyphenated lines in a row, from "
                       f"“{_excerpt(run[0])}”")
        for line in self.broken_urls:
            out.append(f"p. {line.page}: an address broken with a hyphen: “{_excerpt(line)}”")
        for page, text in self.widows:
            out.append(f"p. {page}: a widow (the last line of a paragraph alone): “{text}”")
        for page, text in self.orphans:
            out.append(f"p. {page}: an orphan (the first line of a paragraph alone): “{text}”")
        for name in self.fallback_fonts:
            out.append(f"a fallback font is used: {name}")
        for name in self.duplicate_fonts:
            out.append(f"the face {name} is embedded {self.fonts[name]} times")
        return out

    def describe(self) -> str:
        """One line: the measures of the rules."""
        fonts = ", ".join(f"{name}" + (f" ×{n}" if n > 1 else "") for name, n in sorted(self.fonts.items()))
        return (f"{self.pages} pages, {self.justified} justified lines, {len(self.loose)} loose "
                f"({self.loose_share:.1%}), {len(self.holes)} over {HOLE:g}×, longest run of hyphens "
                f"{self.longest_ladder}, {len(self.broken_urls)} broken addresses, "
                f"{len(self.widows)} widows, {len(self.orphans)} orphans; fonts: {fonts or 'none'}")

    def summary(self) -> dict:
        return {
            "pages": self.pages, "lines": self.lines, "justified_lines": self.justified,
            "loose_lines": len(self.loose), "loose_share": round(self.loose_share, 4),
            "holes": len(self.holes), "longest_ladder": self.longest_ladder,
            "ladders_over_3": len(self.ladders), "broken_urls": len(self.broken_urls),
            "widows": len(self.widows), "orphans": len(self.orphans),
            "fonts": dict(sorted(self.fonts.items())), "fallback_fonts": self.fallback_fonts,
            "duplicate_fonts": self.duplicate_fonts,
        }


def _excerpt(line: Line, width: int = 60) -> str:
    text = re.sub(r"\s+", " ", line.text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


# --- reading the PDF -----------------------------------------------------------------------


@dataclass
class _Font:
    name: str
    two_bytes: bool
    widths: dict[int, float]
    default_width: float
    unicode: dict[int, str]
    space: float                      # width of the space glyph, 1/1000 em

    def codes(self, raw: bytes) -> list[int]:
        if self.two_bytes:
            return [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw) - 1, 2)]
        return list(raw)


def _font(font) -> _Font:
    name = str(font.get("/BaseFont", "?")).lstrip("/")
    widths: dict[int, float] = {}
    if font.get("/Subtype") == "/Type0":
        desc = font.DescendantFonts[0]
        default = float(desc.get("/DW", 1000))
        widths = cid_widths(desc.get("/W"))
        two = True
    else:
        default = 0.0
        first = int(font.get("/FirstChar", 0))
        for k, value in enumerate(font.get("/Widths", [])):
            widths[first + k] = float(value)
        two = False
    unicode = to_unicode(font.ToUnicode) if "/ToUnicode" in font else {}
    space_codes = [c for c, t in unicode.items() if t == " "]
    space = widths.get(space_codes[0], default) if space_codes else 250.0
    return _Font(name, two, widths, default, unicode, space or 250.0)


def _mul(a, b):
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _page_glyphs(page, fonts_cache: dict) -> tuple[list[Glyph], list]:
    """The glyphs of a page in content order, and the user-space matrix of text space."""
    import pikepdf

    resources = page.get("/Resources", {})
    font_dicts = resources.get("/Font", {}) if resources else {}
    glyphs: list[Glyph] = []
    ctm = [1, 0, 0, 1, 0, 0]
    stack: list[list[float]] = []
    text_ctm = ctm
    font: _Font | None = None
    size = 0.0
    tm = [1, 0, 0, 1, 0, 0]
    mcids: list[int | None] = []
    char_spacing = 0.0
    run = 0
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == "BDC" or op == "BMC":
            props = operands[1] if len(operands) > 1 else None
            mcid = None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcid = int(props.MCID)
            mcids.append(mcid if mcid is not None else (mcids[-1] if mcids else None))
        elif op == "EMC":
            if mcids:
                mcids.pop()
        elif op == "BT":
            tm = [1, 0, 0, 1, 0, 0]
            text_ctm = ctm
        elif op == "Tm":
            tm = [float(v) for v in operands]
            text_ctm = ctm
        elif op == "Td":
            tm = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif op == "Tc":
            char_spacing = float(operands[0])
        elif op == "Tf":
            key = str(operands[0])
            ref = font_dicts.get(key) if font_dicts else None
            if ref is not None:
                ident = ref.objgen if ref.is_indirect else id(ref)
                if ident not in fonts_cache:
                    fonts_cache[ident] = _font(ref)
                font = fonts_cache[ident]
            size = float(operands[1])
        elif op in ("TJ", "Tj") and font is not None:
            items = operands[0] if op == "TJ" else [operands[0]]
            run += 1
            scale = abs(tm[0]) or 1.0
            x = tm[4]
            y = tm[5]
            for item in items:
                if isinstance(item, pikepdf.String):
                    for code in font.codes(bytes(item)):
                        advance = (font.widths.get(code, font.default_width) / 1000 * size + char_spacing) * scale
                        char = font.unicode.get(code, "\ufffd")
                        glyphs.append(Glyph(char, x, x + advance, y, size * scale,
                                            font.space / 1000 * size * scale, font.name,
                                            mcids[-1] if mcids else None, run, x + advance))
                        x += advance
                else:
                    x -= float(item) / 1000 * size * scale
                    if glyphs and glyphs[-1].run == run:
                        glyphs[-1].next_x = x
            tm = [tm[0], tm[1], tm[2], tm[3], x, tm[5]]
    return glyphs, text_ctm


def _lines(page_number: int, glyphs: list[Glyph]) -> list[Line]:
    """Glyphs grouped by baseline; a raised or lowered glyph (a note call) joins the line
    whose baseline is nearest, within its font size."""
    if not glyphs:
        return []
    sizes = Counter(round(g.size, 1) for g in glyphs if g.char.strip())
    lines: list[Line] = []
    by_y: dict[float, Line] = {}
    for g in sorted(glyphs, key=lambda g: -g.size):
        key = round(g.y, 1)
        line = by_y.get(key)
        if line is None:
            for other in lines:
                if abs(other.y - g.y) < 0.6 * other.size and g.size < other.size:
                    line = other
                    break
        if line is None:
            line = Line(page_number, g.y, g.size, [])
            lines.append(line)
            by_y[key] = line
        line.glyphs.append(g)
    for line in lines:
        line.glyphs.sort(key=lambda g: g.x)
    lines.sort(key=lambda ln: ln.y)
    del sizes
    return lines


_LEADER = re.compile(r"(?:\.\s){4,}")


def _measure_spaces(line: Line) -> None:
    """The ratio of each word space of the line (none for a line of leader dots: the
    contents' dots are spaced by the leader, not by justification)."""
    glyphs = line.glyphs
    if _LEADER.search(line.text):
        return
    i = 0
    n = len(glyphs)
    while i < n:
        if glyphs[i].char in SPACES and i > 0:
            j = i
            while j < n and glyphs[j].char in SPACES:
                j += 1
            if j < n:
                before, after = glyphs[i - 1], glyphs[j]
                normal = glyphs[i].space or before.space
                # A glyph drawn by another operator that does not start where the
                # spaces end is placed on its own (a line number in the margin, a
                # float): that distance is no word space.
                placed = after.run != glyphs[j - 1].run and after.x - glyphs[j - 1].next_x > 0.5
                if placed:
                    line.placed_from = after.x if line.placed_from is None else line.placed_from
                elif normal > 0:
                    line.ratios.append((after.x - before.end) / normal)
            i = j
        else:
            i += 1


def _right_edges(lines: list[Line]) -> list[float]:
    """The right edges of the page's columns: edges many lines share."""
    edges = Counter(round(line.right * 2) / 2 for line in lines if line.ratios)
    if not edges:
        return []
    most = edges.most_common(1)[0][1]
    return [edge for edge, count in edges.items() if count >= max(2, most // 4)]


def _struct_blocks(pdf) -> dict[tuple[int, int], tuple]:
    """(page object id, MCID) → the paragraph-like structure element holding it."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return {}
    nums: list = []

    def collect(node):
        if "/Nums" in node:
            nums.extend(node.Nums)
        for kid in node.get("/Kids", []):
            collect(kid)

    collect(root.ParentTree)
    parents: dict[int, object] = {}
    for i in range(0, len(nums) - 1, 2):
        parents[int(nums[i])] = nums[i + 1]
    out: dict[tuple[int, int], tuple] = {}
    for number, page in enumerate(pdf.pages):
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in parents:
            continue
        array = parents[int(key)]
        if not isinstance(array, pikepdf.Array):
            continue
        for mcid, elem in enumerate(array):
            block = elem
            for _ in range(8):
                if not isinstance(block, pikepdf.Dictionary):
                    break
                if str(block.get("/S", "")).lstrip("/") in _BLOCK_TAGS:
                    break
                block = block.get("/P")
            if isinstance(block, pikepdf.Dictionary):
                out[(number, mcid)] = (block.objgen, str(block.get("/S", "")).lstrip("/"))
    return out


def _link_rects(page) -> list[tuple[float, float, float, float]]:
    rects = []
    for annot in page.get("/Annots", []) or []:
        if annot.get("/Subtype") != "/Link":
            continue
        action = annot.get("/A")
        if action is None or "/URI" not in action:
            continue
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
        rects.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return rects


def _in_link(glyph: Glyph, matrix, rects) -> bool:
    cx = (glyph.x + glyph.end) / 2
    cy = glyph.y - glyph.size * 0.3
    ux = matrix[0] * cx + matrix[2] * cy + matrix[4]
    uy = matrix[1] * cx + matrix[3] * cy + matrix[5]
    return any(x0 - 0.5 <= ux <= x1 + 0.5 and y0 - 0.5 <= uy <= y1 + 0.5 for x0, y0, x1, y1 in rects)


def measure(path: Path) -> Report:
    """Measure one PDF."""
    import pikepdf

    report = Report(Path(path))
    all_faces: dict[str, set] = defaultdict(set)
    with pikepdf.open(path) as pdf:
        blocks = _struct_blocks(pdf)
        fonts_cache: dict = {}
        block_lines: dict[tuple, list[tuple[int, Line]]] = defaultdict(list)
        report.pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages):
            glyphs, matrix = _page_glyphs(page, fonts_cache)
            lines = _lines(number + 1, glyphs)
            report.lines += len(lines)
            for line in lines:
                _measure_spaces(line)
            edges = _right_edges(lines)
            rects = _link_rects(page)
            run: list[Line] = []
            previous: Line | None = None
            for line in lines:
                line.justified = bool(line.ratios) and any(abs(line.right - e) <= 0.5 for e in edges)
                if line.justified:
                    report.justified += 1
                    if line.worst > LOOSE:
                        report.loose.append(line)
                    if line.worst > HOLE:
                        report.holes.append(line)
                adjacent = previous is not None and 0 < line.y - previous.y < 2 * max(line.size, previous.size)
                if line.hyphenated:
                    run = run + [line] if (run and adjacent) else [line]
                    report.longest_ladder = max(report.longest_ladder, len(run))
                    if len(run) == LADDER_MAX + 1:
                        report.ladders.append(run)
                    last_word = line.text.rstrip(" \u00a0").split()[-1] if line.text.split() else ""
                    if _ADDRESS.search(last_word) or _in_link(line.glyphs[-1], matrix, rects):
                        report.broken_urls.append(line)
                else:
                    run = []
                previous = line
                first = next((g for g in line.glyphs if g.mcid is not None and g.char.strip()), None)
                if first is not None and (number, first.mcid) in blocks:
                    line.block = blocks[(number, first.mcid)]
                    block_lines[line.block].append((number + 1, line))
        for block, entries in block_lines.items():
            if block[1] not in ("P", "LBody", "LI", "BlockQuote", "Note"):
                continue
            per_page = Counter(page for page, _ in entries)
            if len(per_page) < 2 or len(entries) < 3:
                continue
            pages = sorted(per_page)
            for a, b in zip(pages, pages[1:]):
                if b != a + 1:
                    continue
                if per_page[a] == 1:
                    line = next(ln for p, ln in entries if p == a)
                    report.orphans.append((a, _excerpt(line)))
                if per_page[b] == 1:
                    line = next(ln for p, ln in entries if p == b)
                    report.widows.append((b, _excerpt(line)))
        for page in pdf.pages:
            _collect_faces(page, all_faces)
    for name, files in all_faces.items():
        report.fonts[name] = len(files)
        if not name.replace(" ", "").startswith(tuple(f.replace(" ", "") for f in EDITION_FAMILIES)):
            report.fallback_fonts.append(name)
        if len(files) > 1:
            report.duplicate_fonts.append(name)
    return report


def _collect_faces(page, faces: dict[str, set]) -> None:
    """Face name (subset tag removed) → the embedded font programs that draw it."""
    resources = page.get("/Resources", {})
    for _key, font in (resources.get("/Font", {}) or {}).items():
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        face = name.split("+", 1)[-1]
        descriptor = None
        if font.get("/Subtype") == "/Type0":
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        else:
            descriptor = font.get("/FontDescriptor")
        program = None
        if descriptor is not None:
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in descriptor:
                    program = descriptor[key].objgen
                    break
        faces[face].add(program or font.objgen)
