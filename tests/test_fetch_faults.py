"""The fetch stage against a misbehaving portal: each fault ends as the right FetchAttempt."""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime

import pytest
from fault_portal import DRIP_S, GBK_PHRASE, PDF_LINES, REPORT_PARAGRAPHS, SLOW_S, FaultPortal

from tasks.discover.crawl import discover_reports
from tasks.discover.sources import SourceError, load_sources
from tasks.fetch.client import FetchFailed, FetchSettings
from tasks.fetch.documents import document_from_url, fetch_reports
from tasks.fetch.raw_store import raw_path

RETRIES = 2
MAX_LIST_PAGES = 20


@pytest.fixture(scope="module")
def portal():
    server = FaultPortal(lifetime_s=120)
    yield server
    server.close()


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    return dataclasses.replace(
        FetchSettings(raw_dir=tmp / "raw"),
        http_timeout_s=SLOW_S / 3, connect_timeout_s=1.0, http_retries=RETRIES,
        backoff_base_s=0.02, backoff_max_s=0.05, retry_after_max_s=2.0, max_bytes=100_000,
        max_redirects=5, min_request_interval_s=0.0)


def fetch(portal, settings, path):
    source = {"source_id": "faults", "url": portal.base + "/list/index.html", "kind": "list",
              "region_hint": None}
    docs, attempts = fetch_reports([portal.base + path], source, settings)
    return docs, [a for a in attempts if not a.url.endswith("/robots.txt")]


def errors(attempts):
    return [a.error for a in attempts]


def test_page_slower_than_the_timeout_is_retried_then_recorded_as_timeout(portal, settings):
    docs, attempts = fetch(portal, settings, "/slow.html")
    assert docs == []
    assert errors(attempts) == ["timeout"] * (RETRIES + 1)
    assert [a.attempt for a in attempts] == list(range(1, RETRIES + 2))


def test_two_server_errors_then_success(portal, settings):
    docs, attempts = fetch(portal, settings, "/flaky.html")
    assert errors(attempts) == ["http_500", "http_500", None]
    assert [a.status for a in attempts] == [500, 500, 200]
    assert len(docs) == 1 and "法治宣传活动41场次" in docs[0].text


def test_429_waits_for_retry_after_then_succeeds(portal, settings):
    docs, attempts = fetch(portal, settings, "/busy.html")
    assert errors(attempts) == ["http_429", None] and len(docs) == 1
    first, second = (datetime.fromisoformat(a.fetched_at) for a in attempts)
    assert (second - first).total_seconds() >= 0.95  # Retry-After: 1, not the 0.05 s backoff


def test_retry_after_beyond_the_bound_is_not_waited_for(portal, settings):
    started = time.monotonic()
    docs, attempts = fetch(portal, settings, "/busy-long.html")
    assert docs == [] and errors(attempts) == ["http_429"]
    assert time.monotonic() - started < 1.0


def test_connection_reset_is_retried_then_recorded(portal, settings):
    docs, attempts = fetch(portal, settings, "/reset.html")
    assert docs == [] and errors(attempts) == ["connection"] * (RETRIES + 1)


def test_body_cut_short_of_its_content_length_is_truncated(portal, settings):
    docs, attempts = fetch(portal, settings, "/truncated.html")
    assert docs == [] and set(errors(attempts)) == {"truncated"}


@pytest.mark.parametrize(("path", "encoding"), [
    ("/latin1-header.html", "utf-8"),  # header charset is a server default, body UTF-8
    ("/wrong-header.html", "gb18030"),  # header says UTF-8, body is GBK without meta
    ("/no-charset.html", "utf-8"),
    ("/gbk-meta.html", "gb18030"),  # only <meta charset=gb2312>, GBK-only characters inside
])
def test_wrong_missing_and_meta_only_charsets_decode_cleanly(portal, settings, path, encoding):
    docs, attempts = fetch(portal, settings, path)
    assert errors(attempts) == [None]
    assert docs[0].encoding == encoding
    assert GBK_PHRASE in docs[0].text and "党建扎桩·治理结网" in docs[0].text
    assert "\ufffd" not in docs[0].text


def test_redirect_chain_within_the_bound_is_followed(portal, settings):
    docs, attempts = fetch(portal, settings, "/r/3")
    assert [a.status for a in attempts] == [302, 302, 302, 302, 200]
    assert docs[0].url == portal.base + "/r/3"  # the report keeps the URL it was listed under


