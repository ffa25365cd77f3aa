"""One document through strip → normalize → extract without Prefect, for `fazhi extract`.

The harvest flow runs the same stage functions in batches as Prefect tasks; this is the
single-document path a user runs on a file or URL to see what fazhi reads from it.
"""

from __future__ import annotations

from tasks.extract import extract

from tasks.normalize import normalize_page
from tasks.records import Extraction, FetchedDocument, NormalizedPage
from tasks.strip import strip


def process_document(doc: FetchedDocument) -> tuple[NormalizedPage, Extraction | None]:
    """Strip, normalize and extract one document; no extraction for a rejected page."""
    page = normalize_page(strip(doc))
    if page.status != "ok":
        return page, None
    return page, extract(page, doc.region_hint)
