"""Where a flow's batch tasks run: threads in this process (default) or a Dask cluster."""

from __future__ import annotations

import logging
import os

from prefect.task_runners import ThreadPoolTaskRunner

RUNNERS = ("thread", "dask")


def task_runner(name: str = "thread", dask_address: str | None = None, workers: int = 2):
    """A Prefect task runner by name. ``dask`` without an address starts a LocalCluster of
    ``workers`` processes (one thread each: extraction is CPU-bound Python, so threads would
    share one core); with an address it joins that cluster (``tcp://scheduler:8786``)."""
    if name == "thread":
        return ThreadPoolTaskRunner(max_workers=workers + 2)  # fetch overlaps the CPU stages
    if name != "dask":
        raise ValueError(f"unknown task runner {name!r}: choose one of {RUNNERS}")
    from prefect_dask import DaskTaskRunner

    # Dask logs every worker start and stop (and a traceback for a comm closed at shutdown)
    # at INFO; a normal run shows fazhi's progress only. Workers inherit the env setting.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    for name in ("distributed", "distributed.batched", "distributed.core", "distributed.nanny",
                 "distributed.scheduler", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={
        "n_workers": workers, "threads_per_worker": 1, "processes": True,
        "dashboard_address": None, "silence_logs": logging.ERROR,
    })
