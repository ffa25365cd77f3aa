"""Each CMS platform's column, served from its fixture on loopback and read by discovery:
every report across at least three list or API pages, no look-alike, each turned down with
its reason; the fixtures and their provenance are in tests/fixtures/platforms/<platform>/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.portal import serve_portal, stop
from tasks.discover.crawl import discover_source
from tasks.discover.platforms import PLATFORM_NAMES
from tasks.discover.sources import SourceError, load_sources
from tasks.fetch.client import FetchSettings, posted_url

FIXTURES = Path(__file__).parent / "fixtures" / "platforms"
MAX_LIST_PAGES = 20


def columns(platform: str) -> list[dict]:
    expected = json.loads((FIXTURES / platform / "expected.json").read_text(encoding="utf-8"))
    return expected if isinstance(expected, list) else [expected]


@pytest.fixture(scope="module", params=PLATFORM_NAMES)
def served(request):
    server, base = serve_portal(FIXTURES / request.param / "site")
    yield request.param, base
    stop(server)


@pytest.fixture
def settings(tmp_path: Path) -> FetchSettings:
    return FetchSettings(raw_dir=tmp_path / "raw", min_request_interval_s=0.0, http_retries=0)


def test_every_platform_has_a_fixture_with_provenance():
    for platform in PLATFORM_NAMES:
        readme = (FIXTURES / platform / "README.md").read_text(encoding="utf-8")
        assert "## Provenance" in readme and "commit " in readme, platform
        assert columns(platform), platform


def test_platform_column_gives_every_report_and_no_lookalike(served, settings):
    platform, base = served
    for column in columns(platform):
        source = {"source_id": f"fixture_{platform}", "url": base + column["column"],
                  "kind": "list"}
        found = discover_source(source, settings, MAX_LIST_PAGES)
        assert found.platform == platform, column["column"]
        assert sorted(found.urls) == sorted(base + u for u in column["reports"])
        assert {r.url: r.reason for r in found.rejected} == {
            base + u: why for u, why in column["lookalikes"].items()}
        list_pages = {a.url for a in found.attempts if a.status == 200}
        assert len(list_pages) >= 3, list_pages  # the column page and ≥2 more, or ≥3 API pages
        # no request in vain (but the TRS site whose last page is named the other way)
        assert [a.url for a in found.attempts if a.error] == [] or column.get("form") == "C"


def test_forced_platform_reads_a_page_detection_would_give_to_another(served, settings):
    """A source row's platform column forces the adapter: generic on a gkmlpt shell finds
    nothing (its app div is empty), which is why detection is the default."""
    platform, base = served
    if platform != "gkmlpt":
        pytest.skip("one platform shows it")
    column = columns("gkmlpt")[0]
    source = {"source_id": "forced", "url": base + column["column"], "kind": "list",
              "platform": "generic"}
    found = discover_source(source, settings, MAX_LIST_PAGES)
    assert found.platform == "generic" and found.urls == []


def test_gkmlpt_category_comes_from_the_url_fragment(served, settings):
    platform, base = served
    if platform != "gkmlpt":
        pytest.skip("one platform shows it")
    source = {"source_id": "gk", "url": base + "/gkmlpt/index#2390", "kind": "list"}
    found = discover_source(source, settings, MAX_LIST_PAGES)
    asked = [a.url for a in found.attempts]
    assert base + "/gkmlpt/api/all/2390?page=1&sid=200022" in asked
    assert base + "/gkmlpt/api/all/2390?page=3&sid=200022" in asked


def test_posted_list_apis_are_recorded_each_with_its_form(served, settings):
    platform, base = served
    if platform not in ("hanweb", "trs_dynamic"):
        pytest.skip("the POSTing platforms show it")
    column = columns(platform)[0]
    source = {"source_id": "post", "url": base + column["column"], "kind": "list"}
    found = discover_source(source, settings, MAX_LIST_PAGES)
    posted = [a.url for a in found.attempts if "startrecord=" in a.url or "channelid=" in a.url]
    assert len(set(posted)) >= 2 and all(a.status == 200 for a in found.attempts
                                         if a.url in posted)
    if platform == "trs_dynamic":
        assert posted_url(base + "/fjdzapp/search", {
            "channelid": "229105", "sortfield": "-docorderpri,-docreltime",
            "classsql": "chnlid=39794", "prepage": "5", "classcol": "publishyear",
            "classnum": "100", "classsort": "0", "page": "2"}) in posted


def test_trs_site_naming_page_n_as_n_minus_1_is_read_after_the_missing_last_page(settings):
    server, base = serve_portal(FIXTURES / "trs" / "site")
    try:
        column = next(c for c in columns("trs") if c["form"] == "C")
        found = discover_source({"source_id": "c", "url": base + column["column"],
                                 "kind": "list"}, settings, MAX_LIST_PAGES)
    finally:
        stop(server)
    errors = {a.url: a.error for a in found.attempts if a.error}
    assert errors == {base + "/xxgk/fzjs/list_3.shtml": "http_404"}
    assert sorted(found.urls) == sorted(base + u for u in column["reports"])


def test_source_row_may_name_a_platform(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("source_id,name,url,kind,region_hint,platform\n"
                    "a,A,http://x.gov.cn/gkmlpt/index#2390,list,,gkmlpt\n"
                    "b,B,http://y.gov.cn/col/col1/index.html,list,,\n", encoding="utf-8")
    rows = load_sources(path)
    assert rows[0]["platform"] == "gkmlpt" and rows[0]["url"].endswith("#2390")
    assert rows[1].get("platform") is None
    path.write_text("source_id,name,url,kind,region_hint,platform\n"
                    "a,A,http://x.gov.cn/,list,,wordpress\n", encoding="utf-8")
    with pytest.raises(SourceError, match="platform 'wordpress' is not one of"):
        load_sources(path)
