-- v_quality_alerts: failed data-quality checks, newest first, with the report they concern.
-- Oversight staff read it each morning; `fazhi alerts` prints it.
CREATE OR REPLACE VIEW v_quality_alerts AS
SELECT
    q.checked_at,
    q.severity,
    q.check_name,
    q.observed,
    q.expected,
    q.report_id,
    r.url,
    r.title,
    r.town,
    r.report_year
FROM stg_quality_results AS q
LEFT JOIN stg_reports AS r USING (report_id)
WHERE NOT q.passed
ORDER BY q.checked_at DESC, q.severity, q.report_id, q.check_name;
