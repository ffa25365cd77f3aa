"""The nightly schedule of the harvest flow, for `fazhi serve` and prefect.yaml deployments."""

from __future__ import annotations

from prefect.schedules import Cron

from flows.harvest import harvest


def nightly_deployment(sources_file: str, warehouse: str | None = None,
                       cron: str = "0 2 * * *", timezone: str = "Asia/Shanghai"):
    """A deployment of `harvest` that runs on `cron` in `timezone` (default 02:00 Beijing)."""
    return harvest.to_deployment(
        name="nightly-harvest",
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"sources_file": sources_file, "warehouse": warehouse},
        description="Nightly harvest of the configured government portals.",
    )
