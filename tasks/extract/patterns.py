"""Phrasing data for fact extraction: units, qualifiers, non-fact contexts, subject boundaries.

Everything here is data the extractor applies (numbers.py, facts.py, sections.py). A new
phrasing found in a report should mostly mean a new entry here. Each entry's comment names
the phrasing it came from.
"""

from __future__ import annotations

# --- units -----------------------------------------------------------------------------------
# unit as printed → kind. Longest first is enforced where the regex is built, so 人次 wins
# over 人 and 个百分点 over 个.
UNIT_KINDS: dict[str, str] = {
    # events, cases, items
    "次": "count",  # 召开镇党委会议25次; 学法讲座两次
    "人次": "count",  # 接待法律咨询80余人次; 3000多人次的群众评议
    "件": "count",  # 政府信息公开申请54件
    "件次": "count",  # 提供法律服务503件次
    "宗": "count",  # 调解纠纷453宗
    "宗次": "count",  # 集体讨论案件104宗次
    "起": "count",  # 化解矛盾纠纷356起
    "场": "count",  # 开展村居法治讲座48场
    "场次": "count",  # 法治宣传活动45场次
    "期": "count",  # 举办培训班3期
    "项": "count",  # 审议议题245项
    "个": "count",  # 划分网格28个; 服务站一个
    "份": "count",  # 宣传资料3000余份; 法律意见书18份
    "条": "count",  # 悬挂宣传横幅30条
    "篇": "count",  # 发布普法信息12篇
    "本": "count",  # 发放法律读本200本
    "册": "count",  # 发放宣传手册500册
    "张": "count",  # 张贴海报80张
    "幅": "count",  # 悬挂横幅20幅
    "块": "count",  # 设置宣传栏6块
    "批": "count",  # 清理文件两批
    "批次": "count",  # 抽检食品30批次
    "户": "count",  # 走访企业商户120户
    "家": "count",  # 检查企业35家
    "处": "count",  # 整治隐患点12处
    "座": "count",  # 建成法治公园2座
    "所": "count",  # 走访学校8所
    "支": "count",  # 组建普法志愿队伍3支
    "台": "count",  # 配备执法记录仪10台
    "套": "count",  # 配备执法装备5套
    "部": "count",  # 制定规范性文件2部
    "节": "count",  # 开设法治课12节
    "卷": "count",  # 共评查案卷280卷
    "人": "count",  # 配备法律明白人19人
    "名": "count",  # 持证执法人员28名
    "位": "count",  # 邀请律师3位
    "课时": "count",  # 学法时长40课时
    "学时": "count",  # 网上学法20学时
    # money: 万元 keeps 万 in the printed unit (241.37万元 → value 2413700, unit 万元)
    "元": "amount",  # 发放补贴500元
    # rates
    "%": "rate",  # 出庭应诉率达到100%
    # other measures (scores, durations, areas)
    "分": "other",  # 综合评分满分10分
    "个百分点": "other",  # 同比提高5个百分点
    "个工作日": "other",  # 办理时限压缩至5个工作日
    "个月": "other",  # 持续开展3个月
    "小时": "other",  # 提供24小时服务
    "天": "other",  # 集中整治30天
    "平方米": "other",  # 建成法治广场500平方米
    "亩": "other",  # 清理违建用地12亩
    "公里": "other",  # 巡查河道20公里
    "倍": "other",  # 增长1.5倍
}

# Units that count people; an indicator of people (受益群众) takes only these (and 人次).
PEOPLE_UNITS: tuple[str, ...] = ("人", "名", "位")

# Printed between the number and a money unit; the printed unit keeps it (796.41万元).
MONEY_SCALES: tuple[str, ...] = ("万", "亿", "千")

# A unit char followed by these is a word, not a unit: 四条例 (四条 + 例), 一次性补贴.
NOT_UNIT_WORDS: tuple[str, ...] = (
    "条例",  # 民法典、四条例等相关法规
    "条件",  # 三个条件
    "次性",  # 一次性告知
    "名单",  # 三名单
    "名称",
    "场所",  # 公共场所
    "位数",
    "分之",  # 三分之一 (a fraction, not 分 the score unit)
    "家庭",  # 五好家庭
    "部门",  # 三部门联合
    "天然",
    "元旦",
    "家子",  # 三十家子镇 (a place name)
    "台子",  # 三台子村
)

