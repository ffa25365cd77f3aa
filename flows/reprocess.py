"""Rebuild reports, facts and quality results from the raw store, with no network."""

from __future__ import annotations

import uuid

from prefect import flow

from fazhi.config import Settings
from flows.harvest import HarvestSummary, batches, process_batch
from tasks.fetch import read_raw_batch, stored_documents_task
from tasks.notify import notify_task


@flow(name="reprocess", log_prints=False)
def reprocess(warehouse: str | None = None) -> HarvestSummary:
    """Run strip → … → load again over every stored document (after a rule changed)."""
    settings = Settings.from_env(warehouse)
    summary = HarvestSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(settings.warehouse_path))
    rows = stored_documents_task(settings.warehouse_path)
    summary.urls = len(rows)
    for batch in batches(rows, settings.batch_size):
        docs, unreadable = read_raw_batch(batch, settings.raw_dir)
        if unreadable:
            summary.fetch_errors += len(unreadable)
            summary.errors_by_class["unreadable_raw"] = (
                summary.errors_by_class.get("unreadable_raw", 0) + len(unreadable))
        summary.add(process_batch(docs, [], settings, summary.run_id), [])
    summary.new_alerts = notify_task(settings.warehouse_path, None, summary.run_id)
    return summary
