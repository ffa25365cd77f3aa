"""Score fact extraction against the hand-checked gold facts (see tests/gold_scorer.py)."""

from __future__ import annotations

import pytest
from gold_scorer import (
    SOURCES,
    format_table,
    score_corpus,
    score_doc,
    subject_overlap,
    totals,
)

from tasks.records import Fact

MIN_PRECISION = 0.97
MIN_RECALL = 0.97
MIN_RELATION_AGREEMENT = 0.97  # of the hits, scope and total as the gold has them


@pytest.mark.parametrize("source", SOURCES)
def test_gold_precision_and_recall(source: str) -> None:
    scores, chars_per_second = score_corpus(source)
    print()
    print(format_table(scores, details=True))
    print(f"extract ({source}): {chars_per_second:,.0f} chars/s")
    total = totals(scores)
    assert total.precision >= MIN_PRECISION, format_table(scores, details=True)
    assert total.recall >= MIN_RECALL, format_table(scores, details=True)
    assert total.relation_agreement >= MIN_RELATION_AGREEMENT, format_table(scores, details=True)


def _fact(subject: str, value: float, kind: str = "count") -> Fact:
    return Fact(subject=subject, value=value, unit="件", kind=kind, qualifier=None,
                quote="", start=0, end=0)


def test_subject_overlap_rule() -> None:
    assert subject_overlap("群众法律咨询", "法律咨询")  # containment
    assert subject_overlap("LED 宣传", "LED宣传")  # PDF spaces ignored
    assert subject_overlap("公示执法案件", "执法案件公示")  # a shared run of 2+ characters
    assert not subject_overlap("调解纠纷", "法律咨询")
    assert not subject_overlap("", "法律咨询")


def test_scorer_checks_scope_and_totals_of_hits() -> None:
    golds = [
        {"subject": "法律服务", "value": 503, "kind": "count"},
        {"subject": "法律咨询", "value": 352, "kind": "count",
         "part_of": {"subject": "法律服务", "value": 503}},
        {"subject": "调处案件", "value": 19, "kind": "count", "scope": "cumulative"},
    ]
    predicted = [_fact("法律服务", 503), _fact("法律咨询", 352), _fact("调处案件", 19)]
    score = score_doc("x", predicted, golds)
    assert (score.tp, score.relations_ok) == (3, 1)  # no total, no scope: two relation misses
    predicted[1].part_of = 0
    predicted[2].scope = "cumulative"
    score = score_doc("x", predicted, golds)
    assert (score.tp, score.relations_ok, score.relation_misses) == (3, 3, [])


def test_scorer_matches_one_to_one_and_ignores_optional_golds() -> None:
    golds = [
        {"subject": "公示行政执法案件", "value": 72, "kind": "count", "optional": False},
        {"subject": "法制审核案件", "value": 72, "kind": "count", "optional": False},
        {"subject": "方案", "value": 2, "kind": "count", "optional": True},
        {"subject": "合格率", "value": 100, "kind": "rate", "optional": False},
    ]
    predicted = [
        _fact("法制审核案件", 72),
        _fact("公示行政执法案件", 72),
        _fact("工作方案", 2),  # matches the optional gold: neither hit nor false positive
        _fact("合格率", 100),  # a count cannot match a rate: a false positive
        _fact("合格率", 100),  # made a rate below: a hit
    ]
    predicted[4].kind = "rate"
    score = score_doc("x", predicted, golds)
    assert (score.tp, score.fp, score.fn) == (3, 1, 0)
