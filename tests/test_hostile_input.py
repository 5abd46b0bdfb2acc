"""Hostile and broken input: refused with one clear diagnostic, nothing outside the file read.

Every case is a real file written to tmp_path.  The API must raise EditioError
with ``FILE:LINE:COL: error CODE: ...`` diagnostics; ``editio validate`` must
print them and exit 1 without a traceback.  Files that would leak (a secret
file, a named pipe, a local HTTP server) prove that nothing was read: a pipe
blocks any reader forever, and the server counts requests.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from lxml import etree

from editio.diagnostics import EditioError
from editio.source import load as source
from editio.source import validate

TEI_NS = "http://www.tei-c.org/ns/1.0"
MARKER = "EDITIO-SECRET-7f3a9c"
BODY = f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><p>{{}}</p></body></text></TEI>\n'
REPO = Path(__file__).resolve().parent.parent


def refused(path: Path, **kwargs) -> list:
    with pytest.raises(EditioError) as info:
        source.load(path, **kwargs)
    diagnostics = info.value.diagnostics
    assert diagnostics
    for d in diagnostics:
        line = d.format()
        assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: error E-[A-Z]+-\d+: \S", line), line
        assert d.line >= 1 and d.column >= 1
        assert MARKER not in line
        assert "Traceback" not in line
    # validate() reports the same instead of raising (it loads with the default limit)
    if not kwargs:
        assert [d.code for d in validate.validate(path)] == [d.code for d in diagnostics]
    return diagnostics


def one(path: Path, code: str, **kwargs):
    diagnostics = refused(path, **kwargs)
    assert [d.code for d in diagnostics] == [code], [d.format() for d in diagnostics]
    return diagnostics[0]


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER + "\n", encoding="utf-8")
    return path


@pytest.fixture
def pipe(tmp_path) -> Path:
    """A named pipe: opening it for reading blocks until a writer comes, which never happens."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def load_in_child(path: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Load in a separate process, so that a read of a named pipe shows up as a hang, not a hung test."""
    code = (
        "import sys\nfrom editio.source import load as source\nfrom editio.diagnostics import EditioError\n"
        "try:\n    source.load(sys.argv[1])\nexcept EditioError as e:\n    print(e)\n    sys.exit(1)\n"
    )
    try:
        return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path} blocked: the loader opened a file named by the document")


def test_billion_laughs_is_refused_without_expansion(tmp_path):
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    ]
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE TEI [\n' + "\n".join(levels) + "\n]>\n"
                    + BODY.format("&lol9;"), encoding="utf-8")
    d = one(path, "E-XML-2")       # refused before parsing: nothing was expanded
    assert (d.line, d.column) == (3, 1)
    assert "expand" in d.message and "10 entity declarations" in d.message


def test_a_nested_internal_entity_is_not_expanded(tmp_path):
    path = tmp_path / "entity.xml"
    path.write_text(f'<!DOCTYPE TEI [ <!ENTITY name "{MARKER}"> <!ENTITY twice "&name;&name;"> ]>\n'
                    + BODY.format("&twice;"), encoding="utf-8")
    d = one(path, "E-XML-2")
    assert (d.line, d.column) == (1, 17)


def test_a_single_level_internal_entity_is_written_out_in_place(tmp_path):
    """An internal entity whose value names no other entity (an edition's "&gd;" for its
    line-break markup) cannot grow the text beyond its references: it is written out, and
    the lines of the file stay where they were."""
    path = tmp_path / "entity.xml"
    path.write_text(f'<!DOCTYPE TEI [\n<!ENTITY name "{MARKER}">\n<!ENTITY br \'<lb xmlns="{TEI_NS}"/>\'>\n]>\n'
                    + BODY.format("a &name; b&br;c"), encoding="utf-8")
    tree = source.load(path)
    p = tree.getroot().find(f".//{{{TEI_NS}}}p")
    assert "".join(p.itertext()) == f"a {MARKER} bc"
    assert p.find(f"{{{TEI_NS}}}lb") is not None and p.sourceline == 5


def test_an_internal_entity_naming_a_character_is_written_out(tmp_path):
    """The commonest internal entity names a character by its reference ("&#xF1C2;", a
    Menota transcription's abbreviation sign; "&#8212;" for a dash): such a value refers to
    no entity, so the file is read, the characters in place."""
    path = tmp_path / "characters.xml"
    path.write_text('<!DOCTYPE TEI [\n<!ENTITY er "&#xF1C2;">\n<!ENTITY mdash \'&#8212;\'>\n'
                    '<!ENTITY both "x&#x2c;y">\n]>\n' + BODY.format("hef&er; a&mdash;b &both;"), encoding="utf-8")
    tree = source.load(path)
    p = tree.getroot().find(f".//{{{TEI_NS}}}p")
    assert "".join(p.itertext()) == "hef\uf1c2 a\u2014b x,y"


