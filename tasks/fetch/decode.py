"""Bytes → text for fetched pages: which charset a government page is really in.

Evidence in order of trust: a byte-order mark, the charset the HTTP header declares, the
charset the page's own <meta> declares, then the bytes themselves (strict UTF-8, then
charset-normalizer's detection). GB2312/GBK declarations are decoded as GB18030, their
superset, because portals that say GB2312 routinely contain GBK-only characters.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from tasks.fetch.patterns import (
    CHARSET_ALIASES,
    DISTRUSTED_HEADER_CHARSETS,
    MAX_CONTROL_SHARE,
    MAX_REPLACEMENT_SHARE,
    META_CHARSET,
)
from tasks.text.clean import remove_controls

# The BOM outranks every declaration (as in the WHATWG encoding standard): it is part of
# the bytes, a header or meta tag is only someone's claim about them.
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
META_SCAN_BYTES = 8192  # meta tags sit in <head>; portals put a lot of script before them


class DecodeError(Exception):
    """No charset turns the page into text without too many replacement characters."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: cannot decode page ({detail})")
        self.where = where


@dataclass
class Decoded:
    text: str
    encoding: str  # the codec used, after aliasing (gb2312 → gb18030)
    evidence: str  # bom | header | meta | utf-8 | detected | fallback
    controls_removed: int = 0  # control characters taken out of text (tasks/text/clean.py)


def canonical_charset(name: str | None) -> str | None:
    """Normalise a declared charset name to a Python codec, or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = CHARSET_ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip()
    return None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in <meta charset> or <meta http-equiv content=...>."""
    match = META_CHARSET.search(body[:META_SCAN_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def _readable(text: str) -> bool:
    """Few replacement characters (they fill a page decoded with the wrong multi-byte
    charset) and controls short of a binary file's share. Stray controls in a real page
    are removed later, not a reason to drop it."""
    size = max(len(text), 1)
    if text.count("\ufffd") / size > MAX_REPLACEMENT_SHARE:
        return False
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return controls / size <= MAX_CONTROL_SHARE


def _try(body: bytes, encoding: str) -> str | None:
    text = body.decode(encoding, errors="replace")
    return text if _readable(text) else None


def decode_bytes(body: bytes, content_type: str | None = None, *, html: bool = True,
                 where: str = "page") -> Decoded:
    """Decode a page (or a plain text file with html=False) following the evidence order;
    control characters are removed and counted."""
    decoded = _decode(body, content_type, html=html, where=where)
    decoded.text, decoded.controls_removed = remove_controls(decoded.text)
    return decoded


def _decode(body: bytes, content_type: str | None, *, html: bool, where: str) -> Decoded:
    for bom, encoding in BOMS:
        if body.startswith(bom):
            text = _try(body, encoding)
            if text is None:
                raise DecodeError(where, f"{encoding} byte-order mark, undecodable bytes after it")
            return Decoded(text, encoding, "bom")
    non_ascii = any(byte > 0x7F for byte in body)
    declared = [("header", header_charset(content_type))]
    if html:
        declared.append(("meta", meta_charset(body)))
    for evidence, name in declared:
        encoding = canonical_charset(name)
        if encoding is None or (non_ascii and encoding in DISTRUSTED_HEADER_CHARSETS):
            continue
        text = _try(body, encoding)
        if text is not None:
            return Decoded(text, encoding, evidence)
    try:
        text = body.decode("utf-8")
        if _readable(text):
            return Decoded(text, "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body).best()
    if best is not None:
        encoding = canonical_charset(best.encoding) or best.encoding
        text = _try(body, encoding)
        if text is not None:
            return Decoded(text, encoding, "detected")
    text = _try(body, "gb18030")  # Chinese portals: the likeliest charset left
    if text is not None:
        return Decoded(text, "gb18030", "fallback")
    raise DecodeError(where, f"{len(body)} bytes, declared {[n for _, n in declared if n]}")
