"""Time the stages, batch by batch, without Prefect: a harvest and a reprocess.

``direct_harvest`` does what flows/harvest.py does for each batch (fetch, then
fazhi.pipeline.process — the one strip → normalize → extract → validate path every caller
uses, which times each stage on the batch — then load, on a connection of its own as the load
task does), and keeps only what scoring needs, so memory stays flat in N. ``reprocess``
rebuilds the same documents from the raw store (no HTTP) and runs the stages again into a
fresh warehouse. Both are sequential: the no-Prefect baseline of the flows.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from fazhi.pipeline import process
from fazhi.settings import Settings
from tasks.discover.crawl import discover_reports
from tasks.discover.sources import load_sources
from tasks.fetch.documents import fetch_reports, read_raw_batch
from tasks.load.batch import write_batch
from tasks.load.schema import connect
from tasks.load.state import stored_documents
from tasks.records import Batch, FetchedDocument

STAGES = ("fetch", "strip", "normalize", "extract", "validate", "load")


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    docs: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    reports: int = 0
    rejected: int = 0
    facts: int = 0

    @contextmanager
    def timed(self, stage: str, docs: int = 0) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started
            self.docs[stage] += docs

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


@dataclass
class DirectRun:
    times: StageTimes
    extracted: dict[str, list[tuple[str, float]]]  # URL path -> (subject, value) per fact
    metadata: dict[str, dict]  # URL path -> report fields
    wall: float = 0.0


def bench_settings(warehouse: Path) -> Settings:
    """Settings for a loopback run: politeness off (no gap between requests to one host)."""
    return replace(Settings.from_env(warehouse), min_request_interval_s=0.0)


def _process(batch: Batch, settings: Settings, times: StageTimes, run_id: str,
             keep: Callable[[FetchedDocument, object], None] | None) -> None:
    batch = process(batch)
    accepted = sum(1 for extraction in batch.extractions if extraction is not None)
    for stage, docs in (("strip", len(batch.docs)), ("normalize", len(batch.docs)),
                        ("extract", accepted), ("validate", accepted)):
        times.seconds[stage] += batch.seconds[stage][0]
        times.docs[stage] += docs
    with times.timed("load", len(batch.docs)):
        con = connect(settings.warehouse_path)
        try:
            counts = write_batch(con, batch, run_id)
        finally:
            con.close()
    times.reports += counts.reports
    times.rejected += counts.rejected
    times.facts += counts.facts
    if keep:
        for doc, extraction in zip(batch.docs, batch.extractions, strict=True):
            keep(doc, extraction)


def direct_harvest(sources_file: Path, base_url: str, warehouse: Path,
                   batch_size: int = 50) -> DirectRun:
    """Every source of sources_file, fetched from the portal, through the stage functions."""
    settings = bench_settings(warehouse)
    run = DirectRun(StageTimes(), {}, {})
    started = time.perf_counter()

    def keep(doc: FetchedDocument, extraction) -> None:
        path = urlsplit(doc.url).path
        if extraction is None:
            run.metadata[path] = {}
            return
        run.extracted[path] = [(f.subject, f.value) for f in extraction.facts]
        run.metadata[path] = {k: getattr(extraction.report, k) for k in
                              ("town", "region_code", "report_year", "published", "script")}

    fetch = settings.fetch()
    for source in load_sources(sources_file, base_url):
        with run.times.timed("fetch"):
            urls, list_attempts = discover_reports(source, fetch, settings.max_list_pages)
        for start in range(0, len(urls), batch_size):
            with run.times.timed("fetch"):
                docs, attempts = fetch_reports(urls[start:start + batch_size], source, fetch)
            run.times.docs["fetch"] += len(docs)
            _process(Batch(source["source_id"], docs=docs, attempts=list_attempts + attempts),
                     settings, run.times, "bench-direct", keep)
            list_attempts = []
    run.wall = time.perf_counter() - started
    return run


def reprocess(source_warehouse: Path, warehouse: Path, batch_size: int = 50) -> StageTimes:
    """The stages again on every document of source_warehouse, read back from its raw store
    (tasks.fetch.documents.read_raw_batch, as `fazhi reprocess` does), into a fresh warehouse."""
    settings = bench_settings(warehouse)
    raw_dir = source_warehouse.parent / "raw"
    times = StageTimes()
    with times.timed("read raw"):
        rows = stored_documents(source_warehouse)
    for start in range(0, len(rows), batch_size):
        rows_batch = rows[start:start + batch_size]
        with times.timed("read raw", len(rows_batch)):
            batch = read_raw_batch(rows_batch, raw_dir)
        _process(batch, settings, times, "bench-reprocess", None)
    return times
