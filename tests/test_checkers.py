"""The checkers can fail: each one is shown a known fault and must report it.

A gate that passes everything proves nothing. These tests feed every oracle a
small input with one deliberate fault (and, where it matters, the same input
without the fault) and assert that the fault, and only it, is reported.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import checkers

pytestmark = pytest.mark.oracle

GOOD_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main><h1>A page</h1><p>Some text.</p><img src="x.png" alt="A picture"></main></body></html>
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- a minimal EPUB 3, built here with zipfile ------------------------------------------------

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:4f1c7a52-8a3e-4b7c-9a59-2a1d6c0f0b11</dc:identifier>
    <dc:title>A small book</dc:title>
    <dc:language>en</dc:language>
    <dc:creator>A. Author</dc:creator>
    <meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">Text with headings and a table of contents.</meta>
    <meta property="dcterms:conformsTo">http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa</meta>
    <meta property="a11y:certifiedBy">editio</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/></spine>
</package>
"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body><nav epub:type="toc" role="doc-toc" id="toc"><h1>Contents</h1><ol><li><a href="chapter1.xhtml">Chapter One</a></li></ol></nav></body>
</html>
"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Chapter One</title></head>
<body><section epub:type="chapter" role="doc-chapter"><h1>Chapter One</h1><p>It was a dark night.</p>{extra}</section></body>
</html>
"""


