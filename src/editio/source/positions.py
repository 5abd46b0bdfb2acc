"""Where each element, attribute and text of a loaded TEI file stands in its source.

lxml records only one line per element (where its start tag ends).  A
diagnostic that points at the culprit needs more: the line and column where the
start tag begins, where an attribute is, where the end tag is (a missing child
is noticed there) and where a run of text starts.  :class:`SourceMap` finds
them by reading the tags of the source text in the order lxml built the tree,
so every element is paired with its own tags.  It reads only as far as the
last position asked for: a file with one fault in its header costs a header.

When the tree is not the file's (a caller changed it in memory) the pairing
fails and every position falls back to lxml's line and a search for the tag on
that line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lxml import etree

#: Markup of an XML document; a start tag's attribute values may hold ``>``.
_TOKEN = re.compile(
    r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"""
    r"""|</[^>]*>|<([^\s/>!?]+)(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_SKIP = re.compile(r"(?:\s+|<!--.*?-->|<\?.*?\?>)*", re.S)


class SourceMap:
    """Line and column (both from 1) of the parts of a tree's elements in its source."""

    def __init__(self, path, tree: etree._ElementTree):
        self.path, self.tree = path, tree
        self._text: str | None = None
        self._lines: list[str] | None = None
        self._line_starts: list[int] | None = None
        self._tags: _Tags | None = None

    @property
    def text(self) -> str:
        """The source, read on first use: a valid file never needs it."""
        if self._text is None:
            self._text = _read(self.path, self.tree)
        return self._text

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of an offset in the source text."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _tag(self, element, complete: bool = False) -> list | None:
        if self._tags is None:
            self._tags = _Tags(self.text, self.tree)
        return self._tags.get(element, complete)

    # --- parts of elements ---------------------------------------------------------------

    def start(self, element) -> tuple[int, int]:
        """The ``<`` of the element's start tag."""
        tag = self._tag(element)
        return self._guess(element) if tag is None else self.position(tag[0])

    def end(self, element) -> tuple[int, int]:
        """The ``</`` of the end tag (the ``<`` of an empty-element tag)."""
        tag = self._tag(element, complete=True)
        if tag is None:
            return self._guess(element)
        return self.position(tag[2] if tag[2] is not None else tag[0])

    def attribute(self, element, name: str) -> tuple[int, int]:
        """The attribute's name inside the start tag (``name`` in Clark notation)."""
        tag = self._tag(element)
        if tag is None:
            return self._guess(element)
        namespace, local = _split(name)
        for match in _ATTRIBUTE.finditer(self.text, tag[0], tag[1]):
            prefix, _, written = match.group(1).rpartition(":")
            if written == local and bool(prefix) == bool(namespace) and prefix != "xmlns":
                return self.position(match.start(1))
        return self.position(tag[0])

    def text_in(self, element) -> tuple[int, int]:
        """The first character of text right after the element's start tag."""
        tag = self._tag(element)
        return self._guess(element) if tag is None else self._text_from(tag[1])

    def text_after(self, element) -> tuple[int, int]:
        """The first character of text right after the element's end."""
        tag = self._tag(element, complete=True)
        return self._guess(element) if tag is None else self._text_from(tag[3])

    def _text_from(self, offset: int) -> tuple[int, int]:
        return self.position(_SKIP.match(self.text, offset).end())

    def _guess(self, element) -> tuple[int, int]:
        """lxml's line, and the column of the tag's name on it, for elements without a source."""
        line = getattr(element, "sourceline", None) or 1
        local = etree.QName(element).localname if isinstance(element.tag, str) else None
        return line, column_of(self.lines(), line, local)


class _Tags:
    """Each element's [start, start-tag end, end-tag start or None, end] offsets, read from
    the source as far as needed; nothing once the source's tags differ from the tree's."""

    def __init__(self, text: str, tree):
        self.found: dict = {}
        self.failed = False
        self._tokens = _TOKEN.finditer(text)
        self._order = (e for e in tree.getroot().iter() if isinstance(e.tag, str))
        self._open: list = []

    def get(self, element, complete: bool) -> list | None:
        tag = self.found.get(element)
        while not self.failed and (tag is None or (complete and tag[3] is None)):
            if not self._advance():
                break
            tag = self.found.get(element)
        return None if self.failed else tag

    def _advance(self) -> bool:
        """Read one more tag; False at the end of the source or when it does not match."""
        match = next(self._tokens, None)
        if match is None:
            return False
        token = match.group(0)
        if token.startswith("</"):
            if not self._open:
                self.failed = True
            else:
                tag = self._open.pop()
                tag[2], tag[3] = match.start(), match.end()
        elif match.group(1):
            element = next(self._order, None)
            if element is None or match.group(1).rpartition(":")[2] != etree.QName(element).localname:
                self.failed = True
            elif token.endswith("/>"):
                self.found[element] = [match.start(), match.end(), None, match.end()]
            else:
                tag = self.found[element] = [match.start(), match.end(), None, None]
                self._open.append(tag)
        return not self.failed


def column_of(lines: list[str], line: int, local: str | None) -> int:
    """Column of the first start tag named ``local`` on a line, or 1."""
    if local and 0 < line <= len(lines):
        match = re.search(r"<(?:[\w.-]+:)?%s(?=[\s/>]|$)" % re.escape(local), lines[line - 1])
        if match:
            return match.start() + 1
    return 1


def _read(path, tree) -> str:
    from .load import current_bytes

    try:
        return current_bytes(path).decode(tree.docinfo.encoding or "utf-8", "replace")
    except (OSError, LookupError, TypeError):
        return ""


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name
