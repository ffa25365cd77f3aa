"""The one way to open the DuckDB warehouse, its single writer, and its schema from sql/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from tasks.indicators import indicators
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


def connect(path: Path, read_only: bool = False,
            memory_limit: str = DEFAULT_WRITER_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection also applies the schema (idempotent DDL) and
    gets a buffer pool of ``memory_limit`` (a DuckDB size such as 512MB)."""
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `fazhi harvest` or `fazhi demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        config = {} if read_only else {"memory_limit": memory_limit}
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
    if not read_only and not _schema_current(con, path):
        apply_schema(con)
        _SCHEMA_APPLIED.add(path.resolve())
    return con


# The run's writer: one connection kept open from the first batch to the end of the run.
# Opening and closing per batch re-ran the DDL, checkpointed on every close (up to 0.9 s on
# a grown file) and leaked ~20 MB per 1,000 reports.
_WRITERS: dict[Path, duckdb.DuckDBPyConnection] = {}


def writer(settings: LoadSettings) -> duckdb.DuckDBPyConnection:
    """The process's writable connection to a warehouse, opened on first use."""
    key = Path(settings.warehouse).resolve()
    if key not in _WRITERS:
        _WRITERS[key] = connect(key, memory_limit=settings.memory_limit)
    return _WRITERS[key]


def close_writer(path: Path) -> None:
    """End of a run: close the writer so readers (the CLI, other processes) can open the file."""
    con = _WRITERS.pop(Path(path).resolve(), None)
    if con is not None:
        con.close()


# A run opens the warehouse once per batch; re-running all DDL each time cost ~65 ms a batch.
# The schema is applied on a process's first open of a file, and again only if it went missing
# (its last view, in manifest order, is checked for).
_SCHEMA_APPLIED: set[Path] = set()


def _schema_current(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    if path.resolve() not in _SCHEMA_APPLIED:
        return False
    present = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'v_problems'")
    return present.fetchone()[0] == 1


def schema_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    """The schema's files in the order sql/manifest.txt declares: tables, staging, marts."""
    manifest = (sql_dir / "manifest.txt").read_text(encoding="utf-8").splitlines()
    return [sql_dir / line.strip() for line in manifest
            if line.strip() and not line.startswith("#")]


def apply_schema(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Create or update every table and view, in the declared order; the indicator dictionary
    is loaded once the tables exist. Every statement is idempotent."""
    for path in schema_files(sql_dir):
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except (OSError, duckdb.Error) as exc:
            raise WarehouseError(f"cannot apply {path.relative_to(sql_dir)}: "
                                 f"{str(exc).splitlines()[0]}") from exc
        if path.name == "tables.sql":
            _refresh_indicators(con)
    _fill_indicator_values(con)


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
