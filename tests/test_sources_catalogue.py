"""The catalogue of real 法治政府建设年度报告 columns (seeds/sources/) holds what it promises,
the sources loader reads a folder or a file with the catalogue's columns, and `fazhi sources`
shows each source's platform and last harvest from a real warehouse."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tasks.discover.sources import PLATFORMS, SourceError, guess_platform, load_sources
from tasks.load.batch import load_fetch_attempts, record_run
from tasks.load.schema import connect
from tasks.paths import SEEDS_DIR
from tasks.records import FetchAttempt

CATALOGUE = SEEDS_DIR / "sources"
URL_BASES = ("seen", "article_folder", "hanweb_article", "gkmlpt_article")
LEVELS = ("province", "province-dept", "city", "city-dept", "county", "county-dept", "town",
          "street")
PROVINCE = re.compile(r"^(北京市|天津市|上海市|重庆市|.+?(?:省|自治区))")
LINK = re.compile(r"https?://[^\s()]+")


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    return load_sources(CATALOGUE)


def test_catalogue_covers_enough_columns_provinces_and_platforms(catalogue) -> None:
    provinces = Counter(PROVINCE.match(s["region_hint"]).group(1) for s in catalogue)
    platforms = Counter(s["platform"] for s in catalogue)
    assert len(catalogue) >= 40
    assert len(provinces) >= 10, provinces
    assert len(platforms) >= 5 and set(platforms) <= set(PLATFORMS), platforms


def test_every_catalogue_row_is_complete_and_unique(catalogue) -> None:
    ids = Counter(s["source_id"] for s in catalogue)
    urls = Counter(s["url"] for s in catalogue)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [u for u, n in urls.items() if n > 1] == []
    for source in catalogue:
        parts = urlsplit(source["url"])
        assert parts.scheme in ("http", "https") and parts.hostname, source
        assert source["kind"] == "list" and source["region_hint"], source
        assert source["level"] in LEVELS, source
        assert source["url_basis"] in URL_BASES, source
        assert source["provenance"].strip(), source


def test_every_url_is_backed_by_the_material_its_row_cites(catalogue) -> None:
    """A derived URL must follow from an address quoted in its provenance; a seen one must
    name the stored file it was read in."""
    for source in catalogue:
        basis, cited = source["url_basis"], source["provenance"]
        links = LINK.findall(cited)
        host = urlsplit(source["url"]).hostname
        if basis == "seen":
            assert re.search(r"code corpus file \d+", cited), source
        elif basis == "article_folder":  # TRS and friends: the article sits inside its column
            assert any(link.startswith(source["url"]) and len(link) > len(source["url"])
                       for link in links), source
        elif basis == "hanweb_article":  # art_{column}_{article}.html names its column
            column = re.search(r"/col/col(\d+)/index\.html$", source["url"]).group(1)
            assert any(host in link and f"/art_{column}_" in link for link in links), source
        elif basis == "gkmlpt_article":
            prefix = source["url"].removesuffix("index")
            assert any(link.startswith(prefix + "content/") for link in links), source


@pytest.mark.parametrize("url, platform", [
    ("http://www.lw.gov.cn/gzlwdbj/gkmlpt/index", "gkmlpt"),
    ("http://www.shanwei.gov.cn/swsfgj/gkmlpt/index#475", "gkmlpt"),
    ("http://www.jiashan.gov.cn/col/col1229199096/index.html", "hanweb"),
    ("https://www.jiangsu.gov.cn/art/2025/3/28/art_60096_11528160.html", "hanweb"),
    ("https://www.hhjp.gov.cn/info/34441/387541.htm", "vsb"),
    ("http://www.tjjh.gov.cn/jhqzf/qtfdgkxx2/202403/t20240328_6583952.html", "trs"),
    ("https://jw.cq.gov.cn/zwgk_209/fzzfjsndbg/index_1.html", "trs"),
    ("https://www.by.gov.cn/zwgk/fzzfjs/zjfzzfjsbg/", None),
])
def test_a_column_address_names_its_platform_only_when_its_shape_says_so(url, platform) -> None:
    assert guess_platform(url) == platform


def test_loader_reads_a_folder_of_files_and_refuses_what_it_cannot_use(tmp_path) -> None:
    header = "source_id,name,url,kind,region_hint,platform,provenance\n"
    (tmp_path / "a.csv").write_text(
        "# a comment line keeps line numbers true\n" + header
        + "town_a,甲镇,http://a.example.gov.cn/gkmlpt/index#2390,list,,gkmlpt,page x\n",
        encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "source_id,name,url,kind,region_hint\nn_b,乙镇,http://b.example.gov.cn/x/,list,\n",
        encoding="utf-8")
    first, second = load_sources(tmp_path)
    assert first["url"].endswith("/gkmlpt/index#2390")  # the fragment is the catid: kept
    assert first["platform"] == "gkmlpt" and first["provenance"] == "page x"
    assert second["platform"] is None and "provenance" not in second
    assert load_sources(tmp_path / "b.csv") == [second]  # one file still works

    (tmp_path / "c.csv").write_text(header + "town_a,丙镇,http://c.example.gov.cn/,list,,,\n",
                                    encoding="utf-8")
    with pytest.raises(SourceError,
                       match=r"c\.csv:2: source_id 'town_a' already used at .*a\.csv:3"):
        load_sources(tmp_path)
    (tmp_path / "c.csv").write_text(header + "c,丙镇,http://c.example.gov.cn/,list,,dede,\n",
                                    encoding="utf-8")
    with pytest.raises(SourceError, match=r"c\.csv:2: platform 'dede' is not one of"):
        load_sources(tmp_path)
    (tmp_path / "c.csv").write_text(header + "c,丙镇,www.c.example.gov.cn/x,list,,,\n",
                                    encoding="utf-8")
    with pytest.raises(SourceError, match="not an http"):
        load_sources(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match="no .csv file"):
        load_sources(tmp_path / "empty")
    with pytest.raises(SourceError, match="no such sources"):
        load_sources(tmp_path / "missing.csv")


def _fazhi(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120,
                          cwd=Path(__file__).resolve().parent.parent)


def test_fazhi_sources_shows_platform_and_last_harvest(tmp_path, catalogue) -> None:
    warehouse = tmp_path / "w.duckdb"
    never = _fazhi("sources", "--catalogue", "--warehouse", str(warehouse), "--format", "json")
    assert never.returncode == 0, never.stderr
    rows = {r["source_id"]: r for r in json.loads(never.stdout)}
    assert len(rows) == len(catalogue) and {r["last_harvest"] for r in rows.values()} == {"never"}
    assert rows["gd_liwan_duobao_gkmlpt"]["platform"] == "gkmlpt"
    assert rows["gd_liwan_duobao_gkmlpt"]["level"] == "street"

    # a harvest that covered two catalogue sources, written by the load stage's own writer
    harvested = [s for s in catalogue if s["source_id"] in ("bj_xicheng_fzzfjsbg",
                                                               "zj_jiashan_col1229199096")]
    con = connect(warehouse)
    try:
        record_run(con, {"run_id": "r1", "started_at": "2026-03-01 02:00:00",
                         "finished_at": "2026-03-01 02:10:00", "sources": 2, "urls": 3,
                         "reports": 0, "facts": 0, "fetch_errors": 1, "alerts": 0}, harvested)
        load_fetch_attempts(con, [
            FetchAttempt(url=harvested[0]["url"], status=200, error=None, attempt=1, bytes=10,
                         sha256="a", elapsed_ms=5.0, fetched_at="2026-03-01 02:01:00",
                         source_id="bj_xicheng_fzzfjsbg"),
            FetchAttempt(url=harvested[1]["url"], status=None, error="timeout", attempt=1,
                         bytes=0, sha256=None, elapsed_ms=5.0,
                         fetched_at="2026-03-01 02:03:00", source_id="zj_jiashan_col1229199096"),
            FetchAttempt(url=harvested[1]["url"], status=200, error=None, attempt=2, bytes=10,
                         sha256="b", elapsed_ms=5.0, fetched_at="2026-03-01 02:04:00",
                         source_id="zj_jiashan_col1229199096"),
        ], "r1")
    finally:
        con.close()

    seen = _fazhi("sources", "--catalogue", "--warehouse", str(warehouse), "--format", "json")
    assert seen.returncode == 0, seen.stderr
    rows = {r["source_id"]: r for r in json.loads(seen.stdout)}
    assert rows["bj_xicheng_fzzfjsbg"]["last_harvest"] == "2026-03-01 02:01"
    assert rows["zj_jiashan_col1229199096"]["last_harvest"] == \
        "2026-03-01 02:04 (1 of 2 attempts failed)"
    assert rows["cq_jw_fzzfjsndbg"]["last_harvest"] == "never"

    # without --catalogue: the sources the warehouse harvested, platform from the URL's shape
    table = _fazhi("sources", "--warehouse", str(warehouse))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["source_id", "name", "platform"]
    assert lines[-1] == "(2 rows)" and len(lines) == 5  # header, rule, two sources, count
    assert "hanweb (from URL)" in table.stdout and "unknown until fetched" in table.stdout

    bad = _fazhi("sources", "--sources", str(tmp_path / "nope.csv"))
    assert bad.returncode == 1 and bad.stderr.startswith("fazhi: no such sources")
    assert "Traceback" not in bad.stderr
