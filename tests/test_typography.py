"""The PDF is set as a book: the paragraph builder chooses better breaks than first fit,
and the typographer's measures (editio.check.typography) hold on real editions.

The measure is tested against plain WeasyPrint, which it must find loose; the builder is
tested on its own (no WeasyPrint) and inside WeasyPrint on the same HTML."""

from __future__ import annotations

import contextlib
import random

import pytest

from conftest import REPO
from editio.check import typography
from editio.writers.pdf import linebreak

CORPUS = REPO / "tests" / "fixtures" / "corpus"
SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"

# --- the optimiser, on a model paragraph ------------------------------------------------------

# A space about half a letter wide and lines of some 65 letters, as in a book.
CHAR, SPACE, MEASURE = 5.0, 3.0, 330.0


def _model(words: list[str], hyphens: dict[int, list[int]] | None = None,
           compounds: set[int] | None = None):
    """Candidates of a paragraph of ``words`` in a monospaced model: every character
    CHAR wide, every space SPACE; ``hyphens[i]`` are the hyphenation points of word i
    (characters before the hyphen), ``compounds`` the words that end at a compound's
    hyphen (the hyphen is in the text, nothing is added)."""
    hyphens = hyphens or {}
    compounds = compounds or set()
    cands, x, spaces, chars = [], 0.0, 0, 0
    for i, word in enumerate(words):
        for cut in hyphens.get(i, []):
            cands.append(linebreak.Candidate(
                end=x + cut * CHAR, start=x + cut * CHAR, spaces_end=spaces, spaces_start=spaces,
                space_width_end=spaces * SPACE, space_width_start=spaces * SPACE, hyphen=CHAR,
                chars_end=chars + cut, chars_start=chars + cut))
        x += len(word) * CHAR
        chars += len(word)
        last = i == len(words) - 1
        if last:
            cands.append(linebreak.Candidate(
                end=x, start=x, spaces_end=spaces, spaces_start=spaces, space_width_end=spaces * SPACE,
                space_width_start=spaces * SPACE, forced=True, chars_end=chars, chars_start=chars))
        elif i in compounds:     # "Brest-" + "Litovsk": no space between, the hyphen is text
            cands.append(linebreak.Candidate(
                end=x, start=x, spaces_end=spaces, spaces_start=spaces, space_width_end=spaces * SPACE,
                space_width_start=spaces * SPACE, chars_end=chars, chars_start=chars, compound=True))
        else:
            cands.append(linebreak.Candidate(
                end=x, start=x + SPACE, spaces_end=spaces, spaces_start=spaces + 1,
                space_width_end=spaces * SPACE, space_width_start=(spaces + 1) * SPACE,
                chars_end=chars, chars_start=chars))
            x += SPACE
            spaces += 1
    return cands


def _ratios(cands, breaks) -> list[float]:
    """Word-space ratio of each justified line (the last line is not justified)."""
    out, previous = [], linebreak.Candidate(0.0, 0.0, 0, 0, 0.0, 0.0)
    for k in breaks:
        end = cands[k]
        if end.forced:
            break
        natural = end.end + end.hyphen - previous.start
        space_width = end.space_width_end - previous.space_width_start
        out.append(1 + (MEASURE - natural) / space_width if space_width else float("inf"))
        previous = end
    return out


def _first_fit(cands) -> list[int]:
    """First fit, as a browser breaks lines: each line ends at the last candidate
    that fits."""
    breaks, start = [], linebreak.Candidate(0.0, 0.0, 0, 0, 0.0, 0.0)
    k = 0
    while k < len(cands):
        best = None
        for j in range(k, len(cands)):
            c = cands[j]
            if c.end + c.hyphen - start.start > MEASURE:
                break
            best = j
            if c.forced:
                break
        best = k if best is None else best
        breaks.append(best)
        if cands[best].forced:
            break
        start, k = cands[best], best + 1
    return breaks


def _paragraph(rng: random.Random) -> list[str]:
    """Words of English lengths (short words frequent, a few long ones)."""
    lengths = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12]
    return ["x" * rng.choice(lengths) for _ in range(rng.randint(60, 120))]


