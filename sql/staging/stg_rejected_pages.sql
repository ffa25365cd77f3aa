-- stg_rejected_pages: the rejected_pages table as the marts read it (pages that are no report).
CREATE OR REPLACE VIEW stg_rejected_pages AS
SELECT url, report_id, source_id, reason, title, rejected_at
FROM rejected_pages;
