"""The nightly harvest: fetch → strip → normalize → extract → validate → load, batch by batch."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from prefect import flow

from fazhi.config import Settings
from tasks.extract import extract_batch
from tasks.fetch import discover_task, fetch_batch, load_sources
from tasks.load import LoadCounts, assemble, load_batch, record_run_task
from tasks.normalize import normalize_batch
from tasks.notify import notify_task
from tasks.records import FetchAttempt, FetchedDocument
from tasks.strip import strip_batch
from tasks.validate import data_docs_task, validate_batch

progress = logging.getLogger("fazhi.progress")
T = TypeVar("T")


@dataclass
class HarvestSummary:
    run_id: str
    warehouse: str
    sources: int = 0
    urls: int = 0
    reports: int = 0
    facts: int = 0
    rejected: int = 0
    fetch_errors: int = 0
    quality_failures: int = 0
    new_alerts: int = 0
    errors_by_class: dict[str, int] = field(default_factory=dict)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    def run_row(self) -> dict:
        return {"run_id": self.run_id, "started_at": self.started_at,
                "finished_at": datetime.now(UTC).replace(tzinfo=None), "sources": self.sources,
                "urls": self.urls, "reports": self.reports, "facts": self.facts,
                "fetch_errors": self.fetch_errors, "alerts": self.new_alerts}

    def add(self, counts: LoadCounts, attempts: Sequence[FetchAttempt]) -> None:
        self.reports += counts.reports
        self.facts += counts.facts
        self.rejected += counts.rejected
        self.quality_failures += counts.quality_failures
        for attempt in attempts:
            if attempt.error:
                self.fetch_errors += 1
                self.errors_by_class[attempt.error] = self.errors_by_class.get(attempt.error, 0) + 1


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def process_batch(docs: list[FetchedDocument], attempts: list[FetchAttempt], settings: Settings,
                  run_id: str) -> LoadCounts:
    """The stages after fetch for one batch; shared by harvest and reprocess."""
    pages = normalize_batch(strip_batch(docs))
    extractions = extract_batch(
        [(doc.url, page, doc.region_hint) for doc, page in zip(docs, pages, strict=True)
         if page.status == "ok"]
    )
    items = assemble(docs, pages, extractions)
    quality = validate_batch([(i.report_id, i.extraction) for i in items if i.extraction])
    return load_batch(settings.warehouse_path, items, quality, attempts, run_id)


@flow(name="harvest", log_prints=False)
def harvest(sources_file: str, warehouse: str | None = None, portal_base: str | None = None,
            alert_webhook: str | None = None) -> HarvestSummary:
    """Harvest every source in a sources CSV into the warehouse."""
    settings = Settings.from_env(warehouse)
    summary = HarvestSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(settings.warehouse_path))
    sources = load_sources(Path(sources_file), portal_base)
    summary.sources = len(sources)
    for source in sources:
        urls, list_attempts = discover_task(source, settings)
        summary.urls += len(urls)
        progress.info("%s: %d report links found", source["source_id"], len(urls))
        pending_attempts = list_attempts
        for batch in batches(urls, settings.batch_size):
            docs, attempts = fetch_batch(batch, source, settings)
            attempts = pending_attempts + attempts
            pending_attempts = []
            counts = process_batch(docs, attempts, settings, summary.run_id)
            summary.add(counts, attempts)
            progress.info("%s: %d/%d fetched, %d reports loaded so far",
                          source["source_id"], summary.reports + summary.rejected,
                          summary.urls, summary.reports)
        if pending_attempts:  # nothing to fetch, but the list page failure must be recorded
            summary.add(process_batch([], pending_attempts, settings, summary.run_id),
                        pending_attempts)
    summary.new_alerts = notify_task(settings.warehouse_path, alert_webhook, summary.run_id)
    data_docs_task(settings.warehouse_path.parent / "data_docs")
    record_run_task(settings.warehouse_path, summary.run_row(), sources)
    return summary
