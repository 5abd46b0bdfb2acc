"""Small operations on the hub HTML tree that every writer needs.

Writers restructure their own copy of the hub (notes moved, furniture dropped); these
helpers keep such edits from losing text: lxml stores the text after an element in the
element's ``tail``, so removing an element naively removes the words that follow it.
"""

from __future__ import annotations

import re

from lxml import etree

from ..i18n import primary


def classes(el: etree._Element) -> set[str]:
    """The element's HTML classes."""
    return set((el.get("class") or "").split())


def add_class(el: etree._Element, name: str) -> None:
    """Add one class, keeping the others in their order."""
    if name not in classes(el):
        el.set("class", ((el.get("class") or "") + " " + name).strip())


def remove_keep_tail(el: etree._Element) -> None:
    """Remove ``el`` from its parent but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def drop_diplomatic_only(root: etree._Element) -> None:
    """Remove what only the web edition's views show (the diplomatic view's forme work,
    source readings and deletions; the facsimile view's page images), keeping the text
    after each: a book or an export carries the reading text only."""
    from .vocabulary import DIPLOMATIC_ONLY, FACSIMILE

    for el in list(root.iter()):
        if isinstance(el.tag, str) and {DIPLOMATIC_ONLY, FACSIMILE} & set((el.get("class") or "").split()):
            remove_keep_tail(el)


_WHITE = " \t\r\n\u00a0"      # the white space a no-break space may stand beside
_SPACE_RUN = re.compile(f"[{_WHITE}]{{2,}}")
_VERBATIM = {"pre", "code", "textarea", "script", "style"}


def _one_space(match: re.Match) -> str:
    run = match.group()
    if "\u00a0" not in run:
        return run                      # plain white space: HTML collapses it already
    return "\u00a0" if not run.strip("\u00a0") else " "


def collapse_spaces(root: etree._Element) -> None:
    """One space where the source has a no-break space beside other spaces.

    Transcriptions of printed books often keep the compositor's wide space after a full
    stop as a no-break space followed by a space; in a reflowed edition that is two
    spaces, and in justified text a gap twice as wide as any other. A book sets one
    word space there: a run of spaces with a no-break space becomes one space (one
    no-break space when the run is no-break spaces only, so nothing breaks where the
    source forbade it). Verbatim text (pre, code) keeps its spaces.
    """
    def verbatim(el) -> bool:
        return el.tag in _VERBATIM or any(a.tag in _VERBATIM for a in el.iterancestors())

    seen = False
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and "\u00a0" in el.text and not verbatim(el):
            el.text = _SPACE_RUN.sub(_one_space, el.text)
            seen = True
        parent = el.getparent()
        if el.tail and "\u00a0" in el.tail and (parent is None or not verbatim(parent)):
            el.tail = _SPACE_RUN.sub(_one_space, el.tail)
            seen = True
    if seen:
        _collapse_across_inlines(root, verbatim)


#: Elements that end a line of text: a run of spaces is not joined across them.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_LEADING = re.compile(f"^[{_WHITE}]+")
_TRAILING = re.compile(f"[{_WHITE}]+$")


def _collapse_across_inlines(root: etree._Element, verbatim) -> None:
    """The same run of spaces split by inline elements: "<i>believe me!\u00a0</i> (Last",
    "<i>Everything\u00a0</i> that", "sea \u00a0<span class="pb"/> voyage". HTML joins
    the spaces on both sides of an inline element into one word space, but not a no-break
    space: the no-break spaces of such a run go, and the plain space stands."""
    previous = None     # (element, "text" | "tail") of the last text met in this line
    for el, slot in text_slots(root):
        if el is None:
            previous = None             # a block starts or ends: a new line of text
            continue
        value = getattr(el, slot)
        if previous is not None and value[0] in _WHITE:
            before_el, before_slot = previous
            before = getattr(before_el, before_slot)
            if before[-1] in _WHITE:
                tail_run = _TRAILING.search(before).group()
                head_run = _LEADING.match(value).group()
                run = tail_run + head_run
                if "\u00a0" in run and run.strip("\u00a0") and not verbatim(el):
                    setattr(before_el, before_slot, before[:len(before) - len(tail_run)]
                            + tail_run.replace("\u00a0", ""))
                    value = head_run.replace("\u00a0", "") + value[len(head_run):]
                    setattr(el, slot, value)
        if value:
            previous = (el, slot)


def text_slots(root: etree._Element, marks=None):
    """Each non-empty text of ``root`` in reading order as (element, "text" | "tail"),
    (None, None) where a block starts or ends, and (element, "mark") at each element
    ``marks`` accepts."""
    def walk(el):
        block = isinstance(el.tag, str) and el.tag in _BLOCKS
        if block:
            yield None, None
        if marks is not None and isinstance(el.tag, str) and marks(el):
            yield el, "mark"
        if isinstance(el.tag, str) and el.text:
            yield el, "text"
        for child in el:
            yield from walk(child)
            if child.tail:
                yield child, "tail"
        if block:
            yield None, None

    yield from walk(root)


# Characters of the scripts written without spaces between words: Han ideographs (with
# their extensions and compatibility forms), kana, CJK punctuation and fullwidth forms.
# (Hangul is written with spaces, so a line break between Korean words stays a space.)
_WIDE = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
         "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f")
WIDE = re.compile(f"[{_WIDE}]")
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t\r]*\n[ \t\r\n]*(?=[{_WIDE}])")
_EDGE_WHITE = " \t\r\n"


# White space of the source's layout: a run holding a line break (indentation).
_LAYOUT_SPACE_AT_END = re.compile(r"[ \t\r]*\n[ \t\r\n]*$")
_AFTER_WORD = ",.;:!?)]}"           # punctuation that follows its word without a space
_OPENING_MARKS = "«“„‘‚‹»›\""
_CLOSING_MARKS = "»”“’‘›«\""
_MARK_THEN_SPACE = re.compile(f"^([{_OPENING_MARKS}]+)[ \t\r\n]+")
_SPACE_THEN_MARK = re.compile(f"[ \t\r\n]+([{_CLOSING_MARKS}]+)$")
# (a full stop, not an ellipsis written as full stops: "he said⏎...and then")
_LAYOUT_BEFORE_PUNCTUATION = re.compile(r"[ \t\r]*\n[ \t\r\n]*(?=[,;:)\]]|\.(?!\.))")
# (the same line break, found first by its newline: a pattern that starts with a literal
# is searched for it, five times faster over a novel's text than the one above, which
# tries at every space)
_NEWLINE_BEFORE_PUNCTUATION = re.compile(r"\n[ \t\r\n]*(?=[,;:)\]]|\.(?!\.))")


def _first_text(el: etree._Element) -> str:
    """The first text inside ``el`` (its own, else its first child's, depth first)."""
    if el.text:
        return el.text
    for child in el:
        if isinstance(child.tag, str):
            found = _first_text(child)
            if found:
                return found
        if child.tail:
            return child.tail
    return ""


def _last_text(el: etree._Element):
    """(element, "text" | "tail") of the last text inside ``el``, or None."""
    for child in reversed(el):
        if child.tail:
            return child, "tail"
        if isinstance(child.tag, str):
            inner = _last_text(child)
            if inner is not None:
                return inner
    return (el, "text") if el.text else None


def tidy_layout_spaces(root: etree._Element) -> None:
    """Drop the white space that only laid out the TEI file and that a reader would see
    as a space before punctuation or inside a quotation's marks.

    - In a substitution, the indentation before an addition that begins with punctuation
      ("Fuß<subst>⏎<del>de</del>⏎<add>, längst</add>⏎</subst>" read "Fuß de , längst");
      a deleted word and the word replacing it stay two words.
    - Indentation at the end of an inline element before the punctuation that follows it
      ("<hi>… <persName>Lili</persName>⏎</hi>, der" read "Lili , der"), and a line break
      of the file right before a comma or full stop.
    - White space inside a quotation's own marks ("lauare pedes. »" from "pedes. </quote>").
    Plain spaces elsewhere stay as the encoder wrote them (a French "mot ; mot" keeps its
    space), and verbatim text (code, pre) is never touched.
    """
    verbatim = set()
    for el in root.iter(*_VERBATIM):
        verbatim.update(el.iter())
    # (one pass over the elements, each test first on the plain strings: on a long novel
    # this pass splitting every class and asking every parent cost a tenth of a second;
    # an element outside verbatim text never has a parent inside it)
    for el in root.iter(etree.Element):
        if verbatim and el in verbatim:
            continue
        cls = el.get("class") or ""
        if "subst" in cls and "subst" in cls.split():
            # the indentation between a deletion and an addition that begins with
            # punctuation ("<del>de</del>⏎<add>, längst</add>") is no space; between two
            # words ("<del>ladet</del>⏎<add>beredet</add>") it parts them, as the writer did
            for child in el:
                following = child.getnext()
                if child.tail and not child.tail.strip() and following is not None \
                        and (_first_text(following) or " ")[0] in _AFTER_WORD:
                    child.tail = None
        tail = el.tail
        if tail and tail[0] in _AFTER_WORD and el.tag not in _BLOCKS:
            # (through every level of nested inline elements that end in the file's
            # indentation: "<seg><persName><placeName>Webb's</placeName>⏎</persName>⏎</seg>."
            # read "Webb's .")
            for _ in range(8):
                last = _last_text(el)
                if last is None:
                    break
                holder, slot = last
                value = getattr(holder, slot)
                m = _LAYOUT_SPACE_AT_END.search(value)
                if not m:
                    break
                setattr(holder, slot, value[:m.start()] or None)
        names = cls.split() if "q" in cls else ()
        if "q" in names and "marked" not in names:
            if el.text:
                el.text = _MARK_THEN_SPACE.sub(r"\1", el.text)
            last = _last_text(el)
            if last is not None:
                holder, slot = last
                setattr(holder, slot, _SPACE_THEN_MARK.sub(r"\1", getattr(holder, slot)))
        text = el.text
        if text and _NEWLINE_BEFORE_PUNCTUATION.search(text):
            el.text = _LAYOUT_BEFORE_PUNCTUATION.sub("", text)
        tail = el.tail
        if tail and _NEWLINE_BEFORE_PUNCTUATION.search(tail):
            el.tail = _LAYOUT_BEFORE_PUNCTUATION.sub("", tail)


def contents_labels(toc: etree._Element, link: str = "a") -> dict[str, str]:
    """The name the contents (``nav#toc``) give each place they link to, by its id: how
    the PDF's running heads and the EPUB's navigation name a division without a heading.
    ``link`` is the links' tag (``{XHTML}a`` in the EPUB's namespaced tree)."""
    return {a.get("href")[1:]: " ".join("".join(a.itertext()).split())
            for a in toc.iter(link) if (a.get("href") or "").startswith("#")}


def join_wide_lines(root: etree._Element) -> None:
    """No space where a line of the source ends between two Chinese or Japanese characters.

    These scripts put no space between words: the newline of a transcription that keeps
    the lines of its source (CBETA, for one, writes each line of the Taishō edition on a
    line of its own, after its ``<lb/>``) is no word space, and set as one it would open
    a gap in the middle of a word. CSS Text 3 says so (segment breaks between wide
    characters are removed), but neither WeasyPrint nor every browser does it, so the hub
    does, once, for every format. A space the transform put beside a line break
    (``span.lb``) goes too, where both sides are such characters, and a note call between
    them is passed over (the line end before or after it is no space either)."""
    if not WIDE.search(etree.tostring(root, method="text", encoding="unicode")):
        return
    for el in root.iter():
        if isinstance(el.tag, str) and el.text and "\n" in el.text and el.tag not in _VERBATIM:
            el.text = _WIDE_BREAK.sub("", el.text)
        if el.tail and "\n" in el.tail:
            el.tail = _WIDE_BREAK.sub("", el.tail)
    # the last text met in this line; the whitespace-only texts since (the indentation
    # between a line's <lb/> and the element that holds its words); a line break since?
    previous, pending, breaks = None, [], False
    for el, slot in text_slots(root, marks=_is_line_break):
        if el is None:
            previous, pending, breaks = None, [], False
            continue
        if slot == "mark":
            breaks = True
            continue
        if slot == "text" and _is_note_call(el):
            # a note call is no letter: it follows its word with no line end between
            # ("かきつく⏎<note>" is "かきつく¹"), and "ひと〳〵¹⏎より" joins across it
            if previous is not None:
                before_el, before_slot = previous
                before = getattr(before_el, before_slot)
                kept = before.rstrip(_EDGE_WHITE)
                run = before[len(kept):] + "".join(getattr(e, s) for e, s in pending)
                if "\n" in run and kept and WIDE.match(kept[-1]):
                    setattr(before_el, before_slot, kept)
                    for blank_el, blank_slot in pending:
                        setattr(blank_el, blank_slot, "")
                    pending = []
            continue
        value = getattr(el, slot)
        if not value.strip(_EDGE_WHITE):
            pending.append((el, slot))
            continue
        if previous is not None:
            before_el, before_slot = previous
            before = getattr(before_el, before_slot)
            kept = before.rstrip(_EDGE_WHITE)
            tail_run = before[len(kept):]
            head_run = value[:len(value) - len(value.lstrip(_EDGE_WHITE))]
            run = tail_run + "".join(getattr(e, s) for e, s in pending) + head_run
            if (run and ("\n" in run or breaks)
                    and WIDE.match(kept[-1]) and WIDE.match(value[len(head_run)])):
                if tail_run:
                    setattr(before_el, before_slot, kept)
                for blank_el, blank_slot in pending:
                    setattr(blank_el, blank_slot, "")
                value = value[len(head_run):]
                setattr(el, slot, value)
        previous, pending, breaks = (el, slot), [], False


def _is_note_call(el: etree._Element) -> bool:
    return el.tag == "a" and "noteref" in classes(el)


def _is_line_break(el: etree._Element) -> bool:
    return el.tag in ("span", "br") and "lb" in (el.get("class") or "").split()


#: Elements whose text is set in the monospaced face (code, markup examples).
CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp"})


def code_text(root: etree._Element) -> str:
    """The text of the elements set in the monospaced face (any namespace)."""
    out = []
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in CODE_ELEMENTS:
            out.append("".join(el.itertext()))
    return "".join(out)


_DIRECTION_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "td", "th")


