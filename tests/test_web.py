"""The web edition (``dist/NAME/index.html`` and its assets), judged by the field's tools.

The Nu HTML Checker and axe-core (in Chromium, at a phone's and a desktop's width,
light and dark, reading and diplomatic view) must find nothing; every TEI ``xml:id``
must be a fragment of the page; the page must load nothing from the network; its fonts
must be WOFF2 files that draw every character of the text; and two builds of the same
file must give the same bytes.

Screenshots land in each test's tmp folder and, when ``EDITIO_SCREENSHOTS`` names a
folder, there too, so a person can look at the pages the tests looked at.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import CORPUS_DIR, REPO, build_env

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"

# The seed edition plus corpus files that between them use every construct the web page
# styles: speakers (drama, thread), notes, choices, pages, verse, tables, figures, quotations,
# and a whole novel.
WEB_FIXTURES = [
    "stalin-hitler-1942-thread",
    "letter-escher-K0176",
    "ss-generalP5",
    "drama-shake-hamlet",
    "ss-notes1",
    "ss-quotations1",
    "ss-bibliography1",
    "eltec-eng-small",
    "golden:math/formulas",        # MathML: the Nu checker and axe read it as browsers do
]


def tei_path(name: str) -> Path:
    if name.startswith("golden:"):
        return REPO / "tests" / "golden" / f"{name[len('golden:'):]}.xml"
    return SEED if name == SEED.stem else CORPUS_DIR / f"{name}.xml"


@pytest.fixture(scope="module", params=WEB_FIXTURES)
def edition(request, built_edition) -> tuple[str, Path]:
    """(fixture name, built edition folder) for each web fixture."""
    name = request.param
    path = tei_path(name)
    assert path.is_file(), f"missing fixture {path}"
    return name, built_edition(path)


def page(edition_dir: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((edition_dir / "index.html").read_bytes())


def variant(edition_dir: Path, dest: Path, *, dark: bool = False, diplomatic: bool = False) -> Path:
    """A copy of the edition as a reader in dark mode or in the diplomatic view sees it.

    Dark mode: the stylesheet's ``prefers-color-scheme: dark`` rules are made
    unconditional. Diplomatic view: the class the toggle sets is on ``<html>``.
    """
    shutil.copytree(edition_dir / "assets", dest / "assets")
    text = (edition_dir / "index.html").read_text(encoding="utf-8")
    if diplomatic:
        text, n = re.subn(r"<html\b", '<html class="diplomatic"', text, count=1)
        assert n == 1
    (dest / "index.html").write_text(text, encoding="utf-8")
    if dark:
        css_path = dest / "assets" / "edition.css"
        css = css_path.read_text(encoding="utf-8")
        css, n = re.subn(r"@media\s*\(prefers-color-scheme:\s*dark\)", "@media all", css)
        assert n >= 1, "the stylesheet has no dark colour scheme"
        css_path.write_text(css, encoding="utf-8")
    return dest / "index.html"


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}: {n['html'][:160]}")
            lines.append("      " + (n.get("summary") or "").replace("\n", " ")[:300])
    return "\n".join(lines)


# --- validity and accessibility ---------------------------------------------------------------


def faithful_to_the_source(message: dict, tei_text: str) -> bool:
    """Nu warnings about the source's own text, which the edition reproduces on purpose.

    Private Use Area code points (MUFI characters in medieval editions) are kept as the
    source has them: replacing them would change the text. Nothing else is tolerated;
    a TEI file that declares no language gets the language editio recognises in it.
    """
    if message["type"] != "warning":
        return False
    if "Private Use Area" in message["message"]:
        return re.search("[\ue000-\uf8ff]", tei_text) is not None
    return False


def test_nu_checker_finds_nothing(edition, tools):
    name, folder = edition
    tei_text = tei_path(name).read_text(encoding="utf-8")
    messages = [m for m in tools.vnu([folder / "index.html"]) if not faithful_to_the_source(m, tei_text)]
    assert messages == [], f"{name}: Nu HTML Checker:\n" + "\n".join(
        f"{m['line']}:{m['column']} {m['type']}: {m['message']}  [{m['extract']}]" for m in messages)


def test_axe_finds_nothing_at_phone_and_desktop_width(edition, tools, tmp_path):
    """axe-core at a phone's and a desktop's width, light and dark, and in the diplomatic
    view. No screenshot is taken: a picture of a long page is slow and can fail on a busy
    machine, and it asserts nothing axe does not."""
    name, folder = edition
    pages = [{"path": folder / "index.html", "width": w, "axe": True} for w in (390, 1280)]
    dark = variant(folder, tmp_path / "dark", dark=True)
    pages += [{"path": dark, "width": w, "axe": True} for w in (390, 1280)]
    if (folder / "index.html").read_text(encoding="utf-8").find('id="diplomatic-toggle"') >= 0:
        for scheme, is_dark in (("light", False), ("dark", True)):
            dip = variant(folder, tmp_path / f"diplomatic-{scheme}", dark=is_dark, diplomatic=True)
            pages.append({"path": dip, "width": 390, "axe": True})
    results = tools.browser_run(pages, timeout=600)
    problems = []
    for r in results:
        assert r["pageErrors"] == [], f"{name}: script errors on {r['path']}: {r['pageErrors']}"
        if r["violations"]:
            problems.append(f"{r['path']} at {r['width']} px:\n{describe(r['violations'])}")
    assert not problems, f"{name}: axe violations:\n" + "\n".join(problems)


# --- anchors and structure ------------------------------------------------------------------------


def test_every_tei_xml_id_is_an_id_of_the_page(edition):
    name, folder = edition
    tei = etree.parse(str(tei_path(name)), etree.XMLParser(resolve_entities=False, no_network=True,
                                                           huge_tree=True))
    tei_ids = {el.get(XML_ID) for el in tei.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    html_ids = [el.get("id") for el in page(folder).iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(html_ids) == len(set(html_ids)), "duplicate ids in index.html"
    missing = sorted(tei_ids - set(html_ids))
    assert not missing, f"{name}: {len(missing)} TEI xml:ids are not ids of index.html: {missing[:20]}"


def test_internal_links_resolve(edition):
    name, folder = edition
    root = page(folder)
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    broken = sorted({a.get("href") for a in root.iter("a")
                     if (a.get("href") or "").startswith("#") and a.get("href")[1:] not in ids})
    assert not broken, f"{name}: links to missing ids: {broken[:20]}"


def test_page_structure(edition):
    name, folder = edition
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n<html")
    root = page(folder)
    head = root.find("head")
    assert head[0].tag == "meta" and head[0].get("charset", "").lower() == "utf-8"
    assert head.find("meta[@name='viewport']") is not None
    assert root.get("lang")
    body = root.find("body")
    assert len(body.findall(".//main")) == 1
    # The skip link is the first thing in the body and leads to the text.
    first = body[0]
    assert first.tag == "a" and first.get("href") == "#text"
    assert root.get_element_by_id("text").tag == "main"
    # Notes: each call leads to its note and the note leads back to the call.
    for call in root.xpath("//a[@role='doc-noteref']"):
        note = root.get_element_by_id(call.get("href")[1:])
        back = note.xpath(".//a[@role='doc-backlink']/@href")
        assert f"#{call.get('id')}" in back, f"{name}: note {note.get('id')} has no link back"


def test_diplomatic_toggle(edition):
    """A real button, pressed state announced, hidden until the script can work it."""
    name, folder = edition
    root = page(folder)
    has_choices = bool(root.xpath("//main//span[contains(concat(' ', @class, ' '), ' choice ')]"))
    buttons = root.xpath("//button[@id='diplomatic-toggle']")
    if not has_choices and not root.xpath("//main//del | //main//ins | //main//span[contains(concat(' ', @class, ' '), ' lb ')]"
                                          " | //main//*[contains(concat(' ', @class, ' '), ' diplomatic-only ')]"
                                          " | //main//span[contains(concat(' ', @class, ' '), ' supplied ')]"):
        assert buttons == [], f"{name}: a toggle that would change nothing"
        return
    assert len(buttons) == 1, f"{name}: the text has editorial interventions but no toggle"
    button = buttons[0]
    assert button.get("type") == "button"
    assert button.get("aria-pressed") == "false"
    assert button.get("disabled") is None and button.get("tabindex") in (None, "0")
    assert (button.text_content() or "").strip()
    toolbar = root.get_element_by_id("toolbar")
    assert toolbar.get("hidden") is not None, "without script the toggle must not show"
    assert button in toolbar.iter()
    assert any(a.tag == "main" for a in toolbar.iterancestors()), "the toggle must sit in a landmark"
    # Each choice in running text (outside links) can take keyboard focus to show the source reading.
    for span in root.xpath("//main//span[contains(concat(' ', @class, ' '), ' choice ')]"
                           "[not(ancestor::a) and not(ancestor::button)]"):
        assert span.get("tabindex") == "0"


def run_in_chromium(index: Path, script: str, tmp_path: Path) -> lxml_html.HtmlElement:
    """Load a copy of the page in headless Chromium with ``script`` run after load; the DOM after."""
    dest = tmp_path / "scripted"
    shutil.copytree(index.parent / "assets", dest / "assets")
    text = index.read_text(encoding="utf-8")
    text = text.replace("</body>", f"<script>window.addEventListener('load', function () {{ {script} }});"
                                   "</script></body>", 1)
    (dest / "index.html").write_text(text, encoding="utf-8")
    chromium = os.environ.get("EDITIO_CHROMIUM", "/usr/bin/chromium")
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--virtual-time-budget=2000",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", (dest / "index.html").as_uri()],
        capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return lxml_html.fromstring(proc.stdout)


def test_toggle_script_switches_the_view(built_edition, tmp_path, tools):
    """In a browser the toolbar appears and pressing the button swaps the readings, and back."""
    folder = built_edition(SEED)
    index = folder / "index.html"
    once = run_in_chromium(index, "document.getElementById('diplomatic-toggle').click();", tmp_path / "1")
    assert once.get_element_by_id("toolbar").get("hidden") is None
    assert "diplomatic" in (once.get("class") or "").split()
    assert once.get_element_by_id("diplomatic-toggle").get("aria-pressed") == "true"
    twice = run_in_chromium(index, "var b = document.getElementById('diplomatic-toggle'); b.click(); b.click();",
                            tmp_path / "2")
    assert "diplomatic" not in (twice.get("class") or "").split()
    assert twice.get_element_by_id("diplomatic-toggle").get("aria-pressed") == "false"


def test_diplomatic_view_shows_the_source_readings(built_edition, tmp_path, tools):
    """The stylesheet hides the corrections and shows the source's readings in the diplomatic view."""
    folder = built_edition(SEED)
    probe = (
        "var out = [];"
        "document.querySelectorAll('main .choice').forEach(function (c) {"
        "  var kids = Array.prototype.filter.call(c.children, function (k) { return /^(corr|reg|expan|sic|orig|abbr)( |$)/.test(k.className); });"
        "  out.push(kids.map(function (k) { return k.className.split(' ')[0] + '=' + getComputedStyle(k).display; }).join(' '));"
        "});"
        "document.body.setAttribute('data-probe', out.join('|'));"
    )
    reading = run_in_chromium(folder / "index.html", probe, tmp_path / "r")
    diplomatic = run_in_chromium(folder / "index.html",
                                 "document.getElementById('diplomatic-toggle').click();" + probe, tmp_path / "d")
    shown_reading = reading.find("body").get("data-probe").split("|")
    shown_diplomatic = diplomatic.find("body").get("data-probe").split("|")
    assert shown_reading and shown_reading != [""]
    for r, d in zip(shown_reading, shown_diplomatic):
        assert re.search(r"(corr|reg|expan)=inline", r) and re.search(r"(sic|orig|abbr)=none", r), r
        assert re.search(r"(corr|reg|expan)=none", d) and re.search(r"(sic|orig|abbr)=inline", d), d


