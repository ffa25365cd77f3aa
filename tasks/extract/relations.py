"""How the facts of one body relate: changes, before/after values, parts of totals, time scope.

Pure functions over the body text and facts.py's facts; the phrasings are patterns.py data.
A change (同比下降12.5%) is kind ``change`` with a ``direction``; an earlier value (由62%…) has
scope ``prior``; a part (其中…) names its total's index in ``part_of``; a figure since a start
(自…以来) or over several years (近三年) has scope ``cumulative`` or ``multi_year``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tasks.extract import patterns
from tasks.records import Fact


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CHANGE_RE = re.compile(
    rf"(?P<cmp>{patterns.CHANGE_COMPARISON_PATTERN})?\s*"
    rf"(?P<verb>{_alternation(patterns.CHANGE_VERBS_UP + patterns.CHANGE_VERBS_DOWN)})"
    r"\s*了?\s*$"
)
_AFTER_VALUE_RE = re.compile(patterns.AFTER_VALUE_PATTERN)
_PART_MARKER_RE = re.compile(patterns.PART_MARKER_PATTERN)
_SCOPE_RE = re.compile(
    rf"(?P<since>{patterns.SINCE_YEAR_PATTERN})|(?P<year>{patterns.YEAR_SCOPE_PATTERN})"
    rf"|(?P<multi_year>{patterns.MULTI_YEAR_SCOPE_PATTERN})"
    rf"|(?P<cumulative>{patterns.CUMULATIVE_SCOPE_PATTERN})|(?P<literal>(?<!\d)\d{{4}})\s*年"
)
_SENTENCE_END_RE = re.compile(f"[{re.escape(patterns.SENTENCE_END_MARKS)}]")
_SCOPE_SENTENCE_ENDS = patterns.SENTENCE_END_MARKS + ";；"  # a ; starts a new item's time too
_ITEM_END_RE = re.compile("[;；]")


@dataclass(frozen=True)
class Change:
    """A change printed before its number: what comes before the comparison, and the direction."""

    rest: str  # the region before the comparison (行政复议案件 in 行政复议案件同比下降12.5%)
    direction: str  # up | down


def change_before(region: str) -> Change | None:
    """The change a region ending right before a number prints (…,同比下降 → down), or None.

    A lone 增/降/减 needs a comparison word (同比增 but not 新增); 新增加 is no change either.
    """
    match = _CHANGE_RE.search(region)
    if match is None:
        return None
    verb = match.group("verb")
    if not match.group("cmp") and (len(verb) == 1 or region[: match.start()].endswith("新")):
        return None
    direction = "up" if verb in patterns.CHANGE_VERBS_UP else "down"
    return Change(rest=region[: match.start()], direction=direction)


def is_before_value(region: str) -> bool:
    """公开率由 (…62%提升到98%): the number after 由/从 is the earlier value."""
    return region.rstrip().endswith(patterns.BEFORE_VALUE_MARKERS)


def is_after_value(between: str) -> bool:
    """提升到 between an earlier value and this number: this is the later value."""
    return bool(_AFTER_VALUE_RE.match(between.strip(" ,，")))


def sentence_start(text: str, pos: int, marks: str = patterns.SENTENCE_END_MARKS) -> int:
    """Start of the sentence holding ``pos`` (just after the last end mark before it)."""
    return max(text.rfind(mark, 0, pos) for mark in marks) + 1


def _sentence_end(text: str, pos: int) -> int:
    match = _SENTENCE_END_RE.search(text, pos)
    return match.start() if match else len(text)


def scope_at(text: str, pos: int, report_year: int | None,
             in_name: Callable[[int, int], bool] | None = None) -> str:
    """Time scope of a number at ``pos``: the last scope phrase of its sentence before it.

    Phrases inside names (《纲要(2021-2025年)》) say nothing about the figure.
    """
    start = sentence_start(text, pos, _SCOPE_SENTENCE_ENDS)
    scope = "year"
    for match in _SCOPE_RE.finditer(text, start, pos):
        if in_name is not None and in_name(match.start(), match.end()):
            continue
        kind = match.lastgroup
        if kind == "since":
            since = int(re.search(r"\d{4}", match.group()).group())
            scope = "year" if since == report_year else "cumulative"
        elif kind == "cumulative" and report_year is not None and str(report_year) in match.group():
            scope = "year"  # 截至2025年12月31日累计公开各类文件近79份 in the 2025 report
        elif kind == "literal":
            year = int(match.group("literal"))
            if report_year is None:
                continue
            if year == report_year:
                scope = "year"  # 2024年各村累计开展…68场次 in the 2024 report
            elif year < report_year:
                scope = "prior"  # 出庭应诉率2007年是7.1% in a later year's text
        else:
            scope = kind
    return scope


def link_parts(facts: list[Fact], text: str) -> None:
    """Set ``part_of`` on the parts of a total (其中, 包括, 含) to the total's index.

    The total is an earlier fact of the same measure that is no part itself, in the marker's
    sentence or, when the marker opens a sentence (…201件。其中,…), the one before. Every later
    fact of that measure up to the end of the part's sentence is a part too (其中民事案件31件、
    刑事案件9件; shares such as 占63.72% in between are skipped). Parts in another unit than
    their total (法律服务503件次,其中,…法治宣传124场次) follow 其中 only, and only up to the next
    ; (a new item of the sentence); 包括 and 含 take parts in the total's own unit.
    """
    total: int | None = None
    strict = False
    run_end = clause_end = -1
    previous_end = 0
    for i, fact in enumerate(facts):
        if total is not None and fact.start >= run_end:
            total = None
        marker = None
        for match in _PART_MARKER_RE.finditer(text, previous_end, fact.start):
            marker = match
        if marker is not None:
            total = _total_for(facts, i, text, marker.start())
            strict = "其中" not in marker.group()
            run_end = _sentence_end(text, fact.start)
            clause_end = _item_end(text, fact.start)
        if total is not None and _same_measure(facts[total], fact):
            if fact.unit == facts[total].unit or (not strict and fact.start < clause_end):
                fact.part_of = total
        previous_end = fact.end


def link_subsets(facts: list[Fact], text: str) -> None:
    """Set ``part_of`` on a successful or qualified share printed right after its count
    (调处矛盾纠纷58宗,调解成功52宗; 执法人员59名,持证执法人员28名): the fact before it in the
    sentence, of the same unit and no smaller, that is no part itself."""
    for i in range(1, len(facts)):
        fact, before = facts[i], facts[i - 1]
        if (
            fact.part_of is None
            and any(word in fact.subject for word in patterns.SUBSET_SUBJECT_WORDS)
            and not any(word in before.subject for word in patterns.SUBSET_SUBJECT_WORDS)
            and before.part_of is None
            and fact.kind == before.kind == "count"
            and fact.unit == before.unit
            and before.value >= fact.value
            and not _SENTENCE_END_RE.search(text, before.end, fact.start)
        ):
            fact.part_of = i - 1


def _item_end(text: str, pos: int) -> int:
    match = _ITEM_END_RE.search(text, pos)
    return match.start() if match else len(text)


def _same_measure(total: Fact, part: Fact) -> bool:
    """Parts count what their total counts: in its unit or one of the same family (法律服务
    503件次,其中,法律咨询352件次、法治宣传124场次…: 352+124+9+9+9 = 503); 192宗 of petitions has
    no part in 人次, 4958份 of documents none in 次."""
    if part.kind != total.kind or part.kind not in ("count", "amount"):
        return False
    return part.unit == total.unit or any(
        part.unit in family and total.unit in family for family in patterns.PART_UNIT_FAMILIES
    )


def _total_for(facts: list[Fact], i: int, text: str, marker: int) -> int | None:
    """The total: inside the marker's sentence, the nearest earlier fact of the same measure
    (提供法律服务503件次,其中,法律咨询352件次); when the marker opens a sentence, the fact of the
    sentence before whose subject shares most with the part's (清理证明事项201件,保留110件,
    取消91件。其中,…清理证明事项71件 → the 201), the nearest on a tie."""
    start = sentence_start(text, marker)
    opens_sentence = not text[start:marker].strip(" ,，:：")
    if opens_sentence:
        start = sentence_start(text, max(start - 1, 0))
    best, best_shared = None, -1
    for j in range(i - 1, -1, -1):
        candidate = facts[j]
        if candidate.start < start:
            break
        if candidate.part_of is None and _same_measure(candidate, facts[i]):
            if not opens_sentence:
                return j
            shared = _shared_run(candidate.subject, facts[i].subject)
            if shared > best_shared:
                best, best_shared = j, shared
    return best


def _shared_run(a: str, b: str) -> int:
    """Length of the longest run two subjects share, 0 below two characters."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best if best >= 2 else 0


def reindex_parts(facts: list[Fact], kept: list[Fact]) -> list[Fact]:
    """``part_of`` of the facts kept after some were dropped, pointing into ``kept``; a part
    whose total was dropped has none."""
    position = {id(fact): n for n, fact in enumerate(kept)}
    for fact in kept:
        if fact.part_of is not None:
            fact.part_of = position.get(id(facts[fact.part_of]))
    return kept
