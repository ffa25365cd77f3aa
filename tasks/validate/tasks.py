"""The validate stage's Prefect task: Data Docs of a run, built where the flow runs."""

from __future__ import annotations

import logging
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.validate.data_docs import build_data_docs


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs_task(target_dir: Path, results: dict[str, tuple[tuple, str]] | None = None
                   ) -> str | None:
    """Build Data Docs after a run; a failure to write them is logged, never fails the run."""
    try:
        return str(build_data_docs(target_dir, results))
    except Exception as exc:  # noqa: BLE001 (GX raises many kinds; docs are a convenience)
        logging.getLogger("fazhi.progress").warning("data docs not built: %s", exc)
        return None
