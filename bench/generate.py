"""Build a synthetic portal of N township reports for the benchmark, with the answers planted.

The reports recombine the sentence patterns and value ranges of the real reports
(bench/report_patterns.py) with townships drawn from seeds/regions/, rendered in the templates a
harvester meets: HTML with chrome, GBK pages with only a meta charset, DOCX attachments and
traditional Chinese. Report i depends only on (seed, i), so the same command writes the same
bytes and a larger N keeps the reports of a smaller one. Next to the site go answers.jsonl (one
planted fact a line), reports.jsonl (one report a line) and manifest.json.

    python -m bench.generate OUT_DIR --n 10000 [--seed 8] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from collections import Counter
from contextlib import nullcontext
from multiprocessing import Pool
from pathlib import Path

from bench.compose import Report, compose_notice, compose_report, load_townships
from bench.render import render_article, render_columns, render_docx, to_traditional
from bench.site_templates import HOME_PAGE, ROBOTS_TXT, SITE_NAME

GENERATOR_VERSION = 3  # bump when the output for a given (n, seed) changes
DEFAULT_SEED = 8  # issue #8
COLUMN_DIR = "zwgk/fzzfjs"
# Reports per portal column. Discovery reads at most Settings.max_list_pages (20) list pages of
# 20 links per source, so a column stays under 400 and the corpus is spread over many portals
# (one directory /pNNN/ each on the loopback host, one row each in sources.csv).
COLUMN_REPORTS = 300
NOTICE_EVERY = 100  # one non-report article per this many reports, as on real columns
# Template shares; DOCX is kept small because python-docx is slow to write.
TEMPLATE_WEIGHTS = (("html", 0.60), ("gbk", 0.20), ("traditional", 0.15), ("docx", 0.05))


def column_dir(column: int) -> str:
    return f"p{column:03d}/{COLUMN_DIR}"


def article_path(post_id: int, column: int) -> str:
    return f"/{column_dir(column)}/content/{post_id // 1000}/post_{post_id}.html"


def attachment_path(post_id: int, column: int) -> str:
    return f"/p{column:03d}/attachment/{post_id // 1000}/{post_id}/post_{post_id}.docx"


def _post_id(index: int) -> int:
    return 4_000_000 + index


def _write(site: Path, rel: str, data: bytes) -> None:
    path = site / rel.lstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _encodable(report: Report, encoding: str) -> bool:
    try:
        "".join([report.title, report.issuer, *report.lines]).encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _build_one(site: Path, index: int, seed: int, townships: list) -> tuple[dict, list[dict]]:
    """Write one article (and attachment); return its listing/report row and planted facts."""
    post_id = _post_id(index)
    report = compose_report(seed, index, townships, TEMPLATE_WEIGHTS)
    if index < len(TEMPLATE_WEIGHTS):  # the first reports take each template: any N has all
        report.template = TEMPLATE_WEIGHTS[index][0]
    if report.template == "gbk" and not _encodable(report, "gbk"):
        report.template = "html"  # a rare township character GBK lacks: publish as UTF-8
    if report.template == "traditional" and not to_traditional(report):
        report.template = "html"  # the t2s round trip would change a planted clause
    column = index // COLUMN_REPORTS
    path = article_path(post_id, column)
    if report.template == "docx":
        docx_path = attachment_path(post_id, column)
        _write(site, path, render_article(report, attachment=docx_path))
        _write(site, docx_path, render_docx(report))
    else:
        _write(site, path, render_article(report))
    row = {**report.row(path, post_id), "column": column}
    facts = [{"path": path, **fact} for fact in report.facts]
    return row, facts


def _build_chunk(args: tuple[str, list[int], int]) -> tuple[list[dict], list[dict]]:
    site, indexes, seed = args
    townships = load_townships()
    rows, facts = [], []
    for index in indexes:
        if index < 0:  # a notice: a non-report article on the same column
            notice = compose_notice(seed, -index)
            post_id = _post_id(10_000_000 - index)
            column = (-index * NOTICE_EVERY - 1) // COLUMN_REPORTS
            path = article_path(post_id, column)
            _write(Path(site), path, render_article(notice))
            rows.append({**notice.row(path, post_id), "column": column})
            continue
        row, planted = _build_one(Path(site), index, seed, townships)
        rows.append(row)
        facts.extend(planted)
    return rows, facts


def _work_items(n: int) -> list[int]:
    """Report indexes 0..n-1 with a notice (negative index) after every NOTICE_EVERY reports."""
    items: list[int] = []
    for index in range(n):
        items.append(index)
        if (index + 1) % NOTICE_EVERY == 0:
            items.append(-((index + 1) // NOTICE_EVERY))
    return items


def generate(out_dir: Path, n: int = 10_000, seed: int = DEFAULT_SEED, jobs: int = 1) -> dict:
    """Write the portal to out_dir/site and the answers next to it; returns the manifest."""
    started = time.perf_counter()
    site = out_dir / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    items = _work_items(n)
    chunk = min(500, max(50, len(items) // (jobs * 8) or 1))
    chunks = [(str(site), items[i:i + chunk], seed) for i in range(0, len(items), chunk)]
    rows: list[dict] = []
    facts = 0
    # Chunks arrive in order and are written as they come: memory holds the listing, not the
    # millions of planted facts of a 100,000-report corpus.
    with (out_dir / "answers.jsonl").open("w", encoding="utf-8") as answers, \
            Pool(jobs) if jobs > 1 else nullcontext() as pool:
        results = pool.imap(_build_chunk, chunks) if pool else map(_build_chunk, chunks)
        for chunk_rows, chunk_facts in results:
            rows += chunk_rows
            facts += len(chunk_facts)
            answers.writelines(json.dumps(f, ensure_ascii=False) + "\n" for f in chunk_facts)
    columns = sorted({r["column"] for r in rows})
    for column in columns:
        listed = [r for r in rows if r["column"] == column]
        for rel, data in render_columns(listed, column_dir(column)).items():
            _write(site, rel, data)
    _write_sources(out_dir / "sources.csv", columns)
    _write(site, "index.html", HOME_PAGE.substitute(site_name=SITE_NAME).encode("utf-8"))
    _write(site, "robots.txt", ROBOTS_TXT.encode("ascii"))
    _write_jsonl(out_dir / "reports.jsonl", rows)
    manifest = {
        "generator_version": GENERATOR_VERSION, "n": n, "seed": seed,
        "reports": sum(1 for r in rows if r["template"] != "notice"),
        "notices": sum(1 for r in rows if r["template"] == "notice"),
        "facts": facts, "templates": dict(Counter(r["template"] for r in rows)),
        "columns": len(columns),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    return manifest


def _write_sources(path: Path, columns: list[int]) -> None:
    """The sources CSV of tasks.fetch.load_sources: one list source per portal column."""
    lines = ["source_id,name,url,kind,region_hint"]
    lines += [f"bench_p{c:03d},合成门户{c:03d},{{portal}}/{column_dir(c)}/index.html,list,"
              for c in columns]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def existing_manifest(out_dir: Path, n: int, seed: int) -> dict | None:
    """The manifest of a corpus already in out_dir if it is this (n, seed, version)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = (manifest.get("n"), manifest.get("seed"), manifest.get("generator_version")) == (
        n, seed, GENERATOR_VERSION)
    return manifest if same and (out_dir / "site" / "index.html").exists() else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?",
                        default=Path("warehouse") / "bench_portal")
    parser.add_argument("--n", type=int, default=10_000, help="number of reports")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    manifest = generate(args.out_dir, args.n, args.seed, args.jobs)
    print(json.dumps(manifest, ensure_ascii=False))


if __name__ == "__main__":
    main()