def _first_strong_direction(el: etree._Element) -> str | None:
    """'ltr' or 'rtl' by the first strongly directional letter of the element's text (the
    rule of ``dir="auto"``), skipping descendants that set their own direction."""
    import unicodedata

    def texts(node):
        if node.text:
            yield node.text
        for child in node:
            if isinstance(child.tag, str) and child.get("dir") is None:
                yield from texts(child)
            if child.tail:
                yield child.tail

    for text in texts(el):
        for ch in text:
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return None


def interface_directions(root: etree._Element, interface_is_the_texts: bool) -> None:
    """In a text written right to left whose interface words are in another language
    (editio has no labels in it: they are English), each block outside the text takes
    the direction of its first letter, as ``dir="auto"`` would: "Source: …" and "Made
    with editio." read left to right (not ". Made with editio"), a title or a note in the
    text's script right to left. The text itself keeps the document's direction.
    (Written out rather than ``dir="auto"``, which WeasyPrint does not implement.)"""
    body = root.find("body")
    if root.get("dir") != "rtl" or interface_is_the_texts or body is None:
        return
    for part in body:
        if not isinstance(part.tag, str) or part.tag == "main":
            continue
        for el in part.iter(*_DIRECTION_BLOCKS):     # parents before their children
            if el.get("dir") is not None:
                continue
            inherited = next((a.get("dir") for a in el.iterancestors() if a.get("dir")), "ltr")
            direction = _first_strong_direction(el)
            if direction and direction != inherited:
                el.set("dir", direction)


