"""Schema migrations: numbered steps that convert a warehouse written by an older fazhi.

A migration is a file ``sql/migrations/NNNN_name.py`` whose module docstring says what it
changes and which defines ``migrate(con) -> None``. Migrations run in number order, once each,
on the first writable open of a warehouse that lacks them (``tasks.load.schema.connect``), each
inside one transaction, before the current DDL is applied; each is recorded in
``schema_migrations``. A new warehouse is created by the current DDL and has every migration
recorded as applied without running it. Migrations may assume the views are gone: the runner
drops them first (the DDL recreates them), so renaming or re-keying a table never trips over a
view that reads it.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import duckdb

from tasks.paths import SQL_DIR

MIGRATIONS_DIR = SQL_DIR / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.py$")

LEDGER_DDL = (MIGRATIONS_DIR / "schema_migrations.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Migration:
    """One numbered migration file."""

    version: int
    name: str
    path: Path

    def load(self) -> ModuleType:
        spec = importlib.util.spec_from_file_location(f"fazhi_migration_{self.version:04d}",
                                                      self.path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


class MigrationError(RuntimeError):
    """A migration failed; the warehouse is left as it was before that migration."""


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration file, in version order (a duplicate version is an error)."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.py")) if directory.is_dir() else []:
        match = _NAME.match(path.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migrations numbered {version:04d}: "
                                 f"{found[version].path.name}, {path.name}")
        found[version] = Migration(version, match.group(2), path)
    return [found[v] for v in sorted(found)]


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                       [name]).fetchone()[0] > 0


def applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions recorded in the warehouse (none when it predates the ledger)."""
    if not _table_exists(con, "schema_migrations"):
        return set()
    return {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def is_new_warehouse(con: duckdb.DuckDBPyConnection) -> bool:
    """True before the first DDL: a file with no ``reports`` table has nothing to convert."""
    return not _table_exists(con, "reports")


def pending(con: duckdb.DuckDBPyConnection,
            directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Migrations this warehouse still needs, in order (none for a new warehouse)."""
    if is_new_warehouse(con):
        return []
    done = applied(con)
    return [m for m in migrations(directory) if m.version not in done]


def _record(con: duckdb.DuckDBPyConnection, migration: Migration, ran: bool) -> None:
    con.execute("INSERT OR REPLACE INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP, ?)",
                [migration.version, migration.name, ran])


def _drop_views(con: duckdb.DuckDBPyConnection) -> None:
    names = [row[0] for row in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
    ).fetchall()]
    for name in names:
        con.execute(f'DROP VIEW IF EXISTS "{name}" CASCADE')


def apply_pending(con: duckdb.DuckDBPyConnection,
                  directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Run every pending migration in order, each in its own transaction; returns those run.
    Call before the current DDL: a migration sees the warehouse as the older fazhi left it."""
    todo = pending(con, directory)
    if not todo:
        return []
    con.execute(LEDGER_DDL)
    _drop_views(con)
    for migration in todo:
        con.execute("BEGIN TRANSACTION")
        try:
            migration.load().migrate(con)
            _record(con, migration, ran=True)
            con.execute("COMMIT")
        except Exception as exc:  # any failure: roll back this step, say which one in a line
            con.execute("ROLLBACK")
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise MigrationError(f"migration {migration.version:04d}_{migration.name} "
                                 f"failed: {first}") from exc
    return todo


def mark_all_applied(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> None:
    """A warehouse just created by the current DDL already has every migration's result."""
    con.execute(LEDGER_DDL)
    done = applied(con)
    for migration in migrations(directory):
        if migration.version not in done:
            _record(con, migration, ran=False)
