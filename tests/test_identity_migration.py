"""Migration 0002 on a warehouse written by fe6af06 (URL-keyed report ids): the demo run twice
on two ports, 12 reports for 6, becomes 6 reports with every URL, version and alert kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import duckdb
import pytest

from tasks.load import migrations
from tasks.load.schema import connect

FIXTURE = Path(__file__).parent / "fixtures" / "warehouses" / "demo_twice_fe6af06.tar.gz"


@pytest.fixture
def old_warehouse(tmp_path: Path) -> Path:
    with tarfile.open(FIXTURE) as archive:
        archive.extractall(tmp_path, filter="data")
    return tmp_path / "warehouse" / "fazhi.duckdb"


def _count(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def test_the_fixture_is_url_keyed_demo_twice(old_warehouse):
    with duckdb.connect(str(old_warehouse), read_only=True) as con:
        assert _count(con, "SELECT count(*) FROM reports") == 12
        assert _count(con, "SELECT count(DISTINCT body_sha256) FROM reports") == 6
        assert _count(con, "SELECT count(*) FROM alerts_sent") == 4


def test_first_open_rekeys_twelve_url_reports_to_six(old_warehouse):
    with duckdb.connect(str(old_warehouse), read_only=True) as before:
        fetches = before.execute("SELECT * FROM fetches ORDER BY ALL").fetchall()
        urls = {row[0] for row in before.execute("SELECT url FROM reports").fetchall()}
        open_before = _count(before, "SELECT count(*) FROM v_quality_alerts")
        facts_per_body = dict(before.execute(
            "SELECT body_sha256, count(*) FROM reports JOIN facts USING (report_id) "
            "GROUP BY 1").fetchall())
    con = connect(old_warehouse)
    assert 2 in migrations.applied(con)
    assert _count(con, "SELECT count(*) FROM reports") == 6
    assert _count(con, "SELECT count(*) FROM v_reports WHERE urls = 2 AND versions = 1") == 6
    # facts of the kept copy only: the demo's 124, not 248
    assert _count(con, "SELECT count(*) FROM facts") == sum(facts_per_body.values()) // 2 == 124
    assert _count(con, "SELECT count(*) FROM facts WHERE report_id NOT IN "
                       "(SELECT report_id FROM reports)") == 0
    assert _count(con, "SELECT count(*) FROM report_versions") == 6
    # every URL is recorded, under the report it carried
    assert {r[0] for r in con.execute("SELECT url FROM report_urls").fetchall()} == urls
    assert _count(con, "SELECT count(*) FROM report_urls WHERE report_id NOT IN "
                       "(SELECT report_id FROM reports)") == 0
    # alerts already sent stay sent: 龙归镇's two checks, once each, under the new id
    sent = con.execute("SELECT report_id, count(*) FROM alerts_sent GROUP BY 1").fetchall()
    assert [n for _, n in sent] == [2]
    longgui = sent[0][0]
    assert con.execute("SELECT town FROM reports WHERE report_id = ?", [longgui]).fetchone() == (
        "龙归镇",)
    assert con.execute(open(Path(__file__).parents[1] / "sql/pipeline/new_alerts.sql",
                            encoding="utf-8").read()).fetchall() == []
    # the "open alerts 3 → 6" undone: each report's alerts once
    assert _count(con, "SELECT count(*) FROM v_quality_alerts") * 2 == open_before
    # fetch history untouched
    assert con.execute("SELECT * FROM fetches ORDER BY ALL").fetchall() == fetches
    assert _count(con, "SELECT count(DISTINCT report_id) FROM minhash_bands") == 6
    assert _count(con, "SELECT count(*) FROM minhash_signatures") == 6
    assert _count(con, "SELECT count(*) FROM quality_results WHERE suite = 'identity' "
                       "AND NOT passed") == 0
    con.close()


def test_reprocess_converts_and_rebuilds_the_same_six(old_warehouse):
    from flows.reprocess import reprocess

    summary = reprocess(str(old_warehouse))  # `fazhi reprocess` on the old file, no network
    assert summary.urls == 12 and summary.reports == 12 and summary.fetch_errors == 0
    con = connect(old_warehouse, read_only=True)
    assert _count(con, "SELECT count(*) FROM reports") == 6
    assert _count(con, "SELECT count(*) FROM report_versions") == 6
    assert _count(con, "SELECT count(*) FROM report_urls") == 12
    assert _count(con, "SELECT count(*) FROM facts") == 124
    assert _count(con, "SELECT count(*) FROM alerts_sent") == 2
    # two URLs of one body are one report: no near-duplicate warning between them
    assert _count(con, "SELECT count(*) FROM quality_results WHERE NOT passed "
                       "AND check_name_or_check LIKE 'near_duplicate%'".replace(
                           "check_name_or_check", _check_column(con))) == 0
    con.close()


def _check_column(con) -> str:
    names = [r[0] for r in con.execute("DESCRIBE quality_results").fetchall()]
    return next(n for n in ("check_name", "check") if n in names).join('""')


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).parents[1])


def test_fazhi_migrate_lists_then_applies(old_warehouse, tmp_path):
    listed = _cli("migrate", "--warehouse", str(old_warehouse), "--dry-run")
    assert listed.returncode == 0, listed.stderr
    assert "0002_report_identity  pending" in listed.stdout and "nothing applied" in listed.stdout
    with duckdb.connect(str(old_warehouse), read_only=True) as con:
        assert _count(con, "SELECT count(*) FROM reports") == 12  # a listing changes nothing
    applied = _cli("migrate", "--warehouse", str(old_warehouse))
    assert applied.returncode == 0, applied.stderr
    assert "applied 1" in applied.stdout or "applied 2" in applied.stdout
    again = _cli("migrate", "--warehouse", str(old_warehouse))
    assert "0002_report_identity  applied" in again.stdout and "up to date" in again.stdout
    missing = _cli("migrate", "--warehouse", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    assert missing.stderr.startswith("fazhi: no warehouse at")


def test_copies_that_differ_become_versions_or_a_conflict(old_warehouse):
    """Two of the old URL-keyed copies edited before migrating: 三乡镇's second copy revised
    (one more line), 横沥镇's second copy replaced by another town's text."""
    with duckdb.connect(str(old_warehouse)) as con:
        def second_copy(town: str) -> tuple[str, str]:
            return con.execute("SELECT report_id, body FROM reports WHERE town = ? "
                               "ORDER BY loaded_at DESC LIMIT 1", [town]).fetchone()

        revised_id, body = second_copy("三乡镇")
        con.execute("UPDATE reports SET body = ?, body_sha256 = 'revised' WHERE report_id = ?",
                    [body + "\n(2025年3月更正:数字有误)", revised_id])
        other_id, _ = second_copy("横沥镇")
        other_body = con.execute("SELECT body FROM reports WHERE town = '龙归镇' LIMIT 1"
                                 ).fetchone()[0]
        con.execute("UPDATE reports SET body = ?, body_sha256 = 'other', published = NULL "
                    "WHERE report_id = ?", [other_body, other_id])
        for rid, sha in ((revised_id, "revised"), (other_id, "other")):
            con.execute("UPDATE report_versions SET body_sha256 = ? WHERE report_id = ?",
                        [sha, rid])
    con = connect(old_warehouse)
    assert _count(con, "SELECT count(*) FROM reports") == 6
    rows = dict(con.execute("SELECT town, shown_because FROM v_reports").fetchall())
    assert rows["三乡镇"] == "latest revision"
    assert rows["横沥镇"].startswith("conflict: shown first")
    relations = con.execute("SELECT r.town, v.relation FROM report_versions AS v "
                            "JOIN reports AS r USING (report_id) ORDER BY 1, 2").fetchall()
    assert ("三乡镇", "revision") in relations and ("横沥镇", "conflict") in relations
    assert _count(con, "SELECT count(*) FROM report_versions") == 8
    assert con.execute("SELECT r.town FROM quality_results AS q JOIN reports AS r "
                       "USING (report_id) WHERE q.suite = 'identity' AND NOT q.passed"
                       ).fetchall() == [("横沥镇",)]
    con.close()


def test_0002_runs_after_the_reserved_word_renames(old_warehouse, tmp_path):
    """In the merged tree 0002 runs after 0001 (another helper's: quality_results."check" and
    alerts_sent."check" → check_name, facts/sections "start"/"end" → start_offset/end_offset).
    0002 names none of those columns; here a stand-in 0001 renames them first."""
    steps = tmp_path / "migrations"
    steps.mkdir()
    (steps / "0001_reserved_words.py").write_text('''"""Stand-in for 0001."""


def migrate(con):
    for table in ("quality_results", "alerts_sent"):
        con.execute(f'ALTER TABLE {table} RENAME COLUMN "check" TO check_name')
    for table in ("facts", "sections"):
        con.execute(f'ALTER TABLE {table} RENAME COLUMN "start" TO start_offset')
        con.execute(f'ALTER TABLE {table} RENAME COLUMN "end" TO end_offset')
''', encoding="utf-8")
    shutil.copy(migrations.MIGRATIONS_DIR / "0002_report_identity.py", steps)
    con = duckdb.connect(str(old_warehouse))
    assert [m.version for m in migrations.apply_pending(con, steps)] == [1, 2]
    assert _count(con, "SELECT count(*) FROM reports") == 6
    assert con.execute("SELECT count(*), count(DISTINCT report_id) FROM alerts_sent "
                       "WHERE check_name IS NOT NULL").fetchone() == (2, 1)
    assert _count(con, "SELECT count(*) FROM facts WHERE start_offset IS NOT NULL") == 124
    assert _count(con, "SELECT count(*) FROM quality_results WHERE "
                       "check_name = 'conflicting_reports'") == 6
    con.close()