def dedent_examples(root: etree._Element) -> None:
    """An example of markup or code set apart (``pre.egXML``, ``pre.eg``) without the
    indentation of the TEI file around it: its blank first and last lines go, and the
    indentation its lines share (the depth at which the example stood in the TEI), so
    that it starts at the margin and keeps its own indentation inside."""
    for pre in root.iter("pre"):
        if not classes(pre) & {"egXML", "eg"}:
            continue
        slots = [(el, slot) for el, slot in text_slots(pre) if el is not None and slot != "mark"]
        full = "".join(getattr(el, slot) for el, slot in slots)
        lines = full.split("\n")
        following = [line for line in lines[1:] if line.strip()]
        indent = min((len(line) - len(line.lstrip(" \t")) for line in following), default=0)
        keep = []
        for number, line in enumerate(lines):
            cut = min(indent, len(line) - len(line.lstrip(" \t"))) if number else 0
            keep += [False] * cut + [True] * (len(line) - cut)
            if number < len(lines) - 1:
                keep.append(True)      # the newline
        # the blank lines (and spaces) before the first character and after the last
        first = next((i for i, ch in enumerate(full) if not ch.isspace()), len(full))
        last = next((i for i in range(len(full) - 1, -1, -1) if not full[i].isspace()), -1)
        keep = [k and first <= i <= last for i, k in enumerate(keep)]
        start = 0
        for el, slot in slots:
            value = getattr(el, slot)
            setattr(el, slot, "".join(ch for ch, k in zip(value, keep[start:start + len(value)]) if k))
            start += len(value)


