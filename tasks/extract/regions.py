"""Resolve the places a report names against the national division codes in seeds/regions/.

A report names its township (镇/乡/街道…) in the title, issuer or signature, often with the
county and city before it (广州市花都区炭步镇) and sometimes alone (三乡镇). Township names
repeat across the country, so a township is only given a code when the other place names in
the texts (or the caller's hint) single out one row; otherwise the code stays None and only
what every remaining candidate shares (e.g. the province) is returned.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from tasks.paths import SEEDS_DIR
from tasks.text.titles import is_department

REGIONS_DIR = SEEDS_DIR / "regions"

# 北京/天津/上海/重庆: the code tables list their districts under a "市辖区"/"县" city row;
# reports (and tests/gold/SCHEMA.md) repeat the province name as the city.
MUNICIPALITY_PROVINCES = {"11", "12", "31", "50"}
# City rows that are groupings, not places (湖北 仙桃市, 海南 五指山市 … sit under them).
UNNAMED_CITY_ROWS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Province suffixes dropped in short forms: 广东省 → 广东, 广西壮族自治区 → 广西.
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")
# Township rows whose whole name is a common word ("城区", "街道", "林场" …) are never
# matched in free text; two-character names (龙镇, 色乡) only in a strict context, because
# they occur inside ordinary words (特色乡村 contains 色乡).
GENERIC_NAMES = {"城区", "郊区", "矿区", "东区", "西区", "新区", "街道", "林场", "农场",
                 "盐场", "牛场", "苗圃", "城南"}
# What may follow a two-character name for it to count as a place: 龙镇人民政府, 龙镇2024年.
STRICT_FOLLOWERS = re.compile(r"(人民政府|政府|党委|委员会|办事处|\d|$)")
# Characters after which a place name starts cleanly (关于西河镇, 中共大进镇委员会, 、三乡镇);
# any non-Chinese character (start, punctuation, digit) also counts.
LEFT_BOUNDARY_CHARS = set("于在对是和与及至到由共向为将把从的了即、，,。;；:：（(《“\"' 　")
# Printed between a county and its township's office, the title of 008–010 (广州市海珠区人民
# 政府南华西街道办事处关于2024年度法治政府建设情况的报告): the township name starts cleanly
# after it, and the county before it still qualifies the township (_chain).
GOVERNMENT_LINKS = ("人民政府",)
# How a report body refers to its own place: 我镇/全镇 (township), 我区/全县 (county).
SELF_REFERENCE = {
    "镇": ("我镇", "全镇", "本镇", "该镇"),
    "乡": ("我乡", "全乡", "本乡", "该乡"),
    "街道": ("我街道", "全街道", "本街道", "我街", "全街"),
    "区": ("我区", "全区", "本区"),
    "县": ("我县", "全县", "本县"),
    "市": ("我市", "全市", "本市"),
    "旗": ("我旗", "全旗", "本旗"),
    "州": ("我州", "全州", "本州"),
}
# A body that names one place of a level, once, is about it when it speaks as that place:
# its self-references above, or a county's own 县委、县政府 as a subject (tests/gold 012, a
# 金平县 report naming 金平县 only in its documents' titles: "2025年,县委、县政府坚持以…").
# (市委、市政府 and 区委、区政府 also stand for a county's superiors; 县 has none named so.)
OWN_GOVERNMENT = {"县": ("县委、县政府",)}
# A province's own programme, named as its party committee's deployment, places a report in
# that province as surely as naming it: 广东's 省委"1310"具体部署 (tests/gold 000, 009–011, 014
# "圍繞省委“1310”具體部署和市委十二屆八次全會工作部署", 025, 029, 036 — every report naming it is
# from 广东). Province code → the programme as printed after 省委.
PROVINCE_PROGRAMMES = {"44": re.compile(r"省委\s*[“\"]?\s*1310\s*[”\"]?\s*具体部署")}
EMPTY_RESULT = {"province": None, "city": None, "county": None, "town": None,
                "region_code": None, "level": None, "division_code": None}
# Longer texts are bodies, which mention many places: there a place must dominate and the
# text must speak of it as its own (我镇) to be the subject, not just appear.
LONG_TEXT_CHARS = 200
# Between same-named places, one is chosen only when some evidence names its parents and no
# other candidate has as much; without any (score 0) the code stays None.
MIN_SCORE_TO_CHOOSE = 1


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | city | area | street
    province: str
    city: str | None = None
    area: str | None = None

    def lineage(self) -> set[str]:
        return {c for c in (self.code, self.province, self.city, self.area) if c}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    entries: tuple[tuple[Division, bool], ...]  # (division, matched by short form)

    def divisions(self, level: str) -> list[Division]:
        return [d for d, _ in self.entries if d.level == level]


class RegionIndex:
    """All divisions by code and by printed name (plus short forms of provinces and cities)."""

    def __init__(self, regions_dir: Path = REGIONS_DIR) -> None:
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[tuple[Division, bool]]] = {}
        for row in _rows(regions_dir / "provinces.csv"):
            self._add(Division(row["code"], row["name"], "province", row["code"]))
        for row in _rows(regions_dir / "cities.csv"):
            self._add(Division(row["code"], row["name"], "city", row["provinceCode"], row["code"]))
        for row in _rows(regions_dir / "areas.csv"):
            self._add(Division(row["code"], row["name"], "area", row["provinceCode"],
                               row["cityCode"], row["code"]))
        for row in _rows(regions_dir / "streets.csv"):
            self._add(Division(row["code"], row["name"], "street", row["provinceCode"],
                               row["cityCode"], row["areaCode"]))
        # customary names (巴州, 莞邑, 金平县): full names, not weak short forms
        self.aliases: set[str] = set()
        for row in _rows(regions_dir / "aliases.csv"):
            self._add_alias(row["alias"], self.by_code[row["code"]])
        for division in list(self.by_code.values()):
            alias = _autonomous_short_name(division.name)
            if alias and alias not in self.by_name:
                self._add_alias(alias, division)
        lengths: dict[str, set[int]] = {}
        for name in self.by_name:
            lengths.setdefault(name[-1], set()).add(len(name))
        self.lengths_by_last_char = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}

    def _add(self, division: Division) -> None:
        self.by_code[division.code] = division
        name = division.name
        if name in UNNAMED_CITY_ROWS or (division.level == "street" and name in GENERIC_NAMES):
            return
        self.by_name.setdefault(name, []).append((division, False))
        for alias in _short_forms(division):
            self.by_name.setdefault(alias, []).append((division, True))

    def _add_alias(self, alias: str, division: Division) -> None:
        self.aliases.add(alias)
        self.by_name.setdefault(alias, []).append((division, False))

    def scan(self, text: str) -> list[Mention]:
        """Every place name in ``text``; a name inside a longer place name is dropped.

        A doubtful two-character name (唐县, 龙镇) counts when it stands in a chain of other
        place names (保定市唐县齐家佐镇) or in a strict context (龙镇人民政府).
        """
        found: list[Mention] = []
        doubtful: list[Mention] = []
        for i, ch in enumerate(text):
            for length in self.lengths_by_last_char.get(ch, ()):
                start = i + 1 - length
                entries = self.by_name.get(text[start:i + 1]) if start >= 0 else None
                if entries:
                    mention = Mention(start, i + 1, text[start:i + 1], tuple(entries))
                    plausible = (mention.name in self.aliases
                                 or _plausible(text, start, i + 1, entries))
                    (found if plausible else doubtful).append(mention)
        for _ in range(2):  # a chain may hold two doubtful names in a row
            ends = {m.end for m in found}
            starts = {m.start for m in found}
            chained = [m for m in doubtful if m.start in ends or m.end in starts]
            found += chained
            doubtful = [m for m in doubtful if not (m.start in ends or m.end in starts)]
        return _outermost(found)


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions not inside a longer one, in their order. One sweep by start (longest
    first): comparing every mention with every other took minutes on a 20 MB page."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, -mentions[i].end))
    inside: set[int] = set()
    max_end, start_of_max = -1, -1  # the furthest end so far, and the earliest start reaching it
    for i in order:
        m = mentions[i]
        if max_end > m.end or (max_end == m.end and start_of_max < m.start):
            inside.add(i)
        if m.end > max_end:
            max_end, start_of_max = m.end, m.start
    return [m for i, m in enumerate(mentions) if i not in inside]


# 红河哈尼族彝族自治州 → 红河州, 金平苗族瑶族傣族自治县 → 金平县 (tests/gold 012, hhjp.gov.cn:
# "中共红河州委、红河州人民政府:", "《金平县党政主要负责人履行推进法治建设第一责任人职责
# 实施办法》").
AUTONOMOUS_NAME = re.compile(
    r"^(?P<head>[\u4e00-\u9fff]{2})[\u4e00-\u9fff]*族自治(?P<kind>州|县|旗)$")


def _autonomous_short_name(name: str) -> str | None:
    match = AUTONOMOUS_NAME.match(name)
    return match["head"] + match["kind"] if match else None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _short_forms(division: Division) -> list[str]:
    name = division.name
    if division.level == "province":
        for suffix in PROVINCE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return [name[: -len(suffix)]]
    if division.level == "city" and name.endswith("市") and len(name) >= 3:
        return [name[:-1]]  # 广州市 → 广州
    if division.level == "street" and name.endswith("街道办事处"):
        return [name[: -len("办事处")]]  # the code table sometimes keeps 办事处
    if division.level == "street" and name.endswith("街道") and len(name) >= 4:
        # a 街道 names itself X街 as it says 我街 (tests/gold 011, by.gov.cn: "2024年,鹤龙街坚持
        # 以习近平…"); never a one-character X. A road of the name (中山街) is a mention too, but
        # a body's subject needs its self-references (我街) and a title holds no road.
        return [name[: -len("道")]]
    return []


def _plausible(text: str, start: int, end: int, entries: list[tuple[Division, bool]]) -> bool:
    """Long names always count; short forms (广东, 广州) only ever serve as weak evidence;
    other two-character names (龙镇, 新县) need a clean start and a strict follower."""
    if end - start > 2 or all(short for _, short in entries):
        return True
    return _clean_left(text, start) and bool(STRICT_FOLLOWERS.match(text, end))


def _clean_left(text: str, start: int) -> bool:
    if start == 0:
        return True
    if text.endswith(GOVERNMENT_LINKS, 0, start):
        return True  # 海珠区人民政府南华西街道办事处: a township office under its county's name
    before = text[start - 1]
    return not ("\u4e00" <= before <= "\u9fff") or before in LEFT_BOUNDARY_CHARS


@lru_cache(maxsize=1)
def region_index() -> RegionIndex:
    """The index, built on first use and shared by every later call."""
    return RegionIndex()


def resolve_region(texts: list[str], hint: str | None = None) -> dict:
    """The place a report is about, from its texts in priority order (title, issuer, …, body).

    The first text naming a place decides the subject and its level (a township named in the
    title wins over the many townships a body may list); every text and the hint serve as
    evidence to choose between same-named places. ``hint`` is a region code prefix
    ("440114") or place names ("广东省中山市") known from where the report was found.
    """
    index = region_index()
    scanned = [(text, index.scan(text)) for text in texts if text]
    hint_filter = _hint_filter(index, hint)
    evidence = _evidence(scanned, index, hint)
    unplaced_town = None  # a township the texts name that no candidate fits (renamed, moved)
    for text, mentions in scanned:
        for level in ("street", "area", "city", "province"):
            name = _subject_name(text, mentions, level)
            if name is None:
                continue
            candidates = [d for d, _ in index.by_name[name] if d.level == level and hint_filter(d)]
            if level == "area":  # an area named like its city (中山市) is the city itself
                candidates = ([d for d in candidates if not _is_city_itself(index, d)]
                              or [index.by_code[d.city] for d in candidates if d.city])
            chosen = _choose(candidates, scanned, evidence, name)
            if chosen is not None:
                return _as_town(chosen, unplaced_town) if unplaced_town else chosen
            if level == "street":
                unplaced_town = unplaced_town or name
    found = _from_hint(index, hint)
    return _as_town(found, unplaced_town) if unplaced_town else found


def _as_town(found: dict, town: str) -> dict:
    """The report is a township's whose code is unknown: the places around it as found, but
    no code, so that no county's or city's code is taken for the township's."""
    return {**found, "town": town, "level": _town_level(town), "region_code": None}


