"""A small warehouse for the analyst's views and page, built through the real load stage.

Three reports: 三乡镇 (广东) for 2023 and 2024, 西湖街道 (浙江) for 2024; one failed quality check;
three sources, one of which never published. Tests derive expected answers from REPORTS.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tasks.load.batch import ProcessedReport, load_processed, record_run
from tasks.load.schema import connect
from tasks.records import (
    Extraction,
    Fact,
    FetchedDocument,
    NormalizedPage,
    QualityResult,
    ReportMeta,
    Section,
)

SANXIANG = {"province": "广东省", "city": "中山市", "county": None, "town": "三乡镇",
            "region_code": "442000115", "level": "town"}
XIHU = {"province": "浙江省", "city": "杭州市", "county": "西湖区", "town": "西湖街道",
        "region_code": "330106001", "level": "street"}

# (indicator, value, unit, kind, section) per report; plans facts are next year's targets.
REPORTS = [
    {"url": "http://gd.example/sanxiang/2023.html", "source_id": "gd_sanxiang", "year": 2023,
     "region": SANXIANG, "keywords": [("调解", 0.6), ("普法", 0.4)],
     "facts": [("head_court_appearance_rate", 92.5, "%", "rate", "achievements"),
               ("disputes_mediated", 100, "宗", "count", "achievements"),
               ("legal_consultations", 641, "宗", "count", "achievements")]},
    {"url": "http://gd.example/sanxiang/2024.html", "source_id": "gd_sanxiang", "year": 2024,
     "region": SANXIANG, "keywords": [("民法典", 0.7), ("调解", 0.5)],
     "facts": [("head_court_appearance_rate", 80.0, "%", "rate", "achievements"),
               ("disputes_mediated", 120, "宗", "count", "achievements"),
               ("disputes_mediated", 30, "宗", "count", "achievements"),
               ("legal_consultations", 500, "宗", "count", "problems"),
               ("legal_consultations", 900, "宗", "count", "plans")]},
    {"url": "http://zj.example/xihu/2024.html", "source_id": "zj_xihu", "year": 2024,
     "region": XIHU, "keywords": [("行政执法", 0.8)],
     "facts": [("head_court_appearance_rate", 100.0, "%", "rate", "achievements"),
               ("enforcement_cases_filed", 10, "件", "count", "achievements"),
               ("cases_closed", 12, "件", "count", "achievements"),
               ("fines_amount", 2413700, "元", "amount", "achievements")]},
]
SOURCES = [
    {"source_id": "gd_sanxiang", "name": "三乡镇人民政府", "url": "http://gd.example/sanxiang/",
     "kind": "list", "region_hint": "广东省中山市三乡镇"},
    {"source_id": "zj_xihu", "name": "西湖街道办事处", "url": "http://zj.example/xihu/",
     "kind": "list", "region_hint": "浙江省杭州市西湖区西湖街道"},
    {"source_id": "zj_silent", "name": "某镇人民政府", "url": "http://zj.example/silent/",
     "kind": "list", "region_hint": "浙江省杭州市西湖区"},
]
ALERT_TITLE = "西湖街道2024年法治政府建设年度报告"
ALERT_CHECK = "closed_le_filed"


def _processed(spec: dict) -> ProcessedReport:
    region = spec["region"]
    title = f"{region['town']}{spec['year']}年法治政府建设年度报告"
    body = "一、主要成效\n……\n二、存在问题\n……\n三、下一步工作计划\n……"
    facts = [Fact(subject=indicator, value=float(value), unit=unit, kind=kind, qualifier=None,
                  quote=f"{indicator}{value}{unit}", start=0, end=1, indicator=indicator,
                  section=section)
             for indicator, value, unit, kind, section in spec["facts"]]
    sections = [Section(1, "一、主要成效", 0, 8, "achievements"),
                Section(1, "二、存在问题", 9, 17, "problems"),
                Section(1, "三、下一步工作计划", 18, len(body), "plans")]
    doc = FetchedDocument(url=spec["url"], kind="html", text="<html/>",
                          source_id=spec["source_id"], raw_sha256="sha-" + spec["url"])
    page = NormalizedPage(title=title, body=body, original_body=body, script="simplified")
    meta = ReportMeta(title=title, report_year=spec["year"],
                      published=f"{spec['year'] + 1}-02-15", **region)
    return ProcessedReport(doc, page, Extraction(report=meta, body=body, facts=facts,
                                                 sections=sections,
                                                 keywords=spec["keywords"]))


def report_id_of_spec(spec: dict) -> str:
    """The report id the load stage gives a spec (tasks/identity.py: region, year, kind)."""
    return _processed(spec).report_id


def build_analyst_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Load REPORTS and SOURCES into a new warehouse at ``path`` and return the connection."""
    con = connect(path)
    xihu_id = report_id_of_spec(REPORTS[2])
    quality = [QualityResult(xihu_id, ALERT_CHECK, False, "结案12 > 立案10", "结案 ≤ 立案",
                             "error", "cross_fact"),
               QualityResult(xihu_id, "report_year_plausible", True, "2024", "2000–now",
                             "error", "reports")]
    load_processed(con, [_processed(spec) for spec in REPORTS], quality)
    record_run(con, {"run_id": "run-1", "sources": len(SOURCES), "reports": len(REPORTS)},
               SOURCES)
    return con
