"""One embedded subset per face in a PDF merged from parts laid out apart.

Each part of a book laid out in parallel (:mod:`.parallel`) embeds its own subset of
every face it uses: merged as they are, the book carries the regular face five times.
WeasyPrint subsets with the glyph ids of the full font kept (HarfBuzz's
``RETAIN_GIDS``; CID = glyph id), so the subsets of one face are views of one glyph
space and can be merged: each glyph taken from whichever subset has it, the widths and
the text of the glyphs united, and every page pointed at the one font left.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict


def merge_fonts(pdf) -> int:
    """Merge the subsets of each face of ``pdf`` (a pikepdf.Pdf) in place; returns how
    many font dictionaries were dropped. Faces whose subsets cannot be merged safely
    (not TrueType with identity CIDs) are left as they are."""
    import pikepdf

    by_name: dict[str, list] = defaultdict(list)
    seen = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for _key, font in resources.Font.items():
            if font.objgen in seen or not _mergeable(font):
                continue
            seen.add(font.objgen)
            by_name[str(font.BaseFont)].append(font)
    dropped = 0
    for fonts in by_name.values():
        if len(fonts) < 2:
            continue
        keep = fonts[0]
        _merge_into(pdf, keep, fonts[1:])
        others = {f.objgen for f in fonts[1:]}
        for page in pdf.pages:
            resources = page.obj.get("/Resources")
            if resources is None or "/Font" not in resources:
                continue
            for key in list(resources.Font.keys()):
                if resources.Font[key].objgen in others:
                    resources.Font[key] = keep
        # form XObjects (and their fonts) keep their own resources: leave them be
        dropped += len(fonts) - 1
    del pikepdf
    return dropped


def _mergeable(font) -> bool:
    if font.get("/Subtype") != "/Type0":
        return False
    descendant = font.DescendantFonts[0]
    if descendant.get("/Subtype") != "/CIDFontType2" or descendant.get("/CIDToGIDMap") != "/Identity":
        return False
    return "/FontFile2" in descendant.FontDescriptor


def _merge_into(pdf, keep, others) -> None:
    import pikepdf
    from fontTools.ttLib import TTFont

    descendant = keep.DescendantFonts[0]
    base = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
    widths = cid_widths(descendant.W)
    texts = to_unicode(keep.ToUnicode) if "/ToUnicode" in keep else {}
    for font in others:
        other_descendant = font.DescendantFonts[0]
        other = TTFont(io.BytesIO(other_descendant.FontDescriptor.FontFile2.read_bytes()))
        merge_glyphs(base, other)
        for gid, width in cid_widths(other_descendant.W).items():
            widths.setdefault(gid, width)
        if "/ToUnicode" in font:
            for gid, text in to_unicode(font.ToUnicode).items():
                texts.setdefault(gid, text)
    out = io.BytesIO()
    base.save(out)
    descendant.FontDescriptor.FontFile2 = pdf.make_stream(out.getvalue())
    descendant.W = pikepdf.Array(_w_array(widths))
    if texts:
        keep.ToUnicode = pdf.make_stream(write_cmap(texts))


def merge_glyphs(base, other) -> None:
    """Put into ``base`` every glyph of ``other`` that ``base`` lacks (two subsets of one
    font with the glyph ids kept, as fontTools ``TTFont`` objects).

    A subset is only as long as its highest glyph id: ``base`` grows (with empty glyphs)
    to the longer of the two, so no glyph of a later part is cut off. A composite glyph
    brings its components (by glyph id: both subsets name a glyph id alike)."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    glyf, hmtx = base["glyf"], base["hmtx"]
    order = list(base.getGlyphOrder())
    other_order = other.getGlyphOrder()
    if len(other_order) > len(order):
        known = set(order)
        for gid in range(len(order), len(other_order)):
            name = other_order[gid]
            if name in known:               # names differ by scheme: make one up
                name = f"glyph{gid:05d}"
            order.append(name)
            glyf.glyphs[name] = Glyph()
            hmtx.metrics[name] = (0, 0)
        base.setGlyphOrder(order)
        glyf.setGlyphOrder(order)
    other_glyf, other_hmtx = other["glyf"], other["hmtx"]
    names = {name: gid for gid, name in enumerate(other_order)}

    def take(gid: int) -> None:
        name = other_order[gid]
        glyph = other_glyf[name]
        if glyph.numberOfContours == 0 or glyf[order[gid]].numberOfContours != 0:
            return
        if glyph.isComposite():
            glyph = _renamed_components(glyph, names, order)
            for component in glyph.components:
                take(order.index(component.glyphName))
        glyf[order[gid]] = glyph
        hmtx[order[gid]] = other_hmtx[name]

    for gid in range(len(other_order)):
        take(gid)


