"""TRS 动静结合 columns (Fujian and others): the first pages' items in hidden blocks of one
HTML page, older items only from a JSON search API POSTed to (/fjdzapp/search)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from tasks.discover.platforms import Item, Page, Request, json_answer, json_items, page_items
from tasks.discover.platforms.patterns import (
    DYNAMIC_API,
    DYNAMIC_FIELDS,
    DYNAMIC_PAGE_COUNT_KEYS,
    SCRIPT_FIELD,
)

NAME = "trs_dynamic"


def detect(page: Page) -> bool:
    return bool(DYNAMIC_API.search(page.text))


def items(page: Page) -> list[Item]:
    if page.request.api:
        answer = json_answer(page.text)
        return json_items(answer, page.url) if answer is not None else []
    return page_items(page)  # hidden blocks are links like any other to the parser


def _page_count(answer: object) -> int:
    if isinstance(answer, dict):
        for key in DYNAMIC_PAGE_COUNT_KEYS:
            value = answer.get(key)
            if isinstance(value, int | str) and str(value).isdigit():
                return int(value)
    return 0


def next_requests(page: Page, state: dict) -> list[Request]:
    if not page.request.api:
        api = DYNAMIC_API.search(page.text)
        if not api or "form" in state:
            return []
        form = {}
        for name in DYNAMIC_FIELDS:
            match = re.search(SCRIPT_FIELD.format(name=name), page.text)
            if match:
                form[name] = match.group(1)
        state.update(url=urljoin(page.url, api.group(1)), form=form)
        return [_api_page(state, 1)]
    if state.get("paged"):
        return []
    state["paged"] = True  # the first answer says how many pages there are
    return [_api_page(state, n) for n in range(2, _page_count(json_answer(page.text)) + 1)]


def _api_page(state: dict, number: int) -> Request:
    form = {**state["form"], "page": str(number)}
    return Request(state["url"], form=tuple(form.items()), api=True)
