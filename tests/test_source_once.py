"""A build reads its TEI once: every format is made from the bytes it read first.

A file changed on disk during a build (an editor saving, a sync tool) must not give a TEI
export, a PDF attachment or located messages of one version beside an edition of another.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from editio import build as build_module
from editio.source import load as source

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt>
    <sourceDesc><p>Born digital.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>{words}</p></body></text>
</TEI>
"""


def test_every_format_comes_from_the_first_read(tmp_path, monkeypatch):
    tei = tmp_path / "changing.xml"
    tei.write_text(TEI.format(title="First version", words="The words as they were."), encoding="utf-8")
    real_prepare = build_module.prepare

    def prepare_then_save(*args, **kwargs):
        made = real_prepare(*args, **kwargs)
        # the file is saved again while the writers run
        tei.write_text(TEI.format(title="Second version", words="Other words entirely."), encoding="utf-8")
        return made

    monkeypatch.setattr(build_module, "prepare", prepare_then_save)
    result = build_module.build(tei, ["html", "tei"], tmp_path / "out", quiet=True)
    assert not [d for d in result.diagnostics if d.is_error]
    exported = etree.parse(str(tmp_path / "out" / "changing" / "changing.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert exported.findtext(".//t:title", namespaces=ns) == "First version"
    assert exported.findtext(".//t:body/t:p", namespaces=ns) == "The words as they were."
    page = (tmp_path / "out" / "changing" / "index.html").read_text(encoding="utf-8")
    assert "The words as they were." in page and "Other words" not in page


def test_pinned_bytes_are_released_after_the_build(tmp_path):
    tei = tmp_path / "a.xml"
    tei.write_text(TEI.format(title="T", words="Words."), encoding="utf-8")
    build_module.build(tei, ["html"], tmp_path / "out", quiet=True)
    assert source.pinned_bytes(tei) is None
    with source.pinned(tei, b"<x/>"):
        assert source.read(Path(tei)) == b"<x/>"
    assert source.read(tei) == tei.read_bytes()
