"""After load: announce newly failed quality checks once (flow log and optional webhook).

An alert is new when its (report, check) pair was never announced, or the report's body has
changed since it was; so a nightly run does not repeat yesterday's alerts.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import requests
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.warehouse import connect

log = logging.getLogger("fazhi.progress")

NEW_ALERTS_SQL = """
SELECT q.report_id, q."check", q.severity, q.observed, q.expected, r.url, r.title, r.body_sha256
FROM quality_results AS q
JOIN reports AS r USING (report_id)
LEFT JOIN alerts_sent AS s ON s.report_id = q.report_id AND s."check" = q."check"
WHERE NOT q.passed AND q.severity = 'error'
  AND (s.report_id IS NULL OR s.body_sha256 IS DISTINCT FROM r.body_sha256)
ORDER BY r.url, q."check"
"""


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
    return [Alert(*row) for row in con.execute(NEW_ALERTS_SQL).fetchall()]


def alert_payload(alerts: list[Alert], run_id: str) -> dict:
    """The webhook's JSON body: one entry per report, each naming its failed checks."""
    reports: dict[str, dict] = {}
    for a in alerts:
        entry = reports.setdefault(a.report_id, {"title": a.title, "url": a.url, "problems": []})
        entry["problems"].append({"check": a.check, "severity": a.severity,
                                  "observed": a.observed, "expected": a.expected})
    return {"source": "fazhi", "run_id": run_id, "new_alerts": len(alerts),
            "reports": list(reports.values())}


def mark_sent(con: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    con.executemany(
        """INSERT INTO alerts_sent VALUES (?, ?, ?, ?)
           ON CONFLICT (report_id, "check") DO UPDATE
           SET body_sha256 = excluded.body_sha256, sent_at = excluded.sent_at""",
        [(a.report_id, a.check, a.body_sha256, now) for a in alerts],
    )


def post_webhook(url: str, payload: dict, timeout_s: float = 10.0) -> str | None:
    """POST the payload; returns an error message instead of raising, so a dead webhook
    never fails the harvest (the alerts stay unsent and are tried again next run)."""
    try:
        response = requests.post(url, json=payload, timeout=timeout_s)
    except requests.RequestException as exc:
        return f"webhook {url} unreachable: {exc.__class__.__name__}"
    if response.status_code >= 400:
        return f"webhook {url} answered HTTP {response.status_code}"
    return None


def announce(con: duckdb.DuckDBPyConnection, webhook: str | None, run_id: str) -> list[Alert]:
    """Log new alerts, send them to the webhook if any, and remember them as sent."""
    alerts = new_alerts(con)
    if not alerts:
        return []
    for a in alerts:
        log.warning("quality alert: %s — %s (observed %s) %s", a.title, a.check, a.observed, a.url)
    if webhook:
        error = post_webhook(webhook, alert_payload(alerts, run_id))
        if error:
            log.warning("%s; alerts will be sent again next run", error)
            return alerts
    mark_sent(con, alerts)
    return alerts


@task(name="notify", cache_policy=NO_CACHE)
def notify_task(warehouse: Path, webhook: str | None, run_id: str) -> int:
    con = connect(warehouse)
    try:
        return len(announce(con, webhook or os.environ.get("FAZHI_ALERT_WEBHOOK"), run_id))
    finally:
        con.close()


