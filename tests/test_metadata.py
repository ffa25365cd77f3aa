"""Report metadata: every field of the gold reports through the real pipeline, and each rule
on phrasings of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tasks.extract.metadata import extract_metadata
from tasks.normalize.normalize import normalize_page
from tasks.records import NormalizedPage
from tasks.strip.strip import strip_text
from tasks.text.dates import parse_date
from tasks.text.titles import is_title

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_REPORTS = [json.loads(line) for line in (GOLD_DIR / "reports.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]
META_FIELDS = ("title", "issuer", "province", "city", "county", "town", "region_code",
               "report_year", "published", "script")

OPENING = "2023年,全镇坚持以习近平法治思想为指导,法治政府建设取得新成效。"


def page(title: str | None, body: str, **fields: str) -> NormalizedPage:
    return NormalizedPage(title=title, body=body, original_body=body, script="simplified",
                          fields=fields)


@pytest.mark.parametrize("gold", GOLD_REPORTS, ids=[g["doc"][:3] for g in GOLD_REPORTS])
def test_gold_report_metadata(gold: dict) -> None:
    raw = (GOLD_DIR / "corpus" / gold["doc"]).read_text(encoding="utf-8")
    meta = extract_metadata(normalize_page(strip_text(raw))).to_dict()
    wrong = {f: (meta[f], gold[f]) for f in META_FIELDS if meta[f] != gold[f]}
    assert not wrong, f"{gold['doc']}: (got, gold) {wrong}"


# --- title ----------------------------------------------------------------------------------

def test_title_loses_pdf_spaces() -> None:
    meta = extract_metadata(page("城关镇 2022 年法治政府建设 年度报告", OPENING))
    assert meta.title == "城关镇2022年法治政府建设年度报告"


def test_issuer_line_given_as_title_is_replaced_by_the_title_line_below_it() -> None:
    body = "关于2022年度法治政府建设情况的报告\n" + OPENING
    meta = extract_metadata(page("某某县城关镇人民政府", body))
    assert meta.title == "关于2022年度法治政府建设情况的报告"
    assert meta.issuer == "某某县城关镇人民政府"


def test_title_broken_over_two_lines_is_joined() -> None:
    body = "某某县城关镇人民政府\n城关镇2022年法治政府建设\n年度报告\n" + OPENING
    assert extract_metadata(page(None, body)).title == "城关镇2022年法治政府建设年度报告"


def test_column_name_yields_to_the_report_title_naming_the_year() -> None:
    body = ("您现在的位置:首页>法治政府建设>法治政府建设报告\n"
            "某某县2022年法治政府建设年度报告\n" + OPENING)
    meta = extract_metadata(page("法治政府建设报告", body))
    assert meta.title == "某某县2022年法治政府建设年度报告"


def test_title_shapes() -> None:
    assert is_title("关于2023年度依法行政工作情况的报告")
    assert is_title("某某街道2021年法治建设工作总结")
    assert not is_title("您当前的位置:首页>法治政府建设报告")
    assert not is_title("2023年,全镇法治政府建设取得新成效。")
    assert not is_title("一、2023年法治政府建设工作情况")  # a section heading
    assert not is_title("(一)法治政府建设推进情况")
    # one rule for strip and extract: a 普法 work summary is a title to both (they disagreed)
    assert is_title("某镇2023年普法工作总结")
    strip_title = strip_text("某镇2023年普法工作总结\n" + OPENING * 3).title
    assert strip_title == "某镇2023年普法工作总结"
    assert extract_metadata(page(None, "某镇2023年普法工作总结\n" + OPENING)).title == strip_title


def test_issuer_roles_are_suffixes_of_the_one_issuer_list() -> None:
    from tasks.text.patterns import DEPARTMENT_SUFFIXES, GOVERNMENT_SUFFIXES, ISSUER_SUFFIXES

    assert set(GOVERNMENT_SUFFIXES) | set(DEPARTMENT_SUFFIXES) <= set(ISSUER_SUFFIXES)


# --- issuer ---------------------------------------------------------------------------------

def test_issuer_printed_at_the_start_of_the_title() -> None:
    meta = extract_metadata(page("某某县司法局2023年法治政府建设年度报告", OPENING))
    assert meta.issuer == "某某县司法局"


def test_government_header_line_preferred_over_party_committee() -> None:
    fields = {"header_issuers": "中共某某县城关镇委员会|某某县城关镇人民政府"}
    meta = extract_metadata(page("关于2023年度法治政府建设情况的报告", OPENING, **fields))
    assert meta.issuer == "某某县城关镇人民政府"


def test_joint_issuer_in_the_title_keeps_the_government() -> None:
    title = "中共城关镇委员会城关镇人民政府关于2023年度法治政府建设情况的报告"
    meta = extract_metadata(page(title, OPENING))
    assert (meta.title, meta.issuer) == (title, "城关镇人民政府")


def test_party_committee_is_the_issuer_only_when_nothing_else_is_printed() -> None:
    fields = {"header_issuers": "中共某某县城关镇委员会"}
    meta = extract_metadata(page("关于2023年度法治建设情况的报告", OPENING, **fields))
    assert meta.issuer == "中共某某县城关镇委员会"


def test_fullest_name_of_the_same_body_wins() -> None:
    meta = extract_metadata(page("城关镇人民政府2023年法治政府建设年度报告", OPENING,
                                 source="某某县城关镇人民政府"))
    assert meta.issuer == "某某县城关镇人民政府"


def test_source_field_is_the_issuer_unless_it_is_a_website() -> None:
    title = "城关镇2023年法治政府建设年度报告"
    given = extract_metadata(page(title, OPENING, source="城关镇人民政府"))
    assert given.issuer == "城关镇人民政府"
    assert extract_metadata(page(title, OPENING, source="某某县人民政府网")).issuer is None


def test_signature_line_at_the_end_of_the_body_names_the_issuer() -> None:
    body = OPENING + "\n某某县城关镇人民政府\n2023年12月20日"
    meta = extract_metadata(page("城关镇2023年法治政府建设年度报告", body))
    assert (meta.issuer, meta.published) == ("某某县城关镇人民政府", "2023-12-20")


def test_signature_glued_onto_one_line_still_gives_issuer_and_date() -> None:
    body = OPENING + "\n某某县城关镇人民政府二〇二三年十二月二十日"
    meta = extract_metadata(page("城关镇2023年法治政府建设年度报告", body))
    assert (meta.issuer, meta.published) == ("某某县城关镇人民政府", "2023-12-20")


# --- dates ----------------------------------------------------------------------------------

def test_date_formats() -> None:
    assert parse_date("2025-01-27 09:30:00") == "2025-01-27"
    assert parse_date("2021年12月5日") == "2021-12-05"
    assert parse_date("二〇二一年十二月十五日") == "2021-12-15"
    assert parse_date("二〇二四年一月三十一日") == "2024-01-31"
    assert parse_date("2021年13月5日") is None


def test_published_prefers_the_page_date_over_the_signature() -> None:
    body = OPENING + "\n某某县城关镇人民政府\n2023年12月20日"
    meta = extract_metadata(page("城关镇2023年法治政府建设年度报告", body,
                                 published="2024-01-05"))
    assert meta.published == "2024-01-05"


def test_published_from_signed_date_field_and_none_when_nothing_is_dated() -> None:
    title = "城关镇2023年法治政府建设年度报告"
    signed = extract_metadata(page(title, OPENING, signed_date="二〇二四年一月八日"))
    assert signed.published == "2024-01-08"
    assert extract_metadata(page(title, OPENING)).published is None


# --- year covered ---------------------------------------------------------------------------

def test_report_year_from_title_including_chinese_numerals() -> None:
    # Titles printed in the report itself (strip's report_title): the report's own words.
    def own(title: str) -> NormalizedPage:
        return page(title, OPENING, report_title=title)

    arabic = extract_metadata(own("关于2022年度法治政府建设情况的报告"))
    chinese = extract_metadata(own("城关镇二〇二一年法治政府建设年度报告"))
    bracketed = extract_metadata(own("城关镇法治政府建设年度报告(2023年)"))
    assert (arabic.report_year, chinese.report_year, bracketed.report_year) == (2022, 2021, 2023)


def test_a_page_heading_naming_another_year_loses_to_the_report_opening() -> None:
    # A heading the portal gave the page (not printed in the report) says 2022, the report's
    # opening 2023: the report covers 2023.
    assert extract_metadata(page("关于2022年度法治政府建设情况的报告", OPENING)).report_year == 2023


def test_report_year_from_the_opening_skips_years_inside_plan_names() -> None:
    body = ("在县委的领导下,全面落实《法治政府建设实施纲要(2021-2025年)》,"
            "2023年全镇法治建设取得新成效。")
    assert extract_metadata(page("城关镇法治政府建设情况的报告", body)).report_year == 2023


def test_report_year_from_last_year_only_with_a_publication_date() -> None:
    body = "去年以来,全镇坚持以习近平法治思想为指导,法治政府建设取得新成效。"
    title = "城关镇法治政府建设情况的报告"
    assert extract_metadata(page(title, body, published="2024-02-01")).report_year == 2023
    assert extract_metadata(page(title, body)).report_year is None


# --- place and script -----------------------------------------------------------------------

def test_place_comes_from_the_issuer_when_the_title_names_none() -> None:
    fields = {"header_issuers": "武江区西河镇人民政府"}
    meta = extract_metadata(page("关于2023年度法治政府建设情况的报告", OPENING, **fields))
    assert (meta.county, meta.town, meta.region_code) == ("武江区", "西河镇", "440203101")


def test_region_hint_settles_an_ambiguous_township() -> None:
    title = "西河镇2023年法治政府建设年度报告"
    assert extract_metadata(page(title, OPENING)).region_code is None
    assert extract_metadata(page(title, OPENING), region_hint="441422").region_code == "441422118"


def test_script_is_passed_through() -> None:
    traditional = NormalizedPage(title="城关镇2023年法治政府建设年度报告", body=OPENING,
                                 original_body=OPENING, script="traditional")
    assert extract_metadata(traditional).script == "traditional"


def test_department_naming_no_place_is_a_county_department() -> None:
    # tests/gold 026 (sqsc.gov.cn): a 分局's report that names no place.
    body = ("2024年,我局认真贯彻落实市局党组和区委、区政府法治建设部署要求,全面推进自然资源领域"
            "法治建设。")
    meta = extract_metadata(page(None, body))
    assert (meta.region_code, meta.level) == (None, "county-dept")
    assert extract_metadata(page(None, OPENING)).level is None
