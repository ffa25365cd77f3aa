"""Score report metadata against the hand-checked rows of tests/gold/reports.jsonl.

Each report goes through fazhi.pipeline.process — the path `fazhi extract` and the flows run —
from its corpus text and from what the demo portal serves for it (tests/gold_scorer.py's
``document``), and every field below is compared with the gold row exactly. A field the gold
row does not carry (``level`` on rows annotated before reports had one) is not scored; a
field the gold gives as null must come back null (a guessed region is an error, not a bonus).

Run ``python tests/meta_scorer.py`` to print the score and every disagreement.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from gold_scorer import GOLD_DIR, SOURCES, document, portal_pages  # noqa: E402

from fazhi.pipeline import process  # noqa: E402
from tasks.records import Batch  # noqa: E402

META_FIELDS = ("title", "issuer", "province", "city", "county", "town", "region_code",
               "level", "report_year", "published")


@dataclass
class MetaScore:
    right: int = 0
    scored: int = 0
    # (doc, field, got, gold) of every disagreement
    wrong: list[tuple[str, str, object, object]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.scored if self.scored else 1.0


def load_reports() -> list[dict]:
    lines = (GOLD_DIR / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predict_meta(doc: str, source: str = "text") -> dict:
    """The metadata the pipeline gives one corpus report ({} when it is not taken as a report)."""
    batch = process(Batch(None, docs=[document(doc, source)]), validate=False)
    extraction = batch.extractions[0]
    return extraction.report.to_dict() if extraction else {}


def score_reports(gold_rows: list[dict], predicted: dict[str, dict]) -> MetaScore:
    score = MetaScore()
    for gold in gold_rows:
        got = predicted.get(gold["doc"], {})
        for name in META_FIELDS:
            if name not in gold:
                continue
            score.scored += 1
            if got.get(name) == gold[name]:
                score.right += 1
            else:
                score.wrong.append((gold["doc"], name, got.get(name), gold[name]))
    return score


def score_corpus(source: str = "text") -> MetaScore:
    rows = load_reports()
    if source == "portal":  # the demo portal serves the first five reports, not every one
        served = portal_pages()
        rows = [row for row in rows if row["doc"] in served]
    return score_reports(rows, {row["doc"]: predict_meta(row["doc"], source) for row in rows})


def format_score(score: MetaScore, source: str) -> str:
    lines = [f"metadata ({source}): {score.right}/{score.scored} = {score.accuracy:.3f}"]
    lines += [f"WRONG {doc[:3]} {name}: got {got!r}, gold {gold!r}"
              for doc, name, got, gold in score.wrong]
    return "\n".join(lines)


if __name__ == "__main__":
    for corpus_source in SOURCES:
        print(format_score(score_corpus(corpus_source), corpus_source))
