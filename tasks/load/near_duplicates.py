"""Near-duplicates across the whole warehouse: a MinHash band index kept in DuckDB.

Each loaded report has one row per band in ``minhash_bands`` (band, hash, report_id; bands of
tasks/identity.py). A report being loaded is compared with every report already loaded by
looking its band hashes up (one join for the whole batch): a loaded report sharing a band is a
candidate, confirmed by the exact Jaccard of the two bodies' shingles. The batch's own pairs
are the validate stage's check (tasks/validate/duplicates.py); this one sees every run before.
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
SUITE = "identity"


def bands_frame(signatures: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Rows of ``minhash_bands`` (report_id, band, hash) for each report's signature."""
    ids = list(signatures)
    hashes = band_hashes(np.stack([signatures[i] for i in ids]))
    return pd.DataFrame({"report_id": np.repeat(ids, BANDS),
                         "band": np.tile(np.arange(BANDS, dtype=np.int32), len(ids)),
                         "hash": hashes.reshape(-1)})


def check_and_index(con: duckdb.DuckDBPyConnection, bodies: Mapping[str, str],
                    signatures: Mapping[str, np.ndarray]) -> list[QualityResult]:
    """One warning row per report in ``bodies``: failed when a report loaded before (not
    one of these) has a near-identical body; then the reports' bands replace what the index
    held for them. Runs inside the batch's transaction."""
    if not bodies:
        return []
    # a batch validated elsewhere brings its signatures; one loaded directly (tests, tools)
    # has them computed here
    signatures = {report_id: signatures[report_id] if report_id in signatures
                  else minhash(shingle_hashes(body or "")) for report_id, body in bodies.items()}
    frame = bands_frame(signatures)
    con.register("_new_bands", frame)
    try:
        candidates = con.execute(sql_text("pipeline/near_duplicate_candidates.sql")).fetchall()
        con.execute("DELETE FROM minhash_bands WHERE report_id IN "
                    "(SELECT DISTINCT report_id FROM _new_bands)")
        con.execute("INSERT INTO minhash_bands SELECT band, hash, report_id FROM _new_bands")
    finally:
        con.unregister("_new_bands")
    others = sorted({other for _, other, _ in candidates})
    other_bodies = dict(con.execute(
        "SELECT report_id, body FROM reports WHERE report_id IN (SELECT unnest(?))",
        [others]).fetchall()) if others else {}
    best: dict[str, tuple[float, str]] = {}
    shingles: dict[str, np.ndarray] = {}
    for report_id, other, _ in candidates:
        if other not in other_bodies:
            continue
        mine = shingles.setdefault(report_id, shingle_hashes(bodies.get(report_id) or ""))
        theirs = shingles.setdefault(f"loaded:{other}", shingle_hashes(other_bodies[other] or ""))
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
                    else f"max Jaccard {score:.2f} among loaded candidates" if other
                    else "no loaded report shares a MinHash band")
        rows.append(QualityResult(report_id, WAREHOUSE_CHECK, not duplicate, observed,
                                  expected, "warning", SUITE))
    return rows
