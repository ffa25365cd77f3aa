"""How a harvest groups fetched batches for processing: small sources share a process task,
each report keeps its source, and a failed group names every URL under its own source."""

from __future__ import annotations

from pathlib import Path

import duckdb
from conftest import CORPUS_DIR
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner

from flows.batches import BatchWindow, RunSummary
from tasks.load.schema import LoadSettings
from tasks.records import Batch, FetchedDocument

SOURCES = {"county_a": [0, 1], "county_b": [2, 3], "county_c": [4]}  # corpus files by source


def _docs(source_id: str) -> list[FetchedDocument]:
    paths = sorted(CORPUS_DIR.glob("*.txt"))
    return [FetchedDocument(url=f"http://{source_id}.test/{paths[n].stem}.html", kind="text",
                            text=paths[n].read_text(encoding="utf-8"), source_id=source_id,
                            raw_sha256=paths[n].stem)
            for n in SOURCES[source_id]]


@task
def _fetch(source_id: str, broken: bool) -> Batch:
    if broken:
        raise ConnectionError(f"{source_id} fell over")
    return Batch(source_id, docs=_docs(source_id), seconds={"fetch": (0.5, 0.25)})


@flow(task_runner=ThreadPoolTaskRunner(max_workers=3))
def _harvest_sources(warehouse: str, batch_size: int, broken: str | None = None) -> RunSummary:
    summary = RunSummary(run_id="r1", warehouse=warehouse)
    window = BatchWindow(LoadSettings(Path(warehouse)), summary, window=2,
                         batch_size=batch_size)
    for source_id in SOURCES:
        urls = [doc.url for doc in _docs(source_id)]
        window.add_fetched(_fetch.submit(source_id, source_id == broken), urls, source_id)
    return window.finish()


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_small_sources_share_a_process_task_and_keep_their_sources(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    summary = _harvest_sources(str(warehouse), batch_size=4)
    # 2 + 2 reports fill a batch of 4; the last source's one report is processed at the end
    assert summary.batches == 2 and summary.reports == 5
    assert summary.stage_seconds["fetch"] == [1.5, 0.75]  # every source's fetch time counted
    assert _rows(warehouse, "SELECT source_id, count(*) FROM reports GROUP BY 1 ORDER BY 1") \
        == [("county_a", 2), ("county_b", 2), ("county_c", 1)]

    alone = _harvest_sources(str(tmp_path / "alone.duckdb"), batch_size=1)
    assert alone.batches == 3 and alone.facts == summary.facts > 0


def test_a_failed_group_names_each_url_under_its_own_source(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    summary = _harvest_sources(str(warehouse), batch_size=4, broken="county_b")
    assert summary.reports == 1 and summary.rejected == 4  # county_c was processed apart
    assert _rows(warehouse, "SELECT source_id, count(*) FROM rejected_pages "
                            "WHERE reason LIKE 'pipeline_error%' GROUP BY 1 ORDER BY 1") \
        == [("county_a", 2), ("county_b", 2)]


def test_the_bench_can_time_the_flow_process_and_still_send_the_flow_to_workers() -> None:
    """bench/instrument.py wraps functions the tasks call; every one it names must exist, and
    the harvest flow (pickled with its tasks' globals for worker processes) must still pickle."""
    import subprocess
    import sys

    script = ("from fazhi import prefect_env\nimport cloudpickle\n"
              "from bench.instrument import instrument\nfrom flows.harvest import harvest\n"
              "from flows.reprocess import reprocess\ninstrument()\n"
              "cloudpickle.dumps(harvest)\ncloudpickle.dumps(reprocess)\nprint('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=CORPUS_DIR.parents[2],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
