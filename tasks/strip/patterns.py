"""Data for the strip stage: chrome markers, metadata labels, navigation, salutation, page numbers.

Every pattern is matched against a line *key*: whitespace removed, full-width ASCII folded to
half-width and, on traditional pages, converted to simplified — so one simplified entry also
catches 版權所有 / 瀏覽次數. Each entry names the page or phrasing it came from; a new portal
template should mostly mean a new row here.
"""

from __future__ import annotations

import re

from tasks.text.patterns import DATE, NOT_FOUND_MARKERS, UNDER_CONSTRUCTION_MARKERS

# A line is chrome when it matches one of these and is short and has no sentence end (。),
# so a report sentence that mentions e.g. 联系电话 is never dropped.
CHROME_MAX_CHARS = 110
CHROME_LINE_PATTERNS: list[str] = [
    r"^无障碍|无障碍(版|浏览|阅读|模式)",  # 001 "无障碍版 长者助手 登录"; 002 "无障碍浏览"
    r"长者(助手|模式|版)|关怀版|适老化",  # 001/002 "长者助手"; gd.gov.cn "关怀版"
    r"^(登录|注册|登录\|注册|个人登录|法人登录)$",  # 001 top bar "登录"
    r"您(当前|现在)?的?(所在)?位置|当前位置[:>]|所在位置[:>]",  # 001 "您当前的位置: > >其他文件"
    r"^首页(>|»|›|/|\\)",  # breadcrumb "首页 > 政务公开 > …" (002, gov.cn)
    r"网站支持IPv6|IPv6",  # 002 "网站支持IPv6"
    r"简体版|繁体版|简体中文|English\|",  # 002 "明珠湾区| English |简体版|繁体版"
    # 002 "【浏览字号 : -"; "字体:[大 中 小]"
    r"浏览字号|字号[:]?[大中小]|【字体|字体[:]?[大中小]|^[【\[]?[大中小][】\]]?$",
    r"浏览次数|浏览量|阅读次数|阅读量|访问量|点击数|点击量|点击率|访问次数",  # view counters
    r"^分享(到|至)?[:]?|分享到|一键分享|微信分享",  # 001 "… 分享:"; "分享到: 微信 微博"
    # print/close/back widgets: "【打印本页】【关闭窗口】", "[打印] [关闭]", "打印 关闭"
    r"【(打印|关闭|返回)|\[(打印|关闭|返回)|打印本页|关闭窗口|关闭本页",
    r"^((打印|关闭|返回|收藏)(本页|此页|本文|窗口|页面|顶部)?)+$",
    r"收藏本页|加入收藏|设为首页|扫一扫|手机(扫码|打开|查看)|在手机(上)?打开|^二维码$",
    r"版权所有|版权归|Copyright|©",  # 002 "2016 © 版权归…所有" / "版权所有:…"
    r"ICP备|ICP证|公网安备|网安备|网站标识码|政府网站找错|^党政机关$",  # 002 footer, 公网安备
    r"网站地图|联系我们|友情链接|站点地图|网站声明|隐私声明|使用帮助",  # 002 "联系我们| 友情链接"
    r"^主办(单位)?[:]|^承办(单位)?[:]|^协办[:]|^技术支持|^运维(单位|支持)|^维护单位",  # 002 "主办:"
    r"^(联系|咨询|值班|办公)?电话[:]|联系电话|^传真[:]|^邮编[:]|^邮政编码|^(电子)?邮箱[:]",  # 002
    r"^(通讯|办公|联系)?地址[:]",  # 002 "地址:广州市南沙区凤凰大道1号"
    r"建议使用.*浏览器|最佳分辨率|分辨率\d|浏览器版本",  # "建议使用IE8以上浏览器"
    r"上一篇|下一篇|上一条|下一条|^相关(链接|文章|阅读|新闻|信息|附件|文件|稿件)",
    r"^[(（]此件(公开发布|主动公开|不公开|依申请公开)[)）]$",  # note under a signed report
    r"责任编辑|编辑[:]|审核[:]|校对[:]|^作者[:]|^供稿[:]",  # byline of the editor, not the report
    r"返回顶部|返回首页|【返回|\[返回|^返回$|^TOP$|^top$",
    r"^\d{4}年\d{1,2}月\d{1,2}日(星期|周|礼拜)[一二三四五六日天]",  # stale "2019年12月3日星期二"
    r"^(星期|周)[一二三四五六日天]$|农历|天气[:]",  # header calendars/weather
    r"^(搜索|站内搜索|全文检索|高级检索|请输入关键[字词])",  # header search box
    r"^(首页|网站首页|政务公开|政务服务|互动交流|走进\S{1,6}|新闻中心|信息公开)$",  # nav items
    # Widgets of real article templates (bench/templates/real/, each named there), which a
    # copied or exported page prints as lines of their own:
    r"^【?字号】?$|^[【】]$|^【?大中小】?$",  # 密云 "【字号 大 中 小 】", 国微CMS "【大 中 小】"
    r"转摘声明|转载请注明|转载须注明",  # 密云 my-content.ftl "转摘声明：转摘请注明出处并做回链"
    # 定州 footer "本站由…负责", "推荐使用Internet Explorer 7.0以上…浏览本站点"
    r"^本站由.{2,40}负责$|推荐使用.{0,30}浏览",
    r"^[^。,;]{1,80}\.(pdf|docx?|wps|xlsx?|ofd)$",  # attachment buttons: "…报告.pdf" (金湖 zsyz)
    # member login form over the page or inside the article (国微CMS header.html): its
    # labels alone ("用户名：密码：" when the inputs are gone) and its links
    r"^((用户名|帐号|账号|密码|验证码)[:]?)+$|^[|｜]?(注册|忘记密码|帮助中心)[|｜]?$",
    r"^(在线投稿|联系我们|网站地图|友情链接)$",  # 金湖 jh-footer.ftl / jh-links.ftl
    # Share buttons printed one a line under "分享到：" (金湖 zsyz Baidu share bar: QQ空间,
    # 新浪微博, 腾讯微博, 人人网, 微信)
    r"^(微信|微博|QQ空间|QQ好友|QQ|朋友圈|新浪微博|腾讯微博|人人网|豆瓣|微信好友|更多)$",
    r"^(>>|>|»|›|/|\\)+$",  # a breadcrumb's separator left on a line of its own
    r"^[|｜]+$",  # a copied table's cell borders (baiyinqu.gov.cn "|||||…" rows)
]

