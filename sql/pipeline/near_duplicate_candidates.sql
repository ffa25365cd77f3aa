-- near_duplicate_candidates: per report being loaded (the frame _new_bands: item, band, hash;
-- item numbers the batch's reports), the four loaded reports sharing most MinHash bands with
-- it (a copy at Jaccard 0.9 shares ~5 of the 28 band keys, a merely similar report rarely
-- one; the report's own older entry, if any, is dropped by the caller). Each is then estimated from its stored signature
-- (tasks/load/near_duplicates.py). max_by, not a window: the window sorted every pair and
-- took 3x as long on the bench corpus.
WITH pairs AS (
    SELECT n.item, b.report_id AS other_id, count(*) AS bands
    FROM _new_bands AS n
    JOIN minhash_bands AS b ON b.band = n.band AND b.hash = n.hash
    GROUP BY ALL
)
SELECT item, max_by(other_id, bands, 4) AS others
FROM pairs
GROUP BY item;
