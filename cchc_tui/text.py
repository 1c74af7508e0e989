"""Text helpers shared by the CLI and the UI: diacritic folding and vi-VN / en number formats."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

# `đ`/`Đ` (and the look-alike `Ð`, U+00D0) have no Unicode decomposition: map them first.
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})


def fold(text: str) -> str:
    """Lower-case `text` without diacritics: "Phường Đống Đa" -> "phuong dong da"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_D_TABLE).split())


# Words that name a unit's type; "song cau" should find "Phường Sông Cầu".
_TYPE_WORDS = ("thanh pho", "thi xa", "thi tran", "phuong", "quan", "huyen", "tinh", "xa", "tp")


def bare_name(folded: str) -> str:
    """A folded name without its type word: "phuong song cau" -> "song cau"."""
    for word in _TYPE_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:]
    return folded


def _group(int_digits: str, sep: str) -> str:
    out = []
    while len(int_digits) > 3:
        out.append(int_digits[-3:])
        int_digits = int_digits[:-3]
    out.append(int_digits)
    return sep.join(reversed(out))


def format_number(value: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """1109 -> "1.109" (vi) / "1,109" (en); None -> "—"."""
    if value is None:
        return "—"
    thousands, point = (".", ",") if lang == "vi" else (",", ".")
    negative = value < 0
    text = f"{abs(value):.{decimals}f}"
    int_part, _, frac = text.partition(".")
    body = _group(int_part, thousands) + (point + frac if frac else "")
    return ("-" if negative else "") + body


def format_count(value: float | int | None, lang: str = "vi") -> str:
    """A count: integers without decimals, anything else with up to 2."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return format_number(int(value), lang)
    return format_number(value, lang, 2)


def format_percent(value: float | None, lang: str = "vi", decimals: int = 2) -> str:
    """51.668 -> "51,67%" (vi) / "51.67%" (en)."""
    if value is None:
        return "—"
    return format_number(value, lang, decimals) + "%"


def format_points(value: float | None, lang: str = "vi", decimals: int = 2) -> str:
    """A signed difference in percentage points: "+3,20" / "-1,05"."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return sign + format_number(value, lang, decimals)


def format_date(value: date | datetime | None, lang: str = "vi") -> str:
    """dd/mm/yyyy in Vietnamese, ISO in English."""
    if value is None:
        return "—"
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    return value.strftime("%Y-%m-%d")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to a mistyped word, or None when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'timeout'?)' for the closest choice, or '' when none is close."""
    near = closest(word, choices)
    return f" (did you mean {near!r}?)" if near else ""
