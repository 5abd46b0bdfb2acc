"""The edition's typefaces: OFL families from Debian registry packages.

* **Editio Serif** is Gentium Book Plus (``fonts-sil-gentiumplus``): made for scholarly
  texts in many scripts, it draws Latin with its medieval and early-modern letters (ſ,
  ꝛ, combining e above as in German prints before 1900), polytonic Greek, Cyrillic and
  the editorial brackets, in roman and italic alike.
* **Editio Supplement** is Junicode (``fonts-junicode``), the medievalists' face: it
  follows Editio Serif in every font stack and draws what Gentium lacks, chiefly the
  Medieval Unicode Font Initiative's characters (many in the Private Use Area) that
  transcriptions of manuscripts use.
* **Editio Hebrew** is Ezra SIL (``fonts-sil-ezra``), made for the Hebrew Bible: it
  draws Hebrew with its points and cantillation marks.
* **Editio Arabic** is Scheherazade (``fonts-sil-scheherazade``), SIL's naskh face for
  Arabic and the languages written in Arabic script.
* **Editio Devanagari** is Annapurna SIL (``fonts-sil-annapurna``), for Sanskrit, Hindi,
  Marathi and Nepali with their conjuncts and Vedic accents; **Editio Ethiopic** is
  Abyssinica SIL (``fonts-sil-abyssinica``), for Ge'ez, Amharic and Tigrinya.
* **Editio Syriac**, **Editio Coptic**, **Editio Armenian** and **Editio Georgian** are
  Noto Sans Syriac, Noto Sans Coptic, Noto Serif Armenian and Noto Serif Georgian
  (``fonts-noto-core``), for the Christian Orient's texts and names.
* **Editio CJK** is Hanazono Mincho (``fonts-hanazono``, GlyphWiki, OFL): a serif
  (mincho) face for Chinese characters and Japanese kana; its second file draws the
  ideographs beyond the Basic Multilingual Plane (Extension B and later), frequent in
  Buddhist and classical texts. **Editio Korean** is Nanum Myeongjo (``fonts-nanum``),
  the serif face for Hangul.
* **Editio Math** is Noto Sans Math (``fonts-noto-core``): the signs of formulas the
  text faces lack (∑, ∇, ∈, ℝ, the mathematical alphabets); it comes before the CJK
  faces (which draw such signs too, in another design).
* **Editio Mono** is Noto Sans Mono (``fonts-noto-mono``), for code and markup
  examples, where columns must align.

Editio Supplement, Editio Hebrew, Editio Arabic, the families of single scripts
(Devanagari, Ethiopic, Syriac, Coptic, Armenian, Georgian) and the CJK families follow
Editio Serif in every font stack, in that order: each draws only what the faces before it
lack. The families kept for one script (the CJK files are 20–30 MB) are declared in a PDF
only when its text needs them.

The files are found at fixed paths (or under ``EDITIO_FONT_DIR``): no output depends on
what fonts a machine happens to have, and a missing package is an error that says how
to install it (``make deps`` does).

The PDF embeds the font files (WeasyPrint subsets them); the web edition and the EPUB
get WOFF2 subsets made with fontTools for the characters each face draws there
(deterministic: same text, same bytes), named after the Editio family: an OFL licence
may reserve a font's name for the complete font, so a subset carries another name, with
the copyright and licence notices kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from . import atomic, caches


@dataclass(frozen=True)
class Family:
    """One typeface: where its files are and the name our stylesheets give it."""

    css: str              # the family name in our stylesheets and subsets
    name: str             # the typeface's own name
    package: str          # the Debian package that installs it
    directory: Path       # where that package puts the files
    files: tuple          # (file name, weight, style), regular first
    on_demand: bool = False   # kept for its scripts: declared in a PDF only when its text needs them
    upright: bool = False     # a script without italics: its regular face serves italic text
    scripts: tuple = ()       # (first, last) code points an on-demand family is for, known without its files

    @property
    def slug(self) -> str:
        return self.css.lower().replace(" ", "-")


TEXT = Family("Editio Serif", "Gentium Book Plus", "fonts-sil-gentiumplus",
              Path("/usr/share/fonts/truetype/gentiumplus"), (
                  ("GentiumBookPlus-Regular.ttf", 400, "normal"),
                  ("GentiumBookPlus-Italic.ttf", 400, "italic"),
                  ("GentiumBookPlus-Bold.ttf", 700, "normal"),
                  ("GentiumBookPlus-BoldItalic.ttf", 700, "italic")))
SUPPLEMENT = Family("Editio Supplement", "Junicode", "fonts-junicode",
                    Path("/usr/share/fonts/opentype/junicode"), (
                        ("JunicodeTwoBeta-Regular.otf", 400, "normal"),
                        ("JunicodeTwoBeta-Italic.otf", 400, "italic"),
                        ("JunicodeTwoBeta-Bold.otf", 700, "normal"),
                        ("JunicodeTwoBeta-BoldItalic.otf", 700, "italic")))
HEBREW = Family("Editio Hebrew", "Ezra SIL", "fonts-sil-ezra",
                Path("/usr/share/fonts/truetype/ezra"), (
                    ("SILEOT.ttf", 400, "normal"),), upright=True)
ARABIC = Family("Editio Arabic", "Scheherazade", "fonts-sil-scheherazade",
                Path("/usr/share/fonts/truetype/scheherazade"), (
                    ("Scheherazade-Regular.ttf", 400, "normal"),
                    ("Scheherazade-Bold.ttf", 700, "normal")), upright=True)
DEVANAGARI = Family("Editio Devanagari", "Annapurna SIL", "fonts-sil-annapurna",
                    Path("/usr/share/fonts/truetype/annapurna"), (
                        ("AnnapurnaSIL-Regular.ttf", 400, "normal"),
                        ("AnnapurnaSIL-Bold.ttf", 700, "normal")), on_demand=True, upright=True,
                    scripts=((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF)))
ETHIOPIC = Family("Editio Ethiopic", "Abyssinica SIL", "fonts-sil-abyssinica",
                  Path("/usr/share/fonts/truetype/abyssinica"), (
                      ("AbyssinicaSIL-Regular.ttf", 400, "normal"),), on_demand=True, upright=True,
                  scripts=((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F), (0x1E7E0, 0x1E7FF)))
_NOTO = Path("/usr/share/fonts/truetype/noto")
SYRIAC = Family("Editio Syriac", "Noto Sans Syriac", "fonts-noto-core", _NOTO, (
    ("NotoSansSyriac-Regular.ttf", 400, "normal"),), on_demand=True, upright=True,
    scripts=((0x0700, 0x074F), (0x0860, 0x086F)))
COPTIC = Family("Editio Coptic", "Noto Sans Coptic", "fonts-noto-core", _NOTO, (
    ("NotoSansCoptic-Regular.ttf", 400, "normal"),), on_demand=True, upright=True,
    scripts=((0x2C80, 0x2CFF), (0x03E2, 0x03EF), (0x102E0, 0x102FF)))
ARMENIAN = Family("Editio Armenian", "Noto Serif Armenian", "fonts-noto-core", _NOTO, (
    ("NotoSerifArmenian-Regular.ttf", 400, "normal"),
    ("NotoSerifArmenian-Bold.ttf", 700, "normal")), on_demand=True, upright=True,
    scripts=((0x0530, 0x058F), (0xFB13, 0xFB17)))
GEORGIAN = Family("Editio Georgian", "Noto Serif Georgian", "fonts-noto-core", _NOTO, (
    ("NotoSerifGeorgian-Regular.ttf", 400, "normal"),
    ("NotoSerifGeorgian-Bold.ttf", 700, "normal")), on_demand=True, upright=True,
    scripts=((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)))
_HAN = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3134F))
CJK = Family("Editio CJK", "Hanazono Mincho", "fonts-hanazono",
             Path("/usr/share/fonts/truetype/hanazono"), (
                 ("HanaMinA.ttf", 400, "normal"),), on_demand=True, upright=True, scripts=_HAN)
CJK_EXTENSION = Family("Editio CJK Extension", "Hanazono Mincho", "fonts-hanazono",
                       Path("/usr/share/fonts/truetype/hanazono"), (
                           ("HanaMinB.ttf", 400, "normal"),), on_demand=True, upright=True, scripts=_HAN)
KOREAN = Family("Editio Korean", "Nanum Myeongjo", "fonts-nanum",
                Path("/usr/share/fonts/truetype/nanum"), (
                    ("NanumMyeongjo.ttf", 400, "normal"),
                    ("NanumMyeongjoBold.ttf", 700, "normal")), on_demand=True, upright=True,
                scripts=((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)))
# the signs of mathematics the text faces lack (operators, arrows, letter-like symbols,
# the mathematical alphabets): a formula's ∑, ∇, ∈, ℝ
MATH = Family("Editio Math", "Noto Sans Math", "fonts-noto-core", _NOTO, (
    ("NotoSansMath-Regular.ttf", 400, "normal"),), on_demand=True, upright=True,
    scripts=((0x2100, 0x214F), (0x2190, 0x23FF), (0x27C0, 0x27FF), (0x2900, 0x2AFF),
             (0x1D400, 0x1D7FF)))
MONO = Family("Editio Mono", "Noto Sans Mono", "fonts-noto-mono",
              Path("/usr/share/fonts/truetype/noto"), (
                  ("NotoSansMono-Regular.ttf", 400, "normal"),
                  ("NotoSansMono-Bold.ttf", 700, "normal")))
#: The families after Editio Serif in every font stack, in order.
FALLBACKS = (SUPPLEMENT, HEBREW, ARABIC, DEVANAGARI, ETHIOPIC, SYRIAC, COPTIC, ARMENIAN, GEORGIAN,
             MATH, CJK, CJK_EXTENSION, KOREAN)
FAMILIES = (TEXT, *FALLBACKS, MONO)

FAMILY = TEXT.name
CSS_FAMILY = TEXT.css


@dataclass(frozen=True)
class Face:
    """One font file and the CSS descriptors that select it."""

    path: Path
    weight: int
    style: str  # "normal" | "italic"
    family: Family = TEXT

    @property
    def stem(self) -> str:
        """The file name of the face's subsets: the Editio family's name, not the RFN."""
        style = {(400, "normal"): "regular", (400, "italic"): "italic",
                 (700, "normal"): "bold", (700, "italic"): "bold-italic"}
        return f"{self.family.slug}-" + style.get((self.weight, self.style), f"{self.weight}-{self.style}")


class FontMissing(RuntimeError):
    """A typeface package is not installed."""


def font_dir(family: Family = TEXT) -> Path:
    """Where a family's files are: ``EDITIO_FONT_DIR`` (one folder holding every file)
    when set, else the Debian package's folder."""
    return Path(os.environ.get("EDITIO_FONT_DIR") or family.directory)


