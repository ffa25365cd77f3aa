"""Newly failed quality checks, announced once: flow log and optional webhook, then remembered.

An alert is new when its (report, check) pair was never announced, or the report's body has
changed since it was (sql/pipeline/new_alerts.sql); so a nightly run does not repeat
yesterday's alerts.

Posting never holds up a run: alerts are posted after the last write window, several at
once, each within a total deadline (a webhook that answers one byte every 5 s is cut off);
an alert not taken is sent again next run. A webhook URL often carries a token, so it is
never printed, logged or stored: messages show only its scheme and host (``mask_url``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import duckdb
import pandas as pd
import requests

from tasks.paths import sql_text

log = logging.getLogger("fazhi.progress")
# One line per alert only when asked for (`fazhi -v`): a first national harvest has ~30,000.
per_alert = logging.getLogger("fazhi.alerts")


@dataclass(frozen=True)
class NotifySettings:
    """The notify stage's settings: where new alerts are POSTed (None: the log only)."""

    webhook: str | None = field(default=None, repr=False)  # a secret: kept out of reprs
    timeout_s: float = 10.0  # total seconds one post may take, answer included
    concurrency: int = 8  # posts in flight at once

@dataclass
class Alert:
    report_id: str
    check: str
    severity: str
    observed: str | None
    expected: str | None
    url: str
    title: str | None
    body_sha256: str | None


def new_alerts(con: duckdb.DuckDBPyConnection) -> list[Alert]:
    return [Alert(*row) for row in con.execute(sql_text("pipeline/new_alerts.sql")).fetchall()]


def alert_payload(alert: Alert, run_id: str) -> dict:
    """The webhook's JSON body for one problem: which report, which check, what was seen."""
    return {"source": "fazhi", "run_id": run_id, "title": alert.title, "url": alert.url,
            "report_id": alert.report_id, "check": alert.check, "severity": alert.severity,
            "observed": alert.observed, "expected": alert.expected}


def mark_sent(con: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> None:
    if not alerts:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    # one statement over a frame: executemany took 2.4 ms a row (7.5 s for 3,000 alerts)
    sent = pd.DataFrame({"report_id": [a.report_id for a in alerts],
                         "check_name": [a.check for a in alerts],
                         "body_sha256": [a.body_sha256 for a in alerts]})
    con.register("_sent_frame", sent)
    try:
        con.execute("""INSERT INTO alerts_sent
                       SELECT report_id, check_name, body_sha256, ? FROM _sent_frame
                       ON CONFLICT (report_id, check_name) DO UPDATE
                       SET body_sha256 = excluded.body_sha256, sent_at = excluded.sent_at""",
                    [now])
    finally:
        con.unregister("_sent_frame")


def mask_url(url: str) -> str:
    """What a message may show of a webhook URL: scheme and host, never its path, query or
    credentials (where tokens live)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<webhook>"
    return f"{parts.scheme or '?'}://{host}{port}/…"


def post_webhook(url: str, payload: dict, timeout_s: float = 10.0) -> str | None:
    """POST the payload; returns an error message (the URL masked) instead of raising, so a
    dead webhook never fails the harvest (the alerts stay unsent and are tried again next
    run). Only the status line is waited for: the answer's body is never read."""
    try:
        response = requests.post(url, json=payload, timeout=(min(5.0, timeout_s), timeout_s),
                                 stream=True)
    except requests.RequestException as exc:
        return f"webhook {mask_url(url)} unreachable: {exc.__class__.__name__}"
    with response:
        if response.status_code >= 400:
            return f"webhook {mask_url(url)} answered HTTP {response.status_code}"
    return None


def post_all(url: str, payloads: list[dict], timeout_s: float, concurrency: int = 8
             ) -> list[str | None]:
    """Post every payload, ``concurrency`` at a time, each within ``timeout_s`` in total:
    the error of each (None: taken). A post still unanswered at its deadline counts as
    failed; its daemon thread is left behind, so no server can hold the run."""
    results: list[str | None] = [None] * len(payloads)
    started: dict[int, float] = {}
    finished: set[int] = set()
    lock = threading.Lock()
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for i in range(len(payloads)):
        todo.put(i)

    def work() -> None:
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            with lock:
                started[i] = time.monotonic()
            error = post_webhook(url, payloads[i], timeout_s)
            with lock:
                results[i] = error
                finished.add(i)

    def spawn() -> None:
        threading.Thread(target=work, daemon=True, name="fazhi-webhook").start()

    for _ in range(max(1, min(concurrency, len(payloads)))):
        spawn()
    replaced: set[int] = set()
    while True:
        with lock:
            now = time.monotonic()
            overdue = {i for i, t in started.items() if i not in finished and now - t > timeout_s}
            for _ in overdue - replaced:  # that thread is stuck: another takes its place
                spawn()
            replaced |= overdue
            if len(finished) + len(overdue) == len(payloads):
                break
        time.sleep(0.05)
    with lock:  # a post past its deadline is failed, whatever it does later
        return [results[i] if i in finished else
                f"webhook {mask_url(url)} gave no answer within {timeout_s:g} s"
                for i in range(len(payloads))]


def log_alerts(alerts: list[Alert]) -> None:
    """One line per alert only at --verbose; always one count with the command that lists them."""
    for a in alerts:
        per_alert.info("quality alert: %s — %s (observed %s) %s", a.title, a.check, a.observed,
                       a.url)
    if alerts:
        log.warning("%d new quality alert%s: `fazhi alerts` lists them", len(alerts),
                    "" if len(alerts) == 1 else "s")


def send_alerts(alerts: list[Alert], settings: NotifySettings, run_id: str) -> list[Alert]:
    """POST each alert to the webhook (one message per problem); the alerts it took (all of
    them when there is no webhook: the log has told them)."""
    if not settings.webhook or not alerts:
        return list(alerts)
    errors = post_all(settings.webhook, [alert_payload(a, run_id) for a in alerts],
                      settings.timeout_s, settings.concurrency)
    failed = [e for e in errors if e]
    if failed:
        log.warning("%d of %d alerts not sent (%s); they will be sent again next run",
                    len(failed), len(alerts), failed[0])
    return [a for a, error in zip(alerts, errors, strict=True) if error is None]


def announce(con: duckdb.DuckDBPyConnection, settings: NotifySettings,
             run_id: str) -> list[Alert]:
    """Log new alerts, post them, remember the ones told (one connection throughout: the
    flows split this around their write windows, see tasks/notify/tasks.py)."""
    alerts = new_alerts(con)
    log_alerts(alerts)
    mark_sent(con, send_alerts(alerts, settings, run_id))
    return alerts
