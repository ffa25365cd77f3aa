"""Guangdong's 政务公开目录 platform (gkmlpt): a Vue shell with an empty app; the list comes
from /gkmlpt/api/all/{catid}?page=N&sid={SID} as JSON, the category from the URL fragment."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from tasks.discover.platforms import Item, Page, Request, json_answer, json_items, page_items
from tasks.discover.platforms.patterns import GKMLPT_API, GKMLPT_MARKERS, GKMLPT_ROOT, GKMLPT_SID

NAME = "gkmlpt"


def detect(page: Page) -> bool:
    return bool(GKMLPT_MARKERS.search(page.url) and GKMLPT_SID.search(page.text)) or bool(
        GKMLPT_MARKERS.search(page.text) and GKMLPT_SID.search(page.text))


def items(page: Page) -> list[Item]:
    if page.request.api:
        answer = json_answer(page.text)
        return json_items(answer.get("articles", []), page.url) \
            if isinstance(answer, dict) else []
    return page_items(page)  # the shell's own links: nav and footer only


def _catid(column_url: str) -> str:
    fragment = urlsplit(column_url).fragment.strip("/")
    return fragment if fragment.isdigit() else "0"  # 0: every category of the site


def next_requests(page: Page, state: dict) -> list[Request]:
    if not page.request.api:
        sid = GKMLPT_SID.search(page.text)
        root = GKMLPT_ROOT.match(page.url)
        if not sid or not root:
            return []
        state.update(root=root.group(1), sid=sid.group(1), catid=_catid(page.column_url))
        return [Request(GKMLPT_API.format(page=1, **state), api=True)]
    answer = json_answer(page.text)
    if state.get("paged") or not isinstance(answer, dict):
        return []
    per_page = len(answer.get("articles") or [])
    total = answer.get("total")
    if not per_page or not isinstance(total, int):
        return []
    state["paged"] = True  # the first answer says how many pages there are
    return [Request(GKMLPT_API.format(page=n, **state), api=True)
            for n in range(2, math.ceil(total / per_page) + 1)]
