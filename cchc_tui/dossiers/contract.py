"""The dossier tables of DOSSIERS.md, and the config that maps another system's names onto them.

Identifiers from config are checked against a strict pattern and then only ever handed to Ibis,
which quotes them: nothing from config is pasted into SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CHANNELS = ("online", "direct", "postal")
DOSSIER_COLUMNS = ("dossier_id", "unit_code", "procedure_code", "channel", "received_at",
                   "due_at", "resolved_at", "fee_bearing", "paid_online", "digitized",
                   "e_result", "updated_at")
OPTIONAL_COLUMNS = ("procedure_code", "updated_at")
UNIT_COLUMNS = ("code", "name", "level", "parent")
PROCEDURE_COLUMNS = ("unit_code", "procedure_code", "online_level")
TABLES = ("dossiers", "units", "procedures")
TIMESTAMPS = ("received_at", "due_at", "resolved_at", "updated_at")
FLAGS = ("fee_bearing", "paid_online", "digitized", "e_result")
ENGINES = ("duckdb", "postgres", "spark", "clickhouse", "trino")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class DossierConfigError(ValueError):
    """A dossier setting that cannot be used (message names the key)."""


def check_identifier(value: str, key: str) -> str:
    if not _IDENTIFIER.fullmatch(value):
        raise DossierConfigError(
            f"`{key}` is {value!r}: a table, schema or column name must be letters, digits "
            "and _ (not starting with a digit, at most 63 characters)")
    return value


@dataclass(frozen=True, slots=True)
class DossierSettings:
    """What a dossier source needs from `[source]`, checked."""

    location: str
    engine: str  # one of ENGINES
    schema: str = ""
    tables: dict[str, str] = field(default_factory=dict)  # contract name → real name
    columns: dict[str, str] = field(default_factory=dict)  # "dossiers.channel" or "channel"
    values: dict[str, str] = field(default_factory=dict)  # a spelling in the data → channel
    password_env: str = ""
    timeout: float = 10.0  # seconds to connect
    query_timeout: float = 300.0  # seconds one statement may run

    def table(self, name: str) -> str:
        return self.tables.get(name, name)

    def column(self, table: str, name: str) -> str:
        return self.columns.get(f"{table}.{name}", self.columns.get(name, name))


def settings_from(source: Any) -> DossierSettings:
    """Build and check the settings from a `SourceConfig`."""
    location = str(source.location)
    engine = getattr(source, "engine", "") or infer_engine(location)
    if engine not in ENGINES:
        raise DossierConfigError(f"`source.engine` is {engine!r}; expected one of "
                                 f"{', '.join(ENGINES)}")
    tables = dict(getattr(source, "tables", {}) or {})
    for key, value in tables.items():
        if key not in TABLES:
            raise DossierConfigError(f"`source.tables.{key}`: expected one of {', '.join(TABLES)}")
        check_identifier(value, f"source.tables.{key}")
    columns = dict(getattr(source, "columns", {}) or {})
    known = set(DOSSIER_COLUMNS) | {f"dossiers.{c}" for c in DOSSIER_COLUMNS} | \
        {f"units.{c}" for c in UNIT_COLUMNS} | {f"procedures.{c}" for c in PROCEDURE_COLUMNS}
    for key, value in columns.items():
        if key not in known:
            raise DossierConfigError(
                f"`source.columns.{key}` names no column of DOSSIERS.md; expected a dossiers "
                f"column ({', '.join(DOSSIER_COLUMNS)}) or units.… / procedures.…")
        check_identifier(value, f"source.columns.{key}")
    values = dict(getattr(source, "values", {}) or {})
    for key, value in values.items():
        if value not in CHANNELS:
            raise DossierConfigError(f"`source.values.{key}` is {value!r}; expected one of "
                                     f"{', '.join(CHANNELS)}")
    schema = getattr(source, "schema", "") or ""
    if schema:
        check_identifier(schema, "source.schema")
    return DossierSettings(location, engine, schema, tables, columns, values,
                           getattr(source, "password_env", "") or "",
                           float(getattr(source, "timeout", 10.0)),
                           float(getattr(source, "query_timeout", 300.0)))


def infer_engine(location: str) -> str:
    return "postgres" if location.startswith(("postgresql://", "postgres://")) else "duckdb"
