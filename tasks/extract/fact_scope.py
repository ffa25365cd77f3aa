"""What a fact's figure covers: this year, a running total since something began, or several
years (``scope``), and which earlier figure it is a part of (``part_of``, for 其中 / 包括).

Pure functions over the normalized body; the phrasings are data in patterns.py. The indicator
values (indicator_values.py) use both: parts are never added to their total, and only the
year's figures fill a year's indicator column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tasks.extract import patterns
from tasks.records import Fact

YEAR, CUMULATIVE, MULTI_YEAR = "year", "cumulative", "multi_year"

_MULTI_YEAR_RE = re.compile("|".join(patterns.SCOPE_MULTI_YEAR_PATTERNS))
_CUMULATIVE_RE = re.compile("|".join(patterns.SCOPE_CUMULATIVE_PATTERNS))
_PART_MARKER_RE = re.compile("|".join(map(re.escape, patterns.PART_MARKERS)))


def scope_of(quote_context: str) -> str:
    """``year``, ``cumulative`` or ``multi_year`` for the text of a figure's sentence up to the
    number (what ``sentence_before`` returns)."""
    if _MULTI_YEAR_RE.search(quote_context):
        return MULTI_YEAR
    if _CUMULATIVE_RE.search(quote_context):
        return CUMULATIVE
    return YEAR


def _boundary_before(text: str, position: int, ends: str) -> int:
    return max(text.rfind(mark, 0, position) for mark in ends) + 1


def sentence_before(text: str, position: int) -> str:
    """The sentence holding ``position``, from its start up to the position."""
    return text[_boundary_before(text, position, patterns.SENTENCE_ENDS) : position]


_OPENING_MARKS = " \u3000,，:：、"


def _total_of_previous_statement(facts: Sequence[Fact], i: int, text: str,
                                 start: int) -> int | None:
    """A statement that opens with its marker (…共办理案件20件。其中,简易程序15件) continues the
    one before: the total is that statement's last figure, if it is no smaller than the part."""
    if start == 0:
        return None
    previous_start = _boundary_before(text, start - 1, patterns.PART_LIST_ENDS)
    before = [j for j in range(i) if previous_start <= facts[j].start and facts[j].end <= start]
    if before and facts[before[-1]].value >= facts[i].value:
        return before[-1]
    return None


def part_of(facts: Sequence[Fact], text: str) -> list[int | None]:
    """For each fact, the index of the fact it is a part of, or None.

    A fact is a part when a part marker (其中, 包括, 含) stands between it and an earlier fact
    of the same sentence (a semicolon ends a list of parts too): its total is the last fact
    printed before the marker. Every item of the list after the marker is a part of the same
    total (其中,法律咨询352件次、法治宣传124场次 → both parts of 法律服务503件次). A success
    count (调解成功52宗) right after a count of the same kind it does not exceed, in the same
    statement, is a part of it (排查调处矛盾纠纷58宗). A statement that opens with the marker
    continues the one before (…办理案件20件。其中,简易程序15件).
    """
    parts: list[int | None] = []
    for i, fact in enumerate(facts):
        start = _boundary_before(text, fact.start, patterns.PART_LIST_ENDS)
        markers = list(_PART_MARKER_RE.finditer(text, start, fact.start))
        total = None
        if markers:
            marker = markers[-1].start()
            before = [j for j in range(i) if start <= facts[j].start and facts[j].end <= marker]
            if before:
                total = before[-1]
            elif not text[start:marker].strip(_OPENING_MARKS):
                total = _total_of_previous_statement(facts, i, text, start)
        elif fact.subject.startswith(patterns.SUCCESS_PART_PREFIXES) and i > 0:
            previous = facts[i - 1]
            if start <= previous.start and previous.kind == fact.kind and \
                    previous.value >= fact.value:
                total = i - 1
        parts.append(total)
    return parts
