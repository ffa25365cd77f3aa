"""The portal host → region table (seeds/regions/hosts.csv) and its use as place evidence."""

from __future__ import annotations

import csv
import sys

import pytest

from tasks.extract.regions import REGIONS_DIR, host_region


def test_county_portal_host_names_its_county() -> None:
    # www.xuwen.gov.cn publishes 下洋镇's report (tests/meta_pages/xiayang_town.txt).
    assert host_region("http://www.xuwen.gov.cn/xxgk/ndfzzfjsbg/content/post_1854461.html") == \
        "440825"
    assert host_region("https://xxgk.huadu.gov.cn/a.html") == "440114"  # subdomain, 花都 du/dou
    assert host_region("http://www.tjjh.gov.cn/jhqzf/x.html") == "120118"  # seen: 静海区


def test_a_spelling_two_places_share_and_other_hosts_name_none() -> None:
    assert host_region("http://www.xiangtan.gov.cn/") is None  # 湘潭市 and 湘潭县
    assert host_region("http://www.zhongshan.gov.cn/") is None  # 中山市 and 大连 中山区
    assert host_region("http://www.yqfq.com.cn/8870/8864/content_1408721.html") is None
    assert host_region("http://www.gd.gov.cn/") is None
    assert host_region("file:///tmp/report.txt") is None and host_region(None) is None


def test_table_is_what_the_build_script_makes() -> None:
    pytest.importorskip("pypinyin")  # the `regions` extra; the table is committed built
    sys.path.insert(0, str(REGIONS_DIR))
    from build_hosts import build

    with (REGIONS_DIR / "hosts.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == build()
