"""The analyst's views and named queries on a warehouse built through the real load stage."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from analyst_warehouse import (
    ALERT_CHECK,
    REPORTS,
    SOURCES,
    build_analyst_warehouse,
    report_id_of_spec,
)

from tasks.load.schema import connect
from tasks.paths import SEEDS_DIR, SQL_DIR

NAMED_QUERIES = sorted((SQL_DIR / "queries").glob("*.sql"))


def _expected_cell(spec: dict, indicator: str) -> float | None:
    """What one report's cell should hold (tasks/load/indicator_values.py): plans left out;
    every fixture fact sits at offset 0, one statement, so its counts are disjoint items and
    added; a report states one rate of an indicator, taken as printed."""
    facts = [f for f in spec["facts"] if f[0] == indicator and f[4] != "plans"]
    if not facts:
        return None
    values = [f[1] for f in facts]
    if facts[0][3] == "rate":
        assert len(values) == 1, "one rate of an indicator per fixture report"
        return values[0]
    return sum(values)


def _records(con, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_indicator_wide_has_one_row_per_report_and_a_column_per_main_indicator(
        tmp_path: Path) -> None:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    rows = {r["report_id"]: r for r in _records(con, "SELECT * FROM v_indicator_wide")}
    assert set(rows) == {report_id_of_spec(spec) for spec in REPORTS}
    stated = {f[0] for spec in REPORTS for f in spec["facts"]}
    assert stated <= set(next(iter(rows.values())))
    for spec in REPORTS:
        row = rows[report_id_of_spec(spec)]
        assert (row["town"], row["report_year"]) == (spec["region"]["town"], spec["year"])
        for indicator in stated:
            assert row[indicator] == _expected_cell(spec, indicator), (spec["url"], indicator)


def test_indicator_wide_columns_are_ids_of_the_indicator_seed(tmp_path: Path) -> None:
    seed = SEEDS_DIR / "indicators.csv"
    if not seed.exists():
        pytest.skip("seeds/indicators.csv not written yet")
    with seed.open(encoding="utf-8", newline="") as handle:
        seed_ids = {row["id"] for row in csv.DictReader(handle)}
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    columns = [row[0] for row in con.execute("DESCRIBE v_indicator_wide").fetchall()]
    key_columns = ["report_id", "url", "title", "province", "county", "town", "report_year"]
    assert columns[:len(key_columns)] == key_columns
    assert set(columns[len(key_columns):]) <= seed_ids


def test_indicator_trend_gives_the_change_from_the_previous_report(tmp_path: Path) -> None:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    rows = _records(con, """SELECT report_year, value, change, previous_year
                            FROM v_indicator_trend
                            WHERE town = '三乡镇' AND indicator = ? ORDER BY report_year""",
                    ["head_court_appearance_rate"])
    first, second = (_expected_cell(spec, "head_court_appearance_rate") for spec in REPORTS[:2])
    assert rows == [
        {"report_year": 2023, "value": first, "change": None, "previous_year": None},
        {"report_year": 2024, "value": second, "change": second - first, "previous_year": 2023},
    ]
    mediated = con.execute("""SELECT change FROM v_indicator_trend WHERE town = '三乡镇'
                              AND indicator = 'disputes_mediated' AND report_year = 2024""")
    assert mediated.fetchone()[0] == (_expected_cell(REPORTS[1], "disputes_mediated")
                                      - _expected_cell(REPORTS[0], "disputes_mediated"))


def test_coverage_flags_a_year_without_report_as_overdue(tmp_path: Path) -> None:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    rows = {(r["source_id"], r["report_year"]): r for r in _records(
        con, "SELECT source_id, report_year, is_published, is_overdue FROM v_coverage")}
    first_year = min(spec["year"] for spec in REPORTS)
    assert {year for _, year in rows} == set(range(first_year, date.today().year))
    assert {source for source, _ in rows} == {s["source_id"] for s in SOURCES}
    published = {(spec["source_id"], spec["year"]) for spec in REPORTS}
    for key, row in rows.items():
        assert row["is_published"] == (key in published), key
    # 西湖街道 published for 2024 only: its 2023 report is long past the 31 March deadline.
    assert rows[("zj_xihu", 2023)]["is_overdue"] is True
    assert rows[("zj_xihu", 2024)]["is_overdue"] is False
    assert rows[("zj_silent", 2024)]["is_overdue"] is True


def test_keywords_find_the_reports_about_a_theme(tmp_path: Path) -> None:
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    found = con.execute("SELECT report_id, town, report_year, weight FROM v_keywords "
                        "WHERE keyword = '调解' ORDER BY report_year").fetchall()
    expected = [(report_id_of_spec(spec), spec["region"]["town"], spec["year"], weight)
                for spec in REPORTS for word, weight in spec["keywords"] if word == "调解"]
    assert found == expected and len(found) == 2


def test_the_manifest_declares_every_schema_file_once_and_marts_read_no_table() -> None:
    from tasks.load.schema import schema_files

    declared = [path.relative_to(SQL_DIR).as_posix() for path in schema_files()]
    on_disk = ["tables.sql"] + sorted(p.relative_to(SQL_DIR).as_posix()
                                      for layer in ("staging", "marts")
                                      for p in (SQL_DIR / layer).glob("*.sql"))
    assert declared[0] == "tables.sql" and sorted(declared) == sorted(on_disk)
    assert len(declared) == len(set(declared))
    tables = {line.split()[5] for line in (SQL_DIR / "tables.sql").read_text().splitlines()
              if line.startswith("CREATE TABLE")}
    for mart in (SQL_DIR / "marts").glob("*.sql"):
        sql = mart.read_text(encoding="utf-8")
        assert not any(f"FROM {t} " in sql or f"JOIN {t} " in sql for t in tables), mart.name


@pytest.mark.parametrize("query", NAMED_QUERIES, ids=lambda p: p.stem)
def test_every_named_query_says_what_it_answers_and_runs(tmp_path: Path, query: Path) -> None:
    text = query.read_text(encoding="utf-8")
    assert text.startswith("-- ") and len(text.splitlines()[0]) > 20
    con = build_analyst_warehouse(tmp_path / "w.duckdb")
    cursor = con.execute(text)
    assert cursor.description and cursor.fetchall() is not None


def _named(con, name: str) -> list[dict]:
    """Run sql/queries/NAME.sql as `fazhi sql NAME` does."""
    return _records(con, (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8"))


def test_named_queries_answer_the_issue_questions(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    build_analyst_warehouse(path).close()
    con = connect(path, read_only=True)
    trend = _named(con, "court_appearance_trend")
    assert (trend[0]["town"], trend[0]["report_year"]) == ("三乡镇", 2024)
    assert trend[0]["change"] < 0

    mediation = _named(con, "mediation_by_town")
    assert [(r["town"], r["report_year"], r["pct_of_county"]) for r in mediation] == [
        ("三乡镇", 2024, 100.0), ("三乡镇", 2023, 100.0)]

    missing = _named(con, "not_published")
    last_year = date.today().year - 1
    assert {r["source_id"] for r in missing} == {s["source_id"] for s in SOURCES} - {
        spec["source_id"] for spec in REPORTS if spec["year"] == last_year}

    alerts = _named(con, "open_alerts")
    assert [(a["check_name"], a["town"]) for a in alerts] == [(ALERT_CHECK, "西湖街道")]

    by_section = {(r["town"], r["report_year"]): r
                  for r in _named(con, "facts_by_section")}
    for spec in REPORTS:
        row = by_section[(spec["region"]["town"], spec["year"])]
        for section in ("achievements", "problems", "plans"):
            assert row[section] == sum(1 for f in spec["facts"] if f[4] == section)
