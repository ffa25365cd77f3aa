"""The real harvest flow against the fault portal, into a real DuckDB warehouse, three times:
a first run, a re-run with nothing changed, and a run through the CLI after the portal changed
(a revised report, an outage over). Each fault must end as a row that says what happened."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from fault_portal import GBK_PHRASE
from harvest_portal import (
    GOOD_PATHS,
    OFFSITE_PATH,
    PDF_TOWN,
    REPORT_TOWNS,
    HarvestPortal,
    numbers_for,
    write_sources,
)
from prefect import flow

from flows.batches import RunSummary
from flows.harvest import harvest
from tasks.paths import PROJECT_ROOT
from tests.conftest import query as _query

# Short timeouts and backoffs so the whole file runs in about a minute; an operator sets the
# same variables for a slow or fragile portal.
FAST_SETTINGS = {
    "FAZHI_HTTP_TIMEOUT_S": "0.4",  # /slow.html answers after 1 s
    "FAZHI_CONNECT_TIMEOUT_S": "1",
    "FAZHI_HTTP_TOTAL_TIMEOUT_S": "5",
    "FAZHI_HTTP_RETRIES": "2",  # /flaky.html needs two retries
    "FAZHI_BACKOFF_BASE_S": "0.02",
    "FAZHI_BACKOFF_MAX_S": "0.05",
    "FAZHI_RETRY_AFTER_MAX_S": "2",  # /busy.html asks for 1 s
    "FAZHI_MIN_REQUEST_INTERVAL_S": "0",
    "FAZHI_MAX_BYTES": "100000",  # /huge.html streams 300 kB
    # every listed report is asked for again on each run: conditional GET is what is tested
    "FAZHI_RECHECK_AFTER_HOURS": "0",
}
# Reports the first run must load: the good pages and every fault a page survives.
RECOVERED = ["/flaky.html", "/busy.html", "/r/3", "/latin1-header.html", "/wrong-header.html",
             "/no-charset.html", "/gbk-meta.html"]
FIRST_RUN_REPORTS = GOOD_PATHS + RECOVERED
# URL → error class of its last attempt, and the status that attempt saw (None: no response).
FAILURES = {
    "/slow.html": ("timeout", None),
    "/reset.html": ("connection", None),
    "/truncated.html": ("truncated", 200),
    "/loop/a": ("redirect_loop", None),
    "/challenge.html": ("challenge", 412),
    "/soft404.html": ("soft_404", 200),
    "/huge.html": ("too_large", 200),
    "/huge-declared.html": ("too_large", 200),
    "/files/corrupt.pdf": ("corrupt_pdf", 200),  # linked from /corrupt-article.html
    "/private/report.html": ("robots", None),
    "{other}/ok.html": ("offsite", None),  # where /away redirects
}
OUTAGE = "/harvest/outage.html"  # 503 for all of the first run, fine the next day
ETAGGED = [p for p in GOOD_PATHS if p in REPORT_TOWNS]  # answer If-None-Match with 304


@dataclass
class Runs:
    portal: HarvestPortal
    first: RunSummary
    rerun: RunSummary  # nothing changed on the portal
    cli: subprocess.CompletedProcess  # the third run, after the portal changed
    first_wh: Path  # the warehouse as the first run left it
    rerun_wh: Path  # … as the no-change re-run left it
    warehouse: Path  # after all three runs
    seconds: dict[str, float]

    def url(self, path: str) -> str:
        return path.format(other=self.portal.other_host) if path.startswith("{") \
            else self.portal.base + path

    def requests(self, phase: int, path: str | None = None) -> list[tuple[str, str, int]]:
        return [(host, p, status) for ph, host, p, status in self.portal.requests
                if ph == phase and (path is None or p == path)]


def _snapshot(warehouse: Path, name: str) -> Path:
    copy = warehouse.with_name(name)
    for suffix in ("", ".wal"):
        if Path(f"{warehouse}{suffix}").exists():
            shutil.copy(f"{warehouse}{suffix}", f"{copy}{suffix}")
    return copy


@flow
def _warm_up() -> None:
    """Start Prefect's ephemeral API before the clock runs: the first harvest is timed."""


def _prefect_api_url() -> str | None:
    """The ephemeral API this process started, so the CLI run can use it rather than spend
    ~20 s starting its own; None (the CLI starts one) if this Prefect keeps it elsewhere."""
    try:
        from prefect.server.api.server import SubprocessASGIServer
    except ImportError:
        return None
    server = SubprocessASGIServer()
    return server.api_url if server.running else None


