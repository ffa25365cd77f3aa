"""Every numeric fact of a normalized report body: its value, unit, kind, qualifier and subject.

Patterns live in patterns.py, numeral parsing in numbers.py, the rules that make a number no
fact in context.py, subjects in subjects.py, indicator mapping in indicators.py.
"""

from __future__ import annotations

import re
from functools import partial

from tasks.extract import patterns
from tasks.extract.context import BodyIndex, is_not_a_fact, unglue_qualifier
from tasks.extract.fact_scope import part_of, scope_of, sentence_before
from tasks.extract.indicators import list_item_indicator, map_indicator
from tasks.extract.numbers import Quantity, find_quantities
from tasks.extract.subjects import (
    after_subject,
    before_subject,
    clean_subject,
    is_bare_head,
    shared_modifier,
    split_distributed,
)
from tasks.records import Fact

_SPLITTABLE_LIST_RE = re.compile(patterns.SUBJECT_LIST_SEPARATORS)
_GAP_ONLY_LIST_RE = re.compile(r"^[ 、和及与]*$")
_ARABIC_DIGIT_RE = re.compile(r"[0-9０-９]")
_FREQUENCY_RE = re.compile(patterns.FREQUENCY_PATTERN)
_CHANGE_SUBJECT_RE = re.compile(patterns.CHANGE_SUBJECT_PATTERN)
_SENTENCE_END_RE = re.compile(r"[。!?！？\n]")


def _subjects(body: BodyIndex, quantity: Quantity, region_start: int, next_start: int | None,
              previous: Fact | None) -> list[str]:
    """Subjects the quantity is read for (several when a distributive 均 shares one value)."""
    text = body.text
    clause_start, clause_end = body.clause(quantity.start)
    region = text[region_start : quantity.match_start]
    if previous is not None and _GAP_ONLY_LIST_RE.match(region):
        return [previous.subject]  # 192宗、320人次 / 1520批次3260人次: one count, two units
    after = ""
    if quantity.kind == "count":
        stop = min(x for x in (clause_end, next_start) if x is not None)
        raw_after = text[quantity.match_end : stop]
        list_cut = raw_after.find(patterns.LIST_PUNCTUATION)
        cut_after = raw_after if list_cut < 0 else raw_after[:list_cut]
        ran_into_number = list_cut < 0 and next_start is not None and next_start < clause_end
        after = after_subject(cut_after, ran_into_number, text[quantity.match_end : clause_end])
        if after:
            return [after]
    subject, distributive = before_subject(region)
    if subject:
        if distributive and _SPLITTABLE_LIST_RE.search(subject):
            return split_distributed(subject)
        return [subject]
    if quantity.kind != "count":
        rest = text[quantity.match_end : clause_end]
        if rest.startswith("的"):  # 100%的村(社区)配备了法律顾问
            return [clean_subject(rest[1:])]
        after = after_subject(rest, False, "")
        if after:
            return [after]
    subject = _previous_clause_subject(body, clause_start)
    if subject:
        return [subject]
    if region.strip():
        return [clean_subject(region)]
    # 1件结转下年度继续办理: what happened to the count is all the clause says about it
    return [clean_subject(text[quantity.match_end : clause_end])[: patterns.SUBJECT_MAX_CHARS]]


def _previous_clause_subject(body: BodyIndex, clause_start: int) -> str:
    """A clause with only a verb reads its subject from the clause before, when that clause
    has no number of its own (依法依规做好政务信息依申请公开,全年累计处理20宗)."""
    text = body.text
    if clause_start < 2 or text[clause_start - 1] not in ",;:，；：":
        return ""
    prev_start, _ = body.clause(clause_start - 2)
    prev_clause = text[prev_start : clause_start - 1]
    if _ARABIC_DIGIT_RE.search(prev_clause):
        return ""
    return before_subject(prev_clause)[0]


def _kind(body: str, clause_start: int, quantity: Quantity) -> str:
    if quantity.kind == "count" and _FREQUENCY_RE.search(body, clause_start, quantity.start):
        return "other"  # 每月开展1次集中学法: a frequency
    return quantity.kind


def _relative_subject(
    subject: str, kind: str, region: str, previous: Fact | None, body: str, start: int
) -> tuple[str, str]:
    """A change or reach printed right after a fact describes that fact.

    合格率96% after 学法考试参考率98% → 学法考试合格率;
    同比增长16.7% after 申请35件 → 政府信息公开申请同比增长 (kind other: no 0-100 rate,
    增长150% is possible); 覆盖500余人次 after 法治培训10场次 → 法治培训覆盖;
    (上年9件) after 申请12件 → 申请上年.
    """
    phrase = clean_subject(region)
    if kind == "rate" and previous is not None and previous.kind == "rate":
        modifier = shared_modifier(previous.subject)
        if modifier and is_bare_head(subject) and not _SENTENCE_END_RE.search(
            body, previous.end, start
        ):
            return modifier + subject, kind  # 考试参考率98%,合格率96% → 考试合格率
    if subject != phrase:
        return subject, kind  # 减少了6项…证明材料: the count has its own subject
    is_change = bool(_CHANGE_SUBJECT_RE.match(phrase))
    if is_change:
        kind = "other"
    elif phrase not in patterns.REACH_VERBS and phrase not in patterns.PRIOR_PERIOD_WORDS:
        return subject, kind
    if previous is None or _SENTENCE_END_RE.search(body, previous.end, start):
        return phrase, kind
    return previous.subject + phrase, kind


def extract_facts(body: str) -> list[Fact]:
    """Every numeric fact of a normalized report body, in text order."""
    indexed = BodyIndex.index(body)
    quantities = [
        q for q in map(partial(unglue_qualifier, body), find_quantities(body))
        if not is_not_a_fact(indexed, q)
    ]
    facts: list[Fact] = []
    previous: Fact | None = None
    previous_end = 0
    for i, quantity in enumerate(quantities):
        clause_start, clause_end = indexed.clause(quantity.start)
        next_start = quantities[i + 1].match_start if i + 1 < len(quantities) else None
        region_start = max(clause_start, previous_end)
        same_clause_previous = previous if previous_end > clause_start else None
        quote = body[clause_start:clause_end].strip()
        kind = _kind(body, clause_start, quantity)
        for subject in _subjects(indexed, quantity, region_start, next_start, same_clause_previous):
            subject, kind = _relative_subject(
                subject, kind, body[region_start : quantity.match_start], previous, body,
                quantity.start,
            )
            fact = Fact(
                subject=subject,
                value=quantity.value,
                unit=quantity.unit,
                kind=kind,
                qualifier=quantity.qualifier,
                quote=quote,
                start=quantity.start,
                end=quantity.end,
                indicator=map_indicator(subject, kind, quantity.unit),
                value_max=quantity.value_max,
                scope=scope_of(sentence_before(body, quantity.start)),
            )
            facts.append(fact)
        previous = facts[-1] if facts else None
        previous_end = quantity.match_end
    for i, fact in enumerate(facts):
        fact.indicator = list_item_indicator(facts, body, i)
    for fact, total in zip(facts, part_of(facts, body), strict=True):
        fact.part_of = total
    return facts
