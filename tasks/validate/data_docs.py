"""Data Docs of the last validation: GX's results rendered into one page that works offline.

GX's own site loads jquery, bootstrap, vega and fonts from CDNs (offline its index shows no
table), calls the data asset `None` and names a failing value by its frame row. This page is
plain HTML with inline CSS, no script and no external resource, and names each failure by
report (title and id) and fact (its number in the report, subject and value as printed). It
reads the validation results GX wrote (``latest_results``: suite → (key, JSON)), which travel
from the worker processes that validated the batch to the flow.
"""

from __future__ import annotations

import html
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# What a GX site of an earlier fazhi left in the folder: replaced by index.html.
_OLD_SITE = ("expectations", "validations", "static")

PAGE_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Micro Hei", sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 1em; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
.ok { color: #2e7d32; } .failed { color: #c62828; font-weight: bold; }
.warning { color: #ef6c00; } .note { color: #666; }
ul.failures { margin: 0; padding-left: 1.2em; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _failure(row: dict[str, Any], column: str | None) -> str:
    """One failing row: the report by title and id, the fact by number, subject and value."""
    report = f"{_e(row.get('title') or '(untitled)')} <code>{_e(row.get('report_id'))}</code>"
    if row.get("fact_no") is not None:
        fact = (f"fact {_e(row['fact_no'])}: {_e(row.get('subject'))} "
                f"{_e(row.get('value_text'))}")
        return f"<li>{report} — {fact}</li>"
    shown = f" — {_e(column)} = {_e(row.get(column))}" if column and column in row else ""
    return f"<li>{report}{shown}</li>"


def _suite_section(name: str, result: dict[str, Any], max_failures: int) -> str:
    stats = result.get("statistics", {})
    run_time = result.get("meta", {}).get("run_id", {}).get("run_time")
    rows = []
    for item in result.get("results", []):
        config = item.get("expectation_config", {})
        meta = config.get("meta", {})
        outcome = item.get("result", {})
        column = config.get("kwargs", {}).get("column")
        failures = outcome.get("unexpected_index_list") or []
        status = ("ok", "passed") if item.get("success") else (
            ("warning" if meta.get("severity") == "warning" else "failed"), "failed")
        listed = "".join(_failure(r, column) for r in failures[:max_failures])
        more = (f'<li class="note">… and {len(failures) - max_failures} more '
                "(`fazhi alerts` lists every one)</li>" if len(failures) > max_failures else "")
        checked = outcome.get("element_count")
        rows.append(
            f"<tr><td><b>{_e(meta.get('check') or config.get('type'))}</b><br>"
            f'<span class="note">{_e(config.get("description"))}</span></td>'
            f"<td>{_e(config.get('type'))}<br>{_e(column)}</td>"
            f"<td>{_e(meta.get('expected'))}</td>"
            f'<td class="{status[0]}">{status[1]}</td>'
            f"<td>{_e(outcome.get('unexpected_count', 0))} of {_e(checked)}</td>"
            f'<td><ul class="failures">{listed}{more}</ul></td></tr>')
    return (f'<section id="{_e(name)}"><h2>Suite <code>{_e(name)}</code> — '
            f"{_e(stats.get('successful_expectations'))} of "
            f"{_e(stats.get('evaluated_expectations'))} expectations met</h2>"
            f'<p class="note">Rows checked: the {_e(name)} of the last validated batch '
            f"(validated {_e(run_time)}).</p>"
            "<table><thead><tr><th>check</th><th>expectation, column</th><th>expected</th>"
            "<th>result</th><th>rows failing</th><th>failing reports and facts</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table></section>")


def render_page(results: dict[str, tuple[tuple, str]], max_failures: int = 50) -> str:
    """The whole page for ``results`` (suite → (key, JSON) as ``latest_results`` gives)."""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [_suite_section(name, json.loads(text), max_failures)
                for name, (_, text) in sorted(results.items())]
    body = "".join(sections) or '<p class="note">No validation has run yet.</p>'
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            "<title>fazhi data docs · 数据质量</title>"
            f"<style>{PAGE_CSS}</style></head><body>"
            "<h1>Data quality of the last validated batch · 数据质量检查</h1>"
            f'<p class="note">generated {generated}. Every open alert of the warehouse: '
            "<code>fazhi alerts</code>; the suites: <code>expectations/</code>.</p>"
            f"{body}</body></html>\n")


def build_data_docs(target_dir: Path, results: dict[str, tuple[tuple, str]] | None = None
                    ) -> Path:
    """Write ``target_dir/index.html`` for ``results`` (default: this process's last
    validation); returns its path."""
    if results is None:
        from tasks.validate.suites import latest_results  # GX only when results are not given

        results = latest_results()
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in _OLD_SITE:
        if (target_dir / name).is_dir():
            shutil.rmtree(target_dir / name)
    index = target_dir / "index.html"
    index.write_text(render_page(results), encoding="utf-8")
    return index
