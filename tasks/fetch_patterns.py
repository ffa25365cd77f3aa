"""Patterns the fetch stage matches: report link titles, pagination, charsets, error pages.

Data, not code: a portal that phrases things differently should need a new entry here, each
with the phrasing it came from. Regexes are matched against link text / page text as found.
"""

from __future__ import annotations

import re

# --- report links on a column (栏目) page ----------------------------------------------------
# A report title names a year, the subject, and a report-like noun, e.g.
#   三乡镇2024年法治政府建设年度报告 / 关于2025年度法治政府建设情况的报告 /
#   廣州市花都區炭步鎮人民政府關于2025年度法治政府建設情況的報告 (traditional) /
#   XX区司法局2023年度法治建设工作总结 / XX县2022年依法行政工作报告.
# The year keeps out the column's own name in the sidebar ("法治政府建设年度报告").
REPORT_YEAR = re.compile(r"(19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年")
REPORT_SUBJECT = re.compile(
    r"法治政府建[设設]|法治建[设設]|依法行政|依法治(?:[镇鎮区區县縣市省乡鄉街])")
REPORT_NOUN = re.compile(r"[报報]告|情[况況]|工作[总總][结結]")
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

# --- links that are never pages ---------------------------------------------------------------
SKIP_HREF = re.compile(r"^\s*(javascript:|mailto:|tel:|#|data:)", re.IGNORECASE)

# --- attachments ------------------------------------------------------------------------------
# Report attachments by file extension; .doc/.wps (WPS Office) cannot be read without LibreOffice.
ATTACHMENT_EXT = re.compile(r"\.(pdf|docx|doc|wps|ofd)(?:$|[?#])", re.IGNORECASE)
READABLE_ATTACHMENTS = {"pdf", "docx"}
# "Mainly an attachment": the page's prose (text blocks of at least PROSE_BLOCK_CJK CJK
# characters, outside the attachment links) is below PAGE_PROSE_MIN_CJK. Chrome lines
# (footer 版权所有/ICP备案号, date lines) stay far below 60 characters; a report body is
# thousands, a cover note such as 现将《…》予以公开，详见附件。 a few dozen.
PROSE_BLOCK_CJK = 60
PAGE_PROSE_MIN_CJK = 300
# A PDF whose text layer has fewer CJK/word characters than this per page is a scan.
PDF_MIN_CHARS_PER_PAGE = 20

# --- charsets ---------------------------------------------------------------------------------
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
# Declared GB2312/GBK is GBK in practice (CMSs write GBK characters such as 镕 or ·);
# GB18030 is the superset that decodes all of them.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                   "gb_2312-80": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
                   "utf8": "utf-8", "big5": "big5hkscs"}
# Web servers' defaults rather than the author's choice (Apache/Tomcat send ISO-8859-1 for
# pages they know nothing about); on a page with non-ASCII bytes they are not evidence.
DISTRUSTED_HEADER_CHARSETS = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252",
                              "us-ascii", "ascii"}
# Share of U+FFFD and control characters in a decoded page above which it is undecodable.
MAX_REPLACEMENT_SHARE = 0.01

# --- pages that are not documents -----------------------------------------------------------
# Anti-bot challenges (Ruishu/瑞数 412, Aliyun acw_sc__v2, Jiasule __jsl_clearance): a status
# 412/403/503/521 page that is only script, or any page carrying these cookie-setting markers.
CHALLENGE_STATUSES = {403, 412, 503, 521}
CHALLENGE_MARKERS = re.compile(r"\$_ts\s*=|acw_sc__v2|__jsl_clearance|_waf_|challenge-platform")
CHALLENGE_MAX_TEXT = 200  # visible characters; a challenge page shows (almost) nothing
# Soft 404: status 200 but a "not found" page, e.g. 您访问的页面不存在或已被删除 / 404 Not Found.
SOFT_404_TEXT = re.compile(
    r"页面不存在|頁面不存在|页面未找到|找不到(?:该|此|您)?(?:页面|网页)|已被?删除|"
    r"404\s*(?:not\s*found|错误|页面)|^\s*404\s*$|信息不存在|文章不存在", re.IGNORECASE)
SOFT_404_MAX_TEXT = 600  # a real report page with these words in it is much longer
# Login walls: a short page with a password field or 请登录.
LOGIN_TEXT = re.compile(r"请先?登录|請先?登錄|用户登录|統一身份認證|统一身份认证")
LOGIN_MAX_TEXT = 800
