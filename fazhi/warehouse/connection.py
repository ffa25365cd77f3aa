"""The read side's one way to open the warehouse: read-only, without the stages or Prefect.

`fazhi sql`, `alerts`, `tables`, `schema`, `export` and `report` open the file here, so a read
command starts in a fraction of a second (the writer in tasks/load/ pulls in the indicator
dictionary, pandas and the migration runner). A file another process is writing is told in one
line before any work starts.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

# DuckDB's lock message: `Could not set lock on file "…": Conflicting lock is held in
# /usr/bin/python3.11 (PID 12483). See also https://duckdb.org/docs/…`
_LOCK = re.compile(r"Conflicting lock is held in (?P<program>\S+) \(PID (?P<pid>\d+)\)")


class ReadError(Exception):
    """The warehouse cannot be read (missing, locked by a writer, not a DuckDB file); the
    message is one line that names the path and what to do."""


def lock_message(path: Path, error: str) -> str | None:
    """One line for a lock conflict, or None when ``error`` is about something else."""
    match = _LOCK.search(error)
    if match is None:
        return None
    program = Path(match["program"]).name
    return (f"warehouse {path} is being written by another process ({program}, PID "
            f"{match['pid']}): wait for that harvest or reprocess to finish, or read a copy")


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse at ``path``."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"no warehouse at {path}: run `fazhi harvest` or `fazhi demo` first")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        message = str(exc)
        raise ReadError(lock_message(path, message)
                        or f"cannot open warehouse {path}: {message.splitlines()[0]}") from exc