def test_external_file_entity_is_never_read(tmp_path, secret, pipe):
    path = tmp_path / "xxe.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
                    + BODY.format("&xxe;"), encoding="utf-8")
    d = one(path, "E-XML-3")
    assert (d.line, d.column) == (2, 17) and "never reads" in d.message
    blocking = tmp_path / "xxe-pipe.xml"
    blocking.write_text(f'<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM "{pipe.as_uri()}"> ]>\n'
                        + BODY.format("&xxe;"), encoding="utf-8")
    proc = load_in_child(blocking)
    assert proc.returncode == 1 and "E-XML-3" in proc.stdout and "Traceback" not in proc.stderr


def test_etc_passwd_entity(tmp_path):
    path = tmp_path / "passwd.xml"
    path.write_text('<!DOCTYPE TEI [ <!ENTITY p SYSTEM "file:///etc/passwd"> ]>\n' + BODY.format("&p;"),
                    encoding="utf-8")
    d = one(path, "E-XML-3")
    assert "root:" not in d.format()


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(MARKER.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    _Counter.hits = 0
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    server.timeout = 0.2
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_entity_and_dtd_make_no_request(tmp_path, local_server):
    entity = tmp_path / "http-entity.xml"
    entity.write_text(f'<!DOCTYPE TEI [ <!ENTITY e SYSTEM "{local_server}/e.txt"> ]>\n' + BODY.format("&e;"),
                      encoding="utf-8")
    dtd = tmp_path / "http-dtd.xml"
    dtd.write_text(f'<!DOCTYPE TEI SYSTEM "{local_server}/tei.dtd">\n' + BODY.format("x"), encoding="utf-8")
    one(entity, "E-XML-3")
    assert load_in_child(entity).returncode == 1
    assert load_in_child(dtd).returncode == 0        # read without its DTD
    assert "E-XML-4" in [d.code for d in validate.validate(dtd)]
    time.sleep(0.3)
    assert _Counter.hits == 0


def test_external_dtd_is_never_loaded(tmp_path, secret, pipe):
    """A DOCTYPE naming a DTD (older TEI, TEI's own test files) does not stop an edition:
    the file is read without the DTD, which is never opened (a named pipe would hang the
    reader), and validation says so in a warning at the DOCTYPE."""
    path = tmp_path / "dtd.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{secret.as_uri()}">\n' + BODY.format("x"),
                    encoding="utf-8")
    tree = source.load(path)
    assert MARKER not in etree.tostring(tree, encoding="unicode")
    found = validate.validate(path, strict=False)
    doctype = [d for d in found if d.code == "E-XML-4"]
    assert [(d.line, d.column, d.severity) for d in doctype] == [(2, 1, "warning")]
    public = tmp_path / "public.xml"
    public.write_text(f'<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{pipe.as_uri()}">\n' + BODY.format("x"),
                      encoding="utf-8")
    assert load_in_child(public).returncode == 0


def test_entities_of_an_unread_dtd_are_characters_or_located_errors(tmp_path):
    """The names older TEI DTDs declare for characters (HTML's: &mdash;, &eacute;) are
    written as those characters; another name only its DTD could define is an error at
    its place, naming it."""
    known = tmp_path / "known.xml"
    known.write_text('<!DOCTYPE TEI SYSTEM "tei.dtd">\n' + BODY.format("a&mdash;b &eacute;t&eacute; &amp;"),
                     encoding="utf-8")
    paragraph = source.load(known).getroot().find(f".//{{{TEI_NS}}}p")
    assert "".join(paragraph.itertext()) == "a—b été &"
    unknown = tmp_path / "unknown.xml"
    unknown.write_text('<!DOCTYPE TEI SYSTEM "tei.dtd">\n' + BODY.format("a&mdash;b &unknownchar;"),
                       encoding="utf-8")
    d = one(unknown, "E-XML-5")
    column = BODY.format("a&mdash;b &unknownchar;").index("&unknownchar;") + 1
    assert (d.line, d.column) == (2, column) and "&unknownchar;" in d.message


def test_parameter_entities_are_refused(tmp_path, secret, pipe):
    external = tmp_path / "pe.xml"
    external.write_text(f'<!DOCTYPE TEI [ <!ENTITY % pe SYSTEM "{pipe.as_uri()}"> %pe; ]>\n'
                        + BODY.format("x"), encoding="utf-8")
    d = one(external, "E-XML-3")
    assert "parameter entity 'pe'" in d.message
    assert load_in_child(external).returncode == 1
    internal = tmp_path / "pe-internal.xml"
    internal.write_text(f"<!DOCTYPE TEI [ <!ENTITY % pe \"<!ENTITY x '{MARKER}'>\"> %pe; ]>\n"
                        + BODY.format("&x;"), encoding="utf-8")
    one(internal, "E-XML-2")


def test_plain_doctype_is_harmless(tmp_path):
    path = tmp_path / "doctype.xml"
    path.write_text("<!-- a comment with <!DOCTYPE in it -->\n<!DOCTYPE TEI>\n" + BODY.format("x"),
                    encoding="utf-8")
    assert source.load(path).getroot().tag == f"{{{TEI_NS}}}TEI"


def test_non_tei_root(tmp_path):
    path = tmp_path / "html.xml"
    path.write_text("<html><body><p>x</p></body></html>\n", encoding="utf-8")
    d = one(path, "E-TEI-1")
    assert "<TEI>" in d.message


