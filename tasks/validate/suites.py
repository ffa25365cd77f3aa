"""The Great Expectations suites (expectations/*.json) run on frames, one result row per check.

The suites are versioned files, run on pandas frames (frames.py) in an ephemeral GX context
built once per process. Every check yields a row per report, passed or not, so the
quality_results table shows what was checked as well as what failed.
"""

from __future__ import annotations

import json
import math
import threading
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from tasks.paths import EXPECTATIONS_DIR
from tasks.records import QualityResult
from tasks.validate import patterns as pat

SUITES = ("facts", "reports")
# The columns each failing row is reported with: row_id maps it back to the frame, the rest
# name the report and fact in Data Docs (tasks/validate/data_docs.py), never a bare row number.
INDEX_COLUMNS = {
    "facts": ["row_id", "report_id", "title", "fact_no", "subject", "value_text"],
    "reports": ["row_id", "report_id", "title"],
}


def _result_format(suite_name: str) -> dict[str, Any]:
    return {"result_format": "COMPLETE",
            "unexpected_index_column_names": INDEX_COLUMNS.get(suite_name,
                                                               ["row_id", "report_id"])}

class ValidationSetupError(RuntimeError):
    """A suite file, seed file or GX run could not be used; the message names which."""


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


def gx_runtime() -> _GxRuntime:
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
    return gx_runtime().definitions[name].suite


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
    runtime = gx_runtime()
    params = expectation_parameters() if parameters is None else parameters
    with runtime.lock:
        _clear_old_results(runtime.context, suite_name)
        result = runtime.definitions[suite_name].run(
            batch_parameters={"dataframe": frame}, expectation_parameters=params,
            result_format=_result_format(suite_name))
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


def latest_results() -> dict[str, tuple[tuple, str]]:
    """Suite → (key, JSON) of the newest GX validation result this process holds: a batch
    validated in a worker process carries them to the flow, which builds Data Docs."""
    runtime = gx_runtime()
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

    runtime = gx_runtime()
    store = runtime.context.validation_results_store
    with runtime.lock:
        for suite_name, (key, text) in results.items():
            _clear_old_results(runtime.context, suite_name)
            store.set(ValidationResultIdentifier.from_tuple(tuple(key)), store.deserialize(text))
