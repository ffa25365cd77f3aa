"""Extract numeric facts, the outline and keywords from a normalized report body.

Pure functions first (``extract_facts``, ``extract_sections``, ``extract_keywords``,
``extract``); the Prefect task wrapper is at the bottom. Patterns live in
tasks/extract_patterns.py, numeral parsing in tasks/numbers.py, non-fact rules in
tasks/extract_context.py, subjects in tasks/extract_subjects.py, indicator mapping in
tasks/indicators.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial

from prefect import task
from prefect.cache_policies import NO_CACHE

from fazhi.config import SEEDS_DIR
from tasks import extract_patterns as patterns
from tasks.extract_context import BodyIndex, is_not_a_fact, unglue_qualifier
from tasks.extract_subjects import (
    USERDICT_PATH,
    after_subject,
    before_subject,
    clean_subject,
    is_bare_head,
    shared_modifier,
    split_distributed,
)
from tasks.indicators import map_indicator
from tasks.metadata import extract_metadata
from tasks.numbers import CHINESE_DIGITS, Quantity, find_quantities
from tasks.records import Batch, Extraction, Fact, NormalizedPage, ReportMeta, Section

STOPWORDS_PATH = SEEDS_DIR / "stopwords.txt"

_SPLITTABLE_LIST_RE = re.compile(patterns.SUBJECT_LIST_SEPARATORS)
_GAP_ONLY_LIST_RE = re.compile(r"^[ 、和及与]*$")
_ARABIC_DIGIT_RE = re.compile(r"[0-9０-９]")
_FREQUENCY_RE = re.compile(patterns.FREQUENCY_PATTERN)
_CHANGE_SUBJECT_RE = re.compile(patterns.CHANGE_SUBJECT_PATTERN)
_SENTENCE_END_RE = re.compile(r"[。!?！？\n]")


def _subjects(body: BodyIndex, quantity: Quantity, region_start: int, next_start: int | None,
              previous: Fact | None) -> list[str]:
    """Subjects the quantity is read for (several when a distributive 均 shares one value)."""
    text = body.text
    clause_start, clause_end = body.clause(quantity.start)
    region = text[region_start : quantity.match_start]
    if previous is not None and _GAP_ONLY_LIST_RE.match(region):
        return [previous.subject]  # 192宗、320人次 / 1520批次3260人次: one count, two units
    after = ""
    if quantity.kind == "count":
        stop = min(x for x in (clause_end, next_start) if x is not None)
        raw_after = text[quantity.match_end : stop]
        list_cut = raw_after.find(patterns.LIST_PUNCTUATION)
        cut_after = raw_after if list_cut < 0 else raw_after[:list_cut]
        ran_into_number = list_cut < 0 and next_start is not None and next_start < clause_end
        after = after_subject(cut_after, ran_into_number, text[quantity.match_end : clause_end])
        if after:
            return [after]
    subject, distributive = before_subject(region)
    if subject:
        if distributive and _SPLITTABLE_LIST_RE.search(subject):
            return split_distributed(subject)
        return [subject]
    if quantity.kind != "count":
        rest = text[quantity.match_end : clause_end]
        if rest.startswith("的"):  # 100%的村(社区)配备了法律顾问
            return [clean_subject(rest[1:])]
        after = after_subject(rest, False, "")
        if after:
            return [after]
    subject = _previous_clause_subject(body, clause_start)
    if subject:
        return [subject]
    if region.strip():
        return [clean_subject(region)]
    # 1件结转下年度继续办理: what happened to the count is all the clause says about it
    return [clean_subject(text[quantity.match_end : clause_end])[: patterns.SUBJECT_MAX_CHARS]]


def _previous_clause_subject(body: BodyIndex, clause_start: int) -> str:
    """A clause with only a verb reads its subject from the clause before, when that clause
    has no number of its own (依法依规做好政务信息依申请公开,全年累计处理20宗)."""
    text = body.text
    if clause_start < 2 or text[clause_start - 1] not in ",;:，；：":
        return ""
    prev_start, _ = body.clause(clause_start - 2)
    prev_clause = text[prev_start : clause_start - 1]
    if _ARABIC_DIGIT_RE.search(prev_clause):
        return ""
    return before_subject(prev_clause)[0]


def _kind(body: str, clause_start: int, quantity: Quantity) -> str:
    if quantity.kind == "count" and _FREQUENCY_RE.search(body, clause_start, quantity.start):
        return "other"  # 每月开展1次集中学法: a frequency
    return quantity.kind


def _relative_subject(
    subject: str, kind: str, region: str, previous: Fact | None, body: str, start: int
) -> tuple[str, str]:
    """A change or reach printed right after a fact describes that fact.

    合格率96% after 学法考试参考率98% → 学法考试合格率;
    同比增长16.7% after 申请35件 → 政府信息公开申请同比增长 (kind other: no 0-100 rate,
    增长150% is possible); 覆盖500余人次 after 法治培训10场次 → 法治培训覆盖;
    (上年9件) after 申请12件 → 申请上年.
    """
    phrase = clean_subject(region)
    if kind == "rate" and previous is not None and previous.kind == "rate":
        modifier = shared_modifier(previous.subject)
        if modifier and is_bare_head(subject) and not _SENTENCE_END_RE.search(
            body, previous.end, start
        ):
            return modifier + subject, kind  # 考试参考率98%,合格率96% → 考试合格率
    if subject != phrase:
        return subject, kind  # 减少了6项…证明材料: the count has its own subject
    is_change = bool(_CHANGE_SUBJECT_RE.match(phrase))
    if is_change:
        kind = "other"
    elif phrase not in patterns.REACH_VERBS and phrase not in patterns.PRIOR_PERIOD_WORDS:
        return subject, kind
    if previous is None or _SENTENCE_END_RE.search(body, previous.end, start):
        return phrase, kind
    return previous.subject + phrase, kind


def extract_facts(body: str) -> list[Fact]:
    """Every numeric fact of a normalized report body, in text order."""
    indexed = BodyIndex.index(body)
    quantities = [
        q for q in map(partial(unglue_qualifier, body), find_quantities(body))
        if not is_not_a_fact(indexed, q)
    ]
    facts: list[Fact] = []
    previous: Fact | None = None
    previous_end = 0
    for i, quantity in enumerate(quantities):
        clause_start, clause_end = indexed.clause(quantity.start)
        next_start = quantities[i + 1].match_start if i + 1 < len(quantities) else None
        region_start = max(clause_start, previous_end)
        same_clause_previous = previous if previous_end > clause_start else None
        quote = body[clause_start:clause_end].strip()
        kind = _kind(body, clause_start, quantity)
        for subject in _subjects(indexed, quantity, region_start, next_start, same_clause_previous):
            subject, kind = _relative_subject(
                subject, kind, body[region_start : quantity.match_start], previous, body,
                quantity.start,
            )
            fact = Fact(
                subject=subject,
                value=quantity.value,
                unit=quantity.unit,
                kind=kind,
                qualifier=quantity.qualifier,
                quote=quote,
                start=quantity.start,
                end=quantity.end,
                indicator=map_indicator(subject, kind, quantity.unit),
                value_max=quantity.value_max,
            )
            facts.append(fact)
        previous = facts[-1] if facts else None
        previous_end = quantity.match_end
    return facts


# --- outline -------------------------------------------------------------------------------------

_HEADING_RES = [
    (level, re.compile(rf"^[ \t]*{pattern}[ \t]*(?P<heading>[^\n]*)", re.M))
    for level, pattern in patterns.HEADING_PATTERNS
]
_HEADING_END_RE = re.compile(r"[。!?]")
_YEAR_RE = re.compile(r"(20\d\d)[ ]?年")


def _section_kind(heading: str, report_year: int | None) -> str | None:
    kinds = {k for k, words in patterns.SECTION_KIND_WORDS if any(w in heading for w in words)}
    year = _YEAR_RE.search(heading)
    if year and report_year and int(year.group(1)) > report_year:
        kinds.add("plans")  # 三、2026年工作安排 in a 2025 report
    if len(kinds) == 1:
        return kinds.pop()
    if kinds:
        return None  # mixed heading: its subheadings decide
    if any(w in heading for w in patterns.SECTION_ACHIEVEMENT_FALLBACK_WORDS):
        return "achievements"
    return None


def _inherited_kind(sections: list[Section], level: int, end: int) -> str | None:
    """Kind for a heading without one: its parent's, or under a mixed parent its previous
    sibling's (the 成效 subheadings come before 存在问题 and 下一步)."""
    parent = next((s for s in reversed(sections) if s.level < level and s.end >= end), None)
    if parent is None:
        return None
    if parent.kind is not None:
        return parent.kind
    sibling = next((s for s in reversed(sections) if s.start > parent.start and s.level == level),
                   None)
    if sibling is not None:
        return sibling.kind
    words = dict(patterns.SECTION_KIND_WORDS)["achievements"]
    return "achievements" if any(w in parent.heading for w in words) else None