def test_tei_without_namespace(tmp_path):
    path = tmp_path / "nons.xml"
    path.write_text("\n<TEI><text><body><p>x</p></body></text></TEI>\n", encoding="utf-8")
    d = one(path, "E-TEI-2")
    assert d.line == 2 and f'xmlns="{TEI_NS}"' in d.message


@pytest.mark.parametrize("content", [b"", b"  \n\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.xml"
    path.write_bytes(content)
    one(path, "E-IO-2")


def test_binary_file(tmp_path):
    path = tmp_path / "image.xml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    one(path, "E-ENC-1")


def test_wrong_encoding_declaration(tmp_path):
    path = tmp_path / "latin1.xml"
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + BODY.format("Caf\u00e9 cr\u00e8me")
    path.write_bytes(text.encode("latin-1"))
    d = one(path, "E-ENC-2")
    assert d.line == 2 and d.column == text.splitlines()[1].index("\u00e9") + 1
    assert "0xE9" in d.message and "UTF-8" in d.message


def test_declared_latin1_is_read_as_latin1(tmp_path):
    path = tmp_path / "declared.xml"
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + BODY.format("Caf\u00e9")
    path.write_bytes(text.encode("latin-1"))
    assert "Caf\u00e9" in source.load(path).getroot().findtext(f".//{{{TEI_NS}}}p")


def test_unknown_encoding(tmp_path):
    path = tmp_path / "klingon.xml"
    path.write_text('<?xml version="1.0" encoding="x-klingon"?>\n' + BODY.format("x"), encoding="utf-8")
    one(path, "E-ENC-3")


def test_oversize_file(tmp_path):
    path = tmp_path / "big.xml"
    path.write_text(BODY.format("x" * 500), encoding="utf-8")
    d = one(path, "E-IO-3", max_bytes=100)
    assert "100" in d.message
    assert source.load(path, max_bytes=10_000).getroot() is not None


def test_missing_file_and_folder(tmp_path):
    one(tmp_path / "nothing-here.xml", "E-IO-1")
    one(tmp_path, "E-IO-1")


def test_device_is_not_read():
    with pytest.raises(EditioError) as info:
        source.load("/dev/zero")
    assert info.value.diagnostics[0].code == "E-IO-1"


def test_not_well_formed_reports_position(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}">\n  <text><body>\n    <p>open</div>\n</body></text></TEI>\n',
                    encoding="utf-8")
    diagnostics = refused(path)
    assert diagnostics[0].code == "E-XML-1" and diagnostics[0].line == 3
    assert "Opening and ending tag mismatch" in diagnostics[0].message


def test_excessive_depth_is_refused(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_text(BODY.format("<hi>" * 3000 + "x" + "</hi>" * 3000), encoding="utf-8")
    diagnostics = refused(path)
    assert diagnostics[0].code == "E-XML-1"


def test_xinclude_is_not_processed(tmp_path, secret):
    path = tmp_path / "xinclude.xml"
    path.write_text(BODY.format(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.name}" '
                                'parse="text"/>'), encoding="utf-8")
    tree = source.load(path)
    assert MARKER not in etree.tostring(tree, encoding="unicode")
    assert tree.find(".//{http://www.w3.org/2001/XInclude}include") is not None
    found = validate.validate(path)
    assert any(d.code == "E-RNG-1" for d in found)
    assert all(MARKER not in d.format() for d in found)


def test_xslt_document_function_cannot_read_files(tmp_path, secret):
    """The transform runs with source.XSLT_ACCESS: document() on input-controlled URLs reads nothing."""
    path = tmp_path / "document.xml"
    path.write_text(BODY.format(secret.as_uri()), encoding="utf-8")
    tree = source.load(path)
    stylesheet = etree.XML(
        b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        b'xmlns:tei="http://www.tei-c.org/ns/1.0">'
        b'<xsl:template match="/"><out><xsl:copy-of select="document(string(//tei:p))"/></out></xsl:template>'
        b"</xsl:stylesheet>"
    )
    guarded = etree.XSLT(stylesheet, access_control=source.XSLT_ACCESS)
    try:
        result = str(guarded(tree))
    except etree.XSLTApplyError as exc:
        result = str(exc)
    assert MARKER not in result
    # The same stylesheet without the guard does read it: the test would notice a broken guard.
    secret.write_text(f"<leak>{MARKER}</leak>", encoding="utf-8")
    assert MARKER in str(etree.XSLT(stylesheet)(tree))
    with pytest.raises(etree.XSLTApplyError):
        guarded(tree)


def _editio() -> list[str]:
    script = Path(sys.executable).with_name("editio")
    if script.exists():
        return [str(script)]
    found = shutil.which("editio")
    return [found] if found else [sys.executable, "-m", "editio"]


def test_cli_reports_each_hostile_file_in_one_line(tmp_path, secret):
    cases = {
        "bomb.xml": '<!DOCTYPE TEI [ <!ENTITY a "aaaa"> <!ENTITY b "&a;&a;&a;"> ]>\n' + BODY.format("&b;"),
        "xxe.xml": f'<!DOCTYPE TEI [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n' + BODY.format("&x;"),
        "dtd.xml": f'<!DOCTYPE TEI SYSTEM "{secret.as_uri()}">\n' + BODY.format("x"),
        "nons.xml": "<TEI><text/></TEI>\n",
        "root.xml": "<book/>\n",
        "empty.xml": "",
        "broken.xml": f'<TEI xmlns="{TEI_NS}"><text>\n</TEI>\n',
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        proc = subprocess.run(_editio() + ["validate", str(path)], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        assert proc.returncode == 1, (name, proc.stderr)
        assert "Traceback" not in proc.stderr and MARKER not in proc.stderr + proc.stdout
        problems = [line for line in proc.stderr.splitlines() if ": error " in line]
        assert problems, (name, proc.stderr)
        for line in problems:
            assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: error E-[A-Z]+-\d+: ", line), line


# --- encodings that are no character set ----------------------------------------------


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "zip", "unicode_escape", "utf-7"])
def test_an_encoding_that_is_no_character_set_is_refused(tmp_path, encoding):
    path = tmp_path / "codec.xml"
    path.write_text(f'<?xml version="1.0" encoding="{encoding}"?>\n' + BODY.format("x"), encoding="ascii")
    d = one(path, "E-ENC-3")
    assert (d.line, d.column) == (1, 31) and "not a character encoding" in d.message
    assert "UTF-8" in d.message
    proc = subprocess.run(_editio() + ["build", str(path), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{path}:1:31: error E-ENC-3:" in proc.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- hostile builds: helpers ------------------------------------------------------------

HEADER = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:lang="en">
  <teiHeader><fileDesc>
    <titleStmt><title>Hostile</title><author>Nobody</author></titleStmt>
    <publicationStmt><publisher>tests</publisher>
      <availability><licence target="{{licence}}">CC0</licence></availability></publicationStmt>
    <sourceDesc><p>Written for the tests.</p></sourceDesc>
  </fileDesc>
  <profileDesc><langUsage><language ident="en">English</language></langUsage></profileDesc></teiHeader>
  <text><body>
{{body}}
  </body></text>
</TEI>
"""


def tei_file(folder: Path, body: str, name: str = "hostile", licence: str = "https://example.org/l") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.xml"
    path.write_text(HEADER.format(body=body, licence=licence), encoding="utf-8")
    return path


def position(path: Path, needle: str) -> tuple[int, int]:
    """Line and column (from 1) of the first ``needle`` in the file."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def png(width: int, height: int, text: str = "") -> bytes:
    """A real PNG (grey, 1 bit), with ``text`` in a tEXt chunk to recognise its bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x00" * ((width + 7) // 8) for _ in range(height))
    extra = chunk(b"tEXt", b"Comment\x00" + text.encode()) if text else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + extra + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def build_cli(path: Path, out: Path, formats: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run(_editio() + ["build", str(path), "--out", str(out), "--format", formats, "-j", "1"],
                          capture_output=True, text=True, timeout=timeout, env=env)


def output_bytes(edition: Path) -> dict[str, bytes]:
    """Every file of an edition folder, zip members (EPUB, DOCX, ODT) one by one."""
    import zipfile

    found = {}
    for file in sorted(p for p in edition.rglob("*") if p.is_file()):
        found[str(file.relative_to(edition))] = file.read_bytes()
        if file.suffix in (".epub", ".docx", ".odt"):
            with zipfile.ZipFile(file) as archive:
                for member in archive.namelist():
                    found[f"{file.name}!{member}"] = archive.read(member)
    return found


# --- images -------------------------------------------------------------------------------


def test_images_are_read_only_from_the_tei_folder_and_only_when_they_are_images(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.png"
    secret.write_bytes(png(37, 23, MARKER))
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "good.png").write_bytes(png(40, 30))
    (folder / "link.png").symlink_to(secret)
    (folder / "fake.png").write_text(f"{MARKER} is no image", encoding="utf-8")
    (folder / "huge.png").write_bytes(png(1, 1)[:16] + b"\x00\x01\x86\xa0\x00\x01\x86\xa0" + png(1, 1)[24:])
    (folder / "gif.png").write_bytes(b"GIF89a\x02\x00\x02\x00\x00\x00\x00;")
    os.mkfifo(folder / "pipe.png")
    (folder / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10" onload="alert(1)"><script>alert(1)</script>'
        f'<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">{MARKER}</p></foreignObject>'
        f'<image xlink:href="{secret.as_uri()}" width="5" height="5"/><use href="http://127.0.0.1/x.svg#a"/>'
        '<rect width="4" height="4" style="fill: url(http://127.0.0.1/a)"/>'
        '<a href="javascript:alert(1)"><circle r="2" fill="url(#g)"/></a></svg>', encoding="utf-8")
    hostile = {
        str(secret): "is not a relative path",
        "../outside/secret.png": "lies outside the TEI's folder",
        secret.as_uri(): "is not a file beside the TEI",
        "link.png": "is a symbolic link to a file outside",
        "fake.png": "is not a PNG image",
        "huge.png": "declares 100000×100000 pixels",
        "gif.png": "is a GIF image named .png",
        "pipe.png": "is not a regular file",
        "nowhere.png": "was not found",
    }
    figures = "\n".join(f'<figure><graphic url="{url}"/><figDesc>d{i}</figDesc></figure>'
                        for i, url in enumerate([*hostile, "good.png", "evil.svg"]))
    path = tei_file(folder, f"<p>Images.</p>\n{figures}")
    out = tmp_path / "out"
    proc = build_cli(path, out, "html,epub,pdf,docx")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and MARKER not in proc.stderr
    for url, reason in hostile.items():
        line, column = position(path, f'<graphic url="{url}"')
        code = "W-IMG-1" if reason == "was not found" else "W-IMG-2"
        expected = f"{path}:{line}:{column}: warning {code}: image '{url}' {reason}"
        assert expected in proc.stderr, (expected, proc.stderr)
    edition = out / path.stem
    outputs = output_bytes(edition)
    secret_bytes = secret.read_bytes()
    for name, data in outputs.items():
        assert MARKER.encode() not in data and secret_bytes not in data, f"{name} holds a file from outside"
    # the good image is in every format, the refused ones are a placeholder in every format
    good = png(40, 30)
    assert outputs["images/good.png"] == good
    assert any(n.startswith("hostile.epub!") and d == good for n, d in outputs.items())
    assert any(n.startswith("hostile.docx!word/media/") and d == good for n, d in outputs.items())
    import pikepdf

    with pikepdf.open(edition / "hostile.pdf") as pdf:
        sizes = sorted({(int(obj.Width), int(obj.Height)) for obj in pdf.objects
                        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"})
    assert (40, 30) in sizes and (37, 23) not in sizes, sizes
    for name in ("index.html", "hostile.docx!word/document.xml"):
        assert outputs[name].count(b"Image not available") >= len(hostile), name
    epub_text = b"".join(d for n, d in outputs.items() if n.startswith("hostile.epub!") and n.endswith(".xhtml"))
    assert epub_text.count(b"Image not available") >= len(hostile)
    # the SVG is published, without what runs or reaches out
    svg = outputs["images/evil.svg"]
    for bad in (b"script", b"onload", b"foreignObject", b"127.0.0.1", b"file:", b"javascript", b"href"):
        assert bad not in svg, svg
    assert b"<rect" in svg and b'fill="url(#g)"' in svg


def test_an_svg_with_entities_or_a_doctype_is_refused(tmp_path):
    from editio.hub import resources

    for data in (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                 b'<!DOCTYPE svg SYSTEM "http://127.0.0.1/svg.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
                 b"<html><script>alert(1)</script></html>", b"not xml at all"):
        with pytest.raises(resources.Refused):
            resources.check(data, ".svg")


# --- links ----------------------------------------------------------------------------------

REFUSED_LINKS = ["javascript:alert(1)", "JaVaScRiPt:alert(2)", "java&#9;script:alert(3)",
                 "data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;", "vbscript:msgbox(5)",
                 "file:///etc/passwd"]


@pytest.mark.parametrize("value, safe", [
    ("#p1", True), ("https://example.org/a?b#c", True), ("http://x.org", True), ("mailto:a@b.org", True),
    ("NAME.pdf", True), ("images/a.png", True), ("../other/index.html", True),
    ("javascript:alert(1)", False), (" JAVASCRIPT:alert(1)", False), ("java\tscript:alert(1)", False),
    ("\x01javascript:alert(1)", False), ("data:text/html,x", False), ("vbscript:x", False),
    ("file:///etc/passwd", False), ("//evil.example/x", False), ("/etc/passwd", False),
    ("\\\\evil\\x", False), ("https:evil", False), ("http://", False), ("mailto:", False), ("", False),
    ("urn:isbn:123", False), ("x:y.pdf", False),
])
def test_the_one_link_rule(value, safe):
    from editio.hub import links

    assert links.is_safe(value) is safe


def test_refused_links_are_no_links_in_any_format(tmp_path):
    import re as _re
    import zipfile

    body = "<p>" + " ".join(f'<ref target="{t}">link{i}</ref>' for i, t in enumerate(REFUSED_LINKS)) + \
           ' <ptr target="javascript:alert(6)"/> <ref target="https://example.org/ok">fine</ref></p>'
    path = tei_file(tmp_path / "tei", body, licence="javascript:alert(0)")
    out = tmp_path / "out"
    proc = build_cli(path, out, "html,epub,pdf,docx,odt,md")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    # a located warning for each refused address, at its attribute
    line, column = position(path, 'target="javascript:alert(0)"')
    assert f"{path}:{line}:{column}: warning W-LINK-1: <licence target>: 'javascript:alert(0)'" in proc.stderr
    line, column = position(path, 'target="JaVaScRiPt:alert(2)"')
    assert f"{path}:{line}:{column}: warning W-LINK-1: <ref target>" in proc.stderr

    def allowed(href: str) -> bool:
        href = href.strip()
        return (href.startswith(("#", "https://", "http://", "mailto:"))
                or _re.match(r"^[A-Za-z0-9._/-]+(#.*)?$", href) is not None)

    edition = out / path.stem
    html = etree.parse(str(edition / "index.html"), etree.HTMLParser())
    for el in html.iter():
        for attr in ("href", "src", "cite", "action", "formaction"):
            if el.get(attr) is not None:
                assert allowed(el.get(attr)), (el.tag, attr, el.get(attr))
    assert b"javascript:alert(0)" not in (edition / "index.html").read_bytes().split(b"application/ld+json")[1][:2000]
    with zipfile.ZipFile(edition / f"{path.stem}.epub") as epub:
        for member in epub.namelist():
            if member.endswith((".xhtml", ".opf", ".ncx")):
                doc = etree.fromstring(epub.read(member))
                for el in doc.iter():
                    if isinstance(el.tag, str) and el.get("href") is not None:
                        assert allowed(el.get("href")), (member, el.get("href"))
    for suffix, rels in (("docx", "word/_rels/document.xml.rels"), ("odt", "content.xml")):
        with zipfile.ZipFile(edition / f"{path.stem}.{suffix}") as archive:
            text = archive.read(rels).decode("utf-8")
        targets = _re.findall(r'(?:Target|xlink:href)="([^"]*)"', text)
        assert "https://example.org/ok" in targets, targets
        for target in targets:
            assert "script" not in target.lower() and not target.startswith(("data:", "file:")), target
    md = (edition / f"{path.stem}.md").read_text(encoding="utf-8")
    assert _re.findall(r"\]\(([^)]*)\)", md) and all(allowed(t.split()[0]) for t in _re.findall(r"\]\(([^)]*)\)", md))
    assert not _re.search(r"<(?:javascript|data|vbscript|file):", md, _re.I)
    import pikepdf

    with pikepdf.open(edition / f"{path.stem}.pdf") as pdf:
        uris = [str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                if "/A" in annot and "/URI" in annot.A]
    assert "https://example.org/ok" in uris and all(allowed(u) for u in uris), uris


def test_a_base_url_that_is_no_web_address_is_a_usage_error(tmp_path):
    path = tei_file(tmp_path / "tei", "<p>x</p>")
    for value in ("javascript:alert(1)", "file:///etc", "//evil.example/"):
        proc = subprocess.run(_editio() + ["build", str(path), "--out", str(tmp_path / "out"),
                                           "--base-url", value], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert "is not an http or https address" in proc.stderr
    assert not (tmp_path / "out").exists()


# --- edition names --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["...xml", "..xml", ".xml", ".hidden.xml", "a:b.xml", "tab\there.xml"])
def test_a_file_name_that_names_no_edition_folder_is_a_usage_error(tmp_path, name):
    folder = tmp_path / "tei"
    path = tei_file(folder, "<p>x</p>")
    target = folder / name
    path.rename(target)
    out = tmp_path / "deep" / "out"
    proc = subprocess.run(_editio() + ["build", str(target), "--out", str(out)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{target}:1:1: error E-NAME-1: " in proc.stderr and "rename the file" in proc.stderr
    assert not (tmp_path / "deep").exists(), "something was written for a refused name"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tei"]


def test_two_inputs_with_one_edition_name_are_refused_before_anything_is_written(tmp_path):
    first = tei_file(tmp_path / "a", "<p>first</p>", name="same")
    second = tei_file(tmp_path / "b", "<p>second</p>", name="same")
    other = tei_file(tmp_path / "c", "<p>other</p>", name="other")
    out = tmp_path / "out"
    proc = subprocess.run(_editio() + ["build", str(other), str(first), str(second), "--out", str(out),
                                       "--format", "md"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{second}:1:1: error E-NAME-2: this file and {first} both give the edition name 'same'" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("formats", ["tei", "html", "md"])
def test_a_build_into_the_tei_folder_never_replaces_the_source(tmp_path, formats):
    folder = tmp_path / "x"
    path = tei_file(folder, '<p>x</p><figure><graphic url="images/pic.png"/><figDesc>a picture</figDesc></figure>',
                    name="x")
    (folder / "images").mkdir()
    (folder / "images" / "pic.png").write_bytes(png(8, 8))
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    proc = build_cli(path, tmp_path, formats)
    after = {p: p.read_bytes() for p in before if p.is_file()}
    assert after == before, "the build replaced or deleted a file of the TEI's folder"
    assert "Traceback" not in proc.stderr
    if formats == "md":     # nothing of the source is in the way: built beside it
        assert proc.returncode == 0 and (folder / "x.md").is_file()
    else:
        assert proc.returncode == 1
        assert f"{path}:1:1: error E-OUT-2: publishing " in proc.stderr and "build into another folder" in proc.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a staging folder was left"


# --- deep nesting ---------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "<div><head>h</head><p>x</p>" * 150 + "</div>" * 150,
    "<p>t" + "<note>n" * 240 + "</note>" * 240 + "</p>",
], ids=["div-150", "note-240"])
def test_deep_nesting_builds_every_format(tmp_path, body):
    path = tei_file(tmp_path / "tei", body, name="deep")
    proc = build_cli(path, tmp_path / "out", "html,epub,pdf,docx,odt,md,tei,citations", timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "E-WRITE-1" not in proc.stderr
    edition = tmp_path / "out" / "deep"
    for name in ("index.html", "deep.epub", "deep.pdf", "deep.docx", "deep.odt", "deep.md", "deep.xml",
                 "citations.json"):
        assert (edition / name).stat().st_size > 0, name


# --- XInclude bounds ------------------------------------------------------------------------

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def test_xincludes_that_multiply_are_stopped_at_a_named_limit(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    for i in range(6):     # 10^5 inclusions if nothing stopped them
        inner = "".join(f'<xi:include href="part{i + 1}.xml"/>' for _ in range(10)) if i < 5 else "leaf"
        (folder / f"part{i}.xml").write_text(f'<p xmlns="{TEI_NS}" {XI}>{inner}</p>', encoding="utf-8")
    path = tei_file(folder, f'<div {XI}><xi:include href="part0.xml"/></div>', name="bomb")
    out = tmp_path / "out"
    proc = build_cli(path, out, "tei")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    line = [ln for ln in proc.stderr.splitlines() if " error E-XI-1: " in ln]
    assert len(line) == 1, proc.stderr
    assert re.match(rf"^{re.escape(str(folder))}/part\d\.xml:1:\d+: error E-XI-1: xi:include 'part\d\.xml' not "
                    r"resolved: the file would include more than 1000 parts in all \(editio's limit MAX_INCLUDES", line[0])
    assert not (out / "bomb").exists()


def test_text_includes_count_against_the_size_limit(tmp_path, monkeypatch):
    from editio.writers import tei as tei_export

    monkeypatch.setattr(tei_export, "MAX_INCLUDE_TOTAL_BYTES", 100_000)
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "big.txt").write_text("x" * 30_000, encoding="utf-8")
    path = tei_file(folder, f'<p {XI}>' + '<xi:include href="big.txt" parse="text"/>' * 5 + "</p>", name="text")
    tree = source.load(path)
    found = tei_export.resolve_xincludes(tree.getroot(), folder, path)
    errors = [d for d in found if d.is_error]
    assert [d.code for d in errors] == ["E-XI-1"]
    line, column = position(path, '<xi:include href="big.txt"')
    assert (errors[0].line, errors[0].column) == (line, column + len('<xi:include href="big.txt" parse="text"/>') * 3)
    assert "more than 100000 bytes in all (editio's limit MAX_INCLUDE_TOTAL_BYTES" in errors[0].message
    text = etree.tostring(tree, encoding="unicode")
    assert text.count("x" * 30_000) == 3 and "include" not in text.split("<text>")[1]


# --- scale: behaviour that must stay linear -------------------------------------------------


def test_ten_thousand_notes_in_one_paragraph_are_numbered_in_order(tmp_path):
    from editio import build

    body = "<p>" + "".join(f"w{i}<note>n{i}</note> " for i in range(10_000)) + "</p>"
    path = tei_file(tmp_path, body, name="notes")
    hub, diagnostics = build.prepare(path, strict=True)
    assert hub is not None, [d.format() for d in diagnostics]
    calls = [a.text for a in hub.root.iter("a") if "noteref" in (a.get("class") or "").split()]
    assert calls == [str(n) for n in range(1, 10_001)]


def test_ten_thousand_broken_pointers_are_each_reported_where_they_are(tmp_path):
    body = "\n".join(f'<p xml:id="p{i}"><ref target="#p{i} #q{i}">x</ref> <persName ref="#r{i}">y</persName></p>'
                     for i in range(10_000))
    path = tei_file(tmp_path, body, name="pointers")
    found = validate.validate(path)
    broken = [d for d in found if d.code == "E-PTR-1"]
    assert len(broken) == 20_000
    first_line = position(path, '<p xml:id="p0">')[0]
    assert {d.line for d in broken} == set(range(first_line, first_line + 10_000))
    assert '"#q9999"' in broken[-2].message + broken[-1].message


# --- the Makefile ---------------------------------------------------------------------------


def test_makefile_treats_file_names_as_data(tmp_path):
    """tei/x$(id>PWNED).xml runs nothing; names with a space or ';' are named and left
    out, and the other editions build."""
    venv = REPO / ".venv"
    if not (venv / ".editio-installed").exists():
        pytest.fail("run `make` once first: the project's .venv is not installed", pytrace=False)
    work = tmp_path / "project"
    (work / "tei").mkdir(parents=True)
    shutil.copy2(REPO / "Makefile", work / "Makefile")
    shutil.copy2(REPO / "pyproject.toml", work / "pyproject.toml")
    os.utime(work / "pyproject.toml", (0, 0))     # never newer than the venv's stamp
    (work / ".venv").symlink_to(venv)
    letter = REPO / "tests" / "fixtures" / "make" / "short-letter.xml"
    shutil.copy2(letter, work / "tei" / "short-letter.xml")
    hostile = ["x$(id>PWNED).xml", "x`touch PWNED2`.xml", "a b.xml", "c;touch PWNED3.xml", "q'uote.xml",
               "new\nline.xml"]
    for name in hostile:
        shutil.copy2(letter, work / "tei" / name)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", MAKEFLAGS="")
    dry = subprocess.run(["make", "-n", "html"], cwd=work, capture_output=True, text=True, env=env, timeout=120)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "PWNED" not in dry.stdout and "a b" not in dry.stdout
    proc = subprocess.run(["make", "html"], cwd=work, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not list(tmp_path.rglob("PWNED*")), "a file name was run as a command"
    assert (work / "dist" / "short-letter" / "index.html").is_file()
    assert sorted(p.name for p in (work / "dist").iterdir()) == ["short-letter"]
    for shown in ("tei/x$(id>PWNED).xml", "tei/a b.xml", "tei/c;touch PWNED3.xml", "tei/new?line.xml"):
        assert f"make: skipped {shown}: rename it" in proc.stderr, proc.stderr


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_build_never_opens_a_pipe_or_a_device(tmp_path, special):
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "pipe.xml"
        os.mkfifo(path)
    proc = subprocess.run(_editio() + ["build", str(path), "--out", str(tmp_path / "out"), "--format", "md"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{path}:1:1: error E-IO-1: not a regular file" in proc.stderr


def test_a_print_stylesheet_linked_from_outside_the_folder_is_not_read(tmp_path):
    from types import SimpleNamespace

    from editio.writers.pdf import render

    outside = tmp_path / "outside.css"
    outside.write_text("@page { size: A5 }", encoding="utf-8")
    folder = tmp_path / "tei"
    path = tei_file(folder, "<p>x</p>", name="book")
    hub = SimpleNamespace(context=SimpleNamespace(source_path=path))
    (folder / "book.print.css").symlink_to(outside)
    assert render.custom_stylesheets(hub) == []
    (folder / "book.print.css").unlink()
    (folder / "book.print.css").write_text("@page { size: A5 }", encoding="utf-8")
    assert render.custom_stylesheets(hub) == [folder / "book.print.css"]


def test_a_tei_over_the_size_limit_is_refused_naming_the_limit_and_how_to_raise_it(editio_bin, tmp_path):
    """Memory grows with the text (about 1.4 GB for HTML + EPUB of 50 MB): past the limit a
    file is refused before it is read, with the variable that raises the limit."""
    from conftest import build_env

    tei = tmp_path / "big.xml"
    tei.write_bytes((REPO / "tests" / "fixtures" / "make" / "short-letter.xml").read_bytes())
    env = dict(build_env(), EDITIO_MAX_TEI_MB="0.001")
    proc = subprocess.run([*editio_bin, "build", str(tei), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert "E-IO-3" in proc.stderr and "EDITIO_MAX_TEI_MB=" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "big").exists()
    env = dict(build_env(), EDITIO_MAX_TEI_MB="1")
    ok = subprocess.run([*editio_bin, "validate", str(tei)], capture_output=True, text=True, env=env,
                        timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert os.path.getsize(tei) > 0.001 * 2**20


def test_a_pointer_without_its_hash_is_read_as_meant_and_named(tmp_path):
    """ref target="n1" (an id of the file written without '#') links to that place, with a
    located warning saying how to write it; a value that is no id stays a file's address."""
    body = ('<p>See the note<ref target="n1">1</ref> and <ref target="intro">the opening</ref>'
            ' and <ref target="other.xml">another file</ref>.</p>'
            '<p xml:id="intro">Opening.</p><note xml:id="n1" place="foot">The note.</note>')
    path = tei_file(tmp_path / "tei", body)
    out = tmp_path / "out"
    proc = build_cli(path, out, "html")
    assert proc.returncode == 0, proc.stderr
    line, column = position(path, 'target="n1"')
    assert (f"{path}:{line}:{column}: warning W-PTR-1: <ref target=\"n1\"> names an xml:id of this "
            "document without '#' (and 1 more pointers so written)") in proc.stderr
    page = etree.parse(str(out / path.stem / "index.html"), etree.HTMLParser()).getroot()
    assert page.xpath("//a[contains(@class, 'noteref')][@href = '#n1'][. = '1']")
    assert page.xpath("//a[@href = '#intro'][. = 'the opening']")
    assert page.xpath("//a[@href = 'other.xml']") or page.xpath("//*[. = 'another file']")


def test_an_entity_declared_and_never_used_does_not_refuse_the_file(tmp_path):
    """An internal entity the document never uses does nothing (a Pulter Project poem
    declares one); a nested one it uses is still refused, located, and nothing is written."""
    path = tei_file(tmp_path / "tei", "<p>Like Lilly leaves.</p>")
    text = path.read_text(encoding="utf-8")
    declared = '<!DOCTYPE TEI [\n<!ENTITY ff "<!-- ligature -->ff">\n]>\n'
    unused = tmp_path / "tei" / "unused.xml"
    unused.write_text(text.replace("<TEI ", declared + "<TEI ", 1), encoding="utf-8")
    proc = build_cli(unused, tmp_path / "out", "html")
    assert proc.returncode == 0, proc.stderr
    assert "Like Lilly leaves." in (tmp_path / "out" / "unused" / "index.html").read_text(encoding="utf-8")
    used = tmp_path / "tei" / "used.xml"
    nested = declared.replace("]>", '<!ENTITY fff "&ff;&ff;">\n]>')
    used.write_text(text.replace("<TEI ", nested + "<TEI ", 1).replace("Lilly", "&fff;Lilly"), encoding="utf-8")
    proc = build_cli(used, tmp_path / "out2", "html")
    assert proc.returncode != 0 and "E-XML-2" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out2" / "used").exists()
