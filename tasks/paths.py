"""Where the project's data lives: seeds/, sql/ and expectations/ (the one place that says so)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"


def sql_text(relative: str) -> str:
    """The text of a file under sql/, e.g. ``pipeline/new_alerts.sql``."""
    return (SQL_DIR / relative).read_text(encoding="utf-8")
