-- v_facts: every numeric fact with its report's URL, title, region, year and section
-- (achievements / problems / plans), and the indicator's Chinese name.
-- Analysts query it to compare one measure across towns and years, e.g.
--   SELECT town, report_year, value FROM v_facts WHERE indicator = 'legal_consultations';
-- value_max holds a range's upper bound (3-5次: value 3, value_max 5); value_bound says how
-- to read value given the qualifier printed with it (余/多/超/以上: at least, 近/不足: at
-- most, 约/左右: about), so nobody has to know the Chinese words to filter exact counts.
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
    f.value_max,
    f.unit,
    f.kind,
    f.qualifier,
    CASE
        WHEN f.value_max IS NOT NULL THEN 'range'
        WHEN f.qualifier IS NULL THEN 'exact'
        WHEN f.qualifier IN ('余', '多', '超', '超过', '逾', '以上') THEN 'at_least'
        WHEN f.qualifier IN ('近', '将近', '不足', '不到') THEN 'at_most'
        ELSE 'approximate'  -- 约, 左右
    END AS value_bound,
    f.scope,
    f.part_of,
    f.direction,
    f.printed,
    f.quote,
    f.start_offset,
    f.end_offset
FROM stg_facts AS f
JOIN stg_reports AS r USING (report_id)
LEFT JOIN stg_indicators AS i ON i.id = f.indicator;
