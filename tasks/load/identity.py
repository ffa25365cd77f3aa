"""Which body the warehouse shows for each report id, and what every other body is.

A batch's documents are grouped by report id (tasks/identity.py). Against what is loaded, a
document's body is one of:

- ``first``: no body is loaded under its id: it is shown;
- the same body as shown (another URL of it, or the same URL again): shown, one more URL;
- a body already recorded as a version that is no longer shown (a mirror still carrying last
  year's first draft): recorded as seen, not shown again;
- ``revision``: a new body similar to the shown one (Jaccard ≥ REVISION_JACCARD), or any new
  body at the URL the shown one came from (its publisher updated the page): shown, the latest
  revision;
- ``conflict``: a new body, at another URL, dissimilar to the shown one: two reports claim one
  government and
  year. The one with the later publication date is shown, then the longer body, then the one
  shown already (so re-runs do not flip); the report gets a failed ``conflicting_reports``
  check (an alert), and ``reports.shown_because`` says which rule chose.

Pure decisions (``Shown``, ``decide``), the reads the writer makes to take them, and the
``plan`` of a batch (its shown documents, version rows, URL rows and identity checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import duckdb

from tasks.identity import REVISION_JACCARD, body_sha256, similarity
from tasks.records import QualityResult

if TYPE_CHECKING:  # batch.py imports this module
    from tasks.load.batch import ProcessedReport

IDENTITY_SUITE = "identity"
CONFLICT_CHECK = "conflicting_reports"
FIRST, REVISION, CONFLICT = "first", "revision", "conflict"
ONLY_VERSION = "only version"
LATEST_REVISION = "latest revision"


@dataclass
class Shown:
    """The body a report id shows (from the warehouse, or a document of this batch)."""

    report_id: str
    url: str
    body_sha256: str
    body: str
    published: date | str | None
    because: str = ONLY_VERSION


@dataclass(frozen=True)
class Decision:
    """What a document's body is for its report: its relation (first | same | seen |
    revision | conflict), whether it is now shown, and its similarity to what was shown."""

    relation: str
    shown: bool
    similarity: float | None = None
    because: str = ONLY_VERSION


def _published_key(value: date | str | None) -> str:
    return str(value) if value else ""


def decide(current: Shown | None, known: set[str], incoming: Shown) -> Decision:
    """The rule of the module docstring for one document against what its report shows."""
    if current is None:
        return Decision(FIRST, True)
    if incoming.body_sha256 == current.body_sha256:
        return Decision("same", True, 1.0, current.because)
    if incoming.body_sha256 in known:
        return Decision("seen", False)
    score = similarity(current.body, incoming.body)
    # a page whose text changed under the URL it is shown from was updated by its publisher
    if score >= REVISION_JACCARD or incoming.url == current.url:
        return Decision(REVISION, True, score, LATEST_REVISION)
    later = _published_key(incoming.published) > _published_key(current.published)
    same_date = _published_key(incoming.published) == _published_key(current.published)
    if later:
        return Decision(CONFLICT, True, score, "conflict: latest published of the bodies "
                        "claiming this report")
    if same_date and len(incoming.body) > len(current.body):
        return Decision(CONFLICT, True, score, "conflict: same publication date, longest body "
                        "of those claiming this report")
    return Decision(CONFLICT, False, score, "conflict: shown first, not published later nor "
                    "longer than the other bodies claiming this report")


def loaded_state(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str]
                 ) -> tuple[dict[str, Shown], dict[str, set[str]], set[str]]:
    """For the given ids: what each shows now, every body sha recorded as one of its
    versions, and the ids that already have a conflicting version."""
    ids = sorted(set(report_ids))
    if not ids:
        return {}, {}, set()
    shown = {row[0]: Shown(*row) for row in con.execute(
        "SELECT report_id, url, body_sha256, body, published, "
        "coalesce(shown_because, 'only version') FROM reports "
        "WHERE report_id IN (SELECT unnest(?))", [ids]).fetchall()}
    known: dict[str, set[str]] = {}
    conflicted: set[str] = set()
    for report_id, sha, relation in con.execute(
            "SELECT report_id, body_sha256, relation FROM report_versions "
            "WHERE report_id IN (SELECT unnest(?))", [ids]).fetchall():
        known.setdefault(report_id, set()).add(sha)
        if relation == CONFLICT:
            conflicted.add(report_id)
    return shown, known, conflicted


def conflict_row(report_id: str, conflicting: bool, observed: str | None) -> QualityResult:
    """The identity check of one report: failed when two dissimilar bodies claim it."""
    return QualityResult(
        report_id, CONFLICT_CHECK, not conflicting,
        observed or "one body (and its revisions) claims this report",
        f"one body per government, year and kind, or revisions of it "
        f"(Jaccard ≥ {REVISION_JACCARD:g})", "error", IDENTITY_SUITE)


@dataclass
class Plan:
    """What a batch's accepted documents are for their reports (tasks/load/py)."""

    shown: dict[str, tuple[ProcessedReport, str, str]] = field(default_factory=dict)
    version_rows: list[dict] = field(default_factory=list)
    url_rows: list[dict] = field(default_factory=list)
    checks: list[QualityResult] = field(default_factory=list)
    because: dict[str, str] = field(default_factory=dict)  # shown_because of reports not reloaded


