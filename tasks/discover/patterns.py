"""Patterns discovery matches on column pages: report link titles and pagination.

Data, not code: a portal that phrases things differently should need a new entry here, each
with the phrasing it came from. Regexes are matched against link text and URLs as found.
"""

from __future__ import annotations

import re

from tasks.text.patterns import CN_YEAR

# --- report links on a column (栏目) page ----------------------------------------------------
# A report title names a year, the subject, and a report-like noun (REPORT_NOUN, shared with
# the fetch stage: tasks/text/patterns.py), e.g.
#   三乡镇2024年法治政府建设年度报告 / 关于2025年度法治政府建设情况的报告 /
#   廣州市花都區炭步鎮人民政府關于2025年度法治政府建設情況的報告 (traditional) /
#   XX区司法局2023年度法治建设工作总结 / XX县2022年依法行政工作报告.
# The year keeps out the column's own name in the sidebar ("法治政府建设年度报告").
REPORT_YEAR = re.compile(rf"(19|20)\d{{2}}\s*年|{CN_YEAR}")
REPORT_SUBJECT = re.compile(
    r"法治政府建[设設]|法治建[设設]|依法行政|依法治(?:[镇鎮区區县縣市省乡鄉街])")
# Titles that talk *about* reports without being one:
#   关于报送2025年度法治政府建设情况报告的通知 / 关于2023年度法治政府建设考核结果的通报 /
#   2024年法治政府建设工作要点 / 关于征求《XX镇法治政府建设实施方案》意见的公告.
# Anchored at the end: 关于2023年法治政府建设工作要点完成情况的报告 is a report.
REPORT_TITLE_EXCLUDE = re.compile(
    r"(?:通知|通[报報]|公示|公告|的函|批[复復]|工作要[点點]|[实實]施方案)\s*$|征求意[见見]")

# --- pagination -----------------------------------------------------------------------------
# Link texts of a "next page" control: 下一页 (most CMSs), 下页, 下一頁 (traditional), ">".
NEXT_PAGE_TEXT = re.compile(r"^\s*(下一?[页頁]|next|>|›|»)\s*$", re.IGNORECASE)
# Numbered list pages of the same column: index_1.html (TRS/Hanweb CMSs), page_2.html,
# list_3.shtml, ?page=2 / &pageNo=2 / ?pn=2. Followed when a page number link is all there is.
PAGE_URL = re.compile(
    r"/(?:index|page|list)_\d+\.s?html?$|[?&](?:page|pageNo|pageIndex|pn|p)=\d+$",
    re.IGNORECASE)

# TRS WCM column pages draw their pager with a script and have no <a> for it:
#   <script>createPageHTML(7, 0, "index", "html");</script> → index.html, index_1.html …
# (arguments: page count, current page from 0, file prefix, extension).
SCRIPT_PAGER = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w-]+)[\"']\s*,\s*[\"'](\w+)[\"']")
