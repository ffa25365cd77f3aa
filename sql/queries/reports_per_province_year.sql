-- How many reports were found per province and report year, and from how many towns: the
-- first look at where the harvest reaches.
SELECT
    coalesce(province, '(unknown)') AS province,
    report_year,
    count(*) AS reports,
    count(DISTINCT town) AS towns,
    count(*) FILTER (WHERE alerts > 0) AS reports_with_errors
FROM v_reports
GROUP BY ALL
ORDER BY province, report_year;
