"""Near-duplicates across the whole warehouse: a MinHash band index kept in DuckDB.

Each loaded report has one row per band in ``minhash_bands`` (band, hash, report_id; bands of
tasks/identity.py) and its signature in ``minhash_signatures``. A report being loaded is
compared with every report already loaded by looking its band hashes up (one join for the
whole batch): the loaded reports sharing most bands are candidates, estimated from their
signatures and, when close, confirmed by the exact Jaccard of the two bodies' shingles. The
batch's own pairs are the validate stage's check (tasks/validate/duplicates.py); this one sees
every run before.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import numpy as np
import pandas as pd

from tasks.identity import (
    BANDS,
    MIN_SHINGLES,
    NEAR_DUPLICATE_JACCARD,
    band_hashes,
    jaccard,
    minhash,
    shingle_hashes,
)
from tasks.paths import sql_text
from tasks.records import QualityResult

WAREHOUSE_CHECK = "near_duplicate_in_warehouse"
SUITE = "warehouse"  # not "identity": that suite's rows are replaced on their own
# 64 permutations estimate a Jaccard of 0.9 within ±0.04 (one σ): candidates estimated at
# least 0.8 (2.5 σ below) are confirmed exactly. Lower would confirm most pairs of the
# synthetic bench corpus, whose bodies share a Jaccard of 0.5–0.65 (one pool of sentences).
SIGNATURE_MARGIN = 0.1


def bands_frame(signatures: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Rows of ``minhash_bands`` (report_id, band, hash) for each report's signature."""
    ids = list(signatures)
    hashes = band_hashes(np.stack([signatures[i] for i in ids]))
    return pd.DataFrame({"report_id": np.repeat(ids, BANDS),
                         "band": np.tile(np.arange(BANDS, dtype=np.int32), len(ids)),
                         "hash": hashes.reshape(-1)})


def _signature_blobs(signatures: Mapping[str, np.ndarray]) -> pd.DataFrame:
    return pd.DataFrame({"report_id": list(signatures),
                         "signature": [np.asarray(v, dtype=np.uint64).tobytes()
                                       for v in signatures.values()]})


def store(con: duckdb.DuckDBPyConnection, signatures: Mapping[str, np.ndarray]) -> None:
    """Put the reports' signatures and band hashes in the index, replacing what it held."""
    if not signatures:
        return
    con.register("_new_bands", bands_frame(signatures))
    con.register("_new_signatures", _signature_blobs(signatures))
    try:
        # only reports indexed before have rows to replace (a primary-key lookup): deleting
        # from minhash_bands scans it, which a batch of new reports need not pay for
        indexed = [rid for (rid,) in con.execute(
            "SELECT report_id FROM minhash_signatures "
            "WHERE report_id IN (SELECT report_id FROM _new_signatures)").fetchall()]
        if indexed:
            for table in ("minhash_bands", "minhash_signatures"):
                con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?))",
                            [indexed])
        con.execute("INSERT INTO minhash_bands SELECT band, hash, report_id FROM _new_bands")
        con.execute("INSERT INTO minhash_signatures SELECT report_id, signature "
                    "FROM _new_signatures")
    finally:
        con.unregister("_new_bands")
        con.unregister("_new_signatures")


def _candidates(con: duckdb.DuckDBPyConnection, signatures: Mapping[str, np.ndarray]
                ) -> list[tuple[str, str, float]]:
    """(report, loaded report, MinHash estimate) of the loaded reports sharing most bands."""
    ids = list(signatures)
    frame = bands_frame(signatures)
    frame["item"] = np.repeat(np.arange(len(ids), dtype=np.int32), BANDS)
    con.register("_new_bands", frame)
    try:
        found = con.execute(sql_text("pipeline/near_duplicate_candidates.sql")).fetchall()
    finally:
        con.unregister("_new_bands")
    pairs = [(ids[item], other) for item, others in found for other in others
             if other != ids[item]]
    others = sorted({other for _, other in pairs})
    if not others:
        return []
    stored = {rid: np.frombuffer(blob, dtype=np.uint64) for rid, blob in con.execute(
        "SELECT report_id, signature FROM minhash_signatures "
        "WHERE report_id IN (SELECT unnest(?))", [others]).fetchall()}
    return [(rid, other, float((signatures[rid] == stored[other]).mean()))
            for rid, other in pairs if other in stored]


def check_and_index(con: duckdb.DuckDBPyConnection, bodies: Mapping[str, str],
                    signatures: Mapping[str, np.ndarray]) -> list[QualityResult]:
    """One warning row per report in ``bodies``: failed when a report loaded before (not
    one of these) has a near-identical body; then the reports' signatures replace what the
    index held for them. Runs inside the batch's transaction.

    A loaded report sharing a band is a candidate; the four sharing most bands are compared
    by MinHash estimate (stored signatures: microseconds), and only an estimate within
    SIGNATURE_MARGIN of the threshold is confirmed by exact Jaccard of the two bodies."""
    if not bodies:
        return []
    # a batch validated elsewhere brings its signatures; one loaded directly (tests, tools)
    # has them computed here
    signatures = {report_id: np.asarray(signatures[report_id], dtype=np.uint64)
                  if report_id in signatures else minhash(shingle_hashes(body or ""))
                  for report_id, body in bodies.items()}
    close = [(rid, other, estimate) for rid, other, estimate in _candidates(con, signatures)
             if estimate >= NEAR_DUPLICATE_JACCARD - SIGNATURE_MARGIN]
    store(con, signatures)
    others = sorted({other for _, other, _ in close})
    other_bodies = dict(con.execute(
        "SELECT report_id, body FROM reports WHERE report_id IN (SELECT unnest(?))",
        [others]).fetchall()) if others else {}
    best: dict[str, tuple[float, str]] = {}
    for report_id, other, _ in close:
        if other not in other_bodies:
            continue
        mine = shingle_hashes(bodies.get(report_id) or "")
        theirs = shingle_hashes(other_bodies[other] or "")
        if min(len(mine), len(theirs)) < MIN_SHINGLES:
            continue
        score = jaccard(mine, theirs)
        if score > best.get(report_id, (0.0, ""))[0]:
            best[report_id] = (score, other)
    expected = f"Jaccard of bodies < {NEAR_DUPLICATE_JACCARD:g} with every loaded report"
    rows = []
    for report_id in signatures:
        score, other = best.get(report_id, (0.0, ""))
        duplicate = score >= NEAR_DUPLICATE_JACCARD
        observed = (f"Jaccard {score:.2f} with loaded report {other}" if duplicate
                    else f"max Jaccard {score:.2f} among close loaded reports" if other
                    else "no loaded report's MinHash estimate is close")
        rows.append(QualityResult(report_id, WAREHOUSE_CHECK, not duplicate, observed,
                                  expected, "warning", SUITE))
    return rows
