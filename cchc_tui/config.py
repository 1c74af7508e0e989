"""Typed configuration: TOML layers validated one by one, merged, and explained when wrong."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, field

from cchc_tui.kpi.catalogue import KPI_IDS, LEVELS

_ENV_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_ENV_DESC = "the NAME of an environment variable (letters, digits, _)"
_ENV = Meta(pattern=f"^{_ENV_NAME}$", description=_ENV_DESC)
_ENV_OR_EMPTY = Meta(pattern=f"^({_ENV_NAME})?$", description=f'"" or {_ENV_DESC}')
_DATE = Meta(pattern=r"^\d{4}-\d{2}-\d{2}$", description='a date written "YYYY-MM-DD"')
_SCOPE = Meta(min_length=1, description=f'"*", a level ({", ".join(LEVELS)}) or a unit code')
# Static headers that would carry a secret; those belong in `header_env` / `token_env`.
_SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie"}


class _Table(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """Base of every config table: strict (unknown keys rejected), keyword-only, immutable."""


class AppConfig(_Table, frozen=True):
    """`[app]`: the dashboard itself."""

    lang: Literal["vi", "en"] = "vi"  # interface language: "vi" (tiếng Việt) or "en"
    interval: Annotated[float, Meta(ge=1)] = 60.0  # seconds between polls / file checks
    meeting_rotate_seconds: Annotated[float, Meta(ge=3)] = 15.0  # meeting mode: s per unit


class SourceConfig(_Table, frozen=True):
    """`[source]`: where the feed comes from and how it is fetched."""

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
    targets: tuple[TargetConfig, ...] = ()


class Config(_Table, frozen=True):
    """The merged configuration the app runs with."""

    app: AppConfig = field(default_factory=AppConfig)  # [app]
    source: SourceConfig = field(default_factory=SourceConfig)  # [source]
    targets: tuple[TargetConfig, ...] = ()  # merged by (kpi, scope, due)
    files: tuple[str, ...] = ()  # config files loaded, in order (not a TOML key)


class ConfigError(Exception):
    """A config mistake, told in sentences: where, which key, what was expected."""

    def __init__(
        self, where: str, problem: str, *, line: int | None = None, key: str | None = None
    ) -> None:
        self.where, self.problem, self.line, self.key = where, problem, line, key
        super().__init__(where, problem)  # line and key travel in __dict__ (pickle-safe)

    def __str__(self) -> str:
        place = self.where if self.line is None else f"{self.where}, line {self.line}"
        return f"Config error in {place}: {self.problem}"


def _suggest(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" Did you mean `{close[0]}`?" if close else ""


# --- locating a dotted key in TOML text (best effort) -------------------------------------
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


def _norm_key(key: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in key.split("."))


def find_line(text: str, dotted: str) -> int | None:
    """The 1-based line of `source.timeout` or `targets[3].kpi` (4th block), or its parent's."""
    lines: dict[str, int] = {}
    table, counts = "", dict[str, int]()
    for number, raw in enumerate(text.splitlines(), 1):
        if m := _HEADER.match(raw):
            table = _norm_key(m[2])
            if m[1] == "[[":
                counts[table] = counts.get(table, -1) + 1
                table = f"{table}[{counts[table]}]"
            lines.setdefault(table, number)
        elif m := _KEY_LINE.match(raw):
            key = _norm_key(m[1])
            lines.setdefault(f"{table}.{key}" if table else key, number)
    while dotted and dotted not in lines:
        dotted = re.sub(r"(\.[^.\[]*|\[\d+\]|^[^.\[]*)$", "", dotted)  # drop the last part
    return lines.get(dotted)


# --- turning msgspec's validation errors into TOML words ----------------------------------
def _dotted(segments: list[str | int]) -> str:
    out = ""
    for s in segments:
        out += f"[{s}]" if isinstance(s, int) else (f".{s}" if out else s)
    return out