@functools.cache
def family_faces(family: Family) -> tuple[Face, ...]:
    """A family's faces, in a fixed order (regular, italic, bold, bold italic)."""
    base = font_dir(family)
    missing = [name for name, _, _ in family.files if not (base / name).is_file()]
    if missing:
        raise FontMissing(
            f"the typeface {family.name} is not installed ({', '.join(missing)} not in {base}); "
            f"install the Debian package {family.package} (make deps does), or set EDITIO_FONT_DIR "
            "to a folder holding its files")
    return tuple(Face(base / name, w, s, family) for name, w, s in family.files)


def installed(family: Family) -> bool:
    """Whether a family's files are there. A family kept for its scripts (CJK, Korean) may
    be missing: its characters are then reported as glyphs the fonts lack, with
    :func:`install_hint`; every other family is required."""
    if not family.on_demand:
        return True
    try:
        family_faces(family)
    except FontMissing:
        return False
    return True


def install_hint(chars: str) -> str:
    """What to install for characters that a missing script family would draw."""
    wanted = {ord(c) for c in chars}
    packages = []
    for family in FALLBACKS:
        if family.on_demand and not installed(family) and _script_range(family) & wanted:
            packages.append(family.package)
    packages = list(dict.fromkeys(packages))
    return (f" (the Debian package{'s' if len(packages) > 1 else ''} {' and '.join(packages)} "
            "draw{} them: make deps installs {})".format("" if len(packages) > 1 else "s",
                                                          "them" if len(packages) > 1 else "it")
            if packages else "")


