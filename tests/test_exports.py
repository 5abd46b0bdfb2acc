"""Exports for other tools: DOCX/ODT/Markdown (pandoc), the standalone TEI, citation data.

Every check reads the real output with the tool of its field or the format's own
structure: the DOCX's ``word/footnotes.xml`` and ``word/styles.xml``, the ODT's
``content.xml``, jing with TEI P5 ``tei_all``, poppler's ``pdftotext`` for PDF pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import prepared_hub
from editio.check import fidelity
from editio.writers import citations
from editio.writers import pandoc as exports
from editio.writers import tei as tei_export

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tei" / "stalin-hitler-1942-thread.xml"
CORPUS = REPO / "tests" / "fixtures" / "corpus"
EXPORT_FILES = {
    "seed": SEED,
    "letter-escher-K0176": CORPUS / "letter-escher-K0176.xml",
    "ss-notes1": CORPUS / "ss-notes1.xml",
}
TEI_NS = "http://www.tei-c.org/ns/1.0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
NAMED_STYLES = ("Speaker", "Quotation", "Bibliography", "Note", "Stage", "Register")
EPOCH = "1700000000"


@pytest.fixture(scope="module", autouse=True)
def source_date_epoch():
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()




@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """key → folder holding NAME.docx, NAME.odt, NAME.md (written by the three writers)."""
    done = {}

    def get(key: str) -> tuple[Path, object]:
        if key not in done:
            path = EXPORT_FILES[key]
            out = tmp_path_factory.mktemp(f"exports-{key}")
            hub = prepared_hub(path)
            for writer in (exports.write_docx, exports.write_odt, exports.write_md):
                diagnostics = writer(hub, out)
                assert not [d for d in diagnostics if d.is_error]
            done[key] = (out, hub)
        return done[key]

    return get


# --- reading the exports --------------------------------------------------------------------


def docx_parts(docx: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(docx) as z:
        names = z.namelist()
        return {n: etree.fromstring(z.read(n)) for n in ("word/document.xml", "word/footnotes.xml",
                                                         "word/styles.xml") if n in names}


def _w_text(root) -> str:
    out = []
    for el in root.iter():
        if el.tag == f"{W}t" and el.text:
            out.append(el.text)
        elif el.tag in (f"{W}p", f"{W}br", f"{W}tab"):
            out.append("\n")
    return "".join(out)


def docx_words(docx: Path) -> list[str]:
    parts = docx_parts(docx)
    text = _w_text(parts["word/document.xml"])
    if "word/footnotes.xml" in parts:
        text += "\n" + _w_text(parts["word/footnotes.xml"])
    return fidelity.words(text)


def odt_words(odt: Path) -> list[str]:
    with zipfile.ZipFile(odt) as z:
        root = etree.fromstring(z.read("content.xml"))
    out = []
    t = f"{{{TEXT_NS}}}"

    def walk(el):
        if el.tag in (f"{t}s", f"{t}tab", f"{t}line-break"):
            out.append(" ")
        elif el.text:
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if el.tag in (f"{t}p", f"{t}h", f"{t}note-citation"):
            out.append("\n")

    walk(root)
    return fidelity.words("".join(out))


def hub_note_count(hub) -> int:
    """Note calls in the hub outside note bodies: each must become one footnote."""
    calls = set()
    for a in hub.root.iter("a"):
        if a.get("role") == "doc-noteref" and not any(
            anc.tag == "aside" and anc.get("role") == "doc-footnote" for anc in a.iterancestors()
        ):
            calls.add(a.get("href"))
    return len(calls)


# --- DOCX / ODT / Markdown ----------------------------------------------------------------------


@pytest.mark.parametrize("key", list(EXPORT_FILES))
@pytest.mark.parametrize("fmt", ["docx", "odt", "md"])
def test_every_word_in_order(exported, key, fmt):
    out, hub = exported(key)
    path = out / f"{hub.context.name}.{fmt}"
    if fmt == "docx":
        words = docx_words(path)
    elif fmt == "odt":
        words = odt_words(path)
    else:
        # Read the Markdown as a Markdown reader does (markup is not text).
        plain = subprocess.run([exports.pandoc_path(), "-f", "markdown", "-t", "plain", "--wrap=none",
                                str(path)], capture_output=True, check=True, timeout=120).stdout
        words = fidelity.words(plain.decode("utf-8"))
    report = fidelity.measure(fidelity.tei_words(EXPORT_FILES[key]), words, fmt)
    missing = "\n".join(f"{m.stream}: {m.context}" for m in report.missing[:10])
    assert report.score >= 0.995, f"{fmt} of {key}: {report.score:.4f}\n{missing}"


@pytest.mark.parametrize("key", list(EXPORT_FILES))
def test_notes_are_real_footnotes(exported, key):
    out, hub = exported(key)
    parts = docx_parts(out / f"{hub.context.name}.docx")
    expected = hub_note_count(hub)
    assert expected > 0
    footnotes = parts["word/footnotes.xml"].findall(f"{W}footnote")
    real = [f for f in footnotes if int(f.get(f"{W}id")) > 0]
    assert len(real) == expected
    refs = list(parts["word/document.xml"].iter(f"{W}footnoteReference"))
    assert len(refs) == expected
    # The number and the text of each note share one paragraph.
    for f in real:
        first = f.find(f"{W}p")
        assert first.find(f".//{W}footnoteRef") is not None
        assert _w_text(first).strip(), "a footnote's first paragraph holds only its number"
    # ODT: one text:note per note call, each a footnote.
    with zipfile.ZipFile(out / f"{hub.context.name}.odt") as z:
        content = etree.fromstring(z.read("content.xml"))
    notes = content.findall(f".//{{{TEXT_NS}}}note")
    assert len(notes) == expected
    assert {n.get(f"{{{TEXT_NS}}}note-class") for n in notes} == {"footnote"}
    # Markdown: pandoc footnotes.
    md = (out / f"{hub.context.name}.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\[\^\d+\]:", md, re.M)) == expected


def _styles_used(parts) -> set[str]:
    used = set()
    for part in ("word/document.xml", "word/footnotes.xml"):
        if part in parts:
            used |= {el.get(f"{W}val") for el in parts[part].iter(f"{W}pStyle")}
    return used


def test_docx_named_styles_defined_and_used(exported):
    out, hub = exported("seed")
    parts = docx_parts(out / f"{hub.context.name}.docx")
    defined = {s.get(f"{W}styleId") for s in parts["word/styles.xml"].iter(f"{W}style")}
    assert set(NAMED_STYLES) <= defined
    used = _styles_used(parts)
    # The seed has speeches, notes, a register and a bibliography.
    assert {"Speaker", "Note", "Bibliography", "Register"} <= used, used
    speakers = [p for p in parts["word/document.xml"].iter(f"{W}p")
                if p.find(f"{W}pPr/{W}pStyle[@{W}val='Speaker']") is not None]
    # the attributions are the editor's (supplied): in brackets
    assert [_w_text(p).strip() for p in speakers] == ["[Ludwik Kowalski]", "[Wizard]", "[Ludwik Kowalski]"]


def test_block_quotations_use_quotation_style(tmp_path):
    path = CORPUS / "ss-quotations1.xml"
    hub = prepared_hub(path)
    exports.write_docx(hub, tmp_path)
    exports.write_odt(hub, tmp_path)
    parts = docx_parts(tmp_path / f"{hub.context.name}.docx")
    assert "Quotation" in _styles_used(parts)
    with zipfile.ZipFile(tmp_path / f"{hub.context.name}.odt") as z:
        content = z.read("content.xml").decode("utf-8")
        styles = z.read("styles.xml").decode("utf-8")
    assert 'text:style-name="Quotation"' in content
    for name in NAMED_STYLES:
        assert f'style:name="{name}"' in styles


def test_language_tags_reach_docx(tmp_path):
    # ss-generalP5 marks foreign words with xml:lang.
    path = CORPUS / "ss-generalP5.xml"
    tei = etree.parse(str(path))
    langs = {v for v in tei.xpath("//*[local-name()='text']//@xml:lang")}
    assert langs, "fixture has no language tags"
    hub = prepared_hub(path)
    exports.write_docx(hub, tmp_path)
    parts = docx_parts(tmp_path / f"{hub.context.name}.docx")
    in_docx = {el.get(f"{W}val") for el in parts["word/document.xml"].iter(f"{W}lang")}
    assert langs & in_docx, (langs, in_docx)


def test_metadata_in_docx_core_properties(exported):
    out, hub = exported("seed")
    with zipfile.ZipFile(out / f"{hub.context.name}.docx") as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "Stalin-Hitler 1942--a little-known WWII story" in core
    assert "Ludwik Kowalski" in core


def test_exports_are_reproducible(exported, tmp_path):
    out, hub = exported("seed")
    for writer, ext in ((exports.write_docx, "docx"), (exports.write_odt, "odt"), (exports.write_md, "md")):
        writer(hub, tmp_path)
        assert _sha(tmp_path / f"{hub.context.name}.{ext}") == _sha(out / f"{hub.context.name}.{ext}"), ext


def test_reference_documents_are_what_the_script_makes(tmp_path):
    import importlib.util

    script = REPO / "styles" / "reference" / "make_reference.py"
    spec = importlib.util.spec_from_file_location("make_reference", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in module.main(tmp_path):
        committed = REPO / "styles" / "reference" / path.name
        assert _sha(path) == _sha(committed), (
            f"{committed} differs from what make_reference.py makes with this pandoc; run "
            "`python styles/reference/make_reference.py`")


# --- the standalone TEI -------------------------------------------------------------------------


@pytest.mark.oracle
@pytest.mark.parametrize("path", [SEED, *[CORPUS / f for f in ("letter-escher-K0176.xml", "ss-notes1.xml",
                                                                 "ss-generalP5.xml")]],
                         ids=lambda p: p.stem)
def test_exported_tei_is_valid_and_source_untouched(tools, tmp_path, path):
    before = _sha(path)
    hub = prepared_hub(path)
    diagnostics = tei_export.write(hub, tmp_path)
    assert not [d for d in diagnostics if d.is_error]
    out = tmp_path / f"{hub.context.name}.xml"
    assert tools.jing(tools.tei_all_rng(), out) == []
    assert _sha(path) == before


@pytest.mark.parametrize("path", [SEED, CORPUS / "ss-notes1.xml", CORPUS / "letter-escher-K0176.xml",
                                  CORPUS / "drama-shake-hamlet.xml"], ids=lambda p: p.stem)
def test_generated_ids_are_the_hubs(tmp_path, path):
    hub = prepared_hub(path)
    tei_export.write(hub, tmp_path)
    exported = etree.parse(str(tmp_path / f"{hub.context.name}.xml"))
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    original = set(etree.parse(str(path)).xpath("//@xml:id"))
    by_id = {el.get(xml_id): el for el in exported.iter() if isinstance(el.tag, str) and el.get(xml_id)}
    # Every anchor the hub generated (NAME-N on an element rendering TEI NAME) is now an
    # xml:id of the exported TEI, on an element of that name...
    hub_generated = {el.get("id"): el.get("data-tei") for el in hub.root.iter()
                     if isinstance(el.tag, str) and el.get("data-tei") and el.get("id") not in original
                     and re.fullmatch(re.escape(el.get("data-tei")) + r"-\d+", el.get("id") or "")}
    for ident, name in hub_generated.items():
        assert ident in by_id, f"hub anchor {ident} is missing from the exported TEI"
        assert etree.QName(by_id[ident]).localname == name
    # ...and the numbering is the stylesheet's: for paragraphs of the text, their position
    # among the text's paragraphs.
    paragraphs = exported.xpath("//t:text//t:p", namespaces={"t": TEI_NS})
    for n, p in enumerate(paragraphs, 1):
        if p.get(xml_id) is not None and p.get(xml_id) not in original:
            assert p.get(xml_id) == f"p-{n}"
    added = set(by_id) - original
    hub_ids = {el.get("id") for el in hub.root.iter() if isinstance(el.tag, str) and el.get("id")}
    assert added <= hub_ids
    if path != SEED:  # the seed gives every paragraph-level element an id of its own
        assert added
    # Nothing else changed in the text: same words, same order.
    assert fidelity.tei_words(path).reading == fidelity.tei_words(exported).reading


def test_xinclude_resolved_only_inside_the_folder(tmp_path):
    outside = tmp_path / "secret.xml"
    outside.write_text(f'<p xmlns="{TEI_NS}">SECRET-WORDS</p>', encoding="utf-8")
    folder = tmp_path / "edition"
    (folder / "parts").mkdir(parents=True)
    (folder / "parts" / "chapter.xml").write_text(
        f'<div xmlns="{TEI_NS}"><head>Included chapter</head><p>Words from the included file.</p></div>',
        encoding="utf-8")
    main = folder / "main.xml"
    main.write_text(f"""<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">
  <teiHeader><fileDesc><titleStmt><title>Parts</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>
    <xi:include href="parts/chapter.xml"/>
    <div><p>Before.</p><xi:include href="../secret.xml"><xi:fallback><p>Fallback text.</p></xi:fallback></xi:include></div>
    <div><p>After <ptr target="#nowhere"/>.</p><xi:include href="/etc/hostname"/></div>
  </body></text>
