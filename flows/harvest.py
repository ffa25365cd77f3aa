"""The nightly harvest: fetch → strip → normalize → extract → validate → load, batch by batch."""

from __future__ import annotations

import uuid
from collections import deque
from pathlib import Path

from prefect import flow
from prefect.utilities.annotations import quote

from fazhi.settings import Settings
from flows.batches import BatchWindow, RunSummary, batches, notify, progress
from tasks.discover.sources import load_sources
from tasks.discover.tasks import discover_task
from tasks.fetch.tasks import fetch_batch
from tasks.load.schema import run_lock
from tasks.load.tasks import (
    load_batch,
    loaded_documents_task,
    recently_checked_task,
    record_run_task,
)
from tasks.records import Batch
from tasks.validate.tasks import data_docs_task


@flow(name="harvest", log_prints=False)
def harvest(sources_file: str, warehouse: str | None = None, portal_base: str | None = None,
            recheck_after_hours: float | None = None) -> RunSummary:
    """Harvest every source in a sources CSV into the warehouse.

    Listed reports already loaded and fetched within ``recheck_after_hours`` (default: the
    setting, a week) are not requested again; 0 asks for every one, conditionally. The
    webhook for new alerts comes from FAZHI_ALERT_WEBHOOK, read here: never a parameter,
    so it is not stored with the flow run. One run at a time per warehouse (its run lock).
    """
    settings = Settings.from_env(warehouse).with_recheck(recheck_after_hours)
    with run_lock(settings.warehouse_path):
        return _harvest(settings, sources_file, portal_base)


def _harvest(settings: Settings, sources_file: str, portal_base: str | None) -> RunSummary:
    load, fetch = settings.load(), settings.fetch()
    summary = RunSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(settings.warehouse_path))
    sources = load_sources(Path(sources_file), portal_base)
    summary.sources = len(sources)
    window = BatchWindow(load, summary, settings.batches_in_flight, settings.batch_size)
    loaded = loaded_documents_task(load)
    fresh = recently_checked_task(settings.warehouse_path, settings.recheck_after_hours)
    for source in sources:
        found = discover_task(source, fetch, settings.max_list_pages)
        source["detected_platform"] = found.platform  # recorded with the run's sources
        urls = found.urls
        summary.urls += len(urls)
        due = [url for url in urls if url not in fresh]
        summary.not_due += len(urls) - len(due)
        summary.unchanged += len(urls) - len(due)
        progress.info("%s (%s): %d report links found, %d due, %d look-alikes turned down",
                      source["source_id"], found.platform, len(urls), len(due),
                      len(found.rejected))
        summary.add(load_batch(load, Batch(source["source_id"], attempts=found.attempts,
                                           rejected=found.rejected), summary.run_id))
        lanes = source.get("max_concurrency", 1)  # a source's batches fetching at once
        recent: deque = deque(maxlen=lanes)
        for url_batch in batches(due, settings.batch_size):
            recent.append(fetch_batch.submit(
                url_batch, source, fetch, {u: loaded[u] for u in url_batch if u in loaded},
                wait_for=[recent[0]] if len(recent) == lanes else None))
            window.add_fetched(recent[-1], url_batch, source["source_id"])
    window.finish()
    summary.new_alerts = notify(load, settings.notify(), summary.run_id)
    if window.gx_results:  # a run that validated nothing leaves the last docs as they are
        # submitted, so GX (and its memory) is loaded where batches are validated, not here
        data_docs_task.submit(settings.warehouse_path.parent / "data_docs",
                              quote(window.gx_results)).result()
    record_run_task(load, summary.run_row(), sources)
    return summary
