"""Report URLs of one source, its column pages fetched through the fetch stage's HTTP client.

One client (tasks/fetch/client.py) serves discovery and fetching alike, so list pages get the
same politeness, retries and robots.txt rules as report pages, and are classified the same
way (a challenge or soft-404 list page yields no links).
"""

from __future__ import annotations

from tasks.discover.links import crawl_column
from tasks.fetch.client import FetchFailed, FetchSettings, HttpClient, source_settings
from tasks.fetch.documents import page_text
from tasks.records import FetchAttempt


def discover_reports(source: dict, settings: FetchSettings,
                     max_pages: int) -> tuple[list[str], list[FetchAttempt]]:
    """Report URLs of a source (a column page and up to ``max_pages`` of its pagination, or
    one report URL), and the HTTP attempts that cost."""
    if source["kind"] == "report":
        return [source["url"]], []
    with HttpClient(source_settings(source, settings), source.get("source_id"),
                    source["url"]) as client:

        def fetch_page(url: str) -> str | None:
            try:  # a list page is classified like a report page (challenge, soft_404, …)
                return page_text(client, client.get(url), url)
            except FetchFailed:
                return None

        urls = crawl_column(source["url"], fetch_page, client.allowed, max_pages)
        return urls, client.attempts
