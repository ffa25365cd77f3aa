"""Where a number sits in a report body, and the rules that make a number not a fact.

A body is indexed once (clause marks, 《》/“” name spans); ``is_not_a_fact`` applies the
non-fact rules of patterns.py (ordinals, names with digits, slogans, idioms,
rhetorical small numerals, group sizes, durations as modifiers) to one Quantity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from tasks.extract import patterns
from tasks.extract.numbers import Quantity
from tasks.extract.segmenter import segmenter
from tasks.text.numerals import CHINESE_DIGITS

_CLAUSE_RE = re.compile(f"[{re.escape(patterns.CLAUSE_PUNCTUATION)}]")


def _span_pattern(opener: str, closer: str, max_chars: int | None) -> str:
    inner = f"[^{re.escape(opener + closer)}\n]"
    repeat = "*" if max_chars is None else f"{{0,{max_chars}}}"
    return f"{re.escape(opener)}{inner}{repeat}{re.escape(closer)}"


_NAME_SPAN_RE = re.compile(
    "|".join(
        [_span_pattern(o, c, None) for o, c in patterns.TITLE_QUOTES.items()]
        + [
            _span_pattern(o, c, patterns.NAME_QUOTE_MAX_CHARS)
            for o, c in patterns.NAME_QUOTES.items()
        ]
    )
)
_SLOGAN_RE = re.compile(patterns.SLOGAN_PATTERN)
_NOT_NUMBER_WORDS = patterns.NOT_NUMBER_WORDS


@dataclass
class BodyIndex:
    """A body with its clause boundaries and name spans indexed once."""

    text: str
    clause_marks: list[int]
    name_starts: list[int]
    name_ends: list[int]

    @classmethod
    def index(cls, text: str) -> BodyIndex:
        spans = [m.span() for m in _NAME_SPAN_RE.finditer(text)]
        return cls(
            text=text,
            clause_marks=[m.start() for m in _CLAUSE_RE.finditer(text)],
            name_starts=[s for s, _ in spans],
            name_ends=[e for _, e in spans],
        )

    def clause(self, pos: int) -> tuple[int, int]:
        """Bounds of the clause holding ``pos`` (marks excluded)."""
        i = bisect_right(self.clause_marks, pos)
        start = self.clause_marks[i - 1] + 1 if i > 0 else 0
        end = self.clause_marks[i] if i < len(self.clause_marks) else len(self.text)
        return start, end

    def in_name(self, start: int, end: int) -> bool:
        """Inside 《…》 or a short “…”: a title or slogan (“1310”部署, 《纲要(2021-2025年)》)."""
        i = bisect_right(self.name_starts, start) - 1
        return i >= 0 and self.name_ends[i] >= end


def _char_before(text: str, pos: int) -> str:
    while pos > 0 and text[pos - 1] == " ":
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _char_after(text: str, pos: int) -> str:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return text[pos] if pos < len(text) else ""


def _inside_word(text: str, position: int) -> bool:
    """The character at ``position`` is inside a dictionary word (三番五次, 进一步, 村规民约)."""
    lo = max(0, position - 3)
    offset = 0
    # offsets need every token, blanks included (a \n before 对三份 shifts them otherwise)
    for word in segmenter().cut(text[lo : position + 4], False):
        if offset == position - lo:
            return False
        if offset > position - lo:
            return True
        offset += len(word)
    return True


def is_not_a_fact(body: BodyIndex, quantity: Quantity) -> bool:
    """Numbers that name rather than count (ordinals, titles, slogans, idioms, chrome) and
    numbers that describe rather than count (rhetoric, group sizes, durations as modifiers)."""
    return _names_something(body, quantity) or _describes_something(body.text, quantity)


def _names_something(body: BodyIndex, quantity: Quantity) -> bool:
    text = body.text
    if body.in_name(quantity.start, quantity.end):  # 《纲要(2021-2025年)》, “一长三员”
        return True
    label = text[max(0, quantity.start - 8) : quantity.start]
    if quantity.match_start == quantity.start and any(
        w in label for w in patterns.CHROME_COUNTER_WORDS
    ):  # 浏览次数:1024次
        return True
    char_before = _char_before(text, quantity.match_start)
    if char_before and char_before in patterns.ORDINAL_PREFIXES + patterns.ORDINAL_TERM_MARKS:
        return True  # 第三届, 十二届八次全会
    if quantity.start > 0 and text[quantity.start - 1] in patterns.INDEX_NUMBER_MARKS:
        return True  # 11441900007345693W/2025-00066

    before, after = _char_before(text, quantity.start), _char_after(text, quantity.match_end)
    if (before and before in patterns.FORMULA_MARKS) or (after and after in patterns.FORMULA_MARKS):
        return True  # 1+3+N个, 1个中心+3个站点: a formula naming a structure
    if _SLOGAN_RE.match(text, quantity.start) or text.startswith(_NOT_NUMBER_WORDS, quantity.start):
        return True  # 三项制度, 十分重视
    if _char_after(text, quantity.match_end) in CHINESE_DIGITS:  # 四位一体, 一人一档
        return True
    return quantity.chinese and _inside_word(text, quantity.start)  # 三番五次


def _describes_something(text: str, quantity: Quantity) -> bool:
    after = _char_after(text, quantity.match_end)
    if quantity.numeral == "一" and quantity.unit in patterns.VAGUE_COUNT_UNITS:
        return True  # 带动一批
    postposed = after == "" or after in patterns.CLAUSE_PUNCTUATION or after in "、)"
    if postposed:  # 服务站一个, 集中整治30天, “送法进企业”活动两次
        return False
    if _char_before(text, quantity.match_start) in patterns.APPOSITION_OPENERS:
        return True  # 《A》《B》两个方案
    if quantity.unit in patterns.PEOPLE_UNITS and text.startswith(
        patterns.GROUP_SIZE_HEADS, quantity.match_end
    ):
        return True  # 成立3人工作小组
    if quantity.unit in patterns.DURATION_UNITS:  # 提供24小时服务
        return True
    if text.startswith(patterns.ABSTRACT_HEADS, quantity.match_end):  # 从三个方面入手
        return True
    # 建设一支队伍, 落实三张清单: rhetoric; statistics print 3场, 讲座两次 or 两份文件
    if not quantity.chinese or quantity.unit == "%" or quantity.qualifier or quantity.value >= 10:
        return False
    return quantity.numeral == "一" or quantity.unit in patterns.RHETORIC_UNITS


def unglue_qualifier(text: str, quantity: Quantity) -> Quantity:
    """约 in 村规民约2项, 近 in 就近3处: a word's last character, not a qualifier."""
    before = quantity.qualifier
    if not before or len(before) != 1 or quantity.match_start == quantity.start:
        return quantity
    if text[quantity.match_start] != before or not _inside_word(text, quantity.match_start):
        return quantity
    start = quantity.start
    inside = text[start : quantity.end]
    qualifier = next((q for q in patterns.QUALIFIERS_INSIDE if q in inside), None)
    after = text[quantity.end : quantity.match_end]
    return replace(quantity, qualifier=qualifier or after or None, match_start=start)
