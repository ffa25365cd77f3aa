"""Write a processed batch into DuckDB so that re-running a harvest changes nothing.

Each batch replaces every row its reports own (facts and their indicator values, sections,
keywords, quality results) in one transaction, so a crash mid-batch leaves the previous state
and a re-run converges.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import duckdb
import pandas as pd

from tasks.identity import body_sha256, report_id_of
from tasks.load import identity
from tasks.load.indicator_values import indicator_values
from tasks.load.near_duplicates import check_and_index
from tasks.paths import sql_text
from tasks.records import (
    Batch,
    Extraction,
    FetchAttempt,
    FetchedDocument,
    NormalizedPage,
    QualityResult,
    RejectedItem,
    report_id_for,
)

REPORT_TABLES = ("facts", "indicator_values", "sections", "keywords", "quality_results")


@dataclass
class ProcessedReport:
    """One fetched document after strip/normalize/extract; extraction is None when rejected."""

    doc: FetchedDocument
    page: NormalizedPage
    extraction: Extraction | None

    @property
    def report_id(self) -> str:
        """The report's id (tasks/identity.py); a rejected page keeps its URL's."""
        if self.extraction is None:
            return report_id_for(self.doc.url)
        return report_id_of(self.extraction.report, self.doc.url)


@dataclass
class LoadCounts:
    reports: int = 0
    facts: int = 0
    rejected: int = 0
    quality_failures: int = 0
    unchanged: int = 0
    fetch_errors: dict[str, int] = field(default_factory=dict)  # error class → attempts


def assemble(
    docs: Sequence[FetchedDocument],
    pages: Sequence[NormalizedPage],
    extractions: Sequence[tuple[str, Extraction]],
) -> list[ProcessedReport]:
    """Pair each document with its page and extraction (None where the page was rejected)."""
    by_url = dict(extractions)
    return [ProcessedReport(doc, page, by_url.get(doc.url))
            for doc, page in zip(docs, pages, strict=True)]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict],
            on_conflict: str = "") -> None:
    """Bulk insert through a registered frame (executemany is ~10x slower here)."""
    if not rows:
        return
    frame = pd.DataFrame(rows)
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    con.register("_batch_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _batch_frame "
                    f"{on_conflict}")
    finally:
        con.unregister("_batch_frame")


def _one_per_url(rows: list[dict]) -> list[dict]:
    """The last row of each URL: a batch merged from several sources can hold a page each of
    them listed (a column linked from its siblings' navigation), and rejected_pages keys on it."""
    return list({row["url"]: row for row in rows}.values())


def _delete_for(con: duckdb.DuckDBPyConnection, table: str, column: str, keys: list[str]) -> None:
    if keys:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [keys])


def report_row(item: ProcessedReport, loaded_at: datetime, url: str | None = None,
               shown_because: str = identity.ONLY_VERSION) -> dict:
    """The ``reports`` row of one processed report (``url``: the URL it was first seen at)."""
    meta = item.extraction.report
    body = item.extraction.body
    return {
        "report_id": item.report_id,
        "url": url or item.doc.url,
        "source_id": item.doc.source_id,
        "title": meta.title,
        "issuer": meta.issuer,
        "province": meta.province,
        "city": meta.city,
        "county": meta.county,
        "town": meta.town,
        "region_code": meta.region_code,
        "report_year": meta.report_year,
        "published": meta.published,
        "script": meta.script,
        "body": body,
        "body_sha256": body_sha256(body),
        "raw_sha256": item.doc.raw_sha256,
        "fields": json.dumps(item.page.fields, ensure_ascii=False),
        "loaded_at": loaded_at,
        "level": meta.level,
        "shown_because": shown_because,
    }


