"""Patterns several stages match: links, placeholders, dates, sentence ends, titles, issuers.

Data, not code, like each stage's own patterns.py: a new portal or phrasing should mostly mean
a new entry here, each with the page or phrasing it came from.
"""

from __future__ import annotations

import re

# --- links (discover: column pages; fetch: attachment links on article pages) -----------------
# Links that are never pages.
SKIP_HREF = re.compile(r"^\s*(javascript:|mailto:|tel:|#|data:)", re.IGNORECASE)
# Report attachments by file extension (附件：xxx.pdf).
ATTACHMENT_EXT = re.compile(r"\.(pdf|docx|doc|wps|ofd)(?:$|[?#])", re.IGNORECASE)
# A report-like noun in a link text: discovery keeps such links, and of several attachments
# the one whose link text reads like the report (…报告.pdf) is the report.
REPORT_NOUN = re.compile(r"[报報]告|情[况況]|工作[总總][结結]")

# --- placeholders (strip: a page that is no report gets a status; validate: a short body
# that is only such a text is no report) -----------------------------------------------------
NOT_FOUND_MARKERS = [
    r"404",  # "404 Not Found", "错误代码:404"
    r"页面不存在|页面已删除|页面找不到|找不到(该|此|您要访问的)?页面|无法找到(该)?页面",
    r"(访问|请求)的(页面|内容|资源|信息)(不存在|已删除|已过期|已撤销)",
    r"信息已(删除|撤销|过期)|文章已(删除|撤销)|Not ?Found",
]
UNDER_CONSTRUCTION_MARKERS = [
    r"(正在|栏目|网站|页面)建设中|建设中[,.]?敬请期待|敬请期待|正在维护|系统维护中|升级改造中",
]

# --- years and dates ---------------------------------------------------------------------------
# Digits of a year written in Chinese: 二〇二一年; signatures also print 〇 as ○, O or Ｏ.
CN_YEAR_DIGITS = "〇零○OＯ一二三四五六七八九"
CN_YEAR = rf"[{CN_YEAR_DIGITS}]{{4}}年"  # 二〇二一年 in a title or a date
_CN_MONTH_OR_DAY = "[一二三四五六七八九十]{1,3}"
# 001 "2025-01-27", 004 signature "2021年12月15日", "2021/12/15", "2021.12.15", "2021年 12月"
# (PDF text); groups: year, month, day.
DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?"
# A signature in Chinese numerals: 二〇二一年十二月十五日, 二O二四年一月三十一日.
CN_DATE = rf"([{CN_YEAR_DIGITS}]{{4}})\s*年\s*({_CN_MONTH_OR_DAY})\s*月\s*({_CN_MONTH_OR_DAY})\s*日"
DATE_RE = re.compile(DATE)
CN_DATE_RE = re.compile(CN_DATE)
# A line that is only a date: the signature date closing a report (004 "2021年12月15日").
DATE_LINE_RE = re.compile(f"{DATE}|{CN_DATE}")

# --- sentences, list markers -------------------------------------------------------------------
# Sentence ends that make a line prose rather than a title, heading, label or chrome.
SENTENCE_END_RE = re.compile(r"[。;!?…]")
# List markers that open headings and list items, never titles or issuer lines:
# "一、" "(一)" "1." "第一部分", "第一章", "第一条" (on half-width keys; full-width forms too).
ENUMERATOR_RE = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|第[一二三四五六七八九十]+[,、章部分条])"
)