def _subject_name(text: str, mentions: list[Mention], level: str) -> str | None:
    # A name printed right before a township qualifies it (滨海新区胡家园街道: 滨海新区 is
    # also a township's name elsewhere, but here it is the district).
    before_township = {m.start for m in mentions if m.divisions("street")}
    ends = {m.end for m in mentions}
    names = [m.name for m in mentions if m.divisions(level) and _clean_or_chained(text, m, ends)
             and not (level != "street" and all(short for _, short in m.entries))
             and not (level == "street" and m.end in before_township)
             and not (level == "street" and _county_first(m, ends))]
    if not names:
        return None
    if len(text) <= LONG_TEXT_CHARS:  # a title or issuer line names one place, or none is sure
        return names[0] if len(set(names)) == 1 else None
    ranked = Counter(names).most_common(2)
    top, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # the place's official name says what it calls itself (道滘 is 道滘镇: 我镇)
    official = next(m.divisions(level)[0].name for m in mentions
                    if m.name == top and m.divisions(level))
    suffix = next((s for s in SELF_REFERENCE if official.endswith(s)), None)
    self_refs = SELF_REFERENCE.get(suffix or "", ())
    if count >= 2 and count >= 2 * runner_up and any(r in text for r in self_refs):
        return top
    own = self_refs + OWN_GOVERNMENT.get(suffix or "", ())
    # not a 市: a county-level city says 我市 and names its prefecture's city (019 荥阳市's
    # report names 郑州市 once, as a superior)
    if len(ranked) == 1 and suffix != "市" and any(r in text for r in own):
        return top  # the only place of its level the body names, and it speaks as one
    return None


