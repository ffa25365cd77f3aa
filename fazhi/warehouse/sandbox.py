"""The connection `fazhi sql` (and every other user-typed query) runs on: read-only, no files.

A warehouse opened ``read_only`` protects only the warehouse file: DuckDB would still write
other files (COPY … TO), attach other databases read-write (ATTACH), and read any file the
user can (read_blob of warehouse/.prefect/prefect.db, read_csv of /etc/passwd). Here:

- ``enable_external_access = false``: no file but the warehouse's own (and its WAL) is read or
  written — COPY TO, ATTACH, read_*/glob of other paths, INSTALL/LOAD all fail;
- ``lock_configuration = true``: no SET/PRAGMA can turn that back on;
- every statement of the text is parsed first and only read statements are allowed (SELECT,
  EXPLAIN, read-only PRAGMA/CALL): a text with any other statement runs nothing at all.

Reading the warehouse file's own bytes (read_blob of it) stays possible: it is what the user
may query anyway.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from fazhi.warehouse.connection import READER_WAIT_S, open_read_only

SANDBOX_CONFIG = {"enable_external_access": False, "lock_configuration": True}
READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN,
                             duckdb.StatementType.PRAGMA, duckdb.StatementType.CALL})


class NotReadOnly(ValueError):
    """A statement that would change something or reach outside the warehouse."""


def open_sandboxed(warehouse: Path, wait_s: float = READER_WAIT_S) -> duckdb.DuckDBPyConnection:
    """The warehouse, read-only and without access to any other file (retrying briefly while
    a harvest's write window holds the file)."""
    return open_read_only(warehouse, config=SANDBOX_CONFIG, wait_s=wait_s)


def read_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    """The statements of ``sql``, each checked to be a read; NotReadOnly names the first
    that is not (nothing has run then). duckdb.Error for text that does not parse."""
    statements = con.extract_statements(sql)
    for number, statement in enumerate(statements, 1):
        if statement.type not in READ_STATEMENTS:
            kind = str(statement.type).rsplit(".", 1)[-1]
            where = f"statement {number}" if len(statements) > 1 else "the statement"
            raise NotReadOnly(f"{where} is {kind}, and fazhi sql is read-only (SELECT, "
                              "EXPLAIN, PRAGMA, CALL); nothing was run")
    return [statement.query for statement in statements]
