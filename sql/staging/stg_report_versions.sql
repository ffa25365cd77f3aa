-- stg_report_versions: the report_versions table as the marts read it (every body seen).
CREATE OR REPLACE VIEW stg_report_versions AS
SELECT report_id, body_sha256, url, title, report_year, first_loaded, last_loaded, relation,
       similarity
FROM report_versions;
