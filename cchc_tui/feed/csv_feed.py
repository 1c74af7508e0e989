"""Decode a long-format CSV feed (spreadsheet exports) into a RawFeed. See docs/feed-format.md."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from cchc_tui.feed.json_feed import check_text
from cchc_tui.feed.raw import (
    REPORTED_EXTRAS,
    Collector,
    RawFeed,
    ReportedRecord,
    TargetRecord,
    UnitRecord,
)
from cchc_tui.text import did_you_mean, near_word

KINDS = ("meta", "unit", "observation", "reported", "target")
COLUMNS = ("kind", "field", "unit", "name", "level", "parent", "period", "measure", "kpi",
           "value", "note", "due", "scope", "basis", "external_id", *REPORTED_EXTRAS)
REQUIRED = {
    "meta": ("field", "value"),
    "unit": ("unit", "name", "level"),
    "observation": ("unit", "period", "measure", "value"),
    "reported": ("unit", "period", "kpi", "value"),
    "target": ("kpi", "value"),
}
META_FIELDS = ("publisher", "generated_at", "title", "url")
_VI_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")


def decode_csv(data: bytes, origin: str) -> RawFeed:
    check_text(data, origin)
    text = data.decode("utf-8").removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    out = Collector(origin)
    raw = RawFeed(origin)
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        out.error("line 1", "no header line", "no_header")
        out.raise_if_errors()
        return raw
    for name in header:
        if name and name not in COLUMNS:
            out.warn("line 1", f"unknown column {name!r} ignored{did_you_mean(name, COLUMNS)}")
    index = {name: i for i, name in enumerate(header) if name in COLUMNS}
    if "kind" not in index:
        missing = [c for c in REQUIRED["observation"] if c not in index]
        if missing:
            out.error("line 1", "the header has no 'kind' column, so every row must be an "
                                f"observation, but it lacks {', '.join(missing)} (see the CSV "
                                "section of docs/feed-format.md)", "header_lacks",
                      columns_missing=", ".join(missing))
            out.raise_if_errors()
    raw.meta["format"] = "cchc-kpi-feed"
    line_no = rows.line_num + 1  # the line a record starts on (a quoted cell may span lines)
    for row in rows:
        where, line_no = f"line {line_no}", rows.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            out.error(where, f"{len(row)} cells but the header has {len(header)} columns "
                             f"(is the separator {sep!r} used inside a value without quotes?)",
                      "cell_count", cells=str(len(row)), columns=str(len(header)), sep=repr(sep))
            continue

        def cell(name: str, row: list[str] = row) -> str | None:
            i = index.get(name)
            if i is None or i >= len(row):
                return None
            value = row[i].strip()
            return value or None

        kind = (cell("kind") or "").lower() if "kind" in index else "observation"
        if kind not in KINDS:
            out.error(where, f"kind {cell('kind')!r} is not one of {', '.join(KINDS)}"
                             f"{did_you_mean(kind, KINDS)}", "bad_kind",
                      given=repr(cell('kind')), kinds=", ".join(KINDS), near=near_word(kind, KINDS))
            continue
        missing = [c for c in REQUIRED[kind] if cell(c) is None]
        if missing:
            article = "an" if kind[0] in "aeiou" else "a"
            out.error(where, f"{article} {kind} row needs {', '.join(missing)}", "row_needs",
                      row=kind, columns_missing=", ".join(missing))
            continue
        if kind == "meta":
            key = cell("field") or ""
            if key not in META_FIELDS:
                hint = did_you_mean(key, META_FIELDS)
                out.warn(where, f"unknown meta field {key!r} ignored{hint}")
            else:
                raw.meta[key] = cell("value")
            continue
        if kind == "unit":
            raw.units.append(UnitRecord(cell("unit"), cell("name"), cell("level"),
                                        cell("parent"), cell("external_id"), where))
            continue
        value = _number(cell("value") or "", sep)
        if value is None:
            decimal = "51,67 (',' decimal mark)" if sep == ";" else "51.67"
            out.error(f"{where}, column value",
                      f"{cell('value')!r} is not a number (expected e.g. 1109 or {decimal})",
                      "not_a_number_eg", given=repr(cell("value")), decimal=decimal)
            continue
        if kind == "observation":
            raw.observations.append((cell("unit"), cell("period"), cell("measure"), value,
                                     where))  # a plain tuple, fast: raw.ObservationRow
        elif kind == "reported":
            extras = _extras(cell, sep, where, out)
            if extras is not None:
                raw.reported.append(ReportedRecord(cell("unit"), cell("period"), cell("kpi"),
                                                   value, cell("note"), extras, where))
        else:
            raw.targets.append(TargetRecord(cell("kpi"), value, cell("due"),
                                            cell("scope") or "*", cell("basis") or "", where))
    out.raise_if_errors()
    raw.warnings = out.warnings
    return raw


def _extras(cell: Callable[[str], str | None], sep: str, where: str,
            out: Collector) -> dict[str, float | int] | None:
    """The optional numbers of a reported row (numerator, denominator, score …); None when one
    of them is not a number (the error names its column)."""
    extras: dict[str, float | int] = {}
    for name in REPORTED_EXTRAS:
        text = cell(name)
        if text is None:
            continue
        number = _number(text, sep)
        if number is None:
            out.error(f"{where}, column {name}", f"{text!r} is not a number", "not_a_number",
                      given=repr(text))
            return None
        extras[name] = number
    return extras


def _number(text: str, sep: str) -> float | int | None:
    text = text.replace("\u00a0", "").replace(" ", "")
    if sep == ";":
        if not _VI_NUMBER.match(text):
            return None
        text = text.replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() \
        else value
