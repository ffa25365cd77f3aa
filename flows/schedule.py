"""The served and deployed runs: the nightly schedule, and a task runner chosen when a run starts.

`fazhi serve` and prefect.yaml run these entry flows rather than `harvest` and `reprocess`
themselves: a flow's task runner is fixed when its module is imported, so the entries read
the runner from settings (FAZHI_TASK_RUNNER, FAZHI_WORKERS, FAZHI_DASK_ADDRESS) at run time
and run the flow with it. The CLI chooses the runner per run (--task-runner) instead.
"""

from __future__ import annotations

from prefect import flow
from prefect.schedules import Cron

from fazhi.settings import Settings
from flows.batches import RunSummary
from flows.harvest import harvest
from flows.reprocess import reprocess
from flows.runners import runner_for


@flow(name="deployed-harvest", log_prints=False)
def deployed_harvest(sources_file: str, warehouse: str | None = None,
                     portal_base: str | None = None,
                     recheck_after_hours: float | None = None) -> RunSummary:
    """`harvest` on the task runner the settings name now."""
    runner = runner_for(Settings.from_env(warehouse).runner)
    return harvest.with_options(task_runner=runner)(
        sources_file, warehouse, portal_base, recheck_after_hours)


@flow(name="deployed-reprocess", log_prints=False)
def deployed_reprocess(warehouse: str | None = None) -> RunSummary:
    """`reprocess` on the task runner the settings name now."""
    runner = runner_for(Settings.from_env(warehouse).runner)
    return reprocess.with_options(task_runner=runner)(warehouse)


def nightly_deployment(sources_file: str, warehouse: str | None = None,
                       cron: str = "0 2 * * *", timezone: str = "Asia/Shanghai"):
    """A deployment of the harvest that runs on `cron` in `timezone` (default 02:00 Beijing)."""
    return deployed_harvest.to_deployment(
        name="nightly-harvest",
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"sources_file": sources_file, "warehouse": warehouse},
        description="Nightly harvest of the configured government portals.",
    )
