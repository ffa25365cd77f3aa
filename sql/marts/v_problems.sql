-- v_problems: everything that went wrong in the latest harvest of each URL, in one place:
-- fetch failures (timeouts, 500s, challenge pages, corrupt PDFs), pages rejected as not a
-- report, and failed quality checks. Operators query it to see what needs attention.
CREATE OR REPLACE VIEW v_problems AS
WITH last_attempt AS (
    SELECT *
    FROM stg_fetches
    QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, attempt DESC) = 1
)
SELECT 'fetch' AS stage, url, error AS problem, CAST(status AS VARCHAR) AS observed,
       'error' AS severity, fetched_at AS occurred_at
FROM last_attempt
WHERE error IS NOT NULL
UNION ALL
SELECT 'strip', url, reason, title, 'error', rejected_at
FROM stg_rejected_pages
-- look-alikes (政府信息公开 reports, 解读 pages, notices …) are turned down by design, not a
-- problem: they stay in rejected_pages with their reason
WHERE reason NOT LIKE 'not_a_report_%'
UNION ALL
SELECT 'validate', url, check_name, observed, severity, checked_at
FROM v_quality_alerts;
