-- loaded_documents: URL, raw sha256 and article page sha256 of every report as last loaded;
-- a harvest skips a fetched report whose bytes are these (tasks/load/state.py).
SELECT r.url, r.raw_sha256, any_value(d.page_sha256) AS page_sha256
FROM reports AS r
LEFT JOIN documents AS d ON d.url = r.url AND d.sha256 = r.raw_sha256
GROUP BY ALL;
