"""What the warehouse holds, as `fazhi tables`, `fazhi schema` and `fazhi sql --list` show it:
its tables and views with their descriptions (the COMMENT ONs of sql/schema.yml), their
columns, and the named queries of sql/queries/."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tasks.paths import SQL_DIR


class UnknownRelation(LookupError):
    """A table or view name the warehouse does not have; the message suggests close ones."""


def named_queries(directory: Path = SQL_DIR / "queries") -> list[tuple[str, str]]:
    """(name, what it answers) of every named query: the file's leading comment."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        comment = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("--"):
                break
            comment.append(line.lstrip("-").strip())
        found.append((path.stem, " ".join(comment)))
    return found


def relations(con: duckdb.DuckDBPyConnection, counts: bool = False) -> list[tuple]:
    """(name, table|view, [rows,] description) of every table and view, tables first."""
    listed = con.execute(
        "SELECT table_name, 'table', comment FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() "
        "WHERE NOT internal AND schema_name = 'main' ORDER BY 2, 1").fetchall()
    if not counts:
        return listed
    return [(name, kind, con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0], comment)
            for name, kind, comment in listed]


def columns(con: duckdb.DuckDBPyConnection, name: str | None = None) -> list[tuple]:
    """(relation, column, type, description) of every column, or of one table or view."""
    sql = ("SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
           "WHERE NOT internal AND schema_name = 'main'")
    params: list[str] = []
    if name is not None:
        known = {row[0] for row in relations(con)}
        if name not in known:
            close = sorted(n for n in known if name.lower() in n.lower()
                           or n.lower() in name.lower())
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownRelation(f"no table or view {name!r} (`fazhi tables` lists them)"
                                  f"{hint}")
        sql += " AND table_name = ?"
        params.append(name)
    return con.execute(sql + " ORDER BY table_name, column_index", params).fetchall()