def _county_first(mention: Mention, ends: set[int]) -> bool:
    """A name that is a county's and also a township's elsewhere (东城区: 北京's district, and a
    township of 河南 许昌) is read as the county unless a place printed before it qualifies it
    (东城区's 2023 report, 006: "2023年,東城區政府堅持…")."""
    return bool(mention.divisions("area")) and mention.start not in ends


def _clean_or_chained(text: str, mention: Mention, ends: set[int]) -> bool:
    """``ends``: where the text's mentions end (a set, so a long page costs one look-up a
    mention, not a pass over all of them). A customary name (法治巴州, 魅力道滘) is never part
    of an ordinary word, so it needs neither."""
    return (_clean_left(text, mention.start) or mention.start in ends
            or mention.name in region_index().aliases)


def _by_end(mentions: list[Mention]) -> dict[int, Mention]:
    """The first mention ending at each offset."""
    by_end: dict[int, Mention] = {}
    for m in mentions:
        by_end.setdefault(m.end, m)
    return by_end


def _chain(mention: Mention, by_end: dict[int, Mention], text: str) -> list[Mention]:
    """Place names printed directly before ``mention`` (广州市花都区 before 炭步镇)."""
    chain, start, seen = [], mention.start, set()
    while start not in seen:
        seen.add(start)
        prev = by_end.get(start) or next(
            (by_end[start - len(link)] for link in GOVERNMENT_LINKS
             if start - len(link) in by_end and text.endswith(link, 0, start)), None)
        if prev is None:
            break
        chain.append(prev)
        start = prev.start
    return chain


