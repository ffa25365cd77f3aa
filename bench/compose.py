"""Compose one synthetic report: township, year, outline, fact clauses with planted answers.

A report is a list of simplified-Chinese lines (title and issuer apart); every number in a
fact clause is recorded as the answer a reader should extract, in the fields of
tests/gold/SCHEMA.md (subject, value in base units, unit, kind, qualifier, quote).
"""

from __future__ import annotations

import csv
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from bench import report_patterns as rp
from tasks.paths import SEEDS_DIR

SLOT = re.compile(r"\{([^{}|]+)\|([^{}|]*)\|([\d.]+)-([\d.]+)(?:\|([a-z,]+))?\}")
MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京 天津 上海 重庆: the city repeats the province
UNNAMED_CITY_ROWS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
TOWN_SUFFIXES = ("镇", "乡", "街道")
APPROX_SHARE = 0.35  # of slots flagged q, how many carry an approximation
CN_SHARE = 0.5  # of slots flagged cn (value ≤ 10), how many are written in Chinese numerals


@dataclass(frozen=True)
class Township:
    code: str
    name: str
    county: str | None  # None for a city without counties (中山市 三乡镇)
    city: str
    province: str


@dataclass
class Report:
    """One composed article; ``lines`` are the body paragraphs, simplified."""

    title: str
    issuer: str
    published: str
    template: str  # html | gbk | traditional | docx | notice
    skin: str
    lines: list[str]
    township: Township | None = None
    year: int | None = None
    signature: list[str] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    published_title: str | None = None  # the title as printed (traditional for those)
    published_lines: list[str] | None = None

    def row(self, path: str, post_id: int) -> dict:
        town = self.township
        return {
            "path": path, "post_id": post_id, "template": self.template, "skin": self.skin,
            "title": self.title, "listed_title": self.published_title or self.title,
            "issuer": self.issuer, "published": self.published, "report_year": self.year,
            "town": town.name if town else None, "county": town.county if town else None,
            "city": town.city if town else None, "province": town.province if town else None,
            "region_code": town.code if town else None, "facts": len(self.facts),
            "chars": sum(len(line) for line in self.lines),
        }


def _names(file: str) -> dict[str, str]:
    with (SEEDS_DIR / "regions" / file).open(encoding="utf-8") as rows:
        return {r["code"]: r["name"] for r in csv.DictReader(rows)}


