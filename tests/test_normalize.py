"""Normalize: script conversion only when needed, half-width, PDF spacing, breaks, page numbers."""

from __future__ import annotations

import pytest
from conftest import CORPUS_DIR

from tasks.normalize.normalize import normalize_batch, normalize_page, normalize_text
from tasks.records import Batch, StrippedPage
from tasks.text.script import detect_script, to_simplified

TRADITIONAL = "全年辦理行政復議案件15件,開展普法宣傳活動32場次,受益群眾約3000人。"
# Simplified text with a stray traditional 於 (common in typed titles), which t2s would rewrite
# if it ran blindly; the page is simplified and is left as published.
SIMPLIFIED_WITH_SHARED_CHAR = "按照《关於加强法治政府建设的意见》要求,全年查处违法案件3宗。"


def test_detect_script_on_corpus_and_own_phrasings():
    assert detect_script((CORPUS_DIR / "000_96aa33e9a6d28e67.txt").read_text()) == "traditional"
    assert detect_script((CORPUS_DIR / "003_d150b2aa907695eb.txt").read_text()) == "simplified"
    assert detect_script(TRADITIONAL) == "traditional"
    assert detect_script(SIMPLIFIED_WITH_SHARED_CHAR) == "simplified"
    assert detect_script("2021-2025") == "simplified"


def test_traditional_page_is_converted_and_keeps_its_original():
    page = normalize_page(StrippedPage(title="某區2023年法治政府建設年度報告", body=TRADITIONAL,
                                       fields={"source": "某區司法局"}))
    assert page.script == "traditional"
    assert page.body == "全年办理行政复议案件15件,开展普法宣传活动32场次,受益群众约3000人。"
    assert page.title == "某区2023年法治政府建设年度报告"
    assert page.fields["source"] == "某区司法局"
    assert page.original_body == TRADITIONAL


def test_simplified_page_is_not_converted():
    assert to_simplified(SIMPLIFIED_WITH_SHARED_CHAR) != SIMPLIFIED_WITH_SHARED_CHAR
    page = normalize_page(StrippedPage(title=None, body=SIMPLIFIED_WITH_SHARED_CHAR))
    assert page.script == "simplified"
    assert page.body == SIMPLIFIED_WITH_SHARED_CHAR


def test_full_width_to_half_width():
    text = "２０２１年，全年受理１２３件（次），办结率达９８．５％；ＡＢＣ　平台：已上线！"
    assert normalize_text(text) == "2021年,全年受理123件(次),办结率达98.5%;ABC平台:已上线!"


@pytest.mark.parametrize(
    "spaced, joined",
    [
        ("2021 年以来，在区委领导下", "2021年以来,在区委领导下"),  # 004
        ("发放宣传资料 3000 余份，悬挂横幅 30 条", "发放宣传资料3000余份,悬挂横幅30条"),  # 004
        ("截至 11 月底共调解成功 80 余起", "截至11月底共调解成功80余起"),  # 004
        ("法 治 政 府 建 设", "法治政府建设"),  # letter-spaced heading
        ("2 0 2 1 年度报告", "2021年度报告"),  # letter-spaced digits
        ("办理行政处罚案件 1 256 件", "办理行政处罚案件1256件"),  # thousands split by a space
        ("出庭应诉率达 100 %", "出庭应诉率达100%"),
        ("网站支持 IPv6 访问", "网站支持IPv6访问"),
    ],
)
def test_pdf_spaces_inside_numbers_and_words_removed(spaced, joined):
    assert normalize_text(spaced) == joined


def test_spaces_between_latin_words_and_digit_groups_kept():
    assert normalize_text("Windows 10 系统") == "Windows 10系统"
    assert normalize_text("Open Government Data") == "Open Government Data"


