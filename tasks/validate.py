"""Validate stage: data-quality checks on extracted reports and facts, as QualityResult rows.

Row-wise checks are Great Expectations suites kept as versioned files (expectations/facts.json,
expectations/reports.json) and run on pandas frames in an ephemeral GX context built once per
process. Checks spanning rows (facts of a report, reports of a batch) live in
tasks/validate_cross.py. Every check yields a row per report, passed or not, so the
quality_results table shows what was checked as well as what failed.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import re
import threading
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from fazhi.config import EXPECTATIONS_DIR, SEEDS_DIR
from tasks import validate_patterns as pat
from tasks.records import Batch, Extraction, QualityResult, report_id_for
from tasks.validate_cross import cross_fact_checks, near_duplicates

__all__ = [
    "build_data_docs", "cross_fact_checks", "facts_frame", "load_indicator_ranges",
    "load_suite", "near_duplicates", "reports_frame", "run_suite", "validate", "validate_batch",
]

SUITES = ("facts", "reports")
INDICATORS_CSV = SEEDS_DIR / "indicators.csv"
DATA_DOCS_SITE = "fazhi"
RESULT_FORMAT = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": ["row_id", "report_id"],
}

FACT_COLUMNS = {
    "row_id": "int64", "report_id": "object", "fact_no": "int64", "subject": "object",
    "indicator": "object", "value": "float64", "unit": "object", "kind": "object",
    "qualifier": "object", "value_text": "object", "value_is_whole": "bool",
    "approximate": "bool", "indicator_min": "float64", "indicator_max": "float64",
}
REPORT_COLUMNS = {
    "row_id": "int64", "report_id": "object", "title": "object", "town": "object",
    "region_code": "object", "report_year": "float64", "published": "object",
    "published_year": "float64", "body_chars": "int64", "placeholder_marker": "object",
    "chrome_markers": "object", "fact_count": "int64",
}


class ValidationSetupError(RuntimeError):
    """A suite file, seed file or GX run could not be used; the message names which."""


@dataclass(frozen=True)
class IndicatorRange:
    """Plausible value range of one indicator, in the fact's base units (yuan, persons, %)."""

    indicator: str
    minimum: float | None
    maximum: float | None


def _bound(text: str | None, path: Path, line: int, column: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise ValidationSetupError(
            f"{path}:{line}: column {column} is not a number: {text!r}") from exc


def load_indicator_ranges(path: Path = INDICATORS_CSV) -> dict[str, IndicatorRange]:
    """Ranges by indicator id from a CSV with header id,name_zh,synonyms,kind,unit,min,max."""
    if not path.exists():
        return {}
    ranges = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            ident = (row.get("id") or "").strip()
            if ident:
                ranges[ident] = IndicatorRange(ident, _bound(row.get("min"), path, line, "min"),
                                               _bound(row.get("max"), path, line, "max"))
    return ranges


def _value_text(value: float, unit: str | None, qualifier: str | None) -> str:
    """The value as printed: 241.37万元, not 2413700万元."""
    shown = value
    if unit and len(unit) > 1 and unit[0] in pat.MAGNITUDE_PREFIXES:
        shown = value / pat.MAGNITUDE_PREFIXES[unit[0]]
    text = format(shown, ".10g") + (unit or "")
    return f"{text} ({qualifier})" if qualifier else text


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def facts_frame(items: Sequence[tuple[str, Extraction]],
                indicator_ranges: dict[str, IndicatorRange] | None = None) -> pd.DataFrame:
    """One row per fact, with the derived columns the facts suite checks."""
    ranges = load_indicator_ranges() if indicator_ranges is None else indicator_ranges
    rows = []
    for report_id, extraction in items:
        for fact_no, fact in enumerate(extraction.facts):
            value = float(fact.value)
            bounds = ranges.get(fact.indicator or "")
            rows.append({
                "row_id": len(rows), "report_id": report_id, "fact_no": fact_no,
                "subject": fact.subject, "indicator": fact.indicator, "value": value,
                "unit": fact.unit, "kind": fact.kind, "qualifier": fact.qualifier,
                "value_text": _value_text(value, fact.unit, fact.qualifier),
                "value_is_whole": math.isfinite(value) and value.is_integer(),
                "approximate": fact.qualifier in pat.APPROXIMATE_QUALIFIERS,
                "indicator_min": _or_nan(bounds.minimum if bounds else None),
                "indicator_max": _or_nan(bounds.maximum if bounds else None),
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
        })
    return _frame(rows, REPORT_COLUMNS)


def expectation_parameters() -> dict[str, Any]:
    """Values the suite files refer to as $PARAMETER: unit lists and the current year."""
    params: dict[str, Any] = {f"{kind}_units": list(units)
                              for kind, units in pat.KNOWN_UNITS_BY_KIND.items()}
    params["current_year"] = datetime.now(UTC).year
    return params


@dataclass
class _GxRuntime:
    """The GX objects built once per process: context, one validation definition per suite."""

    context: Any
    definitions: dict[str, Any]
    suite_meta: dict[str, dict[str, Any]]
    lock: threading.Lock = field(default_factory=lambda: _GX_LOCK)


# GX parses suite parameters with a module-global pyparsing grammar that breaks when two
# threads use it at once (seen as "push_unary_minus() missing 1 required positional
# argument" with validate tasks of two batches running on the thread runner). One lock per
# process guards building the runtime and every use of it.
_GX_LOCK = threading.RLock()
_RUNTIME: list[_GxRuntime] = []


def _read_suite_file(name: str) -> dict[str, Any]:
    path = EXPECTATIONS_DIR / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValidationSetupError(f"cannot read GX suite {path}: {exc}") from exc


def _gx_runtime() -> _GxRuntime:
    with _GX_LOCK:
        if not _RUNTIME:
            _RUNTIME.append(_build_gx_runtime())
        return _RUNTIME[0]


def _build_gx_runtime() -> _GxRuntime:
    # GX imports sre_constants and other deprecated modules; keep `python -W error` runs clean.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        # In-memory stores without GX's default temp-dir docs site (and its INFO log line);
        # build_data_docs adds a site where the caller wants it.
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            # tqdm bars on stderr for every run otherwise.
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        )
        context = gx.get_context(project_config=config, mode="ephemeral")
        source = context.data_sources.add_pandas("fazhi")
        definitions, suite_meta = {}, {}
        for name in SUITES:
            data = _read_suite_file(name)
            suite = context.suites.add(gx.ExpectationSuite(**data))
            suite_meta[name] = data.get("meta", {})
            batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
            definitions[name] = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{name}_checks", data=batch, suite=suite))
    return _GxRuntime(context, definitions, suite_meta)


