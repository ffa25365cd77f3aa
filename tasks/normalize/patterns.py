"""Data for the normalize stage: what counts as a page number, running header, broken line.

Each entry names the phrasing it came from; PDF/DOCX conversions are the main source.
"""

from __future__ import annotations

import re

# Page numbers printed by PDF conversions: "- 3 -" / "— 3 —" (公文 page footers, GB/T 9704),
# "第 3 页" / "第3页 共10页" / "第 3 页，共 10 页", "3/10", "Page 3", a bare "3".
PAGE_NUMBER = (
    r"[-—–~－]\s*\d{1,3}\s*[-—–~－]"
    r"|第\s*\d{1,3}\s*页\s*[,，/]?\s*(共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3}|(Page|page)\s*\d{1,3}(\s*of\s*\d{1,3})?|\d{1,3}"
)

# A short line repeated on many pages is a running header/footer ("XX区人民政府文件").
RUNNING_HEADER_MIN_REPEATS = 3
RUNNING_HEADER_MAX_CHARS = 40

# Characters between which PDF extraction inserts spaces that the text never had:
# 004 "2021 年", "3000 余份", "截至 11 月底"; "法 治 政 府" letter-spaced headings.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》〈〉【】"
# Letter-spaced digits "2 0 2 1" (three or more single digits) are one number, and so are
# thousands split by a space: PDF "办理行政处罚案件 1 256 件".
SPACED_DIGITS = (
    r"(?<![\d.])\d(?:[ \t\u00a0\u3000]\d){2,}(?![\d.])"
    r"|(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.])"
)

# Line ends that close a sentence: a line ending otherwise continues on the next line.
SENTENCE_END = "。！？!?；;…”’」』）)】:："
# Line ends that always continue: 004 "…严格按照《信访条例》的有关规定，" + next line.
CONTINUES = "，,、（(“‘《〈【"
# Shorter lines without a sentence end are headings ("坚持依法行政，全面推进法治政府建设"
# as a bold subtitle), not broken lines; 004's page-broken lines are 50+ characters.
REJOIN_MIN_CHARS = 35
HEADING_CONTINUATION_MAX_CHARS = 30  # 004 "三、…程序暂行" + "条例等新施行、新修订法律法规的情况"

# List markers that open a heading or list item: "一、" "(一)" "（一）" "1." "1、" "第一条".
ENUMERATOR = (
    r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)"
    r"|第[一二三四五六七八九十百]+[章节条部分])"
)

PAGE_NUMBER_RE = re.compile(PAGE_NUMBER)
SPACED_DIGITS_RE = re.compile(SPACED_DIGITS)
# Spaces go when a CJK character sits on either side (Latin words keep their spaces), and
# between a number and its % sign.
_SPACE = r"[ \t\u00a0\u3000]+"
INNER_SPACE_RE = re.compile(
    rf"(?<=[{CJK}]){_SPACE}(?=\S)|(?<=\S){_SPACE}(?=[{CJK}])|(?<=\d){_SPACE}(?=%)"
)
ENUMERATOR_RE = re.compile(ENUMERATOR)
