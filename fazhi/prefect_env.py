"""Prefect settings for a quiet, self-contained run; imported before prefect itself.

Defaults only (a user's own environment wins): Prefect's home inside warehouse/ so a demo
does not touch ~/.prefect, no telemetry (there is no network), and Prefect's own INFO lines
silenced so a normal run prints fazhi's progress, not one line per task run.
"""

from __future__ import annotations

import os

from tasks.paths import PROJECT_ROOT

DEFAULTS = {
    "PREFECT_HOME": str(PROJECT_ROOT / "warehouse" / ".prefect"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def apply() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)


apply()
