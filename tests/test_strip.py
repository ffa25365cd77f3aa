"""Strip: chrome removed and metadata lifted, on the gold corpus, portal templates and own pages."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS_DIR, GOLD_DIR

from bench.portal_pages import build_pages
from tasks.normalize.normalize import normalize_page
from tasks.records import Attachment, Batch, FetchedDocument
from tasks.strip.strip import strip, strip_batch, strip_html, strip_text

# Chrome named in issue #4; none of it may survive into a body.
CHROME_MARKERS = [
    "无障碍", "长者助手", "登录", "您当前的位置", "您现在的位置", "当前位置", "浏览字号",
    "索引号", "发布机构", "组配分类", "成文日期", "公开方式", "浏览次数", "浏览量", "阅读次数",
    "星期", "分享", "打印", "关闭", "版权所有", "版权归", "ICP备", "公网安备", "网站标识码",
    "联系电话", "地址:", "发布日期", "信息来源", "相关链接", "上一篇", "网站地图",
]

GOLD = {
    row["doc"]: row
    for row in map(json.loads, (GOLD_DIR / "reports.jsonl").read_text().splitlines())
}
FACTS = [json.loads(line) for line in (GOLD_DIR / "facts.jsonl").read_text().splitlines()]


def _normalized(doc: str):
    return normalize_page(strip_text((CORPUS_DIR / doc).read_text(encoding="utf-8")))


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_corpus_body_has_no_chrome(doc):
    body = _normalized(doc).body
    assert [m for m in CHROME_MARKERS if m in body] == []


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_corpus_body_bounds_and_title(doc):
    page = _normalized(doc)
    gold = GOLD[doc]
    assert page.status == "ok"
    assert page.body.startswith(gold["body_starts_with"])
    assert page.body.endswith(gold["body_ends_with"])
    assert page.title == gold["title"]
    assert page.script == gold["script"]


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_corpus_fact_quotes_survive(doc):
    body = _normalized(doc).body.replace(" ", "")
    quotes = [f["quote"].replace(" ", "") for f in FACTS if f["doc"] == doc]
    assert quotes and [q for q in quotes if q not in body] == []


def test_corpus_metadata_lifted_from_chrome():
    sanxiang = _normalized("001_d37acb428d33b8ca.txt")
    assert sanxiang.fields["published"] == GOLD["001_d37acb428d33b8ca.txt"]["published"]
    assert sanxiang.fields["source"] == GOLD["001_d37acb428d33b8ca.txt"]["issuer"]
    hengli = _normalized("002_f6b00f73915ca3a4.txt")
    assert hengli.fields["published"] == GOLD["002_f6b00f73915ca3a4.txt"]["published"]


def test_corpus_header_issuers_salutation_and_signature():
    dajin = _normalized("003_d150b2aa907695eb.txt")
    issuers = dajin.fields["header_issuers"].split("|")
    assert issuers[-1] == GOLD["003_d150b2aa907695eb.txt"]["issuer"]
    assert dajin.fields["addressee"] == "区委、区政府:"
    assert "区委、区政府:" not in dajin.body
    xihe = _normalized("004_eb2c8e18b1cdbd47.txt")
    gold = GOLD["004_eb2c8e18b1cdbd47.txt"]
    assert xihe.fields["signed_by"] == gold["issuer"]
    assert xihe.fields["signed_date"] == gold["published"]
    assert xihe.fields["header_issuers"] == gold["issuer"]
    assert gold["issuer"] not in xihe.body


# --- rules on phrasings of our own -------------------------------------------------------

REPORT_SENTENCE = "2023年,我局全面推进依法行政,共办理行政复议案件12件,全部依法审结。" * 3


def test_text_two_line_title_stale_date_and_disclosure_rows():
    text = "\n".join([
        "2019年12月3日星期二",
        "首页 > 信息公开 > 法治政府建设",
        "索引号:11441900007/2024-00031  发布机构:东莞市司法局",
        "成文日期:2024年3月5日  公开方式:主动公开",
        "东莞市司法局2023年",
        "法治政府建设年度报告",
        "发布时间:2024-03-06 来源:本网 浏览次数:88 【打印】【关闭】",
        REPORT_SENTENCE,
        "扫一扫在手机打开当前页",
        "版权所有:东莞市司法局 粤ICP备12345678号",
    ])
    page = strip_text(text)
    assert page.title == "东莞市司法局2023年法治政府建设年度报告"
    assert page.body == REPORT_SENTENCE
    assert page.fields["index_no"] == "11441900007/2024-00031"
    assert page.fields["issuing_body"] == "东莞市司法局"
    assert page.fields["doc_date"] == "2024-03-05"
    assert page.fields["published"] == "2024-03-06"
    assert page.fields["source"] == "本网"


def test_text_traditional_chrome_is_recognised():
    text = "\n".join([
        "無障礙瀏覽 | 長者模式 | 登錄",
        "您當前的位置:首頁 > 政務公開",
        "某區2023年法治政府建設年度報告",
        "發佈日期:2024-01-15 信息來源:某區司法局 瀏覽次數:12",
        "2023年,我區堅持依法行政,全年辦理行政復議案件15件,推進法治政府建設。" * 3,
        "版權所有:某區人民政府 聯繫電話:020-1234567",
    ])
    page = strip_text(text)
    assert page.fields["published"] == "2024-01-15"
    assert page.fields["source"] == "某区司法局"  # field values are given in simplified
    assert page.body.startswith("2023年,我區") and page.body.endswith("建設。")


def test_text_joint_signature_with_chinese_numeral_date():
    text = "\n".join([
        "某镇2021年法治政府建设工作总结",
        "市委、市政府:",
        REPORT_SENTENCE,
        "中共某县某镇委员会",
        "某县某镇人民政府",
        "二〇二一年十二月十五日",
        "- 3 -",
    ])
    page = strip_text(text)
    assert page.fields["addressee"] == "市委、市政府:"
    assert page.fields["signed_by"] == "中共某县某镇委员会|某县某镇人民政府"
    assert page.fields["signed_date"] == "2021-12-15"
    assert page.body == REPORT_SENTENCE


def test_text_official_document_layout():
    text = "\n".join([
        "某县人民政府文件",
        "某府〔2022〕5号",
        "某县人民政府",
        "关于2021年度法治政府建设",
        "情况的报告",
        "市委、市政府：",
        REPORT_SENTENCE,
        "- 1 -",
        REPORT_SENTENCE,
        "某县人民政府",
        "2022年1月20日",
    ])
    page = strip_text(text)
    assert page.title == "关于2021年度法治政府建设情况的报告"
    assert page.fields["doc_no"] == "某府〔2022〕5号"
    assert page.fields["header_issuers"] == "某县人民政府"
    assert page.fields["addressee"] == "市委、市政府："
    assert page.fields["signed_date"] == "2022-01-20"
    assert normalize_page(page).body == REPORT_SENTENCE + "\n" + REPORT_SENTENCE


def test_text_signature_after_page_number_and_before_publication_note():
    text = "\n".join([
        "某区司法局2022年法治政府建设年度报告",
        REPORT_SENTENCE,
        "— 4 —",
        "某区司法局",
        "2023年1月6日",
        "(此件公开发布)",
    ])
    page = strip_text(text)
    assert page.body == REPORT_SENTENCE
    assert (page.fields["signed_by"], page.fields["signed_date"]) == ("某区司法局", "2023-01-06")


def test_text_title_is_looked_for_above_the_body_only():
    text = "\n".join([REPORT_SENTENCE, "附件:某镇2022年法治政府建设年度报告", REPORT_SENTENCE])
    page = strip_text(text)
    assert page.title is None
    assert page.body.split("\n")[0] == REPORT_SENTENCE
    assert len(page.body.split("\n")) == 3


def test_text_sentence_mentioning_chrome_words_is_kept():
    sentence = "设立公共法律服务热线,在村务公开栏公布联系电话和地址,方便群众咨询。"
    page = strip_text("某镇2022年法治政府建设年度报告\n" + REPORT_SENTENCE + "\n" + sentence)
    assert page.body.endswith(sentence)


@pytest.mark.parametrize(
    "text, status",
    [
        ("无障碍 | 长者助手 | 登录\n首页 > 政务公开\n版权所有:某市人民政府\nICP备案号:粤ICP备1号",
         "empty"),
        ("首页 | 政务公开\n404\n抱歉,您访问的页面不存在或已删除!\n版权所有:某区人民政府",
         "not_found"),
        ("首页 | 政务公开\n本栏目正在建设中,敬请期待!\n版权所有:某县人民政府",
         "under_construction"),
        ("", "empty"),
    ],
)
def test_text_pages_without_report_get_a_status(text, status):
    assert strip_text(text).status == status


# --- HTML --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", build_pages(), ids=lambda p: f"{p.template}:{p.doc[:3]}")
def test_html_portal_templates(page):
    stripped = normalize_page(strip_html(page.html))
    assert stripped.body == page.true_body
    assert stripped.title == page.title
    assert stripped.fields["published"] == page.published


@pytest.mark.parametrize("template", ["gov_trs_disclosure.html", "article_all_in_one.html"])
def test_html_disclosure_table_fields(template):
    for page in [p for p in build_pages() if p.template == template]:
        fields = strip_html(page.html).fields
        issuer = GOLD[page.doc]["issuer"]
        assert fields["issuing_body"] == issuer
        assert fields["doc_date"] == page.published
        assert fields["index_no"].endswith(("/2025-00017", "/2025-01234"))
        assert "doc_no" not in fields  # "文号: 无" / an empty 文号 cell is no number


ARTICLE_PAGE = """<html><head><title>城关镇2022年法治政府建设年度报告_某县人民政府网</title></head>
<body><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/bs">办事</a></div>
<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<table class="xxgk">
<tr><td>索引号:</td><td>001/2023-0042</td><td>发布机构:</td><td>城关镇人民政府</td></tr>
<tr><td>成文日期:</td><td>2023-01-10</td><td>公开方式:</td><td>主动公开</td></tr></table>
<div class="info">发布日期:2023-01-12 来源:城关镇人民政府 浏览次数:<span>31</span></div>
<div class="content">
<p>  2022年,城关镇坚持依法行政,全年办理行政复议案件3件,依法化解矛盾纠纷。</p>
<p>一、主要工作</p><p>全年开展普法宣传活动24场次,受益群众5000余人,法治意识明显提升。</p></div>
<ul class="related"><li><a href="/1">城关镇召开依法治镇工作会议</a></li>
<li><a href="/2">城关镇开展宪法宣传周活动</a></li></ul>
<div class="footer">版权所有:某县人民政府 网站标识码:1234567890 ICP备案号:豫ICP备000001号</div>
</body></html>"""


def test_html_title_falls_back_to_page_title_without_site_suffix():
    page = strip_html(ARTICLE_PAGE)
    assert page.title == "城关镇2022年法治政府建设年度报告"
    assert page.body.split("\n") == [
        "2022年,城关镇坚持依法行政,全年办理行政复议案件3件,依法化解矛盾纠纷。",
        "一、主要工作",
        "全年开展普法宣传活动24场次,受益群众5000余人,法治意识明显提升。",
    ]
    assert page.fields["index_no"] == "001/2023-0042"
    assert page.fields["issuing_body"] == "城关镇人民政府"
    assert page.fields["doc_date"] == "2023-01-10"
    assert page.fields["published"] == "2023-01-12"


SIDE_COLUMN_PAGE = """<?xml version="1.0" encoding="utf-8"?>
<html><head><title>某区政府网</title></head><body>
<div class="side"><h3>最新公开</h3>
<div class="item"><a href="/1">关于开展扫黑除恶宣传的通知</a> 发布日期:2020-03-01</div>
<div class="item"><a href="/2">某区2019年政府信息公开年报</a> 发布日期:2020-01-20</div></div>
<div class="main"><div class="title">某区2019年法治政府建设情况报告</div>
<div class="info">发布日期:2020-02-14 来源:某区司法局</div>
<div id="zoom"><p>2019年,我区深入推进依法行政,全年审查规范性文件31件,办理行政复议案件48件。</p>
<p>全年开展法治宣传活动120余场次,发放宣传资料2万余份,群众法治意识进一步增强。</p></div></div>
</body></html>"""


def test_html_date_line_nearest_the_title_wins_over_side_lists():
    page = strip_html(SIDE_COLUMN_PAGE)
    assert page.title == "某区2019年法治政府建设情况报告"
    assert page.fields["published"] == "2020-02-14"
    assert page.fields["source"] == "某区司法局"
    assert page.body.startswith("2019年,我区") and page.body.endswith("进一步增强。")


@pytest.mark.parametrize(
    "html, status",
    [
        ("<html><head><title>某市人民政府</title></head><body><div class='nav'>"
         "<a href='/'>首页</a><a href='/a'>政务公开</a></div>"
         "<div class='footer'>版权所有:某市人民政府</div></body></html>", "empty"),
        ("<html><head><title>404 Not Found</title></head><body><h1>404</h1>"
         "<p>抱歉,您访问的页面不存在!</p><a href='/'>返回首页</a></body></html>", "not_found"),
        ("<html><head><title>某镇人民政府</title></head><body><div class='main'>"
         "<p>网站正在建设中,敬请期待。</p></div></body></html>", "under_construction"),
        ("<html><head><title>錯誤頁面</title></head><body><div class='nav'>首頁 | 政務公開</div>"
         "<p>對不起,您訪問的頁面不存在或已刪除。</p></body></html>", "not_found"),
        ("", "empty"),
    ],
)
def test_html_pages_without_report_get_a_status(html, status):
    assert strip_html(html).status == status


def test_attachment_text_keeps_article_page_title_and_date():
    attachment = "某镇人民政府\n\n某镇2022年法治政府建设年度报告\n\n" + REPORT_SENTENCE
    doc = FetchedDocument(url="http://example.gov.cn/a.html", kind="text", text=attachment,
                          attachment=Attachment("http://example.gov.cn/a.pdf", ARTICLE_PAGE))
    page = strip(doc)
    assert page.body == REPORT_SENTENCE
    assert page.title == "城关镇2022年法治政府建设年度报告"
    assert page.fields["published"] == "2023-01-12"
    assert page.fields["header_issuers"] == "某镇人民政府"


def test_strip_batch_task_strips_each_document():
    docs = [FetchedDocument(url="u1", kind="html", text=ARTICLE_PAGE),
            FetchedDocument(url="u2", kind="text", text="")]
    stripped = strip_batch(Batch(None, docs=docs)).stripped
    assert [p.status for p in stripped] == ["ok", "empty"]


def test_cover_letter_above_the_title_is_lifted_not_body():
    # The 请示 that opens zwgk.shcn.gov.cn's page of 长宁区's 2023 report (tests/gold 016).
    text = ("中共长宁区委:\n根据要求,区司法局提请以中共长宁区委、区政府名义将《2023年长宁区法治政府"
            "建设情况报告》报送市委、市政府。\n以上请示妥否,请批示。\n上海市长宁区司法局\n2024年1月4日\n"
            "2023年长宁区法治政府建设情况报告\n2023年,长宁区坚持以习近平新时代中国特色社会主义思想为"
            "指导,深入学习贯彻习近平法治思想,全面贯彻落实党的二十大精神。")
    page = strip_text(text)
    assert page.title == "2023年长宁区法治政府建设情况报告"
    assert page.body.startswith("2023年,长宁区坚持")
    assert page.fields["cover_letter"].endswith("2024年1月4日")


def test_salutation_opening_a_page_without_title_is_not_body():
    # tests/gold 018 (dengfeng.gov.cn) opens "市人民政府:"; a lead-in ending in ":" stays.
    page = strip_text("市人民政府:\n2023年,登封市坚持以习近平新时代中国特色社会主义思想为指导,"
                      "深入贯彻落实习近平法治思想,不断推进依法行政。")
    assert page.body.startswith("2023年,登封市") and page.fields["addressee"] == "市人民政府:"
    kept = strip_text("现将有关情况报告如下:\n2023年,登封市坚持以习近平新时代中国特色社会主义思想为"
                      "指导,深入贯彻落实习近平法治思想,不断推进依法行政。")
    assert kept.body.startswith("现将有关情况报告如下")
