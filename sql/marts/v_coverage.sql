-- v_coverage: per source and report year — was a report published, when, and is it overdue
-- (nothing found after 31 March of the following year, the legal deadline). Answers "who has
-- not published this year's report". Years run from the earliest report seen to last year.
CREATE OR REPLACE VIEW v_coverage AS
WITH years AS (
    SELECT unnest(range(
        coalesce((SELECT min(report_year) FROM stg_reports), year(current_date) - 1),
        year(current_date))) AS report_year
),
published AS (
    SELECT source_id, report_year, count(*) AS reports, min(published) AS first_published,
           list(DISTINCT town) FILTER (WHERE town IS NOT NULL) AS towns
    FROM stg_reports
    GROUP BY source_id, report_year
)
SELECT
    s.source_id,
    s.name AS source_name,
    s.region_hint,
    y.report_year,
    coalesce(p.reports, 0) AS reports,
    p.first_published,
    p.towns,
    coalesce(p.reports, 0) > 0 AS is_published,
    coalesce(p.reports, 0) = 0
        AND current_date > make_date(y.report_year + 1, 3, 31) AS is_overdue
FROM stg_sources AS s
CROSS JOIN years AS y
LEFT JOIN published AS p ON p.source_id = s.source_id AND p.report_year = y.report_year
ORDER BY s.source_id, y.report_year;