</TEI>""", encoding="utf-8")
    before = _sha(main)
    tree, diagnostics = tei_export.export_tree(main)
    data = tei_export.serialize(tree).decode("utf-8")
    assert "Words from the included file." in data
    assert "SECRET-WORDS" not in data
    assert "Fallback text." in data
    assert "http://www.w3.org/2001/XInclude" not in data
    codes = [d.code for d in diagnostics]
    assert codes.count("W-TEI-1") == 2
    assert "W-TEI-3" in codes  # #nowhere
    assert _sha(main) == before
    ids = tree.xpath("//t:div/@xml:id", namespaces={"t": TEI_NS})
    assert ids == ["div-1", "div-2", "div-3"]


# --- citations -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_edition(tmp_path_factory):
    """The seed's web edition, EPUB and PDF written into one folder, then the citation files."""
    from editio.writers import epub, pdf
    from editio.writers import web as html

    out = tmp_path_factory.mktemp("citations")
    hub = prepared_hub(SEED)
    for writer in (html.write, epub.write, pdf.write, citations.write):
        diagnostics = writer(hub, out)
        assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return out, hub


def _words(text: str) -> list[str]:
    return fidelity.words(text)


def test_citations_agree_with_the_pdf_and_epub(tools, seed_edition):
    out, hub = seed_edition
    data = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    anchors = data["anchors"]
    tei = etree.parse(str(SEED))
    checked = 0
    for ident in ("post1-p1", "post1-p4", "post2-p2", "post3-p1", "signature-p3"):
        entry = anchors[ident]
        assert entry["html"] == f"index.html#{ident}"
        el = tei.xpath("//*[@xml:id=$i]", i=ident)[0]
        first = _words("".join(el.xpath(".//text()[not(ancestor::*[local-name()='note'])]")))[:4]
        page_text = _words(tools.pdftotext(out / f"{hub.context.name}.pdf", first=entry["pdf_page"],
                                           last=entry["pdf_page"]))
        joined = " ".join(page_text)
        assert " ".join(first) in joined, (ident, entry["pdf_page"], first)
        member, _, frag = entry["epub"].partition("#")
        assert frag == ident
        with zipfile.ZipFile(out / f"{hub.context.name}.epub") as z:
            assert f'id="{ident}"' in z.read(member).decode("utf-8")
        checked += 1
    assert checked == 5
    # Every id of the TEI is listed; generated anchors are marked.
    ids = set(tei.xpath("//@xml:id"))
    assert ids <= set(anchors)
    assert any(e.get("generated") for e in anchors.values())


