"""The raw store is checked on every read (issue #16): bytes changed on disk are a problem row,
never loaded; and `fazhi extract URL` writes nothing unless given --raw-store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.portal import SITE_DIR, serve_portal, stop
from flows.harvest import harvest
from flows.reprocess import reprocess
from tasks.fetch.raw_store import RawTampered, load_raw, raw_path, store_raw
from tasks.paths import PROJECT_ROOT, SEEDS_DIR
from tests.conftest import query


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("raw") / "fazhi.duckdb"
    server, base_url = serve_portal(SITE_DIR)
    try:
        harvest(str(SEEDS_DIR / "sources.csv"), str(warehouse), base_url)
    finally:
        stop(server)
    return warehouse


def test_a_tampered_raw_file_is_a_problem_row_and_never_loaded(harvested) -> None:
    warehouse = harvested
    url, sha, title = query(warehouse, """
        SELECT d.url, d.sha256, r.title FROM documents d JOIN reports r USING (url)
        WHERE d.attachment_url IS NULL AND r.title IS NOT NULL ORDER BY d.url LIMIT 1""")[0]
    facts_before = query(warehouse, "SELECT subject, value FROM facts f JOIN reports r "
                         "USING (report_id) WHERE r.url = ? ORDER BY ALL", [url])
    alerts_before = query(warehouse, "SELECT count(*) FROM v_quality_alerts")[0][0]
    path = raw_path(warehouse.parent / "raw", sha)
    page = path.read_bytes().decode("utf-8")
    forged = page.replace(title, "伪造镇2099年法治政府建设年度报告", 1)
    forged = forged.replace("<body", "<body data-x='1'", 1).encode("utf-8")
    assert forged != path.read_bytes()
    path.write_bytes(forged)  # what `COPY ... TO 'warehouse/raw/..'` could do

    reprocess(str(warehouse))

    assert query(warehouse, "SELECT title FROM reports WHERE url = ?", [url]) == [(title,)]
    assert query(warehouse, "SELECT subject, value FROM facts f JOIN reports r "
                 "USING (report_id) WHERE r.url = ? ORDER BY ALL", [url]) == facts_before
    assert query(warehouse, "SELECT count(*) FROM v_quality_alerts")[0][0] == alerts_before
    problems = query(warehouse, "SELECT * FROM v_problems WHERE url = ?", [url])
    assert any("raw_tampered" in str(row) for row in problems), problems


def test_raw_store_reads_verify_and_saves_repair(tmp_path) -> None:
    digest = store_raw(tmp_path, b"<html>report</html>")
    raw_path(tmp_path, digest).write_bytes(b"<html>forged</html>")
    with pytest.raises(RawTampered):
        load_raw(tmp_path, digest)
    assert store_raw(tmp_path, b"<html>report</html>") == digest  # a fetch puts it right
    assert load_raw(tmp_path, digest) == b"<html>report</html>"


def _extract_url(url: str, cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "FAZHI_WAREHOUSE":
           str(cwd / "warehouse" / "fazhi.duckdb")}
    return subprocess.run([sys.executable, "-m", "fazhi.cli", "extract", url, *extra],
                          capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


def test_extract_of_a_url_writes_nothing_unless_asked(tmp_path) -> None:
    server, base_url = serve_portal(SITE_DIR)
    try:
        page = sorted((SITE_DIR / "zwgk" / "fzzfjs" / "content").glob("*.html"))[0]
        url = base_url + "/" + page.relative_to(SITE_DIR).as_posix()
        quiet = _extract_url(url, tmp_path)
        before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
        kept = _extract_url(url, tmp_path, "--raw-store", str(tmp_path / "kept"))
    finally:
        stop(server)
    assert quiet.returncode == 0, quiet.stderr
    assert "report" in json.loads(quiet.stdout)
    assert before == []  # no warehouse/raw, nothing at all
    assert kept.returncode == 0, kept.stderr
    assert [p for p in (tmp_path / "kept").rglob("*") if p.is_file()]
