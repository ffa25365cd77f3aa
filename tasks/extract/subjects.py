"""Subjects of numeric facts: the shortest phrase naming what a number counts.

Works on short spans around a number only (the clause part before it, the noun phrase after
it), cut and tagged by jieba-rs with the domain dictionary (segmenter.py); never on a whole body.
"""

from __future__ import annotations

import re

from tasks.extract import patterns
from tasks.extract.segmenter import common_words, is_dictionary_word, tagged_tokens, tokens

_BOUNDARY = patterns.SUBJECT_BOUNDARY_WORDS
_VERB_BOUNDARY = patterns.SUBJECT_VERB_BOUNDARIES
_AFTER_STOP = patterns.AFTER_SUBJECT_STOP_WORDS | _BOUNDARY | _VERB_BOUNDARY
_PUNCT = set(" \t、,;:。!?()（）[]【】")
_DIGIT_RE = re.compile(r"[0-9０-９]")
_SPACE_NEAR_CJK_RE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")
# 一是…, (三)…, 1.… opening a clause are list markers, not part of a subject.
_LIST_MARKER_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是|\([一二三四五六七八九十\d]+\)|\d+[.、])"
)
_ASIDE_RE = re.compile(
    rf"\((?:{'|'.join(patterns.ASIDE_OPENERS)})[^()]*\)|\([^()]{{{patterns.ASIDE_MIN_CHARS},}}\)"
)
_LEADING_PARENTHETICAL_RE = re.compile(r"^\s*\([^()]{0,6}\)")  # 法律咨询641宗(次)
_LIST_SPLIT_RE = re.compile(patterns.SUBJECT_LIST_SEPARATORS)
_TIME_PHRASE_RE = re.compile(patterns.TIME_PHRASE_PATTERN)
_NP_ENDING_TAGS = patterns.NOUN_PHRASE_ENDING_TAGS
_NOUN_TAGS = patterns.NOUN_TAGS


def clean_subject(text: str) -> str:
    """Spaces next to Chinese removed (PDF text: 各村 LED 宣传), stray marks and asides
    (乡镇数(包括镇、乡、民族乡)) trimmed; short name parts like 村(社区) stay."""
    text = _ASIDE_RE.sub("", _SPACE_NEAR_CJK_RE.sub("", text)).strip(" 、,;:。(")
    text = _LIST_MARKER_RE.sub("", text)
    if text.endswith("“"):
        text = text[:-1]
    if text.startswith(")"):
        text = text[1:]
    return text.strip()


def _place_prefix_length(words: list[str]) -> int:
    """Tokens a leading place name takes (炭步|镇|综合行政执法立案 → 2), 0 if none."""
    if len(words) > 1 and len(words[0]) >= 3 and words[0].endswith(patterns.PLACE_SUFFIXES):
        return 1
    if (
        len(words) > 2
        and len(words[0]) >= 2
        and words[1] in patterns.PLACE_SUFFIXES
        and not is_dictionary_word(words[0])  # a proper name, not 覆盖|镇|村干部
    ):
        return 2
    return 0


def _is_boundary(word: str, is_last: bool) -> bool:
    if word in _BOUNDARY or _DIGIT_RE.search(word):
        return True
    if word in _VERB_BOUNDARY:
        return not is_last
    # jieba keeps some verb compounds whole: 统筹办理, 组织召开
    return len(word) > 2 and word[-2:] in _BOUNDARY and not is_last


_GENERIC_HEADS = frozenset(patterns.INDICATOR_GENERIC_HEADS)


def _last_boundary(words: list[str], stop: int) -> int:
    """Index just after the last boundary word among ``words[:stop]`` (0 if none)."""
    for i in range(stop - 1, -1, -1):
        if _is_boundary(words[i], i == len(words) - 1):
            return i + 1
    return 0


def _last_light_boundary(words: list[str], stop: int) -> int:
    """Like _last_boundary, but content verbs (发放, 设置) inside an item list do not cut it."""
    for i in range(stop - 1, -1, -1):
        if words[i] in _BOUNDARY or _DIGIT_RE.search(words[i]):
            return i + 1
    return 0


