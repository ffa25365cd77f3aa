"""One report, one row (issue #13) through the real flow on loopback and the real writer: the
demo harvested on two ports, one portal under two hosts and both schemes (TLS with a test
certificate), a moved column and a mirror, a revised report and a conflicting pair."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import threading
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from fazhi.portal import SITE_DIR, PortalHandler, serve_portal, stop
from flows.harvest import harvest
from tasks.identity import body_sha256
from tasks.load.batch import ProcessedReport, load_processed
from tasks.load.schema import connect
from tasks.notify.alerts import new_alerts
from tasks.paths import SEEDS_DIR, sql_text
from tasks.records import Extraction, FetchedDocument, NormalizedPage, ReportMeta

CORPUS = Path(__file__).parent / "gold" / "corpus"
COUNTED = ("reports", "facts", "sections", "keywords", "report_versions")


def _counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        counts["open_alerts"] = len(con.execute(sql_text("queries/open_alerts.sql")).fetchall())
        counts["urls"] = con.execute("SELECT count(*) FROM report_urls").fetchone()[0]
        return counts


def test_the_demo_harvested_on_two_ports_changes_no_count(tmp_path: Path) -> None:
    warehouse = tmp_path / "fazhi.duckdb"
    sources = str(SEEDS_DIR / "sources.csv")
    counts, bases = [], []
    for _ in range(2):  # a new free port each time, so every URL changes (as `make demo` twice)
        server, base_url = serve_portal(SITE_DIR)
        try:
            summary = harvest(sources, str(warehouse), base_url)
        finally:
            stop(server)
        assert summary.reports == 6 and summary.fetch_errors == 0
        counts.append(_counts(warehouse))
        bases.append(base_url)
    assert bases[0] != bases[1]
    first, second = counts
    assert first["reports"] == 6 and first["urls"] == 6 and second["urls"] == 12
    assert {k: v for k, v in first.items() if k != "urls"} == {
        k: v for k, v in second.items() if k != "urls"}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM v_reports WHERE urls = 2").fetchone()[0] == 6
        # the second run's copies are no near-duplicates of the first's: they are the same
        failed = con.execute("SELECT count(*) FROM quality_results WHERE NOT passed AND "
                             "suite IN ('identity', 'warehouse')").fetchone()[0]
        assert failed == 0


def _two_column_site(root: Path) -> Path:
    """The demo portal whose column also appears at /xxgk/fzzf/ (a CMS re-organised and kept
    the old column, or lists one article in two columns, TRS 引用): the same articles at a
    second set of URLs on one host."""
    site = root / "moved"
    shutil.copytree(SITE_DIR, site)
    (site / "xxgk").mkdir()
    shutil.copytree(site / "zwgk" / "fzzfjs", site / "xxgk" / "fzzf")
    for page in (site / "xxgk").rglob("*.html"):
        page.write_bytes(page.read_bytes().replace(b"/zwgk/fzzfjs/", b"/xxgk/fzzf/"))
    return site


def _serve_https(root: Path, certs: Path) -> tuple[ThreadingHTTPServer, str]:
    """The portal over TLS on loopback, with a self-signed certificate for 127.0.0.1 and
    localhost, written to ``certs / "cert.pem"`` for the client to trust."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (certs / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (certs / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs / "cert.pem", certs / "key.pem")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PortalHandler, directory=str(root)))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"https://127.0.0.1:{server.server_address[1]}"