# --- qualifiers --------------------------------------------------------------------------------
# Printed before the number: 累计公开各类文件近79份; 普法人数超10000人; 出庭应诉率已超过49%.
# 达/达到 (化解率达100%) are verbs, not approximations: they are not listed.
QUALIFIERS_BEFORE: tuple[str, ...] = (
    "将近",  # 将近200人
    "超过",  # 出庭应诉率已超过49%
    "不足",  # 不足10%
    "不到",  # 不到5件
    "近",  # 近79份
    "超",  # 超10000人
    "约",  # 约300人
    "逾",  # 逾千人
)
# Printed between the number and the unit: 3000余份, 400多名, 两万余人, 1.2万余人次.
QUALIFIERS_INSIDE: tuple[str, ...] = ("余", "多")
# Printed after the unit: 参与率90%以上, 300人左右.
QUALIFIERS_AFTER: tuple[str, ...] = ("以上", "左右")

# Range separators: 3-5次, 80%~90%, 三至五次.
RANGE_SEPARATORS: tuple[str, ...] = ("-", "~", "～", "—", "至", "到")

# --- numbers that are not facts -----------------------------------------------------------------
# Words a Chinese numeral is part of, never a quantity: 十分重视, 一起开展, 三番五次.
NOT_NUMBER_WORDS: tuple[str, ...] = (
    "十分",  # 十分重视
    "一起",  # 与群众一起开展
    "一道",  # 一道参与
    "一件事",  # “一件事一次办”
    "一把手",  # 党政一把手负总责
    "一揽子",
    "一体化",
    "万一",
)

# Political slogans with a counted noun: 两个维护, 四个意识, 三项制度 (行政执法“三项制度”).
SLOGAN_PATTERN = (
    r"(?:两个(?:维护|确立|务必|毫不动摇|百年)|三个(?:代表|务必)|四个(?:意识|自信|全面|狠抓)"
    r"|五个(?:必由之路)|三项制度|两项制度|六个(?:坚持))"
)

# Ordinals and frequencies: 第三届, 第十一次会议 (ordinal), 每一个环节 (every).
ORDINAL_PREFIXES: tuple[str, ...] = ("第", "每", "首")

# Quote marks around names and slogans: “1310”具体部署, “六进”, “一长三员”, “12.4”国家宪法日.
# A number inside such a short quote is part of a name.
NAME_QUOTES: dict[str, str] = {"“": "”", "\"": "\"", "‘": "’", "「": "」", "『": "』"}
NAME_QUOTE_MAX_CHARS = 16
# Book-title marks: 《法治政府建设实施纲要(2021-2025年)》,
# 《1+1+9+N行政复议与调解有机衔接工作方案》.
TITLE_QUOTES: dict[str, str] = {"《": "》", "<": ">"}

# A count right after a closing quote restates the named items (《A》《B》两个方案,
# “A、B”两个重要方面); with 等 in between (《A》《B》等4份规范性文件) it is a fact.
APPOSITION_OPENERS: tuple[str, ...] = ("”", "》", "\"", "』", "」")

# Counted parts of an argument, not quantities: 主要表现在以下三个方面, 把好5个环节.
ABSTRACT_HEADS: tuple[str, ...] = (
    "方面", "层面", "环节", "维度", "原则", "阶段", "步骤", "特点", "途径", "要素",
)

# Units of rhetorical counts: a small Chinese numeral before its noun with these (落实三张清单,
# 建设一支队伍, 推行两项机制) is rhetoric; with 份/次/场/件 (对两份规范性文件进行审查,
# 召开两次专题会议) it is a count. 一 before any noun is an article (开展一次全面自查).
RHETORIC_UNITS: tuple[str, ...] = ("个", "张", "项", "支", "条", "位", "批", "套", "节", "部")

# A head count describing a group's size, not people counted: 成立3人工作小组.
GROUP_SIZE_HEADS: tuple[str, ...] = (
    "小组", "工作小组", "工作组", "专班", "工作专班", "团队", "专家组", "督导组", "调查组",
    "工作队",
)
# Durations used as a modifier (提供24小时服务, 在15个工作日内答复) are terms, not facts;
# printed after what they measure (集中整治30天。) they are.
DURATION_UNITS: tuple[str, ...] = ("小时", "天", "个工作日", "个月", "分钟")

# A count done every period is a frequency (每月开展1次集中学法): kind other.
FREQUENCY_PATTERN = r"每(?:个|一)?(?:月|季度|季|周|年|半年|天|日|星期|学期)"
# A change printed after a fact describes that fact (申请35件,同比增长16.7%).
CHANGE_SUBJECT_PATTERN = (
    r"^(?:同比|环比|比上年|较上年|较去年|比去年)?(?:增长|下降|提高|减少|上升|增加|降低|提升)了?$"
)
# A reach printed after a fact with only its verb (开展法治培训10场次,覆盖500余人次) counts
# that fact's audience: 法治培训覆盖.
REACH_VERBS: tuple[str, ...] = ("覆盖", "惠及", "受益", "参与", "参加", "涉及", "服务")
# The same measure for an earlier period (受理申请12件(上年9件)) → 申请上年.
PRIOR_PERIOD_WORDS: tuple[str, ...] = ("上年", "去年", "上年同期", "去年同期", "上一年度", "上年度")

