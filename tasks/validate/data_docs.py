"""GX Data Docs of the suites and the last validation results, written as a static site."""

from __future__ import annotations

import warnings
from pathlib import Path

from tasks.validate.suites import gx_runtime, restore_results

DATA_DOCS_SITE = "fazhi"


def build_data_docs(target_dir: Path, results: dict[str, tuple[tuple, str]] | None = None
                    ) -> Path:
    """Write GX Data Docs for the suites and the last validation run (this process's, or
    ``results`` from ``latest_results``); returns index.html.

    The ephemeral context keeps results in memory; the site itself is a filesystem store
    rooted at ``target_dir`` (e.g. warehouse/data_docs/), so no GX project directory is needed.
    """
    runtime = gx_runtime()
    if results:
        restore_results(results)
    target_dir = Path(target_dir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    site = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(target_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    with runtime.lock, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if DATA_DOCS_SITE in (runtime.context.config.data_docs_sites or {}):
            runtime.context.update_data_docs_site(DATA_DOCS_SITE, site)
        else:
            runtime.context.add_data_docs_site(DATA_DOCS_SITE, site)
        runtime.context.build_data_docs(site_names=[DATA_DOCS_SITE])
    return target_dir / "index.html"
