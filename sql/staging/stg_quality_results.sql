-- stg_quality_results: the quality_results table as the marts read it (one row per check).
CREATE OR REPLACE VIEW stg_quality_results AS
SELECT report_id, check_name, passed, observed, expected, severity, suite, checked_at
FROM quality_results;
