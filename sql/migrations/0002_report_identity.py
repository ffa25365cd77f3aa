"""Re-key a warehouse whose report ids were hashes of URLs to report identity (tasks/identity.py).

Reports that are one government's report for one year under several URLs become one report:
the rows of the body shown (tasks/load/identity.py's rule, applied to the URL-keyed reports in
the order they were loaded) keep their facts, sections, keywords and quality results under
the new id; the others' are dropped (they were copies). Versions are merged per (report, body)
keeping the earliest first_loaded and latest last_loaded; alerts already sent are merged per
(report, check) keeping the latest, so nothing is announced again; fetches, documents and the
raw store are per URL and untouched. Every URL is kept in the new ``report_urls``, from
reports, documents and report_versions; ``minhash_bands`` and ``minhash_signatures`` are
filled from the shown bodies (about 3 ms a report).

Written without naming the columns another migration renames (the quality check's name
column, offsets): those are found with DESCRIBE or carried by ``*``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from tasks.identity import body_sha256, minhash, natural_key, report_id, shingle_hashes
from tasks.load import identity
from tasks.load.near_duplicates import store
from tasks.records import report_id_for

NEW_TABLES = """
CREATE TABLE IF NOT EXISTS report_urls (
    url          VARCHAR PRIMARY KEY,
    report_id    VARCHAR NOT NULL,
    source_id    VARCHAR,
    first_seen   TIMESTAMP,
    last_seen    TIMESTAMP,
    raw_sha256   VARCHAR,
    body_sha256  VARCHAR
);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band       INTEGER NOT NULL,
    hash       BIGINT NOT NULL,
    report_id  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS minhash_signatures (
    report_id  VARCHAR PRIMARY KEY,
    signature  BLOB NOT NULL
);
ALTER TABLE reports ADD COLUMN IF NOT EXISTS level VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS shown_because VARCHAR;
ALTER TABLE report_versions ADD COLUMN IF NOT EXISTS relation VARCHAR;
ALTER TABLE report_versions ADD COLUMN IF NOT EXISTS similarity DOUBLE;
"""


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def _other_column(con: duckdb.DuckDBPyConnection, table: str, known: set[str]) -> str:
    """The one column of ``table`` not in ``known``: the check's name, whatever it is called."""
    [name] = [c for c in _columns(con, table) if c not in known]
    return name


def _plan(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, dict, dict]:
    """Old id → (new id, kept?, shown_because), and each (new id, body sha)'s relation.
    Bodies are read only for the reports whose copies differ (a large warehouse's bodies do
    not fit in memory at once)."""
    rows = con.execute(
        "SELECT report_id, url, region_code, issuer, level, report_year, title, body_sha256, "
        "published FROM reports ORDER BY loaded_at, url").fetchall()
    new_ids = {row[0]: report_id(natural_key(*row[2:7]), row[1]) for row in rows}
    shas: dict[str, set[str]] = {}
    for row in rows:
        shas.setdefault(new_ids[row[0]], set()).add(row[7])
    differing = [old for old, new in new_ids.items() if len(shas[new]) > 1 or None in shas[new]]
    bodies = dict(con.execute("SELECT report_id, body FROM reports WHERE report_id IN "
                              "(SELECT unnest(?))", [differing]).fetchall()) if differing else {}
    current: dict[str, identity.Shown] = {}
    winner: dict[str, str] = {}  # new id → old id whose rows are kept
    known: dict[str, set[str]] = {}
    relations: dict[tuple[str, str], tuple[str, float | None]] = {}
    for old_id, url, *_, sha, published in rows:
        new_id = new_ids[old_id]
        body = bodies.get(old_id, "")
        sha = sha or body_sha256(body)
        incoming = identity.Shown(new_id, url, sha, body, published)
        decision = identity.decide(current.get(new_id), known.get(new_id, set()), incoming)
        if decision.shown and decision.relation != "same":
            current[new_id] = identity.Shown(new_id, url, sha, body, published,
                                             decision.because)
            winner[new_id] = old_id
        elif decision.relation == identity.CONFLICT:
            current[new_id].because = decision.because
        known.setdefault(new_id, set()).add(sha)
        if decision.relation in (identity.FIRST, identity.REVISION, identity.CONFLICT):
            relations.setdefault((new_id, sha), (decision.relation, decision.similarity))
    frame = pd.DataFrame(
        [(old, new, winner[new] == old, current[new].because) for old, new in new_ids.items()],
        columns=["old_id", "new_id", "kept", "because"])
    return frame, relations, current


