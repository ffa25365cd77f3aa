"""One configuration object: where seeds, SQL, expectations and the warehouse live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"


@dataclass(frozen=True)
class Settings:
    """Run settings; defaults suit the bundled demo, env vars override for deployments."""

    warehouse_path: Path
    raw_dir: Path
    # reports per task run: Prefect costs ~25 ms a task run, and GX's two suites ~0.35 s a
    # batch whatever its rows (validation: 6.3 ms a report in batches of 50, 2.5 ms in 200);
    # 400 reprocessed 10,000 reports in 87 s against 96 s with 200, at the same peak memory
    batch_size: int = 400
    batches_in_flight: int = 4  # fetched-but-not-loaded batches a run holds in memory at most
    http_timeout_s: float = 10.0
    http_retries: int = 3
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "fazhi/0.1 (+law-based government report harvester; research use)"
    # fetch stage: http_timeout_s is the read timeout, connecting gets its own shorter one
    connect_timeout_s: float = 5.0
    http_total_timeout_s: float = 60.0  # a whole response, so a trickling server cannot stall us
    backoff_base_s: float = 0.5  # retry n waits ~base * 2**(n-1), half of it random; capped:
    backoff_max_s: float = 8.0
    retry_after_max_s: float = 30.0  # a server's Retry-After is honoured up to this
    max_redirects: int = 5
    max_list_pages: int = 20  # pagination bound per column page
    min_request_interval_s: float = 0.25  # politeness: gap between requests to one host
    max_crawl_delay_s: float = 10.0  # robots.txt Crawl-delay is honoured up to this
    # A loaded report fetched successfully less than this long ago is not asked for again:
    # published reports rarely change, and a nightly run should cost its list pages, not a
    # request per report ever seen. 0 asks for every listed report (conditionally) each run.
    recheck_after_hours: float = 168.0

    @classmethod
    def from_env(cls, warehouse: str | Path | None = None) -> Settings:
        default = PROJECT_ROOT / "warehouse" / "fazhi.duckdb"
        path = Path(warehouse or os.environ.get("FAZHI_WAREHOUSE", default))
        return cls(warehouse_path=path, raw_dir=path.parent / "raw", **_env_overrides())


# Settings an operator may set as FAZHI_<NAME> (FAZHI_HTTP_TIMEOUT_S=30 for a slow province,
# FAZHI_MIN_REQUEST_INTERVAL_S=1 for a fragile portal); tests use them for short timeouts.
ENV_SETTINGS = ("batch_size", "batches_in_flight", "http_timeout_s", "http_retries",
                "max_bytes", "connect_timeout_s", "http_total_timeout_s", "backoff_base_s",
                "backoff_max_s", "retry_after_max_s", "max_redirects", "max_list_pages",
                "min_request_interval_s", "max_crawl_delay_s", "recheck_after_hours")


class SettingsError(ValueError):
    """An environment variable that does not hold a value of its setting's type."""


def _env_overrides() -> dict[str, int | float]:
    overrides: dict[str, int | float] = {}
    for name in ENV_SETTINGS:
        var = f"FAZHI_{name.upper()}"
        if not os.environ.get(var, "").strip():
            continue
        kind = type(Settings.__dataclass_fields__[name].default)
        try:
            overrides[name] = kind(os.environ[var].strip())
        except ValueError as exc:
            raise SettingsError(f"{var}={os.environ[var]!r} is not {kind.__name__}") from exc
    return overrides
