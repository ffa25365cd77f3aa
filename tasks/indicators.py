"""The indicator dictionary (seeds/indicators.csv), read by one loader for every stage.

Extract maps subjects to its ids by their synonyms, validate checks values against their
plausible ranges, load copies it into the warehouse's ``indicators`` table for the views.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tasks.paths import SEEDS_DIR

INDICATORS_CSV = SEEDS_DIR / "indicators.csv"


@dataclass(frozen=True)
class Indicator:
    """One canonical measure; min/max are the plausible range validation checks against
    (in the fact's base units: yuan, persons, %), None where the seed leaves it open."""

    id: str
    name_zh: str
    synonyms: tuple[str, ...]
    kind: str
    unit: str
    min: float | None
    max: float | None
    # the units a figure of this measure may be counted in, the canonical unit (``unit``)
    # first: a fact in another unit keeps its indicator but stays out of the indicator column
    # (192宗 of petitions count, 320人次 of petitioners do not)
    units: tuple[str, ...] = ()
    # phrases that contain a synonym but name something else: 调解化解复议纠纷案件 is mediation
    # of reconsideration disputes, neither a reconsideration case nor a 人民调解 dispute
    excludes: tuple[str, ...] = ()

    def in_family(self, unit: str | None) -> bool:
        """A figure printed in ``unit`` counts the same thing as this measure's column (no
        printed unit cannot be told apart, so it is taken)."""
        return unit is None or not self.units or unit in self.units


class IndicatorSeedError(ValueError):
    """A missing indicator seed file or a malformed row of it; names the file and row."""


def _bound(text: str | None, path: Path, row_no: int, column: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise IndicatorSeedError(f"{path}:{row_no}: column {column} is not a number: "
                                 f"{text!r}") from exc


def _listed(text: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (text or "").split("|") if s.strip())


def load_indicators(path: Path = INDICATORS_CSV) -> list[Indicator]:
    """The rows of an indicator seed (header id,name_zh,synonyms,kind,unit,min,max and the
    optional units,excludes, both |-separated)."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise IndicatorSeedError(f"cannot read the indicator seed {path}: {exc}") from exc
    indicators = []
    with handle:
        for row_no, row in enumerate(csv.DictReader(handle), start=2):
            try:
                ident = row["id"].strip()
                if not ident:
                    continue
                indicators.append(Indicator(
                    id=ident, name_zh=row["name_zh"],
                    synonyms=tuple(s for s in row["synonyms"].split("|") if s),
                    kind=row["kind"], unit=row["unit"],
                    min=_bound(row.get("min"), path, row_no, "min"),
                    max=_bound(row.get("max"), path, row_no, "max"),
                    units=_listed(row.get("units")),
                    excludes=_listed(row.get("excludes"))))
            except (KeyError, AttributeError) as exc:
                raise IndicatorSeedError(f"{path}:{row_no}: missing column {exc}") from exc
    return indicators


@cache
def indicators() -> tuple[Indicator, ...]:
    """The project's seed, read once per process."""
    return tuple(load_indicators())


@cache
def indicators_by_id() -> dict[str, Indicator]:
    return {indicator.id: indicator for indicator in indicators()}