# --- titles ------------------------------------------------------------------------------------
# A report title names the topic and ends like a report: 003 "关于2025年度法治政府建设情况的报告",
# 004 "武江区西河镇 2021 年法治政府建设 年度报告", "XX县2023年度依法行政工作报告",
# "XX镇法治建设工作总结", "XX镇2023年普法工作总结" (普法 work is reported on as 法治 work is),
# "关于2023年度法治政府建设工作情况", 汇报, 白皮书.
TITLE_TOPIC_RE = re.compile(r"法治|依法行政|法制|普法|依法治")
TITLE_END_RE = re.compile(r"(报告|报告书|总结|汇报|情况|工作总结|自查报告|白皮书)$")
TITLE_MIN_CHARS, TITLE_MAX_CHARS = 6, 80
# Lines that are never a title although they may name the topic: breadcrumbs
# (002 "您现在的位置:首页>政务公开>法治政府建设>镇街法治政府建设报告"), nav bars with "|",
# labelled metadata lines ("来源:…", "发布日期:…") and labels ending in ":" or ",".
NOT_TITLE_RE = re.compile(r"[>|]|位置[:]|[:,]$|^(信息)?来源[:]|发布(日期|时间)")
# Disclosure tables print the title after a label: "标题:XX镇2023年…报告".
# 国微CMS table "信息名称"; yongchang.gov.cn "标 题 | 金昌市人民政府关于…的通知 |"
TITLE_LABEL_RE = re.compile(r"^(标题|名称|文件名称|信息名称)[:|｜]")
# … and some print the document number after it: "湘潭县自然资源局2025年度法治政府建设工作报告
# (潭县自然资字〔2025〕79号)" (yqfq.com.cn, 湘潭县 portal mirror).
TITLE_DOC_NUMBER_RE = re.compile(r"[(（][^()（）]{0,20}[〔\[【(]\d{4}[〕\]】)]\d{1,4}号[)）]$")
# Headings that name the site, not the report: "徐闻县人民政府网站", "XX县政务新媒体矩阵",
# "定州市政府信息公开平台" (<title> of its article pages), "密云水库综合信息门户", "电子政务网"
# (bench/templates/real/): the report's title is then looked for in its own first lines.
SITE_NAME_RE = re.compile(r"(网站|门户|门户网|政府网|政务网|信息网|新媒体矩阵|公开平台|服务平台)$")
# A year in a title: "2024年", "2021 年" (PDF), "二〇二一年度". A title naming its year is the
# report's own, not the column's (002 shows the column "镇街法治政府建设报告" above
# "广州市南沙区横沥镇人民政府2020年法治政府建设年度报告").
YEAR_IN_TITLE_RE = re.compile(rf"(19|20)\d{{2}}年|{CN_YEAR}")
# … and, for the metadata extractor, a year without 年 or a title opening with 关于 (000, 003).
SPECIFIC_TITLE_RE = re.compile(rf"(19|20)\d{{2}}|{CN_YEAR}|^关于")

# --- issuers -----------------------------------------------------------------------------------
# The one list of the endings of an issuing body's name, printed above the title, as the
# signature, or before the title's own words: 000 "广州市花都区炭步镇人民政府关于…", 004
# signature "韶关市武江区西河镇人民政府", 003 header "中共重庆市开州区大进镇委员会", department
# reports "XX县司法局2023年…", "XX街道办事处", "XX经济开发区管理委员会", "XX区政务服务中心".
# Longest first, so a name ends at its fullest suffix.
ISSUER_SUFFIXES: tuple[str, ...] = (
    "人民政府办公室", "人民检察院", "管理委员会", "街道办事处", "政府办公室", "人民政府",
    "人民法院", "委员会", "政府", "管委会", "党工委", "办事处", "司法局", "司法所", "办公室",
    "检察院", "党委", "工委", "中心", "法院", "局", "厅", "署", "委",
)
ISSUER_SUFFIX = "(" + "|".join(ISSUER_SUFFIXES) + ")"
# The government proper, preferred over a party committee printed beside it (003 prints
# "中共重庆市开州区大进镇委员会" above "重庆市开州区大进镇人民政府").
# "镇政府" is the short form some disclosure tables print (yzh.gov.cn "发布机构
# 原州区头营镇政府").
GOVERNMENT_SUFFIXES: tuple[str, ...] = ("人民政府", "政府", "办事处", "管理委员会", "管委会")
# Names ending so are departments (a 司法局, a 委员会, an 办公室 …) rather than a place's
# government: a report of one is a department's report (v_reports.level).
# A province's departments are 厅 (四川省自然资源厅, 广东省司法厅).
DEPARTMENT_SUFFIXES: tuple[str, ...] = ("局", "委员会", "办公室", "中心", "委", "厅", "署")
# Party committees end like departments (中共XX县委员会) but are no government's department.
PARTY_COMMITTEE_RE = re.compile(r"^(中共|中国共产党)|党委$|党工委$|工委$")
# An issuer line is nothing but such a name: Chinese characters (and parentheses) before the
# ending, at most ISSUER_MAX_CHARS in all.
ISSUER_LINE_RE = re.compile(r"[\u4e00-\u9fff()]{2,40}" + ISSUER_SUFFIX)
ISSUER_MAX_CHARS = 40
# A line ending in an issuer's suffix that goes on with what it is about is a title's first
# line, not an issuer (tests/gold 020: "上海市宝山区人民政府关于法治政府" / "建设情况报告").
NOT_ISSUER_LINE_RE = re.compile(r"关于")

