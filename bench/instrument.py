"""Time the pure stage functions while a Prefect flow runs them, to tell Prefect's time apart.

The @task wrappers call their module's pure functions by global name (strip_batch → strip,
load_batch → connect/load_processed …), so replacing those names with timing wrappers measures
the work done inside each task: wall seconds (summed over the runner's threads, so they may
exceed the flow's wall time when batches overlap) and the CPU seconds of the calling thread.
The process's CPU time minus the stage functions' CPU time is what Prefect itself spent.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import wraps

# (module, function, stage): the functions the flow's tasks spend their time in.
TIMED_FUNCTIONS = (
    ("tasks.fetch", "discover_reports", "fetch"),
    ("tasks.fetch", "fetch_reports", "fetch"),
    ("tasks.strip", "strip", "strip"),
    ("tasks.normalize", "normalize_page", "normalize"),
    ("tasks.extract", "extract", "extract"),
    ("tasks.validate", "validate", "validate"),
    ("tasks.load", "connect", "load"),
    ("tasks.load", "load_fetch_attempts", "load"),
    ("tasks.load", "load_processed", "load"),
    ("tasks.load", "record_run", "load"),
    ("tasks.notify", "connect", "notify"),
    ("tasks.notify", "announce", "notify"),
    ("tasks.validate", "build_data_docs", "data docs"),
    ("tasks.warehouse", "latest_documents", "read raw"),
    ("tasks.fetch", "document_from_raw", "read raw"),
)


class StageTimers:
    """Seconds spent inside the timed functions, per stage, since the last reset."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.missing: list[str] = []
        self._lock = threading.Lock()
        self._depth = threading.local()  # a timed function calling another is counted once

    def reset(self) -> None:
        self.seconds, self.cpu = defaultdict(float), defaultdict(float)

    def wrap(self, function: Callable, stage: str) -> Callable:
        @wraps(function)
        def timed(*args, **kwargs):
            depth = getattr(self._depth, "n", 0)
            self._depth.n = depth + 1
            started, cpu_started = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth.n = depth
                if depth == 0:
                    with self._lock:
                        self.seconds[stage] += time.perf_counter() - started
                        self.cpu[stage] += time.thread_time() - cpu_started

        return timed

    @property
    def total_cpu(self) -> float:
        return sum(self.cpu.values())


def instrument() -> StageTimers:
    """Patch TIMED_FUNCTIONS in place (call before the flow runs); returns their timers."""
    timers = StageTimers()
    for module_name, name, stage in TIMED_FUNCTIONS:
        module = importlib.import_module(module_name)
        function = getattr(module, name, None)
        if function is None:
            timers.missing.append(f"{module_name}.{name}")
            continue
        setattr(module, name, timers.wrap(function, stage))
    return timers
