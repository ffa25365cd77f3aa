"""Normalize stripped pages: traditional → simplified, full-width → half-width, PDF spacing.

Conversion to simplified runs only when the text is traditional, and the
page keeps its original body. PDF artefacts are undone line by line: page numbers and
running headers dropped, spaces inside numbers and words removed, broken lines rejoined.
Fact offsets downstream point into the normalized body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from tasks.normalize import patterns as pat
from tasks.records import Batch, NormalizedPage, StrippedPage
from tasks.text.script import detect_script, to_simplified

_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(text: str) -> str:
    """Full-width ASCII letters, digits and punctuation (Ａ１，：（）) to half-width."""
    return text.translate(_HALF_WIDTH)


def _squeeze_spaces(line: str) -> str:
    line = pat.SPACED_DIGITS_RE.sub(lambda m: re.sub(r"\s", "", m[0]), line)
    return pat.INNER_SPACE_RE.sub("", line)


def _drop_page_furniture(lines: list[str]) -> list[str]:
    counts = Counter(
        ln for ln in lines if ln and len(ln) <= pat.RUNNING_HEADER_MAX_CHARS and "。" not in ln
    )
    return [
        ln
        for ln in lines
        if ln
        and not pat.PAGE_NUMBER_RE.fullmatch(ln)
        and counts[ln] < pat.RUNNING_HEADER_MIN_REPEATS
    ]


def _is_heading(line: str) -> bool:
    return bool(pat.ENUMERATOR_RE.match(line)) and "。" not in line


def _continues(line: str, nxt: str, after: str | None) -> bool:
    """Whether ``nxt`` is the rest of a sentence (or heading) broken at the end of ``line``."""
    if not nxt or pat.ENUMERATOR_RE.match(nxt):
        return False
    if line[-1] in pat.CONTINUES:
        return True
    if line[-1] in pat.SENTENCE_END:
        return False
    if _is_heading(line):
        # A heading broken over two lines: the second part is short and no sentence itself,
        # and what follows is the paragraph the heading introduces.
        short = len(nxt) <= pat.HEADING_CONTINUATION_MAX_CHARS and "。" not in nxt
        return short and nxt[-1] not in pat.SENTENCE_END and (after is None or "。" in after)
    return len(line) >= pat.REJOIN_MIN_CHARS


def _rejoin(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while i + 1 < len(lines) and _continues(
            line, lines[i + 1], lines[i + 2] if i + 2 < len(lines) else None
        ):
            line += lines[i + 1]
            i += 1
        out.append(line)
        i += 1
    return out


def _normalize(text: str, traditional: bool) -> str:
    if traditional:
        text = to_simplified(text)
    text = half_width(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_squeeze_spaces(ln.strip(" \t\u00a0\u200b\ufeff")) for ln in text.split("\n")]
    return "\n".join(_rejoin(_drop_page_furniture(lines)))


def normalize_text(text: str) -> str:
    """Canonical form of a text: simplified (if traditional), half-width, PDF breaks undone."""
    return _normalize(text, detect_script(text) == "traditional")


def normalize_page(page: StrippedPage) -> NormalizedPage:
    """Normalize a stripped page; title and fields follow the body's script."""
    script = detect_script(page.body or page.title or "")
    traditional = script == "traditional"

    def short(value: str) -> str:
        value = to_simplified(value) if traditional else value
        return _squeeze_spaces(half_width(value).strip())

    return NormalizedPage(
        title=short(page.title) if page.title else None,
        body=_normalize(page.body, traditional),
        original_body=page.body,
        script=script,
        fields={name: short(value) for name, value in page.fields.items()},
        status=page.status,
    )


def normalize_batch(batch: Batch) -> Batch:
    """Normalize the batch's stripped pages (and let the stripped ones go)."""
    return replace(batch, pages=[_normalize_or_reject(p) for p in batch.stripped], stripped=[])


def _normalize_or_reject(page: StrippedPage) -> NormalizedPage:
    # As in strip: a failure rejects this page with its reason, never the whole batch.
    try:
        return normalize_page(page)
    except Exception as exc:  # noqa: BLE001
        return NormalizedPage(title=page.title, body="", original_body=page.body,
                              script="simplified", fields=page.fields,
                              status=f"normalize_error: {exc.__class__.__name__}")
