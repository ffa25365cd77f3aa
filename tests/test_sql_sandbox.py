"""`fazhi sql` is really read-only (issue #16): no file written, attached or read outside the
warehouse, and a text with any write among its statements runs nothing — each refused with
one line on stderr, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from analyst_warehouse import build_analyst_warehouse

from tasks.paths import PROJECT_ROOT
from tests.conftest import query


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sandbox") / "fazhi.duckdb"
    build_analyst_warehouse(path).close()
    prefect_db = path.parent / ".prefect" / "prefect.db"
    prefect_db.parent.mkdir()
    prefect_db.write_bytes(b"SQLite format 3\x00 flow run parameters live here")
    return path


def sql(warehouse: Path, text: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "fazhi.cli", "sql", "--warehouse",
                           str(warehouse), text], capture_output=True, text=True, timeout=60,
                          env=env)


def refused(done: subprocess.CompletedProcess) -> None:
    assert done.returncode != 0 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_copy_to_a_file_is_refused(warehouse: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    refused(sql(warehouse, f"COPY (SELECT * FROM reports) TO '{target}'"))
    refused(sql(warehouse, f"SELECT 1; COPY reports TO '{target}' (FORMAT csv)"))
    assert not target.exists()


def test_attach_is_refused(warehouse: Path, tmp_path: Path) -> None:
    other = tmp_path / "n.duckdb"
    refused(sql(warehouse, f"ATTACH '{other}' (READ_WRITE)"))
    assert not other.exists()


def test_files_outside_the_warehouse_cannot_be_read(warehouse: Path) -> None:
    prefect_db = warehouse.parent / ".prefect" / "prefect.db"
    for text in (f"SELECT content FROM read_blob('{prefect_db}')",
                 "SELECT * FROM read_csv('/etc/passwd')",
                 "SELECT * FROM glob('/etc/*')",
                 "SET enable_external_access = true"):
        done = sql(warehouse, text)
        refused(done)
        assert "flow run parameters" not in done.stderr


def test_a_write_among_several_statements_runs_nothing(warehouse: Path) -> None:
    before = query(warehouse, "SELECT count(*) FROM reports")
    done = sql(warehouse, "SELECT count(*) FROM reports; DELETE FROM reports; SELECT 1")
    refused(done)
    assert "statement 2" in done.stderr
    assert query(warehouse, "SELECT count(*) FROM reports") == before


def test_reads_and_named_queries_still_work(warehouse: Path) -> None:
    done = sql(warehouse, "SELECT count(*) AS n FROM v_reports")
    assert done.returncode == 0 and "n" in done.stdout, done.stderr
    done = sql(warehouse, "SELECT 1 AS a; SELECT 2 AS b")
    assert done.returncode == 0, done.stderr
    done = sql(warehouse, "court_appearance_trend")
    assert done.returncode == 0, done.stderr
