"""HTML to text: a decoded page parsed, its visible text as blocks, and how much of it is prose.

Fetch has to tell a report page from pages that only look like one: a page that is mainly
an attachment link, a "page not found" page served with status 200, a challenge or a login
wall. All of them carry full site chrome, so total text length says little; what they lack
is prose — long runs of Chinese text in one block.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

BLOCK_TAGS = {"p", "div", "td", "th", "li", "ul", "ol", "table", "tr", "section", "article",
              "h1", "h2", "h3", "h4", "h5", "h6", "br", "dd", "dt", "body", "form", "header",
              "footer", "nav", "main", "aside", "blockquote", "pre", "center", "title"}
INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head"}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A block with this many CJK characters is prose; chrome lines (footer 版权所有/ICP备案号,
# date lines, link labels) stay far below it.
PROSE_BLOCK_CJK = 60


def parse_html(text: str) -> etree._Element:
    """lxml tree of a decoded page; an empty or whitespace page gives an empty <html>."""
    if not text.strip():
        return lxml.html.fromstring("<html></html>")
    try:
        return lxml.html.fromstring(text)
    except (etree.ParserError, ValueError):  # e.g. an XML declaration on a str page
        return lxml.html.fromstring(text.encode("utf-8"))


def text_blocks(tree: etree._Element,
                skip: Callable[[etree._Element], bool] | None = None) -> list[str]:
    """Visible text split at block elements; elements for which skip() is true are left out."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None  # None: comment, PI
        hidden = tag is None or tag in INVISIBLE_TAGS or (skip is not None and skip(element))
        if not hidden:
            if tag in BLOCK_TAGS:
                flush()
            current.append(element.text or "")
            for child in element:
                walk(child)
            if tag in BLOCK_TAGS:
                flush()
        current.append(element.tail or "")

    walk(tree)
    flush()
    return blocks


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))


def prose_cjk(blocks: list[str]) -> int:
    """CJK characters in blocks long enough to be prose rather than chrome or a label."""
    return sum(n for n in (cjk_count(b) for b in blocks) if n >= PROSE_BLOCK_CJK)


def page_title_text(tree: etree._Element) -> str:
    titles = tree.xpath("//title")
    return " ".join(titles[0].text_content().split()) if titles else ""
