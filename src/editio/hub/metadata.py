"""The edition's metadata, read once from the hub's head, used by every writer.

The XSLT (styles/constructs/header) reads the teiHeader and writes the head of the hub:
title, Dublin Core meta elements, license links. This module turns that head into one
:class:`~editio.model.Metadata` record, so the web page, the EPUB package document, the
PDF's Info and XMP and the exports all say the same thing, decided in one place.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Metadata


def _metas(head, name: str) -> list[str]:
    seen, out = set(), []
    for meta in head.iter("meta"):
        if (meta.get("name") or "").lower() == name:
            value = re.sub(r"\s+", " ", meta.get("content") or "").strip()
            if value and value not in seen:
                seen.add(value)
                out.append(value)
    return out


def _first(head, name: str) -> str:
    found = _metas(head, name)
    return found[0] if found else ""


def from_hub(root: etree._Element, identifier: str = "") -> Metadata:
    """The metadata record of a hub (``html`` element)."""
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
    title = _first(head, "dc.title") or re.sub(r"\s+", " ", head.findtext("title") or "").strip()
    licences = [link.get("href") for link in head.iter("link")
                if (link.get("rel") or "").lower() == "license" and link.get("href")]
    return Metadata(
        title=title or "Untitled",
        subtitle=_first(head, "dcterms.alternative"),
        authors=_metas(head, "dc.creator"),
        editors=_metas(head, "dc.contributor"),
        language=_first(head, "dc.language") or root.get("lang") or "en",
        publisher=_first(head, "dc.publisher"),
        licence=_first(head, "dc.rights"),
        licence_url=licences[0] if licences else "",
        date=_first(head, "dc.date"),
        source=_first(head, "dc.source"),
        description=_first(head, "description"),
        subjects=_metas(head, "dc.subject"),
        identifier=identifier,
    )