# Lines made of several short pipe/space separated items are navigation bars:
# 002 "明珠湾区| English |简体版|繁体版| 无障碍浏览|长者助手|登录", "联系我们| 友情链接| 网站地图".
NAV_SEPARATORS = r"[|｜┊丨•·]"
NAV_ITEM_MAX_CHARS = 10

# Breadcrumb separators: 002 "首页 > 政务公开 > 法治政府建设 > 镇街法治政府建设报告".
BREADCRUMB_SEPARATORS = r"\s*(?:>>|>|»|›|→|/)\s*"

# Metadata labels of date/source lines and the information-disclosure table (信息公开目录).
# Order matters: longer labels first so 信息来源 wins over 来源, 发布日期 over 日期.
META_LABELS: dict[str, str | None] = {
    "信息来源": "source",  # 001 "信息来源:中山市三乡镇人民政府 发布日期:2025-01-27"
    "文章来源": "source",
    "稿件来源": "source",
    "来源": "source",  # 002 "来源:横沥镇人民政府发布日期:2021-01-11"
    "索引号": "index_no",  # gov.cn 信息公开 table "索引号: 11440…/2025-00012"
    "发布机构": "issuing_body",  # gov.cn table "发布机构: 中山市三乡镇人民政府"
    "发文机关": "issuing_body",
    "发文机构": "issuing_body",
    "发布单位": "issuing_body",
    "制发机构": "issuing_body",  # yongchang.gov.cn table
    "成文日期": "doc_date",  # gov.cn table "成文日期: 2025-01-20"
    "印发日期": "doc_date",
    "发布日期": "published",  # 001/002
    "发布时间": "published",
    "公开日期": "published",
    "发文日期": "published",
    "发文时间": "published",  # yzh.gov.cn "发文时间 2023-03-14"
    "更新时间": None,
    "组配分类": None,  # disclosure-table rows that carry nothing fazhi keeps
    "主题分类": None,
    "体裁分类": None,
    "服务对象分类": None,
    "公开方式": None,
    "公开范围": None,
    "公开时限": None,
    "有效性": None,
    "生效日期": None,
    "废止日期": None,
    "分类": None,  # TRS table "分类: 其他文件"
    "名称": None,  # TRS table "名称: <the title>"
    "文号": "doc_no",  # gov.cn table "文号: 中府〔2025〕3号"
    "发文字号": "doc_no",
    "关键词": None,
    "浏览次数": None,  # view counters after the date line: "阅读次数:356", "点击数:518"
    "浏览量": None,
    "阅读次数": None,
    "阅读量": None,
    "点击数": None,
    "点击量": None,
    "访问量": None,
    "访问次数": None,
    "作者": None,
    "责任编辑": None,
    "编辑": None,
    "分享": None,  # 001 "… 发布日期:2025-01-27 分享:"
    "字号": None,
    "日期": "published",  # "日期:2021-01-11" on small portals
    "时间": "published",
    # Labels of real article templates (bench/templates/real/README.md names each page):
    "出处": "source",  # 金湖 jh-content.ftl "出处：…"
    "生成日期": "doc_date",  # 国微CMS 信息公开 table "生成日期"
    "信息分类": None,
    "联合发布机构": None,
    "服务对象": None,
    "生命周期分类": None,
    "信息格式/语种": None,
    "主题词": None,  # gov.cn table "主 题 词：", 国微CMS "主 题 词："
    "阅读": None,  # 电子政务网 newsDetail.jsp "阅读:127"
    "浏览": None,  # 国微CMS article "浏览:236次"
    "评论": None,  # 国微CMS article "评论:0条"
    "发布": "published",  # 国微CMS government skin "发布：2024-03-01 作者：admin 浏览:236次"
    "内容概述": None,  # 国微CMS 信息公开 table: the label of the cell holding the report
    "相关信息": None,
}
# Disclosure-table labels that may run into each other without colons when a table is
# copied as text: "索引号001122334/2024-00018发布机构三乡镇人民政府成文日期2024-03-01".
# Only these (long, never the first word of a report sentence), and only two or more on a line.
# yzh.gov.cn (原州区头营镇 report) prints "索 引 号 640421026/2023-00004 发文时间 2023-03-14" /
# "发布机构 原州区头营镇政府 文 号" / "公开方式 主动公开 有效性 有效".
RUN_TOGETHER_LABELS = ("索引号", "发布机构", "成文日期", "发布日期", "公开方式", "组配分类",
                       "主题分类", "公开范围", "发文字号", "浏览次数", "信息来源", "发文机关",
                       "体裁分类", "公开时限", "生成日期", "发文时间", "有效性", "文号",
                       # yongchang.gov.cn: "发文字号 | 金政发〔2025〕33号 | 制发机构 | |"
                       "制发机构")
