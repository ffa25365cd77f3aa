"""Every check of a batch: the GX suites, the cross-fact checks and the near-duplicate check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tasks.identity import minhash, report_id_of, shingle_hashes
from tasks.records import Batch, Extraction, QualityResult
from tasks.validate.cross import cross_fact_checks
from tasks.validate.duplicates import near_duplicates
from tasks.validate.frames import facts_frame, reports_frame
from tasks.validate.suites import latest_results, run_suite


def validate(items: Sequence[tuple[str, Extraction]], shingles: Sequence | None = None,
             report_ids: Sequence[str] | None = None,
             signatures: Sequence | None = None) -> list[QualityResult]:
    """All checks for a batch of (key, extraction): GX suites, cross-fact, near-duplicates.
    Rows are named by each item's key; ``report_ids`` (aligned) tells the near-duplicate check
    which items are one report under two URLs."""
    if not items:
        return []
    keys = [key for key, _ in items]
    results = run_suite("reports", reports_frame(items), keys)
    results += run_suite("facts", facts_frame(items), keys)
    for key, extraction in items:
        results += cross_fact_checks(key, extraction.facts, extraction.body)
    results += near_duplicates(items, shingles, report_ids, signatures)
    return results


def validate_batch(batch: Batch) -> Batch:
    """Quality results for every extracted report of the batch, and the MinHash signature of
    each body for the whole-warehouse near-duplicate lookup the writer does.

    Checks run per document (keyed by URL: two URLs of one report in a batch are two
    documents, and loading keeps the rows of the one the warehouse shows); each row then gets
    its report id (tasks/identity.py) and keeps its URL."""
    items = [(doc.url, extraction)
             for doc, extraction in zip(batch.docs, batch.extractions, strict=True) if extraction]
    report_ids = {url: report_id_of(extraction.report, url) for url, extraction in items}
    shingles = [shingle_hashes(extraction.body or "") for _, extraction in items]
    # one signature a body, for the batch's pairs here and the warehouse's in the writer
    signatures = [minhash(h) for h in shingles]
    quality = [replace(row, report_id=report_ids[row.report_id], url=row.report_id)
               for row in validate(items, shingles, [report_ids[url] for url, _ in items],
                                   signatures)]
    quality += [QualityResult(report_ids[doc.url], "control_characters_removed", False,
                              f"{doc.controls_removed} control characters removed", "none",
                              "warning", "decode", url=doc.url)
                for doc, extraction in zip(batch.docs, batch.extractions, strict=True)
                if extraction and doc.controls_removed]
    return replace(batch, quality=quality,
                   signatures={url: sig for (url, _), sig in zip(items, signatures, strict=True)},
                   gx_results=latest_results() if items else {})
