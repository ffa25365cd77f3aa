"""Prefect's API app for the ephemeral server, with a watchdog that ends it with its parent.

Prefect starts the server as a child process and stops it when the run ends; a run killed
with SIGKILL never stops it, and it stayed behind (parent PID 1, 226 MB, listening). The
watchdog sees the parent change (the orphan is re-parented) within a second and exits.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

WATCH_INTERVAL_S = 0.5
# Set by fazhi/prefect_env.py when it starts this server: the run's PID, passed on rather
# than read with getppid() here, because a run killed while the server is still importing
# Prefect (seconds) has already left it an orphan by then. Process plumbing, not a setting.
PARENT_PID_VARIABLE = "FAZHI_SERVER_PARENT_PID"


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(0)  # the run that started us is gone: nobody will ever stop us
        time.sleep(WATCH_INTERVAL_S)


def create_app() -> Any:
    """uvicorn's app factory: Prefect's app, once the watchdog runs."""
    parent = int(os.environ.get(PARENT_PID_VARIABLE) or os.getppid())
    threading.Thread(target=_watch, args=(parent,), daemon=True,
                     name="fazhi-parent-watchdog").start()
    from prefect.server.api.server import create_app as prefect_app

    return prefect_app()
