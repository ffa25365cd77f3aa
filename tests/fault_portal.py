"""A fault-injecting portal on 127.0.0.1: every way a government site misbehaves, on one server.

Each route plays one fault (slow page, 500 then success, 429 with Retry-After, reset
connection, truncated body, wrong charsets, redirect chains and loops, a 412 challenge, a
soft 404, an oversized body, a corrupt PDF, robots-disallowed paths, paginated lists with
duplicate and off-site links). Hits are counted per path so tests can see what was asked.
The server shuts itself down after `lifetime_s` even if a test forgets to close it.
"""

from __future__ import annotations

import io
import random
import socket
import struct
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

SLOW_S = 1.0
DRIP_S = 0.05  # gap between the bytes of /drip.html
# Real sentence shapes from the gold reports, written for these tests.
REPORT_PARAGRAPHS = [
    "2023年,在区委、区政府的坚强领导下,本镇深入学习贯彻习近平法治思想,全面推进依法行政,"
    "法治政府建设取得新成效。现将有关情况报告如下:",
    "(一)坚持依法决策。严格执行重大行政决策法定程序,全年召开镇领导班子会议36次,审议议题"
    "128项,法律顾问审核政府合同和农村合同152份,均经合法性审查。",
    "(二)加强普法宣传。邀请法学专家李堃开展专题讲座,全年开展各类法治宣传活动41场次,派发宣传"
    "资料3000余份,接待法律咨询90余人次,营造“党建扎桩·治理结网”的良好氛围。",
]
GBK_PHRASE = "邀请法学专家李堃开展专题讲座"  # 堃 and · are GBK but not GB2312
PDF_LINES = ["2023年,全镇开展法治宣传活动32场次,调解纠纷58宗。",
             "行政机关负责人出庭应诉率达到100%。"] * 3
ROBOTS = "User-agent: *\nDisallow: /private/\n"
# Ruishu-style anti-bot answer: status 412, only a script that sets a cookie and reloads.
CHALLENGE_PAGE = ("<html><head><meta charset='utf-8'><script>var $_ts=window['$_ts'];"
                  "document.cookie='FSSBBIl1UgzbN7N80S=abc';location.reload();</script>"
                  "</head><body></body></html>")


def report_page(title: str, charset_meta: str = '<meta charset="utf-8">', repeat: int = 1) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in REPORT_PARAGRAPHS * repeat)
    return (f"<!DOCTYPE html><html><head>{charset_meta}<title>{title}</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/list/index.html'>法治政府建设</a>"
            f"</div><h1>{title}</h1><div class='content'>{body}</div>"
            "<div class='footer'>版权所有:示例镇人民政府 网站标识码:4400000000</div></body></html>")


def attachment_page(href: str, name: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{name}</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a></div><h1>{name}</h1>"
            f"<div class='content'><p>附件:<a href='{href}'>{name}</a></p></div>"
            "<div class='footer'>版权所有:示例镇人民政府</div></body></html>")


def list_page(items: list[tuple[str, str]], next_href: str | None) -> str:
    lis = "".join(f"<li><a href='{href}'>{title}</a></li>" for href, title in items)
    pager = f"<a href='{next_href}'>下一页</a>" if next_href else "<span>下一页</span>"
    return (f"<html><head><meta charset='utf-8'><title>法治政府建设</title></head><body>"
            f"<ul class='list'>{lis}</ul><div class='page'>{pager}</div></body></html>")


