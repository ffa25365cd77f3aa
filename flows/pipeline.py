"""How the flows move batches through the stages: chained futures, a bounded window, one writer.

Each batch's stages are submitted as a chain of futures, so on the thread runner a batch is
fetched while the previous one is extracted, and on a Dask cluster the CPU-bound stages run
on the workers. Loading stays in the flow, one batch at a time: DuckDB has a single writer.
At most ``window`` batches are in flight, so memory stays flat however many reports a run has.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tasks.extract import extract_batch
from tasks.load import LoadCounts, load_batch, record_failed_batch_task
from tasks.normalize import normalize_batch
from tasks.strip import strip_batch
from tasks.validate import validate_batch

progress = logging.getLogger("fazhi.progress")
T = TypeVar("T")


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


@dataclass
class RunSummary:
    """What a harvest or reprocess did; printed by the CLI and stored in ``runs``."""

    run_id: str
    warehouse: str
    sources: int = 0
    urls: int = 0
    reports: int = 0
    facts: int = 0
    rejected: int = 0
    unchanged: int = 0
    fetch_errors: int = 0
    quality_failures: int = 0
    new_alerts: int = 0
    errors_by_class: dict[str, int] = field(default_factory=dict)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    def add(self, counts: LoadCounts) -> None:
        self.reports += counts.reports
        self.facts += counts.facts
        self.rejected += counts.rejected
        self.unchanged += counts.unchanged
        self.quality_failures += counts.quality_failures
        for error, n in counts.fetch_errors.items():
            self.fetch_errors += n
            self.errors_by_class[error] = self.errors_by_class.get(error, 0) + n

    def run_row(self) -> dict:
        return {"run_id": self.run_id, "started_at": self.started_at,
                "finished_at": datetime.now(UTC).replace(tzinfo=None), "sources": self.sources,
                "urls": self.urls, "reports": self.reports, "facts": self.facts,
                "fetch_errors": self.fetch_errors, "alerts": self.new_alerts}


class BatchPipeline:
    """Submit strip → normalize → extract → validate for each fetched batch; load in order."""

    def __init__(self, warehouse: Path, summary: RunSummary, window: int) -> None:
        self.warehouse, self.summary, self.window = warehouse, summary, max(1, window)
        self.in_flight: deque = deque()

    def add(self, fetched: Any, urls: list[str], source_id: str | None = None) -> None:
        """``fetched`` is a Batch or a future of one (from fetch or the raw store) holding
        ``urls``; they are named if a stage crashes on the batch."""
        validated = validate_batch.submit(
            extract_batch.submit(normalize_batch.submit(strip_batch.submit(fetched))))
        self.in_flight.append((validated, urls, source_id))
        while len(self.in_flight) >= self.window:
            self._load_oldest()

    def _load_oldest(self) -> None:
        validated, urls, source_id = self.in_flight.popleft()
        try:
            counts = load_batch(self.warehouse, validated, self.summary.run_id)
        except Exception as exc:  # noqa: BLE001 (a bug in a stage must not end the run)
            reason = f"pipeline_error: {exc.__class__.__name__}: {exc}"
            progress.warning("a batch of %d reports failed: %s", len(urls), reason)
            record_failed_batch_task(self.warehouse, urls, reason, source_id)
            counts = LoadCounts(rejected=len(urls),
                                fetch_errors={"pipeline_error": len(urls)})
        self.summary.add(counts)
        progress.info("%d reports loaded, %d unchanged, %d facts, %d pages rejected, "
                      "%d failed fetch attempts", self.summary.reports, self.summary.unchanged,
                      self.summary.facts, self.summary.rejected, self.summary.fetch_errors)

    def finish(self) -> RunSummary:
        while self.in_flight:
            self._load_oldest()
        return self.summary
