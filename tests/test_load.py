"""Load stage on a real DuckDB file: idempotent batches, rejected pages, fetch attempts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.load.batch import ProcessedReport, assemble, load_fetch_attempts, load_processed
from tasks.load.schema import WarehouseError, connect
from tasks.records import (
    Extraction,
    Fact,
    FetchAttempt,
    FetchedDocument,
    NormalizedPage,
    QualityResult,
    ReportMeta,
    Section,
    report_id_for,
)

TABLES = ("reports", "facts", "sections", "keywords", "quality_results", "documents",
          "rejected_pages", "fetches")


def _report(url: str, body: str, facts: list[Fact]) -> ProcessedReport:
    doc = FetchedDocument(url=url, kind="html", text="<html/>", source_id="s1",
                          raw_sha256=f"sha-{url[-1]}")
    page = NormalizedPage(title="某镇2024年法治政府建设年度报告", body=body, original_body=body,
                          script="simplified", fields={"published": "2025-01-02"})
    meta = ReportMeta(title=page.title, town="某镇", level="town", report_year=2024,
                      published="2025-01-02")
    extraction = Extraction(report=meta, body=body, facts=facts,
                            sections=[Section(1, "一、主要成效", 0, len(body), "achievements")],
                            keywords=[("调解", 0.5)])
    return ProcessedReport(doc, page, extraction)


def _counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _fact(value: float, unit: str = "宗", kind: str = "count") -> Fact:
    return Fact(subject="调解纠纷", value=value, unit=unit, kind=kind, qualifier=None,
                quote=f"调解纠纷{value:g}{unit}", start=0, end=5, indicator="disputes_mediated")


def test_loading_the_same_batch_twice_changes_no_row_count(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    items = [_report("http://a/1", "调解纠纷12宗。", [_fact(12)]),
             _report("http://a/2", "调解纠纷7宗,结案率120%。", [_fact(7), _fact(120, "%", "rate")])]
    rid = items[1].report_id
    quality = [QualityResult(rid, "fact_rate_within_0_100", False, "120%", "0–100", "error")]
    attempts = [FetchAttempt("http://a/2", 500, "http_500", 1, 0, None, 3.0,
                             "2026-01-01T00:00:00", "s1"),
                FetchAttempt("http://a/2", 200, None, 2, 100, "sha-2", 3.0,
                             "2026-01-01T00:00:01", "s1")]
    for _ in range(2):
        load_fetch_attempts(con, attempts, "run1")
        counts = load_processed(con, items, quality)
        first = _counts(con)
    assert counts.reports == 2 and counts.facts == 3 and counts.quality_failures == 1
    # quality: the batch's one row, and per report the writer's two identity checks
    # (conflicting_reports, near_duplicate_in_warehouse)
    assert first == {"reports": 2, "facts": 3, "sections": 2, "keywords": 2,
                     "quality_results": 5, "documents": 2, "rejected_pages": 0, "fetches": 2}
    alert = con.execute('SELECT check_name, observed, url FROM v_quality_alerts').fetchall()
    assert alert == [("fact_rate_within_0_100", "120%", "http://a/2")]
    lowest = con.execute("SELECT town, report_year, value FROM v_facts ORDER BY value").fetchone()
    assert lowest == ("某镇", 2024, 7.0)


def test_a_changed_report_replaces_its_facts_and_a_rejected_page_is_visible(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    load_processed(con, [_report("http://a/1", "调解纠纷12宗。", [_fact(12), _fact(3)])], [])
    load_processed(con, [_report("http://a/1", "调解纠纷13宗。", [_fact(13)])], [])
    assert con.execute("SELECT value FROM facts").fetchall() == [(13.0,)]
    assert con.execute("SELECT body FROM reports").fetchone()[0] == "调解纠纷13宗。"
    assert con.execute("SELECT facts, versions, level FROM v_reports").fetchall() == [
        (1, 2, "town")]

    doc = FetchedDocument(url="http://a/404", kind="html", text="<p>页面不存在</p>")
    page = NormalizedPage(title=None, body="", original_body="", script="simplified",
                          status="not_found")
    items = assemble([doc], [page], [])
    assert items[0].extraction is None
    counts = load_processed(con, items, [])
    assert counts.rejected == 1 and counts.reports == 0
    assert con.execute("SELECT stage, url, problem FROM v_problems").fetchall() == [
        ("strip", "http://a/404", "not_found")]


def test_a_warehouse_made_before_reports_had_a_level_gets_the_column(tmp_path: Path) -> None:
    import duckdb

    from tasks.paths import SQL_DIR

    ddl = (SQL_DIR / "tables.sql").read_text(encoding="utf-8")
    old_ddl = "\n".join(line for line in ddl.splitlines() if not line.startswith(
        ("    level         VARCHAR", "    shown_because", "ALTER TABLE reports"))).replace(
        "loaded_at     TIMESTAMP,", "loaded_at     TIMESTAMP")
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(old_ddl)
        assert "level" not in {row[0] for row in old.execute("DESCRIBE reports").fetchall()}
    con = connect(path)
    load_processed(con, [_report("http://a/1", "调解纠纷12宗。", [_fact(12)])], [])
    assert con.execute("SELECT town, level FROM v_reports").fetchall() == [("某镇", "town")]


def test_a_warehouse_made_before_facts_had_scope_and_parts_gets_the_columns(
    tmp_path: Path,
) -> None:
    import duckdb

    from tasks.paths import SQL_DIR

    new_columns = ("    scope ", "    part_of ", "    direction ", "    printed ")
    ddl = (SQL_DIR / "tables.sql").read_text(encoding="utf-8")
    old_ddl = "\n".join(line for line in ddl.splitlines() if not line.startswith(
        (*new_columns, "ALTER TABLE facts")))
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(old_ddl)
        assert "scope" not in {row[0] for row in old.execute("DESCRIBE facts").fetchall()}
    con = connect(path)
    body = "全年调解纠纷40宗,其中邻里纠纷31宗,同比下降12.5%,涉案金额796.41万元。"
    total = _fact(40)
    part = _fact(31)
    part.part_of = 0
    change = Fact(subject="邻里纠纷", value=12.5, unit="%", kind="change", qualifier=None,
                  quote="同比下降12.5%", start=20, end=25, direction="down", printed="12.5%")
    money = Fact(subject="涉案金额", value=7964100, unit="元", kind="amount", qualifier=None,
                 quote="涉案金额796.41万元", start=30, end=38, printed="796.41万元",
                 scope="cumulative")
    load_processed(con, [_report("http://a/1", body, [total, part, change, money])], [])
    rows = con.execute("SELECT fact_no, kind, unit, scope, part_of, direction, printed "
                       "FROM v_facts ORDER BY fact_no").fetchall()
    assert rows == [
        (0, "count", "宗", "year", None, None, None),
        (1, "count", "宗", "year", 0, None, None),
        (2, "change", "%", "year", None, "down", "12.5%"),
        (3, "amount", "元", "cumulative", None, None, "796.41万元"),
    ]


def test_latest_failed_attempt_shows_in_problems(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    url = "http://slow/report.html"
    load_fetch_attempts(con, [FetchAttempt(url, None, "timeout", 1, 0, None, 1000.0,
                                           "2026-01-01T00:00:00")], "run1")
    assert con.execute("SELECT problem FROM v_problems WHERE url = ?", [url]).fetchall() == [
        ("timeout",)]
    assert report_id_for(url) != report_id_for(url + "?v=2") and len(report_id_for(url)) == 16


def test_a_batch_a_stage_crashed_on_is_recorded_url_by_url(tmp_path: Path) -> None:
    from tasks.load.batch import record_failed_batch

    con = connect(tmp_path / "w.duckdb")
    urls = ["http://p/1.html", "http://p/2.html"]
    record_failed_batch(con, urls, "pipeline_error: TypeError: boom", "s1")
    record_failed_batch(con, urls, "pipeline_error: TypeError: boom", "s1")  # re-run: no dupes
    rows = con.execute("SELECT url, problem FROM v_problems ORDER BY url").fetchall()
    assert rows == [(u, "pipeline_error: TypeError: boom") for u in urls]


def test_the_loading_connection_has_a_bounded_buffer_pool(tmp_path: Path, monkeypatch) -> None:
    from fazhi.settings import Settings
    from tasks.load.schema import writer

    def limit(con) -> str:
        return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    path = tmp_path / "w.duckdb"
    with writer(Settings.from_env(path).load()) as con:
        assert limit(con) in ("488.2 MiB", "512.0 MB")  # the default, 512MB
    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY_LIMIT", "1GB")
    with writer(Settings.from_env(path).load()) as con:
        assert limit(con) in ("953.6 MiB", "1.0 GB")
    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY_LIMIT", "lots")
    with pytest.raises(WarehouseError, match="cannot open warehouse"), \
            writer(Settings.from_env(path).load()):
        pass


def test_a_batch_sent_back_without_the_texts_loading_does_not_read_loads_the_same_rows(
        tmp_path: Path) -> None:
    from fazhi.pipeline import process
    from tasks.load.batch import keep_for_load, write_batch
    from tasks.records import Batch
    from tests.conftest import CORPUS_DIR

    docs = [FetchedDocument(url=f"http://portal.test/{path.stem}", kind="text",
                            text=path.read_text(encoding="utf-8"), source_id="s1",
                            raw_sha256=path.stem)
            for path in sorted(CORPUS_DIR.glob("*.txt"))[:5]]  # the five shared reports
    batch = process(Batch("s1", docs=docs))
    kept = keep_for_load(batch)
    assert {d.text for d in kept.docs} == {""} and {p.body for p in kept.pages} == {""}
    assert all(e.body for e in kept.extractions)  # the body a report row stores stays
    assert len(docs) == 5 and batch.docs[0].text  # the batch handed in is not changed

    rows = {}
    for name, which in (("full", batch), ("kept", kept)):
        con = connect(tmp_path / f"{name}.duckdb")
        write_batch(con, which, "run1")
        con.close()
        con = connect(tmp_path / f"{name}.duckdb", read_only=True)
        rows[name] = {table: con.execute(f"SELECT * {but} FROM {table} ORDER BY ALL").fetchall()
                      for table, but in (("reports", "EXCLUDE (loaded_at)"), ("facts", ""),
                                         ("quality_results", "EXCLUDE (checked_at)"))}
        con.close()
    assert rows["full"]["facts"] and rows["full"] == rows["kept"]
