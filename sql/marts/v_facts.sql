-- v_facts: every numeric fact with its report's URL, title, region, year and section
-- (achievements / problems / plans), and the indicator's Chinese name.
-- Analysts query it to compare one measure across towns and years, e.g.
--   SELECT town, report_year, value FROM v_facts WHERE indicator = 'legal_consultations';
-- The report's columns come from stg_reports as v_reports has them (v_reports itself would
-- count every report's facts, alerts and versions for each query of this view).
CREATE OR REPLACE VIEW v_facts AS
SELECT
    f.report_id,
    r.url, r.title, r.issuer,
    r.province, r.city, r.county, r.town, r.region_code,
    r.report_year,
    f.fact_no,
    f.section,
    f.indicator,
    i.name_zh AS indicator_name,
    f.subject,
    f.value,
    f.unit,
    f.kind,
    f.qualifier,
    f.quote,
    f."start",
    f."end",
    f.scope,
    f.part_of
FROM stg_facts AS f
JOIN stg_reports AS r USING (report_id)
LEFT JOIN stg_indicators AS i ON i.id = f.indicator;
