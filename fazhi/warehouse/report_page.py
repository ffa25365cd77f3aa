"""The analyst's one-page overview of the warehouse: warehouse/report.html, charts and open alerts.

The page is self-contained (plotly.js is inlined, no CDN) so it opens offline and can be mailed
as one file. Every chart, count and label reads a v_* view, so the page shows what `fazhi sql`
would show.
"""

from __future__ import annotations

import html
import ipaddress
import math
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

# Chinese must render wherever the page is opened: Linux, Windows and macOS CJK fonts in turn.
FONT_FAMILY = ("Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
               "Hiragino Sans GB, WenQuanYi Micro Hei, sans-serif")
TITLE_REPORTS = "Reports per province and year · 各省年度报告数"
TITLE_COVERAGE = "Coverage: published and overdue per year · 报告发布情况"
TITLE_INDICATORS = "Main indicators by year and town · 主要指标（按年份、乡镇）"
TITLE_ALERTS = "Open quality alerts · 待处理的数据质量告警"
# Columns of v_indicator_wide before the indicator columns.
WIDE_KEY_COLUMNS = ("report_id", "url", "title", "province", "county", "town", "report_year")
MAX_ALERT_ROWS = 500
COVERAGE_COLORS = {"published": "#2e7d32", "overdue": "#c62828", "not yet due": "#9e9e9e"}


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    cursor = con.execute(sql)
    return [d[0] for d in cursor.description], cursor.fetchall()


