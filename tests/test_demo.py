"""`fazhi demo`, the README's first command, as a user runs it: twice, the second changing
nothing, each ending with the summary and the report page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_report_page import NETWORK_RESOURCE
from test_storage import duckdb_cli

from tasks.paths import PROJECT_ROOT


def _demo(warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", "demo", "--warehouse",
                           str(warehouse)], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=300)


def test_demo_twice(tmp_path: Path) -> None:
    warehouse = tmp_path / "fazhi.duckdb"
    first = _demo(warehouse)
    assert first.returncode == 0, first.stderr
    assert "reports loaded 6 (unchanged since last run 0)" in first.stdout
    assert "new alerts 2" in first.stdout
    assert (tmp_path / "report.html").exists() and (tmp_path / "data_docs" / "index.html").exists()
    # Every page the demo writes (report.html, Data Docs) opens offline: no network resource.
    pages = list(tmp_path.rglob("*.html"))
    assert len(pages) >= 2
    for page in pages:
        assert NETWORK_RESOURCE.findall(page.read_text(encoding="utf-8")) == [], page
    assert "https://" not in (tmp_path / "data_docs" / "index.html").read_text(encoding="utf-8")
    # The file a user gets opens in the DuckDB CLI (1.5 line), not only in the package (2.0).
    read = duckdb_cli(warehouse, "SELECT count(*) FROM v_reports")
    assert read.returncode == 0 and read.stdout.strip() == "6", read.stderr
    second = _demo(warehouse)
    assert second.returncode == 0, second.stderr
    assert "reports loaded 0 (unchanged since last run 6)" in second.stdout
    assert "new alerts 0" in second.stdout
    for run in (first, second):
        assert "Traceback" not in run.stdout + run.stderr
        assert "ERROR" not in run.stderr
