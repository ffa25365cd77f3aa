-- stg_fetches: the fetches table as the marts read it (every HTTP attempt of a URL's last fetch).
CREATE OR REPLACE VIEW stg_fetches AS
SELECT run_id, source_id, url, status, error, attempt, bytes, sha256, elapsed_ms, fetched_at
FROM fetches;
