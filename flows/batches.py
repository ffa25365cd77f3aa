"""How the flows move batches through the stages: one task a batch, a bounded window, one writer.

A batch is fetched (or read from the raw store), stripped, normalized, extracted and validated
in one task run: on the process runner that run happens in a worker process, so the batch is
pickled once each way and the CPU-bound stages use every core; Prefect's bookkeeping (and
GX's ~0.35 s a suite run) is paid once a batch, not once a stage. A harvest fetches each
source in its own batches, and processes them ``batch_size`` reports at a time, so the few
dozen reports of a small portal share a batch with the next sources'. Loading stays in the
flow, one batch at a time: DuckDB has a single writer. At most ``window`` batches are in
flight, so memory stays flat however many reports a run has.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from fazhi.pipeline import process
from tasks.fetch.documents import read_raw_batch
from tasks.load.batch import LoadCounts, keep_for_load
from tasks.load.schema import LoadSettings
from tasks.load.tasks import load_batch, record_failed_batch_task
from tasks.notify.alerts import NotifySettings, send_alerts
from tasks.notify.tasks import mark_sent_task, new_alerts_task
from tasks.records import Batch, merge_batches, timed

progress = logging.getLogger("fazhi.progress")
T = TypeVar("T")
# A batch of 400 takes tens of seconds: say what is being waited for at least this often.
HEARTBEAT_S = 15.0


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


@task(name="process", cache_policy=NO_CACHE)
def process_batch(fetched: list[Batch]) -> Batch:
    """Take fetched batches, of one source or of several small ones, through validation as
    one batch (fetch stays its own task: a source's politeness limits how many of its batches
    fetch at once, not how many are processed). The texts loading does not read are dropped
    before the batch travels back to the flow."""
    return keep_for_load(process(merge_batches(fetched)))


@task(name="reprocess-batch", cache_policy=NO_CACHE)
def reprocess_batch(rows: list[dict], raw_dir: Path) -> Batch:
    """Read a batch of stored documents from the raw store and take it through validation."""
    return keep_for_load(process(timed("read raw", read_raw_batch, rows, raw_dir)))


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
    unchanged: int = 0  # the same as loaded: fetched again, or not due (below)
    not_due: int = 0  # of those, not asked for: fetched within recheck_after_hours
    fetch_errors: int = 0
    batches: int = 0  # process task runs (small sources share one)
    quality_failures: int = 0
    new_alerts: int = 0
    errors_by_class: dict[str, int] = field(default_factory=dict)
    # stage → [wall, CPU] seconds summed over the run's batches (where the work ran)
    stage_seconds: dict[str, list[float]] = field(default_factory=dict)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    def add(self, counts: LoadCounts, seconds: dict[str, tuple[float, float]] | None = None
            ) -> None:
        for stage, (wall, cpu) in (seconds or {}).items():
            total = self.stage_seconds.setdefault(stage, [0.0, 0.0])
            total[0] += wall
            total[1] += cpu
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


def _sources(urls: list[tuple[str | None, list[str]]]) -> str:
    names = list(dict.fromkeys(source or "?" for source, _ in urls))
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


class BatchWindow:
    """Hold the futures of submitted batch tasks; load their batches in order."""

    def __init__(self, load: LoadSettings, summary: RunSummary, window: int,
                 batch_size: int, heartbeat_s: float = HEARTBEAT_S) -> None:
        self.load, self.summary, self.window = load, summary, max(1, window)
        self.batch_size = batch_size
        self.heartbeat_s = heartbeat_s
        self.started = time.monotonic()
        self.in_flight: deque = deque()
        self.gx_results: dict[str, tuple[tuple, str]] = {}  # the last validated batch's
        self.fetched: list[Any] = []  # fetch futures not yet given to a process task
        self.fetched_urls: list[tuple[str | None, list[str]]] = []

    def add_fetched(self, fetched: Any, urls: list[str], source_id: str | None) -> None:
        """``fetched`` is a future of a fetched Batch holding ``urls`` of one source. Batches
        are processed ``batch_size`` reports at a time, small sources together."""
        self.fetched.append(fetched)
        self.fetched_urls.append((source_id, urls))
        if sum(len(urls) for _, urls in self.fetched_urls) >= self.batch_size:
            self._process_fetched()

    def _process_fetched(self) -> None:
        if self.fetched:
            self.add(process_batch.submit(self.fetched), self.fetched_urls)
            self.fetched, self.fetched_urls = [], []

    def add(self, processed: Any, urls: list[tuple[str | None, list[str]]]) -> None:
        """``processed`` is a future of a validated Batch holding ``urls`` (by source); they
        are named if the batch's task crashes."""
        self.in_flight.append((processed, urls))
        while len(self.in_flight) >= self.window:
            self._load_oldest()

    def _wait(self, future: Any, urls: list[tuple[str | None, list[str]]]) -> None:
        """Wait for a batch's task, saying every ``heartbeat_s`` what is still running.
        Done-ness comes from the runner's own future (thread, process or Dask): asking the
        Prefect future for its state instead reads it from the API, and from a flow on the
        ephemeral API that call stopped the server under the running flow."""
        wrapped = getattr(future, "wrapped_future", None)
        if not callable(getattr(wrapped, "done", None)):
            return
        while not wrapped.done():
            future.wait(timeout=self.heartbeat_s)
            if wrapped.done():
                return
            progress.info("still at batch %d (%d reports of %s), %d more in flight, %.0f s "
                          "into the run", self.summary.batches + 1,
                          sum(len(u) for _, u in urls), _sources(urls), len(self.in_flight),
                          time.monotonic() - self.started)

    def _load_oldest(self) -> None:
        validated, urls = self.in_flight.popleft()
        seconds = None
        try:
            self._wait(validated, urls)
            batch = validated.result()
            seconds = batch.seconds
            self.gx_results = batch.gx_results or self.gx_results
            # quote: Prefect would otherwise walk every document of the batch for futures
            counts = load_batch(self.load, quote(batch), self.summary.run_id)
        except Exception as exc:  # noqa: BLE001 (a bug in a stage must not end the run)
            reason = f"pipeline_error: {exc.__class__.__name__}: {exc}"
            failed = sum(len(source_urls) for _, source_urls in urls)
            progress.warning("a batch of %d reports failed: %s", failed, reason)
            for source_id, source_urls in urls:
                record_failed_batch_task(self.load, source_urls, reason, source_id)
            counts = LoadCounts(rejected=failed, fetch_errors={"pipeline_error": failed})
        self.summary.add(counts, seconds)
        self.summary.batches += 1
        done = (self.summary.reports + self.summary.rejected + self.summary.unchanged
                - self.summary.not_due)  # reports taken through the stages so far
        elapsed = time.monotonic() - self.started
        progress.info("batch %d (%s): %d reports · so far %d reports loaded, %d unchanged, "
                      "%d facts, %d pages rejected, %d failed fetch attempts · %.1f reports/s "
                      "over %.0f s",
                      self.summary.batches, _sources(urls), sum(len(u) for _, u in urls),
                      self.summary.reports, self.summary.unchanged, self.summary.facts,
                      self.summary.rejected, self.summary.fetch_errors,
                      done / elapsed if elapsed > 0 else 0.0, elapsed)

    def finish(self) -> RunSummary:
        self._process_fetched()
        while self.in_flight:
            self._load_oldest()
        return self.summary


def notify(load: LoadSettings, settings: NotifySettings, run_id: str) -> int:
    """Announce a run's new alerts; how many there were. Read in one write window, posted
    with the file released (readers and the posts do not wait on each other), recorded in
    another. Posting is a plain call in the flow process: the webhook URL in ``settings``
    never becomes a task's parameter."""
    alerts = new_alerts_task(load)
    told = send_alerts(alerts, settings, run_id)
    mark_sent_task(load, told)
    return len(alerts)