# Page-chrome counters left in a body are not facts the government reports: 浏览次数:1024次.
CHROME_COUNTER_WORDS: tuple[str, ...] = (
    "浏览次数", "浏览量", "阅读量", "阅读次数", "访问量", "点击量", "点击数", "访问次数",
)

# --- clauses -----------------------------------------------------------------------------------
# A quote is the clause between these marks; 、 stays inside (群众来访来电来信192宗、320人次).
CLAUSE_PUNCTUATION = ",;。:!?\n，；：！？"
# The after-number subject also stops at 、 (400多名党员干部、村居两委成员参加 → 党员干部).
LIST_PUNCTUATION = "、"

# --- subjects ----------------------------------------------------------------------------------
# Tokens that end the part of a clause before the subject: the light verb, adverb or time word
# that precedes what is counted. The subject is what follows the last of them; they are never
# a subject themselves (全年累计处理20宗 takes its subject from the clause before).
SUBJECT_BOUNDARY_WORDS: frozenset[str] = frozenset(
    {
        # 共召开镇领导班子会议42次; 镇公共法律服务站接待群众法律咨询641宗
        "开展", "召开", "举办", "组织", "接待", "办理", "提供", "接收", "接受", "受理",
        # 全年累计处理20宗; 联合我镇司法所统筹办理…法制审查1件
        "处理", "完成", "实现", "做好", "落实", "推进", "指导", "联合", "统筹", "借助",
        # 全镇现有行政执法专项编制59名; 全年共有行政诉讼案件一审73宗
        "依托", "利用", "通过", "共", "共有", "共计", "合计", "总计", "累计", "现有",
        "已有", "拥有", "有", "全年", "年内", "今年", "本年度", "年度", "以来", "至今",
        # 其中已开庭13宗; 等专题宣传活动70余场
        "目前", "截至", "截止", "其中", "已", "已经", "均", "等", "为", "对", "向", "给",
        "在", "经", "了", "并", "达", "达到", "超过", "同比", "分别", "是", "将",
        # 全年共发生行政诉讼案件58件
        "发生",
        # 依法公示行政执法案件72宗
        "依法", "依规", "依法依规",
    }
)
# Content verbs: a boundary when an object follows (发放宣传资料3000余份 → 宣传资料), the subject
# itself when nothing does (开展培训2次 → 培训 is governed by 开展, not by these).
SUBJECT_VERB_BOUNDARIES: frozenset[str] = frozenset(
    {
        # 划分网格28个; 新收一审行政诉讼案件14件
        "化解", "发放", "派发", "悬挂", "张贴", "配备", "设立", "建立", "建成", "划分",
        "配齐", "新收", "收到", "报送", "出具", "制定", "印发", "发布", "开设", "聘请",
        # 惠及群众2000人; 签订合同15份
        "邀请", "走访", "参加", "参与", "录入", "上报", "清理", "新增", "增设", "举行",
        "培养", "选聘", "选派", "签订", "签署", "审议", "征集", "收集",
        # 为群众挽回经济损失三十万元; 收缴罚没款1.5亿元; 成立法治工作专班2个
        "挽回", "收缴", "追回", "兑现", "成立", "组建",
    }
)
# Tokens dropped from the end of the before-number part: 查处交通执法违法共433件, 结案率为79.6%,
# 出庭应诉率已超过49%, 占行政执法专项编制人员总数的47.46%.
SUBJECT_TRAILING_WORDS: frozenset[str] = frozenset(
    {
        "的", "达", "达到", "为", "是", "已", "已经", "共", "共计", "合计", "总计", "累计",
        "共有", "现有",  # 人民调解委员会共有218个
        "占",  # 具有大专以上学历的占45.6%
        "计", "均", "都", "分别", "有", "了", "超过", "将近", "高达",
        "仅", "只有", "还有", "同比", "保持", "稳定", "在", "提升", "提高", "增长", "下降",
    }
)
# jieba frequency from which a word ending in a particle is a word (行为 8963) rather than a
# particle glued to the word before a number (比达 260 in 审批时限压缩比达89%).
COMMON_WORD_MIN_FREQ = 1000
# Distributive adverbs: 参考率、合格率均达100% is one fact per listed subject.
DISTRIBUTIVE_WORDS: frozenset[str] = frozenset({"均", "都", "皆", "全部", "分别"})
# Separators of a subject list in a distributive clause (参考率、合格率均达100%).
SUBJECT_LIST_SEPARATORS = r"[、和及与]|以及"
# Parenthetical asides dropped from a subject: 乡镇数(包括镇、乡、民族乡), 案件(不含简易程序);
# short ones name a part (村(社区), 案(事)件, 宗(次)) and stay.
ASIDE_OPENERS: tuple[str, ...] = ("包括", "含", "不含", "其中", "即", "主要", "涉及", "以下")
ASIDE_MIN_CHARS = 7

