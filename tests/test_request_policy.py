"""The one request policy (tasks/fetch/policy.py) on every path a request takes: robots.txt,
report pages, attachments, list pages, each redirect hop — against two loopback servers, the
portal and "another host" (another port), which counts every request it gets."""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fault_portal import report_page

from tasks.discover.crawl import discover_reports
from tasks.fetch.client import FetchFailed, FetchSettings, HttpClient
from tasks.fetch.documents import fetch_reports
from tasks.fetch.policy import refusal


class Server:
    """A loopback server answering ``routes[path] = (status, headers, body)``; counts hits."""

    def __init__(self, routes: dict[str, tuple[int, dict[str, str], str]]) -> None:
        self.routes, self.hits = routes, Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.hits[self.path] += 1
                status, headers, body = server.routes.get(self.path, (404, {}, "missing"))
                data = body.encode("utf-8")
                self.send_response(status)
                for name, value in {"Content-Type": "text/html; charset=utf-8",
                                    "Content-Length": str(len(data)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    other = Server({"/robots.txt": (200, {}, "User-agent: *\nAllow: /\n"),
                    "/secret.html": (200, {}, report_page("别处的报告")),
                    "/files/r.pdf": (200, {"Content-Type": "application/pdf"}, "%PDF-1.4")})
    portal = Server({})
    portal.routes.update({
        "/robots.txt": (302, {"Location": other.base + "/robots.txt"}, ""),
        "/report.html": (200, {}, report_page("示例镇2023年法治政府建设年度报告")),
        "/away.html": (302, {"Location": other.base + "/secret.html"}, ""),
        "/attached.html": (200, {}, "<html><body><h1>示例镇2023年法治政府建设年度报告</h1>"
                           f"<p>附件:<a href='{other.base}/files/r.pdf'>报告.pdf</a></p>"
                           "</body></html>"),
        "/list/index.html": (200, {}, "<html><body><ul>"
                             "<li><a href='/report.html'>示例镇2023年法治政府建设年度报告</a></li>"
                             f"<li><a href='{other.base}/secret.html'>"
                             "示例镇2022年法治政府建设年度报告</a></li></ul></body></html>"),
    })
    yield portal, other
    portal.close()
    other.close()


@pytest.fixture
def settings(tmp_path):
    return dataclasses.replace(FetchSettings(raw_dir=tmp_path / "raw"), http_retries=0,
                               min_request_interval_s=0.0)


def stored(settings) -> list:
    return [p for p in settings.raw_dir.rglob("*") if p.is_file()] \
        if settings.raw_dir.exists() else []


def source(portal: Server) -> dict:
    return {"source_id": "p", "url": portal.base + "/list/index.html", "kind": "list"}


def test_robots_redirect_to_another_host_is_not_followed(servers, settings):
    portal, other = servers
    docs, attempts = fetch_reports([portal.base + "/report.html"], source(portal), settings)
    assert other.hits == Counter()  # the other port was never asked anything
    assert not [a for a in attempts if a.url.startswith(other.base)]  # no fetches row for it
    assert [a.status for a in attempts] == [302, 200]  # robots.txt's 302 on record, then the page
    assert len(docs) == 1  # a robots.txt that cannot be followed is "none" (RFC 9309)
    assert len(stored(settings)) == 1  # the report only; robots.txt bodies are never stored


def test_page_redirect_to_another_host_is_refused(servers, settings):
    portal, other = servers
    docs, attempts = fetch_reports([portal.base + "/away.html"], source(portal), settings)
    assert docs == [] and other.hits["/secret.html"] == 0
    assert attempts[-1].error == "offsite" and attempts[-1].status is None


def test_attachment_on_another_host_is_refused(servers, settings):
    portal, other = servers
    docs, attempts = fetch_reports([portal.base + "/attached.html"], source(portal), settings)
    assert docs == [] and other.hits["/files/r.pdf"] == 0
    assert attempts[-1].error == "offsite" and attempts[-1].url == other.base + "/files/r.pdf"


def test_list_page_links_to_another_host_are_not_followed(servers, settings):
    portal, other = servers
    urls, _ = discover_reports(source(portal), settings, max_pages=3)
    assert urls == [portal.base + "/report.html"]
    assert other.hits == Counter()


def test_userinfo_in_a_url_is_refused_without_a_request(servers, settings):
    portal, _ = servers
    url = portal.base.replace("http://", "http://admin:pw@") + "/report.html"
    with HttpClient(settings, "p", portal.base + "/") as client:
        with pytest.raises(FetchFailed) as refused:
            client.get(url)
    assert refused.value.error_class == "userinfo"
    assert portal.hits == Counter()


@pytest.mark.parametrize("home", ["http://169.254.169.254/latest/meta-data/",
                                  "http://10.1.2.3/list.html", "http://[::ffff:192.168.1.1]/"])
def test_private_and_link_local_targets_are_refused_without_a_request(settings, home):
    with HttpClient(settings, "p", home) as client:
        with pytest.raises(FetchFailed) as refused:
            client.get(home)
    assert refused.value.error_class == "private_address"
    assert [a.error for a in client.attempts] == ["private_address"]


def test_policy_judges_resolved_addresses_and_loopback_sources():
    home = "http://www.example.gov.cn/col/index.html"
    assert refusal("http://example.gov.cn/a.html", home, ["93.184.216.34"]) is None
    assert refusal("http://example.gov.cn/a.html", home, ["127.0.0.1"])[0] == "private_address"
    assert refusal("http://example.gov.cn:8080/a.html", home)[0] == "offsite"
    assert refusal("ftp://example.gov.cn/a.html", home)[0] == "offsite"
    assert refusal("http://127.0.0.1:9/a", "http://127.0.0.1:9/") is None  # demo and tests
    assert refusal("http://127.0.0.1:9/a", "http://127.0.0.1:8/")[0] == "offsite"
