"""The fault portal as a harvest sees it: a paginated column page linking every fault and a
few real-looking township reports, so the whole flow (not only fetch) meets each fault.

Good reports answer conditional GETs (ETag / Last-Modified → 304); `next_phase()` plays the
time between two nightly runs: retry counters restart and, if asked, one report is revised
and a page that was down comes back.
`requests` logs (phase, Host, path, status) for every request, so a test can see what was
asked of which site name and how it was answered.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from fault_portal import GBK_PHRASE, FaultPortal, list_page, text_pdf

COLUMN = "/harvest/index.html"
LAST_MODIFIED = "Mon, 15 Jan 2024 08:00:00 GMT"


@dataclass(frozen=True)
class Town:
    """A township of seeds/regions (广州市从化区, 花都区) that publishes a report."""

    name: str
    county: str
    code: str

    @property
    def title(self) -> str:
        return f"{self.name}2023年法治政府建设年度报告"


def _towns(county: str, county_code: str, names: str) -> list[Town]:
    return [Town(name, county, f"{county_code}{suffix}")
            for name, suffix in (item.split(":") for item in names.split())]


CONGHUA = _towns("从化区", "440117", "温泉镇:103 良口镇:104 吕田镇:107 太平镇:111 鳌头镇:113")
HUADU = _towns("花都区", "440114", "梯面镇:103 花山镇:104 花东镇:105 炭步镇:107 狮岭镇:109")
ZENGCHENG = _towns("增城区", "440118", "新塘镇:101 石滩镇:102 中新镇:103")
# Which report each path serves. Fault paths of FaultPortal that end in a page get one too,
# so "retried then loaded" and "odd charset but loaded" land as reports with their own town.
REPORT_TOWNS = dict(zip(
    ["/harvest/good-1.html", "/harvest/good-2.html", "/harvest/revised.html", "/flaky.html",
     "/busy.html", "/ok.html", "/latin1-header.html", "/wrong-header.html", "/no-charset.html",
     "/gbk-meta.html", "/harvest/outage.html", "/slow.html", "/truncated.html"],
    CONGHUA + HUADU + ZENGCHENG, strict=True))
PDF_TOWN = Town("城郊街道", "从化区", "440117003")


@dataclass(frozen=True)
class Numbers:
    """The figures a report states; a revised report changes some of them."""

    meetings: int
    topics: int
    contracts: int
    cases: int
    fines: int
    campaigns: int
    leaflets: int
    consults: int
    villages: int
    disputes: int


def numbers_for(town: Town, revision: int = 1) -> Numbers:
    rng = random.Random(f"{town.code}-{revision}")
    return Numbers(meetings=rng.randint(12, 40), topics=rng.randint(60, 150),
                   contracts=rng.randint(80, 200), cases=rng.randint(10, 90),
                   fines=rng.randint(5, 60), campaigns=rng.randint(20, 60),
                   leaflets=rng.randint(20, 80) * 100, consults=rng.randint(40, 160),
                   villages=rng.randint(8, 25), disputes=rng.randint(30, 120))


def report_paragraphs(town: Town, revision: int = 1) -> list[str]:
    """A township's yearly report: heading, addressee, three numbered parts, signature."""
    n = numbers_for(town, revision)
    paragraphs = [
        f"广州市{town.county}{town.name}人民政府关于2023年度法治政府建设情况的报告",
        "区委、区政府:",
        f"2023年,在区委、区政府的坚强领导和区司法局的精心指导下,{town.name}坚持以习近平法治思想"
        "为指导,深入贯彻落实法治政府建设实施纲要,扎实推进依法行政各项工作,法治政府建设取得新成效。"
        "现将有关情况报告如下:",
        "一、2023年推进法治政府建设的主要举措和成效",
        f"(一)坚持依法科学民主决策。严格执行重大行政决策法定程序,全年召开党政班子会议{n.meetings}次,"
        f"集体研究重大事项{n.topics}项,法律顾问审核各类合同{n.contracts}份,重大行政决策合法性审查率"
        "达到100%,确保每一项决策于法有据。",
        f"(二)严格规范公正文明执法。全面落实行政执法公示、执法全过程记录和重大执法决定法制审核制度,"
        f"全年办理行政处罚案件{n.cases}宗,罚没款{n.fines}万元,未发生因执法不当引发的行政复议纠错案件,"
        "行政机关负责人出庭应诉率达到100%。",
        f"(三)深入开展普法宣传教育。以“八五”普法规划为抓手,{GBK_PHRASE},全年开展法治宣传"
        f"活动{n.campaigns}场次,发放宣传资料{n.leaflets}余份,接待群众法律咨询{n.consults}人次,"
        "营造“党建扎桩·治理结网”的良好氛围。",
        f"(四)依法化解矛盾纠纷。坚持和发展新时代“枫桥经验”,全镇{n.villages}个村(社区)人民调解"
        f"委员会排查调处矛盾纠纷{n.disputes}宗,努力把矛盾纠纷化解在基层、消除在萌芽状态。",
        "二、存在的问题",
        "一是部分干部运用法治思维和法治方式深化改革、推动发展、化解矛盾的能力还有待提升;二是基层"
        "执法力量相对薄弱,执法人员专业素质仍需加强;三是普法宣传的针对性和实效性还不够强。",
        "三、2024年工作打算",
        "一是持续深化习近平法治思想学习,把法治学习纳入党委理论学习中心组年度计划;二是加强执法"
        "队伍建设,定期开展执法人员业务培训;三是创新普法宣传形式,推动法治宣传进村入户。",
        f"广州市{town.county}{town.name}人民政府",
        "2024年1月15日",
    ]
    if revision > 1:  # the corrected version adds a paragraph on the dispute figures
        paragraphs.insert(8, f"(五)推进基层依法治理。全年新建村级法治文化阵地{revision + 2}个,"
                             "培育农村学法用法示范户,基层治理法治化水平进一步提高。")
    return paragraphs