def text_pdf(lines: list[str]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    pdf.setFont("STSong-Light", 12)
    for n, line in enumerate(lines):
        pdf.drawString(72, 750 - 20 * n, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF page with only a picture-like filled shape: no text layer, needs OCR."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    pdf.rect(60, 60, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # a client that gave up is the test
            super().handle_error(request, client_address)


class FaultPortal:
    """Start on construction; `base` is the URL, `hits` counts requests per path."""

    def __init__(self, lifetime_s: float = 120.0, huge_bytes: int = 300_000,
                 crawl_delay: int | None = None, robots_status: int = 200) -> None:
        self.hits: Counter[str] = Counter()
        self.robots = ROBOTS + (f"Crawl-delay: {crawl_delay}\n" if crawl_delay else "")
        self.robots_status = robots_status  # 412: a WAF challenges robots.txt too
        self.huge_bytes = huge_bytes
        self.pdf = text_pdf(PDF_LINES)
        self.scan = scanned_pdf()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                portal.hits[self.path] += 1
                portal.route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.other_host = f"http://localhost:{self.port}"  # same server, another site name
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self._timer = threading.Timer(lifetime_s, self.close)
        self._timer.daemon = True
        self._timer.start()

    def close(self) -> None:
        self._timer.cancel()
        self.server.shutdown()
        self.server.server_close()

    def report_html(self, path: str, charset_meta: str | None = None) -> str:
        """The report page served at path (charset_meta "" for none); a subclass may give
        each path its own report."""
        if charset_meta is None:
            return report_page("示例镇2023年法治政府建设年度报告")
        return report_page("报告", charset_meta)

    # --- responses ------------------------------------------------------------------------
    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, body: bytes | str,
             content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(data)

    def route(self, h: BaseHTTPRequestHandler) -> None:
        """robots.txt, plain report pages, and the transport faults (slow, 5xx, 429, reset)."""
        path, hits = h.path, self.hits[h.path]
        ok = self.report_html(path)
        if path == "/robots.txt":
            if self.robots_status != 200:
                return self.send(h, self.robots_status, CHALLENGE_PAGE)
            return self.send(h, 200, self.robots, "text/plain")
        if path == "/challenge.html" or self.robots_status == 412:  # the WAF guards every page
            return self.send(h, 412, CHALLENGE_PAGE)
        if path in ("/ok.html", "/private/report.html", "/list/a.html", "/list/b.html",
                    "/list/c.html", "/x.html"):
            return self.send(h, 200, ok)
        if path == "/slow.html":
            time.sleep(SLOW_S)
            return self.send(h, 200, ok)
        if path == "/flaky.html":  # 500, 500, then the page
            return self.send(h, 500, "<h1>500 Internal Server Error</h1>") if hits <= 2 \
                else self.send(h, 200, ok)
        if path == "/busy.html":  # 429 once, asking for a one-second pause
            return self.send(h, 429, "Too Many Requests", "text/plain", Retry_After="1") \
                if hits == 1 else self.send(h, 200, ok)
        if path == "/busy-long.html":
            return self.send(h, 429, "Too Many Requests", "text/plain", Retry_After="3600")
        if path == "/reset.html":
            return self.reset(h)
        if path == "/truncated.html":
            return self.truncated(h, ok.encode("utf-8"))
        return self.route_content(h, path, ok)

    def route_content(self, h: BaseHTTPRequestHandler, path: str, ok: str) -> None:
        """Charsets, redirects, pages that are not documents, sizes."""
        if path == "/latin1-header.html":  # server default charset, UTF-8 body, no meta
            return self.send(h, 200, self.report_html(path, ""), "text/html; charset=iso-8859-1")
        if path == "/wrong-header.html":  # header says UTF-8, body is GBK, no meta
            return self.send(h, 200, self.report_html(path, "").encode("gbk"),
                             "text/html; charset=utf-8")
        if path == "/no-charset.html":
            return self.send(h, 200, self.report_html(path, ""), "text/html")
        if path == "/gbk-meta.html":
            meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            return self.send(h, 200, self.report_html(path, meta).encode("gbk"), "text/html")
        if path.startswith("/r/"):  # /r/3 → /r/2 → /r/1 → /r/0 → /ok.html
            left = int(path.rsplit("/", 1)[1])
            target = "/ok.html" if left == 0 else f"/r/{left - 1}"
            return self.send(h, 302, "", Location=target)
        if path in ("/loop/a", "/loop/b"):
            return self.send(h, 301, "", Location="/loop/b" if path == "/loop/a" else "/loop/a")
        if path == "/away":
            return self.send(h, 302, "", Location=f"{self.other_host}/ok.html")
        if path == "/soft404.html":
            body = ("<html><head><meta charset='utf-8'><title>页面不存在</title></head><body>"
                    "<div class='nav'><a href='/'>首页</a> <a href='/list/index.html'>政务公开"
                    "</a></div><div class='err'>对不起,您访问的页面不存在或已被删除!</div>"
                    "<div class='footer'>版权所有:示例镇人民政府</div></body></html>")
            return self.send(h, 200, body)
        if path == "/login.html":
            body = ("<html><head><meta charset='utf-8'><title>统一身份认证</title></head><body>"
                    "<form><input name='u'><input type='password' name='p'>"
                    "<button>登录</button></form></body></html>")
            return self.send(h, 200, body)
        if path == "/report.txt":
            return self.send(h, 200, "\n".join(REPORT_PARAGRAPHS).encode("gbk"), "text/plain")
        if path == "/binary.html":  # an image or archive served as a page
            return self.send(h, 200, random.Random(5).randbytes(4000), "text/html")
        if path == "/etag.html":  # answers If-None-Match with 304
            etag = '"v1-5f3a"'
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return None
            return self.send(h, 200, ok, ETag=etag)
        if path == "/drip.html":  # every byte in time for the read timeout, never finishing
            return self.drip(h, ok.encode("utf-8"))
        if path == "/huge.html":  # no Content-Length: the size is only known while reading
            return self.streamed(h, self.huge_bytes)
        if path == "/huge-declared.html":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(self.huge_bytes))
            h.end_headers()
            h.wfile.write(b"<html>")
            return None
        return self.route_attachments(h, path)

    def route_attachments(self, h: BaseHTTPRequestHandler, path: str) -> None:
        pages = {"/pdf-article.html": "/files/report.pdf",
                 "/corrupt-article.html": "/files/corrupt.pdf",
                 "/scan-article.html": "/files/scan.pdf",
                 "/doc-article.html": "/files/report.doc",
                 "/gone-article.html": "/files/gone.pdf"}
        files = {"/files/report.pdf": self.pdf, "/files/scan.pdf": self.scan,
                 "/files/corrupt.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage",
                 "/files/report.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512}
        if path in pages:
            name = "示例镇2023年法治政府建设年度报告" + pages[path][-4:]
            return self.send(h, 200, attachment_page(pages[path], name))
        if path == "/files/gone.pdf":  # the CMS answers a deleted file with its 404 page
            return self.send(h, 200, "<html><head><title>404 页面不存在</title></head>"
                                     "<body><p>您访问的页面不存在</p></body></html>")
        if path in files:
            ctype = "application/pdf" if path.endswith(".pdf") else "application/msword"
            return self.send(h, 200, files[path], ctype)
        lists = {
            "/list/index.html": ([("a.html", "示例镇2023年法治政府建设年度报告"),
                                  ("./b.html#top", "示例镇2022年法治政府建设年度报告"),
                                  (f"{self.other_host}/x.html", "外站2023年法治政府建设年度报告"),
                                  ("notice.html", "关于报送2023年度法治政府建设情况报告的通知")],
                                 "index_1.html"),
            "/list/index_1.html": ([  # the first item again, absolute and with a fragment
                (f"{self.base}/list/a.html#p2", "示例镇2023年法治政府建设年度报告"),
                ("b.html", "示例镇2022年法治政府建设年度报告"),
                ("c.html", "示例镇2021年法治政府建设年度报告")],
                "index.html"),  # a "next" link back to the start: no loop
        }
        if path in lists:
            items, next_href = lists[path]
            return self.send(h, 200, list_page(items, next_href))
        return self.send(h, 404, "<h1>404 Not Found</h1>")

    @staticmethod
    def reset(h: BaseHTTPRequestHandler) -> None:
        """Abort the TCP connection (RST) without a response."""
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
        h.close_connection = True

    @staticmethod
    def truncated(h: BaseHTTPRequestHandler, body: bytes) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[: len(body) // 3])
        h.close_connection = True

    @staticmethod
    def drip(h: BaseHTTPRequestHandler, body: bytes) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            for n in range(min(len(body), 100)):
                h.wfile.write(body[n:n + 1])
                time.sleep(DRIP_S)
        except OSError:
            pass  # the client gave up, as it should
        h.close_connection = True

    @staticmethod
    def streamed(h: BaseHTTPRequestHandler, size: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.end_headers()
        chunk = ("<p>" + "法治" * 2000 + "</p>").encode("utf-8")
        sent = 0
        try:
            while sent < size:
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the client stopped reading at its limit
        h.close_connection = True
