"""Compare fazhi's stripper with readability-lxml, trafilatura, GNE and jusText on pages built
from real government article templates (bench/real_pages.py, provenance in
bench/templates/real/README.md) around the gold corpus reports.

Run: .venv/bin/pip install -e '.[bench]' && .venv/bin/python -m bench.compare_extractors
Writes bench/results/compare_extractors.md: per template and tool, the lowest and mean body F1
over its pages (5 reports × <p> and MsoNormal markup) and the chrome lines kept; then the
totals with pages per second. fazhi's strip needs none of the other libraries; a library that
is not installed is reported as missing rather than stopping the run.

How each tool is run, with the settings its documentation gives for article text:
  readability-lxml  Document(html).summary(html_partial=True), flattened to lines
  trafilatura       extract(html, include_comments=False, include_tables=True)
  GNE               GeneralNewsExtractor().extract(html)["content"]
  jusText           justext(html, stoplist) non-boilerplate paragraphs; jusText has no Chinese
                    stoplist and splits words on spaces, so stopword density means nothing on
                    Chinese: the stopword thresholds are set to 0 and paragraphs are judged by
                    length and link density (with the default thresholds every paragraph of
                    every page is boilerplate, F1 0)
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.portal_pages import ROOT  # noqa: E402
from bench.real_pages import body_f1, build_real_pages, chrome_lines  # noqa: E402
from tasks.strip.strip import strip_html  # noqa: E402
from tasks.text.html import flatten, parse_html  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "compare_extractors.md"
CHINESE_FUNCTION_WORDS = frozenset("的 了 和 是 在 有 我 也 就 都 而 及 与 着 或 一个 没有 我们 "
                                   "你们 他们 这 那 之 其 以 为 于 对 等 中 将 把 被".split())


def run_fazhi(html: str) -> str:
    return strip_html(html).body


def run_readability(html: str) -> str:
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return "\n".join(text for text, _ in flatten(parse_html(summary)))


def run_trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def run_gne(html: str) -> str:
    from gne import GeneralNewsExtractor

    return GeneralNewsExtractor().extract(html).get("content") or ""


def run_justext(html: str) -> str:
    import justext

    # Stopword thresholds at 0: paragraphs are judged by length and link density alone.
    paragraphs = justext.justext(html.encode("utf-8"), CHINESE_FUNCTION_WORDS,
                                 stopwords_low=0.0, stopwords_high=0.0)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


TOOLS: dict[str, Callable[[str], str]] = {
    "fazhi strip": run_fazhi,
    "readability-lxml": run_readability,
    "trafilatura": run_trafilatura,
    "GNE": run_gne,
    "jusText": run_justext,
}


def _run(tool: Callable[[str], str], html: str) -> str:
    try:
        return tool(html)
    except ImportError:
        raise
    except Exception:  # noqa: BLE001 - a tool that fails on a page extracted nothing from it
        return ""


def run() -> str:
    pages = build_real_pages()
    rows, totals = [], []
    for name, tool in TOOLS.items():
        try:
            # CPU time of this process: the machine is shared, wall time moves with its load
            started = time.process_time()
            outputs = [_run(tool, p.html) for p in pages]
            speed = len(pages) / (time.process_time() - started)
        except ImportError as exc:
            totals.append(f"| {name} | not installed ({exc.name}) | | | | |")
            continue
        by_template: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for page, out in zip(pages, outputs, strict=True):
            by_template[page.template].append(
                (body_f1(out, page.true_body), len(chrome_lines(out, page.true_body))))
        for template, scores in sorted(by_template.items()):
            rows.append((template, name, min(f for f, _ in scores),
                         sum(f for f, _ in scores) / len(scores), sum(c for _, c in scores)))
        all_scores = [s for scores in by_template.values() for s in scores]
        passed = sum(1 for scores in by_template.values()
                     if min(f for f, _ in scores) >= 0.95 and not sum(c for _, c in scores))
        totals.append(
            f"| {name} | {sum(f for f, _ in all_scores) / len(all_scores):.3f} "
            f"| {min(f for f, _ in all_scores):.3f} | {sum(c for _, c in all_scores)} "
            f"| {passed}/{len(by_template)} | {speed:.1f} |")
    copied = _copied_rows(pages)
    table = ["| template | tool | lowest body F1 | mean body F1 | chrome lines kept |",
             "|---|---|---|---|---|"]
    table += [f"| {t} | {n} | {lo:.3f} | {mean:.3f} | {c} |" for t, n, lo, mean, c in rows]
    return (
        "# Body extraction on real government article templates\n\n"
        f"{len(pages)} pages: {len({p.template for p in pages})} real templates "
        "(bench/templates/real/, provenance in its README) × the 5 gold corpus reports × "
        "<p> and Word MsoNormal body markup (bench/real_pages.py). Body F1 over characters of "
        "the normalized text; a chrome line is an output line that is not part of the report "
        "body. A template passes when every one of its pages has F1 ≥ 0.95 and no chrome "
        "line is kept. Produced by `python -m bench.compare_extractors`.\n\n"
        "| tool | mean body F1 | lowest body F1 | chrome lines kept | templates passed "
        "| pages per CPU second |\n|---|---|---|---|---|---|\n" + "\n".join(totals) + "\n\n"
        "## Per template\n\n" + "\n".join(table) + "\n\n"
        "## The same pages copied as plain text\n\n"
        "Every block and table cell a line of its own, as a copy out of a browser or a PDF "
        "export of the page gives them (bench/real_pages.py `copied_text`); only fazhi reads "
        "plain text (strip_text), the other tools need markup.\n\n"
        "| template | lowest body F1 | chrome lines kept | disclosure fields lifted |\n"
        "|---|---|---|---|\n" + "\n".join(copied) + "\n"
    )


def _copied_rows(pages: list) -> list[str]:
    from bench.real_pages import copied_text
    from tasks.strip.strip import strip_text

    by_template: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
    for page in pages:
        if page.markup != "p":
            continue
        stripped = strip_text(copied_text(page.html))
        lifted = len({"index_no", "issuing_body", "doc_date", "published"} & set(stripped.fields))
        by_template[page.template].append((body_f1(stripped.body, page.true_body),
                                           len(chrome_lines(stripped.body, page.true_body)),
                                           lifted))
    return [f"| {t} | {min(f for f, _, _ in s):.3f} | {sum(c for _, c, _ in s)} "
            f"| {max(n for _, _, n in s)} |" for t, s in sorted(by_template.items())]


def main() -> None:
    table = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
