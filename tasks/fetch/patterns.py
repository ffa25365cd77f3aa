"""Patterns the fetch stage matches: attachments, charsets, pages that are not documents.

Data, not code: a portal that phrases things differently should need a new entry here, each
with the phrasing it came from. Regexes are matched against page text as found.
"""

from __future__ import annotations

import re

# --- attachments ------------------------------------------------------------------------------
# Attachment links are recognised by tasks/text/patterns.py ATTACHMENT_EXT; .doc/.wps (WPS
# Office) cannot be read without LibreOffice.
READABLE_ATTACHMENTS = {"pdf", "docx"}
# "Mainly an attachment": the page's prose (text blocks of at least PROSE_BLOCK_CJK CJK
# characters, outside the attachment links: tasks/text/html.py) is below PAGE_PROSE_MIN_CJK.
# A report body is thousands, a cover note such as 现将《…》予以公开，详见附件。 a few dozen.
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
# Share of U+FFFD in a decoded page above which it is undecodable.
MAX_REPLACEMENT_SHARE = 0.01
# Share of control characters above which the bytes are a binary file, not a page with stray
# controls (a Word paste leaves a few percent at most; random bytes are about 12% C0).
MAX_CONTROL_SHARE = 0.10

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