def _rekey(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Rows of kept reports under their new id; rows of dropped copies gone; rows of ids the
    map does not know (rejected pages' alerts) as they were."""
    con.execute(f"""CREATE TEMP TABLE _rekeyed AS
        SELECT t.* REPLACE (m.new_id AS report_id) FROM {table} AS t
        JOIN _id_map AS m ON t.report_id = m.old_id WHERE m.kept
        UNION ALL BY NAME
        SELECT * FROM {table} WHERE report_id NOT IN (SELECT old_id FROM _id_map)""")
    con.execute(f"DELETE FROM {table}")
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rekeyed")
    con.execute("DROP TABLE _rekeyed")


def _merge_alerts_sent(con: duckdb.DuckDBPyConnection) -> None:
    check = _other_column(con, "alerts_sent", {"report_id", "body_sha256", "sent_at"})
    con.execute(f"""CREATE TEMP TABLE _sent AS
        SELECT coalesce(m.new_id, s.report_id) AS report_id, s."{check}",
               arg_max(s.body_sha256, s.sent_at) AS body_sha256, max(s.sent_at) AS sent_at
        FROM alerts_sent AS s LEFT JOIN _id_map AS m ON s.report_id = m.old_id
        GROUP BY ALL""")
    con.execute("DELETE FROM alerts_sent")
    con.execute("INSERT INTO alerts_sent BY NAME SELECT * FROM _sent")
    con.execute("DROP TABLE _sent")


def _merge_versions(con: duckdb.DuckDBPyConnection, relations: dict) -> None:
    con.register("_relations", pd.DataFrame(
        [(rid, sha, rel, sim) for (rid, sha), (rel, sim) in relations.items()],
        columns=["report_id", "body_sha256", "relation", "similarity"]))
    con.execute("""CREATE TEMP TABLE _versions AS
        SELECT coalesce(m.new_id, v.report_id) AS report_id, v.body_sha256,
               arg_min(v.url, v.first_loaded) AS url, arg_min(v.title, v.first_loaded) AS title,
               arg_min(v.report_year, v.first_loaded) AS report_year,
               min(v.first_loaded) AS first_loaded, max(v.last_loaded) AS last_loaded
        FROM report_versions AS v LEFT JOIN _id_map AS m ON v.report_id = m.old_id
        GROUP BY ALL""")
    con.execute("DELETE FROM report_versions")
    con.execute("""INSERT INTO report_versions BY NAME
        SELECT v.*, coalesce(r.relation, 'first') AS relation, r.similarity
        FROM _versions AS v LEFT JOIN _relations AS r USING (report_id, body_sha256)""")
    con.execute("DROP TABLE _versions")
    con.unregister("_relations")


def _fill_report_urls(con: duckdb.DuckDBPyConnection, ids: dict[str, str]) -> None:
    """Every URL a report was seen at: its reports row, its documents, its versions."""
    urls: dict[str, dict] = {}

    def seen(url, report, source, first, last, raw=None, body=None):
        if report is None:
            return
        row = urls.setdefault(url, {"url": url, "report_id": report, "source_id": source,
                                    "first_seen": first, "last_seen": last,
                                    "raw_sha256": raw, "body_sha256": body})
        row["first_seen"] = min(x for x in (row["first_seen"], first) if x) if (
            row["first_seen"] or first) else None
        row["last_seen"] = max(x for x in (row["last_seen"], last) if x) if (
            row["last_seen"] or last) else None
        row["source_id"] = row["source_id"] or source
        row["raw_sha256"] = raw or row["raw_sha256"]
        row["body_sha256"] = body or row["body_sha256"]

    for old, url, source, loaded, raw, body in con.execute(
            "SELECT report_id, url, source_id, loaded_at, raw_sha256, body_sha256 "
            "FROM reports").fetchall():
        seen(url, ids.get(old), source, loaded, loaded, raw, body)
    for url, source, first, last in con.execute(
            "SELECT url, any_value(source_id), min(first_seen), max(last_seen) FROM documents "
            "GROUP BY url").fetchall():
        seen(url, ids.get(report_id_for(url)), source, first, last)
    for old, url, first, last in con.execute(
            "SELECT report_id, url, first_loaded, last_loaded FROM report_versions "
            "WHERE url IS NOT NULL").fetchall():
        seen(url, ids.get(old), None, first, last)
    if urls:
        con.register("_urls", pd.DataFrame(list(urls.values())))
        con.execute("INSERT OR REPLACE INTO report_urls BY NAME SELECT * FROM _urls")
        con.unregister("_urls")


def _conflict_rows(con: duckdb.DuckDBPyConnection, relations: dict) -> None:
    """The identity check of every kept report (failed where two bodies conflict)."""
    check = _other_column(con, "quality_results", {
        "report_id", "passed", "observed", "expected", "severity", "suite", "checked_at"})
    conflicted = {rid for (rid, _), (rel, _) in relations.items() if rel == identity.CONFLICT}
    kept = [row[0] for row in con.execute("SELECT report_id FROM reports").fetchall()]
    rows = [identity.conflict_row(rid, rid in conflicted, "bodies claiming this report "
                                  "conflicted when the warehouse was re-keyed"
                                  if rid in conflicted else None) for rid in kept]
    if rows:
        con.register("_checks", pd.DataFrame(
            [(r.report_id, r.check, r.passed, r.observed, r.expected, r.severity, r.suite)
             for r in rows],
            columns=["report_id", check, "passed", "observed", "expected", "severity", "suite"]))
        con.execute("INSERT INTO quality_results BY NAME "
                    "SELECT *, now()::TIMESTAMP AS checked_at FROM _checks")
        con.unregister("_checks")


def _index_bodies(con: duckdb.DuckDBPyConnection) -> None:
    cursor = con.execute("SELECT report_id, body FROM reports")
    chunks = []
    while rows := cursor.fetchmany(2000):  # a chunk of bodies at a time, not all of them
        chunks.append({rid: minhash(shingle_hashes(body or "")) for rid, body in rows})
    for chunk in chunks:
        store(con, chunk)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(NEW_TABLES)
    id_map, relations, shown = _plan(con)
    con.register("_id_map_frame", id_map)
    con.execute("CREATE TEMP TABLE _id_map AS SELECT * FROM _id_map_frame")
    con.unregister("_id_map_frame")
    _fill_report_urls(con, dict(zip(id_map.old_id, id_map.new_id, strict=True)))
    for table in ("facts", "sections", "keywords", "quality_results"):
        _rekey(con, table)
    con.execute("""CREATE TEMP TABLE _reports AS
        SELECT r.* REPLACE (m.new_id AS report_id, m.because AS shown_because)
        FROM reports AS r JOIN _id_map AS m ON r.report_id = m.old_id WHERE m.kept""")
    con.execute("DELETE FROM reports")
    con.execute("INSERT INTO reports BY NAME SELECT * FROM _reports")
    con.execute("DROP TABLE _reports")
    _merge_versions(con, relations)
    _merge_alerts_sent(con)
    _conflict_rows(con, relations)
    _index_bodies(con)
    con.execute("DROP TABLE _id_map")
