"""Near-duplicate reports in a batch: MinHash of character shingles, exact Jaccard to confirm."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tasks.identity import MIN_SHINGLES, NEAR_DUPLICATE_JACCARD, jaccard, minhash, shingle_hashes
from tasks.records import Extraction, QualityResult
from tasks.validate import patterns as pat

BATCH_SUITE = "batch"
NEAR_DUPLICATE_CHECK = "near_duplicate"


def near_duplicates(items: Sequence[tuple[str, Extraction]],
                    shingles: Sequence[np.ndarray] | None = None,
                    report_ids: Sequence[str] | None = None,
                    signatures: Sequence[np.ndarray] | None = None) -> list[QualityResult]:
    """One row per report: a warning when another report of the batch has a near-identical body.

    Exact Jaccard of character 5-gram sets, computed only for pairs whose MinHash estimate
    (all pairs at once, as one array comparison) is within the margin of the threshold:
    comparing two ~4,000-element sets costs ~50 µs, and a batch of n reports has n²/2 pairs.
    """
    if shingles is None:
        shingles = [shingle_hashes(ex.body or "") for _, ex in items]
    threshold = NEAR_DUPLICATE_JACCARD
    cutoff = threshold - pat.SKETCH_MARGIN
    best: list[tuple[float, int]] = [(0.0, -1)] * len(items)
    if len(items) > 1:
        signatures = np.stack(signatures if signatures is not None
                              else [minhash(h) for h in shingles])
        estimate = (signatures[:, None, :] == signatures[None, :, :]).mean(axis=2)
        sizes = np.array([len(h) for h in shingles])
        small, large = np.minimum.outer(sizes, sizes), np.maximum.outer(sizes, sizes)
        comparable = (small >= MIN_SHINGLES) & (small >= threshold * large)
        # two URLs of one report (tasks/identity.py) are one report, not a pair of copies
        ids = np.array(report_ids if report_ids is not None else [k for k, _ in items],
                       dtype=object)
        comparable &= ids[:, None] != ids[None, :]
        for i, j in zip(*np.nonzero(np.triu(comparable & (estimate >= cutoff), k=1)),
                        strict=True):
            score = jaccard(shingles[i], shingles[j])
            if score > best[i][0]:
                best[i] = (score, int(j))
            if score > best[j][0]:
                best[j] = (score, int(i))
    expected = f"Jaccard of bodies < {threshold:g} with every other report in the batch"
    rows = []
    for n, (report_id, _) in enumerate(items):
        score, other = best[n]
        duplicate = score >= threshold
        if duplicate:
            observed = f"Jaccard {score:.2f} with {items[other][0]}"
        elif score >= cutoff:
            observed = f"max Jaccard {score:.2f} among comparable bodies in batch"
        else:
            observed = f"Jaccard < {cutoff:g} with every comparable body in batch"
        rows.append(QualityResult(report_id, NEAR_DUPLICATE_CHECK, not duplicate, observed,
                                  expected, "warning", BATCH_SUITE))
    return rows