def test_one_portal_under_two_hosts_both_schemes_two_columns_and_a_mirror_is_one_report_each(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "fazhi.duckdb"
    portal, base = serve_portal(SITE_DIR)
    mirror, mirror_base = serve_portal(SITE_DIR)  # another host:port carrying the same pages
    moved, moved_base = serve_portal(_two_column_site(tmp_path))
    secure, secure_base = _serve_https(SITE_DIR, tmp_path)
    monkeypatch.setenv("FAZHI_CA_BUNDLE", str(tmp_path / "cert.pem"))  # trust the test's CA
    port = base.rsplit(":", 1)[1]
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "source_id,name,url,kind,region_hint\n"
        f"by_ip,portal,{base}/zwgk/fzzfjs/index.html,list,\n"
        f"by_name,portal by host name,http://localhost:{port}/zwgk/fzzfjs/index.html,list,\n"
        f"mirror,mirror,{mirror_base}/zwgk/fzzfjs/index.html,list,\n"
        f"moved,moved column,{moved_base}/xxgk/fzzf/index.html,list,\n"
        f"old_column,the old column,{moved_base}/zwgk/fzzfjs/index.html,list,\n"
        f"https,portal over https,{secure_base}/zwgk/fzzfjs/index.html,list,\n",
        encoding="utf-8")
    try:
        summary = harvest(str(sources), str(warehouse), None)
    finally:
        for server in (portal, mirror, moved, secure):
            stop(server)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # the demo's generic column lists some of its reports (the rest are in its gkmlpt and
        # Hanweb columns): each of them is found under all six sources, and is one report
        n = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        assert n >= 2
        assert summary.fetch_errors == 0 and summary.reports == 6 * n, summary.errors_by_class
        assert con.execute("SELECT count(*) FROM report_versions").fetchone()[0] == n
        per_report = con.execute("SELECT urls FROM v_reports").fetchall()
        assert per_report == [(6,)] * n
        hosts = {row[0] for row in con.execute(
            "SELECT DISTINCT split_part(url, '/', 1) || split_part(url, '/', 3) "
            "FROM report_urls").fetchall()}
        assert {f"http:localhost:{port}", f"http:127.0.0.1:{port}"} <= hosts
        assert len(hosts) == 5 and sum(h.startswith("https:") for h in hosts) == 1
        paths = {row[0] for row in con.execute(
            "SELECT DISTINCT split_part(url, '/', 4) FROM report_urls").fetchall()}
        assert paths == {"zwgk", "xxgk"}
        fetched = con.execute("SELECT count(DISTINCT url) FROM fetches WHERE url IN "
                              "(SELECT url FROM report_urls)").fetchone()[0]
        assert fetched == 6 * n  # fetch history stays per URL
        assert con.execute("SELECT count(*) FROM quality_results WHERE NOT passed AND "
                           "suite IN ('identity', 'warehouse')").fetchone()[0] == 0


def _item(url: str, body: str, published: str) -> ProcessedReport:
    meta = ReportMeta(title="三乡镇2024年法治政府建设年度报告", issuer="中山市三乡镇人民政府",
                      town="三乡镇", region_code="442000114", level="town", report_year=2024,
                      published=published)
    doc = FetchedDocument(url=url, kind="html", text="", source_id="s",
                          raw_sha256=body_sha256(url + body))
    page = NormalizedPage(title=meta.title, body=body, original_body=body, script="simplified")
    return ProcessedReport(doc, page, Extraction(report=meta, body=body))


