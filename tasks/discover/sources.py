"""The sources CSV: which portals a harvest reads (column pages or single report pages)."""

from __future__ import annotations

import csv
from pathlib import Path

from tasks.discover.platforms import PLATFORM_NAMES

SOURCE_COLUMNS = ("source_id", "name", "url", "kind", "region_hint")


class SourceError(Exception):
    """A sources file row that cannot be used."""


def load_sources(path: Path, portal_base: str | None = None) -> list[dict]:
    """Rows of a sources CSV; `{portal}` in a url becomes portal_base (the served demo portal)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    sources = []
    for number, row in enumerate(rows, start=2):
        missing = [c for c in SOURCE_COLUMNS[:4] if not (row.get(c) or "").strip()]
        if missing:
            raise SourceError(f"{path}:{number}: missing {', '.join(missing)}")
        url = row["url"].strip()
        if "{portal}" in url:
            if not portal_base:
                raise SourceError(f"{path}:{number}: url uses {{portal}} but no portal is served")
            url = url.replace("{portal}", portal_base.rstrip("/"))
        kind = row["kind"].strip()
        if kind not in ("list", "report"):
            raise SourceError(f"{path}:{number}: kind {kind!r} is not list or report")
        source = {"source_id": row["source_id"].strip(), "name": row["name"].strip(),
                  "url": url, "kind": kind,
                  "region_hint": (row.get("region_hint") or "").strip() or None}
        # optional politeness columns: a fragile portal asks for a longer gap between
        # requests; a strong one may take more than one request at a time
        for column, kind in (("min_request_interval_s", float), ("max_concurrency", int)):
            value = (row.get(column) or "").strip()
            if not value:
                continue
            try:
                source[column] = kind(value)
            except ValueError as exc:
                raise SourceError(f"{path}:{number}: {column} {value!r} is not "
                                  f"{'a number' if kind is float else 'a whole number'}") from exc
            if source[column] < (1 if kind is int else 0):
                raise SourceError(f"{path}:{number}: {column} {value!r} is too small")
        # optional: the CMS platform the column runs on, when detection should not decide
        platform = (row.get("platform") or "").strip()
        if platform:
            if platform not in PLATFORM_NAMES:
                raise SourceError(f"{path}:{number}: platform {platform!r} is not one of "
                                  f"{', '.join(PLATFORM_NAMES)}")
            source["platform"] = platform
        sources.append(source)
    return sources
