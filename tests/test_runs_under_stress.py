"""A harvest as an unlucky operator meets it (issue #16): readers during the run, a second run on
the same warehouse, a webhook that drips or carries a token, a `kill -9` — each ends cleanly.

The harvests here are real `fazhi harvest` processes over the bundled portal on loopback,
slowed by the politeness gap so that there is a "during".
"""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from webhook_receiver import WebhookReceiver

from fazhi.portal import SITE_DIR, serve_portal, stop
from tasks.notify.alerts import mask_url, post_all
from tasks.paths import PROJECT_ROOT, SEEDS_DIR

TOKEN = "tok3n-s3cret-8c1f"  # what a webhook URL's query carries and must never leak


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "PREFECT_HOME": str(tmp / "prefect"),
            "FAZHI_BATCH_SIZE": "1", "FAZHI_MIN_REQUEST_INTERVAL_S": "0.6", **extra}


def _fazhi(*args: str) -> list[str]:
    return [sys.executable, "-m", "fazhi.cli", *args]


def _harvest(tmp: Path, portal: str, *extra: str) -> subprocess.Popen:
    """A harvest in the background; its output goes to files (a pipe would be held open by
    any child that outlived it)."""
    return subprocess.Popen(
        _fazhi("harvest", "--sources", str(SEEDS_DIR / "sources.csv"), "--portal-base", portal,
               "--warehouse", str(tmp / "w.duckdb"), "--task-runner", "thread", *extra),
        env=_env(tmp), stdout=(tmp / "out.txt").open("w"), stderr=(tmp / "err.txt").open("w"),
        start_new_session=True)


def _output(tmp: Path) -> tuple[str, str]:
    return (tmp / "out.txt").read_text(), (tmp / "err.txt").read_text()


@pytest.fixture
def portal():
    server, base_url = serve_portal(SITE_DIR)
    yield base_url
    stop(server)


def _wait_for(condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_readers_during_a_run_a_second_run_and_a_webhook_secret(tmp_path, portal) -> None:
    receiver = WebhookReceiver(status=503)  # takes nothing: the alerts stay for next run
    hook = receiver.url + f"?token={TOKEN}"
    try:
        run = _harvest(tmp_path, portal, "--alert-webhook", hook)
        warehouse = tmp_path / "w.duckdb"
        assert _wait_for(warehouse.exists, 120), _output(tmp_path)
        second = subprocess.run(_fazhi("harvest", "--sources", str(SEEDS_DIR / "sources.csv"),
                                       "--warehouse", str(warehouse), "--task-runner", "thread"),
                                env=_env(tmp_path), capture_output=True, text=True, timeout=120)
        reads = []
        while run.poll() is None:
            reads.append(subprocess.run(_fazhi("sql", "--warehouse", str(warehouse),
                                               "SELECT count(*) FROM fetches"),
                                        env=_env(tmp_path), capture_output=True, text=True,
                                        timeout=60))
        run.wait(timeout=60)
        out, err = _output(tmp_path)
    finally:
        receiver.close()
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 0, err[-3000:]
    # a second run on the same warehouse: one line, EX_TEMPFAIL, no traceback
    assert second.returncode == 75, second.stderr[-3000:]
    assert len(second.stderr.strip().splitlines()) == 1 and "is running" in second.stderr
    # readers during the run: every one answered
    assert len(reads) >= 2 and all(r.returncode == 0 for r in reads), \
        [r.stderr for r in reads if r.returncode]
    # the webhook's token is in no output and nowhere in Prefect's database
    assert receiver.messages, "the run posted its alerts"
    assert TOKEN not in out + err and mask_url(hook) in err
    for path in (tmp_path / "prefect").rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_after_kill_9_of_a_harvest_nothing_of_ours_stays_running(tmp_path, portal) -> None:
    run = _harvest(tmp_path, portal)
    server: list[int] = []

    def server_started() -> bool:
        server[:] = [c for c in _children(run.pid) if _alive(c) and b"uvicorn" in _cmdline(c)]
        return bool(server)

    try:
        assert _wait_for(server_started, 120), _output(tmp_path)
        assert b"fazhi.prefect_server" in _cmdline(server[0])
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=10)
        # (PIDs are reused: "gone" is "not alive, or now another program")
        assert _wait_for(lambda: not _alive(server[0]) or b"fazhi.prefect_server"
                         not in _cmdline(server[0]), 15), "Prefect's server outlived its run"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()


def _cmdline(pid: int) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


class _DripHandler(http.server.BaseHTTPRequestHandler):
    """Headers, then a byte every 5 s (the issue's webhook), or (``drip_head``) even the
    status line a byte at a time."""

    drip_head = False

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            if self.drip_head:
                for byte in b"HTTP/1.1 200 OK\r\n":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(5)
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b".")
                self.wfile.flush()
                time.sleep(5)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("drip_head", [False, True])
def test_a_dripping_webhook_costs_one_deadline_not_a_minute_an_alert(drip_head: bool) -> None:
    handler = type("Drip", (_DripHandler,), {"drip_head": drip_head})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook?token={TOKEN}"
    try:
        started = time.monotonic()
        errors = post_all(url, [{"n": n} for n in range(12)], timeout_s=2.0, concurrency=8)
        took = time.monotonic() - started
    finally:
        server.shutdown()
    if drip_head:  # never answered: each post given up at its deadline, the run goes on
        assert all(errors)  # a read timeout, or no answer by the deadline
        assert took < 7  # 12 posts, 8 at a time, 2 s each (was 60 s each, one after another)
    else:  # the status line came: taken, the body is never waited for
        assert errors == [None] * 12 and took < 3
    assert not any(TOKEN in (e or "") for e in errors)


def test_reprocess_of_a_missing_warehouse_is_one_line(tmp_path) -> None:
    missing = tmp_path / "none" / "w.duckdb"
    done = subprocess.run(_fazhi("reprocess", "--warehouse", str(missing), "--task-runner",
                                 "thread"), env=_env(tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "no warehouse" in done.stderr and not missing.parent.exists()