def test_lines_broken_mid_sentence_are_rejoined():
    text = "\n".join([
        "持续深入开展党史学习教育，做到学用结合、学以致用，扎实推进实践活动，推动",
        "解决群众急难愁盼问题。",
        "严格按照《信访条例》的有关规定，",
        "坚持执政为民，全面推进社会各项事业稳步发展。",
    ])
    assert normalize_text(text).split("\n") == [
        "持续深入开展党史学习教育,做到学用结合、学以致用,扎实推进实践活动,推动解决群众急难愁盼问题。",
        "严格按照《信访条例》的有关规定,坚持执政为民,全面推进社会各项事业稳步发展。",
    ]


def test_headings_stay_apart_and_split_headings_are_rejoined():
    text = "\n".join([
        "三、学习宣传贯彻行政处罚法、重大行政决策程序暂行",
        "条例等新施行法律法规的情况",
        "我镇对做好新《行政处罚法》的学习宣传工作提出了具体要求。",
        "（一）健全科学民主决策机制，强化依法决策意识",
        "镇领导高度重视决策前的调查研究，牢固树立依法决策意识。",
        "工作思路",
        "坚持以习近平法治思想为根本遵循。",
        "坚持依法行政，全面推进法治政府建设迈上新台阶",
        "全年审查规范性文件31件。",
        "1. 加强组织领导",
        "2. 加强学习宣传",
    ])
    assert normalize_text(text).split("\n") == [
        "三、学习宣传贯彻行政处罚法、重大行政决策程序暂行条例等新施行法律法规的情况",
        "我镇对做好新《行政处罚法》的学习宣传工作提出了具体要求。",
        "(一)健全科学民主决策机制,强化依法决策意识",
        "镇领导高度重视决策前的调查研究,牢固树立依法决策意识。",
        "工作思路",
        "坚持以习近平法治思想为根本遵循。",
        "坚持依法行政,全面推进法治政府建设迈上新台阶",
        "全年审查规范性文件31件。",
        "1.加强组织领导",
        "2.加强学习宣传",
    ]


@pytest.mark.parametrize("page_number", ["- 3 -", "— 12 —", "－ 4 －", "第 3 页", "第3页 共10页",
                                         "第 2 页，共 5 页", "3/10", "7"])
def test_page_numbers_dropped(page_number):
    text = f"全年办理行政复议案件15件,全部依法审结,\n{page_number}\n依法纠正错误行政行为2件。"
    assert normalize_text(text) == "全年办理行政复议案件15件,全部依法审结,依法纠正错误行政行为2件。"


def test_running_headers_dropped_but_repeated_prose_kept():
    header = "某区人民政府文件"
    paragraphs = [f"第{n}部分工作扎实推进,全年完成任务{n * 10}项。" for n in range(1, 5)]
    lines = [x for p in paragraphs for x in (header, p)]
    assert normalize_text("\n".join(lines)).split("\n") == paragraphs


def test_normalize_batch_task_normalizes_each_page():
    pages = [StrippedPage(title=None, body=TRADITIONAL), StrippedPage(title=None, body="",
                                                                      status="not_found")]
    out = normalize_batch(Batch(None, stripped=pages)).pages
    assert [p.script for p in out] == ["traditional", "simplified"]
    assert out[1].status == "not_found"


def test_t2s_gives_exactly_what_opencc_gives() -> None:
    """to_simplified is a faster evaluation of OpenCC's own t2s tables; it must not differ."""
    import random

    from opencc import OpenCC

    from fazhi.portal import SITE_DIR
    from tasks.text.script import _t2s_tables

    reference = OpenCC("t2s")
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS_DIR.glob("*.txt"))]
    texts += [path.read_bytes().decode("utf-8", "replace") for path in SITE_DIR.rglob("*.htm*")]
    # a phrase cut off by the end of the text (藉口 after 藉藉) once ranked as a longer one
    texts += ["藉藉口", "情有獨鍾", "乾隆年間乾燥", "儘管", ""]
    tables = _t2s_tables()
    alphabet = ("".join(tables.phrases) + "".join(map(chr, list(tables.characters)[:400]))
                + "的了是在，。、 \n")
    rng = random.Random(8)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
              for _ in range(5000)]
    assert len(texts) > 5010 and any(reference.convert(t) != t for t in texts[:5])
    assert [to_simplified(t) for t in texts] == [reference.convert(t) for t in texts]
