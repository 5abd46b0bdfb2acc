"""Interface words and language tags, from the tables every part of editio shares.

``styles/labels.xml`` holds every word editio adds to an edition, in every language it
supports; the XSLT gets its rows injected at compile time and the writers read them
here, so "Contents" or "Skip to text" has one translation everywhere. ``styles/
languages.xml`` maps the language values TEI files use (ISO 639-1, 639-2/3, BCP 47,
names such as "greek") to BCP 47 tags and gives each language its quotation marks.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from .stylesheets import styles_dir

DEFAULT = "en"


def _parse(name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True)
    return etree.parse(str(styles_dir() / name), parser).getroot()


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """key → {language: word} for every row of labels.xml."""
    return {row.get("k"): {k: v for k, v in row.attrib.items() if k != "k"}
            for row in _parse("labels.xml") if isinstance(row.tag, str)}


@functools.cache
def supported() -> tuple[str, ...]:
    """The languages labels.xml translates every word into."""
    return tuple((_parse("labels.xml").get("languages") or DEFAULT).split())


def primary(lang: str | None) -> str:
    """The primary subtag of a language tag, lower case: 'de-CH' → 'de'."""
    return (lang or "").strip().split("-")[0].lower()


def label(key: str, lang: str | None) -> str:
    """One interface word in the document's language (English when it has none)."""
    row = table()[key]
    return row.get(primary(bcp47(lang) or lang)) or row[DEFAULT]


def labels(lang: str | None) -> dict[str, str]:
    """Every interface word in one language."""
    return {key: label(key, lang) for key in table()}


@functools.cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _parse("languages.xml"):
        if not isinstance(row.tag, str):
            continue
        tag = row.get("tag")
        out[tag.lower()] = tag
        for alias in (row.get("aliases") or "").split():
            out[alias.lower()] = tag
    return out


_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def bcp47(value: str | None) -> str:
    """A valid BCP 47 tag for a TEI language value, or '' when it cannot be one.

    ISO 639-2/3 codes with a two-letter equivalent ('eng', 'ger', 'lat') and language
    names ('greek', 'English') become the two-letter tag; region and script subtags are
    kept ('deu-AT' → 'de-AT'); other well-formed tags ('grc', 'la-x-medieval') pass.
    """
    value = (value or "").strip().replace("_", "-")
    if not value:
        return ""
    aliases = _aliases()
    first, _, rest = value.partition("-")
    mapped = aliases.get(first.lower())
    if mapped:
        return mapped + ("-" + rest if rest else "")
    if aliases.get(value.lower()):
        return aliases[value.lower()]
    return value if _TAG.match(value) else ""
