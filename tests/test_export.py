"""`export_warehouse` round-trips: row counts equal after reading the files back with DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fazhi.warehouse.export import export_warehouse
from tasks.load.batch import load_processed
from tasks.load.schema import WarehouseError, connect
from tests.test_load import _fact, _report


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_round_trips_row_counts(tmp_path: Path, fmt: str) -> None:
    con = connect(tmp_path / "w.duckdb")
    load_processed(con, [_report("http://a/1", "调解纠纷12宗。", [_fact(12), _fact(3)]),
                         _report("http://a/2", "调解纠纷5宗。", [_fact(5)])], [])
    written = export_warehouse(con, tmp_path / "out", fmt)
    assert written["v_facts"] == 3 and written["reports"] == 2
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    check = duckdb.connect()
    for name, rows in written.items():
        if rows == 0:
            continue
        files = str(tmp_path / "out" / name / "**" / f"*.{fmt}")
        back = check.execute(f"SELECT count(*) FROM {reader}('{files}', hive_partitioning=true)")
        assert back.fetchone()[0] == rows, name
    assert (tmp_path / "out" / "v_facts" / "report_year=2024").is_dir()


def test_export_rejects_an_unknown_format(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    with pytest.raises(WarehouseError, match="unknown export format"):
        export_warehouse(con, tmp_path / "out", "xlsx")


def test_export_to_a_folder_with_a_quote_in_its_name(tmp_path: Path) -> None:
    """Issue #16: `fazhi export --to "/tmp/exp'o"` pasted the path into SQL (ParserException)."""
    from fazhi.cli import main

    warehouse = tmp_path / "w.duckdb"
    con = connect(warehouse)
    load_processed(con, [_report("http://a/1", "调解纠纷12宗。", [_fact(12)])], [])
    con.close()
    target = tmp_path / "exp'o; DROP TABLE reports; --"
    assert main(["export", "--warehouse", str(warehouse), "--to", str(target),
                 "--format", "csv"]) == 0
    written = list((target / "reports").rglob("*.csv"))
    assert len(written) == 1 and written[0].read_text(encoding="utf-8").count("\n") == 2
    check = duckdb.connect(str(warehouse), read_only=True)
    assert check.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
