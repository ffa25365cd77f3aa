"""Flattened pages (copied text, mirrors, PDF exports of a web page): the disclosure table,
breadcrumb and share bar arrive as plain lines, in any order, labels and values split across
lines or run together. Their chrome is from the real templates of bench/templates/real/ (the
gov.cn disclosure table, 密云's 当前位置 breadcrumb, 金湖's Baidu share bar) and from real
pages (baiyinqu.gov.cn, yongchang.gov.cn, urls in tests/meta_pages/README.md and below); the
report lines are tests/meta_pages/xiayang_town.txt's (www.xuwen.gov.cn)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.strip.strip import strip_text

REPORT_PATH = Path(__file__).resolve().parent / "meta_pages" / "xiayang_town.txt"
REPORT = [ln.strip() for ln in REPORT_PATH.read_text(encoding="utf-8").splitlines() if ln.strip()]
TITLE, BODY = REPORT[0], REPORT[1:]

# gov.cn 政策 page (ZhouYNF/platform-1 saved html): the table's rows as a copy prints them.
GOVCN_SPLIT = ["索 引 号：", "000014349/2019-00007", "主题分类：", "市场监管、安全生产监管\\工商",
               "发文机关：", "国务院", "成文日期：", "2019年01月27日", "发文字号：",
               "国发〔2019〕5号", "发布日期：", "2019年02月15日", "主 题 词：", ""]
GOVCN_RUN_TOGETHER = ["索引号000014349/2019-00007主题分类市场监管、安全生产监管\\工商",
                      "发文机关国务院成文日期2019年01月27日",
                      "发文字号国发〔2019〕5号发布日期2019年02月15日"]
GOVCN_REORDERED = ["发布日期：2019年02月15日  发文机关：国务院", "成文日期", "2019年01月27日",
                   "索引号", "000014349/2019-00007"]
# 密云水库综合信息门户 my-content.ftl breadcrumb, one item a line.
BREADCRUMB = ["当前位置", "首页", ">>", "政务公开", ">>", "法治建设"]
# 金湖 jh-rdzt-zsyz-content.ftl: Baidu share bar (bds_qzone/tsina/tqq/renren/weixin) as text.
SHARE = ["分享到：", "QQ空间", "新浪微博", "腾讯微博", "人人网", "微信"]


def stripped(*blocks: list[str], after: list[str] = ()):  # noqa: ANN201
    lines = [line for block in blocks for line in block] + [TITLE] + list(after) + BODY
    return strip_text("\n".join(lines))


@pytest.mark.parametrize("table", [GOVCN_SPLIT, GOVCN_RUN_TOGETHER, GOVCN_REORDERED],
                         ids=["split", "run-together", "reordered"])
@pytest.mark.parametrize("where", ["above", "below"])
def test_disclosure_table_is_lifted_and_kept_out_of_the_body(table: list[str],
                                                             where: str) -> None:
    page = stripped(table) if where == "above" else stripped(after=table)
    assert page.title == TITLE
    assert page.body.split("\n")[0] == BODY[0]
    assert page.fields["index_no"] == "000014349/2019-00007"
    assert page.fields["issuing_body"] == "国务院"
    assert page.fields["doc_date"] == "2019-01-27"
    assert page.fields["published"] == "2019-02-15"


def test_breadcrumb_one_item_a_line_is_lifted() -> None:
    page = stripped(BREADCRUMB)
    assert page.fields["breadcrumbs"] == "首页>政务公开>法治建设"
    assert page.body.split("\n")[0] == BODY[0]


def test_share_bar_one_button_a_line_is_chrome() -> None:
    page = stripped(after=SHARE)
    assert page.body.split("\n")[0] == BODY[0]
    tail = stripped()
    with_share_at_end = strip_text("\n".join([TITLE, *BODY, *SHARE]))
    assert with_share_at_end.body == tail.body


def test_table_copied_with_its_cell_borders() -> None:
    # baiyinqu.gov.cn (tests/meta_pages/README.md): labels and values between "|" borders,
    # rows of pipes, the 信息来源/发布时间 lines under a title line strip does not take for a
    # 法治 report's.
    page = strip_text((REPORT_PATH.parent / "baiyin_table_cells.txt").read_text(encoding="utf-8"))
    assert page.fields["index_no"] == "234234234444444444/2024-00001"
    assert page.fields["doc_date"] == "2024-01-05"
    assert page.fields["source"] == "白银区人民路街道办事处"
    assert page.fields["published"] == "2024-01-05"
    lines = page.body.split("\n")
    assert lines[1].startswith("根据《中华人民共和国政府信息公开条例》要求")
    assert not any(set(ln) <= set("| ") or ln.startswith(("信息来源", "发布时间", "浏览次数"))
                   for ln in lines)


def test_table_copied_as_cells_without_colons() -> None:
    # https://yongchang.gov.cn/zfxxgk/zc/wj/agwzlfl/jzf/art/2025/
    # art_4ac8ce0009be4a7a991a7121d36457ca.html (its chrome; the notice is no 法治 report): labels
    # and values in "|" cells, no colons, an empty 制发机构 and 有效性.
    rows = ["索 引 号 | 11620300013909010R/2025-48086 | 主题分类 | 金政发 |",
            "发文字号 | 金政发〔2025〕33号 | 制发机构 | |", "有效性 | |||",
            "成文日期 | 2025-06-13 | 发布日期 | 2025-06-30 |"]
    page = stripped(rows)
    assert page.fields["index_no"] == "11620300013909010R/2025-48086"
    assert page.fields["doc_no"] == "金政发〔2025〕33号"
    assert (page.fields["doc_date"], page.fields["published"]) == ("2025-06-13", "2025-06-30")
    assert page.title == TITLE and page.body.split("\n")[0] == BODY[0]
