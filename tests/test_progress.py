"""A harvest says what it is doing (issue #17): one line per source and per batch with counts
and a rate, and new alerts as one count with the command that lists them; one line per alert
only with --verbose. Runs `fazhi harvest` on the bundled portal, as a user does."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.portal import SITE_DIR, serve_portal, stop
from tasks.paths import PROJECT_ROOT, SEEDS_DIR


@pytest.fixture(scope="module")
def portal():
    server, base_url = serve_portal(SITE_DIR)  # a free loopback port
    yield base_url
    stop(server)


def _harvest(portal: str, warehouse: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FAZHI_BATCH_SIZE": "2", "FAZHI_MIN_REQUEST_INTERVAL_S": "0"}
    return subprocess.run([sys.executable, "-m", "fazhi.cli", "harvest", "--sources",
                           str(SEEDS_DIR / "sources.csv"), "--portal-base", portal,
                           "--warehouse", str(warehouse), "--task-runner", "thread", *extra],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300,
                          env=env)


def test_progress_per_source_and_batch_and_alerts_as_one_count(portal, tmp_path) -> None:
    done = _harvest(portal, tmp_path / "w.duckdb")
    assert done.returncode == 0, done.stderr
    err = done.stderr
    # the demo lists its reports in three columns (generic, gkmlpt, Hanweb): a line per source
    found = re.findall(r"(demo_\w+) \((\w+)\): (\d+) report links found, (\d+) due", err)
    assert {f[0]: f[1] for f in found} == {
        "demo_portal": "generic", "demo_gkmlpt": "gkmlpt", "demo_hanweb": "hanweb"}
    assert sum(int(f[2]) for f in found) == 6 and sum(int(f[3]) for f in found) == 6
    batches = re.findall(r"batch (\d+) \(([^)]*)\): (\d+) reports · so far (\d+) reports "
                         r"loaded.*· ([\d.]+) reports/s over", err)
    batches = [(b[0], b[2], b[3], b[4]) for b in batches]
    assert [int(b[0]) for b in batches] == list(range(1, len(batches) + 1))
    assert all(int(b[1]) <= 2 for b in batches)  # batch size 2
    loaded = [int(b[2]) for b in batches]
    assert loaded == sorted(loaded) and loaded[-1] == 6
    assert all(float(b[3]) > 0 for b in batches)
    assert "2 new quality alerts: `fazhi alerts` lists them" in err
    assert "quality alert:" not in err
    assert "new alerts 2 (`fazhi alerts` lists them)" in done.stdout


def test_verbose_adds_one_line_per_alert(portal, tmp_path) -> None:
    done = _harvest(portal, tmp_path / "w.duckdb", "--verbose")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("quality alert:") == 2
    assert "2 new quality alerts" in done.stderr


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_long_batch_is_not_silence(tmp_path) -> None:
    """While a batch's task runs, the window says every heartbeat what it waits for."""
    import time

    from prefect import flow, task
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.batches import BatchWindow, RunSummary
    from tasks.load.schema import LoadSettings

    @task
    def slow() -> int:
        time.sleep(1.5)
        return 1

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=1))
    def waits() -> None:
        window = BatchWindow(LoadSettings(tmp_path / "w.duckdb"), RunSummary("r", "w"), 2, 10,
                             heartbeat_s=0.4)
        window._wait(slow.submit(), [("gd_sanxiang", ["u1", "u2", "u3"])])

    progress, lines = logging.getLogger("fazhi.progress"), _Lines()
    # another test's Prefect logging setup may have disabled the existing loggers
    level, disabled = progress.level, progress.disabled
    progress.setLevel(logging.INFO)
    progress.disabled = False
    progress.addHandler(lines)
    try:
        waits()
    finally:
        progress.removeHandler(lines)
        progress.setLevel(level)
        progress.disabled = disabled
    beats = [line for line in lines.lines if "still at batch" in line]
    assert len(beats) >= 2
    assert beats[0].startswith("still at batch 1 (3 reports of gd_sanxiang), 0 more in flight")
