"""The files an edition takes from beside its TEI: found safely, checked, copied once.

A TEI file names its images by ``graphic/@url``, and the file is someone else's: the
address may be absolute (``/home/me/.ssh/id_rsa.png``), climb out of the folder
(``../../x.png``), be a ``file:`` URL, or be a symbolic link in the folder that points
elsewhere. An edition is published, so whatever editio reads into it is given away.
Hence:

* only regular files inside the TEI's own folder are read, after every symbolic link
  is resolved (:func:`locate`);
* a file must be what its suffix says (:func:`check`): PNG, JPEG, GIF and WebP by
  their magic bytes and a header with sane dimensions (a decompression bomb declares
  billions of pixels), SVG by parsing it safely (no DTD, no entities, no network) and
  keeping only what draws: no ``script``, ``foreignObject``, ``on*`` handlers, nor any
  reference to another file or address;
* the checked bytes are copied into a private folder (:class:`Store`) and the writers
  read only that copy, so a file swapped on disk after the check is never published.

Anything refused is reported at the ``graphic`` that names it and shown as a
placeholder in every format.
"""

from __future__ import annotations

import os
import re
import stat
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .tree import remove_keep_tail

#: What one image may weigh; bigger files are refused, not read.
MAX_IMAGE_BYTES = 64 * 2**20
#: The largest side and area an image header may declare (about 90 megapixels, the
#: decompression-bomb limit of the usual image libraries; a 600 dpi A2 scan is ~35).
MAX_SIDE = 30_000
MAX_PIXELS = 90_000_000

KINDS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp", ".svg": "svg"}

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: SVG elements that run code, embed another document or react to events.
SVG_DROPPED = {"script", "foreignObject", "handler", "listener", "iframe", "embed", "object"}
SVG_ANIMATION = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
_URL_REF = re.compile(r"url\(\s*(['\"]?)\s*(?!#)", re.I)
_DATA_RASTER = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.I)


class Refused(Exception):
    """An image editio will not publish; the message says why and what to do."""


def locate(src: str, folder: Path) -> Path:
    """The file ``src`` names inside ``folder`` (the TEI's folder, resolved), or Refused."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        raise Refused("is not a file beside the TEI (editio reads no URL, file: URLs included)")
    relative = unquote(parts.path)
    if not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative:
        raise Refused("is not a relative path (editio reads images only from the TEI's own folder)")
    candidate = folder / relative
    if not Path(os.path.normpath(candidate)).is_relative_to(folder):
        raise Refused("lies outside the TEI's folder (editio reads images only from the TEI's own folder)")
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        raise Refused("was not found") from None
    if not resolved.is_relative_to(folder):
        raise Refused("is a symbolic link to a file outside the TEI's folder (editio reads images "
                      "only from the TEI's own folder)")
    return resolved


def read(path: Path) -> bytes:
    """The bytes of ``path``, a regular file no bigger than MAX_IMAGE_BYTES, read without
    following a symbolic link put in its place since it was resolved."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file")
        if info.st_size > MAX_IMAGE_BYTES:
            raise Refused(f"has {info.st_size} bytes, more than the limit of {MAX_IMAGE_BYTES}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_IMAGE_BYTES:
        raise Refused(f"has more than the limit of {MAX_IMAGE_BYTES} bytes")
    return data


def check(data: bytes, suffix: str) -> bytes:
    """The bytes to publish for a file of this suffix: raster images as they are, SVG
    cleaned; Refused when the content is not what the suffix says."""
    kind = KINDS.get(suffix.lower())
    if kind is None:
        raise Refused(f"has the suffix '{suffix}', not one of an image editio publishes "
                      f"({', '.join(sorted(KINDS))})")
    if kind == "svg":
        return clean_svg(data)
    found = raster_kind(data)
    if found is None:
        raise Refused(f"is not a {kind.upper()} image (its first bytes are no image header)")
    if found[0] != kind:
        raise Refused(f"is a {found[0].upper()} image named {suffix}; give it the suffix of its format")
    width, height = found[1], found[2]
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or width * height > MAX_PIXELS:
        raise Refused(f"declares {width}×{height} pixels, beyond the limit of {MAX_SIDE} per side "
                      f"and {MAX_PIXELS} in all (a damaged file or a decompression bomb)")
    return data


def raster_kind(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) from a PNG, JPEG, GIF or WebP header, or None."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data[:3] == b"\xff\xd8\xff":
        size = _jpeg_size(data)
        return ("jpeg", *size) if size else None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        size = _webp_size(data)
        return ("webp", *size) if size else None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:           # fill byte
            i += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        if length < 2:
            return None
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    return None


def clean_svg(data: bytes) -> bytes:
    """An SVG parsed without DTD, entities or network, with only what draws kept."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Refused(f"is not a well-formed SVG file ({exc.msg})") from None
    tree = root.getroottree()
    if tree.docinfo.system_url or tree.docinfo.public_id or (
            tree.docinfo.internalDTD is not None and any(True for _ in tree.docinfo.internalDTD.iterentities())):
        raise Refused("has a DOCTYPE naming a DTD or declaring entities, which editio never loads")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise Refused("is not an SVG image (its root is not an svg element in the SVG namespace)")
    for el in list(root.iter()):
        if el is not root and el.getparent() is None:
            continue                                  # inside an element already removed
        if not isinstance(el.tag, str):               # an entity reference left unexpanded
            remove_keep_tail(el)
            continue
        name = etree.QName(el)
        if name.namespace != SVG_NS or name.localname in SVG_DROPPED or (
                name.localname in SVG_ANIMATION
                and (el.get("attributeName") or "").rpartition(":")[2].lower() == "href"):
            remove_keep_tail(el)
            continue
        if name.localname == "style" and _external(el.text or ""):
            remove_keep_tail(el)
            continue
        for attr, value in list(el.attrib.items()):
            if _unsafe_attribute(name.localname, attr, value):
                del el.attrib[attr]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _unsafe_attribute(element: str, attr: str, value: str) -> bool:
    """An event handler, a base address, a reference to anything but a part of this
    image (or a raster picture inside it), or CSS that fetches."""
    local = etree.QName(attr).localname
    if local.lower().startswith("on") or attr == "{http://www.w3.org/XML/1998/namespace}base":
        return True
    if local == "href":
        value = value.strip()
        return not (value.startswith("#") or (element == "image" and _DATA_RASTER.match(value)))
    return _external(value)


def _external(css: str) -> bool:
    """Whether CSS (a style element or attribute) fetches something: url() of anything
    but a fragment of this image, or @import."""
    return _URL_REF.search(css) is not None or "@import" in css.lower()


class Store:
    """A private folder holding the checked copy of each image; removed with the hub
    (or at exit), so nothing of it stays behind."""

    def __init__(self):
        self.folder: Path | None = None
        self._scratch = None
        self.count = 0
        self.origins: list[Path] = []     # the files the copies were made from

    def add(self, data: bytes, href: str, origin: Path) -> Path:
        """Keep ``data`` at ``href`` (the image's relative address in the hub, unique)
        inside the folder, so a tool given the folder finds it by that address."""
        self.origins.append(origin)
        if self.folder is None:
            from ..publish import Scratch

            self._scratch = Scratch("images")
            self.folder = self._scratch.folder
        self.count += 1
        target = self.folder.joinpath(*href.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def remove(self) -> None:
        if self._scratch is not None:
            self._scratch.close()
            self._scratch = None
        self.folder = None