def extract_sections(body: str) -> list[Section]:
    """Outline headings (一、… / (一)… / 1.…) with the body span each governs and its kind."""
    first_year = _YEAR_RE.search(body[:400])
    report_year = int(first_year.group(1)) if first_year else None
    found: list[tuple[int, int, str]] = []
    for level, heading_re in _HEADING_RES:
        for match in heading_re.finditer(body):
            heading = _HEADING_END_RE.split(match.group("heading"), maxsplit=1)[0].strip()
            if 0 < len(heading) <= patterns.HEADING_MAX_CHARS:
                found.append((match.start(), level, heading))
    found.sort()
    sections: list[Section] = []
    for i, (start, level, heading) in enumerate(found):
        end = next((s for s, lvl, _ in found[i + 1 :] if lvl <= level), len(body))
        kind = _section_kind(heading, report_year) or _inherited_kind(sections, level, end)
        sections.append(Section(level=level, heading=heading, start=start, end=end, kind=kind))
    return sections


def section_kind_at(sections: list[Section], pos: int) -> str | None:
    """Kind of the innermost section holding ``pos``."""
    starts = [s.start for s in sections]
    for section in reversed(sections[: bisect_left(starts, pos + 1)]):
        if section.start <= pos < section.end and section.kind:
            return section.kind
    return None