_TRAILING_BY_LENGTH = sorted(patterns.SUBJECT_TRAILING_WORDS, key=len, reverse=True)


def _unglue_trailing(word: str) -> str:
    """jieba glues a particle to the word before a number (履行率为, 败诉数共, 压缩比达): cut
    it off. Common dictionary words stay whole (行为 is not 行 + 为)."""
    if word in common_words(patterns.COMMON_WORD_MIN_FREQ):
        return word
    for particle in _TRAILING_BY_LENGTH:
        if word.endswith(particle) and len(word) > len(particle):
            return word[: -len(particle)]
    return word


def before_subject(region: str) -> tuple[str, bool]:
    """Subject printed before the number, and whether a distributive adverb (均) shares it.

    ``镇公共法律服务站接待群众法律咨询`` → ``群众法律咨询``; ``结案率为`` → ``结案率``.
    """
    # DOCX text flattened with a blank between characters (受 理 行 政 复 议): words again
    region = _SPACE_NEAR_CJK_RE.sub("", region)
    # a time phrase never names what is counted: 截至11月底共受理诉求236件 → 诉求;
    # 出庭应诉率2007年是7.1% → 出庭应诉率
    region = _TIME_PHRASE_RE.sub("", region)
    opened = region.rfind("(")
    if opened > region.rfind(")"):  # 矛盾化解效率(成功率达99%): the aside names its own figure
        region = region[opened + 1 :]
    distributive = False
    stripped = region.rstrip()
    if stripped.endswith(patterns.SHARED_VALUE_WORDS):  # 合法性审查率、备案率双100%
        region, distributive = stripped[:-1], True
    words = tokens(region)
    while words:
        last = words[-1]
        lead = next((d for d in patterns.DISTRIBUTIVE_WORDS if last.startswith(d)), "")
        if lead and (last == lead or last[len(lead) :] in patterns.SUBJECT_TRAILING_WORDS):
            distributive = True  # 均, 均达 (jieba keeps 均达 whole), 都
        elif last not in patterns.SUBJECT_TRAILING_WORDS and (last not in _PUNCT or last in "()"):
            unglued = _unglue_trailing(last)
            if unglued == last:
                break
            words[-1] = unglued
            continue
        words.pop()
    cut = _last_boundary(words, len(words))
    if cut > 0 and words[cut - 1] == "等" and "".join(words[cut:]) in _GENERIC_HEADS | {""}:
        # 开展讲座、送法下乡等活动36场次 / 通过举办宣讲、设置展板等30余场次: the items name it
        cut = _last_light_boundary(words, cut - 1)
    if cut > 0 and len("".join(words[cut:])) == 1:
        cut -= 1  # 及时受理率: a lone 率 needs the word before it
    words = words[cut:]
    while words and words[-1] == "等":  # 举办讲座、设置咨询台等40余场次
        words.pop()
    while words and (
        words[0] in patterns.SUBJECT_LEADING_WORDS
        or words[0] in _PUNCT
        or (len(words) > 1 and len(words[0]) <= 3 and words[0].startswith("各"))  # 各村, 各部门
    ):
        words.pop(0)
    words = words[_place_prefix_length(words) :]
    return clean_subject("".join(words)), distributive