def _corpus(name: str) -> str:
    return next(CORPUS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def sanxiang_loaded(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(tmp_path / "w.duckdb")
    load_processed(con, [_item("http://a.gov.cn/2024.html", _corpus("001"), "2025-01-27")], [])
    return con


def test_a_revised_report_is_one_report_with_two_versions(sanxiang_loaded) -> None:
    con = sanxiang_loaded
    revised = _corpus("001").replace("2024年", "2024年度", 5) + "\n(2025年3月更正)"
    load_processed(con, [_item("http://mirror.gov.cn/a/2024.html", revised, "2025-03-01")], [])
    assert con.execute("SELECT count(*), any_value(shown_because), any_value(body) = ? "
                       "FROM reports", [revised]).fetchone() == (1, "latest revision", True)
    assert con.execute("SELECT relation FROM report_versions ORDER BY first_loaded").fetchall(
    ) == [("first",), ("revision",)]
    assert con.execute("SELECT versions, urls FROM v_reports").fetchone() == (2, 2)
    # the mirror still carrying the first body does not bring it back
    load_processed(con, [_item("http://old-mirror.gov.cn/2024.html", _corpus("001"),
                               "2025-01-27")], [])
    assert con.execute("SELECT body = ? FROM reports", [revised]).fetchone() == (True,)
    assert con.execute("SELECT versions, urls FROM v_reports").fetchone() == (2, 3)
    assert [a.check for a in new_alerts(con)] == []


def test_a_conflicting_pair_raises_one_alert_and_says_which_is_shown(sanxiang_loaded) -> None:
    con = sanxiang_loaded
    other = _corpus("002")  # another town's text, claiming 三乡镇 2024 (a mis-filed page)
    for _ in range(2):  # loading it again adds no second alert
        load_processed(con, [_item("http://b.gov.cn/other.html", other, "2024-12-01")], [])
    assert con.execute("SELECT count(*), any_value(url) FROM reports").fetchone() == (
        1, "http://a.gov.cn/2024.html")
    because = con.execute("SELECT shown_because FROM v_reports").fetchone()[0]
    assert because.startswith("conflict: shown first")
    assert con.execute("SELECT relation FROM report_versions ORDER BY first_loaded").fetchall(
    ) == [("first",), ("conflict",)]
    alerts = new_alerts(con)
    assert [a.check for a in alerts] == ["conflicting_reports"]
    assert "http://b.gov.cn/other.html" in alerts[0].observed
    # a later-published conflicting body is shown instead, and the alert stays one
    load_processed(con, [_item("http://c.gov.cn/late.html", _corpus("003"), "2025-06-30")], [])
    assert con.execute("SELECT url, shown_because FROM reports").fetchone() == (
        "http://c.gov.cn/late.html",
        "conflict: latest published of the bodies claiming this report")
    assert [a.check for a in new_alerts(con)] == ["conflicting_reports"]


def test_a_copy_loaded_in_a_later_run_is_found_across_the_warehouse(sanxiang_loaded) -> None:
    con = sanxiang_loaded
    # the same text under another government's key (a county portal re-posting a town's
    # report with a new header): another report, but a near-duplicate of the loaded one
    copy = "武江区转载:" + _corpus("001")
    item = _item("http://county.gov.cn/copy.html", copy, "2025-02-01")
    item.extraction.report.region_code = "442000115"
    other = _item("http://x.gov.cn/other.html", _corpus("002"), "2021-01-01")
    other.extraction.report.region_code = "440115101"  # 横沥镇, a report unlike the copy
    load_processed(con, [other], [])
    load_processed(con, [item], [])
    rows = dict(con.execute("SELECT report_id, observed FROM quality_results WHERE "
                            "suite = 'warehouse' AND NOT passed").fetchall())
    assert list(rows) == [item.report_id]
    loaded = con.execute("SELECT report_id FROM reports WHERE url = 'http://a.gov.cn/2024.html'"
                         ).fetchone()[0]
    assert f"with loaded report {loaded}" in rows[item.report_id]
    assert con.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0] == 3


def test_an_html_page_and_its_attachment_are_one_report() -> None:
    """西河镇 2021 (the demo's DOCX attachment, tests/gold/corpus/004) read as the attachment's
    text and as an HTML page carrying the same paragraphs: one report id."""
    import html

    from fazhi.pipeline import process_document
    from tasks.identity import report_id_of

    text = _corpus("004")
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
    page = (f"<html><head><meta charset='utf-8'><title>武江区西河镇2021年法治政府建设年度报告"
            f"</title></head><body><div class='article'>{paragraphs}</div></body></html>")
    as_file = FetchedDocument(url="http://www.wj.gov.cn/attachment/post_3718840.docx",
                              kind="text", text=text)
    as_page = FetchedDocument(url="https://wj.gov.cn/zwgk/fzzfjs/content/post_3718840.html",
                              kind="html", text=page)
    ids = set()
    for doc in (as_file, as_page):
        _, extraction = process_document(doc)
        assert extraction is not None and extraction.report.report_year == 2021
        ids.add(report_id_of(extraction.report, doc.url))
    assert len(ids) == 1
