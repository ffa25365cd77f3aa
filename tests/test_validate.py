"""Validate stage: GX suites on hand-built extractions, cross-fact rules, near duplicates."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tasks.indicators import load_indicators
from tasks.paths import EXPECTATIONS_DIR, PROJECT_ROOT
from tasks.records import Extraction, Fact, QualityResult, ReportMeta
from tasks.validate.checks import validate
from tasks.validate.cross import CROSS_CHECKS, cross_fact_checks
from tasks.validate.data_docs import build_data_docs
from tasks.validate.duplicates import near_duplicates
from tasks.validate.frames import facts_frame
from tasks.validate.suites import load_suite, run_suite
from tests.conftest import CORPUS_DIR

# Report-like filler of our own wording, long enough to pass the body-length check.
FILLER_A = (
    "一、主要工作举措。本年度,镇党委、政府坚持把法治建设摆在全局工作的重要位置,"
    "主要负责人切实履行推进法治建设第一责任人职责,召开专题会议研究部署法治政府建设工作,"
    "将法治建设纳入年度绩效考核,压实各部门工作责任。严格落实重大行政决策程序规定,"
    "对涉及群众切身利益的事项坚持公众参与、专家论证、风险评估、合法性审查和集体讨论决定,"
    "确保决策科学民主依法。推行行政执法公示、执法全过程记录和重大执法决定法制审核制度,"
    "执法人员全部持证上岗,执法文书规范统一。深入开展普法宣传教育,利用农村大喇叭、"
    "微信公众号和文化广场开展以案释法,群众学法用法氛围日益浓厚。聘请常年法律顾问参与征地拆迁、"
    "招商引资和合同管理等重要事务,重大合同签订前均经过法律审核,有效防范法律风险。"
    "健全矛盾纠纷多元化解机制,村级调委会、驻村民警和法律顾问联动排查,"
    "把苗头性问题化解在萌芽状态,信访秩序总体平稳。\n"
    "二、存在的不足。部分村居干部运用法治思维解决问题的能力不强,基层执法力量相对薄弱,"
    "执法装备保障不足,普法宣传的针对性和实效性有待增强。\n"
    "三、下一步工作计划。继续加强执法队伍建设,完善执法协调机制,提升矛盾纠纷化解能力,"
    "推动法治乡村建设再上新台阶,为经济社会高质量发展提供坚实法治保障。"
    "同时,围绕民法典宣传、反电信网络诈骗和安全生产等主题,组织形式多样的普法活动,"
    "培育一批群众身边的法律明白人,让法治观念真正走进千家万户。\n"
)
FILLER_B = (
    "第一部分 工作开展情况。街道办事处把依法行政作为服务群众的基本遵循,健全领导小组议事规则,"
    "每季度听取一次法治工作汇报,及时解决队伍、经费和场地等实际困难。完善规范性文件制定流程,"
    "起草、征求意见、审核、发布各环节留痕管理,未经审核的文件一律不得印发。在社区设立法律服务驿站,"
    "由律师轮流坐班,为居民解答婚姻继承、劳动报酬、物业管理等方面的法律疑问,"
    "并为困难群众提供法律援助转介服务。围绕安全生产、生态环境和食品药品等领域开展联合检查,"
    "对发现的问题建立台账,限期整改销号。推进政务公开标准化,在门户网站集中公开权责清单、"
    "办事指南和执法结果,主动接受人大代表、政协委员和社会各界监督。认真办理人大代表建议和政协提案,"
    "答复率和满意率稳步提升。组织工作人员参加年度学法考试,把学法情况作为评先评优的重要参考,"
    "机关干部尊法学法守法用法的自觉性明显增强。\n"
    "第二部分 问题与原因。个别科室对合法性审查重视不够,送审材料不齐全;"
    "社区调解员专业水平参差不齐,疑难纠纷调处经验不足。\n"
    "第三部分 来年打算。加大业务培训力度,开展执法案卷评查,深化网格化治理,"
    "把法治要求贯穿街道治理各环节。进一步规范行政执法自由裁量权,"
    "对照新修订的法律法规及时调整执法事项清单,确保执法依据准确、程序合法、结果公正,"
    "以更高标准推动法治街道建设走深走实。\n"
)
THIS_YEAR = datetime.now(UTC).year


def fact(body: str, clause: str, subject: str, value: float, unit: str | None,
         kind: str = "count", qualifier: str | None = None, indicator: str | None = None) -> Fact:
    """A fact whose offsets span ``clause`` inside ``body`` (as the extractor records quotes)."""
    start = body.index(clause)
    return Fact(subject, value, unit, kind, qualifier, clause, start, start + len(clause),
                indicator=indicator)


def report(body: str, facts_spec: list[tuple], **meta) -> Extraction:
    defaults = dict(title="某镇人民政府2023年法治政府建设年度报告", town="某镇",
                    region_code="440000000", report_year=2023, published="2024-01-20")
    report_meta = ReportMeta(**{**defaults, **meta})
    return Extraction(report_meta, body, [fact(body, *spec) for spec in facts_spec])


def clean_extraction(filler: str = FILLER_A) -> Extraction:
    stats = ("全年综合行政执法立案126宗,结案118宗,结案率93.7%。"
             "开展法治讲座21场次,其中面向村居干部9场次、面向中小学生7场次。"
             "罚没款37.5万元。")
    body = filler + stats
    return report(body, [
        ("全年综合行政执法立案126宗", "综合行政执法立案", 126, "宗"),
        ("结案118宗", "结案", 118, "宗"),
        ("结案率93.7%", "结案率", 93.7, "%", "rate"),
        ("开展法治讲座21场次", "法治讲座", 21, "场次"),
        ("面向村居干部9场次", "面向村居干部", 9, "场次"),
        ("面向中小学生7场次", "面向中小学生", 7, "场次"),
        ("罚没款37.5万元", "罚没款", 375000, "元", "amount"),
    ])


def rows_for(results: list[QualityResult], check: str) -> list[QualityResult]:
    return [r for r in results if r.check == check]


def failed(results: list[QualityResult], check: str) -> list[QualityResult]:
    return [r for r in rows_for(results, check) if not r.passed]


def test_clean_report_has_no_failures_and_one_row_per_check():
    results = validate([("clean", clean_extraction())])
    assert [r for r in results if not r.passed] == []
    checks = {r.check for r in results}
    assert {"fact_rate_within_0_100", "report_year_plausible", "closed_le_filed",
            "parts_le_total", "rate_matches_counts", "near_duplicate"} <= checks
    assert len(results) == len(checks)  # all pass: exactly one row per check


def test_rate_above_100_is_an_error_naming_the_fact():
    body = FILLER_A + "行政机关负责人出庭应诉率达120%。"
    ex = report(body, [("出庭应诉率达120%", "行政机关负责人出庭应诉率", 120, "%", "rate")])
    [row] = failed(validate([("r1", ex)]), "fact_rate_within_0_100")
    assert (row.report_id, row.severity, row.suite) == ("r1", "error", "facts")
    assert "120%" in row.observed and "出庭应诉率" in row.observed


def test_count_must_be_whole_unless_qualified():
    body = FILLER_A + "发放宣传册2.5份,服务群众约1.5人次,罚款-3元。"
    ex = report(body, [
        ("发放宣传册2.5份", "宣传册", 2.5, "份"),
        ("服务群众约1.5人次", "服务群众", 1.5, "人次", "count", "约"),
        ("罚款-3元", "罚款", -3, "元", "amount"),
    ])
    results = validate([("r2", ex)])
    [count_row] = failed(results, "fact_count_non_negative_integer")
    assert "宣传册" in count_row.observed
    [money_row] = failed(results, "fact_amount_non_negative")
    assert "罚款" in money_row.observed and money_row.severity == "error"


def test_unknown_unit_is_a_warning():
    body = FILLER_A + "清运垃圾35车斗。"
    ex = report(body, [("清运垃圾35车斗", "清运垃圾", 35, "车斗")])
    [row] = failed(validate([("r3", ex)]), "fact_unit_known")
    assert row.severity == "warning" and "车斗" in row.observed


def test_changes_and_tallies_are_known_kinds_and_units():
    # 铁岭 (http://w.fazdyzx.org.cn/show-562324.html): a change of 90.08% is no rate above 100
    # waiting to fail; a vote tally counts in 票
    body = FILLER_A + "新收案件709件,同比上升90.08%,败诉率同比下降7.01个百分点。同意31票。"
    ex = report(body, [("新收案件709件", "案件", 709, "件"),
                       ("同比上升90.08%", "案件", 90.08, "%", "change"),
                       ("败诉率同比下降7.01个百分点", "败诉率", 7.01, "个百分点", "change"),
                       ("同意31票", "同意", 31, "票")])
    results = validate([("r4", ex)])
    assert failed(results, "fact_unit_known") == []
    assert failed(results, "fact_rate_within_0_100") == []


def test_value_outside_indicator_range_is_a_warning(tmp_path):
    csv_path = tmp_path / "indicators.csv"
    csv_path.write_text("id,name_zh,synonyms,kind,unit,min,max\n"
                        "legal_consultations,法律咨询,咨询|法律咨询服务,count,件,0,50000\n"
                        "open_max,公开文件,,count,份,1,\n", encoding="utf-8")
    ranges = {indicator.id: indicator for indicator in load_indicators(csv_path)}
    assert ranges["open_max"].max is None and ranges["open_max"].min == 1
    body = FILLER_A + "解答法律咨询90000件,解答群众咨询300件,公开文件0份。"
    ex = report(body, [
        ("解答法律咨询90000件", "法律咨询", 90000, "件", "count", None, "legal_consultations"),
        ("解答群众咨询300件", "群众咨询", 300, "件", "count", None, "legal_consultations"),
        ("公开文件0份", "公开文件", 0, "份", "count", None, "open_max"),
    ])
    results = run_suite("facts", facts_frame([("r4", ex)], ranges), ["r4"])
    bad = failed(results, "fact_value_plausible")
    assert sorted(r.observed.split(":")[0] for r in bad) == ["公开文件", "法律咨询"]
    assert all(r.severity == "warning" for r in bad)
    assert any("50000" in r.expected for r in bad)


def test_closed_more_than_filed_is_an_error():
    body = FILLER_A + "执法中队全年立案查处违法建设86宗,结案91宗。"
    ex = report(body, [("全年立案查处违法建设86宗", "立案查处违法建设", 86, "宗"),
                       ("结案91宗", "结案", 91, "宗")])
    [row] = failed(validate([("r5", ex)]), "closed_le_filed")
    assert row.severity == "error" and "91" in row.observed and "86" in row.observed
    ok = report(body.replace("结案91宗", "结案80宗"),
                [("全年立案查处违法建设86宗", "立案查处违法建设", 86, "宗"),
                 ("结案80宗", "结案", 80, "宗")])
    assert failed(cross_fact_checks("ok", ok.facts, ok.body), "closed_le_filed") == []


def test_court_appearances_exceeding_cases_is_an_error():
    body = FILLER_B + "本年度应诉行政案件9件,行政机关负责人出庭应诉11件。"
    facts = [fact(body, "本年度应诉行政案件9件", "应诉行政案件", 9, "件"),
             fact(body, "行政机关负责人出庭应诉11件", "负责人出庭应诉", 11, "件")]
    [row] = failed(cross_fact_checks("r6", facts, body), "court_appearance_le_cases")
    assert "11" in row.observed


def test_parts_after_qizhong_exceeding_total_is_an_error():
    text = "全年调处各类纠纷40宗,其中邻里纠纷25宗、婚姻家庭纠纷12宗、土地纠纷9宗。"
    body = FILLER_B + text
    facts = [fact(body, "全年调处各类纠纷40宗", "调处纠纷", 40, "宗"),
             fact(body, "邻里纠纷25宗", "邻里纠纷", 25, "宗"),
             fact(body, "婚姻家庭纠纷12宗", "婚姻家庭纠纷", 12, "宗"),
             fact(body, "土地纠纷9宗", "土地纠纷", 9, "宗")]
    [row] = failed(cross_fact_checks("r7", facts, body), "parts_le_total")
    assert "46" in row.observed and row.severity == "error"
    facts[3] = fact(body, "土地纠纷9宗", "土地纠纷", 3, "宗")  # 25 + 12 + 3 = 40
    assert failed(cross_fact_checks("r7", facts, body), "parts_le_total") == []


def test_parts_list_stops_at_a_new_total():
    body = FILLER_B + "共受理复议申请5件,其中撤回2件,全年共办理法律援助30件。"
    facts = [fact(body, "共受理复议申请5件", "复议申请", 5, "件"),
             fact(body, "撤回2件", "撤回", 2, "件"),
             fact(body, "全年共办理法律援助30件", "法律援助", 30, "件")]
    rows = rows_for(cross_fact_checks("r8", facts, body), "parts_le_total")
    assert [r.passed for r in rows] == [True] and rows[0].observed == "1 checked"


@pytest.mark.parametrize(("stated", "qualifier", "passes"), [
    (95.6, None, False), (79.6, None, True), (79.7, None, True), (85.0, "超过", False),
    (75.0, "超过", True), (80.0, "近", True),
])
def test_stated_rate_against_its_counts(stated, qualifier, passes):
    rate_text = f"办结率{'近' if qualifier == '近' else ''}{stated:g}%"
    body = FILLER_A + f"全年受理信访事项192件,已办结153件,{rate_text}。"
    facts = [fact(body, "全年受理信访事项192件", "受理信访事项", 192, "件"),
             fact(body, "已办结153件", "办结", 153, "件"),
             fact(body, rate_text, "办结率", stated, "%", "rate", qualifier)]
    rows = rows_for(cross_fact_checks("r9", facts, body), "rate_matches_counts")
    assert all(r.passed for r in rows) is passes
    if not passes:
        assert "79.7%" in rows[0].observed and rows[0].severity == "error"


PLACEHOLDER_BODIES = ["", "本栏目正在建设中,敬请期待。", "您访问的页面不存在或已被删除"]


@pytest.mark.parametrize("body", PLACEHOLDER_BODIES)
def test_empty_or_placeholder_body_is_an_error(body):
    ex = Extraction(ReportMeta(title="法治政府建设年度报告", report_year=2023), body, [])
    results = validate([("p", ex)])
    [row] = failed(results, "report_body_is_report")
    assert row.severity == "error"
    [no_facts] = failed(results, "report_has_facts")
    assert no_facts.severity == "warning"


def test_long_report_mentioning_construction_is_not_a_placeholder():
    ex = clean_extraction(FILLER_A + "智慧法庭正在建设中。")
    assert failed(validate([("c", ex)]), "report_body_is_report") == []


@pytest.mark.parametrize(("year", "published"), [
    (1999, None), (THIS_YEAR + 1, None), (2024, "2023-06-01"), (None, "2024-01-02"),
])
def test_impossible_report_year_is_an_error(year, published):
    ex = clean_extraction()
    ex.report.report_year, ex.report.published = year, published
    [row] = failed(validate([("y", ex)]), "report_year_plausible")
    assert row.severity == "error"
    assert (str(year) if year else "report_year —") in row.observed


def test_missing_title_and_region_and_leftover_chrome():
    ex = clean_extraction(FILLER_A + "版权所有:某镇人民政府 粤ICP备12345678号\n")
    ex.report.title, ex.report.region_code = "  ", None
    results = validate([("m", ex)])
    assert failed(results, "report_title_present")[0].severity == "error"
    assert failed(results, "report_region_resolved")[0].severity == "warning"
    [chrome] = failed(results, "report_body_no_chrome")
    assert "版权所有" in chrome.observed and "ICP备" in chrome.observed


def test_page_title_naming_another_year_is_a_warning():
    ex = clean_extraction()
    ex.year_conflict = "page title says 2023"
    [row] = failed(validate([("y", ex)]), "report_year_agrees")
    assert row.severity == "warning" and "page title says 2023" in row.observed


def test_near_duplicate_pair_is_a_warning():
    first = clean_extraction()
    second = clean_extraction()
    second.body = second.body.replace("镇党委、政府", "镇政府")  # republished with a small edit
    other = clean_extraction(FILLER_B)
    rows = {r.report_id: r for r in near_duplicates([("a", first), ("b", second),
                                                        ("c", other)])}
    assert not rows["a"].passed and not rows["b"].passed and rows["c"].passed
    assert rows["a"].severity == "warning" and "b" in rows["a"].observed


def test_near_duplicates_found_among_many_distinct_bodies():
    """The sketch filter skips dissimilar pairs only: a copy hidden in a batch of distinct
    real reports is found, and every distinct report passes."""
    bodies = [path.read_text(encoding="utf-8") for path in sorted(CORPUS_DIR.glob("*.txt"))]
    items = [(f"r{n}", Extraction(ReportMeta(), body, [])) for n, body in enumerate(bodies)]
    copy = bodies[2].replace("。", "；", 3)  # republished with small edits
    items.append(("copy", Extraction(ReportMeta(), copy, [])))
    rows = {r.report_id: r for r in near_duplicates(items)}
    assert {rid for rid, row in rows.items() if not row.passed} == {"r2", "copy"}
    assert "copy" in rows["r2"].observed


def test_minhash_estimate_tracks_exact_jaccard():
    from tasks.validate.duplicates import jaccard, minhash, shingle_hashes

    body = next(CORPUS_DIR.glob("001_*.txt")).read_text(encoding="utf-8")
    a = shingle_hashes(body)
    assert len(a) > 1000 and jaccard(a, a) == 1.0
    for cut in (0.05, 0.2, 0.5):
        b = shingle_hashes(body[: int(len(body) * (1 - cut))] + FILLER_B)
        exact = jaccard(a, b)
        estimate = float((minhash(a) == minhash(b)).mean())
        assert abs(estimate - exact) < 0.2, (cut, exact, estimate)


def test_empty_bodies_are_not_near_duplicates():
    empty = Extraction(ReportMeta(), "", [])
    assert all(r.passed for r in near_duplicates([("a", empty), ("b", empty)]))


def test_cross_fact_rows_without_body_pass_as_not_applicable():
    ex = clean_extraction()
    rows = cross_fact_checks("n", ex.facts, None)
    assert [r.check for r in rows] == list(CROSS_CHECKS) and all(r.passed for r in rows)


@pytest.mark.parametrize("name", ["facts", "reports"])
def test_suite_files_round_trip_through_gx(name):
    on_disk = json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    suite = load_suite(name)
    assert suite.name == name == on_disk["meta"]["table"]
    assert isinstance(on_disk["meta"]["version"], int)
    loaded = suite.to_json_dict()["expectations"]
    assert len(loaded) == len(on_disk["expectations"])
    for mine, gx_view in zip(on_disk["expectations"], loaded, strict=True):
        assert (gx_view["type"], gx_view["kwargs"], gx_view["meta"]) == (
            mine["type"], mine["kwargs"], mine["meta"])
        assert mine["meta"]["severity"] in ("error", "warning")
        assert gx_view["severity"] == {"error": "critical", "warning": "warning"}[
            mine["meta"]["severity"]]
    checks = {e["meta"]["check"] for e in on_disk["expectations"]}
    expected = ({"fact_value_fits_a_float", "fact_rate_within_0_100",
                 "fact_count_non_negative_integer",
                 "fact_amount_non_negative", "fact_unit_known", "fact_value_plausible"}
                if name == "facts" else
                {"report_year_plausible", "report_body_is_report", "report_title_present",
                 "report_region_resolved", "report_has_facts", "report_body_no_chrome",
                 "report_year_agrees"})
    assert checks == expected


def test_data_docs_are_one_offline_page_naming_report_and_fact(tmp_path):
    ex = clean_extraction()
    ex = replace(ex, facts=[replace(ex.facts[0], value=120.0, unit="%", kind="rate",
                                    subject="出庭应诉率")] + list(ex.facts[1:]))
    validate([("docs", ex)])
    index = build_data_docs(tmp_path / "data_docs")
    page = index.read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "data_docs").iterdir()] == ["index.html"]
    assert re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I) == []
    assert "@import" not in page and "url(" not in page
    assert "fact_rate_within_0_100" in page and "failed" in page
    assert f"{html.escape(ex.report.title)} <code>docs</code> — fact 0: 出庭应诉率 120%" in page
    assert "row_id" not in page and "None" not in page


def test_data_docs_show_results_validated_in_another_process(tmp_path):
    """Batches are validated in worker processes; the flow builds Data Docs from the results
    they carry back."""
    script = ("import json\nfrom tests.test_validate import clean_extraction\n"
              "from tasks.validate.checks import validate\n"
              "from tasks.validate.suites import latest_results\n"
              "validate([('worker', clean_extraction())])\n"
              "print(json.dumps(latest_results()))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=PROJECT_ROOT, check=True).stdout
    results = json.loads(out.strip().splitlines()[-1])
    assert set(results) == {"reports", "facts"}
    page = build_data_docs(tmp_path / "data_docs", results).read_text(encoding="utf-8")
    assert "Suite <code>facts</code>" in page and "Suite <code>reports</code>" in page
    run_times = {json.loads(text)["meta"]["run_id"]["run_time"] for _, text in results.values()}
    assert all(t in page for t in run_times)  # the worker's runs are what the page shows


def test_a_run_prints_nothing_even_with_warnings_as_errors():
    script = (
        "from tasks.records import Extraction, Fact, ReportMeta\n"
        "from tasks.validate.checks import validate\n"
        "facts = [Fact('出庭应诉率', 120.0, '%', 'rate', None, '出庭应诉率120%', 700, 710,\n"
        "              indicator='head_court_appearance_rate'),\n"
        "         Fact('法律咨询', 2.5, '件', 'count', None, '法律咨询2.5件', 720, 730)]\n"
        "ex = Extraction(ReportMeta(title='t', report_year=2023), 'x' * 800, facts)\n"
        "rows = validate([('q', ex), ('r', ex)])\n"
        "assert sum(not r.passed for r in rows) >= 4\n"
    )
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


def test_court_cases_split_by_instance_use_the_largest_nearby_total():
    # One total per instance (一审/二审/再审): appearances are compared with the largest.
    body = FILLER_B + ("本年度行政诉讼一审案件20件、二审案件6件、再审案件1件,"
                       "负责人出庭应诉15件,出庭应诉率75%。")
    litigation, appearances = "admin_litigation_cases", "head_court_appearances"
    facts = [fact(body, "一审案件20件", "一审案件", 20, "件", "count", None, litigation),
             fact(body, "二审案件6件", "二审案件", 6, "件", "count", None, litigation),
             fact(body, "再审案件1件", "再审案件", 1, "件", "count", None, litigation),
             fact(body, "负责人出庭应诉15件", "负责人出庭应诉", 15, "件", "count", None,
                  appearances),
             fact(body, "出庭应诉率75%", "出庭应诉率", 75, "%", "rate", None,
                  "head_court_appearance_rate")]
    rows = cross_fact_checks("c1", facts, body)
    assert [r for r in rows if not r.passed] == []
    assert {r.check: r.observed for r in rows}["rate_matches_counts"] == "1 checked"
    facts[3] = fact(body, "负责人出庭应诉15件", "负责人出庭应诉", 25, "件", "count", None,
                    appearances)
    assert failed(cross_fact_checks("c1", facts, body), "court_appearance_le_cases")
