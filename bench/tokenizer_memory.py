"""Memory and time of the extract stage's tokenizers, measured in a fresh process.

`python -m bench.tokenizer_memory` starts a fresh Python that imports the pipeline, extracts
one gold corpus report and prints its peak RSS (before and after that report), the extract
stage's seconds on it (dictionaries load there) and which segmenter modules it loaded. Then it
runs every report of tests/gold/corpus through strip → normalize → extract ROUNDS times and
prints, from the fastest pass (the least disturbed by other processes on a shared machine), the
extract stage's wall milliseconds per report and the whole path's CPU milliseconds per report.
Issue #18: one tokenizer in workers.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "gold" / "corpus"
ROUNDS = 5
SEGMENTER_MODULES = ("jieba", "jieba.posseg", "jieba.analyse", "jieba.finalseg", "rjieba")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _document(path: Path):  # noqa: ANN202 - the records type is imported late on purpose
    from tasks.records import FetchedDocument

    return FetchedDocument(url=f"file://{path}", kind="text",
                           text=path.read_text(encoding="utf-8"))


def measure_in_this_process() -> dict[str, object]:
    """Peak RSS around the first report, then extract seconds over the whole corpus."""
    from fazhi.pipeline import process
    from tasks.records import Batch

    paths = sorted(CORPUS_DIR.glob("*.txt"))
    before = _peak_rss_mb()
    first = process(Batch(None, docs=[_document(paths[0])]), validate=False)
    after_one = _peak_rss_mb()
    loaded = [m for m in SEGMENTER_MODULES if m in sys.modules]
    rounds = []  # the corpus ROUNDS times; the fastest round is the least disturbed by neighbours
    for _ in range(ROUNDS):
        seconds, cpu_started = [], time.process_time()
        for path in paths:
            batch = process(Batch(None, docs=[_document(path)]), validate=False)
            seconds.append(batch.seconds["extract"][0])
        rounds.append((sum(seconds), time.process_time() - cpu_started))
    extract_s, cpu = min(r[0] for r in rounds), min(r[1] for r in rounds)
    return {
        "peak_rss_mb_after_imports": round(before, 1),
        "peak_rss_mb_after_one_report": round(after_one, 1),
        "first_report_extract_s": round(first.seconds["extract"][0], 3),
        "reports": len(paths),
        "mean_extract_ms_per_report": round(1000 * extract_s / len(paths), 2),
        "cpu_ms_per_report_whole_pipeline": round(1000 * cpu / len(paths), 2),
        "segmenter_modules_loaded": loaded,
    }


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(measure_in_this_process()))
        return
    out = subprocess.run([sys.executable, "-m", "bench.tokenizer_memory", "--child"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    print(json.dumps(json.loads(out.stdout.strip().splitlines()[-1]), indent=2,
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
