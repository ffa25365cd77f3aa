-- loaded_documents: URL, raw sha256 and article page sha256 of every URL a loaded report was
-- seen at, as last loaded; a harvest skips a fetched report whose bytes are these
-- (tasks/load/state.py). Per URL, not per report: a report's other URLs are skipped too.
SELECT u.url, u.raw_sha256, any_value(d.page_sha256) AS page_sha256
FROM report_urls AS u
LEFT JOIN documents AS d ON d.url = u.url AND d.sha256 = u.raw_sha256
GROUP BY ALL;
