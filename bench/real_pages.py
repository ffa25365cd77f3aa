"""Pages built from real government article templates (bench/templates/real/, provenance in its
README) wrapped around the gold corpus reports, and how an extractor's body is scored on them.

Each template is a real portal's article page (a CMS template from a public repository with its
directives filled in, or a saved page) with {{title}}, {{published}}, {{source}}, {{site}} and
{{body}} where the article was. Every report goes into every template twice: as plain <p>
paragraphs and as the Word-exported ``MsoNormal`` markup many portals publish (spans per font
run, ASCII runs in ``lang=EN-US`` spans, ``<o:p>`` ends).

Scores (both texts normalized by fazhi's normalize_text, whitespace removed):
  body F1 — characters in common (as multisets) against the true body's and the output's length;
  chrome lines — output lines that are not part of the true body (a title, a date line, a
  widget, a related-news item kept in the body each count one).
Used by tests/test_strip_real_templates.py (fazhi only) and bench/compare_extractors.py.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.portal_pages import PortalPage, _gold, _values, fill
from tasks.normalize.normalize import normalize_text

REAL_TEMPLATES_DIR = Path(__file__).resolve().parent / "templates" / "real"
MARKUPS = ("p", "mso")
MIN_CHROME_LINE_CHARS = 2  # a lone punctuation mark or digit left by a widget is not counted
_ASCII_RUN = re.compile(r"[\x21-\x7e]+")


def mso_paragraph(line: str) -> str:
    """One paragraph as Word's "save as web page" writes it."""
    runs = _ASCII_RUN.sub(lambda m: f"<span lang=EN-US>{m[0]}</span>", html_lib.escape(line))
    return ("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;"
            "line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;"
            "font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>"
            f"{runs}<span lang=EN-US><o:p></o:p></span></span></p>")


def plain_paragraph(line: str) -> str:
    return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html_lib.escape(line)}</p>"


@dataclass
class RealPage(PortalPage):
    markup: str = "p"


def real_templates() -> dict[str, str]:
    paths = sorted(REAL_TEMPLATES_DIR.glob("*.html"))
    return {p.stem: p.read_text(encoding="utf-8") for p in paths}


def build_real_pages() -> list[RealPage]:
    """Every gold report in every real template, in both body markups."""
    pages = []
    gold = _gold()
    for name, template in real_templates().items():
        for doc, row in sorted(gold.items()):
            values, body_lines = _values(doc, row)
            for markup in MARKUPS:
                render = mso_paragraph if markup == "mso" else plain_paragraph
                page_values = {**values, "body": "\n".join(render(ln) for ln in body_lines)}
                pages.append(RealPage(
                    template=name, doc=doc, html=fill(template, page_values),
                    true_body=normalize_text("\n".join(body_lines)), title=row["title"],
                    published=row["published"] or values["published"], markup=markup))
    return pages


def _squash(text: str) -> str:
    return "".join(normalize_text(text).split())


def body_f1(output: str, true_body: str) -> float:
    out, truth = Counter(_squash(output)), Counter(_squash(true_body))
    common = sum((out & truth).values())
    if not common:
        return 0.0
    precision, recall = common / sum(out.values()), common / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


_NOT_WORD = re.compile(r"[^\w]+")


def _letters(text: str) -> str:
    """Letters and digits only: a tool that drops punctuation (GNE) or glues table cells with
    "|" (trafilatura) is not charged for that in the chrome count."""
    return _NOT_WORD.sub("", _squash(text))


def chrome_lines(output: str, true_body: str) -> list[str]:
    """Lines (or table cells) of the output that are not part of the true body."""
    truth = _letters(true_body)
    pieces = [_letters(cell) for ln in normalize_text(output).split("\n") for cell in ln.split("|")]
    return [p for p in pieces if len(p) >= MIN_CHROME_LINE_CHARS and p not in truth]


_BLOCKS = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "table", "ul", "ol",
           "dl", "dt", "dd", "br", "form", "section", "article", "header", "footer", "nav"}


def copied_text(html: str) -> str:
    """The page as a reader copies it out of a browser or a PDF export prints it: every block
    and every table cell on a line of its own, so a disclosure table's labels and values, a
    login form, a share bar and a footer arrive as plain lines among the report's."""
    from tasks.text.html import drop_hidden, parse_html

    doc = parse_html(html)
    drop_hidden(doc)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            lines.append(text)
        current.clear()

    def visit(el, in_paragraph: bool = False) -> None:  # noqa: ANN001
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title"):
            return
        block = el.tag in _BLOCKS and not (in_paragraph and el.tag == "br")
        inside = in_paragraph or el.tag == "p"
        if block:
            flush()
        current.append(el.text or "")
        for child in el:
            visit(child, inside)
            current.append(child.tail or "")
        if block:
            flush()

    visit(doc)
    flush()
    return "\n".join(lines)