def test_whole_paragraph_breaks_leave_fewer_loose_lines_than_first_fit():
    """Over 200 model paragraphs without hyphenation, the paragraph builder sets fewer
    lines with spaces over 2× than first fit; in every paragraph, first the fewest holes
    (lines over linebreak.HOLE), then the fewest loose lines (over linebreak.LOOSE)."""
    rng = random.Random(7)
    loose_first = loose_whole = 0
    for _ in range(200):
        cands = _model(_paragraph(rng))
        first = _ratios(cands, _first_fit(cands))
        breaks = linebreak.choose_breaks(cands, lambda k: MEASURE, max_ratio=float("inf"))
        assert breaks is not None and cands[breaks[-1]].forced
        whole = _ratios(cands, breaks)
        assert all(r >= 1 - linebreak.SHRINK - 1e-9 for r in whole), whole

        def faults(ratios):
            return (sum(r > linebreak.HOLE for r in ratios), sum(r > linebreak.LOOSE for r in ratios))

        assert faults(whole) <= faults(first), (whole, first)
        loose_first += sum(r > 2 for r in first)
        loose_whole += sum(r > 2 for r in whole)
    assert loose_first > 20, "the model paragraphs should be hard for first fit"
    # without hyphenation some lines stay loose; the builder removes about half of them
    assert loose_whole <= 0.6 * loose_first, (loose_whole, loose_first)


def test_never_more_than_two_hyphenated_lines_in_a_row():
    """Words that can be hyphenated anywhere tempt every line to end in a hyphen; the
    builder still ends at most two consecutive lines with one."""
    rng = random.Random(3)
    for _ in range(50):
        words = _paragraph(rng)
        hyphens = {i: list(range(2, len(w) - 1)) for i, w in enumerate(words) if len(w) >= 5}
        cands = _model(words, hyphens)
        breaks = linebreak.choose_breaks(cands, lambda k: MEASURE, max_ratio=float("inf"))
        assert breaks is not None
        run = longest = 0
        for k in breaks:
            run = run + 1 if cands[k].hyphen else 0
            longest = max(longest, run)
        assert longest <= linebreak.MAX_HYPHENS_IN_A_ROW


def test_hyphens_before_a_replanned_rest_and_compound_hyphens_count_in_the_run():
    """The rest of a paragraph planned again after a line set otherwise knows how many
    hyphenated lines precede it, and a line ending at a compound's own hyphen counts:
    a reader sees a run of line-end hyphens either way."""
    rng = random.Random(5)
    for _ in range(50):
        words = _paragraph(rng)
        hyphens = {i: list(range(2, len(w) - 1)) for i, w in enumerate(words) if len(w) >= 5}
        compounds = {i for i, w in enumerate(words) if len(w) == 4}
        cands = _model(words, hyphens, compounds=compounds)
        for before in (0, 1, 2):
            breaks = linebreak.choose_breaks(cands, lambda k: MEASURE, max_ratio=float("inf"),
                                             hyphens_before=before)
            assert breaks is not None
            run = longest = before
            for k in breaks:
                run = run + 1 if (cands[k].hyphen or cands[k].compound) else 0
                longest = max(longest, run)
            assert longest <= max(before, linebreak.MAX_HYPHENS_IN_A_ROW), (before, longest)
            if before == linebreak.MAX_HYPHENS_IN_A_ROW:
                first = cands[breaks[0]]
                assert not (first.hyphen or first.compound)


def test_a_compound_is_not_divided_at_its_hyphen_when_another_break_will_do():
    """A line ending at "Brest-" reads as "BrestLitovsk" once copied; the builder takes
    any other break that does not make a loose line."""
    words = ["xxxx"] * 14 + ["Brest-", "Litovsk"] + ["xxxx"] * 30
    compound_at = 14
    # Place the compound so that first fit would end a line at its hyphen.
    for lead in range(0, 12):
        ws = ["xxx"] * lead + words
        cands = _model(ws, compounds={compound_at + lead})
        breaks = linebreak.choose_breaks(cands, lambda k: MEASURE, max_ratio=float("inf"))
        chosen = [cands[k] for k in breaks]
        ratios = _ratios(cands, breaks)
        if any(c.compound for c in chosen):
            # only when every other break would make a loose line
            assert max(ratios) <= linebreak.LOOSE


