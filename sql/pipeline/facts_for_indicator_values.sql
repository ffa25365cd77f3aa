-- facts_for_indicator_values: every fact (and its report's body) of a warehouse whose
-- indicator_values table is still empty although facts name indicators: a warehouse loaded
-- before the table existed, filled once on first open (tasks/load/schema.py). Columns by
-- name (f.*): the facts' offsets are read whatever they are called.
SELECT r.body, f.*
FROM facts AS f
JOIN reports AS r USING (report_id)
WHERE NOT EXISTS (SELECT 1 FROM indicator_values)
  AND EXISTS (SELECT 1 FROM facts WHERE indicator IS NOT NULL)
ORDER BY f.report_id, f.fact_no;
