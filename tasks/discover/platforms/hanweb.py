"""Hanweb jcms column pages: records as CDATA in a text/xml script, further groups of records
POSTed for from /module/web/jpage/dataproxy.jsp and answered with the same XML."""

from __future__ import annotations

import html
from urllib.parse import parse_qsl, urljoin, urlsplit

from tasks.discover.platforms import Item, Page, Request, page_items
from tasks.discover.platforms.patterns import (
    HANWEB_AJAX_PARAM,
    HANWEB_DEFAULT_GROUP_SIZE,
    HANWEB_DEFAULT_PER_PAGE,
    HANWEB_FORM_FIELDS,
    HANWEB_GROUP_SIZE,
    HANWEB_MARKERS,
    HANWEB_NEXTGROUP,
    HANWEB_PARAM,
    HANWEB_PER_PAGE,
    HANWEB_PROXY,
    HANWEB_RECORD,
    HANWEB_TOTAL,
)

NAME = "hanweb"


def detect(page: Page) -> bool:
    return bool(HANWEB_MARKERS.search(page.text))


def items(page: Page) -> list[Item]:
    """The records' links (in the column page's datastore, or a dataproxy answer); a column
    page's other links too, so a sidebar's or a static list's items are not lost."""
    found = [item for record in HANWEB_RECORD.findall(page.text)
             for item in page_items(page, record)]
    return found if page.request.api else found + page_items(page)


def _number(pattern, text: str, default: int) -> int:
    match = pattern.search(text)
    return int(next(g for g in match.groups() if g)) if match else default


def _form(text: str) -> dict[str, str]:
    """The dataproxy form: the jpage call's ajaxParam, else the nextgroup link's query."""
    params = HANWEB_AJAX_PARAM.search(text)
    if params:
        pairs = [(name, quoted or bare) for name, quoted, bare
                 in HANWEB_PARAM.findall(params.group(1))]
    elif nextgroup := HANWEB_NEXTGROUP.search(text):
        pairs = parse_qsl(urlsplit(html.unescape(nextgroup.group(1))).query)
    else:
        return {}
    return {name: value for name, value in pairs if name in HANWEB_FORM_FIELDS}


def next_requests(page: Page, state: dict) -> list[Request]:
    if page.request.api or state.get("groups_asked"):
        return []  # every group is asked for from the column page, once
    proxy = HANWEB_PROXY.search(page.text)
    form = _form(page.text)
    if not proxy or not form:
        return []
    total = _number(HANWEB_TOTAL, page.text, 0)
    per_page = _number(HANWEB_PER_PAGE, page.text, HANWEB_DEFAULT_PER_PAGE)
    group = per_page * _number(HANWEB_GROUP_SIZE, page.text, HANWEB_DEFAULT_GROUP_SIZE)
    proxy_url = urljoin(page.url, proxy.group(1))
    state["groups_asked"] = True
    # the page holds the first group; the proxy serves the rest, a group per request
    return [Request(f"{proxy_url}?startrecord={start}&endrecord={min(start + group - 1, total)}"
                    f"&perpage={per_page}", form=tuple(form.items()), api=True)
            for start in range(group + 1, total + 1, group)]
