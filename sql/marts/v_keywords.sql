-- v_keywords: each report's top keywords (jieba TF-IDF, domain stop words removed), for
-- finding reports about a theme: SELECT * FROM v_keywords WHERE keyword = '民法典'.
CREATE OR REPLACE VIEW v_keywords AS
SELECT k.report_id, r.title, r.town, r.report_year, k.keyword, k.weight
FROM stg_keywords AS k
JOIN stg_reports AS r USING (report_id)
ORDER BY k.report_id, k.weight DESC;
