"""A report's top keywords: TF-IDF with jieba's IDF table over words cut by jieba-rs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tasks.extract.subjects import USERDICT_PATH
from tasks.paths import SEEDS_DIR

STOPWORDS_PATH = SEEDS_DIR / "stopwords.txt"


@dataclass(frozen=True)
class KeywordModel:
    """jieba's IDF table and stop words, applied to words cut by jieba-rs.

    A whole body through jieba's pure-Python cut costs ~8 ms (it was half of extract); rjieba
    is the same algorithm on the same dictionary in Rust, ~0.3 ms. The domain words of
    seeds/jieba_userdict.txt are added to both cutters, so they agree on those.
    """

    cut: Callable[[str], list[str]]
    idf: dict[str, float]
    median_idf: float
    stop_words: frozenset[str]


@cache
def keyword_model() -> KeywordModel:
    import rjieba
    from jieba.analyse import TFIDF

    extractor = TFIDF()
    extractor.set_stop_words(str(STOPWORDS_PATH))
    cutter = rjieba.Jieba()
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        word, *rest = line.split()
        cutter.add_word(word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None)
    return KeywordModel(cutter.cut, extractor.idf_freq, extractor.median_idf,
                        frozenset(extractor.stop_words))


def extract_keywords(body: str, top_n: int = 20) -> list[tuple[str, float]]:
    """Top TF-IDF terms of the body (jieba's IDF and weighting, domain stop words removed)."""
    model = keyword_model()
    counts = Counter(word for word in model.cut(body)
                     if len(word.strip()) >= 2 and word.lower() not in model.stop_words
                     and not word.isdigit())
    total = sum(counts.values())
    weights = {word: n * model.idf.get(word, model.median_idf) / total
               for word, n in counts.items()}
    return sorted(weights.items(), key=lambda item: item[1], reverse=True)[:top_n]
