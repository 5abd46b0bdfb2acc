"""Which addresses an edition may link to: one rule for the web page, the EPUB, the PDF,
the DOCX, the ODT and the Markdown alike.

A TEI file is someone else's text, and its pointers are text too: ``<licence
target="javascript:alert(1)">`` must not become a link a reader can click, in any
format. Every output is written from the hub, so the rule is applied to the hub once
(:func:`sanitize`), after the stylesheet made it; the EPUB writer, which rewrites links
across its documents, asks :func:`is_safe` again. A link may be:

* ``#id``, a place in the edition itself;
* an ``http``, ``https`` or ``mailto`` address;
* a relative path inside the published folder (``NAME.pdf``, ``images/x.png``,
  ``../OTHER/index.html`` for the next letter of a correspondence), never one that
  starts at a root (``/etc``, ``//host``) or hides a scheme.

Anything else (``javascript:``, ``data:``, ``file:``, ``vbscript:``…) is not written as
a link: the text stays, the address goes, and the TEI attribute that held it is named
in a warning at its line and column (:func:`refused_in_tei`).
"""

from __future__ import annotations

import re

from lxml import etree

from ..diagnostics import Diagnostic, warning

SCHEMES = ("http", "https", "mailto")

#: Attributes of the hub that hold an address a reader's software follows or fetches.
URL_ATTRIBUTES = ("href", "src", "cite", "poster", "action", "formaction", "data", "background",
                  "longdesc", "manifest", "srcset", "data-cite")
_URL_SET = frozenset(URL_ATTRIBUTES)
#: TEI attributes the stylesheet may turn into links.
TEI_LINK_ATTRIBUTES = ("target", "ref", "source", "url")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop these anywhere in a URL ("java\tscript:" runs), and trim C0 and space at its ends.
_INVISIBLE = re.compile(r"[\t\n\r]")
#: Warnings of one kind listed one by one; the rest are counted.
MAX_WARNINGS = 20


def _normal(value: str) -> str:
    return _INVISIBLE.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                             "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                             "\x1d\x1e\x1f ")


def scheme_of(value: str) -> str:
    """The URI scheme of ``value``, lower case ('' for a fragment or relative path)."""
    match = _SCHEME.match(_normal(value))
    return match.group(1).lower() if match else ""


def is_safe(value: str | None) -> bool:
    """Whether ``value`` may be written as a link (or a fetched address) into an output."""
    if value is None:
        return False
    v = _normal(value)
    if v.startswith("#"):
        return True
    if any(c in v for c in "\\\x00") or any(ord(c) < 0x20 or ord(c) == 0x7F for c in v):
        return False
    scheme = scheme_of(v)
    if scheme in ("http", "https"):
        return re.match(r"^[A-Za-z]+://[^/?#\s]", v) is not None
    if scheme == "mailto":
        return len(v) > len("mailto:")
    if scheme or ":" in v.split("/", 1)[0]:
        return False
    # a relative reference: inside the published folder, never from a root or a host
    return v != "" and not v.startswith("/")


def _unlink(el: etree._Element) -> None:
    """A link without its address: a span with the same text and class (no ``a`` without href)."""
    el.tag = "span"
    for name in ("href", "rel", "type", "hreflang", "target", "download", "ping", "referrerpolicy"):
        el.attrib.pop(name, None)


def sanitize(root: etree._Element) -> list[str]:
    """Remove from the hub every address :func:`is_safe` refuses; return them, in order.

    A refused ``a`` becomes a ``span`` with its text, a ``link`` goes, any other element
    loses the attribute. ``img/@src`` is left to :func:`editio.hub.transform.collect_images`,
    which admits nothing but image files beside the TEI.
    """
    refused: list[str] = []
    # the elements with an address, found in C (a hub has tens of thousands of elements)
    holders = root.xpath("descendant-or-self::*[" + " or ".join(f"@{a}" for a in URL_ATTRIBUTES) + "]")
    for el in holders:
        for name, value in list(el.attrib.items()):
            if name not in _URL_SET or value.startswith("#") or (name == "src" and el.tag == "img"):
                continue
            if is_safe(value):
                continue
            if name == "srcset":
                candidates = [c.strip().split()[0] for c in value.split(",") if c.strip()]
                if all(is_safe(c) for c in candidates):
                    continue
            refused.append(value)
            if el.tag == "a" and name == "href":
                _unlink(el)
            elif el.tag == "link" and el.getparent() is not None:
                el.getparent().remove(el)
                break
            else:
                del el.attrib[name]
    return refused


def _prefixes(tree: etree._ElementTree) -> set[str]:
    """The private URI schemes the TEI declares (``prefixDef/@ident``): data, not links."""
    return {p.get("ident", "").lower() for p in tree.iter("{http://www.tei-c.org/ns/1.0}prefixDef")}


def refused_in_tei(tree: etree._ElementTree, path, where, hub_refused=()) -> list[Diagnostic]:
    """A located warning for each TEI pointer whose scheme editio does not publish as a link.

    ``where`` is the file's :class:`~editio.source.positions.SourceMap`. ``hub_refused``
    are addresses :func:`sanitize` took out of the hub: each is reported at the TEI
    attribute that holds it, when the earlier scan has not already named it.
    """
    declared = _prefixes(tree)
    found: list[tuple[etree._Element, str, str]] = []
    for el in tree.getroot().iter():
        if not isinstance(el.tag, str):
            continue
        for name in TEI_LINK_ATTRIBUTES:
            value = el.get(name)
            if not value or (name == "url" and etree.QName(el).localname in ("graphic", "media")):
                continue
            if name == "ref" and etree.QName(el).localname == "g":
                continue    # names a character declaration (TCP's char:EOLhyphen), no link
            for token in value.split():
                scheme = scheme_of(token)
                if scheme and scheme not in SCHEMES and scheme not in declared:
                    found.append((el, name, token))
    named = {token for _, _, token in found}
    for value in hub_refused:
        if value in named:
            continue
        named.add(value)
        holder = next(((el, name) for el in tree.getroot().iter() if isinstance(el.tag, str)
                       for name, v in el.attrib.items() if value in v), None)
        if holder is not None:
            found.append((holder[0], etree.QName(holder[1]).localname, value))
        else:
            found.append((None, "", value))
    diagnostics = []
    for el, name, token in found[:MAX_WARNINGS]:
        line, column = where.attribute(el, name) if el is not None else (1, 1)
        what = f"<{etree.QName(el).localname} {name}>" if el is not None else "an address"
        diagnostics.append(warning(
            path, f"{what}: '{_shown(token)}' is not published as a link (an edition links only "
            "http, https and mailto addresses and #ids of this file); its text is kept without the "
            "link. Give an http(s) address, or declare the prefix in listPrefixDef", "W-LINK-1",
            line, column))
    if len(found) > MAX_WARNINGS:
        el = found[MAX_WARNINGS][0]
        line, column = where.start(el) if el is not None else (1, 1)
        diagnostics.append(warning(path, f"{len(found) - MAX_WARNINGS} more addresses are not "
                                   "published as links (not listed one by one)", "W-LINK-1",
                                   line, column))
    return diagnostics


def _shown(value: str) -> str:
    value = _normal(value)
    return value if len(value) <= 80 else value[:77] + "…"
