"""Fetch-stage rules on phrasings and pages of our own: titles, pagination, charsets, pages."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import docx
import pytest
from fault_portal import PDF_LINES, REPORT_PARAGRAPHS, report_page, text_pdf

from tasks.discover.links import is_report_title, pagination_links, report_links
from tasks.discover.sources import SourceError, load_sources
from tasks.fetch.attachments import main_attachment
from tasks.fetch.client import FetchFailed, parse_retry_after
from tasks.fetch.decode import DecodeError, decode_bytes
from tasks.fetch.documents import document_from_path, error_page_class
from tasks.fetch.raw_store import raw_path, store_raw


@pytest.mark.parametrize("title", [
    "XX县司法局2022年度法治政府建设工作报告",
    "关于2023年法治政府建设工作要点完成情况的报告",
    "XX区人民政府2021年度法治政府建設情況報告",  # traditional
    "某街道办事处2024年依法行政工作总结",
    "XX镇二〇二二年法治建设年度报告",
    "2023年度法治政府建设年度报告.pdf",
])
def test_report_titles(title):
    assert is_report_title(title)


@pytest.mark.parametrize("title", [
    "法治政府建设年度报告",  # the column's own name, no year
    "关于报送2023年度法治政府建设情况报告的通知",
    "关于2022年度法治政府建设考核结果的通报",
    "XX区2024年法治政府建设工作要点",
    "2023年政府信息公开工作年度报告",
    "关于征求《XX镇法治政府建设实施方案(2024-2026年)》意见的公告",
])
def test_titles_that_are_not_reports(title):
    assert not is_report_title(title)


def test_truncated_list_titles_are_read_from_the_title_attribute():
    page = ("<ul><li><a href='/a/1.html' title='某镇2023年法治政府建设年度报告'>某镇2023年法治…</a>"
            "</li><li><a href='javascript:void(0)'>某镇2022年法治政府建设年度报告</a></li></ul>")
    assert report_links(page, "http://gov.example/list/") == ["http://gov.example/a/1.html"]


def test_script_drawn_pager_gives_every_list_page():
    page = '<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>'
    found = pagination_links(page, "http://gov.example/col/", "http://gov.example/col/")
    assert found == ["http://gov.example/col/index.html", "http://gov.example/col/index_1.html",
                     "http://gov.example/col/index_2.html"]


@pytest.mark.parametrize(("href", "text"), [
    ("index_2.html", "3"), ("page_2.html", "下一页"), ("?page=2", "2"), ("list_2.shtml", "下页"),
    ("/col/other.jsp?x=1", "下一頁"),
])
def test_pagination_links(href, text):
    page = f"<div class='page'><a href='{href}'>{text}</a><a href='/content/9.html'>9</a></div>"
    found = pagination_links(page, "http://gov.example/col/index.html",
                             "http://gov.example/col/index.html")
    assert len(found) == 1 and "content" not in found[0]


def test_decode_evidence_order():
    text = "<p>" + REPORT_PARAGRAPHS[1] + "</p>"
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "text/html; charset=gbk").evidence \
        == "bom"
    gbk = text.encode("gbk")
    assert decode_bytes(gbk, "text/html; charset=GB2312").encoding == "gb18030"
    meta = b'<meta charset="gbk">' + gbk
    assert decode_bytes(meta, "text/html").evidence == "meta"
    assert decode_bytes(meta, "text/html; charset=utf-8").evidence == "meta"  # header fails
    with pytest.raises(DecodeError, match="page.html"):
        decode_bytes(bytes(range(32)) * 100, "text/html", where="page.html")


def test_page_with_a_report_body_and_an_attachment_is_not_an_attachment_page():
    page = report_page("报告", repeat=3).replace(
        "</body>", "<a href='/f/table.pdf'>附表.pdf</a></body>")
    assert main_attachment(page, "http://gov.example/a.html") is None
    short = ("<html><body><p>现将报告予以公开，详见附件。</p><a href='x.docx'>报告.docx</a>"
             "</body></html>")
    assert main_attachment(short, "http://gov.example/a/b.html") == "http://gov.example/a/x.docx"


def test_report_mentioning_missing_pages_is_not_a_soft_404():
    page = report_page("页面不存在问题整改情况的报告", repeat=3)
    assert error_page_class(200, page) is None
    assert error_page_class(200, "<html><title>提示</title><p>信息不存在</p></html>") == "soft_404"


def test_document_from_path_reads_pages_texts_and_attachments(tmp_path):
    html = tmp_path / "page.html"
    html.write_bytes(report_page("报告", '<meta charset="gb2312">').encode("gbk"))
    assert REPORT_PARAGRAPHS[2] in document_from_path(html).text
    txt = tmp_path / "report.txt"
    txt.write_text("\n".join(REPORT_PARAGRAPHS), encoding="utf-8-sig")
    assert document_from_path(txt).text.startswith(REPORT_PARAGRAPHS[0])
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(text_pdf(PDF_LINES))
    assert PDF_LINES[1] in document_from_path(pdf).text
    word = docx.Document()
    for paragraph in REPORT_PARAGRAPHS:
        word.add_paragraph(paragraph)
    word.save(tmp_path / "报告.docx")
    page = tmp_path / "attachment-page.html"
    page.write_text("<html><body><p>附件：<a href='报告.docx'>报告.docx</a></p></body></html>",
                    encoding="utf-8")
    doc = document_from_path(page, raw_dir=tmp_path / "raw")
    assert doc.kind == "text" and REPORT_PARAGRAPHS[1] in doc.text and doc.page_html
    sheet = tmp_path / "table.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(FetchFailed, match="unsupported_attachment") as failure:
        document_from_path(sheet)
    assert failure.value.error_class == "unsupported_attachment"


def test_sources_file_placeholders_and_errors(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("source_id,name,url,kind,region_hint\n"
                    "a,某镇,{portal}/col/index.html,list,440203101\n", encoding="utf-8")
    [source] = load_sources(path, "http://127.0.0.1:9/")
    assert source["url"] == "http://127.0.0.1:9/col/index.html"
    assert source["region_hint"] == "440203101"
    with pytest.raises(SourceError, match="portal"):
        load_sources(path)


def test_raw_store_is_content_addressed_and_idempotent(tmp_path):
    digest = store_raw(tmp_path, b"body")
    assert store_raw(tmp_path, b"body") == digest
    assert raw_path(tmp_path, digest).read_bytes() == b"body"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [digest]


def test_retry_after_as_seconds_or_http_date():
    assert parse_retry_after("7") == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= parse_retry_after(later) <= 30
    assert parse_retry_after("soon") is None
