"""The notify stage's Prefect task, on the run's single writer connection (the load stage's)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.load.schema import LoadSettings, writer
from tasks.notify.alerts import NotifySettings, announce


@task(name="notify", cache_policy=NO_CACHE)
def notify_task(warehouse: LoadSettings, settings: NotifySettings, run_id: str) -> int:
    """Announce the run's new alerts; how many there were."""
    return len(announce(writer(warehouse), settings, run_id))
