"""Phrasings the metadata extractor reads: issuers in titles, source lines, signatures, years.

Each pattern names the report phrasing it came from (000–004 are tests/gold/corpus/), so a new
portal or report style should mostly mean a new entry here rather than new code. Patterns are
matched against normalized text: simplified script, half-width punctuation, no spaces.
"""

from __future__ import annotations

import re

from tasks.text.patterns import (
    CN_DATE,
    CN_YEAR,
    CN_YEAR_DIGITS,
    DATE,
    GOVERNMENT_SUFFIXES,
    ISSUER_SUFFIX,
)

# --- titles and issuers -------------------------------------------------------------------
# Whether a line is a title or an issuer line is tasks/text/titles.py's rule (shared with
# strip), over the one list of issuer suffixes in tasks/text/patterns.py. Here: how the
# issuer stands in a title, and which of several issuers a report belongs to.
_GOVERNMENT = "(" + "|".join(GOVERNMENT_SUFFIXES) + ")"
# The issuer at the start of a title ends where the title's own words begin:
# 000 "…炭步镇人民政府|关于2025年度…", 002 "…横沥镇人民政府|2020年法治政府…".
TITLE_ISSUER = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff()]{2,40}?" + ISSUER_SUFFIX + r")"
    rf"(?=关于|(19|20)\d{{2}}|{CN_YEAR}|法治|依法行政|年度)"
)
PARTY_ISSUER = re.compile(r"^中共|^中国共产党|党委$|党工委$")
# A joint title issuer "中共XX镇委员会XX镇人民政府关于…" keeps its government part.
JOINT_PARTY_PREFIX = re.compile(
    r"^(中共|中国共产党)[\u4e00-\u9fff]{1,30}?(委员会|党委|党工委)"
    r"(?=[\u4e00-\u9fff]{2,30}" + _GOVERNMENT + r"$)"
)
# Website names given as "来源" are not issuers: "来源:中山市人民政府网", "来源:本网".
NOT_ISSUER = re.compile(r"网站?$|^本站$|^本网$|新闻|日报|电视台|融媒体")
# A government's general office posts the government's own reports: "来源:静海区人民政府办公室"
# under "静海区2023年度法治政府建设情况报告" (tjjh.gov.cn) names the publisher, not a department
# issuer. (Printed in the title or signature, 办公室 is an issuer as any other.)
PUBLISHING_OFFICE = re.compile(r"政府办公室$|政府办$")
# A title that makes a place its subject is that government's report; a department given as
# the page's 来源 then drafted or posted it (dg.gov.cn, tests/gold 036: "关于东莞市2024年法治
# 政府建设情况的报告", 来源: 东莞市司法局).
PLACE_SUBJECT_TITLE = re.compile(r"^关于[\u4e00-\u9fff]{2,12}(省|市|州|盟|县|区|旗)\d{4}年")
# A department's report that names no place still says whose department it is: it calls
# itself 我局 and answers to a county's or district's 县委、县政府 / 区委、区政府 (tests/gold 026,
# sqsc.gov.cn: "2024年,我局认真贯彻落实市局党组和区委、区政府法治建设部署要求").
DEPARTMENT_SELF = re.compile(r"[我本](局|厅)")
COUNTY_GOVERNMENT = re.compile(r"(区委、区政府|县委、县政府|区委区政府|县委县政府)")
# A cover letter (请示, lifted by strip as ``cover_letter``) names in whose name the report is
# sent (tests/gold 016: "区司法局提请以中共长宁区委、区政府名义将《2023年长宁区法治政府建设情况
# 报告》报送市委、市政府").
COVER_LETTER_ISSUER = re.compile(r"以(?P<issuer>[\u4e00-\u9fff、]{2,30}?)名义将《[^》]*报告》报送")
# The opening sentence may name the issuer where no title or issuer line does (tests/gold 022,
# beijing.gov.cn: "现将北京市石景山区人民政府2023年法治政府建设年度情况报告如下。").
OPENING_ISSUER = re.compile(
    r"现将(?P<issuer>[\u4e00-\u9fff]{2,30}?" + _GOVERNMENT + r")\d{4}年[^。]{0,30}?报告如下")

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
# The opening sentence names who reports when no title or issuer line does (tests/gold 023
# "2024年,富川瑶族自治县自然资源局在县委、县政府的正确领导下,…", 029 "2025年是《法治政府建设实施
# 纲要(2021-2025年)》收官之年,北和镇在市委、市政府的正确领导下,…"): its first clauses, up to the
# first full stop, are read like an issuer line (one place, or none is sure).
LEAD_CHARS = 120
LEAD_END = re.compile(r"[。:：;；\n]")
# Clauses of that sentence; only one that starts with a place names the reporter (019's
# "全面贯彻落实中央、省、郑州市关于…的部署要求" names its superior, not itself).
LEAD_CLAUSE = re.compile(r"[,，]")
LEAD_YEAR = re.compile(r"^(\d{4}年(以来|度)?|今年以来|一年来)")
# The clause's subject: the words before its verb (023 "富川瑶族自治县自然资源局在县委、县政府
# 的正确领导下", 024 "孟州市自然资源和规划局坚持以…", 025 "郁南县自然资源局坚持以…"); a
# department there makes a report without an issuer line a department's.
LEAD_SUBJECT = re.compile(
    r"^(?P<subject>[^、]{2,30}?)(?=在|坚持|认真|全面|深入|按照|紧扣|紧紧|围绕|始终|以习近平)")
# Reports that say only "去年"/"上一年" cover the year before publication.
PREVIOUS_YEAR = re.compile(r"去年|上一年|上年度|过去一年")
