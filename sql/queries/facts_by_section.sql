-- How many facts each report states under its achievements (成效), problems (问题) and plans
-- (计划) headings: reports that list no problem, or give no figure at all, stand out.
SELECT
    r.province,
    r.town,
    r.report_year,
    r.title,
    count(f.fact_no) FILTER (WHERE f.section = 'achievements') AS achievements,
    count(f.fact_no) FILTER (WHERE f.section = 'problems') AS problems,
    count(f.fact_no) FILTER (WHERE f.section = 'plans') AS plans,
    count(f.fact_no) FILTER (WHERE f.section IS NULL) AS outside_sections,
    count(f.fact_no) AS facts
FROM v_reports AS r
LEFT JOIN v_facts AS f USING (report_id)
GROUP BY ALL
ORDER BY r.province, r.town, r.report_year;
