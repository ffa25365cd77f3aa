"""Score fact extraction against the hand-checked facts in tests/gold/facts.jsonl.

Each report goes through fazhi.pipeline.process, the path `fazhi extract` and the flows run,
twice: from its corpus text file, and from its article page on the bundled demo portal
(seeds/portal/site/; for the DOCX report, the attachment its page links), so the score
covers the HTML path users harvest too. A predicted fact matches a gold fact of the same report when

* the values agree (relative difference < 1e-6),
* both are rates or both are not (kind == "rate"),
* the subjects overlap: after removing spaces, one contains the other, or they share a run of
  at least two consecutive characters (the gold subject is "the shortest phrase", a prediction
  may carry more or less of the clause; two characters keep 法律咨询 from matching 调解纠纷).

Matching is one-to-one and greedy by overlap length, so with two gold 72宗 facts each
prediction takes the gold whose subject it shares most with. A prediction matching an optional
gold is ignored (neither a hit nor a false positive); unmatched optional golds are not misses.

Of every hit, the relations are scored too: its scope (gold ``scope``, ``year`` when absent)
and its total (gold ``part_of``: the total's subject and value; the prediction's ``part_of``
must point at the fact matched to that total, or both have none).

Run ``python tests/gold_scorer.py`` to print the tables with every miss and false positive.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fazhi.pipeline import process  # noqa: E402
from fazhi.portal import SITE_DIR, load_articles  # noqa: E402
from tasks.fetch.documents import document_from_path  # noqa: E402
from tasks.records import Batch, Fact, FetchedDocument  # noqa: E402

GOLD_DIR = ROOT / "tests" / "gold"
CORPUS_DIR = GOLD_DIR / "corpus"
SOURCES = ("text", "portal")  # what a report is read from: its corpus text, the demo portal
MIN_SHARED_RUN = 2


def _squash(text: str | None) -> str:
    return (text or "").replace(" ", "").replace("\u3000", "")


def longest_shared_run(a: str, b: str) -> int:
    """Length of the longest common substring (the subjects are short: O(len·len) is fine)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for ch_a in a:
        current = [0] * (len(b) + 1)
        for j, ch_b in enumerate(b, start=1):
            if ch_a == ch_b:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def subject_overlap(predicted: str, gold: str) -> int:
    """How strongly two subjects overlap; 0 when they do not match."""
    p, g = _squash(predicted), _squash(gold)
    if not p or not g:
        return 0
    if p in g or g in p:
        return 1000 + min(len(p), len(g))
    run = longest_shared_run(p, g)
    return run if run >= MIN_SHARED_RUN else 0


def values_agree(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


@dataclass
class DocScore:
    doc: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict] = field(default_factory=list)
    false_positives: list[Fact] = field(default_factory=list)
    relations_ok: int = 0  # hits whose scope and total agree with the gold's
    relation_misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def relation_agreement(self) -> float:
        return self.relations_ok / self.tp if self.tp else 1.0


def pair_facts(predicted: list[Fact], golds: list[dict]) -> dict[int, int]:
    """predicted index → gold index, one to one: equal values of the same rate-or-not kind,
    the largest subject overlap first."""
    candidates = []
    for pi, fact in enumerate(predicted):
        for gi, gold in enumerate(golds):
            if not values_agree(fact.value, float(gold["value"])):
                continue
            if (fact.kind == "rate") != (gold["kind"] == "rate"):
                continue
            overlap = subject_overlap(fact.subject, gold["subject"])
            if overlap:
                candidates.append((overlap, pi, gi))
    candidates.sort(key=lambda c: -c[0])
    gold_of: dict[int, int] = {}
    used_g: set[int] = set()
    for _, pi, gi in candidates:
        if pi not in gold_of and gi not in used_g:
            gold_of[pi] = gi
            used_g.add(gi)
    return gold_of


def score_doc(doc: str, predicted: list[Fact], golds: list[dict]) -> DocScore:
    score = DocScore(doc)
    gold_of = pair_facts(predicted, golds)
    used_p, used_g = set(gold_of), set(gold_of.values())
    score.tp = sum(1 for gi in used_g if not golds[gi].get("optional"))
    for pi, gi in gold_of.items():
        if not golds[gi].get("optional"):
            problem = relation_problem(predicted, pi, golds, gi, gold_of)
            if problem:
                score.relation_misses.append(problem)
            else:
                score.relations_ok += 1
    for gi, gold in enumerate(golds):
        if gi not in used_g and not gold.get("optional"):
            score.fn += 1
            score.misses.append(gold)
    for pi, fact in enumerate(predicted):
        if pi not in used_p:
            score.fp += 1
            score.false_positives.append(fact)
    return score


