"""Columns named after SQL keywords get plain names (issue #17): `SELECT check …` was a parser
error and `"start"`, `"end"` needed quoting in every query.

quality_results."check" and alerts_sent."check" → check_name; facts and sections "start" and
"end" → start_offset and end_offset. The views (v_problems.at → occurred_at among them) are
dropped by the runner before this step and recreated by the current DDL after it.
"""

from __future__ import annotations

import duckdb

RENAMES = (
    ("quality_results", "check", "check_name"),
    ("alerts_sent", "check", "check_name"),
    ("facts", "start", "start_offset"),
    ("facts", "end", "end_offset"),
    ("sections", "start", "start_offset"),
    ("sections", "end", "end_offset"),
)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    for table, old, new in RENAMES:
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()}
        if old in present and new not in present:  # a table the older fazhi lacked stays as is
            con.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{old}" TO "{new}"')
