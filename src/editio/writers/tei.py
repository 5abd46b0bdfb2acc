"""``NAME.xml``: the edition's TEI, made to travel.

The TEI an editor keeps in ``tei/`` may lean on its surroundings: parts pulled in by
XInclude, and paragraphs without identifiers that the published editions nevertheless
cite by the ids editio generates.  The exported file stands alone:

* XIncludes are resolved, safely: only files inside the TEI file's own folder are read,
  with the same parser that refuses DTDs, entities and network access; anything else
  keeps its ``xi:fallback`` (or is dropped) and is reported.
* The identifiers the stylesheet generates for paragraph-level elements (``NAME-N``,
  where N counts the same-named elements before it in document order, as
  ``xsl:number level="any"`` does; see ``styles/HUB.md``, *Anchors*) are written back as
  ``xml:id``, so a citation of the web edition, the EPUB or the PDF resolves in the TEI.
* Every ``#pointer`` is checked against the document's ids; unresolved ones are reported
  as warnings (they are kept: the TEI is the editor's, not ours to rewrite).
* Registers stay where the editor put them.  ``listPerson``, ``listPlace``, ``listOrg``
  and ``listBibl`` are allowed in ``particDesc``, ``settingDesc``, ``sourceDesc``,
  ``standOff`` and the text alike, and the Guidelines give each place its meaning
  (participants, setting, sources, stand-off annotation); moving them would change what
  the encoding says.  Names without a register entry are left alone too: an entry would
  have to invent an identity.
* ``encodingDesc/appInfo`` records that editio added the identifiers.

The source file is only read, never written.  Re-running the export on its own output
changes nothing but the ``appInfo`` entry (which is replaced, not repeated).
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

from lxml import etree

from .. import __version__
from ..diagnostics import Diagnostic, EditioError, error, warning
from ..hub import ids
from ..model import Hub

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
T = f"{{{TEI_NS}}}"

#: Paragraph-level elements that get a generated id when they have none (styles/HUB.md).
ANCHORED = {"p", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "sp", "lg",
            "list", "table", "figure", "note", "quote", "l"}
#: Attributes whose values are (space-separated) pointers.
POINTER_ATTRS = ("target", "ref", "who", "corresp", "source", "resp", "ana", "sameAs", "copyOf",
                 "next", "prev", "synch", "hand", "wit", "facs", "spanTo", "decls", "scribeRef",
                 "active", "passive", "mutual")
MAX_INCLUDE_DEPTH = 10
MAX_POINTER_WARNINGS = 20
MAX_INCLUDE_BYTES = 64 * 2**20
#: What the includes of one file may read in all (see _Budget).
MAX_INCLUDES = 1000
MAX_INCLUDE_TOTAL_BYTES = 64 * 2**20


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


# --- XInclude -------------------------------------------------------------------------


class TooMuch(Exception):
    """The includes of one file went past a limit: nothing more is read."""


class _Budget:
    """What the includes of one file may read in all: MAX_INCLUDES inclusions and
    MAX_INCLUDE_TOTAL_BYTES bytes, counted at every inclusion (a file included twice
    counts twice), so that files including each other cannot multiply into gigabytes,
    whether parsed as XML or taken as text."""

    def __init__(self):
        self.count = 0
        self.bytes = 0
        self.places: dict = {}      # xi:include of the TEI file -> (line, column)

    def take(self, size: int) -> None:
        self.count += 1
        if self.count > MAX_INCLUDES:
            raise TooMuch(f"the file would include more than {MAX_INCLUDES} parts in all (editio's "
                          "limit MAX_INCLUDES; files that include each other multiply)")
        if self.bytes + size > MAX_INCLUDE_TOTAL_BYTES:
            raise TooMuch(f"its includes would read more than {MAX_INCLUDE_TOTAL_BYTES} bytes in all "
                          "(editio's limit MAX_INCLUDE_TOTAL_BYTES, the size of the largest TEI file "
                          "it reads; files that include each other multiply)")
        self.bytes += size


def _read_part(path: Path, budget: _Budget) -> bytes:
    """The bytes of an included file, counted against the budget before they are read."""
    size = path.stat().st_size
    if size > MAX_INCLUDE_BYTES:
        raise ValueError("the included file is too large")
    budget.take(size)
    with open(path, "rb") as handle:
        data = handle.read(size + 1)
    if len(data) > size:
        raise ValueError("the included file grew while it was read")
    return data


def _safe_parse_fragment(path: Path, data: bytes) -> etree._ElementTree:
    from ..source import load as source

    head = data[:4096].decode("utf-8", "replace")
    if "<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise ValueError("the included file has a DOCTYPE or entity declarations, which editio never loads")
    return etree.parse(io.BytesIO(data), source.make_parser(), base_url=str(path))


def _xpointer_target(tree, xpointer: str):
    """The element an XPointer names: the shorthand ``ID`` or ``element(ID)`` only."""
    m = re.fullmatch(r"\s*(?:element\(\s*([^)/\s]+)\s*\)|([A-Za-z_][\w.-]*))\s*", xpointer)
    if not m:
        return None
    ident = m.group(1) or m.group(2)
    found = tree.xpath("//*[@xml:id=$i]", i=ident)
    return found[0] if found else None


def _where(path: Path, inc, places: dict) -> tuple[int, int]:
    """Line and column of an xi:include: exact in the TEI file itself (``places``, found
    before any include is replaced), the first include on its line in an included file
    (whose elements are copies)."""
    from ..source.load import current_bytes
    from ..source.positions import column_of

    if inc in places:
        return places[inc]
    line = inc.sourceline or 1
    try:
        lines = current_bytes(path).decode("utf-8", errors="replace").split("\n")
    except OSError:
        return line, 1
    return line, column_of(lines, line, "include")


def resolve_xincludes(root: etree._Element, base: Path, source_path: Path) -> list[Diagnostic]:
    """Replace every ``xi:include`` under ``root`` by the content it names, in place.

    ``base`` is the TEI file's folder: an include resolving outside it (``../``, an
    absolute path, a symlink out, a URL) is refused, so exporting a file can never read
    anything its author did not put beside it. What all the includes read together is
    bounded (:class:`_Budget`); past a limit, an error (E-XI-1) names it, nothing more is
    read and the includes left are dropped.
    """
    from ..source.positions import SourceMap

    includes = list(root.iter(f"{{{XI_NS}}}include"))
    where = SourceMap(source_path, root.getroottree()) if includes else None
    budget = _Budget()
    budget.places = {inc: where.start(inc) for inc in includes}
    try:
        return _resolve(root, base, source_path, 0, (), budget)
    except _Stop as stop:
        for inc in list(root.iter(f"{{{XI_NS}}}include")):
            _replace_with(inc, None, [])
        return stop.diagnostics


def _resolve(root: etree._Element, base: Path, source_path: Path, depth: int,
             chain: tuple[Path, ...], budget: _Budget) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    folder = base.resolve()
    here_file = chain[-1] if chain else source_path
    for inc in list(root.iter(f"{{{XI_NS}}}include")):
        if inc.getparent() is None and inc is not root:
            continue
        line = inc.sourceline or 0
        href = (inc.get("href") or "").strip()
        parse = inc.get("parse") or "xml"
        problem = None
        replacement: list = []
        text = None
        try:
            if not href or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
                raise ValueError(f"'{href}' is not a relative file path")
            here = Path(inc.base).parent if inc.base and not inc.base.startswith(("http:", "https:")) else folder
            target = (here / href).resolve()
            if not target.is_relative_to(folder):
                raise ValueError(f"'{href}' lies outside the TEI file's folder {folder}")
            if not target.is_file():
                raise ValueError(f"'{href}' was not found")
            if target in chain or depth >= MAX_INCLUDE_DEPTH:
                raise ValueError(f"'{href}' includes itself (or nests too deeply)")
            data = _read_part(target, budget)
            if parse == "text":
                text = data.decode(inc.get("encoding") or "utf-8")
            else:
                tree = _safe_parse_fragment(target, data)
                node = tree.getroot()
                if inc.get("xpointer"):
                    node = _xpointer_target(tree, inc.get("xpointer"))
                    if node is None:
                        raise ValueError(f"xpointer '{inc.get('xpointer')}' names nothing in '{href}'")
                node = copy.deepcopy(node)
                holder = etree.Element("holder")
                holder.append(node)
                diagnostics.extend(_resolve(holder, target.parent, source_path, depth + 1,
                                            chain + (target,), budget))
                replacement = list(holder)
        except TooMuch as exc:
            raise _Stop(diagnostics + [error(
                here_file, f"xi:include '{href}' not resolved: {exc}; include fewer or smaller parts",
                "E-XI-1", *_where(here_file, inc, budget.places))]) from None
        except _Stop as stop:
            raise _Stop(diagnostics + stop.diagnostics) from None
        except (OSError, ValueError, LookupError, UnicodeDecodeError, etree.XMLSyntaxError) as exc:
            problem = str(exc)
        if problem is not None:
            fallback = inc.find(f"{{{XI_NS}}}fallback")
            if fallback is not None:
                text = fallback.text
                replacement = [copy.deepcopy(c) for c in fallback]
                what = "its xi:fallback is used instead"
            else:
                what = "it is left out of the exported TEI"
            diagnostics.append(warning(source_path, f"xi:include not resolved ({problem}); {what}",
                                       "W-TEI-1", line))
        _replace_with(inc, text, replacement)
    return diagnostics


class _Stop(Exception):
    """Past a limit of the includes: unwinds the nested resolutions with what they found."""

    def __init__(self, diagnostics):
        super().__init__()
        self.diagnostics = diagnostics


def _replace_with(el, text, nodes) -> None:
    parent = el.getparent()
    tail = el.tail or ""
    if parent is None:
        return
    index = parent.index(el)
    lead = text or ""
    if lead:
        prev = parent[index - 1] if index > 0 else None
        if prev is None:
            parent.text = (parent.text or "") + lead
        else:
            prev.tail = (prev.tail or "") + lead
    for offset, node in enumerate(nodes):
        parent.insert(index + offset, node)
    parent.remove(el)
    if tail:
        last = nodes[-1] if nodes else (parent[index - 1] if index > 0 else None)
        if last is None:
            parent.text = (parent.text or "") + tail
        else:
            last.tail = (last.tail or "") + tail


# --- identifiers ----------------------------------------------------------------------


def is_block_quote(el) -> bool:
    """A ``quote`` the stylesheet renders as a block: child of div/sp/cit, or holding p/lg."""
    parent = el.getparent()
    if parent is not None and _local(parent) in ("div", "div1", "div2", "div3", "div4", "div5",
                                                  "div6", "div7", "sp", "cit", "body", "back", "front"):
        return True
    return any(_local(c) in ("p", "lg", "l", "ab") for c in el)


def wants_anchor(el) -> bool:
    name = _local(el)
    if name not in ANCHORED:
        return False
    if name == "l":
        return el.get("n") is not None
    if name == "quote":
        return is_block_quote(el)
    return True


def hub_anchors(hub: Hub | None) -> dict[str, str] | None:
    """id → TEI element name (``data-tei``, '' when absent) of every element of the hub."""
    if hub is None:
        return None
    return {el.get("id"): el.get("data-tei") or "" for el in hub.root.iter()
            if isinstance(el.tag, str) and el.get("id")}


def generated_ids(root: etree._Element, anchors: dict[str, str] | None = None) -> dict[etree._Element, str]:
    """The ids editio generated for elements without ``xml:id`` (:mod:`editio.hub.ids`,
    the scheme of every output), for the elements the hub anchors; without the hub, for
    the elements listed in styles/HUB.md, *Anchors*."""
    out: dict[etree._Element, str] = {}
    for el, ident in ids.assign(root).items():
        if anchors is None:
            if wants_anchor(el):
                out[el] = ident
        elif anchors.get(ident) in ("", _local(el)):
            out[el] = ident
    return out


def add_ids(root: etree._Element, source_path: Path,
            anchors: dict[str, str] | None = None) -> tuple[int, list[Diagnostic]]:
    taken = set(root.xpath("//@xml:id"))
    diagnostics = []
    added = 0
    for el, ident in generated_ids(root, anchors).items():
        if ident in taken:
            diagnostics.append(warning(source_path, f"the generated id '{ident}' is already used by "
                                       f"another element; <{_local(el)}> keeps no id",
                                       "W-TEI-2", el.sourceline or 0))
            continue
        el.set(XML_ID, ident)
        taken.add(ident)
        added += 1
    return added, diagnostics


# --- pointers -------------------------------------------------------------------------


def check_pointers(root: etree._Element, source_path: Path) -> list[Diagnostic]:
    """One warning per unresolved pointer value (with its count), at its first occurrence."""
    ids = set(root.xpath("//@xml:id"))
    seen: dict[tuple[str, str, str], list] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in POINTER_ATTRS:
            value = el.get(attr)
            if not value:
                continue
            for token in value.split():
                if token.startswith("#") and token[1:] not in ids:
                    key = (_local(el), attr, token)
                    if key in seen:
                        seen[key][1] += 1
                    else:
                        seen[key] = [el.sourceline or 0, 1]
    diagnostics = []
    for (name, attr, token), (line, count) in list(seen.items())[:MAX_POINTER_WARNINGS]:
        more = f" ({count} times; this is the first)" if count > 1 else ""
        diagnostics.append(warning(source_path, f"<{name} {attr}>: '{token}' points to no xml:id in "
                                   f"the document{more}", "W-TEI-3", line))
    if len(seen) > MAX_POINTER_WARNINGS:
        rest = list(seen.items())[MAX_POINTER_WARNINGS:]
        diagnostics.append(warning(source_path, f"{len(rest)} more pointer values point to no xml:id in "
                                   "the document (not listed one by one)", "W-TEI-3", rest[0][1][0]))
    return diagnostics


# --- header ---------------------------------------------------------------------------


def record_application(root: etree._Element, included: bool = False) -> None:
    """Say in ``encodingDesc/appInfo`` that editio added the identifiers."""
    header = root.find(f"{T}teiHeader")
    if header is None:
        return
    encoding = header.find(f"{T}encodingDesc")
    if encoding is None:
        encoding = etree.Element(f"{T}encodingDesc")
        file_desc = header.find(f"{T}fileDesc")
        index = header.index(file_desc) + 1 if file_desc is not None else 0
        encoding.tail = file_desc.tail if file_desc is not None else None
        header.insert(index, encoding)
    for old in encoding.findall(f"{T}appInfo/{T}application[@ident='editio']"):
        info = old.getparent()
        info.remove(old)
        if len(info) == 0:
            encoding.remove(info)
    app_info = etree.SubElement(encoding, f"{T}appInfo")
    app = etree.SubElement(app_info, f"{T}application", ident="editio", version=__version__ or "0")
    label = etree.SubElement(app, f"{T}label")
    label.text = "editio"
    desc = etree.SubElement(app, f"{T}p")
    desc.text = ("Paragraph-level elements without an identifier were given the identifiers the "
                 "editio editions use as anchors (element name and position)."
                 + (" XIncludes were resolved." if included else ""))


# --- export ---------------------------------------------------------------------------


def export_tree(path: Path, hub: Hub | None = None) -> tuple[etree._ElementTree, list[Diagnostic]]:
    """The exported TEI tree for ``path`` and what was reported on the way.

    ``hub`` (the same file's hub) makes the written-back ids exactly the hub's anchors.
    """
    from ..source import load as source

    path = Path(path)
    tree = source.load(path)
    root = tree.getroot()
    included = root.find(f".//{{{XI_NS}}}include") is not None
    diagnostics = resolve_xincludes(root, path.resolve().parent, path)
    _, id_diagnostics = add_ids(root, path, hub_anchors(hub))
    diagnostics += id_diagnostics
    diagnostics += check_pointers(root, path)
    record_application(root, included)
    etree.cleanup_namespaces(root, keep_ns_prefixes=None)
    return tree, diagnostics


def serialize(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def write(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """``NAME.xml`` in ``outdir``: the standalone TEI (the source file is not touched)."""
    source_path = Path(hub.context.source_path)
    try:
        tree, diagnostics = export_tree(source_path, hub)
    except EditioError as exc:
        return exc.diagnostics
    target = Path(outdir) / f"{hub.context.name}.xml"
    if target.resolve() == source_path.resolve():
        return [error(source_path, "the exported TEI would overwrite its source; build into another "
                      "folder", "E-TEI-9")]
    target.write_bytes(serialize(tree))
    return diagnostics
