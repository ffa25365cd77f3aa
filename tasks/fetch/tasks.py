"""The fetch stage's Prefect task: a batch of one source's report URLs fetched."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.fetch.client import FetchSettings
from tasks.fetch.documents import fetch_changed
from tasks.records import Batch, timed


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_batch(urls: list[str], source: dict, settings: FetchSettings,
                loaded: dict[str, tuple[str | None, str | None]] | None = None) -> Batch:
    """Fetch the URLs (one request at a time, spaced for the source); ``loaded`` (URL → raw
    and page sha256 as last loaded) lets reports whose bytes did not change skip the stages."""
    return timed("fetch", fetch_changed, urls, source, settings, loaded)
