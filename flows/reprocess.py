"""Rebuild reports, facts and quality results from the raw store, with no network."""

from __future__ import annotations

import uuid

from prefect import flow
from prefect.utilities.annotations import quote

from fazhi.settings import Settings
from flows.batches import BatchWindow, RunSummary, batches, notify, reprocess_batch
from tasks.load.schema import run_lock
from tasks.load.tasks import record_run_task, stored_documents_task


@flow(name="reprocess", log_prints=False)
def reprocess(warehouse: str | None = None) -> RunSummary:
    """Run strip → … → load again over every stored document (after a rule changed)."""
    settings = Settings.from_env(warehouse)
    with run_lock(settings.warehouse_path):
        return _reprocess(settings)


def _reprocess(settings: Settings) -> RunSummary:
    load = settings.load()
    summary = RunSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(settings.warehouse_path))
    rows = stored_documents_task(settings.warehouse_path)
    summary.urls = len(rows)
    window = BatchWindow(load, summary, settings.batches_in_flight, settings.batch_size)
    for row_batch in batches(rows, settings.batch_size):
        # quote: the rows hold no futures, and Prefect would walk every one of them looking
        window.add(reprocess_batch.submit(quote(row_batch), settings.raw_dir),
                   [(None, [row["url"] for row in row_batch])])
    window.finish()
    summary.new_alerts = notify(load, settings.notify(), summary.run_id)
    record_run_task(load, summary.run_row(), [])
    return summary