def report_html(town: Town, charset_meta: str = '<meta charset="utf-8">',
                revision: int = 1) -> str:
    """A column article page the way a county CMS renders it: chrome around the report."""
    body = "\n".join(f"<p>{p}</p>" for p in report_paragraphs(town, revision))
    return (f"<!DOCTYPE html><html><head>{charset_meta}<title>{town.title}_广州市{town.county}"
            f"人民政府门户网站</title></head><body><div class='top'><a href='/'>首页</a> "
            f"<a href='{COLUMN}'>政务公开</a> <a href='{COLUMN}'>法治政府建设</a></div>"
            f"<div class='crumb'>当前位置:首页 > 政务公开 > 法治政府建设</div>"
            f"<div class='article'><h1>{town.title}</h1><div class='info'>发布时间:2024-01-15 "
            f"来源:{town.name}人民政府</div><div class='content'>{body}</div></div>"
            f"<div class='footer'>主办:广州市{town.county}人民政府 版权所有 网站标识码:4401170001"
            "</div></body></html>")


def report_pdf(town: Town) -> bytes:
    """The report as a PDF attachment, one line per 30 characters as a layout tool sets it."""
    text = "".join(report_paragraphs(town))
    return text_pdf([text[i:i + 30] for i in range(0, len(text), 30)])


UNDER_CONSTRUCTION = ("<html><head><meta charset='utf-8'><title>赤坭镇2021年法治政府建设年度报告"
                      "</title></head><body><div class='top'><a href='/'>首页</a></div>"
                      "<div class='content'>栏目建设中,敬请期待</div></body></html>")


