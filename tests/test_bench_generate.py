"""The benchmark corpus generator: a harvestable site whose planted answers are really in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from bench.generate import generate
from tasks.discover.sources import load_sources
from tasks.fetch.attachments import attachment_text
from tasks.fetch.documents import document_from_path
from tasks.normalize.normalize import normalize_page, normalize_text
from tasks.records import Attachment, FetchedDocument
from tasks.strip.strip import strip

N = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict, list[dict], list[dict]]:
    out = tmp_path_factory.mktemp("bench_corpus")
    manifest = generate(out, n=N, seed=8, jobs=1)
    reports = [json.loads(ln) for ln in (out / "reports.jsonl").read_text("utf-8").splitlines()]
    answers = [json.loads(ln) for ln in (out / "answers.jsonl").read_text("utf-8").splitlines()]
    return out, manifest, reports, answers


def _crawl(site: Path, start: str) -> tuple[set[str], int]:
    """Article paths linked from a column page and every page its 下一页 links lead to."""
    articles, pages, queue, seen = set(), 0, [start], {start}
    while queue:
        page_path = queue.pop(0)
        tree = lxml_html.fromstring((site / page_path.lstrip("/")).read_bytes())
        pages += 1
        for anchor in tree.iter("a"):
            target = urlsplit(urljoin(page_path, anchor.get("href", ""))).path
            if "/content/" in target:
                articles.add(target)
            elif anchor.text_content().strip() == "下一页" and target not in seen:
                seen.add(target)
                queue.append(target)
    return articles, pages


def test_column_pages_link_every_report(corpus) -> None:
    out, manifest, reports, _ = corpus
    site = out / "site"
    sources = load_sources(out / "sources.csv", "http://127.0.0.1:1")
    linked: set[str] = set()
    for source in sources:
        paths, pages = _crawl(site, urlsplit(source["url"]).path)
        assert pages == -(-len(paths) // 20), "20 links a page, paginated with 下一页"
        linked |= paths
    assert linked == {r["path"] for r in reports}
    assert manifest["reports"] == N and all((site / p.lstrip("/")).exists() for p in linked)


def test_every_template_is_present(corpus) -> None:
    _, manifest, reports, _ = corpus
    assert {"html", "gbk", "traditional", "docx"} <= set(manifest["templates"])
    gbk = next(r for r in reports if r["template"] == "gbk")
    raw = (corpus[0] / "site" / gbk["path"].lstrip("/")).read_bytes()
    assert b"charset=gb2312" in raw and gbk["title"].encode("gbk") in raw


def _document(site: Path, report: dict) -> FetchedDocument:
    doc = document_from_path(site / report["path"].lstrip("/"))
    if report["template"] == "docx":  # the page links its attachment by a site-absolute URL
        href = re.search(r'href="([^"]+\.docx)"', doc.text).group(1)
        doc.attachment, doc.kind = Attachment(href, doc.text), "text"
        doc.text = attachment_text((site / href.lstrip("/")).read_bytes(), href)
    return doc


def test_planted_answers_are_in_the_normalized_report_text(corpus) -> None:
    out, _, reports, answers = corpus
    by_path: dict[str, list[dict]] = {}
    for fact in answers:
        by_path.setdefault(fact["path"], []).append(fact)
    assert len(answers) >= N * 10, "a report plants a realistic number of facts"
    for report in reports:
        page = normalize_page(strip(_document(out / "site", report)))
        assert page.status == "ok", report["path"]
        assert page.script == ("traditional" if report["template"] == "traditional"
                               else "simplified")
        for fact in by_path[report["path"]]:
            assert normalize_text(fact["quote"]) in page.body, (report["path"], fact["quote"])
            assert fact["subject"] in fact["quote"]


def test_planted_values_follow_the_gold_conventions(corpus) -> None:
    answers = corpus[3]
    for fact in answers:
        if fact["unit"] == "%":
            assert fact["kind"] == "rate" and 0 <= fact["value"] <= 100
        elif fact["unit"] == "万元":  # 241.37万元 → 2413700 yuan, printed with ≤ 2 decimals
            assert fact["kind"] == "amount" and fact["value"] >= 100
        else:
            assert fact["kind"] == "count" and float(fact["value"]).is_integer()
    assert {f["qualifier"] for f in answers} - {None} <= {"余", "多", "近", "超", "超过", "约",
                                                         "以上"}


def test_the_same_seed_writes_the_same_site(corpus, tmp_path) -> None:
    out = corpus[0]
    again = tmp_path / "again"
    generate(again, n=N, seed=8, jobs=1)
    for name in ("answers.jsonl", "reports.jsonl", "sources.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes()
    first = sorted(p.relative_to(out / "site") for p in (out / "site").rglob("*") if p.is_file())
    assert first == sorted(p.relative_to(again / "site") for p in (again / "site").rglob("*")
                           if p.is_file())
    assert all((out / "site" / p).read_bytes() == (again / "site" / p).read_bytes()
               for p in first)


def test_no_two_reports_are_one_townships_report_for_one_year() -> None:
    """Report identity (tasks/identity.py) makes two reports of one township and year one
    report: the corpus gives every report its own (township, year) slot."""
    from bench.compose import _slot, load_townships

    count = len(load_townships())
    slots = {_slot(8, index, count) for index in range(count * 7)}
    assert len(slots) == count * 7
    assert {year for _, year in slots} == set(range(2019, 2026))
