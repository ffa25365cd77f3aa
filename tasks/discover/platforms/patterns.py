"""Markers and list mechanics of the CMS platforms portals run on: data for the adapters.

Each entry shows the real text it came from; the provenance of that text (public spiders and
saved pages, by repository, path and commit) is in tests/fixtures/platforms/<platform>/README.md.
"""

from __future__ import annotations

import re

# --- TRS WCM (trs.py) ------------------------------------------------------------------
# The pager is drawn by a script, with no <a> for it. Two argument orders:
#   createPageHTML(7, 0, "index", "html")  → index.html, index_1.html … index_6.html
#     (page count, current page from 0, file prefix, extension; "shtml" too);
#   createPageHTML('page_div', 5, 1, 'fg', 'shtml', 89)  → fg.shtml, fg_2.shtml … fg_5.shtml
#     (container id, page count, current page from 1, prefix, extension, item count; csrc.gov.cn,
#     gfex.com.cn); some sites of this form name page N "_N-1", so that is tried when "_N" fails.
TRS_PAGER_0 = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w-]+)[\"']\s*,\s*[\"'](\w+)[\"']")
TRS_PAGER_1 = re.compile(
    r"createPageHTML\(\s*[\"'][\w-]+[\"']\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w-]+)[\"']"
    r"\s*,\s*[\"'](\w+)[\"']")
# The inline form: the count in a variable, the links written by document.write:
#   var countPage = 5//共多少页
#   document.write("<a href=\"index_" + nextPage + ".html\">下一页</a>")
TRS_COUNT_PAGE = re.compile(r"var\s+countPage\s*=\s*(\d+)")
# A TRS page says so: <meta name="generator" content="TRS WCM">, or one of the pagers above.
TRS_MARKERS = re.compile(r"createPageHTML\(|var\s+countPage\s*=|content=[\"']TRS", re.IGNORECASE)
# A list page's own file name, to number its siblings: index.html, index_3.shtml, fg_2.shtml.
TRS_PAGE_FILE = re.compile(r"^([\w-]+?)(?:_\d+)?\.(s?html?)$")

# --- TRS 动静结合 (Fujian; trs_dynamic.py) -------------------------------------------------
# The first pages sit in hidden blocks of the column page; older ones come from a search API,
# POSTed from the page's script (fujian.gov.cn, scjgj.fujian.gov.cn spiders):
#   url: '/fjdzapp/search', data: {channelid: '229105', sortfield: '-docorderpri,-docreltime',
#   classsql: 'chnlid=39794', prepage: 15, page: 1}
# answered with JSON {"docs": [{"title"/"doctitle", "chnldocurl"/"docpuburl", …}], "pagecount": N}.
DYNAMIC_API = re.compile(r"[\"']([^\"']*/fjdzapp/search)[\"']")
DYNAMIC_FIELDS = ("channelid", "sortfield", "classsql", "prepage", "classcol", "classnum",
                  "classsort", "templet")
# channelid: '229105' / "channelid":"229105" / channelid=229105
SCRIPT_FIELD = r"[\"']?{name}[\"']?\s*[:=]\s*[\"']?([^\"',&}}\s]+(?:,[-\w]+)*)[\"']?"
DYNAMIC_PAGE_COUNT_KEYS = ("pagecount", "pageCount", "totalpage", "pageTotal")

# --- Hanweb jcms (hanweb.py) -----------------------------------------------------------
# Records are CDATA in a script of type text/xml; further groups come from dataproxy.jsp:
#   <script type="text/xml"><datastore><nextgroup><![CDATA[…]]></nextgroup><recordset>
#   <record><![CDATA[<li><a href="/art/2023/1/5/art_1229_1.html" title="…">…</a></li>]]></record>
#   $('#3695').jpage({ dataStore: …, proxyUrl: '/module/web/jpage/dataproxy.jsp', perPage: 15,
#   totalRecord: 94, groupSize: 3, ajaxParam: {col: 1, appid: 1, webid: 1, path: '/',
#   columnid: 1229, sourceContentType: 1, unitid: 3695, webname: '…', permissiontype: 0} })
# and the spiders POST …/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15 with that form
# (col, appid, webid, path, columnid, sourceContentType, unitid, webname, permissiontype).
HANWEB_MARKERS = re.compile(r"<datastore>|jpage/dataproxy\.jsp|\.jpage\(", re.IGNORECASE)
HANWEB_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)
HANWEB_PROXY = re.compile(r"[\"']([^\"']*jpage/dataproxy\.jsp)[^\"']*[\"']")
HANWEB_TOTAL = re.compile(r"totalRecord\s*:\s*[\"']?(\d+)|<totalrecord>(\d+)</totalrecord>",
                          re.IGNORECASE)
