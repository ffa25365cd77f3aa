"""Which report a document is: the natural key and report id, body fingerprints, similarity.

A report is one government's report for one year. Its id does not depend on where it was
found: the same report under http and https, with or without ``www.``, in a moved column, on
a mirror host, as an HTML page or its PDF attachment, or re-posted under a new URL, is one
report (docs/warehouse.md, "Report identity", states the rule). The body's fingerprint tells
versions of one report apart; the similarity of two bodies tells a revision (similar) from a
different report claiming the same key (dissimilar).

Pure: no warehouse, no settings. The MinHash of character shingles lives here, once, for
the three uses that need it: revision vs conflict, the batch's near-duplicate check and the
whole-warehouse band index (``band_hashes``).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import numpy as np

from tasks.records import ReportMeta
from tasks.text.script import line_key

# The kind of report: a half-year report (上半年 …) is not the year's report of that
# government. Seen on portals as "2023年上半年法治政府建设工作情况报告".
ANNUAL_KIND = "annual"
HALF_YEAR_KIND = "half_year"
_HALF_YEAR_RE = re.compile(r"上半年|半年度|半年")

# Levels whose region code names one government (a township's, a street's, a county's): the
# region is the key. A department (XX县司法局) shares its county's code, so its issuer is
# part of its key too (the county government and its 司法局 each publish a report a year).
DEPARTMENT_LEVEL = "department"

ID_CHARS = 16

# --- similarity: MinHash of character shingles ---------------------------------------------

SHINGLE_CHARS = 5
SKETCH_SIZE = 64
# The band index: the 64 min-hashes cut into 8 sub-bands of 8, and one key per pair of
# sub-bands (28 keys: 16 min-hashes must agree). Two bodies become candidates when one key
# agrees: probability 1 - (1 - J^16)^28, 0.997 at Jaccard 0.9, 0.03 at 0.65, 0.001 at 0.53.
# Plain bands of 8 (1 - (1 - J^8)^8: 0.99 at 0.9 but 0.05 at 0.53) made every pair of the
# synthetic bench corpus, whose reports share Jaccard 0.5-0.65, a candidate 5% of the time:
# 4,800 candidates a report at 100,000 loaded. A candidate is then estimated and confirmed,
# so a false candidate costs time, not a false alert.
SUB_BANDS = 8
ROWS_PER_BAND = SKETCH_SIZE // SUB_BANDS
BAND_PAIRS = tuple((i, j) for i in range(SUB_BANDS) for j in range(i + 1, SUB_BANDS))
BANDS = len(BAND_PAIRS)  # keys per report in minhash_bands
# Two bodies under one key with Jaccard at least this are a revision of one report (a
# corrected figure, a reworded paragraph: a revision keeps most 5-grams, > 0.8 for a few
# changed paragraphs); below it they are different reports claiming the same key. Reports of
# different townships written from one outline share much: the bench corpus's, composed
# from one pool of sentences, reach 0.65, so the line is above that.
REVISION_JACCARD = 0.7

# Two bodies sharing this share of their 5-grams are copies of one another (a report
# carried by a county and a township portal, re-posted with a new header line).
NEAR_DUPLICATE_JACCARD = 0.9
# Bodies with fewer shingles are too short to call duplicates (two empty pages are not a pair).
MIN_SHINGLES = 50

_BASE = np.uint64(1_000_003)
_PERMUTATIONS = np.random.default_rng(5).integers(
    1, 2**63, size=(2, SKETCH_SIZE), dtype=np.uint64)
_PERMUTATIONS[1] |= np.uint64(1)  # odd multipliers: x ↦ (x ^ a) · b is a bijection
_BAND_MIX = np.random.default_rng(11).integers(
    1, 2**63, size=ROWS_PER_BAND, dtype=np.uint64) | np.uint64(1)
_PAIR_MIX = np.random.default_rng(13).integers(1, 2**63, size=2, dtype=np.uint64) | np.uint64(1)


def issuer_key(issuer: str | None) -> str | None:
    """The issuer as the key compares it: the one line key (no blanks, half-width,
    simplified), so 龍歸鎮人民政府 and 龙归镇 人民政府 are one issuer."""
    if not issuer:
        return None
    key = line_key(issuer)
    return key or None


def report_kind(title: str | None) -> str:
    return HALF_YEAR_KIND if title and _HALF_YEAR_RE.search(line_key(title)) else ANNUAL_KIND


def natural_key(region_code: str | None, issuer: str | None, level: str | None,
                report_year: int | None, title: str | None) -> str | None:
    """``region:<code>|<year>|<kind>`` (a department adds ``|issuer:<issuer>``), or
    ``issuer:<issuer>|<year>|<kind>`` without a region; None without a year or without both
    region and issuer (such a report falls back to its URL, ``url_report_id``)."""
    issuer = issuer_key(issuer)
    if report_year is None or not (region_code or issuer):
        return None
    kind = report_kind(title)
    if region_code:
        key = f"region:{region_code}|{report_year}|{kind}"
        if level == DEPARTMENT_LEVEL and issuer:
            key += f"|issuer:{issuer}"
        return key
    return f"issuer:{issuer}|{report_year}|{kind}"


def canonical_url(url: str) -> str:
    """The URL without what does not change the document: scheme, ``www.``, a default port,
    the fragment, case of the host, a trailing ``index.html``-less slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{netloc}{path}{query}"


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_CHARS]


