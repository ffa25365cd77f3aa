-- stg_keywords: the keywords table as the marts read it (a report's top TF-IDF terms).
CREATE OR REPLACE VIEW stg_keywords AS
SELECT report_id, keyword, weight
FROM keywords;
