"""DOCX, ODT and Markdown exports: the hub handed to pandoc as a pandoc document tree.

Converting the hub to pandoc's JSON AST ourselves, rather than letting pandoc read HTML,
keeps what its HTML reader loses or guesses: every ``a.noteref`` becomes a real ``Note``
holding the note's body (Word and LibreOffice footnotes), ``lang`` becomes a ``lang``
attribute on a Span or Div (``w:lang`` in DOCX), and the TEI concepts a press wants to
restyle become named paragraph styles (pandoc ``custom-style``): Speaker, Quotation,
Stage, Note, Bibliography, Register, all defined in ``styles/reference/reference.docx``
and ``reference.odt``.  Markdown gets the same tree without the style wrappers.

pandoc comes from the ``pypandoc-binary`` wheel and runs offline; with
``SOURCE_DATE_EPOCH`` set, its DOCX and ODT zips carry that date, so builds repeat
byte for byte.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from importlib.resources import files
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import atomic, clock
from ..diagnostics import Diagnostic, EditioError, error, warning
from ..hub.tree import classes as _classes
from ..hub.tree import drop_diplomatic_only
from ..model import Hub
from ..pandoc_binary import pandoc_api_version, pandoc_path

# Markdown without "smart": typographic quotes and dashes stay the characters of the text.
FORMATS = {"docx": "docx", "odt": "odt", "md": "markdown-smart"}

# HTML elements that hold blocks; everything else is treated as inline content.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
}
SKIP_TAGS = {"script", "style", "template", "noscript", "link", "meta", "button", "input"}
# Named paragraph styles for TEI concepts (see styles/reference/make_reference.py).
STYLE_BY_CLASS = {"speaker": "Speaker", "stage": "Stage"}


def _attr(ident: str = "", classes=(), kv=()) -> list:
    return [ident or "", list(classes), [list(p) for p in kv]]


def _tokens(text: str) -> list[dict]:
    """Text → Str/Space inlines (runs of white space become one Space)."""
    out = []
    for piece in re.split(r"(\s+)", text):
        if not piece:
            continue
        if piece.isspace():
            if not out or out[-1]["t"] != "Space":
                out.append({"t": "Space"})
        else:
            out.append({"t": "Str", "c": piece})
    return out


def _trim(inlines: list[dict]) -> list[dict]:
    """Drop leading/trailing spaces and collapse doubled ones across element boundaries."""
    out = []
    for item in inlines:
        if item["t"] in ("Space", "SoftBreak") and (not out or out[-1]["t"] in ("Space", "LineBreak")):
            continue
        out.append(item)
    while out and out[-1]["t"] in ("Space", "SoftBreak"):
        out.pop()
    return out


class Converter:
    """One hub → one pandoc document (blocks + meta) for one output format."""

    def __init__(self, hub: Hub, fmt: str):
        self.hub = hub
        self.fmt = fmt
        self.styled = fmt in ("docx", "odt")
        self.diagnostics: list[Diagnostic] = []
        root = copy.deepcopy(hub.root)
        drop_diplomatic_only(root)
        self.root = root
        self.notes: dict[str, etree._Element] = {}
        for aside in root.iter("aside"):
            if aside.get("id") and ("note" in _classes(aside) or aside.get("role") == "doc-footnote"):
                self.notes[aside.get("id")] = aside
        self.used_notes: set[str] = set()
        self.anchored: set[str] = set()
        self.note_depth = 0

    # --- document ------------------------------------------------------------------

    def document(self) -> dict:
        body = self.root.find("body")
        if body is None:
            raise EditioError(error(self.hub.context.source_path, "the hub has no body", "E-EXP-1"))
        blocks = self.blocks(body)
        return {"pandoc-api-version": pandoc_api_version(), "meta": self.meta(), "blocks": blocks}

    def meta(self) -> dict:
        m = self.hub.metadata

        def s(value):
            return {"t": "MetaInlines", "c": _tokens(value)}

        meta = {"title": s(m.title), "lang": {"t": "MetaString", "c": m.language or "en"}}
        if m.subtitle:
            meta["subtitle"] = s(m.subtitle)
        people = m.authors or m.editors
        if people:
            meta["author"] = {"t": "MetaList", "c": [s(p) for p in people]}
        if m.editors and m.authors:
            meta["editor"] = {"t": "MetaList", "c": [s(p) for p in m.editors]}
        if m.date:
            meta["date"] = s(m.date)
        if m.description:
            meta["description"] = s(m.description)
            meta["abstract"] = {"t": "MetaBlocks", "c": [{"t": "Para", "c": _tokens(m.description)}]}
        if m.subjects:
            meta["keywords"] = {"t": "MetaList", "c": [s(k) for k in m.subjects]}
        if m.publisher:
            meta["publisher"] = s(m.publisher)
        if m.licence:
            meta["rights"] = s(m.licence)
        if m.identifier:
            meta["identifier"] = s(m.identifier)
        return meta

    # --- blocks --------------------------------------------------------------------

    def blocks(self, container) -> list[dict]:
        """Block content of an element whose children may mix text, inline and block nodes."""
        out: list[dict] = []
        run: list[dict] = []

        def flush():
            inlines = _trim(run)
            if inlines:
                out.append({"t": "Plain" if out or len(container) else "Para", "c": inlines})
                if out[-1]["t"] == "Plain":
                    out[-1]["t"] = "Para"
            run.clear()

        if container.text:
            run.extend(_tokens(container.text))
        for child in container:
            if not isinstance(child.tag, str) or self.skip(child):
                pass
            elif child.tag in BLOCK_TAGS:
                flush()
                out.extend(self.block(child))
            else:
                run.extend(self.inline(child))
            if child.tail:
                run.extend(_tokens(child.tail))
        flush()
        return out

    def skip(self, el) -> bool:
        tag = el.tag
        if tag in SKIP_TAGS or el.get("hidden") is not None:
            return True
        ident = el.get("id")
        if ident in ("toc", "titlepage", "notes"):
            return True
        if tag == "nav" and "corresp-context" not in (el.get("class") or "").split():
            return True     # the letters before and after this one are part of its record
        if tag == "aside" and ident in self.notes:
            return True
        return el.get("role") == "doc-backlink"

    def wrap_lang(self, el, blocks: list[dict]) -> list[dict]:
        lang = el.get("lang")
        if lang and blocks:
            return [{"t": "Div", "c": [_attr(kv=[("lang", lang)]), blocks]}]
        return blocks

    def styled_div(self, style: str, blocks: list[dict], ident: str = "") -> list[dict]:
        if not blocks:
            return []
        if self.styled:
            return [{"t": "Div", "c": [_attr(kv=[("custom-style", style)]), self.anchor(ident, blocks)]}]
        return blocks

    def anchor(self, ident: str, blocks: list[dict]) -> list[dict]:
        """Keep an id as an empty Span at the start of the first text inside ``blocks``.

        An empty anchored Span is a bookmark in DOCX and ODT; an anchored Div would be a
        bookmark in DOCX but a text section (a visible frame) in LibreOffice.
        """
        if not ident or not self.styled or ident in self.anchored:
            return blocks

        def place(block_list) -> bool:
            for b in block_list:
                t = b["t"]
                if t in ("Para", "Plain"):
                    b["c"].insert(0, {"t": "Span", "c": [_attr(ident), []]})
                    return True
                if t == "Header":
                    if not b["c"][1][0]:
                        b["c"][1][0] = ident
                        return True
                    b["c"][2].insert(0, {"t": "Span", "c": [_attr(ident), []]})
                    return True
                if t == "LineBlock" and b["c"]:
                    b["c"][0].insert(0, {"t": "Span", "c": [_attr(ident), []]})
                    return True
                if t in ("BlockQuote",) and place(b["c"]):
                    return True
                if t == "Div" and place(b["c"][1]):
                    return True
                if t in ("BulletList", "OrderedList"):
                    items = b["c"] if t == "BulletList" else b["c"][1]
                    if items and place(items[0]):
                        return True
            return False

        if place(blocks):
            self.anchored.add(ident)
        return blocks

    def block(self, el) -> list[dict]:
        tag = el.tag
        classes = _classes(el)
        ident = el.get("id") or ""
        if re.fullmatch(r"h[1-6]", tag):
            level = max(1, int(tag[1]) - 1)
            inlines = _trim(self.inlines(el))
            return self.wrap_lang(el, [{"t": "Header", "c": [level, _attr(ident), inlines]}]) if inlines else []
        if tag == "p":
            inlines = _trim(self.inlines(el))
            if not inlines:
                return self.anchor_only(ident)
            style = next((STYLE_BY_CLASS[c] for c in classes if c in STYLE_BY_CLASS), None)
            para = [{"t": "Para", "c": inlines}]
            if style:
                return self.wrap_lang(el, self.styled_div(style, para, ident))
            return self.wrap_lang(el, self.anchor(ident, para))
        if tag == "hr":
            return [{"t": "HorizontalRule"}]
        if tag == "blockquote":
            inner = self.blocks(el)
            if self.styled:
                return self.wrap_lang(el, self.styled_div("Quotation", inner, ident))
            return self.wrap_lang(el, [{"t": "BlockQuote", "c": inner}])
        if tag in ("ul", "ol"):
            return self.wrap_lang(el, self.list_block(el))
        if tag == "dl":
            return self.wrap_lang(el, self.definition_list(el))
        if tag == "table":
            return self.wrap_lang(el, self.table(el))
        if tag == "figure":
            return self.wrap_lang(el, self.figure(el))
        if tag == "pre":
            return [{"t": "CodeBlock", "c": [_attr(ident), "".join(el.itertext())]}]
        if tag == "div" and ("lg" in classes):
            return self.wrap_lang(el, self.line_group(el))
        if tag == "div" and "l" in classes:
            inlines = _trim(self.inlines(el))
            return [{"t": "LineBlock", "c": [inlines]}] if inlines else []
        inner = self.blocks(el)
        if ident == "register" or "register" in classes or "index" in classes:
            inner = self.restyle(inner, "Register")
        if "bibliography" in classes or el.get("data-tei") == "listBibl":
            inner = inner  # entries are styled where the list is converted
        return self.wrap_lang(el, self.container(ident, inner))

    def container(self, ident: str, inner: list[dict]) -> list[dict]:
        """A section/div: its blocks, kept in an anchored Div (a DOCX bookmark) when styled."""
        return self.anchor(ident, inner)

    def anchor_only(self, ident: str) -> list[dict]:
        return []

    def restyle(self, blocks: list[dict], style: str) -> list[dict]:
        """Give plain paragraphs of a back-matter section a named style (headings stay headings)."""
        if not self.styled:
            return blocks
        out = []
        for b in blocks:
            if b["t"] in ("Para", "Plain"):
                out.extend(self.styled_div(style, [b]))
            elif b["t"] == "Div" and not any(k == "custom-style" for k, _ in b["c"][0][2]):
                out.append({"t": "Div", "c": [b["c"][0], self.restyle(b["c"][1], style)]})
            elif b["t"] == "BulletList":
                out.extend(self.restyle([blk for item in b["c"] for blk in item], style))
            else:
                out.append(b)
        return out

    def list_block(self, el) -> list[dict]:
        items = []
        bibliography = False
        for li in el:
            if not isinstance(li.tag, str) or li.tag != "li" or self.skip(li):
                continue
            if "bibl" in _classes(li) or li.get("data-tei") in ("bibl", "biblStruct"):
                bibliography = True
            items.append((li, self.blocks(li) or [{"t": "Plain", "c": []}]))
        if bibliography and self.styled:
            out = []
            for li, blocks in items:
                out.extend(self.styled_div("Bibliography", blocks, li.get("id") or ""))
            return out
        converted = []
        for li, blocks in items:
            converted.append(self.anchor(li.get("id") or "", blocks))
        if not converted:
            return []
        if el.tag == "ol":
            start = int(el.get("start") or 1) if (el.get("start") or "1").isdigit() else 1
            return [{"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], converted]}]
        return [{"t": "BulletList", "c": converted}]

    def definition_list(self, el) -> list[dict]:
        items, term = [], None
        for child in el:
            if not isinstance(child.tag, str) or self.skip(child):
                continue
            if child.tag == "dt":
                if term is not None:
                    items.append([term, []])
                term = _trim(self.inlines(child))
            elif child.tag == "dd":
                if term is None:
                    term = []
                items.append([term, [self.blocks(child)]])
                term = None
        if term is not None:
            items.append([term, []])
        return [{"t": "DefinitionList", "c": items}] if items else []

    def line_group(self, el) -> list[dict]:
        out, lines = [], []
        for child in el:
            if not isinstance(child.tag, str) or self.skip(child):
                continue
            if child.tag == "div" and "l" in _classes(child):
                lines.append(_trim(self.inlines(child)))
            else:
                if lines:
                    out.append({"t": "LineBlock", "c": lines})
                    lines = []
                out.extend(self.block(child) if child.tag in BLOCK_TAGS else
                           [{"t": "Para", "c": _trim(self.inline(child))}])
        if lines:
            out.append({"t": "LineBlock", "c": lines})
        return self.container(el.get("id") or "", out)

    def table(self, el) -> list[dict]:
        # (its own rows: a table nested in a cell is that cell's, not rows of this one;
        # a family tree of nested tables printed each generation again and again)
        rows = [tr for tr in el.iter("tr") if next(tr.iterancestors("table"), None) is el]
        caption_el = el.find("caption")
        caption = self.blocks(caption_el) if caption_el is not None else []

        def span(c, name):
            value = c.get(name) or "1"
            return max(1, int(value)) if value.isdigit() else 1

        # Lay the cells on a grid (row and column spans), then pad every row to the
        # full width: pandoc's DOCX writer refuses a grid with holes.
        grid_rows, carried, width = [], {}, 0
        for tr in rows:
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            col, placed = 0, []
            for c in cells:
                while carried.get(col, 0) > 0:
                    col += 1
                rs, cs = span(c, "rowspan"), span(c, "colspan")
                placed.append((c, rs, cs))
                for k in range(col, col + cs):
                    carried[k] = rs
                col += cs
            used = max([k + 1 for k, v in carried.items() if v > 0] + [col])
            width = max(width, used)
            grid_rows.append((placed, sum(1 for v in carried.values() if v > 0)))
            carried = {k: v - 1 for k, v in carried.items() if v > 1}
        if width == 0:
            return []
        body_rows = []
        for placed, occupied in grid_rows:
            cells = [[_attr(), {"t": "AlignDefault"}, rs, cs, self.blocks(c)] for c, rs, cs in placed]
            for _ in range(width - occupied):
                cells.append([_attr(), {"t": "AlignDefault"}, 1, 1, []])
            body_rows.append([_attr(), cells])
        table = {"t": "Table", "c": [
            _attr(el.get("id") or "" if self.styled else ""),
            [None, caption if self.styled else []],
            [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(width)],
            [_attr(), []],
            [[_attr(), 0, [], body_rows]],
            [_attr(), []],
        ]}
        # Markdown writers put a caption after the table; keep the reading order instead.
        return ([] if self.styled else caption) + [table]

    def figure(self, el) -> list[dict]:
        caption_el = el.find("figcaption")
        caption = self.blocks(caption_el) if caption_el is not None else []
        content = []
        for child in el:
            if not isinstance(child.tag, str) or child.tag == "figcaption" or self.skip(child):
                continue
            content.extend(self.block(child) if child.tag in BLOCK_TAGS else
                           [{"t": "Plain", "c": self.inline(child)}])
        content = [b for b in content if b["t"] != "Plain" or b["c"]]
        return [{"t": "Figure", "c": [_attr(el.get("id") or ""), [None, caption], content]}]

    # --- inlines -------------------------------------------------------------------

    def inlines(self, el) -> list[dict]:
        out = _tokens(el.text) if el.text else []
        for child in el:
            if isinstance(child.tag, str) and not self.skip(child):
                if child.tag in BLOCK_TAGS:
                    # A block inside inline content (e.g. a paragraph inside a list item's
                    # span): keep its words, separated by a space.
                    out.append({"t": "Space"})
                    out.extend(self.inlines(child))
                    out.append({"t": "Space"})
                else:
                    out.extend(self.inline(child))
            if child.tail:
                out.extend(_tokens(child.tail))
        return out

    def inline(self, el) -> list[dict]:
        tag = el.tag
        classes = _classes(el)
        if self.skip(el):
            return []
        if tag == "a" and ("noteref" in classes or el.get("role") == "doc-noteref"):
            return self.note(el)
        if tag == "br":
            return [{"t": "LineBreak"}]
        if tag == "img":
            return [self.image(el)]
        if tag in BLOCK_TAGS:
            return self.inlines(el)
        if tag == "math":
            return [self.math(el)]
        content = self.inlines(el)
        if tag in ("em", "i", "cite", "dfn", "var"):
            result = [{"t": "Emph", "c": content}]
        elif tag in ("strong", "b"):
            result = [{"t": "Strong", "c": content}]
        elif tag == "sup":
            result = [{"t": "Superscript", "c": content}]
        elif tag == "sub":
            result = [{"t": "Subscript", "c": content}]
        elif tag == "u" or (tag == "ins" and self.styled):
            # Markdown has no underline: an addition there is just its text.
            result = [{"t": "Underline", "c": content}]
        elif tag in ("del", "s", "strike"):
            result = [{"t": "Strikeout", "c": content}]
        elif tag == "code":
            result = [{"t": "Code", "c": [_attr(), "".join(el.itertext())]}]
        elif tag == "q" and "marked" not in classes:
            result = [{"t": "Quoted", "c": [{"t": "DoubleQuote"}, content]}]
        elif tag == "span" and "smallcaps" in classes:
            result = [{"t": "SmallCaps", "c": content}]
        elif tag == "a" and el.get("href"):
            href = el.get("href")
            if href.startswith("#") and self.fmt == "odt":
                result = content    # ODT internal links need bookmarks pandoc does not write for Divs
            else:
                result = [{"t": "Link", "c": [_attr(), content, [href, el.get("title") or ""]]}]
        else:
            result = content
        ident = el.get("id") if tag == "span" and "pb" in classes else ""
        lang = el.get("lang")
        if lang or ident:
            kv = [("lang", lang)] if lang else []
            result = [{"t": "Span", "c": [_attr(ident if self.styled else "", kv=kv), result]}]
        return result

    def math(self, el) -> dict:
        """A formula as pandoc's Math (an equation in DOCX and ODT, TeX in Markdown): its
        TeX where the hub keeps it (constructs/math), else the formula's characters."""
        tex = next((a.text for a in el.iter("annotation")
                    if a.get("encoding") == "application/x-tex" and a.text), None)
        if tex is None:
            return {"t": "Str", "c": "".join(t for t in el.xpath(".//text()[not(ancestor::annotation)]"))}
        kind = "DisplayMath" if el.get("display") == "block" else "InlineMath"
        return {"t": "Math", "c": [{"t": kind}, tex]}

    def image(self, el) -> dict:
        src = el.get("src") or ""
        # pandoc finds the file by its address in the hub (--resource-path, see
        # _resource_root) and writes that address into the document, never a local path
        target = src
        alt = _tokens(el.get("alt") or "")
        return {"t": "Image", "c": [_attr(), alt, [target, el.get("title") or ""]]}

    def note(self, ref) -> list[dict]:
        target = (ref.get("href") or "").lstrip("#")
        aside = self.notes.get(target)
        if aside is None:
            self.diagnostics.append(warning(self.hub.context.source_path,
                                            f"note call '{target}' has no note body in the hub; "
                                            "kept as its number", "W-EXP-1"))
            return _tokens("".join(ref.itertext()))
        if self.note_depth:
            # Word and LibreOffice have no notes inside notes: the inner note's text
            # follows in brackets where it is called.
            self.note_depth += 1
            inner = self.inlines(aside)
            self.note_depth -= 1
            return [{"t": "Str", "c": "["}, *_trim(inner), {"t": "Str", "c": "]"}]
        self.used_notes.add(target)
        self.note_depth += 1
        blocks = self.blocks(aside)
        self.note_depth -= 1
        if self.styled:
            blocks = self.restyle_note(blocks)
        lang = aside.get("lang")
        if lang:
            blocks = [{"t": "Div", "c": [_attr(kv=[("lang", lang)]), blocks]}]
        return [{"t": "Note", "c": blocks or [{"t": "Para", "c": []}]}]

    def restyle_note(self, blocks: list[dict]) -> list[dict]:
        out = []
        for b in blocks:
            if b["t"] in ("Para", "Plain"):
                out.append({"t": "Div", "c": [_attr(kv=[("custom-style", "Note")]), [b]]})
            else:
                out.append(b)
        return out


