"""``editio site DIR``: the catalogue of a corpus. Every edition listed with links that
resolve, one search across all of them from a page opened as a file, a page that stays
small for a large corpus, the same bytes each time, and ``make`` building it last.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from conftest import CORPUS_DIR, REPO, build_env
from test_search import in_browser

SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
LETTER = CORPUS_DIR / "letter-escher-K0176.xml"
NOTES = CORPUS_DIR / "ss-notes1.xml"


def run(editio_bin, *args) -> subprocess.CompletedProcess:
    proc = subprocess.run([*editio_bin, *map(str, args)], capture_output=True, text=True, env=build_env(),
                          cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, editio_bin) -> Path:
    """Three editions in one folder: the seed with its EPUB, two others as web editions
    only, and the catalogue of them."""
    out = tmp_path_factory.mktemp("corpus")
    run(editio_bin, "build", SEED, "--format", "html,epub", "--out", out)
    run(editio_bin, "build", LETTER, NOTES, "--format", "html", "--out", out)
    run(editio_bin, "site", out)
    return out


def catalogue(folder: Path):
    return lxml_html.fromstring((folder / "index.html").read_bytes())


def test_every_edition_is_listed_with_links_that_resolve(corpus_dir):
    root = catalogue(corpus_dir)
    items = root.xpath("//main//li[contains(@class, 'edition')]")
    names = {SEED.stem, LETTER.stem, NOTES.stem}
    assert {li.get("id").removeprefix("edition-") for li in items} == names
    for li in items:
        name = li.get("id").removeprefix("edition-")
        hrefs = {a.text: a.get("href") for a in li.iter("a")}
        assert hrefs[li.findtext(".//h2/a")] == f"{name}/index.html"
        assert f"{name}/{name}.xml" in hrefs.values(), "every web edition has its TEI"
        assert (f"{name}/{name}.epub" in hrefs.values()) == (name == SEED.stem), "EPUB only where it was built"
        assert f"{name}/{name}.pdf" not in hrefs.values(), "no link to a PDF that was not built"
        for href in hrefs.values():
            assert (corpus_dir / urlsplit(href).path).is_file(), href
    seed = root.get_element_by_id(f"edition-{SEED.stem}")
    assert "Ludwik Kowalski; Wizard" in seed.text_content()
    letter = root.get_element_by_id(f"edition-{LETTER.stem}")
    assert "1838-11-19" in letter.text_content() and "de" in letter.xpath(".//dd/text()")


def test_catalogue_is_labelled_and_loads_each_editions_search_data(corpus_dir):
    root = catalogue(corpus_dir)
    form = root.get_element_by_id("search")
    assert form.get("role") == "search" and form.get("data-site") is not None
    sources = form.get("data-index").split()
    assert sorted(sources) == sorted(f"{n}/assets/search-data.js" for n in (SEED.stem, LETTER.stem, NOTES.stem))
    assert all((corpus_dir / s).is_file() for s in sources)
    assert root.find(".//label").get("for") == "search-input"
    for name in ("site.css", "search.js", "minisearch.js"):
        assert (corpus_dir / "assets" / name).is_file()
    for el in root.iter("link", "script"):
        ref = el.get("href") or el.get("src")
        assert ref is None or (corpus_dir / ref).is_file(), ref


def test_catalogue_is_the_same_each_time_and_leaves_its_assets_alone(corpus_dir, editio_bin):
    before = (corpus_dir / "index.html").read_bytes()
    stamps = {p.name: p.stat().st_mtime_ns for p in (corpus_dir / "assets").iterdir()}
    run(editio_bin, "site", corpus_dir)
    assert (corpus_dir / "index.html").read_bytes() == before
    assert {p.name: p.stat().st_mtime_ns for p in (corpus_dir / "assets").iterdir()} == stamps


def test_catalogue_of_99_editions_stays_small(tmp_path, built_edition):
    """The page lists editions and names their data files: it grows by about a kilobyte
    per edition, never by their texts."""
    from editio import site

    edition = built_edition(LETTER, "html")
    for n in range(99):
        folder = tmp_path / f"letter-{n:02d}"
        (folder / "assets").mkdir(parents=True)
        shutil.copy2(edition / "index.html", folder / "index.html")
        shutil.copy2(edition / "assets" / "search-data.js", folder / "assets" / "search-data.js")
    target, found, _ = site.write(tmp_path)
    assert len(found) == 99
    size = target.stat().st_size
    assert size < 1_000_000, f"the catalogue of 99 editions is {size} bytes"
    assert size < 99 * 2_000 + 10_000


def test_an_empty_folder_gives_an_empty_catalogue_and_a_warning(tmp_path, editio_bin):
    proc = run(editio_bin, "site", tmp_path)
    assert "W-SITE-1" in proc.stderr
    assert (tmp_path / "index.html").is_file()


def test_make_builds_the_catalogue_after_every_edition():
    proc = subprocess.run(["make", "-n", "-B", "all"], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**build_env(), "MAKEFLAGS": ""})
    assert proc.returncode == 0, proc.stderr
    commands = [line for line in proc.stdout.splitlines() if "/editio " in line]
    assert commands[-1].endswith("editio site dist --quiet"), commands[-3:]
    assert sum(" build " in c for c in commands) >= 3


@pytest.mark.oracle
def test_catalogue_search_finds_a_word_of_another_edition_from_file(corpus_dir, tools):
    url = (corpus_dir / "index.html").as_uri()
    found, clicked = in_browser(tools, [
        {"url": url, "query": "Poelchau"},                      # only in the letter
        {"url": url, "query": "zurich", "click": 0, "waitHighlight": True},   # ü in the letter
    ])
    assert found["hits"]
    assert all(h["href"].startswith(f"{LETTER.stem}/index.html?q=Poelchau#") for h in found["hits"])
    assert all(h["text"].startswith("Hermann Poelchau an Alfred Escher") for h in found["hits"]), found["hits"][0]
    arrived = clicked["arrived"]
    assert arrived["url"].startswith(f"{LETTER.stem}/index.html?q=zurich#")
    assert arrived["url"].endswith("#" + arrived["target"])
    assert arrived["highlighted"] >= 1, "the words are highlighted in the edition the hit leads to"


@pytest.mark.oracle
def test_catalogue_passes_nu_and_axe(corpus_dir, tools):
    messages = tools.vnu([corpus_dir / "index.html"])
    assert messages == [], messages
    results = tools.browser_run([{"path": corpus_dir / "index.html", "width": w, "axe": True} for w in (390, 1280)])
    for r in results:
        assert r["pageErrors"] == [] and r["violations"] == [], r
    searched = in_browser(tools, [{"url": (corpus_dir / "index.html").as_uri(), "query": "Stalin", "axe": True,
                                   "width": 390}])[0]
    assert searched["hits"] and searched["violations"] == [], searched["violations"]


def test_catalogue_sets_its_text_and_its_hits_in_the_editions_own_typefaces(corpus_dir):
    """No font the reader's machine happens to have: the catalogue carries subsets of the
    editions' faces covering its own text and every edition's searchable text."""
    from fontTools.ttLib import TTFont

    css = (corpus_dir / "assets" / "site.css").read_text(encoding="utf-8")
    assert '@font-face' in css and 'font-family: "Editio Serif"' in css
    regular = TTFont(corpus_dir / "assets" / "fonts" / "editio-serif-regular.woff2")
    covered = set(regular.getBestCmap())
    page = lxml_html.parse(str(corpus_dir / "index.html")).getroot()
    letter_words = (corpus_dir / LETTER.stem / "assets" / "search-data.js").read_text(encoding="utf-8")
    needed = {ord(c) for c in page.text_content() + letter_words if c.isalpha()}
    supplement = corpus_dir / "assets" / "fonts" / "editio-supplement-regular.woff2"
    if supplement.is_file():
        covered |= set(TTFont(supplement).getBestCmap())
    assert needed <= covered, sorted(chr(c) for c in needed - covered)[:20]
