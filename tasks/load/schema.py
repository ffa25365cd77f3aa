"""The one way to open the DuckDB warehouse, its single writer, and its schema from sql/.

The writer holds the file only while it loads a batch (a write window), so `fazhi sql`,
`report` and `export` work during a run: a reader that meets a write window waits for it
(briefly), and so does a write window that meets a reader. A whole run (harvest, reprocess)
holds a run lock beside the file, so a second run on the same warehouse stops at once with
one line instead of interleaving its batches.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tasks.indicators import indicators
from tasks.load import migrations
from tasks.load.comments import apply_comments
from tasks.load.storage import STORAGE_VERSION
from tasks.paths import SQL_DIR, sql_text

# The writer only appends batches: a bounded buffer pool keeps the loading process small
# (DuckDB's default is 80% of RAM); readers keep the default for big queries.
DEFAULT_WRITER_MEMORY_LIMIT = "512MB"


@dataclass(frozen=True)
class LoadSettings:
    """The load stage's settings: which warehouse file, and its writer's buffer pool."""

    warehouse: Path
    memory_limit: str = DEFAULT_WRITER_MEMORY_LIMIT


class WarehouseError(RuntimeError):
    """The warehouse file cannot be opened or a statement in it fails; message names the path."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse (a run's lock, or a write window that outlasted
    the wait); the CLI exits with EX_TEMPFAIL (75): try again later."""


# How long an open waits for another process's hold on the file: a reader waits out a write
# window (one batch's load, well under a second to a few seconds), a write window waits out
# readers' queries.
READER_WAIT_S = 15.0
WRITER_WAIT_S = 120.0
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


def connect(path: Path, read_only: bool = False,
            memory_limit: str = DEFAULT_WRITER_MEMORY_LIMIT,
            wait_s: float | None = None, config: dict | None = None
            ) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection also applies the schema (idempotent DDL) and
    gets a buffer pool of ``memory_limit`` (a DuckDB size such as 512MB). While another
    process holds the file, retry for up to ``wait_s`` (default READER_WAIT_S or
    WRITER_WAIT_S), then WarehouseBusy. ``config``: more DuckDB settings (the sandbox of
    fazhi/warehouse/sandbox.py)."""
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `fazhi harvest` or `fazhi demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {**({} if read_only else {"memory_limit": memory_limit}), **(config or {})}
    if not read_only and not path.exists():  # a new file, in the format the DuckDB CLI reads
        config["storage_compatibility_version"] = STORAGE_VERSION
    con = _open(path, read_only, config, (READER_WAIT_S if read_only else WRITER_WAIT_S)
                if wait_s is None else wait_s)
    if not read_only and not _schema_current(con, path):
        new = migrations.is_new_warehouse(con)
        try:
            migrations.apply_pending(con)
        except migrations.MigrationError as exc:
            con.close()
            raise WarehouseError(f"cannot upgrade warehouse {path}: {exc}") from exc
        apply_schema(con)
        if new:
            migrations.mark_all_applied(con)
        _SCHEMA_APPLIED.add(path.resolve())
    return con


def _open(path: Path, read_only: bool, config: dict, wait_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_s
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
            if time.monotonic() + pause > deadline:
                holder = _LOCK_HOLDER.search(message)
                who = f"process {holder.group(1)}" if holder else "another process"
                raise WarehouseBusy(f"warehouse {path} is held by {who} (waited {wait_s:g} s); "
                                    "try again when it is done") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc


@contextmanager
def writer(settings: LoadSettings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write window: the warehouse open for writing only while the block runs, so readers
    in other processes get in between batches. (A connection kept open for the whole run
    locked every reader out until the end; the cost of reopening is measured by
    bench/write_windows.py.)"""
    con = connect(Path(settings.warehouse), memory_limit=settings.memory_limit)
    try:
        yield con
    finally:
        con.close()


# Run locks this process holds: path → (open lock file, depth). Re-entrant, so the CLI can
# take the lock before starting a flow that takes it again.
_RUN_LOCKS: dict[Path, list] = {}


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold the warehouse's run lock (``<file>.run-lock``, an flock the kernel drops when the
    process dies, kill -9 included); WarehouseBusy at once if another process holds it."""
    key = Path(path).resolve()
    if key in _RUN_LOCKS:
        _RUN_LOCKS[key][1] += 1
    else:
        key.parent.mkdir(parents=True, exist_ok=True)
        lock_path = key.with_name(key.name + ".run-lock")
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 (held past this block)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise WarehouseBusy(f"another harvest or reprocess ({holder}) is running on "
                                f"{key}; try again when it is done") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        _RUN_LOCKS[key] = [handle, 1]
    try:
        yield
    finally:
        entry = _RUN_LOCKS[key]
        entry[1] -= 1
        if entry[1] == 0:
            del _RUN_LOCKS[key]
            fcntl.flock(entry[0], fcntl.LOCK_UN)
            entry[0].close()


# A run opens the warehouse once per batch; re-running all DDL each time cost ~65 ms a batch.
# The schema is applied on a process's first open of a file, and again only if it went missing
# (its last view, in manifest order, is checked for).
_SCHEMA_APPLIED: set[Path] = set()


def _schema_current(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    if path.resolve() not in _SCHEMA_APPLIED:
        return False
    present = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'v_problems'")
    return present.fetchall() == [(1,)]  # fetchall: a pending result blocks register()


def schema_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    """The schema's files in the order sql/manifest.txt declares: tables, staging, marts."""
    manifest = (sql_dir / "manifest.txt").read_text(encoding="utf-8").splitlines()
    return [sql_dir / line.strip() for line in manifest
            if line.strip() and not line.startswith("#")]


def apply_schema(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Create or update every table and view, in the declared order; the indicator dictionary
    is loaded once the tables exist, and every description of sql/schema.yml written as a
    COMMENT ON. Every statement is idempotent."""
    for path in schema_files(sql_dir):
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except (OSError, duckdb.Error) as exc:
            raise WarehouseError(f"cannot apply {path.relative_to(sql_dir)}: "
                                 f"{str(exc).splitlines()[0]}") from exc
        if path.name == "tables.sql":
            _refresh_indicators(con)
    _fill_indicator_values(con)
    con.execute(migrations.LEDGER_DDL)  # described like every table, so it must exist first
    try:  # the descriptions of sql/schema.yml, after the views exist (re-creating one drops its)
        apply_comments(con)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot apply sql/schema.yml: {str(exc).splitlines()[0]}") from exc


def _refresh_indicators(con: duckdb.DuckDBPyConnection) -> None:
    """The ``indicators`` table as the dictionary (tasks/indicators.py) has it now."""
    import pandas as pd  # only writers apply the schema: `fazhi sql` and other readers need not

    frame = pd.DataFrame(
        [(i.id, i.name_zh, "|".join(i.synonyms), i.kind, i.unit, i.min, i.max,
          "|".join(i.units), "|".join(i.excludes))
         for i in indicators()],
        columns=["id", "name_zh", "synonyms", "kind", "unit", "min", "max", "units", "excludes"])
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM indicators")
    con.register("_indicator_frame", frame)
    try:
        con.execute("INSERT INTO indicators BY NAME SELECT * FROM _indicator_frame")
    finally:
        con.unregister("_indicator_frame")
    con.execute("COMMIT")


def _fill_indicator_values(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse loaded before indicator_values existed gets the table filled from its facts
    and bodies once, so v_indicator_wide does not go blank until a `fazhi reprocess` (which
    re-extracts and so also sets the facts' scope and part_of, NULL on such rows: read as the
    year's figure and no part here)."""
    cursor = con.execute(sql_text("pipeline/facts_for_indicator_values.sql"))
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if not rows:
        return
    import pandas as pd

    from tasks.load.indicator_values import indicator_values
    from tasks.records import Fact

    by_report: dict[str, tuple[str, list[Fact]]] = {}
    for row in rows:
        fact = Fact(subject=row["subject"], value=row["value"], unit=row["unit"],
                    kind=row["kind"], qualifier=row["qualifier"], quote=row["quote"],
                    start=row.get("start", row.get("start_offset")) or 0,
                    end=row.get("end", row.get("end_offset")) or 0,
                    indicator=row["indicator"], section=row["section"],
                    scope=row.get("scope") or "year", part_of=row.get("part_of"))
        by_report.setdefault(row["report_id"], (row["body"] or "", []))[1].append(fact)
    values = [{"report_id": report_id, **vars(value)}
              for report_id, (body, facts) in by_report.items()
              for value in indicator_values(facts, body)]
    if not values:
        return
    con.register("_values_frame", pd.DataFrame(values))
    try:
        con.execute("INSERT INTO indicator_values BY NAME SELECT * FROM _values_frame")
    finally:
        con.unregister("_values_frame")
