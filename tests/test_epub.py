"""The EPUB edition: valid (EPUBCheck), accessible (Ace), faithful, navigable, reproducible.

Every test reads a real EPUB built by ``editio build`` from a real TEI file (the seed
edition and the corpus fixtures) and checks a property a reader or a reading system
relies on: the words of the TEI in order, every TEI id as a fragment target, footnotes in
the document of their call, a page-list exactly when the source has page breaks, and
accessibility metadata that states what the book contains.
"""

from __future__ import annotations

import re
import subprocess
import time
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

from conftest import REPO, SOURCE_DATE_EPOCH, build_env, prepared_hub

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EPUB_TYPE = f"{{{OPS}}}type"
NS = {"h": XHTML, "opf": OPF, "dc": DC, "epub": OPS}

SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
# corpus fixtures the EPUB is held to (file stems in tests/fixtures/corpus)
CORPUS = ["letter-escher-K0176", "ss-generalP5", "ss-notes1", "ss-quotations1", "ss-bibliography1",
          "ss-structure1", "drama-shake-hamlet", "eltec-eng-small"]
ACE_CORPUS = ["letter-escher-K0176", "ss-generalP5", "ss-notes1", "drama-shake-hamlet"]


def tei_path(name: str, corpus: dict[str, Path]) -> Path:
    if name == "seed":
        return SEED
    assert name in corpus, f"corpus fixture {name}.xml missing from tests/fixtures/corpus"
    return corpus[name]


