"""The pandas frames the GX suites check: one row per fact, one per report, with derived columns."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from tasks.indicators import Indicator, indicators_by_id
from tasks.records import Extraction
from tasks.validate import patterns as pat

FACT_COLUMNS = {
    "row_id": "int64", "report_id": "object", "title": "object", "fact_no": "int64",
    "subject": "object",
    "indicator": "object", "value": "float64", "unit": "object", "kind": "object",
    "qualifier": "object", "value_text": "object", "value_is_whole": "bool",
    "approximate": "bool", "indicator_min": "float64", "indicator_max": "float64",
}
REPORT_COLUMNS = {
    "row_id": "int64", "report_id": "object", "title": "object", "town": "object",
    "region_code": "object", "report_year": "float64", "published": "object",
    "published_year": "float64", "body_chars": "int64", "placeholder_marker": "object",
    "chrome_markers": "object", "fact_count": "int64", "year_conflict": "object",
}


def _value_text(value: float, unit: str | None, qualifier: str | None,
                printed: str | None = None) -> str:
    """The value as printed: 241.37万元, not 2413700元 (facts carry their printed form; older
    rows printed 万元 as their unit with the value multiplied out)."""
    shown = value
    if unit and len(unit) > 1 and unit[0] in pat.MAGNITUDE_PREFIXES:
        shown = value / pat.MAGNITUDE_PREFIXES[unit[0]]
    text = printed or format(shown, ".10g") + (unit or "")
    return f"{text} ({qualifier})" if qualifier else text


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def facts_frame(items: Sequence[tuple[str, Extraction]],
                indicator_ranges: dict[str, Indicator] | None = None) -> pd.DataFrame:
    """One row per fact, with the derived columns the facts suite checks (``indicator_ranges``:
    the indicators by id whose min/max a value is checked against; default the seed's)."""
    ranges = indicators_by_id() if indicator_ranges is None else indicator_ranges
    rows = []
    for report_id, extraction in items:
        title = extraction.report.title  # names the report of a failing fact in Data Docs
        for fact_no, fact in enumerate(extraction.facts):
            value = math.nan if fact.value is None else float(fact.value)
            bounds = ranges.get(fact.indicator or "")
            rows.append({
                "row_id": len(rows), "report_id": report_id, "title": title, "fact_no": fact_no,
                "subject": fact.subject, "indicator": fact.indicator, "value": value,
                "unit": fact.unit, "kind": fact.kind, "qualifier": fact.qualifier,
                "value_text": _value_text(value, fact.unit, fact.qualifier, fact.printed),
                "value_is_whole": math.isfinite(value) and value.is_integer(),
                "approximate": fact.qualifier in pat.APPROXIMATE_QUALIFIERS,
                "indicator_min": _or_nan(bounds.min if bounds else None),
                "indicator_max": _or_nan(bounds.max if bounds else None),
            })
    return _frame(rows, FACT_COLUMNS)


def _blank_to_none(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def _placeholder(body: str, body_chars: int) -> str | None:
    if body_chars >= pat.PLACEHOLDER_MAX_CHARS:
        return None
    match = pat.PLACEHOLDER_RE.search(body)
    return match.group() if match else None


def reports_frame(items: Sequence[tuple[str, Extraction]]) -> pd.DataFrame:
    """One row per report, with the derived columns the reports suite checks."""
    rows = []
    for report_id, extraction in items:
        meta, body = extraction.report, extraction.body or ""
        body_chars = len("".join(body.split()))
        published = _blank_to_none(meta.published)
        year_match = re.match(r"\d{4}", published or "")
        chrome = [m for m in pat.CHROME_MARKERS if m in body]
        rows.append({
            "row_id": len(rows), "report_id": report_id, "title": _blank_to_none(meta.title),
            "town": meta.town, "region_code": _blank_to_none(meta.region_code),
            "report_year": math.nan if meta.report_year is None else float(meta.report_year),
            "published": published,
            "published_year": float(year_match.group()) if year_match else math.nan,
            "body_chars": body_chars, "placeholder_marker": _placeholder(body, body_chars),
            "chrome_markers": "、".join(chrome) or None, "fact_count": len(extraction.facts),
            "year_conflict": extraction.year_conflict,
        })
    return _frame(rows, REPORT_COLUMNS)
