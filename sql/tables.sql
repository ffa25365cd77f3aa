-- Tables of the fazhi warehouse. Raw bytes live in warehouse/raw/ (content-addressed);
-- these tables hold one cleaned row per thing. The views of staging/ rename and type them for
-- the marts/ (the v_* views), which are what users query (order: manifest.txt).

-- Every HTTP attempt of the most recent fetch of each URL (retries included), so a failure
-- stays visible until the URL is fetched again.
CREATE TABLE IF NOT EXISTS fetches (
    run_id      VARCHAR,
    source_id   VARCHAR,
    url         VARCHAR NOT NULL,
    status      INTEGER,
    error       VARCHAR,
    attempt     INTEGER,
    bytes       BIGINT,
    sha256      VARCHAR,
    elapsed_ms  DOUBLE,
    fetched_at  TIMESTAMP
);

-- Index of the raw store: one row per (url, content) ever fetched.
CREATE TABLE IF NOT EXISTS documents (
    url             VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    source_id       VARCHAR,
    region_hint     VARCHAR,
    kind            VARCHAR,       -- html | text
    encoding        VARCHAR,
    attachment_url  VARCHAR,
    page_sha256     VARCHAR,       -- the article page when the report came as an attachment
    first_seen      TIMESTAMP,
    last_seen       TIMESTAMP,
    PRIMARY KEY (url, sha256)
);

-- One row per report (its shown version); report_id is a hash of the report's natural key
-- (region or issuer, year, kind: tasks/identity.py, docs/warehouse.md "Report identity").
CREATE TABLE IF NOT EXISTS reports (
    report_id     VARCHAR PRIMARY KEY,
    url           VARCHAR NOT NULL,
    source_id     VARCHAR,
    title         VARCHAR,
    issuer        VARCHAR,
    province      VARCHAR,
    city          VARCHAR,
    county        VARCHAR,
    town          VARCHAR,
    region_code   VARCHAR,
    report_year   INTEGER,
    published     DATE,
    script        VARCHAR,
    body          VARCHAR,
    body_sha256   VARCHAR,
    raw_sha256    VARCHAR,
    fields        JSON,          -- metadata lifted from page chrome (source, index_no, ...)
    loaded_at     TIMESTAMP,
    level         VARCHAR,       -- town | street | county | city | province, or <that>-dept for a department (the extract stage's)
    shown_because VARCHAR        -- why this body is the one shown (only version, latest revision, conflict: …)
);
-- Warehouses made before reports had a level get the column (NULL until `fazhi reprocess`).
ALTER TABLE reports ADD COLUMN IF NOT EXISTS level VARCHAR;

CREATE TABLE IF NOT EXISTS facts (
    report_id   VARCHAR NOT NULL,
    fact_no     INTEGER NOT NULL,
    subject     VARCHAR,
    indicator   VARCHAR,
    value       DOUBLE,
    value_max   DOUBLE,        -- upper bound when a range is printed (3-5次)
    unit        VARCHAR,       -- base unit of value: 元 for 796.41万元 (printed keeps 万元)
    kind        VARCHAR,       -- count | rate | amount | change | other
    qualifier   VARCHAR,
    quote       VARCHAR,
    start_offset INTEGER,
    end_offset   INTEGER,
    section     VARCHAR,
    scope       VARCHAR,       -- year | cumulative | multi_year | prior
    part_of     INTEGER,       -- fact_no of the total this fact is a part of (其中, 包括, 含)
    direction   VARCHAR,       -- up | down for kind change
    printed     VARCHAR,       -- number and unit as printed (796.41万元)
    PRIMARY KEY (report_id, fact_no)
);
-- Warehouses made before facts had these columns get them (NULL until `fazhi reprocess`).
ALTER TABLE facts ADD COLUMN IF NOT EXISTS scope VARCHAR;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS part_of INTEGER;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS direction VARCHAR;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS printed VARCHAR;

-- One value per (report, indicator), chosen from the facts by the rules of
-- tasks/load/indicator_values.py (docs/warehouse.md); replaced with the report's facts.
CREATE TABLE IF NOT EXISTS indicator_values (
    report_id     VARCHAR NOT NULL,
    indicator     VARCHAR NOT NULL,
    value         DOUBLE,
    unit          VARCHAR,       -- the indicator's unit (元 for amounts: values are in yuan)
    how           VARCHAR,       -- single | sum_of_parts | chosen_of_n
    fact_nos      INTEGER[],     -- facts.fact_no of every fact behind the value
    n_candidates  INTEGER,       -- distinct figures the value was reached from
    note          VARCHAR,       -- what was chosen among, what was left out and why
    PRIMARY KEY (report_id, indicator)
);

CREATE TABLE IF NOT EXISTS sections (
    report_id  VARCHAR NOT NULL,
    level      INTEGER,
    heading    VARCHAR,
    start_offset INTEGER,
    end_offset   INTEGER,
    kind       VARCHAR
);

CREATE TABLE IF NOT EXISTS keywords (
    report_id  VARCHAR NOT NULL,
    keyword    VARCHAR NOT NULL,
    weight     DOUBLE
);

CREATE TABLE IF NOT EXISTS quality_results (
    report_id   VARCHAR NOT NULL,
    check_name  VARCHAR NOT NULL,
    passed      BOOLEAN NOT NULL,
    observed    VARCHAR,
    expected    VARCHAR,
    severity    VARCHAR,
    suite       VARCHAR,
    checked_at  TIMESTAMP
);

-- Pages that were fetched but are not reports (only chrome, 404 text, under construction).
CREATE TABLE IF NOT EXISTS rejected_pages (
    url         VARCHAR PRIMARY KEY,
    report_id   VARCHAR,       -- the id the page would have had as a report
    source_id   VARCHAR,
    reason      VARCHAR,
    title       VARCHAR,
    rejected_at TIMESTAMP
);

-- Alerts already announced, so a problem is told once, not every night.
CREATE TABLE IF NOT EXISTS alerts_sent (
    report_id    VARCHAR NOT NULL,
    check_name   VARCHAR NOT NULL,
    body_sha256  VARCHAR,
    sent_at      TIMESTAMP,
    PRIMARY KEY (report_id, check_name)
);

CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    sources      INTEGER,
    urls         INTEGER,
    reports      INTEGER,
    facts        INTEGER,
    fetch_errors INTEGER,
    alerts       INTEGER
);

