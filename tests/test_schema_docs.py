"""The schema describes itself: every table, view and column of a real warehouse carries the
words of sql/schema.yml as a COMMENT, docs/warehouse.md is rendered from them, no column needs
quoting, and v_facts says how to read a value (issue #17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analyst_warehouse import build_analyst_warehouse

from fazhi.warehouse import docs
from tasks.load.comments import load


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    con = build_analyst_warehouse(tmp_path_factory.mktemp("docs") / "w.duckdb")
    yield con
    con.close()


def test_every_table_view_and_column_is_described(con) -> None:
    relations = con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal UNION ALL "
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    assert len(relations) > 30
    assert [name for name, comment in relations if not comment] == []
    undescribed = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() "
        "WHERE NOT internal AND schema_name = 'main' AND coalesce(comment, '') = ''").fetchall()
    assert undescribed == []


def test_schema_yml_names_nothing_the_warehouse_lacks(con) -> None:
    present = {name: {row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [name]).fetchall()}
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL "
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    described = load()
    stale = [name for name in described.relations if name not in present]
    stale += [f"{name}.{column}" for name, rel in described.relations.items()
              for column in rel.columns if column not in present.get(name, ())]
    assert stale == []


def test_docs_warehouse_md_is_rendered_from_schema_yml() -> None:
    assert docs.main(["--check"]) == 0, "run: python -m fazhi.warehouse.docs"
    text = docs.DOC.read_text(encoding="utf-8")
    assert "| `value_bound` | VARCHAR |" in text and "| `check_name` | VARCHAR |" in text


def test_no_column_needs_quoting_and_v_facts_says_how_to_read_a_value(con) -> None:
    con.execute("SELECT check_name, observed FROM v_quality_alerts").fetchall()
    con.execute("SELECT stage, occurred_at FROM v_problems").fetchall()
    con.execute("SELECT start_offset, end_offset FROM v_facts").fetchall()
    first, second, third = con.execute(
        "SELECT report_id, fact_no FROM facts ORDER BY report_id, fact_no LIMIT 3").fetchall()
    con.execute("UPDATE facts SET qualifier = '余' WHERE report_id = ? AND fact_no = ?", first)
    con.execute("UPDATE facts SET value_max = value + 2 WHERE report_id = ? AND fact_no = ?",
                second)
    con.execute("UPDATE facts SET qualifier = '近' WHERE report_id = ? AND fact_no = ?", third)
    bounds = dict(con.execute(
        "SELECT (report_id, fact_no), value_bound FROM v_facts").fetchall())
    assert bounds.pop(tuple(first)) == "at_least"
    assert bounds.pop(tuple(second)) == "range"
    assert bounds.pop(tuple(third)) == "at_most"
    assert set(bounds.values()) == {"exact"}
    assert con.execute("SELECT value_max - value FROM v_facts WHERE report_id = ? "
                       "AND fact_no = ?", second).fetchone()[0] == 2


def test_comments_survive_a_reopen(tmp_path: Path) -> None:
    from tasks.load.schema import connect

    build_analyst_warehouse(tmp_path / "w.duckdb").close()
    con = connect(tmp_path / "w.duckdb")
    assert con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'v_facts'"
                       ).fetchone()[0].startswith("Every numeric fact")
    con.close()
