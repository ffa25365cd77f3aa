"""Phrasings the metadata extractor reads: titles, issuers, date and source lines, years.

Each pattern names the report phrasing it came from (000–004 are tests/gold/corpus/), so a new
portal or report style should mostly mean a new entry here rather than new code. Patterns are
matched against normalized text: simplified script, half-width punctuation, no spaces.
"""

from __future__ import annotations

import re

from tasks.text.patterns import CN_DATE, CN_YEAR_DIGITS, DATE

# --- titles -------------------------------------------------------------------------------
# A title names the topic … 000 "…关于2025年度法治政府建设情况的报告", 004 "武江区西河镇2021年
# 法治政府建设年度报告", also "XX县2023年度依法行政工作报告", "XX镇法治建设工作总结".
TITLE_TOPIC = re.compile(r"法治|依法行政|法制|依法治")
# … and ends like a report: 报告 (000–004), 总结 ("2022年法治政府建设工作总结"),
# 情况 ("关于2023年度法治政府建设工作情况"), 汇报, 白皮书.
TITLE_ENDING = re.compile(r"(报告|报告书|总结|汇报|情况|白皮书)$")
TITLE_MAX_CHARS = 80
# Lines that are never a title although they may name the topic: breadcrumbs
# (002 "您现在的位置:首页>政务公开>法治政府建设>镇街法治政府建设报告"), nav bars with "|",
# and labelled metadata lines ("来源:…", "标题:…" is handled by TITLE_LABEL).
NOT_TITLE = re.compile(r"[>|]|位置[:]|[:]$|^(信息)?来源[:]|发布(日期|时间)")
# Outline headings read like titles ("一、2023年法治政府建设情况") but open a section:
# "一、" "(一)" "1." "第一部分".
HEADING = re.compile(
    r"^([一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.]|第[一二三四五六七八九十]+部分)"
)
TITLE_LABEL = re.compile(r"^(标题|名称|文件名称)[:]")  # disclosure tables: "标题:XX镇2023年…"
# A title line that marks the real report rather than a column name (002 has the column
# "镇街法治政府建设报告" above "广州市南沙区横沥镇人民政府2020年法治政府建设年度报告").
TITLE_SPECIFIC = re.compile(r"(19|20)\d{2}|[〇零○一二三四五六七八九]{4}年|^关于")
# A title broken over lines in PDF text: 004 "武江区西河镇 2021 年法治政府建设 / 年度报告".
TITLE_MAX_LINES = 3
HEAD_MAX_LINES = 15  # title, issuer and date lines all sit within the first lines of a page

# --- issuers ------------------------------------------------------------------------------
# An issuing body, as printed before the title text or on its own line:
# 000 "广州市花都区炭步镇人民政府关于…", 004 signature "韶关市武江区西河镇人民政府",
# 003 header "中共重庆市开州区大进镇委员会", department reports "XX县司法局2023年…",
# "XX街道办事处", "XX经济开发区管理委员会".
ISSUER_SUFFIX = (
    r"(人民政府办公室|人民政府|街道办事处|办事处|管理委员会|管委会|党工委|党委|委员会"
    r"|司法局|局|办公室|司法所|人民法院|人民检察院|厅|委)"
)
ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff()]{2,40}" + ISSUER_SUFFIX + r"$")
# The issuer at the start of a title ends where the title's own words begin:
# 000 "…炭步镇人民政府|关于2025年度…", 002 "…横沥镇人民政府|2020年法治政府…".
TITLE_ISSUER = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff()]{2,40}?" + ISSUER_SUFFIX + r")"
    r"(?=关于|(19|20)\d{2}|[〇零○一二三四五六七八九]{4}年|法治|依法行政|年度)"
)
# The government proper, preferred over a party committee printed beside it
# (003 prints "中共重庆市开州区大进镇委员会" above "重庆市开州区大进镇人民政府").
GOVERNMENT_ISSUER = re.compile(r"(人民政府|办事处|管理委员会|管委会)$")
PARTY_ISSUER = re.compile(r"^中共|^中国共产党|党委$|党工委$")
# A joint title issuer "中共XX镇委员会XX镇人民政府关于…" keeps its government part.
JOINT_PARTY_PREFIX = re.compile(
    r"^(中共|中国共产党)[\u4e00-\u9fff]{1,30}?(委员会|党委|党工委)"
    r"(?=[\u4e00-\u9fff]{2,30}(人民政府|办事处|管理委员会|管委会)$)"
)
# Website names given as "来源" are not issuers: "来源:中山市人民政府网", "来源:本网".
NOT_ISSUER = re.compile(r"网站?$|^本站$|^本网$|新闻|日报|电视台|融媒体")

# --- page metadata lines (used when the strip stage left them in the body) ----------------
# 001 "信息来源:中山市三乡镇人民政府 发布日期:2025-01-27 分享:",
# 002 "来源:横沥镇人民政府发布日期:2021-01-11".
SOURCE_LINE = re.compile(
    r"(信息来源|文章来源|稿件来源|来源|发布机构|发文机关)[:]\s*(?P<value>[^:\s]+?)"
    r"(?=\s|发布|日期|时间|浏览|分享|字号|作者|点击|$)"
)
PUBLISHED_LINE = re.compile(r"(发布日期|发布时间|公开日期|发文日期|日期|时间)[:]\s*(?P<value>\S+)")

# --- dates and years ----------------------------------------------------------------------
# Date shapes (2021年12月15日, 2021-12-15, 二〇二一年十二月十五日) are tasks/text/patterns.py's,
# read by the one date parser (tasks/text/dates.py).
# Issuer and date on one line, when PDF line joining glued the signature together:
# "韶关市武江区西河镇人民政府2021年12月15日".
SIGNATURE_LINE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff()]{2,40}" + ISSUER_SUFFIX + r")"
    rf"(?P<date>{DATE}|{CN_DATE})$"
)
SIGNATURE_LINES = 4  # issuer and date lines close a report within its last few lines
# The covered year: 000 "关于2025年度…", 001 "三乡镇2024年…", 004 "2021 年"; in the body's
# opening 001 "2024年,三乡镇…", 000 "2025年以来,…", 002 "2020年,横沥镇党委…".
YEAR = re.compile(r"(?<![\d\-—~至])(?P<y>(19|20)\d{2})\s*年(?![\-—~至])")
CN_YEAR = re.compile(rf"(?P<y>[{CN_YEAR_DIGITS}]{{4}})年")
# Law and plan names carry years that are not the report's: 000 "《法治政府建设实施纲要
# (2021-2025年)》", 003 "《2025年开州区法治政府建设工作要点》" (ranges like 2021-2025年 are
# already refused by YEAR).
QUOTED_NAME = re.compile(r"《[^》]*》")
OPENING_CHARS = 300  # the covered year is stated in the opening sentence(s) of the body
# Reports that say only "去年"/"上一年" cover the year before publication.
PREVIOUS_YEAR = re.compile(r"去年|上一年|上年度|过去一年")
