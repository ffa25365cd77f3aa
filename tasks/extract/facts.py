"""Every numeric fact of a normalized report body: its value, unit, kind, qualifier and subject.

Patterns live in patterns.py, numeral parsing in numbers.py, the rules that make a number no
fact in context.py, subjects in subjects.py, how facts relate (changes, parts, time scope) in
relations.py, indicator mapping in indicators.py.
"""

from __future__ import annotations

import math
import re
from functools import partial

from tasks.extract import patterns
from tasks.extract.context import BodyIndex, is_not_a_fact, unglue_qualifier
from tasks.extract.indicators import list_item_indicator, map_indicator
from tasks.extract.numbers import Quantity, find_quantities
from tasks.extract.relations import (
    change_before,
    is_after_value,
    is_before_value,
    link_parts,
    link_subsets,
    scope_at,
)
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
_SENTENCE_END_RE = re.compile(r"[。!?！？\n]")
_TIME_PHRASE_RE = re.compile(patterns.TIME_PHRASE_PATTERN)


def _subjects(body: BodyIndex, quantity: Quantity, region_start: int, next_start: int | None,
              previous: Fact | None) -> list[str]:
    """Subjects the quantity is read for (several when a distributive 均 shares one value)."""
    return _read_subjects(body, quantity, region_start, next_start, previous)[0]


def _read_subjects(body: BodyIndex, quantity: Quantity, region_start: int,
                   next_start: int | None, previous: Fact | None,
                   sentence_previous: Fact | None = None) -> tuple[list[str], bool]:
    """Subjects of the quantity, and whether they were read after it (16次…案审会).

    ``previous`` is the fact before it in its clause, ``sentence_previous`` in its sentence.
    """
    text = body.text
    clause_start, clause_end = body.clause(quantity.start)
    region = text[region_start : quantity.match_start]
    gap_only = previous is not None and _GAP_ONLY_LIST_RE.match(region) is not None
    if gap_only and previous is not None and previous.unit != quantity.unit and not (
        quantity.kind == "count" and _noun_right_after(body, quantity, next_start)
    ):
        # 192宗、320人次 / 1520批次3260人次 / 服务事项5类、27项: one count, two units
        # (but 事项清单4期50个主题 counts 主题: a noun of its own follows)
        return [previous.subject], False
    if gap_only:
        # 继续执行6件、1件正在修改: the same unit again is another count; what the clause says
        # happened to it is all it says about it
        rest = clean_subject(text[quantity.match_end : clause_end])[: patterns.SUBJECT_MAX_CHARS]
        if rest and not _ARABIC_DIGIT_RE.search(rest) and not _noun_right_after(
            body, quantity, next_start
        ):
            return [rest], True
    after = ""
    if quantity.kind == "count":
        stop = min(x for x in (clause_end, next_start) if x is not None)
        raw_after = text[quantity.match_end : stop]
        list_cut = raw_after.find(patterns.LIST_PUNCTUATION)
        cut_after = raw_after if list_cut < 0 else raw_after[:list_cut]
        ran_into_number = list_cut < 0 and next_start is not None and next_start < clause_end
        after = after_subject(cut_after, ran_into_number, text[quantity.match_end : clause_end])
        if after:
            return [after], True
    subject, distributive = before_subject(region)
    achieved = _achieved_after_rate(text[quantity.match_end : clause_end], quantity)
    if subject:
        if distributive and _SPLITTABLE_LIST_RE.search(subject):
            return split_distributed(subject), False
        if achieved and not subject.endswith(patterns.RATE_NOUN_ENDINGS):
            return [subject + achieved], False  # 区级政务服务事项实现100%全程网办
        return [subject], False
    if achieved:
        return [achieved], True  # 90%以上事项实现网上可办
    if quantity.kind != "count":
        rest = text[quantity.match_end : clause_end]
        if rest.startswith("的"):  # 100%的村(社区)配备了法律顾问
            return [clean_subject(rest[1:])], True
        after = after_subject(rest, False, "")
        if after:
            return [after], True
    subject = _previous_clause_subject(body, clause_start)
    if subject:
        return [subject], False
    if (
        sentence_previous is not None
        and sentence_previous.unit == quantity.unit
        and not _SENTENCE_END_RE.search(text, sentence_previous.end, quantity.start)
        and _TIME_PHRASE_RE.search(region)
        and len(_TIME_PHRASE_RE.sub("", region).strip(" ,")) <= patterns.TIME_AND_VERB_MAX_CHARS
    ):  # 出庭应诉率2007年是7.1%,2008年达到81.3%: only a time and a verb, the same measure
        return [sentence_previous.subject], False
    if region.strip():
        return [clean_subject(region)], False
    # 1件结转下年度继续办理: what happened to the count is all the clause says about it
    rest = clean_subject(text[quantity.match_end : clause_end])[: patterns.SUBJECT_MAX_CHARS]
    return [rest], False