HANWEB_PER_PAGE = re.compile(r"perPage\s*:\s*[\"']?(\d+)")
HANWEB_GROUP_SIZE = re.compile(r"groupSize\s*:\s*[\"']?(\d+)")
HANWEB_AJAX_PARAM = re.compile(r"ajaxParam\s*:\s*\{([^}]*)\}")
# Pages without ajaxParam carry the same fields in the datastore's nextgroup link:
#   <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=67
#   &path=/&columnid=77278&unitid=303271&webname=…&permissiontype=0"></a>]]></nextgroup>
HANWEB_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=[\"']([^\"']+)", re.DOTALL)
HANWEB_PARAM = re.compile(r"(\w+)\s*:\s*(?:[\"']([^\"']*)[\"']|([-\w./]+))")
HANWEB_FORM_FIELDS = ("col", "appid", "webid", "path", "columnid", "sourceContentType",
                      "unitid", "webname", "permissiontype")
HANWEB_DEFAULT_PER_PAGE, HANWEB_DEFAULT_GROUP_SIZE = 15, 3

# --- Guangdong 政务公开目录 (gkmlpt.py) ------------------------------------------------------
# A Vue shell whose list comes from a JSON API; the category is the URL fragment a person
# copies (http://sfj.gz.gov.cn/gkmlpt/index#14266):
#   window._CONFIG = { SID: '755031', … }   (the spiders read it as /SID:\s*'([0-9]+)'/)
#   GET /gkmlpt/api/all/{catid}?page=N&sid={SID} → {"articles": [{"title", "url",
#   "display_publish_time", …}], "total": 223}     (page from 1; catid 0 is every category)
GKMLPT_SID = re.compile(r"\bSID\s*:\s*[\"']?(\d+)")
GKMLPT_MARKERS = re.compile(r"/gkmlpt/|window\._CONFIG")
GKMLPT_API = "{root}/gkmlpt/api/all/{catid}?page={page}&sid={sid}"
GKMLPT_ROOT = re.compile(r"^(.*?)/gkmlpt/")

# --- VSB 博达 (vsb.py) -------------------------------------------------------------------
# list.htm, then list/N.htm numbered backwards:
#   <a href="list/4.htm" class="Next">下页</a> … <span class="NextDisabled">下页</span>
# and the CMS's own resources: /system/resource/js/…, _sitegray, vsb_ ids.
VSB_MARKERS = re.compile(r"/system/resource/|_sitegray|class=[\"']Next[\"']|vsbscreen",
                         re.IGNORECASE)
VSB_PAGE_URL = re.compile(r"/\d+\.htm$")

# --- generic (generic.py) --------------------------------------------------------------
# A JSON list API named in a page's script: url: '/api/list.json?page=1', "/xxx/list?pageNo=1".
# Only inside <script> blocks, and only paths that say api/list/data, so a page's search box
# or share links are not taken for a list.
SCRIPT_BLOCK = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
SCRIPT_JSON_API = re.compile(
    r"[\"']((?:https?://[^\"'\s]+)?/[^\"'\s]*?(?:api|list|data)[^\"'\s]*?"
    r"(?:\.json|[?&](?:page|pageNo|pageIndex)=\d+)[^\"'\s]*)[\"']", re.IGNORECASE)
API_PAGE_PARAM = re.compile(r"([?&](?:page|pageNo|pageIndex)=)(\d+)")

# --- JSON answers (every API above) ----------------------------------------------------
# Keys that hold an item's title and address in the answers seen: gkmlpt articles[].title/url,
# Fujian docs[].doctitle|title / chnldocurl|docpuburl|url, generic APIs title|name / url|link.
JSON_TITLE_KEYS = ("title", "doctitle", "DOCTITLE", "name", "subject")
JSON_URL_KEYS = ("url", "chnldocurl", "docpuburl", "DOCPUBURL", "post_url", "link", "href")