def load_processed(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[ProcessedReport],
    quality: Sequence[QualityResult],
    signatures: dict[str, object] | None = None,
) -> LoadCounts:
    """Replace everything the batch's shown reports own; one transaction per batch.

    Documents are grouped into reports first (tasks/load/identity.py): a report's rows come
    from the document it shows; every document adds its URL and its version."""
    now = _now()
    counts = LoadCounts()
    accepted = [i for i in items if i.extraction is not None]
    rejected = [i for i in items if i.extraction is None]
    con.execute("BEGIN TRANSACTION")
    try:
        plan = identity.plan(con, accepted, now)
        shown = [(item, url, because) for item, url, because in plan.shown.values()]
        report_ids = list(plan.shown)
        for table in REPORT_TABLES:
            _delete_for(con, table, "report_id", report_ids)
        _delete_for(con, "reports", "report_id", report_ids)
        con.execute("DELETE FROM quality_results WHERE suite = ? AND report_id IN "
                    "(SELECT unnest(?))", [identity.IDENTITY_SUITE, list(plan.because)])
        for report_id, because in plan.because.items():
            con.execute("UPDATE reports SET shown_because = ? WHERE report_id = ?",
                        [because, report_id])
        _delete_for(con, "rejected_pages", "url", [i.doc.url for i in items])
        _insert(con, "reports", [report_row(i, now, url, because) for i, url, because in shown])
        fact_rows, value_rows, section_rows, keyword_rows = [], [], [], []
        for item, _, _ in shown:
            ext = item.extraction
            for n, fact in enumerate(ext.facts):
                # vars(), not asdict(): a Fact holds no nested records, and asdict's deep
                # copy was a quarter of the load stage's time
                row = {"report_id": item.report_id, "fact_no": n, **vars(fact)}
                row["start_offset"], row["end_offset"] = row.pop("start"), row.pop("end")
                fact_rows.append(row)
            for value in indicator_values(ext.facts, ext.body):
                value_rows.append({"report_id": item.report_id, **vars(value)})
            for sec in ext.sections:
                section_rows.append({"report_id": item.report_id, "level": sec.level,
                                     "heading": sec.heading, "start_offset": sec.start,
                                     "end_offset": sec.end, "kind": sec.kind})
            for word, weight in ext.keywords:
                keyword_rows.append({"report_id": item.report_id, "keyword": word,
                                     "weight": weight})
        _insert(con, "facts", fact_rows)
        _insert(con, "indicator_values", value_rows)
        _insert(con, "sections", section_rows)
        _insert(con, "keywords", keyword_rows)
        shown_urls = {(item.report_id, item.doc.url) for item, _, _ in shown}
        kept = [q for q in quality if (q.report_id, q.url) in shown_urls
                or (q.url is None and q.report_id in plan.shown)]
        nearby = check_and_index(
            con, {i.report_id: i.extraction.body for i, _, _ in shown},
            {i.report_id: signatures[i.doc.url] for i, _, _ in shown
             if signatures and i.doc.url in signatures})
        _insert(con, "quality_results", [
            {"report_id": q.report_id, "check_name": q.check, "passed": q.passed,
             "observed": q.observed, "expected": q.expected, "severity": q.severity,
             "suite": q.suite, "checked_at": now}
            for q in [*kept, *plan.checks, *nearby]
        ])
        _insert(con, "rejected_pages", _one_per_url([
            {"url": i.doc.url, "report_id": i.report_id, "source_id": i.doc.source_id,
             "reason": i.page.status,
             "title": i.page.title, "rejected_at": now}
            for i in rejected
        ]))
        _upsert_documents(con, items, now)
        _insert(con, "report_versions", plan.version_rows, "ON CONFLICT (report_id, body_sha256) "
                "DO UPDATE SET last_loaded = excluded.last_loaded")
        _insert(con, "report_urls", plan.url_rows, "ON CONFLICT (url) DO UPDATE SET "
                "report_id = excluded.report_id, source_id = excluded.source_id, "
                "last_seen = excluded.last_seen, raw_sha256 = excluded.raw_sha256, "
                "body_sha256 = excluded.body_sha256")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    counts.reports = len(accepted)
    counts.facts = len(fact_rows)
    counts.rejected = len(rejected)
    counts.quality_failures = sum(1 for q in [*kept, *plan.checks, *nearby] if not q.passed)
    return counts


def _upsert_documents(con: duckdb.DuckDBPyConnection, items: Sequence[ProcessedReport],
                      now: datetime) -> None:
    rows = [
        {"url": i.doc.url, "sha256": i.doc.raw_sha256, "source_id": i.doc.source_id,
         "region_hint": i.doc.region_hint, "kind": i.doc.kind, "encoding": i.doc.encoding,
         "attachment_url": i.doc.attachment_url, "page_sha256": i.doc.page_sha256,
         "first_seen": now, "last_seen": now}
        for i in items if i.doc.raw_sha256
    ]
    _insert(con, "documents", rows,
            "ON CONFLICT (url, sha256) DO UPDATE SET last_seen = excluded.last_seen")


