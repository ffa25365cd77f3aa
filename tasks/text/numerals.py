"""The one reader of Chinese numerals: 两 → 2, 十二 → 12, 两万三千 → 23000, 二〇二一 → 2021.

Extraction reads the numbers of facts with it (tasks/extract/numbers.py), the date parser
the years, months and days of dates written in Chinese (tasks/text/dates.py).
"""

from __future__ import annotations

from decimal import Decimal

# Digits as they stand in running text; a quantity's neighbours are tested against these.
CHINESE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
# Zero as 公文 signatures also print it: 二○二一年 (a circle), 二O二一年 (a letter O).
ZERO_FORMS: dict[str, int] = {"○": 0, "O": 0, "Ｏ": 0}
DIGIT_VALUES: dict[str, int] = CHINESE_DIGITS | ZERO_FORMS
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


class NumeralError(ValueError):
    """A numeral that cannot be read; carries the text that failed."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"cannot read numeral {text!r}: {reason}")
        self.text = text


def parse_chinese(text: str) -> Decimal:
    """Chinese numeral → Decimal: 两→2, 十二→12, 两万三千→23000, 二〇二一→2021, 三点五→3.5."""
    if "点" in text:
        whole, _, frac = text.partition("点")
        digits = "".join(str(DIGIT_VALUES[c]) for c in frac if c in DIGIT_VALUES)
        return parse_chinese(whole or "零") + Decimal(f"0.{digits or '0'}")
    if text and all(c in DIGIT_VALUES for c in text):
        return Decimal("".join(str(DIGIT_VALUES[c]) for c in text))  # 二〇二一
    total = section = number = 0
    for char in text:
        if char in DIGIT_VALUES:
            number = DIGIT_VALUES[char]
        elif char in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[char]
            number = 0
        elif char == "万":
            total += ((section + number) or 1) * 10**4
            section = number = 0
        elif char == "亿":
            total = ((total + section + number) or 1) * 10**8
            section = number = 0
        else:
            raise NumeralError(text, f"unexpected character {char!r}")
    return Decimal(total + section + number)
