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
    "票": "count",  # 贊成2102票,反對1票,棄權4票 (a vote tally, each its own fact)
    "类": "count",  # 新增服务事项5类、27项
    "面": "count",  # 户外宣传实体设施设置36面 (东莞 2024)
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
    "分类",  # 11441900007345693W/2025-00066分类 (an index number run into its label)
    "面向", "面积", "面临", "面对", "面貌", "面上",  # 三面向, 面积; 36面 is a count of boards
)
# A word above that starts a longer word is a unit after all: 组织70余名单位主要负责人完成专题
# 述法 (古丈县 2024: 名 + 单位, not 名单).
NOT_UNIT_EXCEPTIONS: tuple[str, ...] = ("名单位",)

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
# A session numbered within a term is an ordinal too: 市委十二届八次全会 (新海街道 2024), 十四届
# 三次会议: the number right after 届 names the plenary.
ORDINAL_TERM_MARKS: tuple[str, ...] = ("届",)
# A number run into letters or a slash is part of an index or document number, not a count:
# 11441900007345693W/2025-00066 (a 索引号 left in a flattened page's body).
INDEX_NUMBER_MARKS = "/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# An indefinite 一 with these units names no number: 带动一批 (a batch of), 一些.
VAGUE_COUNT_UNITS: tuple[str, ...] = ("批",)

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
RHETORIC_UNITS: tuple[str, ...] = ("个", "张", "项", "支", "条", "位", "批", "套", "节", "部", "类")

# A head count describing a group's size, not people counted: 成立3人工作小组.
GROUP_SIZE_HEADS: tuple[str, ...] = (
    "小组", "工作小组", "工作组", "专班", "工作专班", "团队", "专家组", "督导组", "调查组",
    "工作队",
)
# Durations used as a modifier (提供24小时服务, 在15个工作日内答复) are terms, not facts;
# printed after what they measure (集中整治30天。) they are.
DURATION_UNITS: tuple[str, ...] = ("小时", "天", "个工作日", "个月", "分钟")

# A number joined by + is part of a formula or slogan, not a count: 构建“1+3+N”工作体系.
FORMULA_MARKS = "+＋"

# A count done every period is a frequency (每月开展1次集中学法): kind other.
FREQUENCY_PATTERN = r"每(?:个|一)?(?:月|季度|季|周|年|半年|天|日|星期|学期)"
# --- how facts relate: changes, before and after, parts, time scope -------------------------
# A change printed right before its number is kind change: 受理行政复议案件21件,同比下降12.5%;
# 全国新收行政复议案件31.5万件,同比增长17.1% (人民日报 on 司法部's 2023 report); 平均得分率为
# 61.74%,上升2.04% (法治政府蓝皮书 2017). Its subject is what changed: the fact before it, or the
# phrase before the comparison (行政复议案件同比下降12.5%). A verb with a noun after the count
# is no change (减少了6项…证明材料: six items were cut), nor 新增 (新增5个: five new ones).
# 同比, 环比, 比上年(同期), 较去年, 较之2015年 (法治政府蓝皮书 2017: 平均得分率为66.31%,较之2015年
# 上升4.57%).
CHANGE_COMPARISON_PATTERN = (
    r"同比|环比|(?:较之|较|比)\s*(?:\d{4}\s*年度?|上一?年度?(?:同期)?|去年(?:同期)?|同期)"
)
CHANGE_VERBS_UP: tuple[str, ...] = ("增长", "提高", "上升", "增加", "提升", "增")
CHANGE_VERBS_DOWN: tuple[str, ...] = ("下降", "减少", "降低", "下滑", "回落", "降", "减")
# before → after of one subject: 公开率由62%提升到98%. 由/从 right before a number marks the
# earlier value (scope prior); a verb + 到/至/为 right before the next number marks the later one.
BEFORE_VALUE_MARKERS: tuple[str, ...] = ("由", "从")
AFTER_VALUE_PATTERN = (
    r"^(?:提升|提高|上升|增加|增长|下降|降低|减少|缩短|压缩|缩减|降|增|升|减)(?:到|至|为)$"
)
# A share printed right after a count: 咨询类诉求124599件,占63.72% (唐山 12345 热线月报);
# 维持原行政行为2件,占比22.2% (a county 司法局's 2021-2025 复议 summary) → the share of that
# count: 咨询类诉求占比, 维持原行政行为占比.
SHARE_WORDS: tuple[str, ...] = ("占", "占比")
SHARE_SUFFIX = "占比"
# One value for two rates: 合法性审查率、备案率双100% (双 = both at 100%).
# A bare rate with 均 right after a list of counts is that rate of each of them: 办理县人大代表建议
# 119件、县政协委员提案105件,办复率均为100% (a county's 2025 report) → 建议办复率, 提案办复率.
SHARED_VALUE_WORDS: tuple[str, ...] = ("双",)

