"""Build seeds/regions/hosts.csv: which county or city a government portal's host names.

A county portal's host usually spells its county in pinyin (www.xuwen.gov.cn is 徐闻县's,
www.huadu.gov.cn 花都区's). For every county and city in areas.csv / cities.csv the name
without its suffix (徐闻县 → 徐闻) is spelled in pinyin; a spelling shared by two places
(湘潭县 and 湘潭市 are both "xiangtan") is dropped, so the table never chooses between them.
Hosts seen on real pages (known_hosts.csv, each with where it was seen) and the portals of the
catalogue of sources whose region_hint is a division code (seeds/sources.csv) are added as
they are, and win over a spelled name. Run after the division tables change:

    .venv/bin/pip install pypinyin   # the `regions` extra of pyproject.toml
    .venv/bin/python seeds/regions/build_hosts.py
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from pypinyin import Style, pinyin

HERE = Path(__file__).resolve().parent
# Longest first: 自治县 before 县. A base name shorter than two characters is never spelled
# (矿区, 城区: the suffix is the name).
SUFFIXES = ("土家族苗族自治县", "自治县", "自治旗", "林区", "特区", "新区", "区", "县", "市", "旗")
UNNAMED = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MIN_LABEL_CHARS = 4  # "xian", "he" … shorter spellings are words more than places
MAX_SPELLINGS = 16  # readings of a name with several polyphonic characters


def spellings(name: str) -> set[str]:
    """Every reading of a name: 花都 is huadu (都 reads du or dou), 长安 chang'an or zhang'an.

    Each reading counts as a spelling of the place, so a wrong reading can only make a label
    ambiguous (and dropped), never hand one place's host to another.
    """
    readings = [""]
    for options in pinyin(name, style=Style.NORMAL, heteronym=True):
        readings = [r + o for r in readings for o in dict.fromkeys(options)][:MAX_SPELLINGS]
    return set(readings)


def base_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def spelled_places() -> dict[str, set[tuple[str, str]]]:
    """pinyin label → {(6-digit code, printed name)} of every county and city."""
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    with (HERE / "cities.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["name"] not in UNNAMED:
                for label in spellings(base_name(row["name"])):
                    labels[label].add((row["code"].ljust(6, "0"), row["name"]))
    with (HERE / "areas.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            # A city's own area row (中山市 442000) spells like the city: the same place.
            for label in spellings(base_name(row["name"])):
                labels[label].add((row["code"], row["name"]))
    return labels


def build() -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for label, places in sorted(spelled_places().items()):
        names = {name for _, name in places}
        if len(names) != 1 or len(label) < MIN_LABEL_CHARS or not label.isascii():
            continue
        code = min(code for code, _ in places)
        name = names.pop()
        rows[f"{label}.gov.cn"] = {"host": f"{label}.gov.cn", "code": code, "name": name,
                                   "how": "pinyin"}
    with (HERE / "known_hosts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            host = row["host"].removeprefix("www.")
            rows[host] = {"host": host, "code": row["code"], "name": row["name"], "how": "seen"}
    # The catalogue of sources: a portal whose region_hint is a division code names that place.
    with (HERE.parent / "sources.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            host = (urlsplit(row["url"]).hostname or "").removeprefix("www.")
            hint = (row.get("region_hint") or "").strip()
            if host.endswith(".gov.cn") and hint.isdigit():
                rows[host] = {"host": host, "code": hint.ljust(6, "0")[:9], "name": row["name"],
                              "how": "sources.csv"}
    return sorted(rows.values(), key=lambda r: r["host"])


def main() -> None:
    rows = build()
    with (HERE / "hosts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["host", "code", "name", "how"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} hosts → {HERE / 'hosts.csv'}")


if __name__ == "__main__":
    main()
