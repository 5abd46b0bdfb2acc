"""Citation data: where every identifier of the TEI lives in each edition, and how to cite it.

Written after the web edition, the EPUB and the PDF (it reads the last two), this
module produces, in the edition folder:

``citations.json``
    For every ``xml:id`` of the TEI (including the ``NAME-N`` anchors editio generates
    for paragraph-level elements, marked ``"generated": true``): its fragment in the web
    edition (``index.html#ID``), its content document in the EPUB (``EPUB/text/…xhtml#ID``,
    found by scanning the EPUB as built) and its page in the PDF (from the PDF's named
    destinations, which WeasyPrint writes for element ids), plus a "cite this" record.
``NAME.csl.json`` and ``NAME.bib``
    The edition itself as CSL-JSON and BibTeX, from the header's metadata record.
``bibliography.csl.json``
    The works of the TEI's ``listBibl`` (``biblStruct`` and ``bibl``) as CSL-JSON,
    importable into Zotero and any CSL processor.

Every file is written with sorted keys and no timestamps beyond the build date, so a
rebuild gives the same bytes.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, EditioError, warning
from ..model import Hub, Metadata

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _text(el, skip=("note",)) -> str:
    """Normalised text of an element, notes left out."""
    if el is None:
        return ""
    parts = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and _local(child) not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _norm("".join(parts))


# --- the TEI's identifiers ------------------------------------------------------------------


def tei_ids(path: Path, hub: Hub | None = None) -> tuple[list[tuple[str, str, bool]], etree._Element]:
    """(id, element name, generated?) for every identifier, in document order, and the root."""
    from ..source import load as source
    from . import tei as tei_export

    tree = source.load(path)
    root = tree.getroot()
    tei_export.resolve_xincludes(root, Path(path).resolve().parent, Path(path))
    generated = tei_export.generated_ids(root, tei_export.hub_anchors(hub))
    taken = set(root.xpath("//@xml:id"))
    out = []
    for el in root.iter(f"{T}*"):
        ident = el.get(XML_ID)
        if ident is not None:
            out.append((ident, _local(el), False))
        elif el in generated and generated[el] not in taken:
            out.append((generated[el], _local(el), True))
    return out, root


# --- where ids live in each output --------------------------------------------------------------


def hub_ids(hub: Hub) -> set[str]:
    return {el.get("id") for el in hub.root.iter() if isinstance(el.tag, str) and el.get("id")}


def epub_ids(epub: Path) -> dict[str, str]:
    """id → zip path of the XHTML content document holding it (first one wins)."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(epub) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"))
        rootfile = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        opf = etree.fromstring(z.read(rootfile))
        base = posixpath.dirname(rootfile)
        items = {i.get("id"): i for i in opf.xpath("//*[local-name()='manifest']/*[local-name()='item']")}
        order = [items[r.get("idref")] for r in opf.xpath("//*[local-name()='spine']/*[local-name()='itemref']")
                 if r.get("idref") in items]
        order += [i for i in items.values() if i not in order]
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        for item in order:
            if item.get("media-type") != "application/xhtml+xml":
                continue
            name = posixpath.normpath(posixpath.join(base, item.get("href")))
            doc = etree.fromstring(z.read(name), parser)
            for el in doc.iter():
                if isinstance(el.tag, str) and el.get("id") and el.get("id") not in found:
                    found[el.get("id")] = name
    return found


def pdf_pages(pdf: Path) -> dict[str, int]:
    """id → 1-based page number, from the PDF's named destinations (``/Names /Dests`` or ``/Dests``)."""
    import pikepdf

    pages: dict[str, int] = {}
    with pikepdf.open(pdf) as doc:
        index = {page.objgen: n for n, page in enumerate(doc.pages, 1)}
        root = doc.Root
        entries = []
        if "/Names" in root and "/Dests" in root.Names:
            entries = list(pikepdf.NameTree(root.Names.Dests).items())
        elif "/Dests" in root:
            entries = [(str(k)[1:], v) for k, v in root.Dests.items()]
        for name, dest in entries:
            if isinstance(dest, pikepdf.Dictionary) and "/D" in dest:
                dest = dest.D
            if isinstance(dest, pikepdf.Array) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
                page = index.get(dest[0].objgen)
                if page:
                    pages[str(name)] = page
    return pages


