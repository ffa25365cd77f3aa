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
    FONT_FAMILY,
    TITLE_ALERTS,
    TITLE_COVERAGE,
    TITLE_INDICATORS,
    TITLE_REPORTS,
    build_report,
    indicators_chart,
    public_link,
)
from tasks.load.schema import connect

CHART_TITLES = (TITLE_REPORTS, TITLE_COVERAGE, TITLE_INDICATORS)
# Anything a browser would fetch by itself: script/img/iframe src, <link href>, CSS url() and
# @import. An <a href> is a link the reader may follow, not a resource.
NETWORK_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _page(tmp_path: Path) -> Path:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    try:
        return build_report(con, tmp_path / "out" / "report.html")
    finally:
        con.close()


def test_page_is_self_contained_with_every_chart_and_the_open_alert(tmp_path: Path) -> None:
    text = _page(tmp_path).read_text(encoding="utf-8")
    assert NETWORK_RESOURCE.findall(text) == []
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
    # plotly.js ran offline: every chart became an SVG, one strip plot per indicator stated.
    assert dom.count('class="main-svg"') >= len(CHART_TITLES)
    stated = {f[0] for spec in REPORTS for f in spec["facts"] if f[4] != "plans"}
    assert len(re.findall(r'class="trace scatter\b', dom)) >= len(stated)
    assert "三乡镇" in dom and "西湖街道" in dom  # town labels drawn
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000


def test_strip_plots_per_year_with_towns_units_and_invalid_values_marked(tmp_path: Path) -> None:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    try:
        # 西湖街道 2024 states a rate of 120%: outside 0–100, a failed check
        # (v_indicator_wide reads each report's one value from indicator_values)
        for table in ("facts", "indicator_values"):
            con.execute(f"UPDATE {table} SET value = 120 "
                        "WHERE indicator = 'head_court_appearance_rate' AND report_id = "
                        "(SELECT report_id FROM reports WHERE town = '西湖街道')")
        fig = indicators_chart(con)
    finally:
        con.close()
    rate = [t for t in fig.data if t.hovertext and any("%" in h for h in t.hovertext)]
    valid = next(t for t in rate if t.marker.symbol == "circle")
    invalid = next(t for t in rate if t.marker.symbol == "x")
    assert list(invalid.y) == [120.0] and list(invalid.text) == ["西湖街道 ✗"]
    assert sorted(zip(valid.x, valid.y, valid.text, strict=True)) == [
        ("2023", 92.5, "三乡镇"), ("2024", 80.0, "三乡镇")]  # years kept apart, not pooled
    axis_titles = {fig.layout[k].title.text for k in fig.layout if k.startswith("yaxis")}
    assert {"%", "元", "宗", "件"} <= axis_titles
    x_titles = {fig.layout[k].title.text for k in fig.layout if k.startswith("xaxis")}
    assert x_titles == {"report year"}
    assert not [t for t in fig.data if t.marker.symbol == "line-ew-open"]  # no year has 3


def test_links_go_to_public_pages_only_and_fonts_have_fallbacks() -> None:
    assert public_link("http://gd.example/a.html", "t") == '<a href="http://gd.example/a.html">t</a>'
    for local in ("http://127.0.0.1:18765/a.html", "http://localhost:8000/", "http://10.0.0.2/"):
        assert "<a " not in public_link(local, "t") and "local copy" in public_link(local, "t")
    fonts = [f.strip() for f in FONT_FAMILY.split(",")]
    assert fonts[0] == "Noto Sans CJK SC" and fonts[-1] == "sans-serif" and len(fonts) >= 5


def test_alerts_give_their_reason(tmp_path: Path) -> None:
    text = _page(tmp_path).read_text(encoding="utf-8")
    assert "结案12 &gt; 立案10<br><span class=\"expected\">expected 结案 ≤ 立案</span>" in text