# Parts of a total: 依法办结行政复议案件29.3万件,…,其中司法部办结国务院行政复议案件4644件;
# 全市共清理证明事项201件…。其中,市政府有关工作部门清理证明事项71件 (a new sentence opening
# with 其中 continues the one before); 案件(含简易程序5件).
PART_MARKER_PATTERN = r"其中|包括|(?:^|[(（,，:：])(?:内含|含)"
# A count whose subject says it is the successful or qualified share of the count printed just
# before it in the sentence is a part of it without any 其中: 全年排查调处矛盾纠纷58宗,调解成功
# 52宗 (seeds/portal/texts/longgui_2023.txt); 行政执法人员59名,持证执法人员28名.
SUBSET_SUBJECT_WORDS: tuple[str, ...] = ("成功", "持证")
# Units a part may print while its total prints another of the same family: 法律服务503件次,其中,
# 法律咨询352件次、法治宣传124场次… (events); people. Other units take parts in their own unit
# only: 制发意见书4958份;其中,…意见书43份,约谈有关方面26次 (26次 is no part of 4958份).
PART_UNIT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"次", "件", "件次", "宗", "宗次", "起", "场", "场次", "期"}),
    frozenset({"人", "名", "位", "人次"}),
)
# Marks that end a run of parts (and the sentence a time phrase governs).
SENTENCE_END_MARKS = "。!?！？\n"

# Time scope of a figure, read from its sentence before the number; the last phrase wins.
# cumulative: 自“梁志勇个人调解工作室”建立以来共调处案件19宗; 2018年以来…清理取消证明事项66项
# (天水市司法局); 历年; 截至目前累计. A bare 累计 is not (全年累计处理20宗, 累计普法人数超10000人
# in a town's yearly report count the year).
CUMULATIVE_SCOPE_PATTERN = r"以来|历年|至今|(?:截至|截止)[^;；。]{0,12}累计"
# YYYY年以来 is cumulative unless YYYY is the year the report covers (2021 年以来 in a 2021 report).
SINCE_YEAR_PATTERN = r"(\d{4})\s*年\s*以来"
# multi_year: 近三年, 三年来, 2008年1月至2010年5月底 (温州中院), 2021-2023年, “十四五”期间.
MULTI_YEAR_SCOPE_PATTERN = (
    r"近[两二三四五六七八九十\d]+年(?!度)|(?<![一-龥])[两二三四五六七八九十\d]+年来"
    r"|\d{4}\s*年?\s*(?:\d{1,2}\s*月(?:份|底)?)?\s*[-—–~～至到]\s*\d{4}\s*年"
    r"|“?十[一二三四五六]五”?(?:期间|时期|以来)"
)
# year: this year's own words reset a scope printed earlier in the sentence; 今年以来 (since the
# start of this year) is this year's figure too, and so is 全年以来 (新海街道 2024: 全年以来开展
# 街道党工委扩大会议“第一议题”、理论学习中心组学习共67次).
YEAR_SCOPE_PATTERN = (
    r"(?:今年|本年度?|年初|全年|入[汛冬夏春秋]|\d{1,2}\s*月(?:份|底)?)以来|全年|今年|本年度?|年内|当年"
)
# A count of batches the next count was done in: 已分9批取消下放了599项国务院部门行政审批事项
# (马怀德 2016 on 国务院's reform) counts batches of those items.
BATCH_UNITS: tuple[str, ...] = ("批", "批次")
BATCH_LEAD = "分"
# A reach printed after a fact with only its verb (开展法治培训10场次,覆盖500余人次) counts
# that fact's audience: 法治培训覆盖.
REACH_VERBS: tuple[str, ...] = ("覆盖", "惠及", "受益", "参与", "参加", "涉及", "服务")
# The same measure for an earlier period (受理申请12件(上年9件)) → 申请上年.
PRIOR_PERIOD_WORDS: tuple[str, ...] = ("上年", "去年", "上年同期", "去年同期", "上一年度", "上年度")

