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
    batch_size: int = 50
    http_timeout_s: float = 10.0
    http_retries: int = 3
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "fazhi/0.1 (+law-based government report harvester; research use)"

    @classmethod
    def from_env(cls, warehouse: str | Path | None = None) -> Settings:
        default = PROJECT_ROOT / "warehouse" / "fazhi.duckdb"
        path = Path(warehouse or os.environ.get("FAZHI_WAREHOUSE", default))
        return cls(
            warehouse_path=path,
            raw_dir=path.parent / "raw",
            batch_size=int(os.environ.get("FAZHI_BATCH_SIZE", 50)),
        )