def _renamed_components(glyph, names: dict[str, int], order: list[str]):
    """A copy of a composite glyph whose components name the base font's glyphs."""
    import copy

    glyph = copy.deepcopy(glyph)
    for component in glyph.components:
        component.glyphName = order[names[component.glyphName]]
    return glyph


def cid_widths(array) -> dict[int, float]:
    """CID → width of a CIDFont's ``/W`` array (runs ``c [w…]`` and ranges ``c1 c2 w``)."""
    import pikepdf

    out: dict[int, float] = {}
    items = list(array or [])
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for k, value in enumerate(items[i + 1]):
                out[first + k] = float(value)
            i += 2
        else:
            for gid in range(first, int(items[i + 1]) + 1):
                out[gid] = float(items[i + 2])
            i += 3
    return out


def _w_array(widths: dict[int, float]) -> list:
    """A CID widths array: runs of consecutive ids as ``first [w1 w2 ...]``."""
    import pikepdf

    out: list = []
    run: list = []
    first = previous = None
    for gid in sorted(widths):
        if previous is not None and gid == previous + 1:
            run.append(widths[gid])
        else:
            if run:
                out += [first, pikepdf.Array([_number(w) for w in run])]
            first, run = gid, [widths[gid]]
        previous = gid
    if run:
        out += [first, pikepdf.Array([_number(w) for w in run])]
    return out


def _number(value: float):
    return int(value) if float(value).is_integer() else value


def to_unicode(stream) -> dict[int, str]:
    """code → text of a ToUnicode CMap (bfchar and bfrange entries); also read by the
    typography report (:mod:`editio.check.typography`)."""
    data = bytes(stream.read_bytes()).decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", errors="replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for start, end, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            value = int(text, 16)
            for k, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                out[code] = chr(value + k) if value + k < 0x110000 else "\ufffd"
    return out


#: The longest text a glyph stands for: a ligature's letters ("ffi"), a cluster of marks.
#: WeasyPrint maps the ellipsis of a clipped line (text-overflow) to all the text it hides,
#: which readers of the PDF then find in the page and poppler rejects ("Illegal entry in
#: bfchar block"): such a glyph stands for the ellipsis it draws.
GLYPH_TEXT_MAX = 16


_LONG_ENTRY = re.compile(rb"^(<[0-9a-fA-F]+>) <([0-9a-fA-F]{%d,})>$" % (4 * GLYPH_TEXT_MAX + 1))


def cap_glyph_texts(pdf) -> None:
    """Apply :data:`GLYPH_TEXT_MAX` to the ToUnicode maps WeasyPrint writes (``pdf``: its
    pydyf document, before it is written)."""
    import pydyf

    for obj in pdf.objects:
        # (a ToUnicode map is known by its first line: no page's drawing is searched)
        if isinstance(obj, pydyf.Stream) and obj.stream[:1] == [b"/CIDInit /ProcSet findresource begin"]:
            obj.stream[:] = [_LONG_ENTRY.sub(rb"\1 <2026>", line) if isinstance(line, bytes) else line
                             for line in obj.stream]


def write_cmap(entries: dict[int, str]) -> bytes:
    """A ToUnicode CMap: each glyph code → the text it stands for, in blocks of 100."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <ffff>", "endcodespacerange"]
    items = sorted(entries.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for gid, text in chunk:
            text = text if len(text) <= GLYPH_TEXT_MAX else "\u2026"
            lines.append(f"<{gid:04x}> <{text.encode('utf-16-be').hex()}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
