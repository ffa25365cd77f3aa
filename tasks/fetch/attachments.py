"""Reports published as attachments: find the link on an article page, turn PDF/DOCX into text.

Many portals put only 附件：xxx.pdf on the article page. Such a page is recognised by having
an attachment link and almost no prose of its own; the attachment is then the report.
"""

from __future__ import annotations

import io
import logging
import zipfile
from urllib.parse import urljoin, urlsplit

import docx
import pypdf
from docx.table import Table
from lxml import etree

from tasks.fetch.patterns import PAGE_PROSE_MIN_CJK, PDF_MIN_CHARS_PER_PAGE, READABLE_ATTACHMENTS
from tasks.limits import PDF_MAX_PAGES, ZIP_MAX_PARTS, ZIP_MAX_UNCOMPRESSED_BYTES
from tasks.text.html import parse_html, prose_cjk, text_blocks
from tasks.text.patterns import ATTACHMENT_EXT, REPORT_NOUN, SKIP_HREF

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is our error class


class AttachmentError(Exception):
    """An attachment that yields no text; error_class is the FetchAttempt error for it."""

    def __init__(self, where: str, error_class: str, detail: str) -> None:
        super().__init__(f"{where}: {error_class} ({detail})")
        self.where = where
        self.error_class = error_class


def _is_attachment_href(href: str | None) -> bool:
    if not href or SKIP_HREF.match(href):
        return False
    return bool(ATTACHMENT_EXT.search(urlsplit(href.strip()).path))


def main_attachment(page_html: str, base_url: str) -> str | None:
    """The attachment URL if the page is mainly a link to one, else None.

    Several attachments: the one whose link text reads like the report (…报告.pdf) wins,
    else the first. A page with a full report body and a supplementary attachment is not
    an attachment page.
    """
    tree = parse_html(page_html)
    links = [a for a in tree.iter("a") if _is_attachment_href(a.get("href"))]
    if not links:
        return None
    blocks = text_blocks(tree, skip=lambda el: el.tag == "a" and el in links)
    if prose_cjk(blocks) >= PAGE_PROSE_MIN_CJK:
        return None
    best = next((a for a in links if REPORT_NOUN.search(a.text_content())), links[0])
    return urljoin(base_url, best.get("href").strip())


def attachment_type(body: bytes, url: str) -> str:
    """pdf | docx | doc | wps | ofd | unknown, from the bytes first, the URL's extension second."""
    if b"%PDF-" in body[:1024]:
        return "pdf"
    if body.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(body)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return "docx"
        if "OFD.xml" in names:
            return "ofd"
    if body.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Word 97-2003 .doc or WPS .wps
        return "wps" if url.lower().endswith(".wps") else "doc"
    match = ATTACHMENT_EXT.search(urlsplit(url).path)
    return match.group(1).lower() if match else "unknown"


def pdf_text(body: bytes, where: str) -> str:
    """Text layer of a PDF; corrupt_pdf if unreadable, needs_ocr if it is a scan."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        if len(reader.pages) > PDF_MAX_PAGES:
            raise AttachmentError(where, "too_large", f"{len(reader.pages)} pages, more than "
                                  f"{PDF_MAX_PAGES} (tasks/limits.py)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except AttachmentError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on malformed input
        raise AttachmentError(where, "corrupt_pdf", f"{type(exc).__name__}: {exc}") from exc
    text = "\n".join(pages)
    meaningful = len("".join(text.split()))
    if not pages or meaningful < PDF_MIN_CHARS_PER_PAGE * len(pages):
        raise AttachmentError(where, "needs_ocr",
                              f"{len(pages)} pages, {meaningful} characters of text")
    return text


def check_zip_bounds(body: bytes, where: str) -> None:
    """AttachmentError (too_large) for a ZIP whose parts would expand past the limits of
    tasks/limits.py, judged from its central directory before anything is decompressed."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(body)).infolist()
    except zipfile.BadZipFile as exc:
        raise AttachmentError(where, "corrupt_docx", f"BadZipFile: {exc}") from exc
    if len(infos) > ZIP_MAX_PARTS:
        raise AttachmentError(where, "too_large", f"{len(infos)} parts, more than "
                              f"{ZIP_MAX_PARTS} (tasks/limits.py)")
    expanded = sum(info.file_size for info in infos)
    if expanded > ZIP_MAX_UNCOMPRESSED_BYTES:
        raise AttachmentError(where, "too_large", f"expands to {expanded} bytes, more than "
                              f"{ZIP_MAX_UNCOMPRESSED_BYTES} (tasks/limits.py)")


def docx_text(body: bytes, where: str) -> str:
    """Paragraphs and table rows of a DOCX in document order, one per line."""
    check_zip_bounds(body, where)
    try:
        document = docx.Document(io.BytesIO(body))
        lines = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                lines += ["\t".join(cell.text for cell in row.cells) for row in item.rows]
            else:
                lines.append(item.text)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise AttachmentError(where, "corrupt_docx", f"{type(exc).__name__}: {exc}") from exc
    return "\n".join(line for line in lines if line.strip())


def attachment_text(body: bytes, url: str) -> str:
    """Text of a PDF/DOCX attachment; AttachmentError says why there is none."""
    kind = attachment_type(body, url)
    if kind not in READABLE_ATTACHMENTS:
        if urlsplit(url).path.lower().endswith(".pdf"):  # says PDF, is not one
            raise AttachmentError(url, "corrupt_pdf", "no %PDF- header")
        raise AttachmentError(url, "unsupported_attachment", f"{kind} file")
    return pdf_text(body, url) if kind == "pdf" else docx_text(body, url)