# Breadcrumb openers after which the items may follow one a line (当前位置： / 首页 / > / …).
BREADCRUMB_OPENER = r"^(您(当前|现在)?的?(所在)?位置|当前位置|所在位置)[:]?$"
BREADCRUMB_ITEM_MAX_CHARS = 20
# A label printed alone on its line takes the next short line as its value (a copied
# disclosure table: "索引号：" / "001122334/2024-00018"); never a paragraph of the report.
LABEL_VALUE_MAX_CHARS = 60
META_FIELD_ORDER = ("published", "source", "index_no", "issuing_body", "doc_date")
# A date line may open with the site's name (and host) before its labels: "湘潭縣人民政府門戶網站
# www.yqfq.com.cn 發布時間:2025-12-24 11:51" (yqfq.com.cn mirror of the 湘潭县 portal).
# Or before a bare date: "中国东莞政府门户网站      2025-01-24 11:48:24  来源: 东莞市司法局"
# (dg.gov.cn, tests/gold 036).
SITE_PREFIX = (r"^[\u4e00-\u9fff]{2,30}(门户网站|网站|门户网|政府网)(www\.[a-z0-9.\-]+)?"
               r"(?=[【\[]?[\u4e00-\u9fff]{2,5}[:]|\d{4}-\d{1,2}-\d{1,2})")