def after_subject(after: str, ran_into_number: bool, rest_of_clause: str) -> str:
    """Noun phrase printed after a count: ``16次综合行政执法案审会`` → ``综合行政执法案审会``.

    ``after`` is the text from the unit to the next 、, number or clause end. A phrase that
    runs straight into the next number is that number's subject, not this one's; a count
    followed by a modifier ending in 的 counts the noun after it (3000多人次的群众评议).
    """
    after = _LEADING_PARENTHETICAL_RE.sub("", after)
    tagged = _quoted_names_as_nouns(tagged_tokens(after))
    words = [word for word, _ in tagged]
    phrase: list[tuple[str, str]] = []
    ended_by_verb = False
    for i, (word, flag) in enumerate(tagged):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in patterns.PHRASE_INNER_WORDS and following in patterns.PHRASE_INNER_WORDS[word]:
            phrase.append((word, "n"))  # 11项工作举措: 工作 modifies the head after it
            tagged[i + 1] = (following, "n")  # jieba tags 举措 a verb
            continue
        if word in patterns.PHRASE_FINAL_HEADS and phrase and not following:
            phrase.append((word, "n"))  # 明确10大类37项重点工作, : the clause ends on its head
            break
        if (
            word in patterns.NOUN_MODIFIER_ENDINGS and phrase
            and i + 1 < len(tagged) and tagged[i + 1][1].startswith(_NOUN_TAGS)
        ):
            phrase.append((word, "f"))  # 14名科级以上领导干部: 科级以上 modifies 领导干部
            continue
        # a verb, preposition, conjunction, particle or adverb ends the noun phrase
        # (3起违法行为处以罚款, 38名网格员参加培训) once it has begun
        ends_phrase = flag.startswith(_NP_ENDING_TAGS) and flag != "vn"
        if word in _AFTER_STOP or word in _PUNCT or (phrase and ends_phrase):
            ended_by_verb = flag.startswith("v") and word not in _AFTER_STOP
            break
        phrase.append((word, flag))
    if phrase and not any(flag.startswith(_NOUN_TAGS) for _, flag in phrase):
        phrase = []  # 1件结转下年度: a verb phrase, not what is counted
    subject = clean_subject("".join(word for word, _ in phrase))
    if subject and ran_into_number and ended_by_verb and not after.rstrip().endswith(
        patterns.RESULT_COMPLEMENTS
    ):
        # 400余份法律顾问进村宣讲2次: the phrase is the next count's clause; but in 155个检查事项
        # 整合到32个行业 the verb sends this count's items to the next one (到), and in 4个领域
        # 15项普法实绩 the noun meets the next number with no verb between: they are this one's
        return ""
    if subject.endswith(patterns.RATE_NOUN_ENDINGS):
        return ""
    if not subject and words and "的" in rest_of_clause and not _DIGIT_RE.search(rest_of_clause):
        tail = clean_subject(rest_of_clause.rsplit("的", 1)[1])
        if 1 < len(tail) <= 12:
            return tail
    return subject


def _quoted_names_as_nouns(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A “…” name inside a noun phrase is one noun: 18项区级“免申即享”政策服务 (jieba cuts the
    quoted 免申即享 into verbs, which would end the phrase at 区级)."""
    merged: list[tuple[str, str]] = []
    i = 0
    while i < len(tagged):
        if tagged[i][0] == "“":
            close = next((j for j in range(i + 1, len(tagged)) if tagged[j][0] == "”"), -1)
            if close > 0:
                merged.append(("".join(w for w, _ in tagged[i : close + 1]), "nz"))
                i = close + 1
                continue
        merged.append(tagged[i])
        i += 1
    return merged


def split_distributed(subject: str) -> list[str]:
    """``参考率、合格率`` sharing one value (均达100%) → one subject each.

    The first item's modifier is shared by short heads after it:
    ``学法考试参考率、合格率`` → ``学法考试参考率``, ``学法考试合格率``.
    """
    # split at separator words, not characters: 及 in 报备及时率 is part of 及时
    pieces, current = [], []
    for word in tokens(subject, hmm=False):
        if _LIST_SPLIT_RE.fullmatch(word):
            pieces.append("".join(current))
            current = []
        else:
            current.append(word)
    pieces.append("".join(current))
    parts = [p for p in (clean_subject(p) for p in pieces) if p]
    if len(parts) < 2:
        return [subject]
    modifier = shared_modifier(parts[0])
    return [parts[0]] + [
        modifier + p if modifier and len(tokens(p)) == 1 else p for p in parts[1:]
    ]


def shared_modifier(subject: str) -> str:
    """What precedes the head word of a subject (学法考试参考率 → 学法考试), '' if one word."""
    words = tokens(subject)
    return "".join(words[:-1]) if len(words) > 1 else ""


def is_bare_head(subject: str) -> bool:
    """A subject that is one short head word (合格率, 结案率): it needs a modifier."""
    return len(subject) <= 4 and len(tokens(subject)) == 1
