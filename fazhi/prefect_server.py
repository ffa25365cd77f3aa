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


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL_S)
        if os.getppid() != parent:
            os._exit(0)  # the run that started us is gone: nobody will ever stop us


def create_app() -> Any:
    """uvicorn's app factory: Prefect's app, once the watchdog runs."""
    threading.Thread(target=_watch, args=(os.getppid(),), daemon=True,
                     name="fazhi-parent-watchdog").start()
    from prefect.server.api.server import create_app as prefect_app

    return prefect_app()
