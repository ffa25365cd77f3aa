"""The extract stage's one Chinese word segmenter: jieba-rs with the domain dictionary.

jieba-rs (the ``rjieba`` binding) is jieba's algorithm on jieba's dictionary in Rust: it cuts
whole bodies for keywords (~0.3 ms a report, 8 ms in jieba) and tags the short spans around
numbers for subjects. Loading jieba itself as well cost a worker ~120 MB (its dictionary as
Python dicts, posseg's HMM tables), so jieba is only a data package here: its dictionary
frequencies and IDF table are read from its files, never through ``import jieba``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tasks.paths import SEEDS_DIR

if TYPE_CHECKING:
    import rjieba

USERDICT_PATH = SEEDS_DIR / "jieba_userdict.txt"


def _userdict_entries() -> Iterator[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of each seeds/jieba_userdict.txt line (jieba's user dict format)."""
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        word, *rest = line.split()
        yield word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None


@cache
def segmenter() -> rjieba.Jieba:
    """jieba-rs with the domain words added, built once per process and shared by every use."""
    import rjieba

    cutter = rjieba.Jieba()
    for word, freq, tag in _userdict_entries():
        cutter.add_word(word, freq, tag)
    return cutter


def jieba_data_file(relative: str) -> Path:
    """A data file shipped in the jieba package (dict.txt, analyse/idf.txt), found without
    importing jieba (its import alone loads the HMM tables)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jieba package (dictionary and IDF data) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / relative


@cache
def common_words(min_freq: int) -> frozenset[str]:
    """Dictionary words with frequency ≥ ``min_freq``: jieba's dict.txt (the dictionary
    jieba-rs embeds), user dictionary frequencies taking precedence as they do in the cutter."""
    user = {word: freq for word, freq, _ in _userdict_entries() if freq is not None}
    words = set()
    with jieba_data_file("dict.txt").open(encoding="utf-8") as lines:  # streamed: 349k lines
        for line in lines:
            word, freq, *_ = line.split(" ")
            if word not in user and int(freq) >= min_freq:
                words.add(word)
    words.update(word for word, freq in user.items() if freq >= min_freq)
    return frozenset(words)


def tokens(text: str, hmm: bool = True) -> list[str]:
    """Words of a text, blanks dropped; ``hmm=False`` keeps to dictionary words (unknown runs
    split into characters instead of being guessed into words like 对七份)."""
    return [t for t in segmenter().cut(text, hmm) if t.strip()]


def tagged_tokens(text: str) -> list[tuple[str, str]]:
    """Words of a short span with their part-of-speech flags (jieba's tag set), blanks dropped."""
    return [(word, flag) for word, flag in segmenter().tag(text, True) if word.strip()]


def is_dictionary_word(word: str) -> bool:
    """The word is in the dictionary (jieba's or the domain one)."""
    return bool(segmenter().has_word(word))
