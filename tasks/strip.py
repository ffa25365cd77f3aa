"""Strip page chrome (nav, breadcrumbs, widgets, footers) from HTML pages and flattened texts.

PROVISIONAL minimal version: the strip helper replaces it, keeping these signatures.
"""

from __future__ import annotations

from tasks.records import FetchedDocument, StrippedPage


def strip_text(text: str) -> StrippedPage:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = lines[0] if lines else None
    return StrippedPage(title=title, body="\n".join(lines[1:]), fields={})


def strip_html(html: str, url: str | None = None) -> StrippedPage:
    import lxml.html

    tree = lxml.html.fromstring(html)
    return strip_text(tree.text_content())


def strip(doc: FetchedDocument) -> StrippedPage:
    return strip_html(doc.text, doc.url) if doc.kind == "html" else strip_text(doc.text)