# --- self-contained assets ----------------------------------------------------------------------------


REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def test_page_loads_only_local_files(edition):
    name, folder = edition
    root = page(folder)
    loaded = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag == "a":
            continue
        for attr in ("src", "srcset", "poster", "data"):
            if el.get(attr):
                loaded.append(el.get(attr))
        # a link that loads something (stylesheet, icon...); rel=license only names a page
        if el.tag == "link" and el.get("href") and (el.get("rel") or "").lower() != "license":
            loaded.append(el.get("href"))
    remote = [u for u in loaded if REMOTE.match(u) or u.startswith(("http:", "https:", "data:"))]
    assert not remote, f"{name}: loads from outside the edition folder: {remote}"
    for u in loaded:
        target = (folder / u).resolve()
        assert target.is_file(), f"{name}: {u} is not in the edition folder"
        assert folder.resolve() in target.parents, f"{name}: {u} points outside the edition folder"
    css = (folder / "assets" / "edition.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
        assert not REMOTE.match(url) and not url.startswith(("http:", "https:")), url
        assert (folder / "assets" / url).is_file(), f"{name}: stylesheet refers to missing {url}"
    assert "@import" not in css
    js = (folder / "assets" / "edition.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", js)


def test_images_are_copied_into_the_edition(built_edition):
    folder = built_edition(REPO / "tests" / "golden" / "blocks" / "blocks.xml")
    imgs = page(folder).xpath("//img/@src")
    assert imgs, "the blocks case has a graphic beside its TEI: the page should show it"
    for src in imgs:
        assert not src.startswith(("/", "../")) and (folder / src).is_file(), src


def test_images_outside_the_tei_folder_are_placeholders(built_edition):
    """ss-generalP5 points at ./../Images/: outside its folder, so nothing is read from
    there (tests/test_hostile_input.py has the hostile cases)."""
    folder = built_edition(CORPUS_DIR / "ss-generalP5.xml")
    tree = page(folder)
    assert not tree.xpath("//img"), tree.xpath("//img/@src")
    assert tree.xpath("//span[@class = 'img-missing'][starts-with(., '[Image not available')]")
    assert not (folder / "images").exists()


def test_fonts_are_woff2_that_draw_the_text(edition):
    """The web edition carries WOFF2 subsets of the edition's faces that draw its text:
    Editio Serif always, each family after it in the font stacks (Supplement, Hebrew,
    Arabic, CJK…) exactly when the text has characters the faces before it lack, Editio
    Mono exactly when the page has code or markup examples."""
    from fontTools.ttLib import TTFont

    from editio import fonts

    _name, folder = edition
    font_dir = folder / "assets" / "fonts"
    files = {f.stem: f for f in font_dir.glob("*.woff2")}
    assert (font_dir / "OFL.txt").read_text(encoding="utf-8").count("SIL Open Font License") >= 1
    root = page(folder)
    for el in root.iter("script", "style"):
        el.text = ""
    code = "".join("".join(el.itertext()) for el in root.iter("code", "pre", "kbd", "samp"))
    text = root.find("body").text_content() + (root.findtext("head/title") or "")
    wanted = {ord(c) for c in text if not c.isspace()}
    serif = fonts.text_coverage()
    expected = {face.stem for face in fonts.faces()}
    lacking = wanted - serif
    drawn_by = {}                       # regular face's stem → what it must draw
    for family in fonts.FALLBACKS:      # each draws what the faces before it lack
        drawn = set(TTFont(fonts.family_faces(family)[0].path, lazy=True).getBestCmap())
        if lacking & drawn:
            expected |= {face.stem for face in fonts.family_faces(family)}
            drawn_by[fonts.family_faces(family)[0].stem] = lacking & drawn
            lacking -= drawn
    if code.strip():
        expected |= {face.stem for face in fonts.family_faces(fonts.MONO)}
    assert set(files) == expected
    for stem, f in files.items():
        data = f.read_bytes()
        assert data[:4] == b"wOF2", f"{f.name} is not WOFF2"
        assert len(data) < 400_000, f"{f.name} is {len(data)} bytes: not a subset"
        have = set(TTFont(io.BytesIO(data)).getBestCmap())
        if stem == "editio-serif-regular":
            missing = (wanted & serif) - have
        elif stem in drawn_by:
            missing = drawn_by[stem] - have
        elif stem == "editio-mono-regular":
            missing = {ord(c) for c in code if not c.isspace()} & set(
                TTFont(fonts.family_faces(fonts.MONO)[0].path, lazy=True).getBestCmap()) - have
        else:
            continue
        assert not missing, f"{f.name} lacks {''.join(sorted(map(chr, missing)))[:40]!r}"


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built_edition, editio_bin, tmp_path):
    first = built_edition(SEED, "html")
    cmd = [*editio_bin, "build", str(SEED), "--out", str(tmp_path), "--format", "html"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=build_env(), cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    second = tmp_path / SEED.stem
    assert tree_digest(first) == tree_digest(second)


def test_writer_leaves_the_hub_alone(tmp_path):
    from editio import build
    from editio.writers import web as html

    hub, diagnostics = build.prepare(SEED, strict=False)
    assert hub is not None, [d.format() for d in diagnostics]
    before = etree.tostring(hub.tree, method="xml")
    html.write(hub, tmp_path / "out")
    assert etree.tostring(hub.tree, method="xml") == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["assets", "index.html"]


# --- the keyboard, in a real browser ------------------------------------------------------------------

KEYBOARD_SCRIPT = r"""
const { chromium } = require('playwright-core');
const job = JSON.parse(process.env.EDITIO_JOB);
(async () => {
  const browser = await chromium.launch({ executablePath: job.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const out = {};
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
    await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(job.url, { waitUntil: 'load' });
    const state = () => page.evaluate(() => ({
      active: document.activeElement && (document.activeElement.id || document.activeElement.className || document.activeElement.tagName),
      diplomatic: document.documentElement.classList.contains('diplomatic'),
      pressed: (document.getElementById('diplomatic-toggle') || {}).getAttribute ? document.getElementById('diplomatic-toggle').getAttribute('aria-pressed') : null,
      popup: (() => { const a = document.activeElement; const s = a && a.querySelector && a.querySelector(':scope > .sic, :scope > .orig, :scope > .abbr');
                      return s ? getComputedStyle(s).display + ' ' + getComputedStyle(s).position : null; })(),
    }));
    await page.keyboard.press('Tab');
    out.first = await state();
    let tabs = 1;
    while (tabs < 400 && (await state()).active !== 'diplomatic-toggle') { await page.keyboard.press('Tab'); tabs++; }
    out.tabs = tabs;
    out.reached = await state();
    await page.keyboard.press('Enter');
    out.afterEnter = await state();
    await page.keyboard.press('Space');
    out.afterSpace = await state();
    let more = 0;
    while (more < 400) {
      await page.keyboard.press('Tab'); more++;
      const s = await state();
      if (s.popup !== null) { out.choice = s; break; }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def test_toggle_and_choices_work_with_the_keyboard(built_edition, tools):
    """Tab reaches the toggle, Enter and Space switch it, Tab onto a correction shows the source reading."""
    import json

    folder = built_edition(SEED)
    job = {"chromium": tools.chromium(), "url": (folder / "index.html").as_uri()}
    env = dict(os.environ, EDITIO_JOB=json.dumps(job))
    proc = subprocess.run([tools.node(), "-e", KEYBOARD_SCRIPT], capture_output=True, text=True,
                          cwd=tools.TOOLS, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    assert out["first"]["active"] == "skip-link", "the first Tab must land on the skip link"
    assert out["reached"]["active"] == "diplomatic-toggle", f"Tab never reached the toggle ({out['tabs']} presses)"
    assert out["afterEnter"] == {**out["reached"], "diplomatic": True, "pressed": "true"}
    assert out["afterSpace"] == {**out["reached"], "diplomatic": False, "pressed": "false"}
    assert out.get("choice"), "no editorial correction in the text could be reached with Tab"
    assert out["choice"]["popup"] == "block absolute", out["choice"]


def test_a_missing_image_is_a_placeholder_in_the_texts_language_and_a_missing_facsimile_none(tmp_path):
    """A figure whose file is missing shows a placeholder in the document's language; a
    page facsimile that is missing leaves the page without an image and puts no words
    into the text (a reader, search and copy would take them for the source's)."""
    from editio import build as build_module

    tei = tmp_path / "brief.xml"
    tei.write_text('''<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">
  <teiHeader><fileDesc><titleStmt><title>Ein Brief</title><editor>Test</editor></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Konstruiert.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>
    <p>Herr Doktor Goldmann<pb n="2" facs="seite-2.png"/>theilte mir mit.</p>
    <figure><graphic url="karte.png"/><figDesc>Eine Karte</figDesc></figure>
  </body></text>
</TEI>''', encoding="utf-8")
    result = build_module.build(tei, ["html"], tmp_path / "out", quiet=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert sorted(d.code for d in result.diagnostics if d.code.startswith("W-IMG")) == ["W-IMG-1", "W-IMG-1"]
    tree = page(tmp_path / "out" / "brief")
    assert tree.xpath("//span[@class = 'img-missing'][. = '[Bild nicht verfügbar: Eine Karte]']")
    text = "".join(tree.find(".//main").itertext())
    assert "Goldmanntheilte" in text.replace(" ", "").replace("\n", "") and "seite-2" not in text
    assert not tree.xpath("//span[@class = 'facs']")