def indicator_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Indicator id → Chinese name, as v_facts names the indicators the reports state."""
    return dict(con.execute("""
        SELECT DISTINCT indicator, indicator_name FROM v_facts
        WHERE indicator IS NOT NULL AND indicator_name IS NOT NULL""").fetchall())


def _style(fig: go.Figure, height: int, counts: Sequence[int] = ()) -> go.Figure:
    if counts and max(counts) <= 10:  # small counts: whole-number ticks, not 0.2 steps
        fig.update_yaxes(dtick=1)
    fig.update_layout(template="plotly_white", height=height, font={"family": FONT_FAMILY},
                      margin={"l": 60, "r": 20, "t": 40, "b": 60},
                      legend={"orientation": "h", "y": -0.15})
    return fig


def reports_chart(con: duckdb.DuckDBPyConnection) -> go.Figure | None:
    """Grouped bars: one bar per report year within each province."""
    _, rows = _rows(con, """
        SELECT coalesce(province, '(未识别 unknown)') AS province, report_year, count(*)
        FROM v_reports GROUP BY ALL ORDER BY report_year NULLS LAST, province""")
    if not rows:
        return None
    totals: dict[str, int] = {}
    for province, _, count in rows:
        totals[province] = totals.get(province, 0) + count
    provinces = sorted(totals, key=lambda p: (-totals[p], p))
    fig = go.Figure()
    for year in dict.fromkeys(r[1] for r in rows):
        counts = {r[0]: r[2] for r in rows if r[1] == year}
        fig.add_bar(name=str(year) if year is not None else "year unknown", x=provinces,
                    y=[counts.get(p, 0) for p in provinces])
    fig.update_layout(barmode="group", yaxis_title="reports", xaxis_title="province")
    return _style(fig, 420, [r[2] for r in rows])


def coverage_chart(con: duckdb.DuckDBPyConnection) -> go.Figure | None:
    """Stacked bars per report year: sources that published, are overdue, or are not yet due."""
    _, rows = _rows(con, """
        SELECT report_year,
               count(*) FILTER (WHERE is_published),
               count(*) FILTER (WHERE is_overdue),
               count(*) FILTER (WHERE NOT is_published AND NOT is_overdue)
        FROM v_coverage GROUP BY report_year ORDER BY report_year""")
    if not rows:
        return None
    years = [str(r[0]) for r in rows]
    fig = go.Figure()
    for i, status in enumerate(COVERAGE_COLORS, start=1):
        fig.add_bar(name=status, x=years, y=[r[i] for r in rows],
                    marker_color=COVERAGE_COLORS[status])
    fig.update_layout(barmode="stack", yaxis_title="sources", xaxis_title="report year",
                      xaxis_type="category",
                      legend_traceorder="normal")
    return _style(fig, 380, [sum(r[1:]) for r in rows])


def indicator_bounds(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, float, float]]:
    """Indicator id → (unit, plausible min, plausible max), from the indicator dictionary."""
    return {i: (u or "", lo, hi) for i, u, lo, hi in con.execute(
        "SELECT id, unit, min, max FROM indicators").fetchall()}


def _is_invalid(value: float, bounds: tuple[str, float, float] | None) -> bool:
    if bounds is None:
        return False
    _, low, high = bounds
    return (low is not None and value < low) or (high is not None and value > high)


def _place(row: tuple, where: tuple[int, int, int]) -> str:
    return row[where[0]] or row[where[1]] or row[where[2]] or "?"


def indicators_chart(con: duckdb.DuckDBPyConnection,
                     labels: dict[str, str] | None = None) -> go.Figure | None:
    """One strip plot per indicator: a dot per report, by report year, labelled with its town,
    on an axis in the indicator's unit. Years are not pooled (a handful of towns a year is no
    distribution); a value outside the indicator's plausible range (the quality check's) is a
    red cross, kept out of the year's median, which is drawn where a year has 3 valid values."""
    columns, rows = _rows(con, "SELECT * FROM v_indicator_wide")
    indicators = [c for c in columns if c not in WIDE_KEY_COLUMNS]
    present = [c for c in indicators if any(row[columns.index(c)] is not None for row in rows)]
    if not present:
        return None
    labels = indicator_labels(con) if labels is None else labels
    bounds = indicator_bounds(con)
    cols = min(3, len(present))
    n_rows = math.ceil(len(present) / cols)
    titles = [f"{labels[i]} ({i})" if i in labels else i for i in present]
    fig = make_subplots(rows=n_rows, cols=cols, subplot_titles=titles,
                        vertical_spacing=min(0.3 / n_rows, 0.12))
    where = columns.index("town"), columns.index("county"), columns.index("province")
    year, title, url = (columns.index(c) for c in ("report_year", "title", "url"))
    for n, indicator in enumerate(present):
        k = columns.index(indicator)
        points = [row for row in rows if row[k] is not None]
        unit = bounds.get(indicator, ("", None, None))[0]
        cell = {"row": n // cols + 1, "col": n % cols + 1}
        for invalid in (False, True):
            chosen = [r for r in points if _is_invalid(r[k], bounds.get(indicator)) == invalid]
            if not chosen:
                continue
            fig.add_trace(go.Scatter(
                x=[str(r[year]) if r[year] is not None else "?" for r in chosen],
                y=[r[k] for r in chosen], mode="markers+text",
                text=[_place(r, where) + (" ✗" if invalid else "") for r in chosen],
                textposition="top center", textfont={"size": 11}, cliponaxis=False,
                marker={"size": 11 if invalid else 9, "symbol": "x" if invalid else "circle",
                        "color": "#c62828" if invalid else "#1565c0"},
                name="outside the plausible range (not counted)" if invalid else "report",
                legendgroup="invalid" if invalid else "valid", showlegend=False,
                customdata=[r[url] for r in chosen],
                hovertext=[f"{r[title] or ''}<br>{r[k]:g} {unit}"
                           + (" — outside the plausible range" if invalid else "")
                           for r in chosen], hoverinfo="text"), **cell)
        medians = _medians(points, k, year, bounds.get(indicator))
        if medians:
            fig.add_trace(go.Scatter(
                x=list(medians), y=list(medians.values()), mode="markers",
                marker={"symbol": "line-ew-open", "size": 28, "color": "#555"},
                name="median of the valid values", showlegend=False, hoverinfo="y"), **cell)
        fig.update_yaxes(title_text=unit, rangemode="tozero", **cell)
        fig.update_xaxes(type="category", categoryorder="category ascending",
                         title_text="report year", **cell)
    fig.update_annotations(font={"family": FONT_FAMILY, "size": 13})
    return _style(fig, 320 * n_rows + 40)


def _medians(points: list[tuple], k: int, year: int,
             bounds: tuple[str, float, float] | None) -> dict[str, float]:
    by_year: dict[str, list[float]] = {}
    for row in points:
        if row[year] is not None and not _is_invalid(row[k], bounds):
            by_year.setdefault(str(row[year]), []).append(row[k])
    return {y: statistics.median(v) for y, v in sorted(by_year.items()) if len(v) >= 3}


def public_link(url: str | None, text: str) -> str:
    """A link to the report's page; a loopback or private address (the demo portal, a test
    server) is shown as text: it cannot be opened once that server stops."""
    if not url:
        return text
    host = urlsplit(url).hostname or ""
    try:
        local = ipaddress.ip_address(host).is_private or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost")
    if local:
        return f'{text} <span class="local" title="{html.escape(url)}">(local copy)</span>'
    return f'<a href="{html.escape(url)}">{text}</a>'


def _alerts_table(con: duckdb.DuckDBPyConnection) -> str:
    total = con.execute("SELECT count(*) FROM v_quality_alerts").fetchone()[0]
    if not total:
        return '<p class="empty">No open alerts. 暂无告警。</p>'
    columns, rows = _rows(con, f"""
        SELECT severity, check_name, observed, expected, town, report_year, title, url,
               strftime(checked_at, '%Y-%m-%d %H:%M') AS checked_at
        FROM v_quality_alerts
        ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, checked_at DESC
        LIMIT {MAX_ALERT_ROWS}""")
    head = "".join(f"<th>{c}</th>" for c in ("severity", "check", "reason", "town", "year",
                                               "report", "checked"))
    body = []
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        reason = (f"{html.escape(str(r['observed'] or ''))}"
                  f"<br><span class=\"expected\">expected {html.escape(str(r['expected']))}"
                  "</span>" if r["expected"] else html.escape(str(r["observed"] or "")))
        cells = [html.escape(str(r["severity"])), html.escape(str(r["check_name"])), reason,
                 html.escape(str(r["town"] or "")), html.escape(str(r["report_year"] or "")),
                 public_link(r["url"], html.escape(r["title"] or "(untitled)")),
                 html.escape(str(r["checked_at"] or ""))]
        body.append(f'<tr class="{html.escape(str(r["severity"]))}">'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    note = f"<p>showing {len(rows)} of {total}</p>" if total > len(rows) else ""
    return (f'{note}<table class="alerts"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _summary(con: duckdb.DuckDBPyConnection) -> str:
    reports, provinces, towns, years = con.execute(
        "SELECT count(*), count(DISTINCT province), count(DISTINCT town), "
        "count(DISTINCT report_year) FROM v_reports").fetchone()
    facts = con.execute("SELECT count(*) FROM v_facts").fetchone()[0]
    alerts = con.execute("SELECT count(*) FROM v_quality_alerts").fetchone()[0]
    items = [("reports", reports), ("provinces", provinces), ("towns", towns),
             ("report years", years), ("facts", facts), ("open alerts", alerts)]
    return '<ul class="summary">' + "".join(
        f"<li><b>{value}</b> {name}</li>" for name, value in items) + "</ul>"


INDICATORS_LEGEND = ("One dot per report, labelled with its town; the axis is in the "
                     "indicator's unit. <b style=\"color:#c62828\">✗</b> a value outside the "
                     "indicator's plausible range (a failed check): shown, not counted; grey "
                     "bar: median of a year's valid values (years with 3 or more). "
                     "每点为一份报告；红色✗为超出合理范围的值，不计入中位数。")


def _chart_section(title: str, fig: go.Figure | None, empty_note: str,
                   legend: str = "") -> str:
    if fig is None:
        inner = f'<p class="empty">{html.escape(empty_note)}</p>'
    else:
        inner = fig.to_html(full_html=False, include_plotlyjs=False,
                            config={"displaylogo": False, "responsive": True})
        inner = (f'<p class="legend">{legend}</p>' if legend else "") + inner
    return f"<section><h2>{html.escape(title)}</h2>{inner}</section>"


PAGE_CSS = f"""
body {{ font-family: {FONT_FAMILY}; margin: 2em auto; max-width: 1200px; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; border-bottom: 1px solid #ddd; }}
.summary {{ list-style: none; padding: 0; display: flex; gap: 2em; }}
.summary b {{ font-size: 1.4em; }} .empty {{ color: #777; font-style: italic; }}
table.alerts {{ border-collapse: collapse; width: 100%; font-size: 0.85em; }}
table.alerts th, table.alerts td {{ border: 1px solid #ddd; padding: 3px 6px; text-align: left; }}
tr.error td:first-child {{ color: #c62828; font-weight: bold; }}
tr.warning td:first-child {{ color: #ef6c00; }}
.expected, .local, .legend {{ color: #777; font-size: 0.9em; }}
"""


def render_page(sections: Sequence[str], summary: str, with_plotly: bool) -> str:
    """Assemble the HTML; plotly.js goes in once, inline, and only if a chart needs it."""
    script = f'<script type="text/javascript">{get_plotlyjs()}</script>' if with_plotly else ""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>fazhi warehouse · 法治政府建设年度报告</title>"
            f"<style>{PAGE_CSS}</style>{script}</head><body>"
            f"<h1>法治政府建设年度报告 · fazhi warehouse</h1><p>generated {generated}</p>"
            f"{summary}{''.join(sections)}</body></html>\n")


def build_report(con: duckdb.DuckDBPyConnection, target: Path) -> Path:
    """Write the overview page to ``target`` (parents created) and return its path."""
    charts: list[tuple[str, Any, str, str]] = [
        (TITLE_REPORTS, reports_chart(con), "No reports loaded yet. 尚无报告。", ""),
        (TITLE_COVERAGE, coverage_chart(con),
         "No sources recorded yet: coverage appears after a harvest. 尚无来源记录。", ""),
        (TITLE_INDICATORS, indicators_chart(con), "No main indicator found yet. 尚无指标数据。",
         INDICATORS_LEGEND),
    ]
    sections = [_chart_section(*chart) for chart in charts]
    sections.append(f"<section><h2>{html.escape(TITLE_ALERTS)}</h2>{_alerts_table(con)}</section>")
    page = render_page(sections, _summary(con), any(chart[1] is not None for chart in charts))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
