"""The analyst's one-page overview of the warehouse: warehouse/report.html, charts and open alerts.

The page is self-contained (plotly.js is inlined, no CDN) so it opens offline and can be mailed
as one file. Every chart, count and label reads a v_* view, so the page shows what `fazhi sql`
would show.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

# Chinese must render wherever the page is opened: Linux, Windows and macOS CJK fonts in turn.
FONT_FAMILY = ("Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
               "Hiragino Sans GB, WenQuanYi Micro Hei, sans-serif")
TITLE_REPORTS = "Reports per province and year · 各省年度报告数"
TITLE_COVERAGE = "Coverage: published and overdue per year · 报告发布情况"
TITLE_INDICATORS = "Main indicators across reports · 主要指标分布"
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
    fig.update_layout(barmode="group", yaxis_title="reports", xaxis_title=None)
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
    fig.update_layout(barmode="stack", yaxis_title="sources", xaxis_type="category",
                      legend_traceorder="normal")
    return _style(fig, 380, [sum(r[1:]) for r in rows])


def indicators_chart(con: duckdb.DuckDBPyConnection,
                     labels: dict[str, str] | None = None) -> go.Figure | None:
    """One box (all points shown) per indicator, each with its own axis: counts, rates and
    yuan differ by orders of magnitude. A point is one report's value from v_indicator_wide."""
    columns, rows = _rows(con, "SELECT * FROM v_indicator_wide")
    indicators = [c for c in columns if c not in WIDE_KEY_COLUMNS]
    present = [c for c in indicators if any(row[columns.index(c)] is not None for row in rows)]
    if not present:
        return None
    labels = indicator_labels(con) if labels is None else labels
    cols = min(3, len(present))
    n_rows = math.ceil(len(present) / cols)
    titles = [f"{labels[i]} ({i})" if i in labels else i for i in present]
    fig = make_subplots(rows=n_rows, cols=cols, subplot_titles=titles,
                        vertical_spacing=min(0.3 / n_rows, 0.12))
    where = columns.index("town"), columns.index("province"), columns.index("report_year")
    for n, indicator in enumerate(present):
        k = columns.index(indicator)
        points = [row for row in rows if row[k] is not None]
        fig.add_trace(go.Box(
            y=[row[k] for row in points], name=indicator, boxpoints="all", jitter=0.4,
            pointpos=0, showlegend=False,
            hovertext=[f"{row[where[0]] or row[where[1]] or ''} {row[where[2]] or ''}"
                       for row in points]),
            row=n // cols + 1, col=n % cols + 1)
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(rangemode="tozero")  # a lone value still reads against zero
    fig.update_annotations(font={"family": FONT_FAMILY, "size": 13})
    return _style(fig, 300 * n_rows + 40)


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
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns if c != "url")
    body = []
    for row in rows:
        record = dict(zip(columns, row, strict=True))
        cells = []
        for column in columns:
            if column == "url":
                continue
            text = html.escape("" if record[column] is None else str(record[column]))
            if column == "title" and record["url"]:
                text = f'<a href="{html.escape(record["url"])}">{text or "(untitled)"}</a>'
            cells.append(f"<td>{text}</td>")
        body.append(f'<tr class="{html.escape(str(record["severity"]))}">{"".join(cells)}</tr>')
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


def _chart_section(title: str, fig: go.Figure | None, empty_note: str) -> str:
    if fig is None:
        inner = f'<p class="empty">{html.escape(empty_note)}</p>'
    else:
        inner = fig.to_html(full_html=False, include_plotlyjs=False,
                            config={"displaylogo": False, "responsive": True})
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
    charts: list[tuple[str, Any, str]] = [
        (TITLE_REPORTS, reports_chart(con), "No reports loaded yet. 尚无报告。"),
        (TITLE_COVERAGE, coverage_chart(con),
         "No sources recorded yet: coverage appears after a harvest. 尚无来源记录。"),
        (TITLE_INDICATORS, indicators_chart(con), "No main indicator found yet. 尚无指标数据。"),
    ]
    sections = [_chart_section(title, fig, note) for title, fig, note in charts]
    sections.append(f"<section><h2>{html.escape(TITLE_ALERTS)}</h2>{_alerts_table(con)}</section>")
    page = render_page(sections, _summary(con), any(fig is not None for _, fig, _ in charts))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
