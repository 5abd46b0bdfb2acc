"""Justified paragraphs broken into lines as a whole, as a book is set.

WeasyPrint breaks lines one at a time (first fit): each line takes as many words as
fit, and whatever room is left is spread over its spaces. A long word that just misses
leaves a line with spaces twice or three times their width, and nothing earlier in the
paragraph can make room for it. Book typesetting (Knuth and Plass's paragraph builder in
TeX) chooses the breaks of the whole paragraph at once, so that every line is as close
to the normal spacing as the words allow, hyphenates where that helps and avoids more
than two hyphens in a row.

This module does that for WeasyPrint, without replacing its layout:

1. When WeasyPrint starts a justified paragraph, :class:`Paragraph` measures its text
   with the same Pango layouts WeasyPrint uses (the same fonts, features, language),
   takes Pango's own break opportunities and WeasyPrint's own hyphenation points
   (pyphen with the ``hyphenate-limit-chars`` of the style), and :func:`choose_breaks`
   finds the breaks with the least demerits.
2. Each line is then laid out by WeasyPrint itself, given as width the natural width of
   the planned line (plus a hair): first fit then ends exactly where the plan does. The
   line is justified to the real measure, stretched, or shrunk by at most
   :data:`SHRINK` of its spaces when the plan asked for a tight line. The text box in
   which the line ends is shaped once, up to the planned end
   (:func:`planned_first_line`), where WeasyPrint's own search shapes it several times.
3. When a line does not end where planned (a break opportunity the model does not
   know), the rest of the paragraph is set first fit, as WeasyPrint would: the plan is
   an improvement, never a risk.

Spaces are measured against the normal space of the font: a line whose spaces are
twice their width is loose. The plan has first the fewest loose lines the words allow
(over :data:`LOOSE`), then no hole (over :data:`HOLE`), then the least demerits.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass
from itertools import accumulate

#: Spaces may shrink to this share of their width (a tight line).
SHRINK = 0.2
#: The word space a plan aims to stay under, as a multiple of the normal space: a
#: little under the 2× a typographer calls loose, for the kerning beside a space.
LOOSE = 1.9
#: Demerits, as in TeX: a hyphenated line, two in a row, a hyphen ending the
#: next-to-last line.
HYPHEN_PENALTY = 50
DOUBLE_HYPHEN = 3000
FINAL_HYPHEN = 5000
LINE_PENALTY = 10
#: Demerits of a line over :data:`LOOSE`, and of one over :data:`HOLE`: larger than
#: any sum of ordinary demerits, so they are avoided first.
HOLE = 2.8
LOOSE_LINE = 1e8
HOLE_LINE = 1e11
#: Tracking: a line the words cannot set under :data:`LOOSE` may spread its letters by
#: up to this share of the font size per letter (2.5 %, as book typesetting allows), and pays
#: these demerits for it.
TRACKING = 0.025
TRACKING_DEMERITS = 2000
#: A line ending at the hyphen of a compound: copied or extracted from the PDF, such a
#: line end reads as a word divided by the layout ("BrestLitovsk"), so it is avoided
#: unless the alternative is a loose line.
COMPOUND_LINE = 5e8
#: At most this many hyphenated lines in a row (the book convention).
MAX_HYPHENS_IN_A_ROW = 2
#: How much wider than the plan WeasyPrint is let to set a line (px): enough for
#: rounding, far less than any word.
EPSILON = 0.5
EPSILON_MAX = 2.0


# --- the optimiser (no WeasyPrint) -----------------------------------------------------------


@dataclass
class Candidate:
    """A place a line may end: ``end`` is where the line's content ends (before the
    spaces, or at the hyphenation point), ``start`` where the next line begins."""

    end: float               # x of the end of the line's content
    start: float             # x where the next line's content starts
    spaces_end: int          # expandable spaces before ``end`` (prefix count)
    spaces_start: int        # expandable spaces before ``start``
    space_width_end: float   # their total natural width (prefix sum)
    space_width_start: float
    hyphen: float = 0.0      # width of the hyphen added when the line ends here (0: none)
    forced: bool = False     # the paragraph's end
    chars_end: int = 0       # characters before ``end`` (prefix count), for tracking
    chars_start: int = 0
    compound: bool = False   # after the hyphen of a compound (Brest-|Litovsk)
    box_end: bool = False    # after the space that ends a text box, before the next box
    box_start: bool = False  # after the space that starts a text box (the line ends before the box)
    room: float = 0.0        # width WeasyPrint needs past ``end`` to set the line (that space)

    @property
    def hyphenated(self) -> bool:
        """A line ending here ends with a hyphen: one added, or a compound's own (as in
        TeX, it counts in a run of hyphens: a reader sees a hyphen either way)."""
        return self.hyphen > 0 or self.compound


def _badness(ratio: float) -> float:
    if ratio >= 1:
        x = (ratio - 1) / (LOOSE - 1)
    else:
        x = (1 - ratio) / SHRINK
    return 100 * x ** 3


def tracked_ratio(natural: float, width: float, space_width: float, spaces: int, chars: int,
                  font_size: float) -> tuple[float, float]:
    """(word space ratio, tracking in px per character) of a line with ``spaces``
    word spaces of total natural width ``space_width`` and ``chars`` characters.

    Tracking takes only the part of the spare room that would make the spaces wider
    than :data:`LOOSE`, up to :data:`TRACKING` of the font size per character. A
    letter spacing *t* also widens each gap between words by 2 *t* (after the last
    letter, after the space): the word spacing *j* that fills the line is then
    (spare − chars·t) / spaces, and the gap (s + j + 2t) / s."""
    spare = width - natural
    if space_width <= 0 or spaces <= 0:
        return 1.0, 0.0
    s = space_width / spaces
    if spare <= (LOOSE - 1) * space_width or chars <= 2 * spaces:
        return 1 + spare / space_width, 0.0
    t = (spare - (LOOSE - 1) * space_width) / (chars - 2 * spaces)
    t = min(t, TRACKING * font_size)
    j = (spare - chars * t) / spaces
    return (s + j + 2 * t) / s, t


#: Lines looser than this are never considered (a paragraph that needs one is set
#: first fit): it keeps the search to the few starts that can make a line.
PRUNE_RATIO = 4.0


def choose_breaks(candidates: list[Candidate], widths, max_ratio: float = PRUNE_RATIO,
                  font_size: float = 0.0, origin: Candidate | None = None, hyphens_before: int = 0):
    """The indexes of the candidates to break at (the last is the paragraph's end), or
    None when no set of breaks keeps every line between a shrink of :data:`SHRINK` and
    ``max_ratio``. ``widths(k)`` is the measure of line ``k`` (0 the first, 1 the others).

    Dynamic programming over the candidates, as Knuth and Plass's algorithm without
    fitness classes: for each candidate, the least demerits of a paragraph broken there
    with the last 0, 1 or 2 lines hyphenated. The starts a line ending at a candidate
    can have form a range found by bisection (a line too long even at full shrink, or
    looser than ``max_ratio``, is never tried). ``hyphens_before``: how many lines in a
    row ending with a hyphen come just before ``origin`` (a paragraph planned again
    after a line set otherwise), so that no run of hyphens grows past the limit there.
    A line ending at the hyphen of a compound counts as hyphenated, as in TeX: a reader
    sees a hyphen at the end of the line either way."""
    from bisect import bisect_left, bisect_right

    n = len(candidates)
    if n == 0:
        return None
    origin = origin or Candidate(0.0, 0.0, 0, 0, 0.0, 0.0)
    points = [origin] + candidates
    xs = [p.start for p in points]
    sxs = [p.space_width_start for p in points]
    nxs = [p.spaces_start for p in points]
    cxs = [p.chars_start for p in points]
    loose = max_ratio - 1
    bounded = loose != float("inf")
    grow = [x + loose * sx for x, sx in zip(xs, sxs)] if bounded else []   # increasing in i
    shrink = [x - SHRINK * sx for x, sx in zip(xs, sxs)]       # increasing in i
    first_width, width = widths(0), widths(1)
    inf = float("inf")
    # best[i][h]: least demerits of breaks ending at point i with the last h lines
    # hyphenated; back[i][h]: (previous point, its h)
    best = [[inf] * (MAX_HYPHENS_IN_A_ROW + 1) for _ in range(n + 1)]
    back: list[list] = [[None] * (MAX_HYPHENS_IN_A_ROW + 1) for _ in range(n + 1)]
    best[0][min(max(hyphens_before, 0), MAX_HYPHENS_IN_A_ROW)] = 0.0
    hyphen_cost = HYPHEN_PENALTY ** 2
    for j in range(1, n + 1):
        end = points[j]
        e = end.end + end.hyphen
        hyph = end.hyphenated
        forced = end.forced
        se = end.space_width_end
        if forced:
            lo = bisect_left(xs, e - width - 1e-6)
            hi = j - 1
        else:
            lo = bisect_left(shrink, e - SHRINK * se - width - 1e-6)
            hi = j - 1
            if bounded:
                hi = min(hi, bisect_right(grow, loose * se + e - width + 1e-6) - 1)
        starts = list(range(max(lo, 1), hi + 1)) if hi >= 1 else []
        starts.insert(0, 0)     # the first line has its own measure: always checked
        row = best[j]
        back_row = back[j]
        for i in starts:
            if i >= j:
                continue
            previous = best[i]
            if previous[0] == inf and previous[1] == inf and previous[2] == inf:
                continue
            measure = first_width if i == 0 else width
            natural = e - xs[i]
            space_width = se - sxs[i]
            if forced:
                if natural > measure + 1e-6:
                    continue
                d = LINE_PENALTY ** 2
                ratio = 1.0
            else:
                if natural - SHRINK * space_width > measure + 1e-6:
                    continue
                if space_width <= 0:
                    continue
                ratio, tracking = tracked_ratio(natural, measure, space_width,
                                                end.spaces_end - nxs[i], end.chars_end - cxs[i],
                                                font_size)
                if ratio > max_ratio:
                    continue
                badness = _badness(ratio) + (TRACKING_DEMERITS if tracking else 0)
                d = (LINE_PENALTY + badness) ** 2
                # First as few loose lines as the words allow, then no hole at all,
                # then the least demerits: a paragraph with one line at 2.3× reads
                # better than one with three at 2.1×.
                if ratio > LOOSE:
                    d += LOOSE_LINE
                if ratio > HOLE:
                    d += HOLE_LINE
                if end.compound:
                    d += COMPOUND_LINE
            for h in range(MAX_HYPHENS_IN_A_ROW + 1):
                if previous[h] == inf:
                    continue
                new_h = h + 1 if hyph else 0
                if new_h > MAX_HYPHENS_IN_A_ROW:
                    continue
                total = previous[h] + d
                if hyph:
                    total += hyphen_cost + (DOUBLE_HYPHEN if h else 0)
                if forced and h:
                    total += FINAL_HYPHEN
                if total < row[new_h]:
                    row[new_h] = total
                    back_row[new_h] = (i, h)
    h = min(range(MAX_HYPHENS_IN_A_ROW + 1), key=lambda k: best[n][k])
    if best[n][h] == inf:
        return None
    breaks = []
    j = n
    while j > 0:
        breaks.append(j)
        j, h = back[j][h]
    return [b - 1 for b in reversed(breaks)]


# --- WeasyPrint: measuring a paragraph and steering its lines ------------------------------


@dataclass
class _Text:
    box: object
    path: tuple
    x: float                  # x of the box's first character in the paragraph


class Paragraph:
    """A justified paragraph of WeasyPrint boxes: its break candidates and its plan."""

    def __init__(self, context, linebox, first_width: float, width: float, containing_block=None):
        self.linebox = linebox
        self.first_width = first_width
        self.width = width
        self.texts: list[_Text] = []
        self.positions: list[tuple[int, int]] = []    # candidate → (text index, byte) resume
        self.ends: list[int] = []    # candidate → byte where its line's text ends in that text (-1: another text)
        self.candidates: list[Candidate] = []
        self.plan: list[int] | None = None
        self.hyphens = 0      # lines ending with a hyphen in a row, up to the last one set
        self.lines: list[tuple[int, int]] = []
        self.alive = True
        self.containing_block = containing_block
        self.font_size = linebox.style["font_size"]
        self._build(context)

    # The measure of line k.
    def widths(self, k: int) -> float:
        return self.first_width if k == 0 else self.width

    def _build(self, context) -> None:
        from weasyprint.formatting_structure import boxes

        x = 0.0
        spaces = 0
        chars = 0
        space_width = 0.0
        cands: list[Candidate] = []
        positions: list[tuple[int, int]] = []
        ends: list[int] = []

        # A break after the space that ends a text box holds only when text follows:
        # WeasyPrint does not break before an empty inline (a line-break marker with
        # its number in the margin) or an inline block, so such a candidate is dropped.
        pending = False

        def drop_pending():
            nonlocal pending
            if pending:
                cands.pop()
                positions.pop()
                ends.pop()
            pending = False

        # The text box met last, for a break between two boxes with no space between
        # ("at night\u2014<i>eat in Musca</i>"): its last character and where it ended.
        last: tuple[str, float] | None = None

        def walk(box, path):
            nonlocal x, spaces, space_width, chars, pending, last
            for index, child in enumerate(box.children):
                if not child.is_in_normal_flow():
                    continue
                here = path + (index,)
                if isinstance(child, boxes.TextBox):
                    if child.text:
                        pending = False
                    measured = _measure(context, child)
                    if measured is None:
                        raise _Unsupported
                    t = len(self.texts)
                    if child.text and last is not None and _breaks_between(last[0], child):
                        cands.append(Candidate(last[1], x, spaces, spaces, space_width, space_width,
                                               0.0, False, chars, chars, last[0] in _COMPOUND_HYPHENS))
                        positions.append((t, 0))
                        ends.append(-1)
                    self.texts.append(_Text(child, here, x))
                    for c, (at, end_byte) in zip(measured.candidates, measured.resumes_and_ends):
                        if c.box_start and (last is None or x <= 0):
                            continue    # nothing before the space to end a line with
                        end = last[1] if c.box_start else x + c.end
                        cands.append(Candidate(
                            end, x + c.start, spaces + c.spaces_end, spaces + c.spaces_start,
                            space_width + c.space_width_end, space_width + c.space_width_start,
                            c.hyphen, False, chars + c.chars_end, chars + c.chars_start,
                            c.compound, c.box_end, room=c.room))
                        positions.append((t, at))
                        ends.append(end_byte)
                    pending = bool(measured.candidates) and measured.candidates[-1].box_end
                    x += measured.width
                    spaces += measured.spaces
                    space_width += measured.space_width
                    chars += len(child.text)
                    if child.text:
                        last = (child.text[-1], x)
                elif isinstance(child, boxes.InlineBox):
                    from weasyprint.layout.percent import resolve_percentages
                    resolve_percentages(child, self.containing_block)
                    left = child.margin_left if child.margin_left != "auto" else 0
                    right = child.margin_right if child.margin_right != "auto" else 0
                    x += left + child.padding_left + child.border_left_width
                    if not any(c.is_in_normal_flow() for c in child.children):
                        drop_pending()
                        last = None
                    walk(child, here)
                    x += right + child.padding_right + child.border_right_width
                elif isinstance(child, boxes.InlineBlockBox) and child.element_tag.endswith("::footnote-marker"):
                    # The number before a footnote: a small inline block, set at its
                    # preferred width; no break beside it.
                    from weasyprint.layout.preferred import max_content_width
                    drop_pending()
                    last = None
                    x += max_content_width(context, child, outer=True)
                else:
                    raise _Unsupported   # another inline block, an image: first fit sets it
        walk(self.linebox, ())
        # a space at the very end is no place to break: the paragraph ends there
        while cands and cands[-1].start >= x - 1e-6:
            cands.pop()
            positions.pop()
            ends.pop()
        cands.append(Candidate(x, x, spaces, spaces, space_width, space_width, 0.0, True, chars, chars))
        positions.append((len(self.texts), 0))
        ends.append(-1)
        self.candidates = cands
        self.positions = positions
        self.ends = ends

    def solve(self) -> None:
        breaks = choose_breaks(self.candidates, self.widths, font_size=self.font_size)
        if breaks is None:   # only very loose lines will do: search them all
            breaks = choose_breaks(self.candidates, self.widths, float("inf"), self.font_size)
        self._set_lines(-1, breaks)

    def _set_lines(self, origin: int, breaks: list[int] | None) -> None:
        """Lines from candidate ``origin`` (-1: the paragraph's start) to each break."""
        if breaks is None:
            self.alive = False
            return
        ends = [origin + 1 + b for b in breaks]
        self.lines = list(zip([origin] + ends[:-1], ends))
        self.plan = ends
        self.alive = True

    def replan(self, where) -> bool:
        """After a line that did not end as planned: plan the rest of the paragraph from
        where it did end, if that is one of the candidates."""
        for c, position in enumerate(self.positions):
            if self.candidates[c].forced:
                break
            if self._skip_spaces(*position) == where:
                rest = self.candidates[c + 1:]
                self._set_lines(c, choose_breaks(rest, lambda k: self.width, font_size=self.font_size,
                                                 origin=self.candidates[c], hyphens_before=self.hyphens))
                return self.alive
        self.alive = False
        return False

    # --- steering ---

    def position(self, skip_stack) -> tuple[int, int] | None:
        """The (text index, byte offset) a skip stack resumes at, past spaces."""
        if skip_stack is None:
            t, offset = 0, 0
        else:
            node = self.linebox
            path = []
            stack = skip_stack
            offset = 0
            while stack:
                (index, sub), = stack.items()
                from weasyprint.formatting_structure import boxes
                if isinstance(node, boxes.TextBox):
                    offset = index
                    break
                path.append(index)
                if not hasattr(node, "children") or index >= len(node.children):
                    return None
                node = node.children[index]
                stack = sub
            path = tuple(path)
            t = next((k for k, text in enumerate(self.texts) if text.path >= path), len(self.texts))
            if t < len(self.texts) and self.texts[t].path != path:
                offset = 0
        return self._skip_spaces(t, offset)

    def _skip_spaces(self, t: int, offset: int) -> tuple[int, int]:
        while t < len(self.texts):
            raw = self.texts[t].box.text.encode()
            while offset < len(raw) and raw[offset:offset + 1] == b" ":
                offset += 1
            if offset < len(raw):
                return (t, offset)
            t, offset = t + 1, 0
        return (len(self.texts), 0)

    def line_at(self, where) -> int | None:
        """Index of the planned line that starts at ``where``, if the plan has one."""
        if not self.alive or self.plan is None or where is None:
            return None
        for k, (start, _) in enumerate(self.lines):
            here = self._skip_spaces(0, 0) if start < 0 else self._skip_spaces(*self.positions[start])
            if here == where:
                return k
        return None

    def _start(self, k: int) -> Candidate | None:
        start = self.lines[k][0]
        return None if start < 0 else self.candidates[start]

    def target(self, k: int) -> tuple[float, bool]:
        """Natural width of planned line k and whether it is the paragraph's last."""
        end = self.candidates[self.lines[k][1]]
        start = self._start(k)
        return end.end - (start.start if start else 0.0) + end.hyphen + end.room, end.forced

    def slack(self, k: int) -> float:
        """How much wider than planned line k may be set without taking the next piece
        of text: half the way to the next candidate's end, at most :data:`EPSILON_MAX`
        (our measure of a hyphenated fragment can miss its kerning by a little)."""
        index = self.lines[k][1]
        end = self.candidates[index]
        ahead = [c.end + c.hyphen for c in self.candidates[index + 1:index + 4]]
        room = min((a - (end.end + end.hyphen) for a in ahead if a > end.end + end.hyphen),
                   default=EPSILON_MAX * 2)
        return max(EPSILON, min(EPSILON_MAX, room / 2))

    def spaces(self, k: int) -> tuple[float, int]:
        """Natural width and number of the word spaces of planned line k."""
        end = self.candidates[self.lines[k][1]]
        start = self._start(k)
        if start is None:
            return end.space_width_end, end.spaces_end
        return end.space_width_end - start.space_width_start, end.spaces_end - start.spaces_start

    def planned_break(self, k: int):
        """Where planned line k ends inside one text box: (the box, byte where the
        line's text ends, byte the next line resumes at, whether a hyphen is added), or
        None when it ends between boxes or is the paragraph's last line."""
        index = self.lines[k][1]
        end = self.candidates[index]
        end_byte = self.ends[index]
        t, resume = self.positions[index]
        if end.forced or end_byte < 0 or t >= len(self.texts):
            return None
        return self.texts[t].box, end_byte, resume, end.hyphen > 0

    def resumes_as_planned(self, k: int, resume_at) -> bool:
        end = self.lines[k][1]
        if resume_at is None:
            return self.candidates[end].forced
        if self.candidates[end].forced:
            return False
        return self.position(resume_at) == self._skip_spaces(*self.positions[end])


#: A word WeasyPrint may hyphenate: a run of letters (Pango's word boundaries end a word at
#: an apostrophe: "shouldn't" is looked up as "shouldn", "master's" as "master").
_WORD = re.compile(r"[^\W\d_]+")


def _dividable(text: str, breaks: list[int], dictionary, total_limit: int, last_soft: int):
    """The hyphenation points WeasyPrint can set in ``text``: it divides, in the text up
    to the next break opportunity, only the first word long enough to divide
    (``hyphenate-limit-chars``). In "Kreisler's\xa0imagination", words joined by a no-break
    space, that is the name, never "imagination": a point there would be a plan WeasyPrint
    cannot follow. A capitalised first word is not divided (see :func:`_measure`), and then
    nothing in that stretch is. WeasyPrint's stretch stops one character short of the next
    break opportunity (its index is taken from the attributes after the first): harmless
    before a space, but "scholar—" is looked up as "schola", so the points are those."""
    for start, end in zip([0, *breaks], [*breaks, len(text)]):
        for match in _WORD.finditer(text, start, end - 1 if end < len(text) else end):
            word = match.group()
            if len(word) < total_limit:
                continue
            if not word[0].isupper() and match.start() > last_soft:
                for pos in dictionary.positions(word):
                    yield match.start() + pos
            break


def _breaks_between(before: str, box) -> bool:
    """Whether WeasyPrint may end a line between a text ending with ``before`` and the
    text box ``box`` that follows it with no space between, as it decides: Pango's rules
    for the two characters (a break after an em dash before a word, not inside a word
    split by markup). Spaces are not asked: a box ending with a space has its own
    candidate, and a line does not start with one."""
    from weasyprint.text.line_break import can_break_text

    first = box.text[0]
    if before in _WHITE_SPACE or first in _WHITE_SPACE or first in DASHES:
        return False
    return can_break_text(before + first, box.style["lang"])


#: Dashes set between words without spaces (em dash, horizontal bar, two- and three-em dashes).
DASHES = "\u2014\u2015\u2e3a\u2e3b"
#: The hyphens a compound is written with ("Brest-Litovsk").
_COMPOUND_HYPHENS = "-\u2010"
#: Spaces beside which a break between boxes is WeasyPrint's own (trailing or leading space).
_WHITE_SPACE = " \u00a0\t\n"


class _Unsupported(Exception):
    """A paragraph the model does not describe: first fit sets it."""


@dataclass
class _Measured:
    width: float
    spaces: int
    space_width: float
    candidates: list[Candidate]
    # per candidate: (byte the next line resumes at, byte the line's text ends at or -1)
    resumes_and_ends: list[tuple[int, int]]


def _measure(context, box) -> _Measured | None:
    """The break candidates of one text box, in the box's own coordinates."""
    import pyphen
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.line_break import create_layout

    style = box.style
    text = box.text
    if not text:
        return _Measured(0.0, 0, 0.0, [], [])
    if (style["white_space"] != "normal" or "\n" in text
            or style["direction"] != "ltr" or style["word_spacing"] != 0):
        return None
    # WeasyPrint counts a box's letter spacing once more at its end (line_size)
    trailing = 0.0 if style["letter_spacing"] == "normal" else style["letter_spacing"]
    layout = create_layout(text, style, context, None, 0)
    # byte offset of each character
    offsets = []
    b = 0
    for ch in text:
        offsets.append(b)
        b += len(ch.encode())
    offsets.append(b)
    xs = _byte_positions(layout, text, b)
    if xs is None:
        layout.deactivate()
        return None
    width = xs.width + trailing

    def x_at(char_index: int) -> float:
        return xs.at(offsets[char_index])

    count = ffi.new("int *")
    attrs = pango.pango_layout_get_log_attrs_readonly(layout.layout, count)

    space_w = _space_width(context, style)
    hyphen_w = _hyphen_width(context, style)
    dictionary = None
    if style["hyphens"] == "auto" and style["lang"]:
        lang = pyphen.language_fallback(style["lang"])
        if lang:
            total, left, right = style["hyphenate_limit_chars"]
            key = (lang, left, right, total)
            dictionary = context.dictionaries.get(key)
            if dictionary is None:
                dictionary = pyphen.Pyphen(lang=lang, left=left, right=right)
                context.dictionaries[key] = dictionary
    total_limit = style["hyphenate_limit_chars"][0]

    cands: list[Candidate] = []
    resume: list[int] = []
    n = len(text)
    prefix_spaces = [0] * (n + 1)
    for i, ch in enumerate(text):
        prefix_spaces[i + 1] = prefix_spaces[i] + (ch in " \u00a0")
    # Pango's break opportunities: where a line may end (after the spaces)
    breaks = [i for i in range(1, min(n, count[0])) if attrs[i].is_line_break]
    # hyphenation points inside the words of the box (WeasyPrint hyphenates within one
    # text box), from the dictionary WeasyPrint uses; not in a capitalised word (a name
    # divided at a line end is hard to read and to find, as TeX's \uchyph=0)
    # A soft hyphen (U+00AD, "to\xadnight") is where the text itself may be divided.
    # While one is still ahead in a text box, WeasyPrint divides words only there (CSS
    # Text: the dictionary yields to the text's own hyphens): no dictionary point before
    # the box's last soft hyphen, then.
    last_soft = text.rfind("\xad")
    if dictionary is not None:
        for at in _dividable(text, breaks, dictionary, total_limit, last_soft):
            x = x_at(at)
            sp = prefix_spaces[at]
            cands.append(Candidate(x + trailing, x, sp, sp, sp * space_w, sp * space_w,
                                   hyphen_w, False, at, at))
            resume.append((offsets[at], offsets[at]))
    # break opportunities: where Pango allows one
    for i in breaks:
        if text[i] in DASHES and text[i - 1] not in " \u00a0":
            continue    # a line may end after a dash between words, not before it
        j = i
        while j > 0 and text[j - 1] == " ":
            j -= 1
        if j == 0:
            # the box starts with the space after the previous box's last word
            # ("<i>Musca</i> said"): the line ends with that word, the space hangs
            cands.append(Candidate(0.0, x_at(i), 0, prefix_spaces[i], 0.0, prefix_spaces[i] * space_w,
                                   0.0, False, 0, i, box_start=True, room=x_at(i)))
            resume.append((offsets[i], -1))
            continue
        end_x = x_at(j) + trailing
        sp_end = prefix_spaces[j]
        sp_start = prefix_spaces[i]
        soft = j == i and text[i - 1] == "\xad"     # the line ends with a hyphen set there
        cands.append(Candidate(end_x, x_at(i), sp_end, sp_start, sp_end * space_w,
                               sp_start * space_w, hyphen_w if soft else 0.0, False, j, i,
                               compound=j == i and text[i - 1] in _COMPOUND_HYPHENS))
        resume.append((offsets[i], offsets[j]))
    # the box ends with a space: a break before the next box (a name, a quotation...)
    j = n
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if 0 < j < n:
        sp_end = prefix_spaces[j]
        cands.append(Candidate(x_at(j) + trailing, x_at(n), sp_end, prefix_spaces[n],
                               sp_end * space_w, prefix_spaces[n] * space_w, 0.0, False, j, n,
                               box_end=True, room=x_at(n) - x_at(j)))
        resume.append((offsets[n], -1))
    # candidates in order of position (hyphenation points come with their word's end)
    order = sorted(range(len(cands)), key=lambda k: (cands[k].start, cands[k].hyphen == 0))
    cands = [cands[k] for k in order]
    resume = [resume[k] for k in order]
    spaces = prefix_spaces[n]
    layout.deactivate()
    return _Measured(width, spaces, spaces * space_w, cands, resume)


class _Positions:
    """x of the byte offsets of a one-line layout: glyph clusters' starts measured, a
    position inside a cluster (a ligature such as "ff") shared evenly among its
    characters, as Pango places a cursor inside a ligature, so that a hyphenation point
    in "af|forded" is measured near where the glyphs split."""

    def __init__(self, starts: dict[int, float], order: list[int], text: str, width: float):
        self.starts = starts
        self.order = order          # cluster start bytes, increasing
        self.text = text
        self.width = width

    def at(self, byte: int) -> float:
        x = self.starts.get(byte)
        if x is not None:
            return x
        from bisect import bisect_right

        k = bisect_right(self.order, byte) - 1
        first = self.order[k] if k >= 0 else 0
        last = self.order[k + 1] if k + 1 < len(self.order) else len(self.text.encode())
        x0 = self.starts.get(first, 0.0)
        x1 = self.starts.get(last, self.width)
        raw = self.text.encode()
        inside = len(raw[first:last].decode(errors="ignore"))
        before = len(raw[first:byte].decode(errors="ignore"))
        return x0 + (x1 - x0) * before / inside if inside else x0


def _byte_positions(layout, text: str, length: int) -> _Positions | None:
    """The positions of a one-line layout (None for right-to-left text or a layout
    that wraps)."""
    from weasyprint.text.ffi import FROM_UNITS, ffi

    line, second = layout.get_first_line()
    if second is not None:
        return None
    starts: dict[int, float] = {}
    x = 0.0
    stride, at = _glyph_layout(ffi)
    run = line.runs[0] if line.runs != ffi.NULL else ffi.NULL
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        if glyph_item.item.analysis.level % 2:
            return None
        glyphs = glyph_item.glyphs
        count = glyphs.num_glyphs
        if not count:
            continue
        offset = glyph_item.item.offset
        # the run's glyph widths and clusters read at once (a Python loop over the
        # glyphs' fields was a tenth of the paragraph builder's time)
        widths = memoryview(ffi.buffer(glyphs.glyphs, stride * count)).cast("i")[at::stride // 4]
        clusters = ffi.unpack(glyphs.log_clusters, count)
        xs = list(accumulate([w * FROM_UNITS for w in widths], initial=x))
        for cluster, glyph_x in zip(clusters, xs):
            starts.setdefault(offset + cluster, glyph_x)
        x = xs[-1]
    starts[length] = x
    return _Positions(starts, sorted(starts), text, x)


@functools.cache
def _glyph_layout(ffi) -> tuple[int, int]:
    """(size of a PangoGlyphInfo in bytes, index of its width among its 32-bit fields)."""
    at = ffi.offsetof("PangoGlyphInfo", "geometry") + ffi.offsetof("PangoGlyphGeometry", "width")
    return ffi.sizeof("PangoGlyphInfo"), at // 4


def _style_key(style):
    """What decides the width of a space or a hyphen in a style."""
    return (tuple(style["font_family"]), style["font_size"], style["font_style"],
            style["font_weight"], style["font_stretch"], style["font_variant_caps"],
            style["letter_spacing"], style["hyphenate_character"], style["lang"],
            tuple(sorted((style["font_feature_settings"] or ()) if style["font_feature_settings"] != "normal" else ())))


def _widths_of(context) -> dict:
    """The widths of a space and a hyphen per style, kept for the whole layout: measuring
    them for every paragraph cost a tenth of the paragraph builder's time."""
    widths = getattr(context, "_editio_widths", None)
    if widths is None:
        widths = context._editio_widths = {}
    return widths


def _space_width(context, style) -> float:
    cache = _widths_of(context)
    key = ("space", _style_key(style))
    if key not in cache:
        cache[key] = _text_width(context, style, "x x") - _text_width(context, style, "xx")
    return cache[key]


def _hyphen_width(context, style) -> float:
    cache = _widths_of(context)
    key = ("hyphen", _style_key(style))
    if key not in cache:
        cache[key] = _text_width(context, style, style["hyphenate_character"])
    return cache[key]


def _text_width(context, style, text: str) -> float:
    from weasyprint.text.line_break import create_layout, line_size

    layout = create_layout(text, style, context, None, 0)
    line, _ = layout.get_first_line()
    width, _ = line_size(line, style)
    layout.deactivate()
    return width


def planned_first_line(text, style, context, max_width, justification_spacing, skip: int,
                       end_byte: int, resume_byte: int, hyphen: bool):
    """WeasyPrint's ``split_first_line`` for a line whose end the plan knows: the
    line's text (``text`` is the box's text from byte ``skip``) up to ``end_byte``, a
    hyphen added when the line ends at a hyphenation point, the next line resuming at
    ``resume_byte``; None when that line does not fit ``max_width`` (WeasyPrint then
    finds the line as it would).

    WeasyPrint finds a line by shaping a draft of the text, then the line with the next
    word, then with each division of that word, then the line alone (laying out a
    243-page novel: 31,839 shapings; 18,310 with its 5,714 planned lines shaped once). The
    plan has measured the line; it is shaped once, as WeasyPrint's last step shapes it
    (the same text and style), and the result is what WeasyPrint returns when it breaks
    there."""
    from weasyprint.text.ffi import FROM_UNITS, pango
    from weasyprint.text.line_break import create_layout, line_size

    if max_width is None or style["white_space"] != "normal" or (hyphen and style["hyphens"] == "none"):
        return None
    raw = text.encode()
    end, resume = end_byte - skip, resume_byte - skip
    if not 0 < end <= resume < len(raw) or raw[end:resume].strip(b" "):
        return None
    line = raw[:end].decode()
    mark = style["hyphenate_character"] if hyphen else ""
    layout = create_layout(line + mark, style, context, None, justification_spacing)
    first_line, second = layout.get_first_line()
    width, height = line_size(first_line, style)
    if second is not None or width > max_width:
        layout.deactivate()
        return None
    length = first_line.length - len(mark.encode())
    baseline = pango.pango_layout_get_baseline(layout.layout) * FROM_UNITS
    layout.deactivate()
    STATS["shaped once"] += 1
    return layout, length, resume, width, height, baseline


# --- the patch ---------------------------------------------------------------------------------

#: Counters of a layout, for the typography report and the tests.
STATS = {"paragraphs": 0, "planned": 0, "unsupported": 0, "desynced": 0, "lines": 0,
         "tracked": 0, "replanned": 0, "missed": 0, "shaped once": 0}


def _characters(box) -> int:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return len(box.text)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return sum(_characters(child) for child in box.children if child.is_in_normal_flow())
    return 0


def _track(context, box, spacing: float, x_advance: float = 0.0) -> float:
    """Spread the letters of every text box of ``box`` by ``spacing`` px, moving what
    follows (as WeasyPrint's ``add_word_spacing`` moves boxes for word spacing)."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import create_layout

    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        if box.text:
            style = box.style.copy()
            current = style["letter_spacing"]
            style["letter_spacing"] = (0 if current == "normal" else current) + spacing
            box.style = style
            layout = create_layout(box.text, style, context, None, box.justification_spacing)
            layout.deactivate()
            box.pango_layout = layout
            extra = spacing * len(box.text)
            box.width += extra
            x_advance += extra
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _track(context, child, spacing, x_advance)
        box.width += x_advance - before
    else:
        box.translate(x_advance, 0)
    return x_advance


def _ends_with_hyphen(line) -> bool:
    """Whether a line set by WeasyPrint ends with a hyphen (its own or the text's)."""
    from weasyprint.formatting_structure import boxes

    last = None
    stack = [line]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.TextBox):
            if box.text.strip():
                last = box
                break
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            stack.extend(child for child in box.children if child.is_in_normal_flow())
    if last is None:
        return False
    text = last.text.rstrip()
    return text.endswith(("-", "\u2010", last.style["hyphenate_character"] or "\u2010"))


#: Hyphenation patterns for a language tag that names no country: generic English ("en",
#: what most TEI files declare) gets TeX's own patterns (pyphen's en_US, Liang's), not the
#: British ones pyphen picks for "en", which cannot divide "everything" or "together"
#: and leave loose lines where TeX would not. A text that declares en-GB keeps them.
#: Patterns for a language pyphen has none for under its own name: generic English, and
#: Latin, which pyphen lacks, by the Italian patterns (Italian syllabification descends
#: from Latin's: "in-tem-pe-sti-vis"), so that Latin prose is justified without holes.
#: Norwegian ("no", "nor"), which pyphen knows only as Bokmål and Nynorsk, takes Bokmål's,
#: the written standard of most Norwegian books. Finnish and Turkish, which pyphen lacks,
#: take editio's own patterns (styles/hyphenation/hyph_fi.dic, hyph_tr.dic: their
#: syllable rules). The
#: medieval stages of English, French, German and Dutch (ISO 639-3 codes that editions of
#: older texts declare) take their modern language's: their syllables divide alike, and
#: a justified page of Middle English was set without a single division.
GENERIC_PATTERNS = {"en": "en_US", "la": "it_IT", "no": "nb_NO", "fi": "hyph_fi.dic", "tr": "hyph_tr.dic",
                    "enm": "en_US", "fro": "fr", "frm": "fr", "gmh": "de", "goh": "de", "dum": "nl"}


#: Languages written in their own script and, in editions, as often in Latin
#: transliteration (IAST): a word in Latin letters takes editio's patterns of its syllables
#: (styles/hyphenation/hyph_sa_latn.dic), a word in the language's script pyphen's (when
#: it has them). pyphen's Sanskrit patterns are for Devanagari only: a commentary in IAST
#: was set unhyphenated, with word spaces 32 times the normal one.
TRANSLITERATED_PATTERNS = {"sa": "hyph_sa_latn.dic", "pi": "hyph_sa_latn.dic"}


class _ByScript:
    """One language's patterns in two scripts: Latin letters (a transliteration) by
    ``latin``, any other word by ``native`` (None: not divided)."""

    def __init__(self, native, latin):
        self.native, self.latin = native, latin

    def _for(self, word: str):
        latin = all(ord(c) < 0x0250 or 0x1E00 <= ord(c) <= 0x1EFF for c in word if c.isalpha())
        return self.latin if latin else self.native

    def positions(self, word: str):
        patterns = self._for(word)
        return patterns.positions(word) if patterns is not None else []

    def iterate(self, word: str):
        patterns = self._for(word)
        return patterns.iterate(word) if patterns is not None else iter(())

    def inserted(self, word: str, hyphen: str = "-") -> str:
        patterns = self._for(word)
        return patterns.inserted(word, hyphen) if patterns is not None else word


def _patterns(name: str) -> dict:
    """pyphen's arguments for a pattern name of :data:`GENERIC_PATTERNS`: one of its own
    languages, or a file of editio's."""
    if name.endswith(".dic"):
        from importlib.resources import files

        return {"filename": str(files("editio.styles").joinpath("hyphenation", name))}
    return {"lang": name}


class _Dictionaries(dict):
    """WeasyPrint's cache of hyphenation dictionaries (``LayoutContext.dictionaries``,
    keyed by (language, left, right, total)) that fills a generic language with
    :data:`GENERIC_PATTERNS`: WeasyPrint and :func:`_measure` then divide words alike."""

    def get(self, key, default=None):
        if key not in self and key[0] in GENERIC_PATTERNS:
            import pyphen

            _, left, right, _total = key
            self[key] = pyphen.Pyphen(**_patterns(GENERIC_PATTERNS[key[0]]), left=left, right=right)
        elif key not in self and key[0] in TRANSLITERATED_PATTERNS:
            import pyphen

            _, left, right, _total = key
            native = pyphen.Pyphen(lang=key[0], left=left, right=right) if key[0] in pyphen.LANGUAGES else None
            latin = pyphen.Pyphen(**_patterns(TRANSLITERATED_PATTERNS[key[0]]), left=left, right=right)
            self[key] = _ByScript(native, latin)
        return super().get(key, default)


def _use_generic_patterns(context) -> None:
    if not isinstance(context.dictionaries, _Dictionaries):
        context.dictionaries = _Dictionaries(context.dictionaries)


class _Steering:
    def __init__(self):
        self.paragraphs: dict[int, tuple[object, Paragraph | None]] = {}
        self.shrunk: set[int] = set()
        self.spaces: dict[int, tuple] = {}   # line → its word spaces, for tracking
        self.planned = None     # the break of the line being set (Paragraph.planned_break)
        self.splitting = None   # (text box, byte offset) WeasyPrint is splitting

    def paragraph(self, context, linebox, position_x, max_x, skip_stack,
                  containing_block) -> Paragraph | None:
        key = id(linebox)
        known = self.paragraphs.get(key)
        if known is not None and known[0] is linebox:
            return known[1]
        if skip_stack is not None:
            return None      # a paragraph first met mid-way (should not happen): first fit
        style = linebox.style
        if style["text_align_all"] != "justify" or style["white_space"] != "normal":
            self.paragraphs[key] = (linebox, None)
            return None
        if context.excluded_shapes:
            self.paragraphs[key] = (linebox, None)   # floats beside it: first fit
            return None
        indent = linebox.text_indent or 0
        width = max_x - (position_x - indent)
        STATS["paragraphs"] += 1
        try:
            paragraph = Paragraph(context, linebox, max_x - position_x, width, containing_block)
        except _Unsupported:
            STATS["unsupported"] += 1
            paragraph = None
        if paragraph is not None:
            paragraph.solve()
            if paragraph.plan is None:
                paragraph = None
            else:
                STATS["planned"] += 1
        self.paragraphs[key] = (linebox, paragraph)
        return paragraph


_state: _Steering | None = None


@contextlib.contextmanager
def whole_paragraphs():
    """Within this block, WeasyPrint sets justified paragraphs by :func:`choose_breaks`."""
    global _state
    import weasyprint.layout.inline as inline
    from weasyprint.formatting_structure import boxes

    if _state is not None:      # already steering (nested use): one steering only
        yield _state
        return

    original_split = inline.split_inline_box
    original_align = inline.text_align
    previous = _state
    _state = state = _Steering()

    def split_inline_box(context, box, position_x, max_x, bottom_space, skip_stack,
                         containing_block, absolute_boxes, fixed_boxes, line_placeholders,
                         waiting_floats, line_children, first_letter_style, first_line_style):
        args = (bottom_space, skip_stack, containing_block, absolute_boxes, fixed_boxes,
                line_placeholders, waiting_floats, line_children, first_letter_style,
                first_line_style)
        _use_generic_patterns(context)
        if not isinstance(box, boxes.LineBox) or first_line_style or first_letter_style:
            return original_split(context, box, position_x, max_x, *args)
        paragraph = state.paragraph(context, box, position_x, max_x, skip_stack, containing_block)
        if paragraph is None or not paragraph.alive:
            return original_split(context, box, position_x, max_x, *args)
        where = paragraph.position(skip_stack)
        k = paragraph.line_at(where)
        if k is None and paragraph.replan(where):
            STATS["replanned"] += 1
            k = paragraph.line_at(where)
        if k is None:
            paragraph.alive = False
            STATS["desynced"] += 1
            return original_split(context, box, position_x, max_x, *args)
        natural, last = paragraph.target(k)
        if last:
            return original_split(context, box, position_x, max_x, *args)
        lists = (absolute_boxes, fixed_boxes, line_placeholders, waiting_floats, line_children)
        sizes = [len(lst) for lst in lists]
        state.planned = paragraph.planned_break(k)
        try:
            result = original_split(context, box, position_x, position_x + natural + paragraph.slack(k), *args)
        finally:
            state.planned = None
        if paragraph.resumes_as_planned(k, result[1]):
            STATS["lines"] += 1
            end = paragraph.candidates[paragraph.lines[k][1]]
            paragraph.hyphens = paragraph.hyphens + 1 if end.hyphenated else 0
            if position_x + natural > max_x:
                state.shrunk.add(id(result[0]))
            else:
                state.spaces[id(result[0])] = paragraph.spaces(k)
            return result
        # Not where planned: undo what the trial added, set this line first fit; the
        # next line plans the rest again from where this one ends.
        for lst, size in zip(lists, sizes):
            del lst[size:]
        STATS["missed"] += 1
        result = original_split(context, box, position_x, max_x, *args)
        paragraph.hyphens = paragraph.hyphens + 1 if _ends_with_hyphen(result[0]) else 0
        return result

    def text_align(context, line, available_width, last):
        if id(line) in state.shrunk and not last and line.width > available_width:
            state.shrunk.discard(id(line))
            inline.justify_line(context, line, available_width - line.width)
            return 0
        spaces = state.spaces.pop(id(line), None)
        if spaces and not last and line.width < available_width:
            chars = _characters(line)
            _, tracking = tracked_ratio(line.width, available_width, spaces[0], spaces[1],
                                        chars, line.style["font_size"])
            if tracking > 0:
                _track(context, line, tracking)
                STATS["tracked"] += 1
        return original_align(context, line, available_width, last)

    original_text_box = inline.split_text_box
    original_first_line = inline.split_first_line

    def split_text_box(context, box, available_width, skip, is_line_start=True):
        if state.planned is None:
            return original_text_box(context, box, available_width, skip, is_line_start)
        state.splitting = (box, skip)
        try:
            return original_text_box(context, box, available_width, skip, is_line_start)
        finally:
            state.splitting = None

    def split_first_line(text, style, context, max_width, justification_spacing,
                         is_line_start=True, minimum=False):
        planned, splitting = state.planned, state.splitting
        if planned is not None and splitting is not None and splitting[0] is planned[0]:
            found = planned_first_line(text, style, context, max_width, justification_spacing,
                                       splitting[1], *planned[1:])
            if found is not None:
                return found
        return original_first_line(text, style, context, max_width, justification_spacing,
                                   is_line_start, minimum)

    import pyphen

    original_fallback = pyphen.language_fallback

    def language_fallback(language):
        """pyphen's, and a language of :data:`GENERIC_PATTERNS` it has no patterns of."""
        found = original_fallback(language)
        primary = (language or "").split("-")[0].lower()
        return found or (primary if primary in GENERIC_PATTERNS or primary in TRANSLITERATED_PATTERNS else None)

    inline.split_inline_box = split_inline_box
    inline.text_align = text_align
    inline.split_text_box = split_text_box
    inline.split_first_line = split_first_line
    pyphen.language_fallback = language_fallback
    try:
        yield state
    finally:
        inline.split_inline_box = original_split
        inline.text_align = original_align
        inline.split_text_box = original_text_box
        inline.split_first_line = original_first_line
        pyphen.language_fallback = original_fallback
        _state = previous
