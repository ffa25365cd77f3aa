"""The warehouse file's storage format: which DuckDB releases can open it, and rewriting it.

New files are written in the storage format of DuckDB 1.2 (``STORAGE_VERSION``), which every
DuckDB from 1.2.0 on reads: the DuckDB CLI of the 1.5 line, R's and DBeaver's drivers and
notebooks, not only the Python package (2.0) that wrote it. DuckDB 2.0's own format (storage
number 69) is refused by the 1.5 CLI. A file written before this choice keeps its format until
``rewrite`` copies it into a new one (`fazhi upgrade`).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

# The oldest DuckDB line that reads the file; raise it only when the schema needs a newer
# storage feature, and say so in README (readers older than it cannot open the file).
STORAGE_VERSION = "v1.2.0"


class StorageError(RuntimeError):
    """The file cannot be rewritten; the message names the path and the reason."""


def storage_version(con: duckdb.DuckDBPyConnection) -> str:
    """The storage format of the connection's database file, e.g. ``v1.2.0+``."""
    tags = con.execute("SELECT tags FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchone()[0]
    return (tags or {}).get("storage_version", "unknown")


def rewrite(path: Path, version: str = STORAGE_VERSION) -> Path:
    """Copy every table, view and comment of the warehouse at ``path`` into a new file in
    storage format ``version`` and put it in the old file's place; the old file is kept
    beside it as ``<name>.before-upgrade`` (returned). No process may hold the file open."""
    path = Path(path)
    if not path.exists():
        raise StorageError(f"no warehouse at {path}")
    fresh = path.with_name(path.name + ".upgrading")
    backup = path.with_name(path.name + ".before-upgrade")
    for stale in (fresh, fresh.with_name(fresh.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{_quoted(path)}' AS old (READ_ONLY)")
        con.execute(f"ATTACH '{_quoted(fresh)}' AS fresh (STORAGE_VERSION '{version}')")
        con.execute("COPY FROM DATABASE old TO fresh")
        _copy_comments(con)
        con.execute("DETACH fresh")
        con.execute("DETACH old")
    except duckdb.Error as exc:
        fresh.unlink(missing_ok=True)
        raise StorageError(f"cannot rewrite {path}: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
    os.replace(path, backup)
    os.replace(fresh, path)
    return backup


def _copy_comments(con: duckdb.DuckDBPyConnection) -> None:
    """COPY FROM DATABASE leaves comments behind; every table's, view's and column's follows."""
    for kind, source in (("TABLE", "duckdb_tables()"), ("VIEW", "duckdb_views()")):
        for name, comment in con.execute(
                f"SELECT {kind.lower()}_name, comment FROM {source} WHERE database_name = 'old' "
                "AND comment IS NOT NULL AND NOT internal").fetchall():
            con.execute(f'COMMENT ON {kind} fresh."{name}" IS {_literal(comment)}')
    for table, column, comment in con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() "
            "WHERE database_name = 'old' AND comment IS NOT NULL").fetchall():
        con.execute(f'COMMENT ON COLUMN fresh."{table}"."{column}" IS {_literal(comment)}')


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _literal(text: str) -> str:
    """A SQL string literal (COMMENT ON takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"
