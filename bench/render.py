"""Render composed reports as a portal publishes them: article pages, column pages, DOCX files."""

from __future__ import annotations

import html
import io
import unicodedata
import zipfile
from datetime import datetime
from functools import lru_cache

import docx
from opencc import OpenCC

from bench.compose import Report
from bench.site_templates import COLUMN_PAGE, GBK_META, SITE_NAME, SKINS, UTF8_META

ITEMS_PER_PAGE = 20
FIXED_ZIP_TIME = (2024, 1, 15, 9, 30, 0)  # one timestamp per DOCX member: same input, same bytes


@lru_cache(maxsize=2)
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def to_traditional(report: Report) -> bool:
    """Give the report a traditional printed form; False if t2s would not give back a clause.

    The answers are kept in simplified form (as tests/gold does), so a report is only published
    in traditional script when converting back restores every planted quote and its title.
    """
    s2t, t2s = _converter("s2t"), _converter("t2s")
    title = s2t.convert(report.title)
    lines = [s2t.convert(line) for line in report.lines]
    body_back = unicodedata.normalize("NFKC", t2s.convert("\n".join(lines)))
    if t2s.convert(title) != report.title or any(f["quote"] not in body_back
                                                 for f in report.facts):
        return False
    if report.township and report.township.name not in t2s.convert(s2t.convert(report.issuer)):
        return False
    report.published_title, report.published_lines = title, lines
    report.signature = [s2t.convert(s) for s in report.signature]
    return True


def _paragraphs(report: Report) -> str:
    lines = report.published_lines or report.lines
    out = [f"<p style=\"text-indent:2em;\">{html.escape(line)}</p>" for line in lines]
    out += [f"<p style=\"text-align:right;\">{html.escape(s)}</p>" for s in report.signature]
    return "\n".join(out)


def render_article(report: Report, attachment: str | None = None) -> bytes:
    """The article page; with ``attachment`` the page only links the report as a DOCX 附件."""
    title = report.published_title or report.title
    if attachment:
        name = html.escape(f"{report.title}.docx")
        paragraphs = (f'<p>{html.escape(report.title)}</p>\n'
                      f'<p>附件：<a href="{attachment}" target="_blank">{name}</a></p>')
    else:
        paragraphs = _paragraphs(report)
    gbk = report.template == "gbk"
    page = SKINS[report.skin].substitute(
        charset_meta=GBK_META if gbk else UTF8_META, site_name=SITE_NAME,
        title=html.escape(title), issuer=html.escape(report.issuer),
        published=report.published, paragraphs=paragraphs)
    return page.encode("gbk" if gbk else "utf-8")


def render_docx(report: Report) -> bytes:
    """The attachment as an issuer uploads it: issuer, title, every paragraph, signature."""
    document = docx.Document()
    for line in [report.issuer, report.title, *report.lines, *report.signature]:
        document.add_paragraph(line)
    props = document.core_properties
    props.author = props.last_modified_by = report.issuer
    props.title = report.title
    props.created = props.modified = datetime(*FIXED_ZIP_TIME)
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _page_name(number: int) -> str:
    return "index.html" if number == 0 else f"index_{number}.html"


def pagination(page_no: int, pages: int, total: int) -> str:
    """The usual CMS pager: 共N条 首页 上一页 … 下一页 尾页; index.html, index_1.html …"""
    parts = [f"共{total}条", f'<a href="{_page_name(0)}">首页</a>']
    parts.append(f'<a href="{_page_name(page_no - 1)}">上一页</a>' if page_no > 0
                 else "<span>上一页</span>")
    window = range(max(0, page_no - 4), min(pages, page_no + 5))  # real pagers show a window
    parts += [f'<span class="current">{n + 1}</span>' if n == page_no
              else f'<a href="{_page_name(n)}">{n + 1}</a>' for n in window]
    parts.append(f'<a href="{_page_name(page_no + 1)}">下一页</a>' if page_no < pages - 1
                 else "<span>下一页</span>")
    parts.append(f'<a href="{_page_name(pages - 1)}">尾页</a>')
    return " ".join(parts)


def render_columns(rows: list[dict], column_dir: str) -> dict[str, bytes]:
    """Column pages, newest post first, ITEMS_PER_PAGE links a page."""
    ordered = sorted(rows, key=lambda r: r["post_id"], reverse=True)
    pages = max(1, (len(ordered) + ITEMS_PER_PAGE - 1) // ITEMS_PER_PAGE)
    prefix = f"/{column_dir}/"
    out = {}
    for page_no in range(pages):
        chunk = ordered[page_no * ITEMS_PER_PAGE:(page_no + 1) * ITEMS_PER_PAGE]
        items = "\n".join(
            f'    <li><a href="./{r["path"].removeprefix(prefix)}" target="_blank" '
            f'title="{html.escape(r["listed_title"])}">{html.escape(r["listed_title"])}</a>'
            f'<span class="date">{r["published"]}</span></li>' for r in chunk)
        page = COLUMN_PAGE.substitute(site_name=SITE_NAME, items=items,
                                      pagination=pagination(page_no, pages, len(ordered)))
        out[f"{column_dir}/{_page_name(page_no)}"] = page.encode("utf-8")
    return out