def previous_past_points(el: etree._Element):
    """The sibling before ``el``, passing over empty elements with no text after them
    (anchors, a call's own empty anchor): what a reader sees right before ``el``."""
    before = el.getprevious()
    while (before is not None and not len(before) and not before.text
           and not (before.tail or "").strip()):
        before = before.getprevious()
    return before


def part_adjacent_note_calls(root: etree._Element) -> None:
    """A note call right after another (two notes at one word) is parted from it by a
    raised comma, ``span.noteref-sep``: "3,4", never "34", read as thirty-four. (The PDF
    writer, which makes its own calls of footnotes, parts them the same way.)"""
    for ref in list(root.iter("a")):
        if "noteref" not in classes(ref):
            continue
        # (over empty points between them: CBETA's anchors, one per note, "7" and "1"
        # read "71")
        before = previous_past_points(ref)
        if (before is not None and before.tag == "a" and "noteref" in classes(before)
                and not (before.tail or "").strip()):
            sep = etree.Element("span")
            sep.set("class", "noteref-sep")
            sep.text = ","
            before.tail = None
            ref.addprevious(sep)


# The daṇḍa and double daṇḍa end a verse or a sentence of Sanskrit, Hindi, Marathi,
# Nepali…: they follow their word, as a full stop does, and never begin a line.
# Transliterations write them "|" and "||" (GRETIL, SARIT: "vartata iti |").
_DANDA = re.compile("[ \t\r\n]+(?=[\u0964\u0965])")
_PIPE_DANDA = re.compile(r"(?<=[^\s|])[ \t\r\n]+(?=\|\|?(?:\s|$))")
#: languages whose transliterations write the daṇḍa as "|" (Sanskrit, Pali, Prakrit…)
_PIPE_DANDA_LANGUAGES = frozenset({"sa", "san", "pi", "pli", "pra", "hi", "hin", "mr", "mar", "ne", "nep"})


