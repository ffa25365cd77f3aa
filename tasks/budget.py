"""A wall-time budget for one document's work in a stage: past it, the document is set aside.

The limits of tasks/limits.py bound what a document can make a stage do; this is the last
guard for what they do not foresee. It interrupts Python code with SIGALRM, so it works
where a stage runs on a process's main thread (worker processes of the process runner,
`fazhi extract`, the bench) and is a no-op elsewhere (threads cannot take signals); a long
call inside C code (one regex, one lxml parse) is interrupted only when it returns.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(Exception):
    """A document's work in a stage took longer than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"more than {seconds:g} s")
        self.seconds = seconds


@contextmanager
def document_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in the block once ``seconds`` of wall time have passed (None or 0:
    no budget)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