# --- which titles name a law-based-government report (discover: list items; strip: a page's
# own title decides when the list's title could not) ---------------------------------------
# The subject: 法治政府建设 (and 法治建设), the older name 依法行政 (XX县2012年依法行政工作报告),
# 依法治镇/区/县… ("XX镇2022年度依法治镇工作情况报告"); traditional forms too.
REPORT_SUBJECT_RE = re.compile(
    r"法治政府建[设設]|法治建[设設]|依法行政|依法治(?:[镇鎮区區县縣市省乡鄉街])")
# A title with the subject and a report noun is a report when it also says whose or which year:
# a year (2024年, 二〇二二年度), an issuer's name (XX镇人民政府…), or a 关于-title
# ("XX关于法治政府建设情况的报告" names no year). The bare column name of a sidebar
# ("法治政府建设年度报告", "法治政府建设") says neither, and is no report.
REPORT_SPECIFIC_RE = re.compile(
    rf"(19|20)\d{{2}}\s*年|{CN_YEAR}|^关于|关于.*情[况況]的[报報]告|" + ISSUER_SUFFIX)
# A list title cut short ("XX镇人民政府关于2023年度法治政府建设情况…"): only the page can say.
TRUNCATED_TITLE_RE = re.compile(r"(…|\.\.\.|。。。)\s*$")
# Look-alikes: titles with the subject (or beside it in the same column) that are a different
# document. Each reason becomes rejected_pages.reason "not_a_report_<reason>"; checked in order.
LOOKALIKES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "XX区人民政府2023年政府信息公开工作年度报告" (a statutory report of its own)
    ("information_disclosure", re.compile(r"政府信息公[开開]")),
    # "XX县党政主要负责人2023年度履行推进法治建设第一责任人职责情况报告", "述法报告"
    ("first_responsible_duty", re.compile(r"第一[责責]任人|述法")),
    # "XX区2023年行政复议和行政应诉工作报告", "XX县行政应诉工作情况报告"
    ("review_litigation", re.compile(r"行政[复復][议議]|行政[应應][诉訴]")),
    # "图解：XX区2023年法治政府建设年度报告", "《XX市2022年度法治政府建设情况报告》解读",
    # "一图读懂XX镇法治政府建设年度报告"
    ("interpretation", re.compile(r"[图圖]解|解[读讀]|一[图圖][读讀]懂|[图圖]说")),
    # "XX市2023年法治政府建设新闻发布会"
    ("press_conference", re.compile(r"新[闻聞]发布会|新[闻聞]發佈會")),
    # "关于报送2025年度法治政府建设情况报告的通知", "关于2023年度法治政府建设考核结果的通报",
    # "…年度报告的公示", "关于征求《XX镇法治政府建设实施方案》意见的公告"
    ("notice", re.compile(r"^关于(报送|报告|上报|做好|开展|印发)|(通知|通[报報]|公示|公告|的函|"
                          r"批[复復])\s*$|征求意[见見]")),
    # "2024年法治政府建设工作要点", "XX镇2024年法治政府建设工作计划", "…实施方案";
    # anchored at the end: "关于2023年法治政府建设工作要点完成情况的报告" is a report.
    # "成都市法治政府建设实施方案(2021-2025年)": the plan's period may close the title
    ("plan", re.compile(r"(工作要[点點]|计划|計劃|[实實]施方案|工作安排)》?"
                        r"\s*([(（][^()（）]*[)）])?\s*$")),
)
