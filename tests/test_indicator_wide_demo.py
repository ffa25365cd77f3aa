"""v_indicator_wide on the demo equals the table written by hand from the demo texts
(tests/fixtures/indicator_wide_demo.csv; how each cell was read: tests/fixtures/README.md).

The demo pipeline runs in-process: the bundled portal on a free loopback port, the real
harvest flow (Prefect, thread runner as `fazhi demo` uses), a real DuckDB file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fazhi.portal import SITE_DIR, serve_portal, stop
from flows.harvest import harvest
from flows.runners import task_runner
from tasks.paths import SEEDS_DIR
from tests.conftest import query

EXPECTED = Path(__file__).parent / "fixtures" / "indicator_wide_demo.csv"
KEY = ("town", "report_year")


def _expected() -> tuple[list[str], dict[tuple, dict[str, float | None]]]:
    with EXPECTED.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c for c in reader.fieldnames if c not in KEY]
        rows = {(row["town"], int(row["report_year"])):
                {c: float(row[c]) if row[c] else None for c in columns} for row in reader}
    return columns, rows


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory) -> Path:
    warehouse = tmp_path_factory.mktemp("demo") / "fazhi.duckdb"
    server, base_url = serve_portal(SITE_DIR)
    try:
        summary = harvest.with_options(task_runner=task_runner("thread"))(
            str(SEEDS_DIR / "sources.csv"), str(warehouse), base_url)
    finally:
        stop(server)
    assert summary.reports == 6 and summary.fetch_errors == 0
    return warehouse


def test_indicator_wide_equals_the_hand_written_table(demo_warehouse: Path) -> None:
    columns, expected = _expected()
    got_rows = query(demo_warehouse, f"SELECT town, report_year, {', '.join(columns)} "
                                     "FROM v_indicator_wide")
    got = {(row[0], row[1]): dict(zip(columns, row[2:], strict=True)) for row in got_rows}
    assert set(got) == set(expected)
    wrong = [f"{key} {column}: expected {want}, got {got[key][column]}"
             for key, cells in expected.items() for column, want in cells.items()
             if got[key][column] != pytest.approx(want)]
    assert not wrong, "\n".join(wrong)


def _value(warehouse: Path, town: str, indicator: str) -> tuple:
    rows = query(warehouse, """
        SELECT v.value, v.unit, v.how, v.fact_nos, v.n_candidates, v.note
        FROM indicator_values AS v JOIN reports AS r USING (report_id)
        WHERE r.town = ? AND v.indicator = ?""", [town, indicator])
    assert len(rows) == 1, (town, indicator, rows)
    return rows[0]


def test_each_cell_says_how_it_was_reached(demo_warehouse: Path) -> None:
    # 192宗、320人次: the 320 people are outside the petitions' unit family
    value, unit, how, _, _, note = _value(demo_warehouse, "横沥镇", "petitions")
    assert (value, unit, how) == (192, "件", "single") and "人次" in note
    # 镇长办公会12次, then 司法所列席镇长办公会12次: one meeting figure, restated
    value, _, how, fact_nos, n_candidates, _ = _value(demo_warehouse, "横沥镇", "meetings")
    assert (value, how, n_candidates, len(fact_nos)) == (37, "sum_of_parts", 2, 3)
    # 自…工作室建立以来共调处案件19宗: not this year's
    value, _, _, _, _, note = _value(demo_warehouse, "横沥镇", "disputes_mediated")
    assert value == 171 and "cumulative" in note
    # 涉案金额796.41万元: in yuan, with the unit yuan
    assert _value(demo_warehouse, "横沥镇", "disputed_amount")[:2] == (7964100, "元")
    # 行政执法专项编制59名, 持证执法人员28名, 法制审核人3名: the staff are the 28
    assert _value(demo_warehouse, "横沥镇", "enforcement_staff")[:3] == (28, "人", "single")
    # 法律咨询641宗(次) …; 其中法律咨询352件次: two statements, the larger chosen
    value, _, how, _, n_candidates, note = _value(demo_warehouse, "炭步镇", "legal_consultations")
    assert (value, how, n_candidates) == (641, "chosen_of_n", 2) and "352" in note
    # 排查调处矛盾纠纷58宗,调解成功52宗: the 52 are part of the 58
    value, _, how, _, _, note = _value(demo_warehouse, "龙归镇", "disputes_mediated")
    assert (value, how) == (58, "single") and "part of" in note


def test_reconsideration_mediation_is_no_reconsideration_case(demo_warehouse: Path) -> None:
    # 全年通过调解化解复议纠纷案件3宗 stays a fact, of no indicator
    rows = query(demo_warehouse, """
        SELECT f.indicator FROM facts AS f JOIN reports AS r USING (report_id)
        WHERE r.town = '横沥镇' AND f.quote LIKE '%复议纠纷%'""")
    assert rows == [(None,)]
