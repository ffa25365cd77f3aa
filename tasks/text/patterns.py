"""Patterns more than one stage matches: links, report nouns, titles, issuers, dates, placeholders.

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
