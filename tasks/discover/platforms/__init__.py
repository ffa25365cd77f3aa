"""The CMS platforms a column page may run on, each a small adapter, and the registry of them.

An adapter is a module with ``NAME`` and three functions of a fetched page:
``detect(page) -> bool`` (is this page of my platform), ``items(page) -> list[Item]`` (the
list's entries: a title and a URL) and ``next_requests(page, state) -> list[Request]`` (more
list pages or API pages: a GET, or a POSTed form; ``state`` is the adapter's scratch space for
one column). The crawler (tasks/discover/crawl.py) asks this registry which adapter reads a
column and never knows a platform's specifics: adding a platform is a module here, an entry in
REGISTRY, its markers in patterns.py and a fixture in tests/fixtures/platforms/<name>/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import ModuleType
from urllib.parse import urljoin, urlsplit

from tasks.discover.links import links
from tasks.discover.platforms.patterns import JSON_TITLE_KEYS, JSON_URL_KEYS


@dataclass(frozen=True)
class Request:
    """A list page or API page to ask for: a GET, or a POST when ``form`` is set. ``api`` marks
    an answer that is data (JSON, XML), not a page; ``fallback`` is asked when this one fails
    (a TRS site numbering its pages the other way)."""

    url: str
    form: tuple[tuple[str, str], ...] | None = None
    api: bool = False
    fallback: tuple[Request, ...] = ()

    @property
    def key(self) -> tuple:
        return (self.url, self.form)


@dataclass(frozen=True)
class Page:
    """One fetched answer: the request, its decoded text, and the column's URL as the source
    row gives it (fragment included: gkmlpt's category is there)."""

    request: Request
    text: str
    column_url: str

    @property
    def url(self) -> str:
        return self.request.url


@dataclass(frozen=True)
class Item:
    """An entry of a column's list: where it points and what it is called."""

    url: str
    title: str


def page_items(page: Page, html: str | None = None) -> list[Item]:
    """Every followable link of an HTML page (or fragment) as an item; the title is the
    longer of the link text and its title attribute (lists cut titles with "…")."""
    return [Item(url, title) for url, title in links(page.text if html is None else html,
                                                      page.url)]


def json_answer(text: str) -> object | None:
    try:
        return json.loads(text)
    except ValueError:
        return None


def json_items(answer: object, base_url: str) -> list[Item]:
    """Items of a JSON list answer: every object, however deep, with a title and a URL key."""
    found: list[Item] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            title = next((node[k] for k in JSON_TITLE_KEYS if isinstance(node.get(k), str)), None)
            url = next((node[k] for k in JSON_URL_KEYS if isinstance(node.get(k), str)), None)
            if title and url:
                found.append(Item(urljoin(base_url, url.strip()), " ".join(title.split())))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(answer)
    return found


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Imported here, after the records they use, so each adapter can `from … import Request`.
from tasks.discover.platforms import (  # noqa: E402
    generic,
    gkmlpt,
    hanweb,
    trs,
    trs_dynamic,
    vsb,
)

# Detection order: the most specific markers first; generic reads any page.
REGISTRY: tuple[ModuleType, ...] = (gkmlpt, trs_dynamic, hanweb, vsb, trs, generic)
PLATFORM_NAMES: tuple[str, ...] = tuple(adapter.NAME for adapter in REGISTRY)


class UnknownPlatform(ValueError):
    """A source row names a platform no adapter has."""


def adapter_named(name: str) -> ModuleType:
    for adapter in REGISTRY:
        if adapter.NAME == name:
            return adapter
    raise UnknownPlatform(f"platform {name!r} is not one of {', '.join(PLATFORM_NAMES)}")


def detect(page: Page) -> ModuleType:
    """The adapter for a column's first page (generic when nothing more specific matches)."""
    return next(adapter for adapter in REGISTRY if adapter.detect(page))