@dataclass(frozen=True)
class Evidence:
    """Places named anywhere in the texts or the hint."""

    codes: frozenset[str]  # every province/city/county named, in full or short form
    named: frozenset[str]  # cities and counties named in full (short forms like 中山 excluded)


def _evidence(scanned: list[tuple[str, list[Mention]]], index: RegionIndex,
              hint: str | None) -> Evidence:
    mentions = [m for _, ms in scanned for m in ms]
    if hint and not hint.strip().isdigit():
        mentions += index.scan(hint)
    entries = [(d, short) for m in mentions for d, short in m.entries if d.level != "street"]
    programmes = {code for text, _ in scanned for code, pattern in PROVINCE_PROGRAMMES.items()
                  if pattern.search(text)}
    return Evidence(frozenset(d.code for d, _ in entries) | programmes,
                    frozenset(d.code for d, short in entries
                              if not short and d.level in ("city", "area")))


def _choose(candidates: list[Division], scanned: list[tuple[str, list[Mention]]],
            evidence: Evidence, name: str) -> dict | None:
    """The one candidate the evidence points to; if several remain, only what they share.

    Printed right before the name (武江区西河镇) a county/city is strong evidence, and a
    different one there rules a candidate out; a mention anywhere else is weak evidence.
    """
    chained = [c for text, ms in scanned for by_end in (_by_end(ms),) for m in ms
               if m.name == name for c in _chain(m, by_end, text)]
    scored: list[tuple[int, Division]] = []
    for division in candidates:
        lineage = division.lineage()
        if any(_contradicts(c, lineage) for c in chained):
            continue
        score = 0
        for weight_chain, weight_any, code in ((8, 3, division.area), (4, 2, division.city),
                                               (2, 1, division.province)):
            if code and any(d.code == code for c in chained for d, _ in c.entries):
                score += weight_chain
            if code and code != division.code and code in evidence.named:
                score += weight_any
            elif code and code != division.code and code in evidence.codes:
                score += 1  # named only in short form (广州, 广东) or a province
        scored.append((score, division))
    if not scored:
        return None
    scored.sort(key=lambda pair: -pair[0])
    top_score, top = scored[0]
    if len(scored) == 1:
        # A unique name is taken unless the texts name other cities/counties and never its own
        # (a township renamed since, whose old name now belongs to a place elsewhere).
        if top_score == 0 and evidence.named and not evidence.named & top.lineage():
            return None
        return describe(top)
    if top_score >= MIN_SCORE_TO_CHOOSE and top_score > scored[1][0]:
        return describe(top)
    if top_score >= MIN_SCORE_TO_CHOOSE:  # the evidence narrows them to a few (two 长安镇 of 广东)
        return _common_part([d for score, d in scored if score == top_score])
    return _common_part([d for _, d in scored])