# --- keywords ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeywordModel:
    """jieba's IDF table and stop words, applied to words cut by jieba-rs.

    A whole body through jieba's pure-Python cut costs ~8 ms (it was half of extract); rjieba
    is the same algorithm on the same dictionary in Rust, ~0.3 ms. The domain words of
    seeds/jieba_userdict.txt are added to both cutters, so they agree on those.
    """

    cut: Callable[[str], list[str]]
    idf: dict[str, float]
    median_idf: float
    stop_words: frozenset[str]


@cache
def keyword_model() -> KeywordModel:
    import rjieba
    from jieba.analyse import TFIDF

    extractor = TFIDF()
    extractor.set_stop_words(str(STOPWORDS_PATH))
    cutter = rjieba.Jieba()
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        word, *rest = line.split()
        cutter.add_word(word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None)
    return KeywordModel(cutter.cut, extractor.idf_freq, extractor.median_idf,
                        frozenset(extractor.stop_words))


def extract_keywords(body: str, top_n: int = 20) -> list[tuple[str, float]]:
    """Top TF-IDF terms of the body (jieba's IDF and weighting, domain stop words removed)."""
    model = keyword_model()
    counts = Counter(word for word in model.cut(body)
                     if len(word.strip()) >= 2 and word.lower() not in model.stop_words
                     and not word.isdigit())
    total = sum(counts.values())
    weights = {word: n * model.idf.get(word, model.median_idf) / total
               for word, n in counts.items()}
    return sorted(weights.items(), key=lambda item: item[1], reverse=True)[:top_n]


# --- the whole report ---------------------------------------------------------------------------


def _outside_place_names(facts: list[Fact], body: str, report: ReportMeta) -> list[Fact]:
    """Drop numbers inside the report's own place names (三十家子镇, 十家堡镇, 三元…乡)."""
    names = {n for n in (report.town, report.county, report.city, report.issuer) if n}
    spans = [
        (m.start(), m.end())
        for name in names
        if any(ch.isdigit() or ch in CHINESE_DIGITS or ch in "十百千" for ch in name)
        for m in re.finditer(re.escape(name), body)
    ]
    return [f for f in facts if not any(s <= f.start < e for s, e in spans)]


def extract(page: NormalizedPage, region_hint: str | None = None) -> Extraction:
    """Metadata, facts (with their section), outline and keywords of one normalized report."""
    report = extract_metadata(page, region_hint)
    facts = _outside_place_names(extract_facts(page.body), page.body, report)
    sections = extract_sections(page.body)
    for fact in facts:
        fact.section = section_kind_at(sections, fact.start)
    return Extraction(
        report=report,
        body=page.body,
        facts=facts,
        sections=sections,
        keywords=extract_keywords(page.body),
    )


@task(name="extract", cache_policy=NO_CACHE)
def extract_batch(batch: Batch) -> Batch:
    """Extract every page of the batch that strip accepted as a report."""
    pages, extractions = [], []
    for doc, page in zip(batch.docs, batch.pages, strict=True):
        extraction = None
        if page.status == "ok":
            # A failure rejects this report with its reason, never the rest of the batch.
            try:
                extraction = extract(page, doc.region_hint)
            except Exception as exc:  # noqa: BLE001
                page = replace(page, status=f"extract_error: {exc.__class__.__name__}")
        pages.append(page)
        extractions.append(extraction)
    return replace(batch, pages=pages, extractions=extractions)