def _script_range(family: Family) -> set[int]:
    """The code points a script family is for (known without its files)."""
    return {c for first, last in family.scripts for c in range(first, last + 1)}


def faces() -> tuple[Face, ...]:
    """The faces of the text family (Editio Serif)."""
    return family_faces(TEXT)


def all_faces() -> tuple[Face, ...]:
    """Every face of every installed family, text family first."""
    return tuple(face for family in FAMILIES if installed(family) for face in family_faces(family))


def declared_faces(text: str) -> tuple[Face, ...]:
    """The faces a PDF declares for ``text``: every family's, except the families kept for
    their scripts (CJK, Korean) when the text has no character only they draw. Declaring
    a face costs reading its file (the CJK ones are 20–30 MB) in every build."""
    have: frozenset[int] = frozenset()
    chosen: list[Face] = []
    wanted = {ord(c) for c in set(text) if ord(c) not in _IGNORABLE and not c.isspace()}
    for family in FAMILIES:
        if not installed(family) or (family.on_demand and not wanted - have):
            continue
        drawn = _cmap(family_faces(family)[0].path)
        if not family.on_demand or (wanted - have) & drawn:
            chosen += family_faces(family)
        if family is not MONO:
            have = have | drawn
    return tuple(chosen)


def licence_text(families: Sequence[Family] = FAMILIES) -> str:
    """The SIL Open Font License of the typefaces, with each one's copyright notice."""
    notices = [f"{family.name} ({family.css}): {_facts(family_faces(family)[0].path)[1]}"
               for family in families]
    ofl = Path(str(files("editio.styles").joinpath("fonts", "OFL.txt"))).read_text(encoding="utf-8")
    return "\n".join(notices) + f"\n\n{ofl}"


