"""The written rules that turn a report's facts into one value per indicator
(tasks/load/indicator_values.py), each on the phrasing it was written for."""

from __future__ import annotations

from pathlib import Path

from tasks.extract.facts import extract_facts
from tasks.load.indicator_values import indicator_values
from tasks.records import Fact


def _values(body: str) -> dict[str, tuple]:
    facts = extract_facts(body)
    return {v.indicator: (v.value, v.unit, v.how, v.fact_nos, v.n_candidates, v.note)
            for v in indicator_values(facts, body)}


def test_one_statements_items_are_added_and_restatements_count_once() -> None:
    body = ("全年共召开镇党委会议25次,镇长办公会12次。"
            "司法所列席镇长办公会12次为镇政府提供法律意见。"
            "全年共有行政诉讼案件一审73宗,二审44宗,再审1宗。")
    values = _values(body)
    assert values["meetings"][:3] == (37, "次", "sum_of_parts")
    assert len(values["meetings"][3]) == 3  # the restatement is listed behind the value
    assert values["admin_litigation_cases"][:3] == (118, "件", "sum_of_parts")


def test_two_equal_items_of_one_list_are_two_items() -> None:
    body = "全年共有行政诉讼案件一审1宗,二审1宗。"
    assert _values(body)["admin_litigation_cases"][:3] == (2, "件", "sum_of_parts")


def test_parts_are_not_added_to_their_total() -> None:
    body = "全年排查调处矛盾纠纷58宗,调解成功52宗,调解成功率89.7%。"
    value, _, how, fact_nos, _, note = _values(body)["disputes_mediated"]
    assert (value, how, fact_nos) == (58, "single", [0]) and "1 part of 0" in note


def test_units_outside_the_family_and_other_years_are_left_out() -> None:
    body = ("全年共接收群众来访来电来信192宗、320人次。全年成功调解案件171宗,涉案金额796.41万元。"
            "自“梁志勇个人调解工作室”建立以来共调处案件19宗,涉案金额112.8万元。")
    values = _values(body)
    assert values["petitions"][:3] == (192, "件", "single")
    assert "unit 人次" in values["petitions"][5]
    assert values["disputes_mediated"][0] == 171 and "cumulative" in values["disputes_mediated"][5]
    assert values["disputed_amount"][:2] == (7964100, "元")


def test_of_different_statements_the_largest_count_and_the_first_rate_are_chosen() -> None:
    body = ("镇公共法律服务站接待群众法律咨询641宗(次);各村居法律顾问提供法律服务503件次,"
            "其中,法律咨询352件次。")
    value, _, how, _, n_candidates, note = _values(body)["legal_consultations"]
    assert (value, how, n_candidates) == (641, "chosen_of_n", 2) and "352" in note
    rates = [Fact("出庭应诉率", 80, "%", "rate", None, "", 0, 3,
                  indicator="head_court_appearance_rate"),
             Fact("出庭应诉率", 100, "%", "rate", None, "", 4, 7,
                  indicator="head_court_appearance_rate")]
    (rate,) = indicator_values(rates, "80%,100%")  # one statement: rates are never added
    assert (rate.value, rate.how, rate.n_candidates) == (80, "chosen_of_n", 2)


def test_plans_and_unknown_indicators_give_no_value() -> None:
    facts = [Fact("法律咨询", 900, "宗", "count", None, "", 0, 3, indicator="legal_consultations",
                  section="plans"),
             Fact("某事", 5, "件", "count", None, "", 4, 6, indicator="no_such_indicator")]
    assert indicator_values(facts, "900宗;5件") == []


def test_a_warehouse_loaded_before_indicator_values_is_filled_on_first_open(
        tmp_path: Path) -> None:
    from analyst_warehouse import build_analyst_warehouse

    from tasks.load import schema

    path = tmp_path / "w.duckdb"
    con = build_analyst_warehouse(path)
    loaded = con.execute("SELECT * FROM indicator_values ORDER BY ALL").fetchall()
    assert loaded
    # as a warehouse written before the table existed: no value rows, no scope/part_of
    con.execute("DELETE FROM indicator_values")
    con.execute("UPDATE facts SET scope = NULL, part_of = NULL")
    con.close()
    schema._SCHEMA_APPLIED.discard(path.resolve())
    con = schema.connect(path)
    assert con.execute("SELECT * FROM indicator_values ORDER BY ALL").fetchall() == loaded
    con.close()
    schema._SCHEMA_APPLIED.discard(path.resolve())
    con = schema.connect(path)  # once: a second open adds nothing
    assert con.execute("SELECT count(*) FROM indicator_values").fetchone()[0] == len(loaded)


def test_a_printed_total_of_a_list_is_not_added_to_its_items() -> None:
    body = "全年共有行政诉讼案件一审73宗,二审44宗,行政诉讼案件共计117宗。"
    facts = [Fact(subject, value, "宗", "count", None, "", start, start + 3,
                  indicator="admin_litigation_cases")
             for subject, value, start in (("一审", 73, 10), ("二审", 44, 16),
                                           ("行政诉讼案件", 117, 30))]
    (value,) = indicator_values(facts, body)
    assert (value.value, value.how, value.fact_nos, value.n_candidates) == (
        117, "sum_of_parts", [0, 1, 2], 2)
