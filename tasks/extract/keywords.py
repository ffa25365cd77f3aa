"""A report's top keywords: TF-IDF with jieba's IDF table over words cut by jieba-rs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from tasks.extract.segmenter import jieba_data_file, segmenter
from tasks.paths import SEEDS_DIR

STOPWORDS_PATH = SEEDS_DIR / "stopwords.txt"
# jieba.analyse's built-in stop words (KeywordExtractor.STOP_WORDS), applied before ours.
JIEBA_STOP_WORDS = frozenset({
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as",
    "on", "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all",
    "not", "one", "has", "or",
})


@dataclass(frozen=True)
class KeywordModel:
    """jieba's IDF table (analyse/idf.txt) and stop words, applied to words cut by jieba-rs.

    This is jieba.analyse.TFIDF's table and weighting, read from its file: importing
    jieba.analyse would load jieba's segmenter and posseg's tables (~110 MB) for nothing.
    """

    idf: dict[str, float]
    median_idf: float
    stop_words: frozenset[str]


@cache
def keyword_model() -> KeywordModel:
    idf: dict[str, float] = {}
    values: dict[str, float] = {}  # 270k words share 3,328 IDF values: one float object each
    with jieba_data_file("analyse/idf.txt").open(encoding="utf-8") as lines:  # streamed
        for line in lines:
            word, value = line.strip().split(" ")
            idf[word] = values.setdefault(value, float(value))
    median_idf = sorted(idf.values())[len(idf) // 2]  # as jieba's IDFLoader
    ours = STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()
    return KeywordModel(idf, median_idf, JIEBA_STOP_WORDS | frozenset(ours))


def extract_keywords(body: str, top_n: int = 20) -> list[tuple[str, float]]:
    """Top TF-IDF terms of the body (jieba's IDF and weighting, domain stop words removed)."""
    model = keyword_model()
    counts = Counter(word for word in segmenter().cut(body)
                     if len(word.strip()) >= 2 and word.lower() not in model.stop_words
                     and not word.isdigit())
    total = sum(counts.values())
    weights = {word: n * model.idf.get(word, model.median_idf) / total
               for word, n in counts.items()}
    return sorted(weights.items(), key=lambda item: item[1], reverse=True)[:top_n]
