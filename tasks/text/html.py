"""HTML to lines: the one flattener of a decoded page into lines of visible text, and their prose.

Fetch reads a page's lines to tell a report page from pages that only look like one (mainly
an attachment link, a "page not found" page served with status 200, a challenge, a login
wall: all carry full site chrome, so what they lack is prose, long runs of Chinese text in
one block); strip reads them to find the report's main content. Both see the same lines: one
set of block tags, hidden tags and CJK characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

# Tags that end a line before and after themselves (a <br> ends one too).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul "
    "center caption".split()
)
# Table cells: a row of plain cells is one line (label | value of a disclosure table); a cell
# holding blocks of its own (a layout table) is a block.
CELL_TAGS = frozenset(("td", "th"))
# What never shows as text: scripts, styles, embedded objects, form controls.
HIDDEN_TAGS = ("script", "style", "noscript", "iframe", "svg", "object", "embed", "template",
               "input", "select", "button", "textarea", "option", "map", "canvas", "video",
               "audio")
# CJK ideographs: the unified block, extension A and the compatibility ideographs.
CJK_CHARS = "\u3400-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
# A line with this many CJK characters is prose; chrome lines (footer 版权所有/ICP备案号,
# date lines, link labels) stay far below it.
PROSE_BLOCK_CJK = 60
_SPACE_RE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# libxml2 stops at 256 levels of nesting unless told the input may be huge (then its limit
# is 2048): a page of 300 nested <div>s parsed to nothing and read as "not a report". Walks
# below are iterative, so no depth the parser accepts can exhaust Python's stack.
_PARSER = lxml.html.HTMLParser(huge_tree=True)
# Inline styles that hide an element: "display: none; cursor: pointer;" (国微CMS 操作 link).
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

Line = tuple[str, float]  # the text of a line, and the share of it inside links


def parse_html(text: str | None) -> etree._Element:
    """lxml tree of a decoded page; an empty or unparsable page gives an empty <html>."""
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded.
    text = _XML_DECLARATION.sub("", text or "", count=1)
    if text.strip():
        try:
            return lxml.html.fromstring(text, parser=_PARSER)
        except (etree.ParserError, ValueError):
            pass
    return lxml.html.fromstring("<html></html>", parser=_PARSER)


def drop_hidden(tree: etree._Element) -> None:
    """Remove the hidden elements from the tree (strip's scoring must not count their text):
    scripts and styles, and elements a browser does not show (style display:none, the
    ``hidden`` attribute), such as the admin-only 操作 link of 国微CMS article pages."""
    hidden = list(tree.iter(*HIDDEN_TAGS))
    hidden += [el for el in tree.xpath("//*[@hidden or @style]")
               if el.get("hidden") is not None or HIDDEN_STYLE_RE.search(el.get("style") or "")]
    # A <title> outside <head> is never shown: a server include that is a whole HTML
    # document of its own (电子政务网 incFoot.jsp "My JSP 'daohang.jsp' starting page").
    hidden += tree.xpath("//body//title")
    for element in hidden:
        if element.getparent() is not None:
            element.drop_tree()


def _has_block(element: etree._Element) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in element.iterdescendants())


def flatten(root: etree._Element, skip: Callable[[etree._Element], bool] | None = None,
            label_cell: Callable[[str], bool] | None = None) -> list[Line]:
    """The visible lines of an element, each with the share of its text inside links.

    Elements for which ``skip`` is true are left out (their tail text stays); a plain cell
    whose text ``label_cell`` calls a label gets a colon (<th>索引号</th><td>…</td> reads
    "索引号: …"). Lines keep their inner spaces.
    """
    lines: list[Line] = []
    buf: list[str] = []
    link_chars = [0]

    def flush() -> None:
        text = "".join(buf).strip()
        if text:
            total = len(_SPACE_RE.sub("", text)) or 1
            lines.append((text, min(1.0, link_chars[0] / total)))
        buf.clear()
        link_chars[0] = 0

    def add(text: str | None, in_link: bool) -> None:
        if text:
            buf.append(text)
            if in_link:
                link_chars[0] += len(_SPACE_RE.sub("", text))

    # A depth-first walk with an explicit stack (recursion overflowed on deep pages): an
    # element is entered (its text, then its children) and later left (its tail).
    stack: list[tuple] = [(root, False, None)]
    while stack:
        el, in_link, left = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""  # "": a comment or processing instruction
        if left is not None:
            block, cell, cell_start = left
            if cell and label_cell is not None and label_cell("".join(buf[cell_start:])):
                buf.append(":")
            if block:
                flush()
            add(el.tail, in_link and tag != "a")
            continue
        if tag in HIDDEN_TAGS or (skip is not None and tag and skip(el)):
            add(el.tail, in_link)
            continue
        block = tag in BLOCK_TAGS or (tag in CELL_TAGS and _has_block(el))
        in_link = in_link or tag == "a"
        if block or tag == "br":
            flush()
        cell = tag in CELL_TAGS and not block
        if cell:
            buf.append(" ")
        stack.append((el, in_link, (block, cell, len(buf))))
        if tag:
            add(el.text, in_link)
            stack.extend((child, in_link, None) for child in reversed(el))
    flush()
    return lines


def text_blocks(tree: etree._Element,
                skip: Callable[[etree._Element], bool] | None = None) -> list[str]:
    """The visible lines of a page's body, spaces folded (what a reader of the page sees)."""
    body = tree.find("body")
    blocks = (" ".join(text.split()) for text, _ in flatten(tree if body is None else body, skip))
    return [block for block in blocks if block]


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))


def prose_cjk(blocks: list[str]) -> int:
    """CJK characters in blocks long enough to be prose rather than chrome or a label."""
    return sum(n for n in (cjk_count(b) for b in blocks) if n >= PROSE_BLOCK_CJK)


def page_title_text(tree: etree._Element) -> str:
    titles = tree.xpath("//title")
    return " ".join(titles[0].text_content().split()) if titles else ""
