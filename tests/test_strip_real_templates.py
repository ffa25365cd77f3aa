"""fazhi's strip on pages built from real government article templates (bench/templates/real/,
provenance in its README) around the gold reports: as served (HTML) and as copied out of a
browser or a PDF export (every block and table cell a plain line). The body is the report,
once, with no chrome line; what the disclosure tables say is lifted into fields.
bench/compare_extractors.py runs the same pages through readability-lxml, trafilatura, GNE
and jusText; none of them is needed here."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.real_pages import body_f1, build_real_pages, chrome_lines, copied_text
from tasks.normalize.normalize import normalize_page
from tasks.strip.strip import strip_html, strip_text

MIN_BODY_F1 = 0.95
PAGES = build_real_pages()
BY_TEMPLATE: dict[str, list] = defaultdict(list)
for _page in PAGES:
    BY_TEMPLATE[_page.template].append(_page)


def test_at_least_twelve_real_templates_in_both_body_markups() -> None:
    assert len(BY_TEMPLATE) >= 12
    assert {p.markup for p in PAGES} == {"p", "mso"}


@pytest.mark.parametrize("template", sorted(BY_TEMPLATE))
def test_html_page_body_is_the_report_and_nothing_else(template: str) -> None:
    for page in BY_TEMPLATE[template]:
        body = normalize_page(strip_html(page.html)).body
        assert body_f1(body, page.true_body) >= MIN_BODY_F1, (page.doc, page.markup)
        assert not chrome_lines(body, page.true_body), (page.doc, page.markup)


@pytest.mark.parametrize("template", sorted(BY_TEMPLATE))
def test_copied_page_body_is_the_report_and_nothing_else(template: str) -> None:
    for page in BY_TEMPLATE[template]:
        if page.markup != "p":
            continue  # the copied text of both markups is the same
        body = normalize_page(strip_text(copied_text(page.html))).body
        assert body_f1(body, page.true_body) >= MIN_BODY_F1, page.doc
        assert not chrome_lines(body, page.true_body), page.doc


@pytest.mark.parametrize("template", ["govcn_zhengce", "guomei_gov_govopen",
                                      "guomei_dangwei_govopen"])
def test_copied_disclosure_table_is_lifted_into_fields(template: str) -> None:
    # gov.cn prints "索 引 号：" and its value in two cells; 国微CMS "索引号" without a colon.
    page = BY_TEMPLATE[template][0]
    fields = strip_text(copied_text(page.html)).fields
    assert fields["index_no"].endswith("/2024-00018")
    # gov.cn prints 发布日期; 国微CMS only 生成日期 (a document date)
    assert fields["issuing_body"] and page.published in (fields.get("published"),
                                                         fields.get("doc_date"))


def test_page_that_closes_html_early_keeps_the_report_after_it() -> None:
    # 电子政务网 (LWABCD/government) includes a whole HTML document as its header: the page
    # closes </html> before the article and goes on.
    page = BY_TEMPLATE["dzzw_news_detail"][0]
    assert page.html.count("</html>") > 1
    stripped = strip_html(page.html)
    assert body_f1(normalize_page(stripped).body, page.true_body) >= MIN_BODY_F1


@pytest.mark.parametrize("template", sorted(BY_TEMPLATE))
def test_article_printed_twice_is_kept_once(template: str) -> None:
    # Pages that print the article a second time in its container (a print or mobile copy)
    # give one body; built from the same real template with the article repeated.
    from bench.portal_pages import _gold, _values, fill
    from bench.real_pages import plain_paragraph, real_templates

    doc, row = sorted(_gold().items())[1]
    values, body_lines = _values(doc, row)
    article = "\n".join(plain_paragraph(ln) for ln in body_lines)
    html = fill(real_templates()[template],
                {**values, "body": f'{article}\n<div class="print-copy">{article}</div>'})
    page = next(p for p in BY_TEMPLATE[template] if p.doc == doc)
    body = normalize_page(strip_html(html)).body
    assert body_f1(body, page.true_body) >= MIN_BODY_F1
    assert not chrome_lines(body, page.true_body)


# Widgets real portals put inside the article container: 金湖's 简/繁 and 无障碍访问 switches
# (jh-head.ftl), 国微CMS's member login form (header.html), and a related-news box (国微CMS
# government skin's side block).
WIDGETS = """<div class="row hd-pd text-center">
<div class="col-xs-2"><a href="javascript:zh_tran('s');" class="btn btn-link zh_click">简</a>
<span class="hd-span-pd color-green">|</span><a href="javascript:zh_tran('t');"
class="btn btn-link zh_click">繁</a></div>
<div class="col-xs-2"><a href="#" class="btn btn-link">无障碍访问</a></div></div>
<div id="header_login"><form method="post" action="/u.php/core/member-login">
<span>用户名：</span><input type="text" name="username"/><span>密码：</span>
<input type="password" name="password"/><input type="submit" name="submit" value="登录"/>
<span><a href="/index.php/core/member-register">注册</a> |
<a href="/index.php/core/member-getpassword">忘记密码</a></span></form></div>"""
RELATED = """<div class="border1 mtop6"><div class="head6"><span class="title7">相关新闻</span>
<span class="more3"><a href="/index.php/cms/list-2">更多</a></span></div>
<div class="main1"><ul>
<li><a href="/index.php/cms/item-view-id-998">春季森林防火工作部署会召开</a></li>
<li><a href="/index.php/cms/item-view-id-991">全力做好安全生产大检查</a></li></ul></div></div>"""


@pytest.mark.parametrize("template", sorted(BY_TEMPLATE))
def test_widgets_and_related_news_inside_the_article_container_are_not_body(
        template: str) -> None:
    from bench.portal_pages import _gold, _values, fill
    from bench.real_pages import plain_paragraph, real_templates

    doc, row = sorted(_gold().items())[1]
    values, body_lines = _values(doc, row)
    article = "\n".join(plain_paragraph(ln) for ln in body_lines)
    html = fill(real_templates()[template],
                {**values, "body": f"{WIDGETS}\n{article}\n{RELATED}"})
    page = next(p for p in BY_TEMPLATE[template] if p.doc == doc)
    body = normalize_page(strip_html(html)).body
    assert body_f1(body, page.true_body) >= MIN_BODY_F1
    assert not chrome_lines(body, page.true_body)
