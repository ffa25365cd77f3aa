"""Per-source politeness: a source's `max_concurrency` column bounds how many of its requests
are in flight at once (default 1), as the portal itself observes them."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flows.harvest import harvest

REPORTS = 4
LIST_PAGE = "<html><body><ul>" + "".join(
    f'<li><a href="/r{n}.html">某镇202{n}年法治政府建设年度报告</a></li>' for n in range(REPORTS)
) + "</ul></body></html>"


class CountingPortal:
    """Serves a column page and slow report pages; records the most report requests in flight."""

    def __init__(self, delay_s: float = 0.4) -> None:
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                if self.path == "/list.html":
                    return self._send(200, LIST_PAGE)
                if not self.path.startswith("/r"):
                    return self._send(404, "not found")
                with portal.lock:
                    portal.in_flight += 1
                    portal.most_in_flight = max(portal.most_in_flight, portal.in_flight)
                time.sleep(delay_s)
                with portal.lock:
                    portal.in_flight -= 1
                self._send(200, "<html><body><h1>某镇法治政府建设年度报告</h1>"
                           "<p>本年度开展法治宣传活动12场次。</p></body></html>")

            def _send(self, status: int, body: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("max_concurrency, expected", [("", 1), ("2", 2)])
def test_a_source_never_gets_more_requests_at_once_than_it_allows(
        tmp_path: Path, monkeypatch, max_concurrency: str, expected: int) -> None:
    monkeypatch.setenv("FAZHI_BATCH_SIZE", "1")  # one report per batch: batches may overlap
    monkeypatch.setenv("FAZHI_MIN_REQUEST_INTERVAL_S", "0")
    portal = CountingPortal()
    try:
        sources = tmp_path / "sources.csv"
        sources.write_text("source_id,name,url,kind,region_hint,max_concurrency\n"
                           f"town,某镇,{portal.base}/list.html,list,,{max_concurrency}\n",
                           encoding="utf-8")
        summary = harvest(str(sources), str(tmp_path / "w.duckdb"))
    finally:
        portal.close()
    assert summary.urls == REPORTS
    assert portal.most_in_flight == expected


@pytest.mark.parametrize("value, message", [("0", "too small"), ("two", "whole number")])
def test_a_bad_max_concurrency_is_a_clear_source_error(tmp_path: Path, value: str,
                                                       message: str) -> None:
    from tasks.discover.sources import SourceError, load_sources

    sources = tmp_path / "sources.csv"
    sources.write_text("source_id,name,url,kind,region_hint,max_concurrency\n"
                       f"town,某镇,http://127.0.0.1:9/list.html,list,,{value}\n", encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        load_sources(sources)