def test_edition_csl_and_bibtex(seed_edition):
    out, hub = seed_edition
    name = hub.context.name
    (record,) = json.loads((out / f"{name}.csl.json").read_text(encoding="utf-8"))
    assert record["id"] == name
    assert record["type"] == "book"
    assert record["title"].startswith("Stalin-Hitler 1942--a little-known WWII story")
    assert {"family": "Kowalski", "given": "Ludwik"} in record["author"]
    assert {"literal": "Wizard"} in record["author"]
    assert record["issued"] == {"date-parts": [[2026, 11, 26]]}
    assert record["publisher"] == "editio project"
    bib = (out / f"{name}.bib").read_text(encoding="utf-8")
    m = re.match(r"@book\{([^,\s]+),\n", bib)
    assert m and m.group(1) == name
    fields = dict(re.findall(r"^\s+(\w+) = \{(.*)\},?$", bib, re.M))
    assert fields["title"] == "{Stalin-Hitler 1942--a little-known WWII story}"
    assert fields["author"] == "Kowalski, Ludwik and {Wizard}"
    assert fields["year"] == "2026"
    assert bib.count("{") == bib.count("}")


def test_bibliography_csl(seed_edition):
    out, _ = seed_edition
    items = {i["id"]: i for i in json.loads((out / "bibliography.csl.json").read_text(encoding="utf-8"))}
    assert set(items) == {"bibl-magenheimer", "bibl-magenheimer-section", "bibl-magenheimer-n49",
                          "bibl-kowalski-diary"}
    book = items["bibl-magenheimer"]
    assert book["type"] == "book"
    assert book["author"] == [{"family": "Magenheimer", "given": "Heinz"}]
    assert book["title"] == "Germany’s Key Strategic Decisions 1940-1945"
    section = items["bibl-magenheimer-section"]
    assert section["type"] == "chapter"
    assert section["container-title"] == "Germany’s Key Strategic Decisions 1940-1945"
    assert section["page"] == "192-201"
    assert items["bibl-magenheimer-n49"]["page"] == "307"
    assert items["bibl-kowalski-diary"]["URL"] == "http://csam.montclair.edu/~kowalski/life/intro.html"


def test_bibliography_csl_from_biblstruct():
    _, root = citations.tei_ids(CORPUS / "ss-bibliography1.xml")
    items = citations.bibliography_csl(root)
    assert len(items) >= 75
    knuth = next(i for i in items if i["id"] == "KNUTH")
    assert knuth["author"] == [{"family": "Knuth", "given": "Donald E."}]
    assert knuth["publisher-place"] == "Stanford, California"
    assert knuth["issued"] == {"date-parts": [[1992]]}
    chapters = [i for i in items if i["type"] in ("chapter", "article-journal")]
    assert chapters and all(i.get("container-title") for i in chapters)


def test_typographic_characters_are_the_texts(exported):
    """Quotation marks, apostrophes and dashes of the TEI reach every export unchanged."""
    out, hub = exported("seed")
    name = hub.context.name
    md = (out / f"{name}.md").read_text(encoding="utf-8")
    docx_text = _w_text(docx_parts(out / f"{name}.docx")["word/document.xml"])
    for text in (md, docx_text):
        assert "recently–“" in text
        assert "Stalin’s" in text.replace("[Stalin](#stalin)’s", "Stalin’s")
        assert "1942--a little-known" in text
