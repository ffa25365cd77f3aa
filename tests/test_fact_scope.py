"""What a figure covers and which total it is a part of (tasks/extract/fact_scope.py), on
sentences of the gold reports and the demo portal."""

from __future__ import annotations

from tasks.extract.fact_scope import part_of, scope_of, sentence_before
from tasks.extract.facts import extract_facts


def test_scope_of_reads_the_sentence_before_the_number() -> None:
    # tests/gold/corpus/002: a studio's total since it opened
    assert scope_of("自“梁志勇个人调解工作室”建立以来共调处案件") == "cumulative"
    assert scope_of("近三年共办理行政复议案件") == "multi_year"
    assert scope_of("2021年以来,全镇累计调解") == "multi_year"
    # the year's own figures: 今年以来 (000), 全年累计 (000), 一年来
    assert scope_of("今年以来,我镇共召开") == "year"
    assert scope_of("依法依规做好政务信息依申请公开,全年累计处理") == "year"
    assert scope_of("一年来共开展") == "year"
    assert sentence_before("调解纠纷453宗。全年共接收来访192宗", 16) == "全年共接收来访"


def test_parts_point_at_their_total_and_following_sentences_do_not() -> None:
    body = ("各村居法律顾问提供法律服务503件次,其中,法律咨询352件次、法治宣传124场次。"
            "我镇新收一审行政诉讼案件14件,其中已开庭13宗。全年开展法治讲座57次。")
    facts = extract_facts(body)
    by_value = {f.value: n for n, f in enumerate(facts)}
    parts = part_of(facts, body)
    assert parts[by_value[352]] == by_value[503]
    assert parts[by_value[124]] == by_value[503]
    assert parts[by_value[13]] == by_value[14]
    assert parts[by_value[503]] is None and parts[by_value[57]] is None
    assert [f.part_of for f in facts] == parts  # the facts stage sets the field


def test_extracted_facts_carry_their_scope() -> None:
    body = ("全年成功调解案件171宗。自“梁志勇个人调解工作室”建立以来共调处案件19宗,"
            "涉案金额112.8万元。")
    scopes = {f.value: f.scope for f in extract_facts(body)}
    assert scopes[171] == "year"
    assert scopes[19] == scopes[1128000] == "cumulative"


def test_a_success_count_is_part_of_the_count_before_it() -> None:
    # seeds/portal/texts/longgui_2023.txt: 52 of the 58 disputes were settled (89.7%)
    body = "全年排查调处矛盾纠纷58宗,调解成功52宗,调解成功率89.7%。全年成功调解案件171宗。"
    facts = extract_facts(body)
    by_value = {f.value: n for n, f in enumerate(facts)}
    assert facts[by_value[52]].part_of == by_value[58]
    assert facts[by_value[171]].part_of is None


def test_part_of_still_points_at_its_total_when_place_name_numbers_are_dropped() -> None:
    from tasks.extract.report import _outside_place_names
    from tasks.records import ReportMeta

    body = "三元镇提供法律服务503件次,其中法律咨询352件次。"
    facts = extract_facts(body)
    kept = _outside_place_names(facts, body, ReportMeta(town="三元镇"))
    values = [f.value for f in kept]
    assert 3 not in values and len(kept) == len(facts) - 1  # 三 of 三元镇 dropped
    consult = next(f for f in kept if f.value == 352)
    assert kept[consult.part_of].value == 503


def test_a_statement_opening_with_its_marker_continues_the_one_before() -> None:
    body = "全年共办理行政处罚案件20件。其中,适用简易程序15件、普通程序5件。全年开展培训3次。"
    facts = extract_facts(body)
    by_value = {f.value: n for n, f in enumerate(facts)}
    assert facts[by_value[15]].part_of == facts[by_value[5]].part_of == by_value[20]
    assert facts[by_value[3]].part_of is None
