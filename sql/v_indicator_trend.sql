-- v_indicator_trend: per region and indicator, the value by year and the change from the
-- previous year, e.g. which townships' 出庭应诉率 fell. Several facts of one indicator in a
-- report are summed for counts and amounts and averaged for rates; plans are left out.
CREATE OR REPLACE VIEW v_indicator_trend AS
WITH per_year AS (
    SELECT
        coalesce(r.region_code, r.province || coalesce(r.city, '') || coalesce(r.county, '')
                 || coalesce(r.town, '')) AS region_key,
        any_value(r.region_code) AS region_code,
        any_value(r.province) AS province,
        any_value(r.county) AS county,
        any_value(r.town) AS town,
        f.indicator,
        r.report_year,
        CASE WHEN any_value(f.kind) = 'rate' THEN avg(f.value) ELSE sum(f.value) END AS value
    FROM facts AS f
    JOIN reports AS r USING (report_id)
    WHERE f.indicator IS NOT NULL AND r.report_year IS NOT NULL
      AND coalesce(f.section, '') <> 'plans'  -- next year's targets are not results
    GROUP BY ALL
)
SELECT
    *,
    value - lag(value) OVER w AS change,
    lag(report_year) OVER w AS previous_year
FROM per_year
WINDOW w AS (PARTITION BY region_key, indicator ORDER BY report_year);
