"""Report metadata of every gold report, through the pipeline users run (tests/meta_scorer.py)."""

from __future__ import annotations

import pytest
from meta_scorer import SOURCES, format_score, score_corpus, score_reports

MIN_ACCURACY = 0.95


@pytest.mark.parametrize("source", SOURCES)
def test_gold_metadata_accuracy(source: str) -> None:
    score = score_corpus(source)
    print()
    print(format_score(score, source))
    assert score.accuracy >= MIN_ACCURACY, format_score(score, source)


def test_scorer_counts_a_guessed_region_as_wrong_and_skips_fields_the_gold_lacks() -> None:
    gold = [{"doc": "a", "town": "城关镇", "region_code": None, "report_year": 2023}]
    predicted = {"a": {"town": "城关镇", "region_code": "610102001", "report_year": 2023,
                       "level": "town"}}
    score = score_reports(gold, predicted)
    assert (score.right, score.scored) == (2, 3)
    assert score.wrong == [("a", "region_code", "610102001", None)]
