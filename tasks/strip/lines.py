"""Line classifier for flattened report texts: chrome, metadata, navigation, addressee lines.

Used by strip.py for plain texts (pages saved as text, PDF/DOCX conversions) and for the
lines of an HTML page's main content. Patterns live in patterns.py; lines are matched on
their key (tasks/text/script.py: no whitespace, half-width, simplified). Whether a line is a
title or an issuer is tasks/text/titles.py's rule, shared with extract.
"""

from __future__ import annotations

import re

from tasks.strip import patterns as pat
from tasks.text.dates import is_date_line, parse_date
from tasks.text.html import cjk_count
from tasks.text.patterns import ENUMERATOR_RE
from tasks.text.script import line_key, simplified_key
from tasks.text.titles import is_prose, is_title


def is_nav_bar(key: str, raw: str) -> bool:
    """Several short items separated by | (or ·, •): a navigation or footer link bar."""
    items = [i for i in pat.NAV_SPLIT_RE.split(raw) if i.strip()]
    if len(items) < 2 or is_prose(key):
        return False
    return all(len(line_key(i)) <= pat.NAV_ITEM_MAX_CHARS for i in items)


def breadcrumb_items(key: str, raw: str) -> list[str] | None:
    """Items of a breadcrumb line ('您现在的位置:首页 > 政务公开 > …'), else None."""
    if ">" not in raw and "»" not in raw and "›" not in raw:
        return None
    body = re.split(r"位置[:：]?", raw, maxsplit=1)[-1]
    items = [line_key(i) for i in pat.BREADCRUMB_RE.split(body)]
    items = [i for i in items if i]
    if is_prose(key) or any(len(i) > 20 for i in items):
        return None
    return items


def is_chrome(key: str, raw: str) -> bool:
    if not key:
        return False
    if is_nav_bar(key, raw) or pat.PAGE_NUMBER_RE.fullmatch(key):
        return True
    if len(key) > pat.CHROME_MAX_CHARS or "。" in key:
        return False
    return any(r.search(key) for r in pat.CHROME_RE)


def meta_fields(key: str) -> dict[str, str] | None:
    """Fields of a date/source or disclosure-table line ('来源:X发布日期:2021-01-11'), else None."""
    fields: dict[str, str] = {}
    if ("网" in key or "门户" in key) and (site := pat.SITE_PREFIX_RE.match(key)):
        key = key[site.end():]
    if date := pat.LEADING_DATE_RE.match(key):
        fields["published"] = parse_date(date[1]) or ""
        key = key[date.end() :]
        if not key:
            return fields
    # A metadata line starts with its label (most lines do not: test that before scanning).
    if not pat.META_RE.match(key):
        key = _colons_for_run_together(key)
        if not pat.META_RE.match(key):
            return None
    if len(key) > 160 or "。" in key:
        return None
    matches = list(pat.META_RE.finditer(key))
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        name = pat.META_LABELS[m[1]]
        # (a table copied with its cell borders: "索 引 号: | 2342…/2024-00001 | 生成日期: |")
        value = key[m.end() : nxt.start() if nxt else len(key)].strip().strip("|｜").strip()
        if not name or not value or name in fields:
            continue
        if name in ("published", "doc_date"):
            value = parse_date(value) or ""
        elif name == "doc_no":  # "文号: 无" is no number
            value = m_no[0] if (m_no := pat.DOC_NUMBER_RE.search(value)) else ""
        if value:
            fields[name] = value
    return fields


def _colons_for_run_together(key: str) -> str:
    """A copied table row whose labels run into their values without colons, with the colons
    put back; any other line as it is."""
    if not pat.RUN_TOGETHER_RE.match(key):
        return key
    labels = list(pat.RUN_TOGETHER_RE.finditer(key))
    in_cell = key[labels[0].end():].startswith(("|", "｜"))  # "有效性 | |||": a table cell
    if (len(labels) < 2 and not in_cell) or is_prose(key):
        return key
    for m in reversed(labels):
        key = key[: m.end()] + ":" + key[m.end():]
    return key


def join_breadcrumb(raw_lines: list[str]) -> list[str]:
    """A breadcrumb printed one item a line ("当前位置：" / "首页" / ">" / "政务公开" …) joined
    back into one line, so it is read (and lifted) as the breadcrumb it is."""
    out: list[str] = []
    i = 0
    while i < len(raw_lines):
        if pat.BREADCRUMB_OPENER_RE.match(line_key(raw_lines[i])):
            items, j = [], i + 1
            while j < len(raw_lines):
                key = line_key(raw_lines[j])
                if not key or pat.BREADCRUMB_RE.fullmatch(key):
                    j += 1
                    continue
                if len(key) > pat.BREADCRUMB_ITEM_MAX_CHARS or is_prose(key) or len(items) >= 8:
                    break
                if items and not pat.BREADCRUMB_RE.fullmatch(line_key(raw_lines[j - 1]) or "x"):
                    break  # the next item follows a separator, or the crumb has ended
                items.append(raw_lines[j].strip())
                j += 1
            if len(items) >= 2:
                out.append(raw_lines[i].strip().rstrip(":：") + "：" + " > ".join(items))
                i = j
                continue
        out.append(raw_lines[i])
        i += 1
    return out


def is_bare_label(key: str) -> bool:
    """A metadata label alone on its line ("索引号：", "发布机构"), its value on the next."""
    return bool(key) and bool(pat.BARE_LABEL_RE.fullmatch(key))


def join_label_values(raw_lines: list[str]) -> list[str]:
    """Lines of a copied page with each bare label joined to the value on the next line
    ("索引号：" + "001122334/2024-00018" → "索引号：001122334/2024-00018"); a label followed by
    another label, a paragraph or nothing stays alone (and is lifted as an empty field)."""
    out: list[str] = []
    i = 0
    while i < len(raw_lines):
        raw = raw_lines[i]
        key = line_key(raw)
        j = i + 1
        while j < len(raw_lines) and not raw_lines[j].strip():
            j += 1
        if is_bare_label(key) and j < len(raw_lines):
            value_key = line_key(raw_lines[j])
            # A date alone is a value ("成文日期：" / "2019年01月27日"); a title or a labelled
            # line of its own is not (an empty "主 题 词：" above the title keeps it alone).
            if (len(value_key) <= pat.LABEL_VALUE_MAX_CHARS and not is_prose(value_key)
                    and not is_bare_label(value_key) and not is_title(value_key)
                    and (meta_fields(value_key) is None or is_date_line(value_key))):
                label = raw.strip().rstrip(":：")
                out.append(f"{label}：{raw_lines[j].strip()}")
                i = j + 1
                continue
        out.append(raw if not is_bare_label(key) or key.endswith(":") else raw.strip() + "：")
        i += 1
    return out


def is_addressee(key: str) -> bool:
    return bool(pat.ADDRESSEE_RE.match(key)) and not ENUMERATOR_RE.match(key)


def page_status(text_key: str, body_key: str) -> str:
    """ok, or why a near-empty page is not a report: not_found, under_construction, empty."""
    cjk = cjk_count(body_key)
    if cjk >= pat.MIN_BODY_CJK:
        return "ok"
    text_key = simplified_key(text_key)  # 頁面不存在 on traditional portals
    if any(r.search(text_key) for r in pat.NOT_FOUND_RE):
        return "not_found"
    if any(r.search(text_key) for r in pat.UNDER_CONSTRUCTION_RE):
        return "under_construction"
    return "empty"
