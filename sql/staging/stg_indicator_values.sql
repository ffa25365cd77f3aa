-- stg_indicator_values: the indicator_values table as the marts read it (one value per report
-- and indicator, with how it was reached).
CREATE OR REPLACE VIEW stg_indicator_values AS
SELECT report_id, indicator, value, unit, how, fact_nos, n_candidates, note
FROM indicator_values;
