"""Normalize stripped pages: traditional → simplified, full-width → half-width, PDF spacing.

PROVISIONAL minimal version: the strip/normalize helper replaces it, keeping these signatures.
"""

from __future__ import annotations

import re

from opencc import OpenCC

from tasks.records import NormalizedPage, StrippedPage

_T2S = OpenCC("t2s")


def detect_script(text: str) -> str:
    converted = _T2S.convert(text)
    changed = sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    return "traditional" if changed > max(3, len(text) * 0.01) else "simplified"


def _half_width(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            code = 0x20
        elif 0xFF01 <= code <= 0xFF5E:
            code -= 0xFEE0
        out.append(chr(code))
    return "".join(out)


def normalize_text(text: str) -> str:
    text = _half_width(_T2S.convert(text))
    text = re.sub(r"(?<=[\d\u4e00-\u9fff]) +(?=[\d\u4e00-\u9fff])", "", text)
    return "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


def normalize_page(page: StrippedPage) -> NormalizedPage:
    script = detect_script(page.body)
    return NormalizedPage(
        title=normalize_text(page.title) if page.title else None,
        body=normalize_text(page.body),
        original_body=page.body,
        script=script,
        fields={k: normalize_text(v) for k, v in page.fields.items()},
        status=page.status,
    )