def relation_problem(predicted: list[Fact], pi: int, golds: list[dict], gi: int,
                     gold_of: dict[int, int]) -> str:
    """What a hit gets wrong about its scope or its total, '' when nothing."""
    fact, gold = predicted[pi], golds[gi]
    problems = []
    if fact.scope != gold.get("scope", "year"):
        problems.append(f"scope {fact.scope} (gold {gold.get('scope', 'year')})")
    want = gold.get("part_of")
    total = gold_of.get(fact.part_of) if fact.part_of is not None else None
    got = golds[total] if total is not None else None
    if want is None and fact.part_of is not None:
        problems.append(f"part of fact {fact.part_of} (gold: no total)")
    elif want is not None and (
        got is None or got["subject"] != want["subject"]
        or not values_agree(float(got["value"]), float(want["value"]))
    ):
        problems.append(f"part of {got and got['subject']} (gold {want['subject']})")
    return f"{gold['subject']} = {gold['value']}: " + "; ".join(problems) if problems else ""


def load_gold() -> dict[str, list[dict]]:
    golds: dict[str, list[dict]] = {}
    for line in (GOLD_DIR / "facts.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            golds.setdefault(row["doc"], []).append(row)
    return golds


def portal_pages() -> dict[str, Path]:
    """Corpus file name → what the demo portal serves it as: its article page, or for a report
    the page only links as an attachment (附件), that attachment (seeds/portal/articles.csv)."""
    return {article.text_path.name: SITE_DIR / (article.attachment_href if article.format == "docx"
                                                 else article.href).lstrip("/")
            for article in load_articles() if article.text_path.parent == CORPUS_DIR}


def document(doc: str, source: str) -> FetchedDocument:
    """A corpus report as the pipeline receives it: its text file, or what the portal serves."""
    if source == "portal":
        return document_from_path(portal_pages()[doc])
    text = (CORPUS_DIR / doc).read_text(encoding="utf-8")
    return FetchedDocument(url=f"file://{CORPUS_DIR / doc}", kind="text", text=text)


def predict(doc: str, source: str = "text") -> tuple[list[Fact], int, float]:
    """Facts of one corpus report, its body length and the extract stage's seconds."""
    batch = process(Batch(None, docs=[document(doc, source)]), validate=False)
    extraction = batch.extractions[0]
    if extraction is None:
        return [], 0, 0.0
    return extraction.facts, len(extraction.body), batch.seconds["extract"][0]


def score_corpus(source: str = "text") -> tuple[list[DocScore], float]:
    """Per-report scores and the extract stage's throughput (chars/s) over the corpus."""
    golds = load_gold()
    predict(sorted(golds)[0])  # load jieba and its dictionary outside the timing
    scores, chars, seconds = [], 0, 0.0
    paths = sorted(CORPUS_DIR.glob("*.txt"))
    if source == "portal":  # the demo portal serves the first five reports, not every one
        served = portal_pages()
        paths = [p for p in paths if p.name in served]
    for path in paths:
        facts, n_chars, elapsed = predict(path.name, source)
        chars += n_chars
        seconds += elapsed
        scores.append(score_doc(path.name, facts, golds.get(path.name, [])))
    return scores, chars / seconds if seconds else 0.0


def totals(scores: list[DocScore]) -> DocScore:
    total = DocScore("TOTAL")
    for s in scores:
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
        total.relations_ok += s.relations_ok
    return total


def format_table(scores: list[DocScore], details: bool = False) -> str:
    lines = [f"{'report':<28}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}"
             f"{'relations':>11}"]
    for s in [*scores, totals(scores)]:
        lines.append(f"{s.doc:<28}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.precision:>11.3f}{s.recall:>8.3f}"
                     f"{s.relation_agreement:>11.3f}")
    if details:
        for s in scores:
            for gold in s.misses:
                lines.append(f"MISS {s.doc[:3]} {gold['subject']} = {gold['value']} {gold['unit']}"
                             f"  «{gold['quote']}»")
            for fact in s.false_positives:
                lines.append(f"FP   {s.doc[:3]} {fact.subject} = {fact.value} {fact.unit}"
                             f"  «{fact.quote}»")
            for problem in s.relation_misses:
                lines.append(f"REL  {s.doc[:3]} {problem}")
    return "\n".join(lines)


if __name__ == "__main__":
    for corpus_source in SOURCES:
        corpus_scores, chars_per_second = score_corpus(corpus_source)
        print(f"from the {corpus_source} of each report")
        print(format_table(corpus_scores, details=True))
        print(f"extract: {chars_per_second:,.0f} chars/s\n")