def test_only_the_word_weasyprint_would_divide_offers_hyphenation_points():
    """WeasyPrint divides, up to the next break opportunity, only the first word long
    enough: in "Kreisler's\u00a0imagination" (words joined by a no-break space) that is the
    name, which the builder does not divide, so "imagination" offers no point either; a
    plan ending at "imagin-" is one WeasyPrint cannot set (the line then came out first
    fit, 3.3x loose, in ENG19180_Lewis)."""
    import pyphen

    dictionary = pyphen.Pyphen(lang="en_GB", left=2, right=2)
    text = "envied. Kreisler\u2019s\u00a0imagination woke; of\u00a0considerable imagination"
    breaks = [m.end() for m in __import__("re").finditer(" ", text)]
    points = list(linebreak._dividable(text, breaks, dictionary, 5, -1))
    words_divided = {text[:p].split()[-1].split("\u00a0")[-1] + "|" for p in points}
    assert points, "no point at all"
    first_imagination = text.index("imagination")
    assert not [p for p in points if first_imagination <= p < first_imagination + 11], words_divided
    considerable = text.index("considerable")
    assert [p for p in points if considerable < p < considerable + 12], words_divided
    assert [p for p in points if p > text.rindex("imagination")], words_divided
    # a word ends at an apostrophe, as Pango ends it: "mas-ter\u2019s", never "master-\u2019s"
    text = "stole his master\u2019s daughter"
    points = list(linebreak._dividable(text, [m.end() for m in __import__("re").finditer(" ", text)],
                                       dictionary, 5, -1))
    assert text.index("\u2019") not in points and text.index("master") + 3 in points, points
    # past the last soft hyphen only
    assert not list(linebreak._dividable(text, breaks, dictionary, 5, len(text) - 1))


def test_generic_english_is_divided_with_texs_patterns():
    """"en" (what TEI files declare) gets TeX's patterns, which divide "every-thing": with
    pyphen's British patterns for "en", ENG19200_Lawrence kept one line 3.3x loose before
    "everything." that ends its paragraph. A declared en-GB keeps the British patterns."""
    cache = linebreak._Dictionaries()
    assert cache.get(("en", 2, 2, 5)).inserted("everything") == "ev-ery-thing"
    assert cache.get(("en_GB", 2, 2, 5)) is None      # WeasyPrint loads its own
    assert ("en_GB", 2, 2, 5) not in cache


def test_tracking_stays_within_the_books_limit():
    """A line the spaces cannot fill under LOOSE spreads its letters, never by more than
    TRACKING of the font size, and the spaces then carry the rest."""
    ratio, track = linebreak.tracked_ratio(natural=250, width=300, space_width=20, spaces=5, chars=50,
                                           font_size=16)
    assert 0 < track <= linebreak.TRACKING * 16 + 1e-9
    # what the spaces and the tracking take together fills the line
    j = (50 - 50 * track) / 5
    assert (20 / 5 + j + 2 * track) / (20 / 5) == pytest.approx(ratio)
    assert linebreak.tracked_ratio(290, 300, 20, 5, 50, 16) == (1.5, 0.0)   # loose enough: no tracking


# --- inside WeasyPrint, measured on the PDF ---------------------------------------------------

_PROSE = (
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the "
    "age of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the "
    "season of Light, it was the season of Darkness, it was the spring of hope, it was the winter "
    "of despair, we had everything before us, we had nothing before us, we were all going direct "
    "to Heaven, we were all going direct the other way; in short, the period was so far like the "
    "present period, that some of its noisiest authorities insisted on its being received, for "
    "good or for evil, in the superlative degree of comparison only. Incomprehensibilities, "
    "notwithstanding, characteristically, unquestionably, institutionalisation.")


def _narrow_pdf(path, whole: bool, paragraphs: str | None = None, extra_css: str = "") -> None:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from editio import fonts

    faces = "".join(
        f"@font-face {{ font-family: 'Editio Serif'; src: url('{f.path.as_uri()}'); font-weight: {f.weight}; "
        f"font-style: {f.style}; }}" for f in fonts.family_faces(fonts.TEXT))
    css = (faces + "@page { size: 110mm 200mm; margin: 10mm } "
           "p { font-family: 'Editio Serif'; font-size: 11pt; text-align: justify; hyphens: auto; margin: 0 0 1em; "
           "width: 70mm; orphans: 1; widows: 1 }" + extra_css)
    html = "<html lang='en'><body>" + (paragraphs or f"<p>{_PROSE}</p>" * 6) + "</body></html>"
    doc = weasyprint.HTML(string=html, base_url=str(REPO))
    config = FontConfiguration()
    sheet = weasyprint.CSS(string=css, font_config=config)
    with linebreak.whole_paragraphs() if whole else contextlib.nullcontext():
        doc.write_pdf(path, stylesheets=[sheet], font_config=config)


