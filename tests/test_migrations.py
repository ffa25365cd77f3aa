"""The migration runner: numbered steps run once, in order, each all-or-nothing."""

from pathlib import Path

import duckdb
import pytest

from tasks.load import migrations
from tasks.load.schema import connect


def _write(directory: Path, name: str, body: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(f'"""{name}."""\n\n\ndef migrate(con):\n{body}\n',
                                  encoding="utf-8")


def _old_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute('CREATE TABLE reports (report_id VARCHAR, "check" VARCHAR)')
    con.execute("INSERT INTO reports VALUES ('a', 'x'), ('b', 'y')")
    con.execute("CREATE VIEW v_reports AS SELECT * FROM reports")
    return con


def test_pending_migrations_run_in_order_once(tmp_path):
    steps = tmp_path / "migrations"
    _write(steps, "0002_add_level.py",
           "    con.execute('ALTER TABLE reports ADD COLUMN level VARCHAR')")
    _write(steps, "0001_rename_check.py",
           "    con.execute('ALTER TABLE reports RENAME COLUMN \"check\" TO check_name')")
    con = _old_warehouse(tmp_path / "w.duckdb")
    ran = migrations.apply_pending(con, steps)
    assert [m.version for m in ran] == [1, 2]
    columns = [r[0] for r in con.execute("DESCRIBE reports").fetchall()]
    assert columns == ["report_id", "check_name", "level"]
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert con.execute("SELECT version, ran FROM schema_migrations ORDER BY 1").fetchall() == [
        (1, True), (2, True)]
    assert migrations.apply_pending(con, steps) == []


def test_a_failing_migration_leaves_the_warehouse_as_it_was(tmp_path):
    steps = tmp_path / "migrations"
    _write(steps, "0001_good.py", "    con.execute('ALTER TABLE reports ADD COLUMN a INTEGER')")
    _write(steps, "0002_bad.py", "    con.execute('DELETE FROM reports')\n"
                                 "    con.execute('SELECT * FROM no_such_table')")
    con = _old_warehouse(tmp_path / "w.duckdb")
    with pytest.raises(migrations.MigrationError, match="0002_bad failed") as caught:
        migrations.apply_pending(con, steps)
    assert "\n" not in str(caught.value)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert migrations.applied(con) == {1}


def test_two_files_with_one_number_are_refused(tmp_path):
    steps = tmp_path / "migrations"
    _write(steps, "0001_a.py", "    pass")
    _write(steps, "0001_b.py", "    pass")
    with pytest.raises(migrations.MigrationError, match="two migrations numbered 0001"):
        migrations.migrations(steps)


def test_a_new_warehouse_records_every_migration_without_running_it(tmp_path):
    con = connect(tmp_path / "new.duckdb")
    recorded = con.execute("SELECT version, ran FROM schema_migrations ORDER BY 1").fetchall()
    assert recorded == [(m.version, False) for m in migrations.migrations()]
    assert migrations.pending(con) == []
    con.close()