# Document number printed above a 公文-style title: "某府〔2022〕5号", "开州府发[2025]12号".
DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}[〔\[(【]\d{4}[〕\])】]\d{1,4}号"

# Salutation after the title: 003 "区委、区政府:", "市人大常委会:".
ADDRESSEE = r"^[^,。;!?]{2,30}[:]$"
# A report printed without its title may open with the salutation: it then names a superior
# body (tests/gold 012 "中共红河州委、红河州人民政府:", 018 "市人民政府:", 032 "市委、市政府:"),
# not a lead-in of the report's own ("现将有关情况报告如下:").
ADDRESSEE_BODY = r"(委|政府|人大|常委会|政协|局|厅)[:]$"

# A 请示 sent up with the report closes on its request; its signature and date follow, then
# the report's own title (zwgk.shcn.gov.cn, tests/gold 016: "以上请示妥否,请批示。" /
# "上海市长宁区司法局" / "2024年1月4日" / "2023年长宁区法治政府建设情况报告"). The letter is
# not the report: lifted as ``cover_letter``.
COVER_LETTER_CLOSE = r"(请示)?妥否[,，]?请(批示|审示|示)"
COVER_LETTER_MAX_LINES = 20  # the letter is the page's head, a few paragraphs at most

MIN_BODY_CJK = 60  # fewer CJK characters than this is not a report body

# Page numbers of PDF conversions: "- 3 -", "— 3 —", "第 3 页", "第3页 共10页", "3/10".
PAGE_NUMBER = (
    r"^([-—–~]\s*\d{1,3}\s*[-—–~]|第\s*\d{1,3}\s*页(\s*[,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$"
)

# Compiled forms, used by the strip stage.
CHROME_RE = [re.compile(p, re.IGNORECASE) for p in CHROME_LINE_PATTERNS]
NAV_SPLIT_RE = re.compile(NAV_SEPARATORS)
BREADCRUMB_RE = re.compile(BREADCRUMB_SEPARATORS)
_LABELS_LONGEST_FIRST = sorted(META_LABELS, key=len, reverse=True)
_LABEL_ALTERNATION = "|".join(map(re.escape, _LABELS_LONGEST_FIRST))
# 金湖 zsyz skin prints "发布日期1：" (a digit left in the template's label).
# A copied list-style disclosure table bullets its labels: "  • 发布机构:" / "" / "澧浦镇"
# (jindong.gov.cn, tests/gold 027).
LABEL_BULLET = r"[•·●▪]?"
META_RE = re.compile(LABEL_BULLET + r"[【\[]?(" + _LABEL_ALTERNATION + r")\d?[】\]]?\s*[:]")
RUN_TOGETHER_RE = re.compile("|".join(RUN_TOGETHER_LABELS))
BREADCRUMB_OPENER_RE = re.compile(BREADCRUMB_OPENER)
BARE_LABEL_RE = re.compile(LABEL_BULLET + r"[【\[]?(" + _LABEL_ALTERNATION + r")[】\]]?[:]?")
# A date line may open with the bare date: mobile "2025-01-27 来源:… 浏览量:…".
LEADING_DATE_RE = re.compile(rf"^({DATE})(\d{{1,2}}:\d{{2}}(:\d{{2}})?)?")
SITE_PREFIX_RE = re.compile(SITE_PREFIX, re.IGNORECASE)
ADDRESSEE_RE = re.compile(ADDRESSEE)
COVER_LETTER_CLOSE_RE = re.compile(COVER_LETTER_CLOSE)
ADDRESSEE_BODY_RE = re.compile(ADDRESSEE_BODY)
DOC_NUMBER_RE = re.compile(DOC_NUMBER)
NOT_FOUND_RE = [re.compile(p, re.IGNORECASE) for p in NOT_FOUND_MARKERS]
UNDER_CONSTRUCTION_RE = [re.compile(p) for p in UNDER_CONSTRUCTION_MARKERS]
PAGE_NUMBER_RE = re.compile(PAGE_NUMBER)
