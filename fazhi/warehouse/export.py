"""Every table and view of the warehouse written as Parquet or CSV files, for other tools.

Parquet: one file per relation, `<name>/data.parquet`, every column inside, rows ordered by
report_year and province (so readers skip row groups by their statistics). Not hive folders:
pandas (pyarrow) refuses a folder whose files also hold the partition columns, and cannot read
a NULL partition (`__HIVE_DEFAULT_PARTITION__`) at all. CSV: the relations that carry
report_year and province are split into `report_year=…/province=…/` folders, one spreadsheet per
province-year, and every file keeps both columns (a CSV opened alone says what it holds).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

PARTITION_COLUMNS = ("report_year", "province")
FORMATS = ("parquet", "csv")


class ExportError(ValueError):
    """An export the user asked for that cannot be written; one line."""


def export_relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table and every v_* view; the stg_* views repeat their tables and are left out."""
    return [row[0] for row in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal "
        "AND schema_name = 'main' AND view_name LIKE 'v\\_%' ESCAPE '\\' ORDER BY 1").fetchall()]


def sql_string(text: str) -> str:
    """``text`` as a SQL string literal: in single quotes, each quote doubled. COPY takes no
    parameter for its target, so a folder named /tmp/exp'o goes in this way, as a folder."""
    return "'" + text.replace("'", "''") + "'"


def export_warehouse(con: duckdb.DuckDBPyConnection, target: Path,
                     fmt: str = "parquet") -> dict[str, int]:
    """Write every table and v_* view under ``target/<name>/``; returns rows per relation."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use parquet or csv")
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name in export_relations(con):
        columns = [row[0] for row in con.execute(f'DESCRIBE "{name}"').fetchall()]
        partitioned = set(PARTITION_COLUMNS) <= set(columns)
        out = target / name
        out.mkdir(parents=True, exist_ok=True)
        order = f" ORDER BY {', '.join(PARTITION_COLUMNS)}" if partitioned else ""
        query = f'SELECT * FROM "{name}"{order}'
        if fmt == "parquet":
            con.execute(f"COPY ({query}) TO {sql_string(str(out / 'data.parquet'))} "
                        "(FORMAT parquet)")
        elif partitioned:
            con.execute(f"COPY ({query}) TO {sql_string(str(out))} (FORMAT csv, HEADER true, "
                        f"PARTITION_BY ({', '.join(PARTITION_COLUMNS)}), "
                        "WRITE_PARTITION_COLUMNS true, OVERWRITE_OR_IGNORE true)")
        else:
            con.execute(f"COPY ({query}) TO {sql_string(str(out / 'data.csv'))} "
                        "(FORMAT csv, HEADER true)")
        written[name] = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    return written
