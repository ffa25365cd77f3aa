"""Chinese script helpers shared by strip and normalize: detect traditional text cheaply, t2s.

OpenCC's pure-python converter runs at roughly 800k chars/s, so it is never used just to
find out whether a text is traditional: detection counts characters that appear in OpenCC's
own traditional→simplified character table (a set lookup), and conversion runs only on
texts (or lines) that contain such characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc
from opencc import OpenCC

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Share of CJK characters found in the traditional-only set: simplified prose scores ~0 (a
# few characters such as 著/於 are shared), traditional prose 0.15-0.30.
TRADITIONAL_SHARE = 0.04
MIN_TRADITIONAL_CHARS = 3
SAMPLE_CHARS = 20_000  # detection looks at most at this many characters


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


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


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (whole text, no detection)."""
    return _t2s().convert(text)


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
