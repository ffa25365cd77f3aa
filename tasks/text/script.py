"""Chinese script: detect traditional text, convert it (t2s), and the line keys rules match on.

Detection and conversion read the tables of OpenCC's pure-Python package
(opencc-python-reimplemented). Detection counts characters that appear in its
traditional→simplified character table (a set lookup), and conversion runs only on texts (or
lines) that contain such characters; conversion gives what the package's converter gives,
~20x faster (see ``to_simplified``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Share of CJK characters found in the traditional-only set: simplified prose scores ~0 (a
# few characters such as 著/於 are shared), traditional prose 0.15-0.30.
TRADITIONAL_SHARE = 0.04
MIN_TRADITIONAL_CHARS = 3
SAMPLE_CHARS = 20_000  # detection looks at most at this many characters


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    """Characters OpenCC's t2s table changes (its TSCharacters dictionary)."""
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for row in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = row.partition("\t")
        if len(source) == 1 and source not in targets.split():
            chars.add(source)
    return frozenset(chars)


@dataclass(frozen=True)
class _T2STables:
    """OpenCC's t2s group: TSPhrases first, then TSCharacters on what no phrase covered."""

    phrases: dict[str, str]
    phrase_lengths: dict[str, tuple[int, ...]]  # a phrase's first character → its lengths
    phrase_starts: re.Pattern  # any first character of a phrase
    characters: dict[int, str]  # for str.translate


def _first_targets(dictionary: str) -> dict[str, str]:
    """One of the package's dictionaries, each source mapped to its first target (乾 → 干), as
    OpenCC's converter reads it."""
    path = Path(opencc.__file__).parent / "dictionary" / dictionary
    table = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = row.strip().partition("\t")
        if source:
            table[source] = targets.split(" ")[0]
    return table


@lru_cache(maxsize=1)
def _t2s_tables() -> _T2STables:
    phrases = _first_targets("TSPhrases.txt")
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    return _T2STables(
        phrases, {ch: tuple(sorted(ns)) for ch, ns in lengths.items()},
        re.compile("[" + "".join(map(re.escape, sorted(lengths))) + "]"),
        {ord(ch): target for ch, target in _first_targets("TSCharacters.txt").items()})


def to_simplified(text: str) -> str:
    """OpenCC's t2s conversion of the whole text: its tables and its result, ~20x faster.

    OpenCC's pure-Python converter splits the text at punctuation, then searches each span
    again for the longest phrase at every split (~9 ms for a traditional report). Its result
    is the same as taking phrase occurrences longest first (the leftmost of equals), each
    unless it overlaps one already taken, and converting the rest character by character;
    no phrase or converted character holds a separator, so the spans need no splitting.
    Here phrases are found once and the characters between are one ``str.translate``.
    tests/test_normalize.py checks the result against ``OpenCC("t2s").convert``.
    """
    tables = _t2s_tables()
    size = len(text)
    found = [(-n, start) for start in (m.start() for m in tables.phrase_starts.finditer(text))
             for n in tables.phrase_lengths[text[start]]
             if start + n <= size and text[start:start + n] in tables.phrases]
    if not found:
        return text.translate(tables.characters)
    taken: list[tuple[int, int]] = []
    covered = bytearray(size)
    for minus_n, start in sorted(found):
        end = start - minus_n
        if not any(covered[start:end]):
            covered[start:end] = b"\x01" * (end - start)
            taken.append((start, end))
    out, done = [], 0
    for start, end in sorted(taken):
        out += (text[done:start].translate(tables.characters), tables.phrases[text[start:end]])
        done = end
    out.append(text[done:].translate(tables.characters))
    return "".join(out)


def has_traditional(text: str) -> bool:
    return not traditional_chars().isdisjoint(text)


def simplified_key(text: str) -> str:
    """Text in simplified script, converting only if it holds traditional characters."""
    return to_simplified(text) if has_traditional(text) else text


def detect_script(text: str) -> str:
    """'traditional' or 'simplified', from the share of traditional-only characters."""
    half = SAMPLE_CHARS // 2
    sample = text if len(text) <= SAMPLE_CHARS else text[:half] + text[-half:]
    trad = traditional_chars()
    cjk = len(_CJK.findall(sample))
    changed = sum(1 for ch in sample if ch in trad)
    if cjk == 0 or changed < MIN_TRADITIONAL_CHARS:
        return "simplified"
    return "traditional" if changed / cjk >= TRADITIONAL_SHARE else "simplified"


KEY_CONVERT_MAX_CHARS = 200
_SPACE_RE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


# A page's lines are keyed several times (title search, metadata, classification), and a
# portal repeats its chrome lines on every page: a cache pays for itself many times over.
@lru_cache(maxsize=16384)
def line_key(line: str) -> str:
    """The form patterns are matched on: no whitespace, half-width ASCII, simplified script.

    Only lines short enough to be chrome, metadata or a title are converted to simplified;
    prose lines are only tested for script-neutral things (sentence ends, CJK counts).
    """
    key = unicodedata.normalize("NFKC", _SPACE_RE.sub("", line))
    return simplified_key(key) if len(key) <= KEY_CONVERT_MAX_CHARS else key