@lru_cache(maxsize=1)
def load_townships() -> list[Township]:
    """镇/乡/街道 rows whose city and county have printable names, in code order."""
    provinces, cities, areas = _names("provinces.csv"), _names("cities.csv"), _names("areas.csv")
    towns = []
    with (SEEDS_DIR / "regions" / "streets.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            name, province_code = row["name"], row["provinceCode"]
            if not name.endswith(TOWN_SUFFIXES) or len(name) < 3:
                continue
            province = provinces[province_code]
            if province_code in MUNICIPALITIES:
                city = province
            elif cities.get(row["cityCode"], "市辖区") in UNNAMED_CITY_ROWS:
                continue  # 仙桃市 and the like: no city name a report would print
            else:
                city = cities[row["cityCode"]]
            area = areas.get(row["areaCode"])
            if area is None or area in UNNAMED_CITY_ROWS:
                continue
            county = None if area == city else area
            towns.append(Township(row["code"], name, county, city, province))
    return towns


def _kind(unit: str) -> str:
    return {"%": "rate", "万元": "amount", "元": "amount"}.get(unit, "count")


def _approximate(value: int) -> int:
    """Round to two significant digits, as approximate figures are printed (7534 → 7500)."""
    if value < 100:
        return max(10, value // 10 * 10) if value >= 10 else value
    scale = 10 ** (len(str(value)) - 2)
    return value // scale * scale


def _fill_slot(rng: random.Random, match: re.Match, previous: float | None,
               ) -> tuple[str, list[dict]]:
    """Render one slot; returns the printed text and its planted fact(s)."""
    subjects, unit, low, high, flags = match.groups()
    flags = set((flags or "").split(","))
    kind = _kind(unit)
    qualifier = None
    if "dec" in flags:
        places = 1 if unit == "%" else 2
        number = f"{rng.uniform(float(low), float(high)):.{places}f}"
        value = float(Decimal(number) * (10_000 if unit == "万元" else 1))
    else:
        top = int(high)
        if "le" in flags and previous is not None:
            top = max(int(low), min(top, int(previous)))
        value = rng.randint(min(int(low), top), top)
        number = str(value)
        if "q" in flags and rng.random() < APPROX_SHARE and kind != "rate":
            value = _approximate(value)
            number = str(value)
            qualifier = rng.choice(rp.APPROX_PREFIX + rp.APPROX_SUFFIX + rp.APPROX_AFTER_UNIT)
        elif "q" in flags and kind == "rate" and rng.random() < APPROX_SHARE * 2:
            qualifier = rng.choice(["超过", "超", "近"])
        elif "cn" in flags and value in rp.CN_DIGITS and rng.random() < CN_SHARE:
            number = rp.CN_DIGITS[value]
    if qualifier in rp.APPROX_PREFIX:
        text = f"{qualifier}{number}{unit}"
    elif qualifier in rp.APPROX_SUFFIX:
        text = f"{number}{qualifier}{unit}"
    elif qualifier in rp.APPROX_AFTER_UNIT:
        text = f"{number}{unit}{qualifier}"
    else:
        text = f"{number}{unit}"
    value_out: float | int = int(value) if float(value).is_integer() else value
    facts = [{"subject": s, "value": value_out, "unit": unit, "kind": kind,
              "qualifier": qualifier} for s in subjects.split("+")]
    return text, facts


def fill_clause(rng: random.Random, clause: str, town: str) -> tuple[str, list[dict]]:
    """A fact clause as printed, and its facts; each carries the clause (NFKC) as its quote."""
    clause = clause.replace("{town}", town)
    parts, facts, previous, cursor = [], [], None, 0
    for match in SLOT.finditer(clause):
        parts.append(clause[cursor:match.start()])
        text, planted = _fill_slot(rng, match, previous)
        parts.append(text)
        facts.extend(planted)
        previous = planted[0]["value"]
        cursor = match.end()
    parts.append(clause[cursor:])
    printed = "".join(parts)
    quote = unicodedata.normalize("NFKC", printed)  # half-width punctuation, as gold quotes are
    for fact in facts:
        fact["quote"] = quote
    return printed, facts


def _published(rng: random.Random, year: int) -> str:
    if rng.random() < 0.15:  # signed in December of the year reported (004: 2021-12-15)
        return f"{year}-12-{rng.randint(10, 28):02d}"
    return f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"


def _chinese_date(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _choose_template(rng: random.Random, weights: tuple[tuple[str, float], ...]) -> str:
    pick, total = rng.random(), 0.0
    for name, share in weights:
        total += share
        if pick < total:
            return name
    return weights[0][0]


def _filler_paragraph(rng: random.Random, fillers: list[str], count: int) -> str:
    return "。".join(fillers.pop() if fillers else rng.choice(rp.FILLER)
                    for _ in range(count)) + "。"


def _theme_paragraph(rng: random.Random, clauses: list[str], town: str, year: int,
                     fillers: list[str]) -> tuple[str, list[dict]]:
    """Filler and fact sentences of one (一) part, shuffled, sometimes as 一是…二是…"""
    sentences, facts = [], []
    for _ in range(rng.randint(3, 6)):
        sentences.append(fillers.pop() if fillers else rng.choice(rp.FILLER))
    for clause in clauses:
        text, planted = fill_clause(rng, clause, town)
        lead = rng.choice(rp.LEAD_INS).format(year=year)
        tail = (fillers.pop() if fillers else rng.choice(rp.FILLER)) if rng.random() < 0.4 else ""
        sentences.append(lead + text + ("，" + tail if tail else ""))
        facts.extend(planted)
    rng.shuffle(sentences)
    if rng.random() < 0.5:  # 一是…。二是…。 as the real reports list their measures
        sentences = [rp.LIST_MARKERS[i] + s if i < len(rp.LIST_MARKERS) else s
                     for i, s in enumerate(sentences)]
    return "。".join(sentences) + "。", facts


YEARS = (2019, 2025)


@lru_cache(maxsize=8)
def _slot_map(seed: int, townships: int) -> tuple[int, int, int]:
    slots = townships * (YEARS[1] - YEARS[0] + 1)
    rng = random.Random(f"fazhi-bench-slots:{seed}")
    step = rng.randrange(1, slots)
    while math.gcd(step, slots) != 1:
        step += 1
    return slots, step, rng.randrange(slots)


def _slot(seed: int, index: int, townships: int) -> tuple[int, int]:
    """Township number and year of report ``index``: distinct for the first townships × 7
    reports (a government publishes one report a year, and two reports of one township and
    year are one report in the warehouse, tasks/identity.py); drawn independently they
    collided for 1.7% of 10,000 reports. An affine bijection of the (township, year) slots."""
    slots, step, offset = _slot_map(seed, townships)
    slot = (step * index + offset) % slots
    return slot % townships, YEARS[0] + slot // townships


def compose_report(seed: int, index: int, townships: list[Township],
                   weights: tuple[tuple[str, float], ...]) -> Report:
    """Report ``index`` of corpus ``seed``; depends on nothing else."""
    rng = random.Random(f"fazhi-bench:{seed}:{index}")
    rng.choice(townships), rng.randint(*YEARS)  # drawn and discarded: the rest stays as it was
    town_no, year = _slot(seed, index, len(townships))
    town = townships[town_no]
    county_city = f"{town.city}{town.county or ''}"
    issuer_suffix = "办事处" if town.name.endswith("街道") else "人民政府"
    issuer = f"{county_city}{town.name}{issuer_suffix}"
    title = rng.choice(rp.TITLES).format(town=town.name, year=year, county_city=county_city)
    published = _published(rng, year)
    fillers = rng.sample(rp.FILLER, len(rp.FILLER))
    themes = rng.sample(sorted(rp.THEME_HEADINGS), rng.randint(4, 7))
    lines = [rng.choice(rp.OPENINGS).format(year=year, town=town.name, issuer=issuer)]
    lines.append("一、" + rng.choice(rp.ACHIEVEMENT_HEADINGS).format(year=year))
    facts: list[dict] = []
    for number, theme in enumerate(themes):
        pool = [c for t, c in rp.FACT_CLAUSES if t == theme]
        clauses = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
        paragraph, planted = _theme_paragraph(rng, clauses, town.name, year, fillers)
        heading = f"（{rp.ORDINALS[number]}）{rng.choice(rp.THEME_HEADINGS[theme])}。"
        if rng.random() < 0.5:
            lines.append(heading + paragraph)  # 000: heading and paragraph on one line
        else:
            lines += [heading, paragraph]
        for _ in range(rng.randint(1, 2)):  # paragraphs of measures without figures
            lines.append(_filler_paragraph(rng, fillers, rng.randint(4, 8)))
        for fact in planted:
            fact["section"] = "achievements"
        facts.extend(planted)
    lines.append("二、" + rng.choice(rp.PROBLEM_HEADINGS))
    for marker, problem in zip(rp.LIST_MARKERS, rng.sample(rp.PROBLEMS, 3), strict=False):
        lines.append(f"{marker}{problem}。" + _filler_paragraph(rng, fillers, rng.randint(1, 2)))
    lines.append("三、" + rng.choice(rp.PLAN_HEADINGS).format(next_year=year + 1))
    for marker, plan in zip(rp.LIST_MARKERS, rng.sample(rp.PLANS, 4), strict=False):
        lines.append(f"{marker}{plan}。" + _filler_paragraph(rng, fillers, rng.randint(1, 2)))
    return Report(title=title, issuer=issuer, published=published,
                  template=_choose_template(rng, weights), skin=rng.choice("abc"), lines=lines,
                  township=town, year=year, facts=facts,
                  signature=[issuer, _chinese_date(published)])


def compose_notice(seed: int, number: int) -> Report:
    """A non-report article (a 通知) of the kind listed beside the reports."""
    rng = random.Random(f"fazhi-bench-notice:{seed}:{number}")
    year = rng.randint(2019, 2025)
    title = rng.choice(rp.NOTICE_TITLES).format(year=year)
    lines = ["各镇人民政府、街道办事处，区直各单位：",
             f"根据工作安排，请各单位于{year + 1}年1月31日前报送{year}年度法治政府建设情况报告。",
             "特此通知。"]
    return Report(title=title, issuer="区委全面依法治区委员会办公室",
                  published=f"{year}-12-{rng.randint(1, 20):02d}", template="notice",
                  skin=rng.choice("abc"), lines=lines)
