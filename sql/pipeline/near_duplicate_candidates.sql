-- near_duplicate_candidates: loaded reports sharing a MinHash band with a report being loaded
-- (the frame _new_bands: report_id, band, hash), the three sharing most bands per report
-- (a true copy shares ~3.4 of 8 bands, a merely similar report 1); each is then estimated
-- from its stored signature (tasks/load/near_duplicates.py).
SELECT n.report_id, b.report_id AS other_id, count(*) AS bands
FROM _new_bands AS n
JOIN minhash_bands AS b ON b.band = n.band AND b.hash = n.hash
WHERE b.report_id <> n.report_id
GROUP BY n.report_id, b.report_id
QUALIFY row_number() OVER (PARTITION BY n.report_id ORDER BY count(*) DESC, other_id) <= 3;
