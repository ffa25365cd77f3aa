"""Alerts are announced once: a webhook gets each new problem, a re-run sends nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.load.batch import load_processed
from tasks.load.schema import connect
from tasks.notify.alerts import NotifySettings, announce
from tasks.records import QualityResult
from tests.test_load import _fact, _report
from tests.webhook_receiver import WebhookReceiver


@pytest.fixture
def receiver():
    r = WebhookReceiver()
    yield r
    r.close()


def _load(con, body: str) -> str:
    item = _report("http://portal/bad.html", body, [_fact(120, "%", "rate")])
    quality = [
        QualityResult(item.report_id, "fact_rate_within_0_100", False, "出庭应诉率 120%",
                      "0–100", "error"),
        QualityResult(item.report_id, "report_has_region", False, None, "region", "warning"),
        QualityResult(item.report_id, "title_present", True, None, None, "error"),
    ]
    load_processed(con, [item], quality)
    return item.report_id


def test_each_new_problem_is_sent_once(tmp_path: Path, receiver: WebhookReceiver) -> None:
    con = connect(tmp_path / "w.duckdb")
    _load(con, "出庭应诉率达到120%。")
    sent = announce(con, NotifySettings(receiver.url), "run1")
    assert [a.check for a in sent] == ["fact_rate_within_0_100"]  # warnings are not pushed
    assert len(receiver.messages) == 1
    message = receiver.messages[0]
    assert message["url"] == "http://portal/bad.html"
    assert message["title"] == "某镇2024年法治政府建设年度报告"
    assert (message["check"], message["observed"]) == ("fact_rate_within_0_100", "出庭应诉率 120%")

    _load(con, "出庭应诉率达到120%。")  # the nightly re-run finds the same problem
    assert announce(con, NotifySettings(receiver.url), "run2") == []
    assert len(receiver.messages) == 1

    _load(con, "出庭应诉率达到120%。修订版。")  # the page changed: tell again
    assert len(announce(con, NotifySettings(receiver.url), "run3")) == 1
    assert len(receiver.messages) == 2


def test_an_unreachable_webhook_keeps_alerts_for_the_next_run(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    _load(con, "出庭应诉率达到120%。")
    dead = WebhookReceiver(status=503)
    try:
        assert len(announce(con, NotifySettings(dead.url), "run1")) == 1
        assert con.execute("SELECT count(*) FROM alerts_sent").fetchone()[0] == 0
    finally:
        dead.close()
    live = WebhookReceiver()
    try:
        assert len(announce(con, NotifySettings(live.url), "run2")) == 1
        assert len(live.messages) == 1
    finally:
        live.close()