def _cmap(path: Path) -> frozenset[int]:
    return _facts(path)[0]


@functools.cache
def _facts(path: Path) -> tuple[frozenset[int], str]:
    """(the code points a font file draws, its copyright notice), kept in the font cache
    by the file's digest: reading them needs fontTools, whose import and table parsing
    cost a build of the web edition or the EPUB about a tenth of a second."""
    folder = cache_dir()
    kept = folder / f"{path.stem}-{_file_stamp(path)}.json" if folder is not None else None
    if kept is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(kept.read_text(encoding="utf-8"))
            return frozenset(data["cmap"]), str(data["notice"])
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        cmap = frozenset(font.getBestCmap())
        notice = font["name"].getDebugName(0) or ""
    if kept is not None:
        with contextlib.suppress(OSError):   # a read-only home only costs time
            atomic.write_text(kept, json.dumps({"cmap": sorted(cmap), "notice": notice}))
    return cmap, notice


def text_coverage() -> frozenset[int]:
    """Code points Editio Serif itself draws."""
    return _cmap(family_faces(TEXT)[0].path)


# Characters that never need a glyph: controls, spaces and format characters that
# shaping removes (soft hyphen, zero-width joiners, bidi marks, variation selectors).
_IGNORABLE = set(range(0x00, 0x21)) | {0x7F, 0xA0, 0xAD, 0x200B, 0x200C, 0x200D, 0x200E,
                                        0x200F, 0x2060, 0xFEFF} | set(range(0xFE00, 0xFE10)) \
    | set(range(0x2061, 0x2065))   # a formula's invisible operators (function application…)


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` the edition font cannot draw, sorted, each once. The script
    families (CJK, Korean: 100,000 code points) are read only for a text that the others
    cannot set entirely."""
    def lacking(have) -> set[str]:
        return {ch for ch in chars if ord(ch) not in have}

    chars = {ch for ch in set(text) if ord(ch) not in _IGNORABLE and not ch.isspace()}
    chars = lacking(_cmap(family_faces(TEXT)[0].path))
    for family in FALLBACKS:
        if chars and installed(family):
            chars = lacking(_cmap(family_faces(family)[0].path))
    return sorted(chars)


def cache_dir() -> Path | None:
    """Where font subsets are kept between builds (None when ``EDITIO_CACHE=off``)."""
    return caches.folder("fonts")


def _file_stamp(path: Path) -> str:
    """The file's identity by its size and time stamp: every build asks for the code
    points of every face, and hashing the CJK files (50 MB) would cost each process a
    tenth of a second. (Subsets, whose bytes must follow the font's, use its digest.)"""
    stat = path.stat()
    return hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:32]


@functools.cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Changes whenever _woff2_subset makes different bytes from the same font and characters,
# so that no subset made by an older recipe is served from the cache.
SUBSET_RECIPE = ("6: base pages of text faces and pages of 128 code points, graphite tables dropped, "
                 "renamed after the Editio family")


def _cache_path(face: Face, chars: frozenset[str]) -> Path | None:
    from fontTools import version as fonttools_version

    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(
        f"{_file_digest(face.path)}|{fonttools_version}|{SUBSET_RECIPE}|".encode()
        + "".join(sorted(chars)).encode("utf-8", "surrogatepass")
    ).hexdigest()
    return folder / f"{face.stem}-{key[:32]}.woff2"


def subset_faces(text: str, code_text: str = "",
                 keep=lambda face: True) -> list[tuple[Face, str]]:
    """The faces a web edition or an EPUB needs, each with the text it draws there.

    Editio Serif draws the text; each family after it in the font stacks (Editio
    Supplement, Hebrew, Arabic) the characters the faces before it lack (a family is left
    out when it would draw none); Editio Mono the text of code and markup examples (left
    out when there is none). ``keep`` chooses among weights and styles.
    """
    out = [(face, text) for face in faces() if keep(face)]
    serif = text_coverage()
    extra = "".join(sorted({c for c in text + code_text if ord(c) not in serif and not c.isspace()}))
    for family in FALLBACKS:
        if not extra:
            break
        if not installed(family):
            continue
        drawn = _cmap(family_faces(family)[0].path)
        if any(ord(c) in drawn for c in extra):
            out += [(face, extra) for face in family_faces(family) if keep(face)]
            extra = "".join(c for c in extra if ord(c) not in drawn)
    if code_text.strip():
        out += [(face, code_text) for face in family_faces(MONO) if keep(face)]
    return out


def woff2_subsets(faces: Sequence[Face], text: str | Sequence[str], jobs: int = 1) -> list[bytes]:
    """:func:`woff2_subset` of each face (for ``text``, or for each face its own text),
    the ones not cached yet made in parallel.

    Both the web edition and the EPUB need several faces; a worker pool is started only
    when more than one face has still to be subset, never for a cache hit.
    """
    texts = [text] * len(faces) if isinstance(text, str) else list(text)
    out: list[bytes | None] = []
    for face, face_text in zip(faces, texts):
        try:
            cached = _cache_path(face, subset_chars(face, face_text))
            out.append(cached.read_bytes() if cached is not None else None)
        except OSError:
            out.append(None)
    missing = [i for i, data in enumerate(out) if data is None]
    if jobs > 1 and len(missing) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(jobs, len(missing)), initializer=_quiet_worker,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            made = list(pool.map(woff2_subset, [faces[i] for i in missing],
                                 [texts[i] for i in missing]))
    else:
        # builds run side by side split the missing subsets: each first makes those no
        # other build is making, then takes (or waits for) the rest
        made = [woff2_subset(faces[i], texts[i], wait=False) for i in missing]
        made = [data or woff2_subset(faces[i], texts[i]) for i, data in zip(missing, made)]
    for i, data in zip(missing, made):
        out[i] = data
    return out  # type: ignore[return-value]


def _quiet_worker() -> None:
    """A subsetting process leaves Ctrl-C (sent to the whole process group) to the build,
    which stops it; it never prints a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def woff2_subset(face: Face, text: str, wait: bool = True) -> bytes | None:
    """A WOFF2 subset of ``face`` for ``text``, from the on-disk cache when it was made before
    (None, when not ``wait``, if another build is making it now).

    Subsetting costs about a third of a second per face; the web edition and the EPUB
    of one text (often built by separate processes) need the same subsets, and so do
    every rebuild after an edit and, as subsets are cut at pages (:func:`subset_chars`),
    most other editions in the same script.
    """
    chars = subset_chars(face, text)
    cached = _cache_path(face, chars)
    if cached is None:
        return _woff2_subset(face, chars)
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    with _making(cached, wait) as mine:
        if not mine:
            return None
        with contextlib.suppress(OSError):   # made while this process waited for it
            return cached.read_bytes()
        data = _woff2_subset(face, chars)
        with contextlib.suppress(OSError):   # a read-only home only costs time
            atomic.write_bytes(cached, data)
    return data


@contextlib.contextmanager
def _making(cached: Path, wait: bool):
    """Hold the lock of one cache entry while it is made (yields whether this process
    holds it): builds run side by side (``make -j``) often need the same subset, and the
    second one waits for the first's instead of making it again. Without a lock file (a
    read-only cache) each makes its own, which only costs time."""
    import fcntl

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        lock = open(cached.with_name(cached.name + ".lock"), "a")   # noqa: SIM115
    except OSError:
        yield True
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


# Subsets are cut at fixed pages of 128 code points below U+3000 (alphabets, punctuation,
# symbols): a subset holds every character its face has on each page the text touches,
# and, for the faces that set whole texts (Editio Serif, Editio Mono), always the pages
# of Western European texts (basic Latin, Latin-1, Latin Extended-A, general
# punctuation). The editions of a corpus then share their subsets (one novel's pages are
# the next one's), so a corpus pays for each once, for about fifteen kilobytes more per
# face. Ideographs and syllables (tens of thousands of code points) stay character by
# character.
_PAGE = 128
_PAGED_BELOW = 0x3000
_BASE_PAGES = frozenset({0x0000 // _PAGE, 0x0080 // _PAGE, 0x0100 // _PAGE, 0x2000 // _PAGE})


def subset_chars(face: Face, text: str) -> frozenset[str]:
    """The characters a subset of ``face`` for ``text`` holds: whole pages of code points
    (for a text face, those of Western European texts always), or the very characters."""
    have = _cmap(face.path)
    wanted = {ord(c) for c in set(text)}
    out = {cp for cp in wanted if cp >= _PAGED_BELOW and cp in have}
    base = _BASE_PAGES if face.family in (TEXT, MONO) else frozenset()
    for page in base | {cp // _PAGE for cp in wanted if cp < _PAGED_BELOW}:
        out.update(cp for cp in range(page * _PAGE, (page + 1) * _PAGE) if cp in have)
    return frozenset(map(chr, out))


@functools.lru_cache(maxsize=32)
def _woff2_subset(face: Face, chars: frozenset[str]) -> bytes:
    """A WOFF2 of ``face`` limited to ``chars``.

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
    # FontForge's time stamps (Hanazono), which fontTools cannot subset and says so
    options.drop_tables += ["FFTM"]
    font = TTFont(face.path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    _rename(font, face.family.css)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()


# name table entries that name the font (the OFL's Reserved Font Names may not name a
# subset): family, unique id, full name, PostScript name, typographic family, WWS family
_NAMING_IDS = (1, 3, 4, 6, 16, 21)


def _rename(font, family: str) -> None:
    """Give a subset its Editio family name; keep copyright and licence notices."""
    name = font["name"]
    style = name.getDebugName(2) or "Regular"
    wanted = {1: family, 3: f"{family} {style}; subset", 4: f"{family} {style}",
              6: f"{family.replace(' ', '')}-{style.replace(' ', '')}", 16: family, 21: family}
    for record in list(name.names):
        if record.nameID in _NAMING_IDS:
            name.removeNames(nameID=record.nameID)
    for name_id, value in wanted.items():
        name.setName(value, name_id, 3, 1, 0x409)


def font_face_css(url_for_face, chosen: Sequence[Face] | None = None) -> str:
    """``@font-face`` rules for the faces ``chosen`` (every face by default);
    ``url_for_face(face)`` gives each ``src`` URL."""
    rules = []
    for face in all_faces() if chosen is None else chosen:
        # Hebrew, Arabic and CJK have no italics: their italic is the upright face, not
        # an oblique slanted by the renderer
        styles = ("normal", "italic") if face.family.upright and face.style == "normal" else (face.style,)
        rules += [
            "@font-face {\n"
            f'  font-family: "{face.family.css}";\n'
            f"  src: url(\"{url_for_face(face)}\");\n"
            f"  font-weight: {face.weight};\n"
            f"  font-style: {style};\n"
            "  font-display: swap;\n"
            "}\n"
            for style in styles]
    return "".join(rules)