# Page-chrome counters left in a body are not facts the government reports: 浏览次数:1024次.
# The label is printed right before the number; prose with a qualifier between (通过…全媒体平台
# 刊发稿件近1500篇,总阅读量超1850万, 东莞 2024) reports a reach.
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
        # 编印宣传手册3批1200册
        "编印", "印制",
    }
)
# Tokens dropped from the end of the before-number part: 查处交通执法违法共433件, 结案率为79.6%,
# 出庭应诉率已超过49%, 占行政执法专项编制人员总数的47.46%.
SUBJECT_TRAILING_WORDS: frozenset[str] = frozenset(
    {
        "的", "达", "达到", "为", "是", "已", "已经", "共", "共计", "合计", "总计", "累计",
        "共有", "现有",  # 人民调解委员会共有218个
        "实现",  # 合法性审查率、备案率实现双100%
        "占",  # 具有大专以上学历的占45.6%
        "计", "均", "都", "分别", "有", "了", "超过", "将近", "高达",
        "仅", "只有", "还有", "同比", "保持", "稳定", "在", "提升", "提高", "增长", "下降",
        "至", "到",  # 群众满意度提升至98%, 知晓率提高到95% (the later value of that rate)
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

# Time phrases cut out of the text before a number before its subject is read: 截至11月底共受理
# 诉求236件 (唐山 12345 热线: 11月份,…共受理群众各类诉求284406件); 出庭应诉率2007年是7.1%
# (章志远 on 婺源); a date that lost its 年 in a DOCX export (20245月).
TIME_PHRASE_PATTERN = (
    r"(?:截至|截止|到|至|自)?\s*(?:\d{4}\s*年度?\s*(?:\d{1,2}\s*月(?:份|底|末)?)?"
    r"|\d{4}\s*\d{1,2}\s*月(?:份|底|末)?|\d{1,2}\s*月(?:份|底|末)?)"
    r"(?:\s*\d{1,2}\s*日)?(?:以来|前|后|底|末)?"
)

# A clause printing only a time and a verb before its number (…,2008年达到81.3%) measures what the
# fact before it in the sentence measures; longer leftovers name something of their own.
TIME_AND_VERB_MAX_CHARS = 4

# Tokens dropped from the start of a subject: 我镇新收…, 全镇现有…, 其中,法律咨询352件次.
SUBJECT_LEADING_WORDS: frozenset[str] = frozenset(
    {
        "我镇", "全镇", "本镇", "我乡", "全乡", "我街", "全街", "我区", "全区", "我县", "全县",
        "我市", "全市", "本级", "其中", "年度", "全年", "今年", "目前", "各类", "累计", "共",
        "依法", "和", "及", "与", "以及", "并",  # 产生行政复议13件和行政诉讼1件
        "且",  # 报送备案,且报备率、报备及时率、规范率均达100%
        "如",  # 如江西婺源行政机关负责人出庭应诉率2007年是7.1%
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
# A stop word above that modifies the head printed right after it stays in the phrase:
# 明确11项工作举措 (长宁区 2023), 布置23项年度重点工作任务 (东莞 2024).
PHRASE_INNER_WORDS: dict[str, tuple[str, ...]] = {
    "工作": ("举措", "任务", "要点", "措施", "方案", "机制", "制度", "清单", "计划", "目标",
             "人员", "专班", "台账", "规则", "站", "室"),
    "年度": ("重点", "工作", "任务", "计划", "目标", "报告"),
}
# A stop word above that heads the phrase when the clause ends on it: 明确10大类37项重点工作 (许昌市
# 2024), 明确47项重点工作 (gold 006).
PHRASE_FINAL_HEADS: tuple[str, ...] = ("工作",)
# Words closing a modifier inside the noun phrase when a noun follows: 组织14名科级以上领导干部
# 完成法治专题培训 (a county department's 2024 report) counts 科级以上领导干部.
NOUN_MODIFIER_ENDINGS: tuple[str, ...] = ("以上", "以下")
# A verb ending with these sends the items counted before it into the next number, so the noun
# before the verb is still this count's: 将市场监管25项工作155个检查事项整合到32个行业(领域)中.
RESULT_COMPLEMENTS: tuple[str, ...] = ("到", "至", "入", "为", "成")
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
