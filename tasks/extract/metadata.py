"""Report metadata (title, issuer, place, year covered, publication date) from a normalized page.

The strip stage hands over what the page chrome carried in ``page.fields`` (published,
source, issuing_body, header_issuers, signed_by, signed_date, doc_date, addressee). When a
field is missing — an unfamiliar template, a PDF without chrome — the same facts are looked
for in the first and last lines of the body, so a weaker strip degrades the result instead of
emptying it. Phrasings live in metadata_patterns.py; what a title and an issuer line look like
is tasks/text/titles.py's rule, the one strip uses too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from tasks.extract import metadata_patterns as pat
from tasks.extract.regions import (
    as_township_report,
    region_index,
    report_level,
    resolve_region,
    under_named_superior,
)
from tasks.records import NormalizedPage, ReportMeta
from tasks.text.dates import is_date_line, parse_date
from tasks.text.numerals import parse_chinese
from tasks.text.patterns import SPECIFIC_TITLE_RE, TITLE_MAX_CHARS
from tasks.text.titles import (
    BODY_HEAD_LINES,
    TITLE_MAX_LINES,
    is_department,
    is_government,
    is_issuer,
    is_prose,
    is_site_name,
    is_title,
    title_text,
)


@dataclass
class _Layout:
    """Where the title sits among the body's lines and what surrounds it."""

    title: str | None
    own_title: str | None  # a title line printed in the report's own head, if any
    head: list[str]  # body lines above the first prose paragraph (title, issuers, date lines)
    opening: str  # the body from its first prose paragraph on
    tail: list[str]  # the last lines, where a signature sits
    page_title: str  # the title as handed over, spaces removed; may be an issuer line


def extract_metadata(page: NormalizedPage, region_hint: str | None = None) -> ReportMeta:
    """All metadata of one report; fields that the page does not state stay None."""
    fields = {k: v.strip() for k, v in page.fields.items() if v and v.strip()}
    layout = _layout(page)
    published = _published(fields, layout)
    issuer = _issuer(layout.title, fields, layout)
    lead = _lead(layout.opening)
    place_texts = [layout.title or "", issuer or "", *_split_issuers(fields.get("header_issuers")),
                   fields.get("signed_by", ""), fields.get("issuing_body", ""),
                   fields.get("source", ""), *layout.head, lead,
                   fields.get("breadcrumbs", ""), page.body]
    region = as_township_report(resolve_region([t for t in place_texts if t], region_hint),
                                page.body)
    region = under_named_superior(region, layout.opening[: pat.OPENING_CHARS])
    return ReportMeta(
        title=layout.title,
        issuer=issuer,
        province=region["province"],
        city=region["city"],
        county=region["county"],
        town=region["town"],
        region_code=region["region_code"],
        level=report_level(region, issuer or _lead_department(lead)) or _unplaced_level(
            region, layout.opening[: pat.OPENING_CHARS]),
        report_year=_report_year(layout, published),
        published=published,
        script=page.script,
    )


def _lead(opening: str) -> str:
    """The clauses of the opening sentence that start with a place (quoted names left out):
    who the report is from when no title or issuer line says it."""
    text = pat.QUOTED_NAME.sub("", opening[: pat.LEAD_CHARS * 2])
    sentence = pat.LEAD_END.split(text, maxsplit=1)[0][: pat.LEAD_CHARS]
    index = region_index()
    clauses = [pat.LEAD_YEAR.sub("", c.strip()) for c in pat.LEAD_CLAUSE.split(sentence)]
    return ",".join(c for c in clauses if any(m.start == 0 for m in index.scan(c)))


def _lead_department(lead: str) -> str | None:
    """A department the lead names as its subject (富川瑶族自治县自然资源局)."""
    subjects = [m["subject"] for c in lead.split(",") if (m := pat.LEAD_SUBJECT.match(c))]
    return next((s for s in subjects if is_department(s)), None)


