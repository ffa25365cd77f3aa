"""Numeral parsing: Chinese and Arabic numerals, PDF spaces, scales, percentages, qualifiers."""

from __future__ import annotations

import pytest

from tasks.extract.numbers import find_quantities, parse_numeral, parse_quantity
from tasks.text.numerals import NumeralError, parse_chinese


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("两", 2),
        ("二", 2),
        ("十", 10),
        ("十二", 12),
        ("三十", 30),
        ("二十五", 25),
        ("一百零五", 105),
        ("三百", 300),
        ("两千", 2000),
        ("两万", 20000),
        ("两万三千", 23000),
        ("十万", 100000),
        ("一亿二千万", 120000000),
        ("二〇二一", 2021),
        ("三点五", 3.5),
    ],
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    assert float(parse_chinese(numeral)) == pytest.approx(value)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("1,234", 1234),
        ("12,345,678", 12345678),
        ("３０００", 3000),  # full-width digits
        ("４７．４６", 47.46),
        ("47.46", 47.46),
        ("百分之九十五", 95),
        ("百分之百", 100),
        ("百分之12.5", 12.5),
    ],
)
def test_arabic_full_width_and_percent_words(numeral: str, value: float) -> None:
    assert float(parse_numeral(numeral)) == pytest.approx(value)


def test_unreadable_numeral_names_the_text() -> None:
    with pytest.raises(NumeralError, match="七x"):
        parse_chinese("七x")


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "kind", "qualifier"),
    [
        ("召开会议两次", 2, "次", "count", None),
        ("建成服务站一个", 1, "个", "count", None),
        ("惠及群众两万余人", 20000, "人", "count", "余"),
        ("举办讲座三十余场", 30, "场", "count", "余"),
        ("办理案件十二件", 12, "件", "count", None),
        ("派发资料 4500 余份", 4500, "份", "count", "余"),  # PDF spaces around the number
        ("调处纠纷１２３宗", 123, "宗", "count", None),  # full-width digits
        ("接待来访1,520人次", 1520, "人次", "count", None),
        ("全市共有12 345户", 12345, "户", "count", None),  # typeset thousands
        # scaled units: value and unit in the base unit, the printed form kept beside them
        ("罚没款563.28万元", 5632800, "元", "amount", None),
        ("补贴资金三万元", 30000, "元", "amount", None),
        ("执法经费1.5亿元", 150000000, "元", "amount", None),
        ("发放奖励800元", 800, "元", "amount", None),
        ("线上观看2.4万人次", 24000, "人次", "count", None),
        ("合格率100%", 100, "%", "rate", None),
        ("满意率百分之九十八", 98, "%", "rate", None),
        ("参与率已超过65%", 65, "%", "rate", "超过"),
        ("受教育群众超8000人", 8000, "人", "count", "超"),
        ("公开文件近60份", 60, "份", "count", "近"),
        ("约150名干部", 150, "名", "count", "约"),
        ("逾300人次", 300, "人次", "count", "逾"),
        ("不足5件", 5, "件", "count", "不足"),
        ("600多名群众", 600, "名", "count", "多"),
        ("覆盖率95%以上", 95, "%", "rate", "以上"),
        ("得分92分", 92, "分", "other", None),
        ("提高3个百分点", 3, "个百分点", "other", None),
    ],
)
def test_quantity_value_unit_kind_qualifier(
    phrase: str, value: float, unit: str, kind: str, qualifier: str | None
) -> None:
    quantity = parse_quantity(phrase)
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.kind, quantity.qualifier) == (unit, kind, qualifier)


@pytest.mark.parametrize(
    ("phrase", "printed", "value", "unit"),
    [
        # 人民日报 on 司法部's 2023 report (the search tool's pages corpus,
        # http://1.62.100.15/articles.php?J9mF=Y.html): 全国新收行政复议案件31.5万件
        ("全国新收行政复议案件31.5万件", "31.5万件", 315000, "件"),
        ("收缴罚款796.41万元", "796.41万元", 7964100, "元"),
        ("补贴资金三万元", "三万元", 30000, "元"),
        ("派发资料 4500 余份", "4500余份", 4500, "份"),
    ],
)
def test_printed_form_beside_the_base_unit(
    phrase: str, printed: str, value: float, unit: str
) -> None:
    quantity = parse_quantity(phrase)
    assert (quantity.printed, quantity.value, quantity.unit) == (printed, value, unit)


def test_digits_spaced_apart_by_docx_flattening_are_one_number() -> None:
    # DOCX exports flattened to text put a blank between every character; 33 939 (thousands)
    # still groups by three and a year 2024 followed by a spaced month stays apart
    assert [q.value for q in find_quantities("受 理 案 件 2 1 件")] == [21]
    assert [q.value for q in find_quantities("全市共有33 939户")] == [33939]
    assert list(find_quantities("2024 5 月")) == []


def test_span_covers_number_and_unit_not_qualifiers() -> None:
    text = "累计接待咨询近 320 人次以上"
    quantity = parse_quantity(text)
    assert text[quantity.start : quantity.end].replace(" ", "") == "320人次"
    assert text[quantity.match_start : quantity.match_end].replace(" ", "") == "近320人次以上"


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [("每年开展培训3-5次", 3, 5), ("走访企业十至二十家", 10, 20), ("达标率80%~90%", 80, 90)],
)
def test_ranges_keep_both_bounds(phrase: str, low: float, high: float) -> None:
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.value_max) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "2021 年以来",  # a year, spaced as in PDF text
        "截至12月31日",  # a date
        "截至 11 月底",
        "认真学习四条例",  # 条例 is a word, not 四条 + 例
        "三分之一的村",  # a fraction, not 三分 (score)
        "联系电话:020-12345",
    ],
)
def test_numbers_without_a_unit_are_not_quantities(text: str) -> None:
    assert list(find_quantities(text)) == []


def test_bare_hundreds_need_a_qualifier() -> None:
    assert [q.value for q in find_quantities("走进千家万户,百余人参加")] == [100]
