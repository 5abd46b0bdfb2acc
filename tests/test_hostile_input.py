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
    start = time.perf_counter()
    d = one(path, "E-XML-2")
    assert time.perf_counter() - start < 2
    assert (d.line, d.column) == (3, 1)
    assert "expand" in d.message and "10 entity declarations" in d.message


def test_internal_entity_is_not_expanded(tmp_path):
    path = tmp_path / "entity.xml"
    path.write_text(f'<!DOCTYPE TEI [ <!ENTITY name "{MARKER}"> ]>\n' + BODY.format("&name;"),
                    encoding="utf-8")
    d = one(path, "E-XML-2")
    assert (d.line, d.column) == (1, 17)


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
    one(dtd, "E-XML-4")
    for path in (entity, dtd):
        assert load_in_child(path).returncode == 1
    time.sleep(0.3)
    assert _Counter.hits == 0


def test_external_dtd_is_never_loaded(tmp_path, secret, pipe):
    path = tmp_path / "dtd.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{secret.as_uri()}">\n' + BODY.format("x"),
                    encoding="utf-8")
    d = one(path, "E-XML-4")
    assert (d.line, d.column) == (2, 1)
    public = tmp_path / "public.xml"
    public.write_text(f'<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{pipe.as_uri()}">\n' + BODY.format("x"),
                      encoding="utf-8")
    assert load_in_child(public).returncode == 1


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
