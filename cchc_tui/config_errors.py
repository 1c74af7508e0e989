"""Config mistakes told in sentences: where, which key, what was expected, a near miss."""

from __future__ import annotations

import re
import types
import typing
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from cchc_tui.i18n import Lang
from cchc_tui.text import closest


class ConfigError(Exception):
    """A config mistake as data: where, which key, a `kind` of problem and its fields.

    The words (Vietnamese or English) are made at the edge by i18n.config_error_text();
    str() gives the English ones, for logs and tracebacks."""

    def __init__(self, where: str, kind: str, fields: dict[str, Any] | None = None, *,
                 line: int | None = None, key: str | None = None) -> None:
        self.where, self.kind, self.fields = where, kind, dict(fields or {})
        self.line, self.key = line, key
        # The language of the layers read before the mistake (set by load_config), for a
        # command line without --lang: the broken file cannot say which language it wanted.
        self.lang: Lang | None = None
        super().__init__(where, kind, self.fields)  # line and key travel in __dict__

    def text(self, lang: Lang) -> str:
        from cchc_tui.i18n import config_error_text

        return config_error_text(self, lang)

    @property
    def problem(self) -> str:
        """The problem alone, in English (no place)."""
        from cchc_tui.i18n import config_problem_text

        return config_problem_text(self.kind, self.fields, "en")

    def __str__(self) -> str:
        return self.text("en")


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The near miss of `word` among `choices` (text.closest()), worded as "did you mean"."""
    return closest(word, choices)


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


def _walk(root: Any, raw: Any,
          segments: list[str | int]) -> tuple[Any, Any, list[str | int]]:
    """Type, raw value and resolved path at `segments` (msgspec writes a dict key as `...`)."""
    tp: Any = root
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


def _expected(tp: Any) -> tuple[Any, ...]:
    """What a key wants, as data i18n words: ("one_of", choices), ("describe", text) or
    (type name, ge, le, gt)."""
    base, metas = _unwrap(tp)
    if typing.get_origin(base) is Literal:
        return ("one_of", tuple(str(a) for a in typing.get_args(base)))
    names: dict[Any, str] = {float: "number", int: "whole", str: "string", bool: "bool",
                             dict: "table", tuple: "tables"}
    if typing.get_origin(base) is tuple and _unwrap(typing.get_args(base)[0])[0] is str:
        return ("strings", None, None, None)  # e.g. ["01837", "058"]
    name = names.get(typing.get_origin(base) or base, "table")
    if described := next((m.description for m in metas if m.description), None):
        return ("describe", described)
    bound = next((m for m in metas if m.ge is not None or m.gt is not None), None)
    return (name, bound.ge, bound.le, bound.gt) if bound else (name, None, None, None)


def _given(value: Any, key: str) -> tuple[str, Any]:
    """What a key holds, as data i18n words: ("string", "fast"), ("number", 0)…"""
    if key.startswith(("source.header_env", "source.token_env")):
        # Perhaps a secret pasted in place of a variable's name: never echo it.
        return ("secret", None)
    if isinstance(value, bool):
        return ("bool", str(value).lower())
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, int | float):
        return ("number", str(value))
    return ({"dict": "table", "list": "array"}.get(type(value).__name__, "other"), None)


def explain(root: Any, err: msgspec.ValidationError, raw: Any, where: str,
            text: str | None) -> ConfigError:
    """Turn msgspec's error for the layer type `root` into sentences with a line number."""
    m = re.match(r"(?s)(.*) - at `\$(.*)`$", str(err))
    message, path = (m[1], m[2]) if m else (str(err), "")
    segments: list[str | int] = [
        name or (int(idx) if idx.isdigit() else idx)
        for name, idx in re.findall(r"\.([^.\[]+)|\[([^\]]*)\]", path)
    ]
    fields: dict[str, Any]
    if u := re.match(r"Object contains unknown field `(.+)`", message):
        tp, _, segments = _walk(root, raw, segments)
        known = [f.name for f in msgspec.structs.fields(_unwrap(tp)[0])]
        key = _dotted([*segments, u[1]])
        kind, fields = "unknown_key", {"key": key, "known": ", ".join(known),
                                       "near": suggest(u[1], known)}
    elif r := re.match(r"Object missing required field `(.+)`", message):
        key = _dotted(segments)
        kind, fields = "missing_key", {"key": key, "field": r[1]}
    else:
        tp, value, segments = _walk(root, raw, segments)
        key = _dotted(segments)
        choices = typing.get_args(_unwrap(tp)[0])
        near = None
        if isinstance(value, str) and choices and all(isinstance(c, str) for c in choices):
            near = suggest(value, choices)
        kind, fields = "wrong_value", {"key": key, "expected": _expected(tp),
                                       "given": _given(value, key), "near": near}
    return ConfigError(where, kind, fields, line=find_line(text, key) if text else None, key=key)