def _achieved_after_rate(rest: str, quantity: Quantity) -> str:
    """What a rate printed before it achieves (区级政务服务事项实现100%全程网办, 90%以上事项实现
    网上可办): the rest of its clause, when short and free of numbers; '' otherwise."""
    if quantity.kind != "rate":
        return ""
    achieved = clean_subject(rest)
    if (
        not achieved or rest.lstrip().startswith("的") or _ARABIC_DIGIT_RE.search(achieved)
        or len(achieved) > patterns.SUBJECT_MAX_CHARS
    ):
        return ""
    return achieved


def _noun_right_after(body: BodyIndex, quantity: Quantity, next_start: int | None) -> bool:
    """A noun phrase follows the count before the next 、, number or clause end."""
    _, clause_end = body.clause(quantity.start)
    stop = min(x for x in (clause_end, next_start) if x is not None)
    after = body.text[quantity.match_end : stop].split(patterns.LIST_PUNCTUATION)[0]
    return bool(after_subject(after, False, ""))


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
    subject: str, kind: str, region: str, previous: Fact | None, body: str, start: int,
    shared: bool = False,
) -> tuple[str, str, str]:
    """A reach, a share or an earlier period printed right after a fact describes that fact.

    合格率96% after 学法考试参考率98% → 学法考试合格率; 覆盖500余人次 after 法治培训10场次 →
    法治培训覆盖; 占63.72% after 咨询类诉求124599件 → 咨询类诉求占比; (上年9件) after 申请12件 →
    申请上年, scope prior. Returns the subject, the kind and the scope. ``shared``: the rate
    before is one of several a 均 made (…办复率均为100%,满意率达99%), so no single modifier.
    """
    phrase = clean_subject(region)
    if kind == "rate" and previous is not None and previous.kind == "rate" and not shared:
        modifier = shared_modifier(previous.subject)
        if modifier and is_bare_head(subject) and not _SENTENCE_END_RE.search(
            body, previous.end, start
        ):
            return modifier + subject, kind, "year"  # 考试参考率98%,合格率96% → 考试合格率
    if subject != phrase:
        return subject, kind, "year"  # 减少了6项…证明材料: the count has its own subject
    scope = "prior" if phrase in patterns.PRIOR_PERIOD_WORDS else "year"
    if phrase in patterns.SHARE_WORDS:
        suffix = patterns.SHARE_SUFFIX
    elif phrase in patterns.REACH_VERBS or scope == "prior":
        suffix = phrase
    else:
        return subject, kind, scope
    if previous is None or _SENTENCE_END_RE.search(body, previous.end, start):
        return phrase, kind, scope
    return previous.subject + suffix, kind, scope


def _fits(value: float | None) -> float | None:
    """A value as a fact holds it: None when the printed number does not fit a float (10^400
    reads as infinity), so the fact is kept, JSON stays valid, and validation flags it."""
    return value if value is not None and math.isfinite(value) else None


def _change_subject(change_rest: str, facts: list[Fact], body: str, start: int,
                    region: str) -> str:
    """What a change is the change of: the phrase before the comparison (行政复议案件同比下降),
    else the fact printed just before it in the sentence (…21件,同比下降12.5%); when that fact
    closes an aside of parts, the total before the aside (权责共326项(权力66项、责任260项),
    比2023年减少105项)."""
    subject = before_subject(change_rest)[0] if change_rest.strip(" ,，") else ""
    if subject:
        return subject
    previous = _total_before_aside(facts, body)
    if previous is not None and not _SENTENCE_END_RE.search(body, previous.end, start):
        return previous.subject
    return clean_subject(region)


