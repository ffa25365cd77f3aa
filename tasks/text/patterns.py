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
