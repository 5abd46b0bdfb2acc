"""Load a TEI file safely: nothing outside the file is ever read, nothing expands.

TEI files come from other people.  An XML file can ask its parser to read
local files or URLs (external entities, external DTDs, XInclude) or to expand
a few bytes into gigabytes (entity bombs).  editio needs none of that: TEI P5
is used without DTDs.  So :func:`load` refuses any document type declaration
that declares entities *before* parsing, and parses with a parser that could not
load them anyway (belt and braces).  A DOCTYPE that names an external DTD (older
TEI files, TEI's own test files) is harmless once the DTD is never read: the file
is parsed without it (validation warns, ``E-XML-4``), and a reference to an entity
it would have declared is written as its character where HTML names it
(``&mdash;``), else refused with its place (``E-XML-5``).

XInclude is not processed: an ``xi:include`` stays an element, and the schema
reports it.  A file is one edition.

Every refusal is an :class:`~editio.diagnostics.EditioError` carrying
``FILE:LINE:COL: error CODE: what to do`` diagnostics, never a traceback.

Codes: ``E-IO-1`` unreadable, ``E-IO-2`` empty, ``E-IO-3`` too large,
``E-ENC-1`` binary, ``E-ENC-2`` bytes not in the declared encoding,
``E-ENC-3`` unknown encoding (or no character set: rot13, base64…), ``E-XML-1`` not well-formed, ``E-XML-2`` entity
declaration, ``E-XML-3`` external entity, ``E-XML-5`` entity of an external DTD,
``E-TEI-1`` root is not TEI, ``E-TEI-2`` TEI root without the TEI namespace.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from contextlib import contextmanager
from html.entities import html5
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, EditioError, error

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}

#: Access control for every XSLT run on TEI input: a stylesheet (or a
#: ``document()`` call steered by the input) may read or write nothing.
XSLT_ACCESS = etree.XSLTAccessControl(
    read_file=False, write_file=False, create_dir=False, read_network=False, write_network=False
)

#: The largest TEI file built by default. Memory grows with the text (a 50 MB TEI needs
#: about 1.4 GB for HTML + EPUB, and a PDF several times that); the largest real books
#: seen are a few MB. EDITIO_MAX_TEI_MB raises the limit for a machine that has the memory.
DEFAULT_MAX_BYTES = 32 * 2**20
MAX_BYTES_VARIABLE = "EDITIO_MAX_TEI_MB"


def max_tei_bytes() -> int:
    """The limit in force: :data:`DEFAULT_MAX_BYTES`, or ``$EDITIO_MAX_TEI_MB`` megabytes."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if value:
        try:
            return max(1, int(float(value) * 2**20))
        except ValueError:
            pass
    return DEFAULT_MAX_BYTES


def make_parser() -> etree.XMLParser:
    """The only parser editio uses on input: no DTD, no entities, no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


_XML_DECL = re.compile(rb"^<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
# The prolog up to a DOCTYPE: XML declaration, white space, comments, PIs.
_PROLOG_DOCTYPE = re.compile(
    r"\A\ufeff?(?:\s|<!--(?:(?!-->).)*-->|<\?(?:(?!\?>).)*\?>)*+<!DOCTYPE\s+([^\s\[>]+)\s*", re.S
)
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(%\s+)?([^\s]+)\s+(SYSTEM\b|PUBLIC\b)?")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _declared_encoding(data: bytes) -> tuple[str, bool]:
    """(encoding, declared?) from BOM or XML declaration; UTF-8 when silent, as XML says."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    match = _XML_DECL.match(data[:1024])
    if match:
        return match.group(1).decode("ascii"), True
    return "utf-8", False


#: Codecs Python decodes text with that are no character set of a file: escapes, domain
#: names, a codec that always fails. (UTF-7 hides markup from anything that checks it.)
NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7"}


def _encoding_position(data: bytes) -> tuple[int, int]:
    """Line and column of the encoding name in the XML declaration (1:1 without one)."""
    match = _XML_DECL.match(data[:1024])
    if not match:
        return 1, 1
    return _position(data[: match.start(1)].decode("latin-1"), match.start(1))


#: Files whose bytes a build has read: every later read in the same build gets these.
_PINNED: dict[str, bytes] = {}


@contextmanager
def pinned(path, data: bytes):
    """Inside the block, every read of ``path`` (load, positions, exports) returns ``data``.

    A build reads its TEI once and makes every format from those bytes: a file changed on
    disk during a long build cannot give a TEI export of one version and a PDF of another.
    """
    key = os.path.realpath(path)
    _PINNED[key] = data
    try:
        yield
    finally:
        _PINNED.pop(key, None)


