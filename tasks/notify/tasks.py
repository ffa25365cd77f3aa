"""The notify stage's Prefect tasks: read and record alerts in write windows of the load
stage's single writer. Posting them (tasks/notify/alerts.py send_alerts) is no task: the flow
calls it between the two, with the file released and the webhook URL out of every task's and
flow's parameters (so out of Prefect's database)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.load.schema import LoadSettings, writer
from tasks.notify.alerts import Alert, log_alerts, mark_sent, new_alerts


@task(name="new-alerts", cache_policy=NO_CACHE)
def new_alerts_task(warehouse: LoadSettings) -> list[Alert]:
    """The run's new alerts (not yet told), logged."""
    with writer(warehouse) as con:
        alerts = new_alerts(con)
    log_alerts(alerts)
    return alerts


@task(name="mark-sent", cache_policy=NO_CACHE)
def mark_sent_task(warehouse: LoadSettings, told: list[Alert]) -> None:
    """Remember the alerts the webhook took (the others are sent again next run)."""
    if told:
        with writer(warehouse) as con:
            mark_sent(con, told)
