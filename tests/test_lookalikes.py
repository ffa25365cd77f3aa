"""Which list items and pages are law-based-government reports: valid titles today's rules
used to drop, and each class of look-alike turned down with its reason, from real titles
(the page each was read on is noted; titles marked "pattern" are written on real patterns);
the page's own title deciding what the list title could not; look-alikes as rejected pages
that raise no problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.discover.crawl import sort_items
from tasks.discover.platforms import Item
from tasks.load.batch import write_batch
from tasks.load.schema import connect
from tasks.paths import sql_text
from tasks.records import Batch, FetchedDocument, RejectedItem
from tasks.strip.strip import strip
from tasks.text.titles import lookalike_reason, title_verdict


@pytest.mark.parametrize("title", [
    # http://www.tjjh.gov.cn/…/202403/t20240328_6583952.html
    "静海区2023年度法治政府建设情况报告",
    # tests/gold/reports.jsonl 000, 001
    "广州市花都区炭步镇人民政府关于2025年度法治政府建设情况的报告",
    "三乡镇2024年法治政府建设年度报告",
    # no year: the issuer and 关于 say whose it is (pattern)
    "XX镇人民政府关于法治政府建设情况的报告",
    # a year in Chinese numerals (pattern; 二〇二一年 as signatures print it)
    "XX县二〇二一年度法治政府建设情况报告",
    # the older name (pattern)
    "XX县2012年依法行政工作报告",
    # no issuer, a year (pattern)
    "2020年度法治政府建设年度报告",
    # a plan's results reported on are a report (test_fetch_rules)
    "关于2023年法治政府建设工作要点完成情况的报告",
])
def test_valid_report_titles(title):
    assert title_verdict(title) == "report"


@pytest.mark.parametrize(("title", "reason"), [
    # https://www.hongshan.gov.cn/xxgk/zfxxgknb/202401/t20240130_2352314.shtml
    ("洪山区人民政府信息公开工作年度报告(2023年度)", "information_disclosure"),
    # http://61.150.65.235/zfxxgk/zfxxgknb/bmxxgknb/1906985018193408001.html
    ("区统计局2023年政府信息公开工作年度报告", "information_disclosure"),
    # https://so.laobiganer.com/gongwen/195530.html
    ("2025年度镇党委主要负责人履行推进法治建设第一责任人职责情况的报告",
     "first_responsible_duty"),
    # https://laobiganzi.top/274180.html
    ("乡镇镇长2023年述法报告", "first_responsible_duty"),
    # pattern (行政复议/行政应诉 reports sit in the same 法治 columns)
    ("XX区2023年行政复议和行政应诉工作报告", "review_litigation"),
    ("XX县2022年度行政应诉工作情况报告", "review_litigation"),
    # pattern (图解 and 解读 pages of a report)
    ("图解：XX区2022年度法治政府建设年度报告", "interpretation"),
    ("《XX市2023年度法治政府建设情况报告》解读", "interpretation"),
    ("一图读懂XX镇2023年法治政府建设年度报告", "interpretation"),
    # pattern (a press conference on the year's 法治政府建设)
    ("XX市2023年法治政府建设新闻发布会", "press_conference"),
    # https://yongchang.gov.cn/zfxxgk/zc/wj/agwzlfl/jzf/art/2025/art_4ac8ce…57ca.html
    ("金昌市人民政府关于印发《金昌市创建全国法治政府建设示范市实施方案》的通知", "notice"),
    # demo portal (seeds/portal/texts/notice_2025.txt), test_fetch_rules
    ("关于报送2025年度法治政府建设情况报告的通知", "notice"),
    ("关于2022年度法治政府建设考核结果的通报", "notice"),
    ("关于XX镇2023年度法治政府建设情况报告的公示", "notice"),
    # https://ceirp.cn/xwzx/zcdt/2022-06-27/8726.html
    ("成都市法治政府建设实施方案(2021-2025年)", "plan"),
    ("XX区2024年法治政府建设工作要点", "plan"),
    ("XX镇2024年法治政府建设工作计划", "plan"),
])
def test_lookalikes_are_turned_down_with_their_reason(title, reason):
    assert title_verdict(title) == f"not_a_report_{reason}"
    assert lookalike_reason(title) == f"not_a_report_{reason}"


def test_column_names_and_other_links_are_neither():
    for title in ("法治政府建设年度报告", "政府信息公开年度报告", "法治政府建设", "首页",
                  "XX镇2023年政府工作报告"):
        assert title_verdict(title) == "other", title


def test_a_title_cut_short_is_fetched_for_its_page_to_decide():
    items = [Item("http://x.gov.cn/a.html", "XX镇人民政府关于2023年度法治政府建设..."),
             Item("http://x.gov.cn/b.html", "XX区2023年政府信息公开工作年度报告"),
             Item("http://x.gov.cn/c.html", "XX镇2023年法治政府建设年度报告.pdf")]
    urls, rejected = sort_items(items)
    assert urls == ["http://x.gov.cn/a.html", "http://x.gov.cn/c.html"]
    assert rejected == [RejectedItem("http://x.gov.cn/b.html", items[1].title,
                                     "not_a_report_information_disclosure")]


def _page(title: str, body: str) -> FetchedDocument:
    html = (f"<html><head><title>{title}</title></head><body><div class='nav'>首页 政务公开"
            f"</div><h1>{title}</h1><div id='zoom'>{body}</div></body></html>")
    return FetchedDocument(url="http://x.gov.cn/a.html", kind="html", text=html)


BODY = "".join(f"<p>{n}、2023年，全镇深入推进依法行政，严格规范公正文明执法，"
               "法治政府建设取得新成效，全年开展法治宣传活动多场次，接待群众法律咨询多人次。</p>"
               for n in "一二三四五")


def test_the_page_decides_what_a_cut_list_title_could_not():
    assert strip(_page("XX镇人民政府关于2023年度法治政府建设情况的报告", BODY)).status == "ok"
    looked = strip(_page("《XX镇人民政府关于2023年度法治政府建设情况的报告》解读", BODY))
    assert looked.status == "not_a_report_interpretation"


def test_lookalikes_are_rejected_pages_and_no_problem(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    con = connect(warehouse)
    try:
        counts = write_batch(con, Batch("src", rejected=[
            RejectedItem("http://x.gov.cn/b.html", "XX区2023年政府信息公开工作年度报告",
                         "not_a_report_information_disclosure")]), "run1")
        assert counts.rejected == 1
        rows = con.execute("SELECT url, source_id, reason, title FROM rejected_pages").fetchall()
        assert rows == [("http://x.gov.cn/b.html", "src", "not_a_report_information_disclosure",
                         "XX区2023年政府信息公开工作年度报告")]
        assert con.execute("SELECT count(*) FROM v_problems").fetchone() == (0,)
        assert con.execute(sql_text("pipeline/new_alerts.sql")).fetchall() == []
        # a page that is none for another reason is still a problem
        con.execute("INSERT INTO rejected_pages VALUES ('http://x.gov.cn/e.html', 'e', 'src', "
                    "'empty', NULL, now())")
        assert con.execute("SELECT problem FROM v_problems").fetchall() == [("empty",)]
    finally:
        con.close()
