"""The bundled demo portal: build its static pages from seeds/portal/ and serve them on loopback.

`python -m fazhi.portal build` regenerates seeds/portal/site/ deterministically from the rows
of seeds/portal/articles.csv, the page templates and the report texts; `serve_portal` serves
that directory the way a real government portal would, so the harvest runs against real HTTP.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import shutil
import threading
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qsl, unquote, urlsplit

import docx
from opencc import OpenCC

from tasks.paths import PROJECT_ROOT, SEEDS_DIR

PORTAL_DIR = SEEDS_DIR / "portal"
SITE_DIR = PORTAL_DIR / "site"
GOLD_REPORTS = PROJECT_ROOT / "tests" / "gold" / "reports.jsonl"
COLUMN_DIR = "zwgk/fzzfjs"  # 政务公开 > 法治政府建设, the generic column the demo lists
ITEMS_PER_PAGE = 2
# The two platform columns beside it (seeds/sources.csv): Guangdong's gkmlpt (a Vue shell, the
# list from a JSON API, the category in the URL fragment) and a Hanweb jcms column (records in
# a text/xml datastore, more POSTed for from dataproxy.jsp), one article a list/API page so
# discovery pages through each.
GKMLPT_SID, GKMLPT_CATID = "200022", "2390"
HANWEB_COLUMN, HANWEB_UNIT = "1229", "3695"
PLATFORM_PER_PAGE = 1
COLUMNS = ("generic", "gkmlpt", "hanweb")
# Real portals declare GB2312 while their CMS writes GBK; readers must decode it as GB18030.
GBK_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
UTF8_META = '<meta charset="utf-8">'
FIXED_ZIP_TIME = (2021, 12, 15, 9, 30, 0)  # docx members get one timestamp: rebuilds are identical
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PortalBuildError(Exception):
    """An articles.csv row whose text cannot be laid out as a page."""


@dataclass
class Article:
    """One row of articles.csv with gold metadata filled in."""

    post_id: str
    text_path: Path
    title: str
    issuer: str
    published: str | None
    format: str  # html | docx | notice
    encoding: str  # utf-8 | gbk
    column: str = "generic"  # which column lists it: generic | gkmlpt | hanweb
    body_start: str | None = None  # gold body_starts_with (simplified), for report pages
    body_end: str | None = None

    @property
    def href(self) -> str:
        return f"/{COLUMN_DIR}/content/post_{self.post_id}.html"

    @property
    def attachment_href(self) -> str:
        return f"/attachment/0/{self.post_id[:3]}/{self.post_id}/post_{self.post_id}.docx"


def load_articles(portal_dir: Path = PORTAL_DIR) -> list[Article]:
    """Rows of articles.csv (comment lines skipped), with gold title/issuer/date where empty."""
    gold = {}
    for line in GOLD_REPORTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc"]] = row
    lines = (portal_dir / "articles.csv").read_text(encoding="utf-8").splitlines()
    articles = []
    for row in csv.DictReader(ln for ln in lines if not ln.startswith("#")):
        text_path = PROJECT_ROOT / row["text"]
        meta = gold.get(text_path.name, {})
        articles.append(Article(
            post_id=row["post_id"], text_path=text_path,
            title=row["title"] or meta.get("title", ""),
            issuer=row["issuer"] or meta.get("issuer") or "",
            published=row["published"] or meta.get("published"),
            format=row["format"], encoding=row["encoding"],
            column=row.get("column") or "generic",
            body_start=meta.get("body_starts_with"), body_end=meta.get("body_ends_with"),
        ))
    return articles


T2S = OpenCC("t2s")


def _t2s(text: str) -> str:
    return T2S.convert(text)


def report_lines(article: Article) -> list[str]:
    """The report's paragraphs, without the page chrome the gold text kept around them.

    Reports 001/002 were saved with their page's top bar and footer flattened into the text;
    the gold body_starts_with/body_ends_with (simplified) mark where the report itself runs.
    A traditional text is matched through its simplified form. Texts without gold markers
    (the demo's own) are the report from their second line on (the first is the title).
    """
    lines = [ln.strip() for ln in article.text_path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    if not article.body_start:
        return lines[1:]
    simplified = [_t2s(ln) for ln in lines]
    starts = [i for i, ln in enumerate(simplified) if ln.startswith(article.body_start)]
    ends = [i for i, ln in enumerate(simplified) if ln.endswith(article.body_end or "")]
    if not starts or not ends or ends[-1] < starts[0]:
        raise PortalBuildError(f"{article.text_path.name}: gold body markers "
                               f"{article.body_start!r} … {article.body_end!r} not found in order")
    return lines[starts[0]:ends[-1] + 1]


def page_title(article: Article) -> str:
    """A traditional report keeps its traditional title (the gold title is simplified)."""
    first_line = article.text_path.read_text(encoding="utf-8").strip().splitlines()[0].strip()
    return first_line if _t2s(first_line) == article.title and first_line != article.title \
        else article.title


def _template(name: str) -> Template:
    return Template((PORTAL_DIR / "templates" / name).read_text(encoding="utf-8"))


def render_page(main: str, title: str, crumb: str, encoding: str, meta: str = "") -> bytes:
    page = _template("page.html").substitute(
        charset_meta=GBK_META if encoding == "gbk" else UTF8_META,
        article_meta=meta, page_title=html.escape(title), main=main,
        breadcrumb_tail=f" &gt; {crumb}" if crumb else "",
    )
    return page.encode("gbk" if encoding == "gbk" else "utf-8")  # strict: unencodable is a bug


def render_article(article: Article) -> bytes:
    title = page_title(article)
    if article.format == "docx":
        name = html.escape(f"{article.title}.docx")
        paragraphs = (f'<p>附件：<a href="{article.attachment_href}" target="_blank">{name}</a>'
                      "</p>")
    elif article.format == "notice":
        paragraphs = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in report_lines(article))
    else:
        paragraphs = "\n".join(f"<p>　　{html.escape(ln)}</p>" for ln in report_lines(article))
    date_line = f"发布日期：{article.published}　" if article.published else ""
    date_line += f"来源：{html.escape(article.issuer)}"
    main = _template("article.html").substitute(
        title=html.escape(title), date_line=date_line, paragraphs=paragraphs)
    meta = f'<meta name="ArticleTitle" content="{html.escape(title)}">'
    if article.published:
        meta += f'\n<meta name="PubDate" content="{article.published} 09:30">'
    meta += f'\n<meta name="ContentSource" content="{html.escape(article.issuer)}">'
    return render_page(main, title, "正文", article.encoding, meta)


def pagination(page_no: int, pages: int, total: int) -> str:
    """The usual CMS pager: 首页 上一页 1 2 下一页 尾页; index.html, then index_1.html …"""
    def name(n: int) -> str:
        return "index.html" if n == 0 else f"index_{n}.html"

    parts = [f"共{total}条", f'<a href="{name(0)}">首页</a>']
    parts.append(f'<a href="{name(page_no - 1)}">上一页</a>' if page_no > 0
                 else "<span>上一页</span>")
    parts += [f"<span class=\"current\">{n + 1}</span>" if n == page_no
              else f'<a href="{name(n)}">{n + 1}</a>' for n in range(pages)]
    parts.append(f'<a href="{name(page_no + 1)}">下一页</a>' if page_no < pages - 1
                 else "<span>下一页</span>")
    parts.append(f'<a href="{name(pages - 1)}">尾页</a>')
    return " ".join(parts)


def render_column(articles: list[Article]) -> dict[str, bytes]:
    pages = (len(articles) + ITEMS_PER_PAGE - 1) // ITEMS_PER_PAGE
    out = {}
    for page_no in range(pages):
        chunk = articles[page_no * ITEMS_PER_PAGE:(page_no + 1) * ITEMS_PER_PAGE]
        items = "\n".join(
            f'    <li><a href="./content/post_{a.post_id}.html" target="_blank" '
            f'title="{html.escape(page_title(a))}">{html.escape(page_title(a))}</a>'
            f'<span class="date">{a.published or ""}</span></li>' for a in chunk)
        main = _template("column.html").substitute(
            items=items, pagination=pagination(page_no, pages, len(articles)))
        name = "index.html" if page_no == 0 else f"index_{page_no}.html"
        out[f"{COLUMN_DIR}/{name}"] = render_page(main, "法治政府建设年度报告", "", "utf-8")
    return out


def render_gkmlpt(articles: list[Article]) -> dict[str, bytes]:
    """The gkmlpt shell (no list in it) and its API's answers, PLATFORM_PER_PAGE a page."""
    out = {"gkmlpt/index": _template("gkmlpt.html").substitute(sid=GKMLPT_SID).encode("utf-8")}
    pages = max(1, -(-len(articles) // PLATFORM_PER_PAGE))
    for n in range(pages):
        chunk = articles[n * PLATFORM_PER_PAGE:(n + 1) * PLATFORM_PER_PAGE]
        answer = {"articles": [{"id": int(a.post_id), "title": page_title(a), "url": a.href,
                                "publisher": a.issuer,
                                "display_publish_time": a.published or ""} for a in chunk],
                  "total": len(articles), "classify_title": "法治政府建设"}
        out[f"gkmlpt/api/all/{GKMLPT_CATID}__page={n + 1}.json"] = json.dumps(
            answer, ensure_ascii=False, indent=1).encode("utf-8")
    return out


def _hanweb_record(article: Article) -> str:
    title = html.escape(page_title(article))
    return (f'<record><![CDATA[<li><a href="{article.href}" title="{title}" target="_blank">'
            f'{title}</a><span class="bt-data-time">{article.published or ""}</span></li>]]>'
            "</record>")


def render_hanweb(articles: list[Article]) -> dict[str, bytes]:
    """The Hanweb column page (its first group of records in the datastore) and the
    dataproxy.jsp answers for the rest, one group of PLATFORM_PER_PAGE records each."""
    main = _template("hanweb_column.html").substitute(
        columnid=HANWEB_COLUMN, unitid=HANWEB_UNIT, per_page=PLATFORM_PER_PAGE,
        total=len(articles), records="\n".join(_hanweb_record(a) for a in
                                                articles[:PLATFORM_PER_PAGE]))
    out = {f"col/col{HANWEB_COLUMN}/index.html":
           render_page(main, "部门法治政府建设报告", "部门法治政府建设报告", "utf-8")}
    for start in range(PLATFORM_PER_PAGE + 1, len(articles) + 1, PLATFORM_PER_PAGE):
        records = "\n".join(_hanweb_record(a) for a in
                            articles[start - 1:start - 1 + PLATFORM_PER_PAGE])
        out[f"module/web/jpage/dataproxy.jsp__startrecord={start}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n<nextgroup><![CDATA[]]>'
            f"</nextgroup>\n<recordset>\n{records}\n</recordset>\n"
            f"<totalrecord>{len(articles)}</totalrecord>\n</datastore>\n").encode()
    return out


def render_docx(article: Article) -> bytes:
    """The attachment as its issuer would upload it: every paragraph of the report text."""
    document = docx.Document()
    for line in article.text_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    props = document.core_properties
    props.author = props.last_modified_by = article.issuer
    props.title = article.title
    props.created = props.modified = datetime(*FIXED_ZIP_TIME)
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with one timestamp per member so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


ROBOTS_TXT = """User-agent: *
Disallow: /admin/
Disallow: /search.html

User-agent: BadBot
Disallow: /
"""


def build(site_dir: Path = SITE_DIR) -> list[Path]:
    """Write every page of the demo portal into site_dir (replacing it); returns the files."""
    articles = load_articles()
    files: dict[str, bytes] = {"robots.txt": ROBOTS_TXT.encode("ascii")}
    files["index.html"] = render_page(_template("home.html").substitute(), "首页", "", "utf-8")
    for column in {a.column for a in articles} - set(COLUMNS):
        raise PortalBuildError(f"articles.csv: column {column!r} is not one of {COLUMNS}")
    files.update(render_column([a for a in articles if a.column == "generic"]))
    files.update(render_gkmlpt([a for a in articles if a.column == "gkmlpt"]))
    files.update(render_hanweb([a for a in articles if a.column == "hanweb"]))
    for article in articles:
        files[article.href.lstrip("/")] = render_article(article)
        if article.format == "docx":
            files[article.attachment_href.lstrip("/")] = render_docx(article)
    if site_dir.exists() and any(site_dir.iterdir()):
        if not (site_dir / "robots.txt").exists():  # only ever replace an earlier build
            raise PortalBuildError(f"{site_dir} is not empty and not a built portal")
        shutil.rmtree(site_dir)
    written = []
    for rel, data in sorted(files.items()):
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


# The request parameters a list API's answer varies on (gkmlpt's and Fujian's page, Hanweb's
# startrecord): an API request is answered from the file named by its path and these, e.g.
# GET /gkmlpt/api/all/2390?page=2&sid=… → gkmlpt/api/all/2390__page=2.json,
# POST …/dataproxy.jsp?startrecord=46&… → module/web/jpage/dataproxy.jsp__startrecord=46.xml.
API_VARY = ("page", "startrecord")
API_SUFFIXES = (".json", ".xml", ".html", "")


def api_answer_file(root: Path, path: str, params: dict[str, str]) -> Path | None:
    """The stored answer of a list API request, if the site has one."""
    varying = "&".join(f"{key}={params[key]}" for key in API_VARY if key in params)
    if not varying:
        return None
    for suffix in API_SUFFIXES:
        candidate = root / f"{path.strip('/')}__{varying}{suffix}"
        if candidate.resolve().is_relative_to(root.resolve()) and candidate.is_file():
            return candidate
    return None


class PortalHandler(SimpleHTTPRequestHandler):
    """Static files with a portal's headers: UTF-8 pages say so, GBK pages only in their meta;
    list APIs (GET with a page parameter, or a POSTed form) answered from stored files."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".docx": DOCX_TYPE,
                      ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf",
                      ".json": "application/json; charset=utf-8",
                      ".xml": "text/xml; charset=utf-8"}

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if not self._answer_api(parts.path, dict(parse_qsl(parts.query))):
            super().do_GET()

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
        if not self._answer_api(parts.path, {**dict(parse_qsl(parts.query)), **form}):
            self.send_error(404, "Not Found")

    def _answer_api(self, path: str, params: dict[str, str]) -> bool:
        answer = api_answer_file(Path(self.directory), unquote(path), params)
        if answer is None:
            return False
        body = answer.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(answer)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return True

    def guess_type(self, path: str | Path) -> str:
        if not Path(path).suffix and Path(path).is_file():  # /gkmlpt/index: a page, no suffix
            return "text/html; charset=utf-8"
        if str(path).endswith((".html", ".htm", ".shtml")):
            try:
                with open(path, "rb") as page:
                    head = page.read(1024).lower()
            except OSError:
                return "text/html"  # send_head answers 404 when it cannot open the file
            return "text/html; charset=utf-8" if b"charset=\"utf-8\"" in head else "text/html"
        return super().guess_type(path)

    def list_directory(self, path: str | Path) -> None:
        self.send_error(404, "Not Found")  # portals do not list their directories

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base signature)
        pass  # a demo run prints fazhi's progress, not an access log


def serve_portal(root: Path = SITE_DIR, host: str = "127.0.0.1",
                 port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve root in a daemon thread; port 0 picks a free port. Returns (server, base URL)."""
    if not (root / "index.html").exists():
        raise FileNotFoundError(f"demo portal not built: {root} has no index.html "
                                "(run `python -m fazhi.portal build`)")
    server = ThreadingHTTPServer((host, port), partial(PortalHandler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="fazhi-portal", daemon=True).start()
    bound_host, bound_port = server.server_address[:2]
    return server, f"http://{bound_host}:{bound_port}"


def stop(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="fazhi.portal", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="regenerate seeds/portal/site/")
    serve = sub.add_parser("serve", help="serve the built site until interrupted")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "build":
        files = build()
        print(f"wrote {len(files)} files to {SITE_DIR.relative_to(PROJECT_ROOT)}")
    else:
        server, base = serve_portal(port=args.port)
        print(f"serving {SITE_DIR} at {base}/{COLUMN_DIR}/index.html (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            stop(server)


if __name__ == "__main__":
    main()