# Tokens dropped from the start of a subject: 我镇新收…, 全镇现有…, 其中,法律咨询352件次.
SUBJECT_LEADING_WORDS: frozenset[str] = frozenset(
    {
        "我镇", "全镇", "本镇", "我乡", "全乡", "我街", "全街", "我区", "全区", "我县", "全县",
        "我市", "全市", "本级", "其中", "年度", "全年", "今年", "目前", "各类", "累计", "共",
        "依法", "和", "及", "与", "以及", "并",  # 产生行政复议13件和行政诉讼1件
    }
)
# A leading token ending with these is a place (炭步镇综合行政执法立案348宗 → 综合行政执法立案).
PLACE_SUFFIXES: tuple[str, ...] = ("镇", "乡", "街道", "街")
# Tokens that end the noun phrase after a number (49名镇人大代表对全镇…, 14个行政村和1个社区,
# 4份规范性文件均进行了…, 21宗案件的意见建议答复, 512名群众解决矛盾纠纷).
AFTER_SUBJECT_STOP_WORDS: frozenset[str] = frozenset(
    {
        "全部", "全都", "均已", "取得",  # 3名执法人员全部取得行政执法证
        "的", "对", "为", "和", "与", "及", "以及", "在", "进行", "参加", "参与", "解决", "均",
        "都", "已", "共", "被", "将", "向", "从", "由", "给", "把", "使", "让", "涉及", "本年度",
        "全年", "等", "中", "得到", "受到", "获得", "提供", "开展", "办理", "实现", "完成",
        "接受", "纳入", "进入", "到", "至", "于", "是", "并", "通过", "覆盖", "包括", "出席",
        "工作", "情况", "方面", "以上", "左右", "公开",  # 4件行政规范性文件公开
    }
)
# jieba part-of-speech flags that end the noun phrase after a count once it has begun: verbs
# (not vn, a verbal noun like 培训), prepositions, conjunctions, particles, adverbs
# (3起违法行为处以罚款 → 违法行为). str.startswith prefixes; vn is let through explicitly.
NOUN_PHRASE_ENDING_TAGS: tuple[str, ...] = ("v", "p", "c", "u", "d")
# Flags of words that can head what is counted; a phrase without one is no subject.
NOUN_TAGS: tuple[str, ...] = ("n", "vn", "l", "j", "eng", "nz", "i")
# After a count, a rate noun belongs to the next number (办理业务3000件群众满意率100%).
RATE_NOUN_ENDINGS: tuple[str, ...] = ("率", "度", "比例", "比重")

# Longest subject read from the rest of a clause when nothing else names the count.
SUBJECT_MAX_CHARS = 16

# --- indicators ------------------------------------------------------------------------------
# The head noun comes last in Chinese: a synonym maps a subject only when nothing follows it but
# one of these generic heads (出庭应诉开庭审理案件, 专题学习活动, 延伸审计专项资金项目);
# 法治宣传长廊 is no publicity event and 宣传资料和小礼品 no material count.
INDICATOR_GENERIC_HEADS: tuple[str, ...] = (
    "案件", "案(事)件", "事件", "活动", "事项", "工作", "项目", "次数", "数量", "总数", "人数",
    "金额",  # 罚没款金额
    "信息",  # 主动公开政府文件、政务要闻等信息2548条
    "申请",  # 行政复议申请48件
    "件", "次", "宗",
    "违法",  # 查处交通执法违法共433件
)
# The rest of a list is no measure of its own: 提供法律服务503件次,其中…其他法律服务9件次.
INDICATOR_REMAINDER_MARKS: tuple[str, ...] = ("其他", "其它")
# A synonym followed by more list items does not name the subject alone.
INDICATOR_LIST_MARKS: tuple[str, ...] = ("、", "和", "及", "与")
# Marks that may sit between a synonym and its head: “公证下乡”活动.
INDICATOR_IGNORED_MARKS = "“”\"'‘’()"