def test_the_measure_finds_first_fit_loose_and_the_builder_sets_it_tighter(tmp_path):
    """Plain WeasyPrint in a narrow justified column leaves loose lines, and the measure
    sees them; the same HTML set with whole paragraphs has fewer, and no hole."""
    plain, whole = tmp_path / "plain.pdf", tmp_path / "whole.pdf"
    _narrow_pdf(plain, whole=False)
    _narrow_pdf(whole, whole=True)
    first_fit, book = typography.measure(plain), typography.measure(whole)
    assert first_fit.justified >= 40 and book.justified >= 40
    assert first_fit.loose, "a narrow first-fit column without loose lines: the measure sees nothing"
    assert len(book.loose) < len(first_fit.loose), (book.describe(), first_fit.describe())
    assert not book.holes, book.problems()
    assert not book.fallback_fonts and not first_fit.fallback_fonts
    assert book.longest_ladder <= 2
    # same words on the page, only the breaks differ
    def letters(path):
        return [c for line in _lines(path) for c in line.text if c not in typography.HYPHENS and not c.isspace()]

    assert letters(plain) == letters(whole)


def test_lines_end_after_a_dash_between_words_never_before_it(tmp_path):
    """Em dashes between words, also where markup starts after the dash ("night\u2014<i>eat
    in Musca</i>", ENG18632_Reade) or a quotation follows it ("thought\u2014\u201cthey know",
    ENG19200_Lawrence, where the print copy adds a zero-width space): the builder ends lines
    after such dashes, never before one, and leaves no hole."""
    from lxml import html as lxml_html

    from editio.writers.pdf import render

    sentences = [
        "It was the best of times\u2014<i>it was the worst</i> of times, it was the age of wisdom, ",
        "it was the age of foolishness\u2014\u201cthe epoch of belief\u201d\u2014it was the epoch "
        "of incredulity, it was the season of Light, ",
        "it was the season of Darkness\u2014it was the spring of hope\u2014<i>it was</i> the winter "
        "of despair, we had everything before us, ",
        "we had nothing before us\u2014\u2018we were all going direct to Heaven\u2019\u2014we were "
        "all going direct the other way. "]
    rng = random.Random(7)
    text = "".join(rng.choice(sentences) for _ in range(40))
    root = lxml_html.fromstring(f"<div><p>{text}</p></div>")
    render._dash_breaks(root)
    assert "\u2014\u200b\u201cthe epoch" in root.text_content()
    paragraph = lxml_html.tostring(root.find("p"), encoding="unicode")
    path = tmp_path / "dashes.pdf"
    _narrow_pdf(path, whole=True, paragraphs=paragraph)
    lines = [line.text.strip() for line in _lines(path) if line.text.strip()]
    assert not [t for t in lines if t[0] == "\u2014"], lines
    ends = [t[-1] for t in lines]
    assert ends.count("\u2014") >= 3, lines
    starts = {t[0] for t in lines}
    assert "\u201c" in starts or "e" in starts, "no line starts after a dash with a quotation or markup"
    assert not typography.measure(path).holes


def test_addresses_are_never_divided_with_a_hyphen_of_the_layout(tmp_path):
    """A register entry's addresses (PMB's, each person with a dozen URLs), set justified
    in a narrow column: hyphenation divides their words ("htt‐ps://", "schnitzler-inter‐
    views") and the measure finds it; in the print copy each address is a span.address
    with its own break opportunities, which the print stylesheet never hyphenates: no
    address is broken with a hyphen, and the addresses are whole in the text. A slash
    between two words ("Journalist/Journalistin") is no address."""
    import re

    from lxml import html as lxml_html

    from editio import stylesheets
    from editio.writers.pdf import render

    urls = ["https://schnitzler-interviews.acdh.oeaw.ac.at/pmb30257.html", "https://theadok.at/work/30732",
            "https://sammlungen.ub.uni-frankfurt.de/periodika/periodical/titleinfo/6198103",
            "https://de.wikipedia.org/wiki/Frankfurter_Zeitung", "http://www.wikidata.org/entity/Q561972"]
    entry = ("Mamroth, Fedor; Journalist/Journalistin; Kritiker/Kritikerin — " + ", ".join(urls) + ". ") * 4
    plain, printed = tmp_path / "plain.pdf", tmp_path / "printed.pdf"
    _narrow_pdf(plain, whole=True, paragraphs=f"<p>{entry}</p>")
    root = lxml_html.fromstring(f"<div><p>{entry}</p></div>")
    render._address_breaks(root)
    assert len(root.findall(".//span[@class='address']")) == 20
    rule = re.search(r"span\.address\s*\{[^}]*\}", stylesheets.css("print")).group()
    _narrow_pdf(printed, whole=True, paragraphs=lxml_html.tostring(root.find("p"), encoding="unicode"),
                extra_css=rule)
    assert typography.measure(plain).broken_urls, "the measure sees no address divided by hyphenation"
    measured = typography.measure(printed)
    assert not measured.broken_urls, measured.problems()
    text = "".join(line.text for line in _lines(printed)).replace("\u200b", "").replace("\u2060", "")
    for url in urls:
        assert url in text.replace(" ", ""), url