# --- pandoc ---------------------------------------------------------------------------


def reference_doc(kind: str) -> Path:
    return Path(str(files("editio.styles").joinpath("reference", f"reference.{kind}")))


def _resource_root(hub: Hub) -> Path | None:
    """The folder the hub's image addresses (``images/NAME``) are relative to."""
    for href, path in sorted(hub.resources.items()):
        parts = PurePosixPath(href).parts
        if parts and Path(path).parts[-len(parts):] == parts:
            return Path(path).parents[len(parts) - 1]
    return None


def run_pandoc(document: dict, fmt: str, output: Path, source, resources: Path | None = None) -> None:
    cmd = [pandoc_path(), "--from", "json", "--to", FORMATS[fmt], "--output", str(output),
           "--standalone"]
    if resources is not None:
        cmd.append(f"--resource-path={resources}")
    if fmt in ("docx", "odt"):
        ref = reference_doc(fmt)
        if ref.is_file():
            cmd.append(f"--reference-doc={ref}")
    else:
        cmd.append("--wrap=none")
    env = clock.subprocess_env()
    try:
        proc = subprocess.run(cmd, input=json.dumps(document).encode("utf-8"), capture_output=True,
                              timeout=600, env=env)
    except subprocess.TimeoutExpired:
        raise EditioError(error(source, f"pandoc did not finish the {fmt} export in 600 s",
                                "E-EXP-3")) from None
    if proc.returncode != 0:
        raise EditioError(error(source, f"pandoc failed on the {fmt} export: "
                                f"{proc.stderr.decode('utf-8', 'replace').strip()[:2000]}", "E-EXP-4"))


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _join_footnote_marks(xml: bytes) -> bytes:
    """Put each footnote's number into its first text paragraph.

    pandoc writes the footnote mark in a paragraph of its own when the note's first
    block is a styled Div (our ``Note`` style), which Word shows as a number alone on a
    line above the note.  Moving the mark's runs into the next paragraph fixes that.
    """
    root = etree.fromstring(xml)
    w = f"{{{W_NS}}}"
    for note in root.iter(f"{w}footnote"):
        paras = note.findall(f"{w}p")
        if len(paras) < 2:
            continue
        first, second = paras[0], paras[1]
        runs = first.findall(f"{w}r")
        if not runs or first.find(f".//{w}footnoteRef") is None:
            continue
        if any(r.find(f"{w}t") is not None and (r.find(f"{w}t").text or "").strip() for r in runs):
            continue
        ppr = second.find(f"{w}pPr")
        at = 1 if ppr is not None else 0
        space = etree.SubElement(etree.Element(f"{w}r"), f"{w}t")
        space.text = " "
        space.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for offset, run in enumerate([*runs, space.getparent()]):
            second.insert(at + offset, run)
        note.remove(first)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewrite_member(path: Path, member: str, edit) -> None:
    """Edit one member of a zip in place, keeping every other byte of metadata (order, dates)."""
    import zipfile

    with atomic.replacing(path) as tmp, zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = edit(data)
            dst.writestr(info, data, compress_type=info.compress_type)