def plan(con: duckdb.DuckDBPyConnection, accepted: Sequence[ProcessedReport],
         now: datetime) -> Plan:
    """Which document each report shows after this batch, its versions and its URLs."""
    out = Plan()
    ids = [item.report_id for item in accepted]
    current, known, conflicted = loaded_state(con, ids)
    conflicts: dict[str, list[str]] = {}
    for item, report_id in zip(accepted, ids, strict=True):
        ext = item.extraction
        sha = body_sha256(ext.body)
        incoming = Shown(report_id, item.doc.url, sha, ext.body, ext.report.published)
        decision = decide(current.get(report_id), known.get(report_id, set()), incoming)
        if decision.shown:
            first_url = current[report_id].url if decision.relation == "same" else item.doc.url
            out.shown[report_id] = (item, first_url, decision.because)
            current[report_id] = Shown(report_id, first_url, sha, ext.body,
                                       ext.report.published, decision.because)
        elif decision.relation == CONFLICT:
            current[report_id].because = decision.because
        if decision.relation == CONFLICT:
            conflicts.setdefault(report_id, []).append(
                f"Jaccard {decision.similarity:.2f} between {incoming.url} and the body shown "
                f"before; {decision.because}")
        known.setdefault(report_id, set()).add(sha)
        out.version_rows.append({
            "report_id": report_id, "body_sha256": sha, "url": item.doc.url,
            "title": ext.report.title, "report_year": ext.report.report_year,
            "first_loaded": now, "last_loaded": now,
            "relation": decision.relation if decision.relation in (
                FIRST, REVISION, CONFLICT) else FIRST,
            "similarity": decision.similarity})
        out.url_rows.append({
            "url": item.doc.url, "report_id": report_id, "source_id": item.doc.source_id,
            "first_seen": now, "last_seen": now, "raw_sha256": item.doc.raw_sha256,
            "body_sha256": sha})
    for report_id in dict.fromkeys([*out.shown, *conflicts]):
        messages = conflicts.get(report_id)
        observed = "; ".join(messages) if messages else (
            "a conflicting body was recorded before (report_versions.relation = 'conflict')"
            if report_id in conflicted else None)
        out.checks.append(conflict_row(report_id, bool(observed), observed))
    # a conflicting body that is not shown leaves the shown body's rows; only the reason changes
    out.because = {report_id: current[report_id].because for report_id in conflicts
                    if report_id not in out.shown}
    out.version_rows = _first_per_key(out.version_rows, ("report_id", "body_sha256"))
    out.url_rows = _last_per_key(out.url_rows, ("url",))
    return out


def _first_per_key(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for row in rows:
        seen.setdefault(tuple(row[k] for k in key), row)
    return list(seen.values())


def _last_per_key(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    return list({tuple(row[k] for k in key): row for row in rows}.values())