def test_weasyprint_sets_every_planned_line_of_inline_rich_prose(tmp_path):
    """Words in italics and bold, a line ending before or after one: each planned line is
    one WeasyPrint sets as planned (a missed line is set first fit, as loose as
    WeasyPrint leaves it). A line ending before an element needs the room of the space
    after its last word; without it, three of 25 lines missed."""
    sentence = ("It was <i>Kreisler</i> said the <i>old scholar</i> and <b>then</b> went home, "
                "a lovely word! She <em>never</em> wanted it. ")
    for key in linebreak.STATS:
        linebreak.STATS[key] = 0
    _narrow_pdf(tmp_path / "inline.pdf", whole=True, paragraphs=f"<p>{sentence * 12}</p>")
    assert linebreak.STATS["planned"] == 1 and linebreak.STATS["lines"] >= 20, linebreak.STATS
    assert linebreak.STATS["missed"] == 0 and linebreak.STATS["desynced"] == 0, linebreak.STATS


def test_a_planned_line_is_shaped_once_and_set_as_weasyprints_search_sets_it(tmp_path, monkeypatch):
    """A planned line is shaped once, as WeasyPrint's last step shapes it, instead of
    searched for (a draft, the next word, each division of it): the pages are the same
    glyphs at the same places as when WeasyPrint searches every line itself, with and
    without hyphens added, in prose with markup."""
    sentence = ("It was <i>Kreisler</i> said the <i>old scholar</i>, notwithstanding characteristically "
                "unquestionable institutionalisation, and <b>then</b> went home. ")
    paragraphs = f"<p>{sentence * 10}</p><p>{_PROSE}</p>"

    def page_glyphs(path):
        return [(line.page, round(line.y, 2), line.text) for line in _lines(path)]

    for key in linebreak.STATS:
        linebreak.STATS[key] = 0
    _narrow_pdf(tmp_path / "once.pdf", whole=True, paragraphs=paragraphs)
    once = dict(linebreak.STATS)
    monkeypatch.setattr(linebreak, "planned_first_line", lambda *args: None)
    _narrow_pdf(tmp_path / "searched.pdf", whole=True, paragraphs=paragraphs)
    assert once["shaped once"] >= once["lines"] - 2 and once["lines"] >= 30, once
    assert once["missed"] == 0, once
    assert any(line.hyphenated for line in _lines(tmp_path / "once.pdf"))
    assert page_glyphs(tmp_path / "once.pdf") == page_glyphs(tmp_path / "searched.pdf")
    assert (tmp_path / "once.pdf").read_bytes() == (tmp_path / "searched.pdf").read_bytes()


def _lines(path):
    import pikepdf

    with pikepdf.open(path) as pdf:
        out, cache = [], {}
        for number, page in enumerate(pdf.pages, 1):
            glyphs, _ = typography._page_glyphs(page, cache)
            out.extend(typography._lines(number, glyphs))
        return out


# --- the editions --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("tei", [SEED, CORPUS / "eltec-eng-small.xml", CORPUS / "drama-shake-hamlet.xml",
                                 CORPUS / "ss-notes1.xml"],
                         ids=lambda p: p.stem)
def test_the_editions_pdf_is_set_as_a_book(built_edition, tei):
    """No word space over 3×, at most 2% of justified lines over 2×, no more than two
    hyphenated lines in a row, no address broken with a hyphen, no widow or orphan, no
    fallback font and no face embedded twice."""
    pdf = built_edition(tei) / f"{tei.stem}.pdf"
    report = typography.measure(pdf)
    assert report.justified > 0, report.describe()
    assert report.longest_ladder <= 2, report.describe()
    assert not report.problems(), "\n".join([report.describe(), *report.problems()])