def test_redirect_chain_beyond_the_bound_and_loops_stop(portal, settings):
    _, attempts = fetch(portal, settings, "/r/9")
    assert errors(attempts)[-1] == "too_many_redirects"
    assert len(attempts) == settings.max_redirects + 2  # the hops, then the refusal
    _, attempts = fetch(portal, settings, "/loop/a")
    assert errors(attempts) == [None, None, "redirect_loop"]


def test_challenge_page_is_not_a_document_and_not_retried(portal, settings):
    docs, attempts = fetch(portal, settings, "/challenge.html")
    assert docs == [] and errors(attempts) == ["challenge"]
    assert attempts[0].status == 412


@pytest.mark.parametrize(("path", "error"), [("/soft404.html", "soft_404"),
                                             ("/login.html", "login_wall")])
def test_status_200_pages_that_are_not_reports(portal, settings, path, error):
    docs, attempts = fetch(portal, settings, path)
    assert docs == [] and errors(attempts) == [error] and attempts[0].status == 200


@pytest.mark.parametrize("path", ["/huge.html", "/huge-declared.html"])
def test_body_over_the_size_limit_is_abandoned(portal, settings, path):
    docs, attempts = fetch(portal, settings, path)
    assert docs == [] and errors(attempts) == ["too_large"]


@pytest.mark.parametrize(("page", "attachment", "error"), [
    ("/corrupt-article.html", "/files/corrupt.pdf", "corrupt_pdf"),
    ("/scan-article.html", "/files/scan.pdf", "needs_ocr"),
    ("/doc-article.html", "/files/report.doc", "unsupported_attachment"),
    ("/gone-article.html", "/files/gone.pdf", "soft_404"),
])
def test_unreadable_attachments(portal, settings, page, attachment, error):
    docs, attempts = fetch(portal, settings, page)
    assert docs == []
    assert [(a.url.removeprefix(portal.base), a.error) for a in attempts] == [
        (page, None), (attachment, error)]


def test_pdf_attachment_text_is_the_document(portal, settings):
    docs, _ = fetch(portal, settings, "/pdf-article.html")
    doc = docs[0]
    assert doc.kind == "text" and doc.attachment_url == portal.base + "/files/report.pdf"
    assert PDF_LINES[0] in doc.text and PDF_LINES[1] in doc.text
    assert "附件" in doc.page_html


def test_offsite_urls_and_redirects_are_refused_without_a_request(portal, settings):
    before = portal.hits["/ok.html"]
    _, attempts = fetch(portal, settings, "/away")
    assert errors(attempts) == [None, "offsite"] and attempts[1].status is None
    source = {"source_id": "faults", "url": portal.base + "/list/index.html", "kind": "list"}
    docs, attempts = fetch_reports([portal.other_host + "/ok.html"], source, settings)
    assert docs == [] and errors(attempts) == ["offsite"]
    assert portal.hits["/ok.html"] == before


def test_robots_disallowed_path_is_never_requested(portal, settings):
    docs, attempts = fetch(portal, settings, "/private/report.html")
    assert docs == [] and errors(attempts) == ["robots"] and attempts[0].status is None
    assert portal.hits["/private/report.html"] == 0


def test_discovery_dedupes_across_list_pages_and_stays_on_site(portal, settings):
    source = {"source_id": "faults", "url": portal.base + "/list/index.html", "kind": "list"}
    urls, attempts = discover_reports(source, settings, MAX_LIST_PAGES)
    assert urls == [portal.base + p for p in ("/list/a.html", "/list/b.html", "/list/c.html")]
    assert portal.hits["/list/index.html"] == 1 and portal.hits["/list/index_1.html"] == 1
    assert portal.hits["/x.html"] == 0 and portal.hits["/list/notice.html"] == 0
    assert all(a.error is None for a in attempts)


def test_every_complete_body_is_in_the_raw_store(portal, settings):
    _, attempts = fetch(portal, settings, "/pdf-article.html")
    stored = [a for a in attempts if a.sha256]
    assert len(stored) == 2
    for attempt in stored:
        assert raw_path(settings.raw_dir, attempt.sha256).stat().st_size == attempt.bytes


def test_binary_body_served_as_a_page_is_a_decode_error(portal, settings):
    docs, attempts = fetch(portal, settings, "/binary.html")
    assert docs == [] and errors(attempts) == ["decode"]


def test_second_fetch_is_conditional_and_304_reuses_the_stored_body(portal, settings):
    first, attempts1 = fetch(portal, settings, "/etag.html")
    second, attempts2 = fetch(portal, settings, "/etag.html")
    assert [a.status for a in attempts1] == [200] and [a.status for a in attempts2] == [304]
    assert attempts2[0].sha256 == attempts1[0].sha256 and attempts2[0].bytes == 0
    assert second[0].text == first[0].text


