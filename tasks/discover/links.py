"""Report links on a column (栏目) page and the walk over its pagination; no HTTP in here.

Plain functions of a page, testable on any HTML: the platform adapters (platforms/) read
their list pages with them, and crawl.py supplies the HTTP side.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit, urlunsplit

from tasks.discover.patterns import NEXT_PAGE_TEXT, PAGE_URL, SCRIPT_PAGER
from tasks.text.html import parse_html
from tasks.text.patterns import ATTACHMENT_EXT, SKIP_HREF, TRUNCATED_TITLE_RE
from tasks.text.titles import title_verdict


def is_report_title(title: str) -> bool:
    """A link title that names a law-based-government report (tasks/text/titles.py)."""
    title = " ".join(title.split())
    if ATTACHMENT_EXT.search(title):  # 附件 links often read "xxx报告.pdf"
        title = ATTACHMENT_EXT.sub("", title)
    return title_verdict(title) == "report"


def clean_url(href: str, base_url: str) -> str | None:
    """Absolute http(s) URL without fragment, or None for javascript:/mailto:/anchors."""
    href = href.strip()
    if not href or SKIP_HREF.match(href):
        return None
    parts = urlsplit(urljoin(base_url, href))
    if parts.scheme not in ("http", "https"):
        return None
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def links(page_html: str, base_url: str) -> list[tuple[str, str]]:
    """(absolute URL, link title) for every followable <a>; title is the longer of the
    link text and its title attribute, and the attribute when the text is cut with "…"/"...",
    since lists truncate long titles."""
    tree = parse_html(page_html)
    base = tree.xpath("//base/@href")
    base_url = urljoin(base_url, base[0]) if base else base_url
    found = []
    for anchor in tree.iter("a"):
        url = clean_url(anchor.get("href") or "", base_url)
        if url is None:
            continue
        text = " ".join(anchor.text_content().split())
        attr = " ".join((anchor.get("title") or "").split())
        # a cut text ("XX镇2023年法治政府建设...") yields to the title attribute's whole title
        cut = TRUNCATED_TITLE_RE.search(text)
        found.append((url, attr if attr and (cut or len(attr) > len(text)) else text))
    return found


def report_links(page_html: str, base_url: str) -> list[str]:
    """Report URLs linked from a column page, in page order, each once."""
    return _unique(url for url, title in links(page_html, base_url) if is_report_title(title))


def _column_dir(url: str) -> str:
    return posixpath.dirname(urlsplit(url).path)


def script_pager_links(page_html: str, page_url: str) -> list[str]:
    """List pages a TRS createPageHTML(count, current, prefix, ext) script would link."""
    found = []
    for match in SCRIPT_PAGER.finditer(page_html):
        count, prefix, ext = int(match.group(1)), match.group(3), match.group(4)
        found += [urljoin(page_url, f"{prefix}.{ext}" if n == 0 else f"{prefix}_{n}.{ext}")
                  for n in range(count)]
    return found


def pagination_links(page_html: str, page_url: str, column_url: str) -> list[str]:
    """Other list pages of the same column: 下一页-style links, numbered page URLs
    (index_1.html, ?page=2) in the column's directory, and script-drawn pagers."""
    found = script_pager_links(page_html, page_url)
    for url, title in links(page_html, page_url):
        if NEXT_PAGE_TEXT.match(title):
            found.append(url)
        elif PAGE_URL.search(url) and _column_dir(url) == _column_dir(column_url):
            found.append(url)
    return _unique(found)


def _unique(urls) -> list[str]:
    return list(dict.fromkeys(urls))