def test_latin_is_hyphenated_though_pyphen_has_no_latin_patterns():
    """pyphen has no Latin dictionary, so WeasyPrint would set Latin prose unhyphenated
    (12.9 % loose lines on a page of Pliny); while editio lays a book out, Latin takes the
    Italian patterns, whose syllabification descends from it."""
    import pyphen

    from editio.writers.pdf import linebreak

    assert pyphen.language_fallback("la") is None
    with linebreak.whole_paragraphs():
        lang = pyphen.language_fallback("la")
        assert lang == "la"
        dictionaries = linebreak._Dictionaries({})
        points = dictionaries.get((lang, 2, 2, 5)).positions("intempestivis")
    assert points, "no hyphenation point in a long Latin word"
    assert pyphen.language_fallback("la") is None     # only while a book is laid out


def test_norwegian_is_hyphenated_by_bokmal_patterns():
    """A text declared "no" (or "nor") is Norwegian: pyphen knows only "nb" and "nn", so it
    would be set unhyphenated; while a book is laid out it takes Bokmål's patterns."""
    import pyphen

    from editio.writers.pdf import linebreak

    assert pyphen.language_fallback("no") is None
    with linebreak.whole_paragraphs():
        lang = pyphen.language_fallback("no")
        points = linebreak._Dictionaries({}).get((lang, 2, 2, 5)).positions("forfatterskapet")
    assert lang == "no" and points, (lang, points)


@pytest.mark.parametrize("lang, divided", [
    ("fi", ["kir-jas-to", "suo-ma-lai-nen", "kaup-pa"]),
    ("tr", ["kar-deş-le-ri-miz-den", "kork-mak", "öğ-ret-men-ler"]),
])
def test_a_language_pyphen_lacks_is_hyphenated_by_its_syllables(lang, divided):
    """pyphen has no Finnish or Turkish patterns: while a book is laid out, each takes
    editio's, written from its rules of syllable division (Finnish: before the consonant
    that begins a syllable, never inside a diphthong or a long vowel; Turkish: one vowel a
    syllable, a line divided before the last consonant ahead of a vowel)."""
    import pyphen

    from editio.writers.pdf import linebreak

    assert pyphen.language_fallback(lang) is None
    with linebreak.whole_paragraphs():
        found = pyphen.language_fallback(lang)
        dictionary = linebreak._Dictionaries({}).get((found, 2, 2, 5))
    assert [dictionary.inserted(word.replace("-", "")) for word in divided] == divided


@pytest.mark.parametrize("lang, word", [("enm", "pilgrimages"), ("frm", "chevalerie"), ("gmh", "ritterschaft")])
def test_a_medieval_language_is_hyphenated_by_its_modern_patterns(lang, word):
    """Middle English, Middle French, Middle High German (ISO 639-3 codes editions of
    older texts declare) have no patterns of their own: while a book is laid out they take
    their modern language's, instead of being set unhyphenated."""
    import pyphen

    from editio.writers.pdf import linebreak

    assert pyphen.language_fallback(lang) is None
    with linebreak.whole_paragraphs():
        found = pyphen.language_fallback(lang)
        points = linebreak._Dictionaries({}).get((found, 2, 2, 5)).positions(word)
    assert found == lang and points, (found, points)


def test_sanskrit_in_transliteration_is_hyphenated_by_its_syllables_and_in_devanagari_by_pyphens():
    """pyphen's Sanskrit patterns are for Devanagari only: a commentary in IAST was set
    unhyphenated (18 of 96 lines with word spaces over 3×, one 32×). While a book is laid
    out, a word in Latin letters takes editio's patterns (after a vowel, or the anusvara or
    visarga closing its syllable, before one consonant; an aspirate is one consonant; a
    cluster never divided), a word in Devanagari pyphen's; Pali, which pyphen lacks, too."""
    import pyphen

    from editio.writers.pdf import linebreak

    with linebreak.whole_paragraphs():
        sanskrit = linebreak._Dictionaries({}).get((pyphen.language_fallback("sa-Latn"), 2, 2, 5))
        pali = linebreak._Dictionaries({}).get((pyphen.language_fallback("pi"), 2, 2, 5))
    assert [sanskrit.inserted(w) for w in ("mahārājādhirāja", "saṃsāra", "bhagavān", "karma", "śaikṣa")] == [
        "ma-hā-rā-jā-dhi-rā-ja", "saṃ-sā-ra", "bha-ga-vān", "karma", "śaikṣa"]
    assert sanskrit.positions("भगवान्"), "Devanagari keeps pyphen's patterns"
    assert pali.inserted("dhammapada") == "dhamma-pa-da"
