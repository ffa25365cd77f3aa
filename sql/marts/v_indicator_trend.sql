-- v_indicator_trend: per region and indicator, the value by year and the change from the
-- previous year, e.g. which townships' 出庭应诉率 fell. Each report's value of an indicator is
-- its one value in indicator_values (chosen by the rules of tasks/load/indicator_values.py);
-- several reports of one region-year are summed for counts and amounts and averaged for rates.
CREATE OR REPLACE VIEW v_indicator_trend AS
WITH per_year AS (
    SELECT
        coalesce(r.region_code, r.province || coalesce(r.city, '') || coalesce(r.county, '')
                 || coalesce(r.town, '')) AS region_key,
        any_value(r.region_code) AS region_code,
        any_value(r.province) AS province,
        any_value(r.county) AS county,
        any_value(r.town) AS town,
        v.indicator,
        r.report_year,
        CASE WHEN any_value(i.kind) = 'rate' THEN avg(v.value) ELSE sum(v.value) END AS value
    FROM stg_indicator_values AS v
    JOIN stg_reports AS r USING (report_id)
    LEFT JOIN stg_indicators AS i ON i.id = v.indicator
    WHERE r.report_year IS NOT NULL
    GROUP BY region_key, v.indicator, r.report_year
)
SELECT
    *,
    value - lag(value) OVER w AS change,
    lag(report_year) OVER w AS previous_year
FROM per_year
WINDOW w AS (PARTITION BY region_key, indicator ORDER BY report_year);