def make_epub(path: Path, chapter_extra: str = "", break_opf: bool = False) -> Path:
    opf = OPF
    if break_opf:
        # a manifest item whose file is not in the container
        opf = opf.replace("</manifest>", '<item id="gone" href="missing.xhtml" media-type="application/xhtml+xml"/></manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", CONTAINER, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("EPUB/package.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("EPUB/nav.xhtml", NAV, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("EPUB/chapter1.xhtml", CHAPTER.format(extra=chapter_extra), compress_type=zipfile.ZIP_DEFLATED)
    return path


# --- Nu HTML Checker ----------------------------------------------------------------------------


def test_vnu_passes_a_valid_page_and_reports_errors_in_a_broken_one(tmp_path):
    good = _write(tmp_path / "good.html", GOOD_HTML)
    bad = _write(tmp_path / "bad.html", GOOD_HTML.replace("<p>Some text.</p>", "<p><div>block in p</p></div>"))
    msgs = checkers.vnu([good, bad])
    assert [m for m in msgs if m["file"].endswith("good.html")] == []
    bad_msgs = [m for m in msgs if m["file"].endswith("bad.html")]
    assert bad_msgs and all(m["type"] in ("error", "fatal", "warning") for m in bad_msgs)
    assert any("“p” end tag" in m["message"] for m in bad_msgs), bad_msgs


def test_vnu_checks_xhtml_as_xml(tmp_path):
    # An unclosed element is fine for the HTML parser but not well-formed XML.
    xhtml = CHAPTER.format(extra="<p>an open paragraph <br></p>")
    bad = _write(tmp_path / "bad.xhtml", xhtml)
    msgs = checkers.vnu([bad])
    assert msgs, "vnu accepted ill-formed XHTML"


# --- axe-core in Chromium ---------------------------------------------------------------------------


def test_axe_reports_an_image_without_alt_and_passes_the_fixed_page(tmp_path):
    good = _write(tmp_path / "good.html", GOOD_HTML)
    bad = _write(tmp_path / "bad.html", GOOD_HTML.replace(' alt="A picture"', ""))
    results = checkers.browser_run(
        [
            {"path": good, "width": 1280, "axe": True},
            {"path": bad, "width": 390, "axe": True, "screenshot": tmp_path / "bad.png"},
        ]
    )
    assert results[0]["violations"] == []
    assert [v["id"] for v in results[1]["violations"]] == ["image-alt"]
    png = (tmp_path / "bad.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 390  # IHDR width = viewport width


def test_browser_serves_the_folder_locally_and_blocks_the_network(tmp_path):
    script = (
        "<script>fetch('data.json').then(r => r.json())"
        ".then(d => { document.title = 'got ' + d.v; return fetch('https://example.com/'); })"
        ".then(() => { document.title += ' / reached the network'; },"
        "      () => { document.title += ' / blocked'; });</script>"
    )
    page = _write(tmp_path / "f.html", GOOD_HTML.replace("</main>", "</main>" + script))
    _write(tmp_path / "data.json", '{"v": "local data"}')
    served, plain = checkers.browser_run([
        {"path": page, "width": 600, "serve": True, "axe": False},
        {"path": page, "width": 600, "axe": False},
    ])
    assert served["title"] == "got local data / blocked"
    # from file: Chromium refuses the fetch, so the page keeps its title
    assert plain["title"] == "A page / blocked"


def test_axe_single_page_helper(tmp_path):
    bad = _write(tmp_path / "bad.html", GOOD_HTML.replace('lang="en"', ""))
    assert "html-has-lang" in [v["id"] for v in checkers.axe(bad)]


# --- EPUBCheck ----------------------------------------------------------------------------------------


def test_epubcheck_passes_a_minimal_epub(tmp_path):
    res = checkers.epubcheck(make_epub(tmp_path / "good.epub"))
    assert (res["fatals"], res["errors"], res["warnings"]) == (0, 0, 0), res["messages"]


def test_epubcheck_reports_a_missing_manifest_file(tmp_path):
    res = checkers.epubcheck(make_epub(tmp_path / "bad.epub", break_opf=True))
    assert res["errors"] + res["fatals"] >= 1
    assert any("missing.xhtml" in m["message"] or any("missing" in loc for loc in m["locations"])
               for m in res["messages"]), res["messages"]


def test_epubcheck_reports_invalid_xhtml(tmp_path):
    res = checkers.epubcheck(make_epub(tmp_path / "bad.epub", chapter_extra="<p><p>nested</p></p>"))
    assert res["errors"] >= 1, res["messages"]
    assert any("chapter1.xhtml" in loc for m in res["messages"] for loc in m["locations"])


# --- DAISY Ace ------------------------------------------------------------------------------------------


def test_ace_runs_and_reports_an_image_without_alt(tmp_path):
    good = checkers.ace(make_epub(tmp_path / "good.epub"), tmp_path / "ace-good")
    assert checkers.ace_outcome(good) == "pass", checkers.ace_violations(good)
    bad_epub = make_epub(tmp_path / "bad.epub", chapter_extra='<table><tr><td>no header</td></tr></table>'
                         '<a href="#"></a>')
    bad = checkers.ace(bad_epub, tmp_path / "ace-bad")
    assert checkers.ace_outcome(bad) == "fail"
    rules = {v["rule"] for v in checkers.ace_violations(bad)}
    assert "link-name" in rules, rules


# --- jing -------------------------------------------------------------------------------------------------

RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><element name="doc"><oneOrMore><element name="p"><text/></element></oneOrMore></element></start>
</grammar>
"""


def test_jing_reports_an_invalid_document(tmp_path):
    rng = _write(tmp_path / "s.rng", RNG)
    assert checkers.jing(rng, _write(tmp_path / "ok.xml", "<doc><p>x</p></doc>")) == []
    msgs = checkers.jing(rng, _write(tmp_path / "bad.xml", "<doc><q>x</q></doc>"))
    assert len(msgs) >= 1 and "bad.xml" in msgs[0]


def test_tei_all_rng_is_the_pinned_tei_p5(tmp_path):
    rng = checkers.tei_all_rng()
    head = rng.read_text(encoding="utf-8")[:4000]
    assert "http://relaxng.org/ns/structure/1.0" in head
    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>text</p></body></text></TEI>"""
    assert checkers.jing(rng, _write(tmp_path / "ok.xml", tei)) == []
    bad = checkers.jing(rng, _write(tmp_path / "bad.xml", tei.replace("<p>text</p>", "<para>text</para>")))
    assert bad and any("para" in m for m in bad)


# --- poppler and qpdf ---------------------------------------------------------------------------------------


def _tiny_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF written by hand (one Helvetica line per page), so no PDF library is under test."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
        objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objs)} 0 R >>")
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_pdf_tools_read_pages_and_qpdf_rejects_a_damaged_file(tmp_path):
    pdf = _tiny_pdf(tmp_path / "t.pdf", ["First page", "Second page"])
    assert [p.strip() for p in checkers.pdf_page_texts(pdf)] == ["First page", "Second page"]
    assert checkers.pdftotext(pdf, first=2, last=2).strip() == "Second page"
    ok, out = checkers.qpdf_check(pdf)
    assert ok, out
    pngs = checkers.pdftoppm(pdf, tmp_path / "png" / "p", first=1, last=2, dpi=20)
    assert len(pngs) == 2 and all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)
    damaged = tmp_path / "damaged.pdf"
    data = pdf.read_bytes()
    damaged.write_bytes(data.replace(b"startxref\n", b"startxref\n9"))
    ok, out = checkers.qpdf_check(damaged)
    assert not ok, out


def test_missing_tool_is_an_error_not_a_skip(monkeypatch):
    monkeypatch.setattr(checkers, "CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(checkers.ToolMissing, match=r"install\.sh"):
        checkers.chromium()


def test_checker_timeout_is_enforced():
    with pytest.raises(checkers.ToolFailed, match="timed out"):
        checkers._run(["sleep", "5"], timeout=0.2)
