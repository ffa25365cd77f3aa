-- stg_report_urls: the report_urls table as the marts read it (every URL a report was seen at).
CREATE OR REPLACE VIEW stg_report_urls AS
SELECT url, report_id, source_id, first_seen, last_seen, raw_sha256, body_sha256
FROM report_urls;
