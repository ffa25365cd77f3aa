"""The warehouse's own descriptions: sql/schema.yml read once, written as COMMENT ON statements.

schema.yml says what every table, view and column holds; this module resolves a column's words
(its relation's own, then the table a staging view repeats, then the shared ones, then the
indicator dictionary for v_indicator_wide's indicator columns) and writes them into the file,
so every SQL client shows them. fazhi/warehouse/docs.py renders the same words as Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import yaml

from tasks.indicators import indicators
from tasks.paths import SQL_DIR

SCHEMA_YML = SQL_DIR / "schema.yml"


@dataclass(frozen=True)
class Relation:
    """One table or view as schema.yml describes it."""

    name: str
    kind: str  # TABLE | VIEW
    description: str
    example: str | None
    columns: dict[str, str]
    same_as: str | None
    indicator_columns: str | None


@dataclass(frozen=True)
class SchemaDocs:
    """Every relation of schema.yml and the shared column words."""

    relations: dict[str, Relation]
    shared: dict[str, str]

    def column(self, relation: str, column: str) -> str | None:
        """The words for ``relation.column``, or None when schema.yml has none."""
        rel = self.relations.get(relation)
        while rel is not None:
            if column in rel.columns:
                return rel.columns[column]
            if rel.indicator_columns:
                found = next((i for i in indicators() if i.id == column), None)
                if found is not None:
                    return rel.indicator_columns.format(name_zh=found.name_zh,
                                                        unit=found.unit or "", id=found.id)
            rel = self.relations.get(rel.same_as) if rel.same_as else None
        return self.shared.get(column)


def load(path: Path = SCHEMA_YML) -> SchemaDocs:
    """schema.yml as a SchemaDocs."""
    return _load(Path(path))


@cache
def _load(path: Path) -> SchemaDocs:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    relations: dict[str, Relation] = {}
    for section, kind in (("tables", "TABLE"), ("views", "VIEW")):
        for name, spec in (raw.get(section) or {}).items():
            relations[name] = Relation(
                name=name, kind=kind, description=str(spec["description"]).strip(),
                example=spec.get("example"), columns=dict(spec.get("columns") or {}),
                same_as=spec.get("same_as"), indicator_columns=spec.get("indicator_columns"))
    return SchemaDocs(relations, dict(raw.get("shared") or {}))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_comments(con: duckdb.DuckDBPyConnection, docs: SchemaDocs | None = None) -> None:
    """COMMENT ON every table, view and column of the warehouse that schema.yml describes
    (DDL takes no parameters, hence the quoted literals)."""
    docs = docs or load()
    present = {name: kind for name, kind in con.execute(
        "SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal").fetchall()}
    statements = []
    for name, kind in present.items():
        rel = docs.relations.get(name)
        if rel is None:
            continue
        statements.append(f'COMMENT ON {kind} "{name}" IS {_literal(rel.description)}')
        for (column,) in con.execute("SELECT column_name FROM duckdb_columns() "
                                     "WHERE table_name = ? ORDER BY column_index",
                                     [name]).fetchall():
            words = docs.column(name, column)
            if words:
                statements.append(f'COMMENT ON COLUMN "{name}"."{column}" IS '
                                  f"{_literal(words)}")
    con.execute(";\n".join(statements))
