"""resolve_region against the national code tables, on phrasings written for these tests."""

from __future__ import annotations

import time

from tasks.extract.regions import region_index, resolve_region, under_named_superior

# A body of a county department's report: it lists several of the county's townships.
COUNTY_BODY = (
    "2023年,花都区司法局坚持以习近平法治思想为指导,全区法治政府建设取得新成效。"
    "在炭步镇、狮岭镇、花东镇、赤坭镇开展“法律明白人”培训,在新华街道设立公共法律服务站。"
    "全区共办理行政复议案件35宗。"
)


def test_repeated_township_is_told_apart_by_the_county_printed_before_it() -> None:
    shaoguan = resolve_region(["武江区西河镇2021年法治政府建设年度报告"])
    tongliang = resolve_region(["铜梁区西河镇2021年法治政府建设年度报告"])
    assert shaoguan["region_code"] == "440203101"
    assert (shaoguan["province"], shaoguan["city"], shaoguan["county"]) == (
        "广东省", "韶关市", "武江区")
    assert tongliang["region_code"] == "500151122"


def test_repeated_township_is_told_apart_by_places_named_elsewhere() -> None:
    title = "三乡镇2024年法治政府建设年度报告"
    by_source = resolve_region([title, "中山市三乡镇人民政府"])
    by_body = resolve_region([title, "2024年,全镇认真落实中山市委全面依法治市工作要点。"])
    assert by_source["region_code"] == by_body["region_code"] == "442000114"


def test_two_character_county_counts_inside_a_chain_of_places() -> None:
    # 唐县 alone is too short to trust in free text; between 保定市 and 齐家佐镇 it is a county.
    result = resolve_region(["保定市唐县齐家佐镇人民政府2023年法治政府建设年度报告"])
    assert (result["county"], result["town"]) == ("唐县", "齐家佐镇")
    assert result["region_code"].startswith("130627")


def test_district_named_like_a_township_elsewhere_qualifies_the_township() -> None:
    # 滨海新区 is Tianjin's district and also a township-level row in Zhejiang.
    result = resolve_region(["滨海新区胡家园街道2023年法治政府建设工作报告"])
    assert (result["city"], result["town"], result["level"]) == ("天津市", "胡家园街道", "street")


def test_ambiguous_township_keeps_its_name_but_gets_no_code() -> None:
    result = resolve_region(["西河镇2021年法治政府建设年度报告"])
    assert result["region_code"] is None
    assert result["town"] == "西河镇" and result["province"] is None


def test_ambiguous_township_still_returns_the_province_every_candidate_shares() -> None:
    # Guangdong has two 西河镇 (韶关市武江区, 梅州市大埔县): the province is certain, the town not.
    result = resolve_region(["西河镇2021年法治政府建设年度报告"], hint="广东省")
    assert result["province"] == "广东省"
    assert result["region_code"] is None and result["city"] is None


def test_hint_code_prefix_disambiguates() -> None:
    assert resolve_region(["西河镇2021年法治政府建设年度报告"], hint="441422")[
        "region_code"] == "441422118"
    assert resolve_region(["三乡镇2024年法治政府建设年度报告"], hint="442000000000")[
        "region_code"] == "442000114"


def test_hint_alone_places_a_report_whose_texts_name_no_place() -> None:
    texts = ["关于2023年度法治政府建设情况的报告"]
    by_names = resolve_region(texts, hint="广东省中山市")
    assert (by_names["province"], by_names["city"], by_names["level"]) == (
        "广东省", "中山市", "city")
    by_code = resolve_region(texts, hint="440114")
    assert (by_code["city"], by_code["county"], by_code["region_code"]) == (
        "广州市", "花都区", "440114")


def test_municipality_repeats_the_province_as_city() -> None:
    chongqing = resolve_region(["关于2025年度法治政府建设情况的报告", "重庆市开州区大进镇人民政府"])
    assert (chongqing["province"], chongqing["city"], chongqing["county"], chongqing["town"]) == (
        "重庆市", "重庆市", "开州区", "大进镇")
    beijing = resolve_region(["东华门街道2023年法治政府建设工作报告"], hint="北京市")
    assert (beijing["city"], beijing["county"], beijing["level"]) == ("北京市", "东城区", "street")
    assert beijing["region_code"] == "110101001"