def _timed_harvest(sources: Path, warehouse: Path, portal: HarvestPortal,
                   seconds: dict[str, float], name: str) -> RunSummary:
    started = time.perf_counter()
    summary = harvest(str(sources), str(warehouse), portal.base)
    seconds[name] = time.perf_counter() - started
    return summary


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("harvest-faults")
    sources, warehouse = write_sources(tmp / "sources.csv"), tmp / "wh" / "fazhi.duckdb"
    portal = HarvestPortal(lifetime_s=300)
    seconds: dict[str, float] = {}
    try:
        with pytest.MonkeyPatch.context() as env:
            for name, value in FAST_SETTINGS.items():
                env.setenv(name, value)
            _warm_up()
            first = _timed_harvest(sources, warehouse, portal, seconds, "first")
            first_wh = _snapshot(warehouse, "after-first.duckdb")
            portal.next_phase()  # nothing changes
            rerun = _timed_harvest(sources, warehouse, portal, seconds, "rerun")
            rerun_wh = _snapshot(warehouse, "after-rerun.duckdb")
            portal.next_phase(changed=True)  # the revised report is out, the outage is over
            api = _prefect_api_url()
            if api:
                env.setenv("PREFECT_API_URL", api)
            started = time.perf_counter()
            cli = subprocess.run(
                [sys.executable, "-m", "fazhi.cli", "harvest", "--sources", str(sources),
                 "--portal-base", portal.base, "--warehouse", str(warehouse)],
                capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=180)
            seconds["cli_wall"] = time.perf_counter() - started
    finally:
        portal.close()
    flow_time = re.search(r"finished in ([\d.]+) s", cli.stdout)
    seconds["cli_flow"] = float(flow_time.group(1)) if flow_time else float("nan")
    return Runs(portal, first, rerun, cli, first_wh, rerun_wh, warehouse, seconds)



# --- the first harvest -------------------------------------------------------------------------
def test_first_harvest_loads_every_good_report_with_its_place_and_figures(runs) -> None:
    rows = _query(runs.first_wh, "SELECT url, town, region_code, body FROM reports")
    assert sorted(r[0] for r in rows) == sorted(runs.url(p) for p in FIRST_RUN_REPORTS)
    assert runs.first.reports == len(FIRST_RUN_REPORTS)
    towns = {**REPORT_TOWNS, "/harvest/pdf-article.html": PDF_TOWN,
             "/r/3": REPORT_TOWNS["/ok.html"]}
    for url, town, region_code, body in rows:
        expected = towns[url.removeprefix(runs.portal.base)]
        assert (town, region_code) == (expected.name, expected.code), url
        assert f"活动{numbers_for(expected).campaigns}场次" in re.sub(r"\s", "", body)
        assert "\ufffd" not in body
    campaigns = _query(runs.first_wh, """
        SELECT r.url, f.value FROM facts AS f JOIN reports AS r USING (report_id)
        WHERE f.unit = '场次'""")
    assert {url: value for url, value in campaigns} == {
        url: numbers_for(towns[url.removeprefix(runs.portal.base)]).campaigns
        for url, *_ in rows}


@pytest.mark.parametrize("path", list(FAILURES))
def test_each_failure_is_recorded_with_its_class_and_shows_in_v_problems(runs, path) -> None:
    error, status = FAILURES[path]
    url = runs.url(path)
    last = _query(runs.first_wh, """
        SELECT error, status FROM fetches WHERE url = ?
        ORDER BY fetched_at DESC, attempt DESC LIMIT 1""", [url])
    assert last == [(error, status)]
    attempts = _query(runs.first_wh, "SELECT count(*) FROM fetches WHERE url = ?", [url])
    retried = error in ("timeout", "connection", "truncated")  # transport faults: retried
    assert attempts == [(int(FAST_SETTINGS["FAZHI_HTTP_RETRIES"]) + 1 if retried
                         else 2 if error == "redirect_loop" else 1,)]  # the 301, then the refusal
    problems = _query(runs.first_wh, "SELECT stage, problem FROM v_problems WHERE url = ?", [url])
    assert problems == [("fetch", error)]
    assert error in runs.first.errors_by_class


