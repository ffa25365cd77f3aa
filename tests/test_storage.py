"""The warehouse file opens in the DuckDB CLI (1.5 line) as well as the Python package (2.0),
and `fazhi upgrade` brings a file written in DuckDB 2.0's own format to that storage version."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
from analyst_warehouse import build_analyst_warehouse

from tasks.load.storage import STORAGE_VERSION, storage_version
from tasks.paths import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "warehouses"
# The DuckDB CLI comes with the dev dependencies (duckdb-cli), beside this interpreter.
DUCKDB_CLI = Path(sys.executable).parent / "duckdb"


def duckdb_cli(warehouse: Path, sql: str) -> subprocess.CompletedProcess:
    """``sql`` through the DuckDB command-line tool, read-only, CSV output without a header."""
    assert DUCKDB_CLI.exists(), "the DuckDB CLI is a dev dependency: pip install -e '.[dev]'"
    return subprocess.run([str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(warehouse),
                           "-c", sql], capture_output=True, text=True, timeout=60)


def old_demo_warehouse(target: Path) -> Path:
    """The demo warehouse main wrote at fe6af06 (DuckDB 2.0 storage), copied to ``target``."""
    with gzip.open(FIXTURES / "demo_fe6af06.duckdb.gz") as packed, open(target, "wb") as out:
        shutil.copyfileobj(packed, out)
    return target


def test_the_duckdb_cli_reads_a_new_warehouse(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = build_analyst_warehouse(path)
    assert storage_version(con) == STORAGE_VERSION + "+"
    facts = con.execute("SELECT count(*) FROM v_facts").fetchone()[0]
    con.close()
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("v1.5"), version.stdout
    done = duckdb_cli(path, "SELECT count(*) FROM v_facts")
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) == facts > 0


def test_upgrade_rewrites_an_old_warehouse_for_the_cli(tmp_path: Path) -> None:
    path = old_demo_warehouse(tmp_path / "fazhi.duckdb")
    refused = duckdb_cli(path, "SELECT 1")
    assert refused.returncode != 0 and "version number" in refused.stderr
    with duckdb.connect(str(path), read_only=True) as con:
        reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        keys = {r[0] for r in con.execute("SELECT table_name FROM duckdb_constraints() "
                                          "WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
    done = subprocess.run([sys.executable, "-m", "fazhi.cli", "upgrade", "--warehouse",
                           str(path)], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"storage format {STORAGE_VERSION}" in done.stdout
    assert (tmp_path / "fazhi.duckdb.before-upgrade").exists()
    read = duckdb_cli(path, "SELECT count(*) FROM reports")
    assert read.returncode == 0, read.stderr
    assert int(read.stdout.strip()) == reports == 6
    with duckdb.connect(str(path), read_only=True) as con:
        assert storage_version(con) == STORAGE_VERSION + "+"
        # every primary key survives the rewrite (the pending migrations and the current
        # schema may add tables with keys of their own)
        after = {r[0] for r in con.execute("SELECT table_name FROM duckdb_constraints() "
                                           "WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
        assert keys and keys <= after


def test_upgrade_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "fazhi.cli", "upgrade", "--warehouse",
                           str(tmp_path / "none.duckdb")], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no warehouse at" in done.stderr


def test_the_cli_reads_every_view_of_a_new_warehouse(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    build_analyst_warehouse(path).close()
    views = duckdb_cli(path, "SELECT view_name FROM duckdb_views() WHERE NOT internal "
                             "AND view_name LIKE 'v\\_%' ESCAPE '\\'")
    assert views.returncode == 0, views.stderr
    assert "v_facts" in views.stdout.split()
    for view in views.stdout.split():
        done = duckdb_cli(path, f"SELECT count(*) FROM {view}")
        assert done.returncode == 0, (view, done.stderr)