def test_city_without_counties_has_no_county() -> None:
    sanxiang = resolve_region(["中山市三乡镇人民政府2024年法治政府建设年度报告"])
    assert (sanxiang["city"], sanxiang["county"], sanxiang["level"]) == ("中山市", None, "town")
    nada = resolve_region(["儋州市那大镇2023年法治政府建设年度报告"])
    assert (nada["province"], nada["city"], nada["county"]) == ("海南省", "儋州市", None)
    city_report = resolve_region(["东莞市2023年法治政府建设年度报告"])
    assert (city_report["city"], city_report["county"], city_report["level"]) == (
        "东莞市", None, "city")


def test_abbreviated_province_and_city_count_as_evidence() -> None:
    title = "三乡镇2024年法治政府建设年度报告"
    by_province = resolve_region([title, "深入学习贯彻习近平总书记对广东系列重要讲话精神。"])
    assert by_province["region_code"] == "442000114"
    # A short form is evidence only, never the subject: 中山大学 does not make a city report.
    assert resolve_region(["与中山大学共建法治实践基地情况的报告"])["level"] is None


def test_county_department_report_names_no_township() -> None:
    result = resolve_region(["花都区司法局2023年法治政府建设年度报告", COUNTY_BODY])
    assert (result["city"], result["county"], result["level"]) == ("广州市", "花都区", "county")
    assert result["town"] is None and result["region_code"] == "440114"  # the county's code


def test_township_found_in_the_body_when_title_and_issuer_name_none() -> None:
    body = ("2023年,狮岭镇坚持以习近平法治思想为指导,全镇法治政府建设取得新成效。"
            "狮岭镇党委理论学习中心组开展学法4次,我镇组织法治宣传活动20场,"
            "与花东镇联合开展执法检查。狮岭镇将继续深化依法行政。") * 3
    result = resolve_region(["关于2023年度法治政府建设情况的报告", body])
    assert result["region_code"] == "440114109"


def test_body_listing_townships_without_one_dominating_names_none() -> None:
    for body in (COUNTY_BODY, COUNTY_BODY * 3):
        result = resolve_region(["关于2023年度法治政府建设情况的报告", body])
        assert result["town"] is None and result["level"] != "town"
        assert result["region_code"] is None or len(result["region_code"]) == 6


def test_names_inside_other_words_are_not_places() -> None:
    # 色乡 is a township in Tibet; 特色乡村 is an ordinary phrase.
    assert resolve_region(["关于深化特色乡村法治建设情况的报告"])["town"] is None
    # 大西河镇 is not 西河镇 (not in the 2023 table): nothing is resolved.
    assert resolve_region(["大西河镇2021年法治政府建设年度报告"])["town"] is None


def test_township_printed_after_another_county_is_not_taken() -> None:
    # 炭步镇 exists only in 花都区; printed after 从化区 it is some other (renamed) place.
    result = resolve_region(["从化区炭步镇2018年法治政府建设年度报告"])
    assert result["region_code"] is None  # neither 花都区's 炭步镇 nor 从化区's own code
    assert (result["county"], result["town"], result["level"]) == ("从化区", "炭步镇", "town")


def test_unique_township_is_not_taken_when_the_text_names_only_other_places() -> None:
    body = "2018年,在佛山市委、南海区委的领导下,全镇法治建设取得新成效。" * 3
    result = resolve_region(["炭步镇2018年法治政府建设年度报告", body])
    assert result["region_code"] is None
    assert (result["town"], result["level"]) == ("炭步镇", "town")


def test_lookup_is_fast_after_the_index_is_loaded() -> None:
    region_index()
    texts = ["武江区西河镇2021年法治政府建设年度报告", "韶关市武江区西河镇人民政府",
             COUNTY_BODY * 20]
    started = time.perf_counter()
    for _ in range(20):
        resolve_region(texts)
    assert (time.perf_counter() - started) / 20 < 0.05


def test_township_office_printed_under_its_county_government_is_the_township() -> None:
    # The title of tests/gold 010 (haizhu.gov.cn): 人民政府 stands between county and township.
    result = resolve_region(
        ["广州市海珠区人民政府江南中街道办事处关于2024年度法治政府建设情况的报告"])
    assert (result["county"], result["town"], result["level"]) == ("海珠区", "江南中街道", "street")
    assert result["region_code"] == "440105004"


