"""The one way to open the DuckDB warehouse and bring its schema up to date from sql/*.sql."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from fazhi.config import SEEDS_DIR, SQL_DIR

INDICATORS_CSV = SEEDS_DIR / "indicators.csv"


# The writer only appends batches: a bounded buffer pool keeps the loading process small
# (DuckDB's default is 80% of RAM); readers keep the default for big queries.
DEFAULT_WRITER_MEMORY_LIMIT = "512MB"


class WarehouseError(RuntimeError):
    """The warehouse file cannot be opened or a statement in it fails; message names the path."""


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection also applies the schema (idempotent DDL)."""
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `fazhi harvest` or `fazhi demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        limit = os.environ.get("FAZHI_DUCKDB_MEMORY_LIMIT", "").strip()
        config = {} if read_only else {"memory_limit": limit or DEFAULT_WRITER_MEMORY_LIMIT}
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


def writer(path: Path) -> duckdb.DuckDBPyConnection:
    """The process's writable connection to a warehouse, opened on first use."""
    key = Path(path).resolve()
    if key not in _WRITERS:
        _WRITERS[key] = connect(key)
    return _WRITERS[key]


def close_writer(path: Path) -> None:
    """End of a run: close the writer so readers (the CLI, other processes) can open the file."""
    con = _WRITERS.pop(Path(path).resolve(), None)
    if con is not None:
        con.close()


# A run opens the warehouse once per batch; re-running all DDL each time cost ~65 ms a batch.
# The schema is applied on a process's first open of a file, and again only if it went missing.
_SCHEMA_APPLIED: set[Path] = set()


def _schema_current(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    if path.resolve() not in _SCHEMA_APPLIED:
        return False
    present = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'v_facts'")
    return present.fetchone()[0] == 1


def apply_schema(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Run the table DDL, then every view file; views may use each other, so retry in rounds."""
    for table_file in sorted(sql_dir.glob("0*.sql")):
        con.execute(table_file.read_text(encoding="utf-8"))
    _refresh_indicators(con)
    pending = sorted(sql_dir.glob("v_*.sql"))
    while pending:
        failed: list[Path] = []
        last_error: Exception | None = None
        for view_file in pending:
            try:
                con.execute(view_file.read_text(encoding="utf-8"))
            except duckdb.CatalogException as exc:  # depends on a view not yet created
                failed.append(view_file)
                last_error = exc
        if len(failed) == len(pending):
            raise WarehouseError(f"cannot create views {[f.name for f in failed]}: {last_error}")
        pending = failed


EXPORT_RELATIONS = ("reports", "facts", "sections", "keywords", "quality_results", "fetches",
                    "documents", "rejected_pages", "runs", "sources", "indicators",
                    "v_reports", "v_facts", "v_quality_alerts", "v_indicator_wide",
                    "v_indicator_trend", "v_coverage", "v_problems")
PARTITION_COLUMNS = ("report_year", "province")


def _refresh_indicators(con: duckdb.DuckDBPyConnection) -> None:
    if not INDICATORS_CSV.exists():
        return
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM indicators")
    con.execute("INSERT INTO indicators SELECT id, name_zh, synonyms, kind, unit, "
                "TRY_CAST(min AS DOUBLE), TRY_CAST(max AS DOUBLE) "
                "FROM read_csv(?, header = true, all_varchar = true)", [str(INDICATORS_CSV)])
    con.execute("COMMIT")


def export_warehouse(con: duckdb.DuckDBPyConnection, target: Path,
                     fmt: str = "parquet") -> dict[str, int]:
    """Write every table and view under ``target/<name>/``; relations that carry report_year
    and province are partitioned by them (hive style), so a user loads one province-year."""
    if fmt not in ("parquet", "csv"):
        raise WarehouseError(f"unknown export format {fmt!r}: use parquet or csv")
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name in EXPORT_RELATIONS:
        columns = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
        out = target / name
        options = [f"FORMAT {fmt}", "OVERWRITE_OR_IGNORE true"]
        if fmt == "csv":
            options.append("HEADER true")
        if set(PARTITION_COLUMNS) <= columns:
            options.append(f"PARTITION_BY ({', '.join(PARTITION_COLUMNS)})")
            path = out
        else:
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"data.{fmt}"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{path}' ({', '.join(options)})")
        written[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return written


LATEST_DOCUMENTS_SQL = """
SELECT url, sha256, source_id, region_hint, kind, encoding, attachment_url, page_sha256
FROM documents
QUALIFY row_number() OVER (PARTITION BY url ORDER BY last_seen DESC, first_seen DESC) = 1
ORDER BY url
"""


def latest_documents(path: Path) -> list[dict]:
    """The newest stored version of every document URL: the input of `fazhi reprocess`."""
    con = connect(path, read_only=True)
    try:
        cursor = con.execute(LATEST_DOCUMENTS_SQL)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def loaded_documents(path: Path) -> dict[str, tuple[str | None, str | None]]:
    """URL → (raw sha256, article page sha256) of every report as last loaded; a harvest
    skips a fetched report whose bytes are these (nothing changed, nothing to redo)."""
    if not Path(path).exists():
        return {}
    con = connect(path)
    try:
        rows = con.execute("""
            SELECT r.url, r.raw_sha256, any_value(d.page_sha256)
            FROM reports AS r
            LEFT JOIN documents AS d ON d.url = r.url AND d.sha256 = r.raw_sha256
            GROUP BY ALL""").fetchall()
    finally:
        con.close()
    return {url: (raw, page) for url, raw, page in rows}


def recently_checked(path: Path, hours: float) -> set[str]:
    """URLs of loaded reports whose latest fetch succeeded (200 or 304) within ``hours``."""
    if hours <= 0 or not Path(path).exists():
        return set()
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=hours)
    con = connect(path, read_only=True)
    try:
        rows = con.execute("""
            SELECT f.url FROM fetches AS f JOIN reports AS r ON r.url = f.url
            WHERE f.status IN (200, 304) AND f.error IS NULL
            GROUP BY f.url HAVING max(f.fetched_at) >= ?""", [since]).fetchall()
    finally:
        con.close()
    return {url for (url,) in rows}
