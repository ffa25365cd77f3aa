"""Score indicator mapping against the hand-read indicators of tests/gold/indicators.jsonl.

The gold names, for every fact of tests/gold/facts.jsonl, the indicator its sentence means (or
none). Each report goes through fazhi.pipeline.process from its corpus text; its facts are
paired one-to-one with the gold facts the way tests/gold_scorer.py pairs them (same value, rate
or not, overlapping subjects, greedy by overlap). Then per pair:

* predicted indicator == gold indicator (not none): a hit;
* predicted indicator set but different: a false positive (and a miss when the gold has one);
* predicted none where the gold has one: a miss.

A gold fact with an indicator that no prediction pairs with is a miss; a predicted fact with an
indicator that pairs with no gold fact is a false positive (a number that is not a fact must not
feed an indicator column).

Run ``python tests/indicator_scorer.py`` to print the table and every disagreement.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT, ROOT / "tests"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from gold_scorer import GOLD_DIR, pair_facts, predict  # noqa: E402

from tasks.records import Fact  # noqa: E402


@dataclass
class MappingScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_indicator_gold() -> dict[str, list[dict]]:
    golds: dict[str, list[dict]] = {}
    for line in (GOLD_DIR / "indicators.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            golds.setdefault(row["doc"], []).append(row)
    return golds


def pair(predicted: list[Fact], golds: list[dict]) -> dict[int, int]:
    """gold index → predicted index, one-to-one, as tests/gold_scorer.py pairs facts."""
    return {gi: pi for pi, gi in pair_facts(predicted, golds).items()}


def score_mapping(doc: str, predicted: list[Fact], golds: list[dict],
                  score: MappingScore) -> None:
    pairs = pair(predicted, golds)
    for gi, gold in enumerate(golds):
        want = gold["indicator"]
        got = predicted[pairs[gi]].indicator if gi in pairs else None
        if got is not None and got == want:
            score.tp += 1
            continue
        if got is not None:
            score.fp += 1
        if want is not None:
            score.fn += 1
        if got != want:
            score.disagreements.append(f"{doc[:3]} {gold['subject']} = {gold['value']} "
                                       f"{gold['unit']}: gold {want}, got {got}"
                                       f"{'' if gi in pairs else ' (fact not extracted)'}")
    paired = set(pairs.values())
    for pi, fact in enumerate(predicted):
        if pi not in paired and fact.indicator is not None:
            score.fp += 1
            score.disagreements.append(f"{doc[:3]} {fact.subject} = {fact.value} {fact.unit}: "
                                       f"no gold fact, got {fact.indicator}")


def score_corpus() -> MappingScore:
    score = MappingScore()
    for doc, golds in sorted(load_indicator_gold().items()):
        facts, _, _ = predict(doc, "text")
        score_mapping(doc, facts, golds, score)
    return score


def format_score(score: MappingScore) -> str:
    lines = [f"indicator mapping: tp {score.tp} fp {score.fp} fn {score.fn} "
             f"precision {score.precision:.3f} recall {score.recall:.3f}"]
    lines += [f"  {d}" for d in score.disagreements]
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_score(score_corpus()))
