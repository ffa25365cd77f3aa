"""The extract stage's one segmenter (issue #18): jieba-rs for spans and bodies, jieba as data.

A fresh interpreter extracts a real gold report through fazhi.pipeline.process and lists which
segmenter modules it loaded: jieba-rs only, never jieba's Python segmenter or posseg. The data
read from jieba's files (dictionary frequencies, the TF-IDF table) is checked against jieba
itself, which stays installed for those files.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tasks.extract.keywords import JIEBA_STOP_WORDS, STOPWORDS_PATH, keyword_model
from tasks.extract.patterns import COMMON_WORD_MIN_FREQ
from tasks.extract.segmenter import common_words, is_dictionary_word, tagged_tokens, tokens
from tasks.paths import PROJECT_ROOT

PROBE = """
import json, sys
from pathlib import Path
from fazhi.pipeline import process
from tasks.records import Batch, FetchedDocument
path = sorted(Path("tests/gold/corpus").glob("*.txt"))[0]
doc = FetchedDocument(url=f"file://{path.resolve()}", kind="text",
                      text=path.read_text(encoding="utf-8"))
extraction = process(Batch(None, docs=[doc]), validate=False).extractions[0]
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("jieba", "rjieba"))
print(json.dumps({"facts": len(extraction.facts), "keywords": len(extraction.keywords),
                  "loaded": loaded}))
"""


def test_extracting_a_report_loads_jieba_rs_and_not_jieba() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["facts"] > 0 and result["keywords"] > 0  # the report was really extracted
    assert "rjieba" in result["loaded"]
    assert [m for m in result["loaded"] if m.split(".")[0] == "jieba"] == []  # nor jieba.posseg


def test_domain_dictionary_words_stay_whole_with_their_tags() -> None:
    # seeds/jieba_userdict.txt: 法律明白人 2000 n (jieba's own dictionary cuts it 法律|明白人)
    assert "法律明白人" in tokens("培养法律明白人120名")
    assert ("法律明白人", "n") in tagged_tokens("法律明白人120名")
    assert is_dictionary_word("法律明白人")


def test_tags_end_a_noun_phrase_at_its_verb() -> None:
    # after_subject reads these flags: 3起违法行为处以罚款 → 违法行为 (处以 a verb)
    tagged = dict(tagged_tokens("违法行为处以罚款"))
    assert tagged["处以"].startswith("v")
    assert tagged["罚款"].startswith(("n", "vn"))


def test_common_words_match_jieba_dictionary_frequencies() -> None:
    import jieba

    jieba.initialize()
    common = common_words(COMMON_WORD_MIN_FREQ)
    assert "行为" in common  # 8963 in jieba's dict.txt: 行为 is not 行 + 为
    assert "比达" not in common  # 260: 压缩比达89% glues a particle
    expected = {w for w, f in jieba.dt.FREQ.items() if f >= COMMON_WORD_MIN_FREQ}
    user = {line.split()[0] for line in
            (PROJECT_ROOT / "seeds" / "jieba_userdict.txt").read_text(encoding="utf-8").split("\n")
            if line.strip()}
    assert common - user == expected - user


def test_keyword_table_is_jieba_analyse_tfidf() -> None:
    from jieba.analyse import TFIDF

    reference = TFIDF()
    reference.set_stop_words(str(STOPWORDS_PATH))
    model = keyword_model()
    assert model.idf == reference.idf_freq
    assert model.median_idf == reference.median_idf
    assert model.stop_words == frozenset(reference.stop_words)
    assert JIEBA_STOP_WORDS == frozenset(reference.STOP_WORDS)
