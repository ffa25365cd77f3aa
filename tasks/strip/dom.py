"""HTML side of strip: article title, page metadata and the main content's lines (lxml).

The page is flattened into lines by tasks/text/html.py (the flattener fetch uses too). The
main content is the deepest element that holds nearly all of the page's prose (text with
Chinese sentence punctuation outside links); its lines then go through the same line
classifier as flattened texts, so the two paths share one set of chrome patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from tasks.strip import lines as sl
from tasks.strip import patterns as pat
from tasks.text.dates import parse_date
from tasks.text.html import cjk_count, drop_hidden, flatten, parse_html
from tasks.text.script import line_key
from tasks.text.titles import is_issuer, is_site_name, is_title, names_year

CONTENT_SHARE = 0.85  # the main content holds at least this share of the page's prose
LINK_LINE_SHARE = 0.6  # a line mostly made of link text is navigation, not report
_PROSE_PUNCT = re.compile(r"[。，；：、！？,;]")


@dataclass
class PageContent:
    """What strip_html needs from the DOM: a title, the main content's lines, page metadata."""

    title: str | None
    lines: list[str]
    fields: dict[str, str] = field(default_factory=dict)
    page_text: str = ""  # all visible text, for status checks (404 / under construction)


def _is_label(cell_text: str) -> bool:
    """A table cell that is a metadata label without its colon (<th>索引号</th><td>…</td>)."""
    return line_key(cell_text) in pat.META_LABELS


def _text_score(text: str | None) -> int:
    if not text:
        return 0
    return len(_PROSE_PUNCT.findall(text)) * 20 + cjk_count(text)


def _prose_scores(root: etree._Element) -> dict[etree._Element, int]:
    """Per element: sentence punctuation and CJK characters outside links (one bottom-up pass)."""
    scores: dict[etree._Element, int] = {}
    # children before parents, without recursion (a deeply nested page overflowed the stack)
    order, stack = [], [root]
    while stack:
        el = stack.pop()
        order.append(el)
        if el.tag != "a":
            stack.extend(c for c in el if isinstance(c.tag, str))
    for el in reversed(order):
        if el.tag == "a":
            scores[el] = 0  # link text is navigation, not report
            continue
        total = _text_score(el.text)
        for child in el:
            if isinstance(child.tag, str):
                total += scores[child]
            total += _text_score(child.tail)
        scores[el] = total
    return scores


def _main_content(body: etree._Element) -> etree._Element:
    """Deepest element holding CONTENT_SHARE of the page's prose."""
    scores = _prose_scores(body)
    total = scores[body]
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        best = max(children, key=scores.__getitem__, default=None)
        if best is None or scores[best] < CONTENT_SHARE * total:
            return node
        node = best


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _title(doc: etree._Element) -> str | None:
    """Article heading (h1…, title-classed element, ArticleTitle meta), else <title> - suffix."""
    candidates = [_clean_title(h.text_content()) for h in doc.iter("h1", "h2", "h3")]
    candidates += [
        _clean_title(e.text_content())
        for e in doc.xpath("//*[contains(@class,'title') or contains(@id,'title')]")
    ]
    candidates += [m.get("content", "") for m in doc.xpath("//meta[@name='ArticleTitle']")]
    page_title = doc.findtext(".//title") or ""
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-—–]+\s+|——|--", page_title)]
    parts = [p for p in parts if p]
    # A column heading ("镇街法治政府建设报告") can look like a title too; a year decides.
    for texts in (candidates, parts):
        titles = [t for t in texts if is_title(line_key(t))]
        if titles:
            return max(titles, key=lambda t: names_year(line_key(t)))
    headings = [c for c in candidates if c and not is_issuer(line_key(c))
                and not is_site_name(line_key(c))]
    parts = [p for p in parts if not is_site_name(line_key(p))]
    return (headings or parts or [None])[0]


def _meta_tags(doc: etree._Element) -> dict[str, str]:
    """gov.cn/TRS pages also state date and source in <meta name="PubDate|ContentSource">."""
    fields: dict[str, str] = {}
    for name, key in (("PubDate", "published"), ("ContentSource", "source")):
        for m in doc.xpath(f"//meta[@name='{name}']"):
            value = (m.get("content") or "").strip()
            value = parse_date(value) or "" if key == "published" else value
            if value:
                fields.setdefault(key, value)
    return fields


def _nearest_title_first(lines: list[str], title: str | None) -> list[str]:
    """Lines from the title down, then from the title up: the article's own date/source line
    and disclosure table come before lists of other articles' dates in side columns."""
    title_key = line_key(title) if title else None
    at = next((i for i, t in enumerate(lines) if line_key(t) == title_key), 0)
    return lines[at:] + lines[:at][::-1]


def page_lines(html: str, url: str | None = None) -> PageContent:
    """Title, main-content lines and metadata of an article page."""
    doc = parse_html(html)
    drop_hidden(doc)
    title = _title(doc)
    all_lines = flatten(doc, label_cell=_is_label)
    fields: dict[str, str] = {}
    for text in _nearest_title_first([t for t, _ in all_lines], title):
        for name, value in (sl.meta_fields(line_key(text)) or {}).items():
            fields.setdefault(name, value)
        crumbs = sl.breadcrumb_items(line_key(text), text)
        if crumbs and sl.is_chrome(line_key(text), text):
            fields.setdefault("breadcrumbs", ">".join(crumbs))
    for name, value in _meta_tags(doc).items():
        fields.setdefault(name, value)
    body = doc.find("body") if doc.find("body") is not None else doc
    content = _main_content(body)
    lines = [t for t, link_share in flatten(content, label_cell=_is_label)
             if link_share < LINK_LINE_SHARE or "。" in t]
    page_text = "\n".join([doc.findtext(".//title") or ""] + [t for t, _ in all_lines])
    return PageContent(title=title, lines=lines, fields=fields, page_text=page_text)
