"""The read commands behave like sqlite-utils and the DuckDB CLI (issue #17): tables, schema,
named queries, stdin, every format, NULL, every statement's result, DuckDB's hints, a closed
pipe, --version, and a writer's lock told in one line. Each runs `fazhi` as a user does."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from analyst_warehouse import REPORTS, build_analyst_warehouse

from tasks.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "w.duckdb"
    build_analyst_warehouse(path).close()
    return path


def fazhi(*argv: str, warehouse: Path | None = None, stdin: str | None = None,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    extra = ["--warehouse", str(warehouse)] if warehouse else []
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *argv, *extra], input=stdin,
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


def test_tables_lists_every_table_and_view_with_counts(warehouse: Path) -> None:
    done = fazhi("tables", "--counts", "--format", "csv", warehouse=warehouse)
    assert done.returncode == 0, done.stderr
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert {"v_facts", "reports", "alerts_sent", "v_keywords", "report_versions"} <= set(rows)
    assert rows["reports"]["kind"] == "table" and rows["v_facts"]["kind"] == "view"
    assert int(rows["reports"]["rows"]) == len(REPORTS)
    assert int(rows["v_facts"]["rows"]) == sum(len(r["facts"]) for r in REPORTS)
    assert all(r["description"] for r in rows.values())


def test_schema_of_one_view_and_a_one_line_miss(warehouse: Path) -> None:
    done = fazhi("schema", "v_facts", "--format", "json", warehouse=warehouse)
    assert done.returncode == 0, done.stderr
    columns = {c["column"]: c for c in json.loads(done.stdout)}
    assert columns["value_max"]["type"] == "DOUBLE"
    assert "upper bound" in columns["value_max"]["description"]
    missing = fazhi("schema", "v_fact", warehouse=warehouse)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    assert "did you mean v_facts" in missing.stderr


def test_sql_list_names_every_named_query() -> None:
    done = fazhi("sql", "--list", "--format", "tsv")
    assert done.returncode == 0, done.stderr
    names = [line.split("\t")[0] for line in done.stdout.splitlines()[1:]]
    assert names == sorted(p.stem for p in (PROJECT_ROOT / "sql" / "queries").glob("*.sql"))


def test_sql_reads_stdin_and_prints_every_statement(warehouse: Path) -> None:
    script = "SELECT 1 AS one, NULL AS nothing;\nSELECT count(*) AS reports FROM v_reports;\n"
    done = fazhi("sql", "-f", "-", warehouse=warehouse, stdin=script)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.split("\n\n")
    assert first.splitlines()[2].split() == ["1", "NULL"]
    assert second.splitlines()[2].strip() == str(len(REPORTS))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson", "table"])
def test_every_format_and_json_without_nan(warehouse: Path, fmt: str) -> None:
    sql = ("SELECT 'a,b' AS text, 1.5 AS x, CAST('nan' AS DOUBLE) AS nan, "
           "CAST('inf' AS DOUBLE) AS inf, NULL AS nothing")
    done = fazhi("sql", sql, "--format", fmt, warehouse=warehouse)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        assert json.loads(done.stdout) == [{"text": "a,b", "x": 1.5, "nan": None, "inf": None,
                                            "nothing": None}]
    elif fmt == "ndjson":
        assert [json.loads(line) for line in done.stdout.splitlines()] == [
            {"text": "a,b", "x": 1.5, "nan": None, "inf": None, "nothing": None}]
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(done.stdout), delimiter="," if fmt == "csv"
                               else "\t"))
        assert rows[0] == ["text", "x", "nan", "inf", "nothing"]
        assert rows[1][:2] == ["a,b", "1.5"] and rows[1][4] == ""
    else:
        assert done.stdout.splitlines()[2].split()[-1] == "NULL"
    assert "NaN" not in done.stdout or fmt not in ("json", "ndjson")


def test_duckdb_hints_are_kept(warehouse: Path) -> None:
    done = fazhi("sql", "SELECT * FROM v_fact", warehouse=warehouse)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert 'Did you mean "v_facts"?' in done.stderr
    column = fazhi("sql", "SELECT twon FROM v_reports", warehouse=warehouse)
    assert '"town"' in column.stderr and "Traceback" not in column.stderr


def test_a_closed_pipe_ends_quietly(warehouse: Path) -> None:
    script = (f"{sys.executable} -m fazhi.cli sql 'SELECT * FROM range(200000)' "
              f"--warehouse {warehouse} | head -n 3; exit ${{PIPESTATUS[0]}}")
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode in (0, 141), done.stderr
    assert done.stdout.splitlines()[0].strip() == "range"
    assert done.stderr == ""


def test_version_and_the_help_example_queries_a_view() -> None:
    version = fazhi("--version")
    assert version.returncode == 0 and version.stdout.startswith("fazhi ")
    assert "duckdb 2.0" in version.stdout
    helped = fazhi("sql", "--help")
    example = helped.stdout.split("example:", 1)[1]
    assert "FROM v_facts" in example and "FROM reports" not in example


def test_a_writers_lock_is_one_line_before_any_work(warehouse: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.duckdb"
    locked.write_bytes(warehouse.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(locked)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for argv in (["sql", "SELECT 1"], ["tables"], ["alerts"],
                     ["export", "--to", str(tmp_path / "out")],
                     ["report", "--out", str(tmp_path / "r.html")]):
            done = fazhi(*argv, warehouse=locked, env={"FAZHI_READ_WAIT_S": "0.3"})
            assert done.returncode == 1, (argv, done.stdout)
            assert done.stderr.count("\n") == 1, (argv, done.stderr)
            assert "is being written by another process (python" in done.stderr
            assert f"PID {holder.pid}" in done.stderr
        assert not (tmp_path / "out").exists() and not (tmp_path / "r.html").exists()
    finally:
        holder.kill()
        holder.wait()
