"""Phrasings the validate stage relies on: units, qualifiers, count relations, page-chrome markers.

Each entry carries the report phrasing it came from, so a new portal or wording means a new
row here, not new code in the validate stage's modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.text.patterns import NOT_FOUND_MARKERS, UNDER_CONSTRUCTION_MARKERS

# --- Units as printed after the number (Fact.unit), per Fact.kind --------------------------

COUNT_UNITS: tuple[str, ...] = (
    "宗",  # 调解纠纷453宗
    "宗次",  # 集体讨论案件104宗次
    "件",  # 新收一审行政诉讼案件14件
    "件次",  # 提供法律服务503件次
    "次",  # 召开16次综合行政执法案审会
    "人次",  # 来访来电来信192宗、320人次
    "场",  # 专题宣传活动70余场
    "场次",  # 法治宣传124场次
    "个",  # 设立公共法律服务工作站11个
    "名",  # 持证执法人员28名
    "人",  # 为512名群众 / 涉案人数56人
    "位",  # 聘请法律顾问3位
    "份",  # 发放宣传资料3000余份
    "项",  # 6项涉及养老、失业保险等政务服务事项
    "起",  # 化解矛盾纠纷案(事)件356起
    "条",  # 宣传横幅30条
    "期",  # 举办培训班2期
    "户",  # 走访企业45户
    "家",  # 服务企业120家
    "篇",  # 发布普法文章15篇
    "册",  # 发放手册500册
    "本",  # 发放法律书籍200本
    "张",  # 张贴海报60张
    "批",  # 分两批
    "票",  # 同意31票,反对2票 (a vote tally)
    "类",  # 梳理权责事项12类
    "支",  # 组建普法志愿队伍3支
    "所",  # 覆盖学校8所
    "处",  # 设置宣传栏12处
    "村",  # 覆盖12村
    "万人次",  # 受众1.2万人次 (value already multiplied out to base units)
    "万人",  # 覆盖群众3万人
    "万份",  # 发放资料1.5万份
)

RATE_UNITS: tuple[str, ...] = (
    "%",  # 结案率为79.6% (full-width ％ is made half-width by normalize)
    "个百分点",  # 同比提高5个百分点
)

AMOUNT_UNITS: tuple[str, ...] = (
    "元",  # 罚款5000元
    "万元",  # 罚款241.37万元
    "亿元",  # 涉案金额1.2亿元
    "千元",  # 罚款3千元
)

OTHER_UNITS: tuple[str, ...] = (
    "分",  # 综合评分满分10分
    "天",  # 办理时限压缩至5天
    "个工作日",  # 承诺5个工作日内办结
    "小时",  # 24小时内答复
    "分钟",  # 平均等候15分钟
    "年",  # 连续3年
    "个月",  # 历时6个月
    "平方米",  # 拆除违法建筑3200平方米
    "亩",  # 整治土地45亩
    "公里",  # 巡查河道12公里
    "米",  # 清理河道800米
    "吨",  # 查扣假冒伪劣商品2吨
)

KNOWN_UNITS_BY_KIND: dict[str, tuple[str, ...]] = {
    "count": COUNT_UNITS,
    "rate": RATE_UNITS,
    "amount": AMOUNT_UNITS,
    # "other" is the catch-all kind, so count units are fine there too: 召开联席会议1次 is
    # annotated kind other in tests/gold/facts.jsonl.
    "other": OTHER_UNITS + COUNT_UNITS,
    # a change is printed in the unit of what changed or as a share of it: 同比下降12.5%,
    # 同比下降7.01个百分点, 增长1.5倍, 比上年增加3件
    "change": (*RATE_UNITS, "倍", *COUNT_UNITS, *AMOUNT_UNITS),
}

# A printed unit with one of these prefixes means the value was multiplied out (241.37万元 →
# 2413700); observed texts divide it back so they read as printed.
MAGNITUDE_PREFIXES: dict[str, float] = {"万": 1e4, "亿": 1e8, "千": 1e3}

# Units that count people; a 其中 part in 人次 is not a part of a total in 宗 (192宗、320人次).
PEOPLE_UNITS: frozenset[str] = frozenset({"人", "名", "人次", "位", "万人次", "万人"})

# --- Qualifiers (Fact.qualifier) ---------------------------------------------------------------

# The printed number is a lower bound: 80余起, 400多名, 超过49%, 3000人以上, 逾百件.
AT_LEAST_QUALIFIERS: frozenset[str] = frozenset({"余", "多", "超", "超过", "以上", "逾"})
# The printed number is rounded either way: 约3000份, 近79份, 2000人左右, 接近90%.
ROUGH_QUALIFIERS: frozenset[str] = frozenset({"约", "近", "左右", "接近", "大约"})
# Counts with these may be non-integers after conversion (约1.5万 → 15000 is fine, but
# "约3.5人次" style values from averages are tolerated too).
APPROXIMATE_QUALIFIERS: frozenset[str] = AT_LEAST_QUALIFIERS | ROUGH_QUALIFIERS


# --- Count relations checked across the facts of one report ----------------------------------


@dataclass(frozen=True)
class CountRelation:
    """A part that cannot exceed its whole, and the rate stated as part / whole.

    Roles are found by indicator id when the extractor set one, else by words in the clause
    that holds the number. Part words are tried first, since 出庭应诉 also contains 应诉.
    """

    name: str
    pair_check: str
    part_words: tuple[str, ...]
    whole_words: tuple[str, ...]
    rate_words: tuple[str, ...]
    part_indicators: tuple[str, ...] = ()
    whole_indicators: tuple[str, ...] = ()
    rate_indicators: tuple[str, ...] = ()


COUNT_RELATIONS: tuple[CountRelation, ...] = (
    # 综合行政执法立案348宗,结案344宗 / 接收群众来访来电来信192宗,已办结案件153宗,结案率为79.6%
    CountRelation(
        name="case_closure",
        pair_check="closed_le_filed",
        part_words=("结案", "办结", "审结", "办理完毕"),
        whole_words=("立案", "受理", "接收", "收到", "登记", "收案"),
        rate_words=("结案率", "办结率"),
        part_indicators=("cases_closed",),  # ids of seeds/indicators.csv
        whole_indicators=("enforcement_cases_filed",),
        rate_indicators=("case_closure_rate",),
    ),
    # 共应诉45宗,其中负责人出庭应诉4宗 / 行政诉讼案件一审73宗…出庭应诉…36宗,出庭应诉率已超过49%
    CountRelation(
        name="court_appearance",
        pair_check="court_appearance_le_cases",
        part_words=("出庭",),
        whole_words=("应诉", "诉讼案件", "行政案件", "一审", "被诉"),
        rate_words=("出庭应诉率", "出庭率"),
        part_indicators=("head_court_appearances",),
        whole_indicators=("admin_litigation_cases",),
        rate_indicators=("head_court_appearance_rate",),
    ),
)

# A stated rate may differ from part / whole by rounding or truncation (153/192 = 79.69 → 79.6).
RATE_TOLERANCE_POINTS = 0.5
# 近80%, 约八成: the writer rounded on purpose.
ROUGH_RATE_TOLERANCE_POINTS = 2.0
# Part, whole and rate must sit close together in one paragraph to be read as one statement.
RELATION_WINDOW_CHARS = 160

# --- 其中 part lists ---------------------------------------------------------------------------

# 提供法律服务503件次,其中,法律咨询352件次、法治宣传124场次…
PART_LIST_MARKERS: tuple[str, ...] = ("其中",)
# Between the total and 其中 only its unit and punctuation may stand (14件,其中 / 45宗,其中).
PART_LIST_MAX_GAP_CHARS = 6
# A clause that opens a new total ends the list: …其中出庭4宗,全年共调解纠纷453宗.
# 共 but not 公共 (公共法律服务站 is a common subject).
PART_LIST_BREAK_RE = re.compile(r"(?<!公)共|累计|合计|总计|全年|另有|此外|同时")

# Clause and sentence boundaries in normalized (half-width) text.
CLAUSE_DELIMITERS = ",;。、:!?\n"
SENTENCE_DELIMITERS = "。;!?\n"

# --- Report-level phrasing --------------------------------------------------------------------

# Page chrome that strip should have removed, matched anywhere in the body. Only markers that
# never occur in report prose: the strip stage's CHROME_LINE_PATTERNS are line-based and broader
# (无障碍, 微博, 二维码 also appear in report sentences such as 无障碍环境建设).
CHROME_MARKERS: tuple[str, ...] = (
    "版权所有",  # 版权所有:中山市三乡镇人民政府
    "ICP备",  # 粤ICP备05071323号
    "网站标识码",  # 网站标识码4420000041
    "公网安备",  # 粤公网安备 44200002444444号
    "您当前的位置",  # 您当前的位置: > >其他文件
    "当前位置:",  # 当前位置:首页 > 政务公开
    "浏览次数",  # 浏览次数:1024
    "访问量",  # 访问量:3321
    "打印本页",  # 【打印本页】【关闭窗口】
    "关闭窗口",
    "网站地图",  # 网站地图 | 联系我们
    "长者助手",  # 无障碍版 长者助手 登录
    "扫一扫在手机打开",  # 扫一扫在手机打开当前页
)

# A short body matching one of these is a placeholder page, not a report. The not-found and
# under-construction wording is tasks/text/patterns.py's (one list for strip and validate);
# empty-column texts added.
PLACEHOLDER_PATTERNS: tuple[str, ...] = (
    *NOT_FOUND_MARKERS,  # 您访问的页面不存在 / 404 Not Found
    *UNDER_CONSTRUCTION_MARKERS,  # 本栏目正在建设中,敬请期待
    r"暂无(相关)?(内容|信息|数据)",  # 暂无相关信息
)
PLACEHOLDER_RE = re.compile("|".join(f"(?:{p})" for p in PLACEHOLDER_PATTERNS), re.IGNORECASE)
# Only bodies shorter than this are tested for placeholder markers: a real report may say
# 智慧法庭正在建设中.
PLACEHOLDER_MAX_CHARS = 300

# --- Near duplicates within a batch ------------------------------------------------------------

# The threshold and the minimum body are tasks/identity.py's (NEAR_DUPLICATE_JACCARD,
# MIN_SHINGLES): the whole-warehouse check the writer runs uses the same.
# MinHash (tasks/identity.py: 64 permutations of 5-character shingles) estimates a Jaccard of
# 0.9 within ±0.04 (one σ), so a margin of 0.3 (7 σ) lets no true near-duplicate through
# unchecked.
SKETCH_MARGIN = 0.3