class Epub:
    """A built EPUB opened for inspection: package, spine documents, navigation."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = PurePosixPath(self.opf_path).parent
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.items = {i.get("id"): i for i in self.opf.iterfind(".//opf:manifest/opf:item", NS)}
        self.spine = [self.full(self.items[r.get("idref")].get("href"))
                      for r in self.opf.iterfind(".//opf:spine/opf:itemref", NS)]
        nav_item = next(i for i in self.items.values() if "nav" in (i.get("properties") or "").split())
        self.nav_path = self.full(nav_item.get("href"))
        self._docs: dict[str, etree._Element] = {}

    def full(self, href: str) -> str:
        return str(self.base / href) if str(self.base) != "." else href

    def doc(self, name: str) -> etree._Element:
        if name not in self._docs:
            self._docs[name] = etree.fromstring(self.zip.read(name))
        return self._docs[name]

    def resolve(self, from_name: str, href: str) -> tuple[str, str]:
        path, _, frag = href.partition("#")
        if not path:
            return from_name, frag
        parts = list(PurePosixPath(from_name).parent.parts)
        for seg in path.split("/"):
            if seg == "..":
                parts.pop()
            elif seg not in ("", "."):
                parts.append(seg)
        return "/".join(parts), frag

    def ids(self, name: str) -> set[str]:
        return {e.get("id") for e in self.doc(name).iter() if isinstance(e.tag, str) and e.get("id")}

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f".//dc:{name}", NS)]

    def nav(self, kind: str):
        return self.doc(self.nav_path).find(f".//h:nav[@epub:type='{kind}']", NS)


@pytest.fixture(scope="module")
def book(built_edition, corpus):
    cache: dict[str, tuple[Path, Epub]] = {}

    def get(name: str) -> tuple[Path, Epub]:
        if name not in cache:
            source = tei_path(name, corpus)
            # html for comparing ids with the web edition; the PDF is not needed here
            edition = built_edition(source, "html,epub")
            path = edition / f"{source.stem}.epub"
            assert path.is_file(), f"{path} was not written"
            cache[name] = (source, Epub(path))
        return cache[name]

    return get


def tei_tree(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


ALL = ["seed", *CORPUS]


@pytest.mark.oracle
@pytest.mark.parametrize("name", ALL)
def test_epubcheck_reports_nothing(name, book, tools):
    _, epub = book(name)
    report = tools.epubcheck(epub.path)
    problems = [f"{m['severity']} {m['id']}: {m['message']} at {', '.join(m['locations'][:3])}"
                for m in report["messages"]]
    assert (report["fatals"], report["errors"], report["warnings"]) == (0, 0, 0), "\n".join(problems[:30])


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["seed", *ACE_CORPUS])
def test_ace_passes_without_violations(name, book, tools, tmp_path):
    _, epub = book(name)
    report = tools.ace(epub.path, tmp_path / "ace")
    violations = tools.ace_violations(report)
    assert not violations, "\n".join(f"{v['impact']} {v['rule']} in {v['file']}: {v['message']}"
                                     for v in violations[:30])
    assert tools.ace_outcome(report) == "pass"


@pytest.mark.parametrize("name", ALL)
def test_every_tei_word_is_in_the_spine_in_order(name, book):
    from editio.check import fidelity

    source, epub = book(name)
    report = fidelity.check_detailed(source, epub.path.parent, formats=["epub"])["epub"]
    assert report.score >= 0.999, fidelity.format_report({"epub": report}, name)


@pytest.mark.parametrize("name", ALL)
def test_every_tei_id_and_web_id_is_a_fragment_target(name, book):
    source, epub = book(name)
    epub_ids: set[str] = set()
    for doc in epub.spine:
        epub_ids |= epub.ids(doc)
    text_ids = {e.get(XML_ID) for t in tei_tree(source).iterfind(f".//{{{TEI}}}text")
                for e in t.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    missing = sorted(text_ids - epub_ids)
    assert not missing, f"TEI ids without a target in the EPUB: {missing[:20]}"
    web = epub.path.parent / "index.html"
    if web.is_file():
        all_tei = {e.get(XML_ID) for e in tei_tree(source).iter() if isinstance(e.tag, str) and e.get(XML_ID)}
        web_ids = {e.get("id") for e in etree.parse(str(web), etree.HTMLParser()).iter()
                   if isinstance(e.tag, str) and e.get("id")}
        shared = sorted((web_ids & all_tei) - epub_ids)
        assert not shared, f"TEI ids the web edition has but the EPUB lacks: {shared[:20]}"


@pytest.mark.parametrize("name", ALL)
def test_links_and_citations_resolve_across_documents(name, book):
    _, epub = book(name)
    ids = {doc: epub.ids(doc) for doc in epub.spine}
    broken = []
    for doc in [*epub.spine, epub.nav_path]:
        for el in epub.doc(doc).iter(f"{{{XHTML}}}a", f"{{{XHTML}}}q", f"{{{XHTML}}}blockquote"):
            for attr in ("href", "cite"):
                val = el.get(attr)
                if val is None or re.match(r"^[a-z][a-z0-9+.-]*:", val):
                    continue
                target, frag = epub.resolve(doc, val)
                if target not in ids and target != epub.nav_path:
                    broken.append(f"{doc}: {attr}={val} (no such document)")
                elif frag and target in ids and frag not in ids[target]:
                    broken.append(f"{doc}: {attr}={val} (no such id)")
    assert not broken, "\n".join(broken[:20])


@pytest.mark.parametrize("name", ALL)
def test_footnotes_are_in_the_document_of_their_call(name, book):
    source, epub = book(name)
    calls = 0
    for doc in epub.spine:
        root = epub.doc(doc)
        for a in root.iter(f"{{{XHTML}}}a"):
            if a.get("role") != "doc-noteref":
                continue
            calls += 1
            assert "noteref" in (a.get(EPUB_TYPE) or "").split(), f"{doc}: note call without epub:type"
            target, frag = epub.resolve(doc, a.get("href"))
            assert target == doc, f"{doc}: note {frag} is in {target}, not beside its call"
            aside = root.find(f".//*[@id='{frag}']")
            assert aside is not None and aside.tag == f"{{{XHTML}}}aside"
            assert "footnote" in aside.get(EPUB_TYPE, "").split() and aside.get("role") == "doc-footnote"
            back = aside.find(f".//{{{XHTML}}}a[@role='doc-backlink']")
            assert back is not None and epub.resolve(doc, back.get("href")) == (doc, a.get("id"))
    if any(True for _ in tei_tree(source).iterfind(f".//{{{TEI}}}text//{{{TEI}}}note")):
        assert calls, "the TEI has notes but the EPUB has no note calls"


@pytest.mark.parametrize("name", ALL)
def test_page_list_exactly_when_the_tei_has_page_breaks(name, book):
    source, epub = book(name)
    # only a break the source numbers is a page a reader can look up
    pbs = sum(1 for t in tei_tree(source).iterfind(f".//{{{TEI}}}text") for pb in t.iter(f"{{{TEI}}}pb")
              if (pb.get("n") or "").strip())
    page_list = epub.nav("page-list")
    features = set(epub.meta("schema:accessibilityFeature"))
    if pbs:
        assert page_list is not None, "the TEI has <pb> but the nav has no page-list"
        entries = page_list.findall(".//h:a", NS)
        assert len(entries) == pbs
        for a in entries:
            target, frag = epub.resolve(epub.nav_path, a.get("href"))
            el = epub.doc(target).find(f".//*[@id='{frag}']")
            assert el is not None and "pagebreak" in el.get(EPUB_TYPE, "").split()
            assert el.get("role") == "doc-pagebreak" and el.get("aria-label")
        assert epub.meta("pageBreakSource") and epub.meta("pageBreakSource")[0].strip()
        assert {"pageNavigation", "pageBreakMarkers"} <= features
    else:
        assert page_list is None, "a page-list without numbered page breaks in the TEI"
        assert not epub.meta("pageBreakSource")
        assert not {"pageNavigation", "pageBreakMarkers"} & features


@pytest.mark.parametrize("name", ALL)
def test_documents_have_meaningful_titles(name, book):
    _, epub = book(name)
    for doc in [*epub.spine]:
        title = epub.doc(doc).findtext(".//h:head/h:title", namespaces=NS) or ""
        stem = PurePosixPath(doc).stem
        assert title.strip(), f"{doc} has no title"
        assert title.strip() != stem and not re.search(r"\.x?html?\b|^(text|x)-\d+$", title), \
            f"{doc}: title {title!r}"
        heading = next((h for h in epub.doc(doc).iter(*(f"{{{XHTML}}}h{i}" for i in range(1, 7)))), None)
        if doc.split("/")[-1].startswith("text-") and heading is not None:
            assert title == " ".join("".join(heading.itertext()).split()) or title in "".join(heading.itertext()), \
                f"{doc}: title {title!r} is not its heading"


@pytest.mark.parametrize("name", ALL)
def test_accessibility_metadata_states_what_the_book_contains(name, book):
    _, epub = book(name)
    images = []
    for doc in epub.spine:
        for img in epub.doc(doc).iter(f"{{{XHTML}}}img"):
            if img.get("role") != "doc-cover":
                images.append(img)
    features = epub.meta("schema:accessibilityFeature")
    modes = set(epub.meta("schema:accessMode"))
    assert len(features) == len(set(features))
    assert {"tableOfContents", "readingOrder", "structuralNavigation"} <= set(features)
    assert ("alternativeText" in features) == bool(images and all(i.get("alt", "").strip() for i in images))
    assert ("visual" in modes) == bool(images) and "textual" in modes
    if all(i.get("alt", "").strip() for i in images):
        assert "textual" in epub.meta("schema:accessModeSufficient")
    register = any(s.get("role") == "doc-index" for d in epub.spine for s in epub.doc(d).iter(f"{{{XHTML}}}section"))
    assert ("index" in features) == register
    assert epub.meta("schema:accessibilityHazard") == ["none"]
    summary = epub.meta("schema:accessibilitySummary")
    assert len(summary) == 1 and len(summary[0]) > 40
    if all(i.get("alt", "").strip() for i in images):
        assert epub.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
        # a claim editio makes from its own checks: nobody certified it
        assert not epub.meta("a11y:certifiedBy")
    else:   # an image without a description: no conformance claim
        assert not epub.meta("dcterms:conformsTo") and "alternativeText" not in features


@pytest.mark.parametrize("name", ALL)
def test_package_metadata_comes_from_the_header(name, book):
    source, epub = book(name)
    # the record every writer uses: read from the hub made of the TEI
    md = prepared_hub(source).metadata
    lang = epub.opf.get("{http://www.w3.org/XML/1998/namespace}lang")
    assert epub.dc("language")[-1] == md.language and lang == md.language
    for doc in epub.spine:
        assert epub.doc(doc).get("lang") == md.language
    assert epub.dc("identifier") == [md.identifier] and md.identifier.startswith("urn:uuid:")
    assert epub.dc("title")[0] == md.title
    assert epub.meta("dcterms:modified") == [time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                           time.gmtime(int(SOURCE_DATE_EPOCH)))]
    roles = {m.get("refines"): m.text for m in epub.opf.iterfind(".//opf:meta[@property='role']", NS)}
    named = {f"#{e.get('id')}": e.text for e in epub.opf.iterfind(".//dc:creator", NS)} | \
            {f"#{e.get('id')}": e.text for e in epub.opf.iterfind(".//dc:contributor", NS)}
    for editor in md.editors:
        assert any(named.get(k) == editor and v == "edt" for k, v in roles.items()), editor
    for author in md.authors:
        assert any(named.get(k) == author and v == "aut" for k, v in roles.items()), author


@pytest.mark.parametrize("name", ["seed", "letter-escher-K0176", "ss-generalP5"])
def test_navigation_cover_and_fonts(name, book):
    _, epub = book(name)
    toc = epub.nav("toc")
    assert toc is not None and toc.findall(".//h:a", NS)
    landmarks = {a.get(EPUB_TYPE) for a in epub.nav("landmarks").iterfind(".//h:a", NS)}
    assert {"cover", "titlepage", "toc", "bodymatter"} <= landmarks
    cover = [i for i in epub.items.values() if "cover-image" in (i.get("properties") or "")]
    assert len(cover) == 1 and cover[0].get("media-type") == "image/svg+xml"
    cover_doc = epub.spine[0]
    img = epub.doc(cover_doc).find(".//h:img", NS)
    assert img is not None and img.get("alt", "").strip() and img.get("role") == "doc-cover"
    fonts = [i for i in epub.items.values() if i.get("media-type") == "font/woff2"]
    assert fonts, "no embedded fonts"
    licence = "\n".join(epub.zip.read(d).decode() for d in epub.spine)
    assert "SIL OPEN FONT LICENSE" in licence.upper()


def test_stylesheet_is_made_for_e_readers():
    from editio import stylesheets

    css = stylesheets.css("epub")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    sizes = re.findall(r"font-size:\s*([^;}]+)", body)
    assert sizes and all(re.fullmatch(r"[\d.]+(em|%)", s.strip()) for s in sizes), sizes
    assert not re.search(r"(^|[;{\s])(color|background(-color)?)\s*:", body), "forced colours"
    assert "hyphens: auto" in body and "-epub-hyphens: auto" in body
    assert "widows" in body and "orphans" in body
    assert re.search(r'section\[data-level="1"\][^{]*\{[^}]*break-before:\s*page', body)


def test_container_is_deterministic_and_well_formed(book):
    _, epub = book("seed")
    infos = epub.zip.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[0].extra == b"" and epub.zip.read("mimetype") == b"application/epub+zip"
    assert infos[1].filename == "META-INF/container.xml"
    assert len({i.date_time for i in infos}) == 1
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    for name in epub.spine:
        head = epub.zip.read(name)[:80].decode()
        assert head.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>')


def test_two_builds_are_byte_identical(book, editio_bin, tmp_path):
    """A second build in a fresh process (another hash seed) gives the same bytes."""
    source, epub = book("seed")
    env = build_env()
    env["PYTHONHASHSEED"] = "12345"
    proc = subprocess.run([*editio_bin, "build", str(source), "--out", str(tmp_path), "--format", "epub"],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    again = tmp_path / source.stem / f"{source.stem}.epub"
    assert again.read_bytes() == epub.path.read_bytes()


def test_writer_leaves_the_hub_untouched(tmp_path):
    from editio import build
    from editio.writers import epub

    hub, diagnostics = build.prepare(SEED, strict=False)
    assert hub is not None, diagnostics
    before = etree.tostring(hub.tree)
    epub.write(hub, tmp_path)
    assert etree.tostring(hub.tree) == before
    first = (tmp_path / f"{hub.context.name}.epub").read_bytes()
    epub.write(hub, tmp_path)
    assert (tmp_path / f"{hub.context.name}.epub").read_bytes() == first


@pytest.mark.slow
def test_a_long_novel_is_one_document_per_chapter(corpus, tmp_path):
    """Bleak House (353,000 words) is split into its chapters; its page breaks carry no
    numbers, so it lists no pages. (How fast the writer is: ``make bench``.)"""
    from editio import build
    from editio.writers import epub

    hub, diagnostics = build.prepare(corpus["eltec-eng-large"], strict=False)
    assert hub is not None, diagnostics
    epub.write(hub, tmp_path)
    book = Epub(tmp_path / "eltec-eng-large.epub")
    assert len(book.spine) > 60 and book.nav("page-list") is None


_HEBREW_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}">
  <teiHeader><fileDesc><titleStmt><title>בראשית</title><editor>Test</editor></titleStmt>
    <publicationStmt><p>Test text.</p></publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ.</p></body></text>
</TEI>
"""


