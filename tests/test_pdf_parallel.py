"""The PDF laid out by several processes is the book one process makes: same pages, same
text on every page (folios, running heads, notes, contents), same outline and links, and
a sound tagged PDF. Judged by poppler, qpdf and pikepdf against ``pdf.write``."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO
from editio import build as build_module
from editio.writers import pdf as pdf_writer
from editio.writers.pdf import parallel as pdf_parallel
from editio.writers.pdf import render as pdf_module

CORPUS = REPO / "tests" / "fixtures" / "corpus"
NOVEL = CORPUS / "eltec-eng-small.xml"        # eight chapters, each opening on a recto
PLAY = CORPUS / "drama-shake-hamlet.xml"      # acts with footnotes, a register of persons
SHORT = CORPUS / "ss-notes1.xml"              # a short text without chapters


def _hub(tei: Path):
    hub, diags = build_module.prepare(tei, strict=False)
    assert hub is not None, "\n".join(d.format() for d in diags)
    return hub


_books: dict[Path, tuple[Path, Path]] = {}


def _both(tei: Path, tmp_path_factory, monkeypatch_module) -> tuple[Path, Path]:
    """A book typeset by one process and by two; min_chars=0 so that a small file
    exercises the parallel path (the default threshold keeps it in one process)."""
    if tei not in _books:
        monkeypatch_module.setenv("SOURCE_DATE_EPOCH", "1700000000")
        out = tmp_path_factory.mktemp("parallel")
        single_dir, parallel_dir = out / "single", out / "parallel"
        want = pdf_writer.write(_hub(tei), single_dir)
        diags = pdf_parallel.write(_hub(tei), parallel_dir, 2, min_chars=0)
        assert diags is not None, f"{tei.name} was not laid out in parallel"
        assert sorted(d.format() for d in diags) == sorted(d.format() for d in want)
        name = f"{tei.stem}.pdf"
        _books[tei] = (single_dir / name, parallel_dir / name)
    return _books[tei]


@pytest.fixture(scope="module", params=[NOVEL, PLAY], ids=["novel", "play"])
def books(request, tmp_path_factory, monkeypatch_module):
    return _both(request.param, tmp_path_factory, monkeypatch_module)


@pytest.fixture(scope="module")
def novel(tmp_path_factory, monkeypatch_module):
    return _both(NOVEL, tmp_path_factory, monkeypatch_module)


@pytest.fixture(scope="module")
def play(tmp_path_factory, monkeypatch_module):
    return _both(PLAY, tmp_path_factory, monkeypatch_module)


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_same_pages_and_same_text_on_every_page(books, tools):
    single, parallel = books
    assert tools.pdfinfo(parallel)["Pages"] == tools.pdfinfo(single)["Pages"]
    n = int(tools.pdfinfo(single)["Pages"])
    assert n > 40
    want, got = tools.pdf_page_texts(single, layout=True), tools.pdf_page_texts(parallel, layout=True)
    assert len(want) == len(got)
    for page, (a, b) in enumerate(zip(want, got), 1):
        assert b == a, f"page {page} differs"
    # and with pdftotext -f N -l N on a sample of pages (every tenth and the last two)
    for page in sorted(set(range(1, n + 1, 10)) | {n - 1, n}):
        assert (tools.pdftotext(parallel, layout=True, first=page, last=page)
                == tools.pdftotext(single, layout=True, first=page, last=page)), page


def test_register_page_references_are_the_same(play, tools):
    single, parallel = play
    texts = [t for t in tools.pdf_page_texts(parallel, layout=True) if "Register" in t]
    assert texts, "the play's register is printed"
    want = [t for t in tools.pdf_page_texts(single, layout=True) if "Register" in t]
    assert texts == want
    assert any(re.search(r"\b\d{2,3}\b", t) for t in texts)


def test_folios_are_the_page_numbers(books, tools):
    """The running heads carry the page counter of the whole book, not of a part."""
    _, parallel = books
    texts = tools.pdf_page_texts(parallel, layout=True)
    checked = 0
    for number, text in enumerate(texts, 1):
        lines = [l for l in text.splitlines() if l.strip()]
        if number < 7 or len(lines) < 10 or "Contents" in text:
            continue   # title page, imprint, contents, blank and short pages
        head, foot = lines[0].split(), lines[-1].split()
        assert str(number) in (head[0], head[-1]) or foot == [str(number)], (number, lines[0], lines[-1])
        checked += 1
    assert checked > 30


def _outline(path: Path) -> list[tuple[int, str, int, tuple[int, int]]]:
    out = []
    with pikepdf.open(path) as doc, doc.open_outline() as outline:
        pages = {p.obj.objgen: i + 1 for i, p in enumerate(doc.pages)}

        def walk(items, depth):
            for item in items:
                dest = item.destination
                out.append((depth, item.title, pages[dest[0].objgen],
                            (round(float(dest[2])), round(float(dest[3])))))
                walk(item.children, depth + 1)
        walk(outline.root, 1)
    return out


def test_outline_is_the_same(books):
    single, parallel = books
    want = _outline(single)
    assert len(want) >= 9
    assert _outline(parallel) == want


def test_contents_numbers_are_the_pages_of_the_chapters(novel, tools):
    _, parallel = novel
    outline = {re.sub(r"\s+", " ", title).strip(): page for _, title, page, _ in _outline(parallel)}
    toc = next(t for t in tools.pdf_page_texts(parallel, layout=True) if "Contents" in t)
    found = 0
    for line in toc.splitlines():
        m = re.match(r"\s*(.+?)[ .]*\s(\d+)\s*$", line)
        if m and m.group(1).strip(" .") in outline:
            assert int(m.group(2)) == outline[m.group(1).strip(" .")], line
            found += 1
    assert found >= 8


def _links(path: Path) -> list[tuple[int, str]]:
    with pikepdf.open(path) as doc:
        out = []
        for i, page in enumerate(doc.pages, 1):
            for annot in page.obj.get("/Annots", []):
                if "/Dest" in annot:
                    out.append((i, str(annot.Dest)))
                elif "/A" in annot and "/URI" in annot.A:
                    out.append((i, "uri:" + str(annot.A.URI)))
        return out


def _dests(path: Path) -> dict[str, int]:
    with pikepdf.open(path) as doc:
        pages = {p.obj.objgen: i + 1 for i, p in enumerate(doc.pages)}
        arr = doc.Root.Names.Dests.Names
        return {str(arr[i]): pages[arr[i + 1][0].objgen] for i in range(0, len(arr), 2)}


def test_links_and_destinations_are_the_same(books):
    single, parallel = books
    assert _links(parallel) == _links(single)
    assert not any(target.startswith("uri:" + pdf_parallel.XREF) for _, target in _links(parallel))
    dests = _dests(parallel)
    assert dests == _dests(single)
    assert all(target in dests for _, target in _links(parallel) if not target.startswith("uri:"))


def test_one_sound_tagged_document(books, tools):
    _, parallel = books
    ok, output = tools.qpdf_check(parallel)
    assert ok, output
    tei = NOVEL if NOVEL.stem in parallel.name else PLAY
    hub = _hub(tei)
    with pikepdf.open(parallel) as doc:
        root = doc.Root
        assert bool(root.MarkInfo.Marked)
        assert str(root.Lang) == hub.root.get("lang")
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert doc.open_metadata().get("dc:title", "").startswith(hub.metadata.title)
        assert str(doc.docinfo["/Title"]).startswith(hub.metadata.title)
        names = root.Names.EmbeddedFiles.Names
        assert [str(n) for n in names[::2]] == [tei.name]
        tree = root.StructTreeRoot
        kids = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
        assert len(kids) == 1 and kids[0].S == "/Document"
        document = kids[0]
        nums = tree.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert keys == sorted(set(keys))
        entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        page_ids = {p.obj.objgen for p in doc.pages}
        for page in doc.pages:
            assert int(page.obj.StructParents) in entries
            for annot in page.obj.get("/Annots", []):
                assert int(annot.StructParent) in entries
        # every marked content of a page belongs to an element of this one tree
        for key, entry in entries.items():
            elements = entry if isinstance(entry, pikepdf.Array) else [entry]
            for el in elements:
                node = el
                while node.get("/S") != "/Document":
                    node = node.P
                assert node.objgen == document.objgen, key
                if "/Pg" in el:
                    assert el.Pg.objgen in page_ids
        assert int(tree.ParentTreeNextKey) == max(keys) + 1
        for page in doc.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                for f in (font.DescendantFonts if "/DescendantFonts" in font else [font]):
                    desc = f.FontDescriptor
                    assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_same_input_same_bytes(novel, tmp_path):
    _, parallel = novel
    again = pdf_parallel.write(_hub(NOVEL), tmp_path, 2, min_chars=0)
    assert again is not None
    assert (tmp_path / parallel.name).read_bytes() == parallel.read_bytes()


def test_short_or_unchaptered_texts_stay_in_one_process(tmp_path):
    assert pdf_parallel.write(_hub(NOVEL), tmp_path, 2) is None          # below the threshold
    # one process cuts only a long book (a part at most PART_MAX_CHARS of text)
    assert pdf_parallel.write(_hub(NOVEL), tmp_path, 1, min_chars=0) is None
    assert pdf_parallel.write(_hub(SHORT), tmp_path, 2, min_chars=0) is None  # no chapters
    assert list(tmp_path.iterdir()) == []


def test_chapters_that_do_not_open_a_recto_are_not_cut(tmp_path, monkeypatch):
    """With a stylesheet where chapters run on, a part would start a page the book does
    not start: the writer declines instead."""
    css = pdf_module.print_css() + "\nmain section.chapter { break-before: auto; }\n"
    monkeypatch.setattr(pdf_module, "print_css", lambda: css)
    out = tmp_path / "out"
    assert pdf_parallel.write(_hub(NOVEL), out, 2, min_chars=0) is None
    assert not (out / f"{NOVEL.stem}.pdf").exists()


def _push_three_per_chapter(root, pages) -> bool:
    """Stands in for the note repair: moves paragraphs of the chapters in book order,
    three per chapter, whatever the pages (the novel has no footnotes to repair)."""
    for sec in root.iter("section"):
        if "chapter" not in (sec.get("class") or "").split():
            continue
        paras = [p for p in sec.iter("p") if "fn-push" not in (p.get("class") or "")]
        done = sum(1 for p in sec.iter("p") if "fn-push" in (p.get("class") or ""))
        if done < 3 and len(paras) > 40:
            target = paras[10 * (done + 1)]
            target.set("class", ((target.get("class") or "") + " fn-push").strip())
            return True
    return False


def test_moved_paragraphs_share_the_books_budget(tmp_path, monkeypatch, tools):
    """One process moves at most MAX_NOTE_REPAIRS paragraphs in the whole book; the parts
    use that budget in book order (later parts are laid out again with what is left)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    hub = _hub(NOVEL)
    hub.context.jobs = 1
    pdf_writer.write(hub, tmp_path / "single", repairs=7, push=_push_three_per_chapter)
    assert pdf_parallel.write(_hub(NOVEL), tmp_path / "parallel", 2, min_chars=0,
                              repairs=7, push=_push_three_per_chapter) is not None
    single = tmp_path / "single" / f"{NOVEL.stem}.pdf"
    parallel = tmp_path / "parallel" / f"{NOVEL.stem}.pdf"
    want = tools.pdf_page_texts(single, layout=True)
    assert tools.pdf_page_texts(parallel, layout=True) == want
    # the moves did change the book: more pages than without them
    plain = tmp_path / "plain"
    monkeypatch.undo()
    pdf_writer.write(_hub(NOVEL), plain)
    assert len(tools.pdf_page_texts(plain / f"{NOVEL.stem}.pdf")) < len(want)


