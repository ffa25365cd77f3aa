"""Read-only queries on the warehouse, printed the same way by every command (one --format).

Formats: table (aligned, NULL shown as NULL), csv, tsv, json (one array per statement),
ndjson (one object a line). JSON holds no NaN or Infinity (null instead), so every JSON reader
takes it. A script of several statements prints every statement's result, in order.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO
from uuid import UUID

import duckdb

from fazhi.warehouse.connection import READER_WAIT_S
from fazhi.warehouse.sandbox import NotReadOnly, open_sandboxed, read_statements

FORMATS = ("table", "csv", "tsv", "json", "ndjson")
NULL = "NULL"


class QueryError(Exception):
    """A query DuckDB refused; the message is DuckDB's whole text, hints included
    (`Did you mean "v_facts"?`, candidate columns, the position of a syntax error)."""


def duckdb_message(exc: duckdb.Error) -> str:
    """DuckDB's error text with its hints (`Did you mean "v_facts"?`, candidate columns) on
    one line: the echoed query and its caret (LINE 1: … / ^^^) are left out, since a
    one-line error cannot point into the query."""
    lines = [line.strip() for line in str(exc).splitlines()]
    kept, skip_caret = [], False
    for line in lines:
        if line.startswith("LINE ") and ":" in line:
            skip_caret = True
            continue
        if skip_caret and set(line) <= {"^", " "}:
            skip_caret = False
            continue
        if line:
            kept.append(line)
    return " ".join(kept)


def results(con: duckdb.DuckDBPyConnection,
            sql: str) -> Iterator[tuple[list[str], list[tuple]]]:
    """Column names and rows of each statement of ``sql`` that returns rows, in order."""
    try:
        statements = read_statements(con, sql)  # every statement a read, before any runs
    except NotReadOnly as exc:
        raise QueryError(f"refused: {exc}") from exc
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {duckdb_message(exc)}") from exc
    if not statements:
        raise QueryError("the query holds no SQL statement")
    for statement in statements:
        try:
            cursor = con.execute(statement)
            if cursor.description is None:
                continue
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        except duckdb.Error as exc:
            raise QueryError(f"query failed: {duckdb_message(exc)}") from exc
        yield columns, rows


def run_query(warehouse: Path, sql: str) -> tuple[list[str], list[tuple]] | None:
    """Column names and rows of the last statement of ``sql`` that returns rows (None when
    none does), on the sandboxed read-only connection (sandbox.py)."""
    con = open_sandboxed(warehouse)
    try:
        last = None
        for result in results(con, sql):
            last = result
        return last
    finally:
        con.close()


def _cell(value: Any, null: str) -> str:
    if value is None:
        return null
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _width(text: str) -> int:
    # CJK characters take two terminal columns; aligning on len() would skew every row.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _json_value(value: Any) -> Any:
    """A value every JSON reader takes: NaN and ±Infinity become null (JSON has neither)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, UUID | bytes):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def write_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table",
               out: TextIO | None = None, max_cell: int = 60) -> None:
    """Print one result set in ``fmt`` (one of FORMATS)."""
    out = out or sys.stdout
    if fmt in ("json", "ndjson"):
        records = [{c: _json_value(v) for c, v in zip(columns, row, strict=True)}
                   for row in rows]
        if fmt == "json":
            json.dump(records, out, ensure_ascii=False, allow_nan=False, indent=1)
            out.write("\n")
        else:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
        return
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v, "") for v in row] for row in rows])
        return
    cells = [[_cell(v, NULL) for v in row] for row in rows]
    cells = [[c if len(c) <= max_cell else c[: max_cell - 1] + "…" for c in row] for row in cells]
    cells = [[c.replace("\n", "⏎") for c in row] for row in cells]
    widths = [max([_width(col)] + [_width(row[i]) for row in cells])
              for i, col in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    out.write(line(list(columns)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(line(row).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def print_results(warehouse: Path, sql: str, fmt: str = "table",
                  out: TextIO | None = None, wait_s: float = READER_WAIT_S) -> int:
    """Run ``sql`` read-only and print every statement's result; returns how many printed.
    Each result is printed before the next statement runs."""
    out = out or sys.stdout
    con = open_sandboxed(warehouse, wait_s)
    printed = 0
    try:
        for columns, rows in results(con, sql):
            if printed and fmt == "table":
                out.write("\n")
            write_rows(columns, rows, fmt, out)
            printed += 1
    finally:
        con.close()
    return printed
