"""The one rule for "is this line a title" and "is this line an issuer", and where to look.

Strip and extract's metadata both apply them, and look for titles within the head sizes
below.

Lines are tested as keys (tasks/text/script.py ``line_key``: no whitespace, half-width,
simplified); the patterns are in tasks/text/patterns.py.
"""

from __future__ import annotations

from tasks.text import patterns as pat

# A flattened page (chrome included: a nav bar can take dozens of lines) has its title among
# its first PAGE_HEAD_LINES lines (strip) …
# (a flattened 信息公开 page — login form, nav, a disclosure table with every cell on its own
# line — can put its title 60 lines down: 国微CMS 信息公开 pages, bench/templates/real/)
PAGE_HEAD_LINES = 100
# … a stripped body has its title, issuer and date lines within its first BODY_HEAD_LINES
# lines, above the first paragraph (extract's metadata).
BODY_HEAD_LINES = 15
# A title may be printed over up to three lines (004 "武江区西河镇 2021 年法治政府建设 / 年度报告").
TITLE_MAX_LINES = 3

def is_prose(key: str) -> bool:
    """A line with a sentence end: report text, not a title, heading or label."""
    return bool(pat.SENTENCE_END_RE.search(key))


def title_text(key: str) -> str:
    """A title line without the label a disclosure table prints before it (标题:…) and the
    document number some pages print after it (…报告(潭县自然资字〔2025〕79号)); a title
    printed twice over (a heading and its hidden copy flattened together) is one title."""
    key = key.strip("|｜")  # a title cell copied with its borders: "XX报告|||||"
    key = pat.TITLE_DOC_NUMBER_RE.sub("", pat.TITLE_LABEL_RE.sub("", key))
    half = len(key) // 2
    if len(key) >= 2 * pat.TITLE_MIN_CHARS and len(key) % 2 == 0 and key[:half] == key[half:]:
        return key[:half]  # a heading printed twice in one element is one title
    return key


def is_title(key: str) -> bool:
    """A line shaped like a report title: topic word, report ending, title length; not
    prose, not a heading, not a breadcrumb, nav bar or labelled metadata line."""
    key = title_text(key)
    if not (pat.TITLE_MIN_CHARS <= len(key) <= pat.TITLE_MAX_CHARS) or is_prose(key):
        return False
    if pat.ENUMERATOR_RE.match(key) or pat.NOT_TITLE_RE.search(key):
        return False
    return bool(pat.TITLE_END_RE.search(key) and pat.TITLE_TOPIC_RE.search(key))


def is_site_name(key: str) -> bool:
    """A heading that names the website (…人民政府网站, …新媒体矩阵), never a report's title."""
    return bool(pat.SITE_NAME_RE.search(key))


def names_year(title: str) -> bool:
    """A title naming the year it covers (the report's own, not its column's)."""
    return bool(pat.YEAR_IN_TITLE_RE.search(title))


def lookalike_reason(title: str) -> str | None:
    """``not_a_report_<why>`` for a title that names a document like a report but not one
    (政府信息公开工作年度报告, 述法, 行政复议 reports, 解读, notices, plans …), else None."""
    title = "".join(title.split())
    for why, pattern in pat.LOOKALIKES:
        if pattern.search(title):
            return f"not_a_report_{why}"
    return None


def title_verdict(title: str) -> str:
    """What a list item's title says of its page: ``report``; ``undecided`` (the title names
    the subject but is cut short, so the page must decide); ``not_a_report_<why>`` for a
    look-alike of a report; ``other`` for the rest of a column page (nav, sidebars, …)."""
    title = "".join(title.split())
    subject = bool(pat.REPORT_SUBJECT_RE.search(title))
    # a look-alike names the subject, or is a dated report of another kind in the same
    # column (XX区2023年政府信息公开工作年度报告, XX区2023年行政复议和行政应诉工作报告)
    if subject or (pat.REPORT_NOUN.search(title) and pat.YEAR_IN_TITLE_RE.search(title)):
        reason = lookalike_reason(title)
        if reason:
            return reason
    if not subject:
        return "other"
    if pat.TRUNCATED_TITLE_RE.search(title):
        return "undecided"
    # whose or which year, read beside the subject: 法治政府建设's own 政府 names no issuer
    if pat.REPORT_NOUN.search(title) and pat.REPORT_SPECIFIC_RE.search(
            pat.REPORT_SUBJECT_RE.sub("", title)):
        return "report"
    return "other"


def is_issuer(key: str) -> bool:
    """A line that is only an issuing body's name (XX镇人民政府, 中共XX镇委员会, XX县司法局)."""
    return (len(key) <= pat.ISSUER_MAX_CHARS and bool(pat.ISSUER_LINE_RE.fullmatch(key))
            and not pat.ENUMERATOR_RE.match(key) and not pat.NOT_ISSUER_LINE_RE.search(key))


def is_government(issuer: str) -> bool:
    return issuer.endswith(pat.GOVERNMENT_SUFFIXES)


def is_department(issuer: str) -> bool:
    """A department of a government (XX县司法局, XX省司法厅), not the government itself (XX经济
    开发区管理委员会 governs its zone) nor a party committee (中共XX镇委员会)."""
    return (issuer.endswith(pat.DEPARTMENT_SUFFIXES) and not is_government(issuer)
            and not pat.PARTY_COMMITTEE_RE.search(issuer))
