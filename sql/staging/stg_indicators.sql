-- stg_indicators: the indicator dictionary (seeds/indicators.csv) as the marts read it.
CREATE OR REPLACE VIEW stg_indicators AS
SELECT id, name_zh, synonyms, kind, unit, min, max, units, excludes
FROM indicators;
