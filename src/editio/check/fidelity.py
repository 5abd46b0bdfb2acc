"""Fidelity: how much of the TEI text reaches each output, in order.

An edition must lose nothing: every word an editor put in ``<text>`` has to be
readable in the web edition, the EPUB and the PDF, in the order the TEI gives
it.  This module turns that promise into a number per output format, so tests
and ``editio check`` can hold every build to it.

What is counted (the *TEI words*)
    Everything inside the TEI ``<text>`` elements (front, body, back, every text
    of a ``teiCorpus`` or ``group``); the ``teiHeader`` is not counted, since
    editions present it selectively (title page, imprint).  ``figDesc`` is not
    counted either: it is the text alternative of an image and becomes its
    ``alt`` attribute, which no reader sees as text and the accessibility
    checkers already demand.

    The words fall into two streams:

    * the *reading text*: the text as a reader reads it, notes left out; in a
      ``choice`` only the preferred reading (``corr``, ``reg``, ``expan``, else
      the first child), in an ``app`` only the ``lem`` (also one grouped with its readings in a
      ``rdgGrp``; else the first ``rdg``);
      a ``desc`` of a ``graphic`` is left out like ``figDesc``, and so are forme work
      (``fw``: the source's running heads, page numbers, catchwords) and the entries
      of a back-of-book index (``index``: the terms a place is indexed under), which
      are no reading text, formulas (``formula``: signs, not words; a formula
      in TeX is typeset, and its commands are written nowhere), and the categories
      of an analysis (``interp``, ``interpGrp``: what ``@ana`` points at);
    * the *notes*: each ``note`` on its own, and each alternative reading
      (``sic``, ``orig``, ``abbr``, other ``rdg``s, other children of a
      ``choice``) on its own, because editions show those in notes, pop-ups or a
      list of interventions, wherever the output puts them; and each field of a
      ``biblStruct`` on its own, since citation styles order fields as they like.

    ``lb``, ``pb`` and ``cb`` separate words unless ``@break="no"``, which joins
    the parts of a word across the break (whitespace around it is not text). A ``w``
    is one word: white space holding a line end inside it is layout, and a break inside
    it joins its parts (a space within one line stays: a multi-word unit); two ``w``
    side by side are two words unless ``@join`` or ``@part`` joins them.
    Block-level elements (:data:`TEI_BLOCK`; ``quote``, ``stage`` and the like
    where they stand between blocks) separate words; phrase-level ones (``hi``,
    names, ``choice``, ``ref`` and so on) do not, so ``B<hi>onn</hi>`` is one
    word, as it is in every rendering. The parts of a ``bibl`` (title, author,
    biblScope…) do: editions part them with punctuation where the encoder put none.

Words
    A word is a run of letters (Unicode categories L and M) or a run of digits,
    after NFKC normalisation (ligatures such as ``ﬁ`` become ``fi``, long s
    ``ſ`` becomes ``s``), case-folded.  Letters and digits are separate words so
    that a note call glued to a word (``word¹`` → ``word``, ``1``) and a
    superscript (``19<sup>ten</sup>``) tokenise alike on both sides.  Soft
    hyphens, zero-width spaces and word joiners are removed first: they are
    typography, not text; so are editorial brackets between two letters
    (``freundl⸢ichen⸣``, ``Erkundi[gun]gen``).  Punctuation and quotation marks
    are not words, so typographic quotes and dashes in the output never count
    against it.

What is read from the outputs
    * HTML: ``index.html``, the text of ``body`` without ``script``, ``style``
      and ``template``; block elements and ``br`` separate words, and so do note
      calls (``role="doc-noteref"`` or ``epub:type="noteref"``), notes rendered
      inline (``data-tei="note"``) and the readings of a ``span.choice`` (the
      hub's contract, styles/HUB.md), one of which the reader does not see.
    * EPUB: the spine's XHTML documents, in spine order, read the same way.
    * PDF: ``pdftotext`` (poppler) of the whole file, in reading order.  A line
      that ends in a hyphen followed by a line starting with a lower-case letter
      (on the same page or the next) is a word hyphenated by the layout and is joined (a real compound broken
      at its hyphen is then counted as missing: a small, conservative error).

The score
    Output words may contain anything extra (title page, table of contents,
    running heads, page and line numbers, note numbers, diplomatic readings):
    extra words never lower the score.  Missing or displaced words do.

    The reading text is matched as an in-order subsequence of the output words,
    by patience alignment (as in patience diff): words that occur exactly once
    in the reading text and once in the output, and keep their relative order
    (the longest such chain), anchor the alignment; each gap between two anchors
    has its common beginning and end matched, then is aligned the same way on
    the words unique within the gap, down to gaps small enough to align exactly
    (longest common subsequence).  Anchors make the alignment immune to drift:
    a missing word, an extra running head or a wrong local match can never pull
    the rest of the text out of step, because the text is pinned at thousands of
    points.  A gap with no anchors at all that is too large for the exact method
    is matched greedily (next occurrence within :data:`WINDOW` words), confined
    to the gap.

    Each note is aligned on its own, in a window of the output placed around an
    occurrence of the note's rarest word (the occurrence whose surroundings hold
    most of the note's words): notes move to the page foot, the chapter end or
    the end of the book, and alternative readings stay inline or go to a list.

    ``score = (matched reading words + matched note words) / (all reading
    words + all note words)``.  One dropped word lowers it by exactly one word
    over the total; of two passages that changed places, the shorter counts as
    missing.

Cost: close to linear; a 350,000-word novel (Bleak House) is read from TEI in
about 0.25 s and aligned in well under a second.
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ..diagnostics import EditioError, error
from ..hub.tree import WIDE

TEI_NS = "http://www.tei-c.org/ns/1.0"

#: Gaps between anchors up to this many cells (TEI words x output words) are aligned exactly.
LCS_CELLS = 40_000
#: In a large gap without anchors, how far ahead a word's next occurrence may be.
WINDOW = 2000
#: A match further ahead than NEAR output words must be confirmed: the next
#: CONFIRM_WORDS words of the TEI must follow it, each within CONFIRM_SLACK words.
NEAR = 12
#: Anchorless gaps are aligned exactly within a band this many words either side of
#: the diagonal, when that costs at most BAND_CELLS cells; greedily otherwise.
BAND_HALF = 400
BAND_CELLS = 8_000_000
CONFIRM_WORDS = 4
CONFIRM_SLACK = 12
#: Occurrences of a note's rarest word examined to place the note.
NOTE_CANDIDATES = 200
#: How many missing words (with context) a report keeps.
MISSING_KEEP = 20

# --- words ----------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_WORD = re.compile(r"[^\W\d_]+|\d+")
# editorial sigla that editions set inside a word to mark supplied or added letters
# (``freundl⸢ichen⸣``, ``Erkundi[gun]gen``): between two letters they are not a word break
_SIGLA_IN_WORD = re.compile(r"(?<=[^\W\d_])[\[\]⟨⟩⟦⟧⸢⸣⸤⸥⌜⌝⌞⌟〈〉(){}]+(?=[^\W\d_])")


#: Combining marks (vowel points of Hebrew, harakat of Arabic, vowel signs of Indic
#: scripts, accents that do not compose): no letters, so re's ``\w`` parts a pointed word
#: at each of them ("וַיְהִי" read as five words). The measure compares words without them.
_MARKS = {cp: None for cp in range(0x20000) if unicodedata.category(chr(cp)).startswith("M")}


def words(text: str) -> list[str]:
    """The words of a text, normalised as the measure compares them. Chinese and Japanese
    put no space between words: each of their characters counts as a word, so a line
    broken inside a run of them loses nothing."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_MARKS)
    text = _SIGLA_IN_WORD.sub("", text)
    text = WIDE.sub(_apart, text)
    return [w.casefold() for w in _WORD.findall(text)]


