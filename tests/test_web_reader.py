"""What a reader does with the web edition beyond reading, in Chromium: the contents as a
menu on a phone, "cite this passage", the facsimile view, and page numbers that never
split a word on a narrow screen.

The browser tests drive Debian's Chromium with playwright-core (``tests/tools``); they
wait for states of the page (polling with a deadline), never for a fixed time, and take
no screenshots.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import CORPUS_DIR, REPO, build_env

SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
HAMLET = CORPUS_DIR / "drama-shake-hamlet.xml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "transcription"
FACS = GOLDEN / "facs.xml"
PB = GOLDEN / "pb.xml"
VERSE = GOLDEN.parent / "verse" / "poem.xml"
MARKS = GOLDEN.parent / "editorial" / "marks.xml"

# One Chromium runs every scenario of a job; each scenario is a function of the page.
BROWSER_SCRIPT = r"""
async function axe(page) {
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'] })).violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')), job.tags);
}
const inView = (sel) => { const t = document.querySelector(sel); if (!t) return false; const r = t.getBoundingClientRect();
                          return r.bottom > 0 && r.top < window.innerHeight; };
const shown = (sel) => { const e = document.querySelector(sel); if (!e) return false; const r = e.getBoundingClientRect();
                         return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };

const scenarios = {
  // The contents at a phone's width: a menu button opens them over the page.
  async menu(page, c, out) {
    await page.waitForFunction(() => { const b = document.querySelector('.toc-button'); return b && !b.hidden; }, null, WAIT);
    const state = () => page.evaluate(([shownSrc]) => {
      const shown = eval(shownSrc);
      const b = document.querySelector('.toc-button');
      return { expanded: b.getAttribute('aria-expanded'), controls: b.getAttribute('aria-controls'),
               buttonShown: shown('.toc-button'), listShown: shown('nav.toc ol'),
               mainInert: document.querySelector('main').inert,
               active: document.activeElement && (document.activeElement.id || document.activeElement.getAttribute('href')),
               position: getComputedStyle(b).position };
    }, [shown.toString()]);
    out.closed = await state();
    out.listId = await page.evaluate(() => document.querySelector('nav.toc ol').id);
    // the button stays on screen far down the page
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    out.buttonInViewFarDown = await page.evaluate(([f]) => eval(f)('.toc-button'), [inView.toString()]);
    await page.click('.toc-button');
    await page.waitForFunction(() => document.querySelector('.toc-button').getAttribute('aria-expanded') === 'true', null, WAIT);
    out.opened = await state();
    out.firstLink = await page.evaluate(() => document.querySelector('nav.toc ol a').getAttribute('href'));
    if (c.axe) { out.axeOpen = await axe(page); }
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('.toc-button').getAttribute('aria-expanded') === 'false', null, WAIT);
    out.escaped = await state();
    // the keyboard opens it too
    await page.focus('.toc-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.toc-button').getAttribute('aria-expanded') === 'true', null, WAIT);
    out.keyboardOpened = await state();
    // follow a link to a division far down the text
    const href = await page.evaluate(() => { const as = Array.from(document.querySelectorAll('nav.toc ol a[href^="#"]'))
      .filter((a) => { const t = document.getElementById(a.getAttribute('href').slice(1)); return t && t.closest('main'); });
      return as[as.length - 1].getAttribute('href'); });
    out.followed = href;
    await page.click(`nav.toc ol a[href="${href}"]`);
    await page.waitForFunction(() => document.querySelector('.toc-button').getAttribute('aria-expanded') === 'false', null, WAIT);
    await page.waitForFunction(([f, sel]) => location.hash === sel && eval(f)(sel), [inView.toString(), href], WAIT);
    await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, href.slice(1), WAIT);
    out.arrived = await state();
    out.hash = await page.evaluate(() => location.hash);
  },
  // Wide screens: the sidebar, no menu button.
  async wide(page, c, out) {
    await page.waitForFunction(() => document.querySelector('.toc-button').getAttribute('aria-expanded') !== null, null, WAIT);
    out.buttonShown = await page.evaluate(([f]) => eval(f)('.toc-button'), [shown.toString()]);
    out.listShown = await page.evaluate(([f]) => eval(f)('nav.toc ol'), [shown.toString()]);
    out.tocPosition = await page.evaluate(() => getComputedStyle(document.querySelector('nav.toc')).position);
  },
  async noscript(page, c, out) {
    out.buttonShown = await page.evaluate(([f]) => eval(f)('.toc-button'), [shown.toString()]);
    out.listShown = await page.evaluate(([f]) => eval(f)('nav.toc ol'), [shown.toString()]);
    out.citeButtons = await page.evaluate(() => document.querySelectorAll('main .cite-button').length);
  },
  // Cite a passage, with the mouse or the keyboard.
  async cite(page, c, out) {
    const sel = `#${c.unit} > .cite-button`;
    await page.waitForSelector(sel, { state: 'attached', ...WAIT });
    out.name = await page.getAttribute(sel, 'aria-label');
    out.text = await page.textContent(sel);
    if (c.keyboard) {
      await page.focus(sel);
      await page.keyboard.press('Enter');
    } else {
      await page.hover(`#${c.unit}`);
      await page.click(sel);
    }
    await page.waitForFunction(() => !document.getElementById('cite-panel').hidden
      && document.getElementById('cite-status').textContent !== '', null, WAIT);
    out.citation = await page.textContent('#cite-text');
    out.status = await page.textContent('#cite-status');
    out.copiedWord = await page.getAttribute('#cite-panel', 'data-copied');
    out.howToCite = await page.evaluate(() => document.querySelector('.how-to-cite .citation').textContent.replace(/\s+/g, ' ').trim());
    out.location = await page.evaluate(() => location.href.split('#')[0]);
    out.activeInPanel = await page.evaluate(() => document.activeElement.id);
    out.panelShown = await page.evaluate(([f]) => eval(f)('#cite-panel'), [shown.toString()]);
    if (out.status === out.copiedWord) {
      out.clipboard = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
    }
    if (c.axe) { out.axe = await axe(page); }
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.getElementById('cite-panel').hidden, null, WAIT);
    out.focusBack = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), sel);
  },
  // The facsimile view: toggle on, the page's image beside its text; remembered.
  async facsimile(page, c, out) {
    await page.waitForFunction(() => { const t = document.getElementById('toolbar'); return t && !t.hidden; }, null, WAIT);
    const img = 'main .facs-image';
    out.before = await page.evaluate(([f, img]) => ({ shown: eval(f)(img), pressed: document.getElementById('facsimile-toggle').getAttribute('aria-pressed') }), [shown.toString(), img]);
    await page.click('#facsimile-toggle');
    await page.waitForFunction(([f, img]) => eval(f)(img), [shown.toString(), img], WAIT);
    await page.waitForFunction((img) => { const i = document.querySelector(img); return i.complete && i.naturalWidth > 0; }, img, WAIT);
    const measure = () => page.evaluate(() => {
      const i = document.querySelector('main .facs-image');
      const pb = i.closest('.facs').previousElementSibling;
      const para = document.querySelector('main p[data-para]');
      const ir = i.getBoundingClientRect(), mr = document.querySelector('main').getBoundingClientRect();
      // the words of the paragraph (not its permalink and cite button in the margin)
      const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
      let words = walker.nextNode();
      while (words && (!words.textContent.trim() || words.parentNode.closest('button'))) { words = walker.nextNode(); }
      const range = document.createRange(); range.selectNodeContents(words);
      const lines = Array.from(range.getClientRects());
      return { pressed: document.getElementById('facsimile-toggle').getAttribute('aria-pressed'),
               facsimile: document.documentElement.classList.contains('facsimile'),
               loading: i.getAttribute('loading'), alt: i.getAttribute('alt'), pbIsPageBreak: pb.getAttribute('role'),
               pbId: pb.id, imgLeft: ir.left, imgRight: ir.right, imgTop: ir.top, imgWidth: ir.width,
               mainLeft: mr.left, mainRight: mr.right, paraTop: para.getBoundingClientRect().top,
               textRightOfFirstLine: lines.length ? lines[0].right : null };
    });
    out.on = await measure();
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => { const t = document.getElementById('toolbar'); return t && !t.hidden; }, null, WAIT);
    await page.waitForFunction(([f, img]) => eval(f)(img), [shown.toString(), img], WAIT);
    out.reloaded = await measure();
    if (c.axe) { out.axe = await axe(page); }
    await page.click('#facsimile-toggle');
    await page.waitForFunction((img) => getComputedStyle(document.querySelector(img).closest('.facs')).display === 'none', img, WAIT);
    out.off = await page.evaluate(() => document.getElementById('facsimile-toggle').getAttribute('aria-pressed'));
  },
  // Page numbers inside words: at a phone's width nothing sits between the letters.
  async pages(page, c, out) {
    out.breaks = await page.evaluate(() => {
      const textAround = (el, dir) => {
        let n = dir < 0 ? el.previousSibling : el.nextSibling;
        while (n && !(n.nodeType === 3 && n.textContent.length)) {
          if (n.nodeType === 1 && n.textContent.length && getComputedStyle(n).display !== 'none') { break; }
          n = dir < 0 ? n.previousSibling : n.nextSibling;
        }
        return n && n.nodeType === 3 ? n : null;
      };
      return Array.from(document.querySelectorAll('main .pb[data-n]')).map((pb) => {
        const before = textAround(pb, -1), after = textAround(pb, 1);
        const res = { n: pb.getAttribute('data-n'), cls: pb.className, float: getComputedStyle(pb, '::after').cssFloat };
        if (before && after && /\S$/.test(before.textContent) && /^\S/.test(after.textContent)) {
          const a = document.createRange(); a.setStart(before, before.textContent.length - 1); a.setEnd(before, before.textContent.length);
          const b = document.createRange(); b.setStart(after, 0); b.setEnd(after, 1);
          const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
          res.inWord = true;
          res.sameLine = Math.abs(ra.top - rb.top) < 2;
          res.gap = rb.left - ra.right;
          res.word = before.textContent.split(/\s/).pop() + after.textContent.split(/\s/)[0];
        }
        return res;
      });
    });
  },
  // Verse line numbers in the margin: every fifth line's number, once; a line's own
  // link label only while the reader points at the line.
  async verse(page, c, out) {
    const opacity = (sel) => page.evaluate((s) => getComputedStyle(document.querySelector(s)).opacity, sel);
    out.line = await opacity('main .l[data-lineno] > .permalink');
    await page.hover('main .l[data-lineno]');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('main .l[data-lineno] > .permalink')).opacity === '1', null, WAIT);
    out.hovered = await opacity('main .l[data-lineno] > .permalink');
  },
  // The writer's additions and deletions as the books show them, in both views: an
  // addition between half brackets, a deletion struck through.
  async marks(page, c, out) {
    const look = () => page.evaluate(() => {
      const ins = document.querySelector('main ins'), del = document.querySelector('main del');
      return { before: getComputedStyle(ins, '::before').content, after: getComputedStyle(ins, '::after').content,
               del: getComputedStyle(del).textDecorationLine };
    });
    out.reading = await look();
    await page.click('#diplomatic-toggle');
    await page.waitForFunction(() => document.documentElement.classList.contains('diplomatic'), null, WAIT);
    out.diplomatic = await look();
  },
};

