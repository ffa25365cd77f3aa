"""`fazhi export` writes every table and v_* view and reads back whole (issue #17): Parquet with
pandas (pyarrow) and DuckDB, CSV with its partition columns inside each file."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from analyst_warehouse import build_analyst_warehouse

from fazhi.warehouse.export import ExportError, export_relations, export_warehouse
from tasks.load.batch import load_processed
from tasks.paths import PROJECT_ROOT
from tests.test_load import _fact, _report


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analyst warehouse plus a report whose province and region are unknown (NULL)."""
    path = tmp_path_factory.mktemp("export") / "w.duckdb"
    con = build_analyst_warehouse(path)
    load_processed(con, [_report("http://a/1", "调解纠纷12宗。", [_fact(12)])], [])
    con.execute("INSERT INTO alerts_sent VALUES ('r1', 'closed_le_filed', 'sha', now())")
    con.close()
    return path


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def test_every_table_and_view_is_exported(warehouse: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    names = export_relations(con)
    for wanted in ("v_keywords", "report_versions", "alerts_sent", "v_facts", "reports",
                   "v_problems", "v_coverage", "indicators", "sections"):
        assert wanted in names
    assert not [n for n in names if n.startswith("stg_")]
    written = export_warehouse(con, tmp_path / "out", "parquet")
    assert set(written) == set(names)
    assert written["alerts_sent"] == 1 and written["v_keywords"] > 0
    con.close()


def test_parquet_reads_back_whole_in_pandas_and_duckdb(warehouse: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    written = export_warehouse(con, tmp_path / "out", "parquet")
    assert con.execute("SELECT count(*) FROM v_facts WHERE province IS NULL").fetchone()[0] == 1
    reader = duckdb.connect()
    for name, rows in written.items():
        folder = tmp_path / "out" / name
        frame = pd.read_parquet(folder)  # the folder, as a user would pass it
        assert len(frame) == rows, name
        original = con.execute(f'SELECT * FROM "{name}"')
        columns = [d[0] for d in original.description]
        assert list(frame.columns) == columns, name
        expected = sorted(map(repr, original.fetchall()))
        back = reader.execute(f"SELECT * FROM read_parquet('{folder}/*.parquet')").fetchall()
        assert sorted(map(repr, back)) == expected, name
    con.close()


def test_csv_keeps_partition_columns_inside_each_file(warehouse: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "fazhi.cli", "export", "--to",
                           str(tmp_path / "out"), "--format", "csv", "--warehouse",
                           str(warehouse)], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "out" / "v_facts").glob("report_year=2024/province=*/*.csv"))
    assert len(files) == 3  # 广东省, 浙江省 and the unknown province
    provinces = set()
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and {r["report_year"] for r in rows} == {"2024"}
        assert len({r["province"] for r in rows}) == 1
        provinces.add(rows[0]["province"])
    assert provinces == {"广东省", "浙江省", ""}  # NULL is an empty CSV cell
    con = duckdb.connect(str(warehouse), read_only=True)
    reader = duckdb.connect()
    for name in export_relations(con):
        rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        pattern = tmp_path / "out" / name / "**" / "*.csv"
        if rows == 0:
            continue
        back = reader.execute(f"SELECT * FROM read_csv('{pattern}', hive_partitioning = false)")
        assert [d[0] for d in back.description] == [
            d[0] for d in con.execute(f'SELECT * FROM "{name}" LIMIT 0').description], name
        assert len(back.fetchall()) == rows, name
    con.close()


def test_export_rejects_an_unknown_format(warehouse: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    with pytest.raises(ExportError, match="unknown export format"):
        export_warehouse(con, tmp_path / "out", "xlsx")
    con.close()


def test_export_to_a_folder_with_a_quote_in_its_name(tmp_path: Path) -> None:
    """Issue #16: `fazhi export --to "/tmp/exp'o"` pasted the path into SQL (ParserException)."""
    from fazhi.cli import main
    from tasks.load.schema import connect

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
