"""Patterns discovery matches on column pages: report link titles and pagination.

Data, not code: a portal that phrases things differently should need a new entry here, each
with the phrasing it came from. Regexes are matched against link text and URLs as found.
"""

from __future__ import annotations

import re

# --- report links on a column (栏目) page ----------------------------------------------------
# Which link titles name a report, and which name a look-alike of one, is the one title rule
# of tasks/text/titles.py (title_verdict), its patterns in tasks/text/patterns.py.

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