-- Every version of every report: a changed page adds a row, the reports table keeps the latest.
CREATE TABLE IF NOT EXISTS report_versions (
    report_id     VARCHAR NOT NULL,
    body_sha256   VARCHAR NOT NULL,
    url           VARCHAR,
    title         VARCHAR,
    report_year   INTEGER,
    first_loaded  TIMESTAMP,
    last_loaded   TIMESTAMP,
    relation      VARCHAR,       -- first | revision | conflict (a dissimilar body claiming the key)
    similarity    DOUBLE,        -- Jaccard with the body shown when this one arrived
    PRIMARY KEY (report_id, body_sha256)
);

-- Every URL a report was seen at (http and https, mirrors, moved columns, attachments,
-- re-posts); fetches and the raw store stay per URL.
CREATE TABLE IF NOT EXISTS report_urls (
    url          VARCHAR PRIMARY KEY,
    report_id    VARCHAR NOT NULL,
    source_id    VARCHAR,
    first_seen   TIMESTAMP,
    last_seen    TIMESTAMP,
    raw_sha256   VARCHAR,       -- the bytes last loaded from this URL (a harvest skips them)
    body_sha256  VARCHAR        -- the body they held
);

-- The whole-warehouse near-duplicate index: each shown report's MinHash signature cut into
-- band keys (tasks/identity.py: 28, one per pair of 8-row sub-bands); a report being loaded
-- looks its keys up.
CREATE TABLE IF NOT EXISTS minhash_bands (
    band       INTEGER NOT NULL,
    hash       BIGINT NOT NULL,
    report_id  VARCHAR NOT NULL
);

-- The same reports' whole signatures (64 unsigned 64-bit min-hashes as bytes), to estimate a
-- candidate's similarity without reading its body.
CREATE TABLE IF NOT EXISTS minhash_signatures (
    report_id  VARCHAR PRIMARY KEY,
    signature  BLOB NOT NULL
);

-- The sources of the latest harvest (what we expect reports from), for coverage questions.
CREATE TABLE IF NOT EXISTS sources (
    source_id    VARCHAR PRIMARY KEY,
    name         VARCHAR,
    url          VARCHAR,
    kind         VARCHAR,
    region_hint  VARCHAR,
    last_run_id  VARCHAR,
    platform     VARCHAR       -- the CMS platform whose adapter read the column last harvest
);
-- Warehouses made before discovery knew platforms get the column (NULL until a harvest).
ALTER TABLE sources ADD COLUMN IF NOT EXISTS platform VARCHAR;

-- The indicator dictionary (seeds/indicators.csv), refreshed from the seed file whenever the
-- schema is applied, so views can name what each indicator id measures.
CREATE TABLE IF NOT EXISTS indicators (
    id         VARCHAR PRIMARY KEY,
    name_zh    VARCHAR,
    synonyms   VARCHAR,
    kind       VARCHAR,
    unit       VARCHAR,
    min        DOUBLE,
    max        DOUBLE
);
-- the units a figure of the measure may be counted in (canonical first) and the phrases that
-- never map to it, both |-separated as in the seed
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS units VARCHAR;
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS excludes VARCHAR;
