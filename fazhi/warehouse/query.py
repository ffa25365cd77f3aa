"""Read-only queries on the warehouse, printed the same way in every command (table, csv, json)."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import duckdb

from fazhi.warehouse.sandbox import NotReadOnly, open_sandboxed, read_statements

FORMATS = ("table", "csv", "json")


class QueryError(Exception):
    """A query DuckDB refused; the message is its first line."""


def run_query(warehouse: Path, sql: str) -> tuple[list[str], list[tuple]] | None:
    """Column names and rows of ``sql`` on the sandboxed read-only connection; None for a
    statement that returns no rows. Every statement is checked before any runs."""
    con = open_sandboxed(warehouse)
    try:
        statements = read_statements(con, sql)
        for statement in statements[:-1]:
            con.execute(statement)
        cursor = con.execute(statements[-1] if statements else sql)
        if cursor.description is None:
            return None
        return [d[0] for d in cursor.description], cursor.fetchall()
    except NotReadOnly as exc:
        raise QueryError(f"refused: {exc}") from exc
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _width(text: str) -> int:
    # CJK characters take two terminal columns; aligning on len() would skew every row.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def write_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table",
               out: TextIO | None = None, max_cell: int = 60) -> None:
    out = out or sys.stdout
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        json.dump(records, out, ensure_ascii=False, default=_json_default, indent=1)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[c if len(c) <= max_cell else c[: max_cell - 1] + "…" for c in row] for row in cells]
    widths = [max([_width(col)] + [_width(row[i]) for row in cells])
              for i, col in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    out.write(line(list(columns)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(line(row).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