def pinned_bytes(path) -> bytes | None:
    """The bytes a running build read for ``path``, or None when it is not pinned."""
    return _PINNED.get(os.path.realpath(path)) if _PINNED else None


def current_bytes(path) -> bytes:
    """The bytes of ``path`` as this build sees them: those it pinned, else the file's
    (OSError when there is no such file)."""
    data = pinned_bytes(path)
    return Path(path).read_bytes() if data is None else data


def _read(path: Path, name: str, max_bytes: int) -> bytes:
    data = pinned_bytes(path)
    if data is not None:
        return data
    try:
        info = path.stat()
    except FileNotFoundError:
        raise EditioError(error(name, "no such file; check the path", "E-IO-1", 1, 1)) from None
    except OSError as exc:
        raise EditioError(error(name, f"cannot read the file ({exc.strerror})", "E-IO-1", 1, 1)) from None
    if stat.S_ISDIR(info.st_mode):
        raise EditioError(error(name, "this is a folder; give a TEI .xml file", "E-IO-1", 1, 1))
    if not stat.S_ISREG(info.st_mode):
        raise EditioError(error(name, "not a regular file; give a TEI .xml file", "E-IO-1", 1, 1))
    if info.st_size > max_bytes:
        raise EditioError(_too_large(name, info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise EditioError(error(name, f"cannot read the file ({exc.strerror})", "E-IO-1", 1, 1)) from None
    if len(data) > max_bytes:  # grew while we looked
        raise EditioError(_too_large(name, len(data), max_bytes))
    return data


def read(path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a TEI file, or EditioError as :func:`load` refuses it: a folder, a
    device or a named pipe is never opened, a file over the limit never read whole."""
    path = Path(path)
    return _read(path, str(path), max_bytes or max_tei_bytes())


def _too_large(name: str, size: int, max_bytes: int) -> Diagnostic:
    return error(
        name,
        f"the file has {size / 2**20:.1f} MB, more than the limit of {max_bytes / 2**20:g} MB "
        f"(memory grows with the text: about 1.4 GB for the web edition and EPUB of a 50 MB "
        f"file); split the edition into several files, or raise the limit on a machine with "
        f"the memory, e.g. {MAX_BYTES_VARIABLE}={max(100, 2 * round(size / 2**20))}",
        "E-IO-3",
        1,
        1,
    )


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise EditioError(error(name, "the file is empty; a TEI file starts with <TEI xmlns=\""
                                f"{TEI_NS}\">", "E-IO-2", 1, 1))
    encoding, declared = _declared_encoding(data)
    if b"\x00" in data[:8192] and not encoding.lower().startswith(("utf-16", "utf-32", "ucs")):
        raise EditioError(error(name, "this is a binary file, not XML text; give a TEI .xml file",
                                "E-ENC-1", 1, 1))
    line, column = _encoding_position(data)
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise EditioError(error(name, f"unknown encoding '{encoding}' in the XML declaration; "
                                "save the file as UTF-8 and declare encoding=\"UTF-8\"", "E-ENC-3",
                                line, column)) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_CHARSETS:
        # Python also has codecs that are no character sets (rot13, base64, hex, zip…):
        # decoding with them raises, and no XML parser knows them.
        raise EditioError(error(name, f"'{encoding}' in the XML declaration is not a character "
                                "encoding; save the file as UTF-8 and declare encoding=\"UTF-8\"",
                                "E-ENC-3", line, column))
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        said = f"declared as {encoding}" if declared else "with no encoding declared, so UTF-8"
        raise EditioError(error(
            name,
            f"byte 0x{data[exc.start]:02X} is not valid {encoding} (file {said}); "
            "save the file in the declared encoding, or correct the encoding declaration",
            "E-ENC-2", line, column)) from None


def _internal_subset(text: str) -> tuple[int, int] | None:
    """Where the internal subset of the prolog's DOCTYPE starts (its "[") and ends (its
    "]>", -1 when unclosed); None without one. Read by the check, the entity writer and
    the check after parsing alike."""
    match = _PROLOG_DOCTYPE.match(text)
    if not match:
        return None
    subset_open = text.find("[", match.end(0))
    closing = text.find(">", match.end(0))
    if subset_open == -1 or (closing != -1 and closing < subset_open):
        return None
    return subset_open, text.find("]>", subset_open)


def _check_doctype(text: str, name: str) -> list[Diagnostic]:
    """Refuse what a DOCTYPE could make a parser do: read files or URLs, expand entities."""
    found: list[Diagnostic] = []
    subset = _internal_subset(text)
    if subset is not None:
        subset_open, subset_end = subset
        subset_end = len(text) if subset_end == -1 else subset_end
        decls = list(_ENTITY_DECL.finditer(text, subset_open, subset_end))
        if _only_unused_internal(decls, text[subset_end:]):
            return []
        # One message for the lot: the first external declaration (the dangerous kind), else the first.
        decl = next((d for d in decls if d.group(3)), decls[0] if decls else None)
        if decl is not None:
            line, column = _position(text, decl.start())
            parameter, entity, external = decl.group(1), decl.group(2), decl.group(3)
            kind = "parameter entity" if parameter else "entity"
            more = f" ({len(decls)} entity declarations in all)" if len(decls) > 1 else ""
            if external:
                found.append(error(
                    name, f"external {kind} '{entity}' refers to another file or URL, which editio "
                    f"never reads{more}; remove the declaration and put the text itself in the file",
                    "E-XML-3", line, column))
            else:
                found.append(error(
                    name, f"{kind} declaration '{entity}'{more}: editio does not expand entities (they "
                    "can be used to blow up memory); expand them into the file once (xmllint --noent "
                    "FILE > EXPANDED.xml does), or remove the DOCTYPE and write their text in their place",
                    "E-XML-2", line, column))
    return found


# (a value may hold character references, "&#x2014;", the commonest use of an internal
# entity: a name for a character; a reference to another entity it may not)
_VALUE_DQ = r'"((?:[^"&%\n]|&#[0-9]+;|&#x[0-9A-Fa-f]+;)*)"'
_VALUE_SQ = r"'((?:[^'&%\n]|&#[0-9]+;|&#x[0-9A-Fa-f]+;)*)'"
_TEXT_ENTITY = re.compile(r"""<!ENTITY\s+([^\s%"']+)\s+(?:""" + _VALUE_DQ + "|" + _VALUE_SQ + r")\s*>")
_XML_DECL_ENCODING = re.compile(r"""\A(\ufeff?<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")


def _expand_internal_entities(text: str, max_chars: int) -> str | None:
    """The text with its internal entities written out, when every declaration of the
    DOCTYPE is an internal general entity whose value refers to no other entity and holds
    no line end (an edition's "&gd;" for its line-break markup, 227 times in a chronicle);
    else None. Such a value cannot nest, so the text grows at most by its references; the
    file's lines stay where they were (the DOCTYPE is kept, its entities then unused).
    External entities, parameter entities and nesting stay refused (:func:`_check_doctype`)."""
    bounds = _internal_subset(text)
    if bounds is None or bounds[1] == -1:
        return None
    subset_open, subset_end = bounds
    subset = text[subset_open + 1:subset_end]
    declared = list(_ENTITY_DECL.finditer(subset))
    values = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
              for m in _TEXT_ENTITY.finditer(subset)}
    if not declared or len(values) != len(declared):
        return None     # a parameter, external or nested entity: refused as before
    body = text[subset_end:]
    pattern = re.compile("&(" + "|".join(re.escape(n) for n in values) + ");")
    if not pattern.search(body):
        return None
    expanded = text[:subset_end] + pattern.sub(lambda m: values[m.group(1)], body)
    return expanded if len(expanded) <= max_chars else None


def _only_unused_internal(decls: list, after: str) -> bool:
    """Whether the declarations are internal general entities the document never uses:
    they do nothing, and the file is read (a Pulter Project poem declares a ligature it
    never writes, and was refused whole)."""
    return bool(decls) and not any(d.group(1) or d.group(3) for d in decls) and not any(
        f"&{d.group(2)};" in after for d in decls)


def _declares_unused_only(text: str) -> bool:
    bounds = _internal_subset(text)
    if bounds is None or bounds[1] == -1:
        return False
    subset_open, subset_end = bounds
    return _only_unused_internal(list(_ENTITY_DECL.finditer(text, subset_open, subset_end)),
                                 text[subset_end:])


def _named_entities(tree: etree._ElementTree, log, name: str) -> list[Diagnostic]:
    """The references to entities of an external DTD (which is never read), written as
    their characters where HTML names them (``&mdash;``, ``&eacute;``: the names older TEI
    DTDs declare); an error at each other one, which only its DTD could say."""
    # (their lines read first: an entity node loses its line once the text beside it changes)
    refs = [(ref, ref.sourceline or 1) for ref in tree.getroot().iter(etree.Entity)]
    if not refs:
        return []
    # (libxml2 places its warning just after the reference: its "&" is further left)
    places = [(e.line, e.column) for e in log if e.type_name == "WAR_UNDECLARED_ENTITY"]
    if len(places) == len(refs):
        places = [(line, max(1, column - len(ref.name) - 2)) for (line, column), (ref, _) in zip(places, refs)]
    else:
        places = [(at, 1) for _, at in refs]
    found = []
    for (ref, _), (line, column) in zip(refs, places):
        character = html5.get(f"{ref.name};")
        if character is None:
            found.append(error(
                name, f"the entity &{ref.name}; is declared in the DTD, which editio never reads; "
                "write the character itself (or a character reference such as &#x2014;)",
                "E-XML-5", line, column))
            continue
        text = character + (ref.tail or "")
        before, parent = ref.getprevious(), ref.getparent()
        if before is not None:
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(ref)
    return found[:20]


def _syntax_errors(log, name: str) -> list[Diagnostic]:
    found = []
    for entry in log:
        if entry.level >= etree.ErrorLevels.ERROR:
            message = entry.message.strip()
            found.append(error(name, f"not well-formed XML: {message}; correct the markup at this point",
                               "E-XML-1", entry.line or 1, entry.column or 1))
    return found


def _check_root(tree: etree._ElementTree, name: str) -> list[Diagnostic]:
    root = tree.getroot()
    line = root.sourceline or 1
    if root.tag in TEI_ROOTS:
        return []
    local = etree.QName(root).localname
    if local in ("TEI", "teiCorpus") and etree.QName(root).namespace is None:
        return [error(name, f"<{local}> is not in the TEI namespace; add xmlns=\"{TEI_NS}\" to it",
                      "E-TEI-2", line, 1)]
    return [error(name, f"the root element is <{root.tag}>, not a TEI P5 <TEI> or <teiCorpus> "
                  f"(namespace {TEI_NS}); give a TEI file", "E-TEI-1", line, 1)]


#: libxml2's complaints about xml:id values: repeated, or not an XML name (NCName).
_ID_FAULTS = {"DTD_ID_REDEFINED", "DTD_XMLID_VALUE"}


def only_id_faults(log) -> bool:
    """Whether a parser's errors are all about xml:id values: a validity fault, not a
    syntax one, which the build publishes despite (and validation reports)."""
    entries = [e for e in log if e.level >= etree.ErrorLevels.ERROR]
    return bool(entries) and all(e.type_name in _ID_FAULTS for e in entries)


def _reparse_keeping_duplicate_ids(data: bytes, path: Path, name: str) -> etree._ElementTree:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_blank_text=False, recover=True,
    )
    tree = etree.parse(io.BytesIO(data), parser, base_url=os.fspath(path.absolute()))
    problems = _named_entities(tree, parser.error_log, name) + _check_root(tree, name)
    if problems:
        raise EditioError(problems)
    return tree


def load(path, *, max_bytes: int | None = None) -> etree._ElementTree:
    """Parse a TEI file safely, keeping line numbers; raise EditioError with diagnostics if refused."""
    path = Path(path)
    name = str(path)
    data = _read(path, name, max_bytes or max_tei_bytes())
    text = _decode(data, name)
    expanded = _expand_internal_entities(text, max_bytes or max_tei_bytes())
    if expanded is not None:
        text = expanded
        data = _XML_DECL_ENCODING.sub(r'\1"UTF-8"', text, count=1).encode("utf-8")
    problems = _check_doctype(text, name)
    if problems:
        raise EditioError(problems)
    parser = make_parser()
    try:
        tree = etree.parse(io.BytesIO(data), parser, base_url=os.fspath(path.absolute()))
    except etree.XMLSyntaxError as exc:
        # The parser's own log: exc.error_log may also hold earlier, unrelated messages.
        log = parser.error_log
        if only_id_faults(log):
            # A repeated xml:id, or one that is no XML name ("143_final-…", as a conference's
            # abstracts are named), is a validity fault, not a syntax one: load the file and
            # let validation report each with everything else that is wrong.
            return _reparse_keeping_duplicate_ids(data, path, name)
        found = _syntax_errors(log, name) or [
            error(name, f"not well-formed XML: {exc.msg}", "E-XML-1", exc.lineno or 1, exc.offset or 1)
        ]
        raise EditioError(found) from None
    # The pre-scan is the guard; the parsed DOCTYPE is checked again in case it missed a form.
    docinfo = tree.docinfo
    found = _named_entities(tree, parser.error_log, name)
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()) and not _declares_unused_only(text):
        found.append(error(name, "the DOCTYPE declares entities, which editio does not expand; remove "
                           "the DOCTYPE and write their text in their place", "E-XML-2", 1, 1))
    found.extend(_check_root(tree, name))
    if found:
        raise EditioError(found)
    return tree
