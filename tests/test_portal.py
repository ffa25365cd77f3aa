"""The bundled demo portal, served on loopback and read by the real fetch stage."""

from __future__ import annotations

import dataclasses

import pytest
import requests

from fazhi.portal import SITE_DIR, T2S, build, load_articles, report_lines, serve_portal, stop
from fazhi.settings import Settings
from tasks.discover.crawl import discover_source
from tasks.discover.sources import load_sources
from tasks.fetch.documents import fetch_reports
from tasks.paths import SEEDS_DIR

ARTICLES = load_articles()
REPORTS = [a for a in ARTICLES if a.format != "notice"]


@pytest.fixture(scope="module")
def portal():
    server, base = serve_portal(SITE_DIR)
    yield base
    stop(server)


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("portal")
    return dataclasses.replace(Settings(warehouse_path=tmp / "w.duckdb"),
                               min_request_interval_s=0.0)


@pytest.fixture(scope="module")
def sources(portal):
    return load_sources(SEEDS_DIR / "sources.csv", portal)


@pytest.fixture(scope="module")
def source(sources):
    return sources[0]


@pytest.fixture(scope="module")
def discovered(sources, settings):
    """Each demo column: the generic one, the gkmlpt one and the Hanweb one."""
    return {s["source_id"]: discover_source(s, settings.fetch(), settings.max_list_pages)
            for s in sources}


@pytest.fixture(scope="module")
def harvested(source, settings, discovered):
    urls = [u for found in discovered.values() for u in found.urls]
    list_attempts = [a for found in discovered.values() for a in found.attempts]
    docs, attempts = fetch_reports(urls, source, settings.fetch())
    return urls, list_attempts, {doc.url: doc for doc in docs}, attempts


def _doc_for(article, portal, harvested):
    return harvested[2][portal + article.href]


def test_committed_site_matches_a_fresh_build(tmp_path):
    files = build(tmp_path / "site")
    rel = sorted(p.relative_to(tmp_path / "site") for p in files)
    assert rel == sorted(p.relative_to(SITE_DIR) for p in SITE_DIR.rglob("*") if p.is_file())
    for name in rel:
        assert (tmp_path / "site" / name).read_bytes() == (SITE_DIR / name).read_bytes(), name


def test_portal_serves_utf8_and_gbk_pages_with_their_headers(portal):
    gbk = next(a for a in ARTICLES if a.encoding == "gbk")
    utf8 = next(a for a in ARTICLES if a.encoding == "utf-8" and a.format == "html")
    gbk_page = requests.get(portal + gbk.href, timeout=5)
    assert gbk_page.status_code == 200
    assert gbk_page.headers["Content-Type"] == "text/html"  # charset only in the meta tag
    assert b"charset=gb2312" in gbk_page.content[:1024]
    assert requests.get(portal + utf8.href, timeout=5).headers["Content-Type"] == \
        "text/html; charset=utf-8"
    assert "Disallow:" in requests.get(portal + "/robots.txt", timeout=5).text
    assert requests.get(portal + "/zwgk/no-such-page.html", timeout=5).status_code == 404
    assert requests.get(portal + "/zwgk/fzzfjs/content/", timeout=5).status_code == 404


def test_discovery_finds_every_report_across_the_three_columns_and_turns_down_the_notice(
        portal, harvested, discovered):
    urls, list_attempts, _, _ = harvested
    assert sorted(urls) == sorted(portal + a.href for a in REPORTS)
    for article in REPORTS:  # each column lists its own
        assert portal + article.href in discovered[f"demo_{article.column}".replace(
            "demo_generic", "demo_portal")].urls
    notice = next(a for a in ARTICLES if a.format == "notice")
    assert portal + notice.href not in urls
    assert [(r.url, r.reason) for r in discovered["demo_portal"].rejected] == [
        (portal + notice.href, "not_a_report_notice")]
    assert {s: found.platform for s, found in discovered.items()} == {
        "demo_portal": "generic", "demo_gkmlpt": "gkmlpt", "demo_hanweb": "hanweb"}
    generic_pages = {a.url.rsplit("/", 1)[1] for a in discovered["demo_portal"].attempts
                     if a.url.endswith(".html")}
    assert generic_pages == {"index.html", "index_1.html"}
    asked = {a.url for a in list_attempts}
    assert portal + "/gkmlpt/api/all/2390?page=2&sid=200022" in asked  # paged through the API
    assert any("dataproxy.jsp?startrecord=2" in u and "columnid=1229" in u for u in asked)
    assert all(a.error is None for a in list_attempts)


def test_every_report_is_fetched_without_errors(portal, harvested):
    _, _, docs, attempts = harvested
    assert sorted(docs) == sorted(portal + a.href for a in REPORTS)
    assert [a for a in attempts if a.error] == []
    assert all(a.sha256 for a in attempts if a.status == 200)


def test_gbk_page_with_meta_charset_only_decodes_without_mojibake(portal, harvested):
    article = next(a for a in ARTICLES if a.encoding == "gbk")
    doc = _doc_for(article, portal, harvested)
    assert doc.encoding == "gb18030"
    first_paragraph = report_lines(article)[0]
    assert first_paragraph[:30] in doc.text
    assert "\ufffd" not in doc.text
    assert "法治政府建设" in doc.text


def test_attachment_report_is_read_from_its_docx(portal, harvested):
    article = next(a for a in REPORTS if a.format == "docx")
    doc = _doc_for(article, portal, harvested)
    assert doc.kind == "text"
    assert doc.attachment_url == portal + article.attachment_href
    assert "附件" in doc.page_html and article.title in doc.page_html
    assert doc.page_sha256 and doc.raw_sha256 and doc.page_sha256 != doc.raw_sha256
    source_lines = [ln.strip() for ln in article.text_path.read_text(encoding="utf-8")
                    .splitlines() if len(ln.strip()) > 40]
    assert source_lines and all(line in doc.text for line in source_lines)


def test_traditional_report_stays_traditional(portal, harvested):
    article = next(a for a in REPORTS if "建設" in article_text(a))
    doc = _doc_for(article, portal, harvested)
    first_paragraph = report_lines(article)[0]
    simplified = T2S.convert(first_paragraph)
    assert simplified != first_paragraph  # the fixture really is traditional
    assert first_paragraph in doc.text and simplified not in doc.text
    assert "法治政府建設" in doc.text


def test_malformed_demo_report_is_served_with_its_impossible_numbers(portal, harvested):
    article = next(a for a in REPORTS if "seeds/portal" in str(a.text_path))
    doc = _doc_for(article, portal, harvested)
    assert "出庭应诉率达到120%" in doc.text
    assert "立案35宗,结案41宗" in doc.text


def article_text(article) -> str:
    return article.text_path.read_text(encoding="utf-8")


def test_second_harvest_asks_conditionally_and_gets_the_same_documents(
        portal, source, settings, harvested):
    urls, _, first_docs, _ = harvested
    docs, attempts = fetch_reports(urls, source, settings.fetch())
    pages = [a for a in attempts if not a.url.endswith("robots.txt")]
    assert pages and {a.status for a in pages} == {304}
    assert {d.url: d.text for d in docs} == {u: d.text for u, d in first_docs.items()}