# --- names and dates ------------------------------------------------------------------------


def split_name(name: str) -> dict:
    """'Given Family' or 'Family, Given' → CSL name; one word or an organisation → literal."""
    name = _norm(name).strip(",;")
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = name.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not re.search(r"\d", name):
        particles = []
        while len(words) > 2 and words[-2].lower() in ("von", "van", "de", "der", "da", "di", "du", "la", "le"):
            particles.insert(0, words.pop(-2))
        return {"family": " ".join(particles + [words[-1]]), "given": " ".join(words[:-1])}
    return {"literal": name}


def tei_name(el) -> dict:
    """CSL name of a TEI author/editor/persName: forename/surname when marked up."""
    pers = el if _local(el) == "persName" else el.find(f".//{T}persName")
    holder = pers if pers is not None else el
    surnames = [_text(s) for s in holder.findall(f".//{T}surname")]
    forenames = [_text(f) for f in holder.findall(f".//{T}forename")]
    if surnames:
        out = {"family": " ".join(surnames)}
        if forenames:
            out["given"] = " ".join(forenames)
        return out
    if holder.find(f".//{T}orgName") is not None or _local(holder) == "orgName":
        return {"literal": _text(holder)}
    return split_name(_text(holder))


def date_parts(value: str) -> dict | None:
    m = re.match(r"^\s*(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        m = re.search(r"\b(\d{4})\b", value or "")
        return {"date-parts": [[int(m.group(1))]]} if m else None
    parts = [int(p) for p in m.groups() if p]
    return {"date-parts": [parts]}


def _tei_date(el) -> dict | None:
    if el is None:
        return None
    for attr in ("when", "notBefore", "from"):
        if el.get(attr):
            found = date_parts(el.get(attr))
            if found:
                return found
    found = date_parts(_text(el))
    if found is None and _text(el):
        return {"literal": _text(el)}
    return found


# --- the edition ------------------------------------------------------------------------------


def _structured_names(root) -> dict[str, dict]:
    """Full names in the TEI that carry forename/surname markup → CSL names."""
    out = {}
    if root is None:
        return out
    for pers in root.iter(f"{T}persName", f"{T}author", f"{T}editor"):
        if pers.find(f".//{T}surname") is not None:
            key = _norm(" ".join(t for t in pers.itertext())).casefold()
            out.setdefault(key, tei_name(pers))
    return out


def edition_csl(meta: Metadata, name: str, base_url: str = "", root=None) -> dict:
    known = _structured_names(root)

    def person(n):
        return dict(known.get(_norm(n).casefold()) or split_name(n))

    record = {
        "id": name,
        "type": "book",
        "title": meta.title,
        "medium": "digital edition",
        "language": meta.language,
    }
    if meta.subtitle:
        record["title"] = f"{meta.title}: {meta.subtitle}"
        record["title-short"] = meta.title
    if meta.authors:
        record["author"] = [person(a) for a in meta.authors]
    if meta.editors:
        record["editor"] = [person(e) for e in meta.editors]
    if meta.publisher:
        record["publisher"] = meta.publisher
    issued = date_parts(meta.date) if meta.date else None
    if issued:
        record["issued"] = issued
    if base_url:
        record["URL"] = base_url.rstrip("/") + "/"
    if meta.description:
        record["abstract"] = meta.description
    if meta.subjects:
        record["keyword"] = ", ".join(meta.subjects)
    if meta.licence:
        record["license"] = meta.licence_url or meta.licence
    if meta.source:
        record["note"] = f"Source: {meta.source}"
    return record


_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                   "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_escape(value: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in value)


def _bibtex_names(names: list[dict]) -> str:
    out = []
    for n in names:
        if "literal" in n:
            out.append("{" + bibtex_escape(n["literal"]) + "}")
        elif n.get("given"):
            out.append(f"{bibtex_escape(n['family'])}, {bibtex_escape(n['given'])}")
        else:
            out.append(bibtex_escape(n["family"]))
    return " and ".join(out)


def bibtex_key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:-]+", "-", name).strip("-") or "edition"


