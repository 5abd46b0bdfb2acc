"""Search in every web edition: what is indexed (fast, from the page), and what a reader
gets in Chromium from a page opened as a file: hits listed with their place and context,
a click that leads to the paragraph, line or note, case and accents that do not matter,
phrases, the keyboard, and axe with the hits on screen.

The browser tests drive Debian's Chromium with playwright-core (``tests/tools``); they
wait for the page's own status line, never for a fixed time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import CORPUS_DIR, REPO, prepared_hub

SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
LETTER = CORPUS_DIR / "letter-escher-K0176.xml"      # German, with Zürich in its notes
HAMLET = CORPUS_DIR / "drama-shake-hamlet.xml"       # speeches and numbered verse lines


def page_of(tei: Path):
    import copy

    from editio.writers import web

    return web.page(copy.deepcopy(prepared_hub(tei).root))


def records(tei: Path) -> tuple[list[str], dict[str, list]]:
    from editio import i18n, search

    root = page_of(tei)
    paths, docs = search.documents(root, i18n.labels(root.get("lang")))
    return paths, {d[0]: d for d in docs}


# --- what is indexed ------------------------------------------------------------------------


def test_paragraphs_notes_and_hidden_readings_are_indexed():
    paths, docs = records(SEED)
    p2 = docs["post1-p2"]
    assert p2[2] == "[Ludwik Kowalski], ¶\u00a02"                      # speaker and paragraph
    assert paths[p2[1]].startswith("Stalin-Hitler 1942")                # its division
    assert "Magenheimer" in p2[3]
    assert p2[4] == "I a", "the source's reading (sic) is searchable beside the text"
    assert "sic:" not in p2[3] and "I a book" not in p2[3]
    p1 = docs["post1-p1"]
    assert p1[3].endswith('more desirable."'), "no note call number in the text"
    note = docs["note-post1-c1"]
    assert note[2] == "n.\u00a03" and paths[note[1]] == "Notes"
    assert "stray word" in note[3] and not note[3].startswith("3")


def test_verse_lines_carry_speaker_and_line_number():
    paths, docs = records(HAMLET)
    line = next(d for d in docs.values() if d[3].startswith("To be or not to be"))
    assert line[0] == "ftln-1762"
    assert line[2] == "HAMLET, l.\u00a03.1.64"
    assert paths[line[1]] == "ACT 3 › Scene 1"


def test_every_unit_is_an_id_of_the_page():
    from editio import search

    root = page_of(HAMLET)
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    _, docs = search.documents(root, {"line-abbr": "l.", "note-abbr": "n.", "note": "Note"})
    assert docs and all(d[0] in ids for d in docs)
    assert [d[0] for d in docs] == list(dict.fromkeys(d[0] for d in docs)), "one record per unit"


def test_data_script_is_one_json_call_and_the_same_each_time():
    from editio import i18n, search

    root = page_of(LETTER)
    ui = i18n.labels(root.get("lang"))
    first = search.data_script("letter", root, ui)
    assert first == search.data_script("letter", page_of(LETTER), ui)
    match = re.fullmatch(r"/\*[^\n]*\*/\n\(window\.editioSearchData = window\.editioSearchData \|\| \[\]\)"
                         r"\.push\((.*)\);\n", first, re.S)
    assert match, first[:300]
    data = json.loads(match.group(1))
    assert data["edition"] == "letter" and data["lang"] == "de" and data["docs"]
    assert "</" not in match.group(1)


def test_search_form_is_labelled_and_speaks_the_texts_language():
    root = page_of(LETTER)
    form = root.find("body/form")
    assert form is not None and form.get("role") == "search" and form.get("hidden") is not None
    field = form.find("input")
    label = form.find("label")
    assert field.get("type") == "search" and label.get("for") == field.get("id")
    assert label.text == "Im Text suchen"
    status = form.find("p[@role='status']")
    assert status.get("aria-live") == "polite"
    assert form.find("ol[@id='search-results']/template/li/a") is not None
    assert form.get("data-index") == "assets/search-data.js"
    body = root.find("body")
    assert body[0].get("class") == "skip-link" and body[1] is form, "the field right after the skip link"


def test_search_words_are_in_every_language_of_the_label_table():
    from editio import i18n

    keys = [k for k in i18n.table() if k.startswith("search-")] + ["editions", "web-edition", "rebuild-failed"]
    for key in keys:
        row = i18n.table()[key]
        missing = [lang for lang in i18n.supported() if not row.get(lang)]
        assert not missing, f"{key}: no word for {missing}"


def test_web_edition_publishes_its_tei_and_links_it(built_edition):
    folder = built_edition(SEED, "html")
    tei = folder / f"{SEED.stem}.xml"
    assert tei.is_file(), "the html format publishes NAME.xml"
    from lxml import etree

    assert etree.parse(str(tei)).getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"
    root = lxml_html.fromstring((folder / "index.html").read_bytes())
    links = {a.get("href"): a.text for a in root.xpath("//p[@class='downloads']/a")}
    assert links == {f"{SEED.stem}.pdf": "PDF", f"{SEED.stem}.epub": "EPUB", f"{SEED.stem}.xml": "TEI"}
    for name in ("search.js", "search-data.js", "minisearch.js", "LICENSE-minisearch.txt"):
        assert (folder / "assets" / name).is_file(), name


# --- in the browser ----------------------------------------------------------------------------

BROWSER_SCRIPT = r"""
async function run(page, c, out) {
  if (c.keyboard) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    out.focused = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.type(c.query);
  } else {
    await page.fill('#search-input', c.query);
  }
  // the status names a count once every data file is in
  await page.waitForFunction((loading) => {
    const s = document.getElementById('search-status').textContent;
    return s !== '' && s.indexOf(loading) < 0;
  }, await page.getAttribute('#search', 'data-loading'), { timeout: 60000 });
  out.status = await page.textContent('#search-status');
  out.hits = await page.$$eval('#search-results li.search-hit a', (as) => as.map((a) => ({
    href: a.getAttribute('href'), text: a.innerText, marks: Array.from(a.querySelectorAll('mark')).map((m) => m.textContent) })));
  if (c.axe) {
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    out.violations = await page.evaluate(async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')), job.tags);
  }
  if (c.keyboard) {
    await page.keyboard.press('ArrowDown');
    out.onHit = await page.evaluate(() => document.activeElement.getAttribute('href'));
    await page.keyboard.press('Enter');
  } else if (c.click !== undefined) {
    await page.click(`#search-results li.search-hit:nth-of-type(${c.click + 1}) a`);
  }
  if (c.keyboard || c.click !== undefined) {
    await page.waitForFunction(() => document.querySelector(':target') !== null, null, { timeout: 120000 });
    await page.waitForFunction(() => { const t = document.querySelector(':target'); const r = t.getBoundingClientRect();
                                       return r.bottom > 0 && r.top < window.innerHeight; }, null, { timeout: 120000 });
    out.arrived = await page.evaluate(() => ({
      url: location.pathname.split('/').slice(-2).join('/') + location.search + location.hash,
      target: document.querySelector(':target').id,
      active: document.activeElement && document.activeElement.id,
      highlighted: (window.CSS && CSS.highlights && CSS.highlights.get('editio-search')) ? CSS.highlights.get('editio-search').size : 0,
    }));
    if (c.waitHighlight) {
      await page.waitForFunction(() => CSS.highlights.get('editio-search') && CSS.highlights.get('editio-search').size > 0, null, { timeout: 60000 });
      out.arrived.highlighted = await page.evaluate(() => CSS.highlights.get('editio-search').size);
    }
  }
}
"""


def in_browser(tools, cases: list[dict]) -> list[dict]:
    """Run search cases in one Chromium: each opens ``url``, types ``query`` (with the
    keyboard when ``keyboard``), waits for the count, and may click hit ``click``."""
    return tools.page_script(BROWSER_SCRIPT, cases)


@pytest.mark.oracle
def test_a_word_is_found_and_its_paragraph_reached_from_file(built_edition, tools):
    seed = built_edition(SEED, "html")
    url = (seed / "index.html").as_uri()
    found, clicked = in_browser(tools, [
        {"url": url, "query": "Magenheimer"},
        {"url": url, "query": "magenheimer", "click": 0},
    ])
    assert found["status"] == f"{len(found['hits'])} results" and len(found["hits"]) >= 2
    first = found["hits"][0]
    assert first["href"] == "#post1-p2"
    assert "¶\u00a02" in first["text"] and "Magenheimer" in first["text"]
    assert first["marks"] == ["Magenheimer"]
    assert clicked["arrived"]["target"] == "post1-p2"
    assert clicked["arrived"]["active"] == "post1-p2", "the reader goes on from the hit"
    assert clicked["arrived"]["highlighted"] >= 1


@pytest.mark.oracle
def test_case_and_accents_do_not_matter(built_edition, tools):
    letter = built_edition(LETTER, "html")
    url = (letter / "index.html").as_uri()
    plain, umlaut_as_e, upper = in_browser(tools, [
        {"url": url, "query": "zurich"},
        {"url": url, "query": "Zuerich"},
        {"url": url, "query": "ZÜRICH"},
    ])
    assert plain["hits"], plain
    assert all("Zürich" in hit["marks"] for hit in plain["hits"])
    assert [h["href"] for h in umlaut_as_e["hits"]] == [h["href"] for h in plain["hits"]]
    assert [h["href"] for h in upper["hits"]] == [h["href"] for h in plain["hits"]]


@pytest.mark.oracle
def test_phrases_prefixes_and_the_keyboard(built_edition, tools):
    hamlet = built_edition(HAMLET, "html")
    url = (hamlet / "index.html").as_uri()
    phrase, prefix, keyboard = in_browser(tools, [
        {"url": url, "query": '"to be or not to be"'},
        {"url": url, "query": "Elsinor*"},
        {"url": url, "query": "Yorick", "keyboard": True},
    ])
    assert [h["href"] for h in phrase["hits"]] == ["#ftln-1762"]
    assert "HAMLET, l.\u00a03.1.64" in phrase["hits"][0]["text"]
    assert prefix["hits"] and all(m.lower().startswith("elsinor") for h in prefix["hits"] for m in h["marks"])
    assert keyboard["focused"] == "search-input", "Tab after the skip link reaches the field"
    assert keyboard["onHit"] == keyboard["hits"][0]["href"], "Down goes from the field to the first hit"
    assert "#" + keyboard["arrived"]["target"] == keyboard["hits"][0]["href"]


@pytest.mark.oracle
def test_axe_finds_nothing_with_hits_on_screen(built_edition, tools):
    seed = built_edition(SEED, "html")
    hamlet = built_edition(HAMLET, "html")
    results = in_browser(tools, [
        {"url": (seed / "index.html").as_uri(), "query": "Stalin", "axe": True, "width": 390},
        {"url": (hamlet / "index.html").as_uri(), "query": "Denmark", "axe": True, "width": 1280},
    ])
    for r in results:
        assert r["hits"]
        assert r["violations"] == [], r["violations"]


def test_a_formula_is_found_by_its_signs_not_by_its_tex():
    """The MathML of a formula is indexed with its paragraph; the TeX it was made from
    (kept as its annotation) is not text a reader sees, so "frac" finds nothing."""
    _, docs = records(REPO / "tests" / "golden" / "math" / "formulas.xml")
    text = " ".join(d[3] for d in docs.values())
    assert "∂" in text and "Euler" in text
    assert "frac" not in text and "partial" not in text