def load_fetch_attempts(con: duckdb.DuckDBPyConnection, attempts: Sequence[FetchAttempt],
                        run_id: str) -> None:
    """Keep each URL's attempts from its latest fetch: a re-run replaces, never duplicates.
    A batch merged from several sources' fetches may hold a URL each of them fetched (each
    source's client reads robots.txt): only the last source's attempts of it are kept."""
    last_source = {a.url: a.source_id for a in attempts}
    attempts = [a for a in attempts if a.source_id == last_source[a.url]]
    urls = sorted(last_source)
    con.execute("BEGIN TRANSACTION")
    try:
        _delete_for(con, "fetches", "url", urls)
        _insert(con, "fetches", [
            {"run_id": run_id, "source_id": a.source_id, "url": a.url, "status": a.status,
             "error": a.error, "attempt": a.attempt, "bytes": a.bytes, "sha256": a.sha256,
             "elapsed_ms": a.elapsed_ms, "fetched_at": a.fetched_at}
            for a in attempts
        ])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def record_run(con: duckdb.DuckDBPyConnection, run: dict, sources: Sequence[dict]) -> None:
    """Remember the run's summary and the sources it covered (for v_coverage)."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM runs WHERE run_id = ?", [run["run_id"]])
        _insert(con, "runs", [run])
        _delete_for(con, "sources", "source_id", [s["source_id"] for s in sources])
        _insert(con, "sources", [
            {"source_id": s["source_id"], "name": s.get("name"), "url": s.get("url"),
             "kind": s.get("kind"), "region_hint": s.get("region_hint"),
             "last_run_id": run["run_id"], "platform": s.get("detected_platform")}
            for s in sources])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def record_failed_batch(con: duckdb.DuckDBPyConnection, urls: Sequence[str], reason: str,
                        source_id: str | None) -> None:
    """A batch a stage crashed on: its URLs become rejected pages naming the failure, so
    nothing is lost silently and the next run tries them again."""
    now = _now()
    _delete_for(con, "rejected_pages", "url", list(urls))
    _insert(con, "rejected_pages", [
        {"url": url, "report_id": report_id_for(url), "source_id": source_id,
         "reason": reason[:500], "title": None, "rejected_at": now} for url in urls])


def _without_texts(doc: FetchedDocument) -> FetchedDocument:
    attachment = doc.attachment and replace(doc.attachment, page_html=None)
    return replace(doc, text="", attachment=attachment)


def keep_for_load(batch: Batch) -> Batch:
    """The batch as loading reads it: documents without their texts, pages without bodies.

    The extraction keeps the normalized body, and the raw store keeps what was fetched. Run
    where the batch was validated, so a worker does not pickle the page HTML and two more
    copies of each body back to the flow (8 MB a batch of 200, 3.4 MB without them).
    """
    return replace(batch,
                   docs=[_without_texts(doc) for doc in batch.docs],
                   pages=[replace(page, body="", original_body="") for page in batch.pages])


def load_rejected_items(con: duckdb.DuckDBPyConnection, rejected: Sequence[RejectedItem],
                        source_id: str | None) -> int:
    """Look-alikes discovery turned down by their titles, as rejected pages with the reason;
    a URL that was loaded as a report before stays a report (its page decided)."""
    if not rejected:
        return 0
    urls = [item.url for item in rejected]
    loaded = {row[0] for row in con.execute(sql_text("pipeline/loaded_among.sql"),
                                            [urls]).fetchall()}
    rows = [{"url": item.url, "report_id": report_id_for(item.url), "source_id": source_id,
             "reason": item.reason, "title": item.title, "rejected_at": _now()}
            for item in rejected if item.url not in loaded]
    con.execute("BEGIN TRANSACTION")
    try:
        _delete_for(con, "rejected_pages", "url", [row["url"] for row in rows])
        _insert(con, "rejected_pages", _one_per_url(rows))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(rows)


def write_batch(con: duckdb.DuckDBPyConnection, batch: Batch, run_id: str) -> LoadCounts:
    """Write one processed batch (its fetch attempts, reports and quality results)."""
    items = [ProcessedReport(doc, page, extraction) for doc, page, extraction
             in zip(batch.docs, batch.pages, batch.extractions, strict=True)]
    load_fetch_attempts(con, batch.attempts, run_id)
    counts = load_processed(con, items, batch.quality, batch.signatures)
    counts.rejected += load_rejected_items(con, batch.rejected, batch.source_id)
    counts.unchanged = len(batch.unchanged)
    for attempt in batch.attempts:
        if attempt.error:
            counts.fetch_errors[attempt.error] = counts.fetch_errors.get(attempt.error, 0) + 1
    return counts