def _unwrap(tp: Any) -> tuple[Any, list[Meta]]:
    """The base type under Annotated[...] and `| None`, with the Meta constraints met."""
    metas: list[Meta] = []
    while typing.get_origin(tp) in (Annotated, typing.Union, types.UnionType):
        if typing.get_origin(tp) is Annotated:
            tp, *more = typing.get_args(tp)
            metas += more
        else:
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return tp, metas


def _walk(raw: Any, segments: list[str | int]) -> tuple[Any, Any, list[str | int]]:
    """Type, raw value and resolved path at `segments` (msgspec writes a dict key as `...`)."""
    tp: Any = ConfigFile
    value, path = raw, list[str | int]()
    for seg in segments:
        base, _ = _unwrap(tp)
        if seg == "..." and isinstance(value, dict):
            tp = typing.get_args(base)[1]
            seg = next((k for k, v in value.items() if not _fits(v, tp)), "...")
        elif isinstance(seg, int):
            tp = typing.get_args(base)[0]
        else:
            tp = {f.name: f.type for f in msgspec.structs.fields(base)}.get(seg, Any)
        value = value.get(seg) if isinstance(value, dict) else value[seg]  # msgspec's path exists
        path.append(seg)
    return tp, value, path


def _fits(value: Any, tp: Any) -> bool:
    try:
        msgspec.convert(value, tp)
    except msgspec.ValidationError:
        return False
    return True


def _expected(tp: Any) -> str:
    base, metas = _unwrap(tp)
    if typing.get_origin(base) is Literal:
        return "one of " + ", ".join(f'"{a}"' for a in typing.get_args(base))
    names: dict[Any, str] = {float: "a number", int: "a whole number", str: "a string",
                             bool: "true or false", dict: "a table", tuple: "an array of tables"}
    text = names.get(typing.get_origin(base) or base, "a table")
    for m in metas:
        if m.description:
            return m.description
        if m.ge is not None and m.le is not None:
            text += f" from {m.ge:g} to {m.le:g}"
        elif m.ge is not None or m.gt is not None:
            text += f" ≥ {m.ge:g}" if m.ge is not None else f" > {m.gt:g}"
    return text


def _given(value: Any, key: str) -> str:
    if key.startswith(("source.header_env", "source.token_env")):
        # Perhaps a secret pasted in place of a variable's name: never echo it.
        return "something else (not shown, in case it is a secret)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'the string "{value}"'
    if isinstance(value, int | float):
        return str(value)
    return {"dict": "a table", "list": "an array"}.get(type(value).__name__, "another value")


def _explain(err: msgspec.ValidationError, raw: Any, where: str, text: str | None) -> ConfigError:
    m = re.match(r"(?s)(.*) - at `\$(.*)`$", str(err))
    message, path = (m[1], m[2]) if m else (str(err), "")
    segments: list[str | int] = [
        name or (int(idx) if idx.isdigit() else idx)
        for name, idx in re.findall(r"\.([^.\[]+)|\[([^\]]*)\]", path)
    ]
    if u := re.match(r"Object contains unknown field `(.+)`", message):
        tp, _, segments = _walk(raw, segments)
        known = [f.name for f in msgspec.structs.fields(_unwrap(tp)[0])]
        key = _dotted([*segments, u[1]])
        problem = (f"`{key}` is not a known key; the keys allowed here are "
                   f"{', '.join(known)}.{_suggest(u[1], known)}")
    elif r := re.match(r"Object missing required field `(.+)`", message):
        key = _dotted(segments)
        problem = f"`{key}` lacks the required key `{r[1]}`."
    else:
        tp, value, segments = _walk(raw, segments)
        key = _dotted(segments)
        problem = f"`{key}` must be {_expected(tp)}, but it is {_given(value, key)}."
    return ConfigError(where, problem, line=find_line(text, key) if text else None, key=key)


