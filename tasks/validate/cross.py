"""Checks across the facts of one report: parts within their wholes, rates matching their counts.

Plain Python over Fact lists (no GX): a part never exceeds its whole (结案 ≤ 立案, 出庭 ≤ 应诉),
parts listed after 其中 add up to no more than their total, and a stated rate matches the
counts it is computed from. Phrasings the rules rely on are in tasks/validate/patterns.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tasks.records import Fact, QualityResult
from tasks.validate import patterns as pat

CROSS_SUITE = "cross_fact"

PARTS_CHECK = "parts_le_total"
RATE_CHECK = "rate_matches_counts"
CROSS_CHECKS: tuple[str, ...] = (
    *dict.fromkeys(rel.pair_check for rel in pat.COUNT_RELATIONS),
    PARTS_CHECK,
    RATE_CHECK,
)

_UNBOUNDED = pat.AT_LEAST_QUALIFIERS | pat.ROUGH_QUALIFIERS


@dataclass(frozen=True)
class _Placed:
    """A fact located in the body, with the text of the clause that holds its number."""

    fact: Fact
    clause: str  # subject + the body clause up to the number's end
    paragraph: int


def _clause_start(body: str, pos: int) -> int:
    i = pos
    while i > 0 and body[i - 1] not in pat.CLAUSE_DELIMITERS:
        i -= 1
    return i


def _place(facts: Sequence[Fact], body: str | None) -> list[_Placed]:
    """Facts whose offsets point into the body; the others cannot be related by position."""
    placed = []
    for fact in facts:
        if fact.value is None:
            continue  # a number too large for a float is flagged by the facts suite
        if body and 0 <= fact.start < fact.end <= len(body):
            clause = fact.subject + " " + body[_clause_start(body, fact.start) : fact.end]
            placed.append(_Placed(fact, clause, body.count("\n", 0, fact.start)))
    return placed


def _family(unit: str | None) -> str:
    return "people" if unit in pat.PEOPLE_UNITS else "things"


def _num(value: float) -> str:
    return format(value, ".10g")


def _shown(fact: Fact) -> str:
    unit = fact.unit or ""
    value = fact.value
    if len(unit) > 1 and unit[0] in pat.MAGNITUDE_PREFIXES:
        value = value / pat.MAGNITUDE_PREFIXES[unit[0]]
    qualifier = f"({fact.qualifier})" if fact.qualifier else ""
    if fact.printed:  # 796.41万元 as the report prints it, not 7964100元
        return f"{fact.subject} {fact.printed}{qualifier}"
    return f"{fact.subject} {_num(value)}{unit}{qualifier}"


def _role(placed: _Placed, rel: pat.CountRelation) -> str | None:
    """part, whole or rate of the relation; an indicator id that matches wins over words."""
    fact = placed.fact
    wanted_kind = {"part": "count", "whole": "count", "rate": "rate"}
    for role, ids in (("part", rel.part_indicators), ("whole", rel.whole_indicators),
                      ("rate", rel.rate_indicators)):
        if fact.indicator in ids and fact.kind == wanted_kind[role]:
            return role
    text = placed.clause
    if fact.kind == "rate":
        return "rate" if any(w in text for w in rel.rate_words) else None
    if fact.kind != "count":
        return None
    if any(w in text for w in rel.part_words):
        return "part"
    if any(w in text for w in rel.whole_words):
        return "whole"
    return None


def _near(anchor: _Placed, candidates: list[_Placed], same_family: bool) -> list[_Placed]:
    """Candidates in the anchor's paragraph and window, nearest first."""
    def close(c: _Placed) -> bool:
        return (c is not anchor and c.paragraph == anchor.paragraph
                and abs(c.fact.start - anchor.fact.start) <= pat.RELATION_WINDOW_CHARS
                and (not same_family or _family(c.fact.unit) == _family(anchor.fact.unit)))

    return sorted((c for c in candidates if close(c)),
                  key=lambda c: abs(c.fact.start - anchor.fact.start))


def _rows(report_id: str, check: str, failures: list[tuple[str, str]], checked: int,
          suite: str = CROSS_SUITE) -> list[QualityResult]:
    """One row per failure, or one passing row saying how many statements were checked."""
    if failures:
        return [QualityResult(report_id, check, False, observed, expected, "error", suite)
                for observed, expected in failures]
    observed = f"{checked} checked" if checked else "no such statement in the report"
    return [QualityResult(report_id, check, True, observed, None, "error", suite)]


def _roles(placed: list[_Placed], rel: pat.CountRelation) -> dict[str, list[_Placed]]:
    roles: dict[str, list[_Placed]] = {"part": [], "whole": [], "rate": []}
    for p in placed:
        role = _role(p, rel)
        if role:
            roles[role].append(p)
    return roles


def _pair_failures(rel: pat.CountRelation, roles: dict[str, list[_Placed]]
                   ) -> tuple[list[tuple[str, str]], int]:
    """A part fails only when it exceeds every nearby whole: with 一审73宗,二审44宗,再审1宗
    before 出庭应诉36宗 the whole may be any of them, so the largest is the fair one."""
    failures, checked = [], 0
    for part in roles["part"]:
        wholes = _near(part, roles["whole"], same_family=True)
        if not wholes:
            continue
        checked += 1
        whole = max(wholes, key=lambda w: w.fact.value)
        if part.fact.value > whole.fact.value and whole.fact.qualifier not in _UNBOUNDED:
            failures.append((f"{_shown(part.fact)} > {_shown(whole.fact)}",
                             f"{'/'.join(rel.part_words)} ≤ {'/'.join(rel.whole_words)}"))
    return failures, checked