#: Pandoc nodes whose content starts with an Attr ([id, classes, key-values]).
_ATTR_FIRST = frozenset({"Div", "Span", "Table", "Figure", "CodeBlock", "Code", "Link", "Image"})


def _identifiers(node, found: set[str]) -> set[str]:
    """Every identifier the document carries (headings, divs, spans, tables…)."""
    if isinstance(node, dict):
        kind, content = node.get("t"), node.get("c")
        if kind in _ATTR_FIRST and isinstance(content, list) and content and isinstance(content[0], list):
            found.add(content[0][0])
        elif kind == "Header" and isinstance(content, list) and len(content) > 1:
            found.add(content[1][0])
        _identifiers(content, found)
    elif isinstance(node, list):
        for item in node:
            _identifiers(item, found)
    return found


def _unlink_missing_targets(node, ids: set[str]) -> None:
    """A link to a place the export does not hold (a register entry, a paragraph of the
    web edition's own) keeps its words and loses its address: "[Alonso](#BRGS0018)" led
    nowhere in the Markdown, DOCX and ODT."""
    if isinstance(node, dict):
        _unlink_missing_targets(node.get("c"), ids)
    elif isinstance(node, list):
        i = 0
        while i < len(node):
            item = node[i]
            if (isinstance(item, dict) and item.get("t") == "Link"
                    and item["c"][2][0].startswith("#") and item["c"][2][0][1:] not in ids):
                node[i:i + 1] = item["c"][1]
                continue
            _unlink_missing_targets(item, ids)
            i += 1