@pytest.mark.parametrize("lang, direction", [("he", "rtl"), ("he-Latn", None)])
def test_a_book_in_a_language_written_right_to_left_turns_its_pages_to_the_left(tmp_path, lang, direction):
    from editio import build as build_module

    tei = tmp_path / "genesis.xml"
    tei.write_text(_HEBREW_TEI.format(lang=lang), encoding="utf-8")
    result = build_module.build(tei, ["epub"], tmp_path / "out", quiet=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    with zipfile.ZipFile(tmp_path / "out" / "genesis" / "genesis.epub") as book:
        opf = etree.fromstring(book.read("EPUB/package.opf"))
        html = etree.fromstring(book.read(next(n for n in book.namelist() if n.endswith(".xhtml")
                                               and "text/" in n)))
    spine = opf.find("{http://www.idpf.org/2007/opf}spine")
    assert spine.get("page-progression-direction") == direction
    assert html.get("dir") == direction


def test_english_interface_words_in_a_text_written_right_to_left_read_left_to_right(tmp_path):
    """editio has no Yiddish labels: its English words ("Made with editio …", "Contents")
    would be set right to left with the text, and their full stop would move to their
    start. Each block outside the text takes the direction of its first letter; the title
    and the text keep the text's."""
    from editio import build as build_module

    tei = tmp_path / "genesis.xml"
    tei.write_text(_HEBREW_TEI.format(lang="yi"), encoding="utf-8")
    hub, _ = build_module.prepare(tei, strict=False, quiet=True)
    root = hub.root
    assert root.get("dir") == "rtl"
    generator = root.find(".//p[@class='generator']")
    assert generator is not None and generator.text.startswith("Made with editio")
    assert generator.get("dir") == "ltr"
    assert root.find(".//nav[@id='toc']/h2").get("dir") == "ltr"
    title = root.find(".//header[@id='titlepage']//h1")
    assert "".join(title.itertext()).strip() == "בראשית" and title.get("dir") is None
    assert all(el.get("dir") is None for el in root.find(".//main").iter())


FORMULAS = REPO / "tests" / "golden" / "math" / "formulas.xml"


@pytest.fixture(scope="module")
def formulas_book(tmp_path_factory) -> Path:
    from editio import build as build_module

    out = tmp_path_factory.mktemp("formulas")
    result = build_module.build(FORMULAS, ["epub"], out, quiet=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    return out / "formulas" / "formulas.epub"


def test_formulas_are_mathml_declared_in_the_package(formulas_book):
    """A reading system typesets a formula only as MathML in its namespace, and EPUB 3
    requires a document that holds one to say so in the manifest (``properties="mathml"``);
    the accessibility metadata names it too."""
    book = Epub(formulas_book)
    mathml = "{http://www.w3.org/1998/Math/MathML}"
    with_math = [item for item in book.opf.iterfind(".//opf:manifest/opf:item", NS)
                 if item.get("media-type") == "application/xhtml+xml"
                 and next(book.doc(book.full(item.get("href"))).iter(mathml + "math"), None) is not None]
    assert with_math, "no content document holds a MathML formula"
    assert all("mathml" in (item.get("properties") or "").split() for item in with_math)
    doc = book.doc(book.full(with_math[0].get("href")))
    formula = next(doc.iter(mathml + "math"))
    assert next(formula.iter(mathml + "mfrac"), None) is not None
    assert all(el.tag.startswith(mathml) for el in formula.iter() if isinstance(el.tag, str))
    assert "MathML" in book.meta("schema:accessibilityFeature")


@pytest.mark.oracle
def test_epubcheck_accepts_formulas(formulas_book, tools):
    report = tools.epubcheck(formulas_book)
    assert (report["fatals"], report["errors"], report["warnings"]) == (0, 0, 0), report["messages"]


def test_a_text_edited_in_another_language_is_first_a_book_in_its_own(built_edition):
    """A Latin text edited in English (no language on TEI, the header's and the text's
    apart): a reading system is told the book is Latin first, then English; the text's
    documents say Latin, the edition's own English."""
    source = REPO / "tests" / "golden" / "header" / "header-language.xml"
    epub = Epub(built_edition(source, "epub") / f"{source.stem}.epub")
    assert epub.dc("language") == ["la", "en"]
    bodies = {doc: epub.doc(doc).find(f"{{{XHTML}}}body").get("lang") for doc in epub.spine}
    assert "la" in bodies.values() and epub.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
