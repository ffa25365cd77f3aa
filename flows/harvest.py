"""The nightly harvest: fetch → strip → normalize → extract → validate → load, batch by batch."""

from __future__ import annotations

import uuid
from collections import deque
from dataclasses import replace
from pathlib import Path

from prefect import flow
from prefect.utilities.annotations import quote

from fazhi.config import Settings
from flows.pipeline import BatchPipeline, RunSummary, batches, progress
from flows.runners import default_runner
from tasks.fetch import (
    discover_task,
    fetch_batch,
    load_sources,
    loaded_documents_task,
    recently_checked_task,
)
from tasks.load import load_batch, record_run_task
from tasks.notify import notify_task
from tasks.records import Batch
from tasks.validate import data_docs_task


@flow(name="harvest", log_prints=False, task_runner=default_runner())
def harvest(sources_file: str, warehouse: str | None = None, portal_base: str | None = None,
            alert_webhook: str | None = None, recheck_after_hours: float | None = None
            ) -> RunSummary:
    """Harvest every source in a sources CSV into the warehouse.

    Listed reports already loaded and fetched within ``recheck_after_hours`` (default: the
    setting, a week) are not requested again; 0 asks for every one, conditionally.
    """
    settings = Settings.from_env(warehouse)
    if recheck_after_hours is not None:
        settings = replace(settings, recheck_after_hours=recheck_after_hours)
    summary = RunSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(settings.warehouse_path))
    sources = load_sources(Path(sources_file), portal_base)
    summary.sources = len(sources)
    pipeline = BatchPipeline(settings.warehouse_path, summary, settings.batches_in_flight,
                             settings.batch_size)
    loaded = loaded_documents_task(settings.warehouse_path)
    fresh = recently_checked_task(settings.warehouse_path, settings.recheck_after_hours)
    for source in sources:
        urls, list_attempts = discover_task(source, settings)
        summary.urls += len(urls)
        due = [url for url in urls if url not in fresh]
        summary.not_due += len(urls) - len(due)
        summary.unchanged += len(urls) - len(due)
        progress.info("%s: %d report links found, %d due", source["source_id"], len(urls),
                      len(due))
        summary.add(load_batch(settings.warehouse_path,
                               Batch(source["source_id"], attempts=list_attempts),
                               summary.run_id))
        lanes = source.get("max_concurrency", 1)  # a source's batches fetching at once
        recent: deque = deque(maxlen=lanes)
        for url_batch in batches(due, settings.batch_size):
            recent.append(fetch_batch.submit(
                url_batch, source, settings, {u: loaded[u] for u in url_batch if u in loaded},
                wait_for=[recent[0]] if len(recent) == lanes else None))
            pipeline.add_fetched(recent[-1], url_batch, source["source_id"])
    pipeline.finish()
    summary.new_alerts = notify_task(settings.warehouse_path, alert_webhook, summary.run_id)
    if pipeline.gx_results:  # a run that validated nothing leaves the last docs as they are
        # submitted, so GX (and its memory) is loaded where batches are validated, not here
        data_docs_task.submit(settings.warehouse_path.parent / "data_docs",
                              quote(pipeline.gx_results)).result()
    record_run_task(settings.warehouse_path, summary.run_row(), sources)
    return summary