def edition_bibtex(csl: dict) -> str:
    fields = [("title", "{" + bibtex_escape(csl.get("title-short", csl["title"])) + "}")]
    if csl.get("title-short"):
        fields.append(("subtitle", bibtex_escape(csl["title"][len(csl["title-short"]) + 2:])))
    if csl.get("author"):
        fields.append(("author", _bibtex_names(csl["author"])))
    if csl.get("editor"):
        fields.append(("editor", _bibtex_names(csl["editor"])))
    if csl.get("publisher"):
        fields.append(("publisher", bibtex_escape(csl["publisher"])))
    parts = (csl.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        fields.append(("year", str(parts[0])))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    if csl.get("URL"):
        fields.append(("url", csl["URL"]))
    if csl.get("language"):
        fields.append(("language", bibtex_escape(csl["language"])))
    fields.append(("howpublished", "Digital edition"))
    if csl.get("keyword"):
        fields.append(("keywords", bibtex_escape(csl["keyword"])))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@book{{{bibtex_key(csl['id'])},\n{body}\n}}\n"


# --- the bibliography ----------------------------------------------------------------------------


_CSL_TYPES = {"article": "article-journal", "journalarticle": "article-journal", "book": "book",
              "chapter": "chapter", "section": "chapter", "bookSection": "chapter", "thesis": "thesis",
              "report": "report", "webpage": "webpage", "online": "webpage", "online-book": "book",
              "note": "book", "manuscript": "manuscript", "letter": "personal_communication"}


def _title(el, levels) -> str:
    for level in levels:
        for t in el.findall(f".//{T}title"):
            if (t.get("level") or "") == level and t.get("type") not in ("short", "sub"):
                return _text(t)
    return ""


def _scopes(el, item: dict) -> None:
    for scope in el.findall(f".//{T}biblScope") + el.findall(f".//{T}citedRange"):
        unit = (scope.get("unit") or scope.get("type") or "").lower()
        if scope.get("from") and scope.get("to") and scope.get("from") != scope.get("to"):
            value = f"{scope.get('from')}-{scope.get('to')}"
        elif scope.get("from"):
            value = scope.get("from")
        else:
            value = re.sub(r"^(pp?\.|vol\.|no\.|nr\.|s\.|chapter|chap\.|ch\.|volume|issue|page)\s*", "",
                           _text(scope), flags=re.I)
        key = {"page": "page", "pp": "page", "pages": "page", "volume": "volume", "vol": "volume",
               "issue": "issue", "number": "issue", "chapter": "chapter-number"}.get(unit)
        if key and value and key not in item:
            item[key] = value


def _links(el, item: dict) -> None:
    for idno in el.findall(f".//{T}idno"):
        kind = (idno.get("type") or "").upper()
        value = _text(idno)
        if kind == "DOI" and value:
            item.setdefault("DOI", re.sub(r"^https?://(dx\.)?doi\.org/", "", value))
        elif kind in ("ISBN", "ISSN") and value:
            item.setdefault(kind, value)
        elif kind in ("URL", "URI") and value.startswith(("http://", "https://")):
            item.setdefault("URL", value)
    for ptr in el.xpath(".//t:ptr/@target | .//t:ref/@target", namespaces=NS):
        for target in str(ptr).split():
            if target.startswith(("http://", "https://")):
                m = re.match(r"^https?://(dx\.)?doi\.org/(.+)$", target)
                if m:
                    item.setdefault("DOI", m.group(2))
                else:
                    item.setdefault("URL", target)


def _people(els) -> list[dict]:
    out = []
    for el in els:
        persons = el.findall(f"{T}persName")
        if len(persons) > 1:
            out.extend(tei_name(p) for p in persons)
        elif _text(el):
            out.append(tei_name(el))
    return out


def bibl_csl(el, ident: str) -> dict:
    """One ``bibl`` or ``biblStruct`` as a CSL-JSON item."""
    item: dict = {"id": ident}
    kind = el.get("type") or ""
    if _local(el) == "biblStruct":
        analytic = el.find(f"{T}analytic")
        monogr = el.find(f"{T}monogr")
        series = el.find(f"{T}series")
        level_of_monogr = ""
        if monogr is not None:
            t = monogr.find(f"{T}title")
            level_of_monogr = (t.get("level") or "") if t is not None else ""
        if analytic is not None:
            item["title"] = _text(analytic.find(f"{T}title"))
            item["author"] = _people(analytic.findall(f"{T}author"))
            editors = _people(analytic.findall(f"{T}editor"))
            if monogr is not None:
                item["container-title"] = _text(monogr.find(f"{T}title"))
                editors += _people(monogr.findall(f"{T}editor"))
                if not item["author"]:
                    item["author"] = _people(monogr.findall(f"{T}author"))
            if editors:
                item["editor"] = editors
            item["type"] = "article-journal" if level_of_monogr == "j" else "chapter"
        elif monogr is not None:
            item["title"] = _text(monogr.find(f"{T}title"))
            item["author"] = _people(monogr.findall(f"{T}author"))
            editors = _people(monogr.findall(f"{T}editor"))
            if editors:
                item["editor"] = editors
            item["type"] = "book"
        if series is not None and _text(series.find(f"{T}title")):
            item["collection-title"] = _text(series.find(f"{T}title"))
        imprint = monogr.find(f"{T}imprint") if monogr is not None else None
        scope_holder = monogr if monogr is not None else el
        where = imprint if imprint is not None else scope_holder
        publisher = where.find(f"{T}publisher")
        place = where.find(f"{T}pubPlace")
        date = where.find(f"{T}date")
        _scopes(el, item)
    else:
        item["author"] = _people(el.findall(f"{T}author"))
        editors = _people(el.findall(f"{T}editor"))
        if editors:
            item["editor"] = editors
        title = _title(el, ("a",)) or _title(el, ("m", "j", "u", "s", ""))
        item["title"] = title or _text(el.find(f".//{T}title"))
        container = _title(el, ("m", "j")) if _title(el, ("a",)) else ""
        if container and container != item["title"]:
            item["container-title"] = container
        journal = bool(_title(el, ("j",)))
        if kind in _CSL_TYPES:
            item["type"] = _CSL_TYPES[kind]
        elif container:
            item["type"] = "article-journal" if journal else "chapter"
        else:
            item["type"] = "book"
        if not item["title"]:
            item["title"] = _text(el)
        publisher = el.find(f".//{T}publisher")
        place = el.find(f".//{T}pubPlace")
        date = el.find(f".//{T}date")
        _scopes(el, item)
    if publisher is not None and _text(publisher):
        item["publisher"] = _text(publisher)
    if place is not None and _text(place):
        item["publisher-place"] = _text(place)
    issued = _tei_date(date)
    if issued:
        item["issued"] = issued
    _links(el, item)
    for key in ("author", "editor", "title", "container-title"):
        if not item.get(key):
            item.pop(key, None)
    return item


def bibliography_csl(root) -> list[dict]:
    """Every ``bibl``/``biblStruct`` directly in a ``listBibl`` of the TEI, in document order."""
    if root is None:
        return []
    items = []
    counts: dict[str, int] = {}
    for el in root.iter(f"{T}bibl", f"{T}biblStruct"):
        counts[_local(el)] = counts.get(_local(el), 0) + 1
        parent = el.getparent()
        if parent is None or _local(parent) != "listBibl":
            continue
        items.append(bibl_csl(el, el.get(XML_ID) or f"{_local(el)}-{counts[_local(el)]}"))
    return items


# --- citations.json ----------------------------------------------------------------------------


def _built(hub: Hub, outdir: Path, filename: str) -> Path:
    """An output of this build (in the staging folder), else the one already published."""
    staged = Path(outdir) / filename
    if staged.is_file() or hub.context.edition_dir is None:
        return staged
    return Path(hub.context.edition_dir) / filename


def citation_map(hub: Hub, outdir: Path, ids: list[tuple[str, str, bool]]) -> tuple[dict, list[Diagnostic]]:
    name = hub.context.name
    diagnostics: list[Diagnostic] = []
    in_html = hub_ids(hub)
    epub_path = _built(hub, outdir, f"{name}.epub")
    pdf_path = _built(hub, outdir, f"{name}.pdf")
    in_epub: dict[str, str] = {}
    in_pdf: dict[str, int] = {}
    if epub_path.is_file():
        try:
            in_epub = epub_ids(epub_path)
        except (KeyError, IndexError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
            diagnostics.append(warning(hub.context.source_path, f"citations: the EPUB could not be read "
                                       f"({exc}); EPUB locations are left out", "W-CIT-1"))
    if pdf_path.is_file():
        try:
            in_pdf = pdf_pages(pdf_path)
        except ImportError:
            diagnostics.append(warning(hub.context.source_path, "citations: pikepdf is not installed; PDF "
                                       "pages are left out", "W-CIT-2"))
        except Exception as exc:  # pikepdf raises its own error types for damaged files
            diagnostics.append(warning(hub.context.source_path, f"citations: the PDF could not be read "
                                       f"({exc}); PDF pages are left out", "W-CIT-2"))
    base = hub.context.base_url.rstrip("/")
    anchors = {}
    for ident, element, generated in ids:
        entry: dict = {"element": element}
        if generated:
            entry["generated"] = True
        if ident in in_html:
            entry["html"] = f"index.html#{ident}"
            if base:
                entry["url"] = f"{base}/index.html#{ident}"
        if ident in in_epub:
            entry["epub"] = f"{in_epub[ident]}#{ident}"
        if ident in in_pdf:
            entry["pdf_page"] = in_pdf[ident]
            entry["pdf"] = f"{name}.pdf#page={in_pdf[ident]}"
        anchors[ident] = entry
    files = {"html": "index.html" if in_html else None,
             "epub": f"{name}.epub" if epub_path.is_file() else None,
             "pdf": f"{name}.pdf" if pdf_path.is_file() else None}
    return {"files": {k: v for k, v in files.items() if v}, "anchors": anchors}, diagnostics


def _dump(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


OUTPUTS = ("citations.json", "{name}.csl.json", "{name}.bib", "bibliography.csl.json")


def outputs(name: str) -> list[str]:
    return [o.format(name=name) for o in OUTPUTS]


def write(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """citations.json, NAME.csl.json, NAME.bib and bibliography.csl.json in ``outdir``."""
    outdir = Path(outdir)
    name = hub.context.name
    diagnostics: list[Diagnostic] = []
    try:
        ids, root = tei_ids(Path(hub.context.source_path), hub)
    except EditioError as exc:
        return [warning(d.file, d.message, "W-CIT-3", d.line, d.column) for d in exc.diagnostics]
    csl = edition_csl(hub.metadata, name, hub.context.base_url, root)
    mapping, found = citation_map(hub, outdir, ids)
    diagnostics += found
    record = {"edition": csl, "build_date": hub.context.build_date, **mapping}
    (outdir / "citations.json").write_bytes(_dump(record))
    (outdir / f"{name}.csl.json").write_bytes(_dump([csl]))
    (outdir / f"{name}.bib").write_text(edition_bibtex(csl), encoding="utf-8")
    (outdir / "bibliography.csl.json").write_bytes(_dump(bibliography_csl(root)))
    return diagnostics
