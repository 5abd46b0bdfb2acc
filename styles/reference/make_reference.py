"""Make reference.docx and reference.odt: pandoc's defaults plus styles named after TEI.

A press restyles an editio export by editing a handful of named styles, one per
TEI concept the text uses: Speaker (``sp/speaker``), Quotation (block ``quote``),
Bibliography (``listBibl``), Note (``note``), Stage (``stage``) and Register
(``listPerson``/``listPlace``).  The exports apply them as paragraph styles
(pandoc ``custom-style``), so Word's or LibreOffice's style pane lists them.

The files are derived from pandoc's own default reference documents, edited with
lxml and zipped with fixed timestamps and a fixed member order, so running this
script twice gives identical bytes (for one pandoc version).  Run it again after
upgrading pandoc::

    python styles/reference/make_reference.py
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

# name → (based on, paragraph properties, run properties), in WordprocessingML.
DOCX_STYLES = {
    "Speaker": ("BodyText",
                '<w:keepNext/><w:spacing w:before="180" w:after="0"/><w:ind w:firstLine="0"/>',
                '<w:b/><w:smallCaps/>'),
    "Quotation": ("BodyText",
                  '<w:spacing w:before="100" w:after="100"/>'
                  '<w:ind w:left="567" w:right="567" w:firstLine="0"/>',
                  '<w:sz w:val="22"/><w:szCs w:val="22"/>'),
    "Bibliography": ("Normal",
                     '<w:spacing w:before="0" w:after="120"/><w:ind w:left="567" w:hanging="567"/>',
                     ''),
    "Note": ("FootnoteText", '<w:spacing w:before="0" w:after="60"/>',
             '<w:sz w:val="20"/><w:szCs w:val="20"/>'),
    "Stage": ("BodyText", '<w:ind w:left="567" w:firstLine="0"/>', '<w:i/><w:iCs/>'),
    "Register": ("Normal", '<w:spacing w:before="0" w:after="80"/><w:ind w:left="567" w:hanging="567"/>',
                 '<w:sz w:val="22"/><w:szCs w:val="22"/>'),
}

# name → (parent style, paragraph properties, text properties), in OpenDocument.
ODT_STYLES = {
    "Speaker": ("Text_20_body", 'fo:margin-top="0.3cm" fo:margin-bottom="0cm" fo:keep-with-next="always"',
                'fo:font-weight="bold" fo:font-variant="small-caps"'),
    "Quotation": ("Quotations", 'fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-top="0.18cm" '
                  'fo:margin-bottom="0.18cm"', 'fo:font-size="11pt"'),
    "Bibliography": ("Standard", 'fo:margin-left="1cm" fo:text-indent="-1cm" fo:margin-bottom="0.2cm"', ''),
    "Note": ("Footnote", 'fo:margin-bottom="0.1cm"', 'fo:font-size="10pt"'),
    "Stage": ("Text_20_body", 'fo:margin-left="1cm"', 'fo:font-style="italic"'),
    "Register": ("Standard", 'fo:margin-left="1cm" fo:text-indent="-1cm" fo:margin-bottom="0.14cm"',
                 'fo:font-size="11pt"'),
}


def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def default_reference(kind: str) -> bytes:
    return subprocess.run([pandoc(), "--print-default-data-file", f"reference.{kind}"],
                          check=True, capture_output=True).stdout


def _docx_styles(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for name, (based_on, ppr, rpr) in DOCX_STYLES.items():
        for old in root.findall(f"{{{W}}}style[@{{{W}}}styleId='{name}']"):
            root.remove(old)
        style = etree.fromstring(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:customStyle="1" w:styleId="{name}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/><w:next w:val="{based_on}"/>'
            f'<w:uiPriority w:val="9"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
        )
        root.append(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _odt_styles(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    styles = root.find(f"{{{OFFICE}}}styles")
    for name, (parent, ppr, tpr) in ODT_STYLES.items():
        for old in styles.findall(f"{{{STYLE}}}style[@{{{STYLE}}}name='{name}']"):
            styles.remove(old)
        style = etree.fromstring(
            f'<style:style xmlns:style="{STYLE}" xmlns:fo="{FO}" style:name="{name}" '
            f'style:display-name="{name}" style:family="paragraph" style:parent-style-name="{parent}" '
            f'style:class="text"><style:paragraph-properties {ppr}/>'
            f'<style:text-properties {tpr}/></style:style>'
        )
        styles.append(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def rezip(data: bytes, edits: dict[str, callable]) -> bytes:
    """The same archive, members edited, every timestamp fixed; ``mimetype`` stays first and stored."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in edits:
                content = edits[info.filename](content)
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.external_attr = 0o644 << 16
            member.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(member, content)
    return out.getvalue()


def main(outdir: Path = HERE) -> list[Path]:
    docx = rezip(default_reference("docx"), {"word/styles.xml": _docx_styles})
    odt = rezip(default_reference("odt"), {"styles.xml": _odt_styles})
    written = []
    for name, data in (("reference.docx", docx), ("reference.odt", odt)):
        path = outdir / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
