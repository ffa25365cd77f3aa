-- v_indicator_wide: one row per report, the main indicators as columns — the table a
-- spreadsheet user downloads (`fazhi sql "SELECT * FROM v_indicator_wide" --format csv`) to
-- compare towns side by side, and what `fazhi report` draws the indicator distributions from.
-- A cell is NULL when the report states no such figure (or none of this year in the
-- indicator's units). Each cell is the report's one value of the indicator from
-- indicator_values, chosen by written rules (tasks/load/indicator_values.py,
-- docs/warehouse.md): parts are not added to their total, cumulative and multi-year figures and
-- figures in another unit family are left out, restatements count once, plans are left out.
-- How a cell was reached (its facts, single / sum_of_parts / chosen_of_n) is in
-- stg_indicator_values / the indicator_values table.
-- The column list is static (a view cannot hold DuckDB's dynamic PIVOT): it names the main ids
-- of seeds/indicators.csv; an id added there needs a column here, any other id stays in v_facts.
CREATE OR REPLACE VIEW v_indicator_wide AS
WITH per_report AS (
    SELECT report_id, indicator, value
    FROM stg_indicator_values
),
wide AS (
    PIVOT per_report
    ON indicator IN (
        'admin_litigation_cases',
        'head_court_appearances',
        'head_court_appearance_rate',
        'reconsideration_cases',
        'enforcement_cases_filed',
        'cases_closed',
        'case_closure_rate',
        'fines_amount',
        'legal_consultations',
        'disputes_mediated',
        'mediation_success_rate',
        'contracts_reviewed',
        'legality_reviews',
        'law_publicity_events',
        'info_disclosure_requests',
        'petitions',
        'normative_documents'
    )
    USING first(value)
    GROUP BY report_id
)
SELECT
    r.report_id,
    r.url,
    r.title,
    r.province,
    r.county,
    r.town,
    r.report_year,
    w.* EXCLUDE (report_id)
FROM stg_reports AS r
LEFT JOIN wide AS w USING (report_id)
ORDER BY r.province, r.county, r.town, r.report_year;
