"""Where a flow's batch tasks run: worker processes (default), threads, or a Dask cluster."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect.context import SettingsContext, get_settings_context
from prefect.settings import PREFECT_API_URL, Settings
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from fazhi.settings import RUNNERS, RunnerSettings


def default_workers() -> int:
    return os.cpu_count() or 2


# (id of the flow's settings, the server's URL) → (those settings, kept so the id stays
# theirs; the settings workers get). Building a Settings object costs ~60 ms, and an
# unchanged object also spares Prefect re-rendering the workers' env for every batch.
_WORKER_SETTINGS: dict[tuple[int, str], tuple[Settings, Settings]] = {}


@contextmanager
def _flow_api_for_workers() -> Iterator[None]:
    """Name the flow process's own ephemeral API server in the settings a task carries.

    Workers get the flow's settings with each task; with no API URL in them, every worker
    started its own ephemeral server (~220 MB and seconds of start-up each), all of them on
    one SQLite file. With a configured server (PREFECT_API_URL) nothing changes.
    """
    context = get_settings_context()
    if context.settings.api.url:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the process's singleton: the one the flow's client uses
    if not server.running:
        yield
        return
    key = (id(context.settings), server.api_url)
    if key not in _WORKER_SETTINGS:
        updated = context.settings.copy_with_update(updates={PREFECT_API_URL: server.api_url})
        _WORKER_SETTINGS[key] = (context.settings, updated)
    with SettingsContext(profile=context.profile, settings=_WORKER_SETTINGS[key][1]):
        yield


class WorkersUseFlowApi:
    """For a task runner whose workers run on this machine: they report to the flow's API."""

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        with _flow_api_for_workers():
            return super().submit(*args, **kwargs)


class SharedApiProcessPool(WorkersUseFlowApi, ProcessPoolTaskRunner):
    """Prefect's process pool whose workers report to the flow's API server."""


def _exit_with_the_flow() -> None:
    """Worker-process initializer: leave when the flow process that started it is gone.

    A flow killed with SIGKILL (the OOM killer, a timeout, kill -9) cannot shut its pool
    down, and its workers (~700 MB each) lived on, orphaned, waiting for tasks that never
    came. A sleeping thread checks once a second whether the worker was handed to a new
    parent.
    """
    flow_pid = os.getppid()

    def watch() -> None:
        while os.getppid() == flow_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="fazhi-exit-with-the-flow", daemon=True).start()


def task_runner(name: str = "process", dask_address: str | None = None,
                workers: int | None = None):
    """A Prefect task runner by name.

    Extraction and validation are CPU-bound pure Python, so threads share one core: the
    ``process`` runner gives each of ``workers`` (default: the CPU count) batches its own
    process. A worker holds ~700 MB (jieba's and jieba-rs's dictionaries, GX, the region
    index), so a spare worker to overlap fetching costs more memory than it gains.
    ``thread`` keeps everything in this process (lighter for a handful of reports).
    ``dask`` without an address starts a LocalCluster of ``workers`` single-threaded
    processes; with an address it joins that cluster (``tcp://scheduler:8786``).
    """
    workers = workers or default_workers()
    if name == "process":
        return SharedApiProcessPool(max_workers=workers, initializer=_exit_with_the_flow)
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
    if dask_address:  # remote workers cannot reach this machine's ephemeral API server
        return DaskTaskRunner(address=dask_address)

    class LocalDaskTaskRunner(WorkersUseFlowApi, DaskTaskRunner):
        """A LocalCluster's workers report to the flow's API server."""

    return LocalDaskTaskRunner(cluster_kwargs={
        "n_workers": workers, "threads_per_worker": 1, "processes": True,
        "dashboard_address": None, "silence_logs": logging.ERROR,
    })


def runner_for(settings: RunnerSettings):
    """The task runner settings name (FAZHI_TASK_RUNNER …, for a served or deployed run);
    Prefect's own thread pool when they name none."""
    if settings.name is None:
        return ThreadPoolTaskRunner()
    return task_runner(settings.name, settings.dask_address, settings.workers)
