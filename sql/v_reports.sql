-- v_reports: one row per report (latest version) with region, level, year, publication date,
-- how many facts were read from it and how many quality checks failed. The starting point
-- for "which towns published, and how good are their reports".
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
    CASE
        WHEN r.town LIKE '%街道' THEN 'street'
        WHEN r.town IS NOT NULL THEN 'town'
        WHEN regexp_matches(coalesce(r.issuer, ''), '(局|委员会|办公室|中心|委)$') THEN 'department'
        WHEN r.county IS NOT NULL THEN 'county'
        ELSE NULL
    END AS level,
    r.report_year,
    r.published,
    r.script,
    length(r.body) AS body_chars,
    (SELECT count(*) FROM facts AS f WHERE f.report_id = r.report_id) AS facts,
    (SELECT count(*) FROM quality_results AS q
      WHERE q.report_id = r.report_id AND NOT q.passed AND q.severity = 'error') AS alerts,
    (SELECT count(*) FROM report_versions AS v WHERE v.report_id = r.report_id) AS versions,
    r.loaded_at
FROM reports AS r;