def load_suite(name: str) -> Any:
    """The GX ExpectationSuite loaded from expectations/<name>.json."""
    return _gx_runtime().definitions[name].suite


class _Display(dict):
    """Template values: missing or NaN shows as —, whole floats without .0."""

    def __missing__(self, key: str) -> str:
        return "—"


def _display(row: dict[str, Any], params: dict[str, Any]) -> _Display:
    shown = _Display()
    for key, value in {**params, **row}.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            shown[key] = "—"
        elif isinstance(value, float):
            shown[key] = format(value, ".10g")
        else:
            shown[key] = str(value)
    return shown


def _texts(metas: list[dict], key: str, shown: _Display) -> str:
    """The meta templates of every failed expectation of a check, filled in, once each."""
    return "; ".join(dict.fromkeys(m.get(key, "").format_map(shown) for m in metas))


def _raised(exception_info: dict[str, Any] | None) -> str | None:
    infos = [exception_info or {}]
    if "raised_exception" not in infos[0]:
        infos = [v for v in infos[0].values() if isinstance(v, dict)]
    return next((i.get("exception_message") or "exception" for i in infos
                 if i.get("raised_exception")), None)


def _failures(suite_name: str, result: Any) -> tuple[list[tuple[str, dict]], dict]:
    """Checks in suite order with their first expectation's meta, and failing row ids per check."""
    checks: dict[str, dict] = {}
    failing: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for outcome in result.results:
        meta = outcome.expectation_config.meta or {}
        check = meta.get("check") or outcome.expectation_config.type
        checks.setdefault(check, meta)
        message = _raised(outcome.exception_info)
        if message:
            raise ValidationSetupError(f"GX suite {suite_name}, check {check}: {message}")
        unexpected = outcome.result.get("unexpected_index_list") or []
        if not outcome.success and not unexpected:
            raise ValidationSetupError(
                f"GX suite {suite_name}, check {check}: failed without naming rows")
        for row in unexpected:
            failing[(check, int(row["row_id"]))].append(meta)
    return list(checks.items()), failing


def _clear_old_results(context: Any, suite_name: str) -> None:
    # Results pile up in the in-memory store otherwise; Data Docs shows the last run only.
    store = context.validation_results_store
    for key in store.list_keys():
        if key.expectation_suite_identifier.name == suite_name:
            store.remove_key(key)


