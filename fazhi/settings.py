"""Every FAZHI_* environment variable, read here and nowhere else; the stage settings made of them.

A run calls ``Settings.from_env`` once; the stages get the small settings objects they define
(``FetchSettings``, ``LoadSettings``, ``NotifySettings``) and never read the environment.
Defaults suit the bundled demo; an operator overrides them per deployment
(FAZHI_HTTP_TIMEOUT_S=30 for a slow province, FAZHI_MIN_REQUEST_INTERVAL_S=1 for a fragile
portal); tests use them for short timeouts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tasks.paths import PROJECT_ROOT

if TYPE_CHECKING:  # the stages' modules load requests, duckdb, pandas: only when a run needs them
    from tasks.fetch.client import FetchSettings
    from tasks.load.schema import LoadSettings
    from tasks.notify.alerts import NotifySettings

DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "fazhi.duckdb"
RUNNERS = ("process", "thread", "dask")


class SettingsError(ValueError):
    """An environment variable that does not hold a value of its setting's type."""


@dataclass(frozen=True)
class RunnerSettings:
    """Where a served or deployed run's batch tasks run (the CLI chooses per run instead)."""

    name: str | None = None  # process | thread | dask; None: Prefect's own thread pool
    workers: int | None = None  # worker processes; None: the CPU count
    dask_address: str | None = None  # an existing Dask scheduler; None: a local cluster


@dataclass(frozen=True)
class Settings:
    """Run settings: the warehouse, batching, and every stage's knobs (see FAZHI_* below)."""

    warehouse_path: Path = DEFAULT_WAREHOUSE
    # reports per task run: Prefect costs ~25 ms a task run, and GX's two suites ~0.35 s a
    # batch whatever its rows (validation: 6.3 ms a report in batches of 50, 2.5 ms in 200);
    # 400 reprocessed 10,000 reports in 87 s against 96 s with 200, at the same peak memory
    batch_size: int = 400
    batches_in_flight: int = 4  # fetched-but-not-loaded batches a run holds in memory at most
    # A loaded report fetched successfully less than this long ago is not asked for again:
    # published reports rarely change, and a nightly run should cost its list pages, not a
    # request per report ever seen. 0 asks for every listed report (conditionally) each run.
    recheck_after_hours: float = 168.0
    max_list_pages: int = 20  # discovery: pagination bound per column page
    # fetch stage (tasks/fetch/client.py says what each means)
    http_timeout_s: float = 10.0
    http_retries: int = 3
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "fazhi/0.1 (+law-based government report harvester; research use)"
    connect_timeout_s: float = 5.0
    http_total_timeout_s: float = 60.0
    backoff_base_s: float = 0.5
    backoff_max_s: float = 8.0
    retry_after_max_s: float = 30.0
    max_redirects: int = 5
    min_request_interval_s: float = 0.25
    max_crawl_delay_s: float = 10.0
    ca_bundle: str | None = None  # FAZHI_CA_BUNDLE: a PEM file of the CAs to trust
    # load stage: the writing connection's DuckDB buffer pool (None: the stage's 512MB)
    duckdb_memory_limit: str | None = None
    # notify stage: new quality alerts are POSTed here as JSON, one message per problem
    alert_webhook: str | None = field(default=None, repr=False)  # may hold a token
    # read commands wait this long for a harvest's write window before saying "busy"
    read_wait_s: float = 15.0
    runner: RunnerSettings = RunnerSettings()

    @property
    def raw_dir(self) -> Path:
        """The raw store: fetched bytes by sha256, beside the warehouse file."""
        return self.warehouse_path.parent / "raw"

    @classmethod
    def from_env(cls, warehouse: str | Path | None = None) -> Settings:
        """Defaults, overridden by FAZHI_* variables; ``warehouse`` wins over FAZHI_WAREHOUSE."""
        path = Path(warehouse or os.environ.get("FAZHI_WAREHOUSE") or DEFAULT_WAREHOUSE)
        return cls(warehouse_path=path, runner=_runner_from_env(), **_env_overrides())

    def fetch(self) -> FetchSettings:
        from tasks.fetch.client import FetchSettings

        return FetchSettings(raw_dir=self.raw_dir, **{
            f.name: getattr(self, f.name) for f in fields(FetchSettings) if f.name != "raw_dir"})

    def load(self) -> LoadSettings:
        from tasks.load.schema import LoadSettings

        if self.duckdb_memory_limit is None:
            return LoadSettings(self.warehouse_path)
        return LoadSettings(self.warehouse_path, self.duckdb_memory_limit)

    def notify(self, webhook: str | None = None) -> NotifySettings:
        """``webhook`` (a run's --alert-webhook) wins over FAZHI_ALERT_WEBHOOK."""
        from tasks.notify.alerts import NotifySettings

        return NotifySettings(webhook or self.alert_webhook)

    def with_recheck(self, hours: float | None) -> Settings:
        return self if hours is None else replace(self, recheck_after_hours=hours)


# Settings an operator may set as FAZHI_<NAME>; the type is the default's.
ENV_SETTINGS = ("batch_size", "batches_in_flight", "recheck_after_hours", "max_list_pages",
                "http_timeout_s", "http_retries", "max_bytes", "connect_timeout_s",
                "http_total_timeout_s", "backoff_base_s", "backoff_max_s", "retry_after_max_s",
                "max_redirects", "min_request_interval_s", "max_crawl_delay_s",
                "duckdb_memory_limit", "alert_webhook", "read_wait_s", "ca_bundle")
_TYPES = {"alert_webhook": str, "duckdb_memory_limit": str, "ca_bundle": str}


def _env(name: str) -> str | None:
    value = os.environ.get(f"FAZHI_{name.upper()}", "").strip()
    return value or None


def _env_overrides() -> dict[str, int | float | str]:
    overrides: dict[str, int | float | str] = {}
    for name in ENV_SETTINGS:
        value = _env(name)
        if value is None:
            continue
        kind = _TYPES.get(name) or type(Settings.__dataclass_fields__[name].default)
        try:
            overrides[name] = kind(value)
        except ValueError as exc:
            raise SettingsError(f"FAZHI_{name.upper()}={value!r} is not {kind.__name__}") from exc
    return overrides


def _runner_from_env() -> RunnerSettings:
    """FAZHI_TASK_RUNNER (process | thread | dask), FAZHI_WORKERS, FAZHI_DASK_ADDRESS: what a
    served or deployed run uses (`fazhi serve`, prefect.yaml)."""
    name = _env("task_runner")
    if name is not None and name not in RUNNERS:
        raise SettingsError(f"FAZHI_TASK_RUNNER={name!r} is not one of {', '.join(RUNNERS)}")
    workers = _env("workers")
    if workers is not None and not (workers.isdigit() and int(workers) > 0):
        raise SettingsError(f"FAZHI_WORKERS={workers!r} is not a whole number above 0")
    return RunnerSettings(name, int(workers) if workers else None, _env("dask_address"))
