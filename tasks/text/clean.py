"""Control characters out of decoded text, counted: what a page should not contain but often does.

A CMS that pastes from Word leaves NULs, vertical tabs and other C0/C1 controls in a page. They
are not text: removing them keeps the report readable (a 1% share used to drop the whole
report as undecodable), and the count is kept so a quality warning can say how many went.
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed, form feed and carriage return (which lay out text),
# DEL, and the C1 controls.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def remove_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters, and how many were removed."""
    cleaned, count = CONTROL_CHARS.subn("", text)
    return cleaned, count
