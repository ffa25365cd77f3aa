"""Shared test setup: a private Prefect home (ephemeral API, quiet) and helpers for fixtures."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Before anything imports prefect: a throwaway Prefect database per test session, so tests
# never share (or lock) the demo's, and Prefect's INFO chatter stays out of test output.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="fazhi-prefect-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # lets tests import their helpers by bare name

from fazhi import prefect_env  # noqa: E402,F401

GOLD_DIR = ROOT / "tests" / "gold"
CORPUS_DIR = GOLD_DIR / "corpus"


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a read-only query on a test warehouse (the connection is closed at once, so a
    later harvest in the same test can open the file for writing)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