def _total_before_aside(facts: list[Fact], body: str) -> Fact | None:
    """The last fact; or, when it sits in a (…) closed right after it, the last fact before
    the (."""
    if not facts:
        return None
    last = facts[-1]
    if not body[last.end :].lstrip(" ").startswith((")", "）")):
        return last
    opened = max(body.rfind("(", 0, last.start), body.rfind("（", 0, last.start))
    before = [f for f in facts if f.end <= opened]
    if opened < 0 or not before or _SENTENCE_END_RE.search(body, before[-1].end, opened):
        return last
    return before[-1]


def _listed_counts(facts: list[Fact], body: str, clause_start: int) -> list[Fact]:
    """The counts listed (…、…) in the clause right before ``clause_start``, in order."""
    if not facts or facts[-1].kind != "count":
        return []
    if body[facts[-1].end : clause_start].strip(" ,，;；"):
        return []
    listed = [facts[-1]]
    for fact in reversed(facts[:-1]):
        between = body[fact.end : listed[0].start]
        if fact.kind != "count" or not between.lstrip().startswith(patterns.LIST_PUNCTUATION) or (
            any(mark in between for mark in patterns.CLAUSE_PUNCTUATION)
        ):
            break
        listed.insert(0, fact)
    return listed if len(listed) > 1 else []


def _batch_subjects(facts: list[Fact], body: str) -> None:
    """分9批取消下放了599项…事项: the batches are batches of the count after them."""
    for fact, after in zip(facts, facts[1:], strict=False):
        if (
            fact.unit in patterns.BATCH_UNITS
            and body[: fact.start].rstrip().endswith(patterns.BATCH_LEAD)
            and not _SENTENCE_END_RE.search(body, fact.end, after.start)
            and not re.search(r"[,，;；:：]", body[fact.end : after.start])
        ):
            fact.subject = after.subject
            fact.indicator = None


def extract_facts(body: str, report_year: int | None = None) -> list[Fact]:
    """Every numeric fact of a normalized report body, in text order.

    ``report_year`` (the year the report covers) tells this year's 2024年以来 from a start
    point years back.
    """
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
        region = body[region_start : quantity.match_start]
        subjects, read_after = _read_subjects(
            indexed, quantity, region_start, next_start, same_clause_previous, previous
        )
        change = None if read_after else change_before(region)
        if len(subjects) == 1 and is_bare_head(subjects[0]) and before_subject(region)[1]:
            # 办理县人大代表建议119件、县政协委员提案105件,办复率均为100%: each count's rate
            listed = _listed_counts(facts, body, clause_start)
            subjects = [f.subject + subjects[0] for f in listed] or subjects
        scope = scope_at(body, quantity.start, report_year, indexed.in_name)
        for subject in subjects:
            direction = None
            fact_scope = scope
            if change is not None:  # 同比下降12.5%: the change of what came before
                subject = _change_subject(change.rest, facts, body, quantity.start, region)
                kind, direction = "change", change.direction
                if fact_scope == "prior":  # 比2023年减少105项: the base year is no period
                    fact_scope = "year"
            elif not read_after and is_before_value(region):  # 公开率由62%…
                subject, fact_scope = before_subject(region.rstrip()[:-1])[0] or subject, "prior"
            elif (
                previous is not None and previous.scope == "prior"
                and is_after_value(body[previous_end : quantity.match_start])
            ):  # …提升到98%: the same subject's later value
                subject = previous.subject
            else:
                subject, kind, relative_scope = _relative_subject(
                    subject, kind, region, previous, body, quantity.start,
                    shared=len(facts) > 1 and facts[-2].start == facts[-1].start,
                )
                if relative_scope != "year":
                    fact_scope = relative_scope
            fact = Fact(
                subject=subject,
                value=_fits(quantity.value),
                unit=quantity.unit,
                kind=kind,
                qualifier=quantity.qualifier,
                quote=quote,
                start=quantity.start,
                end=quantity.end,
                indicator=map_indicator(subject, kind, quantity.unit),
                value_max=_fits(quantity.value_max),
                scope=fact_scope,
                direction=direction,
                printed=quantity.printed,
            )
            facts.append(fact)
        previous = facts[-1] if facts else None
        previous_end = quantity.match_end
    _batch_subjects(facts, body)
    link_parts(facts, body)
    link_subsets(facts, body)
    for i, fact in enumerate(facts):  # a 、-list item whose verb is printed once
        fact.indicator = list_item_indicator(facts, body, i)
    return facts