# --- title ----------------------------------------------------------------------------------

def _compact(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _is_prose(line: str) -> bool:
    """Report text, where the head of a body ends: a sentence, or longer than any title."""
    return is_prose(line) or len(line) > TITLE_MAX_CHARS


def _layout(page: NormalizedPage) -> _Layout:
    lines = [ln.strip() for ln in page.body.split("\n") if ln.strip()]
    first_prose = next((i for i, ln in enumerate(lines[:BODY_HEAD_LINES]) if _is_prose(ln)),
                       min(len(lines), BODY_HEAD_LINES))
    head = lines[:first_prose]
    title = _title(page.title, head)
    tail = lines[max(first_prose, len(lines) - pat.SIGNATURE_LINES):]
    own_title = title_text(_compact(page.fields.get("report_title"))) or _title_in_lines(head)
    return _Layout(title, own_title, head, "\n".join(lines[first_prose:]), tail,
                   _compact(page.title))


def _title(page_title: str | None, head: list[str]) -> str | None:
    """The page's title if it reads as one, else a title line found among the head lines.

    A page title without a year may be the column name (002 "镇街法治政府建设报告"); a head
    line naming the year is then the report's own title.
    """
    given = title_text(_compact(page_title))
    if is_site_name(given):
        given = ""  # a site's name given as the heading (…人民政府网站): not the report's
    found = _title_in_lines(head)
    if given and is_title(given):
        if found and not SPECIFIC_TITLE_RE.search(given) and SPECIFIC_TITLE_RE.search(found):
            return found
        return given
    if found:
        return found
    return given if given and not is_issuer(given) else None


def _title_in_lines(lines: list[str]) -> str | None:
    candidates: list[str] = []
    for i in range(len(lines)):
        for span in range(1, TITLE_MAX_LINES + 1):
            parts = lines[i:i + span]
            joined = _compact("".join(parts))
            if len(parts) < span or any(_is_prose(p) for p in parts):
                break
            if span > 1 and any(is_issuer(_compact(p)) for p in parts):
                break  # an issuer line above the title is not part of it (003, 004)
            if is_title(joined) and not (span > 1 and is_title(_compact(parts[0]))):
                candidates.append(title_text(joined))
                break
    specific = [c for c in candidates if SPECIFIC_TITLE_RE.search(c)]
    return (specific or candidates or [None])[0]


# --- issuer ---------------------------------------------------------------------------------

def _split_issuers(joined: str | None) -> list[str]:
    return [_compact(p) for p in (joined or "").split("|") if _compact(p)]


def _issuer(title: str | None, fields: dict[str, str], layout: _Layout) -> str | None:
    """The issuing body: named in the title, else a government line, else the page's source.

    Among names of the same body the fullest wins (source "横沥镇人民政府" vs title
    "广州市南沙区横沥镇人民政府").
    """
    from_title = pat.TITLE_ISSUER.match(title or "")
    lines = [*_split_issuers(fields.get("header_issuers")), _compact(fields.get("signed_by")),
             *([layout.page_title] if layout.page_title != title else []),
             *(_compact(ln) for ln in layout.head if _compact(ln) != title),
             *(_compact(ln) for ln in layout.tail),
             *(m["issuer"] for ln in layout.tail if (m := pat.SIGNATURE_LINE.match(_compact(ln))))]
    printed = [ln for ln in lines if is_issuer(ln)]
    government = [ln for ln in printed if not pat.PARTY_ISSUER.search(ln)]
    party = [ln for ln in printed if pat.PARTY_ISSUER.search(ln)]
    labelled = [_compact(fields.get(k)) for k in ("issuing_body", "source")]
    labelled += [m.group("value") for ln in layout.head for m in pat.SOURCE_LINE.finditer(ln)]
    labelled = [v for v in labelled if v and (is_issuer(v) or _is_place_name(v))
                and not pat.NOT_ISSUER.search(v) and not pat.PUBLISHING_OFFICE.search(v)
                and not (is_department(v) and pat.PLACE_SUBJECT_TITLE.search(title or ""))]
    government += [m["issuer"] for m in pat.OPENING_ISSUER.finditer(
        _compact(layout.opening[: pat.OPENING_CHARS]))]
    ranked = [pat.JOINT_PARTY_PREFIX.sub("", from_title["issuer"])] if from_title else []
    ranked += [m["issuer"] for m in pat.COVER_LETTER_ISSUER.finditer(
        _compact(fields.get("cover_letter")))]
    ranked += sorted(government, key=lambda ln: not is_government(ln))
    ranked += labelled + party
    if not ranked:
        return None
    primary = ranked[0]
    fuller = [c for c in ranked if c.endswith(primary) and not pat.PARTY_ISSUER.search(c)]
    return max([primary, *fuller], key=len)


def _unplaced_level(region: dict, opening: str) -> str | None:
    """county-dept for a department's report that resolved no place but speaks as 我局 under a
    county's or district's government; else None."""
    if region.get("province") or region.get("level"):
        return None
    if pat.DEPARTMENT_SELF.search(opening) and pat.COUNTY_GOVERNMENT.search(opening):
        return "county-dept"
    return None


def _is_place_name(value: str) -> bool:
    """A disclosure table's 发布机构 that is a place's name alone: its government (tests/gold
    027, jindong.gov.cn: "发布机构: 澧浦镇")."""
    mentions = region_index().scan(value)
    return len(mentions) == 1 and (mentions[0].start, mentions[0].end) == (0, len(value))


# --- dates ----------------------------------------------------------------------------------

def _published(fields: dict[str, str], layout: _Layout) -> str | None:
    """Page date line, else the signed date, else a date line closing the body."""
    head_dates = [m.group("value") for ln in layout.head for m in pat.PUBLISHED_LINE.finditer(ln)]
    signed_lines = [_compact(ln) for ln in layout.tail if is_date_line(_compact(ln))
                    or pat.SIGNATURE_LINE.match(_compact(ln))]
    for candidate in (fields.get("published"), *head_dates, fields.get("signed_date"),
                      *signed_lines[-1:], fields.get("doc_date")):
        date = parse_date(candidate)
        if date:
            return date
    return None


# --- year covered ---------------------------------------------------------------------------

def _first_year(text: str) -> int | None:
    text = pat.QUOTED_NAME.sub("", _compact(text))
    match = pat.YEAR.search(text)
    if match:
        return int(match["y"])
    match = pat.CN_YEAR.search(text)
    return int(parse_chinese(match["y"])) if match else None


def _report_year(layout: _Layout, published: str | None) -> int | None:
    """The year the report covers, in its own words: the title printed in its head, else its
    opening, else the title it was given (the page heading), else 去年 before publication.

    A page heading or list title that names another year (a portal reusing last year's
    heading) loses to what the report says of itself; the disagreement is a quality alert
    (``year_conflict``)."""
    published_year = int(published[:4]) if published else None
    opening = layout.opening[: pat.OPENING_CHARS]
    for text in (layout.own_title or "", opening, layout.title or ""):
        year = _first_year(text)
        if year and (published_year is None or year <= published_year + 1):
            return year
    if published_year and pat.PREVIOUS_YEAR.search(opening):
        return published_year - 1
    return None


def year_conflict(report: ReportMeta, page: NormalizedPage, file_name: str | None) -> str | None:
    """Where the page's title or the attachment's file name states another year than the
    report covers (None when they agree or state none)."""
    if report.report_year is None:
        return None
    claims = {"page title": page.title or "", "file name": unquote(file_name or "")}
    stated = {where: _first_year(text) for where, text in claims.items()}
    return "; ".join(f"{where} says {year}" for where, year in stated.items()
                     if year and year != report.report_year) or None
