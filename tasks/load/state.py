"""What the flows need to know of the warehouse before they fetch: loaded and stored documents.

Read here, by the load stage that owns the warehouse, and handed to the other stages by the
flow: fetch never opens the warehouse itself. The queries are sql/pipeline/*.sql.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tasks.load.schema import LoadSettings, connect
from tasks.paths import sql_text


def stored_documents(path: Path) -> list[dict]:
    """The newest stored version of every document URL: the input of `fazhi reprocess`."""
    con = connect(path, read_only=True)
    try:
        cursor = con.execute(sql_text("pipeline/stored_documents.sql"))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def loaded_documents(settings: LoadSettings) -> dict[str, tuple[str | None, str | None]]:
    """URL → (raw sha256, article page sha256) of every report as last loaded; a harvest
    skips a fetched report whose bytes are these (nothing changed, nothing to redo)."""
    if not Path(settings.warehouse).exists():
        return {}
    con = connect(settings.warehouse, memory_limit=settings.memory_limit)
    try:
        rows = con.execute(sql_text("pipeline/loaded_documents.sql")).fetchall()
    finally:
        con.close()
    return {url: (raw, page) for url, raw, page in rows}


def recently_checked(path: Path, hours: float) -> set[str]:
    """URLs of loaded reports whose latest fetch succeeded (200 or 304) within ``hours``."""
    if hours <= 0 or not Path(path).exists():
        return set()
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=hours)
    con = connect(path, read_only=True)
    try:
        rows = con.execute(sql_text("pipeline/recently_checked.sql"), [since]).fetchall()
    finally:
        con.close()
    return {url for (url,) in rows}
