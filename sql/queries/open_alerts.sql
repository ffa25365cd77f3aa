-- Open data-quality alerts: failed checks on the current version of each report, errors before
-- warnings, then the newest — what oversight staff should look at first.
SELECT severity, check_name, observed, expected, town, report_year, title, url, checked_at
FROM v_quality_alerts
ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, checked_at DESC, check_name, title;
