"""Every table and view of the warehouse written as Parquet or CSV files, for other tools."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tasks.load.schema import WarehouseError

EXPORT_RELATIONS = ("reports", "facts", "sections", "keywords", "quality_results", "fetches",
                    "documents", "report_urls", "rejected_pages", "runs", "sources", "indicators",
                    "v_reports", "v_facts", "v_quality_alerts", "v_indicator_wide",
                    "v_indicator_trend", "v_coverage", "v_problems")
PARTITION_COLUMNS = ("report_year", "province")


def export_warehouse(con: duckdb.DuckDBPyConnection, target: Path,
                     fmt: str = "parquet") -> dict[str, int]:
    """Write every table and view under ``target/<name>/``; relations that carry report_year
    and province are partitioned by them (hive style), so a user loads one province-year."""
    if fmt not in ("parquet", "csv"):
        raise WarehouseError(f"unknown export format {fmt!r}: use parquet or csv")
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name in EXPORT_RELATIONS:
        columns = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
        out = target / name
        options = [f"FORMAT {fmt}", "OVERWRITE_OR_IGNORE true"]
        if fmt == "csv":
            options.append("HEADER true")
        if set(PARTITION_COLUMNS) <= columns:
            options.append(f"PARTITION_BY ({', '.join(PARTITION_COLUMNS)})")
            path = out
        else:
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"data.{fmt}"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{path}' ({', '.join(options)})")
        written[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return written