def _apart(match: re.Match) -> str:
    return f" {match.group()} "


# --- TEI --------------------------------------------------------------------------------------

# TEI elements whose boundaries separate words even where the source has no
# whitespace: blocks (``<cell>a</cell><cell>b</cell>``) and the parts of a name, which
# renderings reorder and punctuate (``<forename>Nancy</forename><surname>Ide</surname>``).
# Every other element is phrase-level (``B<hi>onn</hi>`` is one word), as in the hub HTML.
TEI_BLOCK = frozenset(
    """ab addrLine address argument back bibl biblStruct body byline camera castGroup castItem
    castList caption cell closer dateline div div1 div2 div3 div4 div5 div6 div7 docAuthor docDate
    docEdition docImprint docTitle epigraph event figure floatingText front group head imprimatur
    headItem headLabel item l label lg list listBibl listEvent listOrg listPerson listPlace org p person place
    postscript row salute signed sound sp speaker table tech text titlePage titlePart trailer
    view sourceDoc surfaceGrp surface zone line
    forename surname addName roleName genName nameLink
    superEntry entry entryFree hom re sense form orth pron hyph syll gramGrp gram pos gen number
    case per tns mood iType subc def etym usg lbl xr colloc u""".split()
)
# (a dictionary's fields, which its markup often writes with no space between, are printed
# a word apart; so is an utterance of a spoken transcript, a speech of its own)
# quote, cit and stage are blocks where they stand between blocks (hub HTML: blockquote, p.stage)
_BLOCK_PARENTS = frozenset({"div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "body", "front",
                            "back", "sp", "cit", "lg", "group", "text", "floatingText", "note", "item"})
_CONTEXT_BLOCK = frozenset({"quote", "cit", "stage", "said", "q", "bibl"})
_BLOCK_CHILDREN = frozenset({"p", "lg", "l", "sp", "list", "table", "div", "ab", "figure"})


# The parts of a bibl: editions part them with punctuation where the encoder put none
# (<title>Fornmanna sögur</title><biblScope>I</biblScope> reads "Fornmanna sögur, I"), so
# their boundaries separate words, as those of a name's parts do.
_BIBL_PARTS = frozenset({"title", "author", "editor", "respStmt", "pubPlace", "publisher", "date",
                         "biblScope", "citedRange", "idno", "edition", "extent", "series", "distributor",
                         "orgName", "persName", "placeName", "note", "ptr", "ref"})


