"""Time the pure stage functions, batch by batch, without Prefect: a harvest and a reprocess.

``direct_harvest`` does what flows/harvest.py does for each batch (fetch → strip → normalize →
extract → validate → load, the load opening its own connection as the load task does) with a
perf_counter around each stage, and keeps only what scoring needs, so memory stays flat in N.
``reprocess`` rebuilds the same documents from the raw store (no HTTP) and runs the stages
again into a fresh warehouse. Both are sequential: the no-Prefect baseline of the flows.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from fazhi.config import Settings
from tasks.extract import extract
from tasks.fetch import discover_reports, document_from_raw, fetch_reports, load_sources
from tasks.load import assemble, load_fetch_attempts, load_processed
from tasks.normalize import normalize_page
from tasks.records import FetchedDocument
from tasks.strip import strip
from tasks.validate import validate
from tasks.warehouse import connect, latest_documents

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


def _process(docs: list[FetchedDocument], attempts: list, settings: Settings, times: StageTimes,
             run_id: str, keep: Callable[[FetchedDocument, object], None] | None) -> None:
    with times.timed("strip", len(docs)):
        stripped = [strip(doc) for doc in docs]
    with times.timed("normalize", len(docs)):
        pages = [normalize_page(page) for page in stripped]
    ok = [(doc, page) for doc, page in zip(docs, pages, strict=True) if page.status == "ok"]
    with times.timed("extract", len(ok)):
        extractions = [(doc.url, extract(page, doc.region_hint)) for doc, page in ok]
    items = assemble(docs, pages, extractions)
    accepted = [(i.report_id, i.extraction) for i in items if i.extraction]
    with times.timed("validate", len(accepted)):
        quality = validate(accepted)
    with times.timed("load", len(items)):
        con = connect(settings.warehouse_path)
        try:
            load_fetch_attempts(con, attempts, run_id)
            counts = load_processed(con, items, quality)
        finally:
            con.close()
    times.reports += counts.reports
    times.rejected += counts.rejected
    times.facts += counts.facts
    if keep:
        for item in items:
            keep(item.doc, item.extraction)


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

    for source in load_sources(sources_file, base_url):
        with run.times.timed("fetch"):
            urls, list_attempts = discover_reports(source, settings)
        for start in range(0, len(urls), batch_size):
            with run.times.timed("fetch"):
                docs, attempts = fetch_reports(urls[start:start + batch_size], source, settings)
            run.times.docs["fetch"] += len(docs)
            _process(docs, list_attempts + attempts, settings, run.times, "bench-direct", keep)
            list_attempts = []
    run.wall = time.perf_counter() - started
    return run


def reprocess(source_warehouse: Path, warehouse: Path, batch_size: int = 50) -> StageTimes:
    """The stages again on every document of source_warehouse, read back from its raw store
    (tasks.fetch.document_from_raw, as `fazhi reprocess` does), into a fresh warehouse."""
    settings = bench_settings(warehouse)
    raw_dir = source_warehouse.parent / "raw"
    times = StageTimes()
    with times.timed("read raw"):
        rows = latest_documents(source_warehouse)
    for start in range(0, len(rows), batch_size):
        batch = rows[start:start + batch_size]
        with times.timed("read raw", len(batch)):
            docs = [document_from_raw(row, raw_dir) for row in batch]
        _process(docs, [], settings, times, "bench-reprocess", None)
    return times
