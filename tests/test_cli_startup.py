"""Read commands load neither Prefect, Great Expectations, jieba nor any stage (issue #17).

Each command runs for real in a fresh interpreter on a small warehouse, which then lists what
of the forbidden set ended up in sys.modules. The wall time is bench/cli_startup.py's job.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from analyst_warehouse import build_analyst_warehouse

from tasks.paths import PROJECT_ROOT

FORBIDDEN_PREFIXES = ("prefect", "great_expectations", "jieba", "rjieba", "flows",
                      "tasks.discover", "tasks.fetch", "tasks.strip", "tasks.normalize",
                      "tasks.extract", "tasks.validate", "tasks.load", "tasks.notify",
                      "fazhi.pipeline")

PROBE = """
import contextlib, io, json, sys
from fazhi.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:  # --help
        code = exc.code
prefixes = tuple(json.loads({forbidden!r}))
loaded = sorted(m for m in sys.modules if m.startswith(prefixes))
print(json.dumps({{"code": code, "loaded": loaded, "out": out.getvalue()[:200]}}))
"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "w.duckdb"
    build_analyst_warehouse(path).close()
    return path


@pytest.mark.parametrize("argv", [
    ["--help"],
    ["sql", "SELECT count(*) FROM v_facts"],
    ["alerts"],
    ["export", "--to", "{tmp}/export"],
    ["report", "--out", "{tmp}/report.html"],
])
def test_read_commands_import_no_prefect_and_no_stage(warehouse: Path, tmp_path: Path,
                                                       argv: list[str]) -> None:
    argv = [a.format(tmp=tmp_path) for a in argv]
    if argv != ["--help"]:
        argv += ["--warehouse", str(warehouse)]
    probe = PROBE.format(forbidden=json.dumps(FORBIDDEN_PREFIXES))
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, (result, done.stderr)
    assert result["loaded"] == [], f"{argv[0]} imported {result['loaded']}"
