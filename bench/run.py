"""`make bench`: throughput, Prefect overhead, memory and extraction quality on a synthetic corpus.

    python -m bench.run [--n 10000] [--skip-harvest] [--skip-reprocess] [--regenerate]

Generates (or reuses) a corpus of N reports under warehouse/bench_portal/n<N>/, serves it from a
separate process with fazhi.portal.serve_portal on 127.0.0.1, then measures:
  1. the stage functions without Prefect, batch by batch, fetching from the portal (bench.measure);
  2. a reprocess of the same documents from the raw store (no HTTP);
  3. the real Prefect flows in a child process: flows.harvest.harvest (a first run, then a
     second, no-change run) and flows.reprocess.reprocess, with Prefect's start-up timed apart
     (an empty flow run first) and the stage functions timed in place (bench.instrument);
  4. peak RSS of this process, the portal and the harvest process;
  5. fact precision/recall and metadata accuracy against the planted answers;
then the whole-warehouse near-duplicate check at N = 10,000 and 100,000 loaded reports
(bench/near_duplicates.py, bench/results/near_duplicates.md).
Prints a markdown table and writes it to bench/results/bench-<N>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from fazhi import prefect_env  # noqa: F401  (Prefect's quiet defaults before prefect loads)
from fazhi.settings import Settings
from tasks.paths import PROJECT_ROOT

BENCH_ROOT = PROJECT_ROOT / "warehouse" / "bench_portal"
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


# --- child processes -----------------------------------------------------------------------------
def serve_child(site: Path) -> None:
    """Serve the site until stdin closes; the first stdout line is the base URL."""
    from fazhi.portal import serve_portal

    server, base_url = serve_portal(site, "127.0.0.1", 0)
    print(base_url, flush=True)
    sys.stdin.read()
    server.shutdown()


def _proc_stat(pid: str) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _descendants() -> list[str]:
    """PIDs of this process's children, grandchildren … (worker processes, the API server)."""
    children: dict[str, list[str]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _proc_stat(entry.name)
        if fields:
            children.setdefault(fields[1], []).append(entry.name)  # fields[1]: the ppid
    out, todo = [], [str(os.getpid())]
    while todo:
        kids = children.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _children_cpu_s() -> float:
    """CPU seconds so far of this process's descendants: the live ones (Prefect's API server,
    worker processes) from /proc, the ended and waited-for ones from getrusage."""
    ticks = os.sysconf("SC_CLK_TCK")
    live = 0.0
    for pid in _descendants():
        fields = _proc_stat(pid)
        if fields:  # utime and stime follow at fields 11 and 12
            live += (int(fields[11]) + int(fields[12])) / ticks
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    return live + ended.ru_utime + ended.ru_stime


class TreeRss(threading.Thread):
    """Peak RSS of this process, of its largest descendant, and of all of them summed, sampled
    every 0.2 s from /proc. ru_maxrss will not do: Linux carries a parent's peak over fork
    and exec, so a child started by a 900 MB bench process reports at least 900 MB."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = self.self_peak_mb = self.child_peak_mb = 0.0
        self.pids_seen: set[str] = set()
        self._stop_event = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def _rss_mb(self, pid: str) -> float | None:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self._page / 2**20
        except (OSError, IndexError, ValueError):
            return None

    def sample(self) -> None:
        me = str(os.getpid())
        total = 0.0
        for pid in [me, *_descendants()]:
            mb = self._rss_mb(pid)
            if mb is None:
                continue
            self.pids_seen.add(pid)
            total += mb
            if pid == me:
                self.self_peak_mb = max(self.self_peak_mb, mb)
            else:
                self.child_peak_mb = max(self.child_peak_mb, mb)
        self.peak_mb = max(self.peak_mb, total)

    def run(self) -> None:
        while not self._stop_event.wait(0.2):
            self.sample()

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


def _timed_run(timers, run_flow) -> dict:
    timers.reset()
    started, cpu, server_cpu = time.perf_counter(), time.process_time(), _children_cpu_s()
    summary = run_flow()
    # Stages that ran in a batch task report their own seconds (on whatever worker ran them);
    # the in-place timers cover what runs in the flow process (load, notify, data docs).
    in_stage = {**timers.seconds, **{k: v[0] for k, v in summary.stage_seconds.items()}}
    in_stage_cpu = {**timers.cpu, **{k: v[1] for k, v in summary.stage_seconds.items()}}
    return {"wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
            "server_cpu_s": _children_cpu_s() - server_cpu,
            "in_stage_s": in_stage, "in_stage_cpu_s": in_stage_cpu,
            "reports": summary.reports, "facts": summary.facts, "rejected": summary.rejected,
            "urls": summary.urls, "fetch_errors": summary.fetch_errors,
            "not_due": getattr(summary, "not_due", 0)}


def harvest_child(sources: Path, warehouse: Path, base_url: str, runner: str) -> None:
    """Harvest twice, then reprocess, with the real flows; print one JSON line of measures."""
    started = time.perf_counter()
    from prefect import flow

    from bench.instrument import instrument
    from flows.harvest import harvest
    from flows.reprocess import reprocess
    from flows.runners import task_runner

    timers = instrument()
    imported = time.perf_counter()
    memory = TreeRss()
    memory.start()

    @flow(name="bench-startup")
    def empty() -> None:
        return None

    empty()
    ready = time.perf_counter()
    result = {"import_s": imported - started, "startup_s": ready - imported, "runner": runner,
              "runs": []}
    for _ in range(2):
        flow_fn = harvest.with_options(task_runner=task_runner(runner))
        result["runs"].append(_timed_run(
            timers, lambda f=flow_fn: f(str(sources), str(warehouse), base_url)))
    flow_fn = reprocess.with_options(task_runner=task_runner(runner))
    result["reprocess"] = _timed_run(timers, lambda: flow_fn(str(warehouse)))
    result["rss_self_mb"] = _peak_rss_mb()
    result["rss_children_mb"] = _peak_rss_mb(resource.RUSAGE_CHILDREN)
    result["rss_tree_mb"] = memory.stop()
    result["rss_flow_mb"] = memory.self_peak_mb
    result["rss_largest_child_mb"] = memory.child_peak_mb
    result["processes"] = len(memory.pids_seen)
    print("BENCH-RESULT " + json.dumps(result), flush=True)


# --- orchestration ------------------------------------------------------------------------------
def _start_portal(site: Path) -> tuple[subprocess.Popen, str]:
    portal = subprocess.Popen([sys.executable, "-m", "bench.run", "--serve-site", str(site)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=PROJECT_ROOT)
    base_url = portal.stdout.readline().strip()
    if not base_url.startswith("http"):
        portal.kill()
        raise RuntimeError(f"bench portal for {site} did not start (said {base_url!r})")
    return portal, base_url


def _stop_portal(portal: subprocess.Popen) -> None:
    portal.stdin.close()
    try:
        portal.wait(timeout=10)
    except subprocess.TimeoutExpired:
        portal.kill()
        portal.wait()


def _run_flows(corpus: Path, base_url: str, work: Path, runner: str, batch: int) -> dict:
    warehouse = work / "flow" / "fazhi.duckdb"
    # politeness off for the loopback portal; a private Prefect home for the ephemeral API
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect_home"),
           "FAZHI_MIN_REQUEST_INTERVAL_S": "0", "FAZHI_BATCH_SIZE": str(batch)}
    child = subprocess.run(
        [sys.executable, "-m", "bench.run", "--runner", runner, "--harvest-child",
         str(corpus / "sources.csv"), str(warehouse), base_url],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    line = next((ln for ln in child.stdout.splitlines() if ln.startswith("BENCH-RESULT ")), None)
    if child.returncode != 0 or line is None:
        raise RuntimeError(f"harvest child failed ({child.returncode}):\n{child.stderr[-3000:]}")
    return json.loads(line.removeprefix("BENCH-RESULT "))


def _rss_trend() -> list[tuple[int, float, str]]:
    """(N, harvest peak RSS, how it was measured) of every saved result, to see whether memory
    grows with N; older results measured the harvest process alone, on the thread runner."""
    trend = []
    for path in RESULTS_DIR.glob("bench-*.json"):
        numbers = json.loads(path.read_text(encoding="utf-8"))
        if numbers.get("rss_harvest_mb"):
            flow = numbers.get("flow", {})
            how = (f"{flow.get('runner', 'process')} runner, all {flow.get('processes')} "
                   "processes" if flow.get("rss_tree_mb") else
                   f"{flow.get('runner', 'thread')} runner, one process")
            trend.append((numbers["n"], numbers["rss_harvest_mb"], how))
    return sorted(trend)


def prepare_corpus(n: int, seed: int, regenerate: bool, jobs: int) -> tuple[Path, dict, bool]:
    from bench.generate import existing_manifest, generate

    corpus = BENCH_ROOT / f"n{n}"
    manifest = None if regenerate else existing_manifest(corpus, n, seed)
    if manifest:
        return corpus, manifest, True
    return corpus, generate(corpus, n, seed, jobs), False


def run(args: argparse.Namespace) -> Path:
    from bench import measure
    from bench.report import render, summary
    from bench.score import iter_jsonl, read_jsonl, read_warehouse, score

    corpus, manifest, reused = prepare_corpus(args.n, args.seed, args.regenerate, args.jobs)
    print(f"corpus: {corpus} ({'reused' if reused else 'generated'}: "
          f"{manifest['reports']} reports, {manifest['facts']} planted facts)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-", dir=corpus))
    portal, base_url = _start_portal(corpus / "site")
    results: dict = {"n": args.n, "manifest": manifest, "generated": not reused,
                     "load_avg": " ".join(f"{x:.1f}" for x in os.getloadavg()),
                     "batch": args.batch}
    direct = None
    try:
        if not args.flows_only:
            print("1/4 stage functions without Prefect (fetch from the portal) …", flush=True)
            direct = measure.direct_harvest(corpus / "sources.csv", base_url,
                                            work / "direct" / "fazhi.duckdb", args.batch)
            results["direct"] = direct
        if direct and not args.skip_reprocess:
            print("2/4 reprocess from the raw store, without Prefect …", flush=True)
            results["reprocess"] = measure.reprocess(
                work / "direct" / "fazhi.duckdb", work / "reprocess" / "fazhi.duckdb", args.batch)
        if not args.skip_harvest:
            print(f"3/4 Prefect flows ({args.runner} runner): harvest, no-change harvest, "
                  "reprocess …", flush=True)
            results["flow"] = _run_flows(corpus, base_url, work, args.runner, args.batch)
    finally:
        _stop_portal(portal)
    print("4/4 scoring …", flush=True)
    answers, reports = corpus / "answers.jsonl", read_jsonl(corpus / "reports.jsonl")
    if direct:
        results["score"] = score(iter_jsonl(answers), reports, direct.extracted,
                                 direct.metadata)
    if "flow" in results:  # what the real flow left in its warehouse
        results["flow_score"] = score(iter_jsonl(answers), reports,
                                      *read_warehouse(work / "flow" / "fazhi.duckdb"))
    results["rss_self_mb"] = _peak_rss_mb()
    results["rss_children_mb"] = _peak_rss_mb(resource.RUSAGE_CHILDREN)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    numbers = summary(results)
    (RESULTS_DIR / f"bench-{args.n}.json").write_text(json.dumps(numbers, indent=1) + "\n",
                                                     encoding="utf-8")
    results["rss_trend"] = _rss_trend()
    table = render(results)
    print(table)
    out = RESULTS_DIR / f"bench-{args.n}.md"
    out.write_text(table, encoding="utf-8")
    print(f"written to {out.relative_to(PROJECT_ROOT)}")
    if not args.keep_work:
        shutil.rmtree(work, ignore_errors=True)
    if not args.skip_near_duplicates:
        from bench import near_duplicates

        print("near-duplicate check against the whole warehouse (N = 10,000 and 100,000) …",
              flush=True)
        near_duplicates.main(["--jobs", str(args.jobs)])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports in the corpus")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--batch", type=int, default=Settings.batch_size,
                        help="documents per batch, in the direct runs and the flows")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="processes generating the corpus")
    parser.add_argument("--skip-harvest", action="store_true",
                        help="no Prefect flow runs (stage functions only)")
    parser.add_argument("--runner", choices=("process", "thread", "dask"), default="process",
                        help="task runner of the flows (as `fazhi harvest --task-runner`)")
    parser.add_argument("--skip-reprocess", action="store_true")
    parser.add_argument("--skip-near-duplicates", action="store_true",
                        help="no whole-warehouse near-duplicate bench (bench/near_duplicates.py)")
    parser.add_argument("--flows-only", action="store_true",
                        help="only the Prefect flows (for N = 100,000: the direct runs take "
                             "an hour)")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the corpus")
    parser.add_argument("--keep-work", action="store_true",
                        help="keep the run's warehouses and raw store")
    parser.add_argument("--serve-site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--harvest-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.flows_only and args.skip_harvest:
        parser.error("--flows-only and --skip-harvest leave nothing to measure")
    if args.serve_site:
        serve_child(args.serve_site)
    elif args.harvest_child:
        sources, warehouse, base_url = args.harvest_child
        harvest_child(Path(sources), Path(warehouse), base_url, args.runner)
    else:
        run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