def test_without_the_weasyprint_internals_it_needs_the_book_is_set_in_one_process(tmp_path, monkeypatch):
    """Parallel layout uses WeasyPrint internals; when a release lacks one, the book is
    laid out in one process and a warning says why, instead of a crash."""
    from editio.writers.pdf import weasy

    monkeypatch.setattr(weasy, "INTERNALS", {**weasy.INTERNALS, "weasyprint.document": ("no_such_function",)})
    hub = _hub(NOVEL)
    hub.context.jobs = 2
    diags = pdf_writer.write(hub, tmp_path)
    assert (tmp_path / f"{NOVEL.stem}.pdf").is_file()
    assert [d.code for d in diags if d.code == "W-PDF-PARALLEL"] == ["W-PDF-PARALLEL"]
    assert "weasyprint.document.no_such_function" in str(diags)


def test_subsets_of_one_face_merge_whatever_their_lengths_and_composites():
    """Parts embed subsets of different lengths (a subset ends at its highest glyph id)
    and composite glyphs (é = e + ´): the merged face has every glyph of every part."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from editio import fonts
    from editio.writers.pdf import fontmerge

    face = fonts.faces()[0]

    def part(text):
        options = subset.Options()
        options.retain_gids = True
        font = TTFont(face.path)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return TTFont(io.BytesIO(out.getvalue()))

    short, long = part("abc"), part("xyzéǻœΩ")
    assert len(short.getGlyphOrder()) < len(long.getGlyphOrder())
    fontmerge.merge_glyphs(short, long)
    out = io.BytesIO()
    short.save(out)
    merged = TTFont(io.BytesIO(out.getvalue()))
    full = TTFont(face.path)
    cmap, order = full.getBestCmap(), full.getGlyphOrder()
    glyf = merged["glyf"]
    for ch in "abcxyzéǻœΩ":
        glyph = glyf[merged.getGlyphOrder()[order.index(cmap[ord(ch)])]]
        assert glyph.numberOfContours != 0, ch
        if glyph.isComposite():
            for component in glyph.components:
                assert glyf[component.glyphName].numberOfContours != 0, (ch, component.glyphName)


def test_one_process_cuts_a_long_book_into_parts_page_for_page(novel, tmp_path, monkeypatch, tools):
    """With one job a long book is still laid out in parts (taken in turn by one worker),
    so that no layout holds more than a part and a note repair sets one part again: the
    pages are those of the book set whole."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(pdf_parallel, "PART_MAX_CHARS", 20_000)     # the novel is then "long"
    hub = _hub(NOVEL)
    prepared = pdf_module.prepare(hub)
    assert len(pdf_parallel._plan(prepared.root, 1, 0).starts) > 2     # cut by size, not by jobs
    assert pdf_parallel.write(hub, tmp_path, 1, min_chars=0) is not None
    single, _ = novel
    assert tools.pdf_page_texts(tmp_path / single.name, layout=True) == tools.pdf_page_texts(single, layout=True)
