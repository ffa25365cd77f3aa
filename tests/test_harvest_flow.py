"""The real harvest flow (Prefect ephemeral API) against the bundled portal on loopback,
into a real DuckDB file; then the CLI on that warehouse as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from fazhi.portal import SITE_DIR, serve_portal, stop
from flows.harvest import harvest
from flows.reprocess import reprocess
from flows.schedule import deployed_harvest
from tasks.paths import PROJECT_ROOT, SEEDS_DIR
from tests.conftest import query as _query

COUNTED = ("reports", "facts", "sections", "keywords", "quality_results", "documents",
           "fetches", "rejected_pages", "report_versions")


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    finally:
        con.close()


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("wh") / "fazhi.duckdb"
    server, base_url = serve_portal(SITE_DIR)
    try:
        first = harvest(str(SEEDS_DIR / "sources.csv"), str(warehouse), base_url)
        first_counts = _counts(warehouse)
        # the second as a served or deployed run starts it: the runner chosen from settings
        second = deployed_harvest(str(SEEDS_DIR / "sources.csv"), str(warehouse), base_url)
        second_counts = _counts(warehouse)
    finally:
        stop(server)
    return warehouse, first, second, first_counts, second_counts



def test_every_report_on_the_portal_is_loaded(harvested) -> None:
    warehouse, first, *_ = harvested
    # the demo's notice (关于报送…的通知) is a look-alike turned down by its list title: a
    # rejected page with its reason, not fetched, and no problem in v_problems
    assert first.reports == 6 and first.rejected == 1 and first.fetch_errors == 0
    assert _query(warehouse, "SELECT reason FROM rejected_pages") == [("not_a_report_notice",)]
    assert _query(warehouse, "SELECT count(*) FROM v_problems WHERE stage = 'strip'") == [(0,)]
    assert _query(warehouse, "SELECT source_id, platform FROM sources ORDER BY source_id") == [
        ("demo_gkmlpt", "gkmlpt"), ("demo_hanweb", "hanweb"), ("demo_portal", "generic")]
    towns = {row[0] for row in _query(warehouse, "SELECT town FROM reports")}
    assert {"炭步镇", "三乡镇", "横沥镇", "大进镇", "西河镇"} <= towns


def test_a_second_harvest_changes_no_row_count(harvested) -> None:
    _, first, second, first_counts, second_counts = harvested
    assert first_counts == second_counts
    assert second.unchanged == first.reports == 6 and second.reports == 0


def test_a_nightly_rerun_asks_only_for_list_pages_until_recheck_is_due(harvested) -> None:
    warehouse, first, second, *_ = harvested
    assert second.not_due == 6 and second.urls == 6
    report_fetch_runs = _query(warehouse, """
        SELECT DISTINCT f.run_id FROM fetches AS f JOIN reports AS r USING (url)""")
    assert report_fetch_runs == [(first.run_id,)]  # the reports were not requested again
    list_fetch_runs = _query(warehouse, """
        SELECT DISTINCT run_id FROM fetches WHERE url NOT IN (SELECT url FROM reports)""")
    assert (second.run_id,) in list_fetch_runs  # … but the list pages were
    # the same port as before: report ids come from URLs
    port = urlsplit(_query(warehouse, "SELECT min(url) FROM reports")[0][0]).port
    server, base_url = serve_portal(SITE_DIR, port=port)
    try:
        third = harvest(str(SEEDS_DIR / "sources.csv"), str(warehouse), base_url,
                        recheck_after_hours=0)
    finally:
        stop(server)
    assert third.not_due == 0 and third.unchanged == 6 and third.reports == 0
    assert _query(warehouse, """SELECT DISTINCT f.run_id FROM fetches AS f
                                JOIN reports AS r USING (url)""") == [(third.run_id,)]


def test_report_fields_survive_chrome_encoding_and_attachments(harvested) -> None:
    warehouse = harvested[0]
    rows = _query(warehouse, """
        SELECT town, region_code, report_year, CAST(published AS VARCHAR), script, title
        FROM reports WHERE town IN ('三乡镇', '炭步镇', '西河镇') ORDER BY town""")
    by_town = {r[0]: r[1:] for r in rows}
    assert by_town["三乡镇"][:4] == ("442000114", 2024, "2025-01-27", "simplified")
    assert by_town["炭步镇"][3] == "traditional"
    assert by_town["炭步镇"][4] == "广州市花都区炭步镇人民政府关于2025年度法治政府建设情况的报告"
    assert by_town["西河镇"][:2] == ("440203101", 2021)
    attachment = _query(warehouse, """
        SELECT d.attachment_url FROM documents AS d JOIN reports AS r USING (url)
        WHERE r.town = '西河镇'""")
    assert attachment and attachment[0][0].endswith(".docx")


def test_facts_are_queryable_with_region_and_year(harvested) -> None:
    warehouse = harvested[0]
    fines = _query(warehouse, """
        SELECT value, unit FROM v_facts WHERE town = '炭步镇' AND subject LIKE '%罚款%'""")
    assert (2413700.0, "元") in fines  # 241.37万元 in yuan (printed keeps 万元)
    appeared = _query(warehouse, """
        SELECT value FROM v_facts WHERE town = '三乡镇' AND subject = '应诉'""")
    assert appeared == [(45.0,)]


def test_the_malformed_report_raises_an_alert_and_clean_ones_do_not(harvested) -> None:
    warehouse = harvested[0]
    alerts = _query(warehouse, """
        SELECT DISTINCT title FROM v_quality_alerts WHERE severity = 'error'""")
    assert len(alerts) == 1
    observed = _query(warehouse, """
        SELECT observed FROM v_quality_alerts WHERE check_name LIKE '%rate%'""")
    assert any("120" in (o[0] or "") for o in observed)
    first, second = harvested[1], harvested[2]
    assert first.new_alerts >= 1 and second.new_alerts == 0


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, timeout=120)


def test_cli_sql_formats_and_errors(harvested) -> None:
    warehouse = str(harvested[0])
    sql = "SELECT town, report_year FROM reports WHERE town = '三乡镇'"
    as_json = _cli("sql", sql, "--warehouse", warehouse, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == [{"town": "三乡镇", "report_year": 2024}]
    as_csv = _cli("sql", sql, "--warehouse", warehouse, "--format", "csv")
    assert as_csv.stdout.splitlines() == ["town,report_year", "三乡镇,2024"]
    table = _cli("sql", sql, "--warehouse", warehouse)
    assert "三乡镇" in table.stdout and "(1 row)" in table.stdout

    long_sql = " UNION ALL ".join(f"SELECT {n} AS n" for n in range(200))
    assert _cli("sql", long_sql, "--warehouse", warehouse).stdout.endswith("(200 rows)\n")
    bad = _cli("sql", "SELEC nonsense", "--warehouse", warehouse)
    assert bad.returncode == 1 and bad.stderr.startswith("fazhi: query failed")
    assert "Traceback" not in bad.stderr
    missing = _cli("sql", "SELECT 1", "--warehouse", "/nonexistent/w.duckdb")
    assert missing.returncode == 1 and "no warehouse" in missing.stderr
    write = _cli("sql", "DELETE FROM reports", "--warehouse", warehouse)
    assert write.returncode == 1 and "read-only" in write.stderr.lower()


def test_cli_alerts_lists_the_open_alerts(harvested) -> None:
    out = _cli("alerts", "--warehouse", str(harvested[0]), "--format", "json")
    assert out.returncode == 0, out.stderr
    alerts = json.loads(out.stdout)
    assert alerts and all(a["severity"] in ("error", "warning") for a in alerts)


def test_reprocess_rebuilds_the_same_warehouse_from_the_raw_store(harvested) -> None:
    warehouse, first, _, first_counts, _ = harvested  # the portal is stopped: no network
    summary = reprocess(str(warehouse))
    assert summary.reports == first.reports and summary.facts == first.facts
    assert summary.fetch_errors == 0
    assert _counts(warehouse) == first_counts


def test_views_answer_the_analysts_questions_on_the_demo(harvested) -> None:
    warehouse = harvested[0]
    wide = _query(warehouse, """
        SELECT admin_litigation_cases, head_court_appearances FROM v_indicator_wide
        WHERE town = '三乡镇' AND report_year = 2024""")
    assert wide == [(45.0, 4.0)]
    reports = _query(warehouse, """
        SELECT level, facts, alerts, versions FROM v_reports WHERE town = '三乡镇'""")
    assert reports == [("town", 11, 0, 1)]
    assert _query(warehouse, "SELECT alerts FROM v_reports WHERE town = '龙归镇'") == [(2,)]
    trend = _query(warehouse, """
        SELECT town, value FROM v_indicator_trend
        WHERE indicator = 'head_court_appearance_rate' ORDER BY town""")
    assert ("炭步镇", 100.0) in trend and ("横沥镇", 49.0) in trend
    # the demo's reports are listed by three columns (generic, gkmlpt, Hanweb): its coverage
    # is theirs together
    coverage = _query(warehouse, """
        SELECT report_year, bool_or(is_published), bool_and(is_overdue) FROM v_coverage
        WHERE source_id LIKE 'demo_%' AND report_year BETWEEN 2020 AND 2024
        GROUP BY report_year ORDER BY report_year""")
    assert coverage == [(2020, True, False), (2021, True, False), (2022, False, True),
                        (2023, True, False), (2024, True, False)]
    named = _query(warehouse, """
        SELECT indicator, indicator_name, section FROM v_facts
        WHERE town = '三乡镇' AND subject = '应诉'""")
    assert named == [("admin_litigation_cases", "行政诉讼案件数", "achievements")]
    keywords = _query(warehouse, "SELECT count(DISTINCT report_id) FROM v_keywords")
    assert keywords == [(6,)]


@pytest.mark.parametrize("name", sorted(p.stem for p in (PROJECT_ROOT / "sql" / "queries")
                                        .glob("*.sql")))
def test_named_queries_run_on_the_demo(harvested, name: str) -> None:
    out = _cli("sql", name, "--warehouse", str(harvested[0]), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert isinstance(json.loads(out.stdout), list)


def test_export_round_trips_the_demo(harvested, tmp_path) -> None:
    out = _cli("export", "--to", str(tmp_path / "out"), "--warehouse", str(harvested[0]))
    assert out.returncode == 0, out.stderr
    back = duckdb.connect()
    files = str(tmp_path / "out" / "v_facts" / "**" / "*.parquet")
    count = back.execute(f"SELECT count(*) FROM read_parquet('{files}', hive_partitioning=true)")
    assert count.fetchone()[0] == _query(harvested[0], "SELECT count(*) FROM v_facts")[0][0]
