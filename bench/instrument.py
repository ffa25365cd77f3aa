"""Time the stage functions a flow runs in its own process, to tell Prefect's time apart.

The batch stages (fetch, strip … validate, read raw) time themselves wherever they run
(``tasks.records.timed`` puts their seconds on the batch). What runs in the flow process is
timed here: each stage's tasks.py module calls its pure functions by global name (load_batch
→ writer/write_batch, new_alerts_task → new_alerts …), so replacing those names with timing
wrappers measures the work done inside each task: wall seconds and the CPU seconds of the
calling thread. The process's CPU time minus the stage functions' CPU time is what Prefect
itself spent. A name that no longer exists is an error, so this list cannot go stale.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import wraps

# (module, function, stage): what the tasks run in the flow process spend their time in.
TIMED_FUNCTIONS = (
    ("tasks.discover.tasks", "discover_source", "fetch"),
    ("tasks.load.tasks", "writer", "load"),
    ("tasks.load.tasks", "write_batch", "load"),
    ("tasks.load.tasks", "record_failed_batch", "load"),
    ("tasks.load.tasks", "record_run", "load"),
    ("tasks.load.tasks", "stored_documents", "read raw"),
    ("tasks.notify.tasks", "new_alerts", "notify"),
    ("tasks.notify.tasks", "mark_sent", "notify"),
    ("flows.batches", "send_alerts", "notify"),
    ("tasks.validate.tasks", "build_data_docs", "data docs"),
)


class StageTimers:
    """Seconds spent inside the timed functions, per stage, since the last reset."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
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
            raise AttributeError(f"bench/instrument.py times {module_name}.{name}, which no "
                                 "longer exists: update TIMED_FUNCTIONS")
        wrapped = timers.wrap(function, stage)
        # Named after the module it replaces a name in: a flow sent to worker processes is
        # pickled with its tasks' globals, and cloudpickle refers to a function by module and
        # name only when that name finds it (else it pickles it, and the timers' lock with it).
        wrapped.__module__ = module_name
        setattr(module, name, wrapped)
    return timers
