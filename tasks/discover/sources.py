"""The sources a harvest reads (column pages or single report pages): one CSV file, or a
folder of them such as the catalogue of real columns in seeds/sources/."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

SOURCE_COLUMNS = ("source_id", "name", "url", "kind", "region_hint")

# The list platforms discovery knows (the adapters in tasks/discover/platforms/ carry the
# same names); a source row may force one with its optional `platform` column.
PLATFORMS = ("trs", "trs_dynamic", "hanweb", "gkmlpt", "vsb", "generic")

# Columns a catalogue row carries for people, passed along as read: the level of the
# government that runs the column, how its URL was obtained, and where it was seen.
CATALOGUE_COLUMNS = ("level", "url_basis", "provenance")

# What a column's address alone says of the platform behind it, first match wins; each shape
# is one a row of seeds/sources/catalogue.csv (or a public spider) shows. The page itself
# decides at harvest time; this guess is what `fazhi sources` shows before any harvest.
URL_PLATFORM_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Guangdong's 政务公开目录: /gzlwdbj/gkmlpt/index, /swsfgj/gkmlpt/index#475
    ("gkmlpt", re.compile(r"/gkmlpt/(index|content/|api/)")),
    # Hanweb jcms: /col/col1229199096/index.html, articles /art/2023/1/29/art_1229199096_….html
    ("hanweb", re.compile(r"/col/col\d+/|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_")),
    # VSB (博达): list.jsp?…wbtreeid=…, /info/34441/387541.htm, list pages /list/3.htm
    ("vsb", re.compile(r"wbtreeid=|/info/\d+/\d+\.htm$|/list/\d+\.htm$")),
    # TRS WCM: static index.html / index_1.html, articles ./202403/t20240328_6583952.html
    ("trs", re.compile(r"/index(_\d+)?\.s?html?$|/\d{6}/t\d{8}_\d+\.s?html?$")),
)


class SourceError(Exception):
    """A sources file row that cannot be used."""


def guess_platform(url: str) -> str | None:
    """The platform a column URL's shape names, or None when the shape says nothing."""
    for platform, shape in URL_PLATFORM_SHAPES:
        if shape.search(url):
            return platform
    return None


def source_files(path: Path) -> list[Path]:
    """The CSV files a sources path stands for: the file itself, or a folder's *.csv in name
    order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        if not files:
            raise SourceError(f"{path}: no .csv file in this folder")
        return files
    if not path.exists():
        raise SourceError(f"no such sources file or folder: {path}")
    return [path]


def load_sources(path: Path, portal_base: str | None = None) -> list[dict]:
    """Rows of a sources CSV, or of every CSV in a folder; `{portal}` in a url becomes
    portal_base (the served demo portal). A source_id names one source across all files."""
    sources: list[dict] = []
    where: dict[str, str] = {}
    for file in source_files(path):
        for line, source in _load_file(file, portal_base):
            first = where.setdefault(source["source_id"], f"{file}:{line}")
            if first != f"{file}:{line}":
                raise SourceError(f"{file}:{line}: source_id {source['source_id']!r} "
                                  f"already used at {first}")
            sources.append(source)
    return sources


def _load_file(path: Path, portal_base: str | None) -> list[tuple[int, dict]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            # a comment line is not a row, but it is a line: keep numbers true to the file
            lines = [("" if line.startswith("#") else line) for line in handle]
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read ({exc})") from exc
    header_at = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_at is None:
        return []
    reader = csv.DictReader(lines[header_at:])
    sources = []
    for row in reader:
        number = header_at + reader.line_num
        if not any((value or "").strip() for value in row.values()):
            continue
        sources.append((number, _source(row, f"{path}:{number}", portal_base)))
    return sources


def _source(row: dict, at: str, portal_base: str | None) -> dict:
    missing = [c for c in SOURCE_COLUMNS[:4] if not (row.get(c) or "").strip()]
    if missing:
        raise SourceError(f"{at}: missing {', '.join(missing)}")
    url = row["url"].strip()
    if "{portal}" in url:
        if not portal_base:
            raise SourceError(f"{at}: url uses {{portal}} but no portal is served")
        url = url.replace("{portal}", portal_base.rstrip("/"))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"{at}: url {url!r} is not an http(s) address")
    kind = row["kind"].strip()
    if kind not in ("list", "report"):
        raise SourceError(f"{at}: kind {kind!r} is not list or report")
    platform = (row.get("platform") or "").strip() or None
    if platform is not None and platform not in PLATFORMS:
        raise SourceError(f"{at}: platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    source = {"source_id": row["source_id"].strip(), "name": row["name"].strip(),
              "url": url, "kind": kind,
              "region_hint": (row.get("region_hint") or "").strip() or None,
              "platform": platform}
    for column in CATALOGUE_COLUMNS:
        value = (row.get(column) or "").strip()
        if value:
            source[column] = value
    # optional politeness columns: a fragile portal asks for a longer gap between
    # requests; a strong one may take more than one request at a time
    for column, cast in (("min_request_interval_s", float), ("max_concurrency", int)):
        value = (row.get(column) or "").strip()
        if not value:
            continue
        try:
            source[column] = cast(value)
        except ValueError as exc:
            raise SourceError(f"{at}: {column} {value!r} is not "
                              f"{'a number' if cast is float else 'a whole number'}") from exc
        if source[column] < (1 if cast is int else 0):
            raise SourceError(f"{at}: {column} {value!r} is too small")
    return source
