"""Wall time of the read commands, whole process from start to exit (issue #17: under 1 s).

`python -m bench.cli_startup [--warehouse PATH] [--runs 5]` starts each command RUNS times
after one warm-up and prints min / median / max wall seconds. Without --warehouse it builds the
small analyst warehouse of the tests in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAZHI = [sys.executable, "-m", "fazhi.cli"]
COMMANDS = {
    "--help": ["--help"],
    "sql": ["sql", "SELECT count(*) FROM v_facts", "--warehouse", "{w}"],
    "alerts": ["alerts", "--warehouse", "{w}"],
    "tables": ["tables", "--counts", "--warehouse", "{w}"],
    "schema": ["schema", "v_facts", "--warehouse", "{w}"],
    "export": ["export", "--to", "{tmp}/export", "--warehouse", "{w}"],
    "report": ["report", "--out", "{tmp}/report.html", "--warehouse", "{w}"],
}


def _wall(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - started


def measure(warehouse: Path, tmp: Path, runs: int) -> dict[str, list[float]]:
    """Wall seconds per command, ``runs`` each after one warm-up."""
    times: dict[str, list[float]] = {}
    for name, template in COMMANDS.items():
        argv = FAZHI + [a.format(w=warehouse, tmp=tmp) for a in template]
        _wall(argv)
        times[name] = [_wall(argv) for _ in range(runs)]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-startup-") as tmp:
        warehouse = args.warehouse
        if warehouse is None:
            sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
            from analyst_warehouse import build_analyst_warehouse

            warehouse = Path(tmp) / "w.duckdb"
            build_analyst_warehouse(warehouse).close()
        print("command   min     median  max  (wall seconds)")
        for name, seconds in measure(warehouse, Path(tmp), args.runs).items():
            print(f"{name:9} {min(seconds):.3f}   {statistics.median(seconds):.3f}   "
                  f"{max(seconds):.3f}")


if __name__ == "__main__":
    main()
