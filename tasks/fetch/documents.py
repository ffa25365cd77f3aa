"""Report URLs → FetchedDocuments: a decoded page, or the text of the attachment it links.

Pages that are not documents (challenges, soft 404s, login walls) and unreadable
attachments become FetchAttempt error classes, never documents. The same document
builders read local files for `fazhi extract` and stored bytes for `fazhi reprocess`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from tasks.fetch.attachments import (
    AttachmentError,
    attachment_text,
    attachment_type,
    main_attachment,
)
from tasks.fetch.client import FetchFailed, FetchSettings, HttpClient, Response, source_settings
from tasks.fetch.decode import DecodeError, decode_bytes
from tasks.fetch.patterns import (
    CHALLENGE_MARKERS,
    CHALLENGE_MAX_TEXT,
    CHALLENGE_STATUSES,
    LOGIN_MAX_TEXT,
    LOGIN_TEXT,
    PAGE_PROSE_MIN_CJK,
    SOFT_404_MAX_TEXT,
    SOFT_404_TEXT,
)
from tasks.fetch.raw_store import load_raw, store_raw
from tasks.records import Attachment, Batch, FetchAttempt, FetchedDocument
from tasks.text.html import page_title_text, parse_html, prose_cjk, text_blocks

ATTACHMENT_TYPES = {"pdf", "docx", "doc", "wps", "ofd"}


# --- pages that are not documents ------------------------------------------------------------
def error_page_class(status: int, page_html: str) -> str | None:
    """challenge | soft_404 | login_wall for a decoded page that is not a document, else None."""
    tree = parse_html(page_html)
    blocks = text_blocks(tree)
    visible = sum(len(b) for b in blocks)
    has_script = bool(tree.xpath("//script"))
    if CHALLENGE_MARKERS.search(page_html) and visible <= CHALLENGE_MAX_TEXT:
        return "challenge"
    if status in CHALLENGE_STATUSES and has_script and visible <= CHALLENGE_MAX_TEXT:
        return "challenge"
    if status >= 400:
        return None  # the http_<status> class already says it
    if prose_cjk(blocks) >= PAGE_PROSE_MIN_CJK:
        return None  # a real body, whatever its chrome says
    title = page_title_text(tree)
    text = "\n".join(blocks)
    if SOFT_404_TEXT.search(title) or (visible <= SOFT_404_MAX_TEXT and SOFT_404_TEXT.search(text)):
        return "soft_404"
    if LOGIN_TEXT.search(title) or (visible <= LOGIN_MAX_TEXT and (
            LOGIN_TEXT.search(text) or tree.xpath("//input[@type='password']"))):
        return "login_wall"
    return None


# --- one URL ----------------------------------------------------------------------------------
def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def _is_attachment(response: Response) -> bool:
    """A file rather than a page: by its bytes or extension, or a non-text content type."""
    if _looks_like_html(response.body):
        return False
    ctype = response.content_type.split(";")[0].strip().lower()
    return attachment_type(response.body, response.url) in ATTACHMENT_TYPES or (
        ctype.startswith("application/") and ctype != "application/xhtml+xml")


def page_text(client: HttpClient, response: Response, url: str) -> str:
    """Decoded text of a page that is a document; FetchFailed with its error class if not."""
    try:
        decoded = decode_bytes(response.body, response.content_type, where=url)
    except DecodeError as exc:
        client.mark("decode")
        raise FetchFailed(url, "decode", str(exc)) from exc
    error = error_page_class(response.status, decoded.text)
    if error is None and response.status >= 400:
        error = f"http_{response.status}"
    if error:
        client.mark(error)
        raise FetchFailed(url, error, f"status {response.status}")
    response.encoding, response.controls_removed = decoded.encoding, decoded.controls_removed
    return decoded.text


def fetch_document(client: HttpClient, url: str, source: dict | None = None) -> FetchedDocument:
    """One report URL → FetchedDocument; FetchFailed (attempt already recorded) otherwise."""
    source = source or {}
    response = client.get(url)
    doc = FetchedDocument(url=url, kind="html", text="", source_id=source.get("source_id"),
                          region_hint=source.get("region_hint"), raw_sha256=response.sha256)
    if response.status < 400 and _is_attachment(response):
        return _with_attachment(client, doc, response, page=None)
    if response.status < 400 and response.content_type.lower().startswith("text/plain"):
        try:  # a report published as a bare .txt
            decoded = decode_bytes(response.body, response.content_type, html=False, where=url)
        except DecodeError as exc:
            client.mark("decode")
            raise FetchFailed(url, "decode", str(exc)) from exc
        doc.kind, doc.text, doc.encoding = "text", decoded.text, decoded.encoding
        doc.controls_removed = decoded.controls_removed
        return doc
    doc.text = page_text(client, response, url)
    doc.encoding, doc.controls_removed = response.encoding, response.controls_removed
    attachment_url = main_attachment(doc.text, response.url)
    if attachment_url is None:
        return doc
    attached = client.get(attachment_url)
    if attached.status >= 400 or _looks_like_html(attached.body):
        page_text(client, attached, attachment_url)  # raises for error pages (soft_404, …)
        client.mark("unsupported_attachment")
        raise FetchFailed(attachment_url, "unsupported_attachment", f"a page, linked from {url}")
    return _with_attachment(client, doc, attached, page=(doc.text, response.sha256))


def _with_attachment(client: HttpClient, doc: FetchedDocument, attached: Response,
                     page: tuple[str, str | None] | None) -> FetchedDocument:
    try:
        doc.text = attachment_text(attached.body, attached.url)
    except AttachmentError as exc:
        client.mark(exc.error_class)
        raise FetchFailed(attached.url, exc.error_class, str(exc)) from exc
    doc.kind, doc.raw_sha256, doc.encoding = "text", attached.sha256, None
    doc.attachment = Attachment(attached.url, *(page or (None, None)))
    return doc


def fetch_reports(urls: list[str], source: dict,
                  settings: FetchSettings) -> tuple[list[FetchedDocument], list[FetchAttempt]]:
    """Fetch a batch of report URLs of one source, one after another: one client, so one
    request at a time per source, spaced by the politeness interval."""
    docs = []
    with HttpClient(source_settings(source, settings), source.get("source_id"),
                    source.get("url")) as client:
        for url in urls:
            try:
                docs.append(fetch_document(client, url, source))
            except FetchFailed:
                continue  # recorded in client.attempts
        return docs, client.attempts


def document_from_url(url: str, settings: FetchSettings) -> FetchedDocument:
    """One URL for `fazhi extract`; FetchFailed says why there is no document."""
    with HttpClient(settings, None, url) as client:
        return fetch_document(client, url)


def document_from_path(path: Path, raw_dir: Path | None = None) -> FetchedDocument:
    """A saved page (.html/.htm), text (.txt) or attachment (.pdf/.docx) as a document;
    FetchFailed (with the fetch error class: decode, corrupt_pdf, …) if it has no text."""
    try:
        return _document_from_path(path, raw_dir)
    except (DecodeError, AttachmentError) as exc:
        error = exc.error_class if isinstance(exc, AttachmentError) else "decode"
        raise FetchFailed(str(path), error, str(exc)) from exc


def _document_from_path(path: Path, raw_dir: Path | None) -> FetchedDocument:
    body = path.read_bytes()
    suffix = path.suffix.lower()
    digest = store_raw(raw_dir, body) if raw_dir else None
    url = path.resolve().as_uri()
    if suffix in (".html", ".htm", ".shtml"):
        decoded = decode_bytes(body, where=str(path))
        doc = FetchedDocument(url=url, kind="html", text=decoded.text,
                              encoding=decoded.encoding, raw_sha256=digest,
                              controls_removed=decoded.controls_removed)
        attachment = main_attachment(decoded.text, url)
        local = Path(url2pathname(urlsplit(attachment).path)) if attachment else None
        if attachment and attachment.startswith("file:") and local.exists():
            doc.kind, doc.attachment = "text", Attachment(attachment, decoded.text, digest)
            doc.text, doc.encoding = attachment_text(local.read_bytes(), attachment), None
        return doc
    if suffix == ".txt":
        decoded = decode_bytes(body, html=False, where=str(path))
        return FetchedDocument(url=url, kind="text", text=decoded.text,
                               encoding=decoded.encoding, raw_sha256=digest,
                               controls_removed=decoded.controls_removed)
    if suffix in (".pdf", ".docx", ".doc", ".wps"):
        return FetchedDocument(url=url, kind="text", text=attachment_text(body, str(path)),
                               raw_sha256=digest, attachment=Attachment(url))
    raise AttachmentError(str(path), "unsupported_attachment", f"{suffix or 'no'} file type")


def document_from_raw(row: dict, raw_dir: Path) -> FetchedDocument:
    """Rebuild a fetched document from the raw store (a ``documents`` row), with no network:
    what `fazhi reprocess` feeds to the later stages after their rules changed."""
    url = row["url"]
    body = load_raw(raw_dir, row["sha256"])
    doc = FetchedDocument(url=url, kind=row["kind"], text="", source_id=row.get("source_id"),
                          region_hint=row.get("region_hint"), raw_sha256=row["sha256"],
                          encoding=row.get("encoding"))
    if row.get("attachment_url"):
        doc.attachment = Attachment(row["attachment_url"], page_sha256=row.get("page_sha256"))
    declared = f"text/html; charset={doc.encoding}" if doc.encoding else None
    if doc.attachment:
        doc.text = attachment_text(body, doc.attachment.url)
        if doc.attachment.page_sha256:
            page = load_raw(raw_dir, doc.attachment.page_sha256)
            doc.attachment.page_html = decode_bytes(page, where=url).text
    else:
        decoded = decode_bytes(body, declared, html=doc.kind == "html", where=url)
        doc.text, doc.controls_removed = decoded.text, decoded.controls_removed
    return doc


def read_raw_batch(rows: list[dict], raw_dir: Path) -> Batch:
    """The batch's documents rebuilt from the raw store; an unreadable one is a failed attempt."""
    batch = Batch(source_id=None)
    for row in rows:
        try:
            batch.docs.append(document_from_raw(row, raw_dir))
        except (OSError, DecodeError, AttachmentError) as exc:
            # raw_tampered (bytes changed on disk), an attachment's class, or unreadable_raw
            error = getattr(exc, "error_class", None) or "unreadable_raw"
            batch.attempts.append(FetchAttempt(
                url=row["url"], status=None, error=error, attempt=1, bytes=0,
                sha256=row["sha256"], elapsed_ms=0.0,
                fetched_at=datetime.now(UTC).isoformat(), source_id=row.get("source_id")))
    return batch


def split_unchanged(docs: list[FetchedDocument], loaded: dict[str, tuple[str | None, str | None]]
                    ) -> tuple[list[FetchedDocument], list[str]]:
    """Documents whose bytes differ from what was loaded for their URL, and the URLs of the
    rest: a nightly re-run redoes nothing for a report that did not change."""
    changed, unchanged = [], []
    for doc in docs:
        if doc.raw_sha256 and loaded.get(doc.url) == (doc.raw_sha256, doc.page_sha256):
            unchanged.append(doc.url)
        else:
            changed.append(doc)
    return changed, unchanged


def fetch_changed(urls: list[str], source: dict, settings: FetchSettings,
                  loaded: dict[str, tuple[str | None, str | None]] | None = None) -> Batch:
    """A batch of the fetched reports whose bytes differ from what was loaded (``loaded``:
    URL → raw and page sha256, read from the warehouse by the load stage and handed in by the
    flow); the others are listed as unchanged."""
    docs, attempts = fetch_reports(urls, source, settings)
    docs, unchanged = split_unchanged(docs, loaded or {})
    return Batch(source_id=source.get("source_id"), docs=docs, attempts=attempts,
                 unchanged=unchanged)
