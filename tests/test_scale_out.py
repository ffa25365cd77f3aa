"""Scale-out and crash safety: the same harvest on a Dask LocalCluster, and a harvest killed
with SIGKILL mid-run that the next run finishes without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from prefect import flow, task

from fazhi.portal import SITE_DIR, serve_portal, stop
from flows.harvest import harvest
from flows.runners import task_runner
from tasks.paths import PROJECT_ROOT, SEEDS_DIR

FACTS_SQL = "SELECT url, count(*) FROM facts JOIN reports USING (report_id) GROUP BY url"


@pytest.fixture(scope="module")
def portal():
    server, base_url = serve_portal(SITE_DIR)
    yield base_url
    stop(server)


def _facts_per_url(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return dict(con.execute(FACTS_SQL).fetchall())
    finally:
        con.close()


def _harvest_like_threads(runner: str, portal: str, tmp_path: Path):
    """Harvest the portal on ``runner`` and on threads; both warehouses hold the same facts."""
    sources = str(SEEDS_DIR / "sources.csv")
    summary = harvest.with_options(task_runner=task_runner(runner, workers=2))(
        sources, str(tmp_path / runner / "w.duckdb"), portal)
    on_threads = harvest(sources, str(tmp_path / "threads" / "w.duckdb"), portal)
    assert summary.reports == on_threads.reports == 6
    assert _facts_per_url(tmp_path / runner / "w.duckdb") == \
        _facts_per_url(tmp_path / "threads" / "w.duckdb")
    return summary


@task
def _worker_api() -> tuple[int, str | None]:
    from prefect.settings import PREFECT_API_URL

    return os.getpid(), PREFECT_API_URL.value()


@flow
def _ask_a_worker() -> tuple[int, str | None]:
    return _worker_api.submit().result()


@pytest.mark.parametrize("runner", ["process", "dask"])
def test_workers_report_to_the_flows_api_server_instead_of_starting_their_own(runner: str
                                                                              ) -> None:
    from prefect.server.api.server import SubprocessASGIServer

    pid, api_url = _ask_a_worker.with_options(task_runner=task_runner(runner, workers=1))()
    assert pid != os.getpid()
    assert api_url == SubprocessASGIServer().api_url  # the flow process's ephemeral server


def test_harvest_on_a_dask_cluster_loads_what_threads_load(portal, tmp_path: Path) -> None:
    _harvest_like_threads("dask", portal, tmp_path)


def test_harvest_in_worker_processes_loads_what_threads_load(portal, tmp_path: Path) -> None:
    """The default runner of `fazhi harvest`: batches strip … validate in worker processes."""
    in_workers = _harvest_like_threads("process", portal, tmp_path)
    # every stage reported its time from the worker that ran it
    assert set(in_workers.stage_seconds) == {"fetch", "strip", "normalize", "extract",
                                             "validate"}
    assert all(cpu > 0 for _, cpu in in_workers.stage_seconds.values())
    # Data Docs come from a batch validated in a worker
    page = (tmp_path / "process" / "data_docs" / "index.html").read_text(encoding="utf-8")
    assert "Suite <code>facts</code>" in page and "Suite <code>reports</code>" in page


def _harvest_process(portal: str, warehouse: Path, own_session: bool = False
                     ) -> subprocess.Popen:
    env = {**os.environ, "FAZHI_BATCH_SIZE": "1"}  # one transaction per report
    return subprocess.Popen(
        [sys.executable, "-m", "fazhi.cli", "harvest", "--sources", str(SEEDS_DIR / "sources.csv"),
         "--portal-base", portal, "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=own_session)


def _worker_processes(parent: int) -> list[int]:
    """PIDs of the process pool workers a process started."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and b"multiprocessing.spawn" in cmdline:
            pids.append(int(stat.parent.name))
    return pids


def _alive(pid: int) -> bool:
    try:  # an exited orphan nobody has reaped yet is a zombie: gone all the same
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_run_killed_mid_load_is_finished_by_the_next_without_duplicates(portal, tmp_path):
    reference = tmp_path / "reference" / "w.duckdb"
    done = _harvest_process(portal, reference)
    assert done.wait(timeout=300) == 0, done.stdout.read()

    warehouse = tmp_path / "killed" / "w.duckdb"
    victim = _harvest_process(portal, warehouse, own_session=True)
    deadline = time.monotonic() + 240
    seen = []
    for line in victim.stdout:  # kill as soon as the first batch has been written
        seen.append(line)
        if "reports loaded" in line or time.monotonic() > deadline:
            break
    workers = _worker_processes(victim.pid)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL, "".join(seen) + victim.stdout.read()
    try:
        # the killed flow's worker processes leave by themselves instead of living on
        assert workers, "the harvest ran without worker processes"
        gone_by = time.monotonic() + 20
        while any(map(_alive, workers)) and time.monotonic() < gone_by:
            time.sleep(0.2)
        assert not any(map(_alive, workers))
    finally:
        # Prefect's ephemeral API server now exits with its run (fazhi/prefect_server.py;
        # tests/test_runs_under_stress.py checks it); whatever else is left of the killed
        # run's session goes with it here
        try:
            os.killpg(victim.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # nothing was left

    partial = _facts_per_url(warehouse)  # opens after the crash: WAL replayed or discarded
    assert len(partial) < 6
    rerun = _harvest_process(portal, warehouse)
    output = rerun.communicate(timeout=300)[0]
    assert rerun.returncode == 0, output
    assert "Traceback" not in output
    assert _facts_per_url(warehouse) == _facts_per_url(reference)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        dupes = con.execute("SELECT count(*) - count(DISTINCT (report_id, fact_no)) FROM facts")
        assert dupes.fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 6
    finally:
        con.close()
