"""Generic column pages: links, 下一页/下页/> links, numbered pages (?page=N, list_2.html),
and a JSON list API named in the page's script."""

from __future__ import annotations

from urllib.parse import urljoin

from tasks.discover.links import pagination_links
from tasks.discover.platforms import Item, Page, Request, json_answer, json_items, page_items
from tasks.discover.platforms.patterns import API_PAGE_PARAM, SCRIPT_BLOCK, SCRIPT_JSON_API

NAME = "generic"


def detect(page: Page) -> bool:
    return True


def items(page: Page) -> list[Item]:
    if page.request.api:
        answer = json_answer(page.text)
        return json_items(answer, page.url) if answer is not None else []
    return page_items(page)


def next_requests(page: Page, state: dict) -> list[Request]:
    if page.request.api:  # the next API page, while pages bring items
        match = API_PAGE_PARAM.search(page.url)
        if not match or not items(page):
            return []
        following = int(match.group(2)) + 1
        return [Request(API_PAGE_PARAM.sub(rf"\g<1>{following}", page.url, count=1), api=True)]
    found = [Request(url) for url in pagination_links(page.text, page.url, page.column_url)]
    for script in SCRIPT_BLOCK.findall(page.text):
        found += [Request(urljoin(page.url, api), api=True)
                  for api in SCRIPT_JSON_API.findall(script)]
    return found
