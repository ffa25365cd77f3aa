"""Metadata of real report pages at every level of government (tests/meta_pages/, with the
page each came from), through the pipeline users run: the page's URL goes with it, so the
portal's host serves as evidence as it does in a harvest."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.pipeline import process_document
from tasks.records import FetchedDocument

PAGES = Path(__file__).resolve().parent / "meta_pages"
URLS = {
    "jinghai_county.txt": "http://www.tjjh.gov.cn/jhqzf/zwgk_28985/zfxxgk_qzf1/qzf1/fdzdgknr2/"
                          "qtfdgkxx2/202403/t20240328_6583952.html",
    "xiayang_town.txt": "http://www.xuwen.gov.cn/xxgk/ndfzzfjsbg/content/post_1854461.html",
    "xiangtan_county_dept.txt": "http://www.yqfq.com.cn/8870/8864/content_1408721.html",
    "wuhan_city_dept.txt": "https://sfj.wuhan.gov.cn/zfxxgk/fdzdgknr/qtzdgknr/fzzf/202303/"
                           "t20230331_2179158.shtml",
    "touying_town.txt": "http://yzh.gov.cn/xxgk_13314/zfxxgkml/fzzfjsnb/202304/"
                        "t20230404_4019560.html",
    "quanqiao_town.txt": "https://oospecies.com/2023/02-28/636609.html",
    "qinglong_town.txt": "http://cqfj.gov.cn/xz_168/qlz/zwgk_61274/zfxxgk/fzjsnd/202303/"
                         "t20230306_11715635.html",
}
EXPECTED = {
    "jinghai_county.txt": {
        "title": "静海区2023年度法治政府建设情况报告", "province": "天津市", "city": "天津市",
        "county": "静海区", "town": None, "region_code": "120118", "level": "county",
        "report_year": 2023, "published": "2024-03-28"},
    "xiayang_town.txt": {
        "title": "下洋镇2023年法治政府建设年度报告", "province": "广东省", "city": "湛江市",
        "county": "徐闻县", "town": "下洋镇", "region_code": "440825109", "level": "town",
        "report_year": 2023},
    "xiangtan_county_dept.txt": {
        "title": "湘潭县自然资源局2025年度法治政府建设工作报告", "issuer": "湘潭县自然资源局",
        "province": "湖南省", "city": "湘潭市", "county": "湘潭县", "town": None,
        "region_code": "430321", "level": "county-dept", "report_year": 2025,
        "published": "2025-12-24"},
    "wuhan_city_dept.txt": {
        "title": "武汉市司法局2022年度推进法治政府建设情况报告", "issuer": "武汉市司法局",
        "province": "湖北省", "city": "武汉市", "county": None, "town": None,
        "region_code": "420100", "level": "city-dept", "report_year": 2022},
    # disclosure table flattened with labels and values run together, no colons; the title
    # printed after a "标 题:" label and again
    "touying_town.txt": {
        "title": "原州区头营镇2022年法治政府建设情况报告", "issuer": "原州区头营镇政府",
        "province": "宁夏回族自治区", "city": "固原市", "county": "原州区", "town": "头营镇",
        "region_code": "640402107", "level": "town", "report_year": 2022,
        "published": "2023-03-14"},
    # a mirror: breadcrumb naming the township's government, empty 来源, a share label
    "quanqiao_town.txt": {
        "title": "券桥镇2022年度法治政府建设工作报告", "province": "河南省", "city": "南阳市",
        "county": "方城县", "town": "券桥镇", "region_code": "411322109", "level": "town",
        "report_year": 2022, "published": "2023-02-28"},
    # 青龙镇 is the name of eight townships; the title names its county
    "qinglong_town.txt": {
        "title": "奉节县青龙镇2022年法治政府建设情况报告", "province": "重庆市", "city": "重庆市",
        "county": "奉节县", "town": "青龙镇", "region_code": "500236129", "level": "town",
        "report_year": 2022},
}


BODY_STARTS = {
    "touying_town.txt": "2022年,头营镇法治政府建设工作",
    "quanqiao_town.txt": "今年以来,券桥镇法治建设工作",
    # the title printed twice is one title, not a body line
    "jinghai_county.txt": "2023年,静海区坚持以习近平",
    # the site-name + date line and the salutation are lifted, not body
    "xiangtan_county_dept.txt": "根据中共中央办公厅、国务院办公厅",
}


def meta_of(name: str, url: str | None) -> dict:
    text = (PAGES / name).read_text(encoding="utf-8")
    page, extraction = process_document(FetchedDocument(url=url or f"file://{PAGES / name}",
                                                        kind="text", text=text))
    assert extraction is not None, page.status
    return {**extraction.report.to_dict(), "body": extraction.body}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_metadata(name: str) -> None:
    meta = meta_of(name, URLS[name])
    wrong = {k: (meta[k], v) for k, v in EXPECTED[name].items() if meta[k] != v}
    assert not wrong, f"{name}: (got, expected) {wrong}"
    assert meta["body"].startswith(BODY_STARTS.get(name, "")), meta["body"][:80]


def test_repeated_township_without_the_portal_host_gets_no_code() -> None:
    # 下洋镇 is a township of 徐闻县, of 大埔县 and of 永定区: the text alone names none of them.
    meta = meta_of("xiayang_town.txt", None)
    assert (meta["town"], meta["region_code"], meta["level"]) == ("下洋镇", None, "town")


def test_report_year_is_the_reports_own_and_a_page_title_saying_otherwise_is_flagged() -> None:
    # The 下洋镇 report says 2023 in its own title and opening; a portal that reused a 2022
    # heading for the page (or named the file so) does not change the year it covers.
    from tasks.extract.report import extract
    from tasks.normalize.normalize import normalize_page
    from tasks.strip.strip import strip_text

    page = normalize_page(strip_text((PAGES / "xiayang_town.txt").read_text(encoding="utf-8")))
    page.title = "下洋镇2022年法治政府建设年度报告"
    file_url = "http://www.xuwen.gov.cn/files/2022%E5%B9%B4%E6%8A%A5%E5%91%8A.pdf"  # 2022年报告
    extraction = extract(page, "440825", file_url)
    assert extraction.report.report_year == 2023
    assert extraction.year_conflict == "page title says 2022; file name says 2022"
    page.title = "下洋镇2023年法治政府建设年度报告"
    assert extract(page, "440825").year_conflict is None


@pytest.mark.parametrize("heading", [None, "<h1>徐闻县人民政府网站</h1>",
                                     "<title>徐闻县政务新媒体矩阵</title>"])
def test_site_name_heading_gives_way_to_the_reports_first_lines(heading: str | None) -> None:
    # 定州市政府信息公开平台's article page (bench/templates/real/) has no heading of its own;
    # portals also print their site name or 新媒体矩阵 where the heading goes. The title is the
    # one the report prints in its first lines.
    from bench.portal_pages import fill
    from bench.real_pages import plain_paragraph, real_templates

    template = real_templates()["dingzhou_xxgk"]
    if heading and heading.startswith("<title>"):
        template = template.replace("<title>定州市政府信息公开平台</title>", heading)
    elif heading:
        template = template.replace('<div class="news_date">', heading + '<div class="news_date">')
    lines = [ln.strip() for ln in (PAGES / "xiayang_town.txt").read_text(
        encoding="utf-8").splitlines() if ln.strip()]
    html = fill(template, {"published": "2024-01-10",
                           "body": "\n".join(plain_paragraph(ln) for ln in lines)})
    _, extraction = process_document(FetchedDocument(url=URLS["xiayang_town.txt"], kind="html",
                                                     text=html))
    assert extraction is not None
    assert extraction.report.title == "下洋镇2023年法治政府建设年度报告"
    assert extraction.body.startswith("2023年以来,下洋镇")


def test_heading_printed_twice_over_is_one_title() -> None:
    from tasks.text.titles import title_text

    doubled = "下洋镇2023年法治政府建设年度报告" * 2
    assert title_text(doubled) == "下洋镇2023年法治政府建设年度报告"


def test_ambiguous_township_is_placed_by_the_county_its_text_names_else_left_without_code() -> None:
    # 青龙镇 (eight townships of that name): the report's body names 奉节县 again and again
    # (中共奉节县委全面依法治县委员会, 奉节县人民政府办公室) even when its title does not; a
    # text naming no county leaves the code NULL, never one of the eight guessed.
    from tasks.extract.regions import resolve_region

    body = (PAGES / "qinglong_town.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    placed = resolve_region(["青龙镇2022年法治政府建设情况报告", body])
    assert (placed["county"], placed["region_code"]) == ("奉节县", "500236129")
    alone = resolve_region(["青龙镇2022年法治政府建设情况报告",
                            "2022年,青龙镇坚持以习近平新时代中国特色社会主义思想为指导。"])
    assert (alone["town"], alone["county"], alone["region_code"]) == ("青龙镇", None, None)


@pytest.mark.parametrize(("issuer", "level"), [
    ("四川省自然资源厅", "province-dept"),  # sc.gov.cn 2023 政府信息公开年报's issuer
    ("武汉市司法局", "city-dept"),
    ("湘潭县自然资源局", "county-dept"),
    ("天津市静海区人民政府", "county"),
    ("原州区头营镇政府", "town"),
])
def test_level_of_a_government_or_one_of_its_departments(issuer: str, level: str) -> None:
    from tasks.extract.regions import report_level, resolve_region

    assert report_level(resolve_region([issuer]), issuer) == level


def test_a_zone_management_committee_is_a_government_not_a_department() -> None:
    from tasks.text.titles import is_department

    assert not is_department("广州经济技术开发区管理委员会")
    assert not is_department("中共湘潭县委员会")
    assert is_department("湘潭县自然资源局") and is_department("四川省自然资源厅")


def test_a_body_that_speaks_as_a_township_is_a_townships_report() -> None:
    # www.yingde.gov.cn page of 英德市下太镇's report, body only: 下太镇 is not in the 2023
    # code table, but the report says 我镇/全镇 throughout and never 我市: a township's report
    # in 英德市 (the portal's host), its township's code unknown.
    meta = meta_of("xiatai_town_body.txt",
                   "http://www.yingde.gov.cn/zwgk/zwdt/zjdt/content/post_1656752.html")
    assert (meta["city"], meta["county"], meta["level"], meta["region_code"]) == (
        "清远市", "英德市", "town", None)
