"""Score extraction against the planted answers: fact precision/recall and metadata accuracy.

A planted fact is found when the same report (matched by URL path) has an extracted fact with
the same value whose subject overlaps the planted one (one contains the other, or they share
at least two consecutive characters). Each extracted fact matches one planted fact at most.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from urllib.parse import urlsplit

MIN_SHARED_CHARS = 2
META_FIELDS = ("town", "region_code", "report_year", "published", "script")


def subjects_overlap(planted: str, extracted: str | None) -> bool:
    if not extracted:
        return False
    if planted in extracted or extracted in planted:
        return True
    return any(planted[i:i + MIN_SHARED_CHARS] in extracted
               for i in range(len(planted) - MIN_SHARED_CHARS + 1))


def same_value(planted: float, extracted: float) -> bool:
    return abs(planted - extracted) <= 1e-6 * max(1.0, abs(planted))


@dataclass
class Score:
    planted: int = 0
    extracted: int = 0
    matched: int = 0
    value_matched: int = 0  # planted facts whose value was extracted under any subject
    by_template: dict[str, list[int]] = field(default_factory=dict)  # template -> [hit, all]
    meta_right: dict[str, int] = field(default_factory=dict)
    meta_total: int = 0
    missed_examples: list[dict] = field(default_factory=list)
    spurious_examples: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.planted if self.planted else 0.0

    @property
    def value_recall(self) -> float:
        return self.value_matched / self.planted if self.planted else 0.0


def read_jsonl(path: Path) -> list[dict]:
    return list(iter_jsonl(path))


def iter_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            if line.strip():
                yield json.loads(line)


def read_warehouse(path: Path) -> tuple[dict[str, list[tuple]], dict[str, dict]]:
    """Extracted facts and report fields per URL path, from a harvested warehouse."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        facts: dict[str, list[tuple]] = defaultdict(list)
        for url, subject, value in con.execute(
                "SELECT r.url, f.subject, f.value FROM facts f JOIN reports r "
                "USING (report_id) ORDER BY r.url, f.fact_no").fetchall():
            facts[urlsplit(url).path].append((subject, value))
        metadata = {}
        for row in con.execute(f"SELECT url, {', '.join(META_FIELDS)} FROM reports").fetchall():
            metadata[urlsplit(row[0]).path] = {
                name: (str(value) if name == "published" and value is not None else value)
                for name, value in zip(META_FIELDS, row[1:], strict=True)}
    finally:
        con.close()
    return dict(facts), metadata


def _match_report(planted: list[dict], extracted: list[tuple]) -> tuple[int, int, list, list]:
    used: set[int] = set()
    hits, value_hits, missed = 0, 0, []
    for fact in planted:
        same = [i for i, e in enumerate(extracted) if same_value(fact["value"], e[1])]
        if same:
            value_hits += 1
        match = next((i for i in same if i not in used
                      and subjects_overlap(fact["subject"], extracted[i][0])), None)
        if match is None:
            missed.append(fact)
        else:
            used.add(match)
            hits += 1
    spurious = [e for i, e in enumerate(extracted) if i not in used]
    return hits, value_hits, missed, spurious


def score(answers: Iterable[dict], reports: list[dict], extracted: dict[str, list[tuple]],
          metadata: dict[str, dict], examples: int = 5) -> Score:
    """answers/reports: the generator's rows; extracted/metadata: per URL path, from the run.

    answers come grouped by report (as answers.jsonl is written), so they can be streamed.
    """
    result = Score()
    template_of = {r["path"]: r["template"] for r in reports}
    planted_paths = set()
    for path, group in groupby(answers, key=lambda fact: fact["path"]):
        planted = list(group)
        planted_paths.add(path)
        got = extracted.get(path, [])
        hits, value_hits, missed, spurious = _match_report(planted, got)
        result.planted += len(planted)
        result.extracted += len(got)
        result.matched += hits
        result.value_matched += value_hits
        tally = result.by_template.setdefault(template_of.get(path, "?"), [0, 0])
        tally[0] += hits
        tally[1] += len(planted)
        seen = {m["subject"] for m in result.missed_examples}
        if len(result.missed_examples) < examples:
            result.missed_examples += [{"path": path, **m} for m in missed
                                       if m["subject"] not in seen][:1]
        if len(result.spurious_examples) < examples:
            result.spurious_examples += [{"path": path, "subject": s, "value": v}
                                         for s, v in spurious[:1]]
    for path, facts in extracted.items():  # facts read from notices are all spurious
        if path not in planted_paths:
            result.extracted += len(facts)
            result.spurious_examples += [{"path": path, "subject": s, "value": v}
                                         for s, v in facts[:1]]
    _score_metadata(result, reports, metadata)
    return result


def _score_metadata(result: Score, reports: list[dict], metadata: dict[str, dict]) -> None:
    result.meta_right = dict.fromkeys(META_FIELDS, 0)
    for report in reports:
        if report["template"] == "notice":
            continue
        result.meta_total += 1
        got = metadata.get(report["path"], {})
        expected = {**report, "script": "traditional" if report["template"] == "traditional"
                    else "simplified"}
        for name in META_FIELDS:
            if got.get(name) is not None and str(got.get(name)) == str(expected.get(name)):
                result.meta_right[name] += 1
