"""Bounds on the work one document may cost: data, each limit with why it is where it is.

A portal (or anyone who can put a file on one) chooses what fazhi parses. FAZHI_MAX_BYTES
bounds a download; these bound what the bytes expand to once read. A document over a limit
becomes a rejected page or a failed fetch attempt with the limit in its reason, never a
stalled or killed run.
"""

from __future__ import annotations

# DOCX/ZIP: the sum of the parts' declared sizes (read from the central directory before any
# part is decompressed; Python's zipfile never returns more than a part's declared size, so
# the sum bounds what reading can produce). The longest real report we have seen is a
# 60-page DOCX whose parts total ~3 MB; a 650 KB file expanding to 200 MB of XML took 3.4 GB.
ZIP_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
# A DOCX of a report has a few dozen parts (document, styles, fonts, a few images).
ZIP_MAX_PARTS = 2000
# PDF: the longest annual report we have seen is about 40 pages; a 500-page PDF is a
# compendium or a trap, and pypdf's text extraction costs ~0.1 s a page.
PDF_MAX_PAGES = 500
# Text of one document after decoding/extraction: a report body is 5-50 thousand characters;
# beyond this the later stages' cost grows for nothing a reader wants.
TEXT_MAX_CHARS = 1_000_000
# Wall seconds one document may take through strip → extract in a worker before it is set
# aside as a rejected page (the batch goes on). The slowest real report takes ~0.3 s.
DOCUMENT_BUDGET_S = 30.0
