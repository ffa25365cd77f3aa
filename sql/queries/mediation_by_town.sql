-- How many disputes (纠纷) each town mediated, per county and year, with the town's share of its
-- county's total that year: the towns of one county side by side. For cities without counties
-- (中山市, 东莞市) the city stands in for the county.
SELECT
    w.province,
    coalesce(w.county, r.city) AS county,
    w.town,
    w.report_year,
    w.disputes_mediated,
    round(100 * w.disputes_mediated / sum(w.disputes_mediated) OVER (
        PARTITION BY w.province, coalesce(w.county, r.city), w.report_year), 1) AS pct_of_county
FROM v_indicator_wide AS w
JOIN v_reports AS r USING (report_id)
WHERE w.disputes_mediated IS NOT NULL
ORDER BY w.province, county, w.report_year DESC, w.disputes_mediated DESC;