def _is_block(el, name: str) -> bool:
    if name in _BIBL_PARTS:
        parent = el.getparent()
        if parent is not None and _local(parent.tag) == "bibl":
            return True
    if name in TEI_BLOCK:
        if name == "bibl":
            # a bibl inside running text is a phrase
            parent = el.getparent()
            return parent is None or _local(parent.tag) not in ("p", "q", "quote", "hi", "s", "seg", "l", "ab")
        return True
    if name in _CONTEXT_BLOCK:
        parent = el.getparent()
        if parent is not None and _local(parent.tag) in _BLOCK_PARENTS:
            return True
        return any(_local(c.tag) in _BLOCK_CHILDREN for c in el)
    return False


# Elements whose content is not reading text (see the module docstring).
# fw: running heads, catchwords…; index: its terms; formula: signs, not words (TeX's
# "\\frac" is typeset as a fraction, and no format writes it)
TEI_SKIP = frozenset({"figDesc", "fw", "index", "formula", "interp", "interpGrp"})
# a desc inside these is the text alternative of the media, like figDesc
_MEDIA = frozenset({"graphic", "media", "binaryObject"})
# (norm, dipl: the normalised and diplomatic levels of a Menota transcription)
_PREFERRED = ("corr", "reg", "expan", "norm", "dipl")


MENOTA_NS = "http://www.menota.org/ns/1.0"
#: a Menota transcription's levels, from the most readable: a word is read at one level
_LEVELS = ("norm", "dipl", "facs")


def _other_level(el) -> bool:
    """Whether ``el`` is a level of a Menota transcription (``me:facs``, ``me:dipl``,
    ``me:norm`` side by side in a word) other than the one read: the most normalised
    level the word has."""
    if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{MENOTA_NS}}}"):
        return False
    name = _local(el.tag)
    parent = el.getparent()
    if name not in _LEVELS or parent is None:
        return False
    present = {_local(c.tag) for c in parent if isinstance(c.tag, str) and c.tag.startswith(f"{{{MENOTA_NS}}}")}
    return name != next(level for level in _LEVELS if level in present)


def _line_end_mark(el) -> bool:
    return (el.get("ref") or "").strip().endswith(("EOLhyphen", "EOLunhyphen"))


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _parent_name(el) -> str:
    parent = el.getparent()
    return _local(parent.tag) if parent is not None else ""


def _inside_word(el) -> bool:
    """A line, column or page break inside a word: ``@break="no"``, or the markers some
    projects use for a hyphenated word broken at the line (``type="hyphenInWord"`` or
    ``"inWord"``, ``rend="hidden"``). Editions join the word's halves there."""
    rend = (el.get("rend") or "").split()
    return (el.get("break") == "no" or el.get("type") in ("hyphenInWord", "inWord")
            or "hidden" in rend)


#: White space holding a line end: the encoder's layout inside a w, no space of the word.
_WORD_LAYOUT = re.compile(r"[ \t\r]*\n\s*")


class _Stream:
    """Collects text pieces for one stream, honouring word-joining breaks."""

    __slots__ = ("join_next", "parts")

    def __init__(self):
        self.parts: list[str] = []
        self.join_next = False

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.join_next:
            text = text.lstrip()
            if not text:
                return
            self.join_next = False
        self.parts.append(text)

    def sep(self) -> None:
        self.join_next = False
        self.parts.append(" ")

    def join(self) -> None:
        # a break with break="no": strip whitespace on both sides
        while self.parts and not self.parts[-1].strip():
            self.parts.pop()
        if self.parts:
            self.parts[-1] = self.parts[-1].rstrip()
        self.join_next = True

    def words(self) -> list[str]:
        return words("".join(self.parts))


@dataclass
class TeiWords:
    """The TEI words of one document: the reading text and each note on its own."""

    reading: list[str]
    notes: list[list[str]]

    @property
    def total(self) -> int:
        return len(self.reading) + sum(len(n) for n in self.notes)


def _example_source(el) -> str:
    """The XML source of an egXML's content, tags included, as the editions show it
    (constructs/examples: element and attribute names without namespaces)."""
    parts = [el.text or ""]

    def tag(child) -> None:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            return
        name = _local(child.tag)
        attrs = "".join(f' {_local(k) if not k.startswith("{http://www.w3.org/XML") else "xml:" + _local(k)}="{v}"'
                        for k, v in child.attrib.items())
        if len(child) or child.text:
            parts.append(f"<{name}{attrs}>{child.text or ''}")
            for grandchild in child:
                tag(grandchild)
            parts.append(f"</{name}>")
        else:
            parts.append(f"<{name}{attrs}/>")
        parts.append(child.tail or "")

    for child in el:
        tag(child)
    return "".join(parts)


