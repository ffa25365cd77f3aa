-- stg_reports: the reports table as the marts read it (one row per report, latest version).
CREATE OR REPLACE VIEW stg_reports AS
SELECT
    report_id,
    url,
    source_id,
    title,
    issuer,
    province,
    city,
    county,
    town,
    region_code,
    level,
    report_year,
    published,
    script,
    body,
    body_sha256,
    raw_sha256,
    fields,
    loaded_at,
    shown_because
FROM reports;
