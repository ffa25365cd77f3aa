"""Report identity (tasks/identity.py) and what a body is for its report (load/identity.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.identity import (
    canonical_url,
    natural_key,
    report_id,
    report_id_of,
    similarity,
    url_report_id,
)
from tasks.load.identity import CONFLICT, REVISION, Shown, decide
from tasks.records import ReportMeta

CORPUS = Path(__file__).parent / "gold" / "corpus"
LONGGUI = ReportMeta(title="龙归镇2023年法治政府建设年度报告", issuer="韶关市武江区龙归镇人民政府",
                     town="龙归镇", region_code="440203102", level="town", report_year=2023)
# the places one report is seen at on real portals (issue #13)
SAME_REPORT_URLS = [
    "http://www.wj.gov.cn/zwgk/fzzfjs/content/post_4301775.html",
    "https://www.wj.gov.cn/zwgk/fzzfjs/content/post_4301775.html",  # other scheme
    "http://wj.gov.cn/zwgk/fzzfjs/content/post_4301775.html",  # without www.
    "http://www.wj.gov.cn/xxgk/fzzf/content/post_4301775.html",  # the column moved
    "http://mirror.sg.gov.cn/wj/zwgk/post_4301775.html",  # a mirror host
    "http://www.wj.gov.cn/attachment/0/430/4301775/post_4301775.pdf",  # its PDF attachment
    "http://www.wj.gov.cn/zwgk/fzzfjs/content/post_5000001.html",  # taken down, re-posted
]


def test_one_report_under_every_url_it_is_seen_at_has_one_id():
    assert len({report_id_of(LONGGUI, url) for url in SAME_REPORT_URLS}) == 1


def test_another_year_region_or_kind_is_another_report():
    base = report_id_of(LONGGUI, SAME_REPORT_URLS[0])
    other_year = ReportMeta(**{**LONGGUI.to_dict(), "report_year": 2024})
    other_town = ReportMeta(**{**LONGGUI.to_dict(), "region_code": "440203101", "town": "西河镇"})
    half_year = ReportMeta(**{**LONGGUI.to_dict(),
                              "title": "龙归镇2023年上半年法治政府建设工作情况报告"})
    ids = {report_id_of(meta, SAME_REPORT_URLS[0])
           for meta in (other_year, other_town, half_year)}
    assert base not in ids and len(ids) == 3


def test_a_department_is_keyed_by_its_issuer_beside_its_county():
    county = natural_key("440203", "韶关市武江区人民政府", "county", 2023, None)
    justice = natural_key("440203", "韶关市武江区司法局", "department", 2023, None)
    assert county == "region:440203|2023|annual"
    assert justice == "region:440203|2023|annual|issuer:韶关市武江区司法局"


def test_without_region_the_normalized_issuer_is_the_key():
    # traditional script and a blank inside the name are one issuer (tasks/text line key)
    first = natural_key(None, "龍歸鎮 人民政府", "town", 2023, None)
    assert first == natural_key(None, "龙归镇人民政府", "town", 2023, None)
    assert first == "issuer:龙归镇人民政府|2023|annual"


def test_without_year_or_without_region_and_issuer_the_url_decides():
    assert natural_key("440203102", "龙归镇人民政府", "town", None, None) is None
    assert natural_key(None, None, None, 2023, None) is None
    # the fallback ignores scheme, www. and a default port, not the path
    assert (report_id(None, "https://www.a.gov.cn:443/x/1.html")
            == report_id(None, "http://a.gov.cn/x/1.html") == url_report_id("http://A.gov.cn/x/1.html"))
    assert report_id(None, "http://a.gov.cn/x/1.html") != report_id(None, "http://a.gov.cn/x/2.html")
    assert canonical_url("http://www.A.gov.cn:8080/x?id=1#top") == "a.gov.cn:8080/x?id=1"


def _body(name: str) -> str:
    return next(CORPUS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_a_reworded_body_is_a_revision_another_report_a_conflict():
    body = _body("001")
    revised = body.replace("2024年", "2024年度", 3) + "\n(本文于2025年2月更正)"
    shown = Shown("r", "http://a/1.html", "sha-1", body, "2025-01-27")
    revision = decide(shown, {"sha-1"}, Shown("r", "http://b/1.html", "sha-2", revised,
                                                "2025-01-27"))
    assert revision.relation == REVISION and revision.shown and revision.similarity > 0.9
    other = _body("002")
    assert similarity(body, other) < 0.2
    conflict = decide(shown, {"sha-1"}, Shown("r", "http://b/2.html", "sha-3", other,
                                                "2021-03-01"))
    assert conflict.relation == CONFLICT and not conflict.shown
    assert "not published later" in conflict.because
    later = decide(shown, {"sha-1"}, Shown("r", "http://b/2.html", "sha-3", other, "2025-06-01"))
    assert later.relation == CONFLICT and later.shown and "latest published" in later.because


@pytest.mark.parametrize("relation,shown", [("same", True), ("seen", False)])
def test_a_known_body_is_not_a_new_version(relation, shown):
    current = Shown("r", "http://a/1.html", "sha-2", "新", "2025-01-27")
    incoming_sha = "sha-2" if relation == "same" else "sha-1"
    decision = decide(current, {"sha-1", "sha-2"},
                      Shown("r", "http://m/1.html", incoming_sha, "旧", "2025-01-27"))
    assert (decision.relation, decision.shown) == (relation, shown)


def test_a_changed_page_at_the_shown_url_is_a_revision_however_much_changed():
    current = Shown("r", "http://a/1.html", "sha-1", "调解纠纷12宗。", None)
    decision = decide(current, {"sha-1"}, Shown("r", "http://a/1.html", "sha-2", "调解纠纷13宗。",
                                                  None))
    assert decision.relation == REVISION and decision.shown