class _TeiReader:
    def __init__(self):
        self.reading = _Stream()
        self.notes: list[_Stream] = []
        self.in_word = 0

    def _new_note(self) -> _Stream:
        s = _Stream()
        self.notes.append(s)
        return s

    def walk(self, el, out: _Stream) -> None:
        name = _local(el.tag)
        if not name:  # comment or processing instruction
            out.add(el.tail)
            return
        if name in TEI_SKIP or (name == "desc" and _parent_name(el) in _MEDIA) or _other_level(el):
            out.add(el.tail)
            return
        if name == "egXML":
            # an example of markup is shown as its XML source: its words are the source's
            out.sep()
            out.add(_example_source(el))
            out.sep()
            out.add(el.tail)
            return
        if name == "biblStruct":
            # citation styles reorder a structured reference's fields: each field moves alone
            out.sep()
            self._fields(el)
            out.sep()
            out.add(el.tail)
            return
        if name == "space":
            # a space the writer left parts the words beside it (editions print one)
            out.sep()
            out.add(el.tail)
            return
        if name == "w" and el.find(f".//{{{TEI_NS}}}w") is None:
            word = _Stream()
            self.in_word += 1
            self._content(el, word)
            self.in_word -= 1
            text = _WORD_LAYOUT.sub("", "".join(word.parts))
            # (two w side by side are two words, unless one says it is part of a word)
            apart = el.get("join") not in ("left", "both", "right") and el.get("part") not in ("I", "M", "F") \
                and not text.rstrip().endswith(("\u05be", "-"))
            if apart and not out.join_next:
                out.sep()
            out.add(text)
            if apart:
                out.sep()
            out.add(el.tail)
            return
        if name == "g" and not len(el) and not el.text and _line_end_mark(el):
            # a print's line-end mark inside a word (TCP): the word runs on across it
            out.join()
            out.add(el.tail)
            return
        if name in ("lb", "pb", "cb"):
            if _inside_word(el) or self.in_word:
                out.join()
            else:
                out.sep()
            if el.text or len(el):
                # (a break written around text, which TEI does not allow: the text counts)
                self._content(el, out)
            out.add(el.tail)
            return
        if name == "note":
            # the call point separates words only if the source has space there
            note = self._new_note()
            self._content(el, note)
            out.add(el.tail)
            return
        block = _is_block(el, name)
        if block:
            out.sep()
        if name in ("choice", "app"):
            self._alternatives(el, name, out)
        else:
            self._content(el, out)
        if block:
            out.sep()
        out.add(el.tail)

    def _fields(self, el) -> None:
        """Each element of a biblStruct holding text of its own becomes one item."""
        for child in el:
            if not _local(child.tag) or _local(child.tag) in TEI_SKIP:
                continue
            if words(child.text or "") or any(words(c.tail or "") for c in child) or _local(child.tag) == "note":
                self._content(child, self._new_note())
            else:
                self._fields(child)
            if words(child.tail or ""):
                self._new_note().add(child.tail)

    def _content(self, el, out: _Stream) -> None:
        out.add(el.text)
        for child in el:
            self.walk(child, out)

    def _alternatives(self, el, name: str, out: _Stream) -> None:
        children = [c for c in el if _local(c.tag)]
        preferred = None
        if name == "choice":
            for want in _PREFERRED:
                preferred = next((c for c in children if _local(c.tag) == want), None)
                if preferred is not None:
                    break
        elif (el.get("from") or "").strip().startswith("#"):
            # an entry on an anchored passage (double-end-point): the text holds the base
            # reading; the entry's readings, its lemma too, are notes
            preferred = None
            for child in children:
                self._content_no_tail(child, self._new_note())
            return
        else:
            preferred = next((c for c in children if _local(c.tag) == "lem"), None)
            # (a lemma grouped with the readings that agree with it: rdgGrp/lem)
            group = next((c for c in children if _local(c.tag) == "rdgGrp"
                          and any(_local(g.tag) == "lem" for g in c)), None)
            if preferred is None and group is not None:
                lemma = next(g for g in group if _local(g.tag) == "lem")
                for child in children:
                    if child is group:
                        for member in (g for g in group if _local(g.tag)):
                            self._content_no_tail(member, out if member is lemma else self._new_note())
                    else:
                        self._content_no_tail(child, self._new_note())
                return
            if preferred is None:
                preferred = next((c for c in children if _local(c.tag) == "rdg"), None)
        if preferred is None and children:
            preferred = children[0]
        # whitespace directly inside choice/app is not text
        for child in children:
            self._content_no_tail(child, out if child is preferred else self._new_note())

    def _content_no_tail(self, el, out: _Stream) -> None:
        name = _local(el.tag)
        if name in TEI_SKIP:
            return
        if name in ("choice", "app"):
            self._alternatives(el, name, out)
        else:
            self._content(el, out)


