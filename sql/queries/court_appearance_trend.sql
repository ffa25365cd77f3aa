-- Which townships' head-of-agency court appearance rate (行政机关负责人出庭应诉率) changed, and by
-- how much since their previous report: largest falls first. Add `WHERE county = '…'` to narrow.
SELECT province, county, town, report_year, value AS rate, previous_year, change
FROM v_indicator_trend
WHERE indicator = 'head_court_appearance_rate'
ORDER BY change ASC NULLS LAST, province, county, town, report_year;
