-- new_alerts: failed checks of severity error, and pages fetched where a report was expected
-- but which are none, that were never announced or whose report body changed since
-- (tasks/notify/alerts.py announces them, then remembers them in alerts_sent).
WITH problems AS (
    SELECT q.report_id, q.check_name, q.severity, q.observed, q.expected, r.url, r.title,
           r.body_sha256
    FROM quality_results AS q
    JOIN reports AS r USING (report_id)
    WHERE NOT q.passed AND q.severity = 'error'
    UNION ALL
    -- a page fetched where a report was expected, but which is none (only chrome, 404 text)
    SELECT p.report_id, 'page_is_a_report', 'error', p.reason, 'a report body', p.url, p.title,
           NULL
    FROM rejected_pages AS p
    WHERE p.reason NOT LIKE 'not_a_report_%'  -- a look-alike turned down is no problem
)
SELECT p.*
FROM problems AS p
LEFT JOIN alerts_sent AS s ON s.report_id = p.report_id AND s.check_name = p.check_name
WHERE s.report_id IS NULL OR s.body_sha256 IS DISTINCT FROM p.body_sha256
ORDER BY p.url, p.check_name;
