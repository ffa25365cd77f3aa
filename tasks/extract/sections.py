"""The report's outline: headings (一、/(一)/1.), the body span each governs, and its kind.

A section's kind (achievements, problems, plans) comes from its heading's words, or from its
parent's or previous sibling's; a heading naming a year after the one the report covers (its
metadata's report_year) is a plan.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tasks.extract import patterns
from tasks.records import Section

_HEADING_RES = [
    (level, re.compile(rf"^[ \t]*{pattern}[ \t]*(?P<heading>[^\n]*)", re.M))
    for level, pattern in patterns.HEADING_PATTERNS
]
_HEADING_END_RE = re.compile(r"[。!?]")
_HEADING_YEAR_RE = re.compile(r"(20\d\d)[ ]?年")


def _section_kind(heading: str, report_year: int | None) -> str | None:
    kinds = {k for k, words in patterns.SECTION_KIND_WORDS if any(w in heading for w in words)}
    year = _HEADING_YEAR_RE.search(heading)
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


def extract_sections(body: str, report_year: int | None = None) -> list[Section]:
    """Outline headings (一、… / (一)… / 1.…) with the body span each governs and its kind;
    ``report_year`` is the year the report covers, as its metadata says (a heading naming a
    later year is a plan)."""
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