def _is_city_itself(index: RegionIndex, area: Division) -> bool:
    city = index.by_code.get(area.city or "")
    return city is not None and city.name == area.name


def describe(division: Division) -> dict:
    """The result row for one division: names of it and its parents, code, level."""
    index = region_index()
    province = index.by_code[division.province].name
    city_row = index.by_code.get(division.city or "")
    if division.province in MUNICIPALITY_PROVINCES and division.level != "province":
        city = province
    else:
        city = None if city_row is None or city_row.name in UNNAMED_CITY_ROWS else city_row.name
    area_row = index.by_code.get(division.area or "")
    county = None if area_row is None or area_row.name == city else area_row.name
    town = division.name if division.level == "street" else None
    level = {"province": "province", "city": "city", "area": "county" if county else "city"}.get(
        division.level) or _town_level(division.name)
    return {"province": province, "city": city, "county": county, "town": town,
            "region_code": region_code(division), "level": level,
            "division_code": division.code}


def region_code(division: Division) -> str:
    """The place's code at its own level: 9 digits for a township, 6 (GB/T 2260) for a county,
    a city (4401 → 440100) or a province (44 → 440000)."""
    return division.code if len(division.code) >= 6 else division.code.ljust(6, "0")


def report_level(region: dict, issuer: str | None) -> str | None:
    """Who a report is from, computed once and stored with it (v_reports.level).

    A township's government: its division level (street for 街道 and 办事处, else town). A
    department (XX县司法局, XX市自然资源局, XX省司法厅): ``<level>-dept`` of the government it
    belongs to (county-dept, city-dept, province-dept). Else the government's own level
    (county, city, province); None when no place was resolved.
    """
    level = region.get("level")
    if region.get("town") or level in ("town", "street"):
        return level
    if level not in ("county", "city", "province"):
        return None
    if issuer and is_department(issuer):
        return f"{level}-dept"
    return level


# A body that calls itself a township this often (我镇, 全镇 …) and never a county or city
# (我县, 全区, 本市 …) is a township's report, whether or not its township was found.
MIN_TOWNSHIP_SELF_REFERENCES = 3
COUNTY_SELF_REFERENCES = SELF_REFERENCE["区"] + SELF_REFERENCE["县"] + SELF_REFERENCE["市"] + \
    SELF_REFERENCE["旗"]


def as_township_report(region: dict, body: str) -> dict:
    """The region of a report whose body speaks as a township (英德市 下太镇's report says 我镇
    throughout but its township is not in the 2023 code table): level town or street, the
    county and city as found, no code; any other region as it is."""
    if region.get("town") or region.get("level") not in ("county", "city"):
        return region
    if any(ref in body for ref in COUNTY_SELF_REFERENCES):
        return region
    for suffix, level in (("街道", "street"), ("镇", "town"), ("乡", "town")):
        if sum(body.count(ref) for ref in SELF_REFERENCE[suffix]) >= MIN_TOWNSHIP_SELF_REFERENCES:
            return {**region, "level": level, "region_code": None}
    return region


