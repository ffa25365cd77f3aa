"""Issue #6 end to end: malformed reports served on loopback are harvested by the real flow;
each gets its alert in SQL and one webhook message per problem, the clean one none, and a
re-run sends nothing new."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import duckdb
import pytest
from webhook_receiver import WebhookReceiver

from fazhi.portal import serve_portal, stop
from flows.harvest import harvest
from tests.conftest import CORPUS_DIR

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某县人民政府网</title>
</head><body><div class="nav">首页 | 政务公开 | 政务服务</div>
<div class="crumb">您当前的位置:首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="article"><h1>{title}</h1><div class="info">发布日期:2024-02-20 来源:{town}人民政府</div>
<div class="content">{paragraphs}</div></div>
<div class="footer">版权所有:某县人民政府 ICP备案号:粤ICP备12345678号 网站标识码:4400000000</div>
</body></html>"""

# The one sentence that makes each report malformed, and the check that must catch it.
MALFORMED = {
    "rate_over_100": ("行政机关负责人出庭应诉率达到120%。", "fact_rate_within_0_100"),
    "closed_over_filed": ("全年综合行政执法立案35宗,结案41宗。", "closed_le_filed"),
    "parts_over_total": ("全年受理行政复议案件10件,其中维持8件、撤销5件。", "parts_le_total"),
    "rate_contradicts_counts": ("全年共接收群众来访来电来信192宗,已办结153宗,结案率为95.6%。",
                                "rate_matches_counts"),
    "impossible_year": (None, "report_year_plausible"),
}
CLEAN_FACTS = "全年接待群众法律咨询641宗,调解纠纷453宗,调解成功率98.5%。"


def _filler_sentences() -> list[str]:
    """Sentences of the real corpus that state no number: report-like prose to pad with."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("00[123]*")))
    sentences = re.findall(r"[^。\n]{25,120}。", text)
    return [s.strip() for s in sentences if not re.search(r"[0-9一二三四五六七八九十两]", s)]


def _page(town: str, year: int, key: str, fact_sentence: str, filler: list[str]) -> str:
    chosen = filler[key_index(key)::4][:24]
    paragraphs = [f"{year}年,{town}深入学习贯彻习近平法治思想,扎实推进法治政府建设。",
                  *chosen[:12], fact_sentence, *chosen[12:]]
    return PAGE.format(title=f"{town}{year}年法治政府建设年度报告", town=town,
                       paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))


def key_index(key: str) -> int:
    return sorted([*MALFORMED, "clean"]).index(key)


@pytest.fixture(scope="module")
def quality_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("quality_portal")
    filler = _filler_sentences()
    towns = {"clean": "石龙镇", "rate_over_100": "石碣镇", "closed_over_filed": "茶山镇",
             "parts_over_total": "横沥镇", "rate_contradicts_counts": "常平镇",
             "impossible_year": "清溪镇"}
    for key, town in towns.items():
        sentence, _ = MALFORMED.get(key, (CLEAN_FACTS, None))
        year = 2031 if key == "impossible_year" else 2023
        html = _page(f"东莞市{town}", year, key, sentence or CLEAN_FACTS, filler)
        (root / f"{key}.html").write_text(html, encoding="utf-8")
    (root / "empty_page.html").write_text(
        PAGE.format(title="东莞市虎门镇2023年法治政府建设年度报告", town="虎门镇",
                    paragraphs="<p>该页面正在建设中,敬请期待。</p>"), encoding="utf-8")
    (root / "index.html").write_text("<html><body>index</body></html>", encoding="utf-8")
    server, base_url = serve_portal(root)
    sources = root / "sources.csv"
    with sources.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["source_id", "name", "url", "kind", "region_hint"])
        for page in sorted(root.glob("*.html")):
            if page.name != "index.html":
                writer.writerow([page.stem, page.stem, f"{{portal}}/{page.name}", "report",
                                 "广东省东莞市"])
    yield root, sources, base_url
    stop(server)


@pytest.fixture(scope="module")
def gated(quality_site, tmp_path_factory):
    _, sources, base_url = quality_site
    warehouse = tmp_path_factory.mktemp("qwh") / "w.duckdb"
    receiver = WebhookReceiver()
    # the webhook reaches a flow through the environment only (never a flow parameter)
    os.environ["FAZHI_ALERT_WEBHOOK"] = receiver.url
    try:
        first = harvest(str(sources), str(warehouse), base_url)
        after_first = list(receiver.messages)
        second = harvest(str(sources), str(warehouse), base_url)
        after_second = list(receiver.messages)
    finally:
        del os.environ["FAZHI_ALERT_WEBHOOK"]
        receiver.close()
    return warehouse, first, second, after_first, after_second


def _errors_by_source(warehouse: Path) -> dict[str, set[str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("""
            SELECT r.source_id, a.check_name FROM v_quality_alerts AS a
            JOIN reports AS r USING (report_id) WHERE a.severity = 'error'""").fetchall()
    finally:
        con.close()
    errors: dict[str, set[str]] = {}
    for source_id, check in rows:
        errors.setdefault(source_id, set()).add(check)
    return errors


def test_each_malformed_report_gets_its_alert_and_the_clean_one_none(gated) -> None:
    warehouse = gated[0]
    errors = _errors_by_source(warehouse)
    for key, (_, check) in MALFORMED.items():
        assert check in errors.get(key, set()), (key, errors.get(key))
    assert "clean" not in errors


def test_a_page_that_is_no_report_is_a_problem_not_a_report(gated) -> None:
    con = duckdb.connect(str(gated[0]), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM reports WHERE url LIKE '%empty_page%'"
                           ).fetchone()[0] == 0
        problems = con.execute("SELECT stage, problem FROM v_problems WHERE url LIKE "
                               "'%empty_page%'").fetchall()
    finally:
        con.close()
    assert problems and problems[0][0] == "strip"


def test_webhook_gets_one_message_per_new_problem_and_nothing_on_the_rerun(gated) -> None:
    warehouse, first, second, after_first, after_second = gated
    errors = _errors_by_source(warehouse)
    expected = sum(len(checks) for checks in errors.values()) + 1  # + the empty page
    assert len(after_first) == expected == first.new_alerts
    pairs = {(m["url"].rsplit("/", 1)[-1], m["check"]) for m in after_first}
    assert len(pairs) == len(after_first)  # one message per problem, none repeated
    assert ("rate_over_100.html", "fact_rate_within_0_100") in pairs
    rate = next(m for m in after_first if m["check"] == "fact_rate_within_0_100")
    assert "120" in rate["observed"] and rate["title"].endswith("法治政府建设年度报告")
    assert after_second == after_first and second.new_alerts == 0
