-- Who has not published last year's report: sources with no report for that year, overdue
-- ones (past 31 March, the legal deadline) first, with the last year each did publish.
SELECT
    c.source_id,
    c.source_name,
    c.region_hint,
    c.report_year,
    c.is_overdue,
    (SELECT max(p.report_year) FROM v_coverage AS p
      WHERE p.source_id = c.source_id AND p.is_published) AS last_published_year
FROM v_coverage AS c
WHERE NOT c.is_published AND c.report_year = year(current_date) - 1
ORDER BY c.is_overdue DESC, c.source_id;
