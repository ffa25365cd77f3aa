"""VSB (博达) column pages: list.htm, then list/N.htm numbered backwards, with 下页 links."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from tasks.discover.links import links
from tasks.discover.patterns import NEXT_PAGE_TEXT
from tasks.discover.platforms import Item, Page, Request, page_items
from tasks.discover.platforms.patterns import VSB_MARKERS, VSB_PAGE_URL

NAME = "vsb"


def detect(page: Page) -> bool:
    return bool(VSB_MARKERS.search(page.text))


def items(page: Page) -> list[Item]:
    return page_items(page)


def _pages_dir(column_url: str) -> str:
    """list.htm's numbered pages live in list/: /xxgk/fzzf/list.htm → /xxgk/fzzf/list"""
    path = urlsplit(column_url).path
    return posixpath.splitext(path)[0] if path.endswith(".htm") else path.rstrip("/")


def next_requests(page: Page, state: dict) -> list[Request]:
    pages_dir = _pages_dir(page.column_url)
    found = []
    for url, title in links(page.text, page.url):
        path = urlsplit(url).path
        if NEXT_PAGE_TEXT.match(title) or (
                VSB_PAGE_URL.search(path) and posixpath.dirname(path) == pages_dir):
            found.append(Request(url))
    return found
