-- stored_documents: the newest stored version of every document URL, from the raw store's
-- index: what `fazhi reprocess` reads back (tasks/load/state.py).
SELECT url, sha256, source_id, region_hint, kind, encoding, attachment_url, page_sha256
FROM documents
QUALIFY row_number() OVER (PARTITION BY url ORDER BY last_seen DESC, first_seen DESC) = 1
ORDER BY url;
