"""Compare fazhi's stripper with trafilatura on portal pages wrapping the gold reports.

Run: .venv/bin/python bench/strip_vs_trafilatura.py
Pages: every template in bench/templates/ (see bench/portal_pages.py) × the five corpus
reports (the traditional-script template only with the traditional report).
Per tool and template: share of the true body's characters kept, characters kept that are
not body, chrome markers left in the body, title and date right, pages per second.
Both outputs are normalized (fazhi's normalize_text) before comparing.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from bench.portal_pages import ROOT, PortalPage, build_pages, held_out_pages  # noqa: E402
from tasks.normalize.normalize import normalize_text  # noqa: E402
from tasks.strip.strip import strip_html  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "strip_vs_trafilatura.md"
REPEATS = 3

# Chrome named in issue #4, counted when the output has more of it than the true body.
CHROME_MARKERS = [
    "无障碍", "长者", "登录", "位置", "浏览字号", "字体", "索引号", "发布机构", "组配分类",
    "成文日期", "公开方式", "浏览次数", "浏览量", "阅读次数", "点击数", "星期", "分享", "打印",
    "关闭", "版权", "Copyright", "ICP", "公网安备", "网站标识码", "联系电话", "地址", "相关链接",
    "相关阅读", "上一篇", "下一篇", "扫一扫", "网站地图", "联系我们", "发布时间", "来源",
]


@dataclass
class Extracted:
    body: str
    title: str | None
    date: str | None


def run_fazhi(html: str) -> Extracted:
    page = strip_html(html)
    return Extracted(page.body, page.title, page.fields.get("published"))


def _run_trafilatura(html: str, **options: bool) -> Extracted:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, **options)
    if doc is None:
        return Extracted("", None, None)
    get = doc.get if isinstance(doc, dict) else lambda name: getattr(doc, name, None)
    return Extracted(get("text") or "", get("title"), get("date"))


TOOLS: dict[str, Callable[[str], Extracted]] = {
    "fazhi strip_html": run_fazhi,
    "trafilatura": _run_trafilatura,
    "trafilatura favor_recall": lambda html: _run_trafilatura(html, favor_recall=True),
    "trafilatura favor_precision": lambda html: _run_trafilatura(html, favor_precision=True),
}


def _squash(text: str) -> str:
    return "".join(normalize_text(text).split())


def score(page: PortalPage, out: Extracted) -> dict[str, float]:
    body = _squash(out.body)
    paragraphs = [_squash(p) for p in page.true_body.split("\n")]
    total = sum(map(len, paragraphs))
    kept = sum(len(p) for p in paragraphs if p and p in body)
    truth = "".join(paragraphs)
    markers = sum(max(0, body.count(m) - truth.count(m)) for m in CHROME_MARKERS)
    title = _squash(out.title or "")
    return {
        "kept": kept / total,
        "extra": max(0, len(body) - kept),
        "markers": markers,
        "title_ok": float(title == page.title),
        "date_ok": float((out.date or "")[:10] == page.published),
        "exact": float(body == truth),
    }


def _timed(tool: Callable[[str], Extracted], pages: list[PortalPage]) -> tuple[list, float]:
    best = float("inf")
    outputs: list[Extracted] = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        outputs = [tool(p.html) for p in pages]
        best = min(best, time.perf_counter() - started)
    return outputs, len(pages) / best


def run() -> str:
    pages = build_pages() + held_out_pages()
    rows = []
    for name, tool in TOOLS.items():
        outputs, speed = _timed(tool, pages)
        by_template: dict[str, list[dict[str, float]]] = defaultdict(list)
        for page, out in zip(pages, outputs, strict=True):
            by_template[page.template].append(score(page, out))
        all_scores = [s for scores in by_template.values() for s in scores]
        for template, scores in [*sorted(by_template.items()), ("ALL", all_scores)]:
            n = len(scores)
            rows.append(
                f"| {name} | {template} | {n} "
                f"| {100 * sum(s['kept'] for s in scores) / n:.1f}% "
                f"| {sum(s['exact'] for s in scores):.0f}/{n} "
                f"| {sum(s['extra'] for s in scores) / n:.0f} "
                f"| {sum(s['markers'] for s in scores):.0f} "
                f"| {sum(s['title_ok'] for s in scores):.0f}/{n} "
                f"| {sum(s['date_ok'] for s in scores):.0f}/{n} "
                f"| {f'{speed:.1f}' if template == 'ALL' else ''} |"
            )
    header = (
        "| tool | template | pages | body chars kept | exact body | extra chars/page "
        "| chrome markers left | title ok | date ok | pages/s |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    return (
        "# strip_html vs trafilatura on portal templates\n\n"
        f"{len(pages)} pages: bench/templates/*.html × tests/gold/corpus reports "
        "(built by bench/portal_pages.py), plus the three article skins of "
        "bench/site_templates.py (issue #8, written independently of the stripper). "
        "Outputs normalized before comparing; "
        "`body chars kept` counts true-body paragraphs found whole in the output; "
        "`extra chars` are output characters beyond them; pages/s best of "
        f"{REPEATS} runs, single process.\n\n" + header + "\n" + "\n".join(rows) + "\n"
    )


def main() -> None:
    table = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