def tei_words(tei: Path | etree._ElementTree | etree._Element) -> TeiWords:
    """The TEI words of a file (path) or parsed document, as defined in the module docstring."""
    if isinstance(tei, (str, Path)):
        root = _parse_xml(Path(tei)).getroot()
    elif isinstance(tei, etree._ElementTree):
        root = tei.getroot()
    else:
        root = tei
    # the text, and a transcription by the source's layout (sourceDoc) beside or instead of it
    texts = [
        el
        for el in root.iter()
        if _local(el.tag) in ("text", "sourceDoc")
        and not any(_local(a.tag) in ("text", "sourceDoc") for a in el.iterancestors())
    ]
    reader = _TeiReader()
    for text in texts:
        reader.reading.sep()
        reader._content(text, reader.reading)
        reader.reading.sep()
    # the commentary kept apart from the text (standOff annotations), each note a note
    for el in root.iter(f"{{{TEI_NS}}}listAnnotation"):
        for note in el:
            if _local(note.tag) in ("note", "annotation"):
                stream = reader._new_note()
                reader._content(note, stream)
    notes = [n for n in (s.words() for s in reader.notes) if n]
    return TeiWords(reader.reading.words(), notes)


def _parse_xml(path: Path) -> etree._ElementTree:
    """The TEI file as the build reads it: a repeated xml:id, or one that is no XML name,
    is a validity fault the build publishes despite (see :mod:`editio.source.load`)."""
    from ..source.load import only_id_faults

    options = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": True}
    parser = etree.XMLParser(**options)
    try:
        return etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        if only_id_faults(parser.error_log):
            return etree.parse(str(path), etree.XMLParser(recover=True, **options))
        raise EditioError(error(path, f"cannot read {path.name}: {exc}", "E-FID-1")) from exc
    except OSError as exc:
        raise EditioError(error(path, f"cannot read {path.name}: {exc}", "E-FID-1")) from exc


# --- outputs -----------------------------------------------------------------------------------

HTML_INLINE = frozenset(
    """a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup
    time u var wbr label font""".split()
)
HTML_SKIP = frozenset({"script", "style", "template", "head", "title", "meta", "link"})
_NOTEREF_ROLES = {"doc-noteref", "doc-backlink"}


def _html_text(root) -> str:
    """The text of a page as the reading view shows it. What only the diplomatic view
    shows (a ``sic``, an ``orig``, inside a word: ``pr<corr>o</corr><sic>i</sic>uidente``)
    is read after its block, as a note is, so that the reading stays whole."""
    parts: list[str] = []
    hidden: list[str] = []      # diplomatic readings of the current block, read after it

    def walk(el) -> None:
        nonlocal parts
        name = _local(el.tag).lower()
        if not name:
            parts.append(el.tail or "")
            return
        if name in HTML_SKIP:
            parts.append(el.tail or "")
            return
        if "diplomatic-only" in (el.get("class") or "").split():
            reading, parts = parts, [" "]
            parts.append(el.text or "")
            for child in el:
                walk(child)
            hidden.append("".join(parts) + " ")
            parts = reading
            parts.append(el.tail or "")
            return
        apart = name not in HTML_INLINE or name == "br"
        if not apart:
            epub_type = el.get("{http://www.idpf.org/2007/ops}type", "") or el.get("epub:type", "")
            apart = (
                el.get("role") in _NOTEREF_ROLES
                or "noteref" in epub_type.split()
                # an inline note stands apart (the hidden reading of a choice is read after
                # its block, below: the shown one is part of its word)
                or el.get("data-tei") == "note"
            )
        if apart:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            walk(child)
        if apart:
            parts.append(" ")
            if name not in HTML_INLINE and hidden:
                parts.extend(hidden)
                hidden.clear()
        parts.append(el.tail or "")

    walk(root)
    return "".join(parts + hidden)


def _body(root):
    for el in root.iter():
        if _local(el.tag).lower() == "body":
            return el
    return root


def html_words(path: Path) -> list[str]:
    """Words of a web edition page (its body, in document order)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise EditioError(error(path, f"cannot read {path}: {exc}", "E-FID-1")) from exc
    # editions are UTF-8 (HTML5); libxml2's HTML parser would otherwise guess Latin-1
    root = etree.fromstring(data, etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True))
    if root is None:
        return []
    return words(_html_text(_body(root)))


def _xhtml_words(data: bytes, name: str) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                             recover=True)
    root = etree.fromstring(data, parser)
    if root is None:
        return []
    return words(_html_text(_body(root)))


def epub_words(path: Path) -> list[str]:
    """Words of an EPUB's spine documents, in spine order."""
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise EditioError(error(path, f"not a readable EPUB: {exc}", "E-FID-2")) from exc
    with z:
        safe = dict(resolve_entities=False, no_network=True, load_dtd=False)
        container = etree.fromstring(z.read("META-INF/container.xml"), etree.XMLParser(**safe))
        rootfile = next(el for el in container.iter() if _local(el.tag) == "rootfile")
        opf_path = PurePosixPath(rootfile.get("full-path"))
        opf = etree.fromstring(z.read(str(opf_path)), etree.XMLParser(**safe))
        manifest = {
            el.get("id"): el.get("href")
            for el in opf.iter()
            if _local(el.tag) == "item"
        }
        out: list[str] = []
        for ref in opf.iter():
            if _local(ref.tag) != "itemref":
                continue
            href = manifest.get(ref.get("idref"))
            if not href:
                continue
            member = _zip_path(opf_path.parent, href)
            out.extend(_xhtml_words(z.read(member), member))
        return out