async function run(page, c, out) {
  await scenarios[c.scenario](page, c, out);
}
"""


def in_browser(tools, cases: list[dict]) -> list[dict]:
    return tools.page_script(BROWSER_SCRIPT, cases, height=800)


def build_with_base_url(editio_bin, tei: Path, out: Path, base_url: str) -> Path:
    cmd = [*editio_bin, "build", str(tei), "--out", str(out), "--format", "html", "--base-url", base_url]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=build_env(), cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / tei.stem


# --- in the page, without a browser -------------------------------------------------------------


def test_contents_button_is_in_the_contents_and_hidden_without_script(built_edition):
    root = lxml_html.fromstring((built_edition(SEED, "html") / "index.html").read_bytes())
    toc = root.get_element_by_id("toc")
    button = toc.xpath("button[@class='toc-button']")
    assert len(button) == 1 and button[0].get("hidden") is not None
    assert button[0].get("type") == "button" and button[0].text == "Contents"
    assert root.get_element_by_id(button[0].get("aria-controls")).tag == "ol"
    assert root.get_element_by_id(button[0].get("aria-describedby")).text


def test_cite_panel_carries_the_editions_own_citation(built_edition, editio_bin, tmp_path):
    plain = lxml_html.fromstring((built_edition(SEED, "html") / "index.html").read_bytes())
    panel = plain.get_element_by_id("cite-panel")
    how = " ".join(plain.xpath("string(//div[@class='how-to-cite']/p[@class='citation'])").split())
    assert panel.get("hidden") is not None and panel.get("role") == "dialog"
    assert panel.get("data-base") == ""
    assert how.startswith(panel.get("data-citation")) and not panel.get("data-citation").endswith(".")
    assert panel.xpath("template/button[@class='cite-button']/text()") == ["Cite"]
    hamlet = build_with_base_url(editio_bin, HAMLET, tmp_path, "https://example.org/hamlet/")
    root = lxml_html.fromstring((hamlet / "index.html").read_bytes())
    panel = root.get_element_by_id("cite-panel")
    assert panel.get("data-base") == "https://example.org/hamlet/"
    assert "https://example.org" not in panel.get("data-citation"), "the address comes after the passage"


def test_facsimile_images_follow_their_page_breaks(built_edition):
    folder = built_edition(FACS, "html")
    root = lxml_html.fromstring((folder / "index.html").read_bytes())
    images = root.xpath("//main//span[@class='facs']/img")
    assert [i.get("alt") for i in images] == [f"Faksimile der Seite {n}" for n in (1, 2, 3, 4)]
    for img in images:
        assert img.get("loading") == "lazy" and img.get("class") == "facs-image"
        assert (folder / img.get("src")).is_file(), img.get("src")
        assert img.getparent().getprevious().get("role") == "doc-pagebreak"
    # surface, graphic and zone pointers find the surface's image; a file name is the image itself
    assert [(folder / i.get("src")).read_bytes() for i in images] == [
        (GOLDEN / "facs" / name).read_bytes() for name in ("page1.jpg", "page2.jpg", "page3.jpg", "page2.jpg")]
    toolbar = root.get_element_by_id("toolbar")
    assert toolbar.xpath("button/@id") == ["facsimile-toggle"], "no diplomatic switch that changes nothing"


# --- in the browser ---------------------------------------------------------------------------------


@pytest.mark.oracle
def test_contents_menu_on_a_phone(built_edition, tools):
    url = (built_edition(SEED, "html") / "index.html").as_uri()
    phone, wide, noscript = in_browser(tools, [
        {"url": url, "scenario": "menu", "width": 390, "axe": True},
        {"url": url, "scenario": "wide", "width": 1280},
        {"url": url, "scenario": "noscript", "width": 390, "script": False},
    ])
    closed, opened = phone["closed"], phone["opened"]
    assert closed["buttonShown"] and not closed["listShown"] and closed["expanded"] == "false"
    assert closed["position"] == "fixed" and phone["buttonInViewFarDown"]
    assert closed["controls"] == phone["listId"]
    assert opened["listShown"] and opened["mainInert"], "the contents cover the page, which is out of reach"
    assert opened["active"] == phone["firstLink"], "focus moves to the first entry"
    assert phone["axeOpen"] == [], phone["axeOpen"]
    escaped = phone["escaped"]
    assert escaped["expanded"] == "false" and not escaped["listShown"] and not escaped["mainInert"]
    assert escaped["active"] == "toc-button", "Escape gives focus back to the button"
    assert phone["keyboardOpened"]["expanded"] == "true"
    arrived = phone["arrived"]
    assert arrived["expanded"] == "false" and not arrived["listShown"] and not arrived["mainInert"]
    assert phone["hash"] == phone["followed"] and arrived["active"] == phone["followed"][1:]
    assert not wide["buttonShown"] and wide["listShown"] and wide["tocPosition"] == "fixed"
    assert not noscript["buttonShown"] and noscript["listShown"], "without script the contents are in the page"
    assert noscript["citeButtons"] == 0


@pytest.mark.oracle
def test_cite_a_passage_with_mouse_and_keyboard(built_edition, editio_bin, tools, tmp_path):
    seed = built_edition(SEED, "html")
    hamlet = build_with_base_url(editio_bin, HAMLET, tmp_path, "https://example.org/hamlet/")
    mouse, keyboard = in_browser(tools, [
        {"url": (seed / "index.html").as_uri(), "scenario": "cite", "unit": "post1-p2", "width": 1280},
        {"url": (hamlet / "index.html").as_uri(), "scenario": "cite", "unit": "ftln-1762", "width": 1280,
         "keyboard": True, "axe": True},
    ])
    # no base URL: the page's own address
    assert mouse["name"] == "Cite this passage: Paragraph 2" and mouse["text"] == "Cite"
    assert mouse["citation"] == mouse["howToCite"][:-1] + f", ¶\u00a02, {mouse['location']}#post1-p2."
    assert mouse["panelShown"] and mouse["activeInPanel"] == "cite-text"
    if mouse.get("clipboard") is not None:
        assert mouse["clipboard"] == mouse["citation"]
    assert mouse["focusBack"], "Escape closes the citation and returns to its button"
    # a base URL: the public address of the passage
    assert keyboard["name"] == "Cite this passage: Line 3.1.64"
    assert keyboard["citation"].endswith(", l.\u00a03.1.64, https://example.org/hamlet/#ftln-1762.")
    assert "https://example.org/hamlet/," not in keyboard["citation"]
    assert keyboard["citation"].startswith(keyboard["howToCite"].split(", https://")[0])
    assert keyboard["axe"] == [], keyboard["axe"]
    assert keyboard["focusBack"]


@pytest.mark.oracle
def test_facsimile_view_shows_each_page_beside_its_text(built_edition, tools):
    url = (built_edition(FACS, "html") / "index.html").as_uri()
    for r in in_browser(tools, [{"url": url, "scenario": "facsimile", "width": w, "axe": True} for w in (1280, 390)]):
        assert r["before"] == {"shown": False, "pressed": "false"}
        on = r["on"]
        assert on["pressed"] == "true" and on["facsimile"] and on["loading"] == "lazy"
        assert on["pbIsPageBreak"] == "doc-pagebreak" and on["pbId"] == "page-1" and on["alt"].endswith(" 1")
        # beside the text: at the right of the column, level with the page's first paragraph
        assert on["imgRight"] <= on["mainRight"] + 1 and on["imgLeft"] > (on["mainLeft"] + on["mainRight"]) / 2
        assert abs(on["imgTop"] - on["paraTop"]) < 40
        assert on["textRightOfFirstLine"] <= on["imgLeft"], "the text runs beside the image, not under it"
        assert r["reloaded"]["pressed"] == "true" and r["reloaded"]["facsimile"], "the view is remembered"
        assert r["axe"] == [], r["axe"]
        assert r["off"] == "false"


@pytest.mark.oracle
def test_page_numbers_never_split_a_word_on_a_phone(built_edition, tools):
    cases = [{"url": (built_edition(tei, "html") / "index.html").as_uri(), "scenario": "pages", "width": 390}
             for tei in (PB, FACS)]
    in_words = []
    for r in in_browser(tools, cases):
        for b in r["breaks"]:
            assert b["float"] == "right", b   # the number is beside the line, out of it
            if b.get("inWord"):
                in_words.append(b)
                assert b["sameLine"] and abs(b["gap"]) < 1, f"page {b['n']} splits '{b['word']}': {b}"
    assert {b["word"] for b in in_words} >= {"getrennt", "Binde-strich"}, in_words


@pytest.mark.oracle
def test_a_verse_lines_number_is_shown_once(built_edition, tools):
    """Every fifth line of a poem is numbered in the margin; the link to each line shows
    its label only while the line is pointed at (each line's label beside the fifth line's
    number read "5 5")."""
    url = (built_edition(VERSE, "html") / "index.html").as_uri()
    (result,) = in_browser(tools, [{"url": url, "scenario": "verse", "width": 1280}])
    assert result["line"] == "0", result
    assert result["hovered"] == "1", result


@pytest.mark.oracle
def test_additions_are_bracketed_and_deletions_struck_in_both_views(built_edition, tools):
    """The web edition marks the writer's changes as the EPUB and the PDF do: an addition
    between half brackets (it was unmarked in the reading view while the deletion beside
    it was struck), in the reading and the diplomatic view."""
    url = (built_edition(MARKS, "html") / "index.html").as_uri()
    (result,) = in_browser(tools, [{"url": url, "scenario": "marks", "width": 1280}])
    for view in ("reading", "diplomatic"):
        assert "\u2e22" in result[view]["before"] and "\u2e23" in result[view]["after"], result
        assert result[view]["del"] == "line-through", result
