"""The load stage's Prefect tasks: the single writer's loads and the state reads flows ask for."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.load.batch import LoadCounts, record_failed_batch, record_run, write_batch
from tasks.load.schema import LoadSettings, writer
from tasks.load.state import loaded_documents, recently_checked, stored_documents
from tasks.records import Batch


@task(name="load", cache_policy=NO_CACHE)
def load_batch(settings: LoadSettings, batch: Batch, run_id: str) -> LoadCounts:
    """Write one batch in a write window of the run's single writer."""
    with writer(settings) as con:
        return write_batch(con, batch, run_id)


@task(name="record-failed-batch", cache_policy=NO_CACHE)
def record_failed_batch_task(settings: LoadSettings, urls: list[str], reason: str,
                             source_id: str | None) -> None:
    with writer(settings) as con:
        record_failed_batch(con, urls, reason, source_id)


@task(name="record-run", cache_policy=NO_CACHE)
def record_run_task(settings: LoadSettings, run: dict, sources: list[dict]) -> None:
    """The run's last write."""
    with writer(settings) as con:
        record_run(con, run, sources)


@task(name="loaded-documents", cache_policy=NO_CACHE)
def loaded_documents_task(settings: LoadSettings) -> dict[str, tuple[str | None, str | None]]:
    return loaded_documents(settings)


@task(name="recently-checked", cache_policy=NO_CACHE)
def recently_checked_task(warehouse: Path, hours: float) -> set[str]:
    return recently_checked(warehouse, hours)


@task(name="stored-documents", cache_policy=NO_CACHE)
def stored_documents_task(warehouse: Path) -> list[dict]:
    return stored_documents(warehouse)
