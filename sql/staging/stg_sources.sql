-- stg_sources: the sources table as the marts read it (the portals of the latest harvest).
CREATE OR REPLACE VIEW stg_sources AS
SELECT source_id, name, url, kind, region_hint, last_run_id, platform
FROM sources;