# --- scope and parts (fact_scope.py) -----------------------------------------------------------
# What a figure covers, read from its sentence up to the number. A year's report states the
# year's figures; these phrasings make a figure cover more than the year.
# Several years: 近三年; 三年来 / 五年间 (一年来 is the year itself); 2019—2023年;
# 2021年以来; “八五”普法以来 (a five-year plan).
SCOPE_MULTI_YEAR_PATTERNS: tuple[str, ...] = (
    r"近[两二三四五六七八九十\d]+年",  # 近三年共办理…
    r"[两二三四五六七八九十\d]+年(?:来|以来|间)",  # 三年来累计…; not 一年来
    r"(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}",  # 2019—2023年
    r"(?:19|20)\d{2}\s*年\s*以来",  # 2021年以来
    r"[一二三四五六七八]五.?普法以来",  # “八五”普法以来
)
# Since something began: 自“梁志勇个人调解工作室”建立以来共调处案件19宗; 成立至今; 历年.
SCOPE_CUMULATIVE_PATTERNS: tuple[str, ...] = (
    # 自…建立以来 (after the multi-year patterns: 2021年以来 is several years); 今年以来 is the
    # year itself (今年以来,我镇共召开16次综合行政执法案审会)
    r"(?<!今年)(?<!本年)(?<!年初)(?<!年度)以来",
    r"至今",  # 工作室成立至今
    r"历年",  # 历年累计
    r"自.{1,30}?起",  # 自工作室挂牌起
)
# 累计 alone is no scope of its own: a year's report says 全年累计处理20宗 and
# 截至2025年12月31日累计公开各类文件近79份 of the year itself, so it is read as the year.

# A part of the figure printed before it in the same sentence: 提供法律服务503件次,其中,
# 法律咨询352件次、法治宣传124场次; 新收一审行政诉讼案件14件,其中已开庭13宗.
# (含…) too: 办理案件20件(含简易程序5件); a bare 含 is left alone (含金量).
PART_MARKERS: tuple[str, ...] = ("其中", "包括", "(含", "（含")
# A success count printed right after the count it succeeded on, in the same statement, is a
# part of it without a marker: 全年排查调处矛盾纠纷58宗,调解成功52宗,调解成功率89.7%
# (seeds/portal/texts/longgui_2023.txt; 52/58 = 89.7%).
SUCCESS_PART_PREFIXES: tuple[str, ...] = ("调解成功", "成功调解", "化解成功", "成功化解")
# Where a list of parts ends: a sentence, or a semicolon (调解纠纷453宗;各村居法律顾问…).
PART_LIST_ENDS = "。!?！？;；\n"
SENTENCE_ENDS = "。!?！？\n"

# --- outline ------------------------------------------------------------------------------------
# Heading markers: 一、… (level 1), (一)… (level 2), 1.… / 1、… (level 3).
HEADING_PATTERNS: tuple[tuple[int, str], ...] = (
    (1, r"[一二三四五六七八九十]{1,3}、"),  # 二、存在问题
    (1, r"第[一二三四五六七八九十]{1,3}部分[、,:]?"),  # 第二部分 存在的问题
    (2, r"[(（][一二三四五六七八九十]{1,3}[)）]"),  # (一)强化统筹推进。
    (3, r"\d{1,2}(?:\.(?!\d)|、)"),  # 1. 加强组织领导,完善机制建设
)
HEADING_MAX_CHARS = 60
# Heading words → section kind. A heading naming two kinds (主要举措和成效、存在的不足和原因;
# 下一年度…的主要安排) is mixed: its subheadings decide.
SECTION_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # 二、存在问题; 三、2024年推进法治政府建设存在的不足
    ("problems", ("存在问题", "存在的问题", "存在的不足", "不足", "短板", "差距", "薄弱")),
    (
        "plans",
        (
            "下一步", "工作计划", "工作安排", "主要安排", "工作思路", "工作打算", "目标举措",
            "下一年度", "今后", "展望", "明年", "工作措施",
        ),
    ),  # 二、下一步工作计划; 三、2026年工作安排; (八)下一步工作措施
    ("achievements", ("主要工作", "主要举措", "成效", "工作开展情况", "主要做法", "工作成效")),
)
# Weaker achievement words, used only when a heading names no kind above:
# 一、聚焦学习宣传贯彻习近平法治思想…开展情况; 五、…履行推进法治建设第一责任人职责…有关情况.
SECTION_ACHIEVEMENT_FALLBACK_WORDS: tuple[str, ...] = ("情况", "履行", "职责")
