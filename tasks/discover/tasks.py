"""The discover stage's Prefect task: a source's report URLs."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.discover.crawl import discover_reports
from tasks.fetch.client import FetchSettings
from tasks.records import FetchAttempt


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(source: dict, settings: FetchSettings,
                  max_pages: int) -> tuple[list[str], list[FetchAttempt]]:
    return discover_reports(source, settings, max_pages)
