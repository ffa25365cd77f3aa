"""`fazhi report`: one self-contained HTML page, drawn in a real headless Chromium when present."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from analyst_warehouse import ALERT_CHECK, ALERT_TITLE, REPORTS, build_analyst_warehouse

from fazhi.cli import main
from fazhi.warehouse.report_page import (
    TITLE_ALERTS,
    TITLE_COVERAGE,
    TITLE_INDICATORS,
    TITLE_REPORTS,
    build_report,
)
from tasks.load.schema import connect

CHART_TITLES = (TITLE_REPORTS, TITLE_COVERAGE, TITLE_INDICATORS)
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.IGNORECASE)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _page(tmp_path: Path) -> Path:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    try:
        return build_report(con, tmp_path / "out" / "report.html")
    finally:
        con.close()


def test_page_is_self_contained_with_every_chart_and_the_open_alert(tmp_path: Path) -> None:
    text = _page(tmp_path).read_text(encoding="utf-8")
    assert not REMOTE_SCRIPT.search(text)
    assert '<meta charset="utf-8">' in text and "Noto Sans CJK SC" in text
    for title in (*CHART_TITLES, TITLE_ALERTS):
        assert title in text
    assert ALERT_TITLE in text and ALERT_CHECK in text
    assert "Plotly.newPlot" in text and text.count("Plotly.newPlot") == len(CHART_TITLES)


def test_an_empty_warehouse_still_gives_a_page_with_no_data_notes(tmp_path: Path) -> None:
    con = connect(tmp_path / "empty.duckdb")
    text = build_report(con, tmp_path / "report.html").read_text(encoding="utf-8")
    for title in (*CHART_TITLES, TITLE_ALERTS):
        assert title in text
    assert text.count('class="empty"') == len(CHART_TITLES) + 1
    assert "Plotly.newPlot" not in text and len(text) < 20_000  # no plotly.js when unused


def test_cli_writes_the_page_beside_the_warehouse(tmp_path: Path) -> None:
    build_analyst_warehouse(tmp_path / "w.duckdb").close()
    assert main(["report", "--warehouse", str(tmp_path / "w.duckdb")]) == 0
    assert ALERT_TITLE in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert main(["report", "--warehouse", str(tmp_path / "missing.duckdb")]) == 1


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}",
         "--virtual-time-budget=5000", "--window-size=1280,2400", *args],
        capture_output=True, text=True, timeout=180, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = _page(tmp_path)
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    # plotly.js ran offline: every chart became an SVG, one box per indicator stated.
    assert dom.count('class="main-svg"') >= len(CHART_TITLES)
    stated = {f[0] for spec in REPORTS for f in spec["facts"] if f[4] != "plans"}
    assert len(re.findall(r'class="trace boxes"', dom)) == len(stated)
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000
