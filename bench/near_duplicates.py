"""What the whole-warehouse near-duplicate check costs a harvest with N reports already loaded.

    python -m bench.near_duplicates [--n 10000 100000] [--batches 5] [--batch 400] [--jobs 2]

For each N: a real warehouse (tasks.load.schema.connect) whose MinHash index holds N synthetic
reports (bodies of bench/compose.py, as bench/generate.py writes them; signatures cached under
warehouse/bench_portal/near_duplicates/ so a second run does not recompute them), then
``--batches`` batches of new reports go through ``check_and_index`` exactly as the writer runs
it, one transaction a batch. One new report in 20 is a planted copy of a loaded one (a new
header line), so the confirming path is timed too and recall is checked. Prints a markdown
table and writes bench/results/near_duplicates.md.

Two costs: the writer's (band lookup, signature estimates, exact Jaccard of close pairs,
index update), which is what a harvest waits for; and the MinHash signature, computed once in
the validate stage's worker, where the batch's own check uses it too.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pandas as pd

from bench.compose import compose_report, load_townships
from bench.generate import DEFAULT_SEED, GENERATOR_VERSION, TEMPLATE_WEIGHTS
from tasks.identity import minhash, shingle_hashes
from tasks.paths import PROJECT_ROOT

CACHE_DIR = PROJECT_ROOT / "warehouse" / "bench_portal" / "near_duplicates"
RESULTS = PROJECT_ROOT / "bench" / "results" / "near_duplicates.md"
COPY_EVERY = 20
_TOWNSHIPS: list | None = None


def body(seed: int, index: int) -> str:
    global _TOWNSHIPS
    if _TOWNSHIPS is None:
        _TOWNSHIPS = load_townships()
    return "\n".join(compose_report(seed, index, _TOWNSHIPS, TEMPLATE_WEIGHTS).lines)


def _signatures_chunk(args: tuple[int, int, int]) -> np.ndarray:
    seed, start, stop = args
    return np.stack([minhash(shingle_hashes(body(seed, i))) for i in range(start, stop)])


def loaded_signatures(n: int, seed: int, jobs: int) -> np.ndarray:
    """Signatures of reports 0..n-1: the largest cached prefix, the rest computed (report i
    depends only on (seed, i), so a smaller N's signatures are a larger one's first rows)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached = np.empty((0, 64), dtype=np.uint64)
    for path in CACHE_DIR.glob(f"signatures-v{GENERATOR_VERSION}-s{seed}-n*.npy"):
        if int(path.stem.rsplit("-n", 1)[1]) > len(cached):
            cached = np.load(path)
    if len(cached) >= n:
        return cached[:n]
    chunks = [(seed, start, min(n, start + 1000)) for start in range(len(cached), n, 1000)]
    with Pool(jobs) as pool:
        signatures = np.concatenate([cached, *pool.map(_signatures_chunk, chunks)])
    np.save(CACHE_DIR / f"signatures-v{GENERATOR_VERSION}-s{seed}-n{n}.npy", signatures)
    return signatures


def _id(index: int) -> str:
    return f"bench{index:08d}"


def build_warehouse(path: Path, signatures: np.ndarray, copied: list[int], seed: int):
    """A warehouse whose index holds every signature; the copied reports also get their body
    (only a close pair reads a loaded body)."""
    from tasks.load.near_duplicates import store
    from tasks.load.schema import connect

    con = connect(path)
    con.execute("BEGIN TRANSACTION")
    for start in range(0, len(signatures), 20_000):
        store(con, {_id(i): signatures[i]
                    for i in range(start, min(len(signatures), start + 20_000))})
    con.register("_bodies", pd.DataFrame({
        "report_id": [_id(i) for i in copied], "url": [f"http://b/{i}" for i in copied],
        "body": [body(seed, i) for i in copied]}))
    con.execute("INSERT INTO reports (report_id, url, body) SELECT * FROM _bodies")
    con.unregister("_bodies")
    con.execute("COMMIT")
    return con


def measure(n: int, seed: int, batches: int, batch: int, jobs: int) -> dict:
    from tasks.load.near_duplicates import check_and_index

    started = time.perf_counter()
    signatures = loaded_signatures(n, seed, jobs)
    new = range(n, n + batches * batch)
    copies = {i: (i * 7919) % n for i in new if i % COPY_EVERY == 0}  # new index → loaded one
    prepared = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fazhi-neardup-") as work:
        con = build_warehouse(Path(work) / "w.duckdb", signatures, sorted(set(copies.values())),
                              seed)
        built = time.perf_counter()
        writer_s = worker_s = 0.0
        found = false_alarms = 0
        for b in range(batches):
            ids = list(new)[b * batch:(b + 1) * batch]
            bodies = {_id(i): (f"转载自镇政府网站\n{body(seed, copies[i])}" if i in copies
                               else body(seed, i)) for i in ids}
            shingles = {rid: shingle_hashes(text) for rid, text in bodies.items()}
            t0 = time.perf_counter()
            sigs = {rid: minhash(h) for rid, h in shingles.items()}
            worker_s += time.perf_counter() - t0
            con.execute("BEGIN TRANSACTION")
            t0 = time.perf_counter()
            rows = check_and_index(con, bodies, sigs)
            writer_s += time.perf_counter() - t0
            con.execute("COMMIT")
            for row in rows:
                index = int(row.report_id[5:])
                if not row.passed and index in copies and _id(copies[index]) in row.observed:
                    found += 1
                elif not row.passed:
                    false_alarms += 1
        index_rows = con.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
        con.close()
    total = batches * batch
    return {"n": n, "reports": total, "index_rows": index_rows,
            "writer_ms": writer_s / total * 1000, "worker_ms": worker_s / total * 1000,
            "planted": len(copies), "found": found, "false_alarms": false_alarms,
            "prepare_s": prepared - started, "build_s": built - prepared}


def render(results: list[dict]) -> str:
    lines = ["# Whole-warehouse near-duplicate check", "",
             "`python -m bench.near_duplicates` (also run by `make bench`): each new report "
             "is compared with every loaded one through the MinHash band index in DuckDB "
             "(tasks/load/near_duplicates.py). Writer: what loading a report waits for "
             "(band lookup, signature estimates, exact Jaccard of close pairs, index update). "
             "Worker: the MinHash signature of a body, computed once in the validate stage "
             "(in the worker processes), where the batch's own near-duplicate check needs it "
             "too: the warehouse check adds no worker time. Budget: at most 1 ms a report at "
             "N = 100,000.", "",
             f"Load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
             f"(2 cores, shared).", "",
             "| loaded reports N | index rows | new reports | writer ms/report | "
             "worker ms/report | planted copies found | false alarms | index built in |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['index_rows']:,} | {r['reports']:,} | "
                     f"{r['writer_ms']:.3f} | {r['worker_ms']:.3f} | "
                     f"{r['found']}/{r['planted']} | {r['false_alarms']} | "
                     f"{r['build_s']:.1f} s (signatures {r['prepare_s']:.0f} s) |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="bench.near_duplicates",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch", type=int, default=400)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = []
    for n in args.n:
        print(f"near-duplicate check at N = {n:,} …", flush=True)
        results.append(measure(n, args.seed, args.batches, args.batch, args.jobs))
    table = render(results)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    return table


if __name__ == "__main__":
    main()
