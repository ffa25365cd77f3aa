"""The sources people can harvest, each with its platform and its last harvest: what
`fazhi sources` prints (read-only; no Prefect)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import duckdb

from tasks.discover.sources import guess_platform
from tasks.load.schema import connect
from tasks.paths import SQL_DIR

COLUMNS = ("source_id", "name", "platform", "level", "region_hint", "last_harvest",
           "reports", "url")
NEVER = "never"


def last_harvests(warehouse: Path) -> dict[str, dict]:
    """Per source_id, what the warehouse knows of its last harvest; empty when there is no
    warehouse file yet (nothing was ever harvested)."""
    if not Path(warehouse).exists():
        return {}
    con = connect(warehouse, read_only=True)
    try:
        cursor = con.execute((SQL_DIR / "queries" / "source_harvests.sql").read_text("utf-8"))
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    except duckdb.CatalogException:
        # a warehouse made before the views existed: nothing it says can be trusted here
        return {}
    finally:
        con.close()


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else NEVER


def platform_label(source: dict) -> str:
    """The declared platform, else the one the URL's shape names (marked so), else unknown:
    the page decides at harvest time."""
    if source.get("platform"):
        return source["platform"]
    guessed = guess_platform(source["url"])
    return f"{guessed} (from URL)" if guessed else "unknown until fetched"


def source_rows(sources: Sequence[dict], harvests: dict[str, dict]) -> list[tuple]:
    """One row per source, in COLUMNS order."""
    rows = []
    for source in sources:
        seen = harvests.get(source["source_id"])
        last = NEVER
        if seen:
            last = _when(seen.get("last_fetch_at") or seen.get("last_run_at"))
            if seen.get("failed_attempts"):
                last += f" ({seen['failed_attempts']} of {seen['fetch_attempts']} attempts failed)"
        rows.append((source["source_id"], source["name"], platform_label(source),
                     source.get("level") or "", source.get("region_hint") or "", last,
                     seen["reports"] if seen else 0, source["url"]))
    return rows
