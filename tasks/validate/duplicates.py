"""Near-duplicate reports in a batch: MinHash of character shingles, exact Jaccard to confirm."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tasks.records import Extraction, QualityResult
from tasks.validate import patterns as pat

BATCH_SUITE = "batch"
NEAR_DUPLICATE_CHECK = "near_duplicate"

_BASE = np.uint64(1_000_003)
_PERMUTATIONS = np.random.default_rng(5).integers(
    1, 2**63, size=(2, pat.SKETCH_SIZE), dtype=np.uint64)
_PERMUTATIONS[1] |= np.uint64(1)  # odd multipliers: x ↦ (x ^ a) · b is a bijection


def shingle_hashes(body: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the body's character k-grams (blanks removed), as a
    polynomial rolling hash over the code points, computed for all positions at once."""
    text = "".join(body.split())
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    k = pat.SHINGLE_CHARS
    count = len(codes) - k + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(k):  # unsigned arithmetic wraps modulo 2**64, as a hash should
        hashes = hashes * _BASE + codes[offset : offset + count]
    return np.unique(hashes)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """k min-hashes (one per pseudo-random permutation of the hash space); two bodies agree
    on a position with probability equal to their Jaccard similarity."""
    if not len(hashes):
        return np.zeros(pat.SKETCH_SIZE, dtype=np.uint64)
    return ((hashes[:, None] ^ _PERMUTATIONS[0]) * _PERMUTATIONS[1]).min(axis=0)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted distinct hash arrays."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def near_duplicates(items: Sequence[tuple[str, Extraction]]) -> list[QualityResult]:
    """One row per report: a warning when another report of the batch has a near-identical body.

    Exact Jaccard of character 5-gram sets, computed only for pairs whose MinHash estimate
    (all pairs at once, as one array comparison) is within the margin of the threshold:
    comparing two ~4,000-element sets costs ~50 µs, and a batch of n reports has n²/2 pairs.
    """
    shingles = [shingle_hashes(ex.body or "") for _, ex in items]
    threshold = pat.NEAR_DUPLICATE_JACCARD
    cutoff = threshold - pat.SKETCH_MARGIN
    best: list[tuple[float, int]] = [(0.0, -1)] * len(items)
    if len(items) > 1:
        signatures = np.stack([minhash(h) for h in shingles])
        estimate = (signatures[:, None, :] == signatures[None, :, :]).mean(axis=2)
        sizes = np.array([len(h) for h in shingles])
        small, large = np.minimum.outer(sizes, sizes), np.maximum.outer(sizes, sizes)
        comparable = (small >= pat.MIN_SHINGLES) & (small >= threshold * large)
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
