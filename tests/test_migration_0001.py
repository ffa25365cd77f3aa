"""Migration 0001 on a real warehouse written by main at fe6af06 (tests/fixtures/warehouses/):
reserved-word columns renamed, every row kept, the current views and writer work on it."""

from __future__ import annotations

from pathlib import Path

import duckdb
from test_storage import old_demo_warehouse

from tasks.load.schema import connect

OLD_COLUMNS = {("quality_results", "check"), ("alerts_sent", "check"), ("facts", "start"),
               ("facts", "end"), ("sections", "start"), ("sections", "end"),
               ("v_problems", "at")}
NEW_COLUMNS = {("quality_results", "check_name"), ("alerts_sent", "check_name"),
               ("facts", "start_offset"), ("facts", "end_offset"),
               ("sections", "start_offset"), ("sections", "end_offset"),
               ("v_problems", "occurred_at"), ("v_quality_alerts", "check_name"),
               ("v_facts", "start_offset"), ("v_facts", "value_max")}
COUNTED = ("reports", "facts", "sections", "quality_results", "alerts_sent", "keywords")


def _columns(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall())


def test_migration_0001_renames_reserved_words_and_keeps_every_row(tmp_path: Path) -> None:
    path = old_demo_warehouse(tmp_path / "fazhi.duckdb")
    with duckdb.connect(str(path), read_only=True) as old:
        assert OLD_COLUMNS <= _columns(old)
        before = {t: old.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        offsets = old.execute('SELECT sum("start"), sum("end") FROM facts').fetchone()
        checks = old.execute('SELECT list_sort(list("check")) FROM alerts_sent').fetchone()[0]
    con = connect(path)
    try:
        columns = _columns(con)
        assert not OLD_COLUMNS & columns
        assert NEW_COLUMNS <= columns
        # migration 0002 (report identity) runs next and adds the writer's identity checks
        # (suites identity, warehouse) to quality_results; every row 0001 saw is still there
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        after["quality_results"] = con.execute(
            "SELECT count(*) FROM quality_results WHERE suite NOT IN ('identity', 'warehouse')"
        ).fetchone()[0]
        assert after == before
        assert before["facts"] == 124 and before["alerts_sent"] == 2
        assert con.execute("SELECT sum(start_offset), sum(end_offset) FROM facts").fetchone() \
            == offsets
        assert con.execute("SELECT list_sort(list(check_name)) FROM alerts_sent").fetchone()[0] \
            == checks
        assert con.execute("SELECT version, name, ran FROM schema_migrations "
                           "WHERE version = 1").fetchall() == [(1, "reserved_words", True)]
        # the renamed key still keys: telling the same alert again updates, not duplicates
        con.execute("INSERT INTO alerts_sent SELECT report_id, check_name, 'x', now() "
                    "FROM alerts_sent ON CONFLICT (report_id, check_name) DO UPDATE "
                    "SET body_sha256 = excluded.body_sha256")
        assert con.execute("SELECT count(*) FROM alerts_sent").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM v_problems WHERE occurred_at IS NOT NULL"
                           ).fetchone()[0] > 0
    finally:
        con.close()
