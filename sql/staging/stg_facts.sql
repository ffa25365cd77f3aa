-- stg_facts: the facts table as the marts read it (one row per numeric fact of a report).
CREATE OR REPLACE VIEW stg_facts AS
SELECT report_id, fact_no, subject, indicator, value, value_max, unit, kind, qualifier, quote,
       "start", "end", section, scope, part_of
FROM facts;
