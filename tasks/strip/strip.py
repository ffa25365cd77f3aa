"""Strip page chrome (nav, breadcrumbs, widgets, footers) from HTML pages and flattened texts.

The report comes back as title + body paragraphs; what the chrome carried (date/source line,
information-disclosure table, header issuers, salutation, signature) is lifted into fields.
Pages that hold no report (only chrome, 404, under construction) get a status, not a body.

StrippedPage.fields keys (values in simplified script, without spaces):
  published, doc_date, signed_date — YYYY-MM-DD (date line / 成文日期 / signature date)
  source — 来源/信息来源; issuing_body — 发布机构; index_no — 索引号; doc_no — 文号 (〔2022〕5号)
  header_issuers — issuer lines printed above the title, joined by "|"
  addressee — salutation line after the title ("区委、区政府:"), or opening a page that prints
    no title ("市人民政府:")
  cover_letter — a 请示 printed above the report's title (its lines, joined by newlines)
  signed_by — issuer lines of the closing signature, joined by "|"
  report_title — the title as printed among the report's own lines (absent when only the
    page's heading names it): the report's own words, which win over a page heading's year
  breadcrumbs — the page's 当前位置 items, joined by ">" (首页>政务公开>…>徐闻县): where the
    portal files the report, evidence of its place
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tasks.budget import OverBudget, document_budget
from tasks.limits import TEXT_MAX_CHARS
from tasks.records import Batch, FetchedDocument, StrippedPage
from tasks.strip import lines as sl
from tasks.strip import patterns as pat
from tasks.strip.dom import page_lines
from tasks.text.dates import is_date_line, parse_date
from tasks.text.script import line_key
from tasks.text.titles import (
    PAGE_HEAD_LINES,
    TITLE_MAX_LINES,
    is_issuer,
    is_prose,
    is_site_name,
    is_title,
    lookalike_reason,
    names_year,
    title_text,
)

HEAD_MAX_SHARE = 0.5  # the title is looked for in the first PAGE_HEAD_LINES, and first half
PARAGRAPH_MIN_CHARS = 40  # a prose line this long is report body: the title is above it


@dataclass
class _Line:
    raw: str
    key: str


@dataclass
class _Parse:
    lines: list[_Line]
    fields: dict[str, str] = field(default_factory=dict)
    crumbs: set[str] = field(default_factory=set)


def _lift(parse: _Parse, line: _Line) -> bool:
    """Lift metadata or breadcrumb items from a chrome-zone line; True if the line is consumed."""
    meta = sl.meta_fields(line.key)
    if meta is not None:
        for name, value in meta.items():
            parse.fields.setdefault(name, value)
        return True
    crumbs = sl.breadcrumb_items(line.key, line.raw)
    if crumbs is not None and (sl.is_chrome(line.key, line.raw) or len(crumbs) >= 2):
        parse.crumbs.update(crumbs)
        parse.fields.setdefault("breadcrumbs", ">".join(crumbs))
        return True
    return sl.is_chrome(line.key, line.raw) or line.key in parse.crumbs


def _may_be_title(parse: _Parse, line: _Line) -> bool:
    """Not blank, prose, chrome, a breadcrumb item or a metadata line."""
    key = line.key
    if not key or is_prose(key) or key in parse.crumbs or sl.is_chrome(key, line.raw):
        return False
    return sl.meta_fields(key) is None


def _find_title(parse: _Parse, hint: str | None) -> tuple[int, int] | None:
    """(first, last+1) line index of the title, or None."""
    lines = parse.lines
    # The title is above the first paragraph; a text with no paragraph in its head (a list
    # of short lines) has it in its first half. A copied page whose sidebars and tables come
    # first can print it past its half (国微CMS government skin, bench/templates/real/).
    has_paragraph = any(is_prose(ln.key) and len(ln.key) >= PARAGRAPH_MIN_CHARS
                        for ln in lines[:PAGE_HEAD_LINES])
    limit = PAGE_HEAD_LINES if has_paragraph else min(
        PAGE_HEAD_LINES, max(6, int(len(lines) * HEAD_MAX_SHARE)))
    hint_key = line_key(hint) if hint else None
    best: tuple[int, int, int] | None = None  # (score, first, end)
    for first in range(min(limit, len(lines))):
        if is_prose(lines[first].key) and len(lines[first].key) >= PARAGRAPH_MIN_CHARS:
            break  # the body has begun: a title is printed above it
        if not _may_be_title(parse, lines[first]):
            continue
        if is_issuer(lines[first].key) and not is_title(lines[first].key):
            continue
        joined = ""
        for end in range(first + 1, min(first + 1 + TITLE_MAX_LINES, len(lines)) + 1):
            key = lines[end - 1].key
            if end > first + 1 and (is_issuer(key) or not _may_be_title(parse, lines[end - 1])):
                break
            joined += key
            if hint_key and joined == hint_key:
                return first, end
            if is_title(joined):
                score = 2 * names_year(joined) + (end == first + 1)
                if best is None or score > best[0]:
                    best = (score, first, end)
                break
    return (best[1], best[2]) if best else None


def _head(parse: _Parse, title_span: tuple[int, int] | None) -> int:
    """Consume chrome, metadata, issuers and salutation before the body; index of body start."""
    lines = parse.lines
    issuers: list[str] = []
    if title_span:
        for line in lines[: title_span[0]]:
            if _lift(parse, line):
                continue
            if is_issuer(line.key):
                issuers.append(line.raw.strip())
            elif doc_no := pat.DOC_NUMBER_RE.search(line.key):
                parse.fields.setdefault("doc_no", doc_no[0])
        start = title_span[1]
    else:
        start = 0
    # (compared without a 标题: label: yzh.gov.cn prints "标 题: X" and then X)
    title_key = (title_text("".join(ln.key for ln in lines[slice(*title_span)]))
                 if title_span else None)
    while start < len(lines):
        line = lines[start]
        if line.key and title_text(line.key) == title_key:
            start += 1  # the title printed again under the page heading (tjjh.gov.cn)
            continue
        if line.key and not _lift(parse, line):
            if not sl.is_addressee(line.key) or "addressee" in parse.fields or not (
                    title_span or pat.ADDRESSEE_BODY_RE.search(line.key)):
                break
            parse.fields["addressee"] = line.raw.strip()
        start += 1
    if issuers:
        parse.fields["header_issuers"] = "|".join(issuers)
    return start


def _tail(parse: _Parse, start: int) -> list[int]:
    """Cut footer chrome and lift a closing signature; indexes of the body's lines."""
    lines = parse.lines
    last_prose = max(
        (i for i in range(start, len(lines)) if is_prose(lines[i].key)), default=start - 1
    )
    kept = [i for i in range(start, last_prose + 1) if lines[i].key]
    for i in range(last_prose + 1, len(lines)):
        key = lines[i].key
        if pat.PAGE_NUMBER_RE.fullmatch(key) or not key:
            continue  # a PDF page number between the last paragraph and the signature
        if sl.is_chrome(key, lines[i].raw):
            break
        kept.append(i)
    if kept and kept[-1] > last_prose and is_date_line(lines[kept[-1]].key):
        signers = []
        while len(kept) > 1 and kept[-2] > last_prose and is_issuer(lines[kept[-2]].key):
            signers.insert(0, lines[kept.pop(-2)].raw.strip())
        date_line = lines[kept.pop()].key
        # A date alone under the last paragraph is the signature's or the page's date, not
        # report text (电子政务网 detail pages print the page date there).
        parse.fields.setdefault("signed_date", parse_date(date_line) or "")
        if signers:
            parse.fields["signed_by"] = "|".join(signers)
    return kept


