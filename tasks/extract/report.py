"""One normalized report → its Extraction: metadata, facts in their sections, outline, keywords."""

from __future__ import annotations

import re
from dataclasses import replace

from tasks.budget import OverBudget, document_budget
from tasks.extract.facts import extract_facts
from tasks.extract.keywords import extract_keywords
from tasks.extract.metadata import extract_metadata, year_conflict
from tasks.extract.regions import host_region
from tasks.extract.relations import reindex_parts
from tasks.extract.sections import extract_sections, section_kind_at
from tasks.records import Batch, Extraction, Fact, NormalizedPage, ReportMeta
from tasks.text.numerals import CHINESE_DIGITS


def _outside_place_names(facts: list[Fact], body: str, report: ReportMeta) -> list[Fact]:
    """Drop numbers inside the report's own place names (三十家子镇, 十家堡镇, 三元…乡)."""
    names = {n for n in (report.town, report.county, report.city, report.issuer) if n}
    spans = [
        (m.start(), m.end())
        for name in names
        if any(ch.isdigit() or ch in CHINESE_DIGITS or ch in "十百千" for ch in name)
        for m in re.finditer(re.escape(name), body)
    ]
    kept = [f for f in facts if not any(s <= f.start < e for s, e in spans)]
    return reindex_parts(facts, kept)


def extract(page: NormalizedPage, region_hint: str | None = None,
            file_name: str | None = None) -> Extraction:
    """Metadata, facts (with their section), outline and keywords of one normalized report;
    ``file_name``: the attachment's URL or name the report was read from, if any."""
    report = extract_metadata(page, region_hint)
    facts = _outside_place_names(
        extract_facts(page.body, report.report_year), page.body, report
    )
    sections = extract_sections(page.body, report.report_year)
    for fact in facts:
        fact.section = section_kind_at(sections, fact.start)
    return Extraction(
        report=report,
        body=page.body,
        facts=facts,
        sections=sections,
        keywords=extract_keywords(page.body),
        year_conflict=year_conflict(report, page, file_name),
    )


def extract_batch(batch: Batch) -> Batch:
    """Extract every page of the batch that strip accepted as a report."""
    pages, extractions = [], []
    for doc, page in zip(batch.docs, batch.pages, strict=True):
        extraction = None
        if page.status == "ok":
            # A failure rejects this report with its reason, never the rest of the batch.
            try:
                # The source's own hint, else the place the portal's host names.
                with document_budget(batch.budget_s):
                    extraction = extract(page, doc.region_hint or host_region(doc.url),
                                         doc.attachment_url)
            except OverBudget as exc:
                page = replace(page, status=f"over_budget: extract took {exc}")
            except Exception as exc:  # noqa: BLE001
                page = replace(page, status=f"extract_error: {exc.__class__.__name__}")
        pages.append(page)
        extractions.append(extraction)
    return replace(batch, pages=pages, extractions=extractions)
