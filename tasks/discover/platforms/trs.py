"""TRS WCM column pages: static index.html, index_1.html …, the pager drawn by a script
(createPageHTML in either argument order, or countPage with document.write)."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

from tasks.discover.links import pagination_links
from tasks.discover.platforms import Item, Page, Request, page_items
from tasks.discover.platforms.patterns import (
    TRS_COUNT_PAGE,
    TRS_MARKERS,
    TRS_PAGE_FILE,
    TRS_PAGER_0,
    TRS_PAGER_1,
)

NAME = "trs"


def detect(page: Page) -> bool:
    return bool(TRS_MARKERS.search(page.text))


def items(page: Page) -> list[Item]:
    return page_items(page)


def _sibling(page: Page, prefix: str, ext: str, number: int) -> str:
    name = f"{prefix}.{ext}" if number == 0 else f"{prefix}_{number}.{ext}"
    return urljoin(page.url, name)


def next_requests(page: Page, state: dict) -> list[Request]:
    found: list[Request] = []
    for match in TRS_PAGER_1.finditer(page.text):  # ('page_div', count, current from 1, …)
        count, prefix, ext = int(match.group(1)), match.group(3), match.group(4)
        found.append(Request(_sibling(page, prefix, ext, 0)))
        # page N is "_N"; a site naming page N "_N-1" has no last "_N": then its pages
        # "_1" … "_N-1" are asked for instead
        other_naming = tuple(Request(_sibling(page, prefix, ext, n)) for n in range(1, count))
        found += [Request(_sibling(page, prefix, ext, n),
                          fallback=other_naming if n == count else ())
                  for n in range(2, count + 1)]
    if not found:
        for match in TRS_PAGER_0.finditer(page.text):  # (count, current from 0, …)
            count, prefix, ext = int(match.group(1)), match.group(3), match.group(4)
            found += [Request(_sibling(page, prefix, ext, n)) for n in range(count)]
    if not found and (match := TRS_COUNT_PAGE.search(page.text)):
        # inline form: the siblings of this page's own file (index.html → index_1.html …)
        name = posixpath.basename(urlsplit(page.url).path) or "index.html"
        file = TRS_PAGE_FILE.match(name)
        prefix, ext = (file.group(1), file.group(2)) if file else ("index", "html")
        found += [Request(_sibling(page, prefix, ext, n)) for n in range(int(match.group(1)))]
    # and whatever the page links as its pager (下一页, index_2.html)
    return found + [Request(url) for url in pagination_links(page.text, page.url,
                                                             page.column_url)]