# A page that prints its article twice (a print copy, a mobile copy) repeats at least this
# share of the body's lines, in order, right from the body's first line.
REPEAT_MIN_SHARE = 0.9
REPEAT_MIN_LINES = 3


def _repeat_start(lines: list[_Line], start: int) -> int:
    """Index where the body starts over (the article printed a second time), else len(lines)."""
    body = [i for i in range(start, len(lines)) if lines[i].key]
    keys = [lines[i].key for i in body]
    for at in range(1, len(keys)):
        if keys[at] != keys[0]:
            continue
        matched = 0
        while at + matched < len(keys) and matched < at and keys[at + matched] == keys[matched]:
            matched += 1
        if matched >= max(REPEAT_MIN_LINES, REPEAT_MIN_SHARE * at):
            return body[at]
    return len(lines)


def _chrome_above_paragraph(parse: _Parse, start: int) -> set[int]:
    """Metadata and chrome lines left between the body's start and its first paragraph (a
    flattened page whose title line was not recognised stops the head there: baiyinqu.gov.cn
    prints 信息来源/发布时间/浏览次数 under it); they are lifted, not body."""
    dropped: set[int] = set()
    for i in range(start, len(parse.lines)):
        line = parse.lines[i]
        if is_prose(line.key) and len(line.key) >= PARAGRAPH_MIN_CHARS:
            break
        if line.key and (sl.meta_fields(line.key) is not None or sl.is_chrome(line.key, line.raw)):
            _lift(parse, line)
            dropped.add(i)
    return dropped


