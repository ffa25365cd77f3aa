"""`fazhi extract` prints the contract JSON for .txt/.html/.docx/.pdf, and on the five gold
reports its facts and metadata meet issue #3's thresholds (scored from the CLI's own JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fault_portal import text_pdf
from gold_scorer import load_gold, score_doc, totals

from fazhi.cli import main
from fazhi.portal import SITE_DIR
from tasks.records import Fact
from tests.conftest import CORPUS_DIR, GOLD_DIR

REPORT_FIELDS = {"title", "issuer", "province", "city", "county", "town", "region_code",
                 "report_year", "published", "script"}
FACT_FIELDS = {"subject", "value", "unit", "kind", "qualifier", "quote", "indicator", "start",
               "end"}


def _extract(path: Path, capsys) -> dict:
    assert main(["extract", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def _gold_reports() -> dict[str, dict]:
    lines = (GOLD_DIR / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["doc"]: row for row in map(json.loads, filter(None, lines))}


def test_gold_reports_through_the_cli(capsys) -> None:
    golds, gold_facts, scores = _gold_reports(), load_gold(), []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        out = _extract(path, capsys)
        assert REPORT_FIELDS <= set(out["report"])
        assert all(FACT_FIELDS <= set(f) for f in out["facts"])
        for field in REPORT_FIELDS:
            assert out["report"][field] == golds[path.name][field], (path.name, field)
        body = out["body"]
        assert all(body[f["start"]:f["end"]] and f["quote"] in body for f in out["facts"])
        facts = [Fact(**{k: f[k] for k in FACT_FIELDS | {"section", "value_max"}})
                 for f in out["facts"]]
        scores.append(score_doc(path.name, facts, gold_facts[path.name]))
    total = totals(scores)
    assert total.precision >= 0.97 and total.recall >= 0.97, (total.precision, total.recall)


def test_html_page_and_docx_attachment(capsys) -> None:
    pages = (SITE_DIR / "zwgk" / "fzzfjs" / "content").glob("*.html")
    page = next(p for p in pages if "三乡镇".encode() in p.read_bytes())
    out = _extract(page, capsys)
    assert out["report"]["published"] == "2025-01-27" and out["report"]["town"] == "三乡镇"
    assert "无障碍" not in out["body"] and "版权所有" not in out["body"]

    docx = next(SITE_DIR.rglob("*.docx"))
    out = _extract(docx, capsys)
    assert out["report"]["town"] == "西河镇" and out["report"]["report_year"] == 2021
    assert any(f["value"] == 3000 and f["qualifier"] == "余" for f in out["facts"])


def test_pdf(tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(text_pdf([
        "某县某镇2023年法治政府建设年度报告",
        "2023年,我镇坚持以习近平法治思想为指导,深入推进依法行政,现将有关情况报告如下:",
        "一、主要工作和成效",
        "全年接待群众法律咨询 120 余人次,调解纠纷 35 宗,开展法治宣传活动 12 场次,",
        "切实增强了群众依法维权的意识,法治政府建设取得新成效。",
    ]))
    out = _extract(pdf, capsys)
    values = {(f["value"], f["unit"]) for f in out["facts"]}
    assert {(120, "人次"), (35, "宗")} <= values


@pytest.mark.parametrize("target, message", [
    ("/nonexistent/report.html", "no such file"),
    (str(CORPUS_DIR.parent / "SCHEMA.md"), "unsupported_attachment"),
])
def test_bad_input_is_one_line(target: str, message: str, capsys) -> None:
    assert main(["extract", target]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