def pandoc_document(hub: Hub, fmt: str) -> tuple[dict, list[Diagnostic]]:
    """The pandoc AST for one format (exposed for tests and for other pandoc targets)."""
    conv = Converter(hub, fmt)
    doc = conv.document()
    _unlink_missing_targets(doc["blocks"], _identifiers(doc["blocks"], set()))
    return doc, conv.diagnostics


def _write(hub: Hub, outdir: Path, fmt: str) -> list[Diagnostic]:
    doc, diagnostics = pandoc_document(hub, fmt)
    target = Path(outdir) / f"{hub.context.name}.{fmt}"
    run_pandoc(doc, fmt, target, hub.context.source_path,
               _resource_root(hub) if fmt in ("docx", "odt") else None)
    if fmt == "docx":
        import zipfile

        with zipfile.ZipFile(target) as z:
            has_notes = "word/footnotes.xml" in z.namelist()
        if has_notes:
            _rewrite_member(target, "word/footnotes.xml", _join_footnote_marks)
    return diagnostics


def write_docx(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """``NAME.docx``: Word, footnotes as footnotes, TEI concepts as named styles."""
    return _write(hub, outdir, "docx")


def write_odt(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """``NAME.odt``: OpenDocument text, same content and styles as the DOCX."""
    return _write(hub, outdir, "odt")


def write_md(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """``NAME.md``: pandoc Markdown with YAML metadata, footnotes and language spans."""
    return _write(hub, outdir, "md")


def write(hub: Hub, outdir: Path) -> list[Diagnostic]:
    """All three exports (for callers that want the module as one writer)."""
    return write_docx(hub, outdir) + write_odt(hub, outdir) + write_md(hub, outdir)