# --- one layer -----------------------------------------------------------------------------
def _check(layer: ConfigFile, where: str, text: str | None) -> None:
    """The rules msgspec cannot express: known KPI ids, real dates, no secret headers."""

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(where, problem, line=find_line(text, key) if text else None, key=key)

    for name in layer.source.headers:
        if name.lower() in _SECRET_HEADERS:
            raise fail(f"source.headers.{name}", f"the header `{name}` carries a secret; name "
                       "the environment variable holding it in `source.header_env` instead.")
    seen: dict[tuple[str, str, str | None], int] = {}
    for i, t in enumerate(layer.targets):
        if t.kpi not in KPI_IDS:
            raise fail(f"targets[{i}].kpi", f'`targets[{i}].kpi` is "{t.kpi}", which is not a '
                       f"KPI id; the KPI ids are {', '.join(KPI_IDS)}.{_suggest(t.kpi, KPI_IDS)}")
        try:
            dt.date.fromisoformat(t.due or "2000-01-01")
        except ValueError:
            raise fail(f"targets[{i}].due", f'`targets[{i}].due` is "{t.due}", which is not a '
                       'real date; write it as "YYYY-MM-DD".') from None
        if t.key in seen:
            raise fail(f"targets[{i}]", f"`targets[{i}]` repeats `targets[{seen[t.key]}]` "
                       "(same kpi, scope and due); keep one of them.")
        seen[t.key] = i


def _layer(raw: dict[str, Any], where: str, text: str | None, *, strict: bool = True) -> ConfigFile:
    for t in raw.get("targets", []) if isinstance(raw.get("targets"), list) else []:
        # A bare TOML date (due = 2025-12-31) means the same as the quoted one.
        if isinstance(t, dict) and type(t.get("due")) is dt.date:
            t["due"] = t["due"].isoformat()
    try:
        layer = msgspec.convert(raw, ConfigFile, strict=strict)
    except msgspec.ValidationError as e:
        raise _explain(e, raw, where, text) from None
    _check(layer, where, text)
    return layer


def _read_file(path: Path) -> tuple[dict[str, Any], str]:
    where = str(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(where, "the file is not UTF-8 text; save it as UTF-8.",
                          line=data[: e.start].count(b"\n") + 1) from None
    except OSError as e:  # missing, a directory, no permission…
        raise ConfigError(where, f"the file cannot be read ({e.strerror}).") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        detail = re.sub(r"\s*\(at [^)]*\)$", "", str(e))
        col = f" (column {m[2]})" if m else ""
        raise ConfigError(where, f"this is not valid TOML: {detail}{col}.",
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
                raise ConfigError("the command line", f"`{dotted}` clashes with `{p}`.", key=dotted)
        node[last] = value
    return out


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
            raise ConfigError(str(config_dir), "this config directory does not exist.")
        paths = sorted(config_dir.glob("*.toml"), key=lambda p: (p.name != "default.toml", p.name))
    if extra_file is not None:
        paths.append(extra_file)
    layers: list[tuple[ConfigFile, dict[str, Any]]] = []
    for path in paths:
        raw, text = _read_file(path)
        layers.append((_layer(raw, str(path), text), raw))
    if overrides:
        raw = _nest(overrides)
        layers.append((_layer(raw, "the command line", None, strict=False), raw))
    sections: dict[str, dict[str, Any]] = {"app": {}, "source": {}}
    targets: dict[tuple[str, str, str | None], TargetConfig] = {}
    for layer, raw in layers:
        for name, merged in sections.items():
            for key in raw.get(name, {}):  # only the keys this layer wrote, validated values
                new, old = getattr(getattr(layer, name), key), merged.get(key)
                merged[key] = {**old, **new} if isinstance(old, dict) else new
        if layer.targets_replace:
            targets.clear()
        targets.update((t.key, t) for t in layer.targets)
    return Config(
        app=AppConfig(**sections["app"]),
        source=SourceConfig(**sections["source"]),
        targets=tuple(targets.values()),
        files=tuple(str(p) for p in paths),
    )
