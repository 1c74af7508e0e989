"""Typed configuration: TOML layers validated one by one, merged, and explained when wrong."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, field

from cchc_tui.config_errors import ConfigError as ConfigError  # raised here: part of the API
from cchc_tui.config_errors import explain, find_line, suggest
from cchc_tui.i18n import Lang
from cchc_tui.model.catalogue import KPI_IDS
from cchc_tui.model.snapshot import Target
from cchc_tui.model.vocabulary import LEVELS

_ENV_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_ENV_DESC = "the NAME of an environment variable (letters, digits, _)"
_ENV = Meta(pattern=f"^{_ENV_NAME}$", description=_ENV_DESC)
_ENV_OR_EMPTY = Meta(pattern=f"^({_ENV_NAME})?$", description=f'"" or {_ENV_DESC}')
_DATE = Meta(pattern=r"^\d{4}-\d{2}-\d{2}$", description='a date written "YYYY-MM-DD"')
_CODE = Meta(min_length=1, description="a unit code")
# Textual's own themes and the app's (cchc_tui/widgets/themes.py); "" = the dashboard's theme.
# A test keeps this list and the themes the app knows in step.
MEETING_THEMES = Literal[
    "", "cchc-projector", "cchc-no-color", "textual-light", "textual-dark", "nord", "gruvbox",
    "catppuccin-mocha", "dracula", "tokyo-night", "monokai", "flexoki", "catppuccin-latte",
    "catppuccin-frappe", "catppuccin-macchiato", "solarized-light", "solarized-dark",
    "rose-pine", "rose-pine-moon", "rose-pine-dawn", "atom-one-dark", "atom-one-light",
    "ansi-dark", "ansi-light"]
_SCOPE = Meta(min_length=1, description=f'"*", a level ({", ".join(LEVELS)}) or a unit code')
_UUID = r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
_PORTAL_SCOPE = Meta(pattern=rf"^(|H\d+(\.\d+)?|{_UUID})$",
                     description='"" (the whole country), a departmentCode such as "H21" or '
                                 '"H21.227", or a departmentId (uuid)')
# Static headers that would carry a secret; those belong in `header_env` / `token_env`.
_SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie"}
# What HTTP lets a header be: a name of token characters, a value of visible ASCII and spaces.
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"[\x20-\x7e\t]*")


class _Table(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """Base of every config table: strict (unknown keys rejected), keyword-only, immutable."""


class AppConfig(_Table, frozen=True):
    """`[app]`: the dashboard itself."""

    lang: Lang = "vi"  # interface language: "vi" (tiếng Việt) or "en"
    interval: Annotated[float, Meta(ge=1)] = 60.0  # seconds between polls / file checks
    meeting_rotate_seconds: Annotated[float, Meta(ge=3)] = 15.0  # meeting mode: s per unit
    # meeting mode's units: the opened unit's "children", all "communes" under it, or the
    # "units" of `meeting_units`
    meeting_rotation: Literal["children", "communes", "units"] = "children"
    meeting_units: tuple[Annotated[str, _CODE], ...] = ()  # unit codes, in order
    meeting_theme: MEETING_THEMES = "cchc-projector"  # meeting mode's theme; "" = unchanged
    export_dir: str = ""  # where `e` writes CSV, Markdown, SVG, PNG; "" = ./cchc-tui-exports
    # Share (0–1) of the units below that must have a figure before a parent pools them.
    min_coverage: Annotated[float, Meta(ge=0, le=1)] = 1.0
    remember: bool = True  # keep language, theme and the last unit between runs


class SourceConfig(_Table, frozen=True):
    """`[source]`: where the feed comes from and how it is fetched."""

    kind: Literal["", "files", "http", "dvcqg", "dossiers", "relay"] = ""  # "" = from location
    location: str = ""  # feed file, directory or http(s) URL; "" = the bundled fixtures
    timeout: Annotated[float, Meta(gt=0)] = 10.0  # seconds before one request is given up
    retries: Annotated[int, Meta(ge=0)] = 2  # extra attempts, exponential backoff + jitter
    backoff_max: Annotated[float, Meta(ge=1)] = 300.0  # longest wait (s) between attempts
    headers: dict[str, str] = {}  # static extra HTTP headers; never secrets
    header_env: dict[str, Annotated[str, _ENV]] = {}  # header -> NAME of env var with value
    token_env: Annotated[str, _ENV_OR_EMPTY] = ""  # NAME of env var with a bearer token
    verify_tls: bool = True  # verify the server's TLS certificate (leave on)
    ca_path: str = ""  # PEM bundle of extra CAs to trust; "" = the system's
    max_bytes: Annotated[int, Meta(ge=1024)] = 200_000_000  # largest response accepted
    cache: bool = True  # keep the last good snapshot on disk for restarts during outages
    # kind "dvcqg", the national portal (location: its address, "" = dichvucong.gov.vn):
    portal_scope: Annotated[str, _PORTAL_SCOPE] = ""  # "" = country; a code (H21) or an id
    portal_time_type: Literal["year", "quarter", "month"] = "year"  # the current one, to date
    portal_interval: Annotated[float, Meta(ge=0)] = 3600.0  # s between polls; 0 = app.interval
    portal_min_gap: Annotated[float, Meta(ge=1)] = 1.5  # seconds between two calls; ≥ 1
    portal_max_calls: Annotated[int, Meta(ge=1)] = 40  # calls at most in one poll
    portal_page_size: Annotated[int, Meta(ge=1, le=1000)] = 300  # units asked per page
    # Dossier rows (DOSSIERS.md): the engine, where the tables are, and the name mapping.
    engine: Literal["", "duckdb", "postgres", "spark", "clickhouse", "trino"] = ""  # "": inferred
    schema: str = ""  # database schema of the tables; "" = the default (public)
    tables: dict[str, str] = {}  # "dossiers" | "units" | "procedures" -> real table name
    columns: dict[str, str] = {}  # contract column ("channel", "units.code") -> real name
    values: dict[str, str] = {}  # a channel spelling in the data -> online | direct | postal
    password_env: Annotated[str, _ENV_OR_EMPTY] = ""  # NAME of env var with the DB password
    query_timeout: Annotated[float, Meta(gt=0)] = 300.0  # seconds one database query may run


class ChecksConfig(_Table, frozen=True):
    """`[checks]`: what a feed may hold before its figures are called impossible."""

    max_count: Annotated[float, Meta(gt=0)] = 1e12  # counts above this: validate warns
    max_feed_bytes: Annotated[int, Meta(ge=1024)] = 25_000_000  # validate refuses larger files


class TargetConfig(_Table, frozen=True):
    """One `[[targets]]` entry: a KPI goal for a scope, optionally by a date."""

    kpi: str  # KPI id from the catalogue, e.g. "online_dossier_rate"
    value: Annotated[float, Meta(ge=0, le=100)]  # the goal, in percent
    due: Annotated[str, _DATE] | None = None  # "YYYY-MM-DD"; absent = always applies
    scope: Annotated[str, _SCOPE] = "*"  # "*", a level (province…) or a unit code
    basis: str = ""  # the decision or rule that sets the target

    @property
    def key(self) -> tuple[str, str, str | None]:
        """Identity when layers merge: a later target with the same key replaces."""
        return (self.kpi, self.scope, self.due)


class ConfigFile(_Table, frozen=True):
    """The shape of one layer (a TOML file or the command line); every key is optional."""

    targets_replace: bool = False  # true: drop the targets of earlier layers
    app: AppConfig = field(default_factory=AppConfig)
    source: SourceConfig = field(default_factory=SourceConfig)
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    targets: tuple[TargetConfig, ...] = ()


class Config(_Table, frozen=True):
    """The merged configuration the app runs with."""

    app: AppConfig = field(default_factory=AppConfig)  # [app]
    source: SourceConfig = field(default_factory=SourceConfig)  # [source]
    checks: ChecksConfig = field(default_factory=ChecksConfig)  # [checks]
    targets: tuple[TargetConfig, ...] = ()  # merged by (kpi, scope, due)
    files: tuple[str, ...] = ()  # config files loaded, in order (not a TOML key)


# --- one layer -----------------------------------------------------------------------------
def _check(layer: ConfigFile, where: str, text: str | None) -> None:
    """The rules msgspec cannot express: known KPI ids, real dates, no secret headers."""

    def fail(key: str, kind: str, **fields: Any) -> ConfigError:
        return ConfigError(where, kind, fields, line=find_line(text, key) if text else None,
                           key=key)

    _check_location(layer.source.location, fail)
    for table in ("headers", "header_env"):
        for name in getattr(layer.source, table):
            if not _HEADER_NAME.fullmatch(name):
                raise fail(f"source.{table}.{name}", "header_name", name=name, table=table)
    for name, value in layer.source.headers.items():
        if not _HEADER_VALUE.fullmatch(value):
            raise fail(f"source.headers.{name}", "header_value", name=name,
                       **_bad_char(value))
    for name in layer.source.headers:
        if name.lower() in _SECRET_HEADERS:
            raise fail(f"source.headers.{name}", "secret_header", name=name)
    codes = layer.app.meeting_units
    for i, code in enumerate(codes):
        if code in codes[:i]:
            raise fail("app.meeting_units", "unit_twice", code=code)
    seen: dict[tuple[str, str, str | None], int] = {}
    for i, t in enumerate(layer.targets):
        if t.kpi not in KPI_IDS:
            raise fail(f"targets[{i}].kpi", "target_kpi", i=i, kpi=t.kpi,
                       ids=", ".join(KPI_IDS), near=suggest(t.kpi, KPI_IDS))
        try:
            dt.date.fromisoformat(t.due or "2000-01-01")
        except ValueError:
            raise fail(f"targets[{i}].due", "target_due", i=i, due=t.due) from None
        if t.key in seen:
            raise fail(f"targets[{i}]", "target_repeat", i=i, first=seen[t.key])
        seen[t.key] = i


def _bad_char(value: str) -> dict[str, str | int]:
    """Which character breaks a header value, without repeating the value (it may be secret)."""
    index = next(i for i, ch in enumerate(value) if not _HEADER_VALUE.fullmatch(ch))
    return {"char": f"U+{ord(value[index]):04X}", "position": index + 1}


def is_url(location: str) -> bool:
    """A source location that names an HTTP(S) address, not a path."""
    return location.startswith(("http://", "https://"))


def url_fault(location: str) -> tuple[str, dict[str, Any]] | None:
    """Why an http(s) location cannot be requested (no host, a broken IPv6 literal, a port
    that is not a number), as a ConfigError kind and fields, or None; other locations are
    files and not judged here."""
    from urllib.parse import urlsplit

    if not location.startswith(("http://", "https://")):
        return None
    try:
        parts = urlsplit(location)
        port = parts.port
    except ValueError as exc:
        return "url_invalid", {"location": location, "detail": str(exc)}
    host = parts.hostname or ""
    if not host:
        return "url_no_host", {"location": location}
    if any(not 0x21 <= ord(ch) <= 0x7E for ch in host) or port == 0:
        return "url_unrequestable", {"location": location}
    return None


def url_problem(location: str, lang: Lang = "en") -> str | None:
    """url_fault() in words."""
    from cchc_tui.i18n import config_problem_text

    fault = url_fault(location)
    return None if fault is None else config_problem_text(*fault, lang)


def _check_location(location: str, fail: Any) -> None:
    fault = url_fault(location)
    if fault is not None:
        raise fail("source.location", "at_key", at="source.location",
                   inner=fault[0], inner_fields=fault[1])


def check_environment(source: SourceConfig, environ: Mapping[str, str] | None = None) -> None:
    """Before anything starts: every variable the [source] names is set and fits in an HTTP
    header. Raises ConfigError naming the variable and the key (never the value)."""
    env = os.environ if environ is None else environ
    wanted = [(source.token_env, "source.token_env")] if source.token_env else []
    wanted += [(var, f"source.header_env.{header}") for header, var in source.header_env.items()]
    for var, key in wanted:
        value = env.get(var, "")
        if not value:
            raise ConfigError("the environment", "env_unset", {"var": var, "key": key}, key=key)
        if not _HEADER_VALUE.fullmatch(value):
            raise ConfigError("the environment", "env_bad_char",
                              {"var": var, "key": key, **_bad_char(value)}, key=key)


def _layer(raw: dict[str, Any], where: str, text: str | None, *, strict: bool = True) -> ConfigFile:
    for t in raw.get("targets", []) if isinstance(raw.get("targets"), list) else []:
        # A bare TOML date (due = 2025-12-31) means the same as the quoted one.
        if isinstance(t, dict) and type(t.get("due")) is dt.date:
            t["due"] = t["due"].isoformat()
    try:
        layer = msgspec.convert(raw, ConfigFile, strict=strict)
    except msgspec.ValidationError as e:
        raise explain(ConfigFile, e, raw, where, text) from None
    _check(layer, where, text)
    return layer


def _read_file(path: Path) -> tuple[dict[str, Any], str]:
    where = str(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(where, "not_utf8",
                          line=data[: e.start].count(b"\n") + 1) from None
    except OSError as e:  # missing, a directory, no permission…
        raise ConfigError(where, "unreadable", {"errno": e.errno, "reason": e.strerror}) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        detail = re.sub(r"\s*\(at [^)]*\)$", "", str(e))
        raise ConfigError(where, "not_toml", {"detail": detail, "column": m[2] if m else None},
                          line=int(m[1]) if m else None) from None


def _nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """{"app.lang": "en"} -> {"app": {"lang": "en"}}; None values (flags not given) are skipped."""
    out: dict[str, Any] = {}
    for dotted, value in flat.items():
        if value is None:
            continue
        *parents, last = dotted.split(".")
        node = out
        for p in parents:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ConfigError("the command line", "flag_clash", {"key": dotted, "parent": p},
                                  key=dotted)
        node[last] = value
    return out


def _lang_of(raw: dict[str, Any], before: Lang | None) -> Lang | None:
    """The layer's `app.lang` when it is a language the app speaks, else the one before."""
    app = raw.get("app")
    lang = app.get("lang") if isinstance(app, dict) else None
    return "vi" if lang == "vi" else "en" if lang == "en" else before


