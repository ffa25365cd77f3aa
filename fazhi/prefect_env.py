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


def quiet_failures() -> None:
    """A CLI run (not -v): Prefect logs only what is critical, so a failed run ends with the
    CLI's one line, not Prefect's tracebacks of each task and the flow. A user's own
    PREFECT_LOGGING_LEVEL is kept. Call before prefect is imported."""
    if os.environ.get("PREFECT_LOGGING_LEVEL") == DEFAULTS["PREFECT_LOGGING_LEVEL"]:
        os.environ["PREFECT_LOGGING_LEVEL"] = "CRITICAL"


apply()


def ephemeral_server_dies_with_its_parent() -> None:
    """Start Prefect's ephemeral API server (the uvicorn child a run starts when no
    PREFECT_API_URL is set) through fazhi/prefect_server.py, which exits once its parent is
    gone: after a `kill -9` of a harvest nothing of ours stays running. Prefect 3's
    prefect/server/api/server.py starts it with `subprocess.Popen([... "--factory",
    "prefect.server.api.server:create_app" ...])`; that module alone gets a `subprocess`
    whose Popen names our factory instead. With PREFECT_API_URL set, Prefect uses that
    standing server and starts none."""
    import subprocess
    import types

    from prefect.server.api import server

    if isinstance(server.subprocess, types.SimpleNamespace):
        return  # already done

    def popen(args, *rest, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 (Popen's)
        if "prefect.server.api.server:create_app" in args:
            args = [PREFECT_SERVER_FACTORY if a == "prefect.server.api.server:create_app"
                    else a for a in args]
            kwargs["env"] = {**(kwargs.get("env") or os.environ),
                             "FAZHI_SERVER_PARENT_PID": str(os.getpid())}
        return subprocess.Popen(args, *rest, **kwargs)

    names = {n: getattr(subprocess, n) for n in dir(subprocess) if not n.startswith("__")}
    server.subprocess = types.SimpleNamespace(**{**names, "Popen": popen})


PREFECT_SERVER_FACTORY = "fazhi.prefect_server:create_app"
