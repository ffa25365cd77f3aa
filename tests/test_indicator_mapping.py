"""Indicator mapping scored against the hand-read gold (tests/indicator_scorer.py), and the
seed rules that keep a phrase from mapping to a measure it does not mean."""

from __future__ import annotations

from indicator_scorer import format_score, score_corpus

from tasks.extract.facts import extract_facts
from tasks.extract.indicators import map_indicator
from tasks.indicators import indicators_by_id

MIN_PRECISION = 0.95
MIN_RECALL = 0.95


def test_indicator_mapping_precision_and_recall() -> None:
    score = score_corpus()
    print()
    print(format_score(score))
    assert score.precision >= MIN_PRECISION, format_score(score)
    assert score.recall >= MIN_RECALL, format_score(score)


def test_phrases_that_do_not_mean_the_indicator() -> None:
    # 全年通过调解化解复议纠纷案件3宗: mediation of reconsideration disputes
    assert map_indicator("复议纠纷案件", "count", "宗") is None
    assert map_indicator("行政复议案件", "count", "件") == "reconsideration_cases"
    # 其中…其他法律服务9件次: the rest of a list, not the legal-services total
    assert map_indicator("其他法律服务", "count", "件次") is None
    assert map_indicator("法律服务", "count", "件次") == "legal_services"
    # 行政执法专项编制59名 are posts; 持证执法人员28名 are the enforcement staff
    assert map_indicator("行政执法专项编制", "count", "名") is None
    assert map_indicator("持证执法人员", "count", "名") == "enforcement_staff"


def test_unit_families_are_data_of_the_seed() -> None:
    petitions = indicators_by_id()["petitions"]
    assert petitions.units[0] == petitions.unit == "件"
    assert petitions.in_family("宗") and not petitions.in_family("人次")
    for indicator in indicators_by_id().values():
        assert indicator.units and indicator.units[0] == indicator.unit, indicator.id


def test_a_list_item_shares_the_verb_printed_once() -> None:
    # tests/gold/corpus/003: 查处 is printed once for both items
    facts = extract_facts("2025年累计开展日常巡查119次、查处交通执法违法共433件、消防违法1件。")
    assert [f.indicator for f in facts] == ["inspections", "enforcement_cases_filed",
                                            "enforcement_cases_filed"]
    # tests/gold/corpus/000: the rest of a list, and items with heads of their own, do not
    body = ("提供法律服务503件次,其中,法律咨询352件次、法治宣传124场次、出具法律专业意见9件次、"
            "其他法律服务9件次。")
    assert [f.indicator for f in extract_facts(body)] == [
        "legal_services", "legal_consultations", "law_publicity_events", "legal_opinions", None]