def bind_dandas(root: etree._Element) -> None:
    """A space before a daṇḍa becomes a no-break space, so that no line begins with one
    ("| sa evam ukto" opened three lines of a Sanskrit commentary). The sign itself
    (U+0964, U+0965) everywhere; "|" and "||" in the languages that transliterate it so."""
    text = etree.tostring(root, method="text", encoding="unicode")
    signs = "\u0964" in text or "\u0965" in text
    pipes = "|" in text and any(primary(v) in _PIPE_DANDA_LANGUAGES for v in root.xpath("//@lang"))
    if not (signs or pipes):
        return

    def bind(value: str, lang: str) -> str:
        if signs:
            value = _DANDA.sub("\u00a0", value)
        if pipes and lang in _PIPE_DANDA_LANGUAGES:
            value = _PIPE_DANDA.sub("\u00a0", value)
        return value

    def walk(el: etree._Element, lang: str) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _VERBATIM:
                if child.tail:
                    child.tail = bind(child.tail, lang)
                continue
            own = primary(child.get("lang")) or lang
            if child.text:
                child.text = bind(child.text, own)
            walk(child, own)
            if child.tail:
                child.tail = bind(child.tail, lang)

    walk(root, primary(root.get("lang")))


def number_parts(root: etree._Element) -> None:
    """The number of each part of a reference system without a heading (a classical
    text's chapter and section, ``div[@data-number]``, see constructs/structure) where its
    text begins: in its first paragraph or verse line, as a milestone's number is drawn
    (``span.milestone-major`` bold, ``span.milestone-minor`` small and raised). A section
    that begins its chapter shows the chapter's number only, as a Bible's first verse."""
    for part in root.iter("div", "section"):
        kind = part.get("data-number")
        if kind not in ("major", "minor"):
            continue
        first = next((el for el in part.iter("p", "div", "span") if el.tag == "p" or "l" in classes(el)), None)
        if first is None:
            continue
        opening = first[0] if len(first) and not (first.text or "").strip() else None
        if opening is not None and "milestone-major" in classes(opening):
            continue        # the chapter's number stands for its first section's
        mark = etree.Element("span", {"class": f"milestone milestone-{kind}", "data-label": part.get("data-n").strip()})
        mark.tail = first.text
        first.text = None
        first.insert(0, mark)


