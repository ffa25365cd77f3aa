"""Portal pages for the strip benchmark: the gold corpus reports wrapped in portal templates.

Each template in bench/templates/ imitates a kind of Chinese government portal page:

- gov_trs_disclosure.html — gov.cn/TRS article page: top bar with stale header date, nav,
  breadcrumb, 信息公开 table (索引号/发布机构/成文日期/组配分类/公开方式), h1, date/source/view
  counter/font widget, share/print/close tools, 相关链接, footer (版权所有, ICP, 公网安备, 标识码).
- zwgk_left_nav.html — 政务公开 two-column page: left column of column links and topic boxes,
  title in a div (no h1), "日期/信息来源/阅读次数" line, 上一篇/下一篇, Copyright footer.
- mobile_article.html — mobile page: back/search header, channel bar, meta spans, QR/share
  block, 相关阅读 list, footer and a fixed tab bar.
- nested_tables.html — old ASP.NET portal: layout tables, the body as <br>-separated text in a
  table nested three deep, left menu table, 点击数 and 【打印】【关闭】, footer table.
- article_all_in_one.html — one article container holding everything: breadcrumb, a <th>/<td>
  disclosure table, h2 title, "date 来源 【字号】 浏览量" line, body, 附件 link, QR block and
  【打印】【关闭】 inside the content div, then 相关文章 and a footer.
- traditional_portal.html — the same chrome in traditional characters (版權所有, 瀏覽次數),
  used with the traditional report 000.

The true body of a report is its text between the gold body_starts_with and body_ends_with.
Only templates with a {{body_p}}/{{body_br}} placeholder are used (the folder is shared).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tasks.normalize.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
GOLD_DIR = ROOT / "tests" / "gold"
TRADITIONAL_TEMPLATE = "traditional_portal.html"
DEFAULT_PUBLISHED = "2026-01-20"  # page date for reports whose gold has none
BODY_PLACEHOLDERS = frozenset({"{{body_p}}", "{{body_br}}"})


@dataclass
class PortalPage:
    template: str
    doc: str
    html: str
    true_body: str  # normalized
    title: str  # gold title (normalized)
    published: str


def _gold() -> dict[str, dict]:
    """Gold reports a page can be built around: a template needs the title as printed and an
    issuer to name the site (a report whose stored text prints neither has no page here)."""
    rows = (json.loads(line) for line in (GOLD_DIR / "reports.jsonl").read_text().splitlines())
    return {row["doc"]: row for row in rows if row["title"] and row["issuer"]}


def report_parts(text: str, gold: dict) -> tuple[str, list[str]]:
    """(title as printed, body lines as printed) of a corpus report, bounded by the gold."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    normalized = [normalize_text(ln).replace(" ", "") for ln in lines]
    start = next(i for i, n in enumerate(normalized) if n.startswith(gold["body_starts_with"]))
    end = next(i for i, n in enumerate(normalized) if n.endswith(gold["body_ends_with"]))
    title = next((ln for ln, n in zip(lines, normalized, strict=True) if n == gold["title"]), None)
    return title or gold["title"], lines[start : end + 1]


def fill(template: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", value)
    return template


def _values(doc: str, row: dict) -> tuple[dict[str, str], list[str]]:
    """Template values for one corpus report, and its true body lines as printed."""
    text = (GOLD_DIR / "corpus" / doc).read_text(encoding="utf-8")
    title, body_lines = report_parts(text, row)
    published = row["published"] or DEFAULT_PUBLISHED
    esc = [html_lib.escape(ln) for ln in body_lines]
    values = {
        "title": html_lib.escape(title),
        "site": row["issuer"].removesuffix("人民政府") + "人民政府门户网站",
        "source": row["issuer"],
        "published": published,
        "doc_date": published,
        "address": f"{row['county'] or row['city']}{row['town'] or ''}政府路1号",
        "body_p": "\n".join(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{ln}</p>" for ln in esc),
        "body_br": "<br>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{ln}" for ln in esc),
    }
    return values, body_lines


def _page(template: str, doc: str, row: dict, html: str, body_lines: list[str]) -> PortalPage:
    return PortalPage(
        template=template,
        doc=doc,
        html=html,
        true_body=normalize_text("\n".join(body_lines)),
        title=row["title"],
        published=row["published"] or DEFAULT_PUBLISHED,
    )


def build_pages() -> list[PortalPage]:
    """The corpus reports in every template of bench/templates/."""
    gold = _gold()
    pages = []
    for template_path in sorted(TEMPLATES_DIR.glob("*.html")):
        template = template_path.read_text(encoding="utf-8")
        if BODY_PLACEHOLDERS.isdisjoint(re.findall(r"\{\{\w+\}\}", template)):
            continue  # not a whole-page template of this benchmark
        for doc, row in sorted(gold.items()):
            if template_path.name == TRADITIONAL_TEMPLATE and row["script"] != "traditional":
                continue
            values, body_lines = _values(doc, row)
            pages.append(_page(template_path.name, doc, row, fill(template, values), body_lines))
    return pages


def held_out_pages() -> list[PortalPage]:
    """The corpus reports in the article skins of bench/site_templates.py (issue #8's synthetic
    portal, written independently of the stripper); empty if that module is not there."""
    try:
        from bench.site_templates import SKINS, UTF8_META
    except (ImportError, OSError):  # another helper's module, possibly mid-change
        return []
    pages = []
    for skin, template in sorted(SKINS.items()):
        for doc, row in sorted(_gold().items()):
            values, body_lines = _values(doc, row)
            html = template.safe_substitute(
                charset_meta=UTF8_META, site_name=values["site"], title=values["title"],
                published=values["published"], issuer=values["source"],
                paragraphs=values["body_p"],
            )
            pages.append(_page(f"site_templates:{skin}", doc, row, html, body_lines))
    return pages