def test_requests_to_one_host_are_spaced(portal, settings):
    polite = dataclasses.replace(settings, min_request_interval_s=0.2)
    source = {"source_id": "faults", "url": portal.base + "/list/index.html", "kind": "list"}
    started = time.monotonic()
    docs, attempts = fetch_reports([portal.base + p for p in ("/ok.html", "/list/a.html")],
                                   source, polite)
    assert len(docs) == 2 and len(attempts) == 3  # robots.txt and the two pages
    assert time.monotonic() - started >= 2 * 0.2


def test_trickling_body_hits_the_total_deadline(portal, settings):
    trickle = dataclasses.replace(settings, http_total_timeout_s=0.3, http_retries=0)
    assert trickle.http_timeout_s > DRIP_S  # every single read is in time
    docs, attempts = fetch(portal, trickle, "/drip.html")
    assert docs == [] and errors(attempts) == ["timeout"] and attempts[0].status == 200
    assert attempts[0].elapsed_ms < 1000


def test_robots_crawl_delay_spaces_requests(settings):
    slow_portal = FaultPortal(lifetime_s=30, crawl_delay=1)
    try:
        source = {"source_id": "faults", "url": slow_portal.base + "/list/index.html",
                  "kind": "list"}
        docs, attempts = fetch_reports(
            [slow_portal.base + p for p in ("/ok.html", "/list/a.html")], source, settings)
    finally:
        slow_portal.close()
    assert len(docs) == 2
    page_times = [datetime.fromisoformat(a.fetched_at) for a in attempts[1:]]
    assert (page_times[1] - page_times[0]).total_seconds() >= 0.95


@pytest.mark.parametrize(("robots_status", "error"), [(412, "challenge"), (503, "robots")])
def test_unreadable_robots_txt(settings, robots_status, error):
    """RFC 9309: a 4xx robots.txt allows all (so a WAF's 412 shows as the challenge it is);
    a server error disallows all."""
    guarded = FaultPortal(lifetime_s=30, robots_status=robots_status)
    try:
        source = {"source_id": "faults", "url": guarded.base + "/", "kind": "list"}
        docs, attempts = fetch_reports([guarded.base + "/ok.html"], source,
                                       dataclasses.replace(settings, http_retries=0))
    finally:
        guarded.close()
    assert docs == [] and attempts[-1].error == error


def test_document_from_url_for_a_single_report(portal, settings):
    doc = document_from_url(portal.base + "/pdf-article.html", settings)
    assert doc.kind == "text" and PDF_LINES[0] in doc.text
    with pytest.raises(FetchFailed) as failure:
        document_from_url(portal.base + "/soft404.html", settings)
    assert failure.value.error_class == "soft_404" and "soft404.html" in str(failure.value)


def test_list_page_behind_a_challenge_yields_no_links_and_says_why(portal, settings):
    source = {"source_id": "faults", "url": portal.base + "/challenge.html", "kind": "list"}
    urls, attempts = discover_reports(source, settings, MAX_LIST_PAGES)
    assert urls == [] and attempts[-1].error == "challenge"


def test_reports_linked_as_bare_files(portal, settings):
    docs, attempts = fetch(portal, settings, "/files/report.pdf")
    assert errors(attempts) == [None]
    assert docs[0].kind == "text" and docs[0].page_html is None
    assert docs[0].attachment_url == portal.base + "/files/report.pdf"
    assert PDF_LINES[0] in docs[0].text
    docs, _ = fetch(portal, settings, "/report.txt")  # GBK text/plain without a charset
    assert docs[0].kind == "text" and docs[0].text.startswith(REPORT_PARAGRAPHS[0])


def test_a_source_row_can_ask_for_a_longer_gap(portal, settings, tmp_path):
    sources_csv = tmp_path / "sources.csv"
    sources_csv.write_text(
        "source_id,name,url,kind,region_hint,min_request_interval_s\n"
        f"fragile,某镇,{portal.base}/list/index.html,list,,0.3\n", encoding="utf-8")
    [source] = load_sources(sources_csv)
    assert settings.min_request_interval_s == 0.0 and source["min_request_interval_s"] == 0.3
    started = time.monotonic()
    docs, _ = fetch_reports([portal.base + p for p in ("/ok.html", "/list/a.html")],
                            source, settings)
    assert len(docs) == 2
    assert time.monotonic() - started >= 2 * 0.3  # robots.txt, then two pages, 0.3 s apart
    sources_csv.write_text(sources_csv.read_text(encoding="utf-8").replace(",0.3", ",slow"),
                           encoding="utf-8")
    with pytest.raises(SourceError, match="min_request_interval_s"):
        load_sources(sources_csv)
