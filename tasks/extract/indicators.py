"""Map a fact's subject to a canonical indicator of the dictionary (never guessing).

An indicator matches when one of its synonyms appears in the subject, its kind agrees with the
fact's kind (a rate never maps to a count) and its unit with the fact's (people are not events).
Chinese puts the head noun last, so the synonym ending last in the subject wins, then the
longest: 法治宣传册 is printed material (宣传册), not a publicity event (法治宣传);
出庭应诉开庭审理案件 is an appearance count. A phrase the seed excludes for an indicator
(its ``excludes`` column) never maps to it, and the remainder of a list (其他法律服务) to none.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from tasks.extract.patterns import (
    INDICATOR_GENERIC_HEADS,
    INDICATOR_IGNORED_MARKS,
    INDICATOR_LIST_MARKS,
    INDICATOR_REMAINDER_MARKS,
    PEOPLE_UNITS,
)
from tasks.indicators import indicators
from tasks.records import Fact

# Between two items of one list: 、 and no clause break.
_CLAUSE_BREAKS = ",，;；。:：!?！？\n"


@cache
def _synonym_table() -> tuple[tuple[str, str, str, str, tuple[str, ...]], ...]:
    """(synonym, kind, indicator id, indicator unit, excluded phrases), longest synonym first,
    then seed order."""
    rows = [(s, ind.kind, ind.id, ind.unit, ind.excludes)
            for ind in indicators() for s in ind.synonyms]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def units_agree(indicator_unit: str, unit: str | None) -> bool:
    """People are not events: 参加培训200人 is no training count, 普法活动5场 no audience.

    An audience indicator (unit 人次) takes heads and attendances; a headcount (人) only heads;
    events and items take attendances (接待法律咨询80余人次) but not heads.
    """
    if unit is None:
        return True
    if indicator_unit in PEOPLE_UNITS:
        return unit in PEOPLE_UNITS
    if indicator_unit == "人次":
        return unit in PEOPLE_UNITS or unit == "人次"
    return unit not in PEOPLE_UNITS


def _head_follows(tail: str) -> bool:
    """Nothing, or only a generic head noun, follows the synonym in the subject; a list
    (政府会议、政务要闻等信息) names several measures, none of them alone."""
    tail = tail.strip(INDICATOR_IGNORED_MARKS)
    if any(mark in tail for mark in INDICATOR_LIST_MARKS):
        return False
    return not tail or any(tail.endswith(head) for head in INDICATOR_GENERIC_HEADS)


@lru_cache(maxsize=65536)  # reports name the same measures in the same words, over and over
def map_indicator(subject: str, kind: str, unit: str | None = None) -> str | None:
    """Canonical indicator id for a subject of this kind (and unit), or None if none matches."""
    if not subject or subject.startswith(INDICATOR_REMAINDER_MARKS):
        return None
    best: tuple[int, int] | None = None
    best_id = None
    for synonym, indicator_kind, indicator_id, indicator_unit, excludes in _synonym_table():
        if indicator_kind != kind or not units_agree(indicator_unit, unit):
            continue
        if any(phrase in subject for phrase in excludes):
            continue
        found = subject.rfind(synonym)
        if found < 0 or not _head_follows(subject[found + len(synonym) :]):
            continue
        rank = (found + len(synonym), len(synonym))
        if best is None or rank > best:
            best, best_id = rank, indicator_id
    return best_id


def list_item_indicator(facts: Sequence[Fact], body: str, i: int) -> str | None:
    """The indicator a list item without one of its own shares with the item before it.

    查处交通执法违法共433件、消防违法1件: the verb 查处 is printed once for both items. An item
    takes the previous item's indicator only when nothing but a 、-list separates them, both
    have the same unit and kind, and the subjects end in the same head (违法); the rest of a
    list (其他法律服务) never does.
    """
    fact = facts[i]
    if fact.indicator is not None or i == 0:
        return fact.indicator
    previous = facts[i - 1]
    gap = body[previous.end : fact.start]
    if (previous.indicator is None or "、" not in gap
            or any(mark in gap for mark in _CLAUSE_BREAKS)
            or (previous.unit, previous.kind) != (fact.unit, fact.kind)
            or len(fact.subject) < 2 or fact.subject[-2:] != previous.subject[-2:]
            or fact.subject.startswith(INDICATOR_REMAINDER_MARKS)):
        return None
    return previous.indicator
