"""The PDF edition: a tagged, accessible, sound book whose text, notes and page
references are right, judged by poppler, qpdf and pikepdf on real TEI files."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from conftest import REPO, build_env, prepared_hub
from editio import build as build_module
from editio import fonts
from editio.check import fidelity
from editio.diagnostics import EditioError
from editio.writers import pdf as pdf_writer
from editio.writers.pdf import render as pdf_module

SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
CORPUS = REPO / "tests" / "fixtures" / "corpus"
# Files with notes, speakers, verse, registers, bibliographies and images between them.
FILES = [
    SEED,
    CORPUS / "ss-notes1.xml",
    CORPUS / "letter-escher-K0176.xml",
    CORPUS / "ss-generalP5.xml",
    CORPUS / "ss-bibliography1.xml",
    CORPUS / "drama-shake-hamlet.xml",
]
IDS = [p.stem for p in FILES]
# Page images land in the test's temporary folder, or in EDITIO_PDF_PNG_DIR to look at them.
PNG_DIR_ENV = "EDITIO_PDF_PNG_DIR"


def _pdf(built_edition, tei: Path) -> Path:
    edition = built_edition(tei)
    path = edition / f"{tei.stem}.pdf"
    assert path.is_file(), f"no {path.name} in {edition}"
    return path




def _norm(text: str) -> str:
    """Whitespace collapsed, invisible characters dropped, dashes of any kind alike (print
    sets typewriter ``--`` as a real dash)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2060", "").replace("\u00ad", "")
    text = re.sub(r"--|[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> list[str]:
    return fidelity.words(text)


def _page_words(pdf: Path, tools) -> list[list[str]]:
    # drawing order: a raised note call stays next to the word it follows
    return [_words(fidelity.join_hyphenated(t)) for t in tools.pdf_page_texts(pdf, raw=True)]


_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def _word_boxes(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """Each page's words where poppler places them: (word, x_min, y_min, x_max)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    return [[(m.group(4), float(m.group(1)), float(m.group(2)), float(m.group(3))) for m in _WORD_BOX.finditer(page)]
            for page in boxes.split("<page ")[1:]]


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


# --- structure, accessibility, metadata -----------------------------------------------------


@pytest.mark.parametrize("tei", FILES, ids=IDS)
def test_pdf_is_tagged_titled_embedded_and_sound(built_edition, tools, tei):
    path = _pdf(built_edition, tei)
    ok, output = tools.qpdf_check(path)
    assert ok, output
    hub = prepared_hub(tei)
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True or bool(root.MarkInfo.Marked)
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == hub.root.get("lang")
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        meta = pdf.open_metadata()
        assert meta.get("dc:title", "").startswith(hub.metadata.title)
        assert str(pdf.docinfo["/Title"]).startswith(hub.metadata.title)
        unembedded = []
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts = font.DescendantFonts if "/DescendantFonts" in font else [font]
                for f in fonts:
                    desc = f.get("/FontDescriptor")
                    if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        unembedded.append(str(f.get("/BaseFont")))
        assert unembedded == []
        names = root.Names.EmbeddedFiles.Names if "/Names" in root and "/EmbeddedFiles" in root.Names else []
        assert tei.name in [str(n) for n in names[::2]], "the TEI source is attached"


def _outline(pdf: Path) -> list[tuple[int, str]]:
    out = []
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        def walk(items, depth):
            for item in items:
                out.append((depth, _norm(item.title)))
                walk(item.children, depth + 1)
        walk(outline.root, 1)
    return out


def _expected_outline(hub) -> list[tuple[int, str]]:
    """Every heading of the text (by depth) and of each back-matter section, in order."""
    root = hub.root
    body = root.find("body")
    out = []
    toc = root.find(".//nav[@id='toc']")
    if toc is not None and toc.find("h2") is not None:
        out.append((1, _norm("".join(toc.find("h2").itertext()))))
    main = root.find(".//main")
    for h in main.iter("h2", "h3", "h4", "h5", "h6"):
        if any(a.tag in ("blockquote", "figure", "aside") for a in h.iterancestors()):
            continue
        out.append((int(h.tag[1]) - 1, _norm("".join(h.itertext()))))
    for sec in body.findall("section"):
        if sec.get("id") in ("imprint", "notes"):
            continue
        h = sec.find("h2")
        if h is not None:
            out.append((1, _norm("".join(h.itertext()))))
    return out


@pytest.mark.parametrize("tei", FILES, ids=IDS)
def test_outline_is_the_headings(built_edition, tei):
    path = _pdf(built_edition, tei)
    got = [title for _, title in _outline(path) if title != "Notes"]
    want = [title for _, title in _expected_outline(prepared_hub(tei))]
    assert got == want


# --- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("tei", FILES, ids=IDS)
def test_every_word_of_the_tei_is_in_the_pdf_in_order(built_edition, tei):
    edition = built_edition(tei)
    report = fidelity.check_detailed(tei, edition, formats=["pdf"])["pdf"]
    assert report.score >= 0.995, fidelity.format_report({"pdf": report}, tei.stem)


def _text_before(fn) -> str:
    """The visible text of the footnote's block up to its call (other notes left out)."""
    block = fn.getparent()
    while block.tag not in ("p", "div", "li", "td", "dd", "blockquote", "section") and block.getparent() is not None:
        block = block.getparent()
    marker = "\ue000"
    copy_fn_id = fn.get("id")
    clone = etree.fromstring(etree.tostring(block))
    target = next(el for el in clone.iter() if el.get("id") == copy_fn_id)
    target.clear()
    target.text = marker
    for other in [el for el in clone.iter("span") if "footnote" in (el.get("class") or "").split()
                  and el is not target]:
        tail = other.tail
        other.clear()
        other.tail = tail
    return pdf_module.visible_text(clone).split(marker)[0]


def _footnotes(tei: Path) -> list[dict]:
    """Each footnote of the print copy: its label, the word before its call, its first words."""
    prepared = pdf_module.prepare(prepared_hub(tei))
    notes = []
    for fn in prepared.root.iter("span"):
        if "footnote" not in (fn.get("class") or "").split():
            continue
        first = _words(pdf_module.visible_text(fn))[:6]
        label = _words(fn.get("data-label") or "")
        before = _words(_text_before(fn))[-1:]
        if first and label:
            notes.append({"label": label, "before": before, "first": first, "id": fn.get("id")})
    return notes


@pytest.mark.parametrize("tei", [SEED, CORPUS / "ss-notes1.xml", CORPUS / "letter-escher-K0176.xml"],
                         ids=["seed", "ss-notes1", "letter-escher-K0176"])
def test_footnote_is_on_the_page_of_its_call(built_edition, tools, tei):
    path = _pdf(built_edition, tei)
    pages = _page_words(path, tools)
    notes = _footnotes(tei)
    assert notes, "the file has notes"
    wrong = []
    for note in notes:
        holding = [i for i, words in enumerate(pages) if _contains_run(words, note["first"])]
        if not holding:
            wrong.append(f"{note['id']}: first words {note['first']} on no page")
            continue
        # The call: its label right after the word before it, or after other calls
        # standing at the same place (``word¹ ²``).
        if not any(_call_on_page(pages[i], note["before"], note["label"]) for i in holding):
            wrong.append(f"{note['id']}: call {note['before'] + note['label']} not on page(s) "
                         f"{[i + 1 for i in holding]}")
    assert wrong == []


def _call_on_page(words: list[str], before: list[str], label: list[str]) -> bool:
    n = len(label)
    for i in range(len(words) - n + 1):
        if words[i:i + n] != label:
            continue
        if not before:
            return True
        window = words[max(0, i - 4):i]
        if before[-1] in window:
            j = len(window) - 1 - window[::-1].index(before[-1])
            if all(w.isdigit() or len(w) <= 2 for w in window[j + 1:]):
                return True
    return False


def _toc_entries(hub) -> list[tuple[str, str]]:
    """Contents entries whose target shows a heading (a division without a head still
    gets an entry, but then there is no text to find on its page)."""
    root = pdf_module.prepare(hub).root   # the print copy: emptied sections are gone
    toc = root.find(".//nav[@id='toc']")
    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    out = []
    for a in toc.iter("a"):
        href = a.get("href") or ""
        target = ids.get(href[1:]) if href.startswith("#") else None
        if target is None or not any(c.tag in ("h2", "h3", "h4", "h5", "h6") for c in target):
            continue
        out.append((href[1:], _norm("".join(a.itertext()))))
    return out


@pytest.mark.parametrize("tei", [SEED, CORPUS / "drama-shake-hamlet.xml", CORPUS / "ss-generalP5.xml"],
                         ids=["seed", "hamlet", "ss-generalP5"])
def test_toc_page_numbers_are_the_pages_of_the_headings(built_edition, tools, tei):
    path = _pdf(built_edition, tei)
    texts = [_norm(t) for t in tools.pdf_page_texts(path)]
    entries = _toc_entries(prepared_hub(tei))
    assert entries
    toc_pages = [i for i, t in enumerate(texts[:12]) if entries[0][1] in t]
    assert toc_pages, "the contents list is near the start"
    toc_text = " ".join(texts[toc_pages[0]:toc_pages[0] + 4])
    checked = 0
    for _, title in entries[:8]:
        m = re.search(re.escape(title) + r"[\s.]*?(\d+)\b", toc_text)
        assert m, f"toc entry {title!r} with a page number"
        page = int(m.group(1))
        body = texts[page - 1]
        # The heading is on the page it is listed at (a running head elsewhere is not enough:
        # a chapter's first page carries none).
        assert title in body, f"{title!r} listed at page {page} but that page reads: {body[:200]!r}"
        checked += 1
    assert checked


def test_register_page_references_point_at_the_names(built_edition, tools):
    """Each page number printed after a register entry is a page where that entry's name
    is printed in the text, and each page is printed once."""
    path = _pdf(built_edition, SEED)
    raw_pages = tools.pdf_page_texts(path)
    texts = [_norm(t) for t in raw_pages]
    document, _, prepared = pdf_module.render(prepared_hub(SEED))
    assert len(document.pages) == len(raw_pages)
    register = prepared.root.find(".//section[@id='register']")
    assert register is not None, "the seed has a register"
    ids = {el.get("id"): el for el in prepared.root.iter() if isinstance(el.tag, str) and el.get("id")}
    reg_title = _norm("".join(register.find("h2").itertext()))
    reg_start = max(i for i, t in enumerate(texts) if t.startswith(reg_title) or f" {reg_title} " in t[:80])
    reg_text = "\n".join(raw_pages[reg_start:])
    checked = pos = 0
    for li in register.iter("li"):
        name_el = li.find(".//span[@class='entry-name']")
        # (the page of a speaker's first speech, "— 2 speeches, p. 5", locates the speeches)
        refs = [a for a in li.iter("a") if "pageref" in (a.get("class") or "").split()
                and "speeches" not in (a.getparent().get("class") or "").split()]
        if name_el is None or not refs:
            continue
        name = _norm("".join(name_el.itertext()))
        # entries are printed in order: search each from the end of the one before
        m = re.compile(r"^" + re.escape(name) + r"(?=;|\s\u2014|\s\().*?\u2014\s+((?:\d+,\s*)*\d+)(?!\d|-)",
                       re.S | re.M).search(reg_text, pos)
        assert m, f"register entry {name!r} with page numbers in:\n{reg_text[pos:pos + 600]}"
        pos = m.end()
        printed = [int(n) for n in re.findall(r"\d+", m.group(1))]
        assert len(printed) == len(set(printed)) == len(refs), (name, printed)
        words = {_norm(pdf_module.visible_text(ids[a.get("href")[1:]])) for a in refs}
        for page in printed:
            assert any(w and w in texts[page - 1] for w in words), (name, page, words)
        checked += 1
    assert checked >= 5


# --- looking at it ---------------------------------------------------------------------------


@pytest.mark.parametrize("tei", [SEED, CORPUS / "drama-shake-hamlet.xml", CORPUS / "letter-escher-K0176.xml"],
                         ids=["seed", "hamlet", "letter-escher-K0176"])
def test_first_pages_render(built_edition, tools, tei, tmp_path):
    path = _pdf(built_edition, tei)
    out = Path(os.environ.get(PNG_DIR_ENV) or tmp_path) / tei.stem
    for old in out.parent.glob(f"{tei.stem}-*.png"):
        old.unlink()
    pngs = tools.pdftoppm(path, out, first=1, last=8, dpi=60)
    assert len(pngs) >= 4
    from PIL import Image

    with Image.open(pngs[0]) as im:
        # the title page has ink on it, and it is the book's trim (156 × 234 mm)
        assert im.convert("L").getextrema()[0] < 128
        w, h = im.size
        assert abs(h / w - 234 / 156) < 0.01


# --- failures ------------------------------------------------------------------------------


def _letter_with(words: str) -> str:
    """A strict-valid TEI file (the make fixture) with ``words`` added to its text."""
    text = (REPO / "tests" / "fixtures" / "make" / "short-letter.xml").read_text(encoding="utf-8")
    assert "it prints cleanly." in text
    return text.replace("it prints cleanly.", f"it prints cleanly ({words}).")


def _glyphless_tei() -> str:
    """The letter with one character no typeface of the edition draws (an Egyptian
    hieroglyph)."""
    return _letter_with("\U00013000")


def _cli(editio_bin, args, tmp_path):
    return subprocess.run([*editio_bin, *args], capture_output=True, text=True, env=build_env(),
                          cwd=tmp_path, timeout=300)


def test_missing_glyph_fails_a_strict_build_and_warns_otherwise(editio_bin, tmp_path):
    tei = tmp_path / "glyphs.xml"
    tei.write_text(_glyphless_tei(), encoding="utf-8")
    strict = _cli(editio_bin, ["build", str(tei), "--format", "pdf", "--out", str(tmp_path / "a"),
                               "--strict"], tmp_path)
    out = strict.stdout + strict.stderr
    assert strict.returncode != 0, out
    assert "E-GLYPH-1" in out and "U+13000" in out, out
    assert not (tmp_path / "a" / "glyphs" / "glyphs.pdf").exists()
    lenient = _cli(editio_bin, ["build", str(tei), "--format", "pdf", "--out", str(tmp_path / "b")],
                   tmp_path)
    out = lenient.stdout + lenient.stderr
    assert lenient.returncode == 0, out
    assert "warning" in out and "U+13000" in out, out
    assert (tmp_path / "b" / "glyphs" / "glyphs.pdf").is_file()


def test_chinese_japanese_and_korean_are_set_in_the_editions_own_faces(editio_bin, tmp_path):
    """Han, kana and Hangul print from the bundled OFL faces (Hanazono Mincho, Nanum
    Myeongjo) in a strict build; a text without them does not declare those large files."""
    tei = tmp_path / "cjk.xml"
    tei.write_text(_letter_with("\u822c\u82e5\u5fc3\u7d93, \u3072\u3089\u304c\u306a, \ud55c\uae00, \U00020001"),
                   encoding="utf-8")
    proc = _cli(editio_bin, ["build", str(tei), "--format", "pdf", "--out", str(tmp_path / "o"), "--strict"],
                tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = tmp_path / "o" / "cjk" / "cjk.pdf"
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for family in ("Editio-CJK", "Editio-CJK-Extension", "Editio-Korean"):
        assert f"+{family} " in listing or f"+{family}-" in listing, listing
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\u822c\u82e5\u5fc3\u7d93" in text and "\ud55c\uae00" in text
    declared = {face.family.css for face in fonts.declared_faces("A text without them.")}
    assert "Editio CJK" not in declared and "Editio Korean" not in declared and "Editio Serif" in declared
    assert not declared & {"Editio Devanagari", "Editio Ethiopic"}, declared


def test_only_edition_resources_are_fetched(tmp_path):
    hub, _ = build_module.prepare(CORPUS / "ss-notes1.xml", strict=False)
    paragraph = next(hub.root.find(".//main").iter("p"))
    img = etree.SubElement(paragraph, "img")
    img.set("src", "file:///etc/hostname")
    img.set("alt", "a file outside the edition")
    with pytest.raises(EditioError) as exc:
        pdf_writer.write(hub, tmp_path)
    assert "E-PDF-FETCH" in str(exc.value)
    assert not (tmp_path / f"{hub.context.name}.pdf").exists()


def test_the_hub_is_not_changed(tmp_path):
    hub, _ = build_module.prepare(CORPUS / "ss-notes1.xml", strict=False)
    before = etree.tostring(hub.tree)
    pdf_writer.write(hub, tmp_path)
    assert etree.tostring(hub.tree) == before


def test_same_input_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    tei = CORPUS / "ss-notes1.xml"
    a = build_module.build(tei, formats=("pdf",), out=tmp_path / "a")
    b = build_module.build(tei, formats=("pdf",), out=tmp_path / "b")
    assert a.ok and b.ok
    pa = (tmp_path / "a" / tei.stem / f"{tei.stem}.pdf").read_bytes()
    pb = (tmp_path / "b" / tei.stem / f"{tei.stem}.pdf").read_bytes()
    assert pa == pb


def test_a_stylesheet_beside_the_tei_changes_the_trim(tmp_path):
    tei = tmp_path / "notes.xml"
    tei.write_bytes((CORPUS / "ss-notes1.xml").read_bytes())
    (tmp_path / "notes.print.css").write_text("@page { size: 170mm 240mm; }\n", encoding="utf-8")
    hub, _ = build_module.prepare(tei, strict=False)
    pdf_writer.write(hub, tmp_path / "out")
    with pikepdf.open(tmp_path / "out" / "notes.pdf") as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    mm = 72 / 25.4
    assert abs((box[2] - box[0]) - 170 * mm) < 0.5 and abs((box[3] - box[1]) - 240 * mm) < 0.5


def test_our_stylesheet_has_no_rule_weasyprint_ignores(tmp_path):
    """Every declaration of print.css is understood: an ignored one is a build error."""
    hub, _ = build_module.prepare(CORPUS / "ss-notes1.xml", strict=False)
    _, diagnostics, _ = pdf_module.render(hub)
    assert [d.format() for d in diagnostics if d.code == "E-PDF-CSS"] == []
    bad = tmp_path / "bad.css"
    bad.write_text("p { colour: red; }\n", encoding="utf-8")
    _, diagnostics, _ = pdf_module.render(hub, extra_css=[bad])
    assert any("colour" in d.message for d in diagnostics), "a user stylesheet's ignored rule is reported"


def test_an_ignored_rule_in_our_stylesheet_fails_the_build(tmp_path, monkeypatch):
    broken = pdf_module.print_css() + "\np { colour: red; }\n"
    monkeypatch.setattr(pdf_module, "print_css", lambda: broken)
    hub, _ = build_module.prepare(CORPUS / "ss-notes1.xml", strict=False)
    with pytest.raises(EditioError) as exc:
        pdf_writer.write(hub, tmp_path / "out")
    assert "E-PDF-CSS" in str(exc.value) and "colour" in str(exc.value)


# --- a short text is a short book -----------------------------------------------------------

SHORT = REPO / "tests" / "fixtures" / "short" / "ozymandias.xml"


def test_a_short_text_is_a_short_book(built_edition, tools):
    """A sonnet is a title page, the poem, and the edition's notes ending in a colophon:
    no contents list of one entry, no blank versos, no page of imprint of its own."""
    path = _pdf(built_edition, SHORT)
    pages = tools.pdf_page_texts(path)
    assert len(pages) == 3, [p[:80] for p in pages]
    assert "Contents" not in " ".join(pages)
    assert "I met a traveller" in pages[1] and "stretch far away" in pages[1]
    assert "Made with editio" in pages[-1], "the imprint closes the book as a colophon"
    # the source's typewriter dashes are kept, as the web and EPUB editions keep them
    assert "Who said --" in pages[1]


def test_no_running_head_above_a_heading_that_opens_its_page(built_edition, tools):
    """A page that opens with a heading (a chapter, the edition's notes) carries the folio
    at its foot and no running head repeating that heading."""
    path = _pdf(built_edition, SHORT)
    last = [line.strip() for line in tools.pdf_page_texts(path)[-1].splitlines() if line.strip()]
    heading = "About this edition"
    assert last.count(heading) == 1, last[:4]


@pytest.mark.parametrize("tei", [SEED, CORPUS / "drama-shake-hamlet.xml"], ids=["seed", "hamlet"])
def test_running_head_names_the_section_current_at_the_top_of_the_page(built_edition, tools, tei):
    """A running head names the section the reader is in when the page begins: one whose
    heading comes lower on the page is not yet current."""
    path = _pdf(built_edition, tei)
    pages = [[_norm(line) for line in page.splitlines() if line.strip()]
             for page in tools.pdf_page_texts(path, layout=True)]
    titles = [title for _, title in _toc_entries(prepared_hub(tei))]
    checked = 0
    for number, lines in enumerate(pages):
        if len(lines) < 2:
            continue
        head, first = lines[0], lines[1]
        for title in titles:
            if len(title) < 4 or title not in head:
                continue
            earlier = any(title in line for page in pages[:number] for line in page[1:])
            assert earlier or first.startswith(title), (
                f"p. {number + 1}: running head {head!r} names a section that starts lower on the page")
            checked += 1
    assert checked, "no running head names a section"


def _page_with_a_deferred_note():
    """Paragraphs p1…p4; the note's call is in p1 on page 3; p2 and p3 start on page 3
    (p3 runs on to page 4), p4 starts on page 4; WeasyPrint printed the note on page 4."""
    root = etree.fromstring(
        '<html><body><main><section>'
        '<p id="p1">Text<a class="noteref-anchor" id="c1"/><span class="footnote" id="n1">Note.</span> more.</p>'
        '<p id="p2">Second.</p><p id="p3">Third.</p><p id="p4">Fourth.</p>'
        '</section></main></body></html>')
    pages = {"p1": 2, "c1": 3, "n1": 4, "p2": 3, "p3": 3, "p4": 4}
    return root, pages


def test_a_note_sent_on_brings_the_page_to_end_before_the_paragraph_that_sent_it():
    """WeasyPrint sends a page's last notes on when a later paragraph of the page cannot
    break there: the repair starts that paragraph (the last to start on the call's page)
    on the next page, so the page ends before it and keeps its note."""
    root, pages = _page_with_a_deferred_note()
    assert pdf_module.push_misplaced_note(root, pages)
    pushed = [p.get("id") for p in root.iter("p") if "fn-push" in (p.get("class") or "")]
    assert pushed == ["p3"]
    # the same note misplaced again: the call's own paragraph goes, then nothing more
    assert pdf_module.push_misplaced_note(root, pages)
    assert [p.get("id") for p in root.iter("p") if "fn-push" in (p.get("class") or "")] == ["p1", "p3"]
    assert not pdf_module.push_misplaced_note(root, pages)


def test_a_call_in_the_last_paragraph_of_its_page_moves_with_its_paragraph():
    root, pages = _page_with_a_deferred_note()
    pages.update({"p2": 4, "p3": 4})
    assert pdf_module.push_misplaced_note(root, pages)
    assert [p.get("id") for p in root.iter("p") if "fn-push" in (p.get("class") or "")] == ["p1"]


_WORDS = ("the quiet river ran past the mill where the old miller kept his accounts in a "
          "ledger bound in green cloth and every evening he read them over by candlelight").split()


def _words_from(count: int, start: int = 0) -> str:
    return " ".join(_WORDS[(start + i) % len(_WORDS)] for i in range(count))


def _note_at_the_foot_tei(filler: int) -> str:
    """A paragraph whose call carries a long note, then a paragraph that reaches the foot
    of the same page with one line only (orphans: 2): ``filler`` words come before."""
    paragraphs = [f"<p>{_words_from(filler)}.</p>",
                  f'<p>{_words_from(40, 3)}<note place="foot">{_words_from(60, 7)}.</note> '
                  f"{_words_from(20, 5)}.</p>",
                  f"<p>{_words_from(60, 11)}.</p>", f"<p>{_words_from(300, 2)}.</p>"]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'
        "<teiHeader><fileDesc><titleStmt><title>Notes and their calls</title></titleStmt>"
        "<publicationStmt><p>Test text.</p></publicationStmt><sourceDesc><p>Born digital.</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><div><head>One</head>"
        + "".join(paragraphs) + "</div></body></text></TEI>")


def _note_and_call_pages(tei: Path) -> tuple[list[tuple[int, int]], list[str]]:
    """(call page, note page) of each footnote after one layout, no repair; the diagnostics."""
    hub, _ = build_module.prepare(tei, strict=False, quiet=True)
    hub.context.quiet = True
    prepared = pdf_module.prepare(hub)
    document, diags, _ = pdf_module.render(hub, prepared=prepared, repairs=0)
    pages = pdf_module.anchor_pages(document)
    notes = [fn for fn in prepared.root.iter("span") if "footnote" in (fn.get("class") or "").split()]
    return ([(pages.get(fn.getprevious().get("id")), pages.get(fn.get("id"))) for fn in notes],
            [d.code for d in diags])


def test_a_note_stays_on_its_calls_page_in_the_first_layout(tmp_path, monkeypatch):
    """WeasyPrint 70 makes room for a line that widows and orphans keep with the next by
    sending the page's last note on, away from its call; editio breaks the paragraph
    instead, so the book is laid out once, not again to repair the note."""
    import contextlib

    from editio.writers.pdf import weasy

    tei = tmp_path / "note-at-the-foot.xml"
    tei.write_text(_note_at_the_foot_tei(filler=266), encoding="utf-8")
    kept = weasy.notes_stay_with_their_calls
    monkeypatch.setattr(weasy, "notes_stay_with_their_calls", contextlib.nullcontext)
    (call, note), = _note_and_call_pages(tei)[0]
    assert note == call + 1, ("the text no longer makes WeasyPrint send its note on: adjust "
                              f"the filler (call p. {call}, note p. {note})")
    monkeypatch.setattr(weasy, "notes_stay_with_their_calls", kept)
    placed, codes = _note_and_call_pages(tei)
    assert placed == [(call, call)]
    assert not [c for c in codes if "NOTE" in c]


def test_a_register_cites_each_page_once_in_the_first_layout(tmp_path, monkeypatch, tools):
    """A register entry whose name occurs twice on one page prints that page once. The
    repeated references are dropped while the book is laid out (only the pages from the
    first changed entry on are set again), not by laying the whole book out a second
    time; the pages are those of the second layout, word for word."""
    import contextlib

    import weasyprint

    from editio.writers.pdf import pagerefs

    layouts = []
    render_html = weasyprint.HTML.render

    def counted(self, *args, **kwargs):
        layouts.append(1)
        return render_html(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    hub = prepared_hub(SEED)
    hub.context.quiet = True

    def pages(name):
        layouts.clear()
        document, _, prepared = pdf_module.render(hub)
        path = tmp_path / f"{name}.pdf"
        document.write_pdf(path)
        return (len(layouts), tools.pdf_page_texts(path, layout=True), prepared,
                pdf_module.anchor_pages(document))

    once, texts, prepared, anchors = pages("once")
    kept = pagerefs.cited_once
    monkeypatch.setattr(pagerefs, "cited_once", lambda: contextlib.nullcontext([]))
    twice, texts_twice, _, _ = pages("twice")
    monkeypatch.setattr(pagerefs, "cited_once", kept)
    assert twice == 2, "the seed's register no longer repeats a page: the test proves nothing"
    assert once == 1
    assert texts == texts_twice
    # and the print copy says what was printed: no entry cites a page twice
    for li in prepared.root.iter("li"):
        cited = [anchors.get(a.get("href")[1:]) for a in li.iter("a") if "pageref" in (a.get("class") or "")]
        cited = [c for c in cited if c is not None]
        assert len(cited) == len(set(cited)), etree.tostring(li)[:200]


def test_a_long_table_repeats_its_header_row_on_every_page(tmp_path, tools):
    """A table that runs over several pages carries its label row (TEI row role="label")
    at the top of each, as a reader of a printed table expects."""
    rows = "\n".join(f'<row><cell>Entry {i}</cell><cell>{i * 3} shillings</cell></row>' for i in range(1, 121))
    tei = tmp_path / "long-table.xml"
    tei.write_text(f'''<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>A long table</title><editor>Test</editor></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Constructed.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>The accounts follow.</p>
    <table><row role="label"><cell>Article bought</cell><cell>Sum paid</cell></row>
    {rows}</table><p>The accounts end.</p></body></text>
</TEI>''', encoding="utf-8")
    result = build_module.build(tei, ["pdf"], tmp_path / "out", quiet=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    pages = tools.pdf_page_texts(tmp_path / "out" / "long-table" / "long-table.pdf")
    with_rows = [t for t in pages if re.search(r"Entry \d+", t)]
    assert len(with_rows) >= 2, "the table should run over pages"
    for text in with_rows:
        assert "Article bought" in text and text.index("Article bought") < re.search(r"Entry \d+", text).start()


def test_a_missing_script_family_is_reported_with_the_package_that_draws_it(monkeypatch, tmp_path):
    """The CJK faces are large and only some texts need them: where they are not installed,
    other texts build as before, and Chinese characters are glyphs the fonts lack, with
    the package to install named."""
    absent = dataclasses.replace(fonts.CJK, directory=tmp_path)
    monkeypatch.setattr(fonts, "CJK", absent)
    monkeypatch.setattr(fonts, "FALLBACKS", (fonts.SUPPLEMENT, fonts.HEBREW, fonts.ARABIC, absent))
    monkeypatch.setattr(fonts, "FAMILIES", (fonts.TEXT, *fonts.FALLBACKS, fonts.MONO))
    assert not fonts.installed(absent)
    assert fonts.missing_glyphs("Latin, \u822c") == ["\u822c"]
    assert "fonts-hanazono" in fonts.install_hint("\u822c")
    assert fonts.install_hint("\u03bb") == ""
    assert absent not in {face.family for face in fonts.declared_faces("Latin, \u822c")}


def test_a_verse_line_shared_between_speakers_is_stepped(tmp_path):
    """The final part of a shared line starts under the end of the initial part, as plays
    are printed (not at the margin, as a line of its own)."""
    tei = REPO / "tests" / "golden" / "drama" / "play.xml"
    result = build_module.build(tei, formats=("pdf",), out=tmp_path, strict=False, jobs=1)
    assert result.ok
    words = [(word, x_min, x_max) for page in _word_boxes(tmp_path / "play" / "play.pdf")
             for word, x_min, _, x_max in page]
    tush = next(x_min for word, x_min, _ in words if word == "Tush,")
    appear_end = next(x_max for word, _, x_max in words if word == "appear.")
    sit = next(x_min for word, x_min, _ in words if word == "Sit")
    assert sit > tush + 0.6 * (appear_end - tush), (tush, appear_end, sit)
    assert abs(sit - appear_end) < 40, (appear_end, sit)


def test_the_pdf_draws_its_text_in_reading_order(tmp_path):
    """A tool that reads a PDF's text as it is drawn (copying a page, pdftotext -raw) meets
    a heading where it stands: paragraphs are not drawn in a layer after the headings of
    their page (positioned boxes are), only the line numbers in the margin are."""
    tei = REPO / "tests" / "golden" / "drama" / "play.xml"
    assert build_module.build(tei, formats=("pdf",), out=tmp_path, strict=False, jobs=1).ok
    raw = subprocess.run(["pdftotext", "-raw", str(tmp_path / "play" / "play.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    lines = [line.strip() for line in raw]
    heading = max(i for i, line in enumerate(lines) if line == "ACT 1")     # the text's, not the contents'
    assert lines.index("The scene: Elsinore.") < heading < lines.index("Scene 2") < lines.index(
        "Enter King, Queen, and Hamlet.")


def test_paragraphs_in_narrow_table_cells_are_set_ragged(tmp_path):
    """A paragraph in a table cell is not justified: a column a few words wide would open
    holes between them (a newspaper's nameplate: "The      Eastern")."""
    from editio.check import typography

    cell = ("<cell><p>The Eastern Telegraph Company's express mail steamers leave for Brindisi "
            "and Marseilles every week, calling at the intermediate stations in turn.</p></cell>")
    pdf = _small_book(tmp_path, "cells", f"<p>The notices follow.</p><table><row>{cell * 5}</row></table>")
    report = typography.measure(pdf)
    assert not report.holes and not report.loose, report.describe()


def test_a_running_head_carries_no_note_call(tmp_path, tools):
    """A heading with a note names its section in the running heads by its words only."""
    body = "<p>" + "The long chapter goes on and on, page after page, as chapters do. " * 120 + "</p>"
    pdf = _small_book(tmp_path, "heads", f"<div><head>Freedom in Syria<note>The title of the first article.</note></head>"
                                         f"{body}</div><div><head>The second article</head>{body}</div>")
    pages = tools.pdf_page_texts(pdf)
    heads = [page.strip().splitlines()[0].strip() for page in pages if page.strip()]
    assert any(head.endswith("Freedom in Syria") for head in heads), heads
    assert not any("Freedom in Syria1" in page for page in pages)


def test_a_running_head_cut_short_stands_for_its_ellipsis_only(tmp_path):
    """A running head too long for its line ends in an ellipsis; the ellipsis stands for
    itself in the text layer, not for the words it hides (WeasyPrint mapped it to all of
    them, which poppler rejects: 'Illegal entry in bfchar block')."""
    title = ("Utilité des recherches sur l’activité et l’expérience pour former à l’intervention "
             "en éducation physique : illustration dans le programme de recherche du cours d’action")
    body = "<p>" + "Le chapitre se poursuit de page en page, comme tous les chapitres. " * 120 + "</p>"
    pdf = _small_book(tmp_path, "long-head", f"<div><head>{title}</head>{body}</div><div><head>Suite</head>{body}</div>",
                      lang="fr")
    proc = subprocess.run(["pdftotext", str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    assert "bfchar" not in proc.stderr, proc.stderr
    assert "\u2026" in proc.stdout


def test_a_paragraph_the_source_sets_right_stays_right(tmp_path):
    """rend="right" (a letter's dateline) is set flush right in the book, not justified
    from the left margin like the paragraphs around it."""
    tei = REPO / "tests" / "golden" / "blocks" / "blocks.xml"
    assert build_module.build(tei, formats=("pdf",), out=tmp_path, strict=False, jobs=1).ok
    words = [(word, x_min, x_max) for page in _word_boxes(tmp_path / "blocks" / "blocks.pdf")
             for word, x_min, _, x_max in page]
    three = next(x_min for word, x_min, _ in words if word == "Three")        # a paragraph's start
    right_edge = max(x_max for _, _, x_max in words)           # the text block's
    zurich = next(x_min for word, x_min, _ in words if word == "Zürich,")
    year_end = next(x_max for word, _, x_max in words if word == "1831")
    assert zurich > three + 100 and abs(year_end - right_edge) < 3, (three, zurich, year_end, right_edge)


def test_a_right_to_left_book_sets_its_contents_right_to_left(tmp_path):
    """In an Arabic book the contents list reads from the right: each title at the right
    margin, its page number at the left end of the leader (the entries ran off the left
    edge of the page, without their numbers)."""
    body = "<p>" + "هذا نص طويل يتبع الفصل صفحة بعد صفحة كما تفعل الفصول. " * 60 + "</p>"
    pdf = _small_book(tmp_path, "rtl", f"<div><head>الشام والحرية</head>{body}</div><div><head>العلم</head>{body}</div>",
                      lang="ar")
    # (poppler gives the letters of a right-to-left word in the order they are drawn)
    toc = next(page for page in _word_boxes(pdf)
               if any("المحتويات"[::-1] in word or "المحتويات" in word for word, *_ in page))
    words = [(word, x_min, x_max) for word, x_min, _, x_max in toc]
    title = next(x_min for word, x_min, _ in words if word in ("العلم", "العلم"[::-1]))
    numbers = [x_max for word, _, x_max in words if word.isdigit()]
    assert len(numbers) >= 2, words
    assert max(numbers) < title, (numbers, title)


def _small_book(tmp_path, name: str, body: str, lang: str = "en") -> Path:
    """Build the PDF of a small TEI file whose text is ``body``; its path."""
    tei = tmp_path / f"{name}.xml"
    tei.write_text(f'''<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}">
  <teiHeader><fileDesc><titleStmt><title>{name}</title><editor>Test</editor></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Constructed.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>{body}</body></text>
</TEI>''', encoding="utf-8")
    result = build_module.build(tei, ["pdf"], tmp_path / "out", quiet=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    return tmp_path / "out" / name / f"{name}.pdf"


_LIBRARY_SEARCH_PROBE = """
import ctypes.util, sys
searched = []
search = ctypes.util.find_library
ctypes.util.find_library = lambda name: searched.append(name) or search(name)
from editio.writers.pdf import weasy
weasy.load()
from weasyprint.text import ffi
assert ffi.pango is not None and ffi.harfbuzz is not None
print(len(searched), ctypes.util.find_library is not search)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux sonames")
def test_weasyprint_opens_its_libraries_without_a_library_search():
    """Every PDF build imports WeasyPrint; cffi answered each library name WeasyPrint
    tries first (Windows and macOS names) by running ldconfig and a compiler. Loaded by
    :func:`weasy.load`, no search runs, the libraries are open, and ``find_library`` is
    given back as it was."""
    done = subprocess.run([sys.executable, "-c", _LIBRARY_SEARCH_PROBE], capture_output=True, text=True,
                          env=build_env(), check=True)
    searched, replaced = done.stdout.split()
    assert searched == "0"
    assert replaced == "True"     # the probe's own wrapper is back in place


def test_a_ligature_with_a_mark_copies_as_its_letters_everywhere(tmp_path):
    """Scheherazade draws lam-alef with tanwin as two glyphs of one cluster. The PDF's
    text maps each glyph to one text for the whole book: the ligature must stand for
    "لا" and the tanwin for itself, so that "كلاً" copies with its tanwin and every later
    bare "امتلاك" without one (WeasyPrint gave the cluster's text to one glyph: the
    tanwin was lost from the first word, or added to the second)."""
    pdf = _small_book(tmp_path, "tanwin", "<p>كلاً امتلاك</p><p>امتلاك كلاً</p>", lang="ar")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # (poppler wraps right-to-left lines in embedding controls)
    words = unicodedata.normalize("NFKC", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)).split()
    assert words.count("كلاً") == 2, words
    assert words.count("امتلاك") == 2, words


def test_an_indented_verse_line_is_set_in(tmp_path):
    """A line the source indents starts 1.5em further in per step (the short lines of a
    stanza are part of its form); a line set flush starts at the margin."""
    tei = REPO / "tests" / "golden" / "verse" / "indents.xml"
    result = build_module.build(tei, formats=("pdf",), out=tmp_path, strict=False, jobs=1)
    assert result.ok
    lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for page, words in enumerate(_word_boxes(tmp_path / "indents" / "indents.pdf")):
        for word, x_min, y_min, _ in words:
            lines.setdefault((page, y_min), []).append((x_min, word))

    def start_of(word: str) -> float:
        return next(min(x for x, _ in line) for line in lines.values() if word in [w for _, w in line])

    margin, one, two, back = start_of("long"), start_of("under"), start_of("further"), start_of("comes")
    step = one - margin
    assert 12 < step < 20, (margin, one)             # 1.5em of a 9–13 pt text
    assert abs((two - margin) - 2 * step) < 0.5, (margin, one, two)
    assert abs(back - margin) < 0.5, (margin, back)


def _same_tree(a, b) -> bool:
    return (a.tag == b.tag and dict(a.attrib) == dict(b.attrib) and (a.text or None) == (b.text or None)
            and (a.tail or None) == (b.tail or None) and len(a) == len(b)
            and all(_same_tree(x, y) for x, y in zip(a, b)))


@pytest.mark.parametrize("tei", [SEED, CORPUS / "eltec-eng-small.xml", CORPUS / "drama-shake-hamlet.xml",
                                 CORPUS / "letter-escher-K0176.xml"], ids=lambda p: p.stem)
def test_weasyprint_is_given_the_tree_its_parser_would_make_of_the_print_copy(tei):
    """The print copy goes to WeasyPrint as a tree, not serialised and parsed again: the
    tree is the one WeasyPrint's HTML parser makes of the serialised copy, element for
    element, attribute for attribute, text for text."""
    import tinyhtml5

    from editio.writers.pdf import weasy

    weasy.load()
    assert weasy._html_fields() == weasy._HTML_FIELDS, "WeasyPrint's HTML has other fields: the copy is parsed"
    root = pdf_module.prepare(prepared_hub(tei)).root
    given = weasy.element_tree(root)
    assert given is not None
    parsed = tinyhtml5.parse(etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>"),
                             namespace_html_elements=False)
    assert _same_tree(given, parsed)
    assert len(list(given.iter())) == len(list(root.iter())) > 100


@pytest.mark.parametrize("body", ["<p>a <div>block</div> b</p>", "<table><tr><td>x</td></tr></table>",
                                  "<pre>\nline</pre>", "<p>a<!-- note --></p>", "<p>a&#13;\nb</p>",
                                  "<p><a href='#x'>a <a href='#y'>b</a></a></p>"])
def test_a_tree_a_parser_would_change_is_serialised_and_parsed_as_weasyprint_does(body):
    """Where an HTML parser would build another tree (a paragraph ended by a block, a row
    outside a row group, a first newline in pre, a comment, a carriage return, a link in a
    link), the copy is serialised and parsed as WeasyPrint parses any document."""
    from editio.writers.pdf import weasy

    root = etree.Element("html")
    etree.SubElement(root, "head")
    body_el = etree.SubElement(root, "body")
    body_el.append(etree.fromstring(f"<div>{body}</div>"))    # (an XML parse keeps any nesting)
    assert weasy.element_tree(root) is None
    body_el.clear()
    etree.SubElement(body_el, "p").text = "a"
    assert weasy.element_tree(root) is not None
