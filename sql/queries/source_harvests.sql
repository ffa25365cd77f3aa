-- When each source was last harvested: the run that last covered it, its newest fetch attempt
-- (and how many of its latest attempts failed), and how many reports it gave; `fazhi sources`
-- shows these beside the sources files, "never" for a source no run has covered.
SELECT
    s.source_id,
    s.name,
    s.url,
    r.finished_at AS last_run_at,
    f.last_fetch_at,
    coalesce(f.attempts, 0) AS fetch_attempts,
    coalesce(f.failed, 0) AS failed_attempts,
    coalesce(p.reports, 0) AS reports
FROM stg_sources AS s
LEFT JOIN runs AS r ON r.run_id = s.last_run_id
LEFT JOIN (
    SELECT source_id, max(fetched_at) AS last_fetch_at, count(*) AS attempts,
           count(*) FILTER (WHERE error IS NOT NULL) AS failed
    FROM stg_fetches
    GROUP BY source_id
) AS f ON f.source_id = s.source_id
LEFT JOIN (
    SELECT source_id, count(*) AS reports FROM stg_reports GROUP BY source_id
) AS p ON p.source_id = s.source_id
ORDER BY s.source_id;
