"""The discover stage's Prefect task: a source's report URLs and the look-alikes turned down."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.discover.crawl import Discovery, discover_source
from tasks.fetch.client import FetchSettings


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(source: dict, settings: FetchSettings, max_pages: int) -> Discovery:
    return discover_source(source, settings, max_pages)