# A report that names no place of its own but lists its superiors' deployments (tests/gold
# 019, xingyang.gov.cn: "2023年,我市坚持…全面贯彻落实中央、省、郑州市关于法治政府建设的部署
# 要求") is from a place under the city it names last: a county-level 市, 县 or 区 of 郑州.
SUPERIOR_CHAIN = re.compile(r"中央、省、(?P<parent>[\u4e00-\u9fff]{2,10}?(市|州|盟))(关于|有关|的)")
COUNTY_SUBJECT_REFERENCES = ("我市", "我县", "我区", "我旗")


def under_named_superior(region: dict, body: str) -> dict:
    """The region of a report whose own place went unnamed but whose superior city the body
    lists after 中央、省: that city's province and city, level county, no county or code."""
    if region.get("province") or not any(ref in body for ref in COUNTY_SUBJECT_REFERENCES):
        return region
    match = SUPERIOR_CHAIN.search(body)
    if match is None:
        return region
    parent = resolve_region([match["parent"]])
    if parent.get("level") != "city" or parent.get("county"):
        return region
    return {**parent, "county": None, "town": None, "region_code": None, "level": "county",
            "division_code": None}


def _town_level(name: str) -> str:
    return "street" if name.endswith(("街道", "办事处")) else "town"


def _common_part(divisions: list[Division]) -> dict:
    """What every remaining same-named candidate agrees on; never one candidate's code."""
    index = region_index()
    result = dict(EMPTY_RESULT)
    shared = set.intersection(*(d.lineage() for d in divisions)) - {divisions[0].code}
    if shared:
        deepest = max(shared, key=len)
        result.update(describe(index.by_code[deepest]))
    first = divisions[0]
    result["level"] = _town_level(first.name) if first.level == "street" else (
        "county" if first.level == "area" else first.level)
    result["town"] = first.name if first.level == "street" else None
    if first.level == "area":
        result["county"] = first.name
    result["region_code"] = None
    return result


def _contradicts(mention: Mention, lineage: set[str]) -> bool:
    """A full county/city/province name that is not one of the candidate's parents."""
    named = [d for d, short in mention.entries if not short and d.level != "street"]
    return bool(named) and not any(d.code in lineage for d, _ in mention.entries)


def _code_prefix(hint: str) -> str:
    """440114 → 440114, 442000 → 4420, 440000000000 → 44: trailing zeros name no level."""
    for length in (2, 4, 6, 9):
        if len(hint) >= length and not hint[length:].strip("0"):
            return hint[:length]
    return hint[:9]


def _hint_filter(index: RegionIndex, hint: str | None) -> Callable[[Division], bool]:
    if not hint or not hint.strip():
        return lambda division: True
    hint = hint.strip()
    if hint.isdigit():
        prefix = _code_prefix(hint)
        return lambda d: d.code.startswith(prefix) or prefix.startswith(d.code)
    named = [d for m in index.scan(hint) for d, short in m.entries if d.level != "street"]
    required = [{d.code for d in named if d.level == level} for level in ("province", "city")]
    return lambda d: all(not codes or codes & d.lineage() for codes in required)


@lru_cache(maxsize=1)
def _hosts() -> dict[str, str]:
    """Portal host → division code (seeds/regions/hosts.csv, built by build_hosts.py)."""
    return {row["host"]: row["code"] for row in _rows(REGIONS_DIR / "hosts.csv")}


def host_region(url: str | None) -> str | None:
    """The county's or city's code a government portal's host names (www.xuwen.gov.cn →
    440825), else None: a host not in the table, or one shared by several places, names none.

    The host's own name is looked up, then the name under each subdomain (xxgk.xuwen.gov.cn).
    """
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    hosts = _hosts()
    while host.count(".") >= 2:  # stop at gov.cn itself
        if host in hosts:
            return hosts[host]
        host = host.split(".", 1)[1]
    return None


def _from_hint(index: RegionIndex, hint: str | None) -> dict:
    """Nothing in the texts named a place: fall back to what the hint itself names."""
    hint = (hint or "").strip()
    if hint.isdigit():
        division = index.by_code.get(_code_prefix(hint))
        return describe(division) if division else dict(EMPTY_RESULT)
    return resolve_region([hint]) if hint else dict(EMPTY_RESULT)