def run_suite(suite_name: str, frame: pd.DataFrame, report_ids: Sequence[str] | None = None,
              parameters: dict[str, Any] | None = None) -> list[QualityResult]:
    """Run one GX suite on a frame; rows per report and check (see module docstring).

    ``report_ids`` lists every report of the batch, so a report without rows in ``frame``
    (no facts) still gets a passing row per check.
    """
    runtime = _gx_runtime()
    params = expectation_parameters() if parameters is None else parameters
    with runtime.lock:
        _clear_old_results(runtime.context, suite_name)
        result = runtime.definitions[suite_name].run(
            batch_parameters={"dataframe": frame}, expectation_parameters=params,
            result_format=RESULT_FORMAT)
    checks, failing = _failures(suite_name, result)
    records = frame.to_dict("records")
    rows_by_report: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        rows_by_report[record["report_id"]].append(record)
    one_row = runtime.suite_meta[suite_name].get("one_row_per_report", False)
    out = []
    for report_id in dict.fromkeys(report_ids if report_ids is not None else rows_by_report):
        rows = rows_by_report.get(report_id, [])
        for check, first_meta in checks:
            bad = [(row, failing[(check, row["row_id"])]) for row in rows
                   if (check, row["row_id"]) in failing]
            for row, metas in bad:
                shown = _display(row, params)
                out.append(QualityResult(
                    report_id, check, False, _texts(metas, "observed", shown),
                    _texts(metas, "expected", shown), metas[0].get("severity", "error"),
                    suite_name))
            if not bad:
                observed = (first_meta.get("observed", "").format_map(_display(rows[0], params))
                            if one_row and rows else f"{len(rows)} {suite_name} rows checked")
                out.append(QualityResult(report_id, check, True, observed, None,
                                         first_meta.get("severity", "error"), suite_name))
    return out


def validate(items: Sequence[tuple[str, Extraction]]) -> list[QualityResult]:
    """All checks for a batch of (report_id, extraction): GX suites, cross-fact, near-duplicates."""
    if not items:
        return []
    report_ids = [report_id for report_id, _ in items]
    results = run_suite("reports", reports_frame(items), report_ids)
    results += run_suite("facts", facts_frame(items), report_ids)
    for report_id, extraction in items:
        results += cross_fact_checks(report_id, extraction.facts, extraction.body)
    results += near_duplicates(items)
    return results


def latest_results() -> dict[str, tuple[tuple, str]]:
    """Suite → (key, JSON) of the newest GX validation result this process holds: a batch
    validated in a worker process carries them to the flow, which builds Data Docs."""
    runtime = _gx_runtime()
    store = runtime.context.validation_results_store
    out: dict[str, tuple[tuple, str]] = {}
    with runtime.lock:
        for key in sorted(store.list_keys(), key=lambda k: k.to_tuple()):
            out[key.expectation_suite_identifier.name] = (key.to_tuple(),
                                                          store.serialize(store.get(key)))
    return out


def restore_results(results: dict[str, tuple[tuple, str]]) -> None:
    """Put validation results from ``latest_results`` (maybe of another process) in this
    process's store, replacing older ones of the same suites."""
    from great_expectations.data_context.types.resource_identifiers import (
        ValidationResultIdentifier,
    )

    runtime = _gx_runtime()
    store = runtime.context.validation_results_store
    with runtime.lock:
        for suite_name, (key, text) in results.items():
            _clear_old_results(runtime.context, suite_name)
            store.set(ValidationResultIdentifier.from_tuple(tuple(key)), store.deserialize(text))


def build_data_docs(target_dir: Path, results: dict[str, tuple[tuple, str]] | None = None
                    ) -> Path:
    """Write GX Data Docs for the suites and the last validation run (this process's, or
    ``results`` from ``latest_results``); returns index.html.

    The ephemeral context keeps results in memory; the site itself is a filesystem store
    rooted at ``target_dir`` (e.g. warehouse/data_docs/), so no GX project directory is needed.
    """
    runtime = _gx_runtime()
    if results:
        restore_results(results)
    target_dir = Path(target_dir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    site = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(target_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    with runtime.lock, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if DATA_DOCS_SITE in (runtime.context.config.data_docs_sites or {}):
            runtime.context.update_data_docs_site(DATA_DOCS_SITE, site)
        else:
            runtime.context.add_data_docs_site(DATA_DOCS_SITE, site)
        runtime.context.build_data_docs(site_names=[DATA_DOCS_SITE])
    return target_dir / "index.html"


@task(name="validate", cache_policy=NO_CACHE)
def validate_batch(batch: Batch) -> Batch:
    """Prefect task: quality results for every extracted report of the batch."""
    items = [(report_id_for(doc.url), extraction)
             for doc, extraction in zip(batch.docs, batch.extractions, strict=True) if extraction]
    quality = validate(items)
    return replace(batch, quality=quality, gx_results=latest_results() if items else {})


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs_task(target_dir: Path, results: dict[str, tuple[tuple, str]] | None = None
                   ) -> str | None:
    """Build Data Docs after a run; a failure to write them is logged, never fails the run."""
    try:
        return str(build_data_docs(target_dir, results))
    except Exception as exc:  # noqa: BLE001 (GX raises many kinds; docs are a convenience)
        logging.getLogger("fazhi.progress").warning("data docs not built: %s", exc)
        return None
