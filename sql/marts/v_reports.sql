-- v_reports: one row per report (latest version) with region, level, year, publication date,
-- how many facts were read from it and how many quality checks failed. The starting point
-- for "which towns published, and how good are their reports". The level (town, street,
-- county, city, province, or county-dept / city-dept / province-dept for a department) is the
-- extract stage's (tasks/extract/regions.py), stored with the report.
-- One row per government, year and kind however many URLs carried it (urls); when two
-- dissimilar bodies claim one report, shown_because says which is shown and why.
CREATE OR REPLACE VIEW v_reports AS
SELECT
    r.report_id,
    r.url,
    r.source_id,
    r.title,
    r.issuer,
    r.province,
    r.city,
    r.county,
    r.town,
    r.region_code,
    r.level,
    r.report_year,
    r.published,
    r.script,
    length(r.body) AS body_chars,
    (SELECT count(*) FROM stg_facts AS f WHERE f.report_id = r.report_id) AS facts,
    (SELECT count(*) FROM stg_quality_results AS q
      WHERE q.report_id = r.report_id AND NOT q.passed AND q.severity = 'error') AS alerts,
    (SELECT count(*) FROM stg_report_versions AS v WHERE v.report_id = r.report_id) AS versions,
    (SELECT count(*) FROM stg_report_urls AS u WHERE u.report_id = r.report_id) AS urls,
    r.shown_because,
    r.loaded_at
FROM stg_reports AS r;
