"""Text made inert for where it goes: any output (controls escaped), a spreadsheet cell
(no formula), a Markdown table (no markup)."""

from __future__ import annotations

import math
import re
from typing import Any

from cchc_tui.text import printable

# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, tab, CR.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number as the report formats one: "-1,05", "1.109", "51.67%", "+3,20".
_NUMBER = re.compile(r"[-+]?\d[\d.,]*%?")
_MARKDOWN = re.compile(r"([\\`|*_\[\]<>])")


def printable_tree(value: Any) -> Any:
    """Every string in a JSON-like tree (keys too) passed through `printable`, and every
    infinite or NaN number made None (JSON has no such numbers; they are never a figure)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {printable_tree(k): printable_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_tree(v) for v in value]
    return value


def spreadsheet_cell(text: str, numeric: bool = False) -> str:
    """`text` that a spreadsheet shows rather than runs: a leading `'` before a formula
    character. A column of numbers keeps its real negatives ("-1,05"); text never passes."""
    if not text.startswith(_FORMULA_START):
        return text
    if numeric and _NUMBER.fullmatch(text):
        return text
    return "'" + text


def markdown_text(text: str) -> str:
    """`text` shown literally in a Markdown table or list: no cell break, code, emphasis,
    link or HTML."""
    return _MARKDOWN.sub(r"\\\1", text)