def _rate_failures(roles: dict[str, list[_Placed]]) -> tuple[list[tuple[str, str]], int]:
    """A stated rate fails when no nearby whole makes it agree with its nearest part."""
    failures, checked = [], 0
    for rate in roles["rate"]:
        parts = _near(rate, roles["part"], same_family=False)
        if not parts or parts[0].fact.qualifier in pat.APPROXIMATE_QUALIFIERS:
            continue
        wholes = [w for w in _near(parts[0], roles["whole"], same_family=True)
                  if w.fact.value > 0 and w.fact.qualifier not in pat.APPROXIMATE_QUALIFIERS]
        if not wholes:
            continue
        checked += 1
        verdicts = [_rate_failure(rate.fact, parts[0].fact, w.fact) for w in wholes]
        if all(verdicts):
            failures.append(verdicts[0])
    return failures, checked


def _relation_checks(report_id: str, placed: list[_Placed]) -> dict[str, list[QualityResult]]:
    pair_rows: dict[str, tuple[list[tuple[str, str]], int]] = {}
    rate_failures: list[tuple[str, str]] = []
    rates_checked = 0
    for rel in pat.COUNT_RELATIONS:
        roles = _roles(placed, rel)
        failures, checked = _pair_failures(rel, roles)
        so_far = pair_rows.get(rel.pair_check, ([], 0))
        pair_rows[rel.pair_check] = (so_far[0] + failures, so_far[1] + checked)
        failures, checked = _rate_failures(roles)
        rate_failures += failures
        rates_checked += checked
    out = {check: _rows(report_id, check, failures, checked)
           for check, (failures, checked) in pair_rows.items()}
    out[RATE_CHECK] = _rows(report_id, RATE_CHECK, rate_failures, rates_checked)
    return out


def _rate_failure(rate: Fact, part: Fact, whole: Fact) -> tuple[str, str] | None:
    computed = part.value / whole.value * 100
    stated = rate.value
    observed = (f"{_shown(rate)} stated; {_shown(part)} / {_shown(whole)} = "
                f"{computed:.1f}%")
    if rate.qualifier in pat.AT_LEAST_QUALIFIERS:
        ok = computed >= stated - pat.RATE_TOLERANCE_POINTS
        expected = f"computed rate ≥ {_num(stated)}% (printed as a lower bound)"
    else:
        tolerance = (pat.ROUGH_RATE_TOLERANCE_POINTS if rate.qualifier in pat.ROUGH_QUALIFIERS
                     else pat.RATE_TOLERANCE_POINTS)
        ok = abs(computed - stated) <= tolerance
        expected = f"stated rate within {tolerance:g} points of {computed:.1f}%"
    return None if ok else (observed, expected)


def _parts_check(report_id: str, placed: list[_Placed], body: str | None) -> list[QualityResult]:
    counts = sorted((p for p in placed if p.fact.kind == "count"), key=lambda p: p.fact.start)
    failures: list[tuple[str, str]] = []
    checked = 0
    for marker in pat.PART_LIST_MARKERS:
        for match in re.finditer(re.escape(marker), body or ""):
            pos = match.start()
            before = [p for p in counts if p.fact.end <= pos]
            if not before:
                continue
            total = before[-1]
            gap = body[total.fact.end : pos]
            if len(gap) > pat.PART_LIST_MAX_GAP_CHARS or any(
                    ch in pat.SENTENCE_DELIMITERS for ch in gap):
                continue
            end = _list_end(body, pos)
            parts = _listed_parts([p for p in counts if pos <= p.fact.start < end], total)
            if not parts:
                continue
            checked += 1
            listed = sum(p.fact.value for p in parts)
            if listed > total.fact.value and total.fact.qualifier not in _UNBOUNDED:
                names = "、".join(_shown(p.fact) for p in parts)
                failures.append((f"{_shown(total.fact)}; parts after {marker} sum to "
                                 f"{_num(listed)} ({names})",
                                 f"parts listed after {marker} ≤ their total"))
    return _rows(report_id, PARTS_CHECK, failures, checked)


def _list_end(body: str, pos: int) -> int:
    ends = [i for i in (body.find(ch, pos) for ch in pat.SENTENCE_DELIMITERS + ")") if i >= 0]
    return min(ends, default=len(body))


def _listed_parts(candidates: list[_Placed], total: _Placed) -> list[_Placed]:
    """Parts up to the first clause opening a new total (共/累计/全年…), in the total's family."""
    parts: list[_Placed] = []
    for n, p in enumerate(candidates):
        if n and pat.PART_LIST_BREAK_RE.search(p.clause):
            break
        parts.append(p)
    return [p for p in parts if _family(p.fact.unit) == _family(total.fact.unit)]


def cross_fact_checks(report_id: str, facts: Sequence[Fact],
                      body: str | None = None) -> list[QualityResult]:
    """Relations between the facts of one report; one row per failure, else one passing row.

    ``body`` is the normalized body the facts' offsets point into; facts are related by
    position (same paragraph, nearby), so without it every check reports no statement.
    """
    placed = _place(facts, body)
    by_check = _relation_checks(report_id, placed)
    by_check[PARTS_CHECK] = _parts_check(report_id, placed, body)
    return [row for check in CROSS_CHECKS for row in by_check[check]]
