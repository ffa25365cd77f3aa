"""Records handed from one stage to the next; the contract between stage modules.

Each stage reads the record of the stage before it and returns its own, so the data flows
one way: FetchedDocument → StrippedPage → NormalizedPage → Extraction → quality rows → load.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from hashlib import sha256
from typing import Any

from tasks.limits import DOCUMENT_BUDGET_S


def report_id_for(url: str) -> str:
    """The id of a page by its URL: a rejected page's, and every report's before report
    identity (migration 0002); a report's id is ``tasks/identity.py``'s."""
    return sha256(url.encode("utf-8")).hexdigest()[:16]


@dataclass
class FetchAttempt:
    """One HTTP attempt; becomes a row of ``fetches``."""

    url: str
    status: int | None
    error: str | None  # error class: timeout, http_500, challenge, soft_404, too_large, ...
    attempt: int
    bytes: int
    sha256: str | None
    elapsed_ms: float
    fetched_at: str  # ISO timestamp, UTC
    source_id: str | None = None


@dataclass
class Attachment:
    """The file a report came as (PDF, DOCX) and the article page that linked it, if one did:
    the page is kept for its title and date line, which the file does not print."""

    url: str
    page_html: str | None = None
    page_sha256: str | None = None  # raw sha256 of the article page


@dataclass
class FetchedDocument:
    """A report as fetched: the decoded article page, or the text of the attachment it is.

    ``kind`` says what ``text`` holds: ``html`` (a decoded page), ``text`` (plain text, e.g.
    from a PDF or DOCX attachment or a .txt file). When the report is an attachment (the
    article page only links it, or the URL is the file itself), ``text`` is the attachment's
    text, ``kind`` is ``text`` and ``attachment`` says where it came from.
    """

    url: str
    kind: str  # "html" | "text"
    text: str
    source_id: str | None = None
    region_hint: str | None = None
    raw_sha256: str | None = None
    encoding: str | None = None
    attachment: Attachment | None = None
    controls_removed: int = 0  # control characters taken out of the decoded text

    @property
    def attachment_url(self) -> str | None:
        return self.attachment.url if self.attachment else None

    @property
    def page_html(self) -> str | None:
        return self.attachment.page_html if self.attachment else None

    @property
    def page_sha256(self) -> str | None:
        return self.attachment.page_sha256 if self.attachment else None


@dataclass
class StrippedPage:
    """Report content with page chrome removed, and the metadata the chrome carried."""

    title: str | None
    body: str  # paragraphs separated by "\n"
    # metadata lifted from chrome: published, source, issuing_body, index_no, doc_date, ...
    fields: dict[str, str] = field(default_factory=dict)
    status: str = "ok"  # ok | empty | not_found | under_construction


@dataclass
class NormalizedPage:
    """Stripped page in canonical form: simplified script, half-width, PDF breaks rejoined."""

    title: str | None
    body: str
    original_body: str  # as published, before conversion (kept for traditional reports)
    script: str  # "traditional" | "simplified"
    fields: dict[str, str] = field(default_factory=dict)
    status: str = "ok"


@dataclass
class Fact:
    """One numeric fact; field names follow tests/gold/SCHEMA.md."""

    subject: str
    value: float | None  # None: the printed number does not fit a float (a quality error)
    unit: str | None
    kind: str  # count | rate | amount | change | other
    qualifier: str | None
    quote: str
    start: int  # offsets into the normalized body
    end: int
    indicator: str | None = None
    section: str | None = None  # achievements | problems | plans | None
    value_max: float | None = None  # upper bound of a printed range (3-5次: value 3, max 5)
    # year: this year's figure | cumulative: since a start (自…以来, 历年) | multi_year: a span of
    # years (近三年, 2021-2023年) | prior: an earlier period's figure (由62%提升到98%, (上年9件))
    scope: str = "year"
    part_of: int | None = None  # index (fact_no) of the total this is a part of (其中, 包括, 含)
    direction: str | None = None  # up | down, for kind change (同比下降12.5%)
    printed: str | None = None  # number and unit as printed (796.41万元; value, unit: 7964100 元)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ReportMeta:
    """Report metadata; field names follow tests/gold/SCHEMA.md (``level`` is fazhi's own)."""

    title: str | None = None
    issuer: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None
    region_code: str | None = None
    # who issued it: a government (town | street | county | city | province) or one of its
    # departments (county-dept | city-dept | province-dept: a 司法局, 自然资源局, 司法厅 …)
    level: str | None = None
    report_year: int | None = None
    published: str | None = None  # YYYY-MM-DD
    script: str = "simplified"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Section:
    """A heading of the report's outline (一、… / (一)…) and the body span it governs."""

    level: int
    heading: str
    start: int
    end: int
    kind: str | None = None  # achievements | problems | plans | None


@dataclass
class Extraction:
    """Everything extracted from one report."""

    report: ReportMeta
    body: str
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    keywords: list[tuple[str, float]] = field(default_factory=list)
    # Where a page title or file name states another year than the report's own words
    # ("page title says 2023"); checked as report_year_agrees.
    year_conflict: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "report": self.report.to_dict(),
            "body": self.body,
            "facts": [f.to_dict() for f in self.facts],
        }