class HarvestPortal(FaultPortal):
    """FaultPortal plus a column of report links for `harvest`; see the module docstring."""

    def __init__(self, lifetime_s: float = 180.0, huge_bytes: int = 300_000) -> None:
        self.phase = 1
        self.changed = False  # the revised report is out and the outage is over
        self.requests: list[tuple[int, str, str, int]] = []  # (phase, Host, path, status)
        self.report_pdf = report_pdf(PDF_TOWN)
        super().__init__(lifetime_s=lifetime_s, huge_bytes=huge_bytes)

    def next_phase(self, changed: bool = False) -> None:
        """A day later: retry counters restart; `changed` revises a report, ends the outage."""
        self.phase += 1
        self.changed = self.changed or changed
        self.hits.clear()

    def revision(self, path: str) -> int:
        return 2 if path == "/harvest/revised.html" and self.changed else 1

    def report_html(self, path: str, charset_meta: str | None = None) -> str:
        town = REPORT_TOWNS.get(path, HUADU[0])
        meta = '<meta charset="utf-8">' if charset_meta is None else charset_meta
        return report_html(town, meta, self.revision(path))

    def send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes | str,
             content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self._log(handler, status)
        FaultPortal.send(handler, status, body, content_type, **headers)

    def _log(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        self.requests.append((self.phase, handler.headers.get("Host", ""), handler.path, status))

    def route(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path.startswith("/harvest/"):
            return self.route_harvest(h, path)
        if path in ("/reset.html", "/truncated.html", "/huge.html", "/huge-declared.html"):
            self._log(h, 0)  # answered without send(): log that it was asked
        return super().route(h)

    def route_harvest(self, h: BaseHTTPRequestHandler, path: str) -> None:
        if path in LIST_PAGES:
            items, next_href = LIST_PAGES[path]
            links = [(href.format(other=self.other_host, base=self.base), title)
                     for href, title in items]
            return self.send(h, 200, list_page(links, next_href))
        if path == "/harvest/outage.html" and not self.changed:
            return self.send(h, 503, "<h1>503 Service Unavailable</h1>")
        if path == "/harvest/building.html":
            return self.send(h, 200, UNDER_CONSTRUCTION)
        if path == "/harvest/pdf-article.html":
            return self.send(h, 200, _attachment_article(PDF_TOWN, "/harvest/files/report.pdf"))
        if path == "/harvest/files/report.pdf":
            return self.send(h, 200, self.report_pdf, "application/pdf")
        if path in REPORT_TOWNS:
            return self.conditional(h, self.report_html(path).encode("utf-8"))
        return self.send(h, 404, "<h1>404 Not Found</h1>")

    def conditional(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        """200 with an ETag of the body, or 304 when the client already holds that body."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if h.headers.get("If-None-Match") == etag:
            self._log(h, 304)
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return None
        return self.send(h, 200, body, ETag=etag, Last_Modified=LAST_MODIFIED)


def _attachment_article(town: Town, href: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{town.title}</title></head><body>"
            f"<div class='top'><a href='/'>首页</a></div><h1>{town.title}</h1>"
            f"<div class='info'>发布时间:2024-01-16</div><div class='content'><p>附件:"
            f"<a href='{href}'>{town.title}.pdf</a></p></div>"
            "<div class='footer'>版权所有:广州市从化区人民政府</div></body></html>")


def _title(path: str) -> str:
    town = REPORT_TOWNS.get(path)
    return town.title if town else "示例镇2023年法治政府建设年度报告"


# Column pages: every fault once, good reports listed twice (relative and absolute with a
# fragment), an off-site report link, a robots-disallowed one, and a notice that is no report.
FAULT_PATHS = ["/slow.html", "/flaky.html", "/busy.html", "/reset.html", "/truncated.html",
               "/latin1-header.html", "/wrong-header.html", "/no-charset.html", "/gbk-meta.html",
               "/r/3", "/loop/a", "/challenge.html", "/soft404.html", "/huge.html",
               "/huge-declared.html", "/corrupt-article.html", "/away", "/private/report.html"]
GOOD_PATHS = ["/harvest/good-1.html", "/harvest/good-2.html", "/harvest/revised.html",
              "/harvest/pdf-article.html"]
OFFSITE_PATH = "/harvest/offsite.html"
LIST_PAGES = {
    COLUMN: ([(p, _title(p)) for p in GOOD_PATHS[:2] + FAULT_PATHS[:9]]
             + [("{other}" + OFFSITE_PATH, "外站2023年法治政府建设年度报告"),
                ("notice.html", "关于报送2023年度法治政府建设情况报告的通知")], "index_1.html"),
    "/harvest/index_1.html": ([(p, _title(p)) for p in FAULT_PATHS[9:]]
                              + [("{base}/harvest/good-1.html#top", _title(GOOD_PATHS[0])),
                                 ("/harvest/building.html", "赤坭镇2021年法治政府建设年度报告")],
                              "index_2.html"),
    "/harvest/index_2.html": ([(p, _title(p)) for p in GOOD_PATHS[1:]]
                              + [("/harvest/outage.html", _title("/harvest/outage.html")),
                                 ("/r/3#content", "示例镇2023年法治政府建设年度报告")], None),
}


def write_sources(path: Path) -> Path:
    """A sources CSV with the column as one list source, {portal} standing for the server."""
    path.write_text("source_id,name,url,kind,region_hint\n"
                    f"fault_portal,故障门户(测试),{{portal}}{COLUMN},list,广州市\n",
                    encoding="utf-8")
    return path