def _zip_path(base: PurePosixPath, href: str) -> str:
    from urllib.parse import unquote

    parts: list[str] = []
    for part in (base / unquote(href.split("#", 1)[0])).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


# a hyphen at a line end, possibly followed by blank lines and a page break
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])[-\u2010\u00ad][ \t]*\n\s*(?=[^\W\d_])")


def pdf_text(path: Path, timeout: float = 300) -> str:
    """Plain text of a PDF in reading order (poppler's pdftotext)."""
    exe = shutil.which("pdftotext")
    if not exe:
        raise EditioError(error(path, "pdftotext (poppler-utils) is needed to read PDF text", "E-FID-3"))
    try:
        proc = subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise EditioError(error(path, f"pdftotext took more than {timeout:.0f} s", "E-FID-3")) from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip()
        raise EditioError(error(path, f"pdftotext cannot read it: {msg}", "E-FID-2"))
    return proc.stdout.decode("utf-8", "replace")


def join_hyphenated(text: str) -> str:
    """Join words the layout hyphenated at a line end: always after the hyphen the layout
    inserts (U+2010, a soft hyphen), after a hyphen-minus when the next line starts in
    lower case (an upper-case start is a compound such as Stalin-Hitler)."""

    def repl(m: re.Match) -> str:
        following = text[m.end()]
        inserted = m.group(0)[0] in "\u2010\u00ad"
        return "" if inserted or following.islower() else m.group(0)

    return _HYPHEN_BREAK.sub(repl, text)


def pdf_words_from_text(text: str) -> list[str]:
    return words(join_hyphenated(text.replace("\r\n", "\n").replace("\f", "\n")))


def pdf_words(path: Path) -> list[str]:
    return pdf_words_from_text(pdf_text(path))


# --- matching ----------------------------------------------------------------------------------


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of pairs (sorted by first item) increasing in the second item."""
    tails: list[int] = []  # second items of the smallest tails
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for n, (_, o) in enumerate(pairs):
        at = bisect.bisect_left(tails, o)
        if at == len(tails):
            tails.append(o)
            tail_idx.append(n)
        else:
            tails[at] = o
            tail_idx[at] = n
        prev[n] = tail_idx[at - 1] if at else -1
    out = []
    n = tail_idx[-1] if tail_idx else -1
    while n >= 0:
        out.append(pairs[n])
        n = prev[n]
    out.reverse()
    return out


def _lcs_flags(seq: list[str], a: int, b: int, toks: list[str], c: int, d: int, found: list[bool]) -> None:
    """Exact longest common subsequence of two short segments (dynamic programming)."""
    n, m = b - a, d - c
    rows = [[0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        w = seq[a + x]
        row, below = rows[x], rows[x + 1]
        for y in range(m - 1, -1, -1):
            if w == toks[c + y]:
                row[y] = below[y + 1] + 1
            else:
                r, dn = row[y + 1], below[y]
                row[y] = r if r > dn else dn
    x = y = 0
    while x < n and y < m:
        if seq[a + x] == toks[c + y]:
            found[a + x] = True
            x += 1
            y += 1
        elif rows[x + 1][y] >= rows[x][y + 1]:
            x += 1
        else:
            y += 1


def _banded_flags(seq: list[str], a: int, b: int, toks: list[str], c: int, d: int,
                  found: list[bool], half: int) -> None:
    """Longest common subsequence restricted to a band around the segment's diagonal.

    For long stretches without anchor words (refrains, formulae, lorem ipsum) the output
    still follows the text closely: only running heads, folios and the like are inserted.
    A band of ``half`` words either side of the diagonal then holds the exact alignment
    at a cost linear in the segment's length.
    """
    n, m = b - a, d - c
    slope = m / n if n else 0.0
    width = 2 * half + 1
    lows = [max(0, int(x * slope) - half) for x in range(n + 1)]
    # score[x][k] = LCS of seq[a+x:b] and toks[c+lows[x]+k:d]; filled from the end.
    nxt = [0] * (width + 1)
    moves: list[bytearray] = [bytearray(width) for _ in range(n)]
    for x in range(n - 1, -1, -1):
        lo, lo_next = lows[x], lows[x + 1]
        w = seq[a + x]
        cur = [0] * (width + 1)
        move = moves[x]
        for k in range(width - 1, -1, -1):
            y = lo + k
            if y >= m:
                continue
            # below: (x+1, y) ; diag: (x+1, y+1) ; right: (x, y+1)
            kb = y - lo_next
            below = nxt[kb] if 0 <= kb < width else 0
            right = cur[k + 1]
            if w == toks[c + y]:
                kd = kb + 1
                diag = (nxt[kd] if 0 <= kd < width else 0) + 1
                if diag >= below and diag >= right:
                    cur[k] = diag
                    move[k] = 1
                    continue
            if below >= right:
                cur[k] = below
                move[k] = 2
            else:
                cur[k] = right
                move[k] = 3
        nxt = cur
    x, y = 0, lows[0]
    while x < n and y < m:
        k = y - lows[x]
        if not 0 <= k < width:
            break
        step = moves[x][k]
        if step == 1:
            found[a + x] = True
            x += 1
            y += 1
        elif step == 2:
            x += 1
        elif step == 3:
            y += 1
        else:
            break


def _greedy_flags(seq: list[str], a: int, b: int, toks: list[str], c: int, d: int, found: list[bool]) -> None:
    """In-order greedy matching inside a segment that has no anchors and is too big for LCS.

    A word is matched at its next occurrence within WINDOW words. A match far ahead
    must be confirmed by the words that follow it, else the word counts as missing: in
    repetitive text (formulae, refrains, lorem ipsum) one missing word would otherwise
    jump to its next occurrence paragraphs later and strand everything in between.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for p in range(c, d):
        index[toks[p]].append(p)

    def next_at(word: str, start: int, limit: int) -> int | None:
        positions = index.get(word)
        if not positions:
            return None
        at = bisect.bisect_left(positions, start)
        if at < len(positions) and positions[at] < limit:
            return positions[at]
        return None

    def confirmed(i: int, p: int) -> bool:
        q = p + 1
        for k in range(i + 1, min(b, i + 1 + CONFIRM_WORDS)):
            hit = next_at(seq[k], q, q + CONFIRM_SLACK)
            if hit is None:
                return False
            q = hit + 1
        return True

    j = c
    for i in range(a, b):
        p = next_at(seq[i], j, j + WINDOW)
        if p is None:
            continue
        if p - j > NEAR and not confirmed(i, p):
            continue
        found[i] = True
        j = p + 1