def test_county_name_shared_with_a_township_elsewhere_is_the_county() -> None:
    # 东城区 is 北京's district and a township of 河南 许昌 (411002570); tests/gold 006 opens
    # "2023年,東城區政府堅持…" with no place before it.
    result = resolve_region(["2023年,东城区政府坚持以习近平新时代中国特色社会主义思想为指导"])
    assert (result["county"], result["town"], result["region_code"]) == ("东城区", None, "110101")
    chained = resolve_region(["许昌市魏都区东城区办事处2023年法治政府建设年度报告"])
    assert chained["town"] == "东城区"


def test_province_programme_places_a_street_whose_name_repeats() -> None:
    # tests/gold 014: 新海街道 is 汕头 龙湖区's (440507012) and 连云港's (320706006); the body
    # names only 省委“1310”具体部署, 广东's programme.
    lead = "2024年,新海街道坚持以习近平新时代中国特色社会主义思想为指导"
    body = lead + ",紧密围绕省委“1310”具体部署和市委十二届八次全会工作部署。"
    assert resolve_region([lead])["region_code"] is None
    assert resolve_region([lead, body])["region_code"] == "440507012"


def test_evidence_narrowing_same_named_towns_to_one_province_keeps_the_province() -> None:
    # tests/gold 034: two 长安镇 in 广东 (东莞, 肇庆 封开县), more elsewhere; the text names 广东.
    result = resolve_region(["2024年,长安镇坚持以习近平新时代中国特色社会主义思想为指导",
                             "全面落实习近平总书记对广东系列重要讲话和重要指示精神。"])
    assert (result["province"], result["city"], result["town"]) == ("广东省", None, "长安镇")
    assert result["region_code"] is None


def test_street_calling_itself_jie_is_the_street() -> None:
    # tests/gold 011 (by.gov.cn): "2024年,鹤龙街坚持以习近平新时代…"
    result = resolve_region(["鹤龙街坚持以习近平新时代中国特色社会主义思想为指导"])
    assert (result["town"], result["region_code"], result["level"]) == (
        "鹤龙街道", "440111017", "street")


def test_place_under_the_superior_city_its_opening_lists() -> None:
    # tests/gold 019 (xingyang.gov.cn): 荥阳市 names itself only 我市.
    # (the opening's lead names no place of its own, so nothing is resolved before this rule)
    opening = ("2023年,我市坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实中央、省、"
               "郑州市关于法治政府建设的部署要求,扎实推进依法行政。")
    region = under_named_superior(resolve_region([]), opening)
    assert (region["province"], region["city"], region["county"]) == ("河南省", "郑州市", None)
    assert (region["level"], region["region_code"]) == ("county", None)
    own = "2023年,我市坚持以习近平法治思想为指导,全面贯彻落实中央、省关于法治政府建设的部署要求。"
    assert under_named_superior(resolve_region([]), own)["province"] is None


def test_autonomous_places_and_customary_names() -> None:
    # tests/gold 012 (hhjp.gov.cn): names 金平县 only in its documents' titles, speaks as
    # 县委、县政府; 015 (xjbz.gov.cn copy): 法治巴州 and 全州.
    jinping = ("2025年,县委、县政府坚持以习近平新时代中国特色社会主义思想为指导,扎实推进法治政府"
               "建设。印发《金平县党政主要负责人履行推进法治建设第一责任人职责实施办法》《金平县党政主要负责人"
               "述法办法》,全年召开县委全面依法治县委员会全体扩大会议1次,法治建设专题会议5次。")
    assert resolve_region([jinping])["region_code"] == "532530"
    bazhou = ("今年以来,在自治区党委、政府坚强领导下,全州各级政府坚持以习近平新时代中国特色社会主义"
              "思想为指导,以法治促发展、靠法治保稳定、用法治惠民生,法治政府建设进程得到加快推进,"
              "推动法治巴州、法治政府、法治社会一体建设。")
    assert (resolve_region([bazhou])["city"], resolve_region([bazhou])["region_code"]) == (
        "巴音郭楞蒙古自治州", "652800")
    # 治巴 alone, or 红河 without 州, is no place
    assert resolve_region(["坚持依法治巴,红河水位上涨"])["region_code"] is None