@dataclass
class QualityResult:
    """One data-quality check on one report; becomes a row of ``quality_results``."""

    report_id: str
    check: str  # e.g. fact_rate_within_0_100, report_year_plausible, closed_le_filed
    passed: bool
    observed: str | None  # what was seen, human-readable (e.g. "出庭应诉率 120%")
    expected: str | None  # what the check wants (e.g. "0 ≤ rate ≤ 100")
    severity: str  # error | warning
    suite: str | None = None  # the GX suite (or "cross_fact") that produced it
    # the document checked: two URLs of one report are checked apart, and only the rows of
    # the body the warehouse shows are kept (tasks/load/identity.py)
    url: str | None = None


@dataclass
class Batch:
    """A batch of reports on its way through the stages; each stage fills its own field.

    Batching keeps Prefect's per-task cost (~5–10 ms a run) small against the work, and one
    record per batch lets a flow chain stage futures (on threads or a Dask cluster) without
    unpacking tuples. Lists are aligned with ``docs``.
    """

    source_id: str | None
    docs: list[FetchedDocument] = field(default_factory=list)
    attempts: list[FetchAttempt] = field(default_factory=list)
    stripped: list[StrippedPage] = field(default_factory=list)
    pages: list[NormalizedPage] = field(default_factory=list)
    extractions: list[Extraction | None] = field(default_factory=list)
    quality: list[QualityResult] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # URLs fetched, same bytes as loaded
    rejected: list[RejectedItem] = field(default_factory=list)  # turned down by discovery
    # URL → MinHash signature of the extracted body (tasks/identity.py), computed where the
    # batch is validated, for the whole-warehouse near-duplicate lookup the writer does
    signatures: dict[str, Any] = field(default_factory=dict)
    # stage → (wall seconds, CPU seconds) spent on this batch, wherever the batch ran
    seconds: dict[str, tuple[float, float]] = field(default_factory=dict)
    # suite → (GX result key, result JSON) of this batch, for Data Docs built elsewhere
    gx_results: dict[str, tuple[tuple, str]] = field(default_factory=dict)
    # wall seconds one document may take in a stage (tasks/budget.py); over it: rejected
    budget_s: float | None = DOCUMENT_BUDGET_S


def merge_batches(parts: list[Batch]) -> Batch:
    """Fetched batches of several sources as one batch to process (a county portal lists a
    few dozen reports: processed alone, each would pay GX's ~0.35 s a batch run)."""
    if len(parts) == 1:
        return parts[0]
    seconds: dict[str, tuple[float, float]] = {}
    for part in parts:
        for stage, (wall, cpu) in part.seconds.items():
            total = seconds.get(stage, (0.0, 0.0))
            seconds[stage] = (total[0] + wall, total[1] + cpu)
    sources = {part.source_id for part in parts}
    return Batch(sources.pop() if len(sources) == 1 else None,
                 docs=[doc for part in parts for doc in part.docs],
                 attempts=[attempt for part in parts for attempt in part.attempts],
                 unchanged=[url for part in parts for url in part.unchanged],
                 rejected=[item for part in parts for item in part.rejected],
                 seconds=seconds)


def timed(stage: str, run: Callable[..., Batch], *args: Any) -> Batch:
    """``run(*args)``, with the wall and CPU seconds it took added to the returned batch's
    ``seconds`` under ``stage``: measured in whatever process runs the stage."""
    wall, cpu = time.perf_counter(), time.thread_time()
    out = run(*args)
    out.seconds = {**out.seconds,
                   stage: (time.perf_counter() - wall, time.thread_time() - cpu)}
    return out


@dataclass(frozen=True)
class RejectedItem:
    """A list item turned down by its title (a look-alike of a report); a ``rejected_pages``
    row with its reason (``not_a_report_<why>``), though its page was never fetched."""

    url: str
    title: str
    reason: str
