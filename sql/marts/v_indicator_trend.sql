-- v_indicator_trend: per region and indicator, the value by year and the change from the
-- previous year, e.g. which townships' 出庭应诉率 fell. Several facts of one indicator in a
-- report are summed for counts and amounts and averaged for rates; plans are left out.
-- Built on v_facts (the facts with their report's region and year).
CREATE OR REPLACE VIEW v_indicator_trend AS
WITH per_year AS (
    SELECT
        coalesce(region_code, province || coalesce(city, '') || coalesce(county, '')
                 || coalesce(town, '')) AS region_key,
        any_value(region_code) AS region_code,
        any_value(province) AS province,
        any_value(county) AS county,
        any_value(town) AS town,
        indicator,
        report_year,
        CASE WHEN any_value(kind) = 'rate' THEN avg(value) ELSE sum(value) END AS value
    FROM v_facts
    WHERE indicator IS NOT NULL AND report_year IS NOT NULL
      AND coalesce(section, '') <> 'plans'  -- next year's targets are not results
    GROUP BY ALL
)
SELECT
    *,
    value - lag(value) OVER w AS change,
    lag(report_year) OVER w AS previous_year
FROM per_year
WINDOW w AS (PARTITION BY region_key, indicator ORDER BY report_year);
