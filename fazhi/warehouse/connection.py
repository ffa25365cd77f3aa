"""The read side's one way to open the warehouse: read-only, without the stages or Prefect.

`fazhi sql`, `alerts`, `tables`, `schema`, `export` and `report` open the file here, so a read
command starts in a fraction of a second (the writer in tasks/load/ pulls in the indicator
dictionary, pandas and the migration runner). A file another process is writing is told in one
line before any work starts.
"""

from __future__ import annotations

import re
import time
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


# A harvest holds the file only while it loads a batch (tasks/load/schema.py's write windows,
# well under a second to a few seconds): a reader waits that out before saying "busy".
READER_WAIT_S = 15.0


def open_read_only(path: Path, config: dict | None = None,
                   wait_s: float = READER_WAIT_S) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse at ``path`` (``config``: more DuckDB settings,
    the sandbox of sandbox.py), retrying for up to ``wait_s`` while a writer holds the file."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"no warehouse at {path}: run `fazhi harvest` or `fazhi demo` first")
    deadline = time.monotonic() + wait_s
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=True, config=config or {})
        except duckdb.Error as exc:
            message = str(exc)
            busy = lock_message(path, message)
            if busy is not None and time.monotonic() + pause <= deadline:
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
                continue
            raise ReadError(busy or f"cannot open warehouse {path}: "
                            f"{message.splitlines()[0]}") from exc