def test_transient_failures_are_retried_within_the_run_and_the_report_loaded(runs) -> None:
    attempts = {path: _query(runs.first_wh, """
        SELECT status, error, fetched_at FROM fetches WHERE url = ? ORDER BY attempt""",
                             [runs.url(path)]) for path in ("/flaky.html", "/busy.html", OUTAGE)}
    assert [(s, e) for s, e, _ in attempts["/flaky.html"]] == [
        (500, "http_500"), (500, "http_500"), (200, None)]
    assert [(s, e) for s, e, _ in attempts["/busy.html"]] == [(429, "http_429"), (200, None)]
    waited = attempts["/busy.html"][1][2] - attempts["/busy.html"][0][2]
    assert waited.total_seconds() >= 0.95  # Retry-After: 1
    assert [(s, e) for s, e, _ in attempts[OUTAGE]] == [(503, "http_503")] * 3
    problems = {u for (u,) in _query(runs.first_wh, "SELECT url FROM v_problems")}
    assert runs.url("/flaky.html") not in problems and runs.url("/busy.html") not in problems
    assert runs.url(OUTAGE) in problems


def test_wrong_missing_and_meta_only_charsets_decode(runs) -> None:
    rows = dict(_query(runs.first_wh, """
        SELECT d.url, d.encoding FROM documents AS d JOIN reports AS r USING (url)
        WHERE d.url IN (SELECT unnest(?))""",
                       [[runs.url(p) for p in RECOVERED if "charset" in p or "header" in p
                         or "meta" in p]]))
    assert rows == {runs.url("/latin1-header.html"): "utf-8",
                    runs.url("/no-charset.html"): "utf-8",
                    runs.url("/wrong-header.html"): "gb18030",  # header says UTF-8: it is not
                    runs.url("/gbk-meta.html"): "gb18030"}  # gb2312 declared, GBK written
    bodies = _query(runs.first_wh, "SELECT body FROM reports WHERE url IN (SELECT unnest(?))",
                    [list(rows)])
    assert all(GBK_PHRASE in body and "·" in body for (body,) in bodies)


def test_redirect_chain_is_followed_and_the_report_keeps_its_listed_url(runs) -> None:
    hops = _query(runs.first_wh, """
        SELECT url, status FROM fetches
        WHERE starts_with(url, ?) AND (url LIKE '%/r/%' OR url LIKE '%/ok.html')
        ORDER BY fetched_at""", [runs.portal.base])
    assert hops == [(runs.url(p), s) for p, s in [("/r/3", 302), ("/r/2", 302), ("/r/1", 302),
                                                   ("/r/0", 302), ("/ok.html", 200)]]
    assert _query(runs.first_wh, "SELECT count(*) FROM reports WHERE url = ?",
                  [runs.url("/r/3")]) == [(1,)]


def test_page_that_is_no_report_is_rejected_not_loaded(runs) -> None:
    url = runs.url("/harvest/building.html")
    assert _query(runs.first_wh, "SELECT reason FROM rejected_pages WHERE url = ?", [url]) == [
        ("under_construction",)]
    assert _query(runs.first_wh, "SELECT stage, problem FROM v_problems WHERE url = ?", [url]) \
        == [("strip", "under_construction")]
    # … and the column's notice (关于报送…的通知) is a look-alike turned down by its title,
    # never fetched, and no problem
    notice = runs.url("/harvest/notice.html")
    assert _query(runs.first_wh, "SELECT reason FROM rejected_pages WHERE url = ?", [notice]) \
        == [("not_a_report_notice",)]
    assert _query(runs.first_wh, "SELECT count(*) FROM v_problems WHERE url = ?", [notice]) \
        == [(0,)]
    assert runs.first.rejected == 2


def test_nothing_offsite_or_disallowed_is_ever_requested(runs) -> None:
    assert runs.portal.requests, "the portal logged no request"
    hosts = {host for _, host, _, _ in runs.portal.requests}
    assert hosts == {runs.portal.base.removeprefix("http://")}  # never as localhost:<port>
    assert not [r for r in runs.portal.requests if r[2].startswith("/private/")]
    listed_offsite = runs.portal.other_host + OFFSITE_PATH
    assert _query(runs.warehouse, "SELECT count(*) FROM fetches WHERE url = ?",
                  [listed_offsite]) == [(0,)]  # dropped at discovery: not even refused


def test_links_listed_twice_are_fetched_and_loaded_once(runs) -> None:
    for phase in (1, 2, 3):
        assert len(runs.requests(phase, "/harvest/good-1.html")) == 1
        assert len(runs.requests(phase, "/r/3")) == 1
        assert len(runs.requests(phase, "/harvest/index.html")) == 1  # index_2 does not loop
    assert _query(runs.warehouse, """
        SELECT count(*), count(DISTINCT url) FROM reports""")[0] == (runs.first.reports + 1,) * 2
    not_listed = {"/files/corrupt.pdf", "{other}/ok.html"}  # reached through a listed page
    listed = {*FIRST_RUN_REPORTS, *(set(FAILURES) - not_listed), "/corrupt-article.html",
              "/away", "/harvest/building.html", OUTAGE}
    assert runs.first.urls == len(listed)