def align(seq: list[str], toks: list[str], c: int = 0, d: int | None = None) -> list[bool]:
    """Which words of ``seq`` are found, in order, in ``toks[c:d]`` (patience alignment).

    Words that occur exactly once in both segments, agree with a neighbour and keep
    their order (the longest such chain) are anchors; the gaps between anchors are aligned the
    same way, recursively, after their common ends are stripped; a gap without
    anchors is aligned exactly when small, greedily when large.
    """
    found = [False] * len(seq)
    stack = [(0, len(seq), c, len(toks) if d is None else d)]
    while stack:
        a, b, c, d = stack.pop()
        while a < b and c < d and seq[a] == toks[c]:
            found[a] = True
            a += 1
            c += 1
        while a < b and c < d and seq[b - 1] == toks[d - 1]:
            found[b - 1] = True
            b -= 1
            d -= 1
        if a >= b or c >= d:
            continue
        if (b - a) * (d - c) <= LCS_CELLS:
            _lcs_flags(seq, a, b, toks, c, d, found)
            continue
        count_seq = Counter(seq[a:b])
        count_out = Counter(toks[c:d])
        unique_out = {}
        for p in range(c, d):
            w = toks[p]
            if count_out[w] == 1 and count_seq.get(w) == 1:
                unique_out[w] = p
        # An anchor must agree with a neighbour: a unique word that the output shows
        # only out of its context (a running head, a contents line) pins nothing.
        pairs = [(i, p) for i in range(a, b) if seq[i] in unique_out
                 for p in (unique_out[seq[i]],)
                 if (i + 1 < b and p + 1 < d and seq[i + 1] == toks[p + 1])
                 or (i > a and p > c and seq[i - 1] == toks[p - 1])]
        anchors = _lis(pairs)
        if not anchors:
            half = min(BAND_HALF, max(abs((d - c) - (b - a)) + 50, 50))
            if (b - a) * (2 * half + 1) <= BAND_CELLS:
                _banded_flags(seq, a, b, toks, c, d, found, half)
            else:
                _greedy_flags(seq, a, b, toks, c, d, found)
            continue
        pa, pc = a, c
        for i, p in anchors:
            found[i] = True
            stack.append((pa, i, pc, p))
            pa, pc = i + 1, p + 1
        stack.append((pa, b, pc, d))
    return found


def _best_window(note: list[str], toks: list[str], index: dict[str, list[int]]) -> tuple[int, int]:
    """Where in the output a note most likely is: the window around an occurrence of its
    rarest word that holds most of its words in order (a short note's words may all be
    near another occurrence of its rarest word, in another order)."""
    n = len(note)
    present = [w for w in note if w in index]
    if not present:
        return 0, 0
    # (of words equally rare, the first in the note: a set's order changed with the
    # process's hash seed, and with it the window and the score, 94.6 % or 98.9 %)
    rarest = min(dict.fromkeys(present), key=lambda w: len(index[w]))
    offset = note.index(rarest)
    slack = n + 10
    best, best_score = (0, 0), -1
    want = Counter(note)
    for p in index[rarest][:NOTE_CANDIDATES]:
        lo = max(0, p - offset - slack)
        hi = min(len(toks), p + (n - offset) + slack)
        have = Counter(toks[lo:hi])
        score = sum(min(k, have[w]) for w, k in want.items())
        if score <= best_score:
            continue
        score = sum(align(note, toks, lo, hi))
        if score > best_score:
            best, best_score = (lo, hi), score
            if score == n:
                break
    return best


