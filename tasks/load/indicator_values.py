"""One value per (report, indicator), chosen from the report's facts by written rules.

The rules (docs/warehouse.md, "How an indicator's value is chosen"), in order:

1. Candidates are the facts mapped to the indicator, except: facts under a *plans* heading
   (next year's targets), facts whose ``scope`` is not the year (自…以来 cumulative totals,
   近三年 multi-year ones), and facts whose unit is outside the indicator's unit family
   (``units`` in seeds/indicators.csv: 320人次 of petitioners are not petitions). These stay
   facts; the note says why they are left out.
2. A part (``part_of``: 其中, 包括) whose total is a fact of the same indicator is never added:
   the total already counts it.
3. Restatements count once: the same value (in the family's unit) printed in different
   sentences is one figure (镇长办公会12次, then 司法所列席镇长办公会12次).
4. The figures of one sentence are disjoint items of a list and are added
   (一审73宗,二审44宗,再审1宗 → 118, ``sum_of_parts``); a sentence here ends at 。!?; or a
   line break, so the two halves of 641宗…;…352件次 are two statements.
5. Several statements (sentences) with different figures (several rates, even in one
   sentence, are never added): for counts and amounts the largest
   is chosen (a total is at least any part of it; two sentences giving one measure different
   figures more often state a whole and a part than two halves), for rates the first printed
   (the headline); ``how`` is ``chosen_of_n`` and ``n_candidates`` says of how many.
6. A single figure is ``single``.

A pure function of the facts, the body and the indicator dictionary: load calls it for every
report it writes, so ``fazhi reprocess`` recomputes it whenever the rules change.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tasks.indicators import Indicator, indicators_by_id
from tasks.records import Fact

SINGLE, SUM_OF_PARTS, CHOSEN_OF_N = "single", "sum_of_parts", "chosen_of_n"

# Where one statement ends, for rules 3–5: a sentence, a semicolon (调解纠纷453宗;各村居法律
# 顾问提供法律服务503件次 are two statements), a line.
STATEMENT_ENDS = "。!?！？;；\n"


@dataclass
class IndicatorValue:
    """One cell of v_indicator_wide and how it was reached; becomes a row of indicator_values."""

    indicator: str
    value: float
    unit: str
    how: str  # single | sum_of_parts | chosen_of_n
    fact_nos: list[int] = field(default_factory=list)  # every fact behind the value
    n_candidates: int = 1  # distinct figures the value was reached from
    note: str = ""


_STATEMENT_END_RE = re.compile(f"[{re.escape(STATEMENT_ENDS)}]")


def _statements(facts: Sequence[Fact], body: str) -> list[int]:
    """Per fact, the start of the statement holding it (an id for grouping)."""
    starts = [m.end() for m in _STATEMENT_END_RE.finditer(body)]
    return [starts[i - 1] if (i := bisect_right(starts, fact.start)) else 0 for fact in facts]


def _total_of(fact: Fact, facts: Sequence[Fact]) -> str | None:
    """The indicator of the fact this one is a part of (None when it is no part, or its
    ``part_of`` points outside the report's facts)."""
    if fact.part_of is None or not 0 <= fact.part_of < len(facts):
        return None
    return facts[fact.part_of].indicator


def _statement_total(figures: list[tuple[float, list[int]]]) -> tuple[float, list[int], int]:
    """One statement's figures added (its items are disjoint), unless one of them is printed
    as the total of the others (一审73宗,二审44宗,共计117宗): then that one, not twice it."""
    nos = [n for _, ns in figures for n in ns]
    values = [v for v, _ in figures]
    biggest = max(values)
    if len(values) >= 3 and abs(2 * biggest - sum(values)) < 1e-9 * max(biggest, 1):
        return biggest, nos, len(values) - 1
    return sum(values), nos, len(values)


def _value_of(indicator: Indicator, fact_nos: list[int], facts: Sequence[Fact],
              statement: Sequence[int]) -> IndicatorValue | None:
    left_out: list[str] = []
    candidates: list[int] = []
    for n in fact_nos:
        fact = facts[n]
        if fact.section == "plans":
            left_out.append(f"{n} plans")
        elif fact.scope != "year":
            left_out.append(f"{n} {fact.scope}")
        elif not indicator.in_family(fact.unit):
            left_out.append(f"{n} unit {fact.unit}")
        elif _total_of(fact, facts) == indicator.id:
            left_out.append(f"{n} part of {fact.part_of}")
        else:
            candidates.append(n)
    if not candidates:
        return None
    # statement → its figures; a figure is (value, fact_nos), restatements merged across
    # statements (rule 3) but not within one (法律专业意见9件次、其他…9件次 are two items)
    statements: dict[int, list[tuple[float, list[int]]]] = {}
    seen: dict[float, list[int]] = {}
    for n in candidates:
        value = facts[n].value
        if value in seen and statement[seen[value][0]] != statement[n]:
            seen[value].append(n)
            continue
        figure = (value, [n])
        seen.setdefault(value, figure[1])
        statements.setdefault(statement[n], []).append(figure)
    if indicator.kind == "rate":  # a rate is never added: each figure stands alone
        totals = [(v, ns, 1) for figures in statements.values() for v, ns in figures]
    else:
        totals = [_statement_total(figures) for figures in statements.values()]
    notes = [f"left out: {', '.join(left_out)}"] if left_out else []
    n_figures = sum(count for _, _, count in totals)
    if len(totals) == 1:
        value, nos, count = totals[0]
        how = SINGLE if count == 1 else SUM_OF_PARTS
        return IndicatorValue(indicator.id, value, indicator.unit, how, sorted(nos), n_figures,
                              "; ".join(notes))
    if indicator.kind == "rate":
        chosen = min(totals, key=lambda t: min(t[1]))
        notes.insert(0, "first printed of " + ", ".join(f"{t[0]:g}" for t in totals))
    else:
        chosen = max(totals, key=lambda t: (t[0], -min(t[1])))
        notes.insert(0, "largest of " + ", ".join(f"{t[0]:g}" for t in totals))
    value, nos, _ = chosen
    return IndicatorValue(indicator.id, value, indicator.unit, CHOSEN_OF_N, sorted(nos),
                          len(totals), "; ".join(notes))


def indicator_values(facts: Sequence[Fact], body: str,
                     dictionary: Mapping[str, Indicator] | None = None) -> list[IndicatorValue]:
    """The report's value of each indicator its facts name, in indicator order of first fact.

    ``facts`` are the report's facts in fact_no order (``part_of`` indexes them); ``body`` the
    normalized body their offsets point into; ``dictionary`` the indicators by id (the seed's
    when None). A fact naming an id the dictionary lacks is skipped.
    """
    dictionary = indicators_by_id() if dictionary is None else dictionary
    by_indicator: dict[str, list[int]] = {}
    for n, fact in enumerate(facts):
        if fact.indicator in dictionary:
            by_indicator.setdefault(fact.indicator, []).append(n)
    statement = _statements(facts, body) if by_indicator else []
    values = (_value_of(dictionary[ind], nos, facts, statement)
              for ind, nos in by_indicator.items())
    return [v for v in values if v is not None]