def _cover_letter_end(parse: _Parse) -> int:
    """Index of the report's title under a cover letter (请示) that opens the page, its text
    lifted into ``cover_letter``; 0 when the page opens with no such letter."""
    lines = parse.lines
    for i, line in enumerate(lines[: pat.COVER_LETTER_MAX_LINES]):
        if not pat.COVER_LETTER_CLOSE_RE.search(line.key):
            continue
        end = i + 1
        while end < len(lines) and (not lines[end].key or is_issuer(lines[end].key)
                                    or is_date_line(lines[end].key)):
            end += 1  # the letter's signature and date
        if end < len(lines) and is_title(lines[end].key):
            parse.fields["cover_letter"] = "\n".join(ln.raw.strip() for ln in lines[:end]
                                                     if ln.key)
            return end
        return 0
    return 0


def _strip_lines(text: str, title_hint: str | None = None) -> StrippedPage:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw_lines = sl.join_label_values(sl.join_breadcrumb(raw_lines))
    parse = _Parse([_Line(r, line_key(r)) for r in raw_lines])
    # Breadcrumbs name the column; a line repeating a crumb above the title is the column heading.
    for line in parse.lines[:PAGE_HEAD_LINES]:
        crumbs = sl.breadcrumb_items(line.key, line.raw)
        if crumbs and sl.is_chrome(line.key, line.raw):
            parse.crumbs.update(crumbs)
            parse.fields.setdefault("breadcrumbs", ">".join(crumbs))
    parse.lines = parse.lines[_cover_letter_end(parse):]
    title_span = _find_title(parse, title_hint)
    start = _head(parse, title_span)
    parse.lines = parse.lines[:_repeat_start(parse.lines, start)]  # the article once
    head_chrome = _chrome_above_paragraph(parse, start)
    body_lines = [parse.lines[i].raw.strip(" \t\u00a0\u3000") for i in _tail(parse, start)
                  if i not in head_chrome]
    body = "\n".join(body_lines)
    title_lines = parse.lines[slice(*title_span)] if title_span else []
    title = "".join(ln.raw.strip() for ln in title_lines) or None
    if title:  # printed in the report's own lines, not only as the page's heading
        parse.fields["report_title"] = title_text(line_key(title))
    fields = {k: v for k, v in parse.fields.items() if v}
    status = sl.page_status("".join(ln.key for ln in parse.lines), line_key(body))
    return StrippedPage(title=title or title_hint, body=body, fields=fields, status=status)


def strip_text(text: str) -> StrippedPage:
    """Report title, body and chrome metadata from a flattened text (saved page, PDF, DOCX)."""
    return _strip_lines(text)


def strip_html(html: str, url: str | None = None) -> StrippedPage:
    """Report title, body and metadata from an article page's HTML."""
    content = page_lines(html, url)
    page = _strip_lines("\n".join(content.lines), content.title)
    page.fields = {**content.fields, **page.fields}
    # The page's heading wins over a title line found in the text, unless it is only the
    # site's name (…人民政府网站) or there is none: then the report's first lines give it.
    site_name_only = content.title and is_site_name(line_key(content.title))
    if content.title and not (site_name_only and "report_title" in page.fields):
        page.title = content.title
    if page.status != "ok":
        page.status = sl.page_status(line_key(content.page_text), line_key(page.body))
    return page


def strip(doc: FetchedDocument) -> StrippedPage:
    """Strip one fetched document; an attachment's text keeps the article page's title/date.
    A page whose own title names a look-alike of a report (政府信息公开工作年度报告, a 解读
    page, a notice …) is no report: its status says why (``not_a_report_<why>``). This is
    where a list title cut short, which discovery could not judge, is decided."""
    if doc.kind == "html":
        page = strip_html(doc.text, doc.url)
    else:
        page = strip_text(doc.text)
        if doc.page_html:
            article = strip_html(doc.page_html, doc.url)
            page.fields = {**page.fields, **article.fields}
            page.title = article.title or page.title
    if page.status == "ok" and page.title:
        page.status = lookalike_reason(page.title) or "ok"
    return page


def strip_batch(batch: Batch) -> Batch:
    """Strip every fetched document of the batch."""
    return replace(batch, stripped=[_strip_or_reject(doc, batch.budget_s) for doc in batch.docs])


def _strip_or_reject(doc: FetchedDocument, budget_s: float | None = None) -> StrippedPage:
    # One malformed page must not cost the other reports of its batch: it becomes a
    # rejected page whose reason names the failure, visible in v_problems.
    if len(doc.text) > TEXT_MAX_CHARS:
        return StrippedPage(title=None, body="", status=f"too_long: {len(doc.text)} characters, "
                            f"more than {TEXT_MAX_CHARS} (tasks/limits.py)")
    try:
        with document_budget(budget_s):
            return strip(doc)
    except OverBudget as exc:
        return StrippedPage(title=None, body="", status=f"over_budget: strip took {exc}")
    except Exception as exc:  # noqa: BLE001
        return StrippedPage(title=None, body="", status=f"strip_error: {exc.__class__.__name__}")
