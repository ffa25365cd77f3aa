"""Quantities in report text: Arabic and Chinese numerals with their units, scales, qualifiers.

Pure functions over text; Chinese numerals are read by tasks/text/numerals.py, the reader
dates use too. ``find_quantities`` finds every number printed with a unit (or as a
percentage) and returns its value in base units; deciding which of them are facts, and what
they count, is facts.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tasks.extract import patterns
from tasks.text.numerals import NumeralError, parse_chinese

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％　", "0123456789.,% ")

SCALES: dict[str, int] = {"千": 1000, "万": 10**4, "亿": 10**8}

_SP = r"[ \t\u3000]*"  # PDF text puts spaces around numbers: 发放宣传资料 3000 余份
_D = r"[0-9０-９]"
# 1,234 (and 33 939 in some typeset texts) group thousands only in groups of exactly three.
# Text flattened from DOCX puts a space between every character, digits too: 案 件 2 1 件 is 21.
ARABIC_PATTERN = (
    rf"(?:{_D}{{1,3}}(?:[, ]{_D}{{3}})+(?!{_D})|(?<![0-9０-９]){_D}(?: {_D})+(?![0-9０-９])|{_D}+)"
    rf"(?:[.．]{_D}+)?"
)
# A Chinese numeral starts with a digit or 十 (十二, 两万, 三十); a bare 百/千/万 only counts
# before 余/多 (百余人, 千余份), so 千家万户 and 百家 are not numbers.
CHINESE_PATTERN = (
    r"(?:[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*|[百千万](?=[余多]))"
)
PERCENT_WORD_PATTERN = rf"百分之(?:百|[零〇一二两三四五六七八九十百点]+|{ARABIC_PATTERN})"


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_ALTERNATION = _alternation([*patterns.UNIT_KINDS, "％"])
# An Arabic number with a scale and no unit before punctuation counts what its clause names
# (总阅读量超1850万。): a count without a unit. Before a word (1850万群众) it is left alone.
_BARE_SCALE = r"(?<=[0-9０-９][万亿])(?=[^\u4e00-\u9fff]|$)"
_NUMERAL = rf"(?:{ARABIC_PATTERN}|{CHINESE_PATTERN})"
QUANTITY_RE = re.compile(
    rf"(?P<before>{_alternation(patterns.QUALIFIERS_BEFORE)})?{_SP}"
    rf"(?:(?P<pctword>{PERCENT_WORD_PATTERN})"
    rf"|(?:(?P<low>{_NUMERAL}){_SP}[%％]?{_SP}(?:{_alternation(patterns.RANGE_SEPARATORS)}){_SP})?"
    rf"(?P<num>{_NUMERAL}){_SP}(?P<inside1>{_alternation(patterns.QUALIFIERS_INSIDE)})?{_SP}"
    rf"(?P<scale>{_alternation(tuple(SCALES))})?{_SP}"
    rf"(?P<inside2>{_alternation(patterns.QUALIFIERS_INSIDE)})?{_SP}"
    rf"(?:(?P<unit>{_UNIT_ALTERNATION})|{_BARE_SCALE}))"
    rf"(?P<after>{_alternation(patterns.QUALIFIERS_AFTER)})?"
)
_NOT_UNIT_RE = re.compile(_alternation(patterns.NOT_UNIT_WORDS))


@dataclass
class Quantity:
    """A number printed with its unit, value and unit in base units (796.41万元 → 7964100 元)."""

    value: float
    unit: str | None  # base unit: 元 (for 万元 too), 人次, %
    kind: str  # count | rate | amount | other
    qualifier: str | None
    start: int  # span of the number and unit (range low included)
    end: int
    match_start: int  # span including qualifiers printed before/after
    match_end: int
    numeral: str  # the number as printed
    chinese: bool  # written in Chinese numerals (两次, 一个)
    value_max: float | None = None  # upper bound of a range (3-5次)
    printed: str = ""  # number, scale and unit as printed, blanks dropped (796.41万元)


def to_ascii_digits(text: str) -> str:
    """Full-width digits and marks to ASCII, spaces removed: ``３，０００ `` → ``3,000``."""
    return text.translate(_FULL_WIDTH).replace(" ", "")


def parse_arabic(text: str) -> Decimal:
    """``1,234.5`` / ``３０００`` / ``30 00`` → Decimal."""
    cleaned = to_ascii_digits(text).replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise NumeralError(text, "not an Arabic number") from exc


def parse_numeral(text: str) -> Decimal:
    """Arabic, Chinese or 百分之 numeral → Decimal (百分之九十五 → 95)."""
    text = text.strip()
    if text.startswith("百分之"):
        rest = text[3:]
        return Decimal(100) if rest == "百" else parse_numeral(rest)
    if not text:
        raise NumeralError(text, "empty")
    if text[0] in "0123456789０１２３４５６７８９":
        return parse_arabic(text)
    return parse_chinese(text)


def _kind_and_unit(unit: str) -> tuple[str, str]:
    """Kind and base unit: 241.37万元 is 2413700 元 (one convention for every scaled unit; the
    printed form 241.37万元 is kept beside it in Quantity.printed)."""
    unit = "%" if unit == "％" else unit
    return patterns.UNIT_KINDS[unit], unit


def _to_float(value: Decimal) -> float:
    return float(value.normalize()) if value == value.to_integral_value() else float(value)


def quantity_from_match(match: re.Match[str]) -> Quantity | None:
    """The Quantity a QUANTITY_RE match prints, or None when its unit is part of a word."""
    if match.group("pctword"):
        start, end = match.span("pctword")
        value, unit, kind, chinese = parse_numeral(match.group("pctword")), "%", "rate", True
        numeral, low, scale = match.group("pctword"), None, None
    else:
        unit_start, end = match.span("unit") if match.group("unit") else match.span("scale")
        word_not_unit = _NOT_UNIT_RE.match(match.string, unit_start) and not (
            match.string.startswith(patterns.NOT_UNIT_EXCEPTIONS, unit_start)
        )
        if match.group("unit") and word_not_unit:
            return None
        numeral, low, scale = match.group("num"), match.group("low"), match.group("scale")
        start = match.start("low") if low else match.start("num")
        value = parse_numeral(numeral)
        kind, unit = _kind_and_unit(match.group("unit")) if match.group("unit") else ("count", None)
        if scale:
            value *= SCALES[scale]
        chinese = numeral[0] not in "0123456789０１２３４５６７８９"
    qualifier = (
        match.group("before") or match.group("inside1") or match.group("inside2")
        or match.group("after")
    )
    value_max = None
    if low:
        value_max = value
        value = parse_numeral(low) * (SCALES[scale] if scale else 1)
    return Quantity(
        value=_to_float(value),
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        start=start,
        end=end,
        match_start=match.start(),
        match_end=match.end(),
        numeral=numeral,
        chinese=chinese,
        value_max=_to_float(value_max) if value_max is not None else None,
        printed=re.sub(r"[ \t\u3000]", "", match.string[start:end]),
    )


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every number printed with a unit or as a percentage, in text order."""
    for match in QUANTITY_RE.finditer(text):
        quantity = quantity_from_match(match)
        if quantity is not None:
            yield quantity


def parse_quantity(text: str) -> Quantity:
    """The single quantity a short phrase prints: ``两万余人`` → 20000 人 余."""
    match = QUANTITY_RE.search(text)
    quantity = quantity_from_match(match) if match else None
    if quantity is None:
        raise NumeralError(text, "no number with a unit")
    return quantity