def surface_note_calls(root: etree._Element) -> None:
    """A note call inside what only the diplomatic view shows (a note on the second of
    two translations in a choice, on a sic) moves to right after it: the note belongs to
    the text, and its call hidden with the reading left the note without a call (the
    books and exports, which leave such readings out, linked it to nothing)."""
    from .vocabulary import DIPLOMATIC_ONLY

    for call in [a for a in root.iter("a") if _is_note_call(a)]:
        hidden = None
        for ancestor in call.iterancestors():
            if DIPLOMATIC_ONLY in classes(ancestor):
                hidden = ancestor       # the outermost hidden one
        if hidden is None or hidden.getparent() is None:
            continue
        remove_keep_tail(call)
        call.tail = hidden.tail
        hidden.tail = None
        hidden.addnext(call)


#: Blocks a note call may stand between, and blocks whose text a call may end.
_CALL_CONTAINERS = frozenset({"div", "section", "blockquote", "li", "dd", "td", "th", "figure"})
_LINES = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "li", "figcaption"})


def attach_lone_calls(root: etree._Element) -> None:
    """A note call standing alone between blocks, after the block it annotates (the
    reading of an apparatus entry that is a whole verse line, ``app`` around ``l``), ends
    that block's last line of text instead: it stood on a line of its own, a lone "f"
    between two lines of the poem."""
    for call in [a for a in root.iter("a") if _is_note_call(a)]:
        parent = call.getparent()
        if parent is None or parent.tag not in _CALL_CONTAINERS or (call.tail or "").strip():
            continue
        block = call.getprevious()
        if block is None or block.tag not in _LINES or (block.tail or "").strip():
            continue
        # the last line of text inside it (div.app > div.lem > div.l)
        while True:
            last = block[-1] if len(block) else None
            if last is None or not isinstance(last.tag, str) or last.tag not in _LINES or (last.tail or "").strip():
                break
            block = last
        if not "".join(block.itertext()).strip():
            continue
        remove_keep_tail(call)
        call.tail = None
        if len(block):
            block[-1].tail = (block[-1].tail or "").rstrip()
        else:
            block.text = (block.text or "").rstrip()
        block.append(call)