def load_config(
    *,
    config_dir: Path | None,
    extra_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Defaults < `config_dir/*.toml` (default.toml first) < `extra_file` < `overrides`.

    Tables merge key by key; targets merge by (kpi, scope, due), and a layer with
    `targets_replace = true` drops the targets of the layers before it.
    Raises ConfigError naming the file (or the command line), line and key.
    """
    paths: list[Path] = []
    if config_dir is not None:
        if not config_dir.is_dir():
            raise ConfigError(str(config_dir), "no_config_dir")
        paths = sorted(config_dir.glob("*.toml"), key=lambda p: (p.name != "default.toml", p.name))
    if extra_file is not None:
        paths.append(extra_file)
    layers: list[tuple[ConfigFile, dict[str, Any]]] = []
    rotation_set_in: tuple[str, str | None] = ("the defaults", None)
    lang: Lang | None = None  # app.lang of the layers read so far: a broken one is told in it
    try:
        for path in paths:
            raw, text = _read_file(path)
            lang = _lang_of(raw, lang)
            layers.append((_layer(raw, str(path), text), raw))
            if "meeting_rotation" in raw.get("app", {}):
                rotation_set_in = (str(path), text)
        if overrides:
            raw = _nest(overrides)
            lang = _lang_of(raw, lang)
            layers.append((_layer(raw, "the command line", None, strict=False), raw))
            if "meeting_rotation" in raw.get("app", {}):
                rotation_set_in = ("the command line", None)
    except ConfigError as exc:
        exc.lang = lang
        raise
    sections: dict[str, dict[str, Any]] = {"app": {}, "source": {}, "checks": {}}
    targets: dict[tuple[str, str, str | None], TargetConfig] = {}
    for layer, raw in layers:
        for name, merged in sections.items():
            for key in raw.get(name, {}):  # only the keys this layer wrote, validated values
                new, old = getattr(getattr(layer, name), key), merged.get(key)
                merged[key] = {**old, **new} if isinstance(old, dict) else new
        if layer.targets_replace:
            targets.clear()
        targets.update((t.key, t) for t in layer.targets)
    app = AppConfig(**sections["app"])
    if app.meeting_rotation == "units" and not app.meeting_units:
        set_in, set_text = rotation_set_in
        raise ConfigError(set_in, "rotation_empty", key="app.meeting_rotation",
                          line=find_line(set_text, "app.meeting_rotation") if set_text else None)
    return Config(
        app=app,
        source=SourceConfig(**sections["source"]),
        checks=ChecksConfig(**sections["checks"]),
        targets=tuple(targets.values()),
        files=tuple(str(p) for p in paths),
    )


def targets_from_config(config: Config) -> list[Target]:
    """The config's `[[targets]]` as the engine's targets, each naming the files it came from."""
    origin = ", ".join(config.files) or "config"
    return [Target(t.kpi, float(t.value), dt.date.fromisoformat(t.due) if t.due else None,
                   t.scope, t.basis, origin) for t in config.targets]