def url_report_id(url: str) -> str:
    """The fallback id of a report that names no year or no region and issuer."""
    return _short_hash(f"url:{canonical_url(url)}")


def report_id(key: str | None, url: str) -> str:
    """The report id: a short hash of the natural key, or of the canonical URL without one."""
    return _short_hash(key) if key else url_report_id(url)


def report_id_of(meta: ReportMeta, url: str) -> str:
    """The id of the report an extraction read from ``url``."""
    return report_id(natural_key(meta.region_code, meta.issuer, meta.level, meta.report_year,
                                 meta.title), url)


def body_sha256(body: str) -> str:
    """The fingerprint of a version: sha256 of the normalized body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def shingle_hashes(body: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the body's character k-grams (blanks removed), as a
    polynomial rolling hash over the code points, computed for all positions at once."""
    text = "".join(body.split())
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    k = SHINGLE_CHARS
    count = len(codes) - k + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(k):  # unsigned arithmetic wraps modulo 2**64, as a hash should
        hashes = hashes * _BASE + codes[offset : offset + count]
    return np.unique(hashes)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """k min-hashes (one per pseudo-random permutation of the hash space); two bodies agree
    on a position with probability equal to their Jaccard similarity."""
    if not len(hashes):
        return np.zeros(SKETCH_SIZE, dtype=np.uint64)
    return ((hashes[:, None] ^ _PERMUTATIONS[0]) * _PERMUTATIONS[1]).min(axis=0)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted distinct hash arrays."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def similarity(first: str, second: str) -> float:
    """Exact Jaccard of two bodies' character shingle sets."""
    return jaccard(shingle_hashes(first), shingle_hashes(second))


def band_hashes(signatures: np.ndarray) -> np.ndarray:
    """One signed 64-bit key per pair of sub-bands of each MinHash signature (rows: reports,
    columns: the BANDS keys), the values the ``minhash_bands`` table stores and looks up."""
    signatures = np.atleast_2d(signatures).astype(np.uint64)
    sub = signatures.reshape(len(signatures), SUB_BANDS, ROWS_PER_BAND)
    mixed = (sub * _BAND_MIX).sum(axis=2, dtype=np.uint64)  # wraps modulo 2**64
    mixed ^= mixed >> np.uint64(29)
    first = np.array([i for i, _ in BAND_PAIRS])
    second = np.array([j for _, j in BAND_PAIRS])
    keys = mixed[:, first] * _PAIR_MIX[0] + mixed[:, second] * _PAIR_MIX[1]
    keys ^= keys >> np.uint64(31)
    return keys.view(np.int64)
