"""What short write windows cost a harvest: loading batches with the file opened and closed per
batch (tasks/load/schema.py `writer`, what lets readers in during a run) against one
connection held for the whole run (the old writer, which locked readers out until the end).

`.venv/bin/python -m bench.write_windows [--batches 40] [--batch 20]` (well under a minute):
the five gold reports are processed once, then written as ``--batches`` batches of
``--batch`` reports (new URLs each time) into a fresh warehouse both ways. Prints seconds per
batch for each way and the difference; the same loads, so the difference is the windows.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from fazhi.pipeline import process
from tasks.fetch.documents import document_from_path
from tasks.load.batch import write_batch
from tasks.load.schema import LoadSettings, connect, writer
from tasks.records import Batch

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "gold" / "corpus"


def _processed() -> Batch:
    docs = [document_from_path(path) for path in sorted(CORPUS.glob("*.txt"))]
    return process(Batch(None, docs=docs), validate=False)


def _batches(template: Batch, count: int, size: int) -> list[Batch]:
    """``count`` batches of ``size`` reports: the template's reports under new URLs."""
    out, n = [], 0
    per = len(template.docs)
    for _ in range(count):
        docs, pages, extractions = [], [], []
        for i in range(size):
            doc = template.docs[i % per]
            docs.append(dataclasses.replace(doc, url=f"http://bench.example/r/{n}.html"))
            pages.append(template.pages[i % per])
            extractions.append(template.extractions[i % per])
            n += 1
        out.append(Batch(None, docs=docs, pages=pages, extractions=extractions))
    return out


def held(path: Path, batches: list[Batch]) -> float:
    started = time.perf_counter()
    con = connect(path)
    for batch in batches:
        write_batch(con, batch, "bench")
    con.close()
    return time.perf_counter() - started


def windowed(path: Path, batches: list[Batch]) -> float:
    started = time.perf_counter()
    for batch in batches:
        with writer(LoadSettings(path)) as con:
            write_batch(con, batch, "bench")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    template = _processed()
    batches = _batches(template, args.batches, args.batch)
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-windows-") as tmp:
        one = held(Path(tmp) / "held.duckdb", batches)
        per = windowed(Path(tmp) / "windowed.duckdb", batches)
    reports = args.batches * args.batch
    print(f"{args.batches} batches of {args.batch} reports ({reports} reports)")
    print(f"  one connection held:   {one:6.2f} s  ({one / args.batches * 1000:6.1f} ms a batch)")
    print(f"  a window per batch:    {per:6.2f} s  ({per / args.batches * 1000:6.1f} ms a batch)")
    print(f"  cost of the windows:   {per - one:+6.2f} s  "
          f"({(per - one) / args.batches * 1000:+6.1f} ms a batch)")


if __name__ == "__main__":
    main()
