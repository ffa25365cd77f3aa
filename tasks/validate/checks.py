"""Every check of a batch: the GX suites, the cross-fact checks and the near-duplicate check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tasks.records import Batch, Extraction, QualityResult, report_id_for
from tasks.validate.cross import cross_fact_checks
from tasks.validate.duplicates import near_duplicates
from tasks.validate.frames import facts_frame, reports_frame
from tasks.validate.suites import latest_results, run_suite


def validate(items: Sequence[tuple[str, Extraction]]) -> list[QualityResult]:
    """All checks for a batch of (report_id, extraction): GX suites, cross-fact, near-duplicates."""
    if not items:
        return []
    report_ids = [report_id for report_id, _ in items]
    results = run_suite("reports", reports_frame(items), report_ids)
    results += run_suite("facts", facts_frame(items), report_ids)
    for report_id, extraction in items:
        results += cross_fact_checks(report_id, extraction.facts, extraction.body)
    results += near_duplicates(items)
    return results


def validate_batch(batch: Batch) -> Batch:
    """Quality results for every extracted report of the batch."""
    items = [(report_id_for(doc.url), extraction)
             for doc, extraction in zip(batch.docs, batch.extractions, strict=True) if extraction]
    quality = validate(items)
    quality += [QualityResult(report_id_for(doc.url), "control_characters_removed", False,
                              f"{doc.controls_removed} control characters removed", "none",
                              "warning", "decode")
                for doc, extraction in zip(batch.docs, batch.extractions, strict=True)
                if extraction and doc.controls_removed]
    return replace(batch, quality=quality, gx_results=latest_results() if items else {})
