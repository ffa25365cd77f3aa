-- recently_checked: URLs of loaded reports (any URL a report was seen at) whose latest fetch
-- succeeded (200 or 304) since $1, which a harvest does not ask for again (tasks/load/state.py).
SELECT f.url
FROM fetches AS f
JOIN report_urls AS u ON u.url = f.url
WHERE f.status IN (200, 304) AND f.error IS NULL
GROUP BY f.url
HAVING max(f.fetched_at) >= $1;