@dataclass
class Missing:
    """A TEI word not found in an output, with the words around it."""

    stream: str  # "reading" or "note N"
    index: int
    word: str
    context: str


@dataclass
class Report:
    """Fidelity of one output format."""

    format: str
    reading_total: int
    reading_found: int
    notes_total: int
    notes_found: int
    output_words: int
    missing: list[Missing] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.reading_total + self.notes_total

    @property
    def found(self) -> int:
        return self.reading_found + self.notes_found

    @property
    def score(self) -> float:
        return self.found / self.total if self.total else 1.0


def _context(seq: list[str], i: int, width: int = 5) -> str:
    left = " ".join(seq[max(0, i - width) : i])
    right = " ".join(seq[i + 1 : i + 1 + width])
    return f"{left} [{seq[i]}] {right}".strip()


def measure(tei: TeiWords, output: list[str], fmt: str = "", keep: int = MISSING_KEEP) -> Report:
    """Compare the TEI words with one output's words."""
    missing: list[Missing] = []
    found_reading = align(tei.reading, output)
    for i, ok in enumerate(found_reading):
        if not ok and len(missing) < keep:
            missing.append(Missing("reading", i, tei.reading[i], _context(tei.reading, i)))
    index: dict[str, list[int]] = defaultdict(list)
    if tei.notes:
        for p, w in enumerate(output):
            index[w].append(p)
    notes_found = 0
    for n, note in enumerate(tei.notes, 1):
        lo, hi = _best_window(note, output, index)
        flags = align(note, output, lo, hi)
        notes_found += sum(flags)
        for i, ok in enumerate(flags):
            if not ok and len(missing) < keep:
                missing.append(Missing(f"note {n}", i, note[i], _context(note, i)))
    return Report(
        format=fmt,
        reading_total=len(tei.reading),
        reading_found=sum(found_reading),
        notes_total=sum(len(n) for n in tei.notes),
        notes_found=notes_found,
        output_words=len(output),
        missing=missing,
    )


# --- editions ------------------------------------------------------------------------------------


def outputs(edition_dir: Path, name: str | None = None) -> dict[str, Path]:
    """The outputs found in an edition folder: html, epub, pdf (those present)."""
    edition_dir = Path(edition_dir)
    name = name or edition_dir.name
    found: dict[str, Path] = {}
    if (edition_dir / "index.html").is_file():
        found["html"] = edition_dir / "index.html"
    for fmt in ("epub", "pdf"):
        exact = edition_dir / f"{name}.{fmt}"
        if exact.is_file():
            found[fmt] = exact
        else:
            others = sorted(edition_dir.glob(f"*.{fmt}"))
            if others:
                found[fmt] = others[0]
    return found


READERS = {"html": html_words, "epub": epub_words, "pdf": pdf_words}


def check_detailed(tei_path: Path, edition_dir: Path, formats: Iterable[str] | None = None) -> dict[str, Report]:
    """A :class:`Report` per output format present in ``edition_dir`` (``dist/NAME``)."""
    tei_path = Path(tei_path)
    edition_dir = Path(edition_dir)
    found = outputs(edition_dir, tei_path.stem)
    if formats is not None:
        found = {f: p for f, p in found.items() if f in set(formats)}
    if not found:
        raise EditioError(
            error(edition_dir, f"no edition outputs (index.html, {tei_path.stem}.epub, {tei_path.stem}.pdf) "
                  f"in {edition_dir}: build it first with `editio build {tei_path}`", "E-FID-4")
        )
    tei = tei_words(tei_path)
    return {fmt: measure(tei, READERS[fmt](path), fmt) for fmt, path in found.items()}


def check(tei_path: Path, edition_dir: Path) -> dict[str, float]:
    """Score (0..1) per output format: the share of TEI words found in order."""
    return {fmt: r.score for fmt, r in check_detailed(tei_path, edition_dir).items()}


def format_report(results: Mapping[str, Report | float], name: str = "", show_missing: int = 10) -> str:
    """Human-readable lines for :func:`check` or :func:`check_detailed` results."""
    lines = []
    prefix = f"{name}: " if name else ""
    for fmt, r in results.items():
        if isinstance(r, Report):
            lines.append(
                f"{prefix}{fmt}: {r.score * 100:.2f}% of the TEI words in order "
                f"({r.found}/{r.total}; reading text {r.reading_found}/{r.reading_total}, "
                f"notes {r.notes_found}/{r.notes_total})"
            )
            for m in r.missing[:show_missing]:
                lines.append(f"{prefix}{fmt}:   missing in {m.stream}: {m.context}")
        else:
            lines.append(f"{prefix}{fmt}: {float(r) * 100:.2f}% of the TEI words in order")
    return "\n".join(lines)