# --- the second harvest: nothing changed ------------------------------------------------------
def test_unchanged_reports_are_asked_conditionally_and_not_downloaded(runs) -> None:
    for path in ETAGGED:
        assert [s for _, _, s in runs.requests(2, path)] == [304]
        assert _query(runs.rerun_wh, "SELECT status, bytes FROM fetches WHERE url = ?",
                      [runs.url(path)]) == [(304, 0)]
    # no new raw body for any URL, whether it answered 304 or sent the same bytes again
    counted = """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM report_versions),
                        (SELECT count(*) FROM reports), (SELECT count(*) FROM facts)"""
    assert _query(runs.rerun_wh, counted) == _query(runs.first_wh, counted)
    # and nothing to redo: no report is stripped, extracted or loaded again
    assert runs.rerun.unchanged == runs.first.reports and runs.rerun.reports == 0


def test_rerun_records_every_failure_again(runs) -> None:
    problems = dict(_query(runs.rerun_wh, "SELECT url, problem FROM v_problems"))
    for path, (error, _) in {**FAILURES, OUTAGE: ("http_503", 503)}.items():
        assert problems.get(runs.url(path)) == error, path
        run_ids = _query(runs.rerun_wh, "SELECT DISTINCT run_id FROM fetches WHERE url = ?",
                         [runs.url(path)])
        assert run_ids == [(runs.rerun.run_id,)], path
    assert [s for _, _, s in runs.requests(2, "/flaky.html")] == [500, 500, 200]


# --- the third harvest, through the CLI: a revised report, an outage over -----------------------
def test_cli_harvest_prints_a_summary_and_no_traceback(runs) -> None:
    out = runs.cli.stdout + runs.cli.stderr
    assert runs.cli.returncode == 0, out
    assert "Traceback" not in out
    assert re.search(r"harvest \w+ finished in [\d.]+ s", runs.cli.stdout)
    # the revised report and the page that was down are loaded; the others had not changed
    expected = f"reports loaded 2 (unchanged since last run {runs.first.reports - 1})"
    assert expected in runs.cli.stdout
    assert "too_large 2" in runs.cli.stdout and "pages rejected 2" in runs.cli.stdout


def test_a_revised_report_is_picked_up_as_a_second_version(runs) -> None:
    url = runs.url("/harvest/revised.html")
    assert [s for _, _, s in runs.requests(3, "/harvest/revised.html")] == [200]
    versions = _query(runs.warehouse, "SELECT count(*) FROM report_versions WHERE url = ?", [url])
    assert versions == [(2,)]
    assert _query(runs.warehouse, "SELECT count(*) FROM documents WHERE url = ?", [url]) == [(2,)]
    body, = _query(runs.warehouse, "SELECT body FROM reports WHERE url = ?", [url])[0]
    town = REPORT_TOWNS["/harvest/revised.html"]
    assert "推进基层依法治理" in body
    assert f"活动{numbers_for(town, 2).campaigns}场次" in re.sub(r"\s", "", body)
    others = _query(runs.warehouse, """
        SELECT url FROM report_versions WHERE url <> ? GROUP BY url HAVING count(*) > 1""", [url])
    assert others == []
    for path in ETAGGED:
        if path != "/harvest/revised.html":
            assert [s for _, _, s in runs.requests(3, path)] == [304]


def test_what_failed_is_retried_and_a_recovered_page_loaded(runs) -> None:
    outage = runs.url(OUTAGE)
    assert _query(runs.warehouse, "SELECT town FROM reports WHERE url = ?", [outage]) == [
        (REPORT_TOWNS[OUTAGE].name,)]
    problems = dict(_query(runs.warehouse, "SELECT url, problem FROM v_problems"))
    assert outage not in problems
    assert {u: p for u, p in problems.items() if p in {e for e, _ in FAILURES.values()}} == {
        runs.url(path): error for path, (error, _) in FAILURES.items()}


def test_harvest_times(runs) -> None:
    seconds = runs.seconds
    assert all(s > 0 for s in seconds.values())
    print(f"\nharvest wall times: first {seconds['first']:.1f} s, no-change re-run "
          f"{seconds['rerun']:.1f} s, CLI run after a change {seconds['cli_flow']:.1f} s in "
          f"the flow ({seconds['cli_wall']:.1f} s with process start)\n{runs.cli.stdout}")
