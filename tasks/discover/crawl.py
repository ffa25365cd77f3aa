"""Report URLs of one source: its column read by the adapter of the platform it runs on, each
list page and API page fetched through the fetch stage's HTTP client.

One client (tasks/fetch/client.py) serves discovery and fetching alike, so list pages and list
APIs (GET or POSTed forms) get the same politeness, retries and robots.txt rules as report
pages, and each is a row of ``fetches``. List pages are classified like report pages (a
challenge or soft-404 list page yields no links); API answers are data, read as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag

from tasks.discover.platforms import Item, Page, Request, adapter_named, detect
from tasks.fetch.client import FetchFailed, FetchSettings, HttpClient, source_settings
from tasks.fetch.decode import DecodeError, decode_bytes
from tasks.fetch.documents import page_text
from tasks.records import FetchAttempt, RejectedItem
from tasks.text.patterns import ATTACHMENT_EXT
from tasks.text.titles import title_verdict


@dataclass
class Discovery:
    """What discovery found for a source: the report URLs to fetch (those whose title decides
    and those only their page can decide), the look-alikes it turned down with their reason,
    the platform that read the column, and the HTTP attempts that cost."""

    urls: list[str] = field(default_factory=list)
    rejected: list[RejectedItem] = field(default_factory=list)
    platform: str | None = None
    attempts: list[FetchAttempt] = field(default_factory=list)


def crawl_column(column_url: str, fetch: Callable[[Request], str | None],
                 same_site: Callable[[str], bool], max_pages: int,
                 platform: str | None = None) -> tuple[list[Item], str | None]:
    """The items of a column and up to ``max_pages`` of its list pages and API pages
    (breadth first), and the platform that read it (forced, or detected on the first page).

    Off-site URLs are dropped; a request that fails ends that branch only, after its
    fallbacks.
    """
    adapter = adapter_named(platform) if platform else None
    start = Request(urldefrag(column_url).url)
    queue, seen = [start], {start.key}
    items: list[Item] = []
    state: dict = {}
    fetched = 0
    while queue and fetched < max_pages:
        request = queue.pop(0)
        text = fetch(request)
        fetched += 1
        following = list(request.fallback) if text is None else []
        if text is not None:
            page = Page(request, text, column_url)
            adapter = adapter or detect(page)
            items += [item for item in adapter.items(page) if same_site(item.url)]
            following = adapter.next_requests(page, state)
        for nxt in following:
            if nxt.key not in seen and same_site(nxt.url):
                seen.add(nxt.key)
                queue.append(nxt)
    return _unique_items(items), adapter.NAME if adapter else None


def sort_items(items: list[Item]) -> tuple[list[str], list[RejectedItem]]:
    """Report URLs to fetch and look-alikes turned down, by each item's title (tasks/text/
    titles.py); a title cut short is fetched, for the page's own title to decide."""
    urls, rejected = [], []
    for item in items:
        title = ATTACHMENT_EXT.sub("", item.title)  # 附件 links read "xxx报告.pdf"
        verdict = title_verdict(title)
        if verdict in ("report", "undecided"):
            urls.append(item.url)
        elif verdict.startswith("not_a_report_"):
            rejected.append(RejectedItem(item.url, item.title, verdict))
    urls = list(dict.fromkeys(urls))
    taken = set(urls)  # a URL listed once as a report and once otherwise is a report
    rejected = list({r.url: r for r in rejected if r.url not in taken}.values())
    return urls, rejected


def discover_source(source: dict, settings: FetchSettings, max_pages: int) -> Discovery:
    """Report URLs of a source (a column page and up to ``max_pages`` of its list pages and
    API pages, or one report URL), the look-alikes turned down, and the HTTP attempts."""
    if source["kind"] == "report":
        return Discovery(urls=[source["url"]])
    with HttpClient(source_settings(source, settings), source.get("source_id"),
                    source["url"]) as client:

        def fetch(request: Request) -> str | None:
            try:
                form = dict(request.form) if request.form is not None else None
                response = client.request(request.url, form)
                if not request.api:  # a list page is classified like a report page
                    return page_text(client, response, request.url)
                if response.status >= 400:
                    return None
                return decode_bytes(response.body, response.content_type, html=False,
                                    where=request.url).text
            except (FetchFailed, DecodeError):
                return None

        items, platform = crawl_column(source["url"], fetch, client.allowed, max_pages,
                                       source.get("platform"))
        urls, rejected = sort_items(items)
        return Discovery(urls, rejected, platform, client.attempts)


def discover_reports(source: dict, settings: FetchSettings,
                     max_pages: int) -> tuple[list[str], list[FetchAttempt]]:
    """Report URLs of a source and the HTTP attempts that cost (discover_source, less)."""
    found = discover_source(source, settings, max_pages)
    return found.urls, found.attempts


def _unique_items(items: list[Item]) -> list[Item]:
    """Each URL once, under its longest title (a list and a sidebar may both link it)."""
    best: dict[str, Item] = {}
    for item in items:
        if item.url not in best or len(item.title) > len(best[item.url].title):
            best[item.url] = item
    return list(best.values())
