"""The one date parser: YYYY-MM-DD from '2025-01-27', '2021年12月15日', '二〇二一年十二月十五日'.

Strip reads the date lines and signatures of a page with it, extract the publication date
of a report; the shapes it knows are in tasks/text/patterns.py.
"""

from __future__ import annotations

import unicodedata

from tasks.text.numerals import parse_chinese
from tasks.text.patterns import CN_DATE_RE, DATE_LINE_RE, DATE_RE


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD (Arabic or Chinese numerals, full-width or
    not, spaces around the separators as PDF text has them), else None."""
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text)
    if match := DATE_RE.search(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := CN_DATE_RE.search(text):
        year, month, day = (int(parse_chinese(match[n])) for n in (1, 2, 3))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_date_line(key: str) -> bool:
    """A line (key: no whitespace, half-width) that is only a date, e.g. '2021年12月15日'."""
    return bool(DATE_LINE_RE.fullmatch(key))
